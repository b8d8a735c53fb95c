//! The clinical-trial finder (`/trials`, `/trials/{nct}`, `GET /api/v1/trials`), saved searches
//! and the organisations directory (`/organisations`). Studies come from the store (synced by
//! `sync`); pages never wait for a sync and show the date of the last good one.
//!
//! The pure parts (API v2 reading, filters, places, cards, pre-screen, directory) are in
//! `myo-trials`; this module loads, audits and renders. `alerts` e-mails new studies for the
//! saved searches whose owners asked for it.

pub mod alerts;
mod detail;
mod directory;
pub mod sync;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get, post};
use axum::{Form, Json};
use myo_store::audit::action;
use myo_store::{Outcome, RecordId, SavedSearch, Timestamp};
use myo_trials::filter::{Filter, Hit, apply};
use myo_trials::geo::Places;
use myo_trials::model::{INTERVENTION_TYPES, PHASES, STATUSES, label};
use myo_trials::{Trial, v2};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::auth::{Client, MaybeUser, SignedIn, audit};
use crate::error::ApiError;
use crate::pages::{Layout, PageError, render};

/// Page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/trials", get(finder))
        .route("/trials/searches", post(save_search))
        .route("/trials/searches/{id}/delete", post(delete_search))
        .route("/trials/searches/{id}/email", post(alerts::choose))
        .route("/trials/{nct}", get(detail::page))
        .route("/trials/{nct}/prescreen", post(detail::prescreen))
        .route("/organisations", get(directory::page))
}

/// `/api/v1` routes.
pub fn api_routes() -> Vec<(&'static str, &'static str, MethodRouter<AppState>)> {
    vec![("get", "/trials", get(api_list))]
}

