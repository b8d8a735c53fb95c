//! Red flags that persist: a diary entry whose triage raised an urgent or emergency warning sign
//! keeps it, stored, on the dashboard (the patient's and the clinician's view), the share view
//! and the visit summary, until the patient marks it as dealt with (`POST
//! /patients/{id}/red-flags/{record}/resolve`, audited).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::audit::action;
use myo_store::{RecordId, RedFlagRow, Timestamp, UserId};

use super::access::{Access, resolve as resolve_access};
use super::pages::{Banner, SummaryBlock};
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::pages::PageError;

/// A red flag as shown.
#[derive(Debug, Clone)]
pub struct FlagLine {
    /// Record id.
    pub id: String,
    /// `emergency` or `urgent`.
    pub tier: String,
    /// "Emergency warning sign" or "Urgent warning sign".
    pub tier_label: &'static str,
    /// The diary day.
    pub date: String,
    /// The rule's title.
    pub title: String,
    /// What to do.
    pub action: String,
    /// KB entry link.
    pub link: String,
}

impl FlagLine {
    fn of(r: &RedFlagRow) -> FlagLine {
        FlagLine {
            id: r.id.as_str().to_owned(),
            tier_label: if r.tier == "emergency" {
                "Emergency warning sign"
            } else {
                "Urgent warning sign"
            },
            tier: r.tier.clone(),
            date: r.date.clone(),
            title: r.title.clone(),
            action: r.action.clone(),
            link: format!("/kb/{}", r.rule_id),
        }
    }
}

/// Stores the flag a diary save raised (audited with the save's actor).
pub async fn raise(
    state: &AppState,
    a: &Access,
    client: &Client,
    b: &Banner,
) -> Result<(), myo_store::StoreError> {
    let row = RedFlagRow {
        id: RecordId::random(),
        date: b.date.clone(),
        tier: b.tier.to_owned(),
        rule_id: b.link.trim_start_matches("/kb/").to_owned(),
        title: b.title.clone(),
        action: b.action.clone(),
        raised_at: Timestamp::now(),
        resolved_at: None,
        resolved_by: None,
    };
    let audit = a.entry(client, action::CREATE, "red_flags", None);
    state
        .store()
        .raise_red_flag(&a.patient.id, &row, &audit)
        .await?;
    Ok(())
}

/// The patient's open flags, newest day first (the caller has resolved and audited access).
pub async fn open(
    state: &AppState,
    patient: &UserId,
) -> Result<Vec<FlagLine>, myo_store::StoreError> {
    Ok(state
        .store()
        .list_red_flags(patient, true)
        .await?
        .iter()
        .map(FlagLine::of)
        .collect())
}

/// `POST /patients/{id}/red-flags/{record}/resolve`: the patient marks a flag as dealt with.
pub async fn resolve(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path((id, record)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let a = resolve_access(&state, &u.user, &client, &id, true).await?;
    let audit = a.entry(&client, action::UPDATE, "red_flags", Some(&record));
    match state
        .store()
        .resolve_red_flag(
            &a.patient.id,
            &RecordId(record),
            &u.user.id,
            Timestamp::now(),
            &audit,
        )
        .await
    {
        Ok(_) | Err(myo_store::StoreError::NotFound { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/patients/{id}#red-flags")).into_response())
}

/// The open flags as the first block of a visit summary, share view or PDF (`None` when there
/// are none).
pub fn summary_block(flags: &[FlagLine]) -> Option<SummaryBlock> {
    (!flags.is_empty()).then(|| SummaryBlock {
        id: "red-flags-summary".into(),
        title: "Warning signs not yet dealt with".into(),
        lines: flags
            .iter()
            .map(|f| {
                format!(
                    "{} in the diary entry for {}: {}. {}",
                    f.tier_label, f.date, f.title, f.action
                )
            })
            .collect(),
        tables: Vec::new(),
        charts: Vec::new(),
    })
}

/// Every warning sign raised for a diary day in `from..=to`, dealt with or not, as a summary
/// block (it says so when there were none).
pub async fn period_block(
    state: &AppState,
    patient: &UserId,
    from: &str,
    to: &str,
) -> Result<SummaryBlock, myo_store::StoreError> {
    let rows = state.store().list_red_flags(patient, false).await?;
    let mut lines: Vec<String> = rows
        .iter()
        .filter(|r| r.date.as_str() >= from && r.date.as_str() <= to)
        .map(|r| {
            let f = FlagLine::of(r);
            let status = r.resolved_at.map_or_else(
                || "not yet dealt with".to_owned(),
                |t| {
                    format!(
                        "marked as dealt with {}",
                        t.to_rfc3339().get(..10).unwrap_or("")
                    )
                },
            );
            format!("{} for {}: {} ({status}).", f.tier_label, f.date, f.title)
        })
        .collect();
    lines.sort();
    if lines.is_empty() {
        lines.push("None recorded in this period.".to_owned());
    }
    Ok(SummaryBlock {
        id: "summary-red-flags-period".into(),
        title: "Warning signs raised in the period".into(),
        lines,
        tables: Vec::new(),
        charts: Vec::new(),
    })
}
