//! Server configuration: raw options (from the command line) validated once into a [`Config`]
//! that is passed explicitly; there is no global configuration.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Options as given by the user, before validation.
#[derive(Debug, Clone, Default)]
pub struct RawConfig {
    /// `--bind` (default `127.0.0.1:8080`).
    pub bind: Option<String>,
    /// `--data-dir` (default `./myo-data`).
    pub data_dir: Option<PathBuf>,
    /// `--database-url` (default: SQLite file in the data directory).
    pub database_url: Option<String>,
    /// `--public-url`: the address users reach the site at (`https://myo.example.org`).
    pub public_url: Option<String>,
    /// `--allow-signup` / `--no-signup` (default: allowed).
    pub allow_signup: Option<bool>,
    /// `--secure-cookies` (default: on when the public URL is https).
    pub secure_cookies: Option<bool>,
    /// `--trust-proxy N`: behind N reverse proxies, take the client address from the N-th
    /// `X-Forwarded-For` hop counted from the right (0: ignore the header).
    pub trust_proxy: usize,
    /// `--header-timeout` (default 10 s): the whole request head must arrive within it; also
    /// how long an idle keep-alive connection is kept.
    pub header_timeout: Option<Duration>,
    /// `--body-timeout` (default 30 s): the whole request body must arrive within it.
    pub body_timeout: Option<Duration>,
    /// `--max-connections` (default 512): connections served at once; more wait to be accepted.
    pub max_connections: Option<usize>,
    /// `--cds-clients FILE`: the EHRs allowed to call the CDS Hooks services (none: closed).
    pub cds_clients: Option<PathBuf>,
    /// `--trials-sync-hours N`: sync studies from ClinicalTrials.gov every N hours inside the
    /// server (off unless given).
    pub trials_sync_hours: Option<u32>,
    /// `--smtp-url`: where e-mail is sent (`smtp://host:port`); without it, no e-mail is sent
    /// and an admin issues password-reset links.
    pub smtp_url: Option<String>,
    /// `--mail-from` (default `Myo <no-reply@HOST>`, HOST from the public URL).
    pub mail_from: Option<String>,
    /// `--reminder-every SECS` (default 15 minutes): how often the e-mail reminder job runs.
    pub reminder_every: Option<Duration>,
}

/// Validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// Directory for the SQLite database (created when missing).
    pub data_dir: PathBuf,
    /// Where the database is (SQLite file or PostgreSQL URL).
    pub database: myo_store::Location,
    /// Public origin without trailing slash (`https://myo.example.org`), if configured; used for
    /// the CSRF origin check, absolute links and citations.
    pub public_url: Option<String>,
    /// Patients may create their own accounts.
    pub allow_signup: bool,
    /// Cookies carry `Secure` and the `__Host-` prefix.
    pub secure_cookies: bool,
    /// Reverse proxies trusted in front of the server (0: none): the client address is the
    /// `X-Forwarded-For` hop this many places from the right.
    pub trust_proxy: usize,
    /// The request head must arrive within this; idle keep-alive connections close after it.
    pub header_timeout: Duration,
    /// The request body must arrive within this.
    pub body_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// Sync trials every this many hours (`None`: no schedule).
    pub trials_sync_hours: Option<u32>,
    /// Community posts one account may make per clock hour and per UTC day.
    pub post_limits: myo_store::PostLimits,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// A session ends this long after sign-in, whatever the activity.
    pub session_absolute: Duration,
    /// Failed sign-ins counted over this window.
    pub login_window: Duration,
    /// Failed sign-ins for one account from one address before exponential back-off starts.
    pub login_max_per_account: u32,
    /// First back-off delay after those failures; it doubles with each further failure.
    pub login_backoff_base: Duration,
    /// Longest back-off delay.
    pub login_backoff_max: Duration,
    /// Failed sign-ins from one address within the window before it is locked.
    pub login_max_per_address: u32,
    /// Password hashes run at once (default: one per core, at most 8; 19 MiB each).
    pub hash_slots: usize,
    /// Password hashes that may wait for a slot; beyond them the answer is 503.
    pub hash_queue: usize,
    /// Longest a password hash waits for a slot before the answer is 503.
    pub hash_wait: Duration,
    /// EHRs allowed to call the CDS Hooks services; empty: every call is refused.
    pub cds_clients: crate::interop::cds_auth::CdsClients,
    /// Plain-http origins (`http://127.0.0.1:4000`) a CDS client's `fhirServer` may name, for
    /// tests against a local stand-in; empty by default, when only https servers are read.
    pub cds_fhir_http_origins: Vec<String>,
    /// Longest one read from a CDS client's FHIR server may take.
    pub cds_fhir_timeout: Duration,
    /// Outgoing e-mail (`--smtp-url`, `--mail-from`), if configured.
    pub mail: Option<crate::mail::MailConfig>,
    /// How often the e-mail reminder job runs (when e-mail is configured).
    pub reminder_every: Duration,
    /// Limits and lifetime of password-reset links.
    pub reset_policy: myo_store::recovery::ResetPolicy,
}

