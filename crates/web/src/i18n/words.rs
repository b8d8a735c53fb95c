//! The tracker's own words (ratings, symptoms, yes and no, warning-sign tiers) in a language,
//! from the catalogue: the tracker keeps ids, this turns them into what a page shows.

use myo_tracker::records::{HomeTest, Rating, Symptom};
use myo_tracker::{Phrase, Worded, WordedValue};

use super::{Arg, Lang, ToArg, Tr};

/// A diary rating's everyday name (`weakness`, `debilidad`).
pub fn rating(tr: &Tr, r: Rating) -> String {
    tr.t(&format!("rating-{}", r.id()))
}

/// A yes/no symptom's everyday name (`fever`, `fiebre`).
pub fn symptom(tr: &Tr, s: Symptom) -> String {
    tr.t(&format!("symptom-{}", s.id()))
}

/// A home strength test's name, with what it counts.
pub fn home_test(tr: &Tr, t: HomeTest) -> String {
    match t {
        HomeTest::SitToStand30s => tr.t("hometest-sit-to-stand"),
        HomeTest::TimedUpAndGo => tr.t("hometest-timed-up-and-go"),
        HomeTest::ArmRaise => tr.t("hometest-arm-raise"),
    }
}

/// "yes" or "no" as a table cell.
pub fn yes_no(tr: &Tr, yes: bool) -> String {
    tr.t(if yes { "value-yes" } else { "value-no" })
}

/// A measured value in `tr`'s language.
pub fn num(tr: &Tr, v: f64) -> String {
    super::num(tr.lang, v)
}

/// A value with at most one decimal, as the tracker's charts write it
/// (`myo_tracker::charts::short`), with the language's decimal mark.
pub fn short_num(tr: &Tr, v: f64) -> String {
    let s = myo_tracker::charts::short(v);
    if is_source(tr) {
        s
    } else {
        s.replace('.', ",")
    }
}

/// A date (`YYYY-MM-DD`) in `tr`'s language.
pub fn date(tr: &Tr, iso: &str) -> String {
    super::date(tr.lang, iso)
}

/// Whether the language is the source language (English), whose words live in Rust code too.
pub fn is_source(tr: &Tr) -> bool {
    tr.lang == Lang::En
}

/// Words given as data in `tr`'s language: the catalogue's message `w.id` with each value
/// written the language's way (numbers with its decimal mark, dates its way, fields by their
/// label, parts worded the same way), plus `extra` values the page adds. The one way Myo turns
/// the tracker's [`Worded`] errors, warnings and lines into a page's words.
pub fn worded(tr: &Tr, w: &Worded, extra: &[(&str, Arg)]) -> String {
    let mut args: Vec<(&str, Arg)> = extra.to_vec();
    for (name, value) in &w.args {
        let shown = match value {
            WordedValue::Number(n) => number(tr, n),
            WordedValue::Date(d) => date(tr, d),
            WordedValue::Text(t) => t.clone(),
            WordedValue::Field(f) => crate::tracker::safety::field_label_in(tr, f),
            WordedValue::Part(p) => worded(tr, p, &[]),
        };
        args.push((*name, shown.to_arg()));
    }
    tr.ta(&w.id, &args)
}

/// A sentence of the tracker's in `tr`'s language: English keeps the tracker's words, other
/// languages word it from the catalogue.
pub fn phrase(tr: &Tr, p: &Phrase) -> String {
    worded_or(tr, &p.english, &p.worded)
}

/// A number as the tracker wrote it (`1.5`, `-3`), with the language's decimal mark; never
/// rounded (text that is not a plain number is shown as it is).
pub fn number(tr: &Tr, n: &str) -> String {
    let plain = !n.is_empty()
        && n.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    if plain && !is_source(tr) {
        n.replace('.', ",")
    } else {
        n.to_owned()
    }
}

/// A dose in `tr`'s language (`7,5 mg` in Spanish; English as the tracker writes it).
pub fn dose(tr: &Tr, d: &myo_tracker::medicines::Dose) -> String {
    worded_or(tr, &d.to_string(), &dose_worded(d))
}

/// A dose as data (`dose-amount`: amount and unit).
pub fn dose_worded(d: &myo_tracker::medicines::Dose) -> Worded {
    Worded::new("dose-amount")
        .num("amount", d.amount)
        .text("unit", d.unit.as_str())
}

/// `english` in English, else `w` worded in `tr`'s language.
fn worded_or(tr: &Tr, english: &str, w: &Worded) -> String {
    if is_source(tr) {
        english.to_owned()
    } else {
        worded(tr, w, &[])
    }
}
