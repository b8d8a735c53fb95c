//! E-mail reminders from two real `myo serve` processes on one database, over real SMTP: each
//! reminder arrives exactly once.
//!
//! A first server (no e-mail) signs two people up through the site as they would: each adds a
//! weekly methotrexate started a month ago (so monitoring tests are due) and last wrote in the
//! diary five days ago; only one of them opts in to both reminders. Two servers are then started
//! at once on the same database (one PostgreSQL schema; one SQLite file) with `--smtp-url`
//! pointing at Python's `aiosmtpd` (see `mail_sink`) and `--reminder-every 1`, so both run their
//! reminder job at start and every second. After each has finished several rounds, every
//! message planned in the outbox was received once, nothing went to the person who did not opt
//! in, each sent reminder was audited once, and the processes' own counts of what they sent add
//! up to what the SMTP server received.
//!
//! Skipped without `MYO_TEST_PYTHON` (`scripts/mail-check` sets it); the PostgreSQL half also
//! without `MYO_TEST_POSTGRES_URL`.

#[path = "../../web/tests/mail_sink/mod.rs"]
mod mail_sink;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mail_sink::{PUBLIC, Sink};
use sqlx::{AssertSqlSafe, Connection};

const PW: &str = "correct horse battery staple";
/// Rounds each mailing server must finish before the count is read.
const ROUNDS: usize = 4;
/// People who opt in (each has several reminders due, so the two servers' claims overlap).
const PEOPLE: usize = 4;

/// A `myo serve` child process and its log (stderr), read by a thread.
struct Server {
    child: Child,
    addr: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(database_url: &str, data_dir: &Path, extra: &[&str]) -> Server {
        Server::spawn(database_url, data_dir, extra).ready()
    }

