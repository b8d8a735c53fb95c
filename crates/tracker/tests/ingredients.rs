//! The methotrexate guard matches the ingredient, not one spelling: every bypass a person (or a
//! client) could type is fed to it, and names of other drugs must not trip it.

mod common;

use common::{d, rules, t};
use myo_tracker::ingredients::{Ingredient, KnownName, NameKind};
use myo_tracker::medicines::{
    Dose, DoseUnit, Medicine, MedicineInput, Route, Schedule, ingredient_of, same_ingredient,
};
use myo_tracker::{Status, Weekday};

fn input(name: &str, schedule: Schedule) -> MedicineInput {
    MedicineInput {
        name: name.into(),
        generic_name: None,
        rxcui: None,
        dose: Dose {
            amount: 15.0,
            unit: DoseUnit::Mg,
        },
        route: Route::Oral,
        schedule,
        start: d("2026-01-05"),
        end: None,
    }
}

/// An ingredient with one listed name, as a caller adds it.
fn one_name(
    generic: &str,
    rxcui: Option<&str>,
    name: &str,
    kind: NameKind,
    status: Status,
    source: &str,
) -> Ingredient {
    Ingredient {
        generic_name: generic.into(),
        rxcui: rxcui.map(Into::into),
        names: vec![KnownName::new(name, kind, status, source)],
    }
}

fn daily() -> Schedule {
    Schedule::Daily { time: t(8, 0) }
}

fn refused_daily(name: &str) -> bool {
    match Medicine::accept(&rules(), input(name, daily())) {
        Err(e) => e.field == "schedule.kind" && e.problem.contains("methotrexate"),
        Ok(_) => false,
    }
}

#[test]
fn every_listed_name_is_refused_daily() {
    let r = rules();
    let mtx = r
        .ingredients
        .get("methotrexate")
        .expect("methotrexate listed");
    assert!(
        mtx.names.len() >= 25,
        "the cited list covers national brands"
    );
    for n in &mtx.names {
        assert!(refused_daily(&n.name), "{} was accepted daily", n.name);
        assert!(!n.source.trim().is_empty(), "{} has no source", n.name);
    }
    for brand in [
        "Metoject",
        "Nordimet",
        "Otrexup",
        "Rasuvo",
        "RediTrex",
        "Trexall",
        "Xatmep",
        "Jylamvo",
        "Zlatal",
        "Maxtrex",
        "Trexup",
        "Metex",
        "Ebetrex",
        "Namaxir",
        "Emthexate",
    ] {
        assert!(refused_daily(brand), "{brand} was accepted daily");
    }
}

#[test]
fn spelling_bypasses_are_refused() {
    let typed = [
        // case and spaces
        "METOJECT",
        "metoject",
        "  Metoject  ",
        "Meto ject",
        "Metho trexate",
        "M e t h o t r e x a t e",
        // hyphens, dots, underscores, slashes
        "Metho-trexate",
        "Meto-ject",
        "metho.trexate",
        "metho_trexate",
        "Meto/ject",
        // brand with strength and form
        "Metoject 15mg",
        "Metoject15mg",
        "Metoject PEN 15 mg/0.3 ml",
        "Metojectpen",
        "Nordimet 25 mg pre-filled pen",
        "Methotrexate 2.5mg tablets",
        "methotrexate sodium",
        "MTX",
        "mtx 15 mg",
        "MTX-15",
        // typos at distance 1 and 2
        "metotrexate",
        "methotrexat",
        "methotrexete",
        "mehtotrexate",
        "methotrexte",
        "metotrexat",
        "methotreksate",
        "methotraxate",
        "Metojekt",
        "Metojet",
        "Trexal",
        "Otrexupp",
        "Jylamvoo",
        "Nordimed",
        // other languages
        "Méthotrexate",
        "Methotrexat",
        "Metotrexato",
        "metotreksat",
        "methotrexaat",
        // Unicode look-alikes and compatibility forms
        "M\u{0435}toject",        // Cyrillic е
        "Met\u{043E}ject",        // Cyrillic о
        "Meth\u{03BF}trexate",    // Greek ο
        "\u{041C}\u{0415}TOJECT", // Cyrillic М Е
        "Ｍｅｔｏｊｅｃｔ",       // full width
        "Meth0trexate",           // zero for o
        "Trexa11",                // ones for l
        "M̲e̲t̲o̲j̲e̲c̲t̲",               // combining underline
        // invisible characters and NUL bytes
        "Meto\u{0}ject",
        "Metho\u{0}trexate",
        "Meto\u{200B}ject",
        "Meto\u{00AD}ject",
        "Meto\u{FEFF}ject",
        "Meto\u{2060}ject",
        "\u{202E}Metoject\u{202C}", // bidi controls around the name
    ];
    for name in typed {
        assert!(
            refused_daily(name),
            "'{}' was accepted daily",
            name.escape_debug()
        );
    }
}

#[test]
fn generic_name_and_rxcui_are_enough() {
    let r = rules();
    let mut i = input("My weekly pills", daily());
    i.generic_name = Some("metotrexate".into());
    assert!(Medicine::accept(&r, i).is_err());
    let mut i = input("My pills", daily());
    i.rxcui = Some(" 6851 ".into());
    assert!(Medicine::accept(&r, i).is_err());
    // A typed generic name cannot hide a recognised brand.
    let mut i = input(
        "Metoject",
        Schedule::Weekly {
            day: Weekday::Monday,
            time: t(8, 0),
        },
    );
    i.generic_name = Some("aspirin".into());
    let ok = Medicine::accept(&r, i).unwrap();
    assert_eq!(ok.medicine.generic_key(), Some("methotrexate"));
}

