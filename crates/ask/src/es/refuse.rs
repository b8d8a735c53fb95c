//! Spanish refusals read by the shape of the request, beside the guard's patterns
//! (`data/guard.toml`): a medicine named with a change someone would make to it, a question
//! asking what the writer (or someone they care for) has, and an image handed over to be read.
//!
//! - **Medicine change**: a medicine or dose word, a change (stop, skip, lower, raise, switch,
//!   double, half, "en vez de 10", "pasar de 5 a 2,5") and a frame where the writer decides
//!   ("¿está bien si…?", "¿le bajo…?", "¿me salteo…?", "yo solo", "¿usted me recomienda…?").
//!   General questions ("¿por qué no se puede dejar…?", "¿qué pasa si me salto…?"), a clinician
//!   who decided ("mi reumatóloga me bajó…") and pregnancy (the knowledge base's own advice
//!   answers) are not refused.
//! - **Diagnosis**: "¿qué tengo?", "¿qué le pasa a mi hija?", "lo mío es miositis", "o sea que
//!   tengo DM", "¿tendrá DM juvenil?" after a symptom or a result.
//! - **Image**: an image word with a verb of handing over ("le adjunto", "te paso") or of
//!   reading someone's own image ("¿qué ve en mi resonancia?").

use super::text::{EsToken, one_edit, tokenize_es};
use crate::guard::RefusalClass;

/// Medicines and dose words (folded).
const MEDICINES: &[&str] = &[
    "metotrexato",
    "metrotexato",
    "mtx",
    "prednisona",
    "prednisolona",
    "deflazacort",
    "metilprednisolona",
    "cortisona",
    "corticoide",
    "corticoides",
    "esteroide",
    "esteroides",
    "hidroxicloroquina",
    "plaquenil",
    "dolquine",
    "hcq",
    "azatioprina",
    "imurel",
    "micofenolato",
    "cellcept",
    "myfortic",
    "ciclosporina",
    "tacrolimus",
    "rituximab",
    "inmunoglobulina",
    "igiv",
    "ivig",
    "ciclofosfamida",
    "tofacitinib",
    "baricitinib",
    "folico",
    "medicamento",
    "medicamentos",
    "medicina",
    "medicinas",
    "remedio",
    "pastilla",
    "pastillas",
    "pastillita",
    "pastillitas",
    "comprimido",
    "comprimidos",
    "pildora",
    "pildoras",
    "capsula",
    "capsulas",
    "dosis",
    "tratamiento",
    "inyeccion",
    "inyecciones",
    "pinchazo",
    "mg",
    "miligramos",
];

/// Words of a change, as typed (infinitives, first person, with clitics).
const CHANGE_ROOTS: &[&str] = &[
    "dejar",
    "dejo",
    "dejarl",
    "dejarm",
    "suspend",
    "interrump",
    "quitar",
    "quito",
    "saltar",
    "saltarm",
    "saltear",
    "salteo",
    "saltearm",
    "reducir",
    "reduzco",
    "aumentar",
    "cambiar",
    "cambiarl",
    "cambiarm",
    "omitir",
    "omito",
    "duplic",
    "doblar",
    "doblo",
    "sustitu",
    "reemplaz",
    "parar",
    "pararl",
    "bajar",
    "bajarl",
    "bajarm",
    "subir",
    "subirl",
    "subirm",
    "prefiero",
];
/// Short change words that need a clitic or "yo" before them ("le bajo", "me subo", "lo
/// cambio"): alone they are also adjectives and nouns ("oxígeno bajo", "un cambio").
const CLITIC_CHANGES: &[&str] = &["bajo", "subo", "cambio", "aumento", "salto", "paro"];
const CLITICS: &[&str] = &[
    "me", "le", "les", "lo", "la", "los", "las", "se", "yo", "te",
];

