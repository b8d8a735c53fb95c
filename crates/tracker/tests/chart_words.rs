//! A chart's words come from the caller: with a language's [`Words`], no English word of the
//! drawing is left (ticks, dates, numbers, the empty state, the key and the table).

mod common;
use common::d;

use myo_tracker::Date;
use myo_tracker::charts::words::SeriesSummary;
use myo_tracker::charts::{Band, Chart, Series, Window, Words, render, render_in};

/// A test language: every word marked, so a word left in English shows.
struct Marked;

impl Words for Marked {
    fn month(&self, m: u32) -> String {
        format!("m{m}")
    }
    fn date(&self, d: Date) -> String {
        let (y, m, day) = d.ymd();
        format!("{day}/{m}/{y}")
    }
    fn number(&self, v: f64) -> String {
        format!("{v}").replace('.', ",")
    }
    fn no_data(&self) -> String {
        "SIN-DATOS".into()
    }
    fn nothing_recorded(&self, from: &str, to: &str) -> String {
        format!("VACIO {from} {to}")
    }
    fn window(&self, from: &str, to: &str) -> String {
        format!("DESDE {from} HASTA {to}.")
    }
    fn series_empty(&self, label: &str) -> String {
        format!("{label} NADA")
    }
    fn series_summary(&self, s: &SeriesSummary<'_>) -> String {
        format!("{} N{} ULT{} R{}", s.label, s.count, s.latest, s.breaks)
    }
    fn reference_band(&self, range: &str) -> String {
        format!("BANDA {range}")
    }
    fn medicine_period(&self, label: &str, from: &str, to: &str) -> String {
        format!("PERIODO {label} {from} {to}")
    }
    fn now(&self) -> String {
        "AHORA".into()
    }
    fn ongoing(&self) -> String {
        "EN-CURSO".into()
    }
    fn bar(&self, label: &str, from: &str, to: &str) -> String {
        format!("BARRA {label} {from} {to}")
    }
    fn key(&self, title: &str) -> String {
        format!("LEYENDA {title}")
    }
    fn reference_range(&self, range: &str) -> String {
        format!("RANGO {range}")
    }
    fn table_summary(&self, title: &str) -> String {
        format!("TABLA {title}")
    }
    fn table_label(&self, title: &str) -> String {
        format!("ETIQUETA {title}")
    }
    fn table_caption(&self, title: &str, unit: &str, f: &str, t: &str, r: Option<&str>) -> String {
        format!("LEYENDA-TABLA {title} {unit} {f} {t} {}", r.unwrap_or("-"))
    }
    fn date_column(&self) -> String {
        "FECHA".into()
    }
    fn not_recorded(&self) -> String {
        "SIN-REGISTRO".into()
    }
    fn medicines_caption(&self) -> String {
        "MEDICAMENTOS".into()
    }
    fn medicine_columns(&self) -> [String; 3] {
        ["MED".into(), "DE".into(), "A".into()]
    }
}

fn chart(from: &str, to: &str) -> Chart {
    Chart {
        id: "c".into(),
        title: "CK".into(),
        unit: "U/L".into(),
        from: d(from),
        to: d(to),
        window: Window::Fit,
        y_min: 0.0,
        y_max: 10.0,
        series: vec![
            Series {
                label: "s1".into(),
                points: vec![(d("2026-02-02"), 2.5), (d("2026-02-20"), 4.5)],
                max_gap_days: Some(1),
            },
            Series {
                label: "s2".into(),
                points: vec![(d("2026-02-03"), 1.0)],
                max_gap_days: None,
            },
        ],
        reference: Some((0.0, 7.5)),
        medication_bands: vec![Band {
            medicine: "pred".into(),
            label: "pred 10".into(),
            from: d("2026-02-01"),
            to: d("2026-02-28"),
            ongoing: true,
        }],
    }
}

/// The text of the markup (tags dropped, attribute values kept).
fn words_of(html: &str) -> String {
    let mut out = String::new();
    for part in html.split('<') {
        let (tag, text) = part.split_once('>').unwrap_or(("", part));
        for attr in ["aria-label=\"", "data-none=\""] {
            if let Some(v) = tag.split(attr).nth(1) {
                out.push_str(v.split('"').next().unwrap_or(""));
                out.push(' ');
            }
        }
        out.push_str(text);
        out.push(' ');
    }
    out
}

const ENGLISH: [&str; 16] = [
    "Feb",
    "Mar",
    "No data",
    "From",
    "to",
    "values",
    "lowest",
    "highest",
    "latest",
    "Key",
    "Reference",
    "reference",
    "Date",
    "not recorded",
    "now",
    "Medicine",
];

#[test]
fn every_word_of_a_chart_comes_from_the_callers_words() {
    let c = chart("2026-01-01", "2026-03-01");
    let html = render_in(&c, &Marked);
    let text = words_of(&html);
    for w in ENGLISH {
        let found = text.split(|ch: char| !ch.is_alphanumeric()).any(|t| t == w)
            || (w.contains(' ') && text.contains(w));
        assert!(!found, "English {w:?} left in: {text}");
    }
    for marked in [
        ">2 m2</text>",
        "LEYENDA CK",
        "TABLA CK",
        "FECHA",
        "SIN-REGISTRO",
        "RANGO 0–7,5 U/L",
        "MEDICAMENTOS",
        "EN-CURSO",
        "BARRA pred 10 1/2/2026 AHORA",
        "DESDE ",
        "ULT4,5",
        "<th scope=\"row\">2/2/2026</th>",
    ] {
        assert!(html.contains(marked), "{marked:?} missing in {html}");
    }
    // The English default still writes English (and the same chart otherwise).
    let en = render(&c);
    assert!(en.contains("Reference range 0–7.5 U/L") && en.contains("not recorded"));
    // An empty chart says so in the caller's words.
    let empty = render_in(&chart("2025-01-01", "2025-02-01"), &Marked);
    assert!(empty.contains(">SIN-DATOS</text>") && empty.contains("VACIO 1/1/2025 1/2/2025"));
    assert!(!empty.contains("No data"));
}
