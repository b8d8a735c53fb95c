//! The embedded, versioned rule files (`rules/*.toml`): cited codes, unit factors, the weekly-only
//! medicine guard, the flare heuristic and the monitoring rules.
//!
//! Parsed once by [`Rules::builtin`] and passed explicitly to the functions that need them (no
//! globals). Serde is used only on the private `Raw*` file structs.

use serde::Deserialize;

use crate::date::Date;
use crate::error::RulesError;
use crate::ingredients::{INGREDIENTS_TOML, IngredientTable};
use crate::labs::{Analyte, Unit};
use crate::monitoring::TestKind;
use crate::records::{AntibodyKind, ConditionKind};

/// `rules/reference.toml`, embedded.
pub const REFERENCE_TOML: &str = include_str!("../rules/reference.toml");
/// `rules/monitoring.toml`, embedded.
pub const MONITORING_TOML: &str = include_str!("../rules/monitoring.toml");

/// How far a value has been checked against its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Confirmed in the cited source.
    Verified,
    /// Secondary, derived or Myo's own heuristic: check before relying on it.
    Partial,
}

impl Status {
    /// Wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Partial => "partial",
        }
    }
}

/// A terminology code with its citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedCode {
    /// The code (LOINC, SNOMED CT id, ICD-10-CM).
    pub code: String,
    /// Checked status.
    pub status: Status,
    /// Where it was read.
    pub source: String,
}

/// A source in `kb/sources.toml` plus where in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRef {
    /// Registry id.
    pub id: String,
    /// Section, table or page.
    pub locator: String,
}

/// One analyte's reference data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyteDef {
    /// Which analyte.
    pub analyte: Analyte,
    /// Display label.
    pub label: String,
    /// The unit Myo stores and charts it in.
    pub unit: Unit,
    /// LOINC code, only when the reference documents cite one.
    pub loinc: Option<CitedCode>,
}

/// A cited conversion factor: value in `to` = value in `from` × `factor`.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversion {
    /// Source unit.
    pub from: Unit,
    /// Target unit.
    pub to: Unit,
    /// Multiplier.
    pub factor: f64,
    /// Analytes it applies to.
    pub applies_to: Vec<Analyte>,
    /// Checked status.
    pub status: Status,
    /// Citation.
    pub source: String,
}

/// A condition with its codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionDef {
    /// Which condition.
    pub kind: ConditionKind,
    /// Display label.
    pub label: String,
    /// SNOMED CT concept, when cited.
    pub snomed: Option<CitedCode>,
    /// ICD-10-CM code, when cited.
    pub icd10cm: Option<CitedCode>,
}

/// An antibody with its LOINC presence code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AntibodyDef {
    /// Which antibody.
    pub kind: AntibodyKind,
    /// Display label.
    pub label: String,
    /// LOINC presence code, when cited.
    pub loinc: Option<CitedCode>,
}

/// A medicine that may only be scheduled weekly, with how to recognise it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyOnly {
    /// Generic name (lowercase).
    pub generic_name: String,
    /// Brand names.
    pub brand_names: Vec<String>,
    /// RxNorm ingredient RxCUI.
    pub rxcui: String,
    /// Abbreviations that also identify it.
    pub also_matches: Vec<String>,
    /// Why only weekly is accepted.
    pub reason: String,
    /// Suggestion carried by an accepted weekly schedule.
    pub suggestion: String,
    /// Checked status.
    pub status: Status,
    /// Citations.
    pub sources: Vec<SourceRef>,
}

pub use crate::plausible::{DoseCheckRule, PossibleRange};

/// Flare heuristic parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct FlareRule {
    /// Recorded days averaged for the baseline.
    pub baseline_days: usize,
    /// Calendar days looked back for those recorded days.
    pub lookback_days: i32,
    /// Fewest recorded days for a usable baseline.
    pub min_baseline_days: usize,
    /// Rise (points on 0–10) above the baseline that counts as a flare.
    pub rating_rise: f64,
    /// CK ratio over the previous value that counts as a rise.
    pub ck_factor: f64,
    /// Checked status.
    pub status: Status,
    /// Citation.
    pub source: String,
}

/// One monitoring phase: from `from_week` after the start, a test every `every_weeks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    /// Weeks after the start date the phase begins.
    pub from_week: u32,
    /// Interval in weeks.
    pub every_weeks: u32,
}

/// Which people a rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// Everyone taking the medicine.
    Always,
    /// Only with risk factors recorded.
    WithRiskFactors,
    /// Only without risk factors recorded.
    WithoutRiskFactors,
}

