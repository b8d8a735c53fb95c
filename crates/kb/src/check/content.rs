//! Content rules: tables, text, readability, LOINC codes, Markdown and the copy check.

use super::*;

/// Content rules inside a table: required lists non-empty, ranges ordered.
pub(super) fn structured_content_problems(s: &Structured) -> Vec<String> {
    let mut out = Vec::new();
    let mut need = |ok: bool, what: &str| {
        if !ok {
            out.push(what.to_owned());
        }
    };
    match s {
        Structured::Drug(d) => {
            let dose = &d.typical_adult_dose;
            need(
                !d.generic_name.trim().is_empty(),
                "drug.generic_name: must not be empty",
            );
            need(!d.routes.is_empty(), "drug.routes: give at least one route");
            need(
                dose.min > 0.0 && dose.min <= dose.max,
                "drug.typical_adult_dose: need 0 < min <= max",
            );
            need(
                !d.serious_side_effects.is_empty(),
                "drug.serious_side_effects: must not be empty",
            );
            need(
                !d.call_care_team_if.is_empty(),
                "drug.call_care_team_if: must not be empty",
            );
            need(
                d.rxnorm.as_deref().is_none_or(|c| {
                    (1..=8).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit())
                }),
                "drug.rxnorm: an RxCUI is 1 to 8 digits",
            );
        }
        Structured::Supplement(x) => {
            need(
                !x.typical_dose.trim().is_empty(),
                "supplement.typical_dose: must not be empty",
            );
        }
        Structured::RedFlag(f) => {
            need(!f.phrases.is_empty(), "red_flag.phrases: must not be empty");
            need(
                !f.action.trim().is_empty(),
                "red_flag.action: must not be empty",
            );
            red_flag_rule_problems("red_flag", &f.requires_all, &f.number_checks, &mut need);
            for v in &f.variants {
                need(
                    !v.action.trim().is_empty(),
                    "red_flag.variant.action: must not be empty",
                );
                need(
                    !v.phrases.is_empty()
                        || !v.requires_all.is_empty()
                        || v.number_checks
                            .iter()
                            .any(|c| c.quantity != Quantity::DaysAgo),
                    "red_flag.variant: give phrases, requires_all groups or a number_check that can fire",
                );
                red_flag_rule_problems(
                    "red_flag.variant",
                    &v.requires_all,
                    &v.number_checks,
                    &mut need,
                );
            }
        }
        Structured::Antibody(a) => {
            need(!a.flags.is_empty(), "antibody.flags: must not be empty");
            out.extend(loinc_problems("antibody.loinc", &a.loinc));
        }
        Structured::Test(t) => {
            need(
                !t.measures.trim().is_empty(),
                "test.measures: must not be empty",
            );
            out.extend(loinc_problems("test.loinc", &t.loinc));
        }
        Structured::Foods(f) => need(!f.is_empty(), "food: give at least one [[food]]"),
        Structured::Organisations(o) => {
            need(
                !o.is_empty(),
                "organisation: give at least one [[organisation]]",
            );
            need(
                o.iter()
                    .all(|o| o.url.starts_with("https://") || o.url.starts_with("http://")),
                "organisation.url: must be an http(s) address",
            );
        }
        Structured::Glossary(t) => {
            need(!t.is_empty(), "term: give at least one [[term]]");
            need(
                t.iter().all(|t| !t.everyday.is_empty()),
                "term.everyday: every term needs everyday words",
            );
        }
    }
    out
}

pub(super) fn text_problems(entry: &Entry, readability: &Readability) -> Vec<Problem> {
    let mut out = Vec::new();
    if entry.title.trim().is_empty() {
        out.push(Problem::error(Rule::Summary, "title: must not be empty"));
    }
    let sentences = text::sentence_count(&entry.summary);
    if !(1..=2).contains(&sentences) {
        out.push(Problem::error(
            Rule::Summary,
            format!("summary: must be 1 or 2 sentences, found {sentences}"),
        ));
    }
    if entry.body.trim().is_empty() {
        out.push(Problem::error(Rule::Summary, "body: must not be empty"));
    }
    if entry.audience == Audience::Patient
        && entry.language == "en"
        && readability.grade > GRADE_LIMIT
    {
        out.push(Problem::error(
            Rule::Grade,
            format!(
                "grade {:.1} is above {GRADE_LIMIT:.1} for patient text",
                readability.grade
            ),
        ));
    }
    out
}

