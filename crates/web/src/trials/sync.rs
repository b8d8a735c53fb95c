//! Syncing studies from ClinicalTrials.gov: the HTTP fetch (ureq with rustls, blocking, run on
//! Tokio's blocking pool so no page waits on it), the store write, and the schedule inside
//! `myo serve`. A failed sync records its outcome and keeps the last good copy.

use myo_store::audit::action;
use myo_store::{AuditEntry, Outcome, RecordId, Store, SyncRow, Timestamp};

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncOutcome {
    /// Every page arrived; the stored studies were replaced.
    Replaced {
        /// Studies stored.
        studies: u64,
        /// Pages read.
        pages: u64,
    },
    /// It stopped; the stored studies are unchanged.
    Failed {
        /// Why, in words safe to show.
        reason: String,
    },
}

/// Seconds one HTTP request may take.
const TIMEOUT_SECS: u64 = 30;

/// Fetches one page (blocking): the body of a `200`, or a short reason.
fn fetch(agent: &ureq::Agent, url: &str) -> Result<String, String> {
    match agent.get(url).call() {
        Ok(mut res) => res
            .body_mut()
            .with_config()
            .limit(20 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| format!("reading the answer failed: {e}")),
        Err(ureq::Error::StatusCode(code)) => Err(format!("the registry answered HTTP {code}")),
        Err(e) => Err(format!("the registry could not be reached: {e}")),
    }
}

/// Runs a sync against `base` over the network (used by `myo trials sync` and the schedule).
///
/// # Errors
/// Only a store failure; a network or registry failure is a [`SyncOutcome::Failed`].
pub async fn sync_now(store: &dyn Store, base: &str) -> Result<SyncOutcome, myo_store::StoreError> {
    let base = base.to_owned();
    let started = Timestamp::now();
    let result = tokio::task::spawn_blocking(move || {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(std::time::Duration::from_secs(TIMEOUT_SECS)))
            .http_status_as_error(true)
            .user_agent(concat!("myo/", env!("CARGO_PKG_VERSION")))
            .build();
        let agent: ureq::Agent = config.into();
        myo_trials::sync::run(&base, |url| fetch(&agent, url))
    })
    .await
    .unwrap_or_else(|e| {
        Err(myo_trials::sync::SyncError {
            page: 0,
            reason: format!("the sync task stopped: {e}"),
        })
    });
    record(store, started, result).await
}

/// Runs a sync with a given fetch (tests use recorded pages).
///
/// # Errors
/// Only a store failure.
pub async fn sync_with(
    store: &dyn Store,
    base: &str,
    fetch: impl FnMut(&str) -> Result<String, String>,
) -> Result<SyncOutcome, myo_store::StoreError> {
    let started = Timestamp::now();
    let result = myo_trials::sync::run(base, fetch);
    record(store, started, result).await
}

async fn record(
    store: &dyn Store,
    started: Timestamp,
    result: Result<myo_trials::sync::Synced, myo_trials::sync::SyncError>,
) -> Result<SyncOutcome, myo_store::StoreError> {
    let finished = Timestamp::now();
    match result {
        Ok(synced) => {
            let n = u64::try_from(synced.studies.len()).unwrap_or(u64::MAX);
            let row = SyncRow {
                id: RecordId::random(),
                started_at: started,
                finished_at: finished,
                ok: true,
                studies: n,
                pages: synced.pages,
                error: None,
            };
            let mut audit = AuditEntry::new(
                finished,
                action::UPDATE,
                "trials",
                Some(row.id.as_str()),
                Outcome::Success,
            )
            .by(None, "system");
            audit.details = Some(format!(r#"{{"studies":{n},"pages":{}}}"#, synced.pages));
            store.replace_trials(&synced.studies, &row, &audit).await?;
            Ok(SyncOutcome::Replaced {
                studies: n,
                pages: synced.pages,
            })
        }
        Err(e) => {
            let reason = e.to_string();
            let row = SyncRow {
                id: RecordId::random(),
                started_at: started,
                finished_at: finished,
                ok: false,
                studies: 0,
                pages: e.page,
                error: Some(reason.chars().take(300).collect()),
            };
            store.record_failed_sync(&row).await?;
            Ok(SyncOutcome::Failed { reason })
        }
    }
}

/// Every `hours` hours (the first run at once), a sync in the background; after a successful
/// one, new studies are e-mailed for the saved searches that asked (when the site sends
/// e-mail). Failures are logged; pages keep serving the last good copy throughout.
pub async fn schedule(state: crate::AppState, hours: u32) {
    let every = std::time::Duration::from_secs(u64::from(hours.max(1)) * 3600);
    let worker = format!("{}-{}", std::process::id(), myo_store::token::random_hex(4));
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        match sync_now(state.store(), myo_trials::v2::BASE_URL).await {
            Ok(SyncOutcome::Replaced { studies, pages }) => {
                tracing::info!(studies, pages, "trials sync: replaced");
                if state.mailer().is_some()
                    && let Err(e) = super::alerts::run_once(&state, &worker).await
                {
                    tracing::warn!(error = %e, "e-mail about new studies");
                }
            }
            Ok(SyncOutcome::Failed { reason }) => {
                tracing::warn!(%reason, "trials sync failed; keeping the last good copy");
            }
            Err(e) => tracing::error!(error = %e, "trials sync: store error"),
        }
    }
}
