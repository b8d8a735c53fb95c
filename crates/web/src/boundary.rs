//! Checks made once, at the boundary, for every route: text that no field may hold, redirect
//! targets, and oversized bodies.
//!
//! - [`text_guard`]: NUL and the other C0 control characters (and DEL) are refused with a 422
//!   that names the field, in the path, the query string and every form or JSON body field.
//!   Tab, line feed and carriage return are allowed only in long text ([`LONG_TEXT`]: notes,
//!   posts, questions, a pasted FHIR bundle), in passwords (never shown or stored as text, so
//!   one set with a pasted tab still signs in), in an uploaded file, and in another system's
//!   document (the FHIR import routes, CDS Hooks calls); every other field is one line. PostgreSQL cannot store NUL, and a
//!   NUL stored on SQLite used to stop `myo db copy`, so nothing with one gets in.
//! - [`local_path`]: a `next=` redirect target must be a path on this site.
//! - [`drain_oversized`]: a body declared larger than the limit is read and thrown away (up to
//!   a bound) before the 413 is sent, so the client reads the answer instead of a reset.
//! - [`body_limit`]: the one place that says how large a body may be: the configured limit,
//!   or [`IMPORT_BODY_LIMIT`] for the FHIR import routes only (a hospital portal's file is
//!   larger than any form). Every layer that reads a body asks it.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

use crate::AppState;
use crate::error::ApiError;
use crate::pages::error_page;
use crate::security::url::{decode, form_urlencoded_pairs};

/// Whether `c` may appear in a value: never a C0 control or DEL, except tab, line feed and
/// carriage return when `multiline`.
fn allowed(c: char, multiline: bool) -> bool {
    if matches!(c, '\t' | '\n' | '\r') {
        return multiline;
    }
    !(c.is_ascii_control())
}

fn clean(text: &str, multiline: bool) -> bool {
    text.chars().all(|c| allowed(c, multiline))
}

/// Fields (form names, or a JSON member's own name) that hold long text, where tab and line
/// breaks are part of what people write. Every other field is a single line.
pub const LONG_TEXT: &[&str] = &[
    "body",
    "bundle",
    "confirmation",
    "detail",
    "note",
    "question",
    "questions",
];

/// Password fields: checked for NUL and the other controls, but a tab or line break in one is
/// left to the password rules (refusing it here could lock out a password set with a paste).
const SECRETS: &[&str] = &[
    "password",
    "password_confirm",
    "current_password",
    "new_password",
    "new_password_confirm",
];

/// Whether `field` (a form name or a JSON path such as `items[2].note`) may hold tab and line
/// breaks: its own name, without an index, is long text or a secret.
fn multiline_field(field: &str) -> bool {
    let last = field.rsplit('.').next().unwrap_or(field);
    let last = last.split('[').next().unwrap_or(last);
    LONG_TEXT.contains(&last) || SECRETS.contains(&last)
}

/// Routes whose body is another system's document (a FHIR Bundle to import, a CDS Hooks
/// request): their strings (narratives, notes) are long text throughout.
fn foreign_document(path: &str) -> bool {
    is_import(path) || path.starts_with("/cds-services/")
}

/// The first field of a JSON value holding a refused character, as a dotted path
/// (`items[2].note`; `$` for the whole document). Keys are checked too. A string may hold tab
/// and line breaks when its field is long text, or everywhere when `foreign`.
fn json_field(value: &serde_json::Value, path: &str, foreign: bool) -> Option<String> {
    use serde_json::Value;
    let here = || {
        if path.is_empty() {
            "$".to_owned()
        } else {
            path.to_owned()
        }
    };
    match value {
        Value::String(s) => (!clean(s, foreign || multiline_field(path))).then(here),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| json_field(v, &format!("{path}[{i}]"), foreign)),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let child = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            if clean(k, false) {
                json_field(v, &child, foreign)
            } else {
                Some(child.chars().filter(|c| allowed(*c, false)).collect())
            }
        }),
        _ => None,
    }
}

/// The first form field (or query parameter) holding a refused character. In a form body
/// (`body`), long-text fields may hold tab and line breaks; in a query nothing may.
fn form_field(bytes: &[u8], body: bool) -> Option<String> {
    form_urlencoded_pairs(bytes)
        .into_iter()
        .find(|(k, v)| !clean(k, false) || !clean(v, body && multiline_field(k)))
        .map(|(k, _)| k.chars().filter(|c| allowed(*c, false)).collect())
}

/// The media type a request's `Content-Type` declares, trimmed and in lower case, without its
/// parameters (`multipart/form-data; boundary=x` → `multipart/form-data`).
pub(crate) fn media_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
}

