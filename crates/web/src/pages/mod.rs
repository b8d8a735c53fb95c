//! Server-rendered HTML pages (askama templates in `templates/`). One module per area; this
//! module holds the shared layout, rendering and error pages, and the page routes.

pub mod account;
pub mod admin;
pub mod ask;
pub mod calc;
pub mod kb;
pub mod recovery;
pub mod refused;
pub mod signup;

use askama::Template;
use axum::Router;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::i18n::{Lang, Locale, Tr};

/// What every page's layout needs: title, who is signed in, the CSRF token for its forms, and
/// the page's language (`l.t("key")` in templates).
#[derive(Debug, Clone)]
pub struct Layout {
    /// Page title (without the site name).
    pub title: String,
    /// Signed-in user's display name (or e-mail), if any.
    pub user_name: Option<String>,
    /// Signed-in user is an admin.
    pub is_admin: bool,
    /// CSRF token for forms (empty when anonymous).
    pub csrf: String,
    /// Sign-up is offered.
    pub signup: bool,
    /// Which nav item is current (`home`, `kb`, `ask`, `calc`, `account`, `admin` (audit log),
    /// `users`, `signin`).
    pub nav: &'static str,
    /// The interface's messages in the page's language.
    pub tr: Tr,
    /// The page's own address (where the language switch comes back to).
    pub here: String,
}

impl Layout {
    /// A layout for `user` (or anonymous) in `loc`'s language.
    pub fn new(
        state: &AppState,
        user: Option<&CurrentUser>,
        loc: &Locale,
        title: impl Into<String>,
        nav: &'static str,
    ) -> Layout {
        Layout {
            title: title.into(),
            user_name: user.map(|u| {
                if u.user.display_name.is_empty() {
                    u.user.email.clone()
                } else {
                    u.user.display_name.clone()
                }
            }),
            is_admin: user.is_some_and(|u| crate::auth::is_admin(&u.user)),
            csrf: user
                .map(|u| u.session.csrf_token.clone())
                .unwrap_or_default(),
            signup: state.config().allow_signup,
            nav,
            tr: state.tr(loc.lang),
            here: loc.here.clone(),
        }
    }

    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    /// The message `key` with one variable.
    pub fn t1(&self, key: &str, name: &str, value: impl crate::i18n::ToArg) -> String {
        self.tr.t1(key, name, value)
    }

    /// The message `key` with two variables.
    pub fn t2(
        &self,
        key: &str,
        n1: &str,
        v1: impl crate::i18n::ToArg,
        n2: &str,
        v2: impl crate::i18n::ToArg,
    ) -> String {
        self.tr.t2(key, n1, v1, n2, v2)
    }

    /// The message `key` with three variables.
    #[allow(clippy::too_many_arguments)]
    pub fn t3(
        &self,
        key: &str,
        n1: &str,
        v1: impl crate::i18n::ToArg,
        n2: &str,
        v2: impl crate::i18n::ToArg,
        n3: &str,
        v3: impl crate::i18n::ToArg,
    ) -> String {
        self.tr.ta(
            key,
            &[(n1, v1.to_arg()), (n2, v2.to_arg()), (n3, v3.to_arg())],
        )
    }

    /// A fixed English text made before the page's language was known (a `?done=` notice, a
    /// form error), in the page's language when the catalogue has it (`notice-*`, `signup-err-*`,
    /// `forgot-err-*`); other texts are shown as made.
    pub fn fixed(&self, english: &str) -> String {
        let key = ["notice-", "signup-err-", "forgot-err-"]
            .iter()
            .find_map(|prefix| self.tr.catalog().key_of_english(english, prefix));
        match key {
            Some(key) => self.tr.t(&key),
            None => english.to_owned(),
        }
    }

    /// A tracker form's error in the page's language.
    pub fn form_error(&self, e: &crate::tracker::pages::FormError) -> String {
        e.text(&self.tr)
    }

    /// The page's language code (`<html lang>`).
    pub fn lang(&self) -> &'static str {
        self.tr.lang.code()
    }

    /// The languages the switch offers: code, own name, whether it is the page's.
    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        Lang::ALL
            .iter()
            .map(|l| (l.code(), l.own_name(), *l == self.tr.lang))
            .collect()
    }

    /// A measured value in the page's language (`1,5` in Spanish).
    pub fn num(&self, v: f64) -> String {
        crate::i18n::num(self.tr.lang, v)
    }

    /// A date (`YYYY-MM-DD`) in the page's language.
    pub fn date(&self, iso: &str) -> String {
        crate::i18n::date(self.tr.lang, iso)
    }

    /// The medical disclaimer in the page's language.
    pub fn disclaimer(&self) -> String {
        self.tr.t("disclaimer")
    }

    /// `aria-current="page"` for the current nav item.
    pub fn current(&self, item: &str) -> &'static str {
        if self.nav == item { "page" } else { "false" }
    }
}

#[cfg(test)]
impl Default for Layout {
    /// An anonymous English layout for unit tests of templates.
    fn default() -> Layout {
        let catalog = crate::i18n::Catalog::builtin().unwrap_or_else(|e| panic!("{e}"));
        Layout {
            title: String::new(),
            user_name: None,
            is_admin: false,
            csrf: String::new(),
            signup: false,
            nav: "",
            tr: Tr::new(std::sync::Arc::new(catalog), Lang::En),
            here: "/".to_owned(),
        }
    }
}

/// Renders a template, or a logged 500 page.
pub fn render<T: Template>(t: &T) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (StatusCode::INTERNAL_SERVER_ERROR, Html(FALLBACK_500)).into_response()
        }
    }
}

