//! Wire format of the care tracker: JSON DTOs for diary entries, lab results and
//! medicines, converted to and from the pure `myo-tracker` types. Conversion errors keep the
//! tracker's field path (`ratings.weakness`, `schedule.kind`), so an API client sees exactly
//! which field was refused and why.

use std::collections::BTreeMap;

use myo_tracker::labs::{Analyte, LabResult, RefRange, Unit};
use myo_tracker::medicines::{Dose, DoseUnit, Medicine, MedicineInput, Route, Schedule, TaperStep};
use myo_tracker::records::{
    AntibodyKind, AntibodyOutcome, AntibodyResult, Condition, ConditionKind, DiaryEntry, Rating,
    Symptom,
};
use myo_tracker::{Date, Invalid, LocalTime, Rules, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::InputError;

impl From<Invalid> for InputError {
    fn from(e: Invalid) -> Self {
        InputError::new(e.field, e.problem, Some(e.allowed))
    }
}

/// A day's diary entry. Ratings and answers left out are "not recorded" (never zero or "no").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiaryEntryDto {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// 0–10 ratings by id (`weakness`, `fatigue`, `pain`, `rash`, `itch`, `sleep_quality`, `mood`).
    #[serde(default)]
    pub ratings: BTreeMap<String, f64>,
    /// Yes/no answers by id (`swallowing_trouble`, `breathlessness`, `fever`, `new_skin_sores`).
    #[serde(default)]
    pub symptoms: BTreeMap<String, bool>,
    /// Free text, at most 2000 characters.
    #[serde(default)]
    pub note: Option<String>,
}

impl DiaryEntryDto {
    /// Validates into the domain entry.
    pub fn to_domain(&self) -> Result<DiaryEntry, Invalid> {
        let date = Date::parse("date", &self.date)?;
        let mut ratings = Vec::new();
        for (k, v) in &self.ratings {
            let r = Rating::ALL.iter().find(|r| r.id() == k).ok_or_else(|| {
                Invalid::new(format!("ratings.{k}"), "unknown rating", rating_ids())
            })?;
            ratings.push((*r, *v));
        }
        let mut symptoms = Vec::new();
        for (k, v) in &self.symptoms {
            let s = Symptom::ALL.iter().find(|s| s.id() == k).ok_or_else(|| {
                Invalid::new(format!("symptoms.{k}"), "unknown question", symptom_ids())
            })?;
            symptoms.push((*s, *v));
        }
        DiaryEntry::new(date, &ratings, &symptoms, self.note.as_deref())
    }

    /// The wire form of a domain entry.
    pub fn from_domain(e: &DiaryEntry) -> DiaryEntryDto {
        DiaryEntryDto {
            date: e.date().to_string(),
            ratings: Rating::ALL
                .iter()
                .filter_map(|r| e.rating(*r).map(|v| (r.id().to_owned(), v)))
                .collect(),
            symptoms: Symptom::ALL
                .iter()
                .filter_map(|s| e.symptom(*s).map(|v| (s.id().to_owned(), v)))
                .collect(),
            note: e.note().map(str::to_owned),
        }
    }
}

fn rating_ids() -> String {
    Rating::ALL.map(Rating::id).join(", ")
}

fn symptom_ids() -> String {
    Symptom::ALL.map(Symptom::id).join(", ")
}

/// A laboratory result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabResultDto {
    /// Analyte id (`ck`, `aldolase`, `ast`, `alt`, `ldh`, `crp`, `esr`, …).
    pub analyte: String,
    /// The value.
    pub value: f64,
    /// UCUM unit (`U/L`, `ukat/L`, `mg/L`, …).
    pub unit: String,
    /// Lower reference limit.
    #[serde(default)]
    pub low: Option<f64>,
    /// Upper reference limit (with `low`).
    #[serde(default)]
    pub high: Option<f64>,
    /// Upper limit of normal alone.
    #[serde(default)]
    pub uln: Option<f64>,
    /// Sample date, `YYYY-MM-DD`.
    pub date: String,
    /// LOINC code (output only; the tracker attaches the cited one).
    #[serde(default, skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub loinc: Option<String>,
}

