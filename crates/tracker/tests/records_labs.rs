//! Records validation, cited codes and unit conversion.

mod common;
use common::{d, rules};

use myo_tracker::labs::{Analyte, LabResult, RangeFlag, RefRange, Unit, convert};
use myo_tracker::records::{
    AntibodyKind, AntibodyOutcome, AntibodyResult, Condition, ConditionKind, DiaryEntry, HomeTests,
    NOTE_MAX_CHARS, Rating, Symptom,
};
use myo_tracker::rules::Status;

#[test]
fn diary_entry_keeps_unrecorded_as_none() {
    let e = DiaryEntry::new(
        d("2026-03-01"),
        &[(Rating::Weakness, 4.0), (Rating::Mood, 7.5)],
        &[(Symptom::Fever, false)],
        Some("  walked to the shop  "),
    )
    .unwrap();
    assert_eq!(e.rating(Rating::Weakness), Some(4.0));
    assert_eq!(e.rating(Rating::Pain), None);
    assert_eq!(e.symptom(Symptom::Fever), Some(false));
    assert_eq!(e.symptom(Symptom::Breathlessness), None);
    assert_eq!(e.note(), Some("walked to the shop"));
}

#[test]
fn diary_errors_name_the_field() {
    let day = d("2026-03-01");
    let e = DiaryEntry::new(day, &[(Rating::SleepQuality, 11.0)], &[], None).unwrap_err();
    assert_eq!(e.field, "ratings.sleep_quality");
    let e = DiaryEntry::new(day, &[(Rating::Pain, f64::NAN)], &[], None).unwrap_err();
    assert_eq!(e.field, "ratings.pain");
    let e =
        DiaryEntry::new(day, &[(Rating::Itch, 1.0), (Rating::Itch, 2.0)], &[], None).unwrap_err();
    assert_eq!(e.field, "ratings.itch");
    let long = "x".repeat(NOTE_MAX_CHARS + 1);
    assert_eq!(
        DiaryEntry::new(day, &[], &[], Some(&long))
            .unwrap_err()
            .field,
        "note"
    );
    let e = DiaryEntry::new(
        day,
        &[],
        &[(Symptom::Fever, true), (Symptom::Fever, false)],
        None,
    );
    assert_eq!(e.unwrap_err().field, "symptoms.fever");
}

#[test]
fn home_tests_are_range_checked() {
    let day = d("2026-03-01");
    assert!(HomeTests::new(day, Some(12), Some(9.5), Some(60.0)).is_ok());
    assert_eq!(
        HomeTests::new(day, Some(61), None, None).unwrap_err().field,
        "sit_to_stand_30s"
    );
    assert_eq!(
        HomeTests::new(day, None, Some(0.0), None)
            .unwrap_err()
            .field,
        "timed_up_and_go_s"
    );
    assert_eq!(
        HomeTests::new(day, None, None, Some(-1.0))
            .unwrap_err()
            .field,
        "arm_raise_s"
    );
}

#[test]
fn condition_codes_are_the_cited_ones() {
    let r = rules();
    let code = |k| {
        let c = Condition::new(&r, k, None);
        (
            c.snomed.map(|s| s.code),
            c.icd10cm.map(|i| (i.code, i.status)),
        )
    };
    assert_eq!(
        code(ConditionKind::JuvenileDm).0.as_deref(),
        Some("1212005")
    );
    assert_eq!(
        code(ConditionKind::AmyopathicDm),
        (
            Some("238935002".into()),
            Some(("M33.13".into(), Status::Verified))
        )
    );
    assert_eq!(code(ConditionKind::AdultDm).0.as_deref(), Some("396230008"));
    assert_eq!(code(ConditionKind::AdultDm).1.unwrap().1, Status::Partial);
    assert_eq!(
        code(ConditionKind::Polymyositis).0.as_deref(),
        Some("31384009")
    );
    assert_eq!(
        code(ConditionKind::InclusionBodyMyositis),
        (
            Some("72315009".into()),
            Some(("G72.41".into(), Status::Verified))
        )
    );
    // SNOMED 410795001 is JIA, never JDM.
    assert!(
        r.conditions
            .iter()
            .all(|c| c.snomed.as_ref().is_none_or(|s| s.code != "410795001"))
    );
}

