//! SQLite backend: one database file, WAL journal, foreign keys on, a busy timeout, and all
//! writes through a single connection so writers queue in-process instead of failing with
//! `SQLITE_BUSY`. Write transactions start with `BEGIN IMMEDIATE`, which also serialises
//! writers in other processes sharing the file.

use std::collections::BTreeMap;
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
use crate::schema::{Column, ColumnType, ForeignKey, Index, Schema, Table, finish};

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
            private_dir(parent)
                .map_err(|e| location_error(&shown, &format!("cannot create directory: {e}")))?;
        }
        private_file(path).map_err(|e| location_error(&shown, &e.to_string()))?;
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
        // SQLite gives the -wal and -shm files the database file's mode; older versions made
        // them under the umask, so they are tightened here too.
        for suffix in ["-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let extra = std::path::PathBuf::from(name);
            if extra.exists() {
                private_file(&extra).map_err(|e| location_error(&shown, &e.to_string()))?;
            }
        }
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
        crate::db::migrator(false).run(&self.write).await?;
        self.strip_nul_bytes().await?;
        Ok(())
    }

    /// A data migration run at every open (it finds nothing once done): removes NUL bytes
    /// from every text value except the append-only audit log. Older versions let NUL in, and
    /// PostgreSQL refuses it, so one such value made `myo db copy` fail for the whole database.
    /// SQLite's text functions stop at a NUL, so values are found as blobs and fixed in Rust.
    async fn strip_nul_bytes(&self) -> Result<u64> {
        const TEXT_COLUMNS: &str = "SELECT m.name AS tbl, c.name AS col \
             FROM sqlite_schema AS m, pragma_table_info(m.name) AS c \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
             AND m.name NOT IN ('_sqlx_migrations', 'audit_events') \
             AND upper(c.type) = 'TEXT' ORDER BY m.name, c.cid";
        let mut fixed = 0;
        let columns = sqlx::query(TEXT_COLUMNS).fetch_all(&self.write).await?;
        for column in columns {
            let table: String = column.try_get("tbl")?;
            let col: String = column.try_get("col")?;
            // Names come from the schema itself, quoted; values are bound.
            let (t, c) = (table.replace('"', "\"\""), col.replace('"', "\"\""));
            let find = format!(
                "SELECT rowid AS r, \"{c}\" AS v FROM \"{t}\" \
                 WHERE instr(CAST(\"{c}\" AS BLOB), x'00') > 0"
            );
            let update = format!("UPDATE \"{t}\" SET \"{c}\" = $1 WHERE rowid = $2");
            for row in sqlx::query(sqlx::AssertSqlSafe(find))
                .fetch_all(&self.write)
                .await?
            {
                let rowid: i64 = row.try_get("r")?;
                let value: String = row.try_get("v")?;
                sqlx::query(sqlx::AssertSqlSafe(update.clone()))
                    .bind(value.replace('\0', ""))
                    .bind(rowid)
                    .execute(&self.write)
                    .await?;
                fixed += 1;
            }
        }
        Ok(fixed)
    }

    pub(crate) async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}

/// Creates `dir` (and its parents) readable by the owner only (0700 on Unix): it holds health
/// data, password hashes and session hashes. An existing directory is left as it is.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates the database file if missing and makes it readable and writable by the owner only
/// (0600 on Unix), whatever the umask.
fn private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    drop(file);
    Ok(())
}

impl AuditAppend for SqliteConnection {
    /// The caller's `BEGIN IMMEDIATE` already excludes every other writer, so reading the last
    /// link and inserting the next one cannot interleave with another append.
    async fn append_audit(&mut self, entry: &AuditEntry) -> Result<AuditEvent> {
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

impl SqliteDb {
    /// Reads tables, columns, keys and indexes through SQLite's `pragma_*` table functions.
    pub(crate) async fn describe(&self) -> Result<Schema> {
        const TABLES: &str = "SELECT name FROM sqlite_schema WHERE type = 'table' \
                              AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' \
                              ORDER BY name";
        let mut schema = Schema::default();
        let names = sqlx::query(TABLES).fetch_all(&self.read).await?;
        for row in names {
            let name: String = row.try_get("name")?;
            let table = self.describe_table(&name).await?;
            schema.tables.insert(name, table);
        }
        Ok(finish(schema))
    }

    async fn describe_table(&self, name: &str) -> Result<Table> {
        const COLUMNS: &str =
            "SELECT name, type, \"notnull\" AS nn, pk FROM pragma_table_info($1) ORDER BY cid";
        const FKS: &str = "SELECT id, \"table\" AS ref, \"from\" AS col, \"to\" AS ref_col, \
                           on_delete FROM pragma_foreign_key_list($1) ORDER BY id, seq";
        const INDEXES: &str =
            "SELECT name, \"unique\" AS uq, origin FROM pragma_index_list($1) ORDER BY name";
        const INDEX_COLUMNS: &str = "SELECT name FROM pragma_index_info($1) ORDER BY seqno";
        let mut table = Table::default();
        let mut pk: Vec<(i64, String)> = Vec::new();
        for row in sqlx::query(COLUMNS)
            .bind(name)
            .fetch_all(&self.read)
            .await?
        {
            let column: String = row.try_get("name")?;
            let key: i64 = row.try_get("pk")?;
            if key > 0 {
                pk.push((key, column.clone()));
            }
            table.columns.push(Column {
                ty: ColumnType::from_sqlite(&row.try_get::<String, _>("type")?),
                not_null: row.try_get::<i64, _>("nn")? != 0,
                name: column,
            });
        }
        pk.sort();
        table.primary_key = pk.into_iter().map(|(_, c)| c).collect();
        let mut fks: BTreeMap<i64, ForeignKey> = BTreeMap::new();
        for row in sqlx::query(FKS).bind(name).fetch_all(&self.read).await? {
            let fk = fks.entry(row.try_get("id")?).or_insert_with(|| ForeignKey {
                columns: Vec::new(),
                references: String::new(),
                referenced_columns: Vec::new(),
                on_delete: String::new(),
            });
            fk.columns.push(row.try_get("col")?);
            fk.references = row.try_get("ref")?;
            fk.referenced_columns.push(row.try_get("ref_col")?);
            fk.on_delete = row.try_get("on_delete")?;
        }
        table.foreign_keys = fks.into_values().collect();
        for row in sqlx::query(INDEXES)
            .bind(name)
            .fetch_all(&self.read)
            .await?
        {
            let index: String = row.try_get("name")?;
            let origin: String = row.try_get("origin")?;
            let unique = row.try_get::<i64, _>("uq")? != 0;
            let columns: Vec<String> = sqlx::query(INDEX_COLUMNS)
                .bind(index.as_str())
                .fetch_all(&self.read)
                .await?
                .iter()
                .map(|r| r.try_get("name"))
                .collect::<std::result::Result<_, _>>()?;
            match origin.as_str() {
                "pk" => {}
                "u" => {
                    table.unique.insert(columns);
                }
                _ => {
                    table.indexes.insert(Index {
                        name: index,
                        columns,
                        unique,
                    });
                }
            }
        }
        Ok(table)
    }
}
