//! `myo db copy`: every row of every table from one database to another, either direction.
//!
//! The table list, column types and insert order come from the live schema (`schema`), so new
//! tables are copied without touching this file. The source is read in one snapshot; the
//! target is written in one transaction, so a failed copy leaves it as it was.

use sqlx::{AssertSqlSafe, Postgres, Row, Sqlite, Transaction};

use crate::Store;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::location::Location;
use crate::schema::{ColumnType, Table, describe_db};
use crate::store::SqlStore;

/// Rows read and written per round trip.
const PAGE: i64 = 500;

/// What a copy moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    /// `(table, rows)` in the order copied (parents before children).
    pub tables: Vec<(String, u64)>,
    /// Audit events checked in the target's hash chain after the copy.
    pub audit_events_verified: u64,
}

/// A column value in transit, typed by the schema so NULLs bind with the right type.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(Option<bool>),
}

enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Same idea as `each_backend!`, over a transaction: one body, checked per backend.
macro_rules! each_tx {
    ($tx:expr, $t:ident => $body:expr) => {
        match $tx {
            Tx::Sqlite($t) => $body,
            Tx::Postgres($t) => $body,
        }
    };
}

/// Copies all data from `from` to `to`. The target is migrated first and must then be empty;
/// the source must already be at the same schema version (run `myo db migrate` on it).
///
/// # Errors
/// [`StoreError::Invalid`] if both name the same database, [`StoreError::Migration`] if the
/// schemas differ, [`StoreError::TargetNotEmpty`], or any database error (nothing is written).
pub async fn copy(from: &Location, to: &Location) -> Result<CopyReport> {
    if from == to {
        return Err(StoreError::invalid(
            "to",
            "source and target are the same database",
        ));
    }
    let source = Db::connect(from, 2).await?;
    let target = Db::connect(to, 2).await?;
    target.migrate().await?;
    let schema = describe_db(&target).await?;
    if describe_db(&source).await? != schema {
        return Err(StoreError::Migration(format!(
            "the source schema differs from the target's; run `myo db migrate --database-url {}` first",
            from.redacted()
        )));
    }
    let order = schema.dependency_order();
    let mut read = begin_read(&source).await?;
    let mut write = begin_write(&target).await?;
    for table in &order {
        if count_rows(&mut write, table).await? > 0 {
            let table = table.clone();
            return Err(StoreError::TargetNotEmpty { table });
        }
    }
    let mut tables = Vec::new();
    for name in &order {
        let moved = copy_table(&mut read, &mut write, name, &schema.tables[name]).await?;
        tables.push((name.clone(), moved));
    }
    each_tx!(write, t => t.commit().await?);
    each_tx!(read, t => t.rollback().await?);
    source.close().await;
    let store = SqlStore::from_db(target);
    let report = store.verify_audit_chain().await?;
    store.close().await;
    if let Some(seq) = report.first_broken {
        return Err(StoreError::Backend(format!(
            "copied audit chain does not verify at event {seq}"
        )));
    }
    Ok(CopyReport {
        tables,
        audit_events_verified: report.events,
    })
}

async fn begin_read(db: &Db) -> Result<Tx> {
    Ok(match db {
        Db::Sqlite(b) => Tx::Sqlite(b.begin_read().await?),
        Db::Postgres(b) => Tx::Postgres(b.begin_read().await?),
    })
}

async fn begin_write(db: &Db) -> Result<Tx> {
    Ok(match db {
        Db::Sqlite(b) => Tx::Sqlite(b.begin_write().await?),
        Db::Postgres(b) => Tx::Postgres(b.begin_write().await?),
    })
}

/// Double-quotes an identifier read from the catalogue (they never contain quotes; refuse if so).
fn quote(name: &str) -> Result<String> {
    if name.contains('"') {
        return Err(StoreError::invalid(
            "table",
            "identifier contains a double quote",
        ));
    }
    Ok(format!("\"{name}\""))
}

async fn count_rows(tx: &mut Tx, table: &str) -> Result<i64> {
    let sql = format!("SELECT COUNT(*) AS n FROM {}", quote(table)?);
    each_tx!(tx, t => {
        let row = sqlx::query(AssertSqlSafe(sql)).fetch_one(&mut **t).await?;
        Ok(row.try_get::<i64, _>("n")?)
    })
}

async fn copy_table(read: &mut Tx, write: &mut Tx, name: &str, table: &Table) -> Result<u64> {
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|c| quote(&c.name))
        .collect::<Result<_>>()?;
    let order_by = if table.primary_key.is_empty() {
        columns.join(", ")
    } else {
        table
            .primary_key
            .iter()
            .map(|c| quote(c))
            .collect::<Result<Vec<_>>>()?
            .join(", ")
    };
    let select = format!(
        "SELECT {} FROM {} ORDER BY {order_by} LIMIT {PAGE} OFFSET $1",
        columns.join(", "),
        quote(name)?
    );
    let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
    let insert = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        quote(name)?,
        columns.join(", "),
        placeholders.join(", ")
    );
    let types: Vec<ColumnType> = table.columns.iter().map(|c| c.ty.clone()).collect();
    let mut offset = 0_i64;
    loop {
        let rows = read_page(read, &select, &types, offset).await?;
        if rows.is_empty() {
            break;
        }
        for row in &rows {
            write_row(write, &insert, row).await?;
        }
        offset += i64::try_from(rows.len()).unwrap_or(PAGE);
    }
    Ok(u64::try_from(offset).unwrap_or(0))
}

async fn read_page(
    tx: &mut Tx,
    sql: &str,
    types: &[ColumnType],
    offset: i64,
) -> Result<Vec<Vec<Value>>> {
    each_tx!(tx, t => {
        let rows =
            sqlx::query(AssertSqlSafe(sql.to_owned())).bind(offset).fetch_all(&mut **t).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let mut values = Vec::with_capacity(types.len());
            for (i, ty) in types.iter().enumerate() {
                values.push(match ty {
                    ColumnType::Integer => Value::Int(row.try_get(i)?),
                    ColumnType::Boolean => Value::Bool(row.try_get(i)?),
                    ColumnType::Text => Value::Text(row.try_get(i)?),
                    ColumnType::Other(name) => {
                        return Err(StoreError::Corrupt { column: "schema", value: name.clone() });
                    }
                });
            }
            out.push(values);
        }
        Ok(out)
    })
}

async fn write_row(tx: &mut Tx, sql: &str, row: &[Value]) -> Result<()> {
    each_tx!(tx, t => {
        let mut query = sqlx::query(AssertSqlSafe(sql.to_owned()));
        for value in row {
            query = match value {
                Value::Int(v) => query.bind(*v),
                Value::Text(v) => query.bind(v.clone()),
                Value::Bool(v) => query.bind(*v),
            };
        }
        query.execute(&mut **t).await?;
    });
    Ok(())
}
