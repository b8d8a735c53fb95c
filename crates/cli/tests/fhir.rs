//! `myo fhir import` end to end on SQLite in a temporary directory: a dry run prints what
//! would be added and saves nothing; the import saves the valid part and prints each refusal
//! with the field in plain words (daily methotrexate, an impossible date); a second run finds
//! only duplicates; JSON output; standard input; and the refusals of the command itself (no
//! such account, a clinician's account, a missing or oversized file).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const SYNTHEA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fhir/tests/fixtures/import/synthea-style-patient.json"
);

fn temp_dir() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("myo-cli-fhir-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn myo(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_myo"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run myo");
    let mut input = child.stdin.take().unwrap();
    // The command may stop reading early (an oversized file); a closed pipe is fine.
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn add_user(data: &str, email: &str, role: &str) {
    let o = myo(
        &[
            "user",
            "add",
            "--email",
            email,
            "--role",
            role,
            "--password-stdin",
            "--data-dir",
            data,
        ],
        "a long enough password\n",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
}

fn import(data: &str, file: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "fhir",
        "import",
        file,
        "--patient",
        "rosa@example.org",
        "--data-dir",
        data,
    ];
    args.extend_from_slice(extra);
    myo(&args, "")
}

#[test]
fn dry_run_then_import_then_duplicates() {
    let dir = temp_dir();
    let data = dir.join("data");
    let data = data.to_str().unwrap();
    add_user(data, "rosa@example.org", "patient");

    let o = import(data, SYNTHEA, &["--dry-run"]);
    assert_eq!(o.status.code(), Some(2), "a refusal: {}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.starts_with("dry run: nothing was saved\n"), "{out}");
    assert!(
        out.contains("would add: Lab result: Creatine kinase (CK) 4120 U/L on 2026-03-04\n"),
        "{out}"
    );
    assert_eq!(out.matches("would add: ").count(), 8, "{out}");
    let refusal = out
        .lines()
        .find(|l| l.starts_with("refused: "))
        .expect("the daily methotrexate is refused");
    assert!(
        refusal.starts_with("refused: How often: ")
            && refusal.to_lowercase().contains("week")
            && refusal.ends_with("(entry[12].resource (schedule.kind))"),
        "{refusal}"
    );
    assert_eq!(out.matches("skipped: ").count(), 6, "{out}");

    // The dry run saved nothing: the real import adds all eight.
    let o = import(data, SYNTHEA, &[]);
    assert_eq!(o.status.code(), Some(2));
    let out = text(&o.stdout);
    assert!(out.starts_with("8 record(s) were added"), "{out}");
    assert_eq!(out.matches("added: ").count(), 8, "{out}");

    // Again: everything is already there.
    let o = import(data, SYNTHEA, &["--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["saved"], 0);
    assert_eq!(v["duplicates"].as_array().unwrap().len(), 8, "{v}");
    assert_eq!(v["refused"][0]["field"], "How often");
    assert_eq!(v["confirmed"], true);
}

#[test]
fn impossible_dates_are_refused_by_name_and_stdin_works() {
    let dir = temp_dir();
    let data = dir.join("data");
    let data = data.to_str().unwrap();
    add_user(data, "rosa@example.org", "patient");
    let lab = |date: &str| {
        serde_json::json!({"resource": {"resourceType": "Observation", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "2157-6"}]},
            "effectiveDateTime": date,
            "valueQuantity": {"value": 300, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "U/L"}}})
    };
    let bundle = serde_json::json!({"resourceType": "Bundle", "type": "collection",
        "entry": [lab("2026-02-30"), lab("2026-02-27")]})
    .to_string();
    let o = myo(
        &[
            "fhir",
            "import",
            "-",
            "--patient",
            "rosa@example.org",
            "--data-dir",
            data,
        ],
        &bundle,
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("refused: Date: '2026-02-30' is not a real date")
            && out.contains("(entry[0].resource.effectiveDateTime)"),
        "{out}"
    );
    assert!(
        out.contains("added: Lab result: Creatine kinase (CK) 300 U/L on 2026-02-27"),
        "{out}"
    );

    // A file with nothing refused: exit 0.
    let clean = serde_json::json!({"resourceType": "Bundle", "type": "collection",
        "entry": [lab("2026-02-26")]})
    .to_string();
    let path = dir.join("clean.json");
    std::fs::write(&path, clean).unwrap();
    let o = import(data, path.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
}

#[test]
fn the_command_refuses_wrong_accounts_and_files() {
    let dir = temp_dir();
    let data = dir.join("data");
    let data = data.to_str().unwrap();
    add_user(data, "doc@example.org", "clinician");

    let o = import(data, SYNTHEA, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("--patient: no active account rosa@example.org"),
        "{}",
        text(&o.stderr)
    );
    let o = myo(
        &[
            "fhir",
            "import",
            SYNTHEA,
            "--patient",
            "doc@example.org",
            "--data-dir",
            data,
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("is a clinician account; records are imported into a patient's"),
        "{}",
        text(&o.stderr)
    );
    let missing = dir.join("missing.json");
    let o = import(data, missing.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("FILE: cannot open"),
        "{}",
        text(&o.stderr)
    );
    let big = dir.join("big.json");
    std::fs::write(&big, vec![b' '; 4 * 1024 * 1024 + 1]).unwrap();
    let o = import(data, big.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("larger than the import limit of 4 MiB"),
        "{}",
        text(&o.stderr)
    );
}
