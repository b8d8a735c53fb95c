//! Every record kind, declared once: the place to add a kind or a column.
//!
//! Each entry names the kind's `Record`/`RecordKind` variant and row type, its `PatientData`
//! list and table, then (when not the defaults: no natural key, listed by `date`) the natural
//! key a new row replaces an old one on and the list's range and order, then each stored
//! column in order: `field [as "column"]: check [=> csv ["header"]]`. The store's SQL
//! (insert, upsert, update, get, delete, lists), the row codec, the record versions' fields
//! and the CSV export's columns are all derived from it (see [`super::tables`]). A new column
//! also needs its migration on both backends (`migrations/{sqlite,postgres}`).

use super::tables::*;
use super::values::{Check::*, Stored, Val};
use crate::db::RowExt;
use crate::error::Result;
use crate::tracker_model::{
    AntibodyRow, AssessmentRow, ConditionRow, DiaryRow, DoseEventRow, HomeTestRow, LabRow,
    MedicineRow, MonitoringTestRow, PatientData, Record, RecordKind, VisitRow,
};

record_kinds! {
    Diary(DiaryRow) in diary, "diary_entries" key("date") {
        date: Date => csv,
        weakness: Any => csv,
        fatigue: Any => csv,
        pain: Any => csv,
        rash: Any => csv,
        itch: Any => csv,
        sleep_quality: Any => csv,
        mood: Any => csv,
        swallowing_trouble: Any => csv,
        breathlessness: Any => csv,
        fever: Any => csv,
        new_skin_sores: Any => csv,
        note: Text(2000) => csv,
        updated_at: Any,
    }
    HomeTest(HomeTestRow) in home_tests, "home_tests" {
        date: Date => csv,
        sit_to_stand_30s: Any => csv,
        timed_up_and_go_s: Any => csv,
        arm_raise_s: Any => csv,
        updated_at: Any,
    }
    Assessment(AssessmentRow) in assessments, "assessments" {
        date: Date => csv,
        instrument: Text(100) => csv,
        input_json: Json => csv "input",
        results_json: Json => csv "results",
        updated_at: Any,
    }
    Lab(LabRow) in labs, "lab_results" {
        date: Date => csv,
        analyte: Text(100) => csv,
        value: Decimal => csv,
        unit: Text(40) => csv,
        range_low: Decimal => csv,
        range_high: Decimal => csv,
        uln: Decimal => csv,
        loinc: Text(40) => csv,
        updated_at: Any,
    }
    Condition(ConditionRow) in conditions, "conditions"
        range "(diagnosed IS NULL OR diagnosed <= $3) AND (resolved IS NULL OR resolved >= $2)"
        order "COALESCE(diagnosed, ''), id"
    {
        condition: Text(100) => csv,
        icd10cm: Text(40) => csv,
        snomed: Text(40) => csv,
        diagnosed: Date => csv,
        resolved: Date => csv,
        updated_at: Any,
    }
    Antibody(AntibodyRow) in antibodies, "antibody_results" {
        date: Date => csv,
        antibody: Text(100) => csv,
        outcome: Text(40) => csv,
        titre: Text(40) => csv,
        loinc: Text(40) => csv,
        updated_at: Any,
    }
    Medicine(MedicineRow) in medicines, "medicines"
        range "start_date <= $3 AND (end_date IS NULL OR end_date >= $2)"
        order "start_date, id"
    {
        name: Text(120) => csv,
        generic_name: Text(120) => csv,
        rxcui: Text(20) => csv,
        dose_amount: Any => csv,
        dose_unit: Text(40) => csv,
        route: Text(40) => csv,
        schedule_kind: Text(40) => csv,
        schedule_json: Json => csv "schedule",
        start_date: Date => csv "start",
        end_date: Date => csv "end",
        risk_factor: Any => csv,
        updated_at: Any,
        confirmation: Text(2000) => csv,
        stop_reason: Text(2000) => csv,
        follows: Any => csv,
    }
    DoseEvent(DoseEventRow) in dose_events, "dose_events"
        key("medicine_id", "date", "scheduled_time") order "date, scheduled_time, id"
    {
        medicine_id: Any => csv,
        date: Date => csv,
        time as "scheduled_time": Time => csv "time",
        outcome: OneOf(&["taken", "missed"]) => csv,
        taken_at: Any => csv,
        // The time the dose was ticked (recorded as taken or missed; again replaces it).
        updated_at: Any => csv "ticked_at",
    }
    Visit(VisitRow) in visits, "visits" {
        date: Date => csv,
        physician_global: Any => csv,
        patient_global: Any => csv,
        extramuscular: Any => csv,
        mmt8_json: Json => csv "mmt8",
        haq_json: Json => csv "haq",
        cmas_json: Json => csv "cmas",
        enzymes_json: Json => csv "enzymes",
        updated_at: Any,
    }
    MonitoringTest(MonitoringTestRow) in monitoring_tests, "monitoring_tests" {
        date: Date,
        test: Text(100),
        updated_at: Any,
    }
}
