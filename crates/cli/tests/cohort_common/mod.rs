//! Shared helpers of the `myo cohort` end-to-end tests: temp files, running the built binary,
//! and reading its CSV or Parquet output back as a table.

#![allow(dead_code)] // each test file uses its own share of these

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type};
use arrow_array::{Array, ArrayRef};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

pub const HEAD: &str = "id,age_at_onset_years,proximal_upper_weakness,proximal_lower_weakness,heliotrope_rash,gottrons_papules,gottrons_sign,dysphagia,anti_jo1,elevated_muscle_enzymes,proximal_legs_weaker_than_distal";
/// `myo score`'s CASE_A (10.1 points, definite, dm), then a case with Gottron's papules at 42
/// (4.2), then a case with nothing assessed but the age.
pub const ROWS: [&str; 3] = [
    "A,45,true,true,true,true,false,false,false,true,false",
    "B,42,,,,true,,,,,",
    "C,30,,,,,,,,,",
];
/// The result columns, as the library writes them.
pub use myo_cohort::out::RESULT_COLUMNS;

/// A temp dir removed on drop.
pub struct Tmp(pub PathBuf);

impl Tmp {
    pub fn new(name: &str) -> Tmp {
        let dir =
            std::env::temp_dir().join(format!("myo-cohort-cli-{}-{name}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).expect("temp dir");
        Tmp(dir)
    }

    pub fn file(&self, name: &str, body: impl AsRef<[u8]>) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, body).expect("write input");
        path(&p)
    }

    pub fn path(&self, name: &str) -> String {
        path(&self.0.join(name))
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

pub fn path(p: &Path) -> String {
    p.to_str().expect("utf-8 path").to_owned()
}

pub fn myo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_myo"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("myo runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn csv_text(rows: &[&str]) -> String {
    let mut s = format!("{HEAD}\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

/// Output rows as maps from column to cell ("" is null), header first as its own vector.
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn from_csv(bytes: &[u8]) -> Table {
        let mut rdr = csv::ReaderBuilder::new().from_reader(bytes);
        let header = rdr
            .headers()
            .expect("output header")
            .iter()
            .map(str::to_owned)
            .collect();
        let rows = rdr
            .records()
            .map(|r| r.expect("output row").iter().map(str::to_owned).collect())
            .collect();
        Table { header, rows }
    }

    pub fn from_parquet(p: &str) -> Table {
        let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(p).expect("open output"))
            .expect("a Parquet file")
            .build()
            .expect("reader");
        let mut header = Vec::new();
        let mut rows = Vec::new();
        for batch in reader {
            let batch = batch.expect("batch");
            header = batch
                .schema()
                .fields()
                .iter()
                .map(|f| f.name().clone())
                .collect();
            for r in 0..batch.num_rows() {
                rows.push(batch.columns().iter().map(|c| cell(c, r)).collect());
            }
        }
        Table { header, rows }
    }

    pub fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.header))
    }

    pub fn get(&self, row: usize, name: &str) -> &str {
        &self.rows[row][self.col(name)]
    }

    /// Every cell, numbers normalised (`10.1`, `1.0` and `1` alike), for comparing CSV with
    /// Parquet.
    pub fn normalised(&self) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| c.parse::<f64>().map_or(c.clone(), |x| format!("{x:?}")))
                    .collect()
            })
            .collect()
    }
}

pub fn cell(col: &ArrayRef, r: usize) -> String {
    if col.is_null(r) {
        return String::new();
    }
    match col.data_type() {
        DataType::Utf8 => col.as_string::<i32>().value(r).to_owned(),
        DataType::Float64 => format!("{:?}", col.as_primitive::<Float64Type>().value(r)),
        DataType::Int64 => col.as_primitive::<Int64Type>().value(r).to_string(),
        other => panic!("unexpected output type {other}"),
    }
}

pub fn expected_header(id: &str) -> Vec<String> {
    std::iter::once(id)
        .chain(RESULT_COLUMNS)
        .map(str::to_owned)
        .collect()
}

pub fn assert_abc(t: &Table) {
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.get(0, "id"), "A");
    assert_eq!(t.get(0, "score"), "10.1");
    assert_eq!(t.get(0, "category"), "definite");
    assert_eq!(t.get(0, "subgroup"), "dm");
    assert_eq!(t.get(0, "status"), "partial");
    assert_eq!(t.get(0, "error"), "");
    assert_eq!(t.get(1, "id"), "B");
    assert_eq!(t.get(1, "score"), "4.2");
    assert_eq!(t.get(2, "id"), "C");
    assert!(
        t.get(2, "missing").contains("heliotrope_rash"),
        "blank is reported missing: {:?}",
        t.rows[2]
    );
    for r in 0..3 {
        assert_eq!(t.get(r, "error"), "", "{:?}", t.rows[r]);
    }
}
