//! Entries that cannot be silently wrong, through the whole app (form and API): the
//! methotrexate guard by ingredient, one active methotrexate entry, dose plausibility with a
//! confirmed reason, numbers as people write them, possible lab values, no future dates, red
//! flags that persist until dealt with, and positive antibodies with their meaning.

mod common;

use axum::http::{Method, StatusCode};
use common::{PW, Person, TestApp, med_form, person};
use myo_store::{AuditFilter, Role, UserId};

fn today() -> myo_tracker::Date {
    myo_web::tracker::today().expect("today")
}

fn med_json(name: &str, amount: &str, kind: &str, extra: &str) -> String {
    let schedule = match kind {
        "weekly" => r#"{"kind":"weekly","day":"friday","time":"08:00"}"#,
        _ => r#"{"kind":"daily","time":"08:00"}"#,
    };
    format!(
        r#"{{"name":{},"dose":{{"amount":{amount},"unit":"mg"}},"route":"oral","schedule":{schedule},"start":"2026-01-02"{extra}}}"#,
        serde_json::Value::String(name.to_owned())
    )
}

async fn medicine_count(t: &TestApp, p: &Person) -> usize {
    t.store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export")
        .medicines
        .len()
}

#[tokio::test]
async fn methotrexate_by_any_name_is_refused_daily_on_form_and_api() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "mtx@example.org").await;
    let names = [
        "Metoject",
        "metotrexate",
        "Methotrexat",
        "Metoject 15mg",
        "NORDIMET",
        "Zlatal",
        "Meto\u{0}ject",
        "Meto\u{200B}ject",
        "M\u{0435}toject",
        "Ｍｅｔｏｊｅｃｔ",
        "metho-trexate",
        "Trexa11",
    ];
    for name in names {
        let r = t
            .post_json(
                &format!("/api/v1/patients/{}/medicines", p.id),
                &med_json(name, "15", "daily", ""),
                Some(&p.bearer),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name:?}: {}",
            r.body
        );
        // A NUL byte is refused at the boundary, before the medicine is read: still refused.
        let field = if name.contains('\0') {
            "name"
        } else {
            "schedule.kind"
        };
        assert_eq!(r.json()["error"]["field"], field, "{name:?}");
        let r = t
            .post_form(
                &format!("/patients/{}/medicines", p.id),
                &med_form(&p, name, "15", "daily"),
                Some(&p.cookie),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{name:?}");
        assert!(
            name.contains('\0') || r.body.contains("How often:"),
            "{name:?}: the field by its label"
        );
        assert!(
            !r.body.contains("schedule.kind"),
            "no JSON path on the page"
        );
    }
    assert_eq!(medicine_count(&t, &p).await, 0, "nothing saved");
    t.cleanup().await;
}

