//! PostgreSQL backend: one pool; several `myo serve` processes may share the database, so the
//! audit chain is extended under a transaction-scoped advisory lock.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, Postgres, Row, Transaction};

use crate::db::{AuditAppend, INSERT_AUDIT, LAST_AUDIT, next_event};
use crate::error::Result;
use crate::location::location_error;
use crate::model::{AuditEntry, AuditEvent};
use crate::schema::{Column, ColumnType, ForeignKey, Index, Schema, finish, split_columns};

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
        // One direct connection first: the pool would only report "timed out", not why.
        let probe = options
            .connect()
            .await
            .map_err(|e| location_error(url, &e.to_string()))?;
        probe.close().await.ok();
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
        Ok(self
            .pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .await?)
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
            Some(row) => Some((
                row.try_get::<i64, _>("seq")?,
                row.try_get::<String, _>("hash")?,
            )),
            None => None,
        };
        let event = next_event(last, entry);
        crate::store::bind_audit(sqlx::query(INSERT_AUDIT), &event)
            .execute(&mut *self)
            .await?;
        Ok(event)
    }
}

impl PgDb {
    /// Reads the current schema (the first on `search_path`) from the system catalogues.
    pub(crate) async fn describe(&self) -> Result<Schema> {
        const COLUMNS: &str = "SELECT table_name::text AS t, column_name::text AS c, \
            data_type::text AS ty, (is_nullable = 'NO') AS nn \
            FROM information_schema.columns \
            WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations' \
            ORDER BY table_name, ordinal_position";
        // Column lists in key order via unnest(...) WITH ORDINALITY.
        const CONSTRAINTS: &str = "SELECT t.relname::text AS t, c.contype::text AS kind, \
            (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) \
               FROM unnest(c.conkey) WITH ORDINALITY AS k(num, ord) \
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num) AS cols, \
            COALESCE(r.relname::text, '') AS ref, \
            COALESCE((SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) \
               FROM unnest(c.confkey) WITH ORDINALITY AS k(num, ord) \
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num), '') \
               AS ref_cols, \
            c.confdeltype::text AS on_delete \
            FROM pg_constraint c \
            JOIN pg_class t ON t.oid = c.conrelid \
            JOIN pg_namespace n ON n.oid = t.relnamespace \
            LEFT JOIN pg_class r ON r.oid = c.confrelid \
            WHERE n.nspname = current_schema() AND c.contype IN ('p', 'u', 'f') \
              AND t.relname <> '_sqlx_migrations' \
            ORDER BY t.relname, c.conname";
        const INDEXES: &str = "SELECT t.relname::text AS t, i.relname::text AS name, \
            ix.indisunique AS uq, \
            (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) \
               FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(num, ord) \
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.num) AS cols \
            FROM pg_index ix \
            JOIN pg_class i ON i.oid = ix.indexrelid \
            JOIN pg_class t ON t.oid = ix.indrelid \
            JOIN pg_namespace n ON n.oid = t.relnamespace \
            WHERE n.nspname = current_schema() AND t.relname <> '_sqlx_migrations' \
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)";
        let mut schema = Schema::default();
        for row in sqlx::query(COLUMNS).fetch_all(&self.pool).await? {
            let table = schema.tables.entry(row.try_get("t")?).or_default();
            table.columns.push(Column {
                name: row.try_get("c")?,
                ty: ColumnType::from_postgres(&row.try_get::<String, _>("ty")?),
                not_null: row.try_get("nn")?,
            });
        }
        for row in sqlx::query(CONSTRAINTS).fetch_all(&self.pool).await? {
            let table = schema.tables.entry(row.try_get("t")?).or_default();
            let columns = split_columns(&row.try_get::<String, _>("cols")?);
            match row.try_get::<String, _>("kind")?.as_str() {
                "p" => table.primary_key = columns,
                "u" => {
                    table.unique.insert(columns);
                }
                _ => {
                    table.foreign_keys.insert(ForeignKey {
                        columns,
                        references: row.try_get("ref")?,
                        referenced_columns: split_columns(&row.try_get::<String, _>("ref_cols")?),
                        on_delete: on_delete_name(&row.try_get::<String, _>("on_delete")?),
                    });
                }
            }
        }
        for row in sqlx::query(INDEXES).fetch_all(&self.pool).await? {
            let table = schema.tables.entry(row.try_get("t")?).or_default();
            table.indexes.insert(Index {
                name: row.try_get("name")?,
                columns: split_columns(&row.try_get::<String, _>("cols")?),
                unique: row.try_get("uq")?,
            });
        }
        Ok(finish(schema))
    }
}

/// `pg_constraint.confdeltype` codes as SQLite spells the actions.
fn on_delete_name(code: &str) -> String {
    match code {
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        "r" => "RESTRICT",
        _ => "NO ACTION",
    }
    .to_owned()
}
