//! Visits: the core set measures per visit (physician and patient global activity,
//! extramuscular activity, MMT-8 grades, CK with its upper limit of normal), and the Total
//! Improvement Score between any two chosen visits, computed by the instruments library through
//! the same JSON path as `POST /api/v1/score/tis-2016`. HAQ-DI is not entered here, so a TIS
//! computed from these visits names function as missing (a lower bound), never as zero.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use myo_store::audit::action;
use myo_store::{Record, RecordId, Timestamp, VisitRow};
use myo_tracker::{Date, Invalid};
use serde_json::{Map, Value, json};

use super::access::{Access, resolve};
use super::db;
use super::pages::{FormData, FormError, Frame, layout};
use crate::AppState;
use crate::auth::{Client, CurrentUser, SignedIn};
use crate::pages::{Layout, PageError, render};

/// One visit as listed.
pub struct VisitLine {
    /// Record id.
    pub id: String,
    /// Date.
    pub date: String,
    /// The measures in words.
    pub measures: String,
}

#[derive(Template)]
#[template(path = "tracker_visits.html")]
struct VisitsPage {
    l: Layout,
    f: Frame,
    date: String,
    groups: Vec<&'static str>,
    error: Option<FormError>,
    saved: bool,
    visits: Vec<VisitLine>,
    tis: Option<Vec<String>>,
    tis_error: Option<String>,
    baseline: String,
    followup: String,
}

fn global(f: &FormData, name: &str) -> Result<Option<f64>, Invalid> {
    match f.get(name) {
        "" => Ok(None),
        v => {
            let x = v
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| Invalid::new(name, format!("'{v}' is not a number"), "0 to 10"))?;
            if (0.0..=10.0).contains(&x) {
                Ok(Some(x))
            } else {
                Err(Invalid::new(name, format!("{x}"), "0 to 10"))
            }
        }
    }
}

/// The MMT-8 input (unilateral, as the instruments' API JSON) and its total, if any grade.
fn mmt8_json(state: &AppState, f: &FormData) -> Result<Option<(Value, Option<i64>)>, Invalid> {
    let mut grades = Map::new();
    let mut any = false;
    for g in myo_instruments::mmt8::GROUP_IDS {
        let v = match f.get(&format!("mmt8_{g}")) {
            "" => Value::Null,
            x => {
                any = true;
                json!(x.parse::<i64>().map_err(|_| Invalid::new(
                    format!("mmt8.grades.{g}"),
                    format!("'{x}'"),
                    "a grade 0 to 10"
                ))?)
            }
        };
        grades.insert(g.to_owned(), v);
    }
    if !any {
        return Ok(None);
    }
    let input = json!({"mode": "unilateral", "grades": grades});
    let out = state
        .scorer()
        .score_json(myo_instruments::mmt8::ID, &input)
        .map_err(|e| Invalid::new("mmt8", e.to_string(), "grades 0 to 10"))?;
    Ok(Some((input, out["total"].as_i64())))
}

fn enzymes_json(f: &FormData) -> Result<Value, Invalid> {
    let value = global_any(f, "ck_value")?;
    let uln = global_any(f, "ck_uln")?;
    Ok(match (value, uln) {
        (Some(v), Some(u)) if u > 0.0 => json!([{"analyte": "ck", "value": v, "uln": u}]),
        (None, None) => json!([]),
        _ => {
            return Err(Invalid::new(
                "ck_uln",
                "give the CK value and its upper limit of normal together",
                "both, ULN > 0",
            ));
        }
    })
}

fn global_any(f: &FormData, name: &str) -> Result<Option<f64>, Invalid> {
    match f.get(name) {
        "" => Ok(None),
        v => v
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite() && *x >= 0.0)
            .map(Some)
            .ok_or_else(|| Invalid::new(name, format!("'{v}'"), "a number ≥ 0")),
    }
}

fn words(state: &AppState, v: &VisitRow) -> String {
    let o = |x: Option<f64>| x.map_or_else(|| "not assessed".to_owned(), |x| format!("{x}/10"));
    let mmt = v
        .mmt8_json
        .as_deref()
        .and_then(|j| serde_json::from_str::<Value>(j).ok())
        .and_then(|j| {
            state
                .scorer()
                .score_json(myo_instruments::mmt8::ID, &j)
                .ok()
        })
        .and_then(|out| out["total"].as_i64())
        .map_or_else(|| "not complete".to_owned(), |t| format!("{t}/80"));
    let ck = serde_json::from_str::<Value>(&v.enzymes_json)
        .ok()
        .and_then(|e| e.get(0).cloned())
        .map_or_else(
            || "not measured".to_owned(),
            |e| format!("{} (ULN {})", e["value"], e["uln"]),
        );
    format!(
        "physician global {}, patient global {}, extramuscular {}, MMT-8 {mmt}, CK {ck}",
        o(v.physician_global),
        o(v.patient_global),
        o(v.extramuscular)
    )
}

