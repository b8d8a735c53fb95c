//! `myo cohort` gives what `myo score` gives on the same cases: 12 000 generated EULAR/ACR rows
//! (every item blank, true or false; biopsy or not; ages in and out of range) written as CSV,
//! and 5 % bad rows that each get an error naming the field, while the run completes.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use myo_api::Scorer;
use myo_cohort::csv_in::Chunker;
use myo_cohort::run::{self, Sink};
use myo_cohort::{Options, Plan, Stats};
use serde_json::{Map, Value, json};

mod common;
use common::{BIOPSY, EULAR_BOOLS as BOOLS, Rng};

/// One generated case: CSV cells and the JSON case `myo score` gets (None: a bad row, with
/// the field its error must name).
fn case(rng: &mut Rng) -> (Vec<String>, Result<Value, &'static str>) {
    let mut cells = Vec::new();
    let mut json = Map::new();
    let age = match rng.next() % 10 {
        0 => None,
        1 => Some("17.5".to_owned()),
        _ => Some((rng.next() % 131).to_string()),
    };
    cells.push(age.clone().unwrap_or_default());
    if let Some(a) = &age {
        json.insert(
            "age_at_onset_years".into(),
            serde_json::from_str(a).unwrap(),
        );
    }
    let tri = |rng: &mut Rng| match rng.next() % 3 {
        0 => None,
        1 => Some(false),
        _ => Some(true),
    };
    for name in BOOLS {
        let v = tri(rng);
        cells.push(v.map_or(String::new(), |b| b.to_string()));
        if let Some(b) = v {
            json.insert(name.into(), json!(b));
        }
    }
    let biopsy = rng.next().is_multiple_of(3);
    cells.push(if biopsy { "true".into() } else { String::new() });
    let mut b = Map::new();
    for column in BIOPSY {
        let name = column.strip_prefix("muscle_biopsy.").unwrap();
        let v = if biopsy { tri(rng) } else { None };
        cells.push(v.map_or(String::new(), |b| b.to_string()));
        if let Some(x) = v {
            b.insert(name.into(), json!(x));
        }
    }
    if biopsy {
        json.insert("muscle_biopsy".into(), Value::Object(b));
    }
    // 5 % bad rows, each of a kind a registry export produces.
    let bad = match rng.next() % 100 {
        0 => Some((1, "maybe", "proximal_upper_weakness")),
        1 => Some((0, "1,5", "age_at_onset_years")),
        2 => Some((0, "-3", "age_at_onset_years")),
        3 => Some((6, "yes\u{0}", "gottrons_papules")),
        4 => Some((0, "NaN", "age_at_onset_years")),
        _ => None,
    };
    if let Some((col, value, field)) = bad {
        cells[col] = value.to_owned();
        return (cells, Err(field));
    }
    (cells, Ok(Value::Object(json)))
}

fn header() -> Vec<String> {
    let mut h = vec!["id".to_owned(), "age_at_onset_years".to_owned()];
    h.extend(BOOLS.iter().map(|s| s.to_string()));
    h.push("muscle_biopsy".into());
    h.extend(BIOPSY.iter().map(|s| s.to_string()));
    h
}

fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

fn run_csv(scorer: &Arc<Scorer>, csv: Vec<u8>, threads: usize) -> (Vec<RecordBatch>, Stats) {
    let (head, chunker) = Chunker::new(std::io::Cursor::new(csv), 64 << 10).unwrap();
    let plan = Plan::new(
        scorer.clone(),
        "eular-acr-2017",
        &head.names,
        &Options::default(),
    )
    .unwrap();
    let mut batches = Vec::new();
    let mut sink = |b| {
        batches.push(b);
        Ok(())
    };
    let stats = run::run(
        &plan,
        run::csv_source(chunker),
        head.delimiter,
        head.names.len(),
        threads,
        Sink::Batches(&mut sink),
        &mut |_, _| {},
    )
    .unwrap();
    (batches, stats)
}

