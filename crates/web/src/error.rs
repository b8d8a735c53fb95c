//! The one error type of the JSON API, and the JSON body extractor that produces field-named
//! errors. Internal details are logged (`tracing`) and never sent to the client.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::json;

/// An API error: `{"error": {"code", "message", "field"}}` with an HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable machine-readable code (`invalid_input`, `not_found`, …).
    pub code: &'static str,
    /// Safe human-readable message.
    pub message: String,
    /// The offending field as a dotted JSON path, when one is to blame.
    pub field: Option<String>,
}

impl ApiError {
    /// Builds an error.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            field: None,
        }
    }

    /// Names the field at fault.
    pub fn with_field(mut self, field: impl Into<String>) -> ApiError {
        self.field = Some(field.into());
        self
    }

    /// 400 `bad_request`.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 401 `unauthenticated`.
    pub fn unauthenticated() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "sign in or send Authorization: Bearer <token>",
        )
    }

    /// 403 `forbidden`.
    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404 `not_found`.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 500 `internal`: logs `detail`, returns a generic message.
    pub fn internal(detail: &dyn std::fmt::Display) -> ApiError {
        tracing::error!(error = %detail, "internal error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error; it has been logged",
        )
    }

    /// The JSON body.
    pub fn body(&self) -> serde_json::Value {
        json!({"error": {"code": self.code, "message": self.message, "field": self.field}})
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_client_error() {
            tracing::debug!(status = %self.status, code = self.code, field = ?self.field, "api client error");
        }
        let mut res = (self.status, Json(self.body())).into_response();
        add_retry_after(&mut res);
        res
    }
}

/// Seconds a client is asked to wait after a 503 (the password hasher's queue wait).
pub const RETRY_AFTER_SECS: u64 = 2;

/// Adds `Retry-After` to a 503 that lacks one (a busy password hasher).
pub fn add_retry_after(res: &mut Response) {
    if res.status() == StatusCode::SERVICE_UNAVAILABLE
        && !res.headers().contains_key(header::RETRY_AFTER)
    {
        res.headers_mut().insert(
            header::RETRY_AFTER,
            header::HeaderValue::from(RETRY_AFTER_SECS),
        );
    }
}

impl From<myo_store::StoreError> for ApiError {
    fn from(e: myo_store::StoreError) -> ApiError {
        match e {
            // The store's own last check on a value names the field and says what is allowed;
            // nothing internal is in it. The edge should have caught it first, so log it.
            myo_store::StoreError::Invalid { field, reason } => {
                tracing::warn!(field, reason, "input refused by the store, not the edge");
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", reason)
                    .with_field(field)
            }
            myo_store::StoreError::Busy { .. } => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                "the server is busy; retry after a few seconds",
            ),
            myo_store::StoreError::Changed { .. } => ApiError::new(
                StatusCode::CONFLICT,
                "changed",
                "this entry changed since you opened it; nothing was saved: read it again and redo the change",
            ),
            other => ApiError::internal(&other),
        }
    }
}

impl From<myo_api::InputError> for ApiError {
    fn from(e: myo_api::InputError) -> ApiError {
        let message = match &e.allowed {
            Some(a) => format!("{} (allowed: {a})", e.message),
            None => e.message.clone(),
        };
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", message)
            .with_field(e.field)
    }
}

/// A JSON body: 415 unless `Content-Type: application/json`, 413 over the body limit, 400
/// `malformed_json` for a syntax error (field `$`, with line and column), 422 `invalid_input` naming
/// the field for a shape error.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        parse_json(&json_body(req, state).await?).map(ApiJson)
    }
}

/// Any JSON value as the body, with [`ApiJson`]'s errors. Parsed once, straight into a `Value`
/// (`ApiJson<Value>` would parse, then copy the tree through the path-tracking deserializer,
/// which can never fail for a `Value`).
#[derive(Debug, Clone)]
pub struct ApiJsonValue(pub serde_json::Value);

impl<S: Send + Sync> FromRequest<S> for ApiJsonValue {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        parse_value(&json_body(req, state).await?).map(ApiJsonValue)
    }
}

/// Query-string parameters with [`ApiError`]'s JSON errors: a value that does not parse is 400
/// `bad_request` naming the parameter (axum's own `Query` would answer in plain text).
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        parse_query(parts.uri.query().unwrap_or(""))
            .map(ApiQuery)
            .map_err(|e| ApiError::bad_request(e.message).with_field(e.field))
    }
}

/// A query-string value that did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// The parameter (`limit`); `$` when the query as a whole is at fault.
    pub field: String,
    /// What is wrong, without the value.
    pub message: String,
}

/// Parses a query string (`a=1&b=x`, without the `?`) into `T`, naming the parameter on error.
pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, QueryError> {
    let deserializer =
        serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let path = e.path().to_string();
        QueryError {
            field: if path == "." { "$".to_owned() } else { path },
            message: e.into_inner().to_string(),
        }
    })
}

/// The body of a JSON request: 415 unless `Content-Type: application/json`, 413 over the limit.
async fn json_body<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, ApiError> {
    let json_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
        });
    if !json_type {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send Content-Type: application/json",
        ));
    }
    Bytes::from_request(req, state)
        .await
        .map_err(|r| body_error(r.status()))
}

/// Maps a body-read failure: 413 when over the limit.
pub fn body_error(status: StatusCode) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "request body is over the size limit (64 KiB)",
        )
    } else {
        ApiError::bad_request("could not read the request body")
    }
}

/// Parses JSON text into a `Value`; a syntax error is 400 `malformed_json` (field `$`).
fn parse_value(bytes: &[u8]) -> Result<serde_json::Value, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed_json",
            format!("invalid JSON at line {} column {}", e.line(), e.column()),
        )
        .with_field("$")
    })
}

/// Parses JSON text into `T`, naming the failing field.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value = parse_value(bytes)?;
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "$".to_owned() } else { path };
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            e.into_inner().to_string(),
        )
        .with_field(field)
    })
}
