//! JSON wire format of `myo ask`, `myo search` and `myo eval` (and the future HTTP routes).

use serde::Serialize;

use myo_ask::contacts::Status;
use myo_ask::eval::{EvalReport, Metric};
use myo_ask::{Citation, ContactLine, Hit, Kind, Related, Response};

/// A reply to one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AskResponseDto {
    /// `answer`, `not_covered`, `refusal` or `out_of_scope`.
    pub kind: &'static str,
    /// For refusals: `diagnosis`, `medication` or `image`.
    pub refusal: Option<&'static str>,
    /// `emergency`, `urgent` or null.
    pub triage: Option<&'static str>,
    /// What to do now, when triage fired.
    pub triage_action: Option<String>,
    /// The red-flag entry that fired.
    pub triage_rule: Option<String>,
    /// The reply text; the action leads when triage fired.
    pub answer: String,
    /// Numbered sources of the answer.
    pub citations: Vec<CitationDto>,
    /// Related or closest entries.
    pub related: Vec<RelatedDto>,
    /// Medical disclaimer.
    pub disclaimer: String,
    /// Where to turn if things are bad.
    pub escalation: &'static str,
    /// Help lines to call now when a warning fired (crisis, poison, emergency), for the
    /// asker's country; each has a `tel:` link.
    pub contacts: Vec<ContactDto>,
    /// Language of the reply: `en`, `es`, or `other` (a short bilingual reply).
    pub language: &'static str,
}

/// A help line to call.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactDto {
    /// Country code (`US`, `GB`, `EU`, ...).
    pub country: String,
    /// Country name.
    pub country_name: String,
    /// `emergency`, `crisis`, `poison` or `medical_advice`.
    pub kind: &'static str,
    /// Name of the service.
    pub service: String,
    /// The number as printed locally.
    pub number: String,
    /// Digits to dial.
    pub dial: String,
    /// `tel:` link.
    pub tel: String,
    /// The service also takes text messages.
    pub text: bool,
    /// Page the number was checked on.
    pub source: String,
    /// `verified` or `partial`.
    pub status: &'static str,
}

impl From<&ContactLine> for ContactDto {
    fn from(c: &ContactLine) -> Self {
        ContactDto {
            country: c.country.clone(),
            country_name: c.country_name.clone(),
            kind: c.line.kind.as_str(),
            service: c.line.service.clone(),
            number: c.line.number.clone(),
            dial: c.line.dial.clone(),
            tel: format!("tel:{}", c.line.dial),
            text: c.line.text,
            source: c.line.url.clone(),
            status: match c.line.status {
                Status::Verified => "verified",
                Status::Partial => "partial",
            },
        }
    }
}

/// A numbered citation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitationDto {
    /// Number used in the answer text (`[1]`).
    pub number: usize,
    /// Entry id.
    pub id: String,
    /// Entry title.
    pub title: String,
    /// Source names, joined with "; ".
    pub source: String,
    /// Source names, one per item.
    pub sources: Vec<String>,
    /// Review date of the entry (`YYYY-MM-DD`).
    pub reviewed_on: String,
    /// Page link (`/kb/<id>`).
    pub link: String,
}

/// A related entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedDto {
    /// Entry id.
    pub id: String,
    /// Entry title.
    pub title: String,
    /// Page link.
    pub link: String,
}

impl From<&Citation> for CitationDto {
    fn from(c: &Citation) -> Self {
        CitationDto {
            number: c.number,
            id: c.id.clone(),
            title: c.title.clone(),
            source: c.sources.join("; "),
            sources: c.sources.clone(),
            reviewed_on: c.reviewed_on.clone(),
            link: c.link.clone(),
        }
    }
}

impl From<&Related> for RelatedDto {
    fn from(r: &Related) -> Self {
        RelatedDto {
            id: r.id.clone(),
            title: r.title.clone(),
            link: r.link.clone(),
        }
    }
}

impl From<&Response> for AskResponseDto {
    fn from(r: &Response) -> Self {
        AskResponseDto {
            kind: r.kind.as_str(),
            refusal: match r.kind {
                Kind::Refusal(class) => Some(class.as_str()),
                _ => None,
            },
            triage: r.triage.as_ref().map(|t| t.tier.as_str()),
            triage_action: r.triage.as_ref().map(|t| t.action.clone()),
            triage_rule: r.triage.as_ref().map(|t| t.rule_id.clone()),
            answer: r.answer.clone(),
            citations: r.citations.iter().map(CitationDto::from).collect(),
            related: r.related.iter().map(RelatedDto::from).collect(),
            disclaimer: r.disclaimer.clone(),
            escalation: r.escalation,
            contacts: r.contacts.iter().map(ContactDto::from).collect(),
            language: r.language.as_str(),
        }
    }
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HitDto {
    /// Entry id.
    pub id: String,
    /// Entry title.
    pub title: String,
    /// Section.
    pub section: String,
    /// Relevance score (BM25F), rounded to 3 decimals.
    pub score: f64,
    /// Most relevant sentence.
    pub snippet: String,
    /// Page link.
    pub link: String,
}

impl From<&Hit> for HitDto {
    fn from(h: &Hit) -> Self {
        HitDto {
            id: h.id.clone(),
            title: h.title.clone(),
            section: h.section.clone(),
            score: (f64::from(h.score) * 1000.0).round() / 1000.0,
            snippet: h.snippet.clone(),
            link: format!("/kb/{}", h.id),
        }
    }
}

/// Search results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchDto {
    /// The query as typed.
    pub query: String,
    /// Hits, best first.
    pub hits: Vec<HitDto>,
}

