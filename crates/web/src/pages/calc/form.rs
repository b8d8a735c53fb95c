//! The calculator's form, built from an instrument's input schema, and the typed input read back from it.

use super::*;

/// Top-level groups for instruments laid out by hand: `(heading, fields)`. Fields the schema
/// has but the list lacks are shown afterwards, so a schema change never hides an item.
pub(super) fn groups(id: &str) -> &'static [(&'static str, &'static [&'static str])] {
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
pub(super) const KEY_ORDER: &[&str] = &[
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
pub(super) const LABELS: &[(&str, &str)] = &[
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
pub(super) fn presence_label(path: &str) -> Option<&'static str> {
    match path {
        "muscle_biopsy" => Some("A muscle biopsy was done (leave unticked if not)"),
        _ => None,
    }
}

pub(super) fn ordered_keys(props: &Map<String, Value>) -> Vec<&String> {
    let mut keys: Vec<&String> = props.keys().collect();
    keys.sort_by_key(|k| {
        (
            KEY_ORDER.iter().position(|o| o == k).unwrap_or(usize::MAX),
            k.as_str().to_owned(),
        )
    });
    keys
}

pub(super) fn types(schema: &Value) -> Vec<&str> {
    match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// What kind of control a schema asks for.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub(super) enum Control {
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

pub(super) fn control(schema: &Value) -> Control {
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

pub(super) fn nullable(schema: &Value) -> bool {
    types(schema).contains(&"null")
        || schema["enum"]
            .as_array()
            .is_some_and(|e| e.contains(&Value::Null))
}

pub(super) const ABBREVIATIONS: &[&str] = &[
    "ck", "ldh", "ast", "alt", "mmt", "haq", "chaq", "cmas", "tis", "uln", "cdasi",
];

pub(super) fn humanize(key: &str) -> String {
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
pub(super) struct FormWriter<'a> {
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
pub(super) fn option_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => n.as_f64().map(|x| format!("{x}")),
        other => Some(other.to_string()),
    }
}

/// `80.0` and `80` name the same option.
pub(super) fn normalize_number(raw: &str) -> String {
    match raw.parse::<f64>() {
        Ok(x) if x.is_finite() => format!("{x}"),
        _ => raw.to_owned(),
    }
}

/// A schema description as a form label: the API's "null" wording is dropped (the form says
/// "not assessed" itself).
pub(super) fn plain_label(description: &str) -> String {
    let cut = ["; null", ", null", " (null", "; absent", "null or absent"]
        .iter()
        .filter_map(|m| description.find(m))
        .min()
        .unwrap_or(description.len());
    description[..cut]
        .trim_end_matches([' ', ';', ','])
        .to_owned()
}

pub(super) fn range_text(schema: &Value) -> Option<String> {
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
pub(super) fn form_html(
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

pub(super) fn build(
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
pub(super) fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        // Exact: |x| < 2^53 and no fraction.
        #[allow(clippy::cast_possible_truncation)]
        Value::from(x as i64)
    } else {
        Value::from(x)
    }
}
