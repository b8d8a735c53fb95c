//! FHIR import for patients, end to end: preview (nothing saved), refusals naming the field
//! in plain words (impossible dates, non-UCUM units, bad status and id, daily methotrexate,
//! implausible values), confirm (the valid part saved and audited), duplicates on re-import,
//! the page flow, and a round trip: export then import into another account loses nothing
//! the tracker models.

mod common;

use axum::http::{Method, StatusCode};
use common::{Person, TestApp, fhir_bundle, person};
use serde_json::{Value, json};

const UCUM: &str = "http://unitsofmeasure.org";

fn lab(id: &str, loinc: &str, date: &str, value: Value, unit: &str) -> Value {
    json!({"resourceType": "Observation", "id": id, "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": loinc}]},
        "effectiveDateTime": date,
        "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit}})
}

fn medicine(id: &str, name: &str, repeat: Value) -> Value {
    json!({"resourceType": "MedicationStatement", "id": id, "status": "active",
        "medicationCodeableConcept": {"text": name},
        "effectivePeriod": {"start": "2026-01-02"},
        "dosage": [{"route": {"coding": [{"system": "http://snomed.info/sct", "code": "26643006"}]},
            "timing": {"repeat": repeat},
            "doseAndRate": [{"doseQuantity": {"value": 15, "unit": "mg", "system": UCUM, "code": "mg"}}]}]})
}

/// A portal export: 5 importable records, 2 skipped and 7 that must be refused.
fn portal_bundle() -> String {
    let mut bad_status = lab("ok-2", "1742-6", "2026-11-02", json!(40), "U/L");
    bad_status["status"] = json!("finished");
    let mut bad_id = lab("has space", "1920-8", "2026-11-02", json!(35), "U/L");
    bad_id["id"] = json!("has space");
    fhir_bundle(vec![
        json!({"resourceType": "Patient", "id": "p1", "gender": "female"}),
        lab("ck-1", "2157-6", "2026-11-20T09:30:00Z", json!(850), "U/L"),
        lab("alt-1", "1742-6", "2026-11-20", json!(62), "U/L"),
        json!({"resourceType": "Observation", "id": "mda5", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "82424-3"}]},
            "effectiveDateTime": "2026-10-01",
            "valueCodeableConcept": {"coding": [{"system": "http://loinc.org", "code": "LA6576-8", "display": "Positive"}]}}),
        json!({"resourceType": "Condition", "id": "dm",
            "code": {"coding": [{"system": "http://snomed.info/sct", "code": "396230008"}]},
            "onsetDateTime": "2026-08-20"}),
        medicine(
            "mtx-weekly",
            "Methotrexate 2.5 mg tablets",
            json!({"frequency": 1, "period": 1, "periodUnit": "wk", "dayOfWeek": ["fri"], "timeOfDay": ["08:00:00"]}),
        ),
        json!({"resourceType": "Observation", "id": "bp", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
            "effectiveDateTime": "2026-11-20", "valueQuantity": {"value": 120, "system": UCUM, "code": "mm[Hg]"}}),
        // Refused:
        lab("feb-30", "2157-6", "2026-02-30", json!(500), "U/L"),
        lab("iu", "2157-6", "2026-11-21", json!(500), "IU/L"),
        bad_status,
        bad_id,
        medicine(
            "mtx-daily",
            "MTX",
            json!({"frequency": 1, "period": 1, "periodUnit": "d", "timeOfDay": ["08:00:00"]}),
        ),
        lab(
            "huge",
            "2157-6",
            "2026-11-22",
            json!(123_456_789_012_i64),
            "U/L",
        ),
        lab("future", "2157-6", "2099-01-01", json!(300), "U/L"),
    ])
}

async fn import(t: &TestApp, p: &Person, body: &str, confirm: bool) -> (StatusCode, Value) {
    let path = format!(
        "/api/v1/fhir/import{}",
        if confirm { "?confirm=true" } else { "" }
    );
    let r = t.post_json(&path, body, Some(&p.bearer)).await;
    let json = r.json();
    (r.status, json)
}

async fn count(t: &TestApp, p: &Person, kind: &str) -> u64 {
    let r = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/{kind}", p.id),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()["count"].as_u64().unwrap()
}

