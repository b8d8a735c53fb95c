//! E-mail about new studies for saved searches ("E-mail me new studies", off by default).
//!
//! After each successful sync and on every round of the reminders job, each search whose owner
//! asked for e-mail is run against the stored studies; matching studies first seen after the
//! owner last looked at the search, and not yet e-mailed for it, are listed in one message
//! through the reminders' outbox (`myo_store::TrialStore::plan_search_email` marks each study
//! once per search, so several `myo serve` processes on one PostgreSQL database send it once).
//! Without e-mail set up nothing is planned and the finder keeps marking new studies itself.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::audit::action;
use myo_store::{Outcome, RecordId, SavedSearch, StoreError, Timestamp};
use myo_trials::card::card;
use myo_trials::filter::apply;
use myo_trials::{Trial, v2};
use serde::Deserialize;

use crate::AppState;
use crate::auth::{Client, SignedIn, audit};
use crate::pages::PageError;

/// Studies listed in one message at most; a longer list goes out as several messages.
pub const PER_MESSAGE: usize = 25;

/// The stored studies, parsed, with when Myo first saw each.
async fn studies(state: &AppState) -> Result<Vec<(Trial, Timestamp)>, StoreError> {
    let rows = state.store().list_trials().await?;
    Ok(rows
        .iter()
        .filter_map(|r| v2::parse_study(&r.study).ok().map(|t| (t, r.first_seen_at)))
        .collect())
}

/// Text from the registry or the person, safe for one line of a plain-text e-mail.
fn one_line(s: &str, max: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > max {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}...")
    } else {
        flat
    }
}

/// One study as listed in the e-mail: title, status and what is tested, in the card's plain
/// words, and the link to its page in the finder.
fn item(base: &str, t: &Trial) -> String {
    let c = card(t);
    let mut status = c.status.clone();
    if !c.phases.is_empty() {
        status = format!("{status}, {}", c.phases);
    }
    format!(
        "- {}\r\n  {}\r\n  {}\r\n  {base}/trials/{}\r\n",
        one_line(&c.title, 200),
        one_line(&status, 200),
        one_line(&c.tested.join("; "), 300),
        c.nct_id
    )
}

/// The `(subject, body)` of one search's message listing `items`, in the words of `tr` (the
/// owner's account language; English keeps the words below).
#[must_use]
pub fn message(
    tr: &crate::i18n::Tr,
    base: &str,
    search: &SavedSearch,
    items: &[String],
) -> (String, String) {
    if !crate::i18n::words::is_source(tr) {
        return message_in(tr, base, search, items);
    }
    let name = one_line(&search.name, 80);
    let n = items.len();
    let (noun, verb) = if n == 1 {
        ("study", "matches")
    } else {
        ("studies", "match")
    };
    let subject = format!("Myo: {n} new {noun} for your search \"{name}\"");
    let sep = if search.query.is_empty() { "" } else { "&" };
    let body = format!(
        "{n} new {noun} on ClinicalTrials.gov {verb} your saved search \"{name}\" in \
         Myo's clinical-trial finder:\r\n\r\n{}\r\n\
         Myo lists studies from the ClinicalTrials.gov registry. It does not judge whether you \
         can join a study: only the study team can say. Your care team can help you think it \
         over. Myo informs; it does not diagnose or prescribe.\r\n\r\n\
         All results for this search: {base}/trials?{}{sep}saved={}\r\n\r\n\
         You get this e-mail because you ticked \"E-mail me new studies\" for this \
         saved search; each study is e-mailed once. To stop these e-mails, sign in at \
         {base}/trials#saved-title and untick \"E-mail me new studies\" beside \
         \"{name}\" under Saved searches, or delete the search.\r\n",
        items.join("\r\n"),
        search.query,
        search.id.as_str()
    );
    (subject, body)
}

/// [`message`] from the catalogue.
fn message_in(
    tr: &crate::i18n::Tr,
    base: &str,
    search: &SavedSearch,
    items: &[String],
) -> (String, String) {
    let name = one_line(&search.name, 80);
    let n = items.len();
    let sep = if search.query.is_empty() { "" } else { "&" };
    let subject = tr.t2("trial-mail-subject", "count", n, "name", name.clone());
    let body = [
        tr.t2("trial-mail-intro", "count", n, "name", name.clone()),
        String::new(),
        items.join("\r\n"),
        tr.t("trial-mail-disclaimer"),
        String::new(),
        tr.t1(
            "trial-mail-all",
            "link",
            format!(
                "{base}/trials?{}{sep}saved={}",
                search.query,
                search.id.as_str()
            ),
        ),
        String::new(),
        tr.t2(
            "trial-mail-why",
            "link",
            format!("{base}/trials#saved-title"),
            "name",
            name,
        ),
    ]
    .join("\r\n")
        + "\r\n";
    (subject, body)
}

