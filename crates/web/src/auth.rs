//! Who is asking: the session middleware (cookie → [`CurrentUser`] in request extensions), the
//! extractors handlers use ([`SignedIn`], [`MaybeUser`], [`ApiUser`]), cookies, client details
//! and audit helpers.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::{AuditEntry, Outcome, Role, Session, Timestamp, TokenId, User, token};

use crate::AppState;
use crate::error::ApiError;
use crate::security::url::encode;

/// The signed-in account and its session, put in request extensions by [`session_layer`].
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// The account.
    pub user: User,
    /// The session (its `csrf_token` protects forms).
    pub session: Session,
    /// The request's language (set by [`crate::i18n::layer`]).
    pub locale: crate::i18n::Locale,
}

/// Where a request came from, for the audit log and address rate limits.
#[derive(Debug, Clone, Default)]
pub struct Client {
    /// Peer address (or the `X-Forwarded-For` hop set by the nearest untrusted hop when
    /// `--trust-proxy N`).
    pub ip: Option<String>,
    /// `User-Agent`, shortened.
    pub user_agent: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Client
where
    AppState: axum::extract::FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Client, Self::Rejection> {
        let app = <AppState as axum::extract::FromRef<S>>::from_ref(state);
        let forwarded = forwarded_client(&parts.headers, app.config().trust_proxy);
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string());
        let user_agent = header_str(&parts.headers, header::USER_AGENT.as_str())
            .map(|ua| ua.chars().take(200).collect());
        Ok(Client {
            ip: forwarded.or(peer),
            user_agent,
        })
    }
}

/// The client address behind `trusted` reverse proxies: the `X-Forwarded-For` hop `trusted`
/// places from the right (each proxy appends the address it saw, so hops further left were
/// written by the client and prove nothing). `None` (use the peer) when no proxy is trusted,
/// the header is missing, has too few hops or the hop is not an IP address. Several headers
/// are read as one list, in order.
pub fn forwarded_client(headers: &HeaderMap, trusted: usize) -> Option<String> {
    if trusted == 0 {
        return None;
    }
    let mut hops: Vec<&str> = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        let text = value.to_str().ok()?;
        hops.extend(text.split(',').map(str::trim));
    }
    let hop = hops.len().checked_sub(trusted).map(|i| hops[i])?;
    hop.parse::<std::net::IpAddr>()
        .ok()
        .map(|ip| ip.to_string())
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The session cookie's value, if sent.
pub fn session_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    cookie(headers, name).map(str::to_owned)
}

