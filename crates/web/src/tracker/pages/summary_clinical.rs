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
use super::{Table, fmt_num, kb_antibody};
use crate::AppState;
use crate::tracker::convert;

/// Diagnoses (as recorded: Myo never diagnoses) and antibody results with what the knowledge
/// base says a positive result is associated with.
pub fn diagnosis_block(state: &AppState, data: &PatientData) -> SummaryBlock {
    let mut conditions = Table::new(
        "summary-conditions",
        "Diagnoses as recorded",
        &[
            "Condition",
            "Diagnosed",
            "Resolved",
            "ICD-10-CM",
            "SNOMED CT",
        ],
        "No diagnosis recorded.",
    );
    let o = |v: &Option<String>| v.clone().unwrap_or_else(|| "–".to_owned());
    for c in &data.conditions {
        conditions.rows.push(vec![
            c.condition.replace('_', " "),
            o(&c.diagnosed),
            o(&c.resolved),
            o(&c.icd10cm),
            o(&c.snomed),
        ]);
    }
    let mut antibodies = Table::new(
        "summary-antibodies",
        "Antibody results and what a positive result is associated with",
        &[
            "Antibody",
            "Result",
            "Sample date",
            "Associated with (knowledge base)",
        ],
        "No antibody result recorded.",
    );
    for r in &data.antibodies {
        let kb = kb_antibody(state.kb(), &r.antibody);
        let name = kb.map_or_else(|| format!("anti-{}", r.antibody), |(_, k)| k.name.clone());
        let meaning = match kb {
            Some((_, k)) if r.outcome == "positive" && !k.flags.is_empty() => k.flags.join("; "),
            _ if r.outcome == "positive" => "no knowledge-base entry".to_owned(),
            _ => "–".to_owned(),
        };
        antibodies.rows.push(vec![
            name,
            r.titre
                .as_ref()
                .map_or_else(|| r.outcome.clone(), |t| format!("{} ({t})", r.outcome)),
            r.date.clone(),
            meaning,
        ]);
    }
    SummaryBlock {
        id: "summary-diagnosis".into(),
        title: "Diagnosis and antibodies".into(),
        lines: Vec::new(),
        tables: vec![conditions, antibodies],
        charts: Vec::new(),
    }
}

fn range_text(r: RefRange, unit: &str) -> String {
    match r {
        RefRange::Interval { low, high } => format!("{}–{} {unit}", fmt_num(low), fmt_num(high)),
        RefRange::Uln(u) => format!("≤ {} {unit}", fmt_num(u)),
        RefRange::NotGiven => "not given".to_owned(),
    }
}

/// Every lab result in the range, oldest first per test, with the lab's reference range.
pub fn labs_table(records: &PatientRecords, from: Date, to: Date) -> Table {
    let mut t = Table::new(
        "summary-lab-results",
        "Each result with the lab's reference range",
        &["Test", "Date", "Result", "Reference range", "Against range"],
        "No lab results in the range.",
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
            l.date.to_string(),
            format!("{} {unit}", fmt_num(l.value)),
            range_text(l.range, unit),
            match l.flag() {
                RangeFlag::Low => "below",
                RangeFlag::Normal => "within",
                RangeFlag::High => "above",
                RangeFlag::Unknown => "no range given",
            }
            .to_owned(),
        ]);
    }
    t
}

/// Visits in the range: MMT-8, HAQ-DI and CMAS with their maxima, and the TIS 2016 against the
/// visit before (a lower bound when a measure is missing).
pub fn visits_table(state: &AppState, records: &PatientRecords, from: Date, to: Date) -> Table {
    let mut t = Table::new(
        "summary-visits",
        "Visits: instrument scores and Total Improvement Score",
        &[
            "Date",
            "MMT-8",
            "HAQ-DI",
            "CMAS",
            "TIS against the visit before",
        ],
        "No visit recorded in the range.",
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
    let not = || "not assessed".to_owned();
    for (i, v) in visits.iter().enumerate() {
        if v.date < from {
            continue;
        }
        let Ok(s) = visit_scores(catalog, v) else {
            t.rows.push(vec![
                v.date.to_string(),
                "could not be scored".into(),
                String::new(),
                String::new(),
                String::new(),
            ]);
            continue;
        };
        let mmt = match (s.mmt8_total, s.mmt8_max) {
            (Some(x), Some(m)) => format!("{x} of {m}"),
            (None, Some(m)) => format!("incomplete (of {m})"),
            _ => not(),
        };
        let haq = s.haq_di_thousandths.map_or_else(not, |h| {
            format!(
                "{} (0 best to {})",
                fmt_num(h as f64 / 1000.0),
                catalog.haq.item_max
            )
        });
        let cmas = s
            .cmas_total
            .map_or_else(not, |c| format!("{c} of {}", catalog.cmas.max_total));
        let tis = match i.checked_sub(1).and_then(|p| visits.get(p)) {
            None => "no visit before".to_owned(),
            Some(prev) => match tis_between(catalog, population, prev, v) {
                Ok(o) => format!(
                    "{} of 100, {} improvement{} (from {})",
                    o.tis,
                    o.category.as_str(),
                    if o.complete {
                        ""
                    } else {
                        "; a lower bound, some measures missing"
                    },
                    prev.date
                ),
                Err(e) => format!("not computed: {e}"),
            },
        };
        t.rows.push(vec![v.date.to_string(), mmt, haq, cmas, tis]);
    }
    t
}

/// Doses recorded as missed in the range, by medicine and day.
pub fn missed_table(data: &PatientData, from: Date, to: Date) -> Table {
    let mut t = Table::new(
        "summary-missed",
        "Doses recorded as missed",
        &["Date", "Time", "Medicine"],
        "No missed dose recorded (doses not logged are unknown, not taken or missed).",
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
                .map_or_else(|| "a deleted medicine".to_owned(), |m| m.name.clone());
            vec![e.date.clone(), e.time.clone(), name]
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
            )),
            "summary-labs" => b.tables.push(labs_table(records, req.from, req.to)),
            "summary-medicines" => b.tables.push(missed_table(data, req.from, req.to)),
            _ => {}
        }
    }
    blocks.insert(0, diagnosis_block(state, history));
}
