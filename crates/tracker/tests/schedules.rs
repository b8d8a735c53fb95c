//! Schedules: the weekly methotrexate guard, every-N-weeks, tapers across month ends and DST,
//! and the dose log.

mod common;
use common::{d, rules, t};

use myo_tracker::Weekday;
use myo_tracker::medicines::{
    Dose, DoseOutcome, DoseRecord, DoseUnit, Medicine, MedicineInput, Route, Schedule, TaperStep,
    Zone, adherence, expand, missed_doses, reconcile,
};

fn mg(x: f64) -> Dose {
    Dose {
        amount: x,
        unit: DoseUnit::Mg,
    }
}

fn input(name: &str, schedule: Schedule) -> MedicineInput {
    MedicineInput {
        name: name.into(),
        generic_name: None,
        rxcui: None,
        dose: mg(15.0),
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
        day: Weekday::Monday,
        time: t(8, 0),
    }
}

#[test]
fn daily_methotrexate_is_refused_with_an_explanation() {
    let r = rules();
    for name in [
        "Methotrexate 2.5 mg tablets",
        "Otrexup",
        "MTX",
        "rasuvo pen",
    ] {
        let e = Medicine::accept(&r, input(name, daily())).unwrap_err();
        assert_eq!(e.field, "schedule.kind", "{name}");
        assert!(e.problem.contains("methotrexate"), "{}", e.problem);
        assert!(e.problem.contains("daily"), "{}", e.problem);
        assert!(e.allowed.contains("weekly"));
    }
    let mut by_rxcui = input("my weekly pills", daily());
    by_rxcui.rxcui = Some("6851".into());
    assert_eq!(
        Medicine::accept(&r, by_rxcui).unwrap_err().field,
        "schedule.kind"
    );
    let mut by_generic = input("Trex", daily());
    by_generic.generic_name = Some("Methotrexate".into());
    assert!(Medicine::accept(&r, by_generic).is_err());
    for other in [
        Schedule::SeveralDaily {
            times: vec![t(8, 0), t(20, 0)],
        },
        Schedule::EveryNWeeks {
            n: 2,
            time: t(8, 0),
        },
        Schedule::Course {
            dates: vec![d("2026-01-05")],
            time: t(8, 0),
        },
        Schedule::Taper {
            steps: vec![TaperStep {
                dose: mg(10.0),
                days: 7,
            }],
            time: t(8, 0),
        },
    ] {
        assert_eq!(
            Medicine::accept(&r, input("methotrexate", other))
                .unwrap_err()
                .field,
            "schedule.kind"
        );
    }
}

#[test]
fn weekly_methotrexate_is_accepted_with_the_folic_acid_suggestion() {
    let r = rules();
    let a = Medicine::accept(&r, input("Methotrexate", weekly())).unwrap();
    assert_eq!(a.suggestions.len(), 1);
    assert!(a.suggestions[0].english.contains("Folic acid"));
    assert!(a.suggestions[0].english.contains("other days"));
    assert_eq!(a.medicine.generic_key(), Some("methotrexate"));
}

#[test]
fn other_medicines_are_not_caught_by_the_guard() {
    let r = rules();
    for name in [
        "Folic acid 5 mg",
        "Prednisone",
        "Hydroxychloroquine",
        "Metformin",
    ] {
        let a = Medicine::accept(&r, input(name, daily())).unwrap();
        assert!(a.suggestions.is_empty(), "{name}");
    }
}

