//! Spanish answers from Spanish entries (`kb/es/`).
//!
//! A small BM25F index over the Spanish documents, with Spanish words: folded, stemmed by
//! [`super::text`], Spanish function words left out, the Spanish glossary's everyday words as
//! synonyms, and one-slip spelling tolerance on long words. An answer is the entry's summary
//! plus its sentences that share the most (rare) words with the question, cited to the entry.
//!
//! [`SpanishAnswers::answer`] finds the entry itself; [`SpanishAnswers::answer_for_english`] answers
//! from the Spanish counterpart of the English entry the English pipeline chose. When neither
//! applies, the reply (in [`super::reply`]) keeps the English answer behind [`FALLBACK_NOTE`].

use std::collections::{HashMap, HashSet};

use crate::corpus::Document;
use crate::engine::{Citation, Related};
use crate::passage::split_sentences;

use super::text::{one_edit, tokenize_es};

mod calm;
mod compose;

/// The note before an English answer when no Spanish page covers the question.
pub const FALLBACK_NOTE: &str = "Aún no tenemos esta página en español; esta respuesta viene \
     de la página en inglés:";

/// What leads the safety fact a Spanish refusal keeps.
pub const SAFETY_FACT_LEAD_ES: &str = "Lo que dice la base de conocimientos:";

/// Field weights, as in the English index: title, terms, summary, body, table facts.
const W_TITLE: f32 = 3.0;
const W_TERMS: f32 = 2.0;
const W_SUMMARY: f32 = 1.5;
const W_BODY: f32 = 1.0;
const W_FACTS: f32 = 0.8;
/// Weight of a glossary synonym's words, and of a word reached by a one-slip correction.
const W_SYNONYM: f32 = 0.5;
const W_CORRECTED: f32 = 0.9;
/// Shortest word a spelling correction may change.
const MIN_FIX_LEN: usize = 6;
/// BM25 saturation and length normalisation.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Answer from a Spanish entry only when it scores at least this (calibrated on
/// `eval/dev-es-answers.toml`; see [`SpanishAnswers::answer`]).
pub const MIN_SCORE_ES: f32 = 3.0;
/// A Spanish entry scoring at least this places a question in Myo's field even without one of
/// the Spanish triage data's field words.
pub const STRONG_SCORE_ES: f32 = 6.0;
/// Share of a word's weight a sentence earns when the word is in the heading above it.
const W_HEADING: f32 = 0.5;
/// Scale of the title-match bonus (idf of the title words found × the square of the share found).
const W_TITLE_MATCH: f32 = 2.0;
/// A word in more than this share of the entries ("dermatomiositis", "dm") is their background:
/// beside other words it weighs `W_BACKGROUND` and earns no title bonus, so the disease's name
/// does not pull a question to the entry named after it (as in the English engine).
const BACKGROUND_SHARE: f32 = 0.5;
const W_BACKGROUND: f32 = 0.3;
/// Scale of the bonus for a question that contains one of an entry's own multi-word terms
/// whole ("tarjeta de emergencia de corticoides"): the idf of the term's words.
const W_TERM_PHRASE: f32 = 1.0;
/// The glossary is a source of synonyms, not an answer: its score is scaled down.
const W_GLOSSARY: f32 = 0.3;
/// At most this many sentences besides the summary.
const MAX_SENTENCES: usize = 3;
/// Words (accents folded) that mark a Spanish sentence as a safety warning about a medicine.
const WARNING_ES: &[&str] = &[
    "nunca",
    "golpe",
    "bruscamente",
    "repente",
    "semanal",
    "gradualmente",
    "poco a poco",
    "mortal",
    "peligroso",
    "peligrosa",
    "no deje",
    "no suspenda",
    "no tome",
    "no lo deje",
];

