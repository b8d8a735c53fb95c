//! Charts in the page's language: a Spanish chart has no English word left (ticks, dates,
//! numbers, the empty state, the key, the table, the SVG's description), and the English
//! catalogue's chart messages say exactly what the tracker's English drawing says.

use std::sync::Arc;

use myo_tracker::Date;
use myo_tracker::charts::{Band, Chart, English, Series, Window, render_in};
use myo_web::i18n::{Catalog, Lang, Tr};
use myo_web::tracker::charts::{TrWords, render};

fn d(s: &str) -> Date {
    Date::parse("test", s).unwrap()
}

fn tr(lang: Lang) -> Tr {
    Tr::new(Arc::new(Catalog::builtin().expect("catalogue loads")), lang)
}

fn chart(from: &str, to: &str, breaks: bool) -> Chart {
    let second = if breaks { "2026-02-20" } else { "2026-02-03" };
    Chart {
        id: "c".into(),
        title: "CK (U/L)".into(),
        unit: "U/L".into(),
        from: d(from),
        to: d(to),
        window: Window::Fit,
        y_min: 0.0,
        y_max: 10.0,
        series: vec![
            Series {
                label: "s1".into(),
                points: vec![(d("2026-02-02"), 2.5), (d(second), 4.5)],
                max_gap_days: Some(1),
            },
            Series {
                label: "s2".into(),
                points: vec![(d("2026-02-03"), 1.0)],
                max_gap_days: None,
            },
            Series {
                label: "s3".into(),
                points: vec![(d("2025-02-03"), 1.0)],
                max_gap_days: None,
            },
        ],
        reference: Some((0.0, 7.5)),
        medication_bands: vec![
            Band {
                medicine: "pred".into(),
                label: "pred 10".into(),
                from: d("2026-02-01"),
                to: d("2026-02-28"),
                ongoing: true,
            },
            Band {
                medicine: "mtx".into(),
                label: "mtx 15".into(),
                from: d("2026-02-01"),
                to: d("2026-02-10"),
                ongoing: false,
            },
        ],
    }
}

/// Words of the markup: text between tags and the attributes a screen reader reads.
fn words(html: &str) -> Vec<String> {
    let mut out = String::new();
    for part in html.split('<') {
        let (tag, text) = part.split_once('>').unwrap_or(("", part));
        if let Some(v) = tag.split("aria-label=\"").nth(1) {
            out.push_str(v.split('"').next().unwrap_or(""));
            out.push(' ');
        }
        out.push_str(text);
        out.push(' ');
    }
    out.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_spanish_chart_has_no_english_word() {
    let es = tr(Lang::Es);
    let english: Vec<String> = [
        chart("2026-01-01", "2026-03-01", true),
        chart("2026-01-01", "2026-03-01", false),
        chart("2024-01-01", "2026-03-01", true),
        chart("2020-01-01", "2020-03-01", true),
    ]
    .iter()
    .flat_map(|c| words(&render_in(c, &English)))
    .collect();
    for c in [
        chart("2026-01-01", "2026-03-01", true),
        chart("2026-01-01", "2026-03-01", false),
        chart("2024-01-01", "2026-03-01", true),
        chart("2020-01-01", "2020-03-01", true),
    ] {
        let html = render(&es, &c);
        // Words of the English drawing that are not names given by the caller (title, unit,
        // series and medicine labels) or Spanish too ("no") must not appear in the Spanish one.
        let names = ["CK", "U", "L", "s", "pred", "mtx", "no"];
        let spanish = words(&html);
        for w in english.iter().filter(|w| !names.contains(&w.as_str())) {
            assert!(
                !spanish.contains(w),
                "English {w:?} in the Spanish chart: {html}"
            );
        }
        assert!(
            html.contains("Fecha") || html.contains("Aún no hay datos"),
            "{html}"
        );
    }
    let html = render(&es, &chart("2026-01-01", "2026-03-01", true));
    for es in [
        ">2 feb</text>",
        "2,5",
        "Intervalo de referencia 0–7,5 U/L",
        "2 feb 2026",
        "la línea se corta una vez",
    ] {
        assert!(html.contains(es), "{es:?} missing: {html}");
    }
}

#[test]
fn the_english_catalogue_says_what_the_tracker_draws_in_english() {
    let en = tr(Lang::En);
    for c in [
        chart("2026-01-01", "2026-03-01", true),
        chart("2026-01-01", "2026-03-01", false),
        chart("2020-01-01", "2020-03-01", true),
    ] {
        // English pages draw with the tracker's own words; the catalogue's English messages
        // must read the same (they are the source a translator starts from).
        let from_catalogue = render_in(&c, &TrWords(&en));
        assert_eq!(from_catalogue, render_in(&c, &English));
        assert_eq!(render(&en, &c), render_in(&c, &English));
    }
}
