//! IMACS 2023 guideline for IIM-associated cancer screening (Oldroyd et al.): risk category,
//! screening schedule and panels, other modalities to consider, red flags.
//!
//! The factor columns of the guideline's Fig. 1 are not confirmed, so the clinician counts the
//! guideline 'high-risk' and 'moderate-risk' factors; the category is then high (>= 2 high-risk),
//! moderate (1 high-risk, or >= 2 moderate-risk) or standard. A count that is not given leaves the
//! category undetermined unless the other count already decides it. Status `partial`: every
//! result says it is not yet verified against the guideline figure.

use std::borrow::Cow;

use serde::Deserialize;

use crate::def::{DefError, MetaDef, Sources, parse_toml};
use crate::explain::{Explanation, InvalidInput, Meta, Value};

/// The embedded definition file.
pub const DEF_TOML: &str = include_str!("../defs/imacs-cancer-2023.toml");
/// Instrument id.
pub const ID: &str = "imacs-cancer-2023";
/// Number of red flags.
pub const RED_FLAGS: usize = 5;

const SOURCES: [&str; 8] = [
    "scope",
    "categories",
    "category_rule",
    "risk_factor_lists",
    "schedule",
    "panels",
    "pet_ct_endoscopy",
    "red_flags",
];
const RED_FLAG_IDS: [&str; RED_FLAGS] = [
    "unexplained_weight_loss",
    "family_history_of_cancer",
    "smoking",
    "unexplained_fever",
    "night_sweats",
];
/// Warning every result carries (status partial until the guideline figure is verified).
const UNVERIFIED: &str = "risk category and schedule not yet verified against the guideline figure (Oldroyd 2023 Fig. 1)";

/// Risk category (the guideline's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// Standard risk.
    Standard,
    /// Moderate risk (some reports say "intermediate").
    Moderate,
    /// High risk.
    High,
}

impl Category {
    /// Wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Standard => "standard",
            Category::Moderate => "moderate",
            Category::High => "high",
        }
    }
}

/// Sex, for the sex-specific panel items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    /// Female.
    Female,
    /// Male.
    Male,
}

impl Sex {
    fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
        }
    }
}

/// One case; `None` means not known.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Input {
    /// Age at IIM symptom onset, in years.
    pub age_at_onset_years: Option<f64>,
    /// Months since IIM symptom onset.
    pub months_from_onset_to_diagnosis: Option<i64>,
    /// Sex, to select the sex-specific panel items.
    pub sex: Option<Sex>,
    /// Number of guideline high-risk factors, as judged by the clinician.
    pub high_risk_factors: Option<i64>,
    /// Number of guideline moderate-risk factors, as judged by the clinician.
    pub moderate_risk_factors: Option<i64>,
    /// The IIM subtype is dermatomyositis.
    pub dermatomyositis: Option<bool>,
    /// Anti-TIF1-gamma positive.
    pub anti_tif1g: Option<bool>,
    /// At least one high-risk clinical feature besides onset age and anti-TIF1-gamma.
    pub additional_high_risk_clinical_feature: Option<bool>,
    /// Cancer was found by the screening at diagnosis.
    pub cancer_found_at_diagnosis: Option<bool>,
    /// Living in a region with increased nasopharyngeal carcinoma risk.
    pub nasopharyngeal_carcinoma_risk_region: Option<bool>,
    /// Red flags in definition order.
    pub red_flags: [Option<bool>; RED_FLAGS],
}

/// Which panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Panel {
    /// Basic panel.
    Basic,
    /// Enhanced panel.
    Enhanced,
}

impl Panel {
    /// Wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Panel::Basic => "basic",
            Panel::Enhanced => "enhanced",
        }
    }
}

/// When a panel is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// Once, at IIM diagnosis.
    AtDiagnosis,
    /// Every year for the 3 years after diagnosis.
    #[serde(rename = "annually_for_3_years")]
    AnnuallyFor3Years,
}

impl Timing {
    /// Wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Timing::AtDiagnosis => "at_diagnosis",
            Timing::AnnuallyFor3Years => "annually_for_3_years",
        }
    }
}

/// One scheduled panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheduled {
    /// Panel.
    pub panel: Panel,
    /// Timing.
    pub timing: Timing,
}

