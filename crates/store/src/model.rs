//! Domain types the store reads and writes. Plain data: no SQL, no serde, no sqlx types.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::StoreError;

/// A UTC instant in whole milliseconds since the Unix epoch, stored as a 64-bit integer on both
/// backends so values compare, sort and copy identically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The current time from the system clock.
    #[must_use]
    pub fn now() -> Self {
        let since = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Self(i64::try_from(since.as_millis()).unwrap_or(i64::MAX))
    }

    /// An instant from milliseconds since the Unix epoch.
    #[must_use]
    pub const fn from_millis(millis: i64) -> Self {
        Self(millis)
    }

    /// Milliseconds since the Unix epoch.
    #[must_use]
    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// This instant moved by `millis` (negative moves back), saturating at the ends.
    #[must_use]
    pub const fn add_millis(self, millis: i64) -> Self {
        Self(self.0.saturating_add(millis))
    }

    /// RFC 3339 / ISO 8601 rendering in UTC with milliseconds, e.g. `2026-11-21T05:21:39.123Z`.
    #[must_use]
    pub fn to_rfc3339(self) -> String {
        let days = self.0.div_euclid(86_400_000);
        let ms_of_day = self.0.rem_euclid(86_400_000);
        let (y, m, d) = civil_from_days(days);
        let (h, rest) = (ms_of_day / 3_600_000, ms_of_day % 3_600_000);
        let (min, rest) = (rest / 60_000, rest % 60_000);
        let (s, ms) = (rest / 1000, rest % 1000);
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{ms:03}Z")
    }
}

/// The Unix epoch (for `..Row::default()` in tests and builders; real rows set their time).
impl Default for Timestamp {
    fn default() -> Self {
        Timestamp::from_millis(0)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day); Howard Hinnant's
/// `civil_from_days`, which is exact for every `i64` day count we can produce from millis.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// An account's opaque, random identifier (32 lowercase hex digits). Random rather than a
/// sequence so ids are not guessable and copy between backends unchanged.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UserId(pub String);

/// An API token's opaque, random identifier.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TokenId(pub String);

/// A session's identifier: the SHA-256 (hex) of the secret cookie value, so a stolen database
/// does not yield usable cookies. Build it with [`crate::token::session_id_for`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SessionId(pub String);

macro_rules! id_impls {
    ($($t:ident),*) => {$(
        impl $t {
            /// The identifier as text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}
id_impls!(UserId, TokenId, SessionId);

impl UserId {
    /// A fresh random id.
    #[must_use]
    pub fn random() -> Self {
        Self(crate::token::random_hex(16))
    }
}

impl TokenId {
    /// A fresh random id.
    #[must_use]
    pub fn random() -> Self {
        Self(crate::token::random_hex(16))
    }
}

/// What an account may do. Stored as the lowercase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A person keeping their own record.
    Patient,
    /// A clinician; sees a patient's record only when granted.
    Clinician,
    /// Runs the installation: accounts, audit log.
    Admin,
}

impl Role {
    /// Every role, in privilege order.
    pub const ALL: [Role; 3] = [Role::Patient, Role::Clinician, Role::Admin];

    /// The stored (and command-line) name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Patient => "patient",
            Role::Clinician => "clinician",
            Role::Admin => "admin",
        }
    }

    /// Parses a stored or typed name (`patient`, `clinician`, `admin`).
    ///
    /// # Errors
    /// [`StoreError::Invalid`] naming the field `role` for any other text.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == text)
            .ok_or_else(|| StoreError::invalid("role", "expected patient, clinician or admin"))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Normalises an e-mail address for storage and lookup: trimmed and lowercased, so uniqueness
/// is case-insensitive on both backends without `citext` or collations.
#[must_use]
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// An account as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Opaque id.
    pub id: UserId,
    /// Normalised e-mail address (see [`normalize_email`]); unique.
    pub email: String,
    /// Argon2id PHC string (see [`crate::password`]).
    pub password_hash: String,
    /// What the account may do.
    pub role: Role,
    /// Name shown in the interface.
    pub display_name: String,
    /// When the account was created.
    pub created_at: Timestamp,
    /// Set when an admin disabled the account; a disabled account cannot sign in.
    pub disabled_at: Option<Timestamp>,
    /// The interface language the person chose (`en`, `es`); `None` follows the browser.
    pub language: Option<String>,
}

/// A new account. The caller picks the id (so the audit entry written with it can name it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// Usually [`UserId::random`].
    pub id: UserId,
    /// E-mail address; normalised by the store.
    pub email: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Role.
    pub role: Role,
    /// Display name (may be empty).
    pub display_name: String,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Changes to an account's profile; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserChanges {
    /// New display name.
    pub display_name: Option<String>,
    /// New role.
    pub role: Option<Role>,
    /// `Some(Some(t))` disables the account at `t` (which also ends its sessions and revokes
    /// its API tokens); `Some(None)` re-enables it (it must sign in again).
    pub disabled_at: Option<Option<Timestamp>>,
}

/// A signed-in browser session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Hash of the cookie token.
    pub id: SessionId,
    /// Whose session.
    pub user_id: UserId,
    /// Synchroniser token for state-changing forms.
    pub csrf_token: String,
    /// Sign-in time.
    pub created_at: Timestamp,
    /// Absolute expiry; the caller also applies an inactivity limit to `last_seen_at`.
    pub expires_at: Timestamp,
    /// Last request seen.
    pub last_seen_at: Timestamp,
    /// Client address at sign-in, if known.
    pub ip: Option<String>,
    /// Client `User-Agent` at sign-in, if known.
    pub user_agent: Option<String>,
}

