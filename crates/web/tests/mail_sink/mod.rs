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
