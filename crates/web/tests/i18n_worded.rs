//! What the tracker says as data (a message id and its values: form problems, the dose and
//! same-ingredient warnings, the weekly-only refusal, summary lines) is worded in every language
//! from the catalogue by one function, `myo_web::i18n::words::worded`. English pages keep the
//! tracker's own words, so the English catalogue must say exactly the same (tested here on each
//! kind of problem); every id the code names, or makes from a table (analytes, schedule kinds,
//! weekly-only medicines), exists in every language; and Spanish says it with the decimal comma
//! and the field's Spanish label.

use std::sync::Arc;

use myo_tracker::labs::{Analyte, Unit};
use myo_tracker::medicines::{
    Dose, DoseUnit, Medicine, MedicineInput, Route, Schedule, same_ingredient,
};
use myo_tracker::plausible::{NumberStyle, check_dose, check_possible, parse_number};
use myo_tracker::rules::Rules;
use myo_tracker::{Date, Invalid, LocalTime, Phrase, Weekday, Worded, WordedValue};
use myo_web::i18n::{Arg, Catalog, Lang, Tr, words};
use myo_web::tracker::safety::{self, MedicineCheck, field_label, field_label_in};

fn tr(lang: Lang) -> Tr {
    Tr::new(Arc::new(Catalog::builtin().expect("catalogue loads")), lang)
}

fn d(s: &str) -> Date {
    Date::parse("test", s).expect("date")
}

fn med(name: &str, amount: f64, schedule: Schedule) -> MedicineInput {
    MedicineInput {
        name: name.into(),
        generic_name: None,
        rxcui: None,
        dose: Dose {
            amount,
            unit: DoseUnit::Mg,
        },
        route: Route::Oral,
        schedule,
        start: d("2026-01-05"),
        end: None,
    }
}

fn daily() -> Schedule {
    Schedule::Daily {
        time: LocalTime::new("time", 8, 0).expect("time"),
    }
}

fn weekly() -> Schedule {
    Schedule::Weekly {
        day: Weekday::Friday,
        time: LocalTime::new("time", 8, 0).expect("time"),
    }
}

/// A problem in `tr`'s language, worded from its data (what every page does for Spanish).
fn worded(tr: &Tr, e: &Invalid) -> String {
    let w = e
        .worded
        .as_ref()
        .unwrap_or_else(|| panic!("not worded: {e:?}"));
    words::worded(tr, w, &[("field", Arg::Text(field_label_in(tr, &e.field)))])
}

/// The English words of a problem, as forms show them.
fn english(e: &Invalid) -> String {
    format!(
        "{}: {} (allowed: {})",
        field_label(&e.field),
        e.problem,
        e.allowed
    )
}

/// Every message id in `w`, its parts' included.
fn ids(w: &Worded, out: &mut Vec<String>) {
    out.push(w.id.to_string());
    for (_, v) in &w.args {
        if let WordedValue::Part(p) = v {
            ids(p, out);
        }
    }
}

/// The rules with every drug guide's names, as the application has them.
fn rules_and_kb() -> (Rules, myo_kb::Kb) {
    let mut rules = Rules::builtin().expect("rules");
    let kb = myo_kb::Kb::builtin().expect("kb");
    safety::add_kb_ingredients(&mut rules, &kb);
    (rules, kb)
}

