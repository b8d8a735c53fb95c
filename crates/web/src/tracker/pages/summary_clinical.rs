//! What a rheumatologist looks for beyond the diary, added to the visit summary page and its PDF:
//! the diagnosis with its codes and antibodies with their meaning, every lab result with its
//! reference range, each visit's instrument scores with their maxima and the Total Improvement
//! Score against the visit before, and doses recorded as missed. Nothing is computed for an
//! unassessed item: missing stays missing.

use myo_instruments::tis::Population;
use myo_store::PatientData;
use myo_tracker::Date;
use myo_tracker::labs::{RangeFlag, RefRange};
use myo_tracker::records::ConditionKind;
use myo_tracker::summary::PatientRecords;
use myo_tracker::tis::{tis_between, visit_scores};

use super::summary::{SummaryBlock, SummaryRequest};
use super::{Table, kb_antibody};
use crate::AppState;
use crate::i18n::{Tr, words};
use crate::tracker::convert;

/// Diagnoses (as recorded: Myo never diagnoses) and antibody results with what the knowledge
/// base says a positive result is associated with.
pub fn diagnosis_block(state: &AppState, data: &PatientData, tr: &Tr) -> SummaryBlock {
    let mut conditions = Table::new(
        "summary-conditions",
        &tr.t("clin-conditions-caption"),
        &[
            tr.t("clin-col-condition").as_str(),
            tr.t("clin-col-diagnosed").as_str(),
            tr.t("clin-col-resolved").as_str(),
            "ICD-10-CM",
            "SNOMED CT",
        ],
        &tr.t("clin-conditions-empty"),
    );
    let o = |v: &Option<String>| v.clone().unwrap_or_else(|| "–".to_owned());
    for c in &data.conditions {
        conditions.rows.push(vec![
            c.condition.replace('_', " "),
            c.diagnosed
                .as_deref()
                .map_or_else(|| "–".to_owned(), |d| words::date(tr, d)),
            c.resolved
                .as_deref()
                .map_or_else(|| "–".to_owned(), |d| words::date(tr, d)),
            o(&c.icd10cm),
            o(&c.snomed),
        ]);
    }
    let mut antibodies = Table::new(
        "summary-antibodies",
        &tr.t("clin-antibodies-caption"),
        &[
            tr.t("clin-col-antibody").as_str(),
            tr.t("clin-col-result").as_str(),
            tr.t("clin-col-sample-date").as_str(),
            tr.t("clin-col-associated").as_str(),
        ],
        &tr.t("clin-antibodies-empty"),
    );
    for r in &data.antibodies {
        let kb = kb_antibody(state.kb(), &r.antibody);
        let name = kb.map_or_else(|| format!("anti-{}", r.antibody), |(_, k)| k.name.clone());
        let meaning = match kb {
            Some((_, k)) if r.outcome == "positive" && !k.flags.is_empty() => k.flags.join("; "),
            _ if r.outcome == "positive" => tr.t("clin-no-kb-entry"),
            _ => "–".to_owned(),
        };
        antibodies.rows.push(vec![
            name,
            r.titre
                .as_ref()
                .map_or_else(|| r.outcome.clone(), |t| format!("{} ({t})", r.outcome)),
            words::date(tr, &r.date),
            meaning,
        ]);
    }
    SummaryBlock {
        id: "summary-diagnosis".into(),
        title: tr.t("clin-diagnosis-title"),
        lines: Vec::new(),
        tables: vec![conditions, antibodies],
        charts: Vec::new(),
    }
}

fn range_text(r: RefRange, unit: &str, tr: &Tr) -> String {
    let n = |v: f64| words::num(tr, v);
    match r {
        RefRange::Interval { low, high } => format!("{}–{} {unit}", n(low), n(high)),
        RefRange::Uln(u) => format!("≤ {} {unit}", n(u)),
        RefRange::NotGiven => tr.t("clin-not-given"),
    }
}

/// Every lab result in the range, oldest first per test, with the lab's reference range.
pub fn labs_table(records: &PatientRecords, from: Date, to: Date, tr: &Tr) -> Table {
    let mut t = Table::new(
        "summary-lab-results",
        &tr.t("clin-labs-caption"),
        &[
            tr.t("summary-col-test").as_str(),
            tr.t("column-date").as_str(),
            tr.t("clin-col-result").as_str(),
            tr.t("clin-col-range").as_str(),
            tr.t("clin-col-against").as_str(),
        ],
        &tr.t("summary-labs-empty"),
    );
    let mut labs: Vec<_> = records
        .labs
        .iter()
        .filter(|l| l.date >= from && l.date <= to)
        .collect();
    labs.sort_by(|a, b| a.analyte.id().cmp(b.analyte.id()).then(a.date.cmp(&b.date)));
    for l in labs {
        let unit = l.unit.display();
        t.rows.push(vec![
            l.analyte.id().to_uppercase(),
            words::date(tr, &l.date.to_string()),
            format!("{} {unit}", words::num(tr, l.value)),
            range_text(l.range, unit, tr),
            tr.t(match l.flag() {
                RangeFlag::Low => "clin-below",
                RangeFlag::Normal => "clin-within",
                RangeFlag::High => "clin-above",
                RangeFlag::Unknown => "clin-no-range",
            }),
        ]);
    }
    t
}

