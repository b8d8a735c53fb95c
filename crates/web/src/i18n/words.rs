//! The tracker's own words (ratings, symptoms, yes and no, warning-sign tiers) in a language,
//! from the catalogue: the tracker keeps ids, this turns them into what a page shows.

use myo_tracker::records::{HomeTest, Rating, Symptom};

use super::{Lang, Tr};

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
