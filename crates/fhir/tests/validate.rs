//! Choice-type rules: at most one form of `value[x]` & co., exactly one where R4 requires it.

use myo_fhir::validate::Validate;
use myo_fhir::{Bundle, MedicationStatement, Observation, Questionnaire};

fn issues_of<T: serde::de::DeserializeOwned + Validate>(text: &str) -> Vec<String> {
    let parsed: T = myo_fhir::from_str(text).expect("parses");
    parsed.validate().iter().map(ToString::to_string).collect()
}

#[test]
fn two_typed_value_forms_are_one_issue_naming_both() {
    let issues = issues_of::<Observation>(
        r#"{"resourceType":"Observation","status":"final","code":{"text":"CK"},
            "valueQuantity":{"value":100},"valueString":"100"}"#,
    );
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(issues[0].contains("valueString") && issues[0].contains("valueQuantity"));
}

#[test]
fn an_untyped_form_in_extra_counts_too() {
    let issues = issues_of::<Observation>(
        r#"{"resourceType":"Observation","status":"final","code":{"text":"x"},
            "valueQuantity":{"value":1},"valueRatio":{"numerator":{"value":1}}}"#,
    );
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(issues[0].contains("valueRatio"), "{issues:?}");
}

#[test]
fn primitive_companions_are_not_forms() {
    let issues = issues_of::<Observation>(
        r#"{"resourceType":"Observation","status":"final","code":{"text":"x"},
            "valueString":"a","_valueString":{"id":"v1"}}"#,
    );
    assert!(issues.is_empty(), "{issues:?}");
}

#[test]
fn component_effective_and_value_with_absent_reason_are_checked() {
    let issues = issues_of::<Observation>(
        r#"{"resourceType":"Observation","status":"final","code":{"text":"x"},
            "effectiveDateTime":"2026-01-01","effectivePeriod":{"start":"2026-01-01"},
            "valueBoolean":true,"dataAbsentReason":{"text":"n/a"},
            "component":[{"code":{"text":"a"}},{"code":{"text":"b"},"valueInteger":1,"valueBoolean":false}]}"#,
    );
    assert_eq!(issues.len(), 3, "{issues:?}");
    assert!(
        issues
            .iter()
            .any(|i| i.starts_with("component[1]: value[x]")),
        "{issues:?}"
    );
    assert!(
        issues.iter().any(|i| i.starts_with("dataAbsentReason")),
        "{issues:?}"
    );
}

#[test]
fn medication_is_a_required_choice() {
    let issues = issues_of::<MedicationStatement>(
        r#"{"resourceType":"MedicationStatement","status":"active","subject":{"reference":"Patient/p"}}"#,
    );
    assert_eq!(issues, ["(resource): medication[x] is required"]);
}

#[test]
fn dosage_choices_are_checked_with_their_path() {
    let issues = issues_of::<MedicationStatement>(
        r#"{"resourceType":"MedicationStatement","status":"active","subject":{"reference":"Patient/p"},
            "medicationCodeableConcept":{"text":"methotrexate"},
            "dosage":[{},{"doseAndRate":[{"doseQuantity":{"value":15},"doseRange":{}}]}]}"#,
    );
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(
        issues[0].starts_with("dosage[1].doseAndRate[0]: dose[x]"),
        "{issues:?}"
    );
}

#[test]
fn questionnaire_answer_choices_are_required_where_r4_says_so() {
    let issues = issues_of::<Questionnaire>(
        r#"{"resourceType":"Questionnaire","status":"active","item":[{"linkId":"1","type":"group",
            "item":[{"linkId":"1.1","type":"choice","answerOption":[{"valueCoding":{"code":"a"}},{}],
            "enableWhen":[{"question":"0","operator":"exists"}]}]}]}"#,
    );
    assert_eq!(issues.len(), 2, "{issues:?}");
    assert!(
        issues
            .iter()
            .any(|i| i.starts_with("item[0].item[0].enableWhen[0]: answer[x] is required"))
    );
    assert!(
        issues
            .iter()
            .any(|i| i.starts_with("item[0].item[0].answerOption[1]: value[x] is required"))
    );
}

#[test]
fn bundle_issues_carry_the_entry_path() {
    let issues = issues_of::<Bundle>(
        r#"{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Basic"}},
            {"resource":{"resourceType":"Observation","status":"final","code":{},
             "valueInteger":1,"valueString":"1"}}]}"#,
    );
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(
        issues[0].starts_with("entry[1].resource: value[x]"),
        "{issues:?}"
    );
}
