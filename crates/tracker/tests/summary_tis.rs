//! Visit summary composition, TIS between two visits, and the dashboard model.

mod common;
use common::{d, rules, t};

use myo_instruments::Catalog;
use myo_instruments::mmt8::{Grade, GroupGrades, Input as Mmt8Input, Mode};
use myo_instruments::tis::{Category, Population};
use myo_tracker::Date;
use myo_tracker::dashboard::dashboard;
use myo_tracker::labs::{Analyte, LabResult, RefRange, Unit};
use myo_tracker::medicines::{Dose, DoseUnit, Medicine, MedicineInput, Route, Schedule};
use myo_tracker::records::{DiaryEntry, Rating, Symptom, Visit, VisitEnzyme};
use myo_tracker::summary::{ChangeKind, PatientRecords, Section, summarize};
use myo_tracker::tis::tis_between;

fn mmt8(grade: i64) -> Mmt8Input {
    Mmt8Input {
        mode: Mode::Unilateral,
        grades: [GroupGrades::One(Some(Grade::Kendall(grade))); 8],
    }
}

fn visit(date: &str, g: f64, mmt: Option<i64>, ck: Option<f64>) -> Visit {
    Visit {
        date: d(date),
        physician_global: Some(g),
        patient_global: Some(g),
        extramuscular: Some(g / 2.0),
        mmt8: mmt.map(mmt8),
        haq: None,
        cmas: None,
        enzymes: ck
            .map(|v| {
                vec![VisitEnzyme {
                    analyte: Analyte::Ck,
                    value: v,
                    uln: 200.0,
                }]
            })
            .unwrap_or_default(),
    }
}

#[test]
fn tis_between_two_visits_keeps_missing_measures_missing() {
    let cat = Catalog::builtin().unwrap();
    let b = visit("2026-01-10", 6.0, Some(6), Some(2000.0));
    let f = visit("2026-04-10", 2.0, Some(9), Some(300.0));
    let o = tis_between(&cat, Population::Adult, &b, &f).unwrap();
    assert!(!o.complete, "HAQ was not assessed");
    assert_eq!(o.explanation.missing, ["haq"]);
    assert!(
        o.category >= Category::Moderate,
        "{:?} {:?}",
        o.tis,
        o.category
    );
    // Nothing but globals: muscle and enzymes stay missing, never scored as normal.
    let o = tis_between(
        &cat,
        Population::Adult,
        &visit("2026-01-10", 6.0, None, None),
        &visit("2026-04-10", 2.0, None, None),
    )
    .unwrap();
    assert_eq!(o.explanation.missing, ["haq", "mmt", "enzymes"]);
    assert!(!o.complete);
}

#[test]
fn tis_errors_name_the_visit_and_field() {
    let cat = Catalog::builtin().unwrap();
    let e = tis_between(
        &cat,
        Population::Adult,
        &visit("2026-01-10", 11.0, None, None),
        &visit("2026-04-10", 2.0, None, None),
    )
    .unwrap_err();
    assert_eq!(e.field, "baseline.physician_global");
    let e = tis_between(
        &cat,
        Population::Adult,
        &visit("2026-01-10", 5.0, Some(6), None),
        &visit("2026-04-10", 2.0, Some(12), None),
    )
    .unwrap_err();
    assert!(e.field.starts_with("followup.mmt8"), "{e}");
}

fn records() -> PatientRecords {
    let r = rules();
    let mut rec = PatientRecords::default();
    for (i, w) in [3.0, 4.0, 3.0, 4.0, 8.0].iter().enumerate() {
        let date = d("2026-03-01").add_days(i as i32);
        rec.diary.push(
            DiaryEntry::new(
                date,
                &[(Rating::Weakness, *w)],
                &[(Symptom::Fever, i == 4)],
                (i == 4).then_some("stairs hard"),
            )
            .unwrap(),
        );
    }
    rec.labs.push(
        LabResult::new(
            &r,
            Analyte::Ck,
            900.0,
            Unit::UPerL,
            RefRange::Uln(200.0),
            d("2026-03-03"),
        )
        .unwrap(),
    );
    let mtx = MedicineInput {
        name: "Methotrexate".into(),
        generic_name: Some("methotrexate".into()),
        rxcui: Some("6851".into()),
        dose: Dose {
            amount: 15.0,
            unit: DoseUnit::Mg,
        },
        route: Route::Oral,
        schedule: Schedule::Weekly {
            day: myo_tracker::Weekday::Monday,
            time: t(8, 0),
        },
        start: d("2026-03-02"),
        end: None,
    };
    rec.medicines
        .push(Medicine::accept(&r, mtx).unwrap().medicine);
    rec.visits
        .push(visit("2026-03-04", 5.0, Some(7), Some(900.0)));
    rec
}

