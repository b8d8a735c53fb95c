//! Parsing entries (TOML front matter + Markdown) and the source registry.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::date::Date;
use crate::model::{
    Antibody, Audience, DrugGuide, Entry, Food, Organisation, RedFlag, Section, Source, SourceRef,
    Structured, Supplement, Term, TestInfo,
};

/// One file that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}{}: {}{message}", line.map(|l| format!(":{l}")).unwrap_or_default(), field.as_ref().map(|f| format!("field `{f}`: ")).unwrap_or_default())]
pub struct LoadError {
    /// The file's path as given to the loader.
    pub path: String,
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// The offending field (dotted path, e.g. `drug.typical_adult_dose.unit`), when known.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// Every file that could not be loaded; nothing is dropped silently.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} file(s) could not be loaded:\n{}", .0.len(), .0.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n"))]
pub struct LoadErrors(pub Vec<LoadError>);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: String,
    title: String,
    section: Section,
    summary: String,
    #[serde(default)]
    lay_terms: Vec<String>,
    #[serde(default)]
    medical_terms: Vec<String>,
    #[serde(default)]
    related: Vec<String>,
    audience: Audience,
    language: String,
    #[serde(default)]
    translation_of: Option<String>,
    reviewed_on: toml::value::Datetime,
    next_review_due: toml::value::Datetime,
    // Missing sources is a check problem (reported with the grade), not a parse failure.
    #[serde(default)]
    sources: Vec<SourceRef>,
    drug: Option<DrugGuide>,
    supplement: Option<Supplement>,
    red_flag: Option<RedFlag>,
    antibody: Option<Antibody>,
    test: Option<TestInfo>,
    food: Option<Vec<Food>>,
    organisation: Option<Vec<Organisation>>,
    term: Option<Vec<Term>>,
    #[serde(default)]
    codes: crate::codes::Codes,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Registry {
    #[serde(default)]
    source: Vec<Source>,
}

/// Parses the source registry (`kb/sources.toml`).
pub fn parse_sources(path: &str, text: &str) -> Result<Vec<Source>, LoadError> {
    parse_toml::<Registry>(path, text, 0).map(|r| r.source)
}

/// Parses one entry file.
pub fn parse_entry(path: &str, text: &str) -> Result<Entry, LoadError> {
    let (front, body) = split_front_matter(text).ok_or_else(|| LoadError {
        path: path.to_owned(),
        line: Some(1),
        field: None,
        message: "expected TOML front matter between two `+++` lines at the top of the file"
            .to_owned(),
    })?;
    let fm: FrontMatter = parse_toml(path, front, 1)?;
    let date = |field: &str, value: &toml::value::Datetime| {
        value.to_string().parse::<Date>().map_err(|_| LoadError {
            path: path.to_owned(),
            line: None,
            field: Some(field.to_owned()),
            message: format!("expected a TOML date such as 2026-11-21, got {value}"),
        })
    };
    let reviewed_on = date("reviewed_on", &fm.reviewed_on)?;
    let next_review_due = date("next_review_due", &fm.next_review_due)?;
    let structured = structured(path, &fm)?;
    Ok(Entry {
        path: path.to_owned(),
        id: fm.id,
        title: fm.title,
        section: fm.section,
        summary: fm.summary,
        lay_terms: fm.lay_terms,
        medical_terms: fm.medical_terms,
        related: fm.related,
        audience: fm.audience,
        language: fm.language,
        translation_of: fm.translation_of,
        reviewed_on,
        next_review_due,
        sources: fm.sources,
        body: body.to_owned(),
        structured,
        codes: fm.codes,
    })
}

/// The single structured table of an entry; two tables in one entry are ambiguous, so an error.
fn structured(path: &str, fm: &FrontMatter) -> Result<Option<Structured>, LoadError> {
    let mut found: Vec<Structured> = [
        fm.drug.clone().map(|d| Structured::Drug(Box::new(d))),
        fm.supplement.clone().map(Structured::Supplement),
        fm.red_flag.clone().map(Structured::RedFlag),
        fm.antibody.clone().map(Structured::Antibody),
        fm.test.clone().map(Structured::Test),
        fm.food.clone().map(Structured::Foods),
        fm.organisation.clone().map(Structured::Organisations),
        fm.term.clone().map(Structured::Glossary),
    ]
    .into_iter()
    .flatten()
    .collect();
    if found.len() > 1 {
        let kinds: Vec<&str> = found.iter().map(|s| s.kind().as_str()).collect();
        return Err(LoadError {
            path: path.to_owned(),
            line: None,
            field: Some(kinds[1].to_owned()),
            message: format!(
                "an entry has at most one structured table, found: {}",
                kinds.join(", ")
            ),
        });
    }
    Ok(found.pop())
}

/// Splits `+++\n<toml>\n+++\n<body>`; tolerates a byte-order mark and CRLF line ends.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// Deserialises TOML, naming the field path and the line of any error.
/// `line_offset` is the number of file lines before `text` starts.
fn parse_toml<T: DeserializeOwned>(
    path: &str,
    text: &str,
    line_offset: usize,
) -> Result<T, LoadError> {
    let line_of = |span: Option<std::ops::Range<usize>>| {
        span.map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1 + line_offset)
    };
    let de = toml::Deserializer::parse(text).map_err(|e| LoadError {
        path: path.to_owned(),
        line: line_of(e.span()),
        field: None,
        message: format!("TOML syntax: {}", e.message().trim()),
    })?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        LoadError {
            path: path.to_owned(),
            line: line_of(inner.span()),
            field: (field != ".").then_some(field),
            message: inner.message().trim().to_owned(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let (fm, body) = split_front_matter("+++\nid = \"a\"\n+++\nBody\n").unwrap();
        assert_eq!(fm, "id = \"a\"\n");
        assert_eq!(body, "Body\n");
        assert!(split_front_matter("no front matter").is_none());
        assert!(split_front_matter("+++\nid = 1\n").is_none());
    }
}
