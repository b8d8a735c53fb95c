//! Export of everything a patient owns: one CSV per record kind (RFC 4180, UTF-8, header row;
//! an empty cell means "not recorded", never zero) and a FHIR R4 `collection` Bundle built by
//! `myo-fhir` through the adapter below (stored rows → `myo_fhir::export::input`). Exports are
//! audited with the `export` verb before anything is sent.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use myo_fhir::Decimal;
use myo_fhir::export::input as fx;
use myo_store::audit::action;
use myo_store::{PatientData, User};

use super::access::resolve_manage;
use super::db;
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::error::ApiError;
use crate::pages::PageError;

/// Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection), with
/// their full-width forms, which some spreadsheets fold to the ASCII ones.
const FORMULA_START: [char; 8] = [
    '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
];

/// Whether a spreadsheet might run `s` as a formula: it starts with tab or carriage return
/// (OWASP triggers), or, after any leading whitespace (which some imports drop), with one of
/// [`FORMULA_START`]. A plain number such as `-5` or `+1.5` is data, not a formula.
fn formula_like(s: &str) -> bool {
    if s.starts_with(['\t', '\r']) {
        return true;
    }
    let rest = s.trim_start();
    rest.starts_with(FORMULA_START) && rest.trim_end().parse::<f64>().is_err()
}

/// One CSV cell, quoted when it must be. A cell a spreadsheet might run as a formula (see
/// [`formula_like`]) is prefixed with `'`, which spreadsheets show as text.
fn cell(s: &str) -> String {
    let s = if formula_like(s) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |x| x.to_string())
}

fn csv(head: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = head.join(",");
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The CSV text of one file, or `None` for an unknown name.
pub fn csv_file(name: &str, d: &PatientData) -> Option<String> {
    Some(match name {
        "diary.csv" => csv(
            &[
                "id",
                "date",
                "weakness",
                "fatigue",
                "pain",
                "rash",
                "itch",
                "sleep_quality",
                "mood",
                "swallowing_trouble",
                "breathlessness",
                "fever",
                "new_skin_sores",
                "note",
            ],
            d.diary
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.date.clone(),
                        opt(r.weakness),
                        opt(r.fatigue),
                        opt(r.pain),
                        opt(r.rash),
                        opt(r.itch),
                        opt(r.sleep_quality),
                        opt(r.mood),
                        opt(r.swallowing_trouble),
                        opt(r.breathlessness),
                        opt(r.fever),
                        opt(r.new_skin_sores),
                        opt(r.note.as_ref()),
                    ]
                })
                .collect(),
        ),
        "labs.csv" => csv(
            &[
                "id",
                "date",
                "analyte",
                "value",
                "unit",
                "range_low",
                "range_high",
                "uln",
                "loinc",
            ],
            d.labs
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.date.clone(),
                        r.analyte.clone(),
                        r.value.clone(),
                        r.unit.clone(),
                        opt(r.range_low.as_ref()),
                        opt(r.range_high.as_ref()),
                        opt(r.uln.as_ref()),
                        opt(r.loinc.as_ref()),
                    ]
                })
                .collect(),
        ),
        "medicines.csv" => csv(
            &[
                "id",
                "name",
                "generic_name",
                "rxcui",
                "dose_amount",
                "dose_unit",
                "route",
                "schedule_kind",
                "schedule",
                "start",
                "end",
                "risk_factor",
                "stop_reason",
                "follows",
            ],
            d.medicines
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.name.clone(),
                        opt(r.generic_name.as_ref()),
                        opt(r.rxcui.as_ref()),
                        r.dose_amount.to_string(),
                        r.dose_unit.clone(),
                        r.route.clone(),
                        r.schedule_kind.clone(),
                        r.schedule_json.clone(),
                        r.start_date.clone(),
                        opt(r.end_date.as_ref()),
                        r.risk_factor.to_string(),
                        opt(r.stop_reason.as_ref()),
                        opt(r.follows.as_ref()),
                    ]
                })
                .collect(),
        ),
        "doses.csv" => csv(
            &["id", "medicine_id", "date", "time", "outcome"],
            d.dose_events
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.medicine_id.to_string(),
                        r.date.clone(),
                        r.time.clone(),
                        r.outcome.clone(),
                    ]
                })
                .collect(),
        ),
        "home_tests.csv" => csv(
            &[
                "id",
                "date",
                "sit_to_stand_30s",
                "timed_up_and_go_s",
                "arm_raise_s",
            ],
            d.home_tests
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.date.clone(),
                        opt(r.sit_to_stand_30s),
                        opt(r.timed_up_and_go_s),
                        opt(r.arm_raise_s),
                    ]
                })
                .collect(),
        ),
        "conditions.csv" => csv(
            &[
                "id",
                "condition",
                "icd10cm",
                "snomed",
                "diagnosed",
                "resolved",
            ],
            d.conditions
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.condition.clone(),
                        opt(r.icd10cm.as_ref()),
                        opt(r.snomed.as_ref()),
                        opt(r.diagnosed.as_ref()),
                        opt(r.resolved.as_ref()),
                    ]
                })
                .collect(),
        ),
        "visits.csv" => csv(
            &[
                "id",
                "date",
                "physician_global",
                "patient_global",
                "extramuscular",
                "mmt8",
                "enzymes",
            ],
            d.visits
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.date.clone(),
                        opt(r.physician_global),
                        opt(r.patient_global),
                        opt(r.extramuscular),
                        opt(r.mmt8_json.as_ref()),
                        r.enzymes_json.clone(),
                    ]
                })
                .collect(),
        ),
        "antibodies.csv" => csv(
            &["id", "date", "antibody", "outcome", "titre", "loinc"],
            d.antibodies
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.date.clone(),
                        r.antibody.clone(),
                        r.outcome.clone(),
                        opt(r.titre.as_ref()),
                        opt(r.loinc.as_ref()),
                    ]
                })
                .collect(),
        ),
        "assessments.csv" => csv(
            &["id", "date", "instrument", "input", "results"],
            d.assessments
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.date.clone(),
                        r.instrument.clone(),
                        r.input_json.clone(),
                        r.results_json.clone(),
                    ]
                })
                .collect(),
        ),
        _ => return None,
    })
}

