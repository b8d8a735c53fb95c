//! Intent guardrails: personal diagnosis, medicine changes and image reading are refused with
//! fixed, kind copy; questions from outside the field get a short out-of-scope reply.
//!
//! The intents refused (diagnose me, confirm a diagnosis from my results, change, stop, skip,
//! double or taper a dose, swap a medicine for a supplement, read an image), in English and
//! Spanish, are data (`data/guard.toml`): patterns in a small language over stems, matched
//! within one sentence with accents folded:
//! - words separated by spaces must appear in order; `a|b` means either word;
//! - `come+off` is a two-word alternative;
//! - `~N` skips up to N words;
//! - `@NAME` names a word class of the data (`@PERSON`, `@MED`, `@COND`, `@SUPPLEMENT`, …);
//! - `$` is the end of the sentence.
//!
//! The same file lists the field's words, off-topic markers, and homonyms: field words with an
//! everyday sense that a context word in the sentence selects ("muscle car", "blood orange").
//! Such a word counts as off-topic, not as a sign the question is from the field.
//!
//! General drug information ("what is the usual dose of methotrexate") is not a refusal: the
//! medicine patterns need a person who would act ("should I", "my dose").

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use crate::es::text::fold;
use crate::stem::stem;
use crate::text::{Token, tokenize};

/// Why a question is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefusalClass {
    /// "Do I have DM?", "is this rash dermatomyositis?"
    Diagnosis,
    /// Start, stop, skip or dose a medicine for a person.
    Medication,
    /// Read a photo, scan or other image.
    Image,
}

impl RefusalClass {
    /// The lowercase name used in wire formats and the evaluation set.
    pub fn as_str(self) -> &'static str {
        match self {
            RefusalClass::Diagnosis => "diagnosis",
            RefusalClass::Medication => "medication",
            RefusalClass::Image => "image",
        }
    }

    /// Parse the lowercase name.
    pub fn parse(text: &str) -> Option<RefusalClass> {
        match text {
            "diagnosis" => Some(RefusalClass::Diagnosis),
            "medication" => Some(RefusalClass::Medication),
            "image" => Some(RefusalClass::Image),
            _ => None,
        }
    }

    /// The refusal copy in Spanish: the same points as [`RefusalClass::message`].
    pub fn message_es(self) -> &'static str {
        match self {
            RefusalClass::Diagnosis => {
                "No puedo decirle si usted, o la persona que cuida, tiene una enfermedad. Solo \
                 un médico que pueda examinarle y ver sus resultados puede hacerlo. Le \
                 preguntaría por los síntomas, miraría la piel y la fuerza muscular y, por lo \
                 general, pediría análisis como las enzimas musculares y los anticuerpos de \
                 miositis, a veces con una resonancia o una biopsia. Las páginas de abajo \
                 explican estos pasos para que pueda llevar sus preguntas a su equipo médico."
            }
            RefusalClass::Medication => {
                "No puedo aconsejarle empezar, dejar, saltarse o cambiar la dosis de un \
                 medicamento. Esa decisión es de quien se lo receta, que conoce su historia: \
                 valorará la actividad de la enfermedad, sus análisis recientes y los efectos \
                 secundarios antes de cambiar nada. Siga tomando su medicamento como se lo \
                 recetaron hasta que hable con su equipo médico. Las guías de abajo dan \
                 información general para esa conversación."
            }
            RefusalClass::Image => {
                "No puedo ver ni interpretar fotos, pruebas de imagen u otras imágenes. Un \
                 médico le examinaría en persona y leería cualquier prueba junto con sus \
                 síntomas y resultados. Las páginas de abajo describen lo que suelen buscar \
                 estas pruebas, para que pueda preguntar a su equipo médico."
            }
        }
    }

    /// The fixed refusal copy: why not, what a clinician would check, where to read more.
    pub fn message(self) -> &'static str {
        match self {
            RefusalClass::Diagnosis => {
                "I can't tell you whether you, or someone you care for, have a condition. Only a \
                 clinician who can examine you and see your results can do that. They would ask \
                 about your symptoms, look at your skin and muscle strength, and usually order \
                 blood tests such as muscle enzymes and myositis antibodies, sometimes with a \
                 scan or a biopsy. The pages below explain these steps, so you can bring your \
                 questions to your doctor."
            }
            RefusalClass::Medication => {
                "I can't advise on starting, stopping, skipping or changing the dose of a \
                 medicine for you. That choice belongs to your prescriber, who knows your \
                 history. They would weigh how active the disease is, your recent blood tests \
                 and any side effects before changing anything. Please keep taking your \
                 medicine as prescribed until you have spoken to them. The drug guides below \
                 give general information you can take to that conversation."
            }
            RefusalClass::Image => {
                "I can't look at or interpret photos, scans or other images. A clinician would \
                 examine you in person and read any scan alongside your symptoms and test \
                 results. The pages below describe what these signs and tests usually look for, \
                 so you can ask your care team about yours."
            }
        }
    }
}

