//! What goes with a chart's plot: the `<desc>` in words, the legend, and the values as a table
//! (the text alternative for people who cannot see the plot).

use std::fmt::Write;

use super::{COLOURS, Chart, DASHES, REF_COLOUR, escape, lanes, marker, short};
use crate::date::Date;

/// Text shown (and spoken) for a chart without values in its range.
pub const NO_DATA: &str = "No data yet";

fn points_in(points: &[(Date, f64)], from: Date, to: Date) -> Vec<(Date, f64)> {
    let mut pts: Vec<(Date, f64)> = points
        .iter()
        .copied()
        .filter(|p| p.0 >= from && p.0 <= to)
        .collect();
    pts.sort_by_key(|p| p.0);
    pts
}

/// The `<desc>` text: the window, what each series shows, the reference range and medicines.
pub fn describe(c: &Chart) -> String {
    let Some((from, to)) = c.shown_window() else {
        return format!("{NO_DATA}: nothing recorded from {} to {}.", c.from, c.to);
    };
    let mut parts = vec![format!("From {from} to {to}.")];
    for ser in &c.series {
        let pts = points_in(&ser.points, from, to);
        let (Some(first), Some(last)) = (pts.first(), pts.last()) else {
            parts.push(format!("{}: no values recorded.", ser.label));
            continue;
        };
        let lo = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        let hi = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
        let breaks = super::segments(&pts, ser.max_gap_days).len() - 1;
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
    for (_, _, bands) in lanes(c, from, to) {
        for b in bands {
            parts.push(format!(
                "Medicine period: {} from {} to {}.",
                b.label,
                b.from,
                if b.ongoing {
                    "now".to_owned()
                } else {
                    b.to.to_string()
                }
            ));
        }
    }
    parts.join(" ")
}

const SWATCH: &str = "<svg class=\"swatch\" aria-hidden=\"true\" focusable=\"false\" \
                      viewBox=\"0 0 40 16\" width=\"40\" height=\"16\">";

/// The legend: each series with its colour, dash pattern and marker; each medicine with its
/// colour; the reference range. Empty when the chart has no data.
pub fn legend(c: &Chart) -> String {
    let Some((from, to)) = c.shown_window() else {
        return String::new();
    };
    let mut s = format!(
        "<ul class=\"chart-legend\" aria-label=\"Key: {}\">",
        escape(&c.title)
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
             </svg>Reference range {}–{} {}</li>",
            short(lo),
            short(hi),
            escape(&c.unit)
        );
    }
    s.push_str("</ul>");
    s
}

/// The values as tables in a `<details>`: one row per day with a column per series, then the
/// medicine periods. Empty when the chart has no data (the plot then says so in words).
pub fn table(c: &Chart) -> String {
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
    let mut s = format!(
        "<details class=\"chart-data\"><summary>{}: values as a table</summary>\
         <div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table: {} values\">\
         <table><caption>{} ({}), {from} to {to}{}</caption>\
         <thead><tr><th scope=\"col\">Date</th>",
        escape(&c.title),
        escape(&c.title),
        escape(&c.title),
        escape(&c.unit),
        c.reference.map_or_else(String::new, |(lo, hi)| format!(
            "; reference range {}–{} {}",
            short(lo),
            short(hi),
            escape(&c.unit)
        )),
    );
    for ser in &c.series {
        let _ = write!(s, "<th scope=\"col\">{}</th>", escape(&ser.label));
    }
    s.push_str("</tr></thead><tbody>");
    for day in days {
        let _ = write!(s, "<tr><th scope=\"row\">{day}</th>");
        for pts in &series {
            // Several values on one day (e.g. two lab results) are listed together.
            let v: Vec<String> = pts
                .iter()
                .filter(|p| p.0 == day)
                .map(|p| short(p.1))
                .collect();
            let cell = if v.is_empty() {
                "not recorded".to_owned()
            } else {
                v.join(", ")
            };
            let _ = write!(s, "<td>{cell}</td>");
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    let lanes = lanes(c, from, to);
    if !lanes.is_empty() {
        s.push_str(
            "<table><caption>Medicines in this period</caption><thead><tr>\
             <th scope=\"col\">Medicine and dose</th><th scope=\"col\">From</th>\
             <th scope=\"col\">To</th></tr></thead><tbody>",
        );
        for (_, _, bands) in lanes {
            for b in bands {
                let _ = write!(
                    s,
                    "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                    escape(&b.label),
                    b.from,
                    if b.ongoing {
                        "ongoing".to_owned()
                    } else {
                        b.to.to_string()
                    }
                );
            }
        }
        s.push_str("</tbody></table>");
    }
    s.push_str("</div></details>");
    s
}
