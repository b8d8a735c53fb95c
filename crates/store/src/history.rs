//! Editing tracker records with their history ([`HistoryStore`]).
//!
//! An edit names the version it was made from. In one write transaction the store reads the
//! record (this patient's only), checks that its current version is the one named, keeps the
//! current columns as a new `record_versions` row, replaces the record and commits the audit
//! entry. A stale version is [`StoreError::Changed`] and nothing is written; two edits of the
//! same version racing each other collide on the `record_versions` key, and the loser is
//! `Changed` too, so an edit never silently overwrites another.

use sqlx::AssertSqlSafe;

use crate::db::{AuditAppend, RowExt, each_backend, ts};
use crate::error::{Result, StoreError};
use crate::model::{AuditEntry, Timestamp, UserId};
use crate::store::SqlStore;
use crate::tracker::{Val, bind_vals, decode, missing_medicine, not_found, scoped, spec, values};
use crate::tracker_model::{EditState, Record, RecordId, RecordKind, RecordVersion};

/// Record editing and history, implemented by the same store as [`crate::Store`] (a supertrait).
#[async_trait::async_trait]
pub trait HistoryStore: Send + Sync {
    /// Replaces this patient's record `record.id()` with `record`, keeping the current one as
    /// version `expected`. `NotFound` if it is not this patient's; [`StoreError::Changed`] if
    /// its current version is not `expected` (nothing saved). Returns the stored record and its
    /// new version.
    async fn edit_record(
        &self,
        patient: &UserId,
        record: &Record,
        expected: i64,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<(Record, i64)>;

    /// The earlier versions of this patient's record, oldest first (empty if never edited or
    /// not theirs).
    async fn record_history(
        &self,
        patient: &UserId,
        kind: RecordKind,
        id: &RecordId,
    ) -> Result<Vec<RecordVersion>>;

    /// Every edited record of the patient's with its edit state (one query), for lists that
    /// say "edited on …". Records never edited are left out (their version is 1).
    async fn edited_records(
        &self,
        patient: &UserId,
    ) -> Result<Vec<(RecordKind, RecordId, EditState)>>;
}

/// A record's stored columns as `(column, text)` pairs in the kind's column order: what a
/// version keeps and what the pages compare.
///
/// # Errors
/// [`StoreError::Invalid`] when the record's shape is not storable.
pub fn record_fields(record: &Record) -> Result<Vec<(String, Option<String>)>> {
    let cols = spec(record.kind()).cols;
    Ok(cols
        .iter()
        .zip(values(record)?)
        .map(|(c, v)| {
            let text = match v {
                Val::Text(t) => t,
                Val::Int(i) => i.map(|i| i.to_string()),
                Val::Bool(b) => b.map(|b| b.to_string()),
            };
            ((*c).to_owned(), text)
        })
        .collect())
}

fn kind_id(kind: RecordKind) -> &'static str {
    kind.table()
}

fn kind_of(table: &str) -> Option<RecordKind> {
    RecordKind::ALL.into_iter().find(|k| k.table() == table)
}

fn version_from(row: &impl RowExt) -> Result<RecordVersion> {
    let json = row.text("values_json")?;
    let values: Vec<(String, Option<String>)> = serde_json::from_str(&json)
        .map_err(|_| StoreError::corrupt("record_versions.values_json", &json))?;
    Ok(RecordVersion {
        version: row.int("version")?,
        values,
        replaced_at: ts(row, "replaced_at")?,
    })
}

const NEXT_VERSION: &str = "SELECT COALESCE(MAX(version), 0) + 1 AS version FROM record_versions \
                            WHERE patient_id = $1 AND record_kind = $2 AND record_id = $3";

/// A key collision on `record_versions` means another edit of the same version won.
fn lost_race(kind: RecordKind) -> impl Fn(StoreError) -> StoreError {
    move |e| match e {
        StoreError::Conflict { .. } => StoreError::Changed { what: kind.table() },
        e => e,
    }
}

#[async_trait::async_trait]
impl HistoryStore for SqlStore {
    async fn edit_record(
        &self,
        patient: &UserId,
        record: &Record,
        expected: i64,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<(Record, i64)> {
        let kind = record.kind();
        let vals = values(record)?;
        let audit = scoped(audit, patient)?;
        let spec = spec(kind);
        let (get, update) = (spec.get_sql(), spec.update_sql());
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let current = sqlx::query(AssertSqlSafe(get))
                .bind(patient.as_str())
                .bind(record.id().as_str())
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| not_found(kind))?;
            let current = decode(kind, &current)?;
            let version = sqlx::query(NEXT_VERSION)
                .bind(patient.as_str())
                .bind(kind_id(kind))
                .bind(record.id().as_str())
                .fetch_one(&mut *tx)
                .await?
                .int("version")?;
            if version != expected {
                return Err(StoreError::Changed { what: kind.table() });
            }
            let kept = serde_json::to_string(&record_fields(&current)?)
                .map_err(|e| StoreError::invalid("values_json", &e.to_string()))?;
            sqlx::query(
                "INSERT INTO record_versions (patient_id, record_kind, record_id, version, \
                 values_json, replaced_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(patient.as_str())
            .bind(kind_id(kind))
            .bind(record.id().as_str())
            .bind(version)
            .bind(kept)
            .bind(now.as_millis())
            .execute(&mut *tx)
            .await
            .map_err(|e| lost_race(kind)(e.into()))?;
            let query = sqlx::query(AssertSqlSafe(update))
                .bind(patient.as_str())
                .bind(record.id().as_str());
            let row = bind_vals(query, vals)
                .fetch_optional(&mut *tx)
                .await
                .map_err(|e| missing_medicine(kind)(e.into()))?
                .ok_or_else(|| not_found(kind))?;
            let stored = decode(kind, &row)?;
            tx.append_audit(&audit).await?;
            tx.commit().await.map_err(|e| lost_race(kind)(e.into()))?;
            Ok((stored, version + 1))
        })
    }

    async fn record_history(
        &self,
        patient: &UserId,
        kind: RecordKind,
        id: &RecordId,
    ) -> Result<Vec<RecordVersion>> {
        each_backend!(self.db(), b => {
            let rows = sqlx::query(
                "SELECT version, values_json, replaced_at FROM record_versions \
                 WHERE patient_id = $1 AND record_kind = $2 AND record_id = $3 ORDER BY version",
            )
            .bind(patient.as_str())
            .bind(kind_id(kind))
            .bind(id.as_str())
            .fetch_all(b.reader())
            .await?;
            rows.iter().map(version_from).collect()
        })
    }

    async fn edited_records(
        &self,
        patient: &UserId,
    ) -> Result<Vec<(RecordKind, RecordId, EditState)>> {
        each_backend!(self.db(), b => {
            let rows = sqlx::query(
                "SELECT record_kind, record_id, MAX(version) AS version, \
                 MAX(replaced_at) AS replaced_at FROM record_versions WHERE patient_id = $1 \
                 GROUP BY record_kind, record_id ORDER BY record_kind, record_id",
            )
            .bind(patient.as_str())
            .fetch_all(b.reader())
            .await?;
            rows.iter()
                .filter_map(|r| {
                    let kind = r.text("record_kind").ok().and_then(|k| kind_of(&k))?;
                    Some((|| {
                        Ok((
                            kind,
                            RecordId(r.text("record_id")?),
                            EditState {
                                version: r.int("version")? + 1,
                                edited_at: Some(ts(r, "replaced_at")?),
                            },
                        ))
                    })())
                })
                .collect()
        })
    }
}
