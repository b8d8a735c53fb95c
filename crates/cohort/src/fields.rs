//! An instrument's input fields, flattened with a dot (`muscle_biopsy.rimmed_vacuoles`), read
//! from the instrument's input schema so that the cohort reader and `myo score` cannot disagree
//! on names or types.

use serde_json::Value;

/// Which plain values a field accepts (a field may accept several: an MMT-8 grade is a whole
/// number or `T`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kinds {
    /// `true` / `false`.
    pub boolean: bool,
    /// A whole number.
    pub integer: bool,
    /// Any number.
    pub number: bool,
    /// Text (an option such as `female`, `positive` or `T`).
    pub text: bool,
}

impl Kinds {
    /// In words, for error messages: "true or false", "a number", ...
    pub fn describe(self) -> String {
        let mut parts = Vec::new();
        if self.boolean {
            parts.push("true or false");
        }
        if self.number {
            parts.push("a number");
        } else if self.integer {
            parts.push("a whole number");
        }
        if self.text {
            parts.push("one of the listed options");
        }
        parts.join(" or ")
    }

    fn is_empty(self) -> bool {
        self == Kinds::default()
    }
}

/// One input field (a column), or one optional group whose own column says whether it exists.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Dotted path (`muscle_biopsy.rimmed_vacuoles`), also the default column name.
    pub path: String,
    /// Plain values the field accepts; for a group column, `boolean` only.
    pub kinds: Kinds,
    /// This column says whether the optional group `path` exists (`muscle_biopsy`: whether a
    /// biopsy was performed).
    pub group_flag: bool,
    /// Allowed options for a text field (`positive`, `negative`, ...), when the schema lists them.
    pub options: Vec<String>,
    /// The schema's description.
    pub description: String,
}

/// A group (JSON object) of the input: present when required, when its flag column says so, or
/// when any field inside it has a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Dotted path.
    pub path: String,
    /// Always present (required by its parent).
    pub required: bool,
}

/// The fields and groups of one instrument's input.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fields {
    /// Columns, in schema order.
    pub fields: Vec<Field>,
    /// Objects, parents before children.
    pub groups: Vec<Group>,
}

impl Fields {
    /// Flattens an input JSON Schema (as `myo score --schema` prints it).
    pub fn from_schema(schema: &Value) -> Fields {
        let mut out = Fields::default();
        walk_properties(schema, "", &mut out);
        out
    }

    /// The field with this path.
    pub fn find(&self, path: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.path == path)
    }

    /// Keeps only the fields and groups under `prefix.`, renamed without it (TIS: one visit's
    /// measures).
    pub fn split_visit(&self, prefix: &str) -> Fields {
        let dotted = format!("{prefix}.");
        let rename = |p: &str| p.strip_prefix(&dotted).map(str::to_owned);
        let fields = self
            .fields
            .iter()
            .filter_map(|f| rename(&f.path).map(|path| Field { path, ..f.clone() }))
            .collect();
        let groups = self
            .groups
            .iter()
            .filter_map(|g| {
                rename(&g.path).map(|path| Group {
                    path,
                    required: g.required,
                })
            })
            .collect();
        Fields { fields, groups }
    }
}

fn type_names(schema: &Value) -> Vec<&str> {
    match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => match &schema["enum"] {
            // An enum without a type: its values say what it is.
            Value::Array(vs) => vs
                .iter()
                .filter_map(|v| match v {
                    Value::String(_) => Some("string"),
                    Value::Number(_) => Some("number"),
                    Value::Bool(_) => Some("boolean"),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        },
    }
}

/// The properties of an object schema, including those of its `anyOf`/`oneOf` variants.
fn properties(schema: &Value) -> Vec<(&String, &Value)> {
    let mut props: Vec<(&String, &Value)> = Vec::new();
    let variants = ["anyOf", "oneOf"]
        .iter()
        .filter_map(|k| schema[*k].as_array())
        .flatten();
    for s in std::iter::once(schema).chain(variants) {
        if let Some(map) = s["properties"].as_object() {
            for (k, v) in map {
                if !props.iter().any(|(known, _)| *known == k) {
                    props.push((k, v));
                }
            }
        }
    }
    props
}

fn required(schema: &Value, key: &str) -> bool {
    schema["required"]
        .as_array()
        .is_some_and(|r| r.iter().any(|v| v == key))
}

fn walk_properties(schema: &Value, prefix: &str, out: &mut Fields) {
    for (key, sub) in properties(schema) {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        let names = type_names(sub);
        let mut kinds = Kinds::default();
        let mut options = Vec::new();
        let mut scalar_variants = vec![sub];
        scalar_variants.extend(
            ["anyOf", "oneOf"]
                .iter()
                .filter_map(|k| sub[*k].as_array())
                .flatten(),
        );
        for s in &scalar_variants {
            for name in type_names(s) {
                match name {
                    "boolean" => kinds.boolean = true,
                    "integer" => kinds.integer = true,
                    "number" => kinds.number = true,
                    "string" => kinds.text = true,
                    _ => {}
                }
            }
            if let Some(vs) = s["enum"].as_array() {
                options.extend(vs.iter().filter_map(Value::as_str).map(str::to_owned));
            }
        }
        options.dedup();
        let is_object = names.contains(&"object") || !properties(sub).is_empty();
        let description = sub["description"].as_str().unwrap_or_default().to_owned();
        if is_object {
            let nullable = names.contains(&"null");
            out.groups.push(Group {
                path: path.clone(),
                required: required(schema, key) || !nullable,
            });
            if nullable && kinds.is_empty() {
                out.fields.push(Field {
                    path: path.clone(),
                    kinds: Kinds {
                        boolean: true,
                        ..Kinds::default()
                    },
                    group_flag: true,
                    options: Vec::new(),
                    description: format!(
                        "true: present (fill its columns); false: absent; blank: present if any of its columns has a value. {description}"
                    ),
                });
            }
        }
        if !kinds.is_empty() {
            out.fields.push(Field {
                path: path.clone(),
                kinds,
                group_flag: false,
                options,
                description,
            });
        }
        if is_object {
            walk_properties(sub, &path, out);
        }
    }
}
