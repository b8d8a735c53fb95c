//! Monitoring lines in people's words: the test's plain name, whether it is due, and the
//! guideline or label its interval comes from as a readable citation with a link (title,
//! publisher, year and where in it), from the knowledge base's source registry. Internal rule
//! and source ids are never shown.

use myo_kb::Kb;
use myo_tracker::Status;
use myo_tracker::monitoring::{DueItem, DueState};

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
