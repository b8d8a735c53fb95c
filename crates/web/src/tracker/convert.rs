//! Storage rows (`myo-store`) ↔ tracker domain values (`myo-tracker`). Every row is validated
//! again on load (a medicine goes through `Medicine::accept`, so a stored row can never bypass the
//! weekly methotrexate guard); a row that no longer validates is skipped and logged, never shown
//! as something it is not.

use myo_api::tracker::ScheduleDto;
use myo_instruments::Catalog;
use myo_store::Timestamp;
use myo_store::{
    AntibodyRow, ConditionRow, DiaryRow, DoseEventRow, HomeTestRow, LabRow, MedicineRow,
    MonitoringTestRow, PatientData, RecordId,
};
use myo_store::{AssessmentRow, VisitRow};
use myo_tracker::labs::{Analyte, LabResult, RefRange, Unit};
use myo_tracker::medicines::{DoseOutcome, DoseRecord, Medicine, MedicineInput};
use myo_tracker::monitoring::TestKind;
use myo_tracker::records::{
    AntibodyResult, Condition, DiaryEntry, HomeTests, Rating, Symptom, Visit, VisitEnzyme,
};
use myo_tracker::summary::PatientRecords;
use myo_tracker::{Date, Invalid, Rules};

/// A diary row for `entry` (id chosen by the caller; the store keeps the day's existing id).
pub fn diary_row(entry: &DiaryEntry, now: Timestamp) -> DiaryRow {
    DiaryRow {
        id: RecordId::random(),
        date: entry.date().to_string(),
        weakness: entry.rating(Rating::Weakness),
        fatigue: entry.rating(Rating::Fatigue),
        pain: entry.rating(Rating::Pain),
        rash: entry.rating(Rating::Rash),
        itch: entry.rating(Rating::Itch),
        sleep_quality: entry.rating(Rating::SleepQuality),
        mood: entry.rating(Rating::Mood),
        swallowing_trouble: entry.symptom(Symptom::SwallowingTrouble),
        breathlessness: entry.symptom(Symptom::Breathlessness),
        fever: entry.symptom(Symptom::Fever),
        new_skin_sores: entry.symptom(Symptom::NewSkinSores),
        note: entry.note().map(str::to_owned),
        updated_at: now,
    }
}

/// The domain entry of a stored row.
pub fn diary_entry(r: &DiaryRow) -> Result<DiaryEntry, Invalid> {
    let date = Date::parse("date", &r.date)?;
    let ratings: Vec<(Rating, f64)> = [
        (Rating::Weakness, r.weakness),
        (Rating::Fatigue, r.fatigue),
        (Rating::Pain, r.pain),
        (Rating::Rash, r.rash),
        (Rating::Itch, r.itch),
        (Rating::SleepQuality, r.sleep_quality),
        (Rating::Mood, r.mood),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect();
    let symptoms: Vec<(Symptom, bool)> = [
        (Symptom::SwallowingTrouble, r.swallowing_trouble),
        (Symptom::Breathlessness, r.breathlessness),
        (Symptom::Fever, r.fever),
        (Symptom::NewSkinSores, r.new_skin_sores),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect();
    DiaryEntry::new(date, &ratings, &symptoms, r.note.as_deref())
}

/// A cited code's text when its status is verified (partial codes are never written out).
fn verified(c: Option<&myo_tracker::rules::CitedCode>) -> Option<String> {
    c.filter(|c| c.status == myo_tracker::Status::Verified)
        .map(|c| c.code.clone())
}

fn num(v: f64) -> String {
    format!("{v}")
}

/// A lab row for a validated result.
pub fn lab_row(l: &LabResult, now: Timestamp) -> LabRow {
    let (range_low, range_high, uln) = match l.range {
        RefRange::Interval { low, high } => (Some(num(low)), Some(num(high)), None),
        RefRange::Uln(u) => (None, None, Some(num(u))),
        RefRange::NotGiven => (None, None, None),
    };
    LabRow {
        id: RecordId::random(),
        date: l.date.to_string(),
        analyte: l.analyte.id().to_owned(),
        value: num(l.value),
        unit: l.unit.ucum().to_owned(),
        range_low,
        range_high,
        uln,
        loinc: verified(l.loinc.as_ref()),
        updated_at: now,
    }
}

fn parse_num(field: &str, s: &str) -> Result<f64, Invalid> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| Invalid::new(field, format!("'{s}' is not a number"), "a decimal number"))
}

