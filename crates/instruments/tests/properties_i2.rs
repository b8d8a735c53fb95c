//! Property tests for MMT-8, CMAS, HAQ-DI, Bohan & Peter, antibody flags and IMACS 2023 cancer
//! screening, over the built-in definitions.
//!
//! - MMT-8: the partial sum lies in `0..=max_score`, never exceeds `max_achievable`, and raising
//!   one grade never lowers it; the total exists exactly when every slot has a numeric grade.
//! - CMAS: the partial sum lies in `0..=52`; a missing item never raises it above the score with
//!   the item at any value; timed scores are non-decreasing in seconds.
//! - HAQ-DI: the index lies in `0..=3`; ticking an aid or help never lowers it.
//! - Bohan & Peter: the reachable classifications always include the one reported.
//! - IMACS: more high-risk factors never lower the category.

use myo_instruments::bohan_peter;
use myo_instruments::cmas::{self, Entered};
use myo_instruments::haq::{self, CategoryInput};
use myo_instruments::imacs_cancer;
use myo_instruments::mmt8::{self, Grade, GroupGrades, Mode};
use myo_instruments::{Catalog, antibodies};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn grade() -> impl Strategy<Value = Option<Grade>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Grade::Trace)),
        8 => (0i64..=10).prop_map(|g| Some(Grade::Kendall(g))),
    ]
}

fn mmt8_input() -> impl Strategy<Value = mmt8::Input> {
    let bilateral = any::<bool>();
    (
        bilateral,
        prop::array::uniform8(grade()),
        prop::array::uniform8(grade()),
    )
        .prop_map(|(bi, right, left)| {
            let def = mmt8::Def::parse(mmt8::DEF_TOML).expect("mmt8 parses");
            let grades = std::array::from_fn(|i| {
                if bi && !def.groups[i].axial {
                    GroupGrades::Sides {
                        right: right[i],
                        left: left[i],
                    }
                } else {
                    GroupGrades::One(right[i])
                }
            });
            mmt8::Input {
                mode: if bi {
                    Mode::Bilateral
                } else {
                    Mode::Unilateral
                },
                grades,
            }
        })
}

