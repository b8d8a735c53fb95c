//! A reader that closes the pipe early (`myo kb list --json | head -1`) ends output quietly: no
//! panic, no error message, exit code 0. Each command here writes more than a pipe buffer
//! (64 KiB), so the write after the reader has gone really fails.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

fn closes_early(args: &[&str]) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_myo"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("myo starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("first line");
    // The reader is dropped here: the pipe is closed while myo still has output to write.
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    let status = child.wait().expect("myo exits");
    assert!(!first.is_empty(), "{args:?}: no output at all");
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    assert!(status.success(), "{args:?}: {status}, stderr: {stderr}");
}

#[test]
fn kb_list_json_into_a_closed_pipe_exits_quietly() {
    closes_early(&["kb", "list", "--json"]);
}

#[test]
fn score_ndjson_into_a_closed_pipe_exits_quietly() {
    let dir = std::env::temp_dir().join(format!("myo-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("cases.ndjson");
    let case = r#"{"age_at_onset_years": 45, "heliotrope_rash": true, "gottrons_papules": true}"#;
    std::fs::write(&file, format!("{case}\n").repeat(2000)).expect("cases written");
    closes_early(&[
        "score",
        "eular-acr-2017",
        file.to_str().expect("utf-8 path"),
    ]);
    std::fs::remove_dir_all(&dir).ok();
}