impl LabResultDto {
    /// Validates into the domain result.
    pub fn to_domain(&self, rules: &Rules) -> Result<LabResult, Invalid> {
        let analyte = Analyte::parse("analyte", &self.analyte)?;
        let unit = Unit::parse(&self.unit).ok_or_else(|| {
            Invalid::new(
                "unit",
                format!("unknown unit '{}'", self.unit),
                "a UCUM unit such as U/L, ukat/L, mg/L, mg/dL, umol/L, mmol/L, mm/h, 10*9/L, g/L, g/dL",
            )
        })?;
        let range = match (self.low, self.high, self.uln) {
            (Some(low), Some(high), None) => RefRange::Interval { low, high },
            (None, None, Some(u)) | (None, Some(u), None) => RefRange::Uln(u),
            (None, None, None) => RefRange::NotGiven,
            _ => {
                return Err(Invalid::new(
                    "low",
                    "give low and high, or uln alone",
                    "low+high, uln, or none",
                ));
            }
        };
        let date = Date::parse("date", &self.date)?;
        LabResult::new(rules, analyte, self.value, unit, range, date)
    }

    /// The wire form of a domain result.
    pub fn from_domain(l: &LabResult) -> LabResultDto {
        let (low, high, uln) = match l.range {
            RefRange::Interval { low, high } => (Some(low), Some(high), None),
            RefRange::Uln(u) => (None, None, Some(u)),
            RefRange::NotGiven => (None, None, None),
        };
        LabResultDto {
            analyte: l.analyte.id().to_owned(),
            value: l.value,
            unit: l.unit.ucum().to_owned(),
            low,
            high,
            uln,
            date: l.date.to_string(),
            loinc: l.loinc.as_ref().map(|c| c.code.clone()),
        }
    }
}

/// An amount with its unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoseDto {
    /// Amount, > 0.
    pub amount: f64,
    /// `mg`, `g`, `mcg`, `IU` or `mL`.
    pub unit: String,
}

/// One taper step: this dose daily for `days` days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaperStepDto {
    /// Daily dose.
    pub dose: DoseDto,
    /// Days.
    pub days: u32,
}

/// When doses are due; `kind` selects the form. Times are local `HH:MM`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ScheduleDto {
    /// Once a day.
    Daily {
        /// Time.
        time: String,
    },
    /// Several times a day.
    SeveralDaily {
        /// Times.
        times: Vec<String>,
    },
    /// Weekly on a named day (`monday` … `sunday`).
    Weekly {
        /// Day.
        day: String,
        /// Time.
        time: String,
    },
    /// Every `n` weeks from the start date.
    EveryNWeeks {
        /// Weeks between doses.
        n: u32,
        /// Time.
        time: String,
    },
    /// A course on listed dates.
    Course {
        /// Dates.
        dates: Vec<String>,
        /// Time.
        time: String,
    },
    /// A taper from the start date.
    Taper {
        /// Steps.
        steps: Vec<TaperStepDto>,
        /// Time.
        time: String,
    },
}

/// A medicine with its schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicineDto {
    /// Name as the person knows it.
    pub name: String,
    /// Generic name, when known.
    #[serde(default)]
    pub generic_name: Option<String>,
    /// RxNorm RxCUI, when known.
    #[serde(default)]
    pub rxcui: Option<String>,
    /// Dose per administration.
    pub dose: DoseDto,
    /// `oral`, `subcutaneous`, `intramuscular`, `intravenous` or `topical`.
    pub route: String,
    /// Schedule.
    pub schedule: ScheduleDto,
    /// First day.
    pub start: String,
    /// Last day.
    #[serde(default)]
    pub end: Option<String>,
}

/// The route names on the wire.
pub const ROUTES: [(&str, Route); 5] = [
    ("oral", Route::Oral),
    ("subcutaneous", Route::Subcutaneous),
    ("intramuscular", Route::Intramuscular),
    ("intravenous", Route::Intravenous),
    ("topical", Route::Topical),
];

/// The dose units on the wire.
pub const DOSE_UNITS: [DoseUnit; 5] = [
    DoseUnit::Mg,
    DoseUnit::G,
    DoseUnit::Mcg,
    DoseUnit::Iu,
    DoseUnit::Ml,
];

/// Parses `HH:MM`.
pub fn parse_time(field: &str, s: &str) -> Result<LocalTime, Invalid> {
    let bad = || {
        Invalid::new(
            field,
            format!("'{s}' is not a time"),
            "HH:MM, 00:00 to 23:59",
        )
    };
    let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
    let h: u8 = h.parse().map_err(|_| bad())?;
    let m: u8 = m.parse().map_err(|_| bad())?;
    LocalTime::new(field, h, m)
}

/// Parses a weekday name (`monday`, case-insensitive).
pub fn parse_weekday(field: &str, s: &str) -> Result<Weekday, Invalid> {
    let s = s.trim().to_ascii_lowercase();
    Weekday::ALL
        .iter()
        .find(|d| d.as_str() == s || d.as_str()[..3] == s)
        .copied()
        .ok_or_else(|| Invalid::new(field, format!("'{s}' is not a day"), "monday … sunday"))
}

