//! FHIR import over HTTP: `POST /api/v1/fhir/import` (the Bundle as the body; `?confirm=true`
//! saves the valid part) and the page `/import/fhir` (preview, then a confirm button). Only a
//! patient imports, into their own records. The preview reads the person's records (audited);
//! every saved record carries its own audit entry, and the import itself is audited with its
//! counts.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use myo_store::audit::action;
use myo_store::{AuditEntry, DateRange, Outcome, Role, User, UserId};
use serde::Deserialize;
use serde_json::{Value, json};

use super::import::{Ctx, Plan, plan};
use crate::AppState;
use crate::auth::{ApiUser, Client, SignedIn, audit};
use crate::boundary::IMPORT_BODY_LIMIT;
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

/// The one-line account of a plan (and how many were saved).
pub fn headline(plan: &Plan, saved: usize) -> String {
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
    capitalised(&parts.join("; "))
}

/// [`headline`] in `tr`'s language.
pub fn headline_in(tr: &crate::i18n::Tr, plan: &Plan, saved: usize) -> String {
    if crate::i18n::words::is_source(tr) {
        return headline(plan, saved);
    }
    let mut parts = vec![if saved > 0 {
        tr.t1("import-head-added", "count", saved)
    } else {
        tr.t1("import-head-will-add", "count", plan.add.len())
    }];
    if !plan.refused.is_empty() {
        let why: Vec<String> = plan
            .refused
            .iter()
            .take(3)
            .map(|p| {
                let (field, message) = problem_in(tr, p);
                format!("{field}: {message}")
            })
            .collect();
        parts.push(tr.t2(
            "import-head-refused",
            "count",
            plan.refused.len(),
            "why",
            why.join("; "),
        ));
    }
    if !plan.duplicates.is_empty() {
        parts.push(tr.t1("import-head-duplicates", "count", plan.duplicates.len()));
    }
    capitalised(&parts.join("; "))
}

/// A refused entry's field and reason in `tr`'s language (a tracker refusal is worded from the
/// catalogue; the import's own reasons keep their words).
fn problem_in(tr: &crate::i18n::Tr, p: &super::import::Problem) -> (String, String) {
    let worded = p
        .invalid
        .as_ref()
        .and_then(|e| crate::tracker::pages::worded_error(tr, e).map(|t| (e, t)));
    match worded {
        Some((e, text)) => {
            let label = crate::tracker::safety::field_label_in(tr, &e.field);
            let message = text
                .strip_prefix(&format!("{label}: "))
                .map_or_else(|| text.clone(), str::to_owned);
            (label, message)
        }
        None => (p.field.clone(), p.message.clone()),
    }
}

/// Makes the audit entry of one step of an import: `(action, resource type, resource id)`.
/// The HTTP routes make it from the request's [`crate::tracker::access::Access`]; the command
/// line from its own actor.
pub type EntryMaker<'a> = &'a (dyn Fn(&str, &str, Option<&str>) -> AuditEntry + Sync);

/// Adds `extra`'s keys to an entry's JSON details (keeping `via` and the like).
fn with_details(mut entry: AuditEntry, extra: Value) -> AuditEntry {
    let mut details = entry
        .details
        .as_deref()
        .and_then(|d| serde_json::from_str::<Value>(d).ok())
        .filter(Value::is_object)
        .unwrap_or_else(|| json!({}));
    if let (Some(d), Some(x)) = (details.as_object_mut(), extra.as_object()) {
        d.extend(x.clone());
    }
    entry.details = Some(details.to_string());
    entry
}

/// Plans the import of `text` into `patient`'s records and, when `confirm`, saves the valid
/// records. The preview reads the records (audited); each saved record has its own audit
/// entry, and the import (or preview) one more with its counts. Used by both HTTP routes and
/// by `myo fhir import`, so every path applies the same checks.
pub async fn import(
    state: &AppState,
    patient: &UserId,
    entry: EntryMaker<'_>,
    text: &str,
    confirm: bool,
) -> Result<Imported, ApiError> {
    let read = entry(action::READ, "fhir_import", None);
    let existing = crate::tracker::db::load(state, patient, &DateRange::all(), &read).await?;
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
            let e = with_details(
                entry(action::CREATE, item.table, Some(item.record.id().as_str())),
                json!({"source": "fhir_import", "entry": item.entry}),
            );
            state
                .store()
                .create_record(patient, &item.record, &e)
                .await?;
            saved += 1;
        }
    }
    let summary = with_details(
        entry(
            if confirm { "import" } else { "import_preview" },
            "fhir_bundle",
            None,
        ),
        json!({"add": plan.add.len(), "saved": saved, "refused": plan.refused.len(),
               "duplicates": plan.duplicates.len(), "skipped": plan.skipped.len()}),
    );
    state.audit(&summary).await?;
    Ok(Imported { plan, saved })
}

