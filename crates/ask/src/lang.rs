//! Which language a question is written in: English, Spanish, or another language.
//!
//! Statistical detection ([`whatlang`], trigram profiles) is unreliable on a few words, and
//! patients write short: "fiebre 39", "sin aire". So the detector is combined with cheap cue
//! checks: Spanish marks (ñ, ¿, ¡, accented vowels), frequent Spanish and English words, and
//! frequent words and letters of other languages. Cues decide when they are clear; whatlang
//! breaks ties and recognises other languages and scripts.
//!
//! Detection only chooses the language of the reply: triage always runs the English and the
//! Spanish rules on every question, so a wrong guess never hides a warning.

use whatlang::{Detector, Lang as WLang, Script};

use crate::es::text::fold;

/// A question's language, as far as Myo's replies are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Spanish.
    Es,
    /// A language Myo does not answer in.
    Other,
}

impl Lang {
    /// The BCP 47 tag used in wire formats: `en`, `es`, or `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Other => "other",
        }
    }
}

/// Frequent Spanish words (folded), including the everyday words of symptom reports. Words
/// that are also common English ("no", "me", "a") are left out.
const ES_WORDS: &[&str] = &[
    "de",
    "la",
    "el",
    "que",
    "y",
    "en",
    "los",
    "las",
    "por",
    "con",
    "para",
    "una",
    "un",
    "del",
    "al",
    "mi",
    "mis",
    "es",
    "esta",
    "estoy",
    "esta",
    "tengo",
    "tiene",
    "tienes",
    "tenia",
    "puedo",
    "puede",
    "pueden",
    "hijo",
    "hija",
    "mama",
    "papa",
    "esposo",
    "esposa",
    "muy",
    "mucho",
    "mucha",
    "dolor",
    "fiebre",
    "pecho",
    "respirar",
    "respiro",
    "aire",
    "labios",
    "azules",
    "sangre",
    "cabeza",
    "cuello",
    "tomo",
    "tome",
    "tomar",
    "todos",
    "dias",
    "dia",
    "semana",
    "hoy",
    "ayer",
    "ahora",
    "desde",
    "pero",
    "porque",
    "como",
    "cuando",
    "donde",
    "tambien",
    "ya",
    "quiero",
    "siento",
    "duele",
    "estomago",
    "barriga",
    "vomito",
    "heces",
    "orina",
    "azucar",
    "glucosa",
    "oxigeno",
    "saturacion",
    "metotrexato",
    "prednisona",
    "debilidad",
    "debil",
    "piel",
    "ampollas",
    "ayuda",
    "sin",
    "nunca",
    "vez",
    "veces",
    "otra",
    "grados",
    "temperatura",
    "convulsion",
    "convulsiones",
    "morir",
    "vivir",
    "vida",
    "nada",
    "hace",
    "estar",
    "ser",
    "son",
    "pasa",
    "hago",
    "hacer",
    "bien",
    "mal",
    "cuanto",
    "cual",
    "dermatomiositis",
    "miositis",
    "medicamento",
    "medicina",
    "pastillas",
    "ojos",
    "amarillos",
    "negras",
    "caca",
    "barriga",
    "ahogo",
    "ahogando",
    "atragantado",
    "mas",
    "menos",
    "solo",
    "puedes",
    "ninos",
    "nino",
    "nina",
    "bebe",
    "abuela",
    "abuelo",
    "marido",
    "despedida",
    "todo",
    "acabar",
    "ganas",
    "adios",
    "hola",
    "ojala",
    "socorro",
    "auxilio",
    "gracias",
    "favor",
    "tos",
    "cansancio",
    "manos",
    "brazos",
    "piernas",
    "tenido",
    "he",
    "ha",
    "han",
    "hemos",
    "estado",
    "sido",
    "tuve",
    "tuvo",
    "cada",
    "sus",
    "su",
];
/// Frequent English words.
const EN_WORDS: &[&str] = &[
    "the", "i", "my", "is", "and", "have", "has", "can", "cannot", "not", "what", "how", "why",
    "of", "to", "it", "in", "on", "with", "for", "do", "does", "am", "are", "was", "be", "this",
    "that", "he", "she", "his", "her", "son", "daughter", "mum", "mom", "dad", "breathe", "breath",
    "chest", "pain", "fever", "took", "take", "every", "day", "week", "help", "should", "will",
    "when", "you", "your", "about", "after", "since", "lips", "blue", "blood", "sugar", "high",
    "low", "very", "really", "feel", "feeling", "want", "get", "got", "been", "there", "an", "a",
    "at", "or", "if", "from", "just", "we", "our", "me", "no", "dont", "want",
];
/// Frequent words of languages Myo does not answer in (French, Portuguese, Italian, German,
/// Catalan…), folded, none of them a common Spanish or English word.
const OTHER_WORDS: &[&str] = &[
    "je",
    "ne",
    "pas",
    "suis",
    "mon",
    "ma",
    "avec",
    "et",
    "il",
    "elle",
    "j'ai",
    "respirer",
    "douleur",
    "fievre",
    "poitrine",
    "ai",
    "peux",
    "nao",
    "eu",
    "voce",
    "meu",
    "minha",
    "estou",
    "tenho",
    "muito",
    "dor",
    "febre",
    "peito",
    "consigo",
    "nem",
    "ho",
    "sono",
    "riesco",
    "mio",
    "della",
    "febbre",
    "dolore",
    "petto",
    "respirare",
    "ich",
    "nicht",
    "und",
    "ist",
    "habe",
    "mein",
    "meine",
    "kann",
    "atmen",
    "schmerzen",
    "fieber",
    "brust",
    "bin",
    "het",
    "niet",
    "ik",
    "kan",
    "jeg",
    "ikke",
    "og",
    "puc",
    "tinc",
    "molt",
    "amb",
    "des",
    "une",
    "est",
    "quelle",
    "non",
    "quel",
    "qual",
    "quais",
    "melhor",
    "com",
    "filha",
    "filho",
    "wie",
    "wird",
    "das",
    "der",
    "die",
    "chi",
    "sei",
    "gli",
    "della",
    "perche",
    "pourquoi",
    "comment",
    "avoir",
];

