//! `myo cohort`: score whole cohorts from CSV or Parquet files (see `myo-cohort`).
//!
//! Bad rows never stop a run: each gets its `error` and no result, and a summary by error kind
//! goes to stderr. Exit code 0 when every row was scored, 2 when some row was refused (or on
//! bad usage). A progress bar shows on a terminal unless `--quiet`.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, bail};
use myo_api::Scorer;
use myo_cohort::csv_in::Chunker;
use myo_cohort::run::{self, Chunk, RunError, Sink};
use myo_cohort::{Options, Plan, Stats, arrow_in, parquet_io};

/// `myo cohort` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum CohortCommand {
    /// Score every row of a CSV or Parquet file.
    Score(ScoreArgs),
    /// Write a column mapping and an example CSV header for an instrument.
    Template(TemplateArgs),
}

/// File formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FileFormat {
    /// CSV (RFC 4180; `,`, `;` or tab; UTF-8, BOM allowed).
    Csv,
    /// Apache Parquet.
    Parquet,
}

/// Arguments of `myo cohort score`.
#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// Instrument id (see `myo score --list`).
    pub instrument: String,
    /// Input file (`.csv`, `.tsv`, `.txt` or `.parquet`).
    pub input: PathBuf,
    /// Output file; stdout when absent (CSV only).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Output format (default: from the output's extension, else CSV).
    #[arg(long, value_enum)]
    pub format: Option<FileFormat>,
    /// Input format (default: from the input's extension).
    #[arg(long, value_enum)]
    pub input_format: Option<FileFormat>,
    /// The id column copied to the output (default `id`, or `patient_id` for long format).
    #[arg(long)]
    pub id_column: Option<String>,
    /// Column mapping (TOML; see `myo cohort template`).
    #[arg(long = "map")]
    pub mapping: Option<PathBuf>,
    /// Scoring threads (default: the number of cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `myo cohort template`.
#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// Instrument id.
    pub instrument: String,
    /// Directory for `<id>.mapping.toml` and `<id>.example.csv` (existing files are kept).
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
}

pub fn run(cmd: CohortCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        CohortCommand::Score(args) => score(args),
        CohortCommand::Template(args) => template(args),
    }
}

fn format_of(path: &Path) -> Option<FileFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "tsv" | "txt" => Some(FileFormat::Csv),
        "parquet" | "pq" => Some(FileFormat::Parquet),
        _ => None,
    }
}

