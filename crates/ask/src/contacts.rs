//! Emergency, crisis and poison numbers by country (`data/emergency-numbers.toml`), cited and
//! with a dial string for `tel:` links.
//!
//! Ask leads a crisis reply with the crisis line of the person's country, and a methotrexate
//! overdose with the poison line. With no country given, it shows the United States, the United
//! Kingdom and the European emergency number 112.

use serde::Deserialize;

/// The built-in table (compiled in).
pub const BUILTIN_TABLE: &str = include_str!("../data/emergency-numbers.toml");

/// Countries shown when the person's country is not known.
pub const DEFAULT_COUNTRIES: &[&str] = &["US", "GB", "EU"];

/// A kind of help line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    /// The emergency number (911, 999, 112, ...).
    Emergency,
    /// A suicide and crisis line.
    Crisis,
    /// A poison information line.
    Poison,
    /// Urgent medical advice that is not an emergency (NHS 111).
    MedicalAdvice,
}

impl ContactKind {
    /// The wire name (`emergency`, `crisis`, `poison`, `medical_advice`).
    pub fn as_str(self) -> &'static str {
        match self {
            ContactKind::Emergency => "emergency",
            ContactKind::Crisis => "crisis",
            ContactKind::Poison => "poison",
            ContactKind::MedicalAdvice => "medical_advice",
        }
    }
}

/// How well a number has been checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Read on an official page of the service or a government.
    Verified,
    /// Read on a secondary page only.
    Partial,
}

/// One help line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// What it is for.
    pub kind: ContactKind,
    /// Its name.
    pub service: String,
    /// The number as printed locally ("116 123").
    pub number: String,
    /// Digits (and an optional leading `+`) for a `tel:` link.
    pub dial: String,
    /// Also takes text messages.
    #[serde(default)]
    pub text: bool,
    /// The page the number was read on.
    pub url: String,
    /// Who publishes that page.
    pub publisher: String,
    /// Where on the page.
    pub locator: String,
    /// Verified or partial.
    pub status: Status,
}

/// The lines of one country (or of the EU).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, or `EU`.
    pub code: String,
    /// English name.
    pub name: String,
    /// Its lines.
    #[serde(rename = "line")]
    pub lines: Vec<Line>,
}

/// Countries that use another entry's lines.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    uses: String,
    codes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    country: Vec<Country>,
    #[serde(default)]
    group: Vec<Group>,
}

/// A help line chosen for a reply, with the country it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactLine {
    /// Country code (`US`, `GB`, `EU`).
    pub country: String,
    /// Country name.
    pub country_name: String,
    /// The line.
    pub line: Line,
}

/// Errors reading the table or a country code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContactsError {
    /// The TOML did not parse.
    #[error("emergency numbers: {0}")]
    Parse(String),
    /// A line breaks a rule of the table.
    #[error("emergency numbers: {country} {service}: {problem}")]
    Line {
        /// Country code.
        country: String,
        /// Service name.
        service: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// A country code that is not two letters.
    #[error(
        "country: {0:?} is not a country code; use two letters such as US, GB, CA, AU, NZ, ES or MX"
    )]
    Country(String),
}

/// A checked country code: two ASCII letters, upper case (`UK` is read as `GB`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CountryCode(String);

impl CountryCode {
    /// Read a country code ("gb", "UK", "us").
    pub fn parse(text: &str) -> Result<CountryCode, ContactsError> {
        let code = text.trim().to_ascii_uppercase();
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(ContactsError::Country(text.to_string()));
        }
        Ok(CountryCode(if code == "UK" { "GB".into() } else { code }))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The loaded table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contacts {
    countries: Vec<Country>,
    groups: Vec<Group>,
}

impl Contacts {
    /// Parse and check a table: every line has a service, a number, a dial string of digits
    /// (optionally led by `+`) and an http(s) source.
    pub fn parse(text: &str) -> Result<Contacts, ContactsError> {
        let table: Table = toml::from_str(text).map_err(|e| ContactsError::Parse(e.to_string()))?;
        for c in &table.country {
            for l in &c.lines {
                let bad = |problem: &'static str| ContactsError::Line {
                    country: c.code.clone(),
                    service: l.service.clone(),
                    problem,
                };
                let digits = l.dial.strip_prefix('+').unwrap_or(&l.dial);
                if digits.is_empty() || !digits.chars().all(|ch| ch.is_ascii_digit()) {
                    return Err(bad("dial must be digits, optionally led by +"));
                }
                if l.service.trim().is_empty() || l.number.trim().is_empty() {
                    return Err(bad("service and number must not be empty"));
                }
                if !(l.url.starts_with("https://") || l.url.starts_with("http://")) {
                    return Err(bad("url must be an http(s) address"));
                }
            }
        }
        Ok(Contacts {
            countries: table.country,
            groups: table.group,
        })
    }

    /// The built-in table.
    pub fn builtin() -> Result<Contacts, ContactsError> {
        Contacts::parse(BUILTIN_TABLE)
    }

