//! FHIR R4 import for a patient: a Bundle from a hospital portal becomes a preview of tracker
//! records (labs and antibodies by LOINC, myositis conditions by SNOMED CT or ICD-10-CM,
//! medicines from MedicationStatement/MedicationRequest), each refused entry named with its
//! path and the field in a patient's words. Nothing here writes: [`plan`] is pure and the
//! handlers save only what the person confirms.
//!
//! Every value goes through the tracker's own checks (the API's DTOs, `Medicine::accept` with
//! the weekly-only guard, the lab plausibility and future-date checks, the dose check), so an
//! import accepts exactly what the forms accept. FHIR's own rules are checked first: real
//! calendar dates and times with a zone, ids, the required status codes and units of time,
//! and UCUM units.

use myo_api::tracker::{
    AntibodyDto, ConditionDto, DoseDto, LabResultDto, MedicineDto, ScheduleDto,
};
use myo_kb::Kb;
use myo_store::{PatientData, Record, Timestamp};
use myo_tracker::medicines::Medicine;
use myo_tracker::{Date, Invalid, Rules};
use serde_json::Value;

use super::ehr;
use crate::tracker::{convert, safety};

/// One record the import would add.
#[derive(Debug, Clone)]
pub struct Item {
    /// Index of the Bundle entry it came from.
    pub entry: usize,
    /// What it is, in words (`Lab result: Creatine kinase (CK) 850 U/L on 2026-11-20`).
    pub summary: String,
    /// The record to save.
    pub record: Record,
    /// Table name, for the audit entry.
    pub table: &'static str,
    key: String,
}

/// An entry that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The JSON path (`entry[3].resource.effectiveDateTime`).
    pub path: String,
    /// The field in a patient's words (`Date`).
    pub field: String,
    /// What is wrong and what would do.
    pub message: String,
    /// The tracker's refusal, when it was one (so a page can word it in its language).
    pub invalid: Option<Box<Invalid>>,
}

/// What an import would do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Records to add.
    pub add: Vec<Item>,
    /// Entries refused, each with its reason.
    pub refused: Vec<Problem>,
    /// Entries already in the person's records (or twice in the file).
    pub duplicates: Vec<String>,
    /// Entries of kinds Myo does not track (kept out, not an error).
    pub skipped: Vec<String>,
}

/// What the planner reads.
pub struct Ctx<'a> {
    /// The tracker rules (codes, units, guards).
    pub rules: &'a Rules,
    /// The KB (usual doses).
    pub kb: &'a Kb,
    /// The person's today.
    pub today: Date,
}

fn problem(path: &str, field: &str, message: impl Into<String>) -> Problem {
    Problem {
        path: path.to_owned(),
        field: field.to_owned(),
        message: message.into(),
        invalid: None,
    }
}

/// A tracker refusal, with the field in the words the forms use.
fn refused(at: &str, e: &Invalid) -> Problem {
    Problem {
        invalid: Some(Box::new(e.clone())),
        ..problem(
            &format!("{at} ({})", e.field),
            &safety::field_label(&e.field),
            format!("{} (allowed: {})", e.problem, e.allowed),
        )
    }
}

/// `[A-Za-z0-9\-\.]{1,64}` (FHIR R4 `id`).
fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

fn two(s: &str, at: usize) -> Option<u32> {
    s.get(at..at + 2)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|d| d.parse().ok())
}

