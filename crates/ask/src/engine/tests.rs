use super::*;
use crate::guard::RefusalClass;
use crate::triage::{Rule, Tier};

fn doc(id: &str, title: &str, summary: &str, body: &[&str], terms: &[&str]) -> Document {
    Document {
        id: id.into(),
        title: title.into(),
        section: "symptoms".into(),
        summary: summary.into(),
        lines: body.iter().map(|s| s.to_string()).collect(),
        terms: terms.iter().map(|s| s.to_string()).collect(),
        facts: vec![],
        sources: vec!["Mayo Clinic".into()],
        reviewed_on: "2026-11-21".into(),
        related: vec![],
    }
}

fn engine() -> Engine {
    Engine::build(Corpus {
        documents: vec![
            doc(
                "heliotrope-rash",
                "Heliotrope rash",
                "A purple or pink rash on the upper eyelids. It is a classic sign of DM.",
                &[
                    "# What it looks like",
                    "The eyelids can swell and look puffy.",
                    "It may itch.",
                ],
                &["purple eyelids", "eyelid rash"],
            ),
            doc(
                "dysphagia",
                "Trouble swallowing (dysphagia)",
                "Weak throat muscles can make swallowing hard.",
                &[
                    "Food may feel stuck.",
                    "A speech therapist can help with safe swallowing.",
                ],
                &["trouble swallowing"],
            ),
            doc(
                "choking",
                "Choking",
                "Choking is an emergency.",
                &["Call for help at once."],
                &[],
            ),
        ],
        synonyms: vec![vec!["dysphagia".into(), "hard to swallow".into()]],
        rules: vec![
            Rule::new(
                "dysphagia",
                "Trouble swallowing",
                Tier::Discuss,
                "Mention it at your next visit.",
                &["food feels stuck"],
            ),
            Rule::new(
                "choking",
                "Choking",
                Tier::Emergency,
                "Call 911 now.",
                &["choking"],
            ),
        ],
        medicines: vec!["prednisone".into()],
        disclaimer: "General information only.".into(),
        ..Corpus::default()
    })
    .with_min_score(0.5)
}

#[test]
fn answers_from_the_best_entry_with_citation() {
    let r = engine().ask("purple rash on my eyelids");
    assert_eq!(r.kind, Kind::Answer);
    assert_eq!(r.citations[0].id, "heliotrope-rash");
    assert_eq!(r.citations[0].link, "/kb/heliotrope-rash");
    assert!(
        r.answer
            .starts_with("A purple or pink rash on the upper eyelids.")
    );
    assert!(r.answer.contains("[1]"));
    assert_eq!(r.disclaimer, "General information only.");
}

#[test]
fn typos_and_synonyms_still_find_the_entry() {
    let e = engine();
    assert_eq!(e.top_ids("heliotrop rash", 1), ["heliotrope-rash"]);
    assert_eq!(e.top_ids("it is hard to swallow", 1), ["dysphagia"]);
    assert_eq!(e.top_ids("dysfagia", 1), ["dysphagia"]);
}

#[test]
fn emergency_leads_with_the_action() {
    let r = engine().ask("my dad is choking");
    assert_eq!(r.triage.as_ref().map(|t| t.tier), Some(Tier::Emergency));
    assert!(r.answer.starts_with("EMERGENCY: Call 911 now."));
}

#[test]
fn a_discuss_flag_is_a_pointer_not_a_warning() {
    let r = engine().ask("food feels stuck when I eat bread");
    assert_eq!(r.triage, None);
    assert!(r.related.iter().any(|x| x.id == "dysphagia") || r.citations[0].id == "dysphagia");
}

#[test]
fn refusals_and_off_topic() {
    let e = engine();
    assert_eq!(
        e.ask("can I stop my prednisone").kind,
        Kind::Refusal(RefusalClass::Medication)
    );
    assert_eq!(
        e.ask("write me a poem about the sea").kind,
        Kind::OutOfScope
    );
}