#[test]
fn antibody_results_carry_cited_loinc_or_none() {
    let r = rules();
    let a = AntibodyResult::new(
        &r,
        AntibodyKind::Mda5,
        AntibodyOutcome::Positive,
        Some("high"),
        d("2026-01-02"),
    )
    .unwrap();
    assert_eq!(a.loinc.unwrap().code, "82424-3");
    let srp = AntibodyResult::new(
        &r,
        AntibodyKind::Srp,
        AntibodyOutcome::Negative,
        None,
        d("2026-01-02"),
    );
    assert_eq!(srp.unwrap().loinc, None, "SRP has no cited LOINC code");
    let long = "1".repeat(41);
    let e = AntibodyResult::new(
        &r,
        AntibodyKind::Jo1,
        AntibodyOutcome::Positive,
        Some(&long),
        d("2026-01-02"),
    );
    assert_eq!(e.unwrap_err().field, "titre");
}

#[test]
fn lab_results_carry_cited_loinc() {
    let r = rules();
    let ck = LabResult::new(
        &r,
        Analyte::Ck,
        850.0,
        Unit::UPerL,
        RefRange::Uln(200.0),
        d("2026-02-01"),
    )
    .unwrap();
    let loinc = ck.loinc.clone().unwrap();
    assert_eq!(
        (loinc.code.as_str(), loinc.status),
        ("2157-6", Status::Verified)
    );
    assert_eq!(ck.flag(), RangeFlag::High);
    let expected = [
        (Analyte::Aldolase, "1761-6"),
        (Analyte::Ast, "1920-8"),
        (Analyte::Alt, "1742-6"),
        (Analyte::Ldh, "2532-0"),
        (Analyte::Crp, "1988-5"),
        (Analyte::Esr, "4537-7"),
    ];
    for (a, code) in expected {
        assert_eq!(r.analyte(a).loinc.as_ref().unwrap().code, code);
    }
    assert_eq!(
        r.analyte(Analyte::Wbc).loinc,
        None,
        "no cited code: none, not a guess"
    );
}