/// Why the configuration is invalid; each names the option.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// `--bind` is not `host:port`.
    #[error("--bind {value:?}: expected an address like 127.0.0.1:8080")]
    Bind {
        /// The value given.
        value: String,
    },
    /// `--public-url` is not an http(s) origin.
    #[error(
        "--public-url {value:?}: expected http://host[:port] or https://host[:port] with no path"
    )]
    PublicUrl {
        /// The value given.
        value: String,
    },
    /// `--database-url` is not usable.
    #[error("--database-url: {reason}")]
    DatabaseUrl {
        /// Why (credentials removed by the store).
        reason: String,
    },
    /// `--secure-cookies` asked for on a plain-http public URL: browsers would drop the cookie.
    #[error(
        "--secure-cookies needs an https --public-url (browsers drop Secure cookies over http)"
    )]
    SecureOverHttp,
    /// The `--cds-clients` file is unreadable or invalid.
    #[error("{0}")]
    CdsClients(String),
    /// `--smtp-url` or `--mail-from` is not usable.
    #[error("{option}: {reason}")]
    Mail {
        /// The option.
        option: &'static str,
        /// Why.
        reason: String,
    },
}

impl Config {
    /// Validates raw options, filling defaults.
    pub fn from_raw(raw: RawConfig) -> Result<Config, ConfigError> {
        let bind_text = raw.bind.unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let bind = bind_text
            .parse::<SocketAddr>()
            .map_err(|_| ConfigError::Bind {
                value: bind_text.clone(),
            })?;
        let data_dir = raw.data_dir.unwrap_or_else(|| PathBuf::from("./myo-data"));
        let database = myo_store::Location::resolve(raw.database_url.as_deref(), &data_dir)
            .map_err(|e| ConfigError::DatabaseUrl {
                reason: e.to_string(),
            })?;
        let public_url = raw.public_url.map(|u| parse_origin(&u)).transpose()?;
        let https = public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"));
        let secure_cookies = match raw.secure_cookies {
            Some(true) if public_url.is_some() && !https => {
                return Err(ConfigError::SecureOverHttp);
            }
            Some(v) => v,
            None => https,
        };
        let cds_clients = match &raw.cds_clients {
            Some(path) => crate::interop::cds_auth::CdsClients::load(path)
                .map_err(|e| ConfigError::CdsClients(e.to_string()))?,
            None => crate::interop::cds_auth::CdsClients::none(),
        };
        let mail = crate::mail::MailConfig::from_options(
            raw.smtp_url.as_deref(),
            raw.mail_from.as_deref(),
            public_url.as_deref(),
        )?;
        let hash_slots = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(myo_store::password::MAX_SLOTS);
        Ok(Config {
            bind,
            data_dir,
            database,
            public_url,
            allow_signup: raw.allow_signup.unwrap_or(true),
            secure_cookies,
            trust_proxy: raw.trust_proxy,
            header_timeout: raw.header_timeout.unwrap_or(Duration::from_secs(10)),
            body_timeout: raw.body_timeout.unwrap_or(Duration::from_secs(30)),
            max_connections: raw.max_connections.unwrap_or(512).max(1),
            trials_sync_hours: raw.trials_sync_hours.filter(|h| *h > 0),
            post_limits: myo_store::PostLimits::default(),
            body_limit: 64 * 1024,
            session_idle: Duration::from_secs(30 * 60),
            session_absolute: Duration::from_secs(12 * 60 * 60),
            login_window: Duration::from_secs(15 * 60),
            login_max_per_account: 5,
            login_backoff_base: Duration::from_secs(30),
            login_backoff_max: Duration::from_secs(60 * 60),
            login_max_per_address: 20,
            hash_slots,
            hash_queue: 2 * hash_slots,
            hash_wait: Duration::from_secs(2),
            cds_clients,
            cds_fhir_http_origins: Vec::new(),
            cds_fhir_timeout: crate::interop::prefetch::TIMEOUT,
            mail,
            reminder_every: raw
                .reminder_every
                .filter(|d| !d.is_zero())
                .unwrap_or(crate::reminders::EVERY),
            reset_policy: myo_store::recovery::ResetPolicy::default(),
        })
    }

