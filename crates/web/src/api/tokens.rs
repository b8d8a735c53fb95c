//! Per-user API tokens: list, create (the secret is shown once), revoke; and `GET /me`.
//! Tokens are stored as SHA-256 hashes only; every create and revoke is audited.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use myo_store::{
    ApiToken, NewApiToken, Outcome, StoreError, Timestamp, TokenId, User, audit::action, token,
};
use serde_json::{Value, json};

use crate::AppState;
use crate::auth::{ApiUser, Client, TOKEN_PREFIX, audit};
use crate::error::ApiError;

/// Longest token name accepted.
pub const MAX_NAME_CHARS: usize = 100;

/// A token as shown to its owner (never the secret or its hash).
pub fn token_json(t: &ApiToken) -> Value {
    json!({
        "id": t.id.as_str(),
        "name": t.name,
        "prefix": t.prefix,
        "created_at": t.created_at.to_rfc3339(),
        "last_used_at": t.last_used_at.map(Timestamp::to_rfc3339),
        "revoked_at": t.revoked_at.map(Timestamp::to_rfc3339),
    })
}

/// Validates a token name, naming the field.
pub fn check_name(name: &str) -> Result<String, ApiError> {
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            format!("name must be 1 to {MAX_NAME_CHARS} printable characters"),
        )
        .with_field("name"));
    }
    Ok(name.to_owned())
}

/// Creates a token for `user`; returns it with its secret (shown once, never stored).
pub async fn create_for(
    state: &AppState,
    user: &User,
    name: String,
    client: &Client,
) -> Result<(ApiToken, String), StoreError> {
    let secret = format!("{TOKEN_PREFIX}{}", token::random_token());
    let id = TokenId::random();
    let new = NewApiToken {
        id: id.clone(),
        user_id: user.id.clone(),
        name,
        token_hash: token::hash_secret(&secret),
        prefix: secret.chars().take(12).collect(),
        created_at: Timestamp::now(),
    };
    let entry = audit(
        Some(user),
        client,
        action::CREATE,
        "api_token",
        Some(id.as_str()),
        Outcome::Success,
    );
    let tok = state.store().create_token(&new, &entry).await?;
    Ok((tok, secret))
}

/// Revokes one of `user`'s tokens; `Ok(false)` when it is not theirs or already revoked.
pub async fn revoke_for(
    state: &AppState,
    user: &User,
    id: &str,
    client: &Client,
) -> Result<bool, StoreError> {
    let entry = audit(
        Some(user),
        client,
        action::DELETE,
        "api_token",
        Some(id),
        Outcome::Success,
    );
    match state
        .store()
        .revoke_token(&user.id, &TokenId(id.to_owned()), Timestamp::now(), &entry)
        .await
    {
        Ok(()) => Ok(true),
        Err(StoreError::NotFound { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// `GET /api/v1/tokens`: the caller's tokens, newest first, revoked ones included.
pub async fn list(State(state): State<AppState>, me: ApiUser) -> Result<Json<Value>, ApiError> {
    let tokens = state.store().list_tokens(&me.user.id).await?;
    Ok(Json(
        json!({"tokens": tokens.iter().map(token_json).collect::<Vec<_>>()}),
    ))
}

/// `POST /api/v1/tokens`: always 403 for an authenticated caller. A token cannot mint tokens
/// (a leaked one could otherwise give itself an heir that outlives its revocation); tokens are
/// created from a signed-in browser session on the account page.
pub async fn create(_me: ApiUser) -> Result<Response, ApiError> {
    Err(ApiError::forbidden(
        "a token cannot create tokens; create one on your account page while signed in",
    ))
}

/// `DELETE /api/v1/tokens/{id}`: 204; 404 when the id is unknown, revoked or someone else's
/// (the same answer, so ids of other people's tokens cannot be probed).
pub async fn revoke(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if revoke_for(&state, &me.user, &id, &client).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("no such active token of yours").with_field("id"))
    }
}

/// `GET /api/v1/me`: the token owner's account.
pub async fn me(me: ApiUser) -> Json<Value> {
    let u = &me.user;
    Json(json!({
        "id": u.id.as_str(),
        "email": u.email,
        "display_name": u.display_name,
        "role": u.role.as_str(),
        "created_at": u.created_at.to_rfc3339(),
    }))
}
