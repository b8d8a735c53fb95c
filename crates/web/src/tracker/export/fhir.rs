//! The adapter from stored rows to `myo-fhir`'s export input, and the Bundle.

use super::*;

// ---- FHIR adapter -----------------------------------------------------------------------------

pub(super) fn dec(field: &str, v: f64) -> Result<Decimal, String> {
    Decimal::from_f64(v).ok_or_else(|| format!("{field}: {v} cannot be written as a FHIR decimal"))
}

pub(super) fn dec_text(field: &str, v: &str) -> Result<Decimal, String> {
    Decimal::new(v.trim()).map_err(|e| format!("{field}: {e}"))
}

pub(super) fn weekday(day: &str) -> Option<fx::Weekday> {
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
pub(super) fn times_of_day(m: &myo_store::MedicineRow) -> Vec<String> {
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

pub(super) fn schedule(m: &myo_store::MedicineRow, field: &str) -> Result<fx::Schedule, String> {
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
pub(super) fn instrument_results(
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
            let title = super::super::assessments::INSTRUMENTS
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
pub(super) fn scale(field: &str, out: &serde_json::Value) -> Result<Option<fx::Scale>, String> {
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
    let today = super::super::safety::person_today(d.profile.as_ref())
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
