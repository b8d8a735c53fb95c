//! SQL statements counted per request, on both backends, through sqlx's `sqlx::query` trace
//! events (each carries the statement's text):
//! - the clinician's patient list runs the same number for two patients as for six;
//! - the visit summary page and its PDF read each table of the person's records once.
//!
//! One test in this binary, the backends one after the other, so no other test's statements
//! are counted.

mod common;

use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use common::{PW, Person, TestApp, person};
use myo_store::Role;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// The text of every statement sqlx ran (target `sqlx::query`; nothing else is enabled).
#[derive(Clone, Default)]
struct Statements(Arc<Mutex<Vec<String>>>);

impl Statements {
    fn len(&self) -> usize {
        self.0.lock().expect("statements").len()
    }

    /// The statements since `from` (a `len()` taken earlier).
    fn since(&self, from: usize) -> Vec<String> {
        self.0.lock().expect("statements")[from..].to_vec()
    }
}

/// Collects an event's `summary` (the first words) and `db.statement` (the whole text, when
/// longer).
struct Text(String);

impl Visit for Text {
    fn record_str(&mut self, field: &Field, value: &str) {
        if matches!(field.name(), "summary" | "db.statement") {
            self.0.push_str(value);
            self.0.push(' ');
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if matches!(field.name(), "summary" | "db.statement") {
            self.0.push_str(&format!("{value:?} "));
        }
    }
}

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
            let mut text = Text(String::new());
            e.record(&mut text);
            self.0.lock().expect("statements").push(text.0);
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
async fn list_statements(t: &TestApp, count: &Statements, email: &str) -> (usize, String) {
    let cookie = t.signin(email, PW).await.cookie();
    // The first visit takes up pending invitations; count a later one.
    let warm = t.get("/tracker", Some(&cookie)).await;
    assert_eq!(warm.status, StatusCode::OK, "{}", warm.body);
    let before = count.len();
    let page = t.get("/tracker", Some(&cookie)).await;
    let after = count.len();
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    (after - before, page.body)
}

/// The statements one GET of `path` runs (status 200 checked).
async fn statements_of(t: &TestApp, count: &Statements, path: &str, cookie: &str) -> Vec<String> {
    let before = count.len();
    let r = t.get(path, Some(cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    count.since(before)
}

/// The visit summary page and its PDF read each record table once (they once read the
/// person's records twice, for the range and for the whole history).
async fn summary_case(t: &TestApp, count: &Statements) {
    let p = patient(t, 90, "nobody-yet@example.org").await;
    let today = myo_web::tracker::today().expect("today");
    let q = format!("from={}&to={today}", today.add_days(-30));
    for path in [
        format!("/patients/{}/summary?{q}", p.id),
        format!("/patients/{}/summary.pdf?{q}", p.id),
    ] {
        let run = statements_of(t, count, &path, &p.cookie).await;
        for table in ["diary_entries", "lab_results", "medicines", "visits"] {
            let reads = run
                .iter()
                .filter(|s| s.contains("SELECT ") && s.contains(&format!("FROM {table} ")))
                .count();
            assert_eq!(reads, 1, "{path} reads {table} {reads} times:\n{run:#?}");
        }
    }
}

async fn case(t: &TestApp, count: &Statements) {
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
async fn the_patient_list_and_the_summary_run_a_fixed_number_of_statements() {
    let count = Statements::default();
    tracing::subscriber::set_global_default(count.clone())
        .expect("the only subscriber in this test binary");
    let t = TestApp::sqlite().await;
    case(&t, &count).await;
    summary_case(&t, &count).await;
    t.cleanup().await;
    if let Some(t) = TestApp::postgres("statement_counts").await {
        case(&t, &count).await;
        summary_case(&t, &count).await;
        t.cleanup().await;
    }
}
