//! Interfaces for electronic health records: the HL7 Infobutton responder (`GET /infobutton`)
//! and the CDS Hooks 2.0 services (`/cds-services`, signed-JWT clients only); FHIR import for
//! patients (`/import/fhir`, `POST /api/v1/fhir/import`,
//! `POST /api/v1/patients/{id}/import/fhir`), whose routes alone take bodies up to
//! [`crate::boundary::IMPORT_BODY_LIMIT`].
//!
//! Kept apart from the pages and the JSON API: an EHR calls these with its own conventions
//! (HL7 parameter names, Atom feeds, CDS Hooks JSON), not Myo's.

pub mod cds;
pub mod cds_auth;
pub mod ehr;
pub mod import;
pub mod import_http;
pub mod infobutton;
pub mod patient_view;
pub mod prefetch;
pub mod services;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::AppState;

/// The EHR-facing routes, merged into [`crate::router`].
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/infobutton", get(infobutton::handler))
        .route("/cds-services", get(services::discovery_handler))
        .route("/cds-services/{id}", post(services::call))
        .route("/cds-services/{id}/feedback", post(services::feedback))
        .route(
            "/import/fhir",
            get(import_http::page)
                .post(import_http::submit)
                .layer(DefaultBodyLimit::max(crate::boundary::IMPORT_BODY_LIMIT)),
        )
}
