//! Scoring over JSON: the registry of instruments and the helpers every instrument module uses.
//!
//! Each instrument has one module here owning its input DTOs (serde, `deny_unknown_fields`), its
//! JSON Schema and its output rendering, exposed as one [`Entry`] in [`REGISTRY`]. Outputs share
//! one envelope (see [`envelope`]) so that [`explain_text`] can render any result.

mod antibodies;
mod bohan_peter;
mod cmas;
mod eular_acr;
mod haq;
mod imacs_cancer;
mod mmt8;
mod tis;

use myo_instruments::{
    Catalog, Citation, Contribution, DefError, Explanation, Meta, Status, Tenths,
    Value as ItemValue,
};
use serde::Serialize;
use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde::ser::{SerializeSeq, SerializeStruct, Serializer};
use serde_json::{Value, json};

use crate::error::{InputError, ScoreError};

/// One instrument's wire adapter.
pub(crate) struct Entry {
    /// Instrument id (`eular-acr-2017`), equal to the definition's `meta.id`.
    pub id: &'static str,
    /// Its definition's metadata.
    pub meta: fn(&Catalog) -> &Meta,
    /// JSON Schema of the input.
    pub schema: fn(&Catalog) -> Value,
    /// A valid input using every object of the schema (used by the schema/DTO agreement test).
    #[cfg_attr(not(test), allow(dead_code))]
    pub example: fn() -> Value,
    /// Deserializes into the DTO only (no range checks): the schema/DTO agreement test uses it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub check_shape: fn(&Value) -> Result<(), InputError>,
    /// Parses, validates and scores one case, and writes the result to the sink.
    pub score: fn(&Catalog, &Value, Sink<'_>) -> Result<(), ScoreError>,
}

/// The registry: one line per instrument, in `--list` order.
pub(crate) const REGISTRY: &[Entry] = &[
    eular_acr::ENTRY,
    tis::ENTRY,
    mmt8::ENTRY,
    cmas::ENTRY,
    haq::ENTRY,
    bohan_peter::ENTRY,
    antibodies::ENTRY,
    imacs_cancer::ENTRY,
    // Registry: add one line per instrument here.
];

/// Scores JSON cases against the built-in catalog. Build once, reuse for every case.
#[derive(Debug, Clone)]
pub struct Scorer {
    catalog: Catalog,
    /// Input schemas in registry order, built once.
    schemas: Vec<Value>,
}

impl Scorer {
    /// A scorer over the definitions embedded in `myo-instruments`.
    pub fn builtin() -> Result<Scorer, DefError> {
        Ok(Scorer::new(Catalog::builtin()?))
    }

    /// A scorer over a given catalog.
    pub fn new(catalog: Catalog) -> Scorer {
        let schemas = REGISTRY.iter().map(|e| (e.schema)(&catalog)).collect();
        Scorer { catalog, schemas }
    }

    /// The catalog in use.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Every instrument as `{id, title, revision, status, citation}`, in registry order.
    pub fn list(&self) -> Vec<Value> {
        REGISTRY
            .iter()
            .map(|e| {
                let meta = (e.meta)(&self.catalog);
                json!({
                    "id": e.id,
                    "title": meta.title,
                    "revision": meta.revision,
                    "status": meta.status.as_str(),
                    "citation": CitationOut(&meta.citation),
                })
            })
            .collect()
    }

    /// The JSON Schema of an instrument's input.
    pub fn schema(&self, id: &str) -> Result<Value, ScoreError> {
        Ok(self.schemas[entry(id)?].clone())
    }

    /// Scores one JSON case. The JSON types are checked against the schema first (serde alone
    /// would accept an array where an object is expected), then the DTO and the ranges.
    pub fn score_json(&self, id: &str, input: &Value) -> Result<Value, ScoreError> {
        let mut out = Value::Null;
        self.score_into(id, input, Sink::Value(&mut out))?;
        Ok(out)
    }

    /// Scores one JSON case and appends the result to `out` as JSON text: the same document as
    /// [`Scorer::score_json`], keys in reading order (identity, result, items, provenance),
    /// written straight from the scored case without building a `Value` tree. The HTTP API uses
    /// this; on an error nothing is appended.
    pub fn score_to_writer(
        &self,
        id: &str,
        input: &Value,
        out: &mut Vec<u8>,
    ) -> Result<(), ScoreError> {
        self.score_into(id, input, Sink::Bytes(out))
    }

