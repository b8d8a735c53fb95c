//! [`TrackerStore`] for [`SqlStore`]: records through the generic table path, the profile,
//! share links and clinician grants, on both backends.

use sqlx::AssertSqlSafe;

use super::TrackerStore;
use super::kinds::*;
use super::tables::*;
use super::values::*;
use crate::circle::{GRANT_COLUMNS, grant_from};
use crate::db::{AuditAppend, RowExt, each_backend, opt_ts, ts};
use crate::error::{Result, StoreError};
use crate::model::{AuditEntry, Timestamp, UserId};
use crate::store::SqlStore;
use crate::tracker_model::{
    ClinicianGrant, DateRange, DiaryRow, NewShareLink, PatientData, PatientProfile, Record,
    RecordId, RecordKind, ShareLink,
};

// ---- share links and grants ---------------------------------------------------------------------

const LINK_COLUMNS: &str = "id, patient_id, token_hash, sections, label, created_at, expires_at, \
                            revoked_at, access_count, last_access_at";

fn link_from(row: &impl RowExt) -> Result<ShareLink> {
    Ok(ShareLink {
        id: rid(row, "id")?,
        patient_id: UserId(row.text("patient_id")?),
        token_hash: row.text("token_hash")?,
        sections: row
            .text("sections")?
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        label: row.opt_text("label")?,
        created_at: ts(row, "created_at")?,
        expires_at: ts(row, "expires_at")?,
        revoked_at: opt_ts(row, "revoked_at")?,
        access_count: row.int("access_count")?,
        last_access_at: opt_ts(row, "last_access_at")?,
    })
}

fn check_sections(sections: &[String]) -> Result<String> {
    let ok = !sections.is_empty()
        && sections.len() <= 20
        && sections.iter().all(|s| {
            !s.is_empty()
                && s.len() <= 40
                && s.bytes()
                    .all(|c| c.is_ascii_lowercase() || c == b'_' || c == b'-')
        });
    if ok {
        Ok(sections.join(","))
    } else {
        Err(StoreError::invalid(
            "sections",
            "expected 1 to 20 section ids such as symptoms, labs",
        ))
    }
}

const PROFILE_SQL: &str = "INSERT INTO patient_profiles (patient_id, time_zone, birth_date, sex, \
     updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (patient_id) DO UPDATE SET \
     time_zone = excluded.time_zone, birth_date = excluded.birth_date, sex = excluded.sex, \
     updated_at = excluded.updated_at";
const GET_PROFILE: &str = "SELECT time_zone, birth_date, sex, updated_at FROM patient_profiles \
                           WHERE patient_id = $1";

fn profile_from(row: &impl RowExt) -> Result<PatientProfile> {
    Ok(PatientProfile {
        time_zone: row.text("time_zone")?,
        birth_date: row.opt_text("birth_date")?,
        sex: row.opt_text("sex")?,
        updated_at: ts(row, "updated_at")?,
    })
}

/// Tables `delete_patient_data` empties, children first (dose events before medicines).
const PATIENT_TABLES: &[&str] = &[
    "record_versions",
    "red_flags",
    "dose_events",
    "diary_entries",
    "home_tests",
    "assessments",
    "lab_results",
    "conditions",
    "antibody_results",
    "medicines",
    "visits",
    "monitoring_tests",
    "share_links",
    "clinician_grants",
    "grant_invitations",
    "calendar_feeds",
    "reminder_outbox",
    "reminder_prefs",
    "patient_profiles",
];

/// A dose event's medicine that is not the patient's fails the composite foreign key.
pub(crate) fn missing_medicine(kind: RecordKind) -> impl Fn(StoreError) -> StoreError {
    move |e| match (kind, e) {
        (RecordKind::DoseEvent, StoreError::MissingReference) => {
            StoreError::NotFound { what: "medicine" }
        }
        (_, e) => e,
    }
}

pub(crate) fn not_found(kind: RecordKind) -> StoreError {
    StoreError::NotFound { what: kind.table() }
}

