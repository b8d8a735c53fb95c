//! 2016 ACR/EULAR myositis response criteria: the Total Improvement Score (TIS), adult DM/PM and
//! juvenile DM (Aggarwal et al. 2017; Rider et al. 2017).
//!
//! Each of six core set measures earns points by its absolute percent change between baseline and
//! follow-up (PMC5577002 Table 3); the TIS is their sum (0–100) and is graded by population.
//!
//! **Percent-change reading (`partial`; not yet confirmed against the paper
//! or the NIEHS calculator):**
//! - physician global, patient global, extramuscular activity (0–10), HAQ/CHAQ (0–3), MMT
//!   (0 to its maximum potential score 80, 150 or 260) and CMAS (0–52): improvement ÷ the scale's
//!   range × 100 (lower is better except MMT and CMAS);
//! - enzymes: the enzyme with the highest multiple of its ULN at baseline among CK, aldolase,
//!   AST, ALT and LDH (ties: that order), and its relative change on multiples of ULN:
//!   `100 × (b/ULN_b − f/ULN_f) / (b/ULN_b)`.
//!
//! **Exactness.** Values are [`Milli`] (thousandths) and a percent change is the exact fraction
//! `num / den`, compared with the integer band edges by cross-multiplication, so 5.0 % lands in
//! the lowest band (exclusive lower, inclusive upper edges) with no rounding.
//!
//! **Populations.** Adults use HAQ and MMT. Juvenile DM uses CHAQ and either MMT or CMAS (the
//! IMACS JDM core set and the NIEHS calculator accept "MMT (or CMAS)"; PMC5577002 Table 3 lists
//! CMAS as the JDM alternative), the same one at both visits; a juvenile case with neither lists
//! `cmas` as missing.
//!
//! **Missing data.** A measure missing at either visit scores 0, is listed in `missing`, marks the
//! result incomplete, and the TIS is a lower bound. No re-weighting.

use serde::Deserialize;

use crate::def::{DefError, MetaDef, Sources, parse_toml};
use crate::explain::{Explanation, InvalidInput, Meta, Milli, Tenths, Value};

/// The embedded definition file.
pub const DEF_TOML: &str = include_str!("../defs/tis-2016.toml");
/// Instrument id.
pub const ID: &str = "tis-2016";

const SOURCES: [&str; 7] = [
    "band_points",
    "categories",
    "percent_change",
    "enzyme_choice",
    "scale_ranges",
    "mmt_bilateral_range",
    "missing_rule",
];

/// Enzyme ids in tie-break order.
pub const ENZYMES: [&str; 5] = ["ck", "aldolase", "ast", "alt", "ldh"];

/// Who is assessed; decides the function measure (HAQ/CHAQ), muscle options and thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Population {
    /// Adult DM/PM: HAQ and MMT.
    Adult,
    /// Juvenile DM: CHAQ, and MMT or CMAS (the IMACS JDM core set allows either).
    Juvenile,
}

/// Muscle strength measure of one visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Muscle {
    /// Manual muscle testing, 0 to `mmt_max`.
    Mmt(Milli),
    /// Childhood Myositis Assessment Scale, 0–52 (juvenile only).
    Cmas(Milli),
}

/// One serum enzyme level with its laboratory's upper limit of normal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enzyme {
    /// Level (any unit, same as `uln`).
    pub value: Milli,
    /// Upper limit of normal.
    pub uln: Milli,
}

/// Core set measures at one visit; `None` = not assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Visit {
    /// Physician global activity, 0–10.
    pub physician_global: Option<Milli>,
    /// Patient/parent global activity, 0–10.
    pub patient_global: Option<Milli>,
    /// Extramuscular disease activity, 0–10.
    pub extramuscular: Option<Milli>,
    /// HAQ (adult) or CHAQ (juvenile), 0–3.
    pub function: Option<Milli>,
    /// MMT or CMAS.
    pub muscle: Option<Muscle>,
    /// Enzymes in [`ENZYMES`] order.
    pub enzymes: [Option<Enzyme>; 5],
}

/// One TIS case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input {
    /// Adult or juvenile.
    pub population: Population,
    /// Maximum potential MMT score (80, 150 or 260); required when MMT is used.
    pub mmt_max: Option<Milli>,
    /// Baseline visit.
    pub baseline: Visit,
    /// Follow-up visit.
    pub followup: Visit,
}

/// Improvement category, ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// Below the minimal threshold.
    None,
    /// Minimal improvement.
    Minimal,
    /// Moderate improvement.
    Moderate,
    /// Major improvement.
    Major,
}

