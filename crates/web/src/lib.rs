//! `myo-web`: Myo's web application (server-rendered pages) and JSON API, served by `myo serve`.
//!
//! [`router`] is a pure constructor: given an [`AppState`] it returns the whole application as
//! an axum `Router`, which tests drive in-process with `tower::ServiceExt::oneshot`. [`serve`]
//! is the thin wrapper that binds a socket and shuts down gracefully.
//!
//! Code map: `pages/` (HTML, one module per area), `api/` (JSON under `/api/v1`, with the
//! OpenAPI document), `auth` (sessions, tokens, extractors), `security` (headers, CSRF),
//! `error` (the one `ApiError`), `markdown` (the KB's Markdown subset), `assets` (embedded
//! static files), `config` (validated options).
//!
//! Invariants: no inline scripts or styles (CSP `default-src 'self'`); every state-changing form
//! carries the session's CSRF token; every sign-in, sign-out and account change, and every read
//! or write of health data, is written to the audit log; internal errors are logged, never sent.

pub mod api;
mod assets;
pub mod auth;
pub mod boundary;
pub mod calendar;
pub mod care;
pub mod community;
pub mod config;
pub mod error;
pub mod i18n;
pub mod interop;
pub mod mail;
pub mod markdown;
pub mod multipart;
pub mod origin;
pub mod pages;
pub mod refusals;
pub mod reminders;
pub mod security;
pub mod tracker;
pub mod trials;

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::{Router, middleware};
use myo_api::Scorer;
use myo_ask::Engine;
use myo_kb::{Date, Kb};
use myo_store::{AuditEntry, Store};

pub use config::{Config, ConfigError, RawConfig};

/// Everything a request handler may use; cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    store: Arc<dyn Store>,
    kb: Kb,
    scorer: Scorer,
    /// The care tracker's versioned rule files, parsed once.
    rules: myo_tracker::Rules,
    /// The Ask index: built off the start-up path (about 0.2 s in release, 2 s in debug), so
    /// the server listens at once; the first question waits for it if it is not ready yet.
    engine: tokio::sync::OnceCell<Arc<Engine>>,
    /// A hash of a random password, verified against when an e-mail has no account, so that
    /// sign-in takes as long either way. Computed on first use to keep start-up fast.
    dummy_hash: tokio::sync::OnceCell<String>,
    /// Bounds password hashing (CPU and 19 MiB each): a few at once, a short queue, then 503.
    hasher: myo_store::password::Hasher,
    /// KB entry pages rendered once per entry and day (the KB is static).
    entry_cache: pages::kb::EntryCache,
    /// Community post screening, with the knowledge base's medicine names.
    screen: myo_community::Screen,
    /// Outgoing e-mail, when `--smtp-url` is configured.
    mailer: Option<mail::Mailer>,
    /// The interface's messages in every language, parsed once.
    catalog: Arc<i18n::Catalog>,
    /// The visit summary PDF's embedded fonts, parsed once.
    pdf_fonts: tracker::pdf::PdfFonts,
    /// Sign-in and sign-up keys the database refused, so a flood of them costs no write.
    refusals: refusals::RefusalCache,
    /// The answers to refused sign-ins and sign-ups, rendered once (a flood of them costs a copy).
    refused_pages: pages::refused::RefusalPages,
}

/// Why the application could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The built-in knowledge base failed to load.
    #[error("built-in knowledge base: {0}")]
    Kb(String),
    /// The built-in instrument definitions failed to load.
    #[error("built-in instruments: {0}")]
    Instruments(String),
    /// The care tracker's embedded rule files failed to load.
    #[error("care tracker rules: {0}")]
    TrackerRules(String),
    /// The community screening tables failed to load.
    #[error("community screening: {0}")]
    Community(String),
    /// The mail transport could not be set up.
    #[error("e-mail: {0}")]
    Mail(String),
    /// The interface's message catalogue failed to load.
    #[error("interface messages: {0}")]
    Messages(String),
    /// The PDF's embedded fonts could not be read.
    #[error("PDF fonts: {0}")]
    Fonts(String),
}

