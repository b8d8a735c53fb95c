//! Account management for admins at `/admin/users`: a paged list of accounts (with an e-mail
//! filter), adding an account with a temporary password shown once, disabling and enabling an
//! account, and changing its role.
//!
//! Other roles get 403 and a `denied` audit event, like the audit-log viewer. Every list, change
//! and refused change is audited; changes pass their entry to the store, which writes it in the
//! same transaction. An admin cannot disable or demote themselves, and the store refuses to
//! demote or disable the last active admin (`StoreError::LastAdmin`), so someone can always
//! manage accounts from the web.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::{
    NewUser, Outcome, Page, Role, StoreError, Timestamp, User, UserChanges, UserId, audit::action,
    token,
};
use serde::Deserialize;

use super::signup::{check_display_name, check_email};
use super::{Layout, PageError, PageQuery, render};
use crate::AppState;
use crate::auth::{Client, CurrentUser, SignedIn, audit, is_admin};
use crate::security::url::encode;

/// Accounts per page.
const PER_PAGE: u32 = 50;

/// The audit `resource_type` for accounts.
const USER: &str = "user";

/// Why a handler stopped early: an error page, or a refused change already rendered (the list
/// page with the message).
pub enum Stop {
    /// Store failure, 403 or the like.
    Error(PageError),
    /// A refusal page, audited.
    Refused(Response),
}

impl From<PageError> for Stop {
    fn from(e: PageError) -> Stop {
        Stop::Error(e)
    }
}

impl From<StoreError> for Stop {
    fn from(e: StoreError) -> Stop {
        Stop::Error(e.into())
    }
}

impl IntoResponse for Stop {
    fn into_response(self) -> Response {
        match self {
            Stop::Error(e) => e.into_response(),
            Stop::Refused(res) => res,
        }
    }
}

/// An account row for display.
#[derive(Debug, Clone)]
pub struct UserRow {
    /// Opaque id (used in the action URLs).
    pub id: String,
    /// E-mail address.
    pub email: String,
    /// Display name (may be empty).
    pub display_name: String,
    /// Role name.
    pub role: &'static str,
    /// Creation date, `YYYY-MM-DD` (UTC).
    pub created: String,
    /// Date disabled, `YYYY-MM-DD` (UTC), if disabled.
    pub disabled_since: Option<String>,
    /// The admin viewing the page.
    pub is_me: bool,
    /// Granted the community moderator capability.
    pub moderator: bool,
}

/// The day part of a timestamp (UTC), `YYYY-MM-DD`.
fn day(ts: Timestamp) -> String {
    ts.to_rfc3339().chars().take(10).collect()
}

fn user_row(u: &User, me: &CurrentUser, moderators: &[UserId]) -> UserRow {
    UserRow {
        id: u.id.as_str().to_owned(),
        email: u.email.clone(),
        display_name: u.display_name.clone(),
        role: u.role.as_str(),
        created: day(u.created_at),
        disabled_since: u.disabled_at.map(day),
        is_me: u.id == me.user.id,
        moderator: moderators.contains(&u.id),
    }
}

/// A just-created account, shown once with its temporary password. No `Debug`, so the
/// password cannot end up in a log line by accident.
#[derive(Clone)]
pub struct Created {
    /// E-mail address as stored.
    pub email: String,
    /// Role name.
    pub role: &'static str,
    /// The temporary password (never stored in clear, never shown again).
    pub password: String,
}

/// The "add an account" form (also what the page shows again after an error).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewAccountForm {
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// Name to show.
    #[serde(default)]
    pub display_name: String,
    /// `patient`, `clinician` or `admin`.
    #[serde(default)]
    pub role: String,
}

