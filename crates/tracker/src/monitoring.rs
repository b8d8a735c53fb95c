//! Monitoring due: which tests each medicine needs and when, from the versioned rules in
//! `rules/monitoring.toml`. Every item carries its rule's source, date and status.

use crate::date::Date;
use crate::rules::{Applies, MonitoringRule, Rules, SourceRef, Status};

/// Tests the monitoring rules can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TestKind {
    /// Full blood count.
    FullBloodCount,
    /// Liver tests.
    LiverTests,
    /// Kidney function (creatinine, eGFR).
    KidneyFunction,
    /// TPMT enzyme or gene test.
    Tpmt,
    /// Blood pressure.
    BloodPressure,
    /// Blood glucose.
    Glucose,
    /// Hepatitis B tests.
    HepatitisB,
    /// Immunoglobulin levels.
    Immunoglobulins,
    /// Cholesterol / lipids.
    Lipids,
    /// Retinal (eye) screening.
    EyeScreening,
}

impl TestKind {
    /// All tests.
    pub const ALL: [TestKind; 10] = [
        TestKind::FullBloodCount,
        TestKind::LiverTests,
        TestKind::KidneyFunction,
        TestKind::Tpmt,
        TestKind::BloodPressure,
        TestKind::Glucose,
        TestKind::HepatitisB,
        TestKind::Immunoglobulins,
        TestKind::Lipids,
        TestKind::EyeScreening,
    ];

    /// Stable id (as in the rules file).
    pub fn id(self) -> &'static str {
        [
            "full_blood_count",
            "liver_tests",
            "kidney_function",
            "tpmt",
            "blood_pressure",
            "glucose",
            "hepatitis_b",
            "immunoglobulins",
            "lipids",
            "eye_screening",
        ][self as usize]
    }

    /// Everyday label.
    pub fn label(self) -> &'static str {
        [
            "full blood count",
            "liver tests",
            "kidney function",
            "TPMT test",
            "blood pressure",
            "blood sugar",
            "hepatitis B tests",
            "immunoglobulin levels",
            "cholesterol (lipids)",
            "eye screening",
        ][self as usize]
    }
}

/// One medicine as monitoring sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitoredMedicine<'a> {
    /// Lowercase generic name (matched against the rules).
    pub generic_name: &'a str,
    /// First day taken.
    pub start: Date,
    /// Day stopped, if stopped.
    pub stopped: Option<Date>,
    /// The person has risk factors recorded for this medicine (e.g. hydroxychloroquine
    /// retinopathy risk factors).
    pub risk_factors: bool,
}

/// Whether an item is done, upcoming, due soon or overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DueState {
    /// Overdue: the due date has passed with no result.
    Overdue,
    /// Due within the rules' `due_soon_days`.
    DueSoon,
    /// Due later.
    Upcoming,
    /// A one-off test already done.
    Done,
}

/// Baseline (before or at the start) or a repeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueKind {
    /// Needed before starting (or within the rule's window after).
    Baseline,
    /// A repeat test while taking the medicine.
    Repeat,
}

/// One computed monitoring item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    /// The medicine (generic name).
    pub medicine: String,
    /// The test.
    pub test: TestKind,
    /// Baseline or repeat.
    pub kind: DueKind,
    /// Due date (for `Done`: the date of the result).
    pub due: Date,
    /// State on `today`.
    pub state: DueState,
    /// Days overdue (0 unless overdue).
    pub days_overdue: i32,
    /// Rule id.
    pub rule_id: String,
    /// Rule status.
    pub status: Status,
    /// Rule date.
    pub rule_date: Date,
    /// Rule sources.
    pub sources: Vec<SourceRef>,
    /// Product anchor the interval was read from.
    pub reference: String,
    /// Plain-words explanation (English).
    pub explanation: String,
    /// Why the test is due, as data, so a caller can say it in another language.
    pub reason: Reason,
}

/// Why a monitoring test is due (the parts of [`DueItem::explanation`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A baseline test is needed within this many days of starting (0 = before starting).
    Baseline {
        /// Days after the start.
        within_days: i32,
    },
    /// Done on [`DueItem::due`]; no repeat is scheduled.
    DoneNoRepeat,
    /// A repeat every so many weeks at this stage, after the last result if any.
    Repeat {
        /// Interval in weeks.
        every_weeks: u32,
        /// The latest result.
        last: Option<Date>,
    },
}

