//! Readable charts: the window fits the data (or the range picked), medicines have lanes, colours
//! and a legend, series differ by pattern, empty charts say so, and a table carries the values.

mod common;
use common::d;

use myo_tracker::Date;
use myo_tracker::charts::{Band, Chart, Series, Window, render, svg};

fn chart(points: Vec<(Date, f64)>, from: &str, to: &str) -> Chart {
    Chart {
        id: "c".into(),
        title: "CK (U/L)".into(),
        unit: "U/L".into(),
        from: d(from),
        to: d(to),
        window: Window::Fit,
        y_min: 0.0,
        y_max: 1000.0,
        series: vec![Series {
            label: "CK".into(),
            points,
            max_gap_days: None,
        }],
        reference: Some((0.0, 200.0)),
        medication_bands: Vec::new(),
    }
}

/// x coordinates of the markers drawn.
fn marker_xs(svg: &str) -> Vec<f64> {
    svg.split("class=\"pt")
        .skip(1)
        .map(|rest| {
            let d = rest.split("d=\"M").nth(1).unwrap();
            d.split(' ').next().unwrap().parse::<f64>().unwrap()
        })
        .collect()
}

#[test]
fn a_month_of_data_fills_the_plot_of_a_two_year_chart() {
    let pts = (0..30)
        .map(|i| (d("2026-02-01").add_days(i), 100.0 + f64::from(i)))
        .collect();
    let c = chart(pts, "2024-03-03", "2026-03-02");
    assert_eq!(c.shown_window(), Some((d("2026-01-31"), d("2026-03-02"))));
    let xs = marker_xs(&svg(&c));
    let (lo, hi) = (xs[0], xs[xs.len() - 1]);
    // Markers are offset 3.5 left of their centre (circle path); the plot is 42..346.
    assert!(lo + 3.5 < 60.0, "first value near the left edge: {lo}");
    assert!(hi + 3.5 > 330.0, "last value near the right edge: {hi}");
    assert!(svg(&c).contains(">2 Feb</text>"), "weekly ticks");
}

#[test]
fn a_picked_range_is_respected() {
    let pts = vec![(d("2026-02-01"), 300.0), (d("2026-02-10"), 400.0)];
    let c = chart(pts, "2025-03-01", "2026-02-28").fixed();
    assert_eq!(c.shown_window(), Some((d("2025-03-01"), d("2026-02-28"))));
    let s = svg(&c);
    assert!(
        s.contains(">Mar</text>") && s.contains(">2025</text>"),
        "{s}"
    );
    // Both values sit at the right of the plot, as in the range picked.
    assert!(marker_xs(&s).iter().all(|x| *x > 300.0));
}

#[test]
fn one_value_is_drawn_in_the_middle_of_a_week() {
    let c = chart(vec![(d("2026-03-10"), 250.0)], "2024-03-10", "2026-06-01");
    assert_eq!(c.shown_window(), Some((d("2026-03-07"), d("2026-03-13"))));
    let s = svg(&c);
    assert_eq!(s.matches("class=\"pt lone\"").count(), 1);
    let x = marker_xs(&s)[0] + 3.5;
    assert!((x - 194.0).abs() < 1.0, "centred: {x}");
}

#[test]
fn an_empty_chart_says_no_data_yet_and_has_no_table() {
    let c = chart(vec![(d("2020-01-01"), 100.0)], "2026-01-01", "2026-03-01");
    assert_eq!(c.shown_window(), None);
    let html = render(&c);
    assert!(
        html.starts_with("<figcaption class=\"chart-title\">CK (U/L)</figcaption>"),
        "the title is visible"
    );
    assert!(html.contains(">No data yet</text>"), "{html}");
    assert!(html.contains("role=\"img\""));
    assert!(html.contains("<desc id=\"c-desc\">No data yet: nothing recorded from 2026-01-01"));
    assert!(!html.contains("<table"));
    assert!(!html.contains("chart-legend"));
    assert_eq!(
        render(&chart(Vec::new(), "2026-01-01", "2026-03-01").fixed()),
        {
            let mut e = chart(Vec::new(), "2026-01-01", "2026-03-01");
            e.window = Window::Fixed;
            render(&e)
        }
    );
}

