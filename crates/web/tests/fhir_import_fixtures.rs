//! FHIR import of realistic files, end to end: a Synthea-style patient (a `transaction`
//! Bundle with encounters, claims-free clinical resources, UCUM quantities, times with zone
//! offsets, and one daily methotrexate order) and an International Patient Summary document
//! (`document` Bundle: a Composition, medicines named through `medicationReference`, SNOMED CT
//! antibody results, a CRP in mg/dL). Both files were written for Myo's tests, in the shape of
//! those exports (`crates/fhir/tests/fixtures/import/`). Each test checks what was taken, what
//! was refused (the field in plain words) and what was skipped with its reason; then that the
//! export of the result is valid R4 and imports into a second account losing nothing.
//! `scripts/interop-check` runs these with `MYO_FHIR_SAMPLES` set and passes the fixtures and
//! the exports to two independent validators.

mod common;

use axum::http::{Method, StatusCode};
use common::{Person, TestApp, person, record_count};
use myo_fhir::resources::Bundle;
use myo_fhir::validate::Validate;
use serde_json::Value;

const SYNTHEA: &str = include_str!("../../fhir/tests/fixtures/import/synthea-style-patient.json");
const IPS: &str = include_str!("../../fhir/tests/fixtures/import/ips-document.json");

async fn import(t: &TestApp, p: &Person, body: &str, confirm: bool) -> (StatusCode, Value) {
    let path = format!(
        "/api/v1/patients/{}/import/fhir{}",
        p.id,
        if confirm { "?confirm=true" } else { "" }
    );
    let r = t.post_json(&path, body, Some(&p.bearer)).await;
    let v = r.json();
    (r.status, v)
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| match x {
            Value::String(s) => s.clone(),
            other => other["summary"].as_str().map_or_else(
                || {
                    format!(
                        "{} | {} | {}",
                        other["field"].as_str().unwrap_or(""),
                        other["path"].as_str().unwrap_or(""),
                        other["message"].as_str().unwrap_or("")
                    )
                },
                str::to_owned,
            ),
        })
        .collect()
}

fn valid_r4(text: &str) {
    let bundle: Bundle = myo_fhir::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    assert!(bundle.validate().is_empty(), "{:?}", bundle.validate());
}

/// Confirms the import, exports the result (valid R4, written for `scripts/interop-check`),
/// and imports the export into a second account: every record kind arrives, nothing refused.
async fn round_trip(t: &TestApp, p: &Person, text: &str, saved: u64, sample: &str) {
    let (status, v) = import(t, p, text, true).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["saved"].as_u64(), Some(saved), "{v}");
    // Importing the same file again adds nothing.
    let (_, again) = import(t, p, text, true).await;
    assert_eq!(again["saved"], 0, "{again}");
    assert_eq!(
        again["duplicates"].as_array().unwrap().len(),
        usize::try_from(saved).unwrap(),
        "{again}"
    );
    let r = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/export/fhir", p.id),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    valid_r4(&r.body);
    if let Ok(dir) = std::env::var("MYO_FHIR_SAMPLES") {
        std::fs::create_dir_all(&dir).expect("samples dir");
        std::fs::write(format!("{dir}/{sample}"), &r.body).expect("write sample");
    }
    let second = person(t, &format!("second-{sample}@example.org")).await;
    let (status, v) = import(t, &second, &r.body, true).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert!(v["refused"].as_array().unwrap().is_empty(), "{v}");
    for kind in ["labs", "antibodies", "conditions", "medicines"] {
        assert_eq!(
            record_count(t, p, kind).await,
            record_count(t, &second, kind).await,
            "{kind}"
        );
    }
}

#[tokio::test]
async fn a_synthea_style_patient_imports_what_myo_tracks() {
    valid_r4(SYNTHEA);
    let t = TestApp::sqlite().await;
    let p = person(&t, "rosa@example.org").await;
    let (status, v) = import(&t, &p, SYNTHEA, false).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(
        strings(&v, "add"),
        [
            "Condition: Dermatomyositis (adult), diagnosed 2026-03-04",
            "Lab result: Creatine kinase (CK) 4120 U/L on 2026-03-04",
            "Lab result: ALT 88 U/L on 2026-03-04",
            "Lab result: AST 141 U/L on 2026-03-04",
            "Lab result: Creatine kinase (CK) 610 U/L on 2026-06-02",
            "Antibody: anti-Mi-2 positive on 2026-03-11",
            "Medicine: prednisone 20 MG Oral Tablet 20 mg, daily, from 2026-03-04",
            "Medicine: methotrexate 2.5 MG Oral Tablet 15 mg, weekly, from 2026-03-18",
        ]
    );
    // The second methotrexate order, daily, has the weekly one's name and start: it is
    // refused by the weekly-only guard, not taken for a duplicate.
    let refused = strings(&v, "refused");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0].starts_with("How often | entry[12].resource (schedule.kind)")
            && refused[0].to_lowercase().contains("week"),
        "{refused:?}"
    );
    assert!(v["duplicates"].as_array().unwrap().is_empty(), "{v}");
    assert_eq!(
        strings(&v, "skipped"),
        [
            "entry 1: Encounter (not something Myo tracks)",
            "entry 3: Condition (not something Myo tracks)",
            "entry 8: Observation (not something Myo tracks)",
            "entry 13: Immunization (not something Myo tracks)",
            "entry 14: Procedure (not something Myo tracks)",
            "entry 15: DiagnosticReport (not something Myo tracks)",
        ]
    );
    round_trip(&t, &p, SYNTHEA, 8, "import-synthea-style.json").await;
    assert_eq!(record_count(&t, &p, "labs").await, 4);
    assert_eq!(record_count(&t, &p, "medicines").await, 2);
    t.cleanup().await;
}

#[tokio::test]
async fn an_ips_document_imports_through_its_references() {
    valid_r4(IPS);
    let t = TestApp::sqlite().await;
    let p = person(&t, "eva@example.org").await;
    let (status, v) = import(&t, &p, IPS, false).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    // Medicines are named by the Medication each statement references; antibodies are
    // SNOMED CT positive/negative; the CRP keeps its mg/dL (converted by the tracker's table).
    assert_eq!(
        strings(&v, "add"),
        [
            "Condition: Amyopathic dermatomyositis, diagnosed 2025-09-15",
            "Medicine: hydroxychloroquine 200 mg, several daily, from 2025-10-01",
            "Medicine: methotrexate 15 mg, weekly, from 2025-10-01",
            "Lab result: Creatine kinase (CK) 142 U/L on 2026-11-12",
            "Lab result: C-reactive protein (CRP) 0.4 mg/dL on 2026-11-12",
            "Antibody: anti-TIF1-γ positive on 2025-09-20",
            "Antibody: anti-MDA5 negative on 2025-09-20",
        ]
    );
    // Folic acid gives no time of day: refused with the field and what to do instead.
    assert_eq!(
        strings(&v, "refused"),
        [
            "Time | entry[8].resource.dosage[0].timing.repeat.timeOfDay | the time of day it is \
          taken is not in the file; add this medicine on the medicines page"
        ]
    );
    assert_eq!(
        strings(&v, "skipped"),
        [
            "entry 0: Composition (not something Myo tracks)",
            "entry 2: Practitioner (not something Myo tracks)",
            "entry 3: Organization (not something Myo tracks)",
            "entry 11: AllergyIntolerance (not something Myo tracks)",
        ]
    );
    round_trip(&t, &p, IPS, 7, "import-ips.json").await;
    assert_eq!(record_count(&t, &p, "antibodies").await, 2);
    t.cleanup().await;
}
