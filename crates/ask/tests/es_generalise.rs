//! Spanish rules read by meaning and structure: each rule with the wordings it must catch and
//! the bypasses that must not slip past it (or must not be caught by it). The sentences here are
//! written for the tests, not copied from the dev sets.

use myo_ask::es::refuse::refusal;
use myo_ask::guard::RefusalClass;
use myo_ask::{Engine, Kind, Tier, builtin_engine};

fn engine() -> Engine {
    builtin_engine().expect("built-in engine")
}

fn tier(e: &Engine, q: &str) -> Option<Tier> {
    e.ask(q).triage.map(|h| h.tier)
}

#[test]
fn medicine_changes_are_refused_in_any_person_and_spelling() {
    for q in [
        "¿está bien si suspendo la azatioprina el mes que viene?",
        "¿le quito la prednisona a mi hijo ahora que está mejor?",
        "che, ¿me salteo el metotrexato esta semana?",
        "usted cree que puedo bajar la cortisona yo sola",
        "ya no aguanto el micofenolato, ¿lo dejo?",
        "kiero dejar las pastiyas de prednisona",
        "¿puedo tomarme 30 mg de prednisona en lugar de 20?",
        "cambio el plaquenil por jengibre?",
        "¿es mejor darle media pastilla de prednisolona a mi hija?",
        "cuántas pastillas de prednisona le doy a mi abuela",
        "tu que opinas, paso de 10 a 5 mg de prednisona",
    ] {
        assert_eq!(refusal(q), Some(RefusalClass::Medication), "{q}");
    }
}

#[test]
fn medicine_information_and_clinician_decisions_are_not_refused() {
    for q in [
        "¿por qué no se puede dejar la prednisona de golpe?",
        "¿qué pasa si me salto una dosis de metotrexato?",
        "mi reumatóloga me bajó la prednisona a 5 mg, ¿es normal estar cansada?",
        "¿la prednisona da aumento de peso?",
        "me cuesta subir escaleras desde que tomo prednisona, ¿es normal?",
        "¿puedo bajar de peso tomando corticoides?",
        "dejé la prednisona de golpe hace tres días y estoy mareada",
        "veo doble desde que tomo hidroxicloroquina",
        "estoy embarazada, ¿puedo seguir con la hidroxicloroquina?",
        "¿cuánto tiempo tendré que tomar metotrexato?",
    ] {
        assert_ne!(refusal(q), Some(RefusalClass::Medication), "{q}");
    }
}

#[test]
fn what_do_i_have_is_a_diagnosis_request() {
    for q in [
        "¿qué tengo? me pican los nudillos y estoy floja",
        "qué enfermedad tengo si se me hinchan los párpados",
        "¿qué le pasa a mi hija en la piel?",
        "¿qué tiene mi marido?",
        "lo mío es dermatomiositis o no",
        "la ck me salió en 2000, o sea que tengo miositis?",
        "mi nieta tiene manchas moradas en los párpados, ¿tendrá dmj?",
        "lo de mi madre, ¿es miositis? no puede subir escaleras",
        "tengo los párpados morados, ¿será dermatomiositis?",
    ] {
        assert_eq!(refusal(q), Some(RefusalClass::Diagnosis), "{q}");
    }
    for q in [
        "¿qué tengo que llevar a la primera cita?",
        "¿qué tengo que hacer si me olvido una dosis?",
        "¿qué me pasa si dejo el sol?",
        "¿qué tiene de malo el metotrexato?",
        "¿mis hijos tendrán dermatomiositis?",
        "estoy tan cansada, ¿será la dermatomiositis?",
    ] {
        assert_ne!(refusal(q), Some(RefusalClass::Diagnosis), "{q}");
    }
}

#[test]
fn an_image_handed_over_is_refused_but_talk_of_scans_is_not() {
    for q in [
        "le adjunto la radiografía de mi mano",
        "aquí va la foto de mis párpados",
        "te mando un video de cómo camino",
        "¿qué ve en mi resonancia?",
    ] {
        assert_eq!(refusal(q), Some(RefusalClass::Image), "{q}");
    }
    for q in [
        "¿qué se ve en una resonancia de músculo?",
        "mira, me hicieron una resonancia y salió bien",
        "¿para qué sirve la ecografía de pulmón?",
    ] {
        assert_ne!(refusal(q), Some(RefusalClass::Image), "{q}");
    }
}

