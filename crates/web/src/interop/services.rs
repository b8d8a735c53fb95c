//! CDS Hooks 2.0 services under `/cds-services`: discovery, `patient-view`, `order-select`
//! and `order-sign` on MedicationRequests, and feedback.
//!
//! Every call carries the EHR's signed JWT ([`super::cds_auth`]); the token id is claimed and
//! the call audited in one transaction before the cards are sent. Only the hook, its
//! instance id, the card count and the prefetch keys read from the EHR are audited: no patient
//! data is stored. The services read prefetched data, and with `fhirAuthorization` fetch the
//! declared prefetch queries the EHR did not send ([`super::prefetch`]); what is still missing
//! is named in a "not checked" card. Each card ends
//! with the statement that Myo informs and does not prescribe.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use myo_fhir::cds_hooks::{Card, Discovery, Feedback, Request, Service};
use myo_store::{AuditEntry, Outcome, Timestamp};
use serde_json::{Value, json};

use super::cds_auth::{self, Refusal, Verified};
use super::ehr;
use super::patient_view;
use crate::AppState;
use crate::auth::Client;
use crate::error::ApiError;

/// Added to every card's detail.
pub const NOT_A_PRESCRIPTION: &str = "Myo informs and does not prescribe: this card is \
information for the clinician, who makes the decision. If the patient is unwell now, follow \
your usual urgent-care pathway.";

/// One service as discovery lists it.
pub struct ServiceDef {
    /// Id (last path segment).
    pub id: &'static str,
    /// The hook it answers.
    pub hook: &'static str,
    /// Title.
    pub title: &'static str,
    /// What it does.
    pub description: &'static str,
    /// Prefetch templates.
    pub prefetch: &'static [(&'static str, &'static str)],
}

const ORDER_PREFETCH: &[(&str, &str)] = &[
    ("patient", "Patient/{{context.patientId}}"),
    (
        "medications",
        "MedicationRequest?patient={{context.patientId}}&status=active",
    ),
    (
        "statements",
        "MedicationStatement?patient={{context.patientId}}&status=active",
    ),
];

/// The services, in discovery order.
pub const SERVICES: [ServiceDef; 3] = [
    ServiceDef {
        id: "myo-patient-view",
        hook: myo_fhir::cds_hooks::PATIENT_VIEW,
        title: "Myo: myositis monitoring, screening and antibody risks",
        description: "Monitoring tests overdue for immunosuppressants (cited rules), IMACS 2023 \
                      cancer screening to review, and antibody-linked risks such as anti-MDA5 \
                      lung disease, with links to Myo's cited pages.",
        prefetch: &patient_view::PREFETCH,
    },
    ServiceDef {
        id: "myo-order-select",
        hook: myo_fhir::cds_hooks::ORDER_SELECT,
        title: "Myo: medicine order checks (on selection)",
        description: "Methotrexate must be weekly; folic acid with methotrexate; dangerous \
                      combinations named by Myo's cited drug guides.",
        prefetch: ORDER_PREFETCH,
    },
    ServiceDef {
        id: "myo-order-sign",
        hook: myo_fhir::cds_hooks::ORDER_SIGN,
        title: "Myo: medicine order checks (before signing)",
        description: "Methotrexate must be weekly (a critical card offers the weekly order); \
                      folic acid with methotrexate; dangerous combinations named by Myo's \
                      cited drug guides.",
        prefetch: ORDER_PREFETCH,
    },
];

/// The discovery document.
pub fn discovery() -> Discovery {
    Discovery {
        services: SERVICES
            .iter()
            .map(|s| Service {
                hook: s.hook.into(),
                title: Some(s.title.into()),
                description: s.description.into(),
                id: s.id.into(),
                prefetch: s
                    .prefetch
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect(),
                usage_requirements: Some(
                    "Register as a CDS client with the server's operator (issuer and JWKS).".into(),
                ),
            })
            .collect(),
    }
}

