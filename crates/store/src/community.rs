//! Community posts beside the knowledge base ([`CommunityStore`]): pseudonyms, posts held for
//! moderation, reports, "this helped me" marks, moderators and the posting rate limit.
//!
//! Rules the store keeps whatever the caller does:
//! - A poster's first post is held until a moderator approves one of their posts
//!   (`community_posters.approved_posts`), decided inside the write that stores the post.
//! - The posting limit is counted in one upsert per window (`community_rate`), inside the same
//!   transaction, so a burst of parallel posts cannot pass it on either backend.
//! - Moderation (approve, hide, restore, edit, dismiss reports) is refused unless the actor is
//!   a moderator or an active admin, checked in the same transaction; the reason is kept in
//!   `community_actions` and the audit log names the action.
//! - A post is deleted only by its author (or with the account); anonymising clears the author.

use sqlx::AssertSqlSafe;

use crate::db::{AuditAppend, RowExt, each_backend, opt_ts, ts};
use crate::error::{Result, StoreError};
use crate::model::{AuditEntry, Timestamp, UserId};
use crate::store::SqlStore;
use crate::tracker_model::RecordId;

pub use crate::community_model::{
    ActionRow, FIRST_POST, Moderation, NewPost, PostLimits, PostRow, PostStatus, Posted, Poster,
    QueueItem, ReportRow,
};

/// Community storage, implemented by the same store as [`crate::Store`] (a supertrait).
#[async_trait::async_trait]
pub trait CommunityStore: Send + Sync {
    /// Whether `user` may moderate: a granted moderator or an active admin.
    async fn can_moderate(&self, user: &UserId) -> Result<bool>;

