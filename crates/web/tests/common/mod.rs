//! Test harness: an app over a fresh SQLite database per test (or a fresh PostgreSQL schema when
//! `MYO_TEST_POSTGRES_URL` is set), driven in-process with `oneshot` (no sockets).

#![allow(dead_code)] // each test binary uses a different part of this module

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use myo_store::{
    AuditEvent, AuditFilter, Location, NewUser, RedFlagRow, Role, Store, Timestamp, UserId,
};
use myo_web::{AppState, Config};
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use tower::ServiceExt;

/// Environment variable naming the PostgreSQL server for tests.
pub const PG_ENV: &str = "MYO_TEST_POSTGRES_URL";

/// A running app (in-process) and its database.
pub struct TestApp {
    pub app: Router,
    pub state: AppState,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    Schema { base_url: String, schema: String },
}

/// A response, read fully.
#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The first `Set-Cookie` value (`name=value`).
    pub fn cookie(&self) -> String {
        self.header("set-cookie")
            .split(';')
            .next()
            .unwrap_or("")
            .to_owned()
    }

    /// The CSRF token of the page's first form.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self.body.find(marker).expect("page has a csrf field") + marker.len();
        self.body[start..]
            .split('"')
            .next()
            .unwrap_or("")
            .to_owned()
    }
}

/// Default test configuration tweaks.
pub fn config(location: &Location, f: impl FnOnce(&mut Config)) -> Config {
    let mut c = Config::for_tests("sqlite://unused.db");
    c.database = location.clone();
    f(&mut c);
    c
}

impl TestApp {
    /// An app over a fresh SQLite file.
    pub async fn sqlite() -> TestApp {
        TestApp::sqlite_with(|_| {}).await
    }

    /// An app over a fresh SQLite file with a changed configuration.
    pub async fn sqlite_with(f: impl FnOnce(&mut Config)) -> TestApp {
        let dir = std::env::temp_dir().join(format!("myo-web-{}", myo_store::token::random_hex(8)));
        let location = Location::from_data_dir(&dir);
        TestApp::build(config(&location, f), Cleanup::Dir(dir)).await
    }

    /// An app over a fresh PostgreSQL schema, or `None` when no server is configured.
    pub async fn postgres(test: &str) -> Option<TestApp> {
        TestApp::postgres_with(test, |_| {}).await
    }

    /// As [`TestApp::postgres`], with a changed configuration.
    pub async fn postgres_with(test: &str, f: impl FnOnce(&mut Config)) -> Option<TestApp> {
        let Ok(base_url) = std::env::var(PG_ENV) else {
            eprintln!("{test}: PostgreSQL half skipped: {PG_ENV} is not set");
            return None;
        };
        let schema = format!("w_{}", myo_store::token::random_hex(8));
        let mut conn = PgConnection::connect(&base_url)
            .await
            .expect("connect to test PostgreSQL");
        sqlx::query(AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(&mut conn)
            .await
            .expect("create schema");
        conn.close().await.ok();
        let sep = if base_url.contains('?') { '&' } else { '?' };
        let location =
            Location::parse(&format!("{base_url}{sep}options[search_path]={schema}")).expect("url");
        Some(TestApp::build(config(&location, f), Cleanup::Schema { base_url, schema }).await)
    }

    async fn build(config: Config, cleanup: Cleanup) -> TestApp {
        let store = myo_web::open_store(&config).await.expect("open store");
        let state = AppState::new(config, store).expect("state");
        TestApp {
            app: myo_web::router(state.clone()),
            state,
            cleanup,
        }
    }

    pub fn store(&self) -> &dyn Store {
        self.state.store()
    }

    /// Sends one request from 127.0.0.1 (or `ip`).
    pub async fn send(&self, req: Request<Body>) -> Resp {
        self.send_from(req, "127.0.0.1").await
    }

    pub async fn send_from(&self, req: Request<Body>, ip: &str) -> Resp {
        send_on(self.app.clone(), req, ip).await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Resp {
        let mut b = Request::get(path);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::empty()).expect("request")).await
    }

    /// A same-origin form POST, as a browser sends it.
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Resp {
        self.send(form_request(path, form, cookie)).await
    }

