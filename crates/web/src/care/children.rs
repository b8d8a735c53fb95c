//! Children's profiles: a parent creates and manages a child's profile (no log-in of its own;
//! the parent is its guardian), and later hands it over: a single-use link for the address the
//! child will sign in with (e-mailed when the site sends e-mail, and shown to the parent once).
//! Redeeming it gives the profile that address and a password and ends the guardian's access;
//! the records stay, since they belong to the profile.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::audit::action;
use myo_store::children::{CHILD_EMAIL_DOMAIN, NewHandover, is_child_profile_email};
use myo_store::{NewUser, Outcome, PatientProfile, StoreError, Timestamp, UserId, password, token};
use serde::Deserialize;

use crate::AppState;
use crate::auth::{Client, SignedIn, audit};
use crate::pages::{Layout, PageError, render};
use crate::tracker::access::{Viewer, resolve_manage};

/// Days a hand-over link works.
pub const HANDOVER_DAYS: i64 = 14;

/// The add-a-child form.
#[derive(Debug, Deserialize)]
pub struct ChildForm {
    /// The child's name.
    #[serde(default)]
    pub name: String,
    /// Birth date, `YYYY-MM-DD`.
    #[serde(default)]
    pub birth_date: String,
    /// The child's time zone (IANA name), chosen on the form: the parent's own, or the
    /// browser's when the parent has none saved.
    #[serde(default)]
    pub time_zone: String,
}

/// A 422 naming the field by its label ("Birth date: …").
fn bad(field: &str, message: &str) -> PageError {
    PageError(
        StatusCode::UNPROCESSABLE_ENTITY,
        format!("{}: {message}", crate::tracker::safety::field_label(field)),
    )
}

/// `POST /care/children`: creates the child's profile and opens it.
pub async fn create(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Form(f): Form<ChildForm>,
) -> Result<Response, PageError> {
    let name = f.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(bad("name", "give the child's name (1 to 100 characters)"));
    }
    let born = myo_tracker::Date::parse("birth_date", f.birth_date.trim())
        .map_err(|_| bad("birth_date", "give the date of birth as YYYY-MM-DD"))?;
    // The zone is the one chosen on the form, never copied silently from the parent's.
    let zone = crate::tracker::profile::time_zone(&f.time_zone).map_err(|_| {
        bad(
            "time_zone",
            "choose the time zone the child lives in from the list, like Europe/Berlin",
        )
    })?;
    let today = zone
        .date_at(Timestamp::now().as_millis().div_euclid(1000))
        .ok_or_else(|| {
            PageError(
                StatusCode::INTERNAL_SERVER_ERROR,
                "clock out of range".into(),
            )
        })?;
    if born > today || born.days_until(today) > 18 * 366 {
        return Err(bad(
            "birth_date",
            "a child's profile is for someone born in the last 18 years, not in the future",
        ));
    }
    let time_zone = zone.name().to_owned();
    let id = UserId::random();
    // A password nobody knows: the profile cannot be signed in to until it is handed over.
    let unusable = state.hasher().hash(token::random_token()).await?;
    let child = NewUser {
        id: id.clone(),
        email: format!("child-{}@{CHILD_EMAIL_DOMAIN}", id.as_str()),
        password_hash: unusable,
        role: myo_store::Role::Patient,
        display_name: name.to_owned(),
        created_at: Timestamp::now(),
    };
    let profile = PatientProfile {
        time_zone,
        birth_date: Some(born.to_string()),
        sex: None,
        updated_at: Timestamp::now(),
    };
    let mut entry = audit(
        Some(&u.user),
        &client,
        action::CREATE,
        "child_profile",
        Some(id.as_str()),
        Outcome::Success,
    );
    entry.details = Some(r#"{"via":"guardian"}"#.to_owned());
    state
        .store()
        .create_child_profile(&child, &profile, &u.user.id, &entry)
        .await?;
    Ok(Redirect::to(&format!("/patients/{}", id.as_str())).into_response())
}

#[derive(Template)]
#[template(path = "care_handover_link.html")]
struct LinkPage {
    l: Layout,
    child: String,
    email: String,
    url: String,
    days: i64,
    mailed: bool,
}

/// The hand-over form.
#[derive(Debug, Deserialize)]
pub struct HandoverForm {
    /// The address the child will sign in with.
    #[serde(default)]
    pub email: String,
}

