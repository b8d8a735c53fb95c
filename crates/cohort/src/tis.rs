//! Long-format instruments (TIS): one row per visit. Each patient's first row in the file is
//! the baseline; every later row of that patient is a follow-up scored against it. The rule is
//! named in the `baseline_rule` column of every row.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::cell::Cell;
use crate::fields::Fields;
use crate::out::{Builders, RowResult};
use crate::plan::{Plan, Row, RowError};

/// The baseline rule, as written in the `baseline_rule` column.
pub const BASELINE_RULE: &str = "first_row_per_patient";

/// The visit field groups of the long-format input (`baseline` and `followup` share a shape).
const VISIT: &str = "baseline";
const FOLLOWUP: &str = "followup";

/// The columns of a long-format instrument: one visit's measures, plus the case-level fields
/// (`population`, `mmt_max`), read from each follow-up row.
pub fn long_fields(all: &Fields) -> Fields {
    let mut visit = all.split_visit(VISIT);
    let mut fields: Vec<_> = top_fields(all).cloned().collect();
    fields.append(&mut visit.fields);
    Fields {
        fields,
        groups: visit.groups,
    }
}

/// The case-level fields: neither a visit nor inside one.
fn top_fields(all: &Fields) -> impl Iterator<Item = &crate::fields::Field> {
    let inside = |p: &str, g: &str| p == g || p.starts_with(&format!("{g}."));
    all.fields
        .iter()
        .filter(move |f| !inside(&f.path, VISIT) && !inside(&f.path, FOLLOWUP))
}

/// Per-plan settings of a long-format instrument.
pub(crate) struct Long {
    pub date_col: usize,
    today: Option<jiff::civil::Date>,
    /// Field indices of the case-level fields and of the visit fields.
    top: Vec<usize>,
    visit: Fields,
    visit_index: Vec<usize>,
}

/// The baselines seen so far, by patient (bounded by the number of patients).
#[derive(Default)]
pub(crate) struct LongState {
    baselines: HashMap<String, Baseline>,
}

struct Baseline {
    date: jiff::civil::Date,
    text: String,
    /// The visit's measures, or `None` when the baseline row was refused.
    visit: Option<Value>,
}

impl Long {
    pub(crate) fn new(
        fields: &Fields,
        all: &Fields,
        date_col: usize,
        today: Option<jiff::civil::Date>,
    ) -> Long {
        let top_names: Vec<&str> = top_fields(all).map(|f| f.path.as_str()).collect();
        let (mut top, mut visit_index) = (Vec::new(), Vec::new());
        for (i, f) in fields.fields.iter().enumerate() {
            if top_names.contains(&f.path.as_str()) {
                top.push(i)
            } else {
                visit_index.push(i)
            }
        }
        let visit = Fields {
            fields: visit_index
                .iter()
                .map(|&i| fields.fields[i].clone())
                .collect(),
            groups: fields.groups.clone(),
        };
        Long {
            date_col,
            today,
            top,
            visit,
            visit_index,
        }
    }

    pub(crate) fn score(
        &self,
        plan: &Plan,
        row: &impl Row,
        out: &mut Builders,
    ) -> Result<(), RowError> {
        let patient = match plan.id_col.map(|c| row.cell(c)) {
            Some(Cell::Text(t)) if !t.iter().all(u8::is_ascii_whitespace) => {
                String::from_utf8_lossy(t).trim().to_owned()
            }
            Some(Cell::Int(n)) => n.to_string(),
            _ => {
                out.visit(None, None, Some(BASELINE_RULE));
                return Err(RowError {
                    field: "patient".into(),
                    kind: Cow::Borrowed("no patient id"),
                    text: "field patient: the patient id is blank".into(),
                });
            }
        };
        let date_text = match row.cell(self.date_col) {
            Cell::Text(t) => String::from_utf8_lossy(t).trim().to_owned(),
            _ => String::new(),
        };
        let date = match self.date(&date_text) {
            Ok(d) => d,
            Err(e) => {
                out.visit(Some(&date_text), None, Some(BASELINE_RULE));
                return Err(e);
            }
        };
        let visit = plan.json_with(&self.visit, |j| plan.value(row, self.visit_index[j]));
        let mut state = plan.long_state.lock().unwrap_or_else(|p| p.into_inner());
        let Some(base) = state.baselines.get(&patient) else {
            out.visit(Some(&date_text), Some(&date_text), Some(BASELINE_RULE));
            let ok = visit.as_ref().ok().cloned();
            state.baselines.insert(
                patient,
                Baseline {
                    date,
                    text: date_text,
                    visit: ok,
                },
            );
            let visit = visit?;
            let meta = &plan.scorer.catalog().tis.meta;
            let _ = visit;
            let r = RowResult {
                category: Some("baseline"),
                status: Some(meta.status.as_str()),
                revision: Some(meta.revision),
                ..RowResult::default()
            };
            out.scored(&r, |_| {});
            return Ok(());
        };
        out.visit(Some(&date_text), Some(&base.text), Some(BASELINE_RULE));
        if date <= base.date {
            return Err(RowError {
                field: "visit_date".into(),
                kind: Cow::Borrowed("not after the baseline visit"),
                text: format!(
                    "field visit_date: {date_text} is not after this patient's baseline visit ({}); list each patient's visits in date order",
                    base.text
                ),
            });
        }
        let Some(baseline) = base.visit.clone() else {
            return Err(RowError {
                field: "baseline".into(),
                kind: Cow::Borrowed("baseline visit refused"),
                text: format!(
                    "field baseline: this patient's baseline visit ({}) was refused, so no follow-up can be scored",
                    base.text
                ),
            });
        };
        drop(state);
        let followup = visit?;
        let mut case = Map::new();
        let top = plan.json_with(
            &crate::fields::Fields {
                fields: self
                    .top
                    .iter()
                    .map(|&i| plan.fields.fields[i].clone())
                    .collect(),
                groups: Vec::new(),
            },
            |j| plan.value(row, self.top[j]),
        )?;
        if let Value::Object(m) = top {
            case.extend(m);
        }
        case.insert(VISIT.into(), baseline);
        case.insert(FOLLOWUP.into(), followup);
        plan.generic(&Value::Object(case), out)
    }

    fn date(&self, text: &str) -> Result<jiff::civil::Date, RowError> {
        let bad = |why: &str| RowError {
            field: "visit_date".into(),
            kind: Cow::Owned(why.to_owned()),
            text: format!("field visit_date: {text:?} is {why} (allowed: a date as YYYY-MM-DD)"),
        };
        if text.is_empty() {
            return Err(bad("blank"));
        }
        let ok = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
        let date: jiff::civil::Date = text
            .parse()
            .ok()
            .filter(|_| ok)
            .ok_or_else(|| bad("not a date"))?;
        if self.today.is_some_and(|t| date > t) {
            return Err(bad("in the future"));
        }
        Ok(date)
    }
}