/// The OpenAPI entry of `GET /api/v1/trials`.
pub fn document_paths(paths: &mut serde_json::Map<String, Value>) {
    let q = |name: &str, desc: &str| json!({"name": name, "in": "query", "required": false, "schema": {"type": "string"}, "description": desc});
    paths.insert(
        "/trials".to_owned(),
        json!({"get": {
            "summary": "Clinical trials for the inflammatory myopathies (synced from ClinicalTrials.gov), filtered",
            "parameters": [
                q("status", "open (default), recruiting, completed or any"),
                q("phase", "early1, 1, 2, 3, 4 or na"),
                q("age", "the person's age in whole years"),
                q("sex", "female or male"),
                q("near", "a city or country name from Myo's place table"),
                q("within", "kilometres from the city (default 300)"),
                q("intervention", "drug, biological, device, procedure, behavioral, dietary_supplement, other…"),
            ],
            "responses": {
                "200": {"description": "Matching studies, with the last sync date", "content": {"application/json": {"schema": {"type": "object"}}}},
                "400": {"description": "A filter value Myo cannot read; `field` names it", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
        }}),
    );
}

/// The stored studies, parsed (a study that no longer parses is logged and left out).
async fn load(state: &AppState) -> Result<Vec<Trial>, myo_store::StoreError> {
    let rows = state.store().list_trials().await?;
    Ok(rows
        .iter()
        .filter_map(|r| match v2::parse_study(&r.study) {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::warn!(nct = %r.nct_id, error = %e, "stored study does not parse");
                None
            }
        })
        .collect())
}

fn pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn parse_filter(query: &str) -> Result<Filter, myo_trials::filter::FilterError> {
    let p = pairs(query);
    Filter::parse(
        p.iter()
            .filter(|(k, _)| k != "saved")
            .map(|(k, v)| (k.as_str(), v.as_str())),
    )
}

fn places() -> Places {
    Places::builtin().unwrap_or_else(|e| {
        tracing::error!(error = %e, "place table");
        unreachable!("the shipped place table is checked by tests: {e}")
    })
}

fn day(ts: Timestamp) -> String {
    ts.to_rfc3339().chars().take(10).collect()
}

/// A result line.
#[derive(Debug, Clone)]
pub struct Line {
    nct_id: String,
    title: String,
    status: &'static str,
    phases: String,
    tested: String,
    nearest: Option<String>,
    is_new: bool,
}

fn line(h: &Hit<'_>, new_since: Option<Timestamp>, first_seen: &[(String, Timestamp)]) -> Line {
    let t = h.trial;
    Line {
        nct_id: t.nct_id.clone(),
        title: t.title.clone(),
        status: STATUSES
            .iter()
            .find(|(c, _)| *c == t.status)
            .map_or("Status unknown", |(_, l)| l),
        phases: t
            .phases
            .iter()
            .map(|p| label(&PHASES, p).to_owned())
            .collect::<Vec<_>>()
            .join(" / "),
        tested: t
            .interventions
            .iter()
            .map(|i| i.name.clone())
            .collect::<Vec<_>>()
            .join(", "),
        nearest: h.nearest_place.as_ref().map(|p| match h.nearest_km {
            Some(km) => format!("{p} (about {km:.0} km)"),
            None => p.clone(),
        }),
        is_new: new_since.is_some_and(|since| {
            first_seen
                .iter()
                .any(|(id, at)| *id == t.nct_id && *at > since)
        }),
    }
}

/// A saved search as listed.
#[derive(Debug, Clone)]
pub struct SavedLine {
    id: String,
    name: String,
    href: String,
    email: bool,
}

#[derive(Template)]
#[template(path = "trials_finder.html")]
struct FinderPage {
    l: Layout,
    lines: Vec<Line>,
    total: usize,
    error: Option<(&'static str, String)>,
    q: Vec<(String, String)>,
    query: String,
    last_good: Option<String>,
    last_failed: Option<String>,
    saved: Vec<SavedLine>,
    signed_in: bool,
    saved_name: Option<String>,
    mail: bool,
    phases: &'static [(&'static str, &'static str)],
    interventions: &'static [(&'static str, &'static str)],
}

impl FinderPage {
    fn value(&self, name: &str) -> &str {
        self.q
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    fn phase_param(code: &str) -> &'static str {
        match code {
            "EARLY_PHASE1" => "early1",
            "PHASE1" => "1",
            "PHASE2" => "2",
            "PHASE3" => "3",
            "PHASE4" => "4",
            _ => "na",
        }
    }

    fn selected(&self, name: &str, value: &str) -> bool {
        self.value(name) == value
    }
}

/// `GET /trials`: the finder. Filters that cannot be read are shown as an error naming the
/// field, with the form kept; studies never wait for a sync.
pub async fn finder(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
    client: Client,
    uri: Uri,
) -> Result<Response, PageError> {
    let query = uri.query().unwrap_or("").to_owned();
    let q = pairs(&query);
    let store = state.store();
    let (last, good) = store.last_syncs().await?;
    let trials = load(&state).await?;
    let first_seen: Vec<(String, Timestamp)> = store
        .list_trials()
        .await?
        .into_iter()
        .map(|r| (r.nct_id, r.first_seen_at))
        .collect();
    let mut saved = Vec::new();
    let mut new_since = None;
    let mut saved_name = None;
    if let Some(u) = &user {
        let searches = store.list_saved_searches(&u.user.id).await?;
        let chosen = q.iter().find(|(k, _)| k == "saved").map(|(_, v)| v.clone());
        for s in &searches {
            if chosen.as_deref() == Some(s.id.as_str()) {
                new_since = Some(s.last_seen_at);
                saved_name = Some(s.name.clone());
                store
                    .touch_saved_search(&u.user.id, &s.id, Timestamp::now())
                    .await?;
            }
            saved.push(SavedLine {
                id: s.id.as_str().to_owned(),
                name: s.name.clone(),
                href: format!(
                    "/trials?{}{}saved={}",
                    s.query,
                    if s.query.is_empty() { "" } else { "&" },
                    s.id.as_str()
                ),
                email: s.email_since.is_some(),
            });
        }
        let e = audit(
            Some(&u.user),
            &client,
            action::SEARCH,
            "trials",
            None,
            Outcome::Success,
        );
        state.audit(&e).await?;
    }
    let (lines, total, error) = match parse_filter(&query) {
        Ok(f) => match apply(&trials, &f, &places()) {
            Ok(hits) => (
                hits.iter()
                    .map(|h| line(h, new_since, &first_seen))
                    .collect::<Vec<_>>(),
                trials.len(),
                None,
            ),
            Err(e) => (Vec::new(), trials.len(), Some((e.field, e.message))),
        },
        Err(e) => (Vec::new(), trials.len(), Some((e.field, e.message))),
    };
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = FinderPage {
        l: Layout::new(
            &state,
            user.as_ref(),
            &loc,
            "Clinical-trial finder",
            "trials",
        ),
        lines,
        total,
        error,
        query: q
            .iter()
            .filter(|(k, _)| k != "saved")
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    crate::security::url::encode(k),
                    crate::security::url::encode(v)
                )
            })
            .collect::<Vec<_>>()
            .join("&"),
        q,
        last_good: good.map(|s| day(s.finished_at)),
        last_failed: last.filter(|s| !s.ok).map(|s| day(s.finished_at)),
        saved,
        signed_in: user.is_some(),
        saved_name,
        mail: state.mailer().is_some(),
        phases: &PHASES,
        interventions: &INTERVENTION_TYPES,
    };
    Ok((status, render(&page)).into_response())
}

