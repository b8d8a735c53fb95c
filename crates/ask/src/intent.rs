//! What a question asks for: its type ("how long", "how often", "is it safe", …) and the topic
//! words its everyday phrasing implies ("how long will I live" → outlook; "will my kids get it" →
//! inheritance).
//!
//! The phrasings are data ([`crate::lexicon::QUESTION_CUES`]) in the guardrails' pattern language;
//! the code only classifies and matches.

use crate::guard::{Slot, matches_anywhere, parse_pattern};
use crate::stem::stem;
use crate::text::Token;

/// The kind of answer a question wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionType {
    /// "How long …": a duration.
    HowLong,
    /// "How often …": a frequency.
    HowOften,
    /// "How much / how many mg …": an amount.
    HowMuch,
    /// "Which …", "what kind of …": a choice among named things.
    Which,
    /// "Is it safe …", "is it ok to …": safety.
    IsSafe,
    /// "Why …": a reason.
    Why,
    /// "Can I …", "should I …": whether the writer may do something.
    CanI,
    /// "What is …", "what does … mean": a definition.
    WhatIs,
    /// "Does it work", "is it approved yet", "is it forever": where a treatment stands.
    Status,
    /// Any other question.
    Other,
}

impl QuestionType {
    /// Does the question ask for one specific figure (a duration, a frequency, an amount)?
    pub fn is_specific(self) -> bool {
        matches!(
            self,
            QuestionType::HowLong | QuestionType::HowOften | QuestionType::HowMuch
        )
    }
}

/// Sentence features that answer a question type (a bit set; see [`cues_of`]).
pub mod cue {
    /// A duration: years, months, weeks, "long-term", "lifelong".
    pub const DURATION: u16 = 1;
    /// A frequency: every, daily, weekly, once, twice, times.
    pub const FREQUENCY: u16 = 1 << 1;
    /// An amount: a number with a unit (mg, IU, %), a dose.
    pub const AMOUNT: u16 = 1 << 2;
    /// Safety: safe, avoid, risk, never, harm.
    pub const SAFETY: u16 = 1 << 3;
    /// A reason: because, so, helps, means.
    pub const REASON: u16 = 1 << 4;
    /// A definition: "is a", "means", "called".
    pub const DEFINITION: u16 = 1 << 5;
    /// A list: "include", "such as", items after a colon.
    pub const LIST: u16 = 1 << 6;
    /// Starts with a bare "Yes" or "No".
    pub const YES_NO_LEAD: u16 = 1 << 7;
    /// Starts with a word that points back to the sentence before ("This", "It", "So").
    pub const DEPENDENT: u16 = 1 << 8;
    /// Safety wording strong enough to carry into a refusal: never, must, suddenly, do not.
    pub const WARNING: u16 = 1 << 9;
    /// Where a treatment stands: approved, experimental, in trials, rare, temporary.
    pub const STATUS: u16 = 1 << 10;
}

impl QuestionType {
    /// The sentence feature that answers this type (0 when any sentence will do).
    pub fn wanted_cue(self) -> u16 {
        match self {
            QuestionType::HowLong => cue::DURATION,
            QuestionType::HowOften => cue::FREQUENCY,
            QuestionType::HowMuch => cue::AMOUNT,
            QuestionType::Which => cue::LIST,
            QuestionType::IsSafe | QuestionType::CanI => cue::SAFETY,
            QuestionType::Why => cue::REASON,
            QuestionType::WhatIs => cue::DEFINITION,
            QuestionType::Status => cue::STATUS,
            QuestionType::Other => 0,
        }
    }
}

fn has_seq(words: &[&str], seq: &[&str]) -> bool {
    words.windows(seq.len()).any(|w| w == seq)
}