#[tokio::test]
async fn a_second_active_methotrexate_is_refused() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "two@example.org").await;
    let url = format!("/api/v1/patients/{}/medicines", p.id);
    let r = t
        .post_json(
            &url,
            &med_json("Methotrexate", "15", "weekly", ""),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    for second in ["Metoject 15mg", "MTX", "methotrexate sodium"] {
        let r = t
            .post_json(&url, &med_json(second, "15", "weekly", ""), Some(&p.bearer))
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{second}: {}",
            r.body
        );
        assert_eq!(r.json()["error"]["field"], "name");
        // A confirmation does not unlock a second methotrexate.
        let r = t
            .post_json(
                &url,
                &med_json(second, "15", "weekly", r#","confirmation":"switching""#),
                Some(&p.bearer),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{second}");
    }
    let r = t
        .post_form(
            &format!("/patients/{}/medicines", p.id),
            &med_form(&p, "Metoject", "15", "weekly"),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Name:"), "{}", r.body);
    assert_eq!(medicine_count(&t, &p).await, 1);
    t.cleanup().await;
}

#[tokio::test]
async fn implausible_doses_are_refused_or_confirmed_with_a_reason() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "dose@example.org").await;
    let url = format!("/api/v1/patients/{}/medicines", p.id);
    // Prednisone 2000 mg daily: refused, naming the dose.
    for (name, amount) in [
        ("Prednisone", "2000"),
        ("Deltasone", "2000"),
        ("prednison", "5000"),
    ] {
        let r = t
            .post_json(&url, &med_json(name, amount, "daily", ""), Some(&p.bearer))
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            r.body
        );
        assert_eq!(r.json()["error"]["field"], "dose.amount", "{name}");
        let r = t
            .post_form(
                &format!("/patients/{}/medicines", p.id),
                &med_form(&p, name, amount, "daily"),
                Some(&p.cookie),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Dose:"), "{}", r.body);
    }
    // Above the usual maximum: a confirmation with a reason is asked for, then stored.
    let r = t
        .post_json(
            &url,
            &med_json("Prednisone", "150", "daily", ""),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["error"]["field"], "confirmation");
    let r = t
        .post_json(
            &url,
            &med_json(
                "Prednisone",
                "150",
                "daily",
                r#","confirmation":"pulse prescribed by Dr Ng for 3 days""#,
            ),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        r.json()["confirmation"],
        "pulse prescribed by Dr Ng for 3 days"
    );
    // The form: first a warning with a Reason box, then saved with the reason shown.
    let mut form = med_form(&p, "Methotrexate", "30", "weekly");
    let r = t
        .post_form(
            &format!("/patients/{}/medicines", p.id),
            &form,
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"med-confirm\""), "{}", r.body);
    assert!(r.body.contains("name=\"confirmation\""));
    assert!(r.body.contains("value=\"30\""), "the typed dose is kept");
    form.push(("confirmation", "my rheumatologist raised it to 30 mg"));
    let r = t
        .post_form(
            &format!("/patients/{}/medicines", p.id),
            &form,
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body
            .contains("Confirmed: my rheumatologist raised it to 30 mg")
    );
    let data = t
        .store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export");
    assert_eq!(data.medicines.len(), 2);
    assert!(data.medicines.iter().all(|m| m.confirmation.is_some()));
    t.cleanup().await;
}

