//! `/tracker`: a patient's own dashboard, or, for a clinician, the workspace listing the
//! patients who gave them access. Each row shows who the person is (name, e-mail, date of birth
//! and the clinician's own identifier, so two people called Pat cannot be confused) and what
//! needs attention: open red flags, flare signals of the last 30 days, overdue monitoring tests
//! and the date of the last entry. The list sorts and filters with plain links and a GET form
//! (no script needed). Reading each patient's records for the list is audited per patient.
//!
//! `POST /patients/{id}/identifier` sets the clinician's own identifier for one patient (for
//! example a hospital number): stored on that clinician's grant, seen only by them, audited.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::audit::action;
use myo_store::{DateRange, Role, StoreError, User, UserId};
use myo_tracker::monitoring::DueState;

use super::super::access::{Access, Viewer, granted, resolve};
use super::super::convert;
use super::super::safety::person_today;
use super::FormData;
use super::layout;
use crate::AppState;
use crate::auth::{Client, CurrentUser, SignedIn};
use crate::pages::{Layout, PageError, render};

/// One patient in the clinician's list.
pub struct PatientRow {
    /// Patient id.
    pub id: String,
    /// Name (or e-mail when no name was given).
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Date of birth, or "not given".
    pub birth_date: String,
    /// The clinician's own identifier for this patient (empty when none).
    pub identifier: String,
    /// The grant is a clinician's (so the identifier can be set).
    pub clinician: bool,
    /// The clinician may record visits.
    pub can_write: bool,
    /// Open red flags (`date: title`).
    pub flags: Vec<String>,
    /// Flare signals of the last 30 days (`date: explanation`).
    pub flares: Vec<String>,
    /// Overdue monitoring tests (`test for medicine, due date`).
    pub overdue: Vec<String>,
    /// The most recent day anything was recorded, if any.
    pub last_entry: Option<String>,
}

impl PatientRow {
    /// Open red flags and flare signals together.
    pub fn signals(&self) -> usize {
        self.flags.len() + self.flares.len()
    }

    fn matches(&self, q: &str) -> bool {
        let q = q.trim().to_lowercase();
        q.is_empty()
            || [&self.name, &self.email, &self.identifier]
                .iter()
                .any(|s| s.to_lowercase().contains(&q))
    }
}

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    /// Most open flags and flare signals first, then most overdue tests (the default).
    Flags,
    /// Most recent entry first; nothing recorded last.
    Last,
    /// By name, A to Z.
    Name,
}

impl Sort {
    fn parse(s: &str) -> Sort {
        match s {
            "last" => Sort::Last,
            "name" => Sort::Name,
            _ => Sort::Flags,
        }
    }

    fn id(self) -> &'static str {
        match self {
            Sort::Flags => "flags",
            Sort::Last => "last",
            Sort::Name => "name",
        }
    }
}

fn sort_rows(rows: &mut [PatientRow], sort: Sort) {
    let by_name = |a: &PatientRow, b: &PatientRow| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.identifier.cmp(&b.identifier))
            .then_with(|| a.id.cmp(&b.id))
    };
    match sort {
        Sort::Name => rows.sort_by(by_name),
        // ISO dates sort as text; `None` (nothing recorded) sorts last.
        Sort::Last => {
            rows.sort_by(|a, b| b.last_entry.cmp(&a.last_entry).then_with(|| by_name(a, b)))
        }
        Sort::Flags => rows.sort_by(|a, b| {
            b.flags
                .len()
                .cmp(&a.flags.len())
                .then_with(|| b.flares.len().cmp(&a.flares.len()))
                .then_with(|| b.overdue.len().cmp(&a.overdue.len()))
                .then_with(|| by_name(a, b))
        }),
    }
}

#[derive(Template)]
#[template(path = "tracker_patients.html")]
struct PatientsPage {
    l: Layout,
    own: String,
    rows: Vec<PatientRow>,
    total: usize,
    sort: &'static str,
    only: &'static str,
    q: String,
    notice: Option<&'static str>,
    error: Option<(String, String)>,
    max_identifier: usize,
}

impl PatientsPage {
    /// The list's address with one parameter changed (plain links for sorting).
    fn link(&self, sort: &str, only: &str) -> String {
        let mut pairs = vec![("sort", sort), ("only", only)];
        if !self.q.is_empty() {
            pairs.push(("q", self.q.as_str()));
        }
        let query: Vec<String> = pairs
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::security::url::encode(v)))
            .collect();
        format!("/tracker?{}", query.join("&"))
    }
}

fn display_name(p: &User) -> String {
    if p.display_name.is_empty() {
        p.email.clone()
    } else {
        p.display_name.clone()
    }
}

