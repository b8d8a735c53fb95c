//! The learned triage head: two logistic classifiers on the sentence embedding ([`crate::embed`])
//! that catch red-flag reports the phrase rules miss ("se me ponen morados los labios",
//! "I've saved up my tablets").
//!
//! One classifier says "emergency", the other "urgent or above". Each is a weight per embedding
//! dimension plus a bias, and a threshold chosen by k-fold cross-validation so that at most 1 %
//! of the must-not-alarm sentences (dev questions, knowledge-base sentences, negations, past
//! events, definitions) would fire. Trained by
//! `cargo run -p myo-ask --release --example train_triage_head` from
//! `data/triage/exemplars.toml`; weights in `data/triage/head.toml`, figures in
//! `data/triage/METRICS.md`.
//!
//! The head can only raise a tier, never lower one: combine with [`raise`].

use serde::Deserialize;

use crate::embed::{DIMS, Vector};
use crate::triage::Tier;

const BUILTIN: &str = include_str!("../data/triage/head.toml");

/// Why the head's weights could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum HeadError {
    /// Not valid TOML, or a field is missing.
    #[error("triage head weights: {0}")]
    Parse(String),
    /// A classifier has the wrong number of weights.
    #[error("triage head {name}: {found} weights, the embedding has {DIMS} dimensions")]
    Dims {
        /// Which classifier.
        name: &'static str,
        /// How many weights it has.
        found: usize,
    },
    /// A threshold is not a probability.
    #[error("triage head {name}: threshold {value} is not between 0 and 1")]
    Threshold {
        /// Which classifier.
        name: &'static str,
        /// The threshold read.
        value: f32,
    },
}

#[derive(Deserialize)]
struct File {
    embedding_vectors_sha256: String,
    emergency: Classifier,
    urgent: Classifier,
}

#[derive(Debug, Clone, Deserialize)]
struct Classifier {
    threshold: f32,
    bias: f32,
    weights: Vec<f32>,
}

impl Classifier {
    fn check(self, name: &'static str) -> Result<Classifier, HeadError> {
        if self.weights.len() != DIMS {
            return Err(HeadError::Dims {
                name,
                found: self.weights.len(),
            });
        }
        if !(self.threshold > 0.0 && self.threshold < 1.0) {
            return Err(HeadError::Threshold {
                name,
                value: self.threshold,
            });
        }
        Ok(self)
    }

    fn probability(&self, v: &Vector) -> f32 {
        let z: f32 = self.bias
            + self
                .weights
                .iter()
                .zip(v.as_slice())
                .map(|(w, x)| w * x)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// The two classifiers' probabilities for one text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Probability the text reports an emergency.
    pub emergency: f32,
    /// Probability the text reports something urgent or worse.
    pub urgent: f32,
}

/// The learned triage head. Build once ([`TriageHead::builtin`]) and keep it.
#[derive(Debug, Clone)]
pub struct TriageHead {
    emergency: Classifier,
    urgent: Classifier,
    embedding_sha256: String,
}

impl TriageHead {
    /// The weights compiled into this crate.
    pub fn builtin() -> Result<TriageHead, HeadError> {
        TriageHead::parse(BUILTIN)
    }

    /// Read weights in the `head.toml` format.
    pub fn parse(text: &str) -> Result<TriageHead, HeadError> {
        let file: File = toml::from_str(text).map_err(|e| HeadError::Parse(e.to_string()))?;
        Ok(TriageHead {
            emergency: file.emergency.check("emergency")?,
            urgent: file.urgent.check("urgent")?,
            embedding_sha256: file.embedding_vectors_sha256,
        })
    }

    /// The sha256 of the embedding table the head was trained on.
    pub fn embedding_sha256(&self) -> &str {
        &self.embedding_sha256
    }

    /// Both probabilities (zero for the zero vector: no known word, no signal).
    pub fn scores(&self, v: &Vector) -> Scores {
        if v.is_zero() {
            return Scores {
                emergency: 0.0,
                urgent: 0.0,
            };
        }
        Scores {
            emergency: self.emergency.probability(v),
            urgent: self.urgent.probability(v),
        }
    }

    /// The tier the head gives, or `None` when neither classifier reaches its threshold.
    pub fn classify(&self, v: &Vector) -> Option<Tier> {
        let s = self.scores(v);
        if s.emergency >= self.emergency.threshold {
            Some(Tier::Emergency)
        } else if s.urgent >= self.urgent.threshold {
            Some(Tier::Urgent)
        } else {
            None
        }
    }

    /// The thresholds in use: (emergency, urgent-or-above).
    pub fn thresholds(&self) -> (f32, f32) {
        (self.emergency.threshold, self.urgent.threshold)
    }
}

/// Combine the rules' tier with the head's: the more severe wins, so the head can only raise a
/// tier, never lower or clear one.
pub fn raise(rule: Option<Tier>, head: Option<Tier>) -> Option<Tier> {
    rule.max(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raise_never_lowers() {
        let tiers = [
            None,
            Some(Tier::Discuss),
            Some(Tier::Urgent),
            Some(Tier::Emergency),
        ];
        for rule in tiers {
            for head in tiers {
                let out = raise(rule, head);
                assert!(out >= rule, "{rule:?} lowered to {out:?} by {head:?}");
                assert!(out >= head);
                assert!(out == rule || out == head);
            }
        }
        assert_eq!(raise(Some(Tier::Emergency), None), Some(Tier::Emergency));
        assert_eq!(raise(None, Some(Tier::Urgent)), Some(Tier::Urgent));
    }

    #[test]
    fn bad_weights_are_named_errors() {
        let w = |n: usize| vec!["0.0"; n].join(", ");
        let file = |th: &str, n: usize| {
            format!(
                "embedding_vectors_sha256 = \"x\"\n[emergency]\nthreshold = {th}\nbias = 0.0\n\
                 weights = [{}]\n[urgent]\nthreshold = 0.5\nbias = 0.0\nweights = [{}]\n",
                w(n),
                w(DIMS)
            )
        };
        assert!(TriageHead::parse(&file("0.5", DIMS)).is_ok());
        assert!(matches!(
            TriageHead::parse(&file("0.5", 3)),
            Err(HeadError::Dims {
                name: "emergency",
                found: 3
            })
        ));
        assert!(matches!(
            TriageHead::parse(&file("1.5", DIMS)),
            Err(HeadError::Threshold { .. })
        ));
        assert!(matches!(
            TriageHead::parse("nonsense"),
            Err(HeadError::Parse(_))
        ));
    }

    #[test]
    fn zero_vector_never_fires() {
        let head = TriageHead::builtin().expect("weights load");
        assert_eq!(head.classify(&Vector::zero()), None);
    }
}