#[test]
fn lab_validation_names_fields() {
    let r = rules();
    let day = d("2026-02-01");
    let e =
        LabResult::new(&r, Analyte::Ck, -1.0, Unit::UPerL, RefRange::NotGiven, day).unwrap_err();
    assert_eq!(e.field, "value");
    let e = LabResult::new(
        &r,
        Analyte::Ck,
        100.0,
        Unit::MgPerDl,
        RefRange::NotGiven,
        day,
    )
    .unwrap_err();
    assert_eq!(e.field, "unit");
    let bad = RefRange::Interval {
        low: 5.0,
        high: 1.0,
    };
    assert_eq!(
        LabResult::new(&r, Analyte::Crp, 1.0, Unit::MgPerL, bad, day)
            .unwrap_err()
            .field,
        "range"
    );
    let e = LabResult::new(&r, Analyte::Ck, 1.0, Unit::UPerL, RefRange::Uln(0.0), day).unwrap_err();
    assert_eq!(e.field, "range.uln");
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn unit_conversion_uses_cited_factors_both_ways() {
    let r = rules();
    let c = |a, v, f, t| convert(&r, a, v, f, t).unwrap().value;
    assert!(close(
        c(Analyte::Ck, 5.0, Unit::UkatPerL, Unit::UPerL),
        300.0
    ));
    assert!(close(
        c(Analyte::Alt, 120.0, Unit::UPerL, Unit::UkatPerL),
        2.0
    ));
    assert!(close(
        c(Analyte::Crp, 1.2, Unit::MgPerDl, Unit::MgPerL),
        12.0
    ));
    assert!(close(
        c(Analyte::Crp, 12.0, Unit::MgPerL, Unit::MgPerDl),
        1.2
    ));
    assert!(close(
        c(Analyte::Creatinine, 1.0, Unit::MgPerDl, Unit::UmolPerL),
        88.42
    ));
    assert!(close(
        c(Analyte::Creatinine, 88.42, Unit::UmolPerL, Unit::MgPerDl),
        1.0
    ));
    assert!(close(
        c(Analyte::Glucose, 5.5, Unit::MmolPerL, Unit::MgPerDl),
        99.088
    ));
    assert!(close(
        c(Analyte::Glucose, 180.16, Unit::MgPerDl, Unit::MmolPerL),
        10.0
    ));
    assert!(close(
        c(Analyte::Haemoglobin, 13.5, Unit::GPerDl, Unit::GPerL),
        135.0
    ));
    let partial = convert(&r, Analyte::Glucose, 1.0, Unit::MmolPerL, Unit::MgPerDl).unwrap();
    assert_eq!(partial.status, Status::Partial);
    assert_eq!(Unit::parse("µkat/L"), Some(Unit::UkatPerL));
    assert_eq!(Unit::parse("ukat/L"), Some(Unit::UkatPerL));
}

#[test]
fn unknown_unit_pairs_are_refused_clearly() {
    let r = rules();
    // mg/dL <-> umol/L is cited for creatinine only, not glucose.
    let e = convert(&r, Analyte::Glucose, 1.0, Unit::MgPerDl, Unit::UmolPerL).unwrap_err();
    assert_eq!(e.field, "unit");
    assert!(
        e.problem
            .contains("no cited conversion for glucose from mg/dL to umol/L"),
        "{e}"
    );
    assert!(convert(&r, Analyte::Ck, 1.0, Unit::UPerL, Unit::MgPerL).is_err());
    assert!(convert(&r, Analyte::Esr, 1.0, Unit::MmPerH, Unit::UPerL).is_err());
}

#[test]
fn converting_a_result_converts_its_range() {
    let r = rules();
    let ck = LabResult::new(
        &r,
        Analyte::Ck,
        5.0,
        Unit::UkatPerL,
        RefRange::Interval {
            low: 0.5,
            high: 3.0,
        },
        d("2026-02-01"),
    )
    .unwrap();
    let u = ck.in_unit(&r, Unit::UPerL).unwrap();
    assert!(close(u.value, 300.0));
    assert_eq!(
        u.range,
        RefRange::Interval {
            low: 30.0,
            high: 180.0
        }
    );
    assert_eq!(u.flag(), RangeFlag::High);
}

#[test]
fn a_second_diary_save_merges_and_erases_only_what_is_cleared() {
    use myo_tracker::records::{DiaryEntry, Rating, Symptom};
    let day = common::d("2026-03-01");
    let morning = DiaryEntry::new(
        day,
        &[
            (Rating::Weakness, 6.0),
            (Rating::Fatigue, 7.0),
            (Rating::Pain, 5.0),
        ],
        &[(Symptom::SwallowingTrouble, true)],
        Some("morning"),
    )
    .unwrap();
    let evening = DiaryEntry::new(day, &[(Rating::Fatigue, 8.0)], &[], Some("evening")).unwrap();
    let merged = evening.merged_onto(&morning, &[]).unwrap();
    assert_eq!(merged.rating(Rating::Weakness), Some(6.0), "kept");
    assert_eq!(merged.rating(Rating::Fatigue), Some(8.0), "updated");
    assert_eq!(
        merged.symptom(Symptom::SwallowingTrouble),
        Some(true),
        "the red flag answer stays"
    );
    assert_eq!(merged.note(), Some("evening"));
    let empty = DiaryEntry::new(day, &[], &[], None).unwrap();
    let cleared = empty
        .merged_onto(&morning, &["pain", "swallowing_trouble"])
        .unwrap();
    assert_eq!(cleared.rating(Rating::Pain), None);
    assert_eq!(cleared.symptom(Symptom::SwallowingTrouble), None);
    assert_eq!(cleared.rating(Rating::Weakness), Some(6.0));
    assert_eq!(cleared.note(), Some("morning"));
    assert_eq!(
        empty
            .merged_onto(&morning, &["strength"])
            .unwrap_err()
            .field,
        "clear"
    );
    let other = DiaryEntry::new(common::d("2026-03-02"), &[], &[], None).unwrap();
    assert!(other.merged_onto(&morning, &[]).is_err());
}
