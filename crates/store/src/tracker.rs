//! The care tracker's storage ([`TrackerStore`]) for both backends.
//!
//! Every statement that touches a record names the patient (`WHERE patient_id = $1 AND id = $2`),
//! so a record id from one patient never reaches another patient's row: a guessed id reads as
//! `None` and changes as [`StoreError::NotFound`], exactly like an id that does not exist.
//! The ten record tables share one generic path (`Spec` + `Val`) so each kind's SQL is built from
//! the same fixed fragments and the access rule cannot be forgotten for one of them.

use sqlx::{AssertSqlSafe, Database, Encode, Type, query::Query};

use crate::circle::{GRANT_COLUMNS, grant_from};
use crate::db::{AuditAppend, RowExt, each_backend, opt_ts, ts};
use crate::error::{Result, StoreError};
use crate::model::{AuditEntry, Timestamp, UserId};
use crate::store::SqlStore;
use crate::tracker_model::{
    AntibodyRow, AssessmentRow, ClinicianGrant, ConditionRow, DateRange, DiaryRow, DoseEventRow,
    HomeTestRow, LabRow, MedicineRow, MonitoringTestRow, NewShareLink, PatientData, PatientProfile,
    Record, RecordId, RecordKind, ShareLink, VisitRow,
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

// ---- values and validation ------------------------------------------------------------------

/// One bound value: what each row kind turns into, in column order.
pub(crate) enum Val {
    Text(Option<String>),
    Int(Option<i64>),
    Bool(Option<bool>),
}

pub(crate) fn bind_vals<'q, DB>(
    mut query: Query<'q, DB, DB::Arguments>,
    vals: Vec<Val>,
) -> Query<'q, DB, DB::Arguments>
where
    DB: Database,
    for<'e> Option<String>: Encode<'e, DB> + Type<DB>,
    for<'e> Option<i64>: Encode<'e, DB> + Type<DB>,
    for<'e> Option<bool>: Encode<'e, DB> + Type<DB>,
{
    for v in vals {
        query = match v {
            Val::Text(t) => query.bind(t),
            Val::Int(i) => query.bind(i),
            Val::Bool(b) => query.bind(b),
        };
    }
    query
}

fn text(s: &str) -> Val {
    Val::Text(Some(s.to_owned()))
}

fn opt_text(s: Option<&String>) -> Val {
    Val::Text(s.cloned())
}

fn time(t: Timestamp) -> Val {
    Val::Int(Some(t.as_millis()))
}

/// `f64` as its shortest round-trip decimal text (Rust's `Display`), so it reads back equal.
fn num(v: Option<f64>) -> Val {
    Val::Text(v.map(|v| v.to_string()))
}

fn check_date(field: &'static str, date: &str) -> Result<()> {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = b.len() == 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && (1..=12).contains(&date[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&date[8..10].parse::<u8>().unwrap_or(0));
    if ok {
        Ok(())
    } else {
        Err(StoreError::invalid(field, "expected a date as YYYY-MM-DD"))
    }
}

fn check_opt_date(field: &'static str, date: Option<&String>) -> Result<()> {
    date.map_or(Ok(()), |d| check_date(field, d))
}

fn check_finite(field: &'static str, v: Option<f64>) -> Result<()> {
    match v {
        Some(v) if !v.is_finite() => Err(StoreError::invalid(field, "must be a finite number")),
        _ => Ok(()),
    }
}

/// A decimal as labs print it: optional sign, digits, optional fraction (`-1`, `0.85`, `120.`).
fn check_decimal(field: &'static str, v: Option<&String>) -> Result<()> {
    let Some(v) = v else { return Ok(()) };
    let body = v.strip_prefix('-').unwrap_or(v);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let ok = v.len() <= 40
        && !int.is_empty()
        && int.bytes().all(|c| c.is_ascii_digit())
        && frac.bytes().all(|c| c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(StoreError::invalid(
            field,
            "expected a decimal number such as 0.85",
        ))
    }
}

fn check_text(field: &'static str, v: &str, max: usize) -> Result<()> {
    if v.trim().is_empty() || v.chars().count() > max {
        Err(StoreError::Invalid {
            field,
            reason: format!("must be 1 to {max} characters"),
        })
    } else {
        Ok(())
    }
}

