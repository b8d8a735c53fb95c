//! Medicines → MedicationStatement, schedules → R4 `Dosage.timing`.
//!
//! Weekly methotrexate becomes `timing.repeat {frequency 1, period 1, periodUnit "wk",
//! dayOfWeek [day]}`; a taper becomes one Dosage per step (`sequence` 1, 2, …) bounded by the
//! step's dates. The tracker already refused unsafe schedules; here they are only written down.

use super::input::{DoseEvent, Medicine, MedicineStatus, Schedule, TaperStep, Weekday};
use super::{ExportError, coding, concept, fhir_id, quantity};
use crate::codes::rxnorm_ingredient;
use crate::datatypes::{Dosage, DoseAndRate, Period, Reference, Timing, TimingRepeat};
use crate::decimal::Decimal;
use crate::resources::MedicationStatement;
use crate::systems;

/// A medicine → a MedicationStatement with RxNorm (where cited) and its dosage.
pub fn medication_statement(
    medicine: &Medicine,
    subject: &Reference,
    field: &str,
) -> Result<MedicationStatement, ExportError> {
    if let Some(code) = medicine.rxnorm.as_deref()
        && !(code.len() <= 8 && !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(ExportError::InvalidCode {
            field: format!("{field}.rxnorm"),
            code: code.to_owned(),
            system: "RxNorm",
        });
    }
    let rxcui = medicine
        .rxnorm
        .clone()
        .or_else(|| rxnorm_ingredient(&medicine.name).map(|c| c.code.to_owned()));
    let codings = rxcui
        .iter()
        .map(|code| {
            // The curated ingredient name when the code is one we list, else the name entered.
            let display = crate::codes::RXNORM_INGREDIENTS
                .iter()
                .find(|c| c.code == code)
                .map_or(medicine.name.as_str(), |c| c.display);
            coding(systems::RXNORM, code, Some(display))
        })
        .collect();
    let status = match medicine.status {
        MedicineStatus::Active => "active",
        MedicineStatus::Stopped => "stopped",
        MedicineStatus::Completed => "completed",
    };
    let period = (medicine.start.is_some() || medicine.end.is_some()).then(|| Period {
        start: medicine.start.clone(),
        end: medicine.end.clone(),
        ..Period::default()
    });
    Ok(MedicationStatement {
        id: Some(fhir_id(&format!("{field}.id"), "med", &medicine.id)?),
        status: status.into(),
        medication_codeable_concept: Some(concept(codings, Some(&medicine.name))),
        subject: subject.clone(),
        effective_period: period,
        dosage: dosages(medicine, field)?,
        ..MedicationStatement::default()
    })
}

fn dosages(medicine: &Medicine, field: &str) -> Result<Vec<Dosage>, ExportError> {
    let one = |repeat: TimingRepeat, event: Vec<String>, what: String| {
        let text = format!("{} {} {what}", medicine.dose, medicine.dose_unit);
        vec![dosage(medicine, None, &medicine.dose, repeat, event, text)]
    };
    Ok(match &medicine.schedule {
        Schedule::Daily { times } => one(
            repeat(*times, Decimal::from(1u32), "d", None),
            Vec::new(),
            times_text(*times, "a day"),
        ),
        Schedule::Weekly { day } => one(
            repeat(1, Decimal::from(1u32), "wk", Some(*day)),
            Vec::new(),
            format!("once a week on {}", day_name(*day)),
        ),
        Schedule::EveryNWeeks { weeks, day } => {
            if *weeks == 0 {
                return Err(schedule_error(field, "every 0 weeks is not a schedule"));
            }
            let on = day
                .map(|d| format!(" on {}", day_name(d)))
                .unwrap_or_default();
            one(
                repeat(1, Decimal::from(*weeks), "wk", *day),
                Vec::new(),
                format!("once every {weeks} weeks{on}"),
            )
        }
        Schedule::Course { dates } => {
            if dates.is_empty() {
                return Err(schedule_error(field, "a course needs at least one date"));
            }
            one(
                TimingRepeat::default(),
                dates.clone(),
                format!("on {} listed dates", dates.len()),
            )
        }
        Schedule::Taper { steps } => {
            if steps.is_empty() {
                return Err(schedule_error(field, "a taper needs at least one step"));
            }
            steps
                .iter()
                .zip(1..)
                .map(|(step, sequence)| taper_dosage(medicine, step, sequence))
                .collect()
        }
    })
}

