//! Clinical trials synced from ClinicalTrials.gov ([`TrialStore`]): the studies as received
//! (JSON text, parsed by `myo-trials`), each sync's outcome, and saved finder searches.
//!
//! A successful sync replaces the set in one transaction (new studies added, changed ones
//! updated with their first-seen time kept, studies no longer returned removed), so readers see
//! the old copy or the new one, never a half. A failed sync writes only its outcome: the last
//! good copy stays.
//!
//! A saved search can ask for e-mail about new studies ([`TrialStore::plan_search_email`]):
//! each study is marked once per search under a unique key, and the message goes into the
//! reminders' outbox in the same transaction, so with several `myo serve` processes on one
//! PostgreSQL database each study is e-mailed once per search (see `crate::reminders`).

use sqlx::AssertSqlSafe;

use crate::db::{AuditAppend, Db, RowExt, each_backend, opt_ts, ts};
use crate::error::{Result, StoreError};
use crate::model::{AuditEntry, Timestamp, UserId};
use crate::store::SqlStore;
use crate::tracker_model::RecordId;

/// One study as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrialRow {
    /// `NCT` + 8 digits.
    pub nct_id: String,
    /// The study object as ClinicalTrials.gov sent it (JSON text).
    pub study: String,
    /// When Myo first saw it (for "new since your last visit").
    pub first_seen_at: Timestamp,
    /// The sync that last returned it.
    pub synced_at: Timestamp,
}

/// One sync's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRow {
    /// Record id.
    pub id: RecordId,
    /// Start.
    pub started_at: Timestamp,
    /// End.
    pub finished_at: Timestamp,
    /// Whether every page arrived and parsed (only then were the studies replaced).
    pub ok: bool,
    /// Studies stored (0 when it failed).
    pub studies: u64,
    /// Pages read.
    pub pages: u64,
    /// What went wrong, in words safe to show.
    pub error: Option<String>,
}

/// A saved finder search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSearch {
    /// Record id.
    pub id: RecordId,
    /// Owner.
    pub user_id: UserId,
    /// The person's name for it.
    pub name: String,
    /// The finder's query string (`status=recruiting&phase=2`).
    pub query: String,
    /// When saved.
    pub created_at: Timestamp,
    /// When the person last looked at its results (new trials are those first seen after).
    pub last_seen_at: Timestamp,
    /// Since when new matching studies are e-mailed to the owner (`None`: not e-mailed).
    pub email_since: Option<Timestamp>,
}

/// The outbox kind of a saved search's e-mail (beside the reminders' kinds).
pub const SEARCH_EMAIL_KIND: &str = "trial_search";

/// Builds a search e-mail's `(subject, body)` from the NCT ids it lists.
pub type SearchEmailText<'a> = dyn Fn(&[String]) -> (String, String) + Send + Sync + 'a;

