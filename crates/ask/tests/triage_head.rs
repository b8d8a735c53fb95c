//! The learned triage head: its weights load and match the embedding they were trained on, it
//! fires on red-flag reports and stays quiet on ordinary questions, and combined with the phrase
//! rules it never lowers a tier.

use myo_ask::embed::{Embedder, Vector};
use myo_ask::eval::EvalSet;
use myo_ask::head::{TriageHead, raise};
use myo_ask::triage::Tier;

fn setup() -> (Embedder, TriageHead) {
    (
        Embedder::builtin().expect("embedding loads"),
        TriageHead::builtin().expect("head weights load"),
    )
}

#[test]
fn weights_load_and_match_the_embedding_table() {
    let (_, head) = setup();
    let manifest: toml::Table =
        toml::from_str(include_str!("../data/embed/manifest.toml")).expect("manifest parses");
    let sha = manifest["sha256"]["vectors.i8"]
        .as_str()
        .expect("vectors sha");
    assert_eq!(
        head.embedding_sha256(),
        sha,
        "the head was trained on another embedding table: rerun train_triage_head"
    );
    let (emergency, urgent) = head.thresholds();
    assert!(emergency > 0.5 && emergency < 1.0);
    assert!(urgent > 0.5 && urgent < 1.0);
}

#[test]
fn fires_on_emergency_reports_not_in_the_training_set() {
    let (e, head) = setup();
    for text in [
        "I can't breathe and my lips are going blue",
        "help my husband collapsed and is not breathing",
        "I have decided to end my life",
        "my throat is closing up during the IVIG infusion",
        // Same reports with shouting, stray separators and a NUL byte.
        "I CAN'T BREATHE AND MY LIPS ARE GOING BLUE",
        "help,  my husband collapsed\tand is not breathing",
        "I have decided to end my\u{0} life",
    ] {
        assert_eq!(
            head.classify(&e.embed(text)),
            Some(Tier::Emergency),
            "{text:?}: {:?}",
            head.scores(&e.embed(text))
        );
    }
}

#[test]
fn quiet_on_ordinary_questions() {
    let (e, head) = setup();
    for text in [
        "what is dermatomyositis",
        "how often should I take methotrexate",
        "is sunscreen important for the rash",
        "my grandmother had a stroke ten years ago",
        "qué es la miositis",
        "what is the best diet for myositis",
        "can children get dermatomyositis",
        "how is IVIG given",
        "",
        "?!",
    ] {
        assert_eq!(head.classify(&e.embed(text)), None, "{text:?}");
    }
    assert_eq!(head.classify(&Vector::zero()), None);
}

#[test]
fn never_lowers_a_rule_tier_on_the_dev_questions() {
    let (e, head) = setup();
    let engine = myo_ask::builtin_engine().expect("engine builds");
    let set = EvalSet::builtin().expect("question set parses");
    let questions = set
        .triage
        .iter()
        .map(|c| &c.q)
        .chain(set.no_trigger.iter().map(|c| &c.q))
        .chain(set.retrieval.iter().map(|c| &c.q));
    let mut fired = 0;
    for q in questions {
        let rule = engine.triage().check_all(q).map(|h| h.tier);
        let head_tier = head.classify(&e.embed(q));
        let combined = raise(rule, head_tier);
        assert!(combined >= rule, "{q:?}: {rule:?} lowered to {combined:?}");
        assert!(combined >= head_tier);
        fired += usize::from(head_tier.is_some());
    }
    assert!(
        fired > 0,
        "the head fired on none of the dev triage questions"
    );
}
