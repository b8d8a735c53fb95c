//! Medicines over time: dose changes, tapers, stopping and restarting, and the dose in force on
//! any date.
//!
//! A dose change never rewrites a medicine: the record in force ends the day before the change
//! and a new record starts with the new dose, so every earlier dose stays as it was. Records of
//! the same ingredient (or, without one, the same name) form one *course*; the dose in force on
//! a date is the one of the course's record covering that date, a taper's step on that date, or
//! none (not taken that day). Every new record goes through [`Medicine::accept`] again, so the
//! weekly-only methotrexate guard and the caller's dose checks apply to every change.

use crate::date::Date;
use crate::error::{Invalid, Worded};
use crate::medicines::{Dose, Medicine, MedicineInput, Schedule};

/// Longest reason kept for a stop (characters).
pub const REASON_MAX: usize = 2000;

/// The dose of one medicine record in force on `date`: its dose while it runs, a taper's step
/// dose on that day, `None` before its start, after its end or after a taper's last step.
pub fn dose_in_force(m: &Medicine, date: Date) -> Option<Dose> {
    let i = m.input();
    if date < i.start || i.end.is_some_and(|e| date > e) {
        return None;
    }
    match &i.schedule {
        Schedule::Taper { steps, .. } => {
            let mut at = i.start;
            for s in steps {
                let next = at.add_days(i32::try_from(s.days).unwrap_or(i32::MAX));
                if date < next {
                    return Some(s.dose);
                }
                at = next;
            }
            None
        }
        _ => Some(i.dose),
    }
}

/// The key that groups records into one course: the ingredient, else the lowercase name.
pub fn course_key(m: &Medicine) -> String {
    m.generic_key()
        .map_or_else(|| m.input().name.trim().to_lowercase(), str::to_owned)
}

/// One medicine over time: its records (same ingredient or name), oldest first.
#[derive(Debug, Clone)]
pub struct Course<'m> {
    /// The grouping key ([`course_key`]).
    pub key: String,
    /// The records, by start date.
    pub records: Vec<&'m Medicine>,
}

impl<'m> Course<'m> {
    /// The name of the latest record (what the person calls it now).
    pub fn name(&self) -> &str {
        self.records.last().map_or("", |m| m.input().name.as_str())
    }

    /// The dose in force on `date` and the record it comes from; `None` if not taken that day.
    pub fn dose_on(&self, date: Date) -> Option<(Dose, &'m Medicine)> {
        self.records
            .iter()
            .rev()
            .find_map(|m| dose_in_force(m, date).map(|d| (d, *m)))
    }

    /// Each day in `from..=to` on which the dose in force changes (including `from` itself),
    /// with the dose from that day (`None` = not taken from that day).
    pub fn changes(&self, from: Date, to: Date) -> Vec<(Date, Option<Dose>)> {
        let mut out: Vec<(Date, Option<Dose>)> = Vec::new();
        for d in self.boundaries(from, to) {
            let dose = self.dose_on(d).map(|(x, _)| x);
            if out.last().is_none_or(|(_, prev)| *prev != dose) {
                out.push((d, dose));
            }
        }
        out
    }

    /// The course over `from..=to` as consecutive periods that cover every day of the range,
    /// each with the dose in force on every one of its days: a new period starts whenever the
    /// dose, the record it comes from (so its schedule) or a taper's step changes.
    pub fn periods(&self, from: Date, to: Date) -> Vec<DosePeriod<'m>> {
        let mut out: Vec<DosePeriod<'m>> = Vec::new();
        for d in self.boundaries(from, to) {
            let on = self.dose_on(d);
            let step = on.and_then(|(_, m)| taper_step(m, d));
            let same = out.last().is_some_and(|p| {
                p.dose == on.map(|(x, _)| x)
                    && p.record.map(std::ptr::from_ref) == on.map(|(_, m)| std::ptr::from_ref(m))
                    && p.step == step
            });
            if same {
                continue;
            }
            if let Some(p) = out.last_mut() {
                p.to = d.add_days(-1);
            }
            out.push(DosePeriod {
                from: d,
                to,
                dose: on.map(|(x, _)| x),
                record: on.map(|(_, m)| m),
                step,
            });
        }
        out
    }

    /// `from`, and each day in `from..=to` on which a record starts, ends (the day after) or
    /// a taper moves to its next step, in order.
    fn boundaries(&self, from: Date, to: Date) -> Vec<Date> {
        let mut days = vec![from];
        for m in &self.records {
            let i = m.input();
            days.push(i.start);
            if let Some(e) = i.end {
                days.push(e.add_days(1));
            }
            if let Schedule::Taper { steps, .. } = &i.schedule {
                let mut at = i.start;
                for s in steps {
                    at = at.add_days(i32::try_from(s.days).unwrap_or(i32::MAX));
                    days.push(at);
                }
            }
        }
        days.retain(|d| *d >= from && *d <= to);
        days.sort();
        days.dedup();
        days
    }
}

