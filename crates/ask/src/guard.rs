//! Intent guardrails: personal diagnosis, medicine changes and image reading are refused with
//! fixed, kind copy; questions from outside the field get a short out-of-scope reply.
//!
//! Patterns are data in a small language over stems, matched within one sentence:
//! - words separated by spaces must appear in order; `a|b` means either word;
//! - `come+off` is a two-word alternative;
//! - `~N` skips up to N words;
//! - `@PERSON`, `@MED`, `@COND`, `@IMG` name word classes;
//! - `$` is the end of the sentence.
//!
//! General drug information ("what is the usual dose of methotrexate") is not a refusal: the
//! medicine patterns need a person who would act ("should I", "my dose").

use std::collections::HashSet;

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

/// Pattern data: (class, pattern). Any matching pattern refuses, unless an exception matches.
const PATTERNS: &[(RefusalClass, &str)] = &[
    (
        RefusalClass::Image,
        "@PERSON|this|here|these|attached ~3 @IMG",
    ),
    (RefusalClass::Image, "@IMG ~4 @PERSON|this"),
    (
        RefusalClass::Image,
        "you|please ~2 look+at|interpret|read|check|analyse|analyze|see @PERSON|this|these ~2 scan|mri|xray|ct|result|results|report|rash|skin|hand|hands|knuckles|eyes|face|nails|spot|spots|lump",
    ),
    (
        RefusalClass::Diagnosis,
        "do|does|did|could|might|may|can|would|will @PERSON ~2 have|has|got|be ~2 @COND",
    ),
    (
        RefusalClass::Diagnosis,
        "is|could|might|may|can this|it|that ~3 @COND",
    ),
    (
        RefusalClass::Diagnosis,
        "what do|does @PERSON ~2 have|has|got $",
    ),
    (RefusalClass::Diagnosis, "diagnose @PERSON"),
    (
        RefusalClass::Diagnosis,
        "does|do this|these|it|that look+like|sound+like ~2 @COND",
    ),
    (
        RefusalClass::Diagnosis,
        "am|is|are @PERSON ~2 in+remission|flaring|relapsing|in+a+flare",
    ),
    (
        RefusalClass::Diagnosis,
        "am|is|are @PERSON ~2 having+a+flare",
    ),
    (
        RefusalClass::Medication,
        "@PERSON|ok|okay|safe|alright|fine|allowed ~3 stop|quit|skip|reduce|lower|increase|double|triple|halve|taper|change|switch|adjust|decrease|cut|wean|raise|come+off|get+off|go+off|take+more|take+extra|take+less|up|miss ~3 @MED",
    ),
    (
        RefusalClass::Medication,
        "how much|many ~4 should|do|can|must|shall @PERSON ~2 take|give|have|use|inject|be",
    ),
    (
        RefusalClass::Medication,
        "what|which dose|amount|strength ~4 should|do|can|must|shall @PERSON",
    ),
    (
        RefusalClass::Medication,
        "double|triple|halve @PERSON|the dose",
    ),
];

/// Exceptions per class: information questions that look like a refusal pattern.
const EXCEPTIONS: &[(RefusalClass, &str)] = &[
    (
        RefusalClass::Medication,
        "@MED side+effect|side+effects|related|induced",
    ),
    (
        RefusalClass::Medication,
        "what+happens|what+should|what+to|what+do ~4 miss",
    ),
    // "is it like DM", "could that cause myositis", "is that part of DM": questions about the
    // disease, not about the writer.
    (
        RefusalClass::Diagnosis,
        "this|it|that like|cause|causes|trigger|part+of|linked|related|similar|same|contagious|inherited ~3 @COND",
    ),
];

