//! CMAS: Childhood Myositis Assessment Scale (Lovell et al.), 14 manoeuvres, total 0-52.
//!
//! The total is the sum of the 14 item scores, each range-checked against its own maximum. The
//! three timed items may be entered as whole seconds and are converted with the published bands
//! (a score is the number of band edges reached). Missing is not normal: an item not performed
//! leaves the total unreported, with the partial sum and the maximum still achievable; nothing is
//! prorated. Status `partial`: the maxima of items 7-14 come from a public implementation.

use serde::Deserialize;

use crate::def::{DefError, MetaDef, Sources, parse_toml};
use crate::explain::{Explanation, InvalidInput, Meta, Tenths, Value};

/// The embedded definition file.
pub const DEF_TOML: &str = include_str!("../defs/cmas.toml");
/// Instrument id.
pub const ID: &str = "cmas";
/// Number of items.
pub const ITEMS: usize = 14;

const SOURCES: [&str; 5] = [
    "items_1_to_6",
    "items_7_to_14",
    "total",
    "duration_bands",
    "arm_raise_duration_bands",
];
/// Item ids in sheet order (also the input field names).
pub const ITEM_IDS: [&str; ITEMS] = [
    "head_elevation",
    "leg_raise",
    "straight_leg_lift",
    "supine_to_prone",
    "sit_ups",
    "supine_to_sit",
    "arm_raise_straighten",
    "arm_raise_duration",
    "floor_sit",
    "all_fours",
    "floor_rise",
    "chair_rise",
    "stool_step",
    "pick_up",
];
/// Plausibility bound for timed entries (one hour); not a clinical number.
const SECONDS_MAX: i64 = 3600;

/// One item as entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entered {
    /// The item score.
    Score(i64),
    /// For timed items: the whole seconds the position was held.
    Seconds(i64),
}

/// One assessment: the 14 items in sheet order; `None` means not performed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Input {
    /// Items in sheet order (see the definition).
    pub items: [Option<Entered>; ITEMS],
}

/// One item of the definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDef {
    /// Input field name.
    pub id: String,
    /// Label.
    pub label: String,
    /// Highest score.
    pub max: i64,
    /// For timed items, the inclusive lower edge in seconds of each score from 1 up.
    pub seconds_from: Option<Vec<i64>>,
}

impl ItemDef {
    /// The score for a held duration: the number of band edges reached.
    pub fn score_seconds(&self, seconds: i64) -> Option<i64> {
        let edges = self.seconds_from.as_ref()?;
        Some(edges.iter().filter(|&&edge| seconds >= edge).count() as i64)
    }
}

/// The parsed, validated definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Def {
    /// Identity, citation, status.
    pub meta: Meta,
    /// Published maximum total.
    pub max_total: i64,
    /// Items in sheet order.
    pub items: [ItemDef; ITEMS],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    meta: MetaDef,
    sources: Sources,
    totals: RawTotals,
    item: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTotals {
    max: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    source: String,
    label: String,
    max: i64,
    seconds_from: Option<Vec<i64>>,
    seconds_source: Option<String>,
}

impl Def {
    /// Parses and validates a definition file: item ids in order, positive maxima summing to the
    /// published total, ascending time bands with one edge per score.
    pub fn parse(src: &str) -> Result<Def, DefError> {
        let raw: Raw = parse_toml(ID, src)?;
        let ids: Vec<&str> = raw.item.iter().map(|i| i.id.as_str()).collect();
        if ids != ITEM_IDS {
            return Err(DefError::invalid(
                ID,
                format!("items must be {ITEM_IDS:?} in that order, got {ids:?}"),
            ));
        }
        for item in &raw.item {
            check_item(item, &raw.sources)?;
        }
        let sum: i64 = raw.item.iter().map(|i| i.max).sum();
        if sum != raw.totals.max {
            return Err(DefError::invalid(
                ID,
                format!("item maxima sum to {sum}, not {}", raw.totals.max),
            ));
        }
        let meta = raw.meta.build(ID, &raw.sources, &SOURCES)?;
        let items: Vec<ItemDef> = raw
            .item
            .into_iter()
            .map(|i| ItemDef {
                id: i.id,
                label: i.label,
                max: i.max,
                seconds_from: i.seconds_from,
            })
            .collect();
        Ok(Def {
            meta,
            max_total: raw.totals.max,
            items: items
                .try_into()
                .unwrap_or_else(|_| unreachable!("length checked")),
        })
    }
}