/// Classify a question from its words (stopwords included).
pub fn classify(tokens: &[Token]) -> QuestionType {
    let w: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
    let any = |seqs: &[&[&str]]| seqs.iter().any(|s| has_seq(&w, s));
    if any(&[
        &["how", "long"],
        &["how", "many", "years"],
        &["life", "expectancy"],
    ]) {
        QuestionType::HowLong
    } else if any(&[
        &["how", "often"],
        &["how", "frequently"],
        &["how", "many", "times"],
    ]) {
        QuestionType::HowOften
    } else if any(&[
        &["how", "much"],
        &["how", "many", "mg"],
        &["what", "dose"],
        &["usual", "dose"],
        &["typical", "dose"],
    ]) {
        QuestionType::HowMuch
    } else if any(&[
        &["is", "it", "safe"],
        &["safe", "to"],
        &["is", "it", "ok"],
        &["is", "it", "okay"],
        &["ok", "to"],
        &["okay", "to"],
        &["dangerous"],
        &["allowed", "to"],
    ]) {
        QuestionType::IsSafe
    } else if w.first() == Some(&"why") || any(&[&["why"], &["how", "come"]]) {
        QuestionType::Why
    } else if w.iter().any(|x| STATUS_ASKS.contains(x))
        || any(&[&["real", "option"], &["does", "it", "happen"]])
        || (w.iter().any(|x| *x == "does" || *x == "do")
            && w.last()
                .is_some_and(|x| ["work", "help", "happen"].contains(x)))
    {
        QuestionType::Status
    } else if any(&[
        &["which"],
        &["what", "kind"],
        &["what", "kinds"],
        &["what", "type"],
        &["what", "types"],
        &["what", "foods"],
    ]) {
        QuestionType::Which
    } else if any(&[
        &["can", "i"],
        &["can", "we"],
        &["should", "i"],
        &["could", "i"],
        &["may", "i"],
        &["can", "you"],
    ]) {
        QuestionType::CanI
    } else if any(&[
        &["what", "is"],
        &["what", "are"],
        &["what", "does"],
        &["define"],
        &["meaning", "of"],
    ]) {
        QuestionType::WhatIs
    } else {
        QuestionType::Other
    }
}

const DURATION_WORDS: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "lifelong",
    "lifetime",
    "decade",
    "decades",
    "long-term",
    "long",
    "permanent",
    "permanently",
    "forever",
];
const FREQUENCY_WORDS: &[&str] = &[
    "every",
    "each",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "annually",
    "once",
    "twice",
    "times",
    "often",
    "regularly",
    "fortnightly",
];
const UNITS: &[&str] = &["mg", "mcg", "g", "iu", "ml", "units", "percent", "%"];
const SAFETY_WORDS: &[&str] = &[
    "safe",
    "safely",
    "unsafe",
    "avoid",
    "risk",
    "risks",
    "risky",
    "harm",
    "harmful",
    "never",
    "caution",
    "careful",
    "ok",
    "okay",
    "fine",
    "allowed",
    "usually",
    "considered",
];
/// Question words that ask where a treatment stands.
const STATUS_ASKS: &[&str] = &[
    "approved",
    "available",
    "licensed",
    "experimental",
    "forever",
    "permanent",
    "yet",
    "evidence",
    "proven",
];
/// Sentence words that say where a treatment stands.
const STATUS_WORDS: &[&str] = &[
    "approved",
    "unapproved",
    "licensed",
    "unlicensed",
    "experimental",
    "trial",
    "trials",
    "routine",
    "routinely",
    "rare",
    "rarely",
    "temporary",
    "temporarily",
    "permanent",
    "evidence",
    "proven",
    "unproven",
    "resort",
];
const WARNING_WORDS: &[&str] = &[
    "never", "must", "suddenly", "taper", "tapered", "weekly", "deadly", "danger",
];
const REASON_WORDS: &[&str] = &[
    "because",
    "so",
    "reason",
    "helps",
    "help",
    "lets",
    "means",
    "since",
    "therefore",
    "why",
    "cause",
    "causes",
];
const DEPENDENT_LEADS: &[&str] = &[
    "this",
    "these",
    "that",
    "those",
    "it",
    "its",
    "they",
    "them",
    "their",
    "so",
    "also",
    "but",
    "such",
    "he",
    "she",
    "both",
    "however",
    "instead",
    "then",
    "otherwise",
    "still",
];

