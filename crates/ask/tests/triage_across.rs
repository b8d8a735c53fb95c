//! Crisis told across two sentences (intent in one, the means, a time or a farewell in the next),
//! in English and Spanish, through the built-in engine; the look-alikes that must stay quiet
//! (the past, a death, a quote, a definition, a story, a negation, everyday decisions); and the
//! bypasses of each quieting guard: a present report still alarms. Wording is this file's own.

use myo_ask::{AskContext, ContactKind, CountryCode, Engine, builtin_engine};

fn engine() -> Engine {
    builtin_engine().expect("built-in knowledge base loads")
}

fn assert_crisis(e: &Engine, questions: &[&str]) {
    for q in questions {
        let hit = e.ask(q).triage;
        assert!(
            hit.as_ref()
                .is_some_and(|h| h.rule_id == "suicidal-thoughts"),
            "{q:?}: expected the crisis warning, got {hit:?}"
        );
    }
}

fn assert_quiet(e: &Engine, questions: &[&str]) {
    for q in questions {
        let got = e.ask(q).triage;
        assert!(got.is_none(), "{q:?} must not warn, got {got:?}");
    }
}

#[test]
fn intent_then_means_time_or_farewell_in_the_next_sentence() {
    let e = engine();
    assert_crisis(
        &e,
        &[
            "Tonight is the night. My tablets are all saved up in the drawer.",
            "I've been hoarding my codeine for a month. I just want it to end.",
            "i cant do this anymore. theres a rope in the loft",
            "Made up my mind this morning. Wrote a note for my sister.",
            "Please tell my son I love him. Goodbye everyone.",
            "No one would miss me. I've stockpiled enough pills to do it.",
            "I'm done with living. I'll do it at midnight.",
            "My pills are counted out. When everyone is asleep tonight.",
            "Sorry for everything. She's not answering her phone now.",
        ],
    );
}

#[test]
fn the_crisis_line_of_the_persons_country_leads_the_reply() {
    let e = engine();
    let q = "I know what I'm going to do. The tablets are saved up and I'll take the lot.";
    let gb = e.ask_with(
        q,
        &AskContext {
            country: Some(CountryCode::parse("GB").expect("GB")),
        },
    );
    assert!(
        gb.answer
            .starts_with("EMERGENCY: United Kingdom: Samaritans 116 123"),
        "{}",
        gb.answer
    );
    let kinds: Vec<ContactKind> = gb.contacts.iter().map(|c| c.line.kind).collect();
    assert_eq!(kinds.first(), Some(&ContactKind::Crisis));
    let es = e.ask_with(
        "Ya tomé la decisión. Guardé las pastillas en el armario.",
        &AskContext {
            country: Some(CountryCode::parse("ES").expect("ES")),
        },
    );
    assert!(es.answer.contains("024"), "{}", es.answer);
}

#[test]
fn a_crisis_across_sentences_comes_before_the_medicine_refusal() {
    let e = engine();
    // Worded as a medicine change, which on its own gets the refusal.
    let r = e.ask("I can't go on like this. I've saved up my prednisolone, should I stop it?");
    let hit = r.triage.expect("crisis warning");
    assert_eq!(hit.rule_id, "suicidal-thoughts");
    assert!(!r.answer.starts_with("Please keep taking"), "{}", r.answer);
}

#[test]
fn look_alikes_across_sentences_stay_quiet() {
    let e = engine();
    assert_quiet(
        &e,
        &[
            // the past
            "A long time ago, back in 2015, I tried to end my life. I'd hoarded pills back then.",
            // someone who died
            "My cousin took her own life in the spring. She had hoarded her painkillers.",
            // a quote and a definition
            "The booklet says that saying goodbye and giving things away are warning signs.",
            "What does it mean if someone has made up their mind and says sorry for everything?",
            // a negation
            "I'm not planning anything. There are no tablets saved up, I'm just low.",
            // everyday decisions, a course that ends, a story
            "I've made my decision about the biologic. Can I start it tonight?",
            "It's my last night in hospital. Love you all on the ward!",
            "The series finale had a farewell letter. Can DM make me more emotional?",
            "I've given up on the gluten-free diet. Does food matter in myositis?",
        ],
    );
}

#[test]
fn every_quieting_guard_still_lets_a_present_report_through() {
    let e = engine();
    assert_crisis(
        &e,
        &[
            // past years earlier, intent now
            "Years ago I was fine. Now tonight is the night and the pills are saved up.",
            // a death in the sentence before, the writer's own means after it
            "My brother died last year. I have been saving up my tablets since.",
            // a story, then the writer's own wish
            "I watched a film tonight. I want to die.",
            // a past verb alone is not a long-ago event
            "I took all my tablets on purpose",
            // "last night" without "of", "at" or "in"
            "It's my last night. Love you all.",
        ],
    );
}

#[test]
fn spanish_crisis_across_sentences_in_any_person() {
    let e = engine();
    assert_crisis(
        &e,
        &[
            "Lo tengo decidido. Junté las pastillas del dolor.",
            "no aguanto mas. ya escribi una nota para mis hijos",
            "Vos sabés que no puedo seguir. Cuidá a mi perro.",
            "Esto es una despedida. Díganles que los quiero.",
            "Quiero que todo acabe. Cuando se acuesten los niños.",
            "Mi hermano dice que no tiene salida. Compró una cuerda ayer.",
        ],
    );
    assert_quiet(
        &e,
        &[
            "Hace muchos años me quise quitar la vida. Hoy estoy bien, ¿puedo vacunarme?",
            "Ya lo decidí: pido la segunda opinión. ¿Qué papeles llevo?",
            "No aguanto más el picor. ¿Puedo ponerme la crema esta noche?",
            "En la telenovela dejaron una carta de despedida. ¿Es normal llorar tanto con la prednisona?",
            "Lo siento por todo el retraso. ¿Me cambian la cita?",
        ],
    );
}

#[test]
fn spanish_rules_read_any_person_of_the_verb() {
    let e = engine();
    for q in [
        "a mi papá se le hinchó la boca y la lengua en el suero",
        "a mi esposa se le durmió medio cuerpo de golpe",
        "vos no podés respirar y tenés los labios morados",
        "usted tiene los labios azules y no puede respirar",
    ] {
        let hit = e.ask(q).triage;
        assert!(
            hit.as_ref()
                .is_some_and(|h| h.tier == myo_ask::Tier::Emergency),
            "{q:?}: expected an emergency, got {hit:?}"
        );
    }
}
