//! Prednisolone's dose is judged against its own drug guide's cited range, on every way in:
//! the form, the JSON API and the FHIR import, on both backends. Fed the bypasses: brand names,
//! misspellings, salts, other units ("2 g", micrograms), amounts with the unit typed in
//! ("2000mg"), grouped digits ("2 000") and decimal commas ("2000,0").

mod common;

use axum::http::StatusCode;
use common::{Person, TestApp, fhir_bundle, person};
use myo_store::UserId;
use serde_json::{Value, json};

on_both_apps!(
    prednisolone_2000_mg_is_refused_by_every_name_and_unit,
    above_the_usual_prednisolone_dose_asks_for_a_reason_and_keeps_it,
    the_fhir_import_judges_prednisolone_the_same_way,
);

/// Names people type for prednisolone: generic, salt, case, brands, misspellings.
const NAMES: [&str; 9] = [
    "Prednisolone",
    "PREDNISOLONE 5 mg tablets",
    "prednisolone sodium phosphate",
    "Millipred",
    "Orapred",
    "Orapred ODT",
    "prednisolon",
    "predisolone",
    "prednisolone",
];

fn med_json(name: &str, amount: f64, unit: &str, extra: &str) -> String {
    format!(
        r#"{{"name":{},"dose":{{"amount":{amount},"unit":"{unit}"}},"route":"oral","schedule":{{"kind":"daily","time":"08:00"}},"start":"2026-01-02"{extra}}}"#,
        Value::String(name.to_owned())
    )
}

fn med_form<'a>(
    p: &'a Person,
    name: &'a str,
    amount: &'a str,
    unit: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", p.csrf.as_str()),
        ("name", name),
        ("dose_amount", amount),
        ("dose_unit", unit),
        ("route", "oral"),
        ("schedule_kind", "daily"),
        ("time", "08:00"),
        ("start", "2026-01-05"),
    ]
}

async fn medicines(t: &TestApp, p: &Person) -> Vec<myo_store::MedicineRow> {
    t.store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export")
        .medicines
}

async fn prednisolone_2000_mg_is_refused_by_every_name_and_unit(t: &TestApp) {
    let p = person(t, "prednisolone-hard@example.org").await;
    let api = format!("/api/v1/patients/{}/medicines", p.id);
    let page = format!("/patients/{}/medicines", p.id);
    for name in NAMES {
        // The API: 2000 mg, 2 g and 2,000,000 mcg a day are all the same refused dose.
        for (amount, unit) in [
            (2000.0, "mg"),
            (2.0, "g"),
            (2_000_000.0, "mcg"),
            (650.0, "mg"),
        ] {
            let r = t
                .post_json(&api, &med_json(name, amount, unit, ""), Some(&p.bearer))
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{name} {amount} {unit}: {}",
                r.body
            );
            let e = &r.json()["error"];
            assert_eq!(e["field"], "dose.amount", "{name} {amount} {unit}: {e}");
            // Beyond any possible amount (2,000,000 mcg) the amount check speaks first;
            // otherwise the refusal names the medicine it judged.
            if unit != "mcg" {
                assert!(
                    e.to_string().contains("prednisolone"),
                    "{name}: the refusal names the medicine it judged: {e}"
                );
            }
            // A confirmation does not unlock a dose above the hard limit.
            let r = t
                .post_json(
                    &api,
                    &med_json(
                        name,
                        amount,
                        unit,
                        r#","confirmation":"the doctor said so""#,
                    ),
                    Some(&p.bearer),
                )
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{name}: {}",
                r.body
            );
        }
        // The form: the dose as people type it, read or refused, never saved.
        for (amount, unit) in [
            ("2000", "mg"),
            ("2 000", "mg"),
            ("2000,0", "mg"),
            ("2", "g"),
            ("2000000", "mcg"),
        ] {
            let r = t
                .post_form(&page, &med_form(&p, name, amount, unit), Some(&p.cookie))
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{name} {amount} {unit}"
            );
            assert!(
                r.body.contains("Dose:"),
                "{name} {amount} {unit}: {}",
                r.body
            );
            if unit != "mcg" {
                assert!(r.body.contains("prednisolone"), "{name} {amount} {unit}");
            }
        }
        // The unit typed into the amount, or a number that reads two ways: refused, naming
        // the dose, never guessed.
        for amount in ["2000mg", "2 g", "2,000", "2.000"] {
            let r = t
                .post_form(&page, &med_form(&p, name, amount, "mg"), Some(&p.cookie))
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{name} {amount}"
            );
            assert!(r.body.contains("Dose:"), "{name} {amount}: {}", r.body);
        }
    }
    // A taper whose first step is 2000 mg is refused too.
    let mut taper = med_form(&p, "Prednisolone", "", "mg");
    taper.retain(|(k, _)| *k != "schedule_kind");
    taper.push(("schedule_kind", "taper"));
    taper.push(("steps", "2000 mg for 7 days, 40 mg for 7 days"));
    let r = t.post_form(&page, &taper, Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Dose:"), "{}", r.body);
    assert!(medicines(t, &p).await.is_empty(), "nothing was saved");
}

