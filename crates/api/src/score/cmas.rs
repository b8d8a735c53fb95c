//! Wire format of `cmas`.
//!
//! Input: one field per item (sheet order), each an integer score, `null` / absent (not
//! performed), or for the timed items `{"seconds": whole seconds held}`.

use myo_instruments::cmas::{self, Entered, ITEMS, Input};
use myo_instruments::{Catalog, Meta};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Entry, Scored, Sink, parse, schema_object, schema_root};
use crate::error::{InputError, ScoreError};

pub(crate) const ENTRY: Entry = Entry {
    id: cmas::ID,
    meta,
    schema,
    example,
    check_shape,
    score,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dto {
    head_elevation: Option<Value>,
    leg_raise: Option<Value>,
    straight_leg_lift: Option<Value>,
    supine_to_prone: Option<Value>,
    sit_ups: Option<Value>,
    supine_to_sit: Option<Value>,
    arm_raise_straighten: Option<Value>,
    arm_raise_duration: Option<Value>,
    floor_sit: Option<Value>,
    all_fours: Option<Value>,
    floor_rise: Option<Value>,
    chair_rise: Option<Value>,
    stool_step: Option<Value>,
    pick_up: Option<Value>,
}

impl Dto {
    fn in_order(self) -> [Option<Value>; ITEMS] {
        [
            self.head_elevation,
            self.leg_raise,
            self.straight_leg_lift,
            self.supine_to_prone,
            self.sit_ups,
            self.supine_to_sit,
            self.arm_raise_straighten,
            self.arm_raise_duration,
            self.floor_sit,
            self.all_fours,
            self.floor_rise,
            self.chair_rise,
            self.stool_step,
            self.pick_up,
        ]
    }
}

const ALLOWED: &str =
    "an integer score, {\"seconds\": whole seconds} for timed items, or null (not performed)";

/// One item: an integer score, `{"seconds": n}` or null. Ranges are checked in the domain.
fn entered(field: &str, v: &Value) -> Result<Option<Entered>, InputError> {
    let bad = |f: String, m: String| Err(InputError::new(f, m, Some(ALLOWED.to_owned())));
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => n.as_i64().map_or_else(
            || bad(field.to_owned(), format!("{n} is not a whole score")),
            |s| Ok(Some(Entered::Score(s))),
        ),
        Value::Object(map) => {
            if let Some(unknown) = map.keys().find(|k| *k != "seconds") {
                return bad(
                    format!("{field}.{unknown}"),
                    format!("unknown field `{unknown}`, expected `seconds`"),
                );
            }
            match map.get("seconds").map(|s| (s, s.as_i64())) {
                Some((_, Some(secs))) => Ok(Some(Entered::Seconds(secs))),
                Some((s, None)) => bad(
                    format!("{field}.seconds"),
                    format!("{s} is not a whole number of seconds"),
                ),
                None => bad(field.to_owned(), "missing field `seconds`".to_owned()),
            }
        }
        other => bad(field.to_owned(), format!("expected a score, got {other}")),
    }
}

pub(super) fn to_input(v: &Value) -> Result<Input, InputError> {
    let dto = parse::<Dto>(v)?;
    let mut input = Input::default();
    for ((slot, value), id) in input
        .items
        .iter_mut()
        .zip(dto.in_order())
        .zip(cmas::ITEM_IDS)
    {
        *slot = match value {
            Some(v) => entered(id, &v)?,
            None => None,
        };
    }
    Ok(input)
}

fn meta(c: &Catalog) -> &Meta {
    &c.cmas.meta
}

fn check_shape(v: &Value) -> Result<(), InputError> {
    to_input(v).map(drop)
}

/// The result fields of `cmas`.
#[derive(Serialize)]
struct Out {
    total: Option<i64>,
    complete: bool,
    partial_sum: i64,
    max_score: i64,
    max_achievable: i64,
}

fn score(catalog: &Catalog, v: &Value, sink: Sink<'_>) -> Result<(), ScoreError> {
    let o = cmas::score(&catalog.cmas, &to_input(v)?)?;
    let out = Out {
        total: o.total,
        complete: o.total.is_some(),
        partial_sum: o.partial_sum,
        max_score: o.max_score,
        max_achievable: o.max_achievable,
    };
    sink.write(&Scored::new(&o.explanation, out))
}

fn example() -> Value {
    json!({
        "head_elevation": {"seconds": 75}, "leg_raise": 2, "straight_leg_lift": 4, "supine_to_prone": 3,
        "sit_ups": 5, "supine_to_sit": 3, "arm_raise_straighten": 3, "arm_raise_duration": {"seconds": 45},
        "floor_sit": 3, "all_fours": 4, "floor_rise": 3, "chair_rise": 4, "stool_step": 3, "pick_up": null
    })
}

fn schema(catalog: &Catalog) -> Value {
    let mut props = serde_json::Map::new();
    for item in &catalog.cmas.items {
        let score = json!({"type": ["integer", "null"], "minimum": 0, "maximum": item.max});
        let (types, any_of) = match &item.seconds_from {
            Some(edges) => {
                let seconds = json!({
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["seconds"],
                    "properties": {"seconds": {"type": "integer", "minimum": 0, "description": format!("whole seconds held; score bands start at {edges:?} s")}},
                });
                (
                    json!(["integer", "object", "null"]),
                    json!([score, seconds]),
                )
            }
            None => (json!(["integer", "null"]), json!([score])),
        };
        let description = format!("{}: {}", item.label, cmas::allowed(item));
        props.insert(
            item.id.clone(),
            json!({"type": types, "description": description, "anyOf": any_of}),
        );
    }
    let body = schema_object(
        Value::Object(props),
        &[],
        false,
        "CMAS items; an absent or null item was not performed.",
    );
    schema_root(cmas::ID, "CMAS input", body, example())
}