// ---- FHIR adapter -----------------------------------------------------------------------------

fn dec(field: &str, v: f64) -> Result<Decimal, String> {
    Decimal::from_f64(v).ok_or_else(|| format!("{field}: {v} cannot be written as a FHIR decimal"))
}

fn dec_text(field: &str, v: &str) -> Result<Decimal, String> {
    Decimal::new(v.trim()).map_err(|e| format!("{field}: {e}"))
}

fn weekday(day: &str) -> Option<fx::Weekday> {
    Some(match day {
        "monday" => fx::Weekday::Mon,
        "tuesday" => fx::Weekday::Tue,
        "wednesday" => fx::Weekday::Wed,
        "thursday" => fx::Weekday::Thu,
        "friday" => fx::Weekday::Fri,
        "saturday" => fx::Weekday::Sat,
        "sunday" => fx::Weekday::Sun,
        _ => return None,
    })
}

/// The schedule's local dose times as FHIR `time` (`HH:MM:SS`), so an import can rebuild it.
fn times_of_day(m: &myo_store::MedicineRow) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(&m.schedule_json).unwrap_or_default();
    let one = v["time"].as_str().map(str::to_owned);
    let many = v["times"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t.as_str());
    one.into_iter()
        .chain(many.map(str::to_owned))
        .filter(|t| t.len() == 5)
        .map(|t| format!("{t}:00"))
        .collect()
}

