//! Spanish questions are answered in Spanish from Spanish entries, with citations; a topic with
//! no Spanish page falls back to the English entry behind a Spanish note; English answers are
//! exactly what they would be with no Spanish entries at all; the Spanish answer dev set meets
//! its target.

use myo_ask::es::answer::FALLBACK_NOTE;
use myo_ask::eval::split::{SplitSet, evaluate_split};
use myo_ask::{Corpus, Engine, Kind, Lang};

fn builtin() -> Engine {
    myo_ask::builtin_engine().expect("knowledge base loads")
}

#[test]
fn a_spanish_question_gets_a_spanish_answer_with_its_citation() {
    let e = builtin();
    for (q, id) in [
        (
            "¿La dermatomiositis se contagia?",
            "faq-is-dermatomyositis-contagious-es",
        ),
        // Without accents, as people type.
        (
            "la dermatomiositis se contagia",
            "faq-is-dermatomyositis-contagious-es",
        ),
        ("¿Cada cuánto se toma el metotrexato?", "methotrexate-es"),
    ] {
        let r = e.ask(q);
        assert_eq!(r.kind, Kind::Answer, "{q}: {}", r.answer);
        assert_eq!(r.language, Lang::Es, "{q}");
        assert_eq!(
            r.citations.first().map(|c| c.id.as_str()),
            Some(id),
            "{q}: {}",
            r.answer
        );
        let c = &r.citations[0];
        assert_eq!(c.link, format!("/kb/{id}"));
        assert!(!c.sources.is_empty() && !c.reviewed_on.is_empty());
        assert!(r.answer.contains("[1]"), "{q}: {}", r.answer);
        assert!(!r.answer.starts_with(FALLBACK_NOTE));
        assert!(
            r.disclaimer.contains("médico"),
            "Spanish disclaimer: {}",
            r.disclaimer
        );
    }
    let r = e.ask("¿Cada cuánto se toma el metotrexato?");
    assert!(r.answer.to_lowercase().contains("semana"), "{}", r.answer);
}

#[test]
fn a_topic_without_a_spanish_page_falls_back_to_english_with_a_note() {
    let e = builtin();
    let r = e.ask("¿qué es la aldolasa?");
    assert_eq!(r.kind, Kind::Answer, "{}", r.answer);
    assert_eq!(r.language, Lang::Es);
    assert!(r.answer.starts_with(FALLBACK_NOTE), "{}", r.answer);
    let id = &r.citations.first().expect("cited").id;
    assert!(!id.ends_with("-es"), "cites the English entry: {id}");
    // A product named outright keeps its own entry rather than a Spanish page that mentions it
    // (every drug guide now has a Spanish page; supplements do not all have one).
    let r = e.ask("¿qué es la coenzima Q10?");
    assert_eq!(
        r.citations.first().map(|c| c.id.as_str()),
        Some("coenzyme-q10")
    );
    assert!(r.answer.starts_with(FALLBACK_NOTE));
    // ... and is answered in Spanish when that entry has a Spanish page.
    let r = e.ask("¿qué es el tacrolimus?");
    assert_eq!(
        r.citations.first().map(|c| c.id.as_str()),
        Some("tacrolimus-es")
    );
    assert!(!r.answer.starts_with(FALLBACK_NOTE));
}

#[test]
fn a_spanish_warning_links_the_spanish_page_and_still_leads() {
    let e = builtin();
    let r = e.ask("tomé metotrexato todos los días esta semana");
    let t = r.triage.as_ref().expect("warning fires");
    assert_eq!(t.tier, myo_ask::Tier::Emergency);
    assert!(r.answer.starts_with("EMERGENCIA"), "{}", r.answer);
    assert_eq!(
        r.related.first().map(|p| p.id.as_str()),
        Some("methotrexate-overdose-es")
    );
}

#[test]
fn english_answers_are_unchanged_by_spanish_entries() {
    let kb = myo_kb::Kb::builtin().expect("built-in KB");
    let with = Engine::build(Corpus::from_kb(&kb));
    let mut corpus = Corpus::from_kb(&kb);
    assert!(!corpus.spanish.is_empty());
    corpus.spanish.clear();
    corpus.counterparts.clear();
    corpus.spanish_synonyms.clear();
    let without = Engine::build(corpus);
    for q in [
        "is dermatomyositis contagious",
        "what is the usual dose of methotrexate",
        "can I drink alcohol on methotrexate",
        "I can't breathe and my lips are blue",
        "what does heliotrope rash look like",
        "how long will I need prednisone",
        "is it safe to exercise with dm",
        "what is the capital of france",
    ] {
        let a = with.ask(q);
        let b = without.ask(q);
        assert_eq!(a, b, "{q}");
        assert!(a.citations.iter().all(|c| !c.id.ends_with("-es")), "{q}");
        assert_eq!(a.language, Lang::En, "{q}");
    }
}

#[test]
fn spanish_answer_dev_set_meets_its_target() {
    let e = builtin();
    let text = include_str!("../eval/dev-es-answers.toml");
    let set = SplitSet::parse(text).expect("dev set parses");
    assert!(set.answer.len() >= 40);
    let kb = myo_kb::Kb::builtin().expect("built-in KB");
    let known = kb.all_entries().map(|e| e.id.clone()).collect();
    let report = evaluate_split(&e, &set, &known);
    for f in &report.failures {
        eprintln!("miss {:?}: {} / {}", f.question, f.expected, f.got);
    }
    let key = report
        .metrics
        .iter()
        .find(|m| m.name == "answer_key_fact")
        .expect("metric");
    assert_eq!(key.total, set.answer.len(), "no question left pending");
    assert!(
        key.passed * 10 >= key.total * 9,
        "Spanish answers with their key fact: {}/{}",
        key.passed,
        key.total
    );
}
