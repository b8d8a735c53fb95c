//! The directory of organisations and centres: the knowledge base's cited `[[organisation]]`
//! records in the `organisations` section, with `kb/organisations/directory.toml` adding kind,
//! languages and whether the details were checked on the organisation's own site.

use myo_kb::{Kb, Section, Structured};
use serde::Deserialize;

/// One listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// Name.
    pub name: String,
    /// `organisation` or `centre`.
    pub kind: String,
    /// Country or region code as the knowledge base writes it (`US`, `UK`, `AU`).
    pub country: String,
    /// Languages of its site, if known.
    pub languages: Vec<String>,
    /// Helpline as written, and its `tel:` form.
    pub helpline: Option<(String, String)>,
    /// Web site.
    pub url: String,
    /// Services.
    pub services: Vec<String>,
    /// The knowledge-base entry whose sources cite it.
    pub cited_by: String,
    /// `verified` or `partial`.
    pub status: String,
    /// Where the details were checked, when verified.
    pub checked: Option<(String, String)>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Overlay {
    entry: Vec<OverlayEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverlayEntry {
    url: String,
    kind: String,
    #[serde(default)]
    languages: Vec<String>,
    status: String,
    checked_url: Option<String>,
    checked_on: Option<String>,
}

/// The overlay file did not parse or names something unknown.
#[derive(Debug, Clone, thiserror::Error)]
#[error("organisations directory: {0}")]
pub struct DirectoryError(String);

const OVERLAY: &str = include_str!("../../../kb/organisations/directory.toml");

/// `+1-800-821-7356` → `tel:+18008217356`; a trunk `(0)` after the country code is dropped.
/// `None` unless it is a `+` and 7 to 15 digits with spaces, hyphens or brackets.
#[must_use]
pub fn tel_href(number: &str) -> Option<String> {
    let t = number.trim().replace("(0)", "");
    let t = t.as_str();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let shaped = t.starts_with('+')
        && t[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'));
    (shaped && (7..=15).contains(&digits.len())).then(|| format!("tel:+{digits}"))
}

/// Builds the directory, sorted by country then name; one listing per web site.
///
/// # Errors
/// [`DirectoryError`] when the overlay does not parse, has an unknown kind or status, a
/// verified row without where it was checked, or a row for a site no entry lists.
pub fn build(kb: &Kb) -> Result<Vec<Listing>, DirectoryError> {
    let overlay: Overlay = toml::from_str(OVERLAY).map_err(|e| DirectoryError(e.to_string()))?;
    let mut out: Vec<Listing> = Vec::new();
    for entry in kb
        .entries()
        .iter()
        .filter(|e| e.section == Section::Organisations)
    {
        let Some(Structured::Organisations(orgs)) = &entry.structured else {
            continue;
        };
        for o in orgs {
            if out.iter().any(|l| l.url == o.url) {
                continue;
            }
            out.push(Listing {
                name: o.name.clone(),
                kind: "organisation".to_owned(),
                country: o.country.clone(),
                languages: Vec::new(),
                helpline: o
                    .phone
                    .as_ref()
                    .and_then(|p| tel_href(p).map(|h| (p.clone(), h))),
                url: o.url.clone(),
                services: o.offers.clone(),
                cited_by: entry.id.clone(),
                status: "partial".to_owned(),
                checked: None,
            });
        }
    }
    for row in overlay.entry {
        if !matches!(row.kind.as_str(), "organisation" | "centre") {
            return Err(DirectoryError(format!(
                "{}: kind must be organisation or centre",
                row.url
            )));
        }
        if !matches!(row.status.as_str(), "verified" | "partial") {
            return Err(DirectoryError(format!(
                "{}: status must be verified or partial",
                row.url
            )));
        }
        let checked = match (row.checked_url, row.checked_on) {
            (Some(u), Some(d)) => Some((u, d)),
            _ if row.status == "verified" => {
                return Err(DirectoryError(format!(
                    "{}: a verified row needs checked_url and checked_on",
                    row.url
                )));
            }
            _ => None,
        };
        let Some(l) = out.iter_mut().find(|l| l.url == row.url) else {
            return Err(DirectoryError(format!(
                "{}: no organisation record has this url",
                row.url
            )));
        };
        l.kind = row.kind;
        l.languages = row.languages;
        l.status = row.status;
        l.checked = checked;
    }
    out.sort_by(|a, b| a.country.cmp(&b.country).then(a.name.cmp(&b.name)));
    Ok(out)
}
