//! Trend charts as SVG strings: pure, deterministic (fixed layout, one-decimal coordinates),
//! accessible (`role="img"`, `<title>`, `<desc>` summarising the data in words).
//!
//! Missing days are drawn as gaps: a series breaks its line wherever two recorded points are
//! further apart than its `max_gap_days`; a lone point is drawn as a dot. Reference ranges are a
//! shaded band; medicine periods are shaded columns.

use std::fmt::Write;

use crate::date::Date;

/// One line of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend label.
    pub label: String,
    /// Points (any order; sorted when drawn).
    pub points: Vec<(Date, f64)>,
    /// Break the line between points more than this many days apart; `None` = always join.
    pub max_gap_days: Option<i32>,
}

/// A medicine period drawn as a shaded column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// Label (medicine name and dose).
    pub label: String,
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
}

/// A chart to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Element id prefix, unique on the page (used for `aria-labelledby`).
    pub id: String,
    /// Title.
    pub title: String,
    /// Unit of the y axis.
    pub unit: String,
    /// First day shown.
    pub from: Date,
    /// Last day shown.
    pub to: Date,
    /// Bottom of the y axis.
    pub y_min: f64,
    /// Top of the y axis.
    pub y_max: f64,
    /// Lines.
    pub series: Vec<Series>,
    /// Reference range (low, high), shaded.
    pub reference: Option<(f64, f64)>,
    /// Medicine periods.
    pub medication_bands: Vec<Band>,
}

const W: f64 = 640.0;
const H: f64 = 240.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 28.0;
const COLOURS: [&str; 6] = [
    "#1f5fa8", "#b8420f", "#2e7d32", "#6a1b9a", "#8d6e00", "#00796b",
];

/// Escapes text for XML content and attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn n1(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r }; // no "-0.0"
    format!("{r:.1}")
}

fn short(v: f64) -> String {
    let s = n1(v);
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
}

struct Frame {
    from: Date,
    span: f64,
    y_min: f64,
    y_span: f64,
}

impl Frame {
    fn x(&self, d: Date) -> f64 {
        LEFT + (self.from.days_until(d) as f64 / self.span) * (W - LEFT - RIGHT)
    }
    fn y(&self, v: f64) -> f64 {
        let v = v.clamp(self.y_min, self.y_min + self.y_span);
        TOP + (1.0 - (v - self.y_min) / self.y_span) * (H - TOP - BOTTOM)
    }
}

/// Splits sorted points into runs joined by lines.
fn segments(points: &[(Date, f64)], max_gap: Option<i32>) -> Vec<&[(Date, f64)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=points.len() {
        let brk = i == points.len()
            || max_gap.is_some_and(|g| points[i - 1].0.days_until(points[i].0) > g);
        if brk {
            out.push(&points[start..i]);
            start = i;
        }
    }
    out
}