/// `GET /cds-services`: public (it holds no patient data), so an EHR can read it before
/// its keys are registered.
pub async fn discovery_handler() -> Response {
    Json(discovery()).into_response()
}

fn service(id: &str) -> Result<&'static ServiceDef, ApiError> {
    SERVICES
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| ApiError::not_found("no CDS service with this id; see GET /cds-services"))
}

/// The URL a token's `aud` must name for `path` (e.g. `/cds-services/myo-order-sign`).
pub fn audience(state: &AppState, path: &str) -> String {
    format!("{}{path}", state.base_url().trim_end_matches('/'))
}

fn now_seconds() -> i64 {
    Timestamp::now().as_millis() / 1000
}

fn refused(refusal: &Refusal) -> Response {
    let mut res = ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
        refusal.to_string(),
    )
    .into_response();
    res.headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    res
}

fn entry(client: &Client, action: &str, id: &str, outcome: Outcome, details: Value) -> AuditEntry {
    let mut e = AuditEntry::new(Timestamp::now(), action, "cds_service", Some(id), outcome)
        .by(None, "cds_client");
    e.source_ip = client.ip.clone();
    e.user_agent = client.user_agent.clone();
    e.details = Some(details.to_string());
    e
}

/// Checks the JWT; a refusal is audited (no token contents beyond the reason) and answered 401.
async fn authenticate(
    state: &AppState,
    client: &Client,
    headers: &HeaderMap,
    id: &str,
    audiences: &[String],
) -> Result<Verified, Response> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let result = match token {
        None => Err(Refusal::NoToken),
        Some(token) => {
            let mut last = Err(Refusal::NoClients);
            for aud in audiences {
                last = cds_auth::verify(&state.config().cds_clients, token, aud, now_seconds());
                if !matches!(last, Err(Refusal::WrongAudience(_))) {
                    break;
                }
            }
            last
        }
    };
    match result {
        Ok(v) => Ok(v),
        Err(refusal) => {
            let e = entry(
                client,
                "cds_call",
                id,
                Outcome::Denied,
                json!({"reason": refusal.to_string()}),
            );
            if let Err(err) = state.audit(&e).await {
                tracing::error!(error = %err, "audit of a refused CDS call failed");
            }
            Err(refused(&refusal))
        }
    }
}

/// Claims the token id with the call's audit entry; a replay is a 401.
async fn claim(state: &AppState, verified: &Verified, audit: &AuditEntry) -> Result<(), Response> {
    let expires = Timestamp::from_millis(
        (verified.exp + i64::try_from(cds_auth::LEEWAY_SECONDS).unwrap_or(60)) * 1000,
    );
    match state
        .store()
        .claim_token_id(
            &verified.iss,
            &verified.jti,
            expires,
            Timestamp::now(),
            audit,
        )
        .await
    {
        Ok(true) => Ok(()),
        Ok(false) => Err(refused(&Refusal::Replayed)),
        Err(e) => Err(ApiError::from(e).into_response()),
    }
}

/// The medication orders of an `order-select`/`order-sign` context: (the orders to check,
/// the other draft orders). For `order-select` only the selected ones are checked.
fn draft_orders(request: &Request) -> Result<(Vec<Value>, Vec<Value>), ApiError> {
    let drafts = request.context.get("draftOrders").ok_or_else(|| {
        ApiError::bad_request("context.draftOrders is required").with_field("context.draftOrders")
    })?;
    let all: Vec<&Value> = ehr::flatten(drafts)
        .into_iter()
        .filter(|r| r["resourceType"] == "MedicationRequest")
        .collect();
    if request.hook != myo_fhir::cds_hooks::ORDER_SELECT {
        return Ok((all.into_iter().cloned().collect(), Vec::new()));
    }
    let selections: Vec<&str> = request
        .context
        .get("selections")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let selected = |r: &Value| {
        let id = format!("MedicationRequest/{}", r["id"].as_str().unwrap_or(""));
        selections.contains(&id.as_str())
    };
    let (chosen, others): (Vec<&Value>, Vec<&Value>) = all.into_iter().partition(|r| selected(r));
    Ok((
        chosen.into_iter().cloned().collect(),
        others.into_iter().cloned().collect(),
    ))
}

