//! Citations of a Myo page, as a web page with a group author, in four common styles.

use std::fmt;
use std::str::FromStr;

use crate::date::Date;
use crate::model::{Entry, UnknownValue};

/// Where Myo pages live unless the caller says otherwise; pages are at `<base>/kb/<id>`.
pub const DEFAULT_BASE_URL: &str = "https://myo.invalid";

const AUTHOR: &str = "Myo contributors";
const SITE: &str = "Myo knowledge base";

/// A citation style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitationStyle {
    /// APA, 7th edition.
    Apa,
    /// MLA, 9th edition.
    Mla,
    /// Chicago, 17th edition (bibliography entry).
    Chicago,
    /// Harvard (Cite Them Right).
    Harvard,
}

impl CitationStyle {
    /// Every style.
    pub const ALL: &'static [CitationStyle] = &[
        CitationStyle::Apa,
        CitationStyle::Mla,
        CitationStyle::Chicago,
        CitationStyle::Harvard,
    ];

    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            CitationStyle::Apa => "apa",
            CitationStyle::Mla => "mla",
            CitationStyle::Chicago => "chicago",
            CitationStyle::Harvard => "harvard",
        }
    }
}

impl FromStr for CitationStyle {
    type Err = UnknownValue;

    fn from_str(text: &str) -> Result<CitationStyle, UnknownValue> {
        let lower = text.to_ascii_lowercase();
        CitationStyle::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == lower)
            .ok_or_else(|| UnknownValue {
                value: text.to_owned(),
                allowed: "apa, mla, chicago, harvard".to_owned(),
            })
    }
}

impl fmt::Display for CitationStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The address of an entry's page: `<base_url>/kb/<id>`.
pub fn page_url(base_url: &str, id: &str) -> String {
    format!("{}/kb/{id}", base_url.trim_end_matches('/'))
}

/// Cites an entry's page. The review date stands for the page's date; `accessed` is the day the
/// reader looked at it. Plain text (no italics markup).
pub fn cite(entry: &Entry, style: CitationStyle, accessed: Date, base_url: &str) -> String {
    let url = page_url(base_url, &entry.id);
    let title = entry.title.trim_end_matches(['.', ' ']);
    let r = entry.reviewed_on;
    match style {
        // Author. (Year, Month Day). Title. Site. Retrieved Month Day, Year, from URL
        CitationStyle::Apa => format!(
            "{AUTHOR}. ({}, {} {}). {} {SITE}. Retrieved {}, from {url}",
            r.year(),
            r.month_name(),
            r.day(),
            end_title(title, "."),
            long_us(accessed),
        ),
        // Author. "Title." Site, Day Mon. Year, URL-without-scheme. Accessed Day Mon. Year.
        CitationStyle::Mla => format!(
            "{AUTHOR}. \u{201c}{}\u{201d} {SITE}, {}, {}. Accessed {}.",
            end_title(title, "."),
            mla_date(r),
            url.trim_start_matches("https://")
                .trim_start_matches("http://"),
            mla_date(accessed),
        ),
        // Author. "Title." Site. Last modified Month Day, Year. Accessed Month Day, Year. URL.
        CitationStyle::Chicago => format!(
            "{AUTHOR}. \u{201c}{}\u{201d} {SITE}. Last modified {}. Accessed {}. {url}.",
            end_title(title, "."),
            long_us(r),
            long_us(accessed),
        ),
        // Author (Year) Title. Site. Available at: URL (Accessed: Day Month Year).
        CitationStyle::Harvard => format!(
            "{AUTHOR} ({}) {} {SITE}. Available at: {url} (Accessed: {} {} {}).",
            r.year(),
            end_title(title, "."),
            accessed.day(),
            accessed.month_name(),
            accessed.year(),
        ),
    }
}

/// A title ending in `?` or `!` keeps its own mark instead of the style's period.
fn end_title(title: &str, period: &str) -> String {
    if title.ends_with(['?', '!']) {
        title.to_owned()
    } else {
        format!("{title}{period}")
    }
}

/// "November 21, 2026"
fn long_us(d: Date) -> String {
    format!("{} {}, {}", d.month_name(), d.day(), d.year())
}

/// "21 Nov. 2026" (MLA abbreviates months longer than four letters).
fn mla_date(d: Date) -> String {
    let name = d.month_name();
    let month = if name.len() <= 4 {
        name.to_owned()
    } else if name == "September" {
        "Sept.".to_owned()
    } else {
        format!("{}.", &name[..3])
    };
    format!("{} {month} {}", d.day(), d.year())
}
