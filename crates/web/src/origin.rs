//! The address people reach the site at, for links shown to them (share links, calendar feeds,
//! hand-over and reset links): the configured public URL, else the request's own origin, taken
//! from its `Host` header only when that is a plain `host[:port]` (anything else, e.g. a path,
//! user info, spaces or markup, is ignored, never reflected). Without either, links are shown
//! as a path on this site.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use crate::AppState;

/// The origin (`scheme://host[:port]`) for absolute links in this request's answer, if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkOrigin(pub Option<String>);

impl LinkOrigin {
    /// `path` made absolute when the origin is known, else the path alone.
    #[must_use]
    pub fn url(&self, path: &str) -> String {
        match &self.0 {
            Some(origin) => format!("{}{path}", origin.trim_end_matches('/')),
            None => path.to_owned(),
        }
    }
}

impl FromRequestParts<AppState> for LinkOrigin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(LinkOrigin(origin_for(state, &parts.headers)))
    }
}

/// The public URL when configured, else `http(s)://` plus a valid `Host` header (https when the
/// site sets secure cookies), else `None`.
pub fn origin_for(state: &AppState, headers: &HeaderMap) -> Option<String> {
    if let Some(url) = &state.config().public_url {
        return Some(url.clone());
    }
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let host = valid_host(host)?;
    let scheme = if state.config().secure_cookies {
        "https"
    } else {
        "http"
    };
    Some(format!("{scheme}://{host}"))
}

/// `host` lower-cased when it is a plain DNS name, IPv4 address or bracketed IPv6 address with
/// an optional port; `None` for anything else.
#[must_use]
pub fn valid_host(host: &str) -> Option<String> {
    if host.is_empty() || host.len() > 260 {
        return None;
    }
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (inner, after) = rest.split_once(']')?;
        if inner.is_empty()
            || !inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return None;
        }
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        (None, port)
    } else {
        match host.rsplit_once(':') {
            Some((n, p)) => (Some(n), Some(p)),
            None => (Some(host), None),
        }
    };
    if let Some(p) = port {
        let ok = !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (1..=65_535).contains(&n));
        if !ok {
            return None;
        }
    }
    if let Some(n) = name {
        let n = n.strip_suffix('.').unwrap_or(n);
        let labels_ok = !n.is_empty()
            && n.len() <= 253
            && n.split('.').all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        if !labels_ok {
            return None;
        }
    }
    Some(host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::valid_host;

    #[test]
    fn plain_hosts_pass_and_junk_does_not() {
        for ok in [
            "myo.example.org",
            "Myo.Example.org:8443",
            "localhost",
            "127.0.0.1:8080",
            "[::1]:3000",
            "[2001:db8::1]",
        ] {
            assert!(valid_host(ok).is_some(), "{ok}");
        }
        assert_eq!(
            valid_host("Myo.Example.org").as_deref(),
            Some("myo.example.org")
        );
        for bad in [
            "",
            "evil.example/phish",
            "user@evil.example",
            "evil.example:80:81",
            "evil example",
            "<script>",
            "evil.example:0",
            "evil.example:99999",
            "evil.example:",
            "-bad.example",
            "a..b",
            "[::1",
            "[::1]x",
            "evil.example\"onmouseover=x",
            "evil.example?x",
            "evil.example#x",
        ] {
            assert!(valid_host(bad).is_none(), "{bad}");
        }
    }
}
