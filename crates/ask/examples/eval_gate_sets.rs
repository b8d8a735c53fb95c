//! Measures Ask on the dev sets (and any split-format set given) without building the `myo`
//! binary: figures and misses per set.
//!
//! Run: `cargo run -p myo-ask --example eval_gate_sets -- [--misses] [SPLIT_SET.toml ...]`
//! With no file, runs the built-in English dev set, the English answer dev set, the English
//! probes (`dev-en-probe*.toml`), the Spanish dev
//! set and the Spanish answer dev set. A file under the blind holdout directory is refused.

use std::collections::HashSet;

use myo_ask::builtin_engine;
use myo_ask::es::eval::{EsSet, evaluate as evaluate_es};
use myo_ask::eval::split::{SplitSet, evaluate_split};
use myo_ask::eval::{EvalSet, Failure, Metric, evaluate};

fn show(name: &str, metrics: &[Metric], failures: &[Failure], misses: bool) {
    println!("== {name}");
    for m in metrics {
        println!(
            "  {:<26} {:>4}/{:<4} {:>6.1} %  {}",
            m.name,
            m.passed,
            m.total,
            100.0 * m.value(),
            if m.ok() { "ok" } else { "BELOW TARGET" }
        );
    }
    if misses {
        for f in failures {
            println!(
                "  miss {:<22} {:?}\n       want {} | got {}",
                f.metric, f.question, f.expected, f.got
            );
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let misses = args.iter().any(|a| a == "--misses");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let engine = builtin_engine().expect("engine");
    if args.iter().any(|a| a == "--time") {
        let set = EvalSet::builtin().expect("dev set");
        let qs: Vec<&str> = set
            .retrieval
            .iter()
            .map(|c| c.q.as_str())
            .chain(set.off_topic.iter().map(|c| c.q.as_str()))
            .chain(set.refuse.iter().map(|c| c.q.as_str()))
            .collect();
        let t = std::time::Instant::now();
        let fresh = builtin_engine().expect("engine");
        fresh.ask("what is dermatomyositis");
        println!(
            "load and first answer {:.2} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
        let t = std::time::Instant::now();
        let e = myo_ask::embed::Embedder::builtin().expect("embedding");
        println!("embedding load {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
        let t = std::time::Instant::now();
        let _ = builtin_engine().expect("engine");
        println!("snapshot load {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
        let texts: Vec<String> = qs.iter().map(|q| q.repeat(3)).collect();
        let t = std::time::Instant::now();
        for x in &texts {
            std::hint::black_box(e.embed(x));
        }
        println!(
            "embed: {:.1} µs per 30-word text",
            t.elapsed().as_secs_f64() * 1e6 / texts.len() as f64
        );
        for pass in ["cold", "warm"] {
            let mut timed: Vec<(f64, &str)> = qs
                .iter()
                .map(|q| {
                    let t = std::time::Instant::now();
                    std::hint::black_box(engine.ask(q));
                    (t.elapsed().as_secs_f64() * 1e3, *q)
                })
                .collect();
            timed.sort_by(|a, b| b.0.total_cmp(&a.0));
            for (t, q) in timed.iter().take(4) {
                println!("  slow {t:.2} ms {q:?}");
            }
            let mut ms: Vec<f64> = timed.iter().map(|x| x.0).collect();
            ms.sort_by(f64::total_cmp);
            let p = |x: f64| ms[((x * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
            println!(
                "{pass}: {} questions p50 {:.3} ms p99 {:.3} ms max {:.3} ms",
                ms.len(),
                p(0.5),
                p(0.99),
                p(1.0)
            );
        }
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--probe") {
        for q in &args[at + 1..] {
            println!("{q}\n  {:?}\n  {}", engine.gate_probe(q), engine.explain(q));
            if let Some(p) = engine.guard().refusal_explain(q) {
                println!("  pattern {}", p.chars().take(300).collect::<String>());
            }
            let r = engine.ask(q);
            println!("  {} {}", r.kind.as_str(), r.answer);
        }
        return;
    }
    let kb = myo_kb::Kb::builtin().expect("built-in KB");
    let known: HashSet<String> = kb.all_entries().map(|e| e.id.clone()).collect();
    if files.is_empty() {
        let set = EvalSet::builtin().expect("dev set");
        let r = evaluate(&engine, &set, &known);
        show(
            "dev (questions.toml + dev-triage.toml)",
            &r.metrics,
            &r.failures,
            misses,
        );
        let es = EsSet::builtin().expect("Spanish dev set");
        let r = evaluate_es(&engine, &es);
        show("dev-es.toml", &r.metrics, &r.failures, misses);
        let text = include_str!("../eval/dev-en-answers.toml");
        let set = SplitSet::parse(text).expect("dev-en-answers parses");
        let r = evaluate_split(&engine, &set, &known);
        show("dev-en-answers.toml", &r.metrics, &r.failures, misses);
        for (name, text) in [
            (
                "dev-en-probe.toml",
                include_str!("../eval/dev-en-probe.toml"),
            ),
            (
                "dev-en-probe2.toml",
                include_str!("../eval/dev-en-probe2.toml"),
            ),
        ] {
            let set = SplitSet::parse(text).expect("English probe parses");
            let r = evaluate_split(&engine, &set, &known);
            show(name, &r.metrics, &r.failures, misses);
        }
        let text = include_str!("../eval/dev-es-answers.toml");
        let set = SplitSet::parse(text).expect("dev-es-answers parses");
        let r = evaluate_split(&engine, &set, &known);
        show("dev-es-answers.toml", &r.metrics, &r.failures, misses);
    }
    for path in files {
        if let Err(e) = myo_ask::eval::blind::refuse_blind(std::path::Path::new(path)) {
            eprintln!("{e}");
            std::process::exit(2);
        }
        let text = std::fs::read_to_string(path).expect("read set");
        let set = SplitSet::parse(&text).expect("set parses");
        let r = evaluate_split(&engine, &set, &known);
        show(path, &r.metrics, &r.failures, misses);
    }
}
