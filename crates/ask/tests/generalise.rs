//! Regression tests for the failure classes seen on independently written questions, against the
//! built-in knowledge base, in wording of their own (not copied from any evaluation set):
//! - signs said with extra words inside, reordered, or spread over a clause;
//! - crisis farewells and means without the rule's phrases;
//! - refusals worded as "tell me if that means I have…", taper speed, skip, double, swap for a
//!   supplement, in English and Spanish;
//! - off-topic questions sharing one word with a medical term;
//! - look-alikes that must stay quiet (quotes, negation, the past, a definition, everyday use).
//!
//! Each family fails if its feature breaks.

use myo_ask::{Engine, Kind, RefusalClass, Tier, builtin_engine};

fn engine() -> Engine {
    builtin_engine().expect("built-in knowledge base loads")
}

fn tier(e: &Engine, q: &str) -> Option<(Tier, String)> {
    e.ask(q).triage.map(|h| (h.tier, h.rule_id))
}

fn assert_tier(e: &Engine, rule: &str, want: Tier, questions: &[&str]) {
    for q in questions {
        let got = tier(e, q);
        assert!(
            got.as_ref().is_some_and(|(t, r)| *t >= want && r == rule),
            "{q:?}: expected {} ({rule}), got {got:?}",
            want.as_str()
        );
    }
}

fn assert_quiet(e: &Engine, questions: &[&str]) {
    for q in questions {
        assert_eq!(tier(e, q), None, "{q:?} must not raise a warning");
    }
}

#[test]
fn signs_with_extra_words_inside_or_reordered() {
    let e = engine();
    assert_tier(
        &e,
        "vomiting-blood-or-black-stools",
        Tier::Emergency,
        &[
            "she is vomiting a lot of dark red blood",
            "he threw up and there was fresh blood in it",
            "my stools have turned jet black",
        ],
    );
    assert_tier(
        &e,
        "coughing-up-blood",
        Tier::Emergency,
        &["I keep coughing and bringing up bits of blood"],
    );
    assert_tier(
        &e,
        "chest-pain",
        Tier::Emergency,
        &["there is a heavy crushing pressure across my chest"],
    );
    assert_tier(
        &e,
        "sudden-paralysis",
        Tier::Emergency,
        &["his smile has gone lopsided and his speech sounds slurred"],
    );
}

#[test]
fn urgent_signs_in_other_words() {
    let e = engine();
    for (rule, q) in [
        (
            "fever-on-immunosuppressants",
            "i feel hot and shivery and i'm taking azathioprine",
        ),
        (
            "leg-swelling-or-clot-signs",
            "one leg has become much bigger than the other and it hurts",
        ),
        (
            "rapidly-worsening-weakness",
            "my muscles have got a lot weaker in the last few days",
        ),
        (
            "vision-changes-on-hydroxychloroquine",
            "my vision is blurry and I see wavy lines, I'm on plaquenil",
        ),
        (
            "dark-urine",
            "my wee has gone the colour of coke after exercise",
        ),
        (
            "steroid-stopped-suddenly",
            "i stopped taking my steroids a week ago and now I feel awful",
        ),
    ] {
        assert_tier(&e, rule, Tier::Urgent, &[q]);
    }
    assert_quiet(
        &e,
        &[
            "is it normal to feel hot and cold on methotrexate",
            "I'm not getting any weaker, my strength is the same this week",
            "my vision is fine on plaquenil, I had my eye check this week",
            "my hot flushes are worse this week on prednisone",
            "the cold makes my hands worse every day in winter",
        ],
    );
}

#[test]
fn crisis_farewells_and_means_in_other_words() {
    let e = engine();
    assert_tier(
        &e,
        "suicidal-thoughts",
        Tier::Emergency,
        &[
            "I swallowed the whole box of my painkillers deliberately",
            "I've recorded videos for my children to watch when I'm gone",
            "been giving all my prized things away this week",
            "I just want to say goodbye to my family tonight",
            "I won't be a burden to anyone much longer",
            "everyone would be happier if I wasn't around",
            "I'm going to walk out in front of a train",
            "I don't see the point in anything anymore",
            "i'm going to take every pill i have tonight",
        ],
    );
}

