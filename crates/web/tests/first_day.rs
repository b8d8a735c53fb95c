//! A new patient's first day: the time zone comes from the browser at sign-up (checked against
//! the bundled time-zone database, never guessed: without it the tracker says UTC is in use and
//! asks), "today" is the person's own, sign-up leads to the tracker, and the dashboard's
//! monitoring lines cite their guideline in words with a link, with no internal ids. SQLite,
//! and PostgreSQL when `MYO_TEST_POSTGRES_URL` is set.

mod common;

use axum::http::StatusCode;
use common::{NO_ZONE_SIGNED_UP, PW, SIGNED_UP, TestApp};
use myo_store::UserId;
use myo_tracker::medicines::Zone;

/// UTC+14 and UTC-11, with no daylight saving: 25 hours apart, so their dates always differ.
const AHEAD: &str = "Pacific/Kiritimati";
const BEHIND: &str = "Pacific/Pago_Pago";

fn today_in(zone: &str) -> myo_tracker::Date {
    let now = myo_store::Timestamp::now().as_millis().div_euclid(1000);
    Zone::named("z", zone)
        .expect("zone")
        .date_at(now)
        .expect("a date")
}

/// Posts the sign-up form as the page sends it, with `time_zone` as the script filled it
/// (`None`: the field is absent, as from a client that never had the form).
async fn sign_up(t: &TestApp, email: &str, zone: Option<&str>) -> common::Resp {
    let mut form = vec![
        ("email", email),
        ("display_name", "New"),
        ("password", PW),
        ("password_confirm", PW),
    ];
    if let Some(z) = zone {
        form.push(("time_zone", z));
    }
    t.post_form("/signup", &form, None).await
}

/// A signed-in new patient, following the redirects a browser follows from sign-up.
struct Newcomer {
    cookie: String,
    id: String,
    csrf: String,
}