    /// Grants (`true`) or withdraws the moderator capability; the caller checks that the actor
    /// is an admin. Granting twice keeps the first grant.
    async fn set_moderator(
        &self,
        user: &UserId,
        granted: bool,
        by: &UserId,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// Granted moderators' account ids.
    async fn list_moderators(&self) -> Result<Vec<UserId>>;

    /// The account's pseudonym and approved-post count, if it has posted or chosen one.
    async fn get_poster(&self, user: &UserId) -> Result<Option<Poster>>;

    /// Chooses the account's pseudonym (once; a second call is `Conflict
    /// community_posters.user_id`). Taken names, ignoring case, are `Conflict
    /// community_posters.pseudonym_key`.
    async fn set_pseudonym(
        &self,
        user: &UserId,
        pseudonym: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<Poster>;

    /// Stores a post under the limits (counted atomically), held if screening said so or if the
    /// poster has no approved post yet. `NotFound { what: "pseudonym" }` without a pseudonym.
    async fn create_post(
        &self,
        post: &NewPost,
        limits: &PostLimits,
        audit: &AuditEntry,
    ) -> Result<Posted>;

    /// One post, any status.
    async fn get_post(&self, id: &RecordId, viewer: Option<&UserId>) -> Result<Option<PostRow>>;

    /// Posts under `topic` the viewer may see: published ones, and the viewer's own held ones;
    /// oldest first.
    async fn list_topic_posts(&self, topic: &str, viewer: Option<&UserId>) -> Result<Vec<PostRow>>;

    /// Held posts and posts with open reports: emergencies first, then oldest first. Empty
    /// (not an error) for someone who may not moderate: the caller checks first.
    async fn moderation_queue(&self, limit: u32) -> Result<Vec<QueueItem>>;

    /// Applies a moderator's action with its reason. `NotFound { what: "moderator" }` when the
    /// actor may not moderate, `NotFound { what: "post" }` for a missing post,
    /// `Invalid { field: "action" }` when the action does not fit the post's state.
    async fn moderate(
        &self,
        post: &RecordId,
        action: &Moderation,
        moderator: &UserId,
        reason: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<PostRow>;

    /// Reports a post with a reason; `Conflict community_reports.post_id, community_reports.
    /// reporter_id` for a second report by the same person.
    async fn report_post(
        &self,
        post: &RecordId,
        reporter: &UserId,
        reason: &str,
        detail: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<ReportRow>;

    /// Marks (or unmarks) "this helped me"; idempotent.
    async fn mark_helped(
        &self,
        post: &RecordId,
        user: &UserId,
        helped: bool,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// Deletes one of the author's own posts; `NotFound` for anyone else's.
    async fn delete_own_post(
        &self,
        post: &RecordId,
        author: &UserId,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// Detaches every post of `author` from the account (shown as "former member"), so the
    /// account's deletion keeps them; returns how many.
    async fn anonymise_posts(&self, author: &UserId, audit: &AuditEntry) -> Result<u64>;

    /// Every post of `author`, any status, newest first (for their account page and export).
    async fn list_author_posts(&self, author: &UserId) -> Result<Vec<PostRow>>;
}

/// The name an anonymised post shows.
pub const FORMER_MEMBER: &str = "former member";

const TAGS: [&str; 4] = ["helped", "side_effect", "tip", "question"];
const REASONS: [&str; 5] = ["medical_advice", "identifying", "unkind", "spam", "other"];
const MAX_BODY: usize = 2000;

fn post_columns(viewer: &str) -> String {
    format!(
        "p.id, p.topic, p.author_id, p.pseudonym, p.tag, p.body, p.status, p.hold_reasons, \
         p.emergency, p.created_at, p.edited_at, p.moderated_at, \
         (SELECT COUNT(*) FROM community_helped h WHERE h.post_id = p.id) AS helped, \
         (SELECT COUNT(*) FROM community_helped h WHERE h.post_id = p.id AND h.user_id = {viewer}) \
         AS mine, \
         (SELECT COUNT(*) FROM community_reports r WHERE r.post_id = p.id \
         AND r.resolved_at IS NULL) AS open_reports"
    )
}

fn post_from(row: &impl RowExt) -> Result<PostRow> {
    let reasons = row.text("hold_reasons")?;
    Ok(PostRow {
        id: RecordId(row.text("id")?),
        topic: row.text("topic")?,
        author_id: row.opt_text("author_id")?.map(UserId),
        pseudonym: row.text("pseudonym")?,
        tag: row.text("tag")?,
        body: row.text("body")?,
        status: PostStatus::parse(&row.text("status")?)?,
        hold_reasons: reasons
            .split(',')
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect(),
        emergency: row.boolean("emergency")?,
        created_at: ts(row, "created_at")?,
        edited_at: opt_ts(row, "edited_at")?,
        moderated_at: opt_ts(row, "moderated_at")?,
        helped: u64::try_from(row.int("helped")?).unwrap_or(0),
        helped_by_viewer: row.int("mine")? > 0,
        open_reports: u64::try_from(row.int("open_reports")?).unwrap_or(0),
    })
}

fn report_from(row: &impl RowExt) -> Result<ReportRow> {
    Ok(ReportRow {
        id: RecordId(row.text("id")?),
        post_id: RecordId(row.text("post_id")?),
        reason: row.text("reason")?,
        detail: row.text("detail")?,
        created_at: ts(row, "created_at")?,
    })
}

fn check_post(post: &NewPost) -> Result<()> {
    let bad = |field: &'static str, why: &str| Err(StoreError::invalid(field, why));
    if !TAGS.contains(&post.tag.as_str()) {
        return bad("tag", "expected helped, side_effect, tip or question");
    }
    check_body(&post.body)?;
    if post.topic.is_empty()
        || post.topic.len() > 120
        || !post
            .topic
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return bad("topic", "expected a knowledge-base entry id");
    }
    for r in &post.hold_reasons {
        if r.is_empty() || r.contains(',') || r.len() > 40 {
            return bad("hold_reasons", "each a short word without commas");
        }
    }
    Ok(())
}

fn check_body(body: &str) -> Result<()> {
    if body.trim().is_empty() || body.chars().count() > MAX_BODY || body.contains('\0') {
        return Err(StoreError::invalid(
            "body",
            &format!("between 1 and {MAX_BODY} characters"),
        ));
    }
    Ok(())
}

/// The pseudonym's uniqueness key: trimmed, lowercased, inner spaces collapsed.
fn pseudonym_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 86_400_000;

/// The two windows a post at `now` counts in: `(bucket key, limit, seconds to the window end)`.
fn windows(now: Timestamp, limits: &PostLimits) -> [(String, i64, u64); 2] {
    let t = now.as_millis();
    let left = |size: i64| u64::try_from((size - t.rem_euclid(size) + 999) / 1000).unwrap_or(1);
    [
        (
            format!("h{}", t.div_euclid(HOUR_MS)),
            i64::from(limits.per_hour),
            left(HOUR_MS),
        ),
        (
            format!("d{}", t.div_euclid(DAY_MS)),
            i64::from(limits.per_day),
            left(DAY_MS),
        ),
    ]
}

/// Is `user` a moderator or an active admin (for use inside a transaction too).
const CAN_MODERATE: &str = "SELECT (EXISTS (SELECT 1 FROM community_moderators m \
     JOIN users u ON u.id = m.user_id WHERE m.user_id = $1 AND u.disabled_at IS NULL) \
     OR EXISTS (SELECT 1 FROM users WHERE id = $1 AND role = 'admin' \
     AND disabled_at IS NULL)) AS ok";

#[async_trait::async_trait]
impl CommunityStore for SqlStore {
    async fn can_moderate(&self, user: &UserId) -> Result<bool> {
        each_backend!(self.db(), b => {
            let row = sqlx::query(CAN_MODERATE)
                .bind(user.as_str())
                .fetch_one(b.reader())
                .await?;
            row.boolean("ok")
        })
    }

    async fn set_moderator(
        &self,
        user: &UserId,
        granted: bool,
        by: &UserId,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()> {
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            if granted {
                sqlx::query(
                    "INSERT INTO community_moderators (user_id, granted_by, granted_at) \
                     VALUES ($1, $2, $3) ON CONFLICT (user_id) DO NOTHING",
                )
                .bind(user.as_str())
                .bind(by.as_str())
                .bind(now.as_millis())
                .execute(&mut *tx)
                .await?;
            } else {
                sqlx::query("DELETE FROM community_moderators WHERE user_id = $1")
                    .bind(user.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            tx.append_audit(audit).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    async fn list_moderators(&self) -> Result<Vec<UserId>> {
        each_backend!(self.db(), b => {
            let rows = sqlx::query(
                "SELECT user_id FROM community_moderators ORDER BY granted_at, user_id",
            )
            .fetch_all(b.reader())
            .await?;
            rows.iter().map(|r| Ok(UserId(r.text("user_id")?))).collect()
        })
    }

    async fn get_poster(&self, user: &UserId) -> Result<Option<Poster>> {
        each_backend!(self.db(), b => {
            let row = sqlx::query(
                "SELECT pseudonym, approved_posts FROM community_posters WHERE user_id = $1",
            )
            .bind(user.as_str())
            .fetch_optional(b.reader())
            .await?;
            row.map(|r| {
                Ok(Poster {
                    pseudonym: r.text("pseudonym")?,
                    approved_posts: u64::try_from(r.int("approved_posts")?).unwrap_or(0),
                })
            })
            .transpose()
        })
    }

    async fn set_pseudonym(
        &self,
        user: &UserId,
        pseudonym: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<Poster> {
        let name = pseudonym.split_whitespace().collect::<Vec<_>>().join(" ");
        let n = name.chars().count();
        if !(3..=30).contains(&n) || name.eq_ignore_ascii_case(FORMER_MEMBER) {
            return Err(StoreError::invalid("pseudonym", "3 to 30 characters"));
        }
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            sqlx::query(
                "INSERT INTO community_posters (user_id, pseudonym, pseudonym_key, \
                 approved_posts, created_at) VALUES ($1, $2, $3, 0, $4)",
            )
            .bind(user.as_str())
            .bind(name.as_str())
            .bind(pseudonym_key(&name))
            .bind(now.as_millis())
            .execute(&mut *tx)
            .await?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
            Ok(Poster { pseudonym: name, approved_posts: 0 })
        })
    }

    async fn create_post(
        &self,
        post: &NewPost,
        limits: &PostLimits,
        audit: &AuditEntry,
    ) -> Result<Posted> {
        check_post(post)?;
        let insert = format!(
            "INSERT INTO community_posts (id, topic, author_id, pseudonym, tag, body, status, \
             hold_reasons, emergency, created_at, edited_at, moderated_at) \
             SELECT $1, $2, $3, pseudonym, $4, $5, \
             CASE WHEN $6 <> '' OR approved_posts = 0 THEN 'held' ELSE 'published' END, \
             CASE WHEN approved_posts = 0 THEN \
               (CASE WHEN $6 = '' THEN '{FIRST_POST}' ELSE $6 || ',{FIRST_POST}' END) \
             ELSE $6 END, \
             $7, $8, NULL, NULL FROM community_posters WHERE user_id = $3"
        );
        let select = format!(
            "SELECT {} FROM community_posts p WHERE p.id = $1",
            post_columns("$2")
        );
        let reasons = post.hold_reasons.join(",");
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            for (bucket, max, left) in windows(post.created_at, limits) {
                let row = sqlx::query(
                    "INSERT INTO community_rate (user_id, bucket, n) VALUES ($1, $2, 1) \
                     ON CONFLICT (user_id, bucket) DO UPDATE SET n = community_rate.n + 1 \
                     RETURNING n",
                )
                .bind(post.author.as_str())
                .bind(bucket)
                .fetch_one(&mut *tx)
                .await?;
                if row.int("n")? > max {
                    tx.rollback().await?;
                    return Ok(Posted::RateLimited { retry_after_secs: left });
                }
            }
            let done = sqlx::query(AssertSqlSafe(insert))
                .bind(post.id.as_str())
                .bind(post.topic.as_str())
                .bind(post.author.as_str())
                .bind(post.tag.as_str())
                .bind(post.body.as_str())
                .bind(reasons.as_str())
                .bind(post.emergency)
                .bind(post.created_at.as_millis())
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                tx.rollback().await?;
                return Err(StoreError::NotFound { what: "pseudonym" });
            }
            let row = sqlx::query(AssertSqlSafe(select))
                .bind(post.id.as_str())
                .bind(post.author.as_str())
                .fetch_one(&mut *tx)
                .await?;
            let stored = post_from(&row)?;
            let mut audit = audit.clone();
            audit.resource_id = Some(post.id.as_str().to_owned());
            tx.append_audit(&audit).await?;
            tx.commit().await?;
            Ok(Posted::Stored(Box::new(stored)))
        })
    }

    async fn get_post(&self, id: &RecordId, viewer: Option<&UserId>) -> Result<Option<PostRow>> {
        let sql = format!(
            "SELECT {} FROM community_posts p WHERE p.id = $1",
            post_columns("$2")
        );
        each_backend!(self.db(), b => {
            let row = sqlx::query(AssertSqlSafe(sql))
                .bind(id.as_str())
                .bind(viewer.map_or("", UserId::as_str))
                .fetch_optional(b.reader())
                .await?;
            row.as_ref().map(post_from).transpose()
        })
    }

    async fn list_topic_posts(&self, topic: &str, viewer: Option<&UserId>) -> Result<Vec<PostRow>> {
        let sql = format!(
            "SELECT {} FROM community_posts p WHERE p.topic = $1 AND (p.status = 'published' \
             OR (p.status = 'held' AND p.author_id = $2)) ORDER BY p.created_at, p.id",
            post_columns("$2")
        );
        each_backend!(self.db(), b => {
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(topic)
                .bind(viewer.map_or("", UserId::as_str))
                .fetch_all(b.reader())
                .await?;
            rows.iter().map(post_from).collect()
        })
    }

    async fn moderation_queue(&self, limit: u32) -> Result<Vec<QueueItem>> {
        let sql = format!(
            "SELECT {} FROM community_posts p WHERE p.status = 'held' OR EXISTS (SELECT 1 FROM \
             community_reports r WHERE r.post_id = p.id AND r.resolved_at IS NULL) \
             ORDER BY p.emergency DESC, p.created_at, p.id LIMIT $1",
            post_columns("''")
        );
        let limit = i64::from(limit.clamp(1, 500));
        each_backend!(self.db(), b => {
            let mut tx = b.begin_read().await?;
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                let post = post_from(row)?;
                let reports = sqlx::query(
                    "SELECT id, post_id, reason, detail, created_at FROM community_reports \
                     WHERE post_id = $1 AND resolved_at IS NULL ORDER BY created_at, id",
                )
                .bind(post.id.as_str())
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(report_from)
                .collect::<Result<Vec<_>>>()?;
                let actions = sqlx::query(
                    "SELECT action, reason, moderator_id, acted_at FROM community_actions \
                     WHERE post_id = $1 ORDER BY acted_at, id",
                )
                .bind(post.id.as_str())
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(action_from)
                .collect::<Result<Vec<_>>>()?;
                out.push(QueueItem { post, reports, actions });
            }
            tx.commit().await?;
            Ok(out)
        })
    }

    async fn moderate(
        &self,
        post: &RecordId,
        action: &Moderation,
        moderator: &UserId,
        reason: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<PostRow> {
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 500 {
            return Err(StoreError::invalid("reason", "1 to 500 characters"));
        }
        if let Moderation::Edit(body) = action {
            check_body(body)?;
        }
        let select = format!(
            "SELECT {} FROM community_posts p WHERE p.id = $1",
            post_columns("''")
        );
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let ok = sqlx::query(CAN_MODERATE)
                .bind(moderator.as_str())
                .fetch_one(&mut *tx)
                .await?
                .boolean("ok")?;
            if !ok {
                return Err(StoreError::NotFound { what: "moderator" });
            }
            let Some(row) = sqlx::query(AssertSqlSafe(select.clone()))
                .bind(post.as_str())
                .fetch_optional(&mut *tx)
                .await?
            else {
                return Err(StoreError::NotFound { what: "post" });
            };
            let current = post_from(&row)?;
            let at = now.as_millis();
            let wrong = |why: &str| Err(StoreError::invalid("action", why));
            match action {
                Moderation::Approve => {
                    if current.status != PostStatus::Held {
                        return wrong("only a held post can be approved");
                    }
                    sqlx::query(
                        "UPDATE community_posts SET status = 'published', moderated_at = $2 \
                         WHERE id = $1",
                    )
                    .bind(post.as_str())
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                    if let Some(author) = &current.author_id {
                        sqlx::query(
                            "UPDATE community_posters SET approved_posts = approved_posts + 1 \
                             WHERE user_id = $1",
                        )
                        .bind(author.as_str())
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                Moderation::Hide | Moderation::Restore => {
                    let (from, to) = if matches!(action, Moderation::Hide) {
                        (current.status != PostStatus::Hidden, "hidden")
                    } else {
                        (current.status == PostStatus::Hidden, "published")
                    };
                    if !from {
                        return wrong("the post is not in a state this action applies to");
                    }
                    sqlx::query(
                        "UPDATE community_posts SET status = $2, moderated_at = $3 WHERE id = $1",
                    )
                    .bind(post.as_str())
                    .bind(to)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                }
                Moderation::Edit(body) => {
                    sqlx::query(
                        "UPDATE community_posts SET body = $2, edited_at = $3, moderated_at = $3 \
                         WHERE id = $1",
                    )
                    .bind(post.as_str())
                    .bind(body.as_str())
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                }
                Moderation::Dismiss => {}
            }
            // Any action deals with the reports open so far.
            sqlx::query(
                "UPDATE community_reports SET resolved_at = $2 WHERE post_id = $1 \
                 AND resolved_at IS NULL",
            )
            .bind(post.as_str())
            .bind(at)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO community_actions (id, post_id, moderator_id, action, reason, \
                 acted_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(RecordId::random().as_str())
            .bind(post.as_str())
            .bind(moderator.as_str())
            .bind(action.as_str())
            .bind(reason)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            let row = sqlx::query(AssertSqlSafe(select))
                .bind(post.as_str())
                .fetch_one(&mut *tx)
                .await?;
            let changed = post_from(&row)?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
            Ok(changed)
        })
    }

    async fn report_post(
        &self,
        post: &RecordId,
        reporter: &UserId,
        reason: &str,
        detail: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<ReportRow> {
        if !REASONS.contains(&reason) {
            return Err(StoreError::invalid(
                "reason",
                "expected medical_advice, identifying, unkind, spam or other",
            ));
        }
        if detail.chars().count() > 500 {
            return Err(StoreError::invalid("detail", "at most 500 characters"));
        }
        let row = ReportRow {
            id: RecordId::random(),
            post_id: post.clone(),
            reason: reason.to_owned(),
            detail: detail.trim().to_owned(),
            created_at: now,
        };
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let done = sqlx::query(
                "INSERT INTO community_reports (id, post_id, reporter_id, reason, detail, \
                 created_at, resolved_at) SELECT $1, id, $3, $4, $5, $6, NULL \
                 FROM community_posts WHERE id = $2 AND status = 'published'",
            )
            .bind(row.id.as_str())
            .bind(post.as_str())
            .bind(reporter.as_str())
            .bind(row.reason.as_str())
            .bind(row.detail.as_str())
            .bind(now.as_millis())
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound { what: "post" });
            }
            tx.append_audit(audit).await?;
            tx.commit().await?;
            Ok(row)
        })
    }

    async fn mark_helped(
        &self,
        post: &RecordId,
        user: &UserId,
        helped: bool,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()> {
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            if helped {
                let done = sqlx::query(
                    "INSERT INTO community_helped (post_id, user_id, created_at) \
                     SELECT id, $2, $3 FROM community_posts WHERE id = $1 \
                     AND status = 'published' ON CONFLICT (post_id, user_id) DO NOTHING",
                )
                .bind(post.as_str())
                .bind(user.as_str())
                .bind(now.as_millis())
                .execute(&mut *tx)
                .await?;
                let exists = sqlx::query(
                    "SELECT COUNT(*) AS n FROM community_posts WHERE id = $1 \
                     AND status = 'published'",
                )
                .bind(post.as_str())
                .fetch_one(&mut *tx)
                .await?
                .int("n")?;
                if done.rows_affected() == 0 && exists == 0 {
                    return Err(StoreError::NotFound { what: "post" });
                }
            } else {
                sqlx::query("DELETE FROM community_helped WHERE post_id = $1 AND user_id = $2")
                    .bind(post.as_str())
                    .bind(user.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            tx.append_audit(audit).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    async fn delete_own_post(
        &self,
        post: &RecordId,
        author: &UserId,
        audit: &AuditEntry,
    ) -> Result<()> {
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let done = sqlx::query("DELETE FROM community_posts WHERE id = $1 AND author_id = $2")
                .bind(post.as_str())
                .bind(author.as_str())
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound { what: "post" });
            }
            tx.append_audit(audit).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    async fn anonymise_posts(&self, author: &UserId, audit: &AuditEntry) -> Result<u64> {
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let done = sqlx::query(
                "UPDATE community_posts SET author_id = NULL, pseudonym = $2 WHERE author_id = $1",
            )
            .bind(author.as_str())
            .bind(FORMER_MEMBER)
            .execute(&mut *tx)
            .await?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
            Ok(done.rows_affected())
        })
    }

    async fn list_author_posts(&self, author: &UserId) -> Result<Vec<PostRow>> {
        let sql = format!(
            "SELECT {} FROM community_posts p WHERE p.author_id = $1 \
             ORDER BY p.created_at DESC, p.id",
            post_columns("$1")
        );
        each_backend!(self.db(), b => {
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(author.as_str())
                .fetch_all(b.reader())
                .await?;
            rows.iter().map(post_from).collect()
        })
    }
}

fn action_from(r: &impl RowExt) -> Result<ActionRow> {
    Ok(ActionRow {
        action: r.text("action")?,
        reason: r.text("reason")?,
        moderator_id: r.opt_text("moderator_id")?,
        at: ts(r, "acted_at")?,
    })
}