/// The domain result of a stored row.
pub fn lab_result(rules: &Rules, r: &LabRow) -> Result<LabResult, Invalid> {
    let analyte = Analyte::parse("analyte", &r.analyte)?;
    let unit = Unit::parse(&r.unit)
        .ok_or_else(|| Invalid::new("unit", format!("unknown unit '{}'", r.unit), "UCUM"))?;
    let opt = |f: &str, v: &Option<String>| v.as_deref().map(|s| parse_num(f, s)).transpose();
    let range = match (
        opt("range_low", &r.range_low)?,
        opt("range_high", &r.range_high)?,
        opt("uln", &r.uln)?,
    ) {
        (Some(low), Some(high), _) => RefRange::Interval { low, high },
        (_, _, Some(u)) | (None, Some(u), None) => RefRange::Uln(u),
        _ => RefRange::NotGiven,
    };
    LabResult::new(
        rules,
        analyte,
        parse_num("value", &r.value)?,
        unit,
        range,
        Date::parse("date", &r.date)?,
    )
}

/// A medicine row for an accepted medicine.
pub fn medicine_row(m: &Medicine, risk_factor: bool, now: Timestamp) -> MedicineRow {
    let i = m.input();
    let schedule = ScheduleDto::from_domain(&i.schedule);
    MedicineRow {
        id: RecordId::random(),
        name: i.name.clone(),
        generic_name: i.generic_name.clone(),
        rxcui: i.rxcui.clone(),
        dose_amount: i.dose.amount,
        dose_unit: i.dose.unit.as_str().to_owned(),
        route: myo_api::tracker::route_name(i.route).to_owned(),
        schedule_kind: i.schedule.kind().to_owned(),
        schedule_json: serde_json::to_string(&schedule).unwrap_or_default(),
        start_date: i.start.to_string(),
        end_date: i.end.map(|e| e.to_string()),
        risk_factor,
        updated_at: now,
        confirmation: None,
        stop_reason: None,
        follows: None,
    }
}

/// The wire DTO of a stored medicine row (not yet accepted).
pub fn medicine_dto(r: &MedicineRow) -> Result<myo_api::tracker::MedicineDto, Invalid> {
    let schedule: ScheduleDto = serde_json::from_str(&r.schedule_json)
        .map_err(|e| Invalid::new("schedule", e.to_string(), "a stored schedule"))?;
    Ok(myo_api::tracker::MedicineDto {
        name: r.name.clone(),
        generic_name: r.generic_name.clone(),
        rxcui: r.rxcui.clone(),
        dose: myo_api::tracker::DoseDto {
            amount: r.dose_amount,
            unit: r.dose_unit.clone(),
        },
        route: r.route.clone(),
        schedule,
        start: r.start_date.clone(),
        end: r.end_date.clone(),
        confirmation: r.confirmation.clone(),
    })
}

/// The accepted domain medicine of a stored row (the guard runs again).
pub fn medicine(rules: &Rules, r: &MedicineRow) -> Result<Medicine, Invalid> {
    let input: MedicineInput = medicine_dto(r)?.to_input()?;
    Medicine::accept(rules, input).map(|a| a.medicine)
}

/// A dose record of a stored dose event.
pub fn dose_record(r: &DoseEventRow) -> Result<DoseRecord, Invalid> {
    Ok(DoseRecord {
        date: Date::parse("date", &r.date)?,
        time: myo_api::tracker::parse_time("time", &r.time)?,
        outcome: match r.outcome.as_str() {
            "taken" => DoseOutcome::Taken,
            "missed" => DoseOutcome::Missed,
            other => {
                return Err(Invalid::new(
                    "outcome",
                    format!("'{other}'"),
                    "taken or missed",
                ));
            }
        },
    })
}

