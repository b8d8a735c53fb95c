//! FHIR import over HTTP: `POST /api/v1/fhir/import` (the Bundle as the body; `?confirm=true`
//! saves the valid part) and the page `/import/fhir` (preview, then a confirm button). Only a
//! patient imports, into their own records. The preview reads the person's records (audited);
//! every saved record carries its own audit entry, and the import itself is audited with its
//! counts.

use askama::Template;
use axum::Form;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use myo_store::audit::action;
use myo_store::{DateRange, Outcome, Role, User};
use serde::Deserialize;
use serde_json::{Value, json};

use super::import::{Ctx, Plan, plan};
use crate::AppState;
use crate::auth::{ApiUser, Client, SignedIn, audit};
use crate::error::ApiError;
use crate::pages::{Layout, render};
use crate::tracker::{convert, safety};

/// The preview (and, after confirming, how many were saved).
pub struct Imported {
    /// The plan.
    pub plan: Plan,
    /// Records saved (0 for a preview).
    pub saved: usize,
}

fn headline(plan: &Plan, saved: usize) -> String {
    let mut parts = Vec::new();
    if saved > 0 {
        parts.push(format!("{saved} record(s) were added"));
    } else {
        parts.push(format!("these {} record(s) will be added", plan.add.len()));
    }
    if !plan.refused.is_empty() {
        let why: Vec<String> = plan
            .refused
            .iter()
            .take(3)
            .map(|p| format!("{}: {}", p.field, p.message))
            .collect();
        parts.push(format!(
            "these {} were refused because {}",
            plan.refused.len(),
            why.join("; ")
        ));
    }
    if !plan.duplicates.is_empty() {
        parts.push(format!(
            "{} are already in your records",
            plan.duplicates.len()
        ));
    }
    let mut s = parts.join("; ");
    if let Some(f) = s.get(..1) {
        s = f.to_uppercase() + &s[1..];
    }
    s + "."
}

/// Plans the import for `user` and, when `confirm`, saves the valid records.
async fn run(
    state: &AppState,
    user: &User,
    client: &Client,
    text: &str,
    confirm: bool,
) -> Result<Imported, ApiError> {
    if user.role != Role::Patient {
        return Err(ApiError::forbidden(
            "only a patient can import records into their own tracker",
        ));
    }
    let read = audit(
        Some(user),
        client,
        action::READ,
        "fhir_import",
        None,
        Outcome::Success,
    )
    .for_patient(user.id.as_str());
    let existing = crate::tracker::db::load(state, &user.id, &DateRange::all(), &read).await?;
    let today = safety::person_today(existing.profile.as_ref())
        .ok_or_else(|| ApiError::internal(&"clock outside the supported range"))?;
    let active = convert::records(state.rules(), state.scorer().catalog(), &existing).medicines;
    let ctx = Ctx {
        rules: state.rules(),
        kb: state.kb(),
        today,
    };
    let plan = plan(&ctx, text, &existing, &active);
    let mut saved = 0;
    if confirm {
        for item in &plan.add {
            let mut entry = audit(
                Some(user),
                client,
                action::CREATE,
                item.table,
                Some(item.record.id().as_str()),
                Outcome::Success,
            )
            .for_patient(user.id.as_str());
            entry.details = Some(json!({"source": "fhir_import", "entry": item.entry}).to_string());
            state
                .store()
                .create_record(&user.id, &item.record, &entry)
                .await?;
            saved += 1;
        }
    }
    let mut summary = audit(
        Some(user),
        client,
        if confirm { "import" } else { "import_preview" },
        "fhir_bundle",
        None,
        Outcome::Success,
    )
    .for_patient(user.id.as_str());
    summary.details = Some(
        json!({"add": plan.add.len(), "saved": saved, "refused": plan.refused.len(),
               "duplicates": plan.duplicates.len(), "skipped": plan.skipped.len()})
        .to_string(),
    );
    state.audit(&summary).await?;
    Ok(Imported { plan, saved })
}

/// `?confirm=true`
#[derive(Debug, Deserialize)]
pub struct ImportQuery {
    /// Save the valid records (default: preview only).
    #[serde(default)]
    pub confirm: bool,
}

/// `POST /api/v1/fhir/import`
pub async fn api(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Query(q): Query<ImportQuery>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let json_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .is_some_and(|v| v == "application/json" || v == "application/fhir+json");
    if !json_type {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send the Bundle as Content-Type: application/fhir+json or application/json",
        ));
    }
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::bad_request("the file is not UTF-8 text"))?;
    let out = run(&state, &me.user, &client, text, q.confirm).await?;
    let p = &out.plan;
    let body = json!({
        "confirmed": q.confirm,
        "saved": out.saved,
        "message": headline(p, out.saved),
        "add": p.add.iter().map(|a| json!({"entry": a.entry, "summary": a.summary})).collect::<Vec<Value>>(),
        "refused": p.refused.iter().map(|r| json!({"path": r.path, "field": r.field, "message": r.message})).collect::<Vec<Value>>(),
        "duplicates": p.duplicates,
        "skipped": p.skipped,
    });
    let status = if out.saved > 0 {
        StatusCode::CREATED
    } else if p.add.is_empty() && !p.refused.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, Json(body)).into_response())
}

