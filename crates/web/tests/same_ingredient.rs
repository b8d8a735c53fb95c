//! A second active medicine with the same active ingredient, for every drug the knowledge base's
//! drug guides name (generic and brand names), on the form, the JSON API and the FHIR import:
//! methotrexate is refused, any other ingredient asks for a confirmation with a reason. Names
//! the data does not give the same ingredient (prednisone and prednisolone, tacrolimus ointment
//! and pimecrolimus cream, omeprazole and esomeprazole) are not confused, and a medicine that ended earlier is not a twin.

mod common;

use axum::http::StatusCode;
use common::{Person, TestApp, person};
use myo_store::UserId;
use serde_json::json;

/// A weekly 1 mg entry (weekly, so methotrexate passes its own guard; 1 mg is under every
/// guide's usual range), from `start`, with optional extra JSON members.
fn med(name: &str, start: &str, extra: &str) -> String {
    format!(
        r#"{{"name":{},"dose":{{"amount":1,"unit":"mg"}},"route":"oral","schedule":{{"kind":"weekly","day":"friday","time":"08:00"}},"start":"{start}"{extra}}}"#,
        json!(name)
    )
}

async fn post(t: &TestApp, p: &Person, body: &str) -> common::Resp {
    t.post_json(
        &format!("/api/v1/patients/{}/medicines", p.id),
        body,
        Some(&p.bearer),
    )
    .await
}

async fn count(t: &TestApp, p: &Person) -> usize {
    t.store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export")
        .medicines
        .len()
}

