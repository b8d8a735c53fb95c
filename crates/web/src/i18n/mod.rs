//! The interface's languages: a Fluent message catalogue per language (`locales/<code>/*.ftl`, one
//! file per part of the interface: [`FILES`], compiled in and parsed once at start-up into
//! [`AppState`]), the language of each request and
//! the switch that changes it.
//!
//! Which language a page is in, first that applies: the account's setting (`users.language`),
//! the `myo_lang` cookie (set by the switch on every page, for people not signed in), the
//! browser's `Accept-Language`, English. [`layer`] decides it once per request and puts a
//! [`Locale`] in the request's extensions (and in the signed-in [`CurrentUser`]); handlers hand
//! it to [`crate::pages::Layout::new`], whose [`Tr`] every template reads as `l.t("key")`.
//!
//! What Myo writes outside a request (reminder and invitation e-mails, the password reset, the
//! calendar feed) is in the recipient's account language: [`crate::AppState::tr_for`].
//! Every template takes its words from the catalogue (tested for all of `templates/`).
//!
//! To add a language: a `locales/<code>/` folder with each of [`FILES`] holding every message of the English one (the
//! tests compare keys and variables), a [`Lang`] variant, and its number and date forms in
//! [`Tr::num`] and [`Tr::date`].

mod format;
mod switch;
pub mod words;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::AppState;
use crate::auth::CurrentUser;

pub use switch::{COOKIE, set_language};

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// English (the source language; the default).
    #[default]
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// Every language, in the order the switch shows them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 code (`<html lang>`, the cookie, the account setting).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language's own name for itself (what the switch shows).
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// A language from its code or a language tag (`es`, `es-MX`, `EN-gb`); `None` when Myo
    /// does not speak it.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language's catalogue files, in the order of [`FILES`].
    fn sources(self) -> [&'static str; FILES.len()] {
        macro_rules! files {
            ($code:literal) => {
                [
                    include_str!(concat!("../../locales/", $code, "/main.ftl")),
                    include_str!(concat!("../../locales/", $code, "/tracker.ftl")),
                    include_str!(concat!("../../locales/", $code, "/records.ftl")),
                    include_str!(concat!("../../locales/", $code, "/pages.ftl")),
                    include_str!(concat!("../../locales/", $code, "/mail.ftl")),
                ]
            };
        }
        match self {
            Lang::En => files!("en"),
            Lang::Es => files!("es"),
        }
    }
}

/// The catalogue's files in each language's folder: the frame and sign-in, the tracker's main
/// pages, its record pages and form errors, the other pages, and e-mails with the calendar feed.
/// A message lives in exactly one of them.
pub const FILES: [&str; 5] = [
    "main.ftl",
    "tracker.ftl",
    "records.ftl",
    "pages.ftl",
    "mail.ftl",
];

/// The first language Myo speaks in an `Accept-Language` value, by quality (ties keep the
/// browser's order); `q=0` means "not this one".
pub fn from_accept_language(value: &str) -> Option<Lang> {
    let mut offers: Vec<(u16, usize, Lang)> = Vec::new();
    for (i, item) in value.split(',').enumerate() {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(Some(1000), quality);
        let (Some(q), Some(lang)) = (q, Lang::parse(tag)) else {
            continue;
        };
        if q > 0 {
            offers.push((q, i, lang));
        }
    }
    offers.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    offers.first().map(|o| o.2)
}

/// A `q` value in thousandths (`0.8` → 800); `None` when it is not one.
fn quality(text: &str) -> Option<u16> {
    let v: f64 = text.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&v)
        // The range check above bounds the value to 0..=1000.
        .then(|| (v * 1000.0).round() as u16)
}

/// The language of a request: the account's setting, else the cookie, else `Accept-Language`,
/// else English. Unknown values at each step are skipped, never an error.
pub fn choose(account: Option<&str>, cookie: Option<&str>, accept: Option<&str>) -> Lang {
    account
        .and_then(Lang::parse)
        .or_else(|| cookie.and_then(Lang::parse))
        .or_else(|| accept.and_then(from_accept_language))
        .unwrap_or_default()
}

/// The messages of every language, parsed once.
pub struct Catalog {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
    /// Each English message's text with the ids that say it, in file order: built once, for
    /// [`Catalog::key_of_english`].
    english: std::collections::HashMap<String, Vec<String>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").finish_non_exhaustive()
    }
}

