//! Triage figures and misses for the dev sets, or for split-format files, without building the
//! whole `myo` binary: emergency and urgent recall, and false alarms on answerable questions, on
//! must-not-alarm questions and on the other quiet ones (refusals, off-topic). Triage is read from
//! the whole reply of `Engine::ask`, as `myo eval --set` does.
//!
//! Run: `cargo run -p myo-ask --example eval_split` (the dev sets: `questions.toml` with
//! `dev-triage.toml`, `dev-en-answers.toml`, the English probes `dev-en-probe*.toml`, `dev-es.toml`, `dev-es-answers.toml`), or
//! `cargo run -p myo-ask --example eval_split -- FILE...` (split-format files). `--quiet` prints
//! the figures without the misses. A blind holdout must only be measured, never tuned on; this
//! example refuses any path that resolves under `eval/holdout/` (`eval::blind`).

use myo_ask::es::eval::EsSet;
use myo_ask::eval::EvalSet;
use myo_ask::eval::split::SplitSet;
use myo_ask::{Engine, Tier, builtin_engine};

/// Questions grouped by what the triage must do with them.
#[derive(Default)]
struct Buckets {
    emergency: Vec<String>,
    urgent: Vec<String>,
    answerable: Vec<String>,
    no_alarm: Vec<String>,
    other_quiet: Vec<String>,
}

impl Buckets {
    fn from_split(set: &SplitSet) -> Buckets {
        let q = |v: &[myo_ask::eval::split::PlainCase]| v.iter().map(|c| c.q.clone()).collect();
        Buckets {
            emergency: q(&set.emergency),
            urgent: q(&set.urgent),
            answerable: set.answer.iter().map(|c| c.q.clone()).collect(),
            no_alarm: q(&set.no_alarm),
            other_quiet: set
                .refuse
                .iter()
                .map(|c| c.q.clone())
                .chain(set.off_topic.iter().map(|c| c.q.clone()))
                .collect(),
        }
    }

    fn from_dev(set: &EvalSet) -> Buckets {
        let mut b = Buckets::default();
        for c in &set.triage {
            match Tier::parse(&c.tier) {
                Some(Tier::Emergency) => b.emergency.push(c.q.clone()),
                _ => b.urgent.push(c.q.clone()),
            }
        }
        b.answerable = set
            .retrieval
            .iter()
            .map(|c| c.q.clone())
            .chain(set.no_refuse.iter().map(|c| c.q.clone()))
            .collect();
        b.no_alarm = set.no_trigger.iter().map(|c| c.q.clone()).collect();
        b.other_quiet = set
            .refuse
            .iter()
            .map(|c| c.q.clone())
            .chain(set.off_topic.iter().map(|c| c.q.clone()))
            .collect();
        b
    }

    fn from_es(set: &EsSet) -> Buckets {
        let q = |v: &[myo_ask::es::eval::EsCase]| v.iter().map(|c| c.q.clone()).collect();
        Buckets {
            emergency: q(&set.emergency),
            urgent: q(&set.urgent),
            answerable: vec![],
            no_alarm: q(&set.no_alarm),
            other_quiet: set
                .refuse
                .iter()
                .map(|c| c.q.clone())
                .chain(set.off_topic.iter().map(|c| c.q.clone()))
                .collect(),
        }
    }
}

fn tier_of(engine: &Engine, q: &str) -> (Option<Tier>, String) {
    match engine.ask(q).triage {
        Some(h) => (Some(h.tier), h.rule_id),
        None => (None, String::new()),
    }
}

fn show(t: Option<Tier>, rule: &str) -> String {
    match t {
        Some(t) => format!("{} ({rule})", t.as_str()),
        None => "none".into(),
    }
}

/// Print one set's figures (and misses unless `quiet`); returns the misses count.
fn report(engine: &Engine, name: &str, b: &Buckets, quiet: bool) -> usize {
    let mut misses = Vec::new();
    let mut recall = |qs: &[String], want: Tier, label: &str| -> usize {
        let mut hit = 0;
        for q in qs {
            let (got, rule) = tier_of(engine, q);
            if got >= Some(want) {
                hit += 1;
            } else {
                misses.push(format!("  miss [{label}] got {}: {q}", show(got, &rule)));
            }
        }
        hit
    };
    let em = recall(&b.emergency, Tier::Emergency, "emergency");
    let ur = recall(&b.urgent, Tier::Urgent, "urgent");
    let mut alarms = |qs: &[String], label: &str| -> usize {
        let mut n = 0;
        for q in qs {
            let (got, rule) = tier_of(engine, q);
            if got >= Some(Tier::Urgent) {
                n += 1;
                misses.push(format!("  alarm [{label}] {}: {q}", show(got, &rule)));
            }
        }
        n
    };
    let fa_answer = alarms(&b.answerable, "answerable");
    let fa_no_alarm = alarms(&b.no_alarm, "no_alarm");
    let fa_other = alarms(&b.other_quiet, "refuse/off_topic");
    println!("== {name}");
    println!("emergency recall          {em}/{}", b.emergency.len());
    println!("urgent recall             {ur}/{}", b.urgent.len());
    println!(
        "false alarms, answerable  {fa_answer}/{}",
        b.answerable.len()
    );
    println!(
        "false alarms, no_alarm    {fa_no_alarm}/{}",
        b.no_alarm.len()
    );
    println!(
        "false alarms, refuse/off  {fa_other}/{}",
        b.other_quiet.len()
    );
    if !quiet {
        for m in &misses {
            println!("{m}");
        }
    }
    misses.len()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quiet = args.iter().any(|a| a == "--quiet");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    for f in &files {
        if let Err(e) = myo_ask::eval::blind::refuse_blind(std::path::Path::new(f)) {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
    let engine = builtin_engine().expect("built-in engine");
    let mut total = 0;
    if files.is_empty() {
        let dev = EvalSet::builtin().expect("dev set parses");
        total += report(
            &engine,
            "dev (questions + dev-triage)",
            &Buckets::from_dev(&dev),
            quiet,
        );
        let en = SplitSet::parse(include_str!("../eval/dev-en-answers.toml"))
            .expect("English answers dev set parses");
        total += report(&engine, "dev-en-answers", &Buckets::from_split(&en), quiet);
        for (name, text) in [
            ("dev-en-probe", include_str!("../eval/dev-en-probe.toml")),
            ("dev-en-probe2", include_str!("../eval/dev-en-probe2.toml")),
        ] {
            let set = SplitSet::parse(text).expect("English probe parses");
            total += report(&engine, name, &Buckets::from_split(&set), quiet);
        }
        let es = EsSet::builtin().expect("Spanish dev set parses");
        total += report(&engine, "dev-es", &Buckets::from_es(&es), quiet);
        let answers = SplitSet::parse(include_str!("../eval/dev-es-answers.toml"))
            .expect("Spanish answers dev set parses");
        total += report(
            &engine,
            "dev-es-answers",
            &Buckets::from_split(&answers),
            quiet,
        );
    }
    for f in files {
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{f}: {e}"));
        let set = SplitSet::parse(&text).unwrap_or_else(|e| panic!("{f}: {e}"));
        total += report(&engine, f, &Buckets::from_split(&set), quiet);
    }
    println!("total misses and alarms: {total}");
}
