//! HAQ-DI: the Stanford Health Assessment Questionnaire Disability Index.
//!
//! Each of 20 items is answered 0-3. A category scores its highest answered item; an aid or
//! device, or help from another person, raises the category to at least 2. HAQ-DI is the sum of
//! the category scores divided by the number of answered categories, computed only when at least
//! the definition's minimum (6 of 8, partial) were answered. The exact fraction is kept; the
//! index is reported in thousandths, rounded half up (k/8 is always exact in thousandths, so with
//! 8 categories this is the conventional 0.125 step).

use serde::Deserialize;

use crate::def::{DefError, MetaDef, Sources, parse_toml};
use crate::explain::{Explanation, InvalidInput, Meta, Tenths, Value};

/// The embedded definition file.
pub const DEF_TOML: &str = include_str!("../defs/haq-di.toml");
/// Instrument id.
pub const ID: &str = "haq-di";
/// Number of categories.
pub const CATEGORIES: usize = 8;

const SOURCES: [&str; 6] = [
    "categories_and_scale",
    "items_per_category",
    "category_score_rule",
    "aids_rule",
    "divisor_rule",
    "minimum_categories",
];
const CATEGORY_IDS: [&str; CATEGORIES] = [
    "dressing_grooming",
    "arising",
    "eating",
    "walking",
    "hygiene",
    "reach",
    "grip",
    "activities",
];
/// Number of items on the questionnaire.
const ITEM_COUNT: usize = 20;

/// The answers of one category; `None` means the item was not answered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CategoryInput {
    /// Item answers in the definition's order.
    pub items: Vec<Option<i64>>,
    /// An aid or device is used for this category's activities.
    pub aid_or_device: bool,
    /// Help from another person is needed for this category's activities.
    pub help_from_person: bool,
}

/// One questionnaire: the 8 categories in questionnaire order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Input {
    /// Categories in the definition's order.
    pub categories: [CategoryInput; CATEGORIES],
}

/// One item of the definition.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    /// Input field name.
    pub id: String,
    /// Short paraphrase of the question.
    pub label: String,
}

/// One category of the definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryDef {
    /// Input field name.
    pub id: String,
    /// Label.
    pub label: String,
    /// Examples of aids and devices for this category.
    pub aids: String,
    /// Its items.
    pub items: Vec<ItemDef>,
}

/// The parsed, validated definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Def {
    /// Identity, citation, status.
    pub meta: Meta,
    /// Highest item answer (3 = unable to do).
    pub item_max: i64,
    /// Minimum category score when an aid, device or help is used.
    pub aids_floor: i64,
    /// Fewest answered categories for which HAQ-DI is computed.
    pub min_answered_categories: usize,
    /// The categories in questionnaire order.
    pub categories: [CategoryDef; CATEGORIES],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    meta: MetaDef,
    sources: Sources,
    scoring: RawScoring,
    category: Vec<RawCategory>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScoring {
    item_max: i64,
    aids_floor: i64,
    min_answered_categories: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: String,
    label: String,
    aids: String,
    items: Vec<ItemDef>,
}

impl Def {
    /// Parses and validates a definition file: 8 categories in order, 20 items, a floor within
    /// the item range and a minimum between 1 and 8.
    pub fn parse(src: &str) -> Result<Def, DefError> {
        let raw: Raw = parse_toml(ID, src)?;
        let ids: Vec<&str> = raw.category.iter().map(|c| c.id.as_str()).collect();
        if ids != CATEGORY_IDS {
            return Err(DefError::invalid(
                ID,
                format!("categories must be {CATEGORY_IDS:?} in that order, got {ids:?}"),
            ));
        }
        let items: usize = raw.category.iter().map(|c| c.items.len()).sum();
        if items != ITEM_COUNT || raw.category.iter().any(|c| c.items.is_empty()) {
            return Err(DefError::invalid(
                ID,
                format!("need {ITEM_COUNT} items, each category at least one; got {items}"),
            ));
        }
        let s = &raw.scoring;
        let floor_ok = 0 < s.aids_floor && s.aids_floor <= s.item_max;
        if !floor_ok || !(1..=CATEGORIES).contains(&s.min_answered_categories) {
            return Err(DefError::invalid(
                ID,
                "need 0 < aids_floor <= item_max and 1 <= min_answered_categories <= 8",
            ));
        }
        let meta = raw.meta.build(ID, &raw.sources, &SOURCES)?;
        let categories: Vec<CategoryDef> = raw
            .category
            .into_iter()
            .map(|c| CategoryDef {
                id: c.id,
                label: c.label,
                aids: c.aids,
                items: c.items,
            })
            .collect();
        Ok(Def {
            meta,
            item_max: s.item_max,
            aids_floor: s.aids_floor,
            min_answered_categories: s.min_answered_categories,
            categories: categories
                .try_into()
                .unwrap_or_else(|_| unreachable!("length checked")),
        })
    }
}

