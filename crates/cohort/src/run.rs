//! The streaming pipeline: one reader, `threads` scorers, one writer; bounded memory (a fixed
//! window of chunks in flight) and output in input order.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use arrow_array::RecordBatch;

use crate::arrow_in::{ColumnTypeError, score_columns};
use crate::csv_in::{Chunker, for_each_record};
use crate::eular::field_count_error;
use crate::eular_out::EularResults;
use crate::out::Builders;
use crate::plan::{Path, Plan, Stats};

/// Bytes per CSV chunk.
pub const CHUNK_BYTES: usize = 4 << 20;

/// A piece of input.
pub enum Chunk {
    /// Whole CSV records.
    Csv(Vec<u8>),
    /// An Arrow batch (from Parquet).
    Arrow(RecordBatch),
}

/// Where results go.
pub enum Sink<'w> {
    /// CSV text (the header is written first).
    Csv(&'w mut (dyn Write + Send)),
    /// Arrow batches (to a Parquet writer).
    Batches(&'w mut (dyn FnMut(RecordBatch) -> Result<(), RunError> + Send)),
}

/// A run that had to stop (never because of a bad row).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A column of an unsupported type.
    #[error(transparent)]
    Column(#[from] ColumnTypeError),
    /// Parquet failed.
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
}

/// Progress callback: rows done, input bytes (CSV) or rows (Parquet) read.
pub type Progress<'p> = &'p mut (dyn FnMut(u64, u64) + Send);

struct Done {
    seq: u64,
    rows: u64,
    csv: Option<Vec<u8>>,
    scored: Option<Scored>,
    stats: Stats,
    read: u64,
}

/// A scored chunk: columns of a columnar path (EULAR/ACR 2017) or a result batch.
pub(crate) enum Scored {
    /// Built row by row.
    Batch(RecordBatch),
    /// EULAR/ACR results as columns.
    Eular(EularResults),
}

impl Scored {
    fn rows(&self) -> usize {
        match self {
            Scored::Batch(b) => b.num_rows(),
            Scored::Eular(e) => e.len(),
        }
    }

    /// The result batch.
    pub(crate) fn into_batch(self, plan: &Plan) -> RecordBatch {
        match (self, &plan.path) {
            (Scored::Batch(b), _) => b,
            (Scored::Eular(e), Path::Eular(slots)) => e.into_batch(plan, &slots.item_ids),
            (Scored::Eular(_), _) => unreachable!("EULAR/ACR results come from a EULAR/ACR plan"),
        }
    }

    /// Appends the rows as CSV lines (row numbers from `row_base` in the first column).
    fn write_csv(&self, plan: &Plan, row_base: Option<u64>, out: &mut Vec<u8>) {
        match (self, &plan.path) {
            (Scored::Batch(b), _) => crate::csv_out::rows(b, row_base, out),
            (Scored::Eular(e), Path::Eular(slots)) => {
                e.write_csv(plan, &slots.item_ids, row_base, out)
            }
            (Scored::Eular(_), _) => unreachable!("EULAR/ACR results come from a EULAR/ACR plan"),
        }
    }
}

/// Scores one chunk.
fn score_chunk(
    plan: &Plan,
    chunk: &Chunk,
    delimiter: u8,
    header_len: usize,
    stats: &mut Stats,
) -> Result<Scored, RunError> {
    match (chunk, &plan.path) {
        (Chunk::Arrow(batch), _) => Ok(score_columns(plan, batch, stats)?),
        (Chunk::Csv(bytes), Path::Eular(slots)) => Ok(Scored::Eular(crate::eular::score_csv(
            plan, slots, bytes, delimiter, header_len, stats,
        ))),
        (Chunk::Csv(bytes), _) => {
            let mut out = Builders::new(plan.schema.clone(), bytes.len() / 48 + 16);
            let id = plan.id_column();
            for_each_record(bytes, delimiter, |row| {
                match id.map(|c| crate::plan::Row::cell(row, c)) {
                    Some(crate::cell::Cell::Text(t)) => match std::str::from_utf8(t) {
                        Ok(t) => out.id(Some(t)),
                        Err(_) => out.id(Some(&String::from_utf8_lossy(t))),
                    },
                    _ => out.id(None),
                }
                if row.len() != header_len {
                    stats.rows += 1;
                    if plan.is_long() {
                        out.visit(None, None, Some(crate::tis::BASELINE_RULE));
                    }
                    out.failed(&stats.refused(field_count_error(row.len(), header_len)));
                    return;
                }
                plan.score_row(row, &mut out, stats);
            });
            Ok(Scored::Batch(out.finish()))
        }
    }
}

/// Runs the pipeline over `chunks` (produced by `next`), writing results in input order.
#[allow(clippy::too_many_arguments)]
pub fn run(
    plan: &Plan,
    mut next: impl FnMut() -> Result<Option<(Chunk, u64)>, RunError> + Send,
    delimiter: u8,
    header_len: usize,
    threads: usize,
    sink: Sink<'_>,
    progress: Progress<'_>,
) -> Result<Stats, RunError> {
    let threads = if plan.is_long() { 1 } else { threads.max(1) };
    let window = threads * 3 + 1;
    let row_numbers = plan.id_column().is_none();
    let csv_out = matches!(sink, Sink::Csv(_));
    let (work_tx, work_rx) = sync_channel::<(u64, Chunk, u64)>(threads);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = sync_channel::<Result<Done, RunError>>(window);
    let (token_tx, token_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        token_tx.send(()).ok();
    }
    std::thread::scope(|s| {
        let reader_done = done_tx.clone();
        s.spawn(move || {
            let mut seq = 0;
            loop {
                if token_rx.recv().is_err() {
                    return;
                }
                match next() {
                    Ok(Some((chunk, read))) => {
                        if work_tx.send((seq, chunk, read)).is_err() {
                            return;
                        }
                        seq += 1;
                    }
                    Ok(None) => return,
                    Err(e) => {
                        reader_done.send(Err(e)).ok();
                        return;
                    }
                }
            }
        });
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let work_rx = &work_rx;
            s.spawn(move || {
                worker(
                    plan,
                    work_rx,
                    done_tx,
                    delimiter,
                    header_len,
                    csv_out,
                    row_numbers,
                )
            });
        }
        drop(done_tx);
        write_in_order(plan, done_rx, token_tx, sink, row_numbers, progress)
    })
}

