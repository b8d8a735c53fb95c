//! Accounts: sign-in (rate-limited per account and per address, across processes, through the
//! store; sign-up is in [`super::signup`]), sign-out, account settings (password, API tokens, sessions, deletion), the
//! patient's own audit log and the admin audit viewer. Every sign-in attempt, sign-out and
//! account change is audited.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::throttle::{Attempt, Reservation};
use myo_store::{
    AuditEvent, AuditFilter, NewSession, Outcome, SessionId, StoreError, Timestamp, User,
    audit::action, normalize_email, password, token,
};
use serde::Deserialize;

use super::{Layout, PageError, PageQuery, render};
use crate::AppState;
use crate::api::tokens::{check_name, create_for, revoke_for, token_json};
use crate::auth::{
    Client, CurrentUser, MaybeUser, SignedIn, audit, clear_session_cookie, is_admin,
    set_session_cookie,
};

mod audit_log;
mod session;

pub use audit_log::*;
pub use session::*;

// ---- account settings -------------------------------------------------------------------------

/// A token row.
#[derive(Debug, Clone)]
pub struct TokenRow {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Prefix of the secret.
    pub prefix: String,
    /// Created.
    pub created_at: String,
    /// Last used.
    pub last_used_at: String,
    /// Revoked.
    pub revoked: bool,
}

/// A session row.
#[derive(Debug, Clone)]
pub struct SessionRow {
    /// Id (hash of the cookie).
    pub id: String,
    /// Signed in.
    pub created_at: String,
    /// Last request.
    pub last_seen_at: String,
    /// Address at sign-in.
    pub ip: String,
    /// Browser at sign-in.
    pub user_agent: String,
    /// This browser.
    pub current: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    l: Layout,
    email: String,
    display_name: String,
    role: &'static str,
    created_at: String,
    tokens: Vec<TokenRow>,
    sessions: Vec<SessionRow>,
    notice: Option<&'static str>,
    new_token: Option<String>,
    error: Option<(&'static str, String)>,
    min_len: usize,
}

impl AccountPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

async fn account_page(
    state: &AppState,
    me: &CurrentUser,
    notice: Option<&'static str>,
    new_token: Option<String>,
    error: Option<(&'static str, String)>,
) -> Result<AccountPage, StoreError> {
    let store = state.store();
    let tokens = store
        .list_tokens(&me.user.id)
        .await?
        .iter()
        .map(|t| {
            let j = token_json(t);
            TokenRow {
                id: t.id.as_str().to_owned(),
                name: t.name.clone(),
                prefix: t.prefix.clone(),
                created_at: j["created_at"].as_str().unwrap_or_default().to_owned(),
                last_used_at: j["last_used_at"].as_str().unwrap_or("never").to_owned(),
                revoked: t.revoked_at.is_some(),
            }
        })
        .collect();
    let sessions = store
        .list_user_sessions(&me.user.id)
        .await?
        .into_iter()
        .map(|s| SessionRow {
            current: s.id == me.session.id,
            id: s.id.as_str().to_owned(),
            created_at: s.created_at.to_rfc3339(),
            last_seen_at: s.last_seen_at.to_rfc3339(),
            ip: s.ip.unwrap_or_else(|| "unknown".into()),
            user_agent: s.user_agent.unwrap_or_else(|| "unknown".into()),
        })
        .collect();
    let u = &me.user;
    Ok(AccountPage {
        l: Layout::new(state, Some(me), &me.locale, "Your account", "account"),
        email: u.email.clone(),
        display_name: u.display_name.clone(),
        role: u.role.as_str(),
        created_at: u.created_at.to_rfc3339(),
        tokens,
        sessions,
        notice,
        new_token,
        error,
        min_len: password::MIN_LEN,
    })
}

/// `?done=`
#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    /// A fixed notice code (never echoed).
    pub done: Option<String>,
}

fn notice(code: Option<&str>) -> Option<&'static str> {
    match code? {
        "welcome" => Some("Welcome! Your account is ready."),
        "password" => Some("Your password has been changed. Other sessions were signed out."),
        "token-revoked" => Some("The token has been revoked."),
        "session-revoked" => Some("The session has been signed out."),
        _ => None,
    }
}

