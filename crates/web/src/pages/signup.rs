//! Sign-up: a new patient account (address-limited, and answering the same whether or not the
//! address had one), its time zone from the browser, and the way on to sign-in and the tracker.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use myo_store::throttle::{Attempt, Reservation};
use myo_store::{
    NewUser, Outcome, PatientProfile, Role, StoreError, Timestamp, UserId, audit::action, password,
};
use myo_tracker::medicines::Zone;
use serde::Deserialize;

use super::account::{address, see_other};
use super::{Layout, PageError, render};
use crate::AppState;
use crate::auth::{Client, MaybeUser, audit};

#[derive(Template)]
#[template(path = "signup.html")]
struct SignupPage {
    l: Layout,
    email: String,
    display_name: String,
    error: Option<(&'static str, String)>,
    min_len: usize,
}

impl SignupPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn signup_off() -> PageError {
    PageError(
        StatusCode::NOT_FOUND,
        "Sign-up is turned off on this site. Ask its administrator for an account.".into(),
    )
}

/// `GET /signup`
pub async fn signup_form(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
) -> Result<Response, PageError> {
    if !state.config().allow_signup {
        return Err(signup_off());
    }
    if user.is_some() {
        return Ok(see_other("/account"));
    }
    let page = SignupPage {
        l: Layout::new(
            &state,
            None,
            &loc,
            state.tr(loc.lang).t("title-signup"),
            "signup",
        ),
        email: String::new(),
        display_name: String::new(),
        error: None,
        min_len: password::MIN_LEN,
    };
    Ok(render(&page))
}

/// The sign-up form.
#[derive(Debug, Deserialize)]
pub struct SignupForm {
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// Name to show.
    #[serde(default)]
    pub display_name: String,
    /// Password.
    #[serde(default)]
    pub password: String,
    /// Password again.
    #[serde(default)]
    pub password_confirm: String,
    /// The browser's IANA time zone, filled in by `/static/tz.js` (empty without JavaScript).
    #[serde(default)]
    pub time_zone: String,
}

/// Checks an e-mail address typed into a form (sign-up, or an admin adding an account); the
/// error names the field `email`.
pub(super) fn check_email(email: &str) -> Result<(), (&'static str, String)> {
    let email = email.trim();
    let at = email.find('@');
    if email.len() > 254
        || at.is_none_or(|i| i == 0 || i + 1 >= email.len())
        || email.contains(char::is_whitespace)
    {
        return Err((
            "email",
            "Enter an e-mail address like name@example.org.".into(),
        ));
    }
    Ok(())
}

/// Checks a display name typed into a form; the error names the field `display_name`.
pub(super) fn check_display_name(name: &str) -> Result<(), (&'static str, String)> {
    if name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err((
            "display_name",
            "Use at most 100 printable characters.".into(),
        ));
    }
    Ok(())
}

fn check_signup(f: &SignupForm) -> Result<(), (&'static str, String)> {
    check_email(&f.email)?;
    check_display_name(&f.display_name)?;
    password::check_policy(&f.password).map_err(|_| {
        (
            "password",
            format!(
                "Use at least {} characters (a few words make a good password).",
                password::MIN_LEN
            ),
        )
    })?;
    if f.password != f.password_confirm {
        return Err(("password_confirm", "The two passwords differ.".into()));
    }
    Ok(())
}

