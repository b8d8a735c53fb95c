//! Does a matched Spanish sign report something happening now to a living person? Questions,
//! general statements, hearsay, worries, events long ago, quotes from a printed source and
//! people who died do not; the Spanish rules in [`super::triage`] ask this of every match.

use super::text::EsToken;

/// Words (folded) that open a general question or a request for information.
const QUESTION_STARTS: &[&str] = &[
    "que",
    "por",
    "porque",
    "como",
    "cual",
    "cuales",
    "cuando",
    "donde",
    "quien",
    "cuanto",
    "cuanta",
    "cuantos",
    "es",
    "son",
    "puede",
    "pueden",
    "se",
    "hay",
    "existe",
    "existen",
    "debo",
    "debe",
    "deberia",
    "podria",
    "puedo",
    "sirve",
    "explicame",
    "explica",
    "dime",
    "informacion",
    "define",
    "significa",
    "quiero",
    "quisiera",
    "busco",
    "necesito",
];
/// Words that put a real person (the writer or someone they care for) in the clause; Spanish
/// drops pronouns, so common first-person verbs count.
const PERSON_WORDS: &[&str] = &[
    "yo", "me", "mi", "mis", "conmigo", "nosotros", "nos", "nuestro", "nuestra", "ella", "hijo",
    "hija", "nino", "nina", "bebe", "mama", "papa", "madre", "padre", "esposo", "esposa", "marido",
    "mujer", "pareja", "abuela", "abuelo", "hermano", "hermana", "amigo", "amiga", "tengo",
    "estoy", "tome", "tomo", "siento", "senti", "tuve", "tiene", "tenemos", "le", "pueda", "tenga",
    "sienta", "puedo",
];
/// In a question, these mark a hypothetical or general framing.
const HYPOTHETICAL: &[&str] = &[
    "si",
    "riesgo",
    "riesgos",
    "prevenir",
    "evitar",
    "causa",
    "causar",
    "causan",
    "provoca",
    "provocar",
    "efecto",
    "efectos",
    "secundario",
    "secundarios",
    "general",
    "normalmente",
    "senales",
    "sintomas",
    "signos",
];

/// Does the clause holding `span` report something happening to someone?
pub(super) fn reported(span: (usize, usize), tokens: &[EsToken]) -> bool {
    let clause = tokens[span.0].clause;
    let words: Vec<&str> = tokens
        .iter()
        .filter(|t| t.clause == clause)
        .map(|t| t.word.as_str())
        .collect();
    let first = words.first().copied().unwrap_or("");
    if first == "si" {
        return false;
    }
    if hearsay_or_worry_or_past(tokens, clause) || super::framing::not_a_report(span, tokens) {
        return false;
    }
    let led = QUESTION_STARTS.contains(&first) || EN_QUESTION_STARTS.contains(&first);
    let person = words.iter().any(|w| PERSON_WORDS.contains(w));
    let hypothetical = words.iter().any(|w| HYPOTHETICAL.contains(w));
    // "La dermatomiositis puede dar dolor de pecho": a general statement about a disease or a
    // medicine, with no one in it.
    let generic = !person
        && words.iter().any(|w| GENERIC_SUBJECTS.contains(w))
        && words.iter().any(|w| GENERIC_VERBS.contains(w));
    if !led && !tokens[span.0].question {
        return !generic;
    }
    // "¿puedo tomar…?", "¿debo ir…?": a question about the writer's own next step.
    if matches!(
        first,
        "puedo" | "debo" | "podria" | "deberia" | "quiero" | "necesito"
    ) && words
        .get(1)
        .is_some_and(|w| w.ends_with("ar") || w.ends_with("er") || w.ends_with("ir"))
    {
        return false;
    }
    if !led {
        // A fragment ending in "?" ("¿metotrexato todos los días?") reads as a worried report,
        // unless it asks how serious something is in general ("¿el oxígeno bajo es peligroso?").
        let general = !person && words.iter().any(|w| SERIOUS.contains(w));
        return !hypothetical && !generic && !general;
    }
    person && !hypothetical
}

