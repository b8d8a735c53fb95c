//! The evaluation: retrieval accuracy, triage recall and false alarms, guardrail accuracy,
//! measured on the question set in `eval/questions.toml` and compared with fixed targets; [`split`]
//! reads the split-format sets (dev additions and the blind holdouts) and scores answer text.

use std::collections::HashSet;

use serde::Deserialize;

use crate::engine::{Engine, Kind};
use crate::guard::RefusalClass;
use crate::triage::Tier;

pub mod blind;
pub mod split;

/// The built-in question set (compiled in).
pub const BUILTIN_SET: &str = include_str!("../eval/questions.toml");
/// The triage development set (compiled in, merged into the built-in set).
pub const DEV_TRIAGE_SET: &str = include_str!("../eval/dev-triage.toml");

/// A retrieval question and the entries that answer it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetrievalCase {
    /// The question, as a patient would type it.
    pub q: String,
    /// Entry ids that answer it; a hit is any of them.
    pub ids: Vec<String>,
}

/// A question that must raise a warning.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageCase {
    /// The question.
    pub q: String,
    /// The tier it must reach (`emergency` or `urgent`).
    pub tier: String,
    /// When given, the red-flag entry that must fire (`suicidal-thoughts`).
    #[serde(default)]
    pub rule: Option<String>,
}

/// A question that must be refused.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefuseCase {
    /// The question.
    pub q: String,
    /// `diagnosis`, `medication` or `image`.
    pub class: String,
}

/// A question with no label beyond its section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// The question.
    pub q: String,
}

/// The whole question set.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvalSet {
    /// Retrieval questions.
    pub retrieval: Vec<RetrievalCase>,
    /// Retrieval questions written after tuning and never tuned on (reported, no target).
    #[serde(default)]
    pub holdout: Vec<RetrievalCase>,
    /// Must warn.
    pub triage: Vec<TriageCase>,
    /// Mention fever, breathing or choking in passing: must not warn.
    pub no_trigger: Vec<Case>,
    /// Must be refused.
    pub refuse: Vec<RefuseCase>,
    /// Look like refusals but are general information: must not be refused.
    pub no_refuse: Vec<Case>,
    /// Must get the out-of-scope reply.
    pub off_topic: Vec<Case>,
}

/// Errors reading a question set.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The TOML did not parse; the message names the line and field.
    #[error("question set: {0}")]
    Parse(#[from] toml::de::Error),
    /// A label is outside its vocabulary.
    #[error("question set: {section} question {question:?}: unknown {field} {value:?}")]
    Label {
        /// Section of the set.
        section: &'static str,
        /// The question.
        question: String,
        /// Field name.
        field: &'static str,
        /// The bad value.
        value: String,
    },
}

impl EvalSet {
    /// Parse and validate a question set.
    pub fn parse(text: &str) -> Result<EvalSet, EvalError> {
        let set: EvalSet = toml::from_str(text)?;
        for c in &set.triage {
            if !matches!(Tier::parse(&c.tier), Some(Tier::Emergency | Tier::Urgent)) {
                return Err(EvalError::Label {
                    section: "triage",
                    question: c.q.clone(),
                    field: "tier",
                    value: c.tier.clone(),
                });
            }
        }
        for c in &set.refuse {
            if RefusalClass::parse(&c.class).is_none() {
                return Err(EvalError::Label {
                    section: "refuse",
                    question: c.q.clone(),
                    field: "class",
                    value: c.class.clone(),
                });
            }
        }
        Ok(set)
    }

    /// The built-in set: `questions.toml` with the triage development set merged in.
    pub fn builtin() -> Result<EvalSet, EvalError> {
        let mut set = EvalSet::parse(BUILTIN_SET)?;
        set.merge(EvalSet::parse(DEV_TRIAGE_SET)?);
        Ok(set)
    }

    /// Append every section of `other`.
    pub fn merge(&mut self, other: EvalSet) {
        self.retrieval.extend(other.retrieval);
        self.holdout.extend(other.holdout);
        self.triage.extend(other.triage);
        self.no_trigger.extend(other.no_trigger);
        self.refuse.extend(other.refuse);
        self.no_refuse.extend(other.no_refuse);
        self.off_topic.extend(other.off_topic);
    }
}