    /// A configuration for tests: SQLite URL given, sign-up on, plain http.
    pub fn for_tests(database_url: &str) -> Config {
        let raw = RawConfig {
            bind: Some("127.0.0.1:0".to_owned()),
            database_url: Some(database_url.to_owned()),
            ..RawConfig::default()
        };
        Config::from_raw(raw).unwrap_or_else(|e| unreachable!("test config is valid: {e}"))
    }

    /// The sign-in and sign-up limits, as the store applies them.
    pub fn throttle_policy(&self) -> myo_store::throttle::ThrottlePolicy {
        myo_store::throttle::ThrottlePolicy {
            free_failures: self.login_max_per_account,
            base_delay: self.login_backoff_base,
            max_delay: self.login_backoff_max,
            address_max: self.login_max_per_address,
            window: self.login_window,
        }
    }

    /// Name of the session cookie (`__Host-` prefixed when secure, as browsers then pin it to
    /// this host, path `/` and https).
    pub fn cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-myo_session"
        } else {
            "myo_session"
        }
    }
}

/// Checks `scheme://host[:port]` with no path, query or credentials; strips a trailing slash.
fn parse_origin(url: &str) -> Result<String, ConfigError> {
    let bad = || ConfigError::PublicUrl {
        value: url.to_owned(),
    };
    let trimmed = url.trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or_else(bad)?;
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ']) {
        return Err(bad());
    }
    Ok(trimmed.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let c = Config::from_raw(RawConfig::default()).expect("defaults are valid");
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(c.database.redacted(), "sqlite://./myo-data/myo.sqlite3");
        assert!(c.allow_signup);
        assert!(!c.secure_cookies);
        assert_eq!(c.cookie_name(), "myo_session");
    }

    #[test]
    fn https_public_url_turns_on_secure_cookies() {
        let raw = RawConfig {
            public_url: Some("https://Myo.Example.org/".into()),
            ..RawConfig::default()
        };
        let c = Config::from_raw(raw).expect("valid");
        assert_eq!(c.public_url.as_deref(), Some("https://myo.example.org"));
        assert!(c.secure_cookies);
        assert_eq!(c.cookie_name(), "__Host-myo_session");
    }

    #[test]
    fn errors_name_the_option() {
        let bad = |raw: RawConfig| Config::from_raw(raw).expect_err("invalid").to_string();
        assert!(
            bad(RawConfig {
                bind: Some("nope".into()),
                ..RawConfig::default()
            })
            .starts_with("--bind")
        );
        assert!(
            bad(RawConfig {
                public_url: Some("ftp://x".into()),
                ..RawConfig::default()
            })
            .starts_with("--public-url")
        );
        let db = bad(RawConfig {
            database_url: Some("mysql://u:secret@h/db".into()),
            ..RawConfig::default()
        });
        assert!(
            db.starts_with("--database-url") && !db.contains("secret"),
            "{db}"
        );
        let sec = RawConfig {
            public_url: Some("http://x".into()),
            secure_cookies: Some(true),
            ..RawConfig::default()
        };
        assert!(bad(sec).starts_with("--secure-cookies"));
    }
}