fn check_opt_text(field: &'static str, v: Option<&String>, max: usize) -> Result<()> {
    v.map_or(Ok(()), |v| check_text(field, v, max))
}

fn check_json(field: &'static str, v: Option<&String>) -> Result<()> {
    let Some(v) = v else { return Ok(()) };
    if v.len() > 1_000_000 {
        return Err(StoreError::invalid(field, "JSON text is larger than 1 MB"));
    }
    serde_json::from_str::<serde_json::Value>(v)
        .map(|_| ())
        .map_err(|e| StoreError::Invalid {
            field,
            reason: format!("not JSON: {e}"),
        })
}

/// Reads a number stored by [`num`].
fn read_num(row: &impl RowExt, col: &'static str) -> Result<Option<f64>> {
    row.opt_text(col)?
        .map(|t| {
            read_num_text(&t).ok_or(StoreError::Corrupt {
                column: col,
                value: t,
            })
        })
        .transpose()
}

fn read_num_text(t: &str) -> Option<f64> {
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn rid(row: &impl RowExt, col: &str) -> Result<RecordId> {
    Ok(RecordId(row.text(col)?))
}

// ---- the record tables ------------------------------------------------------------------------

/// How one record kind maps to its table. `cols` excludes `id` and `patient_id`, which are
/// always `$2` and `$1`.
pub(crate) struct Spec {
    pub(crate) table: &'static str,
    pub(crate) cols: &'static [&'static str],
    /// The `AND …` range condition over `$2` (from) and `$3` (to) for lists.
    range: &'static str,
    order: &'static str,
    /// Upsert clause for a kind with a natural key, appended to INSERT.
    upsert: Option<&'static str>,
}

const DATE_RANGE: &str = "date >= $2 AND date <= $3";
const BY_DATE: &str = "date, id";

pub(crate) fn spec(kind: RecordKind) -> Spec {
    let plain = |table, cols| Spec {
        table,
        cols,
        range: DATE_RANGE,
        order: BY_DATE,
        upsert: None,
    };
    match kind {
        RecordKind::Diary => Spec {
            upsert: Some(
                "ON CONFLICT (patient_id, date) DO UPDATE SET weakness = excluded.weakness, \
                 fatigue = excluded.fatigue, pain = excluded.pain, rash = excluded.rash, \
                 itch = excluded.itch, sleep_quality = excluded.sleep_quality, \
                 mood = excluded.mood, swallowing_trouble = excluded.swallowing_trouble, \
                 breathlessness = excluded.breathlessness, fever = excluded.fever, \
                 new_skin_sores = excluded.new_skin_sores, note = excluded.note, \
                 updated_at = excluded.updated_at",
            ),
            ..plain(
                "diary_entries",
                &[
                    "date",
                    "weakness",
                    "fatigue",
                    "pain",
                    "rash",
                    "itch",
                    "sleep_quality",
                    "mood",
                    "swallowing_trouble",
                    "breathlessness",
                    "fever",
                    "new_skin_sores",
                    "note",
                    "updated_at",
                ],
            )
        },
        RecordKind::HomeTest => plain(
            "home_tests",
            &[
                "date",
                "sit_to_stand_30s",
                "timed_up_and_go_s",
                "arm_raise_s",
                "updated_at",
            ],
        ),
        RecordKind::Assessment => plain(
            "assessments",
            &[
                "date",
                "instrument",
                "input_json",
                "results_json",
                "updated_at",
            ],
        ),
        RecordKind::Lab => plain(
            "lab_results",
            &[
                "date",
                "analyte",
                "value",
                "unit",
                "range_low",
                "range_high",
                "uln",
                "loinc",
                "updated_at",
            ],
        ),
        RecordKind::Condition => Spec {
            range: "(diagnosed IS NULL OR diagnosed <= $3) AND (resolved IS NULL OR resolved >= $2)",
            order: "COALESCE(diagnosed, ''), id",
            ..plain(
                "conditions",
                &[
                    "condition",
                    "icd10cm",
                    "snomed",
                    "diagnosed",
                    "resolved",
                    "updated_at",
                ],
            )
        },
        RecordKind::Antibody => plain(
            "antibody_results",
            &[
                "date",
                "antibody",
                "outcome",
                "titre",
                "loinc",
                "updated_at",
            ],
        ),
        RecordKind::Medicine => Spec {
            range: "start_date <= $3 AND (end_date IS NULL OR end_date >= $2)",
            order: "start_date, id",
            ..plain(
                "medicines",
                &[
                    "name",
                    "generic_name",
                    "rxcui",
                    "dose_amount",
                    "dose_unit",
                    "route",
                    "schedule_kind",
                    "schedule_json",
                    "start_date",
                    "end_date",
                    "risk_factor",
                    "updated_at",
                    "confirmation",
                    "stop_reason",
                    "follows",
                ],
            )
        },
        RecordKind::DoseEvent => Spec {
            upsert: Some(
                "ON CONFLICT (patient_id, medicine_id, date, scheduled_time) DO UPDATE SET \
                 outcome = excluded.outcome, taken_at = excluded.taken_at, \
                 updated_at = excluded.updated_at",
            ),
            order: "date, scheduled_time, id",
            ..plain(
                "dose_events",
                &[
                    "medicine_id",
                    "date",
                    "scheduled_time",
                    "outcome",
                    "taken_at",
                    "updated_at",
                ],
            )
        },
        RecordKind::Visit => plain(
            "visits",
            &[
                "date",
                "physician_global",
                "patient_global",
                "extramuscular",
                "mmt8_json",
                "haq_json",
                "cmas_json",
                "enzymes_json",
                "updated_at",
            ],
        ),
        RecordKind::MonitoringTest => plain("monitoring_tests", &["date", "test", "updated_at"]),
    }
}

