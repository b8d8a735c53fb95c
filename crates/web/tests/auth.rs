//! Accounts and security: sign-up, sign-in, rate limits, CSRF, cookies, sessions, tokens,
//! deletion and audit views; the main flow also runs on PostgreSQL when configured.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{TestApp, form_request};
use myo_store::{AuditFilter, Role};

async fn auth_flow(t: &TestApp) {
    // Sign-up: no session yet, the sign-in page next; then sign-in sets the cookie.
    let r = t
        .post_form(
            "/signup",
            &[
                ("email", "Pat@Example.org"),
                ("display_name", "Pat"),
                ("password", "a long enough pw"),
                ("password_confirm", "a long enough pw"),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.header("location"), common::NO_ZONE_SIGNED_UP);
    assert!(r.header("set-cookie").is_empty());
    let r = t.signin("Pat@Example.org", "a long enough pw").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let set = r.header("set-cookie").to_owned();
    assert!(
        set.starts_with("myo_session=")
            && set.contains("HttpOnly")
            && set.contains("SameSite=Strict")
            && set.contains("Path=/"),
        "{set}"
    );
    assert!(!set.contains("Secure"), "plain http test config");
    let cookie = r.cookie();
    let page = t.get("/account", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("pat@example.org"));
    assert_eq!(page.header("cache-control"), "no-store");

    // Duplicate e-mail: the very same answer as a new one (no account enumeration), and the
    // existing account keeps its password.
    let r = t
        .post_form(
            "/signup",
            &[
                ("email", "pat@example.org"),
                ("password", "another long pw"),
                ("password_confirm", "another long pw"),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header("location"), common::NO_ZONE_SIGNED_UP);
    assert!(r.header("set-cookie").is_empty());
    assert_eq!(
        t.signin("pat@example.org", "another long pw").await.status,
        StatusCode::UNAUTHORIZED
    );

    // Sign out, then sign in again (case-insensitive e-mail).
    let csrf = page.csrf();
    let r = t
        .post_form("/signout", &[("csrf", &csrf)], Some(&cookie))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.header("set-cookie").contains("Max-Age=0"));
    let r = t.get("/account", Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "old session is gone");
    assert!(r.header("location").starts_with("/signin?next="));
    let r = t.signin("PAT@example.org", "wrong password!").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.body.contains("id=\"signin-error\""));
    let r = t.signin("pat@example.org", "a long enough pw").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let cookie = r.cookie();
    assert_eq!(
        t.get("/account", Some(&cookie)).await.status,
        StatusCode::OK
    );

    // The audit log has the sign-up, sign-in, failure and sign-out.
    let events = t
        .store()
        .list_audit(&AuditFilter::default())
        .await
        .expect("audit");
    let actions: Vec<&str> = events.iter().map(|e| e.entry.action.as_str()).collect();
    for a in ["create", "login", "login_failed", "logout"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    let mine = t.get("/account/audit", Some(&cookie)).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert!(
        mine.body.contains("login_failed") && mine.body.contains("id=\"audit\""),
        "{}",
        mine.body
    );
    // A paging value that does not parse is an error page naming it, not plain text.
    let bad = t.get("/account/audit?before=abc", Some(&cookie)).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.header("content-type").starts_with("text/html"));
    assert!(bad.body.contains("(before)"), "{}", bad.body);
}

#[tokio::test]
async fn auth_flow_sqlite() {
    let t = TestApp::sqlite().await;
    auth_flow(&t).await;
    t.cleanup().await;
}

#[tokio::test]
async fn auth_flow_postgres() {
    if let Some(t) = TestApp::postgres("auth_flow_postgres").await {
        auth_flow(&t).await;
        t.cleanup().await;
    }
}

