//! `myo-store`: Myo's persistent state on SQLite (the default, one file under the data
//! directory) or PostgreSQL (several stateless `myo serve` processes sharing one database).
//!
//! One logical schema, two migration trees kept in step (`migrations/sqlite`,
//! `migrations/postgres`), one domain-shaped [`Store`] trait with one implementation per backend,
//! and one conformance suite (`tests/conformance.rs`) run against both. See `STORE.md`.
//!
//! Every write that matters takes an [`AuditEntry`] and stores it in the same transaction as the
//! change, so the audit log never misses a committed change and never records one that was
//! rolled back.

pub mod audit;
mod batch;
pub mod children;
pub mod circle;
mod community;
mod community_model;
mod copy;
mod db;
mod error;
pub mod feeds;
mod history;
mod location;
mod model;
pub mod password;
mod postgres;
pub mod recovery;
mod red_flags;
pub mod reminders;
mod replay;
pub mod schema;
mod sqlite;
mod store;
pub mod throttle;
pub mod token;
mod tracker;
mod tracker_model;
mod trials;

use std::sync::Arc;

pub use batch::BatchStore;
pub use children::ChildrenStore;
pub use circle::{CircleStore, GrantRelation, Invitation, MAX_CLINICIAN_REF, NewInvitation};
pub use community::{
    ActionRow, CommunityStore, FIRST_POST, FORMER_MEMBER, Moderation, NewPost, PostLimits, PostRow,
    PostStatus, Posted, Poster, QueueItem, ReportRow,
};
pub use copy::{CopyReport, copy};
pub use error::{Result, StoreError};
pub use feeds::FeedStore;
pub use history::{HistoryStore, record_fields};
pub use location::Location;
pub use model::{
    ApiToken, AttemptKind, AuditEntry, AuditEvent, AuditFilter, Backend, ChainReport, LoginAttempt,
    NewApiToken, NewSession, NewUser, Outcome, Page, Role, Session, SessionId, Timestamp, TokenId,
    User, UserChanges, UserId, normalize_email,
};
pub use recovery::RecoveryStore;
pub use red_flags::{RedFlagRow, RedFlagStore};
pub use reminders::ReminderStore;
pub use replay::ReplayStore;
pub use tracker::{TrackerStore, export_cells, export_columns, record_columns};
pub use tracker_model::{
    AntibodyRow, AssessmentRow, ClinicianGrant, ConditionRow, DateRange, DiaryRow, DoseEventRow,
    EditState, HomeTestRow, LabRow, MedicineRow, MonitoringTestRow, NewShareLink, PatientData,
    PatientProfile, Record, RecordId, RecordKind, RecordVersion, ShareLink, VisitRow,
};
pub use trials::{SEARCH_EMAIL_KIND, SavedSearch, SearchEmailText, SyncRow, TrialRow, TrialStore};