/// One lab test's results in a period, oldest first, for its trend.
pub struct LabTrend {
    /// Which test.
    pub analyte: myo_tracker::labs::Analyte,
    /// The unit of the latest result.
    pub unit: myo_tracker::labs::Unit,
    /// Results reported in `unit`, `(sample date, value)`, oldest first.
    pub points: Vec<(Date, f64)>,
    /// How many results were reported in another unit (not compared with the rest).
    pub other_units: usize,
}

/// Each lab test with a result in `from..=to`, in the reference order of tests.
pub fn lab_trends(records: &PatientRecords, from: Date, to: Date) -> Vec<LabTrend> {
    let mut by_test: std::collections::BTreeMap<_, Vec<_>> = Default::default();
    for l in records
        .labs
        .iter()
        .filter(|l| l.date >= from && l.date <= to)
    {
        by_test.entry(l.analyte).or_default().push(l);
    }
    by_test
        .into_iter()
        .filter_map(|(analyte, mut labs)| {
            labs.sort_by_key(|l| l.date);
            let unit = labs.last()?.unit;
            let points: Vec<_> = labs
                .iter()
                .filter(|l| l.unit == unit)
                .map(|l| (l.date, l.value))
                .collect();
            Some(LabTrend {
                analyte,
                unit,
                other_units: labs.len() - points.len(),
                points,
            })
        })
        .collect()
}

/// How the latest value compares with the first in the period, in words (nothing is compared
/// across units, and one result has no trend).
fn change_words(t: &LabTrend, tr: &Tr) -> String {
    let (Some(first), Some(last)) = (t.points.first(), t.points.last()) else {
        return "–".to_owned();
    };
    if t.points.len() < 2 {
        return tr.t("clin-trend-one");
    }
    if first.1.total_cmp(&last.1).is_eq() {
        return tr.t("clin-trend-same");
    }
    if first.1 == 0.0 {
        return tr.t("clin-trend-up-from-zero");
    }
    // Whole per cent, or one decimal for a change under 1 % (never "0 %" for a change).
    let raw = ((last.1 - first.1) / first.1 * 100.0).abs();
    let pct = if raw < 1.0 {
        (raw * 10.0).round().max(1.0) / 10.0
    } else {
        raw.round()
    };
    let key = if last.1 > first.1 {
        "clin-trend-up"
    } else {
        "clin-trend-down"
    };
    tr.t1(key, "pct", words::num(tr, pct))
}

fn value_on(v: (Date, f64), unit: &str, tr: &Tr) -> String {
    tr.t2(
        "summary-value-on",
        "value",
        format!("{} {unit}", words::num(tr, v.1)),
        "date",
        words::date(tr, &v.0.to_string()),
    )
}

/// One line per test for the PDF's sparklines: name, first and latest value, change.
pub fn trend_words(t: &LabTrend, tr: &Tr) -> String {
    let unit = t.unit.display();
    let mut s = format!("{}:", t.analyte.id().to_uppercase());
    if let (Some(first), Some(last)) = (t.points.first(), t.points.last()) {
        s = format!(
            "{s} {} → {} ({})",
            value_on(*first, unit, tr),
            value_on(*last, unit, tr),
            change_words(t, tr)
        );
    }
    if t.other_units > 0 {
        s = format!(
            "{s}; {}",
            tr.t1("clin-trend-other-units", "n", t.other_units)
        );
    }
    s
}

