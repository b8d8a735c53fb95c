//! Deterministic red-flag triage: runs on every question before anything else.
//!
//! Rules are data (built from the knowledge base's `[red_flag]` tables). A rule fires when one of
//! its phrases appears in the text, is not negated ("no fever", "not short of breath"), any
//! required context is present (a drug word for "fever on immunosuppressants", or a measured
//! temperature over the threshold), and the sentence reads as a report of something happening
//! rather than a general question ("why do people choke with myositis"). The most severe tier
//! wins, and among equals a crisis rule. When in doubt between report and question, a sentence
//! with a person in it is a report.
//!
//! A rule may also need every one of several phrase groups (`requires_all`: "methotrexate" and
//! "twice this week"); a rule with groups and no phrases fires on the groups alone. Each
//! knowledge-base entry gives one rule, plus one per `[[red_flag.variant]]` (a stronger tier or
//! action for a combination), checked before the entry's own rule.
//!
//! A rule may also carry concepts (`concept`): groups of synonyms that must meet within a few
//! words in one clause, in order or not, so a sign said with extra words in between or in a
//! different order still fires ("vomiting bright red blood", "took the whole lot of my pills on
//! purpose"). The context rules below apply to them as to phrases. A concept marked `adjacent`
//! may meet across two sentences next to each other (a crisis plan told in two: "I've decided
//! tonight's the night. I've got the tablets saved up."); each part must then be reported on its
//! own and neither sentence may tell of the past, a death, a quote, a definition or a story
//! (`story`).
//!
//! Modules: `context` decides whether a match reports something happening now (negation,
//! conditions, past events, people who died, quotes, definitions); `story` reads the same over
//! whole sentences; `cues` holds the word lists both read; `quantity` reads numbers.

pub mod alias;
pub mod concept;
mod context;
mod cues;
mod quantity;
mod spelling;
mod story;
#[cfg(test)]
mod tests;

pub use alias::Aliases;
pub use concept::{Concept, ConceptTable};
pub use quantity::MG_DL_PER_MMOL_L;

use crate::contacts::ContactKind;
use crate::text::{Token, tokenize};
use concept::CompiledConcept;
use context::{negated, reading_reported, reported};
use quantity::{Reading, number_verdict, read_quantities};
use spelling::Vocabulary;

/// How soon someone should act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// Worth raising at the next visit.
    Discuss,
    /// Contact the care team today.
    Urgent,
    /// Call emergency services now.
    Emergency,
}

impl Tier {
    /// Parse the knowledge base's spelling (`emergency`, `urgent`, `discuss`).
    pub fn parse(text: &str) -> Option<Tier> {
        match text.trim().to_ascii_lowercase().as_str() {
            "emergency" => Some(Tier::Emergency),
            "urgent" => Some(Tier::Urgent),
            "discuss" => Some(Tier::Discuss),
            _ => None,
        }
    }

    /// The lowercase name used in wire formats.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Emergency => "emergency",
            Tier::Urgent => "urgent",
            Tier::Discuss => "discuss",
        }
    }
}

/// A quantity a number check reads from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// Body temperature, in °C or °F (converted to the check's unit).
    Temperature,
    /// A number of days ("for 3 days").
    Days,
    /// Pulse in beats per minute.
    Pulse,
    /// Blood glucose, read in mg/dL or mmol/L and compared in mg/dL.
    Glucose,
    /// Oxygen saturation from a pulse oximeter, in percent.
    OxygenSaturation,
    /// Days since an event ("10 days ago", "last week"); narrows a rule, never sets it off.
    DaysAgo,
}

/// Temperature unit of a number check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TempUnit {
    /// Degrees Celsius.
    Celsius,
    /// Degrees Fahrenheit.
    Fahrenheit,
}