impl Category {
    /// Wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::None => "none",
            Category::Minimal => "minimal",
            Category::Moderate => "moderate",
            Category::Major => "major",
        }
    }
}

/// An exact percent change `num / den` (den > 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent {
    /// Numerator.
    pub num: i128,
    /// Denominator, positive.
    pub den: i128,
}

impl Percent {
    /// Strictly greater than a whole percent, exactly.
    pub fn exceeds(self, edge: i64) -> bool {
        self.num > i128::from(edge) * self.den
    }

    /// The value as a float, for display only.
    pub fn as_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }
}

/// Points for one core set measure as defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureDef {
    /// Measure id in the definition (`physician_global`, ..., `function`, `muscle`, `enzymes`).
    pub id: String,
    /// Label.
    pub label: String,
    /// Points per band, tenths.
    pub points: [i32; 5],
}

/// The parsed, validated definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Def {
    /// Identity, citation, status.
    pub meta: Meta,
    /// Range of the global and extramuscular scales.
    pub vas_max: Milli,
    /// Range of HAQ/CHAQ.
    pub haq_max: Milli,
    /// Range of CMAS.
    pub cmas_max: Milli,
    /// Allowed maximum potential MMT scores.
    pub mmt_max_allowed: Vec<Milli>,
    /// Percent band edges for all measures except MMT/CMAS.
    pub general_edges: [i64; 4],
    /// Percent band edges for MMT/CMAS.
    pub mmt_edges: [i64; 4],
    /// Measures in order: physician global, patient global, extramuscular, function, muscle, enzymes.
    pub measures: [MeasureDef; 6],
    /// Category thresholds in tenths, `[minimal, moderate, major]`, adult then juvenile.
    pub categories: [[Tenths; 3]; 2],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    meta: MetaDef,
    sources: Sources,
    scales: RawScales,
    bands: RawBands,
    measure: Vec<RawMeasure>,
    categories: RawCategories,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScales {
    vas_max: i64,
    haq_max: i64,
    cmas_max: i64,
    mmt_max_allowed: Vec<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBands {
    general_edges: [i64; 4],
    mmt_edges: [i64; 4],
    maximum_tis: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    id: String,
    label: String,
    points: [i32; 5],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategories {
    adult: [i32; 3],
    juvenile: [i32; 3],
}

/// Index of the muscle measure (MMT/CMAS) in [`Def::measures`]; it has its own band edges.
const MUSCLE: usize = 4;
/// Index of the enzyme measure in [`Def::measures`].
const ENZYME: usize = 5;

const MEASURE_IDS: [&str; 6] = [
    "physician_global",
    "patient_global",
    "extramuscular",
    "function",
    "muscle",
    "enzymes",
];

impl Def {
    /// Parses and validates a definition file.
    pub fn parse(src: &str) -> Result<Def, DefError> {
        let raw: Raw = parse_toml(ID, src)?;
        let meta = raw.meta.clone().build(ID, &raw.sources, &SOURCES)?;
        let ids: Vec<&str> = raw.measure.iter().map(|m| m.id.as_str()).collect();
        if ids != MEASURE_IDS {
            return Err(DefError::invalid(
                ID,
                format!("measures must be {MEASURE_IDS:?}"),
            ));
        }
        let b = &raw.bands;
        if !b.general_edges.is_sorted() || !b.mmt_edges.is_sorted() {
            return Err(DefError::invalid(ID, "band edges must ascend"));
        }
        if raw
            .measure
            .iter()
            .any(|m| m.points[0] != 0 || !m.points.is_sorted())
        {
            return Err(DefError::invalid(
                ID,
                "points must start at 0 and never decrease",
            ));
        }
        let top: i32 = raw.measure.iter().map(|m| m.points[4]).sum();
        if top != b.maximum_tis {
            return Err(DefError::invalid(
                ID,
                format!("top points sum to {top}, not {}", b.maximum_tis),
            ));
        }
        let c = &raw.categories;
        if !c.adult.is_sorted() || !c.juvenile.is_sorted() {
            return Err(DefError::invalid(ID, "category thresholds must ascend"));
        }
        let measures: Vec<MeasureDef> = raw
            .measure
            .into_iter()
            .map(|m| MeasureDef {
                id: m.id,
                label: m.label,
                points: m.points,
            })
            .collect();
        let s = &raw.scales;
        Ok(Def {
            meta,
            vas_max: Milli::units(s.vas_max),
            haq_max: Milli::units(s.haq_max),
            cmas_max: Milli::units(s.cmas_max),
            mmt_max_allowed: s.mmt_max_allowed.iter().map(|&m| Milli::units(m)).collect(),
            general_edges: b.general_edges,
            mmt_edges: b.mmt_edges,
            measures: measures
                .try_into()
                .unwrap_or_else(|_| unreachable!("ids checked")),
            categories: [c.adult.map(Tenths), c.juvenile.map(Tenths)],
        })
    }

    /// Points of measure `index` (see [`Def::measures`]) for a percent change. Edges are
    /// exclusive below and inclusive above; worsening (and anything up to the first edge)
    /// scores 0. MMT/CMAS has its own edges.
    pub fn points(&self, index: usize, pct: Percent) -> Tenths {
        let edges = if index == MUSCLE {
            &self.mmt_edges
        } else {
            &self.general_edges
        };
        let band = edges.iter().take_while(|&&e| pct.exceeds(e)).count();
        Tenths(self.measures[index].points[band])
    }

    /// Category of a TIS for a population.
    pub fn category(&self, population: Population, tis: Tenths) -> Category {
        let [minimal, moderate, major] = self.categories[population as usize];
        if tis >= major {
            Category::Major
        } else if tis >= moderate {
            Category::Moderate
        } else if tis >= minimal {
            Category::Minimal
        } else {
            Category::None
        }
    }
}

/// One measure's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureResult {
    /// Wire id: `physician_global`, `patient_global`, `extramuscular`, `haq`/`chaq`,
    /// `mmt`/`cmas`, `enzymes`.
    pub id: String,
    /// For enzymes: the most abnormal enzyme at baseline.
    pub enzyme: Option<&'static str>,
    /// Baseline value (enzymes: the chosen enzyme's level).
    pub baseline: Option<Milli>,
    /// Follow-up value.
    pub followup: Option<Milli>,
    /// Exact percent improvement (negative = worsening); `None` if missing or undefined.
    pub percent_change: Option<Percent>,
    /// Points earned.
    pub points: Tenths,
}

/// A full, self-explaining TIS result.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<'c> {
    /// Population graded.
    pub population: Population,
    /// Total Improvement Score (0–100), a lower bound when incomplete.
    pub tis: Tenths,
    /// Improvement category.
    pub category: Category,
    /// Every measure was available at both visits.
    pub complete: bool,
    /// When the chosen enzyme was within normal limits at baseline: the TIS and category
    /// without its enzyme points (whether such a change counts is not yet verified).
    pub without_enzyme_points: Option<(Tenths, Category)>,
    /// Per measure, in table order.
    pub measures: Vec<MeasureResult>,
    /// Contributions, missing, warnings, citation, status.
    pub explanation: Explanation<'c>,
}

