//! The [`Store`] implementation for both backends. SQL is written once in the dialect SQLite
//! and PostgreSQL share (`$n` parameters, integer millis, text ids) and type-checked per backend
//! through `each_backend!`; what truly differs (connection set-up, write locking, audit-chain
//! serialisation, schema introspection) lives in `sqlite.rs` and `postgres.rs`.

use sqlx::{AssertSqlSafe, Database, Encode, Type, query::Query};

use crate::audit::ChainChecker;
use crate::db::{
    AUDIT_COLUMNS, AuditAppend, Db, RowExt, SESSION_COLUMNS, TOKEN_COLUMNS, audit_from,
    each_backend, session_from, token_from, user_columns, user_from,
};
use crate::error::{Result, StoreError};
use crate::location::Location;
use crate::model::{
    ApiToken, AttemptKind, AuditEntry, AuditEvent, AuditFilter, Backend, ChainReport, LoginAttempt,
    NewApiToken, NewSession, NewUser, Page, Role, Session, SessionId, Timestamp, TokenId, User,
    UserChanges, UserId, normalize_email,
};
use crate::{OpenOptions, Store};

/// Largest page any list method returns.
const MAX_LIMIT: u32 = 1000;

/// The store over either backend.
#[derive(Debug)]
pub(crate) struct SqlStore {
    db: Db,
}

impl SqlStore {
    pub(crate) async fn open(location: &Location, options: OpenOptions) -> Result<Self> {
        Ok(Self {
            db: Db::connect(location, options.max_connections).await?,
        })
    }

    pub(crate) fn from_db(db: Db) -> Self {
        Self { db }
    }

    pub(crate) fn db(&self) -> &Db {
        &self.db
    }
}

/// Binds an event's columns in `INSERT_AUDIT` order.
pub(crate) fn bind_audit<'q, DB>(
    query: Query<'q, DB, DB::Arguments>,
    event: &AuditEvent,
) -> Query<'q, DB, DB::Arguments>
where
    DB: Database,
    for<'e> i64: Encode<'e, DB> + Type<DB>,
    for<'e> String: Encode<'e, DB> + Type<DB>,
    for<'e> Option<String>: Encode<'e, DB> + Type<DB>,
{
    let e = &event.entry;
    query
        .bind(event.seq)
        .bind(e.ts.as_millis())
        .bind(e.actor_id.clone())
        .bind(e.actor_role.clone())
        .bind(e.action.clone())
        .bind(e.resource_type.clone())
        .bind(e.resource_id.clone())
        .bind(e.patient_id.clone())
        .bind(e.outcome.as_str().to_owned())
        .bind(e.source_ip.clone())
        .bind(e.user_agent.clone())
        .bind(e.request_id.clone())
        .bind(e.details.clone())
        .bind(event.prev_hash.clone())
        .bind(event.hash.clone())
}

fn check_email(email: &str) -> Result<()> {
    let ok = email.len() <= 320
        && email
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
        && !email.chars().any(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(StoreError::invalid(
            "email",
            "expected an address like name@example.org",
        ))
    }
}

/// `text` with LIKE's wildcards (and the escape character) escaped by a backslash.
fn like_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One account by id (`get_user`, and inside the transactions that change or delete it).
const USER_BY_ID: &str = concat!("SELECT ", user_columns!(), " FROM users WHERE id = $1");

/// Locks the active admins' rows and counts them in one statement, before an account that may
/// be one of them is read. On PostgreSQL a concurrent demotion makes this wait and then skip the
/// rows it changed, so two admins demoting each other cannot both succeed; on SQLite
/// `BEGIN IMMEDIATE` already serialises writers.
const LOCK_ACTIVE_ADMINS: &str =
    "UPDATE users SET role = role WHERE role = 'admin' AND disabled_at IS NULL";

/// An admin who can still sign in: what the last-admin rule counts.
fn is_active_admin(user: &User) -> bool {
    user.role == Role::Admin && user.disabled_at.is_none()
}

fn limit(n: u32) -> i64 {
    i64::from(n.clamp(1, MAX_LIMIT))
}

/// `rows_affected == 0` means the record to change was not there.
fn must_affect(rows: u64, what: &'static str) -> Result<()> {
    if rows == 0 {
        Err(StoreError::NotFound { what })
    } else {
        Ok(())
    }
}

