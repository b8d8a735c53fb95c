//! Numbers read from a question: temperatures, day counts, days since an event, pulse rates,
//! glucose and oxygen-saturation readings, and the verdict of a rule's number checks on them.

use super::{NumberCheck, Quantity, TempUnit};
use crate::text::Token;

/// A number read from the text, with what it measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Reading {
    pub(super) quantity: Quantity,
    pub(super) value: f64,
    pub(super) unit: Option<TempUnit>,
    /// Token index of the number.
    pub(super) at: usize,
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
/// Words that make a number after them (within [`SPO2_WINDOW`] words) an oxygen-saturation
/// reading: "sats 91", "SpO2 89", "oxygen is 90 %", "pulse ox says 92".
const SPO2_CONTEXT: &[&str] = &[
    "sat",
    "sats",
    "saturation",
    "saturations",
    "spo2",
    "sp02",
    "o2",
    "oxygen",
    "ox",
    "oximeter",
    "oximetry",
    "pulseox",
];
const SPO2_WINDOW: usize = 4;
/// Words after a number that say it is not a saturation ("oxygen at 2 litres").
const NOT_SPO2: &[&str] = &[
    "l", "litre", "litres", "liter", "liters", "lpm", "lpm.", "mins", "minutes", "hours", "days",
    "weeks", "bpm", "beats", "mg", "kg",
];
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

/// The number at token `i` as an oxygen saturation in percent, if it is one: a saturation word
/// shortly before it in the same sentence, a value between 50 and 100, and no other unit after.
fn oxygen_saturation(tokens: &[Token], i: usize, value: f64) -> Option<f64> {
    let next = tokens.get(i + 1).map(|x| x.word.as_str()).unwrap_or("");
    if NOT_SPO2.contains(&next) || !(50.0..=100.0).contains(&value) {
        return None;
    }
    let t = &tokens[i];
    let before = tokens[i.saturating_sub(SPO2_WINDOW)..i]
        .iter()
        .any(|x| x.sentence == t.sentence && SPO2_CONTEXT.contains(&x.word.as_str()));
    // Named just after it: "88 for my oxygen", "89 on the oximeter" (not "88 and on oxygen":
    // an age).
    let word = |k: usize| {
        tokens
            .get(i + k)
            .filter(|x| x.sentence == t.sentence)
            .map_or("", |x| x.word.as_str())
    };
    let after = matches!(word(1), "for" | "on" | "of")
        && (SPO2_CONTEXT.contains(&word(2)) || SPO2_CONTEXT.contains(&word(3)));
    (before || after).then_some(value)
}

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
];
/// Vague counts before a time unit in "a few weeks ago".
const VAGUE_COUNTS: &[(&str, f64)] = &[
    ("a", 1.0),
    ("an", 1.0),
    ("couple", 2.0),
    ("few", 3.0),
    ("several", 4.0),
];
/// Days in a time unit (months and years rounded down: the check is "within about N days").
const TIME_UNITS: &[(&str, f64)] = &[
    ("day", 1.0),
    ("days", 1.0),
    ("week", 7.0),
    ("weeks", 7.0),
    ("wk", 7.0),
    ("wks", 7.0),
    ("month", 30.0),
    ("months", 30.0),
    ("year", 365.0),
    ("years", 365.0),
];
/// Fixed phrases for how long ago: "yesterday", "last week".
const DAYS_AGO_PHRASES: &[(&[&str], f64)] = &[
    (&["yesterday"], 1.0),
    (&["last", "night"], 1.0),
    (&["last", "week"], 7.0),
    (&["last", "month"], 30.0),
    (&["last", "year"], 365.0),
];

/// "10 days ago", "a few weeks ago", "2 months since": the number of days, when the tokens
/// from `i` (a count) say how long ago something was.
fn days_ago_at(tokens: &[Token], i: usize) -> Option<f64> {
    let word = |k: usize| tokens.get(k).map(|x| x.word.as_str()).unwrap_or("");
    let count = word(i).parse::<f64>().ok().or_else(|| {
        NUMBER_WORDS
            .iter()
            .chain(VAGUE_COUNTS)
            .find(|(w, _)| *w == word(i))
            .map(|(_, v)| *v)
    })?;
    // "a couple of weeks ago", "a few weeks ago"
    let mut j = i + 1;
    if matches!(word(j), "couple" | "few") {
        return days_ago_at(tokens, j);
    }
    if word(j) == "of" {
        j += 1;
    }
    let per = TIME_UNITS.iter().find(|(w, _)| *w == word(j))?.1;
    matches!(word(j + 1), "ago" | "since" | "back").then_some(count * per)
}

