//! `GET /organisations`: organisations and specialist-centre networks with country, languages,
//! helplines as `tel:` links, services and the KB entry that cites them; `?country=US` filters.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use myo_trials::directory::{Listing, build};

use crate::AppState;
use crate::auth::MaybeUser;
use crate::pages::{Layout, PageError, render};

#[derive(Template)]
#[template(path = "organisations.html")]
struct DirectoryPage {
    l: Layout,
    listings: Vec<Listing>,
    countries: Vec<String>,
    country: String,
    error: Option<String>,
}

/// `GET /organisations`.
pub async fn page(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
    uri: Uri,
) -> Result<Response, PageError> {
    let all = build(state.kb()).map_err(|e| {
        tracing::error!(error = %e, "organisations directory");
        PageError(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The directory could not be built; it has been logged.".into(),
        )
    })?;
    let mut countries: Vec<String> = all.iter().map(|l| l.country.clone()).collect();
    countries.dedup();
    let country = form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .find(|(k, _)| k == "country")
        .map(|(_, v)| v.trim().to_uppercase())
        .unwrap_or_default();
    let (listings, error, status) = if country.is_empty() {
        (all, None, StatusCode::OK)
    } else if countries.contains(&country) {
        (
            all.into_iter().filter(|l| l.country == country).collect(),
            None,
            StatusCode::OK,
        )
    } else {
        (
            all,
            Some(format!(
                "The directory has no listings for the country code \u{201c}{country}\u{201d}. Choose one of the countries listed."
            )),
            StatusCode::BAD_REQUEST,
        )
    };
    let page = DirectoryPage {
        l: Layout::new(
            &state,
            user.as_ref(),
            &loc,
            "Organisations and centres",
            "kb",
        ),
        listings,
        countries,
        country,
        error,
    };
    Ok((status, render(&page)).into_response())
}
