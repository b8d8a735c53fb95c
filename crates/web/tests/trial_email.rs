//! "E-mail me new studies" for saved trial searches, end to end on both backends over real SMTP
//! (aiosmtpd, see `mail_sink`), with two job runners on one database (the e-mail round after a
//! sync, and the reminders job's tick, as two `myo serve` processes): a study is e-mailed once
//! per search, a sync with nothing new sends nothing, a newly synced match is sent, turning it
//! off stops it, each message goes to the search's owner and names only their search, nobody
//! changes another person's search, and it is all in the audit log. Skipped without
//! `MYO_TEST_PYTHON` (scripts/mail-check sets it).

mod common;
mod mail_sink;

use axum::http::StatusCode;
use common::{Person, TestApp, person};
use mail_sink::Sink;
use myo_store::AuditFilter;
use myo_store::audit::action;
use myo_web::AppState;
use myo_web::mail::MailConfig;
use myo_web::trials::sync::{SyncOutcome, sync_with};
use serde_json::Value;

const PUBLIC: &str = "https://myo.test";
const PAGE_1: &str = include_str!("../../trials/tests/fixtures/page-1.json");
const PAGE_2: &str = include_str!("../../trials/tests/fixtures/page-2.json");
const BASE: &str = myo_trials::v2::BASE_URL;