/// Words framing a decision the writer would make.
const FRAMES: &[&str] = &[
    "puedo",
    "podria",
    "podemos",
    "debo",
    "deberia",
    "quiero",
    "quisiera",
    "pienso",
    "conviene",
    "recomienda",
    "recomiendas",
    "recomendas",
    "aconseja",
    "aconsejas",
    "parece",
    "decis",
    "dices",
    "dice",
    "crees",
    "cree",
    "pensas",
    "piensas",
    "opinas",
    "opina",
    "mejor",
    "bien",
    "solo",
    "sola",
];
/// Openers of a general or missed-dose question, answered from the knowledge base.
const GENERAL_OPENERS: &[&[&str]] = &[
    &["por", "que"],
    &["porque"],
    &["que", "pasa"],
    &["que", "hago", "si"],
    &["que", "hacer"],
    &["se", "puede"],
    &["se", "pueden"],
    &["se", "debe"],
    &["se", "suele"],
    &["cuanto", "tiempo"],
    &["como", "se"],
    &["es", "normal"],
];
/// People who prescribe: "mi reumatóloga me bajó la dosis" is their decision.
const CLINICIANS: &[&str] = &[
    "medico",
    "medica",
    "doctor",
    "doctora",
    "reumatologo",
    "reumatologa",
    "dermatologo",
    "dermatologa",
    "neurologo",
    "neurologa",
    "enfermera",
    "enfermero",
    "equipo",
    "especialista",
];
const PREGNANCY: &[&str] = &[
    "embarazada",
    "embarazo",
    "embarazarme",
    "lactancia",
    "amamantar",
    "amamantando",
];

/// Conditions a diagnosis question names (folded).
const CONDITIONS: &[&str] = &[
    "dermatomiositis",
    "miositis",
    "polimiositis",
    "dm",
    "dmj",
    "lupus",
    "esclerodermia",
    "artritis",
    "miopatia",
    "antisintetasa",
    "fibromialgia",
    "calcinosis",
    "brote",
];
/// Signs and results someone reads as their own ("manchas en los párpados", "CK alta").
const SIGNS: &[&str] = &[
    "manchas",
    "mancha",
    "sarpullido",
    "erupcion",
    "rojo",
    "roja",
    "rojos",
    "rojas",
    "morado",
    "morados",
    "debilidad",
    "debil",
    "dolor",
    "duele",
    "duelen",
    "cuesta",
    "parpados",
    "nudillos",
    "analisis",
    "ck",
    "cpk",
    "anticuerpos",
    "positivo",
    "positivos",
    "resultados",
    "biopsia",
    "sintomas",
];
/// The people someone asks about.
const FAMILY: &[&str] = &[
    "hijo", "hija", "madre", "padre", "mama", "papa", "esposo", "esposa", "marido", "mujer",
    "nino", "nina", "bebe", "abuela", "abuelo", "hermano", "hermana", "pareja", "novio", "novia",
];
/// Future and subjunctive "have" ("¿tendrá DM?", "que tenga miositis").
const MAY_HAVE: &[&str] = &["tendra", "tendre", "tendria", "tenga", "tendran"];

/// Image words.
const IMAGES: &[&str] = &[
    "foto",
    "fotos",
    "fotito",
    "imagen",
    "imagenes",
    "resonancia",
    "radiografia",
    "placa",
    "ecografia",
    "escaner",
    "tac",
    "captura",
    "video",
    "selfie",
];
/// Verbs that hand an image over.
const HAND_OVER: &[&str] = &[
    "adjunto",
    "adjunta",
    "adjuntar",
    "adjunte",
    "paso",
    "mando",
    "envio",
    "subo",
    "subi",
    "comparto",
    "dejo",
    "mire",
    "mira",
    "mirar",
    "mirame",
    "fijate",
    "revisa",
    "revise",
    "revisar",
    "lee",
    "leer",
    "interpreta",
    "interpretar",
    "checa",
    "observa",
];

fn words(tokens: &[EsToken]) -> Vec<String> {
    tokens.iter().map(|t| normalise(&t.word)).collect()
}

/// Chat spellings of "ll": "pastiyas" is "pastillas".
fn normalise(word: &str) -> String {
    if word.len() > 4 && word.contains('y') && !word.ends_with('y') {
        word.replace('y', "ll")
    } else {
        word.to_string()
    }
}

fn is_medicine(w: &str) -> bool {
    MEDICINES.contains(&w) || (w.len() >= 7 && MEDICINES.iter().any(|m| one_edit(w, m)))
}

