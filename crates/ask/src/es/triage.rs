//! Spanish red-flag triage: the knowledge base's red-flag rules, keyed by the same ids, with
//! Spanish phrasings, negations, required context and actions from `data/triage-es.toml`.
//!
//! A rule fires when one of its phrases (or a pair of phrases near each other: a medicine and
//! "todos los días") appears, is not negated ("no tengo fiebre", "sin fiebre", "nunca he
//! tenido"), any required context is present, and the clause reads as a report rather than a
//! general question ("¿qué es la disnea?"). Numbers the English rule checks (temperature,
//! glucose) are checked here too, plus oxygen saturation. The most severe tier wins.

use std::collections::HashMap;

use serde::Deserialize;

use super::context::{general_question, long_past, reported};
use super::numbers::{self, EsQuantity, EsReading};
use super::text::{EsToken, one_edit, person_free, tokenize_es};
use crate::contacts::ContactKind;
use crate::triage::{Quantity, Rule, TempUnit, Tier, TriageHit};

/// The Spanish rule data, compiled in.
pub const BUILTIN_DATA: &str = include_str!("../../data/triage-es.toml");
/// More built-in Spanish rules and their sources, read after [`BUILTIN_DATA`] as one file.
pub const BUILTIN_MORE: &str = include_str!("../../data/triage-es-more.toml");

/// The whole built-in Spanish data: [`BUILTIN_DATA`], then [`BUILTIN_MORE`].
pub fn builtin_data() -> String {
    [BUILTIN_DATA, BUILTIN_MORE].join("\n")
}

/// Errors in the Spanish rule data.
#[derive(Debug, thiserror::Error)]
pub enum EsDataError {
    /// The TOML did not parse; the message names the line and field.
    #[error("Spanish triage data: {0}")]
    Parse(#[from] toml::de::Error),
    /// A value is outside its vocabulary.
    #[error("Spanish triage data: rule {rule:?}: unknown {field} {value:?}")]
    Label {
        /// Rule id.
        rule: String,
        /// Field name.
        field: &'static str,
        /// The bad value.
        value: String,
    },
}

/// A cited source of the Spanish rules.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EsSource {
    /// Source id, used by rules.
    pub id: String,
    /// Page title.
    pub title: String,
    /// Address.
    pub url: String,
    /// `verified` or `partial`.
    pub status: String,
}

/// Emergency and crisis numbers, shown in actions and replies.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EsNumbers {
    /// Emergency numbers, in Spanish.
    pub emergencia: String,
    /// Crisis lines, in Spanish.
    pub crisis: String,
    /// Poison centres, in Spanish.
    pub toxicologia: String,
    /// Emergency numbers, in English (for the bilingual reply).
    pub emergency_en: String,
    /// Crisis lines, in English.
    pub crisis_en: String,
    /// Sources of these numbers.
    pub sources: Vec<String>,
}

