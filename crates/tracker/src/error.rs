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

/// Words as data: which message (`out-of-range`, `future-date`, `not-a-number`, …) and the
/// values it names, so an interface can say it in the reader's language. The tracker's English
/// text beside it (an [`Invalid`]'s `problem` and `allowed`, a [`Phrase`]'s `english`) says
/// the same in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worded {
    /// The message id (made from data where the words belong to a table row, such as
    /// `weekly-only-reason-methotrexate`).
    pub id: std::borrow::Cow<'static, str>,
    /// The values by name, each as typed or as the tracker writes it (`1.5`, `2026-12-07`).
    pub args: Vec<(&'static str, WordedValue)>,
}

impl Worded {
    /// The message `id` with no values yet.
    pub fn new(id: impl Into<std::borrow::Cow<'static, str>>) -> Worded {
        Worded {
            id: id.into(),
            args: Vec::new(),
        }
    }

    /// Adds a number, written as the tracker writes it (decimal point).
    pub fn num(mut self, name: &'static str, value: impl std::fmt::Display) -> Worded {
        self.args
            .push((name, WordedValue::Number(value.to_string())));
        self
    }

    /// Adds a calendar date (`YYYY-MM-DD`).
    pub fn date(mut self, name: &'static str, value: impl std::fmt::Display) -> Worded {
        self.args.push((name, WordedValue::Date(value.to_string())));
        self
    }

    /// Adds text shown as it is (a name as typed, a unit symbol).
    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Worded {
        self.args.push((name, WordedValue::Text(value.into())));
        self
    }

    /// Adds a field, shown as its label (`schedule.steps` → "Taper steps").
    pub fn field(mut self, name: &'static str, path: impl Into<String>) -> Worded {
        self.args.push((name, WordedValue::Field(path.into())));
        self
    }

    /// Adds another message, worded the same way (a dose's period, a source's note).
    pub fn part(mut self, name: &'static str, part: Worded) -> Worded {
        self.args.push((name, WordedValue::Part(Box::new(part))));
        self
    }
}

/// One value of a [`Worded`] message, kept by kind so each language can write it its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordedValue {
    /// A number as the tracker writes it (decimal point).
    Number(String),
    /// A calendar date (`YYYY-MM-DD`).
    Date(String),
    /// Text as the person typed it.
    Text(String),
    /// A field path, shown as the field's label.
    Field(String),
    /// Another message.
    Part(Box<Worded>),
}

/// A sentence the tracker says (a warning, a line of a summary): its English words and the
/// same as data, for interfaces that word it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// The English words.
    pub english: String,
    /// The same as a message id and its values.
    pub worded: Worded,
}

impl Phrase {
    /// `english`, worded as `worded`.
    pub fn new(english: impl Into<String>, worded: Worded) -> Phrase {
        Phrase {
            english: english.into(),
            worded,
        }
    }
}

impl std::fmt::Display for Phrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english)
    }
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
        self.worded = Some(Worded {
            id: id.into(),
            args,
        });
        self
    }

    /// The same error with its problem as data, built with [`Worded`]'s methods.
    pub fn with(mut self, worded: Worded) -> Invalid {
        self.worded = Some(worded);
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
            "invalid-out-of-range",
            vec![
                ("value", WordedValue::Number(v.to_string())),
                ("low", WordedValue::Number(lo.to_string())),
                ("high", WordedValue::Number(hi.to_string())),
            ],
        ))
    }
}
