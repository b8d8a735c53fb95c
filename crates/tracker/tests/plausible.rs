//! Dose plausibility (usual ranges read from the KB drug guides, not copied), physiologically
//! possible lab values and future dates.

mod common;

use common::{d, rules, t};
use myo_tracker::Weekday;
use myo_tracker::labs::{Analyte, Unit};
use myo_tracker::medicines::{Dose, DoseUnit, MedicineInput, Route, Schedule};
use myo_tracker::plausible::{
    DoseBasis, DoseVerdict, UsualDose, check_dose, check_not_future, check_possible,
};

/// The usual dose from a KB drug guide's `[drug].typical_adult_dose` table.
fn usual(file: &str) -> UsualDose {
    let path = format!("{}/../../kb/drugs/{file}.md", env!("CARGO_MANIFEST_DIR"));
    let md = std::fs::read_to_string(&path).unwrap();
    let front = md.split("+++").nth(1).unwrap();
    let v: toml::Value = toml::from_str(front).unwrap();
    let drug = &v["drug"];
    let dose = &drug["typical_adult_dose"];
    UsualDose {
        generic_name: drug["generic_name"].as_str().unwrap().into(),
        min: dose["min"].as_float().unwrap(),
        max: dose["max"].as_float().unwrap(),
        unit: match dose["unit"].as_str().unwrap() {
            "mg" => DoseUnit::Mg,
            "g" => DoseUnit::G,
            "mcg" => DoseUnit::Mcg,
            "IU" => DoseUnit::Iu,
            _ => DoseUnit::Ml,
        },
        basis: DoseBasis::parse(dose["basis"].as_str().unwrap()).unwrap(),
        source: myo_tracker::Phrase::new(
            format!("kb/drugs/{file}.md"),
            myo_tracker::Worded::new("dose-source-guide").text("guide", file),
        ),
    }
}

fn med(name: &str, amount: f64, unit: DoseUnit, schedule: Schedule) -> MedicineInput {
    MedicineInput {
        name: name.into(),
        generic_name: None,
        rxcui: None,
        dose: Dose { amount, unit },
        route: Route::Oral,
        schedule,
        start: d("2026-01-05"),
        end: None,
    }
}

fn daily() -> Schedule {
    Schedule::Daily { time: t(8, 0) }
}

fn weekly() -> Schedule {
    Schedule::Weekly {
        day: Weekday::Friday,
        time: t(8, 0),
    }
}

#[test]
fn prednisone_2000_mg_daily_is_refused_naming_the_dose() {
    let r = rules();
    let p = usual("prednisone");
    for (amount, unit) in [
        (2000.0, DoseUnit::Mg),
        (2.0, DoseUnit::G),
        (2_000_000.0, DoseUnit::Mcg),
    ] {
        let e = check_dose(&r, &med("Prednisone", amount, unit, daily()), &p).unwrap_err();
        assert_eq!(e.field, "dose.amount");
        assert!(e.problem.contains("prednisone"), "{e}");
    }
    // Twice a day counts as the day's total.
    let two = Schedule::SeveralDaily {
        times: vec![t(8, 0), t(20, 0)],
    };
    assert!(check_dose(&r, &med("Prednisone", 600.0, DoseUnit::Mg, two), &p).is_err());
}

#[test]
fn prednisolone_has_its_own_cited_range() {
    let r = rules();
    let p = usual("prednisolone");
    assert_eq!(p.generic_name, "prednisolone");
    assert_eq!(p.basis, DoseBasis::PerDay);
    // 2000 mg a day, however it is written down, is refused naming the dose.
    for (amount, unit) in [
        (2000.0, DoseUnit::Mg),
        (2.0, DoseUnit::G),
        (2_000_000.0, DoseUnit::Mcg),
        (601.0, DoseUnit::Mg),
    ] {
        let e = check_dose(&r, &med("Prednisolone", amount, unit, daily()), &p).unwrap_err();
        assert_eq!(e.field, "dose.amount");
        assert!(e.problem.contains("prednisolone"), "{e}");
    }
    // A usual dose passes; above the label's highest usual dose asks for confirmation.
    assert_eq!(
        check_dose(&r, &med("Prednisolone", 40.0, DoseUnit::Mg, daily()), &p).unwrap(),
        DoseVerdict::Usual
    );
    assert!(matches!(
        check_dose(&r, &med("Prednisolone", 80.0, DoseUnit::Mg, daily()), &p).unwrap(),
        DoseVerdict::AboveUsual { .. }
    ));
    // Split doses count as the day's total: 4 × 200 mg is 800 mg a day.
    let four = Schedule::SeveralDaily {
        times: vec![t(6, 0), t(12, 0), t(18, 0), t(22, 0)],
    };
    assert!(check_dose(&r, &med("Prednisolone", 200.0, DoseUnit::Mg, four), &p).is_err());
}

