//! The R4 resources Myo exchanges. Required R4 elements (1..1) are plain fields, so a missing one
//! is a parse error naming it; choice elements (`value[x]`, …) are one `Option` per type and are
//! checked by [`crate::validate`].

mod audit;
mod bundle;
mod clinical;
mod questionnaire;

pub use audit::*;
pub use bundle::*;
pub use clinical::*;
pub use questionnaire::*;
