//! Trend charts as markup: pure and deterministic (fixed layout, one-decimal coordinates).
//!
//! [`render`] returns, for one chart, a visible title (`<figcaption>`), an SVG plot, an HTML legend and the same values as a table
//! in a `<details>` (the text alternative). The SVG has `role="img"`, a `<title>` (its accessible
//! name) and a `<desc>` summarising the data in words; it scales to its container, and its text is
//! sized so that it stays at least 12 CSS px on a 360 px wide phone (see the `.chart` style).
//!
//! - **Time window.** By default ([`Window::Fit`]) the window fits the values recorded between
//!   `from` and `to`, so a month of data fills the plot whatever the look-back; a range the person
//!   picked ([`Window::Fixed`]) is shown as is. Date ticks are days, weeks, months or years
//!   depending on the span ([`geometry`]).
//! - **Gaps.** Missing days are drawn as gaps: a series breaks its line wherever two recorded
//!   points are further apart than its `max_gap_days`; a lone point is drawn as its marker.
//! - **Series** differ by dash pattern and marker shape as well as colour.
//! - **Medicines** are drawn as labelled lanes under the plot, one colour per medicine.
//! - **No data**: a chart without values in its range says "No data yet".

pub mod alt;
pub mod geometry;
pub mod words;

use std::fmt::Write;

use crate::date::Date;
pub use geometry::Window;
use geometry::{fit_window, segments, ticks_in};
pub use words::{English, Words};

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

/// A medicine period (one dose), drawn in the medicine's lane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// The medicine's name: periods with the same name share a lane and a colour.
    pub medicine: String,
    /// Label (medicine name and dose).
    pub label: String,
    /// First day.
    pub from: Date,
    /// Last day (the chart's last day when ongoing).
    pub to: Date,
    /// Still being taken (no end date recorded).
    pub ongoing: bool,
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
    /// First day that may be shown.
    pub from: Date,
    /// Last day that may be shown.
    pub to: Date,
    /// Fit the window to the data, or show `from..=to` as is.
    pub window: Window,
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

impl Chart {
    /// The same chart showing exactly `from..=to` (a range the person picked).
    pub fn fixed(mut self) -> Chart {
        self.window = Window::Fixed;
        self
    }

    /// The days drawn, or `None` when no value falls between `from` and `to` (an empty chart).
    pub fn shown_window(&self) -> Option<(Date, Date)> {
        let dates = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0));
        match self.window {
            Window::Fit => fit_window(dates, self.from, self.to),
            Window::Fixed => {
                let mut dates = dates;
                dates
                    .any(|d| d >= self.from && d <= self.to)
                    .then_some((self.from, self.to.max(self.from)))
            }
        }
    }
}

/// Width of the drawing in user units. On a 360 px phone the chart is drawn about 328 px wide,
/// so 14-unit text shows at about 12.8 px.
pub const W: f64 = 360.0;
/// Font size of all chart text, in user units.
pub const FONT: f64 = 14.0;
/// Width of one character at [`FONT`], on the wide side (DejaVu Sans), for tick spacing.
pub const CHAR_W: f64 = 8.4;
const LEFT: f64 = 42.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 28.0;
const PLOT_H: f64 = 150.0;
const AXIS_H: f64 = 44.0;
const LANE_H: f64 = 34.0;
const EMPTY_H: f64 = 110.0;
const INK: &str = "#222";
/// Series colours (dark enough for 3:1 against white).
pub const COLOURS: [&str; 4] = ["#1f5fa8", "#b8420f", "#2e7d32", "#6a1b9a"];
/// Series dash patterns (`stroke-dasharray`; empty = solid).
pub const DASHES: [&str; 4] = ["", "7 4", "2 3", "10 3 2 3"];
/// Series marker shapes, in order.
pub const MARKERS: [&str; 4] = ["circle", "square", "triangle", "diamond"];
/// Medicine colours, one per medicine in order of first start.
pub const MED_COLOURS: [&str; 6] = [
    "#a0527a", "#b86e00", "#3a7ca5", "#4d7d2c", "#7a5c3e", "#5b5b9f",
];
/// Reference range fill.
pub const REF_COLOUR: &str = "#4caf50";
/// Markers drawn per series at most (more points: every n-th, lone points always).
const MAX_MARKERS: usize = 40;

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

/// A number with at most one decimal, without a trailing ".0".
pub fn short(v: f64) -> String {
    let s = n1(v);
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
}

/// Maps days and values to user units.
struct Frame {
    from: Date,
    span: f64,
    y_min: f64,
    y_span: f64,
}

impl Frame {
    fn x(&self, d: Date) -> f64 {
        LEFT + (f64::from(self.from.days_until(d)) / self.span) * (W - LEFT - RIGHT)
    }
    fn y(&self, v: f64) -> f64 {
        let v = v.clamp(self.y_min, self.y_min + self.y_span);
        TOP + (1.0 - (v - self.y_min) / self.y_span) * PLOT_H
    }
}

