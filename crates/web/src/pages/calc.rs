//! Calculators: one form per instrument, built from the instrument's JSON Schema (so a new
//! instrument gets a form with no code here), grouped and ordered for the two instruments laid
//! out by hand (EULAR/ACR 2017 and TIS 2016). The result is explained item by item, with the
//! citation, the status and the notes. Nothing entered is stored.
//!
//! Form fields are named by the input's dotted JSON path (`baseline.enzymes.ck.value`). A
//! yes/no item has three choices, "not assessed" being the default: missing is not normal.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value};

use super::{Layout, PageError, render};
use crate::AppState;
use crate::auth::MaybeUser;
use crate::markdown::escape;

/// Top-level groups for instruments laid out by hand: `(heading, fields)`. Fields the schema
/// has but the list lacks are shown afterwards, so a schema change never hides an item.
fn groups(id: &str) -> &'static [(&'static str, &'static [&'static str])] {
    match id {
        "eular-acr-2017" => &[
            ("Age", &["age_at_onset_years"]),
            (
                "Muscle weakness",
                &[
                    "proximal_upper_weakness",
                    "proximal_lower_weakness",
                    "neck_flexors_weaker_than_extensors",
                    "proximal_legs_weaker_than_distal",
                ],
            ),
            (
                "Skin",
                &["heliotrope_rash", "gottrons_papules", "gottrons_sign"],
            ),
            ("Other clinical signs", &["dysphagia"]),
            ("Laboratory", &["anti_jo1", "elevated_muscle_enzymes"]),
            ("Muscle biopsy", &["muscle_biopsy"]),
            (
                "Subgroup items (used only once classified)",
                &["finger_flexor_weakness", "no_response_to_treatment"],
            ),
        ],
        "tis-2016" => &[
            ("Population", &["population", "mmt_max"]),
            ("Baseline visit", &["baseline"]),
            ("Follow-up visit", &["followup"]),
        ],
        _ => &[],
    }
}

/// Preferred order of nested keys; others follow alphabetically.
const KEY_ORDER: &[&str] = &[
    "physician_global",
    "patient_global",
    "extramuscular",
    "haq",
    "chaq",
    "mmt",
    "cmas",
    "enzymes",
    "ck",
    "aldolase",
    "ast",
    "alt",
    "ldh",
    "value",
    "uln",
    "endomysial_infiltrate",
    "perimysial_or_perivascular_infiltrate",
    "perifascicular_atrophy",
    "rimmed_vacuoles",
];

/// Labels clearer than the schema's descriptions, by path.
const LABELS: &[(&str, &str)] = &[
    (
        "age_at_onset_years",
        "Age at onset of the first symptom thought to be part of the disease (years)",
    ),
    ("population", "Population: adult DM/PM, or juvenile DM"),
    (
        "mmt_max",
        "Maximum possible MMT total (needed when MMT is given)",
    ),
];

/// Labels for nullable objects whose presence means something.
fn presence_label(path: &str) -> Option<&'static str> {
    match path {
        "muscle_biopsy" => Some("A muscle biopsy was done (leave unticked if not)"),
        _ => None,
    }
}

fn ordered_keys(props: &Map<String, Value>) -> Vec<&String> {
    let mut keys: Vec<&String> = props.keys().collect();
    keys.sort_by_key(|k| {
        (
            KEY_ORDER.iter().position(|o| o == k).unwrap_or(usize::MAX),
            k.as_str().to_owned(),
        )
    });
    keys
}

fn types(schema: &Value) -> Vec<&str> {
    match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// What kind of control a schema asks for.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Control {
    /// true / false / not assessed.
    Tri,
    /// A number.
    Number,
    /// One of a list.
    Choice,
    /// A nested object.
    Object,
    /// Anything else: a text box read as JSON when it parses, else as text.
    Text,
}

fn control(schema: &Value) -> Control {
    let t = types(schema);
    let nonnull: Vec<&str> = t.iter().copied().filter(|x| *x != "null").collect();
    if schema.get("enum").is_some() {
        Control::Choice
    } else if nonnull == ["boolean"] {
        Control::Tri
    } else if nonnull == ["number"] || nonnull == ["integer"] {
        Control::Number
    } else if nonnull == ["object"] {
        Control::Object
    } else {
        Control::Text
    }
}

