//! A chunk's EULAR/ACR results as columns, written straight to CSV text or built into the
//! result batch: the same bytes and the same arrays as the row-by-row builders
//! ([`crate::out::Builders`] rendered by [`crate::csv_out::rows`]), with each cell taken from
//! the row's summary and no per-cell dispatch.

use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use myo_api::InputError;
use myo_instruments::eular_acr::batch::{self, Cases};
use myo_instruments::eular_acr::{Def, Summary};

use crate::csv_out::{KeyedFloats, Numbers, View, needs_quotes, text};
use crate::eular::row_result;
use crate::out::{MISSING_SEPARATOR, RowResult};
use crate::plan::{Plan, RowError, Stats};

/// One row's result.
enum RowOut {
    Scored(Summary),
    /// The error text.
    Failed(String),
}

impl RowOut {
    fn scored(&self) -> Option<&Summary> {
        match self {
            RowOut::Scored(s) => Some(s),
            RowOut::Failed(_) => None,
        }
    }
}

/// The results of one chunk.
pub(crate) struct EularResults {
    /// The id column; `None` when rows are numbered by the writer.
    ids: Option<ArrayRef>,
    rows: Vec<RowOut>,
}

impl EularResults {
    /// Scores `cases` (rows in `failed` were refused while reading: their case is ignored)
    /// and counts every row in `stats`, in row order.
    pub(crate) fn new(
        plan: &Plan,
        ids: Option<ArrayRef>,
        cases: &Cases,
        failed: Vec<(usize, RowError)>,
        stats: &mut Stats,
    ) -> EularResults {
        let def = &plan.scorer.catalog().eular_acr;
        let mut sums = Vec::new();
        batch::summaries(def, cases, &mut sums);
        let mut failed = failed.into_iter().peekable();
        let rows = (sums.into_iter().enumerate())
            .map(|(r, sum)| {
                stats.rows += 1;
                let result = match failed.next_if(|(f, _)| *f == r) {
                    Some((_, e)) => Err(e),
                    None => sum.map_err(|e| RowError::from(InputError::from(*e))),
                };
                match result {
                    Ok(s) => {
                        stats.scored += 1;
                        RowOut::Scored(s)
                    }
                    Err(e) => RowOut::Failed(stats.refused(e)),
                }
            })
            .collect();
        EularResults { ids, rows }
    }

    /// Number of rows.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// Appends the rows as CSV lines. With `row_base`, the id is the 1-based row number
    /// counted from `row_base`.
    pub(crate) fn write_csv(
        &self,
        plan: &Plan,
        item_ids: &[String],
        row_base: Option<u64>,
        out: &mut Vec<u8>,
    ) {
        let def = &plan.scorer.catalog().eular_acr;
        let mut w = Numbers::default();
        let [mut score, mut probability, mut completeness] = [(); 3].map(|()| KeyedFloats::new());
        let mut id = self.ids.as_deref().map(View::of);
        // Status, revision and the empty error: the same for every scored row.
        let mut tail = vec![b','];
        text(def.meta.status.as_str(), &mut tail);
        tail.push(b',');
        w.int(def.meta.revision, &mut tail);
        tail.extend_from_slice(b",\n");
        // Names that need no quotes joined by the separator need none either.
        let plain = !item_ids.iter().any(|n| needs_quotes(n));
        let mut joined = String::new();
        out.reserve(self.rows.len() * 96);
        for (r, row) in self.rows.iter().enumerate() {
            match (row_base, &mut id) {
                (Some(base), _) => w.int(base + r as u64 + 1, out),
                (None, Some(id)) => id.write(r, &mut w, out),
                (None, None) => {}
            }
            let s = match row {
                RowOut::Scored(s) => s,
                RowOut::Failed(e) => {
                    out.extend_from_slice(b",,,,,,,,,,");
                    text(e, out);
                    out.push(b'\n');
                    continue;
                }
            };
            out.push(b',');
            // Keys: the score in tenths (with the model, for the probability); assessed and
            // total items (at most 32 each) for the completeness.
            let tenths = usize::try_from(s.score.0).ok();
            score.write(tenths, s.score.as_f64(), &mut w, out);
            out.push(b',');
            text(s.outcome.as_str(), out);
            out.push(b',');
            let model = s.model as usize;
            probability.write(tenths.map(|t| t * 2 + model), s.probability, &mut w, out);
            out.push(b',');
            if let Some(g) = s.subgroup {
                text(g.as_str(), out);
            }
            out.push(b',');
            let total = s.assessed + s.missing.len();
            if total > 0 {
                let x = f64::from(s.assessed) / f64::from(total);
                let key = (total < 32).then(|| s.assessed as usize * 32 + total as usize);
                completeness.write(key, x, &mut w, out);
            }
            out.push(b',');
            w.int(s.missing.len(), out);
            out.push(b',');
            if plain {
                for (k, name) in s.missing.ids_in(item_ids).enumerate() {
                    if k > 0 {
                        out.push(MISSING_SEPARATOR as u8);
                    }
                    out.extend_from_slice(name.as_bytes());
                }
            } else {
                joined.clear();
                for (k, name) in s.missing.ids_in(item_ids).enumerate() {
                    if k > 0 {
                        joined.push(MISSING_SEPARATOR);
                    }
                    joined.push_str(name);
                }
                text(&joined, out);
            }
            out.extend_from_slice(&tail);
        }
    }

