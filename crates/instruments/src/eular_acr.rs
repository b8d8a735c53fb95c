//! EULAR/ACR 2017 classification criteria for adult and juvenile idiopathic inflammatory
//! myopathies (Lundberg et al. 2017).
//!
//! The score is the sum, in tenths, of the weights of the items present, from the with-biopsy
//! weight set if and only if a muscle biopsy was performed. The category comes from the published
//! score cut-offs; the logistic probability `1 / (1 + exp(a - score))` is reported as information
//! only (its intercepts are `partial`, and at exact cut-offs it disagrees with the category:
//! P(5.5) = 54.2 %). Classification criteria are not diagnostic criteria.
//!
//! [`score_only`] is the allocation-free hot path (score and category); [`score`] builds the full
//! explanation, classifiability and subgroup.

use serde::Deserialize;

use crate::def::{DefError, MetaDef, Sources, parse_toml};
use crate::explain::{Explanation, InvalidInput, Meta, Tenths, Value};

pub mod batch;
mod def;

pub use def::*;

/// The embedded definition file.
pub const DEF_TOML: &str = include_str!("../defs/eular-acr-2017.toml");
/// Instrument id.
pub const ID: &str = "eular-acr-2017";

/// Which weight set applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    /// No muscle biopsy was performed.
    WithoutBiopsy = 0,
    /// A muscle biopsy was performed (whatever it showed).
    WithBiopsy = 1,
}

/// Weighted clinical items (Table 1 rows 3–12), in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // the names are the items
pub enum Clinical {
    ProximalUpperWeakness,
    ProximalLowerWeakness,
    NeckFlexorsWeakerThanExtensors,
    ProximalLegsWeakerThanDistal,
    HeliotropeRash,
    GottronsPapules,
    GottronsSign,
    Dysphagia,
    AntiJo1,
    ElevatedMuscleEnzymes,
}

impl Clinical {
    /// All clinical items in table order (the index of each is its position in [`Input::clinical`]).
    pub const ALL: [Clinical; 10] = [
        Clinical::ProximalUpperWeakness,
        Clinical::ProximalLowerWeakness,
        Clinical::NeckFlexorsWeakerThanExtensors,
        Clinical::ProximalLegsWeakerThanDistal,
        Clinical::HeliotropeRash,
        Clinical::GottronsPapules,
        Clinical::GottronsSign,
        Clinical::Dysphagia,
        Clinical::AntiJo1,
        Clinical::ElevatedMuscleEnzymes,
    ];
    /// The three DM skin items.
    pub const SKIN: [Clinical; 3] = [
        Clinical::HeliotropeRash,
        Clinical::GottronsPapules,
        Clinical::GottronsSign,
    ];
    /// The four muscle-weakness items used by the subgroup tree.
    pub const WEAKNESS: [Clinical; 4] = [
        Clinical::ProximalUpperWeakness,
        Clinical::ProximalLowerWeakness,
        Clinical::NeckFlexorsWeakerThanExtensors,
        Clinical::ProximalLegsWeakerThanDistal,
    ];
}

/// Muscle-biopsy features (Table 1 rows 13–16), in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // the names are the features
pub enum BiopsyFeature {
    EndomysialInfiltrate,
    PerimysialOrPerivascularInfiltrate,
    PerifascicularAtrophy,
    RimmedVacuoles,
}

/// One case. `None` means "not assessed" and is reported as missing, never scored as absent.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Input {
    /// Age at onset of the first symptom assumed to be related to the disease, in years.
    pub age_at_onset_years: Option<f64>,
    /// Clinical items, indexed by [`Clinical`] (`Clinical::X as usize`).
    pub clinical: [Option<bool>; 10],
    /// Finger-flexor weakness (subgroup tree only).
    pub finger_flexor_weakness: Option<bool>,
    /// No response to treatment (subgroup tree only).
    pub no_response_to_treatment: Option<bool>,
    /// `None`: no biopsy performed. `Some`: features indexed by [`BiopsyFeature`].
    pub muscle_biopsy: Option<[Option<bool>; 4]>,
}

impl Input {
    /// The value of a clinical item.
    pub fn get(&self, item: Clinical) -> Option<bool> {
        self.clinical[item as usize]
    }

    /// The value of a biopsy feature (`None` if no biopsy or not assessed).
    pub fn biopsy(&self, feature: BiopsyFeature) -> Option<bool> {
        self.muscle_biopsy.and_then(|b| b[feature as usize])
    }

