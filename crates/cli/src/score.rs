//! `myo score`: score published instruments from JSON or NDJSON cases.
//!
//! Input is one JSON document, or NDJSON (one case per line), told apart by content: an input
//! that parses as one JSON value is one case; otherwise, if it has several non-empty lines and
//! any one of them is a complete JSON object, every non-empty line is a case — whichever line is
//! bad, the first included. Results go to stdout, one per case, in order. A bad NDJSON line
//! (invalid JSON, invalid UTF-8, a bad field) is reported on stderr as `line N: …` and the
//! others are still scored (exit 2). A bad single case prints nothing on stdout (exit 2).
//! A leading UTF-8 byte-order mark is ignored.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use myo_api::{ScoreError, Scorer, explain_text, parse_case};
use serde_json::Value;

/// Arguments of `myo score`.
#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// Instrument id (see `myo score --list`).
    pub instrument: Option<String>,
    /// File with one JSON case or NDJSON (one case per line); `-` or none reads stdin.
    pub file: Option<PathBuf>,
    /// List the instruments with their status and citation.
    #[arg(long)]
    pub list: bool,
    /// Print the JSON Schema of the instrument's input.
    #[arg(long)]
    pub schema: bool,
    /// Output format: `json` (default for results) or `text` (default for `--list`).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

/// Output format of `myo score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON result per line.
    Json,
    /// A readable explanation per case.
    Text,
}

pub fn run(args: ScoreArgs) -> anyhow::Result<ExitCode> {
    let scorer = Scorer::builtin().context("built-in instrument definitions")?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.list {
        list(&scorer, args.format.unwrap_or(Format::Text), &mut out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(id) = args.instrument.as_deref() else {
        bail!("give an instrument id (see `myo score --list`)");
    };
    let schema = scorer.schema(id)?; // also rejects an unknown id before reading input
    if args.schema {
        writeln!(out, "{}", serde_json::to_string_pretty(&schema)?)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let format = args.format.unwrap_or(Format::Json);
    let bytes = read_input(args.file.as_ref())?;
    let whole = std::str::from_utf8(&bytes).ok();
    let code = match whole.map(serde_json::from_str::<Value>) {
        Some(Ok(case)) => {
            let mut buf = Vec::new();
            score_case(&scorer, id, &case, format, &mut buf)?;
            out.write_all(&buf)?;
            ExitCode::SUCCESS
        }
        _ if looks_like_ndjson(&bytes) => ndjson(&scorer, id, &bytes, format, &mut out)?,
        Some(Err(e)) => bail!("field $: invalid JSON: {e}"),
        None => bail!("field $: the input is not valid UTF-8 text"),
    };
    out.flush()?;
    Ok(code)
}

fn read_input(file: Option<&PathBuf>) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    match file {
        Some(path) if path.as_os_str() != "-" => {
            bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        }
        _ => {
            io::stdin()
                .read_to_end(&mut bytes)
                .context("reading stdin")?;
        }
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()) {
        bytes = rest.to_vec();
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        bail!("no input: give one JSON case or NDJSON (one case per line)");
    }
    Ok(bytes)
}

/// The non-empty lines with their 1-based numbers (a trailing CR is dropped).
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    bytes
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .enumerate()
        .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
        .map(|(n, l)| (n + 1, l))
}

/// NDJSON when there are several non-empty lines and at least one is a JSON object on its own
/// (a pretty-printed document has no such line), so a bad first line does not turn the batch
/// into one broken document.
fn looks_like_ndjson(bytes: &[u8]) -> bool {
    lines(bytes).nth(1).is_some()
        && lines(bytes)
            .any(|(_, l)| serde_json::from_slice::<Value>(l).is_ok_and(|v| v.is_object()))
}

fn ndjson(
    scorer: &Scorer,
    id: &str,
    bytes: &[u8],
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let mut rejected = 0usize;
    let mut buf = Vec::new();
    for (n, line) in lines(bytes) {
        let Ok(line) = std::str::from_utf8(line) else {
            rejected += 1;
            out.flush()?;
            eprintln!("line {n}: field $: not valid UTF-8 text");
            continue;
        };
        let scored = parse_case(line)
            .map_err(ScoreError::from)
            .and_then(|case| score_case(scorer, id, &case, format, &mut buf));
        match scored {
            Ok(()) => out.write_all(&buf)?,
            Err(ScoreError::Input(e)) => {
                rejected += 1;
                out.flush()?;
                eprintln!("line {n}: {e}");
            }
            Err(other) => return Err(other.into()),
        }
    }
    if rejected > 0 {
        eprintln!("myo: {rejected} case(s) rejected");
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

/// Scores one case into `buf` (cleared first), one line: the JSON exactly as the HTTP API sends
/// it, or the readable explanation.
fn score_case(
    scorer: &Scorer,
    id: &str,
    case: &Value,
    format: Format,
    buf: &mut Vec<u8>,
) -> Result<(), ScoreError> {
    buf.clear();
    match format {
        Format::Json => scorer.score_to_writer(id, case, buf)?,
        Format::Text => {
            buf.extend_from_slice(explain_text(&scorer.score_json(id, case)?).as_bytes())
        }
    }
    buf.push(b'\n');
    Ok(())
}

fn list(scorer: &Scorer, format: Format, out: &mut impl Write) -> anyhow::Result<()> {
    for item in scorer.list() {
        if format == Format::Json {
            writeln!(out, "{}", serde_json::to_string(&item)?)?;
            continue;
        }
        let s = |v: &Value| v.as_str().unwrap_or_default().to_owned();
        writeln!(
            out,
            "{:<20} {:<9} {}",
            s(&item["id"]),
            s(&item["status"]),
            s(&item["title"])
        )?;
        writeln!(
            out,
            "{:<30} {} [{}]",
            "",
            s(&item["citation"]["reference"]),
            s(&item["citation"]["locator"])
        )?;
    }
    Ok(())
}
