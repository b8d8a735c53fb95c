//! The moderation queue (`/community/moderation`, moderators and admins) and the admin's grant
//! of the moderator capability (`POST /admin/users/{id}/moderator`).
//!
//! Everyone else gets 403 and a `denied` audit event. Every action carries a reason; the store
//! checks the actor again in the transaction that applies it and keeps the reason.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::audit::action;
use myo_store::{
    Moderation, Outcome, PostStatus, QueueItem, RecordId, StoreError, Timestamp, UserId,
};
use serde::Deserialize;

use super::{POST, tag_label};
use crate::AppState;
use crate::auth::{Client, CurrentUser, SignedIn, audit, is_admin};
use crate::pages::{Layout, PageError, render};

/// A queue item as shown.
#[derive(Debug, Clone)]
pub struct Item {
    id: String,
    topic: String,
    topic_title: String,
    pseudonym: String,
    tag: &'static str,
    body: String,
    date: String,
    emergency: bool,
    held: bool,
    hidden: bool,
    reasons: Vec<&'static str>,
    reports: Vec<(String, String)>,
    history: Vec<String>,
}

fn reason_label(r: &str) -> &'static str {
    match r {
        "first_post" => "First post of a new poster",
        "emergency" => "Emergency warning sign found by triage",
        "urgent" => "Urgent warning sign found by triage",
        "dosing" => "Reads like dosing advice",
        _ => "Held",
    }
}

fn report_label(r: &str) -> String {
    myo_community::REPORT_REASONS
        .iter()
        .find(|(id, _)| *id == r)
        .map_or_else(|| r.to_owned(), |(_, l)| (*l).to_owned())
}

