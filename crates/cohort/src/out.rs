//! The result columns, identical for every instrument and every front end (`myo cohort` CSV
//! and Parquet, the Python wheel): built once per batch as Arrow arrays.

use std::fmt::Write as _;
use std::sync::Arc;

use arrow_array::builder::{ArrayBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};

/// The result column names, in output order (after the id column and, for long-format
/// instruments, the visit columns).
pub const RESULT_COLUMNS: [&str; 10] = [
    "score",
    "category",
    "probability",
    "subgroup",
    "completeness",
    "missing_count",
    "missing",
    "status",
    "revision",
    "error",
];

/// Columns that long-format instruments add after the id: the visit, its baseline, the rule.
pub const VISIT_COLUMNS: [&str; 3] = ["visit_date", "baseline_visit_date", "baseline_rule"];

/// Separator of the names in the `missing` column.
pub const MISSING_SEPARATOR: char = '|';

/// The output schema for an id column of type `id_type`.
pub fn schema(id_name: &str, id_type: DataType, long: bool) -> Schema {
    let mut fields = vec![Field::new(id_name, id_type, true)];
    if long {
        fields.extend(VISIT_COLUMNS.map(|n| Field::new(n, DataType::Utf8, true)));
    }
    for name in RESULT_COLUMNS {
        let t = match name {
            "score" | "probability" | "completeness" => DataType::Float64,
            "missing_count" | "revision" => DataType::Int64,
            _ => DataType::Utf8,
        };
        fields.push(Field::new(name, t, true));
    }
    Schema::new(fields)
}

/// One row's result, borrowed; `error` set means every other result column is null.
#[derive(Debug, Clone, Copy, Default)]
pub struct RowResult<'a> {
    /// Headline number (EULAR/ACR score in points, TIS, MMT-8 total, HAQ-DI...).
    pub score: Option<f64>,
    /// Headline category.
    pub category: Option<&'a str>,
    /// Probability (0 to 1), where the instrument has one.
    pub probability: Option<f64>,
    /// Subgroup, where the instrument has one.
    pub subgroup: Option<&'a str>,
    /// Items assessed / items that apply.
    pub completeness: Option<f64>,
    /// Number of items not assessed.
    pub missing_count: Option<u32>,
    /// `verified` or `partial`.
    pub status: Option<&'a str>,
    /// Definition revision.
    pub revision: Option<u32>,
}

/// Builders for one batch of results.
pub struct Builders {
    id: IdColumn,
    visit: Option<[StringBuilder; 3]>,
    score: Float64Builder,
    category: StringBuilder,
    probability: Float64Builder,
    subgroup: StringBuilder,
    completeness: Float64Builder,
    missing_count: Int64Builder,
    missing: StringBuilder,
    status: StringBuilder,
    revision: Int64Builder,
    error: StringBuilder,
    schema: Arc<Schema>,
}

/// The id column: copied as text, or passed through whole from an Arrow input.
enum IdColumn {
    Text(StringBuilder),
    Array(Option<ArrayRef>),
}

impl Builders {
    /// Builders with room for `rows`; the id is text.
    pub fn new(schema: Arc<Schema>, rows: usize) -> Builders {
        let long = schema.fields().len() > RESULT_COLUMNS.len() + 1;
        let id = match schema.field(0).data_type() {
            DataType::Utf8 => IdColumn::Text(StringBuilder::with_capacity(rows, rows * 8)),
            _ => IdColumn::Array(None),
        };
        let s = || StringBuilder::with_capacity(rows, rows * 8);
        Builders {
            id,
            visit: long.then(|| [s(), s(), s()]),
            score: Float64Builder::with_capacity(rows),
            category: s(),
            probability: Float64Builder::with_capacity(rows),
            subgroup: s(),
            completeness: Float64Builder::with_capacity(rows),
            missing_count: Int64Builder::with_capacity(rows),
            missing: StringBuilder::with_capacity(rows, rows * 16),
            status: s(),
            revision: Int64Builder::with_capacity(rows),
            error: StringBuilder::with_capacity(rows, 0),
            schema,
        }
    }