fn parse_dose(field: &str, d: &DoseDto) -> Result<Dose, Invalid> {
    let unit = DOSE_UNITS
        .iter()
        .find(|u| u.as_str().eq_ignore_ascii_case(d.unit.trim()))
        .copied()
        .ok_or_else(|| {
            Invalid::new(
                format!("{field}.unit"),
                format!("unknown unit '{}'", d.unit),
                "mg, g, mcg, IU, mL",
            )
        })?;
    Ok(Dose {
        amount: d.amount,
        unit,
    })
}

fn dose_dto(d: Dose) -> DoseDto {
    DoseDto {
        amount: d.amount,
        unit: d.unit.as_str().to_owned(),
    }
}

/// Name of a route on the wire.
pub fn route_name(r: Route) -> &'static str {
    ROUTES
        .iter()
        .find(|(_, x)| *x == r)
        .map_or("oral", |(n, _)| n)
}

impl ScheduleDto {
    /// Validates the times and dates (the tracker checks the rest).
    pub fn to_domain(&self) -> Result<Schedule, Invalid> {
        let t = |s: &str| parse_time("schedule.time", s);
        Ok(match self {
            ScheduleDto::Daily { time } => Schedule::Daily { time: t(time)? },
            ScheduleDto::SeveralDaily { times } => Schedule::SeveralDaily {
                times: times
                    .iter()
                    .enumerate()
                    .map(|(i, s)| parse_time(&format!("schedule.times[{i}]"), s))
                    .collect::<Result<_, _>>()?,
            },
            ScheduleDto::Weekly { day, time } => Schedule::Weekly {
                day: parse_weekday("schedule.day", day)?,
                time: t(time)?,
            },
            ScheduleDto::EveryNWeeks { n, time } => Schedule::EveryNWeeks {
                n: *n,
                time: t(time)?,
            },
            ScheduleDto::Course { dates, time } => Schedule::Course {
                dates: dates
                    .iter()
                    .enumerate()
                    .map(|(i, s)| Date::parse(&format!("schedule.dates[{i}]"), s))
                    .collect::<Result<_, _>>()?,
                time: t(time)?,
            },
            ScheduleDto::Taper { steps, time } => Schedule::Taper {
                steps: steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        Ok(TaperStep {
                            dose: parse_dose(&format!("schedule.steps[{i}].dose"), &s.dose)?,
                            days: s.days,
                        })
                    })
                    .collect::<Result<_, Invalid>>()?,
                time: t(time)?,
            },
        })
    }

    /// The wire form of a domain schedule.
    pub fn from_domain(s: &Schedule) -> ScheduleDto {
        let t = |x: &LocalTime| x.to_string();
        match s {
            Schedule::Daily { time } => ScheduleDto::Daily { time: t(time) },
            Schedule::SeveralDaily { times } => ScheduleDto::SeveralDaily {
                times: times.iter().map(t).collect(),
            },
            Schedule::Weekly { day, time } => ScheduleDto::Weekly {
                day: day.as_str().to_owned(),
                time: t(time),
            },
            Schedule::EveryNWeeks { n, time } => ScheduleDto::EveryNWeeks {
                n: *n,
                time: t(time),
            },
            Schedule::Course { dates, time } => ScheduleDto::Course {
                dates: dates.iter().map(Date::to_string).collect(),
                time: t(time),
            },
            Schedule::Taper { steps, time } => ScheduleDto::Taper {
                steps: steps
                    .iter()
                    .map(|s| TaperStepDto {
                        dose: dose_dto(s.dose),
                        days: s.days,
                    })
                    .collect(),
                time: t(time),
            },
        }
    }
}

impl MedicineDto {
    /// Parses into the tracker's input (not yet accepted: call `Medicine::accept`).
    pub fn to_input(&self) -> Result<MedicineInput, Invalid> {
        let route = ROUTES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(self.route.trim()))
            .map(|(_, r)| *r)
            .ok_or_else(|| {
                Invalid::new(
                    "route",
                    format!("unknown route '{}'", self.route),
                    "oral, subcutaneous, intramuscular, intravenous, topical",
                )
            })?;
        let none_if_empty = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        Ok(MedicineInput {
            name: self.name.clone(),
            generic_name: none_if_empty(&self.generic_name),
            rxcui: none_if_empty(&self.rxcui),
            dose: parse_dose("dose", &self.dose)?,
            route,
            schedule: self.schedule.to_domain()?,
            start: Date::parse("start", &self.start)?,
            end: match none_if_empty(&self.end) {
                Some(e) => Some(Date::parse("end", &e)?),
                None => None,
            },
        })
    }

    /// The wire form of a domain medicine.
    pub fn from_domain(m: &Medicine) -> MedicineDto {
        let i = m.input();
        MedicineDto {
            name: i.name.clone(),
            generic_name: i.generic_name.clone(),
            rxcui: i.rxcui.clone(),
            dose: dose_dto(i.dose),
            route: route_name(i.route).to_owned(),
            schedule: ScheduleDto::from_domain(&i.schedule),
            start: i.start.to_string(),
            end: i.end.map(|e| e.to_string()),
        }
    }
}

