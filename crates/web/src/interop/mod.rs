//! Interfaces for electronic health records: the HL7 Infobutton responder (`GET /infobutton`).
//!
//! Kept apart from the pages and the JSON API: an EHR calls these with its own conventions
//! (HL7 parameter names, Atom feeds), not Myo's.

pub mod cds;
pub mod infobutton;

use axum::Router;
use axum::routing::get;

use crate::AppState;

/// The EHR-facing routes, merged into [`crate::router`].
pub fn router() -> Router<AppState> {
    Router::new().route("/infobutton", get(infobutton::handler))
}