impl Spec {
    fn select(&self) -> String {
        format!("id, {}", self.cols.join(", "))
    }

    fn insert_sql(&self) -> String {
        let params: Vec<String> = (3..self.cols.len() + 3).map(|n| format!("${n}")).collect();
        format!(
            "INSERT INTO {} (patient_id, id, {}) VALUES ($1, $2, {}) {} RETURNING {}",
            self.table,
            self.cols.join(", "),
            params.join(", "),
            self.upsert.unwrap_or(""),
            self.select()
        )
    }

    pub(crate) fn update_sql(&self) -> String {
        let sets: Vec<String> = self
            .cols
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ${}", i + 3))
            .collect();
        format!(
            "UPDATE {} SET {} WHERE patient_id = $1 AND id = $2 RETURNING {}",
            self.table,
            sets.join(", "),
            self.select()
        )
    }

    pub(crate) fn get_sql(&self) -> String {
        format!(
            "SELECT {} FROM {} WHERE patient_id = $1 AND id = $2",
            self.select(),
            self.table
        )
    }

    fn list_sql(&self) -> String {
        format!(
            "SELECT {} FROM {} WHERE patient_id = $1 AND {} ORDER BY {}",
            self.select(),
            self.table,
            self.range,
            self.order
        )
    }

    /// `list_sql` for `n` patients at once: the ids are `$1` and `$4` on (`$2` and `$3` stay
    /// the range's ends), each row names its patient.
    pub(crate) fn batch_list_sql(&self, n: usize) -> String {
        let ids: Vec<String> = std::iter::once("$1".to_owned())
            .chain((4..n + 3).map(|i| format!("${i}")))
            .collect();
        format!(
            "SELECT patient_id, {} FROM {} WHERE patient_id IN ({}) AND {} ORDER BY {}",
            self.select(),
            self.table,
            ids.join(", "),
            self.range,
            self.order
        )
    }
}

