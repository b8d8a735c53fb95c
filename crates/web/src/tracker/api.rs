//! The tracker's JSON API under `/api/v1/patients/{id}/…` (bearer tokens), with its OpenAPI
//! paths. Same access rule and audit as the pages; bodies are the `myo_api::tracker` DTOs, and
//! validation errors are 422 naming the field (`schedule.kind` for daily methotrexate).

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, delete, get, post, put};
use myo_api::tracker::{DiaryEntryDto, LabResultDto, MedicineDto};
use myo_store::audit::action;
use myo_store::{DateRange, DoseEventRow, Record, RecordId, Timestamp};
use myo_tracker::medicines::Medicine;
use serde::Deserialize;
use serde_json::{Value, json};

use super::access::{Access, resolve};
pub use super::api_doc::document_paths;
use super::{convert, db, pages, share};
use crate::AppState;
use crate::auth::{ApiUser, Client};
use crate::error::{ApiError, ApiJson};

type Routes = Vec<(&'static str, &'static str, MethodRouter<AppState>)>;

/// The tracker's `/api/v1` routes (OpenAPI path syntax), appended to `api::routes`.
pub fn routes() -> Routes {
    vec![
        ("get", "/patients/{id}/dashboard", get(dashboard)),
        ("get", "/patients/{id}/diary", get(list_diary)),
        ("post", "/patients/{id}/diary", post(save_diary)),
        ("get", "/patients/{id}/labs", get(list_labs)),
        ("post", "/patients/{id}/labs", post(save_lab)),
        ("get", "/patients/{id}/conditions", get(list_conditions)),
        ("post", "/patients/{id}/conditions", post(save_condition)),
        ("get", "/patients/{id}/antibodies", get(list_antibodies)),
        ("post", "/patients/{id}/antibodies", post(save_antibody)),
        ("get", "/patients/{id}/visits", get(super::visits::api_list)),
        (
            "post",
            "/patients/{id}/visits",
            post(super::visits::api_save),
        ),
        ("get", "/patients/{id}/tis", get(super::visits::api_tis)),
        (
            "get",
            "/patients/{id}/assessments",
            get(super::assessments::api_list),
        ),
        (
            "post",
            "/patients/{id}/assessments",
            post(super::assessments::api_save),
        ),
        ("get", "/patients/{id}/medicines", get(list_medicines)),
        ("post", "/patients/{id}/medicines", post(save_medicine)),
        (
            "post",
            "/patients/{id}/medicines/{record}/doses",
            post(save_dose),
        ),
        (
            "delete",
            "/patients/{id}/records/{kind}/{record}",
            delete(delete_record),
        ),
        (
            "put",
            "/patients/{id}/records/{kind}/{record}",
            put(super::edit::api_edit),
        ),
        (
            "get",
            "/patients/{id}/records/{kind}/{record}/history",
            get(super::edit::api_history),
        ),
        ("get", "/patients/{id}/export/fhir", get(export_fhir)),
        ("get", "/patients/{id}/shares", get(list_shares)),
        ("post", "/patients/{id}/shares", post(create_share)),
        (
            "delete",
            "/patients/{id}/shares/{record}",
            delete(revoke_share),
        ),
        ("get", "/patients/{id}/grants", get(list_grants)),
        ("post", "/patients/{id}/grants", post(create_grant)),
        (
            "delete",
            "/patients/{id}/grants/{record}",
            delete(revoke_grant),
        ),
        ("delete", "/patients/{id}/data", delete(delete_data)),
        (
            "get",
            "/patients/{id}/profile",
            get(super::profile::api_get),
        ),
        (
            "put",
            "/patients/{id}/profile",
            put(super::profile::api_put),
        ),
    ]
}

fn invalid(e: myo_tracker::Invalid) -> ApiError {
    ApiError::from(myo_api::InputError::from(e))
}

/// The patient's today in their profile's time zone.
async fn person_today(state: &AppState, a: &Access) -> Result<myo_tracker::Date, ApiError> {
    let profile = state.store().get_profile(&a.patient.id).await?;
    super::safety::person_today(profile.as_ref())
        .ok_or_else(|| ApiError::internal(&"the server clock is out of range"))
}