fn nullable(schema: &Value) -> bool {
    types(schema).contains(&"null")
        || schema["enum"]
            .as_array()
            .is_some_and(|e| e.contains(&Value::Null))
}

const ABBREVIATIONS: &[&str] = &[
    "ck", "ldh", "ast", "alt", "mmt", "haq", "chaq", "cmas", "tis", "uln", "cdasi",
];

fn humanize(key: &str) -> String {
    // Abbreviations: `ck` → `CK`, `mmt` → `MMT`.
    if ABBREVIATIONS.contains(&key) {
        return key.to_ascii_uppercase();
    }
    let s = key.replace('_', " ");
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// `baseline.mmt` → `f-baseline-mmt`
pub fn field_id(path: &str) -> String {
    format!(
        "f-{}",
        path.replace(['.', '[', ']'], "-").trim_end_matches('-')
    )
}

/// Renders the form controls; `values` are the submitted ones (kept on error), `error` the
/// field at fault.
struct FormWriter<'a> {
    values: &'a HashMap<String, String>,
    error: Option<(&'a str, &'a str)>,
    out: String,
}

impl FormWriter<'_> {
    fn value(&self, path: &str) -> &str {
        self.values.get(path).map_or("", String::as_str)
    }

    fn error_for(&self, path: &str) -> Option<&str> {
        self.error.filter(|(f, _)| *f == path).map(|(_, m)| m)
    }

    /// Hint and error paragraphs for a field, and the attributes that link the control to them.
    fn describe(&self, path: &str, schema: &Value) -> (String, String) {
        let id = field_id(path);
        let (mut html, mut ids) = (String::new(), Vec::new());
        if let Some(range) = range_text(schema) {
            html.push_str(&format!(
                "<p class=\"hint\" id=\"{id}-hint\">{}</p>",
                escape(&range)
            ));
            ids.push(format!("{id}-hint"));
        }
        if let Some(msg) = self.error_for(path) {
            html.push_str(&format!(
                "<p class=\"field-error\" id=\"{id}-error\">{}</p>",
                escape(msg)
            ));
            ids.push(format!("{id}-error"));
        }
        let mut attrs = String::new();
        if !ids.is_empty() {
            attrs.push_str(&format!(" aria-describedby=\"{}\"", ids.join(" ")));
        }
        if self.error_for(path).is_some() {
            attrs.push_str(" aria-invalid=\"true\"");
        }
        (attrs, html)
    }

    fn field(&mut self, path: &str, key: &str, schema: &Value) {
        let id = field_id(path);
        let label = match LABELS.iter().find(|(p, _)| *p == path) {
            Some((_, l)) => (*l).to_owned(),
            None => schema["description"]
                .as_str()
                .map_or_else(|| humanize(key), plain_label),
        };
        match control(schema) {
            Control::Tri => {
                let v = self.value(path).to_owned();
                self.out.push_str(&format!(
                    "<fieldset class=\"tri\" id=\"{id}\"><legend>{}</legend><div class=\"choices\">",
                    escape(&label)
                ));
                for (val, text) in [("true", "Yes"), ("false", "No"), ("", "Not assessed")] {
                    let checked = if v == val { " checked" } else { "" };
                    let suffix = if val.is_empty() { "na" } else { val };
                    self.out.push_str(&format!(
                        "<label for=\"{id}-{suffix}\"><input type=\"radio\" id=\"{id}-{suffix}\" name=\"{}\" value=\"{val}\"{checked}> {text}</label>",
                        escape(path)
                    ));
                }
                self.out.push_str("</div>");
                let (_, hints) = self.describe(path, schema);
                self.out.push_str(&hints);
                self.out.push_str("</fieldset>\n");
            }
            Control::Number | Control::Text => {
                let (attrs, hints) = self.describe(path, schema);
                let mode = if control(schema) == Control::Number {
                    " inputmode=\"decimal\""
                } else {
                    ""
                };
                self.out.push_str(&format!(
                    "<div class=\"field\"><label for=\"{id}\">{}</label>{hints}<input type=\"text\" id=\"{id}\" name=\"{}\" value=\"{}\"{mode}{attrs} autocomplete=\"off\"></div>\n",
                    escape(&label),
                    escape(path),
                    escape(self.value(path))
                ));
            }
            Control::Choice => {
                let (attrs, hints) = self.describe(path, schema);
                let current = normalize_number(self.value(path));
                let mut opts = String::from("<option value=\"\">Not given</option>");
                for text in schema["enum"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(option_text)
                {
                    let sel = if text == current { " selected" } else { "" };
                    opts.push_str(&format!(
                        "<option value=\"{}\"{sel}>{}</option>",
                        escape(&text),
                        escape(&humanize(&text))
                    ));
                }
                self.out.push_str(&format!(
                    "<div class=\"field\"><label for=\"{id}\">{}</label>{hints}<select id=\"{id}\" name=\"{}\"{attrs}>{opts}</select></div>\n",
                    escape(&label),
                    escape(path)
                ));
            }
            Control::Object => {
                self.out.push_str(&format!(
                    "<fieldset class=\"group\" id=\"{id}\"><legend>{}</legend>\n",
                    escape(&humanize(key))
                ));
                let presence = presence_label(path);
                if let Some(desc) = schema["description"]
                    .as_str()
                    .filter(|d| presence.is_none() && !plain_label(d).is_empty())
                {
                    self.out.push_str(&format!(
                        "<p class=\"hint\">{}</p>",
                        escape(&plain_label(desc))
                    ));
                }
                if let Some(text) = presence {
                    let p = format!("{path}.__present");
                    let checked = if self.value(&p) == "on" {
                        " checked"
                    } else {
                        ""
                    };
                    self.out.push_str(&format!(
                        "<div class=\"field check\"><input type=\"checkbox\" id=\"{id}-present\" name=\"{}\" value=\"on\"{checked}> <label for=\"{id}-present\">{}</label></div>\n",
                        escape(&p),
                        escape(text)
                    ));
                }
                if let Some(msg) = self.error_for(path) {
                    self.out
                        .push_str(&format!("<p class=\"field-error\">{}</p>", escape(msg)));
                }
                if let Value::Object(props) = &schema["properties"] {
                    for k in ordered_keys(props) {
                        self.field(&format!("{path}.{k}"), k, &props[k]);
                    }
                }
                self.out.push_str("</fieldset>\n");
            }
        }
    }
}

