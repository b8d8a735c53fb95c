//! `multipart/form-data` (RFC 7578) bodies, as a browser sends a form with a file input.
//! Only what Myo's forms need: each part's `name`, optional `filename` and bytes. The body
//! is already bounded by the route's limit (`boundary::body_limit`) before it is parsed;
//! anything malformed is `None`, never a guess.

use axum::http::{HeaderMap, header};

/// One field of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The field's `name`.
    pub name: String,
    /// The uploaded file's name, for a file input.
    pub filename: Option<String>,
    /// The field's bytes (a file's contents).
    pub data: Vec<u8>,
}

/// The boundary of a `multipart/form-data` request, from its `Content-Type`.
pub fn boundary_of(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let mut params = value.split(';');
    let media = params.next()?.trim();
    if !media.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("boundary") {
            return None;
        }
        let v = v.trim().trim_matches('"');
        // RFC 2046: 1 to 70 characters.
        (1..=70).contains(&v.len()).then(|| v.to_owned())
    })
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// `name="value"` in a `Content-Disposition` header (quoted; `\"` escapes allowed).
fn param(disposition: &str, key: &str) -> Option<String> {
    let lower = disposition.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = lower[at..].find(key) {
        let start = at + i;
        at = start + key.len();
        let before_ok = start == 0 || matches!(lower.as_bytes()[start - 1], b';' | b' ' | b'\t');
        let rest = &disposition[at..];
        if !before_ok || !rest.starts_with("=\"") {
            continue;
        }
        let mut out = String::new();
        let mut chars = rest[2..].chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => return Some(out),
                '\\' => out.push(chars.next()?),
                c => out.push(c),
            }
        }
        return None;
    }
    None
}

/// The fields of `body`, or `None` when it is not a well-formed `multipart/form-data` body
/// with this `boundary` (every part needs `Content-Disposition: form-data; name="…"`).
pub fn parse(body: &[u8], boundary: &str) -> Option<Vec<Field>> {
    let delimiter = [b"--", boundary.as_bytes()].concat();
    let next_part = [b"\r\n", delimiter.as_slice()].concat();
    // Text before the first delimiter (the preamble) is ignored.
    let mut at = find(body, &delimiter, 0)? + delimiter.len();
    let mut fields = Vec::new();
    loop {
        let rest = body.get(at..)?;
        if rest.starts_with(b"--") {
            return Some(fields);
        }
        if !rest.starts_with(b"\r\n") {
            return None;
        }
        at += 2;
        let head_end = find(body, b"\r\n\r\n", at)?;
        let head = std::str::from_utf8(&body[at..head_end]).ok()?;
        let disposition = head.split("\r\n").find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("content-disposition")
                .then(|| v.trim())
        })?;
        if !disposition
            .get(..9)
            .is_some_and(|d| d.eq_ignore_ascii_case("form-data"))
        {
            return None;
        }
        let name = param(disposition, "name")?;
        let filename = param(disposition, "filename");
        let data_start = head_end + 4;
        let data_end = find(body, &next_part, data_start)?;
        fields.push(Field {
            name,
            filename,
            data: body[data_start..data_end].to_vec(),
        });
        at = data_end + next_part.len();
    }
}

/// The text of the first field called `name` (UTF-8), if any.
pub fn text(fields: &[Field], name: &str) -> Option<String> {
    fields
        .iter()
        .find(|f| f.name == name)
        .and_then(|f| String::from_utf8(f.data.clone()).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(parts: &[(&str, Option<&str>, &str)], boundary: &str) -> Vec<u8> {
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
        out
    }

    #[test]
    fn fields_and_files_are_read() {
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
        let fields = parse(&data, b).unwrap();
        assert_eq!(fields.len(), 3);
        assert_eq!(text(&fields, "csrf").as_deref(), Some("tok"));
        assert_eq!(
            fields[1].filename.as_deref(),
            Some("portal \"export\".json")
        );
        assert_eq!(fields[1].data, b"{\"a\":\r\n--not-it\r\n1}");
        assert_eq!(text(&fields, "bundle").as_deref(), Some(""));
        assert_eq!(text(&fields, "missing"), None);
    }

    #[test]
    fn malformed_bodies_are_none() {
        let b = "B";
        // No closing delimiter, no name, not form-data, no blank line after the headers.
        for bad in [
            "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx",
            "--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--",
            "--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--B--",
            "--B\r\nContent-Disposition: form-data; name=\"a\"\r\nx\r\n--B--",
            "--B junk",
            "no delimiter at all",
        ] {
            assert_eq!(parse(bad.as_bytes(), b), None, "{bad}");
        }
        // `filename` is not mistaken for `name`.
        let only_file = "--B\r\nContent-Disposition: form-data; filename=\"f\"\r\n\r\nx\r\n--B--";
        assert_eq!(parse(only_file.as_bytes(), b), None);
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
            "application/x-www-form-urlencoded".parse().unwrap(),
        );
        assert_eq!(boundary_of(&h), None);
        let long = format!("multipart/form-data; boundary={}", "a".repeat(71));
        h.insert(header::CONTENT_TYPE, long.parse().unwrap());
        assert_eq!(boundary_of(&h), None);
    }
}
