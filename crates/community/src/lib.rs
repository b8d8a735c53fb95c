//! `myo-community`: the pure rules for community posts, the first-person experiences shown
//! beside (never inside) the knowledge base's reviewed answers.
//!
//! [`Screen::check`] reads a post before it is stored and says one of three things:
//! - **refused**, with a message naming what to change: an e-mail address, a phone number, a
//!   street address, a link to a site outside the allow-list, markup (posts are plain text),
//!   control characters, too short or too long;
//! - **held** for a moderator, with a note for the poster: the post tells someone how to take
//!   or change a medicine ("stop your prednisone", "take 25 mg daily"; English and Spanish);
//! - **fine**.
//!
//! Emergencies are not decided here: the web layer runs every post through Ask's red-flag
//! triage, the same rules as questions and diary notes. The word tables live in
//! `data/screening.toml`; this crate holds no content in code, does no I/O and keeps no state.

mod text;

use serde::Deserialize;

pub use text::words;

/// Shortest post, in characters.
pub const MIN_CHARS: usize = 10;
/// Longest post, in characters.
pub const MAX_CHARS: usize = 2000;

/// The tags a post can carry: `(stored id, label)`.
pub const TAGS: [(&str, &str); 4] = [
    ("helped", "What helped"),
    ("side_effect", "Side effect"),
    ("tip", "Tip"),
    ("question", "Question"),
];

/// Report reasons: `(stored id, label)`.
pub const REPORT_REASONS: [(&str, &str); 5] = [
    ("medical_advice", "Gives medical or dosing advice"),
    (
        "identifying",
        "Shows who someone is (name, contact, address)",
    ),
    ("unkind", "Unkind or abusive"),
    ("spam", "Advertising or spam"),
    ("other", "Something else"),
];

/// Why a post cannot be stored as written. Each names what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    /// Under [`MIN_CHARS`] or over [`MAX_CHARS`] characters.
    #[error("Your post must be between {MIN_CHARS} and {MAX_CHARS} characters; it has {0}.")]
    Length(usize),
    /// A control character other than a line break.
    #[error("Your post contains an invisible control character. Please retype it.")]
    Control,
    /// HTML or similar markup.
    #[error(
        "Posts are plain text. Please remove \u{201c}{0}\u{201d}; formatting and HTML are not shown."
    )]
    Markup(String),
    /// An e-mail address.
    #[error(
        "Please remove the e-mail address (\u{201c}{0}\u{201d}). Posts never show contact details, yours or anyone else's."
    )]
    Email(String),
    /// A phone number.
    #[error(
        "Please remove the phone number (\u{201c}{0}\u{201d}). Posts never show contact details; the organisations directory lists helplines."
    )]
    Phone(String),
    /// A street address.
    #[error(
        "Please remove the street address (\u{201c}{0}\u{201d}). Posts never show where someone lives."
    )]
    Address(String),
    /// A link outside the allow-list.
    #[error(
        "Links are allowed only to public health and patient-organisation sites (such as nih.gov, nhs.uk or myositis.org). Please remove \u{201c}{0}\u{201d}."
    )]
    Link(String),
}

/// Why a post waits for a moderator although it may be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    /// Stored reason id (`dosing`).
    pub reason: &'static str,
    /// The words that set it off.
    pub matched: String,
    /// What the poster is told.
    pub note: &'static str,
}

/// The note a poster sees when a post is held for dosing words.
pub const DOSING_NOTE: &str = "Your post reads like advice on how to take or change a medicine. \
A moderator will read it before it appears. Changes to a medicine should always be agreed with \
your own care team, because doses differ from person to person.";