/// The medicines in a window, in order of first start: (name, colour, periods).
pub fn lanes(c: &Chart, from: Date, to: Date) -> Vec<(String, &'static str, Vec<&Band>)> {
    let mut bands: Vec<&Band> = c
        .medication_bands
        .iter()
        .filter(|b| b.to >= from && b.from <= to)
        .collect();
    bands.sort_by(|a, b| (a.from, &a.medicine).cmp(&(b.from, &b.medicine)));
    let mut out: Vec<(String, &'static str, Vec<&Band>)> = Vec::new();
    for b in bands {
        match out.iter_mut().find(|l| l.0 == b.medicine) {
            Some(l) => l.2.push(b),
            None => {
                let colour = MED_COLOURS[out.len() % MED_COLOURS.len()];
                out.push((b.medicine.clone(), colour, vec![b]));
            }
        }
    }
    out
}

/// A marker path centred on (x, y).
fn marker(shape: usize, x: f64, y: f64) -> String {
    match shape % MARKERS.len() {
        0 => format!(
            "M{} {} a3.5 3.5 0 1 0 7 0 a3.5 3.5 0 1 0 -7 0Z",
            n1(x - 3.5),
            n1(y)
        ),
        1 => format!("M{} {} h6.4 v6.4 h-6.4Z", n1(x - 3.2), n1(y - 3.2)),
        2 => format!("M{} {} l4.2 7.2 h-8.4Z", n1(x), n1(y - 4.6)),
        _ => format!("M{} {} l4.3 4.3 l-4.3 4.3 l-4.3 -4.3Z", n1(x), n1(y - 4.3)),
    }
}

/// Draws the chart: its title as a `<figcaption>` (the output goes inside a `<figure>`), the SVG
/// plot, then the legend and the table of values (see the module documentation), in English.
pub fn render(c: &Chart) -> String {
    render_in(c, &English)
}

/// Draws the chart (see [`render`]) with the caller's words: month ticks, dates, numbers and
/// the key and table text. The title, unit and series labels are the chart's own.
pub fn render_in(c: &Chart, w: &dyn Words) -> String {
    let mut s = format!(
        "<figcaption class=\"chart-title\">{}</figcaption>",
        escape(&c.title)
    );
    s.push_str(&svg_in(c, w));
    if c.shown_window().is_some() {
        s.push_str(&alt::legend_in(c, w));
    }
    s.push_str(&alt::table_in(c, w));
    s
}

fn open_svg(s: &mut String, c: &Chart, h: f64, w: &dyn Words) {
    let id = escape(&c.id);
    let _ = write!(
        s,
        "<svg class=\"chart-plot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {h}\" \
         width=\"{W}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         font-size=\"{FONT}\" font-family=\"system-ui, sans-serif\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(&c.title),
        escape(&alt::describe_in(c, w)),
    );
}

/// The SVG plot alone, in English.
pub fn svg(c: &Chart) -> String {
    svg_in(c, &English)
}

/// The SVG plot alone, with the caller's words.
pub fn svg_in(c: &Chart, w: &dyn Words) -> String {
    let mut s = String::with_capacity(4096);
    let Some((from, to)) = c.shown_window() else {
        open_svg(&mut s, c, EMPTY_H, w);
        let _ = write!(
            s,
            "<rect x=\"1\" y=\"1\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888\" \
             stroke-dasharray=\"4 3\"/><text class=\"empty\" x=\"{}\" y=\"{}\" \
             text-anchor=\"middle\" font-size=\"18\" fill=\"{INK}\">{}</text></svg>",
            W - 2.0,
            EMPTY_H - 2.0,
            W / 2.0,
            EMPTY_H / 2.0 + 6.0,
            escape(&w.no_data())
        );
        return s;
    };
    let f = Frame {
        from,
        span: f64::from(from.days_until(to).max(1)),
        y_min: c.y_min,
        y_span: if c.y_max > c.y_min {
            c.y_max - c.y_min
        } else {
            1.0
        },
    };
    let lanes = lanes(c, from, to);
    let h = TOP + PLOT_H + AXIS_H + LANE_H * lanes.len() as f64;
    open_svg(&mut s, c, h, w);
    if let Some((lo, hi)) = c.reference {
        let (y0, y1) = (f.y(hi), f.y(lo));
        let _ = write!(
            s,
            "<rect class=\"ref\" x=\"{LEFT}\" y=\"{}\" width=\"{}\" height=\"{}\" \
             fill=\"{REF_COLOUR}\" fill-opacity=\"0.18\"/>",
            n1(y0),
            n1(W - LEFT - RIGHT),
            n1((y1 - y0).max(0.5)),
        );
    }
    axes(&mut s, c, &f, (from, to), w);
    lanes_svg(&mut s, &f, &lanes, (from, to), w);
    for (i, ser) in c.series.iter().enumerate() {
        series_svg(&mut s, &f, i, ser, from, to);
    }
    s.push_str("</svg>");
    s
}

fn series_svg(s: &mut String, f: &Frame, i: usize, ser: &Series, from: Date, to: Date) {
    let colour = COLOURS[i % COLOURS.len()];
    let dash = DASHES[i % DASHES.len()];
    let mut pts: Vec<(Date, f64)> = ser
        .points
        .iter()
        .copied()
        .filter(|p| p.0 >= from && p.0 <= to)
        .collect();
    pts.sort_by_key(|p| p.0);
    let _ = write!(
        s,
        "<g class=\"series\" data-marker=\"{}\" stroke=\"{colour}\" fill=\"{colour}\">",
        MARKERS[i % MARKERS.len()]
    );
    let every = pts.len().div_ceil(MAX_MARKERS).max(1);
    let mut k = 0;
    for seg in segments(&pts, ser.max_gap_days) {
        if seg.len() > 1 {
            let _ = write!(s, "<path class=\"line\" fill=\"none\" stroke-width=\"2\"");
            if !dash.is_empty() {
                let _ = write!(s, " stroke-dasharray=\"{dash}\"");
            }
            s.push_str(" d=\"");
            for (j, (d, v)) in seg.iter().enumerate() {
                let _ = write!(
                    s,
                    "{}{} {}",
                    if j == 0 { "M" } else { " L" },
                    n1(f.x(*d)),
                    n1(f.y(*v))
                );
            }
            s.push_str("\"/>");
        }
        for (d, v) in seg.iter() {
            let lone = seg.len() == 1;
            if lone || k % every == 0 {
                let _ = write!(
                    s,
                    "<path class=\"pt{}\" stroke=\"none\" d=\"{}\"/>",
                    if lone { " lone" } else { "" },
                    marker(i, f.x(*d), f.y(*v))
                );
            }
            k += 1;
        }
    }
    s.push_str("</g>");
}

fn axes(s: &mut String, c: &Chart, f: &Frame, (from, to): (Date, Date), w: &dyn Words) {
    let (pb, pr) = (TOP + PLOT_H, W - RIGHT);
    let _ = write!(s, "<g class=\"axes\" stroke=\"#767676\" fill=\"{INK}\">");
    for v in [c.y_min, (c.y_min + c.y_max) / 2.0, c.y_max] {
        let y = n1(f.y(v));
        let _ = write!(
            s,
            "<line x1=\"{LEFT}\" y1=\"{y}\" x2=\"{pr}\" y2=\"{y}\" stroke=\"#ddd\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" stroke=\"none\">{}</text>",
            n1(LEFT - 5.0),
            n1(f.y(v) + 5.0),
            escape(&w.number(v))
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{pb}\"/>\
         <line class=\"x-axis\" x1=\"{LEFT}\" y1=\"{pb}\" x2=\"{pr}\" y2=\"{pb}\"/>\
         <text class=\"unit\" x=\"2\" y=\"{}\" stroke=\"none\">{}</text>",
        n1(TOP - 10.0),
        escape(&c.unit)
    );
    let (_, ts) = ticks_in(from, to, W - LEFT - RIGHT, CHAR_W, &|m| w.month(m));
    for t in ts {
        let x = f.x(t.date);
        let half = t.label.chars().count() as f64 * CHAR_W / 2.0;
        let tx = x.clamp(half + 1.0, W - half - 1.0);
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{pb}\" x2=\"{}\" y2=\"{}\"/>\
             <text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" stroke=\"none\">{}</text>",
            n1(x),
            n1(x),
            n1(pb + 5.0),
            n1(tx),
            n1(pb + 19.0),
            escape(&t.label)
        );
        if let Some(y) = t.year {
            let _ = write!(
                s,
                "<text class=\"tick-year\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" \
                 stroke=\"none\">{y}</text>",
                n1(x.clamp(18.0, W - 18.0)),
                n1(pb + 36.0)
            );
        }
    }
    s.push_str("</g>");
}

fn lanes_svg(
    s: &mut String,
    f: &Frame,
    lanes: &[(String, &'static str, Vec<&Band>)],
    (from, to): (Date, Date),
    w: &dyn Words,
) {
    if lanes.is_empty() {
        return;
    }
    s.push_str("<g class=\"medicines\">");
    for (i, (name, colour, bands)) in lanes.iter().enumerate() {
        let top = TOP + PLOT_H + AXIS_H + LANE_H * i as f64;
        let _ = write!(
            s,
            "<g class=\"med\" fill=\"{colour}\"><text x=\"{LEFT}\" y=\"{}\" fill=\"{INK}\">{}</text>",
            n1(top + 12.0),
            escape(name)
        );
        for b in bands {
            // A period covers its last day: the bar runs to the start of the next day.
            let x0 = f.x(b.from.max(from));
            let x1 = f.x(b.to.min(to).add_days(1)).min(W - RIGHT);
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\" stroke=\"#fff\" \
                 stroke-width=\"1\"><title>{}</title></rect>",
                n1(x0),
                n1(top + 17.0),
                n1((x1 - x0).max(2.0)),
                escape(&w.bar(
                    &b.label,
                    &w.date(b.from),
                    &if b.ongoing { w.now() } else { w.date(b.to) }
                )),
            );
        }
        s.push_str("</g>");
    }
    s.push_str("</g>");
}