    /// The weight set that applies: with biopsy if and only if a biopsy was performed.
    pub fn model(&self) -> Model {
        if self.muscle_biopsy.is_some() {
            Model::WithBiopsy
        } else {
            Model::WithoutBiopsy
        }
    }

    fn any_present(&self, items: &[Clinical]) -> bool {
        items.iter().any(|&c| self.get(c) == Some(true))
    }

    fn any_missing(&self, items: &[Clinical]) -> bool {
        items.iter().any(|&c| self.get(c).is_none())
    }
}

/// Classification category, ordered from lowest to highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// Below the 50 % cut-off.
    NotIim,
    /// From the 50 % to below the 55 % cut-off.
    Possible,
    /// From the 55 % (recommended minimum to classify) to below the 90 % cut-off.
    Probable,
    /// From the 90 % cut-off.
    Definite,
}

impl Category {
    /// Wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::NotIim => "not_iim",
            Category::Possible => "possible",
            Category::Probable => "probable",
            Category::Definite => "definite",
        }
    }
}

/// The headline of a result: the category, unless the skin-or-biopsy rule fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Headline {
    /// No DM skin sign and no biopsy feature: not classified as an IIM case.
    NotClassifiable,
    /// The score-based category.
    Category(Category),
}

impl Headline {
    /// Wire name: `not_classifiable`, or the category's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Headline::NotClassifiable => "not_classifiable",
            Headline::Category(c) => c.as_str(),
        }
    }
}

/// Subgroup from the classification tree (Figure 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subgroup {
    /// Juvenile dermatomyositis.
    Jdm,
    /// Juvenile myositis other than JDM.
    JuvenileMyositisOther,
    /// Dermatomyositis.
    Dm,
    /// Amyopathic dermatomyositis.
    Adm,
    /// Inclusion body myositis.
    Ibm,
    /// Polymyositis (this group includes immune-mediated necrotising myopathy).
    Pm,
}

impl Subgroup {
    /// Wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Subgroup::Jdm => "jdm",
            Subgroup::JuvenileMyositisOther => "juvenile_myositis_other",
            Subgroup::Dm => "dm",
            Subgroup::Adm => "adm",
            Subgroup::Ibm => "ibm",
            Subgroup::Pm => "pm",
        }
    }
}

/// Score and category without building an explanation: allocation-free, for batch scoring.
/// The input must be valid (see [`validate`]).
pub fn score_only(def: &Def, input: &Input) -> (Model, Tenths, Category) {
    let model = input.model();
    let m = model as usize;
    let mut sum = input
        .age_at_onset_years
        .map_or(0, |age| def.age_row(age).weight[m]);
    for (value, item) in input.clinical.iter().zip(&def.clinical) {
        if *value == Some(true) {
            sum += item.weight[m];
        }
    }
    if let Some(features) = &input.muscle_biopsy {
        for (value, item) in features.iter().zip(&def.biopsy) {
            if *value == Some(true) {
                sum += item.weight[m];
            }
        }
    }
    let score = Tenths(sum);
    (model, score, def.category(model, score))
}

/// Checks the age range (the only numeric field).
pub fn validate(def: &Def, input: &Input) -> Result<(), InvalidInput> {
    match input.age_at_onset_years {
        Some(age) if !age_in_range(def, age) => Err(InvalidInput::new(
            AGE_ID,
            format!("{age} is out of range"),
            format!("0 to {} years, or null if unknown", def.age_max_years),
        )),
        _ => Ok(()),
    }
}

/// Whether a known onset age is allowed (0 to the plausibility bound; not NaN).
fn age_in_range(def: &Def, age: f64) -> bool {
    (0.0..=def.age_max_years).contains(&age)
}

/// A full, self-explaining result.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<'c> {
    /// Weight set used.
    pub model: Model,
    /// Sum of the weights of the items present.
    pub score: Tenths,
    /// Logistic probability (information only).
    pub probability: f64,
    /// Category by score cut-offs.
    pub category: Category,
    /// The headline: `not_classifiable` when the skin-or-biopsy rule fails for a score of
    /// `possible` or above, else the category. Read this first.
    pub outcome: Headline,
    /// The category the probability alone would give (information only, partial intercepts).
    pub probability_category: Category,
    /// The score meets a printed cut-off while its probability is below that cut-off's
    /// probability (no-biopsy scores 5.3, 5.5 and 7.5).
    pub borderline: bool,
    /// A DM skin item is present, or a biopsy was done and shows at least one biopsy feature.
    pub classifiable: bool,
    /// Subgroup, only when classifiable, probable or definite, and the onset age is known.
    pub subgroup: Option<Subgroup>,
    /// Score if every missing item turned out present (a missing age: its best weight).
    pub max_achievable_score: Tenths,
    /// Category of `max_achievable_score`.
    pub max_achievable_category: Category,
    /// Contributions, missing items, warnings, citation, status.
    pub explanation: Explanation<'c>,
}

