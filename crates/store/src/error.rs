//! The store's error type. No sqlx type appears in it, so callers never depend on the driver.

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// A uniqueness rule was broken. `constraint` is `table.column[, table.column]`, the same on
    /// both backends (for example `users.email`, `api_tokens.token_hash`).
    #[error("already exists (unique constraint {constraint})")]
    Conflict {
        /// The broken constraint as `table.column`.
        constraint: String,
    },
    /// The record to change does not exist (or is not the caller's).
    #[error("{what} not found")]
    NotFound {
        /// What was looked for (`user`, `session`, `api_token`).
        what: &'static str,
    },
    /// The record was changed (by another edit) since the version the caller read: nothing was
    /// saved. Read it again and redo the edit.
    #[error("this {what} changed since it was opened")]
    Changed {
        /// What changed (the record's table).
        what: &'static str,
    },
    /// A record refers to another that does not exist (a foreign key failed).
    #[error("a referenced record does not exist")]
    MissingReference,
    /// A value given to the store is not acceptable.
    #[error("invalid {field}: {reason}")]
    Invalid {
        /// The field, as named in the domain type.
        field: &'static str,
        /// Why.
        reason: String,
    },
    /// The change would leave no active admin account: the last one can be neither demoted nor
    /// disabled, so somebody can always manage accounts from the web.
    #[error("the last active admin cannot be demoted or disabled")]
    LastAdmin,
    /// The database URL or data directory cannot be used.
    #[error("cannot use database location {location}: {reason}")]
    Location {
        /// The location with any password removed.
        location: String,
        /// Why.
        reason: String,
    },
    /// The database holds a value this version does not understand.
    #[error("unexpected value in {column}: {value:?}")]
    Corrupt {
        /// `table.column`.
        column: &'static str,
        /// The value found.
        value: String,
    },
    /// Applying migrations failed.
    #[error("migration failed: {0}")]
    Migration(String),
    /// `db copy` refused to write into a database that already holds data.
    #[error("target database is not empty: table {table} has rows")]
    TargetNotEmpty {
        /// The first non-empty table found.
        table: String,
    },
    /// Every password-hashing slot is taken and the short queue is full or timed out: the
    /// caller should answer 503 with `Retry-After`, never queue without bound.
    #[error("password hashing is busy; retry after {retry_after_secs} s")]
    Busy {
        /// Seconds the client should wait before retrying.
        retry_after_secs: u64,
    },
    /// Password hashing or verification could not run (not a wrong password).
    #[error("password hashing failed: {0}")]
    Password(String),
    /// Any other database or connection failure; the text is for logs, not for end users.
    #[error("database error: {0}")]
    Backend(String),
}

impl StoreError {
    pub(crate) fn invalid(field: &'static str, reason: &str) -> Self {
        StoreError::Invalid {
            field,
            reason: reason.to_owned(),
        }
    }

    pub(crate) fn corrupt(column: &'static str, value: &str) -> Self {
        StoreError::Corrupt {
            column,
            value: value.to_owned(),
        }
    }
}

/// Store result.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::Database(db) => {
                if db.is_unique_violation() {
                    StoreError::Conflict {
                        constraint: unique_constraint(db.as_ref()),
                    }
                } else if db.is_foreign_key_violation() {
                    StoreError::MissingReference
                } else {
                    StoreError::Backend(db.message().to_owned())
                }
            }
            _ => StoreError::Backend(err.to_string()),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        StoreError::Migration(err.to_string())
    }
}

/// Names a unique violation as `table.column`, the form SQLite prints
/// ("UNIQUE constraint failed: users.email"); PostgreSQL's `Key (email)=(…)` detail is rewritten
/// to match, without keeping the value (it may be an e-mail address).
fn unique_constraint(db: &dyn sqlx::error::DatabaseError) -> String {
    if let Some(rest) = db.message().strip_prefix("UNIQUE constraint failed: ") {
        return rest.to_owned();
    }
    if let Some(pg) = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
        let columns = pg
            .detail()
            .and_then(|d| d.strip_prefix("Key ("))
            .and_then(|d| d.split_once(")="))
            .map(|(cols, _)| cols);
        if let (Some(table), Some(cols)) = (pg.table(), columns) {
            return cols
                .split(", ")
                .map(|c| format!("{table}.{c}"))
                .collect::<Vec<_>>()
                .join(", ");
        }
    }
    db.constraint().unwrap_or("unknown").to_owned()
}
