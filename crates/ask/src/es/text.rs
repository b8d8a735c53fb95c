//! Spanish text for triage: accent folding, a light suffix stemmer and a tokeniser.
//!
//! Words are folded (lowercase, accents and tildes removed: "tomé" → "tome", "niño" → "nino"),
//! so a question typed without accents meets the same forms as the data. The stemmer strips
//! plural, gender and common verb endings ("respirar", "respiro", "respirando" → "respir"); it is
//! used on both the rule phrases and the question, so it only has to be consistent, not
//! linguistically complete. Decimal commas ("38,5") and "°" are read by the shared lexer.

use crate::text::tokenize;

/// One word of folded Spanish text, with its stem and position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EsToken {
    /// The folded surface word ("respiro").
    pub word: String,
    /// Its stem ("respir").
    pub stem: String,
    /// Sentence index (sentences end at `.`, `!`, `?` and newlines).
    pub sentence: usize,
    /// Clause index: commas, semicolons, colons and "pero", "aunque", "sino" start a clause.
    pub clause: usize,
    /// Inside a question: between "¿" and "?", or in a sentence that ends with "?".
    pub question: bool,
}

/// Lowercase and remove accents, tildes and diaereses (`á` → `a`, `ñ` → `n`, `ü` → `u`),
/// precomposed or typed as combining marks.
pub fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// Endings stripped by [`stem`], longest first. Only one is removed.
const SUFFIXES: &[&str] = &[
    "amientos", "imientos", "amiento", "imiento", "aciones", "uciones", "adores", "adoras",
    "acion", "ucion", "mente", "iendo", "ando", "aron", "ieron", "ados", "idos", "adas", "idas",
    "ador", "adora", "abas", "aban", "ian", "ado", "ido", "ada", "ida", "aba", "ia", "ar", "er",
    "ir", "as", "es", "os", "an", "en", "a", "e", "o", "s",
];
/// Shortest stem the stemmer leaves.
const MIN_STEM: usize = 3;

/// Reduce a folded Spanish word to a stem by removing one ending.
///
/// ```
/// use myo_ask::es::text::stem;
/// assert_eq!(stem("respirar"), stem("respiro"));
/// assert_eq!(stem("azules"), "azul");
/// assert_eq!(stem("tome"), stem("tomo"));
/// ```
pub fn stem(word: &str) -> String {
    if word.len() <= MIN_STEM || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    for suffix in SUFFIXES {
        if let Some(base) = word.strip_suffix(suffix)
            && base.len() >= MIN_STEM
        {
            return base.to_string();
        }
    }
    word.to_string()
}

/// Words that start a new clause inside a sentence ("no tengo fiebre pero no puedo respirar").
const CLAUSE_WORDS: &[&str] = &["pero", "aunque", "sino"];

/// Chat spellings and run-together words, read as the words meant.
const CHAT: &[(&str, &str)] = &[
    ("kiero", "quiero"),
    ("qiero", "quiero"),
    ("kieres", "quieres"),
    ("k", "que"),
    ("q", "que"),
    ("xq", "porque"),
    ("pq", "porque"),
    ("tb", "tambien"),
    ("tmb", "tambien"),
    ("nopuedo", "no puedo"),
    ("nopuede", "no puede"),
    ("aora", "ahora"),
    ("ayudaa", "ayuda"),
];

/// Words that differ only by person (yo, tú, vos, usted, él), read as one by the red-flag
/// rules: a phrase written "me duele" or "tengo" also matches "le duele", "tenés", "tiene"; "mi
/// hija" matches "su hija". Only rule matching uses it (see [`person_free`]); the words stay for
/// the context checks (who is speaking).
const SAME_STEM: &[(&[&str], &str)] = &[
    (&["me", "te", "le", "nos", "les"], "le"),
    (&["mi", "tu", "su", "mis", "tus", "sus"], "su"),
    (
        &["tengo", "tienes", "tiene", "tenes", "tenemos", "tienen"],
        "tien",
    ),
    (
        &["puedo", "puedes", "puede", "podes", "podemos", "pueden"],
        "pued",
    ),
    (&["estoy", "estas", "esta", "estamos", "estan"], "est"),
    (
        &["siento", "sientes", "siente", "sentis", "sienten"],
        "sient",
    ),
    (
        &["quiero", "quieres", "quiere", "queres", "quieren"],
        "quier",
    ),
    (&["aguanto", "aguantas", "aguanta", "aguantan"], "aguant"),
    (
        &["duermo", "duermes", "duerme", "dormis", "duermen"],
        "duerm",
    ),
];

/// The stem shared by every person of a word in [`SAME_STEM`], else the stem itself.
pub fn person_free(stemmed: &str) -> String {
    SAME_STEM
        .iter()
        .find(|(forms, _)| forms.iter().any(|f| stem(f) == stemmed))
        .map_or_else(|| stemmed.to_string(), |(_, shared)| (*shared).to_string())
}

/// Marker words standing in for "¿" and "?" while the shared lexer runs.
const Q_OPEN: &str = "qqabreqq";
const Q_CLOSE: &str = "qqcierraqq";