fn item(state: &AppState, q: &QueueItem) -> Item {
    let p = &q.post;
    Item {
        id: p.id.as_str().to_owned(),
        topic: p.topic.clone(),
        topic_title: state
            .kb()
            .get(&p.topic)
            .map_or_else(|| p.topic.clone(), |e| e.title.clone()),
        pseudonym: p.pseudonym.clone(),
        tag: tag_label(&p.tag),
        body: p.body.clone(),
        date: p.created_at.to_rfc3339().chars().take(16).collect(),
        emergency: p.emergency,
        held: p.status == PostStatus::Held,
        hidden: p.status == PostStatus::Hidden,
        reasons: p.hold_reasons.iter().map(|r| reason_label(r)).collect(),
        reports: q
            .reports
            .iter()
            .map(|r| (report_label(&r.reason), r.detail.clone()))
            .collect(),
        history: q
            .actions
            .iter()
            .map(|a| {
                format!(
                    "{} {}: {}",
                    a.at.to_rfc3339().chars().take(10).collect::<String>(),
                    a.action,
                    a.reason
                )
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "community_queue.html")]
struct QueuePage {
    l: Layout,
    items: Vec<Item>,
    notice: Option<&'static str>,
    error: Option<String>,
}

async fn require_moderator(
    state: &AppState,
    me: &CurrentUser,
    client: &Client,
    verb: &str,
    target: Option<&str>,
) -> Result<(), PageError> {
    if state.store().can_moderate(&me.user.id).await? {
        return Ok(());
    }
    let e = audit(Some(&me.user), client, verb, POST, target, Outcome::Denied);
    state.audit(&e).await?;
    Err(PageError(
        StatusCode::FORBIDDEN,
        "Only community moderators can open the moderation queue.".into(),
    ))
}

async fn queue_page(
    state: &AppState,
    me: &CurrentUser,
    client: &Client,
    notice: Option<&'static str>,
    error: Option<String>,
) -> Result<QueuePage, PageError> {
    let items = state.store().moderation_queue(200).await?;
    let e = audit(
        Some(&me.user),
        client,
        action::READ,
        "community_queue",
        None,
        Outcome::Success,
    );
    state.audit(&e).await?;
    Ok(QueuePage {
        l: Layout::new(
            state,
            Some(me),
            &me.locale,
            "Moderation queue",
            "moderation",
        ),
        items: items.iter().map(|q| item(state, q)).collect(),
        notice,
        error,
    })
}

/// `GET /community/moderation`.
pub async fn queue(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    uri: axum::http::Uri,
) -> Result<Response, PageError> {
    require_moderator(&state, &me, &client, action::READ, None).await?;
    let notice = uri
        .query()
        .is_some_and(|q| q.contains("done=1"))
        .then_some("Done. The post has left the queue or been updated.");
    Ok(render(
        &queue_page(&state, &me, &client, notice, None).await?,
    ))
}

/// A moderator's action.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActForm {
    /// `approve`, `hide`, `restore`, `edit` or `dismiss`.
    #[serde(default)]
    pub action: String,
    /// Why (required, kept with the post's history).
    #[serde(default)]
    pub reason: String,
    /// The new text, for `edit`.
    #[serde(default)]
    pub body: String,
}

/// `POST /community/moderation/{id}`.
pub async fn act(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Path(id): Path<String>,
    Form(f): Form<ActForm>,
) -> Result<Response, PageError> {
    let valid_id = id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit());
    require_moderator(
        &state,
        &me,
        &client,
        action::UPDATE,
        valid_id.then_some(id.as_str()),
    )
    .await?;
    if !valid_id {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            "There is no such post.".into(),
        ));
    }
    let refuse = |msg: String| async {
        let page = queue_page(&state, &me, &client, None, Some(msg)).await?;
        Ok::<Response, PageError>((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
    };
    if f.reason.trim().is_empty() {
        return refuse("Give a reason for the action; it is kept with the post's history.".into())
            .await;
    }
    let m = match f.action.as_str() {
        "approve" => Moderation::Approve,
        "hide" => Moderation::Hide,
        "restore" => Moderation::Restore,
        "dismiss" => Moderation::Dismiss,
        "edit" => match state.screen().check(&f.body) {
            Ok(s) => Moderation::Edit(s.body),
            Err(why) => return refuse(format!("The edited text: {why}")).await,
        },
        _ => return refuse("Choose an action.".into()).await,
    };
    let mut e = audit(
        Some(&me.user),
        &client,
        action::UPDATE,
        POST,
        Some(&id),
        Outcome::Success,
    );
    e.details = Some(format!(r#"{{"moderation":"{}"}}"#, m.as_str()));
    match state
        .store()
        .moderate(
            &RecordId(id.clone()),
            &m,
            &me.user.id,
            &f.reason,
            Timestamp::now(),
            &e,
        )
        .await
    {
        Ok(_) => Ok(Redirect::to("/community/moderation?done=1").into_response()),
        Err(StoreError::NotFound { what: "post" }) => Err(PageError(
            StatusCode::NOT_FOUND,
            "There is no such post.".into(),
        )),
        Err(StoreError::NotFound { .. }) => Err(PageError(
            StatusCode::FORBIDDEN,
            "Only community moderators can moderate posts.".into(),
        )),
        Err(StoreError::Invalid { reason, .. }) => refuse(format!("Not done: {reason}.")).await,
        Err(other) => Err(other.into()),
    }
}

/// The admin's grant form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GrantForm {
    /// `yes` to grant, `no` to withdraw.
    #[serde(default)]
    pub grant: String,
}

/// `POST /admin/users/{id}/moderator`: admins grant or withdraw the moderator capability.
pub async fn set_moderator(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Path(id): Path<String>,
    Form(f): Form<GrantForm>,
) -> Result<Response, PageError> {
    let valid_id = id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit());
    if !is_admin(&me.user) {
        let e = audit(
            Some(&me.user),
            &client,
            action::UPDATE,
            "community_moderator",
            valid_id.then_some(id.as_str()),
            Outcome::Denied,
        );
        state.audit(&e).await?;
        return Err(PageError(
            StatusCode::FORBIDDEN,
            "Only administrators can make someone a moderator.".into(),
        ));
    }
    let target = UserId(id.clone());
    if !valid_id || state.store().get_user(&target).await?.is_none() {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            "There is no such account.".into(),
        ));
    }
    let grant = f.grant == "yes";
    let mut e = audit(
        Some(&me.user),
        &client,
        action::UPDATE,
        "community_moderator",
        Some(&id),
        Outcome::Success,
    );
    e.details = Some(format!(r#"{{"granted":{grant}}}"#));
    state
        .store()
        .set_moderator(&target, grant, &me.user.id, Timestamp::now(), &e)
        .await?;
    let done = if grant {
        "moderator-granted"
    } else {
        "moderator-withdrawn"
    };
    Ok(Redirect::to(&format!("/admin/users?done={done}")).into_response())
}
