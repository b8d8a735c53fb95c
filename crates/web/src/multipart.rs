//! `multipart/form-data` (RFC 7578) bodies, as a browser sends a form with a file input,
//! read with the `multer` crate (the parser behind axum's own `Multipart`). The middleware
//! and the import page already hold the whole body, bounded by the route's limit
//! (`boundary::body_limit`); this wrapper hands those bytes to multer with the same limit,
//! collects each part's `name`, optional `filename` and bytes, and adds the checks multer
//! leaves to its caller: every part is `Content-Disposition: form-data` and has a `name`.
//! Anything malformed is an error, never a guess.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, header};

/// One field of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The field's `name`.
    pub name: String,
    /// The uploaded file's name, for a file input.
    pub filename: Option<String>,
    /// The field's bytes (a file's contents).
    pub data: Bytes,
}

/// Why a body could not be read as a form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Not a well-formed `multipart/form-data` body with this boundary.
    #[error("the form is not a well-formed multipart/form-data body")]
    Malformed,
    /// The body is over the route's limit (bytes).
    #[error("the form is larger than {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
}

/// The boundary of a `multipart/form-data` request, from its `Content-Type`.
pub fn boundary_of(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let boundary = multer::parse_boundary(value).ok()?;
    // RFC 2046: 1 to 70 characters.
    (1..=70).contains(&boundary.len()).then_some(boundary)
}

/// Whether the request says it is `multipart/form-data`, with or without a usable boundary
/// (without one, its body cannot be read as a form at all).
pub fn declared(headers: &HeaderMap) -> bool {
    crate::boundary::media_type(headers).is_some_and(|media| media == "multipart/form-data")
}

/// The fields of `body`, read with this `boundary` and at most `limit` bytes in all.
///
/// # Errors
/// [`Error::Malformed`] when it is not a well-formed `multipart/form-data` body (every part
/// needs `Content-Disposition: form-data; name="…"` and the closing delimiter must be there);
/// [`Error::TooLarge`] when it is over `limit`.
pub async fn parse(body: Bytes, boundary: &str, limit: usize) -> Result<Vec<Field>, Error> {
    let constraints = multer::Constraints::new().size_limit(
        multer::SizeLimit::new().whole_stream(u64::try_from(limit).unwrap_or(u64::MAX)),
    );
    let mut form = multer::Multipart::with_constraints(
        Body::from(body).into_data_stream(),
        boundary,
        constraints,
    );
    let failed = |e: multer::Error| match e {
        multer::Error::StreamSizeExceeded { .. } | multer::Error::FieldSizeExceeded { .. } => {
            Error::TooLarge { limit }
        }
        _ => Error::Malformed,
    };
    let mut fields = Vec::new();
    while let Some(part) = form.next_field().await.map_err(failed)? {
        let form_data = part
            .headers()
            .get(header::CONTENT_DISPOSITION)
            .and_then(|d| d.as_bytes().get(..9))
            .is_some_and(|d| d.eq_ignore_ascii_case(b"form-data"));
        let Some(name) = part.name().filter(|_| form_data).map(str::to_owned) else {
            return Err(Error::Malformed);
        };
        let filename = part.file_name().map(str::to_owned);
        let data = part.bytes().await.map_err(failed)?;
        fields.push(Field {
            name,
            filename,
            data,
        });
    }
    Ok(fields)
}

