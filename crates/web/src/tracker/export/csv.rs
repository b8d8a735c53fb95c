//! One CSV file per record kind (RFC 4180, UTF-8, header row), with the formula guard.

use myo_store::{export_cells, export_columns};

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

pub(super) fn csv(head: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = head.join(",");
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The CSV text of one file, or `None` for an unknown name. Its columns are the store's
/// declaration of the kind (`myo_store::export_columns`), so a column declared for export
/// there appears here without a second list.
pub fn csv_file(name: &str, d: &PatientData) -> Option<String> {
    let kind = super::super::kinds::KINDS
        .iter()
        .find(|k| k.csv.0 == name)?
        .kind;
    let rows = d.records(kind).iter().map(export_cells).collect();
    Some(csv(&export_columns(kind), rows))
}
