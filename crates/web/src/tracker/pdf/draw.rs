//! Draws laid-out pages with `krilla`: text in the embedded fonts (subset on export), table rules
//! and the diary chart as vector paths, and a tag tree (H1/H2, P, Table/TR/TH/TD, Figure) so
//! screen readers and text extraction follow the reading order.

use std::num::NonZeroU16;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, SpanTag, TableHeaderScope, Tag, TagGroup, TagTree,
};
use krilla::text::TextDirection;

use super::measure::PdfFonts as Fonts;
use super::{CHART_HEIGHT, HEIGHT, Item, MARGIN, SPARK_HEIGHT, WIDTH};

fn text(s: &mut Surface<'_>, f: &Fonts, x: f32, y: f32, size: f32, bold: bool, t: &str) {
    let font = if bold { &f.bold } else { &f.regular };
    s.draw_text(
        Point::from_xy(x, y),
        font.clone(),
        size,
        t,
        false,
        TextDirection::Auto,
    );
}

/// Text as one tagged span (one line), its identifier pushed to `group`.
#[allow(clippy::too_many_arguments)]
fn span(
    s: &mut Surface<'_>,
    f: &Fonts,
    group: &mut TagGroup,
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
    t: &str,
) {
    let id = s.start_tagged(ContentTag::Span(SpanTag::empty()));
    text(s, f, x, y, size, bold, t);
    s.end_tagged();
    group.push(id);
}

fn stroke(grey: u8, width: f32, dash: Option<Vec<f32>>) -> Stroke {
    Stroke {
        paint: rgb::Color::new(grey, grey, grey).into(),
        width,
        dash: dash.map(|array| StrokeDash { array, offset: 0.0 }),
        ..Default::default()
    }
}

fn line(s: &mut Surface<'_>, pts: &[(f32, f32)]) {
    let mut pb = PathBuilder::new();
    for (i, (x, y)) in pts.iter().enumerate() {
        if i == 0 {
            pb.move_to(*x, *y);
        } else {
            pb.line_to(*x, *y);
        }
    }
    if let Some(p) = pb.finish() {
        s.draw_path(&p);
    }
}

fn chart(
    s: &mut Surface<'_>,
    f: &Fonts,
    y0: f32,
    series: &[Vec<(f32, f32)>],
    span: f32,
    labels: &(String, String),
) {
    let w = WIDTH - 2.0 * MARGIN;
    s.set_fill(None);
    s.set_stroke(Some(stroke(150, 0.5, None)));
    if let Some(r) = Rect::from_xywh(MARGIN, y0, w, CHART_HEIGHT) {
        let mut pb = PathBuilder::new();
        pb.push_rect(r);
        if let Some(p) = pb.finish() {
            s.draw_path(&p);
        }
    }
    // Series are told apart by pattern, not only colour.
    let dashes = [None, Some(vec![4.0, 2.0]), Some(vec![1.0, 2.0])];
    for (i, run) in series.iter().enumerate() {
        s.set_stroke(Some(stroke(0, 1.0, dashes[i % 3].clone())));
        let mut pts: Vec<(f32, f32)> = run
            .iter()
            .map(|(x, v)| {
                (
                    MARGIN + x / span * w,
                    y0 + CHART_HEIGHT - v / 10.0 * CHART_HEIGHT,
                )
            })
            .collect();
        if let [(x, y)] = pts[..] {
            pts.push((x + 1.5, y));
        }
        line(s, &pts);
    }
    s.set_stroke(None);
    s.set_fill(Some(Fill {
        paint: rgb::Color::black().into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }));
    // Scale and dates, so the chart reads without its caption.
    let bottom = y0 + CHART_HEIGHT;
    text(s, f, MARGIN - 14.0, y0 + 7.0, 7.0, false, "10");
    text(s, f, MARGIN - 9.0, bottom, 7.0, false, "0");
    text(s, f, MARGIN, bottom + 9.0, 7.0, false, &labels.0);
    let w_to = f.metrics.width(&labels.1, 7.0, false);
    text(
        s,
        f,
        WIDTH - MARGIN - w_to,
        bottom + 9.0,
        7.0,
        false,
        &labels.1,
    );
}

/// A sparkline in the right third of the text width: a light baseline box, the values as a
/// line, and a dot on each result (so a single far-off value is still seen).
fn spark(s: &mut Surface<'_>, y0: f32, points: &[(f32, f32)]) {
    let w = (WIDTH - 2.0 * MARGIN) * 0.35;
    let x0 = WIDTH - MARGIN - w;
    let h = SPARK_HEIGHT - 6.0;
    let at = |(x, y): (f32, f32)| (x0 + x.clamp(0.0, 1.0) * w, y0 + 2.0 + (1.0 - y) * h);
    s.set_fill(None);
    s.set_stroke(Some(stroke(190, 0.4, None)));
    line(s, &[(x0, y0 + 2.0 + h), (x0 + w, y0 + 2.0 + h)]);
    s.set_stroke(Some(stroke(0, 0.9, None)));
    let pts: Vec<(f32, f32)> = points.iter().copied().map(at).collect();
    line(s, &pts);
    s.set_stroke(None);
    s.set_fill(Some(Fill::default()));
    for (x, y) in pts {
        if let Some(r) = Rect::from_xywh(x - 1.2, y - 1.2, 2.4, 2.4) {
            let mut pb = PathBuilder::new();
            pb.push_rect(r);
            if let Some(p) = pb.finish() {
                s.draw_path(&p);
            }
        }
    }
}