#[tokio::test]
async fn lab_numbers_are_read_as_written_or_refused() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "ck@example.org").await;
    let day = today().add_days(-1).to_string();
    let lab = |value: &'static str, date: String| {
        vec![
            ("csrf", p.csrf.clone()),
            ("analyte", "ck".to_owned()),
            ("value", value.to_owned()),
            ("unit", "U/L".to_owned()),
            ("uln", "200".to_owned()),
            ("date", date),
        ]
    };
    let post = |form: Vec<(&'static str, String)>| {
        let t = &t;
        let id = p.id.clone();
        let cookie = p.cookie.clone();
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            t.post_form(&format!("/patients/{id}/labs"), &pairs, Some(&cookie))
                .await
        }
    };
    for ambiguous in ["1,850", "1.850"] {
        let r = post(lab(ambiguous, day.clone())).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{ambiguous}");
        assert!(r.body.contains("could mean 1850 or 1.85"), "{}", r.body);
        assert!(r.body.contains("Value:"));
    }
    for typo in ["1850000", "1e3", "12,34,5", "-5"] {
        let r = post(lab(typo, day.clone())).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{typo}");
    }
    let future = today().add_days(200).to_string();
    let r = post(lab("1850", future)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("in the future"), "{}", r.body);
    let data = t
        .store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export");
    assert!(data.labs.is_empty(), "nothing saved: {:?}", data.labs);
    for (written, value) in [("1 850", 1850.0), ("1,85", 1.85), ("1,850.5", 1850.5)] {
        let r = post(lab(written, day.clone())).await;
        assert_eq!(r.status, StatusCode::OK, "{written}: {}", r.body);
        let data = t
            .store()
            .export_patient(&UserId(p.id.clone()))
            .await
            .expect("export");
        assert!(
            data.labs.iter().any(|l| l
                .value
                .parse::<f64>()
                .is_ok_and(|v| (v - value).abs() < 1e-9)),
            "{written} → {value}: {:?}",
            data.labs
        );
    }
    // The API refuses impossible values and future dates too.
    let future = today().add_days(30);
    for body in [
        format!(r#"{{"analyte":"ck","value":5000000,"unit":"U/L","date":"{day}"}}"#),
        format!(r#"{{"analyte":"ck","value":100,"unit":"U/L","date":"{future}"}}"#),
        format!(r#"{{"analyte":"haemoglobin","value":13.5,"unit":"g/L","date":"{day}"}}"#),
    ] {
        let r = t
            .post_json(
                &format!("/api/v1/patients/{}/labs", p.id),
                &body,
                Some(&p.bearer),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.body
        );
    }
    t.cleanup().await;
}

#[tokio::test]
async fn future_diary_dates_are_refused() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "future@example.org").await;
    let future = today().add_days(3).to_string();
    let r = t
        .post_form(
            &format!("/patients/{}/diary", p.id),
            &[("csrf", &p.csrf), ("date", &future), ("weakness", "4")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Date:") && r.body.contains("in the future"),
        "{}",
        r.body
    );
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/diary", p.id),
            &format!(r#"{{"date":"{future}","ratings":{{"weakness":4}}}}"#),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "date");
    t.cleanup().await;
}

#[tokio::test]
async fn red_flags_persist_until_dealt_with() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "flag@example.org").await;
    let doc_email = "doc-flag@example.org";
    t.add_user(doc_email, PW, Role::Clinician).await;
    let doc = t.signin(doc_email, PW).await.cookie();
    t.post_form(
        &format!("/patients/{}/grants", p.id),
        &[("csrf", &p.csrf), ("email", doc_email)],
        Some(&p.cookie),
    )
    .await;
    // A back-dated entry with trouble swallowing.
    let day = today().add_days(-2).to_string();
    let r = t
        .post_form(
            &format!("/patients/{}/diary", p.id),
            &[
                ("csrf", &p.csrf),
                ("date", &day),
                ("swallowing_trouble", "yes"),
                ("note", "food sticks in my throat"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("id=\"triage-banner\""), "{}", r.body);
    assert!(
        r.body.contains(&format!("the entry for {day}")),
        "not today's"
    );
    assert!(!r.body.contains("today's entry"));
    // The dashboard, the clinician's view, the visit summary and a share view keep it.
    let dash = t.get(&format!("/patients/{}", p.id), Some(&p.cookie)).await;
    assert!(dash.body.contains("id=\"red-flags\""), "{}", dash.body);
    assert!(dash.body.contains(&format!("diary entry for {day}")));
    assert!(dash.body.contains("Mark as dealt with"));
    let seen = t.get(&format!("/patients/{}", p.id), Some(&doc)).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.body.contains("id=\"red-flags\""));
    assert!(
        !seen.body.contains("Mark as dealt with"),
        "only the patient resolves"
    );
    let summary = t
        .get(&format!("/patients/{}/summary", p.id), Some(&p.cookie))
        .await;
    assert!(
        summary.body.contains("id=\"red-flags-summary\""),
        "{}",
        summary.body
    );
    let pdf = t
        .get(&format!("/patients/{}/summary.pdf", p.id), Some(&p.cookie))
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/shares", p.id),
            r#"{"sections":["symptoms"],"days":7}"#,
            Some(&p.bearer),
        )
        .await;
    let url = r.json()["url"].as_str().unwrap_or_default().to_owned();
    let shared = t.get(&url[url.find("/share/").unwrap_or(0)..], None).await;
    assert!(
        shared.body.contains("id=\"red-flags-summary\""),
        "{}",
        shared.body
    );
    // Only the patient can mark it as dealt with; then it is gone, and the change is audited.
    let flags = t.open_red_flags(&p.id).await;
    assert_eq!(flags.len(), 1);
    let resolve = format!(
        "/patients/{}/red-flags/{}/resolve",
        p.id,
        flags[0].id.as_str()
    );
    let csrf_doc = t.csrf(&doc).await;
    let r = t
        .post_form(&resolve, &[("csrf", &csrf_doc)], Some(&doc))
        .await;
    assert_ne!(
        r.status,
        StatusCode::SEE_OTHER,
        "a clinician cannot resolve it"
    );
    assert_eq!(t.open_red_flags(&p.id).await.len(), 1);
    let r = t
        .post_form(&resolve, &[("csrf", &p.csrf)], Some(&p.cookie))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let dash = t.get(&format!("/patients/{}", p.id), Some(&p.cookie)).await;
    assert!(!dash.body.contains("id=\"red-flags\""));
    let audit = t
        .store()
        .list_audit(&AuditFilter {
            patient_id: Some(p.id.clone()),
            limit: 200,
            ..AuditFilter::default()
        })
        .await
        .expect("audit");
    assert!(
        audit
            .iter()
            .any(|e| e.entry.resource_type == "red_flags" && e.entry.action == "update"),
        "dealing with it is audited"
    );
    // The API raises and keeps flags too.
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/diary", p.id),
            &format!(
                r#"{{"date":"{}","note":"I fainted and my chest hurts"}}"#,
                today()
            ),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let open = t.open_red_flags(&p.id).await;
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].tier, "emergency");
    let r = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/diary", p.id),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    t.cleanup().await;
}

