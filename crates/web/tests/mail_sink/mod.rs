//! A real SMTP server for the tests: Python's `aiosmtpd` (pinned in `tests/mail/requirements.txt`)
//! with its `Mailbox` handler, which writes every message it accepts to a maildir the test reads.
//!
//! The test spawns the server itself from the interpreter named by `MYO_TEST_PYTHON` (the venv
//! that `scripts/mail-check` makes); without it, the SMTP half says "skipped" and passes, like
//! the PostgreSQL half without `MYO_TEST_POSTGRES_URL`. The server is killed when the sink drops.

#![allow(dead_code)] // each test binary uses a different part of this module

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Environment variable naming a Python with `aiosmtpd` installed.
pub const PYTHON_ENV: &str = "MYO_TEST_PYTHON";

/// The public URL of the sites that send e-mail in the tests.
pub const PUBLIC: &str = "https://myo.test";

/// A test site's configuration: [`PUBLIC`] as its address, sending e-mail through `url`.
pub fn with_mail(url: String) -> impl FnOnce(&mut myo_web::Config) + Send {
    move |c: &mut myo_web::Config| {
        c.public_url = Some(PUBLIC.to_owned());
        c.mail = myo_web::mail::MailConfig::from_options(Some(&url), None, Some(PUBLIC))
            .expect("mail options");
    }
}

/// Declares each listed `async fn case(t: &TestApp, sink: &Sink)` as two tests, `sqlite::case`
/// and `postgres::case`, on a site that sends e-mail to a fresh [`Sink`] (both skipped without
/// `MYO_TEST_PYTHON`; the second also without `MYO_TEST_POSTGRES_URL`).
#[macro_export]
macro_rules! on_both_apps_with_sink {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let name = concat!("sqlite::", stringify!($case));
                    let Some(sink) = $crate::mail_sink::Sink::start(name).await else {
                        return;
                    };
                    let t = $crate::common::TestApp::sqlite_with(
                        $crate::mail_sink::with_mail(sink.url()),
                    )
                    .await;
                    super::$case(&t, &sink).await;
                    t.cleanup().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let name = concat!("postgres::", stringify!($case));
                    let Some(sink) = $crate::mail_sink::Sink::start(name).await else {
                        return;
                    };
                    if let Some(t) = $crate::common::TestApp::postgres_with(
                        stringify!($case),
                        $crate::mail_sink::with_mail(sink.url()),
                    )
                    .await
                    {
                        super::$case(&t, &sink).await;
                        t.cleanup().await;
                    }
                }
            )*
        }
    };
}

/// A running SMTP server on loopback and the maildir it writes.
pub struct Sink {
    child: Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
    dir: PathBuf,
}

impl Sink {
    /// Starts the server, or `None` (after saying so) when no Python is configured.
    pub async fn start(test: &str) -> Option<Sink> {
        let Ok(python) = std::env::var(PYTHON_ENV) else {
            eprintln!(
                "{test}: SMTP half skipped: {PYTHON_ENV} is not set (scripts/mail-check sets it)"
            );
            return None;
        };
        let dir =
            std::env::temp_dir().join(format!("myo-mail-{}", myo_store::token::random_hex(8)));
        // A free port: bind, read, release (the server binds it a moment later).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        let sink = Sink { child, port, dir };
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Some(sink);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("aiosmtpd did not start listening on 127.0.0.1:{port}");
    }

    /// `smtp://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The messages received so far (raw RFC 5322 text), oldest first.
    pub fn messages(&self) -> Vec<String> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.join("new"))
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    }

    /// Waits (a bounded number of polls, not a timing assertion) until at least `n` messages
    /// have arrived; returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<String> {
        for _ in 0..400 {
            let got = self.messages();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {n} messages, got {}", self.messages().len());
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The body of a raw message with quoted-printable soft line breaks joined and `=3D` decoded
/// (enough to read links out of it).
pub fn body_text(raw: &str) -> String {
    let body = raw
        .split_once("\n\n")
        .or_else(|| raw.split_once("\r\n\r\n"))
        .map_or(raw, |(_, b)| b);
    body.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

/// The value of header `name` (first occurrence, unfolded).
pub fn header(raw: &str, name: &str) -> String {
    let prefix = format!("{}:", name.to_ascii_lowercase());
    raw.lines()
        .find(|l| l.to_ascii_lowercase().starts_with(&prefix))
        .map(|l| l[prefix.len()..].trim().to_owned())
        .unwrap_or_default()
}
