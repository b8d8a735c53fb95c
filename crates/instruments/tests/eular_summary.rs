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

/// The batch kernel gives every case the summary `summary` gives it, also for bit sets a
/// reader would never build (presence without assessment, biopsy bits without a biopsy), and
/// `MissingSet::ids_in` names the same items as `MissingSet::ids`.
#[test]
fn batch_summaries_equal_the_summary_of_each_case() {
    use eular_acr::batch::{self, Case, Cases};
    let def = Def::parse(eular_acr::DEF_TOML).expect("definition parses");
    let ids: Vec<String> = def.item_ids().map(str::to_owned).collect();
    let mut all = Cases::default();
    for input in cases() {
        all.push(Case::of(&input));
        assert_eq!(Case::of(&input).input(), input, "a case round-trips");
    }
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..5000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        all.push(Case {
            age: (state % 140) as f64 - 10.0,
            known: (state >> 8) as u32,
            present: (state >> 30) as u32,
            biopsy: state & (1 << 60) != 0,
        });
    }
    let mut out = Vec::new();
    batch::summaries(&def, &all, &mut out);
    assert_eq!(out.len(), all.len());
    let (mut scored, mut refused) = (0, 0);
    for (r, got) in out.iter().enumerate() {
        let input = all.get(r).input();
        match (got, eular_acr::summary(&def, &input)) {
            (Ok(a), Ok(b)) => {
                scored += 1;
                assert_eq!(*a, b, "{input:?}");
                assert_eq!(a.probability.to_bits(), b.probability.to_bits());
                let mine: Vec<&str> = a.missing.ids_in(&ids).collect();
                let theirs: Vec<&str> = b.missing.ids(&def).collect();
                assert_eq!(mine, theirs);
            }
            (Err(a), Err(b)) => {
                refused += 1;
                assert_eq!(**a, b);
            }
            (a, b) => panic!("batch {a:?} but summary {b:?} for {input:?}"),
        }
    }
    assert!(
        scored > 20_000 && refused > 100,
        "{scored} scored, {refused} refused"
    );
    // A row's result does not depend on its neighbours: a batch of one gives the same.
    let one = Cases {
        age: all.age[7..8].to_vec(),
        known: all.known[7..8].to_vec(),
        present: all.present[7..8].to_vec(),
        biopsy: all.biopsy[7..8].to_vec(),
    };
    let mut single = Vec::new();
    batch::summaries(&def, &one, &mut single);
    assert_eq!(single[0], out[7]);
}

/// The explained score's warnings written piece by piece read exactly as their `format!`
/// spelling, and explaining a case grows no vector (each is allocated once, at its size).
#[test]
fn explained_warnings_are_spelled_as_before_and_vectors_never_grow() {
    use eular_acr::Clinical;
    let def = Def::parse(eular_acr::DEF_TOML).expect("definition parses");
    let (mut lower_bounds, mut dm_notes) = (0, 0);
    for input in cases() {
        let Ok(o) = eular_acr::score(&def, &input) else {
            continue;
        };
        let ex = &o.explanation;
        assert_eq!(ex.contributions.capacity(), ex.contributions.len());
        assert_eq!(ex.missing.capacity(), ex.missing.len());
        let lower_bound = format!(
            "{} item(s) not assessed: the score is a lower bound; up to {} ({}) is still achievable",
            ex.missing.len(),
            o.max_achievable_score,
            o.max_achievable_category.as_str()
        );
        let has_lower_bound = ex.warnings.iter().any(|w| *w == lower_bound);
        assert_eq!(
            has_lower_bound,
            o.max_achievable_category != o.category,
            "{input:?}"
        );
        lower_bounds += usize::from(has_lower_bound);
        if let Some(w) = ex.warnings.iter().find(|w| w.starts_with("subgroup dm:")) {
            let item = Clinical::WEAKNESS
                .iter()
                .find(|&&c| input.get(c) == Some(true))
                .expect("dm needs a weakness item");
            let want = format!(
                "subgroup dm: a DM skin sign with muscle weakness ({})",
                def.clinical[*item as usize].label
            );
            assert_eq!(*w, want);
            dm_notes += 1;
        }
    }
    assert!(
        lower_bounds > 1000 && dm_notes > 100,
        "{lower_bounds} lower bounds, {dm_notes} dm notes"
    );
}