/// A FHIR `date` or `dateTime`: the day must exist; a time needs hours < 24, minutes and
/// seconds < 60 and a zone (`Z` or `±hh:mm`). Returns the day.
pub fn fhir_day(text: &str) -> Result<Date, String> {
    let bad =
        || format!("'{text}' is not a real date (YYYY-MM-DD, with a time zone if a time is given)");
    let day = Date::parse("date", text.get(..10).ok_or_else(bad)?).map_err(|_| bad())?;
    let rest = &text[10..];
    if rest.is_empty() {
        return Ok(day);
    }
    let time = rest.strip_prefix('T').ok_or_else(bad)?;
    let (h, m, s) = (two(time, 0), two(time, 3), two(time, 6));
    let shape = time.get(2..3) == Some(":") && time.get(5..6) == Some(":");
    match (h, m, s) {
        (Some(h), Some(m), Some(s)) if shape && h < 24 && m < 60 && s < 60 => {}
        _ => return Err(bad()),
    }
    let mut zone = &time[8..];
    if let Some(frac) = zone.strip_prefix('.') {
        zone = frac.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let zone_ok = zone == "Z"
        || (zone.len() == 6
            && matches!(&zone[..1], "+" | "-")
            && two(zone, 1).is_some_and(|h| h <= 14)
            && zone.get(3..4) == Some(":")
            && two(zone, 4).is_some_and(|m| m < 60));
    if zone_ok { Ok(day) } else { Err(bad()) }
}

/// Statuses allowed by the R4 required bindings, per resource type.
fn statuses(kind: &str) -> &'static [&'static str] {
    match kind {
        "Observation" => &[
            "registered",
            "preliminary",
            "final",
            "amended",
            "corrected",
            "cancelled",
            "entered-in-error",
            "unknown",
        ],
        "MedicationStatement" => &[
            "active",
            "completed",
            "entered-in-error",
            "intended",
            "stopped",
            "on-hold",
            "unknown",
            "not-taken",
        ],
        "MedicationRequest" => &[
            "active",
            "on-hold",
            "cancelled",
            "completed",
            "entered-in-error",
            "stopped",
            "draft",
            "unknown",
        ],
        _ => &[],
    }
}

/// Checks `id` and `status` (required binding); `Err` names the first problem.
fn check_common(r: &Value, at: &str, kind: &str) -> Result<(), Problem> {
    if let Some(id) = r.get("id")
        && !id.as_str().is_some_and(valid_id)
    {
        return Err(problem(
            &format!("{at}.id"),
            "Record id",
            "an id has 1 to 64 letters, digits, '-' or '.'",
        ));
    }
    let allowed = statuses(kind);
    if !allowed.is_empty() && !r["status"].as_str().is_some_and(|s| allowed.contains(&s)) {
        return Err(problem(
            &format!("{at}.status"),
            "Status",
            format!("the status must be one of: {}", allowed.join(", ")),
        ));
    }
    Ok(())
}

fn lab_or_antibody(
    ctx: &Ctx<'_>,
    r: &Value,
    at: &str,
    entry: usize,
) -> Result<Option<Item>, Problem> {
    let lab = ehr::analyte(ctx.rules, &r["code"]);
    let antibody = ehr::antibody(ctx.rules, &r["code"]);
    if lab.is_none() && antibody.is_none() {
        return Ok(None);
    }
    let date_path = format!("{at}.effectiveDateTime");
    let date_text = r["effectiveDateTime"]
        .as_str()
        .ok_or_else(|| problem(&date_path, "Date", "the date of the test is missing"))?;
    let day = fhir_day(date_text).map_err(|m| problem(&date_path, "Date", m))?;
    let date = day.to_string();
    if let Some(def) = lab {
        let q = &r["valueQuantity"];
        let value = q["value"].as_f64().ok_or_else(|| {
            problem(
                &format!("{at}.valueQuantity.value"),
                "Value",
                "the result is not a number",
            )
        })?;
        if q["system"] != myo_fhir::systems::UCUM {
            return Err(problem(
                &format!("{at}.valueQuantity.system"),
                "Unit",
                "the unit is not given as a UCUM unit (http://unitsofmeasure.org)",
            ));
        }
        let unit = q["code"].as_str().unwrap_or_default().to_owned();
        let range = &r["referenceRange"][0];
        let dto = LabResultDto {
            analyte: def.analyte.id().to_owned(),
            value,
            unit,
            low: range["low"]["value"].as_f64(),
            high: range["high"]["value"].as_f64(),
            uln: None,
            date,
            loinc: None,
        };
        let result = dto.to_domain(ctx.rules).map_err(|e| refused(at, &e))?;
        safety::check_lab(ctx.rules, &result, ctx.today).map_err(|e| refused(at, &e))?;
        let row = convert::lab_row(&result, Timestamp::now());
        return Ok(Some(Item {
            entry,
            summary: format!(
                "Lab result: {} {} {} on {}",
                def.label,
                value,
                result.unit.display(),
                result.date
            ),
            key: format!("lab|{}|{}|{}|{}", row.analyte, row.date, value, row.unit),
            record: Record::Lab(row),
            table: "lab_results",
        }));
    }
    let def = antibody.ok_or_else(|| problem(at, "Test", "unknown test"))?;
    let outcome = match ehr::is_positive(r) {
        Some(true) => "positive",
        Some(false) => "negative",
        None => {
            return Err(problem(
                &format!("{at}.valueCodeableConcept"),
                "Result",
                "the result must say positive or negative",
            ));
        }
    };
    let dto = AntibodyDto {
        antibody: def.kind.id().to_owned(),
        outcome: outcome.to_owned(),
        titre: None,
        date,
        loinc: None,
    };
    let result = dto.to_domain(ctx.rules).map_err(|e| refused(at, &e))?;
    if result.date > ctx.today {
        return Err(problem(&date_path, "Date", "the date is in the future"));
    }
    let row = convert::antibody_row(&result, Timestamp::now());
    Ok(Some(Item {
        entry,
        summary: format!("Antibody: {} {outcome} on {}", def.label, result.date),
        key: format!("antibody|{}|{}|{}", row.antibody, row.date, row.outcome),
        record: Record::Antibody(row),
        table: "antibody_results",
    }))
}

