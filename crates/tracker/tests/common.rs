#![allow(dead_code)] // each test file uses a different subset

use myo_tracker::{Date, LocalTime, Rules};

pub fn rules() -> Rules {
    Rules::builtin().expect("embedded rules parse")
}

pub fn d(s: &str) -> Date {
    Date::parse("test", s).unwrap()
}

pub fn t(h: u8, m: u8) -> LocalTime {
    LocalTime::new("test", h, m).unwrap()
}
