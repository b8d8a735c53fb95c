//! Spelling tolerance toward the rules' own words ("vomitting bloood", "breathlesness"), after
//! the medicine aliases ([`super::alias`]).
//!
//! Only a word the rules do not know is ever changed, and only toward a word they do know:
//! - a letter typed three or more times in a row is read once or twice ("bloood" → "blood",
//!   "helppp"), whichever the rules know; a dropped final "g" is put back ("coughin");
//! - a long word (at least [`TYPO_MIN_LEN`] letters) one slip away (a letter added, dropped,
//!   changed, or two swapped) from exactly one rule word with the same first letter is read as
//!   that word ("breathlesness" → "breathless"). Numbers and short words are never changed:
//!   short words collide too often ("chose" is one slip from "choke").

use std::collections::HashSet;

use super::Aliases;
use crate::spell::distance;
use crate::stem::stem;
use crate::text::Token;

/// Shortest stem the one-slip tolerance applies to (on both sides).
pub(super) const TYPO_MIN_LEN: usize = 6;

/// The stems the rules are written in.
#[derive(Debug, Clone, Default)]
pub(super) struct Vocabulary {
    stems: HashSet<String>,
    /// Stems long enough for the one-slip tolerance.
    long: Vec<String>,
    /// Other names for the rules' medicines, read first.
    aliases: Aliases,
}

impl Vocabulary {
    pub(super) fn new<'a>(stems: impl Iterator<Item = &'a String>, aliases: Aliases) -> Vocabulary {
        let stems: HashSet<String> = stems.cloned().collect();
        let mut long: Vec<String> = stems
            .iter()
            .filter(|s| s.chars().count() >= TYPO_MIN_LEN && s.chars().all(char::is_alphabetic))
            .cloned()
            .collect();
        long.sort();
        Vocabulary {
            stems,
            long,
            aliases,
        }
    }

    /// The tokens with misspelt rule words read as the rule word.
    /// `one_slip`: also read long words one slip away (English text only).
    pub(super) fn correct(&self, mut tokens: Vec<Token>, one_slip: bool) -> Vec<Token> {
        for t in &mut tokens {
            self.aliases.canon(&mut t.stem);
            if let Some(fixed) = self.spelled(&t.word, &t.stem, one_slip) {
                t.stem = fixed;
            }
        }
        tokens
    }

    fn spelled(&self, word: &str, own: &str, one_slip: bool) -> Option<String> {
        if self.stems.contains(own) || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        for keep in [2, 1] {
            let squeezed = squeeze(word, keep);
            if squeezed != word {
                let s = stem(&squeezed);
                if self.stems.contains(&s) {
                    return Some(s);
                }
            }
        }
        // A dropped final "g" ("coughin", "bleedin", "vomitin").
        if word.len() >= 5 && word.ends_with("in") {
            let s = stem(&format!("{word}g"));
            if self.stems.contains(&s) {
                return Some(s);
            }
        }
        if !one_slip || own.chars().count() < TYPO_MIN_LEN {
            return None;
        }
        let first = own.chars().next()?;
        let mut found = self
            .long
            .iter()
            .filter(|c| c.starts_with(first) && c.len().abs_diff(own.len()) <= 1)
            .filter(|c| distance(own, c, 1).is_some());
        let one = found.next()?;
        found.next().is_none().then(|| one.clone())
    }
}

/// `word` with every run of one letter cut to at most `keep` letters.
fn squeeze(word: &str, keep: usize) -> String {
    let mut out = String::with_capacity(word.len());
    let mut run = 0;
    let mut last = None;
    for c in word.chars() {
        run = if Some(c) == last { run + 1 } else { 1 };
        last = Some(c);
        if run <= keep {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn vocab(words: &[&str]) -> Vocabulary {
        let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
        Vocabulary::new(stems.iter(), Aliases::default())
    }

    fn read(v: &Vocabulary, text: &str) -> Vec<String> {
        v.correct(tokenize(text), true)
            .into_iter()
            .map(|t| t.stem)
            .collect()
    }

    #[test]
    fn repeated_letters_and_one_slip_in_long_words_reach_rule_words() {
        let v = vocab(&["blood", "vomiting", "breathless", "methotrexate"]);
        assert_eq!(read(&v, "bloood"), ["blood"]);
        assert_eq!(read(&v, "vomitting"), [stem("vomiting")]);
        assert_eq!(read(&v, "breathlesness"), [stem("breathless")]);
        assert_eq!(read(&v, "metotrexate"), [stem("methotrexate")]);
        assert_eq!(read(&v, "vomitin"), [stem("vomiting")]);
    }

    #[test]
    fn known_short_ambiguous_and_numeric_words_stay() {
        let v = vocab(&["choke", "blood", "swallow", "swellow"]);
        // Short words are never bent: "chose" stays "chose".
        assert_eq!(read(&v, "chose"), [stem("chose")]);
        // Two candidates one slip away: no guess.
        assert_eq!(read(&v, "swbllow"), [stem("swbllow")]);
        assert_eq!(read(&v, "38.5"), ["38.5"]);
        // A different first letter is a different word.
        assert_eq!(read(&v, "flood"), ["flood"]);
    }
}
