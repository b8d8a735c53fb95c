//! Care-tracker rows as plain data. `myo-store` does not depend on `myo-tracker`: the
//! web layer builds these rows from validated tracker values (and rebuilds tracker values, e.g.
//! `Medicine::accept`, when loading), so the store checks only shape (dates, finite numbers,
//! JSON text, lengths), never clinical rules.
//!
//! Conventions: a date is civil `YYYY-MM-DD` text (sorts as text, copies unchanged); a measured
//! number the tracker keeps as `f64` is `f64` here and stored as its shortest round-trip text; a
//! lab value or limit is the decimal text as reported (exact); `None` = not recorded, never 0.

use std::fmt;

use crate::model::{Timestamp, UserId};

/// A tracker record's opaque, random identifier (32 lowercase hex digits), unique per table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordId(pub String);

impl RecordId {
    /// A fresh random id.
    #[must_use]
    pub fn random() -> Self {
        Self(crate::token::random_hex(16))
    }

    /// The identifier as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A fresh random id, so `..Row::default()` never yields two rows with one id.
impl Default for RecordId {
    fn default() -> Self {
        Self::random()
    }
}

/// Which kind of tracker record (one table each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    /// `diary_entries`: one per patient per day.
    Diary,
    /// `home_tests`.
    HomeTest,
    /// `assessments`: MMT-8, HAQ-DI, CMAS entered through the instruments.
    Assessment,
    /// `lab_results`.
    Lab,
    /// `conditions`.
    Condition,
    /// `antibody_results`.
    Antibody,
    /// `medicines`.
    Medicine,
    /// `dose_events`: a dose taken or missed.
    DoseEvent,
    /// `visits`.
    Visit,
    /// `monitoring_tests`: a monitoring test done (for "due" computations).
    MonitoringTest,
}

impl RecordKind {
    /// Every kind, in the order `PatientData` lists them.
    pub const ALL: [RecordKind; 10] = [
        RecordKind::Diary,
        RecordKind::HomeTest,
        RecordKind::Assessment,
        RecordKind::Lab,
        RecordKind::Condition,
        RecordKind::Antibody,
        RecordKind::Medicine,
        RecordKind::DoseEvent,
        RecordKind::Visit,
        RecordKind::MonitoringTest,
    ];

    // `table()` is derived from the kinds' declaration (`tracker/kinds.rs`).
}

/// An inclusive range of civil dates (`YYYY-MM-DD`); `None` = open on that side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateRange {
    /// First day included.
    pub from: Option<String>,
    /// Last day included.
    pub to: Option<String>,
}

impl DateRange {
    /// Every date.
    #[must_use]
    pub fn all() -> Self {
        Self::default()
    }

    /// `from..=to`.
    #[must_use]
    pub fn between(from: &str, to: &str) -> Self {
        Self {
            from: Some(from.to_owned()),
            to: Some(to.to_owned()),
        }
    }
}

/// One day's diary. Ratings 0–10 (`None` = not recorded); yes/no symptoms (`None` = not asked).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DiaryRow {
    /// Record id (kept when a later save of the same day updates it).
    pub id: RecordId,
    /// The day (unique per patient).
    pub date: String,
    /// Weakness, 0–10 (10 = worst).
    pub weakness: Option<f64>,
    /// Fatigue, 0–10.
    pub fatigue: Option<f64>,
    /// Pain, 0–10.
    pub pain: Option<f64>,
    /// Rash, 0–10.
    pub rash: Option<f64>,
    /// Itch, 0–10.
    pub itch: Option<f64>,
    /// Sleep quality, 0–10 (10 = best).
    pub sleep_quality: Option<f64>,
    /// Mood, 0–10 (10 = best).
    pub mood: Option<f64>,
    /// Trouble swallowing.
    pub swallowing_trouble: Option<bool>,
    /// Breathlessness.
    pub breathlessness: Option<bool>,
    /// Fever.
    pub fever: Option<bool>,
    /// New skin sores.
    pub new_skin_sores: Option<bool>,
    /// Free text, at most 2000 characters.
    pub note: Option<String>,
    /// Last saved (set by the caller).
    pub updated_at: Timestamp,
}