fn schedule(m: &myo_store::MedicineRow, field: &str) -> Result<fx::Schedule, String> {
    use myo_api::tracker::ScheduleDto;
    let dto: ScheduleDto =
        serde_json::from_str(&m.schedule_json).map_err(|e| format!("{field}.schedule: {e}"))?;
    Ok(match dto {
        ScheduleDto::Daily { .. } => fx::Schedule::Daily { times: 1 },
        ScheduleDto::SeveralDaily { times } => fx::Schedule::Daily {
            times: u32::try_from(times.len()).unwrap_or(1),
        },
        ScheduleDto::Weekly { day, .. } => fx::Schedule::Weekly {
            day: weekday(&day).ok_or_else(|| format!("{field}.schedule.day: {day}"))?,
        },
        ScheduleDto::EveryNWeeks { n, .. } => fx::Schedule::EveryNWeeks {
            weeks: n,
            day: None,
        },
        ScheduleDto::Course { dates, .. } => fx::Schedule::Course { dates },
        ScheduleDto::Taper { steps, .. } => {
            let mut from = myo_tracker::Date::parse("start", &m.start_date)
                .map_err(|e| format!("{field}.start: {e}"))?;
            let mut out = Vec::new();
            for (i, s) in steps.iter().enumerate() {
                let days = i32::try_from(s.days.max(1)).unwrap_or(1);
                let to = from.add_days(days - 1);
                out.push(fx::TaperStep {
                    from: from.to_string(),
                    to: to.to_string(),
                    dose: dec(&format!("{field}.schedule.steps[{i}]"), s.dose.amount)?,
                    times_per_day: 1,
                });
                from = to.add_days(1);
            }
            fx::Schedule::Taper { steps: out }
        }
    })
}