/// Persistent state behind `myo serve`, object-safe so callers hold an `Arc<dyn Store>`.
///
/// The trait uses `async_trait` (boxed `Send` futures) because native `async fn` in traits is
/// not object-safe, and one boxed allocation per query is noise next to the query itself.
///
/// Conventions: methods that change accounts take the [`AuditEntry`] to record and write it in
/// the same transaction; bookkeeping that happens on every request (`touch_*`, login attempts)
/// does not. Methods that look a record up return `Ok(None)` when it is absent; methods that
/// change one return [`StoreError::NotFound`].
#[async_trait::async_trait]
pub trait Store:
    TrackerStore
    + BatchStore
    + RedFlagStore
    + ReplayStore
    + HistoryStore
    + CommunityStore
    + TrialStore
    + RecoveryStore
    + CircleStore
    + ChildrenStore
    + FeedStore
    + ReminderStore
    + Send
    + Sync
    + std::fmt::Debug
{
    /// Which engine this is.
    fn backend(&self) -> Backend;

    /// Cheap round trip for `/readyz`.
    async fn ping(&self) -> Result<()>;

    /// Applies pending migrations (also done by [`open`] unless told not to).
    async fn migrate(&self) -> Result<()>;

    /// Closes the connection pool, waiting for checked-out connections.
    async fn close(&self);

    // ---- accounts ---------------------------------------------------------------------------

    /// Creates an account. The e-mail is normalised; [`StoreError::Conflict`] with
    /// `users.email` if it is taken.
    async fn create_user(&self, user: &NewUser, audit: &AuditEntry) -> Result<User>;

    /// The account with this id.
    async fn get_user(&self, id: &UserId) -> Result<Option<User>>;

    /// The account with this e-mail (normalised before lookup).
    async fn find_user_by_email(&self, email: &str) -> Result<Option<User>>;

    /// How many accounts exist (e.g. to offer first-admin setup).
    async fn count_users(&self) -> Result<u64>;

    /// Accounts ordered by creation time, then id.
    async fn list_users(&self, page: Page) -> Result<Vec<User>>;

    /// Accounts whose (normalised) e-mail contains `email_part`, ignoring case, ordered like
    /// [`Store::list_users`]. `%` and `_` match themselves, not patterns.
    async fn search_users(&self, email_part: &str, page: Page) -> Result<Vec<User>>;

    /// Changes display name, role or disabled state; returns the account as changed.
    ///
    /// Disabling (`disabled_at: Some(Some(t))`) also deletes the account's sessions and revokes
    /// its live API tokens and share links (`revoked_at = t`) in the same transaction, so a
    /// disabled account holds no working credential and shares nothing, even after it is
    /// enabled again.
    /// [`StoreError::LastAdmin`] (nothing written) when the change would demote or disable the
    /// last active admin; concurrent changes are serialised so two admins cannot demote each
    /// other at once.
    async fn update_user(
        &self,
        id: &UserId,
        changes: &UserChanges,
        audit: &AuditEntry,
    ) -> Result<User>;

    /// Replaces the password hash (an Argon2id PHC string from [`password::hash`]).
    async fn set_password(
        &self,
        id: &UserId,
        password_hash: &str,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// Sets (or, with `None`, clears) the account's interface language, a short code such as
    /// `es`; [`StoreError::NotFound`] when the account is gone.
    async fn set_user_language(
        &self,
        id: &UserId,
        language: Option<&str>,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// Deletes the account with its sessions, tokens and per-account login attempts.
    /// Audit events stay: they carry the opaque id only. [`StoreError::LastAdmin`] (nothing
    /// deleted) for the last active admin, as in [`Store::update_user`].
    async fn delete_user(&self, id: &UserId, audit: &AuditEntry) -> Result<()>;

    // ---- sessions ---------------------------------------------------------------------------

    /// Stores a new session (sign-in); [`StoreError::MissingReference`] if the user is gone.
    async fn create_session(&self, session: &NewSession, audit: &AuditEntry) -> Result<Session>;

    /// The session with this id, expired or not: the caller checks `expires_at` and idle time.
    async fn get_session(&self, id: &SessionId) -> Result<Option<Session>>;

    /// The session and its account in one round trip, for the per-request auth check.
    async fn get_session_user(&self, id: &SessionId) -> Result<Option<(Session, User)>>;

    /// Records activity on a session.
    async fn touch_session(&self, id: &SessionId, now: Timestamp) -> Result<()>;

    /// Ends one session (sign-out).
    async fn delete_session(&self, id: &SessionId, audit: &AuditEntry) -> Result<()>;

    /// Ends all of a user's sessions except `keep` (after a password change); returns how many.
    async fn delete_user_sessions(
        &self,
        user_id: &UserId,
        keep: Option<&SessionId>,
        audit: &AuditEntry,
    ) -> Result<u64>;

    /// A user's sessions, newest first.
    async fn list_user_sessions(&self, user_id: &UserId) -> Result<Vec<Session>>;

    /// Removes sessions whose `expires_at` is before `now`; returns how many.
    async fn delete_expired_sessions(&self, now: Timestamp) -> Result<u64>;

    // ---- API tokens -------------------------------------------------------------------------

    /// Stores a new token; [`StoreError::Conflict`] on `api_tokens.token_hash` collision.
    async fn create_token(&self, token: &NewApiToken, audit: &AuditEntry) -> Result<ApiToken>;

    /// The token with this secret hash, revoked or not (the caller checks `revoked_at`).
    async fn find_token_by_hash(&self, token_hash: &str) -> Result<Option<ApiToken>>;

    /// A user's tokens, newest first, including revoked ones.
    async fn list_tokens(&self, user_id: &UserId) -> Result<Vec<ApiToken>>;

    /// Revokes one of `user_id`'s tokens; [`StoreError::NotFound`] if it is not theirs or
    /// already revoked.
    async fn revoke_token(
        &self,
        user_id: &UserId,
        id: &TokenId,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// Records a successful use.
    async fn touch_token(&self, id: &TokenId, now: Timestamp) -> Result<()>;

    // ---- sign-in rate limiting ----------------------------------------------------------------

    /// Records one sign-in attempt.
    async fn record_login_attempt(&self, attempt: &LoginAttempt) -> Result<()>;

    /// Failed attempts for `(kind, key)` at or after `since`.
    async fn count_recent_failures(
        &self,
        kind: AttemptKind,
        key: &str,
        since: Timestamp,
    ) -> Result<u64>;

    /// Forgets the attempts for `(kind, key)` (e.g. the account's after a successful sign-in).
    async fn clear_login_attempts(&self, kind: AttemptKind, key: &str) -> Result<u64>;

    /// Forgets attempts older than `before`; returns how many.
    async fn prune_login_attempts(&self, before: Timestamp) -> Result<u64>;

    /// Reserves one attempt **before** the password is checked: in one write transaction, the
    /// counters are read, checked against `policy` and, if allowed, counted as a failure, so
    /// parallel requests cannot all pass (see [`throttle`]). A refusal is counted in
    /// `refused_attempts` (per minute), not in the audit log.
    async fn reserve_attempt(
        &self,
        attempt: throttle::Attempt<'_>,
        policy: &throttle::ThrottlePolicy,
        now: Timestamp,
    ) -> Result<throttle::Reservation>;

    /// The reserved attempt succeeded: forgets the (account, address) failures and gives the
    /// address its attempt back.
    async fn attempt_succeeded(&self, attempt: throttle::Attempt<'_>) -> Result<()>;

    /// Drops quiet throttle counters and refusal counts older than 30 days; returns how many.
    async fn prune_throttle(
        &self,
        now: Timestamp,
        policy: &throttle::ThrottlePolicy,
    ) -> Result<u64>;

    /// Adds `count` refusals for `account` (`""` for sign-ups) from `address` to the count of
    /// the minute holding `at` (refusals a server decided from memory, written in one go).
    async fn add_refused(
        &self,
        account: &str,
        address: &str,
        at: Timestamp,
        count: u64,
    ) -> Result<()>;

    /// Refused attempts counted for `account` (`""` for sign-ups) since `since`.
    async fn count_refused(&self, account: &str, since: Timestamp) -> Result<u64>;

    /// Revokes every live share link of `patient` ("end all sharing") in one transaction with
    /// its audit entry; returns how many.
    async fn revoke_all_share_links(
        &self,
        patient: &UserId,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<u64>;

    // ---- audit log ----------------------------------------------------------------------------

    /// Appends one event (reads, failed sign-ins: anything without its own write).
    async fn append_audit(&self, entry: &AuditEntry) -> Result<AuditEvent>;

    /// Events matching `filter`, newest first.
    async fn list_audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEvent>>;

    /// Re-computes the whole hash chain.
    async fn verify_audit_chain(&self) -> Result<ChainReport>;
}

/// How [`open`] prepares the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenOptions {
    /// Apply pending migrations before returning (default true).
    pub migrate: bool,
    /// Connection pool size (default 8; SQLite writes still go through one connection).
    pub max_connections: u32,
}

impl Default for OpenOptions {
    fn default() -> Self {
        Self {
            migrate: true,
            max_connections: 8,
        }
    }
}

/// Opens (and by default migrates) the store at `location`.
///
/// # Errors
/// [`StoreError::Location`] when the file or server cannot be reached,
/// [`StoreError::Migration`] when the schema cannot be brought up to date.
pub async fn open(location: &Location, options: OpenOptions) -> Result<Arc<dyn Store>> {
    let store: Arc<dyn Store> = Arc::new(store::SqlStore::open(location, options).await?);
    if options.migrate {
        store.migrate().await?;
    }
    Ok(store)
}