#[test]
fn usual_and_above_usual_doses() {
    let r = rules();
    let p = usual("prednisone");
    assert_eq!(
        check_dose(&r, &med("Prednisone", 60.0, DoseUnit::Mg, daily()), &p).unwrap(),
        DoseVerdict::Usual
    );
    assert!(matches!(
        check_dose(&r, &med("Prednisone", 150.0, DoseUnit::Mg, daily()), &p).unwrap(),
        DoseVerdict::AboveUsual { .. }
    ));
    let m = usual("methotrexate");
    assert_eq!(
        check_dose(&r, &med("Methotrexate", 20.0, DoseUnit::Mg, weekly()), &m).unwrap(),
        DoseVerdict::Usual
    );
    let DoseVerdict::AboveUsual { message } =
        check_dose(&r, &med("Methotrexate", 30.0, DoseUnit::Mg, weekly()), &m).unwrap()
    else {
        panic!("30 mg a week is above the usual maximum")
    };
    assert!(message.english.contains("a week"), "{message}");
    assert!(check_dose(&r, &med("Methotrexate", 300.0, DoseUnit::Mg, weekly()), &m).is_err());
    // A dose in millilitres cannot be compared with a range in mg.
    assert_eq!(
        check_dose(&r, &med("Methotrexate", 7.5, DoseUnit::Ml, weekly()), &m).unwrap(),
        DoseVerdict::NotChecked
    );
    // A per-day range judges a daily schedule's weekly total by the day.
    let h = usual("hydroxychloroquine");
    assert_eq!(
        check_dose(&r, &med("Plaquenil", 200.0, DoseUnit::Mg, daily()), &h).unwrap(),
        DoseVerdict::Usual
    );
    assert!(check_dose(&r, &med("Plaquenil", 20.0, DoseUnit::G, daily()), &h).is_err());
}

#[test]
fn lab_values_outside_the_possible_range_are_refused() {
    let r = rules();
    assert!(check_possible(&r, Analyte::Ck, 1850.0, Unit::UPerL).is_ok());
    assert!(check_possible(&r, Analyte::Ck, 1.85, Unit::UPerL).is_ok());
    let e = check_possible(&r, Analyte::Ck, 1_850_000.0, Unit::UPerL).unwrap_err();
    assert_eq!(e.field, "value");
    assert!(e.allowed.contains("500000"), "{e}");
    // Converted before comparing: 10000 µkat/L is 600000 U/L.
    assert!(check_possible(&r, Analyte::Ck, 10_000.0, Unit::UkatPerL).is_err());
    assert!(check_possible(&r, Analyte::Ck, 30.0, Unit::UkatPerL).is_ok());
    // g/dL typed as g/L.
    assert!(check_possible(&r, Analyte::Haemoglobin, 13.5, Unit::GPerL).is_err());
    assert!(check_possible(&r, Analyte::Haemoglobin, 13.5, Unit::GPerDl).is_ok());
    assert!(check_possible(&r, Analyte::Esr, 250.0, Unit::MmPerH).is_err());
    assert_eq!(r.possible.len(), Analyte::ALL.len());
    assert!(r.possible.iter().all(|p| !p.source.is_empty()));
}

#[test]
fn future_dates_are_refused() {
    let today = d("2026-12-07");
    assert!(check_not_future("date", d("2026-12-07"), today).is_ok());
    assert!(check_not_future("date", d("2026-12-06"), today).is_ok());
    let e = check_not_future("date", d("2027-06-01"), today).unwrap_err();
    assert_eq!(e.field, "date");
    assert!(e.problem.contains("future"));
}

#[test]
fn today_is_the_persons_today() {
    use myo_tracker::medicines::Zone;
    // 2026-12-07T02:00Z is still 6 December in New York and already 7 December in Tokyo.
    let at = 1_796_608_800;
    let ny = Zone::named("time_zone", "America/New_York").unwrap();
    let tokyo = Zone::named("time_zone", "Asia/Tokyo").unwrap();
    assert_eq!(ny.date_at(at), Some(d("2026-12-06")));
    assert_eq!(tokyo.date_at(at), Some(d("2026-12-07")));
}
