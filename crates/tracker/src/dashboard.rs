//! Ready-made charts from records, and the dashboard model (summary numbers + 4 charts).

use myo_instruments::Catalog;

use crate::charts::{Band, Chart, Series, Window};
use crate::date::Date;
use crate::error::Invalid;
use crate::flares::{Flare, flares};
use crate::labs::Analyte;
use crate::monitoring::{DueItem, DueState, MonitoredMedicine, due_items};
use crate::records::{HomeTest, Rating};
use crate::rules::Rules;
use crate::summary::PatientRecords;
use crate::tis::visit_scores;

/// Medicine periods overlapping `from..=to`, as chart bands.
pub fn medication_bands(records: &PatientRecords, from: Date, to: Date) -> Vec<Band> {
    records
        .medicines
        .iter()
        .filter(|m| m.input().start <= to && m.input().end.is_none_or(|e| e >= from))
        .map(|m| Band {
            medicine: m.input().name.clone(),
            label: format!("{} {}", m.input().name, m.input().dose),
            from: m.input().start,
            to: m.input().end.unwrap_or(to),
            ongoing: m.input().end.is_none(),
        })
        .collect()
}

/// Diary ratings (0–10) as lines; a day without a rating breaks the line.
pub fn diary_chart(records: &PatientRecords, ratings: &[Rating], from: Date, to: Date) -> Chart {
    let series = ratings
        .iter()
        .map(|&r| Series {
            label: r.label().to_owned(),
            points: records
                .diary
                .iter()
                .filter(|e| e.date() >= from && e.date() <= to)
                .filter_map(|e| e.rating(r).map(|v| (e.date(), v)))
                .collect(),
            max_gap_days: Some(1),
        })
        .collect();
    Chart {
        id: "diary".into(),
        title: "Diary ratings (0–10)".into(),
        unit: "points (0–10)".into(),
        from,
        to,
        window: Window::Fit,
        y_min: 0.0,
        y_max: 10.0,
        series,
        reference: None,
        medication_bands: medication_bands(records, from, to),
    }
}

/// One analyte in its stored unit, with the latest result's reference range as the band.
/// Results in units without a cited conversion are left out (and the description says how many
/// values are drawn).
pub fn lab_chart(
    rules: &Rules,
    records: &PatientRecords,
    analyte: Analyte,
    from: Date,
    to: Date,
) -> Chart {
    let def = rules.analyte(analyte);
    let mut pts = Vec::new();
    let mut latest = None;
    for l in records
        .labs
        .iter()
        .filter(|l| l.analyte == analyte && l.date >= from && l.date <= to)
    {
        if let Ok(c) = l.in_unit(rules, def.unit) {
            pts.push((c.date, c.value));
            if latest
                .as_ref()
                .is_none_or(|x: &crate::labs::LabResult| c.date >= x.date)
            {
                latest = Some(c);
            }
        }
    }
    let reference = latest.as_ref().and_then(|l| {
        l.range
            .upper()
            .map(|hi| (l.range.lower().unwrap_or(0.0), hi))
    });
    let top = pts
        .iter()
        .map(|p| p.1)
        .chain(reference.map(|r| r.1))
        .fold(0.0, f64::max);
    Chart {
        id: format!("lab-{}", analyte.id()),
        title: format!("{} ({})", def.label, def.unit.display()),
        unit: def.unit.display().into(),
        from,
        to,
        window: Window::Fit,
        y_min: 0.0,
        y_max: nice_ceiling(top),
        series: vec![Series {
            label: def.label.clone(),
            points: pts,
            max_gap_days: None,
        }],
        reference,
        medication_bands: medication_bands(records, from, to),
    }
}

/// MMT-8 totals per visit (complete examinations only), on the potential maximum's scale.
pub fn mmt8_chart(
    catalog: &Catalog,
    records: &PatientRecords,
    from: Date,
    to: Date,
) -> Result<Chart, Invalid> {
    let mut pts = Vec::new();
    let mut max = 80;
    for (i, v) in records.visits.iter().enumerate() {
        if v.date < from || v.date > to {
            continue;
        }
        let s = visit_scores(catalog, v).map_err(|e| e.within(&format!("visits[{i}]")))?;
        if let Some(t) = s.mmt8_total {
            pts.push((v.date, t as f64));
            max = max.max(s.mmt8_max.unwrap_or(80));
        }
    }
    Ok(Chart {
        id: "mmt8".into(),
        title: "MMT-8 total (higher is stronger)".into(),
        unit: format!("points (0–{max})"),
        from,
        to,
        window: Window::Fit,
        y_min: 0.0,
        y_max: max as f64,
        series: vec![Series {
            label: "MMT-8".into(),
            points: pts,
            max_gap_days: None,
        }],
        reference: None,
        medication_bands: medication_bands(records, from, to),
    })
}

