//! The one-pass CSV record splitter (`csv_in::for_each_record`, with the chunker around it)
//! against the `csv` crate reading the same bytes whole: quoted fields, delimiters and line
//! breaks inside quotes, doubled quotes, CRLF, a byte-order mark, `;` and tab, empty trailing
//! fields, quotes in the middle of a field, lines longer than a chunk, and random mixtures of
//! them cut into chunks of every size.

mod common;

use common::Rng;
use myo_cohort::cell::Cell;
use myo_cohort::csv_in::{Chunker, CsvRow, for_each_record};
use myo_cohort::plan::Row;

type Records = Vec<Vec<Vec<u8>>>;

/// The fields of one row as the splitter hands them over.
fn fields(row: &CsvRow<'_>) -> Vec<Vec<u8>> {
    (0..row.len())
        .map(|i| match row.cell(i) {
            Cell::Text(t) => t.to_vec(),
            _ => panic!("a CSV cell is always text"),
        })
        .collect()
}

/// The records of `data` (no header) read by the `csv` crate, without the lines the splitter
/// skips as blank (no quote, and one field of only spaces, tabs or `\r`).
fn reference(data: &[u8], delimiter: u8) -> Records {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(data);
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut start = 0;
    while rdr.read_byte_record(&mut record).unwrap() {
        let end = rdr.position().byte() as usize;
        let quoted = data[start..end].contains(&b'"');
        start = end;
        let blank =
            record.len() == 1 && record[0].iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'));
        if quoted || !blank {
            out.push(record.iter().map(<[u8]>::to_vec).collect());
        }
    }
    out
}

/// The records of `data` (no header) split in one piece.
fn split(data: &[u8], delimiter: u8) -> Records {
    let mut out = Vec::new();
    for_each_record(data, delimiter, |row| out.push(fields(row)));
    out
}

/// A whole file (header and records) read by the chunker with chunks of about `target` bytes:
/// the header's names and delimiter, and the records.
fn chunked(file: &[u8], target: usize) -> (Vec<String>, u8, Records) {
    let (header, mut chunker) = Chunker::new(file, target).unwrap();
    let mut out = Vec::new();
    while let Some(chunk) = chunker.next_chunk().unwrap() {
        for_each_record(&chunk, header.delimiter, |row| out.push(fields(row)));
    }
    (header.names, header.delimiter, out)
}

/// Checks a file (header line first) against the `csv` crate: in one piece and in chunks of
/// several sizes, the same header and the same records.
fn agree(file: &[u8]) {
    let body_start = file
        .iter()
        .position(|&b| b == b'\n')
        .map_or(file.len(), |i| i + 1);
    let (names, delimiter, whole) = chunked(file, 1 << 20);
    let plain = file.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(file);
    let want_names: Vec<String> = reference(plain, delimiter)
        .first()
        .unwrap()
        .iter()
        .map(|n| String::from_utf8_lossy(n).trim().to_owned())
        .collect();
    assert_eq!(
        names,
        want_names,
        "header of {:?}",
        String::from_utf8_lossy(file)
    );
    let want = reference(&file[body_start..], delimiter);
    same(&whole, &want, "through the chunker", file);
    same(
        &split(&file[body_start..], delimiter),
        &want,
        "in one piece",
        file,
    );
    for target in [1, 2, 3, 7, 16, 64, 1000] {
        let (_, _, got) = chunked(file, target);
        same(&got, &want, &format!("in chunks of {target} bytes"), file);
    }
}

/// Asserts that the records are the same, naming the first that differs.
fn same(got: &Records, want: &Records, how: &str, file: &[u8]) {
    let show = |r: Option<&Vec<Vec<u8>>>| {
        r.map(|f| {
            f.iter()
                .map(|x| String::from_utf8_lossy(x).into_owned())
                .collect::<Vec<_>>()
        })
    };
    if let Some(i) = (0..got.len().max(want.len())).find(|&i| got.get(i) != want.get(i)) {
        panic!(
            "{how}: record {i} is {:?}, the csv crate reads {:?}, in {:?}",
            show(got.get(i)),
            show(want.get(i)),
            String::from_utf8_lossy(file)
        );
    }
}

