//! Pre-screening a person against a study's structured criteria, with their consent and their
//! own tracker data: "may fit", "does not fit" or "cannot tell", always with reasons, never
//! "eligible" (only the study team decides).
//!
//! Age and sex are structured in the registry and can rule a study out. The type of myositis,
//! antibodies and medicines are only written in the criteria text, so they can only ever make
//! the answer "cannot tell": Myo points at the words and never reads them as a yes or a no.

use crate::model::{Sex, Trial};

/// What the person's record says (missing is `None` or empty, never assumed).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    /// Age in whole years.
    pub age_years: Option<u32>,
    /// Sex.
    pub sex: Option<Sex>,
    /// Conditions recorded (names as typed).
    pub conditions: Vec<String>,
    /// Antibodies recorded as positive.
    pub antibodies: Vec<String>,
    /// Medicines being taken (names).
    pub medicines: Vec<String>,
}

/// The overall answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing structured rules it out and nothing needs checking in the text.
    MayFit,
    /// A structured criterion (age or sex) rules it out.
    DoesNotFit,
    /// Something is missing from the record, or the criteria text mentions something in it.
    CannotTell,
}

impl Verdict {
    /// Words shown.
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            Verdict::MayFit => "May fit",
            Verdict::DoesNotFit => "Does not fit",
            Verdict::CannotTell => "Cannot tell",
        }
    }
}

/// One line of reasoning: how it bears on the answer, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// `MayFit` (consistent), `DoesNotFit` (rules out) or `CannotTell`.
    pub bears: Verdict,
    /// The reason in words.
    pub text: String,
}

/// The answer with its reasons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prescreen {
    /// Overall.
    pub verdict: Verdict,
    /// Each criterion looked at.
    pub reasons: Vec<Reason>,
}

/// The closing line every pre-screen carries.
pub const ONLY_THE_TEAM: &str = "This is not a decision about joining: only the study team can say whether you can take part, after talking with you and your doctors.";

const TYPES: [(&str, &[&str]); 6] = [
    (
        "juvenile dermatomyositis",
        &["juvenile dermatomyositis", "juvenile myositis", "jdm"],
    ),
    ("dermatomyositis", &["dermatomyositis"]),
    ("polymyositis", &["polymyositis"]),
    (
        "inclusion body myositis",
        &["inclusion body myositis", "ibm"],
    ),
    (
        "anti-synthetase syndrome",
        &["anti-synthetase", "antisynthetase"],
    ),
    (
        "necrotizing myopathy",
        &["necrotizing myopathy", "necrotising myopathy", "imnm"],
    ),
];

fn kinds(text: &str) -> Vec<&'static str> {
    let low = text.to_lowercase();
    TYPES
        .iter()
        .filter(|(_, words)| words.iter().any(|w| contains_word(&low, w)))
        .map(|(k, _)| *k)
        .collect()
}

fn contains_word(hay: &str, needle: &str) -> bool {
    let needle = needle.to_lowercase();
    hay.match_indices(&needle).any(|(i, _)| {
        let before = hay[..i].chars().last();
        let after = hay[i + needle.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The antibody's distinctive part: `anti-MDA5` → `mda5`, `Jo-1` → `jo-1`.
fn antibody_key(name: &str) -> String {
    let low = name.trim().to_lowercase();
    low.strip_prefix("anti-")
        .or_else(|| low.strip_prefix("anti "))
        .unwrap_or(&low)
        .to_owned()
}

/// Pre-screens `person` against `trial`.
#[must_use]
pub fn prescreen(trial: &Trial, person: &Person) -> Prescreen {
    let e = &trial.eligibility;
    let mut reasons = Vec::new();
    let mut add = |bears, text: String| reasons.push(Reason { bears, text });
    match person.age_years {
        None => add(
            Verdict::CannotTell,
            "Your record has no birth date, so your age cannot be compared.".to_owned(),
        ),
        Some(age) => {
            let months = age * 12;
            if let Some(min) = e.min_age_months.filter(|m| months + 11 < *m) {
                add(
                    Verdict::DoesNotFit,
                    format!(
                        "The study takes people aged {} or older; your record says {age} (minimum {} months).",
                        e.min_age.clone().unwrap_or_default().to_lowercase(),
                        min
                    ),
                );
            } else if let Some(max) = e.max_age_months.filter(|m| months > *m) {
                add(
                    Verdict::DoesNotFit,
                    format!(
                        "The study takes people up to {}; your record says {age} (maximum {max} months).",
                        e.max_age.clone().unwrap_or_default().to_lowercase()
                    ),
                );
            } else {
                add(
                    Verdict::MayFit,
                    format!("Your age ({age}) is within the study's age limits."),
                );
            }
        }
    }
    if let Some(only) = e.sex {
        let words = if only == Sex::Female {
            "women and girls"
        } else {
            "men and boys"
        };
        match person.sex {
            None => add(
                Verdict::CannotTell,
                format!("The study takes {words} only, and your record does not say your sex."),
            ),
            Some(s) if s != only => add(
                Verdict::DoesNotFit,
                format!("The study takes {words} only."),
            ),
            Some(_) => add(
                Verdict::MayFit,
                format!("The study takes {words}, as your record says."),
            ),
        }
    }
    let wanted: Vec<&str> = trial.conditions.iter().flat_map(|c| kinds(c)).collect();
    let have: Vec<&str> = person.conditions.iter().flat_map(|c| kinds(c)).collect();
    if have.is_empty() {
        add(
            Verdict::CannotTell,
            "Your record does not name a type of myositis, so it cannot be compared with the study's conditions.".to_owned(),
        );
    } else if wanted.iter().any(|w| have.contains(w)) {
        add(
            Verdict::MayFit,
            format!(
                "The study is for {}, which your record includes.",
                trial.conditions.join(", ")
            ),
        );
    } else {
        add(
            Verdict::CannotTell,
            format!(
                "The study lists {}; your record says {}. Ask the team whether your type is included.",
                if trial.conditions.is_empty() {
                    "no conditions".to_owned()
                } else {
                    trial.conditions.join(", ")
                },
                have.join(", ")
            ),
        );
    }
    let criteria = e.criteria.clone().unwrap_or_default().to_lowercase();
    for ab in &person.antibodies {
        let key = antibody_key(ab);
        if key.chars().count() >= 2 && contains_word(&criteria, &key) {
            add(
                Verdict::CannotTell,
                format!(
                    "The eligibility text mentions {ab}, which your record has as positive: read what it says, or ask the team."
                ),
            );
        }
    }
    for m in &person.medicines {
        let name = m.trim().to_lowercase();
        if name.chars().count() >= 4 && contains_word(&criteria, &name) {
            add(
                Verdict::CannotTell,
                format!(
                    "The eligibility text mentions {m}, which is on your medicine list: some studies need a medicine stopped or kept steady first. Never change a medicine to join a study without your doctor."
                ),
            );
        }
    }
    let verdict = if reasons.iter().any(|r| r.bears == Verdict::DoesNotFit) {
        Verdict::DoesNotFit
    } else if reasons.iter().any(|r| r.bears == Verdict::CannotTell) {
        Verdict::CannotTell
    } else {
        Verdict::MayFit
    };
    Prescreen { verdict, reasons }
}
