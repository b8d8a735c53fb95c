//! Wire format of `eular-acr-2017`.

use myo_instruments::eular_acr::{self, Clinical, Input, Model};
use myo_instruments::{Catalog, Meta};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{
    Entry, Scored, Sink, parse, schema_number, schema_object, schema_root, schema_tri, tenths,
};
use crate::error::{InputError, ScoreError};

pub(crate) const ENTRY: Entry = Entry {
    id: eular_acr::ID,
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
    proximal_upper_weakness: Option<bool>,
    proximal_lower_weakness: Option<bool>,
    neck_flexors_weaker_than_extensors: Option<bool>,
    proximal_legs_weaker_than_distal: Option<bool>,
    heliotrope_rash: Option<bool>,
    gottrons_papules: Option<bool>,
    gottrons_sign: Option<bool>,
    dysphagia: Option<bool>,
    anti_jo1: Option<bool>,
    elevated_muscle_enzymes: Option<bool>,
    finger_flexor_weakness: Option<bool>,
    no_response_to_treatment: Option<bool>,
    muscle_biopsy: Option<BiopsyDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BiopsyDto {
    endomysial_infiltrate: Option<bool>,
    perimysial_or_perivascular_infiltrate: Option<bool>,
    perifascicular_atrophy: Option<bool>,
    rimmed_vacuoles: Option<bool>,
}

impl From<Dto> for Input {
    fn from(d: Dto) -> Input {
        // Order of `Clinical::ALL` (Table 1 order).
        let clinical = [
            d.proximal_upper_weakness,
            d.proximal_lower_weakness,
            d.neck_flexors_weaker_than_extensors,
            d.proximal_legs_weaker_than_distal,
            d.heliotrope_rash,
            d.gottrons_papules,
            d.gottrons_sign,
            d.dysphagia,
            d.anti_jo1,
            d.elevated_muscle_enzymes,
        ];
        debug_assert_eq!(clinical.len(), Clinical::ALL.len());
        Input {
            age_at_onset_years: d.age_at_onset_years,
            clinical,
            finger_flexor_weakness: d.finger_flexor_weakness,
            no_response_to_treatment: d.no_response_to_treatment,
            muscle_biopsy: d.muscle_biopsy.map(|b| {
                [
                    b.endomysial_infiltrate,
                    b.perimysial_or_perivascular_infiltrate,
                    b.perifascicular_atrophy,
                    b.rimmed_vacuoles,
                ]
            }),
        }
    }
}

fn meta(c: &Catalog) -> &Meta {
    &c.eular_acr.meta
}

fn check_shape(v: &Value) -> Result<(), InputError> {
    parse::<Dto>(v).map(drop)
}

/// The result fields of `eular-acr-2017`.
#[derive(Serialize)]
struct Out {
    outcome: &'static str,
    model: &'static str,
    score: f64,
    probability: f64,
    category: &'static str,
    probability_category: &'static str,
    borderline: bool,
    classifiable: bool,
    subgroup: Option<&'static str>,
    max_achievable_score: f64,
    max_achievable_category: &'static str,
}

fn score(catalog: &Catalog, v: &Value, sink: Sink<'_>) -> Result<(), ScoreError> {
    let def = &catalog.eular_acr;
    let input = Input::from(parse::<Dto>(v)?);
    let o = eular_acr::score(def, &input)?;
    let out = Out {
        outcome: o.outcome.as_str(),
        model: match o.model {
            Model::WithoutBiopsy => "without_biopsy",
            Model::WithBiopsy => "with_biopsy",
        },
        score: tenths(o.score),
        probability: o.probability,
        category: o.category.as_str(),
        probability_category: o.probability_category.as_str(),
        borderline: o.borderline,
        classifiable: o.classifiable,
        subgroup: o.subgroup.map(|s| s.as_str()),
        max_achievable_score: tenths(o.max_achievable_score),
        max_achievable_category: o.max_achievable_category.as_str(),
    };
    sink.write(&Scored::new(&o.explanation, out))
}

fn example() -> Value {
    json!({
        "age_at_onset_years": 45, "proximal_upper_weakness": true, "proximal_lower_weakness": true,
        "neck_flexors_weaker_than_extensors": null, "proximal_legs_weaker_than_distal": false,
        "heliotrope_rash": true, "gottrons_papules": true, "gottrons_sign": false, "dysphagia": false,
        "anti_jo1": false, "elevated_muscle_enzymes": true, "finger_flexor_weakness": null,
        "no_response_to_treatment": null,
        "muscle_biopsy": {"endomysial_infiltrate": null, "perimysial_or_perivascular_infiltrate": true,
            "perifascicular_atrophy": true, "rimmed_vacuoles": false}
    })
}

fn schema(catalog: &Catalog) -> Value {
    let age_max = catalog.eular_acr.age_max_years;
    let tri = schema_tri;
    let biopsy = schema_object(
        json!({
            "endomysial_infiltrate": tri("Endomysial mononuclear infiltrate surrounding, not invading, myofibres"),
            "perimysial_or_perivascular_infiltrate": tri("Perimysial and/or perivascular mononuclear infiltrate"),
            "perifascicular_atrophy": tri("Perifascicular atrophy"),
            "rimmed_vacuoles": tri("Rimmed vacuoles"),
        }),
        &[],
        true,
        "null: no muscle biopsy performed (without-biopsy weights); an object: biopsy performed (with-biopsy weights)",
    );
    let body = schema_object(
        json!({
            "age_at_onset_years": schema_number(0.0, Some(age_max), true, "Age at onset of the first symptom assumed related to the disease; null if unknown"),
            "proximal_upper_weakness": tri("Objective symmetric proximal upper-limb weakness"),
            "proximal_lower_weakness": tri("Objective symmetric proximal lower-limb weakness"),
            "neck_flexors_weaker_than_extensors": tri("Neck flexors relatively weaker than extensors"),
            "proximal_legs_weaker_than_distal": tri("In the legs, proximal muscles weaker than distal"),
            "heliotrope_rash": tri("Heliotrope rash"),
            "gottrons_papules": tri("Gottron's papules"),
            "gottrons_sign": tri("Gottron's sign"),
            "dysphagia": tri("Dysphagia or oesophageal dysmotility"),
            "anti_jo1": tri("Anti-Jo-1 antibody positive"),
            "elevated_muscle_enzymes": tri("CK, LDH, AST or ALT above the upper limit of normal (not aldolase)"),
            "finger_flexor_weakness": tri("Finger-flexor weakness (subgroup tree only)"),
            "no_response_to_treatment": tri("No response to treatment (subgroup tree only)"),
            "muscle_biopsy": biopsy,
        }),
        &[],
        false,
        "Each item true, false or null (not assessed); an absent key means not assessed.",
    );
    schema_root(
        eular_acr::ID,
        "EULAR/ACR 2017 IIM classification input",
        body,
        example(),
    )
}
