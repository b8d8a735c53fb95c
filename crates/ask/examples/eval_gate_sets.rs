//! Measures Ask on the dev sets (and any split-format set given) without building the `myo`
//! binary: figures and misses per set.
//!
//! Run: `cargo run -p myo-ask --example eval_gate_sets -- [--misses] [SPLIT_SET.toml ...]`
//! With no file, runs the built-in English dev set, the Spanish dev set and the Spanish answer
//! dev set.

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
        let text = include_str!("../eval/dev-es-answers.toml");
        let set = SplitSet::parse(text).expect("dev-es-answers parses");
        let r = evaluate_split(&engine, &set, &known);
        show("dev-es-answers.toml", &r.metrics, &r.failures, misses);
    }
    for path in files {
        assert!(
            !path.contains("/v3"),
            "the v3 holdout is blind: never run it here"
        );
        let text = std::fs::read_to_string(path).expect("read set");
        let set = SplitSet::parse(&text).expect("set parses");
        let r = evaluate_split(&engine, &set, &known);
        show(path, &r.metrics, &r.failures, misses);
    }
}
