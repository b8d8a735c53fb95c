//! Composing an answer: sentences chosen for the question's type, in an order that reads, with
//! no sentence cut off from the one it points back to, no repeats, and no bare "Yes"/"No"
//! unless the entry asks exactly the question typed.

use super::{Citation, Engine, Query, gate};
use crate::guard::RefusalClass;
use crate::intent::{QuestionType, cue};
use crate::passage::{Sentence, origin};
use crate::text::tokenize;

/// Longest answer, in sentences (all entries together).
const MAX_SENTENCES: usize = 5;
/// Most sentences taken from the best entry.
const MAX_FROM_TOP: usize = 4;
/// Bonus share for a sentence that answers the question's type (a duration for "how long").
const W_TYPE: f32 = 0.6;
/// Floor of that bonus, so an on-type sentence of the right entry beats an off-type one.
const TYPE_FLOOR: f32 = 0.6;
/// The summary leads a definition question: its score is raised by this share.
const W_SUMMARY_LEAD: f32 = 0.5;
/// Two sentences sharing this share of their words say the same thing.
const DUPLICATE_OVERLAP: f32 = 0.6;
/// A second entry adds a sentence when it scores at least this share of the best.
const SECOND_SHARE: f32 = 0.8;
/// Title words of an entry the question must cover for it to be "the same question".
const SAME_QUESTION_SHARE: f32 = 0.75;
/// Weight of a sentence's closeness in meaning to the question (cosine above `MEANING_BASE`),
/// added to its lexical score when it shares a word with the question.
const W_MEANING: f32 = 6.0;
const MEANING_BASE: f32 = 0.45;
/// A drug or supplement guide is the first place for a medicine's safety fact.
const W_GUIDE: f32 = 1.5;

impl Engine {
    /// Sentence indices of entry `d`, most relevant first (`with_summary`: summary may lead).
    pub(crate) fn best_sentences(
        &self,
        d: usize,
        q: &Query,
        n: usize,
        with_summary: bool,
    ) -> Vec<usize> {
        let mut scored: Vec<(usize, f32)> = self.sentences[d]
            .iter()
            .enumerate()
            .filter(|(_, s)| with_summary || s.origin != origin::SUMMARY)
            .map(|(i, s)| (i, self.sentence_score(s, q, &self.titles[d], 0.0)))
            .filter(|(_, score)| *score > 0.0)
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.into_iter().take(n).map(|(i, _)| i).collect()
    }

    /// Relevance of one sentence. Words of the entry's own title say little inside that entry
    /// (every sentence of the methotrexate page is about methotrexate), so they count a fifth.
    /// A sentence that answers the question's type (a duration for "how long") scores more.
    /// `near` is the sentence's cosine with the question in the embedding (0 when unknown): a
    /// sentence that shares a word and says nearly what was asked scores more.
    pub(crate) fn sentence_score(
        &self,
        s: &Sentence,
        q: &Query,
        title: &[String],
        near: f32,
    ) -> f32 {
        let matched: f32 = q
            .terms
            .iter()
            .filter(|t| s.stems.contains(&t.stem))
            .map(|t| {
                let own = if title.contains(&t.stem) { 0.2 } else { 1.0 };
                own * t.weight * self.index.idf(&t.stem)
            })
            .sum();
        // Prefer full sentences of moderate length over fragments and walls of text.
        let len = s.stems.len() as f32;
        let mut score = matched / (1.0 + (len / 25.0));
        if score > 0.0 {
            score += W_MEANING * (near - MEANING_BASE).max(0.0);
        }
        let wanted = q.kind.wanted_cue();
        if wanted != 0 && s.cues & wanted != 0 {
            score += W_TYPE * score + TYPE_FLOOR;
        }
        if s.origin == origin::SUMMARY && !q.kind.is_specific() {
            // The summary is the entry's own short answer.
            score += W_SUMMARY_LEAD * score + TYPE_FLOOR / 2.0;
        }
        score
    }

