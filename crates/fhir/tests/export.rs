//! Export of a patient's records: the R4 shapes, the cited codes, and the errors.

use myo_fhir::export::input::*;
use myo_fhir::export::{ExportError, ExportOptions, audit_bundle, patient_bundle};
use myo_fhir::import::parse_patient_bundle;
use myo_fhir::validate::Validate;
use myo_fhir::{Decimal, Resource};
use serde_json::{Value, json};

fn dec(text: &str) -> Decimal {
    Decimal::new(text).unwrap()
}

fn options() -> ExportOptions {
    ExportOptions {
        base_url: "https://myo.example.org/fhir/".into(),
        generated_at: "2026-11-21T06:00:00Z".into(),
    }
}

fn methotrexate() -> Medicine {
    Medicine {
        id: "7".into(),
        name: "Methotrexate".into(),
        rxnorm: None,
        dose: dec("15"),
        dose_unit: "mg".into(),
        times_of_day: Vec::new(),
        route: Some("oral".into()),
        schedule: Schedule::Weekly { day: Weekday::Fri },
        status: MedicineStatus::Active,
        start: Some("2026-03-06".into()),
        end: None,
    }
}

/// An invented patient. Values, ranges and doses are made-up test inputs standing for what a
/// lab report or prescription would say; they are not clinical reference data.
fn records() -> PatientRecords {
    PatientRecords {
        patient: PatientInfo {
            id: "42".into(),
            name: Some("Ada Example".into()),
            birth_date: Some("1980-05-01".into()),
            gender: Some("female".into()),
        },
        diary: vec![DiaryEntry {
            id: "1".into(),
            date: "2026-11-20".into(),
            ratings: vec![
                (DiaryRating::Weakness, dec("6.5")),
                (DiaryRating::Fatigue, dec("0")),
            ],
            answers: vec![(DiaryQuestion::SwallowingTrouble, false)],
            note: Some("stairs were hard".into()),
        }],
        labs: vec![LabResult {
            id: "1".into(),
            date: "2026-11-18T08:10:00Z".into(),
            name: "Creatine kinase".into(),
            loinc: Some("2157-6".into()),
            value: dec("1250.0"),
            unit: "U/L".into(),
            low: Some(dec("39")),
            high: Some(dec("308")),
        }],
        instruments: vec![
            InstrumentResult {
                id: "1".into(),
                date: "2026-11-18".into(),
                instrument_id: "mmt8".into(),
                revision: 3,
                title: "Manual Muscle Testing (MMT-8)".into(),
                status: DefinitionStatus::Verified,
                total: Some(dec("136")),
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
                date: "2026-11-18".into(),
                instrument_id: "haq-di".into(),
                revision: 1,
                title: "HAQ-DI".into(),
                status: DefinitionStatus::Partial,
                total: None,
                unit: "{score}".into(),
                missing_items: vec!["eating".into(), "walking".into(), "hygiene".into()],
                scale: None,
            },
        ],
        measures: vec![Measure {
            id: "1".into(),
            date: "2026-11-18".into(),
            kind: MeasureKind::PhysicianGlobalActivity,
            value: dec("4.5"),
            unit: "cm".into(),
        }],
        conditions: vec![ConditionRecord {
            id: "1".into(),
            text: "Dermatomyositis".into(),
            icd10cm: Some(CodeRef {
                code: "M33.12".into(),
                display: None,
            }),
            snomed: Some(CodeRef {
                code: "396230008".into(),
                display: Some("Dermatomyositis".into()),
            }),
            status: ConditionStatus::Active,
            onset: Some("2025-09".into()),
            abatement: None,
        }],
        antibodies: vec![
            AntibodyResult {
                id: "1".into(),
                date: "2025-10-01".into(),
                antibody: "anti-MDA5".into(),
                loinc: Some("82424-3".into()),
                value: AntibodyValue::Positive,
                titre: Some("1:640 speckled".into()),
            },
            AntibodyResult {
                id: "2".into(),
                date: "2025-10-01".into(),
                antibody: "anti-TIF1-gamma".into(),
                loinc: None,
                value: AntibodyValue::Level {
                    value: dec("3.20"),
                    unit: "[arb'U]/mL".into(),
                },
                titre: None,
            },
        ],
        medicines: vec![
            methotrexate(),
            Medicine {
                id: "8".into(),
                name: "prednisone".into(),
                rxnorm: None,
                dose: dec("0"),
                dose_unit: "mg".into(),
                times_of_day: Vec::new(),
                route: None,
                schedule: Schedule::Taper {
                    steps: vec![
                        TaperStep {
                            from: "2026-10-01".into(),
                            to: "2026-10-31".into(),
                            dose: dec("20"),
                            times_per_day: 1,
                        },
                        TaperStep {
                            from: "2026-11-01".into(),
                            to: "2026-11-30".into(),
                            dose: dec("17.5"),
                            times_per_day: 1,
                        },
                    ],
                },
                status: MedicineStatus::Active,
                start: Some("2026-10-01".into()),
                end: None,
            },
            Medicine {
                id: "9".into(),
                name: "hydroxychloroquine".into(),
                rxnorm: None,
                dose: dec("200"),
                dose_unit: "mg".into(),
                times_of_day: Vec::new(),
                route: None,
                schedule: Schedule::Daily { times: 2 },
                status: MedicineStatus::Stopped,
                start: None,
                end: Some("2026-01-01".into()),
            },
        ],
        dose_events: Vec::new(),
    }
}

