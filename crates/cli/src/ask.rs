//! `myo ask`, `myo search`, `myo eval`: the assistant over the built-in knowledge base.
//!
//! Questions are never stored or logged here.
use std::collections::HashSet;
use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use myo_api::ask::{AskResponseDto, EvalDto, HitDto, SearchDto, TimingDto};
use myo_ask::eval::split::{SplitSet, evaluate_split};
use myo_ask::eval::{EvalSet, evaluate};
use myo_ask::{Corpus, Engine};

use crate::out::emit;

/// Arguments of `myo ask`.
#[derive(Debug, clap::Args)]
pub struct AskArgs {
    /// Print the reply as JSON.
    #[arg(long)]
    pub json: bool,
    /// Your country as a two-letter code (US, GB, CA, AU, NZ, ES, MX, ...), for emergency and
    /// crisis numbers; without it the US, UK and European numbers are shown.
    #[arg(long)]
    pub country: Option<String>,
    /// The question, in your own words.
    #[arg(required = true, num_args = 1..)]
    pub question: Vec<String>,
}

/// Arguments of `myo search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// Most results to list.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Search terms.
    #[arg(required = true, num_args = 1..)]
    pub terms: Vec<String>,
}

/// Arguments of `myo eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also time index build and every question (p50/p99 against the 200 ms / 5 ms targets).
    #[arg(long)]
    pub timing: bool,
    /// List every miss (text output lists the first 20 otherwise).
    #[arg(long)]
    pub all_failures: bool,
    /// Evaluate a split-format question set from this file (`crates/ask/eval/dev-*.toml`, or a
    /// holdout in `crates/ask/eval/holdout/`) instead of the built-in dev set.
    #[arg(long, value_name = "FILE")]
    pub set: Option<std::path::PathBuf>,
}

/// Index build target at start-up, milliseconds.
const BUILD_TARGET_MS: f64 = 200.0;
/// Per-question target at the 99th percentile, milliseconds.
const P99_TARGET_MS: f64 = 5.0;

fn load() -> anyhow::Result<(myo_kb::Kb, Engine)> {
    let kb = myo_kb::Kb::builtin()
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("loading the built-in knowledge base")?;
    Ok((kb, engine()?))
}

/// The engine over the built-in knowledge base, from the snapshot analysed at compile time.
fn engine() -> anyhow::Result<Engine> {
    myo_ask::builtin_engine()
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("loading the built-in knowledge base")
}

fn non_empty(words: &[String], field: &str) -> anyhow::Result<String> {
    let text = words.join(" ");
    if text.trim().is_empty() {
        anyhow::bail!("{field}: must not be empty");
    }
    Ok(text)
}

pub fn run_ask(args: AskArgs) -> anyhow::Result<ExitCode> {
    let question = non_empty(&args.question, "question")?;
    let engine = engine()?;
    let country = args
        .country
        .as_deref()
        .map(myo_ask::CountryCode::parse)
        .transpose()?;
    let context = myo_ask::AskContext { country };
    let dto = AskResponseDto::from(&engine.ask_with(&question, &context));
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&dto)?))?;
    } else {
        emit(&render_answer(&dto))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render_answer(dto: &AskResponseDto) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", dto.answer);
    if !dto.citations.is_empty() {
        let _ = writeln!(out, "\nSources:");
        for c in &dto.citations {
            let _ = writeln!(
                out,
                "  [{}] {} ({}), reviewed {}, {}",
                c.number, c.title, c.source, c.reviewed_on, c.link
            );
        }
    }
    if !dto.related.is_empty() {
        let _ = writeln!(out, "\nSee also:");
        for r in &dto.related {
            let _ = writeln!(out, "  - {} ({})", r.title, r.link);
        }
    }
    let _ = writeln!(out, "\n{}\n{}", dto.disclaimer, dto.escalation);
    out
}

