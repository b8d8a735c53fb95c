//! Question analysis and ranking: weighted query terms (typed words, spelling corrections,
//! glossary synonyms, phrasing cues), the BM25F ranking with its title bonus, and search.

use std::collections::HashMap;

use super::{Engine, Hit};
use crate::bm25::QueryTerm;
use crate::intent::{QuestionType, classify};
use crate::passage::content_stems;
use crate::text::{is_stopword, tokenize};

/// Weight of a word reached through a spelling correction, and through a glossary synonym.
const W_CORRECTED: f32 = 0.9;
const W_SYNONYM: f32 = 0.5;
/// Weight of the medical term behind a typed abbreviation ("MTX" → methotrexate).
const W_ABBREVIATION: f32 = 1.0;
/// A word this long may be corrected even when nothing else in the question is in the field.
const LONE_FIX_LEN: usize = 7;
/// Extra weight for each repetition of a typed word.
const W_REPEAT: f32 = 0.5;
/// Scale of the title-match bonus.
const W_TITLE_MATCH: f32 = 2.0;
/// A word found in more than this share of entries is common, and weighs `W_COMMON`.
const COMMON_SHARE: f32 = 0.3;
const W_COMMON: f32 = 0.4;
/// A word in more than this share ("dm", "dermatomyositis", "people") is the background of
/// every entry: beside other words it weighs `W_BACKGROUND` and earns no title bonus, so the
/// disease's name does not pull every question to the overview.
const BACKGROUND_SHARE: f32 = 0.5;
const W_BACKGROUND: f32 = 0.3;
/// A title word found in at most this share of entries places a question in the field.
const TITLE_WORD_SHARE: f32 = 0.15;
/// Shortest word a spelling correction may change ("wine" is not a typo for "line").
const MIN_FIX_LEN: usize = 5;

/// A content word of a question.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    /// Stem (after spelling correction).
    pub(crate) stem: String,
    /// Known to the index.
    pub(crate) known: bool,
    /// Stems its synonyms reach ("mtx" → "methotrex").
    pub(crate) alts: Vec<String>,
}

impl Word {
    /// Is the word, or one of its synonyms, in the set `has` describes?
    pub(crate) fn in_set(&self, has: &dyn Fn(&str) -> bool) -> bool {
        has(&self.stem) || self.alts.iter().any(|a| has(a))
    }
}

/// A question, analysed once for every later step.
#[derive(Debug, Clone)]
pub(crate) struct Query {
    /// Weighted query terms (typed, corrected, synonyms, phrasing cues).
    pub(crate) terms: Vec<QueryTerm>,
    /// Content words typed.
    pub(crate) content: Vec<Word>,
    /// What the question asks for.
    pub(crate) kind: QuestionType,
    /// Some word is from the field (guardrails' field words).
    pub(crate) in_field: bool,
}

impl Engine {
    /// Weighted query terms: typed words, spelling corrections, glossary synonyms.
    pub fn query_terms(&self, question: &str) -> Vec<QueryTerm> {
        self.analyse(question).terms
    }