#[test]
fn a_structural_refusal_is_worded_in_spanish_and_never_over_an_emergency() {
    let e = engine();
    let r = e.ask("¿me recomienda usted suspender el micofenolato antes del viaje?");
    assert_eq!(r.kind, Kind::Refusal(RefusalClass::Medication));
    assert!(r.answer.contains("No puedo aconsejarle"), "{}", r.answer);
    // A crisis worded as a medicine question stays a crisis.
    let r = e.ask("quiero tomarme todas las pastillas de prednisona juntas para no despertar");
    assert_eq!(r.triage.map(|h| h.tier), Some(Tier::Emergency));
}

#[test]
fn framings_that_are_not_a_report_stay_quiet() {
    let e = engine();
    for q in [
        "el médico me dijo que si alguna vez vomito sangre vaya a urgencias, ¿es frecuente?",
        "por si algún día no puedo respirar bien, ¿a quién llamo?",
        "la doctora me preguntó si tenía dolor en el pecho y le dije que no",
        "en la consulta me enseñaron las señales de alarma: fiebre alta, labios azules y dolor de pecho",
        "en la serie el personaje vomita sangre y se desmaya",
        "falleció mi abuela el domingo. Le escribimos una carta de despedida entre todos.",
    ] {
        assert_eq!(tier(&e, q), None, "{q}");
    }
}

#[test]
fn the_same_signs_in_the_present_still_alarm() {
    let e = engine();
    for (q, want) in [
        ("vomito sangre desde esta mañana", Tier::Emergency),
        (
            "la doctora me preguntó si tenía dolor en el pecho y le dije que sí, me duele mucho ahora",
            Tier::Emergency,
        ),
        (
            "tengo los labios azules y no puedo respirar",
            Tier::Emergency,
        ),
        (
            "falleció mi abuela. Ya escribí mi carta de despedida, no quiero seguir viviendo",
            Tier::Emergency,
        ),
        (
            "ya escribí una carta de despedida para mis hijos",
            Tier::Emergency,
        ),
        (
            "me salieron ampollas en la boca desde que tomo hidroxicloroquina",
            Tier::Emergency,
        ),
        (
            "me salió un sarpullido desde que empecé un medicamento nuevo",
            Tier::Emergency,
        ),
        (
            "ya no puedo levantarme de la silla sola y hace unos días sí podía",
            Tier::Urgent,
        ),
    ] {
        assert!(tier(&e, q) >= Some(want), "{q}: {:?}", tier(&e, q));
    }
}

#[test]
fn a_rash_that_is_not_getting_better_is_not_a_drug_reaction() {
    let e = engine();
    for q in [
        "tomo hidroxicloroquina y el sarpullido no se me quita",
        "el sarpullido de siempre sigue igual con la hidroxicloroquina",
    ] {
        assert_ne!(tier(&e, q), Some(Tier::Emergency), "{q}");
    }
}

#[test]
fn everyday_things_sharing_a_medical_word_are_out_of_scope() {
    let e = engine();
    for q in [
        "los geranios tienen un brote nuevo, ¿los podo ya?",
        "mi gata tiene manchas en la piel, ¿qué le doy?",
        "qué presión llevan las ruedas de una moto",
        "cómo curar una sartén nueva",
        "receta de mermelada de naranja",
    ] {
        assert_eq!(e.ask(q).kind, Kind::OutOfScope, "{q}");
    }
    // The field named, or the writer's own body: in scope.
    for q in [
        "¿puedo tener gato si tomo metotrexato?",
        "¿puedo trabajar en el jardín al sol con dermatomiositis?",
        "tengo manchas en la piel de las manos desde que corto el césped",
    ] {
        assert_ne!(e.ask(q).kind, Kind::OutOfScope, "{q}");
    }
}

#[test]
fn without_a_warning_a_calm_page_answers_before_a_red_flag_page() {
    let e = engine();
    let r = e.ask("el sol me empeora el sarpullido, ¿qué hago?");
    assert!(r.triage.is_none());
    let cited = r.citations.first().map(|c| c.id.as_str());
    assert_eq!(
        cited,
        Some("living-with-sun-sensitivity-es"),
        "{}",
        r.answer
    );
}
