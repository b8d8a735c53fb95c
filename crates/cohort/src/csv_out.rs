//! Result batches as CSV (RFC 4180, `,`, LF): a header line, then one line per row. Null is an
//! empty field; text is quoted when it holds a comma, a quote, a line break or edge spaces.

use std::io::Write as _;

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

fn text(s: &str, out: &mut Vec<u8>) {
    let needs = s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        || s.starts_with(' ')
        || s.ends_with(' ');
    if needs {
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

/// Appends the rows of `batch` to `out`. With `row_base`, the first column is replaced by the
/// 1-based row number counted from `row_base`.
pub fn rows(batch: &RecordBatch, row_base: Option<u64>, out: &mut Vec<u8>) {
    let mut ryu = ryu::Buffer::new();
    let cols = batch.columns();
    for r in 0..batch.num_rows() {
        for (c, col) in cols.iter().enumerate() {
            if c > 0 {
                out.push(b',');
            }
            if c == 0
                && let Some(base) = row_base
            {
                write!(out, "{}", base + r as u64 + 1).ok();
                continue;
            }
            if col.is_null(r) {
                continue;
            }
            match col.data_type() {
                DataType::Utf8 => text(col.as_string::<i32>().value(r), out),
                DataType::LargeUtf8 => text(col.as_string::<i64>().value(r), out),
                DataType::Float64 => {
                    let x = col.as_primitive::<Float64Type>().value(r);
                    out.extend_from_slice(ryu.format(x).as_bytes());
                }
                DataType::Int64 => {
                    write!(out, "{}", col.as_primitive::<Int64Type>().value(r)).ok();
                }
                _ => {
                    let s = arrow_display(col.as_ref(), r);
                    text(&s, out);
                }
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
