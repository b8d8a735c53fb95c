//! `myo serve`: the web application and JSON API. Parses options, validates them once into a
//! `myo_web::Config`, opens (and migrates) the store, then serves until SIGTERM or ctrl-c.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Arguments of `myo serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (`127.0.0.1:0` picks a free port; the first stdout line names it).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Data directory; the SQLite database lives here unless --database-url is given.
    #[arg(long, value_name = "DIR", default_value = "./myo-data")]
    pub data_dir: PathBuf,
    /// Database: `sqlite://PATH` or `postgres://USER@HOST/DB`.
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
    /// The address users reach the site at, e.g. `https://myo.example.org` (https turns on
    /// secure cookies).
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// Let patients create their own accounts (the default).
    #[arg(long, overrides_with = "no_signup")]
    pub allow_signup: bool,
    /// Turn off self sign-up; accounts are then created with `myo user add`.
    #[arg(long)]
    pub no_signup: bool,
    /// Force `Secure` + `__Host-` cookies (default: on when --public-url is https).
    #[arg(long)]
    pub secure_cookies: bool,
    /// Behind N reverse proxies (nginx, HAProxy, a cloud load balancer), take the client
    /// address from the N-th `X-Forwarded-For` hop from the right; `--trust-proxy` alone means 1.
    /// Hops further left are written by the client and never trusted. Default: 0 (ignored).
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "1", default_value = "0")]
    pub trust_proxy: usize,
    /// Seconds a client has to send a request's headers; idle keep-alive connections are also
    /// closed after it.
    #[arg(long, value_name = "SECS", default_value = "10", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,
    /// Seconds a client has to send a request's body.
    #[arg(long, value_name = "SECS", default_value = "30", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub body_timeout: u64,
    /// Connections served at once; more wait to be accepted. Keep it under the open-file
    /// limit (`ulimit -n`).
    #[arg(long, value_name = "N", default_value = "512", value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_connections: u64,
    /// A TOML file listing the EHRs allowed to call the CDS Hooks services (`[[client]]` with
    /// `iss` and its JWKS). Without it the services refuse every call.
    #[arg(long, value_name = "FILE")]
    pub cds_clients: Option<std::path::PathBuf>,
    /// Sync clinical trials from ClinicalTrials.gov every N hours in the background (first run
    /// at start-up); off unless given. Pages never wait for it; a failure keeps the last copy.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=8760))]
    pub trials_sync_hours: Option<u32>,
    /// Send e-mail (password-reset links, reminders) through this SMTP server:
    /// `smtp://[user:password@]host[:port]` (port 25 by default; no TLS: use a local relay).
    /// Needs --public-url. Without it no e-mail is sent and admins make reset links.
    #[arg(long, value_name = "URL")]
    pub smtp_url: Option<String>,
    /// The sender of Myo's e-mail, e.g. `Myo <no-reply@example.org>` (default: no-reply at the
    /// host of --public-url).
    #[arg(long, value_name = "ADDRESS")]
    pub mail_from: Option<String>,
    /// Run the e-mail reminder job every SECS seconds (default 900, a quarter of an hour; only
    /// with --smtp-url). Several processes on one database still send each reminder once.
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=86400))]
    pub reminder_every: Option<u64>,
    /// Log level for the server log on stderr (`error`, `warn`, `info`, `debug`).
    #[arg(long, value_name = "LEVEL", default_value = "info")]
    pub log: String,
}

/// Runs the server until it is told to stop.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let level: tracing::Level = args.log.parse().map_err(|_| {
        anyhow::anyhow!(
            "--log {:?}: expected error, warn, info, debug or trace",
            args.log
        )
    })?;
    tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
    let raw = myo_web::RawConfig {
        bind: Some(args.bind),
        data_dir: Some(args.data_dir),
        database_url: args.database_url,
        public_url: args.public_url,
        allow_signup: Some(!args.no_signup),
        secure_cookies: args.secure_cookies.then_some(true),
        trust_proxy: args.trust_proxy,
        header_timeout: Some(std::time::Duration::from_secs(args.header_timeout)),
        body_timeout: Some(std::time::Duration::from_secs(args.body_timeout)),
        max_connections: usize::try_from(args.max_connections).ok(),
        cds_clients: args.cds_clients,
        trials_sync_hours: args.trials_sync_hours,
        smtp_url: args.smtp_url,
        mail_from: args.mail_from,
        reminder_every: args.reminder_every.map(std::time::Duration::from_secs),
    };
    let config = myo_web::Config::from_raw(raw)?;
    if config.public_url.is_none() {
        tracing::warn!(
            "no --public-url: Myo does not know its public address, so share, calendar and \
             reset links take the address from each request's Host header (plain host[:port] \
             only) and e-mail is off; set --public-url https://your.site to fix the address"
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    let started = std::time::Instant::now();
    runtime.block_on(async move {
        let store = myo_web::open_store(&config)
            .await
            .with_context(|| format!("opening the database {}", config.database))?;
        let db_ms = started.elapsed().as_millis();
        let state = myo_web::AppState::new(config, store)?;
        tracing::info!(
            database = %state.config().database,
            db_ms,
            total_ms = started.elapsed().as_millis(),
            "ready: migrations applied, knowledge base and instruments loaded"
        );
        myo_web::serve(state).await.context("serving")?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
