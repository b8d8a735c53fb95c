//! `myo-fhir`: the only crate in Myo that knows FHIR R4 (JSON).
//!
//! * [`resources`] and [`datatypes`]: hand-written serde structs for the resources Myo exchanges
//!   (Patient, Observation, Condition, MedicationStatement, Questionnaire,
//!   QuestionnaireResponse, Bundle, AuditEvent) and [`Resource`], with an `Other` fallback.
//!   Unknown elements, extensions and `_element` companions are kept in each struct's `extra`
//!   map, so parse → serialise is lossless; decimals are exact ([`Decimal`]).
//! * [`json`]: parsing with errors that name the JSON path, and serialising.
//! * [`validate`]: R4 rules serde cannot express (at most one `value[x]`, …).
//! * [`export`]: a patient's tracker records → a `collection` Bundle.
//! * [`import`]: a patient Bundle → typed, validated resources (no storage).
//! * [`systems`] and [`codes`]: code-system URIs and the cited codes Myo uses.
//!
//! Wire format only: no I/O, no clock, no globals. FHIR R4 is 4.0.1.

pub mod codes;
pub mod datatypes;
pub mod decimal;
pub mod export;
pub mod import;
pub mod json;
pub mod resource;
pub mod resources;
pub mod systems;
pub mod tag;
pub mod validate;

pub use decimal::Decimal;
pub use json::{ParseError, from_str, to_string, to_string_pretty};
pub use resource::Resource;
pub use resources::{
    AuditEvent, Bundle, BundleEntry, Condition, MedicationStatement, Observation, Patient,
    Questionnaire, QuestionnaireResponse,
};
