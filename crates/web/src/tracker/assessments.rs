//! Strength and function assessments (MMT-8, HAQ-DI, CMAS) entered on the strength page or the
//! JSON API. The instruments library scores each input before it is stored (record kind
//! `assessments`: input JSON, key results, `<instrument>@<revision>`); lists re-score the stored
//! input so the explanation (missing items named, never scored as normal) is always shown.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use myo_store::audit::action;
use myo_store::{AssessmentRow, Record, RecordId, Timestamp};
use myo_tracker::{Date, Invalid};
use serde_json::{Map, Value, json};

use super::access::resolve;
use super::db;
use super::pages::{FormData, strength_page};
use crate::AppState;
use crate::auth::{ApiUser, Client, SignedIn};
use crate::error::{ApiError, ApiJson};
use crate::pages::PageError;

/// Instruments that may be stored as assessments (wire id, label).
pub const INSTRUMENTS: [(&str, &str); 3] = [
    (myo_instruments::mmt8::ID, "MMT-8 (manual muscle testing)"),
    (myo_instruments::haq::ID, "HAQ-DI (function questionnaire)"),
    (myo_instruments::cmas::ID, "CMAS (children)"),
];

/// The same instruments with the children's first (CMAS), the default for a child's profile.
/// CHAQ and a juvenile TIS are not among Myo's instruments yet; HAQ-DI is offered as it is.
pub const CHILD_INSTRUMENTS: [(&str, &str); 3] = [
    (myo_instruments::cmas::ID, "CMAS (children)"),
    (myo_instruments::mmt8::ID, "MMT-8 (manual muscle testing)"),
    (myo_instruments::haq::ID, "HAQ-DI (function questionnaire)"),
];

/// The instruments in the order to offer them: children's first for someone under 18 on
/// `today` (from the profile's birth date), else the adult order.
pub fn instruments_for(
    profile: Option<&myo_store::PatientProfile>,
    today: myo_tracker::Date,
) -> &'static [(&'static str, &'static str)] {
    let child = profile
        .and_then(|p| p.birth_date.as_deref())
        .and_then(|b| myo_tracker::Date::parse("birth_date", b).ok())
        .is_some_and(|born| {
            let (y, m, d) = born.ymd();
            let (ty, tm, td) = today.ymd();
            let age = ty - y - i32::from((tm, td) < (m, d));
            (0..18).contains(&age)
        });
    if child {
        &CHILD_INSTRUMENTS
    } else {
        &INSTRUMENTS
    }
}

/// Result fields kept with the stored record (the rest is re-derived from the input).
const KEY_RESULTS: [&str; 9] = [
    "total",
    "haq_di",
    "complete",
    "computable",
    "partial_sum",
    "max_score",
    "status",
    "missing",
    "revision",
];

/// The typed values of the assessment form, kept on an error so nothing is lost.
#[derive(Default)]
pub struct AssessmentForm {
    /// Instrument id.
    pub instrument: String,
    /// Input JSON as typed.
    pub input: String,
    /// Date as typed.
    pub date: String,
}

/// One stored assessment with its explanation.
pub struct AssessmentLine {
    /// Record id.
    pub id: String,
    /// Date.
    pub date: String,
    /// `<instrument>@<revision>`.
    pub instrument: String,
    /// Explanation lines from the instruments library (missing items listed).
    pub explanation: Vec<String>,
    /// "Delete" link, for the patient on the strength page.
    pub delete: Option<super::delete::DeleteLink>,
}

/// Scores `input` with `instrument`; errors name `input.<field>`.
fn score(state: &AppState, instrument: &str, input: &Value) -> Result<Value, Invalid> {
    if !INSTRUMENTS.iter().any(|(id, _)| *id == instrument) {
        return Err(Invalid::new("instrument", instrument, "mmt8, haq-di, cmas"));
    }
    match state.scorer().score_json(instrument, input) {
        Ok(out) => Ok(out),
        Err(myo_api::ScoreError::Input(e)) => Err(Invalid::new(
            format!("input.{}", e.field),
            e.message,
            e.allowed.unwrap_or_default(),
        )),
        Err(e) => Err(Invalid::new(
            "input",
            e.to_string(),
            "the instrument's input",
        )),
    }
}

/// A validated, scored row ready to store.
pub fn row(
    state: &AppState,
    instrument: &str,
    date: &str,
    input: &Value,
) -> Result<AssessmentRow, Invalid> {
    let date = Date::parse("date", date)?;
    let out = score(state, instrument, input)?;
    let results: Map<String, Value> = KEY_RESULTS
        .iter()
        .filter_map(|k| out.get(*k).map(|v| ((*k).to_owned(), v.clone())))
        .collect();
    Ok(AssessmentRow {
        id: RecordId::random(),
        date: date.to_string(),
        instrument: format!(
            "{instrument}@{}",
            out["revision"]
                .as_str()
                .map_or_else(|| out["revision"].to_string(), str::to_owned)
        ),
        input_json: input.to_string(),
        results_json: Value::Object(results).to_string(),
        updated_at: Timestamp::now(),
    })
}

