//! What goes with a chart's plot: the `<desc>` in words, the legend, and the values as a table
//! (the text alternative for people who cannot see the plot).

use std::fmt::Write;

use super::words::{English, SeriesSummary, Words};
use super::{COLOURS, Chart, DASHES, REF_COLOUR, escape, lanes, marker};
use crate::date::Date;

/// Text shown (and spoken) for a chart without values in its range, in English.
pub const NO_DATA: &str = "No data yet";

/// The reference range as "low–high unit" (not escaped).
fn range(w: &dyn Words, lo: f64, hi: f64, unit: &str) -> String {
    format!("{}–{} {unit}", w.number(lo), w.number(hi))
}

fn points_in(points: &[(Date, f64)], from: Date, to: Date) -> Vec<(Date, f64)> {
    let mut pts: Vec<(Date, f64)> = points
        .iter()
        .copied()
        .filter(|p| p.0 >= from && p.0 <= to)
        .collect();
    pts.sort_by_key(|p| p.0);
    pts
}

/// The `<desc>` text in English.
pub fn describe(c: &Chart) -> String {
    describe_in(c, &English)
}

/// The `<desc>` text: the window, what each series shows, the reference range and medicines.
pub fn describe_in(c: &Chart, w: &dyn Words) -> String {
    let Some((from, to)) = c.shown_window() else {
        return w.nothing_recorded(&w.date(c.from), &w.date(c.to));
    };
    let mut parts = vec![w.window(&w.date(from), &w.date(to))];
    for ser in &c.series {
        let pts = points_in(&ser.points, from, to);
        let (Some(first), Some(last)) = (pts.first(), pts.last()) else {
            parts.push(w.series_empty(&ser.label));
            continue;
        };
        let lo = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        let hi = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
        let breaks = super::segments(&pts, ser.max_gap_days).len() - 1;
        parts.push(w.series_summary(&SeriesSummary {
            label: &ser.label,
            count: pts.len(),
            first: w.date(first.0),
            last: w.date(last.0),
            lowest: w.number(lo),
            highest: w.number(hi),
            latest: w.number(last.1),
            unit: &c.unit,
            breaks,
        }));
    }
    if let Some((lo, hi)) = c.reference {
        parts.push(w.reference_band(&range(w, lo, hi, &c.unit)));
    }
    for (_, _, bands) in lanes(c, from, to) {
        for b in bands {
            let end = if b.ongoing { w.now() } else { w.date(b.to) };
            parts.push(w.medicine_period(&b.label, &w.date(b.from), &end));
        }
    }
    parts.join(" ")
}

const SWATCH: &str = "<svg class=\"swatch\" aria-hidden=\"true\" focusable=\"false\" \
                      viewBox=\"0 0 40 16\" width=\"40\" height=\"16\">";

/// The legend: each series with its colour, dash pattern and marker; each medicine with its
/// colour; the reference range. Empty when the chart has no data.
pub fn legend(c: &Chart) -> String {
    legend_in(c, &English)
}

/// The legend in the given words (see [`legend`]).
pub fn legend_in(c: &Chart, w: &dyn Words) -> String {
    let Some((from, to)) = c.shown_window() else {
        return String::new();
    };
    let mut s = format!(
        "<ul class=\"chart-legend\" aria-label=\"{}\">",
        escape(&w.key(&c.title))
    );
    for (i, ser) in c.series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let dash = DASHES[i % DASHES.len()];
        let _ = write!(
            s,
            "<li class=\"legend-series\">{SWATCH}<line x1=\"1\" y1=\"8\" x2=\"39\" y2=\"8\" \
             stroke=\"{colour}\" stroke-width=\"2\"{}/><path d=\"{}\" fill=\"{colour}\"/></svg>\
             {}</li>",
            if dash.is_empty() {
                String::new()
            } else {
                format!(" stroke-dasharray=\"{dash}\"")
            },
            marker(i, 20.0, 8.0),
            escape(&ser.label)
        );
    }
    for (name, colour, _) in lanes(c, from, to) {
        let _ = write!(
            s,
            "<li class=\"legend-medicine\">{SWATCH}<rect x=\"1\" y=\"3\" width=\"38\" \
             height=\"10\" fill=\"{colour}\"/></svg>{}</li>",
            escape(&name)
        );
    }
    if let Some((lo, hi)) = c.reference {
        let _ = write!(
            s,
            "<li class=\"legend-reference\">{SWATCH}<rect x=\"1\" y=\"1\" width=\"38\" \
             height=\"14\" fill=\"{REF_COLOUR}\" fill-opacity=\"0.18\" stroke=\"{REF_COLOUR}\"/>\
             </svg>{}</li>",
            escape(&w.reference_range(&range(w, lo, hi, &c.unit)))
        );
    }
    s.push_str("</ul>");
    s
}

/// The values as tables in a `<details>`: one row per day with a column per series, then the
/// medicine periods. Empty when the chart has no data (the plot then says so in words).
pub fn table(c: &Chart) -> String {
    table_in(c, &English)
}

/// The table of values in the given words (see [`table`]).
pub fn table_in(c: &Chart, w: &dyn Words) -> String {
    let Some((from, to)) = c.shown_window() else {
        return String::new();
    };
    let series: Vec<Vec<(Date, f64)>> = c
        .series
        .iter()
        .map(|s| points_in(&s.points, from, to))
        .collect();
    let mut days: Vec<Date> = series.iter().flatten().map(|p| p.0).collect();
    days.sort();
    days.dedup();
    let reference = c.reference.map(|(lo, hi)| range(w, lo, hi, &c.unit));
    let mut s = format!(
        "<details class=\"chart-data\"><summary>{}</summary>\
         <div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\
         <table><caption>{}</caption>\
         <thead><tr><th scope=\"col\">{}</th>",
        escape(&w.table_summary(&c.title)),
        escape(&w.table_label(&c.title)),
        escape(&w.table_caption(
            &c.title,
            &c.unit,
            &w.date(from),
            &w.date(to),
            reference.as_deref()
        )),
        escape(&w.date_column()),
    );
    for ser in &c.series {
        let _ = write!(s, "<th scope=\"col\">{}</th>", escape(&ser.label));
    }
    s.push_str("</tr></thead><tbody>");
    for day in days {
        let _ = write!(s, "<tr><th scope=\"row\">{}</th>", escape(&w.date(day)));
        for pts in &series {
            // Several values on one day (e.g. two lab results) are listed together.
            let v: Vec<String> = pts
                .iter()
                .filter(|p| p.0 == day)
                .map(|p| w.number(p.1))
                .collect();
            let cell = if v.is_empty() {
                w.not_recorded()
            } else {
                v.join(", ")
            };
            let _ = write!(s, "<td>{}</td>", escape(&cell));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    let lanes = lanes(c, from, to);
    if !lanes.is_empty() {
        let [m, f, t] = w.medicine_columns();
        let _ = write!(
            s,
            "<table><caption>{}</caption><thead><tr>\
             <th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th></tr></thead><tbody>",
            escape(&w.medicines_caption()),
            escape(&m),
            escape(&f),
            escape(&t)
        );
        for (_, _, bands) in lanes {
            for b in bands {
                let _ = write!(
                    s,
                    "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                    escape(&b.label),
                    escape(&w.date(b.from)),
                    escape(&if b.ongoing { w.ongoing() } else { w.date(b.to) })
                );
            }
        }
        s.push_str("</tbody></table>");
    }
    s.push_str("</div></details>");
    s
}