/// One monitoring rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitoringRule {
    /// Rule id.
    pub id: String,
    /// Generic names it applies to (lowercase).
    pub drugs: Vec<String>,
    /// The test.
    pub test: TestKind,
    /// A result is needed by start + `baseline_within_days`.
    pub baseline: bool,
    /// Days after the start by which the baseline is due (0 = before starting).
    pub baseline_within_days: i32,
    /// Intervals after the start; empty = one-off.
    pub phases: Vec<Phase>,
    /// Risk-factor selection.
    pub applies: Applies,
    /// Checked status.
    pub status: Status,
    /// Date of the rule.
    pub date: Date,
    /// Product anchor the interval was read from.
    pub reference: String,
    /// Citations (kb/sources.toml ids).
    pub sources: Vec<SourceRef>,
}

/// The monitoring rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitoringRules {
    /// Rule-set version.
    pub version: u32,
    /// Rule-set date.
    pub date: Date,
    /// An item due within this many days is "due soon".
    pub due_soon_days: i32,
    /// A result this many days before the start still counts as the baseline.
    pub baseline_lookback_days: i32,
    /// The rules.
    pub rules: Vec<MonitoringRule>,
}

/// Everything the tracker reads from its rule files.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// Revision of `reference.toml`.
    pub reference_revision: u32,
    /// Analytes in [`Analyte::ALL`] order.
    pub analytes: Vec<AnalyteDef>,
    /// Conversion factors.
    pub conversions: Vec<Conversion>,
    /// Conditions in [`ConditionKind::ALL`] order.
    pub conditions: Vec<ConditionDef>,
    /// Antibodies in [`AntibodyKind::ALL`] order.
    pub antibodies: Vec<AntibodyDef>,
    /// Weekly-only medicines.
    pub weekly_only: Vec<WeeklyOnly>,
    /// Names per active ingredient (`rules/ingredients.toml`), for the guards.
    pub ingredients: IngredientTable,
    /// Dose plausibility limits.
    pub dose_check: DoseCheckRule,
    /// Physiologically possible ranges per analyte, in [`Rules::analytes`] order.
    pub possible: Vec<PossibleRange>,
    /// Flare heuristic.
    pub flare: FlareRule,
    /// Monitoring rules.
    pub monitoring: MonitoringRules,
}