/// One home test over time; weekly-ish tests join when at most 14 days apart.
pub fn home_test_chart(records: &PatientRecords, test: HomeTest, from: Date, to: Date) -> Chart {
    let pts: Vec<(Date, f64)> = records
        .home_tests
        .iter()
        .filter(|t| t.date >= from && t.date <= to)
        .filter_map(|t| t.value(test).map(|v| (t.date, v)))
        .collect();
    let top = pts.iter().map(|p| p.1).fold(0.0, f64::max);
    Chart {
        id: match test {
            HomeTest::SitToStand30s => "home-sit-to-stand",
            HomeTest::TimedUpAndGo => "home-up-and-go",
            HomeTest::ArmRaise => "home-arm-raise",
        }
        .into(),
        title: format!("Home test: {}", test.label()),
        unit: match test {
            HomeTest::SitToStand30s => "stands".into(),
            _ => "seconds".into(),
        },
        from,
        to,
        window: Window::Fit,
        y_min: 0.0,
        y_max: nice_ceiling(top),
        series: vec![Series {
            label: test.label().into(),
            points: pts,
            max_gap_days: Some(14),
        }],
        reference: None,
        medication_bands: medication_bands(records, from, to),
    }
}

fn nice_ceiling(v: f64) -> f64 {
    if v <= 0.0 {
        return 10.0;
    }
    let mag = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|c| *c >= v)
        .unwrap_or(10.0 * mag)
}

/// The dashboard model.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    /// Today.
    pub today: Date,
    /// Diary days recorded in the last 30 days (of 30).
    pub diary_days_last_30: usize,
    /// Latest diary entry.
    pub last_diary_entry: Option<Date>,
    /// Medicines being taken today.
    pub active_medicines: usize,
    /// Flare signals in the last 30 days.
    pub recent_flares: Vec<Flare>,
    /// Monitoring items (overdue first).
    pub monitoring: Vec<DueItem>,
    /// Overdue monitoring items.
    pub overdue: usize,
    /// Charts: diary (90 days), CK (2 years), MMT-8 (all visits, 5 years), sit-to-stand (1 year),
    /// to draw with [`crate::charts::render`] (English) or [`crate::charts::render_in`] (the caller's words).
    pub charts: [Chart; 4],
}

/// The diary ratings the dashboard's diary chart draws, in order.
pub const DASHBOARD_RATINGS: [Rating; 3] = [Rating::Weakness, Rating::Fatigue, Rating::Pain];
/// The home test the dashboard charts.
pub const DASHBOARD_HOME_TEST: HomeTest = HomeTest::SitToStand30s;

/// Builds the dashboard. `risk_factors(generic_name)` says whether the person has risk factors
/// recorded for that medicine's monitoring.
pub fn dashboard(
    rules: &Rules,
    catalog: &Catalog,
    records: &PatientRecords,
    today: Date,
    risk_factors: &dyn Fn(&str) -> bool,
) -> Result<Dashboard, Invalid> {
    let d30 = today.add_days(-29);
    let recent_diary: Vec<_> = records
        .diary
        .iter()
        .filter(|e| e.date() >= d30.add_days(-rules.flare.lookback_days) && e.date() <= today)
        .cloned()
        .collect();
    let mut days: Vec<Date> = recent_diary
        .iter()
        .map(|e| e.date())
        .filter(|d| *d >= d30)
        .collect();
    days.sort();
    days.dedup();
    let active: Vec<_> = records
        .medicines
        .iter()
        .filter(|m| m.input().start <= today && m.input().end.is_none_or(|e| e >= today))
        .collect();
    let monitored: Vec<MonitoredMedicine<'_>> = active
        .iter()
        .filter_map(|m| {
            m.generic_key().map(|g| MonitoredMedicine {
                generic_name: g,
                start: m.input().start,
                stopped: m.input().end,
                risk_factors: risk_factors(g),
            })
        })
        .collect();
    let monitoring = due_items(rules, &monitored, today, &|t| records.last_result(t, today));
    let charts = [
        diary_chart(records, &DASHBOARD_RATINGS, today.add_days(-89), today),
        lab_chart(rules, records, Analyte::Ck, today.add_days(-730), today),
        mmt8_chart(catalog, records, today.add_days(-1825), today)?,
        home_test_chart(records, DASHBOARD_HOME_TEST, today.add_days(-365), today),
    ];
    Ok(Dashboard {
        today,
        diary_days_last_30: days.len(),
        last_diary_entry: records
            .diary
            .iter()
            .map(|e| e.date())
            .filter(|d| *d <= today)
            .max(),
        active_medicines: active.len(),
        recent_flares: flares(rules, &recent_diary, &records.labs, d30, today),
        overdue: monitoring
            .iter()
            .filter(|i| i.state == DueState::Overdue)
            .count(),
        monitoring,
        charts,
    })
}