/// Home function tests on one day (`None` = not done).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HomeTestRow {
    /// Record id.
    pub id: RecordId,
    /// Day.
    pub date: String,
    /// 30-second sit-to-stand, stands.
    pub sit_to_stand_30s: Option<f64>,
    /// Timed up-and-go, seconds.
    pub timed_up_and_go_s: Option<f64>,
    /// Arm raise, seconds.
    pub arm_raise_s: Option<f64>,
    /// Last saved.
    pub updated_at: Timestamp,
}

/// An instrument entry (MMT-8, HAQ-DI, CMAS): the input as the instrument's API JSON, and the
/// key results the instruments library computed (JSON text), so lists need not re-score.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AssessmentRow {
    /// Record id.
    pub id: RecordId,
    /// Day.
    pub date: String,
    /// `<instrument id>@<revision>`, e.g. `mmt8@1`.
    pub instrument: String,
    /// The input as JSON text (validated by the instrument before storing).
    pub input_json: String,
    /// Key results as JSON text (e.g. total, missing items).
    pub results_json: String,
    /// Last saved.
    pub updated_at: Timestamp,
}

/// One lab result; numbers are the decimal text as reported, so nothing is rounded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabRow {
    /// Record id.
    pub id: RecordId,
    /// Sample day.
    pub date: String,
    /// Tracker analyte id (`ck`, `alt`, …).
    pub analyte: String,
    /// Value, decimal text (`"1234"`, `"0.85"`).
    pub value: String,
    /// UCUM unit (`U/L`, `ukat/L`).
    pub unit: String,
    /// Lower reference limit, decimal text.
    pub range_low: Option<String>,
    /// Upper reference limit, decimal text.
    pub range_high: Option<String>,
    /// Upper limit of normal alone, decimal text.
    pub uln: Option<String>,
    /// LOINC code, when cited.
    pub loinc: Option<String>,
    /// Last saved.
    pub updated_at: Timestamp,
}

/// A diagnosis with its codes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConditionRow {
    /// Record id.
    pub id: RecordId,
    /// Tracker condition id (`dermatomyositis`, …).
    pub condition: String,
    /// ICD-10-CM code, if cited.
    pub icd10cm: Option<String>,
    /// SNOMED CT code, if cited.
    pub snomed: Option<String>,
    /// Day of diagnosis, if known (the row's date for ordering and ranges).
    pub diagnosed: Option<String>,
    /// Day it resolved, if it did.
    pub resolved: Option<String>,
    /// Last saved.
    pub updated_at: Timestamp,
}

/// One antibody result.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AntibodyRow {
    /// Record id.
    pub id: RecordId,
    /// Sample day.
    pub date: String,
    /// Tracker antibody id (`tif1-gamma`, `mda5`, …).
    pub antibody: String,
    /// Outcome id as the tracker names it (`positive`, `negative`, …).
    pub outcome: String,
    /// Titre or level as printed.
    pub titre: Option<String>,
    /// LOINC code, when cited.
    pub loinc: Option<String>,
    /// Last saved.
    pub updated_at: Timestamp,
}

/// A medicine as entered (`MedicineInput` fields); the schedule is JSON text that the tracker
/// validated (`Medicine::accept`) before storing and validates again when loading.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MedicineRow {
    /// Record id.
    pub id: RecordId,
    /// Name as the person knows it.
    pub name: String,
    /// Generic name, if known.
    pub generic_name: Option<String>,
    /// RxNorm RxCUI, if known.
    pub rxcui: Option<String>,
    /// Dose per administration.
    pub dose_amount: f64,
    /// Dose unit (`mg`, …).
    pub dose_unit: String,
    /// Route id.
    pub route: String,
    /// Schedule kind (`Schedule::kind()`), for queries without parsing JSON.
    pub schedule_kind: String,
    /// Schedule as JSON text.
    pub schedule_json: String,
    /// First day.
    pub start_date: String,
    /// Last day, if stopped or planned to stop.
    pub end_date: Option<String>,
    /// Person-specific risk factor for monitoring rules (e.g. for hydroxychloroquine eye checks).
    pub risk_factor: bool,
    /// Last saved.
    pub updated_at: Timestamp,
    /// The reason given when the medicine was saved despite a warning (a dose above the usual
    /// maximum, a second medicine with the same ingredient); `None` when there was no warning.
    pub confirmation: Option<String>,
    /// Why it was stopped, when it was (stopping keeps the record; deleting removes it).
    pub stop_reason: Option<String>,
    /// The medicine record whose dose this one changes from its start date, if any.
    pub follows: Option<RecordId>,
}

