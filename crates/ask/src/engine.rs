//! The Ask pipeline: triage → guardrails → retrieval → extractive answer.

use std::collections::{HashMap, HashSet};

use crate::bm25::{Index, QueryTerm};
use crate::contacts::{ContactKind, ContactLine, Contacts, CountryCode};
use crate::corpus::{Corpus, Document};
use crate::es::triage::SpanishTriage;
use crate::guard::{Guard, OUT_OF_SCOPE, RefusalClass};
use crate::intent::{Cues, QuestionType, classify};
use crate::lang::Lang;
use crate::passage::{Sentence, content_stems, sentences_of};
use crate::text::{is_stopword, tokenize};
use crate::triage::{Tier, Triage, TriageHit};

mod answer;
pub mod gate;
mod similar;

/// Field weights of the BM25F index: a word in the title counts as much as three in the body.
const W_TITLE: f32 = 3.0;
const W_TERMS: f32 = 2.0;
const W_SUMMARY: f32 = 1.5;
const W_BODY: f32 = 1.0;
const W_FACTS: f32 = 0.8;
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
/// Answer only when the best entry scores at least this. Calibrated on the evaluation set: the
/// lowest best score among labelled retrieval questions was 4.4, while gibberish and questions
/// made of words the knowledge base never uses score 0–3. Lexical scores cannot tell a
/// neighbouring topic ("type 2 diabetes") from a covered one, so out-of-field questions are
/// caught by the guardrails' marker words, not by this threshold.
pub const MIN_SCORE: f32 = 4.0;

/// The line that always closes an answer: where to turn if things are bad.
pub const ESCALATION: &str = "If you feel very unwell, or think this may be an emergency, call \
     your local emergency number now; otherwise contact your care team.";

/// What kind of reply this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An answer composed from knowledge-base sentences.
    Answer,
    /// Nothing in the knowledge base answers the question well enough.
    NotCovered,
    /// A personal diagnosis, medicine change or image request.
    Refusal(RefusalClass),
    /// A question from outside the field.
    OutOfScope,
}

impl Kind {
    /// Wire name: `answer`, `not_covered`, `refusal`, `out_of_scope`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Answer => "answer",
            Kind::NotCovered => "not_covered",
            Kind::Refusal(_) => "refusal",
            Kind::OutOfScope => "out_of_scope",
        }
    }
}

/// A numbered source of an answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// Citation number, from 1, as used in the answer text (`[1]`).
    pub number: usize,
    /// Entry id.
    pub id: String,
    /// Entry title.
    pub title: String,
    /// Names of the sources the entry cites.
    pub sources: Vec<String>,
    /// When the entry was last reviewed (`YYYY-MM-DD`).
    pub reviewed_on: String,
    /// Link to the page (`/kb/<id>`).
    pub link: String,
}

/// An entry worth reading next.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    /// Entry id.
    pub id: String,
    /// Entry title.
    pub title: String,
    /// Link to the page (`/kb/<id>`).
    pub link: String,
}

/// What Ask knows about the person asking, beside the question.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AskContext {
    /// Their country, for emergency and crisis numbers (none: the United States, the United
    /// Kingdom and the European number 112 are shown).
    pub country: Option<CountryCode>,
}

