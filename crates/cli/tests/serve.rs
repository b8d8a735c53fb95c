//! `myo serve` warns at start when it cannot know its public address (no `--public-url`), and
//! says nothing of the kind when it has one.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Starts `myo serve` with `extra` options, returns its log (stderr) up to the "ready" line,
/// then stops it.
fn start_log(extra: &[&str]) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("myo-cli-serve-{}-{nanos}", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_myo"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(&dir)
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run myo serve");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let ready = line.contains("ready");
            if tx.send(line).is_err() || ready {
                break;
            }
        }
    });
    let mut log = String::new();
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(120)) {
        log.push_str(&line);
        log.push('\n');
        if line.contains("ready") {
            break;
        }
    }
    child.kill().ok();
    child.wait().ok();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(log.contains("ready"), "server did not start: {log}");
    log
}

#[test]
fn serve_warns_when_it_does_not_know_its_public_address() {
    let log = start_log(&[]);
    assert!(
        log.contains("WARN") && log.contains("no --public-url"),
        "{log}"
    );
    let log = start_log(&["--public-url", "https://myo.example.org"]);
    assert!(!log.contains("no --public-url"), "{log}");
}
