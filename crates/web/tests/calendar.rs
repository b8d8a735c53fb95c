//! The calendar feed through the pages and its secret URL, on both backends: weekly
//! methotrexate, an every-4-weeks infusion and a taper come out as the right events with
//! alarms, monitoring tests due are there, the document is CRLF and folded, reads are audited,
//! and the URL can be replaced and stopped. With `MYO_CALENDAR_SAMPLES` set, the feed is written
//! there for `scripts/mail-check` to parse with Python's `icalendar`.

mod common;

use axum::http::StatusCode;
use common::{Person, TestApp, person};
use myo_tracker::{Date, Weekday};

on_both_apps!(the_feed_holds_doses_and_tests_with_alarms);

fn today() -> Date {
    myo_web::tracker::today().expect("today")
}

async fn medicine(t: &TestApp, p: &Person, json: &str) {
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/medicines", p.id),
            json,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(
        r.status,
        axum::http::StatusCode::CREATED,
        "{json}: {}",
        r.body
    );
}

async fn make_link(t: &TestApp, p: &Person) -> String {
    let r = t
        .post_form(
            &format!("/patients/{}/calendar", p.id),
            &[("csrf", &p.csrf)],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let marker = "id=\"new-share-url\" value=\"";
    let start = r.body.find(marker).expect("link shown") + marker.len();
    r.body[start..].split('"').next().unwrap().to_owned()
}

fn count(doc: &str, needle: &str) -> usize {
    doc.matches(needle).count()
}

async fn the_feed_holds_doses_and_tests_with_alarms(t: &TestApp) {
    let backend = t.store().backend();
    let p = person(t, "cal@example.org").await;
    let d = today();
    medicine(
        t,
        &p,
        &format!(
            r#"{{"name":"Methotrexate","dose":{{"amount":15,"unit":"mg"}},"route":"oral","schedule":{{"kind":"weekly","day":"monday","time":"08:00"}},"start":"{}"}}"#,
            d.add_days(-30)
        ),
    )
    .await;
    medicine(
        t,
        &p,
        &format!(
            r#"{{"name":"IVIG","dose":{{"amount":2,"unit":"g"}},"route":"intravenous","schedule":{{"kind":"every_n_weeks","n":4,"time":"09:30"}},"start":"{}"}}"#,
            d.add_days(-14)
        ),
    )
    .await;
    medicine(
        t,
        &p,
        &format!(
            r#"{{"name":"Prednisolone","dose":{{"amount":20,"unit":"mg"}},"route":"oral","schedule":{{"kind":"taper","steps":[{{"dose":{{"amount":20,"unit":"mg"}},"days":3}},{{"dose":{{"amount":10,"unit":"mg"}},"days":3}}],"time":"07:00"}},"start":"{d}"}}"#
        ),
    )
    .await;
    let link = make_link(t, &p).await;
    assert!(
        link.starts_with("/calendar/") && link.ends_with(".ics"),
        "{link}"
    );
    let r = t.get(&link, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.header("content-type"), "text/calendar; charset=utf-8");
    let doc = r.body;
    if let Ok(dir) = std::env::var("MYO_CALENDAR_SAMPLES") {
        std::fs::write(format!("{dir}/feed-{backend:?}.ics"), &doc).expect("write sample");
    }

    // RFC 5545 shape: CRLF, folded at 75 octets, one alarm per event.
    assert!(doc.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(doc.ends_with("END:VCALENDAR\r\n"));
    assert!(!doc.replace("\r\n", "").contains(['\r', '\n']));
    assert!(doc.split("\r\n").all(|l| l.len() <= 75));
    let unfolded = doc.replace("\r\n ", "");
    assert_eq!(count(&doc, "BEGIN:VEVENT"), count(&doc, "BEGIN:VALARM"));
    assert_eq!(count(&doc, "BEGIN:VALARM"), count(&doc, "END:VALARM"));

    // Weekly methotrexate: one event per Monday in the window, named as weekly.
    let window: Vec<Date> = (-7..=90).map(|i| d.add_days(i)).collect();
    let mondays = window
        .iter()
        .filter(|x| x.weekday() == Weekday::Monday)
        .count();
    assert_eq!(
        count(
            &unfolded,
            "SUMMARY:Methotrexate 15 mg (weekly\\, on monday)"
        ),
        mondays,
        "{unfolded}"
    );
    // Every 4 weeks from 14 days ago: in 14, 42 and 70 days.
    assert_eq!(count(&unfolded, "SUMMARY:IVIG 2 g (every 4 weeks)"), 3);
    for days in [14, 42, 70] {
        let date = myo_web::calendar::ics::date(d.add_days(days));
        assert!(
            unfolded.contains(&format!("DTSTART:{date}T093000Z")),
            "{date}"
        );
    }
    // The taper: three days of each step.
    assert_eq!(
        count(&unfolded, "SUMMARY:Prednisolone 20 mg\\, taper step 1"),
        3
    );
    assert_eq!(
        count(&unfolded, "SUMMARY:Prednisolone 10 mg\\, taper step 2"),
        3
    );
    // Monitoring tests due, from the cited rules, as all-day events with a day's notice.
    assert!(count(&unfolded, "SUMMARY:Test due: ") >= 1, "{unfolded}");
    assert!(unfolded.contains("DTSTART;VALUE=DATE:"));
    assert!(unfolded.contains("TRIGGER:-P1D"));
    assert!(unfolded.contains("Myo does not prescribe"));
    // Each names the guideline or label it comes from in words (title, where, address), and
    // says whether the interval is verified; no rule or source id is shown.
    assert!(unfolded.contains("From: "), "{unfolded}");
    assert!(unfolded.contains("against the source"));
    let shown: Vec<&str> = unfolded
        .lines()
        .filter(|l| l.starts_with("DESCRIPTION") || l.starts_with("SUMMARY"))
        .collect();
    for rule in &t.state.rules().monitoring.rules {
        for id in std::iter::once(&rule.id).chain(rule.sources.iter().map(|s| &s.id)) {
            assert!(!shown.iter().any(|l| l.contains(id.as_str())), "{id} shown");
        }
    }

    // Every opening is audited under the patient.
    let log = t
        .store()
        .list_audit(&myo_store::AuditFilter {
            patient_id: Some(p.id.clone()),
            ..myo_store::AuditFilter::default()
        })
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|e| e.entry.resource_type == "calendar_feed" && e.entry.action == "read")
    );

    // A new link replaces the old; stopping ends it; guesses are one 404.
    let second = make_link(t, &p).await;
    assert_ne!(second, link);
    assert_eq!(t.get(&link, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(t.get(&second, None).await.status, StatusCode::OK);
    let r = t
        .post_form(
            &format!("/patients/{}/calendar/stop", p.id),
            &[("csrf", &p.csrf)],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(t.get(&second, None).await.status, StatusCode::NOT_FOUND);
    let guess = format!("/calendar/{}.ics", "0".repeat(64));
    assert_eq!(t.get(&guess, None).await.status, StatusCode::NOT_FOUND);
}
