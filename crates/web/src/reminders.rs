//! E-mail reminders, opt-in per kind: monitoring tests due soon or overdue (from the tracker's
//! cited rules), and a gap in the diary (no entry for [`GAP_DAYS`] days after regular entries).
//! An in-process job ([`run`]) plans each occasion once in the shared outbox and sends what it
//! claims; with several `myo serve` processes on one PostgreSQL database, each reminder is sent
//! once (see `myo_store::reminders`). Messages go to the account's own address, say only what
//! is due, and link to the tracker; they never diagnose. The same outbox carries the e-mails
//! about new studies for saved trial searches (`crate::trials::alerts`).

use axum::extract::{Path, State};
use axum::response::Response;
use myo_store::audit::action;
use myo_store::reminders::{KINDS, Reminder};
use myo_store::{AuditEntry, DateRange, Outcome, RecordId, StoreError, Timestamp, UserId};
use myo_tracker::monitoring::DueState;

use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::i18n::{ToArg, Tr, words};
use crate::pages::PageError;

/// Days without a diary entry that make a gap worth a reminder.
pub const GAP_DAYS: i32 = 3;
/// A claim older than this is taken again (its sender died), in milliseconds.
pub const STALE_MS: i64 = 15 * 60 * 1000;
/// How often the job runs unless `--reminder-every` says otherwise.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Plans the reminders due now for everyone who opted in; returns how many were new.
pub async fn plan(state: &AppState) -> Result<usize, StoreError> {
    let store = state.store();
    let mut new = 0;
    for (patient, kind) in store.reminder_subscriptions().await? {
        let Some(user) = store.get_user(&patient).await? else {
            continue;
        };
        if myo_store::children::is_child_profile_email(&user.email) {
            continue;
        }
        let tr = state.tr_for(user.language.as_deref());
        for (due_key, subject, body) in occasions(state, &tr, &patient, &kind).await? {
            let r = Reminder {
                id: RecordId::random(),
                patient_id: patient.clone(),
                kind: kind.clone(),
                due_key,
                subject,
                body,
                created_at: Timestamp::now(),
                sent_at: None,
            };
            new += usize::from(store.plan_reminder(&r).await?);
        }
    }
    Ok(new)
}

/// `(occasion key, subject, body)` for one person and kind, in `tr`'s language (the account's).
async fn occasions(
    state: &AppState,
    tr: &Tr,
    patient: &UserId,
    kind: &str,
) -> Result<Vec<(String, String, String)>, StoreError> {
    let store = state.store();
    let profile = store.get_profile(patient).await?;
    let Some(today) = crate::tracker::safety::person_today(profile.as_ref()) else {
        return Ok(Vec::new());
    };
    let data = store
        .load_patient(
            patient,
            &DateRange {
                from: Some(today.add_days(-3 * 366).to_string()),
                to: None,
            },
        )
        .await?;
    let records = crate::tracker::convert::records(state.rules(), state.scorer().catalog(), &data);
    let link = format!("{}/patients/{}", state.base_url(), patient.as_str());
    let footer = format!(
        "\r\n\r\n{}\r\n{}\r\n{}\r\n",
        tr.t1("mail-reminder-open", "link", link),
        tr.t("mail-reminder-informs"),
        tr.t("mail-reminder-stop")
    );
    let mut out = Vec::new();
    match kind {
        "monitoring_due" => {
            let dash = myo_tracker::dashboard::dashboard(
                state.rules(),
                state.scorer().catalog(),
                &records,
                today,
                &|_| false,
            );
            for item in dash.map(|d| d.monitoring).unwrap_or_default() {
                if !matches!(item.state, DueState::Overdue | DueState::DueSoon) {
                    continue;
                }
                let key = format!("{}:{}:{}", item.rule_id, item.medicine, item.due);
                let test = crate::tracker::due_words::test_name(tr, &item);
                let subject = tr.t1("mail-monitoring-subject", "test", test.as_str());
                let body = format!(
                    "{}{footer}",
                    tr.ta(
                        "mail-monitoring-body",
                        &[
                            ("medicine", item.medicine.to_arg()),
                            ("date", words::date(tr, &item.due.to_string()).to_arg()),
                            ("test", test.to_arg()),
                        ],
                    )
                );
                out.push((key, subject, body));
            }
        }
        "missed_diary" => {
            let last = records
                .diary
                .iter()
                .map(|e| e.date())
                .filter(|d| *d <= today)
                .max();
            if let Some(last) = last
                && last.days_until(today) >= GAP_DAYS
                && last.days_until(today) <= 60
            {
                let body = format!(
                    "{}{footer}",
                    tr.t1(
                        "mail-diary-body",
                        "date",
                        words::date(tr, &last.to_string())
                    )
                );
                out.push((
                    format!("gap-after:{last}"),
                    tr.t("mail-diary-subject"),
                    body,
                ));
            }
        }
        _ => {}
    }
    Ok(out)
}

