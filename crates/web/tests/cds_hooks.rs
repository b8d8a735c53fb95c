//! CDS Hooks services end to end: an EHR stand-in signs a JWT for each call (ES384 or
//! RS384, test-only keys in `fixtures/cds`), sends requests shaped like the CDS Hooks 2.0
//! specification's examples, and checks the cards against the specification's JSON shapes.
//! Adversarial tokens: `alg: none`, HMAC with the public key, wrong key, unknown `kid`,
//! expired, issued in the future, replayed `jti` (also in parallel), wrong `aud`, unknown `iss`.

mod common;

use axum::http::{Method, StatusCode};
use common::{Resp, TestApp, json_request};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use myo_store::AuditFilter;
use myo_web::interop::cds_auth::CdsClients;
use serde_json::{Value, json};

const ISS: &str = "https://ehr.example.org";
const BASE: &str = "https://myo.invalid";
const ES384: &[u8] = include_bytes!("fixtures/cds/ehr-es384.pk8.der");
const RS384: &[u8] = include_bytes!("fixtures/cds/ehr-rs384.pkcs1.der");
const OTHER: &[u8] = include_bytes!("fixtures/cds/other-es384.pk8.der");
const JWKS: &str = include_str!("fixtures/cds/ehr-jwks.json");

fn clients() -> CdsClients {
    let text = format!(
        "[[client]]\niss = \"{ISS}\"\njwks = '''{}'''\n",
        JWKS.replace('\n', "")
    );
    CdsClients::parse(&text, std::path::Path::new("."), "test").expect("clients")
}

async fn app() -> TestApp {
    TestApp::sqlite_with(|c| c.cds_clients = clients()).await
}

fn now() -> i64 {
    myo_store::Timestamp::now().as_millis() / 1000
}

/// A token as the EHR stand-in signs it; `f` adjusts the claims.
fn token_with(alg: Algorithm, key: &EncodingKey, kid: &str, f: impl FnOnce(&mut Value)) -> String {
    let mut claims = json!({
        "iss": ISS,
        "aud": format!("{BASE}/cds-services/myo-order-sign"),
        "exp": now() + 300,
        "iat": now(),
        "jti": myo_store::token::random_hex(16),
    });
    f(&mut claims);
    let mut header = Header::new(alg);
    header.kid = Some(kid.to_owned());
    jsonwebtoken::encode(&header, &claims, key).expect("sign")
}

fn es384(f: impl FnOnce(&mut Value)) -> String {
    token_with(
        Algorithm::ES384,
        &EncodingKey::from_ec_der(ES384),
        "ehr-es384",
        f,
    )
}

fn for_service(id: &str) -> impl FnOnce(&mut Value) {
    let aud = format!("{BASE}/cds-services/{id}");
    move |c: &mut Value| c["aud"] = json!(aud)
}

async fn call(t: &TestApp, service: &str, body: &Value, token: Option<&str>) -> Resp {
    let path = format!("/cds-services/{service}");
    t.send(json_request(Method::POST, &path, &body.to_string(), token))
        .await
}

fn med_request(id: &str, text: &str, rxcui: Option<&str>, timing: Value) -> Value {
    let coding: Vec<Value> = rxcui
        .map(|c| json!({"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": c, "display": text}))
        .into_iter()
        .collect();
    json!({"resourceType": "MedicationRequest", "id": id, "status": "draft", "intent": "order",
        "medicationCodeableConcept": {"text": text, "coding": coding},
        "subject": {"reference": "Patient/example"},
        "dosageInstruction": [{"timing": timing}]})
}

fn daily() -> Value {
    json!({"repeat": {"frequency": 1, "period": 1, "periodUnit": "d"}})
}

fn weekly() -> Value {
    json!({"repeat": {"frequency": 1, "period": 1, "periodUnit": "wk"}})
}