/// "Fire when the quantity found in the text is within these bounds."
#[derive(Debug, Clone, PartialEq)]
pub struct NumberCheck {
    /// What is measured.
    pub quantity: Quantity,
    /// Lower threshold, inclusive.
    pub at_least: Option<f64>,
    /// Upper threshold, inclusive.
    pub at_most: Option<f64>,
    /// Unit of the threshold (temperature only; Celsius when absent).
    pub unit: Option<TempUnit>,
    /// The reading only narrows the rule: it never sets the rule off on its own.
    pub narrows_only: bool,
}

/// One red-flag rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Knowledge-base entry id (`breathing-difficulty`).
    pub id: String,
    /// Entry title, shown with the warning.
    pub title: String,
    /// Severity.
    pub tier: Tier,
    /// What to do, shown first in the answer.
    pub action: String,
    /// Trigger phrases, in everyday words.
    pub phrases: Vec<String>,
    /// When not empty, at least one of these must also appear (unless a number check passes).
    pub requires_any: Vec<String>,
    /// Every group must have one of its phrases in the text, not negated; with no `phrases`,
    /// the groups alone set the rule off.
    pub requires_all: Vec<Vec<String>>,
    /// Phrases that cancel a trigger they overlap ("no trouble breathing").
    pub negations: Vec<String>,
    /// Optional numeric checks.
    pub number_checks: Vec<NumberCheck>,
    /// Help lines the answer leads with (a crisis line, a poison line).
    pub contacts: Vec<ContactKind>,
    /// Synonym groups that set the rule off when they meet in one clause (see [`concept`]).
    pub concepts: Vec<Concept>,
}

impl Rule {
    /// A rule with only phrases (no context, negations or checks).
    pub fn new(id: &str, title: &str, tier: Tier, action: &str, phrases: &[&str]) -> Rule {
        Rule {
            id: id.to_string(),
            title: title.to_string(),
            tier,
            action: action.to_string(),
            phrases: phrases.iter().map(|s| s.to_string()).collect(),
            requires_any: vec![],
            requires_all: vec![],
            negations: vec![],
            number_checks: vec![],
            contacts: vec![],
            concepts: vec![],
        }
    }

    /// Is this a crisis rule (suicide or self-harm)? It wins ties and reads questions leniently.
    pub fn is_crisis(&self) -> bool {
        self.contacts.contains(&ContactKind::Crisis)
    }
}

/// The warning produced when a rule fires.
#[derive(Debug, Clone, PartialEq)]
pub struct TriageHit {
    /// Severity.
    pub tier: Tier,
    /// Rule (entry) id.
    pub rule_id: String,
    /// Entry title.
    pub title: String,
    /// The action to take.
    pub action: String,
    /// What in the text set it off: the rule phrase, the number read, or the groups' phrases.
    pub matched: String,
    /// Help lines the answer leads with.
    pub contacts: Vec<ContactKind>,
}

/// A phrase as a sequence of stems.
type Pattern = Vec<String>;

#[derive(Debug, Clone)]
struct Compiled {
    rule: Rule,
    /// (original phrase, stems)
    phrases: Vec<(String, Pattern)>,
    requires: Vec<Pattern>,
    /// Each group: (original phrase, stems).
    groups: Vec<Vec<(String, Pattern)>>,
    negations: Vec<Pattern>,
    concepts: Vec<CompiledConcept>,
}

impl Compiled {
    /// Apply `f` to every stem of every pattern.
    fn map_stems(&mut self, f: &dyn Fn(&mut String)) {
        let texts = self
            .phrases
            .iter_mut()
            .chain(self.groups.iter_mut().flatten());
        texts
            .map(|(_, p)| p)
            .chain(self.requires.iter_mut())
            .chain(self.negations.iter_mut())
            .flatten()
            .for_each(f);
        for c in &mut self.concepts {
            c.map_stems(f);
        }
    }

