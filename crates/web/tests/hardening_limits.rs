//! Known attacks not covered in `hardening.rs`: a keep-alive connection left idle, a body
//! that stops arriving, the connection cap, share links after an account is deleted or
//! disabled through the admin page, granting by e-mail through the API without revealing who
//! has an account, and a forwarded address that is ignored unless a proxy is trusted.

mod common;

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use common::{PW, Person, TestApp, form_request, person};
use myo_store::Role;

on_both_apps!(
    a_share_link_dies_when_its_owner_is_deleted,
    a_share_link_dies_when_an_admin_disables_the_owner,
    granting_through_the_api_does_not_reveal_accounts,
);

/// Serves `t` on a loopback port; stop it by sending on the returned channel.
async fn serve(
    t: &TestApp,
) -> (
    SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(myo_web::serve_on(listener, t.state.clone(), async {
        let _ = stopped.await;
    }));
    (addr, stop, server)
}

/// Reads what the server sends until it closes the connection or `wait` passes; `true` when it
/// closed the connection.
fn closed_within(s: &mut TcpStream, wait: Duration) -> (bool, Vec<u8>) {
    s.set_read_timeout(Some(wait)).ok();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return (true, got),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return (false, got);
            }
            // A reset also ends the connection.
            Err(_) => return (true, got),
        }
    }
}

/// A keep-alive connection that has been answered and then sends nothing more is closed after
/// the header timeout (the idle keep-alive timeout), not held forever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_keep_alive_connection_is_closed() {
    let t = TestApp::sqlite_with(|c| c.header_timeout = Duration::from_secs(2)).await;
    let (addr, stop, server) = serve(&t).await;
    let (closed, answer, took) = tokio::task::spawn_blocking(move || {
        let mut s = TcpStream::connect(addr).expect("connect");
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("request");
        let start = Instant::now();
        let (closed, got) = closed_within(&mut s, Duration::from_secs(15));
        (
            closed,
            String::from_utf8_lossy(&got).into_owned(),
            start.elapsed(),
        )
    })
    .await
    .expect("client");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(closed, "held open for {took:?}");
    let _ = stop.send(());
    server.await.expect("server");
    t.cleanup().await;
}

/// A request whose body stops arriving is answered 408 (or closed) after the body timeout; it
/// does not hold the connection, and it is not mistaken for an oversized body.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_stops_arriving_times_out() {
    let t = TestApp::sqlite_with(|c| {
        c.body_timeout = Duration::from_secs(2);
        c.header_timeout = Duration::from_secs(30);
    })
    .await;
    let (addr, stop, server) = serve(&t).await;
    let (closed, answer) = tokio::task::spawn_blocking(move || {
        let mut s = TcpStream::connect(addr).expect("connect");
        s.write_all(
            b"POST /api/v1/score/haq-di HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
              Content-Length: 1000\r\n\r\n{\"dressing\":",
        )
        .expect("request");
        let (closed, got) = closed_within(&mut s, Duration::from_secs(15));
        (closed, String::from_utf8_lossy(&got).into_owned())
    })
    .await
    .expect("client");
    assert!(
        answer.starts_with("HTTP/1.1 408") || (answer.is_empty() && closed),
        "{answer:?} (closed: {closed})"
    );
    let _ = stop.send(());
    server.await.expect("server");
    t.cleanup().await;
}

/// With the connection cap reached, a further client waits (it is not served by a connection
/// over the cap) and is served as soon as a slot frees.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_cap_wait_for_a_slot() {
    let t = TestApp::sqlite_with(|c| {
        c.max_connections = 1;
        c.header_timeout = Duration::from_secs(60);
    })
    .await;
    let (addr, stop, server) = serve(&t).await;
    let (early, later) = tokio::task::spawn_blocking(move || {
        let holder = TcpStream::connect(addr).expect("holder");
        // Let the server accept the holder first.
        std::thread::sleep(Duration::from_millis(300));
        let mut s = TcpStream::connect(addr).expect("connect");
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .expect("request");
        let (_, early) = closed_within(&mut s, Duration::from_millis(700));
        drop(holder);
        let (_, later) = closed_within(&mut s, Duration::from_secs(10));
        (
            String::from_utf8_lossy(&early).into_owned(),
            String::from_utf8_lossy(&later).into_owned(),
        )
    })
    .await
    .expect("client");
    assert!(early.is_empty(), "served over the cap: {early}");
    assert!(later.starts_with("HTTP/1.1 200"), "{later:?}");
    let _ = stop.send(());
    server.await.expect("server");
    t.cleanup().await;
}