impl Catalog {
    /// The built-in catalogue (`locales/*/*.ftl`).
    ///
    /// # Errors
    /// A file that does not parse, or a message defined twice, named with its language.
    pub fn builtin() -> Result<Catalog, String> {
        let mut bundles = Vec::new();
        for lang in Lang::ALL {
            let id = lang
                .code()
                .parse()
                .map_err(|e| format!("language {}: {e}", lang.code()))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Pages are HTML in one direction: no Unicode isolation marks around values.
            bundle.set_use_isolating(false);
            for (file, text) in FILES.iter().zip(lang.sources()) {
                let res = FluentResource::try_new(text.to_owned())
                    .map_err(|(_, e)| format!("locales/{}/{file}: {e:?}", lang.code()))?;
                bundle
                    .add_resource(res)
                    .map_err(|e| format!("locales/{}/{file}: {e:?}", lang.code()))?;
            }
            bundles.push((lang, bundle));
        }
        let mut catalog = Catalog {
            bundles,
            english: std::collections::HashMap::new(),
        };
        let en = catalog.bundle(Lang::En);
        let mut english: std::collections::HashMap<String, Vec<String>> =
            std::collections::HashMap::new();
        for k in Lang::En.sources().iter().flat_map(|text| keys(text)) {
            if let Some(p) = en.get_message(&k).and_then(|m| m.value()) {
                let text = en.format_pattern(p, None, &mut Vec::new()).into_owned();
                english.entry(text).or_default().push(k);
            }
        }
        catalog.english = english;
        Ok(catalog)
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(&self.bundles[0].1, |(_, b)| b)
    }

    /// Whether `key` exists in `lang`.
    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundle(lang).has_message(key)
    }

    /// The message `key` in `lang` with `args`. A missing message falls back to English, then
    /// to the key itself (logged; the tests keep every key in every language).
    pub fn format(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let found = self
            .bundle(lang)
            .get_message(key)
            .and_then(|m| m.value().map(|p| (lang, p)))
            .or_else(|| {
                self.bundle(Lang::En)
                    .get_message(key)
                    .and_then(|m| m.value().map(|p| (Lang::En, p)))
            });
        let Some((used, pattern)) = found else {
            tracing::error!(key, "missing interface message");
            return key.to_owned();
        };
        let mut errors = Vec::new();
        let text = self.bundle(used).format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::error!(key, ?errors, "interface message did not format");
        }
        text.into_owned()
    }

    /// The key of the English message whose text is `english`, if one is (for fixed error texts
    /// made before the language was known).
    pub fn key_of_english(&self, english: &str, prefix: &str) -> Option<String> {
        self.english
            .get(english)?
            .iter()
            .find(|k| k.starts_with(prefix))
            .cloned()
    }
}

/// The message ids defined in an `.ftl` source, in order (terms and comments skipped).
pub fn keys(ftl: &str) -> Vec<String> {
    messages(ftl).into_iter().map(|(k, _)| k).collect()
}

/// Each message id in an `.ftl` source with the variables (`$name`) its text uses, sorted.
pub fn messages(ftl: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in ftl.lines() {
        let starts_message = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if starts_message && let Some((id, rest)) = line.split_once('=') {
            out.push((id.trim().to_owned(), Vec::new()));
            add_vars(&mut out, rest);
        } else if !line.starts_with('#') && !line.trim().is_empty() {
            // Indented lines and a select's closing `}` line continue the message.
            add_vars(&mut out, line);
        }
    }
    for (_, vars) in &mut out {
        vars.sort();
        vars.dedup();
    }
    out
}

fn add_vars(out: &mut [(String, Vec<String>)], text: &str) {
    let Some((_, vars)) = out.last_mut() else {
        return;
    };
    for (i, _) in text.match_indices('$') {
        let name: String = text[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if !name.is_empty() {
            vars.push(name);
        }
    }
}

/// A request's language and the address it was made at (so the switch can come back to it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locale {
    /// The language chosen for the request.
    pub lang: Lang,
    /// The path and query of the page (the switch's `next`).
    pub here: String,
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Locale {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Locale, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Locale>()
            .cloned()
            .unwrap_or_default())
    }
}

/// The messages of one language, handed to templates (`l.t("key")`).
#[derive(Clone)]
pub struct Tr {
    /// The language.
    pub lang: Lang,
    catalog: Arc<Catalog>,
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tr").field("lang", &self.lang).finish()
    }
}