/// Converts stored rows into the FHIR export's input. NaN or infinite numbers are refused with
/// the field named (FHIR cannot carry them).
pub fn fhir_input(
    rules: &myo_tracker::Rules,
    patient: &User,
    d: &PatientData,
    today: &str,
) -> Result<fx::PatientRecords, String> {
    // Curated labels from the tracker's reference data, so codings and texts read as people
    // name the tests, not as internal ids.
    let analyte_label = |id: &str| {
        myo_tracker::labs::Analyte::ALL
            .into_iter()
            .find(|a| a.id() == id)
            .map_or_else(|| id.to_owned(), |a| rules.analyte(a).label.clone())
    };
    let antibody_label = |id: &str| {
        myo_tracker::records::AntibodyKind::ALL
            .into_iter()
            .find(|a| a.id() == id)
            .map_or_else(|| format!("anti-{id}"), |a| rules.antibody(a).label.clone())
    };
    let condition_label = |id: &str| {
        myo_tracker::records::ConditionKind::ALL
            .into_iter()
            .find(|c| c.id() == id)
            .map_or_else(
                || id.replace('_', " "),
                |c| rules.condition(c).label.clone(),
            )
    };
    let mut r = fx::PatientRecords {
        patient: fx::PatientInfo {
            id: patient.id.as_str().to_owned(),
            name: Some(patient.display_name.clone()).filter(|n| !n.is_empty()),
            birth_date: d.profile.as_ref().and_then(|p| p.birth_date.clone()),
            // Only R4 administrative-gender codes are written; any other stored value is left out.
            gender: d
                .profile
                .as_ref()
                .and_then(|p| p.sex.as_deref())
                .map(str::to_ascii_lowercase)
                .filter(|g| ["male", "female", "other", "unknown"].contains(&g.as_str())),
        },
        ..fx::PatientRecords::default()
    };
    for (i, row) in d.diary.iter().enumerate() {
        let f = format!("diary[{i}]");
        let ratings = [
            (fx::DiaryRating::Weakness, row.weakness),
            (fx::DiaryRating::Fatigue, row.fatigue),
            (fx::DiaryRating::Pain, row.pain),
            (fx::DiaryRating::Rash, row.rash),
            (fx::DiaryRating::Itch, row.itch),
            (fx::DiaryRating::SleepQuality, row.sleep_quality),
            (fx::DiaryRating::Mood, row.mood),
        ];
        let answers = [
            (fx::DiaryQuestion::SwallowingTrouble, row.swallowing_trouble),
            (fx::DiaryQuestion::Breathlessness, row.breathlessness),
            (fx::DiaryQuestion::Fever, row.fever),
            (fx::DiaryQuestion::NewSkinSores, row.new_skin_sores),
        ];
        r.diary.push(fx::DiaryEntry {
            id: row.id.to_string(),
            date: row.date.clone(),
            ratings: ratings
                .into_iter()
                .filter_map(|(k, v)| v.map(|v| dec(&f, v).map(|d| (k, d))))
                .collect::<Result<_, _>>()?,
            answers: answers
                .into_iter()
                .filter_map(|(k, v)| v.map(|v| (k, v)))
                .collect(),
            note: row.note.clone(),
        });
    }
    for (i, row) in d.labs.iter().enumerate() {
        let f = format!("labs[{i}]");
        let high = row.range_high.as_ref().or(row.uln.as_ref());
        r.labs.push(fx::LabResult {
            id: row.id.to_string(),
            date: row.date.clone(),
            name: analyte_label(&row.analyte),
            loinc: row.loinc.clone(),
            value: dec_text(&f, &row.value)?,
            unit: row.unit.clone(),
            low: row
                .range_low
                .as_deref()
                .map(|v| dec_text(&f, v))
                .transpose()?,
            high: high.map(|v| dec_text(&f, v)).transpose()?,
        });
    }
    for (i, row) in d.home_tests.iter().enumerate() {
        let f = format!("home_tests[{i}]");
        let tests = [
            (
                fx::MeasureKind::SitToStand30s,
                row.sit_to_stand_30s,
                "{count}",
                "sts",
            ),
            (
                fx::MeasureKind::TimedUpAndGo,
                row.timed_up_and_go_s,
                "s",
                "tug",
            ),
            (fx::MeasureKind::ArmRaise, row.arm_raise_s, "s", "arm"),
        ];
        for (kind, v, unit, suffix) in tests {
            if let Some(v) = v {
                r.measures.push(fx::Measure {
                    id: format!("{}-{suffix}", row.id),
                    date: row.date.clone(),
                    kind,
                    value: dec(&f, v)?,
                    unit: unit.to_owned(),
                });
            }
        }
    }
    for (i, row) in d.visits.iter().enumerate() {
        let f = format!("visits[{i}]");
        let globals = [
            (
                fx::MeasureKind::PhysicianGlobalActivity,
                row.physician_global,
                "pg",
            ),
            (
                fx::MeasureKind::PatientGlobalActivity,
                row.patient_global,
                "ptg",
            ),
            (
                fx::MeasureKind::ExtramuscularActivity,
                row.extramuscular,
                "em",
            ),
        ];
        for (kind, v, suffix) in globals {
            if let Some(v) = v {
                r.measures.push(fx::Measure {
                    id: format!("{}-{suffix}", row.id),
                    date: row.date.clone(),
                    kind,
                    value: dec(&f, v)?,
                    unit: "{score}".to_owned(),
                });
            }
        }
    }
    for (i, row) in d.medicines.iter().enumerate() {
        let f = format!("medicines[{i}]");
        let status = match &row.end_date {
            Some(e) if e.as_str() < today => fx::MedicineStatus::Completed,
            _ => fx::MedicineStatus::Active,
        };
        r.medicines.push(fx::Medicine {
            id: row.id.to_string(),
            name: row.name.clone(),
            rxnorm: row.rxcui.clone(),
            dose: dec(&f, row.dose_amount)?,
            dose_unit: row.dose_unit.clone(),
            route: Some(row.route.clone()),
            schedule: schedule(row, &f)?,
            status,
            start: Some(row.start_date.clone()),
            end: row.end_date.clone(),
            times_of_day: times_of_day(row),
        });
    }
    // Doses marked taken or missed, for the medicines exported above.
    for row in d
        .dose_events
        .iter()
        .filter(|e| r.medicines.iter().any(|m| m.id == e.medicine_id.as_str()))
    {
        r.dose_events.push(fx::DoseEvent {
            id: row.id.to_string(),
            medicine_id: row.medicine_id.to_string(),
            date: row.date.clone(),
            time: row.time.clone(),
            taken: row.outcome == "taken",
        });
    }
    for row in &d.conditions {
        // Rows hold only codes the tracker's rules mark verified (see `convert`), as FHIR.md asks.
        let code = |c: &Option<String>| {
            c.clone().map(|code| fx::CodeRef {
                code,
                display: None,
            })
        };
        r.conditions.push(fx::ConditionRecord {
            id: row.id.to_string(),
            text: condition_label(&row.condition),
            icd10cm: code(&row.icd10cm),
            snomed: code(&row.snomed),
            status: if row.resolved.is_some() {
                fx::ConditionStatus::Resolved
            } else {
                fx::ConditionStatus::Active
            },
            onset: row.diagnosed.clone(),
            abatement: row.resolved.clone(),
        });
    }
    for row in &d.antibodies {
        r.antibodies.push(fx::AntibodyResult {
            id: row.id.to_string(),
            date: row.date.clone(),
            antibody: antibody_label(&row.antibody),
            loinc: row.loinc.clone(),
            value: match row.outcome.as_str() {
                "positive" => fx::AntibodyValue::Positive,
                "negative" => fx::AntibodyValue::Negative,
                _ => fx::AntibodyValue::Indeterminate,
            },
            titre: row.titre.clone(),
        });
    }
    Ok(r)
}

