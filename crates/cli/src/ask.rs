//! `myo ask`, `myo search`, `myo eval`: placeholders until Ask lands.
use std::process::ExitCode;

/// Arguments of `myo ask`.
#[derive(Debug, clap::Args)]
pub struct AskArgs {
    /// The question, in your own words.
    pub question: String,
}

/// Arguments of `myo search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Search terms.
    pub terms: String,
}

/// Arguments of `myo eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {}

pub fn run_ask(_args: AskArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}

pub fn run_search(_args: SearchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}

pub fn run_eval(_args: EvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
