//! Definition files (`defs/<id>.toml`): the shared header and the cited-number convention.
//!
//! Every definition file starts with the same header (parsed by [`MetaDef`]) and gives each
//! group of numbers a `Source`: the locator (paper + table/figure) and its status. The header's
//! declared status must agree with the sources: an instrument is `verified` only if every group
//! is; otherwise it is `partial` and every result says so (see [`crate::Explanation::new`]).
//! Sources live in one table per part, `[sources.<part>]`, with `locator` and `status`.

use serde::Deserialize;

use crate::explain::{Citation, Meta, Status};

/// A definition file that cannot be used. Built-in definitions are checked by tests, so this only
/// fires when a definition was edited wrongly.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DefError {
    /// The file is not valid TOML or does not have the expected shape.
    #[error("definition {id}: {message}")]
    Parse {
        /// Instrument id (file name).
        id: String,
        /// Parser message, with the TOML location.
        message: String,
    },
    /// The file parses but breaks a rule (a missing item, a non-monotone cut-off, ...).
    #[error("definition {id}: {message}")]
    Invalid {
        /// Instrument id (file name).
        id: String,
        /// What is wrong.
        message: String,
    },
}

impl DefError {
    /// Shortcut for [`DefError::Invalid`].
    pub fn invalid(id: &str, message: impl Into<String>) -> Self {
        DefError::Invalid {
            id: id.to_owned(),
            message: message.into(),
        }
    }
}

/// Parses a definition file into its private serde shape.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(
    id: &str,
    src: &str,
) -> Result<T, DefError> {
    toml::from_str(src).map_err(|e| DefError::Parse {
        id: id.to_owned(),
        message: e.to_string(),
    })
}

/// Status as spelled in definition files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum StatusDef {
    Verified,
    Partial,
}

impl From<StatusDef> for Status {
    fn from(s: StatusDef) -> Status {
        match s {
            StatusDef::Verified => Status::Verified,
            StatusDef::Partial => Status::Partial,
        }
    }
}

/// The `[sources.<part>]` tables of a definition file, by part name.
pub(crate) type Sources = std::collections::BTreeMap<String, Source>;

/// Where a group of numbers comes from: `locator = "..."`, `status = "verified" | "partial"`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    pub locator: String,
    pub status: StatusDef,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CitationDef {
    reference: String,
    doi: Option<String>,
    locator: String,
}

impl From<CitationDef> for Citation {
    fn from(c: CitationDef) -> Citation {
        Citation {
            reference: c.reference,
            doi: c.doi,
            locator: c.locator,
        }
    }
}

/// The `[meta]` table every definition file starts with.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MetaDef {
    id: String,
    revision: u32,
    title: String,
    status: StatusDef,
    citation: CitationDef,
    #[serde(default)]
    see_also: Vec<CitationDef>,
    #[serde(default)]
    notes: Vec<String>,
    missing_rule: String,
}

impl MetaDef {
    /// Checks the header against the file name and the sources of every group of numbers, and
    /// collects the partial parts for the automatic "not yet verified" warning.
    ///
    /// `sources` is the file's `[sources]` table; `required` lists the part names the instrument
    /// code expects there (e.g. `"probability_intercepts"`), so a forgotten locator is an error.
    pub(crate) fn build(
        self,
        expected_id: &str,
        sources: &Sources,
        required: &[&str],
    ) -> Result<Meta, DefError> {
        if self.id != expected_id {
            return Err(DefError::invalid(
                expected_id,
                format!("meta.id is {:?}", self.id),
            ));
        }
        let names: Vec<&str> = sources.keys().map(String::as_str).collect();
        let mut want = required.to_vec();
        want.sort_unstable();
        if names != want {
            return Err(DefError::invalid(
                expected_id,
                format!("[sources] must name exactly {want:?}, got {names:?}"),
            ));
        }
        let mut partial_parts = Vec::new();
        for (name, source) in sources {
            if source.locator.trim().is_empty() {
                return Err(DefError::invalid(
                    expected_id,
                    format!("{name}: empty locator"),
                ));
            }
            if source.status == StatusDef::Partial {
                partial_parts.push(format!("{name} ({})", source.locator));
            }
        }
        let computed = if partial_parts.is_empty() {
            Status::Verified
        } else {
            Status::Partial
        };
        if Status::from(self.status) != computed {
            return Err(DefError::invalid(
                expected_id,
                format!(
                    "meta.status is {} but its numbers make it {}",
                    Status::from(self.status).as_str(),
                    computed.as_str()
                ),
            ));
        }
        Ok(Meta {
            id: self.id,
            revision: self.revision,
            title: self.title,
            status: computed,
            citation: self.citation.into(),
            see_also: self.see_also.into_iter().map(Citation::from).collect(),
            notes: self.notes,
            missing_rule: self.missing_rule,
            partial_parts,
            status_warning: None,
        }
        .with_status_warning())
    }
}
