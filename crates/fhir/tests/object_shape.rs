//! The shared object shape (`fhir_object!` in `src/object.rs`): which required element a parse
//! error names, the JSON path of errors deep inside, the "expected" type name, duplicate keys,
//! and unknown keys next to a `value[x]` choice.

use myo_fhir::datatypes::ValueX;
use myo_fhir::resources::{AuditEvent, ObservationComponent};
use myo_fhir::{Bundle, Observation, Patient, Questionnaire};

fn error<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> (String, String) {
    let err = myo_fhir::from_str::<T>(text).unwrap_err();
    (err.path, err.message)
}

#[test]
fn the_first_missing_required_element_is_named_in_declaration_order() {
    let missing = |text: &str| error::<AuditEvent>(text).1;
    assert_eq!(missing("{}"), "missing field `resourceType`");
    assert_eq!(
        missing(r#"{"resourceType":"AuditEvent"}"#),
        "missing field `type`"
    );
    assert_eq!(
        missing(r#"{"type":{},"resourceType":"AuditEvent"}"#),
        "missing field `recorded`"
    );
    assert_eq!(
        missing(r#"{"source":{"observer":{}},"type":{},"resourceType":"AuditEvent"}"#),
        "missing field `recorded`"
    );
    assert_eq!(
        missing(r#"{"recorded":"2024-01-01T00:00:00Z","type":{},"resourceType":"AuditEvent"}"#),
        "missing field `source`"
    );
    // Nested: the path is the object that lacks it.
    assert_eq!(
        error::<AuditEvent>(
            r#"{"resourceType":"AuditEvent","type":{},"recorded":"2024-01-01T00:00:00Z",
                "source":{"observer":{}},"agent":[{"requestor":true},{"name":"x"}]}"#
        ),
        (
            "agent[1]".to_owned(),
            "missing field `requestor`".to_owned()
        )
    );
    assert_eq!(
        error::<Questionnaire>(
            r#"{"resourceType":"Questionnaire","status":"draft",
                "item":[{"linkId":"1","type":"group","item":[{"type":"string"}]}]}"#
        ),
        (
            "item[0].item[0]".to_owned(),
            "missing field `linkId`".to_owned()
        )
    );
    assert_eq!(
        error::<Observation>(
            r#"{"resourceType":"Observation","status":"final","code":{},
                "extension":[{"valueString":"x"}]}"#
        ),
        ("extension[0]".to_owned(), "missing field `url`".to_owned())
    );
}

#[test]
fn a_wrong_type_deep_inside_is_named_by_its_path() {
    let (path, message) = error::<Questionnaire>(
        r#"{"resourceType":"Questionnaire","status":"active","item":[{"linkId":"1","type":"group",
            "item":[{"linkId":"1.1","type":"choice"},{"linkId":"1.2","type":"string",
            "enableWhen":[{"question":"1.1","operator":"=","answerCoding":{"code":7}}]}]}]}"#,
    );
    assert_eq!(path, "item[0].item[1].enableWhen[0].answerCoding.code");
    assert!(
        message.starts_with("invalid type: integer `7`"),
        "{message}"
    );

    // Through a `value[x]` choice and an extension.
    let (path, _) = error::<Observation>(
        r#"{"resourceType":"Observation","status":"final","code":{},"component":[
            {"code":{},"valueQuantity":{"value":1}},
            {"code":{},"valueCodeableConcept":{"coding":[{"userSelected":"yes"}]}}]}"#,
    );
    assert_eq!(
        path,
        "component[1].valueCodeableConcept.coding[0].userSelected"
    );
    let (path, _) = error::<Patient>(
        r#"{"resourceType":"Patient","extension":[{"url":"u","valuePeriod":{"start":1}}]}"#,
    );
    assert_eq!(path, "extension[0].valuePeriod.start");

    // Inside a typed resource of a Bundle (buffered, then joined to the entry's path).
    let (path, message) = error::<Bundle>(
        r#"{"resourceType":"Bundle","type":"collection","entry":[{"resource":
            {"resourceType":"Condition","subject":{},"onsetAge":{"comparator":false}}}]}"#,
    );
    assert_eq!(path, "entry[0].resource.onsetAge.comparator");
    assert!(
        message.starts_with("invalid type: boolean `false`"),
        "{message}"
    );
}

#[test]
fn a_non_object_names_the_fhir_type_it_expected() {
    assert_eq!(
        error::<Observation>(r#"{"resourceType":"Observation","status":"final","code":"CK"}"#),
        (
            "code".to_owned(),
            "invalid type: string \"CK\", expected a FHIR CodeableConcept object".to_owned()
        )
    );
    assert_eq!(
        error::<Patient>("[]"),
        (
            String::new(),
            "invalid type: sequence, expected a FHIR Patient object".to_owned()
        )
    );
    assert_eq!(
        error::<ObservationComponent>(r#"{"code":{},"valueRange":{"low":3}}"#),
        (
            "valueRange.low".to_owned(),
            "invalid type: integer `3`, expected a FHIR Quantity object".to_owned()
        )
    );
}

#[test]
fn a_duplicate_key_keeps_its_last_value() {
    let obs: Observation = myo_fhir::from_str(
        r#"{"resourceType":"Observation","status":"preliminary","code":{"text":"a"},
            "status":"final","valueString":"1","x-other":1,"valueString":"2","x-other":2}"#,
    )
    .unwrap();
    assert_eq!(obs.status, "final");
    assert_eq!(obs.value.value_string.as_deref(), Some("2"));
    assert_eq!(obs.extra["x-other"], 2);
    // The first value is still read, so a bad one fails even if a good one follows.
    let (path, _) = error::<Observation>(
        r#"{"resourceType":"Observation","status":1,"status":"final","code":{}}"#,
    );
    assert_eq!(path, "status");
}

#[test]
fn beside_a_choice_unknown_keys_and_forms_go_to_extra_with_exact_digits() {
    let text = r#"{"code":{"text":"x"},"valueRatio":{"numerator":{"value":1.50}},"valueBoolean":true,"_valueBoolean":{"id":"b"}}"#;
    let part: ObservationComponent = myo_fhir::from_str(text).unwrap();
    assert_eq!(
        part.value,
        ValueX {
            value_boolean: Some(true),
            ..ValueX::default()
        }
    );
    let keys: Vec<&str> = part.extra.keys().map(String::as_str).collect();
    assert_eq!(keys, ["_valueBoolean", "valueRatio"]);
    let written = myo_fhir::to_string(&part).unwrap();
    assert!(
        written.contains(r#""numerator":{"value":1.50}"#),
        "{written}"
    );
}
