//! Runs the `myo cohort score` pipeline on one file without the CLI around it, for profiling
//! (`valgrind --tool=callgrind`, `perf`) with only this crate built in release.
//!
//! ```sh
//! cargo build --release -p myo-cohort --example cohort_run
//! target/release/examples/cohort_run eular-acr-2017 cohort.csv 1 > /dev/null
//! target/release/examples/cohort_run eular-acr-2017 cohort.parquet 1 out.parquet
//! ```
//! Arguments: instrument, input (`.csv` or `.parquet`), threads (default 1), and an optional
//! output path (`.parquet` writes Parquet; otherwise CSV to stdout).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::sync::Arc;

use myo_api::Scorer;
use myo_cohort::csv_in::Chunker;
use myo_cohort::run::{self, Sink};
use myo_cohort::{Options, Plan, arrow_in, parquet_io};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [instrument, input, rest @ ..] = args.as_slice() else {
        return Err("usage: cohort_run INSTRUMENT INPUT [THREADS] [OUT]".into());
    };
    let threads: usize = rest.first().map_or(Ok(1), |t| t.parse())?;
    let out = rest.get(1);
    let scorer = Arc::new(Scorer::builtin()?);
    let file = File::open(input)?;
    let started = std::time::Instant::now();
    let mut w = BufWriter::with_capacity(1 << 20, std::io::stdout());
    let stats = if input.ends_with(".parquet") {
        let pq = parquet_io::ParquetInput::open(file)?;
        let names = arrow_in::header(&pq.schema());
        let probe = Plan::new(scorer.clone(), instrument, &names, &Options::default())?;
        let used = probe.used_columns();
        let projected = pq.schema().project(&used)?;
        let id_type = arrow_in::id_type(&projected, None, "id");
        let opts = Options {
            id_type,
            ..Options::default()
        };
        let plan = Plan::new(scorer, instrument, &arrow_in::header(&projected), &opts)?;
        let source = run::parquet_source(pq.reader(&used)?);
        match out.filter(|o| o.ends_with(".parquet")) {
            Some(path) => {
                let mut writer = parquet_io::writer(File::create(path)?, plan.schema.clone())?;
                let mut write = |b| parquet_io::write(&mut writer, &b).map_err(run::RunError::from);
                let s = run::run(
                    &plan,
                    source,
                    b',',
                    used.len(),
                    threads,
                    Sink::Batches(&mut write),
                    &mut |_, _| {},
                )?;
                writer.close()?;
                s
            }
            None => run::run(
                &plan,
                source,
                b',',
                used.len(),
                threads,
                Sink::Csv(&mut w),
                &mut |_, _| {},
            )?,
        }
    } else {
        let (header, chunker) = Chunker::new(
            std::io::BufReader::with_capacity(1 << 20, file),
            run::CHUNK_BYTES,
        )?;
        let plan = Plan::new(scorer, instrument, &header.names, &Options::default())?;
        run::run(
            &plan,
            run::csv_source(chunker),
            header.delimiter,
            header.names.len(),
            threads,
            Sink::Csv(&mut w),
            &mut |_, _| {},
        )?
    };
    w.flush()?;
    eprintln!(
        "{} rows, {} scored, {} failed in {:.3} s",
        stats.rows,
        stats.scored,
        stats.failed,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
