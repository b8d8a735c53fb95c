//! The BERT-uncased WordPiece tokeniser, written to give the same token ids as the Hugging Face
//! `tokenizers` pipeline that model2vec uses (`BertNormalizer` with lowercasing and accent
//! stripping, `BertPreTokenizer`, `WordPiece` with `##` continuations), called without special
//! tokens, so no `[CLS]`/`[SEP]`.
//!
//! The steps, in order:
//! 1. The literal texts `[PAD]` and `[UNK]` are the tokeniser's added tokens: they are matched in
//!    the raw text before anything else and become their own ids.
//! 2. Clean: drop NUL, U+FFFD and control/format characters (tab, newline and carriage return
//!    excepted); every whitespace character becomes a space.
//! 3. Put spaces round each CJK ideograph.
//! 4. Strip accents: canonical decomposition (NFD), then drop non-spacing marks, so
//!    "corazón" reads as "corazon" and "ñ" as "n". Then lowercase.
//! 5. Split on whitespace, and split off every punctuation character as a word of its own.
//! 6. WordPiece: the longest vocabulary entry from the start of the word, then the longest
//!    `##` entry from where it stopped, and so on; a word with a part not in the vocabulary,
//!    or longer than the word limit, becomes one `[UNK]`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// FNV-1a: vocabulary keys are short strings, where SipHash's set-up cost dominates a lookup.
/// The vocabulary is fixed data, not attacker-chosen keys, so hash flooding does not apply.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Map = HashMap<Box<str>, u32, BuildHasherDefault<Fnv>>;

/// The vocabulary and limits of one WordPiece tokeniser.
#[derive(Debug, Clone)]
pub(crate) struct WordPiece {
    /// Every token as written in the vocabulary, to its id.
    words: Map,
    /// Tokens that start with `##`, without the `##`, to their id.
    suffixes: Map,
    pub(crate) unk_id: u32,
    pad_id: u32,
    max_word_chars: usize,
}

/// Tokens added to the tokeniser and matched verbatim in the raw text.
const PAD: &str = "[PAD]";
const UNK: &str = "[UNK]";

impl WordPiece {
    /// Build from the vocabulary, one token a line (line number = id). `None` names what is
    /// missing: the `[UNK]` or `[PAD]` token.
    pub(crate) fn new(vocab: &str, max_word_chars: usize) -> Result<WordPiece, &'static str> {
        let mut words = Map::default();
        let mut suffixes = Map::default();
        for (id, token) in vocab.lines().enumerate() {
            let id = u32::try_from(id).map_err(|_| "vocabulary too large")?;
            words.insert(Box::from(token), id);
            if let Some(rest) = token.strip_prefix("##") {
                suffixes.insert(Box::from(rest), id);
            }
        }
        let unk_id = *words.get(UNK).ok_or("no [UNK] token")?;
        let pad_id = *words.get(PAD).ok_or("no [PAD] token")?;
        Ok(WordPiece {
            words,
            suffixes,
            unk_id,
            pad_id,
            max_word_chars,
        })
    }

    /// Token ids of `text`, `[UNK]` included, at most `max_tokens` of them.
    pub(crate) fn encode(&self, text: &str, max_tokens: usize) -> Vec<u32> {
        let mut ids = Vec::new();
        let mut buf = String::new();
        let mut rest = text;
        while let Some((at, token, id)) = self.next_added(rest) {
            self.encode_plain(&rest[..at], &mut buf, &mut ids);
            ids.push(id);
            rest = &rest[at + token.len()..];
        }
        self.encode_plain(rest, &mut buf, &mut ids);
        ids.truncate(max_tokens);
        ids
    }

    /// The first added token in `text`: its byte offset, spelling and id.
    fn next_added(&self, text: &str) -> Option<(usize, &'static str, u32)> {
        let pad = text.find(PAD).map(|at| (at, PAD, self.pad_id));
        let unk = text.find(UNK).map(|at| (at, UNK, self.unk_id));
        match (pad, unk) {
            (Some(p), Some(u)) => Some(if p.0 <= u.0 { p } else { u }),
            (p, u) => p.or(u),
        }
    }

    /// Normalise, pre-tokenise and WordPiece a stretch of text with no added tokens in it.
    fn encode_plain(&self, text: &str, buf: &mut String, ids: &mut Vec<u32>) {
        normalize(text, buf);
        for chunk in buf.split(char::is_whitespace) {
            let mut start = 0;
            for (at, c) in chunk.char_indices() {
                if is_punctuation(c) {
                    self.word(&chunk[start..at], ids);
                    self.word(&chunk[at..at + c.len_utf8()], ids);
                    start = at + c.len_utf8();
                }
            }
            self.word(&chunk[start..], ids);
        }
    }

    /// Greedy longest-match-first WordPiece of one word.
    fn word(&self, word: &str, ids: &mut Vec<u32>) {
        if word.is_empty() {
            return;
        }
        if word.chars().count() > self.max_word_chars {
            ids.push(self.unk_id);
            return;
        }
        let first = ids.len();
        let mut start = 0;
        while start < word.len() {
            let mut end = word.len();
            let mut found = None;
            while start < end {
                let part = &word[start..end];
                let map = if start == 0 {
                    &self.words
                } else {
                    &self.suffixes
                };
                if let Some(&id) = map.get(part) {
                    found = Some(id);
                    break;
                }
                end -= part.chars().next_back().map_or(1, char::len_utf8);
            }
            match found {
                Some(id) => {
                    ids.push(id);
                    start = end;
                }
                None => {
                    ids.truncate(first);
                    ids.push(self.unk_id);
                    return;
                }
            }
        }
    }
}

