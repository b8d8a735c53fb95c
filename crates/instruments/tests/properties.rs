//! Property tests over the built-in definitions.
//!
//! EULAR/ACR 2017:
//! - the probability is in [0, 1] and non-decreasing in the score, for both models;
//! - turning any item (or biopsy feature) to present never lowers the score;
//! - a missing item never raises the category: for an item left `None`, the category equals the
//!   category with that item assessed absent, and is at most the category with it present; a
//!   missing age gives at most the category of any known age;
//! - `max_achievable_score` is exactly the score with every missing item present (a missing age
//!   at its best weight), and is never below the score;
//! - the allocation-free `score_only` agrees with the explaining `score`.
//!
//! TIS 2016: the TIS is in [0, 100], and a measure missing at follow-up never gives a higher
//! category than the same case with that measure assessed at any valid value.

use myo_instruments::eular_acr::{self, Input};
use myo_instruments::tis::{self, Population, Visit};
use myo_instruments::{Milli, Tenths};
use proptest::prelude::*;

/// Only the two definitions under test (so other instruments' edits cannot break these tests).
struct Defs {
    eular_acr: eular_acr::Def,
    tis: tis::Def,
}

fn catalog() -> Defs {
    Defs {
        eular_acr: eular_acr::Def::parse(eular_acr::DEF_TOML).expect("eular-acr-2017 parses"),
        tis: tis::Def::parse(tis::DEF_TOML).expect("tis-2016 parses"),
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn tri() -> impl Strategy<Value = Option<bool>> {
    prop_oneof![Just(None), Just(Some(false)), Just(Some(true))]
}

fn eular_input() -> impl Strategy<Value = Input> {
    (
        prop::option::of(0.0f64..=130.0),
        prop::array::uniform10(tri()),
        tri(),
        tri(),
        prop::option::of(prop::array::uniform4(tri())),
    )
        .prop_map(|(age, clinical, finger, response, biopsy)| Input {
            age_at_onset_years: age,
            clinical,
            finger_flexor_weakness: finger,
            no_response_to_treatment: response,
            muscle_biopsy: biopsy,
        })
}

/// Every weighted slot of the input: 10 clinical items, then 4 biopsy features if a biopsy was done.
fn slots(input: &Input) -> usize {
    10 + input.muscle_biopsy.map_or(0, |_| 4)
}

fn with_slot(input: &Input, slot: usize, value: Option<bool>) -> Input {
    let mut out = *input;
    match (slot, out.muscle_biopsy.as_mut()) {
        (i @ 0..10, _) => out.clinical[i] = value,
        (i, Some(b)) => b[i - 10] = value,
        _ => unreachable!("slot within slots()"),
    }
    out
}

fn slot(input: &Input, slot: usize) -> Option<bool> {
    if slot < 10 {
        input.clinical[slot]
    } else {
        input.muscle_biopsy.and_then(|b| b[slot - 10])
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn probability_in_unit_interval_and_monotone(s in 0i32..400, step in 1i32..50) {
        let c = catalog();
        for model in [eular_acr::Model::WithoutBiopsy, eular_acr::Model::WithBiopsy] {
            let (p1, p2) = (c.eular_acr.probability(model, Tenths(s)), c.eular_acr.probability(model, Tenths(s + step)));
            prop_assert!((0.0..=1.0).contains(&p1) && (0.0..=1.0).contains(&p2));
            prop_assert!(p1 <= p2);
        }
    }

    #[test]
    fn adding_a_present_item_never_lowers_the_score(input in eular_input(), pick in 0usize..14) {
        let c = catalog();
        let i = pick % slots(&input);
        let (_, before, _) = eular_acr::score_only(&c.eular_acr, &input);
        let (_, after, _) = eular_acr::score_only(&c.eular_acr, &with_slot(&input, i, Some(true)));
        prop_assert!(after >= before);
    }

    #[test]
    fn a_missing_item_never_raises_the_category(input in eular_input(), pick in 0usize..14) {
        let c = catalog();
        let i = pick % slots(&input);
        let missing = with_slot(&input, i, None);
        let cat = |x: &Input| eular_acr::score_only(&c.eular_acr, x).2;
        prop_assert_eq!(cat(&missing), cat(&with_slot(&input, i, Some(false))));
        prop_assert!(cat(&missing) <= cat(&with_slot(&input, i, Some(true))));
    }

    #[test]
    fn a_missing_age_never_raises_the_category(input in eular_input(), age in 0.0f64..=130.0) {
        let c = catalog();
        let unknown = Input { age_at_onset_years: None, ..input };
        let known = Input { age_at_onset_years: Some(age), ..input };
        prop_assert!(eular_acr::score_only(&c.eular_acr, &unknown).2 <= eular_acr::score_only(&c.eular_acr, &known).2);
    }

    #[test]
    fn max_achievable_is_the_score_with_every_missing_item_present(input in eular_input()) {
        let c = catalog();
        let outcome = eular_acr::score(&c.eular_acr, &input).expect("valid input");
        let mut filled = input;
        for i in 0..slots(&input) {
            if slot(&input, i).is_none() {
                filled = with_slot(&filled, i, Some(true));
            }
        }
        filled.age_at_onset_years = filled.age_at_onset_years.or(Some(c.eular_acr.older_from_years));
        let (_, best, _) = eular_acr::score_only(&c.eular_acr, &filled);
        prop_assert_eq!(outcome.max_achievable_score, best);
        prop_assert!(outcome.max_achievable_score >= outcome.score);
    }

    #[test]
    fn score_only_agrees_with_score(input in eular_input()) {
        let c = catalog();
        let outcome = eular_acr::score(&c.eular_acr, &input).expect("valid input");
        let (model, score, category) = eular_acr::score_only(&c.eular_acr, &input);
        prop_assert_eq!((model, score, category), (outcome.model, outcome.score, outcome.category));
    }
}

fn vas() -> impl Strategy<Value = Option<Milli>> {
    prop::option::of((0i64..=10_000).prop_map(Milli))
}

fn visit() -> impl Strategy<Value = Visit> {
    (
        vas(),
        vas(),
        vas(),
        prop::option::of((0i64..=3_000).prop_map(Milli)),
    )
        .prop_map(|(pg, pt, em, haq)| Visit {
            physician_global: pg,
            patient_global: pt,
            extramuscular: em,
            function: haq,
            ..Visit::default()
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn tis_is_within_0_and_100(b in visit(), f in visit(), juvenile in any::<bool>()) {
        let c = catalog();
        let population = if juvenile { Population::Juvenile } else { Population::Adult };
        let input = tis::Input { population, mmt_max: None, baseline: b, followup: f };
        let o = tis::score(&c.tis, &input).expect("valid input");
        prop_assert!(Tenths(0) <= o.tis && o.tis <= Tenths(1000));
    }

    #[test]
    fn a_missing_tis_measure_never_raises_the_category(b in visit(), f in visit(), value in 0i64..=10_000) {
        let c = catalog();
        let cat = |f: Visit| {
            let input = tis::Input { population: Population::Adult, mmt_max: None, baseline: b, followup: f };
            tis::score(&c.tis, &input).expect("valid input").category
        };
        let missing = Visit { physician_global: None, ..f };
        let assessed = Visit { physician_global: Some(Milli(value)), ..f };
        prop_assert!(cat(missing) <= cat(assessed));
    }
}
