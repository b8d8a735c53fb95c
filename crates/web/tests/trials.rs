//! The trial finder on recorded ClinicalTrials.gov API v2 pages (no network), on both
//! backends: sync and the last good copy, the finder page and `GET /api/v1/trials` with their
//! filters, the card with its reading grade, the consented pre-screen on tracker data, saved
//! searches, and the organisations directory.

mod common;

use axum::http::StatusCode;
use common::{TestApp, person};
use myo_store::{
    AuditEntry, ConditionRow, Outcome, PatientProfile, Record, RecordId, Timestamp, UserId,
};
use myo_web::trials::sync::{SyncOutcome, sync_with};

const PAGE_1: &str = include_str!("../../trials/tests/fixtures/page-1.json");
const PAGE_2: &str = include_str!("../../trials/tests/fixtures/page-2.json");
const BASE: &str = myo_trials::v2::BASE_URL;

fn recorded(url: &str) -> Result<String, String> {
    if url.contains("pageToken=tok-page-2") {
        Ok(PAGE_2.to_owned())
    } else {
        Ok(PAGE_1.to_owned())
    }
}

macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(super::TestApp::sqlite().await).await; })*
        }
        mod on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                match super::TestApp::postgres(stringify!($name)).await {
                    Some(t) => super::$name(t).await,
                    None => eprintln!("skipped: {} not set", super::common::PG_ENV),
                }
            })*
        }
    };
}

both!(
    a_sync_fills_the_finder_and_a_failure_keeps_the_copy,
    the_api_filters_and_names_bad_parameters,
    prescreen_needs_consent_and_reads_only_your_tracker,
    saved_searches_show_new_studies,
);

async fn synced(t: &TestApp) {
    let out = sync_with(t.store(), BASE, recorded).await.unwrap();
    assert_eq!(
        out,
        SyncOutcome::Replaced {
            studies: 4,
            pages: 2
        }
    );
}

async fn a_sync_fills_the_finder_and_a_failure_keeps_the_copy(t: TestApp) {
    let empty = t.get("/trials", None).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("id=\"never-synced\""));
    synced(&t).await;
    let page = t.get("/trials", None).await;
    assert!(page.body.contains("id=\"synced-on\""));
    assert!(page.body.contains("3 of 4 studies"), "open ones by default");
    assert!(
        page.body
            .contains("A Study of Drug X in Adults With Dermatomyositis")
    );
    // Offline: the sync fails on page 2, the copy stays, the page says so.
    let failed = sync_with(t.store(), BASE, |u| {
        if u.contains("pageToken") {
            Err("the registry could not be reached".to_owned())
        } else {
            Ok(PAGE_1.to_owned())
        }
    })
    .await
    .unwrap();
    assert!(matches!(failed, SyncOutcome::Failed { .. }));
    let page = t.get("/trials?status=any", None).await;
    assert!(page.body.contains("4 of 4 studies"));
    assert!(page.body.contains("id=\"sync-failed\""));
    // The card: plain words, the registry link, the criteria with a grade note.
    let card = t.get("/trials/NCT09900001", None).await;
    assert_eq!(card.status, StatusCode::OK);
    assert!(card.body.contains("Medicine: Drug X"));
    assert!(card.body.contains("Aged 18 years to 75 years"));
    assert!(
        card.body
            .contains("https://clinicaltrials.gov/study/NCT09900001")
    );
    assert!(card.body.contains("id=\"grade-note\""));
    assert!(card.body.contains("Flesch"));
    assert_eq!(
        t.get("/trials/NCT00000000", None).await.status,
        StatusCode::NOT_FOUND
    );
    // Bad filters on the page: 400, the field named, the form kept.
    let bad = t.get("/trials?age=forty&near=Leeds", None).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("id=\"finder-error\""));
    assert!(bad.body.contains("value=\"forty\""));
    let nowhere = t.get("/trials?near=LS1+4AP", None).await;
    assert!(nowhere.body.contains("postcodes are not supported"));
    t.cleanup().await;
}