/// The short reply to questions from outside the field.
pub const OUT_OF_SCOPE: &str = "Myo only answers questions about dermatomyositis and related \
     myositis conditions, from its reviewed knowledge base. That question is outside what it \
     covers.";

/// One slot of a compiled pattern.
#[derive(Debug, Clone)]
pub(crate) enum Slot {
    /// Any of these stem sequences (a word starting with `=` matches the surface word instead).
    Words(Vec<Vec<String>>),
    /// Skip up to N tokens.
    Gap(usize),
    /// End of sentence.
    End,
}

/// The built-in guardrail data: intents, exceptions, word classes, field words, homonyms.
pub const BUILTIN_DATA: &str = include_str!("../data/guard.toml");

/// Errors in the guardrail data.
#[derive(Debug, thiserror::Error)]
pub enum GuardError {
    /// The file is not valid TOML of the expected shape.
    #[error("the guardrail data does not parse: {0}")]
    Parse(#[from] toml::de::Error),
    /// An intent names a class other than diagnosis, medication or image.
    #[error("guardrail intent {intent}: unknown class {class}")]
    Class {
        /// Intent name.
        intent: String,
        /// The class given.
        class: String,
    },
    /// A pattern names a word class that is not defined.
    #[error("guardrail pattern {pattern:?}: unknown word class @{name}")]
    WordClass {
        /// The pattern.
        pattern: String,
        /// The missing class.
        name: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawData {
    classes: BTreeMap<String, Vec<String>>,
    intent: Vec<RawIntent>,
    exception: Vec<RawIntent>,
    field: RawField,
    homonyms: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    examples: RawExamples,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExamples {
    off_topic: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIntent {
    #[serde(default)]
    name: String,
    class: String,
    patterns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    words: Vec<String>,
    off_topic: Vec<String>,
}

/// Compiled guardrails.
#[derive(Debug, Clone)]
pub struct Guard {
    patterns: Vec<(RefusalClass, Vec<Slot>)>,
    exceptions: Vec<(RefusalClass, Vec<Slot>)>,
    off_topic: HashSet<String>,
    field: HashSet<String>,
    /// Field word (stem) → context stems that give it its everyday sense.
    homonyms: Vec<(String, Vec<String>)>,
    /// Example questions from outside the field, for the answerability gate's embedding test.
    off_topic_examples: Vec<String>,
}

fn stem_all(words: &[String]) -> Vec<String> {
    words.iter().map(|w| stem(w)).collect()
}

impl Guard {
    /// Compile the built-in data; `medicines` and `field_terms` come from the knowledge base
    /// (drug names, brand names, medical terms) and widen the word classes. Pass medical words
    /// only: everyday phrases ("a good night") would make every question look in-field.
    pub fn new(medicines: &[String], field_terms: &[String]) -> Guard {
        // The data is compiled in and checked by its tests; a broken file is a build bug.
        Guard::parse(BUILTIN_DATA, medicines, field_terms)
            .unwrap_or_else(|e| panic!("built-in guardrail data: {e}"))
    }

    /// [`Guard::new`] over guardrail data given as text.
    pub fn parse(
        text: &str,
        medicines: &[String],
        field_terms: &[String],
    ) -> Result<Guard, GuardError> {
        let raw: RawData = toml::from_str(text)?;
        let member = |w: &str| -> Vec<String> {
            match w.strip_prefix('=') {
                Some(surface) => vec![format!("={surface}")],
                None => tokenize(&fold(w)).into_iter().map(|t| t.stem).collect(),
            }
        };
        let mut classes: Vec<(String, Vec<Vec<String>>)> = raw
            .classes
            .iter()
            .map(|(name, words)| {
                (
                    format!("@{name}"),
                    words.iter().map(|w| member(w)).collect(),
                )
            })
            .collect();
        let mut med_words: Vec<Vec<String>> = medicines
            .iter()
            .map(|m| member(m))
            .filter(|m| !m.is_empty())
            .collect();
        // "mycophenolate mofetil" is typed "mycophenolate": a long first word names it alone.
        let heads: Vec<Vec<String>> = med_words
            .iter()
            .filter(|m| m.len() > 1 && m[0].chars().count() >= 6)
            .map(|m| vec![m[0].clone()])
            .collect();
        med_words.extend(heads);
        if let Some((_, meds)) = classes.iter_mut().find(|(n, _)| n == "@MED") {
            meds.extend(med_words.iter().cloned());
        }
        let compile = |list: &[RawIntent]| -> Result<Vec<(RefusalClass, Vec<Slot>)>, GuardError> {
            let mut out = Vec::new();
            for i in list {
                let class = RefusalClass::parse(&i.class).ok_or_else(|| GuardError::Class {
                    intent: i.name.clone(),
                    class: i.class.clone(),
                })?;
                for p in &i.patterns {
                    out.push((class, compile_pattern(p, &classes)?));
                }
            }
            Ok(out)
        };
        let patterns = compile(&raw.intent)?;
        let exceptions = compile(&raw.exception)?;
        let mut field: HashSet<String> = stem_all(&raw.field.words).into_iter().collect();
        field.extend(med_words.into_iter().flatten());
        if let Some((_, generic)) = classes.iter().find(|(n, _)| n == "@MED") {
            field.extend(generic.iter().flatten().cloned());
        }
        field.extend(
            field_terms
                .iter()
                .flat_map(|t| tokenize(t))
                .filter(|t| !crate::text::is_stopword(&t.word) && t.word.len() > 2)
                .map(|t| t.stem),
        );
        for w in &raw.field.off_topic {
            field.remove(&stem(w));
        }
        Ok(Guard {
            patterns,
            exceptions,
            off_topic: stem_all(&raw.field.off_topic).into_iter().collect(),
            field,
            homonyms: raw
                .homonyms
                .iter()
                .map(|(w, ctx)| (stem(w), stem_all(ctx)))
                .collect(),
            off_topic_examples: raw.examples.off_topic,
        })
    }

    /// The refusal class the question falls under, if any (English or Spanish wording).
    pub fn refusal(&self, text: &str) -> Option<RefusalClass> {
        self.refusal_match(text).map(|(c, _)| *c)
    }

    /// The first refusal pattern the question matches whose class no exception lifts.
    fn refusal_match(&self, text: &str) -> Option<&(RefusalClass, Vec<Slot>)> {
        let tokens = tokenize(&fold(text));
        let excepted = |class: RefusalClass| {
            self.exceptions
                .iter()
                .any(|(c, p)| *c == class && matches_anywhere(p, &tokens))
        };
        self.patterns
            .iter()
            .find(|(c, p)| matches_anywhere(p, &tokens) && !excepted(*c))
    }

    /// Example questions from outside the field (everyday topics, field words in their everyday
    /// sense): what the answerability gate compares a question with.
    pub fn off_topic_examples(&self) -> &[String] {
        &self.off_topic_examples
    }

    /// The refusal pattern a question matches, written out (for debugging the data).
    #[doc(hidden)]
    pub fn refusal_explain(&self, text: &str) -> Option<String> {
        self.refusal_match(text)
            .map(|(c, p)| format!("{} {:?}", c.as_str(), p))
    }

    /// Does the question mention anything from the field (symptom, drug, test, condition)?
    pub fn in_field(&self, text: &str) -> bool {
        self.in_field_tokens(&tokenize(text))
    }

    /// [`Guard::in_field`] on words already split. A field word in its everyday sense ("muscle
    /// car", "blood orange") does not count.
    pub fn in_field_tokens(&self, tokens: &[Token]) -> bool {
        (0..tokens.len()).any(|k| self.field.contains(&tokens[k].stem) && !self.everyday(tokens, k))
    }

    /// Is the field word at `k` used in its everyday sense: one of its context words is in the
    /// same sentence?
    fn everyday(&self, tokens: &[Token], k: usize) -> bool {
        let Some((_, context)) = self.homonyms.iter().find(|(w, _)| *w == tokens[k].stem) else {
            return false;
        };
        tokens
            .iter()
            .any(|t| t.sentence == tokens[k].sentence && context.contains(&t.stem))
    }

    /// Is this clearly a question from outside the field (more off-topic marker words than
    /// field words)? A field word in its everyday sense counts as a marker.
    pub fn off_topic(&self, text: &str) -> bool {
        let tokens = tokenize(text);
        let (mut markers, mut field) = (0, 0);
        for k in 0..tokens.len() {
            let stem = &tokens[k].stem;
            if self.off_topic.contains(stem) {
                markers += 1;
            } else if self.field.contains(stem) {
                if self.everyday(&tokens, k) {
                    markers += 1;
                } else {
                    field += 1;
                }
            }
        }
        markers > field
    }
}

/// Compile a pattern, checking that every `@NAME` is a known class.
fn compile_pattern(
    pattern: &str,
    classes: &[(String, Vec<Vec<String>>)],
) -> Result<Vec<Slot>, GuardError> {
    let unknown = pattern
        .split_whitespace()
        .flat_map(|slot| slot.split('|'))
        .filter_map(|alt| alt.strip_prefix('@'))
        .find(|name| !classes.iter().any(|(n, _)| &n[1..] == *name));
    if let Some(name) = unknown {
        return Err(GuardError::WordClass {
            pattern: pattern.to_string(),
            name: name.to_string(),
        });
    }
    Ok(parse_pattern_multi(pattern, classes))
}

/// [`parse_pattern`] with class members of several words.
fn parse_pattern_multi(pattern: &str, classes: &[(String, Vec<Vec<String>>)]) -> Vec<Slot> {
    pattern
        .split_whitespace()
        .map(|slot| {
            if slot == "$" {
                return Slot::End;
            }
            if let Some(n) = slot.strip_prefix('~') {
                return Slot::Gap(n.parse().unwrap_or(1));
            }
            let mut alts = Vec::new();
            for alt in slot.split('|') {
                if let Some((_, members)) = classes.iter().find(|(name, _)| name == alt) {
                    alts.extend(members.iter().filter(|m| !m.is_empty()).cloned());
                } else if let Some(surface) = alt.strip_prefix('=') {
                    alts.push(vec![format!("={surface}")]);
                } else {
                    alts.push(alt.split('+').map(stem).collect());
                }
            }
            Slot::Words(alts)
        })
        .collect()
}

/// Compile a pattern; `classes` name word classes (`@NAME`) as lists of stems.
pub(crate) fn parse_pattern(pattern: &str, classes: &[(&str, Vec<String>)]) -> Vec<Slot> {
    let classes: Vec<(String, Vec<Vec<String>>)> = classes
        .iter()
        .map(|(name, words)| {
            (
                name.to_string(),
                words.iter().map(|w| vec![w.clone()]).collect(),
            )
        })
        .collect();
    parse_pattern_multi(pattern, &classes)
}

/// `=word` compares the surface form ("image" but not "imaging"); otherwise stems.
fn word_matches(token: &Token, want: &str) -> bool {
    match want.strip_prefix('=') {
        Some(surface) => token.word == surface,
        None => token.stem == want,
    }
}

/// Does the pattern match starting at any token?
pub(crate) fn matches_anywhere(slots: &[Slot], tokens: &[Token]) -> bool {
    (0..tokens.len()).any(|start| matches_at(slots, tokens, start, tokens[start].sentence))
}

/// Backtracking match of `slots` starting exactly at token `at`, within one sentence.
fn matches_at(slots: &[Slot], tokens: &[Token], at: usize, sentence: usize) -> bool {
    let Some((slot, rest)) = slots.split_first() else {
        return true;
    };
    let in_sentence = |i: usize| i < tokens.len() && tokens[i].sentence == sentence;
    match slot {
        Slot::End => !in_sentence(at),
        Slot::Gap(n) => (0..=*n).any(|skip| {
            (skip == 0 || in_sentence(at + skip - 1))
                && matches_at(rest, tokens, at + skip, sentence)
        }),
        Slot::Words(alts) => alts.iter().any(|alt| {
            let fits = alt
                .iter()
                .enumerate()
                .all(|(k, w)| in_sentence(at + k) && word_matches(&tokens[at + k], w));
            fits && matches_at(rest, tokens, at + alt.len(), sentence)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard() -> Guard {
        let meds: Vec<String> = [
            "methotrexate",
            "prednisone",
            "azathioprine",
            "mycophenolate",
            "CellCept",
            "tacrolimus",
            "hydroxychloroquine",
            "Plaquenil",
            "IVIG",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        Guard::new(&meds, &["heliotrope rash".to_string()])
    }

    fn class(q: &str) -> Option<&'static str> {
        guard().refusal(q).map(RefusalClass::as_str)
    }

    #[test]
    fn diagnosis_requests_refused() {
        assert_eq!(class("do I have DM?"), Some("diagnosis"));
        assert_eq!(class("is this rash dermatomyositis"), Some("diagnosis"));
        assert_eq!(
            class("could my son have juvenile dermatomyositis"),
            Some("diagnosis")
        );
        assert_eq!(
            class("based on my symptoms what do i have"),
            Some("diagnosis")
        );
        assert_eq!(class("can you diagnose me"), Some("diagnosis"));
        assert_eq!(class("does this look like gottrons"), Some("diagnosis"));
    }

    #[test]
    fn medicine_changes_refused() {
        assert_eq!(class("can I stop prednisone"), Some("medication"));
        assert_eq!(
            class("how much methotrexate should I take"),
            Some("medication")
        );
        assert_eq!(class("should i double my dose"), Some("medication"));
        assert_eq!(
            class("is it ok to skip my azathioprine this week"),
            Some("medication")
        );
    }

    #[test]
    fn images_refused() {
        assert_eq!(
            class("can you look at this photo of my rash"),
            Some("image")
        );
        assert_eq!(class("here is a pic of my knuckles"), Some("image"));
    }

    #[test]
    fn drug_information_is_not_refused() {
        assert_eq!(class("what are the side effects of methotrexate"), None);
        assert_eq!(class("what is the usual dose of methotrexate for dm"), None);
        assert_eq!(class("what happens if i miss a dose of methotrexate"), None);
        assert_eq!(class("how do i reduce steroid side effects"), None);
        assert_eq!(class("how is dermatomyositis diagnosed"), None);
        assert_eq!(class("why would i need imaging of my thighs"), None);
        assert_eq!(class("can i get pregnant with dermatomyositis"), None);
    }

    #[test]
    fn off_topic_needs_a_marker_and_no_field_word() {
        let g = guard();
        assert!(g.off_topic("write me a poem about the sea"));
        assert!(g.off_topic("is bitcoin a good investment"));
        assert!(!g.off_topic("recipe for soft food when swallowing is hard"));
        assert!(!g.off_topic("what is a heliotrope rash"));
        assert!(g.in_field("prednisone and sleep"));
    }

    #[test]
    fn results_and_confirmation_requests_refused() {
        for q in [
            "my CK is 2000 and my ANA is positive, tell me whether that means I have myositis",
            "my blood test showed anti-Mi-2, so that confirms I've got DM right?",
            "can you confirm from my biopsy report that it's dermatomyositis",
            "do you think my weak thighs mean I've got polymyositis",
            "going by my results, which type of myositis is it",
        ] {
            assert_eq!(class(q), Some("diagnosis"), "{q}");
        }
    }

    #[test]
    fn taper_skip_double_and_swap_refused() {
        for q in [
            "how quickly can I get off prednisone",
            "what's the fastest way to wean myself off my steroids",
            "how many mg should I drop each week",
            "I want to swap my methotrexate for turmeric",
            "could fish oil replace my hydroxychloroquine",
            "is it alright if I miss tonight's tacrolimus",
            "I forgot yesterday's pill, should I take two today to catch up",
            "should I take twice as much prednisone",
            "can I leave out the cellcept for a week",
            "my daughter hates her methotrexate injections, can we skip a few weeks",
            "is it fine to take ibuprofen instead of my prednisone",
        ] {
            assert_eq!(class(q), Some("medication"), "{q}");
        }
    }

    #[test]
    fn spanish_refusals() {
        for (q, want) in [
            ("¿puedo dejar la prednisona?", "medication"),
            (
                "¿cuánto bajo la dosis de prednisona cada semana?",
                "medication",
            ),
            ("¿puedo cambiar el metotrexato por cúrcuma?", "medication"),
            (
                "se me olvidó la pastilla ayer, ¿tomo doble dosis hoy?",
                "medication",
            ),
            ("¿me puede decir si tengo dermatomiositis?", "diagnosis"),
            ("¿eso significa que tengo miositis?", "diagnosis"),
            ("¿tengo lupus o dermatomiositis?", "diagnosis"),
        ] {
            assert_eq!(class(q), Some(want), "{q}");
        }
        // General questions stay answerable.
        for q in [
            "¿es peligroso dejar la prednisona de golpe?",
            "¿qué pasa si me olvido una dosis de metotrexato?",
            "¿cómo se diagnostica la dermatomiositis?",
            "¿por qué no se puede dejar la prednisona de repente?",
            "mi médico me bajó la prednisona, ¿qué efectos puedo notar?",
        ] {
            assert_eq!(class(q), None, "{q}");
        }
    }

    #[test]
    fn general_questions_near_the_new_intents_are_not_refused() {
        for q in [
            "why does a prednisone taper usually go slowly",
            "does turmeric interact with methotrexate",
            "are there natural treatments or remedies instead of drugs",
            "is it linked to dermatomyositis",
            "what do the antibodies in a myositis panel tell doctors",
        ] {
            assert_eq!(class(q), None, "{q}");
        }
    }

    #[test]
    fn homonyms_in_their_everyday_sense_are_off_topic() {
        let g = guard();
        for q in [
            "what's the fastest muscle car ever built",
            "lyrics to Breathe by Pink Floyd",
            "how do I turn a taper on a metal lathe",
            "blood orange cake recipe",
            "how do I stop a wooden door swelling",
            "what is a rash move in chess",
        ] {
            assert!(g.off_topic(q), "{q}");
            assert!(!g.in_field(q) || g.off_topic(q), "{q}");
        }
        // The same words in their medical sense stay in the field.
        for q in [
            "my muscles are weak",
            "I can't breathe properly",
            "how fast should a prednisone taper go",
            "blood in my urine",
            "can I play piano with weak hands",
        ] {
            assert!(!g.off_topic(q), "{q}");
            assert!(g.in_field(q), "{q}");
        }
    }

    #[test]
    fn bad_guard_data_is_a_named_error() {
        let bad = BUILTIN_DATA.replacen("class = \"diagnosis\"", "class = \"guess\"", 1);
        assert!(matches!(
            Guard::parse(&bad, &[], &[]),
            Err(GuardError::Class { .. })
        ));
        let bad = BUILTIN_DATA.replacen("@COND", "@NOPE", 1);
        assert!(matches!(
            Guard::parse(&bad, &[], &[]),
            Err(GuardError::WordClass { .. })
        ));
    }
}
