//! EULAR/ACR 2017 scoring throughput on one core (target: at least 10 million cases per second).
//!
//! Three paths: `score_only` (score, model and category; allocation-free), `summary` (what a
//! cohort row needs: headline, probability, subgroup, missing items as a bit set; allocation-free,
//! the batch path of `myo cohort`) and `score` (the full explanation: contributions, missing
//! list, warnings).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use myo_instruments::eular_acr::{self, Def};

mod common;
use common::cases;

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
