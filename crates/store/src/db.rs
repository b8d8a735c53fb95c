//! Backend plumbing shared by the store, `schema::describe` and `copy`: the pool enum, the
//! migration list, row decoding and the one dispatch macro.

use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{ColumnIndex, Decode, Row, SqlSafeStr, Type};

use crate::error::Result;
use crate::location::Location;
use crate::model::{
    ApiToken, AuditEntry, AuditEvent, Outcome, Role, Session, SessionId, Timestamp, TokenId, User,
    UserId,
};
use crate::postgres::PgDb;
use crate::sqlite::SqliteDb;

/// A connected backend.
#[derive(Debug)]
pub(crate) enum Db {
    Sqlite(SqliteDb),
    Postgres(PgDb),
}

/// Runs `$body` with `$b` bound to the concrete backend: the same source is type-checked once
/// per backend, so SQL written in the common dialect is not written twice. Only a `match`;
/// any `?` or `.await` stays visible in the caller's body.
macro_rules! each_backend {
    ($db:expr, $b:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($b) => $body,
            $crate::db::Db::Postgres($b) => $body,
        }
    };
}
pub(crate) use each_backend;

/// The `users` columns [`user_from`] reads, written once for every statement that reads an
/// account, as a string literal (so it joins others in `concat!`): `user_columns!()` is the
/// bare list (`id, email, …`); `user_columns!("u.", "u_")` qualifies and renames each
/// (`u.id AS u_id, …`) for a join read with `user_from(row, "u_")`.
macro_rules! user_columns {
    (@list [] $first:ident $($c:ident)*) => {
        concat!(stringify!($first) $(, ", ", stringify!($c))*)
    };
    (@list [$t:literal, $a:literal] $first:ident $($c:ident)*) => {
        concat!($t, stringify!($first), " AS ", $a, stringify!($first)
            $(, ", ", $t, stringify!($c), " AS ", $a, stringify!($c))*)
    };
    ($($table_alias:literal),*) => {
        $crate::db::user_columns!(@list [$($table_alias),*]
            id email password_hash role display_name created_at disabled_at language)
    };
}
pub(crate) use user_columns;

impl Db {
    pub(crate) async fn connect(location: &Location, max_connections: u32) -> Result<Self> {
        Ok(match location {
            Location::Sqlite(path) => Db::Sqlite(SqliteDb::connect(path, max_connections).await?),
            Location::Postgres(url) => Db::Postgres(PgDb::connect(url, max_connections).await?),
        })
    }

    pub(crate) async fn migrate(&self) -> Result<()> {
        each_backend!(self, b => b.migrate().await)
    }

    pub(crate) async fn close(&self) {
        each_backend!(self, b => b.close().await);
    }
}

/// One migration, kept as a pair so the two trees cannot drift in number or name
/// (`migrations_match_the_directories` checks this list against the files).
pub(crate) struct MigrationSource {
    pub(crate) version: i64,
    pub(crate) name: &'static str,
    pub(crate) sqlite: &'static str,
    pub(crate) postgres: &'static str,
}

/// Every migration, in order. Applied migrations are immutable (sqlx checks their checksums):
/// change the schema by appending a new pair of files.
pub(crate) const MIGRATIONS: &[MigrationSource] = &[
    MigrationSource {
        version: 1,
        name: "accounts",
        sqlite: include_str!("../migrations/sqlite/0001_accounts.sql"),
        postgres: include_str!("../migrations/postgres/0001_accounts.sql"),
    },
    MigrationSource {
        version: 2,
        name: "tracker",
        sqlite: include_str!("../migrations/sqlite/0002_tracker.sql"),
        postgres: include_str!("../migrations/postgres/0002_tracker.sql"),
    },
    MigrationSource {
        version: 3,
        name: "throttle",
        sqlite: include_str!("../migrations/sqlite/0003_throttle.sql"),
        postgres: include_str!("../migrations/postgres/0003_throttle.sql"),
    },
    MigrationSource {
        version: 4,
        name: "entry_safety",
        sqlite: include_str!("../migrations/sqlite/0004_entry_safety.sql"),
        postgres: include_str!("../migrations/postgres/0004_entry_safety.sql"),
    },
    MigrationSource {
        version: 5,
        name: "record_history",
        sqlite: include_str!("../migrations/sqlite/0005_record_history.sql"),
        postgres: include_str!("../migrations/postgres/0005_record_history.sql"),
    },
    MigrationSource {
        version: 6,
        name: "care_circle",
        sqlite: include_str!("../migrations/sqlite/0006_care_circle.sql"),
        postgres: include_str!("../migrations/postgres/0006_care_circle.sql"),
    },
    MigrationSource {
        version: 7,
        name: "community_trials",
        sqlite: include_str!("../migrations/sqlite/0007_community_trials.sql"),
        postgres: include_str!("../migrations/postgres/0007_community_trials.sql"),
    },
    MigrationSource {
        version: 8,
        name: "cds_replay",
        sqlite: include_str!("../migrations/sqlite/0008_cds_replay.sql"),
        postgres: include_str!("../migrations/postgres/0008_cds_replay.sql"),
    },
    MigrationSource {
        version: 9,
        name: "trial_alerts",
        sqlite: include_str!("../migrations/sqlite/0009_trial_alerts.sql"),
        postgres: include_str!("../migrations/postgres/0009_trial_alerts.sql"),
    },
    MigrationSource {
        version: 10,
        name: "clinician_ref",
        sqlite: include_str!("../migrations/sqlite/0010_clinician_ref.sql"),
        postgres: include_str!("../migrations/postgres/0010_clinician_ref.sql"),
    },
    MigrationSource {
        version: 11,
        name: "user_language",
        sqlite: include_str!("../migrations/sqlite/0011_user_language.sql"),
        postgres: include_str!("../migrations/postgres/0011_user_language.sql"),
    },
];