/// The TIS input of one stored visit (the instruments' JSON shape).
fn tis_visit(state: &AppState, v: &VisitRow) -> Value {
    let mmt = v
        .mmt8_json
        .as_deref()
        .and_then(|j| serde_json::from_str::<Value>(j).ok())
        .and_then(|j| {
            state
                .scorer()
                .score_json(myo_instruments::mmt8::ID, &j)
                .ok()
        })
        .and_then(|out| out["total"].as_i64());
    let mut enzymes = Map::new();
    if let Ok(Value::Array(list)) = serde_json::from_str::<Value>(&v.enzymes_json) {
        for e in list {
            if let Some(a) = e["analyte"].as_str() {
                enzymes.insert(a.to_owned(), json!({"value": e["value"], "uln": e["uln"]}));
            }
        }
    }
    json!({
        "physician_global": v.physician_global,
        "patient_global": v.patient_global,
        "extramuscular": v.extramuscular,
        "mmt": mmt,
        "enzymes": enzymes,
    })
}

/// TIS between two of the patient's visits, as explanation lines; `Err` names the problem.
fn tis(
    state: &AppState,
    visits: &[VisitRow],
    baseline: &str,
    followup: &str,
) -> Result<Vec<String>, String> {
    let find = |id: &str, field: &str| {
        visits
            .iter()
            .find(|v| v.id.as_str() == id)
            .ok_or_else(|| format!("{field}: choose one of the listed visits"))
    };
    let (b, f) = (find(baseline, "baseline")?, find(followup, "followup")?);
    let input = json!({
        "population": "adult",
        "mmt_max": 80,
        "baseline": tis_visit(state, b),
        "followup": tis_visit(state, f),
    });
    let out = state
        .scorer()
        .score_json(myo_instruments::tis::ID, &input)
        .map_err(|e| e.to_string())?;
    let mut lines = vec![format!("Baseline {} → follow-up {}.", b.date, f.date)];
    lines.extend(myo_api::explain_text(&out).lines().map(str::to_owned));
    Ok(lines)
}

async fn visits_page(
    state: &AppState,
    u: &CurrentUser,
    a: &Access,
    client: &Client,
    query: Option<&str>,
    outcome: (Option<FormError>, bool),
) -> Result<Response, PageError> {
    let entry = a.entry(client, action::READ, "visits", None);
    let data = db::load(state, &a.patient.id, &myo_store::DateRange::all(), &entry).await?;
    let q = FormData::parse(query.unwrap_or("").as_bytes());
    let (baseline, followup) = (q.get("baseline").to_owned(), q.get("followup").to_owned());
    let (tis, tis_error) = if baseline.is_empty() || followup.is_empty() {
        (None, None)
    } else {
        match tis(state, &data.visits, &baseline, &followup) {
            Ok(lines) => (Some(lines), None),
            Err(e) => (None, Some(e)),
        }
    };
    let (error, saved) = outcome;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let today = super::today().map(|d| d.to_string()).unwrap_or_default();
    let mut res = render(&VisitsPage {
        l: layout(state, u, "Visits"),
        f: Frame::new(a, "visits"),
        date: today,
        groups: myo_instruments::mmt8::GROUP_IDS.to_vec(),
        error,
        saved,
        visits: data
            .visits
            .iter()
            .map(|v| VisitLine {
                id: v.id.to_string(),
                date: v.date.clone(),
                measures: words(state, v),
            })
            .collect(),
        tis,
        tis_error,
        baseline,
        followup,
    });
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /patients/{id}/visits[?baseline=&followup=]`
pub async fn visits(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, false).await?;
    visits_page(&state, &u, &a, &client, query.as_deref(), (None, false)).await
}

/// `POST /patients/{id}/visits`
pub async fn save_visit(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let f = FormData::parse(&body);
    let row = (|| {
        let date = Date::parse("date", f.get("date"))?;
        Ok::<_, Invalid>(VisitRow {
            id: RecordId::random(),
            date: date.to_string(),
            physician_global: global(&f, "physician_global")?,
            patient_global: global(&f, "patient_global")?,
            extramuscular: global(&f, "extramuscular")?,
            mmt8_json: mmt8_json(&state, &f)?.map(|(j, _)| j.to_string()),
            haq_json: None,
            cmas_json: None,
            enzymes_json: enzymes_json(&f)?.to_string(),
            updated_at: Timestamp::now(),
        })
    })();
    let row = match row {
        Ok(r) => r,
        Err(e) => return visits_page(&state, &u, &a, &client, None, (Some(e.into()), false)).await,
    };
    let audit = a.entry(&client, action::CREATE, "visits", Some(row.id.as_str()));
    db::save(&state, &a.patient.id, Record::Visit(row), &audit).await?;
    visits_page(&state, &u, &a, &client, None, (None, true)).await
}
