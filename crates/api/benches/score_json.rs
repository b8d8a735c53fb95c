//! One `POST /api/v1/score/eular-acr-2017` request body through the wire format, without HTTP:
//! parse the bytes, score and explain, write the response. `cargo bench -p myo-api`.
//!
//! `via_value` is the command line's path (a `serde_json::Value`, then text); `to_writer` is the
//! HTTP API's path (text written straight from the scored case).

use criterion::{Criterion, criterion_group, criterion_main};
use myo_api::Scorer;
use std::hint::black_box;

/// The body `scripts/wrk/score.lua` sends.
const BODY: &[u8] = br#"{"age_at_onset_years":45,"heliotrope_rash":true,"gottrons_papules":true,"proximal_upper_weakness":true,"elevated_muscle_enzymes":true}"#;

fn bench(c: &mut Criterion) {
    let scorer = Scorer::builtin().expect("built-in definitions");
    let mut g = c.benchmark_group("score_request");
    g.bench_function("parse_body", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(BODY)).unwrap())
    });
    g.bench_function("via_value", |b| {
        b.iter(|| {
            let input: serde_json::Value = serde_json::from_slice(black_box(BODY)).unwrap();
            let out = scorer.score_json("eular-acr-2017", &input).unwrap();
            serde_json::to_vec(&out).unwrap()
        })
    });
    g.bench_function("to_writer", |b| {
        b.iter(|| {
            let input: serde_json::Value = serde_json::from_slice(black_box(BODY)).unwrap();
            let mut out = Vec::with_capacity(4096);
            scorer
                .score_to_writer("eular-acr-2017", &input, &mut out)
                .unwrap();
            out
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
