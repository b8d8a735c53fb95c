//! Visits: the core set measures per visit (physician and patient global activity,
//! extramuscular activity, MMT-8 grades, CK with its upper limit of normal), and the Total
//! Improvement Score between any two chosen visits, computed by the instruments library through
//! the same JSON path as `POST /api/v1/score/tis-2016`. HAQ-DI is not entered here, so a TIS
//! computed from these visits names function as missing (a lower bound), never as zero.

use askama::Template;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use myo_store::audit::action;
use myo_store::{AssessmentRow, PatientData, Record, RecordId, Timestamp, VisitRow};
use myo_tracker::{Date, Invalid, Phrase, Worded};
use serde_json::{Map, Value, json};

use super::access::resolve;
use super::db;
use super::pages::{Ctx, FormData, FormError, Frame, Outcome, RecordPage, layout, respond};
use crate::AppState;
use crate::auth::{ApiUser, Client};
use crate::error::{ApiError, ApiJson};
use crate::i18n::{Tr, words as say};
use crate::pages::{Layout, PageError};

/// One visit as listed.
pub struct VisitLine {
    /// Record id.
    pub id: String,
    /// Date.
    pub date: String,
    /// The measures in words.
    pub measures: String,
    /// "Delete" link, for the patient.
    pub delete: Option<super::delete::DeleteLink>,
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
    /// The score's citation, in its own (English) words, on pages in other languages (an
    /// English page has it among the lines).
    tis_source: Option<String>,
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
                .ok_or_else(|| {
                    Invalid::new(name, format!("'{v}' is not a number"), "0 to 10")
                        .with(myo_tracker::Worded::new("invalid-global-not-number").text("text", v))
                })?;
            if (0.0..=10.0).contains(&x) {
                Ok(Some(x))
            } else {
                Err(Invalid::new(name, format!("{x}"), "0 to 10")
                    .with(myo_tracker::Worded::new("invalid-global-range").num("value", x)))
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
                json!(x.parse::<i64>().map_err(|_| {
                    Invalid::new(
                        format!("mmt8.grades.{g}"),
                        format!("'{x}'"),
                        "a grade 0 to 10",
                    )
                    .with(myo_tracker::Worded::new("invalid-grade").text("text", x))
                })?)
            }
        };
        grades.insert(g.to_owned(), v);
    }
    if !any {
        return Ok(None);
    }
    let input = json!({"mode": "unilateral", "grades": grades});
    let total = check_mmt8(state, &input)?;
    Ok(Some((input, total)))
}

/// Scores an MMT-8 input (the instrument checks it); errors name `mmt8.<field>`.
pub fn check_mmt8(state: &AppState, input: &Value) -> Result<Option<i64>, Invalid> {
    match state.scorer().score_json(myo_instruments::mmt8::ID, input) {
        Ok(out) => Ok(out["total"].as_i64()),
        Err(myo_api::ScoreError::Input(e)) => Err(Invalid::new(
            format!("mmt8.{}", e.field),
            e.message,
            e.allowed.unwrap_or_default(),
        )),
        Err(e) => Err(Invalid::new("mmt8", e.to_string(), "an mmt8 input")),
    }
}

/// A visit row from the API's DTO.
pub fn visit_row(state: &AppState, dto: &myo_api::tracker::VisitDto) -> Result<VisitRow, Invalid> {
    let date = dto.check()?;
    if let Some(m) = &dto.mmt8 {
        check_mmt8(state, m)?;
    }
    Ok(VisitRow {
        id: RecordId::random(),
        date: date.to_string(),
        physician_global: dto.physician_global,
        patient_global: dto.patient_global,
        extramuscular: dto.extramuscular,
        mmt8_json: dto.mmt8.as_ref().map(Value::to_string),
        haq_json: None,
        cmas_json: None,
        enzymes_json: serde_json::to_string(&dto.enzymes).unwrap_or_else(|_| "[]".into()),
        updated_at: Timestamp::now(),
    })
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
            )
            .with(myo_tracker::Worded::new("invalid-ck-pair")));
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
            .ok_or_else(|| {
                Invalid::new(name, format!("'{v}'"), "a number ≥ 0")
                    .with(myo_tracker::Worded::new("invalid-not-negative-text").text("text", v))
            }),
    }
}

/// A visit's measures in words ("not assessed" where nothing was recorded).
pub fn words(state: &AppState, v: &VisitRow) -> String {
    measures(state, v).english
}

/// A visit's measures in `tr`'s language.
pub fn words_in(state: &AppState, tr: &Tr, v: &VisitRow) -> String {
    say::phrase(tr, &measures(state, v))
}

