//! Community rows: posts, pseudonyms, reports and moderators' actions, as plain data (see
//! [`crate::CommunityStore`]).

use crate::error::{Result, StoreError};
use crate::model::{Timestamp, UserId};
use crate::tracker_model::RecordId;

/// Where a post stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostStatus {
    /// Waiting for a moderator; only its author and moderators see it.
    Held,
    /// Shown to everyone.
    Published,
    /// Hidden by a moderator.
    Hidden,
}

impl PostStatus {
    /// Stored name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            PostStatus::Held => "held",
            PostStatus::Published => "published",
            PostStatus::Hidden => "hidden",
        }
    }

    pub(crate) fn parse(text: &str) -> Result<PostStatus> {
        match text {
            "held" => Ok(PostStatus::Held),
            "published" => Ok(PostStatus::Published),
            "hidden" => Ok(PostStatus::Hidden),
            other => Err(StoreError::Corrupt {
                column: "community_posts.status",
                value: other.to_owned(),
            }),
        }
    }
}

/// Why a post is held, as stored (the caller's screening adds `emergency` or `dosing`; the
/// store adds [`FIRST_POST`]).
pub const FIRST_POST: &str = "first_post";

/// A post as stored, with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostRow {
    /// Record id.
    pub id: RecordId,
    /// The KB entry (or FAQ question) id it sits under.
    pub topic: String,
    /// The author; `None` once anonymised.
    pub author_id: Option<UserId>,
    /// The name shown.
    pub pseudonym: String,
    /// `helped`, `side_effect`, `tip` or `question`.
    pub tag: String,
    /// Plain text.
    pub body: String,
    /// Where it stands.
    pub status: PostStatus,
    /// Why it is (or was) held: `first_post`, `emergency`, `dosing`, `reports`.
    pub hold_reasons: Vec<String>,
    /// Triage read it as an emergency (top of the queue).
    pub emergency: bool,
    /// When posted.
    pub created_at: Timestamp,
    /// When last edited by a moderator.
    pub edited_at: Option<Timestamp>,
    /// When a moderator last acted on it.
    pub moderated_at: Option<Timestamp>,
    /// How many people marked "this helped me".
    pub helped: u64,
    /// Whether the viewer asked about marked it.
    pub helped_by_viewer: bool,
    /// Reports not yet dealt with.
    pub open_reports: u64,
}

/// A new post. The caller picks the id and screens the text first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPost {
    /// Usually [`RecordId::random`].
    pub id: RecordId,
    /// KB entry id.
    pub topic: String,
    /// The poster (must have a pseudonym, see [`CommunityStore::set_pseudonym`]).
    pub author: UserId,
    /// Tag.
    pub tag: String,
    /// Plain text, already screened.
    pub body: String,
    /// Reasons from screening (`emergency`, `dosing`); empty when none.
    pub hold_reasons: Vec<String>,
    /// Triage read it as an emergency.
    pub emergency: bool,
    /// Now.
    pub created_at: Timestamp,
}

/// How many posts one account may make: per hour and per day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostLimits {
    /// Posts per clock hour.
    pub per_hour: u32,
    /// Posts per UTC day.
    pub per_day: u32,
}

impl Default for PostLimits {
    fn default() -> Self {
        Self {
            per_hour: 5,
            per_day: 20,
        }
    }
}

/// What [`CommunityStore::create_post`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posted {
    /// Stored (published or held, see its status).
    Stored(Box<PostRow>),
    /// Over the limit: nothing stored; try again after this many seconds.
    RateLimited {
        /// Seconds until the window that was full ends.
        retry_after_secs: u64,
    },
}

/// A poster's community identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poster {
    /// Name shown on posts.
    pub pseudonym: String,
    /// Posts a moderator approved.
    pub approved_posts: u64,
}

/// A report on a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    /// Record id.
    pub id: RecordId,
    /// The post.
    pub post_id: RecordId,
    /// Reason code.
    pub reason: String,
    /// Free text (may be empty).
    pub detail: String,
    /// When.
    pub created_at: Timestamp,
}

/// A moderator's action and its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRow {
    /// `approve`, `hide`, `restore`, `edit`, `dismiss`.
    pub action: String,
    /// The reason given.
    pub reason: String,
    /// Who (account id), if the account still exists.
    pub moderator_id: Option<String>,
    /// When.
    pub at: Timestamp,
}

/// One item in the moderation queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItem {
    /// The post.
    pub post: PostRow,
    /// Its open reports.
    pub reports: Vec<ReportRow>,
    /// What moderators did to it so far, oldest first.
    pub actions: Vec<ActionRow>,
}

/// What a moderator does to a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Moderation {
    /// Publish a held post (counts toward the poster's approved posts).
    Approve,
    /// Hide it.
    Hide,
    /// Show a hidden post again.
    Restore,
    /// Replace its text (already screened by the caller).
    Edit(String),
    /// Close its open reports, leaving it as it is.
    Dismiss,
}

impl Moderation {
    /// Stored name.
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        match self {
            Moderation::Approve => "approve",
            Moderation::Hide => "hide",
            Moderation::Restore => "restore",
            Moderation::Edit(_) => "edit",
            Moderation::Dismiss => "dismiss",
        }
    }
}
