//! Entries that cannot be silently wrong: numbers as people write them, physiologically
//! possible ranges, dose plausibility per drug, and dates that have not happened yet.
//!
//! - [`parse_number`] reads `1850`, `1 850`, `1,850.5`, `1.850,5` and `1,85`, and refuses what
//!   could mean two things (`1,850` is 1850 in one country and 1.85 in another) unless the
//!   person's [`NumberStyle`] says which. It never rescales silently.
//! - [`check_possible`] refuses a lab value outside the range any living person could have
//!   (`rules/reference.toml` `[[possible]]`, cited), catching typos and wrong units.
//! - [`check_dose`] compares a medicine's dose with the usual adult range the caller passes in
//!   (the KB drug guide's cited `[drug].typical_adult_dose`; this crate does not read the KB):
//!   above the usual maximum the caller must ask for confirmation; above the hard limit
//!   (`[dose_check].hard_limit_factor` × the usual maximum) the dose is refused.
//! - [`check_not_future`] refuses a date after the person's today.

use serde::Deserialize;

use crate::date::Date;
use crate::error::{Invalid, Phrase, RulesError, Worded, WordedValue};
use crate::labs::{Analyte, Unit, convert};
use crate::medicines::{DoseUnit, MedicineInput, Schedule};
use crate::rules::{Rules, Status};

// ---- numbers ----------------------------------------------------------------------------------

/// How the person writes decimals, when known (from their profile).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberStyle {
    /// Not known: a number that reads two ways is refused as ambiguous.
    #[default]
    Unknown,
    /// `1,850.5` (point for decimals, comma between thousands).
    PointDecimal,
    /// `1.850,5` (comma for decimals, point between thousands).
    CommaDecimal,
}

