//! End-to-end tests of `myo cohort`, running the built binary on files written to a temp dir
//! as a registry statistician would: CSV and Parquet in and out, the input format, the id
//! column, the mapping and its template.

mod cohort_common;

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_array::{ArrayRef, BooleanArray, Float64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use cohort_common::*;
use parquet::arrow::ArrowWriter;

#[test]
fn csv_in_csv_out_and_parquet_out_agree() {
    let tmp = Tmp::new("csv-parquet");
    let input = tmp.file("registry.csv", csv_text(&ROWS));
    let out = myo(&["cohort", "score", "eular-acr-2017", &input, "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = Table::from_csv(&out.stdout);
    assert_eq!(csv.header, expected_header("id"));
    assert_abc(&csv);
    let err = text(&out.stderr);
    assert!(err.contains("3 rows, 3 scored, 0 failed"), "{err}");
    assert!(
        err.contains("no column for") && err.contains("finger_flexor_weakness"),
        "fields without a column are named: {err}"
    );

    let pq = tmp.path("scored.parquet");
    let out = myo(&[
        "cohort",
        "score",
        "eular-acr-2017",
        &input,
        "--out",
        &pq,
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    let parquet = Table::from_parquet(&pq);
    assert_eq!(parquet.header, expected_header("id"));
    assert_abc(&parquet);
    assert_eq!(parquet.normalised(), csv.normalised());

    // An existing output is never replaced without --force.
    let again = myo(&["cohort", "score", "eular-acr-2017", &input, "--out", &pq]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("--force"),
        "{}",
        text(&again.stderr)
    );
    let forced = myo(&[
        "cohort",
        "score",
        "eular-acr-2017",
        &input,
        "--out",
        &pq,
        "--force",
        "--format",
        "csv",
    ]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    let replaced = std::fs::read(&pq).expect("output");
    assert_eq!(Table::from_csv(&replaced).normalised(), csv.normalised());
}

/// A Parquet input with typed columns (float age, boolean items) scores as the CSV does.
#[test]
fn parquet_in_equals_csv_in() {
    let tmp = Tmp::new("parquet-in");
    let csv_in = tmp.file("registry.csv", csv_text(&ROWS));
    let names: Vec<&str> = HEAD.split(',').collect();
    let mut fields = vec![Field::new("id", DataType::Utf8, true)];
    fields.push(Field::new(names[1], DataType::Float64, true));
    fields.extend(
        names[2..]
            .iter()
            .map(|n| Field::new(*n, DataType::Boolean, true)),
    );
    let schema = Arc::new(Schema::new(fields));
    let cells: Vec<Vec<&str>> = ROWS.iter().map(|r| r.split(',').collect()).collect();
    let mut columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter(cells.iter().map(|r| Some(r[0])))),
        Arc::new(Float64Array::from_iter(
            cells.iter().map(|r| r[1].parse::<f64>().ok()),
        )),
    ];
    for c in 2..names.len() {
        columns.push(Arc::new(BooleanArray::from_iter(
            cells.iter().map(|r| r[c].parse::<bool>().ok()),
        )));
    }
    let batch = RecordBatch::try_new(schema.clone(), columns).expect("batch");
    let pq_in = tmp.path("registry.parquet");
    let mut w =
        ArrowWriter::try_new(File::create(&pq_in).expect("create"), schema, None).expect("writer");
    w.write(&batch).expect("write");
    w.close().expect("close");

    let from_csv = myo(&["cohort", "score", "eular-acr-2017", &csv_in]);
    let from_pq = myo(&["cohort", "score", "eular-acr-2017", &pq_in]);
    assert_eq!(from_pq.status.code(), Some(0), "{}", text(&from_pq.stderr));
    assert_abc(&Table::from_csv(&from_pq.stdout));
    assert_eq!(text(&from_pq.stdout), text(&from_csv.stdout));
    // Parquet output needs a file.
    let out = myo(&[
        "cohort",
        "score",
        "eular-acr-2017",
        &pq_in,
        "--format",
        "parquet",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--out"), "{}", text(&out.stderr));
}

#[test]
fn input_format_when_the_extension_is_missing_or_misleading() {
    let tmp = Tmp::new("input-format");
    let body = csv_text(&ROWS);
    let bare = tmp.file("export", &body);
    let out = myo(&["cohort", "score", "eular-acr-2017", &bare]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains(&bare) && err.contains("--input-format"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    let out = myo(&[
        "cohort",
        "score",
        "eular-acr-2017",
        &bare,
        "--input-format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_abc(&Table::from_csv(&out.stdout));

    // CSV in a file named .parquet: refused, naming the file and the way out; then read.
    let liar = tmp.file("export.parquet", &body);
    let out = myo(&["cohort", "score", "eular-acr-2017", &liar]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains(&liar) && err.contains("--input-format csv"),
        "{err}"
    );
    let out = myo(&[
        "cohort",
        "score",
        "eular-acr-2017",
        &liar,
        "--input-format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_abc(&Table::from_csv(&out.stdout));

    // And a Parquet file named .csv.
    let pq = tmp.path("scored.parquet");
    let out = myo(&[
        "cohort",
        "score",
        "eular-acr-2017",
        &bare,
        "--input-format",
        "csv",
        "--out",
        &pq,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let disguised = tmp.file("scored.csv", std::fs::read(&pq).expect("parquet"));
    let out = myo(&["cohort", "score", "eular-acr-2017", &disguised]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains(&disguised) && err.contains("--input-format parquet"),
        "{err}"
    );
}

#[test]
fn id_column_is_copied_or_rows_are_numbered() {
    let tmp = Tmp::new("id-column");
    let body = csv_text(&ROWS).replacen("id,", "PATID,", 1);
    let input = tmp.file("registry.csv", &body);
    let out = myo(&[
        "cohort",
        "score",
        "eular-acr-2017",
        &input,
        "--id-column",
        "PATID",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let t = Table::from_csv(&out.stdout);
    assert_eq!(t.header, expected_header("PATID"));
    let ids: Vec<&str> = (0..3).map(|r| t.get(r, "PATID")).collect();
    assert_eq!(ids, ["A", "B", "C"]);

    // Without --id-column there is no `id` column: rows are numbered, and PATID is named as
    // a column no field reads.
    let out = myo(&["cohort", "score", "eular-acr-2017", &input]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let t = Table::from_csv(&out.stdout);
    assert_eq!(t.header, expected_header("row"));
    let ids: Vec<&str> = (0..3).map(|r| t.get(r, "row")).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert!(text(&out.stderr).contains("not read by this instrument: PATID"));

    // A named id column that is not there is refused before any row.
    let out = myo(&[
        "cohort",
        "score",
        "eular-acr-2017",
        &input,
        "--id-column",
        "patient",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("\"patient\" is not in the header"),
        "{}",
        text(&out.stderr)
    );
}

const REGISTRY: &str = "PATID;AGE;HELIO;PUW;GP\nA;45;1;0;ja\nB;45;NA;1;nein\nC;45;2;;\n";
const MAPPING: &str = r#"
id_column = "PATID"
[columns]
age_at_onset_years = "AGE"
heliotrope_rash = "HELIO"
proximal_upper_weakness = "PUW"
gottrons_papules = "GP"
[codes]
true = ["1"]
false = ["0"]
missing = ["NA"]
[field_codes.gottrons_papules]
true = ["ja"]
false = ["nein"]
"#;

#[test]
fn a_mapping_reads_registry_columns_and_codes() {
    let tmp = Tmp::new("map");
    let input = tmp.file("registry.csv", REGISTRY);
    let map = tmp.file("registry.mapping.toml", MAPPING);
    let out = myo(&["cohort", "score", "eular-acr-2017", &input, "--map", &map]);
    assert_eq!(out.status.code(), Some(2), "row C has a bad code");
    let t = Table::from_csv(&out.stdout);
    assert_eq!(t.header, expected_header("PATID"));
    // A: age 45 (+2.1), heliotrope (+3.1), Gottron's papules (+2.1): 7.3.
    assert_eq!(t.get(0, "score"), "7.3");
    assert_eq!(t.get(0, "error"), "");
    // B: heliotrope NA is not assessed, never normal.
    assert!(
        t.get(1, "missing").contains("heliotrope_rash"),
        "{:?}",
        t.rows[1]
    );
    assert_eq!(t.get(1, "error"), "");
    assert_eq!(t.get(2, "score"), "");
    assert!(
        t.get(2, "error")
            .starts_with("field heliotrope_rash: \"2\" is not true/false"),
        "{:?}",
        t.rows[2]
    );
}

#[test]
fn a_broken_mapping_is_refused_before_any_row() {
    let tmp = Tmp::new("bad-map");
    let input = tmp.file("registry.csv", REGISTRY);
    let scored = tmp.path("scored.csv");
    let cases = [
        (
            MAPPING.replace("heliotrope_rash = ", "heliotrope = "),
            "names \"heliotrope\", which is not a field of eular-acr-2017 (did you mean heliotrope_rash",
        ),
        (
            MAPPING.replace("false = [\"0\"]", "false = [\"1\"]"),
            "code \"1\" is listed as both true and false",
        ),
        (
            MAPPING.replace("gottrons_papules = \"GP\"", "gottrons_papules = \"AGE\""),
            "column \"AGE\" is mapped to both",
        ),
        (MAPPING.replace("[columns]", "[colums]"), "colums"),
        (MAPPING.replace("= [\"NA\"]", "= [\"NA\""), "mapping file"),
    ];
    for (mapping, says) in cases {
        let map = tmp.file("registry.mapping.toml", &mapping);
        let out = myo(&[
            "cohort",
            "score",
            "eular-acr-2017",
            &input,
            "--map",
            &map,
            "--out",
            &scored,
        ]);
        assert_eq!(out.status.code(), Some(2), "{mapping}");
        let err = text(&out.stderr);
        assert!(err.contains(says), "{says:?} not in: {err}");
        assert!(!err.contains("rows,"), "no row was read: {err}");
        assert!(
            !Path::new(&scored).exists(),
            "no output file is left behind: {err}"
        );
    }
    let out = myo(&[
        "cohort",
        "score",
        "eular-acr-2017",
        &input,
        "--map",
        &tmp.path("nowhere.toml"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("nowhere.toml"));
}

#[test]
fn template_writes_a_mapping_that_reads_back() {
    let tmp = Tmp::new("template");
    let dir = tmp.path("");
    let out = myo(&["cohort", "template", "eular-acr-2017", "--dir", &dir]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let listed = text(&out.stdout);
    assert!(
        listed.contains("eular-acr-2017.mapping.toml")
            && listed.contains("eular-acr-2017.example.csv"),
        "{listed}"
    );
    let map = tmp.path("eular-acr-2017.mapping.toml");
    let example = tmp.path("eular-acr-2017.example.csv");
    let header = std::fs::read_to_string(&example).expect("example header");
    assert!(
        header.starts_with("id,age_at_onset_years,")
            && header.contains("muscle_biopsy.rimmed_vacuoles"),
        "{header}"
    );
    // The example header with a row under it, read through the template: the template's
    // codes (1/0, Y/N, NA) work, and every field has its column.
    let width = header.trim_end().split(',').count();
    let mut row = vec!["NA"; width];
    row[0] = "P1";
    row[1] = "45";
    let mut csv = header.clone();
    csv.push_str(&row.join(","));
    csv.push('\n');
    let mut yes = vec!["1"; width];
    yes[0] = "P2";
    yes[1] = "45";
    csv.push_str(&yes.join(","));
    csv.push('\n');
    let input = tmp.file("filled.csv", csv);
    let out = myo(&["cohort", "score", "eular-acr-2017", &input, "--map", &map]);
    let err = text(&out.stderr);
    assert!(!err.contains("no column for"), "{err}");
    assert!(!err.contains("not read by"), "{err}");
    let t = Table::from_csv(&out.stdout);
    assert_eq!(t.get(0, "id"), "P1");
    assert_eq!(t.get(0, "score"), "2.1", "only the age is assessed");
    assert_eq!(t.get(0, "error"), "");
    assert_eq!(t.get(1, "id"), "P2");
    assert_eq!(t.get(1, "error"), "");
    assert_eq!(out.status.code(), Some(0), "{err}");

    // Existing files are kept.
    let again = myo(&["cohort", "template", "eular-acr-2017", "--dir", &dir]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("never replaced"));
    // Every instrument's template and example header read back as a run for that instrument.
    let list = myo(&["score", "--list", "--format", "json"]);
    let ids: Vec<String> = text(&list.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            v["id"].as_str().expect("id").to_owned()
        })
        .collect();
    assert!(ids.len() >= 8, "{ids:?}");
    for id in &ids {
        let sub = tmp.0.join(id);
        std::fs::create_dir_all(&sub).expect("dir");
        let out = myo(&["cohort", "template", id, "--dir", &path(&sub)]);
        assert_eq!(out.status.code(), Some(0), "{id}: {}", text(&out.stderr));
        let map = path(&sub.join(format!("{id}.mapping.toml")));
        let example = path(&sub.join(format!("{id}.example.csv")));
        let out = myo(&["cohort", "score", id, &example, "--map", &map]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{id}: {err}");
        assert!(err.contains("0 rows, 0 scored, 0 failed"), "{id}: {err}");
        assert!(!err.contains("no column for"), "{id}: {err}");
    }
}