/// Scores one case.
pub fn score<'c>(def: &'c Def, input: &Input) -> Result<Outcome<'c>, InvalidInput> {
    validate(def, input)?;
    let mut ex = Explanation::new(&def.meta);
    let (b, f) = (&input.baseline, &input.followup);
    let names = wire_names(input);
    // Lower is better for these four; higher is better for MMT/CMAS.
    let ranged = [
        (b.physician_global, f.physician_global, def.vas_max),
        (b.patient_global, f.patient_global, def.vas_max),
        (b.extramuscular, f.extramuscular, def.vas_max),
        (b.function, f.function, def.haq_max),
    ];
    let mut measures = Vec::with_capacity(6);
    for (i, (base, follow, range)) in ranged.into_iter().enumerate() {
        let pct = base
            .zip(follow)
            .map(|(x, y)| range_percent(x, y, range, false));
        measures.push(measure(def, i, names[i], base, follow, pct));
    }
    let (mb, mf) = (muscle_value(b.muscle), muscle_value(f.muscle));
    let muscle_range = match b.muscle.or(f.muscle) {
        Some(Muscle::Cmas(_)) => Some(def.cmas_max),
        _ => input.mmt_max,
    };
    let pct = mb
        .zip(mf)
        .zip(muscle_range)
        .map(|((x, y), r)| range_percent(x, y, r, true));
    measures.push(measure(def, MUSCLE, names[MUSCLE], mb, mf, pct));
    let (enzymes, enzyme_normal_at_baseline) = enzyme_measure(def, b, f, &mut ex);
    let enzyme_points = enzymes.points;
    measures.push(enzymes);

    for (m, d) in measures.iter().zip(&def.measures) {
        if m.baseline.is_none() || m.followup.is_none() {
            ex.missing(m.id.clone());
        } else {
            let value = m
                .percent_change
                .map_or(Value::Text("undefined".into()), |p| Value::Real(p.as_f64()));
            ex.add(m.id.clone(), &d.label, value, Some(m.points));
        }
    }
    let tis: Tenths = measures.iter().map(|m| m.points).sum();
    let complete = ex.missing.is_empty();
    if !complete {
        ex.warn(format!(
            "incomplete: {} not available at both visits scored 0; the TIS is a lower bound",
            ex.missing.join(", ")
        ));
    }
    let without_enzyme_points = enzyme_normal_at_baseline.then(|| {
        let rest = Tenths(tis.0 - enzyme_points.0);
        (rest, def.category(input.population, rest))
    });
    Ok(Outcome {
        population: input.population,
        tis,
        category: def.category(input.population, tis),
        complete,
        without_enzyme_points,
        measures,
        explanation: ex,
    })
}

