//! Spanish readability: a Spanish syllable counter and the Fernández-Huerta reading ease of
//! `kb/README.md` (Spanish entries).
//!
//! Words and sentences are split exactly as for English (see [`crate::text`]); only syllables
//! differ. Fernández-Huerta (1959), in the form used by current tools:
//! `L = 206.84 − 60 × (syllables / words) − 1.02 × (words / sentences)`.
//! Scale: 90–100 muy fácil, 80–90 fácil, 70–80 bastante fácil, 60–70 normal, 50–60 bastante
//! difícil, 30–50 difícil, below 30 muy difícil.

use crate::text::{Readability, counts_of};

/// Target ease for Spanish patient text: "bastante fácil" or easier.
pub const EASE_TARGET: f64 = 70.0;

/// Below this ease a Spanish patient entry fails the check; between this and [`EASE_TARGET`] it
/// gets a warning ("normal" on the Fernández-Huerta scale).
pub const EASE_FLOOR: f64 = 60.0;

/// Word, sentence and syllable counts of a Spanish text and its Fernández-Huerta ease.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SpanishReadability {
    /// Number of words.
    pub words: usize,
    /// Number of (non-empty) sentences.
    pub sentences: usize,
    /// Number of syllables (Spanish rules, see [`syllables_es`]).
    pub syllables: usize,
    /// Fernández-Huerta reading ease (higher is easier; 0 words gives 0).
    pub ease: f64,
}

impl SpanishReadability {
    /// The band of the Fernández-Huerta scale the ease falls in, in Spanish.
    pub fn band(&self) -> &'static str {
        match self.ease {
            e if e >= 90.0 => "muy fácil",
            e if e >= 80.0 => "fácil",
            e if e >= 70.0 => "bastante fácil",
            e if e >= 60.0 => "normal",
            e if e >= 50.0 => "bastante difícil",
            e if e >= 30.0 => "difícil",
            _ => "muy difícil",
        }
    }
}

/// Fernández-Huerta ease of several Markdown parts measured as one text (summary + body).
pub fn readability_es_of(parts: &[&str]) -> SpanishReadability {
    let Readability {
        words,
        sentences,
        syllables,
        ..
    } = counts_of(parts, syllables_es);
    let ease = if words == 0 {
        0.0
    } else {
        let w = words as f64;
        206.84 - 60.0 * (syllables as f64 / w) - 1.02 * (w / sentences.max(1) as f64)
    };
    SpanishReadability {
        words,
        sentences,
        syllables,
        ease,
    }
}

/// Fernández-Huerta ease of one Spanish Markdown text.
pub fn readability_es(markdown: &str) -> SpanishReadability {
    readability_es_of(&[markdown])
}

/// `a e o` and their accented forms: two of them side by side are two syllables (hiatus).
fn strong(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'à' | 'è' | 'ò')
}

/// An accented `í` or `ú` always stands alone (día, país, baúl).
fn stressed_weak(c: char) -> bool {
    matches!(c, 'í' | 'ú')
}

fn vowel(c: char) -> bool {
    strong(c) || stressed_weak(c) || matches!(c, 'i' | 'u' | 'ü' | 'y')
}

/// Syllables of one Spanish word: vowel nuclei, where neighbouring vowels share a nucleus
/// (diphthong "ciu-dad", triphthong "buey") unless both are strong (`a e o`: "le-er") or one is
/// a stressed `í`/`ú` ("dí-a"); a nucleus holds at most three vowels, the third only in the
/// pattern weak–strong–weak. `y` is a vowel when no vowel follows it ("hoy", "muy", "y").
/// A word without letters (a number) counts 1; every word counts at least 1.
pub fn syllables_es(word: &str) -> usize {
    let letters: Vec<char> = word
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphabetic())
        .collect();
    let mut count = 0;
    // The vowels of the nucleus being read, when the previous letter was a vowel.
    let mut nucleus: Vec<char> = Vec::new();
    for (i, &c) in letters.iter().enumerate() {
        let is_vowel = if c == 'y' {
            !letters.get(i + 1).is_some_and(|&n| vowel(n) && n != 'y')
        } else {
            vowel(c)
        };
        if !is_vowel {
            nucleus.clear();
            continue;
        }
        let joins = match nucleus.as_slice() {
            [] => false,
            [p] => {
                let hiatus = (strong(*p) && strong(c)) || stressed_weak(*p) || stressed_weak(c);
                !hiatus
            }
            [a, b] => {
                !strong(*a) && !stressed_weak(*a) && strong(*b) && !strong(c) && !stressed_weak(c)
            }
            _ => false,
        };
        if joins {
            nucleus.push(c);
        } else {
            count += 1;
            nucleus.clear();
            nucleus.push(c);
        }
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_known_words() {
        for (word, n) in [
            ("casa", 2),
            ("dermatomiositis", 6),
            ("ciudad", 2),
            ("día", 2),
            ("país", 2),
            ("leer", 2),
            ("aéreo", 4),
            ("buey", 1),
            ("hoy", 1),
            ("muy", 1),
            ("y", 1),
            ("ayer", 2),
            ("que", 1),
            ("pingüino", 3),
            ("prohibir", 3),
            ("músculo", 3),
            ("respirar", 3),
            ("inmunosupresor", 6),
            ("38", 1),
            ("Uruguay", 3),
        ] {
            assert_eq!(syllables_es(word), n, "{word}");
        }
    }
}