/// Spanish function words: they say nothing about which entry is meant.
const STOPWORDS: &[&str] = &[
    "a",
    "al",
    "algo",
    "algun",
    "alguna",
    "algunas",
    "alguno",
    "algunos",
    "ante",
    "antes",
    "asi",
    "aun",
    "cada",
    "como",
    "con",
    "cual",
    "cuales",
    "cuando",
    "cuanto",
    "cuanta",
    "cuantos",
    "cuantas",
    "de",
    "debe",
    "deben",
    "debo",
    "del",
    "desde",
    "donde",
    "dos",
    "e",
    "el",
    "ella",
    "ellas",
    "ello",
    "ellos",
    "en",
    "entre",
    "era",
    "es",
    "esa",
    "esas",
    "ese",
    "eso",
    "esos",
    "esta",
    "estan",
    "estar",
    "estas",
    "este",
    "esto",
    "estos",
    "estoy",
    "fue",
    "ha",
    "han",
    "hay",
    "hace",
    "hacer",
    "hasta",
    "he",
    "la",
    "las",
    "le",
    "les",
    "lo",
    "los",
    "me",
    "mi",
    "mis",
    "mucho",
    "muy",
    "mas",
    "nada",
    "ni",
    "nos",
    "o",
    "otra",
    "otro",
    "para",
    "pero",
    "poco",
    "por",
    "porque",
    "puede",
    "pueden",
    "puedo",
    "que",
    "quien",
    "se",
    "sea",
    "ser",
    "si",
    "sin",
    "sobre",
    "son",
    "soy",
    "su",
    "sus",
    "tambien",
    "te",
    "tengo",
    "tiene",
    "tienen",
    "tener",
    "ti",
    "todo",
    "todos",
    "tu",
    "tus",
    "u",
    "un",
    "una",
    "unas",
    "uno",
    "unos",
    "usted",
    "ustedes",
    "y",
    "ya",
    "yo",
    "hola",
    "gracias",
    "favor",
    "saber",
    "quiero",
    "quisiera",
    "pasa",
    "significa",
    "decir",
    "dice",
    "hago",
    "pregunta",
    "duda",
];

/// Function words only Spanish uses (not English ones such as "a", "me" or "no"): a question
/// with none of them ("cyclosporine kidney problems") may be English misread as Spanish.
const SPANISH_ONLY: &[&str] = &[
    "de", "del", "el", "la", "los", "las", "un", "una", "que", "es", "son", "y", "en", "por",
    "para", "con", "sin", "se", "mi", "mis", "su", "al", "como", "cual", "cuando", "donde",
    "puedo", "tengo", "hay", "muy", "mas", "pero", "porque", "esta", "este", "estoy", "lo",
];

/// Does the text hold a word only Spanish uses?
pub fn has_spanish_function_word(text: &str) -> bool {
    tokenize_es(text)
        .iter()
        .any(|t| SPANISH_ONLY.contains(&t.word.as_str()))
}

/// Content stems of a Spanish text (function words dropped), in order.
pub(crate) fn content_stems_es(text: &str) -> Vec<String> {
    tokenize_es(text)
        .into_iter()
        .filter(|t| !STOPWORDS.contains(&t.word.as_str()))
        .map(|t| t.stem)
        .collect()
}

/// One sentence of a Spanish document, with its stems.
#[derive(Debug, Clone, PartialEq)]
struct Sentence {
    text: String,
    stems: HashSet<String>,
    /// Stems of the heading the sentence sits under (a list item under "Efectos secundarios"
    /// answers a question about side effects).
    heading: HashSet<String>,
    /// From the summary (always shown first).
    summary: bool,
}

/// The Spanish documents, indexed.
#[derive(Debug, Clone, Default)]
pub struct SpanishAnswers {
    docs: Vec<Document>,
    /// English id of each document's counterpart.
    english_of: Vec<Option<String>>,
    postings: HashMap<String, Vec<(usize, f32)>>,
    doc_len: Vec<f32>,
    avg_len: f32,
    sentences: Vec<Vec<Sentence>>,
    /// Glossary groups as stem sequences.
    synonyms: Vec<Vec<Vec<String>>>,
    /// Content stems of each title.
    titles: Vec<HashSet<String>>,
    /// Content stems of each title and its everyday and medical terms.
    labels: Vec<HashSet<String>>,
    /// Each entry's multi-word terms, as stem sequences.
    phrases: Vec<Vec<Vec<String>>>,
}

/// A Spanish answer: text with `[1]` markers, its citation and pages to read next.
#[derive(Debug, Clone, PartialEq)]
pub struct SpanishAnswer {
    /// The answer text.
    pub text: String,
    /// The cited Spanish entry.
    pub citation: Citation,
    /// Related pages (Spanish where they exist).
    pub related: Vec<Related>,
    /// Score of the entry for the question (0 when reached through the English entry).
    pub score: f32,
    /// A word typed (not a synonym or a correction) names the entry: its title or one of its
    /// terms. Without it, a high score comes from everyday words ("tiempo", "mañana").
    pub anchored: bool,
}