const PERSON: &[&str] = &[
    "i",
    "me",
    "my",
    "we",
    "us",
    "our",
    "he",
    "she",
    "him",
    "his",
    "her",
    "mum",
    "mom",
    "dad",
    "father",
    "mother",
    "son",
    "daughter",
    "husband",
    "wife",
    "partner",
    "child",
    "kid",
    "baby",
    "grandma",
    "grandmother",
    "grandad",
    "grandfather",
    "grandpa",
    "parent",
    "myself",
    "boy",
    "girl",
    "brother",
    "sister",
    "friend",
    "toddler",
];
const COND: &[&str] = &[
    "dm",
    "jdm",
    "cadm",
    "dermatomyositis",
    "myositis",
    "polymyositis",
    "ibm",
    "imnm",
    "lupus",
    "scleroderma",
    "arthritis",
    "cancer",
    "sjogren",
    "sjogrens",
    "antisynthetase",
    "overlap",
    "rosacea",
    "juvenile",
    "amyopathic",
    "myopathy",
    "heliotrope",
    "gottron",
    "gottrons",
    "calcinosis",
    "raynaud",
    "raynauds",
    "ild",
    "psoriasis",
    "eczema",
    "fibromyalgia",
];
const MED_GENERIC: &[&str] = &[
    "medicine",
    "medicines",
    "medication",
    "medications",
    "meds",
    "med",
    "drug",
    "drugs",
    "dose",
    "dosage",
    "doses",
    "pill",
    "pills",
    "tablet",
    "tablets",
    "steroid",
    "steroids",
    "injection",
    "injections",
    "infusion",
    "infusions",
    "treatment",
    "prescription",
    "mg",
    "jab",
    "shot",
    "immunosuppressant",
    "immunosuppressants",
];
const IMG: &[&str] = &[
    "photo",
    "photos",
    "picture",
    "pictures",
    "pic",
    "pics",
    "image",
    "images",
    "screenshot",
    "selfie",
    "attachment",
    "uploaded",
    "upload",
    "snapshot",
];

/// Off-topic markers: a question with one of these and no field word is out of scope.
const OFF_TOPIC: &[&str] = &[
    "stock",
    "stocks",
    "invest",
    "investment",
    "investing",
    "bitcoin",
    "crypto",
    "mortgage",
    "tax",
    "taxes",
    "poem",
    "poetry",
    "song",
    "lyrics",
    "joke",
    "jokes",
    "football",
    "soccer",
    "tennis",
    "basketball",
    "nba",
    "lakers",
    "cricket",
    "golf",
    "movie",
    "movies",
    "film",
    "netflix",
    "weather",
    "forecast",
    "python",
    "javascript",
    "code",
    "coding",
    "programming",
    "laptop",
    "car",
    "brakes",
    "pizza",
    "capital",
    "president",
    "election",
    "translate",
    "itinerary",
    "recipe",
    "loan",
    "bank",
    "game",
    "games",
    "novel",
    "essay",
    "rust",
    "java",
    "linux",
    "points",
    "buy",
    "shopping",
    "hotel",
    "flight",
    "flights",
    "restaurant",
    "politics",
];

/// Words that place a question inside the field, beside the knowledge base's own terms.
const FIELD: &[&str] = &[
    "dm",
    "jdm",
    "dermatomyositis",
    "myositis",
    "muscle",
    "muscles",
    "rash",
    "skin",
    "symptom",
    "symptoms",
    "disease",
    "diagnosis",
    "diagnosed",
    "doctor",
    "rheumatologist",
    "dermatologist",
    "nurse",
    "hospital",
    "treatment",
    "medicine",
    "medication",
    "meds",
    "drug",
    "pill",
    "dose",
    "steroid",
    "steroids",
    "fever",
    "pain",
    "weak",
    "weakness",
    "tired",
    "fatigue",
    "swallow",
    "swallowing",
    "breathing",
    "breath",
    "lung",
    "lungs",
    "heart",
    "cancer",
    "test",
    "tests",
    "blood",
    "biopsy",
    "scan",
    "mri",
    "exercise",
    "diet",
    "food",
    "foods",
    "eat",
    "eating",
    "vitamin",
    "supplement",
    "pregnant",
    "pregnancy",
    "vaccine",
    "infection",
    "flare",
    "remission",
    "antibody",
    "antibodies",
    "immune",
    "inflammation",
    "physio",
    "therapy",
    "trial",
    "sun",
    "sunscreen",
    "itch",
    "itchy",
    "cough",
    "joint",
    "joints",
    "nail",
    "nails",
    "calcinosis",
    "health",
    "sick",
    "ill",
    "illness",
    "condition",
    "autoimmune",
    "clinic",
    "care",
    "patient",
    "patients",
    "sore",
    "swelling",
    "swollen",
    "chest",
    "weight",
    "sleep",
    "stress",
    "soft",
    "thickened",
    "swallowed",
    "choking",
    "choke",
];

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

