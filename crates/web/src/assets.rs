//! Static files compiled into the binary (no files beside `myo` are needed): the stylesheet and
//! the vendored htmx 2.0.11 with its licence, and Myo's own three small scripts: one reads the
//! browser's time zone for the sign-up and settings forms, one adds copy buttons, one shows the
//! medicine form's fields for the chosen schedule kind.

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;

const STYLE: &str = include_str!("../static/style.css");
const HTMX: &str = include_str!("../static/htmx.min.js");
const COPY: &str = include_str!("../static/copy.js");
const HTMX_LICENSE: &str = include_str!("../static/htmx.LICENSE.txt");
const TZ: &str = include_str!("../static/tz.js");
const SCHEDULE: &str = include_str!("../static/schedule.js");
const FAVICON: &str = include_str!("../static/favicon.svg");

/// `/static/…` routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/static/style.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE) }),
        )
        .route(
            "/static/htmx.min.js",
            get(|| async { asset("text/javascript; charset=utf-8", HTMX) }),
        )
        .route(
            "/static/tz.js",
            get(|| async { asset("text/javascript; charset=utf-8", TZ) }),
        )
        .route(
            "/static/schedule.js",
            get(|| async { asset("text/javascript; charset=utf-8", SCHEDULE) }),
        )
        .route(
            "/static/copy.js",
            get(|| async { asset("text/javascript; charset=utf-8", COPY) }),
        )
        // Browsers ask for /favicon.ico on their own; both names serve the same small SVG.
        .route(
            "/static/favicon.svg",
            get(|| async { asset("image/svg+xml", FAVICON) }),
        )
        .route(
            "/favicon.ico",
            get(|| async { asset("image/svg+xml", FAVICON) }),
        )
        .route(
            "/static/htmx.LICENSE.txt",
            get(|| async { asset("text/plain; charset=utf-8", HTMX_LICENSE) }),
        )
}

/// Static files are public and change only with the binary: cache for a day.
fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
        .into_response()
}
