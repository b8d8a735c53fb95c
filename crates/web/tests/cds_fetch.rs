//! CDS Hooks with `fhirAuthorization`: Myo reads the prefetch the EHR did not send from the
//! EHR's FHIR server. A FHIR server stand-in (an axum router on 127.0.0.1:0, started by each
//! test) records every request; the tests check that only the service's declared queries are
//! read, with the bearer token, that the fetched data changes the cards, and that a plain-http
//! server not on the list, an id that is not a FHIR id, a refused token and an answer over
//! the size limit or over the time limit read nothing (the "Not checked" card names what is missing), and that a
//! replayed token is refused before anything is read.

mod common;

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use axum::http::Uri;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use common::{Resp, TestApp, json_request};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use myo_web::interop::cds_auth::CdsClients;
use serde_json::{Value, json};

const ISS: &str = "https://ehr.example.org";
const BASE: &str = "https://myo.invalid";
const ES384: &[u8] = include_bytes!("fixtures/cds/ehr-es384.pk8.der");
const JWKS: &str = include_str!("fixtures/cds/ehr-jwks.json");
const ACCESS_TOKEN: &str = "stand-in-access-token-7c1e";

fn clients() -> CdsClients {
    let text = format!(
        "[[client]]\niss = \"{ISS}\"\njwks = '''{}'''\n",
        JWKS.replace('\n', "")
    );
    CdsClients::parse(&text, std::path::Path::new("."), "test").expect("clients")
}

fn token() -> String {
    let now = myo_store::Timestamp::now().as_millis() / 1000;
    let claims = json!({"iss": ISS, "aud": format!("{BASE}/cds-services/myo-order-sign"),
        "exp": now + 300, "iat": now, "jti": myo_store::token::random_hex(16)});
    let mut header = Header::new(Algorithm::ES384);
    header.kid = Some("ehr-es384".to_owned());
    jsonwebtoken::encode(&header, &claims, &EncodingKey::from_ec_der(ES384)).expect("sign")
}

/// What the stand-in saw: `(path and query, Authorization header)`.
type Seen = Arc<Mutex<Vec<(String, String)>>>;

fn med(id: &str, kind: &str, text: &str, rxcui: Option<&str>, unit: &str) -> Value {
    let coding: Vec<Value> = rxcui
        .map(|c| json!({"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": c}))
        .into_iter()
        .collect();
    let mut r = json!({"resourceType": kind, "id": id, "status": "active",
        "medicationCodeableConcept": {"text": text, "coding": coding},
        "subject": {"reference": "Patient/example"}});
    let dosage = json!([{"timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": unit}}}]);
    if kind == "MedicationRequest" {
        r["intent"] = json!("order");
        r["dosageInstruction"] = dosage;
    } else {
        r["dosage"] = dosage;
    }
    r
}

fn searchset(resources: &[Value]) -> Value {
    let entry: Vec<Value> = resources.iter().map(|r| json!({"resource": r})).collect();
    json!({"resourceType": "Bundle", "type": "searchset", "entry": entry})
}

/// The FHIR server stand-in: the patient's weekly methotrexate is a MedicationStatement only
/// the server knows; `/big/...` answers with more than Myo reads.
async fn fhir(State(seen): State<Seen>, uri: Uri, headers: HeaderMap) -> Response {
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let path = uri
        .path_and_query()
        .map_or(String::new(), ToString::to_string);
    seen.lock().unwrap().push((path.clone(), auth.clone()));
    if auth != format!("Bearer {ACCESS_TOKEN}") {
        return (StatusCode::UNAUTHORIZED, "no").into_response();
    }
    if path.starts_with("/slow/") {
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    }
    let body = if path.starts_with("/big/") {
        json!({"resourceType": "Bundle", "type": "searchset",
            "padding": "x".repeat(usize::try_from(myo_web::interop::prefetch::LIMIT).unwrap() + 10)})
    } else if path.contains("/Patient/") {
        json!({"resourceType": "Patient", "id": "example"})
    } else if path.contains("/MedicationStatement?") {
        searchset(&[med(
            "ms-1",
            "MedicationStatement",
            "methotrexate",
            Some("6851"),
            "wk",
        )])
    } else {
        searchset(&[])
    };
    (
        [("content-type", "application/fhir+json")],
        body.to_string(),
    )
        .into_response()
}