/// A condition row (codes as cited by the tracker's rules; only verified codes are exported).
pub fn condition_row(c: &Condition, resolved: Option<Date>, now: Timestamp) -> ConditionRow {
    ConditionRow {
        id: RecordId::random(),
        condition: c.kind.id().to_owned(),
        icd10cm: verified(c.icd10cm.as_ref()),
        snomed: verified(c.snomed.as_ref()),
        diagnosed: c.diagnosed.map(|d| d.to_string()),
        resolved: resolved.map(|d| d.to_string()),
        updated_at: now,
    }
}

/// The wire DTO of a stored condition row.
pub fn condition_dto(r: &ConditionRow) -> myo_api::tracker::ConditionDto {
    myo_api::tracker::ConditionDto {
        condition: r.condition.clone(),
        diagnosed: r.diagnosed.clone(),
        resolved: r.resolved.clone(),
        icd10cm: r.icd10cm.clone(),
        snomed: r.snomed.clone(),
    }
}

/// The domain condition of a stored row (codes re-attached from the rules).
pub fn condition(rules: &Rules, r: &ConditionRow) -> Result<Condition, Invalid> {
    condition_dto(r).to_domain(rules).map(|(c, _)| c)
}

/// An antibody row for a validated result.
pub fn antibody_row(a: &AntibodyResult, now: Timestamp) -> AntibodyRow {
    AntibodyRow {
        id: RecordId::random(),
        date: a.date.to_string(),
        antibody: a.kind.id().to_owned(),
        outcome: myo_api::tracker::outcome_name(a.outcome).to_owned(),
        titre: a.titre.clone(),
        loinc: verified(a.loinc.as_ref()),
        updated_at: now,
    }
}

/// The domain result of a stored antibody row.
pub fn antibody(rules: &Rules, r: &AntibodyRow) -> Result<AntibodyResult, Invalid> {
    myo_api::tracker::AntibodyDto {
        antibody: r.antibody.clone(),
        outcome: r.outcome.clone(),
        titre: r.titre.clone(),
        date: r.date.clone(),
        loinc: None,
    }
    .to_domain(rules)
}

/// The domain home tests of a stored row.
pub fn home_tests(r: &HomeTestRow) -> Result<HomeTests, Invalid> {
    let sts = r
        .sit_to_stand_30s
        .map(|v| {
            if v >= 0.0 && v.fract() == 0.0 && v <= f64::from(u32::MAX) {
                // Checked above: a whole, non-negative count that fits.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Ok(v as u32)
            } else {
                Err(Invalid::new(
                    "sit_to_stand_30s",
                    format!("{v}"),
                    "a whole count",
                ))
            }
        })
        .transpose()?;
    HomeTests::new(
        Date::parse("date", &r.date)?,
        sts,
        r.timed_up_and_go_s,
        r.arm_raise_s,
    )
}

fn test_done(r: &MonitoringTestRow) -> Option<(TestKind, Date)> {
    let kind = TestKind::ALL.into_iter().find(|k| k.id() == r.test)?;
    Some((kind, Date::parse("date", &r.date).ok()?))
}

/// Logs a stored row that no longer validates (rules changed); it is left out, never guessed.
pub(crate) fn skip<T>(kind: &str, id: &RecordId, r: Result<T, Invalid>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            tracing::warn!(kind, id = %id, error = %e, "stored tracker row no longer validates");
            None
        }
    }
}

/// A stored instrument input (JSON text) as its typed input; errors name `field`.
fn instrument<T>(
    field: &str,
    json: Option<&str>,
    parse: impl Fn(&serde_json::Value) -> Result<T, myo_api::InputError>,
) -> Result<Option<T>, Invalid> {
    let Some(text) = json else { return Ok(None) };
    let v: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Invalid::new(field, e.to_string(), "instrument input JSON"))?;
    parse(&v).map(Some).map_err(|e| {
        Invalid::new(
            format!("{field}.{}", e.field),
            e.message,
            e.allowed.unwrap_or_default(),
        )
    })
}