/// The text of the first field called `name` (UTF-8), if any.
pub fn text(fields: &[Field], name: &str) -> Option<String> {
    fields
        .iter()
        .find(|f| f.name == name)
        .and_then(|f| std::str::from_utf8(&f.data).ok().map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: usize = 64 * 1024;

    fn body(parts: &[(&str, Option<&str>, &str)], boundary: &str) -> Bytes {
        let mut out = b"preamble\r\n".to_vec();
        for (name, file, data) in parts {
            out.extend(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").bytes(),
            );
            if let Some(f) = file {
                out.extend(format!("; filename=\"{f}\"\r\nContent-Type: application/json").bytes());
            }
            out.extend(format!("\r\n\r\n{data}\r\n").bytes());
        }
        out.extend(format!("--{boundary}--\r\n").bytes());
        out.into()
    }

    #[tokio::test]
    async fn fields_and_files_are_read() {
        let b = "----x7";
        let data = body(
            &[
                ("csrf", None, "tok"),
                (
                    "file",
                    Some("portal \\\"export\\\".json"),
                    "{\"a\":\r\n--not-it\r\n1}",
                ),
                ("bundle", None, ""),
            ],
            b,
        );
        let fields = parse(data, b, LIMIT).await.unwrap();
        assert_eq!(fields.len(), 3);
        assert_eq!(text(&fields, "csrf").as_deref(), Some("tok"));
        assert_eq!(
            fields[1].filename.as_deref(),
            Some("portal \"export\".json")
        );
        assert_eq!(&fields[1].data[..], b"{\"a\":\r\n--not-it\r\n1}");
        assert_eq!(text(&fields, "bundle").as_deref(), Some(""));
        assert_eq!(text(&fields, "missing"), None);
    }

    #[tokio::test]
    async fn malformed_bodies_are_errors() {
        let b = "B";
        // No closing delimiter, no name, not form-data, no blank line after the headers,
        // junk after the delimiter, no delimiter at all, a different boundary, nothing.
        for bad in [
            "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx",
            "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n",
            "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B",
            "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n",
            "--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--",
            "--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--B--",
            "--B\r\nContent-Disposition: form-data; name=\"a\"\r\nx\r\n--B--",
            "--B junk",
            "no delimiter at all",
            "--C\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--C--",
            "",
        ] {
            assert_eq!(
                parse(Bytes::from(bad), b, LIMIT).await,
                Err(Error::Malformed),
                "{bad:?}"
            );
        }
        // `filename` is not mistaken for `name`.
        let only_file = "--B\r\nContent-Disposition: form-data; filename=\"f\"\r\n\r\nx\r\n--B--";
        assert_eq!(
            parse(Bytes::from(only_file), b, LIMIT).await,
            Err(Error::Malformed)
        );
    }

    #[tokio::test]
    async fn a_body_over_the_limit_is_too_large() {
        let b = "B";
        let data = body(&[("file", Some("f.json"), &"x".repeat(200))], b);
        assert_eq!(
            parse(data.clone(), b, 100).await,
            Err(Error::TooLarge { limit: 100 })
        );
        assert_eq!(parse(data.clone(), b, data.len()).await.unwrap().len(), 1);
    }

    #[test]
    fn the_boundary_comes_from_the_content_type() {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            "multipart/form-data; boundary=\"abc\"".parse().unwrap(),
        );
        assert_eq!(boundary_of(&h).as_deref(), Some("abc"));
        h.insert(
            header::CONTENT_TYPE,
            "Multipart/Form-Data; charset=utf-8; boundary=----x7"
                .parse()
                .unwrap(),
        );
        assert_eq!(boundary_of(&h).as_deref(), Some("----x7"));
        for other in [
            "application/x-www-form-urlencoded".to_owned(),
            "multipart/form-data".to_owned(),
            "multipart/mixed; boundary=abc".to_owned(),
            format!("multipart/form-data; boundary={}", "a".repeat(71)),
        ] {
            h.insert(header::CONTENT_TYPE, other.parse().unwrap());
            assert_eq!(boundary_of(&h), None, "{other}");
        }
        assert!(declared(&h), "declared, if without a usable boundary");
        h.insert(
            header::CONTENT_TYPE,
            "multipart/mixed; boundary=abc".parse().unwrap(),
        );
        assert!(!declared(&h));
        h.remove(header::CONTENT_TYPE);
        assert_eq!(boundary_of(&h), None);
        assert!(!declared(&h));
    }
}