fn is_number(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Is there a change at `k`? (Which medicine it changes is checked by the caller.)
fn change_at(ws: &[String], k: usize) -> bool {
    let w = ws[k].as_str();
    let before = |list: &[&str]| k > 0 && list.contains(&ws[k - 1].as_str());
    let next = |n: usize| ws.get(k + n).map_or("", String::as_str);
    // "bajar de peso", "subir escaleras": not a dose.
    if matches!(next(1), "escaleras" | "escalones" | "escalon" | "cuestas")
        || (next(1) == "de" && matches!(next(2), "peso" | "kilos"))
    {
        return false;
    }
    // "media pastilla", "la mitad de la dosis".
    if matches!(w, "media" | "mitad") {
        return (1..=3).any(|n| is_medicine(next(n)));
    }
    // "lo tomo doble", "la dosis doble", "el doble": not "veo doble".
    if w == "doble" {
        return before(&["el"])
            || ws[k.saturating_sub(3)..k]
                .iter()
                .any(|p| p.starts_with("tom") || p == "dosis");
    }
    if CLITIC_CHANGES.contains(&w) {
        // "le bajo", "me aumento", or "cambio la hidroxicloroquina".
        return before(CLITICS)
            || (matches!(next(1), "la" | "el" | "los" | "las" | "mi" | "mis")
                && is_medicine(next(2)));
    }
    if CHANGE_ROOTS.iter().any(|r| w.starts_with(r)) {
        return true;
    }
    // "en vez de 10", "en lugar de la prednisona".
    if w == "vez" || w == "lugar" {
        return before(&["en"]) && next(1) == "de";
    }
    // "pasar de 5 a 2,5", "tomar 20 mg".
    if matches!(w, "pasar" | "paso" | "pasamos" | "pasarme" | "pasarle") {
        return next(1) == "de" && is_number(next(2));
    }
    if matches!(w, "tomar" | "tomarme" | "darle" | "dar") {
        return is_number(next(1)) && (is_medicine(next(2)) || is_medicine(next(3)));
    }
    false
}

/// Does a medicine sit near the change at `k` (same sentence), or does a clitic before it
/// point back to a medicine named earlier ("ya no quiero la azatioprina, ¿la dejo?")?
fn changes_a_medicine(tokens: &[EsToken], ws: &[String], k: usize) -> bool {
    let sentence = tokens[k].sentence;
    let near = (k.saturating_sub(8)..(k + 8).min(ws.len()))
        .any(|j| j != k && tokens[j].sentence == sentence && is_medicine(&ws[j]));
    let pointed = k > 0
        && matches!(ws[k - 1].as_str(), "la" | "lo" | "las" | "los")
        && ws[..k].iter().any(|w| is_medicine(w));
    near || pointed
}

/// The medication refusal: a medicine, a change and a frame where the writer decides.
fn medication(tokens: &[EsToken], ws: &[String]) -> bool {
    if ws.iter().any(|w| PREGNANCY.contains(&w.as_str())) {
        return false;
    }
    let starts = |p: &[&str]| ws.len() >= p.len() && ws.iter().zip(p).all(|(a, b)| a == b);
    if GENERAL_OPENERS.iter().any(|p| starts(p)) {
        return false;
    }
    // "cuánta prednisona le doy a mi mamá": a dose chosen for a person.
    let how_much = ws.iter().enumerate().any(|(k, w)| {
        w.starts_with("cuant")
            && ws[k + 1..].iter().take(5).any(|n| {
                matches!(
                    n.as_str(),
                    "doy" | "damos" | "tomo" | "toca" | "tocan" | "pongo"
                )
            })
    });
    if how_much && ws.iter().any(|w| is_medicine(w)) {
        return true;
    }
    let question = tokens.iter().any(|t| t.question);
    let framed = question || ws.iter().any(|w| FRAMES.contains(&w.as_str()));
    if !framed || !ws.iter().any(|w| is_medicine(w)) {
        return false;
    }
    (0..ws.len()).any(|k| {
        change_at(ws, k)
            && changes_a_medicine(tokens, ws, k)
            && !clinician_decided(tokens, ws, k)
            && !past_report(ws, k)
    })
}

/// "mi reumatóloga me bajó la dosis", "el médico quiere cambiarme el tratamiento".
fn clinician_decided(tokens: &[EsToken], ws: &[String], k: usize) -> bool {
    let clause = tokens[k].clause;
    (k.saturating_sub(4)..k)
        .any(|j| tokens[j].clause == clause && CLINICIANS.contains(&ws[j].as_str()))
}

/// "dejé la prednisona de golpe hace 3 días": a report of what was done, not a request.
fn past_report(ws: &[String], k: usize) -> bool {
    matches!(
        ws[k].as_str(),
        "deje" | "suspendi" | "baje" | "subi" | "cambie" | "quite" | "salte" | "pare" | "omiti"
    )
}

/// The diagnosis refusal: a question about what the writer or their dependant has.
fn diagnosis(tokens: &[EsToken], ws: &[String]) -> bool {
    let w = |k: usize| ws.get(k).map_or("", String::as_str);
    let cond_within = |k: usize, n: usize| {
        ws[k..]
            .iter()
            .take(n)
            .any(|x| CONDITIONS.contains(&x.as_str()))
    };
    let signs = ws.iter().any(|x| SIGNS.contains(&x.as_str()));
    (0..ws.len()).any(|k| {
        let same_sentence = |j: usize| j < tokens.len() && tokens[j].sentence == tokens[k].sentence;
        match w(k) {
            // "¿qué tengo?", "qué enfermedad tengo si…", "¿qué le pasa a mi hija?"; not "¿qué
            // tengo que hacer?", "¿qué me pasa si lo dejo?", "¿qué tiene de malo…?"
            "que" | "cual" => {
                let mut j = k + 1;
                if matches!(w(j), "enfermedad" | "cosa" | "problema" | "tipo") {
                    j += 1;
                }
                let open_end =
                    |n: usize| !same_sentence(n) || matches!(w(n), "si" | "yo" | "ahora");
                match w(j) {
                    "tengo" | "tendre" | "tenemos" => open_end(j + 1),
                    "tiene" | "tendra" => {
                        matches!(w(j + 1), "mi" | "mis" | "su" | "sus")
                            && FAMILY.contains(&w(j + 2))
                    }
                    "me" | "le" if w(j + 1) == "pasa" => {
                        !same_sentence(j + 2) || w(j + 2) == "a" || w(j + 2) == "en"
                    }
                    _ => false,
                }
            }
            // "lo mío es miositis", "lo que tengo es DM", "lo de mi hijo, ¿será DM?"
            "lo" if matches!(w(k + 1), "mio" | "suyo" | "que") => cond_within(k + 1, 5),
            "lo" if w(k + 1) == "de" && matches!(w(k + 2), "mi" | "su" | "tu") => {
                cond_within(k + 3, 4)
            }
            // "¿será dermatomiositis?" after a sign; not "¿será la DM la que me cansa?" (a sign
            // put down to the disease already known).
            "sera" | "seria" => {
                signs
                    && (CONDITIONS.contains(&w(k + 1))
                        || matches!(w(k + 1), "una" | "un") && CONDITIONS.contains(&w(k + 2)))
            }
            // "o sea que tengo dermatomiositis", "entonces tengo DM"
            "sea" | "osea" | "entonces" => {
                matches!(w(k + 1), "que" | "tengo" | "tiene" | "es") && cond_within(k + 1, 4)
            }
            x if MAY_HAVE.contains(&x) => signs && cond_within(k + 1, 3),
            _ => false,
        }
    })
}

/// The image refusal: an image handed over or someone's own image to be read.
fn image(ws: &[String]) -> bool {
    (0..ws.len()).any(|k| {
        if !IMAGES.contains(&ws[k].as_str()) {
            return false;
        }
        let before = &ws[k.saturating_sub(3)..k];
        let own = before.iter().any(|w| {
            matches!(
                w.as_str(),
                "mi" | "mis" | "esta" | "este" | "estas" | "estos"
            )
        });
        // "aquí está la foto", "acá va mi resonancia"
        let here = before.windows(2).any(|p| {
            matches!(p[0].as_str(), "aqui" | "aca" | "ahi")
                && matches!(
                    p[1].as_str(),
                    "esta" | "estan" | "va" | "van" | "tienes" | "tiene"
                )
        });
        let handed = before.iter().any(|w| HAND_OVER.contains(&w.as_str()));
        // "¿qué ve en mi resonancia?", "le adjunto mi resonancia, ¿me dice qué ve?"
        let read = own
            && ws.windows(2).any(|p| {
                p[0] == "que" && matches!(p[1].as_str(), "ve" | "ves" | "opina" | "opinas" | "dice")
            });
        here || handed || read
    })
}

/// The refusal class of a Spanish question read by its structure, if any.
pub fn refusal(text: &str) -> Option<RefusalClass> {
    let tokens = tokenize_es(text);
    let ws = words(&tokens);
    if image(&ws) {
        Some(RefusalClass::Image)
    } else if diagnosis(&tokens, &ws) {
        Some(RefusalClass::Diagnosis)
    } else if medication(&tokens, &ws) {
        Some(RefusalClass::Medication)
    } else {
        None
    }
}
