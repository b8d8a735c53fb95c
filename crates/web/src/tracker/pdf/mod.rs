//! The visit summary as a PDF: A4 pages laid out here, drawn by `krilla` (see `draw`) with
//! DejaVu Sans embedded as a subset, so every character people type (Greek letters such as
//! "TIF1-γ", superscripts such as "m²", "≥", accents) survives and the text can be extracted.
//! The document is tagged (headings, paragraphs, tables, a figure with a text alternative).

mod draw;
mod measure;

pub use measure::PdfFonts;

use myo_tracker::Date;
use myo_tracker::records::Rating;
use myo_tracker::summary::PatientRecords;

use super::pages::SummaryBlock;
use crate::i18n::ToArg;
use measure::Metrics;

pub(crate) const WIDTH: f32 = 595.0;
pub(crate) const HEIGHT: f32 = 842.0;
pub(crate) const MARGIN: f32 = 50.0;
pub(crate) const CHART_HEIGHT: f32 = 120.0;
/// Height of one lab trend line (a sparkline beside its words).
pub(crate) const SPARK_HEIGHT: f32 = 26.0;
const BODY: f32 = 10.0;
const CELL: f32 = 9.0;

/// The regular face (DejaVu Sans, Bitstream Vera licence; see `fonts/LICENSE-DejaVu`).
pub(crate) static REGULAR: &[u8] = include_bytes!("../../../fonts/DejaVuSans.ttf");
/// The bold face.
pub(crate) static BOLD: &[u8] = include_bytes!("../../../fonts/DejaVuSans-Bold.ttf");

/// Who the summary is about, printed at the top so that two people with one name cannot be
/// confused.
pub struct Identity {
    /// Name as the person gave it.
    pub name: String,
    /// Date of birth, when recorded.
    pub birth_date: Option<String>,
    /// An identifier (Myo's record id).
    pub identifier: Option<String>,
    /// The reading clinician's own identifier for the person (e.g. a hospital number), if
    /// they set one.
    pub clinician_ref: Option<String>,
}

/// Everything the PDF shows.
pub struct SummaryDoc<'a> {
    /// Whose summary.
    pub identity: Identity,
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
    /// When it was made (UTC timestamp).
    pub made: String,
    /// Diary coverage line.
    pub days: String,
    /// The sections, in order.
    pub blocks: &'a [SummaryBlock],
    /// Records (for the diary chart).
    pub records: &'a PatientRecords,
    /// The words, in the reader's language (the disclaimer and escalation lines come first:
    /// `pdf-disclaimer`, `pdf-escalation`).
    pub tr: &'a crate::i18n::Tr,
}

/// One laid-out piece of a page, top `y` measured from the top edge.
pub(crate) enum Item {
    /// A heading line (level 1 or 2).
    Heading { level: u16, y: f32, text: String },
    /// Lines of one paragraph (each line drawn at its own `y`).
    Para {
        size: f32,
        bold: bool,
        lines: Vec<(f32, String)>,
    },
    /// A table (or the part of it on this page): column x offsets, header and rows, each cell
    /// wrapped into lines; `y` of each row's first line.
    Table {
        xs: Vec<f32>,
        head: Vec<Vec<String>>,
        head_y: f32,
        rows: Vec<(f32, Vec<Vec<String>>)>,
    },
    /// One lab test's trend: its words on the left, a sparkline of its values on the right
    /// (`points` scaled to 0..1 on both axes, oldest first), top at `y`.
    Spark {
        y: f32,
        words: Vec<String>,
        points: Vec<(f32, f32)>,
    },
    /// The diary chart, its top at `y`, with its text alternative.
    Chart {
        y: f32,
        series: Vec<Vec<(f32, f32)>>,
        span: f32,
        alt: String,
        /// First and last day, printed under the chart.
        labels: (String, String),
    },
}

struct Layout<'m> {
    pages: Vec<Vec<Item>>,
    y: f32,
    m: &'m Metrics<'m>,
}