/// Starts the stand-in on a free port: its origin and what it saw.
async fn stand_in() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let app = Router::new().fallback(fhir).with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    (origin, seen)
}

async fn app(origin: &str, listed: bool) -> TestApp {
    let origin = origin.to_owned();
    TestApp::sqlite_with(move |c| {
        c.cds_clients = clients();
        if listed {
            c.cds_fhir_http_origins = vec![origin];
        }
        c.cds_fhir_timeout = std::time::Duration::from_millis(500);
    })
    .await
}

/// An `order-sign` call for co-trimoxazole with no prefetch, naming `server`.
fn call_body(server: &str, patient: &str, access_token: &str) -> Value {
    let bactrim = med(
        "mr-3",
        "MedicationRequest",
        "Bactrim DS (sulfamethoxazole/trimethoprim)",
        None,
        "d",
    );
    json!({
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "fhirServer": server,
        "fhirAuthorization": {"access_token": access_token, "token_type": "Bearer",
            "expires_in": 300, "scope": "patient/MedicationStatement.read", "subject": "myo"},
        "hook": "order-sign",
        "context": {"userId": "Practitioner/example", "patientId": patient,
            "draftOrders": searchset(&[bactrim])},
    })
}

/// [`call`] with [`call_body`]: the order-sign call naming `server`, `patient` and the token.
async fn call_server(t: &TestApp, server: &str, patient: &str, access_token: &str) -> Resp {
    call(t, &call_body(server, patient, access_token)).await
}

async fn call(t: &TestApp, body: &Value) -> Resp {
    let r = t
        .send(json_request(
            Method::POST,
            "/cds-services/myo-order-sign",
            &body.to_string(),
            Some(&token()),
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r
}

fn summaries(r: &Resp) -> Vec<String> {
    r.json()["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{}: {}",
                c["indicator"].as_str().unwrap(),
                c["summary"].as_str().unwrap()
            )
        })
        .collect()
}

fn warns_of_the_combination(r: &Resp) -> bool {
    summaries(r)
        .iter()
        .any(|s| s.starts_with("warning:") && s.contains("trimethoprim"))
}

fn not_checked(r: &Resp) -> bool {
    summaries(r).iter().any(|s| s.contains("Not checked"))
}

