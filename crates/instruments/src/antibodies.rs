//! Antibody flags: each positive myositis antibody mapped to the phenotype risks it is known to
//! signal (TMA antibody table), with its confirmed LOINC codes and prompts to discuss with the care
//! team. Flags that the table ties to adult disease (the cancer links) are shown only for onset at
//! 18 or older. Negative and untested antibodies raise no flag; untested ones are listed as
//! missing. These are group associations, never a diagnosis or an instruction.

use serde::Deserialize;

use crate::def::{DefError, MetaDef, Sources, parse_toml};
use crate::explain::{Explanation, InvalidInput, Meta, Value};

/// The embedded definition file.
pub const DEF_TOML: &str = include_str!("../defs/antibody-flags.toml");
/// Instrument id.
pub const ID: &str = "antibody-flags";
/// Number of antibodies.
pub const ANTIBODIES: usize = 16;

const SOURCES: [&str; 3] = ["associations", "loinc_codes", "adult_age"];
/// Antibody ids in table order (also the input field names).
pub const ANTIBODY_IDS: [&str; ANTIBODIES] = [
    "mda5", "tif1g", "nxp2", "mi2", "sae", "jo1", "pl7", "pl12", "ej", "oj", "ks", "zo", "ha",
    "srp", "hmgcr", "cn1a",
];

/// A laboratory result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestResult {
    /// Positive.
    Positive,
    /// Negative.
    Negative,
    /// Not tested (the same as leaving it out).
    NotTested,
}

impl TestResult {
    /// Wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            TestResult::Positive => "positive",
            TestResult::Negative => "negative",
            TestResult::NotTested => "not_tested",
        }
    }
}

/// One panel of results.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Input {
    /// Age at onset of the first myositis symptom, to tailor adult-only flags.
    pub age_at_onset_years: Option<f64>,
    /// Results in [`ANTIBODY_IDS`] order.
    pub results: [TestResult; ANTIBODIES],
}

/// A phenotype flag.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagDef {
    /// Stable id.
    pub id: String,
    /// What the flag means, in plain words.
    pub text: String,
    /// Shown only for adult onset.
    #[serde(default)]
    pub adults_only: bool,
    /// A prompt to discuss with the care team.
    pub next_step: Option<String>,
}

/// A LOINC code for a test of the antibody.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Loinc {
    /// The LOINC code.
    pub code: String,
    /// What the code measures (property, method).
    pub what: String,
}

/// One antibody.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AntibodyDef {
    /// Input field name.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Indices into [`Def::flags`].
    pub flags: Vec<usize>,
    /// Confirmed LOINC codes (may be empty).
    pub loinc: Vec<Loinc>,
}

