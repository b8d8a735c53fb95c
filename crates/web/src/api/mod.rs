//! The JSON API under `/api/v1`. Each resource module owns its handlers; this module is the
//! table of contents ([`ROUTES`] is checked against the OpenAPI document by a test).

pub mod ask;
pub mod health;
pub mod kb;
pub mod openapi;
pub mod score;
pub mod tokens;

use axum::routing::{delete, get, post};
use axum::Router;

use crate::AppState;

/// Every `/api/v1` route as `(method, path)` in OpenAPI path syntax; the router below and the
/// OpenAPI document must both match this list (see `tests/api.rs`).
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/instruments"),
    ("get", "/instruments/{instrument}/schema"),
    ("post", "/score/{instrument}"),
    ("get", "/kb"),
    ("get", "/kb/search"),
    ("get", "/kb/{id}"),
    ("get", "/kb/{id}/cite"),
    ("post", "/ask"),
    ("get", "/tokens"),
    ("post", "/tokens"),
    ("delete", "/tokens/{id}"),
    ("get", "/me"),
    ("get", "/openapi.json"),
];

/// `/api/v1` routes (nested by [`crate::router`]).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/instruments", get(score::list))
        .route("/instruments/{instrument}/schema", get(score::schema))
        .route("/score/{instrument}", post(score::score))
        .route("/kb", get(kb::list))
        .route("/kb/search", get(kb::search))
        .route("/kb/{id}", get(kb::get))
        .route("/kb/{id}/cite", get(kb::cite))
        .route("/ask", post(ask::ask))
        .route("/tokens", get(tokens::list).post(tokens::create))
        .route("/tokens/{id}", delete(tokens::revoke))
        .route("/me", get(tokens::me))
        .route("/openapi.json", get(openapi::document))
}