/// The cards for one verified call.
pub fn answer(
    state: &AppState,
    def: &ServiceDef,
    request: &Request,
) -> Result<Vec<Card>, ApiError> {
    let base = state.base_url();
    let mut cards = if def.hook == myo_fhir::cds_hooks::PATIENT_VIEW {
        request
            .patient_view()
            .map_err(|e| ApiError::bad_request(e.to_string()))?;
        let today = myo_tracker::Date::parse("today", &crate::today().to_string())
            .map_err(|e| ApiError::internal(&e))?;
        let inputs = patient_view::Inputs {
            kb: state.kb(),
            rules: state.rules(),
            imacs: &state.scorer().catalog().imacs_cancer,
            base,
            today,
            hook_instance: &request.hook_instance,
        };
        patient_view::cards(&inputs, &request.prefetch)
    } else {
        let (orders, other_drafts) = draft_orders(request)?;
        let meds = ehr::prefetched(&request.prefetch, "medications");
        let statements = ehr::prefetched(&request.prefetch, "statements");
        let active: Vec<Value> = other_drafts
            .into_iter()
            .chain(meds.resources().iter().map(|v| (*v).clone()))
            .chain(statements.resources().iter().map(|v| (*v).clone()))
            .collect();
        let mut cards = super::cds::order_cards(
            state.kb(),
            state.rules(),
            &request.hook_instance,
            &orders,
            &active,
            base,
        );
        let missing: Vec<&str> = [("medications", &meds), ("statements", &statements)]
            .into_iter()
            .filter(|(_, f)| !f.sent())
            .map(|(k, _)| k)
            .collect();
        let checks_need_others = !orders.is_empty();
        if !missing.is_empty() && checks_need_others && meds.resources().is_empty() {
            cards.push(patient_view::not_checked(
                base,
                &request.hook_instance,
                &missing,
            ));
        }
        cards
    };
    for card in &mut cards {
        let detail = card.detail.take().unwrap_or_default();
        card.detail = Some(if detail.is_empty() {
            NOT_A_PRESCRIPTION.to_owned()
        } else {
            format!("{detail}\n\n{NOT_A_PRESCRIPTION}")
        });
    }
    Ok(cards)
}

/// The service `id` and the verified token of its caller: 404 for an unknown service, 401 for
/// a refused token. The token's `aud` is the service URL (for feedback, the feedback URL or
/// the service URL).
async fn admit(
    state: &AppState,
    client: &Client,
    headers: &HeaderMap,
    id: &str,
    feedback: bool,
) -> Result<(&'static ServiceDef, Verified), Response> {
    let def = service(id).map_err(IntoResponse::into_response)?;
    let path = format!("/cds-services/{}", def.id);
    let mut aud = vec![audience(state, &path)];
    if feedback {
        aud.insert(0, audience(state, &format!("{path}/feedback")));
    }
    let verified = authenticate(state, client, headers, def.id, &aud).await?;
    Ok((def, verified))
}

