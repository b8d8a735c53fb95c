//! The definition file: its items, weights, cut-offs and sources, parsed and checked.

use super::*;

/// A weighted or tree-only item as defined in the definition file.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemDef {
    /// Input field name.
    pub id: String,
    /// Label as in the source table.
    pub label: String,
    /// Weight in tenths, `[without_biopsy, with_biopsy]` (0 where the item does not apply).
    pub weight: [i32; 2],
}

/// The parsed, validated definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Def {
    /// Identity, citation, status.
    pub meta: Meta,
    /// Plausibility bound for the age field.
    pub age_max_years: f64,
    /// Onset age from which the adult age weights apply.
    pub adult_from_years: f64,
    /// Onset age from which the higher age weight applies.
    pub older_from_years: f64,
    /// The three age rows: `[< 18 (0 points), 18 to < 40, >= 40]`; ids are internal.
    pub age: [ItemDef; 3],
    /// Clinical items, indexed by [`Clinical`].
    pub clinical: [ItemDef; 10],
    /// Biopsy features, indexed by [`BiopsyFeature`].
    pub biopsy: [ItemDef; 4],
    /// Tree-only items: `[finger_flexor_weakness, no_response_to_treatment]`.
    pub tree_only: [ItemDef; 2],
    /// Score cut-offs `[possible, probable, definite]` per model.
    pub cutoffs: [[Tenths; 3]; 2],
    /// Logistic intercepts per model.
    pub intercept: [f64; 2],
    /// Probabilities that the score cut-offs stand for, `[possible, probable, definite]`.
    pub probability_cutoffs: [f64; 3],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Raw {
    meta: MetaDef,
    input: RawInput,
    sources: Sources,
    age: RawAge,
    age_under_18: RawUnder18,
    clinical: Vec<RawItem>,
    biopsy: Vec<RawBiopsy>,
    tree_only: Vec<RawTreeOnly>,
    cutoffs: RawCutoffs,
    probability: RawProbability,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawInput {
    age_max_years: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAge {
    adult_from_years: f64,
    older_from_years: f64,
    adult_under_40: [i32; 2],
    from_40: [i32; 2],
    adult_under_40_label: String,
    from_40_label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawUnder18 {
    label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawItem {
    id: String,
    label: String,
    weight: [i32; 2],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBiopsy {
    id: String,
    label: String,
    weight: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTreeOnly {
    id: String,
    label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCutoffs {
    without_biopsy: [i32; 3],
    with_biopsy: [i32; 3],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProbability {
    intercept: [f64; 2],
    category_at_least: [f64; 3],
}

pub(super) const CLINICAL_IDS: [&str; 10] = [
    "proximal_upper_weakness",
    "proximal_lower_weakness",
    "neck_flexors_weaker_than_extensors",
    "proximal_legs_weaker_than_distal",
    "heliotrope_rash",
    "gottrons_papules",
    "gottrons_sign",
    "dysphagia",
    "anti_jo1",
    "elevated_muscle_enzymes",
];
pub(super) const BIOPSY_IDS: [&str; 4] = [
    "endomysial_infiltrate",
    "perimysial_or_perivascular_infiltrate",
    "perifascicular_atrophy",
    "rimmed_vacuoles",
];
pub(super) const TREE_ONLY_IDS: [&str; 2] = ["finger_flexor_weakness", "no_response_to_treatment"];

/// Parts of the definition, each with its own `[sources.<part>]` locator and status.
pub(super) const SOURCES: [&str; 7] = [
    "age_weights",
    "age_under_18_scores_0",
    "item_weights",
    "score_cutoffs",
    "probability_intercepts",
    "classifiable_rule",
    "subgroup_tree",
];

/// Id used for the age item in contributions and `missing`.
pub const AGE_ID: &str = "age_at_onset_years";

pub(super) fn check_ids<'a>(
    what: &str,
    got: impl IntoIterator<Item = &'a str>,
    want: &[&str],
) -> Result<(), DefError> {
    let got: Vec<&str> = got.into_iter().collect();
    if got != want {
        let message = format!("{what} ids must be {want:?} in that order, got {got:?}");
        return Err(DefError::invalid(ID, message));
    }
    Ok(())
}

pub(super) fn item(id: &str, label: &str, weight: [i32; 2]) -> ItemDef {
    ItemDef {
        id: id.to_owned(),
        label: label.to_owned(),
        weight,
    }
}

impl Def {
    /// Parses and validates a definition file.
    pub fn parse(src: &str) -> Result<Def, DefError> {
        let raw: Raw = parse_toml(ID, src)?;
        let meta = raw.meta.clone().build(ID, &raw.sources, &SOURCES)?;
        check_ids(
            "clinical",
            raw.clinical.iter().map(|i| i.id.as_str()),
            &CLINICAL_IDS,
        )?;
        check_ids(
            "biopsy",
            raw.biopsy.iter().map(|i| i.id.as_str()),
            &BIOPSY_IDS,
        )?;
        check_ids(
            "tree_only",
            raw.tree_only.iter().map(|i| i.id.as_str()),
            &TREE_ONLY_IDS,
        )?;
        for model in [raw.cutoffs.without_biopsy, raw.cutoffs.with_biopsy] {
            if !model.is_sorted() {
                return Err(DefError::invalid(ID, "cut-offs must be ascending"));
            }
        }
        let mut all_weights = (raw.clinical.iter().flat_map(|i| i.weight))
            .chain(raw.biopsy.iter().map(|b| b.weight))
            .chain(raw.age.adult_under_40)
            .chain(raw.age.from_40);
        if all_weights.any(|w| w <= 0) {
            return Err(DefError::invalid(ID, "every weight must be positive"));
        }
        let a = &raw.age;
        if !(0.0 < a.adult_from_years
            && a.adult_from_years < a.older_from_years
            && a.older_from_years < raw.input.age_max_years)
        {
            return Err(DefError::invalid(
                ID,
                "age bands must be ascending and below age_max_years",
            ));
        }
        let clinical = raw.clinical.iter().map(|i| item(&i.id, &i.label, i.weight));
        let biopsy = raw
            .biopsy
            .iter()
            .map(|b| item(&b.id, &b.label, [0, b.weight]));
        let tree_only = raw.tree_only.iter().map(|t| item(&t.id, &t.label, [0, 0]));
        let p = raw.probability.category_at_least;
        if !(p.is_sorted() && p[0] > 0.0 && p[2] < 1.0) {
            return Err(DefError::invalid(
                ID,
                "probability cut-offs must be ascending, between 0 and 1",
            ));
        }
        let tenths = |c: [i32; 3]| c.map(Tenths);
        Ok(Def {
            meta,
            age_max_years: raw.input.age_max_years,
            adult_from_years: a.adult_from_years,
            older_from_years: a.older_from_years,
            age: [
                item(AGE_ID, &raw.age_under_18.label, [0, 0]),
                item(AGE_ID, &a.adult_under_40_label, a.adult_under_40),
                item(AGE_ID, &a.from_40_label, a.from_40),
            ],
            clinical: to_array(clinical.collect()),
            biopsy: to_array(biopsy.collect()),
            tree_only: to_array(tree_only.collect()),
            cutoffs: [
                tenths(raw.cutoffs.without_biopsy),
                tenths(raw.cutoffs.with_biopsy),
            ],
            intercept: raw.probability.intercept,
            probability_cutoffs: p,
        })
    }

    /// Every item id in explanation order: age, the clinical items, the biopsy features, the
    /// two subgroup-tree items (the bit order of [`MissingSet`]).
    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        let rest = self
            .clinical
            .iter()
            .chain(&self.biopsy)
            .chain(&self.tree_only);
        std::iter::once(AGE_ID).chain(rest.map(|i| i.id.as_str()))
    }

    /// The age row that applies to a known onset age.
    pub fn age_row(&self, age: f64) -> &ItemDef {
        if age < self.adult_from_years {
            &self.age[0]
        } else if age < self.older_from_years {
            &self.age[1]
        } else {
            &self.age[2]
        }
    }

    /// Category by the published score cut-offs of the model.
    pub fn category(&self, model: Model, score: Tenths) -> Category {
        let [possible, probable, definite] = self.cutoffs[model as usize];
        if score >= definite {
            Category::Definite
        } else if score >= probable {
            Category::Probable
        } else if score >= possible {
            Category::Possible
        } else {
            Category::NotIim
        }
    }

    /// Probability of IIM by the logistic formula (information only; intercepts partial).
    pub fn probability(&self, model: Model, score: Tenths) -> f64 {
        1.0 / (1.0 + (self.intercept[model as usize] - score.as_f64()).exp())
    }

    /// The category the probability alone would give (50 %, 55 %, 90 %), as the published
    /// online calculator classifies. Information only: it rests on the partial intercepts.
    pub fn probability_category(&self, probability: f64) -> Category {
        let [possible, probable, definite] = self.probability_cutoffs;
        if probability >= definite {
            Category::Definite
        } else if probability >= probable {
            Category::Probable
        } else if probability >= possible {
            Category::Possible
        } else {
            Category::NotIim
        }
    }
}

pub(super) fn to_array<const N: usize>(v: Vec<ItemDef>) -> [ItemDef; N] {
    // Lengths were checked by `check_ids`.
    v.try_into()
        .unwrap_or_else(|_| unreachable!("length checked"))
}