/// The stored assessments, newest first, each re-scored for its explanation.
pub fn lines(state: &AppState, rows: &[AssessmentRow]) -> Vec<AssessmentLine> {
    let mut out: Vec<AssessmentLine> = rows
        .iter()
        .map(|r| {
            let id = r.instrument.split('@').next().unwrap_or("");
            let explanation = serde_json::from_str::<Value>(&r.input_json)
                .map_err(|e| Invalid::new("input", e.to_string(), "JSON"))
                .and_then(|input| score(state, id, &input))
                .map_or_else(
                    |e| vec![format!("Stored input no longer scores: {e}")],
                    |o| {
                        myo_api::explain_text(&o)
                            .lines()
                            .map(str::to_owned)
                            .collect()
                    },
                );
            AssessmentLine {
                id: r.id.as_str().to_owned(),
                date: r.date.clone(),
                instrument: r.instrument.clone(),
                explanation,
                delete: None,
            }
        })
        .collect();
    out.sort_by(|a, b| b.date.cmp(&a.date));
    out
}

/// `POST /patients/{id}/assessments` (form: `instrument`, `date`, `input` as the instrument's
/// JSON); re-renders the strength page.
pub async fn save(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let f = FormData::parse(&body);
    let form = AssessmentForm {
        instrument: f.get("instrument").to_owned(),
        input: f.get("input").to_owned(),
        date: f.get("date").to_owned(),
    };
    let parsed = serde_json::from_str::<Value>(&form.input)
        .map_err(|e| Invalid::new("input", e.to_string(), "the instrument's input as JSON"))
        .and_then(|input| row(&state, &form.instrument, &form.date, &input));
    let r = match parsed {
        Ok(r) => r,
        Err(e) => {
            return strength_page(&state, &u, &a, &client, (Some(e.into()), false), form, None)
                .await;
        }
    };
    let audit = a.entry(&client, action::CREATE, "assessments", Some(r.id.as_str()));
    db::save(&state, &a.patient.id, Record::Assessment(r), &audit).await?;
    strength_page(
        &state,
        &u,
        &a,
        &client,
        (None, true),
        AssessmentForm::default(),
        None,
    )
    .await
}

/// Body of `POST /api/v1/patients/{id}/assessments`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentDto {
    /// `mmt8`, `haq-di` or `cmas`.
    pub instrument: String,
    /// Day, `YYYY-MM-DD`.
    pub date: String,
    /// The instrument's input, as `POST /api/v1/score/{instrument}` accepts.
    pub input: Value,
}

/// `GET /api/v1/patients/{id}/assessments`: stored inputs, key results and explanations.
pub async fn api_list(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let a = resolve(&state, &me.user, &client, &id, false).await?;
    let entry = a.entry(&client, action::READ, "assessments", None);
    let data = db::load(&state, &a.patient.id, &myo_store::DateRange::all(), &entry).await?;
    let explained = lines(&state, &data.assessments);
    let list: Vec<Value> = explained
        .iter()
        .map(|l| {
            let r = data.assessments.iter().find(|r| r.id.as_str() == l.id);
            let parse = |s: Option<&str>| s.and_then(|s| serde_json::from_str::<Value>(s).ok());
            json!({
                "id": l.id,
                "date": l.date,
                "instrument": l.instrument,
                "input": parse(r.map(|r| r.input_json.as_str())),
                "results": parse(r.map(|r| r.results_json.as_str())),
                "explanation": l.explanation.join("\n"),
            })
        })
        .collect();
    Ok(Json(json!({"count": list.len(), "assessments": list})))
}

/// `POST /api/v1/patients/{id}/assessments` → 201 with `id` and `results`.
pub async fn api_save(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
    ApiJson(dto): ApiJson<AssessmentDto>,
) -> Result<Response, ApiError> {
    let a = resolve(&state, &me.user, &client, &id, true).await?;
    let r = row(&state, &dto.instrument, &dto.date, &dto.input)
        .map_err(|e| ApiError::from(myo_api::InputError::from(e)))?;
    let results = serde_json::from_str::<Value>(&r.results_json).unwrap_or(Value::Null);
    let audit = a.entry(&client, action::CREATE, "assessments", Some(r.id.as_str()));
    let saved = db::save(&state, &a.patient.id, Record::Assessment(r), &audit).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": saved.id().as_str(), "results": results})),
    )
        .into_response())
}