/// Each LOINC code must have the `NNNNN-C` shape and a correct check digit, so a typo in a
/// copied code cannot pass as another real test.
pub(super) fn loinc_problems(field: &str, codes: &[String]) -> Vec<String> {
    codes
        .iter()
        .filter(|c| !valid_loinc(c))
        .map(|c| {
            format!("{field}: {c:?} is not a valid LOINC code (shape NNNNN-C, mod-10 check digit)")
        })
        .collect()
}

/// LOINC's check digit: the Luhn (mod 10) digit of the part before the hyphen.
pub(crate) fn valid_loinc(code: &str) -> bool {
    let Some((body, check)) = code.split_once('-') else {
        return false;
    };
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits_only(body) || body.len() > 7 || check.len() != 1 || !digits_only(check) {
        return false;
    }
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let twice = d * 2;
                twice / 10 + twice % 10
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10 == u32::from(check.as_bytes()[0] - b'0')
}

pub(super) fn markdown_problems(entry: &Entry) -> Vec<Problem> {
    if entry.audience != Audience::Patient {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (n, line) in entry.body.lines().enumerate() {
        let t = line.trim();
        let what = if t.starts_with('|') {
            Some("a table")
        } else if t.contains("![") {
            Some("an image")
        } else if has_html(t) {
            Some("HTML")
        } else {
            None
        };
        if let Some(what) = what {
            out.push(Problem::error(
                Rule::Markdown,
                format!("body line {}: patient entries may not hold {what}", n + 1),
            ));
        }
    }
    out
}

/// `<tag`, `</tag` or `<!--`.
pub(super) fn has_html(line: &str) -> bool {
    line.match_indices('<').any(|(i, _)| {
        let next = line[i + 1..].chars().next();
        matches!(next, Some(c) if c.is_ascii_alphabetic() || c == '/' || c == '!')
    })
}

/// Every text of an entry a reader sees, with the field it comes from.
pub(super) fn entry_texts(entry: &Entry) -> Vec<(String, String)> {
    let mut out = vec![
        ("title".to_owned(), entry.title.clone()),
        ("summary".to_owned(), entry.summary.clone()),
        ("body".to_owned(), text::plain_text(&entry.body)),
    ];
    if let Some(s) = &entry.structured {
        for (i, t) in structured_texts(s).into_iter().enumerate() {
            out.push((format!("{}[{i}]", s.kind()), t));
        }
    }
    out
}

pub(super) fn structured_texts(s: &Structured) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |items: &[&String]| out.extend(items.iter().map(|s| (*s).clone()));
    match s {
        Structured::Drug(d) => {
            add(&[
                &d.purpose,
                &d.mechanism,
                &d.pregnancy,
                &d.vaccines,
                &d.class,
            ]);
            if let Some(m) = &d.missed_dose {
                add(&[m]);
            }
            for list in [
                &d.common_side_effects,
                &d.serious_side_effects,
                &d.monitoring_before,
                &d.monitoring_during,
                &d.call_care_team_if,
                &d.interactions,
            ] {
                add(&list.iter().collect::<Vec<_>>());
            }
        }
        Structured::Supplement(x) => {
            add(&[&x.typical_dose]);
            add(&x.cautions.iter().collect::<Vec<_>>());
        }
        Structured::RedFlag(f) => {
            add(&[&f.action]);
            add(&f.variants.iter().map(|v| &v.action).collect::<Vec<_>>());
        }
        Structured::Antibody(a) => {
            add(&[&a.target]);
            add(&a.flags.iter().collect::<Vec<_>>());
        }
        Structured::Test(t) => add(&[&t.measures, &t.why, &t.expect]),
        Structured::Foods(f) => {
            for food in f {
                add(&[&food.why]);
            }
        }
        Structured::Organisations(o) => {
            for org in o {
                add(&org.offers.iter().collect::<Vec<_>>());
            }
        }
        Structured::Glossary(_) => {}
    }
    out
}

pub(super) fn copy_problems(entry: &Entry, index: &CopyIndex<'_>) -> Vec<Problem> {
    let mut out = Vec::new();
    for (field, text) in entry_texts(entry) {
        let copies = index.copies(&text);
        if let Some((run, seed)) = copies.first() {
            let more = match copies.len() {
                1 => String::new(),
                n => format!(" (and {} more run(s))", n - 1),
            };
            out.push(Problem::error(
                Rule::Copy,
                format!("{field}: \"{run}\" is copied word for word from seed {seed}{more}"),
            ));
        }
    }
    out
}
