//! The calendar feed: a per-person iCalendar document (RFC 5545) at a secret, revocable URL
//! (`/calendar/{secret}.ics`), so a phone's own calendar reminds people of doses and tests
//! without an app. It holds each medicine's scheduled doses from a week ago to 90 days ahead
//! (the weekly methotrexate day, every-N-weeks infusions, taper steps, courses; expanded in the
//! person's time zone and written in UTC, so no time-zone block is needed) and the monitoring
//! tests due (from the tracker's cited rules), each with a reminder (`VALARM`). Every opening
//! is audited; failed openings from one address are limited like share links.
//!
//! Myo does not prescribe: each event says the dose is as recorded and to follow the
//! prescriber's instructions.

pub mod ics;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use myo_store::audit::action;
use myo_store::{AttemptKind, DateRange, LoginAttempt, Outcome, Timestamp, token};
use myo_tracker::Date;
use myo_tracker::medicines::{Schedule, Zone, expand};
use myo_tracker::monitoring::DueState;

use crate::AppState;
use crate::auth::{Client, audit};
use crate::i18n::Tr;
use crate::pages::PageError;
use ics::Ics;

/// Days of doses before today in the feed.
pub const DAYS_BEFORE: i32 = 7;
/// Days of doses after today in the feed.
pub const DAYS_AFTER: i32 = 90;
/// Most events in one feed (a safety bound: several doses a day for many medicines).
pub const MAX_EVENTS: usize = 3000;
/// Failed feed openings allowed per client address within the sign-in window.
pub const FAILURES_PER_ADDRESS: u64 = 20;

