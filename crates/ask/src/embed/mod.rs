//! A static sentence embedding: one learned vector per WordPiece token, averaged.
//!
//! The table was distilled from the all-MiniLM-L6-v2 sentence encoder with the model2vec method
//! (each vocabulary token run through the encoder alone, PCA to 256 dimensions, Zipf/SIF
//! weighting), then stored as int8 with one scale per row. `scripts/distill-embedding/` makes the
//! data; `data/embed/manifest.toml` records its source, licence and checksums.
//!
//! Embedding a text: tokenise it exactly as model2vec does ([`wordpiece`] — BERT-uncased, no
//! `[CLS]`/`[SEP]`), cut it to the first `max_length_tokens` tokens, drop `[UNK]`, average the
//! rows of the remaining tokens, and scale the mean to unit length. A text with no known token
//! embeds as the zero vector. The result matches the Python model to a cosine of 0.99999 or
//! better (the parity test in `tests/embed_parity.rs`).
//!
//! Used for passage choice, an answerability gate and the triage head ([`crate::head`]); never
//! for ranking entries, which stays with BM25.

mod wordpiece;

use std::borrow::Cow;

use serde::Deserialize;
use wordpiece::WordPiece;

/// Dimensions of every vector.
pub const DIMS: usize = 256;

const MANIFEST: &str = include_str!("../../data/embed/manifest.toml");
const VOCAB: &str = include_str!("../../data/embed/vocab.txt");
const VECTORS: &[u8] = include_bytes!("../../data/embed/vectors.i8");
const SCALES: &[u8] = include_bytes!("../../data/embed/scales.f32");

/// A unit-length sentence vector, or all zeros for a text with no known token.
#[derive(Debug, Clone, PartialEq)]
pub struct Vector(pub [f32; DIMS]);

impl Vector {
    /// The zero vector (what an empty or unknown text embeds to).
    pub fn zero() -> Vector {
        Vector([0.0; DIMS])
    }

    /// The components.
    pub fn as_slice(&self) -> &[f32] {
        &self.0
    }

    /// True when every component is zero.
    pub fn is_zero(&self) -> bool {
        self.0.iter().all(|&x| x == 0.0)
    }

    /// Dot product.
    pub fn dot(&self, other: &Vector) -> f32 {
        self.0.iter().zip(other.0.iter()).map(|(a, b)| a * b).sum()
    }
}

/// Cosine similarity; 0 when either vector is zero.
pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (na, nb) = (a.dot(a).sqrt(), b.dot(b).sqrt());
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    a.dot(b) / (na * nb)
}

/// Why embedding data could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// The manifest is not valid TOML or lacks a field.
    #[error("embedding manifest: {0}")]
    Manifest(String),
    /// The manifest's dimensions differ from this build's.
    #[error("embedding has {found} dimensions, this build expects {DIMS}")]
    Dims {
        /// Dimensions in the manifest.
        found: usize,
    },
    /// A data file has the wrong size for the manifest.
    #[error("embedding file {file} has {found} bytes, the manifest implies {expected}")]
    Size {
        /// Which file.
        file: &'static str,
        /// Its size.
        found: usize,
        /// The size the manifest implies.
        expected: usize,
    },
    /// The vocabulary is unusable.
    #[error("embedding vocabulary: {0}")]
    Vocab(&'static str),
}

#[derive(Deserialize)]
struct Manifest {
    rows: usize,
    dims: usize,
    max_length_tokens: usize,
    median_token_length: usize,
    max_input_chars_per_word: usize,
}

/// The tokeniser and the token table. Build once ([`Embedder::builtin`]) and keep it.
#[derive(Debug, Clone)]
pub struct Embedder {
    wordpiece: WordPiece,
    vectors: Cow<'static, [u8]>,
    scales: Vec<f32>,
    max_tokens: usize,
    max_chars: usize,
}

impl Embedder {
    /// The table compiled into this crate.
    pub fn builtin() -> Result<Embedder, EmbedError> {
        Embedder::from_parts(MANIFEST, VOCAB, Cow::Borrowed(VECTORS), SCALES)
    }

