//! `myo kb …`: placeholder until the knowledge base lands.
use std::process::ExitCode;

/// `myo kb` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum KbCommand {
    /// Check every rule of the content model.
    Check,
}

pub fn run(_cmd: KbCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