fn fields(v: &Value) -> Vec<(String, String)> {
    v["refused"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap().to_owned(),
                r["field"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn preview_refuses_bad_entries_by_name_and_saves_nothing() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "ana@example.org").await;
    let (status, v) = import(&t, &p, &portal_bundle(), false).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let added: Vec<&str> = v["add"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["summary"].as_str().unwrap())
        .collect();
    assert_eq!(added.len(), 5, "{added:?}");
    assert!(
        added.contains(&"Lab result: Creatine kinase (CK) 850 U/L on 2026-11-20"),
        "{added:?}"
    );
    assert!(
        added
            .iter()
            .any(|a| a.starts_with("Antibody: anti-MDA5 positive")),
        "{added:?}"
    );
    assert!(
        added
            .iter()
            .any(|a| a.starts_with("Medicine: Methotrexate")),
        "{added:?}"
    );
    let refused = fields(&v);
    let expect = [
        ("entry[7].resource.effectiveDateTime", "Date"),
        ("entry[8].resource (unit)", "Unit"),
        ("entry[9].resource.status", "Status"),
        ("entry[10].resource.id", "Record id"),
        ("entry[11].resource (schedule.kind)", "How often"),
        ("entry[12].resource (value)", "Value"),
        ("entry[13].resource (date)", "Date"),
    ];
    for (path, field) in expect {
        assert!(
            refused.iter().any(|(p, f)| p == path && f == field),
            "{path} {field}: {refused:?}"
        );
    }
    assert_eq!(refused.len(), expect.len(), "{refused:?}");
    let message = v["message"].as_str().unwrap();
    assert!(
        message.starts_with("These 5 record(s) will be added; these 7 were refused because Date:"),
        "{message}"
    );
    // The daily methotrexate refusal explains itself.
    let mtx = &v["refused"].as_array().unwrap()[4]["message"];
    assert!(
        mtx.as_str().unwrap().to_lowercase().contains("week"),
        "{mtx}"
    );
    // Blood pressure is not a tracker lab: skipped, not refused.
    assert_eq!(v["skipped"].as_array().unwrap().len(), 1, "{v}");
    // Nothing was saved by the preview.
    assert_eq!(count(&t, &p, "labs").await, 0);
    assert_eq!(count(&t, &p, "medicines").await, 0);
    t.cleanup().await;
}

#[tokio::test]
async fn confirm_saves_the_valid_part_audited_and_reimport_finds_duplicates() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "ana@example.org").await;
    let (status, v) = import(&t, &p, &portal_bundle(), true).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["saved"], 5);
    assert_eq!(count(&t, &p, "labs").await, 2);
    assert_eq!(count(&t, &p, "antibodies").await, 1);
    assert_eq!(count(&t, &p, "conditions").await, 1);
    assert_eq!(count(&t, &p, "medicines").await, 1);
    let log = t.audit(200).await;
    let created = log
        .iter()
        .filter(|e| {
            e.entry.action == "create"
                && e.entry
                    .details
                    .as_deref()
                    .is_some_and(|d| d.contains("fhir_import"))
                && e.entry.patient_id.as_deref() == Some(p.id.as_str())
        })
        .count();
    assert_eq!(created, 5);
    assert!(log.iter().any(|e| e.entry.action == "import"));
    // The same file again: everything is a duplicate, nothing is saved twice.
    let (status, v) = import(&t, &p, &portal_bundle(), true).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["saved"], 0);
    assert_eq!(v["duplicates"].as_array().unwrap().len(), 5, "{v}");
    assert_eq!(count(&t, &p, "labs").await, 2);
    // A file with the same lab twice imports it once.
    let twice = fhir_bundle(vec![
        lab("a", "2532-0", "2026-11-20", json!(300), "U/L"),
        lab("b", "2532-0", "2026-11-20", json!(300.0), "U/L"),
    ]);
    let (_, v) = import(&t, &p, &twice, true).await;
    assert_eq!(
        (
            v["saved"].as_u64(),
            v["duplicates"].as_array().unwrap().len()
        ),
        (Some(1), 1)
    );
    t.cleanup().await;
}