/// "Is it serious/normal?" words.
const SERIOUS: &[&str] = &[
    "peligroso",
    "peligrosa",
    "grave",
    "graves",
    "malo",
    "mala",
    "normal",
    "preocupante",
];

/// Subjects of a general statement.
const GENERIC_SUBJECTS: &[&str] = &[
    "dermatomiositis",
    "miositis",
    "enfermedad",
    "enfermedades",
    "medicamento",
    "medicamentos",
    "medicina",
    "medicinas",
    "metotrexato",
    "prednisona",
    "corticoides",
    "pacientes",
    "personas",
    "gente",
    "tratamiento",
];
/// Verbs of a general statement ("puede dar", "suele causar", "aumenta").
const GENERIC_VERBS: &[&str] = &[
    "puede", "pueden", "suele", "suelen", "podria", "causa", "causan", "provoca", "provocan",
    "aumenta", "aumentan", "produce", "producen", "da", "dan",
];

/// Second-hand facts about other people ("leí que algunas personas no pueden respirar"),
/// worries about a possible future ("me preocupa que pueda tener fiebre"), and events a month
/// or more ago ("el año pasado tuvo fiebre"), quotes from a printed source ("el folleto dice
/// que vomitar sangre es una emergencia") and someone who died ("mi abuelo murió de…").
fn hearsay_or_worry_or_past(tokens: &[EsToken], clause: usize) -> bool {
    let (other, past) = not_now(tokens, clause);
    other || past
}

/// Does the clause tell of something long ago or of someone who died ("de adolescente me
/// autolesionaba, pero ahora estoy bien")? Crisis rules, which read every other mention as a
/// report, still let these pass quietly.
pub(super) fn long_past(span: (usize, usize), tokens: &[EsToken]) -> bool {
    not_now(tokens, tokens[span.0].clause).1
}