/// `GET /account`
pub async fn page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    PageQuery(q): PageQuery<DoneQuery>,
) -> Result<Response, PageError> {
    Ok(render(
        &account_page(&state, &me, notice(q.done.as_deref()), None, None).await?,
    ))
}

async fn account_error(
    state: &AppState,
    me: &CurrentUser,
    field: &'static str,
    msg: String,
) -> Result<Response, PageError> {
    let mut res = render(&account_page(state, me, None, None, Some((field, msg))).await?);
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

/// The change-password form.
#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    /// Current password.
    #[serde(default)]
    pub current_password: String,
    /// New password.
    #[serde(default)]
    pub new_password: String,
    /// New password again.
    #[serde(default)]
    pub new_password_confirm: String,
    /// Ticked to keep API tokens working; by default a password change revokes them.
    pub keep_tokens: Option<String>,
}

/// `POST /account/password`: checks the current password (throttled like sign-in), sets the
/// new one, signs out every other session and, unless asked to keep them, revokes API tokens.
pub async fn change_password(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Form(f): Form<PasswordForm>,
) -> Result<Response, PageError> {
    let email = normalize_email(&me.user.email);
    if let Err(wait) = reserve_check(&state, &email, &client).await? {
        let mut res = account_error(&state, &me, "current_password", wait_message(wait)).await?;
        *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        return Ok(with_retry_after(res, wait));
    }
    if !state
        .hasher()
        .verify(f.current_password.clone(), me.user.password_hash.clone())
        .await?
    {
        let e = audit(
            Some(&me.user),
            &client,
            action::UPDATE,
            "user",
            Some(me.user.id.as_str()),
            Outcome::Failure,
        );
        state.audit(&e).await?;
        return account_error(
            &state,
            &me,
            "current_password",
            "The current password is wrong.".into(),
        )
        .await;
    }
    if password::check_policy(&f.new_password).is_err() {
        return account_error(
            &state,
            &me,
            "new_password",
            format!("Use at least {} characters.", password::MIN_LEN),
        )
        .await;
    }
    if f.new_password != f.new_password_confirm {
        return account_error(
            &state,
            &me,
            "new_password_confirm",
            "The two new passwords differ.".into(),
        )
        .await;
    }
    let hash = state.hasher().hash(f.new_password.clone()).await?;
    let mut e = audit(
        Some(&me.user),
        &client,
        action::UPDATE,
        "user",
        Some(me.user.id.as_str()),
        Outcome::Success,
    );
    e.details = Some(r#"{"change":"password"}"#.to_owned());
    state.store().set_password(&me.user.id, &hash, &e).await?;
    let e = audit(
        Some(&me.user),
        &client,
        action::DELETE,
        "session",
        None,
        Outcome::Success,
    );
    state
        .store()
        .delete_user_sessions(&me.user.id, Some(&me.session.id), &e)
        .await?;
    let checked = Attempt::SignIn {
        account: &email,
        address: address(&client),
    };
    state.store().attempt_succeeded(checked).await?;
    if f.keep_tokens.is_none() {
        revoke_all_tokens(&state, &me.user, &client).await?;
    }
    Ok(see_other("/account?done=password"))
}

/// Revokes every live API token of `user` (after a password change), one audit event each.
async fn revoke_all_tokens(
    state: &AppState,
    user: &User,
    client: &Client,
) -> Result<(), StoreError> {
    let now = Timestamp::now();
    for t in state.store().list_tokens(&user.id).await? {
        if t.revoked_at.is_some() {
            continue;
        }
        let mut e = audit(
            Some(user),
            client,
            action::DELETE,
            "api_token",
            Some(t.id.as_str()),
            Outcome::Success,
        );
        e.details = Some(r#"{"reason":"password_changed"}"#.to_owned());
        match state.store().revoke_token(&user.id, &t.id, now, &e).await {
            Ok(()) | Err(StoreError::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The new-token form.
#[derive(Debug, Deserialize)]
pub struct TokenForm {
    /// Label.
    #[serde(default)]
    pub name: String,
}

/// `POST /account/tokens`: the page comes back with the secret shown once (not in a URL).
pub async fn create_token(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Form(f): Form<TokenForm>,
) -> Result<Response, PageError> {
    let Ok(name) = check_name(&f.name) else {
        return account_error(
            &state,
            &me,
            "token_name",
            "Give the token a name of 1 to 100 characters.".into(),
        )
        .await;
    };
    let (_, secret) = create_for(&state, &me.user, name, &client).await?;
    Ok(render(
        &account_page(
            &state,
            &me,
            Some("Token created. Copy it now: it will not be shown again."),
            Some(secret),
            None,
        )
        .await?,
    ))
}

/// `POST /account/tokens/{id}/revoke`
pub async fn revoke_token(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    if revoke_for(&state, &me.user, &id, &client).await? {
        Ok(see_other("/account?done=token-revoked"))
    } else {
        Err(PageError(
            StatusCode::NOT_FOUND,
            "No such active token of yours.".into(),
        ))
    }
}

/// `POST /account/sessions/{id}/revoke`: only the user's own sessions.
pub async fn revoke_session(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let mine = state.store().list_user_sessions(&me.user.id).await?;
    let Some(target) = mine.into_iter().find(|s| s.id.as_str() == id) else {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            "No such session of yours.".into(),
        ));
    };
    let e = audit(
        Some(&me.user),
        &client,
        action::LOGOUT,
        "session",
        None,
        Outcome::Success,
    );
    state
        .store()
        .delete_session(&SessionId(target.id.as_str().to_owned()), &e)
        .await?;
    if target.id == me.session.id {
        let mut res = see_other("/signin?done=signed-out");
        res.headers_mut()
            .insert(header::SET_COOKIE, clear_session_cookie(&state));
        return Ok(res);
    }
    Ok(see_other("/account?done=session-revoked"))
}

/// The delete-account form.
#[derive(Debug, Deserialize)]
pub struct DeleteForm {
    /// Password, to confirm.
    #[serde(default)]
    pub password: String,
    /// `yes` when the box is ticked.
    #[serde(default)]
    pub confirm: String,
    /// What happens to community posts: `anonymise` keeps them as "former member"; anything
    /// else (the default) deletes them with the account.
    #[serde(default)]
    pub posts: String,
}

/// `POST /account/delete`: needs the password and the confirmation box.
pub async fn delete_account(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Form(f): Form<DeleteForm>,
) -> Result<Response, PageError> {
    if f.confirm != "yes" {
        return account_error(
            &state,
            &me,
            "delete_confirm",
            "Tick the box to confirm.".into(),
        )
        .await;
    }
    let email = normalize_email(&me.user.email);
    if let Err(wait) = reserve_check(&state, &email, &client).await? {
        let mut res = account_error(&state, &me, "delete_password", wait_message(wait)).await?;
        *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        return Ok(with_retry_after(res, wait));
    }
    if !state
        .hasher()
        .verify(f.password.clone(), me.user.password_hash.clone())
        .await?
    {
        return account_error(
            &state,
            &me,
            "delete_password",
            "The password is wrong.".into(),
        )
        .await;
    }
    let anonymise = f.posts == "anonymise";
    if anonymise {
        // Kept, detached from the account, before the account (and with it, by cascade, any
        // post still linked to it) is deleted.
        let e = audit(
            Some(&me.user),
            &client,
            action::UPDATE,
            crate::community::POST,
            None,
            Outcome::Success,
        );
        state.store().anonymise_posts(&me.user.id, &e).await?;
    }
    let e = audit(
        Some(&me.user),
        &client,
        action::DELETE,
        "user",
        Some(me.user.id.as_str()),
        Outcome::Success,
    );
    match state.store().delete_user(&me.user.id, &e).await {
        Ok(()) => {}
        Err(StoreError::LastAdmin) => {
            return account_error(
                &state,
                &me,
                "delete_last_admin",
                format!(
                    "You are the only active admin. Make another account an admin first, then delete this one.{}",
                    if anonymise {
                        " Your community posts were already detached from your account, as you chose."
                    } else {
                        ""
                    }
                ),
            )
            .await;
        }
        Err(other) => return Err(other.into()),
    }
    let mut res = see_other("/signin?done=deleted");
    res.headers_mut()
        .insert(header::SET_COOKIE, clear_session_cookie(&state));
    Ok(res)
}