/// The signed-in person importing into their own records (`/import/fhir` and
/// `POST /api/v1/fhir/import`): only a patient's own tracker.
async fn run_own(
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
    let make = |act: &str, resource: &str, id: Option<&str>| {
        audit(Some(user), client, act, resource, id, Outcome::Success).for_patient(user.id.as_str())
    };
    import(state, &user.id, &make, text, confirm).await
}

/// `?confirm=true`
#[derive(Debug, Deserialize)]
pub struct ImportQuery {
    /// Save the valid records (default: preview only).
    #[serde(default)]
    pub confirm: bool,
}

/// The Bundle text of an API request: JSON content types only (415 otherwise), UTF-8.
fn bundle_text<'b>(headers: &axum::http::HeaderMap, body: &'b [u8]) -> Result<&'b str, ApiError> {
    let json_type = crate::boundary::media_type(headers)
        .is_some_and(|v| v == "application/json" || v == "application/fhir+json");
    if !json_type {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send the Bundle as Content-Type: application/fhir+json or application/json",
        ));
    }
    std::str::from_utf8(body).map_err(|_| ApiError::bad_request("the file is not UTF-8 text"))
}

/// The API's (and `myo fhir import --json`'s) account of an import.
pub fn result_json(out: &Imported, confirmed: bool) -> Value {
    let p = &out.plan;
    json!({
        "confirmed": confirmed,
        "saved": out.saved,
        "message": headline(p, out.saved),
        "add": p.add.iter().map(|a| json!({"entry": a.entry, "summary": a.summary})).collect::<Vec<Value>>(),
        "refused": p.refused.iter().map(|r| json!({"path": r.path, "field": r.field, "message": r.message})).collect::<Vec<Value>>(),
        "duplicates": p.duplicates,
        "skipped": p.skipped,
    })
}

fn api_response(out: &Imported, confirmed: bool) -> Response {
    let p = &out.plan;
    let status = if out.saved > 0 {
        StatusCode::CREATED
    } else if p.add.is_empty() && !p.refused.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    (status, Json(result_json(out, confirmed))).into_response()
}

/// `POST /api/v1/fhir/import`: into the caller's own records (a patient).
pub async fn api(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Query(q): Query<ImportQuery>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let text = bundle_text(&headers, &body)?;
    let out = run_own(&state, &me.user, &client, text, q.confirm).await?;
    Ok(api_response(&out, q.confirm))
}

/// `POST /api/v1/patients/{id}/import/fhir`: into one patient's records, for whoever may
/// change them (the patient, a guardian, or a carer or clinician granted write access); the
/// same 404 as every tracker route for anyone else. Each entry names the actor and the
/// patient, and says `via carer`/`via guardian` as the other writes do.
pub async fn api_for_patient(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
    Query(q): Query<ImportQuery>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let a = crate::tracker::access::resolve(&state, &me.user, &client, &id, true).await?;
    let text = bundle_text(&headers, &body)?;
    let make = |act: &str, resource: &str, rid: Option<&str>| a.entry(&client, act, resource, rid);
    let out = import(&state, &a.patient.id, &make, text, q.confirm).await?;
    Ok(api_response(&out, q.confirm))
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
        state.tr(me.locale.lang).t("fhir-title"),
        "",
    );
    render(&ImportPage {
        l,
        preview: None,
        bundle: String::new(),
    })
}

/// The page's form, as URL-encoded text or `multipart/form-data` with a file input.
#[derive(Debug, Default, Deserialize)]
pub struct ImportForm {
    /// The Bundle text (pasted, or carried from the preview to the confirm button).
    #[serde(default)]
    pub bundle: String,
    /// `yes` to save.
    #[serde(default)]
    pub confirm: Option<String>,
}