/// A scheduled dose taken or missed (one per medicine, date and time: saving again replaces it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DoseEventRow {
    /// Record id.
    pub id: RecordId,
    /// The medicine (must be the same patient's, or the save is `NotFound`).
    pub medicine_id: RecordId,
    /// Scheduled local day.
    pub date: String,
    /// Scheduled local time `HH:MM`.
    pub time: String,
    /// `taken` or `missed`.
    pub outcome: String,
    /// When it was actually taken, if known.
    pub taken_at: Option<Timestamp>,
    /// Last saved.
    pub updated_at: Timestamp,
}

/// Core set measures of one visit (`None` = not assessed). Instrument inputs are JSON text in
/// the instruments' API shape; enzymes are a JSON array of `{analyte, value, uln}`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VisitRow {
    /// Record id.
    pub id: RecordId,
    /// Visit day.
    pub date: String,
    /// Physician global activity, 0–10.
    pub physician_global: Option<f64>,
    /// Patient global activity, 0–10.
    pub patient_global: Option<f64>,
    /// Extramuscular activity, 0–10.
    pub extramuscular: Option<f64>,
    /// MMT-8 input JSON.
    pub mmt8_json: Option<String>,
    /// HAQ-DI input JSON.
    pub haq_json: Option<String>,
    /// CMAS input JSON.
    pub cmas_json: Option<String>,
    /// Enzymes JSON array (`[]` when none).
    pub enzymes_json: String,
    /// Last saved.
    pub updated_at: Timestamp,
}

/// A monitoring test done (tracker `TestKind` id), for "what is due".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MonitoringTestRow {
    /// Record id.
    pub id: RecordId,
    /// Day done.
    pub date: String,
    /// `TestKind::id()`.
    pub test: String,
    /// Last saved.
    pub updated_at: Timestamp,
}

/// Any tracker record, for the kind-generic methods of [`crate::TrackerStore`].
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// Diary day.
    Diary(DiaryRow),
    /// Home tests.
    HomeTest(HomeTestRow),
    /// Instrument entry.
    Assessment(AssessmentRow),
    /// Lab result.
    Lab(LabRow),
    /// Condition.
    Condition(ConditionRow),
    /// Antibody result.
    Antibody(AntibodyRow),
    /// Medicine.
    Medicine(MedicineRow),
    /// Dose taken/missed.
    DoseEvent(DoseEventRow),
    /// Visit.
    Visit(VisitRow),
    /// Monitoring test done.
    MonitoringTest(MonitoringTestRow),
}

impl Record {
    /// The same record under another id (an edit keeps the edited record's id).
    #[must_use]
    pub fn with_id(mut self, id: RecordId) -> Record {
        match &mut self {
            Record::Diary(r) => r.id = id,
            Record::HomeTest(r) => r.id = id,
            Record::Assessment(r) => r.id = id,
            Record::Lab(r) => r.id = id,
            Record::Condition(r) => r.id = id,
            Record::Antibody(r) => r.id = id,
            Record::Medicine(r) => r.id = id,
            Record::DoseEvent(r) => r.id = id,
            Record::Visit(r) => r.id = id,
            Record::MonitoringTest(r) => r.id = id,
        }
        self
    }

