//! Account recovery. "Forgot password" (`/forgot`) e-mails a single-use link that works for 30
//! minutes; without `--smtp-url`, an admin makes a link from `/admin/users` (24 hours) and
//! hands it over. Choosing the new password (`/reset`) ends every session and revokes every API
//! token in the same transaction.
//!
//! The answer to a request never tells whether the address has an account: the same page and
//! status either way, the same store transaction either way (the request is counted against the
//! typed address and the client address before the account is looked up), and the message is
//! sent off the request path. Secrets are stored only as SHA-256.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::recovery::{ResetIssued, ResetRequest};
use myo_store::{Outcome, Timestamp, UserId, audit::action, password, token};
use serde::Deserialize;

use super::admin::require_admin;
use super::{Layout, PageError, render};
use crate::AppState;
use crate::auth::{Client, SignedIn, audit};

/// The audit `resource_type` of reset links.
const RESOURCE: &str = "password_reset";
/// The least time a "forgot password" answer takes: the extra row written for an account (and
/// the message handed to the mailer) then cannot be told apart by timing.
pub const ANSWER_FLOOR: std::time::Duration = std::time::Duration::from_millis(200);
/// How long an admin-made link works.
pub const ADMIN_LINK_HOURS: i64 = 24;

#[derive(Template)]
#[template(path = "forgot.html")]
struct ForgotPage {
    l: Layout,
    can_mail: bool,
    ttl_minutes: i64,
    email: String,
    notice: Option<String>,
    error: Option<String>,
}

fn forgot_page(
    state: &AppState,
    loc: &crate::i18n::Locale,
    email: &str,
    notice: Option<String>,
    error: Option<String>,
) -> ForgotPage {
    ForgotPage {
        l: Layout::new(
            state,
            None,
            loc,
            state.tr(loc.lang).t("title-forgot"),
            "signin",
        ),
        can_mail: state.mailer().is_some(),
        ttl_minutes: state.config().reset_policy.ttl_ms / 60_000,
        email: email.to_owned(),
        notice,
        error,
    }
}

/// `GET /forgot`
pub async fn forgot_form(State(state): State<AppState>, loc: crate::i18n::Locale) -> Response {
    render(&forgot_page(&state, &loc, "", None, None))
}

/// The "forgot password" form.
#[derive(Debug, Deserialize)]
pub struct ForgotForm {
    /// E-mail address.
    #[serde(default)]
    pub email: String,
}

