//! The answer to a refused sign-in or sign-up: 429 with `Retry-After` and a short page, in the
//! person's language, saying that there were too many attempts, how long to wait, and a link back
//! to the form.
//!
//! A flood of refused attempts (one client hammering a locked account) must cost the server as
//! little as possible, so that other people's requests keep their share of the CPU. The refusal
//! itself is a look-up in memory (`crate::refusals`); this module makes the answer cheap too. The
//! pages (the site's layout, with the disclaimer and the language switch) are rendered once at
//! start-up, per language and form, around a mark where the wait goes, and every wait the
//! configured limits can ask for (1 to 89 seconds, then whole minutes up to the longest back-off
//! or window) is formatted once from the message catalogue. Answering a refusal is then two
//! look-ups and one copy: no template, no catalogue, no database. A wait beyond the table (not
//! reachable with the configuration the pages were built for) is formatted when asked.

use std::sync::Arc;
use std::time::Duration;

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::Layout;
use crate::i18n::{Catalog, Lang, Tr};

/// Which form was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// A sign-in (too many failed attempts for the account from this address, or from it).
    SignIn,
    /// A sign-up (too many new accounts from this address).
    SignUp,
}

impl Refused {
    fn reason_key(self) -> &'static str {
        match self {
            Refused::SignIn => "refused-signin",
            Refused::SignUp => "refused-signup",
        }
    }

    fn back(self) -> (&'static str, &'static str) {
        match self {
            Refused::SignIn => ("/signin", "refused-back-signin"),
            Refused::SignUp => ("/signup", "refused-back-signup"),
        }
    }
}

#[derive(Template)]
#[template(path = "refused.html")]
struct RefusedPage<'a> {
    l: Layout,
    reason: String,
    wait: &'a str,
    back: &'static str,
    back_text: String,
}

/// Where the wait goes in a rendered page (a control character, which no message contains and
/// the template's escaping leaves alone).
const MARK: &str = "\u{1}wait\u{1}";

/// Waits under this many seconds are said in seconds, longer ones in whole minutes.
const SECONDS_BELOW: u64 = 90;

/// The longest wait the table holds, in minutes (a day), whatever the configuration.
const MINUTES_CAP: u64 = 24 * 60;

/// One page split at [`MARK`].
#[derive(Debug)]
struct Split {
    head: String,
    tail: String,
}

#[derive(Debug)]
struct ForLang {
    signin: Split,
    signup: Split,
    /// The wait in seconds, HTML-escaped, at index `n` for `n` in `0..SECONDS_BELOW`.
    seconds: Vec<String>,
    /// The wait in minutes, HTML-escaped, at index `n` for `n` up to the longest configured.
    minutes: Vec<String>,
    tr: Tr,
}

/// The refusal pages, built once at start-up (see the module's documentation).
#[derive(Debug)]
pub struct RefusalPages {
    /// In [`Lang::ALL`]'s order.
    langs: Vec<ForLang>,
}

