//! Show what the triage makes of each argument: the English and Spanish rules' hits (rule, tier,
//! what matched), the tier of the whole reply, and the English stems.
//!
//! Run: `cargo run -p myo-ask --example triage_probe -- "question" ...`

use myo_ask::text::tokenize;
use myo_ask::{Tier, builtin_engine};

fn main() {
    let engine = builtin_engine().expect("built-in engine");
    for q in std::env::args().skip(1) {
        let show = |h: Option<myo_ask::TriageHit>| {
            h.map_or("-".to_string(), |h| {
                format!("{} {} [{}]", h.tier.as_str(), h.rule_id, h.matched)
            })
        };
        let reply = engine.ask(&q);
        println!("{q}");
        println!("  en:    {}", show(engine.triage().check(&q)));
        println!("  es:    {}", show(engine.spanish().check(&q)));
        println!(
            "  reply: {} ({})",
            reply.triage.map_or("none", |h| Tier::as_str(h.tier)),
            reply.kind.as_str()
        );
        let stems: Vec<String> = tokenize(&q)
            .iter()
            .map(|t| format!("{}/{}:{}", t.word, t.stem, t.clause))
            .collect();
        println!("  stems: {}", stems.join(" "));
    }
}
