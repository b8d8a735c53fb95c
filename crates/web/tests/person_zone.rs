//! "Today" is the person's, in their own time zone, wherever Myo decides by the date: the
//! share link's window, the FHIR export's completed medicines, and the API, which can now set
//! the zone (a known IANA name, refused naming the field) as only the person or a child's
//! parent may. The tests pick a zone whose date differs from UTC's at the moment they run.

mod common;

use axum::http::{Method, StatusCode};
use common::{PW, Person, TestApp, person};
use myo_store::UserId;
use myo_tracker::medicines::Zone;

/// A zone whose date is not UTC's right now (a day ahead from 10:00 UTC, a day behind before),
/// with the dates in it and in UTC.
fn far_zone() -> (&'static str, String, String) {
    let now = myo_store::Timestamp::now().as_millis().div_euclid(1000);
    let utc = Zone::named("z", "UTC").unwrap().date_at(now).unwrap();
    let hour = now.rem_euclid(86_400) / 3600;
    let name = if hour >= 10 {
        "Pacific/Kiritimati"
    } else {
        "Pacific/Pago_Pago"
    };
    let local = Zone::named("z", name).unwrap().date_at(now).unwrap();
    assert_ne!(local, utc, "{name} at {hour}h UTC");
    (name, local.to_string(), utc.to_string())
}

async fn put_profile(t: &TestApp, p: &Person, body: &str, bearer: &str) -> common::Resp {
    let req = common::json_request(
        Method::PUT,
        &format!("/api/v1/patients/{}/profile", p.id),
        body,
        Some(bearer),
    );
    t.send(req).await
}