/// Sends what this process claims; returns how many were sent.
pub async fn send_claimed(state: &AppState, worker: &str) -> Result<usize, StoreError> {
    let Some(mailer) = state.mailer() else {
        return Ok(0);
    };
    let store = state.store();
    let mut sent = 0;
    loop {
        let now = Timestamp::now();
        let batch = store
            .claim_reminders(worker, now, now.add_millis(-STALE_MS), 20)
            .await?;
        if batch.is_empty() {
            return Ok(sent);
        }
        for r in batch {
            let Some(user) = store.get_user(&r.patient_id).await? else {
                continue;
            };
            let ok = match mailer.send(&user.email, &r.subject, r.body.clone()).await {
                Ok(()) => true,
                Err(e) => {
                    tracing::warn!(error = %e, "reminder not sent; it will be tried again");
                    false
                }
            };
            // A search's e-mail is filed under the search (its due key starts with its id).
            let (resource, record) = if r.kind == myo_store::SEARCH_EMAIL_KIND {
                let search = r.due_key.split(':').next().unwrap_or_default();
                ("trial_saved_search", search)
            } else {
                ("reminder", r.id.as_str())
            };
            let mut entry = AuditEntry::new(
                Timestamp::now(),
                action::EXPORT,
                resource,
                Some(record),
                Outcome::Success,
            )
            .by(None, "system");
            entry.details = Some(format!(r#"{{"kind":"{}"}}"#, r.kind));
            match store
                .finish_reminder(&r.id, worker, ok, Timestamp::now(), &entry)
                .await
            {
                Ok(()) | Err(StoreError::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
            if ok {
                sent += 1;
            } else {
                return Ok(sent);
            }
        }
    }
}

/// One round: plan (reminders, then new studies for saved trial searches), then send what this
/// process claims.
pub async fn run_once(state: &AppState, worker: &str) -> Result<usize, StoreError> {
    plan(state).await?;
    crate::trials::alerts::plan(state).await?;
    send_claimed(state, worker).await
}

/// The job: at start, then every `reminder_every` (`--reminder-every`, default [`EVERY`]), when
/// the site sends e-mail. Each round is logged: at `info` when it sent something, else at
/// `debug`, with this process's worker name.
pub async fn run(state: AppState) {
    if state.mailer().is_none() {
        return;
    }
    let worker = format!("{}-{}", std::process::id(), myo_store::token::random_hex(4));
    let mut tick = tokio::time::interval(state.config().reminder_every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match run_once(&state, &worker).await {
            Ok(0) => tracing::debug!(worker = %worker, sent = 0, "reminder round done"),
            Ok(sent) => tracing::info!(worker = %worker, sent, "reminder round done"),
            Err(e) => tracing::warn!(error = %e, "reminders"),
        }
    }
}

/// `POST /patients/{id}/reminders`: the person ticks the reminders they want (`kind`, repeated).
pub async fn choose(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let a = crate::tracker::access::resolve_manage(&state, &u.user, &client, &id).await?;
    if !a.is_self() {
        return Err(PageError(
            axum::http::StatusCode::FORBIDDEN,
            "Reminders go to the account's own e-mail address: only its owner chooses them.".into(),
        ));
    }
    let f = crate::tracker::pages::FormData::parse(&body);
    let chosen = f.all("kind");
    if let Some(bad) = chosen.iter().find(|k| !KINDS.contains(k)) {
        return Err(PageError(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            format!("kind: unknown reminder '{bad}'"),
        ));
    }
    for kind in KINDS {
        let on = chosen.contains(&kind);
        let entry = a.entry(&client, action::UPDATE, "reminder_prefs", Some(kind));
        state
            .store()
            .set_reminder(&a.patient.id, kind, on, Timestamp::now(), &entry)
            .await?;
    }
    crate::tracker::share::sharing_page(
        &state,
        &u,
        &a,
        None,
        Some("Your reminder choices are saved.".into()),
        None,
    )
    .await
}
