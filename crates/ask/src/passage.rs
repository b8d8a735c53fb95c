//! Passages: an entry split into answerable sentences, each with its stems and the cue bits
//! that say which question types it can answer.

use crate::corpus::Document;
use crate::intent::cues_of;
use crate::text::{is_stopword, tokenize};

/// Where a sentence comes from.
pub mod origin {
    /// The entry's summary.
    pub const SUMMARY: u8 = 0;
    /// The body.
    pub const BODY: u8 = 1;
    /// A structured fact ("Pregnancy: …").
    pub const FACT: u8 = 2;
}

/// A sentence of an entry, ready for scoring.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// The sentence, as written in the entry.
    pub text: String,
    /// Content stems (stopwords dropped).
    pub stems: Stems,
    /// See [`origin`].
    pub origin: u8,
    /// Cue bits ([`crate::intent::cue`]).
    pub cues: u16,
}

/// The content stems of a sentence, kept as one space-separated string: one allocation per
/// sentence, which keeps the built-in engine's start-up fast.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stems(String);

impl Stems {
    /// From stems in order.
    pub fn new(stems: &[String]) -> Stems {
        Stems(stems.join(" "))
    }

    /// From the space-separated form ([`Stems::as_str`]).
    pub fn from_joined(joined: String) -> Stems {
        Stems(joined)
    }

    /// The space-separated form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The stems, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split(' ').filter(|s| !s.is_empty())
    }

    /// Is this stem among them?
    pub fn contains(&self, stem: &str) -> bool {
        self.iter().any(|s| s == stem)
    }

    /// Number of stems.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Content stems of a text (stopwords dropped).
pub fn content_stems(text: &str) -> Vec<String> {
    tokenize(text)
        .into_iter()
        .filter(|t| !is_stopword(&t.word))
        .map(|t| t.stem)
        .collect()
}

/// Split an entry into answerable sentences: summary, body lines, facts. A line ending in ":"
/// is joined with the list items that follow it.
pub fn sentences_of(d: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut push = |text: String, origin: u8| {
        let text = text.trim().to_string();
        let tokens = tokenize(&text);
        let cues = cues_of(&text, &tokens);
        let stems: Vec<String> = tokens
            .into_iter()
            .filter(|t| !is_stopword(&t.word))
            .map(|t| t.stem)
            .collect();
        // Body fragments ("Pick study type.", "white, chalky matter …") read badly alone.
        let whole = origin != 1
            || (text.split_whitespace().count() >= 5
                && text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
        if stems.len() >= 3 && whole {
            out.push(Sentence {
                text,
                stems: Stems::new(&stems),
                origin,
                cues,
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
pub fn split_sentences(text: &str) -> Vec<String> {
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

    fn doc(summary: &str, body: &[&str]) -> Document {
        Document {
            id: "x".into(),
            title: "X".into(),
            summary: summary.into(),
            lines: body.iter().map(|s| s.to_string()).collect(),
            ..Document::default()
        }
    }

    #[test]
    fn list_items_join_their_lead_in() {
        let d = doc(
            "Summary here is fine.",
            &["Signs include:", "nausea", "mouth sores"],
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

    #[test]
    fn sentences_carry_cues() {
        let d = doc("It is taken once a week by most people.", &[]);
        let s = sentences_of(&d);
        assert_ne!(s[0].cues & crate::intent::cue::FREQUENCY, 0);
        assert_ne!(s[0].cues & crate::intent::cue::DEPENDENT, 0);
    }
}