#[derive(Template)]
#[template(path = "admin_users.html")]
struct UsersPage {
    l: Layout,
    rows: Vec<UserRow>,
    q: String,
    page: u32,
    prev_href: Option<String>,
    next_href: Option<String>,
    notice: Option<&'static str>,
    error: Option<(&'static str, String)>,
    created: Option<Created>,
    form: NewAccountForm,
    roles: [&'static str; 3],
}

impl UsersPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

/// What the page shows besides the list.
#[derive(Default)]
struct View {
    q: String,
    page: u32,
    notice: Option<&'static str>,
    error: Option<(&'static str, String)>,
    created: Option<Created>,
    form: NewAccountForm,
}

fn users_href(q: &str, page: u32) -> String {
    match (q.is_empty(), page) {
        (true, 1) => "/admin/users".to_owned(),
        (true, p) => format!("/admin/users?page={p}"),
        (false, p) => format!("/admin/users?q={}&page={p}", encode(q)),
    }
}

/// Lists one page of accounts and audits the listing.
async fn users_page(
    state: &AppState,
    me: &CurrentUser,
    client: &Client,
    mut view: View,
) -> Result<UsersPage, StoreError> {
    view.page = view.page.max(1);
    // One extra row tells whether a next page exists without counting.
    let window = Page {
        offset: (view.page - 1).saturating_mul(PER_PAGE),
        limit: PER_PAGE + 1,
    };
    let store = state.store();
    let mut users = if view.q.trim().is_empty() {
        store.list_users(window).await?
    } else {
        store.search_users(&view.q, window).await?
    };
    let more = users.len() > PER_PAGE as usize;
    users.truncate(PER_PAGE as usize);
    let moderators = store.list_moderators().await?;
    let mut e = audit(
        Some(&me.user),
        client,
        action::SEARCH,
        USER,
        None,
        Outcome::Success,
    );
    // Whether a filter was used, never the text typed (it may be part of an address).
    e.details = Some(format!(
        r#"{{"page":{},"filtered":{}}}"#,
        view.page,
        !view.q.trim().is_empty()
    ));
    state.audit(&e).await?;
    let q = view.q.trim().to_owned();
    Ok(UsersPage {
        l: Layout::new(state, Some(me), &me.locale, "Users", "users"),
        rows: users.iter().map(|u| user_row(u, me, &moderators)).collect(),
        prev_href: (view.page > 1).then(|| users_href(&q, view.page - 1)),
        next_href: more.then(|| users_href(&q, view.page + 1)),
        q,
        page: view.page,
        notice: view.notice,
        error: view.error,
        created: view.created,
        form: view.form,
        roles: Role::ALL.map(Role::as_str),
    })
}

/// `id` if it has the shape of an account id: only those go into the audit log, so a made-up
/// path cannot write arbitrary text there.
pub(super) fn audit_id(id: &str) -> Option<&str> {
    (id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some(id)
}

/// Refuses anyone but an admin with 403, after writing a `denied` audit event.
pub(super) async fn require_admin(
    state: &AppState,
    me: &CurrentUser,
    client: &Client,
    verb: &str,
    target: Option<&str>,
) -> Result<(), PageError> {
    if is_admin(&me.user) {
        return Ok(());
    }
    let e = audit(Some(&me.user), client, verb, USER, target, Outcome::Denied);
    state.audit(&e).await?;
    Err(PageError(
        StatusCode::FORBIDDEN,
        "Only administrators can manage accounts.".into(),
    ))
}

/// A refused change: audited as a failure with a fixed reason code, then the list page with
/// the message (naming the form field, when there is one) and `status`.
struct Refusal {
    verb: &'static str,
    target: Option<String>,
    reason: &'static str,
    status: StatusCode,
    field: &'static str,
    message: String,
}

async fn refuse(
    state: &AppState,
    me: &CurrentUser,
    client: &Client,
    r: Refusal,
    form: NewAccountForm,
) -> Stop {
    match refusal_page(state, me, client, r, form).await {
        Ok(res) => Stop::Refused(res),
        Err(e) => e.into(),
    }
}

async fn refusal_page(
    state: &AppState,
    me: &CurrentUser,
    client: &Client,
    r: Refusal,
    form: NewAccountForm,
) -> Result<Response, StoreError> {
    let mut e = audit(
        Some(&me.user),
        client,
        r.verb,
        USER,
        r.target.as_deref(),
        Outcome::Failure,
    );
    e.details = Some(format!(r#"{{"reason":"{}"}}"#, r.reason));
    state.audit(&e).await?;
    let view = View {
        error: Some((r.field, r.message)),
        form,
        ..View::default()
    };
    let mut res = render(&users_page(state, me, client, view).await?);
    *res.status_mut() = r.status;
    Ok(res)
}

const LAST_ADMIN: &str = "This is the last active administrator. Make another account an \
                          administrator first.";

/// `?q=&page=&done=`
#[derive(Debug, Deserialize)]
pub struct UsersQuery {
    /// Part of an e-mail address to look for.
    pub q: Option<String>,
    /// Page number, from 1 (anything else counts as 1).
    pub page: Option<String>,
    /// A fixed notice code (never echoed).
    pub done: Option<String>,
}

fn notice(code: Option<&str>) -> Option<&'static str> {
    match code? {
        "disabled" => Some(
            "The account is disabled. It was signed out everywhere and its API tokens no longer work.",
        ),
        "enabled" => Some("The account can sign in again. Its old API tokens stay revoked."),
        "role" => Some("The role has been changed."),
        "unchanged" => Some("Nothing to change: the account was already like that."),
        "moderator-granted" => Some("The account can now moderate community posts."),
        "moderator-withdrawn" => Some("The account can no longer moderate community posts."),
        _ => None,
    }
}

/// `GET /admin/users`: the accounts, oldest first, admins only (403 for other roles).
pub async fn users(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    PageQuery(q): PageQuery<UsersQuery>,
) -> Result<Response, PageError> {
    require_admin(&state, &me, &client, action::SEARCH, None).await?;
    let view = View {
        q: q.q.unwrap_or_default(),
        page: q.page.and_then(|p| p.parse().ok()).unwrap_or(1),
        notice: notice(q.done.as_deref()),
        ..View::default()
    };
    Ok(render(&users_page(&state, &me, &client, view).await?))
}

/// A temporary password: 128 random bits as 32 hex digits in groups of four, so it is easy
/// to read out and to type.
fn temporary_password() -> String {
    token::random_hex(16)
        .as_bytes()
        .chunks(4)
        .map(String::from_utf8_lossy)
        .collect::<Vec<_>>()
        .join("-")
}

/// `POST /admin/users`: adds an account with a temporary password, shown once on the page
/// that comes back (never in a URL).
pub async fn create_user(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Form(f): Form<NewAccountForm>,
) -> Result<Response, Stop> {
    require_admin(&state, &me, &client, action::CREATE, None).await?;
    let invalid = |reason, (field, message): (&'static str, String)| Refusal {
        verb: action::CREATE,
        target: None,
        reason,
        status: StatusCode::UNPROCESSABLE_ENTITY,
        field,
        message,
    };
    let checked = check_email(&f.email)
        .and_then(|()| check_display_name(&f.display_name))
        .map_err(|e| invalid("invalid_input", e))
        .and_then(|()| {
            Role::parse(&f.role).map_err(|_| {
                invalid(
                    "invalid_input",
                    ("role", "Choose patient, clinician or admin.".into()),
                )
            })
        });
    let role = match checked {
        Ok(role) => role,
        Err(r) => return Err(refuse(&state, &me, &client, r, f).await),
    };
    let temporary = temporary_password();
    let new = NewUser {
        id: UserId::random(),
        email: f.email.trim().to_owned(),
        password_hash: state.hasher().hash(temporary.clone()).await?,
        role,
        display_name: f.display_name.trim().to_owned(),
        created_at: Timestamp::now(),
    };
    let mut e = audit(
        Some(&me.user),
        &client,
        action::CREATE,
        USER,
        Some(new.id.as_str()),
        Outcome::Success,
    )
    // Filed under the new account too, so its owner sees who created it in their log.
    .for_patient(new.id.as_str());
    e.details = Some(format!(r#"{{"via":"admin","role":"{}"}}"#, role.as_str()));
    let user = match state.store().create_user(&new, &e).await {
        Ok(u) => u,
        Err(StoreError::Conflict { .. }) => {
            let r = Refusal {
                verb: action::CREATE,
                target: None,
                reason: "email_taken",
                status: StatusCode::CONFLICT,
                field: "email",
                message: "An account with this e-mail address already exists.".into(),
            };
            return Err(refuse(&state, &me, &client, r, f).await);
        }
        Err(e) => return Err(e.into()),
    };
    let view = View {
        created: Some(Created {
            email: user.email,
            role: user.role.as_str(),
            password: temporary,
        }),
        ..View::default()
    };
    Ok(render(&users_page(&state, &me, &client, view).await?))
}

/// The account an action names, or a 404 refusal.
async fn target(
    state: &AppState,
    me: &CurrentUser,
    client: &Client,
    id: &str,
) -> Result<User, Stop> {
    if let Some(u) = state.store().get_user(&UserId(id.to_owned())).await? {
        return Ok(u);
    }
    let r = Refusal {
        verb: action::UPDATE,
        target: audit_id(id).map(str::to_owned),
        reason: "not_found",
        status: StatusCode::NOT_FOUND,
        field: "",
        message: "There is no such account.".into(),
    };
    Err(refuse(state, me, client, r, NewAccountForm::default()).await)
}

/// Applies `changes` to `user`, audited as `change` in the same transaction; the store refuses
/// to demote or disable the last active admin.
async fn apply(
    state: &AppState,
    me: &CurrentUser,
    client: &Client,
    user: &User,
    changes: &UserChanges,
    change: &str,
) -> Result<(), Stop> {
    let id = user.id.as_str();
    let mut e = audit(
        Some(&me.user),
        client,
        action::UPDATE,
        USER,
        Some(id),
        Outcome::Success,
    )
    .for_patient(id);
    e.details = Some(change.to_owned());
    match state.store().update_user(&user.id, changes, &e).await {
        Ok(_) => Ok(()),
        Err(StoreError::LastAdmin) => {
            let r = Refusal {
                verb: action::UPDATE,
                target: Some(id.to_owned()),
                reason: "last_admin",
                status: StatusCode::CONFLICT,
                field: "",
                message: LAST_ADMIN.into(),
            };
            Err(refuse(state, me, client, r, NewAccountForm::default()).await)
        }
        Err(e) => Err(e.into()),
    }
}

fn done(code: &str) -> Response {
    Redirect::to(&format!("/admin/users?done={code}")).into_response()
}

/// `POST /admin/users/{id}/disable`: the account can no longer sign in; its sessions end and
/// its API tokens are revoked in the same transaction. Not for your own account.
pub async fn disable_user(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Path(id): Path<String>,
) -> Result<Response, Stop> {
    set_disabled(&state, &me, &client, &id, true).await
}

/// `POST /admin/users/{id}/enable`: the account may sign in again (with a fresh sign-in).
pub async fn enable_user(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Path(id): Path<String>,
) -> Result<Response, Stop> {
    set_disabled(&state, &me, &client, &id, false).await
}

async fn set_disabled(
    state: &AppState,
    me: &CurrentUser,
    client: &Client,
    id: &str,
    disable: bool,
) -> Result<Response, Stop> {
    require_admin(state, me, client, action::UPDATE, audit_id(id)).await?;
    let user = target(state, me, client, id).await?;
    if disable && user.id == me.user.id {
        let r = Refusal {
            verb: action::UPDATE,
            target: Some(id.to_owned()),
            reason: "self",
            status: StatusCode::CONFLICT,
            field: "",
            message: "You cannot disable your own account. Ask another administrator.".into(),
        };
        return Err(refuse(state, me, client, r, NewAccountForm::default()).await);
    }
    if user.disabled_at.is_some() == disable {
        // Keeps the original "disabled since" date; nothing is written.
        return Ok(done("unchanged"));
    }
    let (changes, change, code) = if disable {
        (
            Some(Some(Timestamp::now())),
            r#"{"change":"disable"}"#,
            "disabled",
        )
    } else {
        (Some(None), r#"{"change":"enable"}"#, "enabled")
    };
    let changes = UserChanges {
        disabled_at: changes,
        ..UserChanges::default()
    };
    apply(state, me, client, &user, &changes, change).await?;
    Ok(done(code))
}

/// The change-role form.
#[derive(Debug, Deserialize)]
pub struct RoleForm {
    /// `patient`, `clinician` or `admin`.
    #[serde(default)]
    pub role: String,
}

/// `POST /admin/users/{id}/role`: sets the role. You cannot lower your own.
pub async fn change_role(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Path(id): Path<String>,
    Form(f): Form<RoleForm>,
) -> Result<Response, Stop> {
    require_admin(&state, &me, &client, action::UPDATE, audit_id(&id)).await?;
    let refusal = |reason, status, field, message: &str| Refusal {
        verb: action::UPDATE,
        target: audit_id(&id).map(str::to_owned),
        reason,
        status,
        field,
        message: message.to_owned(),
    };
    let Ok(role) = Role::parse(&f.role) else {
        let r = refusal(
            "invalid_input",
            StatusCode::UNPROCESSABLE_ENTITY,
            "role",
            "Choose patient, clinician or admin.",
        );
        return Err(refuse(&state, &me, &client, r, NewAccountForm::default()).await);
    };
    let user = target(&state, &me, &client, &id).await?;
    if user.id == me.user.id && role != Role::Admin {
        let r = refusal(
            "self",
            StatusCode::CONFLICT,
            "",
            "You cannot remove your own admin role. Ask another administrator.",
        );
        return Err(refuse(&state, &me, &client, r, NewAccountForm::default()).await);
    }
    if user.role == role {
        return Ok(done("unchanged"));
    }
    let changes = UserChanges {
        role: Some(role),
        ..UserChanges::default()
    };
    let change = format!(
        r#"{{"change":"role","from":"{}","to":"{}"}}"#,
        user.role.as_str(),
        role.as_str()
    );
    apply(&state, &me, &client, &user, &changes, &change).await?;
    Ok(done("role"))
}
