//! Liveness and readiness probes.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::AppState;
use crate::error::ApiError;

/// `GET /healthz`: the process answers (static, no database).
pub async fn healthz() -> &'static str {
    "ok"
}

/// `GET /readyz`: the database answers a ping; 503 otherwise.
pub async fn readyz(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    match state.store().ping().await {
        Ok(()) => Ok(Json(
            json!({"status": "ready", "database": state.store().backend().as_str()}),
        )),
        Err(e) => {
            tracing::error!(error = %e, "readiness ping failed");
            Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "database not reachable",
            ))
        }
    }
}
