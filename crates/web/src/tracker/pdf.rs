//! A minimal PDF writer for the visit summary (no dependency): A4 pages of Helvetica text
//! (WinAnsi encoding) and simple vector line charts of the diary ratings, with gaps drawn as
//! gaps. About 150 lines instead of a PDF crate; the output opens in any PDF reader.

use myo_tracker::Date;
use myo_tracker::records::Rating;
use myo_tracker::summary::PatientRecords;

use super::pages::SummaryBlock;

const WIDTH: f64 = 595.0;
const HEIGHT: f64 = 842.0;
const MARGIN: f64 = 50.0;
const LEADING: f64 = 14.0;
const CHART_HEIGHT: f64 = 120.0;
const WRAP: usize = 95;

/// One drawing operation on a page.
enum Op {
    Text {
        bold: bool,
        size: f64,
        y: f64,
        text: String,
    },
    Chart {
        y: f64,
        series: Vec<Vec<(f64, f64)>>,
        from: Date,
        to: Date,
    },
}

/// Text as WinAnsi bytes inside a PDF string, escaped.
fn pdf_text(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in s.chars() {
        let mapped: &[u8] = match c {
            '–' | '—' => b"-",
            '≤' => b"<=",
            '≥' => b">=",
            '‘' | '’' => b"'",
            '“' | '”' => b"\"",
            '(' => b"\\(",
            ')' => b"\\)",
            '\\' => b"\\\\",
            _ => &[],
        };
        if !mapped.is_empty() {
            out.extend_from_slice(mapped);
        } else if let Ok(b) = u8::try_from(u32::from(c)) {
            // Latin-1 matches WinAnsi for these code points.
            if b >= 0x20 && b != 0x7f {
                out.push(b);
            }
        } else {
            out.push(b'?');
        }
    }
    out
}