    fn score_into(&self, id: &str, input: &Value, sink: Sink<'_>) -> Result<(), ScoreError> {
        let i = entry(id)?;
        check_types(&self.schemas[i], input, Place::Root)?;
        (REGISTRY[i].score)(&self.catalog, input, sink)
    }
}

/// One case given as JSON text, parsed; a syntax error names field `$` and the position.
pub fn parse_case(text: &str) -> Result<Value, InputError> {
    serde_json::from_str(text).map_err(|e| InputError::new("$", format!("invalid JSON: {e}"), None))
}

/// Position of `id` in [`REGISTRY`].
/// The typed MMT-8 input from its API JSON (as `POST /score/mmt8` accepts), for stored records.
pub fn mmt8_input(v: &Value) -> Result<myo_instruments::mmt8::Input, InputError> {
    mmt8::to_input(v)
}

/// The typed HAQ-DI input from its API JSON (as `POST /score/haq-di` accepts), for stored records.
pub fn haq_input(catalog: &Catalog, v: &Value) -> Result<myo_instruments::haq::Input, InputError> {
    haq::parse_input(catalog, v)
}

/// The typed CMAS input from its API JSON (as `POST /score/cmas` accepts), for stored records.
pub fn cmas_input(v: &Value) -> Result<myo_instruments::cmas::Input, InputError> {
    cmas::to_input(v)
}

fn entry(id: &str) -> Result<usize, ScoreError> {
    REGISTRY
        .iter()
        .position(|e| e.id == id)
        .ok_or_else(|| ScoreError::UnknownInstrument {
            id: id.to_owned(),
            suggestions: suggest(id),
        })
}

/// Where a value sits in the input, rendered (`a.b[2]`, `$` for the root) only for an error, so
/// a valid case allocates no path strings.
#[derive(Clone, Copy)]
enum Place<'a> {
    Root,
    Key(&'a Place<'a>, &'a str),
    Index(&'a Place<'a>, usize),
}

impl std::fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Root => f.write_str("$"),
            Place::Key(Place::Root, key) => f.write_str(key),
            Place::Key(parent, key) => write!(f, "{parent}.{key}"),
            Place::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// Checks JSON types (`type`, recursively through `properties` and `items`) against a schema.
/// Unknown keys are left to the DTO, whose error lists the expected fields.
fn check_types(schema: &Value, value: &Value, place: Place<'_>) -> Result<(), InputError> {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let fits = |t: &str| t == kind || (kind == "integer" && t == "number");
    let ok = match &schema["type"] {
        Value::String(t) => fits(t),
        Value::Array(ts) => {
            let mut names = ts.iter().filter_map(Value::as_str).peekable();
            names.peek().is_none() || names.any(fits)
        }
        _ => true,
    };
    if !ok {
        let allowed: Vec<&str> = match &schema["type"] {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        return Err(InputError::new(
            place.to_string(),
            format!("expected {}, got {kind}", allowed.join(" or ")),
            None,
        ));
    }
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if let Some(sub) = schema["properties"].get(k) {
                    check_types(sub, v, Place::Key(&place, k))?;
                }
            }
        }
        Value::Array(items) if schema.get("items").is_some() => {
            for (i, v) in items.iter().enumerate() {
                check_types(&schema["items"], v, Place::Index(&place, i))?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The known ids nearest to `id` (edit distance up to 3, or one contains the other).
fn suggest(id: &str) -> Vec<String> {
    let mut scored: Vec<(usize, &str)> = REGISTRY
        .iter()
        .map(|e| (edit_distance(id, e.id), e.id))
        .filter(|&(d, known)| d <= 3 || (id.len() >= 3 && known.contains(id)))
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(3)
        .map(|(_, k)| k.to_owned())
        .collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

// ---- helpers for instrument modules ----

/// Deserializes a DTO, naming the failing field by its JSON path.
pub(crate) fn parse<T: DeserializeOwned>(input: &Value) -> Result<T, InputError> {
    serde_path_to_error::deserialize(input).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "$".to_owned() } else { path };
        InputError::new(field, e.into_inner().to_string(), None)
    })
}

/// A number in tenths as a JSON number (`101` → `10.1`).
pub(crate) fn tenths(t: Tenths) -> f64 {
    t.as_f64()
}

/// Where a scored case is written: a `Value` (the command line, pages, tests) or JSON text (the
/// HTTP API). Both come from the one [`Scored`] document, so they cannot disagree.
pub(crate) enum Sink<'o> {
    /// Replace this value with the result.
    Value(&'o mut Value),
    /// Append the result as JSON text.
    Bytes(&'o mut Vec<u8>),
}

impl Sink<'_> {
    /// Writes one scored case.
    pub(crate) fn write<R: Serialize>(self, scored: &Scored<'_, R>) -> Result<(), ScoreError> {
        let written = match self {
            Sink::Value(v) => serde_json::to_value(scored).map(|value| *v = value),
            Sink::Bytes(buf) => serde_json::to_writer(buf, scored),
        };
        // Unreachable with string keys only; kept typed rather than a panic in a library.
        written.map_err(|e| ScoreError::Output(e.to_string()))
    }
}

/// One result: the fields every result carries (`instrument`, `revision`, `title`, `status`,
/// `contributions`, `missing`, `warnings`, `notes`, `citation`, `see_also`) around the
/// instrument's own result fields `R`, borrowed from the definition and the explanation.
#[derive(Serialize)]
pub(crate) struct Scored<'a, R> {
    instrument: &'a str,
    revision: u32,
    title: &'a str,
    status: &'static str,
    #[serde(flatten)]
    result: R,
    #[serde(serialize_with = "contributions")]
    contributions: &'a [Contribution<'a>],
    missing: &'a [Cow<'a, str>],
    missing_rule: &'a str,
    warnings: &'a [Cow<'a, str>],
    notes: &'a [String],
    #[serde(serialize_with = "citation")]
    citation: &'a Citation,
    #[serde(serialize_with = "citations")]
    see_also: &'a [Citation],
}