    /// Which kind this is.
    #[must_use]
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Diary(_) => RecordKind::Diary,
            Record::HomeTest(_) => RecordKind::HomeTest,
            Record::Assessment(_) => RecordKind::Assessment,
            Record::Lab(_) => RecordKind::Lab,
            Record::Condition(_) => RecordKind::Condition,
            Record::Antibody(_) => RecordKind::Antibody,
            Record::Medicine(_) => RecordKind::Medicine,
            Record::DoseEvent(_) => RecordKind::DoseEvent,
            Record::Visit(_) => RecordKind::Visit,
            Record::MonitoringTest(_) => RecordKind::MonitoringTest,
        }
    }

    /// The record's id.
    #[must_use]
    pub fn id(&self) -> &RecordId {
        match self {
            Record::Diary(r) => &r.id,
            Record::HomeTest(r) => &r.id,
            Record::Assessment(r) => &r.id,
            Record::Lab(r) => &r.id,
            Record::Condition(r) => &r.id,
            Record::Antibody(r) => &r.id,
            Record::Medicine(r) => &r.id,
            Record::DoseEvent(r) => &r.id,
            Record::Visit(r) => &r.id,
            Record::MonitoringTest(r) => &r.id,
        }
    }
}

/// An earlier version of an edited record: its stored columns as they were (column name and
/// value as text; `None` = empty), numbered from 1, and when an edit replaced it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordVersion {
    /// 1 for the record as first saved, then 2, 3, …
    pub version: i64,
    /// `(column, value)` in the kind's column order.
    pub values: Vec<(String, Option<String>)>,
    /// When the next version replaced it.
    pub replaced_at: Timestamp,
}

/// A record's edit state: its current version number and when it was last edited (`None` if
/// never).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditState {
    /// The version an edit must name (one more than the versions kept).
    pub version: i64,
    /// When the last edit was saved.
    pub edited_at: Option<Timestamp>,
}

/// A patient's settings the tracker needs (one row per patient).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PatientProfile {
    /// IANA time zone name for schedules (`Europe/Berlin`).
    pub time_zone: String,
    /// Birth date, if given (FHIR `Patient.birthDate`).
    pub birth_date: Option<String>,
    /// Administrative gender as FHIR codes it, if given.
    pub sex: Option<String>,
    /// Last saved.
    pub updated_at: Timestamp,
}

/// A share link to create. The secret goes to the person once; only its hash is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewShareLink {
    /// Link id (`RecordId::random()`).
    pub id: RecordId,
    /// Whose records.
    pub patient_id: UserId,
    /// `token::hash_secret(secret)`.
    pub token_hash: String,
    /// Section ids the link shows (`symptoms`, `strength`, `labs`, …), at least one.
    pub sections: Vec<String>,
    /// Optional label the patient gave it (≤ 100 characters).
    pub label: Option<String>,
    /// Created.
    pub created_at: Timestamp,
    /// Stops working at.
    pub expires_at: Timestamp,
}

/// A stored share link.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareLink {
    /// Link id.
    pub id: RecordId,
    /// Whose records.
    pub patient_id: UserId,
    /// SHA-256 hex of the secret.
    pub token_hash: String,
    /// Sections shown.
    pub sections: Vec<String>,
    /// Label.
    pub label: Option<String>,
    /// Created.
    pub created_at: Timestamp,
    /// Stops working at.
    pub expires_at: Timestamp,
    /// Revoked at, if revoked.
    pub revoked_at: Option<Timestamp>,
    /// Successful uses so far.
    pub access_count: i64,
    /// Last successful use.
    pub last_access_at: Option<Timestamp>,
}

impl ShareLink {
    /// Neither revoked nor expired at `now` (expiry is exclusive: at `expires_at` it is dead).
    #[must_use]
    pub fn is_active(&self, now: Timestamp) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }
}

/// Someone's ongoing access to a patient's records: a clinician's (read-only), a carer's (read,
/// or read and write) or the guardian's of a child's profile (see [`crate::circle`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ClinicianGrant {
    /// Grant id.
    pub id: RecordId,
    /// The patient.
    pub patient_id: UserId,
    /// The clinician account.
    pub clinician_id: UserId,
    /// Granted (again) at.
    pub granted_at: Timestamp,
    /// Revoked at, if revoked.
    pub revoked_at: Option<Timestamp>,
    /// What the grantee is to the patient.
    pub relation: crate::circle::GrantRelation,
    /// The grantee may change records.
    pub can_write: bool,
    /// The clinician's own identifier for the patient (e.g. a hospital number), if set; seen
    /// only by that clinician.
    pub clinician_ref: Option<String>,
}