/// The feed for `records` on `today` in `zone`, made at `now` (seconds since the epoch), its
/// words in `tr`'s language (the account's).
/// `data` is what `records` were made from. `medicine_ids` are the medicines' stored ids, in the same order (for stable event ids). The
/// state gives the monitoring rules, the instrument catalogue and the source registry.
#[allow(clippy::too_many_arguments)]
pub fn feed(
    state: &AppState,
    tr: &Tr,
    data: &myo_store::PatientData,
    records: &myo_tracker::summary::PatientRecords,
    medicine_ids: &[String],
    zone: &Zone,
    today: Date,
    now: i64,
) -> String {
    let not_prescribing = tr.t("cal-not-prescribing");
    let mut cal = Ics::new();
    cal.begin("VCALENDAR")
        .raw("VERSION", "2.0")
        .raw("PRODID", "-//Myo//Care tracker calendar//EN")
        .raw("CALSCALE", "GREGORIAN")
        .raw("METHOD", "PUBLISH")
        .text("X-WR-CALNAME", &tr.t("cal-name"))
        .raw("REFRESH-INTERVAL;VALUE=DURATION", "PT12H");
    let stamp = ics::utc(now);
    let mut events = 0;
    let from = today.add_days(-DAYS_BEFORE);
    let to = today.add_days(DAYS_AFTER);
    for (i, med) in records.medicines.iter().enumerate() {
        let input = med.input();
        let Ok(doses) = expand(med, zone, from, to) else {
            continue;
        };
        let id = medicine_ids
            .get(i)
            .cloned()
            .unwrap_or_else(|| i.to_string());
        let how = match &input.schedule {
            Schedule::Weekly { day, .. } => format!(
                " ({})",
                tr.t1(
                    "cal-weekly",
                    "day",
                    crate::tracker::pages::weekday(tr, day.as_str())
                )
            ),
            Schedule::EveryNWeeks { n, .. } => {
                format!(" ({})", tr.t1("cal-every-n-weeks", "n", *n))
            }
            _ => String::new(),
        };
        for dose in doses {
            if events >= MAX_EVENTS {
                break;
            }
            events += 1;
            let step = dose
                .step
                .map(|s| format!(", {}", tr.t1("cal-taper-step", "step", s + 1)))
                .unwrap_or_default();
            let summary = format!("{} {}{how}{step}", input.name.trim(), dose.dose);
            cal.begin("VEVENT")
                .raw(
                    "UID",
                    &format!("{id}-{}-{}@myo", ics::date(dose.date), dose.unix_seconds),
                )
                .raw("DTSTAMP", &stamp)
                .raw("DTSTART", &ics::utc(dose.unix_seconds))
                .raw("DURATION", "PT15M")
                .text("SUMMARY", &summary)
                .text("DESCRIPTION", &not_prescribing)
                .raw("CATEGORIES", "MEDICINE")
                .raw("TRANSP", "TRANSPARENT");
            cal.begin("VALARM")
                .raw("ACTION", "DISPLAY")
                .raw("TRIGGER", "-PT10M")
                .text("DESCRIPTION", &summary)
                .end("VALARM");
            cal.end("VEVENT");
        }
    }
    let kb = state.kb();
    // The same monitoring as the person's dashboard, tests for risk-factor medicines included.
    let dashboard = crate::tracker::dashboard_of(state, data, records, today);
    for item in dashboard.map(|d| d.monitoring).unwrap_or_default() {
        if item.state == DueState::Done || events >= MAX_EVENTS {
            continue;
        }
        events += 1;
        // The guideline in words, never the rule's or the source's internal id.
        let line = crate::tracker::due_words::line_in(kb, tr, &item);
        let summary = tr.t2(
            "cal-test-due",
            "test",
            crate::tracker::due_words::test_name(tr, &item),
            "medicine",
            item.medicine.as_str(),
        );
        let from = if line.citations.is_empty() {
            line.reference.clone()
        } else {
            line.citations
                .iter()
                .map(crate::tracker::due_words::plain)
                .collect::<Vec<_>>()
                .join("; ")
        };
        let from = tr.t2(
            if line.status == "verified" {
                "cal-from-verified"
            } else {
                "cal-from-unverified"
            },
            "source",
            from,
            "date",
            crate::i18n::date(tr.lang, &line.rules_date),
        );
        let description = format!("{}\n{from}\n{not_prescribing}", line.explanation);
        cal.begin("VEVENT")
            .raw(
                "UID",
                &format!(
                    "test-{}-{}-{}@myo",
                    item.rule_id,
                    item.medicine,
                    ics::date(item.due)
                )
                .replace(' ', "-"),
            )
            .raw("DTSTAMP", &stamp)
            .raw("DTSTART;VALUE=DATE", &ics::date(item.due))
            .raw("DTEND;VALUE=DATE", &ics::date(item.due.add_days(1)))
            .text("SUMMARY", &summary)
            .text("DESCRIPTION", &description)
            .raw("CATEGORIES", "TEST")
            .raw("TRANSP", "TRANSPARENT");
        cal.begin("VALARM")
            .raw("ACTION", "DISPLAY")
            .raw("TRIGGER", "-P1D")
            .text("DESCRIPTION", &summary)
            .end("VALARM");
        cal.end("VEVENT");
    }
    cal.end("VCALENDAR");
    cal.finish()
}

fn key(client: &Client) -> String {
    format!("calendar:{}", client.ip.as_deref().unwrap_or("unknown"))
}

/// `POST /patients/{id}/calendar`: makes the feed's secret URL (a new one replaces the old)
/// and shows it once on the sharing page.
pub async fn create(
    State(state): State<AppState>,
    crate::auth::SignedIn(u): crate::auth::SignedIn,
    client: Client,
    origin: crate::origin::LinkOrigin,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let a = crate::tracker::access::resolve_manage(&state, &u.user, &client, &id).await?;
    let secret = token::random_token();
    let entry = a.entry(&client, action::CREATE, "calendar_feed", None);
    state
        .store()
        .set_calendar_feed(
            &a.patient.id,
            &token::hash_secret(&secret),
            Timestamp::now(),
            &entry,
        )
        .await?;
    let url = origin.url(&format!("/calendar/{secret}.ics"));
    crate::tracker::share::sharing_page(&state, &u, &a, Some(url), Some(
        "Your calendar link is ready. Add it to your phone's calendar as a subscription (\"add \
         calendar from URL\"). Anyone with the link sees your medicine and test dates: keep it \
         private, and stop it here if it gets out."
            .into(),
    ), None)
    .await
}