/// Wire names of the six measures for this case.
fn wire_names(input: &Input) -> [&'static str; 6] {
    let function = match input.population {
        Population::Adult => "haq",
        Population::Juvenile => "chaq",
    };
    let muscle = match (
        input.baseline.muscle.or(input.followup.muscle),
        input.population,
    ) {
        (Some(Muscle::Cmas(_)), _) | (None, Population::Juvenile) => "cmas",
        _ => "mmt",
    };
    [
        "physician_global",
        "patient_global",
        "extramuscular",
        function,
        muscle,
        "enzymes",
    ]
}

fn muscle_value(m: Option<Muscle>) -> Option<Milli> {
    m.map(|(Muscle::Mmt(v) | Muscle::Cmas(v))| v)
}

/// Improvement as a percent of the scale's range.
fn range_percent(
    baseline: Milli,
    followup: Milli,
    range: Milli,
    higher_is_better: bool,
) -> Percent {
    let improvement = if higher_is_better {
        followup.0 - baseline.0
    } else {
        baseline.0 - followup.0
    };
    Percent {
        num: i128::from(improvement) * 100,
        den: i128::from(range.0),
    }
}

/// One measure's result from its values and percent change.
fn measure(
    def: &Def,
    index: usize,
    id: &str,
    baseline: Option<Milli>,
    followup: Option<Milli>,
    percent_change: Option<Percent>,
) -> MeasureResult {
    MeasureResult {
        id: id.to_owned(),
        enzyme: None,
        baseline,
        followup,
        percent_change,
        points: percent_change.map_or(Tenths(0), |p| def.points(index, p)),
    }
}

/// The most abnormal enzyme at baseline (highest multiple of ULN; ties in [`ENZYMES`] order) and
/// its relative change, computed on multiples of ULN; true when that enzyme was within normal
/// limits at baseline and its change earned points.
fn enzyme_measure(
    def: &Def,
    b: &Visit,
    f: &Visit,
    ex: &mut Explanation<'_>,
) -> (MeasureResult, bool) {
    let Some(i) = most_abnormal(&b.enzymes) else {
        let any_followup = f.enzymes.iter().flatten().next().map(|e| e.value);
        let m = measure(def, ENZYME, "enzymes", None, any_followup, None);
        return (m, false);
    };
    let name = ENZYMES[i];
    let base = b.enzymes[i].map(|e| e.value);
    let Some(follow) = f.enzymes[i] else {
        ex.warn(format!(
            "the most abnormal enzyme at baseline ({name}) has no follow-up value"
        ));
        let m = measure(def, ENZYME, "enzymes", base, None, None);
        let m = MeasureResult {
            enzyme: Some(name),
            ..m
        };
        return (m, false);
    };
    let pct = b.enzymes[i].and_then(|base| relative_change(base, follow));
    if pct.is_none() {
        ex.warn(format!(
            "baseline {name} is 0: relative change undefined, scored 0"
        ));
    }
    let m = measure(def, ENZYME, "enzymes", base, Some(follow.value), pct);
    let normal = b.enzymes[i].is_some_and(|e| e.value <= e.uln) && m.points > Tenths(0);
    if normal {
        ex.warn(format!(
            "{name} was within normal limits at baseline: whether a change inside the normal \
             range earns enzyme points is not yet verified, so the TIS is also given without \
             its {} enzyme points",
            m.points
        ));
    }
    let m = MeasureResult {
        enzyme: Some(name),
        ..m
    };
    (m, normal)
}