/// Reads a number as people write it, or explains why not. `""` is `Ok(None)` (not given).
///
/// Accepted: digits with one decimal mark (`.` or `,`), thousands separated by spaces
/// (including no-break spaces), apostrophes, or the mark that is not the decimal one in
/// groups of three. A leading `-` or `+` is kept for the range check to judge. Refused: letters,
/// exponents, `inf`/`NaN`, a thousands group not of three digits, and a lone `,` or `.` followed
/// by exactly three digits after a non-zero digit (`1,850`, `1.850`) when `style` is `Unknown`.
pub fn parse_number(field: &str, text: &str, style: NumberStyle) -> Result<Option<f64>, Invalid> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = |why: &str| {
        Invalid::new(
            field,
            format!("'{t}' {why}"),
            "a number such as 1850 or 1.85",
        )
        .worded(
            "invalid-not-a-number",
            vec![("text", WordedValue::Text(t.to_owned()))],
        )
    };
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.strip_prefix('+').unwrap_or(t)),
    };
    // Spaces and apostrophes only ever group thousands.
    let mut digits = String::with_capacity(body.len());
    let mut groups_by_space = false;
    for c in body.chars() {
        match c {
            ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\'' | '’' => {
                groups_by_space = true;
                digits.push(' ');
            }
            '0'..='9' | '.' | ',' => digits.push(c),
            _ => return Err(bad("is not a number")),
        }
    }
    let marks: Vec<(usize, char)> = digits
        .char_indices()
        .filter(|(_, c)| matches!(c, '.' | ','))
        .collect();
    let points = marks.iter().filter(|(_, c)| *c == '.').count();
    let commas = marks.len() - points;
    // Which mark is the decimal one, if any.
    let decimal: Option<char> = match (points, commas) {
        (0, 0) => None,
        (p, c) if p > 0 && c > 0 => {
            // Both: the last one is the decimal mark and occurs once.
            let last = marks[marks.len() - 1].1;
            let n_last = if last == '.' { p } else { c };
            if n_last != 1 {
                return Err(bad("mixes separators in a way that cannot be read"));
            }
            Some(last)
        }
        (p, 0) if p > 1 => None,
        (0, c) if c > 1 => None,
        (_, _) => {
            // One mark. Three digits after it and a non-zero digit before reads two ways.
            let (i, m) = marks[0];
            let before = digits[..i].trim();
            let after = &digits[i + 1..];
            let three = after.len() == 3 && after.chars().all(|c| c.is_ascii_digit());
            let lead_nonzero = !before.is_empty() && !before.trim_start_matches('0').is_empty();
            let grouped_before = groups_by_space;
            if three && lead_nonzero && !grouped_before {
                match (style, m) {
                    (NumberStyle::PointDecimal, '.') | (NumberStyle::CommaDecimal, ',') => Some(m),
                    (NumberStyle::PointDecimal, ',') | (NumberStyle::CommaDecimal, '.') => None,
                    _ => {
                        let whole = format!("{before}{after}");
                        let dec = format!("{before}.{after}");
                        let (whole, dec) = (
                            whole.trim_start_matches('0'),
                            dec.trim_end_matches('0').trim_end_matches('.'),
                        );
                        return Err(Invalid::new(
                            field,
                            format!("'{t}' could mean {whole} or {dec}"),
                            format!(
                                "type it without the separator ({whole}) for a whole number, or with the decimals shortened ({dec}) for a decimal",
                            ),
                        )
                        .with(
                            Worded::new("invalid-ambiguous-number")
                                .text("text", t)
                                .num("whole", whole)
                                .num("decimal", dec),
                        ));
                    }
                }
            } else {
                // Not ambiguous: "1,85", "0,850", "1 850,5" (spaces group thousands).
                Some(m)
            }
        }
    };
    // Split into whole and fraction, check grouping.
    let (whole, frac) = match decimal {
        Some(d) => {
            let i = digits.rfind(d).unwrap_or(digits.len());
            (&digits[..i], Some(&digits[i + 1..]))
        }
        None => (digits.as_str(), None),
    };
    if let Some(f) = frac
        && (f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(bad("has separators after the decimal mark"));
    }
    let groups: Vec<&str> = whole.split([' ', '.', ',']).collect();
    let grouped = groups.len() > 1;
    if grouped {
        let ok = (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            return Err(bad("has thousands groups that are not three digits"));
        }
        // The thousands separator must be one kind (spaces, or the non-decimal mark).
        let seps: Vec<char> = whole.chars().filter(|c| !c.is_ascii_digit()).collect();
        if seps.windows(2).any(|w| w[0] != w[1]) {
            return Err(bad("mixes thousands separators"));
        }
        if decimal.is_some() && seps.first() == decimal.as_ref() {
            return Err(bad("uses the same mark for thousands and decimals"));
        }
    } else if whole.is_empty() && frac.is_none() {
        return Err(bad("has no digits"));
    }
    let plain = format!(
        "{sign}{}{}",
        if whole.is_empty() {
            "0".to_owned()
        } else {
            groups.concat()
        },
        frac.map_or_else(String::new, |f| format!(".{f}"))
    );
    plain
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or_else(|| bad("is not a number"))
}

// ---- possible ranges --------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPossible {
    analyte: String,
    unit: String,
    min: f64,
    max: f64,
    status: String,
    source: String,
}

/// The range of values a living person could have for one analyte (a typo catcher, not a
/// reference range).
#[derive(Debug, Clone, PartialEq)]
pub struct PossibleRange {
    /// Which analyte.
    pub analyte: Analyte,
    /// Unit of `min` and `max`.
    pub unit: Unit,
    /// Lowest possible value.
    pub min: f64,
    /// Highest possible value.
    pub max: f64,
    /// Checked status.
    pub status: Status,
    /// Citation.
    pub source: String,
}

