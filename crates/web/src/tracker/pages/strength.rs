//! The strength and function page: home tests (entered here) and instrument assessments (MMT-8,
//! HAQ-DI, CMAS), with their charts.

use askama::Template;
use axum::response::Response;
use myo_store::{HomeTestRow, Record, RecordId, RecordKind, Timestamp};
use myo_tracker::dashboard::home_test_chart;
use myo_tracker::records::{HomeTest, HomeTests};
use myo_tracker::{Date, Invalid};

use super::super::assessments;
use super::super::delete::link;
use super::super::{charts, convert};
use super::{
    Ctx, FormData, FormError, Frame, Outcome, RecordPage, Table, layout, load, respond, today_for,
};
use crate::AppState;
use crate::i18n::words;
use crate::pages::{Layout, PageError};

/// The strength and function page (`/patients/{id}/strength`); its form takes home tests.
pub struct Strength;

impl RecordPage for Strength {
    async fn render(cx: &Ctx<'_>, out: Outcome) -> Result<Response, PageError> {
        strength_page(cx, out).await
    }

    fn parse(_: &AppState, f: &FormData, _today: Date) -> Result<Record, Invalid> {
        let t = home_tests_form(f)?;
        Ok(Record::HomeTest(HomeTestRow {
            id: RecordId::random(),
            date: t.date.to_string(),
            sit_to_stand_30s: t.sit_to_stand_30s.map(f64::from),
            timed_up_and_go_s: t.timed_up_and_go_s,
            arm_raise_s: t.arm_raise_s,
            updated_at: Timestamp::now(),
        }))
    }
}

#[derive(Template)]
#[template(path = "tracker_strength.html")]
struct StrengthPage {
    l: Layout,
    f: Frame,
    date: String,
    error: Option<FormError>,
    saved: bool,
    list: Table,
    charts: Vec<String>,
    instruments: &'static [(&'static str, &'static str)],
    assessments: Vec<assessments::AssessmentLine>,
}

/// Renders the strength page: `outcome` is a form error or "saved", `form` keeps a rejected
/// assessment's typed values, `notice` comes from `?done=`.
pub async fn strength_page(cx: &Ctx<'_>, out: Outcome) -> Result<Response, PageError> {
    let Ctx {
        state,
        u,
        a,
        client,
    } = *cx;
    let today = today_for(state, a).await?;
    let (data, records) = load(state, a, client, "home_tests", Some(today.add_days(-365))).await?;
    let tr = state.tr(u.locale.lang);
    let mut assessments = assessments::lines(state, &data.assessments);
    if a.is_owner() {
        for x in &mut assessments {
            let instrument = x.instrument.split('@').next().unwrap_or("").to_owned();
            x.delete = Some(link(
                a.patient_id(),
                RecordKind::Assessment,
                &RecordId(x.id.clone()),
                tr.t2(
                    "strength-delete-assessment",
                    "instrument",
                    instrument,
                    "date",
                    words::date(&tr, &x.date),
                ),
            ));
        }
    }
    let head = [
        tr.t("column-date"),
        tr.t("strength-col-sit-to-stand"),
        tr.t("strength-col-up-and-go"),
        tr.t("strength-col-arm-raise"),
    ];
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut list = Table::new(
        "home-test-list",
        &tr.t("strength-list-caption"),
        &head,
        &tr.t("strength-list-empty"),
    );
    let mut tests: Vec<(&RecordId, HomeTests)> = data
        .home_tests
        .iter()
        .filter_map(|r| {
            convert::skip("home_test", &r.id, convert::home_tests(r)).map(|t| (&r.id, t))
        })
        .collect();
    tests.sort_by_key(|(_, t)| std::cmp::Reverse(t.date));
    for (id, t) in tests {
        let cell = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| words::num(&tr, v));
        list.push_with_link(
            vec![
                words::date(&tr, &t.date.to_string()),
                cell(t.value(HomeTest::SitToStand30s)),
                cell(t.value(HomeTest::TimedUpAndGo)),
                cell(t.value(HomeTest::ArmRaise)),
            ],
            a.is_owner().then(|| {
                link(
                    a.patient_id(),
                    RecordKind::HomeTest,
                    id,
                    tr.t1(
                        "strength-delete-home-tests",
                        "date",
                        words::date(&tr, &t.date.to_string()),
                    ),
                )
            }),
        );
    }
    let mut charts: Vec<String> = HomeTest::ALL
        .iter()
        .map(|t| {
            let chart = home_test_chart(&records, *t, today.add_days(-365), today);
            charts::render(&tr, &charts::home_test(&tr, chart, *t))
        })
        .collect();
    if let Ok(c) = myo_tracker::dashboard::mmt8_chart(
        state.scorer().catalog(),
        &records,
        today.add_days(-365),
        today,
    ) {
        charts.push(charts::render(&tr, &charts::mmt8(&tr, c)));
    }
    let edited = super::super::edit::edited(state, a).await?;
    list.mark(&edited);
    for x in &mut assessments {
        if let Some(d) = x.delete.as_mut() {
            d.mark(&edited);
        }
    }
    let refused = out.error.is_some();
    Ok(respond(
        &StrengthPage {
            l: layout(state, u, &tr.t("section-strength")),
            f: Frame::new(a, "strength").with_notice(out.notice),
            date: today.to_string(),
            error: out.error,
            saved: out.saved,
            list,
            charts,
            instruments: if assessments::is_child(data.profile.as_ref(), today) {
                &super::super::guided::GUIDED_CHILD
            } else {
                &super::super::guided::GUIDED
            },
            assessments,
        },
        refused,
    ))
}

fn home_tests_form(f: &FormData) -> Result<HomeTests, Invalid> {
    let sts = match f.get("sit_to_stand_30s") {
        "" => None,
        v => Some(v.parse::<u32>().map_err(|_| {
            Invalid::new(
                "sit_to_stand_30s",
                format!("'{v}'"),
                "a whole count, 0 to 60",
            )
            .with(myo_tracker::Worded::new("invalid-whole-stands").text("text", v))
        })?),
    };
    HomeTests::new(
        Date::parse("date", f.get("date"))?,
        sts,
        f.number("timed_up_and_go_s")?,
        f.number("arm_raise_s")?,
    )
}
