//! Train the learned triage head on the Rust embedding and write its weights and metrics.
//!
//! `cargo run -p myo-ask --release --example train_triage_head`
//!
//! Positives: `data/triage/exemplars.toml` (emergency rules for the emergency classifier;
//! urgent and emergency rules for the urgent-or-above one). Negatives: the must-not-alarm
//! sentences in the same file and the rules' own negation phrases, the dev question set (every section except `[[triage]]` and the
//! holdout), and sentences from the knowledge base outside `kb/red-flags/` on which the phrase
//! rules do not fire. Lower-tier exemplars are negatives too (discuss-tier for both classifiers,
//! urgent-tier for the emergency one) but do not count as false alarms: raising them is
//! over-escalation, not a false alarm.
//!
//! Each classifier is an L2-regularised logistic regression fitted by Newton's method, with
//! each source group weighted equally. The L2 strength and the threshold come from 5-fold
//! cross-validation: the threshold is the lowest that keeps out-of-fold false alarms within 1 %
//! of all the budgeted negatives together (must-not-alarm, dev questions, KB sentences) and
//! within 1 % of each of the dev questions and the KB sentences; the L2 strength is the one with
//! the best out-of-fold recall at its threshold.
//! The final weights are fitted on everything and keep the cross-validated threshold.
//!
//! Writes `data/triage/head.toml` and `data/triage/METRICS.md`.

mod fit;
mod samples;

use std::fmt::Write as _;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use myo_ask::embed::{DIMS, Embedder};
use myo_ask::triage::Tier;

use fit::{Fitted, fit_weighted};
use samples::{Group, Sample};

const FOLDS: usize = 5;
const LAMBDAS: [f64; 4] = [1e-3, 3e-4, 1e-4, 3e-5];
const MAX_FALSE_ALARM: f64 = 0.01;

/// One classifier's target: which samples are positive, and which negatives count as alarms.
#[derive(Clone, Copy)]
struct Target {
    name: &'static str,
    min_tier: Tier,
}

impl Target {
    fn positive(self, s: &Sample) -> bool {
        matches!(s.group, Group::Rule(t) | Group::Phrase(t) if t >= self.min_tier)
    }
}

struct Result {
    lambda: f64,
    threshold: f64,
    oof: Vec<f64>,
    fitted: Fitted,
}

fn main() -> std::result::Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let embedder = Embedder::builtin()?;
    let samples = samples::collect(&embedder, root)?;
    let counts = samples::counts(&samples);
    eprintln!("samples: {counts:?}");

    let targets = [
        Target {
            name: "emergency",
            min_tier: Tier::Emergency,
        },
        Target {
            name: "urgent",
            min_tier: Tier::Urgent,
        },
    ];
    let folds = samples::folds(&samples, FOLDS);
    let mut results = Vec::new();
    for target in targets {
        let labels: Vec<bool> = samples.iter().map(|s| target.positive(s)).collect();
        let weights = samples::weights(&samples, &labels);
        let mut best: Option<Result> = None;
        for lambda in LAMBDAS {
            let mut oof = vec![0.0; samples.len()];
            for k in 0..FOLDS {
                let train: Vec<usize> = (0..samples.len()).filter(|&i| folds[i] != k).collect();
                let fitted = fit_weighted(&samples, &labels, &weights, &train, lambda);
                for i in (0..samples.len()).filter(|&i| folds[i] == k) {
                    oof[i] = fitted.probability(&samples[i].x);
                }
            }
            let threshold = choose_threshold(&samples, &labels, &oof);
            let recall = recall(&labels, &oof, threshold);
            eprintln!(
                "{}: lambda {lambda:e}: threshold {threshold:.4}, CV recall {recall:.3}",
                target.name
            );
            if best.as_ref().is_none_or(|b| recall > recall_of(&labels, b)) {
                let all: Vec<usize> = (0..samples.len()).collect();
                let fitted = fit_weighted(&samples, &labels, &weights, &all, lambda);
                best = Some(Result {
                    lambda,
                    threshold,
                    oof,
                    fitted,
                });
            }
        }
        results.push((target, labels, best.expect("at least one L2 strength")));
    }

    let vectors_sha = manifest_sha(root)?;
    let date = myo_kb::Date::from_unix_days(
        (SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs() / 86_400) as i64,
    );
    std::fs::write(
        root.join("data/triage/head.toml"),
        head_toml(&results, &vectors_sha, date),
    )?;
    let metrics = metrics_md(&embedder, &samples, &counts, &results, root, date)?;
    std::fs::write(root.join("data/triage/METRICS.md"), &metrics)?;
    println!("{metrics}");
    Ok(())
}

fn recall_of(labels: &[bool], r: &Result) -> f64 {
    recall(labels, &r.oof, r.threshold)
}

/// The lowest threshold that keeps out-of-fold false alarms within 1 % of all budgeted negatives
/// together, and within 1 % of each of the dev questions and the knowledge-base sentences.
fn choose_threshold(samples: &[Sample], labels: &[bool], scores: &[f64]) -> f64 {
    let negatives = |groups: &[Group]| -> Vec<f64> {
        let mut neg: Vec<f64> = samples
            .iter()
            .zip(labels)
            .zip(scores)
            .filter(|((s, y), _)| !**y && groups.contains(&s.group))
            .map(|(_, &p)| p)
            .collect();
        neg.sort_by(|a, b| b.total_cmp(a));
        neg
    };
    let mut threshold: f64 = 1e-4;
    let budgets: [&[Group]; 3] = [&Group::ALARM_SOURCES, &[Group::Dev], &[Group::Kb]];
    for groups in budgets {
        let neg = negatives(groups);
        let allowed = (MAX_FALSE_ALARM * neg.len() as f64).floor() as usize;
        if let Some(&score) = neg.get(allowed) {
            threshold = threshold.max(score + 1e-6);
        }
    }
    threshold
}

