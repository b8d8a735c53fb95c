//! CSV input (RFC 4180; UTF-8 with or without a byte-order mark; `,`, `;` or tab, told from the
//! header): cut into chunks of whole records, then read by a one-pass parser that hands any
//! record containing a quote to the `csv` crate.

use std::io::{self, Read};

use crate::cell::Cell;
use crate::plan::Row;

/// The delimiters recognised, in order of preference on a tie.
pub const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// The header of a CSV input and what follows it.
#[derive(Debug, Clone)]
pub struct Header {
    /// Column names (trimmed of surrounding spaces and a BOM).
    pub names: Vec<String>,
    /// The delimiter found in the header line.
    pub delimiter: u8,
}

/// Errors before any row is read.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    /// Reading failed.
    #[error("reading the input: {0}")]
    Io(#[from] io::Error),
    /// No header line.
    #[error("the input is empty: the first line must name the columns")]
    Empty,
    /// The header is not UTF-8 or not CSV.
    #[error("the header (first line) is not readable CSV: {0}")]
    Header(String),
}

/// Reads chunks of whole records from a reader.
pub struct Chunker<R> {
    reader: R,
    carry: Vec<u8>,
    target: usize,
    eof: bool,
    /// Bytes read so far.
    pub bytes_read: u64,
}

/// Where the last record that ends inside `buf` ends (after its newline), honouring quotes.
fn last_boundary(buf: &[u8]) -> Option<usize> {
    if memchr::memchr(b'"', buf).is_none() {
        return memchr::memrchr(b'\n', buf).map(|i| i + 1);
    }
    let mut in_quotes = false;
    let mut last = None;
    for i in memchr::memchr2_iter(b'"', b'\n', buf) {
        if buf[i] == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            last = Some(i + 1);
        }
    }
    last
}

impl<R: Read> Chunker<R> {
    /// Reads the header, skipping a BOM, and returns it with a chunker for the rest.
    pub fn new(mut reader: R, target: usize) -> Result<(Header, Chunker<R>), CsvError> {
        let mut buf = Vec::with_capacity(target.max(1 << 16));
        let mut eof = false;
        let mut bytes_read = 0u64;
        let header_end = loop {
            if let Some(end) = first_record_end(&buf) {
                break end;
            }
            if eof {
                break buf.len();
            }
            let n = fill(&mut reader, &mut buf, 1 << 16)?;
            bytes_read += n as u64;
            eof = n == 0;
        };
        let mut start = 0;
        if buf.starts_with(b"\xEF\xBB\xBF") {
            start = 3;
        }
        let line = &buf[start..header_end];
        if line.iter().all(u8::is_ascii_whitespace) {
            return Err(CsvError::Empty);
        }
        let delimiter = detect_delimiter(line);
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .from_reader(line);
        let mut rec = csv::StringRecord::new();
        rdr.read_record(&mut rec)
            .map_err(|e| CsvError::Header(e.to_string()))?;
        let names = rec.iter().map(|s| s.trim().to_owned()).collect();
        let carry = buf[header_end..].to_vec();
        Ok((
            Header { names, delimiter },
            Chunker {
                reader,
                carry,
                target,
                eof,
                bytes_read,
            },
        ))
    }

    /// The next chunk of whole records, or `None` at the end.
    pub fn next_chunk(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut buf = std::mem::take(&mut self.carry);
        loop {
            if !self.eof && buf.len() < self.target {
                let want = self.target - buf.len();
                let n = fill(&mut self.reader, &mut buf, want)?;
                self.bytes_read += n as u64;
                self.eof = n == 0;
                continue;
            }
            if self.eof {
                return Ok((!buf.is_empty()).then_some(buf));
            }
            match last_boundary(&buf) {
                Some(end) => {
                    self.carry = buf[end..].to_vec();
                    buf.truncate(end);
                    return Ok(Some(buf));
                }
                // One record longer than the chunk: read more.
                None => self.target *= 2,
            }
        }
    }
}

