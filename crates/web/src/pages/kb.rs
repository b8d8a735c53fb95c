//! Home, knowledge-base browsing, entry pages and search.

use std::str::FromStr;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use myo_kb::Section;
use serde::Deserialize;

use super::{Layout, PageError, PageQuery, render};
use crate::auth::MaybeUser;
use crate::{AppState, today};

mod entry;
pub use entry::{Cite, EntryCache, EntryView, SourceLine, entry};

/// Reader-facing name of a section.
pub fn section_title(s: Section) -> &'static str {
    match s {
        Section::Overview => "Overview",
        Section::Types => "Types of myositis",
        Section::Causes => "Causes and risk factors",
        Section::Symptoms => "Symptoms and signs",
        Section::Tests => "Tests",
        Section::Treatments => "Treatments",
        Section::Drugs => "Medicines",
        Section::Supplements => "Supplements",
        Section::Advanced => "Advanced and experimental therapies",
        Section::Procedures => "Procedures",
        Section::Prevention => "Prevention",
        Section::RedFlags => "Warning signs",
        Section::Diet => "Diet",
        Section::Faq => "Questions people ask",
        Section::Antibodies => "Antibodies",
        Section::Living => "Living with myositis",
        Section::Organisations => "Patient organisations",
        Section::Trials => "Clinical trials",
        Section::Related => "Related conditions",
        Section::Glossary => "Glossary",
    }
}

/// A section with its entry count.
#[derive(Debug, Clone)]
pub struct SectionLink {
    /// Folder name (`drugs`).
    pub slug: &'static str,
    /// Reader-facing name, in the page's language.
    pub title: String,
    /// Number of entries.
    pub count: usize,
}

fn sections(state: &AppState, lang: crate::i18n::Lang) -> Vec<SectionLink> {
    let tr = state.tr(lang);
    Section::ALL
        .iter()
        .map(|&s| SectionLink {
            slug: s.as_str(),
            title: tr.t(&format!("kb-section-{}", s.as_str())),
            count: state.kb().section(s).count(),
        })
        .filter(|s| s.count > 0)
        .collect()
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    l: Layout,
    sections: Vec<SectionLink>,
    instruments: usize,
}

/// `GET /`
pub async fn home(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
) -> Response {
    let l = Layout::new(
        &state,
        user.as_ref(),
        &loc,
        state.tr(loc.lang).t("title-home"),
        "home",
    );
    render(&HomePage {
        l,
        sections: sections(&state, loc.lang),
        instruments: state.scorer().list().len(),
    })
}

#[derive(Template)]
#[template(path = "kb_index.html")]
struct IndexPage {
    l: Layout,
    sections: Vec<SectionLink>,
}

/// `GET /kb`
pub async fn index(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
) -> Response {
    let l = Layout::new(
        &state,
        user.as_ref(),
        &loc,
        state.tr(loc.lang).t("title-kb"),
        "kb",
    );
    render(&IndexPage {
        l,
        sections: sections(&state, loc.lang),
    })
}

/// One line of a listing.
#[derive(Debug, Clone)]
pub struct EntryLink {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// TL;DR.
    pub summary: String,
    /// Past its review date.
    pub stale: bool,
}

/// A run of a section's entries under one heading (the red flags are grouped by urgency).
#[derive(Debug, Clone)]
pub struct EntryGroup {
    /// Heading; empty for a section shown as one list.
    pub heading: &'static str,
    /// What the group means, in plain words.
    pub note: &'static str,
    /// Anchor id for the heading.
    pub anchor: &'static str,
    /// Entries, A-Z within the group.
    pub entries: Vec<EntryLink>,
}

/// Urgency groups of the red-flag section, most urgent first.
const TIER_GROUPS: [(myo_kb::Tier, &str, &str, &str); 3] = [
    (
        myo_kb::Tier::Emergency,
        "Emergency: get help now",
        "Call 911 or your local emergency number, or go to the emergency department now.",
        "emergency",
    ),
    (
        myo_kb::Tier::Urgent,
        "Same day: contact your care team today",
        "If you can't reach them today, go to the emergency department, not an urgent care clinic.",
        "same-day",
    ),
    (
        myo_kb::Tier::Discuss,
        "Discuss: raise it soon",
        "Tell your care team at your next contact, or sooner if it gets worse.",
        "discuss",
    ),
];

#[derive(Template)]
#[template(path = "kb_section.html")]
struct SectionPage {
    l: Layout,
    slug: &'static str,
    groups: Vec<EntryGroup>,
}