#[test]
fn schedule_and_dose_errors_name_the_field() {
    let r = rules();
    let mut bad = input("Prednisone", daily());
    bad.dose = mg(0.0);
    assert_eq!(Medicine::accept(&r, bad).unwrap_err().field, "dose.amount");
    let mut bad = input("Prednisone", daily());
    bad.end = Some(d("2026-01-01"));
    assert_eq!(Medicine::accept(&r, bad).unwrap_err().field, "end");
    let bad = input(
        "Tacrolimus",
        Schedule::SeveralDaily {
            times: vec![t(8, 0), t(8, 0)],
        },
    );
    assert_eq!(
        Medicine::accept(&r, bad).unwrap_err().field,
        "schedule.times"
    );
    let bad = input(
        "IVIG",
        Schedule::EveryNWeeks {
            n: 0,
            time: t(9, 0),
        },
    );
    assert_eq!(Medicine::accept(&r, bad).unwrap_err().field, "schedule.n");
    let steps = vec![
        TaperStep {
            dose: mg(40.0),
            days: 14,
        },
        TaperStep {
            dose: mg(35.0),
            days: 0,
        },
    ];
    let bad = input(
        "Prednisone",
        Schedule::Taper {
            steps,
            time: t(8, 0),
        },
    );
    assert_eq!(
        Medicine::accept(&r, bad).unwrap_err().field,
        "schedule.steps[1].days"
    );
    assert_eq!(
        Medicine::accept(&r, input(" ", daily())).unwrap_err().field,
        "name"
    );
}

fn med(i: MedicineInput) -> Medicine {
    Medicine::accept(&rules(), i).unwrap().medicine
}

fn dates(doses: &[myo_tracker::medicines::ScheduledDose]) -> Vec<String> {
    doses.iter().map(|x| x.date.to_string()).collect()
}

#[test]
fn weekly_falls_on_the_named_day() {
    let z = Zone::named("tz", "Europe/London").unwrap();
    let m = med(input(
        "Methotrexate",
        Schedule::Weekly {
            day: Weekday::Friday,
            time: t(19, 30),
        },
    ));
    let doses = expand(&m, &z, d("2026-01-01"), d("2026-01-31")).unwrap();
    assert_eq!(
        dates(&doses),
        ["2026-01-09", "2026-01-16", "2026-01-23", "2026-01-30"]
    );
    assert!(doses.iter().all(|x| x.date.weekday() == Weekday::Friday));
}

#[test]
fn every_n_weeks_counts_from_the_start_across_month_and_year_ends() {
    let z = Zone::named("tz", "UTC").unwrap();
    let mut i = input(
        "IVIG",
        Schedule::EveryNWeeks {
            n: 4,
            time: t(9, 0),
        },
    );
    i.start = d("2025-11-28");
    let doses = expand(&med(i), &z, d("2025-11-01"), d("2026-03-31")).unwrap();
    assert_eq!(
        dates(&doses),
        [
            "2025-11-28",
            "2025-12-26",
            "2026-01-23",
            "2026-02-20",
            "2026-03-20"
        ]
    );
    // 12-week injections (intervals > 31 days work).
    let mut i = input(
        "Rituximab",
        Schedule::EveryNWeeks {
            n: 12,
            time: t(9, 0),
        },
    );
    i.start = d("2026-01-31");
    let doses = expand(&med(i), &z, d("2026-01-01"), d("2026-12-31")).unwrap();
    assert_eq!(
        dates(&doses),
        ["2026-01-31", "2026-04-25", "2026-07-18", "2026-10-10"]
    );
}

