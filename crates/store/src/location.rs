//! Where the database lives: parsed once from `--database-url` or `--data-dir`.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::StoreError;

/// File name of the SQLite database inside a data directory.
pub const SQLITE_FILE_NAME: &str = "myo.sqlite3";

/// A database location: a SQLite file or a PostgreSQL URL.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// SQLite database file (created if missing).
    Sqlite(PathBuf),
    /// `postgres://` or `postgresql://` URL, passed to the driver as given.
    Postgres(String),
}

impl Location {
    /// Parses `sqlite://PATH[?mode=rwc]`, `sqlite:PATH`, `postgres://…`, `postgresql://…`, or
    /// a bare path, taken as a data directory holding [`SQLITE_FILE_NAME`].
    ///
    /// # Errors
    /// [`StoreError::Location`] for an empty text or an unknown scheme.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(location_error(text, "empty database location"));
        }
        if let Some(rest) = text.strip_prefix("sqlite:") {
            let rest = rest.strip_prefix("//").unwrap_or(rest);
            let path = rest.split_once('?').map_or(rest, |(p, _)| p);
            if path.is_empty() || path == ":memory:" {
                return Err(location_error(text, "a SQLite database needs a file path"));
            }
            return Ok(Location::Sqlite(PathBuf::from(path)));
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return Ok(Location::Postgres(text.to_owned()));
        }
        if let Some((scheme, _)) = text.split_once("://") {
            return Err(location_error(
                text,
                &format!("unsupported scheme {scheme:?}: use sqlite://PATH or postgres://…"),
            ));
        }
        Ok(Location::from_data_dir(Path::new(text)))
    }

    /// The default SQLite file inside a data directory.
    #[must_use]
    pub fn from_data_dir(dir: &Path) -> Self {
        Location::Sqlite(dir.join(SQLITE_FILE_NAME))
    }

    /// `--database-url` when given, otherwise the data directory's SQLite file.
    ///
    /// # Errors
    /// As [`Location::parse`].
    pub fn resolve(database_url: Option<&str>, data_dir: &Path) -> Result<Self, StoreError> {
        database_url.map_or_else(|| Ok(Location::from_data_dir(data_dir)), Location::parse)
    }

    /// The location for messages and logs, with any password replaced by `***`.
    #[must_use]
    pub fn redacted(&self) -> String {
        match self {
            Location::Sqlite(path) => format!("sqlite://{}", path.display()),
            Location::Postgres(url) => redact_url(url),
        }
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Location({})", self.redacted())
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// `scheme://user:secret@host/…` → `scheme://user:***@host/…`.
fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

pub(crate) fn location_error(location: &str, reason: &str) -> StoreError {
    StoreError::Location {
        location: redact_url(location),
        reason: reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(
            Location::parse("sqlite://data/x.db?mode=rwc").unwrap(),
            Location::Sqlite(PathBuf::from("data/x.db"))
        );
        assert_eq!(
            Location::parse("sqlite:x.db").unwrap(),
            Location::Sqlite("x.db".into())
        );
        assert_eq!(
            Location::parse("./myo-data").unwrap(),
            Location::Sqlite(PathBuf::from("./myo-data/myo.sqlite3"))
        );
        assert!(matches!(
            Location::parse("postgresql://h/db").unwrap(),
            Location::Postgres(_)
        ));
        assert!(
            Location::parse("mysql://h/db")
                .unwrap_err()
                .to_string()
                .contains("mysql")
        );
        assert!(Location::parse("sqlite://:memory:").is_err());
    }

    #[test]
    fn redacts_passwords() {
        let loc = Location::parse("postgres://me:hunter2@db:5432/myo").unwrap();
        assert_eq!(loc.redacted(), "postgres://me:***@db:5432/myo");
        assert!(!format!("{loc:?}").contains("hunter2"));
    }
}
