//! Exact FHIR decimals without serde_json's global `arbitrary_precision` feature.
//!
//! FHIR decimals keep their written precision (`1.50` is not `1.5`), but serde_json parses JSON
//! numbers into `f64`, and `#[serde(flatten)]` buffers every value before our types see it. So
//! [`crate::json::from_str`] first rewrites each fractional (or very long) number token into a
//! string that starts with an internal marker (`\u0000`, which FHIR strings may not contain).
//! [`Decimal`] accepts that marker string, and the `extra` maps turn it back into a plain number
//! when nothing would be lost, else keep it and write it back out with its exact digits.

use std::fmt;

use serde::de::{self, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Number, Value};

/// First character of a marked number string; FHIR strings may not contain U+0000.
pub(crate) const MARK: char = '\u{0}';

/// An exact FHIR decimal: the JSON number text as written, e.g. `"72.50"` or `"1E-22"`.
///
/// Equality is textual, so `1.0 != 1.00`: FHIR treats the digits as the stated precision.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal(String);

/// A decimal literal that is not a JSON number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a decimal number (expected e.g. `72.5`, `-3`, `1.0E-3`)")]
pub struct DecimalError(pub String);

impl Decimal {
    /// Parses a decimal written as a JSON number.
    pub fn new(text: &str) -> Result<Decimal, DecimalError> {
        if is_json_number(text) {
            Ok(Decimal(text.to_owned()))
        } else {
            Err(DecimalError(text.to_owned()))
        }
    }

    /// The shortest decimal that reads back as `value` (for callers holding `f64`s);
    /// `None` for NaN and infinities, which FHIR cannot carry.
    pub fn from_f64(value: f64) -> Option<Decimal> {
        Number::from_f64(value).map(|n| Decimal(n.to_string()))
    }

