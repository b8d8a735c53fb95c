//! The labs page: results with their reference ranges, flags, converted units and a CK chart.

use askama::Template;
use axum::response::Response;
use myo_api::tracker::LabResultDto;
use myo_store::{Record, RecordKind, Timestamp};
use myo_tracker::charts::render as svg;
use myo_tracker::dashboard::lab_chart;
use myo_tracker::labs::{Analyte, Unit};
use myo_tracker::{Date, Invalid};

use super::super::convert;
use super::super::delete::link;
use super::{
    Ctx, FormData, FormError, Frame, Outcome, RecordPage, Table, fmt_num, layout, load, respond,
    today_for,
};
use crate::AppState;
use crate::pages::{Layout, PageError};

/// The labs page (`/patients/{id}/labs`).
pub struct Labs;

#[derive(Template)]
#[template(path = "tracker_labs.html")]
struct LabsPage {
    l: Layout,
    f: Frame,
    date: String,
    analytes: Vec<&'static str>,
    units: Vec<(&'static str, &'static str)>,
    error: Option<FormError>,
    saved: bool,
    list: Table,
    chart: String,
}

fn other_unit(u: Unit) -> Option<Unit> {
    match u {
        Unit::UPerL => Some(Unit::UkatPerL),
        Unit::UkatPerL => Some(Unit::UPerL),
        Unit::MgPerL => Some(Unit::MgPerDl),
        Unit::MgPerDl => Some(Unit::MgPerL),
        Unit::GPerL => Some(Unit::GPerDl),
        Unit::GPerDl => Some(Unit::GPerL),
        _ => None,
    }
}

/// Every lab unit as (UCUM code, how it is shown), for the lab forms.
pub fn lab_units() -> Vec<(&'static str, &'static str)> {
    ALL_UNITS.iter().map(|u| (u.ucum(), u.display())).collect()
}

const ALL_UNITS: [Unit; 10] = [
    Unit::UPerL,
    Unit::UkatPerL,
    Unit::MgPerL,
    Unit::MgPerDl,
    Unit::UmolPerL,
    Unit::MmolPerL,
    Unit::MmPerH,
    Unit::GigaPerL,
    Unit::GPerL,
    Unit::GPerDl,
];

impl RecordPage for Labs {
    async fn render(cx: &Ctx<'_>, out: Outcome) -> Result<Response, PageError> {
        let Ctx {
            state,
            u,
            a,
            client,
        } = *cx;
        let today = today_for(state, a).await?;
        let (data, records) = load(state, a, client, "lab_results", None).await?;
        let rules = state.rules();
        let mut list = Table::new(
            "lab-list",
            "Lab results, newest first",
            &[
                "Date",
                "Test",
                "Value",
                "Reference",
                "Flag",
                "Converted",
                "LOINC",
            ],
            "No lab results yet.",
        );
        let mut labs: Vec<_> = data
            .labs
            .iter()
            .filter_map(|r| {
                convert::skip("lab", &r.id, convert::lab_result(rules, r)).map(|l| (&r.id, l))
            })
            .collect();
        labs.sort_by_key(|(_, l)| std::cmp::Reverse(l.date));
        for (id, l) in labs.into_iter().take(200) {
            let range = match l.range {
                myo_tracker::labs::RefRange::Interval { low, high } => {
                    format!("{}–{}", fmt_num(low), fmt_num(high))
                }
                myo_tracker::labs::RefRange::Uln(u) => format!("≤ {}", fmt_num(u)),
                myo_tracker::labs::RefRange::NotGiven => "not given".to_owned(),
            };
            let converted = other_unit(l.unit)
                .and_then(|to| l.in_unit(rules, to).ok())
                .map_or_else(String::new, |c| {
                    format!("{} {}", fmt_num(c.value), c.unit.display())
                });
            let flag = match l.flag() {
                myo_tracker::labs::RangeFlag::Low => "low",
                myo_tracker::labs::RangeFlag::Normal => "in range",
                myo_tracker::labs::RangeFlag::High => "high",
                myo_tracker::labs::RangeFlag::Unknown => "no range",
            };
            let delete = a.is_owner().then(|| {
                link(
                    a.patient_id(),
                    RecordKind::Lab,
                    id,
                    format!("lab {} {}", l.analyte.id().to_uppercase(), l.date),
                )
            });
            list.push_with_link(
                vec![
                    l.date.to_string(),
                    l.analyte.id().to_uppercase(),
                    format!("{} {}", fmt_num(l.value), l.unit.display()),
                    range,
                    flag.to_owned(),
                    converted,
                    l.loinc
                        .as_ref()
                        .map_or_else(String::new, |c| c.code.clone()),
                ],
                delete,
            );
        }
        let chart = svg(&lab_chart(
            rules,
            &records,
            Analyte::Ck,
            today.add_days(-730),
            today,
        ));
        list.mark(&super::super::edit::edited(state, a).await?);
        let refused = out.error.is_some();
        Ok(respond(
            &LabsPage {
                l: layout(state, u, "Labs"),
                f: Frame::new(a, "labs").with_notice(out.notice),
                date: today.to_string(),
                analytes: Analyte::ALL.iter().map(|a| a.id()).collect(),
                units: lab_units(),
                error: out.error,
                saved: out.saved,
                list,
                chart,
            },
            refused,
        ))
    }

    fn parse(state: &AppState, f: &FormData, today: Date) -> Result<Record, Invalid> {
        let rules = state.rules();
        let value = f
            .number("value")?
            .ok_or_else(|| Invalid::new("value", "missing", "a number"))?;
        let lab = LabResultDto {
            analyte: f.get("analyte").to_owned(),
            value,
            unit: f.get("unit").to_owned(),
            low: f.number("low")?,
            high: f.number("high")?,
            uln: f.number("uln")?,
            date: f.get("date").to_owned(),
            loinc: None,
        }
        .to_domain(rules)?;
        super::super::safety::check_lab(rules, &lab, today)?;
        Ok(Record::Lab(convert::lab_row(&lab, Timestamp::now())))
    }
}