    /// Every stem of the rule's phrases, groups, context words, negations and concepts.
    fn stems(&self) -> impl Iterator<Item = &String> {
        let texts = self.phrases.iter().chain(self.groups.iter().flatten());
        texts
            .map(|(_, p)| p)
            .chain(&self.requires)
            .chain(&self.negations)
            .flatten()
            .chain(self.concepts.iter().flat_map(CompiledConcept::stems))
    }
}

/// The compiled rule set.
#[derive(Debug, Clone)]
pub struct Triage {
    rules: Vec<Compiled>,
    /// Every stem the rules are written in: misspelt words are read toward them.
    vocabulary: Vocabulary,
}

/// Extra words allowed between two words of a phrase ("can't really breathe").
const MAX_GAP: usize = 1;

fn pattern(text: &str) -> Pattern {
    tokenize(text).into_iter().map(|t| t.stem).collect()
}

fn with_text(list: &[String]) -> Vec<(String, Pattern)> {
    list.iter()
        .map(|p| (p.clone(), pattern(p)))
        .filter(|(_, p)| !p.is_empty())
        .collect()
}

impl Triage {
    /// Compile rules (phrases are normalised and stemmed once).
    pub fn new(rules: Vec<Rule>) -> Triage {
        Triage::with_aliases(rules, Aliases::default())
    }

    /// Compile rules, reading every alias (in the rules and in the text) as the medicine name
    /// it stands for.
    pub fn with_aliases(rules: Vec<Rule>, aliases: Aliases) -> Triage {
        let compile = |list: &[String]| -> Vec<Pattern> {
            list.iter()
                .map(|p| pattern(p))
                .filter(|p| !p.is_empty())
                .collect()
        };
        let rules = rules
            .into_iter()
            .map(|rule| Compiled {
                phrases: with_text(&rule.phrases),
                requires: compile(&rule.requires_any),
                groups: rule
                    .requires_all
                    .iter()
                    .map(|g| with_text(g))
                    .filter(|g| !g.is_empty())
                    .collect(),
                negations: compile(&rule.negations),
                concepts: rule.concepts.iter().map(CompiledConcept::new).collect(),
                rule,
            })
            .collect::<Vec<Compiled>>();
        let mut rules = rules;
        if !aliases.is_empty() {
            for c in &mut rules {
                c.map_stems(&|s: &mut String| aliases.canon(s));
            }
        }
        let vocabulary = Vocabulary::new(rules.iter().flat_map(Compiled::stems), aliases);
        Triage { rules, vocabulary }
    }

    /// The rules, as given.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().map(|c| &c.rule)
    }

    /// The most severe urgent-or-emergency warning the text raises, if any.
    pub fn check(&self, text: &str) -> Option<TriageHit> {
        self.highest(text, Tier::Urgent)
    }

    /// The most severe warning of any tier, "discuss" included (worth raising at the next
    /// visit: shown as a pointer, never as a warning).
    pub fn check_all(&self, text: &str) -> Option<TriageHit> {
        self.highest(text, Tier::Discuss)
    }

    fn highest(&self, text: &str, floor: Tier) -> Option<TriageHit> {
        // One-slip spelling tolerance is for English text: Spanish words are often one slip
        // from an English rule word ("suicidio").
        let english = crate::lang::detect(text) != crate::lang::Lang::Es;
        let tokens = self.vocabulary.correct(tokenize(text), english);
        let readings = read_quantities(&tokens);
        // The highest tier wins, a crisis rule among equals, then knowledge-base order.
        let rank = |r: &Rule| (r.tier, r.is_crisis());
        let mut best: Option<(Tier, bool, TriageHit)> = None;
        for c in self.rules.iter().filter(|c| c.rule.tier >= floor) {
            if best
                .as_ref()
                .is_some_and(|(t, crisis, _)| (*t, *crisis) >= rank(&c.rule))
            {
                continue;
            }
            if let Some(matched) = fires(c, &tokens, &readings) {
                let hit = TriageHit {
                    tier: c.rule.tier,
                    rule_id: c.rule.id.clone(),
                    title: c.rule.title.clone(),
                    action: c.rule.action.clone(),
                    matched,
                    contacts: c.rule.contacts.clone(),
                };
                best = Some((c.rule.tier, c.rule.is_crisis(), hit));
            }
        }
        best.map(|(_, _, hit)| hit)
    }
}

