//! One study's plain-language card (`GET /trials/{nct}`) and the pre-screen against the
//! person's own tracker data (`POST /trials/{nct}/prescreen`, only with the consent box ticked;
//! the read is audited like any read of health data).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use myo_store::audit::action;
use myo_store::{DateRange, PatientData};
use myo_trials::card::{Card, card, grade_note};
use myo_trials::prescreen::{Person, Prescreen, Verdict, prescreen as run_prescreen};
use myo_trials::{Sex, v2};
use serde::Deserialize;

use crate::AppState;
use crate::auth::{Client, MaybeUser, SignedIn, record_access};
use crate::pages::{Layout, PageError, render};

#[derive(Template)]
#[template(path = "trials_detail.html")]
struct DetailPage {
    l: Layout,
    c: Card,
    grade_note: Option<String>,
    signed_in: bool,
    result: Option<Prescreen>,
    consent_error: bool,
}

impl DetailPage {
    fn verdict_class(&self) -> &'static str {
        match self.result.as_ref().map(|r| r.verdict) {
            Some(Verdict::MayFit) => "ok",
            Some(Verdict::DoesNotFit) => "error-summary",
            _ => "stale",
        }
    }

    fn only_the_team(&self) -> &'static str {
        myo_trials::prescreen::ONLY_THE_TEAM
    }
}

async fn study(state: &AppState, nct: &str) -> Result<myo_trials::Trial, PageError> {
    let missing = || {
        PageError(
            StatusCode::NOT_FOUND,
            "Myo has no study with this number. It may have left the registry's list; try the finder.".into(),
        )
    };
    let row = state.store().get_trial(nct).await?.ok_or_else(missing)?;
    v2::parse_study(&row.study).map_err(|_| missing())
}

fn view(
    state: &AppState,
    user: Option<&crate::auth::CurrentUser>,
    loc: &crate::i18n::Locale,
    t: &myo_trials::Trial,
) -> DetailPage {
    let c = card(t);
    DetailPage {
        l: Layout::new(state, user, loc, c.title.clone(), "trials"),
        grade_note: c.grade.map(grade_note),
        c,
        signed_in: user.is_some(),
        result: None,
        consent_error: false,
    }
}

/// `GET /trials/{nct}`.
pub async fn page(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    loc: crate::i18n::Locale,
    Path(nct): Path<String>,
) -> Result<Response, PageError> {
    let t = study(&state, &nct).await?;
    Ok(render(&view(&state, user.as_ref(), &loc, &t)))
}

/// The pre-screen form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ConsentForm {
    /// `yes` when the person agreed to their tracker data being read for this.
    #[serde(default)]
    pub consent: String,
}

fn age_on(birth: &str, today: myo_kb::Date) -> Option<u32> {
    let b: myo_kb::Date = birth.parse().ok()?;
    let (by, bm, bd) = (
        i64::from(b.year()),
        i64::from(b.month()),
        i64::from(b.day()),
    );
    let (ty, tm, td) = (
        i64::from(today.year()),
        i64::from(today.month()),
        i64::from(today.day()),
    );
    let mut age = ty - by;
    if (tm, td) < (bm, bd) {
        age -= 1;
    }
    u32::try_from(age).ok()
}

/// What the tracker knows, for the pre-screen (current medicines only; nothing guessed).
fn person(d: &PatientData) -> Person {
    let today = crate::today();
    let profile = d.profile.as_ref();
    Person {
        age_years: profile
            .and_then(|p| p.birth_date.as_deref())
            .and_then(|b| age_on(b, today)),
        sex: match profile.and_then(|p| p.sex.as_deref()) {
            Some("female") => Some(Sex::Female),
            Some("male") => Some(Sex::Male),
            _ => None,
        },
        conditions: d
            .conditions
            .iter()
            .filter(|c| c.resolved.is_none())
            .map(|c| c.condition.clone())
            .collect(),
        antibodies: d
            .antibodies
            .iter()
            .filter(|a| a.outcome.eq_ignore_ascii_case("positive"))
            .map(|a| a.antibody.clone())
            .collect(),
        medicines: d
            .medicines
            .iter()
            .filter(|m| m.end_date.is_none())
            .flat_map(|m| std::iter::once(m.name.clone()).chain(m.generic_name.clone()))
            .collect(),
    }
}

/// `POST /trials/{nct}/prescreen`: with consent, reads the person's own tracker (audited) and
/// shows may fit / does not fit / cannot tell with reasons. Nothing is stored.
pub async fn prescreen(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    Path(nct): Path<String>,
    Form(f): Form<ConsentForm>,
) -> Result<Response, PageError> {
    let t = study(&state, &nct).await?;
    let mut page = view(&state, Some(&me), &me.locale, &t);
    if f.consent != "yes" {
        page.consent_error = true;
        let mut res = render(&page);
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let patient = me.user.id.clone();
    record_access(
        &state,
        &me.user,
        &client,
        (action::READ, "trial_prescreen", Some(&t.nct_id)),
        patient.as_str(),
    )
    .await?;
    let data = state
        .store()
        .load_patient(&patient, &DateRange::default())
        .await?;
    page.result = Some(run_prescreen(&t, &person(&data)));
    Ok(render(&page))
}
