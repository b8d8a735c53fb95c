//! Care tracker through the whole app, in-process: access control (patients, clinician
//! grants, share links, guessed ids) on SQLite and, when `MYO_TEST_POSTGRES_URL` is set, on
//! PostgreSQL; the methotrexate guard via form and API; the diary's red-flag banner; export,
//! delete (everything, or one record from its page or the API) and audit rows.

mod common;

use axum::http::{Method, StatusCode};
use common::{PW, Person, TestApp, json_request, person};
use myo_store::{AuditFilter, NewShareLink, RecordId, Role, Timestamp, UserId, token};

async fn clinician(t: &TestApp, email: &str) -> (String, String) {
    let id = t.add_user(email, PW, Role::Clinician).await;
    let r = t.signin(email, PW).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    (r.cookie(), id.as_str().to_owned())
}

fn diary_form<'a>(p: &'a Person, date: &'a str, note: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", p.csrf.as_str()),
        ("date", date),
        ("weakness", "4"),
        ("fatigue", "6"),
        ("fever", "no"),
        ("note", note),
    ]
}

fn today() -> String {
    myo_web::tracker::today()
        .map(|d| d.to_string())
        .unwrap_or_default()
}

const WEEKLY_MTX: &str = r#"{"name":"Methotrexate","dose":{"amount":15,"unit":"mg"},"route":"oral","schedule":{"kind":"weekly","day":"friday","time":"08:00"},"start":"2026-01-02"}"#;
const DAILY_MTX: &str = r#"{"name":"Methotrexate","dose":{"amount":15,"unit":"mg"},"route":"oral","schedule":{"kind":"daily","time":"08:00"},"start":"2026-01-02"}"#;
const LAB: &str = r#"{"analyte":"ck","value":1234,"unit":"U/L","uln":200,"date":"2026-01-10"}"#;

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

