//! The JSON API under `/api/v1`. Each resource module owns its handlers; this module is the
//! table of contents ([`routes`] is checked against the OpenAPI document by a test).

pub mod ask;
pub mod health;
pub mod kb;
pub mod openapi;
pub mod score;
pub mod tokens;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{MethodRouter, delete, get, post};

use crate::AppState;

/// Every `/api/v1` route as `(method, path, handler)`, paths in OpenAPI syntax. The router is
/// built from this table and a test compares it with the OpenAPI document, so the two cannot
/// drift apart.
pub fn routes() -> Vec<(&'static str, &'static str, MethodRouter<AppState>)> {
    let mut table = vec![
        ("get", "/instruments", get(score::list)),
        (
            "get",
            "/instruments/{instrument}/schema",
            get(score::schema),
        ),
        ("post", "/score/{instrument}", post(score::score)),
        ("get", "/kb", get(kb::list)),
        ("get", "/kb/search", get(kb::search)),
        ("get", "/kb/{id}", get(kb::get)),
        ("get", "/kb/{id}/cite", get(kb::cite)),
        ("post", "/ask", post(ask::ask)),
        ("get", "/tokens", get(tokens::list)),
        ("post", "/tokens", post(tokens::create)),
        ("delete", "/tokens/{id}", delete(tokens::revoke)),
        ("get", "/me", get(tokens::me)),
        ("get", "/openapi.json", get(openapi::document)),
        (
            "post",
            "/fhir/import",
            post(crate::interop::import_http::api).layer(import_limit()),
        ),
        (
            "post",
            "/patients/{id}/import/fhir",
            post(crate::interop::import_http::api_for_patient).layer(import_limit()),
        ),
    ];
    table.extend(crate::tracker::api::routes());
    table.extend(crate::trials::api_routes());
    table
}

/// The FHIR import routes' own body limit (every other route keeps the configured one).
fn import_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(crate::boundary::IMPORT_BODY_LIMIT)
}

/// `/api/v1` routes (nested by [`crate::router`]).
pub fn router() -> Router<AppState> {
    routes()
        .into_iter()
        .fold(Router::new(), |r, (_, path, handler)| {
            r.route(path, handler)
        })
}
