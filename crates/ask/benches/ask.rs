//! Latency of Ask over the whole question set, and engine start-up (from the compile-time
//! snapshot, and a full analysis of the knowledge base for comparison).
//!
//! Besides criterion's own figures, `main` first times every question individually and prints
//! p50/p99 and the start-up times as ratios to the targets (5 ms per question at p99, 30 ms for
//! the whole `myo ask` process, so the engine itself must load well within it).

use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use myo_ask::eval::EvalSet;
use myo_ask::{Corpus, Engine};

fn questions(set: &EvalSet) -> Vec<String> {
    let mut q: Vec<String> = set.retrieval.iter().map(|c| c.q.clone()).collect();
    q.extend(set.triage.iter().map(|c| c.q.clone()));
    q.extend(set.no_trigger.iter().map(|c| c.q.clone()));
    q.extend(set.refuse.iter().map(|c| c.q.clone()));
    q.extend(set.no_refuse.iter().map(|c| c.q.clone()));
    q.extend(set.off_topic.iter().map(|c| c.q.clone()));
    q
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Manual timing loop: every question 20 times, one sample each.
fn report_ratios(kb: &myo_kb::Kb, questions: &[String]) {
    let mut build = f64::MAX;
    for _ in 0..10 {
        let t = Instant::now();
        black_box(Engine::build(Corpus::from_kb(kb)));
        build = build.min(t.elapsed().as_secs_f64() * 1e3);
    }
    let mut load = f64::MAX;
    for _ in 0..10 {
        let t = Instant::now();
        black_box(myo_ask::builtin_engine().expect("snapshot"));
        load = load.min(t.elapsed().as_secs_f64() * 1e3);
    }
    // Start-up as a process sees it: load, then the first answer (which loads the embedding).
    let mut first = f64::MAX;
    for _ in 0..10 {
        let t = Instant::now();
        let engine = myo_ask::builtin_engine().expect("snapshot");
        black_box(engine.ask("what is dermatomyositis"));
        first = first.min(t.elapsed().as_secs_f64() * 1e3);
    }
    let engine = myo_ask::builtin_engine().expect("snapshot");
    let mut samples = Vec::new();
    for _ in 0..20 {
        for q in questions {
            let t = Instant::now();
            black_box(engine.ask(black_box(q)));
            samples.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    samples.sort_by(f64::total_cmp);
    let (p50, p99) = (percentile(&samples, 50.0), percentile(&samples, 99.0));
    println!(
        "ask: {} entries, {} questions x 20: p50 {p50:.3} ms, p99 {p99:.3} ms = {:.3} of the 5 ms target; \
         snapshot load {load:.2} ms, load and first answer {first:.2} ms = {:.3} of the 30 ms start-up \
         target; full build {build:.2} ms",
        engine.len(),
        questions.len(),
        p99 / 5.0,
        first / 30.0
    );
}

fn main() {
    let kb = myo_kb::Kb::builtin().expect("built-in knowledge base loads");
    let set = EvalSet::builtin().expect("question set parses");
    let questions = questions(&set);
    report_ratios(&kb, &questions);

    let mut c = Criterion::default().configure_from_args();
    c.bench_function("index_build", |b| {
        b.iter(|| Engine::build(Corpus::from_kb(black_box(&kb))))
    });
    c.bench_function("snapshot_load", |b| {
        b.iter(|| myo_ask::builtin_engine().expect("snapshot"))
    });
    let engine = myo_ask::builtin_engine().expect("snapshot");
    c.bench_function("ask_whole_question_set", |b| {
        b.iter(|| {
            for q in &questions {
                black_box(engine.ask(black_box(q)));
            }
        })
    });
    c.bench_function("ask_one_long_question", |b| {
        let long = questions
            .iter()
            .max_by_key(|q| q.len())
            .cloned()
            .unwrap_or_default();
        b.iter(|| engine.ask(black_box(&long)))
    });
    c.final_summary();
}
