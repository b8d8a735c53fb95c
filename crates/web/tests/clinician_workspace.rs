//! The clinician's workspace on both backends: the patient list with identity (name, e-mail,
//! date of birth, the clinician's own identifier) and what needs attention (open red flags,
//! flare signals, overdue monitoring tests, last entry), sorted and filtered with plain links
//! and forms; the identifier kept per clinician and audited; nothing without a grant; and a
//! clinician with a write grant recording visits that feed the TIS.

mod common;

use axum::http::StatusCode;
use common::{PW, Person, TestApp, person};
use myo_store::{AuditEntry, AuditFilter, Outcome, Role, Timestamp, UserChanges, UserId};

on_both_apps!(
    the_list_shows_who_and_what_needs_attention,
    the_identifier_is_per_clinician_and_audited,
    a_clinician_without_a_grant_sees_nothing,
    a_clinician_with_a_write_grant_records_visits,
);

fn today() -> myo_tracker::Date {
    myo_web::tracker::today().expect("today")
}

const WEEKLY_MTX: &str = r#"{"name":"Methotrexate","dose":{"amount":15,"unit":"mg"},"route":"oral","schedule":{"kind":"weekly","day":"friday","time":"08:00"},"start":"2026-01-02"}"#;

async fn clinician(t: &TestApp, email: &str) -> (String, String) {
    let id = t.add_user(email, PW, Role::Clinician).await;
    let cookie = t.signin(email, PW).await.cookie();
    (cookie, id.as_str().to_owned())
}

