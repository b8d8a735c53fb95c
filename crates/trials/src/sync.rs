//! The sync's paging, pure apart from the fetch it is given: page after page through
//! `nextPageToken`, every page parsed before anything is kept, so the caller replaces its copy
//! only with a complete set.

use crate::v2::{Page, page_url, parse_page};

/// Most pages one sync reads (100 studies each): a runaway token loop stops here.
pub const MAX_PAGES: u64 = 50;

/// A complete sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synced {
    /// `(nct_id, study JSON)`, one per study, sorted by id.
    pub studies: Vec<(String, String)>,
    /// Pages read.
    pub pages: u64,
}

/// Why a sync stopped; nothing it read should be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("sync stopped on page {page}: {reason}")]
pub struct SyncError {
    /// The page (1-based) that failed.
    pub page: u64,
    /// Why, in words safe to show.
    pub reason: String,
}

/// Runs a sync: `fetch(url)` returns the body of a `200` answer or an error message.
///
/// # Errors
/// [`SyncError`] for the first page that fails to arrive or parse, a repeated page token, or
/// more than [`MAX_PAGES`] pages.
pub fn run(
    base: &str,
    mut fetch: impl FnMut(&str) -> Result<String, String>,
) -> Result<Synced, SyncError> {
    let mut all: Vec<(String, String)> = Vec::new();
    let mut token: Option<String> = None;
    let mut seen: Vec<String> = Vec::new();
    for page in 1..=MAX_PAGES {
        let url = page_url(base, token.as_deref());
        let body = fetch(&url).map_err(|reason| SyncError { page, reason })?;
        let Page {
            studies,
            next_page_token,
        } = parse_page(&body).map_err(|e| SyncError {
            page,
            reason: e.to_string(),
        })?;
        all.extend(studies);
        match next_page_token {
            None => {
                all.sort_by(|a, b| a.0.cmp(&b.0));
                all.dedup_by(|later, earlier| later.0 == earlier.0);
                return Ok(Synced {
                    studies: all,
                    pages: page,
                });
            }
            Some(t) => {
                if seen.contains(&t) {
                    return Err(SyncError {
                        page,
                        reason: "the registry repeated a page token".to_owned(),
                    });
                }
                seen.push(t.clone());
                token = Some(t);
            }
        }
    }
    Err(SyncError {
        page: MAX_PAGES,
        reason: format!("more than {MAX_PAGES} pages"),
    })
}
