//! Which active ingredient a typed medicine name refers to, whatever the spelling.
//!
//! The names come from `rules/ingredients.toml` (each with a status and a source), and callers
//! may add more (the web layer adds every KB drug guide's generic and brand names). A name typed
//! by a person is reduced to a *skeleton* first, so case, accents, spaces, hyphens, digits used
//! as letters, look-alike letters from other scripts (Cyrillic `е`, Greek `ο`, full-width
//! letters) and invisible characters (NUL, zero-width space, soft hyphen) make no difference.
//! The skeleton is then compared with every known name: as whole words, as a run of adjacent
//! words written apart (`metho trexate`), inside a longer word (`metojectpen`), and within a
//! small edit distance that grows with the name's length (`metotrexate`, `methotrexat`).

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::error::RulesError;
use crate::rules::Status;

/// `rules/ingredients.toml`, embedded.
pub const INGREDIENTS_TOML: &str = include_str!("../rules/ingredients.toml");

/// What kind of name a known name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// International non-proprietary (generic) name or a salt of it.
    Generic,
    /// A brand (trade) name.
    Brand,
    /// An abbreviation such as `MTX`; matched only as a whole word, exactly.
    Abbreviation,
    /// A spelling in another language or a common misspelling.
    Spelling,
}

/// One name an ingredient is known by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownName {
    /// The name as written in the source.
    pub name: String,
    /// Its kind.
    pub kind: NameKind,
    /// Checked status.
    pub status: Status,
    /// Where it was read.
    pub source: String,
    key: String,
}

impl KnownName {
    /// A name with its citation.
    pub fn new(name: &str, kind: NameKind, status: Status, source: &str) -> KnownName {
        KnownName {
            name: name.to_owned(),
            kind,
            status,
            source: source.to_owned(),
            key: skeleton(name),
        }
    }
}

/// An active ingredient and the names it goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ingredient {
    /// Generic name, lowercase (the key used by monitoring rules and guards).
    pub generic_name: String,
    /// RxNorm ingredient RxCUI, when cited.
    pub rxcui: Option<String>,
    /// Names, generic first.
    pub names: Vec<KnownName>,
}

/// The edit-distance budget by name length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Names with at least this many letters may differ by one edit.
    pub min_len_1: usize,
    /// Names with at least this many letters may differ by two edits.
    pub min_len_2: usize,
}

impl Budget {
    fn allowed(self, name: &KnownName) -> usize {
        let n = name.key.chars().count();
        match name.kind {
            NameKind::Abbreviation => 0,
            _ if n >= self.min_len_2 => 2,
            _ if n >= self.min_len_1 => 1,
            _ => 0,
        }
    }
}

/// The ingredient table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngredientTable {
    /// Revision of `ingredients.toml`.
    pub revision: u32,
    /// Typo budget.
    pub budget: Budget,
    /// Ingredients.
    pub ingredients: Vec<Ingredient>,
}

