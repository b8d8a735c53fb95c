//! Tests of Spanish triage and replies against the built-in knowledge base: each red flag in
//! plain and bypass forms (no accents, typos, brand names, capitals, separators, NUL bytes),
//! negation, general questions, numbers, and the replies by language.

use crate::engine::{Engine, Kind};
use crate::lang::Lang;
use crate::triage::Tier;

fn engine() -> Engine {
    crate::builtin_engine().expect("knowledge base loads")
}

fn tier(e: &Engine, q: &str) -> Option<Tier> {
    e.ask(q).triage.map(|h| h.tier)
}

fn rule(e: &Engine, q: &str) -> Option<String> {
    e.ask(q).triage.map(|h| h.rule_id)
}

const E: Option<Tier> = Some(Tier::Emergency);
const U: Option<Tier> = Some(Tier::Urgent);

#[test]
fn the_reported_failures_now_warn() {
    let e = engine();
    let r = e.ask("no puedo respirar y tengo los labios azules");
    assert_eq!(r.triage.as_ref().map(|h| h.tier), E);
    assert_ne!(r.kind, Kind::OutOfScope);
    assert_eq!(r.language, Lang::Es);
    assert!(
        r.answer.starts_with("EMERGENCIA: Llame ahora"),
        "{}",
        r.answer
    );
    assert!(r.answer.contains("112") && r.answer.contains("911"));
    let r = e.ask("tomé metotrexato todos los días esta semana");
    assert_eq!(
        r.triage.as_ref().map(|h| h.rule_id.as_str()),
        Some("methotrexate-overdose")
    );
    assert!(r.answer.starts_with("EMERGENCIA:"));
    assert!(r.answer.contains("toxicología"), "{}", r.answer);
}

#[test]
fn bypass_forms_still_warn() {
    let e = engine();
    for q in [
        "NO PUEDO RESPIRAR",
        "no puedo respirrar",
        "no\0puedo\0respirar",
        "no\u{200b}puedo respirar",
        "no-puedo-respirar!!!",
        "tome metotrexato todos los dias",
        "tomé metotrexto todos los días",
        "tome metrotexato todos los dias",
        "tomé Metoject todos los días",
        "tomé el MTX todos los días",
        "tome\u{301} metotrexato todos los di\u{301}as",
        "labios   azules",
        "me quiero morir",
        "ME QUIERO MORIR",
        "ya no kiero vivir, quiero acabar con todo",
    ] {
        assert_eq!(tier(&e, q), E, "{q:?}");
    }
}

#[test]
fn each_spanish_rule_fires_on_a_report() {
    let e = engine();
    for (q, id) in [
        ("mi hijo se atragantó y no puede toser", "choking"),
        ("dolor fuerte en el pecho", "chest-pain"),
        (
            "mi hija está convulsionando",
            "seizure-confusion-or-worst-headache",
        ),
        (
            "a mi padre se le cae un lado de la cara",
            "sudden-paralysis",
        ),
        ("vomité sangre", "vomiting-blood-or-black-stools"),
        ("todos estarían mejor sin mí", "suicidal-thoughts"),
        (
            "tengo fiebre y tomo azatioprina",
            "fever-on-immunosuppressants",
        ),
        // Fever after cyclophosphamide is the emergency, as in English.
        (
            "tengo fiebre y hace diez días me pusieron ciclofosfamida",
            "fever-with-low-white-count",
        ),
        ("el medidor de glucosa marca HI", "glucose-meter-reads-hi"),
        ("en la infusión se me hincha la lengua", "infusion-reaction"),
        ("llevo dos días tosiendo sangre", "coughing-up-blood"),
        (
            "me salió culebrilla en la sien, junto al ojo",
            "shingles-near-the-eye",
        ),
        (
            "tomo azatioprina y me sangran las encías",
            "sore-throat-or-mouth-ulcers-on-immunosuppressants",
        ),
        (
            "tomo tacrolimus y tengo diarrea",
            "vomiting-or-diarrhoea-on-tacrolimus-or-ciclosporin",
        ),
        (
            "creo que estoy embarazada y tomo micofenolato",
            "pregnant-on-a-risky-medicine",
        ),
        (
            "tengo el gemelo izquierdo muy hinchado",
            "leg-swelling-or-clot-signs",
        ),
        (
            "veo líneas onduladas al leer",
            "vision-changes-on-hydroxychloroquine",
        ),
        ("tengo una llaga en el codo que no cierra", "skin-ulcers"),
        (
            "mi hija con DMJ tiene la cabeza colgando",
            "head-drop-or-neck-weakness-in-a-child",
        ),
        ("toso al beber agua", "choking-on-liquids"),
        (
            "cuello rígido y dolor de cabeza muy fuerte",
            "severe-headache-stiff-neck",
        ),
        (
            "mi hijo tiene un dolor de barriga muy fuerte",
            "severe-belly-pain",
        ),
        ("orina color coca cola", "dark-urine"),
        ("cada día más débil", "rapidly-worsening-weakness"),
        ("se me acabó la prednisona", "steroid-stopped-suddenly"),
        ("azúcar 450", "very-high-blood-sugar"),
        (
            "ampollas desde que empecé un medicamento nuevo",
            "blistering-or-peeling-skin",
        ),
        (
            "mi hija con DMJ tiene dolor de barriga",
            "belly-pain-in-jdm",
        ),
        ("fiebre y cuello rígido", "fever-with-stiff-neck"),
        (
            "fiebre y tengo las defensas bajas por el metotrexato",
            "fever-with-low-white-count",
        ),
        ("saturación 90 %", "low-oxygen-reading"),
        ("saturo 94", "oxygen-reading-lower-than-usual"),
        (
            "dolor de cabeza muy fuerte desde la infusión",
            "severe-headache-stiff-neck",
        ),
        ("tos seca nueva", "new-cough-or-breathlessness"),
    ] {
        assert_eq!(rule(&e, q).as_deref(), Some(id), "{q}");
    }
}

