//! Knowledge-base reports: statistics (`myo kb stats`), the check report (`myo kb check`) and
//! citations of an entry.

use std::collections::BTreeMap;

use myo_kb::{CitationStyle, Date, Entry, EntryReport, Kb, Problem, Report, Section, Severity};
use serde::Serialize;

/// Grade statistics over patient-audience entries (the ones the limit applies to).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeStatsDto {
    /// Entries measured.
    pub entries: usize,
    /// Mean grade, one decimal.
    pub mean: f64,
    /// Highest grade, one decimal.
    pub max: f64,
    /// The entry with the highest grade.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_entry: Option<String>,
    /// The limit.
    pub limit: f64,
}

/// `myo kb stats --json`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatsDto {
    /// Total entries.
    pub entries: usize,
    /// Entries per section (every section listed, zeros included).
    pub sections: BTreeMap<String, usize>,
    /// Sources in the registry.
    pub sources: usize,
    /// Grade statistics.
    pub grade: GradeStatsDto,
    /// Entries past their review date.
    pub stale: usize,
    /// How the entries are sourced.
    pub sourcing: SourcingDto,
}

/// `myo kb stats --json` → `sourcing`: see [`myo_kb::Sourcing`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourcingDto {
    /// All entries.
    pub entries: usize,
    /// Entries whose every number and claim rests on a non-background primary source, with no
    /// citation flagged partial.
    pub primary_sourced: usize,
    /// Entries with a citation flagged partial (said so on the page).
    pub with_partial: usize,
    /// Entries that still cite a background source beside primary ones.
    pub citing_background: usize,
    /// Entries with no primary source (the check fails on these).
    pub background_only: usize,
}

impl StatsDto {
    /// Counts the knowledge base.
    pub fn from_kb(kb: &Kb, today: Date) -> StatsDto {
        let sections = Section::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), kb.section(*s).count()))
            .collect();
        let grades: Vec<(f64, &str)> = kb
            .entries()
            .iter()
            .filter(|e| e.audience == myo_kb::Audience::Patient)
            .map(|e| (e.readability().grade, e.id.as_str()))
            .collect();
        let max = grades.iter().copied().max_by(|a, b| a.0.total_cmp(&b.0));
        let mean = if grades.is_empty() {
            0.0
        } else {
            grades.iter().map(|g| g.0).sum::<f64>() / grades.len() as f64
        };
        StatsDto {
            entries: kb.entries().len(),
            sections,
            sources: kb.sources().len(),
            grade: GradeStatsDto {
                entries: grades.len(),
                mean: round1(mean),
                max: round1(max.map_or(0.0, |m| m.0)),
                max_entry: max.map(|m| m.1.to_owned()),
                limit: myo_kb::GRADE_LIMIT,
            },
            stale: kb.entries().iter().filter(|e| e.is_stale(today)).count(),
            sourcing: {
                let s = kb.sourcing();
                SourcingDto {
                    entries: s.entries,
                    primary_sourced: s.primary_sourced,
                    with_partial: s.with_partial,
                    citing_background: s.citing_background,
                    background_only: s.background_only,
                }
            },
        }
    }
}

/// A check problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemDto {
    /// Rule name.
    pub rule: String,
    /// `error` or `warning`.
    pub severity: String,
    /// What is wrong.
    pub message: String,
}

impl ProblemDto {
    /// Mirrors a problem.
    pub fn from_problem(p: &Problem) -> ProblemDto {
        ProblemDto {
            rule: p.rule.as_str().to_owned(),
            severity: match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            }
            .to_owned(),
            message: p.message.clone(),
        }
    }
}

/// The check result of one entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryCheckDto {
    /// Id.
    pub id: String,
    /// File.
    pub path: String,
    /// Section.
    pub section: String,
    /// Audience.
    pub audience: String,
    /// Grade, one decimal.
    pub grade: f64,
    /// Words measured.
    pub words: usize,
    /// Sentences measured.
    pub sentences: usize,
    /// Past its review date.
    pub stale: bool,
    /// No errors.
    pub passed: bool,
    /// Problems.
    pub problems: Vec<ProblemDto>,
}

impl EntryCheckDto {
    fn from_report(e: &EntryReport) -> EntryCheckDto {
        EntryCheckDto {
            id: e.id.clone(),
            path: e.path.clone(),
            section: e.section.as_str().to_owned(),
            audience: e.audience.as_str().to_owned(),
            grade: round1(e.readability.grade),
            words: e.readability.words,
            sentences: e.readability.sentences,
            stale: e.stale,
            passed: e.passed(),
            problems: e.problems.iter().map(ProblemDto::from_problem).collect(),
        }
    }
}

/// `myo kb check --json`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReportDto {
    /// No errors.
    pub passed: bool,
    /// Entries checked.
    pub entries_checked: usize,
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Stale entries.
    pub stale: usize,
    /// True when no seeds were found.
    pub copy_check_skipped: bool,
    /// Problems not tied to an entry.
    pub general: Vec<ProblemDto>,
    /// Per-entry results.
    pub entries: Vec<EntryCheckDto>,
}

impl CheckReportDto {
    /// Mirrors a report.
    pub fn from_report(r: &Report) -> CheckReportDto {
        CheckReportDto {
            passed: r.passed(),
            entries_checked: r.entries.len(),
            errors: r.errors(),
            warnings: r.warnings(),
            stale: r.stale(),
            copy_check_skipped: r.copy_check_skipped,
            general: r.general.iter().map(ProblemDto::from_problem).collect(),
            entries: r.entries.iter().map(EntryCheckDto::from_report).collect(),
        }
    }
}

/// `myo kb cite --json`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitationDto {
    /// Entry id.
    pub id: String,
    /// Style.
    pub style: String,
    /// Page address.
    pub url: String,
    /// The formatted citation.
    pub citation: String,
}

impl CitationDto {
    /// Cites an entry.
    pub fn new(entry: &Entry, style: CitationStyle, accessed: Date, base_url: &str) -> CitationDto {
        CitationDto {
            id: entry.id.clone(),
            style: style.as_str().to_owned(),
            url: myo_kb::page_url(base_url, &entry.id),
            citation: myo_kb::cite(entry, style, accessed, base_url),
        }
    }
}

/// Rounds to one decimal for display.
pub(super) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
