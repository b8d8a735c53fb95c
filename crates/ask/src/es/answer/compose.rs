//! Composing a Spanish answer from an entry: the summary and the sentences that answer the
//! question best, and the safety fact a refusal keeps.

use super::{MAX_SENTENCES, SpanishAnswer, SpanishAnswers, W_HEADING, WARNING_ES};
use crate::engine::Citation;
use crate::es::text::fold;

impl SpanishAnswers {
    /// The summary, then up to [`MAX_SENTENCES`] sentences sharing the most rare words with the
    /// question, in the entry's order.
    pub(super) fn compose(&self, question: &str, d: usize, score: f32) -> SpanishAnswer {
        let query = self.query(question);
        let sentences = &self.sentences[d];
        let advice = asks_what_to_do(question);
        let mut scored: Vec<(usize, f32)> = sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.summary)
            .map(|(i, s)| {
                let v: f32 = query
                    .iter()
                    .map(|(q, w)| {
                        let weight = w * self.idf(q).max(0.1);
                        if s.stems.contains(q) {
                            weight
                        } else if s.heading.contains(q) {
                            W_HEADING * weight
                        } else {
                            0.0
                        }
                    })
                    .sum();
                // "¿Qué hago?": advice the entry gives ("Póngase protector…") answers it.
                let v = if advice && gives_advice(&s.text) {
                    2.0 * v + ADVICE_BASE
                } else {
                    v
                };
                (i, v)
            })
            .filter(|(_, v)| *v > 0.0)
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut chosen: Vec<usize> = scored
            .into_iter()
            .take(MAX_SENTENCES)
            .map(|(i, _)| i)
            .collect();
        chosen.extend(
            sentences
                .iter()
                .enumerate()
                .filter(|(_, s)| s.summary)
                .map(|(i, _)| i),
        );
        chosen.sort_unstable();
        chosen.dedup();
        let mut texts: Vec<&str> = Vec::new();
        for &i in &chosen {
            let t = sentences[i].text.as_str();
            if !texts.contains(&t) {
                texts.push(t);
            }
        }
        let text = texts.join(" ");
        let doc = &self.docs[d];
        let anchored = query
            .iter()
            .any(|(q, w)| *w >= 1.0 && self.labels[d].contains(q));
        SpanishAnswer {
            anchored,
            text: format!("{text} [1]"),
            citation: Citation {
                number: 1,
                id: doc.id.clone(),
                title: doc.title.clone(),
                sources: doc.sources.clone(),
                reviewed_on: doc.reviewed_on.clone(),
                link: format!("/kb/{}", doc.id),
            },
            related: doc
                .related
                .iter()
                .filter_map(|r| {
                    self.docs
                        .iter()
                        .position(|x| &x.id == r)
                        .or_else(|| self.of_english(r))
                })
                .map(|i| self.related(i))
                .take(3)
                .collect(),
            score,
        }
    }

    /// The safety fact a refused medicine question keeps, in Spanish: the sentence of the
    /// Spanish counterpart of `english_id` that carries a warning ([`WARNING_ES`]) and shares
    /// most with the question, cited to that page.
    pub fn safety_fact_for_english(
        &self,
        question: &str,
        english_id: &str,
    ) -> Option<(String, Citation)> {
        match self.of_english(english_id) {
            Some(d) if self.names(question, d) => self.safety_fact_in(question, d),
            _ => self.safety_fact_es(question),
        }
    }

    /// Does the question name entry `d` by a rare word of its title or terms ("metotrexato",
    /// "cortisona"), not by a word many entries share ("pastilla")?
    fn names(&self, question: &str, d: usize) -> bool {
        super::content_stems_es(question).iter().any(|s| {
            self.titles[d].contains(s)
                || self.labels[d].contains(s)
                    && self.postings.get(s).map_or(0, Vec::len) <= NAMING_DF
        })
    }

    /// The safety fact of the page a Spanish question names (among the best-ranked entries,
    /// not a red-flag page), when the English pick is not that page.
    pub fn safety_fact_es(&self, question: &str) -> Option<(String, Citation)> {
        self.rank(question)
            .into_iter()
            .take(3)
            // The page must be named ("metotrexato"), not only reached by "pastilla".
            .filter(|&(d, _)| self.docs[d].section != "red-flags" && self.names(question, d))
            .find_map(|(d, _)| self.safety_fact_in(question, d))
    }

    /// The sentence of entry `d` that carries a warning and shares most with the question.
    fn safety_fact_in(&self, question: &str, d: usize) -> Option<(String, Citation)> {
        let query = self.query(question);
        let best = self.sentences[d]
            .iter()
            .filter_map(|s| {
                let words: String = fold(&s.text)
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                    .collect();
                let folded = format!(
                    " {} ",
                    words.split_whitespace().collect::<Vec<_>>().join(" ")
                );
                let warnings = WARNING_ES
                    .iter()
                    .filter(|w| folded.contains(&format!(" {w} ")))
                    .count();
                if warnings == 0 {
                    return None;
                }
                let shared: f32 = query
                    .iter()
                    .filter(|(q, _)| s.stems.contains(q))
                    .map(|(q, w)| w * self.idf(q).max(0.1))
                    .sum();
                Some((s, 2.0 * warnings as f32 + shared))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))?;
        Some((best.0.text.clone(), self.citation(d)))
    }
}

/// A word in at most this many entries names one of them.
const NAMING_DF: usize = 6;

/// Score a sentence of advice earns, beside its shared words, for a question asking what to do.
const ADVICE_BASE: f32 = 1.0;

/// Verbs that ask what to do, after "qué" or "cómo" ("¿qué hago?", "¿cómo me protejo?").
const DO_VERBS: &[&str] = &[
    "hago",
    "hacer",
    "hacemos",
    "protejo",
    "proteger",
    "protegerme",
    "evito",
    "evitar",
    "cuido",
    "cuidar",
    "cuidarme",
    "recomiendan",
    "recomienda",
    "aconsejan",
    "consejos",
    "mejoro",
    "mejorar",
    "alivio",
    "aliviar",
];

/// Does the question ask what to do?
fn asks_what_to_do(question: &str) -> bool {
    let folded = fold(question);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.contains(&"consejos")
        || (0..words.len()).any(|k| {
            matches!(words[k], "que" | "como")
                && words[k + 1..].iter().take(2).any(|w| DO_VERBS.contains(w))
        })
}

/// Usted imperatives that open a piece of advice.
const IMPERATIVES: &[&str] = &[
    "use", "evite", "lleve", "tenga", "busque", "beba", "haga", "pida", "hable", "llame", "elija",
    "aplique", "ponga", "proteja", "descanse", "camine", "revise", "guarde", "anote", "pregunte",
    "mantenga", "procure", "intente", "cubra", "vista", "planee", "reparta", "duerma", "coma",
];

/// Does the sentence open with an instruction ("Póngase…", "Use…", "Evite…")?
fn gives_advice(sentence: &str) -> bool {
    let folded = fold(sentence);
    let first = folded
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    IMPERATIVES.contains(&first)
        || (first.len() > 6 && (first.ends_with("ese") || first.ends_with("ase")))
}
