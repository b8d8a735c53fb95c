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

fn millis(d: std::time::Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// A local path to return to after sign-in; anything else (other sites, `//host`, control
/// characters or spaces that browsers strip into `//host`) is ignored.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if crate::boundary::local_path(n) => n.to_owned(),
        _ => "/account".to_owned(),
    }
}

/// See other (after a successful POST).
pub(super) fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

// ---- sign-in ----------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "signin.html")]
struct SigninPage {
    l: Layout,
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<String>,
}

/// `?next=&done=`
#[derive(Debug, Deserialize)]
pub struct SigninQuery {
    /// Where to go after sign-in.
    pub next: Option<String>,
    /// A fixed notice code.
    pub done: Option<String>,
}

/// `GET /signin`
pub async fn signin_form(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
    PageQuery(q): PageQuery<SigninQuery>,
) -> Response {
    if user.is_some() {
        return see_other(&safe_next(q.next.as_deref()));
    }
    // Fixed notices, by code; their words are in the message catalogue.
    let notice = match q.done.as_deref() {
        Some("deleted") => Some("signin-notice-deleted"),
        Some("signed-out") => Some("signin-notice-signed-out"),
        Some("handed-over") => Some("signin-notice-handed-over"),
        Some("reset") => Some("signin-notice-reset"),
        Some("signed-up") => Some("signin-notice-signed-up"),
        Some("signed-up-no-zone") => Some("signin-notice-signed-up-no-zone"),
        _ => None,
    }
    .map(|key| state.tr(loc.lang).t(key));
    let page = SigninPage {
        l: Layout::new(
            &state,
            None,
            &loc,
            state.tr(loc.lang).t("title-signin"),
            "signin",
        ),
        email: String::new(),
        next: safe_next(q.next.as_deref()),
        error: None,
        notice,
    };
    render(&page)
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub struct SigninForm {
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// Password.
    #[serde(default)]
    pub password: String,
    /// Where to go next.
    pub next: Option<String>,
}

fn signin_again(
    state: &AppState,
    loc: &crate::i18n::Locale,
    email: &str,
    next: &str,
    status: StatusCode,
    error: &str,
) -> Response {
    // A fixed message is shown in the page's language; one with numbers in it stays as made.
    let tr = state.tr(loc.lang);
    let error = match state.catalog().key_of_english(error, "signin-err-") {
        Some(key) => tr.t(&key),
        None => error.to_owned(),
    };
    let page = SigninPage {
        l: Layout::new(state, None, loc, tr.t("title-signin"), "signin"),
        email: email.to_owned(),
        next: next.to_owned(),
        error: Some(error),
        notice: None,
    };
    let mut res = render(&page);
    *res.status_mut() = status;
    res
}

/// The address an attempt is counted against (`unknown` when the peer is not known).
pub(super) fn address(client: &Client) -> &str {
    client.ip.as_deref().unwrap_or("unknown")
}

/// Reserves one password check for `email` from `client` before the hash is verified (see
/// `myo_store::throttle`). `Err` is the 429 page to send; the first refusal of each minute
/// for this account and address is audited, the others only counted.
async fn reserve_check(
    state: &AppState,
    email: &str,
    client: &Client,
) -> Result<Result<(), std::time::Duration>, StoreError> {
    let attempt = Attempt::SignIn {
        account: email,
        address: address(client),
    };
    let policy = state.config().throttle_policy();
    match state
        .store()
        .reserve_attempt(attempt, &policy, Timestamp::now())
        .await?
    {
        Reservation::Allowed => Ok(Ok(())),
        Reservation::Refused {
            retry_after,
            first_in_minute,
        } => {
            if first_in_minute {
                let mut e = audit(
                    None,
                    client,
                    action::LOGIN_FAILED,
                    "session",
                    None,
                    Outcome::Denied,
                );
                e.details = Some(r#"{"reason":"rate_limited"}"#.to_owned());
                state.audit(&e).await?;
            }
            Ok(Err(retry_after))
        }
    }
}

/// "Please wait …" for a refused attempt, in whole minutes or seconds.
fn wait_message(retry_after: std::time::Duration) -> String {
    let secs = retry_after.as_secs().max(1);
    if secs >= 90 {
        format!(
            "Too many failed attempts. Please wait {} minutes and try again.",
            secs.div_ceil(60)
        )
    } else {
        format!("Too many failed attempts. Please wait {secs} seconds and try again.")
    }
}

/// Adds `Retry-After` (whole seconds, rounded up) to a refusal.
pub(super) fn with_retry_after(mut res: Response, retry_after: std::time::Duration) -> Response {
    let secs = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
    res.headers_mut()
        .insert(header::RETRY_AFTER, header::HeaderValue::from(secs.max(1)));
    res
}

/// Starts a session for `user`; returns the `Set-Cookie` value.
async fn start_session(
    state: &AppState,
    user: &User,
    client: &Client,
) -> Result<header::HeaderValue, StoreError> {
    let secret = token::random_token();
    let now = Timestamp::now();
    let session = NewSession {
        id: token::session_id_for(&secret),
        user_id: user.id.clone(),
        csrf_token: token::random_token(),
        created_at: now,
        expires_at: now.add_millis(millis(state.config().session_absolute)),
        ip: client.ip.clone(),
        user_agent: client.user_agent.clone(),
    };
    let entry = audit(
        Some(user),
        client,
        action::LOGIN,
        "session",
        None,
        Outcome::Success,
    );
    state.store().create_session(&session, &entry).await?;
    Ok(set_session_cookie(state, &secret))
}

/// `POST /signin`
pub async fn signin(
    State(state): State<AppState>,
    client: Client,
    loc: crate::i18n::Locale,
    Form(f): Form<SigninForm>,
) -> Result<Response, PageError> {
    let email = normalize_email(&f.email);
    let next = safe_next(f.next.as_deref());
    if email.is_empty() || f.password.is_empty() {
        return Ok(signin_again(
            &state,
            &loc,
            &f.email,
            &next,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Enter your e-mail address and password.",
        ));
    }
    if let Err(wait) = reserve_check(&state, &email, &client).await? {
        let page = signin_again(
            &state,
            &loc,
            &f.email,
            &next,
            StatusCode::TOO_MANY_REQUESTS,
            &wait_message(wait),
        );
        return Ok(with_retry_after(page, wait));
    }
    let user = state.store().find_user_by_email(&email).await?;
    let ok = match &user {
        Some(u) => {
            state
                .hasher()
                .verify(f.password.clone(), u.password_hash.clone())
                .await?
                && u.disabled_at.is_none()
        }
        None => {
            // Spend the same time as a real check, so response times do not reveal accounts.
            let dummy = state.dummy_hash().await?;
            let _ = state.hasher().verify(f.password.clone(), dummy).await?;
            false
        }
    };
    if ok {
        let attempt = Attempt::SignIn {
            account: &email,
            address: address(&client),
        };
        state.store().attempt_succeeded(attempt).await?;
    }
    match (ok, user) {
        (true, Some(u)) => {
            let cookie = start_session(&state, &u, &client).await?;
            crate::care::accept_invitations(&state, &u, &client).await?;
            let mut res = see_other(&next);
            res.headers_mut().insert(header::SET_COOKIE, cookie);
            Ok(res)
        }
        (_, user) => {
            let target = user.as_ref().map(|u| u.id.as_str().to_owned());
            let mut e = audit(
                None,
                &client,
                action::LOGIN_FAILED,
                "user",
                target.as_deref(),
                Outcome::Failure,
            );
            // Filed under the account's owner, so they see attempts on their account in "my log".
            if let Some(id) = &target {
                e = e.for_patient(id);
            }
            state.audit(&e).await?;
            Ok(signin_again(
                &state,
                &loc,
                &f.email,
                &next,
                StatusCode::UNAUTHORIZED,
                "The e-mail address or password is wrong.",
            ))
        }
    }
}

// ---- sign-out ---------------------------------------------------------------------------------

/// `POST /signout`
pub async fn signout(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    client: Client,
) -> Result<Response, PageError> {
    if let Some(me) = user {
        let entry = audit(
            Some(&me.user),
            &client,
            action::LOGOUT,
            "session",
            None,
            Outcome::Success,
        );
        match state.store().delete_session(&me.session.id, &entry).await {
            Ok(()) | Err(StoreError::NotFound { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let mut res = see_other("/signin?done=signed-out");
    res.headers_mut()
        .insert(header::SET_COOKIE, clear_session_cookie(&state));
    Ok(res)
}

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

// ---- audit logs -------------------------------------------------------------------------------

/// An audit row for display.
#[derive(Debug, Clone)]
pub struct AuditRow {
    /// Position.
    pub seq: i64,
    /// When.
    pub ts: String,
    /// Actor id or "anonymous".
    pub actor: String,
    /// Actor role.
    pub role: String,
    /// Verb.
    pub action: String,
    /// Record kind and id.
    pub resource: String,
    /// Patient concerned.
    pub patient: String,
    /// Outcome.
    pub outcome: &'static str,
    /// Address.
    pub ip: String,
}

fn row(ev: &AuditEvent) -> AuditRow {
    let e = &ev.entry;
    AuditRow {
        seq: ev.seq,
        ts: e.ts.to_rfc3339(),
        actor: e.actor_id.clone().unwrap_or_else(|| "anonymous".into()),
        role: e.actor_role.clone().unwrap_or_default(),
        action: e.action.clone(),
        resource: match &e.resource_id {
            Some(id) => format!("{} {id}", e.resource_type),
            None => e.resource_type.clone(),
        },
        patient: e.patient_id.clone().unwrap_or_default(),
        outcome: e.outcome.as_str(),
        ip: e.source_ip.clone().unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    l: Layout,
    intro: &'static str,
    rows: Vec<AuditRow>,
    next_before: Option<i64>,
    base: &'static str,
    chain: Option<String>,
}

/// `?before=&verify=`
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    /// Keyset paging: events older than this `seq`.
    pub before: Option<i64>,
    /// `1` re-checks the hash chain.
    pub verify: Option<String>,
}

const PAGE: u32 = 100;

/// `GET /account/audit`: what the user did, and every access to their record.
pub async fn my_audit(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    PageQuery(q): PageQuery<AuditQuery>,
) -> Result<Response, PageError> {
    let id = me.user.id.as_str().to_owned();
    let by_me = AuditFilter {
        actor_id: Some(id.clone()),
        before_seq: q.before,
        limit: PAGE,
        ..AuditFilter::default()
    };
    let about_me = AuditFilter {
        patient_id: Some(id.clone()),
        before_seq: q.before,
        limit: PAGE,
        ..AuditFilter::default()
    };
    let mut events = state.store().list_audit(&by_me).await?;
    events.extend(state.store().list_audit(&about_me).await?);
    events.sort_by_key(|e| std::cmp::Reverse(e.seq));
    events.dedup_by_key(|e| e.seq);
    events.truncate(PAGE as usize);
    let e = audit(
        Some(&me.user),
        &client,
        action::READ,
        "audit_log",
        None,
        Outcome::Success,
    )
    .for_patient(&id);
    state.audit(&e).await?;
    let next_before = (events.len() == PAGE as usize)
        .then(|| events.last().map(|e| e.seq))
        .flatten();
    let page = AuditPage {
        l: Layout::new(
            &state,
            Some(&me),
            &me.locale,
            "Your activity log",
            "account",
        ),
        intro: "Every sign-in, change and access concerning your account, newest first.",
        rows: events.iter().map(row).collect(),
        next_before,
        base: "/account/audit",
        chain: None,
    };
    Ok(render(&page))
}

/// `GET /admin/audit`: the whole log, admins only (403 for other roles).
pub async fn admin_audit(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    PageQuery(q): PageQuery<AuditQuery>,
) -> Result<Response, PageError> {
    if !is_admin(&me.user) {
        let e = audit(
            Some(&me.user),
            &client,
            action::READ,
            "audit_log",
            None,
            Outcome::Denied,
        );
        state.audit(&e).await?;
        return Err(PageError(
            StatusCode::FORBIDDEN,
            "Only administrators can view the audit log.".into(),
        ));
    }
    let filter = AuditFilter {
        before_seq: q.before,
        limit: PAGE,
        ..AuditFilter::default()
    };
    let events = state.store().list_audit(&filter).await?;
    let e = audit(
        Some(&me.user),
        &client,
        action::READ,
        "audit_log",
        None,
        Outcome::Success,
    );
    state.audit(&e).await?;
    let chain = if q.verify.as_deref() == Some("1") {
        let r = state.store().verify_audit_chain().await?;
        Some(match r.first_broken {
            None => format!("Hash chain intact ({} events checked).", r.events),
            Some(seq) => format!(
                "Hash chain BROKEN at event {seq} ({} events checked).",
                r.events
            ),
        })
    } else {
        None
    };
    let next_before = (events.len() == PAGE as usize)
        .then(|| events.last().map(|e| e.seq))
        .flatten();
    let page = AuditPage {
        l: Layout::new(&state, Some(&me), &me.locale, "Audit log", "admin"),
        intro: "Every audited event, newest first.",
        rows: events.iter().map(row).collect(),
        next_before,
        base: "/admin/audit",
        chain,
    };
    Ok(render(&page))
}