    /// Starts the process without waiting for it to listen (see [`Starting::ready`]).
    fn spawn(database_url: &str, data_dir: &Path, extra: &[&str]) -> Starting {
        let mut child = Command::new(env!("CARGO_BIN_EXE_myo"))
            .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .args(["--database-url", database_url])
            .args(extra)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run myo serve");
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().expect("stderr");
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().expect("log").push(strip_ansi(&line));
            }
        });
        Starting { child, log }
    }

    /// `(rounds finished, reminders this process says it sent)` from its log.
    fn rounds(&self) -> (usize, usize) {
        let log = self.log.lock().expect("log");
        let done: Vec<&String> = log
            .iter()
            .filter(|l| l.contains("reminder round done"))
            .collect();
        let sent = done
            .iter()
            .filter_map(|l| l.split("sent=").nth(1))
            .filter_map(|v| v.split_whitespace().next()?.parse::<usize>().ok())
            .sum();
        (done.len(), sent)
    }

    fn log_text(&self) -> String {
        self.log.lock().expect("log").join("\n")
    }

    /// One HTTP/1.0 request (so the answer is never chunked and the connection closes):
    /// `(status, headers in lower case, body)`.
    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Resp {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(60))).ok();
        let mut head = format!(
            "{method} {path} HTTP/1.0\r\nHost: {}\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        s.write_all(head.as_bytes()).expect("send head");
        s.write_all(body.as_bytes()).expect("send body");
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read answer");
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").expect("answer head");
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|c| c.parse().ok())
            .expect("status");
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        Resp {
            status,
            headers,
            body: body.to_owned(),
        }
    }

    fn form(&self, path: &str, fields: &[(&str, &str)], cookie: Option<&str>) -> Resp {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut h = vec![
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Sec-Fetch-Site", "same-origin"),
        ];
        if let Some(c) = cookie {
            h.push(("Cookie", c));
        }
        self.request("POST", path, &h, &body)
    }

    fn stop(mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// A `myo serve` process started but perhaps not yet listening.
struct Starting {
    child: Child,
    log: Arc<Mutex<Vec<String>>>,
}

impl Starting {
    /// Waits for the first line of stdout, which names the address it listens on.
    fn ready(mut self) -> Server {
        let mut first = String::new();
        BufReader::new(self.child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("first line");
        let Some(addr) = first.trim().strip_prefix("listening on http://") else {
            self.child.kill().ok();
            let status = self.child.wait();
            // Let the log reader drain what the process wrote before it ended.
            std::thread::sleep(Duration::from_millis(200));
            panic!(
                "server did not start ({status:?}): {first:?}\n{}",
                self.log.lock().expect("log").join("\n")
            );
        };
        Server {
            addr: addr.to_owned(),
            child: self.child,
            log: self.log,
        }
    }
}

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Resp {
    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The value of `name="csrf"` (or `id="new-token"`) in a page.
fn value_after<'a>(body: &'a str, marker: &str) -> &'a str {
    let at = body
        .find(marker)
        .unwrap_or_else(|| panic!("{marker}: {body}"));
    body[at..]
        .split("value=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .expect("value")
}

/// Signs up through the site and sets the person up: a weekly methotrexate started a month ago,
/// the last diary entry five days ago, and (when `opt_in`) both e-mail reminders.
fn set_up(s: &Server, email: &str, opt_in: bool) {
    let r = s.form(
        "/signup",
        &[
            ("email", email),
            ("display_name", "Pat"),
            ("password", PW),
            ("password_confirm", PW),
        ],
        None,
    );
    assert!(r.status < 400, "sign-up {}: {}", r.status, r.body);
    let r = s.form("/signin", &[("email", email), ("password", PW)], None);
    assert_eq!(r.status, 303, "sign-in: {}", r.body);
    let cookie = r.header("set-cookie").split(';').next().expect("cookie");
    let r = s.request("GET", "/tracker", &[("Cookie", cookie)], "");
    assert_eq!(r.status, 303, "{}", r.body);
    let id = r.header("location").trim_start_matches("/patients/");
    let csrf = value_after(
        &s.request("GET", "/account", &[("Cookie", cookie)], "").body,
        "name=\"csrf\"",
    )
    .to_owned();
    let r = s.form(
        "/account/tokens",
        &[("csrf", &csrf), ("name", "setup")],
        Some(cookie),
    );
    let bearer = format!("Bearer {}", value_after(&r.body, "id=\"new-token\""));
    let today = myo_web::tracker::today().expect("today");
    let med = format!(
        r#"{{"name":"Methotrexate","dose":{{"amount":15,"unit":"mg"}},"route":"oral","schedule":{{"kind":"weekly","day":"friday","time":"08:00"}},"start":"{}"}}"#,
        today.add_days(-30)
    );
    let r = s.request(
        "POST",
        &format!("/api/v1/patients/{id}/medicines"),
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &bearer),
        ],
        &med,
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let day = today.add_days(-5).to_string();
    let r = s.form(
        &format!("/patients/{id}/diary"),
        &[("csrf", &csrf), ("date", &day), ("weakness", "4")],
        Some(cookie),
    );
    assert!(r.status < 400, "diary {}: {}", r.status, r.body);
    if opt_in {
        let r = s.form(
            &format!("/patients/{id}/reminders"),
            &[
                ("csrf", &csrf),
                ("kind", "monitoring_due"),
                ("kind", "missed_diary"),
            ],
            Some(cookie),
        );
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.body.contains("id=\"reminder-missed_diary\" checked"));
    }
}

/// `(reminders planned, reminders sent, sends audited)` in the shared database.
async fn outbox(database_url: &str) -> (i64, i64, i64) {
    let sql = [
        "SELECT COUNT(*) FROM reminder_outbox",
        "SELECT COUNT(*) FROM reminder_outbox WHERE sent_at IS NOT NULL",
        "SELECT COUNT(*) FROM audit_events WHERE resource_type = 'reminder'",
    ];
    let mut out = [0_i64; 3];
    if database_url.starts_with("sqlite:") {
        let mut c = sqlx::SqliteConnection::connect(database_url)
            .await
            .expect("open SQLite");
        for (o, q) in out.iter_mut().zip(sql) {
            *o = sqlx::query_scalar(AssertSqlSafe(q))
                .fetch_one(&mut c)
                .await
                .expect(q);
        }
    } else {
        let mut c = sqlx::PgConnection::connect(database_url)
            .await
            .expect("connect PostgreSQL");
        for (o, q) in out.iter_mut().zip(sql) {
            *o = sqlx::query_scalar(AssertSqlSafe(q))
                .fetch_one(&mut c)
                .await
                .expect(q);
        }
    }
    (out[0], out[1], out[2])
}