/// Myo's reply to one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// What kind of reply.
    pub kind: Kind,
    /// The red-flag warning, when one fired; its action leads `answer`.
    pub triage: Option<TriageHit>,
    /// The reply text (action first when triage fired; sentences carry `[n]` markers).
    pub answer: String,
    /// Sources of the answer sentences.
    pub citations: Vec<Citation>,
    /// Closest or related entries.
    pub related: Vec<Related>,
    /// The disclaimer.
    pub disclaimer: String,
    /// The escalation line.
    pub escalation: &'static str,
    /// Help lines to call now (emergency, crisis or poison), when a warning fired; their numbers
    /// also lead `answer`. Each has a dial string for a `tel:` link.
    pub contacts: Vec<ContactLine>,
    /// The language of the reply (`Other` for the short bilingual reply).
    pub language: Lang,
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Entry id.
    pub id: String,
    /// Entry title.
    pub title: String,
    /// Section.
    pub section: String,
    /// BM25F score.
    pub score: f32,
    /// The entry's most relevant sentence.
    pub snippet: String,
}

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
                for (k, phrase) in group.phrases.iter().enumerate() {
                    if k == hit {
                        continue;
                    }
                    let base = if abbreviation && k == 0 {
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
    fn rank(&self, terms: &[QueryTerm]) -> Vec<(usize, f32)> {
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

    /// The English pipeline, for someone in a known context (their country, for the numbers).
    /// [`Engine::ask_with`] (in `es::reply`) chooses the reply language around it.
    ///
    /// Triage runs first. An emergency skips the guardrails (a crisis worded as "should I take
    /// all my pills" is not a medicine question) and is answered from the red-flag entry that
    /// fired, led by the help lines to call.
    pub(crate) fn ask_english(&self, question: &str, context: &AskContext) -> Response {
        let any_flag = self.triage.check_all(question);
        let triage = any_flag.clone().filter(|h| h.tier >= Tier::Urgent);
        let emergency_doc = triage
            .as_ref()
            .filter(|h| h.tier == Tier::Emergency)
            .and_then(|h| self.docs.iter().position(|d| d.id == h.rule_id));
        let query = self.analyse(question);
        let mut ranked = self.rank(&query.terms);
        if let Some(d) = emergency_doc {
            // The entry that fired answers; nothing else is close enough to join it.
            ranked.retain(|(x, _)| *x != d);
            ranked.insert(0, (d, f32::INFINITY));
        }
        let related_of = |skip: &[usize], n: usize| -> Vec<Related> {
            ranked
                .iter()
                .filter(|(d, _)| !skip.contains(d))
                .take(n)
                .map(|&(d, _)| self.related(d))
                .collect()
        };
        let guarded = emergency_doc.is_none();
        let (kind, body, citations, related) = if triage.is_none() && self.guard.off_topic(question)
        {
            (Kind::OutOfScope, OUT_OF_SCOPE.to_string(), vec![], vec![])
        } else if let Some(class) = self.guard.refusal(question).filter(|_| guarded) {
            let mut related = self.refusal_pointers(class);
            for r in related_of(&[], 3) {
                if !related.iter().any(|x| x.id == r.id) {
                    related.push(r);
                }
            }
            related.truncate(4);
            // The refusal keeps the knowledge base's safety fact about that medicine.
            let (text, citations) = match self.safety_fact(class, &query, &ranked) {
                Some((d, i)) => {
                    let s = &self.sentences[d];
                    let fact = match i.checked_sub(1) {
                        Some(p) if s[i].cues & crate::intent::cue::DEPENDENT != 0 => {
                            format!("{} {}", s[p].text, s[i].text)
                        }
                        _ => s[i].text.clone(),
                    };
                    (
                        format!(
                            "{}\n\nWhat the knowledge base says: {fact} [1]",
                            class.message()
                        ),
                        vec![self.citation(1, d)],
                    )
                }
                None => (class.message().to_string(), vec![]),
            };
            (Kind::Refusal(class), text, citations, related)
        } else {
            let verdict = ranked.first().map(|&(d, top)| {
                let similarity = self
                    .embed_question(question)
                    .and_then(|v| self.similarity(&v, d));
                self.gate(&query, d, top, similarity)
            });
            match verdict {
                Some(gate::Verdict::Answer) => {
                    let (text, citations, used) = self.compose(question, &ranked, &query);
                    let mut related = self.curated_related(used[0], &used);
                    for r in related_of(&used, 3) {
                        if related.len() < 3 && !related.iter().any(|x| x.id == r.id) {
                            related.push(r);
                        }
                    }
                    (Kind::Answer, text, citations, related)
                }
                Some(gate::Verdict::OffTopic) if triage.is_none() => {
                    (Kind::OutOfScope, OUT_OF_SCOPE.to_string(), vec![], vec![])
                }
                _ if triage.is_none() && !self.guard.in_field(question) => {
                    (Kind::OutOfScope, OUT_OF_SCOPE.to_string(), vec![], vec![])
                }
                _ => (
                    Kind::NotCovered,
                    "Myo's knowledge base does not cover this question well enough to answer \
                     it. These are the closest topics; your care team can help with the rest."
                        .to_string(),
                    vec![],
                    related_of(&[], 3),
                ),
            }
        };
        let contacts = triage
            .as_ref()
            .map(|hit| self.contact_lines(hit, context))
            .unwrap_or_default();
        let answer = match &triage {
            // Crisis and poison lines lead, before the entry's own action.
            Some(hit) if !hit.contacts.is_empty() && !contacts.is_empty() => format!(
                "{} {} {}\n\n{}",
                lead(hit.tier),
                crate::contacts::sentence(&contacts),
                hit.action,
                body
            ),
            Some(hit) if !contacts.is_empty() => format!(
                "{} {} Emergency numbers: {}\n\n{}",
                lead(hit.tier),
                hit.action,
                crate::contacts::sentence(&contacts),
                body
            ),
            Some(hit) => format!("{} {}\n\n{}", lead(hit.tier), hit.action, body),
            None => body,
        };
        let mut related = related;
        // Any red flag that fired, "discuss" included, is the first page to read next.
        if let Some(hit) = &any_flag
            && let Some(d) = self.docs.iter().position(|d| d.id == hit.rule_id)
            && !citations.iter().any(|c: &Citation| c.id == hit.rule_id)
            && !related.iter().any(|r| r.id == hit.rule_id)
        {
            related.insert(0, self.related(d));
        }
        Response {
            kind,
            triage,
            answer,
            citations,
            related,
            disclaimer: self.disclaimer.clone(),
            escalation: ESCALATION,
            contacts,
            language: Lang::En,
        }
    }

    /// The help lines a warning calls for, for the person's country: the rule's own (crisis,
    /// poison), or the emergency number for any emergency.
    pub fn contact_lines(&self, hit: &TriageHit, context: &AskContext) -> Vec<ContactLine> {
        if !hit.contacts.is_empty() {
            self.contacts.lines(context.country.as_ref(), &hit.contacts)
        } else if hit.tier == Tier::Emergency {
            self.contacts
                .lines(context.country.as_ref(), &[ContactKind::Emergency])
        } else {
            vec![]
        }
    }

    fn related(&self, d: usize) -> Related {
        Related {
            id: self.docs[d].id.clone(),
            title: self.docs[d].title.clone(),
            link: format!("/kb/{}", self.docs[d].id),
        }
    }

    /// Citation number `number` for entry `d`.
    fn citation(&self, number: usize, d: usize) -> Citation {
        let doc = &self.docs[d];
        Citation {
            number,
            id: doc.id.clone(),
            title: doc.title.clone(),
            sources: doc.sources.clone(),
            reviewed_on: doc.reviewed_on.clone(),
            link: format!("/kb/{}", doc.id),
        }
    }

    /// Up to three of the entry's editor-linked related entries, skipping those already cited.
    fn curated_related(&self, d: usize, skip: &[usize]) -> Vec<Related> {
        self.docs[d]
            .related
            .iter()
            .filter_map(|id| self.docs.iter().position(|x| &x.id == id))
            .filter(|x| !skip.contains(x))
            .take(3)
            .map(|x| self.related(x))
            .collect()
    }

    /// Fixed pages a refusal points to, when they exist.
    fn refusal_pointers(&self, class: RefusalClass) -> Vec<Related> {
        let ids: &[&str] = match class {
            RefusalClass::Diagnosis => &["how-dermatomyositis-is-diagnosed", "your-care-team"],
            RefusalClass::Medication => &["take-medicines-as-prescribed"],
            RefusalClass::Image => &["how-dermatomyositis-is-diagnosed"],
        };
        ids.iter()
            .filter_map(|id| self.docs.iter().position(|d| d.id == *id))
            .map(|d| self.related(d))
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

fn lead(tier: Tier) -> &'static str {
    match tier {
        Tier::Emergency => "EMERGENCY:",
        Tier::Urgent => "URGENT:",
        Tier::Discuss => "NOTE:",
    }
}

fn contains_seq(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::{Rule, Tier};

    fn doc(id: &str, title: &str, summary: &str, body: &[&str], terms: &[&str]) -> Document {
        Document {
            id: id.into(),
            title: title.into(),
            section: "symptoms".into(),
            summary: summary.into(),
            lines: body.iter().map(|s| s.to_string()).collect(),
            terms: terms.iter().map(|s| s.to_string()).collect(),
            facts: vec![],
            sources: vec!["Mayo Clinic".into()],
            reviewed_on: "2026-11-21".into(),
            related: vec![],
        }
    }

    fn engine() -> Engine {
        Engine::build(Corpus {
            documents: vec![
                doc(
                    "heliotrope-rash",
                    "Heliotrope rash",
                    "A purple or pink rash on the upper eyelids. It is a classic sign of DM.",
                    &[
                        "# What it looks like",
                        "The eyelids can swell and look puffy.",
                        "It may itch.",
                    ],
                    &["purple eyelids", "eyelid rash"],
                ),
                doc(
                    "dysphagia",
                    "Trouble swallowing (dysphagia)",
                    "Weak throat muscles can make swallowing hard.",
                    &[
                        "Food may feel stuck.",
                        "A speech therapist can help with safe swallowing.",
                    ],
                    &["trouble swallowing"],
                ),
                doc(
                    "choking",
                    "Choking",
                    "Choking is an emergency.",
                    &["Call for help at once."],
                    &[],
                ),
            ],
            synonyms: vec![vec!["dysphagia".into(), "hard to swallow".into()]],
            rules: vec![
                Rule::new(
                    "dysphagia",
                    "Trouble swallowing",
                    Tier::Discuss,
                    "Mention it at your next visit.",
                    &["food feels stuck"],
                ),
                Rule::new(
                    "choking",
                    "Choking",
                    Tier::Emergency,
                    "Call 911 now.",
                    &["choking"],
                ),
            ],
            medicines: vec!["prednisone".into()],
            disclaimer: "General information only.".into(),
            ..Corpus::default()
        })
        .with_min_score(0.5)
    }

    #[test]
    fn answers_from_the_best_entry_with_citation() {
        let r = engine().ask("purple rash on my eyelids");
        assert_eq!(r.kind, Kind::Answer);
        assert_eq!(r.citations[0].id, "heliotrope-rash");
        assert_eq!(r.citations[0].link, "/kb/heliotrope-rash");
        assert!(
            r.answer
                .starts_with("A purple or pink rash on the upper eyelids.")
        );
        assert!(r.answer.contains("[1]"));
        assert_eq!(r.disclaimer, "General information only.");
    }

    #[test]
    fn typos_and_synonyms_still_find_the_entry() {
        let e = engine();
        assert_eq!(e.top_ids("heliotrop rash", 1), ["heliotrope-rash"]);
        assert_eq!(e.top_ids("it is hard to swallow", 1), ["dysphagia"]);
        assert_eq!(e.top_ids("dysfagia", 1), ["dysphagia"]);
    }

    #[test]
    fn emergency_leads_with_the_action() {
        let r = engine().ask("my dad is choking");
        assert_eq!(r.triage.as_ref().map(|t| t.tier), Some(Tier::Emergency));
        assert!(r.answer.starts_with("EMERGENCY: Call 911 now."));
    }

    #[test]
    fn a_discuss_flag_is_a_pointer_not_a_warning() {
        let r = engine().ask("food feels stuck when I eat bread");
        assert_eq!(r.triage, None);
        assert!(r.related.iter().any(|x| x.id == "dysphagia") || r.citations[0].id == "dysphagia");
    }

    #[test]
    fn refusals_and_off_topic() {
        let e = engine();
        assert_eq!(
            e.ask("can I stop my prednisone").kind,
            Kind::Refusal(RefusalClass::Medication)
        );
        assert_eq!(
            e.ask("write me a poem about the sea").kind,
            Kind::OutOfScope
        );
    }
}