    /// Build from a manifest, a vocabulary (one token a line), the int8 rows and the
    /// little-endian f32 row scales.
    pub fn from_parts(
        manifest: &str,
        vocab: &str,
        vectors: Cow<'static, [u8]>,
        scales: &[u8],
    ) -> Result<Embedder, EmbedError> {
        let m: Manifest =
            toml::from_str(manifest).map_err(|e| EmbedError::Manifest(e.to_string()))?;
        if m.dims != DIMS {
            return Err(EmbedError::Dims { found: m.dims });
        }
        let check = |file, found, expected| {
            if found == expected {
                Ok(())
            } else {
                Err(EmbedError::Size {
                    file,
                    found,
                    expected,
                })
            }
        };
        check("vectors.i8", vectors.len(), m.rows * DIMS)?;
        check("scales.f32", scales.len(), m.rows * 4)?;
        check("vocab.txt", vocab.lines().count(), m.rows)?;
        let wordpiece =
            WordPiece::new(vocab, m.max_input_chars_per_word).map_err(EmbedError::Vocab)?;
        let scales = scales
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        Ok(Embedder {
            wordpiece,
            vectors,
            scales,
            max_tokens: m.max_length_tokens,
            max_chars: m.max_length_tokens * m.median_token_length,
        })
    }

    /// Token ids of `text` as the model sees them: cut to the length limits, `[UNK]` removed.
    pub fn token_ids(&self, text: &str) -> Vec<u32> {
        let text = match text.char_indices().nth(self.max_chars) {
            Some((at, _)) => &text[..at],
            None => text,
        };
        let unk = self.wordpiece.unk_id;
        let mut ids = self.wordpiece.encode(text, self.max_tokens);
        ids.retain(|&id| id != unk);
        ids
    }

    /// The unit-length mean of the token rows of `text`, or the zero vector.
    pub fn embed(&self, text: &str) -> Vector {
        let ids = self.token_ids(text);
        if ids.is_empty() {
            return Vector::zero();
        }
        let mut sum = [0f32; DIMS];
        for &id in &ids {
            let row = id as usize;
            let scale = self.scales[row];
            let bytes = &self.vectors[row * DIMS..(row + 1) * DIMS];
            for (acc, &b) in sum.iter_mut().zip(bytes) {
                *acc += f32::from(b as i8) * scale;
            }
        }
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm == 0.0 {
            return Vector::zero();
        }
        // The mean's direction is the sum's: dividing by the count first changes nothing.
        Vector(sum.map(|x| x / norm))
    }

    /// Number of rows (vocabulary size).
    pub fn rows(&self) -> usize {
        self.scales.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedder() -> Embedder {
        Embedder::builtin().expect("built-in embedding loads")
    }

    #[test]
    fn builtin_loads_and_normalises() {
        let e = embedder();
        assert!(e.rows() > 29_000);
        let v = e.embed("muscle weakness and a rash");
        assert!((v.dot(&v) - 1.0).abs() < 1e-5);
        assert!(e.embed("").is_zero());
        assert!(e.embed("  \t\n").is_zero());
        assert!(e.embed("\u{0}\u{0}").is_zero());
    }

    #[test]
    fn related_texts_are_closer_than_unrelated() {
        let e = embedder();
        let a = e.embed("I can't breathe");
        let b = e.embed("struggling to get my breath");
        let c = e.embed("what is the price of a train ticket");
        assert!(cosine(&a, &b) > cosine(&a, &c) + 0.1);
    }

    #[test]
    fn accents_case_and_spacing_do_not_matter() {
        let e = embedder();
        assert_eq!(e.embed("corazón"), e.embed("CORAZON"));
        assert_eq!(e.embed("no  puedo\trespirar"), e.embed("no puedo respirar"));
        assert_eq!(e.token_ids("Niña"), e.token_ids("nina"));
    }

    #[test]
    fn cosine_of_zero_is_zero() {
        let e = embedder();
        assert!(cosine(&Vector::zero(), &e.embed("rash")).abs() < f32::MIN_POSITIVE);
    }

    #[test]
    fn bad_data_is_a_named_error() {
        let manifest = "rows = 2\ndims = 256\nmax_length_tokens = 512\nmedian_token_length = 6\n\
                        max_input_chars_per_word = 100\n";
        let vocab = "[PAD]\n[UNK]\n";
        let short = Embedder::from_parts(manifest, vocab, Cow::Owned(vec![0; 10]), &[0; 8]);
        assert!(matches!(
            short,
            Err(EmbedError::Size {
                file: "vectors.i8",
                ..
            })
        ));
        let dims = manifest.replace("dims = 256", "dims = 8");
        let wrong = Embedder::from_parts(&dims, vocab, Cow::Owned(vec![0; 512]), &[0; 8]);
        assert!(matches!(wrong, Err(EmbedError::Dims { found: 8 })));
        let no_unk =
            Embedder::from_parts(manifest, "[PAD]\nx\n", Cow::Owned(vec![0; 512]), &[0; 8]);
        assert!(matches!(no_unk, Err(EmbedError::Vocab(_))));
        let ok = Embedder::from_parts(manifest, vocab, Cow::Owned(vec![0; 512]), &[0; 8]);
        assert!(ok.is_ok());
    }
}