#[async_trait::async_trait]
impl TrackerStore for SqlStore {
    async fn put_profile(
        &self,
        patient: &UserId,
        profile: &PatientProfile,
        audit: &AuditEntry,
    ) -> Result<PatientProfile> {
        check_text("time_zone", &profile.time_zone, 64)?;
        check_opt_date("birth_date", profile.birth_date.as_ref())?;
        check_opt_text("sex", profile.sex.as_ref(), 20)?;
        let audit = scoped(audit, patient)?;
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            sqlx::query(PROFILE_SQL)
                .bind(patient.as_str())
                .bind(profile.time_zone.as_str())
                .bind(profile.birth_date.clone())
                .bind(profile.sex.clone())
                .bind(profile.updated_at.as_millis())
                .execute(&mut *tx)
                .await?;
            tx.append_audit(&audit).await?;
            tx.commit().await?;
        });
        Ok(profile.clone())
    }

    async fn get_profile(&self, patient: &UserId) -> Result<Option<PatientProfile>> {
        each_backend!(self.db(), b => {
            let row = sqlx::query(GET_PROFILE)
                .bind(patient.as_str())
                .fetch_optional(b.reader())
                .await?;
            row.map(|r| profile_from(&r)).transpose()
        })
    }

    async fn create_record(
        &self,
        patient: &UserId,
        record: &Record,
        audit: &AuditEntry,
    ) -> Result<Record> {
        let sql = spec(record.kind()).insert_sql();
        self.write_record(sql, patient, record, audit).await
    }

    async fn update_record(
        &self,
        patient: &UserId,
        record: &Record,
        audit: &AuditEntry,
    ) -> Result<Record> {
        let sql = spec(record.kind()).update_sql();
        self.write_record(sql, patient, record, audit).await
    }

    async fn get_record(
        &self,
        patient: &UserId,
        kind: RecordKind,
        id: &RecordId,
    ) -> Result<Option<Record>> {
        let sql = spec(kind).get_sql();
        each_backend!(self.db(), b => {
            let row = sqlx::query(AssertSqlSafe(sql))
                .bind(patient.as_str())
                .bind(id.as_str())
                .fetch_optional(b.reader())
                .await?;
            row.map(|r| decode(kind, &r)).transpose()
        })
    }

    async fn delete_record(
        &self,
        patient: &UserId,
        kind: RecordKind,
        id: &RecordId,
        audit: &AuditEntry,
    ) -> Result<()> {
        let audit = scoped(audit, patient)?;
        let sql = spec(kind).delete_sql();
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let done = sqlx::query(AssertSqlSafe(sql))
                .bind(patient.as_str())
                .bind(id.as_str())
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(not_found(kind));
            }
            tx.append_audit(&audit).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    async fn list_records(
        &self,
        patient: &UserId,
        kind: RecordKind,
        range: &DateRange,
    ) -> Result<Vec<Record>> {
        let (from, to) = bounds(range)?;
        let sql = spec(kind).list_sql();
        each_backend!(self.db(), b => {
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(patient.as_str())
                .bind(from)
                .bind(to)
                .fetch_all(b.reader())
                .await?;
            rows.iter().map(|r| decode(kind, r)).collect()
        })
    }

    async fn get_diary_day(&self, patient: &UserId, date: &str) -> Result<Option<DiaryRow>> {
        check_date("date", date)?;
        let spec = spec(RecordKind::Diary);
        let sql = format!(
            "SELECT {} FROM diary_entries WHERE patient_id = $1 AND date = $2",
            spec.select()
        );
        each_backend!(self.db(), b => {
            let row = sqlx::query(AssertSqlSafe(sql))
                .bind(patient.as_str())
                .bind(date)
                .fetch_optional(b.reader())
                .await?;
            match row.map(|r| decode(RecordKind::Diary, &r)).transpose()? {
                Some(Record::Diary(day)) => Ok(Some(day)),
                _ => Ok(None),
            }
        })
    }

    async fn load_patient(&self, patient: &UserId, range: &DateRange) -> Result<PatientData> {
        self.read_patient(patient, range, false).await
    }

    async fn export_patient(&self, patient: &UserId) -> Result<PatientData> {
        self.read_patient(patient, &DateRange::all(), true).await
    }

    async fn delete_patient_data(&self, patient: &UserId, audit: &AuditEntry) -> Result<u64> {
        let audit = scoped(audit, patient)?;
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let mut removed = 0;
            for table in PATIENT_TABLES {
                let sql = format!("DELETE FROM {table} WHERE patient_id = $1");
                let done = sqlx::query(AssertSqlSafe(sql))
                    .bind(patient.as_str())
                    .execute(&mut *tx)
                    .await?;
                removed += done.rows_affected();
            }
            tx.append_audit(&audit).await?;
            tx.commit().await?;
            Ok(removed)
        })
    }

    async fn create_share_link(
        &self,
        link: &NewShareLink,
        audit: &AuditEntry,
    ) -> Result<ShareLink> {
        let sections = check_sections(&link.sections)?;
        check_opt_text("label", link.label.as_ref(), 100)?;
        if link.expires_at <= link.created_at {
            return Err(StoreError::invalid(
                "expires_at",
                "must be after created_at",
            ));
        }
        let audit = scoped(audit, &link.patient_id)?;
        const SQL: &str = "INSERT INTO share_links (id, patient_id, token_hash, sections, label, \
             created_at, expires_at, revoked_at, access_count, last_access_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, 0, NULL)";
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            sqlx::query(SQL)
                .bind(link.id.as_str())
                .bind(link.patient_id.as_str())
                .bind(link.token_hash.as_str())
                .bind(sections.as_str())
                .bind(link.label.clone())
                .bind(link.created_at.as_millis())
                .bind(link.expires_at.as_millis())
                .execute(&mut *tx)
                .await?;
            tx.append_audit(&audit).await?;
            tx.commit().await?;
        });
        Ok(ShareLink {
            id: link.id.clone(),
            patient_id: link.patient_id.clone(),
            token_hash: link.token_hash.clone(),
            sections: link.sections.clone(),
            label: link.label.clone(),
            created_at: link.created_at,
            expires_at: link.expires_at,
            revoked_at: None,
            access_count: 0,
            last_access_at: None,
        })
    }

    async fn list_share_links(&self, patient: &UserId) -> Result<Vec<ShareLink>> {
        let sql = format!(
            "SELECT {LINK_COLUMNS} FROM share_links WHERE patient_id = $1 \
             ORDER BY created_at DESC, id"
        );
        each_backend!(self.db(), b => {
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(patient.as_str())
                .fetch_all(b.reader())
                .await?;
            rows.iter().map(link_from).collect()
        })
    }

    async fn find_share_link_by_hash(&self, token_hash: &str) -> Result<Option<ShareLink>> {
        let sql = format!("SELECT {LINK_COLUMNS} FROM share_links WHERE token_hash = $1");
        each_backend!(self.db(), b => {
            let row = sqlx::query(AssertSqlSafe(sql))
                .bind(token_hash)
                .fetch_optional(b.reader())
                .await?;
            row.map(|r| link_from(&r)).transpose()
        })
    }

    async fn use_share_link(
        &self,
        token_hash: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<Option<ShareLink>> {
        // The activity test sits in the UPDATE itself, so a revocation committed a moment
        // earlier can never be missed between a read and the count. A link ends with its
        // owner's account: a deleted account takes its links with it (ON DELETE CASCADE), and
        // disabling revokes them; the owner test here also covers an account disabled by any
        // other path.
        let sql = format!(
            "UPDATE share_links SET access_count = access_count + 1, last_access_at = $2 \
             WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 \
             AND patient_id IN (SELECT id FROM users WHERE disabled_at IS NULL) \
             RETURNING {LINK_COLUMNS}"
        );
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let row = sqlx::query(AssertSqlSafe(sql))
                .bind(token_hash)
                .bind(now.as_millis())
                .fetch_optional(&mut *tx)
                .await?;
            let Some(row) = row else {
                tx.rollback().await?;
                return Ok(None);
            };
            let link = link_from(&row)?;
            let mut entry = audit.clone().for_patient(link.patient_id.as_str());
            if entry.resource_id.is_none() {
                entry.resource_id = Some(link.id.0.clone());
            }
            tx.append_audit(&entry).await?;
            tx.commit().await?;
            Ok(Some(link))
        })
    }

    async fn revoke_share_link(
        &self,
        patient: &UserId,
        id: &RecordId,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()> {
        const SQL: &str = "UPDATE share_links SET revoked_at = $3 \
                           WHERE patient_id = $1 AND id = $2 AND revoked_at IS NULL";
        self.revoke(SQL, patient, id.as_str(), now, audit, "share_link")
            .await
    }

    async fn grant_clinician(
        &self,
        patient: &UserId,
        clinician: &UserId,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<ClinicianGrant> {
        const ROLE: &str = "SELECT role FROM users WHERE id = $1";
        let sql = format!(
            "INSERT INTO clinician_grants (id, patient_id, clinician_id, granted_at, revoked_at) \
             VALUES ($1, $2, $3, $4, NULL) ON CONFLICT (patient_id, clinician_id) DO UPDATE \
             SET granted_at = excluded.granted_at, revoked_at = NULL, relation = 'clinician', \
             can_write = excluded.can_write RETURNING {GRANT_COLUMNS}"
        );
        if patient == clinician {
            return Err(StoreError::invalid("clinician_id", "is the patient"));
        }
        let audit = scoped(audit, patient)?;
        let id = RecordId::random();
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let role = sqlx::query(ROLE)
                .bind(clinician.as_str())
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.text("role"))
                .transpose()?;
            if role.as_deref() != Some("clinician") {
                return Err(StoreError::invalid("clinician_id", "is not a clinician account"));
            }
            let row = sqlx::query(AssertSqlSafe(sql))
                .bind(id.as_str())
                .bind(patient.as_str())
                .bind(clinician.as_str())
                .bind(now.as_millis())
                .fetch_one(&mut *tx)
                .await?;
            let grant = grant_from(&row)?;
            tx.append_audit(&audit).await?;
            tx.commit().await?;
            Ok(grant)
        })
    }

    async fn revoke_clinician_grant(
        &self,
        patient: &UserId,
        clinician: &UserId,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()> {
        const SQL: &str = "UPDATE clinician_grants SET revoked_at = $3 \
                           WHERE patient_id = $1 AND clinician_id = $2 AND revoked_at IS NULL";
        self.revoke(
            SQL,
            patient,
            clinician.as_str(),
            now,
            audit,
            "clinician_grant",
        )
        .await
    }

    async fn list_grants(&self, patient: &UserId) -> Result<Vec<ClinicianGrant>> {
        let sql = format!(
            "SELECT {GRANT_COLUMNS} FROM clinician_grants WHERE patient_id = $1 \
             ORDER BY granted_at DESC, id"
        );
        each_backend!(self.db(), b => {
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(patient.as_str())
                .fetch_all(b.reader())
                .await?;
            rows.iter().map(grant_from).collect()
        })
    }

    async fn list_clinician_patients(&self, clinician: &UserId) -> Result<Vec<ClinicianGrant>> {
        let sql = format!(
            "SELECT {GRANT_COLUMNS} FROM clinician_grants \
             WHERE clinician_id = $1 AND revoked_at IS NULL ORDER BY granted_at DESC, id"
        );
        each_backend!(self.db(), b => {
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(clinician.as_str())
                .fetch_all(b.reader())
                .await?;
            rows.iter().map(grant_from).collect()
        })
    }

    async fn clinician_has_grant(&self, patient: &UserId, clinician: &UserId) -> Result<bool> {
        const SQL: &str = "SELECT COUNT(*) AS n FROM clinician_grants \
                           WHERE patient_id = $1 AND clinician_id = $2 AND revoked_at IS NULL";
        each_backend!(self.db(), b => {
            let row = sqlx::query(SQL)
                .bind(patient.as_str())
                .bind(clinician.as_str())
                .fetch_one(b.reader())
                .await?;
            Ok(row.int("n")? > 0)
        })
    }
}

