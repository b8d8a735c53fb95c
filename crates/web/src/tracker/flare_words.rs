//! Flare signals in the page's language: the same facts as the tracker's English explanation
//! (the rating or CK value, the baseline or previous value, and the rule's thresholds), worded
//! from the catalogue. English, the source language, keeps the tracker's own words.

use myo_tracker::flares::Flare;
use myo_tracker::rules::FlareRule;

use crate::i18n::{ToArg, Tr, words};

/// The flare signal's explanation in `tr`'s language.
pub fn explanation(tr: &Tr, rule: &FlareRule, flare: &Flare) -> String {
    if words::is_source(tr) {
        return flare.explanation().to_owned();
    }
    from_catalogue(tr, rule, flare)
}

/// The flare signal's explanation from the catalogue (in English the words are the tracker's,
/// word for word: tested).
pub fn from_catalogue(tr: &Tr, rule: &FlareRule, flare: &Flare) -> String {
    let date = |d: myo_tracker::Date| words::date(tr, &d.to_string());
    match flare {
        Flare::Diary(f) => tr.ta(
            "flare-diary",
            &[
                ("rating", words::rating(tr, f.rating).to_arg()),
                ("value", words::short_num(tr, f.value).to_arg()),
                ("date", date(f.date).to_arg()),
                ("days", f.baseline_days.to_arg()),
                ("mean", words::short_num(tr, f.baseline_mean).to_arg()),
                ("lookback", i64::from(rule.lookback_days).to_arg()),
                (
                    "change",
                    tr.t(if f.rating.higher_is_worse() {
                        "flare-rise"
                    } else {
                        "flare-drop"
                    })
                    .to_arg(),
                ),
                ("threshold", words::short_num(tr, rule.rating_rise).to_arg()),
            ],
        ),
        Flare::Ck(f) => tr.ta(
            "flare-ck",
            &[
                ("value", words::short_num(tr, f.value).to_arg()),
                ("date", date(f.date).to_arg()),
                ("times", words::short_num(tr, f.value / f.previous).to_arg()),
                ("previous", words::short_num(tr, f.previous).to_arg()),
                ("previous_date", date(f.previous_date).to_arg()),
                ("factor", words::short_num(tr, rule.ck_factor).to_arg()),
            ],
        ),
    }
}
