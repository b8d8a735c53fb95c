//! The care circle through the pages and the API, on both backends: access by e-mail that waits
//! as an invitation (the same answer whether or not the address has an account), carers who
//! read or read and write, switching between the people one cares for, revocation, audit
//! entries that name both the carer and the patient, and sharing that only the patient manages.

mod common;

use axum::http::{Method, StatusCode};
use common::{PW, Person, TestApp, grant, person};
use myo_store::{AuditFilter, UserId};

on_both_apps!(
    granting_does_not_reveal_accounts,
    carers_read_or_write_and_switch_between_people,
    only_the_patient_manages_sharing,
);

fn today() -> String {
    myo_web::tracker::today()
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// A page with the typed address and the generated ids taken out.
fn normalised(body: &str, email: &str) -> String {
    let mut out = body.replace(email, "<email>");
    // Grant and invitation ids are 32 hex digits.
    let bytes: Vec<char> = out.chars().collect();
    let mut clean = String::with_capacity(out.len());
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..]
            .iter()
            .take_while(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            .count();
        if run == 32 {
            clean.push_str("<id>");
            i += run;
        } else {
            clean.push(bytes[i]);
            i += 1;
        }
    }
    out = clean;
    // Times differ by milliseconds.
    out.split("invited on ")
        .map(|part| {
            part.split_once(';')
                .map_or(part.to_owned(), |(_, rest)| rest.to_owned())
        })
        .collect::<Vec<_>>()
        .join("invited on <time>;")
}