/// The trend of each test over the period: how many results, the lowest and highest, the
/// first and the latest, and the change between them.
pub fn trends_table(records: &PatientRecords, from: Date, to: Date, tr: &Tr) -> Table {
    let mut t = Table::new(
        "summary-lab-trends",
        &tr.t("clin-trends-caption"),
        &[
            tr.t("summary-col-test").as_str(),
            tr.t("summary-col-results").as_str(),
            tr.t("summary-col-lowest").as_str(),
            tr.t("summary-col-highest").as_str(),
            tr.t("summary-col-first").as_str(),
            tr.t("summary-col-latest").as_str(),
            tr.t("clin-col-change").as_str(),
        ],
        &tr.t("summary-labs-empty"),
    );
    for l in lab_trends(records, from, to) {
        let unit = l.unit.display();
        let pick = |better: fn(f64, f64) -> bool| {
            l.points
                .iter()
                .copied()
                .reduce(|a, b| if better(b.1, a.1) { b } else { a })
                .map_or_else(|| "–".to_owned(), |v| value_on(v, unit, tr))
        };
        let mut change = change_words(&l, tr);
        if l.other_units > 0 {
            change = format!(
                "{change}; {}",
                tr.t1("clin-trend-other-units", "n", l.other_units)
            );
        }
        t.rows.push(vec![
            l.analyte.id().to_uppercase(),
            (l.points.len() + l.other_units).to_string(),
            pick(|a, b| a < b),
            pick(|a, b| a > b),
            l.points
                .first()
                .map_or_else(|| "–".to_owned(), |v| value_on(*v, unit, tr)),
            l.points
                .last()
                .map_or_else(|| "–".to_owned(), |v| value_on(*v, unit, tr)),
            change,
        ]);
    }
    t
}

/// Visits in the range: MMT-8, HAQ-DI and CMAS with their maxima, and the TIS 2016 against the
/// visit before (a lower bound when a measure is missing).
pub fn visits_table(
    state: &AppState,
    records: &PatientRecords,
    from: Date,
    to: Date,
    tr: &Tr,
) -> Table {
    let mut t = Table::new(
        "summary-visits",
        &tr.t("clin-visits-caption"),
        &[
            tr.t("column-date").as_str(),
            "MMT-8",
            "HAQ-DI",
            "CMAS",
            tr.t("clin-col-tis").as_str(),
        ],
        &tr.t("clin-visits-empty"),
    );
    let catalog = state.scorer().catalog();
    let juvenile = records.conditions.iter().any(|c| {
        matches!(
            c.kind,
            ConditionKind::JuvenileDm | ConditionKind::JuvenileDmAmyopathic
        )
    });
    let population = if juvenile {
        Population::Juvenile
    } else {
        Population::Adult
    };
    let mut visits: Vec<_> = records.visits.iter().filter(|v| v.date <= to).collect();
    visits.sort_by_key(|v| v.date);
    let not = || tr.t("clin-not-assessed");
    for (i, v) in visits.iter().enumerate() {
        if v.date < from {
            continue;
        }
        let Ok(s) = visit_scores(catalog, v) else {
            t.rows.push(vec![
                words::date(tr, &v.date.to_string()),
                tr.t("clin-not-scored"),
                String::new(),
                String::new(),
                String::new(),
            ]);
            continue;
        };
        let mmt = match (s.mmt8_total, s.mmt8_max) {
            (Some(x), Some(m)) => tr.t2("clin-of", "value", x.to_string(), "max", m.to_string()),
            (None, Some(m)) => tr.t1("clin-incomplete", "max", m.to_string()),
            _ => not(),
        };
        let haq = s.haq_di_thousandths.map_or_else(not, |h| {
            tr.t2(
                "clin-haq",
                "value",
                words::num(tr, h as f64 / 1000.0),
                "max",
                catalog.haq.item_max.to_string(),
            )
        });
        let cmas = s.cmas_total.map_or_else(not, |c| {
            tr.t2(
                "clin-of",
                "value",
                c.to_string(),
                "max",
                catalog.cmas.max_total.to_string(),
            )
        });
        let tis = match i.checked_sub(1).and_then(|p| visits.get(p)) {
            None => tr.t("clin-no-visit-before"),
            Some(prev) => match tis_between(catalog, population, prev, v) {
                Ok(o) => {
                    use crate::i18n::ToArg;
                    tr.ta(
                        if o.complete {
                            "clin-tis"
                        } else {
                            "clin-tis-lower-bound"
                        },
                        &[
                            ("score", o.tis.to_string().to_arg()),
                            ("category", o.category.as_str().to_arg()),
                            ("date", words::date(tr, &prev.date.to_string()).to_arg()),
                        ],
                    )
                }
                Err(e) => tr.t1("clin-not-computed", "why", e.to_string()),
            },
        };
        t.rows.push(vec![
            words::date(tr, &v.date.to_string()),
            mmt,
            haq,
            cmas,
            tis,
        ]);
    }
    t
}

