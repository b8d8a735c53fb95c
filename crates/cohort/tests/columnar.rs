//! The columnar EULAR/ACR path (Arrow columns to bits, the instrument's batch kernel, results
//! written as columns) gives the same result batch, the same counts and the same CSV bytes as
//! scoring the same rows one at a time, for every column type a registry sends: nullable
//! booleans, float, integer and text ages (out of range, not finite, malformed), true/false as
//! text or mapped codes, null-typed and absent columns, biopsy flags that contradict their
//! features, and batches sliced at an offset that is not a multiple of 64.

use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Float32Array, Float64Array, Int32Array, Int64Array, NullArray,
    RecordBatch, StringArray,
};
use arrow_schema::{Field, Schema};
use myo_api::Scorer;
use myo_cohort::run::{self, Chunk, Sink};
use myo_cohort::{Options, Plan, Stats, arrow_in, csv_out};

mod common;
use common::{BIOPSY, EULAR_BOOLS, Rng};

/// How the generated batch encodes its columns.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// Typed booleans, a float age.
    Typed,
    /// An integer age (64-bit), two true/false columns as text, one as 0/1 integers.
    Mixed,
    /// A 32-bit integer age, a null-typed column, two columns absent.
    Sparse,
    /// Text everywhere, read through a mapping with codes.
    Mapped,
    /// A 32-bit float age (read cell by cell).
    Float32,
}

fn tri(rng: &mut Rng) -> Option<bool> {
    match rng.next() % 7 {
        0 | 1 => None,
        2..=4 => Some(true),
        _ => Some(false),
    }
}

fn text_bool(rng: &mut Rng, mapped: bool) -> Option<&'static str> {
    let pick = rng.next() % 40;
    if mapped {
        return match pick {
            0 => Some("maybe"),
            1 => None,
            2 => Some("NA"),
            3..=17 => Some("Y"),
            18..=32 => Some("N"),
            _ => Some(""),
        };
    }
    match pick {
        0 => Some("maybe"),
        1 => Some("TRUE"),
        2 => Some(" false"),
        3 => None,
        4..=18 => Some("true"),
        19..=34 => Some("false"),
        _ => Some(""),
    }
}

fn batch(kind: Kind, rows: usize, seed: u64) -> RecordBatch {
    let mut rng = Rng(seed);
    let mut cols: Vec<(String, ArrayRef)> = Vec::new();
    let ids: StringArray = (0..rows)
        .map(|r| match r % 97 {
            0 => None,
            1 => Some(format!("P,{r}")),
            2 => Some(format!(" P\"{r}\" ")),
            _ => Some(format!("P{r}")),
        })
        .collect();
    cols.push(("id".into(), Arc::new(ids)));
    let age = |rng: &mut Rng| -> Option<f64> {
        match rng.next() % 40 {
            0 => None,
            1 => Some(-2.0),
            2 => Some(150.0),
            3 => Some(17.5),
            4 => Some(f64::NAN),
            5 => Some(f64::INFINITY),
            6 => Some(18.0),
            7 => Some(40.0),
            _ => Some((rng.next() % 95) as f64),
        }
    };
    let ages: ArrayRef = match kind {
        Kind::Typed => Arc::new((0..rows).map(|_| age(&mut rng)).collect::<Float64Array>()),
        Kind::Mixed => Arc::new(
            (0..rows)
                .map(|_| age(&mut rng).filter(|a| a.is_finite()).map(|a| a as i64))
                .collect::<Int64Array>(),
        ),
        Kind::Sparse => Arc::new(
            (0..rows)
                .map(|_| age(&mut rng).filter(|a| a.is_finite()).map(|a| a as i32))
                .collect::<Int32Array>(),
        ),
        Kind::Mapped => Arc::new(
            (0..rows)
                .map(|_| match rng.next() % 30 {
                    0 => Some("1,5".to_owned()),
                    1 => Some(" 45 ".to_owned()),
                    2 => Some("NA".to_owned()),
                    3 => Some("abc".to_owned()),
                    4 => None,
                    _ => age(&mut rng).map(|a| a.to_string()),
                })
                .collect::<StringArray>(),
        ),
        Kind::Float32 => Arc::new(
            (0..rows)
                .map(|_| age(&mut rng).map(|a| a as f32))
                .collect::<Float32Array>(),
        ),
    };
    cols.push(("age_at_onset_years".into(), ages));
    for (k, name) in EULAR_BOOLS.iter().enumerate() {
        let a: ArrayRef = match (kind, k) {
            (Kind::Mapped, _) | (Kind::Mixed, 4 | 7) => {
                let mapped = matches!(kind, Kind::Mapped);
                Arc::new(
                    (0..rows)
                        .map(|_| text_bool(&mut rng, mapped))
                        .collect::<StringArray>(),
                )
            }
            (Kind::Mixed, 9) => Arc::new(
                (0..rows)
                    .map(|_| {
                        rng.next()
                            .is_multiple_of(20)
                            .then(|| (rng.next() % 2) as i32)
                    })
                    .collect::<Int32Array>(),
            ),
            (Kind::Sparse, 2) => Arc::new(NullArray::new(rows)),
            (Kind::Sparse, 5 | 11) => continue,
            _ => Arc::new((0..rows).map(|_| tri(&mut rng)).collect::<BooleanArray>()),
        };
        cols.push((name.to_string(), a));
    }
    let flags: Vec<Option<bool>> = (0..rows).map(|_| tri(&mut rng)).collect();
    for b in BIOPSY {
        let a: BooleanArray = flags
            .iter()
            .map(|f| match f {
                // Mostly blank when no biopsy was done; sometimes a contradicting value.
                Some(false) if !rng.next().is_multiple_of(10) => None,
                _ => tri(&mut rng),
            })
            .collect();
        cols.push((b.to_string(), Arc::new(a)));
    }
    let flag: ArrayRef = match kind {
        Kind::Mapped => Arc::new(
            flags
                .iter()
                .map(|f| f.map(|b| if b { "Y" } else { "N" }))
                .collect::<StringArray>(),
        ),
        _ => Arc::new(BooleanArray::from(flags)),
    };
    cols.push(("muscle_biopsy".into(), flag));
    let schema = Arc::new(Schema::new(
        cols.iter()
            .map(|(n, a)| Field::new(n, a.data_type().clone(), true))
            .collect::<Vec<_>>(),
    ));
    RecordBatch::try_new(schema, cols.into_iter().map(|(_, a)| a).collect()).unwrap()
}

