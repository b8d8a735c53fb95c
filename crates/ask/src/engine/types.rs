//! The public shapes of a reply: its kind, citations, related pages, context and hits.

use crate::contacts::{ContactLine, CountryCode};
use crate::guard::RefusalClass;
use crate::lang::Lang;
use crate::triage::TriageHit;

/// What kind of reply this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An answer composed from knowledge-base sentences.
    Answer,
    /// Nothing in the knowledge base answers the question well enough.
    NotCovered,
    /// A personal diagnosis, medicine change or image request.
    Refusal(RefusalClass),
    /// A question from outside the field.
    OutOfScope,
}

impl Kind {
    /// Wire name: `answer`, `not_covered`, `refusal`, `out_of_scope`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Answer => "answer",
            Kind::NotCovered => "not_covered",
            Kind::Refusal(_) => "refusal",
            Kind::OutOfScope => "out_of_scope",
        }
    }
}

/// A numbered source of an answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// Citation number, from 1, as used in the answer text (`[1]`).
    pub number: usize,
    /// Entry id.
    pub id: String,
    /// Entry title.
    pub title: String,
    /// Names of the sources the entry cites.
    pub sources: Vec<String>,
    /// When the entry was last reviewed (`YYYY-MM-DD`).
    pub reviewed_on: String,
    /// Link to the page (`/kb/<id>`).
    pub link: String,
}

/// An entry worth reading next.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    /// Entry id.
    pub id: String,
    /// Entry title.
    pub title: String,
    /// Link to the page (`/kb/<id>`).
    pub link: String,
}

/// What Ask knows about the person asking, beside the question.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AskContext {
    /// Their country, for emergency and crisis numbers (none: the United States, the United
    /// Kingdom and the European number 112 are shown).
    pub country: Option<CountryCode>,
}

/// Myo's reply to one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// What kind of reply.
    pub kind: Kind,
    /// The red-flag warning, when one fired; its action leads `answer`.
    pub triage: Option<TriageHit>,
    /// The reply text (action first when triage fired; sentences carry `[n]` markers).
    pub answer: String,
    /// Sources of the answer sentences.
    pub citations: Vec<Citation>,
    /// Closest or related entries.
    pub related: Vec<Related>,
    /// The disclaimer.
    pub disclaimer: String,
    /// The escalation line.
    pub escalation: &'static str,
    /// Help lines to call now (emergency, crisis or poison), when a warning fired; their numbers
    /// also lead `answer`. Each has a dial string for a `tel:` link.
    pub contacts: Vec<ContactLine>,
    /// The language of the reply (`Other` for the short bilingual reply).
    pub language: Lang,
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Entry id.
    pub id: String,
    /// Entry title.
    pub title: String,
    /// Section.
    pub section: String,
    /// BM25F score.
    pub score: f32,
    /// The entry's most relevant sentence.
    pub snippet: String,
}