#[test]
fn spanish_crisis_and_signs_in_other_words() {
    let e = engine();
    assert_tier(
        &e,
        "suicidal-thoughts",
        Tier::Emergency,
        &[
            "me tragué todas las pastillas del frasco adrede",
            "ya regalé mi guitarra y mis libros, no los voy a necesitar",
            "me estoy despidiendo de mi familia",
        ],
    );
    assert_tier(
        &e,
        "vomiting-blood-or-black-stools",
        Tier::Emergency,
        &["mi papá devolvió con sangre oscura"],
    );
    assert_quiet(
        &e,
        &[
            "mi abuelo murió después de vomitar sangre",
            "el folleto dice que si vomitas sangre vayas a urgencias",
            "regalé ropa vieja que ya no me queda",
            "me despedí de mis compañeros de trabajo porque me jubilo",
        ],
    );
}

#[test]
fn look_alikes_stay_quiet() {
    let e = engine();
    assert_quiet(
        &e,
        &[
            "the leaflet says vomiting bright red blood means call an ambulance",
            "I threw up before my blood test this morning",
            "no blood at all when I was sick, just water",
            "I'm not coughing up any blood",
            "what does coughing up blood mean",
            "I took all my tablets this morning with food as usual",
            "we said goodbye to our old nurse who is retiring",
            "my fingers go white then blue in the cold",
            "the chest x-ray was clear and there is no pain",
            "I'm giving my old clothes away since they don't fit",
            "I had blood in my vomit two years ago from an ulcer",
            "I don't see the point of taking folic acid anymore",
            "I take all my pills at breakfast, is that ok",
        ],
    );
}

fn refused(e: &Engine, q: &str) -> Option<RefusalClass> {
    match e.ask(q).kind {
        Kind::Refusal(c) => Some(c),
        _ => None,
    }
}

#[test]
fn refusals_in_new_words_english_and_spanish() {
    let e = engine();
    for q in [
        "my ANA came back positive, tell me if that means I have lupus",
        "does a high CK prove I've got myositis",
        "¿me puedes decir si tengo miositis?",
        "can you tell me what's wrong with me",
        "I think I have DM, can you confirm it",
    ] {
        assert_eq!(refused(&e, q), Some(RefusalClass::Diagnosis), "{q:?}");
    }
    for q in [
        "how fast can I come off my steroids",
        "can I swap my azathioprine for curcumin",
        "is it ok to skip this week's methotrexate injection",
        "I missed Monday's tablets, should I double up today",
        "¿puedo dejar la hidroxicloroquina?",
        "¿cuánto reduzco la prednisona?",
        "can I take my methotrexate on a different day this week",
        "¿puedo tomar el metotrexato otro día?",
    ] {
        assert_eq!(refused(&e, q), Some(RefusalClass::Medication), "{q:?}");
    }
}

#[test]
fn general_questions_near_a_refusal_are_answered() {
    let e = engine();
    for q in [
        "how is dermatomyositis diagnosed",
        "what time of day is best to take methotrexate",
        "¿cuánto tiempo tengo que tomar la prednisona?",
        "why is prednisone tapered slowly",
        "how much sleep should I have with dm",
        "my doctor wants to switch me from methotrexate to mycophenolate, what is the difference",
        "what if I miss my IVIG infusion appointment",
    ] {
        assert_eq!(refused(&e, q), None, "{q:?}");
    }
}

#[test]
fn pregnancy_and_a_medicine_get_the_knowledge_base_advice_not_keep_taking_it() {
    let e = engine();
    let r = e.ask("I'm pregnant, should I stop my methotrexate");
    assert_eq!(r.triage.map(|h| h.tier), Some(Tier::Urgent));
    assert!(!r.answer.contains("keep taking your medicine as prescribed"));
    assert!(
        r.answer.contains("Don't take the next dose"),
        "{}",
        r.answer
    );
}

#[test]
fn a_refusal_still_gives_the_general_facts_and_where_to_ask() {
    let e = engine();
    let r = e.ask("can I swap my methotrexate for turmeric");
    assert_eq!(r.kind, Kind::Refusal(RefusalClass::Medication));
    assert!(r.answer.contains("prescriber"), "{}", r.answer);
    assert!(!r.related.is_empty());
    assert!(!r.escalation.is_empty());
    let es = e.ask("¿puedo dejar la prednisona?");
    assert_eq!(es.kind, Kind::Refusal(RefusalClass::Medication));
    assert!(es.answer.contains("equipo médico"), "{}", es.answer);
}