impl AppState {
    /// Builds the state over an opened (and migrated) store, loading the built-in knowledge base,
    /// instruments and Ask index once.
    pub fn new(config: Config, store: Arc<dyn Store>) -> Result<AppState, StartError> {
        let kb = Kb::builtin().map_err(|e| StartError::Kb(e.to_string()))?;
        let scorer = Scorer::builtin().map_err(|e| StartError::Instruments(e.to_string()))?;
        let mut rules =
            myo_tracker::Rules::builtin().map_err(|e| StartError::TrackerRules(e.to_string()))?;
        tracker::safety::add_kb_ingredients(&mut rules, &kb);
        let screen =
            community::screen_for(&kb).map_err(|e| StartError::Community(e.to_string()))?;
        let catalog = Arc::new(i18n::Catalog::builtin().map_err(StartError::Messages)?);
        let pdf_fonts = tracker::pdf::PdfFonts::new().map_err(StartError::Fonts)?;
        let refused_pages = pages::refused::RefusalPages::new(
            &catalog,
            config.allow_signup,
            config.login_backoff_max.max(config.login_window),
        )
        .map_err(StartError::Messages)?;
        let engine = tokio::sync::OnceCell::new();
        let dummy_hash = tokio::sync::OnceCell::new();
        let hasher = myo_store::password::Hasher::new(
            config.hash_slots,
            config.hash_queue,
            config.hash_wait,
        );
        let mailer = config
            .mail
            .as_ref()
            .map(mail::Mailer::new)
            .transpose()
            .map_err(|e| StartError::Mail(e.to_string()))?;
        Ok(AppState {
            inner: Arc::new(Inner {
                config,
                store,
                kb,
                scorer,
                rules,
                engine,
                dummy_hash,
                hasher,
                entry_cache: pages::kb::EntryCache::default(),
                screen,
                mailer,
                catalog,
                pdf_fonts,
                refusals: refusals::RefusalCache::new(refusals::CAPACITY),
                refused_pages,
            }),
        })
    }

    /// The validated configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        self.inner.store.as_ref()
    }

    /// Keys the database refused, remembered in this process.
    pub fn refusals(&self) -> &refusals::RefusalCache {
        &self.inner.refusals
    }

    /// The pages answering refused sign-ins and sign-ups (429).
    pub fn refused_pages(&self) -> &pages::refused::RefusalPages {
        &self.inner.refused_pages
    }

    /// The knowledge base.
    pub fn kb(&self) -> &Kb {
        &self.inner.kb
    }

    /// The instrument scorer.
    pub fn scorer(&self) -> &Scorer {
        &self.inner.scorer
    }

    /// The care tracker's rules.
    pub fn rules(&self) -> &myo_tracker::Rules {
        &self.inner.rules
    }

    /// Community post screening.
    pub fn screen(&self) -> &myo_community::Screen {
        &self.inner.screen
    }

    /// The interface's messages in `lang`.
    pub fn tr(&self, lang: i18n::Lang) -> i18n::Tr {
        i18n::Tr::new(Arc::clone(&self.inner.catalog), lang)
    }

    /// The messages for an account whose language setting is `language` (English when it has
    /// none or one Myo does not speak): e-mails and calendar text go out in it.
    pub fn tr_for(&self, language: Option<&str>) -> i18n::Tr {
        self.tr(language.and_then(i18n::Lang::parse).unwrap_or_default())
    }

    /// The interface's message catalogue.
    pub fn catalog(&self) -> &i18n::Catalog {
        &self.inner.catalog
    }

    /// The visit summary PDF's fonts (parsed at start-up).
    pub fn pdf_fonts(&self) -> &tracker::pdf::PdfFonts {
        &self.inner.pdf_fonts
    }

    /// The mailer, when e-mail is configured.
    pub fn mailer(&self) -> Option<&mail::Mailer> {
        self.inner.mailer.as_ref()
    }

    /// The cache of rendered KB entry pages.
    pub fn entry_cache(&self) -> &pages::kb::EntryCache {
        &self.inner.entry_cache
    }

    /// The Ask engine, built on first use.
    pub async fn engine(&self) -> &Engine {
        let engine = self
            .inner
            .engine
            .get_or_init(|| async {
                let kb = self.inner.kb.clone();
                let build = move || Engine::build(myo_ask::Corpus::from_kb(&kb));
                match tokio::task::spawn_blocking(build).await {
                    Ok(engine) => Arc::new(engine),
                    // The blocking pool is gone (shutting down): build here instead.
                    Err(_) => Arc::new(Engine::build(myo_ask::Corpus::from_kb(&self.inner.kb))),
                }
            })
            .await;
        engine.as_ref()
    }

    /// Base URL for absolute links and citations (the public URL, else Myo's default).
    pub fn base_url(&self) -> &str {
        self.config()
            .public_url
            .as_deref()
            .unwrap_or(myo_kb::DEFAULT_BASE_URL)
    }

    /// See `Inner::dummy_hash`.
    pub async fn dummy_hash(&self) -> Result<String, myo_store::StoreError> {
        let hash = self
            .inner
            .dummy_hash
            .get_or_try_init(|| self.hasher().hash(myo_store::token::random_token()))
            .await?;
        Ok(hash.clone())
    }

    /// The bounded password hasher (see `Inner::hasher`).
    pub fn hasher(&self) -> &myo_store::password::Hasher {
        &self.inner.hasher
    }

    /// Appends an audit event that has no write of its own (reads, failed sign-ins). A failure
    /// is returned: a read of health data must not be served unaudited.
    pub async fn audit(&self, entry: &AuditEntry) -> Result<(), myo_store::StoreError> {
        self.store().append_audit(entry).await.map(drop)
    }
}

