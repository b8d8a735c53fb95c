//! Posting, "this helped me", reporting and deleting one's own post.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::audit::action;
use myo_store::{NewPost, Outcome, Posted, RecordId, StoreError, Timestamp};
use serde::Deserialize;

use super::POST;
use crate::AppState;
use crate::auth::{Client, CurrentUser, SignedIn, audit};
use crate::pages::{Layout, PageError, render};

/// The posting form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PostForm {
    /// One of `myo_community::TAGS`.
    #[serde(default)]
    pub tag: String,
    /// The experience, plain text.
    #[serde(default)]
    pub body: String,
    /// A community name, asked for on the first post only.
    #[serde(default)]
    pub pseudonym: String,
}

/// A warning sign triage found in a post, shown to its poster at once.
#[derive(Debug, Clone)]
pub struct Warning {
    /// `emergency` or `urgent`.
    pub tier: &'static str,
    /// "Emergency warning sign" / "Urgent warning sign".
    pub tier_label: &'static str,
    /// The rule's title.
    pub title: String,
    /// What to do now.
    pub action: String,
    /// The KB page about it.
    pub link: String,
}

#[derive(Template)]
#[template(path = "community_post.html")]
struct PostPage {
    l: Layout,
    topic: String,
    topic_title: String,
    error: Option<String>,
    form: PostForm,
    needs_pseudonym: bool,
    warning: Option<Warning>,
    held_note: Option<&'static str>,
    tags: &'static [(&'static str, &'static str)],
}

fn page(state: &AppState, me: &CurrentUser, topic: &myo_kb::Entry) -> PostPage {
    PostPage {
        l: Layout::new(state, Some(me), &me.locale, "Your post", "kb"),
        topic: topic.id.clone(),
        topic_title: topic.title.clone(),
        error: None,
        form: PostForm::default(),
        needs_pseudonym: false,
        warning: None,
        held_note: None,
        tags: &myo_community::TAGS,
    }
}

fn refused(mut p: PostPage, status: StatusCode, message: String) -> Response {
    p.error = Some(message);
    (status, render(&p)).into_response()
}

fn entry<'a>(state: &'a AppState, id: &str) -> Result<&'a myo_kb::Entry, PageError> {
    state.kb().get(id).ok_or_else(|| {
        PageError(
            StatusCode::NOT_FOUND,
            "There is no page with this name to post under.".into(),
        )
    })
}

/// `POST /kb/{id}/community`: screens and stores a post. Refusals show the form again with the
/// text kept and the problem named; a warning sign shows its action at once.
pub async fn create(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Path(topic): Path<String>,
    Form(f): Form<PostForm>,
) -> Result<Response, PageError> {
    let topic = entry(&state, &topic)?;
    let store = state.store();
    let mut p = page(&state, &me, topic);
    let poster = store.get_poster(&me.user.id).await?;
    p.needs_pseudonym = poster.is_none();
    p.form = f.clone();
    if !myo_community::TAGS.iter().any(|(id, _)| *id == f.tag) {
        return Ok(refused(
            p,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Choose what kind of post this is (what helped, side effect, tip or question).".into(),
        ));
    }
    let screened = match state.screen().check(&f.body) {
        Ok(s) => s,
        Err(why) => {
            return Ok(refused(
                p,
                StatusCode::UNPROCESSABLE_ENTITY,
                why.to_string(),
            ));
        }
    };
    if poster.is_none() {
        let name = match myo_community::check_pseudonym(&f.pseudonym, &me.user.email) {
            Ok(n) => n,
            Err(why) => {
                return Ok(refused(
                    p,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    why.to_string(),
                ));
            }
        };
        let e = audit(
            Some(&me.user),
            &client,
            action::CREATE,
            "community_poster",
            Some(me.user.id.as_str()),
            Outcome::Success,
        );
        match store
            .set_pseudonym(&me.user.id, &name, Timestamp::now(), &e)
            .await
        {
            Ok(_) => {}
            Err(StoreError::Conflict { .. }) => {
                return Ok(refused(
                    p,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "That community name is taken. Please choose another.".into(),
                ));
            }
            Err(other) => return Err(other.into()),
        }
        p.needs_pseudonym = false;
    }
    // The same red-flag triage as Ask and the diary, English and Spanish rules alike.
    let hit = state.engine().await.red_flag(&screened.body);
    let warning = hit.and_then(|h| {
        let (tier, tier_label) = match h.tier {
            myo_ask::triage::Tier::Emergency => ("emergency", "Emergency warning sign"),
            myo_ask::triage::Tier::Urgent => ("urgent", "Urgent warning sign"),
            myo_ask::triage::Tier::Discuss => return None,
        };
        Some(Warning {
            tier,
            tier_label,
            link: format!("/kb/{}", h.rule_id),
            title: h.title,
            action: h.action,
        })
    });
    let mut hold_reasons: Vec<String> = Vec::new();
    if let Some(w) = &warning {
        hold_reasons.push(w.tier.to_owned());
    }
    hold_reasons.extend(screened.holds.iter().map(|h| h.reason.to_owned()));
    let post = NewPost {
        id: RecordId::random(),
        topic: topic.id.clone(),
        author: me.user.id.clone(),
        tag: f.tag.clone(),
        body: screened.body.clone(),
        hold_reasons,
        emergency: warning.as_ref().is_some_and(|w| w.tier == "emergency"),
        created_at: Timestamp::now(),
    };
    let e = audit(
        Some(&me.user),
        &client,
        action::CREATE,
        POST,
        None,
        Outcome::Success,
    );
    let stored = match store
        .create_post(&post, &state.config().post_limits, &e)
        .await?
    {
        Posted::Stored(row) => row,
        Posted::RateLimited { retry_after_secs } => {
            let minutes = retry_after_secs.div_ceil(60);
            let mut res = refused(
                p,
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "You have posted a lot in a short time. Your text is kept below; please try \
                     again in about {minutes} minute{}.",
                    if minutes == 1 { "" } else { "s" }
                ),
            );
            if let Ok(v) = retry_after_secs.to_string().parse() {
                res.headers_mut().insert("retry-after", v);
            }
            return Ok(res);
        }
    };
    let held = stored.status == myo_store::PostStatus::Held;
    if warning.is_some() || !screened.holds.is_empty() {
        // Shown at once, on this response: the warning's action first, then the hold note.
        p.form = PostForm::default();
        p.warning = warning;
        p.held_note = screened.holds.first().map(|h| h.note);
        return Ok(render(&p));
    }
    let code = if held { "held" } else { "published" };
    Ok(Redirect::to(&format!("/kb/{}?community={code}#community", topic.id)).into_response())
}

