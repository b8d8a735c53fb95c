//! The quality rules of `kb/README.md`, as data: every problem is reported, none is fatal here.

use std::collections::{HashMap, HashSet};

use crate::Kb;
use crate::date::Date;
use crate::model::{Audience, Entry, Quantity, QuantityUnit, Section, Source, Structured};
use crate::text::{self, Readability};

mod content;
mod sources;

pub(crate) use content::valid_loinc;
use content::*;
use sources::*;
pub use sources::{names_working_note, working_notes};

/// Highest Flesch–Kincaid grade allowed for patient-audience text.
pub const GRADE_LIMIT: f64 = 8.0;

/// Length of the word runs the copy check compares.
pub const COPY_RUN: usize = 8;

/// Whether a problem fails the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Fails `myo kb check`.
    Error,
    /// Reported, does not fail.
    Warning,
}

/// Which rule a problem breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// Id format or id ≠ file stem.
    Id,
    /// The same id used twice.
    DuplicateId,
    /// Section ≠ folder, or an unknown folder.
    Section,
    /// No sources, or a source id not in the registry.
    Sources,
    /// A related id that does not resolve.
    Related,
    /// Structured table missing, misplaced or invalid.
    Structured,
    /// Summary is not 1–2 sentences, or a required text is empty.
    Summary,
    /// `reviewed_on` after `next_review_due`.
    Dates,
    /// Patient text above grade 8.
    Grade,
    /// A run of 8 words shared with a seed page.
    Copy,
    /// HTML, images or tables in a patient entry.
    Markdown,
    /// Past `next_review_due` (warning).
    Stale,
    /// A problem in `sources.toml`.
    Registry,
    /// The copy check could not run (warning).
    CopyCheckSkipped,
    /// A number or claim supported only by background sources (seeds, aggregators).
    PrimarySource,
    /// A source address that is a homepage, a search page or a placeholder.
    SourceUrl,
    /// Product content that names a working note or an issue number instead of the source.
    WorkingNote,
    /// A language tag outside `LANGUAGES`.
    Language,
    /// A translation without its English counterpart, or out of step with it (tier, numbers).
    Counterpart,
    /// Spanish patient text below the Fernández-Huerta floor (error) or target (warning).
    Ease,
}

impl Rule {
    /// Short stable name, for output.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Id => "id",
            Rule::DuplicateId => "duplicate-id",
            Rule::Section => "section",
            Rule::Sources => "sources",
            Rule::Related => "related",
            Rule::Structured => "structured",
            Rule::Summary => "summary",
            Rule::Dates => "dates",
            Rule::Grade => "grade",
            Rule::Copy => "copy",
            Rule::Markdown => "markdown",
            Rule::Stale => "stale",
            Rule::Registry => "registry",
            Rule::CopyCheckSkipped => "copy-check-skipped",
            Rule::PrimarySource => "primary-source",
            Rule::SourceUrl => "source-url",
            Rule::WorkingNote => "working-note",
            Rule::Language => "language",
            Rule::Counterpart => "counterpart",
            Rule::Ease => "ease",
        }
    }
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The rule.
    pub rule: Rule,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, naming the field.
    pub message: String,
}

impl Problem {
    pub(crate) fn error(rule: Rule, message: impl Into<String>) -> Problem {
        Problem {
            rule,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub(crate) fn warning(rule: Rule, message: impl Into<String>) -> Problem {
        Problem {
            rule,
            severity: Severity::Warning,
            message: message.into(),
        }
    }
}

/// The check result of one entry.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryReport {
    /// Entry id.
    pub id: String,
    /// File path.
    pub path: String,
    /// Section.
    pub section: Section,
    /// Audience (the grade limit applies to patient entries only).
    pub audience: Audience,
    /// Readability of summary + body (Flesch–Kincaid; English rules).
    pub readability: Readability,
    /// Language of the entry (`en`, `es`).
    pub language: String,
    /// Fernández-Huerta ease of summary + body, for Spanish entries.
    pub ease_es: Option<crate::SpanishReadability>,
    /// Past its review date.
    pub stale: bool,
    /// Problems found.
    pub problems: Vec<Problem>,
}

impl EntryReport {
    /// True when no problem is an error.
    pub fn passed(&self) -> bool {
        self.problems.iter().all(|p| p.severity != Severity::Error)
    }
}

/// The result of [`Kb::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// One report per entry, in load order.
    pub entries: Vec<EntryReport>,
    /// Problems not tied to an entry (registry, skipped copy check).
    pub general: Vec<Problem>,
    /// True when no seed texts were given.
    pub copy_check_skipped: bool,
}