/// Opens the configured store, applying pending migrations. For SQLite the store creates the
/// data directory owner-only (0700) and the database files 0600.
pub async fn open_store(config: &Config) -> Result<Arc<dyn Store>, myo_store::StoreError> {
    myo_store::open(&config.database, myo_store::OpenOptions::default()).await
}

/// Today's date (UTC), for review-date staleness and citation access dates.
pub fn today() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_unix_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// The whole application. Pure: builds routes and layers, touches nothing.
pub fn router(state: AppState) -> Router {
    let limit = state.config().body_limit;
    Router::new()
        .merge(pages::router())
        .merge(tracker::page_routes())
        .merge(care::routes())
        .merge(interop::router())
        .merge(community::router())
        .merge(trials::router())
        .nest("/api/v1", api::router())
        .merge(assets::router())
        .route("/healthz", get(api::health::healthz))
        .route("/readyz", get(api::health::readyz))
        .fallback(pages::not_found)
        .method_not_allowed_fallback(pages::method_not_allowed)
        // Layers run bottom-up on the way in: headers, then session, then CSRF.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::csrf,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), i18n::layer))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::session_layer,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            boundary::text_guard,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            boundary::drain_oversized,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), i18n::outer))
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}

/// Binds `config.bind`, prints `listening on http://ADDR` as the first line of stdout, serves
/// until SIGTERM or ctrl-c, then lets in-flight requests finish.
pub async fn serve(state: AppState) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(state.config().bind).await?;
    let addr = listener.local_addr()?;
    println!("listening on http://{addr}");
    let warm = state.clone();
    tokio::spawn(async move {
        warm.engine().await;
        tracing::info!("ask index ready");
    });
    tokio::spawn(housekeeping(state.clone()));
    if let Some(hours) = state.config().trials_sync_hours {
        tokio::spawn(trials::sync::schedule(state.clone(), hours));
    }
    tokio::spawn(reminders::run(state.clone()));
    let store = Arc::clone(&state.inner.store);
    serve_on(listener, state, shutdown_signal()).await;
    store.close().await;
    Ok(())
}

/// Serves `state` on `listener` until `shutdown` completes, then waits (at most 30 s) for open
/// connections to finish. Connections are served by hyper's HTTP/1 connection builder with its
/// header read timeout (which also closes idle keep-alive connections), request bodies under
/// `tower-http`'s body timeout, and at most `max_connections` at once: further clients wait in
/// the listen backlog until a slot frees. Accept errors (out of file descriptors) are logged
/// and retried after a pause instead of spinning.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt as _;

    let config = state.config().clone();
    let app = router(state).layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
        config.body_timeout,
    ));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout)
        .keep_alive(true);
    let slots = Arc::new(tokio::sync::Semaphore::new(config.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = Arc::clone(&slots).acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed; pausing");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let svc = app
            .clone()
            .map_request(move |mut req: axum::http::Request<_>| {
                req.extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                req
            });
        let conn = http.serve_connection(
            TokioIo::new(stream),
            hyper_util::service::TowerToHyperService::new(svc),
        );
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    tracing::info!("shutting down: finishing in-flight requests");
    if tokio::time::timeout(std::time::Duration::from_secs(30), graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after 30 s; closing them");
    }
}

/// Every ten minutes: drop expired sessions and sign-in attempts older than the rate-limit window
/// (with several processes, each does it; the deletes are idempotent).
async fn housekeeping(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        tick.tick().await;
        let now = myo_store::Timestamp::now();
        let window = i64::try_from(state.config().login_window.as_millis()).unwrap_or(i64::MAX);
        if let Err(e) = state.store().delete_expired_sessions(now).await {
            tracing::warn!(error = %e, "housekeeping: expired sessions");
        }
        if let Err(e) = state
            .store()
            .prune_login_attempts(now.add_millis(-window))
            .await
        {
            tracing::warn!(error = %e, "housekeeping: login attempts");
        }
        if let Err(e) = refusals::flush(&state).await {
            tracing::warn!(error = %e, "housekeeping: refusal counts");
        }
        let policy = state.config().throttle_policy();
        if let Err(e) = state.store().prune_throttle(now, &policy).await {
            tracing::warn!(error = %e, "housekeeping: throttle counters");
        }
        let reset_window = state.config().reset_policy.window_ms;
        if let Err(e) = state
            .store()
            .prune_password_resets(now.add_millis(-reset_window.max(86_400_000)))
            .await
        {
            tracing::warn!(error = %e, "housekeeping: password resets");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