/// Checks a record's shape and returns its values in `spec(kind).cols` order.
pub(crate) fn values(record: &Record) -> Result<Vec<Val>> {
    Ok(match record {
        Record::Diary(r) => {
            check_date("date", &r.date)?;
            for (f, v) in [
                ("weakness", r.weakness),
                ("fatigue", r.fatigue),
                ("pain", r.pain),
                ("rash", r.rash),
                ("itch", r.itch),
                ("sleep_quality", r.sleep_quality),
                ("mood", r.mood),
            ] {
                check_finite(f, v)?;
            }
            check_opt_text("note", r.note.as_ref(), 2000)?;
            vec![
                text(&r.date),
                num(r.weakness),
                num(r.fatigue),
                num(r.pain),
                num(r.rash),
                num(r.itch),
                num(r.sleep_quality),
                num(r.mood),
                Val::Bool(r.swallowing_trouble),
                Val::Bool(r.breathlessness),
                Val::Bool(r.fever),
                Val::Bool(r.new_skin_sores),
                opt_text(r.note.as_ref()),
                time(r.updated_at),
            ]
        }
        Record::HomeTest(r) => {
            check_date("date", &r.date)?;
            check_finite("sit_to_stand_30s", r.sit_to_stand_30s)?;
            check_finite("timed_up_and_go_s", r.timed_up_and_go_s)?;
            check_finite("arm_raise_s", r.arm_raise_s)?;
            vec![
                text(&r.date),
                num(r.sit_to_stand_30s),
                num(r.timed_up_and_go_s),
                num(r.arm_raise_s),
                time(r.updated_at),
            ]
        }
        Record::Assessment(r) => {
            check_date("date", &r.date)?;
            check_text("instrument", &r.instrument, 100)?;
            check_json("input_json", Some(&r.input_json))?;
            check_json("results_json", Some(&r.results_json))?;
            vec![
                text(&r.date),
                text(&r.instrument),
                text(&r.input_json),
                text(&r.results_json),
                time(r.updated_at),
            ]
        }
        Record::Lab(r) => {
            check_date("date", &r.date)?;
            check_text("analyte", &r.analyte, 100)?;
            check_decimal("value", Some(&r.value))?;
            check_text("unit", &r.unit, 40)?;
            check_decimal("range_low", r.range_low.as_ref())?;
            check_decimal("range_high", r.range_high.as_ref())?;
            check_decimal("uln", r.uln.as_ref())?;
            check_opt_text("loinc", r.loinc.as_ref(), 40)?;
            vec![
                text(&r.date),
                text(&r.analyte),
                text(&r.value),
                text(&r.unit),
                opt_text(r.range_low.as_ref()),
                opt_text(r.range_high.as_ref()),
                opt_text(r.uln.as_ref()),
                opt_text(r.loinc.as_ref()),
                time(r.updated_at),
            ]
        }
        Record::Condition(r) => {
            check_text("condition", &r.condition, 100)?;
            check_opt_text("icd10cm", r.icd10cm.as_ref(), 40)?;
            check_opt_text("snomed", r.snomed.as_ref(), 40)?;
            check_opt_date("diagnosed", r.diagnosed.as_ref())?;
            check_opt_date("resolved", r.resolved.as_ref())?;
            vec![
                text(&r.condition),
                opt_text(r.icd10cm.as_ref()),
                opt_text(r.snomed.as_ref()),
                opt_text(r.diagnosed.as_ref()),
                opt_text(r.resolved.as_ref()),
                time(r.updated_at),
            ]
        }
        Record::Antibody(r) => {
            check_date("date", &r.date)?;
            check_text("antibody", &r.antibody, 100)?;
            check_text("outcome", &r.outcome, 40)?;
            check_opt_text("titre", r.titre.as_ref(), 40)?;
            check_opt_text("loinc", r.loinc.as_ref(), 40)?;
            vec![
                text(&r.date),
                text(&r.antibody),
                text(&r.outcome),
                opt_text(r.titre.as_ref()),
                opt_text(r.loinc.as_ref()),
                time(r.updated_at),
            ]
        }
        Record::Medicine(r) => {
            check_text("name", &r.name, 120)?;
            check_opt_text("generic_name", r.generic_name.as_ref(), 120)?;
            check_opt_text("rxcui", r.rxcui.as_ref(), 20)?;
            check_finite("dose_amount", Some(r.dose_amount))?;
            check_text("dose_unit", &r.dose_unit, 40)?;
            check_text("route", &r.route, 40)?;
            check_text("schedule_kind", &r.schedule_kind, 40)?;
            check_json("schedule_json", Some(&r.schedule_json))?;
            check_date("start_date", &r.start_date)?;
            check_opt_date("end_date", r.end_date.as_ref())?;
            check_opt_text("confirmation", r.confirmation.as_ref(), 2000)?;
            check_opt_text("stop_reason", r.stop_reason.as_ref(), 2000)?;
            vec![
                text(&r.name),
                opt_text(r.generic_name.as_ref()),
                opt_text(r.rxcui.as_ref()),
                num(Some(r.dose_amount)),
                text(&r.dose_unit),
                text(&r.route),
                text(&r.schedule_kind),
                text(&r.schedule_json),
                text(&r.start_date),
                opt_text(r.end_date.as_ref()),
                Val::Bool(Some(r.risk_factor)),
                time(r.updated_at),
                opt_text(r.confirmation.as_ref()),
                opt_text(r.stop_reason.as_ref()),
                Val::Text(r.follows.as_ref().map(|f| f.0.clone())),
            ]
        }
        Record::DoseEvent(r) => {
            check_date("date", &r.date)?;
            check_time("time", &r.time)?;
            if r.outcome != "taken" && r.outcome != "missed" {
                return Err(StoreError::invalid("outcome", "expected taken or missed"));
            }
            vec![
                text(r.medicine_id.as_str()),
                text(&r.date),
                text(&r.time),
                text(&r.outcome),
                Val::Int(r.taken_at.map(Timestamp::as_millis)),
                time(r.updated_at),
            ]
        }
        Record::Visit(r) => {
            check_date("date", &r.date)?;
            check_finite("physician_global", r.physician_global)?;
            check_finite("patient_global", r.patient_global)?;
            check_finite("extramuscular", r.extramuscular)?;
            check_json("mmt8_json", r.mmt8_json.as_ref())?;
            check_json("haq_json", r.haq_json.as_ref())?;
            check_json("cmas_json", r.cmas_json.as_ref())?;
            check_json("enzymes_json", Some(&r.enzymes_json))?;
            vec![
                text(&r.date),
                num(r.physician_global),
                num(r.patient_global),
                num(r.extramuscular),
                opt_text(r.mmt8_json.as_ref()),
                opt_text(r.haq_json.as_ref()),
                opt_text(r.cmas_json.as_ref()),
                text(&r.enzymes_json),
                time(r.updated_at),
            ]
        }
        Record::MonitoringTest(r) => {
            check_date("date", &r.date)?;
            check_text("test", &r.test, 100)?;
            vec![text(&r.date), text(&r.test), time(r.updated_at)]
        }
    })
}

