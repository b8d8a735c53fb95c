//! Strength and function assessments (MMT-8, HAQ-DI, CMAS) and visits in the tracker's summary,
//! dashboard and TIS, through the whole app on SQLite and, when `MYO_TEST_POSTGRES_URL` is set,
//! on PostgreSQL: stored and scored, missing items listed (never scored as normal), invisible to
//! another patient, and TIS taking HAQ-DI from the nearest stored assessment or naming it missing.

mod common;

use axum::http::{Method, StatusCode};
use common::{Person, TestApp, person};
use myo_store::UserId;

fn today() -> myo_tracker::Date {
    myo_web::tracker::today().expect("clock within range")
}

/// MMT-8, one side, with the ankle dorsiflexors not assessed.
const MMT8_PARTIAL: &str = r#"{"mode":"unilateral","grades":{"neck_flexors":9,"deltoid_middle":8,"biceps_brachii":9,"wrist_extensors":10,"gluteus_maximus":7,"gluteus_medius":7,"quadriceps":8,"ankle_dorsiflexors":null}}"#;

fn mmt8_all(grade: u8) -> String {
    let grades: Vec<String> = myo_instruments::mmt8::GROUP_IDS
        .iter()
        .map(|g| format!("\"{g}\":{grade}"))
        .collect();
    format!(
        r#"{{"mode":"unilateral","grades":{{{}}}}}"#,
        grades.join(",")
    )
}

/// A HAQ-DI answering every category with `v` (0–3).
fn haq(v: u8) -> String {
    format!(
        r#"{{"dressing_grooming":{{"dress_self":{v},"shampoo_hair":{v}}},"arising":{{"stand_from_chair":{v},"in_out_of_bed":{v}}},"eating":{{"cut_meat":{v},"lift_cup":{v},"open_carton":{v}}},"walking":{{"walk_outdoors":{v},"climb_steps":{v}}},"hygiene":{{"wash_dry_body":{v},"tub_bath":{v},"toilet":{v}}},"reach":{{"reach_overhead":{v},"pick_up_clothing":{v}}},"grip":{{"open_car_doors":{v},"open_jars":{v},"turn_taps":{v}}},"activities":{{"errands_shopping":{v},"in_out_of_car":{v},"chores":{v}}}}}"#
    )
}

