//! MMT-8: manual muscle testing of 8 muscle groups on the Kendall 0-10 scale (IMACS Form 04).
//!
//! The total is the sum of the grades: unilateral (one grade per group, 0-80) or bilateral (neck
//! flexors once, the other 7 groups right and left, 0-150). Missing is not normal: a group not
//! tested leaves the total unreported, with the partial sum and the maximum still achievable;
//! nothing is prorated. A trace grade ("T") is kept as entered but given no number, because its
//! IMACS value is unconfirmed; it counts 0 in the partial sum and at most 1 in the maximum
//! achievable (Kendall puts T between 0 and 1), and it makes the result incomplete.
//!
//! Status: unilateral results are `verified`; bilateral results are `partial` (the 0-150 total is
//! derived from the form layout).

use std::borrow::Cow;

use serde::Deserialize;

use crate::def::{DefError, MetaDef, Sources, parse_toml};
use crate::explain::{Explanation, InvalidInput, Meta, Status, Tenths, Value};

/// The embedded definition file.
pub const DEF_TOML: &str = include_str!("../defs/mmt8.toml");
/// Instrument id.
pub const ID: &str = "mmt8";

/// Number of muscle groups.
pub const GROUPS: usize = 8;

/// Parts of the definition, each with its own `[sources.<part>]` locator and status.
const SOURCES: [&str; 4] = [
    "muscle_groups",
    "kendall_grades",
    "unilateral_total",
    "bilateral_total",
];
/// Group ids in Form 04 order (also the input field names).
pub const GROUP_IDS: [&str; GROUPS] = [
    "neck_flexors",
    "deltoid_middle",
    "biceps_brachii",
    "wrist_extensors",
    "gluteus_maximus",
    "gluteus_medius",
    "quadriceps",
    "ankle_dorsiflexors",
];

/// How the groups were tested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One grade per group (Form 04: usually the right side), 0-80.
    Unilateral,
    /// Neck flexors once, the other groups right and left, 0-150.
    Bilateral,
}

impl Mode {
    /// Wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Unilateral => "unilateral",
            Mode::Bilateral => "bilateral",
        }
    }
}

/// One recorded grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    /// A Kendall grade as entered (range-checked by [`validate`]).
    Kendall(i64),
    /// "T": trace contraction; no confirmed numeric value.
    Trace,
}

/// The grades of one group: one grade, or right and left. `None` means not tested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupGrades {
    /// One grade (unilateral mode, or an axial group in bilateral mode). `One(None)` also stands
    /// for a group not tested on either side in bilateral mode.
    One(Option<Grade>),
    /// Right and left (non-axial groups in bilateral mode).
    Sides {
        /// Right side.
        right: Option<Grade>,
        /// Left side.
        left: Option<Grade>,
    },
}

/// One examination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input {
    /// Unilateral or bilateral testing.
    pub mode: Mode,
    /// Grades per group, in Form 04 order (see the definition's groups).
    pub grades: [GroupGrades; GROUPS],
}

/// One muscle group of the definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupDef {
    /// Input field name.
    pub id: String,
    /// Label as on the form.
    pub label: String,
    /// Axial groups are graded once even in bilateral mode.
    pub axial: bool,
}