fn check_time(field: &'static str, t: &str) -> Result<()> {
    let ok = t.len() == 5
        && t.as_bytes()[2] == b':'
        && t[..2].parse::<u8>().is_ok_and(|h| h < 24)
        && t[3..].parse::<u8>().is_ok_and(|m| m < 60)
        && t.bytes().filter(u8::is_ascii_digit).count() == 4;
    if ok {
        Ok(())
    } else {
        Err(StoreError::invalid(field, "expected a time as HH:MM"))
    }
}

pub(crate) fn decode(kind: RecordKind, row: &impl RowExt) -> Result<Record> {
    let id = rid(row, "id")?;
    Ok(match kind {
        RecordKind::Diary => Record::Diary(diary_from(row, id)?),
        RecordKind::HomeTest => Record::HomeTest(HomeTestRow {
            id,
            date: row.text("date")?,
            sit_to_stand_30s: read_num(row, "sit_to_stand_30s")?,
            timed_up_and_go_s: read_num(row, "timed_up_and_go_s")?,
            arm_raise_s: read_num(row, "arm_raise_s")?,
            updated_at: ts(row, "updated_at")?,
        }),
        RecordKind::Assessment => Record::Assessment(AssessmentRow {
            id,
            date: row.text("date")?,
            instrument: row.text("instrument")?,
            input_json: row.text("input_json")?,
            results_json: row.text("results_json")?,
            updated_at: ts(row, "updated_at")?,
        }),
        RecordKind::Lab => Record::Lab(LabRow {
            id,
            date: row.text("date")?,
            analyte: row.text("analyte")?,
            value: row.text("value")?,
            unit: row.text("unit")?,
            range_low: row.opt_text("range_low")?,
            range_high: row.opt_text("range_high")?,
            uln: row.opt_text("uln")?,
            loinc: row.opt_text("loinc")?,
            updated_at: ts(row, "updated_at")?,
        }),
        RecordKind::Condition => Record::Condition(ConditionRow {
            id,
            condition: row.text("condition")?,
            icd10cm: row.opt_text("icd10cm")?,
            snomed: row.opt_text("snomed")?,
            diagnosed: row.opt_text("diagnosed")?,
            resolved: row.opt_text("resolved")?,
            updated_at: ts(row, "updated_at")?,
        }),
        RecordKind::Antibody => Record::Antibody(AntibodyRow {
            id,
            date: row.text("date")?,
            antibody: row.text("antibody")?,
            outcome: row.text("outcome")?,
            titre: row.opt_text("titre")?,
            loinc: row.opt_text("loinc")?,
            updated_at: ts(row, "updated_at")?,
        }),
        RecordKind::Medicine => Record::Medicine(MedicineRow {
            id,
            name: row.text("name")?,
            generic_name: row.opt_text("generic_name")?,
            rxcui: row.opt_text("rxcui")?,
            dose_amount: read_num(row, "dose_amount")?.ok_or(StoreError::Corrupt {
                column: "dose_amount",
                value: String::new(),
            })?,
            dose_unit: row.text("dose_unit")?,
            route: row.text("route")?,
            schedule_kind: row.text("schedule_kind")?,
            schedule_json: row.text("schedule_json")?,
            start_date: row.text("start_date")?,
            end_date: row.opt_text("end_date")?,
            risk_factor: row.boolean("risk_factor")?,
            updated_at: ts(row, "updated_at")?,
            confirmation: row.opt_text("confirmation")?,
            stop_reason: row.opt_text("stop_reason")?,
            follows: row.opt_text("follows")?.map(RecordId),
        }),
        RecordKind::DoseEvent => Record::DoseEvent(DoseEventRow {
            id,
            medicine_id: rid(row, "medicine_id")?,
            date: row.text("date")?,
            time: row.text("scheduled_time")?,
            outcome: row.text("outcome")?,
            taken_at: opt_ts(row, "taken_at")?,
            updated_at: ts(row, "updated_at")?,
        }),
        RecordKind::Visit => Record::Visit(VisitRow {
            id,
            date: row.text("date")?,
            physician_global: read_num(row, "physician_global")?,
            patient_global: read_num(row, "patient_global")?,
            extramuscular: read_num(row, "extramuscular")?,
            mmt8_json: row.opt_text("mmt8_json")?,
            haq_json: row.opt_text("haq_json")?,
            cmas_json: row.opt_text("cmas_json")?,
            enzymes_json: row.text("enzymes_json")?,
            updated_at: ts(row, "updated_at")?,
        }),
        RecordKind::MonitoringTest => Record::MonitoringTest(MonitoringTestRow {
            id,
            date: row.text("date")?,
            test: row.text("test")?,
            updated_at: ts(row, "updated_at")?,
        }),
    })
}