    /// Does the question ask what entry `d`'s title asks ("Will my children get it?")? Only then
    /// may its "Yes" or "No" lead the answer.
    fn same_question(&self, d: usize, q: &Query) -> bool {
        let title: Vec<&String> = self.titles[d]
            .iter()
            .filter(|s| !self.is_background(s))
            .collect();
        if title.is_empty() || matches!(q.kind, QuestionType::WhatIs) {
            return false;
        }
        let found = title
            .iter()
            .filter(|s| {
                q.content.iter().any(|w| &w.stem == **s)
                    || q.terms.iter().any(|t| &t.stem == **s && t.weight >= 0.9)
            })
            .count();
        found as f32 / title.len() as f32 >= SAME_QUESTION_SHARE
    }

    /// Choose up to `room` sentences of entry `d`: best first (with the sentence it points back
    /// to), then the rest in reading order; never a near-repeat of `taken`.
    fn choose(
        &self,
        d: usize,
        q: &Query,
        room: usize,
        taken: &[&Sentence],
        summary_first: bool,
        meaning: Option<&crate::embed::Vector>,
    ) -> Vec<usize> {
        let sentences = &self.sentences[d];
        // How near each sentence is, in meaning, to what was asked.
        let near: Vec<f32> = match meaning {
            Some(v) => self.sentence_similarities(v, d),
            None => vec![0.0; sentences.len()],
        };
        let mut scored: Vec<(usize, f32)> = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let lead = summary_first && s.origin == origin::SUMMARY;
                // The summary that leads keeps its own order: its first sentence is the one
                // that may carry the entry's "Yes" or "No".
                let near = if lead { 0.0 } else { near[i] };
                let score = self.sentence_score(s, q, &self.titles[d], near);
                // A definition, or the entry's own question, starts with its summary.
                (i, if lead { score + 1000.0 } else { score })
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut picked: Vec<usize> = Vec::new();
        let repeats = |i: usize, picked: &[usize]| {
            let s = &sentences[i];
            taken.iter().any(|t| overlap(t, s) >= DUPLICATE_OVERLAP)
                || picked
                    .iter()
                    .any(|&p| overlap(&sentences[p], s) >= DUPLICATE_OVERLAP)
        };
        for &(i, score) in &scored {
            if picked.len() >= room {
                break;
            }
            // Sentences with nothing in common with the question only fill up to two.
            if score <= 0.0 && picked.len() >= 2 {
                break;
            }
            if picked.contains(&i) || repeats(i, &picked) || bare_answer(&sentences[i]) {
                continue;
            }
            if sentences[i].cues & cue::DEPENDENT != 0 {
                // "This means …" needs the sentence it points back to, just before it.
                let Some(prev) = i.checked_sub(1) else {
                    continue;
                };
                let linked = sentences[prev].origin == sentences[i].origin
                    && sentences[prev].cues & cue::DEPENDENT == 0;
                if !linked || picked.len() + 2 > room {
                    continue;
                }
                if !picked.contains(&prev) {
                    if repeats(prev, &picked) {
                        continue;
                    }
                    picked.push(prev);
                }
            }
            picked.push(i);
        }
        // Best sentence (with its lead-in) first, then reading order.
        let Some(&first) = picked.first() else {
            return picked;
        };
        let lead: Vec<usize> = if sentences[first].cues & cue::DEPENDENT != 0 {
            picked
                .iter()
                .copied()
                .filter(|&p| p + 1 == first || p == first)
                .collect()
        } else {
            vec![first]
        };
        let mut rest: Vec<usize> = picked.into_iter().filter(|p| !lead.contains(p)).collect();
        rest.sort_unstable();
        let mut lead = lead;
        lead.sort_unstable();
        lead.extend(rest);
        lead
    }

    /// The text of sentence `i` of entry `d` as it may be shown: a leading "Yes"/"No" is kept
    /// only when `keep_yes_no` (the entry asks exactly this question); otherwise it is dropped.
    fn shown(&self, d: usize, i: usize, keep_yes_no: bool) -> Option<String> {
        let s = &self.sentences[d][i];
        if s.cues & cue::YES_NO_LEAD == 0 || keep_yes_no {
            return Some(s.text.clone());
        }
        strip_yes_no(&s.text)
    }

