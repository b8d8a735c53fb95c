//! Outgoing e-mail over SMTP (`lettre`: SMTP transport, message builder, Tokio; no TLS built
//! in). Configured by `--smtp-url smtp://[user:password@]host[:port]` and `--mail-from`;
//! without `--smtp-url` Myo sends no e-mail. Links in messages always use `--public-url`, never
//! the request's `Host` header, so a forged header cannot point a reset link elsewhere.
//!
//! Messages are sent off the request path ([`Mailer::send_later`]): the answer to "forgot
//! password" takes as long whether or not a message goes out.

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::ConfigError;

/// Validated mail options.
#[derive(Clone)]
pub struct MailConfig {
    host: String,
    port: u16,
    credentials: Option<(String, String)>,
    from: Mailbox,
}

impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the password.
        f.debug_struct("MailConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.credentials.as_ref().map(|(u, _)| u))
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl MailConfig {
    /// Checks `--smtp-url` and `--mail-from`. `None` when no SMTP URL is given (a `--mail-from`
    /// alone is then an error: it would do nothing).
    pub fn from_options(
        smtp_url: Option<&str>,
        mail_from: Option<&str>,
        public_url: Option<&str>,
    ) -> Result<Option<MailConfig>, ConfigError> {
        let bad = |option: &'static str, reason: &str| ConfigError::Mail {
            option,
            reason: reason.to_owned(),
        };
        let Some(url) = smtp_url else {
            return match mail_from {
                Some(_) => Err(bad("--mail-from", "needs --smtp-url")),
                None => Ok(None),
            };
        };
        let shape = "expected smtp://[user:password@]host[:port] (TLS is not built in: relay \
                     through a local mail server that speaks TLS onwards)";
        let parsed = url::Url::parse(url).map_err(|_| bad("--smtp-url", shape))?;
        let host = parsed.host_str().filter(|h| !h.is_empty());
        let (Some(host), "smtp", "" | "/", None, None) = (
            host,
            parsed.scheme(),
            parsed.path(),
            parsed.query(),
            parsed.fragment(),
        ) else {
            return Err(bad("--smtp-url", shape));
        };
        let decode = |text: &str| {
            url::form_urlencoded::parse(format!("x={}", text.replace('+', "%2B")).as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        };
        let credentials = (!parsed.username().is_empty()).then(|| {
            (
                decode(parsed.username()),
                decode(parsed.password().unwrap_or("")),
            )
        });
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let port = parsed.port().unwrap_or(25);
        let Some(public) = public_url else {
            return Err(bad(
                "--smtp-url",
                "needs --public-url: links in e-mails use the site's public address",
            ));
        };
        let from = match mail_from {
            Some(text) => text.parse::<Mailbox>().map_err(|_| {
                bad(
                    "--mail-from",
                    "expected an address like Myo <no-reply@example.org>",
                )
            })?,
            None => {
                let host = public
                    .split_once("://")
                    .map_or(public, |(_, h)| h)
                    .split(':')
                    .next()
                    .unwrap_or("localhost");
                format!("Myo <no-reply@{host}>")
                    .parse::<Mailbox>()
                    .map_err(|_| {
                        bad(
                            "--mail-from",
                            "cannot be derived from --public-url; give one",
                        )
                    })?
            }
        };
        Ok(Some(MailConfig {
            host,
            port,
            credentials,
            from,
        }))
    }
}

/// Why a message was not sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The recipient address is not an e-mail address.
    #[error("recipient: not an e-mail address")]
    Recipient,
    /// The message could not be built.
    #[error("message: {0}")]
    Build(String),
    /// The SMTP server refused or could not be reached.
    #[error("smtp: {0}")]
    Smtp(String),
}

/// A connection-less SMTP client (each message opens its own connection).
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// A mailer for validated options.
    pub fn new(config: &MailConfig) -> Result<Mailer, MailError> {
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host)
            .port(config.port)
            .timeout(Some(std::time::Duration::from_secs(20)));
        if let Some((user, password)) = &config.credentials {
            builder =
                builder.credentials(lettre::transport::smtp::authentication::Credentials::new(
                    user.clone(),
                    password.clone(),
                ));
        }
        let transport = builder.build();
        Ok(Mailer {
            transport,
            from: config.from.clone(),
        })
    }

    /// Sends one plain-text message now.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), MailError> {
        let to: Mailbox = to.parse().map_err(|_| MailError::Recipient)?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| MailError::Build(e.to_string()))?;
        self.transport
            .send(message)
            .await
            .map(drop)
            .map_err(|e| MailError::Smtp(e.to_string()))
    }

    /// Sends in the background; a failure is logged (without the address).
    pub fn send_later(&self, to: String, subject: String, body: String) {
        let mailer = self.clone();
        tokio::spawn(async move {
            if let Err(e) = mailer.send(&to, &subject, body).await {
                tracing::warn!(error = %e, subject, "e-mail not sent");
            }
        });
    }
}

/// Paragraphs of a plain-text e-mail: lines end in CRLF, paragraphs are parted by a blank line,
/// and the last line ends too.
pub fn paragraphs(parts: &[String]) -> String {
    let mut body = parts.join("\r\n\r\n");
    body.push_str("\r\n");
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(url: Option<&str>, from: Option<&str>, public: Option<&str>) -> String {
        match MailConfig::from_options(url, from, public) {
            Ok(Some(c)) => format!("{c:?}"),
            Ok(None) => "none".into(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn options_are_checked_and_named() {
        assert_eq!(opts(None, None, None), "none");
        assert!(opts(None, Some("a@b.org"), None).starts_with("--mail-from"));
        assert!(opts(Some("smtps://h"), None, Some("https://x.org")).starts_with("--smtp-url"));
        assert!(opts(Some("http://h"), None, Some("https://x.org")).starts_with("--smtp-url"));
        assert!(opts(Some("smtp://h:25"), None, None).contains("--public-url"));
        assert!(
            opts(
                Some("smtp://h:25"),
                Some("not an address"),
                Some("https://x.org")
            )
            .starts_with("--mail-from")
        );
        let ok = opts(
            Some("smtp://user:s3cret@mail.example.org:2525"),
            None,
            Some("https://myo.example.org:8443"),
        );
        assert!(ok.contains("no-reply@myo.example.org"), "{ok}");
        assert!(!ok.contains("s3cret"), "the password is never shown: {ok}");
        assert!(ok.contains("2525") && ok.contains("\"user\""), "{ok}");
        assert!(opts(Some("smtp://h:25/path"), None, Some("https://x.org")).starts_with("--smtp"));
    }
}
