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

/// Shows `flags` in `lang`: the title, action and link of the knowledge base's entry in that
/// language (a Spanish page shows the Spanish red-flag entry's own words; the stored words were
/// those of the note's language). Which action (the entry's, or one of its stronger variants')
/// is matched on the stored text; a flag whose entry has no page in `lang` keeps its words.
pub fn in_language(flags: &mut [FlagLine], kb: &myo_kb::Kb, lang: crate::i18n::Lang) {
    for f in flags.iter_mut() {
        words_in(kb, lang, &f.tier, &mut f.title, &mut f.action, &mut f.link);
    }
}

/// A warning's title, action and knowledge-base link (`/kb/<id>`) in `lang`, as
/// [`in_language`] does for stored flags (also used for the banner shown right after a save).
/// An action worded elsewhere (Ask's own Spanish rules) is replaced by the entry's action of the
/// same `tier`, so the words match the page and the urgency never changes. On an English page
/// the stored words stay: they are in the language the note was written in, so someone who
/// writes Spanish before switching the interface still reads the warning in Spanish.
pub fn words_in(
    kb: &myo_kb::Kb,
    lang: crate::i18n::Lang,
    tier: &str,
    title: &mut String,
    action: &mut String,
    link: &mut String,
) {
    if lang == crate::i18n::Lang::En {
        return;
    }
    let id = link.trim_start_matches("/kb/");
    let Some(stored) = kb.get(id) else { return };
    let english = match stored.translation_of.as_deref() {
        Some(en) => kb.get(en),
        None => Some(stored),
    };
    let Some(english) = english else { return };
    let target = kb.translation(&english.id, lang.code());
    let Some(target) = target else { return };
    let tiered = |e: &myo_kb::Entry| -> Vec<(&'static str, String)> {
        match &e.structured {
            Some(myo_kb::Structured::RedFlag(r)) => {
                std::iter::once((r.tier.as_str(), r.action.clone()))
                    .chain(
                        r.variants
                            .iter()
                            .map(|v| (v.tier.as_str(), v.action.clone())),
                    )
                    .collect()
            }
            _ => Vec::new(),
        }
    };
    let actions =
        |e: &myo_kb::Entry| -> Vec<String> { tiered(e).into_iter().map(|(_, a)| a).collect() };
    let spanish = kb.translation(&english.id, "es");
    let index = [Some(english), Some(stored), spanish]
        .into_iter()
        .flatten()
        .find_map(|e| actions(e).iter().position(|a| a == action));
    let found = match index {
        Some(i) => actions(target).get(i).cloned(),
        None => tiered(target)
            .into_iter()
            .find(|(t, _)| *t == tier)
            .map(|(_, a)| a),
    };
    if let Some(found) = found {
        *action = found;
    }
    *title = target.title.clone();
    *link = format!("/kb/{}", target.id);
}

/// The open flags as the first block of a visit summary, share view or PDF (`None` when there
/// are none), in `tr`'s language.
pub fn summary_block(flags: &[FlagLine], tr: &crate::i18n::Tr) -> Option<SummaryBlock> {
    (!flags.is_empty()).then(|| SummaryBlock {
        id: "red-flags-summary".into(),
        title: tr.t("flags-title"),
        lines: flags
            .iter()
            .map(|f| {
                format!(
                    "{}: {}. {}",
                    tr.t2(
                        "flags-line",
                        "tier",
                        f.tier.as_str(),
                        "date",
                        crate::i18n::date(tr.lang, &f.date)
                    ),
                    f.title,
                    f.action
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
    tr: &crate::i18n::Tr,
) -> Result<SummaryBlock, myo_store::StoreError> {
    let rows = state.store().list_red_flags(patient, false).await?;
    let mut flags: Vec<(FlagLine, Option<String>)> = rows
        .iter()
        .filter(|r| r.date.as_str() >= from && r.date.as_str() <= to)
        .map(|r| {
            let resolved = r
                .resolved_at
                .map(|t| t.to_rfc3339().get(..10).unwrap_or("").to_owned());
            (FlagLine::of(r), resolved)
        })
        .collect();
    let mut lines: Vec<String> = flags
        .iter_mut()
        .map(|(f, resolved)| {
            in_language(std::slice::from_mut(f), state.kb(), tr.lang);
            let status = match resolved {
                None => tr.t("flags-status-open"),
                Some(day) => tr.t1(
                    "flags-status-resolved",
                    "date",
                    crate::i18n::date(tr.lang, day),
                ),
            };
            use crate::i18n::ToArg;
            tr.ta(
                "flags-period-line",
                &[
                    ("tier", f.tier.to_arg()),
                    ("date", crate::i18n::date(tr.lang, &f.date).to_arg()),
                    ("title", f.title.to_arg()),
                    ("status", status.to_arg()),
                ],
            )
        })
        .collect();
    lines.sort();
    if lines.is_empty() {
        lines.push(tr.t("flags-period-none"));
    }
    Ok(SummaryBlock {
        id: "summary-red-flags-period".into(),
        title: tr.t("flags-period-title"),
        lines,
        tables: Vec::new(),
        charts: Vec::new(),
    })
}