pub(crate) fn possible_ranges(
    file: &'static str,
    raw: Vec<RawPossible>,
) -> Result<Vec<PossibleRange>, RulesError> {
    let fail = |p: String| RulesError { file, problem: p };
    let mut out: Vec<PossibleRange> = Vec::new();
    for a in Analyte::ALL {
        let mut hits = raw.iter().filter(|r| r.analyte == a.id());
        let r = hits
            .next()
            .ok_or_else(|| fail(format!("no [[possible]] range for {}", a.id())))?;
        if hits.next().is_some() {
            return Err(fail(format!("two [[possible]] ranges for {}", a.id())));
        }
        let unit =
            Unit::parse(&r.unit).ok_or_else(|| fail(format!("unknown unit '{}'", r.unit)))?;
        if !(r.min.is_finite() && r.max.is_finite() && 0.0 <= r.min && r.min < r.max) {
            return Err(fail(format!(
                "possible range of {} is not 0 <= min < max",
                a.id()
            )));
        }
        if r.source.trim().is_empty() {
            return Err(fail(format!("possible range of {} has no source", a.id())));
        }
        out.push(PossibleRange {
            analyte: a,
            unit,
            min: r.min,
            max: r.max,
            status: crate::rules::parse_status(file, &r.status)?,
            source: r.source.clone(),
        });
    }
    if let Some(r) = raw
        .iter()
        .find(|r| Analyte::ALL.iter().all(|a| a.id() != r.analyte))
    {
        return Err(fail(format!(
            "[[possible]] for unknown analyte '{}'",
            r.analyte
        )));
    }
    Ok(out)
}

/// Refuses a value outside the analyte's possible range (after converting it to the range's
/// unit with a cited factor), naming the field `value`.
pub fn check_possible(
    rules: &Rules,
    analyte: Analyte,
    value: f64,
    unit: Unit,
) -> Result<(), Invalid> {
    let p = &rules.possible[analyte as usize];
    let Ok(c) = convert(rules, analyte, value, unit, p.unit) else {
        return Ok(()); // the unit itself is refused elsewhere
    };
    if c.value < p.min || c.value > p.max {
        let (lo, hi) = if unit == p.unit {
            (p.min, p.max)
        } else {
            let back = |x: f64| convert(rules, analyte, x, p.unit, unit).map_or(x, |c| c.value);
            (back(p.min), back(p.max))
        };
        return Err(Invalid::new(
            "value",
            format!(
                "{} {} is outside what is possible for {}; check for a typing error or a different unit",
                trim_num(value),
                unit.display(),
                rules.analyte(analyte).label
            ),
            format!("{} to {} {}", trim_num(lo), trim_num(hi), unit.display()),
        )
        .with(
            Worded::new("invalid-impossible-value")
                .num("value", trim_num(value))
                .text("unit", unit.display())
                .part("test", Worded::new(format!("analyte-{}", analyte.id())))
                .num("low", trim_num(lo))
                .num("high", trim_num(hi)),
        ));
    }
    Ok(())
}

fn trim_num(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    format!("{r}")
}

// ---- dates ------------------------------------------------------------------------------------

/// Refuses a date after `today` (the person's today, in their time zone).
pub fn check_not_future(field: &str, date: Date, today: Date) -> Result<Date, Invalid> {
    if date > today {
        Err(Invalid::new(
            field,
            format!("{date} is in the future"),
            format!("today ({today}) or an earlier day"),
        )
        .worded(
            "invalid-future-date",
            vec![
                ("date", WordedValue::Date(date.to_string())),
                ("today", WordedValue::Date(today.to_string())),
            ],
        ))
    } else {
        Ok(date)
    }
}

// ---- doses ------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDoseCheck {
    hard_limit_factor: f64,
    reference_weight_kg: f64,
    reference_body_surface_m2: f64,
    status: String,
    source: String,
}