/// Steps 2–4: clean, space out CJK, strip accents, lowercase; into `out` (cleared first).
fn normalize(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        for c in text.chars() {
            match c {
                '\0' => {}
                '\t' | '\n' | '\r' | ' ' => out.push(' '),
                c if c.is_ascii_control() => {}
                c => out.push(c.to_ascii_lowercase()),
            }
        }
        return;
    }
    let mut cleaned = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\0' || c == '\u{fffd}' || is_control(c) {
            continue;
        }
        if is_whitespace(c) {
            cleaned.push(' ');
        } else if is_cjk(c) {
            cleaned.push(' ');
            cleaned.push(c);
            cleaned.push(' ');
        } else {
            cleaned.push(c);
        }
    }
    for c in cleaned.nfd() {
        if c.general_category() != GeneralCategory::NonspacingMark {
            out.extend(c.to_lowercase());
        }
    }
}

fn is_whitespace(c: char) -> bool {
    c.is_whitespace()
}

/// Control, format, surrogate and private-use characters (Cc, Cf, Cs, Co), except the three
/// whitespace controls. Unassigned code points stay (the reference tokeniser keeps them, so the
/// word they are in becomes `[UNK]`).
fn is_control(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r')
        && matches!(
            c.general_category(),
            GeneralCategory::Control
                | GeneralCategory::Format
                | GeneralCategory::Surrogate
                | GeneralCategory::PrivateUse
        )
}

/// ASCII punctuation (which counts `$ + < = > ^ ` | ~` too) or any Unicode punctuation.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || c.general_category_group() == GeneralCategoryGroup::Punctuation
}

/// The CJK Unified Ideographs blocks BERT treats as one word each.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F
        | 0x2B920..=0x2CEAF
        | 0xF900..=0xFAFF
        | 0x2F800..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str) -> String {
        let mut out = String::new();
        normalize(text, &mut out);
        out
    }

    #[test]
    fn strips_spanish_accents_and_lowercases() {
        assert_eq!(
            norm("Corazón ÑANDÚ pingüino Acción"),
            "corazon nandu pinguino accion"
        );
        assert_eq!(norm("¿Qué?"), "¿que?");
        // Already-decomposed accents go too.
        assert_eq!(norm("e\u{301}le\u{300}ve"), "eleve");
    }

    #[test]
    fn cleans_controls_and_whitespace() {
        assert_eq!(norm("a\u{0}b\tc\r\nd\u{200b}e\u{fffd}f"), "ab c  def");
        assert_eq!(norm("A\u{0}B"), "ab");
        assert_eq!(norm("x\u{a0}y"), "x y");
        // Unassigned code points are kept (the word becomes [UNK]); private use goes.
        assert_eq!(norm("x\u{378}y"), "x\u{378}y");
        assert_eq!(norm("x\u{e000}y"), "xy");
    }

    #[test]
    fn spaces_out_cjk() {
        assert_eq!(norm("皮肌炎"), " 皮  肌  炎 ");
    }

    #[test]
    fn punctuation_classes() {
        for c in ['?', '¿', '¡', '—', '“', '…', '$', '~', '|'] {
            assert!(is_punctuation(c), "{c}");
        }
        for c in ['a', '5', '°', '🙂', ' '] {
            assert!(!is_punctuation(c), "{c}");
        }
    }

    #[test]
    fn wordpiece_greedy_and_unknown() {
        let wp = WordPiece::new("[PAD]\n[UNK]\nun\n##aff\n##able\naff\n##a\n!\n", 10).unwrap();
        let mut ids = Vec::new();
        wp.word("unaffable", &mut ids);
        assert_eq!(ids, vec![2, 3, 4]);
        ids.clear();
        wp.word("unxx", &mut ids);
        assert_eq!(ids, vec![1]);
        ids.clear();
        wp.word("affaaaaaaaaa", &mut ids);
        assert_eq!(ids, vec![1], "over the word limit");
        assert_eq!(
            wp.encode("Un-affable! [PAD]un", 512),
            vec![2, 1, 5, 4, 7, 0, 2]
        );
        assert_eq!(wp.encode("un un un", 2), vec![2, 2]);
    }
}