/// The parsed, validated definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Def {
    /// Identity, citation, status.
    pub meta: Meta,
    /// Lowest Kendall grade.
    pub grade_min: i64,
    /// Highest Kendall grade.
    pub grade_max: i64,
    /// The trace symbol as written on the form.
    pub trace_symbol: String,
    /// Upper bound of a trace grade's value (the next Kendall grade).
    pub trace_upper_bound: i64,
    /// Maximum unilateral total.
    pub unilateral_max: i64,
    /// Maximum bilateral total.
    pub bilateral_max: i64,
    /// The 8 groups in Form 04 order.
    pub groups: [GroupDef; GROUPS],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    meta: MetaDef,
    sources: Sources,
    grades: RawGrades,
    totals: RawTotals,
    group: Vec<RawGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrades {
    min: i64,
    max: i64,
    trace: String,
    trace_upper_bound: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTotals {
    unilateral_max: i64,
    bilateral_max: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: String,
    label: String,
    axial: bool,
}

impl Def {
    /// Parses and validates a definition file; the totals must equal the sums of the maxima.
    pub fn parse(src: &str) -> Result<Def, DefError> {
        let raw: Raw = parse_toml(ID, src)?;
        let meta = raw.meta.build(ID, &raw.sources, &SOURCES)?;
        let ids: Vec<&str> = raw.group.iter().map(|g| g.id.as_str()).collect();
        if ids != GROUP_IDS {
            return Err(DefError::invalid(
                ID,
                format!("groups must be {GROUP_IDS:?} in that order, got {ids:?}"),
            ));
        }
        let g = &raw.grades;
        if !(g.min < g.trace_upper_bound && g.trace_upper_bound <= g.max) {
            return Err(DefError::invalid(
                ID,
                "grades: need min < trace_upper_bound <= max",
            ));
        }
        let axial = raw.group.iter().filter(|g| g.axial).count() as i64;
        let slots_bilateral = axial + 2 * (GROUPS as i64 - axial);
        if raw.totals.unilateral_max != GROUPS as i64 * g.max
            || raw.totals.bilateral_max != slots_bilateral * g.max
        {
            return Err(DefError::invalid(
                ID,
                "totals must equal the number of graded slots x the top grade",
            ));
        }
        let groups: Vec<GroupDef> = raw
            .group
            .into_iter()
            .map(|r| GroupDef {
                id: r.id,
                label: r.label,
                axial: r.axial,
            })
            .collect();
        Ok(Def {
            meta,
            grade_min: g.min,
            grade_max: g.max,
            trace_symbol: g.trace.clone(),
            trace_upper_bound: g.trace_upper_bound,
            unilateral_max: raw.totals.unilateral_max,
            bilateral_max: raw.totals.bilateral_max,
            groups: groups
                .try_into()
                .unwrap_or_else(|_| unreachable!("length checked")),
        })
    }

    /// The potential maximum of a mode.
    pub fn max_score(&self, mode: Mode) -> i64 {
        match mode {
            Mode::Unilateral => self.unilateral_max,
            Mode::Bilateral => self.bilateral_max,
        }
    }

    /// Status of a result: bilateral results rest on the partial 0-150 total.
    pub fn status(&self, mode: Mode) -> Status {
        match mode {
            Mode::Unilateral => Status::Verified,
            Mode::Bilateral => Status::Partial,
        }
    }
}

/// One graded slot: a group, or one side of it.
struct Slot<'c, 'a> {
    id: Cow<'c, str>,
    label: Cow<'c, str>,
    grade: &'a Option<Grade>,
}

/// The graded slots of an input, in form order; errors if the shape does not match the mode.
fn slots<'c, 'a>(def: &'c Def, input: &'a Input) -> Result<Vec<Slot<'c, 'a>>, InvalidInput> {
    let mut out = Vec::with_capacity(15);
    for (group, grades) in def.groups.iter().zip(&input.grades) {
        let one_expected = input.mode == Mode::Unilateral || group.axial;
        // A group not tested at all may be given as one `None` in either mode.
        let grades = match (grades, one_expected) {
            (GroupGrades::One(None), false) => &GroupGrades::Sides {
                right: None,
                left: None,
            },
            _ => grades,
        };
        match (grades, one_expected) {
            (GroupGrades::One(grade), true) => out.push(Slot {
                id: Cow::Borrowed(&group.id),
                label: Cow::Borrowed(&group.label),
                grade,
            }),
            (GroupGrades::Sides { right, left }, false) => {
                for (side, grade) in [("right", right), ("left", left)] {
                    out.push(Slot {
                        id: Cow::Owned(format!("{}.{side}", group.id)),
                        label: Cow::Owned(format!("{} ({side})", group.label)),
                        grade,
                    });
                }
            }
            (GroupGrades::Sides { .. }, true) => {
                let why = if group.axial {
                    "an axial group is graded once"
                } else {
                    "unilateral mode takes one grade per group"
                };
                return Err(InvalidInput::new(
                    format!("grades.{}", group.id),
                    format!("got right/left grades: {why}"),
                    grade_allowed(def),
                ));
            }
            (GroupGrades::One(_), false) => {
                return Err(InvalidInput::new(
                    format!("grades.{}", group.id),
                    "bilateral mode grades this group on both sides",
                    format!(
                        "an object {{\"right\": grade, \"left\": grade}}, each {}",
                        grade_allowed(def)
                    ),
                ));
            }
        }
    }
    Ok(out)
}

fn grade_allowed(def: &Def) -> String {
    format!(
        "an integer {} to {} (Kendall), \"{}\" (trace), or null (not tested)",
        def.grade_min, def.grade_max, def.trace_symbol
    )
}

/// Checks the shape against the mode and every grade against the Kendall range.
pub fn validate(def: &Def, input: &Input) -> Result<(), InvalidInput> {
    for slot in slots(def, input)? {
        if let Some(Grade::Kendall(g)) = slot.grade
            && !(def.grade_min..=def.grade_max).contains(g)
        {
            return Err(InvalidInput::new(
                format!("grades.{}", slot.id),
                format!("{g} is out of range"),
                grade_allowed(def),
            ));
        }
    }
    Ok(())
}

/// A self-explaining result.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<'c> {
    /// Testing mode.
    pub mode: Mode,
    /// `verified` for unilateral, `partial` for bilateral results.
    pub status: Status,
    /// The total, only when every slot has a numeric grade.
    pub total: Option<i64>,
    /// Sum of the numeric grades entered (trace counts 0).
    pub partial_sum: i64,
    /// The mode's potential maximum (80 or 150).
    pub max_score: i64,
    /// Highest total still possible: untested slots at the top grade, trace slots at most 1.
    pub max_achievable: i64,
    /// Slots graded "T".
    pub trace: Vec<String>,
    /// Contributions, missing slots, warnings, citation.
    pub explanation: Explanation<'c>,
}