/// Spanish-only marks: ñ, ¿, ¡.
fn spanish_marks(text: &str) -> usize {
    text.chars()
        .filter(|c| matches!(c, 'ñ' | 'Ñ' | '¿' | '¡'))
        .count()
}

/// Letters that Spanish never uses (ã, õ, ç, è, ê, à, ß, ä, ö, œ…).
fn foreign_marks(text: &str) -> usize {
    text.chars()
        .filter(|c| {
            matches!(
                c.to_lowercase().next().unwrap_or(*c),
                'ã' | 'õ'
                    | 'ç'
                    | 'è'
                    | 'ê'
                    | 'à'
                    | 'â'
                    | 'ô'
                    | 'î'
                    | 'û'
                    | 'ß'
                    | 'ä'
                    | 'ö'
                    | 'œ'
                    | 'ø'
                    | 'å'
                    | 'ë'
                    | 'ï'
                    | 'ò'
                    | 'ì'
                    | 'ù'
            )
        })
        .count()
}

/// Spanish accented vowels (é also serves French, so it counts only with the others).
fn spanish_accents(text: &str) -> usize {
    text.chars()
        .filter(|c| matches!(c, 'á' | 'í' | 'ó' | 'ú' | 'Á' | 'Í' | 'Ó' | 'Ú'))
        .count()
}

