//! The Ask pipeline: triage → guardrails → retrieval → extractive answer.

use std::collections::HashMap;

use crate::bm25::{Index, QueryTerm};
use crate::contacts::{ContactKind, ContactLine, Contacts, CountryCode};
use crate::corpus::{Corpus, Document};
use crate::es::triage::SpanishTriage;
use crate::guard::{Guard, OUT_OF_SCOPE, RefusalClass};
use crate::lang::Lang;
use crate::text::{is_stopword, tokenize};
use crate::triage::{Tier, Triage, TriageHit};

/// Field weights of the BM25F index: a word in the title counts as much as three in the body.
const W_TITLE: f32 = 3.0;
const W_TERMS: f32 = 2.0;
const W_SUMMARY: f32 = 1.5;
const W_BODY: f32 = 1.0;
const W_FACTS: f32 = 0.8;
/// Weight of a word reached through a spelling correction, and through a glossary synonym.
const W_CORRECTED: f32 = 0.9;
const W_SYNONYM: f32 = 0.5;
/// Extra weight for each repetition of a typed word.
const W_REPEAT: f32 = 0.5;
/// Scale of the title-match bonus.
const W_TITLE_MATCH: f32 = 2.0;
/// A word found in more than this share of entries is common, and weighs `W_COMMON`.
const COMMON_SHARE: f32 = 0.3;
const W_COMMON: f32 = 0.4;
/// Answer only when the best entry scores at least this. Calibrated on the evaluation set: the
/// lowest best score among labelled retrieval questions was 4.4, while gibberish and questions
/// made of words the knowledge base never uses score 0–3. Lexical scores cannot tell a
/// neighbouring topic ("type 2 diabetes") from a covered one, so out-of-field questions are
/// caught by the guardrails' marker words, not by this threshold.
pub const MIN_SCORE: f32 = 4.0;
/// Longest answer, in sentences.
const MAX_SENTENCES: usize = 5;

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

/// A sentence of an entry, ready for scoring.
#[derive(Debug, Clone)]
struct Sentence {
    text: String,
    stems: Vec<String>,
    /// 0 for the summary; 1 for body; 2 for structured facts.
    origin: u8,
}

/// A glossary synonym group, as stem sequences.
#[derive(Debug, Clone)]
struct SynonymGroup {
    phrases: Vec<Vec<String>>,
}

/// The built engine: immutable, cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Engine {
    docs: Vec<Document>,
    /// Content stems of each title, for the title-match bonus.
    titles: Vec<Vec<String>>,
    sentences: Vec<Vec<Sentence>>,
    index: Index,
    synonyms: Vec<SynonymGroup>,
    triage: Triage,
    /// Spanish red-flag rules (`es::triage`), keyed by the same rule ids.
    spanish: SpanishTriage,
    guard: Guard,
    disclaimer: String,
    min_score: f32,
    contacts: Contacts,
}

fn content_stems(text: &str) -> Vec<String> {
    tokenize(text)
        .into_iter()
        .filter(|t| !is_stopword(&t.word))
        .map(|t| t.stem)
        .collect()
}