/// The embedded migrator for one backend. Built by hand from `include_str!` rather than with
/// `sqlx::migrate!`, which needs the `macros` feature and its proc-macro build.
pub(crate) fn migrator(postgres: bool) -> Migrator {
    Migrator::with_migrations(
        MIGRATIONS
            .iter()
            .map(|m| {
                let sql = if postgres { m.postgres } else { m.sqlite };
                Migration::new(
                    m.version,
                    m.name.into(),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

/// Typed column reads with the store's error type, for any backend's row.
pub(crate) trait RowExt {
    fn text(&self, col: &str) -> Result<String>;
    fn opt_text(&self, col: &str) -> Result<Option<String>>;
    fn int(&self, col: &str) -> Result<i64>;
    fn opt_int(&self, col: &str) -> Result<Option<i64>>;
    fn boolean(&self, col: &str) -> Result<bool>;
    fn opt_bool(&self, col: &str) -> Result<Option<bool>>;
}

impl<R> RowExt for R
where
    R: Row,
    for<'a> &'a str: ColumnIndex<R>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> bool: Decode<'r, R::Database> + Type<R::Database>,
{
    fn text(&self, col: &str) -> Result<String> {
        Ok(self.try_get(col)?)
    }
    fn opt_text(&self, col: &str) -> Result<Option<String>> {
        Ok(self.try_get(col)?)
    }
    fn int(&self, col: &str) -> Result<i64> {
        Ok(self.try_get(col)?)
    }
    fn opt_int(&self, col: &str) -> Result<Option<i64>> {
        Ok(self.try_get(col)?)
    }
    fn boolean(&self, col: &str) -> Result<bool> {
        Ok(self.try_get(col)?)
    }
    fn opt_bool(&self, col: &str) -> Result<Option<bool>> {
        Ok(self.try_get(col)?)
    }
}

pub(crate) fn ts(row: &impl RowExt, col: &str) -> Result<Timestamp> {
    row.int(col).map(Timestamp::from_millis)
}

pub(crate) fn opt_ts(row: &impl RowExt, col: &str) -> Result<Option<Timestamp>> {
    Ok(row.opt_int(col)?.map(Timestamp::from_millis))
}

/// Decodes a user from columns named `{prefix}id`, `{prefix}email`, ….
pub(crate) fn user_from(row: &impl RowExt, prefix: &str) -> Result<User> {
    let col = |name: &str| format!("{prefix}{name}");
    let role = row.text(&col("role"))?;
    Ok(User {
        id: UserId(row.text(&col("id"))?),
        email: row.text(&col("email"))?,
        password_hash: row.text(&col("password_hash"))?,
        role: Role::parse(&role).map_err(|_| crate::StoreError::Corrupt {
            column: "users.role",
            value: role,
        })?,
        display_name: row.text(&col("display_name"))?,
        created_at: ts(row, &col("created_at"))?,
        disabled_at: opt_ts(row, &col("disabled_at"))?,
        language: row.opt_text(&col("language"))?,
    })
}

pub(crate) const SESSION_COLUMNS: &str =
    "id, user_id, csrf_token, created_at, expires_at, last_seen_at, ip, user_agent";

/// Decodes a session from columns named `{prefix}id`, ….
pub(crate) fn session_from(row: &impl RowExt, prefix: &str) -> Result<Session> {
    let col = |name: &str| format!("{prefix}{name}");
    Ok(Session {
        id: SessionId(row.text(&col("id"))?),
        user_id: UserId(row.text(&col("user_id"))?),
        csrf_token: row.text(&col("csrf_token"))?,
        created_at: ts(row, &col("created_at"))?,
        expires_at: ts(row, &col("expires_at"))?,
        last_seen_at: ts(row, &col("last_seen_at"))?,
        ip: row.opt_text(&col("ip"))?,
        user_agent: row.opt_text(&col("user_agent"))?,
    })
}

pub(crate) const TOKEN_COLUMNS: &str =
    "id, user_id, name, token_hash, prefix, created_at, last_used_at, revoked_at";

pub(crate) fn token_from(row: &impl RowExt) -> Result<ApiToken> {
    Ok(ApiToken {
        id: TokenId(row.text("id")?),
        user_id: UserId(row.text("user_id")?),
        name: row.text("name")?,
        token_hash: row.text("token_hash")?,
        prefix: row.text("prefix")?,
        created_at: ts(row, "created_at")?,
        last_used_at: opt_ts(row, "last_used_at")?,
        revoked_at: opt_ts(row, "revoked_at")?,
    })
}

pub(crate) const AUDIT_COLUMNS: &str = "seq, ts, actor_id, actor_role, action, resource_type, \
     resource_id, patient_id, outcome, source_ip, user_agent, request_id, details, prev_hash, hash";

pub(crate) const INSERT_AUDIT: &str = "INSERT INTO audit_events (seq, ts, actor_id, actor_role, \
     action, resource_type, resource_id, patient_id, outcome, source_ip, user_agent, request_id, \
     details, prev_hash, hash) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";

pub(crate) const LAST_AUDIT: &str = "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1";

pub(crate) fn audit_from(row: &impl RowExt) -> Result<AuditEvent> {
    Ok(AuditEvent {
        seq: row.int("seq")?,
        entry: AuditEntry {
            ts: ts(row, "ts")?,
            actor_id: row.opt_text("actor_id")?,
            actor_role: row.opt_text("actor_role")?,
            action: row.text("action")?,
            resource_type: row.text("resource_type")?,
            resource_id: row.opt_text("resource_id")?,
            patient_id: row.opt_text("patient_id")?,
            outcome: Outcome::parse(&row.text("outcome")?)?,
            source_ip: row.opt_text("source_ip")?,
            user_agent: row.opt_text("user_agent")?,
            request_id: row.opt_text("request_id")?,
            details: row.opt_text("details")?,
        },
        prev_hash: row.text("prev_hash")?,
        hash: row.text("hash")?,
    })
}

/// Appends an audit event inside the caller's write transaction. The two implementations
/// differ only in how they serialise concurrent appenders (see each backend).
pub(crate) trait AuditAppend {
    async fn append_audit(&mut self, entry: &AuditEntry) -> Result<AuditEvent>;
}

/// Next chain link after `(last_seq, last_hash)` (or the genesis when the log is empty).
pub(crate) fn next_event(last: Option<(i64, String)>, entry: &AuditEntry) -> AuditEvent {
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, crate::audit::GENESIS_HASH.to_owned()),
    };
    let hash = crate::audit::event_hash(seq, entry, &prev_hash);
    AuditEvent {
        seq,
        entry: entry.clone(),
        prev_hash,
        hash,
    }
}

#[cfg(test)]
mod tests {
    use super::MIGRATIONS;

    fn names(dir: &str) -> Vec<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(dir);
        let mut names: Vec<String> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn migrations_match_the_directories() {
        let listed: Vec<String> = MIGRATIONS
            .iter()
            .map(|m| format!("{:04}_{}.sql", m.version, m.name))
            .collect();
        assert_eq!(
            names("sqlite"),
            listed,
            "migrations/sqlite vs db::MIGRATIONS"
        );
        assert_eq!(
            names("postgres"),
            listed,
            "migrations/postgres vs db::MIGRATIONS"
        );
    }

    #[test]
    fn user_columns_are_written_once_and_read_back_by_user_from() {
        assert_eq!(
            user_columns!(),
            "id, email, password_hash, role, display_name, created_at, disabled_at, language"
        );
        assert!(user_columns!("u.", "u_").starts_with("u.id AS u_id, u.email AS u_email, "));
        assert!(user_columns!("u.", "").ends_with(", u.language AS language"));
    }
}
