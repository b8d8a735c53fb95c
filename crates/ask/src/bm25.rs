//! A compact BM25F index: weighted fields per document, Porter stems, spelling fallback.
//!
//! Hand-written because the corpus is a few hundred entries: building takes milliseconds and
//! needs no files, unlike a full search engine.

use std::collections::HashMap;

use crate::spell::{allowed_edits, distance};
use crate::text::{is_stopword, tokenize};

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// BM25 length normalisation.
const B: f32 = 0.75;

/// A weighted query term.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    /// Stem, as indexed.
    pub stem: String,
    /// Weight (1.0 for words typed, lower for expansions and corrections).
    pub weight: f32,
}

/// An inverted index over documents made of weighted text fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    terms: HashMap<String, usize>,
    /// Per term: (document, weighted term frequency).
    postings: Vec<Vec<(usize, f32)>>,
    doc_len: Vec<f32>,
    avg_len: f32,
    /// Surface word → (stem, occurrences), for spelling correction.
    surfaces: HashMap<String, (String, u32)>,
    /// Surface words grouped by character length.
    by_len: Vec<Vec<String>>,
}

impl Index {
    /// Index documents; each is a list of (text, field weight).
    pub fn build<'a, D, F>(docs: D) -> Index
    where
        D: IntoIterator<Item = F>,
        F: IntoIterator<Item = (&'a str, f32)>,
    {
        let mut index = Index {
            terms: HashMap::new(),
            postings: Vec::new(),
            doc_len: Vec::new(),
            avg_len: 0.0,
            surfaces: HashMap::new(),
            by_len: Vec::new(),
        };
        for (doc, fields) in docs.into_iter().enumerate() {
            let mut tf: HashMap<usize, f32> = HashMap::new();
            let mut len = 0.0;
            for (text, weight) in fields {
                for token in tokenize(text) {
                    if is_stopword(&token.word) {
                        continue;
                    }
                    let next = index.terms.len();
                    let id = *index.terms.entry(token.stem.clone()).or_insert(next);
                    if id == index.postings.len() {
                        index.postings.push(Vec::new());
                    }
                    *tf.entry(id).or_insert(0.0) += weight;
                    len += weight;
                    index
                        .surfaces
                        .entry(token.word)
                        .or_insert_with(|| (token.stem, 0))
                        .1 += 1;
                }
            }
            let mut tf: Vec<(usize, f32)> = tf.into_iter().collect();
            tf.sort_by_key(|(id, _)| *id);
            for (id, f) in tf {
                index.postings[id].push((doc, f));
            }
            index.doc_len.push(len);
        }
        let n = index.doc_len.len().max(1) as f32;
        index.avg_len = index.doc_len.iter().sum::<f32>() / n;
        for word in index.surfaces.keys() {
            let l = word.chars().count();
            if index.by_len.len() <= l {
                index.by_len.resize(l + 1, Vec::new());
            }
            index.by_len[l].push(word.clone());
        }
        for bucket in &mut index.by_len {
            bucket.sort();
        }
        index
    }

    /// Write the index (see [`crate::snapshot`]); the output does not depend on hash order.
    pub(crate) fn encode(&self, w: &mut crate::snapshot::Writer) {
        let mut by_id: Vec<(&String, usize)> = self.terms.iter().map(|(t, &i)| (t, i)).collect();
        by_id.sort_by_key(|&(_, i)| i);
        w.len(by_id.len());
        for ((term, _), postings) in by_id.iter().zip(&self.postings) {
            w.str(term);
            w.len(postings.len());
            for &(doc, tf) in postings {
                w.len(doc);
                w.f32(tf);
            }
        }
        w.len(self.doc_len.len());
        for &l in &self.doc_len {
            w.f32(l);
        }
        w.f32(self.avg_len);
        let mut surfaces: Vec<(&String, &(String, u32))> = self.surfaces.iter().collect();
        surfaces.sort();
        w.len(surfaces.len());
        for (word, (stem, count)) in surfaces {
            w.str(word);
            w.str(stem);
            w.u32(*count);
        }
    }

    /// Read what [`Index::encode`] wrote.
    pub(crate) fn decode(
        r: &mut crate::snapshot::Reader<'_>,
    ) -> Result<Index, crate::snapshot::SnapshotError> {
        let n = r.len()?;
        let mut terms = HashMap::with_capacity(n);
        let mut postings = Vec::with_capacity(n);
        for id in 0..n {
            terms.insert(r.str()?, id);
            let m = r.len()?;
            let mut list = Vec::with_capacity(m);
            for _ in 0..m {
                list.push((r.len()?, r.f32()?));
            }
            postings.push(list);
        }
        let n = r.len()?;
        let doc_len = (0..n).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let avg_len = r.f32()?;
        if postings.iter().flatten().any(|&(d, _)| d >= doc_len.len()) {
            return Err(crate::snapshot::SnapshotError::Damaged(0));
        }
        let n = r.len()?;
        let mut surfaces = HashMap::with_capacity(n);
        let mut by_len: Vec<Vec<String>> = Vec::new();
        for _ in 0..n {
            let word = r.str()?;
            let stem = r.str()?;
            let count = r.u32()?;
            let l = word.chars().count();
            if by_len.len() <= l {
                by_len.resize(l + 1, Vec::new());
            }
            // Written in sorted order, so every bucket stays sorted.
            by_len[l].push(word.clone());
            surfaces.insert(word, (stem, count));
        }
        Ok(Index {
            terms,
            postings,
            doc_len,
            avg_len,
            surfaces,
            by_len,
        })
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.doc_len.len()
    }

    /// True when no document was indexed.
    pub fn is_empty(&self) -> bool {
        self.doc_len.is_empty()
    }

    /// Is this stem in the index?
    pub fn contains(&self, stem: &str) -> bool {
        self.terms.contains_key(stem)
    }

    /// Is this surface word in the index?
    pub fn knows_word(&self, word: &str) -> bool {
        self.surfaces.contains_key(word)
    }

    /// Number of documents containing the stem.
    pub fn doc_freq(&self, stem: &str) -> usize {
        self.terms
            .get(stem)
            .map_or(0, |&id| self.postings[id].len())
    }

    /// Does document `doc` contain the stem?
    pub fn doc_has(&self, stem: &str, doc: usize) -> bool {
        self.terms.get(stem).is_some_and(|&id| {
            self.postings[id]
                .binary_search_by_key(&doc, |&(d, _)| d)
                .is_ok()
        })
    }

    /// Inverse document frequency of a stem (0 when absent).
    pub fn idf(&self, stem: &str) -> f32 {
        let Some(&id) = self.terms.get(stem) else {
            return 0.0;
        };
        let n = self.len() as f32;
        let df = self.postings[id].len() as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The closest indexed word within the allowed edits, as its stem ("metotrexate" →
    /// "methotrex"). Ties go to the more frequent word.
    pub fn correct(&self, word: &str) -> Option<String> {
        self.correct_among(word, |_| true)
    }

    /// Like [`Index::correct`], but only toward indexed words that `allowed` accepts (the
    /// engine passes its domain vocabulary, so "drimk" never becomes a red-flag word by chance).
    pub fn correct_among(&self, word: &str, allowed: impl Fn(&str) -> bool) -> Option<String> {
        let len = word.chars().count();
        let max = allowed_edits(len);
        if max == 0 || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        let mut best: Option<(usize, u32, &str)> = None;
        for l in len.saturating_sub(max)..=len + max {
            for candidate in self.by_len.get(l).into_iter().flatten() {
                if !allowed(candidate) {
                    continue;
                }
                let Some(d) = distance(word, candidate, max) else {
                    continue;
                };
                let count = self.surfaces[candidate].1;
                let better = match best {
                    None => true,
                    Some((bd, bc, _)) => d < bd || (d == bd && count > bc),
                };
                if better {
                    best = Some((d, count, candidate));
                }
            }
        }
        best.map(|(_, _, w)| self.surfaces[w].0.clone())
    }

    /// BM25F scores of every document with a positive score, best first (ties by position).
    pub fn search(&self, query: &[QueryTerm]) -> Vec<(usize, f32)> {
        let mut scores = vec![0.0f32; self.len()];
        for term in query {
            let Some(&id) = self.terms.get(&term.stem) else {
                continue;
            };
            let idf = self.idf(&term.stem);
            for &(doc, tf) in &self.postings[id] {
                let norm = 1.0 - B + B * self.doc_len[doc] / self.avg_len.max(1e-6);
                scores[doc] += term.weight * idf * tf * (K1 + 1.0) / (tf + K1 * norm);
            }
        }
        let mut ranked: Vec<(usize, f32)> = scores
            .into_iter()
            .enumerate()
            .filter(|(_, s)| *s > 0.0)
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(words: &[&str]) -> Vec<QueryTerm> {
        words
            .iter()
            .map(|w| QueryTerm {
                stem: crate::stem::stem(w),
                weight: 1.0,
            })
            .collect()
    }

    fn tiny() -> Index {
        let docs: Vec<Vec<(&str, f32)>> = vec![
            vec![
                ("Heliotrope rash", 3.0),
                ("A purple rash on the eyelids.", 1.0),
            ],
            vec![
                ("Methotrexate", 3.0),
                ("A weekly tablet that calms the immune system.", 1.0),
            ],
            vec![
                ("Sunscreen", 3.0),
                ("Use a broad sunscreen because the rash flares in sun.", 1.0),
            ],
        ];
        Index::build(docs)
    }

    #[test]
    fn ranks_the_matching_document_first() {
        let index = tiny();
        assert_eq!(index.search(&q(&["purple", "eyelids"]))[0].0, 0);
        assert_eq!(index.search(&q(&["weekly", "tablet"]))[0].0, 1);
        // Title weight: "rash" is in two documents, but in the title of the first.
        assert_eq!(index.search(&q(&["rash"]))[0].0, 0);
        assert!(index.search(&q(&["banana"])).is_empty());
    }

    #[test]
    fn rarer_terms_weigh_more() {
        let index = tiny();
        assert!(index.idf("heliotrop") > index.idf("rash"));
        assert!(index.idf("absent").abs() < f32::EPSILON);
    }

    #[test]
    fn corrects_typos_to_indexed_stems() {
        let index = tiny();
        assert_eq!(index.correct("metotrexate").as_deref(), Some("methotrex"));
        assert_eq!(index.correct("heliotrop").as_deref(), Some("heliotrop"));
        assert_eq!(index.correct("zzz"), None);
    }
}
