//! Flares: a rise above the person's own recent baseline, explained in words, and diary gaps.
//!
//! A day without an entry (or without that rating) is a gap, never a zero: baselines average
//! only recorded days and say how many there were. The thresholds are Myo's heuristic
//! (`rules/reference.toml` `[flare]`, status `partial`).

use std::collections::VecDeque;

use crate::date::Date;
use crate::labs::{Analyte, LabResult};
use crate::records::{DiaryEntry, Rating};
use crate::rules::{Rules, Status};

/// A diary rating that rose above its recent baseline (or fell, for sleep quality and mood).
#[derive(Debug, Clone, PartialEq)]
pub struct DiaryFlare {
    /// Day of the rating.
    pub date: Date,
    /// Which rating.
    pub rating: Rating,
    /// The rating that day.
    pub value: f64,
    /// Mean of the recorded baseline days.
    pub baseline_mean: f64,
    /// How many recorded days the baseline used.
    pub baseline_days: usize,
    /// Heuristic status.
    pub status: Status,
    /// Plain-words explanation.
    pub explanation: String,
}

/// A CK result that rose by more than the set factor over the previous one.
#[derive(Debug, Clone, PartialEq)]
pub struct CkRise {
    /// Date of the new result.
    pub date: Date,
    /// New value, U/L.
    pub value: f64,
    /// Previous value, U/L.
    pub previous: f64,
    /// Date of the previous value.
    pub previous_date: Date,
    /// Heuristic status.
    pub status: Status,
    /// Plain-words explanation.
    pub explanation: String,
}

/// Any flare signal.
#[derive(Debug, Clone, PartialEq)]
pub enum Flare {
    /// From the diary.
    Diary(DiaryFlare),
    /// From CK.
    Ck(CkRise),
}

impl Flare {
    /// Date of the signal.
    pub fn date(&self) -> Date {
        match self {
            Flare::Diary(f) => f.date,
            Flare::Ck(f) => f.date,
        }
    }

    /// Explanation in words.
    pub fn explanation(&self) -> &str {
        match self {
            Flare::Diary(f) => &f.explanation,
            Flare::Ck(f) => &f.explanation,
        }
    }
}

fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// Diary flares dated within `from..=to` (earlier entries still feed the baseline).
pub fn diary_flares(
    rules: &Rules,
    entries: &[DiaryEntry],
    from: Date,
    to: Date,
) -> Vec<DiaryFlare> {
    let rule = &rules.flare;
    let mut sorted: Vec<&DiaryEntry> = entries.iter().collect();
    sorted.sort_by_key(|e| e.date());
    let mut out = Vec::new();
    for rating in Rating::ALL {
        let mut recent: VecDeque<(Date, f64)> = VecDeque::with_capacity(rule.baseline_days + 1);
        for e in &sorted {
            let Some(v) = e.rating(rating) else { continue };
            let d = e.date();
            let window_start = d.add_days(-rule.lookback_days);
            let base: Vec<f64> = recent
                .iter()
                .filter(|(rd, _)| *rd >= window_start && *rd < d)
                .map(|(_, x)| *x)
                .collect();
            if d >= from && d <= to && base.len() >= rule.min_baseline_days {
                let mean = base.iter().sum::<f64>() / base.len() as f64;
                let rise = if rating.higher_is_worse() {
                    v - mean
                } else {
                    mean - v
                };
                if rise >= rule.rating_rise {
                    out.push(DiaryFlare {
                        date: d,
                        rating,
                        value: v,
                        baseline_mean: mean,
                        baseline_days: base.len(),
                        status: rule.status,
                        explanation: format!(
                            "{} {} on {d} vs {}-day average {} (average of the {} recorded days \
                             before it within {} days; {} by {} or more counts as a possible flare)",
                            rating.label(),
                            num(v),
                            base.len(),
                            num(mean),
                            base.len(),
                            rule.lookback_days,
                            if rating.higher_is_worse() { "a rise" } else { "a drop" },
                            num(rule.rating_rise),
                        ),
                    });
                }
            }
            if recent.len() == rule.baseline_days {
                recent.pop_front();
            }
            recent.push_back((d, v));
        }
    }
    out.sort_by_key(|f| (f.date, f.rating));
    out
}

/// CK rises by more than `ck_factor` over the previous CK, dated within `from..=to`. Results are
/// compared in U/L (converted with the cited factors; others are skipped).
pub fn ck_rises(rules: &Rules, labs: &[LabResult], from: Date, to: Date) -> Vec<CkRise> {
    let rule = &rules.flare;
    let unit = rules.analyte(Analyte::Ck).unit;
    let mut ck: Vec<(Date, f64)> = labs
        .iter()
        .filter(|l| l.analyte == Analyte::Ck)
        .filter_map(|l| l.in_unit(rules, unit).ok().map(|c| (c.date, c.value)))
        .collect();
    ck.sort_by_key(|a| a.0);
    ck.windows(2)
        .filter(|w| w[1].0 >= from && w[1].0 <= to && w[0].1 > 0.0)
        .filter(|w| w[1].1 > w[0].1 * rule.ck_factor)
        .map(|w| {
            let ((pd, pv), (d, v)) = (w[0], w[1]);
            CkRise {
                date: d,
                value: v,
                previous: pv,
                previous_date: pd,
                status: rule.status,
                explanation: format!(
                    "CK {} U/L on {d} is {} times the previous {} U/L on {pd} (more than {} times \
                     counts as a rise)",
                    num(v),
                    num(v / pv),
                    num(pv),
                    num(rule.ck_factor)
                ),
            }
        })
        .collect()
}

/// All flare signals in `from..=to`, by date.
pub fn flares(
    rules: &Rules,
    entries: &[DiaryEntry],
    labs: &[LabResult],
    from: Date,
    to: Date,
) -> Vec<Flare> {
    let mut all: Vec<Flare> = diary_flares(rules, entries, from, to)
        .into_iter()
        .map(Flare::Diary)
        .chain(ck_rises(rules, labs, from, to).into_iter().map(Flare::Ck))
        .collect();
    all.sort_by_key(Flare::date);
    all
}

/// Runs of days in `from..=to` with no diary entry, as (first, last) inclusive.
pub fn gaps(entries: &[DiaryEntry], from: Date, to: Date) -> Vec<(Date, Date)> {
    let mut days: Vec<Date> = entries
        .iter()
        .map(DiaryEntry::date)
        .filter(|d| *d >= from && *d <= to)
        .collect();
    days.sort();
    days.dedup();
    let mut out = Vec::new();
    let mut next = from;
    for d in days.into_iter().chain(std::iter::once(to.add_days(1))) {
        if d > next {
            out.push((next, d.add_days(-1)));
        }
        next = d.add_days(1);
    }
    out
}
