//! Training sentences: exemplars, must-not-alarm sentences, dev questions, knowledge-base
//! sentences; their embeddings, folds and weights.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use myo_ask::Corpus;
use myo_ask::embed::{Embedder, Vector};
use myo_ask::eval::EvalSet;
use myo_ask::head::raise;
use myo_ask::triage::{Tier, Triage};
use serde::Deserialize;

use crate::fit::Fitted;

type Error = Box<dyn std::error::Error>;

/// Also train on the rules' own trigger phrases. Off: cross-validation showed the short phrase
/// fragments lower recall on whole-sentence reports (exemplar recall 29 % -> 22 % for the
/// emergency tier, 47 % -> 25 % for urgent-or-above).
const USE_PHRASES: bool = false;

/// Where a sentence came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// An exemplar of a red-flag rule of this tier.
    Rule(Tier),
    /// A trigger phrase of a red-flag rule of this tier (rules that need no extra context).
    Phrase(Tier),
    /// Hand-written must-not-alarm sentence.
    NotAlarm,
    /// Dev question set (not the triage section, never the holdout).
    Dev,
    /// Knowledge-base sentence outside the red flags.
    Kb,
}

impl Group {
    /// The negative sources whose false alarms are budgeted.
    pub const ALARM_SOURCES: [Group; 3] = [Group::NotAlarm, Group::Dev, Group::Kb];

    pub fn describe(self) -> String {
        match self {
            Group::Rule(t) => format!("{}-tier rule exemplars (exemplars.toml)", t.as_str()),
            Group::Phrase(t) => format!("{}-tier rule trigger phrases (kb/red-flags/)", t.as_str()),
            Group::NotAlarm => "must-not-alarm: exemplars.toml (negations, past events, definitions, relatives) and the rules' negation phrases".into(),
            Group::Dev => "dev questions (all sections but `[[triage]]`; no holdout)".into(),
            Group::Kb => "knowledge-base sentences outside kb/red-flags/ (rules silent)".into(),
        }
    }
}

/// One sentence and its embedding.
pub struct Sample {
    pub x: Vector,
    pub group: Group,
    key: u64,
}

#[derive(Deserialize)]
struct Exemplars {
    rule: Vec<RuleExamples>,
    not_alarm: NotAlarm,
}

#[derive(Deserialize)]
struct RuleExamples {
    id: String,
    tier: String,
    examples: Vec<String>,
}

#[derive(Deserialize)]
struct NotAlarm {
    examples: Vec<String>,
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Gather every sentence, deduplicated, embedded.
pub fn collect(embedder: &Embedder, root: &Path) -> Result<Vec<Sample>, Error> {
    let ex: Exemplars = toml::from_str(&std::fs::read_to_string(
        root.join("data/triage/exemplars.toml"),
    )?)?;
    let kb = myo_kb::Kb::builtin().map_err(|e| format!("{e:?}"))?;
    let rule_ids: HashSet<String> = kb
        .entries()
        .iter()
        .filter(|e| e.section == myo_kb::Section::RedFlags)
        .map(|e| e.id.clone())
        .collect();
    let mut texts: Vec<(String, Group)> = Vec::new();
    for r in &ex.rule {
        if !rule_ids.contains(&r.id) {
            return Err(format!("exemplars name an unknown red-flag rule {:?}", r.id).into());
        }
        let tier = Tier::parse(&r.tier).ok_or_else(|| format!("bad tier {:?}", r.tier))?;
        texts.extend(r.examples.iter().map(|t| (t.clone(), Group::Rule(tier))));
    }
    texts.extend(
        ex.not_alarm
            .examples
            .iter()
            .map(|t| (t.clone(), Group::NotAlarm)),
    );
    let set = EvalSet::builtin()?;
    let dev = set
        .retrieval
        .iter()
        .map(|c| &c.q)
        .chain(set.no_trigger.iter().map(|c| &c.q))
        .chain(set.refuse.iter().map(|c| &c.q))
        .chain(set.no_refuse.iter().map(|c| &c.q))
        .chain(set.off_topic.iter().map(|c| &c.q));
    texts.extend(dev.map(|q| (q.clone(), Group::Dev)));
    let rules = Corpus::from_kb(&kb).rules;
    for r in &rules {
        // A phrase that needs context (a fever needs an immunosuppressant) is no report alone.
        if USE_PHRASES && r.requires_any.is_empty() {
            texts.extend(r.phrases.iter().map(|p| (p.clone(), Group::Phrase(r.tier))));
        }
        texts.extend(r.negations.iter().map(|p| (p.clone(), Group::NotAlarm)));
    }
    let triage = Triage::new(rules);
    for e in kb.entries() {
        if e.section == myo_kb::Section::RedFlags {
            continue;
        }
        for s in kb_sentences(&e.title)
            .into_iter()
            .chain(kb_sentences(&e.summary))
            .chain(kb_sentences(&e.body))
        {
            // A sentence the phrase rules fire on is ambiguous ("if you can't breathe, call
            // 911"): it is neither a clean negative nor a report, so it is left out.
            if triage.check_all(&s).is_none() {
                texts.push((s, Group::Kb));
            }
        }
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (text, group) in texts {
        let key = text.trim().to_lowercase();
        if !seen.insert(key.clone()) {
            continue;
        }
        let x = embedder.embed(&text);
        if x.is_zero() {
            continue;
        }
        out.push(Sample {
            x,
            group,
            key: fnv(&key),
        });
    }
    Ok(out)
}

/// Plain sentences of a Markdown text: headings, tables and code dropped, emphasis and list
/// markers removed; 4 to 60 words.
fn kb_sentences(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in markdown.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.starts_with('|') || line.starts_with("```") {
            continue;
        }
        let line = line.trim_start_matches(['-', '*', '>', ' ']);
        let clean: String = line.replace("**", "").replace('`', "");
        for s in clean.split_inclusive(['.', '?', '!']) {
            let s = s.trim();
            let words = s.split_whitespace().count();
            if (4..=60).contains(&words) {
                out.push(s.to_string());
            }
        }
    }
    out
}

/// Sentence counts per group.
pub fn counts(samples: &[Sample]) -> Vec<(Group, usize)> {
    let mut m = BTreeMap::new();
    for s in samples {
        *m.entry(s.group).or_insert(0) += 1;
    }
    m.into_iter().collect()
}

/// Stratified fold of each sample: positives and negatives of each group are dealt round the
/// folds in a fixed pseudo-random order (a hash of the text), so the split is reproducible.
pub fn folds(samples: &[Sample], k: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..samples.len()).collect();
    order.sort_by_key(|&i| (samples[i].group, samples[i].key));
    let mut fold = vec![0; samples.len()];
    let mut next: BTreeMap<Group, usize> = BTreeMap::new();
    for i in order {
        let n = next.entry(samples[i].group).or_insert(0);
        fold[i] = *n % k;
        *n += 1;
    }
    fold
}

