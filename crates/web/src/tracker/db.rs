//! The tracker's store calls, in one place: reads are audited here before the data is returned
//! (a read that cannot be audited is not served); writes pass their audit entry to the store,
//! which commits both together.

use myo_store::{
    AuditEntry, DateRange, DiaryRow, PatientData, Record, RecordId, RecordKind, StoreError, UserId,
};

use crate::AppState;

/// The patient's records in `range`, after auditing the read.
pub async fn load(
    state: &AppState,
    patient: &UserId,
    range: &DateRange,
    audit: &AuditEntry,
) -> Result<PatientData, StoreError> {
    state.audit(audit).await?;
    // `load_patient` already reads the profile in the same snapshot.
    state.store().load_patient(patient, range).await
}

/// Everything the patient owns, after auditing the export.
pub async fn export(
    state: &AppState,
    patient: &UserId,
    audit: &AuditEntry,
) -> Result<PatientData, StoreError> {
    state.audit(audit).await?;
    state.store().export_patient(patient).await
}

/// One record of the patient's, returned only once its read is audited; `None` (and nothing
/// audited, as nothing was read) when it is not theirs or does not exist.
pub async fn get(
    state: &AppState,
    patient: &UserId,
    kind: RecordKind,
    id: &RecordId,
    audit: &AuditEntry,
) -> Result<Option<Record>, StoreError> {
    let Some(record) = state.store().get_record(patient, kind, id).await? else {
        return Ok(None);
    };
    state.audit(audit).await?;
    Ok(Some(record))
}

/// How many doses the patient recorded for one of their medicines (read under the caller's
/// audit entry for the medicine).
pub async fn dose_count(
    state: &AppState,
    patient: &UserId,
    medicine: &RecordId,
) -> Result<usize, StoreError> {
    let doses = state
        .store()
        .list_records(patient, RecordKind::DoseEvent, &DateRange::all())
        .await?;
    Ok(doses
        .iter()
        .filter(|d| matches!(d, Record::DoseEvent(e) if e.medicine_id == *medicine))
        .count())
}

/// Saves a diary day. An existing day is edited in place (its id kept, the earlier version kept
/// in its history; unchanged values make no new version); a new day is created.
pub async fn save_diary(
    state: &AppState,
    patient: &UserId,
    row: DiaryRow,
    audit: &AuditEntry,
) -> Result<Record, StoreError> {
    let store = state.store();
    let Some(existing) = store.get_diary_day(patient, &row.date).await? else {
        return save(state, patient, Record::Diary(row), audit).await;
    };
    let row = Record::Diary(DiaryRow {
        id: existing.id.clone(),
        ..row
    });
    let old = Record::Diary(existing);
    let same = |r: &Record| {
        myo_store::record_fields(r).map(|f| {
            f.into_iter()
                .filter(|(c, _)| c != "updated_at")
                .collect::<Vec<_>>()
        })
    };
    if same(&old)? == same(&row)? {
        return Ok(old);
    }
    let kept = store
        .record_history(patient, RecordKind::Diary, old.id())
        .await?;
    let version = i64::try_from(kept.len()).unwrap_or(i64::MAX - 1) + 1;
    store
        .edit_record(patient, &row, version, myo_store::Timestamp::now(), audit)
        .await
        .map(|(r, _)| r)
}

/// The day's entry merged onto what is already saved for that day: given fields win, left-out
/// fields keep their saved value, and only `clear` erases (a stored row that no longer
/// validates is replaced, as before).
pub async fn merge_diary(
    state: &AppState,
    patient: &UserId,
    entry: myo_tracker::records::DiaryEntry,
    clear: &[&str],
) -> Result<Result<myo_tracker::records::DiaryEntry, myo_tracker::Invalid>, StoreError> {
    let existing = state
        .store()
        .get_diary_day(patient, &entry.date().to_string())
        .await?;
    Ok(
        match existing.and_then(|r| super::convert::diary_entry(&r).ok()) {
            Some(earlier) => entry.merged_onto(&earlier, clear),
            None => Ok(entry),
        },
    )
}

/// Stores a new record.
pub async fn save(
    state: &AppState,
    patient: &UserId,
    record: Record,
    audit: &AuditEntry,
) -> Result<Record, StoreError> {
    state.store().create_record(patient, &record, audit).await
}

/// Whether `clinician` may currently read `patient`'s records.
pub async fn has_active_grant(
    state: &AppState,
    patient: &UserId,
    clinician: &UserId,
) -> Result<bool, StoreError> {
    state.store().clinician_has_grant(patient, clinician).await
}

/// Deletes a record of the patient's; `Ok(false)` when it is not theirs (or does not exist).
pub async fn delete(
    state: &AppState,
    patient: &UserId,
    kind: RecordKind,
    id: &RecordId,
    audit: &AuditEntry,
) -> Result<bool, StoreError> {
    match state.store().delete_record(patient, kind, id, audit).await {
        Ok(()) => Ok(true),
        Err(StoreError::NotFound { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}
