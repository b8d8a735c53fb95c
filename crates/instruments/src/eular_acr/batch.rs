//! EULAR/ACR 2017 over a batch of cases held as columns, for cohorts: the weighted item sums
//! are accumulated item by item over the whole batch, and every case's [`Summary`] is the one
//! [`summary`](super::summary) gives for it (tested over generated batches).
//!
//! A case is its onset age and two bit sets over the items in [`MissingSet`] order (age, the
//! ten clinical items, the four biopsy features, the two subgroup-tree items): which items were
//! assessed (`known`) and which of those are present (`present`). An item whose bit is clear
//! in `known` was not assessed: it is reported missing, never scored.

use super::{
    BIOPSY_IDS, Category, Clinical, Def, Headline, Input, MissingSet, Model, Summary,
    TREE_ONLY_IDS, age_in_range, subgroup, validate,
};
use crate::explain::{InvalidInput, Tenths};

/// Bit of the onset age.
pub const AGE_BIT: u32 = 0;

/// Bit of clinical item `k` ([`Clinical`] order).
pub const fn clinical_bit(k: usize) -> u32 {
    1 + k as u32
}

/// Bit of biopsy feature `k` ([`super::BiopsyFeature`] order).
pub const fn biopsy_bit(k: usize) -> u32 {
    clinical_bit(Clinical::ALL.len()) + k as u32
}

/// Bit of subgroup-tree item `k` (finger-flexor weakness, no response to treatment).
pub const fn tree_bit(k: usize) -> u32 {
    biopsy_bit(BIOPSY_IDS.len()) + k as u32
}

/// The bits of the biopsy features.
pub const BIOPSY_MASK: u32 = ((1 << BIOPSY_IDS.len()) - 1) << biopsy_bit(0);

/// The bits of every item.
pub const ITEMS_MASK: u32 = (1 << tree_bit(TREE_ONLY_IDS.len())) - 1;

const SKIN_MASK: u32 = {
    let mut m = 0;
    let mut i = 0;
    while i < Clinical::SKIN.len() {
        m |= 1 << clinical_bit(Clinical::SKIN[i] as usize);
        i += 1;
    }
    m
};

/// One case as bits (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Case {
    /// Onset age in years, read only when [`AGE_BIT`] is set in `known`.
    pub age: f64,
    /// Items assessed.
    pub known: u32,
    /// Items present (bits outside `known` are ignored).
    pub present: u32,
    /// A muscle biopsy was performed (the with-biopsy weights apply; without it the biopsy
    /// bits are ignored).
    pub biopsy: bool,
}

impl Case {
    /// The case of a typed input.
    pub fn of(input: &Input) -> Case {
        let mut case = Case {
            age: input.age_at_onset_years.unwrap_or(0.0),
            known: u32::from(input.age_at_onset_years.is_some()) << AGE_BIT,
            present: 0,
            biopsy: input.muscle_biopsy.is_some(),
        };
        let mut set = |bit: u32, v: Option<bool>| {
            if let Some(v) = v {
                case.known |= 1 << bit;
                case.present |= u32::from(v) << bit;
            }
        };
        for (k, &v) in input.clinical.iter().enumerate() {
            set(clinical_bit(k), v);
        }
        for (k, &v) in input.muscle_biopsy.iter().flatten().enumerate() {
            set(biopsy_bit(k), v);
        }
        set(tree_bit(0), input.finger_flexor_weakness);
        set(tree_bit(1), input.no_response_to_treatment);
        case
    }

    /// The typed input of this case.
    pub fn input(&self) -> Input {
        let item =
            |bit: u32| (self.known & (1 << bit) != 0).then_some(self.present & (1 << bit) != 0);
        Input {
            age_at_onset_years: (self.known & (1 << AGE_BIT) != 0).then_some(self.age),
            clinical: std::array::from_fn(|k| item(clinical_bit(k))),
            finger_flexor_weakness: item(tree_bit(0)),
            no_response_to_treatment: item(tree_bit(1)),
            muscle_biopsy: self
                .biopsy
                .then(|| std::array::from_fn(|k| item(biopsy_bit(k)))),
        }
    }
}

/// A batch of cases as columns (row `r` of each vector is case `r`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cases {
    /// See [`Case::age`].
    pub age: Vec<f64>,
    /// See [`Case::known`].
    pub known: Vec<u32>,
    /// See [`Case::present`].
    pub present: Vec<u32>,
    /// See [`Case::biopsy`].
    pub biopsy: Vec<bool>,
}

impl Cases {
    /// Room for `n` cases.
    pub fn with_capacity(n: usize) -> Cases {
        Cases {
            age: Vec::with_capacity(n),
            known: Vec::with_capacity(n),
            present: Vec::with_capacity(n),
            biopsy: Vec::with_capacity(n),
        }
    }

    /// `n` cases with nothing assessed and no biopsy, to be filled column by column.
    pub fn unassessed(n: usize) -> Cases {
        Cases {
            age: vec![0.0; n],
            known: vec![0; n],
            present: vec![0; n],
            biopsy: vec![false; n],
        }
    }

