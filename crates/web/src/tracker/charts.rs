//! Charts in the page's language: the tracker draws them with the words given here (from the
//! catalogue), and the chart builders' English titles, units and series labels are replaced by
//! the catalogue's. The tracker itself stays free of the catalogue.

use myo_tracker::Date;
use myo_tracker::charts::words::SeriesSummary;
use myo_tracker::charts::{Chart, English, Words, render_in, short};
use myo_tracker::records::{HomeTest, Rating};

use crate::i18n::{self, Arg, ToArg, Tr, words};

/// The chart words of one language, from the catalogue.
pub struct TrWords<'a>(pub &'a Tr);

impl Words for TrWords<'_> {
    fn month(&self, m: u32) -> String {
        i18n::month(self.0.lang, m).to_owned()
    }
    fn date(&self, d: Date) -> String {
        words::date(self.0, &d.to_string())
    }
    fn number(&self, v: f64) -> String {
        // One decimal, as the English drawing, with the language's decimal mark.
        words::short_num(self.0, v)
    }
    fn no_data(&self) -> String {
        self.0.t("chart-no-data")
    }
    fn nothing_recorded(&self, from: &str, to: &str) -> String {
        self.0.t2("chart-nothing-recorded", "from", from, "to", to)
    }
    fn window(&self, from: &str, to: &str) -> String {
        self.0.t2("chart-window", "from", from, "to", to)
    }
    fn series_empty(&self, label: &str) -> String {
        self.0.t1("chart-series-empty", "series", label)
    }
    fn series_summary(&self, s: &SeriesSummary<'_>) -> String {
        let args: [(&str, Arg); 9] = [
            ("series", s.label.to_arg()),
            ("count", s.count.to_arg()),
            ("first", s.first.to_arg()),
            ("last", s.last.to_arg()),
            ("lowest", s.lowest.to_arg()),
            ("highest", s.highest.to_arg()),
            ("latest", s.latest.to_arg()),
            ("unit", s.unit.to_arg()),
            ("breaks", s.breaks.to_arg()),
        ];
        self.0.ta("chart-series-summary", &args)
    }
    fn reference_band(&self, range: &str) -> String {
        self.0.t1("chart-reference-band", "range", range)
    }
    fn medicine_period(&self, label: &str, from: &str, to: &str) -> String {
        self.0.ta(
            "chart-medicine-period",
            &[
                ("medicine", label.to_arg()),
                ("from", from.to_arg()),
                ("to", to.to_arg()),
            ],
        )
    }
    fn now(&self) -> String {
        self.0.t("chart-now")
    }
    fn ongoing(&self) -> String {
        self.0.t("chart-ongoing")
    }
    fn bar(&self, label: &str, from: &str, to: &str) -> String {
        self.0.ta(
            "chart-bar",
            &[
                ("medicine", label.to_arg()),
                ("from", from.to_arg()),
                ("to", to.to_arg()),
            ],
        )
    }
    fn key(&self, title: &str) -> String {
        self.0.t1("chart-key", "title", title)
    }
    fn reference_range(&self, range: &str) -> String {
        self.0.t1("chart-reference-range", "range", range)
    }
    fn table_summary(&self, title: &str) -> String {
        self.0.t1("chart-table-summary", "title", title)
    }
    fn table_label(&self, title: &str) -> String {
        self.0.t1("chart-table-label", "title", title)
    }
    fn table_caption(
        &self,
        title: &str,
        unit: &str,
        from: &str,
        to: &str,
        range: Option<&str>,
    ) -> String {
        let args = [
            ("title", title.to_arg()),
            ("unit", unit.to_arg()),
            ("from", from.to_arg()),
            ("to", to.to_arg()),
        ];
        match range {
            None => self.0.ta("chart-table-caption", &args),
            Some(r) => {
                let mut args = args.to_vec();
                args.push(("range", r.to_arg()));
                self.0.ta("chart-table-caption-range", &args)
            }
        }
    }
    fn date_column(&self) -> String {
        self.0.t("chart-col-date")
    }
    fn not_recorded(&self) -> String {
        self.0.t("dash-not-recorded")
    }
    fn medicines_caption(&self) -> String {
        self.0.t("chart-medicines-caption")
    }
    fn medicine_columns(&self) -> [String; 3] {
        [
            self.0.t("chart-col-medicine"),
            self.0.t("chart-col-from"),
            self.0.t("chart-col-to"),
        ]
    }
}

/// Draws `chart` in `tr`'s language (English, the source language, is the tracker's own).
pub fn render(tr: &Tr, chart: &Chart) -> String {
    if words::is_source(tr) {
        render_in(chart, &English)
    } else {
        render_in(chart, &TrWords(tr))
    }
}

/// The diary chart's title, unit and series labels (one per rating, in order) in `tr`'s language.
pub fn diary(tr: &Tr, mut chart: Chart, ratings: &[Rating]) -> Chart {
    if words::is_source(tr) {
        return chart;
    }
    chart.title = tr.t("chart-diary-title");
    chart.unit = tr.t("chart-diary-unit");
    for (s, r) in chart.series.iter_mut().zip(ratings) {
        s.label = words::rating(tr, *r);
    }
    chart
}

/// A home test chart's title, unit and series label in `tr`'s language.
pub fn home_test(tr: &Tr, mut chart: Chart, test: HomeTest) -> Chart {
    if words::is_source(tr) {
        return chart;
    }
    let name = words::home_test(tr, test);
    chart.title = tr.t1("chart-home-test-title", "test", name.as_str());
    chart.unit = tr.t(match test {
        HomeTest::SitToStand30s => "chart-unit-stands",
        _ => "chart-unit-seconds",
    });
    for s in &mut chart.series {
        s.label.clone_from(&name);
    }
    chart
}

/// A lab chart named by the test's short name (as the summary's lab table does) in a language
/// other than English; English keeps the rules' name.
pub fn lab(tr: &Tr, mut chart: Chart, short_name: &str) -> Chart {
    if !words::is_source(tr) {
        chart.title = format!("{short_name} ({})", chart.unit);
        for s in &mut chart.series {
            s.label = short_name.to_owned();
        }
    }
    chart
}

/// The MMT-8 chart's title and unit in `tr`'s language (the series keeps the instrument's name).
pub fn mmt8(tr: &Tr, mut chart: Chart) -> Chart {
    if words::is_source(tr) {
        return chart;
    }
    chart.title = tr.t("chart-mmt8-title");
    chart.unit = tr.t1("chart-mmt8-unit", "max", short(chart.y_max).as_str());
    chart
}
