//! Flares against the person's own baseline, gap handling, and SVG charts.

mod common;
use common::{d, rules};

use myo_tracker::charts::{Band, Chart, Series, Window, render};
use myo_tracker::flares::{ck_rises, diary_flares, gaps};
use myo_tracker::labs::{Analyte, LabResult, RefRange, Unit};
use myo_tracker::records::{DiaryEntry, Rating};

fn day(date: &str, r: Rating, v: f64) -> DiaryEntry {
    DiaryEntry::new(d(date), &[(r, v)], &[], None).unwrap()
}

#[test]
fn a_rise_above_the_four_day_mean_is_a_flare_explained_in_words() {
    let r = rules();
    let w = Rating::Weakness;
    let entries = [
        day("2026-03-01", w, 3.0),
        day("2026-03-02", w, 4.0),
        day("2026-03-03", w, 3.0),
        day("2026-03-04", w, 4.0),
        day("2026-03-05", w, 7.0),
    ];
    let f = diary_flares(&r, &entries, d("2026-03-01"), d("2026-03-31"));
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].date, f[0].baseline_days, f[0].baseline_mean),
        (d("2026-03-05"), 4, 3.5)
    );
    assert!(
        f[0].explanation
            .starts_with("weakness 7 on 2026-03-05 vs 4-day average 3.5"),
        "{}",
        f[0].explanation
    );
    assert_eq!(f[0].status, myo_tracker::Status::Partial);
}

#[test]
fn a_rise_just_below_the_threshold_is_not_a_flare() {
    let r = rules();
    let p = Rating::Pain;
    let entries = [
        day("2026-03-01", p, 3.0),
        day("2026-03-02", p, 3.0),
        day("2026-03-03", p, 4.9),
    ];
    assert!(diary_flares(&r, &entries, d("2026-03-01"), d("2026-03-31")).is_empty());
    let entries = [
        day("2026-03-01", p, 3.0),
        day("2026-03-02", p, 3.0),
        day("2026-03-03", p, 5.0),
    ];
    assert_eq!(
        diary_flares(&r, &entries, d("2026-03-01"), d("2026-03-31")).len(),
        1
    );
}

#[test]
fn gaps_are_never_zeros_and_the_baseline_says_how_many_days() {
    let r = rules();
    let f = Rating::Fatigue;
    // 2026-03-02 and 03-04 have no entry: they are not counted as 0.
    let entries = [
        day("2026-03-01", f, 3.0),
        day("2026-03-03", f, 4.0),
        day("2026-03-05", f, 6.0),
    ];
    let fl = diary_flares(&r, &entries, d("2026-03-01"), d("2026-03-31"));
    assert_eq!(fl.len(), 1);
    assert_eq!((fl[0].baseline_days, fl[0].baseline_mean), (2, 3.5));
    assert!(
        fl[0].explanation.contains("2-day average 3.5"),
        "{}",
        fl[0].explanation
    );
    // With zeros filled in, the mean would be 1.75 and 5 would flag; it must not.
    let entries = [
        day("2026-03-01", f, 3.0),
        day("2026-03-03", f, 4.0),
        day("2026-03-05", f, 5.0),
    ];
    assert!(diary_flares(&r, &entries, d("2026-03-01"), d("2026-03-31")).is_empty());
    // One recorded day is not a baseline; nor are days older than the look-back window.
    let entries = [day("2026-03-01", f, 1.0), day("2026-03-02", f, 9.0)];
    assert!(diary_flares(&r, &entries, d("2026-03-01"), d("2026-03-31")).is_empty());
    let entries = [
        day("2026-01-01", f, 1.0),
        day("2026-01-02", f, 1.0),
        day("2026-03-02", f, 9.0),
    ];
    assert!(diary_flares(&r, &entries, d("2026-01-01"), d("2026-03-31")).is_empty());
    assert_eq!(
        gaps(&entries, d("2026-01-01"), d("2026-01-05")),
        [(d("2026-01-03"), d("2026-01-05"))]
    );
}

