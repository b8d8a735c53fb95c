//! The records the export reads: small, FHIR-free structs that mirror the tracker's domain.
//!
//! They exist so this crate does not depend on `myo-tracker`: the service layer converts the
//! tracker's types into these (a thin adapter) and calls [`super::patient_bundle`]. Dates are
//! FHIR date or dateTime strings (`2026-11-21`, `2026-11-21T08:30:00+01:00`); units are UCUM
//! codes (`U/L`, `mg`, `s`, `{score}`). Ids are the tracker's ids, unique per kind of record.

use crate::decimal::Decimal;

/// Everything a patient owns, as the export reads it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PatientRecords {
    /// The person.
    pub patient: PatientInfo,
    /// Daily diary entries (a day without an entry is a gap and is not exported).
    pub diary: Vec<DiaryEntry>,
    /// Laboratory results.
    pub labs: Vec<LabResult>,
    /// Instrument results (MMT-8, HAQ-DI, CMAS, TIS, …) as computed by `myo-instruments`.
    pub instruments: Vec<InstrumentResult>,
    /// Single measures: visit global activities, home function tests.
    pub measures: Vec<Measure>,
    /// Diagnoses.
    pub conditions: Vec<ConditionRecord>,
    /// Myositis antibody results.
    pub antibodies: Vec<AntibodyResult>,
    /// Medicines with their schedules.
    pub medicines: Vec<Medicine>,
    /// Scheduled doses the person marked taken or missed.
    pub dose_events: Vec<DoseEvent>,
}

/// One scheduled dose, marked taken or missed.
#[derive(Debug, Clone, PartialEq)]
pub struct DoseEvent {
    /// Tracker id.
    pub id: String,
    /// Tracker id of the medicine (one of [`PatientRecords::medicines`]).
    pub medicine_id: String,
    /// Scheduled day (FHIR date).
    pub date: String,
    /// Scheduled local time (`HH:MM`).
    pub time: String,
    /// Taken (`true`) or missed.
    pub taken: bool,
}

/// The person the records belong to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PatientInfo {
    /// Myo's patient id.
    pub id: String,
    /// Name as the person wants it shown.
    pub name: Option<String>,
    /// Date of birth (FHIR date).
    pub birth_date: Option<String>,
    /// Administrative gender as FHIR codes it: `male`, `female`, `other`, `unknown`.
    pub gender: Option<String>,
}

/// A 0–10 diary rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiaryRating {
    /// Muscle weakness.
    Weakness,
    /// Fatigue.
    Fatigue,
    /// Pain.
    Pain,
    /// Rash.
    Rash,
    /// Itch.
    Itch,
    /// Sleep quality.
    SleepQuality,
    /// Mood.
    Mood,
}

/// A yes/no diary question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiaryQuestion {
    /// Trouble swallowing.
    SwallowingTrouble,
    /// Breathlessness.
    Breathlessness,
    /// Fever.
    Fever,
    /// New skin sores.
    NewSkinSores,
}

/// One day's diary entry. Items not answered are simply absent (never zero or "no").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DiaryEntry {
    /// Tracker id.
    pub id: String,
    /// The day (FHIR date).
    pub date: String,
    /// Ratings given, each 0–10 (fractions allowed, as the tracker stores them).
    pub ratings: Vec<(DiaryRating, Decimal)>,
    /// Yes/no answers given.
    pub answers: Vec<(DiaryQuestion, bool)>,
    /// Free-text note.
    pub note: Option<String>,
}

/// A laboratory result.
#[derive(Debug, Clone, PartialEq)]
pub struct LabResult {
    /// Tracker id.
    pub id: String,
    /// When the sample was taken (FHIR dateTime).
    pub date: String,
    /// Test name as shown, e.g. `Creatine kinase`.
    pub name: String,
    /// LOINC code where one is cited (e.g. `2157-6` for CK); `None` exports the name only.
    pub loinc: Option<String>,
    /// The value, exact.
    pub value: Decimal,
    /// UCUM unit code, e.g. `U/L`.
    pub unit: String,
    /// Lower limit of the laboratory's reference range.
    pub low: Option<Decimal>,
    /// Upper limit (alone, the upper limit of normal).
    pub high: Option<Decimal>,
}

