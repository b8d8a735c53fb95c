//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test file uses a different subset

use myo_tracker::{Date, LocalTime, Rules};

/// The embedded rules.
pub fn rules() -> Rules {
    Rules::builtin().expect("embedded rules parse")
}

/// A date from `YYYY-MM-DD`.
pub fn d(s: &str) -> Date {
    Date::parse("test", s).unwrap()
}

/// A local time.
pub fn t(h: u8, m: u8) -> LocalTime {
    LocalTime::new("test", h, m).unwrap()
}
