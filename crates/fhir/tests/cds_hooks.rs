//! CDS Hooks 2.0.1 contract tests. The JSON bodies follow the shapes of the specification's
//! examples (cds-hooks.hl7.org/2.0), rewritten for Myo rather than copied.

use myo_fhir::Resource;
use myo_fhir::cds_hooks::*;
use serde_json::{Value, json};

fn request() -> Request {
    serde_json::from_value(json!({
        "hookInstance": "0b0a4e4c-6bb5-4a86-9b5c-6f3f2e5d8a01",
        "fhirServer": "https://ehr.example.org/fhir",
        "hook": "patient-view",
        "fhirAuthorization": {
            "access_token": "opaque-token", "token_type": "Bearer", "expires_in": 300,
            "scope": "user/Patient.read user/Observation.read", "subject": "myo-cds", "patient": "p-42"
        },
        "context": {"userId": "Practitioner/dr-1", "patientId": "p-42"},
        "prefetch": {
            "patient": {"resourceType": "Patient", "id": "p-42", "birthDate": "1980-05-01"},
            "ck": null
        }
    }))
    .expect("request parses")
}

#[test]
fn a_patient_view_request_gives_its_context_and_prefetch_states() {
    let req = request();
    let context = req.patient_view().unwrap();
    assert_eq!(context.user_id, "Practitioner/dr-1");
    assert_eq!(context.patient_id, "p-42");
    assert_eq!(context.encounter_id, None);
    assert_eq!(req.prefetched("ck"), Prefetched::NoData);
    assert_eq!(req.prefetched("meds"), Prefetched::NotProvided);
    let Prefetched::Data(patient) = req.prefetched("patient") else {
        panic!("patient prefetched")
    };
    let patient: Resource = serde_json::from_value(patient.clone()).unwrap();
    assert_eq!(patient.resource_type(), "Patient");
    assert_eq!(req.fhir_authorization.as_ref().unwrap().expires_in, 300);
}

#[test]
fn missing_prefetch_without_a_fhir_server_means_412() {
    let mut req = request();
    assert_eq!(req.require_prefetch(&["patient", "ck", "meds"]), Ok(()));
    req.fhir_server = None;
    req.fhir_authorization = None;
    let err = req
        .require_prefetch(&["patient", "ck", "meds"])
        .unwrap_err();
    assert_eq!(err, RequestError::PreconditionFailed { key: "meds".into() });
    assert_eq!(err.http_status(), 412);
    // "no data" (null) is an answer, not a missing key.
    assert_eq!(req.require_prefetch(&["patient", "ck"]), Ok(()));
}

#[test]
fn a_bad_context_names_the_field() {
    let mut req = request();
    req.context.remove("patientId");
    let err = req.patient_view().unwrap_err();
    assert_eq!(err.to_string(), "context: missing field `patientId`");
    assert_eq!(err.http_status(), 400);
    req.context.insert("patientId".into(), json!(42));
    let err = req.patient_view().unwrap_err();
    assert!(
        err.to_string()
            .starts_with("context.patientId: invalid type"),
        "{err}"
    );
    req.hook = "order-select".into();
    assert!(matches!(
        req.patient_view(),
        Err(RequestError::WrongHook { .. })
    ));
}

#[test]
fn discovery_lists_services_and_says_nothing_with_an_empty_array() {
    let discovery = Discovery {
        services: vec![Service {
            hook: PATIENT_VIEW.into(),
            title: Some("Myositis monitoring".into()),
            description: "Monitoring reminders for people with myositis".into(),
            id: "myositis-monitor".into(),
            prefetch: [(
                "patient".to_owned(),
                "Patient/{{context.patientId}}".to_owned(),
            )]
            .into(),
            usage_requirements: None,
        }],
    };
    assert!(discovery.violations().is_empty());
    let value = serde_json::to_value(&discovery).unwrap();
    assert_eq!(
        value,
        json!({"services":[{"hook":"patient-view","title":"Myositis monitoring",
            "description":"Monitoring reminders for people with myositis","id":"myositis-monitor",
            "prefetch":{"patient":"Patient/{{context.patientId}}"}}]})
    );
    assert_eq!(
        serde_json::to_string(&Discovery::default()).unwrap(),
        r#"{"services":[]}"#
    );
    let twice = Discovery {
        services: vec![discovery.services[0].clone(), discovery.services[0].clone()],
    };
    assert_eq!(twice.violations()[0].path, "services[1].id");
}

