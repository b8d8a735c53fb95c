//! The hand-written `Deserialize` shape every struct shares: known keys go to typed fields,
//! any other key goes to `extra`. Hand-written rather than `#[serde(flatten)]`, because flatten
//! buffers the whole object first and so loses the JSON path of an error.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde_json::Value;

use crate::decimal::restore;

/// Builds a struct from the entries of a JSON object.
pub(crate) trait FromMap: Sized {
    /// Reads every entry of `map`.
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// The serde visitor for any [`FromMap`] struct; `name` is used in "expected" messages.
pub(crate) struct ObjectVisitor<T> {
    name: &'static str,
    kind: PhantomData<T>,
}

impl<T> ObjectVisitor<T> {
    pub(crate) fn new(name: &'static str) -> ObjectVisitor<T> {
        ObjectVisitor {
            name,
            kind: PhantomData,
        }
    }
}

impl<'de, T: FromMap> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a FHIR {} object", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// Reads the value of an unmodelled key, turning lossless marked decimals back into numbers.
pub(crate) fn extra_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Value, A::Error> {
    let mut value: Value = map.next_value()?;
    restore(&mut value);
    Ok(value)
}

/// Fails with serde's "missing field" error for the first required element not seen.
pub(crate) fn missing<E: de::Error>(seen: &[bool], names: &[&'static str]) -> Result<(), E> {
    match seen.iter().zip(names).find(|(seen, _)| !**seen) {
        Some((_, name)) => Err(E::missing_field(name)),
        None => Ok(()),
    }
}
