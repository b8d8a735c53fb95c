//! Replies by language. Triage runs the English and the Spanish rules on every question,
//! whatever its language; the detected language only chooses the words of the reply.
//!
//! - English: the English pipeline; a Spanish-only warning is added if the Spanish rules find
//!   something more severe (a mixed-language message).
//! - Spanish: the warning and action in Spanish; then an answer from the Spanish entries
//!   ([`crate::es::answer`]), or from the Spanish counterpart of the English entry the English
//!   pipeline chose; when no Spanish page covers it, the English answer behind a Spanish note
//!   ([`FALLBACK_NOTE`]).
//! - Any other language: the warning in English and Spanish when one fired, and always a short
//!   bilingual reply with emergency numbers, crisis lines and the languages Myo answers in.

use crate::engine::{AskContext, Engine, Kind, Response};
use crate::es::answer::{FALLBACK_NOTE, STRONG_SCORE_ES, SpanishAnswer, has_spanish_function_word};
use crate::lang::{Lang, detect};
use crate::triage::{Tier, TriageHit};

/// The escalation line, in Spanish.
pub const ESCALATION_ES: &str = "Si se siente muy mal o cree que puede ser una emergencia, \
     llame ahora al número de emergencias de su país (112 en España y la Unión Europea, 911 en \
     Estados Unidos y México); si no, hable con su equipo médico.";

/// The escalation line in both languages, for questions in other languages.
pub const ESCALATION_BILINGUAL: &str = "If you feel very unwell, or think this may be an \
     emergency, call your local emergency number now. / Si se siente muy mal o cree que puede \
     ser una emergencia, llame ahora al número de emergencias de su país.";

fn lead_en(tier: Tier) -> &'static str {
    match tier {
        Tier::Emergency => "EMERGENCY:",
        Tier::Urgent => "URGENT:",
        Tier::Discuss => "NOTE:",
    }
}

