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
        }
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
        ))
    }
}