/// The parsed, validated definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Def {
    /// Identity, citation, status.
    pub meta: Meta,
    /// Onset age from which adult-only flags apply.
    pub adult_from_years: f64,
    /// Plausibility bound for the age field.
    pub age_max_years: f64,
    /// All flags.
    pub flags: Vec<FlagDef>,
    /// Antibodies in table order.
    pub antibodies: [AntibodyDef; ANTIBODIES],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    meta: MetaDef,
    sources: Sources,
    age: RawAge,
    flag: Vec<FlagDef>,
    antibody: Vec<RawAntibody>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAge {
    adult_from_years: f64,
    age_max_years: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAntibody {
    id: String,
    name: String,
    flags: Vec<String>,
    loinc: Vec<Loinc>,
}

impl Def {
    /// Parses and validates a definition file: antibodies in order, every flag reference known.
    pub fn parse(src: &str) -> Result<Def, DefError> {
        let raw: Raw = parse_toml(ID, src)?;
        let ids: Vec<&str> = raw.antibody.iter().map(|a| a.id.as_str()).collect();
        if ids != ANTIBODY_IDS {
            return Err(DefError::invalid(
                ID,
                format!("antibodies must be {ANTIBODY_IDS:?} in that order, got {ids:?}"),
            ));
        }
        if !(0.0 < raw.age.adult_from_years && raw.age.adult_from_years < raw.age.age_max_years) {
            return Err(DefError::invalid(
                ID,
                "age: need 0 < adult_from_years < age_max_years",
            ));
        }
        let flag_index = |name: &str| raw.flag.iter().position(|f| f.id == name);
        let mut antibodies = Vec::with_capacity(ANTIBODIES);
        for a in &raw.antibody {
            let flags = a
                .flags
                .iter()
                .map(|f| {
                    flag_index(f).ok_or_else(|| {
                        DefError::invalid(ID, format!("{}: unknown flag {f:?}", a.id))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            if flags.is_empty() {
                return Err(DefError::invalid(ID, format!("{}: no flags", a.id)));
            }
            antibodies.push(AntibodyDef {
                id: a.id.clone(),
                name: a.name.clone(),
                flags,
                loinc: a.loinc.clone(),
            });
        }
        let meta = raw.meta.build(ID, &raw.sources, &SOURCES)?;
        Ok(Def {
            meta,
            adult_from_years: raw.age.adult_from_years,
            age_max_years: raw.age.age_max_years,
            flags: raw.flag,
            antibodies: antibodies
                .try_into()
                .unwrap_or_else(|_| unreachable!("length checked")),
        })
    }
}

/// The flags raised by one positive antibody.
#[derive(Debug, Clone, PartialEq)]
pub struct Flagged<'c> {
    /// The antibody.
    pub antibody: &'c AntibodyDef,
    /// Flags that apply at this onset age.
    pub flags: Vec<&'c FlagDef>,
    /// Adult-only flags left out because onset was before adulthood.
    pub not_applicable: Vec<&'c FlagDef>,
}

/// A self-explaining result.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<'c> {
    /// One entry per positive antibody, in table order.
    pub flagged: Vec<Flagged<'c>>,
    /// Prompts for the conversation with the care team, without repeats, in flag order.
    pub next_steps: Vec<&'c str>,
    /// Contributions, untested antibodies (missing), warnings, citation, status.
    pub explanation: Explanation<'c>,
}

/// Checks the age range.
pub fn validate(def: &Def, input: &Input) -> Result<(), InvalidInput> {
    match input.age_at_onset_years {
        Some(age) if !(0.0..=def.age_max_years).contains(&age) => Err(InvalidInput::new(
            "age_at_onset_years",
            format!("{age} is out of range"),
            format!("0 to {} years, or null if unknown", def.age_max_years),
        )),
        _ => Ok(()),
    }
}

/// Flags every positive antibody.
pub fn score<'c>(def: &'c Def, input: &Input) -> Result<Outcome<'c>, InvalidInput> {
    validate(def, input)?;
    let mut ex = Explanation::new(&def.meta);
    let adult = input
        .age_at_onset_years
        .map(|age| age >= def.adult_from_years);
    let mut flagged = Vec::new();
    for (result, ab) in input.results.iter().zip(&def.antibodies) {
        match result {
            TestResult::NotTested => ex.missing(&ab.id),
            r => ex.add(&ab.id, &ab.name, Value::Text(r.as_str().to_owned()), None),
        }
        if *result == TestResult::Positive {
            let (flags, not_applicable) = ab
                .flags
                .iter()
                .map(|&i| &def.flags[i])
                .partition(|f| !f.adults_only || adult != Some(false));
            flagged.push(Flagged {
                antibody: ab,
                flags,
                not_applicable,
            });
        }
    }
    let mut next_steps: Vec<&str> = Vec::new();
    for step in flagged
        .iter()
        .flat_map(|f| &f.flags)
        .filter_map(|f| f.next_step.as_deref())
    {
        if !next_steps.contains(&step) {
            next_steps.push(step);
        }
    }
    warn_about(&mut ex, &flagged, adult);
    Ok(Outcome {
        flagged,
        next_steps,
        explanation: ex,
    })
}

fn warn_about(ex: &mut Explanation<'_>, flagged: &[Flagged<'_>], adult: Option<bool>) {
    if flagged.is_empty() {
        ex.warn("no positive antibody among those entered: no antibody flags; this does not rule out myositis");
    }
    let adult_only_shown = flagged.iter().flat_map(|f| &f.flags).any(|f| f.adults_only);
    if adult.is_none() && adult_only_shown {
        ex.warn("age at onset not given: flags that apply to adult-onset disease are shown anyway");
    }
    if flagged.iter().any(|f| !f.not_applicable.is_empty()) {
        ex.warn("onset before 18: adult-only flags (such as the cancer links) are left out; they are listed under not_applicable");
    }
}
