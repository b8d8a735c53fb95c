//! Identifier scrubbing, applied before a question is ever written anywhere.
//!
//! Myo stores nothing by default. When logging is switched on, the text first loses e-mail
//! addresses, phone numbers, dates (dates of birth above all), and record numbers (labelled ids
//! such as "MRN 1234567", and any bare run of 6 or more digits). Clinical numbers people type
//! ("38.5", "CK 5000", "15 mg") are short and survive.

/// Placeholder for an e-mail address.
pub const EMAIL: &str = "[email]";
/// Placeholder for a phone number.
pub const PHONE: &str = "[phone]";
/// Placeholder for a date.
pub const DATE: &str = "[date]";
/// Placeholder for a record number or other identifying number.
pub const ID: &str = "[id]";

/// Replace identifiers in `text` with placeholders.
///
/// ```
/// let s = myo_ask::scrub::scrub("I'm jo@example.com, MRN 00123456, born 03/04/1980, call 07700 900123");
/// assert_eq!(s, "I'm [email], MRN [id], born [date], call [phone]");
/// ```
pub fn scrub(text: &str) -> String {
    let words = spans(text);
    let mut cut: Vec<(usize, usize, &str)> = Vec::new();
    mark_emails(text, &words, &mut cut);
    mark_labelled_ids(text, &words, &mut cut);
    mark_month_dates(text, &words, &mut cut);
    mark_number_runs(text, &mut cut);
    apply(text, cut)
}