#[test]
fn mood_and_sleep_flag_a_drop() {
    let r = rules();
    let m = Rating::Mood;
    let entries = [
        day("2026-03-01", m, 8.0),
        day("2026-03-02", m, 8.0),
        day("2026-03-03", m, 5.0),
    ];
    let f = diary_flares(&r, &entries, d("2026-03-01"), d("2026-03-31"));
    assert_eq!(f.len(), 1);
    assert!(
        f[0].explanation.contains("a drop by 2"),
        "{}",
        f[0].explanation
    );
    let up = [
        day("2026-03-01", m, 3.0),
        day("2026-03-02", m, 3.0),
        day("2026-03-03", m, 9.0),
    ];
    assert!(diary_flares(&r, &up, d("2026-03-01"), d("2026-03-31")).is_empty());
}

fn ck(date: &str, v: f64, unit: Unit) -> LabResult {
    LabResult::new(
        &rules(),
        Analyte::Ck,
        v,
        unit,
        RefRange::Uln(200.0),
        d(date),
    )
    .unwrap()
}

#[test]
fn ck_rising_by_more_than_the_factor_is_flagged_in_any_cited_unit() {
    let r = rules();
    let labs = [
        ck("2026-01-01", 700.0, Unit::UPerL),
        ck("2026-02-01", 1000.0, Unit::UPerL),  // × 1.43: no
        ck("2026-03-01", 25.0, Unit::UkatPerL), // 1500 U/L: × 1.5 exactly: no (must exceed)
        ck("2026-04-01", 2400.0, Unit::UPerL),  // × 1.6: yes
    ];
    let rises = ck_rises(&r, &labs, d("2026-01-01"), d("2026-12-31"));
    assert_eq!(rises.len(), 1);
    assert_eq!(
        (rises[0].date, rises[0].previous),
        (d("2026-04-01"), 1500.0)
    );
    assert_eq!(
        rises[0].explanation,
        "CK 2400 U/L on 2026-04-01 is 1.6 times the previous 1500 U/L on 2026-03-01 (more than 1.5 times counts as a rise)"
    );
}

fn sample_chart() -> Chart {
    let pts = [
        "2026-03-01",
        "2026-03-02",
        "2026-03-04",
        "2026-03-05",
        "2026-03-08",
    ]
    .iter()
    .zip([3.0, 4.0, 2.5, 5.0, 6.0])
    .map(|(s, v)| (d(s), v))
    .collect();
    Chart {
        id: "t".into(),
        title: "Weakness & <fatigue>".into(),
        unit: "points".into(),
        from: d("2026-03-01"),
        to: d("2026-03-10"),
        window: Window::Fixed,
        y_min: 0.0,
        y_max: 10.0,
        series: vec![Series {
            label: "weakness".into(),
            points: pts,
            max_gap_days: Some(1),
        }],
        reference: Some((1.0, 4.0)),
        medication_bands: vec![Band {
            medicine: "Prednisone".into(),
            label: "Prednisone 40 mg".into(),
            from: d("2026-03-03"),
            to: d("2026-03-20"),
            ongoing: false,
        }],
    }
}

#[test]
fn charts_break_lines_at_gaps_and_are_accessible() {
    let svg = render(&sample_chart());
    assert!(svg.starts_with("<figcaption class=\"chart-title\">Weakness &amp; &lt;fatigue&gt;</figcaption><svg class=\"chart-plot\" xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("<title id=\"t-title\">Weakness &amp; &lt;fatigue&gt;</title>"));
    assert!(svg.contains("<desc id=\"t-desc\">"));
    assert!(svg.contains("the line breaks 2 times where days were not recorded"));
    // Days 1-2 and 4-5 are lines; day 8 stands alone as its marker; every value has a marker.
    assert_eq!(svg.matches("class=\"line\"").count(), 2);
    assert_eq!(svg.matches("class=\"pt").count(), 5);
    assert_eq!(svg.matches("class=\"pt lone\"").count(), 1);
    assert!(svg.contains("class=\"ref\""));
    assert!(svg.contains("class=\"med\""));
    assert!(svg.ends_with("</details>"));
}

#[test]
fn charts_are_deterministic_snapshots() {
    assert_eq!(render(&sample_chart()), render(&sample_chart()));
    let svg = myo_tracker::charts::svg(&sample_chart());
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/sample_chart.svg"
    );
    // Review the SVG by eye, then refresh with MYO_UPDATE_SNAPSHOTS=1 when the layout changes on purpose.
    if std::env::var_os("MYO_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, format!("{svg}\n")).unwrap();
    }
    assert_eq!(svg, include_str!("snapshots/sample_chart.svg").trim_end());
}
