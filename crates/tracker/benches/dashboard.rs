//! Dashboard model for a heavy record: 10 years of daily diary, 500 lab results, 40 medicines
//! (plus weekly home tests and quarterly visits). Target for the whole page including storage:
//! ≤ 50 ms; this pure part should be a small fraction of it.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use myo_instruments::Catalog;
use myo_instruments::mmt8::{Grade, GroupGrades, Input as Mmt8Input, Mode};
use myo_tracker::dashboard::dashboard;
use myo_tracker::labs::{Analyte, LabResult, RefRange, Unit};
use myo_tracker::medicines::{Dose, DoseUnit, Medicine, MedicineInput, Route, Schedule};
use myo_tracker::records::{DiaryEntry, HomeTests, Rating, Visit, VisitEnzyme};
use myo_tracker::summary::PatientRecords;
use myo_tracker::{Date, LocalTime, Rules, Weekday};

fn heavy(rules: &Rules, today: Date) -> PatientRecords {
    let mut rec = PatientRecords::default();
    let start = today.add_days(-3652);
    for i in 0..3653 {
        if i % 17 == 5 {
            continue; // a gap now and then
        }
        let v = |k: i32| f64::from((i * 7 + k * 3) % 11);
        let ratings: Vec<(Rating, f64)> = Rating::ALL
            .iter()
            .enumerate()
            .map(|(k, r)| (*r, v(k as i32)))
            .collect();
        rec.diary
            .push(DiaryEntry::new(start.add_days(i), &ratings, &[], None).expect("valid"));
    }
    for i in 0..500 {
        let a = Analyte::ALL[i % Analyte::ALL.len()];
        let unit = rules.analyte(a).unit;
        let value = 50.0 + ((i * 37) % 400) as f64;
        let lab = LabResult::new(
            rules,
            a,
            value,
            unit,
            RefRange::Uln(200.0),
            start.add_days(i as i32 * 7),
        );
        rec.labs.push(lab.expect("valid"));
    }
    let names = [
        "methotrexate",
        "azathioprine",
        "mycophenolate mofetil",
        "tacrolimus",
        "rituximab",
        "hydroxychloroquine",
        "tofacitinib",
        "prednisone",
        "folic acid",
        "calcium",
    ];
    let t8 = LocalTime::new("t", 8, 0).expect("valid");
    for i in 0..40 {
        let name = names[i % names.len()];
        let schedule = if name == "methotrexate" {
            Schedule::Weekly {
                day: Weekday::Monday,
                time: t8,
            }
        } else {
            Schedule::Daily { time: t8 }
        };
        let input = MedicineInput {
            name: format!("{name} {i}"),
            generic_name: Some(name.into()),
            rxcui: None,
            dose: Dose {
                amount: 10.0,
                unit: DoseUnit::Mg,
            },
            route: Route::Oral,
            schedule,
            start: start.add_days(i as i32 * 90),
            end: (i % 3 == 0).then(|| start.add_days(i as i32 * 90 + 200)),
        };
        rec.medicines
            .push(Medicine::accept(rules, input).expect("valid").medicine);
    }
    for w in 0..520 {
        let ht = HomeTests::new(
            start.add_days(w * 7),
            Some(10 + (w % 8) as u32),
            Some(9.0),
            None,
        );
        rec.home_tests.push(ht.expect("valid"));
    }
    for q in 0..40 {
        rec.visits.push(Visit {
            date: start.add_days(q * 91),
            physician_global: Some(4.0),
            patient_global: Some(5.0),
            extramuscular: Some(2.0),
            mmt8: Some(Mmt8Input {
                mode: Mode::Unilateral,
                grades: [GroupGrades::One(Some(Grade::Kendall(6 + i64::from(q % 5)))); 8],
            }),
            haq: None,
            cmas: None,
            enzymes: vec![VisitEnzyme {
                analyte: Analyte::Ck,
                value: 500.0,
                uln: 200.0,
            }],
        });
    }
    let _ = Unit::UPerL;
    rec
}

fn bench(c: &mut Criterion) {
    let rules = Rules::builtin().expect("rules");
    let catalog = Catalog::builtin().expect("catalog");
    let today = Date::parse("today", "2026-11-21").expect("date");
    let rec = heavy(&rules, today);
    c.bench_function("dashboard_10y_500labs_40meds", |b| {
        b.iter(|| dashboard(&rules, &catalog, black_box(&rec), today, &|_| false).expect("ok"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