#[test]
fn visit_summary_includes_only_the_chosen_sections() {
    let (r, cat) = (rules(), Catalog::builtin().unwrap());
    let rec = records();
    let q = vec!["Can I exercise?".to_string(), "  ".to_string()];
    let s = summarize(
        &r,
        &cat,
        &rec,
        d("2026-03-01"),
        d("2026-03-10"),
        &[Section::Symptoms, Section::Flares, Section::Questions],
        &q,
    )
    .unwrap();
    assert_eq!((s.days_in_range, s.days_recorded), (10, 5));
    assert!(s.labs.is_none() && s.medicines.is_none() && s.strength.is_none());
    let sym = s.symptoms.unwrap();
    let w = &sym.ratings[0];
    assert_eq!(
        (w.recorded_days, w.max, w.last),
        (5, Some(8.0), Some((d("2026-03-05"), 8.0)))
    );
    assert_eq!(sym.ratings[1].recorded_days, 0, "fatigue never recorded");
    assert_eq!(sym.ratings[1].mean, None);
    assert_eq!(
        (sym.symptoms[2].yes_days, sym.symptoms[2].answered_days),
        (1, 5)
    );
    assert_eq!(sym.gaps, [(d("2026-03-06"), d("2026-03-10"))]);
    assert_eq!(sym.notes, [(d("2026-03-05"), "stairs hard".to_string())]);
    assert_eq!(s.flares.unwrap().len(), 1);
    assert_eq!(s.questions.unwrap(), ["Can I exercise?"]);
}

#[test]
fn visit_summary_lists_labs_medicines_and_strength() {
    let (r, cat) = (rules(), Catalog::builtin().unwrap());
    let all = [Section::Strength, Section::Labs, Section::Medicines];
    let s = summarize(
        &r,
        &cat,
        &records(),
        d("2026-03-01"),
        d("2026-03-31"),
        &all,
        &[],
    )
    .unwrap();
    let labs = s.labs.unwrap();
    assert_eq!(
        (labs.len(), labs[0].analyte, labs[0].out_of_range),
        (1, Analyte::Ck, 1)
    );
    let meds = s.medicines.unwrap();
    assert_eq!(meds.taken[0].schedule, "weekly");
    assert_eq!(
        (meds.changes[0].kind, meds.changes[0].date),
        (ChangeKind::Started, d("2026-03-02"))
    );
    assert_eq!(s.strength.unwrap().visits[0].1.mmt8_total, Some(56));
    assert_eq!(
        summarize(
            &r,
            &cat,
            &records(),
            d("2026-03-31"),
            d("2026-03-01"),
            &all,
            &[]
        )
        .unwrap_err()
        .field,
        "to"
    );
}

#[test]
fn dashboard_has_numbers_four_charts_and_flags_overdue_monitoring() {
    let (r, cat) = (rules(), Catalog::builtin().unwrap());
    let dash = dashboard(&r, &cat, &records(), d("2026-03-10"), &|_| false).unwrap();
    assert_eq!((dash.diary_days_last_30, dash.active_medicines), (5, 1));
    assert_eq!(dash.charts.len(), 4);
    assert!(
        dash.charts
            .iter()
            .all(|c| myo_tracker::charts::render(c).contains("role=\"img\""))
    );
    // Methotrexate started 2026-03-02 with no blood counts, liver or kidney tests: overdue.
    assert_eq!(dash.overdue, 3);
    assert_eq!(dash.recent_flares.len(), 1);
}

#[test]
fn taper_steps_show_as_medicine_changes() {
    let (r, cat) = (rules(), Catalog::builtin().unwrap());
    let mg = |x| Dose {
        amount: x,
        unit: DoseUnit::Mg,
    };
    let steps = vec![
        myo_tracker::medicines::TaperStep {
            dose: mg(40.0),
            days: 14,
        },
        myo_tracker::medicines::TaperStep {
            dose: mg(35.0),
            days: 14,
        },
    ];
    let input = MedicineInput {
        name: "Prednisone".into(),
        generic_name: None,
        rxcui: None,
        dose: mg(40.0),
        route: Route::Oral,
        schedule: Schedule::Taper {
            steps,
            time: t(8, 0),
        },
        start: d("2026-01-25"),
        end: None,
    };
    let mut rec = PatientRecords::default();
    rec.medicines
        .push(Medicine::accept(&r, input).unwrap().medicine);
    let s = summarize(
        &r,
        &cat,
        &rec,
        d("2026-02-01"),
        d("2026-03-31"),
        &[Section::Medicines],
        &[],
    )
    .unwrap();
    let kinds: Vec<(Date, ChangeKind)> = s
        .medicines
        .unwrap()
        .changes
        .iter()
        .map(|c| (c.date, c.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            (d("2026-02-08"), ChangeKind::TaperStep(mg(35.0))),
            (d("2026-02-22"), ChangeKind::TaperEnded)
        ]
    );
}

#[test]
fn generic_name_is_found_in_the_name_for_monitoring() {
    let r = rules();
    let input = MedicineInput {
        name: "Mycophenolate mofetil 500 mg".into(),
        generic_name: None,
        rxcui: None,
        dose: Dose {
            amount: 500.0,
            unit: DoseUnit::Mg,
        },
        route: Route::Oral,
        schedule: Schedule::SeveralDaily {
            times: vec![t(8, 0), t(20, 0)],
        },
        start: d("2026-01-01"),
        end: None,
    };
    let m = Medicine::accept(&r, input).unwrap().medicine;
    assert_eq!(m.generic_key(), Some("mycophenolate mofetil"));
}