fn condition(ctx: &Ctx<'_>, r: &Value, at: &str, entry: usize) -> Result<Option<Item>, Problem> {
    let Some(def) = ehr::condition(ctx.rules, &r["code"]) else {
        return Ok(None);
    };
    let day_of = |field: &str| -> Result<Option<String>, Problem> {
        match r[field].as_str() {
            None => Ok(None),
            Some(t) => fhir_day(t)
                .map(|d| Some(d.to_string()))
                .map_err(|m| problem(&format!("{at}.{field}"), "Date", m)),
        }
    };
    let dto = ConditionDto {
        condition: def.kind.id().to_owned(),
        diagnosed: day_of("onsetDateTime")?,
        resolved: day_of("abatementDateTime")?,
        icd10cm: None,
        snomed: None,
    };
    let (c, resolved) = dto.to_domain(ctx.rules).map_err(|e| refused(at, &e))?;
    let row = convert::condition_row(&c, resolved, Timestamp::now());
    Ok(Some(Item {
        entry,
        summary: format!(
            "Condition: {}{}",
            def.label,
            row.diagnosed
                .as_deref()
                .map_or(String::new(), |d| format!(", diagnosed {d}"))
        ),
        key: format!("condition|{}", row.condition),
        record: Record::Condition(row),
        table: "conditions",
    }))
}

const DAYS: [(&str, &str); 7] = [
    ("mon", "monday"),
    ("tue", "tuesday"),
    ("wed", "wednesday"),
    ("thu", "thursday"),
    ("fri", "friday"),
    ("sat", "saturday"),
    ("sun", "sunday"),
];

const UNITS_OF_TIME: [&str; 7] = ["s", "min", "h", "d", "wk", "mo", "a"];

/// SNOMED CT route codes (R4 example binding) and words.
fn route(dosage: &Value) -> Option<&'static str> {
    let coded = ehr::codes(&dosage["route"], myo_fhir::systems::SNOMED)
        .into_iter()
        .find_map(|c| match c {
            "26643006" => Some("oral"),
            "34206005" => Some("subcutaneous"),
            "78421000" => Some("intramuscular"),
            "47625008" => Some("intravenous"),
            "6064005" => Some("topical"),
            _ => None,
        });
    coded.or_else(|| {
        let text = dosage["route"]["text"].as_str()?.to_lowercase();
        myo_api::tracker::ROUTES
            .iter()
            .map(|(name, _)| *name)
            .find(|name| text.contains(name))
            .or_else(|| text.contains("mouth").then_some("oral"))
    })
}

