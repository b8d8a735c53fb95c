//! A small civil (calendar) date and local clock time, with no time zone.
//!
//! Records are dated by the calendar day the person lived them, so a plain civil date is the
//! right type; only schedule expansion needs a time zone (see [`crate::schedule`]).

use std::fmt;

use crate::error::{Invalid, Worded};

/// A proleptic Gregorian calendar date, stored as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// Day of the week, Monday first (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// All days, Monday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// English name, lowercase (`monday`).
    pub fn as_str(self) -> &'static str {
        [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ][self as usize]
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// Builds a date; `field` names the input in the error.
    pub fn new(field: &str, year: i32, month: u32, day: u32) -> Result<Date, Invalid> {
        if !(1900..=2200).contains(&year) {
            return Err(Invalid::new(field, format!("year {year}"), "1900 to 2200")
                .with(Worded::new("invalid-year").text("year", year.to_string())));
        }
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return Err(Invalid::new(
                field,
                format!("{year}-{month:02}-{day:02} is not a calendar date"),
                "a real calendar date",
            )
            .with(
                Worded::new("invalid-not-calendar-date")
                    .text("text", format!("{year}-{month:02}-{day:02}")),
            ));
        }
        Ok(Date(days_from_civil(year, month, day)))
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(field: &str, s: &str) -> Result<Date, Invalid> {
        let bad = || {
            Invalid::new(field, format!("'{s}' is not a date"), "YYYY-MM-DD").worded(
                "invalid-not-a-date",
                vec![("text", crate::error::WordedValue::Text(s.to_owned()))],
            )
        };
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let digits = b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !digits {
            return Err(bad());
        }
        let y = s[0..4].parse().map_err(|_| bad())?;
        let m = s[5..7].parse().map_err(|_| bad())?;
        let d = s[8..10].parse().map_err(|_| bad())?;
        Date::new(field, y, m, d)
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i32 {
        self.0
    }

    /// The date `n` days later (earlier if negative).
    pub fn add_days(self, n: i32) -> Date {
        Date(self.0 + n)
    }

    /// Days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i32 {
        later.0 - self.0
    }

    /// (year, month, day).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// Day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3).
        Weekday::ALL[(self.0 + 3).rem_euclid(7) as usize]
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

// Howard Hinnant's civil-date algorithms (public domain), exact for the proleptic calendar.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

/// A local wall-clock time (hour, minute), as a person reads it at home.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime {
    hour: u8,
    minute: u8,
}

impl LocalTime {
    /// Builds a time; `field` names the input in the error.
    pub fn new(field: &str, hour: u8, minute: u8) -> Result<LocalTime, Invalid> {
        if hour > 23 || minute > 59 {
            return Err(Invalid::new(
                field,
                format!("{hour:02}:{minute:02} is not a clock time"),
                "00:00 to 23:59",
            )
            .with(
                Worded::new("invalid-clock-time").text("text", format!("{hour:02}:{minute:02}")),
            ));
        }
        Ok(LocalTime { hour, minute })
    }

    /// Hour, 0–23.
    pub fn hour(self) -> u8 {
        self.hour
    }

    /// Minute, 0–59.
    pub fn minute(self) -> u8 {
        self.minute
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_weekdays() {
        let d = Date::parse("d", "2024-02-29").unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
        assert_eq!(d.weekday(), Weekday::Thursday);
        assert_eq!(d.add_days(1).to_string(), "2024-03-01");
        assert_eq!(
            Date::parse("d", "1970-01-01").unwrap().days_since_epoch(),
            0
        );
        for n in -40_000..40_000 {
            let (y, m, day) = Date(n).ymd();
            assert_eq!(Date::new("d", y, m, day).map(|x| x.0).unwrap_or(n), n);
        }
    }

    #[test]
    fn rejects_bad_dates_naming_the_field() {
        let e = Date::parse("diary.date", "2023-02-29").unwrap_err();
        assert_eq!(e.field, "diary.date");
        assert!(Date::parse("d", "2023-2-01").is_err());
        assert!(Date::parse("d", "2023-0a-01").is_err());
        assert!(LocalTime::new("t", 24, 0).is_err());
    }
}
