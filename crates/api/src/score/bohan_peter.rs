//! Wire format of `bohan-peter-1975`: each field `true`, `false` or `null` / absent (not
//! assessed).

use myo_instruments::bohan_peter::{self, Input};
use myo_instruments::{Catalog, Meta};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Entry, Scored, Sink, parse, schema_object, schema_root, schema_tri};
use crate::error::{InputError, ScoreError};

pub(crate) const ENTRY: Entry = Entry {
    id: bohan_peter::ID,
    meta,
    schema,
    example,
    check_shape,
    score,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dto {
    other_myopathies_excluded: Option<bool>,
    symmetric_proximal_weakness: Option<bool>,
    muscle_biopsy_evidence: Option<bool>,
    elevated_muscle_enzymes: Option<bool>,
    emg_myopathic_triad: Option<bool>,
    typical_dm_rash: Option<bool>,
}

impl From<Dto> for Input {
    fn from(d: Dto) -> Input {
        Input {
            other_myopathies_excluded: d.other_myopathies_excluded,
            // Table order: criteria 1-4, then the rash (5).
            criteria: [
                d.symmetric_proximal_weakness,
                d.muscle_biopsy_evidence,
                d.elevated_muscle_enzymes,
                d.emg_myopathic_triad,
                d.typical_dm_rash,
            ],
        }
    }
}

fn meta(c: &Catalog) -> &Meta {
    &c.bohan_peter.meta
}

fn check_shape(v: &Value) -> Result<(), InputError> {
    parse::<Dto>(v).map(drop)
}

/// The result fields of `bohan-peter-1975`.
#[derive(Serialize)]
struct Out {
    classification: Option<&'static str>,
    muscle_criteria_met: usize,
    could_change: bool,
    possible_classifications: Vec<&'static str>,
}

fn score(catalog: &Catalog, v: &Value, sink: Sink<'_>) -> Result<(), ScoreError> {
    let o = bohan_peter::score(&catalog.bohan_peter, &Input::from(parse::<Dto>(v)?))?;
    let possible: Vec<&str> = o.possible_classes.iter().map(|c| c.as_str()).collect();
    let out = Out {
        classification: o.class.map(|c| c.as_str()),
        muscle_criteria_met: o.muscle_criteria_met,
        could_change: possible.len() > 1,
        possible_classifications: possible,
    };
    sink.write(&Scored::new(&o.explanation, out))
}

fn example() -> Value {
    json!({
        "other_myopathies_excluded": true, "symmetric_proximal_weakness": true,
        "muscle_biopsy_evidence": null, "elevated_muscle_enzymes": true,
        "emg_myopathic_triad": false, "typical_dm_rash": true
    })
}

fn schema(catalog: &Catalog) -> Value {
    let def = &catalog.bohan_peter;
    let mut props = serde_json::Map::new();
    let exclusion = format!(
        "{}: {} (required before any category)",
        def.exclusion.label,
        def.excluded.join("; ")
    );
    props.insert(def.exclusion.id.clone(), schema_tri(&exclusion));
    for c in &def.criteria {
        props.insert(c.id.clone(), schema_tri(&c.label));
    }
    let body = schema_object(
        Value::Object(props),
        &[],
        false,
        "Each field true, false or null (not assessed).",
    );
    schema_root(
        bohan_peter::ID,
        "Bohan and Peter 1975 input",
        body,
        example(),
    )
}
