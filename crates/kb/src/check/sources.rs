//! Source rules: the registry, primary sources, and working notes that content must never cite.

use super::*;

pub(super) fn registry_problems(kb: &Kb) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for s in kb.sources() {
        if !valid_id(&s.id) {
            out.push(Problem::error(
                Rule::Registry,
                format!(
                    "sources.toml: id '{}' must be lowercase a-z, 0-9 and '-'",
                    s.id
                ),
            ));
        }
        if !seen.insert(s.id.as_str()) {
            out.push(Problem::error(
                Rule::Registry,
                format!("sources.toml: id '{}' is used twice", s.id),
            ));
        }
        out.extend(source_registry_problems(s));
    }
    out
}

/// Names of the project's working notes (`data/working-notes.txt`), which product content must
/// never cite (cite the guideline, label or paper itself).
pub fn working_notes() -> impl Iterator<Item = &'static str> {
    include_str!("../../data/working-notes.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The working note, or the issue reference ("issue 6"), that `text` names, if any.
pub fn names_working_note(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    if let Some(note) = working_notes().find(|n| lower.contains(n)) {
        return Some(note.to_owned());
    }
    lower.match_indices("issue ").find_map(|(i, m)| {
        let word_start = lower[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if !word_start {
            return None;
        }
        let after = &lower[i + m.len()..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        (!digits.is_empty()).then(|| format!("issue {digits}"))
    })
}

/// Whether any text or number of the structured table holds a number.
pub(super) fn structured_has_number(s: &Structured) -> bool {
    let digits = |t: &str| t.bytes().any(|b| b.is_ascii_digit());
    match s {
        Structured::Drug(_) => true,
        Structured::RedFlag(f) => {
            !f.number_checks.is_empty() || digits(&f.action) || f.phrases.iter().any(|p| digits(p))
        }
        Structured::Antibody(a) => {
            !a.loinc.is_empty() || structured_texts(s).iter().any(|t| digits(t))
        }
        Structured::Test(t) => !t.loinc.is_empty() || structured_texts(s).iter().any(|t| digits(t)),
        Structured::Organisations(o) => {
            o.iter().any(|o| o.phone.is_some()) || structured_texts(s).iter().any(|t| digits(t))
        }
        _ => structured_texts(s).iter().any(|t| digits(t)),
    }
}

/// An entry must cite at least one primary source (not background, a specific page); with a
/// number in its structured table a primary source is required, and it holds for claims too.
pub(super) fn primary_source_problems(entry: &Entry, ctx: &Context<'_>) -> Vec<Problem> {
    let known: Vec<&Source> = entry
        .sources
        .iter()
        .filter_map(|r| ctx.sources.get(r.id.as_str()).copied())
        .collect();
    if known.is_empty() || known.iter().any(|s| s.is_primary()) {
        return Vec::new();
    }
    let what = match &entry.structured {
        Some(s) if structured_has_number(s) => {
            format!("the numbers in its [{}] table", s.kind())
        }
        _ => "its facts".to_owned(),
    };
    vec![Problem::error(
        Rule::PrimarySource,
        format!(
            "sources: {what} rest only on background sources or on homepage/search addresses ({}); cite a label, guideline, paper or NIH/NHS/Mayo/MedlinePlus page",
            known
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )]
}

/// Entry texts and locators must not name a working note or an issue.
pub(super) fn working_note_problems(entry: &Entry) -> Vec<Problem> {
    let mut texts = entry_texts(entry);
    for r in &entry.sources {
        texts.extend(
            r.locator
                .iter()
                .map(|l| (format!("sources.{}.locator", r.id), l.clone())),
        );
        texts.extend(
            r.note
                .iter()
                .map(|n| (format!("sources.{}.note", r.id), n.clone())),
        );
    }
    texts
        .into_iter()
        .filter_map(|(field, t)| {
            names_working_note(&t).map(|n| {
                Problem::error(
                    Rule::WorkingNote,
                    format!("{field}: names the working note \"{n}\"; cite the guideline, label or paper itself"),
                )
            })
        })
        .collect()
}

/// Registry rules on addresses and roles.
pub(super) fn source_registry_problems(s: &Source) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Some(url) = &s.url
        && let Some(why) = s.address_problem(url)
    {
        out.push(Problem::error(
            Rule::SourceUrl,
            format!(
                "sources.toml: '{}' url {url} is {why}; point it at the page that holds the fact",
                s.id
            ),
        ));
    }
    if s.kind == crate::model::SourceKind::Seed && !s.background {
        out.push(Problem::error(
            Rule::Registry,
            format!(
                "sources.toml: seed '{}' must be marked background = true",
                s.id
            ),
        ));
    }
    for text in [Some(&s.title), s.note.as_ref()].into_iter().flatten() {
        if let Some(n) = names_working_note(text) {
            out.push(Problem::error(
                Rule::WorkingNote,
                format!("sources.toml: '{}' names the working note \"{n}\"", s.id),
            ));
        }
    }
    out
}