/// The row for one patient the clinician may see, from records already read (and audited).
fn row(
    state: &AppState,
    tr: &crate::i18n::Tr,
    a: &Access,
    data: &myo_store::PatientData,
    flags: &[myo_store::RedFlagRow],
    today: myo_tracker::Date,
) -> Result<PatientRow, PageError> {
    let records = convert::records(state.rules(), state.scorer().catalog(), data);
    let d = crate::tracker::dashboard_of(state, data, &records, today)
        .map_err(|e| PageError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let flags = flags
        .iter()
        .map(|f| format!("{}: {}", f.date, f.title))
        .collect();
    let today_text = today.to_string();
    let last_entry = data
        .diary
        .iter()
        .map(|r| &r.date)
        .chain(data.home_tests.iter().map(|r| &r.date))
        .chain(data.assessments.iter().map(|r| &r.date))
        .chain(data.labs.iter().map(|r| &r.date))
        .chain(data.dose_events.iter().map(|r| &r.date))
        .chain(data.visits.iter().map(|r| &r.date))
        .chain(data.monitoring_tests.iter().map(|r| &r.date))
        .filter(|d| **d <= today_text)
        .max()
        .cloned();
    Ok(PatientRow {
        id: a.patient_id().to_owned(),
        name: display_name(&a.patient),
        email: a.patient.email.clone(),
        birth_date: data
            .profile
            .as_ref()
            .and_then(|p| p.birth_date.clone())
            .map_or_else(
                || tr.t("clin-not-given"),
                |d| crate::i18n::words::date(tr, &d),
            ),
        identifier: a.clinician_ref.clone().unwrap_or_default(),
        clinician: matches!(a.viewer, Viewer::Clinician { .. }),
        can_write: a.viewer.may_write(),
        flags,
        flares: d
            .recent_flares
            .iter()
            .map(|f| {
                format!(
                    "{}: {}",
                    crate::i18n::words::date(tr, &f.date().to_string()),
                    super::super::flare_words::explanation(tr, &state.rules().flare, f)
                )
            })
            .collect(),
        overdue: d
            .monitoring
            .iter()
            .filter(|i| i.state == DueState::Overdue)
            .map(|i| overdue_line(tr, i))
            .collect(),
        last_entry,
    })
}

/// An overdue monitoring test on the list: `Full blood count for Methotrexate, due 2026-03-01`
/// (English keeps the tracker's words).
fn overdue_line(tr: &crate::i18n::Tr, i: &myo_tracker::monitoring::DueItem) -> String {
    use crate::i18n::words;
    let english = format!("{} for {}, due {}", i.test.label(), i.medicine, i.due);
    words::phrase(
        tr,
        &myo_tracker::Phrase::new(
            english,
            myo_tracker::Worded::new("patients-overdue-line")
                .part(
                    "test",
                    myo_tracker::Worded::new(format!("monitor-test-{}", i.test.id())),
                )
                .text("medicine", i.medicine.clone())
                .date("due", i.due),
        ),
    )
}

/// How far back the list reads, in each person's own days.
const LIST_DAYS: i32 = 730;

/// The rows of every patient who gave the clinician access, in a fixed number of store calls
/// whatever their number: the grants, the accounts, one audit append for every read, the
/// records and the open red flags, each one batched query.
async fn rows(
    state: &AppState,
    u: &CurrentUser,
    client: &Client,
) -> Result<Vec<PatientRow>, PageError> {
    let store = state.store();
    let grants = store.list_clinician_patients(&u.user.id).await?;
    let ids: Vec<UserId> = grants.iter().map(|g| g.patient_id.clone()).collect();
    let mut users = store.get_users(&ids).await?;
    // A disabled account's records are not shown (access resolves to "not found").
    let access: Vec<Access> = grants
        .iter()
        .filter_map(|g| {
            let i = users.iter().position(|p| p.id == g.patient_id)?;
            granted(&u.user, users.swap_remove(i), g)
        })
        .collect();
    let ids: Vec<UserId> = access.iter().map(|a| a.patient.id.clone()).collect();
    // Reads are audited before they are made, one entry per person (a read that cannot be
    // audited is not served).
    let entries: Vec<_> = access
        .iter()
        .map(|a| a.entry(client, action::READ, "patient_list", None))
        .collect();
    store.append_audits(&entries).await?;
    // Far enough back for every time zone's "two years ago"; each person's own today cuts it.
    let utc_today = crate::tracker::today().ok_or_else(super::clock_error)?;
    let range = DateRange {
        from: Some(utc_today.add_days(-LIST_DAYS - 1).to_string()),
        to: None,
    };
    let data = store.load_patients(&ids, &range).await?;
    let flags = store.open_red_flags_of(&ids).await?;
    let mut rows = Vec::with_capacity(access.len());
    for ((a, all), flags) in access.iter().zip(&data).zip(&flags) {
        let today = person_today(all.profile.as_ref()).ok_or_else(super::clock_error)?;
        let data = all.within(&DateRange {
            from: Some(today.add_days(-LIST_DAYS).to_string()),
            to: None,
        });
        rows.push(row(
            state,
            &state.tr(u.locale.lang),
            a,
            &data,
            flags,
            today,
        )?);
    }
    Ok(rows)
}

/// The list page for a clinician, with an optional error about one patient's identifier.
async fn list(
    state: &AppState,
    u: &CurrentUser,
    client: &Client,
    query: &FormData,
    error: Option<(String, String)>,
) -> Result<Response, PageError> {
    crate::care::accept_invitations(state, &u.user, client).await?;
    let mut rows = rows(state, u, client).await?;
    let total = rows.len();
    let sort = Sort::parse(query.get("sort"));
    let only = match query.get("only") {
        "flags" => "flags",
        "overdue" => "overdue",
        _ => "",
    };
    let q: String = query.get("q").trim().chars().take(100).collect();
    rows.retain(|r| {
        r.matches(&q)
            && match only {
                "flags" => r.signals() > 0,
                "overdue" => !r.overdue.is_empty(),
                _ => true,
            }
    });
    sort_rows(&mut rows, sort);
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut res = render(&PatientsPage {
        l: layout(state, u, &state.tr(u.locale.lang).t("patients-title")),
        own: u.user.id.as_str().to_owned(),
        rows,
        total,
        sort: sort.id(),
        only,
        q,
        notice: match query.get("done") {
            "identifier" => Some("Your identifier for this patient was saved."),
            _ => None,
        },
        error,
        max_identifier: myo_store::MAX_CLINICIAN_REF,
    });
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /tracker?sort=flags|last|name&only=flags|overdue&q=`: a patient's own dashboard
/// (redirect); for a clinician, the patients who gave them access.
pub async fn mine(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    if u.user.role != Role::Clinician {
        return Ok(Redirect::to(&format!("/patients/{}", u.user.id.as_str())).into_response());
    }
    let query = FormData::parse(query.unwrap_or_default().as_bytes());
    list(&state, &u, &client, &query, None).await
}

/// `POST /patients/{id}/identifier`: `identifier` (blank clears it). Only a clinician with an
/// active grant; everyone else gets the same "not found" as for any record they cannot see.
pub async fn set_identifier(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, false).await?;
    if !matches!(a.viewer, Viewer::Clinician { .. }) {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            "There is no page at this address.".into(),
        ));
    }
    let f = FormData::parse(&body);
    let identifier = f.get("identifier");
    let entry = a.entry(&client, action::UPDATE, "clinician_ref", None);
    match state
        .store()
        .set_clinician_ref(&a.patient.id, &u.user.id, Some(identifier), &entry)
        .await
    {
        Ok(()) => Ok(Redirect::to("/tracker?done=identifier").into_response()),
        Err(StoreError::Invalid { .. }) => {
            let msg = if identifier.chars().any(char::is_control) {
                "identifier: use letters, digits and punctuation on one line".to_owned()
            } else {
                format!(
                    "identifier: use at most {} characters",
                    myo_store::MAX_CLINICIAN_REF
                )
            };
            list(&state, &u, &client, &FormData::parse(b""), Some((id, msg))).await
        }
        Err(StoreError::NotFound { .. }) => Err(PageError(
            StatusCode::NOT_FOUND,
            "There is no page at this address.".into(),
        )),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::{PatientRow, Sort, sort_rows};

    fn row(id: &str, name: &str, flags: usize, last: Option<&str>) -> PatientRow {
        PatientRow {
            id: id.into(),
            name: name.into(),
            email: format!("{id}@example.org"),
            birth_date: "not given".into(),
            identifier: String::new(),
            clinician: true,
            can_write: false,
            flags: vec!["x".into(); flags],
            flares: Vec::new(),
            overdue: Vec::new(),
            last_entry: last.map(str::to_owned),
        }
    }

    #[test]
    fn sorts_by_flags_last_entry_and_name() {
        let mut rows = vec![
            row("a", "Zoe", 0, Some("2026-01-05")),
            row("b", "adam", 2, None),
            row("c", "Mia", 1, Some("2026-02-01")),
        ];
        let ids = |r: &[PatientRow]| r.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
        sort_rows(&mut rows, Sort::Flags);
        assert_eq!(ids(&rows), ["b", "c", "a"]);
        sort_rows(&mut rows, Sort::Last);
        assert_eq!(ids(&rows), ["c", "a", "b"]);
        sort_rows(&mut rows, Sort::Name);
        assert_eq!(ids(&rows), ["b", "c", "a"]);
    }
}
