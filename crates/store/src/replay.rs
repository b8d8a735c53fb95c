//! Replay protection for signed client tokens (CDS Hooks: the EHR's JWT `jti`): a token id
//! may be used once per issuer until it expires. The claim and the call's audit entry commit
//! together; the primary key makes the second of two simultaneous uses fail.

use sqlx::AssertSqlSafe;

use crate::db::{AuditAppend, each_backend};
use crate::error::{Result, StoreError};
use crate::model::{AuditEntry, Timestamp};
use crate::store::SqlStore;

/// Token-id storage, implemented by the same store as [`crate::Store`] (a supertrait).
#[async_trait::async_trait]
pub trait ReplayStore: Send + Sync {
    /// Records token `jti` of issuer `iss` as used until `expires_at`, with `audit`, and
    /// returns `true`; returns `false` (and writes nothing) when it was already used. Expired
    /// ids (before `now`) are pruned first.
    async fn claim_token_id(
        &self,
        iss: &str,
        jti: &str,
        expires_at: Timestamp,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<bool>;
}

#[async_trait::async_trait]
impl ReplayStore for SqlStore {
    async fn claim_token_id(
        &self,
        iss: &str,
        jti: &str,
        expires_at: Timestamp,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<bool> {
        for (field, v) in [("iss", iss), ("jti", jti)] {
            if v.is_empty() || v.chars().count() > 512 {
                return Err(StoreError::invalid(field, "empty or too long"));
            }
        }
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            sqlx::query(AssertSqlSafe("DELETE FROM cds_jti WHERE expires_at < $1"))
                .bind(now.as_millis())
                .execute(&mut *tx)
                .await?;
            let inserted = sqlx::query(AssertSqlSafe(
                "INSERT INTO cds_jti (iss, jti, expires_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (iss, jti) DO NOTHING",
            ))
            .bind(iss)
            .bind(jti)
            .bind(expires_at.as_millis())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 0 {
                return Ok(false);
            }
            tx.append_audit(audit).await?;
            tx.commit().await?;
            Ok(true)
        })
    }
}
