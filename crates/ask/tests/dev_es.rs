//! The Spanish dev set meets its targets: every emergency caught, urgent recall ≥ 95 %, at most
//! one false alarm in fifteen must-not-alarm and off-topic questions.

use myo_ask::es::eval::{EsSet, evaluate};

#[test]
fn spanish_dev_set_meets_targets() {
    let engine = myo_ask::builtin_engine().expect("knowledge base loads");
    let set = EsSet::builtin().expect("dev set parses");
    assert!(
        set.emergency.len() + set.urgent.len() + set.no_alarm.len() + set.off_topic.len() >= 60
    );
    let report = evaluate(&engine, &set);
    for m in &report.metrics {
        eprintln!(
            "{}: {}/{} (target {:.3})",
            m.name, m.passed, m.total, m.target
        );
    }
    for f in &report.failures {
        eprintln!(
            "  miss [{}] {:?}: expected {}, got {}",
            f.metric, f.question, f.expected, f.got
        );
    }
    assert!(report.passes(), "Spanish dev set below target");
}