/// Stored MMT-8, HAQ-DI and CMAS assessments as instrument results. Each stored input is scored
/// again by the same instruments library (so title, status, total and missing items come from
/// one place); an incomplete assessment has no total and names its missing items.
fn instrument_results(
    state: &AppState,
    rows: &[myo_store::AssessmentRow],
) -> Result<Vec<fx::InstrumentResult>, String> {
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let field = format!("assessments[{i}]");
            let (id, revision) = row
                .instrument
                .split_once('@')
                .unwrap_or((&row.instrument, "1"));
            let input: serde_json::Value =
                serde_json::from_str(&row.input_json).map_err(|e| format!("{field}: {e}"))?;
            let out = state
                .scorer()
                .score_json(id, &input)
                .map_err(|e| format!("{field}: {e}"))?;
            // HAQ-DI reports its index as `haq_di`; MMT-8 and CMAS as `total`.
            let total = ["total", "haq_di"]
                .iter()
                .find_map(|k| out.get(*k).and_then(serde_json::Value::as_f64))
                .map(|v| dec(&field, v))
                .transpose()?;
            let missing_items = out
                .get("missing")
                .and_then(serde_json::Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let title = super::assessments::INSTRUMENTS
                .iter()
                .find(|(known, _)| *known == id)
                .map_or(id, |(_, label)| label);
            Ok(fx::InstrumentResult {
                id: row.id.to_string(),
                date: row.date.clone(),
                instrument_id: id.to_owned(),
                revision: revision
                    .parse()
                    .map_err(|_| format!("{field}.instrument: bad revision"))?,
                title: title.to_owned(),
                status: if out.get("status").and_then(serde_json::Value::as_str) == Some("verified")
                {
                    fx::DefinitionStatus::Verified
                } else {
                    fx::DefinitionStatus::Partial
                },
                total,
                unit: "{score}".to_owned(),
                missing_items,
                scale: scale(&field, &out)?,
            })
        })
        .collect()
}

/// The scale of a total that reports its maximum (`max_score`: MMT-8 80 or 150 by `mode`).
fn scale(field: &str, out: &serde_json::Value) -> Result<Option<fx::Scale>, String> {
    let Some(max) = out.get("max_score").and_then(serde_json::Value::as_f64) else {
        return Ok(None);
    };
    let mode = out.get("mode").and_then(serde_json::Value::as_str);
    Ok(Some(fx::Scale {
        low: dec(field, 0.0)?,
        high: dec(field, max)?,
        text: format!(
            "0 to {max}{}",
            mode.map_or(String::new(), |m| format!(" ({m})"))
        ),
    }))
}

