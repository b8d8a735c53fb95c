//! Children's profiles through the pages, on both backends: a parent creates and manages a
//! child's profile (no log-in of its own; children's instruments first), then hands it over to
//! the child's own log-in, which keeps the history and ends the parent's access.

mod common;

use axum::http::StatusCode;
use common::{PW, TestApp, person};
use myo_store::UserId;

on_both_apps!(a_parent_keeps_a_childs_records_then_hands_them_over);

fn years_ago(n: i32) -> String {
    let today = myo_web::tracker::today().expect("today");
    today.add_days(-(n * 365 + 10)).to_string()
}

async fn a_parent_keeps_a_childs_records_then_hands_them_over(t: &TestApp) {
    let parent = person(t, "parent@example.org").await;
    let care = t.get("/care", Some(&parent.cookie)).await;
    assert!(care.body.contains("id=\"child-form\""), "{}", care.body);
    // The child's time zone is a visible choice: the browser's, while the parent has none.
    assert!(
        care.body.contains("name=\"time_zone\" value=\"\""),
        "{}",
        care.body
    );
    assert!(care.body.contains("data-unconfirmed"));
    assert!(care.body.contains("/static/tz.js"));
    // Bad input names the field by its label and creates nothing.
    let ten = years_ago(10);
    for (name, born, zone, label) in [
        ("", "2016-04-02", "Europe/London", "Name"),
        ("Robin", "02/04/2016", "Europe/London", "Birth date"),
        ("Robin", "2016-02-31", "Europe/London", "Birth date"),
        ("Robin", "2999-01-01", "Europe/London", "Birth date"),
        ("Robin", &years_ago(30), "Europe/London", "Birth date"),
        ("Robin", &ten, "", "Time zone"),
        ("Robin", &ten, "Mars/Olympus", "Time zone"),
    ] {
        let r = t
            .post_form(
                "/care/children",
                &[
                    ("csrf", &parent.csrf),
                    ("name", name),
                    ("birth_date", born),
                    ("time_zone", zone),
                ],
                Some(&parent.cookie),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{born} {zone}");
        assert!(r.body.contains(&format!("{label}:")), "{}", r.body);
    }
    assert_eq!(
        t.store()
            .list_clinician_patients(&UserId(parent.id.clone()))
            .await
            .expect("list")
            .len(),
        0,
        "nothing created"
    );
    let r = t
        .post_form(
            "/care/children",
            &[
                ("csrf", &parent.csrf),
                ("name", "Robin"),
                ("birth_date", &ten),
                ("time_zone", "Asia/Tokyo"),
            ],
            Some(&parent.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let child_path = r.header("location").to_owned();
    let child_id = child_path.trim_start_matches("/patients/").to_owned();
    // The zone chosen on the form, not the parent's (who has none saved).
    let zone = t
        .store()
        .get_profile(&UserId(child_id.clone()))
        .await
        .expect("profile")
        .expect("saved");
    assert_eq!(zone.time_zone, "Asia/Tokyo");
    let dash = t.get(&child_path, Some(&parent.cookie)).await;
    assert_eq!(dash.status, StatusCode::OK, "{}", dash.body);
    assert!(dash.body.contains("Records of <strong>Robin</strong>"));
    let care = t.get("/care", Some(&parent.cookie)).await;
    assert!(care.body.contains(&format!("id=\"person-{child_id}\"")));
    assert!(care.body.contains("guardian"));

    // Children's instruments first on the child's page, the adult order on the parent's.
    let pos = |body: &str, id: &str| body.find(&format!("id=\"guided-{id}\"")).expect(id);
    let strength = t
        .get(&format!("{child_path}/strength"), Some(&parent.cookie))
        .await;
    assert!(
        pos(&strength.body, "cmas") < pos(&strength.body, "mmt8"),
        "CMAS is the default"
    );
    let own = t
        .get(
            &format!("/patients/{}/strength", parent.id),
            Some(&parent.cookie),
        )
        .await;
    assert!(pos(&own.body, "mmt8") < pos(&own.body, "cmas"));

    // The parent records for the child.
    let today = myo_web::tracker::today().unwrap().to_string();
    let r = t
        .post_form(
            &format!("{child_path}/diary"),
            &[
                ("csrf", &parent.csrf),
                ("date", &today),
                ("weakness", "5"),
                ("note", "kept by a parent"),
            ],
            Some(&parent.cookie),
        )
        .await;
    assert!(
        r.status == StatusCode::SEE_OTHER || r.status == StatusCode::OK,
        "{}",
        r.body
    );
    let before = t
        .store()
        .export_patient(&UserId(child_id.clone()))
        .await
        .unwrap();
    assert_eq!(before.diary.len(), 1);

    // The profile has no log-in: its address is not deliverable and no password works.
    let child = t
        .store()
        .get_user(&UserId(child_id.clone()))
        .await
        .unwrap()
        .unwrap();
    assert!(child.email.ends_with(".invalid"), "{}", child.email);
    assert_eq!(
        t.signin(&child.email, PW).await.status,
        StatusCode::UNAUTHORIZED
    );

    // Hand-over: only the guardian, to a real address.
    let sharing = t
        .get(&format!("{child_path}/sharing"), Some(&parent.cookie))
        .await;
    assert!(
        sharing.body.contains("id=\"handover-start-form\""),
        "{}",
        sharing.body
    );
    let own_sharing = t
        .get(
            &format!("/patients/{}/sharing", parent.id),
            Some(&parent.cookie),
        )
        .await;
    assert!(!own_sharing.body.contains("handover-start-form"));
    let r = t
        .post_form(
            &format!("/patients/{}/handover", parent.id),
            &[("csrf", &parent.csrf), ("email", "me@example.org")],
            Some(&parent.cookie),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "a patient's own records are not handed over"
    );
    let r = t
        .post_form(
            &format!("{child_path}/handover"),
            &[("csrf", &parent.csrf), ("email", "not an address")],
            Some(&parent.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = t
        .post_form(
            &format!("{child_path}/handover"),
            &[("csrf", &parent.csrf), ("email", "Robin@Example.org")],
            Some(&parent.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let marker = "id=\"handover-link\" value=\"";
    let start = r.body.find(marker).expect("link shown") + marker.len();
    let link: String = r.body[start..].split('"').next().unwrap().to_owned();
    assert!(link.starts_with("/handover/"), "{link}");
    let secret = link.trim_start_matches("/handover/").to_owned();

    let form = t.get(&link, None).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("robin@example.org"));
    let short = t
        .post_form(
            "/handover",
            &[
                ("token", &secret),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
            None,
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let robin_pw = "robin's own passphrase";
    let done = t
        .post_form(
            "/handover",
            &[
                ("token", &secret),
                ("password", robin_pw),
                ("password_confirm", robin_pw),
            ],
            None,
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.header("location"), "/signin?done=handed-over");

    // Robin signs in to the same records; the parent no longer sees them.
    let robin = t.signin("robin@example.org", robin_pw).await;
    assert_eq!(robin.status, StatusCode::SEE_OTHER);
    let robin = robin.cookie();
    let mine = t.get(&format!("{child_path}/diary"), Some(&robin)).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert!(
        mine.body.contains("kept by a parent"),
        "the history is kept"
    );
    let after = t
        .store()
        .export_patient(&UserId(child_id.clone()))
        .await
        .unwrap();
    assert_eq!(after.diary, before.diary);
    assert_eq!(
        t.get(&child_path, Some(&parent.cookie)).await.status,
        StatusCode::NOT_FOUND
    );
    let care = t.get("/care", Some(&parent.cookie)).await;
    assert!(!care.body.contains(&format!("person-{child_id}")));
    // The link worked once.
    assert_eq!(t.get(&link, None).await.status, StatusCode::NOT_FOUND);
    // And the hand-over is in Robin's own log.
    let log = t
        .store()
        .list_audit(&myo_store::AuditFilter {
            patient_id: Some(child_id.clone()),
            ..myo_store::AuditFilter::default()
        })
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|e| e.entry.details.as_deref() == Some(r#"{"change":"handed_over"}"#))
    );
    assert!(
        log.iter()
            .any(|e| e.entry.details.as_deref() == Some(r#"{"via":"guardian"}"#))
    );
}
