//! Sharing: share links (scoped to chosen summary sections, expiring, revocable, rate-limited,
//! every use audited), access for a clinician or a carer by e-mail (an invitation until someone
//! with that address signs in, so the answer never tells whether the address has an account;
//! revocable), the export links and "delete my data". Only the patient (or a child's guardian)
//! manages these; the public `/share/{token}` page shows the scoped sections of the last 90 days
//! and nothing else.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use myo_store::audit::action;
use myo_store::{
    AttemptKind, DateRange, GrantRelation, Invitation, LoginAttempt, NewInvitation, NewShareLink,
    Outcome, RecordId, StoreError, Timestamp, normalize_email, token,
};

use super::access::{Access, resolve_manage};
use super::pages::{FormData, Frame, SummaryBlock, SummaryRequest, layout, summary_blocks};
use super::{SECTIONS, convert};
use crate::AppState;
use crate::auth::{Client, CurrentUser, SignedIn, audit};
use crate::origin::LinkOrigin;
use crate::pages::{Layout, PageError, render};

/// Longest a share link may live, in days.
pub const MAX_SHARE_DAYS: i64 = 90;
/// Failed share-link openings allowed per client address within the sign-in window.
pub const SHARE_FAILURES_PER_ADDRESS: u64 = 20;
/// Days of records a share link shows.
pub const SHARE_WINDOW_DAYS: i32 = 90;

/// One share link as listed.
pub struct LinkLine {
    /// Link id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Sections.
    pub sections: String,
    /// Created, expires.
    pub dates: String,
    /// `active`, `expired`, `revoked`.
    pub status: &'static str,
    /// The status in the page's words.
    pub status_words: String,
    /// Uses.
    pub uses: i64,
}

/// One grant or invitation as listed.
pub struct GrantLine {
    /// Grant or invitation id.
    pub id: String,
    /// The grantee's e-mail (the address invited, for an invitation).
    pub email: String,
    /// `clinician`, `carer` or `guardian`, in the page's words.
    pub relation: String,
    /// `read only` or `read and write`, in the page's words.
    pub access: String,
    /// Granted or invited at.
    pub granted: String,
    /// `active`, `invited` (waiting for that person to sign in) or `revoked`.
    pub status: &'static str,
}

fn access_words(tr: &crate::i18n::Tr, can_write: bool) -> String {
    tr.t(if can_write {
        "share-access-read-write"
    } else {
        "share-access-read-only"
    })
}