#[tokio::test]
async fn sign_in_locks_out_after_repeated_failures() {
    let t = TestApp::sqlite().await;
    t.signup("lock@example.org", "the right password").await;
    for _ in 0..5 {
        assert_eq!(
            t.signin("lock@example.org", "wrong guess 123").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    // Now even the right password is refused for a while.
    let r = t.signin("lock@example.org", "the right password").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    assert!(r.header("set-cookie").is_empty());
    // Another account from another address is unaffected.
    t.signup("other@example.org", "the other password").await;
    let r = t
        .send_from(
            form_request(
                "/signin",
                &[
                    ("email", "other@example.org"),
                    ("password", "the other password"),
                ],
                None,
            ),
            "10.0.0.9",
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let denied = t
        .store()
        .list_audit(&AuditFilter::default())
        .await
        .expect("audit");
    assert!(
        denied
            .iter()
            .any(|e| e.entry.action == "login_failed" && e.entry.outcome.as_str() == "denied")
    );
    t.cleanup().await;
}

#[tokio::test]
async fn sign_in_locks_out_an_address_spraying_accounts() {
    let t = TestApp::sqlite_with(|c| c.login_max_per_address = 3).await;
    t.signup("victim@example.org", "the right password").await;
    for i in 0..3 {
        let email = format!("nobody{i}@example.org");
        let r = t
            .send_from(
                form_request(
                    "/signin",
                    &[("email", &email), ("password", "guess guess")],
                    None,
                ),
                "10.1.1.1",
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = t
        .send_from(
            form_request(
                "/signin",
                &[
                    ("email", "victim@example.org"),
                    ("password", "the right password"),
                ],
                None,
            ),
            "10.1.1.1",
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let r = t
        .send_from(
            form_request(
                "/signin",
                &[
                    ("email", "victim@example.org"),
                    ("password", "the right password"),
                ],
                None,
            ),
            "10.2.2.2",
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "other addresses still work"
    );
    t.cleanup().await;
}

#[tokio::test]
async fn csrf_is_enforced_on_every_state_changing_form() {
    let t = TestApp::sqlite().await;
    let cookie = t.signup("csrf@example.org", "a long enough pw").await;
    let csrf = t.csrf(&cookie).await;
    // Missing token.
    let r = t
        .post_form("/account/tokens", &[("name", "x")], Some(&cookie))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("missing"));
    // Wrong token.
    let r = t
        .post_form(
            "/account/tokens",
            &[("csrf", "0000"), ("name", "x")],
            Some(&cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    for path in [
        "/signout",
        "/account/password",
        "/account/delete",
        "/account/tokens/abc/revoke",
        "/account/sessions/abc/revoke",
        "/ask",
        "/calculators/tis-2016",
    ] {
        let r = t.post_form(path, &[], Some(&cookie)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }
    // Cross-site, even with the right token.
    let mut req = form_request(
        "/account/tokens",
        &[("csrf", &csrf), ("name", "x")],
        Some(&cookie),
    );
    req.headers_mut()
        .insert("sec-fetch-site", "cross-site".parse().expect("hv"));
    assert_eq!(t.send(req).await.status, StatusCode::FORBIDDEN);
    // Foreign Origin without Sec-Fetch-Site (older browsers).
    let mut req = form_request("/signin", &[("email", "a@b.c"), ("password", "x")], None);
    req.headers_mut().remove("sec-fetch-site");
    req.headers_mut()
        .insert(header::ORIGIN, "https://evil.example".parse().expect("hv"));
    req.headers_mut()
        .insert(header::HOST, "localhost:8080".parse().expect("hv"));
    assert_eq!(t.send(req).await.status, StatusCode::FORBIDDEN);
    // Matching Origin is fine.
    let mut req = form_request(
        "/account/tokens",
        &[("csrf", &csrf), ("name", "ok")],
        Some(&cookie),
    );
    req.headers_mut().remove("sec-fetch-site");
    req.headers_mut()
        .insert(header::ORIGIN, "http://localhost:8080".parse().expect("hv"));
    req.headers_mut()
        .insert(header::HOST, "localhost:8080".parse().expect("hv"));
    assert_eq!(t.send(req).await.status, StatusCode::OK);
    // JSON API cross-site: refused as JSON.
    let req = Request::post("/api/v1/ask")
        .header(header::CONTENT_TYPE, "application/json")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(r#"{"question":"x"}"#))
        .expect("req");
    let r = t.send(req).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json()["error"]["code"], "forbidden");
    t.cleanup().await;
}

#[tokio::test]
async fn secure_cookies_behind_https() {
    let t = TestApp::sqlite_with(|c| {
        c.public_url = Some("https://myo.example.org".into());
        c.secure_cookies = true;
    })
    .await;
    let r = t
        .post_form(
            "/signup",
            &[
                ("email", "s@example.org"),
                ("password", "a long enough pw"),
                ("password_confirm", "a long enough pw"),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = t.signin("s@example.org", "a long enough pw").await;
    let set = r.header("set-cookie");
    assert!(
        set.starts_with("__Host-myo_session=")
            && set.contains("; Secure")
            && set.contains("Path=/"),
        "{set}"
    );
    assert!(!set.contains("Domain="), "__Host- cookies have no Domain");
    let home = t.get("/", None).await;
    assert!(
        home.header("strict-transport-security")
            .contains("max-age=")
    );
    t.cleanup().await;
}

#[tokio::test]
async fn signup_can_be_turned_off() {
    let t = TestApp::sqlite_with(|c| c.allow_signup = false).await;
    assert_eq!(t.get("/signup", None).await.status, StatusCode::NOT_FOUND);
    let r = t
        .post_form(
            "/signup",
            &[
                ("email", "x@example.org"),
                ("password", "a long enough pw"),
                ("password_confirm", "a long enough pw"),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        !t.get("/signin", None)
            .await
            .body
            .contains("href=\"/signup\"")
    );
    t.cleanup().await;
}

#[tokio::test]
async fn signup_validation_names_the_field_and_keeps_values() {
    let t = TestApp::sqlite().await;
    let r = t
        .post_form(
            "/signup",
            &[
                ("email", "not-an-email"),
                ("display_name", "Kim"),
                ("password", "x"),
                ("password_confirm", "x"),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("value=\"not-an-email\"") && r.body.contains("value=\"Kim\""));
    let r = t
        .post_form(
            "/signup",
            &[
                ("email", "k@example.org"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
            None,
        )
        .await;
    assert!(r.body.contains("at least 8"));
    let r = t
        .post_form(
            "/signup",
            &[
                ("email", "k@example.org"),
                ("password", "long enough 1"),
                ("password_confirm", "long enough 2"),
            ],
            None,
        )
        .await;
    assert!(r.body.contains("differ"));
    t.cleanup().await;
}

#[tokio::test]
async fn pages_need_sign_in_and_the_right_role() {
    let t = TestApp::sqlite().await;
    for path in ["/account", "/account/audit", "/admin/audit"] {
        let r = t.get(path, None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert!(r.header("location").starts_with("/signin?next="), "{path}");
    }
    let r = t.post_form("/account/tokens", &[("name", "x")], None).await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "anonymous POST redirects to sign-in"
    );
    // A patient is not an admin.
    let patient = t.signup("p@example.org", "a long enough pw").await;
    let r = t.get("/admin/audit", Some(&patient)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // An admin sees everything, and can check the chain.
    t.add_user("admin@example.org", "admin password 1", Role::Admin)
        .await;
    let admin = t
        .signin("admin@example.org", "admin password 1")
        .await
        .cookie();
    let r = t.get("/admin/audit?verify=1", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("Hash chain intact") && r.body.contains("login"),
        "{}",
        r.body
    );
    // The denied attempt was audited.
    let events = t
        .store()
        .list_audit(&AuditFilter::default())
        .await
        .expect("audit");
    assert!(
        events
            .iter()
            .any(|e| e.entry.resource_type == "audit_log" && e.entry.outcome.as_str() == "denied")
    );
    // Safe redirect after sign-in: only local paths.
    let r = t
        .post_form(
            "/signin",
            &[
                ("email", "p@example.org"),
                ("password", "a long enough pw"),
                ("next", "https://evil.example/"),
            ],
            None,
        )
        .await;
    assert_eq!(r.header("location"), "/account");
    let r = t
        .post_form(
            "/signin",
            &[
                ("email", "p@example.org"),
                ("password", "a long enough pw"),
                ("next", "/kb/ivig"),
            ],
            None,
        )
        .await;
    assert_eq!(r.header("location"), "/kb/ivig");
    t.cleanup().await;
}

#[tokio::test]
async fn account_settings_password_sessions_tokens_delete() {
    let t = TestApp::sqlite().await;
    let first = t.signup("me@example.org", "first password").await;
    let second = t.signin("me@example.org", "first password").await.cookie();
    let csrf = t.csrf(&first).await;

    // Wrong current password: field named, nothing changed.
    let r = t
        .post_form(
            "/account/password",
            &[
                ("csrf", &csrf),
                ("current_password", "nope nope"),
                ("new_password", "second password"),
                ("new_password_confirm", "second password"),
            ],
            Some(&first),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Change it: the other session ends, this one stays.
    let r = t
        .post_form(
            "/account/password",
            &[
                ("csrf", &csrf),
                ("current_password", "first password"),
                ("new_password", "second password"),
                ("new_password_confirm", "second password"),
            ],
            Some(&first),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(t.get("/account", Some(&first)).await.status, StatusCode::OK);
    assert_eq!(
        t.get("/account", Some(&second)).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        t.signin("me@example.org", "first password").await.status,
        StatusCode::UNAUTHORIZED
    );
    let third = t.signin("me@example.org", "second password").await.cookie();

    // Sessions: sign out the third from the first.
    let page = t.get("/account", Some(&first)).await;
    let marker = "action=\"/account/sessions/";
    let ids: Vec<String> = page
        .body
        .match_indices(marker)
        .map(|(i, _)| {
            page.body[i + marker.len()..]
                .split('/')
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 2, "two sessions listed");
    for id in &ids {
        let r = t.get("/account", Some(&third)).await;
        if r.status != StatusCode::OK {
            break;
        }
        let r = t
            .post_form(
                &format!("/account/sessions/{id}/revoke"),
                &[("csrf", &csrf)],
                Some(&first),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    assert_eq!(
        t.get("/account", Some(&third)).await.status,
        StatusCode::SEE_OTHER,
        "third session ended"
    );
    // Another user's session id: 404.
    let stranger = t.signup("stranger@example.org", "stranger password").await;
    let s_csrf = t.csrf(&stranger).await;
    let page = t.get("/account", Some(&first)).await;
    if let Some(id) = page
        .body
        .match_indices(marker)
        .map(|(i, _)| {
            page.body[i + marker.len()..]
                .split('/')
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .next()
    {
        let r = t
            .post_form(
                &format!("/account/sessions/{id}/revoke"),
                &[("csrf", &s_csrf)],
                Some(&stranger),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }

    // Tokens: create on the page, revoke on the page; another user's id is 404.
    let secret = t.token(&first, "laptop").await;
    assert!(secret.starts_with("myo_"));
    let page = t.get("/account", Some(&first)).await;
    let marker = "action=\"/account/tokens/";
    let tid = page
        .body
        .match_indices(marker)
        .map(|(i, _)| {
            page.body[i + marker.len()..]
                .split('/')
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .next()
        .expect("token row");
    let r = t
        .post_form(
            &format!("/account/tokens/{tid}/revoke"),
            &[("csrf", &s_csrf)],
            Some(&stranger),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = t
        .post_form(
            &format!("/account/tokens/{tid}/revoke"),
            &[("csrf", &csrf)],
            Some(&first),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = t
        .api(axum::http::Method::GET, "/api/v1/me", Some(&secret))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    // Delete: needs the box and the password.
    let r = t
        .post_form(
            "/account/delete",
            &[("csrf", &csrf), ("password", "second password")],
            Some(&first),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = t
        .post_form(
            "/account/delete",
            &[("csrf", &csrf), ("password", "wrong"), ("confirm", "yes")],
            Some(&first),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = t
        .post_form(
            "/account/delete",
            &[
                ("csrf", &csrf),
                ("password", "second password"),
                ("confirm", "yes"),
            ],
            Some(&first),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        t.get("/account", Some(&first)).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        t.signin("me@example.org", "second password").await.status,
        StatusCode::UNAUTHORIZED
    );
    let events = t
        .store()
        .list_audit(&AuditFilter::default())
        .await
        .expect("audit");
    assert!(
        events
            .iter()
            .any(|e| e.entry.action == "delete" && e.entry.resource_type == "user")
    );
    t.cleanup().await;
}

#[tokio::test]
async fn expired_or_forged_cookies_are_anonymous() {
    let t = TestApp::sqlite_with(|c| c.session_idle = std::time::Duration::from_millis(1)).await;
    let cookie = t.signup("idle@example.org", "a long enough pw").await;
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    assert_eq!(
        t.get("/account", Some(&cookie)).await.status,
        StatusCode::SEE_OTHER,
        "idle session ended"
    );
    assert_eq!(
        t.get("/account", Some("myo_session=forged")).await.status,
        StatusCode::SEE_OTHER
    );
    t.cleanup().await;
}

#[tokio::test]
async fn health_data_reads_are_audited_for_the_patient() {
    let t = TestApp::sqlite().await;
    let cookie = t.signup("reader@example.org", "a long enough pw").await;
    let user = t
        .store()
        .find_user_by_email("reader@example.org")
        .await
        .expect("store")
        .expect("user");
    let client = myo_web::auth::Client {
        ip: Some("192.0.2.7".into()),
        user_agent: None,
    };
    myo_web::auth::record_access(
        &t.state,
        &user,
        &client,
        ("read", "diary_entry", Some("d1")),
        user.id.as_str(),
    )
    .await
    .expect("audited");
    let page = t.get("/account/audit", Some(&cookie)).await;
    assert!(
        page.body.contains("diary_entry d1") && page.body.contains("192.0.2.7"),
        "{}",
        page.body
    );
    t.cleanup().await;
}