impl Layout<'_> {
    fn leading(size: f32) -> f32 {
        size * 1.35
    }

    fn room(&mut self, h: f32) {
        if self.y + h > HEIGHT - MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    fn push(&mut self, item: Item) {
        if let Some(p) = self.pages.last_mut() {
            p.push(item);
        }
    }

    fn heading(&mut self, level: u16, text: &str) {
        let size = if level == 1 { 16.0 } else { 13.0 };
        self.y += if level == 1 { 0.0 } else { 8.0 };
        self.room(Self::leading(size) * 3.0);
        self.y += size;
        let y = self.y;
        self.push(Item::Heading {
            level,
            y,
            text: text.to_owned(),
        });
        self.y += size * 0.5;
    }

    /// A paragraph, wrapped to the text width; split across pages line by line.
    fn para(&mut self, text: &str, size: f32, bold: bool) {
        let lh = Self::leading(size);
        let mut lines = Vec::new();
        for l in self.m.wrap(text, size, bold, WIDTH - 2.0 * MARGIN) {
            if self.y + lh > HEIGHT - MARGIN {
                if !lines.is_empty() {
                    self.push(Item::Para {
                        size,
                        bold,
                        lines: std::mem::take(&mut lines),
                    });
                }
                self.room(lh * 2.0);
            }
            self.y += lh;
            lines.push((self.y - lh * 0.25, l));
        }
        if !lines.is_empty() {
            self.push(Item::Para { size, bold, lines });
        }
    }

    /// A table with columns sized to their content; rows never split, the header repeats on
    /// each page.
    fn table(&mut self, head: &[String], rows: &[Vec<String>]) {
        let total = WIDTH - 2.0 * MARGIN;
        let n = head.len().max(1);
        let gap = 6.0;
        // Each column's natural width (its longest cell, capped) and its least (its longest
        // word, so words are not cut while there is room): columns get their least first, then
        // the rest of the line in proportion to what they lack.
        let cells = |c: usize| {
            std::iter::once((head.get(c), true))
                .chain(rows.iter().map(move |r| (r.get(c), false)))
                .filter_map(|(s, bold)| s.map(|s| (s, bold)))
        };
        let natural: Vec<f32> = (0..n)
            .map(|c| {
                cells(c)
                    .map(|(s, bold)| self.m.width(s, CELL, bold))
                    .fold(24.0_f32, f32::max)
                    .min(total * 0.5)
                    + gap
            })
            .collect();
        let least: Vec<f32> = (0..n)
            .map(|c| {
                cells(c)
                    .flat_map(|(s, bold)| s.split_whitespace().map(move |w| (w, bold)))
                    .map(|(w, bold)| self.m.width(w, CELL, bold))
                    .fold(0.0_f32, f32::max)
                    .min(total * 0.3)
                    + gap
            })
            .map(|w| w.min(total))
            .zip(&natural)
            .map(|(l, n)| l.min(*n))
            .collect();
        let (sum, sum_least): (f32, f32) = (natural.iter().sum(), least.iter().sum());
        let widths: Vec<f32> = if sum <= total || sum_least >= total {
            let base = if sum <= total { &natural } else { &least };
            let s: f32 = base.iter().sum();
            base.iter().map(|w| w * total / s).collect()
        } else {
            let spare = (total - sum_least) / (sum - sum_least);
            least
                .iter()
                .zip(&natural)
                .map(|(l, n)| l + (n - l) * spare)
                .collect()
        };
        let mut xs = Vec::with_capacity(n);
        let mut x = MARGIN;
        for w in &widths {
            xs.push(x);
            x += w;
        }
        let lh = Self::leading(CELL);
        let wrap_row = |m: &Metrics<'_>, r: &[String], bold: bool| -> Vec<Vec<String>> {
            (0..n)
                .map(|c| {
                    let s = r.get(c).map_or("", String::as_str);
                    m.wrap(s, CELL, bold, widths[c] - gap)
                })
                .collect()
        };
        let head_cells = wrap_row(self.m, head, true);
        let height =
            |cells: &[Vec<String>]| cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh;
        let head_h = height(&head_cells);
        let mut part: Vec<(f32, Vec<Vec<String>>)> = Vec::new();
        self.room(head_h + lh * 2.0);
        let mut head_y = self.y + CELL;
        self.y += head_h + 2.0;
        for r in rows {
            let cells = wrap_row(self.m, r, false);
            let h = height(&cells);
            if self.y + h > HEIGHT - MARGIN {
                self.push(Item::Table {
                    xs: xs.clone(),
                    head: head_cells.clone(),
                    head_y,
                    rows: std::mem::take(&mut part),
                });
                self.pages.push(Vec::new());
                self.y = MARGIN;
                head_y = self.y + CELL;
                self.y += head_h + 2.0;
            }
            part.push((self.y + CELL, cells));
            self.y += h;
        }
        self.push(Item::Table {
            xs,
            head: head_cells,
            head_y,
            rows: part,
        });
        self.y += 4.0;
    }

    /// A sparkline per lab test with two or more results in the period (values in one unit).
    fn sparks(&mut self, doc: &SummaryDoc<'_>) {
        let trends = lab_trends(doc.records, doc.from, doc.to);
        let span = doc.from.days_until(doc.to).max(1) as f32;
        let lh = Self::leading(CELL);
        for t in trends.iter().filter(|t| t.points.len() > 1) {
            let text = trend_words(t, doc.tr);
            let words = self
                .m
                .wrap(&text, CELL, false, (WIDTH - 2.0 * MARGIN) * 0.6);
            let h = SPARK_HEIGHT.max(words.len() as f32 * lh);
            self.room(h + 4.0);
            let (lo, hi) = t
                .points
                .iter()
                .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
            let points = t
                .points
                .iter()
                .map(|(d, v)| {
                    let y = if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
                    (doc.from.days_until(*d) as f32 / span, y as f32)
                })
                .collect();
            self.push(Item::Spark {
                y: self.y,
                words,
                points,
            });
            self.y += h + 4.0;
        }
    }

    fn chart(&mut self, doc: &SummaryDoc<'_>) {
        let (records, from, to) = (doc.records, doc.from, doc.to);
        self.room(CHART_HEIGHT + 30.0);
        self.y += 6.0;
        let lang = doc.tr.lang;
        let alt = doc.tr.t2(
            "pdf-chart-alt",
            "from",
            crate::i18n::date(lang, &from.to_string()),
            "to",
            crate::i18n::date(lang, &to.to_string()),
        );
        self.push(Item::Chart {
            y: self.y,
            series: diary_series(records, from, to),
            span: from.days_until(to).max(1) as f32,
            alt: alt.clone(),
            labels: (from.to_string(), to.to_string()),
        });
        self.y += CHART_HEIGHT + 14.0;
        self.para(&alt, 8.0, false);
    }
}

