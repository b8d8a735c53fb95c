//! The compile-time snapshot gives exactly the engine that analysing the knowledge base gives.

use myo_ask::eval::EvalSet;
use myo_ask::{Corpus, Engine};

#[test]
fn snapshot_engine_answers_like_a_fresh_build() {
    let kb = myo_kb::Kb::builtin().expect("built-in knowledge base loads");
    let fresh = Engine::build(Corpus::from_kb(&kb));
    let snap = myo_ask::builtin_engine().expect("snapshot decodes");
    let set = EvalSet::builtin().expect("question set parses");
    let questions = set
        .retrieval
        .iter()
        .map(|c| &c.q)
        .chain(set.triage.iter().map(|c| &c.q))
        .chain(set.refuse.iter().map(|c| &c.q))
        .chain(set.off_topic.iter().map(|c| &c.q));
    for q in questions {
        assert_eq!(snap.ask(q), fresh.ask(q), "{q:?}");
    }
    assert_eq!(snap.len(), fresh.len());
}

#[test]
fn the_snapshot_round_trips_and_rejects_damage() {
    let kb = myo_kb::Kb::builtin().expect("built-in knowledge base loads");
    let bytes = myo_ask::snapshot::build(&Corpus::from_kb(&kb));
    assert!(myo_ask::snapshot::engine(&bytes).is_ok());
    assert!(myo_ask::snapshot::engine(&bytes[..bytes.len() / 3]).is_err());
    assert!(myo_ask::snapshot::engine(b"").is_err());
}
