//! Result batches as CSV (RFC 4180, `,`, LF): a header line, then one line per row. Null is an
//! empty field; text is quoted when it holds a comma, a quote, a line break or edge spaces.

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, Schema};

/// The header line.
pub fn header(schema: &Schema) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, f) in schema.fields().iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        text(f.name(), &mut out);
    }
    out.push(b'\n');
    out
}

/// Whether a text cell needs quotes: it holds a comma, a quote or a line break, or has an edge
/// space.
pub(crate) fn needs_quotes(s: &str) -> bool {
    // The four bytes that need quotes are all at or below `,`; letters, digits, `_` and `|`
    // are above it, so most bytes are passed by the first comparison.
    s.bytes()
        .any(|b| b <= b',' && matches!(b, b',' | b'"' | b'\n' | b'\r'))
        || s.starts_with(' ')
        || s.ends_with(' ')
}

/// Appends a text cell, quoted when it needs quotes (see [`needs_quotes`]).
pub(crate) fn text(s: &str, out: &mut Vec<u8>) {
    if needs_quotes(s) {
        out.push(b'"');
        for b in s.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

/// A result column seen through its concrete type once per batch, not once per cell.
pub(crate) enum View<'a> {
    Utf8(&'a arrow_array::StringArray),
    LargeUtf8(&'a arrow_array::LargeStringArray),
    F64(&'a arrow_array::Float64Array, FloatMemo),
    I64(&'a arrow_array::Int64Array),
    Other(&'a dyn Array),
}

/// Shortest round-trip text of recent floats (direct-mapped by bits). Result columns hold few
/// distinct values (scores in tenths, a probability per score, completeness ratios), so most
/// cells are copied from here instead of formatted again; the text is `ryu`'s either way.
pub(crate) struct FloatMemo {
    slots: Vec<(u64, u8, [u8; 24])>,
}

impl FloatMemo {
    const SLOTS: usize = 1024;

    pub(crate) fn new() -> FloatMemo {
        // Length 0 marks an empty slot (ryu never writes an empty text).
        FloatMemo {
            slots: vec![(0, 0, [0; 24]); Self::SLOTS],
        }
    }

    /// Appends `x` as `ryu` writes it.
    pub(crate) fn write(&mut self, x: f64, w: &mut Numbers, out: &mut Vec<u8>) {
        let bits = x.to_bits();
        let h = (bits ^ (bits >> 29) ^ (bits >> 41)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54;
        let slot = &mut self.slots[h as usize % Self::SLOTS];
        if slot.0 != bits || slot.1 == 0 {
            let text = w.ryu.format(x).as_bytes();
            let n = text.len().min(24);
            slot.0 = bits;
            slot.1 = n as u8;
            slot.2[..n].copy_from_slice(&text[..n]);
            if n < text.len() {
                // Longer than any f64's shortest text; never kept.
                slot.1 = 0;
                out.extend_from_slice(text);
                return;
            }
        }
        out.extend_from_slice(&slot.2[..slot.1 as usize]);
    }
}

/// Texts of floats under a small key that determines the float (a score in tenths; the
/// numerator and denominator of a ratio), each formatted by `ryu` once per batch.
pub(crate) struct KeyedFloats {
    slots: Vec<(u8, [u8; 24])>,
}

impl KeyedFloats {
    /// Keys from this one on are formatted every time.
    const KEYS: usize = 1 << 16;

    pub(crate) fn new() -> KeyedFloats {
        KeyedFloats { slots: Vec::new() }
    }

    /// Appends `x`, whose text is kept under `key` (`None`: no key, formatted now).
    pub(crate) fn write(&mut self, key: Option<usize>, x: f64, w: &mut Numbers, out: &mut Vec<u8>) {
        let Some(key) = key.filter(|&k| k < Self::KEYS) else {
            out.extend_from_slice(w.ryu.format(x).as_bytes());
            return;
        };
        if key >= self.slots.len() {
            self.slots.resize(key + 1, (0, [0; 24]));
        }
        let slot = &mut self.slots[key];
        if slot.0 == 0 {
            // Length 0 marks an empty slot (ryu never writes an empty text).
            let text = w.ryu.format(x).as_bytes();
            if text.len() > slot.1.len() {
                out.extend_from_slice(text);
                return;
            }
            slot.1[..text.len()].copy_from_slice(text);
            slot.0 = text.len() as u8;
        }
        out.extend_from_slice(&slot.1[..usize::from(slot.0)]);
    }
}

impl<'a> View<'a> {
    /// Sees `col` through its concrete type.
    pub(crate) fn of(col: &'a dyn Array) -> View<'a> {
        match col.data_type() {
            DataType::Utf8 => View::Utf8(col.as_string::<i32>()),
            DataType::LargeUtf8 => View::LargeUtf8(col.as_string::<i64>()),
            DataType::Float64 => View::F64(col.as_primitive::<Float64Type>(), FloatMemo::new()),
            DataType::Int64 => View::I64(col.as_primitive::<Int64Type>()),
            _ => View::Other(col),
        }
    }

    /// Appends cell `r` (nothing when null).
    pub(crate) fn write(&mut self, r: usize, w: &mut Numbers, out: &mut Vec<u8>) {
        match self {
            View::Utf8(a) => {
                if a.is_valid(r) {
                    text(a.value(r), out);
                }
            }
            View::LargeUtf8(a) => {
                if a.is_valid(r) {
                    text(a.value(r), out);
                }
            }
            View::F64(a, memo) => {
                if a.is_valid(r) {
                    memo.write(a.value(r), w, out);
                }
            }
            View::I64(a) => {
                if a.is_valid(r) {
                    w.int(a.value(r), out);
                }
            }
            View::Other(a) => {
                if a.is_valid(r) {
                    text(&arrow_display(*a, r), out);
                }
            }
        }
    }
}

/// The number formatters of one batch: `ryu` for floats (shortest round trip) and `itoa` for
/// integers (as `{}` formats them).
#[derive(Default)]
pub(crate) struct Numbers {
    ryu: ryu::Buffer,
    itoa: itoa::Buffer,
}

impl Numbers {
    /// Appends a decimal integer.
    pub(crate) fn int(&mut self, n: impl itoa::Integer, out: &mut Vec<u8>) {
        out.extend_from_slice(self.itoa.format(n).as_bytes());
    }
}

/// Appends the rows of `batch` to `out`. With `row_base`, the first column is replaced by the
/// 1-based row number counted from `row_base`.
pub fn rows(batch: &RecordBatch, row_base: Option<u64>, out: &mut Vec<u8>) {
    let mut w = Numbers::default();
    let mut views: Vec<View<'_>> = batch
        .columns()
        .iter()
        .map(|c| View::of(c.as_ref()))
        .collect();
    out.reserve(batch.num_rows() * 64);
    for r in 0..batch.num_rows() {
        for (c, view) in views.iter_mut().enumerate() {
            if c > 0 {
                out.push(b',');
            }
            match row_base {
                Some(base) if c == 0 => w.int(base + r as u64 + 1, out),
                _ => view.write(r, &mut w, out),
            }
        }
        out.push(b'\n');
    }
}

fn arrow_display(col: &dyn Array, r: usize) -> String {
    use arrow_array::types::*;
    match col.data_type() {
        DataType::Int32 => col.as_primitive::<Int32Type>().value(r).to_string(),
        DataType::Boolean => col.as_boolean().value(r).to_string(),
        _ => format!("{:?}", col.slice(r, 1)),
    }
}