/// Whether an instrument definition's numbers are all verified against the primary source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefinitionStatus {
    /// Every number verified.
    Verified,
    /// Some number only partially verified; receivers should know.
    Partial,
}

/// The total of a scored instrument.
#[derive(Debug, Clone, PartialEq)]
pub struct InstrumentResult {
    /// Tracker id.
    pub id: String,
    /// When it was assessed (FHIR dateTime).
    pub date: String,
    /// `myo-instruments` id, e.g. `mmt8`, `haq-di`, `cmas`, `tis-2016`.
    pub instrument_id: String,
    /// Revision of the definition that computed the total.
    pub revision: u32,
    /// Human title, e.g. `Manual Muscle Testing (MMT-8)`.
    pub title: String,
    /// Status of the definition.
    pub status: DefinitionStatus,
    /// The total; `None` when items were missing, so no total exists (missing is not normal).
    pub total: Option<Decimal>,
    /// UCUM unit of the total, usually `{score}`.
    pub unit: String,
    /// Items not assessed, named, when `total` is `None` or the total is partial.
    pub missing_items: Vec<String>,
    /// The scale the total is read on (e.g. MMT-8: 0 to 80 one side, 0 to 150 both sides),
    /// exported as the Observation's `referenceRange` with its text.
    pub scale: Option<Scale>,
}

/// The range of an instrument's total.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    /// Lowest possible total.
    pub low: Decimal,
    /// Highest possible total.
    pub high: Decimal,
    /// In words, e.g. `0 to 150 (bilateral)`.
    pub text: String,
}

/// What a [`Measure`] measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureKind {
    /// Physician global activity (core set measure, per visit).
    PhysicianGlobalActivity,
    /// Patient global activity (core set measure, per visit).
    PatientGlobalActivity,
    /// Extramuscular disease activity (core set measure, per visit).
    ExtramuscularActivity,
    /// 30-second sit-to-stand count (home test).
    SitToStand30s,
    /// Timed up-and-go in seconds (home test).
    TimedUpAndGo,
    /// Arm-raise hold in seconds (home test).
    ArmRaise,
}

/// A single numeric measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// Tracker id.
    pub id: String,
    /// When it was measured (FHIR dateTime).
    pub date: String,
    /// What was measured.
    pub kind: MeasureKind,
    /// The value, exact.
    pub value: Decimal,
    /// UCUM unit, e.g. `cm` for a 10 cm scale, `s`, `{count}`.
    pub unit: String,
}

/// A code with its display text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRef {
    /// The code, e.g. `M33.12` or `396230008`.
    pub code: String,
    /// Its display, as the code system words it.
    pub display: Option<String>,
}

/// Clinical status of a condition (R4 `condition-clinical`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConditionStatus {
    /// Active.
    Active,
    /// In remission.
    Remission,
    /// Resolved.
    Resolved,
}

/// A diagnosis.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionRecord {
    /// Tracker id.
    pub id: String,
    /// The diagnosis as written.
    pub text: String,
    /// ICD-10-CM code.
    pub icd10cm: Option<CodeRef>,
    /// SNOMED CT concept.
    pub snomed: Option<CodeRef>,
    /// Clinical status.
    pub status: ConditionStatus,
    /// Date of onset or diagnosis (FHIR dateTime).
    pub onset: Option<String>,
    /// Date it resolved (FHIR dateTime).
    pub abatement: Option<String>,
}

/// The result of an antibody test.
#[derive(Debug, Clone, PartialEq)]
pub enum AntibodyValue {
    /// Reported positive.
    Positive,
    /// Reported negative.
    Negative,
    /// Reported indeterminate (borderline).
    Indeterminate,
    /// Reported as a level.
    Level {
        /// The level, exact.
        value: Decimal,
        /// UCUM unit, e.g. `[arb'U]/mL`.
        unit: String,
    },
}