/// One measured figure against its target.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// Name (`top1`, `emergency_recall`, …).
    pub name: &'static str,
    /// Cases that passed.
    pub passed: usize,
    /// Cases counted.
    pub total: usize,
    /// The target, as a fraction.
    pub target: f64,
    /// True when the target is a ceiling (false alarms), false when it is a floor.
    pub at_most: bool,
}

impl Metric {
    /// The measured fraction (1.0 for an empty set, 0.0 for an empty ceiling set).
    pub fn value(&self) -> f64 {
        if self.total == 0 {
            return if self.at_most { 0.0 } else { 1.0 };
        }
        self.passed as f64 / self.total as f64
    }

    /// Does the figure meet its target?
    pub fn ok(&self) -> bool {
        if self.at_most {
            self.value() <= self.target + 1e-12
        } else {
            self.value() + 1e-12 >= self.target
        }
    }
}

/// A case the engine got wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Which metric.
    pub metric: &'static str,
    /// The question.
    pub question: String,
    /// What was expected.
    pub expected: String,
    /// What happened.
    pub got: String,
}

/// The evaluation result.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalReport {
    /// Figures, in a fixed order.
    pub metrics: Vec<Metric>,
    /// Retrieval questions left out because none of their labelled entries exists yet.
    pub pending: Vec<String>,
    /// Every miss.
    pub failures: Vec<Failure>,
}

impl Failure {
    /// A miss of `metric` on question `q`.
    pub fn new(metric: &'static str, q: &str, expected: String, got: String) -> Failure {
        Failure {
            metric,
            question: q.to_string(),
            expected,
            got,
        }
    }
}

impl EvalReport {
    /// True when every figure meets its target and no question is pending.
    pub fn passes(&self) -> bool {
        self.metrics.iter().all(Metric::ok) && self.pending.is_empty()
    }

    /// The metric with this name.
    pub fn metric(&self, name: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.name == name)
    }
}

fn metric(name: &'static str, passed: usize, total: usize, target: f64, at_most: bool) -> Metric {
    Metric {
        name,
        passed,
        total,
        target,
        at_most,
    }
}