/// Compiled guardrails.
#[derive(Debug, Clone)]
pub struct Guard {
    patterns: Vec<(RefusalClass, Vec<Slot>)>,
    exceptions: Vec<(RefusalClass, Vec<Slot>)>,
    off_topic: HashSet<String>,
    field: HashSet<String>,
}

fn stem_all(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| stem(w)).collect()
}

impl Guard {
    /// Compile the patterns; `medicines` and `field_terms` come from the knowledge base (drug
    /// names, brand names, medical terms) and widen the built-in word classes. Pass medical
    /// words only: everyday phrases ("a good night") would make every question look in-field.
    pub fn new(medicines: &[String], field_terms: &[String]) -> Guard {
        let mut meds: Vec<String> = stem_all(MED_GENERIC);
        meds.extend(medicines.iter().flat_map(|m| tokenize(m)).map(|t| t.stem));
        let classes = [
            ("@PERSON", stem_all(PERSON)),
            ("@COND", stem_all(COND)),
            ("@MED", meds.clone()),
            ("@IMG", IMG.iter().map(|w| format!("={w}")).collect()),
        ];
        let compile = |p: &str| parse_pattern(p, &classes);
        let mut field: HashSet<String> = stem_all(FIELD).into_iter().collect();
        field.extend(meds);
        field.extend(
            field_terms
                .iter()
                .flat_map(|t| tokenize(t))
                .filter(|t| !crate::text::is_stopword(&t.word) && t.word.len() > 2)
                .map(|t| t.stem),
        );
        for w in OFF_TOPIC {
            field.remove(&stem(w));
        }
        Guard {
            patterns: PATTERNS.iter().map(|(c, p)| (*c, compile(p))).collect(),
            exceptions: EXCEPTIONS.iter().map(|(c, p)| (*c, compile(p))).collect(),
            off_topic: stem_all(OFF_TOPIC).into_iter().collect(),
            field,
        }
    }

    /// The refusal class the question falls under, if any.
    pub fn refusal(&self, text: &str) -> Option<RefusalClass> {
        let tokens = tokenize(text);
        let excepted = |class: RefusalClass| {
            self.exceptions
                .iter()
                .any(|(c, p)| *c == class && matches_anywhere(p, &tokens))
        };
        self.patterns
            .iter()
            .find(|(c, p)| matches_anywhere(p, &tokens) && !excepted(*c))
            .map(|(c, _)| *c)
    }

    /// Does the question mention anything from the field (symptom, drug, test, condition)?
    pub fn in_field(&self, text: &str) -> bool {
        self.in_field_tokens(&tokenize(text))
    }

    /// [`Guard::in_field`] on words already split.
    pub fn in_field_tokens(&self, tokens: &[Token]) -> bool {
        tokens.iter().any(|t| self.field.contains(&t.stem))
    }

    /// Is this clearly a question from outside the field (more off-topic marker words than
    /// field words)?
    pub fn off_topic(&self, text: &str) -> bool {
        let tokens = tokenize(text);
        let markers = tokens
            .iter()
            .filter(|t| self.off_topic.contains(&t.stem))
            .count();
        let field = tokens
            .iter()
            .filter(|t| self.field.contains(&t.stem))
            .count();
        markers > field
    }
}

/// Compile a pattern; `classes` name word classes (`@NAME`) as lists of stems.
pub(crate) fn parse_pattern(pattern: &str, classes: &[(&str, Vec<String>)]) -> Vec<Slot> {
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
                if let Some((_, words)) = classes.iter().find(|(name, _)| *name == alt) {
                    alts.extend(words.iter().map(|w| vec![w.clone()]));
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
}