#[tokio::test]
async fn bad_files_and_other_people_are_refused() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "ana@example.org").await;
    let (status, v) = import(&t, &p, "{not json", true).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["refused"][0]["field"], "File");
    let (status, v) = import(&t, &p, r#"{"resourceType":"Patient"}"#, true).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        v["refused"][0]["message"]
            .as_str()
            .unwrap()
            .contains("not a FHIR Bundle")
    );
    // A NUL byte is refused at the boundary, naming the field.
    let nul = fhir_bundle(vec![lab("x", "2157-6", "2026-11-20", json!(1), "U/L\u{0}")]);
    let r = t
        .post_json("/api/v1/fhir/import", &nul, Some(&p.bearer))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    // Not sent as JSON: 415.
    let req = axum::http::Request::builder()
        .method(Method::POST)
        .uri("/api/v1/fhir/import")
        .header("content-type", "text/plain")
        .header("authorization", format!("Bearer {}", p.bearer))
        .body(axum::body::Body::from(portal_bundle()))
        .unwrap();
    assert_eq!(t.send(req).await.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // No token: 401.
    let r = t
        .post_json("/api/v1/fhir/import", &portal_bundle(), None)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(count(&t, &p, "labs").await, 0);
    t.cleanup().await;
}

#[tokio::test]
async fn the_page_previews_then_saves_on_confirm() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "ana@example.org").await;
    let r = t.get("/import/fhir", Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::OK);
    let csrf = r.csrf();
    let text = portal_bundle();
    let r = t
        .post_form(
            "/import/fhir",
            &[("csrf", &csrf), ("bundle", &text)],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("These 5 record(s) will be added"),
        "{}",
        r.body
    );
    assert!(r.body.contains("id=\"import-refused\""));
    assert!(r.body.contains("<strong>How often</strong>"));
    assert_eq!(count(&t, &p, "labs").await, 0);
    let r = t
        .post_form(
            "/import/fhir",
            &[("csrf", &csrf), ("confirm", "yes"), ("bundle", &text)],
            Some(&p.cookie),
        )
        .await;
    assert!(r.body.contains("id=\"import-saved\""), "{}", r.body);
    assert_eq!(count(&t, &p, "labs").await, 2);
    // Signed out: to the sign-in page.
    let r = t.get("/import/fhir", None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    t.cleanup().await;
}

#[tokio::test]
async fn an_ips_style_medication_reference_is_followed() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "ana@example.org").await;
    let mut statement = medicine(
        "ms-1",
        "unused",
        json!({"frequency": 1, "period": 1, "periodUnit": "d", "timeOfDay": ["08:00:00"]}),
    );
    let obj = statement.as_object_mut().unwrap();
    obj.remove("medicationCodeableConcept");
    obj.insert(
        "medicationReference".into(),
        json!({"reference": "urn:uuid:8c0e3b6e-0000-4000-8000-000000000001"}),
    );
    let text = json!({"resourceType": "Bundle", "type": "document", "entry": [
        {"fullUrl": "urn:uuid:8c0e3b6e-0000-4000-8000-000000000001",
         "resource": {"resourceType": "Medication", "code": {"coding": [
            {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "6851", "display": "methotrexate"}]}}},
        {"resource": statement}
    ]})
    .to_string();
    let (_, v) = import(&t, &p, &text, false).await;
    // The referenced medicine is methotrexate, taken daily: the weekly-only guard refuses it.
    assert_eq!(v["refused"][0]["field"], "How often", "{v}");
    assert!(v["add"].as_array().unwrap().is_empty(), "{v}");
    t.cleanup().await;
}

#[tokio::test]
async fn export_then_import_keeps_what_the_tracker_models() {
    let t = TestApp::sqlite().await;
    let a = person(&t, "ana@example.org").await;
    let (_, v) = import(&t, &a, &portal_bundle(), true).await;
    assert_eq!(v["saved"], 5);
    let r = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/export/fhir", a.id),
            Some(&a.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let b = person(&t, "bea@example.org").await;
    let (status, v) = import(&t, &b, &r.body, true).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    for kind in ["labs", "antibodies", "conditions", "medicines"] {
        assert_eq!(
            count(&t, &a, kind).await,
            count(&t, &b, kind).await,
            "{kind}: {v}"
        );
    }
    assert!(v["refused"].as_array().unwrap().is_empty(), "{v}");
    t.cleanup().await;
}
