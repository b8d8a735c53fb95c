//! Deterministic red-flag triage: runs on every question before anything else.
//!
//! Rules are data (built from the knowledge base's `[red_flag]` tables). A rule fires when one of
//! its phrases appears in the text, is not negated ("no fever", "not short of breath"), any
//! required context is present (a drug word for "fever on immunosuppressants", or a measured
//! temperature over the threshold), and the sentence reads as a report of something happening
//! rather than a general question ("why do people choke with myositis"). The most severe tier
//! wins. When in doubt between report and question, a sentence with a person in it is a report.

use crate::text::{Token, tokenize};

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
}

/// Temperature unit of a number check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TempUnit {
    /// Degrees Celsius.
    Celsius,
    /// Degrees Fahrenheit.
    Fahrenheit,
}

/// "Fire when the quantity found in the text is at least this value."
#[derive(Debug, Clone, PartialEq)]
pub struct NumberCheck {
    /// What is measured.
    pub quantity: Quantity,
    /// Threshold, inclusive.
    pub at_least: f64,
    /// Unit of the threshold (temperature only; Celsius when absent).
    pub unit: Option<TempUnit>,
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
    /// Phrases that cancel a trigger they overlap ("no trouble breathing").
    pub negations: Vec<String>,
    /// Optional numeric checks.
    pub number_checks: Vec<NumberCheck>,
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
    /// What in the text set it off: the rule phrase, or the number read.
    pub matched: String,
}

/// A phrase as a sequence of stems.
type Pattern = Vec<String>;

#[derive(Debug, Clone)]
struct Compiled {
    rule: Rule,
    /// (original phrase, stems)
    phrases: Vec<(String, Pattern)>,
    requires: Vec<Pattern>,
    negations: Vec<Pattern>,
}

/// The compiled rule set.
#[derive(Debug, Clone)]
pub struct Triage {
    rules: Vec<Compiled>,
}

/// Extra words allowed between two words of a phrase ("can't really breathe").
const MAX_GAP: usize = 1;
/// How far before a trigger a negation word still applies ("I do not have a fever").
const NEGATION_WINDOW: usize = 3;
const NEGATION_CUES: &[&str] = &["no", "not", "never", "without", "nor", "deni", "free"];
/// Words that end a negation's reach ("no energy and can't breathe").
const SCOPE_BREAKS: &[&str] = &["and", "but", "then", "now", "so"];

/// Words that open a general question or a request for information.
const QUESTION_STARTS: &[&str] = &[
    "what", "why", "how", "doe", "do", "did", "is", "ar", "are", "can", "could", "should", "would",
    "will", "when", "which", "who", "where", "tell", "explain", "describ", "defin", "info",
    "inform", "ani", "anyon", "ha", "wa", "were", "learn", "read",
];
/// Words that put a real person (the writer or someone they care for) in the sentence.
const PERSON_WORDS: &[&str] = &[
    "i",
    "me",
    "my",
    "mine",
    "myself",
    "we",
    "us",
    "our",
    "he",
    "she",
    "him",
    "hi",
    "her",
    "mum",
    "mom",
    "mummi",
    "dad",
    "daddi",
    "father",
    "mother",
    "son",
    "daughter",
    "husband",
    "hubbi",
    "wife",
    "partner",
    "child",
    "kid",
    "babi",
    "boi",
    "girl",
    "grandma",
    "grandmoth",
    "grandad",
    "grandfath",
    "grandpa",
    "granni",
    "nan",
    "brother",
    "sister",
    "friend",
    "toddler",
    "teen",
    "children",
    "parent",
];
/// In a question, these mark a hypothetical or general framing, not a report.
const HYPOTHETICAL: &[&str] = &[
    "if", "whether", "ever", "risk", "prevent", "avoid", "chanc", "caus", "check", "monitor",
    "side",
];
/// "can I …", "should we …": a question about the writer's own next step.
const MODALS: &[&str] = &[
    "can", "could", "should", "may", "shall", "would", "will", "do", "must",
];
/// "tell me", "show me": the "me" is not a person in trouble.
const REQUEST_VERBS: &[&str] = &["tell", "show", "give", "explain", "help", "teach"];

