//! `myo kb …`: check, count, show, list and cite knowledge-base entries.
//!
//! The knowledge base is compiled into the binary; `--dir` checks a folder on disk instead, so
//! writers can check their edits without rebuilding. Seed pages are read from disk only, for the
//! copy check, and never embedded.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context as _, bail};

use crate::out::{emit, emit_line};
use myo_api::kb::{CheckReportDto, CitationDto, EntryDto, EntryListDto, StatsDto};
use myo_kb::{
    CitationStyle, DEFAULT_BASE_URL, DISCLAIMER, Date, EASE_FLOOR, EASE_TARGET, Entry, GRADE_LIMIT,
    Kb, Section, Severity, Structured,
};

/// `myo kb` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum KbCommand {
    /// Check every rule of the content model; exit 1 if any fails.
    Check(CheckArgs),
    /// Count entries per section, sources, mean and max grade.
    Stats(StatsArgs),
    /// Show one entry with its sources, review date and the disclaimer.
    Show(ShowArgs),
    /// List entries, optionally of one section.
    List(ListArgs),
    /// Cite an entry's page in a common style.
    Cite(CiteArgs),
}

/// Where the knowledge base comes from and which day it is.
#[derive(Debug, clap::Args)]
pub struct Common {
    /// Read the knowledge base from this folder (`<dir>/<section>/<id>.md`, `<dir>/sources.toml`)
    /// instead of the built-in copy.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// The date used to decide which entries are stale (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<Date>,
}

/// `myo kb check`
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Folder of seed pages for the copy check (default: `../shared/seeds` beside the repository).
    #[arg(long, value_name = "DIR")]
    seeds: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    common: Common,
}

/// `myo kb stats`
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Print JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    common: Common,
}

/// `myo kb show`
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Entry id, e.g. `heliotrope-rash`.
    id: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    common: Common,
}

/// `myo kb list`
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only this section.
    #[arg(long, value_name = "SECTION", value_parser = parse_section)]
    section: Option<Section>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    common: Common,
}

/// `myo kb cite`
#[derive(Debug, clap::Args)]
pub struct CiteArgs {
    /// Entry id.
    id: String,
    /// Citation style: apa, mla, chicago or harvard.
    #[arg(long, default_value = "apa", value_parser = parse_style)]
    style: CitationStyle,
    /// Base address of the Myo site; the page is `<base>/kb/<id>`.
    #[arg(long, default_value = DEFAULT_BASE_URL)]
    base_url: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Access date (default: today; also `--today`).
    #[command(flatten)]
    common: Common,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse().map_err(|e: myo_kb::DateError| e.to_string())
}

fn parse_section(s: &str) -> Result<Section, String> {
    s.parse().map_err(|e: myo_kb::UnknownValue| e.to_string())
}

fn parse_style(s: &str) -> Result<CitationStyle, String> {
    s.parse().map_err(|e: myo_kb::UnknownValue| e.to_string())
}