    /// Compose the answer from the best entries, with numbered citations.
    pub(crate) fn compose(
        &self,
        question: &str,
        ranked: &[(usize, f32)],
        q: &Query,
    ) -> (String, Vec<Citation>, Vec<usize>) {
        let (top, top_score) = ranked[0];
        let keep_yes_no = self.same_question(top, q);
        let mut parts: Vec<String> = Vec::new();
        let mut used = vec![top];
        // The summary is the entry's own short answer: it leads unless the question asks for
        // one specific figure (how long, how often, how much), which a body sentence holds.
        let summary_first = keep_yes_no || !q.kind.is_specific();
        let meaning = self.embed_question(question);
        let picked = self.choose(top, q, MAX_FROM_TOP, &[], summary_first, meaning.as_ref());
        let mut taken: Vec<&Sentence> = Vec::new();
        let mut count = 0;
        for (k, &i) in picked.iter().enumerate() {
            if let Some(text) = self.shown(top, i, keep_yes_no && k == 0) {
                parts.push(text);
                taken.push(&self.sentences[top][i]);
                count += 1;
            }
        }
        if parts.is_empty() {
            parts.push(self.docs[top].summary.clone());
        }
        let mut text = format!("{} [1]", parts.join(" "));
        // A second part of the question ("… and will my kids get it?") gets its own passage.
        let mut extra: Vec<(usize, Query)> = Vec::new();
        if let Some(second) = second_part(question) {
            let q2 = self.analyse(second);
            let r2 = self.rank(&q2.terms);
            if let Some(&(d2, s2)) = r2.first()
                && d2 != top
                && self.gate(&q2, d2, s2, None) == gate::Verdict::Answer
            {
                extra.push((d2, q2));
            }
        }
        if extra.is_empty()
            && let Some(&(second, score)) = ranked.get(1)
            && score >= SECOND_SHARE * top_score
        {
            extra.push((second, q.clone()));
        }
        for (d, qd) in extra {
            if count >= MAX_SENTENCES {
                break;
            }
            let room = if used.len() == 1 && qd.terms != q.terms {
                2
            } else {
                1
            };
            let room = room.min(MAX_SENTENCES - count);
            let picked = self.choose(d, &qd, room, &taken, false, meaning.as_ref());
            let shown: Vec<String> = picked
                .iter()
                .filter_map(|&i| self.shown(d, i, false))
                .collect();
            if shown.is_empty() {
                continue;
            }
            count += shown.len();
            used.push(d);
            text.push(' ');
            text.push_str(&shown.join(" "));
            text.push_str(&format!(" [{}]", used.len()));
            taken.extend(picked.iter().map(|&i| &self.sentences[d][i]));
        }
        let citations = used
            .iter()
            .enumerate()
            .map(|(k, &d)| self.citation(k + 1, d))
            .collect();
        (text, citations, used)
    }

    /// The knowledge base's safety fact for a refused medicine question: the sentence of the
    /// best entries that matches the question and carries a warning ("never stop suddenly"),
    /// with the sentence before it when it points back ("It must never be stopped …").
    pub(crate) fn safety_fact(
        &self,
        class: RefusalClass,
        q: &Query,
        ranked: &[(usize, f32)],
    ) -> Option<(usize, usize)> {
        if class != RefusalClass::Medication {
            return None;
        }
        let wanted = if q.kind == QuestionType::HowMuch {
            cue::WARNING | cue::AMOUNT
        } else {
            cue::WARNING
        };
        let mut best: Option<(usize, usize, f32)> = None;
        for &(d, _) in ranked.iter().take(3) {
            for (i, s) in self.sentences[d].iter().enumerate() {
                if s.cues & wanted == 0 {
                    continue;
                }
                // A sentence that points back ("It must never be stopped") is read with the one
                // before it.
                let before = match i.checked_sub(1) {
                    Some(p) if s.cues & cue::DEPENDENT != 0 => Some(&self.sentences[d][p].stems),
                    _ => None,
                };
                let matched: f32 = q
                    .terms
                    .iter()
                    .filter(|t| {
                        s.stems.contains(&t.stem) || before.is_some_and(|b| b.contains(&t.stem))
                    })
                    .map(|t| t.weight * self.index.idf(&t.stem))
                    .sum();
                let guide = if matches!(self.docs[d].section.as_str(), "drugs" | "supplements") {
                    W_GUIDE
                } else {
                    1.0
                };
                let score = guide * matched / (1.0 + s.stems.len() as f32 / 25.0);
                if score > 0.0 && best.is_none_or(|(_, _, b)| score > b) {
                    best = Some((d, i, score));
                }
            }
        }
        best.map(|(d, i, _)| (d, i))
    }
}

