//! A small iCalendar (RFC 5545) writer: content lines end in CRLF (§3.1), lines longer than 75
//! octets are folded with CRLF and one space without splitting a UTF-8 character (§3.1), and
//! TEXT values escape backslash, semicolon, comma and newlines (§3.3.11). Control characters,
//! which TEXT does not allow, are dropped. Only what the feed needs: properties with an
//! optional parameter, nested components.

/// The longest content line, in octets, before folding (§3.1).
const MAX_LINE: usize = 75;

/// A calendar being written.
#[derive(Debug, Default)]
pub struct Ics {
    out: String,
}

impl Ics {
    /// An empty document.
    pub fn new() -> Ics {
        Ics::default()
    }

    /// `BEGIN:NAME`.
    pub fn begin(&mut self, name: &str) -> &mut Ics {
        self.raw("BEGIN", name)
    }

    /// `END:NAME`.
    pub fn end(&mut self, name: &str) -> &mut Ics {
        self.raw("END", name)
    }

    /// A property whose value is already in its iCalendar form (dates, durations, codes).
    pub fn raw(&mut self, name: &str, value: &str) -> &mut Ics {
        self.line(&format!("{name}:{value}"));
        self
    }

    /// A TEXT property, escaped.
    pub fn text(&mut self, name: &str, value: &str) -> &mut Ics {
        self.line(&format!("{name}:{}", escape(value)));
        self
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }

    fn line(&mut self, line: &str) {
        fold_into(&mut self.out, line);
    }
}

/// Escapes a TEXT value (§3.3.11); other control characters are dropped.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets, each physical line ending in CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > MAX_LINE {
            out.push_str("\r\n ");
            // The leading space counts toward the next line's length.
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

/// A UTC date-time, `YYYYMMDDTHHMMSSZ`, from seconds since the epoch (the store's RFC 3339
/// rendering in iCalendar's basic format).
pub fn utc(unix_seconds: i64) -> String {
    let rfc = myo_store::Timestamp::from_millis(unix_seconds.saturating_mul(1000)).to_rfc3339();
    // `2026-03-29T01:30:00.000Z` → `20260329T013000Z`.
    let basic: String = rfc
        .chars()
        .take(19)
        .filter(|c| *c != '-' && *c != ':')
        .collect();
    format!("{basic}Z")
}

/// A DATE value, `YYYYMMDD`.
pub fn date(d: myo_tracker::Date) -> String {
    let (y, m, day) = d.ymd();
    format!("{y:04}{m:02}{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a;b,c\\d"), "a\\;b\\,c\\\\d");
        assert_eq!(
            escape("one\r\ntwo\nthree\rfour"),
            "one\\ntwo\\nthree\\nfour"
        );
        assert_eq!(escape("nul\0 bell\u{7} tab\t"), "nul bell tab");
        assert_eq!(escape("Prednisolone 10 mg"), "Prednisolone 10 mg");
    }

    #[test]
    fn every_line_ends_in_crlf_and_long_lines_fold_at_75_octets() {
        let mut ics = Ics::new();
        ics.begin("VCALENDAR")
            .text("SUMMARY", &"é".repeat(100))
            .text("DESCRIPTION", &"x".repeat(200))
            .end("VCALENDAR");
        let doc = ics.finish();
        assert!(doc.ends_with("END:VCALENDAR\r\n"));
        assert!(!doc.replace("\r\n", "").contains('\n'), "no bare LF");
        assert!(!doc.replace("\r\n", "").contains('\r'), "no bare CR");
        for line in doc.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        // Unfolding (remove CRLF + one space) gives the content back, characters intact.
        let unfolded = doc.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{}\r\n", "é".repeat(100))));
        assert!(unfolded.contains(&format!("DESCRIPTION:{}\r\n", "x".repeat(200))));
    }

    #[test]
    fn a_75_octet_line_is_not_folded_and_76_is() {
        let mut ics = Ics::new();
        ics.raw("X", &"a".repeat(73));
        assert_eq!(ics.finish().matches("\r\n").count(), 1);
        let mut ics = Ics::new();
        ics.raw("X", &"a".repeat(74));
        assert_eq!(ics.finish().matches("\r\n").count(), 2);
    }

    #[test]
    fn times_are_utc_and_dates_basic_format() {
        assert_eq!(utc(0), "19700101T000000Z");
        // 2026-03-29T01:30:00Z (the day clocks change in the EU).
        assert_eq!(utc(1_774_747_800), "20260329T013000Z");
        assert_eq!(utc(951_782_400), "20000229T000000Z");
        let d = myo_tracker::Date::parse("d", "2026-12-07").unwrap();
        assert_eq!(date(d), "20261207");
    }
}