/// Without `--trust-proxy`, a client-written `X-Forwarded-For` changes nothing: the per-address
/// limit holds whatever address the header claims.
#[tokio::test]
async fn forwarded_for_is_ignored_without_a_trusted_proxy() {
    let t = TestApp::sqlite_with(|c| c.login_max_per_address = 3).await;
    let mut statuses = Vec::new();
    for i in 0..5 {
        let email = format!("x{i}@example.org");
        let mut req = form_request(
            "/signin",
            &[("email", &email), ("password", "guess guess")],
            None,
        );
        req.headers_mut().insert(
            "x-forwarded-for",
            format!("203.0.113.{i}").parse().expect("hv"),
        );
        statuses.push(t.send(req).await.status);
    }
    assert_eq!(
        statuses[3..],
        [StatusCode::TOO_MANY_REQUESTS, StatusCode::TOO_MANY_REQUESTS],
        "{statuses:?}"
    );
    t.cleanup().await;
}

/// A symptoms share link, as its owner makes it; returns its path.
async fn share(t: &TestApp, p: &Person) -> String {
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/shares", p.id),
            r#"{"sections":["symptoms"],"days":7}"#,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let url = r.json()["url"].as_str().unwrap_or_default().to_owned();
    let path = url[url.find("/share/").expect("share url")..].to_owned();
    assert_eq!(t.get(&path, None).await.status, StatusCode::OK);
    path
}

async fn a_share_link_dies_when_its_owner_is_deleted(t: &TestApp) {
    let p = person(t, "leaving@example.org").await;
    let link = share(t, &p).await;
    let r = t
        .post_form(
            "/account/delete",
            &[("csrf", &p.csrf), ("password", PW), ("confirm", "yes")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(t.get(&link, None).await.status, StatusCode::NOT_FOUND);
}

/// Disabled by an admin through the page (as the probe did): the link is dead, and stays dead
/// when the account is enabled again.
async fn a_share_link_dies_when_an_admin_disables_the_owner(t: &TestApp) {
    let p = person(t, "disabled@example.org").await;
    let link = share(t, &p).await;
    t.add_user("root@example.org", PW, Role::Admin).await;
    let admin = t.signin("root@example.org", PW).await.cookie();
    let csrf = t.csrf(&admin).await;
    for verb in ["disable", "enable"] {
        let r = t
            .post_form(
                &format!("/admin/users/{}/{verb}", p.id),
                &[("csrf", &csrf)],
                Some(&admin),
            )
            .await;
        assert!(
            r.status == StatusCode::SEE_OTHER || r.status == StatusCode::OK,
            "{verb}: {} {}",
            r.status,
            r.body
        );
        assert_eq!(
            t.get(&link, None).await.status,
            StatusCode::NOT_FOUND,
            "after {verb}"
        );
    }
}

/// `POST /api/v1/patients/{id}/grants` answers the same for a clinician's address, a patient's
/// and one with no account (it used to be 201 for clinicians and 422 otherwise, which listed
/// the clinician accounts).
async fn granting_through_the_api_does_not_reveal_accounts(t: &TestApp) {
    let p = person(t, "granter@example.org").await;
    t.add_user("doc@example.org", PW, Role::Clinician).await;
    t.signup("other-patient@example.org", PW).await;
    let mut answers = Vec::new();
    for email in [
        "doc@example.org",
        "other-patient@example.org",
        "nobody@example.org",
    ] {
        let r = t
            .post_json(
                &format!("/api/v1/patients/{}/grants", p.id),
                &format!(r#"{{"email":"{email}"}}"#),
                Some(&p.bearer),
            )
            .await;
        let mut body = r.json();
        body["id"] = serde_json::Value::Null;
        body["email"] = serde_json::Value::Null;
        answers.push((r.status, body));
    }
    assert_eq!(answers[0].0, StatusCode::CREATED, "{answers:?}");
    assert!(
        answers.iter().all(|a| *a == answers[0]),
        "answers differ: {answers:?}"
    );
}