/// Reads the page's form: a chosen file (`file`) wins over the pasted text (`bundle`).
/// `limit` is the route's body limit, which the middleware already enforced.
async fn read_form(
    headers: &axum::http::HeaderMap,
    body: Bytes,
    limit: usize,
) -> Result<ImportForm, Response> {
    let unreadable = || {
        crate::pages::error_page(
            StatusCode::BAD_REQUEST,
            "The form could not be read; reload the page.",
        )
    };
    let Some(boundary) = crate::multipart::boundary_of(headers) else {
        return serde_urlencoded::from_bytes(&body).map_err(|_| unreadable());
    };
    let fields = match crate::multipart::parse(body, &boundary, limit).await {
        Ok(fields) => fields,
        Err(crate::multipart::Error::Malformed) => return Err(unreadable()),
        Err(crate::multipart::Error::TooLarge { limit }) => {
            return Err(crate::boundary::too_large("/import/fhir", limit));
        }
    };
    let mut form = ImportForm {
        bundle: crate::multipart::text(&fields, "bundle").unwrap_or_default(),
        confirm: crate::multipart::text(&fields, "confirm"),
    };
    let invalid = |message: &str| {
        crate::pages::error_page(StatusCode::UNPROCESSABLE_ENTITY, &capitalised(message))
    };
    if let Some(file) = fields
        .iter()
        .find(|f| f.name == "file" && !f.data.is_empty())
    {
        form.bundle = String::from_utf8(file.data.to_vec()).map_err(|_| {
            invalid(
                "the chosen file is not a text file; choose the FHIR file (JSON) from your portal",
            )
        })?;
    }
    if form.bundle.trim().is_empty() {
        return Err(invalid(
            "choose the FHIR file from your hospital portal, or paste its text",
        ));
    }
    Ok(form)
}

/// `POST /import/fhir`: preview, or save when confirmed.
pub async fn submit(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    let limit = crate::boundary::body_limit(state.config().body_limit, "/import/fhir");
    let f = match read_form(&headers, body, limit).await {
        Ok(f) => f,
        Err(page) => return page,
    };
    let confirm = f.confirm.as_deref() == Some("yes");
    let l = Layout::new(
        &state,
        Some(&me),
        &me.locale,
        state.tr(me.locale.lang).t("fhir-title"),
        "",
    );
    match run_own(&state, &me.user, &client, &f.bundle, confirm).await {
        Ok(out) => {
            let p = out.plan;
            let view = PreviewView {
                headline: headline_in(&state.tr(me.locale.lang), &p, out.saved),
                add: p.add.iter().map(|a| a.summary.clone()).collect(),
                can_confirm: out.saved == 0 && !p.add.is_empty(),
                refused: p
                    .refused
                    .iter()
                    .map(|r| {
                        let (field, message) = problem_in(&state.tr(me.locale.lang), r);
                        super::import::Problem {
                            field,
                            message,
                            ..r.clone()
                        }
                    })
                    .collect(),
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

/// `s` as a sentence: first letter in upper case and a full stop (empty stays empty).
fn capitalised(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    crate::tracker::safety::capitalise(s) + "."
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
    let limit = format!(
        "Bundle over the import's size limit ({} MiB)",
        IMPORT_BODY_LIMIT / (1024 * 1024)
    );
    let mut own = json!({
        "200": ok("Preview (nothing saved)"),
        "201": ok("Saved the valid records"),
        "401": error_ref("Missing or invalid token"),
        "403": error_ref("Only a patient imports, into their own records"),
        "413": error_ref(&limit),
        "422": ok("Nothing importable: every entry was refused"),
    });
    crate::api::openapi::add_body_errors(&mut own);
    let mut theirs = own.clone();
    theirs["403"] = error_ref(
        "Read-only access: only the patient, a guardian or someone granted write access imports",
    );
    theirs["404"] = error_ref("No such patient, or no access to their records");
    let confirm =
        json!({"name": "confirm", "in": "query", "required": false, "schema": {"type": "boolean"}});
    let body = json!({"required": true, "content": {"application/fhir+json": {"schema": {"type": "object"}}, "application/json": {"schema": {"type": "object"}}}});
    paths.insert(
        "/fhir/import".into(),
        json!({"post": {
            "summary": "Import a FHIR R4 Bundle (JSON) into your own records: a preview, or with `confirm=true` the valid records are saved; each refused entry names its path and the field in plain words",
            "security": [{"bearer": []}],
            "parameters": [confirm],
            "requestBody": body,
            "responses": own
        }}),
    );
    paths.insert(
        "/patients/{id}/import/fhir".into(),
        json!({"post": {
            "summary": "Import a FHIR R4 Bundle (JSON) into one patient's records, for the patient, a guardian or someone granted write access: a preview, or with `confirm=true` the valid records are saved",
            "security": [{"bearer": []}],
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The patient's id"}, confirm],
            "requestBody": body,
            "responses": theirs
        }}),
    );
}
