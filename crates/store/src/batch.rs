//! Reads and audit appends for many patients at once, so a page listing people (a clinician's
//! patient list) costs a fixed number of statements however many people it lists: one
//! `IN (…)` query per table instead of one per person.

use sqlx::AssertSqlSafe;

use crate::db::{AuditAppend, INSERT_AUDIT, RowExt, each_backend, next_event, ts, user_from};
use crate::error::Result;
use crate::model::{AuditEntry, AuditEvent, User, UserId};
use crate::red_flags::RedFlagRow;
use crate::store::{SqlStore, bind_audit};
use crate::tracker::{bounds, decode, push, spec};
use crate::tracker_model::{DateRange, PatientData, PatientProfile, RecordKind};

/// Ids per `IN (…)` list and audit rows per `INSERT` (well under both engines' limits on bound
/// parameters: 15 columns × 500 rows).
const CHUNK: usize = 500;

/// Batch reads and appends. Implemented by the same store as [`crate::Store`].
#[async_trait::async_trait]
pub trait BatchStore {
    /// The accounts with these ids that exist, in no particular order.
    async fn get_users(&self, ids: &[UserId]) -> Result<Vec<User>>;

    /// Each patient's records in `range` with their profile, as `load_patient` gives them, in
    /// one read snapshot; one entry per id asked for, in the same order (a patient without
    /// records gets empty lists). The caller audits each read first (see `append_audits`).
    async fn load_patients(&self, ids: &[UserId], range: &DateRange) -> Result<Vec<PatientData>>;

    /// Each patient's open red flags (newest day first), in the order of `ids`.
    async fn open_red_flags_of(&self, ids: &[UserId]) -> Result<Vec<Vec<RedFlagRow>>>;

    /// Appends the entries to the audit chain in order, in one transaction (all or none).
    async fn append_audits(&self, entries: &[AuditEntry]) -> Result<Vec<AuditEvent>>;
}

/// `$first, $first+1, …` for `n` bound values.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The position of `id` in `ids` (the first, if an id repeats).
fn index_of(ids: &[UserId], id: &str) -> Option<usize> {
    ids.iter().position(|p| p.as_str() == id)
}

#[async_trait::async_trait]
impl BatchStore for SqlStore {
    async fn get_users(&self, ids: &[UserId]) -> Result<Vec<User>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(CHUNK) {
            let sql = format!(
                "SELECT id, email, password_hash, role, display_name, created_at, disabled_at, \
                 language FROM users WHERE id IN ({})",
                placeholders(1, chunk.len())
            );
            each_backend!(self.db(), b => {
                let mut q = sqlx::query(AssertSqlSafe(sql));
                for id in chunk {
                    q = q.bind(id.as_str());
                }
                for row in q.fetch_all(b.reader()).await? {
                    out.push(user_from(&row, "")?);
                }
            });
        }
        Ok(out)
    }

    async fn load_patients(&self, ids: &[UserId], range: &DateRange) -> Result<Vec<PatientData>> {
        let (from, to) = bounds(range)?;
        let mut out: Vec<PatientData> = ids
            .iter()
            .map(|id| PatientData {
                patient_id: Some(id.clone()),
                ..PatientData::default()
            })
            .collect();
        for (n, chunk) in ids.chunks(CHUNK).enumerate() {
            let at = |id: &str| index_of(chunk, id).map(|i| i + n * CHUNK);
            each_backend!(self.db(), b => {
                let mut tx = b.begin_read().await?;
                let sql = format!(
                    "SELECT patient_id, time_zone, birth_date, sex, updated_at \
                     FROM patient_profiles WHERE patient_id IN ({})",
                    placeholders(1, chunk.len())
                );
                let mut q = sqlx::query(AssertSqlSafe(sql));
                for id in chunk {
                    q = q.bind(id.as_str());
                }
                for row in q.fetch_all(&mut *tx).await? {
                    if let Some(i) = at(&row.text("patient_id")?) {
                        out[i].profile = Some(PatientProfile {
                            time_zone: row.text("time_zone")?,
                            birth_date: row.opt_text("birth_date")?,
                            sex: row.opt_text("sex")?,
                            updated_at: ts(&row, "updated_at")?,
                        });
                    }
                }
                for kind in RecordKind::ALL {
                    // `$2`/`$3` are the range's ends; the ids are `$1` and `$4` on.
                    let sql = spec(kind).batch_list_sql(chunk.len());
                    let mut q = sqlx::query(AssertSqlSafe(sql))
                        .bind(chunk[0].as_str())
                        .bind(from.as_str())
                        .bind(to.as_str());
                    for id in &chunk[1..] {
                        q = q.bind(id.as_str());
                    }
                    for row in q.fetch_all(&mut *tx).await? {
                        if let Some(i) = at(&row.text("patient_id")?) {
                            push(&mut out[i], decode(kind, &row)?);
                        }
                    }
                }
                tx.rollback().await?;
            });
        }
        Ok(out)
    }

    async fn open_red_flags_of(&self, ids: &[UserId]) -> Result<Vec<Vec<RedFlagRow>>> {
        let mut out = vec![Vec::new(); ids.len()];
        for (n, chunk) in ids.chunks(CHUNK).enumerate() {
            let sql = format!(
                "SELECT patient_id, {} FROM red_flags WHERE resolved_at IS NULL \
                 AND patient_id IN ({}) ORDER BY date DESC, raised_at DESC, id",
                crate::red_flags::COLUMNS,
                placeholders(1, chunk.len())
            );
            each_backend!(self.db(), b => {
                let mut q = sqlx::query(AssertSqlSafe(sql));
                for id in chunk {
                    q = q.bind(id.as_str());
                }
                for row in q.fetch_all(b.reader()).await? {
                    if let Some(i) = index_of(chunk, &row.text("patient_id")?) {
                        out[i + n * CHUNK].push(crate::red_flags::from_row(&row)?);
                    }
                }
            });
        }
        Ok(out)
    }

    async fn append_audits(&self, entries: &[AuditEntry]) -> Result<Vec<AuditEvent>> {
        let Some((first, rest)) = entries.split_first() else {
            return Ok(Vec::new());
        };
        // The single append takes the backend's chain lock and reads the chain's end; the rest
        // follow it in multi-row inserts inside the same transaction.
        let head = INSERT_AUDIT.split(" VALUES").next().unwrap_or(INSERT_AUDIT);
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let mut events = vec![tx.append_audit(first).await?];
            for chunk in rest.chunks(CHUNK) {
                let mut rows = Vec::with_capacity(chunk.len());
                let mut q_events = Vec::with_capacity(chunk.len());
                for entry in chunk {
                    let prev = events
                        .last()
                        .map(|e: &AuditEvent| (e.seq, e.hash.clone()));
                    let event = next_event(prev, entry);
                    rows.push(format!("({})", placeholders(rows.len() * 15 + 1, 15)));
                    q_events.push(event.clone());
                    events.push(event);
                }
                let sql = format!("{head} VALUES {}", rows.join(", "));
                let mut q = sqlx::query(AssertSqlSafe(sql));
                for event in &q_events {
                    q = bind_audit(q, event);
                }
                q.execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(events)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholders_number_from_the_first() {
        assert_eq!(placeholders(4, 3), "$4, $5, $6");
        assert_eq!(placeholders(1, 1), "$1");
    }
}