fn wrap(s: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > WRAP {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Diary series (weakness, fatigue, pain), each split at gaps (a missing day breaks the line).
fn diary_series(records: &PatientRecords, from: Date, to: Date) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    for r in [Rating::Weakness, Rating::Fatigue, Rating::Pain] {
        let mut pts: Vec<(Date, f64)> = records
            .diary
            .iter()
            .filter(|e| e.date() >= from && e.date() <= to)
            .filter_map(|e| e.rating(r).map(|v| (e.date(), v)))
            .collect();
        pts.sort_by_key(|p| p.0);
        let mut run: Vec<(f64, f64)> = Vec::new();
        let mut last: Option<Date> = None;
        for (d, v) in pts {
            if last.is_some_and(|l| l.days_until(d) > 1) && !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
            run.push((f64::from(from.days_until(d)), v));
            last = Some(d);
        }
        if !run.is_empty() {
            out.push(run);
        }
    }
    out
}

fn layout(
    title: &str,
    blocks: &[SummaryBlock],
    records: &PatientRecords,
    from: Date,
    to: Date,
) -> Vec<Vec<Op>> {
    let mut pages: Vec<Vec<Op>> = vec![Vec::new()];
    let mut y = HEIGHT - MARGIN;
    let need = |pages: &mut Vec<Vec<Op>>, y: &mut f64, h: f64| {
        if *y - h < MARGIN {
            pages.push(Vec::new());
            *y = HEIGHT - MARGIN;
        }
    };
    let text = |pages: &mut Vec<Vec<Op>>, y: &mut f64, s: String, bold: bool, size: f64| {
        need(pages, y, LEADING);
        if let Some(p) = pages.last_mut() {
            p.push(Op::Text {
                bold,
                size,
                y: *y,
                text: s,
            });
        }
        *y -= LEADING.max(size + 3.0);
    };
    text(&mut pages, &mut y, title.to_owned(), true, 16.0);
    text(
        &mut pages,
        &mut y,
        "Myo informs; it does not diagnose or prescribe. Missing values are shown as missing."
            .into(),
        false,
        9.0,
    );
    for b in blocks {
        y -= 6.0;
        text(&mut pages, &mut y, b.title.clone(), true, 13.0);
        for l in &b.lines {
            for w in wrap(l) {
                text(&mut pages, &mut y, w, false, 10.0);
            }
        }
        for t in &b.tables {
            text(&mut pages, &mut y, t.caption.clone(), true, 10.0);
            if t.rows.is_empty() {
                text(&mut pages, &mut y, t.empty.clone(), false, 10.0);
            }
            for r in &t.rows {
                let line = t
                    .head
                    .iter()
                    .zip(r)
                    .map(|(h, c)| format!("{h}: {c}"))
                    .collect::<Vec<_>>()
                    .join("; ");
                for w in wrap(&line) {
                    text(&mut pages, &mut y, w, false, 10.0);
                }
            }
        }
        if b.id == "summary-symptoms" {
            need(&mut pages, &mut y, CHART_HEIGHT + 20.0);
            let bottom = y - CHART_HEIGHT;
            if let Some(p) = pages.last_mut() {
                p.push(Op::Chart {
                    y: bottom,
                    series: diary_series(records, from, to),
                    from,
                    to,
                });
            }
            y = bottom - 10.0;
            text(
                &mut pages,
                &mut y,
                format!(
                    "Chart: weakness (solid), fatigue (dashed), pain (dotted), 0-10, {from} to {to}; breaks are days without an entry."
                ),
                false,
                8.0,
            );
        }
    }
    pages
}

fn chart_ops(out: &mut String, y0: f64, series: &[Vec<(f64, f64)>], from: Date, to: Date) {
    let w = WIDTH - 2.0 * MARGIN;
    let span = f64::from(from.days_until(to).max(1));
    out.push_str(&format!(
        "0.6 G 0.5 w {MARGIN} {y0} {w} {CHART_HEIGHT} re S\n"
    ));
    for (i, run) in series.iter().enumerate() {
        let dash = ["[] 0 d", "[4 2] 0 d", "[1 2] 0 d"][i % 3];
        out.push_str(&format!("0 G 1 w {dash}\n"));
        for (j, (x, v)) in run.iter().enumerate() {
            let px = MARGIN + x / span * w;
            let py = y0 + v / 10.0 * CHART_HEIGHT;
            let op = if j == 0 { "m" } else { "l" };
            out.push_str(&format!("{px:.2} {py:.2} {op}\n"));
        }
        if run.len() == 1 {
            let (x, v) = run[0];
            let px = MARGIN + x / span * w;
            let py = y0 + v / 10.0 * CHART_HEIGHT;
            out.push_str(&format!("{:.2} {py:.2} l\n", px + 1.5));
        }
        out.push_str("S\n[] 0 d\n");
    }
}

/// The summary as PDF bytes.
pub fn summary(
    title: &str,
    blocks: &[SummaryBlock],
    records: &PatientRecords,
    from: Date,
    to: Date,
) -> Vec<u8> {
    let pages = layout(title, blocks, records, from, to);
    let mut streams: Vec<Vec<u8>> = Vec::new();
    for ops in &pages {
        let mut s: Vec<u8> = Vec::new();
        for op in ops {
            match op {
                Op::Text {
                    bold,
                    size,
                    y,
                    text,
                } => {
                    let font = if *bold { "F2" } else { "F1" };
                    s.extend_from_slice(
                        format!("BT /{font} {size} Tf {MARGIN} {y:.2} Td (").as_bytes(),
                    );
                    s.extend_from_slice(&pdf_text(text));
                    s.extend_from_slice(b") Tj ET\n");
                }
                Op::Chart {
                    y,
                    series,
                    from,
                    to,
                } => {
                    let mut c = String::new();
                    chart_ops(&mut c, *y, series, *from, *to);
                    s.extend_from_slice(c.as_bytes());
                }
            }
        }
        streams.push(s);
    }
    // Objects: 1 catalog, 2 pages, 3 font, 4 bold font, then (page, content) pairs.
    let n = pages.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 5 + 2 * i)).collect();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    ];
    for (i, s) in streams.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                6 + 2 * i
            )
            .into_bytes(),
        );
        let mut c = format!("<< /Length {} >>\nstream\n", s.len()).into_bytes();
        c.extend_from_slice(s);
        c.extend_from_slice(b"\nendstream");
        objects.push(c);
    }
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_maps_text() {
        assert_eq!(pdf_text("a(b)\\ – µ"), b"a\\(b\\)\\\\ - \xb5".to_vec());
        assert_eq!(pdf_text("≤"), b"<=".to_vec());
    }

    #[test]
    fn writes_a_well_formed_pdf() {
        let from = Date::parse("f", "2026-01-01").unwrap_or_else(|e| panic!("{e}"));
        let to = from.add_days(30);
        let blocks = vec![SummaryBlock {
            id: "summary-symptoms".into(),
            title: "Symptoms".into(),
            lines: vec!["x ".repeat(400)],
            tables: Vec::new(),
            charts: Vec::new(),
        }];
        let pdf = summary("T", &blocks, &PatientRecords::default(), from, to);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.ends_with("%%EOF\n"));
        let start: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert_eq!(&pdf[start..start + 4], b"xref");
    }
}