/// One panel item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelItem {
    /// What is done.
    pub item: String,
    /// Limited to one sex.
    pub sex: Option<Sex>,
}

/// Texts of the other modalities.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Considerations {
    /// PET-CT for high risk without cancer at diagnosis.
    pub pet_ct_high_risk: String,
    /// PET-CT once for anti-TIF1-gamma DM with onset after 40 and another high-risk feature.
    pub pet_ct_tif1g: String,
    /// GI endoscopy for high risk without cancer at diagnosis.
    pub gi_endoscopy: String,
    /// Nasoendoscopy in regions with increased nasopharyngeal carcinoma risk.
    pub nasoendoscopy: String,
}

/// The parsed, validated definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Def {
    /// Identity, citation, status.
    pub meta: Meta,
    /// Onset age from which the guideline applies (younger: juvenile onset).
    pub adult_from_years: f64,
    /// Months after symptom onset covered by the guideline.
    pub window_months: i64,
    /// Plausibility bound for the age.
    pub age_max_years: f64,
    /// Plausibility bound for the months.
    pub months_max: i64,
    /// Plausibility bound for the factor counts.
    pub factors_max: i64,
    /// High-risk factors that make the category high.
    pub high_from_high: i64,
    /// High-risk factors that make the category (at least) moderate.
    pub moderate_from_high: i64,
    /// Moderate-risk factors that make the category (at least) moderate.
    pub moderate_from_moderate: i64,
    /// Onset age above which the anti-TIF1-gamma PET-CT rule applies.
    pub tif1g_onset_age_above_years: f64,
    /// Other modalities.
    pub considerations: Considerations,
    /// Schedule per category, indexed by `Category as usize`.
    pub schedule: [Vec<Scheduled>; 3],
    /// Basic panel.
    pub basic: Vec<PanelItem>,
    /// Enhanced panel.
    pub enhanced: Vec<PanelItem>,
    /// Red flags `(id, label)` in order.
    pub red_flags: [(String, String); RED_FLAGS],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    meta: MetaDef,
    sources: Sources,
    scope: RawScope,
    rule: RawRule,
    pet_ct: RawPet,
    considerations: Considerations,
    schedule: RawSchedule,
    panel: RawPanels,
    red_flag: Vec<RawRedFlag>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScope {
    adult_from_years: f64,
    window_months: i64,
    age_max_years: f64,
    months_max: i64,
    factors_max: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    high_from_high: i64,
    moderate_from_high: i64,
    moderate_from_moderate: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPet {
    tif1g_onset_age_above_years: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSchedule {
    standard: Vec<Scheduled>,
    moderate: Vec<Scheduled>,
    high: Vec<Scheduled>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPanels {
    basic: Vec<RawPanelItem>,
    enhanced: Vec<RawPanelItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPanelItem {
    item: String,
    sex: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRedFlag {
    id: String,
    label: String,
}

fn panel_items(raw: Vec<RawPanelItem>) -> Result<Vec<PanelItem>, DefError> {
    raw.into_iter()
        .map(|p| {
            let sex = match p.sex.as_deref() {
                None => None,
                Some("female") => Some(Sex::Female),
                Some("male") => Some(Sex::Male),
                Some(other) => {
                    return Err(DefError::invalid(
                        ID,
                        format!("panel item {:?}: sex {other:?}", p.item),
                    ));
                }
            };
            Ok(PanelItem { item: p.item, sex })
        })
        .collect()
}

impl Def {
    /// Parses and validates a definition file.
    pub fn parse(src: &str) -> Result<Def, DefError> {
        let raw: Raw = parse_toml(ID, src)?;
        let ids: Vec<&str> = raw.red_flag.iter().map(|r| r.id.as_str()).collect();
        if ids != RED_FLAG_IDS {
            return Err(DefError::invalid(
                ID,
                format!("red flags must be {RED_FLAG_IDS:?} in that order, got {ids:?}"),
            ));
        }
        let r = &raw.rule;
        if !(0 < r.moderate_from_high
            && r.moderate_from_high < r.high_from_high
            && r.moderate_from_moderate > 0)
        {
            return Err(DefError::invalid(
                ID,
                "rule: need 0 < moderate_from_high < high_from_high and moderate_from_moderate > 0",
            ));
        }
        let every_category_screens = [
            &raw.schedule.standard,
            &raw.schedule.moderate,
            &raw.schedule.high,
        ]
        .iter()
        .all(|s| {
            s.iter()
                .any(|x| x.panel == Panel::Basic && x.timing == Timing::AtDiagnosis)
        });
        if !every_category_screens {
            return Err(DefError::invalid(
                ID,
                "schedule: every category starts with the basic panel at diagnosis",
            ));
        }
        let meta = raw.meta.build(ID, &raw.sources, &SOURCES)?;
        let red_flags: Vec<(String, String)> =
            raw.red_flag.into_iter().map(|f| (f.id, f.label)).collect();
        Ok(Def {
            meta,
            adult_from_years: raw.scope.adult_from_years,
            window_months: raw.scope.window_months,
            age_max_years: raw.scope.age_max_years,
            months_max: raw.scope.months_max,
            factors_max: raw.scope.factors_max,
            high_from_high: r.high_from_high,
            moderate_from_high: r.moderate_from_high,
            moderate_from_moderate: r.moderate_from_moderate,
            tif1g_onset_age_above_years: raw.pet_ct.tif1g_onset_age_above_years,
            considerations: raw.considerations,
            schedule: [
                raw.schedule.standard,
                raw.schedule.moderate,
                raw.schedule.high,
            ],
            basic: panel_items(raw.panel.basic)?,
            enhanced: panel_items(raw.panel.enhanced)?,
            red_flags: red_flags
                .try_into()
                .unwrap_or_else(|_| unreachable!("length checked")),
        })
    }

    /// The lowest category the known counts already guarantee, when the category itself is
    /// undetermined: `moderate` when the moderate-risk count reaches its threshold while the
    /// high-risk count is unknown.
    pub fn at_least(&self, high: Option<i64>, moderate: Option<i64>) -> Option<Category> {
        (high.is_none() && moderate? >= self.moderate_from_moderate).then_some(Category::Moderate)
    }

    /// The combining rule. `None` when a count that could change the category is unknown.
    pub fn category(&self, high: Option<i64>, moderate: Option<i64>) -> Option<Category> {
        match high? {
            h if h >= self.high_from_high => Some(Category::High),
            h if h >= self.moderate_from_high => Some(Category::Moderate),
            _ if moderate? >= self.moderate_from_moderate => Some(Category::Moderate),
            _ => Some(Category::Standard),
        }
    }
}

/// Checks ranges of the numeric fields.
pub fn validate(def: &Def, input: &Input) -> Result<(), InvalidInput> {
    if let Some(age) = input.age_at_onset_years
        && !(0.0..=def.age_max_years).contains(&age)
    {
        return Err(InvalidInput::new(
            "age_at_onset_years",
            format!("{age} is out of range"),
            format!("0 to {} years, or null", def.age_max_years),
        ));
    }
    if let Some(m) = input.months_from_onset_to_diagnosis
        && !(0..=def.months_max).contains(&m)
    {
        return Err(InvalidInput::new(
            "months_from_onset_to_diagnosis",
            format!("{m} is out of range"),
            format!("whole months 0 to {}, or null", def.months_max),
        ));
    }
    for (field, count) in [
        ("high_risk_factors", input.high_risk_factors),
        ("moderate_risk_factors", input.moderate_risk_factors),
    ] {
        if let Some(n) = count
            && !(0..=def.factors_max).contains(&n)
        {
            return Err(InvalidInput::new(
                field,
                format!("{n} is out of range"),
                format!("a count 0 to {}, or null", def.factors_max),
            ));
        }
    }
    Ok(())
}

/// Another modality to discuss; `applies` is `None` when it depends on something not given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consideration<'c> {
    /// Stable id.
    pub id: &'static str,
    /// What to consider and when.
    pub text: &'c str,
    /// `Some(true)`: applies; `None`: may apply, an input is unknown.
    pub applies: Option<bool>,
}

/// A self-explaining result.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<'c> {
    /// Adult onset within the guideline window (`None` when age or time is unknown).
    pub in_scope: Option<bool>,
    /// The risk category, when determined.
    pub category: Option<Category>,
    /// When the category is undetermined: the lowest category the known counts guarantee.
    pub category_at_least: Option<Category>,
    /// Panels and timing for the category (empty when undetermined or juvenile onset).
    pub schedule: &'c [Scheduled],
    /// Basic panel items for this sex (all items when sex is unknown).
    pub basic_panel: Vec<&'c PanelItem>,
    /// Enhanced panel items for this sex.
    pub enhanced_panel: Vec<&'c PanelItem>,
    /// Other modalities that apply or may apply.
    pub considerations: Vec<Consideration<'c>>,
    /// Red flags present (ids).
    pub red_flags_present: Vec<&'c str>,
    /// Contributions, missing inputs, warnings, citation, status.
    pub explanation: Explanation<'c>,
}

/// Three-valued AND: false if any is false, true if all are true, else unknown.
fn all(conditions: &[Option<bool>]) -> Option<bool> {
    if conditions.contains(&Some(false)) {
        Some(false)
    } else if conditions.iter().all(|c| *c == Some(true)) {
        Some(true)
    } else {
        None
    }
}

/// Applies the guideline to one case.
pub fn score<'c>(def: &'c Def, input: &Input) -> Result<Outcome<'c>, InvalidInput> {
    validate(def, input)?;
    let mut ex = Explanation::new(&def.meta);
    ex.warn(UNVERIFIED);
    record_inputs(def, input, &mut ex);
    let juvenile = input.age_at_onset_years.map(|a| a < def.adult_from_years);
    let in_window = input
        .months_from_onset_to_diagnosis
        .map(|m| m <= def.window_months);
    let in_scope = all(&[juvenile.map(|j| !j), in_window]);
    scope_warnings(def, juvenile, in_window, &mut ex);

    let category = def.category(input.high_risk_factors, input.moderate_risk_factors);
    let category_at_least = def.at_least(input.high_risk_factors, input.moderate_risk_factors);
    match (category, category_at_least) {
        (None, Some(floor)) => ex.warn(format!(
            "risk category at least {}: the moderate-risk factors already reach it; the high-risk \
             factors were not counted and could make it high, so the schedule shown is the least \
             that applies",
            floor.as_str()
        )),
        (None, None) => ex.warn(
            "risk category not determined: give the number of high-risk and moderate-risk factors",
        ),
        _ => {}
    }
    if input.anti_tif1g == Some(true) && input.high_risk_factors == Some(0) {
        ex.warn("anti-TIF1-gamma is positive but no high-risk factor was counted; it has the strongest antibody link to cancer (meta-analysis RR 4.66): check the count against the guideline's list");
    }
    let schedule: &[Scheduled] = match (category.or(category_at_least), juvenile) {
        (Some(c), Some(false) | None) => &def.schedule[c as usize],
        _ => &[],
    };
    let for_sex = |items: &'c [PanelItem]| -> Vec<&'c PanelItem> {
        items
            .iter()
            .filter(|p| p.sex.is_none() || input.sex.is_none() || p.sex == input.sex)
            .collect()
    };
    let red_flags_present: Vec<&str> = def
        .red_flags
        .iter()
        .zip(&input.red_flags)
        .filter(|(_, v)| **v == Some(true))
        .map(|((id, _), _)| id.as_str())
        .collect();
    if !red_flags_present.is_empty() {
        ex.warn(format!(
            "red flag(s) present ({}): the guideline triggers cancer screening whatever the risk category; discuss with your care team",
            red_flags_present.join(", ")
        ));
    }
    Ok(Outcome {
        in_scope,
        category,
        category_at_least,
        schedule,
        basic_panel: for_sex(&def.basic),
        enhanced_panel: for_sex(&def.enhanced),
        considerations: considerations(def, input, category),
        red_flags_present,
        explanation: ex,
    })
}

fn scope_warnings(
    def: &Def,
    juvenile: Option<bool>,
    in_window: Option<bool>,
    ex: &mut Explanation<'_>,
) {
    match juvenile {
        Some(true) => ex.warn("juvenile onset: the guideline does not routinely require cancer screening; no schedule is given"),
        None => ex.warn("age at onset not given: whether the guideline applies (adult onset) was not checked"),
        Some(false) => {}
    }
    match in_window {
        Some(false) => ex.warn(format!(
            "diagnosed more than {} months after symptom onset: outside the guideline's scope (adults diagnosed within 3 years of IIM symptom onset); the schedule is shown for reference only",
            def.window_months
        )),
        None => ex.warn("time from symptom onset to diagnosis not given: the guideline's 3-year window was not checked"),
        Some(true) => {}
    }
}

/// Other modalities (Fig. 1 legend); only those that apply or may apply are returned.
fn considerations<'c>(
    def: &'c Def,
    input: &Input,
    category: Option<Category>,
) -> Vec<Consideration<'c>> {
    let c = &def.considerations;
    let high = category.map(|c| c == Category::High);
    let no_cancer_found = input.cancer_found_at_diagnosis.map(|f| !f);
    let over_age = input
        .age_at_onset_years
        .map(|a| a > def.tif1g_onset_age_above_years);
    let tif1g_rule = [
        input.dermatomyositis,
        input.anti_tif1g,
        over_age,
        input.additional_high_risk_clinical_feature,
    ];
    [
        (
            "pet_ct_high_risk",
            c.pet_ct_high_risk.as_str(),
            all(&[high, no_cancer_found]),
        ),
        ("pet_ct_tif1g", c.pet_ct_tif1g.as_str(), all(&tif1g_rule)),
        (
            "gi_endoscopy",
            c.gi_endoscopy.as_str(),
            all(&[high, no_cancer_found]),
        ),
        (
            "nasoendoscopy",
            c.nasoendoscopy.as_str(),
            input.nasopharyngeal_carcinoma_risk_region,
        ),
    ]
    .into_iter()
    .filter(|(_, _, applies)| *applies != Some(false))
    .map(|(id, text, applies)| Consideration { id, text, applies })
    .collect()
}

