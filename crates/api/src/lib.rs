//! `myo-api`: Myo's JSON wire format, shared by the command line and the HTTP API.
//!
//! The only crate (besides the FHIR edge) that knows JSON: it converts between JSON documents and
//! the pure domain types of `myo-instruments`, `myo-kb` and `myo-ask`, and its errors name the
//! offending field and the allowed range.
//!
//! Scoring is transport-agnostic: [`score::Scorer`] takes a `serde_json::Value` and gives the
//! result as a `Value` or writes it as JSON text, from one document, so `myo score` and
//! `POST /api/v1/score/{instrument}` print the same JSON.

pub mod ask;
pub mod error;
pub mod kb;
pub mod score;
pub mod tracker;

pub use error::{InputError, ScoreError};
pub use score::{Scorer, cmas_input, explain_text, haq_input, mmt8_input, parse_case};