/// Problems of every kind the tracker and the web forms give as data.
fn problems(rules: &Rules, kb: &myo_kb::Kb) -> Vec<Invalid> {
    let mut out = vec![
        parse_number("value", "1,850", NumberStyle::Unknown).expect_err("ambiguous"),
        parse_number("value", "abc", NumberStyle::Unknown).expect_err("not a number"),
        check_possible(rules, Analyte::Ck, 5.0e7, Unit::UPerL).expect_err("impossible"),
        Medicine::accept(rules, med("Methotrexate", 15.0, daily())).expect_err("daily"),
        Date::parse("date", "2026-02-30").expect_err("no such day"),
        myo_web::tracker::pages::taper_steps("20 mg for a week").expect_err("step in other words"),
    ];
    let pred = safety::usual_dose(kb, "prednisolone", "oral").expect("prednisolone guide");
    out.push(check_dose(rules, &med("Prednisolone", 2000.0, daily()), &pred).expect_err("hard"));
    let first = Medicine::accept(rules, med("Methotrexate", 15.0, weekly()))
        .expect("weekly")
        .medicine;
    let second = Medicine::accept(rules, med("Trexall", 10.0, weekly()))
        .expect("weekly")
        .medicine;
    assert!(!same_ingredient(&second, std::slice::from_ref(&first)).is_empty());
    match safety::check_medicine(rules, kb, &second, &[first], None) {
        MedicineCheck::Refused(e) => out.push(e),
        other => panic!("a second methotrexate is refused: {other:?}"),
    }
    out
}

/// Warnings of every kind: a dose above the usual range (from a guide whose range is not yet
/// verified), and a second medicine with the same ingredient.
fn warnings(rules: &Rules, kb: &myo_kb::Kb) -> Vec<Phrase> {
    let first = Medicine::accept(rules, med("Prednisolone", 20.0, daily()))
        .expect("usual")
        .medicine;
    let second = Medicine::accept(rules, med("Millipred", 80.5, daily()))
        .expect("accepted")
        .medicine;
    let MedicineCheck::Confirm(w) = safety::check_medicine(rules, kb, &second, &[first], None)
    else {
        panic!("80.5 mg a day next to another prednisolone asks to confirm");
    };
    assert_eq!(w.len(), 2, "{w:?}");
    let weekly = Medicine::accept(rules, med("Methotrexate", 15.0, weekly())).expect("weekly");
    w.into_iter().chain(weekly.suggestions).collect()
}

#[test]
fn english_catalogue_says_what_the_tracker_says() {
    let (rules, kb) = rules_and_kb();
    let en = tr(Lang::En);
    for e in problems(&rules, &kb) {
        // A number that cannot be read is worded one way for every reason (tested with the
        // other problems given as data).
        if e.worded
            .as_ref()
            .is_some_and(|w| w.id == "invalid-not-a-number")
        {
            continue;
        }
        assert_eq!(worded(&en, &e), english(&e), "{e:?}");
    }
    for w in warnings(&rules, &kb) {
        assert_eq!(words::worded(&en, &w.worded, &[]), w.english, "{w:?}");
        // An English page shows the tracker's words as they are.
        assert_eq!(words::phrase(&en, &w), w.english);
    }
}

#[test]
fn spanish_says_it_in_spanish_with_the_decimal_comma() {
    let (rules, kb) = rules_and_kb();
    let es = tr(Lang::Es);
    let catalog = Catalog::builtin().expect("catalogue");
    for e in problems(&rules, &kb) {
        let mut used = Vec::new();
        ids(e.worded.as_ref().expect("worded"), &mut used);
        for id in used {
            assert!(catalog.has(Lang::Es, &id), "no Spanish {id}");
        }
        assert_ne!(worded(&es, &e), english(&e));
    }
    let problems = problems(&rules, &kb);
    let said: Vec<String> = problems.iter().map(|e| worded(&es, e)).collect();
    assert_eq!(
        said[0],
        "Valor: «1,850» puede ser 1850 o 1,85 (se admite: escríbalo sin separador (1850) si es \
         un número entero, o con menos decimales (1,85) si es un decimal)"
    );
    assert!(said[2].contains("Creatina cinasa (CK)"), "{}", said[2]);
    assert!(
        said[3].starts_with("Con qué frecuencia: «Methotrexate» se reconoció como methotrexate")
            && said[3].contains("el metotrexato para la miositis se toma una vez a la semana")
            && said[3].contains("«a diario»"),
        "{}",
        said[3]
    );
    assert!(
        said[6].starts_with("Dosis: 2000 mg al día es más de"),
        "{}",
        said[6]
    );
    assert!(said[7].contains("desde el 5 ene 2026"), "{}", said[7]);
    let w: Vec<String> = warnings(&rules, &kb)
        .iter()
        .map(|w| words::phrase(&es, w))
        .collect();
    // The dose warning: decimal comma, the period in Spanish, and the guide's range "not yet
    // verified" said in Spanish.
    assert!(
        w[0].starts_with("80,5 mg al día está por encima"),
        "{}",
        w[0]
    );
    assert!(
        w[0].contains("según la guía de Prednisolone")
            && w[0].contains("; este intervalo aún no está verificado)"),
        "{}",
        w[0]
    );
    assert!(w[1].starts_with("Ya tiene «Prednisolone»"), "{}", w[1]);
    assert!(w[2].starts_with("El ácido fólico"), "{}", w[2]);
}

