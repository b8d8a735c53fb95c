//! `myo-instruments`: the published myositis instruments, computed exactly as published.
//!
//! Pure code: no I/O, no async, no wire formats. Every clinical number lives in cited data under
//! `defs/` (paper, table or figure locator, and a `verified`/`partial` status); the logic reads
//! like the paper; every result explains itself (contributions, missing items, warnings, status,
//! citation). An item that was not assessed is reported as missing, never scored as normal.
//!
//! The definitions are embedded at compile time and parsed once into a [`Catalog`]
//! ([`Catalog::builtin`]), which callers pass explicitly to each instrument's `score` function.
//! How to add an instrument is described in `FRAMEWORK.md` next to this crate's `Cargo.toml`.

pub mod catalog;
pub mod def;
pub mod explain;

pub mod antibodies;
pub mod bohan_peter;
pub mod cmas;
pub mod eular_acr;
pub mod haq;
pub mod imacs_cancer;
pub mod mmt8;
pub mod tis;

pub use catalog::Catalog;
pub use def::DefError;
pub use explain::{
    Citation, Contribution, Explanation, InvalidInput, Meta, Milli, Status, Tenths, Value,
};