#[derive(Template)]
#[template(path = "tracker_sharing.html")]
struct SharingPage {
    l: Layout,
    f: Frame,
    sections: Vec<(&'static str, String)>,
    max_days: i64,
    links: Vec<LinkLine>,
    grants: Vec<GrantLine>,
    new_url: Option<String>,
    notice: Option<String>,
    error: Option<String>,
    csv: Vec<(&'static str, String)>,
    /// The viewer is the guardian of a child's profile that has no log-in yet.
    handover: bool,
    /// When the current calendar feed was made, if there is one.
    calendar_since: Option<String>,
    /// E-mail reminders `(kind, label, chosen)`, shown to the patient themself.
    reminders: Vec<(&'static str, String, bool)>,
    /// The site sends e-mail.
    can_mail: bool,
}

/// The sharing page (also used by the calendar feed's handlers).
pub(crate) async fn sharing_page(
    state: &AppState,
    u: &CurrentUser,
    a: &Access,
    new_url: Option<String>,
    notice: Option<String>,
    error: Option<String>,
) -> Result<Response, PageError> {
    let now = Timestamp::now();
    let store = state.store();
    let tr = state.tr(u.locale.lang);
    let links = store
        .list_share_links(&a.patient.id)
        .await?
        .into_iter()
        .map(|l| LinkLine {
            id: l.id.to_string(),
            label: l.label.clone().unwrap_or_default(),
            // English lists the sections' ids, as it always has; other languages name them.
            sections: if crate::i18n::words::is_source(&tr) {
                l.sections.join(", ")
            } else {
                l.sections
                    .iter()
                    .map(|s| tr.t(&format!("section-{s}")))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            dates: tr.t2(
                "share-link-dates",
                "created",
                l.created_at.to_rfc3339(),
                "expires",
                l.expires_at.to_rfc3339(),
            ),
            status: if l.revoked_at.is_some() {
                "revoked"
            } else if l.is_active(now) {
                "active"
            } else {
                "expired"
            },
            status_words: tr.t(if l.revoked_at.is_some() {
                "share-link-revoked"
            } else if l.is_active(now) {
                "share-link-active"
            } else {
                "share-link-expired"
            }),
            uses: l.access_count,
        })
        .collect();
    let mut grants = Vec::new();
    for g in store.list_grants(&a.patient.id).await? {
        let email = store
            .get_user(&g.clinician_id)
            .await?
            .map_or_else(|| tr.t("share-deleted-account"), |c| c.email);
        grants.push(GrantLine {
            id: g.id.to_string(),
            email,
            relation: tr.t(&format!("share-relation-{}", g.relation.as_str())),
            access: access_words(&tr, g.can_write),
            granted: g.granted_at.to_rfc3339(),
            status: if g.revoked_at.is_none() {
                "active"
            } else {
                "revoked"
            },
        });
    }
    for i in store.list_invitations(&a.patient.id).await? {
        if i.is_pending() {
            grants.push(GrantLine {
                id: i.id.to_string(),
                email: i.email,
                relation: tr.t(&format!("share-relation-{}", i.relation.as_str())),
                access: access_words(&tr, i.can_write),
                granted: i.created_at.to_rfc3339(),
                status: "invited",
            });
        }
    }
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut res = render(&SharingPage {
        l: layout(state, u, &state.tr(u.locale.lang).t("tab-sharing")),
        f: Frame::new(a, "sharing"),
        sections: SECTIONS
            .iter()
            .filter(|(s, _)| *s != "questions")
            .map(|(s, _)| (*s, state.tr(u.locale.lang).t(&format!("section-{s}"))))
            .collect(),
        max_days: MAX_SHARE_DAYS,
        links,
        grants,
        new_url,
        notice,
        error,
        csv: super::kinds::KINDS
            .iter()
            .map(|k| (k.csv.0, k.csv_label(&state.tr(u.locale.lang))))
            .collect(),
        handover: a.viewer == super::access::Viewer::Guardian
            && myo_store::children::is_child_profile_email(&a.patient.email),
        calendar_since: store
            .calendar_feed_since(&a.patient.id)
            .await?
            .map(Timestamp::to_rfc3339),
        reminders: if a.is_self() {
            let chosen = store.reminders_of(&a.patient.id).await?;
            let tr = state.tr(u.locale.lang);
            myo_store::reminders::KINDS
                .into_iter()
                .map(|k| {
                    (
                        k,
                        tr.t(&format!("reminder-kind-{k}")),
                        chosen.iter().any(|c| c == k),
                    )
                })
                .collect()
        } else {
            Vec::new()
        },
        can_mail: state.mailer().is_some(),
    });
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /patients/{id}/sharing`: owner only.
pub async fn sharing(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let a = resolve_manage(&state, &u.user, &client, &id).await?;
    sharing_page(&state, &u, &a, None, None, None).await
}

/// Creates a share link; returns its secret (shown once).
pub async fn new_link(
    state: &AppState,
    a: &Access,
    client: &Client,
    sections: Vec<String>,
    days: i64,
    label: Option<String>,
) -> Result<Result<(RecordId, String, Timestamp), String>, StoreError> {
    if sections.is_empty() {
        return Ok(Err("sections: choose at least one section to share".into()));
    }
    if let Some(bad) = sections
        .iter()
        .find(|s| !SECTIONS.iter().any(|(id, _)| id == s) || *s == "questions")
    {
        return Ok(Err(format!("sections: unknown section '{bad}'")));
    }
    if !(1..=MAX_SHARE_DAYS).contains(&days) {
        return Ok(Err(format!("days: choose 1 to {MAX_SHARE_DAYS} days")));
    }
    // A section named twice is shared once; a blank label is no label.
    let mut sections = sections;
    let mut seen = std::collections::HashSet::new();
    sections.retain(|s| seen.insert(s.clone()));
    let label = label
        .map(|l| l.trim().chars().take(100).collect::<String>())
        .filter(|l| !l.is_empty());
    let secret = token::random_token();
    let now = Timestamp::now();
    let expires_at = now.add_millis(days * 86_400_000);
    let id = RecordId::random();
    let link = NewShareLink {
        id: id.clone(),
        patient_id: a.patient.id.clone(),
        token_hash: token::hash_secret(&secret),
        sections,
        label,
        created_at: now,
        expires_at,
    };
    let entry = a.entry(client, action::CREATE, "share_link", Some(id.as_str()));
    state.store().create_share_link(&link, &entry).await?;
    Ok(Ok((id, secret, expires_at)))
}

/// `POST /patients/{id}/shares`: `sections` (repeated), `days`, `label`.
pub async fn create_share(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    origin: LinkOrigin,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve_manage(&state, &u.user, &client, &id).await?;
    let f = FormData::parse(&body);
    let sections = f.all("sections").into_iter().map(str::to_owned).collect();
    let days = f.get("days").parse::<i64>().unwrap_or(0);
    match new_link(&state, &a, &client, sections, days, f.opt("label")).await? {
        Ok((_, secret, _)) => {
            let url = origin.url(&format!("/share/{secret}"));
            sharing_page(&state, &u, &a, Some(url), None, None).await
        }
        Err(msg) => sharing_page(&state, &u, &a, None, None, Some(msg)).await,
    }
}

/// `POST /patients/{id}/shares/{record}/revoke`
pub async fn revoke_share(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path((id, record)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let a = resolve_manage(&state, &u.user, &client, &id).await?;
    let entry = a.entry(&client, action::DELETE, "share_link", Some(&record));
    match state
        .store()
        .revoke_share_link(&a.patient.id, &RecordId(record), Timestamp::now(), &entry)
        .await
    {
        Ok(()) => {
            sharing_page(
                &state,
                &u,
                &a,
                None,
                Some("The link was revoked.".into()),
                None,
            )
            .await
        }
        Err(StoreError::NotFound { .. }) => Err(PageError(
            StatusCode::NOT_FOUND,
            "There is no active link with that id.".into(),
        )),
        Err(e) => Err(e.into()),
    }
}

/// `POST /patients/{id}/shares/revoke-all`: "End all sharing": every live link stops at once.
pub async fn revoke_all_shares(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let a = resolve_manage(&state, &u.user, &client, &id).await?;
    let entry = a.entry(&client, action::DELETE, "share_link", None);
    let n = state
        .store()
        .revoke_all_share_links(&a.patient.id, Timestamp::now(), &entry)
        .await?;
    let notice = state
        .tr(u.locale.lang)
        .t1("notice-shares-revoked", "count", n);
    sharing_page(&state, &u, &a, None, Some(notice), None).await
}

/// Offers access by e-mail to a clinician or a carer (read, or read and write: a clinician who
/// may write records visits).
/// The answer is the same whether or not the address has an account: the access waits as an
/// invitation until someone with that address signs in. `Err(message)` names the field.
pub async fn grant_by_email(
    state: &AppState,
    a: &Access,
    client: &Client,
    request: GrantForm<'_>,
) -> Result<Result<Invitation, String>, StoreError> {
    let relation = match request.relation {
        "" | "clinician" => GrantRelation::Clinician,
        "carer" => GrantRelation::Carer,
        _ => return Ok(Err("relation: choose a clinician or a carer".into())),
    };
    let can_write = match request.access {
        "" | "read" => false,
        "write" => true,
        _ => return Ok(Err("access: choose read only, or read and write".into())),
    };
    let email = normalize_email(request.email);
    if email == normalize_email(&a.patient.email) {
        return Ok(Err("email: this is your own address".into()));
    }
    let invitation = NewInvitation {
        patient_id: a.patient.id.clone(),
        email,
        relation,
        can_write,
        created_at: Timestamp::now(),
    };
    let entry = a.entry(client, action::CREATE, "grant_invitation", None);
    match state.store().invite(&invitation, &entry).await {
        Ok(i) => {
            crate::care::mail_invitation(state, a, &i);
            Ok(Ok(i))
        }
        Err(StoreError::Invalid { .. }) => Ok(Err(
            "email: enter an e-mail address like name@example.org".into(),
        )),
        Err(e) => Err(e),
    }
}

/// What the grant form (or API request) asks for.
#[derive(Debug, Clone, Copy)]
pub struct GrantForm<'a> {
    /// The person's e-mail address.
    pub email: &'a str,
    /// `clinician` (default) or `carer`.
    pub relation: &'a str,
    /// `read` (default) or `write`.
    pub access: &'a str,
}

/// Revokes the grant, or withdraws the invitation, with this id; `Ok(false)` when none is
/// active. A guardian's grant is not revoked here (it ends with the hand-over).
pub async fn revoke_grant_id(
    state: &AppState,
    a: &Access,
    client: &Client,
    grant_id: &str,
) -> Result<bool, StoreError> {
    let store = state.store();
    let grants = store.list_grants(&a.patient.id).await?;
    let Some(g) = grants.into_iter().find(|g| {
        g.id.as_str() == grant_id && g.revoked_at.is_none() && g.relation != GrantRelation::Guardian
    }) else {
        let entry = a.entry(client, action::DELETE, "grant_invitation", Some(grant_id));
        let id = RecordId(grant_id.to_owned());
        return match store
            .revoke_invitation(&a.patient.id, &id, Timestamp::now(), &entry)
            .await
        {
            Ok(()) => Ok(true),
            Err(StoreError::NotFound { .. }) => Ok(false),
            Err(e) => Err(e),
        };
    };
    let entry = a.entry(client, action::DELETE, "clinician_grant", Some(grant_id));
    match store
        .revoke_clinician_grant(&a.patient.id, &g.clinician_id, Timestamp::now(), &entry)
        .await
    {
        Ok(()) => Ok(true),
        Err(StoreError::NotFound { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// `POST /patients/{id}/grants`: `email`, `relation` (`clinician`, `carer`), `access` (`read`,
/// `write`). The same answer whether or not the address has an account.
pub async fn create_grant(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve_manage(&state, &u.user, &client, &id).await?;
    let f = FormData::parse(&body);
    let request = GrantForm {
        email: f.get("email"),
        relation: f.get("relation"),
        access: f.get("access"),
    };
    match grant_by_email(&state, &a, &client, request).await? {
        Ok(i) => {
            let tr = state.tr(u.locale.lang);
            let msg = tr.t2(
                "notice-access-ready",
                "email",
                i.email,
                "access",
                access_words(&tr, i.can_write),
            );
            sharing_page(&state, &u, &a, None, Some(msg), None).await
        }
        Err(msg) => sharing_page(&state, &u, &a, None, None, Some(msg)).await,
    }
}

/// `POST /patients/{id}/grants/{record}/revoke`
pub async fn revoke_grant(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path((id, record)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let a = resolve_manage(&state, &u.user, &client, &id).await?;
    if revoke_grant_id(&state, &a, &client, &record).await? {
        sharing_page(
            &state,
            &u,
            &a,
            None,
            Some(state.tr(u.locale.lang).t("notice-access-revoked")),
            None,
        )
        .await
    } else {
        Err(PageError(
            StatusCode::NOT_FOUND,
            "There is no active grant with that id.".into(),
        ))
    }
}

/// Deletes every tracker record of the patient (both backends: the store's one transaction).
pub async fn delete_all(state: &AppState, a: &Access, client: &Client) -> Result<u64, StoreError> {
    let entry = a.entry(client, action::DELETE, "patient_records", None);
    state
        .store()
        .delete_patient_data(&a.patient.id, &entry)
        .await
}

/// `POST /patients/{id}/delete`: `confirm=delete` required.
pub async fn delete_data(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve_manage(&state, &u.user, &client, &id).await?;
    let f = FormData::parse(&body);
    if f.get("confirm") != "delete" {
        return sharing_page(
            &state,
            &u,
            &a,
            None,
            None,
            Some("confirm: type delete to confirm that all your tracker records should go".into()),
        )
        .await;
    }
    let n = delete_all(&state, &a, &client).await?;
    sharing_page(
        &state,
        &u,
        &a,
        None,
        Some(
            state
                .tr(u.locale.lang)
                .t1("notice-data-deleted", "count", n),
        ),
        None,
    )
    .await
}

// ---- the public page --------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "tracker_share_public.html")]
struct PublicPage {
    l: Layout,
    from: String,
    to: String,
    expires: String,
    blocks: Vec<SummaryBlock>,
}

fn share_key(client: &Client) -> String {
    format!("share:{}", client.ip.as_deref().unwrap_or("unknown"))
}

/// `GET /share/{token}`: the scoped sections. Unknown, expired and revoked links are one 404;
/// too many failed openings from one address within the window is 429.
pub async fn public(
    State(state): State<AppState>,
    client: Client,
    loc: crate::i18n::Locale,
    Path(secret): Path<String>,
) -> Result<Response, PageError> {
    let store = state.store();
    let now = Timestamp::now();
    let window = i64::try_from(state.config().login_window.as_millis()).unwrap_or(i64::MAX);
    let key = share_key(&client);
    if store
        .count_recent_failures(AttemptKind::Address, &key, now.add_millis(-window))
        .await?
        >= SHARE_FAILURES_PER_ADDRESS
    {
        return Err(PageError(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many attempts from your address; try again later.".into(),
        ));
    }
    let entry = audit(
        None,
        &client,
        action::READ,
        "share_link",
        None,
        Outcome::Success,
    );
    let Some(link) = store
        .use_share_link(&token::hash_secret(secret.trim()), now, &entry)
        .await?
    else {
        store
            .record_login_attempt(&LoginAttempt {
                kind: AttemptKind::Address,
                key,
                ts: now,
                success: false,
            })
            .await?;
        let denied = audit(
            None,
            &client,
            action::READ,
            "share_link",
            None,
            Outcome::Denied,
        );
        state.audit(&denied).await?;
        return Err(PageError(
            StatusCode::NOT_FOUND,
            "This link does not exist, has expired or was revoked.".into(),
        ));
    };
    // The window ends on the person's today, in their own time zone (as their diary does).
    let profile = store.get_profile(&link.patient_id).await?;
    let today = super::safety::person_today(profile.as_ref()).ok_or_else(|| {
        PageError(
            StatusCode::INTERNAL_SERVER_ERROR,
            "clock out of range".into(),
        )
    })?;
    let from = today.add_days(-(SHARE_WINDOW_DAYS - 1));
    let range = DateRange {
        from: Some(from.add_days(-30).to_string()),
        to: None,
    };
    // Already audited by `use_share_link`, in the same transaction as the use count.
    let data = store.load_patient(&link.patient_id, &range).await?;
    let mut records = convert::records(state.rules(), state.scorer().catalog(), &data);
    if !link.sections.iter().any(|s| s == "medicines") {
        // Other sections' charts draw medicine periods (name, dose, dates), and a medicine
        // list can reveal a diagnosis: a link without the medicines section shows none.
        records.medicines.clear();
    }
    let req = SummaryRequest {
        from,
        to: today,
        sections: SECTIONS
            .iter()
            .map(|(s, _)| *s)
            .filter(|s| link.sections.iter().any(|x| x == s) && *s != "questions")
            .collect(),
        questions: Vec::new(),
    };
    let tr = state.tr(loc.lang);
    let (_, mut blocks) = summary_blocks(&state, &records, &req, &tr)
        .map_err(|e| PageError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    // Open warning signs travel with the diary (read under the same audited share use).
    if req.sections.contains(&"symptoms") {
        let mut flags = super::red_flags::open(&state, &link.patient_id).await?;
        super::red_flags::in_language(&mut flags, state.kb(), tr.lang);
        blocks.splice(0..0, super::red_flags::summary_block(&flags, &tr));
    }
    let mut l = Layout::new(&state, None, &loc, tr.t("shared-shared-summary"), "share");
    l.signup = false;
    let page = PublicPage {
        l,
        from: crate::i18n::date(tr.lang, &from.to_string()),
        to: crate::i18n::date(tr.lang, &today.to_string()),
        expires: link.expires_at.to_rfc3339(),
        blocks,
    };
    let mut res = render(&page);
    res.headers_mut().insert(
        axum::http::header::HeaderName::from_static("x-robots-tag"),
        axum::http::HeaderValue::from_static("noindex, nofollow"),
    );
    Ok(res)
}