#[test]
fn negation_and_general_questions_do_not_warn() {
    let e = engine();
    for q in [
        "no tengo fiebre y tomo metotrexato",
        "sin fiebre, con prednisona",
        "nunca he tenido fiebre con metotrexato",
        "nunca he tenido convulsiones",
        "no me duele el pecho",
        "¿qué es la disnea?",
        "¿qué síntomas tiene un derrame cerebral?",
        "¿Puedo tomar metotrexato todos los días?",
        "tomo metotrexato una vez a la semana y ácido fólico todos los días",
        "si tengo fiebre con prednisona, ¿qué hago?",
        "el año pasado tuve fiebre con metotrexato",
        "me preocupa que pueda tener fiebre con el rituximab",
        "quiero morirme de la risa",
        "heces negras por las pastillas de hierro",
        "la dermatomiositis puede dar dolor de pecho",
        "me falta el aire al subir escaleras, ¿es normal?",
    ] {
        let t = tier(&e, q);
        assert!(
            t != E && (t.is_none() || q.contains("subir")),
            "{q:?} gave {t:?}"
        );
    }
    // Breathless on effort is urgent, not an emergency; breathless at rest is an emergency.
    assert_eq!(tier(&e, "me falta el aire al subir escaleras"), U);
    assert_eq!(tier(&e, "me falta el aire estando sentado"), E);
    // "no respiro bien" is not the negation "respiro bien".
    assert_eq!(tier(&e, "no respiro bien"), E);
}

#[test]
fn numbers_in_spanish() {
    let e = engine();
    assert_eq!(tier(&e, "fiebre de 38,5 y tomo metotrexato"), U);
    assert_eq!(tier(&e, "tengo 38,5 de temperatura"), U);
    assert_eq!(tier(&e, "temperatura 37,4 con prednisona"), None);
    assert_eq!(tier(&e, "101 °F de fiebre"), U);
    assert_eq!(tier(&e, "saturación 90 %"), E);
    assert_eq!(tier(&e, "oxígeno 91"), E);
    assert_eq!(tier(&e, "saturo 94"), U);
    assert_eq!(tier(&e, "saturación 97 %"), None);
    assert_eq!(tier(&e, "glucosa 25 mmol"), U);
    assert_eq!(tier(&e, "azúcar 450"), U);
    assert_eq!(tier(&e, "azúcar 140 después de comer"), None);
    assert_eq!(tier(&e, "como 25 gramos de azúcar al día"), None);
}

