//! Monitoring lines in people's words: the test's plain name, whether it is due, and the
//! guideline or label its interval comes from as a readable citation with a link (title,
//! publisher, year and where in it), from the knowledge base's source registry. Internal rule
//! and source ids are never shown.

use myo_kb::Kb;
use myo_tracker::Status;
use myo_tracker::monitoring::{DueItem, DueState, Reason};

use crate::i18n::{ToArg, Tr, words};

/// One cited source of a monitoring line.
pub struct Citation {
    /// The source's title.
    pub title: String,
    /// Publisher and year, as people cite them (may be empty).
    pub detail: String,
    /// Its web address (the DOI's when it has no page address), if any.
    pub url: Option<String>,
    /// Where in it (table, section).
    pub locator: String,
}

/// One monitoring line.
pub struct DueLine {
    /// Medicine, as the person named it.
    pub medicine: String,
    /// The test's plain name, capitalised ("Full blood count").
    pub test: String,
    /// Due date.
    pub due: String,
    /// `overdue`, `due soon`, `upcoming`, `done`.
    pub state: &'static str,
    /// Words: why and when.
    pub explanation: String,
    /// The sources its interval comes from, the guideline first.
    pub citations: Vec<Citation>,
    /// The curated description of where the interval was read, used when a source cannot be
    /// resolved (never an id).
    pub reference: String,
    /// The rule set's date.
    pub rules_date: String,
    /// "verified", or "not yet verified" for rules whose interval is not yet checked against
    /// the source.
    pub status: &'static str,
}

/// The due state in words.
pub fn due_state(s: DueState) -> &'static str {
    match s {
        DueState::Overdue => "overdue",
        DueState::DueSoon => "due soon",
        DueState::Upcoming => "upcoming",
        DueState::Done => "done",
    }
}

/// The rule status in words (`partial` is "not yet verified").
pub fn status_words(s: Status) -> &'static str {
    match s {
        Status::Verified => "verified",
        Status::Partial => "not yet verified",
    }
}

/// The citations of an item's sources that the registry knows, in the rule's order.
pub fn citations(kb: &Kb, item: &DueItem) -> Vec<Citation> {
    item.sources
        .iter()
        .filter_map(|r| {
            let s = kb.source(&r.id)?;
            let year = s.published.as_deref().map(|p| p.get(..4).unwrap_or(p));
            let detail: Vec<&str> = s.publisher.as_deref().into_iter().chain(year).collect();
            let url = s
                .url
                .clone()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
                .or_else(|| s.doi.as_ref().map(|d| format!("https://doi.org/{d}")));
            Some(Citation {
                title: s.title.clone(),
                detail: detail.join(", "),
                url,
                locator: r.locator.clone(),
            })
        })
        .collect()
}

/// A monitoring item as a line for people.
pub fn line(kb: &Kb, item: &DueItem) -> DueLine {
    DueLine {
        medicine: item.medicine.clone(),
        test: super::safety::capitalise(item.test.label()),
        due: item.due.to_string(),
        state: due_state(item.state),
        explanation: item.explanation.clone(),
        citations: citations(kb, item),
        reference: item.reference.clone(),
        rules_date: item.rule_date.to_string(),
        status: status_words(item.status),
    }
}

/// A monitoring item as a line in `tr`'s language: the test's name and the explanation from
/// the catalogue (English, the source language, keeps the tracker's words). The citations and
/// their links are the same in every language.
pub fn line_in(kb: &Kb, tr: &Tr, item: &DueItem) -> DueLine {
    let mut l = line(kb, item);
    if !words::is_source(tr) {
        let test = test_name(tr, item);
        l.test = super::safety::capitalise(&test);
        l.explanation = explanation(tr, item, &test);
    }
    l
}

/// A monitoring test's everyday name in `tr`'s language.
pub fn test_name(tr: &Tr, item: &DueItem) -> String {
    tr.t(&format!("monitor-test-{}", item.test.id()))
}

/// Why and when, from the catalogue in `tr`'s language (the same parts as the tracker's English
/// explanation; in English the words are the tracker's, word for word: tested).
pub fn explanation(tr: &Tr, item: &DueItem, test: &str) -> String {
    let date = |d: myo_tracker::Date| words::date(tr, &d.to_string());
    let why = match item.reason {
        Reason::Baseline { within_days: 0 } => tr.t1("monitor-baseline-before", "test", test),
        Reason::Baseline { within_days } => tr.t2(
            "monitor-baseline-within",
            "test",
            test,
            "days",
            i64::from(within_days),
        ),
        Reason::DoneNoRepeat => {
            return tr.t2("monitor-done", "test", test, "date", date(item.due));
        }
        Reason::Repeat { every_weeks, last } => {
            let repeat = tr.t2("monitor-repeat", "test", test, "weeks", every_weeks);
            match last {
                Some(l) => tr.t2("monitor-repeat-last", "repeat", repeat, "date", date(l)),
                None => repeat,
            }
        }
    };
    match item.state {
        DueState::Overdue => tr.ta(
            "monitor-overdue",
            &[
                ("days", i64::from(item.days_overdue).to_arg()),
                ("due", date(item.due).to_arg()),
                ("why", why.to_arg()),
            ],
        ),
        _ => tr.t2("monitor-due", "due", date(item.due), "why", why),
    }
}

/// The same citation as plain text (for calendar entries): `Title (publisher, year), where:
/// address`.
pub fn plain(c: &Citation) -> String {
    let mut s = c.title.clone();
    if !c.detail.is_empty() {
        s.push_str(&format!(" ({})", c.detail));
    }
    s.push_str(&format!(", {}", c.locator));
    if let Some(u) = &c.url {
        s.push_str(&format!(": {u}"));
    }
    s
}