/// Scores one case with its full explanation.
pub fn score<'c>(def: &'c Def, input: &Input) -> Result<Outcome<'c>, InvalidInput> {
    let (s, notes) = summarise(def, input)?;
    let (model, score, category) = (s.model, s.score, s.category);
    // Exact room for the items; warnings: lower bound, not classifiable, borderline and two
    // subgroup notes at most.
    let missing = s.missing.len() as usize;
    let mut ex = Explanation::with_capacity(&def.meta, s.assessed as usize, missing, 5);
    let max_achievable_score = score + explain_items(def, input, model, &mut ex);
    let max_achievable_category = def.category(model, max_achievable_score);
    if max_achievable_category != category {
        ex.warn(lower_bound_warning(
            ex.missing.len(),
            max_achievable_score,
            max_achievable_category,
        ));
    }
    if s.outcome == Headline::NotClassifiable {
        ex.warn(
            "not classifiable: without heliotrope rash, Gottron's papules or Gottron's sign, a \
             muscle biopsy showing at least one biopsy feature is required, so this person is not \
             classified as having an inflammatory myopathy whatever the score",
        );
    }
    let probability = s.probability;
    let probability_category = def.probability_category(probability);
    let borderline = probability_category < category;
    if borderline {
        ex.warn(format!(
            "borderline: the score {score} meets the printed cut-off for '{}', but its probability \
             ({:.1} %) is below that cut-off's probability, where the published online calculator \
             would say '{}' (the probability formula is not yet verified)",
            category.as_str(),
            probability * 100.0,
            probability_category.as_str(),
        ));
    }
    for note in notes.into_iter().flatten() {
        ex.warn(note.render(def));
    }
    Ok(Outcome {
        model,
        score,
        probability,
        category,
        outcome: s.outcome,
        probability_category,
        borderline,
        classifiable: s.classifiable,
        subgroup: s.subgroup,
        max_achievable_score,
        max_achievable_category,
        explanation: ex,
    })
}

/// "N item(s) not assessed: the score is a lower bound; up to S (category) is still
/// achievable", written piece by piece: most cases with a missing item carry it, and the
/// formatting machinery cost more than the rest of their explanation.
fn lower_bound_warning(missing: usize, max: Tenths, category: Category) -> String {
    let mut w = String::with_capacity(112);
    push_digits(&mut w, missing as u64);
    w.push_str(" item(s) not assessed: the score is a lower bound; up to ");
    if max.0 < 0 {
        w.push('-');
    }
    let tenths = u64::from(max.0.unsigned_abs());
    push_digits(&mut w, tenths / 10);
    w.push('.');
    push_digits(&mut w, tenths % 10);
    w.push_str(" (");
    w.push_str(category.as_str());
    w.push_str(") is still achievable");
    w
}

/// Appends `n` in decimal (as `{n}` would).
fn push_digits(w: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    w.extend(digits[i..].iter().map(|&d| char::from(d)));
}

/// Records every item as a contribution or as missing, in table order, and returns the weight
/// the missing items could still add (a missing age: its best weight).
fn explain_items<'c>(
    def: &'c Def,
    input: &Input,
    model: Model,
    ex: &mut Explanation<'c>,
) -> Tenths {
    let m = model as usize;
    let mut missing_weight = 0;
    match input.age_at_onset_years {
        Some(age) => {
            let row = def.age_row(age);
            let points = Some(Tenths(row.weight[m]));
            ex.add(AGE_ID, &row.label, Value::Real(age), points);
        }
        None => {
            ex.missing(AGE_ID);
            missing_weight += def.age.iter().map(|r| r.weight[m]).max().unwrap_or(0);
        }
    }
    let clinical = input.clinical.iter().zip(&def.clinical);
    let biopsy = input.muscle_biopsy.iter().flatten().zip(&def.biopsy);
    for (value, item) in clinical.chain(biopsy) {
        match *value {
            Some(present) => {
                let points = Tenths(if present { item.weight[m] } else { 0 });
                ex.add(&item.id, &item.label, Value::Bool(present), Some(points));
            }
            None => {
                ex.missing(&item.id);
                missing_weight += item.weight[m];
            }
        }
    }
    let tree = [input.finger_flexor_weakness, input.no_response_to_treatment];
    for (value, item) in tree.iter().zip(&def.tree_only) {
        match value {
            Some(v) => ex.add(&item.id, &item.label, Value::Bool(*v), None),
            None => ex.missing(&item.id),
        }
    }
    Tenths(missing_weight)
}