async fn access(
    state: &AppState,
    me: &ApiUser,
    client: &Client,
    id: &str,
    write: bool,
) -> Result<Access, ApiError> {
    Ok(resolve(state, &me.user, client, id, write).await?)
}

/// Access to manage sharing, exports and deletion (the patient or a guardian).
async fn manage(
    state: &AppState,
    me: &ApiUser,
    client: &Client,
    id: &str,
) -> Result<Access, ApiError> {
    Ok(super::access::resolve_manage(state, &me.user, client, id).await?)
}

fn range(query: Option<&str>) -> Result<DateRange, ApiError> {
    let f = pages::FormData::parse(query.unwrap_or("").as_bytes());
    let mut r = DateRange::all();
    for (name, slot) in [("from", &mut r.from), ("to", &mut r.to)] {
        if let Some(v) = f.opt(name) {
            myo_tracker::Date::parse(name, &v).map_err(invalid)?;
            *slot = Some(v);
        }
    }
    Ok(r)
}

async fn load(
    state: &AppState,
    a: &Access,
    client: &Client,
    resource: &str,
    range: &DateRange,
) -> Result<myo_store::PatientData, ApiError> {
    let entry = a.entry(client, action::READ, resource, None);
    Ok(db::load(state, &a.patient.id, range, &entry).await?)
}

/// `GET /patients/{id}/dashboard`: counts, monitoring due (with sources), recent flares.
pub async fn dashboard(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let a = access(&state, &me, &client, &id, false).await?;
    let today = person_today(&state, &a).await?;
    let r = DateRange {
        from: Some(today.add_days(-730).to_string()),
        to: None,
    };
    let data = load(&state, &a, &client, "dashboard", &r).await?;
    let records = convert::records(state.rules(), state.scorer().catalog(), &data);
    let d = crate::tracker::dashboard_of(&state, &data, &records, today)
        .map_err(|e| ApiError::internal(&e))?;
    Ok(Json(json!({
        "today": d.today.to_string(),
        "diary_days_last_30": d.diary_days_last_30,
        "last_diary_entry": d.last_diary_entry.map(|x| x.to_string()),
        "active_medicines": d.active_medicines,
        "overdue": d.overdue,
        "monitoring": d.monitoring.iter().map(|i| json!({
            "medicine": i.medicine,
            "test": i.test.id(),
            "due": i.due.to_string(),
            "state": format!("{:?}", i.state).to_lowercase(),
            "days_overdue": i.days_overdue,
            "rule_id": i.rule_id,
            "rule_date": i.rule_date.to_string(),
            "status": i.status.as_str(),
            "sources": i.sources.iter().map(|s| json!({"id": s.id, "locator": s.locator})).collect::<Vec<_>>(),
            "reference": i.reference,
            "explanation": i.explanation,
        })).collect::<Vec<_>>(),
        "flares": d.recent_flares.iter().map(|f| json!({
            "date": f.date().to_string(),
            "explanation": f.explanation(),
            "status": "partial",
        })).collect::<Vec<_>>(),
    })))
}

/// `GET /patients/{id}/diary[?from=&to=]`
pub async fn list_diary(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let a = access(&state, &me, &client, &id, false).await?;
    let data = load(&state, &a, &client, "diary_entries", &range(q.as_deref())?).await?;
    let entries: Vec<Value> = data
        .diary
        .iter()
        .filter_map(|r| {
            let e = convert::skip("diary", &r.id, convert::diary_entry(r))?;
            listed(DiaryEntryDto::from_domain(&e), &r.id)
        })
        .collect();
    Ok(Json(json!({"count": entries.len(), "entries": entries})))
}

