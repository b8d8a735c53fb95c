//! The evaluation against the real built-in knowledge base: fails below the targets
//! (top-3 ≥ 95 %, top-1 ≥ 85 %, emergency recall 100 %, false alarms ≤ 5 %, and the rest of
//! `myo_ask::eval`).

use std::collections::HashSet;

use myo_ask::eval::{EvalSet, evaluate};
use myo_ask::{Corpus, Engine};

#[test]
fn built_in_knowledge_base_meets_every_target() {
    let kb = myo_kb::Kb::builtin().expect("built-in knowledge base loads");
    let engine = Engine::build(Corpus::from_kb(&kb));
    let set = EvalSet::builtin().expect("question set parses");
    let known: HashSet<String> = kb.entries().iter().map(|e| e.id.clone()).collect();
    let report = evaluate(&engine, &set, &known);
    let mut summary = String::new();
    for m in &report.metrics {
        summary.push_str(&format!(
            "{} {}/{} = {:.3} (target {}{})\n",
            m.name,
            m.passed,
            m.total,
            m.value(),
            if m.at_most { "<=" } else { ">=" },
            m.target
        ));
    }
    for f in &report.failures {
        summary.push_str(&format!(
            "  miss [{}] {:?}: expected {}, got {}\n",
            f.metric, f.question, f.expected, f.got
        ));
    }
    for q in &report.pending {
        summary.push_str(&format!("  pending (labelled entry missing): {q:?}\n"));
    }
    assert!(report.passes(), "evaluation below target:\n{summary}");
    let emergency = report.metric("emergency_recall").expect("metric");
    assert_eq!(emergency.passed, emergency.total, "{summary}");
}

#[test]
fn every_labelled_id_is_a_planned_or_existing_entry() {
    let kb = myo_kb::Kb::builtin().expect("built-in knowledge base loads");
    let known: HashSet<String> = kb.entries().iter().map(|e| e.id.clone()).collect();
    let set = EvalSet::builtin().expect("question set parses");
    let unknown: Vec<&str> = set
        .retrieval
        .iter()
        .flat_map(|c| c.ids.iter())
        .filter(|id| !known.contains(*id))
        .map(String::as_str)
        .collect();
    assert!(unknown.is_empty(), "labels naming no entry: {unknown:?}");
}

/// The blind holdout sets parse and keep the sizes they were written with. Their figures are
/// reported, never asserted: a target here would invite tuning on them.
#[test]
fn holdout_sets_parse_and_are_big_enough() {
    use myo_ask::eval::split::SplitSet;
    let en = SplitSet::parse(include_str!("../eval/holdout/en.toml")).expect("en holdout parses");
    assert!(en.len() >= 200, "{}", en.len());
    assert!(en.emergency.len() >= 25 && en.urgent.len() >= 20);
    assert!(en.refuse.len() >= 15 && en.off_topic.len() >= 15 && en.no_alarm.len() >= 15);
    let es = SplitSet::parse(include_str!("../eval/holdout/es.toml")).expect("es holdout parses");
    assert!(es.len() >= 100, "{}", es.len());
    assert!(es.emergency.len() >= 20 && es.no_alarm.len() >= 10);
}

/// Parses one holdout set and checks the exact size of each section it was written with
/// (answer, emergency, urgent, refuse, off_topic, no_alarm), its crisis count, and that no crisis
/// item names the word itself.
fn check_holdout_sizes(text: &str, label: &str, sizes: [usize; 6], crisis: usize) {
    use myo_ask::eval::split::SplitSet;
    let set = SplitSet::parse(text).unwrap_or_else(|e| panic!("{label} holdout parses: {e:?}"));
    let got = [
        set.answer.len(),
        set.emergency.len(),
        set.urgent.len(),
        set.refuse.len(),
        set.off_topic.len(),
        set.no_alarm.len(),
    ];
    assert_eq!(got, sizes, "{label} section sizes");
    let crisis_items: Vec<_> = set
        .emergency
        .iter()
        .filter(|c| c.tags.iter().any(|t| t == "crisis"))
        .collect();
    assert_eq!(crisis_items.len(), crisis, "{label} crisis items");
    let named = crisis_items
        .iter()
        .filter(|c| c.q.to_lowercase().contains("suicid"))
        .count();
    assert_eq!(named, 0, "{label} crisis items avoid the word itself");
}

/// The second blind holdout (`eval/holdout/v2`, written after the first one had been read) parses
/// and keeps the exact size of each section it was written with, so no question is dropped or
/// added quietly. Its figures are reported, never asserted.
#[test]
fn holdout_v2_sets_parse_and_keep_their_sizes() {
    let en = include_str!("../eval/holdout/v2/en.toml");
    check_holdout_sizes(en, "en v2", [203, 39, 27, 21, 22, 24], 12);
    let es = include_str!("../eval/holdout/v2/es.toml");
    check_holdout_sizes(es, "es v2", [55, 30, 21, 13, 13, 14], 10);
}

/// The third blind holdout (`eval/holdout/v3`) parses and keeps its section sizes; its figures
/// are reported, never asserted.
#[test]
fn holdout_v3_sets_parse_and_keep_their_sizes() {
    let en = include_str!("../eval/holdout/v3/en.toml");
    check_holdout_sizes(en, "en v3", [221, 36, 27, 21, 21, 22], 10);
    let es = include_str!("../eval/holdout/v3/es.toml");
    check_holdout_sizes(es, "es v3", [63, 26, 20, 13, 13, 13], 7);
}

/// The fourth blind holdout (`eval/holdout/v4`, retired as blind after one measurement) parses
/// and keeps its section sizes; its figures are reported, never asserted.
#[test]
fn holdout_v4_sets_parse_and_keep_their_sizes() {
    let en = include_str!("../eval/holdout/v4/en.toml");
    check_holdout_sizes(en, "en v4", [174, 33, 27, 21, 21, 22], 12);
    let es = include_str!("../eval/holdout/v4/es.toml");
    check_holdout_sizes(es, "es v4", [43, 27, 22, 13, 14, 14], 8);
}

/// The fifth blind holdout (`eval/holdout/v5`, the current blind set) parses and keeps its
/// section sizes; its figures are reported, never asserted.
#[test]
fn holdout_v5_sets_parse_and_keep_their_sizes() {
    let en = include_str!("../eval/holdout/v5/en.toml");
    check_holdout_sizes(en, "en v5", [214, 40, 28, 25, 24, 26], 14);
    let es = include_str!("../eval/holdout/v5/es.toml");
    check_holdout_sizes(es, "es v5", [68, 32, 24, 18, 18, 20], 10);
}
