//! Share links on both backends: the link shown uses the configured public URL, else the
//! request's own origin (a `Host` header that is not a plain host[:port] is never reflected),
//! never a placeholder address; the link is selectable text with a copy button added by script;
//! and a link ends when its owner's account is disabled or deleted.

mod common;

use axum::http::{HeaderValue, Method, StatusCode, header};
use common::{PW, Person, Resp, TestApp, form_request, json_request, person};
use myo_store::Role;

on_both_apps!(
    share_link_uses_the_request_origin,
    a_bad_host_header_is_not_reflected,
    a_link_ends_when_the_owner_is_disabled,
    a_link_ends_when_the_owner_is_deleted,
);

async fn share_via_page(t: &TestApp, p: &Person, host: Option<&str>) -> Resp {
    let mut req = form_request(
        &format!("/patients/{}/shares", p.id),
        &[("csrf", &p.csrf), ("sections", "symptoms"), ("days", "7")],
        Some(&p.cookie),
    );
    if let Some(h) = host {
        req.headers_mut()
            .insert(header::HOST, HeaderValue::from_str(h).expect("header"));
    }
    let r = t.send(req).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r
}

/// The link shown once on the sharing page (HTML-unescaped `&amp;` is not expected in it).
fn shown_link(body: &str) -> String {
    let marker = "id=\"new-share-url\" value=\"";
    let start = body.find(marker).expect("link shown") + marker.len();
    body[start..].split('"').next().unwrap_or("").to_owned()
}

fn path_of(link: &str) -> String {
    let at = link.find("/share/").expect("share path");
    link[at..].to_owned()
}

async fn share_link_uses_the_request_origin(t: &TestApp) {
    let p = person(t, "origin@example.org").await;
    let r = share_via_page(t, &p, Some("Myo.Clinic.example:8443")).await;
    let link = shown_link(&r.body);
    assert!(
        link.starts_with("http://myo.clinic.example:8443/share/"),
        "{link}"
    );
    assert!(!r.body.contains("myo.invalid"), "{}", r.body);
    assert!(!r.body.contains("id=\"new-share-path-only\""));
    // Selectable text in a read-only box, enhanced by the copy script (no inline script).
    assert!(r.body.contains("readonly data-copy"), "{}", r.body);
    assert!(
        r.body
            .contains("<script src=\"/static/copy.js\" defer></script>")
    );
    let js = t.get("/static/copy.js", None).await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(js.header("content-type").starts_with("text/javascript"));
    assert!(js.body.contains("input[data-copy]"));
    // The link works.
    let opened = t.get(&path_of(&link), None).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    // The API answers the same way.
    let mut req = json_request(
        Method::POST,
        &format!("/api/v1/patients/{}/shares", p.id),
        r#"{"sections":["labs"],"days":3}"#,
        Some(&p.bearer),
    );
    req.headers_mut()
        .insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
    let r = t.send(req).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let url = r.json()["url"].as_str().unwrap_or_default().to_owned();
    assert!(url.starts_with("http://127.0.0.1:8080/share/"), "{url}");
}

async fn a_bad_host_header_is_not_reflected(t: &TestApp) {
    let p = person(t, "badhost@example.org").await;
    for host in [
        "evil.example/phish",
        "user@evil.example",
        "evil.example:99999",
        "evil.example\"><b>x",
        "evil example",
    ] {
        let r = share_via_page(t, &p, Some(host)).await;
        let link = shown_link(&r.body);
        assert!(link.starts_with("/share/"), "{host}: {link}");
        assert!(!r.body.contains("evil"), "{host} reflected: {}", r.body);
        assert!(!r.body.contains("myo.invalid"));
        // The page says the address is missing and how to complete it.
        assert!(r.body.contains("id=\"new-share-path-only\""), "{host}");
        assert_eq!(t.get(&link, None).await.status, StatusCode::OK, "{host}");
    }
    // No Host header at all: the path.
    let r = share_via_page(t, &p, None).await;
    assert!(shown_link(&r.body).starts_with("/share/"));
}

async fn admin(t: &TestApp) -> (String, String) {
    t.add_user("admin@example.org", PW, Role::Admin).await;
    let cookie = t.signin("admin@example.org", PW).await.cookie();
    let csrf = t.csrf(&cookie).await;
    (cookie, csrf)
}

async fn a_link_ends_when_the_owner_is_disabled(t: &TestApp) {
    let p = person(t, "disabled@example.org").await;
    let link = path_of(&shown_link(&share_via_page(t, &p, None).await.body));
    assert_eq!(t.get(&link, None).await.status, StatusCode::OK);
    let (admin, csrf) = admin(t).await;
    let r = t
        .post_form(
            &format!("/admin/users/{}/disable", p.id),
            &[("csrf", &csrf)],
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let gone = t.get(&link, None).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND, "{}", gone.body);
    assert!(!gone.body.contains("disabled@example.org"));
    // Disabling revoked it: enabling the account again does not bring it back.
    let r = t
        .post_form(
            &format!("/admin/users/{}/enable", p.id),
            &[("csrf", &csrf)],
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(t.get(&link, None).await.status, StatusCode::NOT_FOUND);
}

async fn a_link_ends_when_the_owner_is_deleted(t: &TestApp) {
    let p = person(t, "deleted@example.org").await;
    let link = path_of(&shown_link(&share_via_page(t, &p, None).await.body));
    assert_eq!(t.get(&link, None).await.status, StatusCode::OK);
    let r = t
        .post_form(
            "/account/delete",
            &[("csrf", &p.csrf), ("password", PW), ("confirm", "yes")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(t.get(&link, None).await.status, StatusCode::NOT_FOUND);
    let hash = myo_store::token::hash_secret(link.trim_start_matches("/share/"));
    assert!(
        t.store()
            .find_share_link_by_hash(&hash)
            .await
            .expect("store")
            .is_none(),
        "the link went with the account"
    );
}

/// With --public-url the link uses it, whatever the request's Host says.
async fn public_url_wins(t: &TestApp) {
    let p = person(t, "public@example.org").await;
    let r = share_via_page(t, &p, Some("other.example:8080")).await;
    let link = shown_link(&r.body);
    assert!(link.starts_with("https://myo.example.org/share/"), "{link}");
    assert!(!r.body.contains("other.example"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_url_wins_over_the_host_header() {
    let public = |c: &mut myo_web::Config| {
        c.public_url = Some("https://myo.example.org".into());
        c.secure_cookies = false;
    };
    let t = TestApp::sqlite_with(public).await;
    public_url_wins(&t).await;
    t.cleanup().await;
    if let Some(t) =
        TestApp::postgres_with("the_public_url_wins_over_the_host_header", public).await
    {
        public_url_wins(&t).await;
        t.cleanup().await;
    }
}