/// Days `from..=to` of a course with one dose in force throughout.
#[derive(Debug, Clone, PartialEq)]
pub struct DosePeriod<'m> {
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
    /// The dose in force (`None`: not taken).
    pub dose: Option<Dose>,
    /// The record it comes from (its name, route and schedule).
    pub record: Option<&'m Medicine>,
    /// For a taper: the step (counted from 1) and how many steps there are.
    pub step: Option<(usize, usize)>,
}

/// The taper step of `m` in force on `date` (counted from 1) and the number of steps.
fn taper_step(m: &Medicine, date: Date) -> Option<(usize, usize)> {
    let i = m.input();
    let Schedule::Taper { steps, .. } = &i.schedule else {
        return None;
    };
    let mut at = i.start;
    for (k, s) in steps.iter().enumerate() {
        at = at.add_days(i32::try_from(s.days).unwrap_or(i32::MAX));
        if date < at {
            return Some((k + 1, steps.len()));
        }
    }
    None
}

/// The patient's medicines grouped into courses, in order of first start.
pub fn courses(meds: &[Medicine]) -> Vec<Course<'_>> {
    let mut out: Vec<Course<'_>> = Vec::new();
    let mut sorted: Vec<&Medicine> = meds.iter().collect();
    sorted.sort_by_key(|m| m.input().start);
    for m in sorted {
        let key = course_key(m);
        match out.iter_mut().find(|c| c.key == key) {
            Some(c) => c.records.push(m),
            None => out.push(Course {
                key,
                records: vec![m],
            }),
        }
    }
    out
}

/// A dose change: the record in force ends the day before `from`, and a new one with `dose`
/// starts on `from` (same name, route and schedule; a taper is replaced by a daily dose).
/// Returns (the ended record, the new record), both to be accepted again by the caller.
pub fn change_dose(
    old: &MedicineInput,
    dose: Dose,
    from: Date,
) -> Result<(MedicineInput, MedicineInput), Invalid> {
    if from <= old.start {
        return Err(Invalid::new(
            "from",
            format!("{from} is not after the start {}", old.start),
            "a day after the medicine started (to correct the first dose, edit it instead)",
        )
        .with(
            Worded::new("invalid-change-not-after-start")
                .date("from", from)
                .date("start", old.start),
        ));
    }
    if let Some(end) = old.end.filter(|e| from > *e) {
        return Err(Invalid::new(
            "from",
            format!("{from} is after it stopped on {end}"),
            "a day while it is taken (to take it again, restart it)",
        )
        .with(
            Worded::new("invalid-change-after-stop")
                .date("from", from)
                .date("end", end),
        ));
    }
    let ended = MedicineInput {
        end: Some(from.add_days(-1)),
        ..old.clone()
    };
    let schedule = match &old.schedule {
        Schedule::Taper { time, .. } => Schedule::Daily { time: *time },
        s => s.clone(),
    };
    let next = MedicineInput {
        dose,
        schedule,
        start: from,
        end: old.end,
        ..old.clone()
    };
    Ok((ended, next))
}

/// Stopping: the record ends on `last_day` with a reason (stopping is not deleting).
pub fn stop(old: &MedicineInput, last_day: Date, reason: &str) -> Result<MedicineInput, Invalid> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > REASON_MAX {
        return Err(Invalid::new(
            "reason",
            "empty or too long",
            format!("why it was stopped, 1 to {REASON_MAX} characters"),
        )
        .with(Worded::new("invalid-stop-reason").num("max", REASON_MAX)));
    }
    if last_day < old.start {
        return Err(Invalid::new(
            "last_day",
            format!("{last_day} is before the start {}", old.start),
            "on or after the day it started",
        )
        .with(
            Worded::new("invalid-last-day-before-start")
                .date("last", last_day)
                .date("start", old.start),
        ));
    }
    if let Some(end) = old.end.filter(|e| last_day > *e) {
        return Err(Invalid::new(
            "last_day",
            format!("{last_day} is after it already ended on {end}"),
            "on or before its current last day",
        )
        .with(
            Worded::new("invalid-last-day-after-end")
                .date("last", last_day)
                .date("end", end),
        ));
    }
    Ok(MedicineInput {
        end: Some(last_day),
        ..old.clone()
    })
}