impl SqlStore {
    /// Writes one record with `sql` (its kind's insert or update, binding patient, id, then
    /// the declared columns) and its audit entry in one transaction, and reads it back as
    /// stored. No row back (an update of a missing or another patient's id) is `NotFound`.
    async fn write_record(
        &self,
        sql: String,
        patient: &UserId,
        record: &Record,
        audit: &AuditEntry,
    ) -> Result<Record> {
        let kind = record.kind();
        let vals = values(record)?;
        let audit = scoped(audit, patient)?;
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let query = sqlx::query(AssertSqlSafe(sql))
                .bind(patient.as_str())
                .bind(record.id().as_str());
            let row = bind_vals(query, vals)
                .fetch_optional(&mut *tx)
                .await
                .map_err(|e| missing_medicine(kind)(e.into()))?
                .ok_or_else(|| not_found(kind))?;
            let stored = decode(kind, &row)?;
            tx.append_audit(&audit).await?;
            tx.commit().await?;
            Ok(stored)
        })
    }

    /// Revokes one live row the patient owns (`sql` binds patient, key, now), with its audit
    /// entry in the same transaction. A missing, foreign or already revoked row is
    /// `NotFound { what }`, so another patient's id reveals nothing.
    async fn revoke(
        &self,
        sql: &'static str,
        patient: &UserId,
        key: &str,
        now: Timestamp,
        audit: &AuditEntry,
        what: &'static str,
    ) -> Result<()> {
        let audit = scoped(audit, patient)?;
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let done = sqlx::query(sql)
                .bind(patient.as_str())
                .bind(key)
                .bind(now.as_millis())
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound { what });
            }
            tx.append_audit(&audit).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// One read snapshot, one query per record kind (plus profile, and links and grants when
    /// exporting).
    async fn read_patient(
        &self,
        patient: &UserId,
        range: &DateRange,
        everything: bool,
    ) -> Result<PatientData> {
        let (from, to) = bounds(range)?;
        let mut data = PatientData {
            patient_id: Some(patient.clone()),
            ..PatientData::default()
        };
        each_backend!(self.db(), b => {
            let mut tx = b.begin_read().await?;
            let profile = sqlx::query(GET_PROFILE)
                .bind(patient.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            data.profile = profile.map(|r| profile_from(&r)).transpose()?;
            for kind in RecordKind::ALL {
                let rows = sqlx::query(AssertSqlSafe(spec(kind).list_sql()))
                    .bind(patient.as_str())
                    .bind(from.as_str())
                    .bind(to.as_str())
                    .fetch_all(&mut *tx)
                    .await?;
                for row in &rows {
                    push(&mut data, decode(kind, row)?);
                }
            }
            if everything {
                let sql = format!(
                    "SELECT {LINK_COLUMNS} FROM share_links WHERE patient_id = $1 \
                     ORDER BY created_at DESC, id"
                );
                let rows = sqlx::query(AssertSqlSafe(sql))
                    .bind(patient.as_str())
                    .fetch_all(&mut *tx)
                    .await?;
                data.share_links = rows.iter().map(link_from).collect::<Result<_>>()?;
                let sql = format!(
                    "SELECT {GRANT_COLUMNS} FROM clinician_grants WHERE patient_id = $1 \
                     ORDER BY granted_at DESC, id"
                );
                let rows = sqlx::query(AssertSqlSafe(sql))
                    .bind(patient.as_str())
                    .fetch_all(&mut *tx)
                    .await?;
                data.grants = rows.iter().map(grant_from).collect::<Result<_>>()?;
            }
            tx.rollback().await?;
        });
        Ok(data)
    }
}
