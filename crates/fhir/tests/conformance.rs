//! Conformance against the official R4 examples in `tests/fixtures/r4-examples/`: each parses
//! into its typed resource, serialises back to equal JSON with every number's digits intact,
//! and passes the choice-type validation.

use std::path::PathBuf;

use myo_fhir::validate::Validate;
use myo_fhir::{
    AuditEvent, Bundle, Condition, MedicationStatement, Observation, Patient, Questionnaire,
    QuestionnaireResponse, Resource,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn fixtures() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/r4-examples");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("fixture directory")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("fixture text"))
        })
        .collect();
    files.sort();
    files
}

/// Every number token of a JSON text, as written, in document order.
fn number_tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let mut escaped = false;
                for (_, c) in chars.by_ref() {
                    match (escaped, c) {
                        (false, '\\') => escaped = true,
                        (false, '"') => break,
                        _ => escaped = false,
                    }
                }
            }
            '-' | '0'..='9' => {
                let mut end = i + 1;
                while let Some(&(j, c)) = chars.peek() {
                    if !matches!(c, '0'..='9' | '.' | 'e' | 'E' | '+' | '-') {
                        break;
                    }
                    end = j + 1;
                    chars.next();
                }
                tokens.push(text[i..end].to_owned());
            }
            _ => {}
        }
    }
    tokens
}

/// Round trip through `T`: JSON value equality, exact number digits, no validation issues.
fn round_trip<T: DeserializeOwned + Serialize + Validate>(name: &str, text: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let parsed: T = match myo_fhir::from_str(text) {
        Ok(parsed) => parsed,
        Err(err) => return vec![format!("{name}: parse: {err}")],
    };
    let written = myo_fhir::to_string(&parsed).expect("serialise");
    let before: Value = serde_json::from_str(text).expect("fixture is JSON");
    let after: Value = serde_json::from_str(&written).expect("output is JSON");
    if before != after {
        failures.push(format!("{name}: JSON differs after round trip"));
    }
    let (mut a, mut b) = (number_tokens(text), number_tokens(&written));
    // Object keys may be reordered (typed fields first), so compare as multisets.
    a.sort();
    b.sort();
    if a != b {
        failures.push(format!("{name}: number digits differ: {a:?} vs {b:?}"));
    }
    for issue in parsed.validate() {
        failures.push(format!("{name}: {issue}"));
    }
    failures
}

fn by_type(name: &str, text: &str) -> Vec<String> {
    match name.split('-').next().unwrap_or_default() {
        "Patient" => round_trip::<Patient>(name, text),
        "Observation" => round_trip::<Observation>(name, text),
        "Condition" => round_trip::<Condition>(name, text),
        "MedicationStatement" => round_trip::<MedicationStatement>(name, text),
        "Questionnaire" => round_trip::<Questionnaire>(name, text),
        "QuestionnaireResponse" => round_trip::<QuestionnaireResponse>(name, text),
        "Bundle" => round_trip::<Bundle>(name, text),
        "AuditEvent" => round_trip::<AuditEvent>(name, text),
        other => vec![format!("{name}: unexpected type {other}")],
    }
}

#[test]
fn every_fixture_round_trips_losslessly_as_its_type() {
    let files = fixtures();
    assert!(
        files.len() >= 60,
        "expected the curated set, found {}",
        files.len()
    );
    let failures: Vec<String> = files.iter().flat_map(|(n, t)| by_type(n, t)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_round_trips_as_a_resource_and_is_typed() {
    let mut failures = round_trip_all::<Resource>();
    for (name, text) in fixtures() {
        let resource: Resource = myo_fhir::from_str(&text).expect("parses");
        if matches!(resource, Resource::Other(_)) {
            failures.push(format!("{name}: parsed as Resource::Other"));
        }
        let expected = name.split('-').next().unwrap_or_default();
        assert_eq!(resource.resource_type(), expected, "{name}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn round_trip_all<T: DeserializeOwned + Serialize + Validate>() -> Vec<String> {
    fixtures()
        .iter()
        .flat_map(|(name, text)| round_trip::<T>(name, text))
        .collect()
}

#[test]
fn the_decimal_example_keeps_every_digit() {
    let text = include_str!("fixtures/r4-examples/Observation-decimal.json");
    let obs: Observation = myo_fhir::from_str(text).expect("parses");
    let values: Vec<&str> = obs
        .component
        .iter()
        .map(|c| {
            c.value
                .value_quantity
                .as_ref()
                .unwrap()
                .value
                .as_ref()
                .unwrap()
                .as_str()
        })
        .collect();
    assert_eq!(
        values,
        [
            "1.0",
            "1.00",
            "1.0",
            "1E-22",
            "1000000000000000000",
            "1.000000000000000000E-245",
            "-1.000000000000000000E+245"
        ]
    );
    let written = myo_fhir::to_string(&obs).unwrap();
    assert!(written.contains("\"value\":1.00,"), "{written}");
    assert!(written.contains("-1.000000000000000000E+245"), "{written}");
}

#[test]
fn bundles_type_their_entries_and_keep_unmodelled_ones_whole() {
    let text = include_str!("fixtures/r4-examples/Bundle-bundle-transaction.json");
    let bundle: Bundle = myo_fhir::from_str(text).expect("parses");
    let kinds: Vec<&str> = bundle
        .entry
        .iter()
        .filter_map(|e| e.resource.as_ref().map(Resource::resource_type))
        .collect();
    assert!(kinds.contains(&"Patient"), "{kinds:?}");
    let other = bundle
        .entry
        .iter()
        .filter_map(|e| e.resource.as_ref())
        .find(|r| matches!(r, Resource::Other(_)));
    assert!(
        other.is_some(),
        "expected an unmodelled resource type in {kinds:?}"
    );
}
