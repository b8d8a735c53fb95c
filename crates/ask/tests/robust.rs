//! Property tests: no input makes the pure pipeline panic, and scrubbing leaves no long digit run.

use myo_ask::scrub::scrub;
use myo_ask::{Corpus, Document, Engine};
use proptest::prelude::*;

fn engine() -> Engine {
    Engine::build(Corpus {
        documents: vec![Document {
            id: "heliotrope-rash".into(),
            title: "Heliotrope rash".into(),
            section: "symptoms".into(),
            summary: "A purple rash on the upper eyelids. It is a sign of DM.".into(),
            lines: vec![
                "# Look".into(),
                "Signs include:".into(),
                "puffy eyes".into(),
            ],
            terms: vec!["purple eyelids".into()],
            facts: vec![],
            sources: vec!["Mayo Clinic".into()],
            reviewed_on: "2026-11-21".into(),
            related: vec![],
        }],
        ..Corpus::default()
    })
}

proptest! {
    #[test]
    fn ask_never_panics(q in "\\PC{0,200}") {
        let r = engine().ask(&q);
        prop_assert!(!r.escalation.is_empty());
    }

    #[test]
    fn ask_never_panics_on_wordy_input(q in "[a-zA-Z0-9 .,'°?!-]{0,200}") {
        let _ = engine().ask(&q);
    }

    #[test]
    fn scrub_leaves_no_long_digit_run(q in "[a-z0-9 .@/+()-]{0,120}") {
        let s = scrub(&q);
        let mut run = 0;
        for c in s.chars() {
            run = if c.is_ascii_digit() { run + 1 } else { 0 };
            prop_assert!(run < 6, "{q:?} -> {s:?}");
        }
    }

    #[test]
    fn scrub_never_panics(q in "\\PC{0,200}") {
        let _ = scrub(&q);
    }
}