async fn each_reminder_once(database_url: &str, data_dir: &Path, sink: &Sink) {
    let setup = Server::start(database_url, data_dir, &["--log", "warn"]);
    for n in 0..PEOPLE {
        set_up(&setup, &format!("remind{n}@example.org"), true);
    }
    set_up(&setup, "quiet@example.org", false);
    setup.stop();

    let smtp = sink.url();
    let mailing = [
        "--public-url",
        PUBLIC,
        "--smtp-url",
        &smtp,
        "--reminder-every",
        "1",
        "--log",
        "debug",
    ];
    // Both started before either is waited for, so their first rounds (at start) overlap.
    let starting = [
        Server::spawn(database_url, data_dir, &mailing),
        Server::spawn(database_url, data_dir, &mailing),
    ];
    let servers = starting.map(Starting::ready);
    // Bounded polling, not a timing assertion: until each process has finished its rounds.
    for _ in 0..600 {
        if servers.iter().all(|s| s.rounds().0 >= ROUNDS) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    for s in &servers {
        assert!(
            s.rounds().0 >= ROUNDS,
            "a server did not run its reminder rounds:\n{}",
            s.log_text()
        );
    }
    let (planned, sent, audited) = outbox(database_url).await;
    let split: Vec<usize> = servers.iter().map(|s| s.rounds().1).collect();
    let claimed: usize = split.iter().sum();
    eprintln!("{planned} reminders planned; sent by each server: {split:?}");
    let logs: Vec<String> = servers.iter().map(Server::log_text).collect();
    for s in servers {
        s.stop();
    }
    let messages = sink.messages();
    let got = i64::try_from(messages.len()).expect("count");
    let people = i64::try_from(PEOPLE).expect("people");
    assert!(
        planned >= 2 * people,
        "a test due and the diary gap each: {planned}"
    );
    assert_eq!(sent, planned, "every planned reminder was sent");
    assert_eq!(got, planned, "each reminder received exactly once");
    assert_eq!(audited, planned, "each send audited once");
    assert_eq!(
        claimed,
        messages.len(),
        "the processes' own counts:\n{logs:?}"
    );
    let mut seen: Vec<String> = messages
        .iter()
        .map(|m| {
            assert!(
                mail_sink::header(m, "To").contains("@example.org")
                    && !mail_sink::header(m, "To").contains("quiet@"),
                "only the person who opted in: {m}"
            );
            assert!(mail_sink::body_text(m).contains("does not diagnose"), "{m}");
            format!(
                "{} {}",
                mail_sink::header(m, "To"),
                mail_sink::header(m, "Subject")
            )
        })
        .collect();
    assert_eq!(
        seen.iter()
            .filter(|s| s.contains("diary is waiting"))
            .count(),
        PEOPLE,
        "one reminder for each person's diary gap: {seen:?}"
    );
    seen.sort();
    let all = seen.len();
    seen.dedup();
    assert_eq!(seen.len(), all, "no reminder twice");
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("myo-{name}-{}", myo_store::token::random_hex(8)));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_sqlite_file_send_each_reminder_once() {
    let Some(sink) = Sink::start("two_servers_on_one_sqlite_file").await else {
        return;
    };
    let dir = temp_dir("two-servers-sqlite");
    let url = format!("sqlite://{}", dir.join("myo.db").display());
    each_reminder_once(&url, &dir, &sink).await;
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres_database_send_each_reminder_once() {
    let Some(sink) = Sink::start("two_servers_on_one_postgres_database").await else {
        return;
    };
    let Ok(base) = std::env::var("MYO_TEST_POSTGRES_URL") else {
        eprintln!("PostgreSQL half skipped: MYO_TEST_POSTGRES_URL is not set");
        return;
    };
    let schema = format!("r_{}", myo_store::token::random_hex(8));
    let mut admin = sqlx::PgConnection::connect(&base).await.expect("connect");
    sqlx::query(AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&mut admin)
        .await
        .expect("create schema");
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options[search_path]={schema}");
    let dir = temp_dir("two-servers-pg");
    each_reminder_once(&url, &dir, &sink).await;
    sqlx::query(AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
        .execute(&mut admin)
        .await
        .expect("drop schema");
    std::fs::remove_dir_all(&dir).ok();
}
