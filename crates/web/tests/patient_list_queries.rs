//! The clinician's patient list costs the same number of SQL statements for one patient as for
//! several, on both backends: every statement sqlx runs is counted through its `sqlx::query`
//! trace events. One test in this binary, the backends one after the other, so no other test's
//! statements are counted.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::http::StatusCode;
use common::{PW, Person, TestApp, person};
use myo_store::Role;
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Counts sqlx's statement events (target `sqlx::query`); nothing else is enabled.
struct Statements(Arc<AtomicUsize>);

impl Subscriber for Statements {
    fn enabled(&self, m: &Metadata<'_>) -> bool {
        m.target() == "sqlx::query"
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, e: &Event<'_>) {
        if e.metadata().target() == "sqlx::query" {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

async fn grant(t: &TestApp, p: &Person, email: &str) {
    let r = t
        .post_form(
            &format!("/patients/{}/grants", p.id),
            &[
                ("csrf", &p.csrf),
                ("email", email),
                ("relation", "clinician"),
                ("access", "read"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

/// A patient with a diary day that raises a red flag, a lab result and a medicine, who gave
/// the clinician access.
async fn patient(t: &TestApp, n: usize, clinician: &str) -> Person {
    let p = person(t, &format!("patient{n}@example.org")).await;
    let today = myo_web::tracker::today().expect("today").to_string();
    let r = t
        .post_form(
            &format!("/patients/{}/diary", p.id),
            &[
                ("csrf", p.csrf.as_str()),
                ("date", today.as_str()),
                ("swallowing_trouble", "yes"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let lab = format!(r#"{{"analyte":"ck","value":900,"unit":"U/L","uln":200,"date":"{today}"}}"#);
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/labs", p.id),
            &lab,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    grant(t, &p, clinician).await;
    p
}

/// Statements run by one `GET /tracker` of a freshly signed-in clinician (a fresh session is
/// not touched, so only the list's own statements and the session read are counted), and the
/// page.
async fn list_statements(t: &TestApp, count: &AtomicUsize, email: &str) -> (usize, String) {
    let cookie = t.signin(email, PW).await.cookie();
    // The first visit takes up pending invitations; count a later one.
    let warm = t.get("/tracker", Some(&cookie)).await;
    assert_eq!(warm.status, StatusCode::OK, "{}", warm.body);
    let before = count.load(Ordering::SeqCst);
    let page = t.get("/tracker", Some(&cookie)).await;
    let after = count.load(Ordering::SeqCst);
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    (after - before, page.body)
}

async fn case(t: &TestApp, count: &AtomicUsize) {
    let email = "dr.list@example.org";
    t.add_user(email, PW, Role::Clinician).await;
    // Two, not one: with one person the audit entries need no multi-row insert.
    let mut all = vec![patient(t, 1, email).await, patient(t, 2, email).await];
    let (two, body) = list_statements(t, count, email).await;
    for p in &all {
        assert!(body.contains(&format!("patient-row-{}", p.id)), "{body}");
    }
    assert!(two > 0, "statements are counted");
    for n in 3..=6 {
        all.push(patient(t, n, email).await);
    }
    let (six, body) = list_statements(t, count, email).await;
    for p in &all {
        assert!(body.contains(&format!("patient-row-{}", p.id)), "{body}");
    }
    eprintln!("patient list: {two} statements for 2 patients, {six} for 6");
    assert_eq!(
        six, two,
        "statements for six patients ({six}) against two ({two})"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_patient_list_runs_the_same_statements_for_one_patient_or_many() {
    let count = Arc::new(AtomicUsize::new(0));
    tracing::subscriber::set_global_default(Statements(Arc::clone(&count)))
        .expect("the only subscriber in this test binary");
    let t = TestApp::sqlite().await;
    case(&t, &count).await;
    t.cleanup().await;
    if let Some(t) = TestApp::postgres("patient_list_queries").await {
        case(&t, &count).await;
        t.cleanup().await;
    }
}