impl<'a, R: Serialize> Scored<'a, R> {
    /// The result of `ex` with the instrument's own fields; the status is the definition's.
    pub(crate) fn new(ex: &'a Explanation<'a>, result: R) -> Self {
        let m = ex.meta;
        Scored {
            instrument: &m.id,
            revision: m.revision,
            title: &m.title,
            status: m.status.as_str(),
            result,
            contributions: &ex.contributions,
            missing: &ex.missing,
            missing_rule: &m.missing_rule,
            warnings: &ex.warnings,
            notes: &m.notes,
            citation: &m.citation,
            see_also: &m.see_also,
        }
    }

    /// Overrides the status, for an instrument whose status depends on the input (MMT-8 modes).
    pub(crate) fn with_status(mut self, status: Status) -> Self {
        self.status = status.as_str();
        self
    }
}

fn contributions<S: Serializer>(items: &&[Contribution<'_>], s: S) -> Result<S::Ok, S::Error> {
    let mut seq = s.serialize_seq(Some(items.len()))?;
    for c in *items {
        seq.serialize_element(&ContributionOut(c))?;
    }
    seq.end()
}

struct ContributionOut<'a>(&'a Contribution<'a>);

impl Serialize for ContributionOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut m = s.serialize_struct("Contribution", 4)?;
        m.serialize_field("item", &c.item)?;
        m.serialize_field("label", &c.label)?;
        match &c.value {
            ItemValue::Bool(b) => m.serialize_field("value", b)?,
            ItemValue::Int(n) => m.serialize_field("value", n)?,
            ItemValue::Real(x) => m.serialize_field("value", x)?,
            ItemValue::Text(t) => m.serialize_field("value", t)?,
        }
        m.serialize_field("points", &c.points.map(Tenths::as_f64))?;
        m.end()
    }
}

fn citation<S: Serializer>(c: &&Citation, s: S) -> Result<S::Ok, S::Error> {
    CitationOut(c).serialize(s)
}

fn citations<S: Serializer>(cs: &&[Citation], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(cs.iter().map(CitationOut))
}

struct CitationOut<'a>(&'a Citation);

impl Serialize for CitationOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Citation", 3)?;
        m.serialize_field("reference", &self.0.reference)?;
        m.serialize_field("doi", &self.0.doi)?;
        m.serialize_field("locator", &self.0.locator)?;
        m.end()
    }
}

const ENVELOPE_KEYS: [&str; 11] = [
    "instrument",
    "revision",
    "title",
    "status",
    "citation",
    "see_also",
    "notes",
    "contributions",
    "missing",
    "missing_rule",
    "warnings",
];