/// A name recognised in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<'t> {
    /// The ingredient.
    pub ingredient: &'t Ingredient,
    /// The known name that matched.
    pub name: &'t KnownName,
    /// Edits between what was typed and the name (0 = exact).
    pub distance: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    meta: RawMeta,
    matching: RawMatching,
    ingredient: Vec<RawIngredient>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    revision: u32,
    #[allow(dead_code)] // documents the file
    date: toml::value::Datetime,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMatching {
    min_len_1: usize,
    min_len_2: usize,
    #[allow(dead_code)] // documents the heuristic
    status: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIngredient {
    generic_name: String,
    rxcui: Option<String>,
    rxcui_status: Option<String>,
    rxcui_source: Option<String>,
    names: Vec<RawName>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawName {
    name: String,
    kind: String,
    status: String,
    source: String,
}

const FILE: &str = "ingredients.toml";

fn fail(problem: impl Into<String>) -> RulesError {
    RulesError {
        file: FILE,
        problem: problem.into(),
    }
}

impl IngredientTable {
    /// Parses and checks an ingredient file: every name has a source and a known status and
    /// kind, its skeleton is not empty, and no skeleton belongs to two ingredients.
    pub fn parse(src: &str) -> Result<IngredientTable, RulesError> {
        let raw: RawTable = toml::from_str(src).map_err(|e| fail(e.to_string()))?;
        let budget = Budget {
            min_len_1: raw.matching.min_len_1,
            min_len_2: raw.matching.min_len_2,
        };
        if budget.min_len_1 < 4 || budget.min_len_2 <= budget.min_len_1 {
            return Err(fail(
                "matching lengths must satisfy 4 <= min_len_1 < min_len_2",
            ));
        }
        let mut table = IngredientTable {
            revision: raw.meta.revision,
            budget,
            ingredients: Vec::new(),
        };
        for ri in raw.ingredient {
            if ri.rxcui.is_some() && (ri.rxcui_status.is_none() || ri.rxcui_source.is_none()) {
                return Err(fail(format!(
                    "{}: rxcui without status or source",
                    ri.generic_name
                )));
            }
            if let Some(s) = &ri.rxcui_status {
                status(s)?;
            }
            let names = ri
                .names
                .iter()
                .map(|n| {
                    if n.source.trim().is_empty() {
                        return Err(fail(format!("name {} has no source", n.name)));
                    }
                    Ok(KnownName::new(
                        &n.name,
                        kind(&n.kind)?,
                        status(&n.status)?,
                        &n.source,
                    ))
                })
                .collect::<Result<Vec<_>, _>>()?;
            table.add(Ingredient {
                generic_name: ri.generic_name.to_lowercase(),
                rxcui: ri.rxcui,
                names,
            })?;
        }
        Ok(table)
    }

    /// Adds an ingredient, or more names for one already listed (matched by generic name).
    /// Refuses a name whose skeleton is empty or already belongs to another ingredient.
    pub fn add(&mut self, ingredient: Ingredient) -> Result<(), RulesError> {
        for n in &ingredient.names {
            if n.key.is_empty() {
                return Err(fail(format!("name '{}' has no letters", n.name)));
            }
            if let Some(other) = self.ingredients.iter().find(|i| {
                i.generic_name != ingredient.generic_name && i.names.iter().any(|m| m.key == n.key)
            }) {
                return Err(fail(format!(
                    "name '{}' is listed for both {} and {}",
                    n.name, other.generic_name, ingredient.generic_name
                )));
            }
        }
        match self
            .ingredients
            .iter_mut()
            .find(|i| i.generic_name == ingredient.generic_name)
        {
            Some(existing) => {
                for n in ingredient.names {
                    if !existing.names.iter().any(|m| m.key == n.key) {
                        existing.names.push(n);
                    }
                }
                if existing.rxcui.is_none() {
                    existing.rxcui = ingredient.rxcui;
                }
            }
            None => self.ingredients.push(ingredient),
        }
        Ok(())
    }

    /// The ingredient with this generic name.
    pub fn get(&self, generic_name: &str) -> Option<&Ingredient> {
        let g = generic_name.trim().to_lowercase();
        self.ingredients.iter().find(|i| i.generic_name == g)
    }

    /// The best match for `text` (fewest edits, then the longest name), if any name is found.
    pub fn identify(&self, text: &str) -> Option<Found<'_>> {
        let cands = Candidates::of(text);
        let mut best: Option<Found<'_>> = None;
        for ing in &self.ingredients {
            for name in &ing.names {
                let Some(d) = cands.distance(name, self.budget.allowed(name)) else {
                    continue;
                };
                let better = best.is_none_or(|b| {
                    d < b.distance || (d == b.distance && name.key.len() > b.name.key.len())
                });
                if better {
                    best = Some(Found {
                        ingredient: ing,
                        name,
                        distance: d,
                    });
                }
            }
        }
        best
    }

    /// The ingredient whose RxCUI is `rxcui`.
    pub fn by_rxcui(&self, rxcui: &str) -> Option<&Ingredient> {
        let r = rxcui.trim();
        self.ingredients
            .iter()
            .find(|i| i.rxcui.as_deref() == Some(r))
    }
}

fn status(s: &str) -> Result<Status, RulesError> {
    match s {
        "verified" => Ok(Status::Verified),
        "partial" => Ok(Status::Partial),
        o => Err(fail(format!("unknown status '{o}'"))),
    }
}

fn kind(s: &str) -> Result<NameKind, RulesError> {
    Ok(match s {
        "generic" => NameKind::Generic,
        "brand" => NameKind::Brand,
        "abbreviation" => NameKind::Abbreviation,
        "spelling" => NameKind::Spelling,
        o => return Err(fail(format!("unknown name kind '{o}'"))),
    })
}

/// What a typed text offers for comparison.
struct Candidates {
    /// Words (runs of letters), in order, from both readings of digits.
    words: Vec<Vec<String>>,
    /// All letters run together, from both readings of digits.
    joined: Vec<String>,
}

impl Candidates {
    fn of(text: &str) -> Candidates {
        let readings = [clean(text, false), clean(text, true)];
        Candidates {
            words: readings
                .iter()
                .map(|r| {
                    r.split(|c: char| !c.is_ascii_lowercase())
                        .filter(|w| !w.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .collect(),
            joined: readings
                .iter()
                .map(|r| r.chars().filter(char::is_ascii_lowercase).collect())
                .collect(),
        }
    }

    /// The fewest edits between `name` and a word, a run of adjacent words written together,
    /// or (for names of 6 letters or more) a stretch of the letters run together.
    fn distance(&self, name: &KnownName, budget: usize) -> Option<usize> {
        let key = name.key.as_str();
        let len = key.len();
        let mut best: Option<usize> = None;
        let mut consider = |d: usize| {
            if d <= budget && best.is_none_or(|b| d < b) {
                best = Some(d);
            }
        };
        for words in &self.words {
            for start in 0..words.len() {
                let mut run = String::new();
                for w in &words[start..] {
                    run.push_str(w);
                    if run.len() > len + budget {
                        break;
                    }
                    if name.kind == NameKind::Abbreviation && run.len() != w.len() {
                        break;
                    }
                    if run.len() + budget >= len
                        && let Some(d) = osa(&run, key, budget)
                    {
                        consider(d);
                    }
                }
            }
        }
        if name.kind != NameKind::Abbreviation && len >= 6 {
            for joined in &self.joined {
                if joined.contains(key) {
                    consider(0);
                }
            }
        }
        best
    }
}

/// The letters of a name as Myo compares them: lowercase ASCII, words kept apart by spaces.
pub fn skeleton(s: &str) -> String {
    clean(s, false)
        .split(|c: char| !c.is_ascii_lowercase())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("")
}

/// Folds a text to lowercase ASCII letters; every other character becomes a space. Invisible
/// and control characters are dropped (so `meto\0ject` reads `metoject`); compatibility forms
/// and accents are folded; look-alike letters map to the Latin letter they imitate; with
/// `digits_as_letters`, `0 1 3 4 5 7` read as `o l e a s t`.
fn clean(s: &str, digits_as_letters: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| !invisible(*c)).nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = look_alike(c).unwrap_or(c);
        let lower: String = match c {
            'ß' => "ss".into(),
            'æ' | 'Æ' => "ae".into(),
            'œ' | 'Œ' => "oe".into(),
            _ => c.to_lowercase().collect(),
        };
        for l in lower.chars() {
            let l = if digits_as_letters {
                digit_letter(l).unwrap_or(l)
            } else {
                l
            };
            out.push(if l.is_ascii_lowercase() { l } else { ' ' });
        }
    }
    out
}

fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
        )
}

