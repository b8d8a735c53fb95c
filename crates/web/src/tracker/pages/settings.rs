//! The person's tracker settings (time zone for schedules and dates).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::Timestamp;
use myo_store::audit::action;
use myo_tracker::medicines::Zone;

use super::super::access::resolve;
use super::{Ctx, FormData, Medicines, Outcome, RecordPage};
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::pages::PageError;

/// `POST /patients/{id}/profile`: `time_zone` (IANA name) for dose schedules.
pub async fn save_profile(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let f = FormData::parse(&body);
    let zone = match Zone::named("time_zone", f.get("time_zone")) {
        Ok(z) => z,
        Err(e) => {
            let cx = Ctx {
                state: &state,
                u: &u,
                a: &a,
                client: &client,
            };
            return Medicines::render(&cx, Outcome::refused(e, FormData::parse(b""))).await;
        }
    };
    let mut profile = state
        .store()
        .get_profile(&a.patient.id)
        .await?
        .unwrap_or_default();
    profile.time_zone = zone.name().to_owned();
    profile.updated_at = Timestamp::now();
    let audit = a.entry(&client, action::UPDATE, "patient_profiles", None);
    state
        .store()
        .put_profile(&a.patient.id, &profile, &audit)
        .await?;
    Ok(Redirect::to(&format!("/patients/{id}/medicines")).into_response())
}
