//! E-mail reminders: what each person opted in to, and an outbox that several `myo serve`
//! processes on one PostgreSQL database share so that each reminder is sent once.
//!
//! Planning is idempotent: a reminder is one row per (person, kind, occasion) under a unique
//! key, so two processes planning the same occasion insert one row. Sending claims rows first:
//! on PostgreSQL `FOR UPDATE SKIP LOCKED`, so concurrent claimers never take the same row; on
//! SQLite every write transaction is serialised (`BEGIN IMMEDIATE`, one process). A claim that
//! was never finished (its process died) may be taken again after `stale_before`.

use sqlx::AssertSqlSafe;

use crate::db::{AuditAppend, Db, RowExt, each_backend, opt_ts, ts};
use crate::error::{Result, StoreError};
use crate::model::{AuditEntry, Timestamp, UserId};
use crate::store::SqlStore;
use crate::tracker_model::RecordId;

/// The reminders a person can opt in to.
pub const KINDS: [&str; 2] = ["monitoring_due", "missed_diary"];

/// A reminder to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// Id.
    pub id: RecordId,
    /// To whom (their account's address).
    pub patient_id: UserId,
    /// One of [`KINDS`].
    pub kind: String,
    /// The occasion (a test's due date, the start of a diary gap): one reminder each.
    pub due_key: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// Planned at.
    pub created_at: Timestamp,
    /// Sent at.
    pub sent_at: Option<Timestamp>,
}