impl Triage {
    /// Compile rules (phrases are normalised and stemmed once).
    pub fn new(rules: Vec<Rule>) -> Triage {
        let compile = |list: &[String]| -> Vec<Pattern> {
            list.iter()
                .map(|p| tokenize(p).into_iter().map(|t| t.stem).collect::<Pattern>())
                .filter(|p| !p.is_empty())
                .collect()
        };
        let rules = rules
            .into_iter()
            .map(|rule| Compiled {
                phrases: rule
                    .phrases
                    .iter()
                    .map(|p| {
                        (
                            p.clone(),
                            tokenize(p).into_iter().map(|t| t.stem).collect::<Pattern>(),
                        )
                    })
                    .filter(|(_, p)| !p.is_empty())
                    .collect(),
                requires: compile(&rule.requires_any),
                negations: compile(&rule.negations),
                rule,
            })
            .collect();
        Triage { rules }
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
        let tokens = tokenize(text);
        let readings = read_quantities(&tokens);
        // First rule of the highest tier wins (rules keep knowledge-base order).
        let mut best: Option<TriageHit> = None;
        for c in self.rules.iter().filter(|c| c.rule.tier >= floor) {
            if best.as_ref().is_some_and(|b| b.tier >= c.rule.tier) {
                continue;
            }
            if let Some(matched) = fires(c, &tokens, &readings) {
                best = Some(TriageHit {
                    tier: c.rule.tier,
                    rule_id: c.rule.id.clone(),
                    title: c.rule.title.clone(),
                    action: c.rule.action.clone(),
                    matched,
                });
            }
        }
        best
    }
}

