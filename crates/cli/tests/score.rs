//! End-to-end tests of `myo score`, running the built binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const CASE_A: &str = r#"{"age_at_onset_years": 45, "proximal_upper_weakness": true, "proximal_lower_weakness": true, "neck_flexors_weaker_than_extensors": null, "proximal_legs_weaker_than_distal": false, "heliotrope_rash": true, "gottrons_papules": true, "gottrons_sign": false, "dysphagia": false, "anti_jo1": false, "elevated_muscle_enzymes": true, "finger_flexor_weakness": null, "no_response_to_treatment": null, "muscle_biopsy": null}"#;

fn myo(args: &[&str], stdin: &str) -> Output {
    myo_bytes(args, stdin.as_bytes())
}

fn myo_bytes(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_myo"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("myo runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("myo finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn one_json_case_from_a_file() {
    let dir = std::env::temp_dir().join(format!("myo-score-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("case.json");
    std::fs::write(&file, CASE_A).expect("write case");
    let out = myo(
        &[
            "score",
            "eular-acr-2017",
            file.to_str().expect("utf-8 path"),
        ],
        "",
    );
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let results = json_lines(&out);
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["score"], serde_json::json!(10.1));
    assert_eq!(results[0]["category"], "definite");
    assert_eq!(results[0]["subgroup"], "dm");
    assert_eq!(results[0]["status"], "partial");
}

#[test]
fn ndjson_with_a_bad_line_scores_the_others_and_exits_2() {
    let input = format!(
        "{CASE_A}\n{{\"age_at_onset_years\": 200}}\n\n{{\"gottrons_papules\": true, \"age_at_onset_years\": 42}}\n"
    );
    let out = myo(&["score", "eular-acr-2017", "-"], &input);
    assert_eq!(out.status.code(), Some(2));
    let results = json_lines(&out);
    assert_eq!(results.len(), 2, "good lines are still printed, in order");
    assert_eq!(results[0]["score"], serde_json::json!(10.1));
    assert_eq!(results[1]["score"], serde_json::json!(4.2));
    let err = text(&out.stderr);
    assert!(err.contains("line 2: field age_at_onset_years"), "{err}");
    assert!(err.contains("0 to 130"), "{err}");
}

/// The README's promise: every good line is scored whichever line is bad, the first one
/// included, and each bad line is reported (the probe's NUL, BOM, deep nesting, invalid UTF-8).
#[test]
fn ndjson_scores_every_good_line_when_line_1_or_the_encoding_is_bad() {
    let good = r#"{"gottrons_papules": true, "age_at_onset_years": 42}"#.to_owned();
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    for first in [
        "{\"age_at_onset_years\": \u{0}}".to_owned(),
        "not json at all".to_owned(),
        deep,
        "{\"heliotrope\": true".to_owned(),
    ] {
        let input = format!("{first}\n{CASE_A}\n{good}\n");
        let out = myo(&["score", "eular-acr-2017", "-"], &input);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(json_lines(&out).len(), 2, "{}", text(&out.stderr));
        let err = text(&out.stderr);
        assert!(err.contains("line 1:") && !err.contains("line 2:"), "{err}");
    }
    // One byte of invalid UTF-8 in line 2: lines 1 and 3 are scored, line 2 reported.
    let mut input = Vec::new();
    input.extend_from_slice(b"\xEF\xBB\xBF");
    input.extend_from_slice(CASE_A.as_bytes());
    input.extend_from_slice(b"\n{\"heliotrope_rash\": \xFF}\r\n");
    input.extend_from_slice(good.as_bytes());
    let out = myo_bytes(&["score", "eular-acr-2017", "-"], &input);
    assert_eq!(out.status.code(), Some(2));
    let results = json_lines(&out);
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["score"], serde_json::json!(10.1));
    let err = text(&out.stderr);
    assert!(err.contains("line 2: field $: not valid UTF-8"), "{err}");
    // A single document with a BOM is one case.
    let mut one = b"\xEF\xBB\xBF".to_vec();
    one.extend_from_slice(CASE_A.as_bytes());
    let out = myo_bytes(&["score", "eular-acr-2017"], &one);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn unknown_field_in_a_single_case_is_an_error_with_nothing_on_stdout() {
    let out = myo(&["score", "eular-acr-2017"], r#"{"heliotrope": true}"#);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains("field heliotrope") && err.contains("heliotrope_rash"),
        "{err}"
    );
}

#[test]
fn out_of_range_single_case_names_field_and_range() {
    let input =
        r#"{"population": "adult", "mmt_max": 80, "baseline": {"mmt": 81}, "followup": {}}"#;
    let out = myo(&["score", "tis-2016"], input);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains("field baseline.mmt") && err.contains("allowed: 0 to 80"),
        "{err}"
    );
}

#[test]
fn list_shows_status_and_citation() {
    let out = myo(&["score", "--list"], "");
    assert_eq!(out.status.code(), Some(0));
    let list = text(&out.stdout);
    for needle in [
        "eular-acr-2017",
        "tis-2016",
        "partial",
        "Lundberg",
        "Aggarwal",
    ] {
        assert!(list.contains(needle), "{needle} missing from:\n{list}");
    }
}

#[test]
fn schema_is_json_schema_of_the_input() {
    let out = myo(&["score", "eular-acr-2017", "--schema"], "");
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("schema is JSON");
    assert_eq!(schema["additionalProperties"], false);
    assert!(schema["properties"]["muscle_biopsy"]["properties"]["rimmed_vacuoles"].is_object());
}

#[test]
fn text_format_explains_item_by_item() {
    let out = myo(&["score", "eular-acr-2017", "--format", "text"], CASE_A);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    for needle in [
        "Heliotrope rash (heliotrope_rash): true -> 3.1 points",
        "not assessed",
        "neck_flexors_weaker_than_extensors",
        "not diagnostic criteria",
        "status: partial",
        "citation: Lundberg",
    ] {
        assert!(t.contains(needle), "{needle} missing from:\n{t}");
    }
    // The headline leads the result block.
    let result = t.split("result:\n").nth(1).expect("result block");
    assert!(result.starts_with("  outcome: "), "{result}");
}

#[test]
fn unknown_instrument_suggests_the_nearest_ids() {
    let out = myo(&["score", "tis-2017", "-"], "{}");
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("did you mean tis-2016"), "{err}");
}

#[test]
fn every_listed_instrument_has_a_schema() {
    let out = myo(&["score", "--list", "--format", "json"], "");
    assert_eq!(out.status.code(), Some(0));
    for item in json_lines(&out) {
        let id = item["id"].as_str().expect("id");
        let schema = myo(&["score", id, "--schema"], "");
        assert_eq!(schema.status.code(), Some(0), "{id}");
        let schema: serde_json::Value =
            serde_json::from_slice(&schema.stdout).expect("JSON schema");
        assert_eq!(schema["type"], "object", "{id}");
    }
}