/// How far above the usual maximum a dose is refused, and the body size used for doses
/// counted per kilogram or per square metre when the person's own is not known.
#[derive(Debug, Clone, PartialEq)]
pub struct DoseCheckRule {
    /// A dose above this multiple of the usual maximum is refused.
    pub hard_limit_factor: f64,
    /// Body weight for per-kilogram doses, kg (a generous adult value).
    pub reference_weight_kg: f64,
    /// Body surface for per-square-metre doses, m² (a generous adult value).
    pub reference_body_surface_m2: f64,
    /// Checked status.
    pub status: Status,
    /// Citation.
    pub source: String,
}

pub(crate) fn dose_check_rule(
    file: &'static str,
    r: RawDoseCheck,
) -> Result<DoseCheckRule, RulesError> {
    let ok = |x: f64| x.is_finite() && x > 0.0;
    if !(ok(r.hard_limit_factor)
        && r.hard_limit_factor > 1.0
        && ok(r.reference_weight_kg)
        && ok(r.reference_body_surface_m2))
    {
        return Err(RulesError {
            file,
            problem: "dose_check values must be positive, factor > 1".into(),
        });
    }
    Ok(DoseCheckRule {
        hard_limit_factor: r.hard_limit_factor,
        reference_weight_kg: r.reference_weight_kg,
        reference_body_surface_m2: r.reference_body_surface_m2,
        status: crate::rules::parse_status(file, &r.status)?,
        source: r.source,
    })
}

/// What a usual dose is counted per (the KB's `basis` ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoseBasis {
    /// Each dose.
    PerDose,
    /// Each day.
    PerDay,
    /// Each week.
    PerWeek,
    /// Per kilogram per day.
    PerKgPerDay,
    /// Per kilogram per dose.
    PerKgPerDose,
    /// Per square metre per dose.
    PerM2PerDose,
    /// Per kilogram per course.
    PerKgPerCourse,
}

impl DoseBasis {
    /// Parses a KB basis id (`per_day`, `per_kg_per_day`, ...).
    pub fn parse(s: &str) -> Option<DoseBasis> {
        Some(match s {
            "per_dose" => DoseBasis::PerDose,
            "per_day" => DoseBasis::PerDay,
            "per_week" => DoseBasis::PerWeek,
            "per_kg_per_day" => DoseBasis::PerKgPerDay,
            "per_kg_per_dose" => DoseBasis::PerKgPerDose,
            "per_m2_per_dose" => DoseBasis::PerM2PerDose,
            "per_kg_per_course" => DoseBasis::PerKgPerCourse,
            _ => return None,
        })
    }

    fn period(self) -> &'static str {
        self.period_words().0
    }

    /// The period in English words and its message id.
    fn period_words(self) -> (&'static str, &'static str) {
        match self {
            DoseBasis::PerDose
            | DoseBasis::PerKgPerDose
            | DoseBasis::PerM2PerDose
            | DoseBasis::PerKgPerCourse => ("per dose", "dose-per-dose"),
            DoseBasis::PerDay | DoseBasis::PerKgPerDay => ("a day", "dose-a-day"),
            DoseBasis::PerWeek => ("a week", "dose-a-week"),
        }
    }
}

/// A drug's usual adult dose range, as the caller read it from the KB drug guide.
#[derive(Debug, Clone, PartialEq)]
pub struct UsualDose {
    /// Generic name.
    pub generic_name: String,
    /// Lower end.
    pub min: f64,
    /// Upper end (the highest published usual dose).
    pub max: f64,
    /// Unit of `min` and `max`.
    pub unit: DoseUnit,
    /// What the amount is counted per.
    pub basis: DoseBasis,
    /// Where it was read (KB entry and field), with "not yet verified" when its source is.
    pub source: Phrase,
}

/// How a dose compares with the usual range.
#[derive(Debug, Clone, PartialEq)]
pub enum DoseVerdict {
    /// At or below the usual maximum.
    Usual,
    /// Cannot be compared (e.g. a dose in mL or IU against a range in mg).
    NotChecked,
    /// Above the usual maximum but below the hard limit: ask the person to confirm, with a
    /// reason, before saving.
    AboveUsual {
        /// The explanation to show.
        message: Phrase,
    },
}