#[tokio::test]
async fn missing_prefetch_is_read_from_the_ehr_with_its_token() {
    let (origin, seen) = stand_in().await;
    let t = app(&origin, true).await;
    let r = call_server(&t, &format!("{origin}/fhir"), "example", ACCESS_TOKEN).await;
    // The methotrexate only the FHIR server knew about makes the combination card appear.
    assert!(warns_of_the_combination(&r), "{:?}", summaries(&r));
    assert!(!not_checked(&r), "{:?}", summaries(&r));
    let mut got = seen.lock().unwrap().clone();
    got.sort();
    let bearer = format!("Bearer {ACCESS_TOKEN}");
    assert_eq!(
        got,
        vec![
            (
                "/fhir/MedicationRequest?patient=example&status=active".to_owned(),
                bearer.clone()
            ),
            (
                "/fhir/MedicationStatement?patient=example&status=active".to_owned(),
                bearer.clone()
            ),
            ("/fhir/Patient/example".to_owned(), bearer),
        ],
        "only the declared queries"
    );
    // What was sent is not read again.
    seen.lock().unwrap().clear();
    let mut body = call_body(&format!("{origin}/fhir"), "example", ACCESS_TOKEN);
    body["prefetch"] = json!({"patient": {"resourceType": "Patient", "id": "example"},
        "medications": searchset(&[])});
    call(&t, &body).await;
    let got = seen.lock().unwrap().clone();
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].0.starts_with("/fhir/MedicationStatement?"),
        "{got:?}"
    );
    // The audit entry names the keys read, never their contents.
    let log = t.audit(50).await;
    let details = log
        .iter()
        .filter(|e| e.entry.action == "cds_fetch")
        .filter_map(|e| e.entry.details.clone())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        details.contains("\"fetched\":[\"statements\"]"),
        "{details}"
    );
    assert!(
        !details.contains("methotrexate") && !details.contains(ACCESS_TOKEN),
        "{details}"
    );
    // A replayed token is refused before anything is read from the EHR.
    seen.lock().unwrap().clear();
    let jwt = token();
    let body = call_body(&format!("{origin}/fhir"), "example", ACCESS_TOKEN).to_string();
    let send = || {
        json_request(
            Method::POST,
            "/cds-services/myo-order-sign",
            &body,
            Some(&jwt),
        )
    };
    assert_eq!(t.send(send()).await.status, StatusCode::OK);
    assert_eq!(seen.lock().unwrap().len(), 3);
    let replay = t.send(send()).await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED, "{}", replay.body);
    assert_eq!(seen.lock().unwrap().len(), 3, "the replay read nothing");
    t.cleanup().await;
}

#[tokio::test]
async fn nothing_is_read_from_servers_or_ids_that_are_not_allowed() {
    let (origin, seen) = stand_in().await;
    // A plain-http server that is not on the list: nothing is requested.
    let t = app(&origin, false).await;
    let r = call_server(&t, &format!("{origin}/fhir"), "example", ACCESS_TOKEN).await;
    assert!(
        !warns_of_the_combination(&r) && not_checked(&r),
        "{:?}",
        summaries(&r)
    );
    assert!(seen.lock().unwrap().is_empty());
    t.cleanup().await;

    let t = app(&origin, true).await;
    // A patient id that is not a FHIR id cannot change the query.
    let r = call_server(&t, &format!("{origin}/fhir"), "x&_id=other", ACCESS_TOKEN).await;
    assert!(not_checked(&r), "{:?}", summaries(&r));
    assert!(seen.lock().unwrap().is_empty());
    // The server refuses the token: the keys stay missing and say so.
    let r = call_server(&t, &format!("{origin}/fhir"), "example", "wrong-token").await;
    assert!(
        !warns_of_the_combination(&r) && not_checked(&r),
        "{:?}",
        summaries(&r)
    );
    assert_eq!(seen.lock().unwrap().len(), 3);
    // An answer over the size limit is not read.
    seen.lock().unwrap().clear();
    let r = call_server(&t, &format!("{origin}/big"), "example", ACCESS_TOKEN).await;
    assert!(
        !warns_of_the_combination(&r) && not_checked(&r),
        "{:?}",
        summaries(&r)
    );
    assert_eq!(seen.lock().unwrap().len(), 3);
    // A server slower than the time limit: the call answers anyway, without its data.
    seen.lock().unwrap().clear();
    let started = std::time::Instant::now();
    let r = call_server(&t, &format!("{origin}/slow"), "example", ACCESS_TOKEN).await;
    assert!(
        !warns_of_the_combination(&r) && not_checked(&r),
        "{:?}",
        summaries(&r)
    );
    assert!(
        started.elapsed() < std::time::Duration::from_millis(2900),
        "{:?}",
        started.elapsed()
    );
    // Credentials in the server URL: refused before any request.
    seen.lock().unwrap().clear();
    let with_user = origin.replace("http://", "http://user:pw@");
    let r = call_server(&t, &format!("{with_user}/fhir"), "example", ACCESS_TOKEN).await;
    assert!(not_checked(&r), "{:?}", summaries(&r));
    assert!(seen.lock().unwrap().is_empty());
    t.cleanup().await;
}
