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
//! * [`cds_hooks`]: CDS Hooks 2.0.1 wire types (discovery, `patient-view`, cards, feedback);
//!   [`cds_shape`]: the specification's required members, checked on raw JSON.
//!
//! Wire format only: no I/O, no clock, no globals. FHIR R4 is 4.0.1. Decisions, Myo's code
//! systems and the mapping table are in `crates/fhir/FHIR.md`.
//!
//! ```
//! use myo_fhir::{Observation, validate::Validate};
//!
//! let text = r#"{"resourceType":"Observation","status":"final",
//!     "code":{"coding":[{"system":"http://loinc.org","code":"2157-6"}]},
//!     "valueQuantity":{"value":1250.0,"unit":"U/L"},"_status":{"id":"s"}}"#;
//! let obs: Observation = myo_fhir::from_str(text)?;
//! assert_eq!(obs.value.value_quantity.as_ref().unwrap().value.as_ref().unwrap().as_str(), "1250.0");
//! assert!(obs.validate().is_empty());
//! // Unknown elements and `_primitive` companions come back unchanged, digits included.
//! let again = myo_fhir::to_string(&obs).unwrap();
//! assert!(again.contains(r#""value":1250.0"#) && again.contains(r#""_status":{"id":"s"}"#));
//! # Ok::<(), myo_fhir::ParseError>(())
//! ```

pub mod cds_hooks;
pub mod cds_shape;
pub mod codes;
pub mod datatypes;
pub mod decimal;
pub mod export;
pub mod import;
pub mod json;
mod object;
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
