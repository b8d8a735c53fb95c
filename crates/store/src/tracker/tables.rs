//! Each record kind's table: its columns, range and order ([`Spec`]), the SQL built from them,
//! and the row codec ([`values`] out, [`decode`] in).

use super::values::*;
use crate::db::{RowExt, opt_ts, ts};
use crate::error::{Result, StoreError};
use crate::model::{AuditEntry, Timestamp, UserId};
use crate::tracker_model::{
    AntibodyRow, AssessmentRow, ConditionRow, DateRange, DiaryRow, DoseEventRow, HomeTestRow,
    LabRow, MedicineRow, MonitoringTestRow, PatientData, Record, RecordId, RecordKind, VisitRow,
};

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

/// The columns a record kind is stored in, in order, without `id` and `patient_id` (which
/// every table has): the one list that the store's SQL and the exports derive from.
#[must_use]
pub fn record_columns(kind: RecordKind) -> &'static [&'static str] {
    spec(kind).cols
}

impl Spec {
    pub(super) fn select(&self) -> String {
        format!("id, {}", self.cols.join(", "))
    }

    pub(super) fn insert_sql(&self) -> String {
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

    pub(super) fn list_sql(&self) -> String {
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

pub(super) fn check_time(field: &'static str, t: &str) -> Result<()> {
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

pub(super) fn diary_from(row: &impl RowExt, id: RecordId) -> Result<DiaryRow> {
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