/// A new session; `last_seen_at` starts at `created_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// Hash of the cookie token ([`crate::token::session_id_for`]).
    pub id: SessionId,
    /// Whose session.
    pub user_id: UserId,
    /// Synchroniser token for forms ([`crate::token::random_token`]).
    pub csrf_token: String,
    /// Sign-in time.
    pub created_at: Timestamp,
    /// Absolute expiry.
    pub expires_at: Timestamp,
    /// Client address, if known.
    pub ip: Option<String>,
    /// Client `User-Agent`, if known.
    pub user_agent: Option<String>,
}

/// A per-user API token (bearer), stored only as a hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// Opaque id.
    pub id: TokenId,
    /// Owner.
    pub user_id: UserId,
    /// Owner's label for the token.
    pub name: String,
    /// SHA-256 (hex) of the secret ([`crate::token::hash_secret`]); unique.
    pub token_hash: String,
    /// First characters of the secret, shown so the owner can tell tokens apart.
    pub prefix: String,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last successful use, if any.
    pub last_used_at: Option<Timestamp>,
    /// Set once revoked; a revoked token never authenticates again.
    pub revoked_at: Option<Timestamp>,
}

/// A new API token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    /// Usually [`TokenId::random`].
    pub id: TokenId,
    /// Owner.
    pub user_id: UserId,
    /// Label.
    pub name: String,
    /// Hash of the secret.
    pub token_hash: String,
    /// Display prefix of the secret.
    pub prefix: String,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Which counter a sign-in attempt feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttemptKind {
    /// Keyed by the normalised e-mail typed (whether or not such an account exists).
    Account,
    /// Keyed by the client address.
    Address,
}

impl AttemptKind {
    /// Stored name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            AttemptKind::Account => "account",
            AttemptKind::Address => "address",
        }
    }
}

/// One sign-in attempt, recorded so limits hold across several stateless server processes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginAttempt {
    /// Which counter.
    pub kind: AttemptKind,
    /// Normalised e-mail or client address.
    pub key: String,
    /// When.
    pub ts: Timestamp,
    /// Whether the password was right.
    pub success: bool,
}

/// How an audited action ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Done.
    Success,
    /// Tried and failed (wrong password, validation error).
    Failure,
    /// Refused by access control.
    Denied,
}

impl Outcome {
    /// Stored name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
            Outcome::Denied => "denied",
        }
    }

    pub(crate) fn parse(text: &str) -> Result<Self, StoreError> {
        match text {
            "success" => Ok(Outcome::Success),
            "failure" => Ok(Outcome::Failure),
            "denied" => Ok(Outcome::Denied),
            _ => Err(StoreError::corrupt("audit_events.outcome", text)),
        }
    }
}