/// Share of the smaller sentence's words found in the other.
fn overlap(a: &Sentence, b: &Sentence) -> f32 {
    let (small, big) = if a.stems.len() <= b.stems.len() {
        (a, b)
    } else {
        (b, a)
    };
    if small.stems.is_empty() {
        return 0.0;
    }
    let shared = small.stems.iter().filter(|s| big.stems.contains(s)).count();
    shared as f32 / small.stems.len() as f32
}

/// A sentence that is only "Yes." or "No." carries nothing once taken out of its entry.
fn bare_answer(s: &Sentence) -> bool {
    s.cues & cue::YES_NO_LEAD != 0 && s.text.split_whitespace().count() < 3
}

/// "Yes: children can get it." → "Children can get it."; `None` when little would remain.
pub(crate) fn strip_yes_no(text: &str) -> Option<String> {
    if !crate::intent::yes_no_lead(text) {
        return Some(text.to_string());
    }
    let t = text.trim_start();
    let rest = t
        .strip_prefix("Yes")
        .or_else(|| t.strip_prefix("No"))
        .unwrap_or(t)
        .trim_start_matches([',', ':', ';', '.', '!', ' ', '-', '\u{2014}']);
    if rest.split_whitespace().count() < 4 {
        return None;
    }
    let mut chars = rest.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// The second question of a two-part question ("is it contagious, and will my kids get it?"),
/// when both parts have a word of their own and the second is a question.
pub(crate) fn second_part(question: &str) -> Option<&str> {
    let lower = question.to_lowercase();
    let cuts = ["? ", " and also ", ", and ", " and ", " also ", "; "];
    for cut in cuts {
        if let Some(at) = lower.find(cut) {
            let (a, b) = (&question[..at], &question[at + cut.len()..]);
            let words = |s: &str| {
                tokenize(s)
                    .iter()
                    .filter(|t| !crate::text::is_stopword(&t.word))
                    .count()
            };
            let asks = |s: &str| {
                let l = s.trim_start().to_lowercase();
                [
                    "what", "how", "is", "are", "can", "will", "do", "does", "should", "why",
                    "which", "when", "could",
                ]
                .iter()
                .any(|w| l.starts_with(&format!("{w} ")))
            };
            if words(a) >= 1 && words(b) >= 1 && asks(b) {
                return Some(b);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_leads_are_stripped() {
        assert_eq!(
            strip_yes_no("Yes: juvenile DM is the most common form in children.").as_deref(),
            Some("Juvenile DM is the most common form in children.")
        );
        assert_eq!(
            strip_yes_no("No, it is not passed on directly to children.").as_deref(),
            Some("It is not passed on directly to children.")
        );
        assert_eq!(strip_yes_no("Yes."), None);
        assert_eq!(
            strip_yes_no("No treatment can promise it will never return.").as_deref(),
            Some("No treatment can promise it will never return.")
        );
    }

    #[test]
    fn two_part_questions_split() {
        assert_eq!(
            second_part("is dm contagious and will my kids get it"),
            Some("will my kids get it")
        );
        assert_eq!(
            second_part("What is methotrexate? How often is it taken?"),
            Some("How often is it taken?")
        );
        assert_eq!(second_part("salt and sugar on steroids"), None);
        assert_eq!(second_part("rash and weakness"), None);
    }
}
