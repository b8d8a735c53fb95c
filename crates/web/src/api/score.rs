//! Instruments: list, input schema, and scoring with the same JSON as `myo score`
//! (`myo-api`'s registry; each instrument's paper and locator are in its result's `citation`).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use myo_api::ScoreError;
use serde_json::{Value, json};

use crate::AppState;
use crate::error::{ApiError, ApiJsonValue};

/// Maps a scoring failure: unknown instrument 404 (with suggestions), bad input 422 naming the
/// field.
pub fn score_error(e: ScoreError) -> ApiError {
    match e {
        ScoreError::Input(input) => input.into(),
        other @ ScoreError::UnknownInstrument { .. } => ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_instrument",
            other.to_string(),
        )
        .with_field("instrument"),
        other => ApiError::internal(&other),
    }
}

/// `GET /api/v1/instruments`
pub async fn list(State(state): State<AppState>) -> Json<Value> {
    let items = state.scorer().list();
    Json(json!({"count": items.len(), "instruments": items}))
}

/// `GET /api/v1/instruments/{instrument}/schema`: the JSON Schema of the input.
pub async fn schema(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    state.scorer().schema(&id).map(Json).map_err(score_error)
}

/// `POST /api/v1/score/{instrument}`: scores one case; the body is the instrument's input. The
/// result is written as JSON text directly (no `Value` tree): this is the API's hottest route.
pub async fn score(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJsonValue(input): ApiJsonValue,
) -> Result<Response, ApiError> {
    let mut body = Vec::with_capacity(4096);
    state
        .scorer()
        .score_to_writer(&id, &input, &mut body)
        .map_err(score_error)?;
    Ok(([(CONTENT_TYPE, "application/json")], body).into_response())
}