/// Pronouns that, as a sentence's second word ("Ask them …"), point back to the sentence before.
const POINTING_BACK: &[&str] = &["them", "they", "these", "those", "it"];

/// Does the sentence open with a bare answer: "Yes" or "No" followed by punctuation ("No: …",
/// "Yes, …")? "No treatment can …" does not.
pub fn yes_no_lead(text: &str) -> bool {
    let t = text.trim_start();
    ["Yes", "No"].iter().any(|lead| {
        t.strip_prefix(lead)
            .is_some_and(|rest| rest.starts_with([',', ':', ';', '.', '!', '\u{2014}', '-']))
    })
}

/// The cue bits of a sentence, from its text.
pub fn cues_of(text: &str, tokens: &[Token]) -> u16 {
    let w: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
    let has = |list: &[&str]| w.iter().any(|x| list.contains(x));
    let mut c = 0;
    if has(DURATION_WORDS) {
        c |= cue::DURATION;
    }
    if has(FREQUENCY_WORDS) || has_seq(&w, &["a", "day"]) || has_seq(&w, &["a", "week"]) {
        c |= cue::FREQUENCY;
    }
    let number_unit = w.windows(2).any(|p| {
        p[0].chars().next().is_some_and(|ch| ch.is_ascii_digit()) && UNITS.contains(&p[1])
    });
    if number_unit || has(&["dose", "doses", "dosage"]) || text.contains('%') {
        c |= cue::AMOUNT;
    }
    if has(SAFETY_WORDS) || has_seq(&w, &["do", "not"]) {
        c |= cue::SAFETY;
    }
    if has(WARNING_WORDS) || has_seq(&w, &["do", "not"]) {
        c |= cue::WARNING;
    }
    if has(STATUS_WORDS) {
        c |= cue::STATUS;
    }
    if has(REASON_WORDS) {
        c |= cue::REASON;
    }
    if has_seq(&w, &["is", "a"])
        || has_seq(&w, &["is", "an"])
        || has_seq(&w, &["are", "a"])
        || has(&["means", "called"])
    {
        c |= cue::DEFINITION;
    }
    if text.contains(';')
        || has(&["include", "includes", "including"])
        || has_seq(&w, &["such", "as"])
    {
        c |= cue::LIST;
    }
    if yes_no_lead(text) {
        c |= cue::YES_NO_LEAD;
    }
    // "This means …", "Ask them …": the sentence points back to the one before.
    if w.first().is_some_and(|f| DEPENDENT_LEADS.contains(f))
        || w.get(1).is_some_and(|x| POINTING_BACK.contains(x))
    {
        c |= cue::DEPENDENT;
    }
    c
}

/// Compiled question cues: a phrasing and the topic words it implies.
#[derive(Debug, Clone)]
pub struct Cues {
    cues: Vec<(Vec<Slot>, Vec<String>, f32)>,
}

impl Cues {
    /// Compile [`crate::lexicon::QUESTION_CUES`].
    pub fn builtin() -> Cues {
        let classes = [
            (
                "@KID",
                crate::lexicon::CHILD_WORDS
                    .iter()
                    .map(|w| stem(w))
                    .collect::<Vec<_>>(),
            ),
            (
                "@FOOD",
                crate::lexicon::FOOD_WORDS.iter().map(|w| stem(w)).collect(),
            ),
        ];
        let cues = crate::lexicon::QUESTION_CUES
            .iter()
            .map(|(pattern, words, weight)| {
                (
                    parse_pattern(pattern, &classes),
                    words.iter().map(|s| s.to_string()).collect(),
                    *weight,
                )
            })
            .collect();
        Cues { cues }
    }