/// Records every input as a contribution or as missing.
fn record_inputs<'c>(def: &'c Def, input: &Input, ex: &mut Explanation<'c>) {
    let mut add = |id: Cow<'c, str>, label: &'c str, v: Option<Value>| match v {
        Some(v) => ex.add(id, label, v, None),
        None => ex.missing(id),
    };
    add(
        "age_at_onset_years".into(),
        "Age at IIM symptom onset (years)",
        input.age_at_onset_years.map(Value::Real),
    );
    add(
        "months_from_onset_to_diagnosis".into(),
        "Months since IIM symptom onset",
        input.months_from_onset_to_diagnosis.map(Value::Int),
    );
    add(
        "sex".into(),
        "Sex",
        input.sex.map(|s| Value::Text(s.as_str().to_owned())),
    );
    add(
        "high_risk_factors".into(),
        "Guideline high-risk factors (clinician count)",
        input.high_risk_factors.map(Value::Int),
    );
    add(
        "moderate_risk_factors".into(),
        "Guideline moderate-risk factors (clinician count)",
        input.moderate_risk_factors.map(Value::Int),
    );
    add(
        "dermatomyositis".into(),
        "Dermatomyositis subtype",
        input.dermatomyositis.map(Value::Bool),
    );
    add(
        "anti_tif1g".into(),
        "Anti-TIF1-gamma positive",
        input.anti_tif1g.map(Value::Bool),
    );
    add(
        "additional_high_risk_clinical_feature".into(),
        "Another high-risk clinical feature (besides onset age and anti-TIF1-gamma)",
        input.additional_high_risk_clinical_feature.map(Value::Bool),
    );
    add(
        "cancer_found_at_diagnosis".into(),
        "Cancer found at diagnosis",
        input.cancer_found_at_diagnosis.map(Value::Bool),
    );
    add(
        "nasopharyngeal_carcinoma_risk_region".into(),
        "Region with increased nasopharyngeal carcinoma risk",
        input.nasopharyngeal_carcinoma_risk_region.map(Value::Bool),
    );
    for ((id, label), v) in def.red_flags.iter().zip(&input.red_flags) {
        add(format!("red_flags.{id}").into(), label, v.map(Value::Bool));
    }
}