fn with_mail(url: String) -> impl FnOnce(&mut myo_web::Config) + Send {
    move |c: &mut myo_web::Config| {
        c.public_url = Some(PUBLIC.to_owned());
        c.mail = MailConfig::from_options(Some(&url), None, Some(PUBLIC)).expect("mail options");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_studies_are_emailed_once_per_search_sqlite() {
    let Some(sink) = Sink::start("new_studies_are_emailed_once_per_search_sqlite").await else {
        return;
    };
    let t = TestApp::sqlite_with(with_mail(sink.url())).await;
    new_studies_are_emailed_once_per_search(&t, &sink).await;
    t.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_studies_are_emailed_once_per_search_postgres() {
    let name = "new_studies_are_emailed_once_per_search_postgres";
    let Some(sink) = Sink::start(name).await else {
        return;
    };
    if let Some(t) = TestApp::postgres_with(name, with_mail(sink.url())).await {
        new_studies_are_emailed_once_per_search(&t, &sink).await;
        t.cleanup().await;
    }
}

/// The second recorded page with `extra` recruiting studies added (copies of the first study
/// of page 1 under new NCT numbers and titles).
fn page_2_with(extra: &[(&str, &str)]) -> String {
    let mut page: Value = serde_json::from_str(PAGE_2).unwrap();
    let first: Value = serde_json::from_str::<Value>(PAGE_1).unwrap()["studies"][0].clone();
    for (nct, title) in extra {
        let mut s = first.clone();
        let id = &mut s["protocolSection"]["identificationModule"];
        id["nctId"] = Value::from(*nct);
        id["briefTitle"] = Value::from(*title);
        page["studies"].as_array_mut().unwrap().push(s);
    }
    page.to_string()
}

async fn sync(t: &TestApp, extra: &[(&str, &str)]) {
    let second = page_2_with(extra);
    let out = sync_with(t.store(), BASE, |url| {
        Ok(if url.contains("pageToken=tok-page-2") {
            second.clone()
        } else {
            PAGE_1.to_owned()
        })
    })
    .await
    .unwrap();
    assert!(matches!(out, SyncOutcome::Replaced { .. }), "{out:?}");
}

/// Saves a search with "E-mail me new studies" ticked; returns its id.
async fn save(t: &TestApp, p: &Person, name: &str, query: &str) -> String {
    let r = t
        .post_form(
            "/trials/searches",
            &[
                ("csrf", &p.csrf),
                ("name", name),
                ("query", query),
                ("email", "on"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = t.get("/trials", Some(&p.cookie)).await;
    let marker = "id=\"email-form-";
    let start = page.body.find(marker).expect("e-mail choice form") + marker.len();
    let id = page.body[start..].split('"').next().unwrap().to_owned();
    assert!(
        page.body.contains(&format!(
            "id=\"email-{id}\" name=\"email\" value=\"on\" checked"
        )),
        "{}",
        page.body
    );
    id
}

/// One round by each runner at once; returns the messages received so far.
async fn round(t: &TestApp, other: &AppState, total: &mut usize, sink: &Sink) -> Vec<String> {
    let (a, b) = tokio::join!(
        myo_web::trials::alerts::run_once(&t.state, "after-sync"),
        myo_web::reminders::run_once(other, "tick"),
    );
    *total += a.unwrap() + b.unwrap();
    let got = sink.wait_for(*total).await;
    assert_eq!(got.len(), *total);
    got
}

fn to(m: &str, who: &str) -> bool {
    mail_sink::header(m, "To").contains(who)
}

async fn new_studies_are_emailed_once_per_search(t: &TestApp, sink: &Sink) {
    // Only page 2's studies exist when the searches are saved.
    sync_with(t.store(), BASE, |_| Ok(PAGE_2.to_owned()))
        .await
        .unwrap();
    let p = person(t, "seeker@example.org").await;
    let q = person(t, "other@example.org").await;
    let mine = save(t, &p, "Everything", "status=any").await;
    let theirs = save(t, &q, "Recruiting now", "status=recruiting").await;
    // Nobody changes another person's search; a value no form sends is named.
    for email in ["on", ""] {
        let r = t
            .post_form(
                &format!("/trials/searches/{mine}/email"),
                &[("csrf", &q.csrf), ("email", email)],
                Some(&q.cookie),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    }
    let bad = t
        .post_form(
            &format!("/trials/searches/{mine}/email"),
            &[("csrf", &p.csrf), ("email", "always")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("E-mail me new studies"), "{}", bad.body);

    let config = t.state.config().clone();
    let other = AppState::new(config.clone(), myo_web::open_store(&config).await.unwrap()).unwrap();
    let mut total = 0;
    // Nothing is new yet.
    assert!(round(t, &other, &mut total, sink).await.is_empty());

    // A sync brings page 1's studies: one message per search, to its owner.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    sync(t, &[]).await;
    let got = round(t, &other, &mut total, sink).await;
    assert_eq!(got.len(), 2, "one message per search");
    let for_p: Vec<&String> = got.iter().filter(|m| to(m, "seeker@example.org")).collect();
    let for_q: Vec<&String> = got.iter().filter(|m| to(m, "other@example.org")).collect();
    assert_eq!((for_p.len(), for_q.len()), (1, 1));
    assert!(mail_sink::header(for_p[0], "Subject").contains("\"Everything\""));
    let body = mail_sink::body_text(for_p[0]);
    for expected in [
        "A Study of Drug X in Adults With Dermatomyositis",
        "Home Exercise for Inclusion Body Myositis",
        "https://myo.test/trials/NCT09900001",
        "https://myo.test/trials/NCT09900002",
        "does not judge whether you can join a study",
        "untick \"E-mail me new studies\"",
        "https://myo.test/trials#saved-title",
    ] {
        assert!(body.contains(expected), "{expected}: {body}");
    }
    assert!(!body.contains("NCT09900003"), "not new: {body}");
    assert!(!body.contains("Recruiting now"), "never another's search");
    let body_q = mail_sink::body_text(for_q[0]);
    assert!(body_q.contains("NCT09900001") && !body_q.contains("Everything"));

    // The same sync again: nothing new, nothing sent.
    sync(t, &[]).await;
    assert_eq!(round(t, &other, &mut total, sink).await.len(), 2);

    // A newly synced matching study is sent, alone.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    sync(t, &[("NCT09900099", "Drug Z for Myositis Skin Disease")]).await;
    let got = round(t, &other, &mut total, sink).await;
    assert_eq!(got.len(), 4);
    for m in &got[2..] {
        let b = mail_sink::body_text(m);
        assert!(b.contains("https://myo.test/trials/NCT09900099"), "{b}");
        assert!(!b.contains("NCT09900001"), "sent once: {b}");
    }

    // Unticked: nothing more for that search; the other person's search goes on.
    let r = t
        .post_form(
            &format!("/trials/searches/{mine}/email"),
            &[("csrf", &p.csrf)],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = t.get("/trials", Some(&p.cookie)).await;
    assert!(
        page.body
            .contains(&format!("id=\"email-{mine}\" name=\"email\" value=\"on\">"))
    );
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    sync(
        t,
        &[
            ("NCT09900099", "Drug Z for Myositis Skin Disease"),
            ("NCT09900098", "Cream W for Dermatomyositis Rash"),
        ],
    )
    .await;
    let got = round(t, &other, &mut total, sink).await;
    assert_eq!(got.len(), 5);
    assert!(to(&got[4], "other@example.org"));
    assert!(mail_sink::body_text(&got[4]).contains("NCT09900098"));

    // The choices and every message are in the audit log, filed under their owners.
    let by_p = t
        .store()
        .list_audit(&AuditFilter {
            actor_id: Some(p.id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        by_p.iter()
            .any(|e| e.entry.resource_type == "trial_saved_search"
                && e.entry.action == action::UPDATE
                && e.entry.resource_id.as_deref() == Some(mine.as_str()))
    );
    for (who, id, n) in [(&p, &mine, 2), (&q, &theirs, 3)] {
        let log = t
            .store()
            .list_audit(&AuditFilter {
                patient_id: Some(who.id.clone()),
                ..Default::default()
            })
            .await
            .unwrap();
        let sent = log
            .iter()
            .filter(|e| {
                e.entry.action == action::EXPORT
                    && e.entry.resource_type == "trial_saved_search"
                    && e.entry.resource_id.as_deref() == Some(id.as_str())
            })
            .count();
        assert_eq!(sent, n, "{id}");
    }
    other.store().close().await;
}