/// What made the compiled rule fire on these tokens, if it does.
fn fires(c: &Compiled, tokens: &[Token], readings: &[Reading]) -> Option<String> {
    let numbers = number_verdict(&c.rule.number_checks, readings);
    if numbers == Some(false) {
        // A measured value below the threshold outweighs the word ("fever of 37.4").
        return None;
    }
    let number_pass = numbers == Some(true);
    let phrase = c.phrases.iter().find(|(_, p)| {
        find_all(p, tokens)
            .into_iter()
            .any(|span| !negated(span, tokens, &c.negations) && reported(span, tokens))
    });
    let trigger = match phrase {
        Some((text, _)) => text.clone(),
        None => readings
            .iter()
            .find(|r| number_pass && reported((r.at, r.at), tokens))
            .map(|r| tokens[r.at].word.clone())?,
    };
    let context_ok = c.requires.is_empty()
        || number_pass
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

/// Is the trigger at `span` negated by a cue word just before it or by a rule negation phrase?
fn negated(span: (usize, usize), tokens: &[Token], negations: &[Pattern]) -> bool {
    let (start, end) = span;
    let clause = tokens[start].clause;
    for back in 1..=NEGATION_WINDOW.min(start) {
        let t = &tokens[start - back];
        if t.clause != clause || SCOPE_BREAKS.contains(&t.word.as_str()) {
            break;
        }
        if NEGATION_CUES.contains(&t.stem.as_str()) {
            return true;
        }
    }
    negations.iter().any(|n| {
        find_all(n, tokens)
            .into_iter()
            .any(|(ns, ne)| ns <= end && ne >= start)
    })
}

/// Does the clause holding `span` report something happening to someone, rather than ask a
/// general question about it?
///
/// A clause that is a statement or a fragment ("can't breathe!!", "my dad is choking") is a
/// report. A clause that opens with "if"/"whether" is hypothetical. A question ("why do people
/// choke with myositis") is a report only when it names a person, frames nothing as a risk or
/// a hypothesis, and does not ask about the writer's own next step ("can I stop…").
fn reported(span: (usize, usize), tokens: &[Token]) -> bool {
    let clause = tokens[span.0].clause;
    let words: Vec<&Token> = tokens.iter().filter(|t| t.clause == clause).collect();
    let first = |k: usize| words.get(k).map_or("", |t| t.stem.as_str());
    if matches!(first(0), "if" | "whether" | "incas") {
        return false;
    }
    if hearsay_or_worry_or_past(&words) {
        return false;
    }
    let question_led = QUESTION_STARTS.contains(&first(0));
    if !question_led {
        return true;
    }
    if MODALS.contains(&first(0)) && matches!(first(1), "i" | "we") {
        return false;
    }
    let person = words.iter().enumerate().any(|(i, t)| {
        PERSON_WORDS.contains(&t.stem.as_str())
            && !(t.word == "me" && i > 0 && REQUEST_VERBS.contains(&words[i - 1].stem.as_str()))
    });
    let hypothetical = words
        .iter()
        .any(|t| HYPOTHETICAL.contains(&t.stem.as_str()));
    person && !hypothetical
}

/// Clauses that talk about a symptom without reporting it now: second-hand facts about other
/// people ("I read that people with MDA5 can't breathe"), worries about a possible future ("I'm
/// worried I might get a fever"), and events a month or more ago ("last year he had a fever").
/// "I'm afraid I might be having a heart attack" is still a report (modal + "be").
fn hearsay_or_worry_or_past(words: &[&Token]) -> bool {
    let has = |list: &[&str]| words.iter().any(|t| list.contains(&t.stem.as_str()));
    let hearsay = has(&[
        "read", "heard", "told", "learn", "learnt", "articl", "onlin", "googl",
    ]) && has(&[
        "peopl", "patient", "someon", "anyon", "person", "other", "somebodi",
    ]);
    let modal_not_be = words.windows(2).any(|w| {
        matches!(w[0].stem.as_str(), "might" | "could" | "may" | "will") && w[1].stem != "be"
    });
    let worry = has(&["worri", "afraid", "scare", "concern", "fear", "nervou"]) && modal_not_be;
    let long_ago = words.windows(2).any(|w| {
        (w[0].stem == "last"
            && matches!(w[1].stem.as_str(), "year" | "month" | "winter" | "summer"))
            || (matches!(w[0].stem.as_str(), "year" | "month") && w[1].stem == "ago")
    });
    hearsay || worry || long_ago
}

/// A number read from the text, with what it measures.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Reading {
    quantity: Quantity,
    value: f64,
    unit: Option<TempUnit>,
    /// Token index of the number.
    at: usize,
}

const TEMP_CONTEXT: &[&str] = &[
    "temp",
    "temperatur",
    "fever",
    "degre",
    "thermomet",
    "run",
    "feverish",
    "hot",
];
/// Stems that make a number after them (within [`GLUCOSE_WINDOW`] words) a glucose reading.
const GLUCOSE_CONTEXT: &[&str] = &["sugar", "glucos", "bg", "bsl", "bgl"];
const GLUCOSE_WINDOW: usize = 5;
/// Words after a number that say it is not a glucose reading ("25 grams of sugar").
const NOT_GLUCOSE: &[&str] = &[
    "g",
    "gm",
    "gram",
    "grams",
    "kg",
    "mcg",
    "ml",
    "oz",
    "lb",
    "lbs",
    "pound",
    "pounds",
    "teaspoon",
    "teaspoons",
    "tsp",
    "tbsp",
    "spoon",
    "spoons",
    "cup",
    "cups",
    "cube",
    "cubes",
    "percent",
    "calories",
    "kcal",
    "carb",
    "carbs",
    "unit",
    "units",
    "time",
    "times",
    "x",
    "am",
    "pm",
    "hour",
    "hours",
    "minute",
    "minutes",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "pill",
    "pills",
    "tablet",
    "tablets",
];
/// mg/dL per mmol/L of glucose: the conventional factor from glucose's molar mass (180.16
/// g/mol), status partial. It is the tracker's cited factor (`crates/tracker/rules/reference.toml`,
/// mmol/L → mg/dL); a test in `myo-web` keeps the two equal.
pub const MG_DL_PER_MMOL_L: f64 = 18.016;