/// A dose the person marked taken or missed → a MedicationStatement `completed` or
/// `not-taken` on the scheduled day, `partOf` the medicine's statement (`medicine_urn`), with
/// the scheduled local time in a note (a dateTime would need a time zone).
pub fn dose_statement(
    event: &DoseEvent,
    medicine: &Medicine,
    medicine_urn: &str,
    subject: &Reference,
    field: &str,
) -> Result<MedicationStatement, ExportError> {
    let mut statement = medication_statement(medicine, subject, field)?;
    statement.id = Some(fhir_id(&format!("{field}.id"), "dose", &event.id)?);
    statement.status = if event.taken {
        "completed"
    } else {
        "not-taken"
    }
    .into();
    statement.effective_period = None;
    statement.effective_date_time = Some(event.date.clone());
    statement.dosage = Vec::new();
    statement.note = vec![super::annotation(&format!(
        "{} dose scheduled {} at {} (local time)",
        if event.taken { "taken:" } else { "missed:" },
        event.date,
        event.time
    ))];
    statement.extra.insert(
        "partOf".into(),
        serde_json::json!([{"reference": medicine_urn}]),
    );
    if !event.taken {
        statement.extra.insert(
            "statusReason".into(),
            serde_json::json!([{"text": "missed dose (reported by the patient)"}]),
        );
    }
    Ok(statement)
}

fn taper_dosage(medicine: &Medicine, step: &TaperStep, sequence: i64) -> Dosage {
    let mut timing = repeat(step.times_per_day, Decimal::from(1u32), "d", None);
    timing.bounds_period = Some(Period {
        start: Some(step.from.clone()),
        end: Some(step.to.clone()),
        ..Period::default()
    });
    let text = format!(
        "{} {} {} from {} to {}",
        step.dose,
        medicine.dose_unit,
        times_text(step.times_per_day, "a day"),
        step.from,
        step.to
    );
    dosage(
        medicine,
        Some(sequence),
        &step.dose,
        timing,
        Vec::new(),
        text,
    )
}

fn dosage(
    medicine: &Medicine,
    sequence: Option<i64>,
    dose: &Decimal,
    repeat: TimingRepeat,
    event: Vec<String>,
    text: String,
) -> Dosage {
    let mut repeat = repeat;
    let has_repeat = repeat != TimingRepeat::default();
    if has_repeat {
        repeat.time_of_day.clone_from(&medicine.times_of_day);
    }
    Dosage {
        sequence,
        text: Some(text),
        timing: Some(Timing {
            event,
            repeat: has_repeat.then_some(repeat),
            ..Timing::default()
        }),
        route: medicine
            .route
            .as_deref()
            .map(|route| concept(Vec::new(), Some(route))),
        dose_and_rate: vec![DoseAndRate {
            dose_quantity: Some(quantity(dose, &medicine.dose_unit)),
            ..DoseAndRate::default()
        }],
        ..Dosage::default()
    }
}

fn repeat(frequency: u32, period: Decimal, unit: &str, day: Option<Weekday>) -> TimingRepeat {
    TimingRepeat {
        frequency: Some(frequency),
        period: Some(period),
        period_unit: Some(unit.to_owned()),
        day_of_week: day.map(|d| day_code(d).to_owned()).into_iter().collect(),
        ..TimingRepeat::default()
    }
}

fn schedule_error(field: &str, reason: &str) -> ExportError {
    ExportError::Schedule {
        field: format!("{field}.schedule"),
        reason: reason.to_owned(),
    }
}

fn times_text(times: u32, per: &str) -> String {
    match times {
        1 => format!("once {per}"),
        2 => format!("twice {per}"),
        n => format!("{n} times {per}"),
    }
}

/// R4 `days-of-week` code.
fn day_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}
