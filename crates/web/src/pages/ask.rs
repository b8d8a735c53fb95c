//! The Ask page: a question form, then the answer with numbered citations. A red-flag triage
//! result leads the page as an alert, action first. Questions are never logged or stored.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::Response;
use myo_api::ask::AskResponseDto;
use myo_ask::{AskContext, CountryCode};
use serde::Deserialize;

use super::{Layout, render};
use crate::AppState;
use crate::api::kb::MAX_QUERY_CHARS;
use crate::auth::MaybeUser;

#[derive(Template)]
#[template(path = "ask.html")]
struct AskPage {
    l: Layout,
    question: String,
    error: Option<String>,
    reply: Option<AskResponseDto>,
    max_chars: usize,
}

impl AskPage {
    fn triage_tier(&self) -> &str {
        self.reply.as_ref().and_then(|r| r.triage).unwrap_or("")
    }
}

/// `GET /ask`
pub async fn form(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
) -> Response {
    let l = Layout::new(&state, user.as_ref(), &loc, "Ask a question", "ask");
    render(&AskPage {
        l,
        question: String::new(),
        error: None,
        reply: None,
        max_chars: MAX_QUERY_CHARS,
    })
}

/// The form.
#[derive(Debug, Deserialize)]
pub struct AskForm {
    /// The question.
    #[serde(default)]
    pub question: String,
}

/// The country for the help lines, from the browser's languages: the first tag with a region
/// (`en-GB` → GB, `es-MX` → MX). None when no tag names a region; Ask then lists its default
/// countries' numbers.
pub fn country_from_accept_language(headers: &HeaderMap) -> Option<CountryCode> {
    let value = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    value.split(',').find_map(|tag| {
        let tag = tag.split(';').next()?.trim();
        let region = tag.split(['-', '_']).nth(1)?;
        (region.len() == 2 && region.chars().all(|c| c.is_ascii_alphabetic()))
            .then(|| CountryCode::parse(region).ok())
            .flatten()
    })
}

/// `POST /ask`
pub async fn answer(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
    headers: HeaderMap,
    Form(f): Form<AskForm>,
) -> Response {
    let l = Layout::new(&state, user.as_ref(), &loc, "Ask a question", "ask");
    let q = f.question.trim().to_owned();
    let (error, reply) = if q.is_empty() {
        (Some("Please type a question.".to_owned()), None)
    } else if q.chars().count() > MAX_QUERY_CHARS {
        (
            Some(format!("Please use at most {MAX_QUERY_CHARS} characters.")),
            None,
        )
    } else {
        (
            None,
            Some(AskResponseDto::from(&state.engine().await.ask_with(
                &q,
                &AskContext {
                    country: country_from_accept_language(&headers),
                },
            ))),
        )
    };
    render(&AskPage {
        l,
        question: q,
        error,
        reply,
        max_chars: MAX_QUERY_CHARS,
    })
}
