//! Red flags raised by diary entries ([`RedFlagStore`]): kept until the person marks each one as
//! dealt with, so the dashboard, the clinician's and carer's views, share links and the visit
//! summary keep showing an urgent or emergency warning sign after the page that raised it.
//!
//! One flag per patient, diary day and triage rule: raising it again (the entry saved again with
//! the same warning sign) refreshes it and opens it again if it had been dealt with. Every
//! statement names the patient, and every change commits its audit entry with it.

use sqlx::AssertSqlSafe;

use crate::db::{AuditAppend, RowExt, each_backend, opt_ts, ts};
use crate::error::{Result, StoreError};
use crate::model::{AuditEntry, Timestamp, UserId};
use crate::store::SqlStore;
use crate::tracker_model::RecordId;

/// A stored red flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedFlagRow {
    /// Record id.
    pub id: RecordId,
    /// The diary day whose entry raised it (`YYYY-MM-DD`).
    pub date: String,
    /// `emergency` or `urgent`.
    pub tier: String,
    /// The triage rule (a KB entry id).
    pub rule_id: String,
    /// The rule's title.
    pub title: String,
    /// What to do, as the triage rule says.
    pub action: String,
    /// When it was (last) raised.
    pub raised_at: Timestamp,
    /// When the person marked it as dealt with; `None` while open.
    pub resolved_at: Option<Timestamp>,
    /// Who marked it (account id).
    pub resolved_by: Option<String>,
}

/// Red-flag storage, implemented by the same store as [`crate::Store`] (a supertrait).
#[async_trait::async_trait]
pub trait RedFlagStore: Send + Sync {
    /// Raises (or raises again) the flag for `row.date` and `row.rule_id`; the stored row is
    /// returned (its id is the existing one when the flag was raised before).
    async fn raise_red_flag(
        &self,
        patient: &UserId,
        row: &RedFlagRow,
        audit: &AuditEntry,
    ) -> Result<RedFlagRow>;

    /// The patient's flags, newest day first; only open ones when `open_only`.
    async fn list_red_flags(&self, patient: &UserId, open_only: bool) -> Result<Vec<RedFlagRow>>;

    /// Marks an open flag of this patient as dealt with; `NotFound` for another patient's, a
    /// missing or an already resolved one.
    async fn resolve_red_flag(
        &self,
        patient: &UserId,
        id: &RecordId,
        by: &UserId,
        at: Timestamp,
        audit: &AuditEntry,
    ) -> Result<RedFlagRow>;
}

pub(crate) const COLUMNS: &str =
    "id, date, tier, rule_id, title, action, raised_at, resolved_at, resolved_by";

fn check(row: &RedFlagRow) -> Result<()> {
    let bad = |field: &'static str, problem: &str| Err(StoreError::invalid(field, problem));
    let d = row.date.as_bytes();
    let date_ok = d.len() == 10
        && d[4] == b'-'
        && d[7] == b'-'
        && d.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !date_ok {
        return bad("date", "expected YYYY-MM-DD");
    }
    if !matches!(row.tier.as_str(), "emergency" | "urgent") {
        return bad("tier", "expected emergency or urgent");
    }
    for (field, v, max) in [
        ("rule_id", &row.rule_id, 120),
        ("title", &row.title, 300),
        ("action", &row.action, 2000),
    ] {
        if v.trim().is_empty() || v.chars().count() > max {
            return bad(field, "empty or too long");
        }
    }
    Ok(())
}

pub(crate) fn from_row(row: &impl RowExt) -> Result<RedFlagRow> {
    Ok(RedFlagRow {
        id: RecordId(row.text("id")?),
        date: row.text("date")?,
        tier: row.text("tier")?,
        rule_id: row.text("rule_id")?,
        title: row.text("title")?,
        action: row.text("action")?,
        raised_at: ts(row, "raised_at")?,
        resolved_at: opt_ts(row, "resolved_at")?,
        resolved_by: row.opt_text("resolved_by")?,
    })
}

fn scoped(audit: &AuditEntry, patient: &UserId) -> Result<AuditEntry> {
    match &audit.patient_id {
        Some(p) if p != patient.as_str() => Err(StoreError::invalid(
            "audit.patient_id",
            "names a different patient than the records",
        )),
        _ => Ok(audit.clone().for_patient(patient.as_str())),
    }
}

#[async_trait::async_trait]
impl RedFlagStore for SqlStore {
    async fn raise_red_flag(
        &self,
        patient: &UserId,
        row: &RedFlagRow,
        audit: &AuditEntry,
    ) -> Result<RedFlagRow> {
        check(row)?;
        let audit = scoped(audit, patient)?;
        let sql = format!(
            "INSERT INTO red_flags (id, patient_id, date, tier, rule_id, title, action, raised_at, \
             resolved_at, resolved_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL) \
             ON CONFLICT (patient_id, date, rule_id) DO UPDATE SET tier = excluded.tier, \
             title = excluded.title, action = excluded.action, raised_at = excluded.raised_at, \
             resolved_at = NULL, resolved_by = NULL RETURNING {COLUMNS}"
        );
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let stored = sqlx::query(AssertSqlSafe(sql))
                .bind(row.id.as_str())
                .bind(patient.as_str())
                .bind(row.date.as_str())
                .bind(row.tier.as_str())
                .bind(row.rule_id.as_str())
                .bind(row.title.as_str())
                .bind(row.action.as_str())
                .bind(row.raised_at.as_millis())
                .fetch_one(&mut *tx)
                .await?;
            let stored = from_row(&stored)?;
            let mut audit = audit;
            audit.resource_id = Some(stored.id.as_str().to_owned());
            tx.append_audit(&audit).await?;
            tx.commit().await?;
            Ok(stored)
        })
    }

    async fn list_red_flags(&self, patient: &UserId, open_only: bool) -> Result<Vec<RedFlagRow>> {
        let open = if open_only {
            " AND resolved_at IS NULL"
        } else {
            ""
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM red_flags WHERE patient_id = $1{open} \
             ORDER BY date DESC, raised_at DESC, id"
        );
        each_backend!(self.db(), b => {
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(patient.as_str())
                .fetch_all(b.reader())
                .await?;
            rows.iter().map(from_row).collect()
        })
    }

    async fn resolve_red_flag(
        &self,
        patient: &UserId,
        id: &RecordId,
        by: &UserId,
        at: Timestamp,
        audit: &AuditEntry,
    ) -> Result<RedFlagRow> {
        let audit = scoped(audit, patient)?;
        let sql = format!(
            "UPDATE red_flags SET resolved_at = $3, resolved_by = $4 \
             WHERE patient_id = $1 AND id = $2 AND resolved_at IS NULL RETURNING {COLUMNS}"
        );
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let row = sqlx::query(AssertSqlSafe(sql))
                .bind(patient.as_str())
                .bind(id.as_str())
                .bind(at.as_millis())
                .bind(by.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            let Some(row) = row else {
                return Err(StoreError::NotFound { what: "red_flag" });
            };
            let row = from_row(&row)?;
            tx.append_audit(&audit).await?;
            tx.commit().await?;
            Ok(row)
        })
    }
}
