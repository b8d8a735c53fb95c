//! A refused sign-in or sign-up answers 429 with `Retry-After` and the page made at start-up:
//! in the person's language, saying that there were too many attempts and how long to wait, with
//! a link back to the form. The refusals remembered in memory answer with the same page as the
//! database's first refusal, and each is still counted.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{PW, Resp, TestApp, form_request};

on_both_apps!(refused_sign_ins_answer_in_the_persons_language);

fn in_lang(mut req: Request<Body>, lang: &str) -> Request<Body> {
    let value = header::HeaderValue::from_str(lang).expect("language");
    req.headers_mut().insert(header::ACCEPT_LANGUAGE, value);
    req
}

/// Checks a refusal: 429, `Retry-After` in whole seconds, and the page in `lang` saying the
/// same wait, with the disclaimer and a link back to `back`. Returns the page up to the wait.
fn refusal<'a>(r: &'a Resp, lang: &str, back: &str) -> &'a str {
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    let secs: u64 = r
        .header("retry-after")
        .parse()
        .expect("Retry-After in seconds");
    assert!(secs >= 1);
    let (title, wait) = match lang {
        "es" if secs < 90 => ("Demasiados intentos", format!("Espere {secs} segundo")),
        "es" => (
            "Demasiados intentos",
            format!("Espere {} minuto", secs.div_ceil(60)),
        ),
        _ if secs < 90 => ("Too many attempts", format!("Please wait {secs} second")),
        _ => (
            "Too many attempts",
            format!("Please wait {} minute", secs.div_ceil(60)),
        ),
    };
    let body = r.body.as_str();
    assert!(body.contains(&format!("<html lang=\"{lang}\">")), "{body}");
    assert!(body.contains(&format!("<h1>{title}</h1>")), "{body}");
    assert!(body.contains("role=\"alert\" id=\"refused\""), "{body}");
    assert!(
        body.contains(&format!("<p id=\"refused-wait\">{wait}")),
        "{wait}: {body}"
    );
    assert!(
        body.contains(&format!("<a href=\"{back}\" id=\"refused-back\">")),
        "{body}"
    );
    assert!(body.contains("id=\"disclaimer\""), "{body}");
    assert!(r.header("set-cookie").is_empty());
    body.split("<p id=\"refused-wait\">")
        .next()
        .unwrap_or_default()
}

const EMAIL: &str = "locked@example.org";

async fn refused_sign_ins_answer_in_the_persons_language(t: &TestApp) {
    use myo_store::Timestamp;
    t.signup(EMAIL, PW).await;
    let since = Timestamp::now().add_millis(-120_000);
    let attempt = |password: &'static str, lang: &'static str| async move {
        let form = [("email", EMAIL), ("password", password)];
        t.send(in_lang(form_request("/signin", &form, None), lang))
            .await
    };
    for _ in 0..5 {
        let r = attempt("wrong-password-xxxx", "en").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    // The first refusal is the database's; the next ones, in either language, are from memory
    // and answer with the same page.
    let first = attempt("wrong-password-xxxx", "en").await;
    let english = refusal(&first, "en", "/signin");
    for _ in 0..3 {
        let r = attempt("wrong-password-xxxx", "en").await;
        assert_eq!(refusal(&r, "en", "/signin"), english);
    }
    let es = attempt("wrong-password-xxxx", "es").await;
    let spanish = refusal(&es, "es", "/signin");
    assert_ne!(spanish, english);
    assert!(
        spanish.contains("Hubo demasiados intentos fallidos"),
        "{spanish}"
    );
    // The right password is refused alike, in Spanish too.
    let right = attempt(PW, "es").await;
    assert_eq!(refusal(&right, "es", "/signin"), spanish);
    // Every refusal is counted, once: 1 + 3 + 1 + 1.
    myo_web::refusals::flush(&t.state).await.expect("flush");
    let counted = t.store().count_refused(EMAIL, since).await.expect("count");
    assert_eq!(counted, 6);
}
async fn refused_sign_ups(t: &TestApp) {
    let attempt = |i: u32, lang: &'static str| async move {
        let email = format!("new{i}@example.org");
        let form = [
            ("email", email.as_str()),
            ("password", PW),
            ("password_confirm", PW),
        ];
        t.send(in_lang(form_request("/signup", &form, None), lang))
            .await
    };
    for i in 0..2 {
        assert_eq!(attempt(i, "en").await.status, StatusCode::SEE_OTHER);
    }
    let en = attempt(2, "en").await;
    let english = refusal(&en, "en", "/signup");
    assert!(english.contains("new accounts"), "{english}");
    let es = attempt(3, "es").await;
    let spanish = refusal(&es, "es", "/signup");
    assert!(spanish.contains("cuentas nuevas"), "{spanish}");
    // Still refused from memory, with the same page.
    assert_eq!(refusal(&attempt(4, "es").await, "es", "/signup"), spanish);
}
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_sign_ups_answer_in_the_persons_language() {
    let limit = |c: &mut myo_web::Config| c.login_max_per_address = 2;
    let t = TestApp::sqlite_with(limit).await;
    refused_sign_ups(&t).await;
    t.cleanup().await;
    if let Some(t) = TestApp::postgres_with("refused_sign_ups", limit).await {
        refused_sign_ups(&t).await;
        t.cleanup().await;
    }
}
