//! Account recovery: single-use, expiring password-reset links.
//!
//! A link's secret is never stored, only its SHA-256 (`token::hash_secret`). Issuing a link is
//! one write transaction that first counts the request against the typed address and the client
//! address (whether or not an account has that address, so the limit itself reveals nothing),
//! then issues the link only when an active account has the address. Redeeming is one write
//! transaction that marks the link used (only if it is unused and unexpired, so two concurrent
//! redemptions cannot both succeed), sets the new password hash, ends every session, revokes
//! every API token and retires the account's other open links.

use crate::db::{AuditAppend, Db, RowExt, each_backend, user_columns, user_from};
use crate::error::Result;
use crate::model::{AuditEntry, Timestamp, User, UserId, normalize_email};
use crate::store::SqlStore;

/// Limits on reset requests, from the server configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResetPolicy {
    /// How long a link works, in milliseconds.
    pub ttl_ms: i64,
    /// Requests for one e-mail address within `window_ms`.
    pub per_account: u32,
    /// Requests from one client address within `window_ms`.
    pub per_address: u32,
    /// The counting window, in milliseconds.
    pub window_ms: i64,
}

impl Default for ResetPolicy {
    fn default() -> Self {
        ResetPolicy {
            ttl_ms: 30 * 60 * 1000,
            per_account: 3,
            per_address: 10,
            window_ms: 60 * 60 * 1000,
        }
    }
}

/// One request for a reset link ("forgot password").
#[derive(Debug, Clone)]
pub struct ResetRequest<'a> {
    /// The e-mail address typed (normalised by the store).
    pub email: &'a str,
    /// The client address.
    pub address: &'a str,
    /// `token::hash_secret` of the link's secret (stored only if a link is issued).
    pub token_hash: &'a str,
    /// Now.
    pub now: Timestamp,
}

/// What [`RecoveryStore::request_password_reset`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResetIssued {
    /// A link was stored for this account: send it.
    Issued(User),
    /// No active account has the address: nothing stored but the request count.
    NoAccount,
    /// Too many requests for the address or from the client: nothing stored.
    Throttled,
}

/// Password-reset links. Implemented by the same store as [`crate::Store`].
#[async_trait::async_trait]
pub trait RecoveryStore {
    /// Counts the request and, when allowed and an active account has the address, stores the
    /// link (expiring `policy.ttl_ms` from now) and `audit` (its `patient_id` set to the
    /// account) in the same transaction. Without an account, `audit` is still written, as a
    /// request for no account (no patient id).
    async fn request_password_reset(
        &self,
        request: &ResetRequest<'_>,
        policy: &ResetPolicy,
        audit: &AuditEntry,
    ) -> Result<ResetIssued>;