/// Computes due/overdue items for the given medicines. `last_result(test)` returns the date of
/// the latest result of that test on or before `today`, or `None`.
pub fn due_items(
    rules: &Rules,
    medicines: &[MonitoredMedicine<'_>],
    today: Date,
    last_result: &dyn Fn(TestKind) -> Option<Date>,
) -> Vec<DueItem> {
    let mon = &rules.monitoring;
    let mut items = Vec::new();
    for med in medicines {
        if med.stopped.is_some_and(|s| s <= today) {
            continue;
        }
        let name = med.generic_name.trim().to_lowercase();
        for rule in mon.rules.iter().filter(|r| {
            r.drugs.contains(&name)
                && match r.applies {
                    Applies::Always => true,
                    Applies::WithRiskFactors => med.risk_factors,
                    Applies::WithoutRiskFactors => !med.risk_factors,
                }
        }) {
            items.push(item(rules, rule, med, &name, today, last_result(rule.test)));
        }
    }
    items.sort_by(|a, b| (a.state, a.due, &a.rule_id).cmp(&(b.state, b.due, &b.rule_id)));
    items
}

fn item(
    rules: &Rules,
    rule: &MonitoringRule,
    med: &MonitoredMedicine<'_>,
    name: &str,
    today: Date,
    last: Option<Date>,
) -> DueItem {
    let mon = &rules.monitoring;
    let last = last.filter(|d| *d <= today);
    let baseline_ok = last.is_some_and(|d| d >= med.start.add_days(-mon.baseline_lookback_days));
    let (kind, due, why, reason) = if rule.baseline && !baseline_ok {
        let due = med.start.add_days(rule.baseline_within_days);
        let when = if rule.baseline_within_days == 0 {
            "before starting".to_owned()
        } else {
            format!("within {} days of starting", rule.baseline_within_days)
        };
        (
            DueKind::Baseline,
            due,
            format!("a baseline {} is needed {when}", rule.test.label()),
            Reason::Baseline {
                within_days: rule.baseline_within_days,
            },
        )
    } else if let Some(done) = last.filter(|_| rule.phases.is_empty()) {
        let text = format!(
            "{} done on {done}; no repeat is scheduled",
            rule.test.label()
        );
        return finish(
            rule,
            name,
            (DueKind::Baseline, done, DueState::Done, 0),
            text,
            Reason::DoneNoRepeat,
        );
    } else {
        let (due, every) = next_due(rule, med.start, last);
        (
            DueKind::Repeat,
            due,
            format!(
                "{} every {every} weeks at this stage of treatment{}",
                rule.test.label(),
                last.map_or(String::new(), |l| format!("; last result {l}"))
            ),
            Reason::Repeat {
                every_weeks: every,
                last,
            },
        )
    };
    let left = today.days_until(due);
    let (state, overdue) = if left < 0 {
        (DueState::Overdue, -left)
    } else if left <= mon.due_soon_days {
        (DueState::DueSoon, 0)
    } else {
        (DueState::Upcoming, 0)
    };
    let text = match state {
        DueState::Overdue => format!("OVERDUE by {overdue} days (due {due}): {why}"),
        _ => format!("due {due}: {why}"),
    };
    finish(rule, name, (kind, due, state, overdue), text, reason)
}

/// Next due date after the last result (or after the start) and the interval in force.
fn next_due(rule: &MonitoringRule, start: Date, last: Option<Date>) -> (Date, u32) {
    let from = last.unwrap_or(start).max(start);
    let week = (start.days_until(from) / 7) as u32;
    match rule.phases.iter().rev().find(|p| p.from_week <= week) {
        Some(p) => (from.add_days(7 * p.every_weeks as i32), p.every_weeks),
        None => {
            // Before the first phase (e.g. hydroxychloroquine eyes before year 5): wait for it.
            let p = rule.phases[0];
            (start.add_days(7 * p.from_week as i32), p.every_weeks)
        }
    }
}

fn finish(
    rule: &MonitoringRule,
    name: &str,
    (kind, due, state, days_overdue): (DueKind, Date, DueState, i32),
    explanation: String,
    reason: Reason,
) -> DueItem {
    DueItem {
        medicine: name.to_owned(),
        test: rule.test,
        kind,
        due,
        state,
        days_overdue,
        rule_id: rule.id.clone(),
        status: rule.status,
        rule_date: rule.date,
        sources: rule.sources.clone(),
        reference: rule.reference.clone(),
        explanation,
        reason,
    }
}
