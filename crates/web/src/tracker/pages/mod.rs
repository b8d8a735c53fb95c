//! The tracker's HTML pages: dashboard, diary, strength and function, labs, medicines,
//! conditions and the visit summary (printable, and as PDF). Forms are plain HTML posts with the
//! session's CSRF token; every page resolves access first and audits the read before rendering.
//!
//! A page that lists records and takes new ones implements [`RecordPage`] once (how it renders,
//! how its form becomes a record); its GET and POST handlers are the generic [`show`] and
//! [`save`], and its route is [`route`]. Which kinds exist, what they are called and where they
//! are listed is declared once in [`super::kinds::KINDS`].

mod conditions;
mod course;
mod dashboard;
mod diary;
mod labs;
mod medicines;
mod patients;
mod settings;
mod strength;
mod summary;
mod summary_clinical;
mod summary_doses;

pub use super::visits::Visits;
pub use conditions::{AntibodyLine, Conditions, kb_antibody};
pub use course::change as change_medicine;
pub use dashboard::{DueLine, dashboard};
pub use diary::{Banner, Diary, active_medicines, triage, triage_text};
pub use labs::{Labs, lab_units};
pub use medicines::{
    MedLine, Medicines, MissedLine, kb_missed_dose, medicine_form, route_words, save_dose,
    schedule_words, taper_steps, weekday,
};
pub use patients::{PatientRow, mine, set_identifier};
pub use settings::{save_profile, settings};
pub use strength::{Strength, strength_page};
pub use summary::{
    SummaryBlock, SummaryRequest, summary, summary_blocks, summary_pdf, summary_request,
};
pub(crate) use summary_clinical::{lab_trends, trend_words};

use std::future::Future;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{MethodRouter, get};
use myo_store::audit::action;
use myo_store::{DateRange, Record};
use myo_tracker::summary::PatientRecords;
use myo_tracker::{Date, Invalid};

use super::access::{Access, resolve};
use super::delete::DeleteLink;
use super::{convert, db};
use crate::AppState;
use crate::auth::{Client, CurrentUser, SignedIn};
use crate::i18n::{ToArg, Tr, words};
use crate::pages::{Layout, PageError, render};
use crate::security::url::form_urlencoded_pairs;

/// What every tracker page shows around its content (next to the site's `Layout`).
pub struct Frame {
    /// Patient id (for links).
    pub pid: String,
    /// Patient's name.
    pub patient_name: String,
    /// The viewer owns the records (forms are shown).
    pub owner: bool,
    /// Current tab.
    pub tab: &'static str,
    /// A fixed notice after a change (from `?done=`), shown under the tabs.
    pub notice: Option<&'static str>,
}

impl Frame {
    /// A frame for `a`.
    pub fn new(a: &Access, tab: &'static str) -> Frame {
        Frame {
            pid: a.patient_id().to_owned(),
            patient_name: a.patient_name(),
            owner: a.is_owner(),
            tab,
            notice: None,
        }
    }

    /// The same frame showing `notice`.
    pub fn with_notice(self, notice: Option<&'static str>) -> Frame {
        Frame { notice, ..self }
    }

    /// `aria-current` for a tab.
    pub fn current(&self, tab: &str) -> &'static str {
        if self.tab == tab { "page" } else { "false" }
    }
}

/// The notice for a `?done=` code in `query` (fixed texts; the code itself is never shown).
pub fn notice(query: Option<&str>) -> Option<&'static str> {
    let done = FormData::parse(query.unwrap_or("").as_bytes());
    [
        super::delete::DONE,
        super::edit::EDITED,
        super::guided::SAVED,
    ]
    .into_iter()
    .find(|(code, _)| done.get("done") == *code)
    .map(|(_, text)| text)
}

/// The site layout for a tracker page.
pub fn layout(state: &AppState, user: &crate::auth::CurrentUser, title: &str) -> Layout {
    Layout::new(state, Some(user), &user.locale, title, "tracker")
}

/// A simple table for templates (`tracker_table.html`).
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Element id.
    pub id: String,
    /// Caption.
    pub caption: String,
    /// Column headings.
    pub head: Vec<String>,
    /// Cells.
    pub rows: Vec<Vec<String>>,
    /// Shown when there are no rows.
    pub empty: String,
    /// A "Delete" link per row (same order as `rows`; empty for a read-only table).
    pub links: Vec<Option<DeleteLink>>,
}

impl Table {
    pub(crate) fn new(id: &str, caption: &str, head: &[&str], empty: &str) -> Table {
        Table {
            id: id.to_owned(),
            caption: caption.to_owned(),
            head: head.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
            empty: empty.to_owned(),
            links: Vec::new(),
        }
    }

    /// Adds a row with its "Delete" link (`None` for a viewer who may not delete).
    pub(crate) fn push_with_link(&mut self, row: Vec<String>, link: Option<DeleteLink>) {
        self.links.resize(self.rows.len(), None);
        self.rows.push(row);
        self.links.push(link);
    }

