//! Bohan and Peter 1975 criteria for polymyositis (PM) and dermatomyositis (DM).
//!
//! After other myopathies are excluded, count the muscle criteria 1-4 met. Without the typical
//! rash (criterion 5): 4 definite, 3 probable, 2 possible PM. With the rash: 3 or more definite,
//! 2 probable, 1 possible DM. Without a confirmed exclusion there is no category. A criterion
//! not assessed counts as not met and is listed; every category the missing criteria could still
//! lead to is reported. Classification criteria are not diagnostic criteria.

use serde::Deserialize;

use crate::def::{DefError, MetaDef, Sources, parse_toml};
use crate::explain::{Explanation, InvalidInput, Meta, Value};

/// The embedded definition file.
pub const DEF_TOML: &str = include_str!("../defs/bohan-peter-1975.toml");
/// Instrument id.
pub const ID: &str = "bohan-peter-1975";
/// Number of criteria (1-4 muscle criteria, 5 the rash).
pub const CRITERIA: usize = 5;

const SOURCES: [&str; 3] = ["exclusions", "criteria", "rules"];
const CRITERION_IDS: [&str; CRITERIA] = [
    "symmetric_proximal_weakness",
    "muscle_biopsy_evidence",
    "elevated_muscle_enzymes",
    "emg_myopathic_triad",
    "typical_dm_rash",
];
const RASH: usize = 4;

/// One case; `None` means not assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Input {
    /// Other myopathies were excluded (required before classifying).
    pub other_myopathies_excluded: Option<bool>,
    /// Criteria 1-5 in table order.
    pub criteria: [Option<bool>; CRITERIA],
}

/// Certainty level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Certainty {
    /// Possible.
    Possible,
    /// Probable.
    Probable,
    /// Definite.
    Definite,
}

/// The category the criteria give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// No row of the table is met.
    NotMet,
    /// Polymyositis at a certainty.
    Pm(Certainty),
    /// Dermatomyositis at a certainty.
    Dm(Certainty),
}

impl Class {
    /// Wire spelling: `not_met`, `possible_pm` ... `definite_dm`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::NotMet => "not_met",
            Class::Pm(Certainty::Possible) => "possible_pm",
            Class::Pm(Certainty::Probable) => "probable_pm",
            Class::Pm(Certainty::Definite) => "definite_pm",
            Class::Dm(Certainty::Possible) => "possible_dm",
            Class::Dm(Certainty::Probable) => "probable_dm",
            Class::Dm(Certainty::Definite) => "definite_dm",
        }
    }
}

/// Minimum criteria 1-4 met per certainty: `[possible, probable, definite]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds(pub [usize; 3]);

impl Thresholds {
    fn certainty(self, met: usize) -> Option<Certainty> {
        let [possible, probable, definite] = self.0;
        if met >= definite {
            Some(Certainty::Definite)
        } else if met >= probable {
            Some(Certainty::Probable)
        } else if met >= possible {
            Some(Certainty::Possible)
        } else {
            None
        }
    }
}

/// One labelled criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionDef {
    /// Input field name.
    pub id: String,
    /// Label.
    pub label: String,
}

/// The parsed, validated definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Def {
    /// Identity, citation, status.
    pub meta: Meta,
    /// The exclusion acknowledgement.
    pub exclusion: CriterionDef,
    /// What must be excluded first.
    pub excluded: Vec<String>,
    /// Criteria 1-5 in table order.
    pub criteria: [CriterionDef; CRITERIA],
    /// PM rows (no rash).
    pub pm: Thresholds,
    /// DM rows (rash present).
    pub dm: Thresholds,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    meta: MetaDef,
    sources: Sources,
    exclusion: RawExclusion,
    criterion: Vec<RawCriterion>,
    rules: RawRules,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExclusion {
    id: String,
    label: String,
    excluded: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: String,
    label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    pm: RawRow,
    dm: RawRow,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    definite: usize,
    probable: usize,
    possible: usize,
}

impl RawRow {
    fn thresholds(&self) -> Result<Thresholds, DefError> {
        let t = [self.possible, self.probable, self.definite];
        if t[0] >= 1 && t.windows(2).all(|w| w[0] < w[1]) && t[2] <= RASH {
            Ok(Thresholds(t))
        } else {
            Err(DefError::invalid(
                ID,
                "rules: need 1 <= possible < probable < definite <= 4",
            ))
        }
    }
}