fn exported() -> Value {
    let bundle = patient_bundle(&records(), &options()).expect("exports");
    assert!(bundle.validate().is_empty(), "{:?}", bundle.validate());
    myo_fhir::json::to_value(&bundle).unwrap()
}

fn resource(bundle: &Value, id: &str) -> Value {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no resource {id}"))
        .clone()
}

#[test]
fn the_bundle_is_a_collection_with_the_patient_first_and_resolvable_urls() {
    let bundle = exported();
    assert_eq!(bundle["type"], "collection");
    assert_eq!(bundle["timestamp"], "2026-11-21T06:00:00Z");
    let entries = bundle["entry"].as_array().unwrap();
    // The records, then one Provenance.
    assert_eq!(entries.len(), 1 + 1 + 1 + 2 + 1 + 1 + 2 + 3 + 1);
    assert_eq!(entries[0]["resource"]["resourceType"], "Patient");
    let patient_url = myo_fhir::export::urn_uuid("42", "Patient", "p-42");
    assert_eq!(entries[0]["fullUrl"], patient_url.as_str());
    assert_eq!(bundle["meta"]["source"], "https://myo.example.org/fhir");
    let mut urls = std::collections::HashSet::new();
    for entry in entries {
        let r = &entry["resource"];
        let url = myo_fhir::export::urn_uuid(
            "42",
            r["resourceType"].as_str().unwrap(),
            r["id"].as_str().unwrap(),
        );
        assert_eq!(entry["fullUrl"], url.as_str());
        assert!(urls.insert(url), "full URLs are unique");
        if let Some(subject) = r.get("subject") {
            assert_eq!(subject["reference"], patient_url.as_str());
        }
        // Every resource has a generated XHTML narrative (R4 dom-6).
        assert_eq!(r["text"]["status"], "generated", "{r}");
        let div = r["text"]["div"].as_str().unwrap();
        assert!(div.starts_with("<div xmlns=\"http://www.w3.org/1999/xhtml\">"));
        // Every coding has a display.
        for coding in codings(r) {
            assert!(
                coding.get("display").is_some(),
                "no display: {coding} in {r}"
            );
        }
    }
    // The Provenance: every other resource was reported by the patient.
    let provenance = &entries.last().unwrap()["resource"];
    assert_eq!(provenance["resourceType"], "Provenance");
    assert_eq!(
        provenance["target"].as_array().unwrap().len(),
        entries.len() - 1
    );
    assert_eq!(
        provenance["agent"][0]["who"]["reference"],
        patient_url.as_str()
    );
    assert_eq!(
        provenance["agent"][0]["type"]["coding"][0]["code"],
        "author"
    );
    assert_eq!(provenance["recorded"], "2026-11-21T06:00:00Z");
}