async fn grant(t: &TestApp, p: &Person, email: &str, access: &str) {
    let r = t
        .post_form(
            &format!("/patients/{}/grants", p.id),
            &[
                ("csrf", &p.csrf),
                ("email", email),
                ("relation", "clinician"),
                ("access", access),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

async fn rename(t: &TestApp, p: &Person, name: &str) {
    let audit = AuditEntry::new(
        Timestamp::now(),
        "update",
        "user",
        Some(&p.id),
        Outcome::Success,
    );
    let changes = UserChanges {
        display_name: Some(name.to_owned()),
        ..UserChanges::default()
    };
    t.store()
        .update_user(&UserId(p.id.clone()), &changes, &audit)
        .await
        .expect("rename");
}

async fn birth(t: &TestApp, p: &Person, date: &str) {
    let r = t
        .post_form(
            &format!("/patients/{}/profile", p.id),
            &[
                ("csrf", &p.csrf),
                ("time_zone", "UTC"),
                ("birth_date", date),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

async fn post_json_ok(t: &TestApp, p: &Person, kind: &str, body: &str) {
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/{kind}", p.id),
            body,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{kind}: {}", r.body);
}

async fn diary(t: &TestApp, p: &Person, date: &str, extra: &[(&str, &str)]) {
    let mut form = vec![("csrf", p.csrf.as_str()), ("date", date), ("fatigue", "3")];
    form.extend_from_slice(extra);
    let r = t
        .post_form(&format!("/patients/{}/diary", p.id), &form, Some(&p.cookie))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

/// The ids of the rows, in page order.
fn order(body: &str, ids: &[&str]) -> Vec<String> {
    let mut found: Vec<(usize, String)> = ids
        .iter()
        .filter_map(|id| {
            body.find(&format!("id=\"patient-row-{id}\""))
                .map(|at| (at, (*id).to_owned()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

/// The text of the element with this id (up to its closing tag).
fn cell<'a>(body: &'a str, id: &str) -> &'a str {
    let marker = format!("id=\"{id}\">");
    let start = body
        .find(&marker)
        .unwrap_or_else(|| panic!("{id} in {body}"))
        + marker.len();
    let rest = &body[start..];
    let end = ["</td>", "</div>"]
        .iter()
        .filter_map(|t| rest.find(t))
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

async fn the_list_shows_who_and_what_needs_attention(t: &TestApp) {
    let (doc, doc_id) = clinician(t, "doc@example.org").await;
    let a = person(t, "pat-a@example.org").await;
    let b = person(t, "pat-b@example.org").await;
    let z = person(t, "zed@example.org").await;
    rename(t, &a, "Pat").await;
    rename(t, &b, "Pat").await;
    rename(t, &z, "Zed").await;
    birth(t, &a, "1980-04-30").await;
    birth(t, &b, "1992-11-02").await;
    let now = today();
    // A: an open red flag (trouble swallowing) and methotrexate with no monitoring tests.
    diary(
        t,
        &a,
        &now.add_days(-2).to_string(),
        &[("swallowing_trouble", "yes")],
    )
    .await;
    post_json_ok(t, &a, "medicines", WEEKLY_MTX).await;
    // B: a CK rise (a flare signal) and a diary day yesterday.
    for (days, value) in [(-10, 200), (-3, 2000)] {
        let lab = format!(
            r#"{{"analyte":"ck","value":{value},"unit":"U/L","uln":200,"date":"{}"}}"#,
            now.add_days(days)
        );
        post_json_ok(t, &b, "labs", &lab).await;
    }
    diary(t, &b, &now.add_days(-1).to_string(), &[]).await;
    for p in [&a, &b, &z] {
        grant(t, p, "doc@example.org", "read").await;
    }
    let ids = [a.id.as_str(), b.id.as_str(), z.id.as_str()];

    let r = t.get("/tracker", Some(&doc)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let body = &r.body;
    // Identity: the two Pats are told apart by e-mail and date of birth.
    assert!(body.contains("pat-a@example.org") && body.contains("pat-b@example.org"));
    assert_eq!(cell(body, &format!("birth-{}", a.id)), "Born: 1980-04-30");
    assert_eq!(cell(body, &format!("birth-{}", b.id)), "Born: 1992-11-02");
    assert_eq!(cell(body, &format!("birth-{}", z.id)), "Born: not given");
    // What needs attention.
    let sig_a = cell(body, &format!("signals-{}", a.id));
    assert!(sig_a.contains("Red flag"), "{sig_a}");
    let sig_b = cell(body, &format!("signals-{}", b.id));
    assert!(
        sig_b.contains("Flare signal") && !sig_b.contains("Red flag"),
        "{sig_b}"
    );
    assert_eq!(cell(body, &format!("signals-{}", z.id)), "none");
    let over_a = cell(body, &format!("overdue-{}", a.id));
    assert!(over_a.contains("methotrexate"), "{over_a}");
    assert_eq!(cell(body, &format!("overdue-{}", b.id)), "none");
    assert_eq!(
        cell(body, &format!("last-entry-{}", a.id)),
        now.add_days(-2).to_string()
    );
    assert_eq!(
        cell(body, &format!("last-entry-{}", b.id)),
        now.add_days(-1).to_string()
    );
    assert_eq!(
        cell(body, &format!("last-entry-{}", z.id)),
        "nothing recorded yet"
    );
    assert!(body.contains(&format!("href=\"/patients/{}/visits\"", a.id)));
    // Sorting: flags first (default), last entry, name.
    assert_eq!(
        order(body, &ids),
        [a.id.as_str(), b.id.as_str(), z.id.as_str()]
    );
    assert!(
        body.contains("href=\"/tracker?sort=last\""),
        "plain sort links"
    );
    let last = t.get("/tracker?sort=last", Some(&doc)).await;
    assert_eq!(
        order(&last.body, &ids),
        [b.id.as_str(), a.id.as_str(), z.id.as_str()]
    );
    let name = t.get("/tracker?sort=name", Some(&doc)).await;
    assert_eq!(order(&name.body, &ids)[2], z.id);
    // Filtering, with the plain GET form's fields.
    let flagged = t.get("/tracker?only=flags&sort=name", Some(&doc)).await;
    assert_eq!(order(&flagged.body, &ids).len(), 2, "{}", flagged.body);
    assert!(flagged.body.contains("2 of 3 patients shown"));
    let overdue = t.get("/tracker?only=overdue", Some(&doc)).await;
    assert_eq!(order(&overdue.body, &ids), [a.id.as_str()]);
    let found = t.get("/tracker?q=ZED&only=&sort=flags", Some(&doc)).await;
    assert_eq!(order(&found.body, &ids), [z.id.as_str()]);
    let none = t.get("/tracker?q=nobody", Some(&doc)).await;
    assert!(none.body.contains("No patient matches."));
    // Every patient's records read for the list is audited, naming the clinician and patient.
    for p in [&a, &b, &z] {
        let log = t
            .store()
            .list_audit(&AuditFilter {
                patient_id: Some(p.id.clone()),
                actor_id: Some(doc_id.clone()),
                ..AuditFilter::default()
            })
            .await
            .expect("audit");
        assert!(
            log.iter()
                .any(|e| e.entry.action == "read" && e.entry.resource_type == "patient_list"),
            "{log:?}"
        );
    }
}

async fn the_identifier_is_per_clinician_and_audited(t: &TestApp) {
    let (doc, doc_id) = clinician(t, "doc@example.org").await;
    let (doc2, _) = clinician(t, "doc2@example.org").await;
    let p = person(t, "pat@example.org").await;
    let other = person(t, "other@example.org").await;
    grant(t, &p, "doc@example.org", "read").await;
    grant(t, &p, "doc2@example.org", "read").await;
    grant(t, &other, "doc@example.org", "read").await;
    // Take up the grants.
    assert_eq!(t.get("/tracker", Some(&doc)).await.status, StatusCode::OK);
    assert_eq!(t.get("/tracker", Some(&doc2)).await.status, StatusCode::OK);
    let csrf = t.csrf(&doc).await;
    let path = format!("/patients/{}/identifier", p.id);
    let r = t
        .post_form(
            &path,
            &[("csrf", &csrf), ("identifier", " MRN-123 ")],
            Some(&doc),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.header("location"), "/tracker?done=identifier");
    let list = t.get("/tracker?done=identifier", Some(&doc)).await;
    assert!(
        list.body.contains(&format!(
            "id=\"identifier-{}\" name=\"identifier\" value=\"MRN-123\"",
            p.id
        )),
        "{}",
        list.body
    );
    assert!(list.body.contains("was saved"));
    // Search finds it; the other clinician does not see it.
    let found = t.get("/tracker?q=mrn-123", Some(&doc)).await;
    assert!(found.body.contains(&format!("id=\"patient-row-{}\"", p.id)));
    assert!(
        !found
            .body
            .contains(&format!("id=\"patient-row-{}\"", other.id))
    );
    let seen2 = t.get("/tracker", Some(&doc2)).await;
    assert!(!seen2.body.contains("MRN-123"), "{}", seen2.body);
    // Too long: the field is named, nothing changes.
    let long = "x".repeat(65);
    let r = t
        .post_form(&path, &[("csrf", &csrf), ("identifier", &long)], Some(&doc))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("identifier: use at most 64 characters"),
        "{}",
        r.body
    );
    let grant_row = t
        .store()
        .find_grant(&UserId(p.id.clone()), &UserId(doc_id.clone()))
        .await
        .expect("store")
        .expect("grant");
    assert_eq!(grant_row.clinician_ref.as_deref(), Some("MRN-123"));
    // Audited, naming the clinician and the patient.
    let log = t
        .store()
        .list_audit(&AuditFilter {
            patient_id: Some(p.id.clone()),
            actor_id: Some(doc_id.clone()),
            ..AuditFilter::default()
        })
        .await
        .expect("audit");
    assert!(
        log.iter()
            .any(|e| e.entry.action == "update" && e.entry.resource_type == "clinician_ref"),
        "{log:?}"
    );
    // The patient, and a clinician without a grant, cannot set one.
    let r = t
        .post_form(
            &path,
            &[("csrf", &p.csrf), ("identifier", "x")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let (stranger, _) = clinician(t, "stranger@example.org").await;
    let s_csrf = t.csrf(&stranger).await;
    let r = t
        .post_form(
            &path,
            &[("csrf", &s_csrf), ("identifier", "x")],
            Some(&stranger),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Blank clears it.
    let r = t
        .post_form(&path, &[("csrf", &csrf), ("identifier", "")], Some(&doc))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let grant_row = t
        .store()
        .find_grant(&UserId(p.id.clone()), &UserId(doc_id))
        .await
        .expect("store")
        .expect("grant");
    assert_eq!(grant_row.clinician_ref, None);
}

async fn a_clinician_without_a_grant_sees_nothing(t: &TestApp) {
    let (doc, _) = clinician(t, "doc@example.org").await;
    let p = person(t, "pat@example.org").await;
    diary(
        t,
        &p,
        &today().to_string(),
        &[("swallowing_trouble", "yes")],
    )
    .await;
    let r = t.get("/tracker", Some(&doc)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("No patient has given you access yet."));
    assert!(!r.body.contains(&p.id) && !r.body.contains("pat@example.org"));
    assert_eq!(
        t.get(&format!("/patients/{}", p.id), Some(&doc))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Granted, then revoked: gone from the list again.
    grant(t, &p, "doc@example.org", "read").await;
    let r = t.get("/tracker", Some(&doc)).await;
    assert!(r.body.contains(&format!("id=\"patient-row-{}\"", p.id)));
    let grants = t
        .api(
            axum::http::Method::GET,
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
        .post_form(
            &format!("/patients/{}/grants/{gid}/revoke", p.id),
            &[("csrf", &p.csrf)],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = t.get("/tracker", Some(&doc)).await;
    assert!(!r.body.contains(&p.id), "{}", r.body);
    assert!(r.body.contains("No patient has given you access yet."));
    // A patient's own /tracker is their dashboard, never the list.
    let own = t.get("/tracker", Some(&p.cookie)).await;
    assert_eq!(own.status, StatusCode::SEE_OTHER);
}

async fn a_clinician_with_a_write_grant_records_visits(t: &TestApp) {
    let (doc, doc_id) = clinician(t, "doc@example.org").await;
    let (reader, _) = clinician(t, "reader@example.org").await;
    let p = person(t, "pat@example.org").await;
    grant(t, &p, "doc@example.org", "write").await;
    grant(t, &p, "reader@example.org", "read").await;
    let list = t.get("/tracker", Some(&doc)).await;
    assert!(
        list.body
            .contains(&format!("id=\"visits-{}\">Record a visit</a>", p.id)),
        "{}",
        list.body
    );
    let list = t.get("/tracker", Some(&reader)).await;
    assert!(
        list.body
            .contains(&format!("id=\"visits-{}\">Visits</a>", p.id))
    );
    let visits = format!("/patients/{}/visits", p.id);
    let csrf = t.csrf(&doc).await;
    let now = today();
    for (days, pg, grade, ck) in [(-60, "6", "7", "1000"), (-5, "2", "9", "250")] {
        let date = now.add_days(days).to_string();
        let mut form: Vec<(String, String)> = vec![
            ("csrf".into(), csrf.clone()),
            ("date".into(), date),
            ("physician_global".into(), pg.into()),
            ("patient_global".into(), "5".into()),
            ("extramuscular".into(), "2".into()),
            ("ck_value".into(), ck.into()),
            ("ck_uln".into(), "200".into()),
        ];
        for g in myo_instruments::mmt8::GROUP_IDS {
            form.push((format!("mmt8_{g}"), grade.into()));
        }
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = t.post_form(&visits, &form, Some(&doc)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("id=\"visit-saved\""), "{}", r.body);
    }
    let data = t
        .store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export");
    assert_eq!(data.visits.len(), 2);
    let (v1, v2) = (data.visits[0].id.as_str(), data.visits[1].id.as_str());
    let tis = t
        .get(&format!("{visits}?baseline={v1}&followup={v2}"), Some(&doc))
        .await;
    assert!(tis.body.contains("id=\"tis-result\""), "{}", tis.body);
    // The writes are audited as the clinician's, for the patient.
    let log = t
        .store()
        .list_audit(&AuditFilter {
            patient_id: Some(p.id.clone()),
            actor_id: Some(doc_id),
            ..AuditFilter::default()
        })
        .await
        .expect("audit");
    assert!(
        log.iter().any(|e| e.entry.action == "create"
            && e.entry.details.as_deref() == Some(r#"{"via":"clinician"}"#)),
        "{log:?}"
    );
    // The read-only clinician may not.
    let r_csrf = t.csrf(&reader).await;
    let r = t
        .post_form(
            &visits,
            &[
                ("csrf", &r_csrf),
                ("date", &now.to_string()),
                ("physician_global", "3"),
            ],
            Some(&reader),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Writing records is not changing who the person is: the date of birth and time zone stay
    // the patient's own to set.
    let r = t
        .post_form(
            &format!("/patients/{}/profile", p.id),
            &[
                ("csrf", &csrf),
                ("time_zone", "Pacific/Kiritimati"),
                ("birth_date", "1990-01-01"),
            ],
            Some(&doc),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let profile = t
        .store()
        .get_profile(&UserId(p.id.clone()))
        .await
        .expect("profile");
    assert!(
        profile.is_none_or(|pr| pr.birth_date.is_none() && pr.time_zone != "Pacific/Kiritimati"),
        "a clinician changed the patient's profile"
    );
}