/// `GET /api/v1/trials`: the finder's results as JSON (no account needed: public registry
/// data).
pub async fn api_list(State(state): State<AppState>, uri: Uri) -> Result<Response, ApiError> {
    let f = parse_filter(uri.query().unwrap_or(""))
        .map_err(|e| ApiError::bad_request(e.message).with_field(e.field))?;
    let trials = load(&state).await?;
    let hits = apply(&trials, &f, &places())
        .map_err(|e| ApiError::bad_request(e.message).with_field(e.field))?;
    let (_, good) = state.store().last_syncs().await?;
    let list: Vec<Value> = hits
        .iter()
        .map(|h| {
            let t = h.trial;
            json!({
                "nct_id": t.nct_id,
                "title": t.title,
                "status": t.status,
                "phases": t.phases,
                "interventions": t.interventions.iter().map(|i| json!({"type": i.kind, "name": i.name})).collect::<Vec<_>>(),
                "minimum_age": t.eligibility.min_age,
                "maximum_age": t.eligibility.max_age,
                "nearest_site": h.nearest_place,
                "nearest_km": h.nearest_km.map(|k| (k * 10.0).round() / 10.0),
                "url": format!("https://clinicaltrials.gov/study/{}", t.nct_id),
            })
        })
        .collect();
    Ok(Json(json!({
        "synced_at": good.map(|s| s.finished_at.to_rfc3339()),
        "count": list.len(),
        "trials": list,
        "note": "Registry data from ClinicalTrials.gov. Whether you can join is decided only by the study team.",
    }))
    .into_response())
}

/// The save-search form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SaveForm {
    /// The person's name for it.
    #[serde(default)]
    pub name: String,
    /// The finder query string.
    #[serde(default)]
    pub query: String,
    /// "E-mail me new studies": `on` when ticked.
    #[serde(default)]
    pub email: String,
}

/// `POST /trials/searches`: saves the current filters (checked first, so a saved search
/// always runs).
pub async fn save_search(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Form(f): Form<SaveForm>,
) -> Result<Response, PageError> {
    if let Err(e) = parse_filter(&f.query) {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("This search cannot be saved: {}", e.message),
        ));
    }
    let name = f.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Give the search a name of 1 to 80 characters.".into(),
        ));
    }
    let email = alerts::ticked(&f.email)?;
    if email && state.mailer().is_none() {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            "This site is not set up to send e-mail: save the search without it.".into(),
        ));
    }
    let now = Timestamp::now();
    let s = SavedSearch {
        id: RecordId::random(),
        user_id: me.user.id.clone(),
        name: name.to_owned(),
        query: f.query.clone(),
        created_at: now,
        last_seen_at: now,
        email_since: email.then_some(now),
    };
    let e = audit(
        Some(&me.user),
        &client,
        action::CREATE,
        "trial_saved_search",
        Some(s.id.as_str()),
        Outcome::Success,
    );
    match state.store().save_search(&s, &e).await {
        Ok(()) => Ok(Redirect::to(&format!("/trials?{}", f.query)).into_response()),
        Err(myo_store::StoreError::Invalid { reason, .. }) => Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("This search cannot be saved: {reason}."),
        )),
        Err(other) => Err(other.into()),
    }
}

/// `POST /trials/searches/{id}/delete`.
pub async fn delete_search(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Response, PageError> {
    let e = audit(
        Some(&me.user),
        &client,
        action::DELETE,
        "trial_saved_search",
        None,
        Outcome::Success,
    );
    match state
        .store()
        .delete_saved_search(&me.user.id, &RecordId(id), &e)
        .await
    {
        Ok(()) => Ok(Redirect::to("/trials").into_response()),
        Err(myo_store::StoreError::NotFound { .. }) => Err(PageError(
            StatusCode::NOT_FOUND,
            "There is no such saved search.".into(),
        )),
        Err(other) => Err(other.into()),
    }
}
