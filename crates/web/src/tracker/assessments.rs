//! Strength and function assessments (MMT-8, HAQ-DI, CMAS) entered on the strength page or the
//! JSON API. The instruments library scores each input before it is stored (record kind
//! `assessments`: input JSON, key results, `<instrument>@<revision>`); lists re-score the stored
//! input so the explanation (missing items named, never scored as normal) is always shown.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use myo_store::audit::action;
use myo_store::{AssessmentRow, Record, RecordId, Timestamp};
use myo_tracker::{Date, Invalid};
use serde_json::{Map, Value, json};

use super::access::resolve;
use super::db;
use super::pages::{Ctx, FormData, Outcome, RecordPage, strength_page};
use crate::AppState;
use crate::auth::{ApiUser, Client};
use crate::error::{ApiError, ApiJson};
use crate::pages::PageError;

/// Instruments that may be stored as assessments (wire id, label).
pub const INSTRUMENTS: [(&str, &str); 3] = [
    (myo_instruments::mmt8::ID, "MMT-8 (manual muscle testing)"),
    (myo_instruments::haq::ID, "HAQ-DI (function questionnaire)"),
    (myo_instruments::cmas::ID, "CMAS (children)"),
];

/// Whether the profile's birth date makes the person under 18 on `today` (unknown: no).
pub fn is_child(profile: Option<&myo_store::PatientProfile>, today: myo_tracker::Date) -> bool {
    profile
        .and_then(|p| p.birth_date.as_deref())
        .and_then(|b| myo_tracker::Date::parse("birth_date", b).ok())
        .is_some_and(|born| {
            let (y, m, d) = born.ymd();
            let (ty, tm, td) = today.ymd();
            let age = ty - y - i32::from((tm, td) < (m, d));
            (0..18).contains(&age)
        })
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

/// The assessment form on the strength page (`POST /patients/{id}/assessments`: `instrument`,
/// `date`, `input` as the instrument's JSON); it re-renders the strength page.
pub struct Assessments;

impl RecordPage for Assessments {
    async fn render(cx: &Ctx<'_>, out: Outcome) -> Result<Response, PageError> {
        strength_page(cx, out).await
    }

    fn parse(state: &AppState, f: &FormData, _today: Date) -> Result<Record, Invalid> {
        let input = serde_json::from_str::<Value>(f.get("input"))
            .map_err(|e| Invalid::new("input", e.to_string(), "the instrument's input as JSON"))?;
        row(state, f.get("instrument"), f.get("date"), &input).map(Record::Assessment)
    }
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
    super::api::create(
        &state,
        &a,
        &client,
        Record::Assessment(r),
        json!({"results": results}),
    )
    .await
}
