//! Wire format of `antibody-flags`.
//!
//! Input: `{"age_at_onset_years": 52, "antibodies": {"mda5": "positive", "jo1": "negative", ...}}`;
//! each antibody `"positive"`, `"negative"`, `"not_tested"`, `null` or absent (not tested).

use myo_instruments::antibodies::{self, ANTIBODIES, Input, TestResult};
use myo_instruments::{Catalog, Meta};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Entry, Scored, Sink, parse, schema_number, schema_object, schema_root};
use crate::error::{InputError, ScoreError};

pub(crate) const ENTRY: Entry = Entry {
    id: antibodies::ID,
    meta,
    schema,
    example,
    check_shape,
    score,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dto {
    age_at_onset_years: Option<f64>,
    antibodies: PanelDto,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum ResultDto {
    Positive,
    Negative,
    NotTested,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PanelDto {
    mda5: Option<ResultDto>,
    tif1g: Option<ResultDto>,
    nxp2: Option<ResultDto>,
    mi2: Option<ResultDto>,
    sae: Option<ResultDto>,
    jo1: Option<ResultDto>,
    pl7: Option<ResultDto>,
    pl12: Option<ResultDto>,
    ej: Option<ResultDto>,
    oj: Option<ResultDto>,
    ks: Option<ResultDto>,
    zo: Option<ResultDto>,
    ha: Option<ResultDto>,
    srp: Option<ResultDto>,
    hmgcr: Option<ResultDto>,
    cn1a: Option<ResultDto>,
}

fn result(r: Option<ResultDto>) -> TestResult {
    match r {
        Some(ResultDto::Positive) => TestResult::Positive,
        Some(ResultDto::Negative) => TestResult::Negative,
        Some(ResultDto::NotTested) | None => TestResult::NotTested,
    }
}

impl From<Dto> for Input {
    fn from(d: Dto) -> Input {
        let p = d.antibodies;
        // Order of `antibodies::ANTIBODY_IDS` (TMA table order).
        let results: [Option<ResultDto>; ANTIBODIES] = [
            p.mda5, p.tif1g, p.nxp2, p.mi2, p.sae, p.jo1, p.pl7, p.pl12, p.ej, p.oj, p.ks, p.zo,
            p.ha, p.srp, p.hmgcr, p.cn1a,
        ];
        Input {
            age_at_onset_years: d.age_at_onset_years,
            results: results.map(result),
        }
    }
}

fn meta(c: &Catalog) -> &Meta {
    &c.antibodies.meta
}

fn check_shape(v: &Value) -> Result<(), InputError> {
    parse::<Dto>(v).map(drop)
}

/// The result fields of `antibody-flags`.
#[derive(Serialize)]
struct Out<'a> {
    positive: Vec<&'a str>,
    negative: Vec<&'a str>,
    flags: Vec<FlaggedOut<'a>>,
    next_steps: &'a [&'a str],
}

#[derive(Serialize)]
struct FlaggedOut<'a> {
    antibody: &'a str,
    name: &'a str,
    flags: Vec<FlagOut<'a>>,
    not_applicable: Vec<FlagOut<'a>>,
    loinc: Vec<LoincOut<'a>>,
}

#[derive(Serialize)]
struct FlagOut<'a> {
    id: &'a str,
    text: &'a str,
    adults_only: bool,
}

#[derive(Serialize)]
struct LoincOut<'a> {
    code: &'a str,
    what: &'a str,
}

fn score(catalog: &Catalog, v: &Value, sink: Sink<'_>) -> Result<(), ScoreError> {
    let input = Input::from(parse::<Dto>(v)?);
    let o = antibodies::score(&catalog.antibodies, &input)?;
    fn flag<'a>(f: &&'a antibodies::FlagDef) -> FlagOut<'a> {
        FlagOut {
            id: &f.id,
            text: &f.text,
            adults_only: f.adults_only,
        }
    }
    let flags = o
        .flagged
        .iter()
        .map(|f| FlaggedOut {
            antibody: &f.antibody.id,
            name: &f.antibody.name,
            flags: f.flags.iter().map(flag).collect(),
            not_applicable: f.not_applicable.iter().map(flag).collect(),
            loinc: f
                .antibody
                .loinc
                .iter()
                .map(|l| LoincOut {
                    code: &l.code,
                    what: &l.what,
                })
                .collect(),
        })
        .collect();
    let with = |want: TestResult| -> Vec<&str> {
        catalog
            .antibodies
            .antibodies
            .iter()
            .zip(&input.results)
            .filter(|(_, r)| **r == want)
            .map(|(a, _)| a.id.as_str())
            .collect()
    };
    let out = Out {
        positive: with(TestResult::Positive),
        negative: with(TestResult::Negative),
        flags,
        next_steps: &o.next_steps,
    };
    sink.write(&Scored::new(&o.explanation, out))
}

fn example() -> Value {
    json!({
        "age_at_onset_years": 52,
        "antibodies": {
            "mda5": "negative", "tif1g": "positive", "nxp2": "negative", "mi2": "negative", "sae": "not_tested",
            "jo1": "negative", "pl7": null, "pl12": null, "ej": null, "oj": null, "ks": null, "zo": null, "ha": null,
            "srp": null, "hmgcr": null, "cn1a": null
        }
    })
}

fn schema(catalog: &Catalog) -> Value {
    let def = &catalog.antibodies;
    let mut panel = serde_json::Map::new();
    for a in &def.antibodies {
        panel.insert(
            a.id.clone(),
            json!({"type": ["string", "null"], "enum": ["positive", "negative", "not_tested", null], "description": format!("{}; null or absent: not tested", a.name)}),
        );
    }
    let age = schema_number(
        0.0,
        Some(def.age_max_years),
        true,
        &format!(
            "Age at onset of the first myositis symptom (years); adult-only flags need onset at {} or older; null if unknown",
            def.adult_from_years
        ),
    );
    let body = schema_object(
        json!({
            "age_at_onset_years": age,
            "antibodies": schema_object(Value::Object(panel), &[], false, "Antibody results"),
        }),
        &["antibodies"],
        false,
        "Myositis antibody results.",
    );
    schema_root(antibodies::ID, "Antibody flags input", body, example())
}