/// `Set-Cookie` for a new session: `HttpOnly`, `SameSite=Strict`, path `/`, and `Secure` with the
/// `__Host-` name when secure cookies are on. No `Max-Age`: the server enforces expiry, and a
/// browser session cookie leaves no trace once the browser closes.
pub fn set_session_cookie(state: &AppState, value: &str) -> HeaderValue {
    let c = state.config();
    let secure = if c.secure_cookies { "; Secure" } else { "" };
    let text = format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Strict{secure}",
        c.cookie_name()
    );
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_session_cookie(state: &AppState) -> HeaderValue {
    let c = state.config();
    let secure = if c.secure_cookies { "; Secure" } else { "" };
    let text = format!(
        "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}",
        c.cookie_name()
    );
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn millis(d: std::time::Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Resolves the session cookie into a [`CurrentUser`] extension. Expired, idle or disabled
/// sessions are ignored (the user is anonymous); a store failure is logged and also treated as
/// anonymous, so public pages keep working while the database is down.
pub async fn session_layer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    if let Some(value) = session_cookie(req.headers(), state.config().cookie_name()) {
        let id = token::session_id_for(&value);
        match state.store().get_session_user(&id).await {
            Ok(Some((session, user))) => {
                let now = Timestamp::now();
                let idle_deadline = session
                    .last_seen_at
                    .add_millis(millis(state.config().session_idle));
                if session.expires_at > now && idle_deadline > now && user.disabled_at.is_none() {
                    // Touch at most once a minute: one write per request would serialise SQLite.
                    if now.as_millis() - session.last_seen_at.as_millis() > 60_000
                        && let Err(e) = state.store().touch_session(&session.id, now).await
                    {
                        tracing::warn!(error = %e, "touch_session failed");
                    }
                    req.extensions_mut().insert(CurrentUser {
                        user,
                        session,
                        locale: crate::i18n::Locale::default(),
                    });
                }
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    next.run(req).await
}

/// A page extractor: the signed-in user, or a redirect to the sign-in page.
#[derive(Debug, Clone)]
pub struct SignedIn(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<SignedIn, Response> {
        match parts.extensions.get::<CurrentUser>() {
            Some(u) => Ok(SignedIn(u.clone())),
            None => {
                let next = parts.uri.path_and_query().map_or("/", |p| p.as_str());
                Err(Redirect::to(&format!("/signin?next={}", encode(next))).into_response())
            }
        }
    }
}

/// A page extractor: the signed-in user if any. Never fails.
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<CurrentUser>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<MaybeUser, Self::Rejection> {
        Ok(MaybeUser(parts.extensions.get::<CurrentUser>().cloned()))
    }
}

/// Prefix of every API token, so leaked tokens are recognisable by secret scanners.
pub const TOKEN_PREFIX: &str = "myo_";

/// An API caller authenticated by `Authorization: Bearer myo_…`. A missing, malformed, unknown
/// or revoked token is 401; a disabled account is 403.
#[derive(Debug, Clone)]
pub struct ApiUser {
    /// The token's owner.
    pub user: User,
    /// The token used.
    pub token_id: TokenId,
}

impl<S: Send + Sync> FromRequestParts<S> for ApiUser
where
    AppState: axum::extract::FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<ApiUser, ApiError> {
        let app = <AppState as axum::extract::FromRef<S>>::from_ref(state);
        let Some(auth) = parts.headers.get(header::AUTHORIZATION) else {
            return Err(ApiError::unauthenticated());
        };
        let secret = auth
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| t.starts_with(TOKEN_PREFIX))
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "unauthenticated",
                    "expected Authorization: Bearer myo_…",
                )
                .with_field("Authorization")
            })?;
        let store = app.store();
        let invalid = || {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "unknown or revoked token",
            )
        };
        let tok = store
            .find_token_by_hash(&token::hash_secret(secret))
            .await?
            .ok_or_else(invalid)?;
        if tok.revoked_at.is_some() {
            return Err(invalid());
        }
        let user = store.get_user(&tok.user_id).await?.ok_or_else(invalid)?;
        if user.disabled_at.is_some() {
            return Err(ApiError::forbidden("this account is disabled"));
        }
        // Best effort: a failed bookkeeping write must not fail the request.
        if let Err(e) = store.touch_token(&tok.id, Timestamp::now()).await {
            tracing::warn!(error = %e, "touch_token failed");
        }
        Ok(ApiUser {
            user,
            token_id: tok.id,
        })
    }
}

/// An audit entry by `user` (or anonymous) from `client`.
pub fn audit(
    user: Option<&User>,
    client: &Client,
    action: &str,
    resource_type: &str,
    resource_id: Option<&str>,
    outcome: Outcome,
) -> AuditEntry {
    let mut e = AuditEntry::new(
        Timestamp::now(),
        action,
        resource_type,
        resource_id,
        outcome,
    );
    e = match user {
        Some(u) => e.by(Some(u.id.as_str()), u.role.as_str()),
        None => e.by(None, "anonymous"),
    };
    e.source_ip = client.ip.clone();
    e.user_agent = client.user_agent.clone();
    e
}

/// Records an access to someone's health data **before** it is served (every read and
/// write of health data is audited). `patient_id` is whose record it is; `action` is one of
/// `myo_store::audit::action` (`read`, `create`, `update`, `delete`, `export`, …). Handlers must
/// refuse to serve the data when this fails. Writes should instead pass the entry to the store
/// method that makes the change, so both commit in one transaction.
pub async fn record_access(
    state: &AppState,
    actor: &User,
    client: &Client,
    access: (&str, &str, Option<&str>),
    patient_id: &str,
) -> Result<(), myo_store::StoreError> {
    let (action, resource_type, resource_id) = access;
    let entry = audit(
        Some(actor),
        client,
        action,
        resource_type,
        resource_id,
        Outcome::Success,
    )
    .for_patient(patient_id);
    state.audit(&entry).await
}

/// True when `user` may view the whole audit log.
pub fn is_admin(user: &User) -> bool {
    user.role == Role::Admin
}