/// The brand names a drug guide lists, as people write them on a box: the guide's own
/// note in brackets dropped, and "A and B" read as two names.
fn brands(listed: &[String]) -> Vec<String> {
    listed
        .iter()
        .map(|b| b.split('(').next().unwrap_or(b).trim().to_owned())
        .flat_map(|b| {
            b.split(" and ")
                .map(|s| s.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|b| !b.is_empty())
        .collect()
}

/// Every single-ingredient drug guide: its generic name first, then each brand, each after the
/// generic on a fresh year so the pairs do not meet.
async fn every_guide_brand_meets_its_generic(t: &TestApp) {
    let kb = myo_kb::Kb::builtin().expect("kb");
    let p = person(t, "twins@example.org").await;
    let mut year = 1960;
    let mut checked = 0;
    let mut missed = Vec::new();
    for e in kb.entries() {
        let Some(myo_kb::Structured::Drug(d)) = &e.structured else {
            continue;
        };
        if d.generic_name.contains(';') {
            continue; // several ingredients in one guide: see the explicit cases below
        }
        for brand in brands(&d.brand_names) {
            year += 1;
            let start = format!("{year}-01-02");
            let r = post(
                t,
                &p,
                &med(
                    &d.generic_name,
                    &start,
                    &format!(r#","end":"{year}-12-31","confirmation":"prescribed""#),
                ),
            )
            .await;
            assert_eq!(
                r.status,
                StatusCode::CREATED,
                "{}: {}",
                d.generic_name,
                r.body
            );
            let r = post(
                t,
                &p,
                &med(&brand, &start, &format!(r#","end":"{year}-12-31""#)),
            )
            .await;
            let field = r.json()["error"]["field"].as_str().unwrap_or("").to_owned();
            let expected = if d.generic_name == "methotrexate" {
                "name"
            } else {
                "confirmation"
            };
            if r.status != StatusCode::UNPROCESSABLE_ENTITY
                || field != expected
                || !r.body.contains(&d.generic_name.to_lowercase())
            {
                missed.push(format!(
                    "{brand} after {}: {} {}",
                    d.generic_name, r.status, r.body
                ));
            }
            checked += 1;
        }
    }
    assert!(checked >= 30, "{checked} brands checked");
    assert!(
        missed.is_empty(),
        "not recognised as the same ingredient:\n{}",
        missed.join("\n")
    );
}

/// Spellings and forms that must still be found: case, strength, look-alike letters, a brand
/// typed as the generic name, an RxNorm code alone, a generic name with more words.
async fn disguised_twins_are_found(t: &TestApp) {
    let p = person(t, "disguised@example.org").await;
    let start = "2026-01-02";
    let r = post(t, &p, &med("Prednisone", start, "")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    for second in [
        med("DELTASONE", start, ""),
        med("Rayos 5mg", start, ""),
        med("Dеltasone", start, ""), // Cyrillic е
        med("prednisone", "2026-06-01", ""),
        med("my steroid", start, r#","generic_name":"Deltasone""#),
        med(
            "Deltasone",
            start,
            r#","generic_name":"prednisone tablets""#,
        ),
        med("steroid tablets", start, r#","rxcui":"8640""#),
    ] {
        let r = post(t, &p, &second).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{second}: {}",
            r.body
        );
        assert_eq!(r.json()["error"]["field"], "confirmation", "{second}");
        assert!(
            r.body.contains("same active ingredient"),
            "{second}: {}",
            r.body
        );
    }
    // With a reason it is saved, and the reason is kept.
    let r = post(
        t,
        &p,
        &med(
            "Deltasone",
            start,
            r#","confirmation":"two strengths, per Dr Ng""#,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(count(t, &p).await, 2);
}

/// Different ingredients stay apart, and an ended medicine is no twin.
async fn different_ingredients_are_not_twins(t: &TestApp) {
    let p = person(t, "apart@example.org").await;
    let start = "2026-01-02";
    for first in ["Prednisone", "Protopic", "omeprazole"] {
        let r = post(t, &p, &med(first, start, "")).await;
        assert_eq!(r.status, StatusCode::CREATED, "{first}: {}", r.body);
    }
    for other in [
        "prednisolone",
        "methylprednisolone",
        "Elidel",
        "Plaquenil",
        "Nexium",
    ] {
        let r = post(t, &p, &med(other, start, "")).await;
        assert_eq!(r.status, StatusCode::CREATED, "{other}: {}", r.body);
    }
    // Azathioprine stopped before Imuran starts: not at the same time.
    let r = post(
        t,
        &p,
        &med("azathioprine", "2025-01-02", r#","end":"2025-06-30""#),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = post(t, &p, &med("Imuran", "2025-07-01", "")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}

/// Guides that name several ingredients: each brand goes with the ingredient in its brackets.
async fn several_ingredient_guides_pair_by_bracket(t: &TestApp) {
    let p = person(t, "topical@example.org").await;
    for (year, first, second) in [
        (2001, "clobetasol", "Temovate"),
        (2002, "Temovate", "Clobex"),
        (2003, "triamcinolone", "Kenalog"),
        (2004, "Elidel", "pimecrolimus"),
    ] {
        let start = format!("{year}-01-02");
        let end = format!(r#","end":"{year}-12-31""#);
        let r = post(t, &p, &med(first, &start, &end)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{first}: {}", r.body);
        let r = post(t, &p, &med(second, &start, &end)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{second} after {first}: {}",
            r.body
        );
        assert_eq!(r.json()["error"]["field"], "confirmation");
    }
}

/// A guide's usual range holds on its own routes: tacrolimus ointment in grams is not read
/// against the capsules' milligrams, while grams of capsules are still refused.
async fn a_dose_range_holds_on_its_guides_routes_only(t: &TestApp) {
    let p = person(t, "route@example.org").await;
    let body = |name: &str, route: &str| {
        format!(
            r#"{{"name":{},"dose":{{"amount":2,"unit":"g"}},"route":"{route}","schedule":{{"kind":"daily","time":"08:00"}},"start":"2026-01-02"}}"#,
            json!(name)
        )
    };
    for (name, start) in [("tacrolimus ointment", "2025"), ("Protopic", "2026")] {
        let b = body(name, "topical").replace("2026-01-02", &format!("{start}-01-02"));
        let b = b.replace(r#""start""#, &format!(r#""end":"{start}-12-31","start""#));
        let r = post(t, &p, &b).await;
        assert_eq!(r.status, StatusCode::CREATED, "{name}: {}", r.body);
    }
    let r = post(t, &p, &body("Prograf", "oral")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["error"]["field"], "dose.amount");
}

/// The medicines form asks for the reason too.
async fn the_form_asks_to_confirm_a_twin(t: &TestApp) {
    let p = person(t, "form-twin@example.org").await;
    let url = format!("/patients/{}/medicines", p.id);
    let form = |name: &'static str| {
        vec![
            ("csrf", p.csrf.clone()),
            ("name", name.to_owned()),
            ("dose_amount", "50".to_owned()),
            ("dose_unit", "mg".to_owned()),
            ("route", "oral".to_owned()),
            ("schedule_kind", "daily".to_owned()),
            ("time", "08:00".to_owned()),
            ("start", "2026-01-05".to_owned()),
        ]
    };
    let send = |f: Vec<(&'static str, String)>| {
        let url = url.clone();
        let cookie = p.cookie.clone();
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            t.post_form(&url, &pairs, Some(&cookie)).await
        }
    };
    let r = send(form("Imuran")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = send(form("azathioprine")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("same active ingredient"), "{}", r.body);
    assert!(r.body.contains("name=\"confirmation\""));
    assert_eq!(count(t, &p).await, 1);
    let mut f = form("azathioprine");
    f.push(("confirmation", "a second strength".to_owned()));
    let r = send(f).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(count(t, &p).await, 2);
}

/// The FHIR import refuses a twin of a medicine already in the tracker (it cannot ask for a
/// reason, so it sends the person to the medicines page).
async fn the_fhir_import_refuses_a_twin(t: &TestApp) {
    let p = person(t, "fhir-twin@example.org").await;
    let r = post(t, &p, &med("Neoral", "2026-01-02", "")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let ucum = "http://unitsofmeasure.org";
    let bundle = json!({"resourceType": "Bundle", "type": "collection", "entry": [{"resource":
        {"resourceType": "MedicationStatement", "id": "cic", "status": "active",
        "medicationCodeableConcept": {"text": "Ciclosporin 25 mg capsules"},
        "effectivePeriod": {"start": "2026-01-02"},
        "dosage": [{"route": {"coding": [{"system": "http://snomed.info/sct", "code": "26643006"}]},
            "timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "d", "timeOfDay": ["08:00:00"]}},
            "doseAndRate": [{"doseQuantity": {"value": 25, "unit": "mg", "system": ucum, "code": "mg"}}]}]}}]})
    .to_string();
    let r = t
        .post_json("/api/v1/fhir/import?confirm=true", &bundle, Some(&p.bearer))
        .await;
    let v = r.json();
    let refused = v["refused"].as_array().cloned().unwrap_or_default();
    assert_eq!(refused.len(), 1, "{}", r.body);
    assert!(
        refused[0].to_string().contains("same active ingredient"),
        "{}",
        r.body
    );
    assert_eq!(count(t, &p).await, 1, "nothing imported");
}

on_both_apps!(
    every_guide_brand_meets_its_generic,
    disguised_twins_are_found,
    different_ingredients_are_not_twins,
    several_ingredient_guides_pair_by_bracket,
    a_dose_range_holds_on_its_guides_routes_only,
    the_form_asks_to_confirm_a_twin,
    the_fhir_import_refuses_a_twin,
);