/// A myositis antibody result.
#[derive(Debug, Clone, PartialEq)]
pub struct AntibodyResult {
    /// Tracker id.
    pub id: String,
    /// When the sample was taken (FHIR dateTime).
    pub date: String,
    /// Antibody name, e.g. `anti-MDA5`.
    pub antibody: String,
    /// LOINC code where one is cited for the test reported; `None` exports the name only.
    pub loinc: Option<String>,
    /// The result.
    pub value: AntibodyValue,
    /// The titre or pattern as the laboratory reported it (e.g. `1:640 speckled`), if any.
    pub titre: Option<String>,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

/// One step of a taper plan.
#[derive(Debug, Clone, PartialEq)]
pub struct TaperStep {
    /// First day of the step (FHIR date).
    pub from: String,
    /// Last day of the step (FHIR date).
    pub to: String,
    /// Dose per intake, in the medicine's unit.
    pub dose: Decimal,
    /// Intakes per day.
    pub times_per_day: u32,
}

/// When a medicine is taken.
#[derive(Debug, Clone, PartialEq)]
pub enum Schedule {
    /// Every day, `times` intakes.
    Daily {
        /// Intakes per day.
        times: u32,
    },
    /// Once a week on `day` (the only schedule the tracker accepts for methotrexate).
    Weekly {
        /// The day.
        day: Weekday,
    },
    /// Once every `weeks` weeks, optionally on a named day.
    EveryNWeeks {
        /// Interval in weeks.
        weeks: u32,
        /// The day, if fixed.
        day: Option<Weekday>,
    },
    /// A course on listed dates (FHIR dateTimes).
    Course {
        /// The dates.
        dates: Vec<String>,
    },
    /// A taper: successive steps, each with its own dose.
    Taper {
        /// The steps, in order.
        steps: Vec<TaperStep>,
    },
}

/// Whether a medicine is being taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MedicineStatus {
    /// Being taken.
    Active,
    /// Stopped before the plan ended.
    Stopped,
    /// Course finished.
    Completed,
}

/// A medicine with its schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Medicine {
    /// Tracker id.
    pub id: String,
    /// Name as entered, e.g. `methotrexate`.
    pub name: String,
    /// RxNorm RxCUI if the tracker has one; otherwise looked up in [`crate::codes`].
    pub rxnorm: Option<String>,
    /// Dose per intake (ignored for a taper, whose steps carry their doses).
    pub dose: Decimal,
    /// UCUM unit of the dose, e.g. `mg`.
    pub dose_unit: String,
    /// Route as entered, e.g. `oral`, `subcutaneous`.
    pub route: Option<String>,
    /// The schedule.
    pub schedule: Schedule,
    /// Status.
    pub status: MedicineStatus,
    /// First day (FHIR date).
    pub start: Option<String>,
    /// Last day (FHIR date).
    pub end: Option<String>,
    /// Local times of the doses (`HH:MM:SS`, FHIR `time`), written as `timeOfDay`.
    pub times_of_day: Vec<String>,
}

/// What an audited access did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    /// Created a record.
    Create,
    /// Read (viewed, exported, shared) a record.
    Read,
    /// Changed a record.
    Update,
    /// Deleted a record.
    Delete,
}

/// One entry of Myo's audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    /// Audit entry id.
    pub id: String,
    /// When it happened (FHIR instant).
    pub recorded: String,
    /// What was done.
    pub action: AuditAction,
    /// Who did it: account id or share-link id.
    pub actor: String,
    /// Name shown for the actor.
    pub actor_name: Option<String>,
    /// The record touched, as a FHIR-style reference (`Observation/lab-7`), if any.
    pub target: Option<String>,
    /// Whether it succeeded.
    pub success: bool,
}
