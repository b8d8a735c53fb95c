//! Answer behaviour on the built-in knowledge base, with phrasings that are not in the
//! evaluation set: ranking beyond the disease's name, polarity, abbreviations, everyday words,
//! word collisions, question types, "Yes"/"No" leads, two-part questions and refusals that keep
//! the safety fact.

use myo_ask::{Engine, Kind, RefusalClass};

fn engine() -> Engine {
    myo_ask::builtin_engine().expect("built-in engine")
}

fn top(e: &Engine, q: &str, want: &[&str]) {
    let got = e.top_ids(q, 1);
    assert!(
        got.first().is_some_and(|id| want.contains(&id.as_str())),
        "{q:?}: expected one of {want:?}, got {got:?}"
    );
}

#[test]
fn the_disease_name_does_not_pull_questions_to_the_overview() {
    let e = engine();
    for q in [
        "how many years do people live after getting dermatomyositis",
        "does dermatomyositis shorten your life",
        "is dermatomyositis something you can die from",
    ] {
        top(&e, q, &["faq-life-expectancy", "outlook-and-remission"]);
    }
    top(&e, "dermatomyositis", &["what-is-dermatomyositis"]);
}

#[test]
fn food_polarity() {
    let e = engine();
    top(
        &e,
        "which foods should i stay away from with myositis",
        &["foods-to-avoid"],
    );
    top(
        &e,
        "foods that are bad for dermatomyositis",
        &["foods-to-avoid"],
    );
    top(
        &e,
        "what foods are good for me with dm",
        &["foods-to-favour"],
    );
    top(
        &e,
        "what should i eat to help my muscles",
        &["foods-to-favour"],
    );
}

#[test]
fn abbreviations_and_clinician_terms() {
    let e = engine();
    top(&e, "what is MTX for", &["methotrexate"]);
    top(
        &e,
        "HCQ and eye checks",
        &["hydroxychloroquine", "vision-changes-on-hydroxychloroquine"],
    );
    top(
        &e,
        "is ILD serious",
        &["lung-involvement", "interstitial-lung-disease"],
    );
    top(
        &e,
        "what does a raised CK tell the doctor",
        &["creatine-kinase-test"],
    );
    top(&e, "IVIG side effects", &["ivig"]);
    top(
        &e,
        "why is troponin checked in myositis",
        &["heart-tests", "heart-involvement"],
    );
    top(
        &e,
        "antibiotic to stop PJP",
        &["prevent-infections", "pjp-prophylaxis"],
    );
}

#[test]
fn everyday_words() {
    let e = engine();
    top(
        &e,
        "can i sunbathe on holiday",
        &[
            "living-with-sun-sensitivity",
            "prevent-flares-from-sun",
            "sun-sensitive-rash",
            "sunscreen",
        ],
    );
    top(
        &e,
        "can my husband catch it from me",
        &[
            "faq-is-dermatomyositis-contagious",
            "not-contagious-not-inherited",
        ],
    );
    top(
        &e,
        "could my son inherit dermatomyositis from me",
        &[
            "faq-is-dermatomyositis-inherited",
            "not-contagious-not-inherited",
            "genetic-risk",
        ],
    );
    let r = e.ask("is it ok to breast feed while taking hydroxychloroquine");
    assert_eq!(r.kind, Kind::Answer);
    assert!(
        r.answer.to_lowercase().contains("breastfeeding"),
        "{}",
        r.answer
    );
}

#[test]
fn word_collisions_are_not_answered() {
    let e = engine();
    for q in [
        "i made a rash decision yesterday",
        "that was a rash decision",
        "how do i cook rice",
        "how tall is mount everest",
        "my plant has white spots on the leaves",
    ] {
        let r = e.ask(q);
        assert!(
            matches!(r.kind, Kind::NotCovered | Kind::OutOfScope),
            "{q:?} answered: {}",
            r.answer
        );
        assert!(r.citations.is_empty(), "{q:?}");
    }
    // The knowledge base covers drinking at a party (alcohol with DM medicines); what it must
    // never do is answer an everyday drink question from a warning sign's entry.
    for q in [
        "what's the best drink to bring to a party",
        "what is the best drink at a party",
        "a cold drink on a hot day",
    ] {
        let r = e.ask(q);
        assert!(r.triage.is_none(), "{q:?}");
        assert!(
            r.citations.iter().all(|c| !c.link.contains("vomiting")
                && !c.id.contains("choking")
                && !c.id.contains("blood")),
            "{q:?}: {}",
            r.answer
        );
    }
}