/// Draws the chart.
pub fn render(c: &Chart) -> String {
    let f = Frame {
        from: c.from,
        span: f64::from(c.from.days_until(c.to).max(1)),
        y_min: c.y_min,
        y_span: if c.y_max > c.y_min {
            c.y_max - c.y_min
        } else {
            1.0
        },
    };
    let id = escape(&c.id);
    let mut s = String::with_capacity(4096);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" \
         height=\"{H}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(&c.title),
        escape(&describe(c)),
    );
    let (pt, pb) = (TOP, H - BOTTOM);
    for b in &c.medication_bands {
        let (x0, x1) = (f.x(b.from.max(c.from)), f.x(b.to.min(c.to)));
        if b.to < c.from || b.from > c.to {
            continue;
        }
        let _ = write!(
            s,
            "<rect class=\"med\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#9e9e9e\" \
             fill-opacity=\"0.15\"><title>{}</title></rect>",
            n1(x0),
            n1(pt),
            n1((x1 - x0).max(1.0)),
            n1(pb - pt),
            escape(&b.label)
        );
    }
    if let Some((lo, hi)) = c.reference {
        let (y0, y1) = (f.y(hi), f.y(lo));
        let _ = write!(
            s,
            "<rect class=\"ref\" x=\"{LEFT}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#4caf50\" \
             fill-opacity=\"0.15\"><title>reference range {}–{} {}</title></rect>",
            n1(y0),
            n1(W - LEFT - RIGHT),
            n1((y1 - y0).max(0.5)),
            short(lo),
            short(hi),
            escape(&c.unit)
        );
    }
    axes(&mut s, c, &f);
    for (i, ser) in c.series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let mut pts = ser.points.clone();
        pts.sort_by_key(|p| p.0);
        let _ = write!(
            s,
            "<g class=\"series\" stroke=\"{colour}\" fill=\"{colour}\"><title>{}</title>",
            escape(&ser.label)
        );
        for seg in segments(&pts, ser.max_gap_days) {
            if let [(d, v)] = seg {
                let _ = write!(
                    s,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"2.5\"/>",
                    n1(f.x(*d)),
                    n1(f.y(*v))
                );
            } else {
                s.push_str("<path fill=\"none\" stroke-width=\"1.5\" d=\"");
                for (k, (d, v)) in seg.iter().enumerate() {
                    let _ = write!(
                        s,
                        "{}{} {}",
                        if k == 0 { "M" } else { " L" },
                        n1(f.x(*d)),
                        n1(f.y(*v))
                    );
                }
                s.push_str("\"/>");
            }
        }
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"16\" font-size=\"11\" stroke=\"none\">{}</text></g>",
            n1(LEFT + 120.0 * i as f64),
            escape(&ser.label)
        );
    }
    s.push_str("</svg>");
    s
}

fn axes(s: &mut String, c: &Chart, f: &Frame) {
    let (pb, pr) = (H - BOTTOM, W - RIGHT);
    let _ = write!(
        s,
        "<g class=\"axes\" stroke=\"#555\" font-size=\"10\" fill=\"#333\">\
         <line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{pb}\"/>\
         <line x1=\"{LEFT}\" y1=\"{pb}\" x2=\"{pr}\" y2=\"{pb}\"/>"
    );
    for v in [c.y_min, (c.y_min + c.y_max) / 2.0, c.y_max] {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" stroke=\"none\">{}</text>",
            n1(LEFT - 4.0),
            n1(f.y(v) + 3.0),
            short(v)
        );
    }
    let _ = write!(
        s,
        "<text x=\"{LEFT}\" y=\"{}\" stroke=\"none\">{}</text>\
         <text x=\"{pr}\" y=\"{}\" text-anchor=\"end\" stroke=\"none\">{}</text>\
         <text x=\"4\" y=\"{}\" stroke=\"none\">{}</text></g>",
        n1(H - 10.0),
        c.from,
        n1(H - 10.0),
        c.to,
        n1(TOP - 4.0),
        escape(&c.unit)
    );
}

/// The `<desc>` text: what each series shows, in words.
pub fn describe(c: &Chart) -> String {
    let mut parts = vec![format!("From {} to {}.", c.from, c.to)];
    for ser in &c.series {
        let mut pts: Vec<(Date, f64)> = ser
            .points
            .iter()
            .copied()
            .filter(|p| p.0 >= c.from && p.0 <= c.to)
            .collect();
        pts.sort_by_key(|p| p.0);
        let (Some(first), Some(last)) = (pts.first(), pts.last()) else {
            parts.push(format!("{}: no values recorded.", ser.label));
            continue;
        };
        let lo = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        let hi = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
        let breaks = segments(&pts, ser.max_gap_days).len() - 1;
        parts.push(format!(
            "{}: {} values from {} to {}, lowest {}, highest {}, latest {} {}{}.",
            ser.label,
            pts.len(),
            first.0,
            last.0,
            short(lo),
            short(hi),
            short(last.1),
            c.unit,
            if breaks > 0 {
                format!("; the line breaks {breaks} times where days were not recorded")
            } else {
                String::new()
            }
        ));
    }
    if let Some((lo, hi)) = c.reference {
        parts.push(format!(
            "Shaded band: reference range {}–{} {}.",
            short(lo),
            short(hi),
            c.unit
        ));
    }
    for b in c
        .medication_bands
        .iter()
        .filter(|b| b.to >= c.from && b.from <= c.to)
    {
        parts.push(format!(
            "Medicine period: {} from {} to {}.",
            b.label, b.from, b.to
        ));
    }
    parts.join(" ")
}