/// Diary series (weakness, fatigue, pain), each split at gaps (a missing day breaks the line):
/// `(day offset, rating)`.
fn diary_series(records: &PatientRecords, from: Date, to: Date) -> Vec<Vec<(f32, f32)>> {
    let mut out = Vec::new();
    for r in [Rating::Weakness, Rating::Fatigue, Rating::Pain] {
        let mut pts: Vec<(Date, f64)> = records
            .diary
            .iter()
            .filter(|e| e.date() >= from && e.date() <= to)
            .filter_map(|e| e.rating(r).map(|v| (e.date(), v)))
            .collect();
        pts.sort_by_key(|p| p.0);
        let mut run: Vec<(f32, f32)> = Vec::new();
        let mut last: Option<Date> = None;
        for (d, v) in pts {
            if last.is_some_and(|l| l.days_until(d) > 1) && !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
            run.push((from.days_until(d) as f32, v as f32));
            last = Some(d);
        }
        if !run.is_empty() {
            out.push(run);
        }
    }
    out
}

use crate::tracker::pages::{lab_trends, trend_words};

/// The line at the top of every page: name, date of birth and identifiers, so a loose page
/// still says whose it is.
fn running_header(doc: &SummaryDoc<'_>) -> String {
    let (id, tr) = (&doc.identity, doc.tr);
    let none = tr.t("pdf-none-recorded");
    let mut parts = vec![
        id.name.clone(),
        tr.t1(
            "pdf-birth-date",
            "date",
            id.birth_date
                .as_deref()
                .map_or(none, |d| crate::i18n::date(tr.lang, d)),
        ),
    ];
    if let Some(r) = &id.clinician_ref {
        parts.push(tr.t1("pdf-clinician-ref", "id", r));
    }
    if let Some(r) = &id.identifier {
        parts.push(r.clone());
    }
    parts.join(" · ")
}

