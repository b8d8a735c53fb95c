//! Monitoring-due rules and the rule files' citations.

mod common;
use common::{d, rules};

use myo_tracker::Date;
use myo_tracker::monitoring::{DueKind, DueState, MonitoredMedicine, TestKind, due_items};

fn med<'a>(name: &'a str, start: &str) -> MonitoredMedicine<'a> {
    MonitoredMedicine {
        generic_name: name,
        start: d(start),
        stopped: None,
        risk_factors: false,
    }
}

fn tests_of(items: &[myo_tracker::monitoring::DueItem]) -> Vec<TestKind> {
    let mut t: Vec<TestKind> = items.iter().map(|i| i.test).collect();
    t.sort();
    t
}

#[test]
fn methotrexate_needs_counts_liver_and_kidney_before_starting() {
    let r = rules();
    let items = due_items(
        &r,
        &[med("methotrexate", "2026-01-01")],
        d("2025-12-20"),
        &|_| None,
    );
    assert_eq!(
        tests_of(&items),
        [
            TestKind::FullBloodCount,
            TestKind::LiverTests,
            TestKind::KidneyFunction
        ]
    );
    assert!(
        items
            .iter()
            .all(|i| i.kind == DueKind::Baseline && i.due == d("2026-01-01"))
    );
    assert!(items.iter().all(|i| i.state == DueState::DueSoon));
    assert!(
        items
            .iter()
            .all(|i| !i.sources.is_empty() && i.rule_date == d("2026-11-21"))
    );
}

#[test]
fn missing_baseline_becomes_overdue_and_is_flagged() {
    let r = rules();
    let items = due_items(
        &r,
        &[med("methotrexate", "2026-01-01")],
        d("2026-01-10"),
        &|_| None,
    );
    assert!(
        items
            .iter()
            .all(|i| i.state == DueState::Overdue && i.days_overdue == 9)
    );
    assert!(
        items[0].explanation.starts_with("OVERDUE by 9 days"),
        "{}",
        items[0].explanation
    );
}

#[test]
fn methotrexate_intervals_widen_as_treatment_goes_on() {
    let r = rules();
    let m = [med("methotrexate", "2026-01-01")];
    let due_after = |last: &str, today: &str| {
        let last = d(last);
        let items = due_items(&r, &m, d(today), &|_| Some(last));
        let fbc = items
            .iter()
            .find(|i| i.test == TestKind::FullBloodCount)
            .unwrap()
            .clone();
        (fbc.due, fbc.kind, fbc.state)
    };
    // Baseline a few days before the start counts; then every 2 weeks.
    assert_eq!(
        due_after("2025-12-28", "2026-01-05"),
        (d("2026-01-15"), DueKind::Repeat, DueState::DueSoon)
    );
    // Week 5: still 2-weekly.
    assert_eq!(due_after("2026-02-05", "2026-02-06").0, d("2026-02-19"));
    // Week 8: monthly.
    assert_eq!(due_after("2026-02-26", "2026-02-27").0, d("2026-03-26"));
    // Week 20: every 12 weeks.
    assert_eq!(
        due_after("2026-05-21", "2026-05-22"),
        (d("2026-08-13"), DueKind::Repeat, DueState::Upcoming)
    );
    // A result older than the look-back window does not count as the baseline.
    assert_eq!(due_after("2025-06-01", "2025-12-01").1, DueKind::Baseline);
}

#[test]
fn azathioprine_needs_tpmt_once_then_it_is_done() {
    let r = rules();
    let m = [med("azathioprine", "2026-03-01")];
    let items = due_items(&r, &m, d("2026-02-20"), &|_| None);
    assert!(
        items
            .iter()
            .any(|i| i.test == TestKind::Tpmt && i.kind == DueKind::Baseline)
    );
    let items = due_items(&r, &m, d("2026-03-20"), &|t| {
        (t == TestKind::Tpmt).then(|| d("2026-02-25"))
    });
    let tpmt = items.iter().find(|i| i.test == TestKind::Tpmt).unwrap();
    assert_eq!((tpmt.state, tpmt.due), (DueState::Done, d("2026-02-25")));
    let tpmt_rule = tpmt
        .sources
        .iter()
        .map(|s| s.id.as_str())
        .collect::<Vec<_>>();
    assert!(tpmt_rule.contains(&"c3-cpic-thiopurines-2018"));
}

#[test]
fn tacrolimus_rituximab_and_jak_rules() {
    let r = rules();
    let today = d("2026-01-01");
    let tac = due_items(&r, &[med("tacrolimus", "2026-01-10")], today, &|_| None);
    assert_eq!(
        tests_of(&tac),
        [
            TestKind::KidneyFunction,
            TestKind::BloodPressure,
            TestKind::Glucose
        ]
    );
    let rtx = due_items(&r, &[med("rituximab", "2026-01-10")], today, &|_| None);
    assert_eq!(
        tests_of(&rtx),
        [
            TestKind::FullBloodCount,
            TestKind::HepatitisB,
            TestKind::Immunoglobulins
        ]
    );
    let jak = due_items(&r, &[med("tofacitinib", "2026-01-10")], today, &|_| None);
    assert!(tests_of(&jak).contains(&TestKind::Lipids));
    let bari = due_items(&r, &[med("Baricitinib", "2026-01-10")], today, &|_| None);
    assert!(tests_of(&bari).contains(&TestKind::Lipids));
    // Lipids after the baseline: 8 weeks for tofacitinib.
    let after = due_items(
        &r,
        &[med("tofacitinib", "2026-01-10")],
        d("2026-01-20"),
        &|_| Some(d("2026-01-08")),
    );
    let lipids = after.iter().find(|i| i.test == TestKind::Lipids).unwrap();
    assert_eq!(lipids.due, d("2026-03-07"));
    // Immunoglobulins about every 6 months.
    let ig = due_items(
        &r,
        &[med("rituximab", "2026-01-10")],
        d("2026-02-01"),
        &|_| Some(d("2026-01-05")),
    );
    let ig = ig
        .iter()
        .find(|i| i.test == TestKind::Immunoglobulins)
        .unwrap();
    assert_eq!(ig.due, d("2026-07-11"));
}