async fn post_assessment(t: &TestApp, p: &Person, instrument: &str, date: &str, input: &str) {
    let body = format!(r#"{{"instrument":"{instrument}","date":"{date}","input":{input}}}"#);
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/assessments", p.id),
            &body,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}

/// Runs `case` on SQLite and, when configured, on PostgreSQL.
macro_rules! both_backends {
    ($name:ident, $case:ident) => {
        #[tokio::test]
        async fn $name() {
            let t = TestApp::sqlite().await;
            $case(&t).await;
            t.cleanup().await;
            if let Some(t) = TestApp::postgres(stringify!($name)).await {
                $case(&t).await;
                t.cleanup().await;
            }
        }
    };
}

async fn assessment_stored_scored_and_private(t: &TestApp) {
    let a = person(t, "a@example.org").await;
    let b = person(t, "b@example.org").await;
    let day = today().to_string();
    // API: a partial MMT-8 is stored with its missing group named, and no total.
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/assessments", a.id),
            &format!(r#"{{"instrument":"mmt8","date":"{day}","input":{MMT8_PARTIAL}}}"#),
            Some(&a.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let res = &r.json()["results"];
    assert!(
        res["total"].is_null(),
        "incomplete MMT-8 has no total: {res}"
    );
    assert!(
        res["missing"].to_string().contains("ankle_dorsiflexors"),
        "{res}"
    );
    // Guided form: HAQ-DI with the grip category not assessed; the page shows the explanation.
    let haq_items: Vec<(String, &str)> = [
        (
            "dressing_grooming",
            ["dress_self", "shampoo_hair"].as_slice(),
        ),
        ("arising", &["stand_from_chair", "in_out_of_bed"]),
        ("eating", &["cut_meat", "lift_cup", "open_carton"]),
        ("walking", &["walk_outdoors", "climb_steps"]),
        ("hygiene", &["wash_dry_body", "tub_bath", "toilet"]),
        ("reach", &["reach_overhead", "pick_up_clothing"]),
        ("grip", &["open_car_doors", "open_jars", "turn_taps"]),
        (
            "activities",
            &["errands_shopping", "in_out_of_car", "chores"],
        ),
    ]
    .into_iter()
    .flat_map(|(cat, items)| {
        items.iter().map(move |i| {
            (
                format!("haq.{cat}.{i}"),
                if cat == "grip" { "na" } else { "1" },
            )
        })
    })
    .collect();
    let mut form: Vec<(&str, &str)> = haq_items.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    form.push(("csrf", a.csrf.as_str()));
    form.push(("date", day.as_str()));
    let r = t
        .post_form(
            &format!("/patients/{}/assessments/haq-di", a.id),
            &form,
            Some(&a.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = t.get(r.header("location"), Some(&a.cookie)).await;
    assert!(r.body.contains("id=\"assessment-list\""), "{}", r.body);
    assert!(r.body.contains("never scored as normal"), "{}", r.body);
    assert!(r.body.contains("ankle_dorsiflexors"), "{}", r.body);
    // Bad input: 422 naming the item, the answers kept.
    let mut form: Vec<(String, String)> = myo_instruments::mmt8::GROUP_IDS
        .iter()
        .map(|g| (format!("mmt8.{g}"), "8".to_owned()))
        .collect();
    form.retain(|(k, _)| k != "mmt8.neck_flexors");
    form.push(("mmt8.neck_flexors".into(), "11".into()));
    form.push(("csrf".into(), a.csrf.clone()));
    form.push(("date".into(), day.clone()));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = t
        .post_form(
            &format!("/patients/{}/assessments/mmt8", a.id),
            &pairs,
            Some(&a.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Neck flexors"), "{}", r.body);
    assert!(
        r.body.contains(r#"<option value="8" selected>"#),
        "{}",
        r.body
    );
    // The raw JSON form is gone from the pages (the JSON API still takes JSON).
    let r = t
        .post_form(
            &format!("/patients/{}/assessments", a.id),
            &[
                ("csrf", a.csrf.as_str()),
                ("instrument", "mmt8"),
                ("date", day.as_str()),
                ("input", r#"{"mode":"unilateral","grades":{}}"#),
            ],
            Some(&a.cookie),
        )
        .await;
    assert!(r.status.is_client_error(), "{}", r.status);
    // Stored: two rows with instrument@revision, input and key results.
    let data = t
        .store()
        .export_patient(&UserId(a.id.clone()))
        .await
        .expect("export");
    assert_eq!(data.assessments.len(), 2);
    assert!(
        data.assessments
            .iter()
            .any(|r| r.instrument.starts_with("mmt8@"))
    );
    assert!(
        data.assessments
            .iter()
            .any(|r| r.instrument.starts_with("haq-di@"))
    );
    // The list says what is missing.
    let r = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/assessments", a.id),
            Some(&a.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["count"], 2);
    // Another patient: 404 on the API, the page and a write; A's data untouched.
    for path in [format!("/api/v1/patients/{}/assessments", a.id)] {
        let r = t.api(Method::GET, &path, Some(&b.bearer)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    }
    let r = t
        .get(&format!("/patients/{}/strength", a.id), Some(&b.cookie))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(!r.body.contains("ankle_dorsiflexors"));
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/assessments", a.id),
            &format!(r#"{{"instrument":"mmt8","date":"{day}","input":{MMT8_PARTIAL}}}"#),
            Some(&b.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = t
        .post_form(
            &format!("/patients/{}/assessments", a.id),
            &[
                ("csrf", b.csrf.as_str()),
                ("instrument", "mmt8"),
                ("date", day.as_str()),
                ("input", MMT8_PARTIAL),
            ],
            Some(&b.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let after = t
        .store()
        .export_patient(&UserId(a.id.clone()))
        .await
        .expect("export");
    assert_eq!(after.assessments.len(), 2);
}

both_backends!(
    assessments_stored_scored_private,
    assessment_stored_scored_and_private
);

async fn visits_and_assessments_in_summary_dashboard_and_tis(t: &TestApp) {
    let p = person(t, "p@example.org").await;
    let now = today();
    let (d1, d2, d3) = (now.add_days(-120), now.add_days(-30), now.add_days(-5));
    let visit = |d: myo_tracker::Date, pg: u8, mmt: u8| {
        format!(
            r#"{{"date":"{d}","physician_global":{pg},"patient_global":5,"extramuscular":2,"mmt8":{},"enzymes":[{{"analyte":"ck","value":1000,"uln":200}}]}}"#,
            mmt8_all(mmt)
        )
    };
    let mut ids = Vec::new();
    for (d, pg, mmt) in [(d1, 6, 7), (d2, 2, 9), (d3, 2, 9)] {
        let r = t
            .post_json(
                &format!("/api/v1/patients/{}/visits", p.id),
                &visit(d, pg, mmt),
                Some(&p.bearer),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        ids.push(r.json()["id"].as_str().unwrap_or_default().to_owned());
    }
    // HAQ-DI stored 3 days after the first visit and on the day of the second; a fourth visit,
    // 300 days ago, has none within the window.
    post_assessment(t, &p, "haq-di", &d1.add_days(3).to_string(), &haq(2)).await;
    post_assessment(t, &p, "haq-di", &d2.to_string(), &haq(1)).await;
    post_assessment(t, &p, "mmt8", &now.to_string(), &mmt8_all(10)).await;
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/visits", p.id),
            &visit(now.add_days(-300), 5, 8),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let lonely = r.json()["id"].as_str().unwrap_or_default().to_owned();

    // TIS with stored HAQ-DI on both sides: complete, sources named.
    let tis = t
        .api(
            Method::GET,
            &format!(
                "/api/v1/patients/{}/tis?baseline={}&followup={}",
                p.id, ids[0], ids[1]
            ),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(tis.status, StatusCode::OK, "{}", tis.body);
    let j = tis.json();
    assert_eq!(j["complete"], true, "{j}");
    assert!(
        j["haq_source"]["baseline"]
            .as_str()
            .unwrap_or("")
            .contains(&d1.add_days(3).to_string()),
        "{j}"
    );
    // A visit with no HAQ-DI within the window: missing, never invented.
    let tis = t
        .api(
            Method::GET,
            &format!(
                "/api/v1/patients/{}/tis?baseline={lonely}&followup={}",
                p.id, ids[1]
            ),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(tis.status, StatusCode::OK, "{}", tis.body);
    let j = tis.json();
    assert!(j["haq_source"]["baseline"].is_null(), "{j}");
    assert_eq!(j["complete"], false, "{j}");
    let page = t
        .get(
            &format!(
                "/patients/{}/visits?baseline={lonely}&followup={}",
                p.id, ids[1]
            ),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("reported missing"), "{}", page.body);

    // Summary strength section lists visits and assessments with their totals.
    let from = now.add_days(-200);
    let r = t
        .get(
            &format!(
                "/patients/{}/summary?from={from}&to={now}&sections=strength",
                p.id
            ),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("id=\"summary-strength\""), "{}", r.body);
    assert!(
        r.body
            .contains(&format!("Visit or assessment {d2}: MMT-8 72")),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains(&format!("Visit or assessment {now}: MMT-8 80")),
        "{}",
        r.body
    );
    // Dashboard MMT-8 trend: one point per scored visit or assessment in the last 5 years.
    let r = t.get(&format!("/patients/{}", p.id), Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // (Four visits and one assessment; the HAQ-DI entries carry no MMT-8.)
    assert!(r.body.contains("id=\"mmt8-title\""), "{}", r.body);
    assert!(r.body.contains("MMT-8: 5 values"), "{}", r.body);
}

both_backends!(
    visits_in_summary_dashboard_tis,
    visits_and_assessments_in_summary_dashboard_and_tis
);

/// "Export everything a patient owns" includes stored assessments: a CSV of them, and FHIR
/// Observations carrying the instrument and its total — an incomplete MMT-8 with no total and
/// its missing group named, never a number made up from the groups that were tested.
async fn assessments_are_exported(t: &TestApp) {
    let a = person(t, "export@example.org").await;
    let day = today().to_string();
    post_assessment(t, &a, "mmt8", &day, MMT8_PARTIAL).await;
    post_assessment(t, &a, "mmt8", &day, &mmt8_all(9)).await;

    let csv = t
        .get(
            &format!("/patients/{}/export/assessments.csv", a.id),
            Some(&a.cookie),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    assert!(
        csv.body.starts_with("id,date,instrument,input,results"),
        "{}",
        csv.body
    );
    assert_eq!(csv.body.matches("mmt8@").count(), 2, "{}", csv.body);

    let fhir = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/export/fhir", a.id),
            Some(&a.bearer),
        )
        .await;
    assert_eq!(fhir.status, StatusCode::OK, "{}", fhir.body);
    let body = &fhir.body;
    assert!(body.contains("mmt8"), "instrument named: {body}");
    assert!(
        body.contains("ankle_dorsiflexors"),
        "missing group named: {body}"
    );
    let compact = body.replace([' ', '\n'], "");
    assert!(
        compact.contains(r#""value":72"#),
        "complete MMT-8 total 8 x 9 = 72: {body}"
    );
}

both_backends!(
    assessments_exported_as_csv_and_fhir,
    assessments_are_exported
);
