//! Account recovery through the pages, on both backends: a reset link e-mailed over real SMTP
//! (aiosmtpd, see `mail_sink`) and read back from the message; the same answer whether or not
//! the address has an account; request limits; admin-made links when the site sends no e-mail;
//! a reset ends every session and stops every API token; a link works once.

mod common;
mod mail_sink;

use axum::http::StatusCode;
use common::{PW, TestApp};
use mail_sink::Sink;
use myo_store::Role;
use myo_web::mail::MailConfig;

const PUBLIC: &str = "https://myo.test";
const NEW_PW: &str = "a brand new passphrase";

fn with_mail(smtp_url: &str) -> impl FnOnce(&mut myo_web::Config) + Send + use<> {
    let url = smtp_url.to_owned();
    move |c: &mut myo_web::Config| {
        c.public_url = Some(PUBLIC.to_owned());
        c.mail =
            MailConfig::from_options(Some(&url), Some("Myo <no-reply@myo.test>"), Some(PUBLIC))
                .expect("mail options");
    }
}

/// Both halves of a case: SQLite, and PostgreSQL when configured.
macro_rules! both {
    ($case:ident, $sqlite:ident, $postgres:ident, $config:expr) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $sqlite() {
            let Some(cfg) = $config(stringify!($sqlite)).await else {
                return;
            };
            let (sink, f) = cfg;
            let t = TestApp::sqlite_with(f).await;
            $case(&t, sink.as_ref()).await;
            t.cleanup().await;
        }
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $postgres() {
            let Some(cfg) = $config(stringify!($postgres)).await else {
                return;
            };
            let (sink, f) = cfg;
            if let Some(t) = TestApp::postgres_with(stringify!($postgres), f).await {
                $case(&t, sink.as_ref()).await;
                t.cleanup().await;
            }
        }
    };
}

type Setup = (Option<Sink>, Box<dyn FnOnce(&mut myo_web::Config) + Send>);

async fn real_smtp(test: &str) -> Option<Setup> {
    let sink = Sink::start(test).await?;
    let f = with_mail(&sink.url());
    Some((Some(sink), Box::new(f)))
}

async fn dead_smtp(_test: &str) -> Option<Setup> {
    // Nothing listens there: sending fails in the background; answers must not change.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    Some((
        None,
        Box::new(with_mail(&format!("smtp://127.0.0.1:{port}"))),
    ))
}

async fn no_smtp(_test: &str) -> Option<Setup> {
    Some((None, Box::new(|_: &mut myo_web::Config| {})))
}

both!(
    reset_by_email,
    reset_by_email_sqlite,
    reset_by_email_postgres,
    real_smtp
);
both!(
    answers_do_not_reveal_accounts,
    same_answer_sqlite,
    same_answer_postgres,
    dead_smtp
);
both!(
    admin_link_without_email,
    admin_link_sqlite,
    admin_link_postgres,
    no_smtp
);

/// The reset link in a message, read as a person would.
fn link_in(raw: &str) -> String {
    let body = mail_sink::body_text(raw);
    let start = body
        .find("https://myo.test/reset/")
        .expect("link in the message");
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || ":/._-".contains(*c))
        .collect()
}

/// The page with the typed address taken out, to compare answers.
fn without(body: &str, email: &str) -> String {
    body.replace(email, "<email>")
}

async fn reset_by_email(t: &TestApp, sink: Option<&Sink>) {
    let sink = sink.expect("sink");
    let cookie = t.signup("pat@example.org", PW).await;
    let bearer = t.token(&cookie, "phone").await;
    let known = t
        .post_form("/forgot", &[("email", "Pat@Example.org")], None)
        .await;
    assert_eq!(known.status, StatusCode::OK, "{}", known.body);
    assert!(known.body.contains("on its way"), "{}", known.body);

    let messages = sink.wait_for(1).await;
    assert_eq!(messages.len(), 1);
    let raw = &messages[0];
    assert!(
        mail_sink::header(raw, "To").contains("pat@example.org"),
        "{raw}"
    );
    assert!(
        mail_sink::header(raw, "From").contains("no-reply@myo.test"),
        "{raw}"
    );
    assert!(
        mail_sink::header(raw, "Subject").contains("new Myo password"),
        "{raw}"
    );
    let url = link_in(raw);
    let path = url.trim_start_matches(PUBLIC);
    assert_eq!(path.len(), "/reset/".len() + 64, "{url}");

    let form = t.get(path, None).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("pat@example.org"));
    let secret = path.trim_start_matches("/reset/");
    let mismatch = t
        .post_form(
            "/reset",
            &[
                ("token", secret),
                ("password", NEW_PW),
                ("password_confirm", "other"),
            ],
            None,
        )
        .await;
    assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(mismatch.body.contains("The two passwords differ"));
    let done = t
        .post_form(
            "/reset",
            &[
                ("token", secret),
                ("password", NEW_PW),
                ("password_confirm", NEW_PW),
            ],
            None,
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.header("location"), "/signin?done=reset");

    // Every session ended, every API token stopped.
    let account = t.get("/account", Some(&cookie)).await;
    assert_eq!(
        account.status,
        StatusCode::SEE_OTHER,
        "the old session is gone"
    );
    let api = t
        .api(axum::http::Method::GET, "/api/v1/tokens", Some(&bearer))
        .await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED, "{}", api.body);
    // Old password refused, new one works.
    assert_eq!(
        t.signin("pat@example.org", PW).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        t.signin("pat@example.org", NEW_PW).await.status,
        StatusCode::SEE_OTHER
    );
    // Once only.
    assert_eq!(t.get(path, None).await.status, StatusCode::NOT_FOUND);
    let again = t
        .post_form(
            "/reset",
            &[
                ("token", secret),
                ("password", "yet another one!"),
                ("password_confirm", "yet another one!"),
            ],
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert_eq!(
        t.signin("pat@example.org", NEW_PW).await.status,
        StatusCode::SEE_OTHER
    );

    // An address with no account gets the same page and no message.
    let unknown = t
        .post_form("/forgot", &[("email", "nobody@example.org")], None)
        .await;
    assert_eq!(unknown.status, known.status);
    assert_eq!(
        without(&unknown.body, "nobody@example.org"),
        without(&known.body, "Pat@Example.org")
    );
    // A second known request proves the sink is still delivering; the unknown one sent nothing.
    t.post_form("/forgot", &[("email", "pat@example.org")], None)
        .await;
    let messages = sink.wait_for(2).await;
    assert_eq!(
        messages.len(),
        2,
        "no message for an address without an account"
    );
    assert!(messages.iter().all(|m| !m.contains("nobody@example.org")));
}