/// What the page shows.
pub struct PreviewView {
    headline: String,
    add: Vec<String>,
    refused: Vec<super::import::Problem>,
    duplicates: Vec<String>,
    skipped: Vec<String>,
    saved: usize,
    can_confirm: bool,
}

#[derive(Template)]
#[template(path = "fhir_import.html")]
struct ImportPage {
    l: Layout,
    preview: Option<PreviewView>,
    bundle: String,
}

/// `GET /import/fhir`
pub async fn page(State(state): State<AppState>, SignedIn(me): SignedIn) -> Response {
    let l = Layout::new(
        &state,
        Some(&me),
        &me.locale,
        "Import from a hospital portal (FHIR)",
        "",
    );
    render(&ImportPage {
        l,
        preview: None,
        bundle: String::new(),
    })
}

/// The page's form.
#[derive(Debug, Deserialize)]
pub struct ImportForm {
    /// The Bundle text.
    pub bundle: String,
    /// `yes` to save.
    #[serde(default)]
    pub confirm: Option<String>,
}

/// `POST /import/fhir`: preview, or save when confirmed.
pub async fn submit(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Form(f): Form<ImportForm>,
) -> Response {
    let confirm = f.confirm.as_deref() == Some("yes");
    let l = Layout::new(
        &state,
        Some(&me),
        &me.locale,
        "Import from a hospital portal (FHIR)",
        "",
    );
    match run(&state, &me.user, &client, &f.bundle, confirm).await {
        Ok(out) => {
            let p = out.plan;
            let view = PreviewView {
                headline: headline(&p, out.saved),
                add: p.add.iter().map(|a| a.summary.clone()).collect(),
                can_confirm: out.saved == 0 && !p.add.is_empty(),
                refused: p.refused,
                duplicates: p.duplicates,
                skipped: p.skipped,
                saved: out.saved,
            };
            let bundle = if out.saved > 0 {
                String::new()
            } else {
                f.bundle
            };
            render(&ImportPage {
                l,
                preview: Some(view),
                bundle,
            })
        }
        Err(e) => crate::pages::error_page(e.status, &e.message),
    }
}

/// The import's entry in the OpenAPI document.
pub fn document_paths(paths: &mut serde_json::Map<String, Value>) {
    use crate::api::openapi::error_ref;
    let item = json!({"type": "object", "required": ["entry", "summary"], "properties": {
        "entry": {"type": "integer"}, "summary": {"type": "string"}}});
    let problem = json!({"type": "object", "required": ["path", "field", "message"], "properties": {
        "path": {"type": "string", "description": "JSON path in the Bundle"},
        "field": {"type": "string", "description": "The field in a patient's words"},
        "message": {"type": "string"}}});
    let result = json!({"type": "object",
        "required": ["confirmed", "saved", "message", "add", "refused", "duplicates", "skipped"],
        "properties": {
            "confirmed": {"type": "boolean"}, "saved": {"type": "integer"},
            "message": {"type": "string"},
            "add": {"type": "array", "items": item},
            "refused": {"type": "array", "items": problem},
            "duplicates": {"type": "array", "items": {"type": "string"}},
            "skipped": {"type": "array", "items": {"type": "string"}}}});
    let ok = |d: &str| json!({"description": d, "content": {"application/json": {"schema": result.clone()}}});
    let mut responses = json!({
        "200": ok("Preview (nothing saved)"),
        "201": ok("Saved the valid records"),
        "401": error_ref("Missing or invalid token"),
        "403": error_ref("Only a patient imports, into their own records"),
        "422": ok("Nothing importable: every entry was refused"),
    });
    crate::api::openapi::add_body_errors(&mut responses);
    paths.insert(
        "/fhir/import".into(),
        json!({"post": {
            "summary": "Import a FHIR R4 Bundle (JSON) into your own records: a preview, or with `confirm=true` the valid records are saved; each refused entry names its path and the field in plain words",
            "security": [{"bearer": []}],
            "parameters": [{"name": "confirm", "in": "query", "required": false, "schema": {"type": "boolean"}}],
            "requestBody": {"required": true, "content": {"application/fhir+json": {"schema": {"type": "object"}}, "application/json": {"schema": {"type": "object"}}}},
            "responses": responses
        }}),
    );
}