    /// The exact digits, as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as a float, for display and arithmetic only (loses the stated precision).
    pub fn to_f64(&self) -> f64 {
        // Safe to unwrap-or: the text is a valid JSON number, which Rust's parser accepts.
        self.0.parse().unwrap_or(f64::NAN)
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Decimal {
        Decimal(value.to_string())
    }
}

impl From<u32> for Decimal {
    fn from(value: u32) -> Decimal {
        Decimal(value.to_string())
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        raw_number(&self.0)
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        deserializer.deserialize_any(DecimalVisitor)
    }
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        // Reached only when the text was not pre-marked (plain serde_json): precision of
        // trailing zeros is already gone, the shortest round-trip form is the best left.
        Number::from_f64(v)
            .map(|n| Decimal(n.to_string()))
            .ok_or_else(|| E::custom("a decimal must be finite"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        match v.strip_prefix(MARK) {
            Some(digits) => Decimal::new(digits).map_err(E::custom),
            None => Err(E::custom(format!(
                "a FHIR decimal is a JSON number, not the string \"{v}\""
            ))),
        }
    }
}

/// `true` if `text` follows the JSON number grammar.
fn is_json_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let int_start = i;
    match digits(&mut i) {
        0 => return false,
        n if n > 1 && b[int_start] == b'0' => return false,
        _ => {}
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

fn raw_number(digits: &str) -> Result<Box<RawValue>, serde_json::Error> {
    RawValue::from_string(digits.to_owned())
}

/// Input text that cannot be pre-marked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("byte {offset}: a string contains the escape \\u0000, which FHIR strings may not contain")]
pub struct MarkError {
    /// Byte offset of the escape in the input text.
    pub offset: usize,
}

/// Rewrites fractional, exponent and over-long number tokens of JSON `text` into marker strings.
///
/// Strings are copied unchanged. The result is still JSON; invalid JSON stays invalid, so the
/// parser that follows reports it.
pub(crate) fn mark_decimals(text: &str) -> Result<String, MarkError> {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        match b[i] {
            b'"' => i = skip_string(b, i)?,
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < b.len() && matches!(b[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                {
                    i += 1;
                }
                let token = &text[start..i];
                if needs_mark(token) {
                    out.push_str(&text[copied..start]);
                    out.push_str("\"\\u0000");
                    out.push_str(token);
                    out.push('"');
                    copied = i;
                }
            }
            _ => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    Ok(out)
}

/// Index just past the string that starts at `start` (or the end of input if unterminated).
fn skip_string(b: &[u8], start: usize) -> Result<usize, MarkError> {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'"' => return Ok(i + 1),
            b'\\' if b[i + 1..].starts_with(b"u0000") => return Err(MarkError { offset: i }),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    Ok(i)
}

/// serde_json keeps integers up to 18 digits exactly, except `-0`, which it reads as the float
/// `-0.0`; anything else may lose digits.
fn needs_mark(token: &str) -> bool {
    token.contains(['.', 'e', 'E']) || token.trim_start_matches('-').len() > 18 || token == "-0"
}

/// Turns marker strings inside `value` back into numbers where `f64` loses nothing.
pub(crate) fn restore(value: &mut Value) {
    match value {
        Value::String(s) => {
            if let Some(n) = s.strip_prefix(MARK).and_then(lossless_number) {
                *value = Value::Number(n);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(restore),
        Value::Object(map) => map.values_mut().for_each(restore),
        _ => {}
    }
}

fn lossless_number(digits: &str) -> Option<Number> {
    let n = Number::from_f64(digits.parse().ok()?)?;
    (n.to_string() == digits).then_some(n)
}

/// The exact decimal held by a JSON value from an `extra` map (a number or a kept marker).
pub fn decimal_of(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => Some(Decimal(n.to_string())),
        Value::String(s) => s.strip_prefix(MARK).and_then(|d| Decimal::new(d).ok()),
        _ => None,
    }
}

/// Serialises a JSON value, writing kept marker strings as the exact numbers they stand for.
pub(crate) struct ExactValue<'a>(pub &'a Value);

impl Serialize for ExactValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::String(s) if s.starts_with(MARK) => raw_number(&s[MARK.len_utf8()..])
                .map_err(serde::ser::Error::custom)?
                .serialize(serializer),
            Value::Array(items) => serializer.collect_seq(items.iter().map(ExactValue)),
            Value::Object(map) => {
                serializer.collect_map(map.iter().map(|(k, v)| (k, ExactValue(v))))
            }
            other => other.serialize(serializer),
        }
    }
}

/// `serialize_with` for every `extra` map: writes kept marked numbers exactly.
pub(crate) fn ser_extra<S: Serializer>(map: &Map<String, Value>, s: S) -> Result<S::Ok, S::Error> {
    let mut out = s.serialize_map(Some(map.len()))?;
    for (k, v) in map {
        out.serialize_entry(k, &ExactValue(v))?;
    }
    out.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_numbers_outside_strings_are_marked() {
        let text = r#"{"a":"x 1.5 \" 2.50","b":[1,-2.50,3e2,12345678901234567890],"c":true}"#;
        let marked = mark_decimals(text).unwrap();
        assert_eq!(
            marked,
            r#"{"a":"x 1.5 \" 2.50","b":[1,"\u0000-2.50","\u00003e2","\u000012345678901234567890"],"c":true}"#
        );
    }

    #[test]
    fn escaped_backslashes_do_not_hide_the_end_of_a_string() {
        let marked = mark_decimals(r#"["a\\",0.5]"#).unwrap();
        assert_eq!(marked, r#"["a\\","\u00000.5"]"#);
    }

    #[test]
    fn restore_keeps_a_marker_only_where_f64_would_lose_digits() {
        let mut v = serde_json::json!(["\u{0}2.5", "\u{0}2.50", "\u{0}1E-22", "plain"]);
        restore(&mut v);
        assert_eq!(
            v,
            serde_json::json!([2.5, "\u{0}2.50", "\u{0}1E-22", "plain"])
        );
        assert_eq!(decimal_of(&v[1]).unwrap().as_str(), "2.50");
        assert_eq!(decimal_of(&v[0]).unwrap().as_str(), "2.5");
        assert_eq!(decimal_of(&v[3]), None);
    }
}
