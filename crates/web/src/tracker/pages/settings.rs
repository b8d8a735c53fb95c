//! The person's tracker settings: the time zone (chosen from the bundled time-zone database's
//! list, searchable as you type) that makes "today", diary days, future-date checks, dose
//! times and "edited on" times the person's own, not the server's; and the date of birth
//! (optional), which the people they share with see beside their name.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::Timestamp;
use myo_store::audit::action;
use myo_tracker::medicines::Zone;

use super::super::access::{resolve, resolve_manage};
use askama::Template;
use axum::extract::RawQuery;

use super::super::access::Access;
use super::{FormData, FormError, Frame, layout, notice, today_for};
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::pages::Layout;
use crate::pages::PageError;

/// `POST /patients/{id}/profile`: `time_zone` (IANA name) for dose schedules.
pub async fn save_profile(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    // Time zone and date of birth say who the person is and when their day starts: only they
    // (or a parent for a child's profile) change them, never a carer or clinician with write
    // access to the records.
    let a = resolve_manage(&state, &u.user, &client, &id).await?;
    let f = FormData::parse(&body);
    let birth = if f.all("birth_date").is_empty() {
        None
    } else {
        Some(super::super::profile::birth_date(
            f.get("birth_date"),
            today_for(&state, &a).await?,
        ))
    };
    let zone = match super::super::profile::time_zone(f.get("time_zone")).and_then(|z| match &birth
    {
        Some(Err(e)) => Err(e.clone()),
        _ => Ok(z),
    }) {
        Ok(z) => z,
        Err(e) => {
            let mut res = settings_page(
                &state,
                &u,
                &a,
                Some(f.get("time_zone")),
                Some(f.get("birth_date")),
                Some(e.into()),
                None,
            )
            .await?;
            *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let mut profile = state
        .store()
        .get_profile(&a.patient.id)
        .await?
        .unwrap_or_default();
    profile.time_zone = zone.name().to_owned();
    if let Some(Ok(b)) = birth {
        profile.birth_date = b;
    }
    profile.updated_at = Timestamp::now();
    let audit = a.entry(&client, action::UPDATE, "patient_profiles", None);
    state
        .store()
        .put_profile(&a.patient.id, &profile, &audit)
        .await?;
    Ok(Redirect::to(&format!("/patients/{id}/settings?done={}", SAVED.0)).into_response())
}

/// The `?done=` code after the settings were saved, and its notice.
pub const SAVED: (&str, &str) = ("settings", "Saved your settings.");

#[derive(Template)]
#[template(path = "tracker_settings.html")]
struct SettingsPage {
    l: Layout,
    f: Frame,
    time_zone: String,
    birth_date: String,
    zones: Vec<&'static str>,
    today: String,
    /// No zone is saved yet (UTC is in use): the page says so and offers the browser's zone.
    unconfirmed: bool,
    error: Option<FormError>,
}

async fn settings_page(
    state: &AppState,
    u: &crate::auth::CurrentUser,
    a: &Access,
    typed: Option<&str>,
    typed_birth: Option<&str>,
    error: Option<FormError>,
    notice: Option<&'static str>,
) -> Result<Response, PageError> {
    let profile = state.store().get_profile(&a.patient.id).await?;
    let saved = profile.as_ref().map_or("UTC", |p| p.time_zone.as_str());
    let today = super::super::safety::person_today(profile.as_ref())
        .map(|d| d.to_string())
        .unwrap_or_default();
    Ok(crate::pages::render(&SettingsPage {
        l: layout(state, u, &state.tr(u.locale.lang).t("title-settings")),
        f: Frame::new(a, "settings").with_notice(notice),
        time_zone: typed.unwrap_or(saved).to_owned(),
        birth_date: typed_birth.map_or_else(
            || {
                profile
                    .as_ref()
                    .and_then(|p| p.birth_date.clone())
                    .unwrap_or_default()
            },
            str::to_owned,
        ),
        zones: Zone::names(),
        today,
        // After a refused zone the typed text stays in the field, so no suggestion then.
        unconfirmed: typed.is_none() && !super::super::safety::zone_confirmed(profile.as_ref()),
        error,
    }))
}

/// `GET /patients/{id}/settings` (owner only).
pub async fn settings(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    settings_page(&state, &u, &a, None, None, None, notice(query.as_deref())).await
}