/// Index of the enzyme with the highest multiple of its ULN (first one on ties).
fn most_abnormal(enzymes: &[Option<Enzyme>; 5]) -> Option<usize> {
    let mut worst: Option<(usize, Enzyme)> = None;
    for (i, e) in enzymes.iter().enumerate() {
        let Some(e) = *e else { continue };
        // e.value / e.uln > w.value / w.uln, decided exactly by cross-multiplication.
        let higher = worst.is_none_or(|(_, w)| {
            i128::from(e.value.0) * i128::from(w.uln.0)
                > i128::from(w.value.0) * i128::from(e.uln.0)
        });
        if higher {
            worst = Some((i, e));
        }
    }
    worst.map(|(i, _)| i)
}

/// `100 × (b/ULN_b − f/ULN_f) / (b/ULN_b) = 100 × (b·ULN_f − f·ULN_b) / (b·ULN_f)`; `None` if
/// the baseline level is 0.
fn relative_change(base: Enzyme, follow: Enzyme) -> Option<Percent> {
    let (b, ub) = (i128::from(base.value.0), i128::from(base.uln.0));
    let (f, uf) = (i128::from(follow.value.0), i128::from(follow.uln.0));
    (b != 0).then(|| Percent {
        num: 100 * (b * uf - f * ub),
        den: b * uf,
    })
}

/// Range checks, naming wire fields.
pub fn validate(def: &Def, input: &Input) -> Result<(), InvalidInput> {
    let uses_mmt = [input.baseline.muscle, input.followup.muscle]
        .iter()
        .any(|m| matches!(m, Some(Muscle::Mmt(_))));
    let allowed_mmt = def
        .mmt_max_allowed
        .iter()
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    match input.mmt_max {
        Some(m) if !def.mmt_max_allowed.contains(&m) => {
            return Err(InvalidInput::new(
                "mmt_max",
                format!("{m} is not a maximum potential MMT score"),
                allowed_mmt,
            ));
        }
        None if uses_mmt => {
            return Err(InvalidInput::new(
                "mmt_max",
                "required when mmt is given",
                allowed_mmt,
            ));
        }
        _ => {}
    }
    let kinds = [input.baseline.muscle, input.followup.muscle]
        .map(|m| m.map(|m| matches!(m, Muscle::Cmas(_))));
    if let [Some(a), Some(b)] = kinds
        && a != b
    {
        return Err(InvalidInput::new(
            "followup",
            "baseline and follow-up use different muscle measures",
            "the same measure (mmt or cmas) at both visits",
        ));
    }
    for (visit, v) in [("baseline", &input.baseline), ("followup", &input.followup)] {
        validate_visit(def, input, visit, v)?;
    }
    Ok(())
}

fn validate_visit(def: &Def, input: &Input, visit: &str, v: &Visit) -> Result<(), InvalidInput> {
    let names = wire_names(input);
    let checks = [
        (names[0], v.physician_global, def.vas_max),
        (names[1], v.patient_global, def.vas_max),
        (names[2], v.extramuscular, def.vas_max),
        (names[3], v.function, def.haq_max),
    ];
    for (name, value, max) in checks {
        in_range(&format!("{visit}.{name}"), value, max)?;
    }
    match v.muscle {
        Some(Muscle::Mmt(x)) => in_range(
            &format!("{visit}.mmt"),
            Some(x),
            input.mmt_max.unwrap_or_default(),
        )?,
        Some(Muscle::Cmas(x)) => in_range(&format!("{visit}.cmas"), Some(x), def.cmas_max)?,
        None => {}
    }
    for (name, e) in ENZYMES.iter().zip(&v.enzymes) {
        let Some(e) = e else { continue };
        if e.value.0 < 0 {
            return Err(InvalidInput::new(
                format!("{visit}.enzymes.{name}.value"),
                format!("{} is negative", e.value),
                "0 or more",
            ));
        }
        if e.uln.0 <= 0 {
            return Err(InvalidInput::new(
                format!("{visit}.enzymes.{name}.uln"),
                format!("{} is not positive", e.uln),
                "more than 0",
            ));
        }
    }
    Ok(())
}

fn in_range(field: &str, value: Option<Milli>, max: Milli) -> Result<(), InvalidInput> {
    match value {
        Some(x) if x.0 < 0 || x > max => Err(InvalidInput::new(
            field,
            format!("{x} is out of range"),
            format!("0 to {max}, or null if not assessed"),
        )),
        _ => Ok(()),
    }
}
