//! Import parsing: typed resources out, every problem named by its JSON path.

use myo_fhir::Resource;
use myo_fhir::import::{ImportError, parse_patient_bundle};

fn bundle(entries: &str) -> String {
    format!(r#"{{"resourceType":"Bundle","type":"collection","entry":[{entries}]}}"#)
}

const PATIENT: &str = r#"{"fullUrl":"urn:uuid:8f2c1f0e-0b1a-4c55-9d7e-3f7a2b1c0d11",
    "resource":{"resourceType":"Patient","id":"p1","birthDate":"1980-05-01"}}"#;

fn observation(subject: &str, value: &str) -> String {
    format!(
        r#"{{"resource":{{"resourceType":"Observation","status":"final",
        "code":{{"coding":[{{"system":"http://loinc.org","code":"2157-6"}}]}},
        "subject":{{"reference":"{subject}"}},"valueQuantity":{value}}}}}"#
    )
}

fn issues(text: &str) -> Vec<String> {
    match parse_patient_bundle(text) {
        Err(ImportError::Invalid(issues)) => issues.iter().map(ToString::to_string).collect(),
        other => panic!("expected validation issues, got {other:?}"),
    }
}

#[test]
fn a_valid_bundle_is_sorted_into_typed_resources() {
    let ck = observation("Patient/p1", r#"{"value":1250.0,"unit":"U/L"}"#);
    let by_url = observation(
        "urn:uuid:8f2c1f0e-0b1a-4c55-9d7e-3f7a2b1c0d11",
        r#"{"value":2}"#,
    );
    let basic = r#"{"resource":{"resourceType":"Basic","id":"b","code":{"text":"x"}}}"#;
    let got = parse_patient_bundle(&bundle(&[PATIENT, &ck, &by_url, basic].join(","))).unwrap();
    assert_eq!(got.bundle_type, "collection");
    assert_eq!(got.patient.birth_date.as_deref(), Some("1980-05-01"));
    assert_eq!(got.observations.len(), 2);
    let value = got.observations[0].value.value_quantity.as_ref().unwrap();
    assert_eq!(value.value.as_ref().unwrap().as_str(), "1250.0");
    assert!(matches!(&got.others[..], [Resource::Other(v)] if v["id"] == "b"));
}

#[test]
fn a_bad_decimal_is_named_by_its_full_path() {
    let ck = observation("Patient/p1", r#"{"value":"high"}"#);
    let err = parse_patient_bundle(&bundle(&[PATIENT, &ck].join(","))).unwrap_err();
    let ImportError::Parse(err) = err else {
        panic!("expected a parse error, got {err:?}")
    };
    assert_eq!(err.path, "entry[1].resource.valueQuantity.value");
    assert!(err.message.contains("JSON number"), "{}", err.message);
}

#[test]
fn a_missing_required_element_is_named() {
    let text = bundle(
        &[
            PATIENT,
            r#"{"resource":{"resourceType":"Observation","code":{}}}"#,
        ]
        .join(","),
    );
    let ImportError::Parse(err) = parse_patient_bundle(&text).unwrap_err() else {
        panic!("expected a parse error")
    };
    assert_eq!(err.path, "entry[1].resource");
    assert_eq!(err.message, "missing field `status`");
    assert_eq!(err.to_string(), "entry[1].resource: missing field `status`");
}

#[test]
fn a_wrong_type_deep_inside_is_named() {
    let text = bundle(
        &[
            PATIENT,
            r#"{"resource":{"resourceType":"MedicationStatement","status":"active",
            "subject":{"reference":"Patient/p1"},"medicationCodeableConcept":{"text":"mtx"},
            "dosage":[{"timing":{"repeat":{"frequency":"weekly"}}}]}}"#,
        ]
        .join(","),
    );
    let ImportError::Parse(err) = parse_patient_bundle(&text).unwrap_err() else {
        panic!("expected a parse error")
    };
    assert_eq!(
        err.path,
        "entry[1].resource.dosage[0].timing.repeat.frequency"
    );
    assert!(
        err.to_string()
            .starts_with("entry[1].resource.dosage[0].timing.repeat.frequency: invalid type")
    );
}

#[test]
fn not_a_bundle_is_refused() {
    let err = parse_patient_bundle(r#"{"resourceType":"Patient","id":"p1"}"#).unwrap_err();
    let ImportError::Parse(err) = err else {
        panic!("expected a parse error")
    };
    assert_eq!(err.path, "resourceType");
    assert!(
        err.message.contains("expected resourceType \"Bundle\""),
        "{}",
        err.message
    );
}

#[test]
fn every_rule_broken_is_listed_at_once() {
    let stranger = observation("Patient/someone-else", r#"{"value":1}"#);
    let twice = r#"{"resource":{"resourceType":"Observation","status":"final","code":{},
        "valueString":"a","valueBoolean":true}}"#;
    let found = issues(&bundle(
        &[PATIENT, &stranger, twice, r#"{"fullUrl":"urn:x"}"#].join(","),
    ));
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[0].starts_with("entry[2].resource: value[x] may have one form"),
        "{found:?}"
    );
    assert_eq!(
        found[1],
        "entry[1].resource.subject.reference: `Patient/someone-else` is not the Bundle's Patient"
    );
    assert_eq!(found[2], "entry[3]: entry has no resource");
}

#[test]
fn a_bundle_needs_exactly_one_patient_and_a_fitting_type() {
    let found =
        issues(&bundle(&[PATIENT, PATIENT].join(",")).replace("\"collection\"", "\"history\""));
    assert!(
        found
            .iter()
            .any(|i| i.starts_with("type: a patient export is not a `history` Bundle")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|i| i.contains("expected exactly one Patient, found 2")),
        "{found:?}"
    );
    let none = issues(&bundle(&observation("Patient/p1", r#"{"value":1}"#)));
    assert!(none[0].contains("found 0"), "{none:?}");
}

#[test]
fn an_official_single_patient_bundle_imports() {
    // Bundle-xds (HL7 R4 examples, CC0): a transaction with one Patient and a document.
    let text = include_str!("fixtures/r4-examples/Bundle-xds.json");
    let got = parse_patient_bundle(text).expect("imports");
    assert_eq!(got.bundle_type, "transaction");
    assert_eq!(got.patient.id.as_deref(), Some("a2"));
    let kinds: Vec<&str> = got.others.iter().map(Resource::resource_type).collect();
    assert_eq!(
        kinds,
        [
            "DocumentReference",
            "Practitioner",
            "Practitioner",
            "Binary"
        ]
    );
}

#[test]
fn an_official_multi_patient_bundle_is_refused_with_reasons() {
    let text = include_str!("fixtures/r4-examples/Bundle-bundle-transaction.json");
    let found = issues(text);
    assert!(
        found[0].starts_with("entry: expected exactly one Patient, found 5"),
        "{found:?}"
    );
    assert!(
        found.contains(&"entry[5]: entry has no resource".to_owned()),
        "{found:?}"
    );
}