/// The form text of an enum value: strings as they are, numbers in shortest form (`80`, `7.5`).
fn option_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => n.as_f64().map(|x| format!("{x}")),
        other => Some(other.to_string()),
    }
}

/// `80.0` and `80` name the same option.
fn normalize_number(raw: &str) -> String {
    match raw.parse::<f64>() {
        Ok(x) if x.is_finite() => format!("{x}"),
        _ => raw.to_owned(),
    }
}

/// A schema description as a form label: the API's "null" wording is dropped (the form says
/// "not assessed" itself).
fn plain_label(description: &str) -> String {
    let cut = ["; null", ", null", " (null", "; absent", "null or absent"]
        .iter()
        .filter_map(|m| description.find(m))
        .min()
        .unwrap_or(description.len());
    description[..cut]
        .trim_end_matches([' ', ';', ','])
        .to_owned()
}

fn range_text(schema: &Value) -> Option<String> {
    let num = |v: &Value| v.as_f64().map_or_else(|| v.to_string(), |x| format!("{x}"));
    let min = schema
        .get("minimum")
        .or_else(|| schema.get("exclusiveMinimum"))
        .map(num)?;
    let max = schema.get("maximum").map(num);
    Some(match max {
        Some(max) => format!("From {min} to {max}. Leave empty if not assessed."),
        None if schema.get("exclusiveMinimum").is_some() => format!("More than {min}."),
        None => format!("{min} or more. Leave empty if not assessed."),
    })
}