    /// Number of cases.
    pub fn len(&self) -> usize {
        self.known.len()
    }

    /// Whether there is no case.
    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// Appends a case.
    pub fn push(&mut self, case: Case) {
        self.age.push(case.age);
        self.known.push(case.known);
        self.present.push(case.present);
        self.biopsy.push(case.biopsy);
    }

    /// Replaces case `r`.
    pub fn set(&mut self, r: usize, case: Case) {
        self.age[r] = case.age;
        self.known[r] = case.known;
        self.present[r] = case.present;
        self.biopsy[r] = case.biopsy;
    }

    /// Case `r`.
    pub fn get(&self, r: usize) -> Case {
        Case {
            age: self.age[r],
            known: self.known[r],
            present: self.present[r],
            biopsy: self.biopsy[r],
        }
    }
}

/// Probabilities by model and score, each computed once per batch (the logistic formula calls
/// `exp`, and a batch holds few distinct scores).
struct Probabilities<'d> {
    def: &'d Def,
    table: [Vec<f64>; 2],
}

impl Probabilities<'_> {
    fn get(&mut self, model: Model, score: Tenths) -> f64 {
        let (def, table) = (self.def, &mut self.table[model as usize]);
        let Ok(i) = usize::try_from(score.0) else {
            return def.probability(model, score);
        };
        if i >= table.len() {
            table.resize(i + 1, f64::NAN);
        }
        if table[i].is_nan() {
            table[i] = def.probability(model, score);
        }
        table[i]
    }
}

/// Scores every case of `cases` into `out` (cleared first): `out[r]` equals
/// [`summary`](super::summary)`(def, &cases.get(r).input())`, with a refused case's error boxed.
pub fn summaries(def: &Def, cases: &Cases, out: &mut Vec<Result<Summary, Box<InvalidInput>>>) {
    out.clear();
    let n = cases.len();
    let (age, biopsy) = (&cases.age[..n], &cases.biopsy[..n]);
    // What counts: the biopsy features only when a biopsy was performed, presence only where
    // assessed.
    let known: Vec<u32> = (cases.known[..n].iter().zip(biopsy))
        .map(|(&k, &b)| {
            k & if b {
                ITEMS_MASK
            } else {
                ITEMS_MASK & !BIOPSY_MASK
            }
        })
        .collect();
    let present: Vec<u32> = (cases.present[..n].iter().zip(&known))
        .map(|(&p, &k)| p & k)
        .collect();
    // A known age out of range refuses the case (as `validate` does); it adds no weight.
    let age_ok: Vec<bool> = (0..n)
        .map(|r| known[r] & (1 << AGE_BIT) == 0 || age_in_range(def, age[r]))
        .collect();
    // The weighted sums, one item at a time over the whole batch.
    let mut score: Vec<i32> = (0..n)
        .map(|r| {
            if known[r] & (1 << AGE_BIT) != 0 && age_ok[r] {
                def.age_row(age[r]).weight[usize::from(biopsy[r])]
            } else {
                0
            }
        })
        .collect();
    let weighted = (def.clinical.iter().enumerate()).map(|(k, item)| (clinical_bit(k), item));
    let weighted =
        weighted.chain((def.biopsy.iter().enumerate()).map(|(k, item)| (biopsy_bit(k), item)));
    for (bit, item) in weighted {
        let w = item.weight;
        for ((s, &p), &b) in score.iter_mut().zip(&present).zip(biopsy) {
            *s += ((p >> bit) & 1) as i32 * w[usize::from(b)];
        }
    }
    let mut probabilities = Probabilities {
        def,
        table: [Vec::new(), Vec::new()],
    };
    out.reserve(n);
    for r in 0..n {
        if !age_ok[r]
            && let Err(e) = validate(def, &age_only(age[r]))
        {
            out.push(Err(Box::new(e)));
            continue;
        }
        let (known, present, biopsy) = (known[r], present[r], biopsy[r]);
        let model = if biopsy {
            Model::WithBiopsy
        } else {
            Model::WithoutBiopsy
        };
        let applicable = if biopsy {
            ITEMS_MASK
        } else {
            ITEMS_MASK & !BIOPSY_MASK
        };
        let score = Tenths(score[r]);
        let category = def.category(model, score);
        let classifiable = present & SKIN_MASK != 0 || present & BIOPSY_MASK != 0;
        let outcome = if !classifiable && category >= Category::Possible {
            Headline::NotClassifiable
        } else {
            Headline::Category(category)
        };
        let subgroup = if classifiable && category >= Category::Probable {
            let case = Case {
                age: age[r],
                known,
                present,
                biopsy,
            };
            subgroup(def, &case.input(), category, classifiable).0
        } else {
            None
        };
        out.push(Ok(Summary {
            model,
            score,
            probability: probabilities.get(model, score),
            category,
            outcome,
            classifiable,
            subgroup,
            missing: MissingSet(applicable & !known),
            assessed: known.count_ones(),
        }));
    }
}

fn age_only(age: f64) -> Input {
    Input {
        age_at_onset_years: Some(age),
        ..Input::default()
    }
}
