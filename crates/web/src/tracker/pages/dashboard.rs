//! The dashboard (`/patients/{id}`): latest values, monitoring due, flare signals, open red
//! flags and charts.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use myo_tracker::dashboard::{DASHBOARD_HOME_TEST, DASHBOARD_RATINGS};
use myo_tracker::labs::Analyte;
use myo_tracker::records::Rating;
use myo_tracker::summary::PatientRecords;

use super::super::access::resolve;
use super::super::{charts, flare_words};
use super::{Frame, Table, layout, load, today_for};
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::i18n::{Tr, words};
use crate::pages::{Layout, PageError, render};

pub use super::super::due_words::DueLine;

#[derive(Template)]
#[template(path = "tracker_dashboard.html")]
struct DashboardPage {
    l: Layout,
    f: Frame,
    today: String,
    /// No time zone of the person's own yet: "today" is UTC's, and the page says so.
    tz_unconfirmed: bool,
    diary_days_last_30: usize,
    last_diary_entry: Option<String>,
    active_medicines: usize,
    overdue: usize,
    latest: Table,
    monitoring: Vec<DueLine>,
    flares: Vec<(String, String)>,
    charts: Vec<String>,
    flags: Vec<super::super::red_flags::FlagLine>,
    flags_owner: bool,
    flags_pid: String,
    flags_csrf: String,
}

fn latest_table(records: &PatientRecords, tr: &Tr) -> Table {
    let mut t = Table::new(
        "latest-values",
        &tr.t("dash-latest"),
        &[
            tr.t("dash-latest-measure").as_str(),
            tr.t("dash-latest-value").as_str(),
            tr.t("column-date").as_str(),
        ],
        &tr.t("dash-latest-empty"),
    );
    if let Some(e) = records.diary.iter().max_by_key(|e| e.date()) {
        for r in Rating::ALL {
            let v = e.rating(r).map_or_else(
                || tr.t("dash-not-recorded"),
                |v| format!("{}/10", words::num(tr, v)),
            );
            t.rows.push(vec![
                words::rating(tr, r),
                v,
                words::date(tr, &e.date().to_string()),
            ]);
        }
    }
    for analyte in Analyte::ALL {
        if let Some(l) = records
            .labs
            .iter()
            .filter(|l| l.analyte == analyte)
            .max_by_key(|l| l.date)
        {
            t.rows.push(vec![
                analyte.id().to_uppercase(),
                format!("{} {}", words::num(tr, l.value), l.unit.display()),
                words::date(tr, &l.date.to_string()),
            ]);
        }
    }
    t
}

/// `GET /patients/{id}`
pub async fn dashboard(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, false).await?;
    let today = today_for(&state, &a).await?;
    let (data, records) =
        load(&state, &a, &client, "dashboard", Some(today.add_days(-730))).await?;
    let d = crate::tracker::dashboard_of(&state, &data, &records, today)
        .map_err(|e| PageError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let tr = state.tr(u.locale.lang);
    let monitoring = d
        .monitoring
        .iter()
        .map(|i| super::super::due_words::line_in(state.kb(), &tr, i))
        .collect();
    let profile = state.store().get_profile(&a.patient.id).await?;
    let tz_unconfirmed = !super::super::safety::zone_confirmed(profile.as_ref());
    let mut flags = super::super::red_flags::open(&state, &a.patient.id).await?;
    super::super::red_flags::in_language(&mut flags, state.kb(), tr.lang);
    let l = layout(&state, &u, &tr.t("title-dashboard"));
    let page = DashboardPage {
        flags,
        flags_owner: a.is_owner(),
        flags_pid: a.patient_id().to_owned(),
        flags_csrf: l.csrf.clone(),
        l,
        f: Frame::new(&a, "dashboard"),
        today: today.to_string(),
        tz_unconfirmed,
        diary_days_last_30: d.diary_days_last_30,
        last_diary_entry: d.last_diary_entry.map(|d| d.to_string()),
        active_medicines: d.active_medicines,
        overdue: d.overdue,
        latest: latest_table(&records, &tr),
        monitoring,
        flares: d
            .recent_flares
            .iter()
            .map(|f| {
                let text = flare_words::explanation(&tr, &state.rules().flare, f);
                (f.date().to_string(), text)
            })
            .collect(),
        charts: {
            let [diary, ck, mmt8, home] = d.charts;
            let ck_name = Analyte::Ck.id().to_uppercase();
            [
                charts::diary(&tr, diary, &DASHBOARD_RATINGS),
                charts::lab(&tr, ck, &ck_name),
                charts::mmt8(&tr, mmt8),
                charts::home_test(&tr, home, DASHBOARD_HOME_TEST),
            ]
            .iter()
            .map(|c| charts::render(&tr, c))
            .collect()
        },
    };
    Ok(render(&page))
}
