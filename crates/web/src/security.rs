//! Cross-cutting protections as two small middlewares: security headers on every response, and
//! CSRF protection on every state-changing request.
//!
//! CSRF has two layers (OWASP; Go 1.25 `CrossOriginProtection`):
//! 1. Origin check for every unsafe method: a `Sec-Fetch-Site` other than `same-origin`/`none`,
//!    or an `Origin` that is not this site, is refused. Requests with neither header come from
//!    non-browser clients, which carry no ambient cookies worth forging.
//! 2. For a signed-in browser session, a synchroniser token (stored with the session) must come
//!    back in the `csrf` form field or the `X-CSRF-Token` header. The JSON API is exempt: it
//!    authenticates with bearer tokens, never with cookies.
//!
//! Session cookies are also `SameSite=Strict`.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::error_page;

/// The Content-Security-Policy: only this origin's scripts, styles and images; no framing.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds security headers to every response; `Cache-Control: no-store` unless the handler chose.
pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, k: header::HeaderName, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(h, header::CONTENT_SECURITY_POLICY, CSP);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(
        h,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        h,
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=()",
    );
    if state.config().secure_cookies {
        set(
            h,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        // Pages may show account data; nothing is cached unless a handler says so (static files).
        set(h, header::CACHE_CONTROL, "no-store");
    }
    res
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The origin the browser used, as `scheme://host`: the configured public URL, else derived from
/// the `Host` header (scheme from the cookie setting).
fn expected_origin(state: &AppState, headers: &HeaderMap) -> Option<String> {
    if let Some(url) = &state.config().public_url {
        return Some(url.clone());
    }
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let scheme = if state.config().secure_cookies {
        "https"
    } else {
        "http"
    };
    Some(format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// Why a request was refused as cross-site, if it was.
fn cross_site(state: &AppState, headers: &HeaderMap) -> Option<&'static str> {
    if let Some(site) = headers.get("sec-fetch-site") {
        return match site.as_bytes() {
            b"same-origin" | b"none" => None,
            _ => Some("cross-site request refused (Sec-Fetch-Site)"),
        };
    }
    let origin = headers.get(header::ORIGIN)?.to_str().unwrap_or("");
    match expected_origin(state, headers) {
        Some(expected) if origin.eq_ignore_ascii_case(&expected) => None,
        _ => Some("cross-site request refused (Origin)"),
    }
}

/// Constant-time comparison, so the token cannot be guessed byte by byte from timings.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The `csrf` field of a URL-encoded form body.
fn form_token(body: &[u8]) -> Option<String> {
    url::form_urlencoded_pairs(body)
        .into_iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v)
}

/// CSRF middleware (runs after the session is resolved).
pub async fn csrf(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !is_unsafe(req.method()) {
        return next.run(req).await;
    }
    let api = req.uri().path().starts_with("/api/");
    // CDS Hooks calls carry the EHR's signed JWT and no cookie: nothing ambient to forge, and
    // browser-based EHRs send a cross-site Origin by design.
    if req.uri().path().starts_with("/cds-services/") {
        return next.run(req).await;
    }
    if let Some(why) = cross_site(&state, req.headers()) {
        return refuse(api, why);
    }
    let Some(expected) = req
        .extensions()
        .get::<CurrentUser>()
        .map(|u| u.session.csrf_token.clone())
    else {
        return next.run(req).await;
    };
    if api {
        return next.run(req).await;
    }
    if let Some(sent) = req.headers().get("x-csrf-token") {
        if same_secret(sent.as_bytes(), expected.as_bytes()) {
            return next.run(req).await;
        }
        return refuse(
            false,
            "the form's security token is wrong; reload the page and try again",
        );
    }
    let multipart = crate::multipart::boundary_of(req.headers());
    let (parts, body) = req.into_parts();
    let limit = crate::boundary::body_limit(state.config().body_limit, parts.uri.path());
    let Ok(bytes) = to_bytes(body, limit).await else {
        return crate::boundary::too_large(parts.uri.path(), limit);
    };
    let sent = match multipart {
        Some(b) => crate::multipart::parse(&bytes, &b)
            .and_then(|fields| crate::multipart::text(&fields, "csrf")),
        None => form_token(&bytes),
    };
    match sent {
        Some(sent) if same_secret(sent.as_bytes(), expected.as_bytes()) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Some(_) => refuse(
            false,
            "the form's security token is wrong; reload the page and try again",
        ),
        None => refuse(
            false,
            "the form's security token is missing; reload the page and try again",
        ),
    }
}

fn refuse(api: bool, why: &'static str) -> Response {
    tracing::info!(reason = why, "csrf refusal");
    if api {
        ApiError::forbidden(why).into_response()
    } else {
        error_page(StatusCode::FORBIDDEN, why).into_response()
    }
}

/// Minimal `application/x-www-form-urlencoded` decoding (no extra dependency).
pub mod url {
    /// Decodes `a=1&b=x+y` into pairs; invalid escapes are kept literally.
    pub fn form_urlencoded_pairs(body: &[u8]) -> Vec<(String, String)> {
        body.split(|&b| b == b'&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let mut it = pair.splitn(2, |&b| b == b'=');
                let k = decode(it.next().unwrap_or_default());
                let v = decode(it.next().unwrap_or_default());
                (k, v)
            })
            .collect()
    }

    /// Percent-decodes one component, `+` meaning space.
    pub fn decode(s: &[u8]) -> String {
        let mut out = Vec::with_capacity(s.len());
        let mut i = 0;
        while i < s.len() {
            match s[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < s.len() => match (hex(s[i + 1]), hex(s[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push(h * 16 + l);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                },
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Percent-encodes a query or path component.
    pub fn encode(s: &str) -> String {
        let mut out = String::new();
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    fn hex(b: u8) -> Option<u8> {
        char::from(b)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn decodes_forms() {
            let pairs = form_urlencoded_pairs(b"a=1&csrf=x%2By+z&bad=%zz&end=%4");
            assert_eq!(pairs[0], ("a".into(), "1".into()));
            assert_eq!(pairs[1], ("csrf".into(), "x+y z".into()));
            assert_eq!(pairs[2], ("bad".into(), "%zz".into()));
            assert_eq!(pairs[3], ("end".into(), "%4".into()));
            assert_eq!(encode("a b/é"), "a%20b%2F%C3%A9");
        }
    }
}
