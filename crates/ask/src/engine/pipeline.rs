//! The English pipeline: triage, guardrails, the answerability gate and the reply, with its
//! citations, related pages and help lines.

use super::{AskContext, Citation, ESCALATION, Engine, Kind, Related, Response, gate};
use crate::contacts::{ContactKind, ContactLine};
use crate::guard::{OUT_OF_SCOPE, RefusalClass};
use crate::lang::Lang;
use crate::triage::{Tier, TriageHit};

impl Engine {
    /// The English pipeline, for someone in a known context (their country, for the numbers).
    /// [`Engine::ask_with`] (in `es::reply`) chooses the reply language around it.
    ///
    /// Triage runs first. An emergency skips the guardrails (a crisis worded as "should I take
    /// all my pills" is not a medicine question) and is answered from the red-flag entry that
    /// fired, led by the help lines to call.
    pub(crate) fn ask_english(&self, question: &str, context: &AskContext) -> Response {
        let any_flag = self.triage.check_all(question);
        let triage = any_flag.clone().filter(|h| h.tier >= Tier::Urgent);
        let emergency_doc = triage
            .as_ref()
            .filter(|h| h.tier == Tier::Emergency)
            .and_then(|h| self.docs.iter().position(|d| d.id == h.rule_id));
        let query = self.analyse(question);
        let mut ranked = self.rank(&query.terms);
        if let Some(d) = emergency_doc {
            // The entry that fired answers; nothing else is close enough to join it.
            ranked.retain(|(x, _)| *x != d);
            ranked.insert(0, (d, f32::INFINITY));
        }
        let related_of = |skip: &[usize], n: usize| -> Vec<Related> {
            ranked
                .iter()
                .filter(|(d, _)| !skip.contains(d))
                .take(n)
                .map(|&(d, _)| self.related(d))
                .collect()
        };
        let guarded = emergency_doc.is_none();
        let (kind, body, citations, related) = if triage.is_none() && self.guard.off_topic(question)
        {
            (Kind::OutOfScope, OUT_OF_SCOPE.to_string(), vec![], vec![])
        } else if let Some(class) = self.guard.refusal(question).filter(|_| guarded) {
            let mut related = self.refusal_pointers(class);
            for r in related_of(&[], 3) {
                if !related.iter().any(|x| x.id == r.id) {
                    related.push(r);
                }
            }
            related.truncate(4);
            // The refusal keeps the knowledge base's safety fact about that medicine.
            let (text, citations) = match self.safety_fact(class, &query, &ranked) {
                Some((d, i)) => {
                    let s = &self.sentences[d];
                    let fact = match i.checked_sub(1) {
                        Some(p) if s[i].cues & crate::intent::cue::DEPENDENT != 0 => {
                            format!("{} {}", s[p].text, s[i].text)
                        }
                        _ => s[i].text.clone(),
                    };
                    (
                        format!(
                            "{}\n\nWhat the knowledge base says: {fact} [1]",
                            class.message()
                        ),
                        vec![self.citation(1, d)],
                    )
                }
                None => (class.message().to_string(), vec![]),
            };
            (Kind::Refusal(class), text, citations, related)
        } else {
            let verdict = ranked.first().map(|&(d, top)| {
                let similarity = self
                    .embed_question(question)
                    .and_then(|v| self.similarity(&v, d));
                self.gate(&query, d, top, similarity)
            });
            match verdict {
                Some(gate::Verdict::Answer) => {
                    let (text, citations, used) = self.compose(question, &ranked, &query);
                    let mut related = self.curated_related(used[0], &used);
                    for r in related_of(&used, 3) {
                        if related.len() < 3 && !related.iter().any(|x| x.id == r.id) {
                            related.push(r);
                        }
                    }
                    (Kind::Answer, text, citations, related)
                }
                Some(gate::Verdict::OffTopic) if triage.is_none() => {
                    (Kind::OutOfScope, OUT_OF_SCOPE.to_string(), vec![], vec![])
                }
                _ if triage.is_none() && !self.guard.in_field(question) => {
                    (Kind::OutOfScope, OUT_OF_SCOPE.to_string(), vec![], vec![])
                }
                _ => (
                    Kind::NotCovered,
                    "Myo's knowledge base does not cover this question well enough to answer \
                     it. These are the closest topics; your care team can help with the rest."
                        .to_string(),
                    vec![],
                    related_of(&[], 3),
                ),
            }
        };
        let contacts = triage
            .as_ref()
            .map(|hit| self.contact_lines(hit, context))
            .unwrap_or_default();
        let answer = match &triage {
            // Crisis and poison lines lead, before the entry's own action.
            Some(hit) if !hit.contacts.is_empty() && !contacts.is_empty() => format!(
                "{} {} {}\n\n{}",
                lead(hit.tier),
                crate::contacts::sentence(&contacts),
                hit.action,
                body
            ),
            Some(hit) if !contacts.is_empty() => format!(
                "{} {} Emergency numbers: {}\n\n{}",
                lead(hit.tier),
                hit.action,
                crate::contacts::sentence(&contacts),
                body
            ),
            Some(hit) => format!("{} {}\n\n{}", lead(hit.tier), hit.action, body),
            None => body,
        };
        let mut related = related;
        // Any red flag that fired, "discuss" included, is the first page to read next.
        if let Some(hit) = &any_flag
            && let Some(d) = self.docs.iter().position(|d| d.id == hit.rule_id)
            && !citations.iter().any(|c: &Citation| c.id == hit.rule_id)
            && !related.iter().any(|r| r.id == hit.rule_id)
        {
            related.insert(0, self.related(d));
        }
        Response {
            kind,
            triage,
            answer,
            citations,
            related,
            disclaimer: self.disclaimer.clone(),
            escalation: ESCALATION,
            contacts,
            language: Lang::En,
        }
    }