fn layout(doc: &SummaryDoc<'_>, m: &Metrics<'_>) -> Vec<Vec<Item>> {
    let mut l = Layout {
        pages: vec![Vec::new()],
        y: MARGIN,
        m,
    };
    let id = &doc.identity;
    let tr = doc.tr;
    let day = |d: &str| crate::i18n::date(tr.lang, d);
    let none = tr.t("pdf-none-recorded");
    l.heading(1, &tr.t1("pdf-heading", "name", &id.name));
    let identity = [
        tr.t1("pdf-name", "name", &id.name),
        tr.t1(
            "pdf-birth-date",
            "date",
            id.birth_date.as_deref().map_or_else(|| none.clone(), day),
        ),
        tr.t1(
            "pdf-clinician-ref",
            "id",
            id.clinician_ref.clone().unwrap_or_else(|| none.clone()),
        ),
        tr.t1(
            "pdf-identifier",
            "id",
            id.identifier.clone().unwrap_or_else(|| none.clone()),
        ),
        tr.t2(
            "pdf-period",
            "from",
            day(&doc.from.to_string()),
            "to",
            day(&doc.to.to_string()),
        ),
        tr.t1("pdf-made", "when", &doc.made),
        doc.days.clone(),
    ];
    for line in &identity {
        l.para(line, BODY, false);
    }
    l.y += 4.0;
    l.para(&tr.t("pdf-disclaimer"), 9.0, false);
    l.para(&tr.t("pdf-escalation"), 9.0, true);
    for b in doc.blocks {
        l.heading(2, &b.title);
        let mut empty = b.lines.is_empty() && b.tables.is_empty();
        for line in &b.lines {
            l.para(line, BODY, false);
        }
        for t in &b.tables {
            l.para(&t.caption, BODY, true);
            if t.rows.is_empty() {
                l.para(&t.empty, BODY, false);
            } else {
                l.table(&t.head, &t.rows);
                empty = false;
            }
        }
        if b.id == "summary-labs" {
            l.sparks(doc);
        }
        if b.id == "summary-symptoms" {
            l.chart(doc);
            empty = false;
        }
        if empty {
            l.para(&tr.t("pdf-nothing"), BODY, false);
        }
    }
    l.pages
}

/// The summary as PDF bytes, laid out and drawn with the fonts parsed at start-up.
pub fn summary(doc: &SummaryDoc<'_>, fonts: &PdfFonts) -> Result<Vec<u8>, String> {
    let pages = layout(doc, &fonts.metrics);
    let title = doc.tr.ta(
        "pdf-title",
        &[
            ("name", doc.identity.name.to_arg()),
            ("from", doc.from.to_string().to_arg()),
            ("to", doc.to.to_string().to_arg()),
        ],
    );
    let footer = |n: usize, total: usize| doc.tr.t2("pdf-page", "n", n, "total", total);
    draw::render(
        &title,
        doc.tr.lang.code(),
        &pages,
        fonts,
        &running_header(doc),
        &footer,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracker::pages::Table;

    #[test]
    fn writes_a_pdf_across_pages() {
        let from = Date::parse("f", "2026-01-01").unwrap_or_else(|e| panic!("{e}"));
        let to = from.add_days(30);
        let mut t = Table::new("t", "Labs", &["Test", "Result"], "None.");
        for i in 0..120 {
            t.rows
                .push(vec![format!("TIF1-γ {i}"), "1.2 m² ≥ 5".into()]);
        }
        let blocks = vec![SummaryBlock {
            id: "summary-symptoms".into(),
            title: "Symptoms".into(),
            lines: vec!["x ".repeat(400)],
            tables: vec![t],
            charts: Vec::new(),
        }];
        let records = PatientRecords::default();
        let catalog = crate::i18n::Catalog::builtin().unwrap_or_else(|e| panic!("{e}"));
        let tr = crate::i18n::Tr::new(std::sync::Arc::new(catalog), crate::i18n::Lang::Es);
        let doc = SummaryDoc {
            identity: Identity {
                name: "José Núñez".into(),
                birth_date: None,
                identifier: None,
                clinician_ref: Some("H-77".into()),
            },
            from,
            to,
            made: "2026-02-01T10:00:00Z".into(),
            days: "0 of 31 days have a diary entry.".into(),
            blocks: &blocks,
            records: &records,
            tr: &tr,
        };
        let fonts = PdfFonts::new().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            layout(&doc, &fonts.metrics).len() > 2,
            "long tables continue on new pages"
        );
        assert!(running_header(&doc).contains("H-77"));
        let pdf = summary(&doc, &fonts).unwrap_or_else(|e| panic!("{e}"));
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.windows(9).any(|w| w == b"/FontFile"), "font embedded");
    }
}