/// Read temperatures, day counts, days ago, pulse rates, glucose and oxygen readings.
pub(super) fn read_quantities(tokens: &[Token]) -> Vec<Reading> {
    let mut out = Vec::new();
    let mut push = |quantity: Quantity, value: f64, unit: Option<TempUnit>, at: usize| {
        out.push(Reading {
            quantity,
            value,
            unit,
            at,
        });
    };
    for (i, t) in tokens.iter().enumerate() {
        for (words, days) in DAYS_AGO_PHRASES {
            let fits = words
                .iter()
                .enumerate()
                .all(|(k, w)| tokens.get(i + k).is_some_and(|x| x.word == *w));
            if fits {
                push(Quantity::DaysAgo, *days, None, i);
            }
        }
        if let Some(days) = days_ago_at(tokens, i) {
            push(Quantity::DaysAgo, days, None, i);
            continue;
        }
        let value = t.word.parse::<f64>().ok().or_else(|| {
            NUMBER_WORDS
                .iter()
                .find(|(w, _)| *w == t.word)
                .map(|(_, v)| *v)
        });
        let Some(value) = value else { continue };
        let numeric = t.word.parse::<f64>().is_ok();
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
        if let Some(unit) = explicit.filter(|_| numeric) {
            push(Quantity::Temperature, value, Some(unit), i);
        } else if let Some(spo2) = numeric
            .then(|| oxygen_saturation(tokens, i, value))
            .flatten()
        {
            push(Quantity::OxygenSaturation, spo2, None, i);
        } else if temp_context && (34.0..=43.5).contains(&value) {
            push(Quantity::Temperature, value, Some(TempUnit::Celsius), i);
        } else if temp_context && (93.0..=110.0).contains(&value) {
            push(Quantity::Temperature, value, Some(TempUnit::Fahrenheit), i);
        } else if matches!(next(1), "day" | "days") {
            push(Quantity::Days, value, None, i);
        } else if matches!(next(1), "bpm" | "beats")
            || (same_sentence
                .clone()
                .any(|x| matches!(x.stem.as_str(), "puls" | "heartbeat"))
                && (40.0..=250.0).contains(&value))
        {
            push(Quantity::Pulse, value, None, i);
        } else if let Some(mg_dl) = numeric.then(|| glucose_mg_dl(tokens, i, value)).flatten() {
            push(Quantity::Glucose, mg_dl, None, i);
        }
    }
    out
}

impl Quantity {
    /// Can a reading of this quantity, on its own, set a rule off? ("sats 88" can; "10 days
    /// ago" only narrows when a rule applies.)
    pub(super) fn triggers(self) -> bool {
        !matches!(self, Quantity::DaysAgo)
    }

    /// Does a reading outside the check's range cancel the rule's words? A measured value
    /// outweighs a word for temperature ("fever of 37.4"), glucose ("very high, 160"), pulse and
    /// time since an event; but a normal oxygen reading never cancels "I can't breathe".
    pub(super) fn outweighs_words(self) -> bool {
        !matches!(self, Quantity::OxygenSaturation)
    }
}

/// The verdict of a rule's number checks on the readings.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct NumberVerdict {
    /// Readings that passed a check of a quantity that can set the rule off.
    pub(super) passed: Vec<usize>,
    /// A check whose quantity outweighs words had readings, and none passed.
    pub(super) blocked: bool,
}

impl NumberVerdict {
    /// Did a triggering reading pass?
    pub(super) fn pass(&self) -> bool {
        !self.passed.is_empty()
    }
}

/// The value of reading `r` in the unit of `check`.
fn in_check_unit(check: &NumberCheck, r: &Reading) -> f64 {
    match (
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
    }
}

/// Apply every check to the readings of its quantity.
pub(super) fn number_verdict(checks: &[NumberCheck], readings: &[Reading]) -> NumberVerdict {
    let mut verdict = NumberVerdict::default();
    for check in checks {
        let mut seen = false;
        let mut any = false;
        for (k, r) in readings
            .iter()
            .enumerate()
            .filter(|(_, r)| r.quantity == check.quantity)
        {
            seen = true;
            let value = in_check_unit(check, r);
            // Rounding guard so 100.4 °F counts as 38.0 °C.
            let low_ok = check.at_least.is_none_or(|lo| value + 1e-6 >= lo);
            let high_ok = check.at_most.is_none_or(|hi| value - 1e-6 <= hi);
            if low_ok && high_ok {
                any = true;
                if check.quantity.triggers() && !check.narrows_only {
                    verdict.passed.push(k);
                }
            }
        }
        if seen && !any && check.quantity.outweighs_words() {
            verdict.blocked = true;
        }
    }
    verdict
}
