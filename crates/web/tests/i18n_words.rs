//! The tracker writes its monitoring and flare explanations in English itself, and the
//! catalogue words them for every language: the English catalogue must say exactly what the
//! tracker says, for every kind of line (baseline before or after starting, done with no repeat,
//! repeats after a last result, overdue or not; a diary rise or drop, a CK rise).

use std::collections::BTreeMap;
use std::sync::Arc;

use myo_api::tracker::{DiaryEntryDto, LabResultDto};
use myo_tracker::Date;
use myo_tracker::monitoring::{DueState, MonitoredMedicine, Reason, due_items};
use myo_tracker::rules::Rules;
use myo_web::i18n::{Catalog, Lang, Tr};
use myo_web::tracker::{due_words, flare_words};

fn d(s: &str) -> Date {
    Date::parse("test", s).expect("date")
}

fn tr(lang: Lang) -> Tr {
    Tr::new(Arc::new(Catalog::builtin().expect("catalogue loads")), lang)
}

#[test]
fn monitoring_lines_in_english_are_the_trackers_words() {
    let rules = Rules::builtin().expect("rules");
    let en = tr(Lang::En);
    let es = tr(Lang::Es);
    let start = d("2026-01-05");
    let mut drugs: Vec<String> = rules
        .monitoring
        .rules
        .iter()
        .flat_map(|r| r.drugs.clone())
        .collect();
    drugs.sort();
    drugs.dedup();
    let mut seen = std::collections::HashSet::new();
    let mut checked = 0;
    for drug in &drugs {
        for risk in [false, true] {
            let med = MonitoredMedicine {
                generic_name: drug,
                start,
                stopped: None,
                risk_factors: risk,
            };
            for today in ["2026-01-04", "2026-01-20", "2026-06-30", "2027-03-01"] {
                for last in [None, Some("2026-01-02"), Some("2026-02-10")] {
                    let last = last.map(d);
                    let items = due_items(&rules, std::slice::from_ref(&med), d(today), &|_| last);
                    for item in items {
                        let test = due_words::test_name(&en, &item);
                        assert_eq!(
                            due_words::explanation(&en, &item, &test),
                            item.explanation,
                            "{drug} {today} {last:?}"
                        );
                        let spanish = due_words::explanation(&es, &item, &test);
                        assert_ne!(spanish, item.explanation, "not translated");
                        let kind = match item.reason {
                            Reason::Baseline { within_days: 0 } => "baseline-before",
                            Reason::Baseline { .. } => "baseline-within",
                            Reason::DoneNoRepeat => "done",
                            Reason::Repeat { last: None, .. } => "repeat",
                            Reason::Repeat { last: Some(_), .. } => "repeat-last",
                        };
                        seen.insert((kind, item.state == DueState::Overdue));
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} lines");
    for want in [
        ("baseline-before", false),
        ("baseline-within", true),
        ("repeat-last", true),
        ("repeat-last", false),
        ("done", false),
    ] {
        assert!(seen.contains(&want), "no {want:?} line among {seen:?}");
    }
}

fn diary(date: &str, rating: &str, v: f64) -> myo_tracker::records::DiaryEntry {
    DiaryEntryDto {
        date: date.into(),
        ratings: BTreeMap::from([(rating.to_owned(), v)]),
        symptoms: BTreeMap::new(),
        note: None,
        clear: Vec::new(),
    }
    .to_domain()
    .expect("entry")
}

#[test]
fn flare_lines_in_english_are_the_trackers_words() {
    let rules = Rules::builtin().expect("rules");
    let en = tr(Lang::En);
    let es = tr(Lang::Es);
    let mut entries = Vec::new();
    for (i, day) in (1..=14).enumerate() {
        let date = format!("2026-03-{day:02}");
        // Weakness (higher is worse) rises; sleep quality (higher is better) drops.
        let high = i >= 12;
        entries.push(diary(
            &date,
            "weakness",
            if high {
                8.5
            } else {
                2.0 + 0.5 * (i % 2) as f64
            },
        ));
        entries.push(diary(&date, "sleep_quality", if high { 1.0 } else { 7.0 }));
    }
    let lab = |date: &str, value: f64| {
        LabResultDto {
            analyte: "ck".into(),
            value,
            unit: "U/L".into(),
            low: None,
            high: None,
            uln: Some(200.0),
            date: date.into(),
            loinc: None,
        }
        .to_domain(&rules)
        .expect("lab")
    };
    let labs = vec![lab("2026-03-01", 150.0), lab("2026-03-10", 1234.5)];
    let flares =
        myo_tracker::flares::flares(&rules, &entries, &labs, d("2026-03-01"), d("2026-03-31"));
    let diary_flares = flares
        .iter()
        .filter(|f| matches!(f, myo_tracker::flares::Flare::Diary(_)))
        .count();
    assert!(diary_flares >= 2, "{flares:?}");
    assert!(
        flares
            .iter()
            .any(|f| matches!(f, myo_tracker::flares::Flare::Ck(_))),
        "{flares:?}"
    );
    for f in &flares {
        assert_eq!(
            flare_words::from_catalogue(&en, &rules.flare, f),
            f.explanation()
        );
        let spanish = flare_words::explanation(&es, &rules.flare, f);
        assert_ne!(spanish, f.explanation());
    }
}

#[test]
fn test_names_and_field_labels_in_english_are_the_trackers() {
    let en = tr(Lang::En);
    for t in myo_tracker::monitoring::TestKind::ALL {
        assert_eq!(en.t(&format!("monitor-test-{}", t.id())), t.label());
    }
    for (field, label) in myo_web::tracker::safety::FIELD_LABELS {
        assert_eq!(en.t(&myo_web::tracker::safety::field_key(field)), *label);
    }
}

/// The English catalogue's wording of a problem the tracker gives as data.
fn worded_in_english(e: &myo_tracker::Invalid) -> String {
    let w = e.worded.as_ref().expect("worded");
    let label = myo_web::tracker::safety::field_label(&e.field);
    myo_web::i18n::words::worded(
        &tr(Lang::En),
        w,
        &[("field", myo_web::i18n::Arg::Text(label))],
    )
}

#[test]
fn worded_problems_in_english_are_the_trackers_words() {
    let english = |e: &myo_tracker::Invalid| {
        format!(
            "{}: {} (allowed: {})",
            myo_web::tracker::safety::field_label(&e.field),
            e.problem,
            e.allowed
        )
    };
    let out_of_range = diary_error("weakness", 12.0);
    let future = myo_tracker::plausible::check_not_future("date", d("2026-05-02"), d("2026-05-01"))
        .expect_err("future");
    let not_a_date = Date::parse("date", "1 de marzo").expect_err("not a date");
    for e in [out_of_range, future, not_a_date] {
        assert_eq!(worded_in_english(&e), english(&e), "{e:?}");
    }
    // A number that cannot be read says why in English; the catalogue words all such cases
    // the same way, with the typed text.
    let e = myo_tracker::plausible::parse_number(
        "value",
        "abc",
        myo_tracker::plausible::NumberStyle::Unknown,
    )
    .expect_err("not a number");
    assert_eq!(
        worded_in_english(&e),
        "Value: 'abc' cannot be read as a number (allowed: a number such as 1850 or 1.85)"
    );
}

fn diary_error(rating: &str, v: f64) -> myo_tracker::Invalid {
    DiaryEntryDto {
        date: "2026-03-01".into(),
        ratings: BTreeMap::from([(rating.to_owned(), v)]),
        symptoms: BTreeMap::new(),
        note: None,
        clear: Vec::new(),
    }
    .to_domain()
    .expect_err("out of range")
}
