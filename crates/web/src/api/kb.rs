//! Knowledge base: list (optionally one section), get, search and cite, with `myo-api`'s DTOs.

use std::str::FromStr;

use axum::Json;
use axum::extract::{Path, State};
use myo_api::ask::{HitDto, SearchDto};
use myo_api::kb::{CitationDto, EntryDto, EntryListDto};
use myo_kb::{CitationStyle, Section};
use serde::Deserialize;

use crate::error::{ApiError, ApiQuery};
use crate::{AppState, today};

/// `?section=`
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    /// Section name (`drugs`, `symptoms`, …).
    pub section: Option<String>,
}

/// Parses a section name, naming the field on error.
pub fn parse_section(text: &str) -> Result<Section, ApiError> {
    Section::from_str(text).map_err(|e| {
        ApiError::bad_request(format!("unknown section {text:?}; allowed: {}", e.allowed))
            .with_field("section")
    })
}

/// `GET /api/v1/kb[?section=]`
pub async fn list(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<EntryListDto>, ApiError> {
    let section = q.section.as_deref().map(parse_section).transpose()?;
    Ok(Json(EntryListDto::from_kb(state.kb(), section, today())))
}

/// The entry or a 404 with suggestions.
fn entry<'a>(state: &'a AppState, id: &str) -> Result<&'a myo_kb::Entry, ApiError> {
    state.kb().get(id).ok_or_else(|| {
        let near = state.kb().suggest(id, 3);
        let hint = if near.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", near.join(", "))
        };
        ApiError::not_found(format!("no knowledge-base entry {id:?}{hint}")).with_field("id")
    })
}

/// `GET /api/v1/kb/{id}`
pub async fn get(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<EntryDto>, ApiError> {
    let e = entry(&state, &id)?;
    Ok(Json(EntryDto::from_entry(state.kb(), e, today())))
}

/// `?style=` (default `apa`)
#[derive(Debug, Deserialize)]
pub struct CiteQuery {
    /// `apa`, `mla`, `chicago` or `harvard`.
    pub style: Option<String>,
}

/// Parses a citation style, naming the field on error.
pub fn parse_style(text: Option<&str>) -> Result<CitationStyle, ApiError> {
    CitationStyle::from_str(text.unwrap_or("apa")).map_err(|e| {
        ApiError::bad_request(format!(
            "unknown style {:?}; allowed: {}",
            e.value, e.allowed
        ))
        .with_field("style")
    })
}

/// `GET /api/v1/kb/{id}/cite?style=`
pub async fn cite(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<CiteQuery>,
) -> Result<Json<CitationDto>, ApiError> {
    let e = entry(&state, &id)?;
    let style = parse_style(q.style.as_deref())?;
    Ok(Json(CitationDto::new(e, style, today(), state.base_url())))
}

/// `?q=&limit=`
#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    /// Search terms.
    pub q: Option<String>,
    /// At most this many hits (1–50, default 10).
    pub limit: Option<usize>,
}

/// Longest query accepted.
pub const MAX_QUERY_CHARS: usize = 500;

/// `GET /api/v1/kb/search?q=`
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<Json<SearchDto>, ApiError> {
    let query = q.q.unwrap_or_default();
    let query = query.trim();
    if query.is_empty() {
        return Err(ApiError::bad_request("give search terms in q").with_field("q"));
    }
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad_request(format!(
            "q is longer than {MAX_QUERY_CHARS} characters"
        ))
        .with_field("q"));
    }
    let limit = q.limit.unwrap_or(10);
    if !(1..=50).contains(&limit) {
        return Err(ApiError::bad_request("limit must be 1 to 50").with_field("limit"));
    }
    let hits = state.engine().await.search(query, limit);
    Ok(Json(SearchDto {
        query: query.to_owned(),
        hits: hits.iter().map(HitDto::from).collect(),
    }))
}
