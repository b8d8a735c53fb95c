//! The care tracker's storage ([`TrackerStore`]) for both backends.
//!
//! Every statement that touches a record names the patient (`WHERE patient_id = $1 AND id = $2`),
//! so a record id from one patient never reaches another patient's row: a guessed id reads as
//! `None` and changes as [`StoreError::NotFound`], exactly like an id that does not exist.
//! The ten record tables share one generic path (each kind's declaration in [`kinds`]) so each kind's SQL is built from
//! the same fixed fragments and the access rule cannot be forgotten for one of them.

//!
//! By concern: [`kinds`] (every record kind declared once: table, columns, checks, export),
//! [`values`] (bound values, column encodings and shape checks), [`tables`] (the macro that
//! derives each kind's SQL and row codec from its declaration), [`sql`] (the SQL implementation of the trait: records, profile, share
//! links and grants).

mod kinds;
mod sql;
mod tables;
#[cfg(test)]
mod tests;
mod values;

pub use kinds::export_cells;
pub(crate) use kinds::{decode, push, spec, values};
pub(crate) use sql::{missing_medicine, not_found};
pub(crate) use tables::{bounds, scoped};
pub use tables::{export_columns, record_columns};
pub(crate) use values::{Val, bind_vals};

use crate::error::Result;
use crate::model::{AuditEntry, Timestamp, UserId};
use crate::tracker_model::{
    ClinicianGrant, DateRange, DiaryRow, NewShareLink, PatientData, PatientProfile, Record,
    RecordId, RecordKind, ShareLink,
};

/// Care-tracker storage: per-patient records, share links, clinician grants, export and delete.
/// Implemented by the same store as [`crate::Store`] (a supertrait), so `Arc<dyn Store>` has it.
///
/// Access rules: every method that reads or changes records takes the patient id and matches it
/// in SQL; another patient's id behaves as a missing one (`None` / `NotFound`). Every write takes
/// the [`AuditEntry`] and commits it with the change; its `patient_id` is set to the patient by
/// the store (a different one is [`StoreError::Invalid`] `audit.patient_id`). Reads are audited
/// by the caller with `append_audit`. The store checks shape only (dates `YYYY-MM-DD`, finite
/// numbers, decimal text, JSON text, lengths); clinical validation is the tracker domain's.
#[async_trait::async_trait]
pub trait TrackerStore: Send + Sync {
    // ---- profile -------------------------------------------------------------------------------

    /// Saves the patient's tracker settings (insert or replace).
    async fn put_profile(
        &self,
        patient: &UserId,
        profile: &PatientProfile,
        audit: &AuditEntry,
    ) -> Result<PatientProfile>;

    /// The patient's tracker settings, if saved.
    async fn get_profile(&self, patient: &UserId) -> Result<Option<PatientProfile>>;

    // ---- records (any kind) ------------------------------------------------------------------

    /// Stores a new record and returns it as stored. A diary row for a day that already has
    /// one updates that day (upsert; the existing id is kept and returned). A dose event for the
    /// same medicine, date and time replaces the earlier one. A dose event naming a medicine that
    /// is not this patient's is `NotFound { what: "medicine" }`.
    async fn create_record(
        &self,
        patient: &UserId,
        record: &Record,
        audit: &AuditEntry,
    ) -> Result<Record>;

    /// Replaces the record with `record.id()` if it is this patient's; else `NotFound`.
    async fn update_record(
        &self,
        patient: &UserId,
        record: &Record,
        audit: &AuditEntry,
    ) -> Result<Record>;

    /// The record of this kind and id if it is this patient's.
    async fn get_record(
        &self,
        patient: &UserId,
        kind: RecordKind,
        id: &RecordId,
    ) -> Result<Option<Record>>;

    /// Deletes the record if it is this patient's (a medicine takes its dose events with it);
    /// else `NotFound`.
    async fn delete_record(
        &self,
        patient: &UserId,
        kind: RecordKind,
        id: &RecordId,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// This patient's records of one kind in `range`, ordered by date then id (one query).
    /// Medicines match when their start–end period overlaps the range; conditions when their
    /// diagnosed–resolved period does (undated ones always).
    async fn list_records(
        &self,
        patient: &UserId,
        kind: RecordKind,
        range: &DateRange,
    ) -> Result<Vec<Record>>;

    /// The diary row of one day.
    async fn get_diary_day(&self, patient: &UserId, date: &str) -> Result<Option<DiaryRow>>;

    /// Everything the dashboard needs for `range`, in one read snapshot with one query per
    /// record kind (share links and grants are left empty).
    async fn load_patient(&self, patient: &UserId, range: &DateRange) -> Result<PatientData>;

    /// Everything the patient owns (all records, profile, share links, grants) for CSV/FHIR
    /// export, in one read snapshot. The caller audits the export.
    async fn export_patient(&self, patient: &UserId) -> Result<PatientData>;

    /// Deletes every tracker row of the patient (records, profile, share links, grants given)
    /// in one transaction with `audit`; the account itself stays (see `delete_user`). Returns
    /// how many rows went. The audit log keeps only the event (it never holds health data).
    async fn delete_patient_data(&self, patient: &UserId, audit: &AuditEntry) -> Result<u64>;

    // ---- share links -------------------------------------------------------------------------

    /// Stores a new share link; `Invalid` for no or malformed sections, or expiry not after
    /// creation.
    async fn create_share_link(&self, link: &NewShareLink, audit: &AuditEntry)
    -> Result<ShareLink>;

    /// The patient's share links, newest first, revoked and expired ones included.
    async fn list_share_links(&self, patient: &UserId) -> Result<Vec<ShareLink>>;

    /// The link with this secret hash in any state (the caller checks `is_active`).
    async fn find_share_link_by_hash(&self, token_hash: &str) -> Result<Option<ShareLink>>;

    /// Opens a share link: if it exists, is not revoked, `now < expires_at` and its owner's
    /// account is not disabled, counts the use
    /// and writes `audit` (its `patient_id` set to the link's patient, `resource_id` to the link
    /// id when empty) in one transaction and returns the link as updated. Otherwise `None` and
    /// nothing is written: audit the refusal with `append_audit`.
    async fn use_share_link(
        &self,
        token_hash: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<Option<ShareLink>>;

    /// Revokes one of the patient's links; `NotFound` if not theirs or already revoked.
    async fn revoke_share_link(
        &self,
        patient: &UserId,
        id: &RecordId,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()>;

    // ---- clinician grants --------------------------------------------------------------------

    /// Gives a clinician account ongoing access (again, if it was revoked: the row is reused
    /// and its id kept). `Invalid { field: "clinician_id" }` if the account is not a clinician.
    async fn grant_clinician(
        &self,
        patient: &UserId,
        clinician: &UserId,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<ClinicianGrant>;

    /// Ends a clinician's access; `NotFound` if there is no active grant.
    async fn revoke_clinician_grant(
        &self,
        patient: &UserId,
        clinician: &UserId,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// The patient's grants, revoked ones included, newest first.
    async fn list_grants(&self, patient: &UserId) -> Result<Vec<ClinicianGrant>>;

    /// The clinician's active grants (their patients), newest first.
    async fn list_clinician_patients(&self, clinician: &UserId) -> Result<Vec<ClinicianGrant>>;

    /// Whether the clinician currently has access to the patient's records.
    async fn clinician_has_grant(&self, patient: &UserId, clinician: &UserId) -> Result<bool>;
}