/// The whole form body for `schema`.
fn form_html(
    id: &str,
    schema: &Value,
    values: &HashMap<String, String>,
    error: Option<(&str, &str)>,
) -> String {
    let mut w = FormWriter {
        values,
        error,
        out: String::new(),
    };
    let Value::Object(props) = &schema["properties"] else {
        return w.out;
    };
    let mut done: Vec<&str> = Vec::new();
    for (heading, fields) in groups(id) {
        w.out.push_str(&format!(
            "<section class=\"form-group\"><h2>{}</h2>\n",
            escape(heading)
        ));
        for f in fields.iter().filter(|f| props.contains_key(**f)) {
            w.field(f, f, &props[*f]);
            done.push(f);
        }
        w.out.push_str("</section>\n");
    }
    let rest: Vec<&String> = ordered_keys(props)
        .into_iter()
        .filter(|k| !done.contains(&k.as_str()))
        .collect();
    if !rest.is_empty() {
        let heading = if done.is_empty() {
            "Items"
        } else {
            "Other items"
        };
        w.out.push_str(&format!(
            "<section class=\"form-group\"><h2>{heading}</h2>\n"
        ));
        for k in rest {
            w.field(k, k, &props[k]);
        }
        w.out.push_str("</section>\n");
    }
    w.out
}

/// Reads the submitted fields back into the instrument's JSON input. A value that is not a
/// number where one is needed is reported with its field; empty means not assessed.
pub fn build_input(
    schema: &Value,
    values: &HashMap<String, String>,
) -> Result<Value, (String, String)> {
    match build(schema, "", values)? {
        Some(v) => Ok(v),
        None => Ok(Value::Object(Map::new())),
    }
}

fn build(
    schema: &Value,
    path: &str,
    values: &HashMap<String, String>,
) -> Result<Option<Value>, (String, String)> {
    let raw = values.get(path).map_or("", |s| s.trim());
    let empty = || {
        if nullable(schema) {
            Some(Value::Null)
        } else {
            None
        }
    };
    match control(schema) {
        Control::Object => {
            let mut map = Map::new();
            let mut any = false;
            if let Value::Object(props) = &schema["properties"] {
                for (k, sub) in props {
                    let child = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    if let Some(v) = build(sub, &child, values)? {
                        any |= !v.is_null();
                        map.insert(k.clone(), v);
                    }
                }
            }
            let present = values
                .get(&format!("{path}.__present"))
                .is_some_and(|v| v == "on");
            if path.is_empty() || !nullable(schema) || present || any {
                Ok(Some(Value::Object(map)))
            } else {
                Ok(Some(Value::Null))
            }
        }
        _ if raw.is_empty() => Ok(empty()),
        Control::Tri => match raw {
            "true" => Ok(Some(Value::Bool(true))),
            "false" => Ok(Some(Value::Bool(false))),
            _ => Err((path.to_owned(), "choose yes, no or not assessed".to_owned())),
        },
        Control::Number => {
            let normalized = raw.replace(',', ".");
            match normalized.parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(Some(number(x))),
                _ => Err((
                    path.to_owned(),
                    format!("\u{201c}{raw}\u{201d} is not a number"),
                )),
            }
        }
        Control::Choice => {
            let allowed = schema["enum"].as_array().cloned().unwrap_or_default();
            allowed
                .into_iter()
                .find(|v| option_text(v).is_some_and(|t| t == normalize_number(raw)))
                .map(Some)
                .ok_or_else(|| {
                    (
                        path.to_owned(),
                        "choose one of the listed values".to_owned(),
                    )
                })
        }
        Control::Text => Ok(Some(
            serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_owned())),
        )),
    }
}

/// Whole numbers as JSON integers (`60`, not `60.0`), so integer-typed fields accept them.
fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        // Exact: |x| < 2^53 and no fraction.
        #[allow(clippy::cast_possible_truncation)]
        Value::from(x as i64)
    } else {
        Value::from(x)
    }
}

/// One instrument in the list.
#[derive(Debug, Clone)]
pub struct InstrumentLink {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `verified` or `partial`.
    pub status: String,
}

#[derive(Template)]
#[template(path = "calc_index.html")]
struct IndexPage {
    l: Layout,
    instruments: Vec<InstrumentLink>,
}

/// `GET /calculators`
pub async fn index(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
) -> Response {
    let instruments = state
        .scorer()
        .list()
        .into_iter()
        .map(|v| InstrumentLink {
            id: v["id"].as_str().unwrap_or_default().to_owned(),
            title: v["title"].as_str().unwrap_or_default().to_owned(),
            status: v["status"].as_str().unwrap_or_default().to_owned(),
        })
        .collect();
    render(&IndexPage {
        l: Layout::new(&state, user.as_ref(), &loc, "Calculators", "calc"),
        instruments,
    })
}