    /// Uses this array as the id column (Arrow input: the id passes through unchanged).
    pub fn set_id_array(&mut self, ids: ArrayRef) {
        self.id = IdColumn::Array(Some(ids));
    }

    /// Appends the id as text (CSV input); `None` appends null.
    pub fn id(&mut self, id: Option<&str>) {
        if let IdColumn::Text(b) = &mut self.id {
            b.append_option(id);
        }
    }

    /// Appends the visit columns of a long-format row.
    pub fn visit(&mut self, date: Option<&str>, baseline: Option<&str>, rule: Option<&str>) {
        if let Some([d, b, r]) = &mut self.visit {
            d.append_option(date);
            b.append_option(baseline);
            r.append_option(rule);
        }
    }

    /// Appends a scored row; `missing` writes the names of the items not assessed, each
    /// followed by nothing (the separator is added between names by [`MissingNames`]).
    pub fn scored(&mut self, r: &RowResult<'_>, missing: impl FnOnce(&mut MissingNames<'_>)) {
        self.score.append_option(r.score);
        self.category.append_option(r.category);
        self.probability.append_option(r.probability);
        self.subgroup.append_option(r.subgroup);
        self.completeness.append_option(r.completeness);
        self.missing_count
            .append_option(r.missing_count.map(i64::from));
        let mut names = MissingNames {
            out: &mut self.missing,
            first: true,
        };
        missing(&mut names);
        self.missing.append_value("");
        self.status.append_option(r.status);
        self.revision.append_option(r.revision.map(i64::from));
        self.error.append_null();
    }

    /// Appends a row that was refused: only the id (and visit columns) and the error.
    pub fn failed(&mut self, error: &str) {
        self.score.append_null();
        self.category.append_null();
        self.probability.append_null();
        self.subgroup.append_null();
        self.completeness.append_null();
        self.missing_count.append_null();
        self.missing.append_null();
        self.status.append_null();
        self.revision.append_null();
        self.error.append_value(error);
    }

    /// Finishes the batch.
    pub fn finish(mut self) -> RecordBatch {
        let id: ArrayRef = match &mut self.id {
            IdColumn::Text(b) => Arc::new(b.finish()),
            IdColumn::Array(a) => a.take().unwrap_or_else(|| {
                Arc::new(arrow_array::new_null_array(
                    self.schema.field(0).data_type(),
                    self.score.len(),
                ))
            }),
        };
        let mut cols: Vec<ArrayRef> = vec![id];
        if let Some(v) = &mut self.visit {
            cols.extend(v.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
        }
        cols.push(Arc::new(self.score.finish()));
        cols.push(Arc::new(self.category.finish()));
        cols.push(Arc::new(self.probability.finish()));
        cols.push(Arc::new(self.subgroup.finish()));
        cols.push(Arc::new(self.completeness.finish()));
        cols.push(Arc::new(self.missing_count.finish()));
        cols.push(Arc::new(self.missing.finish()));
        cols.push(Arc::new(self.status.finish()));
        cols.push(Arc::new(self.revision.finish()));
        cols.push(Arc::new(self.error.finish()));
        RecordBatch::try_new(self.schema.clone(), cols)
            .unwrap_or_else(|e| unreachable!("result columns match their schema: {e}"))
    }
}

/// Writes the missing names of one row into the `missing` column, `|`-separated.
pub struct MissingNames<'b> {
    out: &'b mut StringBuilder,
    first: bool,
}

impl MissingNames<'_> {
    /// Adds one name.
    pub fn push(&mut self, name: &str) {
        if !self.first {
            self.out.write_char(MISSING_SEPARATOR).ok();
        }
        self.first = false;
        self.out.write_str(name).ok();
    }
}