/// The "this helped me" form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct HelpedForm {
    /// `yes` to mark, anything else to unmark.
    #[serde(default)]
    pub helped: String,
}

fn post_id(id: &str) -> Result<RecordId, PageError> {
    if id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(RecordId(id.to_owned()))
    } else {
        Err(not_found())
    }
}

fn not_found() -> PageError {
    PageError(StatusCode::NOT_FOUND, "There is no such post.".into())
}

fn back(topic: &str, code: &str) -> Response {
    Redirect::to(&format!("/kb/{topic}?community={code}#community")).into_response()
}

/// `POST /community/posts/{id}/helped`.
pub async fn helped(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Path(id): Path<String>,
    Form(f): Form<HelpedForm>,
) -> Result<Response, PageError> {
    let id = post_id(&id)?;
    let store = state.store();
    let post = store.get_post(&id, None).await?.ok_or_else(not_found)?;
    let e = audit(
        Some(&me.user),
        &client,
        action::UPDATE,
        "community_helped",
        Some(id.as_str()),
        Outcome::Success,
    );
    match store
        .mark_helped(&id, &me.user.id, f.helped == "yes", Timestamp::now(), &e)
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/kb/{}#post-{}", post.topic, id.as_str())).into_response())
        }
        Err(StoreError::NotFound { .. }) => Err(not_found()),
        Err(other) => Err(other.into()),
    }
}

/// The report form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReportForm {
    /// One of `myo_community::REPORT_REASONS`.
    #[serde(default)]
    pub reason: String,
    /// Optional words.
    #[serde(default)]
    pub detail: String,
}

/// `POST /community/posts/{id}/report`: anyone signed in reports a published post, with a
/// reason; it goes to the moderation queue.
pub async fn report(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Path(id): Path<String>,
    Form(f): Form<ReportForm>,
) -> Result<Response, PageError> {
    let id = post_id(&id)?;
    let store = state.store();
    let post = store.get_post(&id, None).await?.ok_or_else(not_found)?;
    if !myo_community::REPORT_REASONS
        .iter()
        .any(|(r, _)| *r == f.reason)
    {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Choose a reason for the report (for example \u{201c}Gives medical or dosing advice\u{201d}), then send it again.".into(),
        ));
    }
    if f.detail.chars().count() > 500 {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            "The words with your report can be at most 500 characters.".into(),
        ));
    }
    let e = audit(
        Some(&me.user),
        &client,
        action::CREATE,
        "community_report",
        Some(id.as_str()),
        Outcome::Success,
    );
    match store
        .report_post(&id, &me.user.id, &f.reason, &f.detail, Timestamp::now(), &e)
        .await
    {
        Ok(_) => Ok(back(&post.topic, "reported")),
        Err(StoreError::Conflict { .. }) => Ok(back(&post.topic, "already-reported")),
        Err(StoreError::NotFound { .. }) => Err(not_found()),
        Err(other) => Err(other.into()),
    }
}

/// `POST /community/posts/{id}/delete`: the author deletes their own post; anyone else gets
/// the same 404 as a missing post.
pub async fn delete(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = post_id(&id)?;
    let store = state.store();
    let post = store.get_post(&id, None).await?.ok_or_else(not_found)?;
    let e = audit(
        Some(&me.user),
        &client,
        action::DELETE,
        POST,
        Some(id.as_str()),
        Outcome::Success,
    );
    match store.delete_own_post(&id, &me.user.id, &e).await {
        Ok(()) => Ok(back(&post.topic, "deleted")),
        Err(StoreError::NotFound { .. }) => {
            let denied = audit(
                Some(&me.user),
                &client,
                action::DELETE,
                POST,
                Some(id.as_str()),
                Outcome::Denied,
            );
            state.audit(&denied).await?;
            Err(not_found())
        }
        Err(other) => Err(other.into()),
    }
}