/// A diagnosis as recorded (Myo never diagnoses); the cited codes are attached by the tracker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionDto {
    /// Condition id (`adult_dm`, `juvenile_dm`, `polymyositis`, …).
    pub condition: String,
    /// Day of diagnosis, if known.
    #[serde(default)]
    pub diagnosed: Option<String>,
    /// Day it resolved, if it did.
    #[serde(default)]
    pub resolved: Option<String>,
    /// ICD-10-CM code (output only).
    #[serde(default, skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub icd10cm: Option<String>,
    /// SNOMED CT code (output only).
    #[serde(default, skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub snomed: Option<String>,
}

fn opt_date(field: &str, v: &Option<String>) -> Result<Option<Date>, Invalid> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Date::parse(field, s).map(Some),
        None => Ok(None),
    }
}

impl ConditionDto {
    /// Validates into the domain condition and the resolution day.
    pub fn to_domain(&self, rules: &Rules) -> Result<(Condition, Option<Date>), Invalid> {
        let kind = ConditionKind::ALL
            .iter()
            .find(|k| k.id() == self.condition.trim())
            .copied()
            .ok_or_else(|| {
                Invalid::new(
                    "condition",
                    format!("unknown condition '{}'", self.condition),
                    ConditionKind::ALL.map(ConditionKind::id).join(", "),
                )
            })?;
        let diagnosed = opt_date("diagnosed", &self.diagnosed)?;
        let resolved = opt_date("resolved", &self.resolved)?;
        if let (Some(d), Some(r)) = (diagnosed, resolved)
            && r < d
        {
            return Err(Invalid::new(
                "resolved",
                format!("{r} is before the diagnosis {d}"),
                "on or after the diagnosis date",
            ));
        }
        Ok((Condition::new(rules, kind, diagnosed), resolved))
    }
}

/// The outcome names on the wire.
pub const OUTCOMES: [(&str, AntibodyOutcome); 3] = [
    ("positive", AntibodyOutcome::Positive),
    ("negative", AntibodyOutcome::Negative),
    ("equivocal", AntibodyOutcome::Equivocal),
];

/// Wire name of an antibody outcome.
pub fn outcome_name(o: AntibodyOutcome) -> &'static str {
    OUTCOMES
        .iter()
        .find(|(_, x)| *x == o)
        .map_or("equivocal", |(n, _)| n)
}

/// A myositis antibody result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AntibodyDto {
    /// Antibody id (`jo1`, `mi2`, `mda5`, `tif1g`, `nxp2`, `sae1`, …, `ana`).
    pub antibody: String,
    /// `positive`, `negative` or `equivocal`.
    pub outcome: String,
    /// Titre or level as printed, if any.
    #[serde(default)]
    pub titre: Option<String>,
    /// Sample day.
    pub date: String,
    /// LOINC code (output only).
    #[serde(default, skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub loinc: Option<String>,
}

impl AntibodyDto {
    /// Validates into the domain result.
    pub fn to_domain(&self, rules: &Rules) -> Result<AntibodyResult, Invalid> {
        let kind = AntibodyKind::ALL
            .iter()
            .find(|k| k.id() == self.antibody.trim())
            .copied()
            .ok_or_else(|| {
                Invalid::new(
                    "antibody",
                    format!("unknown antibody '{}'", self.antibody),
                    AntibodyKind::ALL.map(AntibodyKind::id).join(", "),
                )
            })?;
        let outcome = OUTCOMES
            .iter()
            .find(|(n, _)| *n == self.outcome.trim())
            .map(|(_, o)| *o)
            .ok_or_else(|| {
                Invalid::new(
                    "outcome",
                    format!("unknown outcome '{}'", self.outcome),
                    "positive, negative, equivocal",
                )
            })?;
        AntibodyResult::new(
            rules,
            kind,
            outcome,
            self.titre.as_deref(),
            Date::parse("date", &self.date)?,
        )
    }