/// (hearsay, a worry or a quote; a death or an event long ago), for the clause.
fn not_now(tokens: &[EsToken], clause: usize) -> (bool, bool) {
    let sentence = tokens
        .iter()
        .find(|t| t.clause == clause)
        .map_or(0, |t| t.sentence);
    let words: Vec<&str> = tokens
        .iter()
        .filter(|t| t.sentence == sentence)
        .map(|t| t.word.as_str())
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let hearsay = has(&[
        "lei", "leido", "escuche", "oido", "oi", "dicen", "dijeron", "articulo", "internet",
        "google", "foro", "vi",
    ]) && has(&[
        "gente",
        "personas",
        "pacientes",
        "alguien",
        "otros",
        "otras",
        "algunos",
        "algunas",
    ]);
    let worry = has(&[
        "preocupa",
        "preocupada",
        "preocupado",
        "miedo",
        "temo",
        "asusta",
        "nervios",
    ]) && has(&[
        "pueda", "pueden", "puedan", "podria", "vaya", "llegue", "llegar", "futuro", "algun",
        "salga", "salgan", "tenga", "tengan", "venga", "vuelva",
    ]);
    // "el folleto dice que vomitar sangre es una emergencia": a printed source quoted.
    let quoted = has(&[
        "folleto",
        "prospecto",
        "etiqueta",
        "pagina",
        "web",
        "articulo",
        "guia",
        "hoja",
        "caja",
        "internet",
        "video",
        "libro",
        "cartel",
        // Spanish rules also read English and mixed messages.
        "leaflet",
        "label",
        "booklet",
        "website",
    ]) && has(&[
        "dice",
        "dicen",
        "dijo",
        "pone",
        "indica",
        "advierte",
        "explica",
        "menciona",
        "recomienda",
        "escribe",
        "decia",
        "says",
        "said",
        "warns",
        "states",
    ]);
    // "mi abuelo murió después de vomitar sangre": someone who died, with no one present.
    let died = has(&[
        "murio",
        "fallecio",
        "fallecido",
        "fallecida",
        "difunto",
        "difunta",
        "funeral",
        "entierro",
    ]) && !has(&["ahora", "yo", "tengo", "estoy", "me", "hoy"])
        || super::framing::farewell_to_the_dead(tokens, clause);
    // "en 2018": a year gone by.
    let year = |w: &str| w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
    let long_ago = words.windows(2).any(|w| {
        (matches!(w[0], "ano" | "mes" | "verano" | "invierno") && w[1] == "pasado")
            || (w[0] == "en" && year(w[1]))
            || (w[0] == "hace" && matches!(w[1], "anos" | "meses" | "mucho" | "tiempo"))
    }) || words
        .windows(3)
        .any(|w| w[0] == "hace" && matches!(w[2], "ano" | "anos" | "mes" | "meses"))
        || words
            .windows(2)
            .any(|w| w[0] == "cuando" && matches!(w[1], "era" | "eramos" | "tenia"))
        || words.windows(2).any(|w| {
            w[0] == "de"
                && matches!(
                    w[1],
                    "nina"
                        | "nino"
                        | "pequena"
                        | "pequeno"
                        | "chica"
                        | "chico"
                        | "joven"
                        | "bebe"
                        | "adolescente"
                )
        });
    // "mi vecino tuvo un ictus": a past event of someone outside the household.
    let other_past = has(&[
        "vecino",
        "vecina",
        "conocido",
        "conocida",
        "companero",
        "companera",
        "jefe",
        "jefa",
    ]) && has(&["tuvo", "sufrio", "dio", "murio", "paso"]);
    // "Tengo fiebre y me pusieron rituximab el mes pasado": the report is about now (read in
    // the match's own clause: "de niña tuve una convulsión, ¿importa ahora?" is the past).
    let clause_words: Vec<&str> = tokens
        .iter()
        .filter(|t| t.clause == clause)
        .map(|t| t.word.as_str())
        .collect();
    let now = |list: &[&str]| clause_words.iter().any(|w| list.contains(w));
    let now = now(&[
        "tengo", "tiene", "tienen", "estoy", "esta", "ahora", "hoy", "ayer", "anoche", "sigo",
        "sigue", "veo", "noto", "siento", "puedo", "duele", "duelen", "desde",
    ]);
    (
        hearsay || worry || quoted,
        died || ((long_ago || other_past) && !now),
    )
}

/// Question openers in English: the Spanish rules also read English and mixed messages.
const EN_QUESTION_STARTS: &[&str] = &[
    "what", "why", "how", "is", "are", "can", "does", "do", "which", "when",
];
/// Words of a general or statistical question (Spanish and English).
const GENERAL_TALK: &[&str] = &[
    "senales",
    "signos",
    "sintomas",
    "riesgo",
    "riesgos",
    "prevencion",
    "prevenir",
    "frecuente",
    "comun",
    "adolescentes",
    "jovenes",
    "gente",
    "personas",
    "pacientes",
    "signs",
    "warning",
    "risk",
    "prevent",
    "prevention",
    "common",
    "teenagers",
    "teens",
    "people",
    "patients",
];
/// The writer in the clause ("yo", "mi", "I", "my").
const WRITER: &[&str] = &[
    "yo", "me", "mi", "mis", "conmigo", "i", "my", "me", "myself",
];

/// Is the match inside a general question with no writer in it ("¿cuáles son las señales de
/// suicidio en adolescentes?", "what are the warning signs of suicide in teenagers")? Rules that
/// read every mention as a report (crisis) still let these pass quietly.
pub(super) fn general_question(span: (usize, usize), tokens: &[EsToken]) -> bool {
    let clause = tokens[span.0].clause;
    let words: Vec<&str> = tokens
        .iter()
        .filter(|t| t.clause == clause)
        .map(|t| t.word.as_str())
        .collect();
    let first = words.first().copied().unwrap_or("");
    let led = tokens[span.0].question
        || QUESTION_STARTS.contains(&first)
        || EN_QUESTION_STARTS.contains(&first);
    led && words.iter().any(|w| GENERAL_TALK.contains(w))
        && !words.iter().any(|w| WRITER.contains(w))
}