async fn granting_does_not_reveal_accounts(t: &TestApp) {
    let p = person(t, "pat@example.org").await;
    t.signup("has-account@example.org", PW).await;
    let with_account = grant(t, &p, "has-account@example.org", "carer", "read").await;
    // Withdraw it so both pages list one invitation.
    let invited = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/grants", p.id),
            Some(&p.bearer),
        )
        .await
        .json();
    let id = invited["invitations"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        invited["grants"].as_array().map(Vec::len),
        Some(0),
        "no grant before that person signs in: {invited}"
    );
    let r = t
        .post_form(
            &format!("/patients/{}/grants/{id}/revoke", p.id),
            &[("csrf", &p.csrf)],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let without_account = grant(t, &p, "no-account@example.org", "carer", "read").await;
    assert_eq!(
        normalised(&with_account, "has-account@example.org"),
        normalised(&without_account, "no-account@example.org"),
    );
    assert!(with_account.contains("waiting for them to sign in"));
    // Bad input names the field and changes nothing.
    for (form, field) in [
        (("not-an-address", "carer", "read"), "email"),
        (("x@example.org", "boss", "read"), "relation"),
        (("x@example.org", "clinician", "everything"), "access"),
        (("pat@example.org", "carer", "read"), "email"),
    ] {
        let r = t
            .post_form(
                &format!("/patients/{}/grants", p.id),
                &[
                    ("csrf", &p.csrf),
                    ("email", form.0),
                    ("relation", form.1),
                    ("access", form.2),
                ],
                Some(&p.cookie),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{form:?}");
        assert!(
            r.body.contains(&format!("{field}:")),
            "{form:?}: {}",
            r.body
        );
    }
}

async fn carers_read_or_write_and_switch_between_people(t: &TestApp) {
    let pat = person(t, "pat@example.org").await;
    let sam = person(t, "sam@example.org").await;
    // Invitations to an address that has no account yet.
    grant(t, &pat, "Carer@Example.org", "carer", "read").await;
    grant(t, &sam, "carer@example.org", "carer", "write").await;
    let carer = t.signup("carer@example.org", PW).await;
    let care = t.get("/care", Some(&carer)).await;
    assert_eq!(care.status, StatusCode::OK, "{}", care.body);
    assert!(
        care.body.contains(&format!("id=\"person-{}\"", pat.id)),
        "{}",
        care.body
    );
    assert!(care.body.contains(&format!("id=\"person-{}\"", sam.id)));
    assert!(care.body.contains("Records of Test"));

    // Pat: read only.
    let dash = t.get(&format!("/patients/{}", pat.id), Some(&carer)).await;
    assert_eq!(dash.status, StatusCode::OK, "{}", dash.body);
    assert!(dash.body.contains("Records of"));
    assert!(dash.body.contains("id=\"switch-person\""));
    let carer_csrf = t.csrf(&carer).await;
    let day = today();
    let diary = |p: &Person| format!("/patients/{}/diary", p.id);
    let entry = |csrf: &str| {
        vec![
            ("csrf".to_owned(), csrf.to_owned()),
            ("date".to_owned(), day.clone()),
            ("weakness".to_owned(), "3".to_owned()),
            ("note".to_owned(), "written by the carer".to_owned()),
        ]
    };
    let form = entry(&carer_csrf);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = t.post_form(&diary(&pat), &form, Some(&carer)).await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "read-only carer cannot write"
    );
    let page = t.get(&diary(&pat), Some(&carer)).await;
    assert!(
        !page.body.contains("id=\"diary-form\""),
        "no form when read only"
    );

    // Sam: read and write.
    let page = t.get(&diary(&sam), Some(&carer)).await;
    assert!(page.body.contains("id=\"diary-form\""), "{}", page.body);
    let r = t.post_form(&diary(&sam), &form, Some(&carer)).await;
    assert!(
        r.status == StatusCode::SEE_OTHER || r.status == StatusCode::OK,
        "{}: {}",
        r.status,
        r.body
    );
    let data = t
        .store()
        .export_patient(&UserId(sam.id.clone()))
        .await
        .unwrap();
    assert_eq!(data.diary.len(), 1, "the carer's entry is Sam's");
    assert!(
        t.store()
            .export_patient(&UserId(pat.id.clone()))
            .await
            .unwrap()
            .diary
            .is_empty()
    );
    // Audited with both: the carer acting, Sam's record.
    let carer_id = t
        .store()
        .find_user_by_email("carer@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    let log = t
        .store()
        .list_audit(&AuditFilter {
            patient_id: Some(sam.id.clone()),
            actor_id: Some(carer_id.as_str().to_owned()),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|e| matches!(e.entry.action.as_str(), "create" | "update")
                && e.entry.resource_type == "diary_entries"
                && e.entry.details.as_deref() == Some(r#"{"via":"carer"}"#)),
        "{log:?}"
    );
    assert!(log.iter().any(|e| e.entry.action == "read"), "reads too");

    // Revoked: back to "not found", and gone from the list.
    let grants = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/grants", sam.id),
            Some(&sam.bearer),
        )
        .await
        .json();
    assert_eq!(grants["grants"][0]["relation"], "carer");
    assert_eq!(grants["grants"][0]["can_write"], true);
    let gid = grants["grants"][0]["id"].as_str().unwrap().to_owned();
    let r = t
        .api(
            Method::DELETE,
            &format!("/api/v1/patients/{}/grants/{gid}", sam.id),
            Some(&sam.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        t.get(&format!("/patients/{}", sam.id), Some(&carer))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = t.post_form(&diary(&sam), &form, Some(&carer)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let care = t.get("/care", Some(&carer)).await;
    assert!(!care.body.contains(&format!("person-{}", sam.id)));
    assert!(care.body.contains(&format!("person-{}", pat.id)));
}

async fn only_the_patient_manages_sharing(t: &TestApp) {
    let pat = person(t, "pat@example.org").await;
    grant(t, &pat, "helper@example.org", "carer", "write").await;
    let helper = t.signup("helper@example.org", PW).await;
    let helper_bearer = t.token(&helper, "cli").await;
    let helper_csrf = t.csrf(&helper).await;
    // Sharing, exports and deletion stay the patient's.
    for path in ["sharing", "export/fhir.json"] {
        let r = t
            .get(&format!("/patients/{}/{path}", pat.id), Some(&helper))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }
    let r = t
        .post_form(
            &format!("/patients/{}/grants", pat.id),
            &[("csrf", &helper_csrf), ("email", "friend@example.org")],
            Some(&helper),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/grants", pat.id),
            r#"{"email":"friend@example.org","relation":"carer"}"#,
            Some(&helper_bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = t
        .post_form(
            &format!("/patients/{}/delete", pat.id),
            &[("csrf", &helper_csrf), ("confirm", "delete")],
            Some(&helper),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // But a write-carer records through the API like the patient.
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/labs", pat.id),
            r#"{"analyte":"ck","value":1234,"unit":"U/L","uln":200,"date":"2026-01-10"}"#,
            Some(&helper_bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // A guessed id is "not found", like a missing one.
    let r = t
        .get(&format!("/patients/{}", "0".repeat(32)), Some(&helper))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