    /// An admin issues a link for `user` (no throttle); `expires_at` chosen by the caller.
    async fn issue_password_reset(
        &self,
        user: &UserId,
        token_hash: &str,
        now: Timestamp,
        expires_at: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// The account an unused, unexpired link belongs to (for showing the form); `None` for an
    /// unknown, used or expired link, or a disabled account.
    async fn find_password_reset(&self, token_hash: &str, now: Timestamp) -> Result<Option<User>>;

    /// Redeems the link: sets `password_hash`, ends every session, revokes every API token and
    /// retires the account's other links, with `audit` (patient and resource ids filled in), all
    /// in one transaction. `None` (and nothing written) when the link is unknown, used, expired
    /// or its account disabled.
    async fn redeem_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<Option<User>>;

    /// Drops request counts and links older than `before`; returns how many rows.
    async fn prune_password_resets(&self, before: Timestamp) -> Result<u64>;
}

/// Serialises reset requests on PostgreSQL (SQLite's `BEGIN IMMEDIATE` already does), so the
/// count and the insert of concurrent requests cannot interleave.
const RESET_LOCK_KEY: i64 = 0x6d79_6f5f_7273_7431; // "myo_rst1"

const USER_BY_EMAIL: &str = concat!("SELECT ", user_columns!(), " FROM users WHERE email = $1");

const LINK_USER: &str = concat!(
    "SELECT ",
    user_columns!("u.", ""),
    " FROM password_resets r JOIN users u ON u.id = r.user_id \
     WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 \
     AND u.disabled_at IS NULL"
);

#[async_trait::async_trait]
impl RecoveryStore for SqlStore {
    async fn request_password_reset(
        &self,
        request: &ResetRequest<'_>,
        policy: &ResetPolicy,
        audit: &AuditEntry,
    ) -> Result<ResetIssued> {
        const COUNT: &str = "SELECT COUNT(*) AS n FROM reset_requests WHERE key = $1 AND ts >= $2";
        const COUNT_ONE: &str = "INSERT INTO reset_requests (id, key, ts) VALUES ($1, $2, $3)";
        const LINK: &str = "INSERT INTO password_resets (id, user_id, token_hash, created_at, \
                            expires_at, used_at) VALUES ($1, $2, $3, $4, $5, NULL)";
        let email = normalize_email(request.email);
        let account_key = format!("account:{email}");
        let address_key = format!("address:{}", request.address);
        let since = request.now.add_millis(-policy.window_ms).as_millis();
        let postgres = matches!(self.db(), Db::Postgres(_));
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            if postgres {
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(RESET_LOCK_KEY)
                    .execute(&mut *tx)
                    .await?;
            }
            for (key, max) in [(&account_key, policy.per_account), (&address_key, policy.per_address)] {
                let n = sqlx::query(COUNT)
                    .bind(key.as_str())
                    .bind(since)
                    .fetch_one(&mut *tx)
                    .await?
                    .int("n")?;
                if n >= i64::from(max) {
                    return Ok(ResetIssued::Throttled);
                }
            }
            for key in [&account_key, &address_key] {
                sqlx::query(COUNT_ONE)
                    .bind(crate::token::random_hex(16))
                    .bind(key.as_str())
                    .bind(request.now.as_millis())
                    .execute(&mut *tx)
                    .await?;
            }
            let user = sqlx::query(USER_BY_EMAIL)
                .bind(email.as_str())
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| user_from(&r, ""))
                .transpose()?
                .filter(|u| u.disabled_at.is_none());
            let outcome = match user {
                Some(user) => {
                    sqlx::query(LINK)
                        .bind(crate::token::random_hex(16))
                        .bind(user.id.as_str())
                        .bind(request.token_hash)
                        .bind(request.now.as_millis())
                        .bind(request.now.add_millis(policy.ttl_ms).as_millis())
                        .execute(&mut *tx)
                        .await?;
                    let mut entry = audit.clone().for_patient(user.id.as_str());
                    entry.resource_id = Some(user.id.as_str().to_owned());
                    tx.append_audit(&entry).await?;
                    ResetIssued::Issued(user)
                }
                None => {
                    tx.append_audit(audit).await?;
                    ResetIssued::NoAccount
                }
            };
            tx.commit().await?;
            Ok(outcome)
        })
    }

    async fn issue_password_reset(
        &self,
        user: &UserId,
        token_hash: &str,
        now: Timestamp,
        expires_at: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()> {
        const LINK: &str = "INSERT INTO password_resets (id, user_id, token_hash, created_at, \
                            expires_at, used_at) VALUES ($1, $2, $3, $4, $5, NULL)";
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            sqlx::query(LINK)
                .bind(crate::token::random_hex(16))
                .bind(user.as_str())
                .bind(token_hash)
                .bind(now.as_millis())
                .bind(expires_at.as_millis())
                .execute(&mut *tx)
                .await?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    async fn find_password_reset(&self, token_hash: &str, now: Timestamp) -> Result<Option<User>> {
        each_backend!(self.db(), b => {
            let row = sqlx::query(LINK_USER)
                .bind(token_hash)
                .bind(now.as_millis())
                .fetch_optional(b.reader())
                .await?;
            row.map(|r| user_from(&r, "")).transpose()
        })
    }

    async fn redeem_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<Option<User>> {
        // The guard in the WHERE clause makes the link single-use under concurrency: the second
        // of two racing redemptions updates no row.
        const USE: &str = "UPDATE password_resets SET used_at = $2 \
                           WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2";
        const PASSWORD: &str = "UPDATE users SET password_hash = $2 WHERE id = $1";
        const RETIRE: &str = "UPDATE password_resets SET used_at = $2 \
                              WHERE user_id = $1 AND used_at IS NULL";
        const END_SESSIONS: &str = "DELETE FROM sessions WHERE user_id = $1";
        const REVOKE_TOKENS: &str = "UPDATE api_tokens SET revoked_at = $2 \
                                     WHERE user_id = $1 AND revoked_at IS NULL";
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let Some(user) = sqlx::query(LINK_USER)
                .bind(token_hash)
                .bind(now.as_millis())
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| user_from(&r, ""))
                .transpose()?
            else {
                return Ok(None);
            };
            let used = sqlx::query(USE)
                .bind(token_hash)
                .bind(now.as_millis())
                .execute(&mut *tx)
                .await?;
            if used.rows_affected() == 0 {
                return Ok(None);
            }
            let id = user.id.as_str();
            sqlx::query(PASSWORD).bind(id).bind(password_hash).execute(&mut *tx).await?;
            sqlx::query(RETIRE).bind(id).bind(now.as_millis()).execute(&mut *tx).await?;
            sqlx::query(END_SESSIONS).bind(id).execute(&mut *tx).await?;
            sqlx::query(REVOKE_TOKENS).bind(id).bind(now.as_millis()).execute(&mut *tx).await?;
            let mut entry = audit.clone().for_patient(id);
            entry.resource_id = Some(id.to_owned());
            tx.append_audit(&entry).await?;
            tx.commit().await?;
            Ok(Some(User { password_hash: password_hash.to_owned(), ..user }))
        })
    }

    async fn prune_password_resets(&self, before: Timestamp) -> Result<u64> {
        const REQUESTS: &str = "DELETE FROM reset_requests WHERE ts < $1";
        const LINKS: &str = "DELETE FROM password_resets WHERE expires_at < $1";
        each_backend!(self.db(), b => {
            let a = sqlx::query(REQUESTS).bind(before.as_millis()).execute(b.writer()).await?;
            let l = sqlx::query(LINKS).bind(before.as_millis()).execute(b.writer()).await?;
            Ok(a.rows_affected() + l.rows_affected())
        })
    }
}