async fn the_api_filters_and_names_bad_parameters(t: TestApp) {
    synced(&t).await;
    let ids = |r: &common::Resp| -> Vec<String> {
        r.json()["trials"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["nct_id"].as_str().unwrap().to_owned())
            .collect()
    };
    let r = t
        .get("/api/v1/trials?status=recruiting&phase=3", None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(ids(&r), ["NCT09900001"]);
    let r = t
        .get("/api/v1/trials?near=Manchester&within=100", None)
        .await;
    assert_eq!(ids(&r), ["NCT09900001"]);
    assert!(r.json()["trials"][0]["nearest_km"].as_f64().unwrap() < 100.0);
    let r = t.get("/api/v1/trials?age=17&sex=female", None).await;
    assert_eq!(ids(&r), ["NCT09900003"]);
    let r = t.get("/api/v1/trials?intervention=behavioral", None).await;
    assert_eq!(ids(&r), ["NCT09900002"]);
    assert!(r.json()["synced_at"].is_string());
    for (q, field) in [
        ("age=1%2C000", "age"),
        ("phase=7", "phase"),
        ("within=-5", "within"),
        ("near=Atlantis", "near"),
        ("colour=red", "query"),
    ] {
        let r = t.get(&format!("/api/v1/trials?{q}"), None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{q}");
        assert_eq!(r.json()["error"]["field"], field, "{q}");
    }
    // The OpenAPI document lists it (the route table test checks the two agree).
    let doc = t.get("/api/v1/openapi.json", None).await.json();
    assert!(doc["paths"]["/trials"]["get"].is_object());
    t.cleanup().await;
}

fn entry(p: &UserId) -> AuditEntry {
    AuditEntry::new(
        Timestamp::now(),
        "create",
        "tracker",
        None,
        Outcome::Success,
    )
    .by(Some(p.as_str()), "patient")
    .for_patient(p.as_str())
}

async fn prescreen_needs_consent_and_reads_only_your_tracker(t: TestApp) {
    synced(&t).await;
    let p = person(&t, "pat@example.org").await;
    let id = UserId(p.id.clone());
    let path = "/trials/NCT09900001/prescreen";
    // No consent: nothing read, asked again.
    let r = t
        .post_form(path, &[("csrf", &p.csrf)], Some(&p.cookie))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"consent-error\""));
    // Empty tracker: cannot tell, with the reasons.
    let r = t
        .post_form(
            path,
            &[("csrf", &p.csrf), ("consent", "yes")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(">Cannot tell<"));
    assert!(r.body.contains("no birth date"));
    assert!(!r.body.to_lowercase().contains(">eligible"));
    // With a birth date, sex and DM recorded: may fit.
    let profile = PatientProfile {
        time_zone: "Europe/London".into(),
        birth_date: Some("1970-05-01".into()),
        sex: Some("female".into()),
        ..PatientProfile::default()
    };
    t.store()
        .put_profile(&id, &profile, &entry(&id))
        .await
        .unwrap();
    let condition = ConditionRow {
        id: RecordId::random(),
        condition: "Dermatomyositis".into(),
        ..ConditionRow::default()
    };
    t.store()
        .create_record(&id, &Record::Condition(condition), &entry(&id))
        .await
        .unwrap();
    let r = t
        .post_form(
            path,
            &[("csrf", &p.csrf), ("consent", "yes")],
            Some(&p.cookie),
        )
        .await;
    assert!(r.body.contains(">May fit<"), "{}", r.body);
    assert!(r.body.contains("only the study team"));
    // The child study does not fit an adult.
    let r = t
        .post_form(
            "/trials/NCT09900003/prescreen",
            &[("csrf", &p.csrf), ("consent", "yes")],
            Some(&p.cookie),
        )
        .await;
    assert!(r.body.contains(">Does not fit<"));
    // The read was audited against the patient's own record.
    let log = t
        .store()
        .list_audit(&myo_store::AuditFilter {
            patient_id: Some(p.id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|e| e.entry.resource_type == "trial_prescreen")
    );
    // Signed out: no pre-screen form, a sign-in link.
    let anon = t.get("/trials/NCT09900001", None).await;
    assert!(!anon.body.contains("id=\"prescreen-form\""));
    t.cleanup().await;
}

async fn saved_searches_show_new_studies(t: TestApp) {
    // First only the second page's studies exist.
    sync_with(t.store(), BASE, |_| Ok(PAGE_2.to_owned()))
        .await
        .unwrap();
    let p = person(&t, "pat@example.org").await;
    let r = t
        .post_form(
            "/trials/searches",
            &[
                ("csrf", &p.csrf),
                ("name", "Everything"),
                ("query", "status=any"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = t.get("/trials", Some(&p.cookie)).await;
    assert!(page.body.contains(">Everything</a>"));
    // This site sends no e-mail: no choice offered, none accepted, nothing planned.
    assert!(page.body.contains("not set up to send e-mail"));
    assert!(!page.body.contains("E-mail me new studies"));
    let with_email = t
        .post_form(
            "/trials/searches",
            &[
                ("csrf", &p.csrf),
                ("name", "Mail"),
                ("query", ""),
                ("email", "on"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(with_email.status, StatusCode::UNPROCESSABLE_ENTITY);
    let start = page
        .body
        .find("href=\"/trials?status=any&#38;saved=")
        .expect("saved search link");
    let href = page.body[start + 6..]
        .split('"')
        .next()
        .unwrap()
        .replace("&#38;", "&");
    // A later sync adds two studies: opening the search marks them new, once.
    synced(&t).await;
    let id = href.rsplit("saved=").next().unwrap().to_owned();
    let r = t
        .post_form(
            &format!("/trials/searches/{id}/email"),
            &[("csrf", &p.csrf), ("email", "on")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(myo_web::trials::alerts::plan(&t.state).await.unwrap(), 0);
    let opened = t.get(&href, Some(&p.cookie)).await;
    assert_eq!(opened.body.matches("New since you last looked").count(), 2);
    let again = t.get(&href, Some(&p.cookie)).await;
    assert_eq!(again.body.matches("New since you last looked").count(), 0);
    // A bad search is not saved; another person cannot delete it.
    let r = t
        .post_form(
            "/trials/searches",
            &[("csrf", &p.csrf), ("name", "Bad"), ("query", "age=old")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let q = person(&t, "other@example.org").await;
    let r = t
        .post_form(
            &format!("/trials/searches/{id}/delete"),
            &[("csrf", &q.csrf)],
            Some(&q.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    t.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_filters_by_country_and_the_kb_links_to_it() {
    let t = TestApp::sqlite().await;
    let all = t.get("/organisations", None).await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.body.contains("href=\"tel:+18008217356\""));
    assert!(all.body.contains("not yet verified"));
    let us = t.get("/organisations?country=us", None).await;
    assert!(us.body.contains("The Myositis Association"));
    assert!(!us.body.contains("Myositis UK"));
    let bad = t.get("/organisations?country=XX", None).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("id=\"directory-error\""));
    for page in [
        "/kb/finding-a-myositis-centre",
        "/kb/patient-organisations",
        "/kb/finding-clinical-trials",
    ] {
        let r = t.get(page, None).await;
        assert!(r.body.contains("href=\"/organisations\""), "{page}");
        assert!(r.body.contains("href=\"/trials\""), "{page}");
    }
    t.cleanup().await;
}