/// Skin-or-biopsy rule: a DM skin item is present, or a biopsy was performed and at least one
/// biopsy feature is present.
pub fn is_classifiable(input: &Input) -> bool {
    let biopsy_feature = input.muscle_biopsy.is_some_and(|f| f.contains(&Some(true)));
    input.any_present(&Clinical::SKIN) || biopsy_feature
}

/// Why the subgroup tree took the branch it did, or why it stopped: rendered as a warning by
/// [`score`], never formatted on the allocation-free [`summary`] path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SubgroupNote {
    /// No subgroup: the onset age was not assessed.
    NoAge,
    /// The tree assumed no DM skin item, but some skin items were not assessed.
    SkinAssumedAbsent,
    /// `dm`: a DM skin sign with this weakness item present.
    DmWeakness(Clinical),
    /// `adm` assumed no weakness, but some weakness items were not assessed.
    AdmWeaknessAssumedAbsent,
    /// `pm` assumed no IBM features, but some were not assessed.
    PmIbmFeaturesNotAssessed,
}

impl SubgroupNote {
    fn render(self, def: &Def) -> std::borrow::Cow<'static, str> {
        match self {
            SubgroupNote::NoAge => "no subgroup: age at onset not assessed".into(),
            SubgroupNote::SkinAssumedAbsent => {
                "subgroup assumes no DM skin item, but some skin items were not assessed".into()
            }
            SubgroupNote::DmWeakness(item) => {
                const HEAD: &str = "subgroup dm: a DM skin sign with muscle weakness (";
                let label = &def.clinical[item as usize].label;
                let mut note = String::with_capacity(HEAD.len() + label.len() + 1);
                note.push_str(HEAD);
                note.push_str(label);
                note.push(')');
                note.into()
            }
            SubgroupNote::AdmWeaknessAssumedAbsent => {
                "subgroup adm assumes no muscle weakness, but some weakness items were not assessed"
                    .into()
            }
            SubgroupNote::PmIbmFeaturesNotAssessed => {
                "subgroup pm assumes no IBM features, but finger-flexor weakness, response to \
                 treatment or rimmed vacuoles were not assessed"
                    .into()
            }
        }
    }
}

/// The notes of one subgroup decision (at most two: a skin note and a branch note).
type SubgroupNotes = [Option<SubgroupNote>; 2];

/// The subgroup tree (Figure 2, as reconstructed; status partial), with the notes on branches
/// taken because an item was not assessed.
fn subgroup(
    def: &Def,
    input: &Input,
    category: Category,
    classifiable: bool,
) -> (Option<Subgroup>, SubgroupNotes) {
    let mut notes = [None, None];
    if !classifiable || category < Category::Probable {
        return (None, notes);
    }
    let Some(age) = input.age_at_onset_years else {
        notes[0] = Some(SubgroupNote::NoAge);
        return (None, notes);
    };
    let skin = input.any_present(&Clinical::SKIN);
    if !skin && input.any_missing(&Clinical::SKIN) {
        notes[0] = Some(SubgroupNote::SkinAssumedAbsent);
    }
    let (group, note) = if age < def.adult_from_years {
        let group = if skin {
            Subgroup::Jdm
        } else {
            Subgroup::JuvenileMyositisOther
        };
        (group, None)
    } else if skin {
        dm_or_adm(input)
    } else {
        ibm_or_pm(input)
    };
    notes[1] = note;
    (Some(group), notes)
}

/// Adult onset with a skin item: `dm` if any of the four weakness items is present.
fn dm_or_adm(input: &Input) -> (Subgroup, Option<SubgroupNote>) {
    if let Some(&item) = Clinical::WEAKNESS
        .iter()
        .find(|&&c| input.get(c) == Some(true))
    {
        return (Subgroup::Dm, Some(SubgroupNote::DmWeakness(item)));
    }
    let note = input
        .any_missing(&Clinical::WEAKNESS)
        .then_some(SubgroupNote::AdmWeaknessAssumedAbsent);
    (Subgroup::Adm, note)
}

