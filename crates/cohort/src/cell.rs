//! One input cell to one instrument value: the default encoding (`true`/`false`, numbers,
//! blank = not assessed) plus the mapping's codes. Never guesses: anything else is an error
//! naming the field and the value.

use std::borrow::Cow;

use crate::fields::{Field, Kinds};
use crate::mapping::Codes;

/// A cell as a reader sees it. CSV gives text; Arrow and Parquet give typed values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// SQL null / no column: not assessed.
    Null,
    /// Raw text (CSV, or an Arrow string column).
    Text(&'a [u8]),
    /// A typed boolean.
    Bool(bool),
    /// A typed integer.
    Int(i64),
    /// A typed float.
    Float(f64),
}

/// A decoded value.
#[derive(Debug, Clone, PartialEq)]
pub enum Val<'a> {
    /// Not assessed.
    Missing,
    /// True or false.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Num(f64),
    /// An option (`female`, `positive`, `T`).
    Text(Cow<'a, str>),
}

/// Why a cell was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CellErrorKind {
    /// Not valid UTF-8 text.
    NotUtf8,
    /// Contains a NUL byte.
    Nul,
    /// Not true/false or a mapped code.
    NotBoolean,
    /// Not a number (or uses a thousands separator or a decimal comma).
    NotNumber,
    /// A number with a fraction where a whole number is needed.
    NotWhole,
    /// Not one of the listed options.
    UnknownOption,
    /// A typed cell of a kind the field does not take.
    WrongType,
}

impl CellErrorKind {
    /// Short wording, used as the error kind in the run summary.
    pub fn as_str(self) -> &'static str {
        match self {
            CellErrorKind::NotUtf8 => "not UTF-8 text",
            CellErrorKind::Nul => "text with a NUL byte",
            CellErrorKind::NotBoolean => "not true/false",
            CellErrorKind::NotNumber => "not a number",
            CellErrorKind::NotWhole => "not a whole number",
            CellErrorKind::UnknownOption => "not one of the options",
            CellErrorKind::WrongType => "of a type this field does not take",
        }
    }
}

/// A refused cell: which kind of problem, and the value shown back (shortened).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// The kind.
    pub kind: CellErrorKind,
    /// What was there, quoted for the message.
    pub value: String,
}

fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut s: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        s.push('…');
    }
    format!("{s:?}")
}

fn err(kind: CellErrorKind, value: &[u8]) -> CellError {
    CellError {
        kind,
        value: shown(value),
    }
}

/// Decodes one cell for `field` with its codes.
#[inline]
pub fn decode<'a>(cell: Cell<'a>, field: &Field, codes: &'a Codes) -> Result<Val<'a>, CellError> {
    match cell {
        Cell::Null => Ok(Val::Missing),
        Cell::Text(bytes) => decode_text(bytes, field, codes),
        Cell::Bool(b) if field.kinds.boolean => Ok(Val::Bool(b)),
        Cell::Int(n) if field.kinds.integer || field.kinds.number => Ok(Val::Int(n)),
        Cell::Float(x) if field.kinds.number && x.is_finite() => Ok(Val::Num(x)),
        Cell::Float(x) if field.kinds.integer && x.is_finite() && x.fract() == 0.0 => {
            Ok(Val::Int(x as i64))
        }
        Cell::Int(n) => decode_text(n.to_string().as_bytes(), field, codes).map(owned),
        Cell::Bool(b) => decode_text(if b { b"true" } else { b"false" }, field, codes).map(owned),
        Cell::Float(x) => Err(CellError {
            kind: CellErrorKind::WrongType,
            value: x.to_string(),
        }),
    }
}

fn owned(v: Val<'_>) -> Val<'static> {
    match v {
        Val::Missing => Val::Missing,
        Val::Bool(b) => Val::Bool(b),
        Val::Int(n) => Val::Int(n),
        Val::Num(x) => Val::Num(x),
        Val::Text(t) => Val::Text(Cow::Owned(t.into_owned())),
    }
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !matches!(b, b' ' | b'\t'));
    let Some(start) = start else { return &[] };
    let end = bytes
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(start);
    &bytes[start..=end]
}

#[inline]
fn decode_text<'a>(raw: &'a [u8], field: &Field, codes: &'a Codes) -> Result<Val<'a>, CellError> {
    // The default encoding as exported, decided without the general path: blank is never a
    // code, and a mapping may not list `true`/`false` under another meaning (refused when it
    // is parsed), so these agree with what follows.
    match raw {
        b"" => return Ok(Val::Missing),
        b"true" if field.kinds.boolean => return Ok(Val::Bool(true)),
        b"false" if field.kinds.boolean => return Ok(Val::Bool(false)),
        _ => {}
    }
    // Plain digits, when no code of the mapping could claim them.
    if (field.kinds.integer || field.kinds.number)
        && (1..=18).contains(&raw.len())
        && codes.is_default()
        && raw.iter().all(u8::is_ascii_digit)
    {
        let n = raw.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
        return Ok(Val::Int(n));
    }
    decode_text_general(raw, field, codes)
}