fn mg_factor(u: DoseUnit) -> Option<f64> {
    match u {
        DoseUnit::Mg => Some(1.0),
        DoseUnit::G => Some(1000.0),
        DoseUnit::Mcg => Some(0.001),
        DoseUnit::Iu | DoseUnit::Ml => None,
    }
}

/// The largest amount in the basis period (per dose, on the heaviest day, or in the heaviest
/// week) that the schedule gives, in the dose's unit.
fn amount_per_period(input: &MedicineInput, basis: DoseBasis) -> f64 {
    let per_dose = match &input.schedule {
        Schedule::Taper { steps, .. } => steps.iter().map(|s| s.dose.amount).fold(0.0, f64::max),
        _ => input.dose.amount,
    };
    let per_day = match &input.schedule {
        Schedule::SeveralDaily { times } => per_dose * times.len() as f64,
        _ => per_dose,
    };
    match basis {
        DoseBasis::PerDose
        | DoseBasis::PerKgPerDose
        | DoseBasis::PerM2PerDose
        | DoseBasis::PerKgPerCourse => per_dose,
        DoseBasis::PerDay | DoseBasis::PerKgPerDay => per_day,
        DoseBasis::PerWeek => match &input.schedule {
            Schedule::Daily { .. } | Schedule::Taper { .. } | Schedule::SeveralDaily { .. } => {
                per_day * 7.0
            }
            Schedule::Weekly { .. } | Schedule::EveryNWeeks { .. } => per_dose,
            Schedule::Course { dates, .. } => {
                let mut ds = dates.clone();
                ds.sort();
                let most = ds
                    .iter()
                    .map(|d| {
                        ds.iter()
                            .filter(|e| **e >= *d && d.days_until(**e) < 7)
                            .count()
                    })
                    .max()
                    .unwrap_or(1);
                per_dose * most as f64
            }
        },
    }
}