fn is_json(req: &Request) -> bool {
    media_type(req.headers()).is_some_and(|m| m == "application/json" || m.ends_with("+json"))
}

fn refuse(api: bool, field: &str) -> Response {
    tracing::info!(field, "control character refused at the boundary");
    if api {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            "contains a control character (such as a NUL byte, or a tab or line break in a \
             one-line field), which is not allowed",
        )
        .with_field(field)
        .into_response()
    } else {
        error_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!(
                "The field \u{201c}{}\u{201d} contains a hidden control character (such as a \
                 tab, a line break in a one-line field, or a NUL byte) that Myo cannot store. \
                 Please remove it, or type the text again, and send the form once more.",
                crate::tracker::safety::field_label(field)
            ),
        )
    }
}

/// Refuses NUL and other control characters in the path, the query and the body (see the
/// module documentation). Runs before any handler, so no handler can forget it.
pub async fn text_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let path = decode(req.uri().path().as_bytes());
    if !clean(&path, false) {
        return refuse(api, "path");
    }
    if let Some(field) = req
        .uri()
        .query()
        .and_then(|q| form_field(q.as_bytes(), false))
    {
        return refuse(api, &field);
    }
    let has_body = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .is_none_or(|v| v.as_bytes() != b"0")
        && !matches!(
            *req.method(),
            axum::http::Method::GET | axum::http::Method::HEAD
        );
    if !has_body {
        return next.run(req).await;
    }
    let json = is_json(&req);
    let foreign = foreign_document(req.uri().path());
    let multipart = crate::multipart::boundary_of(req.headers());
    let (parts, body) = req.into_parts();
    let limit = body_limit(state.config().body_limit, parts.uri.path());
    let bytes = match to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(e) => return body_failed(&e, parts.uri.path(), limit),
    };
    let field = if let Some(b) = multipart {
        match crate::multipart::parse(bytes.clone(), &b, limit).await {
            Ok(fields) => fields
                .iter()
                .find(|f| {
                    // An uploaded file is a document: long text, like a pasted one.
                    let multiline = foreign || f.filename.is_some() || multiline_field(&f.name);
                    !clean(&f.name, false) || !clean(&String::from_utf8_lossy(&f.data), multiline)
                })
                .map(|f| f.name.chars().filter(|c| allowed(*c, false)).collect()),
            Err(crate::multipart::Error::Malformed) => Some("form".to_owned()),
            Err(crate::multipart::Error::TooLarge { .. }) => {
                return too_large(parts.uri.path(), limit);
            }
        }
    } else if crate::multipart::declared(&parts.headers) {
        // `multipart/form-data` without a usable boundary: not a form Myo can read.
        Some("form".to_owned())
    } else if json {
        // Malformed JSON is left to the handler's extractor, which names the position.
        serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| json_field(&v, "", foreign))
    } else {
        form_field(&bytes, true)
    };
    if let Some(field) = field {
        return refuse(api, &field);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The answer when a body could not be read: 413 when it was over the limit, 408 when it
/// stopped arriving within the body timeout (a slow client is not told its body was too
/// large), 400 when the client broke off.
fn body_failed(e: &axum::Error, path: &str, limit: usize) -> Response {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let (mut over, mut slow) = (false, false);
    while let Some(c) = cause {
        over |= c.is::<http_body_util::LengthLimitError>();
        slow |= c.is::<tower_http::timeout::TimeoutError>();
        cause = c.source();
    }
    if over {
        return too_large(path, limit);
    }
    let (status, code, message) = if slow {
        (
            StatusCode::REQUEST_TIMEOUT,
            "request_timeout",
            "the request body did not arrive in time",
        )
    } else {
        (
            StatusCode::BAD_REQUEST,
            "bad_request",
            "the request body could not be read",
        )
    };
    tracing::info!(error = %e, %status, "request body not read");
    if path.starts_with("/api/") {
        ApiError::new(status, code, message).into_response()
    } else {
        let mut m = message.to_owned();
        if let Some(f) = m.get(..1) {
            m = f.to_uppercase() + &m[1..];
        }
        error_page(status, &format!("{m}. Please send the form again."))
    }
}

/// Largest body of the FHIR import routes (`/import/fhir`, `POST /api/v1/fhir/import`,
/// `POST /api/v1/patients/{id}/import/fhir`): a few years of a portal's records.
pub const IMPORT_BODY_LIMIT: usize = 4 * 1024 * 1024;

/// Whether `path` is one of the FHIR import routes.
pub fn is_import(path: &str) -> bool {
    if matches!(path, "/import/fhir" | "/api/v1/fhir/import") {
        return true;
    }
    path.strip_prefix("/api/v1/patients/")
        .and_then(|rest| rest.strip_suffix("/import/fhir"))
        .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

/// The largest body `path` accepts: [`IMPORT_BODY_LIMIT`] for the import routes, the
/// configured limit for every other route.
pub fn body_limit(configured: usize, path: &str) -> usize {
    if is_import(path) {
        IMPORT_BODY_LIMIT.max(configured)
    } else {
        configured
    }
}

fn mib(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{} KiB", bytes / 1024)
    }
}

/// The 413 answer for `path`, naming the limit (and, for an import, what to do).
pub fn too_large(path: &str, limit: usize) -> Response {
    let api = path.starts_with("/api/");
    let message = if is_import(path) {
        format!(
            "the file is too large to import (the limit is {}); export a shorter period from \
             your hospital portal, or split the file, and import each part",
            mib(limit)
        )
    } else if api {
        format!(
            "the request body is too large (the limit is {})",
            mib(limit)
        )
    } else {
        format!("the form is too large (the limit is {})", mib(limit))
    };
    if api {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", message).into_response()
    } else {
        let mut m = message;
        if let Some(f) = m.get(..1) {
            m = f.to_uppercase() + &m[1..];
        }
        error_page(StatusCode::PAYLOAD_TOO_LARGE, &format!("{m}."))
    }
}

/// Most bytes of an oversized body read and discarded before the 413 is sent; beyond it the
/// connection is closed after the answer (`Connection: close`).
pub const DRAIN_LIMIT: u64 = 32 * 1024 * 1024;

/// A body whose `Content-Length` is over the limit: answered 413 after its bytes are read and
/// discarded (up to [`DRAIN_LIMIT`], within the body timeout), so the client gets the answer
/// rather than a connection reset while it is still sending.
pub async fn drain_oversized(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let path = req.uri().path().to_owned();
    let limit = body_limit(state.config().body_limit, &path);
    let Some(len) = declared.filter(|&n| n > u64::try_from(limit).unwrap_or(u64::MAX)) else {
        return next.run(req).await;
    };
    let mut res = too_large(&path, limit);
    if len <= DRAIN_LIMIT {
        let mut body = req.into_body();
        let drain = async {
            while let Some(frame) = body.frame().await {
                if frame.is_err() {
                    break;
                }
            }
        };
        if tokio::time::timeout(state.config().body_timeout, drain)
            .await
            .is_ok()
        {
            return res;
        }
    }
    res.headers_mut().insert(
        header::CONNECTION,
        header::HeaderValue::from_static("close"),
    );
    res
}

/// Whether `next` is a path on this site: it starts with one `/`, and holds only visible ASCII
/// other than `\` (no control character, space, tab or line break, which browsers strip or
/// turn into `//`, no other site, no scheme). Anything else is ignored by the caller.
pub fn local_path(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && next.len() <= 2048
        && next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_import_routes_take_the_larger_limit() {
        for import in [
            "/import/fhir",
            "/api/v1/fhir/import",
            "/api/v1/patients/0123abc/import/fhir",
        ] {
            assert!(is_import(import), "{import}");
            assert_eq!(body_limit(64 * 1024, import), IMPORT_BODY_LIMIT);
        }
        for other in [
            "/import/fhir/",
            "/import/fhirx",
            "/x/import/fhir",
            "/api/v1/fhir/import/x",
            "/api/v1/patients//import/fhir",
            "/api/v1/patients/a/b/import/fhir",
            "/api/v1/patients/a/labs",
            "/api/v1/patients/a/import/fhir/x",
            "/patients/a/import/fhir",
        ] {
            assert!(!is_import(other), "{other}");
            assert_eq!(body_limit(64 * 1024, other), 64 * 1024);
        }
    }

    #[test]
    fn redirect_targets_are_same_origin_paths_only() {
        for good in [
            "/",
            "/account",
            "/patients/abc/diary?from=2026-01-01",
            "/kb/x#top",
        ] {
            assert!(local_path(good), "{good}");
        }
        // Known open-redirect payloads (as decoded from the form or query) and their relatives.
        for bad in [
            "/\t/evil.example",
            "/\t/evil.example/x",
            "/\n/evil.example",
            "/\r\nX:1",
            "/%0d%0aX:1\r\n",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "http:/evil.example",
            "javascript:alert(1)",
            "evil.example",
            "",
            " /account",
            "/ /evil",
            "/\u{0}/evil",
            "/\u{7f}/evil",
            "/\u{85}/evil",
            "/\u{3000}/evil",
            "/\u{2028}/evil",
            "/é",
        ] {
            assert!(!local_path(bad), "{bad:?}");
        }
        assert!(!local_path(&format!("/{}", "a".repeat(3000))));
    }

    #[test]
    fn tab_and_line_breaks_only_in_long_text() {
        // One-line fields refuse tab, CR and LF, in forms and JSON, whatever the nesting.
        for body in [
            &b"name=Pred%09nisone"[..],
            b"name=Pred%0Anisone",
            b"display_name=%0D",
            b"email=a%09%40b.c",
            b"time_zone=Europe%2FBerlin%09",
            b"note=ok&label=x%09y",
        ] {
            assert!(form_field(body, true).is_some(), "{body:?}");
        }
        assert_eq!(form_field(b"label=x%09y", true).as_deref(), Some("label"));
        // Long text and passwords keep them; queries never do.
        for body in [
            &b"note=a%09b%0D%0Ac"[..],
            b"questions=one%0Atwo",
            b"confirmation=a%0Ab",
            b"body=x%09y",
            b"password=pa%09ss",
            b"new_password_confirm=pa%09ss",
        ] {
            assert_eq!(form_field(body, true), None, "{body:?}");
        }
        assert_eq!(form_field(b"note=a%09b", false).as_deref(), Some("note"));
        let v: serde_json::Value = serde_json::from_str(
            r#"{"name":"\tMTX","note":"a\tb","items":[{"note":"x\ny"},{"label":"p\tq"}]}"#,
        )
        .unwrap();
        assert_eq!(json_field(&v, "", false).as_deref(), Some("items[1].label"));
        let v: serde_json::Value =
            serde_json::from_str(r#"{"questions":["a\tb", "c\nd"], "note": "e\tf"}"#).unwrap();
        assert_eq!(json_field(&v, "", false), None);
        let v: serde_json::Value = serde_json::from_str(r#"{"name":"\t=1+1"}"#).unwrap();
        assert_eq!(json_field(&v, "", false).as_deref(), Some("name"));
        // Another system's document: line breaks anywhere, NUL nowhere.
        let v: serde_json::Value =
            serde_json::from_str(r#"{"text":{"div":"<div>\n\ta</div>"}}"#).unwrap();
        assert_eq!(json_field(&v, "", true), None);
        let v: serde_json::Value = serde_json::from_str(r#"{"text":{"div":"\u0000"}}"#).unwrap();
        assert_eq!(json_field(&v, "", true).as_deref(), Some("text.div"));
        assert!(foreign_document("/api/v1/fhir/import"));
        assert!(foreign_document("/api/v1/patients/0123abc/import/fhir"));
        assert!(foreign_document("/import/fhir"));
        assert!(foreign_document("/cds-services/myo-patient-view"));
        assert!(!foreign_document("/api/v1/patients/x/medicines"));
    }

    #[test]
    fn control_characters_are_found_in_forms_and_json() {
        assert_eq!(form_field(b"note=a%00b", true).as_deref(), Some("note"));
        assert_eq!(
            form_field(b"a=1&email=x%01%40y", true).as_deref(),
            Some("email")
        );
        assert_eq!(form_field(b"note=line%0D%0Aline%09tab", true), None);
        assert_eq!(form_field(b"q=line%0Aline", false).as_deref(), Some("q"));
        assert_eq!(form_field(b"x=%7F", true).as_deref(), Some("x"));
        assert_eq!(form_field(b"n%00ame=v", true).as_deref(), Some("name"));
        assert_eq!(form_field(b"note=caf%C3%A9+%E2%9C%93", true), None);
        let v: serde_json::Value =
            serde_json::from_str(r#"{"a": 1, "items": [{"note": "ok"}, {"note": "x\u0000"}]}"#)
                .unwrap();
        assert_eq!(json_field(&v, "", false).as_deref(), Some("items[1].note"));
        let v: serde_json::Value = serde_json::from_str(r#"{"note": "a\n\tb\r\n"}"#).unwrap();
        assert_eq!(json_field(&v, "", false), None);
        let v: serde_json::Value = serde_json::from_str(r#"{"k\u0001": "v"}"#).unwrap();
        assert_eq!(json_field(&v, "", false).as_deref(), Some("k"));
        let v: serde_json::Value = serde_json::from_str(r#""\u001b[31m""#).unwrap();
        assert_eq!(json_field(&v, "", false).as_deref(), Some("$"));
    }
}
