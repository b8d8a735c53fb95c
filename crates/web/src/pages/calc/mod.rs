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

mod form;
mod results;

pub use form::*;
pub use results::*;

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