/// The schedule a FHIR Timing describes, with `time` for every dose (`None` when the file
/// gives no time of day: a placeholder is used so the guards still run, then the entry is
/// refused for the missing time).
fn schedule(timing: &Value, at: &str) -> Result<(ScheduleDto, bool), Problem> {
    let repeat = &timing["repeat"];
    let path = format!("{at}.timing.repeat");
    let unit = repeat["periodUnit"].as_str().unwrap_or("");
    if !UNITS_OF_TIME.contains(&unit) {
        return Err(problem(
            &format!("{path}.periodUnit"),
            "How often",
            format!(
                "the unit of time must be one of {}",
                UNITS_OF_TIME.join(", ")
            ),
        ));
    }
    let times: Vec<String> = repeat["timeOfDay"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|t| t.get(..5).map(str::to_owned))
        .collect();
    let has_time = !times.is_empty();
    let time = times.first().cloned().unwrap_or_else(|| "00:00".to_owned());
    let frequency = repeat["frequency"].as_u64().unwrap_or(1);
    let period = repeat["period"].as_f64().unwrap_or(0.0);
    let whole = |p: f64| {
        (p.fract().abs() < f64::EPSILON && (1.0..=1000.0).contains(&p)).then_some(p as u32)
    };
    let weekly = |n: u32| -> Result<ScheduleDto, Problem> {
        if n > 1 {
            return Ok(ScheduleDto::EveryNWeeks {
                n,
                time: time.clone(),
            });
        }
        let day = repeat["dayOfWeek"][0].as_str().and_then(|d| {
            DAYS.iter()
                .find(|(short, _)| *short == d)
                .map(|(_, long)| (*long).to_owned())
        });
        let day = day.ok_or_else(|| {
            problem(
                &format!("{path}.dayOfWeek"),
                "Day of the week",
                "the day of the week it is taken is not in the file",
            )
        })?;
        Ok(ScheduleDto::Weekly {
            day,
            time: time.clone(),
        })
    };
    let dto = match (unit, whole(period), frequency) {
        ("d", Some(1), 1) => ScheduleDto::Daily { time: time.clone() },
        ("d", Some(1), n) if n >= 2 => ScheduleDto::SeveralDaily {
            times: if has_time {
                times.clone()
            } else {
                (0..n).map(|i| format!("{:02}:00", i * 24 / n)).collect()
            },
        },
        ("h", Some(h), 1) if h > 0 && 24 % h == 0 && h < 24 => ScheduleDto::SeveralDaily {
            times: if has_time {
                times.clone()
            } else {
                (0..24 / h).map(|i| format!("{:02}:00", i * h)).collect()
            },
        },
        ("d", Some(7), 1) => weekly(1)?,
        ("wk", Some(n), 1) => weekly(n)?,
        _ => {
            return Err(problem(
                &path,
                "How often",
                "Myo records once a day, several times a day, once a week or every few weeks; \
                 this pattern is none of them",
            ));
        }
    };
    Ok((dto, has_time))
}

/// Dose units: UCUM code → the tracker's unit.
fn dose_unit(code: &str) -> Option<&'static str> {
    Some(match code {
        "mg" => "mg",
        "g" => "g",
        "ug" => "mcg",
        "[IU]" => "IU",
        "mL" => "mL",
        _ => return None,
    })
}

