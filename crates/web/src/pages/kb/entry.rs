//! An entry page: its content (body, structured facts, sources, citations, related entries and
//! the other-language counterpart), built once per entry and day and cached in app state.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use myo_api::kb::{EntryDto, StructuredDto};
use serde_json::Value;

use super::{EntryLink, section_title};
use crate::auth::MaybeUser;
use crate::markdown::{escape, render as markdown};
use crate::pages::{Layout, PageError, render};
use crate::{AppState, today};
use myo_kb::CitationStyle;

/// A citation of the page in one style.
#[derive(Debug, Clone)]
pub struct Cite {
    /// `apa`, …
    pub style: &'static str,
    /// `APA (7th edition)`, …
    pub label: &'static str,
    /// The citation text.
    pub text: String,
}

/// A source line.
#[derive(Debug, Clone)]
pub struct SourceLine {
    /// Title (or the id when the registry lacks it).
    pub title: String,
    /// Publisher, date, DOI.
    pub detail: String,
    /// Link, if any.
    pub url: Option<String>,
    /// Where in the source.
    pub locator: Option<String>,
    /// What is not yet confirmed in this source (the citation is marked partial).
    pub partial: Option<String>,
    /// Background only (seed or aggregator page).
    pub background: bool,
}

impl SourceLine {
    /// The line for a source as an entry cites it: its title (or id), publisher, date and DOI, a
    /// web link only over http(s), and what is not yet confirmed when the citation is partial.
    fn from_cited(s: &myo_api::kb::CitedSourceDto) -> SourceLine {
        let mut detail: Vec<String> = Vec::new();
        detail.extend(s.publisher.clone());
        detail.extend(s.published.clone());
        detail.extend(s.doi.as_ref().map(|d| format!("doi:{d}")));
        SourceLine {
            title: if s.title.is_empty() {
                s.id.clone()
            } else {
                s.title.clone()
            },
            detail: detail.join(" · "),
            url: s
                .url
                .clone()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
            locator: s.locator.clone(),
            partial: (s.status.as_deref() == Some("partial")).then(|| {
                s.unconfirmed
                    .clone()
                    .unwrap_or_else(|| "not fully confirmed in this source".to_owned())
            }),
            background: s.background,
        }
    }
}

#[derive(Template)]
#[template(path = "kb_entry.html")]
struct EntryPage<'a> {
    l: Layout,
    e: &'a EntryDto,
    section_title: &'static str,
    body_html: &'a str,
    structured_html: &'a str,
    sources: &'a [SourceLine],
    cites: &'a [Cite],
    related: &'a [EntryLink],
    community: crate::community::Area,
    /// Organisations and trials pages link to the directory and the trial finder.
    directory_link: bool,
    lang: &'a str,
    counterpart: Option<&'a Counterpart>,
}

/// The same entry in the other language: the page links to it ("English" / "Español").
#[derive(Debug)]
struct Counterpart {
    id: String,
    title: String,
    /// The link's text, in the counterpart's language.
    label: &'static str,
    lang: String,
}

/// Everything an entry page shows apart from the layout, for one day (the stale flags and the
/// citations' access date change with the day). The KB is static, so it is built once per entry
/// and day and kept in [`EntryCache`].
#[derive(Debug)]
pub struct EntryView {
    day: myo_kb::Date,
    e: EntryDto,
    body_html: String,
    structured_html: String,
    sources: Vec<SourceLine>,
    cites: Vec<Cite>,
    related: Vec<EntryLink>,
    counterpart: Option<Counterpart>,
}

/// Rendered entry pages by id (inside `AppState`; no globals). A view from an earlier day is
/// rebuilt on first use.
#[derive(Debug, Default)]
pub struct EntryCache(std::sync::RwLock<std::collections::HashMap<String, Arc<EntryView>>>);

impl EntryCache {
    /// The view of `entry` for `day`, built on first use.
    fn get(&self, state: &AppState, entry: &myo_kb::Entry, day: myo_kb::Date) -> Arc<EntryView> {
        let cached = self
            .0
            .read()
            .ok()
            .and_then(|m| m.get(&entry.id).cloned())
            .filter(|v| v.day == day);
        if let Some(view) = cached {
            return view;
        }
        let view = Arc::new(entry_view(state, entry, day));
        if let Ok(mut m) = self.0.write() {
            m.insert(entry.id.clone(), Arc::clone(&view));
        }
        view
    }
}

/// `GET /kb/{id}`
pub async fn entry(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
    Path(id): Path<String>,
    uri: axum::http::Uri,
) -> Result<Response, PageError> {
    let kb = state.kb();
    let Some(entry) = kb.get(&id) else {
        let near = kb.suggest(&id, 3);
        let hint = if near.is_empty() {
            String::new()
        } else {
            format!(" Did you mean: {}?", near.join(", "))
        };
        return Err(PageError(
            StatusCode::NOT_FOUND,
            format!("There is no page called \u{201c}{id}\u{201d}.{hint}"),
        ));
    };
    let v = state.entry_cache().get(&state, entry, today());
    let community = crate::community::area(&state, user.as_ref(), &entry.id, uri.query()).await;
    let page = EntryPage {
        l: Layout::new(&state, user.as_ref(), &loc, entry.title.clone(), "kb"),
        section_title: section_title(entry.section),
        e: &v.e,
        body_html: &v.body_html,
        structured_html: &v.structured_html,
        sources: &v.sources,
        cites: &v.cites,
        related: &v.related,
        community,
        directory_link: entry.section == myo_kb::Section::Organisations
            || entry.section == myo_kb::Section::Trials,
        lang: &entry.language,
        counterpart: v.counterpart.as_ref(),
    };
    Ok(render(&page))
}