#[test]
fn cohort_equals_score_on_12000_rows_with_5_percent_bad() {
    let scorer = Arc::new(Scorer::builtin().unwrap());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let n = 12_000;
    let mut csv = format!("\u{feff}{}\r\n", header().join(",")).into_bytes();
    let mut cases = Vec::new();
    for i in 0..n {
        let (cells, want) = case(&mut rng);
        let line: Vec<String> = std::iter::once(format!("p{i}"))
            .chain(cells.iter().map(|c| quote(c)))
            .collect();
        csv.extend_from_slice(line.join(",").as_bytes());
        csv.extend_from_slice(b"\r\n");
        cases.push(want);
    }
    let (batches, stats) = run_csv(&scorer, csv, 2);
    assert_eq!(stats.rows, n as u64);
    let bad = cases.iter().filter(|c| c.is_err()).count() as u64;
    assert!(bad > n as u64 / 40, "{bad} bad rows generated");
    let mut row = 0;
    let (mut refused_by_score, mut compared) = (0, 0);
    for batch in &batches {
        let col = |name: &str| batch.column_by_name(name).unwrap().clone();
        let (id, score, category, probability, subgroup) = (
            col("id"),
            col("score"),
            col("category"),
            col("probability"),
            col("subgroup"),
        );
        let (completeness, missing_count, missing, status, revision, error) = (
            col("completeness"),
            col("missing_count"),
            col("missing"),
            col("status"),
            col("revision"),
            col("error"),
        );
        for r in 0..batch.num_rows() {
            assert_eq!(
                id.as_string::<i32>().value(r),
                format!("p{row}"),
                "input order"
            );
            match &cases[row] {
                Err(field) => {
                    let e = error.as_string::<i32>().value(r);
                    assert!(e.starts_with(&format!("field {field}: ")), "row {row}: {e}");
                    assert!(score.is_null(r) && category.is_null(r) && missing.is_null(r));
                }
                Ok(case) => match scorer.score_json("eular-acr-2017", case) {
                    Err(e) => {
                        refused_by_score += 1;
                        assert_eq!(
                            error.as_string::<i32>().value(r),
                            e.to_string(),
                            "row {row}"
                        );
                    }
                    Ok(v) => {
                        compared += 1;
                        assert!(
                            error.is_null(r),
                            "row {row}: {:?}",
                            error.as_string::<i32>().value(r)
                        );
                        let f =
                            |a: &arrow_array::ArrayRef| a.as_primitive::<Float64Type>().value(r);
                        assert_eq!(f(&score).to_bits(), v["score"].as_f64().unwrap().to_bits());
                        assert_eq!(
                            f(&probability).to_bits(),
                            v["probability"].as_f64().unwrap().to_bits()
                        );
                        assert_eq!(
                            category.as_string::<i32>().value(r),
                            v["outcome"].as_str().unwrap()
                        );
                        assert_eq!(subgroup.is_null(r), v["subgroup"].is_null());
                        if !subgroup.is_null(r) {
                            assert_eq!(
                                subgroup.as_string::<i32>().value(r),
                                v["subgroup"].as_str().unwrap()
                            );
                        }
                        let names: Vec<&str> = v["missing"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|m| m.as_str().unwrap())
                            .collect();
                        assert_eq!(missing.as_string::<i32>().value(r), names.join("|"));
                        assert_eq!(
                            missing_count.as_primitive::<Int64Type>().value(r) as usize,
                            names.len()
                        );
                        let assessed = v["contributions"].as_array().unwrap().len();
                        let want = assessed as f64 / (assessed + names.len()) as f64;
                        assert_eq!(f(&completeness).to_bits(), want.to_bits());
                        assert_eq!(
                            status.as_string::<i32>().value(r),
                            v["status"].as_str().unwrap()
                        );
                        assert_eq!(
                            revision.as_primitive::<Int64Type>().value(r) as u64,
                            v["revision"].as_u64().unwrap()
                        );
                    }
                },
            }
            row += 1;
        }
    }
    assert_eq!(row, n);
    assert!(compared > 9_000, "{compared} compared");
    assert_eq!(stats.failed, bad + refused_by_score);
    assert_eq!(
        stats.kinds.values().map(|(c, _)| c).sum::<u64>(),
        stats.failed
    );
    // Single-threaded gives the same bytes.
}

#[test]
fn one_thread_and_two_threads_agree() {
    let scorer = Arc::new(Scorer::builtin().unwrap());
    let mut rng = Rng(7);
    let mut csv = format!("{}\n", header().join(";")).into_bytes();
    for i in 0..3000 {
        let (cells, _) = case(&mut rng);
        csv.extend_from_slice(
            format!(
                "{i};{}\n",
                cells
                    .iter()
                    .map(|c| if c.contains(';') {
                        format!("\"{c}\"")
                    } else {
                        c.clone()
                    })
                    .collect::<Vec<_>>()
                    .join(";")
            )
            .as_bytes(),
        );
    }
    let (a, sa) = run_csv(&scorer, csv.clone(), 1);
    let (b, sb) = run_csv(&scorer, csv, 2);
    assert_eq!(sa, sb);
    let cat = |v: &[RecordBatch]| arrow_select_concat(v);
    assert_eq!(cat(&a), cat(&b));
}

fn arrow_select_concat(v: &[RecordBatch]) -> Vec<u8> {
    let mut out = Vec::new();
    for b in v {
        myo_cohort::csv_out::rows(b, None, &mut out);
    }
    out
}