/// The red-flag entries grouped by urgency (emergency, same day, discuss), A-Z in each group.
fn red_flag_groups(kb: &myo_kb::Kb, day: myo_kb::Date) -> Vec<EntryGroup> {
    let flags = kb.red_flags();
    TIER_GROUPS
        .iter()
        .map(|&(tier, heading, note, anchor)| {
            let mut entries: Vec<EntryLink> = flags
                .iter()
                .filter(|(_, f)| f.tier == tier)
                .map(|(e, _)| EntryLink {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    summary: e.summary.clone(),
                    stale: e.is_stale(day),
                })
                .collect();
            entries.sort_by_key(|e| e.title.to_lowercase());
            EntryGroup {
                heading,
                note,
                anchor,
                entries,
            }
        })
        .filter(|g| !g.entries.is_empty())
        .collect()
}

/// `GET /kb/section/{section}`
pub async fn section(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
    Path(name): Path<String>,
) -> Result<Response, PageError> {
    let s = Section::from_str(&name).map_err(|_| {
        PageError(
            StatusCode::NOT_FOUND,
            format!("There is no section called \u{201c}{name}\u{201d}."),
        )
    })?;
    let day = today();
    let groups = if s == Section::RedFlags {
        red_flag_groups(state.kb(), day)
    } else {
        let mut entries: Vec<EntryLink> = state
            .kb()
            .section(s)
            .map(|e| EntryLink {
                id: e.id.clone(),
                title: e.title.clone(),
                summary: e.summary.clone(),
                stale: e.is_stale(day),
            })
            .collect();
        entries.sort_by_key(|e| e.title.to_lowercase());
        vec![EntryGroup {
            heading: "",
            note: "",
            anchor: "",
            entries,
        }]
    };
    let l = Layout::new(&state, user.as_ref(), &loc, section_title(s), "kb");
    Ok(render(&SectionPage {
        l,
        slug: s.as_str(),
        groups,
    }))
}

/// `?q=`
#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    /// Terms.
    pub q: Option<String>,
}

/// A search hit.
#[derive(Debug, Clone)]
pub struct HitLine {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Section name.
    pub section: String,
    /// Best sentence.
    pub snippet: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    l: Layout,
    q: String,
    hits: Vec<HitLine>,
    error: Option<String>,
    /// A whole section the words ask for ("red flags" -> the warning signs by urgency).
    section_link: Option<(&'static str, &'static str)>,
}

/// Words that ask for the warning-signs section as a whole rather than for one sign.
const WARNING_SIGN_WORDS: &[&str] = &[
    "red flag",
    "redflag",
    "warning sign",
    "when to call",
    "when should i call",
    "when to get help",
    "when to go to the er",
    "when to go to a&e",
    "emergency sign",
    "danger sign",
    "warning symptom",
];

/// The section page a query names as a whole, if any.
fn section_for_query(q: &str) -> Option<(&'static str, &'static str)> {
    let lower = q.to_lowercase();
    let squeezed = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    WARNING_SIGN_WORDS
        .iter()
        .any(|w| squeezed.contains(w))
        .then_some(("red-flags", "Warning signs, grouped by urgency"))
}

/// `GET /search?q=`
pub async fn search(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
    PageQuery(q): PageQuery<SearchQuery>,
) -> Response {
    let q = q.q.unwrap_or_default().trim().to_owned();
    let mut error = None;
    let mut hits = Vec::new();
    if q.chars().count() > crate::api::kb::MAX_QUERY_CHARS {
        error = Some(format!(
            "Please use at most {} characters.",
            crate::api::kb::MAX_QUERY_CHARS
        ));
    } else if !q.is_empty() {
        hits = state
            .engine()
            .await
            .search(&q, 20)
            .into_iter()
            .map(|h| HitLine {
                section: Section::from_str(&h.section)
                    .map_or(h.section.clone(), |s| section_title(s).to_owned()),
                id: h.id,
                title: h.title,
                snippet: h.snippet,
            })
            .collect();
    }
    let title = if q.is_empty() {
        "Search".to_owned()
    } else {
        format!("Search: {q}")
    };
    let section_link = if error.is_none() {
        section_for_query(&q)
    } else {
        None
    };
    render(&SearchPage {
        l: Layout::new(&state, user.as_ref(), &loc, title, "kb"),
        q,
        hits,
        error,
        section_link,
    })
}

#[cfg(test)]
mod tests;