/// Doses recorded as missed in the range, by medicine and day.
pub fn missed_table(data: &PatientData, from: Date, to: Date, tr: &Tr) -> Table {
    let mut t = Table::new(
        "summary-missed",
        &tr.t("clin-missed-caption"),
        &[
            tr.t("column-date").as_str(),
            tr.t("clin-col-time").as_str(),
            tr.t("summary-col-medicine").as_str(),
        ],
        &tr.t("clin-missed-empty"),
    );
    let (f, l) = (from.to_string(), to.to_string());
    let mut rows: Vec<Vec<String>> = data
        .dose_events
        .iter()
        .filter(|e| e.outcome == "missed" && e.date >= f && e.date <= l)
        .map(|e| {
            let name = data
                .medicines
                .iter()
                .find(|m| m.id == e.medicine_id)
                .map_or_else(|| tr.t("clin-deleted-medicine"), |m| m.name.clone());
            vec![words::date(tr, &e.date), e.time.clone(), name]
        })
        .collect();
    rows.sort();
    t.rows = rows;
    t
}

/// Adds the clinical detail to the blocks of a summary (page and PDF): the diagnosis first (from
/// `history`, the records up to the last day whatever their date), and the tables above inside
/// the sections chosen (from `data`, the records loaded for the range).
pub fn enrich(
    state: &AppState,
    data: &PatientData,
    history: &PatientData,
    records: &PatientRecords,
    req: &SummaryRequest,
    blocks: &mut Vec<SummaryBlock>,
    tr: &Tr,
) {
    for b in blocks.iter_mut() {
        match b.id.as_str() {
            // The whole history, not the range's records: the visit before the first one in the
            // range, and a juvenile diagnosis made earlier, decide the TIS rows.
            "summary-strength" => b.tables.push(visits_table(
                state,
                &convert::records(state.rules(), state.scorer().catalog(), history),
                req.from,
                req.to,
                tr,
            )),
            "summary-labs" => {
                b.tables.push(trends_table(records, req.from, req.to, tr));
                b.tables.push(labs_table(records, req.from, req.to, tr));
            }
            "summary-medicines" => b.tables.push(missed_table(data, req.from, req.to, tr)),
            _ => {}
        }
    }
    blocks.insert(0, diagnosis_block(state, history, tr));
}

#[cfg(test)]
mod tests {
    use myo_tracker::labs::{Analyte, LabResult, RefRange, Unit};

    use super::*;

    fn lab(analyte: Analyte, value: f64, unit: Unit, date: &str) -> LabResult {
        LabResult {
            analyte,
            value,
            unit,
            range: RefRange::NotGiven,
            date: Date::parse("date", date).unwrap_or_else(|e| panic!("{e}")),
            loinc: None,
        }
    }

    #[test]
    fn trends_compare_first_and_latest_in_one_unit() {
        let catalog = crate::i18n::Catalog::builtin().unwrap_or_else(|e| panic!("{e}"));
        let tr = Tr::new(std::sync::Arc::new(catalog), crate::i18n::Lang::En);
        let records = PatientRecords {
            labs: vec![
                lab(Analyte::Ck, 2000.0, Unit::UPerL, "2026-01-20"),
                lab(Analyte::Ck, 500.0, Unit::UPerL, "2026-01-05"),
                lab(Analyte::Ck, 9.0, Unit::UkatPerL, "2026-01-10"),
                lab(Analyte::Ck, 1.0, Unit::UPerL, "2025-12-01"),
                lab(Analyte::Alt, 40.0, Unit::UPerL, "2026-01-07"),
                lab(Analyte::Ast, 100.0, Unit::UPerL, "2026-01-02"),
                lab(Analyte::Ast, 100.5, Unit::UPerL, "2026-01-09"),
            ],
            ..PatientRecords::default()
        };
        let d = |s| Date::parse("d", s).unwrap_or_else(|e| panic!("{e}"));
        let trends = lab_trends(&records, d("2026-01-01"), d("2026-01-31"));
        let words: Vec<String> = trends.iter().map(|t| trend_words(t, &tr)).collect();
        // Oldest first, out-of-range days left out, another unit counted but not compared.
        assert_eq!(trends[0].analyte, Analyte::Ck);
        assert_eq!(trends[0].points.len(), 2);
        assert_eq!(trends[0].other_units, 1);
        assert!(words[0].contains("up 300\u{a0}%"), "{words:?}");
        assert!(words[0].contains("1 in another unit"), "{words:?}");
        assert!(words.iter().any(|w| w.contains("one result")), "{words:?}");
        assert!(
            words.iter().any(|w| w.contains("up 0.5\u{a0}%")),
            "{words:?}"
        );
        let t = trends_table(&records, d("2026-01-01"), d("2026-01-31"), &tr);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0][1], "3", "every CK result is counted");
        assert!(
            t.rows[0][2].starts_with("500 U/L"),
            "lowest: {:?}",
            t.rows[0]
        );
        assert!(
            t.rows[0][3].starts_with("2000 U/L"),
            "highest: {:?}",
            t.rows[0]
        );
    }
}
