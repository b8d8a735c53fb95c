//! `POST /api/v1/ask`: the Ask pipeline (triage first, then guardrails, then grounded answer).
//! Questions are never logged: they may describe someone's health.

use axum::Json;
use axum::extract::State;
use myo_api::ask::AskResponseDto;
use myo_ask::{AskContext, CountryCode};
use serde::Deserialize;

use crate::AppState;
use crate::api::kb::MAX_QUERY_CHARS;
use crate::error::{ApiError, ApiJson};

/// `{"question": "…"}`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskRequest {
    /// The question in the asker's own words.
    pub question: String,
    /// Optional two-letter country code, for emergency and crisis numbers.
    #[serde(default)]
    pub country: Option<String>,
}

/// Checks the question's length, naming the field.
pub fn check_question(question: &str) -> Result<&str, ApiError> {
    let q = question.trim();
    if q.is_empty() {
        return Err(ApiError::bad_request("question is empty").with_field("question"));
    }
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad_request(format!(
            "question is longer than {MAX_QUERY_CHARS} characters"
        ))
        .with_field("question"));
    }
    Ok(q)
}

/// `POST /api/v1/ask`
pub async fn ask(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<AskRequest>,
) -> Result<Json<AskResponseDto>, ApiError> {
    let q = check_question(&req.question)?;
    let country = match req.country.as_deref().map(CountryCode::parse) {
        Some(Err(e)) => return Err(ApiError::bad_request(e.to_string()).with_field("country")),
        Some(Ok(c)) => Some(c),
        None => None,
    };
    let context = AskContext { country };
    Ok(Json(AskResponseDto::from(
        &state.engine().await.ask_with(q, &context),
    )))
}
