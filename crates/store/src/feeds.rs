//! Calendar feeds: one secret URL per person (only the SHA-256 of its secret is stored); making
//! a new one replaces the old, and removing it ends it at once.

use crate::db::{AuditAppend, RowExt, each_backend, ts};
use crate::error::Result;
use crate::model::{AuditEntry, Timestamp, UserId};
use crate::store::SqlStore;

/// Calendar feeds. Implemented by the same store as [`crate::Store`].
#[async_trait::async_trait]
pub trait FeedStore {
    /// Sets the person's feed secret (replacing an earlier one), with `audit`.
    async fn set_calendar_feed(
        &self,
        patient: &UserId,
        token_hash: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// Removes the person's feed, with `audit`; `false` when there was none.
    async fn remove_calendar_feed(&self, patient: &UserId, audit: &AuditEntry) -> Result<bool>;

    /// Whose feed this secret opens.
    async fn find_calendar_feed(&self, token_hash: &str) -> Result<Option<UserId>>;

    /// When the person's current feed was made, if they have one.
    async fn calendar_feed_since(&self, patient: &UserId) -> Result<Option<Timestamp>>;
}

#[async_trait::async_trait]
impl FeedStore for SqlStore {
    async fn set_calendar_feed(
        &self,
        patient: &UserId,
        token_hash: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()> {
        const SQL: &str = "INSERT INTO calendar_feeds (patient_id, token_hash, created_at) \
                           VALUES ($1, $2, $3) ON CONFLICT (patient_id) DO UPDATE SET \
                           token_hash = excluded.token_hash, created_at = excluded.created_at";
        let audit = audit.clone().for_patient(patient.as_str());
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            sqlx::query(SQL)
                .bind(patient.as_str())
                .bind(token_hash)
                .bind(now.as_millis())
                .execute(&mut *tx)
                .await?;
            tx.append_audit(&audit).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    async fn remove_calendar_feed(&self, patient: &UserId, audit: &AuditEntry) -> Result<bool> {
        const SQL: &str = "DELETE FROM calendar_feeds WHERE patient_id = $1";
        let audit = audit.clone().for_patient(patient.as_str());
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let done = sqlx::query(SQL).bind(patient.as_str()).execute(&mut *tx).await?;
            if done.rows_affected() == 0 {
                return Ok(false);
            }
            tx.append_audit(&audit).await?;
            tx.commit().await?;
            Ok(true)
        })
    }

    async fn find_calendar_feed(&self, token_hash: &str) -> Result<Option<UserId>> {
        const SQL: &str = "SELECT f.patient_id FROM calendar_feeds f JOIN users u \
                           ON u.id = f.patient_id WHERE f.token_hash = $1 AND u.disabled_at IS NULL";
        each_backend!(self.db(), b => {
            let row = sqlx::query(SQL).bind(token_hash).fetch_optional(b.reader()).await?;
            row.map(|r| r.text("patient_id").map(UserId)).transpose()
        })
    }

    async fn calendar_feed_since(&self, patient: &UserId) -> Result<Option<Timestamp>> {
        const SQL: &str = "SELECT created_at FROM calendar_feeds WHERE patient_id = $1";
        each_backend!(self.db(), b => {
            let row = sqlx::query(SQL).bind(patient.as_str()).fetch_optional(b.reader()).await?;
            row.map(|r| ts(&r, "created_at")).transpose()
        })
    }
}
