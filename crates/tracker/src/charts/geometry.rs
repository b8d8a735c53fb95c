//! Chart geometry as pure functions: the time window that fits the data, and date ticks that
//! suit the span (days, weeks, months or years) without crowding a phone-width plot.

use crate::date::Date;

/// The narrowest window drawn, in days: one value is shown in the middle of a week.
pub const MIN_SPAN_DAYS: i32 = 6;

/// How the time window is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Fit the values recorded between `from` and `to` (slightly padded, at least a week), so
    /// that a month of data fills the plot however long the look-back is.
    Fit,
    /// Show exactly `from..=to` (a range the person picked).
    Fixed,
}

/// The days drawn: from the first value to the last, padded by about 3 % of the span (at least a
/// day) and widened to at least a week around the middle, kept inside `from..=to`.
/// `None` when no date falls inside `from..=to`.
pub fn fit_window(
    dates: impl IntoIterator<Item = Date>,
    from: Date,
    to: Date,
) -> Option<(Date, Date)> {
    let (mut lo, mut hi) = (None::<Date>, None::<Date>);
    for d in dates.into_iter().filter(|d| *d >= from && *d <= to) {
        lo = Some(lo.map_or(d, |l| l.min(d)));
        hi = Some(hi.map_or(d, |h| h.max(d)));
    }
    let (lo, hi) = (lo?, hi?);
    let span = lo.days_until(hi);
    let pad = ((f64::from(span) * 0.03).round() as i32).max(1);
    let (mut a, mut b) = (lo.add_days(-pad), hi.add_days(pad));
    let short = MIN_SPAN_DAYS - a.days_until(b);
    if short > 0 {
        a = a.add_days(-(short / 2));
        b = b.add_days(short - short / 2);
    }
    // Keep inside the allowed range; a window cut short there grows on its other side.
    (a, b) = (a.max(from), b.min(to));
    let short = MIN_SPAN_DAYS - a.days_until(b);
    if short > 0 {
        if a == from {
            b = b.add_days(short).min(to);
        } else {
            a = a.add_days(-short).max(from);
        }
    }
    Some((a, b))
}

/// Spacing between date ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Every `n` days.
    Days(i32),
    /// Every `n` weeks, on Mondays.
    Weeks(i32),
    /// Every `n` months, on the 1st (months 1, 1 + n, …).
    Months(u32),
    /// Every `n` years, on 1 January (years divisible by `n`).
    Years(i32),
}

const STEPS: [Step; 13] = [
    Step::Days(1),
    Step::Days(2),
    Step::Days(3),
    Step::Weeks(1),
    Step::Weeks(2),
    Step::Months(1),
    Step::Months(2),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
];

/// One date tick: its day, its label ("3 Mar", "Mar" or "2026") and, on the first tick and where
/// the year changes, the year written under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    /// The day.
    pub date: Date,
    /// Main label.
    pub label: String,
    /// Year line under the label (not for yearly ticks).
    pub year: Option<i32>,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The English short month name (1 = "Jan").
pub fn month_name(m: u32) -> &'static str {
    MONTHS[(m.clamp(1, 12) - 1) as usize]
}

fn first_of_month(y: i32, m: u32) -> Option<Date> {
    Date::new("tick", y, m, 1).ok()
}

