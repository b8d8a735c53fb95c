//! The labs page: results with their reference ranges, flags, converted units and a CK chart.

use askama::Template;
use axum::response::Response;
use myo_api::tracker::LabResultDto;
use myo_store::{Record, RecordKind, Timestamp};
use myo_tracker::dashboard::lab_chart;
use myo_tracker::labs::{Analyte, Unit};
use myo_tracker::{Date, Invalid};

use super::super::convert;
use super::super::delete::link;
use super::{
    Ctx, FormData, FormError, Frame, Outcome, RecordPage, Table, layout, load, respond, today_for,
};
use crate::AppState;
use crate::i18n::words;
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
        let tr = state.tr(u.locale.lang);
        let head = [
            tr.t("column-date"),
            tr.t("summary-col-test"),
            tr.t("dash-latest-value"),
            tr.t("labs-col-reference"),
            tr.t("labs-col-flag"),
            tr.t("labs-col-converted"),
            "LOINC".to_owned(),
        ];
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        let mut list = Table::new(
            "lab-list",
            &tr.t("labs-list-caption"),
            &head,
            &tr.t("labs-list-empty"),
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
                    format!("{}–{}", words::num(&tr, low), words::num(&tr, high))
                }
                myo_tracker::labs::RefRange::Uln(u) => format!("≤ {}", words::num(&tr, u)),
                myo_tracker::labs::RefRange::NotGiven => tr.t("clin-not-given"),
            };
            let converted = other_unit(l.unit)
                .and_then(|to| l.in_unit(rules, to).ok())
                .map_or_else(String::new, |c| {
                    format!("{} {}", words::num(&tr, c.value), c.unit.display())
                });
            let flag = tr.t(match l.flag() {
                myo_tracker::labs::RangeFlag::Low => "labs-flag-low",
                myo_tracker::labs::RangeFlag::Normal => "labs-flag-normal",
                myo_tracker::labs::RangeFlag::High => "labs-flag-high",
                myo_tracker::labs::RangeFlag::Unknown => "labs-flag-none",
            });
            let delete = a.is_owner().then(|| {
                link(
                    a.patient_id(),
                    RecordKind::Lab,
                    id,
                    tr.t2(
                        "labs-delete-label",
                        "test",
                        l.analyte.id().to_uppercase(),
                        "date",
                        words::date(&tr, &l.date.to_string()),
                    ),
                )
            });
            list.push_with_link(
                vec![
                    words::date(&tr, &l.date.to_string()),
                    l.analyte.id().to_uppercase(),
                    format!("{} {}", words::num(&tr, l.value), l.unit.display()),
                    range,
                    flag,
                    converted,
                    l.loinc
                        .as_ref()
                        .map_or_else(String::new, |c| c.code.clone()),
                ],
                delete,
            );
        }
        let chart = super::super::charts::render(
            &tr,
            &super::super::charts::lab(
                &tr,
                lab_chart(rules, &records, Analyte::Ck, today.add_days(-730), today),
                "CK",
            ),
        );
        list.mark(&super::super::edit::edited(state, a).await?);
        let refused = out.error.is_some();
        Ok(respond(
            &LabsPage {
                l: layout(state, u, &tr.t("tab-labs")),
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
        let value = f.number("value")?.ok_or_else(|| {
            Invalid::new("value", "missing", "a number").worded("invalid-missing", Vec::new())
        })?;
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
