//! Sign-in (rate-limited per account and per address, through the store) and sign-out.

use super::*;

pub(super) fn millis(d: std::time::Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// A local path to return to after sign-in; anything else (other sites, `//host`, control
/// characters or spaces that browsers strip into `//host`) is ignored.
pub(super) fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if crate::boundary::local_path(n) => n.to_owned(),
        _ => "/account".to_owned(),
    }
}

/// See other (after a successful POST).
pub(in crate::pages) fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

// ---- sign-in ----------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "signin.html")]
pub(super) struct SigninPage {
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

pub(super) fn signin_again(
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
pub(in crate::pages) fn address(client: &Client) -> &str {
    client.ip.as_deref().unwrap_or("unknown")
}

/// Reserves one password check for `email` from `client` before the hash is verified (see
/// `myo_store::throttle`). `Err` is the 429 page to send; the first refusal of each minute
/// for this account and address is audited, the others only counted.
pub(super) async fn reserve_check(
    state: &AppState,
    email: &str,
    client: &Client,
) -> Result<Result<(), std::time::Duration>, StoreError> {
    let attempt = Attempt::SignIn {
        account: email,
        address: address(client),
    };
    match crate::refusals::reserve(state, attempt).await? {
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
pub(super) fn wait_message(retry_after: std::time::Duration) -> String {
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
    let secs = crate::pages::refused::retry_after_secs(retry_after);
    res.headers_mut()
        .insert(header::RETRY_AFTER, header::HeaderValue::from(secs));
    res
}

/// Starts a session for `user`; returns the `Set-Cookie` value.
pub(super) async fn start_session(
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
        // The page made at start-up: a flood of refusals costs no rendering.
        let pages = state.refused_pages();
        return Ok(pages.answer(loc.lang, crate::pages::refused::Refused::SignIn, wait));
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
