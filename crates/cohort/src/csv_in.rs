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
    delimiter: u8,
    /// Bytes read so far.
    pub bytes_read: u64,
}

/// Where the last record that ends inside `buf` ends (after its newline), as the `csv` crate
/// reads quotes.
fn last_boundary(buf: &[u8], delimiter: u8) -> Option<usize> {
    if memchr::memchr(b'"', buf).is_none() {
        return memchr::memrchr(b'\n', buf).map(|i| i + 1);
    }
    let mut last = None;
    record_ends(buf, &[delimiter], |end| {
        if buf[end - 1] == b'\n' {
            last = Some(end);
        }
        true
    });
    last
}

/// Where a field stands, in the `csv` crate's reading of quotes (RFC 4180, quotes doubled
/// inside a quoted field): a quote opens a quoted field only at a field's start; elsewhere it
/// is data.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoting {
    /// At the start of a field.
    Start,
    /// In an unquoted field (a quote here is data).
    Unquoted,
    /// In a quoted field.
    Quoted,
    /// Just after a quote in a quoted field: it closed the field, or doubles the next one.
    QuoteInQuoted,
}

/// Calls `at` with the end of every record in `buf` (after its terminator: `\n`, `\r\n` or a
/// lone `\r`, outside quotes), in order, while it returns `true`. `delimiters` are the bytes
/// that end a field.
fn record_ends(buf: &[u8], delimiters: &[u8], mut at: impl FnMut(usize) -> bool) {
    let mut state = Quoting::Start;
    let mut i = 0;
    while i < buf.len() {
        let b = buf[i];
        i += 1;
        state = match (state, b) {
            (Quoting::Start, b'"') | (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
            (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
            (Quoting::Quoted, _) => Quoting::Quoted,
            (_, b'\n' | b'\r') => {
                if b == b'\r' && buf.get(i) == Some(&b'\n') {
                    i += 1;
                }
                if !at(i) {
                    return;
                }
                Quoting::Start
            }
            (_, d) if delimiters.contains(&d) => Quoting::Start,
            _ => Quoting::Unquoted,
        };
    }
}

impl<R: Read> Chunker<R> {
    /// Reads the header, skipping a BOM, and returns it with a chunker for the rest.
    pub fn new(mut reader: R, target: usize) -> Result<(Header, Chunker<R>), CsvError> {
        let mut buf = Vec::with_capacity(target.max(1 << 16));
        let mut eof = false;
        let mut bytes_read = 0u64;
        let header_end = loop {
            if let Some(end) = first_record_end(&buf, &DELIMITERS) {
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
                delimiter,
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
            match last_boundary(&buf, self.delimiter) {
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

/// End of the first record (after its terminator), as the `csv` crate reads quotes.
fn first_record_end(buf: &[u8], delimiters: &[u8]) -> Option<usize> {
    let mut first = None;
    record_ends(buf, delimiters, |end| {
        first = Some(end);
        false
    });
    first
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
///
/// One pass: the chunk is searched once for quotes and once, field by field, for the
/// delimiter and the newline (`memchr2`, SIMD). A record whose line holds a quote is handed to
/// the `csv` crate, which reads it to its real end (quoted fields may hold delimiters, quotes
/// and line breaks); every other line is cut into byte ranges in place. A `\r` before the
/// newline ends the last field (CRLF).
pub fn for_each_record(chunk: &[u8], delimiter: u8, mut f: impl FnMut(&CsvRow<'_>)) {
    let mut ranges: Vec<(u32, u32)> = Vec::with_capacity(32);
    let mut record = csv::ByteRecord::new();
    let len = chunk.len();
    let mut pos = 0;
    while pos < len {
        let quote = memchr::memchr(b'"', &chunk[pos..]).map_or(len, |q| pos + q);
        pos = split_unquoted(chunk, pos, quote, delimiter, &mut ranges, &mut f);
        if pos < len {
            // The line at `pos` holds the quote: the `csv` crate reads that record.
            let end = record_end(chunk, pos, delimiter);
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(&chunk[pos..end]);
            if rdr.read_byte_record(&mut record).unwrap_or(false) {
                f(&CsvRow::Slow(&record));
            }
            pos = end;
        }
    }
}

/// Splits the lines from `start` on, calling `f` for each, until the line that holds the byte
/// at `quote` (a quote, or `chunk.len()` for none): returns that line's start, or the chunk's
/// length when every line was split.
fn split_unquoted(
    chunk: &[u8],
    mut start: usize,
    quote: usize,
    delimiter: u8,
    ranges: &mut Vec<(u32, u32)>,
    f: &mut impl FnMut(&CsvRow<'_>),
) -> usize {
    let base = start;
    let mut field_start = start;
    ranges.clear();
    for i in memchr::memchr2_iter(delimiter, b'\n', &chunk[base..]) {
        let i = base + i;
        if chunk[i] == delimiter {
            ranges.push((field_start as u32, i as u32));
            field_start = i + 1;
            continue;
        }
        if quote < i {
            return start;
        }
        end_line(chunk, start, field_start, i, ranges, f);
        start = i + 1;
        field_start = start;
        ranges.clear();
    }
    let len = chunk.len();
    if start < len {
        if quote < len {
            return start;
        }
        end_line(chunk, start, field_start, len, ranges, f);
    }
    len
}

/// Ends the line `start..end` (without its newline) whose fields before the last are in
/// `ranges`: adds the last field (without a `\r` before the newline) and calls `f`, unless the
/// line is blank (no delimiter and only spaces, tabs or `\r`).
#[inline]
fn end_line(
    chunk: &[u8],
    start: usize,
    field_start: usize,
    mut end: usize,
    ranges: &mut Vec<(u32, u32)>,
    f: &mut impl FnMut(&CsvRow<'_>),
) {
    if end > field_start && chunk[end - 1] == b'\r' {
        end -= 1;
    }
    if ranges.is_empty()
        && chunk[start..end]
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r'))
    {
        return;
    }
    ranges.push((field_start as u32, end as u32));
    f(&CsvRow::Fast(chunk, ranges));
}

/// End of the record starting at `start` (after its terminator), as the `csv` crate reads
/// quotes; the chunk's end when it has no terminator.
fn record_end(chunk: &[u8], start: usize, delimiter: u8) -> usize {
    first_record_end(&chunk[start..], &[delimiter]).map_or(chunk.len(), |e| start + e)
}