/// A visit's measures, in English and as data.
fn measures(state: &AppState, v: &VisitRow) -> Phrase {
    let o = |x: Option<f64>| x.map_or_else(|| "not assessed".to_owned(), |x| format!("{x}/10"));
    let ow = |x: Option<f64>| {
        x.map_or_else(
            || Worded::new("visit-not-assessed"),
            |x| Worded::new("visit-of-ten").num("value", x),
        )
    };
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
    let ck = serde_json::from_str::<Value>(&v.enzymes_json)
        .ok()
        .and_then(|e| e.get(0).cloned());
    let english = format!(
        "physician global {}, patient global {}, extramuscular {}, MMT-8 {}, CK {}",
        o(v.physician_global),
        o(v.patient_global),
        o(v.extramuscular),
        mmt.map_or_else(|| "not complete".to_owned(), |t| format!("{t}/80")),
        ck.as_ref().map_or_else(
            || "not measured".to_owned(),
            |e| format!("{} (ULN {})", e["value"], e["uln"]),
        )
    );
    let worded = Worded::new("visit-measures")
        .part("physician", ow(v.physician_global))
        .part("patient", ow(v.patient_global))
        .part("extramuscular", ow(v.extramuscular))
        .part(
            "mmt",
            mmt.map_or_else(
                || Worded::new("visit-mmt-not-complete"),
                |t| Worded::new("visit-mmt-total").num("total", t),
            ),
        )
        .part(
            "ck",
            ck.map_or_else(
                || Worded::new("visit-ck-not-measured"),
                |e| {
                    Worded::new("visit-ck")
                        .num("value", &e["value"])
                        .num("uln", &e["uln"])
                },
            ),
        );
    Phrase::new(english, worded)
}

/// Days either side of a visit within which a stored HAQ-DI assessment stands in for a visit
/// without one (a product choice, not a published rule; the result names the assessment used).
pub const HAQ_WINDOW_DAYS: i32 = 30;

/// HAQ-DI for a visit: its own, else the nearest stored HAQ-DI assessment within
/// [`HAQ_WINDOW_DAYS`] that the instrument could score; `None` = missing (never invented).
fn visit_haq(
    state: &AppState,
    v: &VisitRow,
    assessments: &[AssessmentRow],
) -> Option<(f64, Phrase)> {
    let score = |j: &str| {
        let input = serde_json::from_str::<Value>(j).ok()?;
        let out = state
            .scorer()
            .score_json(myo_instruments::haq::ID, &input)
            .ok()?;
        out["haq_di"].as_f64()
    };
    if let Some(x) = v.haq_json.as_deref().and_then(score) {
        return Some((
            x,
            Phrase::new(
                format!("the visit of {}", v.date),
                Worded::new("tis-haq-from-visit").date("date", &v.date),
            ),
        ));
    }
    let day = Date::parse("date", &v.date).ok()?;
    assessments
        .iter()
        .filter(|a| a.instrument.split('@').next() == Some(myo_instruments::haq::ID))
        .filter_map(|a| {
            let d = Date::parse("date", &a.date).ok()?;
            let gap = day.days_until(d).abs();
            (gap <= HAQ_WINDOW_DAYS).then_some((gap, a))
        })
        .min_by_key(|(gap, a)| (*gap, a.date.clone()))
        .and_then(|(_, a)| {
            Some((
                score(&a.input_json)?,
                Phrase::new(
                    format!("the HAQ-DI assessment of {}", a.date),
                    Worded::new("tis-haq-from-assessment").date("date", &a.date),
                ),
            ))
        })
}

/// The TIS input of one stored visit (the instruments' JSON shape).
fn tis_visit(state: &AppState, v: &VisitRow, haq: Option<f64>) -> Value {
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
        "haq": haq,
        "mmt": mmt,
        "enzymes": enzymes,
    })
}

