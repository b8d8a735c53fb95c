//! EULAR/ACR 2017 scoring throughput on one core (target: at least 10 million cases per second).
//!
//! Three paths: `score_only` (score, model and category; allocation-free), `summary` (what a
//! cohort row needs: headline, probability, subgroup, missing items as a bit set; allocation-free,
//! the batch path of `myo cohort`) and `score` (the full explanation: contributions, missing
//! list, warnings).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use myo_instruments::eular_acr::{self, Def, Input};

/// A fixed, varied set of cases (deterministic pseudo-random: no I/O, no RNG dependency).
fn cases(n: usize) -> Vec<Input> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
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
    (0..n)
        .map(|_| {
            let r = next();
            let age = (r % 5 != 0).then_some((r % 90) as f64);
            let clinical = std::array::from_fn(|i| tri(next() >> i));
            let biopsy = (r % 4 == 0).then(|| std::array::from_fn(|i| tri(next() >> i)));
            Input {
                age_at_onset_years: age,
                clinical,
                finger_flexor_weakness: tri(next()),
                no_response_to_treatment: tri(next()),
                muscle_biopsy: biopsy,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let def = Def::parse(eular_acr::DEF_TOML).expect("definition parses");
    let inputs = cases(4096);
    let mut group = c.benchmark_group("eular_acr");
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function("score_only", |b| {
        b.iter(|| {
            let mut acc = 0i32;
            for input in &inputs {
                let (_, score, category) = eular_acr::score_only(&def, black_box(input));
                acc += score.0 + category as i32;
            }
            black_box(acc)
        })
    });
    group.bench_function("summary", |b| {
        b.iter(|| {
            let mut acc = 0u32;
            for input in &inputs {
                let s = eular_acr::summary(&def, black_box(input)).expect("valid");
                acc += s.missing.len() + s.assessed + s.subgroup.is_some() as u32;
            }
            black_box(acc)
        })
    });
    group.bench_function("score_explained", |b| {
        b.iter(|| {
            let mut acc = 0usize;
            for input in &inputs {
                let outcome = eular_acr::score(&def, black_box(input)).expect("valid");
                acc += outcome.explanation.contributions.len();
            }
            black_box(acc)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