fn band(medicine: &str, dose: &str, from: &str, to: &str, ongoing: bool) -> Band {
    Band {
        medicine: medicine.into(),
        label: format!("{medicine} {dose}"),
        from: d(from),
        to: d(to),
        ongoing,
    }
}

#[test]
fn medicines_are_lanes_coloured_per_medicine_with_a_legend_and_a_table() {
    let mut c = chart(
        vec![(d("2026-01-05"), 900.0), (d("2026-02-20"), 300.0)],
        "2025-01-01",
        "2026-03-01",
    );
    c.series.push(Series {
        label: "Aldolase".into(),
        points: vec![(d("2026-01-05"), 12.0)],
        max_gap_days: None,
    });
    c.medication_bands = vec![
        band("Prednisone", "40 mg", "2026-01-06", "2026-01-31", false),
        band("Prednisone", "20 mg", "2026-02-01", "2026-03-01", true),
        band(
            "Methotrexate",
            "15 mg weekly",
            "2026-01-20",
            "2026-03-01",
            true,
        ),
        band(
            "Hydroxychloroquine",
            "200 mg",
            "2020-01-01",
            "2020-06-01",
            false,
        ),
    ];
    let html = render(&c);
    // Two lanes (the 2020 medicine is outside the window), each labelled, in its own colour.
    assert_eq!(html.matches("<g class=\"med\"").count(), 2);
    assert!(html.contains("<g class=\"med\" fill=\"#a0527a\"><text x=\"42\" y=\"234.0\" fill=\"#222\">Prednisone</text>"), "{html}");
    assert!(html.contains("<g class=\"med\" fill=\"#b86e00\"><text"));
    assert!(!html.contains("Hydroxychloroquine"));
    // Legend: the series with their patterns, the medicines, the reference range.
    let legend = html.split("<ul class=\"chart-legend\"").nth(1).unwrap();
    assert_eq!(legend.matches("<li class").count(), 5);
    assert!(
        legend.contains("stroke-dasharray=\"7 4\""),
        "second series dashed"
    );
    assert!(legend.contains("</svg>Prednisone</li>") && legend.contains("</svg>Methotrexate</li>"));
    assert!(legend.contains("Reference range 0–200 U/L"));
    // Series differ by marker shape too.
    assert!(html.contains("data-marker=\"circle\"") && html.contains("data-marker=\"square\""));
    // The table: one row per day, a column per series, missing values said in words.
    let table = html.split("<details class=\"chart-data\">").nth(1).unwrap();
    assert!(table.contains(
        "<th scope=\"col\">Date</th><th scope=\"col\">CK</th><th scope=\"col\">Aldolase</th>"
    ));
    assert!(table.contains("<tr><th scope=\"row\">2026-01-05</th><td>900</td><td>12</td></tr>"));
    assert!(
        table.contains(
            "<tr><th scope=\"row\">2026-02-20</th><td>300</td><td>not recorded</td></tr>"
        )
    );
    assert!(table.contains(
        "<tr><th scope=\"row\">Prednisone 20 mg</th><td>2026-02-01</td><td>ongoing</td></tr>"
    ));
}

#[test]
fn chart_text_is_large_enough_for_a_phone() {
    // The drawing is 360 units wide and shown at most 328 CSS px wide on a 360 px phone
    // (1 rem padding each side): 14-unit text is 12.8 px there.
    let c = chart(vec![(d("2026-01-05"), 900.0)], "2025-01-01", "2026-03-01");
    let s = svg(&c);
    let empty = svg(&chart(Vec::new(), "2025-01-01", "2026-03-01"));
    for s in [s, empty] {
        assert!(s.contains("viewBox=\"0 0 360 "), "{s}");
        let sizes: Vec<f64> = s
            .split("font-size=\"")
            .skip(1)
            .map(|r| r.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert!(
            !sizes.is_empty() && sizes.iter().all(|v| *v >= 14.0),
            "{sizes:?}"
        );
    }
}
