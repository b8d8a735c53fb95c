//! `myo-ask`: grounded answers over the knowledge base, with deterministic red-flag triage first.
//!
//! Pure code: no I/O, no async, no logging of questions. The pipeline of [`Engine::ask`]:
//!
//! 1. [`triage`]: red-flag rules from the knowledge base run on every question first; an
//!    emergency or urgent warning leads the reply with its action.
//! 2. [`guard`]: personal diagnosis, medicine changes and image reading get fixed, kind
//!    refusals; questions from outside the field get a short out-of-scope reply.
//! 3. [`bm25`]: ranked retrieval with Porter stems ([`stem`]), glossary synonyms, phrasing cues
//!    ([`intent`]) and spelling tolerance toward field words ([`spell`]).
//! 4. An answerability gate: lexical coverage and focus first, then the sentence embedding
//!    ([`embed`]) compares the question with its best entry and with example questions from
//!    outside the field (data in `data/guard.toml`); a match that means an everyday topic is out
//!    of scope. Then an extractive answer: sentences of the best entries chosen for the
//!    question's type and their closeness in meaning ([`passage`]), with numbered citations, or
//!    "not covered" with the closest topics. BM25 alone ranks entries.
//! 5. [`scrub`]: identifiers removed before any question could be logged.
//!
//! [`head`] is a learned triage head on the same embedding, built and tested but not in the
//! pipeline: measured on the dev sets, it rescued no question the rules missed and raised
//! quiet ones. The embedding loads on the first question that needs it (a few milliseconds).
//!
//! Languages: [`lang`] detects English, Spanish or another language; [`es`] holds the Spanish
//! red-flag rules and the replies by language. Both rule sets run on every question.
//! [`eval`] measures all of it against the question set in `eval/questions.toml`. The built-in
//! knowledge base is analysed at compile time into a [`snapshot`], so start-up only decodes it.

pub mod bm25;
pub mod contacts;
pub mod corpus;
pub mod embed;
mod engine;
pub mod es;
pub mod eval;
pub mod guard;
pub mod head;
pub mod intent;
pub mod lang;
pub mod lexicon;
pub mod passage;
pub mod scrub;
pub mod snapshot;
pub mod spell;
pub mod stem;
pub mod text;
pub mod triage;

pub use contacts::{ContactKind, ContactLine, CountryCode};
pub use corpus::{Corpus, Document};
#[doc(hidden)]
pub use engine::gate::{
    Features as GateFeatures, Probe as GateProbe, Similarity as GateSimilarity,
    Verdict as GateVerdict,
};
pub use engine::{
    AskContext, Citation, ESCALATION, Engine, Hit, Kind, MIN_SCORE, Related, Response,
};
pub use guard::RefusalClass;
pub use lang::Lang;
pub use triage::{Tier, TriageHit};

/// The built-in knowledge base, analysed at compile time by `src/build.rs`.
const BUILTIN_SNAPSHOT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/engine.bin"));

/// The engine over the knowledge base compiled into `myo-kb`, from the snapshot made at compile
/// time (about a millisecond, instead of re-analysing the knowledge base). Should the snapshot
/// not decode, the engine is built from the knowledge base instead.
pub fn builtin_engine() -> Result<Engine, myo_kb::LoadErrors> {
    match snapshot::engine(BUILTIN_SNAPSHOT) {
        Ok(engine) => Ok(engine),
        Err(_) => {
            let kb = myo_kb::Kb::builtin()?;
            Ok(Engine::build(Corpus::from_kb(&kb)))
        }
    }
}
