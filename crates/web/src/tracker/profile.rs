//! The person's profile (time zone and date of birth) through the JSON API, with the checks the
//! settings page uses too: the zone must be one the bundled time-zone database knows, and a
//! date of birth is a real date, not in the future, after 1900. Only the person, or a parent
//! for a child's profile, changes them; anyone who may read the records may read them.

use axum::Json;
use axum::extract::{Path, State};
use myo_store::audit::action;
use myo_store::{PatientProfile, Timestamp};
use myo_tracker::Invalid;
use myo_tracker::medicines::Zone;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::auth::{ApiUser, Client};
use crate::error::{ApiError, ApiJson};

/// A typed time zone: an IANA name the bundled database knows, refused naming `time_zone`.
pub fn time_zone(typed: &str) -> Result<Zone, Invalid> {
    let typed = typed.trim();
    Zone::named("time_zone", typed).map_err(|_| {
        Invalid::new(
            "time_zone",
            if typed.is_empty() {
                "no time zone was given".to_owned()
            } else {
                format!("'{typed}' is not a time zone Myo knows")
            },
            "a time zone name from the list, such as Europe/Berlin or America/New_York",
        )
        .with(if typed.is_empty() {
            myo_tracker::Worded::new("invalid-no-time-zone")
        } else {
            myo_tracker::Worded::new("invalid-unknown-time-zone").text("text", typed)
        })
    })
}

/// A typed date of birth: blank clears it; otherwise a date, not in the future, after 1900.
pub fn birth_date(typed: &str, today: myo_tracker::Date) -> Result<Option<String>, Invalid> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let allowed = "a date like 1980-04-30 (year-month-day), not in the future";
    let d = myo_tracker::Date::parse("birth_date", typed).map_err(|_| {
        Invalid::new("birth_date", format!("'{typed}' is not a date"), allowed)
            .with(myo_tracker::Worded::new("invalid-birth-not-date").text("text", typed))
    })?;
    if d > today || d.to_string().as_str() < "1900-01-01" {
        return Err(Invalid::new("birth_date", d.to_string(), allowed)
            .with(myo_tracker::Worded::new("invalid-birth-date").date("date", d)));
    }
    Ok(Some(d.to_string()))
}

/// Body of `PUT /api/v1/patients/{id}/profile`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileDto {
    /// IANA time zone name (left out, it is refused naming `time_zone`).
    #[serde(default)]
    pub time_zone: String,
    /// Date of birth: left out or `null` keeps the saved one, `""` removes it.
    #[serde(default)]
    pub birth_date: Option<String>,
}

fn invalid(e: Invalid) -> ApiError {
    ApiError::from(myo_api::InputError::from(e))
}

fn body(profile: Option<&PatientProfile>) -> Value {
    json!({
        "time_zone": profile.map_or("UTC", |p| p.time_zone.as_str()),
        "time_zone_confirmed": super::safety::zone_confirmed(profile),
        "birth_date": profile.and_then(|p| p.birth_date.clone()),
        "today": super::safety::person_today(profile).map(|d| d.to_string()),
    })
}

/// `GET /patients/{id}/profile`: the time zone (UTC until one is saved), the date of birth and
/// the person's today. Audited as a read.
pub async fn api_get(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let a = super::access::resolve(&state, &me.user, &client, &id, false).await?;
    let profile = state.store().get_profile(&a.patient.id).await?;
    state
        .audit(&a.entry(&client, action::READ, "patient_profiles", None))
        .await?;
    Ok(Json(body(profile.as_ref())))
}

/// `PUT /patients/{id}/profile`: sets the time zone and, when given, the date of birth. The
/// person or a child's parent only (403 for a carer or clinician, even with write access).
pub async fn api_put(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
    ApiJson(dto): ApiJson<ProfileDto>,
) -> Result<Json<Value>, ApiError> {
    let a = super::access::resolve_manage(&state, &me.user, &client, &id).await?;
    let zone = time_zone(&dto.time_zone).map_err(invalid)?;
    let mut profile = state
        .store()
        .get_profile(&a.patient.id)
        .await?
        .unwrap_or_default();
    profile.time_zone = zone.name().to_owned();
    if let Some(typed) = &dto.birth_date {
        // "Not in the future" by the zone being saved.
        let today = zone
            .date_at(Timestamp::now().as_millis().div_euclid(1000))
            .ok_or_else(|| ApiError::internal(&"the server clock is out of range"))?;
        profile.birth_date = birth_date(typed, today).map_err(invalid)?;
    }
    profile.updated_at = Timestamp::now();
    let entry = a.entry(&client, action::UPDATE, "patient_profiles", None);
    let saved = state
        .store()
        .put_profile(&a.patient.id, &profile, &entry)
        .await?;
    Ok(Json(body(Some(&saved))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_and_birth_dates_are_checked() {
        assert_eq!(
            time_zone(" Europe/Berlin ").unwrap().name(),
            "Europe/Berlin"
        );
        for bad in ["", "Mars/Olympus", "europe", "UTC+2"] {
            let e = time_zone(bad).unwrap_err();
            assert_eq!(e.field, "time_zone", "{bad:?}");
        }
        let today = myo_tracker::Date::parse("d", "2026-12-07").unwrap();
        assert_eq!(birth_date("", today).unwrap(), None);
        assert_eq!(
            birth_date("1980-04-30", today).unwrap().as_deref(),
            Some("1980-04-30")
        );
        for bad in ["2026-12-08", "1899-12-31", "30/04/1980", "1980-02-30"] {
            assert_eq!(birth_date(bad, today).unwrap_err().field, "birth_date");
        }
    }
}
