//! `myo` for Python: the same instruments and result columns as `myo cohort`, over Arrow
//! batches, so PySpark (`mapInArrow`), Polars, DuckDB and pyarrow users get results equal to
//! the command line's, row for row.
//!
//! Thin glue only: the scoring is `myo-cohort`'s, run with the GIL released.

use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use myo_api::Scorer;
use myo_cohort::{Options, Plan, Stats, arrow_in};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

fn catalog() -> PyResult<Arc<Scorer>> {
    Scorer::builtin()
        .map(Arc::new)
        .map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

fn score(scorer: Arc<Scorer>, instrument: &str, mapping: Option<&str>, batch: &RecordBatch) -> PyResult<RecordBatch> {
    let schema = batch.schema();
    let names = arrow_in::header(&schema);
    let long = myo_cohort::is_long(instrument);
    let default_id = if long { "patient_id" } else { "id" };
    let id_type = arrow_in::id_type(&schema, None, default_id);
    let opts = Options {
        mapping,
        id_column: None,
        id_type,
        today: Some(jiff::Zoned::now().date()),
    };
    let plan = Plan::new(scorer, instrument, &names, &opts).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let mut stats = Stats::default();
    arrow_in::score_batch(&plan, batch, &mut stats).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Scores every row of a `pyarrow.RecordBatch` or `pyarrow.Table` (or anything with
/// `__arrow_c_array__`/`__arrow_c_stream__`, such as a Polars DataFrame) and returns a
/// `pyarrow.RecordBatch`: the id column, then score, category, probability, subgroup,
/// completeness, missing_count, missing, status, revision, error (as `myo cohort`).
#[pyfunction]
#[pyo3(signature = (instrument, data, mapping=None))]
fn score_batch<'py>(py: Python<'py>, instrument: &str, data: &Bound<'py, PyAny>, mapping: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
    let scorer = catalog()?;
    let batch = match RecordBatch::from_pyarrow_bound(data) {
        Ok(b) => b,
        Err(_) => {
            let table = arrow_pyarrow::Table::from_pyarrow_bound(data)?;
            let (batches, schema) = table.into_inner();
            arrow_select_concat(&schema, &batches)?
        }
    };
    let instrument = instrument.to_owned();
    let mapping = mapping.map(str::to_owned);
    let out = py.detach(move || score(scorer, &instrument, mapping.as_deref(), &batch))?;
    out.to_pyarrow(py)
}

fn arrow_select_concat(schema: &arrow_schema::SchemaRef, batches: &[RecordBatch]) -> PyResult<RecordBatch> {
    if batches.len() == 1 {
        return Ok(batches[0].clone());
    }
    let mut columns = Vec::with_capacity(schema.fields().len());
    for i in 0..schema.fields().len() {
        let parts: Vec<&dyn arrow_array::Array> = batches.iter().map(|b| b.column(i).as_ref()).collect();
        columns.push(arrow_select::concat::concat(&parts).map_err(|e| PyValueError::new_err(e.to_string()))?);
    }
    RecordBatch::try_new(schema.clone(), columns).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The input columns of an instrument (one visit's, for long-format ones), dotted; with
/// `spark=True` spelled with `__` for the dot, which Spark reserves (both spellings are read).
#[pyfunction]
#[pyo3(signature = (instrument, spark=false))]
fn input_columns(instrument: &str, spark: bool) -> PyResult<Vec<String>> {
    let scorer = catalog()?;
    let fields = myo_cohort::fields_of(&scorer, instrument).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let name = |p: String| if spark { p.replace('.', "__") } else { p };
    Ok(fields.fields.into_iter().map(|f| name(f.path)).collect())
}

/// The output schema for an id column of Spark type `id_type`, as a Spark DDL string for
/// `mapInArrow`.
#[pyfunction]
#[pyo3(signature = (instrument, id_column="id", id_type="string"))]
fn spark_schema(instrument: &str, id_column: &str, id_type: &str) -> String {
    let mut cols = vec![format!("`{id_column}` {id_type}")];
    if myo_cohort::is_long(instrument) {
        cols.extend(myo_cohort::out::VISIT_COLUMNS.iter().map(|c| format!("{c} string")));
    }
    for c in myo_cohort::out::RESULT_COLUMNS {
        let t = match c {
            "score" | "probability" | "completeness" => "double",
            "missing_count" | "revision" => "bigint",
            _ => "string",
        };
        cols.push(format!("{c} {t}"));
    }
    cols.join(", ")
}

/// The instrument ids.
#[pyfunction]
fn instruments() -> PyResult<Vec<String>> {
    let scorer = catalog()?;
    Ok(scorer.list().iter().filter_map(|v| v["id"].as_str().map(str::to_owned)).collect())
}

/// The `myo` Python module.
#[pymodule]
fn myo(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(score_batch, m)?)?;
    m.add_function(wrap_pyfunction!(input_columns, m)?)?;
    m.add_function(wrap_pyfunction!(spark_schema, m)?)?;
    m.add_function(wrap_pyfunction!(instruments, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
