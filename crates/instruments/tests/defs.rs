//! Definition-file invariants: the built-in files parse, and the status rules cannot be bypassed.

use myo_instruments::{Catalog, DefError, Explanation, Status, eular_acr, tis};

#[test]
fn builtin_catalog_parses_and_ids_are_unique() {
    let catalog = Catalog::builtin().expect("built-in definitions parse");
    let mut ids: Vec<&str> = catalog.metas().iter().map(|m| m.id.as_str()).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate instrument ids");
}

#[test]
fn a_partial_instrument_warns_in_every_result() {
    let def = eular_acr::Def::parse(eular_acr::DEF_TOML).expect("parses");
    assert_eq!(def.meta.status, Status::Partial);
    let ex = Explanation::new(&def.meta);
    assert!(ex.warnings[0].starts_with("not yet verified (status partial)"));
    assert!(ex.warnings[0].contains("probability_intercepts"));
}

#[test]
fn declaring_verified_with_a_partial_source_is_rejected() {
    let src = tis::DEF_TOML.replacen("status = \"partial\"", "status = \"verified\"", 1);
    let err = tis::Def::parse(&src).expect_err("inconsistent status");
    assert!(matches!(err, DefError::Invalid { .. }), "{err}");
}

#[test]
fn a_missing_source_is_rejected() {
    let src = eular_acr::DEF_TOML.replace("[sources.subgroup_tree]", "[sources.subgroup_treee]");
    let err = eular_acr::Def::parse(&src).expect_err("unknown source name");
    assert!(err.to_string().contains("subgroup_tree"), "{err}");
}

#[test]
fn wrong_weights_are_rejected() {
    let src = eular_acr::DEF_TOML.replace(
        "without_biopsy = [53, 55, 75]",
        "without_biopsy = [55, 53, 75]",
    );
    assert!(eular_acr::Def::parse(&src).is_err(), "cut-offs must ascend");
    let src = tis::DEF_TOML.replace(
        "points = [0, 75, 150, 175, 200]",
        "points = [0, 75, 150, 175, 210]",
    );
    assert!(tis::Def::parse(&src).is_err(), "top points must sum to 100");
}