/// Renders any result (an output of [`Scorer::score_json`]) as a readable explanation: result
/// fields, item by item contributions, missing items, warnings, notes, status and citation.
pub fn explain_text(output: &Value) -> String {
    let get = |k: &str| output.get(k).cloned().unwrap_or(Value::Null);
    let mut out = format!(
        "{} ({} revision {})\nstatus: {}\n\nresult:\n",
        scalar(&get("title")),
        scalar(&get("instrument")),
        scalar(&get("revision")),
        scalar(&get("status"))
    );
    if let Value::Object(map) = output {
        // The headline first (EULAR/ACR's `outcome`), then the other fields.
        let mut fields: Vec<(&String, &Value)> = map
            .iter()
            .filter(|(k, _)| !ENVELOPE_KEYS.contains(&k.as_str()))
            .collect();
        fields.sort_by_key(|(k, _)| k.as_str() != "outcome");
        for (k, v) in fields {
            field_lines(&mut out, k, v, 1);
        }
    }
    out += "\nitems:\n";
    for c in get("contributions").as_array().into_iter().flatten() {
        let points = match c.get("points") {
            Some(Value::Null) | None => String::new(),
            Some(p) => format!(" -> {} points", scalar(p)),
        };
        out += &format!(
            "  {} ({}): {}{points}\n",
            scalar(&c["label"]),
            scalar(&c["item"]),
            scalar(&c["value"])
        );
    }
    let list = |key: &str| -> Vec<String> {
        get(key)
            .as_array()
            .into_iter()
            .flatten()
            .map(scalar)
            .collect()
    };
    let missing = list("missing");
    if !missing.is_empty() {
        out += &format!(
            "\nnot assessed ({}): {}\n",
            scalar(&get("missing_rule")),
            missing.join(", ")
        );
    }
    for key in ["warnings", "notes"] {
        let items = list(key);
        if !items.is_empty() {
            out += &format!("\n{key}:\n");
            for w in items {
                out += &format!("  - {w}\n");
            }
        }
    }
    let cite = |c: &Value| {
        let doi = c
            .get("doi")
            .and_then(Value::as_str)
            .map(|d| format!(" doi:{d}"));
        format!(
            "{}.{} [{}]",
            scalar(&c["reference"]),
            doi.unwrap_or_default(),
            scalar(&c["locator"])
        )
    };
    out += &format!("\ncitation: {}\n", cite(&get("citation")));
    for c in get("see_also").as_array().into_iter().flatten() {
        out += &format!("see also: {}\n", cite(c));
    }
    out
}

/// One `key: value` line, with nested objects indented below their key.
fn field_lines(out: &mut String, key: &str, value: &Value, depth: usize) {
    let pad = "  ".repeat(depth);
    match value {
        Value::Object(map) => {
            *out += &format!("{pad}{key}:\n");
            for (k, v) in map {
                field_lines(out, k, v, depth + 1);
            }
        }
        Value::Array(items) if items.iter().all(|v| !v.is_object() && !v.is_array()) => {
            let items: Vec<String> = items.iter().map(scalar).collect();
            *out += &format!("{pad}{key}: [{}]\n", items.join(", "));
        }
        Value::Array(items) => {
            *out += &format!("{pad}{key}:\n");
            for item in items {
                *out += &format!("{pad}  - {item}\n");
            }
        }
        other => *out += &format!("{pad}{key}: {}\n", scalar(other)),
    }
}

/// A JSON scalar for reading: strings bare, numbers to at most 4 decimals.
fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".to_owned(),
        Value::Number(n) if n.is_f64() => {
            let x = n.as_f64().unwrap_or_default();
            let rounded = format!("{x:.4}");
            let trimmed = rounded.trim_end_matches('0');
            if trimmed.ends_with('.') {
                format!("{trimmed}0")
            } else {
                trimmed.to_owned()
            }
        }
        other => other.to_string(),
    }
}

// ---- JSON Schema helpers ----

/// `true`, `false` or `null` (not assessed).
pub(crate) fn schema_tri(description: &str) -> Value {
    json!({"type": ["boolean", "null"], "description": description})
}

/// A number in `[min, max]`, or `null` when `nullable`.
pub(crate) fn schema_number(
    min: f64,
    max: Option<f64>,
    nullable: bool,
    description: &str,
) -> Value {
    let mut s = json!({
        "type": if nullable { json!(["number", "null"]) } else { json!("number") },
        "minimum": min,
        "description": description,
    });
    if let Some(max) = max {
        s["maximum"] = json!(max);
    }
    s
}

/// A closed object (`additionalProperties: false`), optionally nullable.
pub(crate) fn schema_object(
    properties: Value,
    required: &[&str],
    nullable: bool,
    description: &str,
) -> Value {
    json!({
        "type": if nullable { json!(["object", "null"]) } else { json!("object") },
        "description": description,
        "additionalProperties": false,
        "properties": properties,
        "required": required,
    })
}

/// Wraps an input schema with the draft and id headers.
pub(crate) fn schema_root(id: &str, title: &str, mut body: Value, example: Value) -> Value {
    body["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    body["$id"] = json!(format!("myo:score/{id}/input"));
    body["title"] = json!(title);
    body["examples"] = json!([example]);
    body
}

#[cfg(test)]
mod tests;
