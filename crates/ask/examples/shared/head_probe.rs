//! Pieces shared by the triage-head probes (`head_dev`, `head_rescue`): the gate that lets the
//! head speak (English, no negation word) and the dev questions that must stay quiet. Included
//! with `#[path]`, so each example keeps its own `main`.

use myo_ask::Lang;
use myo_ask::es::eval::EsSet;
use myo_ask::eval::EvalSet;
use myo_ask::lang::detect;

/// Negation words that close the gate (English and Spanish).
pub const NEGATION: &[&str] = &[
    "no", "not", "never", "without", "dont", "don't", "didnt", "didn't", "isnt", "isn't", "nunca",
    "sin", "ni", "tampoco",
];

/// Whether the gate is open for this question: English and no negation word.
pub fn gated(q: &str) -> bool {
    let lower = q.to_lowercase();
    detect(q) == Lang::En
        && !lower
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .any(|w| NEGATION.contains(&w))
}

/// The dev questions on which triage must stay quiet: answerable, must-not-alarm, refusals and
/// off-topic, English then Spanish.
pub fn quiet_list<'a>(set: &'a EvalSet, es: &'a EsSet) -> Vec<&'a str> {
    set.no_trigger
        .iter()
        .chain(&set.off_topic)
        .chain(&set.no_refuse)
        .map(|c| c.q.as_str())
        .chain(set.retrieval.iter().map(|c| c.q.as_str()))
        .chain(set.refuse.iter().map(|c| c.q.as_str()))
        .chain(
            es.no_alarm
                .iter()
                .chain(&es.off_topic)
                .map(|c| c.q.as_str()),
        )
        .collect()
}
