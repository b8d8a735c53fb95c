//! Dumps the answerability gate's features and the embedding similarity for labelled questions
//! (answerable and off-topic) of the dev sets and of the retired holdouts, as tab-separated
//! rows, to choose the gate's thresholds. Never reads the blind holdout.
//!
//! Run: `cargo run -p myo-ask --example gate_calibrate > /tmp/gate.tsv`

use myo_ask::builtin_engine;
use myo_ask::es::eval::EsSet;
use myo_ask::eval::EvalSet;
use myo_ask::eval::split::SplitSet;

fn main() {
    let engine = builtin_engine().expect("engine");
    let mut rows: Vec<(&str, &str, String)> = Vec::new();
    let dev = EvalSet::builtin().expect("dev");
    for c in &dev.retrieval {
        rows.push(("dev", "answer", c.q.clone()));
    }
    for c in &dev.off_topic {
        rows.push(("dev", "off", c.q.clone()));
    }
    for c in &dev.no_refuse {
        rows.push(("dev", "answer", c.q.clone()));
    }
    let es = EsSet::builtin().expect("dev-es");
    for c in &es.off_topic {
        rows.push(("dev-es", "off", c.q.clone()));
    }
    let split = |name: &'static str, text: &str, rows: &mut Vec<(&str, &str, String)>| {
        let s = SplitSet::parse(text).expect("parses");
        for c in &s.answer {
            rows.push((name, "answer", c.q.clone()));
        }
        for c in &s.off_topic {
            rows.push((name, "off", c.q.clone()));
        }
    };
    split(
        "dev-es-answers",
        include_str!("../eval/dev-es-answers.toml"),
        &mut rows,
    );
    split("v1-en", include_str!("../eval/holdout/en.toml"), &mut rows);
    split("v1-es", include_str!("../eval/holdout/es.toml"), &mut rows);
    split(
        "v2-en",
        include_str!("../eval/holdout/v2/en.toml"),
        &mut rows,
    );
    split(
        "v2-es",
        include_str!("../eval/holdout/v2/es.toml"),
        &mut rows,
    );
    println!(
        "set\tlabel\tkind\tid\tscore\tcov\tfocus\tanchored\tin_field\twords\tentry\toff\tlexical\tq"
    );
    for (set, label, q) in rows {
        let kind = engine.ask(&q).kind.as_str();
        match engine.gate_probe(&q) {
            Some(p) => println!(
                "{set}\t{label}\t{kind}\t{}\t{:.2}\t{:.2}\t{:.2}\t{}\t{}\t{}\t{:.3}\t{:.3}\t{:?}\t{q}",
                p.id,
                p.features.top_score,
                p.features.coverage,
                p.features.focus,
                p.features.anchored,
                p.features.in_field,
                p.features.words,
                p.similarity.map_or(-1.0, |s| s.entry),
                p.similarity.map_or(-1.0, |s| s.off_topic),
                p.lexical
            ),
            None => {
                println!("{set}\t{label}\t{kind}\t-\t0\t0\t0\tfalse\tfalse\t0\t-1\t-1\tNone\t{q}")
            }
        }
    }
}
