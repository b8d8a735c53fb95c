//! `POST /lang`: the language switch on every page. It sets the `myo_lang` cookie and, for a
//! signed-in person, the account's setting (audited), then goes back to the page it came from.

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::Outcome;
use myo_store::audit::action;

use super::Lang;
use crate::AppState;
use crate::auth::{Client, MaybeUser, audit};
use crate::pages::PageError;

/// The cookie that keeps the choice of someone not signed in (and after signing out).
pub const COOKIE: &str = "myo_lang";

/// The switch's form.
#[derive(Debug, serde::Deserialize)]
pub struct LangForm {
    /// A language code.
    pub lang: String,
    /// Where to go back to (a path on this site).
    #[serde(default)]
    pub next: String,
}

/// `POST /lang`
pub async fn set_language(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    client: Client,
    Form(form): Form<LangForm>,
) -> Result<Response, PageError> {
    let Some(lang) = Lang::parse(&form.lang).filter(|l| l.code() == form.lang) else {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Language: choose one of the languages offered.".into(),
        ));
    };
    if let Some(u) = user.as_ref() {
        let entry = audit(
            Some(&u.user),
            &client,
            action::UPDATE,
            "user",
            Some(u.user.id.as_str()),
            Outcome::Success,
        );
        state
            .store()
            .set_user_language(&u.user.id, Some(lang.code()), &entry)
            .await?;
    }
    let next = if crate::boundary::local_path(&form.next) {
        form.next.as_str()
    } else {
        "/"
    };
    let secure = if state.config().secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        lang.code()
    );
    let mut res = Redirect::to(next).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}