fn recall(labels: &[bool], scores: &[f64], threshold: f64) -> f64 {
    let pos: Vec<f64> = labels
        .iter()
        .zip(scores)
        .filter(|(y, _)| **y)
        .map(|(_, &p)| p)
        .collect();
    pos.iter().filter(|&&p| p >= threshold).count() as f64 / pos.len().max(1) as f64
}

fn manifest_sha(root: &Path) -> std::result::Result<String, Box<dyn std::error::Error>> {
    let manifest: toml::Table = toml::from_str(&std::fs::read_to_string(
        root.join("data/embed/manifest.toml"),
    )?)?;
    let sha = manifest["sha256"]["vectors.i8"]
        .as_str()
        .ok_or("manifest lacks the vectors.i8 sha256")?;
    Ok(sha.to_string())
}

fn head_toml(results: &[(Target, Vec<bool>, Result)], sha: &str, date: myo_kb::Date) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Learned triage head: logistic weights on the {DIMS}-dimension Ask embedding.\n\
         # Written by `cargo run -p myo-ask --release --example train_triage_head`; do not edit.\n\
         # Metrics: METRICS.md beside this file.\n\ntrained_on = \"{date}\"\n\
         embedding_vectors_sha256 = \"{sha}\""
    );
    for (target, _, r) in results {
        let weights: Vec<String> = r
            .fitted
            .w
            .iter()
            .map(|&w| format!("{}", w as f32))
            .collect();
        let _ = writeln!(
            out,
            "\n[{}]\nl2 = {:e}\nthreshold = {}\nbias = {}\nweights = [{}]",
            target.name,
            r.lambda,
            r.threshold as f32,
            r.fitted.b as f32,
            weights.join(", ")
        );
    }
    out
}

fn metrics_md(
    embedder: &Embedder,
    samples: &[Sample],
    counts: &[(Group, usize)],
    results: &[(Target, Vec<bool>, Result)],
    root: &Path,
    date: myo_kb::Date,
) -> std::result::Result<String, Box<dyn std::error::Error>> {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Triage head metrics\n\nWritten by `cargo run -p myo-ask --release --example \
         train_triage_head` on {date}. One logistic classifier per tier on the embedding. \
         {FOLDS}-fold cross-validation, stratified by source. A threshold keeps out-of-fold false \
         alarms within {pct:.0} % of the budgeted negatives together (must-not-alarm, dev \
         questions, KB sentences) and within {pct:.0} % of each of the dev questions and the KB \
         sentences; the L2 strength is the one with the best out-of-fold recall.\n",
        pct = MAX_FALSE_ALARM * 100.0
    );
    let _ = writeln!(
        out,
        "## Training data\n\n| source | sentences |\n|---|---:|"
    );
    for (g, n) in counts {
        let _ = writeln!(out, "| {} | {n} |", g.describe());
    }
    let _ = writeln!(
        out,
        "\n## Cross-validated (out-of-fold) results\n\n| classifier | L2 | threshold | \
         recall on exemplars | recall on rule phrases | false alarms: must-not-alarm | dev questions | KB sentences | lower-tier sentences raised |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for (target, labels, r) in results {
        let fa = |g: Group| {
            let (mut hit, mut n) = (0, 0);
            for ((s, &y), &p) in samples.iter().zip(labels).zip(&r.oof) {
                if !y && s.group == g {
                    n += 1;
                    hit += usize::from(p >= r.threshold);
                }
            }
            format!("{hit}/{n} = {:.1} %", 100.0 * hit as f64 / n.max(1) as f64)
        };
        let (mut raised, mut lower) = (0, 0);
        for ((s, &y), &p) in samples.iter().zip(labels).zip(&r.oof) {
            if !y && matches!(s.group, Group::Rule(_) | Group::Phrase(_)) {
                lower += 1;
                raised += usize::from(p >= r.threshold);
            }
        }
        let recall_in = |phrase: bool| {
            let (mut hit, mut n) = (0, 0);
            for ((s, &y), &p) in samples.iter().zip(labels).zip(&r.oof) {
                if y && matches!(s.group, Group::Phrase(_)) == phrase {
                    n += 1;
                    hit += usize::from(p >= r.threshold);
                }
            }
            if n == 0 {
                return "not trained on".to_string();
            }
            format!("{hit}/{n} = {:.1} %", 100.0 * hit as f64 / n as f64)
        };
        let _ = writeln!(
            out,
            "| {} | {:e} | {:.4} | {} | {} | {} | {} | {} | {raised}/{lower} |",
            target.name,
            r.lambda,
            r.threshold,
            recall_in(false),
            recall_in(true),
            fa(Group::NotAlarm),
            fa(Group::Dev),
            fa(Group::Kb),
        );
    }
    out.push_str(&samples::dev_triage_report(
        embedder,
        root,
        results_view(results),
    )?);
    out.push_str(
        "\nThe head only raises a tier (`myo_ask::head::raise`); the phrase rules stay the first \
         line. A mean of static token vectors sees neither word order nor negation (\"I'm \
         breathing fine\" lies close to \"I can't breathe\"), which bounds what a linear head \
         can do at a 1 % false-alarm budget. Retrain after any change to the embedding table or \
         the exemplars.\n",
    );
    Ok(out)
}

fn results_view(results: &[(Target, Vec<bool>, Result)]) -> Vec<(&'static str, &Fitted, f64)> {
    results
        .iter()
        .map(|(t, _, r)| (t.name, &r.fitted, r.threshold))
        .collect()
}
