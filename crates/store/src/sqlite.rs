//! SQLite backend: one database file, WAL journal, foreign keys on, a busy timeout, and all
//! writes through a single connection so writers queue in-process instead of failing with
//! `SQLITE_BUSY`. Write transactions start with `BEGIN IMMEDIATE`, which also serialises
//! writers in other processes sharing the file.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{Row, Sqlite, Transaction};

use crate::db::{AuditAppend, INSERT_AUDIT, LAST_AUDIT, next_event};
use crate::error::Result;
use crate::location::location_error;
use crate::model::{AuditEntry, AuditEvent};

/// How long a connection waits for another process's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Reader pool and single-connection writer pool over one file.
#[derive(Debug)]
pub(crate) struct SqliteDb {
    read: SqlitePool,
    write: SqlitePool,
}

impl SqliteDb {
    pub(crate) async fn connect(path: &Path, max_connections: u32) -> Result<Self> {
        let shown = format!("sqlite://{}", path.display());
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| location_error(&shown, &format!("cannot create directory: {e}")))?;
        }
        let options = SqliteConnectOptions::from_str("sqlite://")
            .map_err(|e| location_error(&shown, &e.to_string()))?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        // The writer first: it creates the file and switches it to WAL before readers open it.
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await
            .map_err(|e| location_error(&shown, &e.to_string()))?;
        let read = SqlitePoolOptions::new()
            .max_connections(max_connections.max(1))
            .connect_with(options)
            .await
            .map_err(|e| location_error(&shown, &e.to_string()))?;
        Ok(Self { read, write })
    }

    pub(crate) fn reader(&self) -> &SqlitePool {
        &self.read
    }

    pub(crate) fn writer(&self) -> &SqlitePool {
        &self.write
    }

    /// A write transaction holding the database write lock from its first statement.
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>> {
        Ok(self.write.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// A read transaction: in WAL mode it sees one consistent snapshot throughout.
    pub(crate) async fn begin_read(&self) -> Result<Transaction<'static, Sqlite>> {
        Ok(self.read.begin().await?)
    }

    pub(crate) async fn migrate(&self) -> Result<()> {
        Ok(crate::db::migrator(false).run(&self.write).await?)
    }

    pub(crate) async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}

impl AuditAppend for SqliteConnection {
    /// The caller's `BEGIN IMMEDIATE` already excludes every other writer, so reading the last
    /// link and inserting the next one cannot interleave with another append.
    async fn append_audit(&mut self, entry: &AuditEntry) -> Result<AuditEvent> {
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