#[test]
fn spelling_corrects_only_toward_field_words() {
    let e = engine();
    top(&e, "metotrexate side efects", &["methotrexate"]);
    top(&e, "dermatomiositis", &["what-is-dermatomyositis"]);
    let terms: Vec<String> = e
        .query_terms("a glass of wine with dinner")
        .into_iter()
        .map(|t| t.stem)
        .collect();
    assert!(!terms.iter().any(|t| t == "line"), "{terms:?}");
}

#[test]
fn no_bare_yes_or_no_unless_the_entry_asks_that() {
    let e = engine();
    for q in [
        "will my kids get dm too",
        "could my grandchildren get dermatomyositis",
        "are my children going to get this",
    ] {
        let r = e.ask(q);
        assert_eq!(r.kind, Kind::Answer, "{q:?}");
        assert!(
            !r.answer.starts_with("Yes")
                && !r.answer.starts_with("No,")
                && !r.answer.starts_with("No:"),
            "{q:?}: {}",
            r.answer
        );
        assert!(
            r.answer.contains("low") || r.answer.contains("not"),
            "{q:?}: {}",
            r.answer
        );
    }
    // "No treatment can …" is a sentence, not an answer word: it is kept whole.
    let r = e.ask("is there any cure for myositis");
    assert!(!r.answer.contains(" Treatment can promise"), "{}", r.answer);
}

#[test]
fn answers_fit_the_question_type() {
    let e = engine();
    let r = e.ask("how often will i need blood tests on methotrexate");
    assert!(r.answer.contains("every"), "{}", r.answer);
    let r = e.ask("how long do people live with dm nowadays");
    assert!(r.answer.contains("years"), "{}", r.answer);
    let r = e.ask("how much vitamin d is usual per day");
    assert!(r.answer.contains("IU"), "{}", r.answer);
}

#[test]
fn sentences_never_start_by_pointing_back() {
    let e = engine();
    let set = myo_ask::eval::EvalSet::builtin().expect("set");
    for c in &set.retrieval {
        let r = e.ask(&c.q);
        if r.kind != Kind::Answer || r.triage.is_some() {
            continue;
        }
        let first = r.answer.split_whitespace().next().unwrap_or("");
        assert!(
            ![
                "This", "These", "That", "It", "They", "So", "Also", "But", "Such"
            ]
            .contains(&first),
            "{:?}: {}",
            c.q,
            r.answer
        );
    }
    let r = e.ask("can people catch dermatomyositis from me");
    if let Some(at) = r.answer.find("This means you may catch") {
        assert!(r.answer[..at].contains("immune"), "{}", r.answer);
    }
}

#[test]
fn a_two_part_question_gets_both_parts() {
    let e = engine();
    let r = e.ask("is dermatomyositis contagious and will my children get it");
    let ids: Vec<&str> = r.citations.iter().map(|c| c.id.as_str()).collect();
    assert!(
        ids.iter().any(|id| id.contains("contagious")),
        "{ids:?}: {}",
        r.answer
    );
    assert!(
        ids.iter().any(|id| id.contains("inherited")),
        "{ids:?}: {}",
        r.answer
    );
}

#[test]
fn refusals_keep_the_safety_fact() {
    let e = engine();
    let r = e.ask("should i just stop taking my prednisone now");
    assert_eq!(r.kind, Kind::Refusal(RefusalClass::Medication));
    assert!(r.answer.contains("suddenly"), "{}", r.answer);
    assert_eq!(r.citations.len(), 1);
    let r = e.ask("can i take my methotrexate every day instead");
    if let Kind::Refusal(_) = r.kind {
        assert!(r.answer.to_lowercase().contains("week"), "{}", r.answer);
    }
    // General questions about a medicine are answered.
    for q in ["what does prednisone do", "what is azathioprine used for"] {
        assert_eq!(e.ask(q).kind, Kind::Answer, "{q:?}");
    }
}

#[test]
fn where_a_treatment_stands_is_answered_with_its_status() {
    let e = engine();
    let r = e.ask("is a feeding tube permanent");
    assert!(r.answer.contains("temporary"), "{}", r.answer);
    let r = e.ask("has stem cell transplant been proven for myositis");
    assert!(
        r.answer.contains("not a standard treatment"),
        "{}",
        r.answer
    );
    let r = e.ask("is plasma exchange a standard treatment for dm yet");
    assert!(
        r.answer.contains("not a standard treatment"),
        "{}",
        r.answer
    );
}