fn draw_item(s: &mut Surface<'_>, f: &Fonts, tree: &mut TagTree, item: &Item) {
    match item {
        Item::Heading { level, y, text: t } => {
            let size = if *level == 1 { 16.0 } else { 13.0 };
            let mut g = TagGroup::new(Tag::Hn(
                NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN),
                Some(t.clone()),
            ));
            span(s, f, &mut g, MARGIN, *y, size, true, t);
            tree.push(g);
        }
        Item::Para { size, bold, lines } => {
            let mut g = TagGroup::new(Tag::P);
            for (y, t) in lines {
                span(s, f, &mut g, MARGIN, *y, *size, *bold, t);
            }
            tree.push(g);
        }
        Item::Table {
            xs,
            head,
            head_y,
            rows,
        } => {
            let lh = 9.0 * 1.35;
            let mut table = TagGroup::new(Tag::Table);
            let mut cells_row = |s: &mut Surface<'_>, y: f32, cells: &[Vec<String>], th: bool| {
                let mut tr = TagGroup::new(Tag::TR);
                for (c, lines) in cells.iter().enumerate() {
                    let mut cell = if th {
                        TagGroup::new(Tag::TH(TableHeaderScope::Column))
                    } else {
                        TagGroup::new(Tag::TD)
                    };
                    let mut drawn = false;
                    for (i, t) in lines.iter().enumerate() {
                        if !t.is_empty() {
                            let x = xs.get(c).copied().unwrap_or(MARGIN);
                            span(s, f, &mut cell, x, y + i as f32 * lh, 9.0, th, t);
                            drawn = true;
                        }
                    }
                    if !drawn {
                        // An empty cell still needs content to be kept in the tree.
                        let id = s.start_tagged(ContentTag::Span(SpanTag::empty()));
                        s.end_tagged();
                        cell.push(id);
                    }
                    tr.push(cell);
                }
                table.push(tr);
            };
            cells_row(s, *head_y, head, true);
            for (y, cells) in rows {
                cells_row(s, *y, cells, false);
            }
            // Rule under the header (decoration, not content).
            let rule_y = *head_y + head.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh - 8.0;
            s.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Other,
            )));
            s.set_fill(None);
            s.set_stroke(Some(stroke(120, 0.5, None)));
            line(s, &[(MARGIN, rule_y), (WIDTH - MARGIN, rule_y)]);
            s.set_stroke(None);
            s.set_fill(Some(Fill::default()));
            s.end_tagged();
            tree.push(table);
        }
        Item::Spark { y, words, points } => {
            let lh = 9.0 * 1.35;
            let mut para = TagGroup::new(Tag::P);
            for (i, t) in words.iter().enumerate() {
                span(
                    s,
                    f,
                    &mut para,
                    MARGIN,
                    *y + 9.0 + i as f32 * lh,
                    9.0,
                    false,
                    t,
                );
            }
            tree.push(para);
            // The line repeats the words beside it: decoration for a screen reader.
            s.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Other,
            )));
            spark(s, *y, points);
            s.end_tagged();
        }
        Item::Chart {
            y,
            series,
            span: days,
            alt,
            labels,
        } => {
            let mut fig = TagGroup::new(Tag::Figure(Some(alt.clone())));
            let id = s.start_tagged(ContentTag::Other);
            chart(s, f, *y, series, *days, labels);
            s.end_tagged();
            fig.push(id);
            tree.push(fig);
        }
    }
}

/// The running header (who the summary is about) and footer (page `n` of `total`) of one
/// page: pagination artifacts, outside the tag tree, so a screen reader reads them once, in the
/// identity block on the first page.
fn running(s: &mut Surface<'_>, f: &Fonts, header: &str, footer: &str) {
    s.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::Header,
    )));
    // Shrunk, not cut, when a long name and identifier do not fit on one line.
    let room = WIDTH - 2.0 * MARGIN;
    let natural = f.metrics.width(header, 8.0, false);
    let size = if natural > room {
        8.0 * room / natural
    } else {
        8.0
    };
    text(s, f, MARGIN, MARGIN - 22.0, size, false, header);
    s.end_tagged();
    s.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::PageNumber,
    )));
    let w = f.metrics.width(footer, 8.0, false);
    text(
        s,
        f,
        WIDTH - MARGIN - w,
        HEIGHT - MARGIN + 24.0,
        8.0,
        false,
        footer,
    );
    s.end_tagged();
}

/// Renders the pages to PDF bytes; `header` runs at the top of every page and `footer(n,
/// total)` words the page number.
pub(crate) fn render(
    title: &str,
    lang: &str,
    pages: &[Vec<Item>],
    fonts: &Fonts,
    header: &str,
    footer: &dyn Fn(usize, usize) -> String,
) -> Result<Vec<u8>, String> {
    let mut doc = Document::new();
    let mut tree = TagTree::new();
    let total = pages.len();
    for (n, items) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(WIDTH, HEIGHT).ok_or("page size")?;
        let mut page = doc.start_page_with(settings);
        let mut s = page.surface();
        running(&mut s, fonts, header, &footer(n + 1, total));
        for item in items {
            draw_item(&mut s, fonts, &mut tree, item);
        }
        s.finish();
        page.finish();
    }
    doc.set_tag_tree(tree);
    doc.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language(lang.to_owned())
            .creator("Myo".to_owned()),
    );
    doc.finish().map_err(|e| format!("PDF: {e:?}"))
}