/// Everything a patient owns in the tracker: what the dashboard loads (for a date range) and
/// what CSV/FHIR export writes (everything). Each list is ordered by date, then id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PatientData {
    /// The patient.
    pub patient_id: Option<UserId>,
    /// Settings, if saved.
    pub profile: Option<PatientProfile>,
    /// Diary days.
    pub diary: Vec<DiaryRow>,
    /// Home tests.
    pub home_tests: Vec<HomeTestRow>,
    /// Instrument entries.
    pub assessments: Vec<AssessmentRow>,
    /// Lab results.
    pub labs: Vec<LabRow>,
    /// Conditions (ordered by diagnosis date; undated first).
    pub conditions: Vec<ConditionRow>,
    /// Antibody results.
    pub antibodies: Vec<AntibodyRow>,
    /// Medicines (ordered by start date; a range keeps those overlapping it).
    pub medicines: Vec<MedicineRow>,
    /// Doses taken/missed.
    pub dose_events: Vec<DoseEventRow>,
    /// Visits.
    pub visits: Vec<VisitRow>,
    /// Monitoring tests done.
    pub monitoring_tests: Vec<MonitoringTestRow>,
    /// Share links (export only; empty from `load_patient`).
    pub share_links: Vec<ShareLink>,
    /// Clinician grants (export only; empty from `load_patient`).
    pub grants: Vec<ClinicianGrant>,
}

impl PatientData {
    /// Number of tracker records (all kinds; not profile, links or grants).
    #[must_use]
    pub fn record_count(&self) -> usize {
        self.diary.len()
            + self.home_tests.len()
            + self.assessments.len()
            + self.labs.len()
            + self.conditions.len()
            + self.antibodies.len()
            + self.medicines.len()
            + self.dose_events.len()
            + self.visits.len()
            + self.monitoring_tests.len()
    }
    /// The records `load_patient(range)` would have returned, taken from data loaded for a
    /// wider range (e.g. everything), so one read serves a page that needs both: dated records
    /// by their date, conditions that were not resolved before `from` nor diagnosed after `to`,
    /// medicines that overlap the range. Profile, share links and grants are kept as they are.
    #[must_use]
    pub fn within(&self, range: &DateRange) -> PatientData {
        let from = range.from.as_deref().unwrap_or("0000-01-01");
        let to = range.to.as_deref().unwrap_or("9999-12-31");
        let on = |d: &str| d >= from && d <= to;
        fn keep<T: Clone>(rows: &[T], f: impl Fn(&T) -> bool) -> Vec<T> {
            rows.iter().filter(|r| f(r)).cloned().collect()
        }
        PatientData {
            patient_id: self.patient_id.clone(),
            profile: self.profile.clone(),
            diary: keep(&self.diary, |r| on(&r.date)),
            home_tests: keep(&self.home_tests, |r| on(&r.date)),
            assessments: keep(&self.assessments, |r| on(&r.date)),
            labs: keep(&self.labs, |r| on(&r.date)),
            conditions: keep(&self.conditions, |r| {
                r.diagnosed.as_deref().is_none_or(|d| d <= to)
                    && r.resolved.as_deref().is_none_or(|d| d >= from)
            }),
            antibodies: keep(&self.antibodies, |r| on(&r.date)),
            medicines: keep(&self.medicines, |r| {
                r.start_date.as_str() <= to && r.end_date.as_deref().is_none_or(|d| d >= from)
            }),
            dose_events: keep(&self.dose_events, |r| on(&r.date)),
            visits: keep(&self.visits, |r| on(&r.date)),
            monitoring_tests: keep(&self.monitoring_tests, |r| on(&r.date)),
            share_links: self.share_links.clone(),
            grants: self.grants.clone(),
        }
    }
}