/// Runs a `myo kb` subcommand.
pub fn run(cmd: KbCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        KbCommand::Check(args) => check(args),
        KbCommand::Stats(args) => {
            let (kb, today) = load(&args.common)?;
            let stats = StatsDto::from_kb(&kb, today);
            if args.json {
                emit_line(&serde_json::to_string_pretty(&stats)?)?;
            } else {
                emit(&render_stats(&stats))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        KbCommand::Show(args) => {
            let (kb, today) = load(&args.common)?;
            let entry = find(&kb, &args.id)?;
            if args.json {
                let dto = EntryDto::from_entry(&kb, entry, today);
                emit_line(&serde_json::to_string_pretty(&dto)?)?;
            } else {
                emit(&render(&kb, entry, today))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        KbCommand::List(args) => {
            let (kb, today) = load(&args.common)?;
            let list = EntryListDto::from_kb(&kb, args.section, today);
            if args.json {
                emit_line(&serde_json::to_string_pretty(&list)?)?;
            } else {
                let mut out = String::new();
                for e in &list.entries {
                    let stale = if e.stale { "  [stale]" } else { "" };
                    let _ = writeln!(out, "{:<14} {:<44} {}{stale}", e.section, e.id, e.title);
                }
                let _ = writeln!(out, "{} entries", list.count);
                emit(&out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        KbCommand::Cite(args) => {
            let (kb, today) = load(&args.common)?;
            let entry = find(&kb, &args.id)?;
            let dto = CitationDto::new(entry, args.style, today, &args.base_url);
            if args.json {
                emit_line(&serde_json::to_string_pretty(&dto)?)?;
            } else {
                emit_line(&dto.citation)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn today_from_clock() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_unix_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

fn load(common: &Common) -> anyhow::Result<(Kb, Date)> {
    let today = common.today.unwrap_or_else(today_from_clock);
    let kb = match &common.dir {
        None => Kb::builtin().context("the built-in knowledge base does not load")?,
        Some(dir) => {
            let (files, sources) = read_dir(dir)?;
            Kb::load(files, &sources)?
        }
    };
    Ok((kb, today))
}

/// Entry files and registry text of a folder on disk.
type DirContents = (Vec<(String, String)>, String);

/// Reads `<dir>/sources.toml`, every `<dir>/<folder>/*.md` and, for entries in another
/// language, every `<dir>/<lang>/<folder>/*.md` (`lang` one of `myo_kb::LANGUAGES`).
fn read_dir(dir: &Path) -> anyhow::Result<DirContents> {
    let sources_path = dir.join("sources.toml");
    let sources = std::fs::read_to_string(&sources_path)
        .with_context(|| format!("--dir: cannot read {}", sources_path.display()))?;
    let mut files = Vec::new();
    read_entries(dir, &mut files)?;
    for lang in myo_kb::LANGUAGES.iter().filter(|l| **l != "en") {
        let sub = dir.join(lang);
        if sub.is_dir() {
            read_entries(&sub, &mut files)?;
        }
    }
    files.sort();
    Ok((files, sources))
}

/// Every `<dir>/<folder>/*.md` as `(path, text)`.
fn read_entries(dir: &Path, files: &mut Vec<(String, String)>) -> anyhow::Result<()> {
    let folders =
        std::fs::read_dir(dir).with_context(|| format!("--dir: cannot read {}", dir.display()))?;
    for folder in folders.flatten().map(|f| f.path()).filter(|p| p.is_dir()) {
        for file in std::fs::read_dir(&folder)?.flatten().map(|f| f.path()) {
            if file.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
                files.push((file.display().to_string(), text));
            }
        }
    }
    Ok(())
}

fn find<'a>(kb: &'a Kb, id: &str) -> anyhow::Result<&'a Entry> {
    if let Some(entry) = kb.get(id) {
        return Ok(entry);
    }
    let near = kb.suggest(id, 3);
    if near.is_empty() {
        bail!("unknown entry '{id}'; `myo kb list` shows every id")
    }
    bail!("unknown entry '{id}'; did you mean {}?", near.join(", "))
}

/// The seed folder: `--seeds`, else `../shared/seeds` beside the current folder or one of its
/// parents, else beside the repository this binary was built from.
fn seed_dir(explicit: Option<&Path>) -> anyhow::Result<Option<PathBuf>> {
    if let Some(dir) = explicit {
        if !dir.is_dir() {
            bail!("--seeds: {} is not a folder", dir.display());
        }
        return Ok(Some(dir.to_owned()));
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let built_from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let found = cwd
        .ancestors()
        .chain(std::iter::once(built_from.as_path()))
        .map(|a| a.join("../shared/seeds"))
        .find(|p| p.is_dir());
    Ok(found)
}

fn read_seeds(dir: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let mut seeds = Vec::new();
    for path in std::fs::read_dir(dir)
        .with_context(|| format!("--seeds: cannot read {}", dir.display()))?
        .flatten()
        .map(|f| f.path())
        .filter(|p| p.is_file())
    {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("--seeds: cannot read {}", path.display()))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        seeds.push((name.unwrap_or_default(), text));
    }
    seeds.sort();
    Ok(seeds)
}

fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let today = args.common.today.unwrap_or_else(today_from_clock);
    let kb = match &args.common.dir {
        None => Kb::builtin(),
        Some(dir) => {
            let (files, sources) = read_dir(dir)?;
            Kb::load(files, &sources)
        }
    };
    let kb = match kb {
        Ok(kb) => kb,
        Err(errors) => {
            // Files that do not parse are check failures too: list them all.
            eprintln!("{errors}");
            return Ok(ExitCode::from(1));
        }
    };
    let seeds = match seed_dir(args.seeds.as_deref())? {
        Some(dir) => read_seeds(&dir)?,
        None => Vec::new(),
    };
    let seed_refs: Vec<(&str, &str)> = seeds
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let report = kb.check(&seed_refs, today);
    if args.json {
        let dto = CheckReportDto::from_report(&report);
        emit_line(&serde_json::to_string_pretty(&dto)?)?;
    } else {
        emit(&render_report(&report, seeds.len()))?;
    }
    Ok(if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn render_report(report: &myo_kb::Report, seeds: usize) -> String {
    let mut out = String::new();
    for e in &report.entries {
        let status = if !e.passed() {
            "FAIL"
        } else if e.stale {
            "STALE"
        } else {
            "ok"
        };
        let grade = match &e.ease_es {
            Some(es) => format!("FH{:.0}", es.ease),
            None => format!("{:.1}", e.readability.grade),
        };
        let _ = writeln!(out, "{status:<5} {grade:>5}  {}/{}", e.section, e.id);
        for p in &e.problems {
            let mark = if p.severity == Severity::Error {
                "error"
            } else {
                "warning"
            };
            let _ = writeln!(out, "        {mark} [{}] {}", p.rule.as_str(), p.message);
        }
    }
    for p in &report.general {
        let mark = if p.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        let _ = writeln!(out, "{mark} [{}] {}", p.rule.as_str(), p.message);
    }
    let failing = report.entries.iter().filter(|e| !e.passed()).count();
    let copy = if report.copy_check_skipped {
        "copy check SKIPPED (no seed folder found; pass --seeds DIR)".to_owned()
    } else {
        format!("copy check against {seeds} seed page(s)")
    };
    let _ = writeln!(
        out,
        "{} entries, {failing} failing; {} error(s), {} warning(s), {} stale; grade limit {GRADE_LIMIT:.1} (English), Fernández-Huerta ease ≥ {EASE_FLOOR:.0}, target {EASE_TARGET:.0} (Spanish, FH); {copy}",
        report.entries.len(),
        report.errors(),
        report.warnings(),
        report.stale(),
    );
    let _ = writeln!(out, "{}", if report.passed() { "PASSED" } else { "FAILED" });
    out
}

fn render_stats(stats: &StatsDto) -> String {
    let mut out = String::new();
    for section in Section::ALL {
        let count = stats.sections.get(section.as_str()).copied().unwrap_or(0);
        let _ = writeln!(out, "{:<14} {count:>4}", section.as_str());
    }
    let _ = writeln!(out, "{:<14} {:>4}", "entries", stats.entries);
    let _ = writeln!(out, "{:<14} {:>4}", "sources", stats.sources);
    let _ = writeln!(out, "{:<14} {:>4}", "stale", stats.stale);
    let _ = writeln!(
        out,
        "primary-sourced entries: {} of {} ({} with a partial citation, {} still citing background)",
        stats.sourcing.primary_sourced,
        stats.sourcing.entries,
        stats.sourcing.with_partial,
        stats.sourcing.citing_background
    );
    let _ = writeln!(
        out,
        "grade (patient entries: {}): mean {:.1}, max {:.1}{}",
        stats.grade.entries,
        stats.grade.mean,
        stats.grade.max,
        stats
            .grade
            .max_entry
            .as_ref()
            .map(|id| format!(" ({id})"))
            .unwrap_or_default()
    );
    out
}

/// The text page of an entry: title, TL;DR, body, key facts, sources, review date, disclaimer.
fn render(kb: &Kb, entry: &Entry, today: Date) -> String {
    let mut out = format!(
        "{}\n{}\n\n",
        entry.title,
        "=".repeat(entry.title.chars().count())
    );
    out += &format!("TL;DR: {}\n\n", entry.summary.trim());
    out += entry.body.trim();
    out += "\n";
    if let Some(s) = &entry.structured {
        out += "\n## Key facts\n";
        out += &key_facts(s);
    }
    out += "\n## Sources\n";
    for (i, r) in entry.sources.iter().enumerate() {
        let line = match kb.source(&r.id) {
            Some(s) => {
                let publisher = s
                    .publisher
                    .as_deref()
                    .map(|p| format!("{p}. "))
                    .unwrap_or_default();
                let url = s
                    .url
                    .as_deref()
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default();
                format!("{publisher}{}.{url}", s.title)
            }
            None => format!("(unknown source '{}')", r.id),
        };
        let locator = r
            .locator
            .as_deref()
            .map(|l| format!(" [{l}]"))
            .unwrap_or_default();
        let partial = if r.is_partial() {
            format!(
                " (partly confirmed: {})",
                r.note
                    .as_deref()
                    .unwrap_or("not fully confirmed in this source")
            )
        } else {
            String::new()
        };
        let background = if kb.source(&r.id).is_some_and(|s| s.background) {
            " (background only)"
        } else {
            ""
        };
        out += &format!("{}. {line}{locator}{background}{partial}\n", i + 1);
    }
    out += &format!(
        "\nReviewed {}; next review due {}.\n",
        entry.reviewed_on, entry.next_review_due
    );
    if entry.is_stale(today) {
        out += &format!(
            "STALE: this page was due for review on {} and may be out of date.\n",
            entry.next_review_due
        );
    }
    out += &format!("\n{DISCLAIMER}\n");
    out
}

fn bullet_list(label: &str, items: &[String]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        format!("- {label}: {}\n", items.join("; "))
    }
}

fn key_facts(s: &Structured) -> String {
    match s {
        Structured::Drug(d) => {
            let dose = &d.typical_adult_dose;
            let mut out = format!(
                "- Class: {}\n- Typical adult dose (information only): {}–{} {} {}\n- How often: {}\n- Route: {}\n- Purpose: {}\n- How it works: {}\n",
                d.class,
                dose.min,
                dose.max,
                dose.unit,
                dose.basis.as_str().replace('_', " "),
                d.frequency.as_str().replace('_', " "),
                d.routes
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                d.purpose,
                d.mechanism
            );
            out += &bullet_list("Common side effects", &d.common_side_effects);
            out += &bullet_list("Serious side effects", &d.serious_side_effects);
            out += &bullet_list("Checks before starting", &d.monitoring_before);
            out += &bullet_list("Checks during treatment", &d.monitoring_during);
            out += &bullet_list("Call your care team if", &d.call_care_team_if);
            out += &bullet_list("Interactions", &d.interactions);
            out += &format!("- Pregnancy: {}\n- Vaccines: {}\n", d.pregnancy, d.vaccines);
            if let Some(m) = &d.missed_dose {
                out += &format!("- Missed dose: {m}\n");
            }
            out
        }
        Structured::Supplement(x) => {
            format!(
                "- Typical dose: {}\n- Evidence: {}\n",
                x.typical_dose, x.evidence
            ) + &bullet_list("Cautions", &x.cautions)
        }
        Structured::RedFlag(f) => format!("- Urgency: {}\n- What to do: {}\n", f.tier, f.action),
        Structured::Antibody(a) => {
            format!("- Name: {}\n- Target: {}\n", a.name, a.target)
                + &bullet_list("Also called", &a.also_called)
                + &bullet_list("Linked with", &a.flags)
        }
        Structured::Test(t) => format!(
            "- Group: {}\n- Measures: {}\n- Why: {}\n- What to expect: {}\n",
            t.group.as_str().replace('_', " "),
            t.measures,
            t.why,
            t.expect
        ),
        Structured::Foods(foods) => foods
            .iter()
            .map(|f| format!("- {} ({}): {}\n", f.name, f.kind, f.why))
            .collect(),
        Structured::Organisations(orgs) => orgs
            .iter()
            .map(|o| {
                let phone = o
                    .phone
                    .as_deref()
                    .map(|p| format!(", phone {p}"))
                    .unwrap_or_default();
                let email = o
                    .email
                    .as_deref()
                    .map(|m| format!(", {m}"))
                    .unwrap_or_default();
                format!("- {} ({}): {}{phone}{email}\n", o.name, o.country, o.url)
            })
            .collect(),
        Structured::Glossary(terms) => terms
            .iter()
            .map(|t| format!("- {}: {}\n", t.medical, t.everyday.join(", ")))
            .collect(),
    }
}
