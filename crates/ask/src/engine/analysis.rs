//! The costly, corpus-derived part of the engine: the BM25F index with its field weights,
//! sentences, glossary synonym phrases and the field's own words.

use crate::bm25::Index;
use crate::corpus::{Corpus, Document};
use crate::passage::{Sentence, content_stems, sentences_of};
use crate::text::{is_stopword, tokenize};

/// Field weights of the BM25F index: a word in the title counts as much as three in the body.
const W_TITLE: f32 = 3.0;
const W_TERMS: f32 = 2.0;
const W_SUMMARY: f32 = 1.5;
const W_BODY: f32 = 1.0;
const W_FACTS: f32 = 0.8;

/// A glossary synonym group, as stem sequences.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SynonymGroup {
    pub(crate) phrases: Vec<Vec<String>>,
}

/// The derived, costly part of the engine: everything computed from the corpus text. Built once
/// (for the built-in knowledge base, at compile time: see [`crate::snapshot`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Analysis {
    /// Content stems of each title, for the title-match bonus.
    pub(crate) titles: Vec<Vec<String>>,
    /// Content stems of each title and its everyday and medical terms.
    pub(crate) labels: Vec<Vec<String>>,
    pub(crate) sentences: Vec<Vec<Sentence>>,
    pub(crate) index: Index,
    pub(crate) synonyms: Vec<SynonymGroup>,
    /// Surface words of titles, terms, glossary and medicine names: the only words a spelling
    /// correction may reach.
    pub(crate) domain: Vec<String>,
    /// Stems of those words (specific ones anchor an answer: see [`gate`]).
    pub(crate) domain_stems: Vec<String>,
}

impl Analysis {
    /// Analyse a corpus: the BM25F index, sentences, synonym phrases and domain words.
    pub(crate) fn build(corpus: &Corpus) -> Analysis {
        let fields: Vec<Vec<(String, f32)>> = corpus.documents.iter().map(fields_of).collect();
        let index = Index::build(
            fields
                .iter()
                .map(|f| f.iter().map(|(t, w)| (t.as_str(), *w)).collect::<Vec<_>>()),
        );
        let sentences = corpus.documents.iter().map(sentences_of).collect();
        let synonyms = corpus
            .synonyms
            .iter()
            .map(|group| SynonymGroup {
                phrases: group
                    .iter()
                    .map(|p| content_stems(p))
                    .filter(|p| !p.is_empty())
                    .collect(),
            })
            .filter(|g| g.phrases.len() > 1)
            .collect();
        let titles = corpus
            .documents
            .iter()
            .map(|d| {
                let mut t = content_stems(&d.title);
                t.sort();
                t.dedup();
                t
            })
            .collect();
        let labels = corpus
            .documents
            .iter()
            .map(|d| {
                let mut t = content_stems(&d.title);
                t.extend(d.terms.iter().flat_map(|x| content_stems(x)));
                t.sort();
                t.dedup();
                t
            })
            .collect();
        let mut domain: Vec<String> = corpus
            .documents
            .iter()
            .map(|d| &d.title)
            .chain(corpus.synonyms.iter().flatten())
            .chain(corpus.medicines.iter())
            .flat_map(|t| tokenize(t))
            .filter(|t| !is_stopword(&t.word) && t.word.chars().count() >= 4)
            .map(|t| t.word)
            .collect();
        domain.sort();
        domain.dedup();
        let mut domain_stems: Vec<String> = domain.iter().map(|w| crate::stem::stem(w)).collect();
        domain_stems.sort();
        domain_stems.dedup();
        Analysis {
            titles,
            labels,
            sentences,
            index,
            synonyms,
            domain,
            domain_stems,
        }
    }
}

fn fields_of(d: &Document) -> Vec<(String, f32)> {
    let mut f = vec![
        (d.title.clone(), W_TITLE),
        (d.terms.join(". "), W_TERMS),
        (d.summary.clone(), W_SUMMARY),
    ];
    let body: Vec<&str> = d.lines.iter().map(|l| l.trim_start_matches("# ")).collect();
    f.push((body.join("\n"), W_BODY));
    f.push((d.facts.join("\n"), W_FACTS));
    f
}