    /// Analyse a question: weighted terms, content words and question type.
    pub(crate) fn analyse(&self, question: &str) -> Query {
        let tokens = tokenize(question);
        let mut weights: HashMap<String, f32> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut add = |stem: String, w: f32, weights: &mut HashMap<String, f32>| {
            let e = weights.entry(stem.clone()).or_insert_with(|| {
                order.push(stem);
                0.0
            });
            *e = e.max(w);
        };
        // A spelling correction is trusted only inside an otherwise in-domain question, or when
        // the word is long enough to be unmistakable ("dermatomiositis").
        let in_domain = tokens.iter().any(|t| {
            !is_stopword(&t.word) && self.index.contains(&t.stem) && self.domain.contains(&t.word)
        });
        let mut seq: Vec<String> = Vec::new();
        let mut content = Vec::new();
        for (k, t) in tokens.iter().enumerate() {
            if is_stopword(&t.word) || everyday_use(&tokens, k) {
                continue;
            }
            if self.index.contains(&t.stem) {
                seq.push(t.stem.clone());
                content.push(Word {
                    stem: t.stem.clone(),
                    known: true,
                    alts: vec![],
                });
                // A word typed twice ("can't sleep … tips for sleep") matters more.
                let w = weights
                    .get(&t.stem)
                    .map_or(1.0, |w| (w + W_REPEAT).min(2.0));
                add(t.stem.clone(), w, &mut weights);
            } else if let Some(fixed) = (t.word.chars().count() >= MIN_FIX_LEN
                && (in_domain || t.word.chars().count() >= LONE_FIX_LEN))
                .then(|| {
                    self.index
                        .correct_among(&t.word, |w| self.domain.contains(w))
                })
                .flatten()
            {
                seq.push(fixed.clone());
                content.push(Word {
                    stem: fixed.clone(),
                    known: true,
                    alts: vec![],
                });
                add(fixed, W_CORRECTED, &mut weights);
            } else {
                seq.push(t.stem.clone());
                content.push(Word {
                    stem: t.stem.clone(),
                    known: false,
                    alts: vec![],
                });
            }
        }
        for group in &self.synonyms {
            let hit = group.phrases.iter().position(|p| contains_seq(&seq, p));
            if let Some(hit) = hit {
                // A typed abbreviation ("MTX", "ILD", "CK") means its medical term in full.
                let abbreviation = group.phrases[hit].len() == 1
                    && group.phrases[hit][0].chars().count() <= 4
                    && hit > 0;
                // A lay word the entries never use ("yoga") means only what its synonym says:
                // the group's main term takes its full weight.
                let unknown = hit > 0 && group.phrases[hit].iter().all(|s| !self.index.contains(s));
                for (k, phrase) in group.phrases.iter().enumerate() {
                    if k == hit {
                        continue;
                    }
                    let base = if (abbreviation || unknown) && k == 0 {
                        W_ABBREVIATION
                    } else {
                        W_SYNONYM
                    };
                    // Split the weight over a multi-word phrase so long phrases don't dominate.
                    let w = base / (phrase.len() as f32).sqrt();
                    for s in phrase {
                        if self.index.contains(s) {
                            add(s.clone(), w, &mut weights);
                            for word in content
                                .iter_mut()
                                .filter(|c| group.phrases[hit].contains(&c.stem))
                            {
                                word.alts.push(s.clone());
                            }
                        }
                    }
                }
            }
        }
        for (phrase, w) in self.cues.expand(&tokens) {
            let stems = content_stems(phrase);
            let w = w / (stems.len() as f32).sqrt();
            for s in stems {
                if self.index.contains(&s) {
                    add(s, w, &mut weights);
                }
            }
        }
        // Words in most entries ("dermatomyositis", "dm") say little about which entry is meant.
        let topical = content
            .iter()
            .any(|w| w.known && !self.is_background(&w.stem));
        let terms = order
            .into_iter()
            .map(|stem| {
                let scale = if topical && self.is_background(&stem) {
                    W_BACKGROUND
                } else if self.is_common(&stem) {
                    W_COMMON
                } else {
                    1.0
                };
                QueryTerm {
                    weight: weights[&stem] * scale,
                    stem,
                }
            })
            .collect();
        let in_field = self.guard.in_field_tokens(&tokens)
            || content.iter().any(|w| {
                self.title_words.contains(&w.stem)
                    && self.index.doc_freq(&w.stem) as f32
                        <= TITLE_WORD_SHARE * self.index.len() as f32
            });
        Query {
            terms,
            kind: classify(&tokens),
            content,
            in_field,
        }
    }

    /// Is this stem in more than [`BACKGROUND_SHARE`] of the entries?
    pub(crate) fn is_background(&self, stem: &str) -> bool {
        let n = self.index.len().max(1) as f32;
        self.index.doc_freq(stem) as f32 / n > BACKGROUND_SHARE
    }