#[test]
fn quoted_fields_hold_delimiters_quotes_and_line_breaks() {
    agree(b"id,a,b\n1,\"x,y\",z\n2,\"say \"\"no\"\"\",w\n3,\"two\nlines\",v\n4,\"\",\"\"\n");
    agree(b"id,a,b\n1,\"a\r\nb\",c\r\n2,d,e\r\n");
}

#[test]
fn crlf_and_byte_order_mark() {
    agree(b"id,a,b\r\n1,true,false\r\n2,,true\r\n");
    agree(b"\xEF\xBB\xBFid,a,b\r\n1,true,false\r\n2,,true\r\n");
    agree(b"\xEF\xBB\xBF\"id\",a\n1,2\n");
    let (names, _, _) = chunked(b"\xEF\xBB\xBFid,a\n1,2\n", 64);
    assert_eq!(names, ["id", "a"]);
}

#[test]
fn semicolon_and_tab_delimiters() {
    agree(b"id;a;b\n1;true;\"x;y\"\n2;;\n");
    agree(b"id\ta\tb\n1\ttrue\t\"x\ty\"\n2\t\t\n");
    // A comma inside a `;` file is data, not a delimiter.
    agree(b"id;a;b\n1;1,5;x\n");
}

#[test]
fn empty_trailing_fields_blank_lines_and_no_final_newline() {
    agree(b"id,a,b\n1,,\n2,a,\n,,\n\n   \n\r\n3,b,c");
    agree(b"id,a,b\n1,\"x\",");
    agree(b"id,a,b\n1,x,\"y\"");
}

#[test]
fn a_quote_in_the_middle_of_a_field_is_data_and_loses_no_line() {
    // An odd number of quotes on a line: the lines after it are still records of their own.
    agree(b"id,a,b\n1,ab\"c,2\n3,d,e\n4,f,g\n");
    agree(b"id,a,b\n1,5\" tall,x\n2,y,z\n3,\"q\",r\n");
    // Text after a closing quote, and a quote after it.
    agree(b"id,a,b\n1,\"ab\"c\"d,e\n2,f,g\n");
    // A quote opens a quoted field only at a field's start.
    agree(b"id,a,b\nx\"y,\"a\nb\",c\n2,d,e\n");
}

#[test]
fn lines_longer_than_a_chunk() {
    let mut file = b"id,a,b\n".to_vec();
    let long = "x".repeat(300_000);
    file.extend_from_slice(format!("1,{long},y\n2,\"{long}\n{long}\",z\n3,a,b\n").as_bytes());
    let wide: Vec<String> = (0..20_000).map(|i| i.to_string()).collect();
    file.extend_from_slice(format!("{}\n", wide.join(",")).as_bytes());
    let (_, _, got) = chunked(&file, 1 << 10);
    assert_eq!(got, reference(&file[7..], b','));
    assert_eq!(got.len(), 4);
    assert_eq!(got[3].len(), 20_000);
}

#[test]
fn random_mixtures_agree_with_the_csv_crate() {
    let cells = [
        "",
        "true",
        "false",
        "45",
        "\"q\"",
        "\"a,b\"",
        "\"a;b\"",
        "\"a\tb\"",
        "\"x\"\"y\"",
        "\"two\nlines\"",
        "\"cr\r\nlf\"",
        "5\" tall",
        "a\"b",
        "\"\"",
        " ",
        "\"ab\"c",
        "\u{e9}t\u{e9}",
    ];
    let mut rng = Rng(0x5EED_CAFE);
    for (round, delimiter) in [b',', b';', b'\t'].iter().cycle().take(60).enumerate() {
        let d = *delimiter as char;
        let bom = if round % 5 == 0 { "\u{feff}" } else { "" };
        let mut file = format!("{bom}id{d}a{d}b{d}c\n");
        for _ in 0..(rng.next() % 40) {
            let n = 1 + rng.next() % 5;
            let row: Vec<&str> = (0..n).map(|_| rng.pick(&cells)).collect();
            file.push_str(&row.join(&d.to_string()));
            file.push_str(rng.pick(&["\n", "\r\n", "\n\n"]));
        }
        agree(file.as_bytes());
    }
}
