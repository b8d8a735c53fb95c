//! Wire format of `tis-2016`.

use myo_instruments::tis::{self, Enzyme, Input, Muscle, Population, Visit};
use myo_instruments::{Catalog, Meta, Milli};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Entry, Scored, Sink, parse, schema_number, schema_object, schema_root, tenths};
use crate::error::{InputError, ScoreError};

pub(crate) const ENTRY: Entry = Entry {
    id: tis::ID,
    meta,
    schema,
    example,
    check_shape,
    score,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dto {
    population: PopulationDto,
    mmt_max: Option<f64>,
    baseline: VisitDto,
    followup: VisitDto,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum PopulationDto {
    Adult,
    Juvenile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VisitDto {
    physician_global: Option<f64>,
    patient_global: Option<f64>,
    extramuscular: Option<f64>,
    haq: Option<f64>,
    chaq: Option<f64>,
    mmt: Option<f64>,
    cmas: Option<f64>,
    enzymes: Option<EnzymesDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnzymesDto {
    ck: Option<EnzymeDto>,
    aldolase: Option<EnzymeDto>,
    ast: Option<EnzymeDto>,
    alt: Option<EnzymeDto>,
    ldh: Option<EnzymeDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnzymeDto {
    value: f64,
    uln: f64,
}

/// A JSON number as exact thousandths; more decimals would make band edges inexact.
fn milli(field: &str, x: f64) -> Result<Milli, InputError> {
    let scaled = x * Milli::SCALE as f64;
    let rounded = scaled.round();
    if (scaled - rounded).abs() > 1e-6 * rounded.abs().max(1.0) || rounded.abs() > 1e15 {
        return Err(InputError::new(
            field,
            format!("{x} has more than 3 decimal places or is too large"),
            Some("a number with at most 3 decimals".into()),
        ));
    }
    Ok(Milli(rounded as i64))
}

fn opt(field: &str, x: Option<f64>) -> Result<Option<Milli>, InputError> {
    x.map(|x| milli(field, x)).transpose()
}

fn visit(name: &str, population: Population, v: VisitDto) -> Result<Visit, InputError> {
    let f = |k: &str| format!("{name}.{k}");
    let wrong = |k: &str, use_: &str| {
        InputError::new(
            f(k),
            format!("not used for this population; use {use_}"),
            Some(use_.into()),
        )
    };
    let function = match population {
        Population::Adult if v.chaq.is_some() => return Err(wrong("chaq", "haq")),
        Population::Juvenile if v.haq.is_some() => return Err(wrong("haq", "chaq")),
        Population::Adult => opt(&f("haq"), v.haq)?,
        Population::Juvenile => opt(&f("chaq"), v.chaq)?,
    };
    let muscle = match (v.mmt, v.cmas) {
        (Some(_), Some(_)) => {
            return Err(InputError::new(
                f("cmas"),
                "give mmt or cmas, not both",
                Some("one of mmt, cmas".into()),
            ));
        }
        (None, Some(_)) if population == Population::Adult => return Err(wrong("cmas", "mmt")),
        (Some(x), None) => Some(Muscle::Mmt(milli(&f("mmt"), x)?)),
        (None, Some(x)) => Some(Muscle::Cmas(milli(&f("cmas"), x)?)),
        (None, None) => None,
    };
    let mut enzymes = [None; 5];
    if let Some(e) = v.enzymes {
        for (slot, (id, dto)) in enzymes.iter_mut().zip(
            tis::ENZYMES
                .iter()
                .zip([e.ck, e.aldolase, e.ast, e.alt, e.ldh]),
        ) {
            if let Some(d) = dto {
                let value = milli(&f(&format!("enzymes.{id}.value")), d.value)?;
                let uln = milli(&f(&format!("enzymes.{id}.uln")), d.uln)?;
                *slot = Some(Enzyme { value, uln });
            }
        }
    }
    Ok(Visit {
        physician_global: opt(&f("physician_global"), v.physician_global)?,
        patient_global: opt(&f("patient_global"), v.patient_global)?,
        extramuscular: opt(&f("extramuscular"), v.extramuscular)?,
        function,
        muscle,
        enzymes,
    })
}

fn to_input(d: Dto) -> Result<Input, InputError> {
    let population = match d.population {
        PopulationDto::Adult => Population::Adult,
        PopulationDto::Juvenile => Population::Juvenile,
    };
    Ok(Input {
        population,
        mmt_max: opt("mmt_max", d.mmt_max)?,
        baseline: visit("baseline", population, d.baseline)?,
        followup: visit("followup", population, d.followup)?,
    })
}

fn meta(c: &Catalog) -> &Meta {
    &c.tis.meta
}

fn check_shape(v: &Value) -> Result<(), InputError> {
    parse::<Dto>(v).map(drop)
}

/// The result fields of `tis-2016`.
#[derive(Serialize)]
struct Out<'a> {
    population: &'static str,
    tis: f64,
    category: &'static str,
    complete: bool,
    /// Only when the chosen enzyme was within normal limits at baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    without_enzyme_points: Option<WithoutEnzyme>,
    #[serde(serialize_with = "measures")]
    measures: &'a [tis::MeasureResult],
}

/// The TIS without the enzyme's points.
#[derive(Serialize)]
struct WithoutEnzyme {
    tis: f64,
    category: &'static str,
}

/// Measures as an object keyed by measure id; only `enzymes` names its enzyme.
fn measures<S: Serializer>(ms: &&[tis::MeasureResult], s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct MeasureOut {
        baseline: Option<f64>,
        followup: Option<f64>,
        percent_change: Option<f64>,
        points: f64,
        #[serde(skip_serializing_if = "Option::is_none")]
        enzyme: Option<Option<&'static str>>,
    }
    s.collect_map(ms.iter().map(|m| {
        let out = MeasureOut {
            baseline: m.baseline.map(Milli::as_f64),
            followup: m.followup.map(Milli::as_f64),
            percent_change: m.percent_change.map(tis::Percent::as_f64),
            points: tenths(m.points),
            enzyme: (m.id == "enzymes").then_some(m.enzyme),
        };
        (m.id.as_str(), out)
    }))
}

fn score(catalog: &Catalog, v: &Value, sink: Sink<'_>) -> Result<(), ScoreError> {
    let input = to_input(parse::<Dto>(v)?)?;
    let o = tis::score(&catalog.tis, &input)?;
    let out = Out {
        population: match o.population {
            Population::Adult => "adult",
            Population::Juvenile => "juvenile",
        },
        tis: tenths(o.tis),
        category: o.category.as_str(),
        complete: o.complete,
        without_enzyme_points: o.without_enzyme_points.map(|(t, c)| WithoutEnzyme {
            tis: tenths(t),
            category: c.as_str(),
        }),
        measures: &o.measures,
    };
    sink.write(&Scored::new(&o.explanation, out))
}

fn example() -> Value {
    json!({
        "population": "adult", "mmt_max": 80,
        "baseline": {"physician_global": 6.0, "patient_global": 7.0, "extramuscular": 4.0, "haq": 1.5, "mmt": 60,
            "enzymes": {"ck": {"value": 3000, "uln": 200}, "aldolase": null}},
        "followup": {"physician_global": 3.0, "patient_global": 5.0, "extramuscular": 2.0, "haq": 1.0, "mmt": 66,
            "enzymes": {"ck": {"value": 1000, "uln": 200}}}
    })
}

fn schema(catalog: &Catalog) -> Value {
    let def = &catalog.tis;
    let (vas, haq, cmas) = (
        def.vas_max.as_f64(),
        def.haq_max.as_f64(),
        def.cmas_max.as_f64(),
    );
    let mmt_allowed: Vec<f64> = def.mmt_max_allowed.iter().map(|m| m.as_f64()).collect();
    let enzyme = schema_object(
        json!({
            "value": schema_number(0.0, None, false, "Level, same unit as uln"),
            "uln": {"type": "number", "exclusiveMinimum": 0, "description": "Upper limit of normal"},
        }),
        &["value", "uln"],
        true,
        "null or absent: not measured",
    );
    let enzymes = schema_object(
        json!({"ck": enzyme, "aldolase": enzyme, "ast": enzyme, "alt": enzyme, "ldh": enzyme}),
        &[],
        true,
        "Serum muscle enzymes; the most abnormal at baseline (multiple of ULN) is used",
    );
    let visit = schema_object(
        json!({
            "physician_global": schema_number(0.0, Some(vas), true, "Physician global activity"),
            "patient_global": schema_number(0.0, Some(vas), true, "Patient/parent global activity"),
            "extramuscular": schema_number(0.0, Some(vas), true, "Extramuscular disease activity"),
            "haq": schema_number(0.0, Some(haq), true, "HAQ disability index (adult)"),
            "chaq": schema_number(0.0, Some(haq), true, "CHAQ (juvenile)"),
            "mmt": schema_number(0.0, None, true, "Manual muscle testing total, 0 to mmt_max"),
            "cmas": schema_number(0.0, Some(cmas), true, "CMAS total (juvenile; instead of mmt)"),
            "enzymes": enzymes,
        }),
        &[],
        false,
        "Core set measures at one visit; null or absent = not assessed. Numbers have at most 3 decimals.",
    );
    let body = schema_object(
        json!({
            "population": {"enum": ["adult", "juvenile"], "description": "adult DM/PM or juvenile DM"},
            "mmt_max": {"type": ["number", "null"], "enum": mmt_allowed, "description": "Maximum potential MMT score; required when mmt is given"},
            "baseline": visit,
            "followup": visit,
        }),
        &["population", "baseline", "followup"],
        false,
        "Baseline and follow-up core set measures",
    );
    schema_root(
        tis::ID,
        "ACR/EULAR 2016 Total Improvement Score input",
        body,
        example(),
    )
}