#[test]
fn weekly_is_still_accepted_with_the_folic_acid_note() {
    let r = rules();
    for name in ["Metoject 15mg", "metotrexate", "Ｍｅｔｏｊｅｃｔ"] {
        let ok = Medicine::accept(
            &r,
            input(
                name,
                Schedule::Weekly {
                    day: Weekday::Friday,
                    time: t(8, 0),
                },
            ),
        )
        .unwrap();
        assert_eq!(ok.medicine.generic_key(), Some("methotrexate"), "{name}");
        assert!(
            ok.suggestions
                .iter()
                .any(|s| s.english.contains("Folic acid"))
        );
    }
}

#[test]
fn other_medicines_are_not_mistaken_for_methotrexate() {
    let r = rules();
    let others = [
        "metformin",
        "Metformin 500mg",
        "metoprolol",
        "methadone",
        "methyldopa",
        "methimazole",
        "metronidazole",
        "methocarbamol",
        "methylphenidate",
        "methylprednisolone",
        "Medrol",
        "mercaptopurine",
        "mesalazine",
        "leflunomide",
        "Arava",
        "naltrexone",
        "Trexan",
        "Trental",
        "Revlimid",
        "Metamucil",
        "Meloxicam",
        "Motrin",
        "Mobic",
        "prednisone",
        "prednisolone",
        "hydroxychloroquine",
        "Plaquenil",
        "azathioprine",
        "Imuran",
        "mycophenolate mofetil",
        "CellCept",
        "tacrolimus",
        "Prograf",
        "ciclosporin",
        "Neoral",
        "cyclophosphamide",
        "rituximab",
        "Rituxan",
        "tofacitinib",
        "Xeljanz",
        "baricitinib",
        "Olumiant",
        "folic acid",
        "Octagam 10%",
        "Privigen",
        "omeprazole",
        "alendronate",
        "vitamin D3",
        "calcium carbonate",
        "co-trimoxazole",
        "Septra",
        "Bactrim",
        "Xanax",
        "Lyrica",
        "Zantac",
        "metoclopramide",
        "Mexate", // distance > budget for a short name
    ];
    for name in others {
        // Some are listed as ingredients of their own (prednisolone), never as methotrexate.
        let found = r
            .ingredients
            .identify(name)
            .filter(|f| f.ingredient.generic_name == "methotrexate");
        assert!(
            found.is_none(),
            "'{name}' matched {:?}",
            found.map(|f| &f.name.name)
        );
        assert!(
            Medicine::accept(&r, input(name, daily())).is_ok(),
            "{name} refused daily"
        );
    }
}

#[test]
fn ingredient_is_found_for_the_same_ingredient_check() {
    let r = rules();
    let weekly = || Schedule::Weekly {
        day: Weekday::Monday,
        time: t(8, 0),
    };
    let a = Medicine::accept(&r, input("Methotrexate", weekly()))
        .unwrap()
        .medicine;
    let b = Medicine::accept(&r, input("Metoject 15mg", weekly()))
        .unwrap()
        .medicine;
    let c = Medicine::accept(&r, input("Folic acid", daily()))
        .unwrap()
        .medicine;
    assert_eq!(ingredient_of(&r, b.input()), Some("methotrexate"));
    let others = vec![a.clone(), c];
    assert_eq!(same_ingredient(&b, &others), vec![&a]);
    // A stopped one does not count.
    let mut old = input("Methotrexate", weekly());
    old.end = Some(d("2026-01-01"));
    old.start = d("2025-06-01");
    let old = Medicine::accept(&r, old).unwrap().medicine;
    assert!(same_ingredient(&b, &[old]).is_empty());
}

#[test]
fn callers_can_add_names_but_not_steal_one() {
    let mut table = rules().ingredients;
    table
        .add(one_name(
            "prednisone",
            Some("8640"),
            "Deltasone",
            NameKind::Brand,
            Status::Verified,
            "kb/drugs/prednisone.md",
        ))
        .unwrap();
    assert_eq!(
        table
            .identify("deltasone 5 mg")
            .map(|f| f.ingredient.generic_name.as_str()),
        Some("prednisone")
    );
    let steal = table.add(one_name(
        "something",
        None,
        "Metoject",
        NameKind::Brand,
        Status::Partial,
        "x",
    ));
    assert!(steal.is_err());
}

#[test]
fn a_near_spelling_of_another_listed_medicine_is_that_medicine() {
    let mut table = rules().ingredients;
    table
        .add(one_name(
            "prednisone",
            Some("8640"),
            "prednisone",
            NameKind::Generic,
            Status::Verified,
            "kb/drugs/prednisone.md",
        ))
        .unwrap();
    table
        .add(one_name(
            "omeprazole",
            None,
            "omeprazole",
            NameKind::Generic,
            Status::Verified,
            "kb/drugs/proton-pump-inhibitors.md",
        ))
        .unwrap();
    let of = |typed: &str| {
        table
            .identify(typed)
            .map(|f| f.ingredient.generic_name.clone())
    };
    // Two letters apart, and a name inside a longer one: different medicines.
    assert_eq!(of("Prednisolone 5 mg").as_deref(), Some("prednisolone"));
    assert_eq!(of("esomeprazole").as_deref(), Some("esomeprazole"));
    assert_eq!(of("Nexium 20mg").as_deref(), Some("esomeprazole"));
    // Typos of each still find it.
    assert_eq!(of("predisone").as_deref(), Some("prednisone"));
    assert_eq!(of("prednisolon").as_deref(), Some("prednisolone"));
    assert_eq!(of("omeprazol").as_deref(), Some("omeprazole"));
}
