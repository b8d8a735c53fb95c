//! Would the learned triage head help as an escalation-only second opinion? Measures it on the
//! dev sets only (never the holdout): questions whose expected tier the rules miss and the head
//! would reach (rescues), and questions that must stay quiet on which the head would fire, with
//! and without the gate (English only, no negation word).
//!
//! Run: `cargo run -p myo-ask --example head_dev`

use myo_ask::embed::Embedder;
use myo_ask::es::eval::EsSet;
use myo_ask::eval::EvalSet;
use myo_ask::head::TriageHead;
use myo_ask::{Tier, builtin_engine};

#[path = "shared/head_probe.rs"]
mod head_probe;
use head_probe::{gated, quiet_list};

fn main() {
    let engine = builtin_engine().expect("engine");
    let embedder = Embedder::builtin().expect("embedding");
    let head = TriageHead::builtin().expect("head");
    let set = EvalSet::builtin().expect("dev set");
    let es = EsSet::builtin().expect("Spanish dev set");
    let head_tier = |q: &str| head.classify(&embedder.embed(q));
    let rule_tier = |q: &str| engine.ask(q).triage.map(|h| h.tier);

    let mut expected: Vec<(&str, Tier)> = set
        .triage
        .iter()
        .filter_map(|c| Tier::parse(&c.tier).map(|t| (c.q.as_str(), t)))
        .collect();
    expected.extend(es.emergency.iter().map(|c| (c.q.as_str(), Tier::Emergency)));
    expected.extend(es.urgent.iter().map(|c| (c.q.as_str(), Tier::Urgent)));
    let (mut missed, mut rescued, mut rescued_gated) = (0, 0, 0);
    for (q, want) in &expected {
        if rule_tier(q) >= Some(*want) {
            continue;
        }
        missed += 1;
        if head_tier(q) >= Some(*want) {
            rescued += 1;
            if gated(q) {
                rescued_gated += 1;
            }
            println!("rescue: {q}");
        }
    }
    let quiet = quiet_list(&set, &es);
    let (mut alarms, mut alarms_gated) = (0, 0);
    for q in &quiet {
        if rule_tier(q).is_none() && head_tier(q).is_some() {
            alarms += 1;
            if gated(q) {
                alarms_gated += 1;
            }
            println!("would alarm: {q}");
        }
    }
    println!(
        "triage cases {}; rules miss {missed}; head rescues {rescued} (gated {rescued_gated})",
        expected.len()
    );
    println!(
        "must stay quiet {}; head would raise {alarms} (gated {alarms_gated})",
        quiet.len()
    );
}