/// Restarting a stopped medicine from `from` (after its last day), with its earlier dose or
/// `dose`; a taper restarts as a daily dose of its first step unless `dose` is given.
pub fn restart(
    old: &MedicineInput,
    from: Date,
    dose: Option<Dose>,
) -> Result<MedicineInput, Invalid> {
    let Some(end) = old.end else {
        return Err(Invalid::new(
            "from",
            "it has not been stopped",
            "stop it first, or change its dose",
        )
        .with(Worded::new("invalid-not-stopped")));
    };
    if from <= end {
        return Err(Invalid::new(
            "from",
            format!("{from} is not after it stopped on {end}"),
            "a day after its last day",
        )
        .with(
            Worded::new("invalid-restart-not-after-stop")
                .date("from", from)
                .date("end", end),
        ));
    }
    let (schedule, first) = match &old.schedule {
        Schedule::Taper { steps, time } => (
            Schedule::Daily { time: *time },
            steps.first().map_or(old.dose, |s| s.dose),
        ),
        s => (s.clone(), old.dose),
    };
    Ok(MedicineInput {
        dose: dose.unwrap_or(first),
        schedule,
        start: from,
        end: None,
        ..old.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::LocalTime;
    use crate::medicines::{DoseUnit, Route, TaperStep};
    use crate::rules::Rules;

    fn d(s: &str) -> Date {
        Date::parse("d", s).unwrap()
    }

    fn mg(amount: f64) -> Dose {
        Dose {
            amount,
            unit: DoseUnit::Mg,
        }
    }

    fn pred(dose: f64, start: &str, end: Option<&str>) -> MedicineInput {
        MedicineInput {
            name: "Prednisone".into(),
            generic_name: Some("prednisone".into()),
            rxcui: None,
            dose: mg(dose),
            route: Route::Oral,
            schedule: Schedule::Daily {
                time: LocalTime::new("t", 8, 0).unwrap(),
            },
            start: d(start),
            end: end.map(d),
        }
    }

    /// Prednisone 20 mg daily for 7 days, then 10 mg for 7 days, from `start`.
    fn taper_20_10(start: &str) -> MedicineInput {
        let mut t = pred(20.0, start, None);
        t.schedule = Schedule::Taper {
            steps: vec![
                TaperStep {
                    dose: mg(20.0),
                    days: 7,
                },
                TaperStep {
                    dose: mg(10.0),
                    days: 7,
                },
            ],
            time: LocalTime::new("t", 8, 0).unwrap(),
        };
        t
    }

    fn accept(i: MedicineInput) -> Medicine {
        Medicine::accept(&Rules::builtin().unwrap(), i)
            .unwrap()
            .medicine
    }

    #[test]
    fn two_dose_changes_keep_every_dose_on_its_dates() {
        let first = pred(40.0, "2026-01-01", None);
        let (a, b) = change_dose(&first, mg(30.0), d("2026-02-01")).unwrap();
        let (b, c) = change_dose(&b, mg(20.0), d("2026-03-01")).unwrap();
        let meds: Vec<Medicine> = [a, b, c].into_iter().map(accept).collect();
        let all = courses(&meds);
        assert_eq!(all.len(), 1);
        let course = &all[0];
        assert_eq!(course.dose_on(d("2025-12-31")), None);
        assert_eq!(course.dose_on(d("2026-01-01")).map(|x| x.0), Some(mg(40.0)));
        assert_eq!(course.dose_on(d("2026-01-31")).map(|x| x.0), Some(mg(40.0)));
        assert_eq!(course.dose_on(d("2026-02-01")).map(|x| x.0), Some(mg(30.0)));
        assert_eq!(course.dose_on(d("2026-02-28")).map(|x| x.0), Some(mg(30.0)));
        assert_eq!(course.dose_on(d("2026-03-01")).map(|x| x.0), Some(mg(20.0)));
        assert_eq!(course.dose_on(d("2027-01-01")).map(|x| x.0), Some(mg(20.0)));
        assert_eq!(
            course.changes(d("2026-01-15"), d("2026-03-15")),
            vec![
                (d("2026-01-15"), Some(mg(40.0))),
                (d("2026-02-01"), Some(mg(30.0))),
                (d("2026-03-01"), Some(mg(20.0))),
            ]
        );
    }

    #[test]
    fn a_taper_gives_each_step_on_its_days_then_nothing() {
        let t = taper_20_10("2026-01-01");
        let m = accept(t);
        assert_eq!(dose_in_force(&m, d("2026-01-07")), Some(mg(20.0)));
        assert_eq!(dose_in_force(&m, d("2026-01-08")), Some(mg(10.0)));
        assert_eq!(dose_in_force(&m, d("2026-01-14")), Some(mg(10.0)));
        assert_eq!(dose_in_force(&m, d("2026-01-15")), None);
    }

    #[test]
    fn periods_cover_the_range_with_each_taper_step_and_gap() {
        let t = taper_20_10("2026-01-01");
        let meds: Vec<Medicine> = [t, pred(5.0, "2026-01-20", None)]
            .into_iter()
            .map(accept)
            .collect();
        let c = &courses(&meds)[0];
        type Row = (Date, Date, Option<Dose>, Option<(usize, usize)>);
        let got: Vec<Row> = c
            .periods(d("2025-12-30"), d("2026-01-25"))
            .iter()
            .map(|p| (p.from, p.to, p.dose, p.step))
            .collect();
        assert_eq!(
            got,
            vec![
                (d("2025-12-30"), d("2025-12-31"), None, None),
                (
                    d("2026-01-01"),
                    d("2026-01-07"),
                    Some(mg(20.0)),
                    Some((1, 2))
                ),
                (
                    d("2026-01-08"),
                    d("2026-01-14"),
                    Some(mg(10.0)),
                    Some((2, 2))
                ),
                (d("2026-01-15"), d("2026-01-19"), None, None),
                (d("2026-01-20"), d("2026-01-25"), Some(mg(5.0)), None),
            ]
        );
        // The same dose from a new record (a new schedule) is a new period; `changes` keeps
        // only dose changes.
        let first = pred(15.0, "2026-01-01", Some("2026-01-31"));
        let mut weekly = pred(15.0, "2026-02-01", None);
        weekly.schedule = Schedule::Weekly {
            day: crate::date::Weekday::Friday,
            time: LocalTime::new("t", 8, 0).unwrap(),
        };
        let meds: Vec<Medicine> = [first, weekly].into_iter().map(accept).collect();
        let c = &courses(&meds)[0];
        assert_eq!(c.periods(d("2026-01-10"), d("2026-02-10")).len(), 2);
        assert_eq!(c.changes(d("2026-01-10"), d("2026-02-10")).len(), 1);
    }

    #[test]
    fn stop_and_restart_keep_the_gap() {
        let first = pred(10.0, "2026-01-01", None);
        let stopped = stop(&first, d("2026-01-31"), "side effects").unwrap();
        let again = restart(&stopped, d("2026-03-01"), Some(mg(5.0))).unwrap();
        let meds: Vec<Medicine> = [stopped.clone(), again].into_iter().map(accept).collect();
        let c = &courses(&meds)[0];
        assert_eq!(
            c.dose_on(d("2026-02-15")),
            None,
            "a stop is a gap, not a dose"
        );
        assert_eq!(c.dose_on(d("2026-03-01")).map(|x| x.0), Some(mg(5.0)));
        // Refusals name the field.
        assert_eq!(
            stop(&first, d("2026-01-31"), "  ").unwrap_err().field,
            "reason"
        );
        assert_eq!(
            stop(&first, d("2025-12-01"), "x").unwrap_err().field,
            "last_day"
        );
        assert_eq!(
            restart(&first, d("2026-03-01"), None).unwrap_err().field,
            "from"
        );
        assert_eq!(
            restart(&stopped, d("2026-01-31"), None).unwrap_err().field,
            "from"
        );
        assert_eq!(
            change_dose(&first, mg(5.0), d("2026-01-01"))
                .unwrap_err()
                .field,
            "from"
        );
        assert_eq!(
            change_dose(&stopped, mg(5.0), d("2026-02-01"))
                .unwrap_err()
                .field,
            "from"
        );
    }

    #[test]
    fn a_dose_change_of_methotrexate_still_meets_the_weekly_guard() {
        let rules = Rules::builtin().unwrap();
        let mut mtx = pred(15.0, "2026-01-02", None);
        mtx.name = "Metoject".into();
        mtx.generic_name = None;
        // Entered daily by mistake: the change is refused like a new entry.
        let (_, next) = change_dose(&mtx, mg(20.0), d("2026-02-01")).unwrap();
        let e = Medicine::accept(&rules, next).unwrap_err();
        assert_eq!(e.field, "schedule.kind");
    }
}