/// Checks that each category has its items and every answer is within 0-3.
pub fn validate(def: &Def, input: &Input) -> Result<(), InvalidInput> {
    for (cat, answers) in def.categories.iter().zip(&input.categories) {
        if answers.items.len() != cat.items.len() {
            return Err(InvalidInput::new(
                &cat.id,
                format!("{} item answers given", answers.items.len()),
                format!("{} items", cat.items.len()),
            ));
        }
        for (item, answer) in cat.items.iter().zip(&answers.items) {
            if let Some(a) = answer
                && !(0..=def.item_max).contains(a)
            {
                return Err(InvalidInput::new(
                    format!("{}.{}", cat.id, item.id),
                    format!("{a} is out of range"),
                    format!(
                        "an integer 0 to {} (0 no difficulty .. {} unable), or null (not answered)",
                        def.item_max, def.item_max
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// The score of one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategoryScore {
    /// Highest answered item.
    pub highest_item: i64,
    /// True when an aid, device or help raised the score.
    pub raised_by_aids: bool,
    /// The category score (0-3).
    pub score: i64,
}

/// A self-explaining result.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<'c> {
    /// Per category in questionnaire order; `None` when no item of it was answered.
    pub categories: [Option<CategoryScore>; CATEGORIES],
    /// Sum of the answered category scores.
    pub sum: i64,
    /// Number of answered categories (the divisor).
    pub answered: usize,
    /// HAQ-DI in thousandths (rounded half up), only when enough categories were answered.
    pub haq_di_thousandths: Option<i64>,
    /// Contributions, missing items, warnings, citation, status.
    pub explanation: Explanation<'c>,
}

/// The category rule: highest answered item, raised to the aids floor when an aid, device or help
/// is used. `None` when nothing in the category was answered.
pub fn category_score(def: &Def, answers: &CategoryInput) -> Option<CategoryScore> {
    let highest_item = answers.items.iter().flatten().copied().max()?;
    let aided = answers.aid_or_device || answers.help_from_person;
    let score = if aided {
        highest_item.max(def.aids_floor)
    } else {
        highest_item
    };
    Some(CategoryScore {
        highest_item,
        raised_by_aids: score > highest_item,
        score,
    })
}

/// `sum / n` in thousandths, rounded half up (both are non-negative, `n > 0`).
fn thousandths(sum: i64, n: i64) -> i64 {
    (2 * 1000 * sum + n) / (2 * n)
}

/// Scores one questionnaire.
pub fn score<'c>(def: &'c Def, input: &Input) -> Result<Outcome<'c>, InvalidInput> {
    validate(def, input)?;
    let mut ex = Explanation::new(&def.meta);
    let mut categories = [None; CATEGORIES];
    for (i, (cat, answers)) in def.categories.iter().zip(&input.categories).enumerate() {
        categories[i] = explain_category(def, cat, answers, &mut ex);
    }
    let answered_scores: Vec<i64> = categories.iter().flatten().map(|c| c.score).collect();
    let (sum, answered) = (answered_scores.iter().sum(), answered_scores.len());
    let computable = answered >= def.min_answered_categories;
    if !computable {
        ex.warn(format!(
            "HAQ-DI not computed: {answered} of {CATEGORIES} categories answered, at least {} needed",
            def.min_answered_categories
        ));
    } else if answered < CATEGORIES {
        ex.warn(format!("HAQ-DI averaged over the {answered} answered categories (divisor {answered}, not {CATEGORIES})"));
    }
    Ok(Outcome {
        categories,
        sum,
        answered,
        haq_di_thousandths: computable.then(|| thousandths(sum, answered as i64)),
        explanation: ex,
    })
}

/// Scores one category and records its items, its score and what is missing.
fn explain_category<'c>(
    def: &Def,
    cat: &'c CategoryDef,
    answers: &CategoryInput,
    ex: &mut Explanation<'c>,
) -> Option<CategoryScore> {
    let Some(result) = category_score(def, answers) else {
        ex.missing(&cat.id);
        if answers.aid_or_device || answers.help_from_person {
            ex.warn(format!(
                "{}: aid or help reported but no item answered; the category is missing",
                cat.id
            ));
        }
        return None;
    };
    for (item, answer) in cat.items.iter().zip(&answers.items) {
        let id = format!("{}.{}", cat.id, item.id);
        match answer {
            Some(a) => ex.add(id, &item.label, Value::Int(*a), None),
            None => ex.missing(id),
        }
    }
    let mut value = format!("highest item {}", result.highest_item);
    if result.raised_by_aids {
        value += &format!("; aid, device or help raises it to {}", result.score);
    }
    ex.add(
        &cat.id,
        &cat.label,
        Value::Text(value),
        Some(Tenths(result.score as i32 * 10)),
    );
    Some(result)
}
