//! The allocation-free `eular_acr::summary` agrees with the explained `eular_acr::score` on
//! every field they share, over a deterministic spread of cases (missing items, biopsy or not,
//! every age band, ages out of range).

use myo_instruments::eular_acr::{self, Def, Input};

fn cases() -> impl Iterator<Item = Input> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let tri = |r: u64| match r % 3 {
        0 => None,
        1 => Some(false),
        _ => Some(true),
    };
    (0..20_000).map(move |_| {
        let r = next();
        let age = (r % 7 != 0).then_some((r % 130) as f64 - 5.0);
        Input {
            age_at_onset_years: age,
            clinical: std::array::from_fn(|i| tri(next() >> i)),
            finger_flexor_weakness: tri(next()),
            no_response_to_treatment: tri(next()),
            muscle_biopsy: (r % 3 == 0).then(|| std::array::from_fn(|i| tri(next() >> i))),
        }
    })
}

#[test]
fn summary_equals_the_explained_score() {
    let def = Def::parse(eular_acr::DEF_TOML).expect("definition parses");
    let (mut scored, mut refused) = (0, 0);
    for input in cases() {
        match (
            eular_acr::summary(&def, &input),
            eular_acr::score(&def, &input),
        ) {
            (Ok(s), Ok(o)) => {
                scored += 1;
                assert_eq!(s.score, o.score);
                assert_eq!(s.category, o.category);
                assert_eq!(s.outcome, o.outcome);
                assert_eq!(s.subgroup, o.subgroup);
                assert_eq!(s.classifiable, o.classifiable);
                assert_eq!(s.probability.to_bits(), o.probability.to_bits());
                let missing: Vec<&str> = s.missing.ids(&def).collect();
                let want: Vec<&str> = o.explanation.missing.iter().map(|m| m.as_ref()).collect();
                assert_eq!(missing, want, "{input:?}");
                assert_eq!(s.assessed as usize, o.explanation.contributions.len());
            }
            (Err(a), Err(b)) => {
                refused += 1;
                assert_eq!(a, b);
            }
            (a, b) => panic!("summary {a:?} but score {:?}", b.map(|o| o.score)),
        }
    }
    assert!(
        scored > 10_000 && refused > 0,
        "{scored} scored, {refused} refused"
    );
}