/// The medicine's name as written in the file.
fn medicine_name(r: &Value) -> Option<&str> {
    let concept = &r["medicationCodeableConcept"];
    concept["text"]
        .as_str()
        .or_else(|| concept["coding"][0]["display"].as_str())
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

/// Where the start date is: the statement's period, its date, the timing's bounds, or the
/// request's `authoredOn`.
fn medicine_start(r: &Value, dosage: &Value) -> Option<String> {
    [
        &r["effectivePeriod"]["start"],
        &r["effectiveDateTime"],
        &dosage["timing"]["repeat"]["boundsPeriod"]["start"],
        &r["authoredOn"],
    ]
    .into_iter()
    .find_map(Value::as_str)
    .map(str::to_owned)
}

fn dosage_of(r: &Value) -> &Value {
    match r["resourceType"].as_str() {
        Some("MedicationRequest") => &r["dosageInstruction"][0],
        _ => &r["dosage"][0],
    }
}

/// The duplicate key of a medicine entry (name and start day), when both are readable: it is
/// checked before the same-ingredient guard, so a re-import reads as a duplicate.
fn medicine_key(r: &Value) -> Option<(String, String)> {
    let name = medicine_name(r)?;
    let start = fhir_day(&medicine_start(r, dosage_of(r))?).ok()?;
    Some((
        format!("medicine|{}|{start}", name.to_lowercase()),
        format!("Medicine: {name}, from {start}"),
    ))
}

fn medicine(
    ctx: &Ctx<'_>,
    r: &Value,
    at: &str,
    entry: usize,
    active: &[Medicine],
) -> Result<(Item, Medicine), Problem> {
    let concept = &r["medicationCodeableConcept"];
    let name = medicine_name(r).ok_or_else(|| {
        problem(
            &format!("{at}.medicationCodeableConcept"),
            "Name",
            "the medicine's name is missing",
        )
    })?;
    let rxcui = ehr::codes(concept, myo_fhir::systems::RXNORM)
        .into_iter()
        .find(|c| c.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_owned);
    let dosage = dosage_of(r);
    let dosage_path = match r["resourceType"].as_str() {
        Some("MedicationRequest") => format!("{at}.dosageInstruction[0]"),
        _ => format!("{at}.dosage[0]"),
    };
    let q = &dosage["doseAndRate"][0]["doseQuantity"];
    let amount = q["value"].as_f64().ok_or_else(|| {
        problem(
            &format!("{dosage_path}.doseAndRate"),
            "Dose",
            "the dose is missing or not a number",
        )
    })?;
    let unit = q["code"]
        .as_str()
        .filter(|_| q["system"] == myo_fhir::systems::UCUM)
        .and_then(dose_unit)
        .ok_or_else(|| {
            problem(
                &format!("{dosage_path}.doseAndRate[0].doseQuantity.code"),
                "Dose unit",
                "the dose unit must be a UCUM unit: mg, g, ug, [IU] or mL",
            )
        })?;
    let route = route(dosage).ok_or_else(|| {
        problem(
            &format!("{dosage_path}.route"),
            "How it is taken",
            "how it is taken (by mouth, injection, drip or on the skin) is not in the file",
        )
    })?;
    let start = medicine_start(r, dosage)
        .ok_or_else(|| problem(at, "Start", "the date it was started is not in the file"))?;
    let start = fhir_day(&start).map_err(|m| problem(at, "Start", m))?;
    let end = match r["effectivePeriod"]["end"].as_str() {
        Some(t) => Some(fhir_day(t).map_err(|m| problem(at, "End", m))?.to_string()),
        None => None,
    };
    let (schedule, has_time) = schedule(&dosage["timing"], &dosage_path)?;
    let dto = MedicineDto {
        name: name.to_owned(),
        generic_name: None,
        rxcui,
        dose: DoseDto {
            amount,
            unit: unit.to_owned(),
        },
        route: route.to_owned(),
        schedule,
        start: start.to_string(),
        end,
        confirmation: None,
    };
    // The tracker's guards first (weekly-only methotrexate, names, dates), then the dose
    // check against the drug guide and the person's other medicines.
    let input = dto.to_input().map_err(|e| refused(at, &e))?;
    let accepted = Medicine::accept(ctx.rules, input).map_err(|e| refused(at, &e))?;
    if !has_time {
        return Err(problem(
            &format!("{dosage_path}.timing.repeat.timeOfDay"),
            "Time",
            "the time of day it is taken is not in the file; add this medicine on the medicines page",
        ));
    }
    match safety::check_medicine(ctx.rules, ctx.kb, &accepted.medicine, active, None) {
        safety::MedicineCheck::Save { .. } => {}
        safety::MedicineCheck::Refused(e) => return Err(refused(at, &e)),
        safety::MedicineCheck::Confirm(warnings) => {
            return Err(problem(
                at,
                "Dose",
                format!(
                    "{} Add it on the medicines page, where you can confirm it.",
                    super::super::tracker::safety::joined(&warnings).english
                ),
            ));
        }
    }
    let row = convert::medicine_row(&accepted.medicine, false, Timestamp::now());
    Ok((
        Item {
            entry,
            summary: format!(
                "Medicine: {name} {amount} {unit}, {}, from {start}",
                row.schedule_kind.replace('_', " ")
            ),
            key: format!("medicine|{}|{}", name.to_lowercase(), row.start_date),
            record: Record::Medicine(row),
            table: "medicines",
        },
        accepted.medicine,
    ))
}

/// Keys of what the person already has, to recognise duplicates.
fn existing_keys(data: &PatientData) -> Vec<String> {
    let number = |s: &str| s.parse::<f64>().map_or(s.to_owned(), |v| v.to_string());
    let labs = data.labs.iter().map(|l| {
        format!(
            "lab|{}|{}|{}|{}",
            l.analyte,
            l.date,
            number(&l.value),
            l.unit
        )
    });
    let antibodies = data
        .antibodies
        .iter()
        .map(|a| format!("antibody|{}|{}|{}", a.antibody, a.date, a.outcome));
    let conditions = data
        .conditions
        .iter()
        .map(|c| format!("condition|{}", c.condition));
    let medicines = data
        .medicines
        .iter()
        .map(|m| format!("medicine|{}|{}", m.name.to_lowercase(), m.start_date));
    labs.chain(antibodies)
        .chain(conditions)
        .chain(medicines)
        .collect()
}

/// A medicine resource that names its medicine by `medicationReference` (as IPS documents
/// do) gets the referenced Medication's `code` as its `medicationCodeableConcept`, when the
/// Medication is in the same Bundle (matched by `fullUrl`, or by `Medication/id`).
fn with_medication(entries: &[Value], r: &Value) -> Value {
    let Some(target) = r["medicationReference"]["reference"].as_str() else {
        return r.clone();
    };
    let found = entries.iter().find(|e| {
        let m = &e["resource"];
        m["resourceType"] == "Medication"
            && (e["fullUrl"].as_str() == Some(target)
                || m["id"]
                    .as_str()
                    .is_some_and(|id| target == format!("Medication/{id}")))
    });
    let mut out = r.clone();
    if let Some(code) = found.map(|e| e["resource"]["code"].clone())
        && code.is_object()
        && let Some(obj) = out.as_object_mut()
    {
        obj.insert("medicationCodeableConcept".into(), code);
    }
    out
}

/// What importing `text` (a FHIR R4 Bundle, JSON) into the person's records would do.
/// `active` are the person's current medicines (for the same-ingredient check).
pub fn plan(ctx: &Ctx<'_>, text: &str, existing: &PatientData, active: &[Medicine]) -> Plan {
    let mut out = Plan::default();
    let bundle: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            out.refused
                .push(problem("$", "File", format!("not JSON: {e}")));
            return out;
        }
    };
    if bundle["resourceType"] != "Bundle" {
        out.refused.push(problem(
            "resourceType",
            "File",
            "the file is not a FHIR Bundle",
        ));
        return out;
    }
    let mut seen = existing_keys(existing);
    let mut meds: Vec<Medicine> = active.to_vec();
    let entries: Vec<Value> = bundle["entry"].as_array().cloned().unwrap_or_default();
    for (i, e) in entries.iter().enumerate() {
        let at = format!("entry[{i}].resource");
        let r = &with_medication(&entries, &e["resource"]);
        let kind = r["resourceType"].as_str().unwrap_or("");
        if let Err(p) = check_common(r, &at, kind) {
            out.refused.push(p);
            continue;
        }
        // A statement that is part of another (a dose taken or missed) is not a medicine.
        let is_medicine = matches!(kind, "MedicationStatement" | "MedicationRequest")
            && r.get("partOf").is_none();
        if let Some((key, summary)) = medicine_key(r).filter(|_| is_medicine)
            && seen.contains(&key)
        {
            // The same name and start as a record already there: still every guard but the
            // same-ingredient one, so a daily methotrexate order is refused, never passed off
            // as "already in your records".
            // (A missing time of day alone does not matter here: the record exists.)
            match medicine(ctx, r, &at, i, &[]) {
                Err(p) if !p.path.ends_with(".timeOfDay") => out.refused.push(p),
                _ => out.duplicates.push(summary),
            }
            continue;
        }
        let result = match kind {
            "Observation" => lab_or_antibody(ctx, r, &at, i),
            "Condition" => condition(ctx, r, &at, i),
            _ if is_medicine
                && !matches!(r["status"].as_str(), Some("entered-in-error" | "not-taken")) =>
            {
                medicine(ctx, r, &at, i, &meds).map(|(item, m)| {
                    meds.push(m);
                    Some(item)
                })
            }
            _ => Ok(None),
        };
        match result {
            Ok(Some(item)) if seen.contains(&item.key) => {
                out.duplicates.push(item.summary);
            }
            Ok(Some(item)) => {
                seen.push(item.key.clone());
                out.add.push(item);
            }
            // The person and the medicines named by reference are read, not records.
            Ok(None) if matches!(kind, "Patient" | "Medication") => {}
            Ok(None) if r.get("partOf").is_some() && kind == "MedicationStatement" => {
                out.skipped.push(format!(
                    "entry {i}: a dose taken or missed (dose records are not imported)"
                ))
            }
            Ok(None) => out.skipped.push(format!(
                "entry {i}: {} (not something Myo tracks)",
                if kind.is_empty() { "no resource" } else { kind }
            )),
            Err(p) => out.refused.push(p),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fhir_day;

    #[test]
    fn fhir_dates_must_exist_and_times_need_a_zone() {
        for ok in [
            "2026-02-28",
            "2024-02-29",
            "2026-11-10T10:00:00Z",
            "2026-11-10T23:59:59.123+05:30",
        ] {
            assert!(fhir_day(ok).is_ok(), "{ok}");
        }
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "yesterday",
            "2026-11-10T25:00:00Z",
            "2026-11-10T10:00:00",
            "2026-11-10T10:60:00Z",
            "2026-11-10 10:00:00Z",
            "2026-11-10T10:00:00+15:00",
            "",
        ] {
            assert!(fhir_day(bad).is_err(), "{bad}");
        }
    }
}