fn diary_from(row: &impl RowExt, id: RecordId) -> Result<DiaryRow> {
    Ok(DiaryRow {
        id,
        date: row.text("date")?,
        weakness: read_num(row, "weakness")?,
        fatigue: read_num(row, "fatigue")?,
        pain: read_num(row, "pain")?,
        rash: read_num(row, "rash")?,
        itch: read_num(row, "itch")?,
        sleep_quality: read_num(row, "sleep_quality")?,
        mood: read_num(row, "mood")?,
        swallowing_trouble: row.opt_bool("swallowing_trouble")?,
        breathlessness: row.opt_bool("breathlessness")?,
        fever: row.opt_bool("fever")?,
        new_skin_sores: row.opt_bool("new_skin_sores")?,
        note: row.opt_text("note")?,
        updated_at: ts(row, "updated_at")?,
    })
}

/// Puts a record into the matching list of `data`.
pub(crate) fn push(data: &mut PatientData, record: Record) {
    match record {
        Record::Diary(r) => data.diary.push(r),
        Record::HomeTest(r) => data.home_tests.push(r),
        Record::Assessment(r) => data.assessments.push(r),
        Record::Lab(r) => data.labs.push(r),
        Record::Condition(r) => data.conditions.push(r),
        Record::Antibody(r) => data.antibodies.push(r),
        Record::Medicine(r) => data.medicines.push(r),
        Record::DoseEvent(r) => data.dose_events.push(r),
        Record::Visit(r) => data.visits.push(r),
        Record::MonitoringTest(r) => data.monitoring_tests.push(r),
    }
}

