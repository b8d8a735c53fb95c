//! Parsing and serialising FHIR JSON. Use these rather than `serde_json::from_str`: they keep
//! decimals exact and name the JSON path of any error.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::decimal::mark_decimals;
use crate::resource::PATH_SEP;

/// Input that is not the expected FHIR JSON, with the path of the offending element.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", if path.is_empty() { "(document)" } else { path })]
pub struct ParseError {
    /// JSON path of the element, e.g. `entry[2].resource.valueQuantity.value`; empty when the
    /// problem is the document as a whole (e.g. a syntax error, whose message has the line).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// Parses FHIR JSON into `T` (a resource, a [`crate::Bundle`] or a [`crate::Resource`]).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    let marked = mark_decimals(text).map_err(|err| ParseError {
        path: String::new(),
        message: err.to_string(),
    })?;
    let mut de = serde_json::Deserializer::from_str(&marked);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let inner = err.inner();
        if inner.is_syntax() || inner.is_eof() {
            syntax_error(text)
        } else {
            split_error(&err.path().to_string(), &without_position(inner))
        }
    })?;
    de.end().map_err(|_| syntax_error(text))?;
    Ok(value)
}

/// The syntax error as serde_json reports it on the original text, so line and column are
/// those of the input (the marked text has longer lines).
fn syntax_error(text: &str) -> ParseError {
    let message = serde_json::from_str::<serde::de::IgnoredAny>(text)
        .err()
        .map_or_else(|| "invalid JSON".to_owned(), |err| err.to_string());
    ParseError {
        path: String::new(),
        message,
    }
}

/// The message without serde_json's " at line L column C": the path says where, and the
/// column would count the marked text.
fn without_position(err: &serde_json::Error) -> String {
    let message = err.to_string();
    match message.rfind(" at line ") {
        Some(at) if err.line() > 0 => message[..at].to_owned(),
        _ => message,
    }
}

/// Joins the outer path with paths that nested resources put into the message.
fn split_error(outer: &str, message: &str) -> ParseError {
    let mut parts: Vec<&str> = message.split(PATH_SEP).collect();
    let message = parts.pop().unwrap_or_default();
    let path = std::iter::once(outer)
        .chain(parts)
        .filter(|p| !p.is_empty() && *p != ".")
        .collect::<Vec<_>>()
        .join(".");
    // A marked decimal reached a non-decimal field: say "number", not the internal marker.
    let message = message.replace("string \"\\0", "number \"");
    ParseError { path, message }
}

/// Serialises compactly. Decimals keep their exact digits.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string(value)
}

/// Serialises with indentation. Decimals keep their exact digits.
pub fn to_string_pretty<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(value)
}

/// Converts to a `serde_json::Value`, for semantic comparisons (decimals become `f64` here).
pub fn to_value<T: Serialize>(value: &T) -> Result<Value, serde_json::Error> {
    serde_json::to_value(value)
}