fn decode_text_general<'a>(
    raw: &'a [u8],
    field: &Field,
    codes: &'a Codes,
) -> Result<Val<'a>, CellError> {
    let bytes = trim(raw);
    if bytes.is_empty() || codes.is_missing(bytes) {
        return Ok(Val::Missing);
    }
    if bytes.contains(&0) {
        return Err(err(CellErrorKind::Nul, raw));
    }
    let kinds = field.kinds;
    if kinds.boolean
        && let Some(b) = codes.boolean(bytes)
    {
        return Ok(Val::Bool(b));
    }
    if kinds.integer || kinds.number {
        match parse_number(bytes) {
            Some(Number::Int(n)) => return Ok(Val::Int(n)),
            Some(Number::Real(x)) if kinds.number => return Ok(Val::Num(x)),
            Some(Number::Real(_)) if !kinds.text => return Err(err(CellErrorKind::NotWhole, raw)),
            _ => {}
        }
    }
    if kinds.text {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Err(err(CellErrorKind::NotUtf8, raw));
        };
        let text = codes.recode(text);
        if field.options.is_empty() || field.options.iter().any(|o| o == text) {
            return Ok(Val::Text(Cow::Borrowed(text)));
        }
        return Err(err(CellErrorKind::UnknownOption, raw));
    }
    let kind = if std::str::from_utf8(bytes).is_err() {
        CellErrorKind::NotUtf8
    } else if kinds.boolean {
        CellErrorKind::NotBoolean
    } else {
        CellErrorKind::NotNumber
    };
    Err(err(kind, raw))
}

/// A parsed number: exact integer, or a real.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// Digits only (with an optional sign).
    Int(i64),
    /// With a fraction or an exponent.
    Real(f64),
}

/// Parses `-12`, `3.5`, `1e3`. Refuses thousands separators, decimal commas, spaces inside,
/// `NaN`, `inf`, a leading `+` or `.`: never guesses what a registry meant.
pub fn parse_number(bytes: &[u8]) -> Option<Number> {
    let digits = bytes.strip_prefix(b"-").unwrap_or(bytes);
    let mut i = 0;
    let int_start = i;
    while i < digits.len() && digits[i].is_ascii_digit() {
        i += 1;
    }
    if i == int_start {
        return None;
    }
    if i == digits.len() {
        let text = std::str::from_utf8(bytes).ok()?;
        return text.parse::<i64>().ok().map(Number::Int);
    }
    if digits[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < digits.len() && digits[i].is_ascii_digit() {
            i += 1;
        }
        if i == frac_start {
            return None;
        }
    }
    if i < digits.len() && matches!(digits[i], b'e' | b'E') {
        i += 1;
        if i < digits.len() && matches!(digits[i], b'+' | b'-') {
            i += 1;
        }
        let exp_start = i;
        while i < digits.len() && digits[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return None;
        }
    }
    if i != digits.len() {
        return None;
    }
    let x: f64 = std::str::from_utf8(bytes).ok()?.parse().ok()?;
    x.is_finite().then_some(Number::Real(x))
}

/// Whether `bytes` (a number's text, spaces around allowed) is shaped like a thousands group
/// with a dot: one to three digits not starting with 0, a dot, exactly three digits (`1.500`,
/// `-12.000`).
pub fn dot_grouped(bytes: &[u8]) -> bool {
    let t = trim(bytes);
    let t = t.strip_prefix(b"-").unwrap_or(t);
    let Some(dot) = t.iter().position(|&b| b == b'.') else {
        return false;
    };
    let (int, frac) = (&t[..dot], &t[dot + 1..]);
    (1..=3).contains(&int.len())
        && int[0] != b'0'
        && frac.len() == 3
        && int.iter().chain(frac).all(u8::is_ascii_digit)
}

/// The error text for a refused cell, in the words of `myo score` (`field X: ...`).
pub fn message(field: &str, kinds: Kinds, e: &CellError) -> String {
    format!(
        "field {field}: {} is {} (allowed: {}, or blank if not assessed)",
        e.value,
        e.kind.as_str(),
        kinds.describe()
    )
}

#[cfg(test)]
mod tests {
    use super::dot_grouped;

    #[test]
    fn dot_groups_are_one_to_three_digits_a_dot_and_three() {
        for yes in ["1.500", "-12.000", " 999.999 ", "45.251"] {
            assert!(dot_grouped(yes.as_bytes()), "{yes}");
        }
        for no in [
            "0.125",
            "1.5",
            "45.25",
            "1000.000",
            "1.5000",
            "1.500.000",
            "1e3",
            "1,500",
        ] {
            assert!(!dot_grouped(no.as_bytes()), "{no}");
        }
    }
}
