//! Spanish pages say in Spanish what Rust code makes, not only what templates hold: the
//! medicine checks (the weekly-only refusal, a dose above the usual range from a guide that is
//! not yet verified, the same-ingredient refusal, a field filled in for another schedule), a
//! lab value that reads two ways, the visits' measures and Total Improvement Score, the visit
//! summary's medicine lines, the FHIR import's headline, the notices after an action, and
//! trial-search e-mails. On both backends; English stays the tracker's words (other tests).

mod common;

use axum::http::StatusCode;
use common::{Person, TestApp, fhir_bundle, med_form, person};
use myo_web::i18n::{Catalog, Lang, Tr};
use serde_json::json;

on_both_apps!(
    medicine_checks_are_said_in_spanish,
    record_pages_and_the_summary_are_in_spanish,
    notices_and_the_import_headline_are_in_spanish,
);

/// The person's cookie with Spanish chosen.
fn es(p: &Person) -> String {
    format!("{}; myo_lang=es", p.cookie)
}

/// English words that Rust code makes and that must not be on these Spanish pages.
const ENGLISH: &[&str] = &[
    "(allowed:",
    "is above the highest usual dose",
    "not yet verified",
    "was recognised as",
    "filled in, but",
    "could mean",
    "physician global",
    "Baseline ",
    "taper step to",
    "), from ",
    "record(s)",
    "There was no active link",
    "Your password has been changed",
    "read only",
];

fn no_english(body: &str, what: &str) {
    for w in ENGLISH {
        assert!(
            !body.contains(w),
            "{what}: English {w:?} on a Spanish page:\n{body}"
        );
    }
}

