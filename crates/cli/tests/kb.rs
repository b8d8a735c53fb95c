//! End-to-end tests of `myo kb …` against the fixture KB of `myo-kb` and the built-in KB.

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../kb/tests/fixtures")
}

fn myo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_myo"))
        .args(args)
        .output()
        .expect("run myo")
}

/// Runs against the valid fixture KB on a fixed day.
fn myo_fixture(args: &[&str]) -> Output {
    let dir = fixtures().join("valid");
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--dir", dir.to_str().unwrap(), "--today", "2026-12-03"]);
    myo(&all)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn check_passes_on_the_valid_fixture() {
    let seeds = fixtures().join("seeds");
    let o = myo_fixture(&["kb", "check", "--seeds", seeds.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("symptoms/heliotrope-rash"), "{out}");
    assert!(out.contains("copy check against 1 seed page(s)"), "{out}");
    assert!(out.trim_end().ends_with("PASSED"), "{out}");
}

#[test]
fn check_json_reports_grades_and_problems() {
    let seeds = fixtures().join("seeds");
    let o = myo_fixture(&["kb", "check", "--json", "--seeds", seeds.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["passed"], true);
    assert_eq!(v["entries_checked"], 7);
    assert_eq!(v["copy_check_skipped"], false);
    assert!(v["entries"][0]["grade"].is_number());
}

#[test]
fn check_fails_with_exit_1_and_names_the_problem() {
    let dir = std::env::temp_dir().join(format!("myo-kb-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("symptoms")).unwrap();
    let valid = fixtures().join("valid");
    std::fs::copy(valid.join("sources.toml"), dir.join("sources.toml")).unwrap();
    let bad = fixtures().join("invalid/unknown-related/symptoms/rash-c.md");
    std::fs::copy(bad, dir.join("symptoms/rash-c.md")).unwrap();
    let seeds = fixtures().join("seeds");
    let o = myo(&[
        "kb",
        "check",
        "--dir",
        dir.to_str().unwrap(),
        "--seeds",
        seeds.to_str().unwrap(),
    ]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("related: 'no-such-entry' is not an entry id"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("FAILED"), "{out}");
}

#[test]
fn check_lists_files_that_do_not_parse_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("myo-kb-cli-parse-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("drugs")).unwrap();
    let valid = fixtures().join("valid");
    std::fs::copy(valid.join("sources.toml"), dir.join("sources.toml")).unwrap();
    let bad = fixtures().join("invalid/parse-bad-unit/drugs/drug-t.md");
    std::fs::copy(bad, dir.join("drugs/drug-t.md")).unwrap();
    let o = myo(&["kb", "check", "--dir", dir.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("drugs/drug-t.md"), "{err}");
    assert!(
        err.contains("field `drug.typical_adult_dose.unit`"),
        "{err}"
    );
}

#[test]
fn check_rejects_a_missing_seed_folder() {
    let o = myo_fixture(&["kb", "check", "--seeds", "/no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--seeds"), "{}", stderr(&o));
}

#[test]
fn show_prints_summary_body_sources_review_and_disclaimer() {
    let o = myo_fixture(&["kb", "show", "heliotrope-rash"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "Heliotrope rash\n===============",
        "TL;DR: A short plain summary.",
        "## What it looks like",
        "## Sources\n1. Web Publisher. A web page. https://medlineplus.gov/ency/article/000839.htm [Symptoms]",
        "Reviewed 2026-11-21; next review due 2027-11-21.",
        myo_kb::DISCLAIMER,
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    assert!(!out.contains("STALE"));
}

#[test]
fn show_marks_stale_pages() {
    let dir = fixtures().join("valid");
    let o = myo(&[
        "kb",
        "show",
        "heliotrope-rash",
        "--dir",
        dir.to_str().unwrap(),
        "--today",
        "2028-01-01",
    ]);
    assert!(stdout(&o).contains("STALE: this page was due for review on 2027-11-21"));
}

#[test]
fn show_json_carries_structured_fields() {
    let o = myo_fixture(&["kb", "show", "methotrexate", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["structured"]["kind"], "drug");
    assert_eq!(v["structured"]["frequency"], "weekly");
    assert_eq!(v["structured"]["typical_adult_dose"]["basis"], "per_week");
    assert_eq!(v["sources"][0]["publisher"], "Web Publisher");
    assert_eq!(v["stale"], false);
    assert_eq!(v["disclaimer"], myo_kb::DISCLAIMER);
}

#[test]
fn unknown_ids_suggest_the_nearest() {
    let o = myo_fixture(&["kb", "show", "heliotrope-rsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown entry 'heliotrope-rsh'; did you mean heliotrope-rash?"),
        "{}",
        stderr(&o)
    );
    let o = myo_fixture(&["kb", "cite", "zzzzzzzz"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("myo kb list"), "{}", stderr(&o));
}

#[test]
fn list_filters_by_section() {
    let o = myo_fixture(&["kb", "list", "--section", "symptoms", "--json"]);
    let v = json(&o);
    assert_eq!(v["count"], 2);
    assert_eq!(v["entries"][0]["id"], "gottrons-papules");
    let o = myo_fixture(&["kb", "list", "--section", "symptom"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("red-flags"), "{}", stderr(&o));
}

#[test]
fn cite_formats_each_style() {
    let o = myo_fixture(&[
        "kb",
        "cite",
        "heliotrope-rash",
        "--style",
        "harvard",
        "--base-url",
        "https://myo.example/",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim_end(),
        "Myo contributors (2026) Heliotrope rash. Myo knowledge base. Available at: \
         https://myo.example/kb/heliotrope-rash (Accessed: 3 December 2026)."
    );
    let o = myo_fixture(&["kb", "cite", "heliotrope-rash", "--style", "apa", "--json"]);
    let v = json(&o);
    assert_eq!(v["url"], "https://myo.invalid/kb/heliotrope-rash");
    assert!(
        v["citation"]
            .as_str()
            .unwrap()
            .starts_with("Myo contributors. (2026, November 21).")
    );
    let o = myo_fixture(&["kb", "cite", "heliotrope-rash", "--style", "vancouver"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn stats_of_the_built_in_kb_need_no_files() {
    let o = myo(&["kb", "stats", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["sections"].as_object().unwrap().len(), 20);
    assert!(v["entries"].as_u64().unwrap() > 0);
    assert!(v["sources"].as_u64().unwrap() > 0);
    assert!(v["grade"]["max"].as_f64().unwrap() >= v["grade"]["mean"].as_f64().unwrap());
}