impl Outcome<'_> {
    /// True when the total is reported (no missing slot, no trace grade).
    pub fn complete(&self) -> bool {
        self.total.is_some()
    }
}

/// Scores one examination.
pub fn score<'c>(def: &'c Def, input: &Input) -> Result<Outcome<'c>, InvalidInput> {
    validate(def, input)?;
    let status = def.status(input.mode);
    let mut ex = explanation_for(def, status);
    let (mut sum, mut headroom) = (0, 0);
    let mut trace = Vec::new();
    for slot in slots(def, input)? {
        match slot.grade {
            Some(Grade::Kendall(g)) => {
                sum += g;
                ex.add(
                    slot.id,
                    slot.label,
                    Value::Int(*g),
                    Some(Tenths(*g as i32 * 10)),
                );
            }
            Some(Grade::Trace) => {
                headroom += def.trace_upper_bound;
                trace.push(slot.id.to_string());
                ex.add(
                    slot.id,
                    slot.label,
                    Value::Text(def.trace_symbol.clone()),
                    None,
                );
            }
            None => {
                headroom += def.grade_max;
                ex.missing(slot.id);
            }
        }
    }
    if !ex.missing.is_empty() {
        ex.warn(format!(
            "{} slot(s) not tested: total not reported (never prorated); partial sum {sum}, at most {} achievable",
            ex.missing.len(),
            sum + headroom
        ));
    }
    if !trace.is_empty() {
        ex.warn(format!(
            "trace grade \"{}\" at {}: its IMACS numeric value is unconfirmed, so the total is not reported",
            def.trace_symbol,
            trace.join(", ")
        ));
    }
    let complete = ex.missing.is_empty() && trace.is_empty();
    Ok(Outcome {
        mode: input.mode,
        status,
        total: complete.then_some(sum),
        partial_sum: sum,
        max_score: def.max_score(input.mode),
        max_achievable: sum + headroom,
        trace,
        explanation: ex,
    })
}

/// An explanation whose status warning matches the mode: the only partial part of the definition
/// is the bilateral total, so unilateral results carry no "not yet verified" warning.
fn explanation_for(def: &Def, status: Status) -> Explanation<'_> {
    let mut ex = Explanation::new(&def.meta);
    if status == Status::Verified {
        ex.warnings.clear();
    }
    ex
}
