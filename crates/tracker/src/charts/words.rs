//! The words a chart writes (month ticks, dates, numbers, "No data yet", the key and the table),
//! supplied by the caller so that the drawing stays free of any message catalogue. [`English`]
//! is the default: every method has its English form, and a language overrides them all.

use super::short;
use crate::date::Date;

/// The words of a chart in one language. Every method has an English default.
pub trait Words {
    /// Short month name (1 = "Jan"), for date ticks.
    fn month(&self, m: u32) -> String {
        super::geometry::month_name(m).to_owned()
    }
    /// A day, as the table and descriptions write it.
    fn date(&self, d: Date) -> String {
        d.to_string()
    }
    /// A value with at most one decimal.
    fn number(&self, v: f64) -> String {
        short(v)
    }
    /// Shown on a chart without values in its range.
    fn no_data(&self) -> String {
        super::alt::NO_DATA.into()
    }
    /// The description of an empty chart.
    fn nothing_recorded(&self, from: &str, to: &str) -> String {
        format!("{}: nothing recorded from {from} to {to}.", self.no_data())
    }
    /// The description's first sentence: the days drawn.
    fn window(&self, from: &str, to: &str) -> String {
        format!("From {from} to {to}.")
    }
    /// A series without values in the window.
    fn series_empty(&self, label: &str) -> String {
        format!("{label}: no values recorded.")
    }
    /// A series in words (numbers and dates already written).
    fn series_summary(&self, s: &SeriesSummary<'_>) -> String {
        format!(
            "{}: {} values from {} to {}, lowest {}, highest {}, latest {} {}{}.",
            s.label,
            s.count,
            s.first,
            s.last,
            s.lowest,
            s.highest,
            s.latest,
            s.unit,
            if s.breaks > 0 {
                format!(
                    "; the line breaks {} times where days were not recorded",
                    s.breaks
                )
            } else {
                String::new()
            }
        )
    }
    /// The shaded band in the description.
    fn reference_band(&self, range: &str) -> String {
        format!("Shaded band: reference range {range}.")
    }
    /// A medicine period in the description (`to` already "now" when ongoing).
    fn medicine_period(&self, label: &str, from: &str, to: &str) -> String {
        format!("Medicine period: {label} from {from} to {to}.")
    }
    /// The end of an ongoing medicine period in the plot and the description.
    fn now(&self) -> String {
        "now".into()
    }
    /// The end of an ongoing medicine period in the table.
    fn ongoing(&self) -> String {
        "ongoing".into()
    }
    /// A medicine bar's tooltip.
    fn bar(&self, label: &str, from: &str, to: &str) -> String {
        format!("{label}, {from} to {to}")
    }
    /// The legend's accessible name.
    fn key(&self, title: &str) -> String {
        format!("Key: {title}")
    }
    /// The reference range in the legend (`range` is "low–high unit").
    fn reference_range(&self, range: &str) -> String {
        format!("Reference range {range}")
    }
    /// The summary that opens the table.
    fn table_summary(&self, title: &str) -> String {
        format!("{title}: values as a table")
    }
    /// The table region's accessible name.
    fn table_label(&self, title: &str) -> String {
        format!("Table: {title} values")
    }
    /// The table's caption (`range` is the reference range as "low–high unit").
    fn table_caption(
        &self,
        title: &str,
        unit: &str,
        from: &str,
        to: &str,
        range: Option<&str>,
    ) -> String {
        format!(
            "{title} ({unit}), {from} to {to}{}",
            range.map_or_else(String::new, |r| format!("; reference range {r}"))
        )
    }
    /// The table's first column.
    fn date_column(&self) -> String {
        "Date".into()
    }
    /// A day without a value.
    fn not_recorded(&self) -> String {
        "not recorded".into()
    }
    /// The medicines table's caption.
    fn medicines_caption(&self) -> String {
        "Medicines in this period".into()
    }
    /// The medicines table's columns: medicine and dose, from, to.
    fn medicine_columns(&self) -> [String; 3] {
        ["Medicine and dose".into(), "From".into(), "To".into()]
    }
}

/// One series in words, for [`Words::series_summary`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesSummary<'a> {
    /// The series' label.
    pub label: &'a str,
    /// Values drawn.
    pub count: usize,
    /// First day with a value.
    pub first: String,
    /// Last day with a value.
    pub last: String,
    /// Lowest value.
    pub lowest: String,
    /// Highest value.
    pub highest: String,
    /// Latest value.
    pub latest: String,
    /// The chart's unit.
    pub unit: &'a str,
    /// Times the line breaks for days not recorded.
    pub breaks: usize,
}

/// The English words (every default).
#[derive(Debug, Clone, Copy, Default)]
pub struct English;

impl Words for English {}
