//! The one data-driven harness: every file under `tests/cases/<instrument-id>/{published,regression}/`
//! is `{"source": {"kind", "reference", "locator"}, "input": {...}, "expect": {...}}` and must
//! score to an output that contains `expect` (subset match), or, for invalid input, to an error
//! whose JSON (`{"error": {"field", "message", "allowed"}}`) contains `expect`.
//!
//! Subset match: objects key by key (extra output keys allowed), arrays element by element with
//! equal length, numbers within [`TOLERANCE`] (absolute), everything else exactly.
//! All differences are collected and reported together.

use std::fs;
use std::path::{Path, PathBuf};

use myo_api::{ScoreError, Scorer};
use serde_json::Value;

/// Absolute tolerance for numbers: expectations give probabilities to 4 decimals.
const TOLERANCE: f64 = 1e-4;

fn case_files(root: &Path) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    for instrument in fs::read_dir(root).expect("cases dir").flatten() {
        let id = instrument.file_name().to_string_lossy().into_owned();
        for kind in ["published", "regression"] {
            let Ok(dir) = fs::read_dir(instrument.path().join(kind)) else {
                continue;
            };
            for file in dir
                .flatten()
                .filter(|f| f.path().extension().is_some_and(|e| e == "json"))
            {
                files.push((id.clone(), file.path()));
            }
        }
    }
    files.sort();
    files
}

/// Differences between `expect` and `actual`, each as "path: message".
fn diff(expect: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expect, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => diff(ev, av, &format!("{path}.{k}"), out),
                    None => out.push(format!("{path}.{k}: missing in output")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                diff(ev, av, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (
                e.as_f64().unwrap_or(f64::NAN),
                a.as_f64().unwrap_or(f64::NAN),
            );
            if (e - a).abs() > TOLERANCE || e.is_nan() || a.is_nan() {
                out.push(format!("{path}: expected {e}, got {a}"));
            }
        }
        _ if expect == actual => {}
        _ => out.push(format!("{path}: expected {expect}, got {actual}")),
    }
}

fn check(scorer: &Scorer, id: &str, path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).expect("readable case");
    let case: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return vec![format!("not JSON: {e}")],
    };
    let mut problems = Vec::new();
    for key in ["kind", "reference", "locator"] {
        if case["source"][key]
            .as_str()
            .is_none_or(|s| s.trim().is_empty())
        {
            problems.push(format!("source.{key} is required"));
        }
    }
    let actual = match scorer.score_json(id, &case["input"]) {
        Ok(v) => v,
        Err(ScoreError::Input(e)) => e.to_json(),
        Err(e) => return vec![e.to_string()],
    };
    diff(&case["expect"], &actual, "", &mut problems);
    problems.extend(text_matches_value(scorer, id, &case["input"], &actual));
    if problems.is_empty() && case["expect"].get("error").is_none() && actual.get("error").is_some()
    {
        problems.push(format!("unexpected error {actual}"));
    }
    problems
}

/// The JSON text the HTTP API sends ([`Scorer::score_to_writer`]) must be the same document as
/// the `Value` the command line prints, and on an error nothing may have been written. Both sides
/// go through text and back, so a float is compared by its shortest text, exactly (serde_json's
/// default parser may land one ulp away, the same way on both sides).
fn text_matches_value(scorer: &Scorer, id: &str, input: &Value, value: &Value) -> Vec<String> {
    let mut text = Vec::new();
    let value: Value = serde_json::from_str(&value.to_string()).expect("a Value prints as JSON");
    match scorer.score_to_writer(id, input, &mut text) {
        Ok(()) => match serde_json::from_slice::<Value>(&text) {
            Ok(parsed) if parsed == value => Vec::new(),
            Ok(parsed) => vec![format!("JSON text {parsed} differs from value {value}")],
            Err(e) => vec![format!("JSON text does not parse: {e}")],
        },
        Err(_) if value.get("error").is_some() && text.is_empty() => Vec::new(),
        Err(e) => vec![format!("JSON text: {e}; {} byte(s) written", text.len())],
    }
}

#[test]
fn every_case_file_matches() {
    let scorer = Scorer::builtin().expect("built-in definitions parse");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let files = case_files(&root);
    let mut failures = Vec::new();
    for (id, path) in &files {
        for p in check(&scorer, id, path) {
            failures.push(format!(
                "{}: {p}",
                path.strip_prefix(&root).unwrap_or(path).display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(files.len() >= 2, "no cases found under {}", root.display());
}

#[test]
fn every_instrument_has_cases_and_every_case_folder_an_instrument() {
    let scorer = Scorer::builtin().expect("built-in definitions parse");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let files = case_files(&root);
    let ids: Vec<String> = scorer
        .list()
        .iter()
        .map(|i| i["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    for (id, path) in &files {
        assert!(
            ids.contains(id),
            "{} is under an unknown instrument",
            path.display()
        );
    }
    for id in &ids {
        assert!(files.iter().any(|(f, _)| f == id), "{id} has no case files");
    }
}