fn card() -> Card {
    Card {
        uuid: Some("5d0d9bd5-8a4f-4c0b-a0f4-0a1f7a0e2b77".into()),
        summary: "Liver tests due for methotrexate".into(),
        indicator: Indicator::Warning,
        source: Source {
            label: "Myo".into(),
            ..Source::default()
        },
        links: vec![Link {
            label: "Monitoring schedule".into(),
            url: "https://myo.example.org/monitoring".into(),
            kind: "absolute".into(),
            ..Link::default()
        }],
        ..Card::default()
    }
}

#[test]
fn a_card_serialises_without_nulls_or_empties() {
    let response = Response {
        cards: vec![card()],
        ..Response::default()
    };
    assert!(response.violations().is_empty());
    let text = serde_json::to_string(&response).unwrap();
    assert!(
        !text.contains("null") && !text.contains("[]") && !text.contains("\"\""),
        "{text}"
    );
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["cards"][0]["indicator"], "warning");
    assert_eq!(value["cards"][0]["links"][0]["type"], "absolute");
    assert_eq!(
        serde_json::to_string(&Response::default()).unwrap(),
        r#"{"cards":[]}"#
    );
}

#[test]
fn card_rules_are_checked_with_paths() {
    let mut bad = card();
    bad.summary = "x".repeat(140);
    bad.detail = Some(String::new());
    bad.uuid = None;
    bad.source.label = " ".into();
    bad.suggestions = vec![Suggestion {
        label: "Order liver tests".into(),
        ..Suggestion::default()
    }];
    bad.links[0].kind = "web".into();
    let response = Response {
        cards: vec![card(), bad],
        ..Response::default()
    };
    let paths: Vec<String> = response.violations().into_iter().map(|v| v.path).collect();
    assert_eq!(
        paths,
        [
            "cards[1].summary",
            "cards[1].detail",
            "cards[1].source.label",
            "cards[1].uuid",
            "cards[1].selectionBehavior",
            "cards[1].links[0].type"
        ]
    );
}

#[test]
fn a_spec_shaped_response_with_a_suggestion_parses() {
    let response: Response = serde_json::from_value(json!({
        "cards": [{
            "uuid": "2c1b0f3e-1f0a-4b55-8c0e-1d2e3f4a5b6c",
            "summary": "Consider folic acid on the other days",
            "indicator": "info",
            "source": {"label": "Myo", "topic": {"system": "https://myo.invalid/fhir/CodeSystem/topic", "code": "folate"}},
            "selectionBehavior": "at-most-one",
            "suggestions": [{
                "label": "Add folic acid", "uuid": "7e9b1c2d-3a4f-4e5d-9c8b-7a6f5e4d3c2b", "isRecommended": true,
                "actions": [{"type": "create", "description": "Draft a folic acid statement",
                    "resource": {"resourceType": "MedicationStatement", "status": "intended",
                        "subject": {"reference": "Patient/p-42"},
                        "medicationCodeableConcept": {"text": "folic acid"}}}]
            }],
            "overrideReasons": [{"code": "already-taking", "system": "https://myo.invalid/fhir/CodeSystem/override", "display": "Already taking it"}]
        }],
        "systemActions": []
    }))
    .unwrap();
    assert!(response.violations().is_empty());
    let card = &response.cards[0];
    assert_eq!(card.selection_behavior, Some(SelectionBehavior::AtMostOne));
    let action = &card.suggestions[0].actions[0];
    assert!(matches!(
        action.resource,
        Some(Resource::MedicationStatement(_))
    ));
}

#[test]
fn feedback_round_trips() {
    let body = json!({"feedback": [{
        "card": "5d0d9bd5-8a4f-4c0b-a0f4-0a1f7a0e2b77",
        "outcome": "overridden",
        "overrideReason": {"reason": {"code": "already-taking", "system": "https://myo.invalid/fhir/CodeSystem/override"},
            "userComment": "ordered last week"},
        "outcomeTimestamp": "2026-11-21T06:00:00Z"
    }]});
    let feedback: Feedback = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(feedback.feedback[0].outcome, "overridden");
    assert_eq!(serde_json::to_value(&feedback).unwrap(), body);
}
