//! `myo score`: placeholder until the instruments land.
use std::process::ExitCode;

/// Arguments of `myo score`.
#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// Instrument id (see `myo score --list`).
    pub instrument: Option<String>,
}

pub fn run(_args: ScoreArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