    /// The help lines a warning calls for, for the person's country: the rule's own (crisis,
    /// poison), or the emergency number for any emergency.
    pub fn contact_lines(&self, hit: &TriageHit, context: &AskContext) -> Vec<ContactLine> {
        if !hit.contacts.is_empty() {
            self.contacts.lines(context.country.as_ref(), &hit.contacts)
        } else if hit.tier == Tier::Emergency {
            self.contacts
                .lines(context.country.as_ref(), &[ContactKind::Emergency])
        } else {
            vec![]
        }
    }

    pub(super) fn related(&self, d: usize) -> Related {
        Related {
            id: self.docs[d].id.clone(),
            title: self.docs[d].title.clone(),
            link: format!("/kb/{}", self.docs[d].id),
        }
    }

    /// Citation number `number` for entry `d`.
    pub(super) fn citation(&self, number: usize, d: usize) -> Citation {
        let doc = &self.docs[d];
        Citation {
            number,
            id: doc.id.clone(),
            title: doc.title.clone(),
            sources: doc.sources.clone(),
            reviewed_on: doc.reviewed_on.clone(),
            link: format!("/kb/{}", doc.id),
        }
    }

    /// Up to three of the entry's editor-linked related entries, skipping those already cited.
    fn curated_related(&self, d: usize, skip: &[usize]) -> Vec<Related> {
        self.docs[d]
            .related
            .iter()
            .filter_map(|id| self.docs.iter().position(|x| &x.id == id))
            .filter(|x| !skip.contains(x))
            .take(3)
            .map(|x| self.related(x))
            .collect()
    }

    /// Fixed pages a refusal points to, when they exist.
    fn refusal_pointers(&self, class: RefusalClass) -> Vec<Related> {
        let ids: &[&str] = match class {
            RefusalClass::Diagnosis => &["how-dermatomyositis-is-diagnosed", "your-care-team"],
            RefusalClass::Medication => &["take-medicines-as-prescribed"],
            RefusalClass::Image => &["how-dermatomyositis-is-diagnosed"],
        };
        ids.iter()
            .filter_map(|id| self.docs.iter().position(|d| d.id == *id))
            .map(|d| self.related(d))
            .collect()
    }
}

fn lead(tier: Tier) -> &'static str {
    match tier {
        Tier::Emergency => "EMERGENCY:",
        Tier::Urgent => "URGENT:",
        Tier::Discuss => "NOTE:",
    }
}