/// Fixed Spanish (and bilingual) reply text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EsTexts {
    /// Lead word of an emergency warning ("EMERGENCIA:").
    pub lead_emergency: String,
    /// Lead word of an urgent warning ("URGENTE:").
    pub lead_urgent: String,
    /// One line: answers in Spanish are coming; the rest is in English.
    pub note_english_follows: String,
    /// Reply when nothing in English fits either.
    pub not_covered: String,
    /// Reply to a Spanish question from outside the field.
    pub out_of_scope: String,
    /// The disclaimer, in Spanish.
    pub disclaimer: String,
    /// The short bilingual reply for languages Myo does not answer in (`{emergency_en}`,
    /// `{crisis_en}`, `{emergencia}`, `{crisis}` are filled in).
    pub other_language: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckData {
    quantity: String,
    #[serde(default)]
    at_least: Option<f64>,
    #[serde(default)]
    at_most: Option<f64>,
    source: String,
    status: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PairData {
    a: Vec<String>,
    b: Vec<String>,
    window: usize,
    /// `b` may also stand in the sentence before or after `a` (intent in one sentence, the
    /// means or a farewell in the next); it must then be live and reported on its own.
    #[serde(default)]
    adjacent: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleData {
    id: String,
    tier: String,
    title: String,
    action: String,
    sources: Vec<String>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    pair: Vec<PairData>,
    #[serde(default)]
    requires_any: Vec<String>,
    #[serde(default)]
    negations: Vec<String>,
    #[serde(default)]
    check: Vec<CheckData>,
    /// Fire on the words alone, even in a question (crisis: never filtered as "general").
    #[serde(default)]
    always_report: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldData {
    words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct DataFile {
    reviewed_on: String,
    field: FieldData,
    numbers: EsNumbers,
    text: EsTexts,
    source: Vec<EsSource>,
    rule: Vec<RuleData>,
}

/// "Fire when a reading is at least / at most this value."
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EsCheck {
    /// What is measured.
    pub quantity: EsQuantity,
    /// Inclusive floor.
    pub at_least: Option<f64>,
    /// Inclusive ceiling.
    pub at_most: Option<f64>,
}

impl EsCheck {
    fn passes(&self, value: f64) -> bool {
        self.at_least.is_none_or(|x| value + 1e-6 >= x)
            && self.at_most.is_none_or(|x| value <= x + 1e-6)
    }
}

type Pattern = Vec<String>;

/// A phrase's stems, each read without its person ("tengo" and "tiene" alike).
fn stems(text: &str) -> Pattern {
    super::text::stems(text)
        .iter()
        .map(|s| person_free(s))
        .collect()
}

/// The text's tokens, their stems read without person (as the rules' phrases are).
fn rule_tokens(text: &str) -> Vec<EsToken> {
    let mut tokens = tokenize_es(text);
    for t in &mut tokens {
        t.stem = person_free(&t.stem);
    }
    tokens
}

#[derive(Debug, Clone)]
struct Pair {
    a: Vec<(String, Pattern)>,
    b: Vec<Pattern>,
    window: usize,
    adjacent: bool,
}

/// One compiled Spanish rule.
#[derive(Debug, Clone)]
struct EsRule {
    id: String,
    tier: Tier,
    title: String,
    action: String,
    phrases: Vec<(String, Pattern)>,
    pairs: Vec<Pair>,
    requires: Vec<Pattern>,
    negations: Vec<Pattern>,
    checks: Vec<EsCheck>,
    always_report: bool,
    /// Help lines of the English rule with the same id (crisis, poison).
    contacts: Vec<ContactKind>,
}

/// The compiled Spanish rule set, with its reply text and sources.
#[derive(Debug, Clone)]
pub struct SpanishTriage {
    rules: Vec<EsRule>,
    texts: EsTexts,
    numbers: EsNumbers,
    sources: Vec<EsSource>,
    reviewed_on: String,
    field: Vec<Pattern>,
}

/// Extra words allowed between two words of a phrase ("dolor fuerte en el pecho").
const MAX_GAP: usize = 2;
/// Shortest word the one-edit typo tolerance applies to.
const TYPO_MIN_LEN: usize = 6;
/// How far before a trigger a negation word still applies ("no he tenido fiebre").
const NEGATION_WINDOW: usize = 3;
const NEGATION_CUES: &[&str] = &[
    "no", "sin", "nunca", "jamas", "ni", "tampoco", "ningun", "ninguna", "ninguno", "nada", "not",
    "never", "without",
];
/// Pronouns that sit between a negation and its verb ("no me", "no se lo").
const CLITICS: &[&str] = &[
    "me", "te", "se", "le", "les", "lo", "la", "los", "las", "nos", "os",
];
/// After "no", these say something keeps happening ("no paro de toser").
const KEEP_ON: &[&str] = &[
    "paro", "para", "dejo", "deja", "paramos", "dejamos", "paran", "dejan",
];
/// Words that end a negation's reach ("no tengo fiebre y no puedo respirar").
const SCOPE_BREAKS: &[&str] = &["y", "e", "pero", "luego", "ahora", "entonces", "and", "but"];

fn compile(list: &[String]) -> Vec<Pattern> {
    list.iter()
        .map(|p| stems(p))
        .filter(|p| !p.is_empty())
        .collect()
}

fn with_text(list: &[String]) -> Vec<(String, Pattern)> {
    list.iter()
        .map(|p| (p.clone(), stems(p)))
        .filter(|(_, p)| !p.is_empty())
        .collect()
}

fn fill(text: &str, n: &EsNumbers) -> String {
    text.replace("{emergencia}", &n.emergencia)
        .replace("{crisis}", &n.crisis)
        .replace("{toxicologia}", &n.toxicologia)
        .replace("{emergency_en}", &n.emergency_en)
        .replace("{crisis_en}", &n.crisis_en)
}

impl SpanishTriage {
    /// Compile the built-in data. `english` are the knowledge base's rules: their temperature
    /// and glucose checks apply to the Spanish rule with the same id, and their drug words
    /// (generic and brand names) join its required context.
    pub fn builtin(english: &[Rule]) -> Result<SpanishTriage, EsDataError> {
        SpanishTriage::parse(&builtin_data(), english)
    }

    /// Compile rule data (see [`SpanishTriage::builtin`]).
    pub fn parse(text: &str, english: &[Rule]) -> Result<SpanishTriage, EsDataError> {
        let data: DataFile = toml::from_str(text)?;
        let by_id: HashMap<&str, &Rule> = english.iter().map(|r| (r.id.as_str(), r)).collect();
        let known: Vec<&str> = data.source.iter().map(|s| s.id.as_str()).collect();
        let label = |rule: &str, field: &'static str, value: &str| EsDataError::Label {
            rule: rule.to_string(),
            field,
            value: value.to_string(),
        };
        for s in data.numbers.sources.iter() {
            if !known.contains(&s.as_str()) {
                return Err(label("numbers", "source", s));
            }
        }
        let mut rules = Vec::new();
        for r in data.rule {
            let tier = match Tier::parse(&r.tier) {
                Some(t @ (Tier::Emergency | Tier::Urgent)) => t,
                _ => return Err(label(&r.id, "tier", &r.tier)),
            };
            if r.sources.is_empty() {
                return Err(label(&r.id, "sources", "(none)"));
            }
            if let Some(s) = r.sources.iter().find(|s| !known.contains(&s.as_str())) {
                return Err(label(&r.id, "source", s));
            }
            let mut checks = Vec::new();
            for c in &r.check {
                let quantity = EsQuantity::parse(&c.quantity)
                    .ok_or_else(|| label(&r.id, "quantity", &c.quantity))?;
                if !known.contains(&c.source.as_str()) {
                    return Err(label(&r.id, "source", &c.source));
                }
                if !matches!(c.status.as_str(), "verified" | "partial") {
                    return Err(label(&r.id, "status", &c.status));
                }
                checks.push(EsCheck {
                    quantity,
                    at_least: c.at_least,
                    at_most: c.at_most,
                });
            }
            let mut requires = r.requires_any.clone();
            let contacts = by_id
                .get(r.id.as_str())
                .map(|en| en.contacts.clone())
                .unwrap_or_default();
            if let Some(en) = by_id.get(r.id.as_str()) {
                checks.extend(en.number_checks.iter().filter_map(inherit_check));
                if !requires.is_empty() {
                    requires.extend(en.requires_any.iter().cloned());
                }
            }
            rules.push(EsRule {
                tier,
                title: r.title,
                action: fill(&r.action, &data.numbers),
                phrases: with_text(&r.phrases),
                pairs: r
                    .pair
                    .iter()
                    .map(|p| Pair {
                        a: with_text(&p.a),
                        b: compile(&p.b),
                        window: p.window,
                        adjacent: p.adjacent,
                    })
                    .collect(),
                requires: compile(&requires),
                negations: compile(&r.negations),
                checks,
                always_report: r.always_report,
                contacts,
                id: r.id,
            });
        }
        for s in &data.source {
            if !matches!(s.status.as_str(), "verified" | "partial") {
                return Err(label(&s.id, "status", &s.status));
            }
        }
        let mut texts = data.text;
        texts.other_language = fill(&texts.other_language, &data.numbers);
        Ok(SpanishTriage {
            rules,
            texts,
            numbers: data.numbers,
            sources: data.source,
            reviewed_on: data.reviewed_on,
            field: compile(&data.field.words),
        })
    }

    /// The fixed reply text.
    pub fn texts(&self) -> &EsTexts {
        &self.texts
    }

    /// The emergency and crisis numbers.
    pub fn numbers(&self) -> &EsNumbers {
        &self.numbers
    }

    /// The cited sources.
    pub fn sources(&self) -> &[EsSource] {
        &self.sources
    }

    /// When the Spanish rules were last reviewed (`YYYY-MM-DD`).
    pub fn reviewed_on(&self) -> &str {
        &self.reviewed_on
    }

    /// Does the text use a word of Myo's field ("dermatomiositis", "metotrexato", "piel"…)?
    pub fn in_field(&self, text: &str) -> bool {
        let tokens = rule_tokens(text);
        self.field.iter().any(|p| !find_all(p, &tokens).is_empty())
    }

    /// (rule id, tier) of every rule, in data order.
    pub fn rule_tiers(&self) -> Vec<(&str, Tier)> {
        self.rules.iter().map(|r| (r.id.as_str(), r.tier)).collect()
    }

    /// The most severe urgent-or-emergency warning the text raises in Spanish, if any.
    pub fn check(&self, text: &str) -> Option<TriageHit> {
        let tokens = rule_tokens(text);
        let readings = numbers::read(&tokens);
        let mut best: Option<TriageHit> = None;
        for r in &self.rules {
            if best.as_ref().is_some_and(|b| b.tier >= r.tier) {
                continue;
            }
            if let Some(matched) = fires(r, &tokens, &readings) {
                best = Some(TriageHit {
                    tier: r.tier,
                    rule_id: r.id.clone(),
                    title: r.title.clone(),
                    action: r.action.clone(),
                    matched,
                    contacts: r.contacts.clone(),
                });
            }
        }
        best
    }

    /// The Spanish title and action of rule `id`, for a warning raised by the English rules.
    pub fn translate(&self, hit: &TriageHit) -> Option<TriageHit> {
        self.rules
            .iter()
            .find(|r| r.id == hit.rule_id)
            .map(|r| TriageHit {
                tier: hit.tier.max(r.tier),
                rule_id: r.id.clone(),
                title: r.title.clone(),
                action: r.action.clone(),
                matched: hit.matched.clone(),
                contacts: hit.contacts.clone(),
            })
    }
}

/// An English rule's temperature or glucose check, in the Spanish reader's units.
fn inherit_check(c: &crate::triage::NumberCheck) -> Option<EsCheck> {
    let at_least = c.at_least?;
    let (quantity, at_least) = match c.quantity {
        Quantity::Temperature => (
            EsQuantity::Temperature,
            match c.unit {
                Some(TempUnit::Fahrenheit) => (at_least - 32.0) * 5.0 / 9.0,
                _ => at_least,
            },
        ),
        Quantity::Glucose => (EsQuantity::Glucose, at_least),
        _ => return None,
    };
    Some(EsCheck {
        quantity,
        at_least: Some(at_least),
        at_most: None,
    })
}

/// `Some(true)` when a reading passes a check, `Some(false)` when readings of the checked
/// quantities exist and none passes, `None` when there is nothing to check.
fn verdict(checks: &[EsCheck], readings: &[EsReading]) -> Option<bool> {
    let mut seen = false;
    for c in checks {
        for r in readings.iter().filter(|r| r.quantity == c.quantity) {
            seen = true;
            if c.passes(r.value) {
                return Some(true);
            }
        }
    }
    seen.then_some(false)
}

fn fires(r: &EsRule, tokens: &[EsToken], readings: &[EsReading]) -> Option<String> {
    let numbers = verdict(&r.checks, readings);
    if numbers == Some(false) {
        return None;
    }
    let number_pass = numbers == Some(true);
    let live = |span: (usize, usize)| {
        !negated(span, tokens, &r.negations)
            && ((r.always_report && !general_question(span, tokens) && !long_past(span, tokens))
                || reported(span, tokens))
    };
    let phrase = r
        .phrases
        .iter()
        .find(|(_, p)| find_all(p, tokens).into_iter().any(live))
        .map(|(text, _)| text.clone());
    let pair = || {
        r.pairs.iter().find_map(|pair| {
            pair.a.iter().find_map(|(text, p)| {
                find_all(p, tokens)
                    .into_iter()
                    .filter(|&span| live(span))
                    .any(|span| {
                        near(span, &pair.b, pair.window, tokens)
                            || pair.adjacent && next_door(span, &pair.b, tokens, &live)
                    })
                    .then(|| text.clone())
            })
        })
    };
    let number = || {
        readings
            .iter()
            .filter(|x| {
                r.checks
                    .iter()
                    .any(|c| c.quantity == x.quantity && c.passes(x.value))
            })
            .find(|x| {
                !negated((x.at, x.at), tokens, &r.negations) && reported((x.at, x.at), tokens)
            })
            .map(|x| tokens[x.at].word.clone())
    };
    let trigger = phrase
        .or_else(pair)
        .or_else(|| number_pass.then(number).flatten())?;
    let context_ok = r.requires.is_empty()
        || number_pass
        || r.requires.iter().any(|p| !find_all(p, tokens).is_empty());
    context_ok.then_some(trigger)
}

/// Does one of `patterns` occur within `window` words of `span`, in the same sentence, at
/// another place than `span` itself (a phrase on both sides of a pair is not two)?
fn near(span: (usize, usize), patterns: &[Pattern], window: usize, tokens: &[EsToken]) -> bool {
    let sentence = tokens[span.0].sentence;
    patterns.iter().any(|p| {
        find_all(p, tokens).into_iter().any(|(s, e)| {
            tokens[s].sentence == sentence
                && (s, e) != span
                && (s.abs_diff(span.1) <= window || e.abs_diff(span.0) <= window)
        })
    })
}

/// Does one of `patterns` occur, live, in the sentence just before or just after `span`'s?
fn next_door(
    span: (usize, usize),
    patterns: &[Pattern],
    tokens: &[EsToken],
    live: &dyn Fn((usize, usize)) -> bool,
) -> bool {
    let sentence = tokens[span.0].sentence;
    patterns.iter().any(|p| {
        find_all(p, tokens)
            .into_iter()
            .any(|(s, e)| tokens[s].sentence.abs_diff(sentence) == 1 && live((s, e)))
    })
}

/// Does a text token match a pattern stem (exactly, or by one typing slip in a long word)?
fn same(token: &EsToken, want: &str) -> bool {
    token.stem == want
        || (want.len() >= TYPO_MIN_LEN
            && token.stem.len() >= TYPO_MIN_LEN
            && !want.bytes().any(|b| b.is_ascii_digit())
            && one_edit(&token.stem, want))
}

/// Every span (first, last token index) where the pattern occurs, within one sentence.
fn find_all(pattern: &[String], tokens: &[EsToken]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let Some(first) = pattern.first() else {
        return spans;
    };
    for start in 0..tokens.len() {
        if !same(&tokens[start], first) {
            continue;
        }
        let mut at = start;
        let mut ok = true;
        for want in &pattern[1..] {
            let next = (at + 1..=at + 1 + MAX_GAP)
                .take_while(|&j| j < tokens.len() && tokens[j].sentence == tokens[start].sentence)
                .find(|&j| same(&tokens[j], want));
            match next {
                Some(j) => at = j,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            spans.push((start, at));
        }
    }
    spans
}

/// Is the trigger negated by a cue word just before it, or by a negation phrase in its clause?
fn negated(span: (usize, usize), tokens: &[EsToken], negations: &[Pattern]) -> bool {
    let (start, _) = span;
    let clause = tokens[start].clause;
    // Clitic pronouns do not count toward the reach ("no me siento con ganas de…"), and "no
    // paro de" / "no dejo de" say it keeps happening ("no paro de vomitar").
    let mut reach = 0;
    for k in (0..start).rev() {
        let t = &tokens[k];
        if t.clause != clause || SCOPE_BREAKS.contains(&t.word.as_str()) {
            break;
        }
        if !CLITICS.contains(&t.word.as_str()) {
            reach += 1;
        }
        if reach > NEGATION_WINDOW {
            break;
        }
        let keeps_on = tokens
            .get(k + 1)
            .is_some_and(|n| KEEP_ON.contains(&n.word.as_str()));
        if NEGATION_CUES.contains(&t.word.as_str()) && !keeps_on {
            return true;
        }
    }
    // A negation phrase counts in the trigger's clause, unless it is negated itself ("no
    // respiro bien" is not "respiro bien").
    negations.iter().any(|n| {
        find_all(n, tokens).into_iter().any(|(ns, _)| {
            tokens[ns].clause == clause
                && !tokens[ns.saturating_sub(2)..ns]
                    .iter()
                    .any(|t| NEGATION_CUES.contains(&t.word.as_str()))
        })
    })
}
