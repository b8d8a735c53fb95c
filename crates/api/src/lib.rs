//! `myo-api`: Myo's JSON wire format, shared by the command line and the HTTP API.
//!
//! The only crate (besides the FHIR edge) that knows JSON: it converts between JSON documents and
//! the pure domain types of `myo-instruments`, `myo-kb` and `myo-ask`, and its errors name the
//! offending field and the allowed range.
