//! The JSON API: every route, its failure paths, and the OpenAPI document against the router.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{TestApp, json_request};
use serde_json::{Value, json};

fn case(input: Value) -> String {
    input.to_string()
}

fn eular_case_a() -> Value {
    json!({
        "age_at_onset_years": 45, "proximal_upper_weakness": true, "proximal_lower_weakness": true,
        "neck_flexors_weaker_than_extensors": false, "proximal_legs_weaker_than_distal": false,
        "heliotrope_rash": true, "gottrons_papules": true, "gottrons_sign": false, "dysphagia": false,
        "anti_jo1": false, "elevated_muscle_enzymes": true, "finger_flexor_weakness": false,
        "no_response_to_treatment": false, "muscle_biopsy": null
    })
}

#[tokio::test]
async fn score_matches_the_library_and_explains_items() {
    let t = TestApp::sqlite().await;
    let r = t
        .post_json("/api/v1/score/eular-acr-2017", &case(eular_case_a()), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    let mut direct = Vec::new();
    t.state
        .scorer()
        .score_to_writer("eular-acr-2017", &eular_case_a(), &mut direct)
        .expect("scores");
    // Byte for byte the text `myo score` prints (compared as text: JSON float parsing is not
    // bit-exact).
    assert_eq!(r.body.as_bytes(), direct.as_slice());
    assert_eq!(r.headers["content-type"], "application/json");
    assert_eq!(v["category"], "definite");
    assert!(v["contributions"].as_array().is_some_and(|c| !c.is_empty()));
    assert!(
        v["citation"]["reference"]
            .as_str()
            .is_some_and(|s| s.contains("Lundberg"))
    );
    t.cleanup().await;
}

#[tokio::test]
async fn score_failures_name_the_field_with_the_right_status() {
    let t = TestApp::sqlite().await;
    // Out of range: 422 naming the field.
    let r = t
        .post_json(
            "/api/v1/score/eular-acr-2017",
            r#"{"age_at_onset_years": -3}"#,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "invalid_input");
    assert_eq!(r.json()["error"]["field"], "age_at_onset_years");
    // Unknown nested field.
    let r = t
        .post_json(
            "/api/v1/score/eular-acr-2017",
            r#"{"muscle_biopsy": {"oops": true}}"#,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.json()["error"]["field"]
            .as_str()
            .is_some_and(|f| f.starts_with("muscle_biopsy")),
        "{}",
        r.body
    );
    // Malformed JSON: 400 with field `$`.
    let r = t
        .post_json(
            "/api/v1/score/eular-acr-2017",
            "{\"age_at_onset_years\": ",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "malformed_json");
    assert_eq!(r.json()["error"]["field"], "$");
    // Unknown instrument: 404 with suggestions.
    let r = t.post_json("/api/v1/score/eular-acr", "{}", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "unknown_instrument");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("eular-acr-2017"))
    );
    // Wrong content type: 415.
    let req = Request::post("/api/v1/score/tis-2016")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("{}"))
        .expect("req");
    let r = t.send(req).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{}", r.body);
    // Oversized body: 413 JSON.
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(70 * 1024));
    let r = t.post_json("/api/v1/score/tis-2016", &big, None).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "payload_too_large");
    t.cleanup().await;
}

