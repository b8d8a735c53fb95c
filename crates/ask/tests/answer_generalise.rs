//! Answers on questions worded differently from the evaluation sets (written for this test, not
//! copied from them), against the built-in knowledge base:
//! - the entry's summary, its own short answer, leads a general question, while a question
//!   for one figure (how often) is answered from the sentence that holds it;
//! - lay words for exercise and work reach their entries ("working out" is exercise);
//! - medicine changes in words of intention or permission, abbreviations for the medicine, and
//!   "have I got …" are refused; a symptom put down to the known disease is answered;
//! - Spanish: everyday questions with no field word are not answered from whatever entry
//!   shares a word; an entry's own multi-word term found whole points at it.
//!
//! Each family fails if its feature breaks.

use myo_ask::{Engine, Kind, RefusalClass, builtin_engine};

fn engine() -> Engine {
    builtin_engine().expect("built-in knowledge base loads")
}

fn first_sentence(text: &str) -> &str {
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    &text[..end]
}

#[test]
fn the_summary_leads_a_general_question() {
    let e = engine();
    let kb = myo_kb::Kb::builtin().expect("built-in KB");
    for (q, id) in [
        (
            "statins and muscle disease, tell me more",
            "statins-and-hmgcr",
        ),
        ("jo-1 antibodies explained", "anti-jo1"),
        (
            "should my mother be scared of dying from dermatomyositis",
            "faq-life-expectancy",
        ),
    ] {
        let r = e.ask(q);
        assert_eq!(r.kind, Kind::Answer, "{q}");
        assert_eq!(r.citations[0].id, id, "{q}");
        let summary = &kb.get(id).expect("entry").summary;
        let lead = first_sentence(summary);
        let lead = lead
            .strip_prefix("Yes: ")
            .or_else(|| lead.strip_prefix("No. "))
            .unwrap_or(lead);
        assert!(
            r.answer.contains(lead.trim_end_matches('.')),
            "{q}: the answer should lead with the summary {lead:?}, got {:?}",
            r.answer
        );
    }
}

#[test]
fn a_question_for_one_figure_gets_the_sentence_with_it() {
    let e = engine();
    let r = e.ask("how often should the hydroxychloroquine eye test be repeated");
    assert_eq!(r.kind, Kind::Answer);
    let a = r.answer.to_lowercase();
    assert!(
        a.contains("year") || a.contains("annual"),
        "a frequency is stated: {a}"
    );
}

#[test]
fn lay_words_for_exercise_and_work_reach_their_entries() {
    let e = engine();
    let exercise = [
        "faq-can-exercise-hurt-me",
        "living-exercise-safely",
        "aerobic-exercise",
        "strength-training",
        "home-exercise-program",
    ];
    for q in [
        "how often should i be working out with myositis",
        "jogging with dermatomyositis, good or bad",
    ] {
        let top = e.top_ids(q, 1);
        assert!(
            top.iter().any(|id| exercise.contains(&id.as_str())),
            "{q}: {top:?}"
        );
    }
    // "Working out" is exercise, never the work-and-school page.
    for q in [
        "does working out harm weak muscles in dm",
        "working out at home with dermatomyositis",
    ] {
        let top = e.top_ids(q, 1);
        assert_ne!(top, ["living-work-and-school"], "{q}");
    }
    let top = e.top_ids("will my boss let me work fewer hours because of dm", 1);
    assert_eq!(top, ["living-work-and-school"]);
}

#[test]
fn medicine_changes_in_words_of_intention_or_permission_are_refused() {
    let e = engine();
    for q in [
        "planning to ditch my mtx once the rash settles",
        "would it be alright if i brought myself down to 5 mg of prednisone",
        "hcq gives me headaches, is it ok to leave it out for a few days",
        "i fancy a holiday from my tablets in august",
    ] {
        assert_eq!(
            e.ask(q).kind,
            Kind::Refusal(RefusalClass::Medication),
            "{q}"
        );
    }
    assert_eq!(
        e.ask("weak hips and a purple rash on my eyelids, have i got myositis?")
            .kind,
        Kind::Refusal(RefusalClass::Diagnosis)
    );
}

#[test]
fn a_symptom_put_down_to_the_known_disease_is_answered() {
    let e = engine();
    let r = e.ask("always exhausted lately, is that my dermatomyositis");
    assert_eq!(r.kind, Kind::Answer, "{}", r.answer);
}

#[test]
fn spanish_everyday_questions_without_a_field_word_are_not_answered() {
    let e = engine();
    for q in [
        "¿lloverá mañana en Bilbao?",
        "¿qué tiempo hace hoy en Málaga?",
    ] {
        let r = e.ask(q);
        assert_ne!(r.kind, Kind::Answer, "{q}: {}", r.answer);
    }
}

#[test]
fn spanish_an_entrys_own_term_found_whole_points_at_it() {
    let e = engine();
    let r = e.ask("dónde consigo una tarjeta de emergencia de corticoides");
    assert_eq!(r.kind, Kind::Answer);
    assert_eq!(
        r.citations[0].id, "steroid-emergency-card-es",
        "{}",
        r.answer
    );
}