/// Whitespace-separated words as byte spans, with surrounding punctuation trimmed.
fn spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let word = &text[s..i];
                let lead = word.len() - word.trim_start_matches(['(', '"', '\'', '[']).len();
                let trimmed = word.trim_end_matches([',', '.', ';', ':', ')', '!', '?', '"', '\'']);
                if trimmed.len() > lead {
                    out.push((s + lead, s + trimmed.len()));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn overlaps(cut: &[(usize, usize, &str)], s: usize, e: usize) -> bool {
    cut.iter().any(|&(a, b, _)| s < b && a < e)
}

fn mark_emails(text: &str, words: &[(usize, usize)], cut: &mut Vec<(usize, usize, &str)>) {
    for &(s, e) in words {
        let w = &text[s..e];
        if let Some((user, domain)) = w.split_once('@')
            && !user.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
        {
            cut.push((s, e, EMAIL));
        }
    }
}

const ID_LABELS: &[&str] = &[
    "mrn",
    "nhs",
    "ssn",
    "chi",
    "record",
    "chart",
    "hospital",
    "patient",
    "insurance",
    "medicare",
    "medicaid",
    "member",
    "policy",
    "id",
    "id:",
    "mrn:",
    "#",
];
const FILLERS: &[&str] = &[
    "number", "no", "no.", "num", "id", "is", ":", "#", "=", "-", "nr",
];

fn mark_labelled_ids(text: &str, words: &[(usize, usize)], cut: &mut Vec<(usize, usize, &str)>) {
    let lower = |i: usize| text[words[i].0..words[i].1].to_lowercase();
    for i in 0..words.len() {
        let label = lower(i);
        let label = label.trim_end_matches(':');
        if !ID_LABELS.contains(&label) {
            continue;
        }
        let mut j = i + 1;
        while j < words.len() && j <= i + 3 && FILLERS.contains(&lower(j).trim_end_matches(':')) {
            j += 1;
        }
        // The id itself, possibly written in digit groups ("943 476 5919").
        let first = j;
        while j < words.len()
            && text[words[j].0..words[j].1]
                .chars()
                .any(|c| c.is_ascii_digit())
            && text[words[j].0..words[j].1]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '/')
        {
            j += 1;
        }
        if j > first {
            let (s, e) = (words[first].0, words[j - 1].1);
            let digits = text[s..e].chars().filter(char::is_ascii_digit).count();
            if digits >= 4 && !overlaps(cut, s, e) {
                cut.push((s, e, ID));
            }
        }
    }
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

fn day_word(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    matches!(suffix, "" | "st" | "nd" | "rd" | "th")
        && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

fn year_word(w: &str) -> bool {
    w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// "3 March 1980", "March 3rd, 1980", "3rd of March", "March 1980".
fn mark_month_dates(text: &str, words: &[(usize, usize)], cut: &mut Vec<(usize, usize, &str)>) {
    let w = |i: usize| text[words[i].0..words[i].1].to_lowercase();
    for m in 0..words.len() {
        let month = w(m);
        if !MONTHS.contains(&month.trim_end_matches('.')) {
            continue;
        }
        let mut first = m;
        let mut last = m;
        if m >= 1 && day_word(&w(m - 1)) {
            first = m - 1;
        } else if m >= 2 && w(m - 1) == "of" && day_word(&w(m - 2)) {
            first = m - 2;
        }
        if m + 1 < words.len() && day_word(&w(m + 1)) {
            last = m + 1;
        }
        if last + 1 < words.len() && year_word(&w(last + 1)) {
            last += 1;
        }
        let has_day_and_year = first < m && last > m || last >= m + 2;
        // "may" is a month only with a day or a year beside it; others with either.
        let enough = if month == "may" {
            has_day_and_year || (last > m && year_word(&w(last)))
        } else {
            first < m || last > m
        };
        if enough && !overlaps(cut, words[first].0, words[last].1) {
            cut.push((words[first].0, words[last].1, DATE));
        }
    }
}

/// Runs of digits and separators: numeric dates, phone numbers, long bare numbers.
fn mark_number_runs(text: &str, cut: &mut Vec<(usize, usize, &str)>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let opens = c == '+' || c == '(';
        if !(c.is_ascii_digit()
            || (opens && chars.get(i + 1).is_some_and(|x| x.1.is_ascii_digit())))
        {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut last_digit = i;
        while j < chars.len() {
            let d = chars[j].1;
            let separator = matches!(d, '-' | '.' | '/' | '(' | ')');
            // A space continues the run only before another digit group.
            let joining_space = d == ' '
                && chars
                    .get(j + 1)
                    .is_some_and(|x| x.1.is_ascii_digit() || x.1 == '(');
            if d.is_ascii_digit() {
                last_digit = j;
            } else if !separator && !joining_space {
                break;
            }
            j += 1;
        }
        let end = chars.get(last_digit + 1).map_or(text.len(), |x| x.0);
        let run = &text[start..end];
        let digits = run.chars().filter(char::is_ascii_digit).count();
        let label = if numeric_date(run) {
            Some(DATE)
        } else if digits >= 7
            && (run.starts_with(['+', '(', '0']) || run.contains([' ', '-', '(', '.']))
        {
            Some(PHONE)
        } else if digits >= 6 {
            Some(ID)
        } else {
            None
        };
        if let Some(label) = label
            && !overlaps(cut, start, end)
        {
            cut.push((start, end, label));
        }
        i = last_digit + 1;
    }
}

/// 03/04/1980, 3-4-80, 1980-04-03, 03.04.1980.
fn numeric_date(run: &str) -> bool {
    let parts: Vec<&str> = run.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    matches!(lens.as_slice(), [1 | 2, 1 | 2, 2 | 4] | [4, 1 | 2, 1 | 2])
}

fn apply(text: &str, mut cut: Vec<(usize, usize, &str)>) -> String {
    cut.sort_by_key(|&(s, _, _)| s);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e, label) in cut {
        if s < at {
            continue;
        }
        out.push_str(&text[at..s]);
        out.push_str(label);
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_phones() {
        assert_eq!(scrub("mail me at a.b@nhs.net."), "mail me at [email].");
        assert_eq!(scrub("ring +1-800-821-7356 today"), "ring [phone] today");
        assert_eq!(scrub("my number is (555) 123-4567"), "my number is [phone]");
        assert_eq!(scrub("07700 900123"), "[phone]");
    }

    #[test]
    fn dates_of_birth() {
        assert_eq!(scrub("born 03/04/1980"), "born [date]");
        assert_eq!(scrub("dob 1980-04-03"), "dob [date]");
        assert_eq!(scrub("born on 3rd of March 1980"), "born on [date]");
        assert_eq!(scrub("born March 3, 1980 in Leeds"), "born [date] in Leeds");
        assert_eq!(scrub("I may need help"), "I may need help");
    }

    #[test]
    fn record_numbers() {
        assert_eq!(scrub("MRN: 00123456"), "MRN: [id]");
        assert_eq!(scrub("NHS number 943 476 5919"), "NHS number [id]");
        assert_eq!(scrub("patient id A12345"), "patient id [id]");
        assert_eq!(scrub("ref 12345678"), "ref [id]");
    }

    #[test]
    fn clinical_numbers_survive() {
        let s = "fever 38.5, CK 5000, 15-25 mg weekly, 100.4 F, since 2019";
        assert_eq!(scrub(s), s);
    }
}