    /// The wire form of a domain result.
    pub fn from_domain(a: &AntibodyResult) -> AntibodyDto {
        AntibodyDto {
            antibody: a.kind.id().to_owned(),
            outcome: outcome_name(a.outcome).to_owned(),
            titre: a.titre.clone(),
            date: a.date.to_string(),
            loinc: a.loinc.as_ref().map(|c| c.code.clone()),
        }
    }
}

/// A serum enzyme at a visit with the lab's upper limit of normal (same unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnzymeDto {
    /// `ck`, `aldolase`, `ast`, `alt` or `ldh`.
    pub analyte: String,
    /// Level.
    pub value: f64,
    /// Upper limit of normal.
    pub uln: f64,
}

/// Core set measures of one visit; anything absent is "not assessed".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisitDto {
    /// Visit day.
    pub date: String,
    /// Physician global activity, 0–10.
    #[serde(default)]
    pub physician_global: Option<f64>,
    /// Patient global activity, 0–10.
    #[serde(default)]
    pub patient_global: Option<f64>,
    /// Extramuscular activity, 0–10.
    #[serde(default)]
    pub extramuscular: Option<f64>,
    /// MMT-8 input in the `mmt8` instrument's JSON shape.
    #[serde(default)]
    pub mmt8: Option<serde_json::Value>,
    /// Enzymes with their ULN.
    #[serde(default)]
    pub enzymes: Vec<EnzymeDto>,
}

impl VisitDto {
    /// Checks dates, ranges and enzyme ids (the MMT-8 input is checked by its instrument).
    pub fn check(&self) -> Result<Date, Invalid> {
        let date = Date::parse("date", &self.date)?;
        for (name, v) in [
            ("physician_global", self.physician_global),
            ("patient_global", self.patient_global),
            ("extramuscular", self.extramuscular),
        ] {
            if let Some(x) = v.filter(|x| !(0.0..=10.0).contains(x) || !x.is_finite()) {
                return Err(Invalid::new(name, format!("{x}"), "0 to 10"));
            }
        }
        for (i, e) in self.enzymes.iter().enumerate() {
            if !["ck", "aldolase", "ast", "alt", "ldh"].contains(&e.analyte.as_str()) {
                return Err(Invalid::new(
                    format!("enzymes[{i}].analyte"),
                    format!("'{}'", e.analyte),
                    "ck, aldolase, ast, alt, ldh",
                ));
            }
            if !(e.value.is_finite() && e.value >= 0.0) {
                return Err(Invalid::new(
                    format!("enzymes[{i}].value"),
                    format!("{}", e.value),
                    "a number ≥ 0",
                ));
            }
            if !(e.uln.is_finite() && e.uln > 0.0) {
                return Err(Invalid::new(
                    format!("enzymes[{i}].uln"),
                    format!("{}", e.uln),
                    "a number > 0",
                ));
            }
        }
        Ok(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diary_round_trip_and_unknown_rating() {
        let dto: DiaryEntryDto = serde_json::from_str(
            r#"{"date":"2026-03-01","ratings":{"weakness":4},"symptoms":{"fever":false},"note":"ok"}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let e = dto.to_domain().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(DiaryEntryDto::from_domain(&e), dto);
        let mut bad = dto.clone();
        bad.ratings.insert("strength".into(), 1.0);
        assert_eq!(
            bad.to_domain().err().map(|e| e.field),
            Some("ratings.strength".into())
        );
    }

    #[test]
    fn methotrexate_daily_is_refused_weekly_accepted() {
        let rules = Rules::builtin().unwrap_or_else(|e| panic!("{e}"));
        let mut dto = MedicineDto {
            name: "Methotrexate".into(),
            generic_name: None,
            rxcui: None,
            dose: DoseDto {
                amount: 15.0,
                unit: "mg".into(),
            },
            route: "oral".into(),
            schedule: ScheduleDto::Daily {
                time: "08:00".into(),
            },
            start: "2026-01-05".into(),
            end: None,
        };
        let input = dto.to_input().unwrap_or_else(|e| panic!("{e}"));
        let err = Medicine::accept(&rules, input).err().map(|e| e.field);
        assert_eq!(err, Some("schedule.kind".into()));
        dto.schedule = ScheduleDto::Weekly {
            day: "friday".into(),
            time: "08:00".into(),
        };
        let input = dto.to_input().unwrap_or_else(|e| panic!("{e}"));
        let ok = Medicine::accept(&rules, input).unwrap_or_else(|e| panic!("{e}"));
        assert!(!ok.suggestions.is_empty());
        assert_eq!(MedicineDto::from_domain(&ok.medicine), dto);
    }
}