/// Raises the first slot with a numeric grade below 10 by one.
fn raise_one(input: &mmt8::Input) -> Option<mmt8::Input> {
    let mut out = *input;
    for g in &mut out.grades {
        let slots: Vec<&mut Option<Grade>> = match g {
            GroupGrades::One(x) => vec![x],
            GroupGrades::Sides { right, left } => vec![right, left],
        };
        for slot in slots {
            if let Some(Grade::Kendall(k)) = slot
                && *k < 10
            {
                *k += 1;
                return Some(out);
            }
        }
    }
    None
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mmt8_total_within_range_and_monotone(input in mmt8_input()) {
        let def = mmt8::Def::parse(mmt8::DEF_TOML).expect("mmt8 parses");
        let o = mmt8::score(&def, &input).expect("valid input");
        prop_assert!(0 <= o.partial_sum && o.partial_sum <= o.max_achievable && o.max_achievable <= o.max_score);
        prop_assert_eq!(o.total.is_some(), o.explanation.missing.is_empty() && o.trace.is_empty());
        if let Some(total) = o.total {
            prop_assert_eq!(total, o.partial_sum);
        }
        if let Some(raised) = raise_one(&input) {
            let r = mmt8::score(&def, &raised).expect("valid input");
            prop_assert_eq!(r.partial_sum, o.partial_sum + 1);
        }
    }

    #[test]
    fn cmas_total_at_most_52_and_missing_never_raises(
        items in prop::array::uniform14(prop::option::of(0i64..=6)),
        which in 0usize..cmas::ITEMS,
    ) {
        let def = cmas::Def::parse(cmas::DEF_TOML).expect("cmas parses");
        let clamp = |i: usize, v: Option<i64>| v.map(|s| Entered::Score(s.min(def.items[i].max)));
        let mut input = cmas::Input { items: std::array::from_fn(|i| clamp(i, items[i])) };
        let o = cmas::score(&def, &input).expect("valid input");
        prop_assert!(0 <= o.partial_sum && o.partial_sum <= o.max_achievable && o.max_achievable <= 52);
        input.items[which] = None;
        let without = cmas::score(&def, &input).expect("valid input").partial_sum;
        for s in 0..=def.items[which].max {
            input.items[which] = Some(Entered::Score(s));
            prop_assert!(without <= cmas::score(&def, &input).expect("valid input").partial_sum);
        }
    }

    #[test]
    fn cmas_timed_scores_monotone_in_seconds(a in 0i64..=3600, b in 0i64..=3600) {
        let def = cmas::Def::parse(cmas::DEF_TOML).expect("cmas parses");
        let (lo, hi) = (a.min(b), a.max(b));
        for item in def.items.iter().filter(|i| i.seconds_from.is_some()) {
            let (s_lo, s_hi) = (item.score_seconds(lo), item.score_seconds(hi));
            prop_assert!(s_lo <= s_hi && s_hi <= Some(item.max));
        }
    }

    #[test]
    fn haq_within_0_3_and_aids_never_lower(
        answers in prop::collection::vec(prop::option::of(0i64..=3), 20),
        aids in prop::array::uniform8(any::<bool>()),
        add_aid in 0usize..haq::CATEGORIES,
        by_help in any::<bool>(),
    ) {
        let def = haq::Def::parse(haq::DEF_TOML).expect("haq-di parses");
        let mut rest = answers.into_iter();
        let mut input = haq::Input {
            categories: std::array::from_fn(|i| CategoryInput {
                items: rest.by_ref().take(def.categories[i].items.len()).collect(),
                aid_or_device: aids[i],
                help_from_person: false,
            }),
        };
        let o = haq::score(&def, &input).expect("valid input");
        if let Some(t) = o.haq_di_thousandths {
            prop_assert!((0..=3000).contains(&t));
        }
        let c = &mut input.categories[add_aid];
        if by_help { c.help_from_person = true } else { c.aid_or_device = true }
        let aided = haq::score(&def, &input).expect("valid input");
        prop_assert_eq!(aided.answered, o.answered);
        prop_assert!(aided.sum >= o.sum);
        prop_assert!(aided.haq_di_thousandths >= o.haq_di_thousandths);
    }

    #[test]
    fn bohan_peter_reachable_includes_reported(
        criteria in prop::array::uniform5(prop_oneof![Just(None), Just(Some(false)), Just(Some(true))]),
    ) {
        let def = bohan_peter::Def::parse(bohan_peter::DEF_TOML).expect("bohan-peter parses");
        let input = bohan_peter::Input { other_myopathies_excluded: Some(true), criteria };
        let o = bohan_peter::score(&def, &input).expect("valid input");
        let class = o.class.expect("exclusion confirmed");
        prop_assert!(o.possible_classes.contains(&class));
        if criteria.iter().all(Option::is_some) {
            prop_assert_eq!(o.possible_classes, vec![class]);
        }
    }

    #[test]
    fn imacs_more_high_risk_factors_never_lower_category(high in 0i64..=19, moderate in 0i64..=20) {
        let def = imacs_cancer::Def::parse(imacs_cancer::DEF_TOML).expect("imacs parses");
        let now = def.category(Some(high), Some(moderate));
        prop_assert!(def.category(Some(high + 1), Some(moderate)) >= now);
        if moderate < 20 {
            prop_assert!(def.category(Some(high), Some(moderate + 1)) >= now);
        }
    }
}

#[test]
fn i2_definitions_parse_in_the_catalog() {
    let catalog = Catalog::builtin().expect("built-in definitions parse");
    assert_eq!(catalog.mmt8.max_score(Mode::Unilateral), 80);
    assert_eq!(catalog.mmt8.max_score(Mode::Bilateral), 150);
    assert_eq!(catalog.cmas.max_total, 52);
    assert_eq!(catalog.haq.min_answered_categories, 6);
    assert_eq!(catalog.antibodies.antibodies.len(), antibodies::ANTIBODIES);
}

#[test]
fn antibody_negative_panel_raises_no_flag() {
    let def = antibodies::Def::parse(antibodies::DEF_TOML).expect("antibody-flags parses");
    let input = antibodies::Input {
        age_at_onset_years: Some(50.0),
        results: [antibodies::TestResult::Negative; antibodies::ANTIBODIES],
    };
    let o = antibodies::score(&def, &input).expect("valid input");
    assert!(o.flagged.is_empty() && o.next_steps.is_empty());
}

#[test]
fn definition_invariants_are_enforced() {
    // A CMAS maximum that breaks the published total of 52 is rejected.
    let broken = cmas::DEF_TOML.replacen("max = 3\n", "max = 4\n", 1);
    assert!(cmas::Def::parse(&broken).is_err());
    // An MMT-8 bilateral total that is not the slot sum is rejected.
    let broken = mmt8::DEF_TOML.replace("bilateral_max = 150", "bilateral_max = 160");
    assert!(mmt8::Def::parse(&broken).is_err());
    // A flag reference that does not exist is rejected.
    let broken = antibodies::DEF_TOML.replace("\"imnm_statin\"]", "\"statins\"]");
    assert!(antibodies::Def::parse(&broken).is_err());
}