const MAPPING: &str = r#"
    [codes]
    true = ["Y"]
    false = ["N"]
    missing = ["NA"]
"#;

fn plan(batch: &RecordBatch, kind: Kind) -> Plan {
    let names = arrow_in::header(&batch.schema());
    let opts = Options {
        id_type: arrow_in::id_type(&batch.schema(), None, "id"),
        mapping: matches!(kind, Kind::Mapped).then_some(MAPPING),
        ..Options::default()
    };
    Plan::new(
        Arc::new(Scorer::builtin().unwrap()),
        "eular-acr-2017",
        &names,
        &opts,
    )
    .unwrap()
}

/// CSV of one batch through the pipeline (the columnar writer).
fn pipeline_csv(plan: &Plan, batch: &RecordBatch) -> Vec<u8> {
    let mut chunks = vec![Chunk::Arrow(batch.clone())].into_iter();
    let mut out = Vec::new();
    run::run(
        plan,
        move || Ok(chunks.next().map(|c| (c, 0))),
        b',',
        batch.num_columns(),
        1,
        Sink::Csv(&mut out),
        &mut |_, _| {},
    )
    .unwrap();
    out
}

#[test]
fn columnar_equals_row_by_row_for_every_column_kind() {
    for (i, kind) in [
        Kind::Typed,
        Kind::Mixed,
        Kind::Sparse,
        Kind::Mapped,
        Kind::Float32,
    ]
    .into_iter()
    .enumerate()
    {
        let full = batch(kind, 3000, 0xc0ffee + i as u64);
        for b in [full.clone(), full.slice(37, 2900), full.slice(64, 1)] {
            let plan = plan(&b, kind);
            let (mut by_col, mut by_row) = (Stats::default(), Stats::default());
            let got = arrow_in::score_batch(&plan, &b, &mut by_col).unwrap();
            let want = arrow_in::score_batch_by_row(&plan, &b, &mut by_row).unwrap();
            assert_eq!(by_col, by_row, "{kind:?}: counts");
            assert_eq!(got, want, "{kind:?}: result batch");
            let mut text = csv_out::header(&plan.schema);
            csv_out::rows(&want, None, &mut text);
            assert!(
                pipeline_csv(&plan, &b) == text,
                "{kind:?}: CSV written from columns differs"
            );
            if b.num_rows() > 1000 {
                assert!(
                    by_row.scored > 500 && by_row.failed > 20,
                    "{kind:?}: {by_row:?}"
                );
            }
        }
    }
}

/// Missing is not normal on the columnar path: a null, blank or absent item is listed missing
/// and adds nothing to the score, and a biopsy of features only (no flag) counts as performed.
#[test]
fn columnar_reports_missing_items_and_never_scores_them() {
    let bools = |v: &[Option<bool>]| Arc::new(BooleanArray::from(v.to_vec())) as ArrayRef;
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", arrow_schema::DataType::Int64, true),
        Field::new("age_at_onset_years", arrow_schema::DataType::Float64, true),
        Field::new("heliotrope_rash", arrow_schema::DataType::Boolean, true),
        Field::new(
            "muscle_biopsy.rimmed_vacuoles",
            arrow_schema::DataType::Boolean,
            true,
        ),
    ]));
    let b = RecordBatch::try_new(
        schema,
        vec![
            Arc::new(Int64Array::from(vec![1, 2, 3])),
            Arc::new(Float64Array::from(vec![Some(45.0), None, Some(45.0)])),
            bools(&[Some(true), None, Some(true)]),
            bools(&[None, None, Some(false)]),
        ],
    )
    .unwrap();
    let plan = plan(&b, Kind::Typed);
    let out = arrow_in::score_batch(&plan, &b, &mut Stats::default()).unwrap();
    let text = |c: &str, r: usize| {
        let col = out.column_by_name(c).unwrap();
        arrow_array::cast::AsArray::as_string::<i32>(col)
            .value(r)
            .to_owned()
    };
    let score = |r: usize| {
        arrow_array::cast::AsArray::as_primitive::<arrow_array::types::Float64Type>(
            out.column_by_name("score").unwrap(),
        )
        .value(r)
    };
    // Row 2: nothing assessed: score 0, every item missing, no biopsy (its features are not
    // items then).
    assert_eq!(score(1).to_bits(), 0.0f64.to_bits());
    assert!(text("missing", 1).starts_with("age_at_onset_years|proximal_upper_weakness|"));
    assert!(!text("missing", 1).contains("rimmed_vacuoles"));
    // Row 3: a feature with a value and no flag: a biopsy was performed; the other three
    // features are missing.
    assert!(text("missing", 2).contains("endomysial_infiltrate|"));
    assert!(!text("missing", 2).contains("rimmed_vacuoles"));
    // Row 1 and row 3 differ only in the biopsy: the with-biopsy weights apply to row 3.
    assert_ne!(score(0).to_bits(), score(2).to_bits());
}