// ---- raw file structs -------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    meta: RawRefMeta,
    analyte: Vec<RawAnalyte>,
    conversion: Vec<RawConversion>,
    condition: Vec<RawCondition>,
    antibody: Vec<RawAntibody>,
    weekly_only: Vec<RawWeeklyOnly>,
    dose_check: crate::plausible::RawDoseCheck,
    possible: Vec<crate::plausible::RawPossible>,
    flare: RawFlare,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRefMeta {
    revision: u32,
    #[allow(dead_code)] // documents the file; the revision is what callers compare
    date: toml::value::Datetime,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawCode {
    code: String,
    status: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnalyte {
    id: String,
    label: String,
    unit: String,
    loinc: Option<RawCode>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConversion {
    from: String,
    to: String,
    factor: f64,
    applies_to: Vec<String>,
    status: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    id: String,
    label: String,
    snomed: Option<RawCode>,
    icd10cm: Option<RawCode>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAntibody {
    id: String,
    label: String,
    loinc: Option<RawCode>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: String,
    locator: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeeklyOnly {
    generic_name: String,
    brand_names: Vec<String>,
    rxcui: String,
    also_matches: Vec<String>,
    reason: String,
    suggestion: String,
    status: String,
    sources: Vec<RawSource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFlare {
    baseline_days: usize,
    lookback_days: i32,
    min_baseline_days: usize,
    rating_rise: f64,
    ck_factor: f64,
    status: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMonitoring {
    meta: RawMonMeta,
    rule: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMonMeta {
    version: u32,
    date: toml::value::Datetime,
    due_soon_days: i32,
    baseline_lookback_days: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhase {
    from_week: u32,
    every_weeks: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    drugs: Vec<String>,
    test: String,
    baseline: bool,
    #[serde(default)]
    baseline_within_days: i32,
    phases: Vec<RawPhase>,
    #[serde(default)]
    applies: Option<String>,
    status: String,
    date: toml::value::Datetime,
    reference: String,
    sources: Vec<RawSource>,
}

// ---- conversion to typed rules ----------------------------------------------------------------

fn fail(file: &'static str, problem: impl Into<String>) -> RulesError {
    RulesError {
        file,
        problem: problem.into(),
    }
}

/// Parses a `status` value of a rule file.
pub(crate) fn parse_status(file: &'static str, s: &str) -> Result<Status, RulesError> {
    status(file, s)
}

fn status(file: &'static str, s: &str) -> Result<Status, RulesError> {
    match s {
        "verified" => Ok(Status::Verified),
        "partial" => Ok(Status::Partial),
        other => Err(fail(file, format!("unknown status '{other}'"))),
    }
}

fn code(file: &'static str, raw: Option<RawCode>) -> Result<Option<CitedCode>, RulesError> {
    raw.map(|c| {
        if c.source.trim().is_empty() {
            return Err(fail(file, format!("code {} has no source", c.code)));
        }
        Ok(CitedCode {
            status: status(file, &c.status)?,
            code: c.code,
            source: c.source,
        })
    })
    .transpose()
}

fn date(file: &'static str, d: &toml::value::Datetime) -> Result<Date, RulesError> {
    let dd = d
        .date
        .ok_or_else(|| fail(file, format!("'{d}' has no date")))?;
    Date::new(
        "date",
        i32::from(dd.year),
        u32::from(dd.month),
        u32::from(dd.day),
    )
    .map_err(|e| fail(file, e.to_string()))
}

fn sources(file: &'static str, raw: Vec<RawSource>) -> Result<Vec<SourceRef>, RulesError> {
    if raw.is_empty() {
        return Err(fail(file, "an entry has no sources"));
    }
    raw.into_iter()
        .map(|s| {
            if s.locator.trim().is_empty() {
                Err(fail(file, format!("source {} has no locator", s.id)))
            } else {
                Ok(SourceRef {
                    id: s.id,
                    locator: s.locator,
                })
            }
        })
        .collect()
}

/// Builds a list in the order of `all`, requiring each id exactly once.
fn ordered<K: Copy + PartialEq, R, T>(
    file: &'static str,
    what: &str,
    all: &[K],
    id_of: fn(K) -> &'static str,
    raw: Vec<R>,
    raw_id: fn(&R) -> &str,
    build: impl Fn(K, R) -> Result<T, RulesError>,
) -> Result<Vec<T>, RulesError> {
    let ids: Vec<&str> = raw.iter().map(raw_id).collect();
    let want: Vec<&str> = all.iter().map(|k| id_of(*k)).collect();
    if ids != want {
        return Err(fail(
            file,
            format!("{what} ids must be {want:?} in order, got {ids:?}"),
        ));
    }
    all.iter().zip(raw).map(|(k, r)| build(*k, r)).collect()
}

const REF: &str = "reference.toml";
const MON: &str = "monitoring.toml";

impl Rules {
    /// Parses the embedded rule files.
    pub fn builtin() -> Result<Rules, RulesError> {
        Rules::parse(REFERENCE_TOML, MONITORING_TOML)
    }

    /// Parses and validates rule files given as text.
    pub fn parse(reference: &str, monitoring: &str) -> Result<Rules, RulesError> {
        let raw: RawReference = toml::from_str(reference).map_err(|e| fail(REF, e.to_string()))?;
        let unit = |s: &str| Unit::parse(s).ok_or_else(|| fail(REF, format!("unknown unit '{s}'")));
        let analytes = ordered(
            REF,
            "analyte",
            &Analyte::ALL,
            Analyte::id,
            raw.analyte,
            |r| &r.id,
            |analyte, r| {
                Ok(AnalyteDef {
                    analyte,
                    label: r.label,
                    unit: unit(&r.unit)?,
                    loinc: code(REF, r.loinc)?,
                })
            },
        )?;
        let conversions = raw
            .conversion
            .into_iter()
            .map(|c| conversion(c, &unit))
            .collect::<Result<Vec<_>, _>>()?;
        let conditions = ordered(
            REF,
            "condition",
            &ConditionKind::ALL,
            ConditionKind::id,
            raw.condition,
            |r| &r.id,
            |kind, r| {
                Ok(ConditionDef {
                    kind,
                    label: r.label,
                    snomed: code(REF, r.snomed)?,
                    icd10cm: code(REF, r.icd10cm)?,
                })
            },
        )?;
        let antibodies = ordered(
            REF,
            "antibody",
            &AntibodyKind::ALL,
            AntibodyKind::id,
            raw.antibody,
            |r| &r.id,
            |kind, r| {
                Ok(AntibodyDef {
                    kind,
                    label: r.label,
                    loinc: code(REF, r.loinc)?,
                })
            },
        )?;
        let weekly_only = raw
            .weekly_only
            .into_iter()
            .map(|w| {
                Ok(WeeklyOnly {
                    generic_name: w.generic_name.to_lowercase(),
                    brand_names: w.brand_names,
                    rxcui: w.rxcui,
                    also_matches: w.also_matches,
                    reason: w.reason,
                    suggestion: w.suggestion,
                    status: status(REF, &w.status)?,
                    sources: sources(REF, w.sources)?,
                })
            })
            .collect::<Result<Vec<_>, RulesError>>()?;
        let f = raw.flare;
        let flare = FlareRule {
            baseline_days: f.baseline_days,
            lookback_days: f.lookback_days,
            min_baseline_days: f.min_baseline_days,
            rating_rise: f.rating_rise,
            ck_factor: f.ck_factor,
            status: status(REF, &f.status)?,
            source: f.source,
        };
        if flare.min_baseline_days == 0
            || flare.min_baseline_days > flare.baseline_days
            || flare.lookback_days < flare.baseline_days as i32
            || flare.rating_rise <= 0.0
            || flare.ck_factor <= 1.0
        {
            return Err(fail(REF, "flare parameters are inconsistent"));
        }
        Ok(Rules {
            reference_revision: raw.meta.revision,
            analytes,
            conversions,
            conditions,
            antibodies,
            weekly_only,
            ingredients: IngredientTable::parse(INGREDIENTS_TOML)?,
            dose_check: crate::plausible::dose_check_rule(REF, raw.dose_check)?,
            possible: crate::plausible::possible_ranges(REF, raw.possible)?,
            flare,
            monitoring: monitoring_rules(monitoring)?,
        })
    }

    /// Reference data of one analyte.
    pub fn analyte(&self, a: Analyte) -> &AnalyteDef {
        &self.analytes[a as usize]
    }

    /// Codes of one condition.
    pub fn condition(&self, c: ConditionKind) -> &ConditionDef {
        &self.conditions[c as usize]
    }

    /// LOINC and label of one antibody.
    pub fn antibody(&self, a: AntibodyKind) -> &AntibodyDef {
        &self.antibodies[a as usize]
    }
}

fn conversion(
    c: RawConversion,
    unit: &dyn Fn(&str) -> Result<Unit, RulesError>,
) -> Result<Conversion, RulesError> {
    if !(c.factor.is_finite() && c.factor > 0.0) {
        return Err(fail(REF, format!("factor {} must be positive", c.factor)));
    }
    let applies_to = c
        .applies_to
        .iter()
        .map(|id| {
            Analyte::ALL
                .into_iter()
                .find(|a| a.id() == id)
                .ok_or_else(|| fail(REF, format!("unknown analyte '{id}'")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Conversion {
        from: unit(&c.from)?,
        to: unit(&c.to)?,
        factor: c.factor,
        applies_to,
        status: status(REF, &c.status)?,
        source: c.source,
    })
}

fn monitoring_rules(src: &str) -> Result<MonitoringRules, RulesError> {
    let raw: RawMonitoring = toml::from_str(src).map_err(|e| fail(MON, e.to_string()))?;
    let mut rules = Vec::with_capacity(raw.rule.len());
    for r in raw.rule {
        let test = TestKind::ALL
            .into_iter()
            .find(|t| t.id() == r.test)
            .ok_or_else(|| fail(MON, format!("rule {}: unknown test '{}'", r.id, r.test)))?;
        let applies = match r.applies.as_deref() {
            None | Some("always") => Applies::Always,
            Some("with_risk_factors") => Applies::WithRiskFactors,
            Some("without_risk_factors") => Applies::WithoutRiskFactors,
            Some(o) => return Err(fail(MON, format!("rule {}: unknown applies '{o}'", r.id))),
        };
        let phases: Vec<Phase> = r
            .phases
            .iter()
            .map(|p| Phase {
                from_week: p.from_week,
                every_weeks: p.every_weeks,
            })
            .collect();
        let increasing = phases.windows(2).all(|w| w[0].from_week < w[1].from_week);
        if !increasing || phases.iter().any(|p| p.every_weeks == 0) {
            return Err(fail(
                MON,
                format!("rule {}: phases must increase, intervals > 0", r.id),
            ));
        }
        if !r.baseline && phases.is_empty() {
            return Err(fail(
                MON,
                format!("rule {}: neither baseline nor phases", r.id),
            ));
        }
        if rules.iter().any(|x: &MonitoringRule| x.id == r.id) {
            return Err(fail(MON, format!("duplicate rule id {}", r.id)));
        }
        rules.push(MonitoringRule {
            drugs: r.drugs.iter().map(|d| d.to_lowercase()).collect(),
            test,
            baseline: r.baseline,
            baseline_within_days: r.baseline_within_days,
            phases,
            applies,
            status: status(MON, &r.status)?,
            date: date(MON, &r.date)?,
            reference: r.reference,
            sources: sources(MON, r.sources)?,
            id: r.id,
        });
    }
    Ok(MonitoringRules {
        version: raw.meta.version,
        date: date(MON, &raw.meta.date)?,
        due_soon_days: raw.meta.due_soon_days,
        baseline_lookback_days: raw.meta.baseline_lookback_days,
        rules,
    })
}