/// Compares the medicine's dose with the usual range. `Err` (field `dose.amount`) when it is
/// above the hard limit; `AboveUsual` when above the usual maximum.
pub fn check_dose(
    rules: &Rules,
    input: &MedicineInput,
    usual: &UsualDose,
) -> Result<DoseVerdict, Invalid> {
    let unit = match &input.schedule {
        Schedule::Taper { steps, .. } => steps.first().map_or(input.dose.unit, |s| s.dose.unit),
        _ => input.dose.unit,
    };
    let (Some(k_in), Some(k_usual)) = (mg_factor(unit), mg_factor(usual.unit)) else {
        return Ok(DoseVerdict::NotChecked);
    };
    let rule = &rules.dose_check;
    let body = match usual.basis {
        DoseBasis::PerKgPerDay | DoseBasis::PerKgPerDose | DoseBasis::PerKgPerCourse => {
            rule.reference_weight_kg
        }
        DoseBasis::PerM2PerDose => rule.reference_body_surface_m2,
        _ => 1.0,
    };
    // Both in the usual range's unit.
    let amount = amount_per_period(input, usual.basis) * k_in / k_usual;
    let max = usual.max * body;
    let hard = max * rule.hard_limit_factor;
    let per = usual.basis.period();
    let u = usual.unit.as_str();
    let (body_note, body) = match usual.basis {
        DoseBasis::PerKgPerDay | DoseBasis::PerKgPerDose | DoseBasis::PerKgPerCourse => (
            format!(" for a {} kg adult", trim_num(rule.reference_weight_kg)),
            Worded::new("dose-for-weight").num("kg", trim_num(rule.reference_weight_kg)),
        ),
        DoseBasis::PerM2PerDose => (
            format!(
                " for an adult of {} m²",
                trim_num(rule.reference_body_surface_m2)
            ),
            Worded::new("dose-for-surface").num("m2", trim_num(rule.reference_body_surface_m2)),
        ),
        _ => (String::new(), Worded::new("dose-for-anyone")),
    };
    // The values both wordings name.
    let said = |id: &'static str| {
        Worded::new(id)
            .num("amount", trim_num(amount))
            .text("unit", u)
            .part("per", Worded::new(usual.basis.period_words().1))
            .text("generic", usual.generic_name.clone())
            .num("max", trim_num(max))
            .part("body", body.clone())
    };
    if amount > hard {
        return Err(Invalid::new(
            "dose.amount",
            format!(
                "{} {u} {per} is more than {} times the highest usual dose of {} ({} {u} {per}{body_note}); this looks like a typing error",
                trim_num(amount),
                trim_num(rule.hard_limit_factor),
                usual.generic_name,
                trim_num(max),
            ),
            format!(
                "at most {} {u} {per}; check the label or ask your pharmacist",
                trim_num(hard)
            ),
        )
        .with(
            said("invalid-dose-too-high")
                .num("factor", trim_num(rule.hard_limit_factor))
                .num("hard", trim_num(hard)),
        ));
    }
    if amount > max {
        return Ok(DoseVerdict::AboveUsual {
            message: Phrase::new(
                format!(
                    "{} {u} {per} is above the highest usual dose of {} ({} {u} {per}{body_note}, from {}). If this is what your care team prescribed, confirm it and say why; if not, check the amount.",
                    trim_num(amount),
                    usual.generic_name,
                    trim_num(max),
                    usual.source
                ),
                said("warn-dose-above-usual").part("source", usual.source.worded.clone()),
            ),
        });
    }
    Ok(DoseVerdict::Usual)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Result<Option<f64>, Invalid> {
        parse_number("value", s, NumberStyle::Unknown)
    }

    #[test]
    fn numbers_read_one_way_or_are_refused() {
        assert_eq!(n("1850").unwrap(), Some(1850.0));
        assert_eq!(n("1 850").unwrap(), Some(1850.0));
        assert_eq!(n("1\u{202F}850").unwrap(), Some(1850.0));
        assert_eq!(n("1'850").unwrap(), Some(1850.0));
        assert_eq!(n("1,85").unwrap(), Some(1.85));
        assert_eq!(n("1.85").unwrap(), Some(1.85));
        assert_eq!(n("0,850").unwrap(), Some(0.85));
        assert_eq!(n("1,850.5").unwrap(), Some(1850.5));
        assert_eq!(n("1.850,5").unwrap(), Some(1850.5));
        assert_eq!(n("1 850,5").unwrap(), Some(1850.5));
        assert_eq!(n("12,345,678").unwrap(), Some(12_345_678.0));
        assert_eq!(n("1.234.567").unwrap(), Some(1_234_567.0));
        assert_eq!(n("1,8500").unwrap(), Some(1.85));
        assert_eq!(n("").unwrap(), None);
        for amb in ["1,850", "1.850", "12,500", "250.000"] {
            let e = n(amb).unwrap_err();
            assert!(e.problem.contains("could mean"), "{amb}: {e}");
        }
        for bad in [
            "1e3",
            "inf",
            "NaN",
            "12,34,567",
            "1,2.3,4",
            "1.850.5",
            "abc",
            "1 85",
            "1,,5",
            ".",
            "1\u{0}850",
        ] {
            assert!(n(bad).is_err(), "{bad} should be refused");
        }
        let us = |s| parse_number("value", s, NumberStyle::PointDecimal).unwrap();
        let eu = |s| parse_number("value", s, NumberStyle::CommaDecimal).unwrap();
        assert_eq!(us("1,850"), Some(1850.0));
        assert_eq!(eu("1,850"), Some(1.85));
        assert_eq!(us("1.850"), Some(1.85));
        assert_eq!(eu("1.850"), Some(1850.0));
    }
}
