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

mod monitoring {
    use super::*;
    use myo_tracker::Status;
    use myo_tracker::monitoring::{DueItem, DueKind, DueState, Reason, TestKind};
    use myo_web::tracker::due_words::{line_in, test_name};

    fn item(test: TestKind, state: DueState, reason: Reason) -> DueItem {
        DueItem {
            medicine: "Metoject".into(),
            test,
            kind: DueKind::Repeat,
            due: d("2026-12-01"),
            state,
            days_overdue: 6,
            rule_id: "r".into(),
            status: Status::Verified,
            rule_date: d("2026-01-01"),
            sources: Vec::new(),
            reference: "label".into(),
            explanation: "English words".into(),
            reason,
        }
    }

    #[test]
    fn monitoring_lines_are_in_spanish_and_english_matches_the_tracker() {
        let kb = myo_kb::Kb::builtin().expect("kb loads");
        let (es, en) = (tr(Lang::Es), tr(Lang::En));
        let repeat = Reason::Repeat {
            every_weeks: 4,
            last: Some(d("2026-11-03")),
        };
        let l = line_in(
            &kb,
            &es,
            &item(TestKind::FullBloodCount, DueState::Overdue, repeat),
        );
        assert_eq!(l.test, "Hemograma completo");
        assert_eq!(
            l.explanation,
            "RETRASADO 6 días (tocaba el 1 dic 2026): hemograma completo cada 4 semanas en esta \
             fase del tratamiento; último resultado el 3 nov 2026"
        );
        for (reason, want) in [
            (Reason::Baseline { within_days: 0 }, "antes de empezar"),
            (Reason::Baseline { within_days: 14 }, "en los 14 días"),
            (Reason::DoneNoRepeat, "no hay repetición programada"),
        ] {
            let l = line_in(&kb, &es, &item(TestKind::Tpmt, DueState::DueSoon, reason));
            assert!(l.explanation.contains(want), "{}", l.explanation);
            assert!(!l.explanation.contains("English"), "{}", l.explanation);
        }
        // Every test has a Spanish name, and English keeps the tracker's own words.
        for t in TestKind::ALL {
            let i = item(t, DueState::Upcoming, Reason::DoneNoRepeat);
            assert_ne!(test_name(&es, &i), t.label(), "{t:?}");
            assert_eq!(test_name(&en, &i), t.label());
            assert_eq!(line_in(&kb, &en, &i).explanation, "English words");
        }
    }
}

mod flares {
    use super::*;
    use myo_tracker::Status;
    use myo_tracker::flares::{CkRise, DiaryFlare, Flare};
    use myo_tracker::records::Rating;
    use myo_web::tracker::flare_words::explanation;

    #[test]
    fn flare_signals_are_explained_in_spanish_and_english_keeps_the_trackers_words() {
        let rules = myo_tracker::Rules::builtin().expect("built-in rules");
        let (es, en) = (tr(Lang::Es), tr(Lang::En));
        let diary = Flare::Diary(DiaryFlare {
            date: d("2026-12-01"),
            rating: Rating::Weakness,
            value: 7.0,
            baseline_mean: 3.5,
            baseline_days: 5,
            status: Status::Partial,
            explanation: "English words".into(),
        });
        let ck = Flare::Ck(CkRise {
            date: d("2026-12-01"),
            value: 900.0,
            previous: 300.0,
            previous_date: d("2026-11-01"),
            status: Status::Partial,
            explanation: "English words".into(),
        });
        let text = explanation(&es, &rules.flare, &diary);
        for want in [
            "debilidad: 7 el 1 dic 2026",
            "media de 3,5",
            "5 días",
            "una subida",
        ] {
            assert!(text.contains(want), "{want:?} in {text}");
        }
        let text = explanation(&es, &rules.flare, &ck);
        for want in [
            "CK de 900 U/L el 1 dic 2026",
            "3 veces",
            "300 U/L el 1 nov 2026",
        ] {
            assert!(text.contains(want), "{want:?} in {text}");
        }
        for f in [&diary, &ck] {
            assert_eq!(explanation(&en, &rules.flare, f), "English words");
        }
    }
}
