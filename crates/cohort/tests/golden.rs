//! The output stays byte-for-byte what it was: generated inputs with bad rows, missing items,
//! quotes, CRLF, wrong field counts, every input kind (booleans, whole numbers, decimals,
//! options, group flags, dates) and every output column kind, scored through CSV and Parquet,
//! one and several threads, small and large chunks, compared with committed files.
//!
//! The files under `tests/golden/` were written by this test (with `MYO_COHORT_BLESS=1`) before
//! the readers were tuned for speed; any change of a byte in the results fails here. Rewrite
//! them only for an intended change of the output, and say so in the commit.

use std::fs::File;
use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int32Array, Int64Array, RecordBatch,
    StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use myo_api::Scorer;
use myo_cohort::csv_in::Chunker;
use myo_cohort::run::{self, Sink};
use myo_cohort::{Options, Plan, Stats, arrow_in, parquet_io};

mod common;
use common::{BIOPSY, EULAR_BOOLS, Rng};

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 12, 7)
}

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compares `got` with the committed file (or writes it with `MYO_COHORT_BLESS=1`).
fn check(name: &str, got: &[u8]) {
    let path = golden(name);
    if std::env::var_os("MYO_COHORT_BLESS").is_some() {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if got != want {
        let (g, w) = (String::from_utf8_lossy(got), String::from_utf8_lossy(&want));
        let line = g.lines().zip(w.lines()).position(|(a, b)| a != b);
        panic!(
            "{name}: output differs from the committed file ({} vs {} bytes), first at line {line:?}:\n got: {:?}\nwant: {:?}",
            got.len(),
            want.len(),
            line.and_then(|l| g.lines().nth(l)),
            line.and_then(|l| w.lines().nth(l)),
        );
    }
}

/// EULAR/ACR rows as registries export them: blanks, codes in any case, spaces, quotes, CRLF,
/// blank lines, short and long rows, and bad cells of every kind.
fn eular_csv(rows: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut out = String::from("id,age_at_onset_years");
    for b in EULAR_BOOLS {
        out.push(',');
        out.push_str(b);
    }
    out.push_str(",muscle_biopsy");
    for b in BIOPSY {
        out.push(',');
        out.push_str(b);
    }
    out.push('\n');
    for r in 0..rows {
        let mut cells: Vec<String> = Vec::new();
        cells.push(match rng.next() % 50 {
            0 => String::new(),
            1 => format!("\"P,{r}\""),
            2 => format!("\"P \"\"{r}\"\"\""),
            _ => format!("P{r}"),
        });
        cells.push(
            match rng.next() % 200 {
                0 => "",
                1 => "17.5",
                2 => "\"1,5\"",
                3 => "-3",
                4 => "NaN",
                5 => " 45 ",
                6 => "1e2",
                7 => "45.0",
                8 => "abc",
                _ => "",
            }
            .to_owned(),
        );
        if cells[1].is_empty() && !rng.next().is_multiple_of(5) {
            cells[1] = (rng.next() % 95).to_string();
        }
        for _ in EULAR_BOOLS {
            let v = match rng.next() % 1000 {
                0 => "maybe",
                1 => "TRUE",
                2 => " false",
                3 => "\"true\"",
                4 => "yes\u{0}",
                5 => "1",
                _ => rng.pick(&["true", "false", "", "true", "false"]),
            };
            cells.push(v.to_owned());
        }
        let biopsy = rng.pick(&["true", "", "", "false", "true"]);
        cells.push(biopsy.to_owned());
        for _ in BIOPSY {
            let v = match biopsy {
                "false" if !rng.next().is_multiple_of(20) => "",
                "" if !rng.next().is_multiple_of(3) => "",
                _ => rng.pick(&["true", "false", ""]),
            };
            cells.push(v.to_owned());
        }
        match rng.next() % 150 {
            0 => {
                cells.pop();
            }
            1 => cells.push("extra".into()),
            2 => out.push('\n'),
            _ => {}
        }
        out.push_str(&cells.join(","));
        out.push_str(if rng.next().is_multiple_of(10) {
            "\r\n"
        } else {
            "\n"
        });
    }
    out
}

/// Runs a CSV text through the pipeline: CSV results, and the same rows through the batch
/// sink rendered as CSV (must be the same bytes).
fn run_csv(instrument: &str, csv: &str, chunk: usize, threads: usize) -> (Vec<u8>, Stats) {
    let scorer = Arc::new(Scorer::builtin().unwrap());
    let opts = Options {
        today: Some(today()),
        ..Options::default()
    };
    let mut results = Vec::new();
    let mut all_stats = Vec::new();
    for batches in [false, true] {
        let (head, chunker) =
            Chunker::new(std::io::Cursor::new(csv.as_bytes().to_vec()), chunk).unwrap();
        let mut plan = Plan::new(scorer.clone(), instrument, &head.names, &opts).unwrap();
        if head.delimiter == b';' {
            plan.refuse_dot_grouped_numbers();
        }
        let mut out = Vec::new();
        let stats = if batches {
            out.extend(myo_cohort::csv_out::header(&plan.schema));
            let mut text = Vec::new();
            let mut sink = |b: RecordBatch| {
                myo_cohort::csv_out::rows(&b, None, &mut text);
                Ok(())
            };
            let s = run::run(
                &plan,
                run::csv_source(chunker),
                head.delimiter,
                head.names.len(),
                threads,
                Sink::Batches(&mut sink),
                &mut |_, _| {},
            )
            .unwrap();
            out.extend(text);
            s
        } else {
            run::run(
                &plan,
                run::csv_source(chunker),
                head.delimiter,
                head.names.len(),
                threads,
                Sink::Csv(&mut out),
                &mut |_, _| {},
            )
            .unwrap()
        };
        results.push(out);
        all_stats.push(stats);
    }
    assert!(
        results[0] == results[1],
        "CSV sink and batch sink differ ({instrument}, chunk {chunk}, {threads} threads)"
    );
    assert_eq!(all_stats[0], all_stats[1]);
    (results.remove(0), all_stats.remove(0))
}

fn summary(stats: &Stats) -> String {
    let mut s = format!(
        "rows {} scored {} failed {}\n",
        stats.rows, stats.scored, stats.failed
    );
    for ((field, kind), (n, example)) in &stats.kinds {
        s.push_str(&format!("{n} {field}: {kind} (e.g. {example})\n"));
    }
    s
}

#[test]
fn eular_csv_output_is_unchanged_for_any_chunk_size_and_thread_count() {
    let csv = eular_csv(3000, 0x5eed_c0ff_ee00_0001);
    let (want, stats) = run_csv("eular-acr-2017", &csv, 4 << 20, 1);
    check("eular.out.csv", &want);
    check("eular.summary.txt", summary(&stats).as_bytes());
    assert_eq!(
        stats.rows, 3000,
        "every record read once (blank lines skipped)"
    );
    assert!(
        stats.failed > 30 && stats.scored > 2500,
        "{}",
        summary(&stats)
    );
    // Chunks far smaller than the file: rows cross chunk borders, quoted ones included.
    for (chunk, threads) in [(1 << 10, 1), (1 << 10, 3), (7 << 10, 2), (4 << 20, 4)] {
        let (got, s) = run_csv("eular-acr-2017", &csv, chunk, threads);
        assert_eq!(s, stats, "chunk {chunk}, {threads} threads");
        assert!(
            got == want,
            "chunk {chunk}, {threads} threads: output differs"
        );
    }
}

#[test]
fn eular_semicolon_csv_output_is_unchanged() {
    let csv = eular_csv(600, 0x5eed_0000_0000_0002)
        .replace(',', ";")
        .replace("17.5", "1.500");
    let (got, stats) = run_csv("eular-acr-2017", &csv, 2 << 10, 2);
    check("eular-semicolon.out.csv", &got);
    check("eular-semicolon.summary.txt", summary(&stats).as_bytes());
}

#[test]
fn eular_without_id_column_numbers_rows() {
    let csv: String = eular_csv(500, 7)
        .lines()
        .map(|l| l.split_once(',').map_or(l, |(_, rest)| rest).to_owned() + "\n")
        .collect();
    let (want, _) = run_csv("eular-acr-2017", &csv, 4 << 20, 1);
    // Without the id, some rows start with `3",` (a quote inside an unquoted field, which is
    // data): every row still gets its own result line, none is merged into another.
    let rows = csv.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
    assert_eq!(
        want.split(|&b| b == b'\n').count() - 2,
        rows,
        "one line per row"
    );
    check("eular-rows.out.csv", &want);
    let (got, _) = run_csv("eular-acr-2017", &csv, 1 << 10, 3);
    assert!(got == want, "row numbers continue across chunks");
}

/// MMT-8 (whole numbers or `T`, an option column, nested fields) and HAQ-DI (decimals, options).
#[test]
fn generic_instruments_output_is_unchanged() {
    let mut rng = Rng(99);
    let muscles = [
        "grades.neck_flexors",
        "grades.deltoid_middle",
        "grades.biceps_brachii",
        "grades.gluteus_maximus",
    ];
    let mut csv = format!("id,mode,{}\n", muscles.join(","));
    for r in 0..800 {
        let mode = rng.pick(&["unilateral", "unilateral", "unilateral", "sideways", ""]);
        let grades: Vec<&str> = muscles
            .iter()
            .map(|_| match rng.next() % 40 {
                0 => rng.pick(&["11", "7.5"]),
                _ => rng.pick(&["10", "9", "8", "T", "", "0", " 6 "]),
            })
            .collect();
        csv.push_str(&format!("m{r},{mode},{}\n", grades.join(",")));
    }
    let (got, stats) = run_csv("mmt8", &csv, 2 << 10, 2);
    check("mmt8.out.csv", &got);
    check("mmt8.summary.txt", summary(&stats).as_bytes());
    let (one, _) = run_csv("mmt8", &csv, 4 << 20, 1);
    assert!(one == got);

    let scorer = Scorer::builtin().unwrap();
    let fields = myo_cohort::fields_of(&scorer, "haq-di").unwrap();
    let names: Vec<&str> = fields.fields.iter().map(|f| f.path.as_str()).collect();
    let mut csv = format!("id,{}\n", names.join(","));
    for r in 0..400 {
        let cells: Vec<&str> = fields
            .fields
            .iter()
            .map(|f| {
                if !f.options.is_empty() {
                    let o = f.options[(rng.next() % f.options.len() as u64) as usize].as_str();
                    if rng.next().is_multiple_of(6) { "" } else { o }
                } else if rng.next().is_multiple_of(150) {
                    rng.pick(&["no", "1.5", "4", "x"])
                } else if f.kinds.boolean {
                    rng.pick(&["true", "false", ""])
                } else {
                    rng.pick(&["0", "1", "2", "3", ""])
                }
            })
            .collect();
        csv.push_str(&format!("h{r},{}\n", cells.join(",")));
    }
    let (got, stats) = run_csv("haq-di", &csv, 2 << 10, 2);
    check("haq.out.csv", &got);
    check("haq.summary.txt", summary(&stats).as_bytes());
}

#[test]
fn tis_output_is_unchanged() {
    let mut rng = Rng(4242);
    let mut csv = String::from(
        "patient_id,visit_date,population,mmt_max,physician_global,patient_global,extramuscular,haq,mmt,enzymes.ck.value,enzymes.ck.uln\n",
    );
    for r in 0..600 {
        let patient = format!("p{}", rng.next() % 60);
        let date = format!(
            "20{}-{:02}-{:02}",
            rng.pick(&["23", "24", "25", "27"]),
            1 + rng.next() % 13,
            1 + rng.next() % 28
        );
        let row = [
            if r % 97 == 0 { String::new() } else { patient },
            date,
            rng.pick(&["adult", "adult", "juvenile", "child"]).into(),
            "80".into(),
            rng.pick(&["6", "3", "", "11", "2.5"]).into(),
            rng.pick(&["7", "5", "4"]).into(),
            rng.pick(&["4", "2", ""]).into(),
            rng.pick(&["1.5", "1.0", "0.25", ""]).into(),
            rng.pick(&["60", "66", "80", ""]).into(),
            rng.pick(&["3000", "1000", ""]).into(),
            rng.pick(&["200", "", "0"]).into(),
        ];
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    let (got, stats) = run_csv("tis-2016", &csv, 1 << 10, 4);
    check("tis.out.csv", &got);
    check("tis.summary.txt", summary(&stats).as_bytes());
}

/// The EULAR/ACR rows as typed Arrow columns (nullable booleans, a float and an integer age,
/// text ids, a text column with bad values, a date column nobody reads) through Parquet.
fn eular_parquet(rows: usize, path: &std::path::Path) {
    let mut rng = Rng(0xfeed);
    let mut cols: Vec<(String, ArrayRef)> = Vec::new();
    let ids: StringArray = (0..rows)
        .map(|r| (r % 211 != 0).then(|| format!("Q{r}")))
        .collect();
    cols.push(("id".into(), Arc::new(ids)));
    let ages: Float64Array = (0..rows)
        .map(|_| match rng.next() % 20 {
            0 => None,
            1 => Some(-2.0),
            2 => Some(17.5),
            _ => Some((rng.next() % 90) as f64),
        })
        .collect();
    cols.push(("age_at_onset_years".into(), Arc::new(ages)));
    for (k, b) in EULAR_BOOLS.iter().enumerate() {
        let a: ArrayRef = if k == 4 {
            // heliotrope_rash as registry text, with codes the default encoding refuses.
            Arc::new(
                (0..rows)
                    .map(|_| match rng.next() % 50 {
                        0 => Some("maybe"),
                        1 => None,
                        _ => Some(rng.pick(&["true", "false", "FALSE"])),
                    })
                    .collect::<StringArray>(),
            )
        } else if k == 9 {
            // elevated_muscle_enzymes as 0/1 integers: refused unless mapped.
            Arc::new(
                (0..rows)
                    .map(|_| {
                        rng.next()
                            .is_multiple_of(100)
                            .then(|| (rng.next() % 2) as i32)
                    })
                    .collect::<Int32Array>(),
            )
        } else {
            Arc::new(
                (0..rows)
                    .map(|_| match rng.next() % 3 {
                        0 => None,
                        1 => Some(false),
                        _ => Some(true),
                    })
                    .collect::<BooleanArray>(),
            )
        };
        cols.push((b.to_string(), a));
    }
    let flags: Vec<Option<bool>> = (0..rows)
        .map(|_| match rng.next() % 4 {
            0 => Some(true),
            1 => Some(false),
            _ => None,
        })
        .collect();
    for b in BIOPSY {
        let a: BooleanArray = flags
            .iter()
            .map(|f| match f {
                Some(false) if !rng.next().is_multiple_of(25) => None,
                _ => [None, Some(true), Some(false)][(rng.next() % 3) as usize],
            })
            .collect();
        cols.push((b.to_string(), Arc::new(a)));
    }
    cols.push(("muscle_biopsy".into(), Arc::new(BooleanArray::from(flags))));
    cols.push((
        "registry_date".into(),
        Arc::new(Date32Array::from_iter_values(
            (0..rows as i32).map(|d| 19000 + d),
        )),
    ));
    cols.push((
        "unused".into(),
        Arc::new(Int64Array::from_iter_values(0..rows as i64)),
    ));
    let schema = Arc::new(Schema::new(
        cols.iter()
            .map(|(n, a)| Field::new(n, a.data_type().clone(), true))
            .collect::<Vec<_>>(),
    ));
    let batch =
        RecordBatch::try_new(schema.clone(), cols.into_iter().map(|(_, a)| a).collect()).unwrap();
    let props = parquet::file::properties::WriterProperties::builder()
        .set_max_row_group_row_count(Some(1000))
        .build();
    let mut w =
        parquet::arrow::ArrowWriter::try_new(File::create(path).unwrap(), schema, Some(props))
            .unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

fn run_parquet(path: &std::path::Path, batch_rows: usize, threads: usize) -> (Vec<u8>, Stats) {
    let scorer = Arc::new(Scorer::builtin().unwrap());
    let input = parquet_io::ParquetInput::open(File::open(path).unwrap()).unwrap();
    let names = arrow_in::header(&input.schema());
    let probe = Plan::new(
        scorer.clone(),
        "eular-acr-2017",
        &names,
        &Options::default(),
    )
    .unwrap();
    let used = probe.used_columns();
    let projected = input.schema().project(&used).unwrap();
    let opts = Options {
        id_type: arrow_in::id_type(&projected, None, "id"),
        today: Some(today()),
        ..Options::default()
    };
    let plan = Plan::new(
        scorer,
        "eular-acr-2017",
        &arrow_in::header(&projected),
        &opts,
    )
    .unwrap();
    assert_eq!(plan.schema.field(0).data_type(), &DataType::Utf8);
    let reader = input.reader_with_batch_rows(&used, batch_rows).unwrap();
    let mut out = Vec::new();
    let stats = run::run(
        &plan,
        run::parquet_source(reader),
        b',',
        used.len(),
        threads,
        Sink::Csv(&mut out),
        &mut |_, _| {},
    )
    .unwrap();
    (out, stats)
}

#[test]
fn eular_parquet_output_is_unchanged_for_any_batch_size_and_thread_count() {
    let dir = std::env::temp_dir().join(format!("myo-cohort-golden-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("eular.parquet");
    eular_parquet(2500, &path);
    let (want, stats) = run_parquet(&path, parquet_io::BATCH_ROWS, 1);
    check("eular-parquet.out.csv", &want);
    check("eular-parquet.summary.txt", summary(&stats).as_bytes());
    assert_eq!(stats.rows, 2500);
    // Batches smaller than the file and than its row groups: order and counts hold.
    for (rows, threads) in [(300, 1), (300, 3), (1024, 2)] {
        let (got, s) = run_parquet(&path, rows, threads);
        assert_eq!(s, stats, "batch {rows}, {threads} threads");
        assert!(
            got == want,
            "batch {rows}, {threads} threads: output differs"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A file of many chunks (and Parquet batches) streams through in input order: every row once,
/// ids in sequence, whatever the thread count.
#[test]
fn input_larger_than_a_chunk_streams_in_order() {
    let rows = 20_000;
    let mut csv = String::from("id,age_at_onset_years,heliotrope_rash\n");
    for r in 0..rows {
        csv.push_str(&format!("{r},{},{}\n", r % 90, r % 3 == 0));
    }
    for threads in [1, 3] {
        // 4 KB chunks: about 80 of them.
        let (out, stats) = run_csv("eular-acr-2017", &csv, 4 << 10, threads);
        assert_eq!((stats.rows, stats.scored), (rows, rows));
        let ids: Vec<u64> = String::from_utf8(out)
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(ids, (0..rows).collect::<Vec<_>>(), "{threads} threads");
    }
}
