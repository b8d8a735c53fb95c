//! The schema and the DTOs agree on field names, at every object level of every instrument.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{REGISTRY, Scorer};

/// The field names a DTO accepts at `path`, read from serde's unknown-field error.
fn dto_fields(
    check: fn(&Value) -> Result<(), super::InputError>,
    example: &Value,
    path: &[String],
) -> BTreeSet<String> {
    let mut probe = example.clone();
    let mut at = &mut probe;
    for key in path {
        at = &mut at[key.as_str()];
    }
    at.as_object_mut()
        .expect("example has an object here")
        .insert("zz_unknown".into(), Value::Null);
    let err = check(&probe).expect_err("unknown field must be rejected");
    let want_field = path
        .iter()
        .cloned()
        .chain(["zz_unknown".to_owned()])
        .collect::<Vec<_>>()
        .join(".");
    assert!(
        err.field == want_field
            || err.field == path.join(".")
            || (path.is_empty() && err.field == "$"),
        "error at {} for probe at {want_field}",
        err.field
    );
    assert!(
        err.message.contains("unknown field `zz_unknown`"),
        "{}",
        err.message
    );
    let expected = err.message.split("expected").nth(1).unwrap_or("");
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Walks the schema's object levels, following the example into nested objects.
fn walk(
    check: fn(&Value) -> Result<(), super::InputError>,
    schema: &Value,
    example: &Value,
    path: Vec<String>,
    seen: &mut usize,
) {
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    assert_eq!(
        schema["additionalProperties"],
        Value::Bool(false),
        "closed object at {path:?}"
    );
    let schema_fields: BTreeSet<String> = props.keys().cloned().collect();
    assert_eq!(
        dto_fields(check, example, &path),
        schema_fields,
        "fields at {path:?}"
    );
    *seen += 1;
    for (key, sub) in props {
        let mut deeper = path.clone();
        deeper.push(key.clone());
        let mut ex = example;
        for k in &deeper {
            ex = &ex[k.as_str()];
        }
        if ex.is_object() {
            walk(check, sub, example, deeper, seen);
        }
    }
}

#[test]
fn schema_and_dto_agree_on_field_names() {
    let scorer = Scorer::builtin().expect("built-in definitions parse");
    for entry in REGISTRY {
        let schema = (entry.schema)(scorer.catalog());
        let example = (entry.example)();
        (entry.check_shape)(&example).expect("example has the DTO's shape");
        let mut seen = 0;
        walk(entry.check_shape, &schema, &example, Vec::new(), &mut seen);
        assert!(seen >= 1, "{}: no object level checked", entry.id);
        assert_eq!(schema["examples"][0], example, "{}", entry.id);
    }
}

#[test]
fn registry_ids_match_definitions() {
    let scorer = Scorer::builtin().expect("built-in definitions parse");
    for entry in REGISTRY {
        assert_eq!((entry.meta)(scorer.catalog()).id, entry.id);
    }
    assert_eq!(
        REGISTRY.len(),
        scorer.catalog().metas().len(),
        "every catalog entry is registered"
    );
}

#[test]
fn unknown_instrument_suggests_nearest() {
    let scorer = Scorer::builtin().expect("built-in definitions parse");
    let err = scorer
        .score_json("eular-acr-2016", &Value::Null)
        .expect_err("unknown");
    assert!(err.to_string().contains("eular-acr-2017"), "{err}");
}
