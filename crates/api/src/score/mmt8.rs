//! Wire format of `mmt8`.
//!
//! Input: `{"mode": "unilateral" | "bilateral", "grades": {<group>: G, ...}}`. In unilateral mode
//! each group takes one grade G; in bilateral mode `neck_flexors` takes one grade and every other
//! group takes `{"right": G, "left": G}`. G is an integer 0-10 (Kendall), `"T"` (trace) or `null`
//! / absent (not tested).

use myo_instruments::mmt8::{self, Def, GROUP_IDS, GROUPS, Grade, GroupGrades, Input, Mode};
use myo_instruments::{Catalog, Meta};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Entry, Scored, Sink, parse, schema_object, schema_root};
use crate::error::{InputError, ScoreError};

pub(crate) const ENTRY: Entry = Entry {
    id: mmt8::ID,
    meta,
    schema,
    example,
    check_shape,
    score,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dto {
    mode: ModeDto,
    grades: GradesDto,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum ModeDto {
    Unilateral,
    Bilateral,
}

/// One field per group (Form 04 order); each is a grade, `{"right", "left"}` or null.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GradesDto {
    neck_flexors: Option<Value>,
    deltoid_middle: Option<Value>,
    biceps_brachii: Option<Value>,
    wrist_extensors: Option<Value>,
    gluteus_maximus: Option<Value>,
    gluteus_medius: Option<Value>,
    quadriceps: Option<Value>,
    ankle_dorsiflexors: Option<Value>,
}

impl GradesDto {
    fn in_order(self) -> [Option<Value>; GROUPS] {
        [
            self.neck_flexors,
            self.deltoid_middle,
            self.biceps_brachii,
            self.wrist_extensors,
            self.gluteus_maximus,
            self.gluteus_medius,
            self.quadriceps,
            self.ankle_dorsiflexors,
        ]
    }
}

const GRADE_ALLOWED: &str = "an integer Kendall grade, \"T\" (trace), or null (not tested)";

/// One grade: an integer, "T" or null. Range checks happen in the domain.
fn grade(field: &str, v: &Value) -> Result<Option<Grade>, InputError> {
    let bad = |m: String| Err(InputError::new(field, m, Some(GRADE_ALLOWED.to_owned())));
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => match n.as_i64() {
            Some(g) => Ok(Some(Grade::Kendall(g))),
            None => bad(format!("{n} is not a whole grade")),
        },
        Value::String(s) if s == "T" => Ok(Some(Grade::Trace)),
        Value::String(s) => bad(format!("{s:?} is not a grade")),
        other => bad(format!("expected a grade, got {other}")),
    }
}

/// A group's value: one grade, or `{"right", "left"}`.
fn group(field: &str, v: Option<&Value>) -> Result<GroupGrades, InputError> {
    let Some(Value::Object(sides)) = v else {
        return Ok(GroupGrades::One(match v {
            Some(v) => grade(field, v)?,
            None => None,
        }));
    };
    if let Some(unknown) = sides.keys().find(|k| *k != "right" && *k != "left") {
        return Err(InputError::new(
            format!("{field}.{unknown}"),
            format!("unknown field `{unknown}`, expected `right` or `left`"),
            None,
        ));
    }
    let side = |s: &str| {
        sides
            .get(s)
            .map_or(Ok(None), |v| grade(&format!("{field}.{s}"), v))
    };
    Ok(GroupGrades::Sides {
        right: side("right")?,
        left: side("left")?,
    })
}

pub(super) fn to_input(v: &Value) -> Result<Input, InputError> {
    let dto = parse::<Dto>(v)?;
    let mode = match dto.mode {
        ModeDto::Unilateral => Mode::Unilateral,
        ModeDto::Bilateral => Mode::Bilateral,
    };
    let mut grades = [GroupGrades::One(None); GROUPS];
    for ((slot, value), id) in grades.iter_mut().zip(dto.grades.in_order()).zip(GROUP_IDS) {
        *slot = group(&format!("grades.{id}"), value.as_ref())?;
    }
    Ok(Input { mode, grades })
}

fn meta(c: &Catalog) -> &Meta {
    &c.mmt8.meta
}

fn check_shape(v: &Value) -> Result<(), InputError> {
    to_input(v).map(drop)
}

/// The result fields of `mmt8`.
#[derive(Serialize)]
struct Out<'a> {
    mode: &'static str,
    total: Option<i64>,
    complete: bool,
    partial_sum: i64,
    max_score: i64,
    max_achievable: i64,
    trace: &'a [String],
}

fn score(catalog: &Catalog, v: &Value, sink: Sink<'_>) -> Result<(), ScoreError> {
    let o = mmt8::score(&catalog.mmt8, &to_input(v)?)?;
    let out = Out {
        mode: o.mode.as_str(),
        total: o.total,
        complete: o.complete(),
        partial_sum: o.partial_sum,
        max_score: o.max_score,
        max_achievable: o.max_achievable,
        trace: &o.trace,
    };
    // The status follows the mode: only one mode has a partial part.
    sink.write(&Scored::new(&o.explanation, out).with_status(o.status))
}

fn example() -> Value {
    json!({
        "mode": "bilateral",
        "grades": {
            "neck_flexors": 8,
            "deltoid_middle": {"right": 9, "left": 8},
            "biceps_brachii": {"right": 10, "left": 10},
            "wrist_extensors": {"right": 10, "left": "T"},
            "gluteus_maximus": {"right": 7, "left": 7},
            "gluteus_medius": {"right": 7, "left": null},
            "quadriceps": {"right": 9, "left": 9},
            "ankle_dorsiflexors": {"right": 10, "left": 10}
        }
    })
}

fn grade_schema(def: &Def, description: &str) -> Value {
    let one = json!({"type": ["integer", "string", "null"], "minimum": def.grade_min, "maximum": def.grade_max, "pattern": "^T$"});
    let sides = json!({
        "type": "object",
        "additionalProperties": false,
        "properties": {"right": one, "left": one},
    });
    json!({
        "type": ["integer", "string", "object", "null"],
        "description": description,
        "anyOf": [one, sides],
    })
}

fn schema(catalog: &Catalog) -> Value {
    let def = &catalog.mmt8;
    let mut grades = serde_json::Map::new();
    for g in &def.groups {
        let how = if g.axial {
            "axial: one grade in both modes"
        } else {
            "unilateral: one grade; bilateral: {\"right\", \"left\"}"
        };
        let text = format!(
            "{} ({how}); each grade an integer {} to {} (Kendall), \"T\" (trace), or null (not tested)",
            g.label, def.grade_min, def.grade_max
        );
        grades.insert(g.id.clone(), grade_schema(def, &text));
    }
    let body = schema_object(
        json!({
            "mode": {"type": "string", "enum": ["unilateral", "bilateral"], "description": format!("unilateral: one grade per group (0-{}); bilateral: neck flexors once, other groups right and left (0-{})", def.unilateral_max, def.bilateral_max)},
            "grades": schema_object(Value::Object(grades), &[], false, "Grades per muscle group; an absent or null group was not tested"),
        }),
        &["mode", "grades"],
        false,
        "MMT-8 examination.",
    );
    schema_root(mmt8::ID, "MMT-8 input", body, example())
}
