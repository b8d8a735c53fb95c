//! Spanish: triage in Spanish, replies to Spanish questions and to questions in languages Myo
//! does not answer in, and the Spanish evaluation set.
//!
//! - [`text`]: accent folding, a light stemmer, a tokeniser.
//! - [`numbers`]: temperatures, oxygen saturation and glucose read from Spanish text.
//! - `context`: does a matched sign report something happening now (questions, hearsay, quotes,
//!   the past and people who died do not).
//! - [`triage`]: the Spanish red-flag rules (`data/triage-es.toml`, then `triage-es-more.toml`),
//!   keyed by the knowledge base's rule ids.
//! - [`reply`]: [`crate::Engine::ask`] and [`crate::Engine::red_flag`], which pick the reply
//!   language and always run both rule sets.
//! - [`eval`]: the Spanish dev set and its targets.
//! - [`answer`]: answers from the Spanish entries of the knowledge base (`kb/es/`), and the
//!   note that marks an English fallback; [`corpus`] renders their tables with Spanish labels.

pub mod answer;
mod context;
pub(crate) mod corpus;
pub mod eval;
mod framing;
pub mod numbers;
pub mod refuse;
pub mod reply;
pub mod text;
mod topic;
pub mod triage;

#[cfg(test)]
mod tests;