/// What to write to the audit log: who did what to which record, when, from where.
///
/// `details` is a JSON object as text and must hold no health data or secrets (the log is kept
/// for years and is append-only, so nothing can be scrubbed later).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// When.
    pub ts: Timestamp,
    /// Acting account id, or `None` for the system or an anonymous visitor.
    pub actor_id: Option<String>,
    /// `patient`, `clinician`, `admin`, `system`, `anonymous`, or later `share_link`.
    pub actor_role: Option<String>,
    /// Verb from [`crate::audit::action`] (e.g. `read`, `create`, `login`).
    pub action: String,
    /// Kind of record (e.g. `user`, `session`, `api_token`, later `diary_entry`).
    pub resource_type: String,
    /// Which record, if one.
    pub resource_id: Option<String>,
    /// Whose health record this concerns, for the per-patient access report.
    pub patient_id: Option<String>,
    /// How it ended.
    pub outcome: Outcome,
    /// Client address.
    pub source_ip: Option<String>,
    /// Client `User-Agent`.
    pub user_agent: Option<String>,
    /// Request correlation id.
    pub request_id: Option<String>,
    /// PHI-free JSON object text with extra context.
    pub details: Option<String>,
}

impl AuditEntry {
    /// An entry with the required fields set and every optional field empty.
    #[must_use]
    pub fn new(
        ts: Timestamp,
        action: &str,
        resource_type: &str,
        resource_id: Option<&str>,
        outcome: Outcome,
    ) -> Self {
        Self {
            ts,
            actor_id: None,
            actor_role: None,
            action: action.to_owned(),
            resource_type: resource_type.to_owned(),
            resource_id: resource_id.map(str::to_owned),
            patient_id: None,
            outcome,
            source_ip: None,
            user_agent: None,
            request_id: None,
            details: None,
        }
    }

    /// Sets the actor (id and role name).
    #[must_use]
    pub fn by(mut self, actor_id: Option<&str>, actor_role: &str) -> Self {
        self.actor_id = actor_id.map(str::to_owned);
        self.actor_role = Some(actor_role.to_owned());
        self
    }

    /// Sets the patient whose record this concerns.
    #[must_use]
    pub fn for_patient(mut self, patient_id: &str) -> Self {
        self.patient_id = Some(patient_id.to_owned());
        self
    }
}

/// An audit entry as stored, with its place and links in the hash chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Position in the log, 1, 2, 3, … without gaps.
    pub seq: i64,
    /// What was recorded.
    pub entry: AuditEntry,
    /// `hash` of the previous event (64 zeros for the first).
    pub prev_hash: String,
    /// SHA-256 (hex) over the canonical encoding of `seq`, `entry` and `prev_hash`.
    pub hash: String,
}

/// Which audit events to list, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only events about this patient's record.
    pub patient_id: Option<String>,
    /// Only events by this actor.
    pub actor_id: Option<String>,
    /// Only events strictly older than this `seq` (keyset paging: pass the last `seq` seen).
    pub before_seq: Option<i64>,
    /// At most this many (capped at 1000).
    pub limit: u32,
}

impl Default for AuditFilter {
    fn default() -> Self {
        Self {
            patient_id: None,
            actor_id: None,
            before_seq: None,
            limit: 100,
        }
    }
}

/// The result of checking the audit hash chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    /// How many events were checked.
    pub events: u64,
    /// The first `seq` whose hash, link or numbering is wrong; `None` when the chain is intact.
    pub first_broken: Option<i64>,
}

impl ChainReport {
    /// Whether every event checked out.
    #[must_use]
    pub fn is_intact(&self) -> bool {
        self.first_broken.is_none()
    }
}

/// Offset paging for short lists (accounts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Rows to skip.
    pub offset: u32,
    /// At most this many rows (capped at 1000).
    pub limit: u32,
}

impl Default for Page {
    fn default() -> Self {
        Self {
            offset: 0,
            limit: 100,
        }
    }
}

/// Which database engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

impl Backend {
    /// Lowercase name (`sqlite`, `postgres`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc3339() {
        assert_eq!(
            Timestamp::from_millis(0).to_rfc3339(),
            "1970-01-01T00:00:00.000Z"
        );
        // 2000-02-29T12:34:56.789Z, a leap day in a century leap year.
        assert_eq!(
            Timestamp::from_millis(951_827_696_789).to_rfc3339(),
            "2000-02-29T12:34:56.789Z"
        );
        assert_eq!(
            Timestamp::from_millis(-1).to_rfc3339(),
            "1969-12-31T23:59:59.999Z"
        );
    }

    #[test]
    fn roles_round_trip_and_reject_unknown() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()).unwrap(), r);
        }
        assert!(Role::parse("Admin").is_err());
    }
}