/// The number at token `i` as a glucose reading in mg/dL, if it is one: a glucose unit after it
/// (`mg/dL`, `mmol`), or a glucose word shortly before it and no other unit after it. Without a
/// unit, below 35 is read as mmol/L (no one reads 35 mg/dL at home and types it so).
fn glucose_mg_dl(tokens: &[Token], i: usize, value: f64) -> Option<f64> {
    let next = |k: usize| tokens.get(i + k).map(|x| x.word.as_str()).unwrap_or("");
    let mmol = |v: f64| v * MG_DL_PER_MMOL_L;
    match (next(1), next(2)) {
        ("mmol", _) | ("mmol/l", _) => return Some(mmol(value)),
        ("mg", "dl") | ("mgdl", _) | ("mg/dl", _) => return Some(value),
        ("mg", _) => return None, // a dose
        (w, _) if NOT_GLUCOSE.contains(&w) => return None,
        _ => {}
    }
    let t = &tokens[i];
    let context = tokens[i.saturating_sub(GLUCOSE_WINDOW)..i]
        .iter()
        .any(|x| x.sentence == t.sentence && GLUCOSE_CONTEXT.contains(&x.stem.as_str()));
    match value {
        _ if !context => None,
        v if v < 35.0 => Some(mmol(v)),
        v if v <= 1500.0 => Some(v),
        _ => None,
    }
}

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("ten", 10.0),
];

/// Read temperatures, day counts, pulse rates and glucose readings from the tokens.
fn read_quantities(tokens: &[Token]) -> Vec<Reading> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let value = t.word.parse::<f64>().ok().or_else(|| {
            NUMBER_WORDS
                .iter()
                .find(|(w, _)| *w == t.word)
                .map(|(_, v)| *v)
        });
        let Some(value) = value else { continue };
        let next = |k: usize| tokens.get(i + k).map(|x| x.word.as_str()).unwrap_or("");
        let unit_word = if next(1) == "degrees" || next(1) == "deg" {
            next(2)
        } else {
            next(1)
        };
        let explicit = match unit_word {
            "c" | "celsius" | "centigrade" => Some(TempUnit::Celsius),
            "f" | "fahrenheit" => Some(TempUnit::Fahrenheit),
            _ => None,
        };
        let same_sentence = tokens.iter().filter(|x| x.sentence == t.sentence);
        let temp_context = same_sentence
            .clone()
            .any(|x| TEMP_CONTEXT.contains(&x.stem.as_str()));
        if let Some(unit) = explicit.filter(|_| t.word.parse::<f64>().is_ok()) {
            out.push(Reading {
                quantity: Quantity::Temperature,
                value,
                unit: Some(unit),
                at: i,
            });
        } else if temp_context && (34.0..=43.5).contains(&value) {
            out.push(Reading {
                quantity: Quantity::Temperature,
                value,
                unit: Some(TempUnit::Celsius),
                at: i,
            });
        } else if temp_context && (93.0..=110.0).contains(&value) {
            out.push(Reading {
                quantity: Quantity::Temperature,
                value,
                unit: Some(TempUnit::Fahrenheit),
                at: i,
            });
        } else if matches!(next(1), "day" | "days") {
            out.push(Reading {
                quantity: Quantity::Days,
                value,
                unit: None,
                at: i,
            });
        } else if matches!(next(1), "bpm" | "beats")
            || (same_sentence
                .clone()
                .any(|x| matches!(x.stem.as_str(), "puls" | "heartbeat"))
                && (40.0..=250.0).contains(&value))
        {
            out.push(Reading {
                quantity: Quantity::Pulse,
                value,
                unit: None,
                at: i,
            });
        } else if let Some(mg_dl) = t
            .word
            .parse::<f64>()
            .ok()
            .and_then(|v| glucose_mg_dl(tokens, i, v))
        {
            out.push(Reading {
                quantity: Quantity::Glucose,
                value: mg_dl,
                unit: None,
                at: i,
            });
        }
    }
    out
}