#[tokio::test]
async fn a_positive_anti_mda5_says_what_to_watch_for_and_do() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "mda5@example.org").await;
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/antibodies", p.id),
            r#"{"antibody":"mda5","outcome":"positive","date":"2025-02-01"}"#,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let page = t
        .get(&format!("/patients/{}/conditions", p.id), Some(&p.cookie))
        .await;
    assert!(page.body.contains("antibody-guidance"), "{}", page.body);
    assert!(page.body.contains("When to call your care team"));
    assert!(page.body.contains("What usually happens next"));
    assert!(page.body.contains("not a prediction for you"));
    assert!(
        page.body.contains("Green, amber, red"),
        "the action plan's traffic lights"
    );
    assert!(page.body.contains("/kb/anti-mda5-action-plan"));
    t.cleanup().await;
}

#[tokio::test]
async fn a_second_diary_save_merges_and_erases_only_on_request() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "merge@example.org").await;
    let day = today().to_string();
    let url = format!("/patients/{}/diary", p.id);
    t.post_form(
        &url,
        &[
            ("csrf", &p.csrf),
            ("date", &day),
            ("weakness", "6"),
            ("fatigue", "7"),
            ("swallowing_trouble", "yes"),
        ],
        Some(&p.cookie),
    )
    .await;
    let r = t
        .post_form(
            &url,
            &[
                ("csrf", &p.csrf),
                ("date", &day),
                ("fatigue", "8"),
                ("note", "evening"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let row = t
        .store()
        .get_diary_day(&UserId(p.id.clone()), &day)
        .await
        .expect("read")
        .expect("row");
    assert_eq!(row.weakness, Some(6.0), "kept");
    assert_eq!(row.fatigue, Some(8.0), "updated");
    assert_eq!(
        row.swallowing_trouble,
        Some(true),
        "a red-flag answer is not erased"
    );
    assert_eq!(row.note.as_deref(), Some("evening"));
    // The form shows what is saved for today.
    let page = t.get(&url, Some(&p.cookie)).await;
    assert!(
        page.body
            .contains("name=\"weakness\" min=\"0\" max=\"10\" step=\"0.5\" value=\"6\""),
        "{}",
        page.body
    );
    // Only an explicit clear erases, on the form and the API.
    t.post_form(
        &url,
        &[("csrf", &p.csrf), ("date", &day), ("clear", "weakness")],
        Some(&p.cookie),
    )
    .await;
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/diary", p.id),
            &format!(r#"{{"date":"{day}","clear":["note"]}}"#),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let row = t
        .store()
        .get_diary_day(&UserId(p.id.clone()), &day)
        .await
        .expect("read")
        .expect("row");
    assert_eq!(row.weakness, None);
    assert_eq!(row.note, None);
    assert_eq!(row.fatigue, Some(8.0));
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/diary", p.id),
            &format!(r#"{{"date":"{day}","clear":["strength"]}}"#),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "clear");
    t.cleanup().await;
}