/// Tick days for `step` within `from..=to`.
pub fn tick_dates(step: Step, from: Date, to: Date) -> Vec<Date> {
    let mut out = Vec::new();
    match step {
        Step::Days(n) => {
            let mut d = from;
            while d <= to {
                out.push(d);
                d = d.add_days(n);
            }
        }
        Step::Weeks(n) => {
            // Mondays: 1970-01-05 was one.
            let mut d = from.add_days((4 - from.days_since_epoch()).rem_euclid(7));
            while d <= to {
                out.push(d);
                d = d.add_days(7 * n);
            }
        }
        Step::Months(n) => {
            let (mut y, mut m, _) = from.ymd();
            while let Some(d) = first_of_month(y, m).filter(|d| *d <= to) {
                if d >= from && (m - 1) % n == 0 {
                    out.push(d);
                }
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
        }
        Step::Years(n) => {
            let (mut y, _, _) = from.ymd();
            while let Some(d) = first_of_month(y, 1).filter(|d| *d <= to) {
                if d >= from && y.rem_euclid(n) == 0 {
                    out.push(d);
                }
                y += 1;
            }
        }
    }
    out
}

/// Characters in a step's widest label ("30 Sep", "Sep", "2026").
fn label_chars(step: Step) -> f64 {
    match step {
        Step::Days(_) | Step::Weeks(_) => 6.0,
        Step::Months(_) => 3.0,
        Step::Years(_) => 4.0,
    }
}

/// The finest step whose labels fit `width` user units at `char_width` per character (with a
/// gap between labels), never fewer than two ticks when the span allows.
pub fn choose_step(from: Date, to: Date, width: f64, char_width: f64) -> Step {
    for step in STEPS {
        let n = tick_dates(step, from, to).len();
        let room = (label_chars(step) + 1.0) * char_width;
        if n >= 1 && (n as f64) * room <= width {
            return step;
        }
    }
    Step::Years(10)
}

/// Ticks with English labels for `from..=to` on a plot `width` units wide.
pub fn ticks(from: Date, to: Date, width: f64, char_width: f64) -> (Step, Vec<Tick>) {
    ticks_in(from, to, width, char_width, &|m| month_name(m).to_owned())
}

/// Ticks for `from..=to` with the month names `month` gives (1 = January).
pub fn ticks_in(
    from: Date,
    to: Date,
    width: f64,
    char_width: f64,
    month: &dyn Fn(u32) -> String,
) -> (Step, Vec<Tick>) {
    let step = choose_step(from, to, width, char_width);
    let mut last_year = None;
    let ticks = tick_dates(step, from, to)
        .into_iter()
        .map(|date| {
            let (y, m, d) = date.ymd();
            let label = match step {
                Step::Days(_) | Step::Weeks(_) => format!("{d} {}", month(m)),
                Step::Months(_) => month(m),
                Step::Years(_) => y.to_string(),
            };
            let year = match step {
                Step::Years(_) => None,
                _ if last_year == Some(y) => None,
                _ => Some(y),
            };
            last_year = Some(y);
            Tick { date, label, year }
        })
        .collect();
    (step, ticks)
}

/// Splits sorted points into runs joined by lines: a run breaks where two recorded points are
/// more than `max_gap` days apart.
pub fn segments<T: Copy>(points: &[(Date, T)], max_gap: Option<i32>) -> Vec<&[(Date, T)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=points.len() {
        let brk = i == points.len()
            || max_gap.is_some_and(|g| points[i - 1].0.days_until(points[i].0) > g);
        if brk {
            out.push(&points[start..i]);
            start = i;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse("test", s).unwrap()
    }

    /// The plot's width and the character width the renderer uses.
    const PLOT: f64 = 304.0;
    const CH: f64 = 8.4;

    #[test]
    fn one_day_of_data_sits_in_the_middle_of_a_week() {
        let w = fit_window([d("2026-03-10")], d("2024-03-10"), d("2026-06-01")).unwrap();
        assert_eq!(w, (d("2026-03-07"), d("2026-03-13")));
        // At the end of the allowed range the week slides back instead of shrinking.
        let w = fit_window([d("2026-03-10")], d("2024-03-10"), d("2026-03-10")).unwrap();
        assert_eq!(w, (d("2026-03-04"), d("2026-03-10")));
    }

    #[test]
    fn a_month_of_data_fills_a_two_year_look_back() {
        let dates = (0..30).map(|i| d("2026-02-01").add_days(i));
        let (a, b) = fit_window(dates, d("2024-03-03"), d("2026-03-02")).unwrap();
        assert_eq!((a, b), (d("2026-01-31"), d("2026-03-02")));
        // The data (29 days) covers more than 90 % of the window.
        assert!(f64::from(29) / f64::from(a.days_until(b)) > 0.9);
    }

    #[test]
    fn two_years_of_data_are_padded_by_about_three_percent() {
        let dates = [d("2024-01-01"), d("2025-06-30"), d("2025-12-31")];
        let (a, b) = fit_window(dates, d("2020-01-01"), d("2030-01-01")).unwrap();
        assert_eq!((a, b), (d("2023-12-10"), d("2026-01-22")));
    }

    #[test]
    fn no_data_in_range_has_no_window() {
        assert_eq!(fit_window([], d("2026-01-01"), d("2026-02-01")), None);
        assert_eq!(
            fit_window([d("2025-01-01")], d("2026-01-01"), d("2026-02-01")),
            None
        );
    }

    #[test]
    fn ticks_follow_the_span() {
        let (s, t) = ticks(d("2026-03-07"), d("2026-03-13"), PLOT, CH);
        assert_eq!(s, Step::Days(2));
        assert_eq!(t[0].label, "7 Mar");
        assert_eq!(t[0].year, Some(2026));
        assert_eq!(t[1].year, None);
        let (s, t) = ticks(d("2026-03-01"), d("2026-03-14"), PLOT, CH);
        assert_eq!(s, Step::Days(3));
        assert_eq!(t.len(), 5);
        let (s, t) = ticks(d("2026-01-31"), d("2026-03-02"), PLOT, CH);
        assert_eq!(s, Step::Weeks(1));
        assert!(t.iter().all(|k| k.date.weekday().as_str() == "monday"));
        assert_eq!(t[0].label, "2 Feb");
        let (s, t) = ticks(d("2023-12-10"), d("2026-01-22"), PLOT, CH);
        assert_eq!(s, Step::Months(3));
        assert_eq!(t[0].label, "Jan");
        assert_eq!(t[0].year, Some(2024));
        assert_eq!(t[4].label, "Jan");
        assert_eq!(t[4].year, Some(2025));
        let (s, t) = ticks(d("2010-05-01"), d("2026-01-22"), PLOT, CH);
        assert_eq!(s, Step::Years(5));
        assert_eq!(
            t.iter().map(|k| k.label.as_str()).collect::<Vec<_>>(),
            ["2015", "2020", "2025"]
        );
        assert!(t.iter().all(|k| k.year.is_none()));
    }

    #[test]
    fn ticks_never_crowd_the_plot() {
        let from = d("2020-01-01");
        for span in [1, 6, 13, 30, 45, 90, 180, 365, 400, 730, 1825, 4000] {
            let to = from.add_days(span);
            let (s, t) = ticks(from, to, PLOT, CH);
            let room = (label_chars(s) + 1.0) * CH;
            assert!(
                t.len() as f64 * room <= PLOT,
                "{span} days: {s:?} {}",
                t.len()
            );
            assert!(!t.is_empty(), "{span} days: no tick");
        }
    }

    #[test]
    fn runs_break_at_gaps() {
        let p = [
            (d("2026-03-01"), 1),
            (d("2026-03-02"), 2),
            (d("2026-03-05"), 3),
        ];
        let s = segments(&p, Some(1));
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].len(), 1);
        assert_eq!(segments(&p, None).len(), 1);
        assert!(segments::<i32>(&[], None).is_empty());
    }
}