fn bundle(resources: &[Value]) -> Value {
    let entry: Vec<Value> = resources.iter().map(|r| json!({"resource": r})).collect();
    json!({"resourceType": "Bundle", "type": "searchset", "entry": entry})
}

/// An `order-sign` request like the specification's example (context with `draftOrders`).
fn order_sign(orders: &[Value], active: &[Value]) -> Value {
    json!({
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "fhirServer": "https://ehr.example.org/fhir",
        "hook": "order-sign",
        "context": {"userId": "Practitioner/example", "patientId": "example",
            "encounterId": "89284", "draftOrders": bundle(orders)},
        "prefetch": {"patient": {"resourceType": "Patient", "id": "example"},
            "medications": bundle(active), "statements": null}
    })
}

/// Checks the response against the specification's shapes and Myo's own rules: every card
/// has a uuid, a source with label and url, and the statement that Myo does not prescribe.
fn cards_of(r: &Resp) -> Vec<Value> {
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let body = r.json();
    let shape = myo_fhir::cds_shape::response(&body);
    assert!(shape.is_empty(), "{shape:?}");
    let typed: myo_fhir::cds_hooks::Response = serde_json::from_value(body.clone()).unwrap();
    assert!(typed.violations().is_empty(), "{:?}", typed.violations());
    let cards = body["cards"].as_array().unwrap().clone();
    for c in &cards {
        assert!(c["uuid"].as_str().is_some_and(|u| u.len() == 36), "{c}");
        assert!(
            c["source"]["url"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://")),
            "{c}"
        );
        assert!(
            c["detail"].as_str().unwrap().contains("does not prescribe"),
            "{c}"
        );
    }
    cards
}

fn with(cards: &[Value], indicator: &str) -> Vec<Value> {
    cards
        .iter()
        .filter(|c| c["indicator"] == indicator)
        .cloned()
        .collect()
}

#[tokio::test]
async fn discovery_lists_the_services_with_prefetch() {
    let t = app().await;
    let r = t.get("/cds-services", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let body = r.json();
    assert!(myo_fhir::cds_shape::discovery(&body).is_empty());
    let hooks: Vec<&str> = body["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["hook"].as_str().unwrap())
        .collect();
    assert_eq!(hooks, ["patient-view", "order-select", "order-sign"]);
    for s in body["services"].as_array().unwrap() {
        assert!(s["title"].is_string() && s["description"].is_string());
        assert!(s["prefetch"]["patient"] == "Patient/{{context.patientId}}");
    }
    t.cleanup().await;
}

#[tokio::test]
async fn daily_methotrexate_is_critical_with_the_weekly_order() {
    let t = app().await;
    for (name, timing) in [
        ("Methotrexate 2.5 MG Oral Tablet", daily()),
        (
            "Trexall",
            json!({"repeat": {"frequency": 1, "period": 3, "periodUnit": "d"}}),
        ),
        (
            "MTX",
            json!({"repeat": {"frequency": 2, "period": 1, "periodUnit": "wk"}}),
        ),
    ] {
        let body = order_sign(&[med_request("mr-1", name, None, timing)], &[]);
        let cards = cards_of(&call(&t, "myo-order-sign", &body, Some(&es384(|_| {}))).await);
        let critical = with(&cards, "critical");
        assert_eq!(critical.len(), 1, "{name}: {cards:?}");
        let action = &critical[0]["suggestions"][0]["actions"][0];
        assert_eq!(action["type"], "update");
        assert_eq!(
            action["resource"]["dosageInstruction"][0]["timing"]["repeat"]["periodUnit"],
            "wk"
        );
        assert_eq!(action["resource"]["id"], "mr-1");
        // No folic acid among the orders or medicines: an info card too.
        assert_eq!(with(&cards, "info").len(), 1, "{cards:?}");
    }
    t.cleanup().await;
}

#[tokio::test]
async fn weekly_methotrexate_with_folic_acid_gives_no_card() {
    let t = app().await;
    let folic = med_request("ms-1", "Folic acid 1 MG Oral Tablet", Some("4511"), daily());
    let body = order_sign(
        &[med_request("mr-1", "methotrexate", Some("6851"), weekly())],
        &[folic],
    );
    let cards = cards_of(&call(&t, "myo-order-sign", &body, Some(&es384(|_| {}))).await);
    assert!(cards.is_empty(), "{cards:?}");
    t.cleanup().await;
}

#[tokio::test]
async fn dangerous_combinations_warn() {
    let t = app().await;
    let tacrolimus = med_request("ms-1", "Tacrolimus 1 MG Oral Capsule", None, daily());
    let paxlovid = med_request(
        "mr-2",
        "nirmatrelvir 150 MG / ritonavir 100 MG (Paxlovid)",
        None,
        daily(),
    );
    let body = order_sign(&[paxlovid], &[tacrolimus]);
    let cards = cards_of(&call(&t, "myo-order-sign", &body, Some(&es384(|_| {}))).await);
    let warnings = with(&cards, "warning");
    assert!(
        warnings
            .iter()
            .any(|c| c["summary"].as_str().unwrap().contains("ritonavir")),
        "{cards:?}"
    );
    let mtx = med_request("ms-2", "methotrexate", Some("6851"), weekly());
    let bactrim = med_request(
        "mr-3",
        "Bactrim DS (sulfamethoxazole/trimethoprim)",
        None,
        daily(),
    );
    let body = order_sign(&[bactrim], &[mtx]);
    let cards = cards_of(&call(&t, "myo-order-sign", &body, Some(&es384(|_| {}))).await);
    assert!(
        with(&cards, "warning")
            .iter()
            .any(|c| c["summary"].as_str().unwrap().contains("trimethoprim")),
        "{cards:?}"
    );
    t.cleanup().await;
}

#[tokio::test]
async fn order_select_checks_the_selected_orders_and_names_what_was_not_sent() {
    let t = app().await;
    let mut body = order_sign(
        &[
            med_request("mr-1", "methotrexate", None, daily()),
            med_request("mr-2", "amoxicillin", None, daily()),
        ],
        &[],
    );
    body["hook"] = json!("order-select");
    body["context"]["selections"] = json!(["MedicationRequest/mr-2"]);
    body["prefetch"] = json!({});
    let token = es384(for_service("myo-order-select"));
    let cards = cards_of(&call(&t, "myo-order-select", &body, Some(&token)).await);
    assert!(with(&cards, "critical").is_empty(), "{cards:?}");
    assert!(
        cards.iter().any(|c| c["summary"]
            .as_str()
            .unwrap()
            .starts_with("Not checked: medications, statements")),
        "{cards:?}"
    );
    body["context"]["selections"] = json!(["MedicationRequest/mr-1"]);
    let token = es384(for_service("myo-order-select"));
    let cards = cards_of(&call(&t, "myo-order-select", &body, Some(&token)).await);
    assert_eq!(with(&cards, "critical").len(), 1, "{cards:?}");
    // A hookInstance that is not an id is a 400 naming it.
    let mut long = body.clone();
    long["hookInstance"] = json!("x".repeat(500));
    let token = es384(for_service("myo-order-select"));
    let r = call(&t, "myo-order-select", &long, Some(&token)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"]["field"], "hookInstance");
    // The wrong hook for the service is a 400 naming the field.
    body["hook"] = json!("order-sign");
    let token = es384(for_service("myo-order-select"));
    let r = call(&t, "myo-order-select", &body, Some(&token)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"]["field"], "hook");
    t.cleanup().await;
}

fn observation(loinc: &str, date: &str, value: Value) -> Value {
    let mut obs = json!({"resourceType": "Observation", "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": loinc}]},
        "subject": {"reference": "Patient/example"}, "effectiveDateTime": date});
    obs.as_object_mut()
        .unwrap()
        .extend(value.as_object().unwrap().clone());
    obs
}

fn days_ago(n: i32) -> String {
    let today = myo_tracker::Date::parse("d", &myo_web::today().to_string()).unwrap();
    today.add_days(-n).to_string()
}

/// A `patient-view` request like the specification's example.
fn patient_view(prefetch: Value) -> Value {
    json!({
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "fhirServer": "http://hooks.smarthealthit.org:9080",
        "hook": "patient-view",
        "fhirAuthorization": {"access_token": "some-opaque-fhir-access-token",
            "token_type": "Bearer", "expires_in": 300, "scope": "user/Patient.read user/Observation.read",
            "subject": "cds-service4"},
        "context": {"userId": "Practitioner/example", "patientId": "1288992", "encounterId": "89284"},
        "prefetch": prefetch
    })
}

#[tokio::test]
async fn patient_view_cards_for_monitoring_antibodies_and_screening() {
    let t = app().await;
    let mtx = json!({"resourceType": "MedicationStatement", "status": "active",
        "medicationCodeableConcept": {"text": "Methotrexate 2.5 mg tablets"},
        "subject": {"reference": "Patient/1288992"},
        "effectivePeriod": {"start": days_ago(400)}});
    let labs = bundle(&[
        observation(
            "1742-6",
            &days_ago(200),
            json!({"valueQuantity": {"value": 30, "unit": "U/L", "code": "U/L"}}),
        ),
        observation(
            "82424-3",
            &days_ago(300),
            json!({"valueCodeableConcept": {"coding": [{"system": "http://loinc.org", "code": "LA6576-8"}], "text": "Positive"}}),
        ),
        observation(
            "82448-2",
            &days_ago(300),
            json!({"valueCodeableConcept": {"text": "positive"}}),
        ),
        observation(
            "82426-8",
            &days_ago(300),
            json!({"valueCodeableConcept": {"text": "Negative"}}),
        ),
    ]);
    let dm = json!({"resourceType": "Condition",
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": "396230008"}], "text": "Dermatomyositis"},
        "subject": {"reference": "Patient/1288992"}});
    let prefetch = json!({
        "patient": {"resourceType": "Patient", "id": "1288992", "gender": "female", "birthDate": "1970-05-01"},
        "medications": null,
        "statements": bundle(&[mtx]),
        "labs": labs,
        "conditions": bundle(&[dm]),
    });
    let token = es384(for_service("myo-patient-view"));
    let cards = cards_of(
        &call(
            &t,
            "myo-patient-view",
            &patient_view(prefetch),
            Some(&token),
        )
        .await,
    );
    let summaries: Vec<&str> = cards
        .iter()
        .map(|c| c["summary"].as_str().unwrap())
        .collect();
    // Monitoring: liver tests last 200 days ago (every 12 weeks by now), others never.
    let monitoring = cards
        .iter()
        .find(|c| c["summary"].as_str().unwrap().starts_with("methotrexate:"))
        .unwrap_or_else(|| panic!("{summaries:?}"));
    let detail = monitoring["detail"].as_str().unwrap();
    assert!(
        detail.contains("liver tests") && detail.contains("OVERDUE"),
        "{detail}"
    );
    assert!(detail.contains("BSR and BHPR 2017"), "{detail}");
    assert!(detail.contains("not yet verified"), "{detail}");
    assert_eq!(monitoring["indicator"], "warning");
    assert!(monitoring["links"][0]["url"] == format!("{BASE}/kb/methotrexate"));
    // Anti-MDA5: a lung warning linking the antibody page; NXP2 negative gives no card.
    let mda5 = cards
        .iter()
        .find(|c| c["summary"].as_str().unwrap().starts_with("anti-MDA5"))
        .unwrap_or_else(|| panic!("{summaries:?}"));
    assert_eq!(mda5["indicator"], "warning");
    assert!(mda5["summary"].as_str().unwrap().contains("lung"));
    assert_eq!(mda5["links"][0]["url"], format!("{BASE}/kb/anti-mda5"));
    assert!(
        !summaries.iter().any(|s| s.contains("NXP2")),
        "{summaries:?}"
    );
    // IMACS 2023: partial, a warning because anti-TIF1-gamma is positive.
    let imacs = cards
        .iter()
        .find(|c| c["summary"].as_str().unwrap().contains("IMACS 2023"))
        .unwrap_or_else(|| panic!("{summaries:?}"));
    assert!(imacs["summary"].as_str().unwrap().contains("(partial)"));
    assert_eq!(imacs["indicator"], "warning");
    assert!(
        imacs["detail"]
            .as_str()
            .unwrap()
            .contains("not yet verified")
    );
    assert!(
        imacs["source"]["url"]
            .as_str()
            .unwrap()
            .contains("10.1038/s41584-023-01045-w")
    );
    // Everything was sent: no "not checked" card.
    assert!(!summaries.iter().any(|s| s.starts_with("Not checked")));
    t.cleanup().await;
}

#[tokio::test]
async fn patient_view_reports_what_it_could_not_check() {
    let t = app().await;
    let mtx = json!({"resourceType": "MedicationRequest", "status": "active",
        "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "6851"}]}});
    let token = es384(for_service("myo-patient-view"));
    let body = patient_view(json!({"medications": bundle(&[mtx])}));
    let cards = cards_of(&call(&t, "myo-patient-view", &body, Some(&token)).await);
    let summaries: Vec<&str> = cards
        .iter()
        .map(|c| c["summary"].as_str().unwrap())
        .collect();
    assert!(
        summaries.contains(&"methotrexate: monitoring not checked, no start date was sent"),
        "{summaries:?}"
    );
    assert!(
        summaries.contains(&"Not checked: patient, statements, labs, conditions not sent"),
        "{summaries:?}"
    );
    // A context without patientId is a 400 naming it.
    let mut bad = patient_view(json!({}));
    bad["context"] = json!({"userId": "Practitioner/example"});
    let token = es384(for_service("myo-patient-view"));
    let r = call(&t, "myo-patient-view", &bad, Some(&token)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("patientId"), "{}", r.body);
    t.cleanup().await;
}

const ALG_NONE: &str = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJodHRwczovL2Voci5leGFtcGxlLm9yZyIsImF1ZCI6Imh0dHBzOi8vbXlvLmludmFsaWQvY2RzLXNlcnZpY2VzL215by1vcmRlci1zaWduIiwiZXhwIjo5OTk5OTk5OTk5LCJpYXQiOjEsImp0aSI6Im5vbmUifQ.";

fn reason(r: &Resp) -> String {
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    assert_eq!(r.header("www-authenticate"), "Bearer");
    r.json()["error"]["message"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn adversarial_tokens_are_refused_with_clear_401s() {
    let t = app().await;
    let body = order_sign(&[med_request("mr-1", "methotrexate", None, daily())], &[]);
    let public_jwk = serde_json::from_str::<Value>(JWKS).unwrap()["keys"][0].to_string();
    let cases: Vec<(&str, Option<String>, &str)> = vec![
        ("no token", None, "send the EHR's signed JWT"),
        (
            "alg none",
            Some(ALG_NONE.to_owned()),
            "not a JWT signed with an accepted",
        ),
        (
            "HMAC with the public key",
            Some(token_with(
                Algorithm::HS256,
                &EncodingKey::from_secret(public_jwk.as_bytes()).expect("hmac key"),
                "ehr-es384",
                |_| {},
            )),
            "not a JWT signed with an accepted",
        ),
        (
            "wrong key",
            Some(token_with(
                Algorithm::ES384,
                &EncodingKey::from_ec_der(OTHER),
                "ehr-es384",
                |_| {},
            )),
            "signature does not verify",
        ),
        (
            "unknown kid",
            Some(token_with(
                Algorithm::ES384,
                &EncodingKey::from_ec_der(ES384),
                "rotated-away",
                |_| {},
            )),
            "signature does not verify",
        ),
        (
            "expired",
            Some(es384(|c| {
                c["exp"] = json!(now() - 600);
                c["iat"] = json!(now() - 900);
            })),
            "expired",
        ),
        (
            "issued in the future",
            Some(es384(|c| {
                c["iat"] = json!(now() + 600);
                c["exp"] = json!(now() + 900);
            })),
            "expired",
        ),
        (
            "a year-long token",
            Some(es384(|c| c["exp"] = json!(now() + 365 * 86_400))),
            "expired",
        ),
        (
            "no exp",
            Some(es384(|c| {
                c.as_object_mut().unwrap().remove("exp");
            })),
            "expired",
        ),
        (
            "wrong aud",
            Some(es384(|c| c["aud"] = json!(format!("{BASE}/cds-services")))),
            "aud must be https://myo.invalid/cds-services/myo-order-sign",
        ),
        (
            "another service's aud",
            Some(es384(for_service("myo-patient-view"))),
            "aud must be",
        ),
        (
            "unknown iss",
            Some(es384(|c| c["iss"] = json!("https://evil.example"))),
            "issuer is not an allowed CDS client",
        ),
        (
            "no jti",
            Some(es384(|c| {
                c.as_object_mut().unwrap().remove("jti");
            })),
            "jti is missing",
        ),
        (
            "a jku that is not the client's",
            Some({
                let mut header = Header::new(Algorithm::ES384);
                header.kid = Some("ehr-es384".into());
                header.jku = Some("https://evil.example/jwks.json".into());
                let claims = json!({"iss": ISS, "aud": format!("{BASE}/cds-services/myo-order-sign"),
                    "exp": now() + 300, "iat": now(), "jti": "jku-case"});
                jsonwebtoken::encode(&header, &claims, &EncodingKey::from_ec_der(ES384)).unwrap()
            }),
            "jku",
        ),
        ("garbage", Some("not.a.jwt".to_owned()), "not a JWT"),
    ];
    for (case, token, expected) in cases {
        let r = call(&t, "myo-order-sign", &body, token.as_deref()).await;
        let message = reason(&r);
        assert!(message.contains(expected), "{case}: {message}");
        assert!(!r.body.contains("critical"), "{case}: cards leaked");
    }
    // RS384 from the same client verifies.
    let rs = token_with(
        Algorithm::RS384,
        &EncodingKey::from_rsa_der(RS384),
        "ehr-rs384",
        |_| {},
    );
    assert_eq!(
        call(&t, "myo-order-sign", &body, Some(&rs)).await.status,
        StatusCode::OK
    );
    // Refusals are audited as denied.
    let log = t.store().list_audit(&AuditFilter::default()).await.unwrap();
    let denied = log
        .iter()
        .filter(|e| e.entry.action == "cds_call" && e.entry.outcome.as_str() == "denied")
        .count();
    assert!(denied >= 15, "{denied}");
    t.cleanup().await;
}

async fn replay_case(t: &TestApp) {
    let body = order_sign(&[med_request("mr-1", "methotrexate", None, weekly())], &[]);
    let token = es384(|_| {});
    let first = call(t, "myo-order-sign", &body, Some(&token)).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let again = call(t, "myo-order-sign", &body, Some(&token)).await;
    assert!(reason(&again).contains("replay"));
    // The same fresh token sent eight times at once is accepted exactly once.
    let token = es384(|_| {});
    let sends = (0..8).map(|_| call(t, "myo-order-sign", &body, Some(&token)));
    let results = join_all(sends.collect()).await;
    let statuses: Vec<StatusCode> = results.iter().map(|r| r.status).collect();
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let replays = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert_eq!((ok, replays), (1, 7), "{statuses:?}");
    // Each accepted call is audited with the hook and card count, and no patient data.
    let log = t.store().list_audit(&AuditFilter::default()).await.unwrap();
    let calls: Vec<_> = log
        .iter()
        .filter(|e| e.entry.action == "cds_call" && e.entry.outcome.as_str() == "success")
        .collect();
    assert_eq!(calls.len(), 2);
    let details = calls[0].entry.details.as_deref().unwrap();
    assert!(
        details.contains("\"hook\":\"order-sign\"") && details.contains(ISS),
        "{details}"
    );
    assert!(
        !details.contains("example") || details.contains(ISS),
        "{details}"
    );
    assert!(calls[0].entry.patient_id.is_none());
}

/// Polls every future together (no extra dependency), so the sends interleave.
async fn join_all<F: std::future::Future<Output = Resp>>(futures: Vec<F>) -> Vec<Resp> {
    let mut pinned: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut results: Vec<Option<Resp>> = (0..pinned.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in pinned.iter_mut().enumerate() {
            if results[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(r) => results[i] = Some(r),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    results.into_iter().map(|r| r.expect("done")).collect()
}

#[tokio::test]
async fn a_token_is_used_once_sqlite() {
    let t = app().await;
    replay_case(&t).await;
    t.cleanup().await;
}

#[tokio::test]
async fn a_token_is_used_once_postgres() {
    let Some(t) = TestApp::postgres_with("a_token_is_used_once_postgres", |c| {
        c.cds_clients = clients();
    })
    .await
    else {
        return;
    };
    replay_case(&t).await;
    t.cleanup().await;
}

#[tokio::test]
async fn without_configured_clients_every_call_is_refused() {
    let t = TestApp::sqlite().await;
    let body = order_sign(&[med_request("mr-1", "methotrexate", None, daily())], &[]);
    let r = call(&t, "myo-order-sign", &body, Some(&es384(|_| {}))).await;
    assert!(reason(&r).contains("no CDS client is configured"));
    let r = t
        .send(json_request(
            Method::POST,
            "/cds-services/myo-order-sign/feedback",
            "{\"feedback\": []}",
            Some(&es384(|_| {})),
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // Unknown service: 404 before any token check.
    let r = call(&t, "nope", &body, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    t.cleanup().await;
}

#[tokio::test]
async fn feedback_is_accepted_checked_and_audited() {
    let t = app().await;
    let path = "/cds-services/myo-order-sign/feedback";
    let feedback = json!({"feedback": [{"card": "9368d37b-283f-44a0-93ea-547cebab93ff",
        "outcome": "overridden",
        "overrideReason": {"userComment": "patient already on weekly dosing"},
        "outcomeTimestamp": "2026-12-07T10:00:00Z"}]});
    let aud = |c: &mut Value| c["aud"] = json!(format!("{BASE}{path}"));
    let r = t
        .send(json_request(
            Method::POST,
            path,
            &feedback.to_string(),
            Some(&es384(aud)),
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let log = t.store().list_audit(&AuditFilter::default()).await.unwrap();
    let entry = log
        .iter()
        .find(|e| e.entry.action == "cds_feedback")
        .expect("feedback audited");
    let details = entry.entry.details.as_deref().unwrap();
    assert!(
        details.contains("overridden") && details.contains("9368d37b"),
        "{details}"
    );
    // The free-text comment is not stored.
    assert!(!details.contains("weekly dosing"), "{details}");
    let bad = json!({"feedback": [{"card": "x", "outcome": "ignored"}]});
    let r = t
        .send(json_request(
            Method::POST,
            path,
            &bad.to_string(),
            Some(&es384(aud)),
        ))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.json()["error"]["field"]
            .as_str()
            .unwrap()
            .starts_with("feedback[0]")
    );
    t.cleanup().await;
}
