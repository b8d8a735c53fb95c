//! Parquet input and output (`parquet` crate with snappy): input batches of 65 536 rows with
//! only the columns the plan reads; output written zstd-free with snappy, one row group per
//! 128 k rows (so Spark can split it).

use std::fs::File;

use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

pub use parquet::errors::ParquetError;

/// Rows per input batch.
pub const BATCH_ROWS: usize = 65_536;

/// An open Parquet input: its schema and row count, ready to read the columns a plan needs.
pub struct ParquetInput {
    builder: ParquetRecordBatchReaderBuilder<File>,
}

impl ParquetInput {
    /// Opens a file and reads its footer.
    pub fn open(file: File) -> Result<ParquetInput, ParquetError> {
        Ok(ParquetInput {
            builder: ParquetRecordBatchReaderBuilder::try_new(file)?,
        })
    }

    /// The file's Arrow schema.
    pub fn schema(&self) -> SchemaRef {
        self.builder.schema().clone()
    }

    /// Number of rows.
    pub fn rows(&self) -> u64 {
        self.builder.metadata().file_metadata().num_rows().max(0) as u64
    }

    /// A reader of the given top-level columns only (leaf order of a flat file). The batches
    /// keep every column of the file's schema position order among those chosen.
    pub fn reader(self, columns: &[usize]) -> Result<ParquetRecordBatchReader, ParquetError> {
        self.reader_with_batch_rows(columns, BATCH_ROWS)
    }

    /// [`ParquetInput::reader`] with batches of `rows` rows (tests use small ones).
    pub fn reader_with_batch_rows(
        self,
        columns: &[usize],
        rows: usize,
    ) -> Result<ParquetRecordBatchReader, ParquetError> {
        let mask = ProjectionMask::roots(self.builder.parquet_schema(), columns.iter().copied());
        self.builder
            .with_projection(mask)
            .with_batch_size(rows.max(1))
            .build()
    }
}

/// A Parquet writer for result batches (snappy, 128 k-row groups).
pub fn writer(file: File, schema: SchemaRef) -> Result<ArrowWriter<File>, ParquetError> {
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(131_072))
        .build();
    ArrowWriter::try_new(file, schema, Some(props))
}

/// Writes one batch.
pub fn write(w: &mut ArrowWriter<File>, batch: &RecordBatch) -> Result<(), ParquetError> {
    w.write(batch)
}