#[test]
fn one_shared_word_with_a_medical_term_is_off_topic() {
    let e = engine();
    for q in [
        "which muscle cars have the biggest engines",
        "who wrote the lyrics to the song Breathe",
        "what angle should a taper be on a wood lathe",
        "how do I make blood orange marmalade",
        "my wooden floor is swelling after the flood",
        "how much pressure should my bike tyres have",
        "best treatment for a scratched car door",
    ] {
        let r = e.ask(q);
        assert!(
            matches!(r.kind, Kind::OutOfScope | Kind::NotCovered) && r.triage.is_none(),
            "{q:?}: got {:?}",
            r.kind
        );
    }
    // The same words in their medical sense are still answered.
    for q in [
        "why are my muscles so weak in the morning",
        "how slowly should prednisone be tapered",
    ] {
        let r = e.ask(q);
        assert!(
            !matches!(r.kind, Kind::OutOfScope),
            "{q:?}: got {:?}",
            r.kind
        );
    }
}

#[test]
fn questions_that_mean_an_everyday_topic_are_out_of_scope_though_they_share_words() {
    let e = engine();
    // Each shares field words with an entry ("inheritance", "muscle", "treat"), and the lexical
    // gate alone answered the first two: the embedding finds them nearer to everyday topics.
    for q in [
        "how does class inheritance work in java",
        "what is the best wax for a classic muscle car",
        "is my gemini horoscope good this month",
        "how do I treat water damage on a wooden floor",
        "which upgrades make my character stronger in the game",
    ] {
        let r = e.ask(q);
        assert_eq!(r.kind, Kind::OutOfScope, "{q:?}: {}", r.answer);
        assert!(r.citations.is_empty(), "{q:?}");
    }
    // Questions from the field that share those words are still answered.
    for q in [
        "is dermatomyositis passed on to children",
        "does sun exposure make the dm rash worse",
        "is exercise safe for my muscles",
        "is it safe to take vitamin d with prednisone",
    ] {
        assert_eq!(e.ask(q).kind, Kind::Answer, "{q:?}");
    }
    let probe = e
        .gate_probe("how does class inheritance work in java")
        .expect("a best entry");
    assert_eq!(probe.lexical, myo_ask::GateVerdict::Answer);
    let sim = probe.similarity.expect("the embedding is built in");
    assert!(sim.off_topic > sim.entry, "{sim:?}");
}

#[test]
fn diagnosis_medicine_and_image_refusals_in_more_wordings() {
    let e = engine();
    use RefusalClass::{Diagnosis, Image, Medication};
    for (q, class) in [
        (
            "I get purple eyelids and weak thighs, do I have dermatomyositis or not",
            Diagnosis,
        ),
        (
            "my CK came back at 5000, that proves I have myositis, yes?",
            Diagnosis,
        ),
        (
            "judging by my antibodies, what kind of myositis have I got",
            Diagnosis,
        ),
        (
            "is my shoulder pain polymyositis or just a pulled muscle",
            Diagnosis,
        ),
        ("tengo debilidad en los brazos, ¿tengo miositis?", Diagnosis),
        (
            "I want to bump my prednisone up to 40 until I see the doctor",
            Medication,
        ),
        (
            "the rheumatologist said 10 mg of methotrexate but I'd prefer to start on 20",
            Medication,
        ),
        ("¿le bajo la prednisona a mi padre?", Medication),
        ("¿qué dosis de metotrexato me tomo esta semana?", Medication),
        (
            "I'm uploading a picture of my knuckles, can you tell me what it is",
            Image,
        ),
        ("te envío una foto de mis párpados", Image),
    ] {
        assert_eq!(refused(&e, q), Some(class), "{q:?}");
    }
    // General questions about the disease or a medicine are answered.
    for q in [
        "is methotrexate approved for dermatomyositis",
        "can a child's growth be slowed by JDM",
        "what tests do doctors use to diagnose dermatomyositis",
        "why must prednisone never be stopped suddenly",
    ] {
        assert_eq!(e.ask(q).kind, Kind::Answer, "{q:?}");
    }
}

#[test]
fn a_spanish_medicine_refusal_keeps_the_spanish_pages_safety_fact() {
    let e = engine();
    let r = e.ask("¿cuántas pastillas de metotrexato me tomo al día?");
    assert_eq!(r.kind, Kind::Refusal(RefusalClass::Medication));
    assert!(r.answer.contains("semanal"), "{}", r.answer);
    assert!(
        r.citations.iter().all(|c| c.id.ends_with("-es")),
        "{:?}",
        r.citations
    );
    assert!(
        !r.answer.contains("I can't advise"),
        "no English refusal copy: {}",
        r.answer
    );
    let r = e.ask("¿me quito la prednisona de una vez?");
    assert_eq!(r.kind, Kind::Refusal(RefusalClass::Medication));
    assert!(r.answer.contains("de golpe"), "{}", r.answer);
}