    /// Is this stem in more than [`COMMON_SHARE`] of the entries?
    fn is_common(&self, stem: &str) -> bool {
        let n = self.index.len().max(1) as f32;
        self.index.doc_freq(stem) as f32 / n > COMMON_SHARE
    }

    /// Ranked entries for a question (all with a positive score).
    ///
    /// BM25F, plus a bonus for entries whose title the question covers ("skin biopsy for a
    /// rash" → "Skin biopsy" over "Muscle biopsy"): the idf of the title words found, scaled
    /// by the square of the share of the title found. Background words ("dermatomyositis") take
    /// no part in the bonus, so the disease's name does not pull every question to the overview.
    pub(super) fn rank(&self, terms: &[QueryTerm]) -> Vec<(usize, f32)> {
        let mut ranked = self.index.search(terms);
        for (d, score) in &mut ranked {
            let title = &self.titles[*d];
            if title.is_empty() {
                continue;
            }
            let found: Vec<&QueryTerm> = terms
                .iter()
                .filter(|t| title.contains(&t.stem) && !self.is_background(&t.stem))
                .collect();
            // A word reached only through a synonym covers its share of the title in part.
            let share = found.iter().map(|t| t.weight.min(1.0)).sum::<f32>() / title.len() as f32;
            let idf: f32 = found
                .iter()
                .map(|t| t.weight * self.index.idf(&t.stem))
                .sum();
            *score += W_TITLE_MATCH * share * share * idf;
        }
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }

    /// Search the knowledge base: up to `limit` entries, best first, with snippets.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = self.analyse(query);
        self.rank(&q.terms)
            .into_iter()
            .take(limit)
            .map(|(d, score)| {
                let doc = &self.docs[d];
                let snippet = self
                    .best_sentences(d, &q, 1, true)
                    .first()
                    .map(|&i| self.sentences[d][i].text.clone())
                    .unwrap_or_else(|| doc.summary.clone());
                Hit {
                    id: doc.id.clone(),
                    title: doc.title.clone(),
                    section: doc.section.clone(),
                    score,
                    snippet,
                }
            })
            .collect()
    }

    /// Debug line: gate features of the best entry and document frequencies of the words.
    #[doc(hidden)]
    pub fn explain(&self, question: &str) -> String {
        let q = self.analyse(question);
        let ranked = self.rank(&q.terms);
        let Some(&(d, top)) = ranked.first() else {
            return "no match".into();
        };
        let f = self.gate_features(&q, d, top);
        let words: Vec<String> = q
            .content
            .iter()
            .map(|w| {
                format!(
                    "{}{}:{}",
                    w.stem,
                    if w.known { "" } else { "?" },
                    self.index.doc_freq(&w.stem)
                )
            })
            .collect();
        format!(
            "{} score {:.1} cov {:.2} focus {:.2} anchored {} kind {:?} words {}",
            self.docs[d].id,
            f.top_score,
            f.coverage,
            f.focus,
            f.anchored,
            q.kind,
            words.join(" ")
        )
    }

    /// Ids of the best `k` entries for a question (for evaluation).
    pub fn top_ids(&self, question: &str, k: usize) -> Vec<String> {
        let terms = self.query_terms(question);
        self.rank(&terms)
            .into_iter()
            .take(k)
            .map(|(d, _)| self.docs[d].id.clone())
            .collect()
    }
}

/// Is token `k` part of a field word used in its everyday sense ("a rash decision": both
/// words)?
fn everyday_use(tokens: &[crate::text::Token], k: usize) -> bool {
    let pair = |a: usize| {
        let (Some(x), Some(y)) = (tokens.get(a), tokens.get(a + 1)) else {
            return false;
        };
        x.clause == y.clause
            && crate::lexicon::EVERYDAY_COLLOCATIONS
                .iter()
                .any(|(word, after)| x.word == *word && after.contains(&y.word.as_str()))
    };
    pair(k) || k.checked_sub(1).is_some_and(pair)
}

fn contains_seq(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}
