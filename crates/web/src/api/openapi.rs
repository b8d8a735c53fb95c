//! The OpenAPI 3.1 document of `/api/v1`, written by hand in code. A test checks that its paths
//! are exactly [`super::routes`], from which the router is built.

use axum::Json;
use axum::extract::State;
use serde_json::{Map, Value, json};

use crate::AppState;

/// A JSON error response (`{"error": {"code", "message", "field"}}`).
pub(crate) fn error_ref(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

/// The answers every operation with a JSON body can give before its handler runs (the body
/// extractor's), added where the operation does not describe them more precisely.
pub(crate) fn add_body_errors(responses: &mut Value) {
    for (code, description) in [
        ("400", "Malformed JSON"),
        ("413", "Body over the size limit (64 KiB)"),
        ("415", "Not Content-Type: application/json"),
    ] {
        if responses.get(code).is_none() {
            responses[code] = error_ref(description);
        }
    }
}

fn ok(description: &str, schema: Value) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": schema}}})
}

fn path_param(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}, "description": description})
}

fn query_param(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "query", "required": false, "schema": {"type": "string"}, "description": description})
}

fn json_body(schema: Value) -> Value {
    json!({"required": true, "content": {"application/json": {"schema": schema}}})
}

/// One operation.
fn op(
    summary: &str,
    params: Vec<Value>,
    body: Option<Value>,
    responses: Value,
    secured: bool,
) -> Value {
    let mut o = json!({"summary": summary, "parameters": params, "responses": responses});
    if let Some(b) = body {
        o["requestBody"] = b;
        add_body_errors(&mut o["responses"]);
    }
    if secured {
        o["security"] = json!([{"bearer": []}]);
    }
    o
}

/// Builds the document; `server` is the public origin.
pub fn build(server: &str) -> Value {
    let obj = json!({"type": "object"});
    let unauth = error_ref("Missing, malformed, unknown or revoked token");
    let invalid = error_ref("Invalid input; `field` names the offending field");
    let mut paths = Map::new();
    let mut add = |method: &str, path: &str, operation: Value| {
        let entry = paths.entry(path.to_owned()).or_insert_with(|| json!({}));
        entry[method] = operation;
    };
    add(
        "get",
        "/instruments",
        op(
            "List instruments with revision, status and citation",
            vec![],
            None,
            json!({"200": ok("Instruments", obj.clone())}),
            false,
        ),
    );
    add(
        "get",
        "/instruments/{instrument}/schema",
        op(
            "JSON Schema of an instrument's input",
            vec![path_param(
                "instrument",
                "Instrument id, e.g. eular-acr-2017",
            )],
            None,
            json!({"200": ok("JSON Schema", obj.clone()), "404": error_ref("Unknown instrument")}),
            false,
        ),
    );
    add(
        "post",
        "/score/{instrument}",
        op(
            "Score one case (same JSON as `myo score`)",
            vec![path_param(
                "instrument",
                "Instrument id, e.g. eular-acr-2017",
            )],
            Some(json_body(
                json!({"type": "object", "description": "The instrument's input; see its schema"}),
            )),
            json!({"200": ok("Result with item-by-item contributions, missing items, warnings, citation and status", obj.clone()),
               "400": error_ref("Malformed JSON"), "404": error_ref("Unknown instrument"),
               "413": error_ref("Body over 64 KiB"), "415": error_ref("Not application/json"), "422": invalid.clone()}),
            false,
        ),
    );
    add(
        "get",
        "/kb",
        op(
            "List knowledge-base entries",
            vec![query_param("section", "Only this section")],
            None,
            json!({"200": ok("Entries", obj.clone()), "400": error_ref("Unknown section")}),
            false,
        ),
    );
    add(
        "get",
        "/kb/search",
        op(
            "Search the knowledge base",
            vec![
                query_param("q", "Search terms (required)"),
                query_param("limit", "1 to 50, default 10"),
            ],
            None,
            json!({"200": ok("Hits, best first", obj.clone()), "400": error_ref("Missing or too long q, bad limit")}),
            false,
        ),
    );
    add(
        "get",
        "/kb/{id}",
        op(
            "One entry in full",
            vec![path_param("id", "Entry id")],
            None,
            json!({"200": ok("Entry", obj.clone()), "404": error_ref("No such entry")}),
            false,
        ),
    );
    add(
        "get",
        "/kb/{id}/cite",
        op(
            "Cite an entry's page",
            vec![
                path_param("id", "Entry id"),
                query_param("style", "apa (default), mla, chicago or harvard"),
            ],
            None,
            json!({"200": ok("Citation", obj.clone()), "400": error_ref("Unknown style"), "404": error_ref("No such entry")}),
            false,
        ),
    );
    add(
        "post",
        "/ask",
        op(
            "Ask a question; red-flag triage runs first",
            vec![],
            Some(json_body(
                json!({"type": "object", "required": ["question"], "additionalProperties": false,
            "properties": {"question": {"type": "string", "maxLength": 500},
                "country": {"type": "string", "minLength": 2, "maxLength": 2,
                    "description": "Two-letter country code for emergency and crisis numbers (US, GB, CA, AU, NZ, ES, MX, ...); without it the US, UK and 112 are given"}}}),
            )),
            json!({"200": ok("Answer with numbered citations, or a refusal / not covered; triage fields when a red flag fired", obj.clone()),
               "400": error_ref("Malformed JSON, empty question or unknown country code"), "413": error_ref("Body over 64 KiB"), "422": invalid.clone()}),
            false,
        ),
    );
    add(
        "get",
        "/tokens",
        op(
            "The caller's API tokens (never their secrets)",
            vec![],
            None,
            json!({"200": ok("Tokens", obj.clone()), "401": unauth.clone()}),
            true,
        ),
    );
    add(
        "post",
        "/tokens",
        op(
            "Refused: a token cannot create tokens; create them on the account page while signed in",
            vec![],
            None,
            json!({"401": unauth.clone(), "403": {"description": "Tokens are created from a signed-in browser session only"}}),
            true,
        ),
    );
    add(
        "delete",
        "/tokens/{id}",
        op(
            "Revoke one of the caller's tokens",
            vec![path_param("id", "Token id")],
            None,
            json!({"204": {"description": "Revoked"}, "401": unauth.clone(), "404": error_ref("Not the caller's active token")}),
            true,
        ),
    );
    add(
        "get",
        "/me",
        op(
            "The token owner's account",
            vec![],
            None,
            json!({"200": ok("Account", obj.clone()), "401": unauth}),
            true,
        ),
    );
    add(
        "get",
        "/openapi.json",
        op(
            "This document",
            vec![],
            None,
            json!({"200": ok("OpenAPI 3.1", obj)}),
            false,
        ),
    );
    crate::tracker::api::document_paths(&mut paths);
    crate::interop::import_http::document_paths(&mut paths);
    crate::trials::document_paths(&mut paths);
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Myo API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Myo informs and computes; it never diagnoses or prescribes. Classification criteria are not diagnostic criteria.",
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}
        },
        "servers": [{"url": format!("{}/api/v1", server.trim_end_matches('/'))}],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "myo_… token from the account page"}},
            "schemas": {"Error": {
                "type": "object", "required": ["error"],
                "properties": {"error": {"type": "object", "required": ["code", "message", "field"], "properties": {
                    "code": {"type": "string"}, "message": {"type": "string"}, "field": {"type": ["string", "null"]}
                }}}
            }}
        }
    })
}

/// `GET /api/v1/openapi.json`
pub async fn document(State(state): State<AppState>) -> Json<Value> {
    Json(build(state.config().public_url.as_deref().unwrap_or("")))
}