async fn medicine_checks_are_said_in_spanish(t: &TestApp) {
    let p = person(t, "es-medicines@example.org").await;
    let page = format!("/patients/{}/medicines", p.id);
    let cookie = es(&p);
    // Methotrexate every day: refused, with the reason from the rules, in Spanish.
    let r = t
        .post_form(
            &page,
            &med_form(&p, "Methotrexate", "15", "daily"),
            Some(&cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("el metotrexato para la miositis se toma una vez a la semana"),
        "{}",
        r.body
    );
    no_english(&r.body, "daily methotrexate");
    // A field of another schedule: refused naming both choices in the form's words.
    let mut f = med_form(&p, "Hydroxychloroquine", "200", "daily");
    f.push(("steps", "20 mg for 7 days"));
    let r = t.post_form(&page, &f, Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains(
            "Pasos de la reducción: está rellenado, pero en «Con qué frecuencia» se eligió «a diario»"
        ),
        "{}",
        r.body
    );
    no_english(&r.body, "other schedule's field");
    // Above the usual dose, from a guide whose range is not yet verified: asked, in Spanish,
    // with the decimal comma.
    let r = t
        .post_form(
            &page,
            &med_form(&p, "Millipred", "80.5", "daily"),
            Some(&cookie),
        )
        .await;
    assert!(r.body.contains("id=\"med-confirm\""), "{}", r.body);
    assert!(
        r.body.contains("80,5 mg al día está por encima"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("este intervalo aún no está verificado"),
        "{}",
        r.body
    );
    no_english(&r.body, "dose above the usual");
    // Weekly methotrexate is saved, with the folic acid suggestion in Spanish; a second one
    // is refused.
    let r = t
        .post_form(
            &page,
            &med_form(&p, "Methotrexate", "15", "weekly"),
            Some(&cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("El ácido fólico suele tomarse"),
        "{}",
        r.body
    );
    let r = t
        .post_form(
            &page,
            &med_form(&p, "Trexall", "10", "weekly"),
            Some(&cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("ya tiene «Methotrexate» (methotrexate) desde el 5 ene 2026"),
        "{}",
        r.body
    );
    no_english(&r.body, "second methotrexate");
    // A taper written in Spanish words is read (and its decimal comma).
    let mut f = med_form(&p, "Prednisone", "", "taper");
    f.push(("steps", "20 mg durante 7 días, luego 7,5 mg durante 7 días"));
    let r = t.post_form(&page, &f, Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("7,5 mg"), "{}", r.body);
}

async fn record_pages_and_the_summary_are_in_spanish(t: &TestApp) {
    let p = person(t, "es-records@example.org").await;
    let cookie = es(&p);
    let base = format!("/patients/{}", p.id);
    // A lab value that reads two ways.
    let r = t
        .post_form(
            &format!("{base}/labs"),
            &[
                ("csrf", &p.csrf),
                ("analyte", "ck"),
                ("value", "1,850"),
                ("unit", "U/L"),
                ("date", "2026-01-05"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("«1,850» puede ser 1850 o 1,85"),
        "{}",
        r.body
    );
    no_english(&r.body, "labs");
    // Two visits, their measures and the Total Improvement Score between them.
    for (date, physician, patient) in [("2026-01-05", "6.5", "7"), ("2026-03-02", "3", "4")] {
        let r = t
            .post_form(
                &format!("{base}/visits"),
                &[
                    ("csrf", &p.csrf),
                    ("date", date),
                    ("physician_global", physician),
                    ("patient_global", patient),
                    ("extramuscular", "2"),
                ],
                Some(&cookie),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let r = t.get(&format!("{base}/visits"), Some(&cookie)).await;
    assert!(
        r.body
            .contains("valoración global del médico 6,5/10, valoración global del paciente 7/10"),
        "{}",
        r.body
    );
    let ids: Vec<String> = r
        .body
        .split("<li id=\"visit-")
        .skip(1)
        .filter_map(|s| s.split('"').next().map(str::to_owned))
        .collect();
    assert_eq!(ids.len(), 2, "{}", r.body);
    let r = t
        .get(
            &format!("{base}/visits?baseline={}&followup={}", ids[0], ids[1]),
            Some(&cookie),
        )
        .await;
    assert!(r.body.contains("id=\"tis-result\""), "{}", r.body);
    assert!(r.body.contains("Consulta inicial"), "{}", r.body);
    assert!(r.body.contains("Puntuación total de mejoría"), "{}", r.body);
    assert!(
        r.body.contains("no disponible en las dos consultas"),
        "{}",
        r.body
    );
    no_english(&r.body, "visits");
    // The summary's medicine lines: a taper's steps and the dose in force.
    let mut f = med_form(&p, "Prednisone", "", "taper");
    f.push((
        "steps",
        "20 mg durante 7 días, luego 12,5 mg durante 7 días",
    ));
    f.retain(|(k, _)| *k != "start");
    f.push(("start", "2026-02-02"));
    let r = t
        .post_form(&format!("{base}/medicines"), &f, Some(&cookie))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = t
        .get(
            &format!("{base}/summary?from=2026-01-01&to=2026-03-31"),
            Some(&cookie),
        )
        .await;
    assert!(r.body.contains("desde el 2 feb 2026"), "{}", r.body);
    assert!(
        r.body
            .contains("Prednisone, paso de la reducción a 12,5 mg"),
        "{}",
        r.body
    );
    no_english(&r.body, "summary");
}

async fn notices_and_the_import_headline_are_in_spanish(t: &TestApp) {
    let p = person(t, "es-notices@example.org").await;
    let cookie = es(&p);
    let r = t.get("/account?done=password", Some(&cookie)).await;
    assert!(
        r.body.contains("Su contraseña se ha cambiado"),
        "{}",
        r.body
    );
    no_english(&r.body, "account notice");
    let r = t
        .post_form(
            &format!("/patients/{}/shares/revoke-all", p.id),
            &[("csrf", &p.csrf)],
            Some(&cookie),
        )
        .await;
    assert!(
        r.body.contains("No había ningún enlace activo."),
        "{}",
        r.body
    );
    no_english(&r.body, "sharing notice");
    // The import's headline: what will be added and what is refused, and why, in Spanish.
    let bundle = fhir_bundle(vec![
        json!({"resourceType": "Observation", "id": "ck1", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "2157-6"}]},
            "effectiveDateTime": "2026-01-05",
            "valueQuantity": {"value": 850, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "U/L"}}),
        json!({"resourceType": "Observation", "id": "ck2", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "2157-6"}]},
            "effectiveDateTime": "2026-01-06",
            "valueQuantity": {"value": 90000000, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "U/L"}}),
    ]);
    let r = t
        .post_form(
            "/import/fhir",
            &[("csrf", &p.csrf), ("bundle", &bundle)],
            Some(&cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Se añadirá este registro"), "{}", r.body);
    assert!(r.body.contains("este se rechazó porque"), "{}", r.body);
    assert!(
        r.body
            .contains("está fuera de lo que es posible para Creatina cinasa (CK)"),
        "{}",
        r.body
    );
    no_english(&r.body, "import");
}

/// A saved search's e-mail in its owner's language: the same parts as the English one (the
/// disclaimer, the link to all results, how to stop them), in Spanish.
#[test]
fn a_trial_search_email_in_spanish() {
    let catalog = std::sync::Arc::new(Catalog::builtin().expect("catalogue"));
    let search = myo_store::SavedSearch {
        id: myo_store::RecordId("s1".into()),
        user_id: myo_store::UserId("u1".into()),
        name: "Madrid".into(),
        query: "status=recruiting".into(),
        created_at: myo_store::Timestamp::now(),
        last_seen_at: myo_store::Timestamp::now(),
        email_since: None,
    };
    let items = vec![
        "- A study\r\n  Recruiting\r\n  Drug: X\r\n  https://myo.test/trials/NCT1\r\n".to_owned(),
    ];
    let (subject, body) = myo_web::trials::alerts::message(
        &Tr::new(catalog.clone(), Lang::Es),
        "https://myo.test",
        &search,
        &items,
    );
    assert_eq!(subject, "Myo: 1 estudio nuevo para su búsqueda «Madrid»");
    assert!(
        body.starts_with("1 estudio nuevo de ClinicalTrials.gov coincide"),
        "{body}"
    );
    assert!(
        body.contains("Myo informa; no diagnostica ni receta."),
        "{body}"
    );
    assert!(
        body.contains("https://myo.test/trials?status=recruiting&saved=s1"),
        "{body}"
    );
    assert!(
        body.contains("Avisarme por correo de estudios nuevos"),
        "{body}"
    );
    // English keeps its words.
    let (subject, body) = myo_web::trials::alerts::message(
        &Tr::new(catalog, Lang::En),
        "https://myo.test",
        &search,
        &items,
    );
    assert_eq!(subject, "Myo: 1 new study for your search \"Madrid\"");
    assert!(
        body.starts_with("1 new study on ClinicalTrials.gov matches"),
        "{body}"
    );
}