#[tokio::test]
async fn instruments_and_schemas() {
    let t = TestApp::sqlite().await;
    let r = t.get("/api/v1/instruments", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let list = r.json();
    let ids: Vec<&str> = list["instruments"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"eular-acr-2017") && ids.contains(&"tis-2016"),
        "{ids:?}"
    );
    for id in ids {
        let r = t
            .get(&format!("/api/v1/instruments/{id}/schema"), None)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{id}");
        assert_eq!(r.json()["type"], "object", "{id}");
    }
    let r = t.get("/api/v1/instruments/nope/schema", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    t.cleanup().await;
}

#[tokio::test]
async fn knowledge_base_list_get_search_cite() {
    let t = TestApp::sqlite().await;
    let all = t.get("/api/v1/kb", None).await.json();
    let drugs = t.get("/api/v1/kb?section=drugs", None).await.json();
    assert!(all["count"].as_u64() > drugs["count"].as_u64());
    assert!(
        drugs["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .all(|e| e["section"] == "drugs")
    );
    let r = t.get("/api/v1/kb?section=potions", None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"]["field"], "section");

    let e = t.get("/api/v1/kb/methotrexate", None).await;
    assert_eq!(e.status, StatusCode::OK);
    assert_eq!(e.json()["id"], "methotrexate");
    assert!(
        e.json()["sources"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    );
    let r = t.get("/api/v1/kb/methotrexat", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("methotrexate")),
        "{}",
        r.body
    );

    let s = t.get("/api/v1/kb/search?q=purple%20eyelids", None).await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.body);
    assert!(s.json()["hits"].as_array().is_some_and(|h| !h.is_empty()));
    for (bad, field) in [
        ("/api/v1/kb/search", "q"),
        ("/api/v1/kb/search?q=%20", "q"),
        ("/api/v1/kb/search?q=x&limit=0", "limit"),
        // Values that do not parse at all are JSON errors too, never plain text.
        ("/api/v1/kb/search?q=x&limit=abc", "limit"),
        ("/api/v1/kb/search?limit=", "limit"),
    ] {
        let r = t.get(bad, None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(r.header("content-type"), "application/json", "{bad}");
        assert_eq!(r.json()["error"]["field"], field, "{bad}: {}", r.body);
    }

    for style in ["apa", "mla", "chicago", "harvard"] {
        let c = t
            .get(&format!("/api/v1/kb/methotrexate/cite?style={style}"), None)
            .await;
        assert_eq!(c.status, StatusCode::OK);
        assert_eq!(c.json()["style"], style);
        assert!(
            c.json()["citation"]
                .as_str()
                .is_some_and(|s| s.contains("Methotrexate"))
        );
    }
    let r = t
        .get("/api/v1/kb/methotrexate/cite?style=vancouver", None)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"]["field"], "style");
    t.cleanup().await;
}

#[tokio::test]
async fn ask_answers_with_citations_and_triages_first() {
    let t = TestApp::sqlite().await;
    let r = t
        .post_json(
            "/api/v1/ask",
            r#"{"question": "what is a heliotrope rash?"}"#,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.json()["citations"]
            .as_array()
            .is_some_and(|c| !c.is_empty()),
        "{}",
        r.body
    );
    let r = t
        .post_json(
            "/api/v1/ask",
            r#"{"question": "I can't breathe and my lips are blue"}"#,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["triage"], "emergency", "{}", r.body);
    for bad in [
        r#"{"question": "  "}"#,
        r#"{"q": "x"}"#,
        r#"{"question": 3}"#,
    ] {
        let r = t.post_json("/api/v1/ask", bad, None).await;
        assert!(r.status.is_client_error(), "{bad}: {}", r.status);
        assert!(r.json()["error"]["field"].is_string(), "{bad}: {}", r.body);
    }
    t.cleanup().await;
}

#[tokio::test]
async fn tokens_are_per_user_hashed_and_revocable() {
    let t = TestApp::sqlite().await;
    let alice = t.signup("alice@example.org", "correct horse battery").await;
    let bob = t.signup("bob@example.org", "another long password").await;
    let a_tok = t.token(&alice, "laptop").await;
    let b_tok = t.token(&bob, "phone").await;
    assert!(a_tok.starts_with("myo_") && a_tok.len() > 60);

    // Unauthenticated and malformed.
    assert_eq!(
        t.api(Method::GET, "/api/v1/tokens", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        t.api(Method::GET, "/api/v1/tokens", Some("not-a-token"))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        t.api(Method::GET, "/api/v1/tokens", Some("myo_0000"))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    // A session cookie does not authenticate the API.
    let req = Request::get("/api/v1/tokens")
        .header(header::COOKIE, &alice)
        .body(Body::empty())
        .expect("req");
    assert_eq!(t.send(req).await.status, StatusCode::UNAUTHORIZED);

    let me = t.api(Method::GET, "/api/v1/me", Some(&a_tok)).await;
    assert_eq!(me.json()["email"], "alice@example.org");
    let list = t
        .api(Method::GET, "/api/v1/tokens", Some(&a_tok))
        .await
        .json();
    let tokens = list["tokens"].as_array().expect("tokens");
    assert_eq!(tokens.len(), 1);
    assert!(
        !list.to_string().contains(&a_tok[4..]),
        "secret never listed"
    );
    let a_id = tokens[0]["id"].as_str().expect("id").to_owned();

    // A token cannot mint tokens (a leaked one would give itself an heir), whatever the body.
    for body in [
        r#"{"name": "script"}"#,
        r#"{"name": ""}"#,
        r#"{"name": "x", "admin": true}"#,
        "not json",
    ] {
        let r = t.post_json("/api/v1/tokens", body, Some(&a_tok)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{body}: {}", r.body);
    }
    assert_eq!(
        t.post_json("/api/v1/tokens", r#"{"name": "script"}"#, None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let list = t
        .api(Method::GET, "/api/v1/tokens", Some(&a_tok))
        .await
        .json();
    assert_eq!(
        list["tokens"].as_array().map(Vec::len),
        Some(1),
        "none minted"
    );
    // Tokens come from the signed-in session's account page.
    let second = t.token(&alice, "script").await;

    // Bob cannot revoke Alice's token: same 404 as an unknown id.
    let r = t
        .api(
            Method::DELETE,
            &format!("/api/v1/tokens/{a_id}"),
            Some(&b_tok),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    assert_eq!(
        t.api(Method::GET, "/api/v1/me", Some(&a_tok)).await.status,
        StatusCode::OK
    );

    // Alice revokes it; it stops working at once, the other one keeps working.
    let r = t
        .api(
            Method::DELETE,
            &format!("/api/v1/tokens/{a_id}"),
            Some(&second),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(
        t.api(Method::GET, "/api/v1/me", Some(&a_tok)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        t.api(Method::GET, "/api/v1/me", Some(&second)).await.status,
        StatusCode::OK
    );
    let r = t
        .api(
            Method::DELETE,
            &format!("/api/v1/tokens/{a_id}"),
            Some(&second),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "already revoked");

    t.cleanup().await;
}

#[tokio::test]
async fn openapi_lists_exactly_the_router_routes() {
    let t = TestApp::sqlite().await;
    let doc = t.get("/api/v1/openapi.json", None).await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, ops) in doc["paths"].as_object().expect("paths") {
        for method in ops.as_object().expect("ops").keys() {
            documented.push((method.clone(), path.clone()));
        }
    }
    let mut routed: Vec<(String, String)> = myo_web::api::routes()
        .into_iter()
        .map(|(m, p, _)| (m.to_owned(), p.to_owned()))
        .collect();
    documented.sort();
    routed.sort();
    assert_eq!(documented, routed);
    // What the JSON body extractor can answer is documented wherever a body is taken.
    for (path, ops) in doc["paths"].as_object().expect("paths") {
        for (method, op) in ops.as_object().expect("ops") {
            if op.get("requestBody").is_some() {
                for code in ["400", "413", "415"] {
                    assert!(
                        op["responses"].get(code).is_some(),
                        "{method} {path} does not document {code}"
                    );
                }
            }
        }
    }
    // And every route answers (never the "no route" fallback or 405).
    for (method, path) in &routed {
        let concrete = path
            .replace("{instrument}", "tis-2016")
            .replace("{id}", "methotrexate");
        let m = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
        let r = t
            .send(json_request(m, &format!("/api/v1{concrete}"), "{}", None))
            .await;
        assert_ne!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        let fallback = r.status == StatusCode::NOT_FOUND && r.body.contains("no route");
        assert!(!fallback, "{method} {path} hit the fallback");
    }
    t.cleanup().await;
}

#[tokio::test]
async fn unknown_api_routes_and_methods_are_json() {
    let t = TestApp::sqlite().await;
    let r = t.get("/api/v1/nothing-here", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["error"]["code"], "not_found");
    let r = t.api(Method::PUT, "/api/v1/kb", None).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.json()["error"]["code"], "method_not_allowed");
    let r = t.get("/no-such-page", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.header("content-type").starts_with("text/html"));
    t.cleanup().await;
}

#[tokio::test]
async fn health_and_readiness() {
    let t = TestApp::sqlite().await;
    let r = t.get("/healthz", None).await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "ok"));
    let r = t.get("/readyz", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["database"], "sqlite");
    // Database gone: 503, no internals.
    t.store().close().await;
    let r = t.get("/readyz", None).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
    assert_eq!(r.json()["error"]["message"], "database not reachable");
    t.cleanup().await;
}
