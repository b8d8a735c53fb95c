//! E-mail reminders end to end, on both backends, over real SMTP (aiosmtpd, see `mail_sink`):
//! a person opts in; two job runners (two app states, two connection pools, as two `myo serve`
//! processes) run at once on one database; each reminder arrives exactly once, and a second
//! round sends nothing new. Skipped without `MYO_TEST_PYTHON` (scripts/mail-check sets it).

mod common;
mod mail_sink;

use axum::http::StatusCode;
use common::{TestApp, person};
use mail_sink::Sink;
use myo_web::AppState;

on_both_apps_with_sink!(each_reminder_arrives_once);

async fn each_reminder_arrives_once(t: &TestApp, sink: &Sink) {
    let p = person(t, "remind@example.org").await;
    let quiet = person(t, "quiet@example.org").await;
    let today = myo_web::tracker::today().unwrap();
    // A weekly methotrexate started a month ago: its baseline tests are overdue.
    for who in [&p, &quiet] {
        let med = format!(
            r#"{{"name":"Methotrexate","dose":{{"amount":15,"unit":"mg"}},"route":"oral","schedule":{{"kind":"weekly","day":"friday","time":"08:00"}},"start":"{}"}}"#,
            today.add_days(-30)
        );
        let r = t
            .post_json(
                &format!("/api/v1/patients/{}/medicines", who.id),
                &med,
                Some(&who.bearer),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        // The last diary entry was five days ago.
        let day = today.add_days(-5).to_string();
        t.post_form(
            &format!("/patients/{}/diary", who.id),
            &[("csrf", &who.csrf), ("date", &day), ("weakness", "4")],
            Some(&who.cookie),
        )
        .await;
    }
    // Only `p` opts in; an unknown kind is refused by name.
    let r = t
        .post_form(
            &format!("/patients/{}/reminders", p.id),
            &[
                ("csrf", &p.csrf),
                ("kind", "monitoring_due"),
                ("kind", "missed_diary"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("id=\"reminder-missed_diary\" checked"),
        "{}",
        r.body
    );
    let bad = t
        .post_form(
            &format!("/patients/{}/reminders", p.id),
            &[("csrf", &p.csrf), ("kind", "spam")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Two runners over one database, at once.
    let config = t.state.config().clone();
    let other = AppState::new(config.clone(), myo_web::open_store(&config).await.unwrap()).unwrap();
    let (a, b) = tokio::join!(
        myo_web::reminders::run_once(&t.state, "runner-a"),
        myo_web::reminders::run_once(&other, "runner-b"),
    );
    let sent = a.unwrap() + b.unwrap();
    assert!(sent >= 2, "a test due and the diary gap: {sent}");
    let messages = sink.wait_for(sent).await;
    assert_eq!(messages.len(), sent);
    assert!(
        messages
            .iter()
            .all(|m| mail_sink::header(m, "To").contains("remind@example.org"))
    );
    let gaps = messages
        .iter()
        .filter(|m| mail_sink::header(m, "Subject").contains("diary is waiting"))
        .count();
    assert_eq!(gaps, 1, "one reminder for the gap");
    assert!(
        messages
            .iter()
            .all(|m| mail_sink::body_text(m).contains("does not diagnose"))
    );
    // A second round finds everything already sent.
    let (a, b) = tokio::join!(
        myo_web::reminders::run_once(&t.state, "runner-a"),
        myo_web::reminders::run_once(&other, "runner-b"),
    );
    assert_eq!(a.unwrap() + b.unwrap(), 0);
    assert_eq!(sink.messages().len(), sent);
    other.store().close().await;
}