async fn answers_do_not_reveal_accounts(t: &TestApp, _sink: Option<&Sink>) {
    t.signup("known@example.org", PW).await;
    let ask = |email: &'static str, ip: &'static str| async move {
        t.send_from(
            common::form_request("/forgot", &[("email", email)], None),
            ip,
        )
        .await
    };
    let a = ask("known@example.org", "192.0.2.10").await;
    let b = ask("unknown@example.org", "192.0.2.11").await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.status, b.status);
    assert_eq!(
        without(&a.body, "known@example.org"),
        without(&b.body, "unknown@example.org")
    );
    assert_eq!(a.header("set-cookie"), b.header("set-cookie"));
    // The limit per address typed holds alike: 3 an hour, then 429 for both.
    for _ in 0..2 {
        assert_eq!(
            ask("known@example.org", "192.0.2.12").await.status,
            StatusCode::OK
        );
        assert_eq!(
            ask("unknown@example.org", "192.0.2.13").await.status,
            StatusCode::OK
        );
    }
    let a = ask("known@example.org", "192.0.2.14").await;
    let b = ask("unknown@example.org", "192.0.2.15").await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(b.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!a.header("retry-after").is_empty());
    assert_eq!(
        without(&a.body, "known@example.org"),
        without(&b.body, "unknown@example.org")
    );
    // Malformed input is refused naming the field, and control characters never get through.
    let bad = ask("not-an-address", "192.0.2.16").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("e-mail address"), "{}", bad.body);
    let nul = ask("known@example.org\0", "192.0.2.17").await;
    assert_eq!(nul.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A made-up link is one "does not work" page.
    let fake = t.get(&format!("/reset/{}", "a".repeat(64)), None).await;
    assert_eq!(fake.status, StatusCode::NOT_FOUND);
    assert!(fake.body.contains("does not work"));
}

async fn admin_link_without_email(t: &TestApp, _sink: Option<&Sink>) {
    let form = t.get("/forgot", None).await;
    assert!(form.body.contains("id=\"ask-admin\""), "{}", form.body);
    let posted = t
        .post_form("/forgot", &[("email", "pat@example.org")], None)
        .await;
    assert_eq!(posted.status, StatusCode::OK);
    assert!(
        !posted.body.contains("on its way"),
        "nothing is sent without SMTP"
    );

    t.add_user("admin@example.org", PW, Role::Admin).await;
    let admin = t.signin("admin@example.org", PW).await.cookie();
    let pat = t.signup("pat@example.org", PW).await;
    let pat_bearer = t.token(&pat, "cli").await;
    let pat_id = t
        .store()
        .find_user_by_email("pat@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    // Only admins.
    let csrf = t.csrf(&pat).await;
    let denied = t
        .post_form(
            &format!("/admin/users/{}/reset-link", pat_id.as_str()),
            &[("csrf", &csrf)],
            Some(&pat),
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);

    let list = t.get("/admin/users", Some(&admin)).await;
    assert!(
        list.body
            .contains(&format!("reset-link-{}", pat_id.as_str()))
    );
    let csrf = t.csrf(&admin).await;
    let made = t
        .post_form(
            &format!("/admin/users/{}/reset-link", pat_id.as_str()),
            &[("csrf", &csrf)],
            Some(&admin),
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    assert_eq!(made.header("cache-control"), "no-store");
    let marker = "id=\"reset-link\" value=\"";
    let start = made.body.find(marker).expect("link shown") + marker.len();
    let path: String = made.body[start..].split('"').next().unwrap().to_owned();
    assert!(path.starts_with("/reset/"), "{path}");
    let secret = path.trim_start_matches("/reset/");
    let done = t
        .post_form(
            "/reset",
            &[
                ("token", secret),
                ("password", NEW_PW),
                ("password_confirm", NEW_PW),
            ],
            None,
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(
        t.get("/account", Some(&pat)).await.status,
        StatusCode::SEE_OTHER
    );
    let api = t
        .api(axum::http::Method::GET, "/api/v1/tokens", Some(&pat_bearer))
        .await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        t.signin("pat@example.org", NEW_PW).await.status,
        StatusCode::SEE_OTHER
    );
    // The admin's own session is untouched, and the reset is in Pat's own log.
    assert_eq!(t.get("/account", Some(&admin)).await.status, StatusCode::OK);
    let log = t
        .store()
        .list_audit(&myo_store::AuditFilter {
            patient_id: Some(pat_id.as_str().to_owned()),
            ..myo_store::AuditFilter::default()
        })
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|e| e.entry.resource_type == "password_reset")
    );
    assert!(log.iter().any(|e| {
        e.entry
            .details
            .as_deref()
            .is_some_and(|d| d.contains("reset_link"))
    }));
}