#[test]
fn taper_steps_cross_month_ends_and_stop_after_the_last_step() {
    let z = Zone::named("tz", "America/New_York").unwrap();
    let steps = vec![
        TaperStep {
            dose: mg(40.0),
            days: 14,
        },
        TaperStep {
            dose: mg(35.0),
            days: 14,
        },
        TaperStep {
            dose: mg(30.0),
            days: 14,
        },
        TaperStep {
            dose: mg(25.0),
            days: 14,
        },
    ];
    let mut i = input(
        "Prednisone",
        Schedule::Taper {
            steps,
            time: t(8, 0),
        },
    );
    i.start = d("2026-01-25");
    let doses = expand(&med(i), &z, d("2026-01-01"), d("2026-06-30")).unwrap();
    assert_eq!(doses.len(), 56);
    let at = |s: &str| {
        doses
            .iter()
            .find(|x| x.date == d(s))
            .map(|x| (x.dose.amount, x.step))
    };
    assert_eq!(at("2026-01-24"), None);
    assert_eq!(at("2026-01-25"), Some((40.0, Some(0))));
    assert_eq!(at("2026-01-31"), Some((40.0, Some(0))));
    assert_eq!(at("2026-02-07"), Some((40.0, Some(0))));
    assert_eq!(at("2026-02-08"), Some((35.0, Some(1))));
    assert_eq!(at("2026-02-21"), Some((35.0, Some(1))));
    assert_eq!(at("2026-02-22"), Some((30.0, Some(2))));
    assert_eq!(at("2026-02-28"), Some((30.0, Some(2))));
    assert_eq!(at("2026-03-01"), Some((30.0, Some(2))));
    assert_eq!(at("2026-03-07"), Some((30.0, Some(2))));
    assert_eq!(at("2026-03-08"), Some((25.0, Some(3))));
    assert_eq!(at("2026-03-21"), Some((25.0, Some(3))));
    assert_eq!(at("2026-03-22"), None);
    // The US DST change (2026-03-08) falls inside the taper: still 08:00 local, new offset.
    let before = doses.iter().find(|x| x.date == d("2026-03-07")).unwrap();
    let after = doses.iter().find(|x| x.date == d("2026-03-08")).unwrap();
    assert_eq!(
        (before.utc_offset_seconds, after.utc_offset_seconds),
        (-5 * 3600, -4 * 3600)
    );
    assert_eq!(after.unix_seconds - before.unix_seconds, 23 * 3600);
    assert_eq!(after.time, t(8, 0));
}

#[test]
fn an_eight_oclock_dose_stays_at_eight_across_dst_both_ways() {
    let z = Zone::named("tz", "Europe/Berlin").unwrap();
    let m = med(input("Prednisone", daily()));
    let doses = expand(&m, &z, d("2026-03-28"), d("2026-03-30")).unwrap();
    let offs: Vec<i32> = doses.iter().map(|x| x.utc_offset_seconds).collect();
    assert_eq!(offs, [3600, 7200, 7200]);
    // 2026-03-28 08:00 CET = 07:00Z.
    assert_eq!(doses[0].unix_seconds, 1_774_681_200);
    assert_eq!(doses[1].unix_seconds - doses[0].unix_seconds, 23 * 3600);
    assert_eq!(doses[2].unix_seconds - doses[1].unix_seconds, 24 * 3600);
    let autumn = expand(&m, &z, d("2026-10-24"), d("2026-10-26")).unwrap();
    assert_eq!(autumn[1].unix_seconds - autumn[0].unix_seconds, 25 * 3600);
    assert!(
        autumn
            .iter()
            .chain(&doses)
            .all(|x| x.time == t(8, 0) && !x.shifted)
    );
}

#[test]
fn a_dose_in_the_spring_forward_gap_is_moved_and_marked() {
    let z = Zone::named("tz", "Europe/Berlin").unwrap();
    let m = med(input("Prednisone", Schedule::Daily { time: t(2, 30) }));
    let doses = expand(&m, &z, d("2026-03-29"), d("2026-03-29")).unwrap();
    assert!(doses[0].shifted);
    // 02:30 does not exist; 03:30 CEST = 01:30Z.
    assert_eq!(doses[0].unix_seconds % 86_400, 3600 + 1800);
}

