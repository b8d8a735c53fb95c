//! The care circle in the web app: the people whose records someone may see (`/care`: "Records
//! of …" for each, the switch between them), taking up access given by e-mail when its person
//! signs in, and the invitation e-mail. Access itself is decided in `tracker::access`.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use myo_store::audit::action;
use myo_store::{GrantRelation, Invitation, Outcome, StoreError, User};

use crate::AppState;
use crate::auth::{Client, SignedIn, audit};
use crate::pages::{Layout, PageError, render};
use crate::tracker::access::Access;

pub mod children;

/// Page routes (merged by [`crate::router`]).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/care", get(people))
        .route("/care/children", post(children::create))
        .route("/patients/{id}/handover", post(children::start))
        .route("/handover", post(children::complete))
        .route("/handover/{token}", get(children::form))
        .route("/calendar/{file}", get(crate::calendar::serve))
        .route("/patients/{id}/calendar", post(crate::calendar::create))
        .route("/patients/{id}/calendar/stop", post(crate::calendar::stop))
        .route("/patients/{id}/reminders", post(crate::reminders::choose))
}

/// Name to show for an account.
pub fn display_name(user: &User) -> String {
    if user.display_name.is_empty() {
        user.email.clone()
    } else {
        user.display_name.clone()
    }
}

/// Turns access given to `user`'s e-mail address into grants (at sign-in, on `/care`, and when
/// they first open the patient's records), audited in each patient's log by the new grantee.
pub async fn accept_invitations(
    state: &AppState,
    user: &User,
    client: &Client,
) -> Result<(), StoreError> {
    let mut entry = audit(
        Some(user),
        client,
        action::CREATE,
        "clinician_grant",
        None,
        Outcome::Success,
    );
    entry.details = Some(r#"{"via":"invitation"}"#.to_owned());
    state
        .store()
        .accept_invitations(user, myo_store::Timestamp::now(), &entry)
        .await
        .map(drop)
}

/// Tells the invited address about it, when the site sends e-mail (the same message whether
/// or not the address has an account; sent off the request path).
pub fn mail_invitation(state: &AppState, a: &Access, invitation: &Invitation) {
    let Some(mailer) = state.mailer() else {
        return;
    };
    let write = matches!(
        (invitation.relation, invitation.can_write),
        (GrantRelation::Carer, true)
    );
    let (state, mailer) = (state.clone(), mailer.clone());
    let (to, name) = (invitation.email.clone(), a.patient_name());
    // In the invited person's own language when they have an account (else English); the
    // look-up runs off the request path like the sending.
    tokio::spawn(async move {
        let language = match state.store().find_user_by_email(&to).await {
            Ok(user) => user.and_then(|u| u.language),
            Err(e) => {
                tracing::warn!(error = %e, "invited account not read; e-mail in English");
                None
            }
        };
        let tr = state.tr_for(language.as_deref());
        let body = invitation_mail(&tr, &name, write, state.base_url());
        mailer.send_later(to, tr.t("mail-invite-subject"), body);
    });
}

/// The e-mail telling someone that `name` shared records with them, in `tr`'s language.
pub fn invitation_mail(tr: &crate::i18n::Tr, name: &str, write: bool, base_url: &str) -> String {
    let key = if write {
        "mail-invite-read-write"
    } else {
        "mail-invite-read"
    };
    crate::mail::paragraphs(&[
        tr.t1(key, "name", name),
        tr.t("mail-invite-how"),
        format!("{base_url}/signin"),
        tr.t("mail-invite-ignore"),
    ])
}

/// One person whose records the viewer may see.
pub struct PersonLine {
    /// Their id.
    pub id: String,
    /// Name (or e-mail).
    pub name: String,
    /// `clinician`, `carer` or `guardian`.
    pub relation: &'static str,
    /// `read only`, `read and write`, or `manage` for a guardian.
    pub access: &'static str,
}

#[derive(Template)]
#[template(path = "care_people.html")]
struct PeoplePage {
    l: Layout,
    own: String,
    people: Vec<PersonLine>,
    /// The add-a-child form's time zone: the parent's own when saved, else empty for the
    /// browser's (`static/tz.js`) or the parent's choice.
    child_zone: String,
    /// The parent has no zone saved: the form offers the browser's.
    child_zone_unconfirmed: bool,
    zones: Vec<&'static str>,
}

/// `GET /care`: the people whose records you can see, to switch between them.
pub async fn people(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
) -> Result<Response, PageError> {
    accept_invitations(&state, &u.user, &client).await?;
    let store = state.store();
    let mut people = Vec::new();
    for g in store.list_clinician_patients(&u.user.id).await? {
        let Some(p) = store.get_user(&g.patient_id).await? else {
            continue;
        };
        if p.disabled_at.is_some() {
            continue;
        }
        people.push(PersonLine {
            id: p.id.as_str().to_owned(),
            name: display_name(&p),
            relation: g.relation.as_str(),
            access: match (g.relation, g.can_write) {
                (GrantRelation::Guardian, _) => "manage",
                (_, true) => "read and write",
                (_, false) => "read only",
            },
        });
    }
    people.sort_by_key(|a| a.name.to_lowercase());
    let own = store.get_profile(&u.user.id).await?;
    let confirmed = crate::tracker::safety::zone_confirmed(own.as_ref());
    Ok(render(&PeoplePage {
        l: Layout::new(
            &state,
            Some(&u),
            &u.locale,
            "Records you can see",
            "tracker",
        ),
        own: u.user.id.as_str().to_owned(),
        people,
        child_zone: own
            .filter(|_| confirmed)
            .map(|p| p.time_zone)
            .unwrap_or_default(),
        child_zone_unconfirmed: !confirmed,
        zones: myo_tracker::medicines::Zone::names(),
    }))
}