/// Folded, stemmed tokens of `text` (the shared lexer splits words, numbers and breaks).
pub fn tokenize_es(text: &str) -> Vec<EsToken> {
    let marked = fold(text)
        .replace('¿', &format!(" {Q_OPEN} "))
        .replace('?', &format!(" {Q_CLOSE}? "));
    let mut out: Vec<EsToken> = Vec::new();
    let mut shift = 0usize;
    let mut last_clause = usize::MAX;
    // (sentence, index in `out` of the first token after "¿") of the open question.
    let mut open: Option<(usize, usize)> = None;
    for t in tokenize(&marked) {
        if t.word == Q_OPEN {
            open = Some((t.sentence, out.len()));
            continue;
        }
        if t.word == Q_CLOSE {
            let from = match open.take() {
                Some((s, at)) if s == t.sentence => at,
                _ => out
                    .iter()
                    .position(|x| x.sentence == t.sentence)
                    .unwrap_or(out.len()),
            };
            for x in &mut out[from..] {
                x.question = true;
            }
            continue;
        }
        if CLAUSE_WORDS.contains(&t.word.as_str()) && t.clause == last_clause {
            shift += 1;
        }
        last_clause = t.clause;
        let words = CHAT
            .iter()
            .find(|(typed, _)| *typed == t.word)
            .map_or(vec![t.word.as_str()], |(_, meant)| {
                meant.split(' ').collect()
            });
        for word in words {
            out.push(EsToken {
                stem: stem(word),
                word: word.to_string(),
                sentence: t.sentence,
                clause: t.clause + shift,
                question: false,
            });
        }
    }
    // "¿…" left open to the end of the text is still a question.
    if let Some((_, at)) = open {
        for x in &mut out[at..] {
            x.question = true;
        }
    }
    out
}

/// Stems of a phrase, in order.
pub fn stems(text: &str) -> Vec<String> {
    tokenize_es(text).into_iter().map(|t| t.stem).collect()
}

/// True when `a` and `b` differ by at most one edit (insert, delete, substitute or swap of
/// two neighbours): "metotrexto" for "metotrexato", "respirrar" for "respirar".
pub fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match la.cmp(&lb) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => *ra == rb[1..],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize_es(text).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn folding_removes_accents_and_tildes() {
        assert_eq!(
            fold("Tomé METOTREXATO todos los DÍAS"),
            "tome metotrexato todos los dias"
        );
        assert_eq!(fold("niño ¿pingüino?"), "nino ¿pinguino?");
        assert_eq!(fold("di\u{301}as tome\u{301}"), "dias tome");
    }

    #[test]
    fn stems_meet_across_forms() {
        for (a, b) in [
            ("respirar", "respiro"),
            ("respirando", "respirar"),
            ("labios", "labio"),
            ("azules", "azul"),
            ("tomé", "tome"),
            ("días", "dia"),
            ("convulsiones", "convulsion"),
        ] {
            assert_eq!(stem(&fold(a)), stem(&fold(b)), "{a} / {b}");
        }
        assert_eq!(stem("mda5"), "mda5");
        assert_eq!(stem("los"), "los");
    }

    #[test]
    fn decimal_comma_degrees_and_clauses() {
        assert_eq!(
            words("fiebre de 38,5 °C"),
            ["fiebre", "de", "38.5", "degrees", "c"]
        );
        assert_eq!(words("¿Tengo fiebre?"), ["tengo", "fiebre"]);
        let t = tokenize_es("no tengo fiebre pero no puedo respirar");
        let clause = |w: &str| t.iter().rev().find(|x| x.word == w).map(|x| x.clause);
        assert_ne!(clause("fiebre"), clause("respirar"));
    }

    #[test]
    fn chat_spellings_read_as_meant() {
        assert_eq!(words("ya no kiero vivir"), ["ya", "no", "quiero", "vivir"]);
        assert_eq!(words("nopuedo respirar"), ["no", "puedo", "respirar"]);
    }

    #[test]
    fn question_marks_mark_questions() {
        let t = tokenize_es("Tengo fiebre, ¿es grave? Mi hijo tose");
        let q = |w: &str| t.iter().find(|x| x.word == w).map(|x| x.question);
        assert_eq!(q("fiebre"), Some(false));
        assert_eq!(q("grave"), Some(true));
        assert_eq!(q("tose"), Some(false));
        let t = tokenize_es("que es la disnea?");
        assert!(t.iter().all(|x| x.question));
        assert!(tokenize_es("¿que es la disnea").iter().all(|x| x.question));
    }

    #[test]
    fn person_free_stems_meet_across_yo_tu_vos_and_usted() {
        let pf = |w: &str| person_free(&stem(&fold(w)));
        for (a, b) in [
            ("tengo", "tenés"),
            ("tengo", "tiene"),
            ("puedo", "podés"),
            ("estoy", "está"),
            ("me", "le"),
            ("mi", "su"),
            ("aguanto", "aguanta"),
        ] {
            assert_eq!(pf(a), pf(b), "{a} / {b}");
        }
        // Other words keep their own stem.
        assert_eq!(person_free("respir"), "respir");
        assert_ne!(pf("tengo"), pf("puedo"));
    }

    #[test]
    fn one_edit_catches_typos_only() {
        assert!(one_edit("metotrexto", "metotrexato"));
        assert!(one_edit("metotrexat", "metotrexato"));
        assert!(one_edit("respriar", "respirar"));
        assert!(one_edit("fiebre", "fiebre"));
        assert!(!one_edit("fiebre", "febrero"));
    }
}
