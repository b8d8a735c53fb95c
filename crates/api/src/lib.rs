//! `myo-api`: Myo's JSON wire format, shared by the command line and the HTTP API.
//!
//! The only crate (besides the FHIR edge) that knows JSON: it converts between JSON documents and
//! the pure domain types of `myo-instruments`, `myo-kb` and `myo-ask`, and its errors name the
//! offending field and the allowed range.
//!
//! Scoring is transport-agnostic: [`score::Scorer`] takes and returns `serde_json::Value`, so
//! `myo score` and a future `POST /api/v1/score/{instrument}` share one code path.

pub mod ask;
pub mod error;
pub mod kb;
pub mod score;
pub mod tracker;

pub use error::{InputError, ScoreError};
pub use score::{Scorer, cmas_input, explain_text, haq_input, mmt8_input};
