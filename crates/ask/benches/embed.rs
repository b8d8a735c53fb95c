//! Static embedding and triage head: time to embed a short and a long question, to classify a
//! vector, and to load the built-in table.
//!
//! Besides criterion's own figures, `main` first times each case by hand and prints it as a
//! ratio to the target (10 µs per question embedded).

use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use myo_ask::embed::Embedder;
use myo_ask::head::TriageHead;

const SHORT: &str = "can dm affect my lungs";
const LONG: &str = "my mum was diagnosed with dermatomyositis last year and has been on prednisone \
and methotrexate, and over the past two weeks she has become much more breathless walking up the \
stairs, has a dry cough that will not go away, and her fingers go white in the cold; should we \
call her rheumatologist today or wait for the appointment next month?";

/// Best-of-N microseconds per call.
fn time_us(mut f: impl FnMut(), reps: u32) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..20 {
        let t = Instant::now();
        for _ in 0..reps {
            f();
        }
        best = best.min(t.elapsed().as_secs_f64() * 1e6 / f64::from(reps));
    }
    best
}

fn main() {
    let embedder = Embedder::builtin().expect("embedding loads");
    let head = TriageHead::builtin().expect("head loads");
    let short = time_us(
        || {
            black_box(embedder.embed(black_box(SHORT)));
        },
        2000,
    );
    let long = time_us(
        || {
            black_box(embedder.embed(black_box(LONG)));
        },
        500,
    );
    let tokens = time_us(
        || {
            black_box(embedder.token_ids(black_box(LONG)));
        },
        500,
    );
    let v = embedder.embed(LONG);
    let classify = time_us(
        || {
            black_box(head.classify(black_box(&v)));
        },
        2000,
    );
    let load = time_us(
        || {
            let _ = black_box(Embedder::builtin());
        },
        1,
    ) / 1e3;
    println!(
        "embed: short ({} tokens) {short:.2} µs = {:.3} of the 10 µs target; long ({} tokens) \
         {long:.2} µs = {:.3} (of which tokenising {tokens:.2} µs); head classify {classify:.2} µs; Embedder::builtin {load:.2} ms",
        embedder.token_ids(SHORT).len(),
        short / 10.0,
        embedder.token_ids(LONG).len(),
        long / 10.0
    );

    let mut c = Criterion::default().configure_from_args();
    c.bench_function("embed_short_question", |b| {
        b.iter(|| embedder.embed(black_box(SHORT)))
    });
    c.bench_function("embed_long_question", |b| {
        b.iter(|| embedder.embed(black_box(LONG)))
    });
    c.bench_function("head_classify", |b| b.iter(|| head.classify(black_box(&v))));
    c.bench_function("embedder_builtin", |b| b.iter(Embedder::builtin));
    c.final_summary();
}
