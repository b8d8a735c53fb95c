//! Home, knowledge-base browsing, entry pages and search.

use std::str::FromStr;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use myo_api::kb::{EntryDto, StructuredDto};
use myo_kb::{CitationStyle, Section};
use serde::Deserialize;
use serde_json::Value;

use super::{Layout, PageError, PageQuery, render};
use crate::auth::MaybeUser;
use crate::markdown::{escape, render as markdown};
use crate::{AppState, today};

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
    let sources = e
        .sources
        .iter()
        .map(|s| {
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
        })
        .collect();
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
mod tests {
    use super::*;

    #[test]
    fn overdue_entries_show_the_stale_banner() {
        let kb = myo_kb::Kb::builtin().expect("builtin kb");
        let entry = kb.get("methotrexate").expect("entry");
        let page = |e: &EntryDto| {
            EntryPage {
                l: Layout::default(),
                e,
                section_title: "Medicines",
                body_html: "",
                structured_html: "",
                sources: &[],
                cites: &[],
                related: &[],
                community: crate::community::Area::default(),
                directory_link: false,
                lang: "en",
                counterpart: None,
            }
            .render()
            .expect("renders")
        };
        let late = myo_kb::Date::new(2100, 1, 1).expect("date");
        let html = page(&EntryDto::from_entry(&kb, entry, late));
        assert!(html.contains("id=\"stale-banner\"") && html.contains("past its review date"));
        let html = page(&EntryDto::from_entry(&kb, entry, entry.reviewed_on));
        assert!(!html.contains("id=\"stale-banner\""));
    }

    /// A page and its translation link to each other, each link in the other page's language.
    #[test]
    fn a_page_links_its_counterpart_in_the_other_language() {
        let kb = myo_kb::Kb::builtin().expect("builtin kb");
        let day = myo_kb::Date::new(2027, 1, 1).expect("date");
        for (id, other, lang, label) in [
            (
                "chest-pain",
                "chest-pain-es",
                "es",
                "Esta página en español",
            ),
            ("chest-pain-es", "chest-pain", "en", "This page in English"),
        ] {
            let entry = kb.get(id).expect("entry");
            let c = kb.counterpart(entry).expect("counterpart");
            let counterpart = Counterpart {
                id: c.id.clone(),
                title: c.title.clone(),
                label,
                lang: c.language.clone(),
            };
            let e = EntryDto::from_entry(&kb, entry, day);
            let html = EntryPage {
                l: Layout::default(),
                e: &e,
                section_title: "Warning signs",
                body_html: "",
                structured_html: "",
                sources: &[],
                cites: &[],
                related: &[],
                community: crate::community::Area::default(),
                directory_link: false,
                lang: &entry.language,
                counterpart: Some(&counterpart),
            }
            .render()
            .expect("renders");
            assert!(
                html.contains(&format!("href=\"/kb/{other}\" hreflang=\"{lang}\"")),
                "{id}"
            );
            assert!(html.contains(label), "{id}");
            assert!(
                html.contains(&format!("lang=\"{}\"", entry.language)),
                "{id}"
            );
        }
    }

    /// The warning-signs page lists emergencies first, then same-day signs, then the ones to
    /// discuss, never A-Z across tiers.
    #[test]
    fn red_flags_are_grouped_by_urgency_most_urgent_first() {
        let kb = myo_kb::Kb::builtin().expect("builtin kb");
        let day = myo_kb::Date::new(2027, 1, 1).expect("date");
        let groups = red_flag_groups(&kb, day);
        let anchors: Vec<&str> = groups.iter().map(|g| g.anchor).collect();
        assert_eq!(anchors, ["emergency", "same-day", "discuss"]);
        let tier_of = |id: &str| {
            kb.red_flags()
                .into_iter()
                .find(|(e, _)| e.id == id)
                .map(|(_, f)| f.tier)
        };
        for (g, (tier, ..)) in groups.iter().zip(TIER_GROUPS) {
            assert!(g.entries.iter().all(|e| tier_of(&e.id) == Some(tier)));
        }
        let total: usize = groups.iter().map(|g| g.entries.len()).sum();
        assert_eq!(total, kb.red_flags().len(), "every red flag is listed once");
        let html = SectionPage {
            l: Layout::default(),
            slug: "red-flags",
            groups,
        }
        .render()
        .expect("renders");
        let at = |needle: &str| html.find(needle).expect(needle);
        assert!(at("group-emergency") < at("group-same-day"));
        assert!(at("group-same-day") < at("group-discuss"));
        assert!(at("/kb/fever-with-low-white-count") < at("group-same-day"));
    }

    /// "red flags", "warning signs" and "when to call" lead to the warning-signs section.
    #[test]
    fn warning_sign_words_find_the_red_flag_section() {
        for q in [
            "red flags",
            "Red  Flags for DM",
            "warning signs",
            "when to call the doctor",
            "When should I call?",
            "emergency signs",
        ] {
            assert_eq!(section_for_query(q).map(|s| s.0), Some("red-flags"), "{q}");
        }
        for q in ["rash", "methotrexate dose", "flags of the world", ""] {
            assert_eq!(section_for_query(q), None, "{q}");
        }
    }

    /// A citation flagged partial says so on the page, with what is unconfirmed.
    #[test]
    fn partial_citations_say_so_on_the_page() {
        let kb = myo_kb::Kb::builtin().expect("builtin kb");
        let entry = kb.get("very-high-blood-sugar").expect("entry");
        let dto = EntryDto::from_entry(&kb, entry, entry.reviewed_on);
        let lines: Vec<SourceLine> = dto
            .sources
            .iter()
            .map(|s| SourceLine {
                title: s.title.clone(),
                detail: String::new(),
                url: None,
                locator: s.locator.clone(),
                partial: (s.status.as_deref() == Some("partial"))
                    .then(|| s.unconfirmed.clone().unwrap_or_default()),
                background: s.background,
            })
            .collect();
        assert!(lines.iter().any(|l| l.partial.is_some()));
        let html = EntryPage {
            l: Layout::default(),
            e: &dto,
            section_title: "Warning signs",
            body_html: "",
            structured_html: "",
            sources: &lines,
            cites: &[],
            related: &[],
            community: crate::community::Area::default(),
            directory_link: false,
            lang: "en",
            counterpart: None,
        }
        .render()
        .expect("renders");
        assert!(html.contains("Partly confirmed:") && html.contains("300 mg/dL"));
    }
}