/// `Some(true)` when a reading passes one of the checks, `Some(false)` when readings of the
/// checked quantities exist but none passes, `None` when there is nothing to check.
fn number_verdict(checks: &[NumberCheck], readings: &[Reading]) -> Option<bool> {
    let mut seen = false;
    for check in checks {
        for r in readings.iter().filter(|r| r.quantity == check.quantity) {
            seen = true;
            let value = match (
                check.quantity,
                r.unit,
                check.unit.unwrap_or(TempUnit::Celsius),
            ) {
                (Quantity::Temperature, Some(TempUnit::Fahrenheit), TempUnit::Celsius) => {
                    (r.value - 32.0) * 5.0 / 9.0
                }
                (Quantity::Temperature, Some(TempUnit::Celsius), TempUnit::Fahrenheit) => {
                    r.value * 9.0 / 5.0 + 32.0
                }
                _ => r.value,
            };
            // Rounding guard so 100.4 °F counts as 38.0 °C.
            if value + 1e-6 >= check.at_least {
                return Some(true);
            }
        }
    }
    seen.then_some(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: &str, tier: Tier, phrases: &[&str]) -> Rule {
        Rule {
            id: id.into(),
            title: id.into(),
            tier,
            action: format!("act on {id}"),
            phrases: phrases.iter().map(|s| s.to_string()).collect(),
            requires_any: vec![],
            negations: vec![],
            number_checks: vec![],
        }
    }

    fn engine() -> Triage {
        let mut fever = rule("fever", Tier::Urgent, &["fever", "high temperature"]);
        fever.requires_any = vec!["methotrexate".into(), "prednisone".into()];
        fever.number_checks = vec![NumberCheck {
            quantity: Quantity::Temperature,
            at_least: 38.0,
            unit: Some(TempUnit::Celsius),
        }];
        let mut breath = rule(
            "breath",
            Tier::Emergency,
            &["can't breathe", "short of breath"],
        );
        breath.negations = vec!["breathing is fine".into()];
        Triage::new(vec![
            fever,
            breath,
            rule("choke", Tier::Emergency, &["choking"]),
            rule("cough", Tier::Urgent, &["new cough"]),
        ])
    }

    fn tier(text: &str) -> Option<Tier> {
        engine().check(text).map(|h| h.tier)
    }

    /// A high-sugar rule with a 300 mg/dL check, as in the knowledge base.
    fn sugar_tier(text: &str) -> Option<Tier> {
        let mut sugar = rule("sugar", Tier::Urgent, &["blood sugar is very high"]);
        sugar.number_checks = vec![NumberCheck {
            quantity: Quantity::Glucose,
            at_least: 300.0,
            unit: None,
        }];
        Triage::new(vec![sugar]).check(text).map(|h| h.tier)
    }

    #[test]
    fn glucose_numbers_are_read_in_either_unit() {
        let urgent = Some(Tier::Urgent);
        assert_eq!(sugar_tier("my sugar is 450"), urgent);
        assert_eq!(sugar_tier("blood glucose 350 mg/dL on prednisone"), urgent);
        assert_eq!(sugar_tier("my sugar was 22.4 mmol/L this evening"), urgent);
        assert_eq!(sugar_tier("sugar readings today: 180, 250, 320"), urgent);
        assert_eq!(
            sugar_tier("glucose is 18 since the steroid dose went up"),
            urgent
        );
        // Below the threshold, or not a reading at all.
        assert_eq!(sugar_tier("my sugar was 140 after lunch"), None);
        assert_eq!(sugar_tier("my blood sugar is 6.2 mmol/L"), None);
        assert_eq!(sugar_tier("is 25 grams of sugar a day too much"), None);
        assert_eq!(sugar_tier("I cut sugar to 25 g a day"), None);
        assert_eq!(sugar_tier("sugar free drinks 3 times a day"), None);
        assert_eq!(sugar_tier("I take 400 mg of something for my sugar"), None);
        // A measured value below the threshold outweighs the words.
        assert_eq!(sugar_tier("blood sugar is very high, 160"), None);
        assert_eq!(sugar_tier("blood sugar is very high"), urgent);
    }

    #[test]
    fn reports_fire() {
        assert_eq!(tier("I can't breathe"), Some(Tier::Emergency));
        assert_eq!(tier("cant breath!!"), Some(Tier::Emergency));
        assert_eq!(tier("help my dad is choking"), Some(Tier::Emergency));
        assert_eq!(
            tier("is it normal that I cannot breathe at night"),
            Some(Tier::Emergency)
        );
    }

    #[test]
    fn more_severe_tier_wins() {
        let hit = engine().check("new cough and now I can't breathe").unwrap();
        assert_eq!(hit.tier, Tier::Emergency);
        assert_eq!(hit.rule_id, "breath");
        assert_eq!(hit.action, "act on breath");
    }

    #[test]
    fn general_questions_do_not_fire() {
        assert_eq!(tier("why do people choke with myositis"), None);
        assert_eq!(tier("what does a fever have to do with methotrexate"), None);
        assert_eq!(tier("how can I lower my risk of choking when eating"), None);
        assert_eq!(tier("tell me about choking in dm"), None);
        assert_eq!(tier("can I take methotrexate if I get a fever"), None);
        assert_eq!(
            tier("if my temp is 39, what should I do on prednisone"),
            None
        );
    }

    #[test]
    fn hearsay_worries_and_old_events_do_not_fire() {
        assert_eq!(
            tier("I read that people with MDA5 can't breathe well"),
            None
        );
        assert_eq!(
            tier("I'm worried I might get a fever on methotrexate"),
            None
        );
        assert_eq!(tier("last year my son had a fever on methotrexate"), None);
        assert_eq!(tier("I'm scared I might be choking"), Some(Tier::Emergency));
        assert_eq!(
            tier("fever since last night on methotrexate"),
            Some(Tier::Urgent)
        );
    }

    #[test]
    fn a_report_in_another_clause_still_fires() {
        assert_eq!(
            tier("what should I do, my dad is choking"),
            Some(Tier::Emergency)
        );
        assert_eq!(
            tier("I have a fever, is that bad with methotrexate"),
            Some(Tier::Urgent)
        );
        assert_eq!(
            tier("what do I do my husband is choking"),
            Some(Tier::Emergency)
        );
    }

    #[test]
    fn negation_cancels() {
        assert_eq!(tier("no fever, I take methotrexate"), None);
        assert_eq!(tier("I don't have a fever on methotrexate"), None);
        assert_eq!(tier("I'm not short of breath"), None);
        assert_eq!(
            tier("I have no energy and I can't breathe"),
            Some(Tier::Emergency)
        );
        assert_eq!(tier("no fever, but I can't breathe"), Some(Tier::Emergency));
    }

    #[test]
    fn fever_needs_context_or_a_number() {
        assert_eq!(tier("my grandmother had a fever last year"), None);
        assert_eq!(
            tier("I have a fever and take methotrexate"),
            Some(Tier::Urgent)
        );
        assert_eq!(tier("I have a fever of 38.5"), Some(Tier::Urgent));
    }

    #[test]
    fn number_checks_convert_units() {
        assert_eq!(tier("temp is 101 F"), Some(Tier::Urgent));
        assert_eq!(tier("temp 100.4F"), Some(Tier::Urgent));
        assert_eq!(tier("temp 99.5 F on methotrexate"), None);
        assert_eq!(tier("running a fever of 38°C"), Some(Tier::Urgent));
        assert_eq!(tier("temperature 37.9 on prednisone"), None);
        assert_eq!(tier("fever 39 on prednisone"), Some(Tier::Urgent));
        assert_eq!(tier("my ck is 400 and I take prednisone"), None);
    }
}