async fn one_patient_never_reaches_another(t: &TestApp) {
    let a = person(t, "a@example.org").await;
    let b = person(t, "b@example.org").await;
    let today = today();
    let r = t
        .post_form(
            &format!("/patients/{}/diary", a.id),
            &diary_form(&a, &today, "secret-note-A"),
            Some(&a.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("secret-note-A"));
    let med = t
        .post_json(
            &format!("/api/v1/patients/{}/medicines", a.id),
            WEEKLY_MTX,
            Some(&a.bearer),
        )
        .await;
    assert_eq!(med.status, StatusCode::CREATED, "{}", med.body);
    let med_id = med.json()["id"].as_str().unwrap_or_default().to_owned();
    let lab = t
        .post_json(
            &format!("/api/v1/patients/{}/labs", a.id),
            LAB,
            Some(&a.bearer),
        )
        .await;
    assert_eq!(lab.status, StatusCode::CREATED, "{}", lab.body);
    let lab_id = lab.json()["id"].as_str().unwrap_or_default().to_owned();
    let delete_lab = format!("/records/labs/{lab_id}/delete");

    // Every page of A's, seen by B, and a guessed id: the same 404, never A's data.
    let guessed = "0123456789abcdef0123456789abcdef";
    for target in [a.id.as_str(), guessed] {
        for suffix in [
            "",
            delete_lab.as_str(),
            "/diary",
            "/strength",
            "/conditions",
            "/visits",
            "/labs",
            "/medicines",
            "/summary",
            "/summary.pdf",
            "/sharing",
            "/export/diary.csv",
            "/export/fhir.json",
        ] {
            let r = t
                .get(&format!("/patients/{target}{suffix}"), Some(&b.cookie))
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{target}{suffix}");
            assert!(!r.body.contains("secret-note-A"));
        }
        for suffix in [
            "/dashboard",
            "/diary",
            "/labs",
            "/medicines",
            "/conditions",
            "/antibodies",
            "/visits",
            "/tis",
            "/export/fhir",
            "/shares",
            "/grants",
        ] {
            let r = t
                .api(
                    Method::GET,
                    &format!("/api/v1/patients/{target}{suffix}"),
                    Some(&b.bearer),
                )
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "api {target}{suffix}");
            assert_eq!(r.json()["error"]["code"], "not_found");
        }
    }
    // Writes by B into A's records: refused, nothing changes.
    let r = t
        .post_form(
            &format!("/patients/{}/diary", a.id),
            &diary_form(&b, &today, "from-B"),
            Some(&b.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/medicines", a.id),
            WEEKLY_MTX,
            Some(&b.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = t
        .api(
            Method::DELETE,
            &format!("/api/v1/patients/{}/data", a.id),
            Some(&b.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = t
        .post_form(
            &format!("/patients/{}{delete_lab}", a.id),
            &[("csrf", &b.csrf)],
            Some(&b.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    // B names A's lab under B's own patient path: the same 404 as a missing record.
    let own = format!("/patients/{}{delete_lab}", b.id);
    let r = t.get(&own, Some(&b.cookie)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    assert!(!r.body.contains("1234"), "nothing of A's lab shown");
    let r = t
        .post_form(&own, &[("csrf", &b.csrf)], Some(&b.cookie))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    // B names A's medicine id under B's own patient path: the store scopes it, 404.
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/medicines/{med_id}/doses", b.id),
            r#"{"date":"2026-01-02","time":"08:00","outcome":"missed"}"#,
            Some(&b.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = t
        .api(
            Method::DELETE,
            &format!("/api/v1/patients/{}/records/medicines/{med_id}", b.id),
            Some(&b.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // A's data is intact.
    let data = t
        .store()
        .export_patient(&UserId(a.id.clone()))
        .await
        .expect("export");
    assert_eq!(data.diary.len(), 1);
    assert_eq!(data.diary[0].note.as_deref(), Some("secret-note-A"));
    assert_eq!(data.medicines.len(), 1);
    assert_eq!(data.labs.len(), 1);
    assert!(data.dose_events.is_empty());
    // B's own tracker stays empty.
    let own = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/diary", b.id),
            Some(&b.bearer),
        )
        .await;
    assert_eq!(own.json()["count"], 0);
}
both_backends!(
    access_is_scoped_per_patient,
    one_patient_never_reaches_another
);

async fn clinician_grant_lifecycle(t: &TestApp) {
    let p = person(t, "p@example.org").await;
    let (doc, _) = clinician(t, "doc@example.org").await;
    t.post_form(
        &format!("/patients/{}/diary", p.id),
        &diary_form(&p, &today(), "for-doc"),
        Some(&p.cookie),
    )
    .await;
    let dash = format!("/patients/{}", p.id);
    assert_eq!(t.get(&dash, Some(&doc)).await.status, StatusCode::NOT_FOUND);
    // Granting never reveals whether an address has an account: an unknown address, a
    // patient's and a clinician's get the same answer (an invitation), and a patient's account
    // never gets clinician access from it.
    let mut answers = Vec::new();
    for email in [
        "nobody@example.org",
        "other-patient@example.org",
        "doc2@example.org",
    ] {
        let r = t
            .post_json(
                &format!("/api/v1/patients/{}/grants", p.id),
                &format!(r#"{{"email":"{email}"}}"#),
                Some(&p.bearer),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{email}: {}", r.body);
        let mut body = r.json();
        body["id"] = serde_json::Value::Null;
        body["email"] = serde_json::Value::Null;
        answers.push(body);
    }
    assert!(answers.windows(2).all(|w| w[0] == w[1]), "{answers:?}");
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/grants", p.id),
            r#"{"email":"not an address"}"#,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "email");
    let other = t.signup("other-patient@example.org", PW).await;
    assert_eq!(
        t.get(&dash, Some(&other)).await.status,
        StatusCode::NOT_FOUND
    );
    let r = t
        .post_form(
            &format!("/patients/{}/grants", p.id),
            &[("csrf", &p.csrf), ("email", "DOC@example.org")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = t.get(&dash, Some(&doc)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("read only"));
    let list = t.get("/tracker", Some(&doc)).await;
    assert!(
        list.body.contains(&format!("id=\"patient-{}\"", p.id)),
        "{}",
        list.body
    );
    let r = t
        .get(&format!("/patients/{}/diary", p.id), Some(&doc))
        .await;
    assert!(r.body.contains("for-doc"));
    assert!(
        !r.body.contains("id=\"diary-form\""),
        "no forms for a clinician"
    );
    // Read only: writes and sharing management are 403, not 404 (access exists).
    let doc_csrf = t.csrf(&doc).await;
    let r = t
        .post_form(
            &format!("/patients/{}/diary", p.id),
            &[("csrf", &doc_csrf), ("date", "2026-01-01")],
            Some(&doc),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        t.get(&format!("/patients/{}/sharing", p.id), Some(&doc))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // No "Delete" links for a clinician, and deleting is refused like any other write.
    let lab = t
        .post_json(
            &format!("/api/v1/patients/{}/labs", p.id),
            LAB,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(lab.status, StatusCode::CREATED, "{}", lab.body);
    let lab_id = lab.json()["id"].as_str().unwrap_or_default().to_owned();
    let page = t.get(&format!("/patients/{}/labs", p.id), Some(&doc)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("1234"), "the clinician reads the lab");
    assert!(!page.body.contains("delete-link"), "{}", page.body);
    let confirm = format!("/patients/{}/records/labs/{lab_id}/delete", p.id);
    assert_eq!(
        t.get(&confirm, Some(&doc)).await.status,
        StatusCode::FORBIDDEN
    );
    let r = t
        .post_form(&confirm, &[("csrf", &doc_csrf)], Some(&doc))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let data = t
        .store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export");
    assert_eq!(data.labs.len(), 1, "the lab is kept");
    // Revoke: back to 404.
    let grants = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/grants", p.id),
            Some(&p.bearer),
        )
        .await
        .json();
    let gid = grants["grants"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let r = t
        .api(
            Method::DELETE,
            &format!("/api/v1/patients/{}/grants/{gid}", p.id),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(t.get(&dash, Some(&doc)).await.status, StatusCode::NOT_FOUND);
    let r = t
        .api(
            Method::DELETE,
            &format!("/api/v1/patients/{}/grants/{gid}", p.id),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
both_backends!(clinician_needs_an_active_grant, clinician_grant_lifecycle);

async fn share_links(t: &TestApp) {
    let p = person(t, "s@example.org").await;
    t.post_form(
        &format!("/patients/{}/diary", p.id),
        &diary_form(&p, &today(), "diary-private"),
        Some(&p.cookie),
    )
    .await;
    let lab = format!(
        r#"{{"analyte":"ck","value":900,"unit":"U/L","uln":200,"date":"{}"}}"#,
        today()
    );
    t.post_json(
        &format!("/api/v1/patients/{}/labs", p.id),
        &lab,
        Some(&p.bearer),
    )
    .await;
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/shares", p.id),
            r#"{"sections":["labs"],"days":7}"#,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let body = r.json();
    let url = body["url"].as_str().unwrap_or_default();
    let path = &url[url.find("/share/").unwrap_or(0)..];
    let link_id = body["id"].as_str().unwrap_or_default().to_owned();
    let r = t.get(path, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("id=\"summary-labs\""));
    assert!(!r.body.contains("summary-symptoms"), "scope: only labs");
    assert!(!r.body.contains("diary-private"));
    // Each access is audited against the patient.
    let events = t
        .store()
        .list_audit(&AuditFilter {
            patient_id: Some(p.id.clone()),
            ..AuditFilter::default()
        })
        .await
        .expect("audit");
    assert!(events.iter().any(|e| e.entry.resource_type == "share_link"
        && e.entry.action == "read"
        && e.entry.actor_id.is_none()));
    // Invalid scope and expiry are refused, naming the field.
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/shares", p.id),
            r#"{"sections":["everything"],"days":7}"#,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.json()["error"]["field"], "sections");
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/shares", p.id),
            r#"{"sections":["labs"],"days":365}"#,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.json()["error"]["field"], "days");
    // A blank label is no label, and a section named again is shared once, even 21 times
    // (both were a 500: the store allows 1 to 20 sections and no blank label).
    let repeated = vec!["labs"; 21];
    let body = serde_json::json!({"sections": repeated, "days": 1, "label": "  "}).to_string();
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/shares", p.id),
            &body,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // Revoke: 404.
    let r = t
        .api(
            Method::DELETE,
            &format!("/api/v1/patients/{}/shares/{link_id}", p.id),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(t.get(path, None).await.status, StatusCode::NOT_FOUND);
    // Expired: 404.
    let secret = token::random_token();
    let past = Timestamp::now().add_millis(-10_000);
    let link = NewShareLink {
        id: RecordId::random(),
        patient_id: UserId(p.id.clone()),
        token_hash: token::hash_secret(&secret),
        sections: vec!["labs".into()],
        label: None,
        created_at: past,
        expires_at: past.add_millis(1000),
    };
    let entry = myo_store::AuditEntry::new(
        past,
        "create",
        "share_link",
        None,
        myo_store::Outcome::Success,
    )
    .for_patient(&p.id);
    t.store()
        .create_share_link(&link, &entry)
        .await
        .expect("link");
    assert_eq!(
        t.get(&format!("/share/{secret}"), None).await.status,
        StatusCode::NOT_FOUND
    );
    // Guessing is rate-limited per address.
    let mut last = StatusCode::OK;
    for _ in 0..25 {
        last = t
            .get(&format!("/share/{}", token::random_token()), None)
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}
both_backends!(share_links_are_scoped_expiring_revocable, share_links);

/// A full MMT-8 (one side) with every group at `grade`.
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

async fn delete_one_record(t: &TestApp) {
    let p = person(t, "del@example.org").await;
    let (doc, _) = clinician(t, "doc-del@example.org").await;
    let r = t
        .post_form(
            &format!("/patients/{}/grants", p.id),
            &[("csrf", &p.csrf), ("email", "doc-del@example.org")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // One record of every kind the pages list.
    let api = |path: &str| format!("/api/v1/patients/{}/{path}", p.id);
    let med = t
        .post_json(&api("medicines"), WEEKLY_MTX, Some(&p.bearer))
        .await;
    assert_eq!(med.status, StatusCode::CREATED, "{}", med.body);
    let med_id = med.json()["id"].as_str().unwrap_or_default().to_owned();
    let doses = format!("medicines/{med_id}/doses");
    for (path, body) in [
        ("labs", LAB.to_owned()),
        (
            doses.as_str(),
            r#"{"date":"2026-01-02","time":"08:00","outcome":"taken"}"#.to_owned(),
        ),
        (
            "assessments",
            format!(
                r#"{{"instrument":"mmt8","date":"2026-01-04","input":{}}}"#,
                mmt8_all(9)
            ),
        ),
        (
            "conditions",
            r#"{"condition":"adult_dm","diagnosed":"2024-05-01"}"#.to_owned(),
        ),
        (
            "antibodies",
            r#"{"antibody":"mda5","outcome":"positive","date":"2025-02-01"}"#.to_owned(),
        ),
        (
            "visits",
            r#"{"date":"2025-03-01","physician_global":4}"#.to_owned(),
        ),
    ] {
        let r = t.post_json(&api(path), &body, Some(&p.bearer)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{path}: {}", r.body);
    }
    let r = t
        .post_form(
            &format!("/patients/{}/strength", p.id),
            &[
                ("csrf", &p.csrf),
                ("date", &today()),
                ("sit_to_stand_30s", "12"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let data = t
        .store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export");
    let lab_id = data.labs[0].id.to_string();
    // (kind, record id, page it is listed on, words a screen reader adds to "Delete").
    let rows = [
        (
            "labs",
            lab_id.clone(),
            "labs",
            "lab CK 2026-01-10".to_owned(),
        ),
        (
            "home_tests",
            data.home_tests[0].id.to_string(),
            "strength",
            format!("home tests {}", today()),
        ),
        (
            "assessments",
            data.assessments[0].id.to_string(),
            "strength",
            "assessment mmt8 2026-01-04".to_owned(),
        ),
        (
            "medicines",
            med_id.clone(),
            "medicines",
            "medicine Methotrexate 2026-01-02".to_owned(),
        ),
        (
            "conditions",
            data.conditions[0].id.to_string(),
            "conditions",
            "condition adult dm 2024-05-01".to_owned(),
        ),
        (
            "antibodies",
            data.antibodies[0].id.to_string(),
            "conditions",
            "antibody anti-MDA5 2025-02-01".to_owned(),
        ),
        (
            "visits",
            data.visits[0].id.to_string(),
            "visits",
            "visit 2025-03-01".to_owned(),
        ),
    ];
    for (kind, id, page, words) in &rows {
        let href = format!("/patients/{}/records/{kind}/{id}/delete", p.id);
        let list = t
            .get(&format!("/patients/{}/{page}", p.id), Some(&p.cookie))
            .await;
        assert_eq!(list.status, StatusCode::OK, "{page}");
        assert!(
            list.body.contains(&format!("<a href=\"{href}\" id=\"delete-{id}\" class=\"delete-link\">Delete<span class=\"visually-hidden\"> {words}</span></a>")),
            "{kind} link on {page}: {}",
            list.body
        );
        let seen = t
            .get(&format!("/patients/{}/{page}", p.id), Some(&doc))
            .await;
        assert_eq!(seen.status, StatusCode::OK, "{page}");
        assert!(!seen.body.contains("delete-link"), "clinician, {page}");
        assert_eq!(
            t.get(&href, Some(&doc)).await.status,
            StatusCode::FORBIDDEN,
            "clinician, {kind}"
        );
    }

    // The lab: confirm, refuse without the form's token, delete, back with a notice, audited.
    let confirm = format!("/patients/{}/records/labs/{lab_id}/delete", p.id);
    let r = t.get(&confirm, Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Delete this lab result?"), "{}", r.body);
    assert!(r.body.contains("id=\"delete-record-date\">2026-01-10<"));
    assert!(
        r.body.contains("CK 1234 U/L (reference ≤ 200)"),
        "{}",
        r.body
    );
    assert!(r.body.contains(&format!(
        "<form method=\"post\" action=\"{confirm}\" id=\"delete-record-form\""
    )));
    assert!(
        r.body
            .contains(&format!("name=\"csrf\" value=\"{}\"", p.csrf))
    );
    assert!(r.body.contains(&format!(
        "href=\"/patients/{}/labs\" id=\"delete-record-cancel\"",
        p.id
    )));
    let r = t.post_form(&confirm, &[], Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no CSRF token");
    let r = t
        .post_form(&confirm, &[("csrf", "wrong")], Some(&p.cookie))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "wrong CSRF token");
    let doc_csrf = t.csrf(&doc).await;
    let r = t
        .post_form(&confirm, &[("csrf", &doc_csrf)], Some(&doc))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "clinician");
    let kept = t
        .store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export");
    assert_eq!(kept.labs.len(), 1, "refused deletes keep the lab");
    let r = t
        .post_form(&confirm, &[("csrf", &p.csrf)], Some(&p.cookie))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let back = r.header("location").to_owned();
    assert_eq!(back, format!("/patients/{}/labs?done=deleted", p.id));
    let page = t.get(&back, Some(&p.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains(r#"<p class="banner ok" role="status" id="notice">Deleted.</p>"#),
        "{}",
        page.body
    );
    assert!(!page.body.contains(&confirm), "the row is gone");
    assert!(page.body.contains("No lab results yet."));
    let events = t
        .store()
        .list_audit(&AuditFilter {
            patient_id: Some(p.id.clone()),
            ..AuditFilter::default()
        })
        .await
        .expect("audit");
    assert!(events.iter().any(|e| e.entry.action == "delete"
        && e.entry.resource_type == "lab_results"
        && e.entry.resource_id.as_deref() == Some(lab_id.as_str())
        && e.entry.actor_id.as_deref() == Some(p.id.as_str())));
    assert!(t.store().verify_audit_chain().await.is_ok());
    // Gone now: the same 404 as a record that never existed.
    assert_eq!(
        t.get(&confirm, Some(&p.cookie)).await.status,
        StatusCode::NOT_FOUND
    );
    let r = t
        .post_form(&confirm, &[("csrf", &p.csrf)], Some(&p.cookie))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Unknown kinds, and kinds the pages do not delete (corrected by saving again), are 404.
    for kind in ["bogus", "diary", "doses", "monitoring_tests"] {
        let path = format!("/patients/{}/records/{kind}/{lab_id}/delete", p.id);
        assert_eq!(
            t.get(&path, Some(&p.cookie)).await.status,
            StatusCode::NOT_FOUND,
            "{kind}"
        );
        let r = t
            .post_form(&path, &[("csrf", &p.csrf)], Some(&p.cookie))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{kind}");
    }
    // A record id under the wrong kind is missing too.
    let wrong = format!("/patients/{}/records/visits/{med_id}/delete", p.id);
    assert_eq!(
        t.get(&wrong, Some(&p.cookie)).await.status,
        StatusCode::NOT_FOUND
    );

    // The medicine: the page says its recorded dose goes with it, and it does.
    let confirm = format!("/patients/{}/records/medicines/{med_id}/delete", p.id);
    let r = t.get(&confirm, Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body
            .contains("The 1 dose you recorded for this medicine will be deleted too."),
        "{}",
        r.body
    );
    assert!(r.body.contains("Methotrexate: 15 mg"), "{}", r.body);

    // Every other kind: deleted, back on its own page.
    for (kind, id, page, _) in rows.iter().skip(1) {
        let path = format!("/patients/{}/records/{kind}/{id}/delete", p.id);
        let r = t.get(&path, Some(&p.cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{kind}: {}", r.body);
        assert!(r.body.contains("id=\"delete-record-summary\""));
        let r = t
            .post_form(&path, &[("csrf", &p.csrf)], Some(&p.cookie))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{kind}: {}", r.body);
        assert_eq!(
            r.header("location"),
            format!("/patients/{}/{page}?done=deleted", p.id)
        );
        let list = t.get(r.header("location"), Some(&p.cookie)).await;
        assert!(list.body.contains("id=\"notice\""), "{page}");
        assert!(!list.body.contains(&path), "{kind} row gone");
    }
    let data = t
        .store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export");
    assert_eq!(data.record_count(), 0, "{data:?}");
    assert!(
        data.dose_events.is_empty(),
        "the dose went with its medicine"
    );
}
both_backends!(
    a_patient_deletes_one_record_from_the_pages,
    delete_one_record
);

async fn api_deletes_assessments_and_visits(t: &TestApp) {
    let p = person(t, "apidel@example.org").await;
    let b = person(t, "apidel-b@example.org").await;
    let mut ids = Vec::new();
    for (path, body) in [
        (
            "assessments",
            format!(
                r#"{{"instrument":"mmt8","date":"2026-01-04","input":{}}}"#,
                mmt8_all(8)
            ),
        ),
        (
            "visits",
            r#"{"date":"2025-03-01","physician_global":4}"#.to_owned(),
        ),
    ] {
        let r = t
            .post_json(
                &format!("/api/v1/patients/{}/{path}", p.id),
                &body,
                Some(&p.bearer),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{path}: {}", r.body);
        ids.push((path, r.json()["id"].as_str().unwrap_or_default().to_owned()));
    }
    for (kind, id) in &ids {
        // Another patient naming it under their own path: 404, and it stays.
        let r = t
            .api(
                Method::DELETE,
                &format!("/api/v1/patients/{}/records/{kind}/{id}", b.id),
                Some(&b.bearer),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{kind}");
        let path = format!("/api/v1/patients/{}/records/{kind}/{id}", p.id);
        let r = t.api(Method::DELETE, &path, Some(&p.bearer)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{kind}: {}", r.body);
        let r = t.api(Method::DELETE, &path, Some(&p.bearer)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{kind} again");
        assert_eq!(r.json()["error"]["field"], "record");
        let list = t
            .api(
                Method::GET,
                &format!("/api/v1/patients/{}/{kind}", p.id),
                Some(&p.bearer),
            )
            .await;
        assert_eq!(list.json()["count"], 0, "{kind}");
    }
    let events = t
        .store()
        .list_audit(&AuditFilter {
            patient_id: Some(p.id.clone()),
            ..AuditFilter::default()
        })
        .await
        .expect("audit");
    for table in ["assessments", "visits"] {
        assert!(
            events
                .iter()
                .any(|e| e.entry.action == "delete" && e.entry.resource_type == table),
            "{table}"
        );
    }
    // The OpenAPI document names every kind.
    let doc = t.get("/api/v1/openapi.json", None).await.json();
    let kinds = doc["paths"]
        .as_object()
        .and_then(|paths| {
            paths
                .iter()
                .find(|(k, _)| k.ends_with("/records/{kind}/{record}"))
        })
        .map(|(_, v)| v["delete"]["parameters"][1]["schema"]["enum"].to_string())
        .unwrap_or_default();
    for kind in ["assessments", "visits", "labs", "doses"] {
        assert!(kinds.contains(&format!("\"{kind}\"")), "{kind} in {kinds}");
    }
}
both_backends!(
    api_deletes_one_assessment_or_visit,
    api_deletes_assessments_and_visits
);

#[tokio::test]
async fn methotrexate_daily_is_refused_weekly_accepted() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "m@example.org").await;
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/medicines", p.id),
            DAILY_MTX,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["error"]["field"], "schedule.kind");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("weekly")
    );
    // It ends before the form's entry starts: only one methotrexate may be active at a time.
    let ended = WEEKLY_MTX.replace(
        r#""start":"2026-01-02""#,
        r#""start":"2026-01-02","end":"2026-01-04""#,
    );
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/medicines", p.id),
            &ended,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let suggestions = r.json()["suggestions"].to_string().to_lowercase();
    assert!(suggestions.contains("folic"), "{suggestions}");

    let form = |kind: &'static str| {
        vec![
            ("csrf", p.csrf.clone()),
            ("name", "methotrexate".to_owned()),
            ("dose_amount", "10".to_owned()),
            ("dose_unit", "mg".to_owned()),
            ("route", "oral".to_owned()),
            ("schedule_kind", kind.to_owned()),
            ("time", "08:00".to_owned()),
            ("day", "friday".to_owned()),
            ("start", "2026-01-05".to_owned()),
        ]
    };
    let daily = form("daily");
    let pairs: Vec<(&str, &str)> = daily.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = t
        .post_form(
            &format!("/patients/{}/medicines", p.id),
            &pairs,
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"med-error\""));
    assert!(r.body.contains("How often:"));
    let weekly = form("weekly");
    let pairs: Vec<(&str, &str)> = weekly.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = t
        .post_form(
            &format!("/patients/{}/medicines", p.id),
            &pairs,
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("id=\"med-suggestions\""));
    assert!(r.body.to_lowercase().contains("folic"));
    let r = t
        .post_form(
            &format!("/patients/{}/profile", p.id),
            &[("csrf", &p.csrf), ("time_zone", "Mars/Olympus")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("time_zone"));
    let r = t
        .post_form(
            &format!("/patients/{}/profile", p.id),
            &[("csrf", &p.csrf), ("time_zone", "Europe/Berlin")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = t
        .get(&format!("/patients/{}/medicines", p.id), Some(&p.cookie))
        .await;
    assert!(page.body.contains("value=\"Europe/Berlin\""));
    let list = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/medicines", p.id),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(list.json()["count"], 2, "two weekly entries, no daily one");
    // A missed dose shows the KB drug guide's missed-dose guidance.
    let now = myo_web::tracker::today().expect("today");
    let friday = (0..7)
        .map(|d| now.add_days(-d))
        .find(|d| d.weekday().as_str() == "friday")
        .expect("a friday");
    let dose = format!("{friday} 08:00");
    let meds = list.json()["medicines"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let med_id = meds
        .iter()
        .find(|m| m["end"].is_null())
        .and_then(|m| m["id"].as_str())
        .unwrap_or_default()
        .to_owned();
    let r = t
        .post_form(
            &format!("/patients/{}/medicines/{med_id}/doses", p.id),
            &[("csrf", &p.csrf), ("dose", &dose), ("outcome", "missed")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let data = t
        .store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export");
    assert_eq!(data.dose_events.len(), 1);
    assert_eq!(data.dose_events[0].outcome, "missed");
    let page = t
        .get(&format!("/patients/{}/medicines", p.id), Some(&p.cookie))
        .await;
    assert!(page.body.contains("id=\"missed-doses\""), "{}", page.body);
    assert!(page.body.contains("Never take two doses close together"));
    t.cleanup().await;
}

#[tokio::test]
async fn spanish_diary_note_is_triaged_in_spanish() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "es@example.org").await;
    let today = today();
    let form = diary_form(&p, &today, "No puedo respirar y tengo los labios azules");
    let r = t
        .post_form(&format!("/patients/{}/diary", p.id), &form, Some(&p.cookie))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("triage-emergency"), "{}", r.body);
    assert!(r.body.contains("Llame ahora"), "{}", r.body);
    let body = format!(
        r#"{{"date":"{today}","ratings":{{"weakness":3}},"note":"tomé metotrexato todos los dias esta semana"}}"#
    );
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/diary", p.id),
            &body,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["triage"]["tier"], "emergency");
    assert_eq!(r.json()["triage"]["link"], "/kb/methotrexate-overdose");
    // Negated in Spanish: no banner.
    let r = t
        .post_form(
            &format!("/patients/{}/diary", p.id),
            &diary_form(&p, &today, "Hoy bien, sin fiebre y respiro bien"),
            Some(&p.cookie),
        )
        .await;
    assert!(!r.body.contains("triage-banner"), "{}", r.body);
    t.cleanup().await;
}

#[tokio::test]
async fn diary_red_flag_shows_a_banner_at_once() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "d@example.org").await;
    let today = today();
    let form = diary_form(&p, &today, "I have crushing chest pain since this morning");
    let r = t
        .post_form(&format!("/patients/{}/diary", p.id), &form, Some(&p.cookie))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("id=\"triage-banner\""), "{}", r.body);
    assert!(r.body.contains("triage-emergency"));
    let main = r.body.find("<main").unwrap_or(0);
    assert!(
        r.body[main..].find("triage-banner") < r.body[main..].find("<h1"),
        "banner first"
    );
    let body = format!(
        r#"{{"date":"{today}","ratings":{{"weakness":3}},"note":"I fainted and my chest hurts"}}"#
    );
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/diary", p.id),
            &body,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["triage"]["tier"], "emergency");
    // A calm entry has no banner; bad input names the field and loses nothing typed.
    let r = t
        .post_form(
            &format!("/patients/{}/diary", p.id),
            &diary_form(&p, &today, "a good day"),
            Some(&p.cookie),
        )
        .await;
    assert!(!r.body.contains("triage-banner"));
    let mut bad = diary_form(&p, &today, "keep this text");
    bad[2] = ("weakness", "11");
    let r = t
        .post_form(&format!("/patients/{}/diary", p.id), &bad, Some(&p.cookie))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Weakness:"));
    assert!(r.body.contains("keep this text"));
    t.cleanup().await;
}

async fn export_and_delete(t: &TestApp) {
    let p = person(t, "e@example.org").await;
    t.post_form(
        &format!("/patients/{}/diary", p.id),
        &diary_form(&p, &today(), "export-me, \"quoted\""),
        Some(&p.cookie),
    )
    .await;
    t.post_json(
        &format!("/api/v1/patients/{}/labs", p.id),
        LAB,
        Some(&p.bearer),
    )
    .await;
    t.post_json(
        &format!("/api/v1/patients/{}/medicines", p.id),
        WEEKLY_MTX,
        Some(&p.bearer),
    )
    .await;
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/conditions", p.id),
            r#"{"condition":"adult_dm","diagnosed":"2024-05-01"}"#,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let csv = t
        .get(
            &format!("/patients/{}/export/diary.csv", p.id),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(
        csv.body.contains("\"export-me, \"\"quoted\"\"\""),
        "{}",
        csv.body
    );
    let labs = t
        .get(
            &format!("/patients/{}/export/labs.csv", p.id),
            Some(&p.cookie),
        )
        .await;
    assert!(labs.body.contains(",ck,1234,U/L,"), "{}", labs.body);
    let meds = t
        .get(
            &format!("/patients/{}/export/medicines.csv", p.id),
            Some(&p.cookie),
        )
        .await;
    assert!(meds.body.contains("Methotrexate"));
    let fhir = t
        .get(
            &format!("/patients/{}/export/fhir.json", p.id),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(fhir.status, StatusCode::OK, "{}", fhir.body);
    let bundle = fhir.json();
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    let types: Vec<String> = bundle["entry"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    e["resource"]["resourceType"]
                        .as_str()
                        .unwrap_or("")
                        .to_owned()
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        types.iter().filter(|t| *t == "Observation").count(),
        2,
        "{types:?}"
    );
    assert!(types.contains(&"MedicationStatement".to_owned()));
    assert!(types.contains(&"Condition".to_owned()));
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/visits", p.id),
            r#"{"date":"2025-03-01","physician_global":4,"enzymes":[{"analyte":"ck","value":900,"uln":200}]}"#,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let visits = t
        .get(
            &format!("/patients/{}/export/visits.csv", p.id),
            Some(&p.cookie),
        )
        .await;
    assert!(visits.body.contains("2025-03-01,4,,,"), "{}", visits.body);
    let fhir = t
        .get(
            &format!("/patients/{}/export/fhir.json", p.id),
            Some(&p.cookie),
        )
        .await;
    assert!(
        fhir.body.contains("physician-global-activity"),
        "{}",
        fhir.body
    );
    assert!(fhir.body.contains("2157-6") || fhir.body.contains("\"U/L\""));
    // Curated labels, not internal ids, name the records (texts and coding displays).
    assert!(fhir.body.contains("Creatine kinase (CK)"), "{}", fhir.body);
    assert!(
        fhir.body.contains("Dermatomyositis (adult)"),
        "{}",
        fhir.body
    );
    assert!(fhir.body.contains("\"resourceType\": \"Provenance\""));
    // scripts/interop-check validates this export with independent validators.
    if let Ok(dir) = std::env::var("MYO_FHIR_SAMPLES") {
        std::fs::create_dir_all(&dir).expect("samples dir");
        std::fs::write(format!("{dir}/web-export.json"), &fhir.body).expect("write sample");
    }
    // Delete (the form insists on confirmation).
    let r = t
        .post_form(
            &format!("/patients/{}/delete", p.id),
            &[("csrf", &p.csrf), ("confirm", "no")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = t
        .post_form(
            &format!("/patients/{}/delete", p.id),
            &[("csrf", &p.csrf), ("confirm", "delete")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let data = t
        .store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export");
    assert_eq!(data.record_count(), 0);
    let csv = t
        .get(
            &format!("/patients/{}/export/diary.csv", p.id),
            Some(&p.cookie),
        )
        .await;
    assert!(!csv.body.contains("export-me"));
    let events = t
        .store()
        .list_audit(&AuditFilter {
            patient_id: Some(p.id.clone()),
            ..AuditFilter::default()
        })
        .await
        .expect("audit");
    assert!(
        events
            .iter()
            .any(|e| e.entry.action == "delete" && e.entry.resource_type == "patient_records")
    );
    assert!(events.iter().all(|e| {
        !e.entry
            .details
            .as_deref()
            .unwrap_or("")
            .contains("export-me")
    }));
}
both_backends!(
    export_contains_records_and_delete_removes_them,
    export_and_delete
);

#[tokio::test]
async fn reads_and_writes_are_audited_and_pages_render() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "au@example.org").await;
    t.post_json(
        &format!("/api/v1/patients/{}/labs", p.id),
        LAB,
        Some(&p.bearer),
    )
    .await;
    let r = t
        .post_form(
            &format!("/patients/{}/strength", p.id),
            &[
                ("csrf", &p.csrf),
                ("date", "2026-01-03"),
                ("sit_to_stand_30s", "12"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for suffix in [
        "",
        "/diary",
        "/strength",
        "/conditions",
        "/visits",
        "/labs",
        "/medicines",
        "/sharing",
        "/summary",
    ] {
        let r = t
            .get(&format!("/patients/{}{suffix}", p.id), Some(&p.cookie))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{suffix}: {}", r.body);
        assert!(r.body.contains("<nav aria-label=\"Tracker\""));
    }
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/antibodies", p.id),
            r#"{"antibody":"mda5","outcome":"positive","date":"2025-02-01"}"#,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let list = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/antibodies", p.id),
            Some(&p.bearer),
        )
        .await
        .json();
    assert!(
        list["antibodies"][0]["flags"]
            .as_array()
            .is_some_and(|f| !f.is_empty()),
        "{list}"
    );
    let r = t
        .post_form(
            &format!("/patients/{}/conditions", p.id),
            &[
                ("csrf", &p.csrf),
                ("form", "condition"),
                ("condition", "adult_dm"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("adult dm"));
    assert!(r.body.contains("class=\"antibody-flags\""));
    let r = t
        .post_form(
            &format!("/patients/{}/conditions", p.id),
            &[
                ("csrf", &p.csrf),
                ("form", "antibody"),
                ("antibody", "xyz"),
                ("date", "2025-01-01"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Antibody: unknown antibody"));
    let visit = |date: &'static str, pg: &'static str, mmt: &'static str| {
        let mut v = vec![
            ("csrf", p.csrf.clone()),
            ("date", date.to_owned()),
            ("physician_global", pg.to_owned()),
            ("patient_global", "5".to_owned()),
            ("extramuscular", "2".to_owned()),
            ("ck_value", "1000".to_owned()),
            ("ck_uln", "200".to_owned()),
        ];
        for g in myo_instruments::mmt8::GROUP_IDS {
            v.push((
                Box::leak(format!("mmt8_{g}").into_boxed_str()),
                mmt.to_owned(),
            ));
        }
        v
    };
    for (date, pg, mmt) in [("2025-01-10", "6", "7"), ("2025-07-10", "2", "9")] {
        let form = visit(date, pg, mmt);
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = t
            .post_form(
                &format!("/patients/{}/visits", p.id),
                &pairs,
                Some(&p.cookie),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let mut bad = visit("2025-08-01", "12", "7");
    bad.truncate(3);
    let pairs: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = t
        .post_form(
            &format!("/patients/{}/visits", p.id),
            &pairs,
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("physician_global"));
    let data = t
        .store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export");
    assert_eq!(data.visits.len(), 2);
    let (b, f) = (data.visits[0].id.to_string(), data.visits[1].id.to_string());
    let r = t
        .get(
            &format!("/patients/{}/visits?baseline={b}&followup={f}", p.id),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("id=\"tis-result\""), "{}", r.body);
    assert!(r.body.contains("MMT-8 56/80"), "{}", r.body);
    let tis = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/tis?baseline={b}&followup={f}", p.id),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(tis.status, StatusCode::OK, "{}", tis.body);
    assert_eq!(
        tis.json()["complete"],
        false,
        "HAQ is missing, so a lower bound"
    );
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/visits", p.id),
            r#"{"date":"2025-09-01","physician_global":3,"mmt8":{"mode":"unilateral","grades":{"neck_flexors":11}}}"#,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.json()["error"]["field"]
            .as_str()
            .unwrap_or("")
            .starts_with("mmt8.")
    );
    let labs = t
        .get(&format!("/patients/{}/labs", p.id), Some(&p.cookie))
        .await;
    assert!(labs.body.contains("µkat/L"), "U/L converted");
    let pdf = t
        .get(
            &format!(
                "/patients/{}/summary.pdf?sections=labs&sections=symptoms",
                p.id
            ),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.body.starts_with("%PDF-"));
    let events = t
        .store()
        .list_audit(&AuditFilter {
            patient_id: Some(p.id.clone()),
            ..AuditFilter::default()
        })
        .await
        .expect("audit");
    let has = |action: &str, resource: &str| {
        events
            .iter()
            .any(|e| e.entry.action == action && e.entry.resource_type == resource)
    };
    assert!(has("create", "lab_results"));
    assert!(has("create", "home_tests"));
    assert!(has("read", "dashboard"));
    assert!(has("read", "lab_results"));
    assert!(has("export", "visit_summary"));
    assert!(t.store().verify_audit_chain().await.is_ok());
    // Anonymous visitors are sent to sign in; the API wants a token.
    let r = t.get(&format!("/patients/{}", p.id), None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = t
        .send(json_request(
            Method::GET,
            &format!("/api/v1/patients/{}/diary", p.id),
            "",
            None,
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    t.cleanup().await;
}

/// Triage reads a glucose given in mmol/L with the same factor the lab converter cites, so a
/// reading and a lab result of the same blood agree.
#[test]
fn triage_uses_the_cited_glucose_factor() {
    use myo_tracker::labs::{Analyte, Unit, convert};
    let rules = myo_tracker::Rules::builtin().expect("built-in rules");
    let cited = convert(&rules, Analyte::Glucose, 1.0, Unit::MmolPerL, Unit::MgPerDl)
        .expect("a cited conversion");
    assert!((cited.value - myo_ask::triage::MG_DL_PER_MMOL_L).abs() < 1e-9);
}