/// `POST /patients/{id}/handover`: the guardian makes the hand-over link.
pub async fn start(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    origin: crate::origin::LinkOrigin,
    Path(id): Path<String>,
    Form(f): Form<HandoverForm>,
) -> Result<Response, PageError> {
    let a = resolve_manage(&state, &u.user, &client, &id).await?;
    if a.viewer != Viewer::Guardian || !is_child_profile_email(&a.patient.email) {
        return Err(PageError(
            StatusCode::FORBIDDEN,
            "Only the guardian of a child's profile can hand it over.".into(),
        ));
    }
    let secret = token::random_token();
    let now = Timestamp::now();
    let handover = NewHandover {
        child_id: a.patient.id.clone(),
        email: f.email.trim().to_owned(),
        token_hash: token::hash_secret(&secret),
        created_at: now,
        expires_at: now.add_millis(HANDOVER_DAYS * 86_400_000),
    };
    let entry = a.entry(&client, action::CREATE, "profile_handover", None);
    match state.store().start_handover(&handover, &entry).await {
        Ok(()) => {}
        Err(StoreError::Invalid { .. }) => {
            return Err(bad(
                "email",
                "enter the child's own e-mail address, like name@example.org",
            ));
        }
        Err(e) => return Err(e.into()),
    }
    let url = origin.url(&format!("/handover/{secret}"));
    let email = myo_store::normalize_email(&f.email);
    let mailed = if let Some(mailer) = state.mailer() {
        // The young person has no account yet: the e-mail is in the language of the person
        // who kept the records.
        let tr = state.tr(u.locale.lang);
        let body = crate::mail::paragraphs(&[
            tr.t1(
                "mail-handover-intro",
                "name",
                crate::care::display_name(&u.user),
            ),
            tr.t1("mail-handover-open", "days", HANDOVER_DAYS),
            url.clone(),
            tr.t("mail-handover-after"),
        ]);
        mailer.send_later(email.clone(), tr.t("mail-handover-subject"), body);
        true
    } else {
        false
    };
    let mut res = render(&LinkPage {
        l: Layout::new(
            &state,
            Some(&u),
            &u.locale,
            "Hand over the profile",
            "tracker",
        ),
        child: a.patient_name(),
        email,
        url,
        days: HANDOVER_DAYS,
        mailed,
    });
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "care_handover.html")]
struct HandoverPage {
    l: Layout,
    valid: bool,
    child: String,
    email: String,
    token: String,
    min_len: usize,
    error: Option<String>,
}

fn handover_page(
    state: &AppState,
    loc: &crate::i18n::Locale,
    found: Option<(String, String)>,
    secret: &str,
    error: Option<String>,
) -> Response {
    let valid = found.is_some();
    let (child, email) = found.unwrap_or_default();
    let mut res = render(&HandoverPage {
        l: Layout::new(state, None, loc, "Your own Myo log-in", "signin"),
        valid,
        child,
        email,
        token: if valid {
            secret.to_owned()
        } else {
            String::new()
        },
        min_len: password::MIN_LEN,
        error: error.clone(),
    });
    *res.status_mut() = match (valid, error.is_some()) {
        (false, _) => StatusCode::NOT_FOUND,
        (true, true) => StatusCode::UNPROCESSABLE_ENTITY,
        (true, false) => StatusCode::OK,
    };
    res
}

/// `GET /handover/{token}`
pub async fn form(
    State(state): State<AppState>,
    loc: crate::i18n::Locale,
    Path(secret): Path<String>,
) -> Result<Response, PageError> {
    let found = state
        .store()
        .find_handover(&token::hash_secret(secret.trim()), Timestamp::now())
        .await?
        .map(|h| (h.child.display_name, h.email));
    Ok(handover_page(&state, &loc, found, secret.trim(), None))
}

/// The new log-in form.
#[derive(Debug, Deserialize)]
pub struct CompleteForm {
    /// The link's secret.
    #[serde(default)]
    pub token: String,
    /// Password.
    #[serde(default)]
    pub password: String,
    /// Password again.
    #[serde(default)]
    pub password_confirm: String,
}

/// `POST /handover`: the child chooses a password; the profile becomes theirs alone.
pub async fn complete(
    State(state): State<AppState>,
    client: Client,
    loc: crate::i18n::Locale,
    Form(f): Form<CompleteForm>,
) -> Result<Response, PageError> {
    let secret = f.token.trim();
    let hash = token::hash_secret(secret);
    let Some(h) = state.store().find_handover(&hash, Timestamp::now()).await? else {
        return Ok(handover_page(&state, &loc, None, secret, None));
    };
    let found = Some((h.child.display_name.clone(), h.email.clone()));
    if password::check_policy(&f.password).is_err() {
        let msg = format!("password: use at least {} characters", password::MIN_LEN);
        return Ok(handover_page(&state, &loc, found, secret, Some(msg)));
    }
    if f.password != f.password_confirm {
        let msg = "password_confirm: the two passwords differ".to_owned();
        return Ok(handover_page(&state, &loc, found, secret, Some(msg)));
    }
    let new_hash = state.hasher().hash(f.password.clone()).await?;
    let mut entry = audit(
        Some(&h.child),
        &client,
        action::UPDATE,
        "child_profile",
        Some(h.child.id.as_str()),
        Outcome::Success,
    );
    entry.details = Some(r#"{"change":"handed_over"}"#.to_owned());
    match state
        .store()
        .complete_handover(&hash, &new_hash, Timestamp::now(), &entry)
        .await
    {
        Ok(Some(_)) => Ok(Redirect::to("/signin?done=handed-over").into_response()),
        Ok(None) => Ok(handover_page(&state, &loc, None, secret, None)),
        Err(StoreError::Conflict { .. }) => Ok(handover_page(
            &state,
            &loc,
            found,
            secret,
            Some(
                "email: this address already has a Myo account; ask your parent for a link to \
                 another address"
                    .into(),
            ),
        )),
        Err(e) => Err(e.into()),
    }
}