/// Plans the messages due now for every search whose owner asked for e-mail; returns how many
/// were planned. Nothing happens when the site does not send e-mail.
pub async fn plan(state: &AppState) -> Result<usize, StoreError> {
    if state.mailer().is_none() {
        return Ok(0);
    }
    let store = state.store();
    let searches = store.emailed_searches().await?;
    if searches.is_empty() {
        return Ok(0);
    }
    let trials = studies(state).await?;
    let only: Vec<Trial> = trials.iter().map(|(t, _)| t.clone()).collect();
    let first_seen: HashMap<&str, Timestamp> = trials
        .iter()
        .map(|(t, at)| (t.nct_id.as_str(), *at))
        .collect();
    let places = super::places();
    let base = state.base_url().to_owned();
    let mut planned = 0;
    for s in searches {
        let Some(user) = store.get_user(&s.user_id).await? else {
            continue;
        };
        let tr = state.tr_for(user.language.as_deref());
        if myo_store::children::is_child_profile_email(&user.email) {
            continue;
        }
        let Ok(filter) = super::parse_filter(&s.query) else {
            continue;
        };
        let Ok(hits) = apply(&only, &filter, &places) else {
            continue;
        };
        // New for this search: first seen after the owner last looked at it.
        let items: HashMap<String, String> = hits
            .iter()
            .filter(|h| {
                first_seen
                    .get(h.trial.nct_id.as_str())
                    .is_some_and(|at| *at > s.last_seen_at)
            })
            .map(|h| (h.trial.nct_id.clone(), item(&base, h.trial)))
            .collect();
        let mut candidates: Vec<String> = items.keys().cloned().collect();
        candidates.sort();
        let text = |ids: &[String]| {
            let listed: Vec<String> = ids.iter().filter_map(|id| items.get(id).cloned()).collect();
            message(&tr, &base, &s, &listed)
        };
        loop {
            let listed = store
                .plan_search_email(&s, &candidates, PER_MESSAGE, Timestamp::now(), &text)
                .await?;
            if listed.is_empty() {
                break;
            }
            planned += 1;
            candidates.retain(|c| !listed.contains(c));
        }
    }
    Ok(planned)
}

/// One round: plan, then send what this process claims (with the reminders); returns how many
/// messages this process sent.
pub async fn run_once(state: &AppState, worker: &str) -> Result<usize, StoreError> {
    plan(state).await?;
    crate::reminders::send_claimed(state, worker).await
}

/// The "E-mail me new studies" form of one saved search.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EmailForm {
    /// `on` when ticked; absent when not.
    #[serde(default)]
    pub email: String,
}

/// Reads a checkbox: ticked, not ticked, or a value no form sends.
pub fn ticked(value: &str) -> Result<bool, PageError> {
    match value {
        "on" | "yes" => Ok(true),
        "" => Ok(false),
        _ => Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            "E-mail me new studies: tick the box or leave it empty.".into(),
        )),
    }
}

/// `POST /trials/searches/{id}/email`: the owner turns e-mail about new studies on or off.
pub async fn choose(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Path(id): Path<String>,
    Form(f): Form<EmailForm>,
) -> Result<Response, PageError> {
    let on = ticked(&f.email)?;
    if on && state.mailer().is_none() {
        return Err(PageError(
            StatusCode::CONFLICT,
            "This site is not set up to send e-mail. New studies are marked on the finder when \
             you open a saved search."
                .into(),
        ));
    }
    let mut e = audit(
        Some(&me.user),
        &client,
        action::UPDATE,
        "trial_saved_search",
        Some(id.as_str()),
        Outcome::Success,
    );
    e.details = Some(format!(r#"{{"email":{on}}}"#));
    match state
        .store()
        .set_search_email(&me.user.id, &RecordId(id), on, Timestamp::now(), &e)
        .await
    {
        Ok(()) => Ok(Redirect::to("/trials#saved-title").into_response()),
        Err(StoreError::NotFound { .. }) => Err(PageError(
            StatusCode::NOT_FOUND,
            "There is no such saved search.".into(),
        )),
        Err(other) => Err(other.into()),
    }
}