impl SpanishAnswers {
    /// Index Spanish documents; `counterparts` are `(Spanish id, English id)` pairs and
    /// `synonyms` the Spanish glossary groups.
    pub fn build(
        docs: &[Document],
        counterparts: &[(String, String)],
        synonyms: &[Vec<String>],
    ) -> SpanishAnswers {
        let mut postings: HashMap<String, Vec<(usize, f32)>> = HashMap::new();
        let mut doc_len = Vec::with_capacity(docs.len());
        for (i, d) in docs.iter().enumerate() {
            let mut tf: HashMap<String, f32> = HashMap::new();
            let mut len = 0.0;
            let body: Vec<&String> = d.lines.iter().filter(|l| !l.starts_with('#')).collect();
            let headings: Vec<&String> = d.lines.iter().filter(|l| l.starts_with('#')).collect();
            let mut fields: Vec<(&str, f32)> = vec![(&d.title, W_TITLE), (&d.summary, W_SUMMARY)];
            fields.extend(d.terms.iter().map(|t| (t.as_str(), W_TERMS)));
            fields.extend(headings.iter().map(|t| (t.as_str(), W_SUMMARY)));
            fields.extend(body.iter().map(|t| (t.as_str(), W_BODY)));
            fields.extend(d.facts.iter().map(|t| (t.as_str(), W_FACTS)));
            for (text, w) in fields {
                for s in content_stems_es(text) {
                    *tf.entry(s).or_default() += w;
                    len += w;
                }
            }
            doc_len.push(len);
            for (s, f) in tf {
                postings.entry(s).or_default().push((i, f));
            }
        }
        let avg_len = doc_len.iter().sum::<f32>() / doc_len.len().max(1) as f32;
        let english_of = docs
            .iter()
            .map(|d| {
                counterparts
                    .iter()
                    .find(|(es, _)| *es == d.id)
                    .map(|(_, en)| en.clone())
            })
            .collect();
        SpanishAnswers {
            sentences: docs.iter().map(sentences_of).collect(),
            titles: docs
                .iter()
                .map(|d| content_stems_es(&d.title).into_iter().collect())
                .collect(),
            phrases: docs
                .iter()
                .map(|d| {
                    d.terms
                        .iter()
                        .map(|t| content_stems_es(t))
                        .filter(|p| p.len() > 1)
                        .collect()
                })
                .collect(),
            labels: docs
                .iter()
                .map(|d| {
                    std::iter::once(&d.title)
                        .chain(d.terms.iter())
                        .flat_map(|t| content_stems_es(t))
                        .collect()
                })
                .collect(),
            synonyms: synonyms
                .iter()
                .map(|g| {
                    g.iter()
                        .map(|p| content_stems_es(p))
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                })
                .filter(|g| g.len() > 1)
                .collect(),
            docs: docs.to_vec(),
            english_of,
            postings,
            doc_len,
            avg_len,
        }
    }

    /// The id of Spanish document `d` (as ranked by [`SpanishAnswers::rank`]).
    pub fn id_of(&self, d: usize) -> &str {
        &self.docs[d].id
    }

    /// Number of Spanish documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when there are no Spanish documents.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The Spanish counterpart's index of the English entry `english_id`.
    fn of_english(&self, english_id: &str) -> Option<usize> {
        self.english_of
            .iter()
            .position(|e| e.as_deref() == Some(english_id))
    }

    /// The Spanish page of an English entry, when one exists.
    pub fn page_of_english(&self, english_id: &str) -> Option<Related> {
        self.of_english(english_id).map(|d| self.related(d))
    }

    /// Is this stem in more than [`BACKGROUND_SHARE`] of the entries?
    fn is_background(&self, stem: &str) -> bool {
        let n = self.docs.len().max(1) as f32;
        self.postings.get(stem).map_or(0, Vec::len) as f32 / n > BACKGROUND_SHARE
    }