fn template(args: TemplateArgs) -> anyhow::Result<ExitCode> {
    let scorer = Scorer::builtin().context("built-in instrument definitions")?;
    let id = &args.instrument;
    let fields = myo_cohort::fields_of(&scorer, id)?;
    let long = myo_cohort::is_long(id);
    let toml = myo_cohort::mapping::template(id, &fields, long);
    let mut header: Vec<&str> = vec![if long { "patient_id" } else { "id" }];
    if long {
        header.push("visit_date");
    }
    header.extend(fields.fields.iter().map(|f| f.path.as_str()));
    let csv = format!("{}\n", header.join(","));
    for (name, body) in [
        (format!("{id}.mapping.toml"), toml),
        (format!("{id}.example.csv"), csv),
    ] {
        let path = args.dir.join(&name);
        let mut f = File::options()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| {
                format!(
                    "writing {} (an existing file is never replaced)",
                    path.display()
                )
            })?;
        f.write_all(body.as_bytes())?;
        println!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens `--out` (never the input itself, never an existing file without `--force`). Called
/// only once the plan is built, so a run refused before any row leaves no file behind.
fn open_out(args: &ScoreArgs) -> anyhow::Result<Option<File>> {
    let Some(path) = &args.out else {
        return Ok(None);
    };
    let same = |a: &Path, b: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(path, &args.input) {
        bail!(
            "{} is the input: write the results to another file",
            path.display()
        );
    }
    let mut o = File::options();
    o.write(true);
    if args.force {
        o.create(true).truncate(true);
    } else {
        o.create_new(true);
    }
    let f = o.open(path).with_context(|| {
        format!(
            "writing {} (it exists? add --force to replace it)",
            path.display()
        )
    })?;
    Ok(Some(f))
}

fn score(args: ScoreArgs) -> anyhow::Result<ExitCode> {
    let scorer = Arc::new(Scorer::builtin().context("built-in instrument definitions")?);
    scorer.schema(&args.instrument)?; // an unknown id fails before reading
    let input_format = args
        .input_format
        .or_else(|| format_of(&args.input))
        .with_context(|| {
            format!(
                "{}: give --input-format csv or parquet",
                args.input.display()
            )
        })?;
    let out_format = args
        .format
        .or_else(|| args.out.as_deref().and_then(format_of))
        .unwrap_or(FileFormat::Csv);
    if out_format == FileFormat::Parquet && args.out.is_none() {
        bail!("Parquet output needs --out FILE");
    }
    let mapping = match &args.mapping {
        Some(p) => {
            Some(std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?)
        }
        None => None,
    };
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let today = jiff::Zoned::now().date();
    let file =
        File::open(&args.input).with_context(|| format!("reading {}", args.input.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let opts = |id_type| Options {
        mapping: mapping.as_deref(),
        id_column: args.id_column.as_deref(),
        id_type,
        today: Some(today),
    };
    let started = Instant::now();
    let bar = progress_bar(args.quiet);
    let shown = args.input.display();
    let stats = match input_format {
        FileFormat::Csv => {
            // Looked at through the reader that reads the rows: a named pipe or a process
            // substitution can be read only once.
            let mut reader = io::BufReader::with_capacity(1 << 20, file);
            if io::BufRead::fill_buf(&mut reader).is_ok_and(|head| head.starts_with(b"PAR1")) {
                bail!("{shown} is a Parquet file: give --input-format parquet");
            }
            let (header, chunker) = Chunker::new(reader, run::CHUNK_BYTES)
                .with_context(|| format!("reading {shown} as CSV"))?;
            let mut plan = Plan::new(scorer, &args.instrument, &header.names, &opts(None))?;
            if header.delimiter == b';' {
                plan.refuse_dot_grouped_numbers();
            }
            notes(&plan);
            let out_file = open_out(&args)?;
            if let Some(b) = &bar {
                b.set_length(size);
            }
            let source = run::csv_source(chunker);
            finish(
                &plan,
                source,
                header.delimiter,
                header.names.len(),
                threads,
                out_file,
                out_format,
                bar.clone(),
                true,
            )?
        }
        FileFormat::Parquet => {
            let input = parquet_io::ParquetInput::open(file).with_context(|| {
                format!("reading {shown} as Parquet (if it is CSV, give --input-format csv)")
            })?;
            let schema = input.schema();
            let names = arrow_in::header(&schema);
            let probe = Plan::new(scorer.clone(), &args.instrument, &names, &opts(None))?;
            let used = probe.used_columns();
            let projected = Arc::new(schema.project(&used)?);
            let names = arrow_in::header(&projected);
            let default_id = if probe.is_long() { "patient_id" } else { "id" };
            let id_type = arrow_in::id_type(&projected, args.id_column.as_deref(), default_id);
            let plan = Plan::new(scorer, &args.instrument, &names, &opts(id_type))?;
            notes(&plan);
            let out_file = open_out(&args)?;
            if let Some(b) = &bar {
                b.set_length(input.rows());
            }
            let source = run::parquet_source(input.reader(&used)?);
            finish(
                &plan,
                source,
                b',',
                names.len(),
                threads,
                out_file,
                out_format,
                bar.clone(),
                false,
            )?
        }
    };
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    summary(&stats, started.elapsed().as_secs_f64());
    Ok(if stats.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

#[allow(clippy::too_many_arguments)]
fn finish(
    plan: &Plan,
    source: impl FnMut() -> Result<Option<(Chunk, u64)>, RunError> + Send,
    delimiter: u8,
    header_len: usize,
    threads: usize,
    out_file: Option<File>,
    out_format: FileFormat,
    bar: Option<indicatif::ProgressBar>,
    by_bytes: bool,
) -> anyhow::Result<Stats> {
    let mut progress = move |rows: u64, read: u64| {
        if let Some(b) = &bar {
            b.set_position(if by_bytes { read } else { rows });
            // The position is bytes for CSV, so the rate is counted here, in rows.
            let seconds = b.elapsed().as_secs_f64();
            let rate = if seconds > 0.0 {
                (rows as f64 / seconds) as u64
            } else {
                0
            };
            b.set_message(format!("{rows} rows, {rate} rows/s"));
        }
    };
    match out_format {
        FileFormat::Csv => {
            let mut w: Box<dyn Write + Send> = match out_file {
                Some(f) => Box::new(BufWriter::with_capacity(1 << 20, f)),
                None => Box::new(BufWriter::with_capacity(1 << 20, io::stdout())),
            };
            let stats = run::run(
                plan,
                source,
                delimiter,
                header_len,
                threads,
                Sink::Csv(&mut w),
                &mut progress,
            )?;
            w.flush()?;
            Ok(stats)
        }
        FileFormat::Parquet => {
            let f = out_file.context("Parquet output needs --out FILE")?;
            let mut writer = parquet_io::writer(f, plan.schema.clone())?;
            let mut write = |b| parquet_io::write(&mut writer, &b).map_err(RunError::from);
            let stats = run::run(
                plan,
                source,
                delimiter,
                header_len,
                threads,
                Sink::Batches(&mut write),
                &mut progress,
            )?;
            writer.close()?;
            Ok(stats)
        }
    }
}

fn progress_bar(quiet: bool) -> Option<indicatif::ProgressBar> {
    if quiet || !io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template("{bar:30} {percent:>3}% {msg}, ETA {eta}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

fn notes(plan: &Plan) {
    if !plan.ignored.is_empty() {
        eprintln!(
            "myo: columns not read by this instrument: {}",
            plan.ignored.join(", ")
        );
    }
    if !plan.absent.is_empty() {
        eprintln!(
            "myo: no column for {} (reported as not assessed in every row)",
            plan.absent.join(", ")
        );
    }
}

fn summary(stats: &Stats, seconds: f64) {
    eprintln!(
        "myo: {} rows, {} scored, {} failed ({:.1} s)",
        stats.rows, stats.scored, stats.failed, seconds
    );
    for ((field, kind), (n, example)) in &stats.kinds {
        eprintln!("  {n:>10}  {field}: {kind}  (e.g. {example})");
    }
}