    /// Every country entry.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    fn entry(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code).or_else(|| {
            let uses = &self
                .groups
                .iter()
                .find(|g| g.codes.iter().any(|x| x == code))?
                .uses;
            self.countries.iter().find(|c| &c.code == uses)
        })
    }

    /// Lines of these kinds for the person's country (or the default countries when it is not
    /// known or not in the table). A kind a country lacks falls back to its emergency number,
    /// so every country shown has at least one line.
    pub fn lines(&self, country: Option<&CountryCode>, kinds: &[ContactKind]) -> Vec<ContactLine> {
        let entries: Vec<&Country> = match country.and_then(|c| self.entry(c.as_str())) {
            Some(c) => vec![c],
            None => DEFAULT_COUNTRIES
                .iter()
                .filter_map(|c| self.entry(c))
                .collect(),
        };
        let mut out = Vec::new();
        for c in entries {
            let mut chosen: Vec<&Line> = Vec::new();
            for kind in kinds {
                if let Some(l) = c.lines.iter().find(|l| l.kind == *kind)
                    && !chosen.iter().any(|x| x.dial == l.dial)
                {
                    chosen.push(l);
                }
            }
            if chosen.is_empty()
                && let Some(l) = c.lines.iter().find(|l| l.kind == ContactKind::Emergency)
            {
                chosen.push(l);
            }
            out.extend(chosen.into_iter().map(|l| ContactLine {
                country: c.code.clone(),
                country_name: c.name.clone(),
                line: l.clone(),
            }));
        }
        out
    }
}

/// The lines as one sentence per country: "United Kingdom: Samaritans 116 123; Emergency
/// services 999."
pub fn sentence(lines: &[ContactLine]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let country = &lines[i].country;
        let parts: Vec<String> = lines[i..]
            .iter()
            .take_while(|l| &l.country == country)
            .map(|l| {
                let how = if l.line.text { " (call or text)" } else { "" };
                format!("{} {}{how}", l.line.service, l.line.number)
            })
            .collect();
        out.push(format!("{}: {}.", lines[i].country_name, parts.join("; ")));
        i += parts.len();
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Contacts {
        Contacts::builtin().expect("built-in table parses")
    }

    #[test]
    fn builtin_table_parses_and_every_line_is_dialable() {
        let t = table();
        for code in ["US", "GB", "EU", "CA", "AU", "NZ", "ES", "MX"] {
            let c = t.entry(code).expect(code);
            assert!(
                c.lines.iter().any(|l| l.kind == ContactKind::Emergency),
                "{code}"
            );
            for l in &c.lines {
                assert!(
                    l.dial
                        .trim_start_matches('+')
                        .chars()
                        .all(|ch| ch.is_ascii_digit()),
                    "{code} {}",
                    l.dial
                );
            }
        }
    }

    #[test]
    fn the_numbers_asked_for_are_there() {
        let t = table();
        let dial = |code: &str, kind: ContactKind| {
            t.lines(Some(&CountryCode::parse(code).unwrap()), &[kind])
                .into_iter()
                .map(|l| l.line.dial)
                .collect::<Vec<_>>()
        };
        assert_eq!(dial("US", ContactKind::Crisis), ["988"]);
        assert_eq!(dial("US", ContactKind::Emergency), ["911"]);
        assert_eq!(dial("US", ContactKind::Poison), ["+18002221222"]);
        assert_eq!(dial("uk", ContactKind::Crisis), ["116123"]);
        assert_eq!(dial("GB", ContactKind::Emergency), ["999"]);
        assert_eq!(dial("GB", ContactKind::Poison), ["111"]);
        assert_eq!(dial("CA", ContactKind::Crisis), ["988"]);
        assert_eq!(dial("AU", ContactKind::Emergency), ["000"]);
        assert_eq!(dial("AU", ContactKind::Crisis), ["131114"]);
        assert_eq!(dial("NZ", ContactKind::Crisis), ["1737"]);
        assert_eq!(dial("NZ", ContactKind::Emergency), ["111"]);
        assert_eq!(dial("ES", ContactKind::Crisis), ["024"]);
        assert_eq!(dial("ES", ContactKind::Emergency), ["112"]);
        assert_eq!(dial("MX", ContactKind::Crisis), ["+528009112000"]);
        // An EU member without its own entry uses 112; a crisis line it lacks falls back to it.
        assert_eq!(dial("FR", ContactKind::Crisis), ["112"]);
    }

    #[test]
    fn no_country_shows_us_uk_and_112() {
        let lines = table().lines(None, &[ContactKind::Crisis, ContactKind::Emergency]);
        let dials: Vec<&str> = lines.iter().map(|l| l.line.dial.as_str()).collect();
        assert_eq!(dials, ["988", "911", "116123", "999", "112"]);
        let s = sentence(&lines);
        assert!(
            s.starts_with("United States: Suicide & Crisis Lifeline 988 (call or text)"),
            "{s}"
        );
        assert!(
            s.contains("United Kingdom: Samaritans 116 123; Emergency services 999."),
            "{s}"
        );
        // A code not in the table shows the defaults too.
        let jp = table().lines(
            Some(&CountryCode::parse("JP").unwrap()),
            &[ContactKind::Crisis],
        );
        assert_eq!(jp.len(), 3);
    }

    #[test]
    fn bad_codes_and_bad_lines_are_named() {
        let err = CountryCode::parse("United Kingdom")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("country:"), "{err}");
        assert!(CountryCode::parse("u1").is_err());
        assert!(CountryCode::parse("").is_err());
        let bad = "[[country]]\ncode = \"US\"\nname = \"x\"\n[[country.line]]\nkind = \"crisis\"\n\
                   service = \"x\"\nnumber = \"988\"\ndial = \"9-8-8\"\nurl = \"https://x\"\n\
                   publisher = \"x\"\nlocator = \"x\"\nstatus = \"verified\"\n";
        let err = Contacts::parse(bad).unwrap_err().to_string();
        assert!(err.contains("dial"), "{err}");
        assert!(Contacts::parse(&bad.replace("crisis", "chat")).is_err());
    }
}
