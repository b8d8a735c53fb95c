//! Would the learned triage head rescue the questions the rules missed? Reads a file of misses
//! (one per line: `emergency<TAB>question` or `urgent<TAB>question`, e.g. the misses a probe
//! listed before the rules were widened) and reports which ones the head alone would raise to
//! the expected tier; then the head's false alarms on the dev sets' quiet questions (answerable,
//! must-not-alarm, refusals, off-topic), with and without a gate (English, no negation word).
//!
//! Run: `cargo run -p myo-ask --example head_rescue -- MISSES.tsv`

use myo_ask::Tier;
use myo_ask::embed::Embedder;
use myo_ask::es::eval::EsSet;
use myo_ask::eval::EvalSet;
use myo_ask::head::TriageHead;

#[path = "shared/head_probe.rs"]
mod head_probe;
use head_probe::{NEGATION, gated, quiet_list};

fn main() {
    let embedder = Embedder::builtin().expect("embedding");
    let head = TriageHead::builtin().expect("head");
    let strip = std::env::var_os("STRIP_NEGATED").is_some();
    let prep = |q: &str| {
        if strip {
            strip_negated(q)
        } else {
            q.to_string()
        }
    };
    let tier = |q: &str| head.classify(&embedder.embed(&prep(q)));
    let path = std::env::args().nth(1).expect("a file of misses");
    if let Err(e) = myo_ask::eval::blind::refuse_blind(std::path::Path::new(&path)) {
        eprintln!("{e}");
        std::process::exit(2);
    }
    let text = std::fs::read_to_string(&path).expect("misses file");
    let (mut n, mut rescued, mut rescued_gated) = (0, 0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (want, q) = line.split_once('\t').expect("tier<TAB>question");
        let want = Tier::parse(want).expect("tier");
        n += 1;
        let got = tier(q);
        if got >= Some(want) {
            rescued += 1;
            rescued_gated += usize::from(gated(q));
            println!("rescue ({}): {q}", want.as_str());
        }
    }
    let set = EvalSet::builtin().expect("dev set");
    let es = EsSet::builtin().expect("Spanish dev set");
    let quiet: Vec<&str> = quiet_list(&set, &es);
    let (mut alarms, mut alarms_gated, mut n_gated) = (0, 0, 0);
    for q in &quiet {
        let g = gated(q);
        n_gated += usize::from(g);
        if tier(q) >= Some(Tier::Urgent) {
            if std::env::var_os("SHOW_ALARMS").is_some() {
                println!("would alarm: {q}");
            }
            alarms += 1;
            alarms_gated += usize::from(g);
        }
    }
    println!("rule misses {n}: head rescues {rescued} (gated {rescued_gated})");
    // Stricter thresholds: the score each classifier needs, above its trained one.
    let misses: Vec<(Tier, &str)> = text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(t, q)| Tier::parse(t).map(|t| (t, q)))
        .collect();
    let score = |q: &str, t: Tier| {
        let s = head.scores(&embedder.embed(&prep(q)));
        if t == Tier::Emergency {
            s.emergency
        } else {
            s.urgent.max(s.emergency)
        }
    };
    for cut in [0.95f32, 0.97, 0.98, 0.99, 0.995] {
        let r = misses.iter().filter(|(t, q)| score(q, *t) >= cut).count();
        let a = quiet
            .iter()
            .filter(|q| score(q, Tier::Urgent) >= cut)
            .count();
        println!(
            "threshold {cut}: rescues {r}/{}, quiet alarms {a}",
            misses.len()
        );
    }
    println!(
        "quiet dev questions {}: head alarms {alarms}; gated {n_gated}: head alarms {alarms_gated}",
        quiet.len()
    );
}

/// The question without its negated stretches: from a negation word to the end of its clause
/// ("no tengo fiebre, pero…" → ", pero…"), so a bag of words does not hear the negated sign.
fn strip_negated(q: &str) -> String {
    let mut out = Vec::new();
    let mut skipping = false;
    for raw in q.split_whitespace() {
        let w: String = raw
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '\'')
            .collect();
        if matches!(
            w.as_str(),
            "but" | "pero" | "however" | "aunque" | "although"
        ) {
            skipping = false;
        }
        if NEGATION.contains(&w.as_str()) || w.ends_with("n't") {
            skipping = true;
        }
        if !skipping {
            out.push(raw);
        }
        if raw.ends_with(',') || raw.ends_with('.') || raw.ends_with(';') || raw.ends_with('?') {
            skipping = false;
        }
    }
    out.join(" ")
}