/// The API reads and sets the zone; an unknown one is refused naming `time_zone`.
async fn the_api_sets_the_time_zone(t: &TestApp) {
    let p = person(t, "zone-api@example.org").await;
    let url = format!("/api/v1/patients/{}/profile", p.id);
    let r = t.api(Method::GET, &url, Some(&p.bearer)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["time_zone_confirmed"], false);
    for (bad, field) in [
        (r#"{"time_zone":"Mars/Olympus"}"#, "time_zone"),
        (r#"{"time_zone":""}"#, "time_zone"),
        (r#"{"time_zone":"UTC+2"}"#, "time_zone"),
        (r#"{"birth_date":"1980-04-30"}"#, "time_zone"),
        (
            r#"{"time_zone":"Europe/Berlin","birth_date":"2999-01-01"}"#,
            "birth_date",
        ),
        (
            r#"{"time_zone":"Europe/Berlin","birth_date":"1980-02-30"}"#,
            "birth_date",
        ),
    ] {
        let r = put_profile(t, &p, bad, &p.bearer).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad}: {}",
            r.body
        );
        assert_eq!(r.json()["error"]["field"], field, "{bad}: {}", r.body);
    }
    let r = put_profile(
        t,
        &p,
        r#"{"time_zone":"Europe/Berlin","colour":"red"}"#,
        &p.bearer,
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = put_profile(t, &p, r#"{"time_zone":"Mars/Olympus"}"#, &p.bearer).await;
    assert_eq!(r.json()["error"]["field"], "time_zone");
    assert!(r.body.contains("Mars/Olympus"), "{}", r.body);
    let (zone, local, _) = far_zone();
    let r = put_profile(
        t,
        &p,
        &format!(r#"{{"time_zone":"{zone}","birth_date":"1980-04-30"}}"#),
        &p.bearer,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["today"], local.as_str());
    let r = t.api(Method::GET, &url, Some(&p.bearer)).await;
    let v = r.json();
    assert_eq!(v["time_zone"], zone);
    assert_eq!(v["time_zone_confirmed"], true);
    assert_eq!(v["birth_date"], "1980-04-30");
    // Left out, the date of birth is kept; an empty string removes it.
    let r = put_profile(t, &p, r#"{"time_zone":"Europe/Berlin"}"#, &p.bearer).await;
    assert_eq!(r.json()["birth_date"], "1980-04-30");
    let r = put_profile(
        t,
        &p,
        r#"{"time_zone":"Europe/Berlin","birth_date":""}"#,
        &p.bearer,
    )
    .await;
    assert!(r.json()["birth_date"].is_null(), "{}", r.body);
    // The change is audited.
    let audit = t
        .store()
        .list_audit(&myo_store::AuditFilter {
            patient_id: Some(p.id.clone()),
            limit: 200,
            ..myo_store::AuditFilter::default()
        })
        .await
        .expect("audit");
    assert!(
        audit
            .iter()
            .any(|e| e.entry.resource_type == "patient_profiles" && e.entry.action == "update")
    );
}

/// Carers and clinicians, even with write access, cannot change someone's zone.
async fn only_the_person_sets_the_zone(t: &TestApp) {
    let p = person(t, "zone-owner@example.org").await;
    for (email, relation) in [("zone-carer@example.org", "carer")] {
        t.post_form(
            &format!("/patients/{}/grants", p.id),
            &[
                ("csrf", &p.csrf),
                ("email", email),
                ("relation", relation),
                ("access", "write"),
            ],
            Some(&p.cookie),
        )
        .await;
        let cookie = t.signup(email, PW).await;
        t.get("/care", Some(&cookie)).await; // takes up the invitation
        let bearer = t.token(&cookie, "carer").await;
        let r = put_profile(t, &p, r#"{"time_zone":"Asia/Tokyo"}"#, &bearer).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{relation}: {}", r.body);
        let r = t
            .api(
                Method::GET,
                &format!("/api/v1/patients/{}/profile", p.id),
                Some(&bearer),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{relation} may read it");
    }
    let stranger = person(t, "zone-stranger@example.org").await;
    let r = put_profile(t, &p, r#"{"time_zone":"Asia/Tokyo"}"#, &stranger.bearer).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let saved = t
        .store()
        .get_profile(&UserId(p.id.clone()))
        .await
        .expect("profile");
    assert!(saved.is_none_or(|s| s.time_zone != "Asia/Tokyo"));
}

/// The share link's window ends on the person's today, and the zone set through the API is
/// the one the diary's future-date check uses.
async fn the_share_window_ends_on_the_persons_today(t: &TestApp) {
    let p = person(t, "zone-share@example.org").await;
    let (zone, local, utc) = far_zone();
    let r = put_profile(t, &p, &format!(r#"{{"time_zone":"{zone}"}}"#), &p.bearer).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/diary", p.id),
            &format!(r#"{{"date":"{local}","ratings":{{"weakness":3}}}}"#),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "the person's today: {}",
        r.body
    );
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/shares", p.id),
            r#"{"sections":["symptoms"],"days":7}"#,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let url = r.json()["url"].as_str().unwrap_or_default().to_owned();
    let page = t.get(&url[url.find("/share/").unwrap_or(0)..], None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains(&format!(" to {local},")),
        "ends on {local}, not UTC's {utc}: {}",
        page.body
    );
}

/// The FHIR export calls a medicine completed when it ended before the person's today.
async fn the_fhir_export_uses_the_persons_today(t: &TestApp) {
    let p = person(t, "zone-fhir@example.org").await;
    let (zone, local, utc) = far_zone();
    let r = put_profile(t, &p, &format!(r#"{{"time_zone":"{zone}"}}"#), &p.bearer).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // It ends on whichever of the two days is earlier: completed by the later one only if
    // that is the person's.
    let (end, expected) = if local > utc {
        (utc.clone(), "completed")
    } else {
        (local.clone(), "active")
    };
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/medicines", p.id),
            &format!(
                r#"{{"name":"Plaquenil","dose":{{"amount":200,"unit":"mg"}},"route":"oral","schedule":{{"kind":"daily","time":"08:00"}},"start":"2026-01-02","end":"{end}"}}"#
            ),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/export/fhir", p.id),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let bundle = r.json();
    let statuses: Vec<String> = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "MedicationStatement")
        .map(|r| r["status"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(
        statuses,
        vec![expected.to_owned()],
        "ended {end}; today is {local} in {zone}, {utc} in UTC"
    );
}

on_both_apps!(
    the_api_sets_the_time_zone,
    only_the_person_sets_the_zone,
    the_share_window_ends_on_the_persons_today,
    the_fhir_export_uses_the_persons_today,
);