/// Cue scores of a text: (Spanish, English, other).
fn cues(text: &str) -> (usize, usize, usize) {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let count = |list: &[&str]| words.iter().filter(|w| list.contains(w)).count();
    let es = count(ES_WORDS) + 2 * spanish_marks(text) + spanish_accents(text);
    let en = count(EN_WORDS)
        + words
            .iter()
            .filter(|w| w.contains('\'') && w.len() > 2)
            .count();
    let other = count(OTHER_WORDS) + 2 * foreign_marks(text);
    (es, en, other)
}

/// The languages whatlang chooses between for Latin-script text.
const LATIN: &[WLang] = &[
    WLang::Eng,
    WLang::Spa,
    WLang::Por,
    WLang::Fra,
    WLang::Ita,
    WLang::Deu,
    WLang::Cat,
    WLang::Nld,
    WLang::Ron,
    WLang::Pol,
    WLang::Tur,
    WLang::Swe,
    WLang::Dan,
    WLang::Nob,
    WLang::Tgl,
    WLang::Ind,
    WLang::Vie,
];

/// Detect the language of a question.
///
/// ```
/// use myo_ask::lang::{detect, Lang};
/// assert_eq!(detect("no puedo respirar y tengo los labios azules"), Lang::Es);
/// assert_eq!(detect("I can't breathe"), Lang::En);
/// assert_eq!(detect("je ne peux pas respirer"), Lang::Other);
/// ```
pub fn detect(text: &str) -> Lang {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return Lang::En;
    }
    let latin = text
        .chars()
        .filter(|c| {
            c.is_alphabetic() && (c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(c))
        })
        .count();
    if latin * 2 < letters {
        // Mostly another script (Cyrillic, Arabic, Han, Devanagari…).
        return Lang::Other;
    }
    let (es, en, other) = cues(text);
    let guess = Detector::with_allowlist(LATIN.to_vec())
        .detect(text)
        // On a few letters ("CK 5000") trigram statistics are noise.
        .filter(|i| i.script() == Script::Latin && letters >= 6)
        .map(|i| i.lang());
    // whatlang's pick counts as one and a half cues: it breaks ties and tips close calls, and
    // clear cue words still overrule it on short text.
    let vote = |l: Option<WLang>| if guess == l { 3 } else { 0 };
    let other_vote = if guess.is_some_and(|l| l != WLang::Spa && l != WLang::Eng) {
        3
    } else {
        0
    };
    let es = 2 * es + vote(Some(WLang::Spa));
    let en = 2 * en + vote(Some(WLang::Eng));
    let other = 2 * other + other_vote;
    if other > es.max(en) && other >= 4 {
        Lang::Other
    } else if es > en {
        Lang::Es
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_including_short_fragments_and_missing_accents() {
        for q in [
            "no puedo respirar y tengo los labios azules",
            "tomé metotrexato todos los días esta semana",
            "tome metotrexato todos los dias esta semana",
            "fiebre 39",
            "sin aire",
            "¿fiebre?",
            "me duele el pecho",
            "dolor de pecho",
            "mi hijo tiene fiebre",
            "ya no quiero vivir",
            "azúcar 450",
            "saturación 90 %",
            "¿Qué es la dermatomiositis?",
            "labios azules",
        ] {
            assert_eq!(detect(q), Lang::Es, "{q}");
        }
    }

    #[test]
    fn english_stays_english() {
        for q in [
            "I can't breathe",
            "chest pain",
            "my son has a fever on methotrexate",
            "what is dermatomyositis",
            "cant breath!!",
            "fever 39",
            "CK 5000",
            "ok",
        ] {
            assert_eq!(detect(q), Lang::En, "{q}");
        }
    }

    #[test]
    fn other_languages_and_scripts() {
        for q in [
            "je ne peux pas respirer",
            "não consigo respirar",
            "ich kann nicht atmen",
            "non riesco a respirare",
            "j'ai de la fièvre et je prends du méthotrexate",
            "я не могу дышать",
            "我不能呼吸",
            "لا أستطيع التنفس",
        ] {
            assert_eq!(detect(q), Lang::Other, "{q}");
        }
    }
}
