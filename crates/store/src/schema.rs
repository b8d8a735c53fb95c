//! A normalised description of the database schema, read back from a live database, so the
//! SQLite and PostgreSQL migration trees can be compared (`tests/schema.rs`) and `db copy` can
//! move every table without a hand-kept list.
//!
//! Normalisation: column types are reduced to [`ColumnType`] by the mapping in `STORE.md`;
//! primary-key columns count as NOT NULL (SQLite does not report it); constraint and automatic
//! index names are dropped (each engine invents its own); sqlx's `_sqlx_migrations` is ignored.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::db::Db;
use crate::error::Result;
use crate::location::Location;

/// The logical type of a column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColumnType {
    /// SQLite `INTEGER`, PostgreSQL `bigint`.
    Integer,
    /// `TEXT` on both.
    Text,
    /// SQLite `BOOLEAN`, PostgreSQL `boolean`.
    Boolean,
    /// Anything else, as the engine names it (never expected; makes the comparison fail).
    Other(String),
}

impl ColumnType {
    pub(crate) fn from_sqlite(declared: &str) -> Self {
        match declared.to_ascii_uppercase().as_str() {
            "INTEGER" => ColumnType::Integer,
            "TEXT" => ColumnType::Text,
            "BOOLEAN" => ColumnType::Boolean,
            other => ColumnType::Other(format!("sqlite {other}")),
        }
    }

    pub(crate) fn from_postgres(data_type: &str) -> Self {
        match data_type {
            "bigint" => ColumnType::Integer,
            "text" => ColumnType::Text,
            "boolean" => ColumnType::Boolean,
            other => ColumnType::Other(format!("postgres {other}")),
        }
    }
}

/// One column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Name.
    pub name: String,
    /// Logical type.
    pub ty: ColumnType,
    /// Whether NULL is refused.
    pub not_null: bool,
}

/// A foreign key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ForeignKey {
    /// Referencing columns, in order.
    pub columns: Vec<String>,
    /// Referenced table.
    pub references: String,
    /// Referenced columns, in order.
    pub referenced_columns: Vec<String>,
    /// `CASCADE`, `SET NULL`, `SET DEFAULT`, `RESTRICT` or `NO ACTION`.
    pub on_delete: String,
}

/// An index created by name in a migration (not one backing a key or unique constraint).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Index {
    /// Name (the same in both trees).
    pub name: String,
    /// Indexed columns, in order.
    pub columns: Vec<String>,
    /// Whether it is a unique index.
    pub unique: bool,
}

/// One table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Columns in declaration order.
    pub columns: Vec<Column>,
    /// Primary-key columns, in key order.
    pub primary_key: Vec<String>,
    /// Foreign keys.
    pub foreign_keys: BTreeSet<ForeignKey>,
    /// Column lists of UNIQUE constraints.
    pub unique: BTreeSet<Vec<String>>,
    /// Named indexes.
    pub indexes: BTreeSet<Index>,
}

/// Every table by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schema {
    /// Tables by name.
    pub tables: BTreeMap<String, Table>,
}

impl Schema {
    /// Table names ordered so each comes after every table it references (for inserts);
    /// ties broken by name. Self-references are ignored.
    #[must_use]
    pub fn dependency_order(&self) -> Vec<String> {
        let mut done: Vec<String> = Vec::new();
        let mut left: BTreeSet<&String> = self.tables.keys().collect();
        while !left.is_empty() {
            let ready: Vec<&String> = left
                .iter()
                .copied()
                .filter(|name| {
                    self.tables[*name].foreign_keys.iter().all(|fk| {
                        fk.references == **name
                            || done.contains(&fk.references)
                            || !self.tables.contains_key(&fk.references)
                    })
                })
                .collect();
            // A reference cycle cannot be ordered; take the rest by name rather than loop.
            let batch = if ready.is_empty() {
                left.iter().copied().collect()
            } else {
                ready
            };
            for name in batch {
                left.remove(name);
                done.push(name.clone());
            }
        }
        done
    }
}

impl fmt::Display for Schema {
    /// One line per fact, sorted, so two schemas can be diffed line by line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, t) in &self.tables {
            for (i, c) in t.columns.iter().enumerate() {
                let null = if c.not_null { "NOT NULL" } else { "NULL" };
                writeln!(f, "{name} column {i} {} {:?} {null}", c.name, c.ty)?;
            }
            writeln!(f, "{name} primary key ({})", t.primary_key.join(", "))?;
            for fk in &t.foreign_keys {
                writeln!(
                    f,
                    "{name} foreign key ({}) references {} ({}) on delete {}",
                    fk.columns.join(", "),
                    fk.references,
                    fk.referenced_columns.join(", "),
                    fk.on_delete
                )?;
            }
            for u in &t.unique {
                writeln!(f, "{name} unique ({})", u.join(", "))?;
            }
            for ix in &t.indexes {
                let kind = if ix.unique { "unique index" } else { "index" };
                writeln!(f, "{name} {kind} {} ({})", ix.name, ix.columns.join(", "))?;
            }
        }
        Ok(())
    }
}

/// Reads the normalised schema of the database at `location` (without migrating it).
///
/// # Errors
/// [`crate::StoreError::Location`] if it cannot be reached; [`crate::StoreError::Backend`] if
/// the catalogue queries fail.
pub async fn describe(location: &Location) -> Result<Schema> {
    let db = Db::connect(location, 1).await?;
    let schema = describe_db(&db).await;
    db.close().await;
    schema
}

pub(crate) async fn describe_db(db: &Db) -> Result<Schema> {
    match db {
        Db::Sqlite(b) => b.describe().await,
        Db::Postgres(b) => b.describe().await,
    }
}

/// Splits a comma-separated column list from a catalogue query.
pub(crate) fn split_columns(list: &str) -> Vec<String> {
    list.split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Marks primary-key columns NOT NULL (SQLite reports them nullable unless declared).
pub(crate) fn finish(mut schema: Schema) -> Schema {
    for table in schema.tables.values_mut() {
        for column in &mut table.columns {
            if table.primary_key.contains(&column.name) {
                column.not_null = true;
            }
        }
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fk_to(table: &str) -> ForeignKey {
        ForeignKey {
            columns: vec!["x".into()],
            references: table.into(),
            referenced_columns: vec!["id".into()],
            on_delete: "CASCADE".into(),
        }
    }

    #[test]
    fn orders_parents_before_children() {
        let mut s = Schema::default();
        let mut child = Table::default();
        child.foreign_keys.insert(fk_to("b_parent"));
        s.tables.insert("a_child".into(), child);
        s.tables.insert("b_parent".into(), Table::default());
        s.tables.insert("c_alone".into(), Table::default());
        assert_eq!(s.dependency_order(), ["b_parent", "c_alone", "a_child"]);
    }
}