/// Range bounds as bind values: open ends become dates before and after any real one.
pub(crate) fn bounds(range: &DateRange) -> Result<(String, String)> {
    check_opt_date("from", range.from.as_ref())?;
    check_opt_date("to", range.to.as_ref())?;
    Ok((
        range.from.clone().unwrap_or_else(|| "0000-01-01".into()),
        range.to.clone().unwrap_or_else(|| "9999-12-31".into()),
    ))
}

/// The audit entry to store: the patient filled in, a different patient refused.
pub(crate) fn scoped(audit: &AuditEntry, patient: &UserId) -> Result<AuditEntry> {
    match &audit.patient_id {
        Some(p) if p != patient.as_str() => Err(StoreError::invalid(
            "audit.patient_id",
            "names a different patient than the records",
        )),
        _ => Ok(audit.clone().for_patient(patient.as_str())),
    }
}

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
        let kind = record.kind();
        let vals = values(record)?;
        let audit = scoped(audit, patient)?;
        let sql = spec(kind).insert_sql();
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let query = sqlx::query(AssertSqlSafe(sql))
                .bind(patient.as_str())
                .bind(record.id().as_str());
            let row = bind_vals(query, vals)
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| missing_medicine(kind)(e.into()))?;
            let stored = decode(kind, &row)?;
            tx.append_audit(&audit).await?;
            tx.commit().await?;
            Ok(stored)
        })
    }

    async fn update_record(
        &self,
        patient: &UserId,
        record: &Record,
        audit: &AuditEntry,
    ) -> Result<Record> {
        let kind = record.kind();
        let vals = values(record)?;
        let audit = scoped(audit, patient)?;
        let sql = spec(kind).update_sql();
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
        let sql = format!(
            "DELETE FROM {} WHERE patient_id = $1 AND id = $2",
            kind.table()
        );
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
            row.map(|r| diary_from(&r, rid(&r, "id")?)).transpose()
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

#[cfg(test)]
mod tests {
    use super::{check_date, check_decimal, check_time, num, read_num_text, spec};
    use crate::tracker_model::RecordKind;

    #[test]
    fn dates_times_and_decimals_are_checked_for_shape() {
        for ok in ["2026-03-01", "1900-12-31"] {
            assert!(check_date("date", ok).is_ok(), "{ok}");
        }
        for bad in [
            "2026-3-01",
            "2026-13-01",
            "2026-00-10",
            "2026-01-32",
            "26-01-01",
            "2026/01/01",
        ] {
            assert!(check_date("date", bad).is_err(), "{bad}");
        }
        assert!(check_time("time", "23:59").is_ok());
        for bad in ["24:00", "8:00", "08:60", "0800", "+1:00"] {
            assert!(check_time("time", bad).is_err(), "{bad}");
        }
        for ok in ["0", "-1", "0.85", "1234.50", "120."] {
            assert!(check_decimal("value", Some(&ok.to_owned())).is_ok(), "{ok}");
        }
        for bad in ["", ".5", "1e3", "12,5", "NaN", "inf", "1.2.3", " 1"] {
            assert!(
                check_decimal("value", Some(&bad.to_owned())).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn numbers_round_trip_through_their_text() {
        for v in [0.0, 0.1 + 0.2, 1.0 / 3.0, 5e-7, 9.99, 1e15] {
            let super::Val::Text(Some(t)) = num(Some(v)) else {
                panic!("text")
            };
            assert_eq!(
                read_num_text(&t).map(f64::to_bits),
                Some(v.to_bits()),
                "{t}"
            );
        }
    }

    #[test]
    fn every_statement_is_scoped_by_patient() {
        for kind in RecordKind::ALL {
            let s = spec(kind);
            assert!(s.get_sql().contains("WHERE patient_id = $1 AND id = $2"));
            assert!(s.update_sql().contains("WHERE patient_id = $1 AND id = $2"));
            assert!(s.list_sql().contains("WHERE patient_id = $1 AND "));
            assert!(
                s.insert_sql()
                    .starts_with(&format!("INSERT INTO {} (patient_id, id, ", kind.table()))
            );
        }
    }
}
