//! The Ask pipeline: triage → guardrails → retrieval → extractive answer.

use std::collections::HashSet;

use crate::bm25::Index;
use crate::contacts::Contacts;
use crate::corpus::{Corpus, Document};
use crate::es::triage::SpanishTriage;
use crate::guard::Guard;
use crate::intent::Cues;
use crate::passage::Sentence;
use crate::triage::Triage;

mod analysis;
mod answer;
pub mod gate;
mod pipeline;
mod query;
mod similar;
#[cfg(test)]
mod tests;
mod types;

pub(crate) use analysis::{Analysis, SynonymGroup};
pub(crate) use query::Query;
pub use types::{AskContext, Citation, Hit, Kind, Related, Response};

/// Answer only when the best entry scores at least this. Calibrated on the evaluation set: the
/// lowest best score among labelled retrieval questions was 4.4, while gibberish and questions
/// made of words the knowledge base never uses score 0–3. Lexical scores cannot tell a
/// neighbouring topic ("type 2 diabetes") from a covered one, so out-of-field questions are
/// caught by the guardrails' marker words, not by this threshold.
pub const MIN_SCORE: f32 = 4.0;

/// The line that always closes an answer: where to turn if things are bad.
pub const ESCALATION: &str = "If you feel very unwell, or think this may be an emergency, call \
     your local emergency number now; otherwise contact your care team.";

/// Spanish documents, `(Spanish id, English id)` counterparts and Spanish glossary groups.
type SpanishCorpus = (Vec<Document>, Vec<(String, String)>, Vec<Vec<String>>);

/// The built engine: immutable, cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Engine {
    docs: Vec<Document>,
    titles: Vec<Vec<String>>,
    labels: Vec<Vec<String>>,
    sentences: Vec<Vec<Sentence>>,
    index: Index,
    synonyms: Vec<SynonymGroup>,
    domain: HashSet<String>,
    domain_stems: HashSet<String>,
    /// Stems of every title.
    title_words: HashSet<String>,
    cues: Cues,
    triage: Triage,
    /// Spanish red-flag rules (`es::triage`), keyed by the same rule ids.
    spanish: SpanishTriage,
    /// Spanish entries (documents, counterparts, glossary groups), for Spanish answers.
    spanish_corpus: SpanishCorpus,
    /// Their index (`es::answer`), built on the first Spanish question, so English-only use
    /// pays nothing at start-up.
    spanish_answers: std::sync::OnceLock<crate::es::answer::SpanishAnswers>,
    /// The sentence embedding and the vectors of the off-topic examples, loaded on the first
    /// question that needs them.
    semantic: std::sync::OnceLock<Option<similar::Semantic>>,
    guard: Guard,
    disclaimer: String,
    min_score: f32,
    contacts: Contacts,
}

impl Engine {
    /// Build the engine (index, rules, guardrails) from a corpus.
    pub fn build(corpus: Corpus) -> Engine {
        let analysis = Analysis::build(&corpus);
        Engine::assemble(corpus, analysis)
    }

    /// Put an engine together from a corpus and its analysis (cheap: rules and guardrails only).
    pub(crate) fn assemble(corpus: Corpus, analysis: Analysis) -> Engine {
        // Glossary medical terms only: entries' own term lists hold everyday English too.
        let field_terms: Vec<String> = corpus
            .synonyms
            .iter()
            .filter_map(|g| g.first().cloned())
            .collect();
        let title_words = analysis.titles.iter().flatten().cloned().collect();
        // The Spanish data is compiled in and checked by its tests; a broken file is a build bug.
        let spanish = SpanishTriage::builtin(&corpus.rules)
            .unwrap_or_else(|e| panic!("built-in Spanish triage data: {e}"));
        Engine {
            spanish,
            spanish_corpus: (corpus.spanish, corpus.counterparts, corpus.spanish_synonyms),
            spanish_answers: std::sync::OnceLock::new(),
            semantic: std::sync::OnceLock::new(),
            title_words,
            titles: analysis.titles,
            labels: analysis.labels,
            guard: Guard::new(&corpus.medicines, &field_terms),
            triage: Triage::with_aliases(
                corpus.rules,
                crate::triage::Aliases::builtin()
                    .unwrap_or_else(|e| panic!("built-in triage alias data: {e}")),
            ),
            cues: Cues::builtin(),
            docs: corpus.documents,
            sentences: analysis.sentences,
            index: analysis.index,
            synonyms: analysis.synonyms,
            domain: analysis.domain.into_iter().collect(),
            domain_stems: analysis.domain_stems.into_iter().collect(),
            disclaimer: corpus.disclaimer,
            min_score: MIN_SCORE,
            // The built-in table is checked by its own tests; should it ever fail to parse,
            // replies keep the knowledge base's action text, which names the emergency number.
            contacts: Contacts::builtin().unwrap_or_default(),
        }
    }

    /// Use another answer threshold (the default, [`MIN_SCORE`], is calibrated on the full
    /// knowledge base; small test corpora score lower).
    pub fn with_min_score(mut self, min_score: f32) -> Engine {
        self.min_score = min_score;
        self
    }

    /// The triage rule engine.
    pub fn triage(&self) -> &Triage {
        &self.triage
    }

    /// The Spanish triage rules.
    pub fn spanish(&self) -> &SpanishTriage {
        &self.spanish
    }

    /// The Spanish entries, for answers in Spanish.
    pub fn spanish_answers(&self) -> &crate::es::answer::SpanishAnswers {
        self.spanish_answers.get_or_init(|| {
            let (docs, counterparts, synonyms) = &self.spanish_corpus;
            crate::es::answer::SpanishAnswers::build(docs, counterparts, synonyms)
        })
    }

    /// The disclaimer shown with every answer.
    pub(crate) fn disclaimer(&self) -> &str {
        &self.disclaimer
    }

    /// The entry `id` as a related page, if it exists.
    pub(crate) fn page_of(&self, id: &str) -> Option<Related> {
        self.docs
            .iter()
            .position(|d| d.id == id)
            .map(|d| self.related(d))
    }

    /// The guardrails.
    pub fn guard(&self) -> &Guard {
        &self.guard
    }

    /// Number of indexed entries.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when the knowledge base had no entries.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}