impl Tr {
    /// Messages of `lang` from `catalog`.
    pub fn new(catalog: Arc<Catalog>, lang: Lang) -> Tr {
        Tr { lang, catalog }
    }

    /// The catalogue (every language).
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        self.catalog.format(self.lang, key, None)
    }

    /// The message `key` with one variable.
    pub fn t1(&self, key: &str, name: &str, value: impl ToArg) -> String {
        self.ta(key, &[(name, value.to_arg())])
    }

    /// The message `key` with two variables.
    pub fn t2(&self, key: &str, n1: &str, v1: impl ToArg, n2: &str, v2: impl ToArg) -> String {
        self.ta(key, &[(n1, v1.to_arg()), (n2, v2.to_arg())])
    }

    /// The message `key` with any number of variables.
    pub fn ta(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let mut fa = FluentArgs::new();
        for (name, value) in args {
            let v: FluentValue<'_> = match value {
                Arg::Text(s) => FluentValue::from(s.clone()),
                Arg::Count(n) => FluentValue::from(*n),
            };
            fa.set(*name, v);
        }
        self.catalog.format(self.lang, key, Some(&fa))
    }
}

/// A message variable: text (already formatted for the language) or a count (which picks
/// plural forms).
#[derive(Debug, Clone)]
pub enum Arg {
    /// Shown as is.
    Text(String),
    /// A whole number; selects `[one]`/`*[other]`.
    Count(i64),
}

/// What can be a message variable: text, or a whole number (a count).
pub trait ToArg {
    /// The variable.
    fn to_arg(&self) -> Arg;
}

impl ToArg for str {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.to_owned())
    }
}
impl ToArg for String {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.clone())
    }
}
impl ToArg for usize {
    fn to_arg(&self) -> Arg {
        Arg::Count(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}
impl ToArg for u16 {
    fn to_arg(&self) -> Arg {
        Arg::Count(i64::from(*self))
    }
}
impl ToArg for u32 {
    fn to_arg(&self) -> Arg {
        Arg::Count(i64::from(*self))
    }
}
impl ToArg for i64 {
    fn to_arg(&self) -> Arg {
        Arg::Count(*self)
    }
}
impl ToArg for i32 {
    fn to_arg(&self) -> Arg {
        Arg::Count(i64::from(*self))
    }
}
impl ToArg for u64 {
    fn to_arg(&self) -> Arg {
        Arg::Count(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}
impl<T: ToArg + ?Sized> ToArg for &T {
    fn to_arg(&self) -> Arg {
        (**self).to_arg()
    }
}

/// The language a request asks for before its session is known: the cookie, then
/// `Accept-Language`.
fn asked(headers: &HeaderMap, account: Option<&str>) -> Lang {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    choose(account, crate::auth::cookie(headers, COOKIE), accept)
}

fn here(req: &Request) -> String {
    req.uri()
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned())
}

/// Decides the request's [`Locale`] (after the session layer, so the account's setting is
/// known), and shows the error pages made inside it in that language.
pub async fn layer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let account = req
        .extensions()
        .get::<CurrentUser>()
        .and_then(|u| u.user.language.clone());
    let locale = Locale {
        lang: asked(req.headers(), account.as_deref()),
        here: here(&req),
    };
    if let Some(u) = req.extensions_mut().get_mut::<CurrentUser>() {
        u.locale = locale.clone();
    }
    req.extensions_mut().insert(locale.clone());
    let res = next.run(req).await;
    localise_error(&state, &locale, res)
}

/// The outermost layer: error pages made before the session was read (a refused character,
/// an oversized body) are shown in the cookie's or the browser's language.
pub async fn outer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let locale = Locale {
        lang: asked(req.headers(), None),
        here: here(&req),
    };
    let res = next.run(req).await;
    localise_error(&state, &locale, res)
}

/// An error page (`pages::error_page`, which knows no language) rendered in `locale`'s
/// language, keeping the response's other headers.
fn localise_error(state: &AppState, locale: &Locale, res: Response) -> Response {
    let Some(shown) = res.extensions().get::<crate::pages::ErrorShown>().cloned() else {
        return res;
    };
    let mut again = crate::pages::error_page_in(state, locale, shown.status, &shown.message);
    for (name, value) in res.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            again.headers_mut().append(name.clone(), value.clone());
        }
    }
    again.into_response()
}

pub use format::{date, month, num};
