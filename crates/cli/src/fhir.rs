//! `myo fhir import`: a FHIR R4 Bundle (JSON) from a hospital portal into one patient's
//! records in the local store. The planning, the checks (real dates, ids, statuses, UCUM units,
//! the weekly-only methotrexate guard, lab plausibility, doses) and the audit entries are the
//! web import's own (`myo_web::interop::import_http::import`); this module reads the file,
//! finds the account and prints.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use myo_store::{AuditEntry, Outcome, Role, Timestamp, UserId};
use myo_web::interop::import_http::{self, Imported};

use crate::db::DbLocation;
use crate::out::emit_line;

/// FHIR R4 exchange.
#[derive(Debug, Subcommand)]
pub(crate) enum FhirCommand {
    /// Import a FHIR R4 Bundle (JSON) into a patient's records: labs, antibodies, myositis
    /// conditions and medicines, through the same checks as the web import. Prints what was
    /// added, refused (with the field in plain words) and skipped. Exit code 2 when any entry
    /// was refused.
    Import(ImportArgs),
}

/// `myo fhir import`.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The Bundle file (`-` for standard input).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The patient's account: e-mail address or account id.
    #[arg(long, value_name = "EMAIL_OR_ID")]
    patient: String,
    /// Show what would be imported; save nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print the result as JSON (the API's shape) instead of lines of text.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    location: DbLocation,
}

/// Largest file read (the web import's limit).
const MAX_FILE: u64 = myo_web::boundary::IMPORT_BODY_LIMIT as u64;

fn read_file(path: &PathBuf) -> Result<String> {
    let mut bytes = Vec::new();
    let what = if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_FILE + 1)
            .read_to_end(&mut bytes)
            .context("FILE: reading standard input")?;
        "standard input".to_owned()
    } else {
        std::fs::File::open(path)
            .with_context(|| format!("FILE: cannot open {}", path.display()))?
            .take(MAX_FILE + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("FILE: cannot read {}", path.display()))?;
        path.display().to_string()
    };
    if bytes.len() as u64 > MAX_FILE {
        bail!(
            "FILE: {what} is larger than the import limit of {} MiB; export a shorter period \
             from the portal, or split the file",
            MAX_FILE / (1024 * 1024)
        );
    }
    String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("FILE: {what} is not UTF-8 text (expected FHIR JSON)"))
}

pub(crate) fn run(cmd: FhirCommand) -> Result<ExitCode> {
    let FhirCommand::Import(args) = cmd;
    let text = read_file(&args.file)?;
    crate::db::runtime()?.block_on(import(&args, &text))
}

async fn import(args: &ImportArgs, text: &str) -> Result<ExitCode> {
    let config = args.location.web_config()?;
    let store = myo_web::open_store(&config)
        .await
        .context("opening the database")?;
    let state = myo_web::AppState::new(config, store).context("loading Myo's built-in data")?;
    let result = import_into(&state, args, text).await;
    state.store().close().await;
    let out = result?;
    if args.json {
        let value = import_http::result_json(&out, !args.dry_run);
        emit_line(&serde_json::to_string_pretty(&value)?)?;
    } else {
        print_text(&out, args.dry_run)?;
    }
    Ok(if out.plan.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

async fn import_into(state: &myo_web::AppState, args: &ImportArgs, text: &str) -> Result<Imported> {
    let store = state.store();
    let found = if args.patient.contains('@') {
        store.find_user_by_email(&args.patient).await?
    } else {
        store.get_user(&UserId(args.patient.clone())).await?
    };
    let Some(patient) = found.filter(|u| u.disabled_at.is_none()) else {
        bail!("--patient: no active account {}", args.patient);
    };
    if patient.role != Role::Patient {
        bail!(
            "--patient: {} is a {} account; records are imported into a patient's account",
            args.patient,
            patient.role
        );
    }
    let pid = patient.id.clone();
    let make = |act: &str, resource: &str, id: Option<&str>| {
        let mut e = AuditEntry::new(Timestamp::now(), act, resource, id, Outcome::Success)
            .by(None, "system")
            .for_patient(pid.as_str());
        e.details = Some(r#"{"via":"cli"}"#.to_owned());
        e
    };
    import_http::import(state, &pid, &make, text, !args.dry_run)
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message))
}

fn print_text(out: &Imported, dry_run: bool) -> Result<()> {
    let p = &out.plan;
    if dry_run {
        emit_line("dry run: nothing was saved")?;
    }
    emit_line(&import_http::headline(p, out.saved))?;
    let verb = if dry_run { "would add" } else { "added" };
    for a in &p.add {
        emit_line(&format!("{verb}: {}", a.summary))?;
    }
    for r in &p.refused {
        emit_line(&format!("refused: {}: {} ({})", r.field, r.message, r.path))?;
    }
    for d in &p.duplicates {
        emit_line(&format!("already there: {d}"))?;
    }
    for s in &p.skipped {
        emit_line(&format!("skipped: {s}"))?;
    }
    Ok(())
}