/// `POST /forgot`: the same page and status whether or not the address has an account.
pub async fn forgot(
    State(state): State<AppState>,
    loc: crate::i18n::Locale,
    client: Client,
    Form(f): Form<ForgotForm>,
) -> Result<Response, PageError> {
    let started = tokio::time::Instant::now();
    let typed = f.email.trim();
    if let Err((_, message)) = super::signup::check_email(typed) {
        let mut res = render(&forgot_page(&state, &loc, typed, None, Some(message)));
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let Some(mailer) = state.mailer() else {
        return Ok(render(&forgot_page(&state, &loc, typed, None, None)));
    };
    let secret = token::random_token();
    let hash = token::hash_secret(&secret);
    let request = ResetRequest {
        email: typed,
        address: client.ip.as_deref().unwrap_or("unknown"),
        token_hash: &hash,
        now: Timestamp::now(),
    };
    let mut entry = audit(
        None,
        &client,
        action::CREATE,
        RESOURCE,
        None,
        Outcome::Success,
    );
    entry.details = Some(r#"{"via":"email"}"#.to_owned());
    let policy = state.config().reset_policy;
    match state
        .store()
        .request_password_reset(&request, &policy, &entry)
        .await?
    {
        ResetIssued::Issued(user) => {
            let url = format!("{}/reset/{secret}", state.base_url());
            let tr = state.tr_for(user.language.as_deref());
            mailer.send_later(
                user.email,
                tr.t("mail-reset-subject"),
                reset_mail(&tr, &url, &policy),
            );
        }
        ResetIssued::NoAccount => {}
        ResetIssued::Throttled => {
            let message = "Too many links were asked for. Please wait an hour and try again.";
            let mut res = render(&forgot_page(
                &state,
                &loc,
                typed,
                None,
                Some(message.into()),
            ));
            *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            res.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(policy.window_ms / 1000),
            );
            return Ok(res);
        }
    }
    tokio::time::sleep_until(started + ANSWER_FLOOR).await;
    let notice = state.tr(loc.lang).t2(
        "forgot-sent",
        "email",
        typed,
        "minutes",
        (policy.ttl_ms / 60_000).to_string(),
    );
    Ok(render(&forgot_page(
        &state,
        &loc,
        typed,
        Some(notice),
        None,
    )))
}

/// The password-reset e-mail in the account's language.
pub fn reset_mail(
    tr: &crate::i18n::Tr,
    url: &str,
    policy: &myo_store::recovery::ResetPolicy,
) -> String {
    crate::mail::paragraphs(&[
        tr.t("mail-reset-intro"),
        tr.t1("mail-reset-open", "minutes", policy.ttl_ms / 60_000),
        url.to_owned(),
        format!(
            "{}\r\n{}",
            tr.t("mail-reset-effect"),
            tr.t("mail-reset-ignore")
        ),
    ])
}

#[derive(Template)]
#[template(path = "reset.html")]
struct ResetPage {
    l: Layout,
    valid: bool,
    email: String,
    token: String,
    min_len: usize,
    ttl_minutes: i64,
    error: Option<(&'static str, String)>,
}

impl ResetPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn reset_page(
    state: &AppState,
    loc: &crate::i18n::Locale,
    email: Option<String>,
    secret: &str,
    error: Option<(&'static str, String)>,
) -> Response {
    let valid = email.is_some();
    let page = ResetPage {
        l: Layout::new(
            state,
            None,
            loc,
            state.tr(loc.lang).t("title-reset"),
            "signin",
        ),
        valid,
        email: email.unwrap_or_default(),
        token: if valid {
            secret.to_owned()
        } else {
            String::new()
        },
        min_len: password::MIN_LEN,
        ttl_minutes: state.config().reset_policy.ttl_ms / 60_000,
        error,
    };
    let mut res = render(&page);
    *res.status_mut() = match (valid, page.error.is_some()) {
        (false, _) => StatusCode::NOT_FOUND,
        (true, true) => StatusCode::UNPROCESSABLE_ENTITY,
        (true, false) => StatusCode::OK,
    };
    res
}

/// `GET /reset/{token}`: the form, or "this link does not work" (404).
pub async fn reset_form(
    State(state): State<AppState>,
    loc: crate::i18n::Locale,
    Path(secret): Path<String>,
) -> Result<Response, PageError> {
    let user = state
        .store()
        .find_password_reset(&token::hash_secret(secret.trim()), Timestamp::now())
        .await?;
    Ok(reset_page(
        &state,
        &loc,
        user.map(|u| u.email),
        secret.trim(),
        None,
    ))
}

/// The new-password form.
#[derive(Debug, Deserialize)]
pub struct ResetForm {
    /// The link's secret.
    #[serde(default)]
    pub token: String,
    /// New password.
    #[serde(default)]
    pub password: String,
    /// New password again.
    #[serde(default)]
    pub password_confirm: String,
}

/// `POST /reset`: sets the password, ends every session, revokes API tokens, then sends the
/// person to sign in.
pub async fn reset(
    State(state): State<AppState>,
    loc: crate::i18n::Locale,
    client: Client,
    Form(f): Form<ResetForm>,
) -> Result<Response, PageError> {
    let secret = f.token.trim();
    let hash = token::hash_secret(secret);
    let store = state.store();
    let Some(user) = store.find_password_reset(&hash, Timestamp::now()).await? else {
        return Ok(reset_page(&state, &loc, None, secret, None));
    };
    let problem = if password::check_policy(&f.password).is_err() {
        Some((
            "password",
            format!(
                "Use at least {} characters (a few words make a good password).",
                password::MIN_LEN
            ),
        ))
    } else if f.password != f.password_confirm {
        Some(("password_confirm", "The two passwords differ.".to_owned()))
    } else {
        None
    };
    if let Some(error) = problem {
        return Ok(reset_page(
            &state,
            &loc,
            Some(user.email),
            secret,
            Some(error),
        ));
    }
    let new_hash = state.hasher().hash(f.password.clone()).await?;
    let mut entry = audit(
        Some(&user),
        &client,
        action::UPDATE,
        "user",
        None,
        Outcome::Success,
    );
    entry.details = Some(r#"{"change":"password","via":"reset_link"}"#.to_owned());
    match store
        .redeem_password_reset(&hash, &new_hash, Timestamp::now(), &entry)
        .await?
    {
        Some(_) => Ok(Redirect::to("/signin?done=reset").into_response()),
        // Used by a concurrent request in between.
        None => Ok(reset_page(&state, &loc, None, secret, None)),
    }
}

#[derive(Template)]
#[template(path = "admin_reset_link.html")]
struct AdminLinkPage {
    l: Layout,
    email: String,
    url: String,
    hours: i64,
}

/// `POST /admin/users/{id}/reset-link`: an admin makes a reset link for an account and sees it
/// once (for sites without e-mail, or a person without access to theirs).
pub async fn admin_link(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    origin: crate::origin::LinkOrigin,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    require_admin(
        &state,
        &me,
        &client,
        action::CREATE,
        super::admin::audit_id(&id),
    )
    .await?;
    let gone = || PageError(StatusCode::NOT_FOUND, "There is no such account.".into());
    let user = state
        .store()
        .get_user(&UserId(id.clone()))
        .await?
        .ok_or_else(gone)?;
    if user.disabled_at.is_some() {
        return Err(PageError(
            StatusCode::CONFLICT,
            "This account is disabled. Enable it first, then make the link.".into(),
        ));
    }
    let secret = token::random_token();
    let now = Timestamp::now();
    let mut entry = audit(
        Some(&me.user),
        &client,
        action::CREATE,
        RESOURCE,
        Some(user.id.as_str()),
        Outcome::Success,
    )
    .for_patient(user.id.as_str());
    entry.details = Some(r#"{"via":"admin"}"#.to_owned());
    state
        .store()
        .issue_password_reset(
            &user.id,
            &token::hash_secret(&secret),
            now,
            now.add_millis(ADMIN_LINK_HOURS * 3_600_000),
            &entry,
        )
        .await?;
    let mut res = render(&AdminLinkPage {
        l: Layout::new(
            &state,
            Some(&me),
            &me.locale,
            "Password reset link",
            "users",
        ),
        email: user.email,
        url: origin.url(&format!("/reset/{secret}")),
        hours: ADMIN_LINK_HOURS,
    });
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}