    /// The topic phrases (with weights) the question's phrasing implies.
    pub fn expand(&self, tokens: &[Token]) -> Vec<(&str, f32)> {
        self.cues
            .iter()
            .filter(|(p, _, _)| matches_anywhere(p, tokens))
            .flat_map(|(_, words, w)| words.iter().map(move |s| (s.as_str(), *w)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn kind(q: &str) -> QuestionType {
        classify(&tokenize(q))
    }

    #[test]
    fn question_types() {
        assert_eq!(
            kind("how long does prednisone take to work"),
            QuestionType::HowLong
        );
        assert_eq!(kind("How often are the eye checks"), QuestionType::HowOften);
        assert_eq!(kind("how much vitamin d is usual"), QuestionType::HowMuch);
        assert_eq!(
            kind("which antibody goes with lung disease"),
            QuestionType::Which
        );
        assert_eq!(kind("is it safe to have the flu jab"), QuestionType::IsSafe);
        assert_eq!(kind("why does my skin itch"), QuestionType::Why);
        assert_eq!(kind("can i swim in the sea"), QuestionType::CanI);
        assert_eq!(kind("what is calcinosis"), QuestionType::WhatIs);
        assert_eq!(kind("rash on knuckles"), QuestionType::Other);
    }

    #[test]
    fn sentence_cues() {
        let c = |s: &str| cues_of(s, &tokenize(s));
        assert_ne!(c("Most people live for many years.") & cue::DURATION, 0);
        assert_ne!(c("Blood tests every 2 to 3 months.") & cue::FREQUENCY, 0);
        assert_ne!(c("The usual amount is 800 IU a day.") & cue::AMOUNT, 0);
        assert_ne!(c("It is usually safe in pregnancy.") & cue::SAFETY, 0);
        assert_ne!(
            c("This is because the immune system is overactive.") & cue::REASON,
            0
        );
        assert_ne!(c("Yes: children can get it.") & cue::YES_NO_LEAD, 0);
        assert_eq!(c("Yesterday was fine.") & cue::YES_NO_LEAD, 0);
        assert_eq!(c("No treatment can promise a cure.") & cue::YES_NO_LEAD, 0);
        assert_ne!(c("No, it is not inherited.") & cue::YES_NO_LEAD, 0);
        assert_ne!(c("Ask them about your outlook.") & cue::DEPENDENT, 0);
        assert_ne!(
            c("This means you may catch infections.") & cue::DEPENDENT,
            0
        );
        assert_eq!(c("Vaccines help.") & cue::DEPENDENT, 0);
    }

    #[test]
    fn phrasings_imply_topics() {
        let cues = Cues::builtin();
        let words = |q: &str| -> Vec<String> {
            cues.expand(&tokenize(q))
                .into_iter()
                .map(|(w, _)| w.to_string())
                .collect()
        };
        assert!(
            words("how long will i live")
                .iter()
                .any(|w| w == "prognosis")
        );
        assert!(
            words("am I going to die from this")
                .iter()
                .any(|w| w == "prognosis")
        );
        assert!(
            words("will my kids get it too")
                .iter()
                .any(|w| w == "inherited")
        );
        assert!(
            words("could my daughter inherit DM")
                .iter()
                .any(|w| w == "inherited")
        );
        assert!(
            words("is it ok to go to the beach")
                .iter()
                .any(|w| w == "sun")
        );
        assert!(
            words("breast feeding on azathioprine")
                .iter()
                .any(|w| w == "breastfeeding")
        );
        assert!(
            words("what foods should i stay away from")
                .iter()
                .any(|w| w == "avoid")
        );
        assert!(
            words("what foods are good for dm")
                .iter()
                .any(|w| w == "favour")
        );
        assert!(words("what is dermatomyositis").is_empty());
    }
}