/// Sample weights: positives and negatives each have half the mass, split equally among their
/// source groups, each spread evenly over its sentences.
pub fn weights(samples: &[Sample], labels: &[bool]) -> Vec<f64> {
    let mut per: BTreeMap<(bool, Group), usize> = BTreeMap::new();
    for (s, &y) in samples.iter().zip(labels) {
        *per.entry((y, s.group)).or_insert(0) += 1;
    }
    let groups = |label: bool| per.keys().filter(|(y, _)| *y == label).count() as f64;
    let (pos_groups, neg_groups) = (groups(true), groups(false));
    samples
        .iter()
        .zip(labels)
        .map(|(s, &y)| {
            let n = if y { pos_groups } else { neg_groups };
            0.5 / n / per[&(y, s.group)] as f64
        })
        .collect()
}

/// How the final head does on the dev `[[triage]]` questions, which it was not trained on:
/// alone, and combined with the phrase rules.
pub fn dev_triage_report(
    embedder: &Embedder,
    root: &Path,
    heads: Vec<(&'static str, &Fitted, f64)>,
) -> Result<String, Error> {
    let _ = root;
    let set = EvalSet::builtin()?;
    let kb = myo_kb::Kb::builtin().map_err(|e| format!("{e:?}"))?;
    let triage = Triage::new(Corpus::from_kb(&kb).rules);
    let classify = |text: &str| -> Option<Tier> {
        let x = embedder.embed(text);
        if x.is_zero() {
            return None;
        }
        let mut tier = None;
        for (name, f, th) in &heads {
            if f.probability(&x) >= *th {
                let t = if *name == "emergency" {
                    Tier::Emergency
                } else {
                    Tier::Urgent
                };
                tier = tier.max(Some(t));
            }
        }
        tier
    };
    let (mut head_ok, mut rule_ok, mut both_ok, mut rescued) = (0, 0, 0, Vec::new());
    for c in &set.triage {
        let want = Tier::parse(&c.tier).ok_or("bad tier in the question set")?;
        let head = classify(&c.q);
        let rule = triage.check_all(&c.q).map(|h| h.tier);
        head_ok += usize::from(head >= Some(want));
        rule_ok += usize::from(rule >= Some(want));
        both_ok += usize::from(raise(rule, head) >= Some(want));
        if rule < Some(want) && head >= Some(want) {
            rescued.push(c.q.clone());
        }
    }
    let n = set.triage.len();
    let no_trigger_fired = set
        .no_trigger
        .iter()
        .filter(|c| classify(&c.q).is_some())
        .count();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n## Dev `[[triage]]` questions (not trained on), final weights\n\n\
         | | at or above the expected tier |\n|---|---:|\n\
         | head alone | {head_ok}/{n} |\n| phrase rules alone | {rule_ok}/{n} |\n\
         | rules raised by the head | {both_ok}/{n} |\n\n\
         Questions the head rescues from the rules: {}.\n\n\
         Dev `[[no_trigger]]` questions the final head fires on (trained on as negatives): \
         {no_trigger_fired}/{}.",
        rescued.len(),
        set.no_trigger.len()
    );
    for q in rescued.iter().take(10) {
        let _ = writeln!(out, "- {q}");
    }
    Ok(out)
}
