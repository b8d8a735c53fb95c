//! A question that raised no warning is not answered from a red-flag page when a calm page
//! answers it nearly as well ("el sol me empeora el sarpullido, ¿qué hago?" is about living
//! with the sun, not the rash warning). Red-flag pages share the symptom words of everyday
//! questions, so without a warning they weigh [`RED_FLAG_QUIET`] of their score.

use super::{MIN_SCORE_ES, SpanishAnswer, SpanishAnswers};

/// The share of its score a red-flag page keeps when no warning fired.
pub const RED_FLAG_QUIET: f32 = 0.6;

impl SpanishAnswers {
    /// Is entry `d` a red-flag page?
    fn is_red_flag(&self, d: usize) -> bool {
        self.docs[d].section == "red-flags"
    }

    /// [`SpanishAnswers::answer`] for a question that raised no warning: red-flag pages weigh
    /// [`RED_FLAG_QUIET`] of their score; `None` when nothing scores [`MIN_SCORE_ES`].
    pub fn answer_quiet(&self, question: &str) -> Option<SpanishAnswer> {
        let (d, score) = self
            .rank(question)
            .into_iter()
            .map(|(d, s)| {
                (
                    d,
                    if self.is_red_flag(d) {
                        s * RED_FLAG_QUIET
                    } else {
                        s
                    },
                )
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
        (score >= MIN_SCORE_ES).then(|| self.compose(question, d, score))
    }

    /// Is the answer from a red-flag page?
    pub fn is_red_flag_answer(&self, answer: &SpanishAnswer) -> bool {
        self.docs
            .iter()
            .position(|d| d.id == answer.citation.id)
            .is_some_and(|d| self.is_red_flag(d))
    }
}