fn digit_letter(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' => 'l',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        _ => return None,
    })
}

/// Letters from other scripts (and a few Latin variants) that look like a Latin letter.
const LOOK_ALIKES: &[(char, char)] = &[
    // Cyrillic
    ('а', 'a'),
    ('в', 'b'),
    ('е', 'e'),
    ('ё', 'e'),
    ('к', 'k'),
    ('м', 'm'),
    ('н', 'h'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('т', 't'),
    ('у', 'y'),
    ('х', 'x'),
    ('і', 'i'),
    ('ї', 'i'),
    ('ј', 'j'),
    ('ѕ', 's'),
    ('ԁ', 'd'),
    ('ԛ', 'q'),
    ('ԝ', 'w'),
    ('ɡ', 'g'),
    ('А', 'a'),
    ('В', 'b'),
    ('Е', 'e'),
    ('К', 'k'),
    ('М', 'm'),
    ('Н', 'h'),
    ('О', 'o'),
    ('Р', 'p'),
    ('С', 'c'),
    ('Т', 't'),
    ('У', 'y'),
    ('Х', 'x'),
    ('І', 'i'),
    ('Ј', 'j'),
    ('Ѕ', 's'),
    // Greek
    ('α', 'a'),
    ('β', 'b'),
    ('ε', 'e'),
    ('η', 'n'),
    ('ι', 'i'),
    ('κ', 'k'),
    ('ν', 'v'),
    ('ο', 'o'),
    ('ρ', 'p'),
    ('τ', 't'),
    ('υ', 'u'),
    ('χ', 'x'),
    ('Α', 'a'),
    ('Β', 'b'),
    ('Ε', 'e'),
    ('Ζ', 'z'),
    ('Η', 'h'),
    ('Ι', 'i'),
    ('Κ', 'k'),
    ('Μ', 'm'),
    ('Ν', 'n'),
    ('Ο', 'o'),
    ('Ρ', 'p'),
    ('Τ', 't'),
    ('Υ', 'y'),
    ('Χ', 'x'),
    // Latin variants without a decomposition
    ('ı', 'i'),
    ('ł', 'l'),
    ('Ł', 'l'),
    ('ø', 'o'),
    ('Ø', 'o'),
    ('đ', 'd'),
    ('Đ', 'd'),
    ('ħ', 'h'),
    ('ŧ', 't'),
    ('ɑ', 'a'),
    ('ɩ', 'i'),
    ('ʀ', 'r'),
];

fn look_alike(c: char) -> Option<char> {
    LOOK_ALIKES.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)
}

/// Optimal-string-alignment distance (insert, delete, substitute, swap two neighbours), or
/// `None` when it exceeds `max`.
fn osa(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
    }
    Some(d[a.len() * w + b.len()]).filter(|v| *v <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osa_counts_swaps_as_one() {
        assert_eq!(osa("mehtotrexate", "methotrexate", 2), Some(1));
        assert_eq!(osa("metotrexate", "methotrexate", 2), Some(1));
        assert_eq!(osa("abc", "xyz", 2), None);
    }

    #[test]
    fn skeleton_folds_case_accents_scripts_and_invisibles() {
        assert_eq!(skeleton("Méthotrexate"), "methotrexate");
        assert_eq!(skeleton("M\u{0435}toject"), "metoject"); // Cyrillic е
        assert_eq!(skeleton("Ｍｅｔｏｊｅｃｔ"), "metoject"); // full width
        assert_eq!(skeleton("Meto\u{0}ject"), "metoject");
        assert_eq!(skeleton("Meto\u{200B}ject"), "metoject");
        assert_eq!(skeleton("Meto\u{00AD}ject"), "metoject");
        assert_eq!(skeleton("Metho-trexate 2.5 mg"), "methotrexatemg");
    }
}