    /// Notes "edited on …" on each row's links (`edited`: record id → when).
    pub fn mark(&mut self, edited: &std::collections::HashMap<String, String>) {
        for l in self.links.iter_mut().flatten() {
            l.mark(edited);
        }
    }

    /// True when any row has a "Delete" link (the table then has an "Action" column).
    pub fn has_links(&self) -> bool {
        self.links.iter().any(Option::is_some)
    }

    /// Each row with its "Delete" link, if any.
    pub fn lines(&self) -> impl Iterator<Item = (&[String], Option<&DeleteLink>)> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.as_slice(), self.links.get(i).and_then(Option::as_ref)))
    }
}

/// A form error naming its field. It keeps the tracker's error, so each language words it from
/// the problem's data (message id and values) where the tracker gives them.
#[derive(Debug, Clone)]
pub struct FormError {
    /// Field (wire path).
    pub field: String,
    /// Message in English (the JSON API's and the logs' words).
    pub message: String,
    /// The tracker's error.
    pub invalid: Invalid,
}

impl From<Invalid> for FormError {
    fn from(e: Invalid) -> FormError {
        FormError {
            message: format!(
                "{}: {} (allowed: {})",
                super::safety::field_label(&e.field),
                e.problem,
                e.allowed
            ),
            field: e.field.clone(),
            invalid: e,
        }
    }
}

impl FormError {
    /// The message in `tr`'s language: English keeps the tracker's words; another language
    /// words a problem given as data from the catalogue (`invalid-<id>`, with the values written
    /// its way), and names the field in its words around any other problem.
    pub fn text(&self, tr: &Tr) -> String {
        worded_error(tr, &self.invalid).unwrap_or_else(|| {
            if words::is_source(tr) {
                self.message.clone()
            } else {
                tr.ta(
                    "form-invalid",
                    &[
                        (
                            "field",
                            super::safety::field_label_in(tr, &self.field).to_arg(),
                        ),
                        ("problem", self.invalid.problem.to_arg()),
                        ("allowed", self.invalid.allowed.to_arg()),
                    ],
                )
            }
        })
    }
}

/// A problem the tracker gives as data, worded from the catalogue in `tr`'s language with its
/// field's label (`None` for English, whose words are the tracker's, or a problem given only in
/// words).
pub fn worded_error(tr: &Tr, e: &Invalid) -> Option<String> {
    if words::is_source(tr) {
        return None;
    }
    let w = e.worded.as_ref()?;
    let field = super::safety::field_label_in(tr, &e.field);
    Some(words::worded(tr, w, &[("field", field.to_arg())]))
}

/// A decoded form body.
pub struct FormData(Vec<(String, String)>);

impl FormData {
    /// Form values from `(name, value)` pairs (the JSON API's edit body).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> FormData {
        FormData(pairs)
    }

    /// Parses `application/x-www-form-urlencoded` bytes.
    pub fn parse(bytes: &[u8]) -> FormData {
        FormData(form_urlencoded_pairs(bytes))
    }

    /// The first value of `name`, trimmed ("" when absent).
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.trim())
    }

    /// `" selected"` when `name` was submitted as `value` (keeps a rejected form's choices).
    pub fn selected(&self, name: &str, value: &str) -> &'static str {
        if self.get(name) == value {
            " selected"
        } else {
            ""
        }
    }

    /// The value of `name` when not empty.
    pub fn opt(&self, name: &str) -> Option<String> {
        Some(self.get(name))
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// A number as people write it: `1 850` and `1,85` are read, `1,850` (1850 or 1.85?) is
    /// refused as ambiguous, never rescaled.
    pub(crate) fn number(&self, name: &str) -> Result<Option<f64>, Invalid> {
        myo_tracker::plausible::parse_number(
            name,
            self.get(name),
            myo_tracker::plausible::NumberStyle::Unknown,
        )
    }
}

pub(crate) fn fmt_num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    format!("{r}")
}

/// The person's today, in the time zone of their profile (UTC when none is saved).
pub(crate) async fn today_for(state: &AppState, a: &Access) -> Result<Date, PageError> {
    let profile = state.store().get_profile(&a.patient.id).await?;
    super::safety::person_today(profile.as_ref()).ok_or_else(clock_error)
}

pub(crate) fn clock_error() -> PageError {
    PageError(
        StatusCode::INTERNAL_SERVER_ERROR,
        "The server clock is out of range.".into(),
    )
}

/// Loads the patient's records from `from` on (everything when `None`), auditing the read.
pub(crate) async fn load(
    state: &AppState,
    a: &Access,
    client: &Client,
    resource: &str,
    from: Option<Date>,
) -> Result<(myo_store::PatientData, PatientRecords), PageError> {
    let entry = a.entry(client, action::READ, resource, None);
    let range = DateRange {
        from: from.map(|d| d.to_string()),
        to: None,
    };
    let data = db::load(state, &a.patient.id, &range, &entry).await?;
    let records = convert::records(state.rules(), state.scorer().catalog(), &data);
    Ok((data, records))
}

