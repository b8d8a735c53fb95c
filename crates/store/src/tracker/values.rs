//! Bound values and the store's shape checks (dates, times, finite numbers, decimal text, JSON,
//! lengths), shared by every record table.

use sqlx::{Database, Encode, Type, query::Query};

use crate::db::RowExt;
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

pub(super) fn opt_text(s: Option<&String>) -> Val {
    Val::Text(s.cloned())
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
