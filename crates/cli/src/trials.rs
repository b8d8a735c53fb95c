//! `myo trials sync`: copies the inflammatory-myopathy studies from ClinicalTrials.gov (API v2)
//! into the database. A failed sync is recorded and keeps the last good copy; the exit code is
//! 1 then, so a cron job notices.

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use crate::db::DbLocation;
use crate::out::emit_line;

/// The clinical-trial finder's data.
#[derive(Debug, Subcommand)]
pub(crate) enum TrialsCommand {
    /// Fetch every dermatomyositis / myositis study from ClinicalTrials.gov and store it.
    Sync(SyncArgs),
}

/// `myo trials sync`.
#[derive(Debug, Args)]
pub(crate) struct SyncArgs {
    #[command(flatten)]
    location: DbLocation,
    /// The API address (default: ClinicalTrials.gov's `/api/v2/studies`).
    #[arg(long, value_name = "URL", default_value = myo_trials::v2::BASE_URL)]
    api_url: String,
}

pub(crate) fn run(cmd: TrialsCommand) -> Result<ExitCode> {
    let TrialsCommand::Sync(args) = cmd;
    crate::db::runtime()?.block_on(async {
        let location = args.location.resolve()?;
        let store = myo_store::open(&location, myo_store::OpenOptions::default())
            .await
            .context("opening the database")?;
        let outcome = myo_web::trials::sync::sync_now(store.as_ref(), &args.api_url)
            .await
            .context("storing the studies")?;
        store.close().await;
        match outcome {
            myo_web::trials::sync::SyncOutcome::Replaced { studies, pages } => {
                emit_line(&format!(
                    "trials: {studies} studies stored from {pages} page(s)"
                ))?;
                Ok(ExitCode::SUCCESS)
            }
            myo_web::trials::sync::SyncOutcome::Failed { reason } => {
                emit_line(&format!(
                    "trials: sync failed, last good copy kept: {reason}"
                ))?;
                Ok(ExitCode::from(1))
            }
        }
    })
}