/// Whole seconds to wait, rounded up (at least 1): the `Retry-After` value.
pub fn retry_after_secs(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

fn wait_text(tr: &Tr, secs: u64) -> String {
    if secs < SECONDS_BELOW {
        tr.t1("refused-wait-seconds", "count", secs)
    } else {
        tr.t1("refused-wait-minutes", "count", secs.div_ceil(60))
    }
}

impl RefusalPages {
    /// Renders the pages for every language. `signup` says whether the layout offers sign-up;
    /// `longest` is the longest wait the limits can ask for (the back-off's maximum or the
    /// window, whichever is longer).
    ///
    /// # Errors
    /// A page that does not render, or renders without exactly one place for the wait.
    pub fn new(catalog: &Arc<Catalog>, signup: bool, longest: Duration) -> Result<Self, String> {
        let max_minutes = retry_after_secs(longest).div_ceil(60).min(MINUTES_CAP);
        let mut langs = Vec::new();
        for lang in Lang::ALL {
            let tr = Tr::new(Arc::clone(catalog), lang);
            let page = |form: Refused| split(&tr, signup, form);
            let signin = page(Refused::SignIn)?;
            let signup_page = page(Refused::SignUp)?;
            let esc = |secs| crate::markdown::escape(&wait_text(&tr, secs));
            let seconds = (0..SECONDS_BELOW).map(esc).collect();
            let minutes = (0..=max_minutes).map(|m| esc(m * 60)).collect();
            langs.push(ForLang {
                signin,
                signup: signup_page,
                seconds,
                minutes,
                tr,
            });
        }
        Ok(RefusalPages { langs })
    }

    fn for_lang(&self, lang: Lang) -> &ForLang {
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        &self.langs[i]
    }

    /// The 429 answer to a refused `form` in `lang`, with `Retry-After` for `wait`.
    pub fn answer(&self, lang: Lang, form: Refused, wait: Duration) -> Response {
        let l = self.for_lang(lang);
        let secs = retry_after_secs(wait);
        let fallback;
        let text: &str = if secs < SECONDS_BELOW {
            &l.seconds[usize::try_from(secs).unwrap_or(0)]
        } else {
            let minutes = usize::try_from(secs.div_ceil(60)).unwrap_or(usize::MAX);
            match l.minutes.get(minutes) {
                Some(t) => t,
                None => {
                    fallback = crate::markdown::escape(&wait_text(&l.tr, secs));
                    &fallback
                }
            }
        };
        let page = match form {
            Refused::SignIn => &l.signin,
            Refused::SignUp => &l.signup,
        };
        let mut body = String::with_capacity(page.head.len() + text.len() + page.tail.len());
        body.push_str(&page.head);
        body.push_str(text);
        body.push_str(&page.tail);
        let mut res = (StatusCode::TOO_MANY_REQUESTS, Html(body)).into_response();
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        res
    }
}

fn split(tr: &Tr, signup: bool, form: Refused) -> Result<Split, String> {
    let (back, back_key) = form.back();
    let page = RefusedPage {
        l: Layout {
            title: tr.t("refused-title"),
            user_name: None,
            is_admin: false,
            csrf: String::new(),
            signup,
            nav: if form == Refused::SignUp {
                "signup"
            } else {
                "signin"
            },
            tr: tr.clone(),
            here: back.to_owned(),
        },
        reason: tr.t(form.reason_key()),
        wait: MARK,
        back,
        back_text: tr.t(back_key),
    };
    let html = page
        .render()
        .map_err(|e| format!("refusal page ({}): {e}", tr.lang.code()))?;
    match html.split_once(MARK) {
        Some((head, tail)) if !tail.contains(MARK) => Ok(Split {
            head: head.to_owned(),
            tail: tail.to_owned(),
        }),
        _ => Err(format!(
            "refusal page ({}): no single place for the wait",
            tr.lang.code()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(longest: Duration) -> RefusalPages {
        let catalog = Arc::new(Catalog::builtin().unwrap_or_else(|e| panic!("{e}")));
        RefusalPages::new(&catalog, true, longest).unwrap_or_else(|e| panic!("{e}"))
    }

    async fn body(res: Response) -> (StatusCode, String, String) {
        let status = res.status();
        let retry = res.headers()[header::RETRY_AFTER]
            .to_str()
            .unwrap_or_default()
            .to_owned();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap_or_default();
        (status, retry, String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Every wait in the table reads exactly as the catalogue formats it when asked, in every
    /// language; past the table the answer is formatted when asked, and still says the wait.
    #[tokio::test]
    async fn precomputed_waits_match_the_catalogue_and_round_up() {
        let p = pages(Duration::from_secs(60 * 60));
        for lang in Lang::ALL {
            let tr = &p.for_lang(lang).tr;
            for (ms, secs, text) in [
                (1, 1, wait_text(tr, 1)),
                (1_000, 1, wait_text(tr, 1)),
                (1_001, 2, wait_text(tr, 2)),
                (88_500, 89, wait_text(tr, 89)),
                (89_001, 90, wait_text(tr, 120)),
                (3_600_000, 3_600, wait_text(tr, 3_600)),
                // Beyond the configured longest wait: formatted on the spot.
                (7_200_000, 7_200, wait_text(tr, 7_200)),
            ] {
                let res = p.answer(lang, Refused::SignIn, Duration::from_millis(ms));
                let (status, retry, html) = body(res).await;
                assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
                assert_eq!(retry, secs.to_string(), "{ms} ms");
                let wanted = format!("<p id=\"refused-wait\">{text}</p>");
                assert!(html.contains(&wanted), "{ms} ms in {lang:?}: {wanted}");
                assert!(!html.contains(MARK));
            }
        }
        let en = &p.for_lang(Lang::En).tr;
        assert_eq!(wait_text(en, 1), "Please wait 1 second and try again.");
        assert_eq!(wait_text(en, 90), "Please wait 2 minutes and try again.");
        let es = &p.for_lang(Lang::Es).tr;
        assert_eq!(
            wait_text(es, 45),
            "Espere 45 segundos y vuelva a intentarlo."
        );
    }

    /// The page is a whole page of the site in the asked language, with the reason for its
    /// form, the disclaimer, and a link back.
    #[tokio::test]
    async fn each_language_and_form_has_its_own_whole_page() {
        let p = pages(Duration::from_secs(15 * 60));
        let wait = Duration::from_secs(30);
        let (_, _, en) = body(p.answer(Lang::En, Refused::SignIn, wait)).await;
        let (_, _, es) = body(p.answer(Lang::Es, Refused::SignUp, wait)).await;
        assert!(
            en.starts_with("<!doctype html>\n<html lang=\"en\">"),
            "{en}"
        );
        assert!(en.contains("<title>Too many attempts · Myo</title>"));
        assert!(en.contains("too many failed attempts to sign in"));
        assert!(en.contains("href=\"/signin\" id=\"refused-back\">Back to sign in</a>"));
        assert!(
            es.starts_with("<!doctype html>\n<html lang=\"es\">"),
            "{es}"
        );
        assert!(es.contains("<h1>Demasiados intentos</h1>"));
        assert!(es.contains("cuentas nuevas"));
        assert!(es.contains("href=\"/signup\" id=\"refused-back\">"));
        for page in [&en, &es] {
            assert!(page.contains("role=\"alert\" id=\"refused\""));
            assert!(page.contains("id=\"disclaimer\""));
            assert!(page.contains("</html>"));
        }
    }
}
