//! The sentence embedding's two uses in answering: how close the question is to an entry (for
//! the answerability gate, beside the lexical features) and which sentence of an entry says
//! most nearly what was asked (for passage choice). Entries are ranked by BM25 alone.

use std::sync::OnceLock;

use super::Engine;
use super::gate::Similarity;
use crate::embed::{Embedder, Vector, cosine};

/// The embedding, the vectors of the guardrails' off-topic examples, and each entry's vectors
/// (its title with summary, then its sentences), embedded the first time the entry is needed.
#[derive(Debug, Clone)]
pub(crate) struct Semantic {
    embedder: Embedder,
    off_topic: Vec<Vector>,
    entries: Vec<OnceLock<(Vector, Vec<Vector>)>>,
}

impl Engine {
    /// The embedding, loaded once (a few milliseconds) on the first question needing it.
    fn semantic(&self) -> Option<&Semantic> {
        self.semantic
            .get_or_init(|| {
                let embedder = Embedder::builtin().ok()?;
                let off_topic = self
                    .guard
                    .off_topic_examples()
                    .iter()
                    .map(|q| embedder.embed(q))
                    .filter(|v| !v.is_zero())
                    .collect();
                Some(Semantic {
                    embedder,
                    off_topic,
                    entries: (0..self.docs.len()).map(|_| OnceLock::new()).collect(),
                })
            })
            .as_ref()
    }

    /// The question's vector; `None` when no embedding is available or no token is known.
    pub(crate) fn embed_question(&self, question: &str) -> Option<Vector> {
        let v = self.semantic()?.embedder.embed(question);
        (!v.is_zero()).then_some(v)
    }

    /// Entry `d`'s vectors: its title with summary, and its sentences.
    fn entry_vectors<'a>(&self, s: &'a Semantic, d: usize) -> &'a (Vector, Vec<Vector>) {
        s.entries[d].get_or_init(|| {
            let doc = &self.docs[d];
            let head = s.embedder.embed(&format!("{}. {}", doc.title, doc.summary));
            let sentences = self.sentences[d]
                .iter()
                .map(|x| s.embedder.embed(&x.text))
                .collect();
            (head, sentences)
        })
    }

    /// Cosine of the question with each sentence of entry `d`, in the entry's order.
    pub(crate) fn sentence_similarities(&self, v: &Vector, d: usize) -> Vec<f32> {
        let Some(s) = self.semantic() else {
            return vec![0.0; self.sentences[d].len()];
        };
        self.entry_vectors(s, d)
            .1
            .iter()
            .map(|x| cosine(v, x))
            .collect()
    }

    /// How close the question is to entry `d` (the best cosine over its title with its summary,
    /// and its sentences) and to the nearest off-topic example.
    pub(crate) fn similarity(&self, v: &Vector, d: usize) -> Option<Similarity> {
        let s = self.semantic()?;
        let (head, sentences) = self.entry_vectors(s, d);
        let entry = sentences
            .iter()
            .map(|x| cosine(v, x))
            .fold(cosine(v, head), f32::max);
        let off_topic = s.off_topic.iter().map(|x| cosine(v, x)).fold(0.0, f32::max);
        Some(Similarity { entry, off_topic })
    }
}