/// A result line: label and value, both display text.
#[derive(Debug, Clone)]
pub struct Line {
    /// Label.
    pub label: String,
    /// Value as HTML (escaped).
    pub html: String,
}

/// One item's contribution.
#[derive(Debug, Clone)]
pub struct Item {
    /// Item label.
    pub label: String,
    /// Item id.
    pub item: String,
    /// The value used.
    pub value: String,
    /// Points, if the item scores points.
    pub points: Option<String>,
}

/// A scored result, ready for the template.
#[derive(Debug, Clone)]
pub struct ResultView {
    /// Result fields (score, category, …).
    pub lines: Vec<Line>,
    /// Item by item.
    pub items: Vec<Item>,
    /// Items not assessed.
    pub missing: Vec<String>,
    /// How this instrument counts an item that was not assessed, in words.
    pub missing_rule: String,
    /// Warnings (the partial-status warning first).
    pub warnings: Vec<String>,
    /// Notes from the definition.
    pub notes: Vec<String>,
}

const ENVELOPE: [&str; 11] = [
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

/// The headline `outcome` in plain words (EULAR/ACR): what the code means for a reader.
fn outcome_words(code: &str) -> Option<&'static str> {
    Some(match code {
        "not_classifiable" => {
            "Not classifiable: with no heliotrope rash, Gottron's papules or Gottron's sign and \
             no muscle biopsy feature, the criteria do not classify this as an inflammatory \
             myopathy, whatever the score"
        }
        "definite" => "Definite inflammatory myopathy by the classification criteria",
        "probable" => "Probable inflammatory myopathy by the classification criteria",
        "possible" => "Possible inflammatory myopathy by the classification criteria",
        "not_iim" => "Not classified as an inflammatory myopathy by the criteria",
        _ => return None,
    })
}

/// A result value as text: codes (`without_biopsy`) get spaces, long fractions are rounded to
/// 4 decimals (the published precision of the probabilities we show).
fn display(v: &Value) -> String {
    match v {
        Value::Null => "not available".to_owned(),
        Value::Bool(true) => "yes".to_owned(),
        Value::Bool(false) => "no".to_owned(),
        Value::String(s) if !s.contains(' ') => {
            code_label(s).map_or_else(|| s.replace('_', " "), str::to_owned)
        }
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_f64() => n.as_f64().map_or_else(
            || n.to_string(),
            |x| {
                let rounded = format!("{x:.4}");
                rounded
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_owned()
            },
        ),
        other => other.to_string(),
    }
}

/// Human labels for result codes (the JSON API keeps the codes).
fn code_label(code: &str) -> Option<&'static str> {
    Some(match code {
        "not_iim" => "Not IIM",
        "dm" => "Dermatomyositis (DM)",
        "adm" => "Amyopathic dermatomyositis (ADM)",
        "jdm" => "Juvenile dermatomyositis (JDM)",
        "pm" => "Polymyositis (PM)",
        "ibm" => "Inclusion body myositis (IBM)",
        "juvenile_myositis_other" => "Juvenile myositis other than JDM",
        "without_biopsy" => "Without muscle biopsy",
        "with_biopsy" => "With muscle biopsy",
        "not_met" => "Criteria not met",
        "possible_pm" => "Possible polymyositis (PM)",
        "probable_pm" => "Probable polymyositis (PM)",
        "definite_pm" => "Definite polymyositis (PM)",
        "possible_dm" => "Possible dermatomyositis (DM)",
        "probable_dm" => "Probable dermatomyositis (DM)",
        "definite_dm" => "Definite dermatomyositis (DM)",
        "not_tested" => "Not tested",
        "at_diagnosis" => "At diagnosis",
        _ => return None,
    })
}

/// The form's label for an input field (searched through nested objects), so missing items read
/// as the questions the user saw.
fn form_label(schema: &Value, key: &str) -> Option<String> {
    if let Some((_, l)) = LABELS.iter().find(|(p, _)| *p == key) {
        return Some((*l).to_owned());
    }
    let props = schema["properties"].as_object()?;
    if let Some(field) = props.get(key) {
        let label = field["description"]
            .as_str()
            .map_or_else(|| humanize(key), plain_label);
        return Some(if label.is_empty() {
            humanize(key)
        } else {
            label
        });
    }
    props.values().find_map(|sub| form_label(sub, key))
}