/// Run the question set through the engine.
pub fn evaluate(engine: &Engine, set: &EvalSet, known_ids: &HashSet<String>) -> EvalReport {
    let mut failures = Vec::new();
    let mut pending = Vec::new();
    let mut fail = |metric: &'static str, q: &str, expected: String, got: String| {
        failures.push(Failure::new(metric, q, expected, got));
    };

    let (mut top1, mut top3, mut counted, mut answered) = (0, 0, 0, 0);
    for c in &set.retrieval {
        if !c.ids.iter().any(|id| known_ids.contains(id)) {
            pending.push(c.q.clone());
            continue;
        }
        counted += 1;
        let top = engine.top_ids(&c.q, 3);
        let hit = |k: usize| top.iter().take(k).any(|id| c.ids.contains(id));
        if hit(1) {
            top1 += 1;
        } else {
            fail("top1", &c.q, c.ids.join(" | "), top.join(", "));
        }
        if hit(3) {
            top3 += 1;
        } else {
            fail("top3", &c.q, c.ids.join(" | "), top.join(", "));
        }
        let kind = engine.ask(&c.q).kind;
        if kind == Kind::Answer {
            answered += 1;
        } else {
            fail("answered", &c.q, "answer".into(), kind.as_str().into());
        }
    }

    let (mut h1, mut h3, mut hn) = (0, 0, 0);
    for c in &set.holdout {
        if !c.ids.iter().any(|id| known_ids.contains(id)) {
            continue;
        }
        hn += 1;
        let top = engine.top_ids(&c.q, 3);
        h1 += usize::from(top.first().is_some_and(|id| c.ids.contains(id)));
        let in3 = top.iter().any(|id| c.ids.contains(id));
        h3 += usize::from(in3);
        if !in3 {
            fail("holdout_top3", &c.q, c.ids.join(" | "), top.join(", "));
        }
    }

    let (mut em_hit, mut em_n, mut ur_hit, mut ur_n, mut exact) = (0, 0, 0, 0, 0);
    for c in &set.triage {
        let want = Tier::parse(&c.tier).unwrap_or(Tier::Emergency);
        let hit = engine.triage().check(&c.q);
        let got = hit.as_ref().map(|h| h.tier);
        let rule_ok = c
            .rule
            .as_ref()
            .is_none_or(|r| hit.as_ref().is_some_and(|h| &h.rule_id == r));
        let ok = got.is_some_and(|g| g >= want) && rule_ok;
        if got == Some(want) {
            exact += 1;
        }
        let name = if want == Tier::Emergency {
            "emergency_recall"
        } else {
            "urgent_recall"
        };
        if want == Tier::Emergency {
            em_n += 1;
            em_hit += usize::from(ok);
        } else {
            ur_n += 1;
            ur_hit += usize::from(ok);
        }
        if !ok {
            fail(
                name,
                &c.q,
                match &c.rule {
                    Some(r) => format!("{} ({r})", want.as_str()),
                    None => want.as_str().into(),
                },
                hit.as_ref().map_or("none".into(), |h| {
                    format!("{} ({})", h.tier.as_str(), h.rule_id)
                }),
            );
        }
    }

    let mut alarms = 0;
    for c in &set.no_trigger {
        if let Some(h) = engine.triage().check(&c.q) {
            alarms += 1;
            fail(
                "false_alarms",
                &c.q,
                "none".into(),
                format!("{} ({})", h.tier.as_str(), h.rule_id),
            );
        }
    }

    let mut refusal_ok = 0;
    for c in &set.refuse {
        let kind = engine.ask(&c.q).kind;
        if kind.as_str() == "refusal" && matches!(kind, Kind::Refusal(k) if k.as_str() == c.class) {
            refusal_ok += 1;
        } else {
            let got = match kind {
                Kind::Refusal(k) => format!("refusal ({})", k.as_str()),
                other => other.as_str().to_string(),
            };
            fail(
                "refusal_accuracy",
                &c.q,
                format!("refusal ({})", c.class),
                got,
            );
        }
    }
    for c in &set.no_refuse {
        let kind = engine.ask(&c.q).kind;
        if matches!(kind, Kind::Refusal(_)) {
            fail(
                "refusal_accuracy",
                &c.q,
                "not refused".into(),
                "refusal".into(),
            );
        } else {
            refusal_ok += 1;
        }
    }

    let mut off_ok = 0;
    for c in &set.off_topic {
        let kind = engine.ask(&c.q).kind;
        if kind == Kind::OutOfScope {
            off_ok += 1;
        } else {
            fail(
                "off_topic_accuracy",
                &c.q,
                "out_of_scope".into(),
                kind.as_str().into(),
            );
        }
    }

    EvalReport {
        metrics: vec![
            metric("top1", top1, counted, 0.85, false),
            metric("top3", top3, counted, 0.95, false),
            metric("answered", answered, counted, 0.90, false),
            metric("holdout_top1", h1, hn, 0.0, false),
            metric("holdout_top3", h3, hn, 0.0, false),
            metric("emergency_recall", em_hit, em_n, 1.0, false),
            metric("urgent_recall", ur_hit, ur_n, 0.90, false),
            metric("triage_exact_tier", exact, em_n + ur_n, 0.0, false),
            metric("false_alarms", alarms, set.no_trigger.len(), 0.05, true),
            metric(
                "refusal_accuracy",
                refusal_ok,
                set.refuse.len() + set.no_refuse.len(),
                0.90,
                false,
            ),
            metric(
                "off_topic_accuracy",
                off_ok,
                set.off_topic.len(),
                0.90,
                false,
            ),
        ],
        pending,
        failures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_set_parses_and_is_big_enough() {
        let set = EvalSet::builtin().unwrap();
        assert!(set.retrieval.len() >= 150);
        assert!(set.triage.len() >= 30);
        assert!(set.refuse.len() >= 20);
        assert!(set.off_topic.len() >= 20);
        assert!(set.no_trigger.len() >= 40);
    }

    #[test]
    fn bad_labels_name_the_field() {
        let text = "retrieval = []\nno_trigger = []\nrefuse = []\nno_refuse = []\noff_topic = []\n\
                    [[triage]]\nq = \"x\"\ntier = \"soon\"\n";
        let err = EvalSet::parse(text).unwrap_err().to_string();
        assert!(err.contains("tier") && err.contains("soon"), "{err}");
    }

    #[test]
    fn ceilings_and_floors() {
        assert!(metric("false_alarms", 2, 42, 0.05, true).ok());
        assert!(!metric("false_alarms", 3, 42, 0.05, true).ok());
        assert!(metric("emergency_recall", 17, 17, 1.0, false).ok());
        assert!(!metric("emergency_recall", 16, 17, 1.0, false).ok());
    }
}