/// `POST /signup`: creates a patient account (address-limited), then sends the person to sign
/// in. An address that already has an account gets exactly the same answer, so sign-up cannot
/// be used to find out who has an account.
pub async fn signup(
    State(state): State<AppState>,
    client: Client,
    loc: crate::i18n::Locale,
    Form(f): Form<SignupForm>,
) -> Result<Response, PageError> {
    if !state.config().allow_signup {
        return Err(signup_off());
    }
    let tr = state.tr(loc.lang);
    let again = |(field, message): (&'static str, String), status: StatusCode| {
        // Fixed messages in the page's language (the password one names the minimum length).
        let message = if field == "password" {
            tr.t1("signup-err-password", "count", password::MIN_LEN)
        } else {
            state
                .catalog()
                .key_of_english(&message, "signup-err-")
                .map_or(message, |key| tr.t(&key))
        };
        let error = (field, message);
        let page = SignupPage {
            l: Layout::new(&state, None, &loc, tr.t("title-signup"), "signup"),
            email: f.email.clone(),
            display_name: f.display_name.clone(),
            error: Some(error),
            min_len: password::MIN_LEN,
        };
        let mut res = render(&page);
        *res.status_mut() = status;
        res
    };
    if let Err(e) = check_signup(&f) {
        return Ok(again(e, StatusCode::UNPROCESSABLE_ENTITY));
    }
    let attempt = Attempt::SignUp {
        address: address(&client),
    };
    if let Reservation::Refused { retry_after, .. } =
        crate::refusals::reserve(&state, attempt).await?
    {
        let pages = state.refused_pages();
        return Ok(pages.answer(loc.lang, super::refused::Refused::SignUp, retry_after));
    }
    // Hashed whether or not the address is taken, so the answer takes as long either way.
    let hash = state.hasher().hash(f.password.clone()).await?;
    let new = NewUser {
        id: UserId::random(),
        email: f.email.trim().to_owned(),
        password_hash: hash,
        role: Role::Patient,
        display_name: f.display_name.trim().to_owned(),
        created_at: Timestamp::now(),
    };
    let mut entry = audit(
        None,
        &client,
        action::CREATE,
        "user",
        Some(new.id.as_str()),
        Outcome::Success,
    );
    entry.details = Some(r#"{"via":"signup"}"#.to_owned());
    // The browser's zone, only if the bundled time-zone database knows it; otherwise nothing is
    // saved and the tracker asks the person to confirm their zone (UTC is used until then).
    let zone = Zone::named("time_zone", f.time_zone.trim()).ok();
    match state.store().create_user(&new, &entry).await {
        Ok(_) => {
            if let Some(z) = &zone {
                save_signup_zone(&state, &client, &new.id, z).await;
            }
        }
        // The same answer as a new account, so sign-up does not reveal who has one. The
        // owner of the address is told on the sign-in page; nothing is changed.
        Err(StoreError::Conflict { .. }) => {
            let mut e = audit(
                None,
                &client,
                action::CREATE,
                "user",
                None,
                Outcome::Failure,
            );
            e.details = Some(r#"{"via":"signup","reason":"exists"}"#.to_owned());
            state.audit(&e).await?;
        }
        Err(e) => return Err(e.into()),
    }
    // The answer depends only on what was typed, never on whether the address had an account.
    Ok(see_other(signed_up_target(zone.is_some())))
}

/// Where sign-up sends the person: sign in, then straight to their tracker. `zone_known` is
/// false when the browser sent no time zone (no JavaScript) or one the database does not know:
/// the sign-in page then says so, and the tracker asks the person to confirm their zone.
pub fn signed_up_target(zone_known: bool) -> &'static str {
    if zone_known {
        "/signin?done=signed-up&next=/tracker"
    } else {
        "/signin?done=signed-up-no-zone&next=/tracker"
    }
}

/// Saves a new account's time zone from the sign-up form (audited as the person's own change).
/// A failure is logged, not shown: the account exists, and the tracker asks for the zone.
async fn save_signup_zone(state: &AppState, client: &Client, id: &UserId, zone: &Zone) {
    let profile = PatientProfile {
        time_zone: zone.name().to_owned(),
        updated_at: Timestamp::now(),
        ..PatientProfile::default()
    };
    let mut e = audit(
        None,
        client,
        action::CREATE,
        "patient_profiles",
        Some(id.as_str()),
        Outcome::Success,
    )
    .by(Some(id.as_str()), Role::Patient.as_str());
    e.details = Some(r#"{"via":"signup","field":"time_zone"}"#.to_owned());
    if let Err(err) = state.store().put_profile(id, &profile, &e).await {
        tracing::warn!(error = %err, "sign-up time zone not saved");
    }
}
