//! Framings that put a matched sign outside the writer's present, read by the sentence's
//! structure rather than by phrases (each is checked by [`super::context`]):
//! - a condition that has not happened: "si alguna vez tengo la orina oscura…", "por si
//!   algún día no puedo tragar", "en caso de que…";
//! - a question someone else asked: "la enfermera me preguntó si había tenido sangre en las
//!   heces" (unless the answer was yes);
//! - warning signs being taught or listed: "me explicaron los signos de alarma: labios azules…";
//! - fiction: "en la película el protagonista se ahoga";
//! - a farewell written to someone who died: "se murió mi gato… le escribí una carta de
//!   despedida" (a crisis rule still fires on any other sign in the message).

use super::text::EsToken;

fn sentence_words(tokens: &[EsToken], sentence: usize) -> Vec<&str> {
    tokens
        .iter()
        .filter(|t| t.sentence == sentence)
        .map(|t| t.word.as_str())
        .collect()
}

/// Words before `at` in its sentence, nearest last.
fn before(tokens: &[EsToken], at: usize) -> Vec<&str> {
    let sentence = tokens[at].sentence;
    tokens[..at]
        .iter()
        .filter(|t| t.sentence == sentence)
        .map(|t| t.word.as_str())
        .collect()
}

fn has_seq(words: &[&str], seq: &[&str]) -> bool {
    words.windows(seq.len()).any(|w| w == seq)
}

/// A condition not (yet) met, opened before the sign: "si alguna vez", "si algún día", "por
/// si", "en caso de".
fn unmet_condition(prior: &[&str]) -> bool {
    [
        &["si", "alguna", "vez"][..],
        &["si", "algun", "dia"],
        &["si", "en", "algun", "momento"],
        &["por", "si"],
        &["en", "caso", "de"],
        &["si", "llegara"],
        &["si", "llego", "a"],
        &["si", "algun", "dia"],
    ]
    .iter()
    .any(|seq| has_seq(prior, seq))
}

/// "me preguntó si…", "le preguntaron si…": an indirect question before the sign.
fn asked_by_someone(prior: &[&str], sentence: &[&str]) -> bool {
    let asked = prior.windows(2).any(|w| {
        matches!(
            w[0],
            "pregunto" | "preguntaron" | "pregunta" | "preguntan" | "preguntaba" | "preguntara"
        ) && w[1] == "si"
    });
    // "…y le dije que sí": the answer was yes.
    let yes =
        has_seq(sentence, &["dije", "que", "si"]) && !has_seq(sentence, &["dije", "que", "no"]);
    asked && !yes
}

/// Warning signs taught or listed: a verb of teaching and "signos/señales/síntomas de alarma".
fn taught_signs(sentence: &[&str]) -> bool {
    let taught = sentence.iter().any(|w| {
        matches!(
            *w,
            "explicaron"
                | "explico"
                | "ensenaron"
                | "enseno"
                | "dieron"
                | "dijeron"
                | "contaron"
                | "repasamos"
                | "repasaron"
                | "apunte"
                | "lista"
        )
    });
    let signs = sentence.windows(3).any(|w| {
        matches!(w[0], "signos" | "senales" | "sintomas")
            && w[1] == "de"
            && matches!(w[2], "alarma" | "alerta" | "aviso" | "peligro")
    });
    taught && signs
}

/// A story on a screen or a page: "en la película el protagonista se ahoga".
fn fiction(sentence: &[&str]) -> bool {
    let story = sentence.windows(3).any(|w| {
        matches!(w[0], "en" | "de")
            && matches!(
                w[1],
                "la" | "el" | "una" | "un" | "esa" | "ese" | "esta" | "este"
            )
            && matches!(
                w[2],
                "pelicula"
                    | "serie"
                    | "novela"
                    | "telenovela"
                    | "libro"
                    | "cuento"
                    | "obra"
                    | "episodio"
                    | "capitulo"
                    | "documental"
                    | "cancion"
                    | "videojuego"
            )
    });
    let character = sentence.iter().any(|w| {
        matches!(
            *w,
            "protagonista" | "personaje" | "personajes" | "actor" | "actriz" | "heroe" | "heroina"
        )
    });
    let writer = sentence
        .iter()
        .any(|w| matches!(*w, "yo" | "tengo" | "estoy" | "me" | "mi" | "ahora"));
    story && (character || !writer)
}

/// Is the sign at `span` framed as not happening to the writer now?
pub(super) fn not_a_report(span: (usize, usize), tokens: &[EsToken]) -> bool {
    let sentence = sentence_words(tokens, tokens[span.0].sentence);
    let prior = before(tokens, span.0);
    unmet_condition(&prior)
        || asked_by_someone(&prior, &sentence)
        || taught_signs(&sentence)
        || fiction(&sentence)
}

/// A farewell written or said to someone who died, told in the past: a death in this sentence
/// or the one before ("se murió mi gato", "falleció mi abuela"), and in the clause a farewell
/// addressed to them ("le escribí una carta de despedida", "les dije adiós").
pub(super) fn farewell_to_the_dead(tokens: &[EsToken], clause: usize) -> bool {
    let Some(sentence) = tokens
        .iter()
        .find(|t| t.clause == clause)
        .map(|t| t.sentence)
    else {
        return false;
    };
    let words: Vec<&str> = tokens
        .iter()
        .filter(|t| t.clause == clause)
        .map(|t| t.word.as_str())
        .collect();
    let farewell = words
        .iter()
        .any(|w| matches!(*w, "despedida" | "despedidas" | "adios" | "despedi"));
    let addressed = words.windows(2).any(|w| {
        matches!(w[0], "le" | "les")
            && matches!(
                w[1],
                "escribi"
                    | "hice"
                    | "deje"
                    | "grabe"
                    | "lei"
                    | "dedique"
                    | "mande"
                    | "dije"
                    | "dimos"
                    | "hicimos"
                    | "escribimos"
            )
    });
    let death = |s: usize| {
        let ws = sentence_words(tokens, s);
        ws.iter().any(|w| {
            matches!(
                *w,
                "murio"
                    | "fallecio"
                    | "muerto"
                    | "muerta"
                    | "fallecido"
                    | "fallecida"
                    | "perdimos"
                    | "sacrificar"
                    | "sacrificaron"
            )
        }) && !ws
            .iter()
            .any(|w| matches!(*w, "quiero" | "morir" | "morirme" | "matarme"))
    };
    farewell && addressed && (death(sentence) || sentence > 0 && death(sentence - 1))
}
