//! `myo-tracker`: the pure domain of Myo's care tracker.
//!
//! What a person records (diary, home tests, labs, conditions, antibodies, medicines, visits) as
//! validated types whose errors name the field; what Myo computes from it (unit conversion,
//! schedule expansion in a time zone, the weekly-only methotrexate guard, monitoring due,
//! flares against the person's own baseline, SVG trend charts, visit summaries, TIS between two
//! visits via `myo-instruments`, and the dashboard model).
//!
//! Pure code: no I/O, no async, no globals, no serde on domain types (wire formats belong to
//! `myo-api`/`myo-web`). Every clinical number (codes, unit factors, monitoring intervals, flare
//! thresholds) lives in the embedded, versioned rule files under `rules/`, each with a source and
//! a `verified`/`partial` status, parsed once by [`Rules::builtin`] and passed explicitly.
//! Missing is never zero: a day without an entry is a gap, an unrecorded dose is "not recorded",
//! a measure not assessed stays missing. Myo informs; it never diagnoses or prescribes.
//!
//! See `TRACKER.md` next to this crate's `Cargo.toml` for an API overview.

pub mod charts;
pub mod course;
pub mod dashboard;
pub mod date;
pub mod error;
pub mod flares;
pub mod ingredients;
pub mod labs;
pub mod medicines;
pub mod monitoring;
pub mod plausible;
pub mod records;
pub mod rules;
pub mod summary;
pub mod tis;

pub use date::{Date, LocalTime, Weekday};
pub use error::{Invalid, Phrase, RulesError, Worded, WordedValue};
pub use rules::{Rules, Status};