    /// The result batch.
    pub(crate) fn into_batch(self, plan: &Plan, item_ids: &[String]) -> RecordBatch {
        let def: &Def = &plan.scorer.catalog().eular_acr;
        let n = self.rows.len();
        let id = self
            .ids
            .unwrap_or_else(|| arrow_array::new_null_array(plan.schema.field(0).data_type(), n));
        let results = || {
            self.rows
                .iter()
                .map(|r| r.scored().map(|s| row_result(def, s)))
        };
        let floats = |f: fn(RowResult<'_>) -> Option<f64>| -> ArrayRef {
            Arc::new(results().map(|r| r.and_then(f)).collect::<Float64Array>())
        };
        let texts = |f: for<'a> fn(RowResult<'a>) -> Option<&'a str>| -> ArrayRef {
            Arc::new(results().map(|r| r.and_then(f)).collect::<StringArray>())
        };
        let ints = |f: fn(RowResult<'_>) -> Option<u32>| -> ArrayRef {
            let values = results().map(|r| r.and_then(f).map(i64::from));
            Arc::new(values.collect::<Int64Array>())
        };
        let mut missing = StringBuilder::with_capacity(n, n * 16);
        for row in &self.rows {
            match row {
                RowOut::Scored(s) => {
                    let mut first = true;
                    for name in s.missing.ids_in(item_ids) {
                        if !first {
                            std::fmt::Write::write_char(&mut missing, MISSING_SEPARATOR).ok();
                        }
                        first = false;
                        std::fmt::Write::write_str(&mut missing, name).ok();
                    }
                    missing.append_value("");
                }
                RowOut::Failed(_) => missing.append_null(),
            }
        }
        let error: StringArray = (self.rows.iter())
            .map(|r| match r {
                RowOut::Scored(_) => None,
                RowOut::Failed(e) => Some(e.as_str()),
            })
            .collect();
        let cols: Vec<ArrayRef> = vec![
            id,
            floats(|r| r.score),
            texts(|r| r.category),
            floats(|r| r.probability),
            texts(|r| r.subgroup),
            floats(|r| r.completeness),
            ints(|r| r.missing_count),
            Arc::new(missing.finish()),
            texts(|r| r.status),
            ints(|r| r.revision),
            Arc::new(error),
        ];
        RecordBatch::try_new(plan.schema.clone(), cols)
            .unwrap_or_else(|e| unreachable!("result columns match their schema: {e}"))
    }
}
