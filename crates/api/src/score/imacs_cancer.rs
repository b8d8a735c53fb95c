//! Wire format of `imacs-cancer-2023`. Every field may be `null` / absent (not known).

use myo_instruments::imacs_cancer::{self, Input, Sex};
use myo_instruments::{Catalog, Meta};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Entry, Scored, Sink, parse, schema_number, schema_object, schema_root, schema_tri};
use crate::error::{InputError, ScoreError};

pub(crate) const ENTRY: Entry = Entry {
    id: imacs_cancer::ID,
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
    months_from_onset_to_diagnosis: Option<i64>,
    sex: Option<SexDto>,
    high_risk_factors: Option<i64>,
    moderate_risk_factors: Option<i64>,
    dermatomyositis: Option<bool>,
    anti_tif1g: Option<bool>,
    additional_high_risk_clinical_feature: Option<bool>,
    cancer_found_at_diagnosis: Option<bool>,
    nasopharyngeal_carcinoma_risk_region: Option<bool>,
    red_flags: Option<RedFlagsDto>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum SexDto {
    Female,
    Male,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RedFlagsDto {
    unexplained_weight_loss: Option<bool>,
    family_history_of_cancer: Option<bool>,
    smoking: Option<bool>,
    unexplained_fever: Option<bool>,
    night_sweats: Option<bool>,
}

impl From<Dto> for Input {
    fn from(d: Dto) -> Input {
        let r = d.red_flags.unwrap_or_default();
        Input {
            age_at_onset_years: d.age_at_onset_years,
            months_from_onset_to_diagnosis: d.months_from_onset_to_diagnosis,
            sex: d.sex.map(|s| match s {
                SexDto::Female => Sex::Female,
                SexDto::Male => Sex::Male,
            }),
            high_risk_factors: d.high_risk_factors,
            moderate_risk_factors: d.moderate_risk_factors,
            dermatomyositis: d.dermatomyositis,
            anti_tif1g: d.anti_tif1g,
            additional_high_risk_clinical_feature: d.additional_high_risk_clinical_feature,
            cancer_found_at_diagnosis: d.cancer_found_at_diagnosis,
            nasopharyngeal_carcinoma_risk_region: d.nasopharyngeal_carcinoma_risk_region,
            // Definition order.
            red_flags: [
                r.unexplained_weight_loss,
                r.family_history_of_cancer,
                r.smoking,
                r.unexplained_fever,
                r.night_sweats,
            ],
        }
    }
}

fn meta(c: &Catalog) -> &Meta {
    &c.imacs_cancer.meta
}

fn check_shape(v: &Value) -> Result<(), InputError> {
    parse::<Dto>(v).map(drop)
}

/// The result fields of `imacs-cancer-2023`.
#[derive(Serialize)]
struct Out<'a> {
    category: Option<&'static str>,
    category_at_least: Option<&'static str>,
    in_scope: Option<bool>,
    schedule: Vec<ScheduledOut>,
    basic_panel: Vec<&'a str>,
    enhanced_panel: Vec<&'a str>,
    considerations: Vec<ConsiderationOut<'a>>,
    red_flags_present: &'a [&'a str],
    screening_triggered_by_red_flags: bool,
}

#[derive(Serialize)]
struct ScheduledOut {
    panel: &'static str,
    timing: &'static str,
}

#[derive(Serialize)]
struct ConsiderationOut<'a> {
    id: &'static str,
    text: &'a str,
    applies: Option<bool>,
}

fn score(catalog: &Catalog, v: &Value, sink: Sink<'_>) -> Result<(), ScoreError> {
    let o = imacs_cancer::score(&catalog.imacs_cancer, &Input::from(parse::<Dto>(v)?))?;
    fn items<'a>(p: &[&'a imacs_cancer::PanelItem]) -> Vec<&'a str> {
        p.iter().map(|i| i.item.as_str()).collect()
    }
    let out = Out {
        category: o.category.map(|c| c.as_str()),
        category_at_least: o.category_at_least.map(|c| c.as_str()),
        in_scope: o.in_scope,
        schedule: o
            .schedule
            .iter()
            .map(|s| ScheduledOut {
                panel: s.panel.as_str(),
                timing: s.timing.as_str(),
            })
            .collect(),
        basic_panel: items(&o.basic_panel),
        enhanced_panel: items(&o.enhanced_panel),
        considerations: o
            .considerations
            .iter()
            .map(|c| ConsiderationOut {
                id: c.id,
                text: c.text,
                applies: c.applies,
            })
            .collect(),
        red_flags_present: &o.red_flags_present,
        screening_triggered_by_red_flags: !o.red_flags_present.is_empty(),
    };
    sink.write(&Scored::new(&o.explanation, out))
}

fn example() -> Value {
    json!({
        "age_at_onset_years": 58, "months_from_onset_to_diagnosis": 4, "sex": "female",
        "high_risk_factors": 2, "moderate_risk_factors": 0, "dermatomyositis": true, "anti_tif1g": true,
        "additional_high_risk_clinical_feature": true, "cancer_found_at_diagnosis": false,
        "nasopharyngeal_carcinoma_risk_region": false,
        "red_flags": {"unexplained_weight_loss": false, "family_history_of_cancer": false, "smoking": false,
            "unexplained_fever": false, "night_sweats": null}
    })
}

fn schema(catalog: &Catalog) -> Value {
    let def = &catalog.imacs_cancer;
    let count = |what: &str| {
        json!({"type": ["integer", "null"], "minimum": 0, "maximum": def.factors_max,
            "description": format!("Number of guideline {what} factors present, as judged by the clinician against the guideline's Fig. 1 lists; null if not assessed")})
    };
    let mut red = serde_json::Map::new();
    for (id, label) in &def.red_flags {
        red.insert(id.clone(), schema_tri(label));
    }
    let body = schema_object(
        json!({
            "age_at_onset_years": schema_number(0.0, Some(def.age_max_years), true, &format!("Age at IIM symptom onset (years); under {} is juvenile onset", def.adult_from_years)),
            "months_from_onset_to_diagnosis": {"type": ["integer", "null"], "minimum": 0, "maximum": def.months_max, "description": format!("Whole months from IIM symptom onset to diagnosis; the guideline covers adults diagnosed within {} months of onset", def.window_months)},
            "sex": {"type": ["string", "null"], "enum": ["female", "male", null], "description": "Selects the sex-specific panel items; null shows all"},
            "high_risk_factors": count("high-risk"),
            "moderate_risk_factors": count("moderate-risk (also called intermediate)"),
            "dermatomyositis": schema_tri("The IIM subtype is dermatomyositis"),
            "anti_tif1g": schema_tri("Anti-TIF1-gamma positive"),
            "additional_high_risk_clinical_feature": schema_tri("At least one high-risk clinical feature besides onset age and anti-TIF1-gamma"),
            "cancer_found_at_diagnosis": schema_tri("Cancer was found by the screening at IIM diagnosis"),
            "nasopharyngeal_carcinoma_risk_region": schema_tri("Living in a region with increased nasopharyngeal carcinoma risk"),
            "red_flags": schema_object(Value::Object(red), &[], true, "Red flags that trigger screening whatever the category"),
        }),
        &[],
        false,
        "IMACS 2023 cancer-screening input; null or absent means not known.",
    );
    schema_root(
        imacs_cancer::ID,
        "IMACS 2023 cancer screening input",
        body,
        example(),
    )
}