impl Def {
    /// Parses and validates a definition file.
    pub fn parse(src: &str) -> Result<Def, DefError> {
        let raw: Raw = parse_toml(ID, src)?;
        let ids: Vec<&str> = raw.criterion.iter().map(|c| c.id.as_str()).collect();
        if ids != CRITERION_IDS || raw.exclusion.id != "other_myopathies_excluded" {
            return Err(DefError::invalid(
                ID,
                format!("criteria must be {CRITERION_IDS:?} in that order, got {ids:?}"),
            ));
        }
        let (pm, dm) = (raw.rules.pm.thresholds()?, raw.rules.dm.thresholds()?);
        let meta = raw.meta.build(ID, &raw.sources, &SOURCES)?;
        let criteria: Vec<CriterionDef> = raw
            .criterion
            .into_iter()
            .map(|c| CriterionDef {
                id: c.id,
                label: c.label,
            })
            .collect();
        Ok(Def {
            meta,
            exclusion: CriterionDef {
                id: raw.exclusion.id,
                label: raw.exclusion.label,
            },
            excluded: raw.exclusion.excluded,
            criteria: criteria
                .try_into()
                .unwrap_or_else(|_| unreachable!("length checked")),
            pm,
            dm,
        })
    }

    /// The table: the rash selects the DM rows, the count of criteria 1-4 the certainty.
    pub fn classify(&self, muscle_criteria_met: usize, rash: bool) -> Class {
        if rash {
            self.dm
                .certainty(muscle_criteria_met)
                .map_or(Class::NotMet, Class::Dm)
        } else {
            self.pm
                .certainty(muscle_criteria_met)
                .map_or(Class::NotMet, Class::Pm)
        }
    }

    /// The category with missing criteria counted as not met.
    fn classify_known(&self, criteria: &[Option<bool>; CRITERIA]) -> Class {
        let met = criteria[..RASH]
            .iter()
            .filter(|c| **c == Some(true))
            .count();
        self.classify(met, criteria[RASH] == Some(true))
    }
}

/// A self-explaining result.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<'c> {
    /// The category; `None` when other myopathies were not confirmed excluded.
    pub class: Option<Class>,
    /// Criteria 1-4 met.
    pub muscle_criteria_met: usize,
    /// Every category reachable by filling in the missing criteria (includes `class`), sorted;
    /// empty when there is no category.
    pub possible_classes: Vec<Class>,
    /// Contributions, missing criteria, warnings, citation, status.
    pub explanation: Explanation<'c>,
}

/// Every category reachable by setting the missing criteria to met or not met.
pub fn reachable(def: &Def, criteria: &[Option<bool>; CRITERIA]) -> Vec<Class> {
    let missing: Vec<usize> = (0..CRITERIA).filter(|&i| criteria[i].is_none()).collect();
    let mut classes: Vec<Class> = (0..1u32 << missing.len())
        .map(|mask| {
            let mut filled = *criteria;
            for (bit, &i) in missing.iter().enumerate() {
                filled[i] = Some(mask & (1 << bit) != 0);
            }
            def.classify_known(&filled)
        })
        .collect();
    classes.sort();
    classes.dedup();
    classes
}

/// Applies the criteria to one case. Infallible today (every field is true/false/null); the
/// `Result` keeps the instrument signature uniform.
pub fn score<'c>(def: &'c Def, input: &Input) -> Result<Outcome<'c>, InvalidInput> {
    let mut ex = Explanation::new(&def.meta);
    match input.other_myopathies_excluded {
        Some(v) => ex.add(
            &def.exclusion.id,
            &def.exclusion.label,
            Value::Bool(v),
            None,
        ),
        None => ex.missing(&def.exclusion.id),
    }
    for (value, c) in input.criteria.iter().zip(&def.criteria) {
        match value {
            Some(v) => ex.add(&c.id, &c.label, Value::Bool(*v), None),
            None => ex.missing(&c.id),
        }
    }
    let muscle_criteria_met = input.criteria[..RASH]
        .iter()
        .filter(|c| **c == Some(true))
        .count();
    if input.other_myopathies_excluded != Some(true) {
        ex.warn(format!(
            "no category: the criteria apply only after other myopathies are excluded ({}); confirm this first",
            def.excluded.join(", ")
        ));
        return Ok(Outcome {
            class: None,
            muscle_criteria_met,
            possible_classes: Vec::new(),
            explanation: ex,
        });
    }
    let class = def.classify_known(&input.criteria);
    let possible_classes = reachable(def, &input.criteria);
    if possible_classes.len() > 1 {
        let names: Vec<&str> = possible_classes.iter().map(|c| c.as_str()).collect();
        ex.warn(format!(
            "criteria not assessed could change the result: with them it could be any of {}",
            names.join(", ")
        ));
    }
    Ok(Outcome {
        class: Some(class),
        muscle_criteria_met,
        possible_classes,
        explanation: ex,
    })
}