/// The FHIR R4 Bundle JSON of everything the patient owns.
pub fn fhir_bundle(state: &AppState, patient: &User, d: &PatientData) -> Result<String, String> {
    // A medicine that ended before the person's today (in their time zone) is completed.
    let today = super::safety::person_today(d.profile.as_ref())
        .map(|t| t.to_string())
        .unwrap_or_default();
    let mut input = fhir_input(state.rules(), patient, d, &today)?;
    input.instruments = instrument_results(state, &d.assessments)?;
    let options = myo_fhir::export::ExportOptions {
        base_url: format!("{}/fhir", state.base_url().trim_end_matches('/')),
        generated_at: myo_store::Timestamp::now().to_rfc3339(),
    };
    let bundle = myo_fhir::export::patient_bundle(&input, &options).map_err(|e| e.to_string())?;
    myo_fhir::to_string_pretty(&bundle).map_err(|e| e.to_string())
}

fn download(content_type: &'static str, name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /patients/{id}/export/{kind}` (`diary.csv`, `labs.csv`, …): owner only.
pub async fn csv_page(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path((id, kind)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let a = resolve_manage(&state, &u.user, &client, &id).await?;
    if !super::kinds::KINDS.iter().any(|k| k.csv.0 == kind) {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            "There is no page at this address.".into(),
        ));
    }
    let entry = a.entry(&client, action::EXPORT, "patient_records", Some(&kind));
    let data = db::export(&state, &a.patient.id, &entry).await?;
    let body = csv_file(&kind, &data).unwrap_or_default();
    Ok(download(
        "text/csv; charset=utf-8",
        &format!("myo-{kind}"),
        body,
    ))
}

/// `GET /patients/{id}/export/fhir.json`: owner only.
pub async fn fhir_page(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let a = resolve_manage(&state, &u.user, &client, &id).await?;
    let entry = a.entry(&client, action::EXPORT, "patient_records", Some("fhir"));
    let data = db::export(&state, &a.patient.id, &entry).await?;
    let body = fhir_bundle(&state, &a.patient, &data)
        .map_err(|e| PageError(StatusCode::INTERNAL_SERVER_ERROR, e))?;
    Ok(download(
        "application/fhir+json",
        "myo-fhir-bundle.json",
        body,
    ))
}

/// The bundle as an API response.
pub fn fhir_api(state: &AppState, patient: &User, d: &PatientData) -> Result<Response, ApiError> {
    let body = fhir_bundle(state, patient, d).map_err(|e| ApiError::internal(&e))?;
    Ok(([(header::CONTENT_TYPE, "application/fhir+json")], body).into_response())
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formula_guard_covers_the_owasp_triggers_and_their_bypasses() {
        for bad in [
            "=1+1",
            "+1+1",
            "-1+1",
            "@SUM(A1)",
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "\t=1+1",
            "\r=1+1",
            "\t",
            "\rtext",
            " =1+1",
            "\u{a0}=1+1",
            "\u{3000}=1+1",
            "\n=1+1",
            "\u{ff1d}1+1",
            "\u{ff0b}1",
            "\u{ff0d}1",
            "\u{ff20}SUM(A1)",
            "-2+3+cmd|' /C calc'!A0",
            "=cmd|' /C calc'!A0",
        ] {
            let out = cell(bad);
            let inner = out.trim_start_matches('"');
            assert!(inner.starts_with('\''), "{bad:?} -> {out:?}");
        }
        for data in [
            "-5",
            "+1.5",
            " -5 ",
            "12",
            "a=b",
            "note - with dash",
            "e-mail@x",
        ] {
            let out = cell(data);
            assert!(
                !out.trim_start_matches('"').starts_with('\''),
                "{data:?} -> {out:?}"
            );
        }
        assert_eq!(cell("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}