/// The outcome of screening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screened {
    /// The text to store: line endings made `\n`, trailing spaces removed, at most two blank
    /// lines in a row. Never otherwise changed.
    pub body: String,
    /// Reasons to hold it (empty: it may be published).
    pub holds: Vec<Hold>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Tables {
    dosing: Dosing,
    addresses: Addresses,
    links: Links,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Dosing {
    reach: usize,
    verbs: Vec<String>,
    leads: Vec<String>,
    possessives: Vec<String>,
    dose_words: Vec<String>,
    units: Vec<String>,
    frequencies: Vec<String>,
    first_person: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Addresses {
    suffixes: Vec<String>,
    prefixes: Vec<String>,
    reach: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Links {
    allowed: Vec<String>,
    tlds: Vec<String>,
}

/// The built-in tables did not parse (a build defect, caught by the tests).
#[derive(Debug, thiserror::Error)]
#[error("community screening tables: {0}")]
pub struct TableError(String);

/// The screening rules, built once and passed to callers.
#[derive(Debug, Clone)]
pub struct Screen {
    t: Tables,
    /// Medicine names (generic and brand, lowercase) from the knowledge base.
    medicines: Vec<Vec<String>>,
}

const TABLES: &str = include_str!("../data/screening.toml");

impl Screen {
    /// The built-in tables plus the medicine names the caller knows (the knowledge base's
    /// generic and brand names).
    ///
    /// # Errors
    /// [`TableError`] if the embedded tables do not parse.
    pub fn builtin<I, S>(medicines: I) -> Result<Screen, TableError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let t: Tables = toml::from_str(TABLES).map_err(|e| TableError(e.to_string()))?;
        let mut medicines: Vec<Vec<String>> = medicines
            .into_iter()
            .map(|m| words(m.as_ref()))
            .filter(|w| !w.is_empty())
            .collect();
        medicines.sort();
        medicines.dedup();
        Ok(Screen { t, medicines })
    }

    /// The allowed link domains.
    pub fn allowed_domains(&self) -> &[String] {
        &self.t.links.allowed
    }

    /// Screens a post. See the [crate documentation](crate).
    ///
    /// # Errors
    /// The first [`Refusal`] found, in the order: control characters, length, markup, e-mail,
    /// link, phone, address.
    pub fn check(&self, raw: &str) -> Result<Screened, Refusal> {
        if raw
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            return Err(Refusal::Control);
        }
        let body = tidy(raw);
        let n = body.chars().count();
        if !(MIN_CHARS..=MAX_CHARS).contains(&n) {
            return Err(Refusal::Length(n));
        }
        if let Some(tag) = text::markup(&body) {
            return Err(Refusal::Markup(tag));
        }
        for token in body.split_whitespace() {
            let token = text::trim_punct(token);
            if text::is_email(token) {
                return Err(Refusal::Email(token.to_owned()));
            }
            if let Some(host) = text::link_host(token, &self.t.links.tlds)
                && !self.link_allowed(&host)
            {
                return Err(Refusal::Link(token.to_owned()));
            }
        }
        if let Some(phone) = text::phone(&body) {
            return Err(Refusal::Phone(phone));
        }
        if let Some(addr) = self.address(&body) {
            return Err(Refusal::Address(addr));
        }
        let holds = self.dosing(&body).into_iter().collect();
        Ok(Screened { body, holds })
    }

    fn link_allowed(&self, host: &str) -> bool {
        self.t
            .links
            .allowed
            .iter()
            .any(|d| host == d || host.ends_with(&format!(".{d}")))
    }

    fn address(&self, body: &str) -> Option<String> {
        let a = &self.t.addresses;
        for line in body.lines() {
            let raw: Vec<&str> = line.split_whitespace().collect();
            let low: Vec<String> = raw
                .iter()
                .map(|w| text::trim_punct(w).to_lowercase())
                .collect();
            for (i, w) in low.iter().enumerate() {
                // "12 Baker Street": a house number, capitalised words, a street word.
                if text::house_number(w) {
                    for j in i + 1..(i + 1 + a.reach).min(low.len()) {
                        let between = &raw[i + 1..j];
                        if a.suffixes.contains(&low[j])
                            && !between.is_empty()
                            && between.iter().all(|b| text::capitalised(b))
                        {
                            return Some(raw[i..=j].join(" "));
                        }
                    }
                }
                // "Calle Mayor 5": a street word, words, a house number.
                if a.prefixes.contains(w) {
                    for j in i + 2..(i + 2 + a.reach).min(low.len()) {
                        if text::house_number(&low[j]) {
                            return Some(raw[i..=j].join(" "));
                        }
                    }
                }
            }
        }
        None
    }

    fn dosing(&self, body: &str) -> Option<Hold> {
        let d = &self.t.dosing;
        let hold = |m: String| Hold {
            reason: "dosing",
            matched: m,
            note: DOSING_NOTE,
        };
        for sentence in text::sentences(body) {
            let w = words(&sentence);
            if w.is_empty() {
                continue;
            }
            let phrase_at = |list: &[String], i: usize| -> Option<usize> {
                list.iter()
                    .map(|p| words(p))
                    .filter(|p| !p.is_empty() && w[i..].starts_with(p))
                    .map(|p| p.len())
                    .max()
            };
            // Where an instruction may start: the sentence start, or after a lead phrase.
            let mut starts = vec![0];
            for i in 0..w.len() {
                if let Some(n) = phrase_at(&d.leads, i) {
                    starts.push(i + n);
                }
            }
            for s in starts {
                if s >= w.len() || !d.verbs.contains(&w[s]) {
                    continue;
                }
                let end = (s + 1 + d.reach).min(w.len());
                for k in s + 1..end {
                    let medicine = self.medicines.iter().any(|m| w[k..].starts_with(m));
                    let yours = d.possessives.contains(&w[k])
                        && w.get(k + 1).is_some_and(|x| d.dose_words.contains(x));
                    let amount =
                        text::number(&w[k]) && w.get(k + 1).is_some_and(|x| d.units.contains(x));
                    if medicine || yours || amount || d.dose_words.contains(&w[k]) {
                        return Some(hold(w[s..(k + 2).min(w.len())].join(" ")));
                    }
                }
            }
            // "25 mg daily" with nobody speaking of themselves.
            let personal = w.iter().any(|x| d.first_person.contains(x));
            if !personal {
                for k in 0..w.len().saturating_sub(2) {
                    if text::number(&w[k])
                        && d.units.contains(&w[k + 1])
                        && (k + 2..(k + 5).min(w.len()))
                            .any(|f| phrase_at(&d.frequencies, f).is_some())
                    {
                        return Some(hold(w[k..(k + 4).min(w.len())].join(" ")));
                    }
                }
            }
        }
        None
    }
}

/// Line endings as `\n`, trailing spaces removed, no more than two blank lines in a row, the
/// whole trimmed. The words are never changed.
#[must_use]
pub fn tidy(raw: &str) -> String {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let mut out: Vec<&str> = Vec::new();
    let mut blank = 0;
    for line in text.split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 2 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push(line);
    }
    out.join("\n").trim().to_owned()
}

