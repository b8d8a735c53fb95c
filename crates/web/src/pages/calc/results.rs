//! A scored result as people read it: labelled lines, items, missing items, warnings and notes.

use super::*;

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

pub(super) const ENVELOPE: [&str; 11] = [
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
pub(super) fn outcome_words(code: &str) -> Option<&'static str> {
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
pub(super) fn display(v: &Value) -> String {
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
pub(super) fn code_label(code: &str) -> Option<&'static str> {
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
pub(super) fn form_label(schema: &Value, key: &str) -> Option<String> {
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
pub(super) const RESULT_ORDER: &[&str] = &[
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

pub(super) fn value_html(v: &Value) -> String {
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

pub(super) fn strings(v: &Value) -> Vec<String> {
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
