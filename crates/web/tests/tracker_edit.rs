//! Record kinds declared once, editing with history, medicines over time and guided
//! assessments, through the whole app in-process (SQLite, and PostgreSQL when
//! `MYO_TEST_POSTGRES_URL` is set).

mod common;

use axum::http::StatusCode;
use common::{Person, TestApp, person};
use myo_web::tracker::kinds::KINDS;

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

fn today() -> String {
    myo_web::tracker::today()
        .map(|d| d.to_string())
        .unwrap_or_default()
}

async fn post(t: &TestApp, p: &Person, path: &str, form: &[(&str, &str)]) -> common::Resp {
    let mut all = vec![("csrf", p.csrf.as_str())];
    all.extend_from_slice(form);
    t.post_form(&format!("/patients/{}/{path}", p.id), &all, Some(&p.cookie))
        .await
}

/// Every declared kind's page answers, and every record address is derived from the
/// declaration: an unknown record is the usual 404 (never a 500 or 405), a kind without a page
/// has no delete page, and an unknown kind is a 404 too.
async fn every_declared_kind_has_its_pages(t: &TestApp) {
    let p = person(t, "kinds@example.org").await;
    for k in KINDS {
        let missing = format!(
            "/patients/{}/records/{}/{}/delete",
            p.id,
            k.slug,
            "0".repeat(32)
        );
        let r = t.get(&missing, Some(&p.cookie)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}: {}", k.slug, r.body);
        if let Some(href) = k.page_href(&p.id) {
            let r = t.get(&href, Some(&p.cookie)).await;
            assert_eq!(r.status, StatusCode::OK, "{href}: {}", r.body);
        }
    }
    let r = t
        .get(
            &format!(
                "/patients/{}/records/nonsense/{}/delete",
                p.id,
                "0".repeat(32)
            ),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The diary is declared with a page, so a day can be deleted from it like any record.
    let r = post(t, &p, "diary", &[("date", &today()), ("weakness", "3")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let day = t
        .store()
        .get_diary_day(&myo_store::UserId(p.id.clone()), &today())
        .await
        .ok()
        .flatten()
        .map(|d| d.id.to_string())
        .unwrap_or_default();
    let confirm = format!("/patients/{}/records/diary/{day}/delete", p.id);
    let r = t.get(&confirm, Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.to_lowercase().contains("weakness 3/10"),
        "{}",
        r.body
    );
    let r = t
        .post_form(&confirm, &[("csrf", p.csrf.as_str())], Some(&p.cookie))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.header("location"),
        format!("/patients/{}/diary?done=deleted", p.id)
    );
}
both_backends!(declared_kinds_have_pages, every_declared_kind_has_its_pages);

/// The id of the patient's only lab result.
async fn only_lab(t: &TestApp, p: &Person) -> String {
    let r = t
        .api(
            axum::http::Method::GET,
            &format!("/api/v1/patients/{}/labs", p.id),
            Some(&p.bearer),
        )
        .await;
    r.json()["labs"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn lab_form<'a>(value: &'a str, date: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("analyte", "ck"),
        ("value", value),
        ("unit", "U/L"),
        ("uln", "200"),
        ("date", date),
    ]
}

/// A lab is edited through the form derived from its declaration: the edit is saved with the
/// same checks as a new entry, the earlier version is kept and shown, the list says "edited
/// on", a stale form is refused (409, nothing saved, typed values kept), and the edit is audited.
async fn a_lab_is_edited_with_its_history(t: &TestApp) {
    let p = person(t, "edit@example.org").await;
    let r = post(t, &p, "labs", &lab_form("1200", "2026-01-10")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let lab = only_lab(t, &p).await;
    let edit = format!("/patients/{}/records/labs/{lab}/edit", p.id);
    let history = format!("/patients/{}/records/labs/{lab}/history", p.id);
    let r = t.get(&edit, Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains(r#"name="version" value="1""#), "{}", r.body);
    assert!(r.body.contains(r#"value="1200""#));
    let r = t.get(&history, Some(&p.cookie)).await;
    assert!(r.body.contains("has not been edited"), "{}", r.body);

    // The same checks as a new entry: an ambiguous number and a future date are refused.
    let mut form = lab_form("1,850", "2026-01-10");
    form.push(("version", "1"));
    let r = post(t, &p, &format!("records/labs/{lab}/edit"), &form).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Value"), "{}", r.body);
    assert!(r.body.contains(r#"value="1,850""#), "typed value kept");
    let mut form = lab_form("1850", "2999-01-01");
    form.push(("version", "1"));
    let r = post(t, &p, &format!("records/labs/{lab}/edit"), &form).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

    let mut form = lab_form("1850", "2026-01-10");
    form.push(("version", "1"));
    let r = post(t, &p, &format!("records/labs/{lab}/edit"), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.header("location"),
        format!("/patients/{}/labs?done=edited", p.id)
    );
    let r = t
        .get(
            &format!("/patients/{}/labs?done=edited", p.id),
            Some(&p.cookie),
        )
        .await;
    assert!(r.body.contains("earlier version is kept"), "{}", r.body);
    assert!(r.body.contains("1850 U/L"), "{}", r.body);
    assert!(r.body.contains("edited on 20"), "{}", r.body);
    assert!(r.body.contains(&format!("history-{lab}")), "{}", r.body);
    let r = t.get(&history, Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Version 1"), "{}", r.body);
    assert!(
        r.body
            .contains("<th scope=\"row\">Value</th><td>1200</td><td>1850</td>"),
        "{}",
        r.body
    );

    // A second tab still holding version 1 is refused; nothing it typed is lost or saved.
    let mut stale = lab_form("999", "2026-01-10");
    stale.push(("version", "1"));
    let r = post(t, &p, &format!("records/labs/{lab}/edit"), &stale).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("changed since you opened it"), "{}", r.body);
    assert!(r.body.contains(r#"value="999""#), "{}", r.body);
    assert!(r.body.contains(r#"name="version" value="2""#), "{}", r.body);
    let r = t
        .get(&format!("/patients/{}/labs", p.id), Some(&p.cookie))
        .await;
    assert!(r.body.contains("1850 U/L") && !r.body.contains("999 U/L"));

    // Audited as an update of the lab.
    let events = t
        .store()
        .list_audit(&myo_store::AuditFilter {
            patient_id: Some(p.id.clone()),
            limit: 1000,
            ..myo_store::AuditFilter::default()
        })
        .await
        .unwrap_or_default();
    assert!(events.iter().any(|e| e.entry.action == "update"
        && e.entry.resource_type == "lab_results"
        && e.entry.resource_id.as_deref() == Some(lab.as_str())));
}
both_backends!(lab_edit_and_history, a_lab_is_edited_with_its_history);

/// Only the owner edits: a clinician with a grant reads the history but gets 403 on edit;
/// another patient gets the same 404 as a missing record; a kind without an edit form (a
/// dose) has no edit page.
async fn only_the_owner_edits(t: &TestApp) {
    let p = person(t, "owner@example.org").await;
    let other = person(t, "other@example.org").await;
    post(t, &p, "labs", &lab_form("1200", "2026-01-10")).await;
    let lab = only_lab(t, &p).await;
    let edit = format!("/patients/{}/records/labs/{lab}/edit", p.id);
    let r = t.get(&edit, Some(&other.cookie)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let mut form = lab_form("5", "2026-01-10");
    form.push(("version", "1"));
    form.push(("csrf", other.csrf.as_str()));
    let r = t.post_form(&edit, &form, Some(&other.cookie)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = t
        .get(
            &format!("/patients/{}/records/labs/{lab}/edit", other.id),
            Some(&other.cookie),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "someone else's id under my own"
    );
    let r = t
        .get(
            &format!("/patients/{}/records/doses/{lab}/edit", p.id),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = t.get(&edit, Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::OK);
}
both_backends!(owner_only_edits, only_the_owner_edits);

/// Saving a diary day again keeps the earlier version in its history (nothing is lost), and the
/// diary list links to it; saving the same values again makes no new version.
async fn a_diary_day_saved_again_keeps_its_history(t: &TestApp) {
    let p = person(t, "diary@example.org").await;
    let day = today();
    post(
        t,
        &p,
        "diary",
        &[
            ("date", &day),
            ("weakness", "3"),
            ("swallowing_trouble", "yes"),
        ],
    )
    .await;
    post(t, &p, "diary", &[("date", &day), ("weakness", "6")]).await;
    post(t, &p, "diary", &[("date", &day), ("weakness", "6")]).await;
    let row = t
        .store()
        .get_diary_day(&myo_store::UserId(p.id.clone()), &day)
        .await
        .ok()
        .flatten()
        .expect("the day");
    assert_eq!(row.weakness, Some(6.0));
    assert_eq!(row.swallowing_trouble, Some(true), "merged, not erased");
    let r = t
        .get(
            &format!("/patients/{}/records/diary/{}/history", p.id, row.id),
            Some(&p.cookie),
        )
        .await;
    assert!(r.body.contains("Version 1"), "{}", r.body);
    assert!(
        !r.body.contains("Version 2"),
        "an unchanged save is not a version"
    );
    assert!(r.body.contains("<td>3</td><td>6</td>"), "{}", r.body);
    let r = t
        .get(&format!("/patients/{}/diary", p.id), Some(&p.cookie))
        .await;
    assert!(r.body.contains(&format!("edit-{}", row.id)), "{}", r.body);
    // The generic edit form edits the day too, and an emptied field is an explicit clear.
    let mut form = vec![("date", day.as_str()), ("weakness", "2"), ("version", "2")];
    form.push(("swallowing_trouble", "no"));
    let r = post(t, &p, &format!("records/diary/{}/edit", row.id), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}
both_backends!(diary_history, a_diary_day_saved_again_keeps_its_history);

const PRED: &str = r#"{"name":"Prednisone","generic_name":"prednisone","dose":{"amount":40,"unit":"mg"},"route":"oral","schedule":{"kind":"daily","time":"08:00"},"start":"2026-01-01"}"#;
const MTX: &str = r#"{"name":"Metoject","dose":{"amount":15,"unit":"mg"},"route":"subcutaneous","schedule":{"kind":"weekly","day":"friday","time":"08:00"},"start":"2026-01-02"}"#;

/// The medicine records in force, oldest start first: (id, dose, start, end, stop reason).
async fn meds(t: &TestApp, p: &Person) -> Vec<myo_store::MedicineRow> {
    let mut out: Vec<myo_store::MedicineRow> = t
        .store()
        .list_records(
            &myo_store::UserId(p.id.clone()),
            myo_store::RecordKind::Medicine,
            &myo_store::DateRange::all(),
        )
        .await
        .unwrap_or_default()
        .into_iter()
        .filter_map(|r| match r {
            myo_store::Record::Medicine(m) => Some(m),
            _ => None,
        })
        .collect();
    out.sort_by(|a, b| a.start_date.cmp(&b.start_date));
    out
}

async fn change(t: &TestApp, p: &Person, id: &str, form: &[(&str, &str)]) -> common::Resp {
    post(t, p, &format!("medicines/{id}/change"), form).await
}

/// Prednisone 40 mg, then 30 mg from February, then 20 mg from March: each dose stays on its
/// dates (in the medicines page's "dose in force" and in the visit summary), the earlier ones
/// are kept; stopping keeps the record with its reason; restarting follows it; a stale form,
/// a change before the start and an implausible dose are refused with nothing saved.
async fn a_dose_changed_twice_is_in_force_on_its_dates(t: &TestApp) {
    let p = person(t, "pred@example.org").await;
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/medicines", p.id),
            PRED,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let first = meds(t, &p).await[0].id.to_string();
    let r = change(
        t,
        &p,
        &first,
        &[
            ("action", "dose"),
            ("version", "1"),
            ("dose_amount", "30"),
            ("dose_unit", "mg"),
            ("from", "2026-02-01"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let second = meds(t, &p).await[1].id.to_string();
    // The first record's form is now stale (version 1 was replaced).
    let r = change(
        t,
        &p,
        &first,
        &[
            ("action", "dose"),
            ("version", "1"),
            ("dose_amount", "35"),
            ("dose_unit", "mg"),
            ("from", "2026-01-15"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("changed since you opened"), "{}", r.body);
    // Before the start, and a typing error of 2000 mg, are refused.
    let r = change(
        t,
        &p,
        &second,
        &[
            ("action", "dose"),
            ("version", "1"),
            ("dose_amount", "20"),
            ("dose_unit", "mg"),
            ("from", "2026-01-10"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = change(
        t,
        &p,
        &second,
        &[
            ("action", "dose"),
            ("version", "1"),
            ("dose_amount", "2000"),
            ("dose_unit", "mg"),
            ("from", "2026-03-01"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Dose"), "{}", r.body);
    assert_eq!(meds(t, &p).await.len(), 2, "nothing saved by the refusals");
    let r = change(
        t,
        &p,
        &second,
        &[
            ("action", "dose"),
            ("version", "1"),
            ("dose_amount", "20"),
            ("dose_unit", "mg"),
            ("from", "2026-03-01"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let all = meds(t, &p).await;
    assert_eq!(
        all.iter()
            .map(|m| (m.dose_amount, m.start_date.as_str(), m.end_date.as_deref()))
            .collect::<Vec<_>>(),
        [
            (40.0, "2026-01-01", Some("2026-01-31")),
            (30.0, "2026-02-01", Some("2026-02-28")),
            (20.0, "2026-03-01", None)
        ]
    );
    assert_eq!(
        all[2].follows.as_ref().map(ToString::to_string),
        Some(second.clone())
    );
    for (on, want) in [
        ("2026-01-20", "40 mg"),
        ("2026-02-14", "30 mg"),
        ("2026-03-01", "20 mg"),
        ("2025-12-31", "not taken that day"),
    ] {
        let r = t
            .get(
                &format!("/patients/{}/medicines?on={on}", p.id),
                Some(&p.cookie),
            )
            .await;
        assert!(
            r.body.contains(&format!("<dt>Prednisone</dt><dd>{want}")),
            "{on}: {}",
            r.body
        );
    }
    let r = t
        .get(
            &format!(
                "/patients/{}/summary?from=2026-01-15&to=2026-03-31&sections=medicines",
                p.id
            ),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for row in [
        "<td>2026-01-15</td><td>2026-01-31</td><td>40 mg</td>",
        "<td>2026-02-01</td><td>2026-02-28</td><td>30 mg</td>",
        "<td>2026-03-01</td><td>2026-03-31</td><td>20 mg</td>",
    ] {
        assert!(r.body.contains(row), "{row}: {}", r.body);
    }
    assert!(
        r.body.contains("Prednisone dose changed to 30 mg"),
        "{}",
        r.body
    );
    assert!(
        !r.body.contains("2026-01-31: Prednisone stopped"),
        "a change is not a stop"
    );

    // Stop with a reason (kept, not deleted), then restart.
    let third = all[2].id.to_string();
    let r = change(
        t,
        &p,
        &third,
        &[
            ("action", "stop"),
            ("version", "1"),
            ("last_day", "2026-04-30"),
            ("reason", ""),
        ],
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a stop needs a reason"
    );
    let r = change(
        t,
        &p,
        &third,
        &[
            ("action", "stop"),
            ("version", "1"),
            ("last_day", "2026-04-30"),
            ("reason", "finished the taper with my rheumatologist"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = t
        .get(
            &format!("/patients/{}/medicines?on=2026-05-05", p.id),
            Some(&p.cookie),
        )
        .await;
    assert!(
        r.body.contains("<dt>Prednisone</dt><dd>not taken that day"),
        "{}",
        r.body
    );
    assert!(r.body.contains("finished the taper with my rheumatologist"));
    let r = change(
        t,
        &p,
        &third,
        &[
            ("action", "restart"),
            ("version", "2"),
            ("from", "2026-06-01"),
            ("dose_amount", "5"),
            ("dose_unit", "mg"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = t
        .get(
            &format!("/patients/{}/medicines?on=2026-06-02", p.id),
            Some(&p.cookie),
        )
        .await;
    assert!(r.body.contains("<dt>Prednisone</dt><dd>5 mg"), "{}", r.body);
    assert_eq!(meds(t, &p).await.len(), 4);
}
both_backends!(dose_changes, a_dose_changed_twice_is_in_force_on_its_dates);

/// A methotrexate brand changed to a new dose stays weekly, and a dose above the hard limit is
/// refused naming the field; a clinician cannot change a patient's medicine.
async fn methotrexate_changes_meet_the_same_guards(t: &TestApp) {
    let p = person(t, "mtx@example.org").await;
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/medicines", p.id),
            MTX,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = meds(t, &p).await[0].id.to_string();
    let r = change(
        t,
        &p,
        &id,
        &[
            ("action", "dose"),
            ("version", "1"),
            ("dose_amount", "250"),
            ("dose_unit", "mg"),
            ("from", "2026-02-06"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Dose"), "{}", r.body);
    let r = change(
        t,
        &p,
        &id,
        &[
            ("action", "dose"),
            ("version", "1"),
            ("dose_amount", "20"),
            ("dose_unit", "mg"),
            ("from", "2026-02-06"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let all = meds(t, &p).await;
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].schedule_kind, "weekly");
    let other = person(t, "nosy@example.org").await;
    let r = t
        .post_form(
            &format!("/patients/{}/medicines/{id}/change", p.id),
            &[
                ("csrf", other.csrf.as_str()),
                ("action", "stop"),
                ("version", "1"),
                ("last_day", "2026-03-01"),
                ("reason", "x"),
            ],
            Some(&other.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
both_backends!(
    methotrexate_changes,
    methotrexate_changes_meet_the_same_guards
);

const GROUPS: [&str; 8] = [
    "neck_flexors",
    "deltoid_middle",
    "biceps_brachii",
    "wrist_extensors",
    "gluteus_maximus",
    "gluteus_medius",
    "quadriceps",
    "ankle_dorsiflexors",
];

/// An MMT-8 entered through the guided form: one labelled control per group with the Kendall
/// grades and "Not assessed"; an unanswered item, a grade off the scale and a future date are
/// refused naming the item (answers kept); an item not assessed is reported missing, and the
/// total is then not given (never scored as normal). No raw JSON is offered to the patient.
async fn a_guided_mmt8_reports_the_item_not_assessed_as_missing(t: &TestApp) {
    let p = person(t, "mmt8@example.org").await;
    let r = t
        .get(&format!("/patients/{}/strength", p.id), Some(&p.cookie))
        .await;
    assert!(
        !r.body.contains("(JSON)") && !r.body.contains("<textarea"),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains(&format!("/patients/{}/assessments/mmt8", p.id))
    );
    let form = format!("/patients/{}/assessments/mmt8", p.id);
    let r = t.get(&form, Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for g in GROUPS {
        assert!(r.body.contains(&format!(r#"name="mmt8.{g}""#)), "{g}");
    }
    assert!(r.body.contains(">Not assessed<") && r.body.contains("Status: <strong>"));
    assert!(r.body.contains("Form 04"), "the citation is shown");

    let day = today();
    let mut answers: Vec<(String, String)> = GROUPS
        .iter()
        .map(|g| (format!("mmt8.{g}"), "9".to_owned()))
        .collect();
    answers.push(("date".into(), day.clone()));
    answers.push(("mode".into(), "unilateral".into()));
    let send = |answers: &Vec<(String, String)>| {
        answers
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    // One item left unanswered: refused, naming it, nothing lost.
    let mut missing_answer = send(&answers);
    missing_answer.retain(|(k, _)| k != "mmt8.quadriceps");
    let pairs: Vec<(&str, &str)> = missing_answer
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = post(t, &p, "assessments/mmt8", &pairs).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Quadriceps"), "{}", r.body);
    assert!(
        r.body.contains(r#"<option value="9" selected>"#),
        "answers kept"
    );
    // Off the scale, and a future date.
    for (k, v) in [
        ("mmt8.quadriceps", "11"),
        ("mmt8.quadriceps", "-1"),
        ("mmt8.quadriceps", "9.5"),
        ("date", "2999-01-01"),
    ] {
        let mut bad = send(&answers);
        bad.retain(|(x, _)| x != k);
        bad.push((k.to_owned(), v.to_owned()));
        let pairs: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = post(t, &p, "assessments/mmt8", &pairs).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{k}={v}: {}",
            r.body
        );
    }
    // Quadriceps not assessed: saved, reported missing, no total.
    let mut ok = send(&answers);
    ok.retain(|(k, _)| k != "mmt8.quadriceps");
    ok.push(("mmt8.quadriceps".into(), "na".into()));
    let pairs: Vec<(&str, &str)> = ok.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = post(t, &p, "assessments/mmt8", &pairs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = t.get(r.header("location"), Some(&p.cookie)).await;
    assert!(r.body.contains("listed as missing"), "{}", r.body);
    let list = r
        .body
        .split("id=\"assessment-list\"")
        .nth(1)
        .unwrap_or_default();
    assert!(
        list.contains("quadriceps"),
        "the missing item is named: {list}"
    );
    assert!(!list.contains("<pre"), "no raw dump");
    let api = t
        .api(
            axum::http::Method::GET,
            &format!("/api/v1/patients/{}/assessments", p.id),
            Some(&p.bearer),
        )
        .await;
    let first = &api.json()["assessments"][0];
    assert!(first.to_string().contains("quadriceps"), "{first}");
    assert!(
        first["results"]["total"].is_null(),
        "never scored as normal: {first}"
    );
    assert_eq!(first["results"]["partial_sum"], 63, "{first}");
}
both_backends!(
    guided_mmt8,
    a_guided_mmt8_reports_the_item_not_assessed_as_missing
);

/// HAQ-DI and CMAS have guided forms too; an aid ticked raises a category as the instrument
/// says; an unknown instrument has no form.
async fn guided_haq_and_cmas(t: &TestApp) {
    let p = person(t, "haq@example.org").await;
    let r = t
        .get(
            &format!("/patients/{}/assessments/haq-di", p.id),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let names: Vec<String> = r
        .body
        .split("name=\"haq.")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|n| !n.ends_with(".aid") && !n.ends_with(".help"))
        .map(|n| format!("haq.{n}"))
        .collect();
    assert_eq!(names.len(), 20, "{names:?}");
    let day = today();
    let mut form: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "0")).collect();
    form.push(("date", &day));
    form.push(("haq.walking.aid", "yes"));
    let r = post(t, &p, "assessments/haq-di", &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = t
        .get(
            &format!("/patients/{}/assessments/cmas", p.id),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = t
        .get(
            &format!("/patients/{}/assessments/bohan", p.id),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let api = t
        .api(
            axum::http::Method::GET,
            &format!("/api/v1/patients/{}/assessments", p.id),
            Some(&p.bearer),
        )
        .await;
    let haq = &api.json()["assessments"][0]["results"]["haq_di"];
    assert!(
        haq.as_f64().is_some_and(|h| h > 0.0),
        "the aid raised walking: {haq}"
    );
}
both_backends!(guided_other_instruments, guided_haq_and_cmas);

async fn set_zone(t: &TestApp, p: &Person, zone: &str) -> common::Resp {
    post(t, p, "profile", &[("time_zone", zone)]).await
}

/// The person's time zone decides "today": with the zone 14 hours ahead of UTC, its today is
/// accepted as a diary day; with a zone 12 hours behind, the same day is in the future and
/// refused (the two zones are 26 hours apart, so their dates always differ). The settings page
/// offers the zone list and says what today is there; an unknown zone is refused.
async fn the_persons_time_zone_decides_today(t: &TestApp) {
    let p = person(t, "tz@example.org").await;
    let r = t
        .get(&format!("/patients/{}/settings", p.id), Some(&p.cookie))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains(r#"<option value="Europe/Berlin">"#),
        "searchable list"
    );
    assert!(r.body.contains(r#"list="tz-zones""#));
    let r = set_zone(t, &p, "Mars/Olympus").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Mars/Olympus"), "the typed zone is kept");

    let ahead = myo_tracker::medicines::Zone::named("z", "Etc/GMT-14").expect("zone");
    let now = myo_store::Timestamp::now().as_millis().div_euclid(1000);
    let their_today = ahead.date_at(now).expect("a date").to_string();
    let r = set_zone(t, &p, "Etc/GMT-14").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = t.get(r.header("location"), Some(&p.cookie)).await;
    assert!(
        r.body
            .contains(&format!(r#"<strong id="tz-today">{their_today}</strong>"#)),
        "{}",
        r.body
    );
    let r = t
        .get(&format!("/patients/{}/diary", p.id), Some(&p.cookie))
        .await;
    assert!(
        r.body.contains(&format!(r#"value="{their_today}""#)),
        "the diary opens on their day"
    );
    let r = post(t, &p, "diary", &[("date", &their_today), ("weakness", "2")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let r = set_zone(t, &p, "Etc/GMT+12").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = post(t, &p, "diary", &[("date", &their_today), ("weakness", "3")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = post(t, &p, "labs", &lab_form("100", &their_today)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}
both_backends!(time_zone_today, the_persons_time_zone_decides_today);

/// A taper entered on the form as people write it gives each step's dose on its days, then
/// nothing; steps that cannot be read are refused naming the taper step, nothing saved.
async fn a_taper_from_the_form(t: &TestApp) {
    let p = person(t, "taper@example.org").await;
    let base = [
        ("name", "Prednisone"),
        ("generic_name", "prednisone"),
        ("dose_amount", "20"),
        ("dose_unit", "mg"),
        ("route", "oral"),
        ("schedule_kind", "taper"),
        ("start", "2026-01-01"),
    ];
    for bad in ["20 mg for a week", "20 mg", "twenty mg for 7 days", ""] {
        let mut form = base.to_vec();
        form.push(("steps", bad));
        let r = post(t, &p, "medicines", &form).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad}: {}",
            r.body
        );
        assert!(r.body.contains("Taper step"), "{bad}: {}", r.body);
    }
    assert!(meds(t, &p).await.is_empty());
    let mut form = base.to_vec();
    form.push((
        "steps",
        "20 mg for 7 days, 10 mg for 7 days then 5 mg for 3 days",
    ));
    let r = post(t, &p, "medicines", &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for (on, want) in [
        ("2026-01-07", "20 mg"),
        ("2026-01-08", "10 mg"),
        ("2026-01-15", "5 mg"),
        ("2026-01-18", "not taken that day"),
    ] {
        let r = t
            .get(
                &format!("/patients/{}/medicines?on={on}", p.id),
                Some(&p.cookie),
            )
            .await;
        assert!(
            r.body.contains(&format!("<dt>Prednisone</dt><dd>{want}")),
            "{on}: {}",
            r.body
        );
    }
}
both_backends!(taper_form, a_taper_from_the_form);

/// The TIS picker starts at the first and the latest visit, and the result is a list, never a
/// preformatted dump that widens the page.
async fn the_tis_picker_starts_at_first_and_latest(t: &TestApp) {
    let p = person(t, "tis@example.org").await;
    for (date, pg) in [
        ("2026-01-05", "6"),
        ("2026-03-05", "4"),
        ("2026-06-05", "2"),
    ] {
        let r = post(
            t,
            &p,
            "visits",
            &[
                ("date", date),
                ("physician_global", pg),
                ("patient_global", pg),
                ("extramuscular", "1"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let r = t
        .get(&format!("/patients/{}/visits", p.id), Some(&p.cookie))
        .await;
    let pick = |name: &str| {
        r.body
            .split(&format!(r#"name="{name}""#))
            .nth(1)
            .and_then(|s| s.split("</select>").next())
            .and_then(|s| s.split(" selected>").nth(1))
            .map(|s| s.chars().take(10).collect::<String>())
    };
    assert_eq!(
        pick("baseline").as_deref(),
        Some("2026-01-05"),
        "{}",
        r.body
    );
    assert_eq!(pick("followup").as_deref(), Some("2026-06-05"));
    assert!(!r.body.contains("<pre"));
}
both_backends!(tis_picker, the_tis_picker_starts_at_first_and_latest);

/// The JSON API edits through the same declaration: fields left out keep their values, the
/// entry checks apply, a stale version is 409 `changed`, unknown fields are 422, another
/// patient's record is 404, and the history lists the earlier version.
async fn the_api_edits_with_the_same_rules(t: &TestApp) {
    let p = person(t, "apiedit@example.org").await;
    let other = person(t, "apiother@example.org").await;
    post(t, &p, "labs", &lab_form("1200", "2026-01-10")).await;
    let lab = only_lab(t, &p).await;
    let path = format!("/api/v1/patients/{}/records/labs/{lab}", p.id);
    let put = |body: &'static str, who: &Person| {
        common::json_request(axum::http::Method::PUT, &path, body, Some(&who.bearer))
    };
    let r = t.send(put(r#"{"version":1,"value":"1,850"}"#, &p)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = t
        .send(put(r#"{"version":1,"date":"2999-01-01"}"#, &p))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = t.send(put(r#"{"version":1,"colour":"red"}"#, &p)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = t.send(put(r#"{"value":1850}"#, &p)).await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a version is required: {}",
        r.body
    );
    let r = t.send(put(r#"{"version":1,"value":1850}"#, &other)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = t.send(put(r#"{"version":1,"value":1850}"#, &p)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["version"], 2);
    let r = t.send(put(r#"{"version":1,"value":999}"#, &p)).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let labs = t
        .api(
            axum::http::Method::GET,
            &format!("/api/v1/patients/{}/labs", p.id),
            Some(&p.bearer),
        )
        .await;
    let first = &labs.json()["labs"][0];
    assert_eq!(first["value"], 1850.0, "{first}");
    assert_eq!(
        first["uln"], 200.0,
        "left-out fields keep their values: {first}"
    );
    let h = t
        .api(
            axum::http::Method::GET,
            &format!("{path}/history"),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(h.status, StatusCode::OK, "{}", h.body);
    assert_eq!(h.json()["version"], 2);
    assert_eq!(h.json()["versions"][0]["values"]["value"], "1200");
    let h = t
        .api(
            axum::http::Method::GET,
            &format!("{path}/history"),
            Some(&other.bearer),
        )
        .await;
    assert_eq!(h.status, StatusCode::NOT_FOUND);
}
both_backends!(api_edit, the_api_edits_with_the_same_rules);