#[async_trait::async_trait]
impl Store for SqlStore {
    fn backend(&self) -> Backend {
        match self.db {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    async fn ping(&self) -> Result<()> {
        each_backend!(&self.db, b => {
            sqlx::query("SELECT 1").execute(b.reader()).await?;
        });
        Ok(())
    }

    async fn migrate(&self) -> Result<()> {
        self.db.migrate().await
    }

    async fn close(&self) {
        self.db.close().await;
    }

    async fn create_user(&self, user: &NewUser, audit: &AuditEntry) -> Result<User> {
        let email = normalize_email(&user.email);
        check_email(&email)?;
        let stored = User {
            id: user.id.clone(),
            email,
            password_hash: user.password_hash.clone(),
            role: user.role,
            display_name: user.display_name.trim().to_owned(),
            created_at: user.created_at,
            disabled_at: None,
            language: None,
        };
        const SQL: &str = "INSERT INTO users (id, email, password_hash, role, display_name, \
                           created_at, disabled_at) VALUES ($1, $2, $3, $4, $5, $6, NULL)";
        each_backend!(&self.db, b => {
            let mut tx = b.begin_write().await?;
            sqlx::query(SQL)
                .bind(stored.id.as_str())
                .bind(stored.email.as_str())
                .bind(stored.password_hash.as_str())
                .bind(stored.role.as_str())
                .bind(stored.display_name.as_str())
                .bind(stored.created_at.as_millis())
                .execute(&mut *tx)
                .await?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
        });
        Ok(stored)
    }

    async fn get_user(&self, id: &UserId) -> Result<Option<User>> {
        each_backend!(&self.db, b => {
            let row = sqlx::query(USER_BY_ID).bind(id.as_str()).fetch_optional(b.reader()).await?;
            row.map(|r| user_from(&r, "")).transpose()
        })
    }

    async fn find_user_by_email(&self, email: &str) -> Result<Option<User>> {
        const SQL: &str = concat!("SELECT ", user_columns!(), " FROM users WHERE email = $1");
        let email = normalize_email(email);
        each_backend!(&self.db, b => {
            let row = sqlx::query(SQL).bind(email.as_str()).fetch_optional(b.reader()).await?;
            row.map(|r| user_from(&r, "")).transpose()
        })
    }

    async fn count_users(&self) -> Result<u64> {
        each_backend!(&self.db, b => {
            let row = sqlx::query("SELECT COUNT(*) AS n FROM users").fetch_one(b.reader()).await?;
            Ok(u64::try_from(row.int("n")?).unwrap_or(0))
        })
    }

    async fn list_users(&self, page: Page) -> Result<Vec<User>> {
        const SQL: &str = concat!(
            "SELECT ",
            user_columns!(),
            " FROM users ORDER BY created_at, id LIMIT $1 OFFSET $2"
        );
        each_backend!(&self.db, b => {
            let rows = sqlx::query(SQL)
                .bind(limit(page.limit))
                .bind(i64::from(page.offset))
                .fetch_all(b.reader())
                .await?;
            rows.iter().map(|r| user_from(r, "")).collect()
        })
    }

    async fn search_users(&self, email_part: &str, page: Page) -> Result<Vec<User>> {
        // Stored e-mails are lowercase, so a lowercased pattern matches alike on SQLite (LIKE
        // ignores ASCII case) and PostgreSQL (LIKE does not).
        const SQL: &str = concat!(
            "SELECT ",
            user_columns!(),
            " FROM users WHERE email LIKE $1 ESCAPE '\\' ORDER BY created_at, id LIMIT $2 OFFSET $3"
        );
        let pattern = format!("%{}%", like_literal(&normalize_email(email_part)));
        each_backend!(&self.db, b => {
            let rows = sqlx::query(SQL)
                .bind(pattern.as_str())
                .bind(limit(page.limit))
                .bind(i64::from(page.offset))
                .fetch_all(b.reader())
                .await?;
            rows.iter().map(|r| user_from(r, "")).collect()
        })
    }

    async fn update_user(
        &self,
        id: &UserId,
        changes: &UserChanges,
        audit: &AuditEntry,
    ) -> Result<User> {
        const SET: &str =
            "UPDATE users SET display_name = $2, role = $3, disabled_at = $4 WHERE id = $1";
        const END_SESSIONS: &str = "DELETE FROM sessions WHERE user_id = $1";
        const REVOKE_TOKENS: &str = "UPDATE api_tokens SET revoked_at = $2 \
                                     WHERE user_id = $1 AND revoked_at IS NULL";
        const REVOKE_SHARES: &str = "UPDATE share_links SET revoked_at = $2 \
                                     WHERE patient_id = $1 AND revoked_at IS NULL";
        let may_demote = changes.role.is_some_and(|r| r != Role::Admin)
            || matches!(changes.disabled_at, Some(Some(_)));
        each_backend!(&self.db, b => {
            let mut tx = b.begin_write().await?;
            // Before reading the account, so the read sees what a concurrent demotion committed.
            let active_admins = if may_demote {
                sqlx::query(LOCK_ACTIVE_ADMINS).execute(&mut *tx).await?.rows_affected()
            } else {
                0
            };
            let row = sqlx::query(USER_BY_ID).bind(id.as_str()).fetch_optional(&mut *tx).await?;
            let mut user = row
                .map(|r| user_from(&r, ""))
                .transpose()?
                .ok_or(StoreError::NotFound { what: "user" })?;
            let was_active_admin = is_active_admin(&user);
            if let Some(name) = &changes.display_name {
                user.display_name = name.trim().to_owned();
            }
            if let Some(role) = changes.role {
                user.role = role;
            }
            if let Some(disabled_at) = changes.disabled_at {
                user.disabled_at = disabled_at;
            }
            if was_active_admin && !is_active_admin(&user) && active_admins <= 1 {
                // Dropping the transaction rolls back the locking statement.
                return Err(StoreError::LastAdmin);
            }
            sqlx::query(SET)
                .bind(id.as_str())
                .bind(user.display_name.as_str())
                .bind(user.role.as_str())
                .bind(user.disabled_at.map(Timestamp::as_millis))
                .execute(&mut *tx)
                .await?;
            if let Some(Some(at)) = changes.disabled_at {
                sqlx::query(END_SESSIONS).bind(id.as_str()).execute(&mut *tx).await?;
                sqlx::query(REVOKE_TOKENS)
                    .bind(id.as_str())
                    .bind(at.as_millis())
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(REVOKE_SHARES)
                    .bind(id.as_str())
                    .bind(at.as_millis())
                    .execute(&mut *tx)
                    .await?;
            }
            tx.append_audit(audit).await?;
            tx.commit().await?;
            Ok(user)
        })
    }

    async fn set_password(
        &self,
        id: &UserId,
        password_hash: &str,
        audit: &AuditEntry,
    ) -> Result<()> {
        const SQL: &str = "UPDATE users SET password_hash = $2 WHERE id = $1";
        each_backend!(&self.db, b => {
            let mut tx = b.begin_write().await?;
            let done =
                sqlx::query(SQL).bind(id.as_str()).bind(password_hash).execute(&mut *tx).await?;
            must_affect(done.rows_affected(), "user")?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    async fn set_user_language(
        &self,
        id: &UserId,
        language: Option<&str>,
        audit: &AuditEntry,
    ) -> Result<()> {
        const SQL: &str = "UPDATE users SET language = $2 WHERE id = $1";
        each_backend!(&self.db, b => {
            let mut tx = b.begin_write().await?;
            let done =
                sqlx::query(SQL).bind(id.as_str()).bind(language).execute(&mut *tx).await?;
            must_affect(done.rows_affected(), "user")?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    async fn delete_user(&self, id: &UserId, audit: &AuditEntry) -> Result<()> {
        const ATTEMPTS: &str = "DELETE FROM login_attempts WHERE kind = 'account' AND key = $1";
        // Sessions and tokens go with the account (ON DELETE CASCADE).
        const USER: &str = "DELETE FROM users WHERE id = $1";
        each_backend!(&self.db, b => {
            let mut tx = b.begin_write().await?;
            let active_admins =
                sqlx::query(LOCK_ACTIVE_ADMINS).execute(&mut *tx).await?.rows_affected();
            let row = sqlx::query(USER_BY_ID).bind(id.as_str()).fetch_optional(&mut *tx).await?;
            let user = row
                .map(|r| user_from(&r, ""))
                .transpose()?
                .ok_or(StoreError::NotFound { what: "user" })?;
            if is_active_admin(&user) && active_admins <= 1 {
                return Err(StoreError::LastAdmin);
            }
            sqlx::query(ATTEMPTS).bind(&user.email).execute(&mut *tx).await?;
            sqlx::query(USER).bind(id.as_str()).execute(&mut *tx).await?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    async fn create_session(&self, session: &NewSession, audit: &AuditEntry) -> Result<Session> {
        const SQL: &str = "INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at, \
                           last_seen_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $4, $6, $7)";
        each_backend!(&self.db, b => {
            let mut tx = b.begin_write().await?;
            sqlx::query(SQL)
                .bind(session.id.as_str())
                .bind(session.user_id.as_str())
                .bind(session.csrf_token.as_str())
                .bind(session.created_at.as_millis())
                .bind(session.expires_at.as_millis())
                .bind(session.ip.clone())
                .bind(session.user_agent.clone())
                .execute(&mut *tx)
                .await?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
        });
        Ok(Session {
            id: session.id.clone(),
            user_id: session.user_id.clone(),
            csrf_token: session.csrf_token.clone(),
            created_at: session.created_at,
            expires_at: session.expires_at,
            last_seen_at: session.created_at,
            ip: session.ip.clone(),
            user_agent: session.user_agent.clone(),
        })
    }

    async fn get_session(&self, id: &SessionId) -> Result<Option<Session>> {
        let sql = format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE id = $1");
        each_backend!(&self.db, b => {
            let row =
                sqlx::query(AssertSqlSafe(sql)).bind(id.as_str()).fetch_optional(b.reader()).await?;
            row.map(|r| session_from(&r, "")).transpose()
        })
    }

    async fn get_session_user(&self, id: &SessionId) -> Result<Option<(Session, User)>> {
        const SQL: &str = concat!(
            "SELECT s.id AS s_id, s.user_id AS s_user_id, \
            s.csrf_token AS s_csrf_token, s.created_at AS s_created_at, \
            s.expires_at AS s_expires_at, s.last_seen_at AS s_last_seen_at, s.ip AS s_ip, \
            s.user_agent AS s_user_agent, ",
            user_columns!("u.", "u_"),
            " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1"
        );
        each_backend!(&self.db, b => {
            let row = sqlx::query(SQL).bind(id.as_str()).fetch_optional(b.reader()).await?;
            row.map(|r| Ok((session_from(&r, "s_")?, user_from(&r, "u_")?))).transpose()
        })
    }

    async fn touch_session(&self, id: &SessionId, now: Timestamp) -> Result<()> {
        const SQL: &str = "UPDATE sessions SET last_seen_at = $2 WHERE id = $1";
        each_backend!(&self.db, b => {
            let done = sqlx::query(SQL)
                .bind(id.as_str())
                .bind(now.as_millis())
                .execute(b.writer())
                .await?;
            must_affect(done.rows_affected(), "session")
        })
    }

    async fn delete_session(&self, id: &SessionId, audit: &AuditEntry) -> Result<()> {
        const SQL: &str = "DELETE FROM sessions WHERE id = $1";
        each_backend!(&self.db, b => {
            let mut tx = b.begin_write().await?;
            let done = sqlx::query(SQL).bind(id.as_str()).execute(&mut *tx).await?;
            must_affect(done.rows_affected(), "session")?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    async fn delete_user_sessions(
        &self,
        user_id: &UserId,
        keep: Option<&SessionId>,
        audit: &AuditEntry,
    ) -> Result<u64> {
        // Session ids are 64 hex digits, so '' never matches a real one.
        const SQL: &str = "DELETE FROM sessions WHERE user_id = $1 AND id <> $2";
        let keep = keep.map_or("", SessionId::as_str);
        each_backend!(&self.db, b => {
            let mut tx = b.begin_write().await?;
            let done = sqlx::query(SQL).bind(user_id.as_str()).bind(keep).execute(&mut *tx).await?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
            Ok(done.rows_affected())
        })
    }

    async fn list_user_sessions(&self, user_id: &UserId) -> Result<Vec<Session>> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions WHERE user_id = $1 \
             ORDER BY created_at DESC, id"
        );
        each_backend!(&self.db, b => {
            let rows =
                sqlx::query(AssertSqlSafe(sql)).bind(user_id.as_str()).fetch_all(b.reader()).await?;
            rows.iter().map(|r| session_from(r, "")).collect()
        })
    }

    async fn delete_expired_sessions(&self, now: Timestamp) -> Result<u64> {
        const SQL: &str = "DELETE FROM sessions WHERE expires_at < $1";
        each_backend!(&self.db, b => {
            let done = sqlx::query(SQL).bind(now.as_millis()).execute(b.writer()).await?;
            Ok(done.rows_affected())
        })
    }

    async fn create_token(&self, token: &NewApiToken, audit: &AuditEntry) -> Result<ApiToken> {
        const SQL: &str = "INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, \
                           created_at, last_used_at, revoked_at) \
                           VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL)";
        let name = token.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(StoreError::invalid("name", "must be 1 to 100 characters"));
        }
        each_backend!(&self.db, b => {
            let mut tx = b.begin_write().await?;
            sqlx::query(SQL)
                .bind(token.id.as_str())
                .bind(token.user_id.as_str())
                .bind(name)
                .bind(token.token_hash.as_str())
                .bind(token.prefix.as_str())
                .bind(token.created_at.as_millis())
                .execute(&mut *tx)
                .await?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
        });
        Ok(ApiToken {
            id: token.id.clone(),
            user_id: token.user_id.clone(),
            name: name.to_owned(),
            token_hash: token.token_hash.clone(),
            prefix: token.prefix.clone(),
            created_at: token.created_at,
            last_used_at: None,
            revoked_at: None,
        })
    }

    async fn find_token_by_hash(&self, token_hash: &str) -> Result<Option<ApiToken>> {
        let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1");
        each_backend!(&self.db, b => {
            let row =
                sqlx::query(AssertSqlSafe(sql)).bind(token_hash).fetch_optional(b.reader()).await?;
            row.map(|r| token_from(&r)).transpose()
        })
    }

    async fn list_tokens(&self, user_id: &UserId) -> Result<Vec<ApiToken>> {
        let sql = format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id"
        );
        each_backend!(&self.db, b => {
            let rows =
                sqlx::query(AssertSqlSafe(sql)).bind(user_id.as_str()).fetch_all(b.reader()).await?;
            rows.iter().map(token_from).collect()
        })
    }

    async fn revoke_token(
        &self,
        user_id: &UserId,
        id: &TokenId,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()> {
        const SQL: &str = "UPDATE api_tokens SET revoked_at = $3 \
                           WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL";
        each_backend!(&self.db, b => {
            let mut tx = b.begin_write().await?;
            let done = sqlx::query(SQL)
                .bind(id.as_str())
                .bind(user_id.as_str())
                .bind(now.as_millis())
                .execute(&mut *tx)
                .await?;
            must_affect(done.rows_affected(), "api_token")?;
            tx.append_audit(audit).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    async fn touch_token(&self, id: &TokenId, now: Timestamp) -> Result<()> {
        const SQL: &str = "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1";
        each_backend!(&self.db, b => {
            let done =
                sqlx::query(SQL).bind(id.as_str()).bind(now.as_millis()).execute(b.writer()).await?;
            must_affect(done.rows_affected(), "api_token")
        })
    }

    async fn record_login_attempt(&self, attempt: &LoginAttempt) -> Result<()> {
        const SQL: &str =
            "INSERT INTO login_attempts (id, kind, key, ts, success) VALUES ($1, $2, $3, $4, $5)";
        let id = crate::token::random_hex(16);
        each_backend!(&self.db, b => {
            sqlx::query(SQL)
                .bind(id.as_str())
                .bind(attempt.kind.as_str())
                .bind(attempt.key.as_str())
                .bind(attempt.ts.as_millis())
                .bind(attempt.success)
                .execute(b.writer())
                .await?;
        });
        Ok(())
    }

    async fn count_recent_failures(
        &self,
        kind: AttemptKind,
        key: &str,
        since: Timestamp,
    ) -> Result<u64> {
        const SQL: &str = "SELECT COUNT(*) AS n FROM login_attempts \
                           WHERE kind = $1 AND key = $2 AND ts >= $3 AND success = $4";
        each_backend!(&self.db, b => {
            let row = sqlx::query(SQL)
                .bind(kind.as_str())
                .bind(key)
                .bind(since.as_millis())
                .bind(false)
                .fetch_one(b.reader())
                .await?;
            Ok(u64::try_from(row.int("n")?).unwrap_or(0))
        })
    }

    async fn clear_login_attempts(&self, kind: AttemptKind, key: &str) -> Result<u64> {
        const SQL: &str = "DELETE FROM login_attempts WHERE kind = $1 AND key = $2";
        each_backend!(&self.db, b => {
            let done = sqlx::query(SQL).bind(kind.as_str()).bind(key).execute(b.writer()).await?;
            Ok(done.rows_affected())
        })
    }

    async fn prune_login_attempts(&self, before: Timestamp) -> Result<u64> {
        const SQL: &str = "DELETE FROM login_attempts WHERE ts < $1";
        each_backend!(&self.db, b => {
            let done = sqlx::query(SQL).bind(before.as_millis()).execute(b.writer()).await?;
            Ok(done.rows_affected())
        })
    }

    async fn reserve_attempt(
        &self,
        attempt: crate::throttle::Attempt<'_>,
        policy: &crate::throttle::ThrottlePolicy,
        now: Timestamp,
    ) -> Result<crate::throttle::Reservation> {
        crate::throttle::reserve(&self.db, attempt, policy, now).await
    }

    async fn attempt_succeeded(&self, attempt: crate::throttle::Attempt<'_>) -> Result<()> {
        crate::throttle::succeeded(&self.db, attempt).await
    }

    async fn prune_throttle(
        &self,
        now: Timestamp,
        policy: &crate::throttle::ThrottlePolicy,
    ) -> Result<u64> {
        crate::throttle::prune(&self.db, now, policy).await
    }

    async fn add_refused(
        &self,
        account: &str,
        address: &str,
        at: Timestamp,
        count: u64,
    ) -> Result<()> {
        crate::throttle::add_refused(&self.db, account, address, at, count).await
    }

    async fn count_refused(&self, account: &str, since: Timestamp) -> Result<u64> {
        crate::throttle::refused_since(&self.db, account, since).await
    }

    async fn revoke_all_share_links(
        &self,
        patient: &UserId,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<u64> {
        const SQL: &str = "UPDATE share_links SET revoked_at = $2 \
                           WHERE patient_id = $1 AND revoked_at IS NULL";
        each_backend!(&self.db, b => {
            let mut tx = b.begin_write().await?;
            let done = sqlx::query(SQL)
                .bind(patient.as_str())
                .bind(now.as_millis())
                .execute(&mut *tx)
                .await?;
            tx.append_audit(&audit.clone().for_patient(patient.as_str())).await?;
            tx.commit().await?;
            Ok(done.rows_affected())
        })
    }

    async fn append_audit(&self, entry: &AuditEntry) -> Result<AuditEvent> {
        each_backend!(&self.db, b => {
            let mut tx = b.begin_write().await?;
            let event = tx.append_audit(entry).await?;
            tx.commit().await?;
            Ok(event)
        })
    }

    async fn list_audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEvent>> {
        // Built only from fixed fragments; values are always bound, never spliced.
        let mut sql = format!("SELECT {AUDIT_COLUMNS} FROM audit_events WHERE 1 = 1");
        let mut n = 0;
        let mut param = |column: &str, op: &str| {
            n += 1;
            format!(" AND {column} {op} ${n}")
        };
        if filter.patient_id.is_some() {
            sql += &param("patient_id", "=");
        }
        if filter.actor_id.is_some() {
            sql += &param("actor_id", "=");
        }
        if filter.before_seq.is_some() {
            sql += &param("seq", "<");
        }
        sql += &format!(" ORDER BY seq DESC LIMIT {}", limit(filter.limit));
        each_backend!(&self.db, b => {
            let mut query = sqlx::query(AssertSqlSafe(sql));
            if let Some(patient) = &filter.patient_id {
                query = query.bind(patient.as_str());
            }
            if let Some(actor) = &filter.actor_id {
                query = query.bind(actor.as_str());
            }
            if let Some(before) = filter.before_seq {
                query = query.bind(before);
            }
            let rows = query.fetch_all(b.reader()).await?;
            rows.iter().map(audit_from).collect()
        })
    }

    async fn verify_audit_chain(&self) -> Result<ChainReport> {
        let sql = format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT 1000"
        );
        let mut checker = ChainChecker::new();
        let mut after = 0_i64;
        each_backend!(&self.db, b => {
            let mut tx = b.begin_read().await?;
            'pages: loop {
                let rows = sqlx::query(AssertSqlSafe(sql.clone()))
                    .bind(after)
                    .fetch_all(&mut *tx)
                    .await?;
                if rows.is_empty() {
                    break;
                }
                for row in &rows {
                    let event = audit_from(row)?;
                    after = event.seq;
                    if !checker.feed(&event) {
                        break 'pages;
                    }
                }
            }
            tx.rollback().await?;
        });
        Ok(checker.finish())
    }
}
