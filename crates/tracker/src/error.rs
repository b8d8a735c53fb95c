//! Errors: every one names the field (the future wire path) that is wrong.

use thiserror::Error;

/// A value that is out of range, malformed or not allowed, with the field it came from.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {problem} (allowed: {allowed})")]
pub struct Invalid {
    /// Dotted field path, e.g. `ratings.weakness` or `schedule.kind`.
    pub field: String,
    /// What is wrong, in words.
    pub problem: String,
    /// What would be accepted.
    pub allowed: String,
    /// The same problem as a message id and its values, for interfaces that word it in the
    /// reader's language (`None`: only the English words above exist).
    pub worded: Option<Worded>,
}

/// A problem as data: which message (`out-of-range`, `future-date`, `not-a-number`, …) and the
/// values it names. The English `problem` and `allowed` say the same in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worded {
    /// The message id.
    pub id: &'static str,
    /// The values by name, each as typed or as the tracker writes it (`1.5`, `2026-12-07`).
    pub args: Vec<(&'static str, WordedValue)>,
}

/// One value of a [`Worded`] problem, kept by kind so each language can write it its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordedValue {
    /// A number as the tracker writes it (decimal point).
    Number(String),
    /// A calendar date (`YYYY-MM-DD`).
    Date(String),
    /// Text as the person typed it.
    Text(String),
}

impl Invalid {
    /// Builds an error for `field`.
    pub fn new(
        field: impl Into<String>,
        problem: impl Into<String>,
        allowed: impl Into<String>,
    ) -> Invalid {
        Invalid {
            field: field.into(),
            problem: problem.into(),
            allowed: allowed.into(),
            worded: None,
        }
    }

    /// The same error with its problem as data (`id` and its values).
    pub fn worded(mut self, id: &'static str, args: Vec<(&'static str, WordedValue)>) -> Invalid {
        self.worded = Some(Worded { id, args });
        self
    }

    /// Prefixes the field path with `outer` (`outer.field`).
    pub fn within(mut self, outer: &str) -> Invalid {
        self.field = format!("{outer}.{}", self.field);
        self
    }
}

/// The embedded rule files failed to parse or validate (a build defect, caught by tests).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("rules file {file}: {problem}")]
pub struct RulesError {
    /// Which embedded file.
    pub file: &'static str,
    /// What is wrong.
    pub problem: String,
}

/// Checks `lo <= v <= hi` for a finite number.
pub(crate) fn check_range(field: &str, v: f64, lo: f64, hi: f64) -> Result<f64, Invalid> {
    if v.is_finite() && v >= lo && v <= hi {
        Ok(v)
    } else {
        Err(Invalid::new(
            field,
            format!("{v} is out of range"),
            format!("{lo} to {hi}"),
        )
        .worded(
            "out-of-range",
            vec![
                ("value", WordedValue::Number(v.to_string())),
                ("low", WordedValue::Number(lo.to_string())),
                ("high", WordedValue::Number(hi.to_string())),
            ],
        ))
    }
}