/// Trial storage, implemented by the same store as [`crate::Store`] (a supertrait).
#[async_trait::async_trait]
pub trait TrialStore: Send + Sync {
    /// Replaces the stored studies with `studies` (a complete, successful sync) and records
    /// `sync` (whose `ok` must be true), in one transaction with its audit entry.
    async fn replace_trials(
        &self,
        studies: &[(String, String)],
        sync: &SyncRow,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// Records a failed sync; the stored studies are left alone.
    async fn record_failed_sync(&self, sync: &SyncRow) -> Result<()>;

    /// Every stored study, by NCT id.
    async fn list_trials(&self) -> Result<Vec<TrialRow>>;

    /// One study.
    async fn get_trial(&self, nct_id: &str) -> Result<Option<TrialRow>>;

    /// The latest sync (any outcome) and the latest successful one.
    async fn last_syncs(&self) -> Result<(Option<SyncRow>, Option<SyncRow>)>;

    /// Saves a search for its owner.
    async fn save_search(&self, search: &SavedSearch, audit: &AuditEntry) -> Result<()>;

    /// The owner's saved searches, oldest first.
    async fn list_saved_searches(&self, user: &UserId) -> Result<Vec<SavedSearch>>;

    /// Marks one of the owner's searches as looked at; `NotFound` for anyone else's.
    async fn touch_saved_search(&self, user: &UserId, id: &RecordId, now: Timestamp) -> Result<()>;

    /// Deletes one of the owner's searches (and its e-mails not yet sent); `NotFound` for
    /// anyone else's.
    async fn delete_saved_search(
        &self,
        user: &UserId,
        id: &RecordId,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// Turns "e-mail me new studies" on (from `now`; an earlier start is kept) or off for one
    /// of the owner's searches, with `audit`; `NotFound` for anyone else's. Turning it off
    /// drops its messages no sender has claimed yet (their studies may be e-mailed later).
    async fn set_search_email(
        &self,
        user: &UserId,
        id: &RecordId,
        on: bool,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// Every search whose owner asked for e-mail, of accounts not disabled (for the e-mail
    /// job; never shown to anyone).
    async fn emailed_searches(&self) -> Result<Vec<SavedSearch>>;

    /// Plans one e-mail for `search`: of `candidates` (matching NCT ids, in order), up to
    /// `limit` not yet e-mailed for it are marked and listed in one outbox message whose text
    /// `text` builds. Returns the ids listed (empty: nothing new, or the search is no longer
    /// its owner's or no longer e-mailed). Concurrent planners never list a study twice.
    async fn plan_search_email(
        &self,
        search: &SavedSearch,
        candidates: &[String],
        limit: usize,
        now: Timestamp,
        text: &SearchEmailText<'_>,
    ) -> Result<Vec<String>>;
}

const SYNC_COLUMNS: &str = "id, started_at, finished_at, ok, studies, pages, error";

fn sync_from(r: &impl RowExt) -> Result<SyncRow> {
    Ok(SyncRow {
        id: RecordId(r.text("id")?),
        started_at: ts(r, "started_at")?,
        finished_at: ts(r, "finished_at")?,
        ok: r.boolean("ok")?,
        studies: u64::try_from(r.int("studies")?).unwrap_or(0),
        pages: u64::try_from(r.int("pages")?).unwrap_or(0),
        error: r.opt_text("error")?,
    })
}

fn trial_from(r: &impl RowExt) -> Result<TrialRow> {
    Ok(TrialRow {
        nct_id: r.text("nct_id")?,
        study: r.text("study")?,
        first_seen_at: ts(r, "first_seen_at")?,
        synced_at: ts(r, "synced_at")?,
    })
}

fn search_from(r: &impl RowExt) -> Result<SavedSearch> {
    Ok(SavedSearch {
        id: RecordId(r.text("id")?),
        user_id: UserId(r.text("user_id")?),
        name: r.text("name")?,
        query: r.text("query")?,
        created_at: ts(r, "created_at")?,
        last_seen_at: ts(r, "last_seen_at")?,
        email_since: opt_ts(r, "email_since")?,
    })
}

fn nct_ok(id: &str) -> bool {
    id.len() == 11 && id.starts_with("NCT") && id[3..].bytes().all(|b| b.is_ascii_digit())
}

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

const SEARCH_COLUMNS: &str = "id, user_id, name, query, created_at, last_seen_at, email_since";

/// Unsent, unclaimed messages of one search (`$1` owner, `$2` the `search-id:%` pattern).
const DROP_UNSENT: &str = "DELETE FROM reminder_outbox WHERE patient_id = $1 AND kind = 'trial_search' \
                           AND due_key LIKE $2 AND sent_at IS NULL AND claimed_at IS NULL";

const INSERT_SYNC: &str = "INSERT INTO trial_syncs (id, started_at, finished_at, ok, studies, \
                           pages, error) VALUES ($1, $2, $3, $4, $5, $6, $7)";

#[async_trait::async_trait]
impl TrialStore for SqlStore {
    async fn replace_trials(
        &self,
        studies: &[(String, String)],
        sync: &SyncRow,
        audit: &AuditEntry,
    ) -> Result<()> {
        if !sync.ok {
            return Err(StoreError::invalid(
                "ok",
                "only a successful sync replaces studies",
            ));
        }
        if let Some((bad, _)) = studies.iter().find(|(id, _)| !nct_ok(id)) {
            return Err(StoreError::invalid(
                "nct_id",
                &format!("expected NCT and 8 digits, got {bad:?}"),
            ));
        }
        let at = sync.finished_at.as_millis();
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            for (id, study) in studies {
                sqlx::query(
                    "INSERT INTO trials (nct_id, study, first_seen_at, synced_at) \
                     VALUES ($1, $2, $3, $3) ON CONFLICT (nct_id) DO UPDATE \
                     SET study = excluded.study, synced_at = excluded.synced_at",
                )
                .bind(id.as_str())
                .bind(study.as_str())
                .bind(at)
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query("DELETE FROM trials WHERE synced_at <> $1")
                .bind(at)
                .execute(&mut *tx)
                .await?;
            sqlx::query(INSERT_SYNC)
                .bind(sync.id.as_str())
                .bind(sync.started_at.as_millis())
                .bind(at)
                .bind(true)
                .bind(count(sync.studies))
                .bind(count(sync.pages))
                .bind(sync.error.as_deref())
                .execute(&mut *tx)
                .await?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    async fn record_failed_sync(&self, sync: &SyncRow) -> Result<()> {
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            sqlx::query(INSERT_SYNC)
                .bind(sync.id.as_str())
                .bind(sync.started_at.as_millis())
                .bind(sync.finished_at.as_millis())
                .bind(false)
                .bind(count(sync.studies))
                .bind(count(sync.pages))
                .bind(sync.error.as_deref())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    async fn list_trials(&self) -> Result<Vec<TrialRow>> {
        each_backend!(self.db(), b => {
            let rows = sqlx::query(
                "SELECT nct_id, study, first_seen_at, synced_at FROM trials ORDER BY nct_id",
            )
            .fetch_all(b.reader())
            .await?;
            rows.iter().map(trial_from).collect()
        })
    }

    async fn get_trial(&self, nct_id: &str) -> Result<Option<TrialRow>> {
        each_backend!(self.db(), b => {
            let row = sqlx::query(
                "SELECT nct_id, study, first_seen_at, synced_at FROM trials WHERE nct_id = $1",
            )
            .bind(nct_id)
            .fetch_optional(b.reader())
            .await?;
            row.as_ref().map(trial_from).transpose()
        })
    }

    async fn last_syncs(&self) -> Result<(Option<SyncRow>, Option<SyncRow>)> {
        let any =
            format!("SELECT {SYNC_COLUMNS} FROM trial_syncs ORDER BY finished_at DESC, id LIMIT 1");
        let good = format!(
            "SELECT {SYNC_COLUMNS} FROM trial_syncs WHERE ok = $1 \
             ORDER BY finished_at DESC, id LIMIT 1"
        );
        each_backend!(self.db(), b => {
            let last = sqlx::query(AssertSqlSafe(any)).fetch_optional(b.reader()).await?;
            let good = sqlx::query(AssertSqlSafe(good))
                .bind(true)
                .fetch_optional(b.reader())
                .await?;
            Ok((
                last.as_ref().map(sync_from).transpose()?,
                good.as_ref().map(sync_from).transpose()?,
            ))
        })
    }

    async fn save_search(&self, search: &SavedSearch, audit: &AuditEntry) -> Result<()> {
        let name = search.name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(StoreError::invalid("name", "1 to 80 characters"));
        }
        if search.query.len() > 1000 {
            return Err(StoreError::invalid("query", "at most 1000 characters"));
        }
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let n = sqlx::query("SELECT COUNT(*) AS n FROM trial_saved_searches WHERE user_id = $1")
                .bind(search.user_id.as_str())
                .fetch_one(&mut *tx)
                .await?
                .int("n")?;
            if n >= 20 {
                return Err(StoreError::invalid("name", "at most 20 saved searches; delete one first"));
            }
            sqlx::query(
                "INSERT INTO trial_saved_searches (id, user_id, name, query, created_at, \
                 last_seen_at, email_since) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(search.id.as_str())
            .bind(search.user_id.as_str())
            .bind(name)
            .bind(search.query.as_str())
            .bind(search.created_at.as_millis())
            .bind(search.last_seen_at.as_millis())
            .bind(search.email_since.map(Timestamp::as_millis))
            .execute(&mut *tx)
            .await?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    async fn list_saved_searches(&self, user: &UserId) -> Result<Vec<SavedSearch>> {
        each_backend!(self.db(), b => {
            let rows = sqlx::query(AssertSqlSafe(format!(
                "SELECT {SEARCH_COLUMNS} FROM trial_saved_searches WHERE user_id = $1 \
                 ORDER BY created_at, id"
            )))
            .bind(user.as_str())
            .fetch_all(b.reader())
            .await?;
            rows.iter().map(search_from).collect()
        })
    }

    async fn touch_saved_search(&self, user: &UserId, id: &RecordId, now: Timestamp) -> Result<()> {
        each_backend!(self.db(), b => {
            let done = sqlx::query(
                "UPDATE trial_saved_searches SET last_seen_at = $3 WHERE user_id = $1 AND id = $2",
            )
            .bind(user.as_str())
            .bind(id.as_str())
            .bind(now.as_millis())
            .execute(b.writer())
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound { what: "saved_search" });
            }
            Ok(())
        })
    }

    async fn delete_saved_search(
        &self,
        user: &UserId,
        id: &RecordId,
        audit: &AuditEntry,
    ) -> Result<()> {
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let done = sqlx::query("DELETE FROM trial_saved_searches WHERE user_id = $1 AND id = $2")
                .bind(user.as_str())
                .bind(id.as_str())
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound { what: "saved_search" });
            }
            sqlx::query(DROP_UNSENT)
                .bind(user.as_str())
                .bind(format!("{}:%", id.as_str()))
                .execute(&mut *tx)
                .await?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    async fn set_search_email(
        &self,
        user: &UserId,
        id: &RecordId,
        on: bool,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()> {
        const ON: &str = "UPDATE trial_saved_searches SET email_since = COALESCE(email_since, $3) \
                          WHERE user_id = $1 AND id = $2";
        const OFF: &str = "UPDATE trial_saved_searches SET email_since = NULL \
                           WHERE user_id = $1 AND id = $2";
        const UNMARK: &str = "DELETE FROM trial_search_emails WHERE search_id = $2 AND outbox_id IN \
                              (SELECT id FROM reminder_outbox WHERE patient_id = $1 \
                              AND kind = 'trial_search' AND due_key LIKE $3 \
                              AND sent_at IS NULL AND claimed_at IS NULL)";
        let pattern = format!("{}:%", id.as_str());
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let done = if on {
                sqlx::query(ON).bind(user.as_str()).bind(id.as_str()).bind(now.as_millis())
                    .execute(&mut *tx).await?
            } else {
                sqlx::query(OFF).bind(user.as_str()).bind(id.as_str()).execute(&mut *tx).await?
            };
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound { what: "saved_search" });
            }
            if !on {
                sqlx::query(UNMARK)
                    .bind(user.as_str())
                    .bind(id.as_str())
                    .bind(pattern.as_str())
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(DROP_UNSENT)
                    .bind(user.as_str())
                    .bind(pattern.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            tx.append_audit(audit).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    async fn emailed_searches(&self) -> Result<Vec<SavedSearch>> {
        const SQL: &str = "SELECT s.id, s.user_id, s.name, s.query, s.created_at, \
                           s.last_seen_at, s.email_since FROM trial_saved_searches s \
                           JOIN users u ON u.id = s.user_id WHERE s.email_since IS NOT NULL \
                           AND u.disabled_at IS NULL ORDER BY s.user_id, s.id";
        each_backend!(self.db(), b => {
            let rows = sqlx::query(SQL).fetch_all(b.reader()).await?;
            rows.iter().map(search_from).collect()
        })
    }

    async fn plan_search_email(
        &self,
        search: &SavedSearch,
        candidates: &[String],
        limit: usize,
        now: Timestamp,
        text: &SearchEmailText<'_>,
    ) -> Result<Vec<String>> {
        const MARK: &str = "INSERT INTO trial_search_emails (search_id, nct_id, outbox_id, \
                            created_at) VALUES ($1, $2, $3, $4) \
                            ON CONFLICT (search_id, nct_id) DO NOTHING";
        const OUTBOX: &str = "INSERT INTO reminder_outbox (id, patient_id, kind, due_key, \
                              subject, body, created_at, claimed_at, claimed_by, sent_at) \
                              VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, NULL)";
        if candidates.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        // The search row is locked (PostgreSQL) or the write serialised (SQLite), so an
        // opt-out or a deletion either happens first (nothing planned) or waits.
        let lock = if matches!(self.db(), Db::Postgres(_)) {
            " FOR UPDATE"
        } else {
            ""
        };
        let check = format!(
            "SELECT id FROM trial_saved_searches WHERE id = $1 AND user_id = $2 \
             AND email_since IS NOT NULL{lock}"
        );
        let outbox_id = RecordId::random();
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let live = sqlx::query(AssertSqlSafe(check))
                .bind(search.id.as_str())
                .bind(search.user_id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            if live.is_none() {
                return Ok(Vec::new());
            }
            let done: Vec<String> =
                sqlx::query("SELECT nct_id FROM trial_search_emails WHERE search_id = $1")
                    .bind(search.id.as_str())
                    .fetch_all(&mut *tx)
                    .await?
                    .iter()
                    .map(|r| r.text("nct_id"))
                    .collect::<Result<_>>()?;
            let mut listed = Vec::new();
            for nct in candidates.iter().filter(|c| !done.contains(c)) {
                if listed.len() >= limit {
                    break;
                }
                let marked = sqlx::query(MARK)
                    .bind(search.id.as_str())
                    .bind(nct.as_str())
                    .bind(outbox_id.as_str())
                    .bind(now.as_millis())
                    .execute(&mut *tx)
                    .await?;
                if marked.rows_affected() == 1 {
                    listed.push(nct.clone());
                }
            }
            if listed.is_empty() {
                return Ok(listed);
            }
            let (subject, body) = text(&listed);
            sqlx::query(OUTBOX)
                .bind(outbox_id.as_str())
                .bind(search.user_id.as_str())
                .bind(SEARCH_EMAIL_KIND)
                .bind(format!("{}:{}", search.id.as_str(), outbox_id.as_str()))
                .bind(subject)
                .bind(body)
                .bind(now.as_millis())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(listed)
        })
    }
}
