//! `myo`: the command-line front door to Myo.
//!
//! This crate is thin on purpose: it parses arguments, validates configuration once, wires the
//! library crates together and maps failures to exit codes. It holds no clinical logic.
//!
//! Exit codes: 0 success; 1 the command ran but found problems (for example `myo kb check`
//! failing a rule); 2 bad input or usage (messages name the field), or a run that finished with
//! some records rejected.

mod ask;
mod cohort;
mod db;
mod fhir;
mod kb;
mod out;
mod score;
mod serve;
mod trials;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Myo: dermatomyositis and myositis information, clinical instruments and care tracking.
#[derive(Debug, Parser)]
#[command(name = "myo", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score a published clinical instrument from JSON or NDJSON cases.
    Score(score::ScoreArgs),
    /// Score whole cohorts from CSV or Parquet files (one row per case, or per visit).
    #[command(subcommand)]
    Cohort(cohort::CohortCommand),
    /// Inspect and check the built-in knowledge base.
    #[command(subcommand)]
    Kb(kb::KbCommand),
    /// Ask a question; answers come only from the reviewed knowledge base.
    Ask(ask::AskArgs),
    /// Search the knowledge base.
    Search(ask::SearchArgs),
    /// Evaluate retrieval, triage and guardrails on the built-in question set.
    Eval(ask::EvalArgs),
    /// Run the web application and JSON API.
    Serve(serve::ServeArgs),
    /// Database upkeep: apply migrations, copy between SQLite and PostgreSQL.
    #[command(subcommand)]
    Db(db::DbCommand),
    /// Account administration (e.g. create the first admin).
    #[command(subcommand)]
    User(db::UserCommand),
    /// FHIR R4 exchange: `myo fhir import` brings a hospital portal's Bundle into a patient's
    /// records.
    #[command(subcommand)]
    Fhir(fhir::FhirCommand),
    /// Clinical-trial finder data: `myo trials sync` copies studies from ClinicalTrials.gov.
    #[command(subcommand)]
    Trials(trials::TrialsCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score(args) => score::run(args),
        Command::Cohort(cmd) => cohort::run(cmd),
        Command::Kb(cmd) => kb::run(cmd),
        Command::Ask(args) => ask::run_ask(args),
        Command::Search(args) => ask::run_search(args),
        Command::Eval(args) => ask::run_eval(args),
        Command::Serve(args) => serve::run(args),
        Command::Db(cmd) => db::run_db(cmd),
        Command::User(cmd) => db::run_user(cmd),
        Command::Fhir(cmd) => fhir::run(cmd),
        Command::Trials(cmd) => trials::run(cmd),
    };
    match result {
        Ok(code) => code,
        // The reader closed the pipe (`myo … | head`): it has what it wanted.
        Err(err) if out::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("myo: {err:#}");
            ExitCode::from(2)
        }
    }
}