/// `POST /patients/{id}/calendar/stop`: the feed's URL stops working at once.
pub async fn stop(
    State(state): State<AppState>,
    crate::auth::SignedIn(u): crate::auth::SignedIn,
    client: Client,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let a = crate::tracker::access::resolve_manage(&state, &u.user, &client, &id).await?;
    let entry = a.entry(&client, action::DELETE, "calendar_feed", None);
    let stopped = state
        .store()
        .remove_calendar_feed(&a.patient.id, &entry)
        .await?;
    let notice = if stopped {
        "The calendar link was stopped."
    } else {
        "There was no calendar link."
    };
    crate::tracker::share::sharing_page(&state, &u, &a, None, Some(notice.into()), None).await
}

/// `GET /calendar/{secret}.ics`: the feed; an unknown or revoked secret is one 404, and too
/// many failures from one address is 429.
pub async fn serve(
    State(state): State<AppState>,
    client: Client,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    let store = state.store();
    let now = Timestamp::now();
    let window = i64::try_from(state.config().login_window.as_millis()).unwrap_or(i64::MAX);
    if store
        .count_recent_failures(AttemptKind::Address, &key(&client), now.add_millis(-window))
        .await?
        >= FAILURES_PER_ADDRESS
    {
        return Err(PageError(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many attempts from your address; try again later.".into(),
        ));
    }
    let secret = file.strip_suffix(".ics").unwrap_or(&file).trim();
    let Some(patient) = store
        .find_calendar_feed(&token::hash_secret(secret))
        .await?
    else {
        store
            .record_login_attempt(&LoginAttempt {
                kind: AttemptKind::Address,
                key: key(&client),
                ts: now,
                success: false,
            })
            .await?;
        let denied = audit(
            None,
            &client,
            action::READ,
            "calendar_feed",
            None,
            Outcome::Denied,
        );
        state.audit(&denied).await?;
        return Err(PageError(
            StatusCode::NOT_FOUND,
            "This calendar link does not exist or was stopped.".into(),
        ));
    };
    let read = audit(
        None,
        &client,
        action::READ,
        "calendar_feed",
        None,
        Outcome::Success,
    )
    .for_patient(patient.as_str());
    state.audit(&read).await?;
    let profile = store.get_profile(&patient).await?;
    let zone = profile
        .as_ref()
        .and_then(|p| Zone::named("time_zone", &p.time_zone).ok())
        .or_else(|| Zone::named("time_zone", "UTC").ok())
        .ok_or_else(|| PageError(StatusCode::INTERNAL_SERVER_ERROR, "time zone".into()))?;
    let today = crate::tracker::safety::person_today(profile.as_ref())
        .ok_or_else(|| PageError(StatusCode::INTERNAL_SERVER_ERROR, "clock".into()))?;
    let data = store
        .load_patient(
            &patient,
            &DateRange {
                from: Some(today.add_days(-3 * 366).to_string()),
                to: None,
            },
        )
        .await?;
    let records = crate::tracker::convert::records(state.rules(), state.scorer().catalog(), &data);
    let ids: Vec<String> = data
        .medicines
        .iter()
        .filter(|r| crate::tracker::convert::medicine(state.rules(), r).is_ok())
        .map(|r| r.id.as_str().to_owned())
        .collect();
    let language = store.get_user(&patient).await?.and_then(|u| u.language);
    let body = feed(
        &state,
        &state.tr_for(language.as_deref()),
        &data,
        &records,
        &ids,
        &zone,
        today,
        now.as_millis() / 1000,
    );
    let mut res = body.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    res.headers_mut().insert(
        header::HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex, nofollow"),
    );
    Ok(res)
}