fn worker(
    plan: &Plan,
    work: &Mutex<Receiver<(u64, Chunk, u64)>>,
    done: SyncSender<Result<Done, RunError>>,
    delimiter: u8,
    header_len: usize,
    csv_out: bool,
    row_numbers: bool,
) {
    loop {
        let job = work.lock().unwrap_or_else(|p| p.into_inner()).recv();
        let Ok((seq, chunk, read)) = job else { return };
        let mut stats = Stats::default();
        let result = score_chunk(plan, &chunk, delimiter, header_len, &mut stats).map(|scored| {
            let rows = scored.rows() as u64;
            let (csv, scored) = if csv_out && !row_numbers {
                let mut bytes = Vec::with_capacity(rows as usize * 64);
                scored.write_csv(plan, None, &mut bytes);
                (Some(bytes), None)
            } else {
                (None, Some(scored))
            };
            Done {
                seq,
                rows,
                csv,
                scored,
                stats,
                read,
            }
        });
        if done.send(result).is_err() {
            return;
        }
    }
}

fn write_in_order(
    plan: &Plan,
    done: Receiver<Result<Done, RunError>>,
    tokens: SyncSender<()>,
    sink: Sink<'_>,
    row_numbers: bool,
    progress: Progress<'_>,
) -> Result<Stats, RunError> {
    let mut stats = Stats::default();
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next_seq = 0;
    let mut rows_written = 0u64;
    let mut read = 0u64;
    let mut sink = sink;
    if let Sink::Csv(w) = &mut sink {
        w.write_all(&crate::csv_out::header(&plan.schema))?;
    }
    for d in done {
        let d = d?;
        pending.insert(d.seq, d);
        while let Some(d) = pending.remove(&next_seq) {
            next_seq += 1;
            read = read.max(d.read);
            match &mut sink {
                Sink::Csv(w) => match (&d.csv, &d.scored) {
                    (Some(bytes), _) => w.write_all(bytes)?,
                    (None, Some(scored)) => {
                        let mut bytes = Vec::new();
                        let base = row_numbers.then_some(rows_written);
                        scored.write_csv(plan, base, &mut bytes);
                        w.write_all(&bytes)?;
                    }
                    (None, None) => {}
                },
                Sink::Batches(f) => {
                    if let Some(scored) = d.scored {
                        let batch = scored.into_batch(plan);
                        let batch = if row_numbers {
                            renumber(batch, rows_written)
                        } else {
                            batch
                        };
                        f(batch)?;
                    }
                }
            }
            rows_written += d.rows;
            stats.merge(d.stats);
            progress(rows_written, read);
            tokens.send(()).ok();
        }
    }
    Ok(stats)
}

fn renumber(batch: RecordBatch, base: u64) -> RecordBatch {
    let n = batch.num_rows() as u64;
    let mut cols = batch.columns().to_vec();
    cols[0] = std::sync::Arc::new(arrow_array::Int64Array::from_iter_values(
        (base + 1..=base + n).map(|i| i as i64),
    ));
    RecordBatch::try_new(batch.schema(), cols).unwrap_or(batch)
}

/// A chunk source over a CSV reader (after its header).
pub fn csv_source<R: Read + Send>(
    mut chunker: Chunker<R>,
) -> impl FnMut() -> Result<Option<(Chunk, u64)>, RunError> + Send {
    move || {
        let chunk = chunker.next_chunk()?;
        Ok(chunk.map(|c| (Chunk::Csv(c), chunker.bytes_read)))
    }
}

/// A chunk source over a Parquet reader (its batches as they come).
pub fn parquet_source(
    mut reader: parquet::arrow::arrow_reader::ParquetRecordBatchReader,
) -> impl FnMut() -> Result<Option<(Chunk, u64)>, RunError> + Send {
    let mut rows = 0u64;
    move || match reader.next() {
        Some(Ok(batch)) => {
            rows += batch.num_rows() as u64;
            Ok(Some((Chunk::Arrow(batch), rows)))
        }
        Some(Err(e)) => Err(RunError::Io(std::io::Error::other(e.to_string()))),
        None => Ok(None),
    }
}