/// Every id a `Worded::new("…")` or `.worded("…"` in the code names, and every id made from a
/// table, exists in every language.
#[test]
fn every_worded_id_exists_in_every_language() {
    let catalog = Catalog::builtin().expect("catalogue");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut named = Vec::new();
    let mut dirs = vec![format!("{root}/tracker/src"), format!("{root}/web/src")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
            let path = e.expect("entry").path();
            if path.is_dir() {
                dirs.push(path.to_string_lossy().into_owned());
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for call in ["Worded::new(\"", ".worded(\"", "Worded::new(\n"] {
                for (i, _) in text.match_indices(call) {
                    let rest = text[i + call.len()..].trim_start().trim_start_matches('"');
                    let id: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect();
                    if !id.is_empty() && rest[id.len()..].starts_with('"') {
                        named.push((id, path.display().to_string()));
                    }
                }
            }
        }
    }
    assert!(named.len() > 60, "found only {} ids", named.len());
    let rules = Rules::builtin().expect("rules");
    let mut made: Vec<String> = Analyte::ALL
        .iter()
        .map(|a| format!("analyte-{}", a.id()))
        .collect();
    for w in &rules.weekly_only {
        made.push(format!("weekly-only-reason-{}", w.generic_name));
        made.push(format!("weekly-only-suggestion-{}", w.generic_name));
    }
    for kind in [
        "daily",
        "several_daily",
        "weekly",
        "every_n_weeks",
        "course",
        "taper",
    ] {
        made.push(format!("schedule-kind-{kind}"));
    }
    let mut missing = Vec::new();
    for (id, file) in named
        .iter()
        .map(|(i, f)| (i.clone(), f.as_str()))
        .chain(made.into_iter().map(|i| (i, "a table")))
    {
        for lang in Lang::ALL {
            if !catalog.has(lang, &id) {
                missing.push(format!("{id} ({}) from {file}", lang.code()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing messages:\n{}",
        missing.join("\n")
    );
    // The English names of tables are the tables' own.
    let en = tr(Lang::En);
    for a in Analyte::ALL {
        assert_eq!(
            en.t(&format!("analyte-{}", a.id())),
            rules.analyte(a).label,
            "{a:?}"
        );
    }
    for w in &rules.weekly_only {
        assert_eq!(
            en.t(&format!("weekly-only-reason-{}", w.generic_name)),
            w.reason
        );
        assert_eq!(
            en.t(&format!("weekly-only-suggestion-{}", w.generic_name)),
            w.suggestion
        );
    }
}

/// The checker above reads ids wherever the code writes them, and a missing one fails.
#[test]
fn a_number_is_never_rounded_and_text_is_never_changed() {
    let es = tr(Lang::Es);
    assert_eq!(words::number(&es, "1.125"), "1,125");
    assert_eq!(words::number(&es, "-3"), "-3");
    assert_eq!(words::number(&es, "1e3"), "1e3");
    assert_eq!(words::number(&tr(Lang::En), "1.125"), "1.125");
    let w = Worded::new("no-such-message-anywhere");
    assert!(!Catalog::builtin().expect("catalogue").has(Lang::Es, &w.id));
}
