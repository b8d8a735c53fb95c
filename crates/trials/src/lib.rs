//! `myo-trials`: the pure parts of Myo's clinical-trial finder and organisations directory.
//!
//! - [`v2`] speaks ClinicalTrials.gov API v2 (`/api/v2/studies`): the query for the
//!   inflammatory myopathies, pages (`studies[]`, `nextPageToken`) and a study's
//!   `protocolSection` read into a [`Trial`];
//! - [`sync`] pages through a sync with a fetch the caller gives (the HTTP client lives at the
//!   edge, in `myo-web`), keeping nothing unless every page arrived and parsed;
//! - [`filter`] and [`geo`]: status, phase, age, sex, intervention type and distance from a
//!   city in the shipped place table (GeoNames, CC BY 4.0) or sites in a country;
//! - [`card`]: the plain-language card and the criteria's reading grade;
//! - [`prescreen`]: "may fit / does not fit / cannot tell" with reasons, never "eligible";
//! - [`directory`]: organisations and centres from the knowledge base's cited records.
//!
//! No I/O, no async, no globals.

pub mod card;
pub mod directory;
pub mod filter;
pub mod geo;
pub mod model;
pub mod prescreen;
pub mod sync;
pub mod v2;

pub use model::{Sex, Trial};