#[test]
fn several_daily_and_courses_expand_in_order() {
    let z = Zone::named("tz", "Asia/Tokyo").unwrap();
    let m = med(input(
        "Tacrolimus",
        Schedule::SeveralDaily {
            times: vec![t(20, 0), t(8, 0)],
        },
    ));
    let doses = expand(&m, &z, d("2026-01-30"), d("2026-02-01")).unwrap();
    assert_eq!(doses.len(), 6);
    assert_eq!((doses[0].time, doses[1].time), (t(8, 0), t(20, 0)));
    let mut i = input(
        "Rituximab",
        Schedule::Course {
            dates: vec![d("2026-01-20"), d("2026-01-06")],
            time: t(9, 0),
        },
    );
    i.end = Some(d("2026-01-31"));
    let doses = expand(&med(i), &z, d("2026-01-01"), d("2026-12-31")).unwrap();
    assert_eq!(dates(&doses), ["2026-01-06", "2026-01-20"]);
}

#[test]
fn bad_zone_and_range_are_refused() {
    assert_eq!(
        Zone::named("time_zone", "Mars/Olympus").unwrap_err().field,
        "time_zone"
    );
    let z = Zone::named("tz", "UTC").unwrap();
    let m = med(input("Prednisone", daily()));
    assert_eq!(
        expand(&m, &z, d("2026-02-01"), d("2026-01-01"))
            .unwrap_err()
            .field,
        "to"
    );
}

#[test]
fn dose_log_keeps_unrecorded_apart_from_missed() {
    let z = Zone::named("tz", "UTC").unwrap();
    let m = med(input("Methotrexate", weekly()));
    let doses = expand(&m, &z, d("2026-01-05"), d("2026-01-25")).unwrap();
    let records = [
        DoseRecord {
            date: d("2026-01-05"),
            time: t(8, 0),
            outcome: DoseOutcome::Taken,
        },
        DoseRecord {
            date: d("2026-01-12"),
            time: t(8, 0),
            outcome: DoseOutcome::Missed,
        },
    ];
    let st = reconcile(&doses, &records);
    let a = adherence(&st);
    assert_eq!((a.taken, a.missed, a.not_recorded), (1, 1, 1));
    let guidance = "If you remember within 2 days, take it then.";
    let missed = missed_doses(&st, Some(guidance));
    assert_eq!(missed.len(), 1);
    assert_eq!(missed[0].dose.date, d("2026-01-12"));
    assert_eq!(missed[0].guidance.as_deref(), Some(guidance));
}

#[test]
fn local_time_holds_all_year_in_many_zones() {
    let m = med(input("Prednisone", daily()));
    for name in [
        "Europe/Berlin",
        "America/New_York",
        "America/Sao_Paulo",
        "Australia/Sydney",
        "Australia/Lord_Howe",
        "Asia/Kolkata",
        "Pacific/Auckland",
    ] {
        let z = Zone::named("tz", name).unwrap();
        let doses = expand(&m, &z, d("2026-01-05"), d("2027-01-04")).unwrap();
        assert_eq!(doses.len(), 365, "{name}");
        for w in doses.windows(2) {
            let local = w[1].unix_seconds + i64::from(w[1].utc_offset_seconds);
            assert_eq!(local.rem_euclid(86_400), 8 * 3600, "{name} {}", w[1].date);
            assert_eq!(
                local.div_euclid(86_400),
                i64::from(w[1].date.days_since_epoch())
            );
            assert_eq!(w[0].date.days_until(w[1].date), 1);
        }
    }
}

#[test]
fn rxcuis_must_be_rxnorm_numbers() {
    let r = rules();
    for bad in [
        "not-a-code",
        "5521a",
        "123456789",
        "-6851",
        "65 21",
        "6851\0",
        "６８５１",
    ] {
        let mut m = input("prednisolone", daily());
        m.rxcui = Some(bad.into());
        let e = Medicine::accept(&r, m).unwrap_err();
        assert_eq!(e.field, "rxcui", "{bad:?}");
    }
    for good in [Some("8640"), Some(" 8640 "), Some(""), None] {
        let mut m = input("prednisone", daily());
        m.rxcui = good.map(str::to_owned);
        assert!(Medicine::accept(&r, m).is_ok(), "{good:?}");
    }
}