/// One evaluation figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricDto {
    /// Metric name.
    pub name: &'static str,
    /// Measured fraction.
    pub value: f64,
    /// Cases passed.
    pub passed: usize,
    /// Cases counted.
    pub total: usize,
    /// Target fraction.
    pub target: f64,
    /// `at_most` for ceilings (false alarms), `at_least` for floors.
    pub bound: &'static str,
    /// Target met.
    pub ok: bool,
}

impl From<&Metric> for MetricDto {
    fn from(m: &Metric) -> Self {
        MetricDto {
            name: m.name,
            value: (m.value() * 10_000.0).round() / 10_000.0,
            passed: m.passed,
            total: m.total,
            target: m.target,
            bound: if m.at_most { "at_most" } else { "at_least" },
            ok: m.ok(),
        }
    }
}

/// A miss.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailureDto {
    /// Metric.
    pub metric: &'static str,
    /// Question.
    pub question: String,
    /// Expected.
    pub expected: String,
    /// Got.
    pub got: String,
}

/// Latency figures measured by the caller, as ratios to the targets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimingDto {
    /// Index build time, milliseconds.
    pub build_ms: f64,
    /// Build time divided by the 200 ms target.
    pub build_ratio: f64,
    /// Questions timed.
    pub questions: usize,
    /// Median time per question, milliseconds.
    pub p50_ms: f64,
    /// 99th percentile per question, milliseconds.
    pub p99_ms: f64,
    /// p99 divided by the 5 ms target.
    pub p99_ratio: f64,
}

/// The evaluation report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalDto {
    /// All targets met and nothing pending.
    pub passes: bool,
    /// Figures.
    pub metrics: Vec<MetricDto>,
    /// Retrieval questions whose labelled entries do not exist yet.
    pub pending: Vec<String>,
    /// Misses.
    pub failures: Vec<FailureDto>,
    /// Timing, when measured.
    pub timing: Option<TimingDto>,
}

impl EvalDto {
    /// Convert a report (and optional timing).
    pub fn new(report: &EvalReport, timing: Option<TimingDto>) -> EvalDto {
        EvalDto {
            passes: report.passes(),
            metrics: report.metrics.iter().map(MetricDto::from).collect(),
            pending: report.pending.clone(),
            failures: report
                .failures
                .iter()
                .map(|f| FailureDto {
                    metric: f.metric,
                    question: f.question.clone(),
                    expected: f.expected.clone(),
                    got: f.got.clone(),
                })
                .collect(),
            timing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use myo_ask::{Corpus, Document, Engine};

    fn engine() -> Engine {
        Engine::build(Corpus {
            documents: vec![Document {
                id: "heliotrope-rash".into(),
                title: "Heliotrope rash".into(),
                section: "symptoms".into(),
                summary: "A purple rash on the upper eyelids. It is a classic sign of DM.".into(),
                lines: vec!["The eyelids may swell.".into()],
                terms: vec!["purple eyelids".into()],
                facts: vec![],
                sources: vec!["Mayo Clinic".into(), "NORD".into()],
                reviewed_on: "2026-11-21".into(),
                related: vec![],
            }],
            disclaimer: "General information.".into(),
            ..Corpus::default()
        })
        .with_min_score(0.1)
    }

    #[test]
    fn answer_serialises_with_the_documented_fields() {
        let dto = AskResponseDto::from(&engine().ask("purple eyelid rash"));
        let v = serde_json::to_value(&dto).unwrap();
        assert_eq!(v["kind"], "answer");
        assert!(v["triage"].is_null());
        assert_eq!(v["citations"][0]["id"], "heliotrope-rash");
        assert_eq!(v["citations"][0]["source"], "Mayo Clinic; NORD");
        assert_eq!(v["citations"][0]["reviewed_on"], "2026-11-21");
        assert_eq!(v["disclaimer"], "General information.");
        assert!(v["related"].is_array());
    }

    #[test]
    fn refusal_names_its_class() {
        let dto = AskResponseDto::from(&engine().ask("do I have dermatomyositis?"));
        assert_eq!(dto.kind, "refusal");
        assert_eq!(dto.refusal, Some("diagnosis"));
    }
}
