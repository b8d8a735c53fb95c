//! PostgreSQL backend: one pool; several `myo serve` processes may share the database, so the
//! audit chain is extended under a transaction-scoped advisory lock.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::{Postgres, Row, Transaction};

use crate::db::{AuditAppend, INSERT_AUDIT, LAST_AUDIT, next_event};
use crate::error::Result;
use crate::location::location_error;
use crate::model::{AuditEntry, AuditEvent};

/// Advisory lock key for appending to the audit chain ("myoaudit" as ASCII bytes).
const AUDIT_LOCK_KEY: i64 = 0x6d79_6f61_7564_6974;

/// A pool of connections to one database (and, through the URL's `search_path`, one schema).
#[derive(Debug)]
pub(crate) struct PgDb {
    pool: PgPool,
}

impl PgDb {
    pub(crate) async fn connect(url: &str, max_connections: u32) -> Result<Self> {
        let options =
            PgConnectOptions::from_str(url).map_err(|e| location_error(url, &e.to_string()))?;
        let pool = PgPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(|e| location_error(url, &e.to_string()))?;
        Ok(Self { pool })
    }

    pub(crate) fn reader(&self) -> &PgPool {
        &self.pool
    }

    pub(crate) fn writer(&self) -> &PgPool {
        &self.pool
    }

    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Postgres>> {
        Ok(self.pool.begin().await?)
    }

    /// A read transaction with one snapshot for its whole life.
    pub(crate) async fn begin_read(&self) -> Result<Transaction<'static, Postgres>> {
        Ok(self.pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").await?)
    }

    pub(crate) async fn migrate(&self) -> Result<()> {
        Ok(crate::db::migrator(true).run(&self.pool).await?)
    }

    pub(crate) async fn close(&self) {
        self.pool.close().await;
    }
}

impl AuditAppend for PgConnection {
    /// Takes the advisory lock first so that, under READ COMMITTED, the following read sees
    /// every previously committed link; the lock is released at commit or rollback.
    async fn append_audit(&mut self, entry: &AuditEntry) -> Result<AuditEvent> {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(AUDIT_LOCK_KEY)
            .execute(&mut *self)
            .await?;
        let last = sqlx::query(LAST_AUDIT).fetch_optional(&mut *self).await?;
        let last = match last {
            Some(row) => Some((row.try_get::<i64, _>("seq")?, row.try_get::<String, _>("hash")?)),
            None => None,
        };
        let event = next_event(last, entry);
        crate::store::bind_audit(sqlx::query(INSERT_AUDIT), &event).execute(&mut *self).await?;
        Ok(event)
    }
}