async fn above_the_usual_prednisolone_dose_asks_for_a_reason_and_keeps_it(t: &TestApp) {
    let p = person(t, "prednisolone-confirm@example.org").await;
    let api = format!("/api/v1/patients/{}/medicines", p.id);
    let page = format!("/patients/{}/medicines", p.id);
    // A usual dose is saved without a question (another person, so no same-ingredient
    // warning comes into it).
    let other = person(t, "prednisolone-usual@example.org").await;
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/medicines", other.id),
            &med_json("Prednisolone", 40.0, "mg", ""),
            Some(&other.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["confirmation"], Value::Null);
    // 80 mg a day is above the label's highest usual dose (60 mg): asked, then kept with
    // the reason.
    let r = t
        .post_json(
            &api,
            &med_json("Millipred", 80.0, "mg", ""),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["error"]["field"], "confirmation");
    assert!(r.body.contains("60 mg a day"), "{}", r.body);
    let r = t
        .post_json(
            &api,
            &med_json(
                "Millipred",
                80.0,
                "mg",
                r#","confirmation":"1 mg per kg, prescribed by my rheumatologist""#,
            ),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        r.json()["confirmation"],
        "1 mg per kg, prescribed by my rheumatologist"
    );
    // The form with a decimal comma: 70,5 mg is read as 70.5 and asks for a reason.
    let mut form = med_form(&p, "Orapred", "70,5", "mg");
    let r = t.post_form(&page, &form, Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("id=\"med-confirm\""), "{}", r.body);
    assert!(r.body.contains("70.5 mg a day"), "{}", r.body);
    form.push(("confirmation", "my team raised it for a flare"));
    let r = t.post_form(&page, &form, Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Confirmed: my team raised it for a flare"));
    let saved = medicines(t, &p).await;
    assert_eq!(saved.len(), 2, "{saved:?}");
    assert!(saved.iter().all(|m| m.confirmation.is_some()));
    assert!(saved.iter().any(|m| (m.dose_amount - 70.5).abs() < 1e-9));
}

fn statement(id: &str, name: &str, amount: f64, unit: &str) -> Value {
    json!({"resourceType": "MedicationStatement", "id": id, "status": "active",
        "medicationCodeableConcept": {"text": name},
        "effectivePeriod": {"start": "2026-01-02"},
        "dosage": [{"route": {"coding": [{"system": "http://snomed.info/sct", "code": "26643006"}]},
            "timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "d", "timeOfDay": ["08:00:00"]}},
            "doseAndRate": [{"doseQuantity": {"value": amount, "unit": unit,
                "system": "http://unitsofmeasure.org", "code": unit}}]}]})
}

async fn the_fhir_import_judges_prednisolone_the_same_way(t: &TestApp) {
    let p = person(t, "prednisolone-fhir@example.org").await;
    let body = fhir_bundle(vec![
        statement("usual", "Prednisolone 5 mg tablets", 30.0, "mg"),
        statement("grams", "Millipred", 2.0, "g"),
        statement("typo", "predisolone", 2000.0, "mg"),
        statement("above", "Orapred", 80.0, "mg"),
    ]);
    let r = t
        .post_json("/api/v1/fhir/import", &body, Some(&p.bearer))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    let add = v["add"].as_array().unwrap();
    assert_eq!(add.len(), 1, "{v}");
    assert!(
        add[0]["summary"]
            .as_str()
            .unwrap()
            .contains("Prednisolone 5 mg tablets"),
        "{v}"
    );
    let refused = v["refused"].as_array().unwrap();
    assert_eq!(refused.len(), 3, "{v}");
    for r in refused {
        assert_eq!(r["field"], "Dose", "{r}");
        assert!(
            r["message"].as_str().unwrap().contains("prednisolone"),
            "{r}"
        );
    }
    // Above the usual dose is not saved by an import: it says where to confirm it.
    assert!(
        refused[2]["message"].as_str().unwrap().contains("confirm"),
        "{}",
        refused[2]
    );
    // Confirming saves only the usual one.
    let r = t
        .post_json("/api/v1/fhir/import?confirm=true", &body, Some(&p.bearer))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let saved = medicines(t, &p).await;
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!((saved[0].dose_amount - 30.0).abs() < 1e-9);
}
