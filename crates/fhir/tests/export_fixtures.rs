//! The committed export fixtures (`tests/fixtures/export/`) are exactly what the export writes
//! today, so the independent validators that `scripts/interop-check` runs over them (HL7's R4
//! JSON Schema and `fhir.resources` 6.4.0) check the real output.
//!
//! After an intended change to the export, rewrite them with
//! `MYO_BLESS=1 cargo test -p myo-fhir --test export_fixtures` and review the diff.

use myo_fhir::Decimal;
use myo_fhir::export::input::*;
use myo_fhir::export::{ExportOptions, audit_bundle, patient_bundle};
use myo_fhir::validate::Validate;

fn dec(text: &str) -> Decimal {
    Decimal::new(text).unwrap()
}

fn options() -> ExportOptions {
    ExportOptions {
        base_url: "https://myo.example.org/fhir".into(),
        generated_at: "2026-12-07T00:53:53.860Z".into(),
    }
}

fn medicine(id: &str, name: &str, dose: &str, unit: &str, schedule: Schedule) -> Medicine {
    Medicine {
        id: id.into(),
        name: name.into(),
        rxnorm: None,
        dose: dec(dose),
        dose_unit: unit.into(),
        times_of_day: vec!["08:00:00".into()],
        route: Some("oral".into()),
        schedule,
        status: MedicineStatus::Active,
        start: Some("2026-08-20".into()),
        end: None,
    }
}

/// An invented patient with one record of every kind the export writes, and the units and
/// results the interoperability review found wanting (IU, mcg, a titre, a typed RxCUI).
fn rich_patient() -> PatientRecords {
    let mut folic = medicine("4", "folic acid", "1", "mg", Schedule::Daily { times: 1 });
    folic.rxnorm = Some("4511".into());
    PatientRecords {
        patient: PatientInfo {
            id: "a531954e837765e00171054f63c6bee9".into(),
            name: Some("Test Patient \"Probe\" <O'Brien> & co".into()),
            birth_date: Some("1980-04-02".into()),
            gender: Some("female".into()),
        },
        diary: vec![DiaryEntry {
            id: "1".into(),
            date: "2026-11-20".into(),
            ratings: vec![
                (DiaryRating::Weakness, dec("6")),
                (DiaryRating::SleepQuality, dec("7.5")),
            ],
            answers: vec![(DiaryQuestion::SwallowingTrouble, true)],
            note: Some("=HYPERLINK(\"x\") café µ – tab\there".into()),
        }],
        labs: vec![
            LabResult {
                id: "1".into(),
                date: "2026-08-20".into(),
                name: "Creatine kinase (CK)".into(),
                loinc: Some("2157-6".into()),
                value: dec("4850"),
                unit: "U/L".into(),
                low: Some(dec("30")),
                high: Some(dec("200")),
            },
            LabResult {
                id: "2".into(),
                date: "2026-09-01".into(),
                name: "Creatine kinase (CK)".into(),
                loinc: Some("2157-6".into()),
                value: dec("35"),
                unit: "ukat/L".into(),
                low: None,
                high: Some(dec("3.3")),
            },
        ],
        instruments: vec![
            InstrumentResult {
                id: "1".into(),
                date: "2026-08-20".into(),
                instrument_id: "mmt8".into(),
                revision: 1,
                title: "Manual Muscle Testing (MMT-8)".into(),
                status: DefinitionStatus::Verified,
                total: Some(dec("101")),
                unit: "{score}".into(),
                missing_items: Vec::new(),
                scale: Some(Scale {
                    low: dec("0"),
                    high: dec("150"),
                    text: "0 to 150 (bilateral)".into(),
                }),
            },
            InstrumentResult {
                id: "2".into(),
                date: "2026-09-01".into(),
                instrument_id: "haq-di".into(),
                revision: 1,
                title: "HAQ Disability Index".into(),
                status: DefinitionStatus::Partial,
                total: None,
                unit: "{score}".into(),
                missing_items: vec!["eating".into(), "walking".into()],
                scale: None,
            },
        ],
        measures: vec![Measure {
            id: "1-pg".into(),
            date: "2026-08-20".into(),
            kind: MeasureKind::PhysicianGlobalActivity,
            value: dec("6"),
            unit: "{score}".into(),
        }],
        conditions: vec![ConditionRecord {
            id: "1".into(),
            text: "Dermatomyositis (adult)".into(),
            icd10cm: None,
            snomed: Some(CodeRef {
                code: "396230008".into(),
                display: None,
            }),
            status: ConditionStatus::Active,
            onset: Some("2026-08-20".into()),
            abatement: None,
        }],
        antibodies: vec![
            AntibodyResult {
                id: "1".into(),
                date: "2026-08-20".into(),
                antibody: "anti-Mi-2".into(),
                loinc: None,
                value: AntibodyValue::Positive,
                titre: None,
            },
            AntibodyResult {
                id: "2".into(),
                date: "2026-08-20".into(),
                antibody: "anti-MDA5".into(),
                loinc: Some("82424-3".into()),
                value: AntibodyValue::Negative,
                titre: None,
            },
            AntibodyResult {
                id: "3".into(),
                date: "2026-08-20".into(),
                antibody: "ANA".into(),
                loinc: None,
                value: AntibodyValue::Positive,
                titre: Some("1:640 speckled".into()),
            },
            AntibodyResult {
                id: "4".into(),
                date: "2026-08-20".into(),
                antibody: "anti-HMGCR".into(),
                loinc: None,
                value: AntibodyValue::Indeterminate,
                titre: Some("=2+3".into()),
            },
        ],
        medicines: vec![
            medicine(
                "1",
                "Methotrexate",
                "15",
                "mg",
                Schedule::Weekly { day: Weekday::Fri },
            ),
            Medicine {
                schedule: Schedule::Taper {
                    steps: vec![
                        TaperStep {
                            from: "2026-08-20".into(),
                            to: "2026-09-02".into(),
                            dose: dec("60"),
                            times_per_day: 1,
                        },
                        TaperStep {
                            from: "2026-09-03".into(),
                            to: "2026-09-16".into(),
                            dose: dec("50"),
                            times_per_day: 1,
                        },
                    ],
                },
                ..medicine("2", "prednisone", "60", "mg", Schedule::Daily { times: 1 })
            },
            medicine("3", "vitamin D", "1000", "IU", Schedule::Daily { times: 1 }),
            folic,
            medicine(
                "5",
                "cyanocobalamin",
                "1000",
                "mcg",
                Schedule::Daily { times: 1 },
            ),
            medicine(
                "6",
                "IVIG",
                "2",
                "g",
                Schedule::Course {
                    dates: vec!["2026-10-01".into(), "2026-10-02".into()],
                },
            ),
        ],
        dose_events: vec![
            DoseEvent {
                id: "d1".into(),
                medicine_id: "1".into(),
                date: "2026-11-27".into(),
                time: "08:00".into(),
                taken: true,
            },
            DoseEvent {
                id: "d2".into(),
                medicine_id: "1".into(),
                date: "2026-12-04".into(),
                time: "08:00".into(),
                taken: false,
            },
        ],
    }
}

