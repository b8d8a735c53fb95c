//! Temporary probe.
fn main() {
    let e = myo_ask::builtin_engine().unwrap();
    let qs: Vec<String> = std::env::args().skip(1).collect();
    if qs.first().map(|s| s.as_str()) == Some("--eval") {
        let kb = myo_kb::Kb::builtin().unwrap();
        let known = kb.entries().iter().map(|e| e.id.clone()).collect();
        let set = myo_ask::eval::EvalSet::builtin().unwrap();
        let r = myo_ask::eval::evaluate(&e, &set, &known);
        for m in &r.metrics {
            println!(
                "{:<20} {:>4}/{:<4} {:.3} ok={}",
                m.name,
                m.passed,
                m.total,
                m.value(),
                m.ok()
            );
        }
        for f in &r.failures {
            println!(
                "  [{}] {:?} exp {} got {}",
                f.metric, f.question, f.expected, f.got
            );
        }
        return;
    }
    if qs.first().map(|s| s.as_str()) == Some("--gate") {
        let set = myo_ask::eval::EvalSet::builtin().unwrap();
        for c in &set.retrieval {
            println!("R {}  <- {}", e.explain(&c.q), c.q);
        }
        for c in &set.off_topic {
            println!("O {}  <- {}", e.explain(&c.q), c.q);
        }
        for q in std::io::stdin().lines() {
            let q = q.unwrap();
            println!("X {}  <- {}", e.explain(&q), q);
        }
        return;
    }
    let qs = if qs.is_empty() {
        std::io::stdin().lines().map(|l| l.unwrap()).collect()
    } else {
        qs
    };
    for q in qs {
        let r = e.ask(&q);
        println!(
            "Q: {q}\n  kind={} top={:?}\n  A: {}\n",
            r.kind.as_str(),
            e.top_ids(&q, 3),
            r.answer.replace('\n', " ")
        );
    }
}