/// Why a pseudonym cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PseudonymError {
    /// Under 3 or over 30 characters.
    #[error("Your community name must be 3 to 30 characters.")]
    Length,
    /// Characters other than letters, digits, spaces, `-`, `_`, `.` and `'`.
    #[error("Your community name may use letters, numbers, spaces and - _ . ' only.")]
    Characters,
    /// It contains the account's e-mail address or its name part.
    #[error(
        "Your community name must not contain your e-mail address or its name part: posts never show your e-mail."
    )]
    Email,
}

/// Checks a chosen community name against the account's e-mail address.
///
/// # Errors
/// [`PseudonymError`] naming the problem.
pub fn check_pseudonym(name: &str, email: &str) -> Result<String, PseudonymError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = name.chars().count();
    if !(3..=30).contains(&n) {
        return Err(PseudonymError::Length);
    }
    let low = name.to_lowercase();
    let email = email.to_lowercase();
    let local = email.split('@').next().unwrap_or("");
    let squash = |s: &str| -> String { s.chars().filter(|c| c.is_alphanumeric()).collect() };
    if low.contains('@') || (local.chars().count() >= 3 && squash(&low).contains(&squash(local))) {
        return Err(PseudonymError::Email);
    }
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '\''))
    {
        return Err(PseudonymError::Characters);
    }
    Ok(name)
}