    pub async fn post_json(&self, path: &str, body: &str, bearer: Option<&str>) -> Resp {
        self.send(json_request(Method::POST, path, body, bearer))
            .await
    }

    pub async fn api(&self, method: Method, path: &str, bearer: Option<&str>) -> Resp {
        let mut b = Request::builder().method(method).uri(path);
        if let Some(t) = bearer {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        self.send(b.body(Body::empty()).expect("request")).await
    }

    /// Signs up, then signs in, through the pages; returns the session cookie (`name=value`).
    pub async fn signup(&self, email: &str, password: &str) -> String {
        let r = self
            .post_form(
                "/signup",
                &[
                    ("email", email),
                    ("display_name", "Test"),
                    ("password", password),
                    ("password_confirm", password),
                ],
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        // No browser time zone is sent here (as without JavaScript): the account keeps no zone,
        // "today" is UTC's and the tracker asks the person to confirm one.
        assert_eq!(r.header("location"), NO_ZONE_SIGNED_UP);
        assert!(
            r.header("set-cookie").is_empty(),
            "sign-up does not sign in"
        );
        let r = self.signin(email, password).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        r.cookie()
    }

    /// Signs in through the page; returns the response.
    pub async fn signin(&self, email: &str, password: &str) -> Resp {
        self.post_form("/signin", &[("email", email), ("password", password)], None)
            .await
    }

    /// The CSRF token for a session (read from the account page).
    pub async fn csrf(&self, cookie: &str) -> String {
        let page = self.get("/account", Some(cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        page.csrf()
    }

    /// Creates an account directly in the store (e.g. an admin).
    pub async fn add_user(&self, email: &str, password: &str, role: Role) -> UserId {
        let id = UserId::random();
        let user = NewUser {
            id: id.clone(),
            email: email.to_owned(),
            password_hash: myo_store::password::hash(password).expect("hash"),
            role,
            display_name: String::new(),
            created_at: Timestamp::now(),
        };
        let audit = myo_store::AuditEntry::new(
            Timestamp::now(),
            "create",
            "user",
            Some(id.as_str()),
            myo_store::Outcome::Success,
        );
        self.store()
            .create_user(&user, &audit)
            .await
            .expect("create user");
        id
    }

    /// Creates an API token through the account page; returns the secret.
    pub async fn token(&self, cookie: &str, name: &str) -> String {
        let csrf = self.csrf(cookie).await;
        let r = self
            .post_form(
                "/account/tokens",
                &[("csrf", &csrf), ("name", name)],
                Some(cookie),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let marker = "id=\"new-token\" value=\"";
        let start = r.body.find(marker).expect("token shown") + marker.len();
        r.body[start..].split('"').next().unwrap_or("").to_owned()
    }

    /// The newest `limit` audit events, from the store.
    pub async fn audit(&self, limit: u32) -> Vec<AuditEvent> {
        self.store()
            .list_audit(&AuditFilter {
                limit,
                ..AuditFilter::default()
            })
            .await
            .expect("audit")
    }

    /// The patient's red flags not yet marked as dealt with, from the store.
    pub async fn open_red_flags(&self, patient: &str) -> Vec<RedFlagRow> {
        self.store()
            .list_red_flags(&UserId(patient.to_owned()), true)
            .await
            .expect("flags")
    }

    /// Removes the database.
    pub async fn cleanup(self) {
        self.state.store().close().await;
        match self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Schema { base_url, schema } => {
                if let Ok(mut conn) = PgConnection::connect(&base_url).await {
                    let _ = sqlx::query(AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                        .execute(&mut conn)
                        .await;
                    conn.close().await.ok();
                }
            }
        }
    }
}

/// Sends one request from `ip` to `app` (a clone of [`TestApp::app`], so tasks can share it).
pub async fn send_on(app: Router, mut req: Request<Body>, ip: &str) -> Resp {
    let addr: SocketAddr = format!("{ip}:40000").parse().expect("ip");
    req.extensions_mut().insert(ConnectInfo(addr));
    let res = app.oneshot(req).await.expect("infallible");
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    Resp {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// Percent-encodes a form value.
pub fn enc(s: &str) -> String {
    myo_web::security::url::encode(s)
}

pub fn form_request(path: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Request<Body> {
    let body: Vec<String> = form
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect();
    let mut b = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::from(body.join("&"))).expect("request")
}

pub fn json_request(method: Method, path: &str, body: &str, bearer: Option<&str>) -> Request<Body> {
    let mut b = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = bearer {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    b.body(Body::from(body.to_owned())).expect("request")
}

/// Where sign-up sends the person when the browser gave a zone the database knows: sign in,
/// then the tracker.
pub const SIGNED_UP: &str = "/signin?done=signed-up&next=/tracker";

/// Where sign-up sends the person without a (known) browser time zone: sign in, with a notice
/// that the zone is not known, then the tracker.
pub const NO_ZONE_SIGNED_UP: &str = "/signin?done=signed-up-no-zone&next=/tracker";

/// The password every test account uses.
pub const PW: &str = "correct horse battery";

/// A signed-up patient: cookie, id, CSRF token and an API token.
pub struct Person {
    pub cookie: String,
    pub id: String,
    pub csrf: String,
    pub bearer: String,
}

/// Signs up a patient and opens their tracker: the person's cookie, id, CSRF token and token.
pub async fn person(t: &TestApp, email: &str) -> Person {
    let cookie = t.signup(email, PW).await;
    let r = t.get("/tracker", Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = r
        .header("location")
        .trim_start_matches("/patients/")
        .to_owned();
    let csrf = t.csrf(&cookie).await;
    let bearer = t.token(&cookie, "tracker").await;
    Person {
        cookie,
        id,
        csrf,
        bearer,
    }
}

/// The patient `p` gives `email` access to their records through the sharing page
/// (`relation`: `carer` or `clinician`; `access`: `read` or `write`); returns the page.
pub async fn grant(t: &TestApp, p: &Person, email: &str, relation: &str, access: &str) -> String {
    let r = t
        .post_form(
            &format!("/patients/{}/grants", p.id),
            &[
                ("csrf", &p.csrf),
                ("email", email),
                ("relation", relation),
                ("access", access),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body
}

/// The medicine form: `amount` mg of `name` by mouth on schedule `kind` (at 08:00; on Fridays
/// when weekly), from 2026-01-05.
pub fn med_form<'a>(
    p: &'a Person,
    name: &'a str,
    amount: &'a str,
    kind: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", p.csrf.as_str()),
        ("name", name),
        ("dose_amount", amount),
        ("dose_unit", "mg"),
        ("route", "oral"),
        ("schedule_kind", kind),
        ("time", "08:00"),
        ("day", "friday"),
        ("start", "2026-01-05"),
    ]
}

/// A FHIR `collection` Bundle of `resources`, as JSON text.
pub fn fhir_bundle(resources: Vec<serde_json::Value>) -> String {
    let entry: Vec<serde_json::Value> = resources
        .into_iter()
        .map(|r| serde_json::json!({"resource": r}))
        .collect();
    serde_json::json!({"resourceType": "Bundle", "type": "collection", "entry": entry}).to_string()
}

/// The `count` of the patient's records of `kind` (`labs`, `medicines`, ...) through the API.
pub async fn record_count(t: &TestApp, p: &Person, kind: &str) -> u64 {
    let r = t
        .api(
            Method::GET,
            &format!("/api/v1/patients/{}/{kind}", p.id),
            Some(&p.bearer),
        )
        .await;
    r.json()["count"].as_u64().unwrap()
}

/// Declares each listed `async fn case(t: &TestApp)` as two tests, `sqlite::case` and
/// `postgres::case` (the second skipped without `MYO_TEST_POSTGRES_URL`).
#[macro_export]
macro_rules! on_both_apps {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let t = $crate::common::TestApp::sqlite().await;
                    super::$case(&t).await;
                    t.cleanup().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    if let Some(t) = $crate::common::TestApp::postgres(stringify!($case)).await {
                        super::$case(&t).await;
                        t.cleanup().await;
                    }
                }
            )*
        }
    };
}
