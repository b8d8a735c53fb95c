//! Liveness and readiness probes.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::AppState;

/// `GET /healthz`: the process answers (static, no database).
pub async fn healthz() -> &'static str {
    "ok"
}

/// `GET /readyz`: the database answers a ping; 503 otherwise.
pub async fn readyz(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    match state.store().ping().await {
        Ok(()) => Ok(Json(json!({"status": "ready", "database": state.store().backend().as_str()}))),
        Err(e) => {
            tracing::error!(error = %e, "readiness ping failed");
            Err(ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "database not reachable"))
        }
    }
}