/// `POST /patients/{id}/diary`: saves the day (again = update); `triage` is set when the entry
/// reads as an emergency or urgent red flag.
pub async fn save_diary(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
    ApiJson(dto): ApiJson<DiaryEntryDto>,
) -> Result<Response, ApiError> {
    let a = access(&state, &me, &client, &id, true).await?;
    let entry = dto.to_domain().map_err(invalid)?;
    let person_today = person_today(&state, &a).await?;
    myo_tracker::plausible::check_not_future("date", entry.date(), person_today)
        .map_err(invalid)?;
    let clear: Vec<&str> = dto.clear.iter().map(String::as_str).collect();
    let entry = db::merge_diary(&state, &a.patient.id, entry, &clear)
        .await?
        .map_err(invalid)?;
    let row = convert::diary_row(&entry, Timestamp::now());
    let audit = a.entry(
        &client,
        action::UPDATE,
        "diary_entries",
        Some(row.id.as_str()),
    );
    let saved = db::save_diary(&state, &a.patient.id, row, &audit).await?;
    let t = person_today;
    let r = DateRange {
        from: Some(t.to_string()),
        to: None,
    };
    let data = load(&state, &a, &client, "medicines", &r).await?;
    let meds: Vec<Medicine> =
        convert::records(state.rules(), state.scorer().catalog(), &data).medicines;
    let banner = pages::triage(&state, &entry, &meds, person_today).await;
    if let Some(b) = banner.as_ref() {
        super::red_flags::raise(&state, &a, &client, b).await?;
    }
    let mut body = serde_json::to_value(DiaryEntryDto::from_domain(&entry))
        .map_err(|e| ApiError::internal(&e))?;
    body["id"] = json!(saved.id().as_str());
    body["triage"] = match banner {
        Some(b) => json!({"tier": b.tier, "action": b.action, "title": b.title, "link": b.link}),
        None => Value::Null,
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `GET /patients/{id}/labs[?from=&to=]`
pub async fn list_labs(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let a = access(&state, &me, &client, &id, false).await?;
    let data = load(&state, &a, &client, "lab_results", &range(q.as_deref())?).await?;
    let labs: Vec<Value> = data
        .labs
        .iter()
        .filter_map(|r| {
            let l = convert::skip("lab", &r.id, convert::lab_result(state.rules(), r))?;
            listed(LabResultDto::from_domain(&l), &r.id)
        })
        .collect();
    Ok(Json(json!({"count": labs.len(), "labs": labs})))
}

/// `POST /patients/{id}/labs`
pub async fn save_lab(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
    ApiJson(dto): ApiJson<LabResultDto>,
) -> Result<Response, ApiError> {
    let a = access(&state, &me, &client, &id, true).await?;
    let lab = dto.to_domain(state.rules()).map_err(invalid)?;
    let person_today = person_today(&state, &a).await?;
    super::safety::check_lab(state.rules(), &lab, person_today).map_err(invalid)?;
    let row = convert::lab_row(&lab, Timestamp::now());
    create(
        &state,
        &a,
        &client,
        Record::Lab(row),
        LabResultDto::from_domain(&lab),
    )
    .await
}

/// `GET /patients/{id}/conditions`
pub async fn list_conditions(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let a = access(&state, &me, &client, &id, false).await?;
    let data = load(&state, &a, &client, "conditions", &DateRange::all()).await?;
    let items: Vec<Value> = data
        .conditions
        .iter()
        .filter_map(|r| listed(convert::condition_dto(r), &r.id))
        .collect();
    Ok(Json(json!({"count": items.len(), "conditions": items})))
}

/// `POST /patients/{id}/conditions`: codes (verified ones only) are attached from the rules.
pub async fn save_condition(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
    ApiJson(dto): ApiJson<myo_api::tracker::ConditionDto>,
) -> Result<Response, ApiError> {
    let a = access(&state, &me, &client, &id, true).await?;
    let (c, resolved) = dto.to_domain(state.rules()).map_err(invalid)?;
    let row = convert::condition_row(&c, resolved, Timestamp::now());
    let dto = convert::condition_dto(&row);
    create(&state, &a, &client, Record::Condition(row), dto).await
}

/// `GET /patients/{id}/antibodies`: results, each with the KB's flags when positive.
pub async fn list_antibodies(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let a = access(&state, &me, &client, &id, false).await?;
    let data = load(
        &state,
        &a,
        &client,
        "antibody_results",
        &range(q.as_deref())?,
    )
    .await?;
    let items: Vec<Value> = data
        .antibodies
        .iter()
        .filter_map(|r| {
            let ab = convert::skip("antibody", &r.id, convert::antibody(state.rules(), r))?;
            let mut v = listed(myo_api::tracker::AntibodyDto::from_domain(&ab), &r.id)?;
            let kb = pages::kb_antibody(state.kb(), &r.antibody);
            v["flags"] = json!(if r.outcome == "positive" {
                kb.map(|(_, k)| k.flags.clone()).unwrap_or_default()
            } else {
                Vec::new()
            });
            v["kb"] = json!(kb.map(|(id, _)| format!("/kb/{id}")));
            Some(v)
        })
        .collect();
    Ok(Json(json!({"count": items.len(), "antibodies": items})))
}

/// `POST /patients/{id}/antibodies`
pub async fn save_antibody(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
    ApiJson(dto): ApiJson<myo_api::tracker::AntibodyDto>,
) -> Result<Response, ApiError> {
    let a = access(&state, &me, &client, &id, true).await?;
    let ab = dto.to_domain(state.rules()).map_err(invalid)?;
    let row = convert::antibody_row(&ab, Timestamp::now());
    let dto = myo_api::tracker::AntibodyDto::from_domain(&ab);
    create(&state, &a, &client, Record::Antibody(row), dto).await
}

/// `GET /patients/{id}/medicines`
pub async fn list_medicines(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let a = access(&state, &me, &client, &id, false).await?;
    let data = load(&state, &a, &client, "medicines", &DateRange::all()).await?;
    let meds: Vec<Value> = data
        .medicines
        .iter()
        .filter_map(|r| {
            let m = convert::skip("medicine", &r.id, convert::medicine(state.rules(), r))?;
            let mut v = listed(MedicineDto::from_domain(&m), &r.id)?;
            v["risk_factor"] = json!(r.risk_factor);
            Some(v)
        })
        .collect();
    Ok(Json(json!({"count": meds.len(), "medicines": meds})))
}

/// `POST /patients/{id}/medicines`: 201 with `suggestions`; daily methotrexate is 422
/// `schedule.kind` with the explanation, and nothing is stored.
pub async fn save_medicine(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
    ApiJson(dto): ApiJson<MedicineDto>,
) -> Result<Response, ApiError> {
    let a = access(&state, &me, &client, &id, true).await?;
    let input = dto.to_input().map_err(invalid)?;
    let ok = Medicine::accept(state.rules(), input).map_err(invalid)?;
    let data = load(&state, &a, &client, "medicines", &DateRange::all()).await?;
    let active = convert::records(state.rules(), state.scorer().catalog(), &data).medicines;
    let confirmation = match super::safety::check_medicine(
        state.rules(),
        state.kb(),
        &ok.medicine,
        &active,
        dto.confirmation.as_deref(),
    ) {
        super::safety::MedicineCheck::Save { confirmation } => confirmation,
        super::safety::MedicineCheck::Refused(e) => return Err(invalid(e)),
        super::safety::MedicineCheck::Confirm(warnings) => {
            return Err(invalid(myo_tracker::Invalid::new(
                "confirmation",
                super::safety::joined(&warnings).english,
                "send again with `confirmation`: why this is right",
            )));
        }
    };
    let mut row = convert::medicine_row(&ok.medicine, false, Timestamp::now());
    row.confirmation = confirmation.clone();
    let audit = a.entry(&client, action::CREATE, "medicines", Some(row.id.as_str()));
    let saved = db::save(&state, &a.patient.id, Record::Medicine(row), &audit).await?;
    let mut out = MedicineDto::from_domain(&ok.medicine);
    out.confirmation = confirmation;
    let mut body = serde_json::to_value(out).map_err(|e| ApiError::internal(&e))?;
    body["id"] = json!(saved.id().as_str());
    body["suggestions"] = json!(
        ok.suggestions
            .iter()
            .map(|s| s.english.as_str())
            .collect::<Vec<_>>()
    );
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `{"date", "time", "outcome": "taken" | "missed"}`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoseDto {
    /// Scheduled local day.
    pub date: String,
    /// Scheduled local time.
    pub time: String,
    /// `taken` or `missed`.
    pub outcome: String,
}

/// `POST /patients/{id}/medicines/{record}/doses`
pub async fn save_dose(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path((id, record)): Path<(String, String)>,
    ApiJson(dto): ApiJson<DoseDto>,
) -> Result<Response, ApiError> {
    let a = access(&state, &me, &client, &id, true).await?;
    let row = DoseEventRow {
        id: RecordId::random(),
        medicine_id: RecordId(record),
        date: dto.date,
        time: dto.time,
        outcome: dto.outcome,
        taken_at: None,
        updated_at: Timestamp::now(),
    };
    convert::dose_record(&row).map_err(invalid)?;
    let audit = a.entry(
        &client,
        action::CREATE,
        "dose_events",
        Some(row.id.as_str()),
    );
    match db::save(&state, &a.patient.id, Record::DoseEvent(row), &audit).await {
        Ok(saved) => Ok((
            StatusCode::CREATED,
            Json(json!({"id": saved.id().as_str()})),
        )
            .into_response()),
        Err(myo_store::StoreError::NotFound { .. }) => {
            Err(ApiError::not_found("no such medicine").with_field("record"))
        }
        Err(e) => Err(e.into()),
    }
}

/// `DELETE /patients/{id}/records/{kind}/{record}` (`diary`, `home_tests`, `assessments`, `labs`,
/// `medicines`, `doses`, `conditions`, `antibodies`, `visits`; see [`super::kinds::KINDS`]): 204,
/// or 404 when it is not this patient's. Deleting a medicine deletes its recorded doses too.
pub async fn delete_record(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path((id, k, record)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let a = access(&state, &me, &client, &id, true).await?;
    let kind = super::record_kind(&k)
        .ok_or_else(|| ApiError::not_found("unknown record kind").with_field("kind"))?;
    let audit = a.entry(&client, action::DELETE, kind.table(), Some(&record));
    if db::delete(&state, &a.patient.id, kind, &RecordId(record), &audit).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("no such record").with_field("record"))
    }
}

/// `GET /patients/{id}/export/fhir`: owner only.
pub async fn export_fhir(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let a = manage(&state, &me, &client, &id).await?;
    let entry = a.entry(&client, action::EXPORT, "patient_records", Some("fhir"));
    let data = db::export(&state, &a.patient.id, &entry).await?;
    super::export::fhir_api(&state, &a.patient, &data)
}

/// `GET /patients/{id}/shares`: owner only (never the secrets).
pub async fn list_shares(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let a = manage(&state, &me, &client, &id).await?;
    let now = Timestamp::now();
    let links = state.store().list_share_links(&a.patient.id).await?;
    Ok(Json(json!({"shares": links.iter().map(|l| json!({
        "id": l.id.as_str(),
        "label": l.label,
        "sections": l.sections,
        "created_at": l.created_at.to_rfc3339(),
        "expires_at": l.expires_at.to_rfc3339(),
        "revoked_at": l.revoked_at.map(Timestamp::to_rfc3339),
        "active": l.is_active(now),
        "access_count": l.access_count,
    })).collect::<Vec<_>>()})))
}

/// `{"sections": [...], "days": 1..90, "label"?}`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareRequest {
    /// Section ids.
    pub sections: Vec<String>,
    /// Days until it expires.
    pub days: i64,
    /// Label.
    #[serde(default)]
    pub label: Option<String>,
}

fn field_error(msg: &str) -> ApiError {
    let (field, message) = msg.split_once(": ").unwrap_or(("$", msg));
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", message).with_field(field)
}

/// `POST /patients/{id}/shares`: 201 with `url` (the secret, shown once).
pub async fn create_share(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    origin: crate::origin::LinkOrigin,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<ShareRequest>,
) -> Result<Response, ApiError> {
    let a = manage(&state, &me, &client, &id).await?;
    match share::new_link(&state, &a, &client, req.sections, req.days, req.label).await? {
        Ok((id, secret, expires)) => Ok((
            StatusCode::CREATED,
            Json(json!({
                "id": id.as_str(),
                "url": origin.url(&format!("/share/{secret}")),
                "expires_at": expires.to_rfc3339(),
            })),
        )
            .into_response()),
        Err(msg) => Err(field_error(&msg)),
    }
}

/// `DELETE /patients/{id}/shares/{record}`: 204; 404 when not theirs or already revoked.
pub async fn revoke_share(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path((id, record)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let a = manage(&state, &me, &client, &id).await?;
    let entry = a.entry(&client, action::DELETE, "share_link", Some(&record));
    match state
        .store()
        .revoke_share_link(&a.patient.id, &RecordId(record), Timestamp::now(), &entry)
        .await
    {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(myo_store::StoreError::NotFound { .. }) => {
            Err(ApiError::not_found("no such active link").with_field("record"))
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /patients/{id}/grants`: owner only.
pub async fn list_grants(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let a = manage(&state, &me, &client, &id).await?;
    let grants = state.store().list_grants(&a.patient.id).await?;
    let invitations = state.store().list_invitations(&a.patient.id).await?;
    Ok(Json(json!({"grants": grants.iter().map(|g| json!({
        "id": g.id.as_str(),
        "clinician_id": g.clinician_id.as_str(),
        "relation": g.relation.as_str(),
        "can_write": g.can_write,
        "granted_at": g.granted_at.to_rfc3339(),
        "revoked_at": g.revoked_at.map(Timestamp::to_rfc3339),
    })).collect::<Vec<_>>(),
    "invitations": invitations.iter().filter(|i| i.is_pending()).map(|i| json!({
        "id": i.id.as_str(),
        "email": i.email,
        "relation": i.relation.as_str(),
        "can_write": i.can_write,
        "invited_at": i.created_at.to_rfc3339(),
    })).collect::<Vec<_>>()})))
}

/// `{"email", "relation"?, "access"?}`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantRequest {
    /// The person's e-mail address.
    pub email: String,
    /// `clinician` (default) or `carer`.
    #[serde(default)]
    pub relation: String,
    /// `read` (default) or `write` (a carer changes records; a clinician also records visits).
    #[serde(default)]
    pub access: String,
}

/// `POST /patients/{id}/grants`: 201 with the invitation, the same whether or not the address
/// has an account (access starts when that person signs in); 422 naming a malformed field.
pub async fn create_grant(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<GrantRequest>,
) -> Result<Response, ApiError> {
    let a = manage(&state, &me, &client, &id).await?;
    let request = share::GrantForm {
        email: &req.email,
        relation: &req.relation,
        access: &req.access,
    };
    match share::grant_by_email(&state, &a, &client, request).await? {
        Ok(i) => Ok((
            StatusCode::CREATED,
            Json(json!({
                "id": i.id.as_str(),
                "email": i.email,
                "relation": i.relation.as_str(),
                "can_write": i.can_write,
                "status": "invited",
            })),
        )
            .into_response()),
        Err(msg) => Err(field_error(&msg)),
    }
}

/// `DELETE /patients/{id}/grants/{record}`: 204; 404 when none is active.
pub async fn revoke_grant(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path((id, record)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let a = manage(&state, &me, &client, &id).await?;
    if share::revoke_grant_id(&state, &a, &client, &record).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("no such active grant").with_field("record"))
    }
}

/// `DELETE /patients/{id}/data`: deletes every tracker record; `{"deleted": n}`.
pub async fn delete_data(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let a = manage(&state, &me, &client, &id).await?;
    let n = share::delete_all(&state, &a, &client).await?;
    Ok(Json(json!({"deleted": n})))
}

/// Creates `record` (audited under its kind's table) and answers 201 with `dto` and the stored
/// record's `id`: the one write path of the API's create routes.
pub(super) async fn create(
    state: &AppState,
    a: &Access,
    client: &Client,
    record: Record,
    dto: impl serde::Serialize,
) -> Result<Response, ApiError> {
    let audit = a.entry(
        client,
        action::CREATE,
        record.kind().table(),
        Some(record.id().as_str()),
    );
    let saved = db::save(state, &a.patient.id, record, &audit).await?;
    let body =
        listed(dto, saved.id()).ok_or_else(|| ApiError::internal(&"unserialisable record"))?;
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// A listed record: its DTO as JSON with the stored record's `id` added.
fn listed(dto: impl serde::Serialize, id: &RecordId) -> Option<Value> {
    let mut v = serde_json::to_value(dto).ok()?;
    v["id"] = json!(id.as_str());
    Some(v)
}
