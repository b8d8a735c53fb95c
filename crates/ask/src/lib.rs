//! `myo-ask`: grounded answers over the knowledge base, with deterministic red-flag triage first.
//!
//! Pure code: no I/O, no async, no logging of questions. The pipeline of [`Engine::ask`]:
//!
//! 1. [`triage`]: red-flag rules from the knowledge base run on every question first; an
//!    emergency or urgent warning leads the reply with its action.
//! 2. [`guard`]: personal diagnosis, medicine changes and image reading get fixed, kind
//!    refusals; questions from outside the field get a short out-of-scope reply.
//! 3. [`bm25`]: ranked retrieval with Porter stems ([`stem`]), glossary synonyms and spelling
//!    tolerance ([`spell`]).
//! 4. An extractive answer: 2–5 sentences taken from the best entries, with numbered citations,
//!    or "not covered" with the closest topics below a calibrated score.
//! 5. [`scrub`]: identifiers removed before any question could be logged.
//!
//! [`eval`] measures all of it against the question set in `eval/questions.toml`.
//!
//! Languages: [`lang`] detects English, Spanish or another language; [`es`] holds the Spanish
//! red-flag rules and the replies by language. Both rule sets run on every question.

pub mod bm25;
pub mod contacts;
pub mod corpus;
mod engine;
pub mod es;
pub mod eval;
pub mod guard;
pub mod lang;
pub mod lexicon;
pub mod scrub;
pub mod spell;
pub mod stem;
pub mod text;
pub mod triage;

pub use contacts::{ContactKind, ContactLine, CountryCode};
pub use corpus::{Corpus, Document};
pub use engine::{
    AskContext, Citation, ESCALATION, Engine, Hit, Kind, MIN_SCORE, Related, Response,
};
pub use guard::RefusalClass;
pub use lang::Lang;
pub use triage::{Tier, TriageHit};

/// Build the engine from the knowledge base compiled into `myo-kb`.
pub fn builtin_engine() -> Result<Engine, myo_kb::LoadErrors> {
    let kb = myo_kb::Kb::builtin()?;
    Ok(Engine::build(Corpus::from_kb(&kb)))
}