/// The more severe of two warnings; on a tie, the first.
fn worst(a: Option<TriageHit>, b: Option<TriageHit>) -> Option<TriageHit> {
    match (a, b) {
        (Some(a), Some(b)) if b.tier > a.tier => Some(b),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

impl Engine {
    /// Answer a question in its language: triage first (English and Spanish rules alike), then
    /// guardrails and a grounded answer. See the [module](crate::es::reply) for what each
    /// language gets.
    pub fn ask(&self, question: &str) -> Response {
        self.ask_with(question, &AskContext::default())
    }

    /// [`Engine::ask`] for someone in a known context (their country, for the help lines).
    pub fn ask_with(&self, question: &str, context: &AskContext) -> Response {
        match detect(question) {
            Lang::En => self.ask_en(question, context),
            Lang::Es => self.ask_es(question, context),
            Lang::Other => self.ask_other(question, context),
        }
    }

    /// The most severe urgent-or-emergency warning a text raises in English or Spanish, with
    /// its title and action in the text's language (English for other languages). Used for
    /// questions and diary notes alike.
    pub fn red_flag(&self, text: &str) -> Option<TriageHit> {
        self.red_flag_worded_as(text, text)
    }

    /// [`Engine::red_flag`] on `text`, worded in the language of `sample` (a diary entry's
    /// note, when the rest of the text is Myo's own English sentences for the ticked boxes).
    pub fn red_flag_worded_as(&self, text: &str, sample: &str) -> Option<TriageHit> {
        let en = self.triage().check(text);
        let es = self.spanish().check(text);
        let sample = if sample.trim().is_empty() {
            text
        } else {
            sample
        };
        match detect(sample) {
            Lang::Es => worst(es, en.map(|h| self.spanish().translate(&h).unwrap_or(h))),
            Lang::En | Lang::Other => worst(en, es.map(|h| self.english_hit(h))),
        }
    }

    /// A warning from the Spanish rules, worded by the English rule with the same id.
    fn english_hit(&self, hit: TriageHit) -> TriageHit {
        match self.triage().rules().find(|r| r.id == hit.rule_id) {
            Some(r) => TriageHit {
                tier: hit.tier.max(r.tier),
                title: r.title.clone(),
                action: r.action.clone(),
                ..hit
            },
            None => hit,
        }
    }

    fn ask_en(&self, question: &str, context: &AskContext) -> Response {
        let mut r = self.ask_english(question, context);
        let es = self.spanish().check(question);
        if let Some(es) = es
            && r.triage.as_ref().is_none_or(|t| t.tier < es.tier)
        {
            let hit = self.english_hit(es);
            r.answer = format!("{} {}\n\n{}", lead_en(hit.tier), hit.action, strip_lead(&r));
            if r.kind == Kind::OutOfScope {
                r.kind = Kind::NotCovered;
            }
            if let Some(p) = self.page_of(&hit.rule_id)
                && !r.related.iter().any(|x| x.id == p.id)
            {
                r.related.insert(0, p);
            }
            r.contacts = self.contact_lines(&hit, context);
            r.triage = Some(hit);
        }
        r
    }

    fn ask_es(&self, question: &str, context: &AskContext) -> Response {
        let es = self.spanish();
        let t = es.texts();
        let english = self.ask_english(question, context);
        let hit = worst(
            es.check(question),
            english
                .triage
                .clone()
                .map(|h| es.translate(&h).unwrap_or(h)),
        );
        // Spanish refusals read by structure (`es::refuse`), when the guard's patterns missed
        // one; never over an emergency (a crisis worded as a medicine question is a crisis).
        let structural = match english.kind {
            Kind::Refusal(_) => None,
            _ if hit.as_ref().is_some_and(|h| h.tier == Tier::Emergency) => None,
            _ => crate::es::refuse::refusal(question),
        };
        let english = match structural {
            // The English pick is not the page the question names: a medicine refusal takes
            // its safety fact from the named drug guide below.
            Some(class) => Response {
                kind: Kind::Refusal(class),
                citations: vec![],
                ..english
            },
            None => english,
        };
        let in_field = es.in_field(question);
        // A Spanish entry that answers the question also places it in the field.
        let spanish = match english.kind {
            Kind::Refusal(_) => None,
            _ => self.spanish_answer(question, &english),
        };
        // Without a warning, a calm page that answers nearly as well beats a red-flag page.
        let spanish = match spanish {
            Some(a) if hit.is_none() && self.spanish_answers().is_red_flag_answer(&a) => {
                let calm = self.spanish_answers().answer_quiet(question);
                Some(calm.filter(|c| c.citation.id != a.citation.id).unwrap_or(a))
            }
            other => other,
        };
        let refusal_fact = match english.kind {
            Kind::Refusal(_) => english.citations.first().and_then(|c| {
                self.spanish_answers()
                    .safety_fact_for_english(question, &c.id)
            }),
            _ => None,
        };
        // A structural medicine refusal without that fact takes it from the drug guide the
        // question names.
        let refusal_fact = match (structural, refusal_fact) {
            (Some(crate::guard::RefusalClass::Medication), None) => {
                self.spanish_answers().safety_fact_es(question)
            }
            (_, fact) => fact,
        };
        // A structural refusal shows the Spanish fact or none, never the English answer.
        let english = match (structural, &refusal_fact) {
            (Some(_), None) => Response {
                citations: vec![],
                ..english
            },
            _ => english,
        };
        // A strong match places the question in the field only when a typed word names the
        // entry: everyday words alone ("¿qué tiempo hará mañana?") can score high too.
        let strong = spanish
            .as_ref()
            .is_some_and(|a| a.score >= STRONG_SCORE_ES && a.anchored);
        let in_field = in_field || strong;
        // More everyday-topic words than field words ("los frenos de mi coche"): out of scope,
        // whatever a Spanish entry shares with it.
        let off_topic = hit.is_none()
            && (self.guard().off_topic(question) || crate::es::topic::everyday(question));
        let spanish = spanish.filter(|_| (in_field || hit.is_some()) && !off_topic);
        let kind = match english.kind {
            _ if spanish.is_some() => Kind::Answer,
            _ if off_topic => Kind::OutOfScope,
            // Without a field word the English pipeline's lexical match is noise.
            Kind::Answer | Kind::NotCovered if !in_field && hit.is_none() => Kind::OutOfScope,
            Kind::OutOfScope if hit.is_some() || in_field => Kind::NotCovered,
            k => k,
        };
        let body = match (&spanish, kind) {
            (Some(a), _) => a.text.clone(),
            (None, Kind::Answer) => format!("{FALLBACK_NOTE}\n\n{}", strip_lead(&english)),
            // A refusal is worded in Spanish, with the knowledge base's safety fact from the
            // Spanish page when there is one, else from the English page behind a note.
            (None, Kind::Refusal(class)) => match (&refusal_fact, english.citations.first()) {
                (Some((fact, _)), _) => format!(
                    "{}\n\n{} {fact} [1]",
                    class.message_es(),
                    crate::es::answer::SAFETY_FACT_LEAD_ES
                ),
                (None, Some(_)) => format!(
                    "{}\n\n{}\n\n{}",
                    class.message_es(),
                    t.note_english_follows,
                    english_fact(&english)
                ),
                (None, None) => class.message_es().to_string(),
            },
            (None, Kind::OutOfScope) if hit.is_none() => t.out_of_scope.clone(),
            _ => t.not_covered.clone(),
        };
        let lead = |tier: Tier| match tier {
            Tier::Emergency => t.lead_emergency.as_str(),
            _ => t.lead_urgent.as_str(),
        };
        let answer = match &hit {
            Some(h) => format!("{} {}\n\n{}", lead(h.tier), h.action, body),
            None => body,
        };
        let mut related = match (&spanish, kind) {
            (Some(a), _) => a.related.clone(),
            (None, Kind::OutOfScope) => vec![],
            (None, _) => english.related.clone(),
        };
        if let Some(h) = &hit
            && let Some(p) = self
                .spanish_answers()
                .page_of_english(&h.rule_id)
                .or_else(|| self.page_of(&h.rule_id))
            && !related.iter().any(|x| x.id == p.id)
        {
            related.insert(0, p);
        }
        let contacts = hit
            .as_ref()
            .map(|h| self.contact_lines(h, context))
            .unwrap_or_default();
        let citations = match (spanish, kind) {
            (Some(a), _) => vec![a.citation],
            (None, Kind::Answer) => english.citations,
            (None, Kind::Refusal(_)) => match refusal_fact {
                Some((_, citation)) => vec![citation],
                None => english.citations,
            },
            _ => vec![],
        };
        Response {
            kind,
            triage: hit,
            answer,
            citations,
            related,
            disclaimer: t.disclaimer.clone(),
            escalation: ESCALATION_ES,
            contacts,
            language: Lang::Es,
        }
    }

    /// A Spanish answer: from the best Spanish entry, else from the Spanish counterpart of the
    /// entry the English pipeline answered from.
    ///
    /// When the question names the English pick outright (its title's first word, such as
    /// "tacrolimus" or "rituximab") and the Spanish pick does not, the English pick wins: its
    /// Spanish counterpart, or none (then the reply is the English answer behind a note).
    fn spanish_answer(&self, question: &str, english: &Response) -> Option<SpanishAnswer> {
        let answers = self.spanish_answers();
        let first = english
            .citations
            .first()
            .filter(|_| english.kind == Kind::Answer);
        // Technical words alone ("cyclosporine kidney problems") may be English misread as
        // Spanish: those keep the English pick, in Spanish when it has a Spanish page.
        if first.is_some() && !has_spanish_function_word(question) {
            return answers.answer_for_english(question, &first?.id);
        }
        let spanish = answers.answer(question);
        if let Some(first) = first
            && names_entry(question, &first.title)
            && spanish
                .as_ref()
                .is_none_or(|a| !names_entry(question, &a.citation.title))
        {
            return answers.answer_for_english(question, &first.id);
        }
        spanish.or_else(|| answers.answer_for_english(question, &first?.id))
    }

    fn ask_other(&self, question: &str, context: &AskContext) -> Response {
        let es = self.spanish();
        let hit = worst(
            self.triage().check(question),
            es.check(question).map(|h| self.english_hit(h)),
        );
        let mut answer = String::new();
        let mut related = Vec::new();
        if let Some(h) = &hit {
            answer.push_str(&format!("{} {}\n", lead_en(h.tier), h.action));
            if let Some(s) = es.translate(h) {
                let lead = match s.tier {
                    Tier::Emergency => &es.texts().lead_emergency,
                    _ => &es.texts().lead_urgent,
                };
                answer.push_str(&format!("{lead} {}\n", s.action));
            }
            answer.push('\n');
            related.extend(self.page_of(&h.rule_id));
        }
        answer.push_str(&es.texts().other_language);
        let contacts = hit
            .as_ref()
            .map(|h| self.contact_lines(h, context))
            .unwrap_or_default();
        Response {
            kind: if hit.is_some() {
                Kind::NotCovered
            } else {
                Kind::OutOfScope
            },
            triage: hit,
            answer,
            citations: vec![],
            related,
            disclaimer: format!("{} / {}", self.disclaimer(), es.texts().disclaimer),
            escalation: ESCALATION_BILINGUAL,
            contacts,
            language: Lang::Other,
        }
    }
}

/// Does the question name the entry whose title is `title`: the title's first word (at least
/// five letters, accents folded) typed as a word of the question?
fn names_entry(question: &str, title: &str) -> bool {
    let folded = crate::es::text::fold(title);
    let Some(word) = folded
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
    else {
        return false;
    };
    word.chars().count() >= 5
        && crate::es::text::fold(question)
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == word)
}

/// The knowledge base's fact an English refusal carries (after its refusal copy).
fn english_fact(r: &Response) -> String {
    let body = strip_lead(r);
    match body.split_once("\n\n") {
        Some((_, fact)) => fact.to_string(),
        None => body,
    }
}

/// The reply text without the English warning line the pipeline put first.
fn strip_lead(r: &Response) -> String {
    match &r.triage {
        Some(_) => r
            .answer
            .split_once("\n\n")
            .map_or(r.answer.clone(), |(_, body)| body.to_string()),
        None => r.answer.clone(),
    }
}