impl Engine {
    /// Build the engine (index, rules, guardrails) from a corpus.
    pub fn build(corpus: Corpus) -> Engine {
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
        // Glossary medical terms only: entries' own term lists hold everyday English too.
        let field_terms: Vec<String> = corpus
            .synonyms
            .iter()
            .filter_map(|g| g.first().cloned())
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
        // The Spanish data is compiled in and checked by its tests; a broken file is a build bug.
        let spanish = SpanishTriage::builtin(&corpus.rules)
            .unwrap_or_else(|e| panic!("built-in Spanish triage data: {e}"));
        Engine {
            spanish,
            titles,
            guard: Guard::new(&corpus.medicines, &field_terms),
            triage: Triage::new(corpus.rules),
            docs: corpus.documents,
            sentences,
            index,
            synonyms,
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
        let mut weights: HashMap<String, f32> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut add = |stem: String, w: f32, weights: &mut HashMap<String, f32>| {
            let e = weights.entry(stem.clone()).or_insert_with(|| {
                order.push(stem);
                0.0
            });
            *e = e.max(w);
        };
        let mut seq: Vec<String> = Vec::new();
        for t in tokenize(question) {
            if is_stopword(&t.word) {
                continue;
            }
            if self.index.contains(&t.stem) {
                seq.push(t.stem.clone());
                // A word typed twice ("can't sleep … tips for sleep") matters more.
                let w = weights
                    .get(&t.stem)
                    .map_or(1.0, |w| (w + W_REPEAT).min(2.0));
                add(t.stem, w, &mut weights);
            } else if let Some(fixed) = self.index.correct(&t.word) {
                seq.push(fixed.clone());
                add(fixed, W_CORRECTED, &mut weights);
            } else {
                seq.push(t.stem);
            }
        }
        for group in &self.synonyms {
            let hit = group.phrases.iter().position(|p| contains_seq(&seq, p));
            if let Some(hit) = hit {
                for (k, phrase) in group.phrases.iter().enumerate() {
                    if k == hit {
                        continue;
                    }
                    // Split the weight over a multi-word phrase so long phrases don't dominate.
                    let w = W_SYNONYM / (phrase.len() as f32).sqrt();
                    for s in phrase {
                        if self.index.contains(s) {
                            add(s.clone(), w, &mut weights);
                        }
                    }
                }
            }
        }
        // Words in most entries ("dermatomyositis", "dm") say little about which entry is meant.
        let n = self.index.len().max(1) as f32;
        order
            .into_iter()
            .map(|stem| {
                let common = self.index.doc_freq(&stem) as f32 / n > COMMON_SHARE;
                let w = weights[&stem] * if common { W_COMMON } else { 1.0 };
                QueryTerm { weight: w, stem }
            })
            .collect()
    }

    /// Ranked entries for a question (all with a positive score).
    ///
    /// BM25F, plus a bonus for entries whose title the question covers ("skin biopsy for a
    /// rash" → "Skin biopsy" over "Muscle biopsy"): the idf of the title words found, scaled
    /// by the square of the share of the title found.
    fn rank(&self, terms: &[QueryTerm]) -> Vec<(usize, f32)> {
        let mut ranked = self.index.search(terms);
        for (d, score) in &mut ranked {
            let title = &self.titles[*d];
            if title.is_empty() {
                continue;
            }
            let found: Vec<&QueryTerm> = terms.iter().filter(|t| title.contains(&t.stem)).collect();
            let share = found.len() as f32 / title.len() as f32;
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
        let terms = self.query_terms(query);
        self.rank(&terms)
            .into_iter()
            .take(limit)
            .map(|(d, score)| {
                let doc = &self.docs[d];
                let snippet = self
                    .best_sentences(d, &terms, 1, true)
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
        let terms = self.query_terms(question);
        let mut ranked = self.rank(&terms);
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
            (
                Kind::Refusal(class),
                class.message().to_string(),
                vec![],
                related,
            )
        } else {
            match ranked.first() {
                Some(&(_, top)) if top >= self.min_score => {
                    let (text, citations, used) = self.compose(&ranked, &terms);
                    let mut related = self.curated_related(used[0], &used);
                    for r in related_of(&used, 3) {
                        if related.len() < 3 && !related.iter().any(|x| x.id == r.id) {
                            related.push(r);
                        }
                    }
                    (Kind::Answer, text, citations, related)
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

    /// Sentence indices of entry `d`, most relevant first (`with_summary`: summary may lead).
    fn best_sentences(
        &self,
        d: usize,
        terms: &[QueryTerm],
        n: usize,
        with_summary: bool,
    ) -> Vec<usize> {
        let mut scored: Vec<(usize, f32)> = self.sentences[d]
            .iter()
            .enumerate()
            .filter(|(_, s)| with_summary || s.origin != 0)
            .map(|(i, s)| (i, self.sentence_score(s, terms, &self.titles[d])))
            .filter(|(_, score)| *score > 0.0)
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.into_iter().take(n).map(|(i, _)| i).collect()
    }

    /// Relevance of one sentence. Words of the entry's own title say little inside that entry
    /// (every sentence of the methotrexate page is about methotrexate), so they count a fifth.
    fn sentence_score(&self, s: &Sentence, terms: &[QueryTerm], title: &[String]) -> f32 {
        let matched: f32 = terms
            .iter()
            .filter(|t| s.stems.contains(&t.stem))
            .map(|t| {
                let own = if title.contains(&t.stem) { 0.2 } else { 1.0 };
                own * t.weight * self.index.idf(&t.stem)
            })
            .sum();
        // Prefer full sentences of moderate length over fragments and walls of text.
        let len = s.stems.len() as f32;
        matched / (1.0 + (len / 25.0))
    }

    /// Compose 2–5 sentences from the best entries, with numbered citations.
    fn compose(
        &self,
        ranked: &[(usize, f32)],
        terms: &[QueryTerm],
    ) -> (String, Vec<Citation>, Vec<usize>) {
        let (top, top_score) = ranked[0];
        let mut picked: Vec<usize> = self.sentences[top]
            .iter()
            .enumerate()
            .filter(|(_, s)| s.origin == 0)
            .map(|(i, _)| i)
            .collect();
        let room = MAX_SENTENCES.saturating_sub(picked.len()).min(3);
        let mut extra = self.best_sentences(top, terms, room, false);
        if picked.len() + extra.len() < 2 {
            // Always at least two sentences when the entry has them.
            let need = 2 - (picked.len() + extra.len()).min(2);
            let fill: Vec<usize> = (0..self.sentences[top].len())
                .filter(|i| !picked.contains(i) && !extra.contains(i))
                .take(need)
                .collect();
            extra.extend(fill);
        }
        picked.extend(extra);
        picked.sort_unstable();
        picked.dedup();
        let mut text = picked
            .iter()
            .map(|&i| self.sentences[top][i].text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        text.push_str(" [1]");
        let mut used = vec![top];
        // A second entry adds one sentence when it scores nearly as well.
        if let Some(&(second, score)) = ranked.get(1)
            && score >= 0.8 * top_score
            && picked.len() < MAX_SENTENCES
            && let Some(&i) = self.best_sentences(second, terms, 1, true).first()
        {
            text.push(' ');
            text.push_str(&self.sentences[second][i].text);
            text.push_str(" [2]");
            used.push(second);
        }
        let citations = used
            .iter()
            .enumerate()
            .map(|(k, &d)| {
                let doc = &self.docs[d];
                Citation {
                    number: k + 1,
                    id: doc.id.clone(),
                    title: doc.title.clone(),
                    sources: doc.sources.clone(),
                    reviewed_on: doc.reviewed_on.clone(),
                    link: format!("/kb/{}", doc.id),
                }
            })
            .collect();
        (text, citations, used)
    }
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

/// Split an entry into answerable sentences: summary, body lines, facts. A line ending in ":"
/// is joined with the list items that follow it.
fn sentences_of(d: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut push = |text: String, origin: u8| {
        let text = text.trim().to_string();
        let stems = content_stems(&text);
        // Body fragments ("Pick study type.", "white, chalky matter …") read badly alone.
        let whole = origin != 1
            || (text.split_whitespace().count() >= 5
                && text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
        if stems.len() >= 3 && whole {
            out.push(Sentence {
                text,
                stems,
                origin,
            });
        }
    };
    for s in split_sentences(&d.summary) {
        push(s, 0);
    }
    let mut i = 0;
    while i < d.lines.len() {
        let line = &d.lines[i];
        i += 1;
        if line.starts_with("# ") {
            continue;
        }
        if line.trim_end().ends_with(':') {
            let mut items = Vec::new();
            while i < d.lines.len() && !d.lines[i].starts_with("# ") && is_fragment(&d.lines[i]) {
                items.push(
                    d.lines[i]
                        .trim()
                        .trim_end_matches(['.', ';', ','])
                        .to_string(),
                );
                i += 1;
            }
            if !items.is_empty() {
                push(format!("{} {}.", line.trim_end(), items.join("; ")), 1);
                continue;
            }
        }
        for s in split_sentences(line) {
            push(s, 1);
        }
    }
    for fact in &d.facts {
        push(fact.clone(), 2);
    }
    out
}

/// A list item that is not a sentence of its own ("nausea", "mouth sores").
fn is_fragment(line: &str) -> bool {
    let t = line.trim();
    !t.ends_with(['.', '!', '?']) || t.split_whitespace().count() < 4
}

/// Split plain text into sentences at `.`, `!` or `?` followed by a space and a capital or digit.
fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        cur.push(c);
        if matches!(c, '.' | '!' | '?')
            && chars.get(i + 1).is_some_and(|n| n.is_whitespace())
            && chars
                .get(i + 2)
                .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || *n == '"')
            && !ends_with_abbreviation(&cur)
        {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.trim().is_empty() {
        let mut last = cur.trim().to_string();
        if !last.ends_with(['.', '!', '?', ':']) {
            last.push('.');
        }
        out.push(last);
    }
    out.into_iter().map(|s| s.trim().to_string()).collect()
}

fn ends_with_abbreviation(s: &str) -> bool {
    let last = s.split_whitespace().last().unwrap_or("");
    matches!(
        last.to_lowercase().as_str(),
        "e.g." | "i.e." | "dr." | "vs." | "etc." | "approx." | "st." | "mr." | "mrs." | "ms."
    )
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

    #[test]
    fn list_items_join_their_lead_in() {
        let d = doc(
            "x",
            "X",
            "Summary here is fine.",
            &["Signs include:", "nausea", "mouth sores"],
            &[],
        );
        let s = sentences_of(&d);
        assert!(
            s.iter()
                .any(|x| x.text == "Signs include: nausea; mouth sores.")
        );
    }

    #[test]
    fn sentence_splitting_keeps_abbreviations() {
        assert_eq!(
            split_sentences("Some drugs, e.g. Methotrexate, help. Others do not"),
            ["Some drugs, e.g. Methotrexate, help.", "Others do not."]
        );
    }
}