/// A stored visit as the tracker's visit (instrument inputs parsed by the instruments' API).
pub fn visit(catalog: &Catalog, r: &VisitRow) -> Result<Visit, Invalid> {
    let enzymes: Vec<serde_json::Value> = serde_json::from_str(&r.enzymes_json)
        .map_err(|e| Invalid::new("enzymes", e.to_string(), "a JSON array"))?;
    let enzymes = enzymes
        .iter()
        .map(|e| {
            Ok(VisitEnzyme {
                analyte: Analyte::parse("enzymes.analyte", e["analyte"].as_str().unwrap_or(""))?,
                value: e["value"]
                    .as_f64()
                    .ok_or_else(|| Invalid::new("enzymes.value", "missing", "a number"))?,
                uln: e["uln"]
                    .as_f64()
                    .ok_or_else(|| Invalid::new("enzymes.uln", "missing", "a number"))?,
            })
        })
        .collect::<Result<Vec<_>, Invalid>>()?;
    Ok(Visit {
        date: Date::parse("date", &r.date)?,
        physician_global: r.physician_global,
        patient_global: r.patient_global,
        extramuscular: r.extramuscular,
        mmt8: instrument("mmt8", r.mmt8_json.as_deref(), myo_api::mmt8_input)?,
        haq: instrument("haq", r.haq_json.as_deref(), |v| {
            myo_api::haq_input(catalog, v)
        })?,
        cmas: instrument("cmas", r.cmas_json.as_deref(), myo_api::cmas_input)?,
        enzymes,
    })
}

/// A stored assessment as a measures-only entry (no globals, no enzymes), so MMT-8, HAQ-DI and
/// CMAS entered on the strength page join the trend chart and the summary's strength section.
pub fn assessment_visit(catalog: &Catalog, r: &AssessmentRow) -> Result<Visit, Invalid> {
    let id = r.instrument.split('@').next().unwrap_or("");
    let json = Some(r.input_json.as_str());
    let mut v = Visit {
        date: Date::parse("date", &r.date)?,
        physician_global: None,
        patient_global: None,
        extramuscular: None,
        mmt8: None,
        haq: None,
        cmas: None,
        enzymes: Vec::new(),
    };
    match id {
        myo_instruments::mmt8::ID => v.mmt8 = instrument("input", json, myo_api::mmt8_input)?,
        myo_instruments::haq::ID => {
            v.haq = instrument("input", json, |x| myo_api::haq_input(catalog, x))?;
        }
        myo_instruments::cmas::ID => v.cmas = instrument("input", json, myo_api::cmas_input)?,
        other => return Err(Invalid::new("instrument", other, "mmt8, haq-di, cmas")),
    }
    Ok(v)
}

/// The tracker's view of a patient's stored data.
pub fn records(rules: &Rules, catalog: &Catalog, d: &PatientData) -> PatientRecords {
    PatientRecords {
        diary: d
            .diary
            .iter()
            .filter_map(|r| skip("diary", &r.id, diary_entry(r)))
            .collect(),
        home_tests: d
            .home_tests
            .iter()
            .filter_map(|r| skip("home_test", &r.id, home_tests(r)))
            .collect(),
        labs: d
            .labs
            .iter()
            .filter_map(|r| skip("lab", &r.id, lab_result(rules, r)))
            .collect(),
        medicines: d
            .medicines
            .iter()
            .filter_map(|r| skip("medicine", &r.id, medicine(rules, r)))
            .collect(),
        visits: {
            let mut v: Vec<Visit> = d
                .visits
                .iter()
                .filter_map(|r| skip("visit", &r.id, visit(catalog, r)))
                .chain(
                    d.assessments
                        .iter()
                        .filter_map(|r| skip("assessment", &r.id, assessment_visit(catalog, r))),
                )
                .collect();
            v.sort_by_key(|x| x.date);
            v
        },
        conditions: d
            .conditions
            .iter()
            .filter_map(|r| skip("condition", &r.id, condition(rules, r)))
            .collect(),
        antibodies: d
            .antibodies
            .iter()
            .filter_map(|r| skip("antibody", &r.id, antibody(rules, r)))
            .collect(),
        tests_done: d.monitoring_tests.iter().filter_map(test_done).collect(),
    }
}
