//! Bound values and the store's shape checks (dates, times, finite numbers, decimal text, JSON,
//! lengths), shared by every record table.

use sqlx::{Database, Encode, Type, query::Query};

use crate::db::{RowExt, opt_ts, ts};
use crate::error::{Result, StoreError};
use crate::model::Timestamp;
use crate::tracker_model::RecordId;

// ---- values and validation ------------------------------------------------------------------

/// One bound value: what each row kind turns into, in column order.
pub(crate) enum Val {
    Text(Option<String>),
    Int(Option<i64>),
    Bool(Option<bool>),
}

pub(crate) fn bind_vals<'q, DB>(
    mut query: Query<'q, DB, DB::Arguments>,
    vals: Vec<Val>,
) -> Query<'q, DB, DB::Arguments>
where
    DB: Database,
    for<'e> Option<String>: Encode<'e, DB> + Type<DB>,
    for<'e> Option<i64>: Encode<'e, DB> + Type<DB>,
    for<'e> Option<bool>: Encode<'e, DB> + Type<DB>,
{
    for v in vals {
        query = match v {
            Val::Text(t) => query.bind(t),
            Val::Int(i) => query.bind(i),
            Val::Bool(b) => query.bind(b),
        };
    }
    query
}

pub(super) fn text(s: &str) -> Val {
    Val::Text(Some(s.to_owned()))
}

pub(super) fn time(t: Timestamp) -> Val {
    Val::Int(Some(t.as_millis()))
}

/// `f64` as its shortest round-trip decimal text (Rust's `Display`), so it reads back equal.
pub(super) fn num(v: Option<f64>) -> Val {
    Val::Text(v.map(|v| v.to_string()))
}

pub(super) fn check_date(field: &'static str, date: &str) -> Result<()> {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = b.len() == 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && (1..=12).contains(&date[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&date[8..10].parse::<u8>().unwrap_or(0));
    if ok {
        Ok(())
    } else {
        Err(StoreError::invalid(field, "expected a date as YYYY-MM-DD"))
    }
}

pub(super) fn check_time(field: &'static str, t: &str) -> Result<()> {
    let ok = t.len() == 5
        && t.as_bytes()[2] == b':'
        && t[..2].parse::<u8>().is_ok_and(|h| h < 24)
        && t[3..].parse::<u8>().is_ok_and(|m| m < 60)
        && t.bytes().filter(u8::is_ascii_digit).count() == 4;
    if ok {
        Ok(())
    } else {
        Err(StoreError::invalid(field, "expected a time as HH:MM"))
    }
}

pub(super) fn check_opt_date(field: &'static str, date: Option<&String>) -> Result<()> {
    date.map_or(Ok(()), |d| check_date(field, d))
}

pub(super) fn check_finite(field: &'static str, v: Option<f64>) -> Result<()> {
    match v {
        Some(v) if !v.is_finite() => Err(StoreError::invalid(field, "must be a finite number")),
        _ => Ok(()),
    }
}

/// A decimal as labs print it: optional sign, digits, optional fraction (`-1`, `0.85`, `120.`).
pub(super) fn check_decimal(field: &'static str, v: Option<&String>) -> Result<()> {
    let Some(v) = v else { return Ok(()) };
    let body = v.strip_prefix('-').unwrap_or(v);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let ok = v.len() <= 40
        && !int.is_empty()
        && int.bytes().all(|c| c.is_ascii_digit())
        && frac.bytes().all(|c| c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(StoreError::invalid(
            field,
            "expected a decimal number such as 0.85",
        ))
    }
}

pub(super) fn check_text(field: &'static str, v: &str, max: usize) -> Result<()> {
    if v.trim().is_empty() || v.chars().count() > max {
        Err(StoreError::Invalid {
            field,
            reason: format!("must be 1 to {max} characters"),
        })
    } else {
        Ok(())
    }
}

pub(super) fn check_opt_text(field: &'static str, v: Option<&String>, max: usize) -> Result<()> {
    v.map_or(Ok(()), |v| check_text(field, v, max))
}

pub(super) fn check_json(field: &'static str, v: Option<&String>) -> Result<()> {
    let Some(v) = v else { return Ok(()) };
    if v.len() > 1_000_000 {
        return Err(StoreError::invalid(field, "JSON text is larger than 1 MB"));
    }
    serde_json::from_str::<serde_json::Value>(v)
        .map(|_| ())
        .map_err(|e| StoreError::Invalid {
            field,
            reason: format!("not JSON: {e}"),
        })
}

/// Reads a number stored by [`num`].
pub(super) fn read_num(row: &impl RowExt, col: &'static str) -> Result<Option<f64>> {
    row.opt_text(col)?
        .map(|t| {
            read_num_text(&t).ok_or(StoreError::Corrupt {
                column: col,
                value: t,
            })
        })
        .transpose()
}

pub(super) fn read_num_text(t: &str) -> Option<f64> {
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

pub(super) fn rid(row: &impl RowExt, col: &str) -> Result<RecordId> {
    Ok(RecordId(row.text(col)?))
}

// ---- column encodings -----------------------------------------------------------------------

/// The shape check a declared column applies before its value is bound (an empty optional
/// value is never checked; numbers are always checked to be finite).
#[derive(Clone, Copy)]
pub(crate) enum Check {
    /// No check beyond the type's own.
    Any,
    /// `YYYY-MM-DD`.
    Date,
    /// `HH:MM`.
    Time,
    /// 1 to `n` characters, not only white space.
    Text(usize),
    /// A decimal as labs print it.
    Decimal,
    /// JSON text.
    Json,
    /// One of these words.
    OneOf(&'static [&'static str]),
}