/// Signs up with `zone`, checks the way on (sign-in with `next=/tracker`, then the tracker),
/// and returns the person.
async fn newcomer(t: &TestApp, email: &str, zone: Option<&str>, expect: &str) -> Newcomer {
    let r = sign_up(t, email, zone).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.header("location"), expect);
    assert!(
        r.header("set-cookie").is_empty(),
        "sign-up does not sign in"
    );
    let page = t.get(expect, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(r#"name="next" value="/tracker""#),
        "sign-in goes on to the tracker: {}",
        page.body
    );
    let r = t
        .post_form(
            "/signin",
            &[("email", email), ("password", PW), ("next", "/tracker")],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.header("location"), "/tracker", "not the account page");
    let cookie = r.cookie();
    let r = t.get("/tracker", Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let id = r
        .header("location")
        .trim_start_matches("/patients/")
        .to_owned();
    let dash = t.get(r.header("location"), Some(&cookie)).await;
    assert_eq!(dash.status, StatusCode::OK, "{}", dash.body);
    assert!(dash.body.contains("<h1>Dashboard</h1>"), "the tracker");
    let csrf = dash.csrf();
    Newcomer { cookie, id, csrf }
}

async fn diary(t: &TestApp, p: &Newcomer, form: &[(&str, &str)]) -> common::Resp {
    let mut all = vec![("csrf", p.csrf.as_str())];
    all.extend_from_slice(form);
    t.post_form(&format!("/patients/{}/diary", p.id), &all, Some(&p.cookie))
        .await
}

/// A diary entry with a warning sign (trouble swallowing) on `date`.
async fn flag(t: &TestApp, p: &Newcomer, date: &str) -> common::Resp {
    diary(
        t,
        p,
        &[
            ("date", date),
            ("swallowing_trouble", "yes"),
            ("note", "food sticks in my throat"),
        ],
    )
    .await
}

/// The zone the browser gave at sign-up is saved and decides "today": the settings page, the
/// diary's default day and the future-date check are the person's own, for one person 14 hours
/// ahead of UTC and one 11 hours behind, and a warning sign entered for their today is
/// "today's" while one for their yesterday is not.
async fn the_browsers_zone_is_taken_at_sign_up(t: &TestApp) {
    let ahead = newcomer(t, "ahead@example.org", Some(AHEAD), SIGNED_UP).await;
    let behind = newcomer(t, "behind@example.org", Some(BEHIND), SIGNED_UP).await;
    let (ahead_today, behind_today) = (today_in(AHEAD), today_in(BEHIND));
    assert_ne!(ahead_today, behind_today);
    for (p, zone, today) in [
        (&ahead, AHEAD, ahead_today),
        (&behind, BEHIND, behind_today),
    ] {
        let saved = t
            .store()
            .get_profile(&UserId(p.id.clone()))
            .await
            .expect("profile")
            .expect("saved at sign-up");
        assert_eq!(saved.time_zone, zone);
        let dash = t.get(&format!("/patients/{}", p.id), Some(&p.cookie)).await;
        assert!(
            !dash.body.contains("id=\"tz-prompt\""),
            "zone known: no prompt"
        );
        assert!(
            dash.body.contains(&format!("At a glance ({today})")),
            "{zone}: {}",
            dash.body
        );
        let s = t
            .get(&format!("/patients/{}/settings", p.id), Some(&p.cookie))
            .await;
        assert!(s.body.contains(&format!(r#"value="{zone}""#)), "{}", s.body);
        assert!(
            s.body
                .contains(&format!(r#"<strong id="tz-today">{today}</strong>"#))
        );
        assert!(!s.body.contains("data-unconfirmed"));
        let d = t
            .get(&format!("/patients/{}/diary", p.id), Some(&p.cookie))
            .await;
        assert!(
            d.body.contains(&format!(r#"value="{today}""#)),
            "the diary opens on their day"
        );
    }
    // The day ahead is in the future for the person behind, and refused there.
    let day = ahead_today.to_string();
    let r = diary(t, &ahead, &[("date", &day), ("weakness", "2")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = diary(t, &behind, &[("date", &day), ("weakness", "2")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    // A warning sign on the person's own today is "today's"; on their yesterday it is not.
    let r = flag(t, &behind, &behind_today.to_string()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Words from the message catalogue are HTML-escaped like any other value.
    assert!(r.body.contains("today&#39;s entry"), "{}", r.body);
    let yesterday = behind_today.add_days(-1).to_string();
    let r = flag(t, &behind, &yesterday).await;
    assert!(
        r.body.contains(&format!("the entry for {yesterday}")),
        "{}",
        r.body
    );
    assert!(!r.body.contains("today&#39;s entry"));
}
/// Without JavaScript no zone is sent, and an unknown one is ignored: nothing is guessed or
/// saved, the sign-in page says so, the tracker says UTC is in use and links to settings, and
/// the settings page offers to confirm. Saving a zone there ends the prompt. A second sign-up
/// for an existing address answers the same and leaves its zone alone.
async fn a_missing_or_unknown_zone_is_shown_not_guessed(t: &TestApp) {
    let long = "A".repeat(500);
    for (i, zone) in [None, Some(""), Some("Mars/Olympus"), Some(long.as_str())]
        .into_iter()
        .enumerate()
    {
        let email = format!("nozone{i}@example.org");
        let p = newcomer(t, &email, zone, NO_ZONE_SIGNED_UP).await;
        assert!(
            t.store()
                .get_profile(&UserId(p.id.clone()))
                .await
                .expect("profile")
                .is_none(),
            "{zone:?}: nothing saved"
        );
        let dash = t.get(&format!("/patients/{}", p.id), Some(&p.cookie)).await;
        assert!(
            dash.body.contains("id=\"tz-prompt\""),
            "{zone:?}: {}",
            dash.body
        );
        assert!(
            dash.body.contains("counts &#34;today&#34; in UTC"),
            "{}",
            dash.body
        );
        assert!(dash.body.contains(&format!(
            r#"href="/patients/{}/settings" id="tz-prompt-link""#,
            p.id
        )));
        assert!(!dash.body.contains("Mars/Olympus"));
        let s = t
            .get(&format!("/patients/{}/settings", p.id), Some(&p.cookie))
            .await;
        assert!(s.body.contains("data-unconfirmed"), "{}", s.body);
        assert!(
            s.body
                .contains("No time zone is saved yet, so Myo is using UTC")
        );
    }
    let notice = t.get(NO_ZONE_SIGNED_UP, None).await;
    assert!(
        notice
            .body
            .contains("Your browser did not tell us your time zone"),
        "{}",
        notice.body
    );
    let known = t.get(SIGNED_UP, None).await;
    assert!(!known.body.contains("did not tell us your time zone"));

    // Confirming a zone in settings ends the prompt.
    let p = newcomer(t, "confirm@example.org", None, NO_ZONE_SIGNED_UP).await;
    let r = t
        .post_form(
            &format!("/patients/{}/profile", p.id),
            &[("csrf", &p.csrf), ("time_zone", "UTC")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let dash = t.get(&format!("/patients/{}", p.id), Some(&p.cookie)).await;
    assert!(!dash.body.contains("id=\"tz-prompt\""), "confirmed UTC");

    // An address with an account: the same answer, and its zone is left as it was.
    let r = sign_up(t, "confirm@example.org", Some(AHEAD)).await;
    assert_eq!(r.header("location"), SIGNED_UP);
    let kept = t
        .store()
        .get_profile(&UserId(p.id.clone()))
        .await
        .expect("profile")
        .expect("saved");
    assert_eq!(kept.time_zone, "UTC");
}
/// The sign-up page carries the hidden zone field and the script that fills it (served from
/// this site, so the content security policy allows it), and says where the zone is used.
async fn the_sign_up_page_reads_the_browsers_zone(t: &TestApp) {
    let page = t.get("/signup", None).await;
    assert!(
        page.body
            .contains(r#"<input type="hidden" name="time_zone" id="signup-tz""#)
    );
    assert!(
        page.body
            .contains(r#"<script src="/static/tz.js" defer></script>"#)
    );
    assert!(page.body.contains("id=\"signup-tz-note\""));
    let js = t.get("/static/tz.js", None).await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(js.header("content-type").starts_with("text/javascript"));
    assert!(
        js.body
            .contains("Intl.DateTimeFormat().resolvedOptions().timeZone")
    );
    assert!(js.body.contains("signup-tz"));
}
/// Monitoring lines on the dashboard say the test's plain name, whether it is due, and the
/// guideline it comes from with a link, and carry no rule or source ids; a rule whose interval
/// is not yet checked says "not yet verified". The calendar feed words it the same way.
async fn monitoring_lines_cite_the_guideline_in_words(t: &TestApp) {
    let p = newcomer(t, "mtx@example.org", Some("Europe/London"), SIGNED_UP).await;
    let r = t
        .post_form(
            &format!("/patients/{}/medicines", p.id),
            &[
                ("csrf", p.csrf.as_str()),
                ("name", "Methotrexate"),
                ("generic_name", "methotrexate"),
                ("dose_amount", "15"),
                ("dose_unit", "mg"),
                ("route", "oral"),
                ("schedule_kind", "weekly"),
                ("time", "08:00"),
                ("day", "friday"),
                ("start", "2026-01-05"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{}",
        r.body
    );
    let dash = t.get(&format!("/patients/{}", p.id), Some(&p.cookie)).await;
    assert_eq!(dash.status, StatusCode::OK);
    let start = dash
        .body
        .find("id=\"monitoring\"")
        .expect("monitoring lines");
    let lines = &dash.body[start..];
    let lines = &lines[..lines.find("</ul>").unwrap_or(lines.len())];
    assert!(
        lines.contains("<strong>Full blood count</strong> for methotrexate (overdue)"),
        "{lines}"
    );
    assert!(lines.contains("<strong>Liver tests</strong>"));
    let bsr = t.state.kb().source("bsr-dmard-2017").expect("guideline");
    assert!(
        lines.contains(&format!(
            "<cite><a href=\"https://doi.org/{}\"",
            bsr.doi.as_deref().unwrap_or("?")
        )),
        "{lines}"
    );
    assert!(lines.contains(&bsr.title), "the guideline's title: {lines}");
    assert!(lines.contains("Table 1: summary of monitoring requirements"));
    assert!(lines.contains("not yet verified against the source"));
    for rule in &t.state.rules().monitoring.rules {
        assert!(!dash.body.contains(&rule.id), "rule id {} shown", rule.id);
        for s in &rule.sources {
            assert!(!dash.body.contains(&s.id), "source id {} shown", s.id);
        }
    }
    assert!(!lines.contains("partial"), "status in words, not the code");
}

on_both_apps!(
    the_browsers_zone_is_taken_at_sign_up,
    a_missing_or_unknown_zone_is_shown_not_guessed,
    the_sign_up_page_reads_the_browsers_zone,
    monitoring_lines_cite_the_guideline_in_words,
);
