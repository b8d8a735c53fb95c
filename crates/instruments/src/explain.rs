//! Shared explanation types: what every instrument result carries besides its own numbers.

use std::borrow::Cow;

use std::fmt;

/// Whether an instrument's numbers and rules were checked against the primary source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Some number or rule comes from a secondary source or a derivation; results say so.
    Partial,
    /// Every number and rule was seen in the primary (or an authoritative) source.
    Verified,
}

impl Status {
    /// The wire spelling: `verified` or `partial`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Partial => "partial",
        }
    }
}

/// A bibliographic reference with the place in it (table, figure) that holds the numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Authors, journal, year, volume and pages.
    pub reference: String,
    /// DOI, if the work has one.
    pub doi: Option<String>,
    /// Table, figure or section that holds the numbers.
    pub locator: String,
}

/// Identity, provenance and status of one instrument definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// Stable instrument id, e.g. `eular-acr-2017`.
    pub id: String,
    /// Revision of Myo's definition file; bumped whenever a number or rule changes.
    pub revision: u32,
    /// Human title.
    pub title: String,
    /// `Partial` if any number or rule of the definition is partial.
    pub status: Status,
    /// Primary citation.
    pub citation: Citation,
    /// Further sources (companion papers, official calculators).
    pub see_also: Vec<Citation>,
    /// Notes every result repeats (e.g. "classification criteria are not diagnostic criteria").
    pub notes: Vec<String>,
    /// How an item that was not assessed counts, in words ("counts as 0 points, so the score is
    /// a lower bound"): the same wording heads the missing list everywhere.
    pub missing_rule: String,
    /// The parts of the definition that are not verified, each with its locator.
    pub partial_parts: Vec<String>,
    /// The warning every result of a partial instrument carries (`None` when verified); built
    /// once from `partial_parts` by [`Meta::with_status_warning`].
    pub status_warning: Option<String>,
}

impl Meta {
    /// Sets `status_warning` from `status` and `partial_parts`.
    pub fn with_status_warning(mut self) -> Meta {
        self.status_warning = (self.status == Status::Partial).then(|| {
            format!(
                "not yet verified (status partial): {}",
                self.partial_parts.join("; ")
            )
        });
        self
    }
}

/// A fixed-point number in tenths (`101` is 10.1), so published cut-offs compare exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Tenths(pub i32);

impl Tenths {
    /// The value as a float, for display and wire formats only.
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

impl std::ops::Add for Tenths {
    type Output = Tenths;
    fn add(self, rhs: Tenths) -> Tenths {
        Tenths(self.0 + rhs.0)
    }
}

impl std::iter::Sum for Tenths {
    fn sum<I: Iterator<Item = Tenths>>(iter: I) -> Tenths {
        iter.fold(Tenths(0), |a, b| a + b)
    }
}

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{}", abs / 10, abs % 10)
    }
}

/// The value an item had in the input, as shown next to its contribution.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Present / absent.
    Bool(bool),
    /// A whole number (a grade, an age in years).
    Int(i64),
    /// A real number (an age, a percent change); display only, never compared against cut-offs.
    Real(f64),
    /// Free text (a chosen option, an antibody name).
    Text(String),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(true) => f.write_str("present"),
            Value::Bool(false) => f.write_str("absent"),
            Value::Int(n) => write!(f, "{n}"),
            Value::Real(x) => write!(f, "{}", (x * 100.0).round() / 100.0),
            Value::Text(s) => f.write_str(s),
        }
    }
}

/// One item's part in a result: what was entered and what it earned. Ids and labels are
/// borrowed from the definition where they can be, so explaining a case copies no text.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution<'c> {
    /// Item id as in the input (e.g. `heliotrope_rash`).
    pub item: Cow<'c, str>,
    /// Item label as printed in the source.
    pub label: Cow<'c, str>,
    /// The value entered.
    pub value: Value,
    /// Points earned, in tenths; `None` for instruments without points (rule-based criteria).
    pub points: Option<Tenths>,
}

/// The self-explaining part shared by every result.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation<'c> {
    /// Identity, citation and status of the definition that produced the result.
    pub meta: &'c Meta,
    /// Per-item contributions, in the order of the source table.
    pub contributions: Vec<Contribution<'c>>,
    /// Ids of the items that were not assessed (never scored as normal).
    pub missing: Vec<Cow<'c, str>>,
    /// Warnings: the status warning of a partial instrument comes first, automatically.
    pub warnings: Vec<Cow<'c, str>>,
}

impl<'c> Explanation<'c> {
    /// An empty explanation; a partial instrument gets its "not yet verified" warning here, so no
    /// result can forget it.
    pub fn new(meta: &'c Meta) -> Self {
        Explanation {
            meta,
            contributions: Vec::with_capacity(16),
            missing: Vec::new(),
            warnings: meta
                .status_warning
                .iter()
                .map(|w| Cow::Borrowed(w.as_str()))
                .collect(),
        }
    }

    /// [`Explanation::new`] with room for the given numbers of contributions, missing items and
    /// warnings (besides the status warning), so that explaining a case grows no vector.
    pub fn with_capacity(
        meta: &'c Meta,
        contributions: usize,
        missing: usize,
        warnings: usize,
    ) -> Self {
        let status = meta.status_warning.as_deref().map(Cow::Borrowed);
        let mut all = Vec::with_capacity(warnings + usize::from(status.is_some()));
        all.extend(status);
        Explanation {
            meta,
            contributions: Vec::with_capacity(contributions),
            missing: Vec::with_capacity(missing),
            warnings: all,
        }
    }

    /// Records one item's contribution.
    pub fn add(
        &mut self,
        item: impl Into<Cow<'c, str>>,
        label: impl Into<Cow<'c, str>>,
        value: Value,
        points: Option<Tenths>,
    ) {
        self.contributions.push(Contribution {
            item: item.into(),
            label: label.into(),
            value,
            points,
        });
    }

    /// Records an item that was not assessed.
    pub fn missing(&mut self, item: impl Into<Cow<'c, str>>) {
        self.missing.push(item.into());
    }

    /// Adds a warning.
    pub fn warn(&mut self, warning: impl Into<Cow<'c, str>>) {
        self.warnings.push(warning.into());
    }
}

/// Input that is well-formed but outside what the instrument allows (a grade of 11, a negative
/// enzyme level). `field` is a dotted path in the input (`baseline.enzymes.ck.uln`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("field {field}: {message} (allowed: {allowed})")]
pub struct InvalidInput {
    /// Dotted path of the offending field.
    pub field: String,
    /// What is wrong.
    pub message: String,
    /// The allowed range or values.
    pub allowed: String,
}

impl InvalidInput {
    /// Builds an error for `field`.
    pub fn new(
        field: impl Into<String>,
        message: impl Into<String>,
        allowed: impl Into<String>,
    ) -> Self {
        InvalidInput {
            field: field.into(),
            message: message.into(),
            allowed: allowed.into(),
        }
    }
}

/// A fixed-point decimal in thousandths (`1500` is 1.5), so percent changes and band edges are
/// decided exactly (5.0 % is exactly 5, not 4.999...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Milli(pub i64);

impl Milli {
    /// Thousandths per unit.
    pub const SCALE: i64 = 1000;

    /// A whole number of units.
    pub fn units(n: i64) -> Milli {
        Milli(n * Milli::SCALE)
    }

    /// The value as a float, for display and wire formats only.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / Milli::SCALE as f64
    }
}

impl fmt::Display for Milli {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_f64())
    }
}