impl Check {
    fn apply(self, field: &'static str, v: &str) -> Result<()> {
        match self {
            Check::Any => Ok(()),
            Check::Date => check_date(field, v),
            Check::Time => check_time(field, v),
            Check::Text(max) => check_text(field, v, max),
            Check::Decimal => check_decimal(field, Some(&v.to_owned())),
            Check::Json => check_json(field, Some(&v.to_owned())),
            Check::OneOf(words) if words.contains(&v) => Ok(()),
            Check::OneOf(words) => Err(StoreError::Invalid {
                field,
                reason: format!("expected {}", words.join(" or ")),
            }),
        }
    }
}

/// How a record field's type is stored: checked and bound ([`Stored::encode`]), read back
/// ([`Stored::read`]) and written in an export cell ([`Stored::export`]). Numbers are stored as
/// their shortest round-trip decimal text ([`num`]), times as epoch milliseconds, yes/no as
/// booleans; an empty cell is `None`.
pub(crate) trait Stored: Sized {
    fn encode(&self, field: &'static str, check: Check) -> Result<Val>;
    fn read(row: &impl RowExt, col: &'static str) -> Result<Self>;
    fn export(&self) -> String;
    /// The NULL bound for an empty optional value of this type.
    fn null() -> Val;
    /// Reads a column that may be NULL.
    fn read_opt(row: &impl RowExt, col: &'static str) -> Result<Option<Self>>;
}

impl Stored for String {
    fn null() -> Val {
        Val::Text(None)
    }
    fn read_opt(row: &impl RowExt, col: &'static str) -> Result<Option<Self>> {
        row.opt_text(col)
    }
    fn encode(&self, field: &'static str, check: Check) -> Result<Val> {
        check.apply(field, self)?;
        Ok(text(self))
    }
    fn read(row: &impl RowExt, col: &'static str) -> Result<Self> {
        row.text(col)
    }
    fn export(&self) -> String {
        self.clone()
    }
}

impl Stored for RecordId {
    fn null() -> Val {
        Val::Text(None)
    }
    fn read_opt(row: &impl RowExt, col: &'static str) -> Result<Option<Self>> {
        Ok(row.opt_text(col)?.map(RecordId))
    }
    fn encode(&self, field: &'static str, check: Check) -> Result<Val> {
        Stored::encode(&self.0, field, check)
    }
    fn read(row: &impl RowExt, col: &'static str) -> Result<Self> {
        rid(row, col)
    }
    fn export(&self) -> String {
        self.0.clone()
    }
}

impl Stored for f64 {
    fn null() -> Val {
        Val::Text(None)
    }
    fn read_opt(row: &impl RowExt, col: &'static str) -> Result<Option<Self>> {
        read_num(row, col)
    }
    fn encode(&self, field: &'static str, _: Check) -> Result<Val> {
        check_finite(field, Some(*self))?;
        Ok(num(Some(*self)))
    }
    fn read(row: &impl RowExt, col: &'static str) -> Result<Self> {
        read_num(row, col)?.ok_or(StoreError::Corrupt {
            column: col,
            value: String::new(),
        })
    }
    fn export(&self) -> String {
        self.to_string()
    }
}

impl Stored for bool {
    fn null() -> Val {
        Val::Bool(None)
    }
    fn read_opt(row: &impl RowExt, col: &'static str) -> Result<Option<Self>> {
        row.opt_bool(col)
    }
    fn encode(&self, _: &'static str, _: Check) -> Result<Val> {
        Ok(Val::Bool(Some(*self)))
    }
    fn read(row: &impl RowExt, col: &'static str) -> Result<Self> {
        row.boolean(col)
    }
    fn export(&self) -> String {
        self.to_string()
    }
}

impl Stored for Timestamp {
    fn null() -> Val {
        Val::Int(None)
    }
    fn read_opt(row: &impl RowExt, col: &'static str) -> Result<Option<Self>> {
        opt_ts(row, col)
    }
    fn encode(&self, _: &'static str, _: Check) -> Result<Val> {
        Ok(time(*self))
    }
    fn read(row: &impl RowExt, col: &'static str) -> Result<Self> {
        ts(row, col)
    }
    fn export(&self) -> String {
        self.to_rfc3339()
    }
}

/// An optional value: `None` is stored as NULL, unchecked, and exported as an empty cell.
impl<T: Stored> Stored for Option<T> {
    fn encode(&self, field: &'static str, check: Check) -> Result<Val> {
        match self {
            Some(v) => v.encode(field, check),
            None => Ok(T::null()),
        }
    }
    fn read(row: &impl RowExt, col: &'static str) -> Result<Self> {
        T::read_opt(row, col)
    }
    fn null() -> Val {
        T::null()
    }
    fn read_opt(row: &impl RowExt, col: &'static str) -> Result<Option<Self>> {
        T::read_opt(row, col).map(Some)
    }
    fn export(&self) -> String {
        self.as_ref().map_or_else(String::new, Stored::export)
    }
}
