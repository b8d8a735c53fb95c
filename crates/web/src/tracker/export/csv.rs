//! One CSV file per record kind (RFC 4180, UTF-8, header row), with the formula guard.

use super::*;

/// Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection), with
/// their full-width forms, which some spreadsheets fold to the ASCII ones.
pub(super) const FORMULA_START: [char; 8] = [
    '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
];

/// Whether a spreadsheet might run `s` as a formula: it starts with tab or carriage return
/// (OWASP triggers), or, after any leading whitespace (which some imports drop), with one of
/// [`FORMULA_START`]. A plain number such as `-5` or `+1.5` is data, not a formula; `-inf` or
/// `+NaN`, which Rust reads as numbers, are not (a spreadsheet reads them as names).
pub(super) fn formula_like(s: &str) -> bool {
    if s.starts_with(['\t', '\r']) {
        return true;
    }
    let rest = s.trim_start();
    rest.starts_with(FORMULA_START) && !rest.trim_end().parse::<f64>().is_ok_and(f64::is_finite)
}

/// One CSV cell, quoted when it must be. A cell a spreadsheet might run as a formula (see
/// [`formula_like`]) is prefixed with `'`, which spreadsheets show as text.
pub(super) fn cell(s: &str) -> String {
    let s = if formula_like(s) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub(super) fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |x| x.to_string())
}

pub(super) fn csv(head: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = head.join(",");
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The CSV text of one file, or `None` for an unknown name.
pub fn csv_file(name: &str, d: &PatientData) -> Option<String> {
    Some(match name {
        "diary.csv" => csv(
            &[
                "id",
                "date",
                "weakness",
                "fatigue",
                "pain",
                "rash",
                "itch",
                "sleep_quality",
                "mood",
                "swallowing_trouble",
                "breathlessness",
                "fever",
                "new_skin_sores",
                "note",
            ],
            d.diary
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.date.clone(),
                        opt(r.weakness),
                        opt(r.fatigue),
                        opt(r.pain),
                        opt(r.rash),
                        opt(r.itch),
                        opt(r.sleep_quality),
                        opt(r.mood),
                        opt(r.swallowing_trouble),
                        opt(r.breathlessness),
                        opt(r.fever),
                        opt(r.new_skin_sores),
                        opt(r.note.as_ref()),
                    ]
                })
                .collect(),
        ),
        "labs.csv" => csv(
            &[
                "id",
                "date",
                "analyte",
                "value",
                "unit",
                "range_low",
                "range_high",
                "uln",
                "loinc",
            ],
            d.labs
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.date.clone(),
                        r.analyte.clone(),
                        r.value.clone(),
                        r.unit.clone(),
                        opt(r.range_low.as_ref()),
                        opt(r.range_high.as_ref()),
                        opt(r.uln.as_ref()),
                        opt(r.loinc.as_ref()),
                    ]
                })
                .collect(),
        ),
        "medicines.csv" => csv(
            &[
                "id",
                "name",
                "generic_name",
                "rxcui",
                "dose_amount",
                "dose_unit",
                "route",
                "schedule_kind",
                "schedule",
                "start",
                "end",
                "risk_factor",
                "stop_reason",
                "follows",
            ],
            d.medicines
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.name.clone(),
                        opt(r.generic_name.as_ref()),
                        opt(r.rxcui.as_ref()),
                        r.dose_amount.to_string(),
                        r.dose_unit.clone(),
                        r.route.clone(),
                        r.schedule_kind.clone(),
                        r.schedule_json.clone(),
                        r.start_date.clone(),
                        opt(r.end_date.as_ref()),
                        r.risk_factor.to_string(),
                        opt(r.stop_reason.as_ref()),
                        opt(r.follows.as_ref()),
                    ]
                })
                .collect(),
        ),
        "doses.csv" => csv(
            &["id", "medicine_id", "date", "time", "outcome"],
            d.dose_events
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.medicine_id.to_string(),
                        r.date.clone(),
                        r.time.clone(),
                        r.outcome.clone(),
                    ]
                })
                .collect(),
        ),
        "home_tests.csv" => csv(
            &[
                "id",
                "date",
                "sit_to_stand_30s",
                "timed_up_and_go_s",
                "arm_raise_s",
            ],
            d.home_tests
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.date.clone(),
                        opt(r.sit_to_stand_30s),
                        opt(r.timed_up_and_go_s),
                        opt(r.arm_raise_s),
                    ]
                })
                .collect(),
        ),
        "conditions.csv" => csv(
            &[
                "id",
                "condition",
                "icd10cm",
                "snomed",
                "diagnosed",
                "resolved",
            ],
            d.conditions
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.condition.clone(),
                        opt(r.icd10cm.as_ref()),
                        opt(r.snomed.as_ref()),
                        opt(r.diagnosed.as_ref()),
                        opt(r.resolved.as_ref()),
                    ]
                })
                .collect(),
        ),
        "visits.csv" => csv(
            &[
                "id",
                "date",
                "physician_global",
                "patient_global",
                "extramuscular",
                "mmt8",
                "enzymes",
            ],
            d.visits
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.date.clone(),
                        opt(r.physician_global),
                        opt(r.patient_global),
                        opt(r.extramuscular),
                        opt(r.mmt8_json.as_ref()),
                        r.enzymes_json.clone(),
                    ]
                })
                .collect(),
        ),
        "antibodies.csv" => csv(
            &["id", "date", "antibody", "outcome", "titre", "loinc"],
            d.antibodies
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.date.clone(),
                        r.antibody.clone(),
                        r.outcome.clone(),
                        opt(r.titre.as_ref()),
                        opt(r.loinc.as_ref()),
                    ]
                })
                .collect(),
        ),
        "assessments.csv" => csv(
            &["id", "date", "instrument", "input", "results"],
            d.assessments
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.date.clone(),
                        r.instrument.clone(),
                        r.input_json.clone(),
                        r.results_json.clone(),
                    ]
                })
                .collect(),
        ),
        _ => return None,
    })
}