/// Headline fields first.
const RESULT_ORDER: &[&str] = &[
    "outcome",
    "category",
    "classification",
    "score",
    "tis",
    "total",
    "haq_di",
    "probability",
    "subgroup",
    "classifiable",
    "complete",
    "model",
    "population",
];

fn value_html(v: &Value) -> String {
    match v {
        Value::Object(map) => {
            let rows: String = map
                .iter()
                .map(|(k, v)| {
                    format!(
                        "<li><strong>{}:</strong> {}</li>",
                        escape(&humanize(k)),
                        value_html(v)
                    )
                })
                .collect();
            format!("<ul class=\"plain\">{rows}</ul>")
        }
        Value::Array(items) if items.is_empty() => "none".to_owned(),
        Value::Array(items) => {
            let rows: String = items
                .iter()
                .map(|i| format!("<li>{}</li>", value_html(i)))
                .collect();
            format!("<ul class=\"plain\">{rows}</ul>")
        }
        other => escape(&display(other)),
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().into_iter().flatten().map(display).collect()
}

/// Shapes a scorer output for display; `schema` (the instrument's input schema) names the
/// missing items by their form labels.
pub fn result_view(out: &Value, schema: &Value) -> ResultView {
    let mut fields: Vec<(&String, &Value)> = out
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| !ENVELOPE.contains(&k.as_str()))
        .collect();
    fields.sort_by_key(|(k, _)| {
        RESULT_ORDER
            .iter()
            .position(|o| o == k)
            .unwrap_or(usize::MAX)
    });
    let lines = fields
        .into_iter()
        .map(|(k, v)| Line {
            label: humanize(k),
            html: match (k.as_str(), v.as_str().and_then(outcome_words)) {
                ("outcome", Some(words)) => escape(words).to_string(),
                _ => value_html(v),
            },
        })
        .collect();
    let items = out["contributions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| Item {
            label: display(&c["label"]),
            item: display(&c["item"]),
            value: display(&c["value"]),
            points: (!c["points"].is_null()).then(|| display(&c["points"])),
        })
        .collect();
    ResultView {
        lines,
        items,
        missing: out["missing"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| {
                m.as_str()
                    .and_then(|k| form_label(schema, k))
                    .unwrap_or_else(|| display(m))
            })
            .collect(),
        missing_rule: display(&out["missing_rule"]),
        warnings: strings(&out["warnings"]),
        notes: strings(&out["notes"]),
    }
}

#[derive(Template)]
#[template(path = "calc_form.html")]
struct FormPage {
    l: Layout,
    id: String,
    title: String,
    status: String,
    citation: String,
    locator: String,
    doi: Option<String>,
    classification: bool,
    form_html: String,
    error: Option<(String, String)>,
    result: Option<ResultView>,
}

impl FormPage {
    fn error_id(&self) -> String {
        self.error
            .as_ref()
            .map(|(f, _)| field_id(f))
            .unwrap_or_default()
    }
}