/// Adult onset without a skin item: `ibm` if (finger-flexor weakness and no response to
/// treatment) or rimmed vacuoles; otherwise `pm` (which includes IMNM).
fn ibm_or_pm(input: &Input) -> (Subgroup, Option<SubgroupNote>) {
    let finger = input.finger_flexor_weakness;
    let no_response = input.no_response_to_treatment;
    let vacuoles = input.biopsy(BiopsyFeature::RimmedVacuoles);
    if (finger == Some(true) && no_response == Some(true)) || vacuoles == Some(true) {
        return (Subgroup::Ibm, None);
    }
    let note = (finger.is_none() || no_response.is_none() || vacuoles.is_none())
        .then_some(SubgroupNote::PmIbmFeaturesNotAssessed);
    (Subgroup::Pm, note)
}

/// The items of one case that were not assessed, as a bit set over [`Def::item_ids`] order
/// (age, the clinical items, the biopsy features, the two subgroup-tree items): the order of
/// `Explanation::missing`. Allocation-free.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MissingSet(pub u32);

impl MissingSet {
    /// Number of items not assessed.
    pub fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// Whether every item was assessed.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The ids of the items not assessed, in explanation order.
    pub fn ids(self, def: &Def) -> impl Iterator<Item = &str> {
        def.item_ids()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, id)| id)
    }

    /// [`MissingSet::ids`] from ids kept by the caller (`Def::item_ids` collected once, for
    /// batches): only the bits set are visited.
    pub fn ids_in<S: AsRef<str>>(self, ids: &[S]) -> impl Iterator<Item = &str> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            let i = bits.trailing_zeros() as usize;
            bits &= bits.wrapping_sub(1);
            (i < 32).then(|| ids.get(i).map_or("", AsRef::as_ref))
        })
    }
}

/// Everything a batch row needs from one case, without the explanation's vectors and
/// formatted warnings: the same numbers as [`score`] (which is built on it), with the missing
/// items as a bit set. Allocation-free.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Weight set used.
    pub model: Model,
    /// Sum of the weights of the items present.
    pub score: Tenths,
    /// Logistic probability (information only).
    pub probability: f64,
    /// Category by score cut-offs.
    pub category: Category,
    /// The headline (see [`Outcome::outcome`]).
    pub outcome: Headline,
    /// See [`Outcome::classifiable`].
    pub classifiable: bool,
    /// See [`Outcome::subgroup`].
    pub subgroup: Option<Subgroup>,
    /// Items not assessed.
    pub missing: MissingSet,
    /// Items assessed (the explanation's contributions).
    pub assessed: u32,
}

/// Scores one case into a [`Summary`]: validation, score, category, headline, probability,
/// subgroup and the missing set, allocating nothing on a valid case.
pub fn summary(def: &Def, input: &Input) -> Result<Summary, InvalidInput> {
    Ok(summarise(def, input)?.0)
}

fn summarise(def: &Def, input: &Input) -> Result<(Summary, SubgroupNotes), InvalidInput> {
    validate(def, input)?;
    let (model, score, category) = score_only(def, input);
    let mut missing = u32::from(input.age_at_onset_years.is_none());
    let mut bit = 1;
    for v in &input.clinical {
        missing |= u32::from(v.is_none()) << bit;
        bit += 1;
    }
    let n_biopsy = input.muscle_biopsy.map_or(0, |b| b.len() as u32);
    for v in input.muscle_biopsy.iter().flatten() {
        missing |= u32::from(v.is_none()) << bit;
        bit += 1;
    }
    bit = 1 + Clinical::ALL.len() as u32 + BIOPSY_IDS.len() as u32;
    for v in [input.finger_flexor_weakness, input.no_response_to_treatment] {
        missing |= u32::from(v.is_none()) << bit;
        bit += 1;
    }
    let total = 1 + Clinical::ALL.len() as u32 + n_biopsy + TREE_ONLY_IDS.len() as u32;
    let missing = MissingSet(missing);
    let classifiable = is_classifiable(input);
    let outcome = if !classifiable && category >= Category::Possible {
        Headline::NotClassifiable
    } else {
        Headline::Category(category)
    };
    let (subgroup, notes) = subgroup(def, input, category, classifiable);
    let summary = Summary {
        model,
        score,
        probability: def.probability(model, score),
        category,
        outcome,
        classifiable,
        subgroup,
        missing,
        assessed: total - missing.len(),
    };
    Ok((summary, notes))
}