/// `POST /cds-services/{id}`.
pub async fn call(
    State(state): State<AppState>,
    Path(id): Path<String>,
    client: Client,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (def, verified) = match admit(&state, &client, &headers, &id, false).await {
        Ok(admitted) => admitted,
        Err(res) => return res,
    };
    let text = String::from_utf8_lossy(&body);
    let request: Request = match myo_fhir::from_str(&text) {
        Ok(r) => r,
        Err(e) => return ApiError::bad_request(format!("request body: {e}")).into_response(),
    };
    // A UUID in the specification; bounded here because it is written to the audit log.
    if request.hook_instance.trim().is_empty() || request.hook_instance.chars().count() > 128 {
        return ApiError::bad_request("hookInstance: expected the firing's UUID")
            .with_field("hookInstance")
            .into_response();
    }
    if request.hook != def.hook {
        return ApiError::bad_request(format!(
            "hook: this service answers `{}`, not `{}`",
            def.hook, request.hook
        ))
        .with_field("hook")
        .into_response();
    }
    let to_read = super::prefetch::to_read(def, &request);
    if to_read.is_empty() {
        let cards = match answer(&state, def, &request) {
            Ok(c) => c,
            Err(e) => return e.into_response(),
        };
        let audit = entry(
            &client,
            "cds_call",
            def.id,
            Outcome::Success,
            json!({"iss": verified.iss, "hook": request.hook,
                   "hookInstance": request.hook_instance, "cards": cards.len()}),
        );
        if let Err(res) = claim(&state, &verified, &audit).await {
            return res;
        }
        return cards_response(cards);
    }
    // With `fhirServer` and `fhirAuthorization`, the service's declared prefetch that the EHR
    // did not send is read from the EHR (see `prefetch`). The token id is claimed first, so a
    // replayed token never reaches the EHR's server; the outcome is a second audit entry.
    let audit = entry(
        &client,
        "cds_call",
        def.id,
        Outcome::Success,
        json!({"iss": verified.iss, "hook": request.hook,
               "hookInstance": request.hook_instance, "reading": to_read}),
    );
    if let Err(res) = claim(&state, &verified, &audit).await {
        return res;
    }
    let mut request = request;
    let config = state.config();
    let fetch = super::prefetch::fill(
        def,
        &mut request,
        &config.cds_fhir_http_origins,
        config.cds_fhir_timeout,
    )
    .await;
    let cards = match answer(&state, def, &request) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    let outcome = entry(
        &client,
        "cds_fetch",
        def.id,
        Outcome::Success,
        json!({"iss": verified.iss, "hookInstance": request.hook_instance,
               "cards": cards.len(), "fetched": fetch.fetched,
               "fetchFailed": fetch.failed.iter().map(|(k, why)| json!({"key": k, "reason": why})).collect::<Vec<Value>>()}),
    );
    if let Err(e) = state.audit(&outcome).await {
        return ApiError::from(e).into_response();
    }
    cards_response(cards)
}

fn cards_response(cards: Vec<Card>) -> Response {
    let response = myo_fhir::cds_hooks::Response {
        cards,
        ..Default::default()
    };
    Json(response).into_response()
}

/// `POST /cds-services/{id}/feedback`: the outcome of each card, audited (card ids and
/// outcomes only).
pub async fn feedback(
    State(state): State<AppState>,
    Path(id): Path<String>,
    client: Client,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (def, verified) = match admit(&state, &client, &headers, &id, true).await {
        Ok(admitted) => admitted,
        Err(res) => return res,
    };
    let value: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return ApiError::bad_request(format!("request body: {e}")).into_response(),
    };
    if let Some(v) = myo_fhir::cds_shape::feedback(&value).first() {
        return ApiError::bad_request(v.to_string())
            .with_field(v.path.clone())
            .into_response();
    }
    let parsed: Feedback = match serde_json::from_value(value) {
        Ok(f) => f,
        Err(e) => return ApiError::bad_request(format!("request body: {e}")).into_response(),
    };
    let items: Vec<Value> = parsed
        .feedback
        .iter()
        .map(|f| json!({"card": f.card, "outcome": f.outcome}))
        .collect();
    let audit = entry(
        &client,
        "cds_feedback",
        def.id,
        Outcome::Success,
        json!({"iss": verified.iss, "feedback": items}),
    );
    if let Err(res) = claim(&state, &verified, &audit).await {
        return res;
    }
    StatusCode::OK.into_response()
}
