//! The care tracker in `myo serve`: pages under `/patients/{id}/…`, the JSON API under
//! `/api/v1/patients/{id}/…`, share links (`/share/{token}`), clinician grants, CSV and FHIR R4
//! export, and "delete my data".
//!
//! Access control lives in one place, [`access::resolve`]: the patient themself, or a clinician
//! with an active grant; anyone else gets the same 404 as for an id that does not exist, so ids
//! cannot be probed. Every read and write of a record is audited (reads through
//! `auth::record_access` before serving, writes in the store's transaction).
//!
//! Code map: `access` (who may see what), `db` (the store calls), `convert` (rows ↔ tracker
//! values), `pages` (HTML), `api` (JSON + OpenAPI paths), `share` (links, grants, public page),
//! `export` (CSV, FHIR adapter, PDF), `delete` (one record at a time: confirm, then delete),
//! `kinds` (each record kind declared once: address id, name, page, CSV file).

pub mod access;
pub mod api;
pub mod api_doc;
pub mod assessments;
pub mod charts;
pub mod convert;
pub mod db;
pub mod delete;
pub mod due_words;
pub mod edit;
pub mod export;
pub mod flare_words;
pub mod guided;
pub mod kinds;
pub mod pages;
pub mod pdf;
pub mod profile;
pub mod red_flags;
pub mod safety;
pub mod share;
pub mod tis_words;
pub mod visits;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;
use pages::route;

/// Summary sections (wire ids, labels), in display order; share links and the visit summary
/// choose among these.
pub const SECTIONS: [(&str, &str); 6] = [
    ("symptoms", "Symptoms (diary)"),
    ("strength", "Strength and function"),
    ("labs", "Lab results"),
    ("medicines", "Medicines and changes"),
    ("flares", "Flare signals"),
    ("questions", "Questions for the doctor"),
];

/// The tracker's summary section for a wire id.
pub fn section(id: &str) -> Option<myo_tracker::summary::Section> {
    use myo_tracker::summary::Section;
    Some(match id {
        "symptoms" => Section::Symptoms,
        "strength" => Section::Strength,
        "labs" => Section::Labs,
        "medicines" => Section::Medicines,
        "flares" => Section::Flares,
        "questions" => Section::Questions,
        _ => return None,
    })
}

/// The record kind for its address id (`labs`, `visits`, …), or `None` for an unknown one.
pub fn record_kind(id: &str) -> Option<myo_store::RecordKind> {
    kinds::by_slug(id).map(|k| k.kind)
}

/// Today's date for the tracker (UTC day), or `None` should the clock be outside 1900–2200.
pub fn today() -> Option<myo_tracker::Date> {
    let days = myo_store::Timestamp::now()
        .as_millis()
        .div_euclid(86_400_000);
    let epoch = myo_tracker::Date::new("today", 1970, 1, 1).ok()?;
    Some(epoch.add_days(i32::try_from(days).ok()?))
}

/// The dashboard of a person's records on `today`: monitoring due (with the extra checks for
/// the medicines they marked as risk factors), flare signals and latest values. One place for
/// the patient's page, the clinician's list and the API.
pub(crate) fn dashboard_of(
    state: &AppState,
    data: &myo_store::PatientData,
    records: &myo_tracker::summary::PatientRecords,
    today: myo_tracker::Date,
) -> Result<myo_tracker::dashboard::Dashboard, myo_tracker::Invalid> {
    let risky: Vec<String> = data
        .medicines
        .iter()
        .filter(|m| m.risk_factor)
        .filter_map(|m| m.generic_name.as_deref().map(str::to_lowercase))
        .collect();
    myo_tracker::dashboard::dashboard(
        state.rules(),
        state.scorer().catalog(),
        records,
        today,
        &|g| risky.iter().any(|r| r == g),
    )
}

/// Page routes (merged by [`crate::router`]).
pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/tracker", get(pages::mine))
        .route("/patients/{id}", get(pages::dashboard))
        .route("/patients/{id}/diary", route::<pages::Diary>())
        .route("/patients/{id}/strength", route::<pages::Strength>())
        .route(
            "/patients/{id}/assessments/{instrument}",
            get(guided::show).post(guided::save),
        )
        .route("/patients/{id}/labs", route::<pages::Labs>())
        .route("/patients/{id}/conditions", route::<pages::Conditions>())
        .route("/patients/{id}/medicines", route::<pages::Medicines>())
        .route("/patients/{id}/profile", post(pages::save_profile))
        .route("/patients/{id}/settings", get(pages::settings))
        .route(
            "/patients/{id}/red-flags/{record}/resolve",
            post(red_flags::resolve),
        )
        .route(
            "/patients/{id}/medicines/{record}/doses",
            post(pages::save_dose),
        )
        .route(
            "/patients/{id}/medicines/{record}/change",
            post(pages::change_medicine),
        )
        .route("/patients/{id}/visits", route::<visits::Visits>())
        .route("/patients/{id}/identifier", post(pages::set_identifier))
        .route(
            "/patients/{id}/records/{kind}/{record}/delete",
            get(delete::confirm).post(delete::delete),
        )
        .route(
            "/patients/{id}/records/{kind}/{record}/edit",
            get(edit::edit).post(edit::save),
        )
        .route(
            "/patients/{id}/records/{kind}/{record}/history",
            get(edit::history),
        )
        .route("/patients/{id}/summary", get(pages::summary))
        .route("/patients/{id}/summary.pdf", get(pages::summary_pdf))
        .route("/patients/{id}/sharing", get(share::sharing))
        .route("/patients/{id}/shares", post(share::create_share))
        .route(
            "/patients/{id}/shares/revoke-all",
            post(share::revoke_all_shares),
        )
        .route(
            "/patients/{id}/shares/{record}/revoke",
            post(share::revoke_share),
        )
        .route("/patients/{id}/grants", post(share::create_grant))
        .route(
            "/patients/{id}/grants/{record}/revoke",
            post(share::revoke_grant),
        )
        .route("/patients/{id}/export/fhir.json", get(export::fhir_page))
        .route("/patients/{id}/export/{kind}", get(export::csv_page))
        .route("/patients/{id}/delete", post(share::delete_data))
        .route("/share/{token}", get(share::public))
}