impl Report {
    /// All problems with their entry id (`None` for general ones).
    pub fn problems(&self) -> impl Iterator<Item = (Option<&str>, &Problem)> {
        let general = self.general.iter().map(|p| (None, p));
        let per_entry = self
            .entries
            .iter()
            .flat_map(|e| e.problems.iter().map(move |p| (Some(e.id.as_str()), p)));
        general.chain(per_entry)
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.problems()
            .filter(|(_, p)| p.severity == severity)
            .count()
    }

    /// True when there is no error (warnings allowed).
    pub fn passed(&self) -> bool {
        self.errors() == 0
    }

    /// Number of stale entries.
    pub fn stale(&self) -> usize {
        self.entries.iter().filter(|e| e.stale).count()
    }
}

/// Seed 8-word runs → seed name.
struct CopyIndex<'a> {
    runs: HashMap<String, &'a str>,
}

impl<'a> CopyIndex<'a> {
    fn new(seeds: &[(&'a str, &str)]) -> CopyIndex<'a> {
        let mut runs = HashMap::new();
        for (name, text) in seeds {
            for run in word_runs(text) {
                runs.entry(run).or_insert(*name);
            }
        }
        CopyIndex { runs }
    }

    /// Distinct copied runs in `text`, with the seed they come from.
    fn copies(&self, text: &str) -> Vec<(String, &'a str)> {
        let mut seen = HashSet::new();
        word_runs(text)
            .filter_map(|run| self.runs.get(&run).map(|seed| (run, *seed)))
            .filter(|(run, _)| seen.insert(run.clone()))
            .collect()
    }
}

/// Every run of [`COPY_RUN`] consecutive lowercased words, joined by spaces.
fn word_runs(text: &str) -> impl Iterator<Item = String> {
    let words: Vec<String> = text::words(text).iter().map(|w| w.to_lowercase()).collect();
    let n = words.len().saturating_sub(COPY_RUN - 1);
    (0..n).map(move |i| words[i..i + COPY_RUN].join(" "))
}

pub(crate) fn check(kb: &Kb, seeds: &[(&str, &str)], today: Date) -> Report {
    let index = CopyIndex::new(seeds);
    let ids: HashSet<&str> = kb.all_entries().map(|e| e.id.as_str()).collect();
    let sources: HashMap<&str, &Source> = kb.sources().iter().map(|s| (s.id.as_str(), s)).collect();
    let mut id_count: HashMap<&str, usize> = HashMap::new();
    for e in kb.all_entries() {
        *id_count.entry(e.id.as_str()).or_default() += 1;
    }
    let entries = kb
        .all_entries()
        .map(|entry| {
            let ctx = Context {
                ids: &ids,
                sources: &sources,
                duplicated: id_count.get(entry.id.as_str()).copied().unwrap_or(0) > 1,
                index: (!seeds.is_empty()).then_some(&index),
                today,
            };
            let mut report = check_entry(entry, &ctx);
            report
                .problems
                .extend(crate::translation::problems(kb, entry));
            if let Some(ease) = &report.ease_es {
                report
                    .problems
                    .extend(crate::translation::ease_problems(entry, ease));
            }
            report
        })
        .collect();
    let mut general = registry_problems(kb);
    if seeds.is_empty() {
        general.push(Problem::warning(
            Rule::CopyCheckSkipped,
            "no seed texts were given, so the copy check was skipped",
        ));
    }
    Report {
        entries,
        general,
        copy_check_skipped: seeds.is_empty(),
    }
}

struct Context<'a> {
    ids: &'a HashSet<&'a str>,
    sources: &'a HashMap<&'a str, &'a Source>,
    duplicated: bool,
    index: Option<&'a CopyIndex<'a>>,
    today: Date,
}

fn check_entry(entry: &Entry, ctx: &Context<'_>) -> EntryReport {
    let readability = entry.readability();
    let stale = entry.is_stale(ctx.today);
    let mut problems = Vec::new();
    problems.extend(identity_problems(entry, ctx.duplicated));
    problems.extend(reference_problems(entry, ctx));
    problems.extend(primary_source_problems(entry, ctx));
    problems.extend(working_note_problems(entry));
    problems.extend(structured_problems(entry).into_iter().filter(|p| {
        // A translation's red flag carries its tier and action; the phrases are English only
        // (Spanish phrasings live with the Spanish triage rules).
        !(entry.translation_of.is_some()
            && (p.message.starts_with("red_flag.phrases")
                || p.message.starts_with("red_flag.variant: give")))
    }));
    problems.extend(
        entry
            .codes
            .problems()
            .into_iter()
            .map(|m| Problem::error(Rule::Structured, m)),
    );
    problems.extend(text_problems(entry, &readability));
    problems.extend(markdown_problems(entry));
    if entry.reviewed_on > entry.next_review_due {
        problems.push(Problem::error(
            Rule::Dates,
            format!(
                "reviewed_on {} is after next_review_due {}",
                entry.reviewed_on, entry.next_review_due
            ),
        ));
    }
    if stale {
        problems.push(Problem::warning(
            Rule::Stale,
            format!(
                "stale: next_review_due {} has passed",
                entry.next_review_due
            ),
        ));
    }
    if let Some(index) = ctx.index {
        problems.extend(copy_problems(entry, index));
    }
    EntryReport {
        id: entry.id.clone(),
        path: entry.path.clone(),
        section: entry.section,
        audience: entry.audience,
        language: entry.language.clone(),
        ease_es: (entry.language == "es").then(|| entry.readability_es()),
        readability,
        stale,
        problems,
    }
}

/// Last two path components: (folder, file stem).
fn folder_and_stem(path: &str) -> (Option<&str>, &str) {
    let mut parts = path.rsplit(['/', '\\']);
    let file = parts.next().unwrap_or(path);
    let stem = file.strip_suffix(".md").unwrap_or(file);
    (parts.next(), stem)
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn identity_problems(entry: &Entry, duplicated: bool) -> Vec<Problem> {
    let mut out = Vec::new();
    let (folder, stem) = folder_and_stem(&entry.path);
    if !valid_id(&entry.id) {
        out.push(Problem::error(
            Rule::Id,
            format!(
                "id '{}' must be lowercase a-z, 0-9 and single '-'",
                entry.id
            ),
        ));
    }
    if entry.id != stem {
        out.push(Problem::error(
            Rule::Id,
            format!("id '{}' differs from the file name '{stem}.md'", entry.id),
        ));
    }
    if duplicated {
        out.push(Problem::error(
            Rule::DuplicateId,
            format!("id '{}' is used by more than one entry", entry.id),
        ));
    }
    match folder.map(str::parse::<Section>) {
        Some(Ok(section)) if section == entry.section => {}
        Some(Ok(section)) => out.push(Problem::error(
            Rule::Section,
            format!(
                "section '{}' differs from the folder '{section}'",
                entry.section
            ),
        )),
        Some(Err(e)) => out.push(Problem::error(Rule::Section, format!("folder: {e}"))),
        None => out.push(Problem::error(
            Rule::Section,
            "the path must be <section>/<id>.md",
        )),
    }
    out
}

fn reference_problems(entry: &Entry, ctx: &Context<'_>) -> Vec<Problem> {
    let mut out = Vec::new();
    if entry.sources.is_empty() {
        out.push(Problem::error(
            Rule::Sources,
            "sources: at least one source is required",
        ));
    }
    let mut cited = HashSet::new();
    for s in &entry.sources {
        if !ctx.sources.contains_key(s.id.as_str()) {
            out.push(Problem::error(
                Rule::Sources,
                format!("sources: '{}' is not in sources.toml", s.id),
            ));
        }
        if !cited.insert(s.id.as_str()) {
            out.push(Problem::error(
                Rule::Sources,
                format!(
                    "sources: '{}' is cited twice; give one citation with both locators",
                    s.id
                ),
            ));
        }
        if s.is_partial() && s.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            out.push(Problem::error(
                Rule::Sources,
                format!(
                    "sources: '{}' is marked partial without a note saying what is unconfirmed",
                    s.id
                ),
            ));
        }
    }
    for r in &entry.related {
        if r == &entry.id {
            out.push(Problem::error(
                Rule::Related,
                "related: an entry cannot relate to itself",
            ));
        } else if !ctx.ids.contains(r.as_str()) {
            out.push(Problem::error(
                Rule::Related,
                format!("related: '{r}' is not an entry id"),
            ));
        }
    }
    out
}

fn structured_problems(entry: &Entry) -> Vec<Problem> {
    let want = entry.section.structured_kind();
    let have = entry.structured.as_ref().map(Structured::kind);
    match (want, have) {
        (Some(w), None) => {
            return vec![Problem::error(
                Rule::Structured,
                format!("section '{}' needs a [{w}] table", entry.section),
            )];
        }
        (w, Some(h)) if w != Some(h) => {
            return vec![Problem::error(
                Rule::Structured,
                format!("[{h}] does not belong in section '{}'", entry.section),
            )];
        }
        _ => {}
    }
    entry
        .structured
        .as_ref()
        .map(structured_content_problems)
        .unwrap_or_default()
        .into_iter()
        .map(|m| Problem::error(Rule::Structured, m))
        .collect()
}

/// Rules shared by a red flag and its variants: phrase groups not empty, number checks with a
/// threshold, ordered bounds and a unit that fits the quantity.
fn red_flag_rule_problems(
    at: &str,
    requires_all: &[Vec<String>],
    checks: &[crate::model::NumberCheck],
    need: &mut impl FnMut(bool, &str),
) {
    for group in requires_all {
        need(
            group.iter().any(|p| !p.trim().is_empty()),
            &format!("{at}.requires_all: every group needs at least one phrase"),
        );
    }
    for c in checks {
        let unit_ok = match c.quantity {
            Quantity::Temperature => matches!(
                c.unit,
                Some(QuantityUnit::Celsius | QuantityUnit::Fahrenheit)
            ),
            Quantity::Days | Quantity::DaysAgo => {
                matches!(c.unit, None | Some(QuantityUnit::Days))
            }
            Quantity::Pulse => matches!(c.unit, None | Some(QuantityUnit::Bpm)),
            Quantity::Glucose => {
                matches!(c.unit, Some(QuantityUnit::MgPerDl | QuantityUnit::MmolPerL))
            }
            Quantity::OxygenSaturation => matches!(c.unit, None | Some(QuantityUnit::Percent)),
        };
        need(
            unit_ok,
            &format!(
                "{at}.number_check.unit: temperature needs C or F, glucose mg/dL or mmol/L, \
                 oxygen_saturation %; days, days_ago and pulse take days and bpm"
            ),
        );
        need(
            c.at_least.is_some() || c.at_most.is_some(),
            &format!("{at}.number_check: give at_least, at_most or both"),
        );
        if let (Some(lo), Some(hi)) = (c.at_least, c.at_most) {
            need(
                lo <= hi,
                &format!("{at}.number_check: at_least must not be above at_most"),
            );
        }
    }
}
