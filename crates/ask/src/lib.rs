//! `myo-ask`: grounded answers over the knowledge base, with deterministic red-flag triage first.
//!
//! Pure code: no I/O, no async, no logging of questions.