const FALLBACK_500: &str = "<!doctype html><html lang=\"en\"><title>Error · Myo</title><main><h1>Something went wrong</h1><p>The error has been logged.</p></main></html>";

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    l: Layout,
    status: u16,
    message: String,
}

/// An error page waiting for its language: [`error_page`] marks its response with this, and
/// `i18n::layer` (or, outside the session, `i18n::outer`) renders it in the request's language.
#[derive(Debug, Clone)]
pub struct ErrorShown {
    /// The status.
    pub status: StatusCode,
    /// What went wrong, in English (translated when the catalogue has it).
    pub message: String,
}

/// A plain error page (no user context: used from middleware too). The page is rendered in the
/// request's language on the way out.
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let mut res = (status, Html(FALLBACK_ERROR)).into_response();
    res.extensions_mut().insert(ErrorShown {
        status,
        message: message.to_owned(),
    });
    res
}

/// Shown only if no language layer rendered the error (never through [`crate::router`]).
const FALLBACK_ERROR: &str =
    "<!doctype html><html lang=\"en\"><title>Error · Myo</title><main><h1>Error</h1></main></html>";

/// The error page for `status` in `loc`'s language. A fixed message the catalogue knows (an
/// `error-msg-*` whose English text it is) is translated; others are shown as given.
pub fn error_page_in(
    state: &AppState,
    loc: &Locale,
    status: StatusCode,
    message: &str,
) -> Response {
    let tr = state.tr(loc.lang);
    let title = tr.t1("error-title", "status", status.as_u16());
    let message = match state.catalog().key_of_english(message, "error-msg-") {
        Some(key) => tr.t(&key),
        None => message.to_owned(),
    };
    let page = ErrorPage {
        l: Layout::new(state, None, loc, title, ""),
        status: status.as_u16(),
        message,
    };
    (status, render(&page)).into_response()
}

/// An error shown as a page; store failures are logged and shown generically.
#[derive(Debug)]
pub struct PageError(pub StatusCode, pub String);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut res = error_page(self.0, &self.1);
        crate::error::add_retry_after(&mut res);
        res
    }
}

impl From<myo_store::StoreError> for PageError {
    fn from(e: myo_store::StoreError) -> PageError {
        if let myo_store::StoreError::Busy { .. } = e {
            tracing::warn!("password hashing busy: 503");
            return PageError(
                StatusCode::SERVICE_UNAVAILABLE,
                "Myo is busy right now. Please try again in a few seconds.".into(),
            );
        }
        if let myo_store::StoreError::Changed { .. } = e {
            return PageError(
                StatusCode::CONFLICT,
                "This entry changed since you opened it, so nothing was saved. Go back, reload it and make your change again.".into(),
            );
        }
        tracing::error!(error = %e, "store error");
        PageError(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong on our side; it has been logged.".into(),
        )
    }
}

/// Query-string parameters for a page: a value that does not parse is a 400 error page naming
/// the parameter (axum's own `Query` would answer in plain text).
#[derive(Debug, Clone)]
pub struct PageQuery<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequestParts<S>
    for PageQuery<T>
{
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, PageError> {
        crate::error::parse_query(parts.uri.query().unwrap_or(""))
            .map(PageQuery)
            .map_err(|e| {
                PageError(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "This address has a value that Myo cannot read ({}).",
                        e.field
                    ),
                )
            })
    }
}

/// Unknown route: JSON under `/api/`, a page elsewhere.
pub async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::not_found(format!("no route {}", uri.path())).into_response()
    } else {
        error_page(StatusCode::NOT_FOUND, "There is no page at this address.")
    }
}

/// Known route, wrong method.
pub async fn method_not_allowed(uri: Uri) -> Response {
    let status = StatusCode::METHOD_NOT_ALLOWED;
    if uri.path().starts_with("/api/") {
        ApiError::new(
            status,
            "method_not_allowed",
            "this route does not accept that method",
        )
        .into_response()
    } else {
        error_page(status, "This address does not accept that kind of request.")
    }
}

/// Page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(kb::home))
        .route("/kb", get(kb::index))
        .route("/kb/section/{section}", get(kb::section))
        .route("/kb/{id}", get(kb::entry))
        .route("/search", get(kb::search))
        .route("/ask", get(ask::form).post(ask::answer))
        .route("/calculators", get(calc::index))
        .route("/calculators/{id}", get(calc::form).post(calc::result))
        .route("/signin", get(account::signin_form).post(account::signin))
        .route("/signup", get(signup::signup_form).post(signup::signup))
        .route("/signout", post(account::signout))
        .route("/lang", post(crate::i18n::set_language))
        .route("/forgot", get(recovery::forgot_form).post(recovery::forgot))
        .route("/reset", post(recovery::reset))
        .route("/reset/{token}", get(recovery::reset_form))
        .route("/admin/users/{id}/reset-link", post(recovery::admin_link))
        .route("/account", get(account::page))
        .route("/account/password", post(account::change_password))
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .route(
            "/account/sessions/{id}/revoke",
            post(account::revoke_session),
        )
        .route("/account/delete", post(account::delete_account))
        .route("/account/audit", get(account::my_audit))
        .route("/admin/audit", get(account::admin_audit))
        .route("/admin/users", get(admin::users).post(admin::create_user))
        .route("/admin/users/{id}/disable", post(admin::disable_user))
        .route("/admin/users/{id}/enable", post(admin::enable_user))
        .route("/admin/users/{id}/role", post(admin::change_role))
        .route(
            "/admin/users/{id}/moderator",
            post(crate::community::set_moderator),
        )
}
