//! Arrow input: a `RecordBatch` (from Parquet, or from Python through the wheel) scored into
//! a result batch with the id column passed through unchanged.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::*;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Schema};

use crate::cell::Cell;
use crate::out::Builders;
use crate::plan::{Path, Plan, Row, Stats};
use crate::run::Scored;

/// A column readable as cells.
pub(crate) enum Col<'a> {
    Null,
    Bool(&'a arrow_array::BooleanArray),
    Utf8(&'a arrow_array::StringArray),
    LargeUtf8(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
    I64(&'a arrow_array::Int64Array),
    I32(&'a arrow_array::Int32Array),
    I16(&'a arrow_array::Int16Array),
    I8(&'a arrow_array::Int8Array),
    U8(&'a arrow_array::UInt8Array),
    U16(&'a arrow_array::UInt16Array),
    U32(&'a arrow_array::UInt32Array),
    F64(&'a arrow_array::Float64Array),
    F32(&'a arrow_array::Float32Array),
    Date(&'a arrow_array::Date32Array),
}

/// Errors in the batch's shape (before any row is scored).
#[derive(Debug, thiserror::Error)]
#[error(
    "column {column}: type {found} is not supported (use boolean, integer, float, string or date)"
)]
pub struct ColumnTypeError {
    /// Column name.
    pub column: String,
    /// Its Arrow type.
    pub found: DataType,
}

fn col<'a>(name: &str, a: &'a ArrayRef) -> Result<Col<'a>, ColumnTypeError> {
    Ok(match a.data_type() {
        DataType::Null => Col::Null,
        DataType::Boolean => Col::Bool(a.as_boolean()),
        DataType::Utf8 => Col::Utf8(a.as_string::<i32>()),
        DataType::LargeUtf8 => Col::LargeUtf8(a.as_string::<i64>()),
        DataType::Utf8View => Col::View(a.as_string_view()),
        DataType::Int64 => Col::I64(a.as_primitive::<Int64Type>()),
        DataType::Int32 => Col::I32(a.as_primitive::<Int32Type>()),
        DataType::Int16 => Col::I16(a.as_primitive::<Int16Type>()),
        DataType::Int8 => Col::I8(a.as_primitive::<Int8Type>()),
        DataType::UInt8 => Col::U8(a.as_primitive::<UInt8Type>()),
        DataType::UInt16 => Col::U16(a.as_primitive::<UInt16Type>()),
        DataType::UInt32 => Col::U32(a.as_primitive::<UInt32Type>()),
        DataType::Float64 => Col::F64(a.as_primitive::<Float64Type>()),
        DataType::Float32 => Col::F32(a.as_primitive::<Float32Type>()),
        DataType::Date32 => Col::Date(a.as_primitive::<Date32Type>()),
        other => {
            return Err(ColumnTypeError {
                column: name.to_owned(),
                found: other.clone(),
            });
        }
    })
}

/// Row `i` of a batch's columns (a date column reads as `YYYY-MM-DD` text, from `date`).
pub(crate) struct ArrowRow<'a, 'b> {
    pub(crate) cols: &'b [Col<'a>],
    pub(crate) i: usize,
    pub(crate) date: &'b str,
}

impl Row for ArrowRow<'_, '_> {
    fn cell(&self, c: usize) -> Cell<'_> {
        let i = self.i;
        macro_rules! prim {
            ($a:expr, $wrap:expr) => {
                if $a.is_null(i) {
                    Cell::Null
                } else {
                    $wrap($a.value(i))
                }
            };
        }
        match &self.cols[c] {
            Col::Null => Cell::Null,
            Col::Bool(a) => prim!(a, Cell::Bool),
            Col::Utf8(a) => {
                if a.is_null(i) {
                    Cell::Null
                } else {
                    Cell::Text(a.value(i).as_bytes())
                }
            }
            Col::LargeUtf8(a) => {
                if a.is_null(i) {
                    Cell::Null
                } else {
                    Cell::Text(a.value(i).as_bytes())
                }
            }
            Col::View(a) => {
                if a.is_null(i) {
                    Cell::Null
                } else {
                    Cell::Text(a.value(i).as_bytes())
                }
            }
            Col::I64(a) => prim!(a, Cell::Int),
            Col::I32(a) => prim!(a, |v| Cell::Int(i64::from(v))),
            Col::I16(a) => prim!(a, |v| Cell::Int(i64::from(v))),
            Col::I8(a) => prim!(a, |v| Cell::Int(i64::from(v))),
            Col::U8(a) => prim!(a, |v| Cell::Int(i64::from(v))),
            Col::U16(a) => prim!(a, |v| Cell::Int(i64::from(v))),
            Col::U32(a) => prim!(a, |v| Cell::Int(i64::from(v))),
            Col::F64(a) => prim!(a, Cell::Float),
            Col::F32(a) => prim!(a, |v| Cell::Float(f64::from(v))),
            Col::Date(_) => Cell::Text(self.date.as_bytes()),
        }
    }
}

/// The header (column names) of a schema.
pub fn header(schema: &Schema) -> Vec<String> {
    schema.fields().iter().map(|f| f.name().clone()).collect()
}

/// The output id type for an input schema: the id column's own type (passed through).
pub fn id_type(schema: &Schema, id_column: Option<&str>, default: &str) -> Option<DataType> {
    let name = id_column.unwrap_or(default);
    schema
        .field_with_name(name)
        .ok()
        .map(|f| f.data_type().clone())
}

/// A batch's columns as cells, with its first date column (the visit date of long-format
/// input).
pub(crate) struct Cols<'a> {
    pub(crate) cols: Vec<Col<'a>>,
    date: Option<&'a arrow_array::Date32Array>,
}

impl<'a> Cols<'a> {
    fn of(batch: &'a RecordBatch) -> Result<Cols<'a>, ColumnTypeError> {
        let schema = batch.schema_ref();
        let cols = batch
            .columns()
            .iter()
            .zip(schema.fields())
            .map(|(a, f)| col(f.name(), a))
            .collect::<Result<Vec<_>, _>>()?;
        let date = cols.iter().find_map(|c| match c {
            Col::Date(a) => Some(*a),
            _ => None,
        });
        Ok(Cols { cols, date })
    }

    /// Calls `f` with row `i` (`date` is a buffer for its date text).
    pub(crate) fn with_row<R>(
        &self,
        i: usize,
        date: &mut String,
        f: impl FnOnce(&ArrowRow<'a, '_>) -> R,
    ) -> R {
        date.clear();
        if let Some(a) = self.date
            && a.is_valid(i)
            && let Ok(d) = jiff::civil::date(1970, 1, 1)
                .checked_add(jiff::Span::new().days(i64::from(a.value(i))))
        {
            date.push_str(&d.to_string());
        }
        f(&ArrowRow {
            cols: &self.cols,
            i,
            date: date.as_str(),
        })
    }
}

/// The id column of a result batch: the input's own (passed through unchanged), or row numbers.
fn ids(plan: &Plan, batch: &RecordBatch) -> Result<ArrayRef, ColumnTypeError> {
    match plan.id_column() {
        Some(c) if batch.column(c).data_type() == plan.schema.field(0).data_type() => {
            Ok(Arc::clone(batch.column(c)))
        }
        Some(c) => Err(ColumnTypeError {
            column: batch.schema_ref().field(c).name().clone(),
            found: batch.column(c).data_type().clone(),
        }),
        None => Ok(Arc::new(arrow_array::Int64Array::from_iter_values(
            1..=batch.num_rows() as i64,
        ))),
    }
}

/// Scores every row of `batch` (whose columns are in the order the plan was built for):
/// EULAR/ACR 2017 column by column, the other instruments row by row.
///
/// Only the first date column is read as dates (the visit date of long-format input).
pub fn score_batch(
    plan: &Plan,
    batch: &RecordBatch,
    stats: &mut Stats,
) -> Result<RecordBatch, ColumnTypeError> {
    Ok(score_columns(plan, batch, stats)?.into_batch(plan))
}

/// [`score_batch`], keeping a columnar result as columns (so that CSV is written from them).
pub(crate) fn score_columns(
    plan: &Plan,
    batch: &RecordBatch,
    stats: &mut Stats,
) -> Result<Scored, ColumnTypeError> {
    let cols = Cols::of(batch)?;
    let ids = ids(plan, batch)?;
    Ok(match &plan.path {
        Path::Eular(slots) => Scored::Eular(crate::eular::score_arrow(
            plan,
            slots,
            &cols,
            batch.num_rows(),
            Some(ids),
            stats,
        )),
        _ => Scored::Batch(by_row(plan, &cols, batch.num_rows(), ids, stats)),
    })
}

/// Scores every row of `batch` one row at a time, whatever the instrument: the reference the
/// columnar EULAR/ACR path is tested against.
pub fn score_batch_by_row(
    plan: &Plan,
    batch: &RecordBatch,
    stats: &mut Stats,
) -> Result<RecordBatch, ColumnTypeError> {
    let cols = Cols::of(batch)?;
    let ids = ids(plan, batch)?;
    Ok(by_row(plan, &cols, batch.num_rows(), ids, stats))
}

fn by_row(plan: &Plan, cols: &Cols<'_>, n: usize, ids: ArrayRef, stats: &mut Stats) -> RecordBatch {
    let mut out = Builders::new(plan.schema.clone(), n);
    out.set_id_array(ids);
    let mut date = String::new();
    for i in 0..n {
        cols.with_row(i, &mut date, |row| plan.score_row(row, &mut out, stats));
    }
    out.finish()
}
