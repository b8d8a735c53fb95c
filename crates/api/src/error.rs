//! Wire-level errors: every input error names its field (a dotted JSON path) and, when the value
//! was out of range, what is allowed.

use myo_instruments::InvalidInput;
use serde_json::{Value, json};

/// Bad input: wrong JSON, unknown field, wrong type or out-of-range value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("field {field}: {message}{}", allowed.as_ref().map(|a| format!(" (allowed: {a})")).unwrap_or_default())]
pub struct InputError {
    /// Dotted JSON path of the offending field (`muscle_biopsy.rimmed_vacuoles`); `$` is the
    /// whole document.
    pub field: String,
    /// What is wrong.
    pub message: String,
    /// The allowed range or values, when known.
    pub allowed: Option<String>,
}

impl InputError {
    /// Builds an error.
    pub fn new(
        field: impl Into<String>,
        message: impl Into<String>,
        allowed: Option<String>,
    ) -> Self {
        InputError {
            field: field.into(),
            message: message.into(),
            allowed,
        }
    }

    /// The error as a JSON object: `{"error": {"field", "message", "allowed"}}`.
    pub fn to_json(&self) -> Value {
        json!({"error": {"field": self.field, "message": self.message, "allowed": self.allowed}})
    }
}

impl From<InvalidInput> for InputError {
    fn from(e: InvalidInput) -> Self {
        InputError::new(e.field, e.message, Some(e.allowed))
    }
}

/// Why a scoring request failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScoreError {
    /// No instrument with that id.
    #[error("unknown instrument {id:?}{}", suggest_text(suggestions))]
    UnknownInstrument {
        /// The id asked for.
        id: String,
        /// The nearest known ids.
        suggestions: Vec<String>,
    },
    /// The case itself is invalid.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The result could not be written as JSON (a bug, never the caller's fault).
    #[error("could not write the result: {0}")]
    Output(String),
}

impl From<InvalidInput> for ScoreError {
    fn from(e: InvalidInput) -> Self {
        ScoreError::Input(e.into())
    }
}

fn suggest_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        "; see `myo score --list`".to_owned()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}