fn check_item(item: &RawItem, sources: &Sources) -> Result<(), DefError> {
    let bad = |m: &str| Err(DefError::invalid(ID, format!("item {}: {m}", item.id)));
    if item.max <= 0 {
        return bad("max must be positive");
    }
    if !sources.contains_key(&item.source) {
        return bad("source names no [sources] part");
    }
    match (&item.seconds_from, &item.seconds_source) {
        (None, None) => Ok(()),
        (Some(edges), Some(source)) => {
            let ascending =
                edges.windows(2).all(|w| w[0] < w[1]) && edges.first().is_some_and(|&e| e > 0);
            if edges.len() as i64 != item.max || !ascending || !sources.contains_key(source) {
                return bad(
                    "seconds_from needs one ascending positive edge per score and a known seconds_source",
                );
            }
            Ok(())
        }
        _ => bad("seconds_from and seconds_source go together"),
    }
}

/// Checks every entry: scores within the item's range, seconds only for timed items.
pub fn validate(def: &Def, input: &Input) -> Result<(), InvalidInput> {
    for (entry, item) in input.items.iter().zip(&def.items) {
        match entry {
            Some(Entered::Score(s)) if !(0..=item.max).contains(s) => {
                return Err(InvalidInput::new(
                    &item.id,
                    format!("{s} is out of range"),
                    allowed(item),
                ));
            }
            Some(Entered::Seconds(s)) if item.seconds_from.is_none() => {
                return Err(InvalidInput::new(
                    &item.id,
                    format!("{s} seconds given, but this item is not timed"),
                    allowed(item),
                ));
            }
            Some(Entered::Seconds(s)) if !(0..=SECONDS_MAX).contains(s) => {
                return Err(InvalidInput::new(
                    format!("{}.seconds", item.id),
                    format!("{s} is out of range"),
                    format!("whole seconds 0 to {SECONDS_MAX}"),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// What an item accepts, for error messages and the schema.
pub fn allowed(item: &ItemDef) -> String {
    let timed = if item.seconds_from.is_some() {
        ", or {\"seconds\": whole seconds held}"
    } else {
        ""
    };
    format!(
        "an integer 0 to {}{timed}, or null (not performed)",
        item.max
    )
}

/// A self-explaining result.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<'c> {
    /// The total, only when all 14 items were scored.
    pub total: Option<i64>,
    /// Sum of the items scored.
    pub partial_sum: i64,
    /// Published maximum (52).
    pub max_score: i64,
    /// Highest total still possible if every missing item scored its maximum.
    pub max_achievable: i64,
    /// Contributions, missing items, warnings, citation, status.
    pub explanation: Explanation<'c>,
}

/// Scores one assessment.
pub fn score<'c>(def: &'c Def, input: &Input) -> Result<Outcome<'c>, InvalidInput> {
    validate(def, input)?;
    let mut ex = Explanation::new(&def.meta);
    let (mut sum, mut headroom) = (0, 0);
    for (entry, item) in input.items.iter().zip(&def.items) {
        let points = match entry {
            Some(Entered::Score(s)) => {
                ex.add(
                    &item.id,
                    &item.label,
                    Value::Int(*s),
                    Some(Tenths(*s as i32 * 10)),
                );
                *s
            }
            Some(Entered::Seconds(secs)) => {
                let s = item.score_seconds(*secs).unwrap_or(0);
                let value = Value::Text(format!("{secs} s held"));
                ex.add(&item.id, &item.label, value, Some(Tenths(s as i32 * 10)));
                s
            }
            None => {
                ex.missing(&item.id);
                headroom += item.max;
                0
            }
        };
        sum += points;
    }
    if !ex.missing.is_empty() {
        ex.warn(format!(
            "{} item(s) not performed: total not reported (never prorated); partial sum {sum}, at most {} achievable",
            ex.missing.len(),
            sum + headroom
        ));
    }
    Ok(Outcome {
        total: ex.missing.is_empty().then_some(sum),
        partial_sum: sum,
        max_score: def.max_total,
        max_achievable: sum + headroom,
        explanation: ex,
    })
}