/// Builds an entry's page content for `day`.
fn entry_view(state: &AppState, entry: &myo_kb::Entry, day: myo_kb::Date) -> EntryView {
    let kb = state.kb();
    let e = EntryDto::from_entry(kb, entry, day);
    let sources = e.sources.iter().map(SourceLine::from_cited).collect();
    let cites = CitationStyle::ALL
        .iter()
        .map(|&style| Cite {
            style: style.as_str(),
            label: match style {
                CitationStyle::Apa => "APA (7th edition)",
                CitationStyle::Mla => "MLA (9th edition)",
                CitationStyle::Chicago => "Chicago (17th edition)",
                CitationStyle::Harvard => "Harvard",
            },
            text: myo_kb::cite(entry, style, day, state.base_url()),
        })
        .collect();
    let related = entry
        .related
        .iter()
        .filter_map(|r| kb.get(r))
        .map(|r| EntryLink {
            id: r.id.clone(),
            title: r.title.clone(),
            summary: r.summary.clone(),
            stale: r.is_stale(day),
        })
        .collect();
    let structured_html = e.structured.as_ref().map(structured).unwrap_or_default();
    let counterpart = kb.counterpart(entry).map(|c| Counterpart {
        id: c.id.clone(),
        title: c.title.clone(),
        label: if c.language == "es" {
            "Esta página en español"
        } else {
            "This page in English"
        },
        lang: c.language.clone(),
    });
    EntryView {
        counterpart,
        day,
        body_html: markdown(&entry.body, 2),
        structured_html,
        sources,
        cites,
        related,
        e,
    }
}

/// Keys of structured tables that are matching data for Ask, not reading matter.
const HIDDEN_KEYS: &[&str] = &[
    "kind",
    "phrases",
    "requires_any",
    "negations",
    "number_checks",
    "requires_all",
    "contacts",
    "variants",
    "loinc",
    "rxnorm",
];

/// What a reader needs first: how often, what if a dose is missed, when to call.
const FACT_ORDER: &[&str] = &[
    "tier",
    "action",
    "frequency",
    "routes",
    "purpose",
    "missed_dose",
    "call_care_team_if",
    "common_side_effects",
    "serious_side_effects",
    "monitoring_before",
    "monitoring_during",
    "interactions",
    "pregnancy",
    "vaccines",
    "typical_adult_dose",
    "typical_dose",
    "evidence",
    "cautions",
    "brand_names",
    "generic_name",
    "class",
    "mechanism",
];

/// `15 to 25 mg per week`, flagged as information only.
fn dose_html(dose: &Value) -> String {
    let n = |k: &str| {
        dose[k]
            .as_f64()
            .map_or_else(String::new, |x| format!("{x}"))
    };
    let text = format!(
        "{} to {} {} {} (typical published range, for information only; your prescriber sets your dose)",
        n("min"),
        n("max"),
        dose["unit"].as_str().unwrap_or_default(),
        dose["basis"].as_str().unwrap_or_default().replace('_', " ")
    );
    escape(&text)
}

fn label(key: &str) -> String {
    let mut s = key.replace('_', " ");
    if let Some(first) = s.get(..1) {
        let upper = first.to_uppercase();
        s.replace_range(..1, &upper);
    }
    s
}

/// A structured table (drug guide, red flag, foods, …) as a definition list; every value escaped.
fn structured(dto: &StructuredDto) -> String {
    let value = serde_json::to_value(dto).unwrap_or(Value::Null);
    let mut out = String::from("<dl class=\"facts\">\n");
    if let Value::Object(map) = &value {
        let mut keys: Vec<&String> = map
            .keys()
            .filter(|k| !HIDDEN_KEYS.contains(&k.as_str()))
            .collect();
        keys.sort_by_key(|k| FACT_ORDER.iter().position(|o| o == k).unwrap_or(usize::MAX));
        for k in keys {
            let html = match (k.as_str(), &map[k]) {
                ("typical_adult_dose", dose) => dose_html(dose),
                (_, v) => value_html(v),
            };
            out.push_str(&format!("<dt>{}</dt><dd>{html}</dd>\n", escape(&label(k))));
        }
    }
    out.push_str("</dl>\n");
    out
}

fn value_html(v: &Value) -> String {
    match v {
        Value::Null => "—".to_owned(),
        Value::String(s) => escape(&s.replace('_', " ")),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) if items.is_empty() => "—".to_owned(),
        Value::Array(items) => {
            let lis: String = items
                .iter()
                .map(|i| format!("<li>{}</li>", value_html(i)))
                .collect();
            format!("<ul>{lis}</ul>")
        }
        Value::Object(map) => {
            let rows: String = map
                .iter()
                .filter(|(k, _)| !HIDDEN_KEYS.contains(&k.as_str()))
                .map(|(k, v)| {
                    format!(
                        "<span class=\"pair\"><strong>{}:</strong> {}</span> ",
                        escape(&label(k)),
                        value_html(v)
                    )
                })
                .collect();
            rows.trim_end().to_owned()
        }
    }
}

#[cfg(test)]
mod tests;