#[test]
fn other_languages_get_a_bilingual_reply_never_a_bare_out_of_scope() {
    let e = engine();
    for q in [
        "je ne peux pas respirer",
        "wie wird das Wetter morgen?",
        "я не могу дышать",
    ] {
        let r = e.ask(q);
        assert_eq!(r.language, Lang::Other, "{q}");
        assert!(
            r.answer.contains("Myo answers in English and Spanish"),
            "{q}"
        );
        assert!(
            r.answer.contains("Myo responde en inglés y en español"),
            "{q}"
        );
        assert!(r.answer.contains("911") && r.answer.contains("112") && r.answer.contains("988"));
    }
    // A warning the English or Spanish rules find is given in both languages.
    let r = e.ask("j'ai mal, chest pain, je ne peux pas respirer");
    assert_eq!(r.triage.as_ref().map(|h| h.tier), E);
    assert!(r.answer.starts_with("EMERGENCY:") && r.answer.contains("EMERGENCIA:"));
    assert_ne!(r.kind, Kind::OutOfScope);
}

#[test]
fn spanish_without_a_flag_gets_a_spanish_answer() {
    let e = engine();
    let r = e.ask("¿qué es la dermatomiositis?");
    assert_eq!(r.language, Lang::Es);
    assert_eq!(r.triage, None);
    assert_eq!(r.kind, Kind::Answer);
    assert_eq!(
        r.citations.first().map(|c| c.id.as_str()),
        Some("what-is-dermatomyositis-es"),
        "{}",
        r.answer
    );
    let r = e.ask("receta de tortilla de patatas");
    assert_eq!(r.kind, Kind::OutOfScope);
    assert!(r.answer.starts_with("Myo solo responde"));
    assert!(r.escalation.contains("112"));
}

#[test]
fn english_questions_keep_english_and_mixed_text_warns() {
    let e = engine();
    let r = e.ask("I can't breathe");
    assert_eq!(r.language, Lang::En);
    assert!(r.answer.starts_with("EMERGENCY:"));
    // English text the English rules miss but the Spanish rules catch warns in English.
    let r = e.ask("help, my abuela says: no puedo respirar");
    assert_eq!(r.triage.as_ref().map(|h| h.tier), E);
}

#[test]
fn red_flag_reads_diary_notes_in_either_language() {
    let e = engine();
    let hit = e
        .red_flag("Tengo escalofríos y fiebre de 38,7. I take methotrexate.")
        .unwrap();
    assert_eq!(hit.tier, Tier::Urgent);
    assert!(hit.action.starts_with("Llame hoy"), "{}", hit.action);
    let hit = e.red_flag("I have a fever. I take methotrexate.").unwrap();
    assert!(hit.action.starts_with("Contact your care team"));
    assert_eq!(e.red_flag("Hoy me encuentro bien, sin fiebre."), None);
    // Ticked boxes are Myo's English sentences; the note decides the wording.
    let hit = e
        .red_flag_worded_as(
            "I have a fever. me siento fatal. I take methotrexate.",
            "me siento fatal",
        )
        .unwrap();
    assert!(hit.action.starts_with("Llame hoy"), "{}", hit.action);
}

#[test]
fn spanish_rules_match_the_knowledge_base() {
    let e = engine();
    let es = e.spanish();
    for (id, t) in es.rule_tiers() {
        // The entry's own rule comes after its combination variants.
        let en = e.triage().rules().filter(|r| r.id == id).last();
        let en = en.unwrap_or_else(|| panic!("Spanish rule {id} has no knowledge-base entry"));
        assert!(
            t >= en.tier.max(Tier::Urgent),
            "{id}: Spanish tier below the entry's"
        );
    }
    for wanted in [
        "breathing-difficulty",
        "chest-pain",
        "choking",
        "methotrexate-overdose",
        "fever-on-immunosuppressants",
        "severe-headache-stiff-neck",
        "seizure-confusion-or-worst-headache",
        "sudden-paralysis",
        "vomiting-blood-or-black-stools",
        "severe-belly-pain",
        "dark-urine",
        "rapidly-worsening-weakness",
        "steroid-stopped-suddenly",
        "very-high-blood-sugar",
        "suicidal-thoughts",
    ] {
        assert!(
            es.rule_tiers().iter().any(|(id, _)| *id == wanted),
            "{wanted}"
        );
    }
    assert!(es.sources().iter().all(|s| s.url.starts_with("https://")));
}

#[test]
fn bad_data_names_the_rule_and_field() {
    let data = crate::es::triage::builtin_data();
    let bad = data.replacen("tier = \"urgent\"", "tier = \"soon\"", 1);
    let err = crate::es::triage::SpanishTriage::parse(&bad, &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("tier") && err.contains("soon"), "{err}");
    let bad = data.replacen(
        "sources = [\"mlp-es-suicidio\"",
        "sources = [\"nowhere\"",
        1,
    );
    let err = crate::es::triage::SpanishTriage::parse(&bad, &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("nowhere"), "{err}");
}