/// Every `coding` object anywhere in `v`.
fn codings(v: &Value) -> Vec<&Value> {
    match v {
        Value::Object(map) => map
            .iter()
            .flat_map(|(k, v)| {
                if k == "coding" {
                    v.as_array().map(|a| a.iter().collect()).unwrap_or_default()
                } else {
                    codings(v)
                }
            })
            .collect(),
        Value::Array(items) => items.iter().flat_map(codings).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn weekly_methotrexate_is_one_intake_per_week_on_its_day_with_rxnorm() {
    let med = resource(&exported(), "med-7");
    assert_eq!(
        med["medicationCodeableConcept"],
        json!({"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"6851","display":"methotrexate"}],"text":"Methotrexate"})
    );
    assert_eq!(
        med["dosage"][0]["timing"],
        json!({"repeat":{"frequency":1,"period":1,"periodUnit":"wk","dayOfWeek":["fri"]}})
    );
    assert_eq!(
        med["dosage"][0]["doseAndRate"][0]["doseQuantity"],
        json!({"value":15,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"})
    );
    assert_eq!(med["dosage"][0]["text"], "15 mg once a week on Friday");
    assert_eq!(med["effectivePeriod"], json!({"start":"2026-03-06"}));
}

#[test]
fn a_taper_is_one_dosage_per_step_bounded_by_its_dates() {
    let med = resource(&exported(), "med-8");
    let dosage = med["dosage"].as_array().unwrap();
    assert_eq!(dosage.len(), 2);
    assert_eq!(dosage[1]["sequence"], 2);
    assert_eq!(
        dosage[1]["timing"]["repeat"],
        json!({"boundsPeriod":{"start":"2026-11-01","end":"2026-11-30"},"frequency":1,"period":1,"periodUnit":"d"})
    );
    assert_eq!(dosage[1]["doseAndRate"][0]["doseQuantity"]["value"], 17.5);
    // prednisone 8640 is a verified RxCUI.
    assert_eq!(
        med["medicationCodeableConcept"]["coding"][0]["code"],
        "8640"
    );
}

#[test]
fn a_partial_rxcui_is_never_exported() {
    let med = resource(&exported(), "med-9");
    assert_eq!(
        med["medicationCodeableConcept"],
        json!({"text":"hydroxychloroquine"})
    );
    assert_eq!(med["status"], "stopped");
    assert_eq!(med["dosage"][0]["timing"]["repeat"]["frequency"], 2);
}

#[test]
fn a_lab_result_has_loinc_ucum_and_its_reference_range() {
    let lab = resource(&exported(), "lab-1");
    assert_eq!(lab["category"][0]["coding"][0]["code"], "laboratory");
    assert_eq!(
        lab["code"],
        json!({"coding":[{"system":"http://loinc.org","code":"2157-6","display":"Creatine kinase"}],"text":"Creatine kinase"})
    );
    assert_eq!(
        lab["valueQuantity"],
        json!({"value":1250.0,"unit":"U/L","system":"http://unitsofmeasure.org","code":"U/L"})
    );
    assert_eq!(lab["referenceRange"][0]["low"]["value"], 39);
    assert_eq!(lab["referenceRange"][0]["high"]["value"], 308);
}

#[test]
fn exact_digits_reach_the_wire() {
    let bundle = patient_bundle(&records(), &options()).unwrap();
    let text = myo_fhir::to_string(&bundle).unwrap();
    assert!(text.contains(r#""value":1250.0,"#), "CK lost its digits");
    assert!(
        text.contains(r#""value":3.20,"#),
        "antibody level lost its digits"
    );
}

#[test]
fn a_diary_entry_has_only_the_items_answered() {
    let diary = resource(&exported(), "diary-1");
    assert_eq!(
        diary["code"]["coding"][0],
        json!({"system":"https://myo.invalid/fhir/CodeSystem/diary","code":"entry","display":"Daily diary entry"})
    );
    let components = diary["component"].as_array().unwrap();
    let codes: Vec<&str> = components
        .iter()
        .map(|c| c["code"]["coding"][0]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["weakness", "fatigue", "swallowing-trouble"]);
    assert_eq!(components[0]["valueQuantity"]["value"], 6.5);
    assert_eq!(components[0]["valueQuantity"]["code"], "{score}");
    assert_eq!(components[1]["valueQuantity"]["value"], 0);
    assert_eq!(components[2]["valueBoolean"], false);
    assert_eq!(diary["note"][0]["text"], "stairs were hard");
    assert_eq!(diary["effectiveDateTime"], "2026-11-20");
}

#[test]
fn an_instrument_total_names_its_definition_and_status() {
    let mmt = resource(&exported(), "instr-1");
    assert_eq!(
        mmt["code"]["coding"][0]["system"],
        "https://myo.invalid/fhir/CodeSystem/instrument"
    );
    assert_eq!(mmt["code"]["coding"][0]["code"], "mmt8");
    assert_eq!(
        mmt["extension"],
        json!([
            {"url":"https://myo.invalid/fhir/StructureDefinition/instrument-definition","valueString":"mmt8@3"},
            {"url":"https://myo.invalid/fhir/StructureDefinition/instrument-status","valueCode":"verified"}
        ])
    );
    assert_eq!(mmt["valueQuantity"]["value"], 136);
    assert_eq!(mmt["valueQuantity"]["code"], "{score}");
    // The scale says what 136 is out of.
    assert_eq!(mmt["referenceRange"][0]["high"]["value"], 150);
    assert_eq!(mmt["referenceRange"][0]["low"]["value"], 0);
    assert_eq!(
        mmt["referenceRange"][0]["text"],
        "scale 0 to 150 (bilateral)"
    );
    // A total without a known scale has no range.
    assert!(
        resource(&exported(), "instr-2")
            .get("referenceRange")
            .is_none()
    );
}

#[test]
fn a_total_that_could_not_be_scored_is_absent_not_zero() {
    let haq = resource(&exported(), "instr-2");
    assert!(haq.get("valueQuantity").is_none());
    assert_eq!(haq["dataAbsentReason"]["coding"][0]["code"], "unknown");
    assert_eq!(
        haq["note"][0]["text"],
        "not assessed: eating, walking, hygiene"
    );
    assert_eq!(haq["extension"][1]["valueCode"], "partial");
}

#[test]
fn a_condition_carries_icd10cm_and_snomed() {
    let condition = resource(&exported(), "cond-1");
    assert_eq!(
        condition["code"],
        json!({"coding":[
            {"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"M33.12","display":"Dermatomyositis"},
            {"system":"http://snomed.info/sct","code":"396230008","display":"Dermatomyositis"}],
            "text":"Dermatomyositis"})
    );
    assert_eq!(condition["clinicalStatus"]["coding"][0]["code"], "active");
    assert_eq!(condition["onsetDateTime"], "2025-09");
}

#[test]
fn antibodies_are_lab_observations_qualitative_or_quantitative() {
    let bundle = exported();
    let mda5 = resource(&bundle, "ab-1");
    assert_eq!(mda5["code"]["coding"][0]["code"], "82424-3");
    assert_eq!(
        mda5["valueCodeableConcept"],
        json!({"coding":[{"system":"http://loinc.org","code":"LA6576-8","display":"Positive"}],"text":"Positive"})
    );
    assert_eq!(mda5["component"][0]["code"]["text"], "Titre");
    assert_eq!(mda5["component"][0]["valueString"], "1:640 speckled");
    assert_eq!(mda5["interpretation"][0]["coding"][0]["code"], "POS");
    let tif = resource(&bundle, "ab-2");
    assert_eq!(tif["code"], json!({"text":"anti-TIF1-gamma"}));
    assert_eq!(tif["valueQuantity"]["code"], "[arb'U]/mL");
}

#[test]
fn the_export_imports_back_and_round_trips() {
    let bundle = patient_bundle(&records(), &options()).unwrap();
    let text = myo_fhir::to_string_pretty(&bundle).unwrap();
    let imported = parse_patient_bundle(&text).expect("imports");
    assert_eq!(imported.patient.id.as_deref(), Some("p-42"));
    assert_eq!(imported.observations.len(), 7);
    assert_eq!(imported.conditions.len(), 1);
    assert_eq!(imported.medication_statements.len(), 3);
    let again: myo_fhir::Bundle = myo_fhir::from_str(&text).unwrap();
    assert_eq!(again, bundle);
}

#[test]
fn bad_records_are_refused_naming_the_field() {
    let mut bad = records();
    bad.labs[0].id = "a b".into();
    let err = patient_bundle(&bad, &options()).unwrap_err();
    assert_eq!(
        err,
        ExportError::InvalidId {
            field: "labs[0].id".into(),
            id: "a b".into()
        }
    );

    let mut bad = records();
    bad.diary[0].ratings.push((DiaryRating::Pain, dec("10.5")));
    let err = patient_bundle(&bad, &options()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "diary[0].ratings.pain: rating 10.5 is outside 0-10"
    );

    let mut bad = records();
    bad.medicines[1].schedule = Schedule::Taper { steps: Vec::new() };
    let err = patient_bundle(&bad, &options()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "medicines[1].schedule: a taper needs at least one step"
    );

    let err = patient_bundle(
        &records(),
        &ExportOptions {
            base_url: "myo.example.org".into(),
            ..options()
        },
    )
    .unwrap_err();
    assert!(matches!(err, ExportError::BaseUrl(_)));

    let mut bad = records();
    bad.patient.id = "x".repeat(63);
    assert!(matches!(
        patient_bundle(&bad, &options()),
        Err(ExportError::InvalidId { .. })
    ));
}

#[test]
fn the_audit_log_exports_as_audit_events() {
    let log = [AuditRecord {
        id: "900".into(),
        recorded: "2026-11-21T05:59:00Z".into(),
        action: AuditAction::Read,
        actor: "share-link-17".into(),
        actor_name: Some("Dr Example (share link)".into()),
        target: Some("Observation/lab-1".into()),
        success: true,
    }];
    let bundle = audit_bundle(&log, &options()).unwrap();
    assert!(bundle.validate().is_empty());
    let Some(Resource::AuditEvent(event)) = &bundle.entry[0].resource else {
        panic!("not an AuditEvent");
    };
    let value = myo_fhir::json::to_value(event.as_ref()).unwrap();
    assert_eq!(value["type"]["code"], "rest");
    assert_eq!(value["subtype"][0]["code"], "read");
    assert_eq!(value["action"], "R");
    assert_eq!(value["outcome"], "0");
    assert_eq!(
        value["agent"][0]["who"]["identifier"]["value"],
        "share-link-17"
    );
    assert_eq!(value["agent"][0]["requestor"], true);
    assert_eq!(value["entity"][0]["what"]["reference"], "Observation/lab-1");
    assert_eq!(
        bundle.entry[0].full_url.as_deref(),
        Some(myo_fhir::export::urn_uuid("audit", "AuditEvent", "audit-900").as_str())
    );
}

#[test]
fn dose_units_are_written_as_ucum_codes() {
    let subject = myo_fhir::datatypes::Reference::default();
    for (unit, code) in [
        ("mcg", "ug"),
        ("IU", "[IU]"),
        ("mg", "mg"),
        ("g", "g"),
        ("mL", "mL"),
    ] {
        let mut m = methotrexate();
        m.name = "vitamin D".into();
        m.schedule = Schedule::Daily { times: 1 };
        m.dose_unit = unit.into();
        let s = myo_fhir::export::medication_statement(&m, &subject, "medicines[0]").unwrap();
        let v = myo_fhir::json::to_value(&s).unwrap();
        let q = &v["dosage"][0]["doseAndRate"][0]["doseQuantity"];
        assert_eq!(q["code"], code, "{unit}");
        assert_eq!(q["unit"], unit, "the unit people read stays as entered");
        assert_eq!(q["system"], "http://unitsofmeasure.org");
    }
}

#[test]
fn a_non_numeric_rxcui_is_refused_with_its_field() {
    let subject = myo_fhir::datatypes::Reference::default();
    for bad in ["not-a-code", "", "123456789", "85 21", "8640\0", "-1"] {
        let mut m = methotrexate();
        m.rxnorm = Some(bad.into());
        let e = myo_fhir::export::medication_statement(&m, &subject, "medicines[3]").unwrap_err();
        assert!(
            matches!(&e, ExportError::InvalidCode { field, .. } if field == "medicines[3].rxnorm"),
            "{bad:?}: {e}"
        );
    }
    let mut m = methotrexate();
    m.rxnorm = Some("6851".into());
    assert!(myo_fhir::export::medication_statement(&m, &subject, "m").is_ok());
}