/// E-mail reminders. Implemented by the same store as [`crate::Store`].
#[async_trait::async_trait]
pub trait ReminderStore {
    /// Turns one kind of reminder on or off for the person, with `audit`.
    async fn set_reminder(
        &self,
        patient: &UserId,
        kind: &str,
        on: bool,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// The kinds the person opted in to.
    async fn reminders_of(&self, patient: &UserId) -> Result<Vec<String>>;

    /// Everyone's opt-ins, `(person, kind)`.
    async fn reminder_subscriptions(&self) -> Result<Vec<(UserId, String)>>;

    /// Plans a reminder; `false` when that occasion was already planned (by any process).
    async fn plan_reminder(&self, reminder: &Reminder) -> Result<bool>;

    /// Claims up to `limit` unsent reminders for `worker` (unclaimed ones, or ones claimed
    /// before `stale_before`); no two claimers get the same row.
    async fn claim_reminders(
        &self,
        worker: &str,
        now: Timestamp,
        stale_before: Timestamp,
        limit: u32,
    ) -> Result<Vec<Reminder>>;

    /// Finishes `worker`'s claim: sent (with `audit`, filed under the person), or released for
    /// a later try. `NotFound` when the row is no longer `worker`'s claim.
    async fn finish_reminder(
        &self,
        id: &RecordId,
        worker: &str,
        sent: bool,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()>;
}

const COLUMNS: &str = "id, patient_id, kind, due_key, subject, body, created_at, sent_at";

fn reminder_from(row: &impl RowExt) -> Result<Reminder> {
    Ok(Reminder {
        id: RecordId(row.text("id")?),
        patient_id: UserId(row.text("patient_id")?),
        kind: row.text("kind")?,
        due_key: row.text("due_key")?,
        subject: row.text("subject")?,
        body: row.text("body")?,
        created_at: ts(row, "created_at")?,
        sent_at: opt_ts(row, "sent_at")?,
    })
}

fn check_kind(kind: &str) -> Result<()> {
    if KINDS.contains(&kind) {
        Ok(())
    } else {
        Err(StoreError::invalid(
            "kind",
            "expected monitoring_due or missed_diary",
        ))
    }
}

#[async_trait::async_trait]
impl ReminderStore for SqlStore {
    async fn set_reminder(
        &self,
        patient: &UserId,
        kind: &str,
        on: bool,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()> {
        const ON: &str = "INSERT INTO reminder_prefs (patient_id, kind, created_at) \
                          VALUES ($1, $2, $3) ON CONFLICT (patient_id, kind) DO NOTHING";
        const OFF: &str = "DELETE FROM reminder_prefs WHERE patient_id = $1 AND kind = $2";
        check_kind(kind)?;
        let audit = audit.clone().for_patient(patient.as_str());
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            if on {
                sqlx::query(ON)
                    .bind(patient.as_str())
                    .bind(kind)
                    .bind(now.as_millis())
                    .execute(&mut *tx)
                    .await?;
            } else {
                sqlx::query(OFF).bind(patient.as_str()).bind(kind).execute(&mut *tx).await?;
            }
            tx.append_audit(&audit).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    async fn reminders_of(&self, patient: &UserId) -> Result<Vec<String>> {
        const SQL: &str = "SELECT kind FROM reminder_prefs WHERE patient_id = $1 ORDER BY kind";
        each_backend!(self.db(), b => {
            let rows = sqlx::query(SQL).bind(patient.as_str()).fetch_all(b.reader()).await?;
            rows.iter().map(|r| r.text("kind")).collect()
        })
    }

    async fn reminder_subscriptions(&self) -> Result<Vec<(UserId, String)>> {
        const SQL: &str = "SELECT p.patient_id, p.kind FROM reminder_prefs p JOIN users u \
                           ON u.id = p.patient_id WHERE u.disabled_at IS NULL \
                           ORDER BY p.patient_id, p.kind";
        each_backend!(self.db(), b => {
            let rows = sqlx::query(SQL).fetch_all(b.reader()).await?;
            rows.iter()
                .map(|r| Ok((UserId(r.text("patient_id")?), r.text("kind")?)))
                .collect()
        })
    }

    async fn plan_reminder(&self, r: &Reminder) -> Result<bool> {
        const SQL: &str = "INSERT INTO reminder_outbox (id, patient_id, kind, due_key, subject, \
                           body, created_at, claimed_at, claimed_by, sent_at) \
                           VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, NULL) \
                           ON CONFLICT (patient_id, kind, due_key) DO NOTHING";
        check_kind(&r.kind)?;
        each_backend!(self.db(), b => {
            let done = sqlx::query(SQL)
                .bind(r.id.as_str())
                .bind(r.patient_id.as_str())
                .bind(r.kind.as_str())
                .bind(r.due_key.as_str())
                .bind(r.subject.as_str())
                .bind(r.body.as_str())
                .bind(r.created_at.as_millis())
                .execute(b.writer())
                .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    async fn claim_reminders(
        &self,
        worker: &str,
        now: Timestamp,
        stale_before: Timestamp,
        limit: u32,
    ) -> Result<Vec<Reminder>> {
        let lock = if matches!(self.db(), Db::Postgres(_)) {
            " FOR UPDATE SKIP LOCKED"
        } else {
            ""
        };
        let sql = format!(
            "UPDATE reminder_outbox SET claimed_at = $1, claimed_by = $2 WHERE id IN \
             (SELECT id FROM reminder_outbox WHERE sent_at IS NULL \
             AND (claimed_at IS NULL OR claimed_at < $3) ORDER BY created_at, id LIMIT $4{lock}) \
             RETURNING {COLUMNS}"
        );
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(now.as_millis())
                .bind(worker)
                .bind(stale_before.as_millis())
                .bind(i64::from(limit.clamp(1, 1000)))
                .fetch_all(&mut *tx)
                .await?;
            tx.commit().await?;
            rows.iter().map(reminder_from).collect()
        })
    }

    async fn finish_reminder(
        &self,
        id: &RecordId,
        worker: &str,
        sent: bool,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()> {
        const SENT: &str = "UPDATE reminder_outbox SET sent_at = $3 WHERE id = $1 \
                            AND claimed_by = $2 AND sent_at IS NULL RETURNING patient_id";
        const RELEASE: &str = "UPDATE reminder_outbox SET claimed_at = NULL, claimed_by = NULL \
                               WHERE id = $1 AND claimed_by = $2 AND sent_at IS NULL \
                               RETURNING patient_id";
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let query = if sent {
                sqlx::query(SENT).bind(id.as_str()).bind(worker).bind(now.as_millis())
            } else {
                sqlx::query(RELEASE).bind(id.as_str()).bind(worker)
            };
            let row = query
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound { what: "reminder" })?;
            if sent {
                let patient = row.text("patient_id")?;
                tx.append_audit(&audit.clone().for_patient(&patient)).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }
}