fn audit() -> Vec<AuditRecord> {
    vec![AuditRecord {
        id: "900".into(),
        recorded: "2026-12-07T00:50:00Z".into(),
        action: AuditAction::Read,
        actor: "share-link-17".into(),
        actor_name: Some("Dr <Chen>".into()),
        target: Some("Observation/lab-1".into()),
        success: true,
    }]
}

fn check(name: &str, text: &str) {
    let path = format!(
        "{}/tests/fixtures/export/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("MYO_BLESS").is_some() {
        std::fs::create_dir_all(format!(
            "{}/tests/fixtures/export",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        std::fs::write(&path, text).unwrap();
    }
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}; write it with MYO_BLESS=1"));
    assert!(
        committed == text,
        "{path} is out of date; rewrite it with MYO_BLESS=1 and review the diff"
    );
}

#[test]
fn the_rich_patient_fixture_is_current() {
    let bundle = patient_bundle(&rich_patient(), &options()).unwrap();
    assert!(bundle.validate().is_empty(), "{:?}", bundle.validate());
    let mut text = myo_fhir::to_string_pretty(&bundle).unwrap();
    text.push('\n');
    check("rich-patient.json", &text);
}

#[test]
fn the_audit_fixture_is_current() {
    let bundle = audit_bundle(&audit(), &options()).unwrap();
    let mut text = myo_fhir::to_string_pretty(&bundle).unwrap();
    text.push('\n');
    check("audit.json", &text);
}
