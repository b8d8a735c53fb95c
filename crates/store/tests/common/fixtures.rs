//! Tracker rows for tests: one filled-in sample of every record kind.

use std::sync::Arc;

use myo_store::{
    AntibodyRow, AssessmentRow, AuditEntry, ConditionRow, DiaryRow, DoseEventRow, HomeTestRow,
    LabRow, MedicineRow, MonitoringTestRow, Outcome, Record, RecordId, RecordKind, Store,
    Timestamp, UserId, VisitRow,
};

/// A fixed instant so runs are reproducible.
pub fn at(ms: i64) -> Timestamp {
    Timestamp::from_millis(1_763_700_000_000 + ms)
}

/// An audit entry for a tracker change by the patient (patient id left for the store to fill).
pub fn change(action: &str, kind: RecordKind, id: &str, actor: &UserId) -> AuditEntry {
    AuditEntry::new(at(0), action, kind.table(), Some(id), Outcome::Success)
        .by(Some(actor.as_str()), "patient")
}

/// A sample record of `kind` on `date`; dose events refer to `medicine`.
pub fn sample(kind: RecordKind, date: &str, medicine: &RecordId) -> Record {
    let id = RecordId::random();
    let updated_at = at(1);
    match kind {
        RecordKind::Diary => Record::Diary(DiaryRow {
            id,
            date: date.into(),
            weakness: Some(4.0),
            fatigue: Some(0.1 + 0.2),
            pain: Some(0.0),
            rash: None,
            itch: Some(10.0),
            sleep_quality: Some(7.5),
            mood: None,
            swallowing_trouble: Some(false),
            breathlessness: Some(true),
            fever: None,
            new_skin_sores: Some(false),
            note: Some("stairs were hard; «ça va» ✓".into()),
            updated_at,
        }),
        RecordKind::HomeTest => Record::HomeTest(HomeTestRow {
            id,
            date: date.into(),
            sit_to_stand_30s: Some(11.0),
            timed_up_and_go_s: Some(9.4),
            arm_raise_s: None,
            updated_at,
        }),
        RecordKind::Assessment => Record::Assessment(AssessmentRow {
            id,
            date: date.into(),
            instrument: "mmt8@1".into(),
            input_json: r#"{"grades":{"deltoid":9}}"#.into(),
            results_json: r#"{"total":null,"missing":["neck_flexors"]}"#.into(),
            updated_at,
        }),
        RecordKind::Lab => Record::Lab(LabRow {
            id,
            date: date.into(),
            analyte: "ck".into(),
            value: "1234.50".into(),
            unit: "U/L".into(),
            range_low: Some("39".into()),
            range_high: Some("308".into()),
            uln: None,
            loinc: Some("2157-6".into()),
            updated_at,
        }),
        RecordKind::Condition => Record::Condition(ConditionRow {
            id,
            condition: "dermatomyositis".into(),
            icd10cm: Some("M33.10".into()),
            snomed: None,
            diagnosed: Some(date.into()),
            resolved: None,
            updated_at,
        }),
        RecordKind::Antibody => Record::Antibody(AntibodyRow {
            id,
            date: date.into(),
            antibody: "tif1-gamma".into(),
            outcome: "positive".into(),
            titre: Some("1:160".into()),
            loinc: None,
            updated_at,
        }),
        RecordKind::Medicine => Record::Medicine(MedicineRow {
            id,
            name: "Methotrexate".into(),
            generic_name: Some("methotrexate".into()),
            rxcui: Some("6851".into()),
            dose_amount: 15.0,
            dose_unit: "mg".into(),
            route: "oral".into(),
            schedule_kind: "weekly".into(),
            schedule_json: r#"{"kind":"weekly","day":"fri","time":"08:00"}"#.into(),
            start_date: date.into(),
            end_date: None,
            risk_factor: false,
            updated_at,
            confirmation: Some("my rheumatologist raised the dose".into()),
            stop_reason: None,
            follows: None,
        }),
        RecordKind::DoseEvent => Record::DoseEvent(DoseEventRow {
            id,
            medicine_id: medicine.clone(),
            date: date.into(),
            time: "08:00".into(),
            outcome: "taken".into(),
            taken_at: Some(at(2)),
            updated_at,
        }),
        RecordKind::Visit => Record::Visit(VisitRow {
            id,
            date: date.into(),
            physician_global: Some(3.5),
            patient_global: None,
            extramuscular: Some(2.0),
            mmt8_json: None,
            haq_json: Some(r#"{"answers":[0,1]}"#.into()),
            cmas_json: None,
            enzymes_json: r#"[{"analyte":"ck","value":900,"uln":308}]"#.into(),
            updated_at,
        }),
        RecordKind::MonitoringTest => Record::MonitoringTest(MonitoringTestRow {
            id,
            date: date.into(),
            test: "cbc".into(),
            updated_at,
        }),
    }
}

/// Creates one record of every kind for `patient` on `date` (the medicine first, so the dose
/// event can name it) and returns them as stored.
pub async fn one_of_each(store: &Arc<dyn Store>, patient: &UserId, date: &str) -> Vec<Record> {
    let medicine = sample(RecordKind::Medicine, date, &RecordId::random());
    let medicine = store
        .create_record(
            patient,
            &medicine,
            &change("create", RecordKind::Medicine, "m", patient),
        )
        .await
        .expect("create medicine");
    let mut out = vec![medicine.clone()];
    for kind in RecordKind::ALL {
        if kind == RecordKind::Medicine {
            continue;
        }
        let record = sample(kind, date, medicine.id());
        let stored = store
            .create_record(patient, &record, &change("create", kind, "r", patient))
            .await
            .unwrap_or_else(|e| panic!("create {kind:?}: {e}"));
        out.push(stored);
    }
    out
}

/// An urgent red flag raised by the diary entry of `date`.
pub fn red_flag(date: &str) -> myo_store::RedFlagRow {
    myo_store::RedFlagRow {
        id: RecordId::random(),
        date: date.into(),
        tier: "urgent".into(),
        rule_id: "swallowing-difficulty".into(),
        title: "New or worse trouble swallowing".into(),
        action: "Contact your care team today.".into(),
        raised_at: at(5),
        resolved_at: None,
        resolved_by: None,
    }
}