// ---- one declaration per page -----------------------------------------------------------------

/// Who asks about whose records: what every page handler holds once access is resolved.
pub struct Ctx<'a> {
    /// The application.
    pub state: &'a AppState,
    /// The signed-in person.
    pub u: &'a CurrentUser,
    /// Their access to the patient's records.
    pub a: &'a Access,
    /// The request's client (for audit entries).
    pub client: &'a Client,
}

impl<'a> Ctx<'a> {
    /// The context of one request.
    pub fn new(
        state: &'a AppState,
        u: &'a CurrentUser,
        a: &'a Access,
        client: &'a Client,
    ) -> Ctx<'a> {
        Ctx {
            state,
            u,
            a,
            client,
        }
    }

    /// The person's today, in the time zone of their profile.
    pub async fn person_today(&self) -> Result<Date, PageError> {
        today_for(self.state, self.a).await
    }
}

/// What a page shows after a request: a form error (the typed form is kept), "saved", or the
/// notice of a `?done=` code.
#[derive(Default)]
pub struct Outcome {
    /// The first problem with a posted form.
    pub error: Option<FormError>,
    /// A record was saved.
    pub saved: bool,
    /// The notice from `?done=`.
    pub notice: Option<&'static str>,
    /// The posted form, when it was refused (so nothing typed is lost).
    pub kept: Option<FormData>,
    /// The query string (pages with choices in it, such as the visits' TIS picker).
    pub query: Option<String>,
}

impl Outcome {
    /// A refused form: its error and what was typed.
    pub fn refused(e: impl Into<FormError>, kept: FormData) -> Outcome {
        Outcome {
            error: Some(e.into()),
            kept: Some(kept),
            ..Outcome::default()
        }
    }

    /// A record saved.
    pub fn saved() -> Outcome {
        Outcome {
            saved: true,
            ..Outcome::default()
        }
    }

    /// The typed value of `name` in a refused form ("" otherwise).
    pub fn kept(&self, name: &str) -> &str {
        self.kept.as_ref().map_or("", |f| f.get(name))
    }
}

/// Renders `page` with 422 when its form was refused, else 200.
pub fn respond(page: &impl Template, refused: bool) -> Response {
    let mut res = render(page);
    if refused {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    res
}

/// A tracker page that lists records and takes new ones, declared once: how it renders and how
/// its form becomes a record. [`show`], [`save`] and [`route`] derive the rest.
pub trait RecordPage: Send + Sync + 'static {
    /// Renders the page for `out`.
    fn render(
        cx: &Ctx<'_>,
        out: Outcome,
    ) -> impl Future<Output = Result<Response, PageError>> + Send;

    /// The record a posted form describes (`today` is the person's day, for date checks).
    fn parse(state: &AppState, f: &FormData, today: Date) -> Result<Record, Invalid>;

    /// Handles a posted form. The default parses it and creates the record (audited with the
    /// kind's table); pages with more steps (merging, confirmations) override it.
    fn save(cx: &Ctx<'_>, f: FormData) -> impl Future<Output = Result<Response, PageError>> + Send {
        create::<Self>(cx, f)
    }
}

/// Parses `f` with `P` and creates the record, or shows the form again with its error.
pub async fn create<P: RecordPage + ?Sized>(
    cx: &Ctx<'_>,
    f: FormData,
) -> Result<Response, PageError> {
    let today = cx.person_today().await?;
    let record = match P::parse(cx.state, &f, today) {
        Ok(r) => r,
        Err(e) => return P::render(cx, Outcome::refused(e, f)).await,
    };
    let audit = cx.a.entry(
        cx.client,
        action::CREATE,
        record.kind().table(),
        Some(record.id().as_str()),
    );
    db::save(cx.state, &cx.a.patient.id, record, &audit).await?;
    P::render(cx, Outcome::saved()).await
}

/// `GET /patients/{id}/<page>[?done=…]` for any [`RecordPage`].
pub async fn show<P: RecordPage>(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, false).await?;
    let cx = Ctx::new(&state, &u, &a, &client);
    let out = Outcome {
        notice: notice(query.as_deref()),
        query,
        ..Outcome::default()
    };
    P::render(&cx, out).await
}

/// `POST /patients/{id}/<page>` for any [`RecordPage`] (owner only).
pub async fn save<P: RecordPage>(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let cx = Ctx::new(&state, &u, &a, &client);
    P::save(&cx, FormData::parse(&body)).await
}

/// The GET and POST routes of a [`RecordPage`].
pub fn route<P: RecordPage>() -> MethodRouter<AppState> {
    get(show::<P>).post(save::<P>)
}
