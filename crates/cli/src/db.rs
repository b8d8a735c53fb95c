//! `myo db migrate|copy` and `myo user add`: database upkeep and the first account, from the
//! command line. All the work is in `myo-store`; this module parses, runs and reports.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::out::emit_line;
use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use myo_store::{AuditEntry, Location, NewUser, OpenOptions, Outcome, Role, StoreError, UserId};

/// Where the database is: `--database-url` wins over `--data-dir`.
#[derive(Debug, Args)]
pub(crate) struct DbLocation {
    /// Database URL: `sqlite://PATH` or `postgres://USER@HOST:PORT/DB`.
    #[arg(long, value_name = "URL")]
    database_url: Option<String>,
    /// Data directory holding `myo.sqlite3` when no `--database-url` is given.
    #[arg(long, value_name = "DIR", default_value = "./myo-data")]
    data_dir: PathBuf,
}

impl DbLocation {
    pub(crate) fn resolve(&self) -> Result<Location> {
        Location::resolve(self.database_url.as_deref(), &self.data_dir).context("--database-url")
    }

    /// The web application's configuration for this database (for commands that run the
    /// web layer's code without serving, such as `myo fhir import`).
    pub(crate) fn web_config(&self) -> Result<myo_web::Config> {
        let raw = myo_web::RawConfig {
            database_url: self.database_url.clone(),
            data_dir: Some(self.data_dir.clone()),
            ..myo_web::RawConfig::default()
        };
        Ok(myo_web::Config::from_raw(raw)?)
    }
}

/// Database upkeep.
#[derive(Debug, Subcommand)]
pub(crate) enum DbCommand {
    /// Apply pending schema migrations (also done when `myo serve` starts).
    Migrate(DbLocation),
    /// Copy every table from one database to another, e.g. SQLite to PostgreSQL.
    Copy(CopyArgs),
}

/// `myo db copy`.
#[derive(Debug, Args)]
pub(crate) struct CopyArgs {
    /// Source database URL (or data directory); must be fully migrated.
    #[arg(long, value_name = "URL")]
    from: String,
    /// Target database URL (or data directory); migrated, then must be empty.
    #[arg(long, value_name = "URL")]
    to: String,
}

/// Account administration.
#[derive(Debug, Subcommand)]
pub(crate) enum UserCommand {
    /// Create an account (for example the first admin).
    Add(UserAddArgs),
}

/// `myo user add`.
#[derive(Debug, Args)]
pub(crate) struct UserAddArgs {
    /// E-mail address used to sign in.
    #[arg(long)]
    email: String,
    /// patient, clinician or admin.
    #[arg(long, value_parser = ["patient", "clinician", "admin"])]
    role: String,
    /// Display name (defaults to the part of the e-mail before `@`).
    #[arg(long)]
    name: Option<String>,
    /// Read the password from the first line of standard input; otherwise a random one is
    /// generated and printed once.
    #[arg(long)]
    password_stdin: bool,
    #[command(flatten)]
    location: DbLocation,
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// Runs `myo db …`.
pub(crate) fn run_db(cmd: DbCommand) -> Result<ExitCode> {
    runtime()?.block_on(async {
        match cmd {
            DbCommand::Migrate(location) => migrate(&location.resolve()?).await,
            DbCommand::Copy(args) => copy(&args).await,
        }
    })
}

async fn migrate(location: &Location) -> Result<ExitCode> {
    let store = myo_store::open(
        location,
        OpenOptions {
            max_connections: 1,
            ..OpenOptions::default()
        },
    )
    .await
    .context("db migrate")?;
    store.close().await;
    emit_line(&format!("{location}: schema up to date"))?;
    Ok(ExitCode::SUCCESS)
}

async fn copy(args: &CopyArgs) -> Result<ExitCode> {
    let from = Location::parse(&args.from).context("--from")?;
    let to = Location::parse(&args.to).context("--to")?;
    let report = myo_store::copy(&from, &to).await.context("db copy")?;
    for (table, rows) in &report.tables {
        emit_line(&format!("{table}: {rows} rows"))?;
    }
    emit_line(&format!(
        "copied {from} to {to}; audit chain verified ({} events)",
        report.audit_events_verified
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `myo user …`.
pub(crate) fn run_user(cmd: UserCommand) -> Result<ExitCode> {
    match cmd {
        UserCommand::Add(args) => {
            let (password, generated) = if args.password_stdin {
                (read_password_line()?, false)
            } else {
                (myo_store::token::random_hex(12), true)
            };
            let hash = myo_store::password::hash(&password).context("--password-stdin")?;
            runtime()?.block_on(add_user(&args, hash))?;
            if generated {
                emit_line(&format!(
                    "password (shown once; change it after signing in): {password}"
                ))?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn read_password_line() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from stdin")?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        bail!("--password-stdin: standard input had no password on its first line");
    }
    Ok(password)
}

async fn add_user(args: &UserAddArgs, password_hash: String) -> Result<()> {
    let location = args.location.resolve()?;
    let role = Role::parse(&args.role).context("--role")?;
    let display_name = args
        .name
        .clone()
        .unwrap_or_else(|| args.email.split('@').next().unwrap_or_default().to_owned());
    let user = NewUser {
        id: UserId::random(),
        email: args.email.clone(),
        password_hash,
        role,
        display_name,
        created_at: myo_store::Timestamp::now(),
    };
    let mut audit = AuditEntry::new(
        user.created_at,
        "create",
        "user",
        Some(user.id.as_str()),
        Outcome::Success,
    )
    .by(None, "system");
    audit.details = Some(format!(
        "{{\"via\":\"cli\",\"role\":\"{}\"}}",
        role.as_str()
    ));
    let store = myo_store::open(
        &location,
        OpenOptions {
            max_connections: 1,
            ..OpenOptions::default()
        },
    )
    .await
    .context("user add")?;
    let created = store.create_user(&user, &audit).await;
    store.close().await;
    match created {
        Ok(user) => {
            emit_line(&format!(
                "created {} account {} (id {}) in {location}",
                user.role, user.email, user.id
            ))?;
            Ok(())
        }
        Err(StoreError::Conflict { .. }) => {
            bail!("--email: an account with this e-mail address already exists")
        }
        Err(StoreError::Invalid { field, reason }) => bail!("--{field}: {reason}"),
        Err(err) => Err(err).context("creating the account"),
    }
}