/// TIS between two of the patient's visits, as explanation lines in `tr`'s language, and, in
/// a language other than English, the citation apart (it keeps its English words); `Err` names
/// the problem.
fn tis(
    state: &AppState,
    tr: &Tr,
    data: &PatientData,
    baseline: &str,
    followup: &str,
) -> Result<(Vec<String>, Option<String>), String> {
    let (b, f, out, sources) = tis_parts(state, data, baseline, followup)?;
    let mut lines = vec![say::phrase(
        tr,
        &Phrase::new(
            format!("Baseline {} → follow-up {}.", b.date, f.date),
            Worded::new("tis-visits")
                .date("baseline", &b.date)
                .date("followup", &f.date),
        ),
    )];
    for ((side, side_id), source) in [
        ("baseline", "tis-side-baseline"),
        ("followup", "tis-side-followup"),
    ]
    .into_iter()
    .zip(sources)
    {
        let line = match source {
            Some(src) => Phrase::new(
                format!("Function ({side}): HAQ-DI from {}.", src.english),
                Worded::new("tis-function-from")
                    .part("side", Worded::new(side_id))
                    .part("source", src.worded),
            ),
            None => Phrase::new(
                format!(
                    "Function ({side}): no HAQ-DI at the visit or within {HAQ_WINDOW_DAYS} days; reported missing."
                ),
                Worded::new("tis-function-missing")
                    .part("side", Worded::new(side_id))
                    .num("days", HAQ_WINDOW_DAYS),
            ),
        };
        lines.push(say::phrase(tr, &line));
    }
    if say::is_source(tr) {
        lines.extend(myo_api::explain_text(&out).lines().map(str::to_owned));
        Ok((lines, None))
    } else {
        lines.extend(super::tis_words::result_lines(tr, &out));
        Ok((lines, super::tis_words::source(&out)))
    }
}

/// The `tis-2016` result JSON for two of the patient's visits, plus `haq_source` (where each
/// side's HAQ-DI came from, `null` = missing).
pub fn tis_json<'v>(
    state: &AppState,
    data: &'v PatientData,
    baseline: &str,
    followup: &str,
) -> Result<(&'v VisitRow, &'v VisitRow, Value), String> {
    tis_parts(state, data, baseline, followup).map(|(b, f, out, _)| (b, f, out))
}

/// Where each side's HAQ-DI came from (`None`: missing).
type HaqSources = [Option<Phrase>; 2];

/// [`tis_json`] with where each side's HAQ-DI came from, as phrases.
fn tis_parts<'v>(
    state: &AppState,
    data: &'v PatientData,
    baseline: &str,
    followup: &str,
) -> Result<(&'v VisitRow, &'v VisitRow, Value, HaqSources), String> {
    let find = |id: &str, field: &str| {
        data.visits
            .iter()
            .find(|v| v.id.as_str() == id)
            .ok_or_else(|| format!("{field}: choose one of the listed visits"))
    };
    let (b, f) = (find(baseline, "baseline")?, find(followup, "followup")?);
    let (hb, hf) = (
        visit_haq(state, b, &data.assessments),
        visit_haq(state, f, &data.assessments),
    );
    let input = json!({
        "population": "adult",
        "mmt_max": 80,
        "baseline": tis_visit(state, b, hb.as_ref().map(|h| h.0)),
        "followup": tis_visit(state, f, hf.as_ref().map(|h| h.0)),
    });
    let mut out = state
        .scorer()
        .score_json(myo_instruments::tis::ID, &input)
        .map_err(|e| e.to_string())?;
    out["haq_source"] = json!({
        "baseline": hb.as_ref().map(|h| h.1.english.clone()),
        "followup": hf.as_ref().map(|h| h.1.english.clone()),
    });
    Ok((b, f, out, [hb.map(|h| h.1), hf.map(|h| h.1)]))
}

/// The visits page (`/patients/{id}/visits[?baseline=&followup=][&done=deleted]`).
pub struct Visits;

impl RecordPage for Visits {
    async fn render(cx: &Ctx<'_>, out: Outcome) -> Result<Response, PageError> {
        visits_page(cx, out).await
    }

    fn parse(state: &AppState, f: &FormData, _today: Date) -> Result<Record, Invalid> {
        let date = Date::parse("date", f.get("date"))?;
        Ok(Record::Visit(VisitRow {
            id: RecordId::random(),
            date: date.to_string(),
            physician_global: global(f, "physician_global")?,
            patient_global: global(f, "patient_global")?,
            extramuscular: global(f, "extramuscular")?,
            mmt8_json: mmt8_json(state, f)?.map(|(j, _)| j.to_string()),
            haq_json: None,
            cmas_json: None,
            enzymes_json: enzymes_json(f)?.to_string(),
            updated_at: Timestamp::now(),
        }))
    }
}