    fn idf(&self, stem: &str) -> f32 {
        let n = self.docs.len() as f32;
        let df = self.postings.get(stem).map_or(0, Vec::len) as f32;
        if df == 0.0 {
            return 0.0;
        }
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// Weighted query stems: typed words, one-slip corrections, glossary synonyms.
    fn query(&self, question: &str) -> Vec<(String, f32)> {
        let typed = content_stems_es(question);
        let mut weights: Vec<(String, f32)> = Vec::new();
        let add = |s: &str, w: f32, out: &mut Vec<(String, f32)>| match out
            .iter_mut()
            .find(|(x, _)| x == s)
        {
            Some(e) => e.1 = e.1.max(w),
            None => out.push((s.to_string(), w)),
        };
        for s in &typed {
            if self.postings.contains_key(s) {
                add(s, 1.0, &mut weights);
            } else if s.chars().count() >= MIN_FIX_LEN {
                let mut fixes: Vec<&String> = self
                    .postings
                    .keys()
                    .filter(|k| k.chars().count() >= MIN_FIX_LEN - 1 && one_edit(k, s))
                    .collect();
                fixes.sort();
                if let Some(fix) = fixes.first() {
                    add(fix, W_CORRECTED, &mut weights);
                }
            }
        }
        for group in &self.synonyms {
            if let Some(hit) = group.iter().position(|p| contains_seq(&typed, p)) {
                for (k, phrase) in group.iter().enumerate() {
                    if k == hit {
                        continue;
                    }
                    let w = W_SYNONYM / (phrase.len() as f32).sqrt();
                    for s in phrase {
                        if self.postings.contains_key(s) {
                            add(s, w, &mut weights);
                        }
                    }
                }
            }
        }
        weights
    }

    /// Documents by score for a question, best first.
    pub fn rank(&self, question: &str) -> Vec<(usize, f32)> {
        let typed = content_stems_es(question);
        let mut query = self.query(question);
        let topical = query.iter().any(|(s, _)| !self.is_background(s));
        if topical {
            for (s, w) in &mut query {
                if self.is_background(s) {
                    *w *= W_BACKGROUND;
                }
            }
        }
        let mut scores = vec![0.0f32; self.docs.len()];
        for (stem, w) in &query {
            let idf = self.idf(stem);
            for &(d, tf) in self.postings.get(stem).into_iter().flatten() {
                let norm = 1.0 - B + B * self.doc_len[d] / self.avg_len.max(1e-6);
                scores[d] += w * idf * tf * (K1 + 1.0) / (tf + K1 * norm);
            }
        }
        // A question that names an entry's title outright ("metotrexato") points at it.
        for (d, score) in scores.iter_mut().enumerate() {
            let title = &self.titles[d];
            if title.is_empty() || *score == 0.0 {
                continue;
            }
            let found: Vec<&String> = query
                .iter()
                .map(|(s, _)| s)
                .filter(|s| title.contains(*s) && !self.is_background(s))
                .collect();
            let share = found.len() as f32 / title.len() as f32;
            let idf: f32 = found.iter().map(|s| self.idf(s)).sum();
            *score += W_TITLE_MATCH * idf * share * share;
            // The longest of the entry's own terms found whole in the question.
            let phrase = self.phrases[d]
                .iter()
                .filter(|p| typed.windows(p.len()).any(|w| w == p.as_slice()))
                .map(|p| p.iter().map(|s| self.idf(s)).sum::<f32>())
                .fold(0.0, f32::max);
            *score += W_TERM_PHRASE * phrase;
            if self.docs[d].section == "glossary" {
                *score *= W_GLOSSARY;
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

    /// A Spanish answer from the best Spanish entry, when it scores at least [`MIN_SCORE_ES`].
    pub fn answer(&self, question: &str) -> Option<SpanishAnswer> {
        let (d, score) = self.rank(question).into_iter().next()?;
        (score >= MIN_SCORE_ES).then(|| self.compose(question, d, score))
    }

    /// A Spanish answer from the Spanish counterpart of the English entry `english_id`.
    pub fn answer_for_english(&self, question: &str, english_id: &str) -> Option<SpanishAnswer> {
        self.of_english(english_id)
            .map(|d| self.compose(question, d, 0.0))
    }

    pub(super) fn citation(&self, d: usize) -> Citation {
        let doc = &self.docs[d];
        Citation {
            number: 1,
            id: doc.id.clone(),
            title: doc.title.clone(),
            sources: doc.sources.clone(),
            reviewed_on: doc.reviewed_on.clone(),
            link: format!("/kb/{}", doc.id),
        }
    }

    pub(super) fn related(&self, d: usize) -> Related {
        let doc = &self.docs[d];
        Related {
            id: doc.id.clone(),
            title: doc.title.clone(),
            link: format!("/kb/{}", doc.id),
        }
    }
}

/// Sentences of a document: the summary's, then the body's (each with the heading above it;
/// headings themselves are not sentences) and the table's.
fn sentences_of(d: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut push = |text: &str, heading: &HashSet<String>, summary: bool| {
        for s in split_sentences(text) {
            let stems = content_stems_es(&s).into_iter().collect();
            out.push(Sentence {
                text: s,
                stems,
                heading: heading.clone(),
                summary,
            });
        }
    };
    let none = HashSet::new();
    push(&d.summary, &none, true);
    let mut heading = HashSet::new();
    for line in &d.lines {
        match line.strip_prefix('#') {
            Some(h) => heading = content_stems_es(h).into_iter().collect(),
            None => push(line, &heading, false),
        }
    }
    for fact in &d.facts {
        let label = fact.split_once(':').map_or("", |(l, _)| l);
        let label: HashSet<String> = content_stems_es(label).into_iter().collect();
        push(fact, &label, false);
    }
    out
}

/// Does `seq` contain `phrase` as consecutive items?
fn contains_seq(seq: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && seq.windows(phrase.len()).any(|w| w == phrase)
}
