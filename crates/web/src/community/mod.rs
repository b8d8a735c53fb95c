//! "From people living with DM": first-person posts under each knowledge-base entry and FAQ
//! question, shown beside the reviewed answer and set apart from it.
//!
//! - `area` builds the block the entry page shows (published posts, the viewer's own held ones,
//!   the form); a store failure hides the block, never the reviewed page.
//! - `posts` takes a post: the pseudonym check, the screening of `myo-community` (identifiers
//!   and outside links refused, dosing instructions held), Ask's red-flag triage (an emergency
//!   or urgent warning sign shows its action at once and holds the post, emergencies at the top
//!   of the queue), the store's atomic posting limit, and the first-post hold. Also "this helped
//!   me", reports and deleting one's own post.
//! - `moderation` is the queue for moderators and admins, and the admin's grant.
//!
//! Community text lives only in the store's `community_*` tables: Ask's corpus is built from
//! the knowledge base alone, and posts are never linked to tracker records.

mod moderation;
mod posts;

use axum::Router;
use axum::routing::{get, post};
use myo_store::{PostRow, PostStatus, UserId};

use crate::AppState;
use crate::auth::CurrentUser;

pub use moderation::set_moderator;

/// The audit `resource_type` of a post.
pub const POST: &str = "community_post";

/// Community routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/kb/{id}/community", post(posts::create))
        .route("/community/posts/{id}/helped", post(posts::helped))
        .route("/community/posts/{id}/report", post(posts::report))
        .route("/community/posts/{id}/delete", post(posts::delete))
        .route("/community/moderation", get(moderation::queue))
        .route("/community/moderation/{id}", post(moderation::act))
}

/// The screening rules with the knowledge base's medicine names (generic and brand).
pub fn screen_for(kb: &myo_kb::Kb) -> Result<myo_community::Screen, myo_community::TableError> {
    let mut names: Vec<String> = Vec::new();
    for entry in kb.entries() {
        if let Some(myo_kb::Structured::Drug(d)) = &entry.structured {
            names.push(d.generic_name.clone());
            names.extend(d.brand_names.iter().cloned());
        }
    }
    myo_community::Screen::builtin(names)
}

/// A post as shown.
#[derive(Debug, Clone)]
pub struct PostView {
    /// Record id.
    pub id: String,
    /// Name shown.
    pub pseudonym: String,
    /// Tag label.
    pub tag: &'static str,
    /// Plain text (shown with its line breaks, escaped).
    pub body: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Waiting for a moderator (only its author sees it here).
    pub held: bool,
    /// The viewer wrote it.
    pub mine: bool,
    /// "This helped me" count.
    pub helped: u64,
    /// The viewer marked it.
    pub helped_by_me: bool,
    /// A moderator edited it.
    pub edited: bool,
}

/// The label of a stored tag.
pub fn tag_label(tag: &str) -> &'static str {
    myo_community::TAGS
        .iter()
        .find(|(id, _)| *id == tag)
        .map_or("Experience", |(_, label)| label)
}

fn day(ts: myo_store::Timestamp) -> String {
    ts.to_rfc3339().chars().take(10).collect()
}

impl PostView {
    fn of(p: &PostRow, viewer: Option<&UserId>) -> PostView {
        PostView {
            id: p.id.as_str().to_owned(),
            pseudonym: p.pseudonym.clone(),
            tag: tag_label(&p.tag),
            body: p.body.clone(),
            date: day(p.created_at),
            held: p.status == PostStatus::Held,
            mine: viewer.is_some() && p.author_id.as_ref() == viewer,
            helped: p.helped,
            helped_by_me: p.helped_by_viewer,
            edited: p.edited_at.is_some(),
        }
    }
}

/// The community block of an entry page.
#[derive(Debug, Clone, Default)]
pub struct Area {
    /// The entry id.
    pub topic: String,
    /// Posts the viewer may see.
    pub posts: Vec<PostView>,
    /// Someone is signed in.
    pub signed_in: bool,
    /// The viewer's pseudonym (none yet: the form asks for one).
    pub pseudonym: Option<String>,
    /// The viewer may moderate (shows the queue link).
    pub can_moderate: bool,
    /// What just happened (from the redirect after a post).
    pub notice: Option<&'static str>,
    /// The posts could not be loaded (the reviewed page is shown anyway).
    pub unavailable: bool,
}

impl Area {
    /// Tags for the form.
    pub fn tags(&self) -> &'static [(&'static str, &'static str)] {
        &myo_community::TAGS
    }

    /// Report reasons for the report forms.
    pub fn reasons(&self) -> &'static [(&'static str, &'static str)] {
        &myo_community::REPORT_REASONS
    }
}

/// The notice for `?community=…` after a redirect.
fn notice(code: Option<&str>) -> Option<&'static str> {
    Some(match code? {
        "published" => "Thank you. Your post is published below.",
        "held" => {
            "Thank you. Your post is waiting for a moderator and only you can see it until then."
        }
        "reported" => "Thank you. A moderator will look at the post you reported.",
        "already-reported" => "You have already reported this post; a moderator will look at it.",
        "deleted" => "Your post is deleted.",
        _ => return None,
    })
}

/// Loads the block for `topic`. A store failure is logged and shown as "unavailable".
pub async fn area(
    state: &AppState,
    user: Option<&CurrentUser>,
    topic: &str,
    query: Option<&str>,
) -> Area {
    let code = query.and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "community")
            .map(|(_, v)| v.into_owned())
    });
    let viewer = user.map(|u| &u.user.id);
    let mut a = Area {
        topic: topic.to_owned(),
        signed_in: user.is_some(),
        notice: notice(code.as_deref()),
        ..Area::default()
    };
    let store = state.store();
    let loaded = async {
        let posts = store.list_topic_posts(topic, viewer).await?;
        let (pseudonym, can_moderate) = match viewer {
            Some(v) => (
                store.get_poster(v).await?.map(|p| p.pseudonym),
                store.can_moderate(v).await?,
            ),
            None => (None, false),
        };
        Ok::<_, myo_store::StoreError>((posts, pseudonym, can_moderate))
    };
    match loaded.await {
        Ok((posts, pseudonym, can_moderate)) => {
            a.posts = posts.iter().map(|p| PostView::of(p, viewer)).collect();
            a.pseudonym = pseudonym;
            a.can_moderate = can_moderate;
        }
        Err(e) => {
            tracing::error!(error = %e, "community posts unavailable");
            a.unavailable = true;
        }
    }
    a
}