/// What made the compiled rule fire on these tokens, if it does.
fn fires(c: &Compiled, tokens: &[Token], readings: &[Reading]) -> Option<String> {
    let verdict = number_verdict(&c.rule.number_checks, readings);
    if verdict.blocked {
        // A measured value outside the range outweighs the word ("fever of 37.4").
        return None;
    }
    let lenient = c.rule.is_crisis();
    let live = |span: (usize, usize)| !negated(span, tokens, &c.negations);
    // Every group needs a live match: (sentence, reported, phrase) of each.
    let mut group_spans: Vec<Vec<(usize, bool, &str)>> = Vec::new();
    for group in &c.groups {
        let spans: Vec<(usize, bool, &str)> = group
            .iter()
            .flat_map(|(text, p)| {
                find_all(p, tokens)
                    .into_iter()
                    .filter(|s| live(*s))
                    .map(move |s| (s, text.as_str()))
            })
            .map(|(s, text)| (tokens[s.0].sentence, reported(s, tokens, lenient), text))
            .collect();
        if spans.is_empty() {
            return None;
        }
        group_spans.push(spans);
    }
    // Groups that set a rule off on their own must meet in one sentence
    // ("I take methotrexate." and "tired every day" in a diary are two sentences).
    let groups_trigger = group_spans.first().and_then(|first| {
        first.iter().map(|g| g.0).find_map(|sentence| {
            let picks: Vec<&(usize, bool, &str)> = group_spans
                .iter()
                .map(|spans| spans.iter().find(|x| x.0 == sentence))
                .collect::<Option<Vec<_>>>()?;
            // Every group must be reported in that sentence: "I take methotrexate once a week,
            // but why is daily dosing dangerous" asks about the daily dose, it reports none.
            let reported = group_spans
                .iter()
                .all(|spans| spans.iter().any(|x| x.0 == sentence && x.1));
            reported.then(|| picks.iter().map(|x| x.2).collect::<Vec<_>>().join(" + "))
        })
    });
    let phrase = c.phrases.iter().find(|(_, p)| {
        find_all(p, tokens)
            .into_iter()
            .any(|span| live(span) && reported(span, tokens, lenient))
    });
    let reading = verdict
        .passed
        .iter()
        .map(|&k| readings[k].at)
        .find(|&at| reading_reported(at, tokens));
    let concept = || {
        c.concepts
            .iter()
            .find_map(|k| k.fires(tokens, &c.negations, lenient))
    };
    let trigger = match (phrase, reading) {
        (Some((text, _)), _) => text.clone(),
        (None, Some(at)) => tokens[at].word.clone(),
        (None, None) => match groups_trigger.filter(|_| c.phrases.is_empty()) {
            Some(g) => g,
            None => concept()?,
        },
    };
    let context_ok = c.requires.is_empty()
        || verdict.pass()
        || c.requires.iter().any(|p| !find_all(p, tokens).is_empty());
    context_ok.then_some(trigger)
}

/// Every span (first, last token index) where the pattern occurs, within one sentence.
pub(crate) fn find_all(pattern: &[String], tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let Some(first) = pattern.first() else {
        return spans;
    };
    for start in 0..tokens.len() {
        if &tokens[start].stem != first {
            continue;
        }
        let mut at = start;
        let mut ok = true;
        for want in &pattern[1..] {
            let next = (at + 1..=at + 1 + MAX_GAP)
                .take_while(|&j| j < tokens.len() && tokens[j].sentence == tokens[start].sentence)
                .find(|&j| &tokens[j].stem == want);
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