#[test]
fn hydroxychloroquine_eyes_baseline_then_yearly_after_five_years() {
    let r = rules();
    let start = "2026-01-01";
    let m = [med("hydroxychloroquine", start)];
    let items = due_items(&r, &m, d("2026-02-01"), &|_| None);
    assert_eq!(items.len(), 1);
    assert_eq!(
        (items[0].test, items[0].kind),
        (TestKind::EyeScreening, DueKind::Baseline)
    );
    assert_eq!(
        items[0].due,
        d("2027-01-01"),
        "baseline within the first year"
    );
    assert_eq!(items[0].status, myo_tracker::Status::Verified);
    // After a baseline exam: nothing until 5 years (260 weeks) after the start.
    let after = due_items(&r, &m, d("2026-06-01"), &|_| Some(d("2026-03-01")));
    assert_eq!(after[0].due, d(start).add_days(260 * 7));
    assert_eq!(after[0].state, DueState::Upcoming);
    // Then yearly.
    let later = due_items(&r, &m, d("2031-06-01"), &|_| Some(d("2031-01-10")));
    assert_eq!(later[0].due, d("2031-01-10").add_days(52 * 7));
    // With risk factors: yearly from the start.
    let risky = [MonitoredMedicine {
        risk_factors: true,
        ..m[0].clone()
    }];
    let r1 = due_items(&r, &risky, d("2026-06-01"), &|_| Some(d("2026-03-01")));
    assert_eq!(r1.len(), 1);
    assert_eq!(r1[0].due, d("2026-03-01").add_days(52 * 7));
    assert_eq!(r1[0].rule_id, "hydroxychloroquine-eyes-risk");
}

#[test]
fn stopped_or_unknown_medicines_have_no_items() {
    let r = rules();
    let stopped = MonitoredMedicine {
        stopped: Some(d("2026-02-01")),
        ..med("methotrexate", "2025-01-01")
    };
    assert!(due_items(&r, &[stopped], d("2026-03-01"), &|_| None).is_empty());
    assert!(
        due_items(
            &r,
            &[med("paracetamol", "2026-01-01")],
            d("2026-03-01"),
            &|_| None
        )
        .is_empty()
    );
}

#[test]
fn overdue_items_sort_first() {
    let r = rules();
    let meds = [
        med("hydroxychloroquine", "2026-01-01"),
        med("methotrexate", "2026-01-01"),
    ];
    let items = due_items(&r, &meds, d("2026-01-10"), &|_| None);
    assert_eq!(items[0].state, DueState::Overdue);
    assert_eq!(items.last().unwrap().test, TestKind::EyeScreening);
}

/// Every source id in the rule files must exist in the KB source registry.
#[test]
fn rule_sources_resolve_in_the_kb_registry() {
    let registry: toml::Value = toml::from_str(include_str!("../../../kb/sources.toml")).unwrap();
    let ids: Vec<&str> = registry["source"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let r = rules();
    let used = r
        .monitoring
        .rules
        .iter()
        .flat_map(|x| x.sources.iter())
        .chain(r.weekly_only.iter().flat_map(|w| w.sources.iter()));
    for s in used {
        assert!(ids.contains(&s.id.as_str()), "unknown source id {}", s.id);
        assert!(!s.locator.is_empty());
    }
}

/// The methotrexate guard's identity must match the KB drug guide.
#[test]
fn methotrexate_identity_matches_the_kb_drug_guide() {
    let md = include_str!("../../../kb/drugs/methotrexate.md");
    let front = md.split("+++").nth(1).unwrap();
    let v: toml::Value = toml::from_str(front).unwrap();
    let drug = &v["drug"];
    let r = rules();
    let w = &r.weekly_only[0];
    assert_eq!(drug["generic_name"].as_str(), Some(w.generic_name.as_str()));
    assert_eq!(drug["rxnorm"].as_str(), Some(w.rxcui.as_str()));
    assert_eq!(drug["frequency"].as_str(), Some("weekly"));
    let brands: Vec<&str> = drug["brand_names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    assert_eq!(brands, w.brand_names);
}

#[test]
fn rules_parse_and_reject_broken_files() {
    let r = rules();
    assert_eq!(r.monitoring.version, 1);
    let bad = myo_tracker::rules::MONITORING_TOML.replace("test = \"tpmt\"", "test = \"tmpt\"");
    let e = myo_tracker::Rules::parse(myo_tracker::rules::REFERENCE_TOML, &bad).unwrap_err();
    assert!(e.problem.contains("unknown test 'tmpt'"), "{e}");
    let bad = myo_tracker::rules::REFERENCE_TOML.replace("factor = 60.0", "factor = -60.0");
    assert!(myo_tracker::Rules::parse(&bad, myo_tracker::rules::MONITORING_TOML).is_err());
    let _: Date = r.monitoring.date;
}