pub fn run_search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let query = non_empty(&args.terms, "terms")?;
    let engine = engine()?;
    let hits: Vec<HitDto> = engine
        .search(&query, args.limit)
        .iter()
        .map(HitDto::from)
        .collect();
    if args.json {
        let dto = SearchDto { query, hits };
        emit(&format!("{}\n", serde_json::to_string_pretty(&dto)?))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    if hits.is_empty() {
        let _ = writeln!(out, "No entries match \"{query}\".");
    }
    for (i, h) in hits.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>2}. {:<7.3} {} [{}] {}",
            i + 1,
            h.score,
            h.title,
            h.section,
            h.link
        );
        let _ = writeln!(out, "    {}", h.snippet);
    }
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let (kb, engine) = load()?;
    let known: HashSet<String> = kb.all_entries().map(|e| e.id.clone()).collect();
    let (report, questions) = match &args.set {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let set = SplitSet::parse(&text).with_context(|| format!("in {}", path.display()))?;
            let questions: Vec<String> = set.questions().map(str::to_string).collect();
            (evaluate_split(&engine, &set, &known), questions)
        }
        None => {
            let set = EvalSet::builtin().context("reading the built-in question set")?;
            (evaluate(&engine, &set, &known), builtin_questions(&set))
        }
    };
    let timing = args.timing.then(|| time(&kb, &questions));
    let dto = EvalDto::new(&report, timing);
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&dto)?))?;
    } else {
        emit(&render_eval(&dto, args.all_failures))?;
    }
    Ok(if dto.passes {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn builtin_questions(set: &EvalSet) -> Vec<String> {
    set.retrieval
        .iter()
        .map(|c| c.q.clone())
        .chain(set.triage.iter().map(|c| c.q.clone()))
        .chain(set.no_trigger.iter().map(|c| c.q.clone()))
        .chain(set.refuse.iter().map(|c| c.q.clone()))
        .chain(set.no_refuse.iter().map(|c| c.q.clone()))
        .chain(set.off_topic.iter().map(|c| c.q.clone()))
        .collect()
}

/// Time engine build (best of 5) and every question of the set (5 rounds).
fn time(kb: &myo_kb::Kb, questions: &[String]) -> TimingDto {
    let t = Instant::now();
    let engine = Engine::build(Corpus::from_kb(kb));
    let mut build = t.elapsed().as_secs_f64() * 1000.0;
    for _ in 0..4 {
        let t = Instant::now();
        std::hint::black_box(Engine::build(Corpus::from_kb(kb)));
        build = build.min(t.elapsed().as_secs_f64() * 1000.0);
    }
    let mut samples = Vec::with_capacity(questions.len() * 5);
    for _ in 0..5 {
        for q in questions {
            let t = Instant::now();
            std::hint::black_box(engine.ask(q));
            samples.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    samples.sort_by(f64::total_cmp);
    let p99 = percentile(&samples, 99.0);
    TimingDto {
        build_ms: build,
        build_ratio: build / BUILD_TARGET_MS,
        questions: questions.len(),
        p50_ms: percentile(&samples, 50.0),
        p99_ms: p99,
        p99_ratio: p99 / P99_TARGET_MS,
    }
}

fn render_eval(dto: &EvalDto, all: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<20} {:>8} {:>9} {:>8}  ok",
        "metric", "value", "cases", "target"
    );
    for m in &dto.metrics {
        let bound = if m.bound == "at_most" { "<=" } else { ">=" };
        let _ = writeln!(
            out,
            "{:<20} {:>7.1}% {:>4}/{:<4} {}{:>5.1}%  {}",
            m.name,
            m.value * 100.0,
            m.passed,
            m.total,
            bound,
            m.target * 100.0,
            if m.ok { "yes" } else { "NO" }
        );
    }
    if let Some(t) = &dto.timing {
        let _ = writeln!(
            out,
            "build {:.2} ms ({:.3} of 200 ms); {} questions: p50 {:.3} ms, p99 {:.3} ms ({:.3} of 5 ms)",
            t.build_ms, t.build_ratio, t.questions, t.p50_ms, t.p99_ms, t.p99_ratio
        );
    }
    if !dto.pending.is_empty() {
        let _ = writeln!(
            out,
            "\n{} retrieval questions pending (labelled entries missing):",
            dto.pending.len()
        );
        for q in &dto.pending {
            let _ = writeln!(out, "  - {q}");
        }
    }
    if !dto.failures.is_empty() {
        let _ = writeln!(out, "\nMisses ({}):", dto.failures.len());
        let shown = if all { dto.failures.len() } else { 20 };
        for f in dto.failures.iter().take(shown) {
            let _ = writeln!(
                out,
                "  [{}] {:?}\n      expected {}, got {}",
                f.metric, f.question, f.expected, f.got
            );
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        if dto.passes {
            "PASS"
        } else {
            "FAIL: below target"
        }
    );
    out
}