/// Appends up to `want` bytes (fewer only at the end of the input); 0 means the end. The
/// buffer grows without being zeroed first.
fn fill(reader: &mut impl Read, buf: &mut Vec<u8>, want: usize) -> io::Result<usize> {
    buf.reserve(want);
    reader.take(want as u64).read_to_end(buf)
}

/// End of the first record (after its newline), honouring quotes.
fn first_record_end(buf: &[u8]) -> Option<usize> {
    let mut in_quotes = false;
    for i in memchr::memchr2_iter(b'"', b'\n', buf) {
        if buf[i] == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            return Some(i + 1);
        }
    }
    None
}

/// The delimiter that occurs most often outside quotes in the header line (`,` on a tie).
pub fn detect_delimiter(line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    for &b in line {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes && let Some(k) = DELIMITERS.iter().position(|&d| d == b) {
            counts[k] += 1;
        }
    }
    let best = (0..3).max_by_key(|&k| (counts[k], 3 - k)).unwrap_or(0);
    DELIMITERS[best]
}

/// One CSV record: fast (field ranges into the chunk) or from the `csv` crate (quoted).
pub enum CsvRow<'a> {
    /// Unquoted: byte ranges of the fields.
    Fast(&'a [u8], &'a [(u32, u32)]),
    /// Quoted: decoded by the `csv` crate.
    Slow(&'a csv::ByteRecord),
}

impl CsvRow<'_> {
    /// Number of fields.
    pub fn len(&self) -> usize {
        match self {
            CsvRow::Fast(_, r) => r.len(),
            CsvRow::Slow(rec) => rec.len(),
        }
    }

    /// Whether the record has no fields.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Row for CsvRow<'_> {
    fn cell(&self, col: usize) -> Cell<'_> {
        match self {
            CsvRow::Fast(data, ranges) => ranges.get(col).map_or(Cell::Null, |&(a, b)| {
                Cell::Text(&data[a as usize..b as usize])
            }),
            CsvRow::Slow(rec) => rec.get(col).map_or(Cell::Null, Cell::Text),
        }
    }
}

/// Calls `f` for every record of a chunk, in order; blank lines are skipped.
pub fn for_each_record(chunk: &[u8], delimiter: u8, mut f: impl FnMut(&CsvRow<'_>)) {
    let mut ranges: Vec<(u32, u32)> = Vec::with_capacity(32);
    let mut record = csv::ByteRecord::new();
    let mut pos = 0;
    let len = chunk.len();
    while pos < len {
        ranges.clear();
        let start = pos;
        // The line (without its newline), found and checked for quotes with SIMD searches;
        // the fields are then split in one tight loop.
        let i = memchr::memchr(b'\n', &chunk[start..]).map_or(len, |n| start + n);
        if memchr::memchr(b'"', &chunk[start..i]).is_some() {
            let end = record_end(chunk, start);
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(&chunk[start..end]);
            if rdr.read_byte_record(&mut record).unwrap_or(false) {
                f(&CsvRow::Slow(&record));
            }
            pos = end;
            continue;
        }
        let mut field_start = start;
        for (k, &b) in chunk[start..i].iter().enumerate() {
            if b == delimiter {
                ranges.push((field_start as u32, (start + k) as u32));
                field_start = start + k + 1;
            }
        }
        let mut end = i;
        if end > field_start && chunk[end - 1] == b'\r' {
            end -= 1;
        }
        ranges.push((field_start as u32, end as u32));
        pos = i + 1;
        if ranges.len() == 1
            && chunk[start..end]
                .iter()
                .all(|b| matches!(b, b' ' | b'\t' | b'\r'))
        {
            continue;
        }
        f(&CsvRow::Fast(chunk, &ranges));
    }
}

/// End of the record starting at `start` (after its newline), honouring quotes.
fn record_end(chunk: &[u8], start: usize) -> usize {
    first_record_end(&chunk[start..]).map_or(chunk.len(), |e| start + e)
}