fn page(
    state: &AppState,
    user: Option<&crate::auth::CurrentUser>,
    loc: &crate::i18n::Locale,
    id: &str,
    values: &HashMap<String, String>,
    error: Option<(String, String)>,
    result: Option<ResultView>,
) -> Result<FormPage, PageError> {
    let not_found = || {
        PageError(
            StatusCode::NOT_FOUND,
            format!("There is no calculator called \u{201c}{id}\u{201d}."),
        )
    };
    let schema = state.scorer().schema(id).map_err(|_| not_found())?;
    let meta = state
        .scorer()
        .list()
        .into_iter()
        .find(|v| v["id"] == id)
        .ok_or_else(not_found)?;
    let title = meta["title"].as_str().unwrap_or(id).to_owned();
    let err_ref = error.as_ref().map(|(f, m)| (f.as_str(), m.as_str()));
    Ok(FormPage {
        l: Layout::new(state, user, loc, title.clone(), "calc"),
        id: id.to_owned(),
        classification: title.to_lowercase().contains("classification")
            || title.to_lowercase().contains("criteria"),
        status: meta["status"].as_str().unwrap_or_default().to_owned(),
        citation: meta["citation"]["reference"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        locator: meta["citation"]["locator"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        doi: meta["citation"]["doi"].as_str().map(str::to_owned),
        form_html: form_html(id, &schema, values, err_ref),
        title,
        error,
        result,
    })
}

/// `GET /calculators/{id}`
pub async fn form(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    Ok(render(&page(
        &state,
        user.as_ref(),
        &loc,
        &id,
        &HashMap::new(),
        None,
        None,
    )?))
}

/// `POST /calculators/{id}`: scores the form; on bad input the form comes back with every value
/// kept and the field named.
pub async fn result(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let values: HashMap<String, String> = fields.into_iter().filter(|(k, _)| k != "csrf").collect();
    let schema = state.scorer().schema(&id).map_err(|_| {
        PageError(
            StatusCode::NOT_FOUND,
            format!("There is no calculator called \u{201c}{id}\u{201d}."),
        )
    })?;
    let outcome = build_input(&schema, &values).and_then(|input| {
        state.scorer().score_json(&id, &input).map_err(|e| match e {
            myo_api::ScoreError::Input(i) => {
                let msg = match &i.allowed {
                    Some(a) => format!("{} (allowed: {a})", i.message),
                    None => i.message.clone(),
                };
                (i.field.clone(), msg)
            }
            other => ("$".to_owned(), other.to_string()),
        })
    });
    let (error, result) = match outcome {
        Ok(out) => (None, Some(result_view(&out, &schema))),
        Err(e) => (Some(e), None),
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let p = page(&state, user.as_ref(), &loc, &id, &values, error, result)?;
    let mut res = render(&p);
    *res.status_mut() = status;
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vals(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn builds_nested_input_and_keeps_not_assessed_absent() {
        let schema = json!({"type": "object", "properties": {
            "a": {"type": ["boolean", "null"]},
            "n": {"type": ["number", "null"]},
            "bx": {"type": ["object", "null"], "properties": {"x": {"type": ["boolean", "null"]}}},
            "e": {"enum": ["adult", "juvenile"]},
        }});
        let input = build_input(
            &schema,
            &vals(&[("a", "true"), ("n", "4,5"), ("e", "adult")]),
        )
        .expect("valid");
        assert_eq!(
            input,
            json!({"a": true, "n": 4.5, "e": "adult", "bx": null})
        );
        let input =
            build_input(&schema, &vals(&[("bx.__present", "on"), ("n", "60")])).expect("valid");
        assert_eq!(input, json!({"a": null, "n": 60, "bx": {"x": null}}));
        let err = build_input(&schema, &vals(&[("n", "abc")])).expect_err("invalid");
        assert_eq!(err.0, "n");
    }

    #[test]
    fn form_escapes_and_marks_the_error() {
        let schema = json!({"type": "object", "properties": {"n": {"type": "number", "minimum": 0, "description": "<N>"}}});
        let html = form_html(
            "x",
            &schema,
            &vals(&[("n", "\"><script>")]),
            Some(("n", "bad")),
        );
        assert!(
            html.contains("&lt;N&gt;") && html.contains("&quot;&gt;&lt;script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("aria-invalid=\"true\"") && html.contains("id=\"f-n-error\""),
            "{html}"
        );
    }

    #[test]
    fn results_show_human_labels_and_missing_form_labels() {
        let schema = myo_api::Scorer::builtin()
            .expect("scorer")
            .schema("eular-acr-2017")
            .expect("schema");
        let out = json!({
            "category": "not_iim",
            "subgroup": "dm",
            "model": "without_biopsy",
            "missing": ["age_at_onset_years", "heliotrope_rash", "unknown_item"],
        });
        let v = result_view(&out, &schema);
        let html: Vec<&str> = v.lines.iter().map(|l| l.html.as_str()).collect();
        assert!(html.contains(&"Not IIM"), "{html:?}");
        assert!(html.contains(&"Dermatomyositis (DM)"), "{html:?}");
        assert!(html.contains(&"Without muscle biopsy"), "{html:?}");
        assert!(v.missing[0].starts_with("Age at onset"), "{:?}", v.missing);
        assert!(!v.missing[1].contains('_'), "{:?}", v.missing);
        assert_eq!(v.missing[2], "unknown item");
    }
}