async fn visits_page(cx: &Ctx<'_>, out: Outcome) -> Result<Response, PageError> {
    let Ctx {
        state,
        u,
        a,
        client,
    } = *cx;
    let query = out.query.as_deref();
    let entry = a.entry(client, action::READ, "visits", None);
    let data = db::load(state, &a.patient.id, &myo_store::DateRange::all(), &entry).await?;
    let q = FormData::parse(query.unwrap_or("").as_bytes());
    let (baseline, followup) = (q.get("baseline").to_owned(), q.get("followup").to_owned());
    let (tis, tis_source, tis_error) = if baseline.is_empty() || followup.is_empty() {
        (None, None, None)
    } else {
        match tis(state, &state.tr(u.locale.lang), &data, &baseline, &followup) {
            Ok((lines, source)) => (Some(lines), source, None),
            Err(e) => (None, None, Some(e)),
        }
    };
    // The picker starts at the first and the latest visit, never the same one twice.
    let first = data
        .visits
        .first()
        .map(|v| v.id.to_string())
        .unwrap_or_default();
    let latest = data
        .visits
        .last()
        .map(|v| v.id.to_string())
        .unwrap_or_default();
    let baseline = if baseline.is_empty() { first } else { baseline };
    let followup = if followup.is_empty() {
        latest
    } else {
        followup
    };
    let refused = out.error.is_some();
    let edited = super::edit::edited(state, a).await?;
    let today = super::pages::today_for(state, a).await?.to_string();
    Ok(respond(
        &VisitsPage {
            l: layout(state, u, &state.tr(u.locale.lang).t("tab-visits")),
            f: Frame::new(a, "visits").with_notice(out.notice),
            date: today,
            groups: myo_instruments::mmt8::GROUP_IDS.to_vec(),
            error: out.error,
            saved: out.saved,
            visits: data
                .visits
                .iter()
                .map(|v| VisitLine {
                    id: v.id.to_string(),
                    date: crate::i18n::date(u.locale.lang, &v.date),
                    measures: words_in(state, &state.tr(u.locale.lang), v),
                    delete: a.is_owner().then(|| {
                        let mut l = super::delete::link(
                            a.patient_id(),
                            myo_store::RecordKind::Visit,
                            &v.id,
                            state.tr(u.locale.lang).t1(
                                "visits-delete-label",
                                "date",
                                crate::i18n::date(u.locale.lang, &v.date),
                            ),
                        );
                        l.mark(&edited);
                        l
                    }),
                })
                .collect(),
            tis,
            tis_source,
            tis_error,
            baseline,
            followup,
        },
        refused,
    ))
}

// ---- JSON API --------------------------------------------------------------------------------

/// `GET /api/v1/patients/{id}/visits`
pub async fn api_list(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let a = resolve(&state, &me.user, &client, &id, false).await?;
    let entry = a.entry(&client, action::READ, "visits", None);
    let data = db::load(&state, &a.patient.id, &myo_store::DateRange::all(), &entry).await?;
    let visits: Vec<Value> = data
        .visits
        .iter()
        .map(|v| {
            json!({
                "id": v.id.as_str(),
                "date": v.date,
                "physician_global": v.physician_global,
                "patient_global": v.patient_global,
                "extramuscular": v.extramuscular,
                "mmt8": v.mmt8_json.as_deref().and_then(|j| serde_json::from_str::<Value>(j).ok()),
                "enzymes": serde_json::from_str::<Value>(&v.enzymes_json).unwrap_or(json!([])),
            })
        })
        .collect();
    Ok(Json(json!({"count": visits.len(), "visits": visits})))
}

/// `POST /api/v1/patients/{id}/visits`
pub async fn api_save(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
    ApiJson(dto): ApiJson<myo_api::tracker::VisitDto>,
) -> Result<Response, ApiError> {
    let a = resolve(&state, &me.user, &client, &id, true).await?;
    let row = visit_row(&state, &dto).map_err(|e| ApiError::from(myo_api::InputError::from(e)))?;
    super::api::create(&state, &a, &client, Record::Visit(row), json!({})).await
}

/// `GET /api/v1/patients/{id}/tis?baseline=&followup=`: the `tis-2016` result (the same JSON as
/// `POST /score/tis-2016`), with function (HAQ) missing unless recorded.
pub async fn api_tis(
    State(state): State<AppState>,
    me: ApiUser,
    client: Client,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let a = resolve(&state, &me.user, &client, &id, false).await?;
    let entry = a.entry(&client, action::READ, "visits", None);
    let data = db::load(&state, &a.patient.id, &myo_store::DateRange::all(), &entry).await?;
    let q = FormData::parse(query.unwrap_or_default().as_bytes());
    let (_, _, out) =
        tis_json(&state, &data, q.get("baseline"), q.get("followup")).map_err(|e| {
            let (field, msg) = e.split_once(": ").unwrap_or(("baseline", e.as_str()));
            ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", msg).with_field(field)
        })?;
    Ok(Json(out))
}
