//! The tracker's HTML pages: dashboard, diary, strength and function, labs, medicines and the
//! visit summary (printable, and as PDF). Forms are plain HTML posts with the session's CSRF
//! token; every page resolves access first and audits the read before rendering.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use myo_api::tracker::{DiaryEntryDto, DoseDto, LabResultDto, MedicineDto, ScheduleDto};
use myo_store::Timestamp;
use myo_store::audit::action;
use myo_store::{DateRange, DoseEventRow, HomeTestRow, RecordId, RecordKind};
use myo_tracker::charts::render as svg;
use myo_tracker::dashboard::{diary_chart, home_test_chart, lab_chart};
use myo_tracker::labs::{Analyte, Unit};
use myo_tracker::medicines::{Medicine, Zone, adherence, expand, missed_doses, reconcile};
use myo_tracker::monitoring::DueState;
use myo_tracker::records::{HomeTest, HomeTests, Rating, Symptom};
use myo_tracker::summary::{PatientRecords, VisitSummary, summarize};
use myo_tracker::{Date, Invalid};

use super::access::{Access, resolve};
use super::delete::{DeleteLink, link};
use super::{SECTIONS, convert, db, section, today};
use crate::AppState;
use crate::auth::{Client, SignedIn};
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
    let (code, text) = super::delete::DONE;
    (FormData::parse(query.unwrap_or("").as_bytes()).get("done") == code).then_some(text)
}

/// The site layout for a tracker page.
pub fn layout(state: &AppState, user: &crate::auth::CurrentUser, title: &str) -> Layout {
    Layout::new(state, Some(user), title, "tracker")
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
    fn new(id: &str, caption: &str, head: &[&str], empty: &str) -> Table {
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
    fn push_with_link(&mut self, row: Vec<String>, link: Option<DeleteLink>) {
        self.links.resize(self.rows.len(), None);
        self.rows.push(row);
        self.links.push(link);
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

/// A form error naming its field.
#[derive(Debug, Clone)]
pub struct FormError {
    /// Field (wire path).
    pub field: String,
    /// Message.
    pub message: String,
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
            field: e.field,
        }
    }
}

/// A decoded form body.
pub struct FormData(Vec<(String, String)>);

impl FormData {
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
    fn number(&self, name: &str) -> Result<Option<f64>, Invalid> {
        myo_tracker::plausible::parse_number(
            name,
            self.get(name),
            myo_tracker::plausible::NumberStyle::Unknown,
        )
    }
}

fn fmt_num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    format!("{r}")
}

fn today_or_500() -> Result<Date, PageError> {
    today().ok_or_else(clock_error)
}

fn clock_error() -> PageError {
    PageError(
        StatusCode::INTERNAL_SERVER_ERROR,
        "The server clock is out of range.".into(),
    )
}

/// Loads the patient's records from `from` on (everything when `None`), auditing the read.
async fn load(
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

// ---- /tracker ---------------------------------------------------------------------------------

/// A patient a clinician may see.
pub struct PatientLink {
    /// Patient id.
    pub id: String,
    /// Name or e-mail.
    pub name: String,
    /// Since when.
    pub since: String,
}

#[derive(Template)]
#[template(path = "tracker_patients.html")]
struct PatientsPage {
    l: Layout,
    own: String,
    patients: Vec<PatientLink>,
}

/// `GET /tracker`: a patient's own dashboard; for a clinician, the patients who granted access.
pub async fn mine(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
) -> Result<Response, PageError> {
    if u.user.role != myo_store::Role::Clinician {
        return Ok(Redirect::to(&format!("/patients/{}", u.user.id.as_str())).into_response());
    }
    crate::care::accept_invitations(&state, &u.user, &client).await?;
    let mut patients = Vec::new();
    for g in state.store().list_clinician_patients(&u.user.id).await? {
        if let Some(p) = state.store().get_user(&g.patient_id).await? {
            patients.push(PatientLink {
                id: p.id.as_str().to_owned(),
                name: if p.display_name.is_empty() {
                    p.email
                } else {
                    p.display_name
                },
                since: g.granted_at.to_rfc3339(),
            });
        }
    }
    Ok(render(&PatientsPage {
        l: layout(&state, &u, "Patients"),
        own: u.user.id.as_str().to_owned(),
        patients,
    }))
}

// ---- dashboard --------------------------------------------------------------------------------

/// One monitoring line.
pub struct DueLine {
    /// Medicine.
    pub medicine: String,
    /// Test.
    pub test: &'static str,
    /// Due date.
    pub due: String,
    /// `overdue`, `due-soon`, `upcoming`, `done`.
    pub state: &'static str,
    /// Words.
    pub explanation: String,
    /// Sources (`id, locator`), rule date and status.
    pub source: String,
}

#[derive(Template)]
#[template(path = "tracker_dashboard.html")]
struct DashboardPage {
    l: Layout,
    f: Frame,
    today: String,
    diary_days_last_30: usize,
    last_diary_entry: String,
    active_medicines: usize,
    overdue: usize,
    latest: Table,
    monitoring: Vec<DueLine>,
    flares: Vec<(String, String)>,
    charts: Vec<String>,
    flags: Vec<super::red_flags::FlagLine>,
    flags_owner: bool,
    flags_pid: String,
    flags_csrf: String,
}

fn due_state(s: DueState) -> &'static str {
    match s {
        DueState::Overdue => "overdue",
        DueState::DueSoon => "due soon",
        DueState::Upcoming => "upcoming",
        DueState::Done => "done",
    }
}

fn latest_table(records: &PatientRecords) -> Table {
    let mut t = Table::new(
        "latest-values",
        "Latest values",
        &["Measure", "Value", "Date"],
        "Nothing recorded yet.",
    );
    if let Some(e) = records.diary.iter().max_by_key(|e| e.date()) {
        for r in Rating::ALL {
            let v = e.rating(r).map_or_else(
                || "not recorded".to_owned(),
                |v| format!("{}/10", fmt_num(v)),
            );
            t.rows
                .push(vec![r.label().to_owned(), v, e.date().to_string()]);
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
                format!("{} {}", fmt_num(l.value), l.unit.display()),
                l.date.to_string(),
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
    let today = today_or_500()?;
    let (data, records) =
        load(&state, &a, &client, "dashboard", Some(today.add_days(-730))).await?;
    let risky: Vec<String> = data
        .medicines
        .iter()
        .filter(|m| m.risk_factor)
        .filter_map(|m| m.generic_name.clone().map(|g| g.to_lowercase()))
        .collect();
    let d = myo_tracker::dashboard::dashboard(
        state.rules(),
        state.scorer().catalog(),
        &records,
        today,
        &|g| risky.iter().any(|r| r == g),
    )
    .map_err(|e| PageError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let monitoring = d
        .monitoring
        .iter()
        .map(|i| DueLine {
            medicine: i.medicine.clone(),
            test: i.test.label(),
            due: i.due.to_string(),
            state: due_state(i.state),
            explanation: i.explanation.clone(),
            source: format!(
                "{} ({}; rule {} of {}, {})",
                i.sources
                    .iter()
                    .map(|s| format!("{}, {}", s.id, s.locator))
                    .collect::<Vec<_>>()
                    .join("; "),
                i.reference,
                i.rule_id,
                i.rule_date,
                i.status.as_str()
            ),
        })
        .collect();
    let flags = super::red_flags::open(&state, &a.patient.id).await?;
    let l = layout(&state, &u, "Tracker dashboard");
    let page = DashboardPage {
        flags,
        flags_owner: a.is_owner(),
        flags_pid: a.patient_id().to_owned(),
        flags_csrf: l.csrf.clone(),
        l,
        f: Frame::new(&a, "dashboard"),
        today: today.to_string(),
        diary_days_last_30: d.diary_days_last_30,
        last_diary_entry: d
            .last_diary_entry
            .map_or_else(|| "none yet".to_owned(), |d| d.to_string()),
        active_medicines: d.active_medicines,
        overdue: d.overdue,
        latest: latest_table(&records),
        monitoring,
        flares: d
            .recent_flares
            .iter()
            .map(|f| (f.date().to_string(), f.explanation().to_owned()))
            .collect(),
        charts: d.charts.to_vec(),
    };
    Ok(render(&page))
}

// ---- diary ------------------------------------------------------------------------------------

/// A red-flag banner shown at once after saving.
pub struct Banner {
    /// The diary day whose entry raised it.
    pub date: String,
    /// Whether that day is the person's today (a back-dated entry is not "today's").
    pub is_today: bool,
    /// `emergency` or `urgent`.
    pub tier: &'static str,
    /// What to do.
    pub action: String,
    /// Which rule.
    pub title: String,
    /// Link to the KB entry.
    pub link: String,
}

#[derive(Template)]
#[template(path = "tracker_diary.html")]
struct DiaryPage {
    l: Layout,
    f: Frame,
    date: String,
    ratings: Vec<(&'static str, &'static str, String)>,
    symptoms: Vec<(&'static str, &'static str, String)>,
    note: String,
    error: Option<FormError>,
    saved: bool,
    banner: Option<Banner>,
    list: Table,
    chart: String,
}

impl DiaryPage {
    fn invalid(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.field == field)
    }
}

fn diary_list(records: &PatientRecords) -> Table {
    let mut head = vec!["Date"];
    head.extend(Rating::ALL.iter().map(|r| r.label()));
    head.extend(Symptom::ALL.iter().map(|s| s.label()));
    head.push("Note");
    let mut t = Table::new(
        "diary-list",
        "Recent entries (a day without an entry is a gap, not a zero)",
        &head,
        "No diary entries yet.",
    );
    let mut entries: Vec<_> = records.diary.iter().collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.date()));
    for e in entries.into_iter().take(30) {
        let mut row = vec![e.date().to_string()];
        row.extend(
            Rating::ALL
                .iter()
                .map(|r| e.rating(*r).map_or_else(|| "–".to_owned(), fmt_num)),
        );
        row.extend(Symptom::ALL.iter().map(|s| match e.symptom(*s) {
            Some(true) => "yes".to_owned(),
            Some(false) => "no".to_owned(),
            None => "–".to_owned(),
        }));
        row.push(e.note().unwrap_or("").to_owned());
        t.rows.push(row);
    }
    t
}

async fn diary_page(
    state: &AppState,
    u: &crate::auth::CurrentUser,
    a: &Access,
    client: &Client,
    form: Option<&FormData>,
    outcome: (Option<FormError>, bool, Option<Banner>),
) -> Result<Response, PageError> {
    let today = today_or_500()?;
    let (_, records) = load(
        state,
        a,
        client,
        "diary_entries",
        Some(today.add_days(-120)),
    )
    .await?;
    // Without a submitted form, today's saved entry fills the form: a second save of the day
    // shows what is there and changes only what is changed.
    let saved_today = records.diary.iter().find(|e| e.date() == today);
    let value = |k: &str| match (form, saved_today) {
        (Some(f), _) => f.get(k).to_owned(),
        (None, Some(e)) => {
            let rating = Rating::ALL
                .iter()
                .find(|r| r.id() == k)
                .and_then(|r| e.rating(*r));
            let symptom = Symptom::ALL
                .iter()
                .find(|s| s.id() == k)
                .and_then(|s| e.symptom(*s));
            match (rating, symptom, k) {
                (Some(v), _, _) => fmt_num(v),
                (_, Some(true), _) => "yes".to_owned(),
                (_, Some(false), _) => "no".to_owned(),
                (_, _, "note") => e.note().unwrap_or("").to_owned(),
                _ => String::new(),
            }
        }
        (None, None) => String::new(),
    };
    let (error, saved, banner) = outcome;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = DiaryPage {
        l: layout(state, u, "Diary"),
        f: Frame::new(a, "diary"),
        date: form.map_or_else(|| today.to_string(), |f| f.get("date").to_owned()),
        ratings: Rating::ALL
            .iter()
            .map(|r| (r.id(), r.label(), value(r.id())))
            .collect(),
        symptoms: Symptom::ALL
            .iter()
            .map(|s| (s.id(), s.label(), value(s.id())))
            .collect(),
        note: value("note"),
        error,
        saved,
        banner,
        list: diary_list(&records),
        chart: svg(&diary_chart(
            &records,
            &[Rating::Weakness, Rating::Fatigue, Rating::Pain],
            today.add_days(-89),
            today,
        )),
    };
    let mut res = render(&page);
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /patients/{id}/diary`
pub async fn diary(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, false).await?;
    diary_page(&state, &u, &a, &client, None, (None, false, None)).await
}

fn diary_dto(f: &FormData) -> Result<DiaryEntryDto, Invalid> {
    let mut dto = DiaryEntryDto {
        date: f.get("date").to_owned(),
        ratings: Default::default(),
        symptoms: Default::default(),
        note: f.opt("note"),
        clear: f.all("clear").into_iter().map(str::to_owned).collect(),
    };
    for r in Rating::ALL {
        if let Some(v) = f.number(r.id()).map_err(|e| e.within("ratings"))? {
            dto.ratings.insert(r.id().to_owned(), v);
        }
    }
    for s in Symptom::ALL {
        match f.get(s.id()) {
            "yes" => dto.symptoms.insert(s.id().to_owned(), true),
            "no" => dto.symptoms.insert(s.id().to_owned(), false),
            _ => None,
        };
    }
    Ok(dto)
}

/// The text the triage engine reads for a diary entry: the yes answers as first-person
/// sentences, the note, and the medicines being taken (so "fever on immunosuppressants" can
/// see its drug context).
pub fn triage_text(e: &myo_tracker::records::DiaryEntry, medicines: &[Medicine]) -> String {
    let mut text = String::new();
    let said = [
        (Symptom::SwallowingTrouble, "I have trouble swallowing."),
        (Symptom::Breathlessness, "I am short of breath."),
        (Symptom::Fever, "I have a fever."),
        (Symptom::NewSkinSores, "I have new skin sores."),
    ];
    for (s, sentence) in said {
        if e.symptom(s) == Some(true) {
            text.push_str(sentence);
            text.push(' ');
        }
    }
    if let Some(n) = e.note() {
        text.push_str(n);
        text.push(' ');
    }
    let names: Vec<&str> = medicines
        .iter()
        .map(|m| m.generic_key().unwrap_or(&m.input().name))
        .collect();
    if !text.trim().is_empty() && !names.is_empty() {
        text.push_str(&format!("I take {}.", names.join(" and ")));
    }
    text
}

/// Runs the Ask triage engine over an entry (English and Spanish rules; the banner is worded in
/// the note's language); only emergency and urgent tiers make a banner.
pub async fn triage(
    state: &AppState,
    e: &myo_tracker::records::DiaryEntry,
    medicines: &[Medicine],
) -> Option<Banner> {
    let text = triage_text(e, medicines);
    if text.trim().is_empty() {
        return None;
    }
    let hit = state
        .engine()
        .await
        .red_flag_worded_as(&text, e.note().unwrap_or(""))?;
    let tier = match hit.tier {
        myo_ask::triage::Tier::Emergency => "emergency",
        myo_ask::triage::Tier::Urgent => "urgent",
        myo_ask::triage::Tier::Discuss => return None,
    };
    let today = today();
    Some(Banner {
        date: e.date().to_string(),
        is_today: today == Some(e.date()),
        tier,
        action: hit.action,
        link: format!("/kb/{}", hit.rule_id),
        title: hit.title,
    })
}

/// `POST /patients/{id}/diary`: saves (one entry per day; saving again updates it), then shows
/// the page with a red-flag banner when the entry warrants one.
pub async fn save_diary(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let f = FormData::parse(&body);
    let entry = match diary_dto(&f).and_then(|d| d.to_domain()) {
        Ok(e) => e,
        Err(e) => {
            return diary_page(
                &state,
                &u,
                &a,
                &client,
                Some(&f),
                (Some(e.into()), false, None),
            )
            .await;
        }
    };
    let profile = state.store().get_profile(&a.patient.id).await?;
    let person_today = super::safety::person_today(profile.as_ref()).ok_or_else(clock_error)?;
    if let Err(e) = myo_tracker::plausible::check_not_future("date", entry.date(), person_today) {
        return diary_page(
            &state,
            &u,
            &a,
            &client,
            Some(&f),
            (Some(e.into()), false, None),
        )
        .await;
    }
    let clear = f.all("clear");
    let entry = match db::merge_diary(&state, &a.patient.id, entry, &clear).await? {
        Ok(e) => e,
        Err(e) => {
            return diary_page(
                &state,
                &u,
                &a,
                &client,
                Some(&f),
                (Some(e.into()), false, None),
            )
            .await;
        }
    };
    let row = convert::diary_row(&entry, Timestamp::now());
    let audit = a.entry(
        &client,
        action::UPDATE,
        "diary_entries",
        Some(row.id.as_str()),
    );
    db::save_diary(&state, &a.patient.id, row, &audit).await?;
    let meds = active_medicines(&state, &a, &client).await?;
    let mut banner = triage(&state, &entry, &meds).await;
    if let Some(b) = banner.as_mut() {
        b.is_today = b.date == person_today.to_string();
        super::red_flags::raise(&state, &a, &client, b).await?;
    }
    diary_page(&state, &u, &a, &client, None, (None, true, banner)).await
}

/// The patient's medicines being taken today (for triage context).
pub async fn active_medicines(
    state: &AppState,
    a: &Access,
    client: &Client,
) -> Result<Vec<Medicine>, PageError> {
    let t = today_or_500()?;
    let (_, records) = load(state, a, client, "medicines", Some(t)).await?;
    Ok(records
        .medicines
        .into_iter()
        .filter(|m| m.input().start <= t && m.input().end.is_none_or(|e| e >= t))
        .collect())
}

// ---- strength and function ---------------------------------------------------------------------

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
    form: super::assessments::AssessmentForm,
    assessments: Vec<super::assessments::AssessmentLine>,
}

/// Renders the strength page: `outcome` is a form error or "saved", `form` keeps a rejected
/// assessment's typed values, `notice` comes from `?done=`.
pub(super) async fn strength_page(
    state: &AppState,
    u: &crate::auth::CurrentUser,
    a: &Access,
    client: &Client,
    outcome: (Option<FormError>, bool),
    form: super::assessments::AssessmentForm,
    notice: Option<&'static str>,
) -> Result<Response, PageError> {
    let (error, saved) = outcome;
    let today = today_or_500()?;
    let (data, records) = load(state, a, client, "home_tests", Some(today.add_days(-365))).await?;
    let mut assessments = super::assessments::lines(state, &data.assessments);
    if a.is_owner() {
        for x in &mut assessments {
            let instrument = x.instrument.split('@').next().unwrap_or("").to_owned();
            x.delete = Some(link(
                a.patient_id(),
                RecordKind::Assessment,
                &RecordId(x.id.clone()),
                format!("assessment {instrument} {}", x.date),
            ));
        }
    }
    let mut list = Table::new(
        "home-test-list",
        "Home tests (– = not done)",
        &[
            "Date",
            "Sit-to-stand (30 s)",
            "Timed up-and-go (s)",
            "Arm raise (s)",
        ],
        "No home tests yet.",
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
        let cell = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), fmt_num);
        list.push_with_link(
            vec![
                t.date.to_string(),
                cell(t.value(HomeTest::SitToStand30s)),
                cell(t.value(HomeTest::TimedUpAndGo)),
                cell(t.value(HomeTest::ArmRaise)),
            ],
            a.is_owner().then(|| {
                link(
                    a.patient_id(),
                    RecordKind::HomeTest,
                    id,
                    format!("home tests {}", t.date),
                )
            }),
        );
    }
    let mut charts: Vec<String> = HomeTest::ALL
        .iter()
        .map(|t| svg(&home_test_chart(&records, *t, today.add_days(-365), today)))
        .collect();
    if let Ok(c) = myo_tracker::dashboard::mmt8_chart(
        state.scorer().catalog(),
        &records,
        today.add_days(-365),
        today,
    ) {
        charts.push(svg(&c));
    }
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut res = render(&StrengthPage {
        l: layout(state, u, "Strength and function"),
        f: Frame::new(a, "strength").with_notice(notice),
        date: today.to_string(),
        error,
        saved,
        list,
        charts,
        instruments: super::assessments::instruments_for(data.profile.as_ref(), today),
        form,
        assessments,
    });
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /patients/{id}/strength[?done=deleted]`
pub async fn strength(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, false).await?;
    strength_page(
        &state,
        &u,
        &a,
        &client,
        (None, false),
        Default::default(),
        notice(query.as_deref()),
    )
    .await
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
        })?),
    };
    HomeTests::new(
        Date::parse("date", f.get("date"))?,
        sts,
        f.number("timed_up_and_go_s")?,
        f.number("arm_raise_s")?,
    )
}

/// `POST /patients/{id}/strength`
pub async fn save_home_tests(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let f = FormData::parse(&body);
    let t = match home_tests_form(&f) {
        Ok(t) => t,
        Err(e) => {
            return strength_page(
                &state,
                &u,
                &a,
                &client,
                (Some(e.into()), false),
                Default::default(),
                None,
            )
            .await;
        }
    };
    let row = HomeTestRow {
        id: RecordId::random(),
        date: t.date.to_string(),
        sit_to_stand_30s: t.sit_to_stand_30s.map(f64::from),
        timed_up_and_go_s: t.timed_up_and_go_s,
        arm_raise_s: t.arm_raise_s,
        updated_at: Timestamp::now(),
    };
    let audit = a.entry(&client, action::CREATE, "home_tests", Some(row.id.as_str()));
    db::save(
        &state,
        &a.patient.id,
        myo_store::Record::HomeTest(row),
        &audit,
    )
    .await?;
    strength_page(
        &state,
        &u,
        &a,
        &client,
        (None, true),
        Default::default(),
        None,
    )
    .await
}

// ---- labs -------------------------------------------------------------------------------------

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

async fn labs_page(
    state: &AppState,
    u: &crate::auth::CurrentUser,
    a: &Access,
    client: &Client,
    (error, saved): (Option<FormError>, bool),
    notice: Option<&'static str>,
) -> Result<Response, PageError> {
    let today = today_or_500()?;
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
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut res = render(&LabsPage {
        l: layout(state, u, "Labs"),
        f: Frame::new(a, "labs").with_notice(notice),
        date: today.to_string(),
        analytes: Analyte::ALL.iter().map(|a| a.id()).collect(),
        units: ALL_UNITS.iter().map(|u| (u.ucum(), u.display())).collect(),
        error,
        saved,
        list,
        chart,
    });
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /patients/{id}/labs[?done=deleted]`
pub async fn labs(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, false).await?;
    labs_page(
        &state,
        &u,
        &a,
        &client,
        (None, false),
        notice(query.as_deref()),
    )
    .await
}

/// `POST /patients/{id}/labs`
pub async fn save_lab(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let f = FormData::parse(&body);
    let parsed = (|| {
        let value = f
            .number("value")?
            .ok_or_else(|| Invalid::new("value", "missing", "a number"))?;
        LabResultDto {
            analyte: f.get("analyte").to_owned(),
            value,
            unit: f.get("unit").to_owned(),
            low: f.number("low")?,
            high: f.number("high")?,
            uln: f.number("uln")?,
            date: f.get("date").to_owned(),
            loinc: None,
        }
        .to_domain(state.rules())
    })();
    let profile = state.store().get_profile(&a.patient.id).await?;
    let person_today = super::safety::person_today(profile.as_ref()).ok_or_else(clock_error)?;
    let parsed =
        parsed.and_then(|l| super::safety::check_lab(state.rules(), &l, person_today).map(|()| l));
    let lab = match parsed {
        Ok(l) => l,
        Err(e) => return labs_page(&state, &u, &a, &client, (Some(e.into()), false), None).await,
    };
    let row = convert::lab_row(&lab, Timestamp::now());
    let audit = a.entry(
        &client,
        action::CREATE,
        "lab_results",
        Some(row.id.as_str()),
    );
    db::save(&state, &a.patient.id, myo_store::Record::Lab(row), &audit).await?;
    labs_page(&state, &u, &a, &client, (None, true), None).await
}

// ---- medicines --------------------------------------------------------------------------------

/// One medicine as listed.
pub struct MedLine {
    /// Record id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Dose, route and schedule in words.
    pub how: String,
    /// Dates.
    pub dates: String,
    /// Adherence over the last 28 days.
    pub adherence: String,
    /// Doses due in the last 14 days (date, time) for the dose form.
    pub recent: Vec<(String, String)>,
    /// "Delete" link, for the patient.
    pub delete: Option<DeleteLink>,
    /// The reason given when it was saved despite a warning.
    pub confirmation: Option<String>,
}

/// A missed dose with its guidance.
pub struct MissedLine {
    /// Medicine.
    pub medicine: String,
    /// When.
    pub when: String,
    /// KB `missed_dose` text, or a fallback.
    pub guidance: String,
    /// KB entry link.
    pub link: Option<String>,
}

#[derive(Template)]
#[template(path = "tracker_medicines.html")]
struct MedicinesPage {
    l: Layout,
    f: Frame,
    start: String,
    error: Option<FormError>,
    suggestions: Vec<String>,
    saved: bool,
    meds: Vec<MedLine>,
    missed: Vec<MissedLine>,
    weekdays: Vec<&'static str>,
    form_name: String,
    time_zone: String,
    kept: FormData,
    confirm: Vec<String>,
}

/// A medicine's schedule in words (`weekly on friday at 08:00`).
pub fn schedule_words(s: &myo_tracker::medicines::Schedule) -> String {
    use myo_tracker::medicines::Schedule;
    match s {
        Schedule::Daily { time } => format!("daily at {time}"),
        Schedule::SeveralDaily { times } => format!(
            "daily at {}",
            times
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Schedule::Weekly { day, time } => format!("weekly on {} at {time}", day.as_str()),
        Schedule::EveryNWeeks { n, time } => format!("every {n} weeks at {time}"),
        Schedule::Course { dates, time } => format!(
            "on {} at {time}",
            dates
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Schedule::Taper { steps, time } => format!(
            "taper at {time}: {}",
            steps
                .iter()
                .map(|s| format!("{} for {} days", s.dose, s.days))
                .collect::<Vec<_>>()
                .join(", then ")
        ),
    }
}

/// The KB drug guide for a generic name: (entry id, `missed_dose` text).
pub fn kb_missed_dose<'k>(kb: &'k myo_kb::Kb, generic: &str) -> Option<(&'k str, Option<&'k str>)> {
    kb.entries().iter().find_map(|e| match &e.structured {
        Some(myo_kb::Structured::Drug(d)) if d.generic_name.eq_ignore_ascii_case(generic) => {
            Some((e.id.as_str(), d.missed_dose.as_deref()))
        }
        _ => None,
    })
}

async fn medicines_page(
    state: &AppState,
    u: &crate::auth::CurrentUser,
    a: &Access,
    client: &Client,
    (error, suggestions, confirm): (Option<FormError>, Vec<String>, Vec<String>),
    (form_name, kept): (String, FormData),
    notice: Option<&'static str>,
) -> Result<Response, PageError> {
    let today = today_or_500()?;
    let (data, _) = load(state, a, client, "medicines", None).await?;
    let zone_name = data
        .profile
        .as_ref()
        .map_or("UTC", |p| p.time_zone.as_str());
    let zone = Zone::named("time_zone", zone_name)
        .or_else(|_| Zone::named("time_zone", "UTC"))
        .map_err(|e| PageError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let mut meds = Vec::new();
    let mut missed = Vec::new();
    for row in &data.medicines {
        let Ok(m) = convert::medicine(state.rules(), row) else {
            continue;
        };
        let i = m.input();
        let doses: Vec<_> = data
            .dose_events
            .iter()
            .filter(|d| d.medicine_id == row.id)
            .filter_map(|d| convert::dose_record(d).ok())
            .collect();
        let from = today.add_days(-27).max(i.start);
        let scheduled = if from <= today {
            expand(&m, &zone, from, today).unwrap_or_default()
        } else {
            Vec::new()
        };
        let statuses = reconcile(&scheduled, &doses);
        let adh = adherence(&statuses);
        let guide = m.generic_key().and_then(|g| kb_missed_dose(state.kb(), g));
        for md in missed_doses(&statuses, guide.and_then(|g| g.1)) {
            missed.push(MissedLine {
                medicine: i.name.clone(),
                when: format!("{} {}", md.dose.date, md.dose.time),
                guidance: md.guidance.unwrap_or_else(|| {
                    "Myo has no missed-dose advice for this medicine: ask your care team or pharmacist."
                        .to_owned()
                }),
                link: guide.map(|g| format!("/kb/{}", g.0)),
            });
        }
        meds.push(MedLine {
            delete: a.is_owner().then(|| {
                link(
                    a.patient_id(),
                    RecordKind::Medicine,
                    &row.id,
                    format!("medicine {} {}", i.name, i.start),
                )
            }),
            id: row.id.as_str().to_owned(),
            confirmation: row.confirmation.clone(),
            name: i.name.clone(),
            how: format!(
                "{} {}, {}",
                i.dose,
                myo_api::tracker::route_name(i.route),
                schedule_words(&i.schedule)
            ),
            dates: match i.end {
                Some(e) => format!("{} to {e}", i.start),
                None => format!("since {}", i.start),
            },
            adherence: format!(
                "last 28 days: {} taken, {} missed, {} not recorded",
                adh.taken, adh.missed, adh.not_recorded
            ),
            recent: scheduled
                .iter()
                .rev()
                .take(14)
                .map(|d| (d.date.to_string(), d.time.to_string()))
                .collect(),
        });
    }
    let status = if error.is_some() || !confirm.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let saved = confirm.is_empty()
        && (error.is_none() && !suggestions.is_empty() || error.is_none() && !form_name.is_empty());
    let mut res = render(&MedicinesPage {
        l: layout(state, u, "Medicines"),
        f: Frame::new(a, "medicines").with_notice(notice),
        start: today.to_string(),
        error,
        suggestions,
        saved,
        meds,
        missed,
        weekdays: myo_tracker::Weekday::ALL
            .iter()
            .map(|d| d.as_str())
            .collect(),
        form_name,
        kept,
        time_zone: zone.name().to_owned(),
        confirm,
    });
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /patients/{id}/medicines[?done=deleted]`
pub async fn medicines(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, false).await?;
    medicines_page(
        &state,
        &u,
        &a,
        &client,
        (None, Vec::new(), Vec::new()),
        (String::new(), FormData::parse(b"")),
        notice(query.as_deref()),
    )
    .await
}

/// The medicine form as the API's DTO (so both paths share one validation).
pub fn medicine_form(f: &FormData) -> Result<MedicineDto, Invalid> {
    let time = f.opt("time").unwrap_or_else(|| "08:00".to_owned());
    let list = |name: &str| -> Vec<String> {
        f.get(name)
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let schedule = match f.get("schedule_kind") {
        "daily" => ScheduleDto::Daily { time },
        "several_daily" => ScheduleDto::SeveralDaily {
            times: list("times"),
        },
        "weekly" => ScheduleDto::Weekly {
            day: f.get("day").to_owned(),
            time,
        },
        "every_n_weeks" => ScheduleDto::EveryNWeeks {
            n: f.get("n")
                .parse()
                .map_err(|_| Invalid::new("schedule.n", format!("'{}'", f.get("n")), "1 to 104"))?,
            time,
        },
        "course" => ScheduleDto::Course {
            dates: list("dates"),
            time,
        },
        other => {
            return Err(Invalid::new(
                "schedule.kind",
                format!("'{other}'"),
                "daily, several_daily, weekly, every_n_weeks, course",
            ));
        }
    };
    Ok(MedicineDto {
        name: f.get("name").to_owned(),
        generic_name: f.opt("generic_name"),
        rxcui: None,
        dose: DoseDto {
            amount: f
                .number("dose_amount")?
                .ok_or_else(|| Invalid::new("dose.amount", "missing", "a number > 0"))?,
            unit: f.get("dose_unit").to_owned(),
        },
        route: f.get("route").to_owned(),
        schedule,
        start: f.get("start").to_owned(),
        end: f.opt("end"),
        confirmation: f.opt("confirmation"),
    })
}

/// `POST /patients/{id}/medicines`: a daily methotrexate entry is refused with the tracker's
/// explanation (422, nothing saved); an accepted one shows its suggestions (folic acid).
pub async fn save_medicine(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let f = FormData::parse(&body);
    let accepted = medicine_form(&f)
        .and_then(|dto| dto.to_input())
        .and_then(|input| Medicine::accept(state.rules(), input));
    let ok = match accepted {
        Ok(ok) => ok,
        Err(e) => {
            return medicines_page(
                &state,
                &u,
                &a,
                &client,
                (Some(e.into()), Vec::new(), Vec::new()),
                (String::new(), f),
                None,
            )
            .await;
        }
    };
    let (_, records) = load(&state, &a, &client, "medicines", None).await?;
    let check = super::safety::check_medicine(
        state.rules(),
        state.kb(),
        &ok.medicine,
        &records.medicines,
        f.opt("confirmation").as_deref(),
    );
    let confirmation = match check {
        super::safety::MedicineCheck::Save { confirmation } => confirmation,
        super::safety::MedicineCheck::Confirm(warnings) => {
            return medicines_page(
                &state,
                &u,
                &a,
                &client,
                (None, Vec::new(), warnings),
                (String::new(), f),
                None,
            )
            .await;
        }
        super::safety::MedicineCheck::Refused(e) => {
            return medicines_page(
                &state,
                &u,
                &a,
                &client,
                (Some(e.into()), Vec::new(), Vec::new()),
                (String::new(), f),
                None,
            )
            .await;
        }
    };
    let mut row = convert::medicine_row(
        &ok.medicine,
        f.get("risk_factor") == "yes",
        Timestamp::now(),
    );
    row.confirmation = confirmation;
    let audit = a.entry(&client, action::CREATE, "medicines", Some(row.id.as_str()));
    db::save(
        &state,
        &a.patient.id,
        myo_store::Record::Medicine(row),
        &audit,
    )
    .await?;
    let name = ok.medicine.input().name.clone();
    medicines_page(
        &state,
        &u,
        &a,
        &client,
        (None, ok.suggestions, Vec::new()),
        (name, FormData::parse(b"")),
        None,
    )
    .await
}

/// `POST /patients/{id}/medicines/{record}/doses`: records a dose taken or missed.
pub async fn save_dose(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path((id, record)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let f = FormData::parse(&body);
    let (date, time) = f.get("dose").split_once(' ').unwrap_or(("", ""));
    let row = DoseEventRow {
        id: RecordId::random(),
        medicine_id: RecordId(record),
        date: date.to_owned(),
        time: time.to_owned(),
        outcome: f.get("outcome").to_owned(),
        taken_at: None,
        updated_at: Timestamp::now(),
    };
    if let Err(e) = convert::dose_record(&row) {
        return medicines_page(
            &state,
            &u,
            &a,
            &client,
            (Some(e.into()), Vec::new(), Vec::new()),
            (String::new(), FormData::parse(b"")),
            None,
        )
        .await;
    }
    let audit = a.entry(
        &client,
        action::CREATE,
        "dose_events",
        Some(row.id.as_str()),
    );
    match db::save(
        &state,
        &a.patient.id,
        myo_store::Record::DoseEvent(row),
        &audit,
    )
    .await
    {
        Ok(_) => {}
        Err(myo_store::StoreError::NotFound { .. }) => {
            return Err(super::access::Refused::NotFound.into());
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/patients/{id}/medicines#missed-doses")).into_response())
}

// ---- visit summary ----------------------------------------------------------------------------

/// The summary request (from the query string).
pub struct SummaryRequest {
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
    /// Section ids chosen.
    pub sections: Vec<&'static str>,
    /// Questions for the doctor, one per line.
    pub questions: Vec<String>,
}

/// Parses `from`, `to`, `sections` (repeated) and `questions` (lines).
pub fn summary_request(query: Option<&str>, today: Date) -> Result<SummaryRequest, Invalid> {
    let f = FormData::parse(query.unwrap_or("").as_bytes());
    let from = match f.get("from") {
        "" => today.add_days(-89),
        v => Date::parse("from", v)?,
    };
    let to = match f.get("to") {
        "" => today,
        v => Date::parse("to", v)?,
    };
    if to < from {
        return Err(Invalid::new(
            "to",
            format!("{to} is before {from}"),
            "on or after from",
        ));
    }
    let chosen = f.all("sections");
    let sections = SECTIONS
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| chosen.is_empty() || chosen.contains(id))
        .collect();
    let questions = f
        .get("questions")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(20)
        .map(|l| l.chars().take(300).collect())
        .collect();
    Ok(SummaryRequest {
        from,
        to,
        sections,
        questions,
    })
}

/// A rendered summary section: heading, paragraphs, tables and charts.
pub struct SummaryBlock {
    /// Element id.
    pub id: String,
    /// Heading.
    pub title: String,
    /// Lines of text.
    pub lines: Vec<String>,
    /// Tables.
    pub tables: Vec<Table>,
    /// Inline SVG charts.
    pub charts: Vec<String>,
}

/// Builds the summary blocks (shared by the page, the PDF and share links).
pub fn summary_blocks(
    state: &AppState,
    records: &PatientRecords,
    req: &SummaryRequest,
) -> Result<(VisitSummary, Vec<SummaryBlock>), Invalid> {
    let sections: Vec<_> = req.sections.iter().filter_map(|s| section(s)).collect();
    let s = summarize(
        state.rules(),
        state.scorer().catalog(),
        records,
        req.from,
        req.to,
        &sections,
        &req.questions,
    )?;
    let mut blocks = Vec::new();
    if let Some(sym) = &s.symptoms {
        let mut t = Table::new(
            "summary-ratings",
            "Diary ratings over the range",
            &[
                "Rating",
                "Days recorded",
                "Mean",
                "Lowest",
                "Highest",
                "First",
                "Last",
            ],
            "No ratings recorded.",
        );
        for r in &sym.ratings {
            let o = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), fmt_num);
            let p = |v: Option<(Date, f64)>| {
                v.map_or_else(|| "–".to_owned(), |(d, x)| format!("{} ({d})", fmt_num(x)))
            };
            t.rows.push(vec![
                r.rating.label().to_owned(),
                r.recorded_days.to_string(),
                o(r.mean),
                o(r.min),
                o(r.max),
                p(r.first),
                p(r.last),
            ]);
        }
        let mut lines: Vec<String> = sym
            .symptoms
            .iter()
            .map(|x| {
                format!(
                    "{}: yes on {} of {} answered days.",
                    x.symptom.label(),
                    x.yes_days,
                    x.answered_days
                )
            })
            .collect();
        if !sym.gaps.is_empty() {
            lines.push(format!(
                "Days without an entry (gaps, not zeros): {}.",
                sym.gaps
                    .iter()
                    .map(|(a, b)| if a == b {
                        a.to_string()
                    } else {
                        format!("{a} to {b}")
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        lines.extend(sym.notes.iter().map(|(d, n)| format!("Note {d}: {n}")));
        blocks.push(SummaryBlock {
            id: "summary-symptoms".into(),
            title: "Symptoms".into(),
            lines,
            tables: vec![t],
            charts: vec![svg(&diary_chart(
                records,
                &[Rating::Weakness, Rating::Fatigue, Rating::Pain],
                req.from,
                req.to,
            ))],
        });
    }
    if let Some(st) = &s.strength {
        let mut lines: Vec<String> = st
            .home_tests
            .iter()
            .map(|h| {
                let p = |v: Option<(Date, f64)>| {
                    v.map_or_else(|| "–".to_owned(), |(d, x)| format!("{} on {d}", fmt_num(x)))
                };
                format!(
                    "{}: {} tests; first {}, last {}.",
                    h.test.label(),
                    h.count,
                    p(h.first),
                    p(h.last)
                )
            })
            .collect();
        lines.extend(st.visits.iter().map(|(d, v)| {
            format!(
                "Visit or assessment {d}: MMT-8 {}, HAQ-DI {}, CMAS {}.",
                v.mmt8_total
                    .map_or("not assessed".into(), |x| x.to_string()),
                v.haq_di_thousandths
                    .map_or("not assessed".into(), |x| fmt_num(x as f64 / 1000.0)),
                v.cmas_total
                    .map_or("not assessed".into(), |x| x.to_string()),
            )
        }));
        blocks.push(SummaryBlock {
            id: "summary-strength".into(),
            title: "Strength and function".into(),
            lines,
            tables: Vec::new(),
            charts: vec![svg(&home_test_chart(
                records,
                HomeTest::SitToStand30s,
                req.from,
                req.to,
            ))],
        });
    }
    if let Some(labs) = &s.labs {
        let mut t = Table::new(
            "summary-labs",
            "Lab results in the range",
            &["Test", "Results", "Out of range", "Latest"],
            "No lab results in the range.",
        );
        for l in labs {
            t.rows.push(vec![
                l.analyte.id().to_uppercase(),
                l.count.to_string(),
                l.out_of_range.to_string(),
                format!(
                    "{} {} on {}",
                    fmt_num(l.latest.value),
                    l.latest.unit.display(),
                    l.latest.date
                ),
            ]);
        }
        blocks.push(SummaryBlock {
            id: "summary-labs".into(),
            title: "Labs".into(),
            lines: Vec::new(),
            tables: vec![t],
            charts: vec![svg(&lab_chart(
                state.rules(),
                records,
                Analyte::Ck,
                req.from,
                req.to,
            ))],
        });
    }
    if let Some(m) = &s.medicines {
        let mut lines: Vec<String> = m
            .taken
            .iter()
            .map(|l| {
                format!(
                    "{}: {} ({}), from {}{}.",
                    l.name,
                    l.dose,
                    l.schedule,
                    l.start,
                    l.end.map_or(String::new(), |e| format!(" to {e}"))
                )
            })
            .collect();
        lines.extend(m.changes.iter().map(|c| {
            let what = match c.kind {
                myo_tracker::summary::ChangeKind::Started => "started".to_owned(),
                myo_tracker::summary::ChangeKind::Stopped => "stopped".to_owned(),
                myo_tracker::summary::ChangeKind::TaperStep(d) => format!("taper step to {d}"),
                myo_tracker::summary::ChangeKind::TaperEnded => "taper ended".to_owned(),
            };
            format!("{}: {} {what}.", c.date, c.name)
        }));
        blocks.push(SummaryBlock {
            id: "summary-medicines".into(),
            title: "Medicines and changes".into(),
            lines,
            tables: Vec::new(),
            charts: Vec::new(),
        });
    }
    if let Some(fl) = &s.flares {
        let mut lines: Vec<String> = fl
            .iter()
            .map(|f| format!("{}: {}", f.date(), f.explanation()))
            .collect();
        lines.push(
            "Flare signals are a heuristic (status: partial), not a diagnosis: discuss them with your care team."
                .into(),
        );
        blocks.push(SummaryBlock {
            id: "summary-flares".into(),
            title: "Flare signals".into(),
            lines,
            tables: Vec::new(),
            charts: Vec::new(),
        });
    }
    if let Some(q) = &s.questions {
        blocks.push(SummaryBlock {
            id: "summary-questions".into(),
            title: "Questions for the doctor".into(),
            lines: q.clone(),
            tables: Vec::new(),
            charts: Vec::new(),
        });
    }
    Ok((s, blocks))
}

#[derive(Template)]
#[template(path = "tracker_summary.html")]
struct SummaryPage {
    l: Layout,
    f: Frame,
    from: String,
    to: String,
    chosen: Vec<(&'static str, &'static str, bool)>,
    questions: String,
    error: Option<FormError>,
    days: String,
    blocks: Vec<SummaryBlock>,
    pdf_link: String,
}

/// `GET /patients/{id}/summary?from=&to=&sections=…&questions=`
pub async fn summary(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, false).await?;
    let today = today_or_500()?;
    let f = FormData::parse(query.as_deref().unwrap_or("").as_bytes());
    let (req, error) = match summary_request(query.as_deref(), today) {
        Ok(r) => (r, None),
        Err(e) => (
            summary_request(None, today)
                .map_err(|e| PageError(StatusCode::BAD_REQUEST, e.to_string()))?,
            Some(FormError::from(e)),
        ),
    };
    let (_, records) = load(
        &state,
        &a,
        &client,
        "visit_summary",
        Some(req.from.add_days(-30)),
    )
    .await?;
    let (s, mut blocks) = summary_blocks(&state, &records, &req)
        .map_err(|e| PageError(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    let flags = super::red_flags::open(&state, &a.patient.id).await?;
    blocks.splice(0..0, super::red_flags::summary_block(&flags));
    let page = SummaryPage {
        l: layout(&state, &u, "Visit summary"),
        f: Frame::new(&a, "summary"),
        from: req.from.to_string(),
        to: req.to.to_string(),
        chosen: SECTIONS
            .iter()
            .map(|(sid, label)| (*sid, *label, req.sections.contains(sid)))
            .collect(),
        questions: f.get("questions").to_owned(),
        error,
        days: format!(
            "{} of {} days have a diary entry.",
            s.days_recorded, s.days_in_range
        ),
        blocks,
        pdf_link: format!(
            "/patients/{}/summary.pdf?{}",
            a.patient_id(),
            query.unwrap_or_default()
        ),
    };
    Ok(render(&page))
}

/// `GET /patients/{id}/summary.pdf?…`: the same summary as a small PDF (text and vector charts).
pub async fn summary_pdf(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, false).await?;
    let today = today_or_500()?;
    let req = summary_request(query.as_deref(), today)
        .map_err(|e| PageError(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    let entry = a.entry(&client, action::EXPORT, "visit_summary", None);
    let range = DateRange {
        from: Some(req.from.add_days(-30).to_string()),
        to: None,
    };
    let data = db::load(&state, &a.patient.id, &range, &entry).await?;
    let records = convert::records(state.rules(), state.scorer().catalog(), &data);
    let (s, mut blocks) = summary_blocks(&state, &records, &req)
        .map_err(|e| PageError(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    let flags = super::red_flags::open(&state, &a.patient.id).await?;
    blocks.splice(0..0, super::red_flags::summary_block(&flags));
    let title = format!(
        "Visit summary for {}, {} to {}",
        a.patient_name(),
        s.from,
        s.to
    );
    let bytes = super::pdf::summary(&title, &blocks, &records, req.from, req.to);
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"myo-summary-{}-{}.pdf\"",
                    s.from, s.to
                ),
            ),
        ],
        bytes,
    )
        .into_response())
}

// ---- conditions and antibodies ----------------------------------------------------------------

/// An antibody result as listed, with what the knowledge base says it flags.
pub struct AntibodyLine {
    /// Antibody name.
    pub name: String,
    /// Outcome and titre.
    pub result: String,
    /// Sample date.
    pub date: String,
    /// KB flags (clinical features it is associated with), for positive results.
    pub flags: Vec<String>,
    /// KB entry link.
    pub link: Option<String>,
    /// "Delete" link, for the patient.
    pub delete: Option<DeleteLink>,
    /// For a positive result: what to watch for and what to do, from the KB page.
    pub guidance: Vec<(String, Vec<String>)>,
    /// A KB action plan for this antibody, when there is one.
    pub plan: Option<String>,
}

#[derive(Template)]
#[template(path = "tracker_conditions.html")]
struct ConditionsPage {
    l: Layout,
    f: Frame,
    date: String,
    condition_ids: Vec<&'static str>,
    antibody_ids: Vec<(&'static str, String)>,
    error: Option<FormError>,
    saved: bool,
    conditions: Table,
    antibodies: Vec<AntibodyLine>,
}

/// The KB `[antibody]` entry for a tracker antibody id (matched by the entry's name).
pub fn kb_antibody<'k>(kb: &'k myo_kb::Kb, id: &str) -> Option<(&'k str, &'k myo_kb::Antibody)> {
    let want = id.replace(['-', '_'], "");
    // The antibody's own page, not a longer companion page (an action plan) with the same table.
    let mut hits: Vec<(&'k str, &'k myo_kb::Antibody)> = kb
        .entries()
        .iter()
        .filter_map(|e| match &e.structured {
            Some(myo_kb::Structured::Antibody(a)) => {
                let name = a.name.to_lowercase().replace(['-', '_', ' '], "");
                let name = name.trim_start_matches("anti");
                let hit = name == want
                    || (want == "tif1g" && name.starts_with("tif1"))
                    || (want == "sae1" && name.starts_with("sae"));
                hit.then_some((e.id.as_str(), a))
            }
            _ => None,
        })
        .collect();
    hits.sort_by_key(|(eid, _)| eid.len());
    hits.into_iter().next()
}

async fn conditions_page(
    state: &AppState,
    u: &crate::auth::CurrentUser,
    a: &Access,
    client: &Client,
    (error, saved): (Option<FormError>, bool),
    notice: Option<&'static str>,
) -> Result<Response, PageError> {
    let today = today_or_500()?;
    let (data, _) = load(state, a, client, "conditions", None).await?;
    let mut conditions = Table::new(
        "condition-list",
        "Diagnoses as recorded (Myo never diagnoses)",
        &[
            "Condition",
            "Diagnosed",
            "Resolved",
            "ICD-10-CM",
            "SNOMED CT",
        ],
        "No conditions recorded.",
    );
    for c in &data.conditions {
        let o = |v: &Option<String>| v.clone().unwrap_or_else(|| "–".to_owned());
        let name = c.condition.replace('_', " ");
        let delete = a.is_owner().then(|| {
            let when = c
                .diagnosed
                .as_ref()
                .map_or_else(String::new, |d| format!(" {d}"));
            link(
                a.patient_id(),
                RecordKind::Condition,
                &c.id,
                format!("condition {name}{when}"),
            )
        });
        conditions.push_with_link(
            vec![
                name,
                o(&c.diagnosed),
                o(&c.resolved),
                o(&c.icd10cm),
                o(&c.snomed),
            ],
            delete,
        );
    }
    let antibodies = data
        .antibodies
        .iter()
        .map(|r| {
            let kb = kb_antibody(state.kb(), &r.antibody);
            let name = kb.map_or_else(|| format!("anti-{}", r.antibody), |(_, k)| k.name.clone());
            AntibodyLine {
                delete: a.is_owner().then(|| {
                    link(
                        a.patient_id(),
                        RecordKind::Antibody,
                        &r.id,
                        format!("antibody {name} {}", r.date),
                    )
                }),
                name,
                result: match &r.titre {
                    Some(t) => format!("{} ({t})", r.outcome),
                    None => r.outcome.clone(),
                },
                date: r.date.clone(),
                flags: if r.outcome == "positive" {
                    kb.map(|(_, k)| k.flags.clone()).unwrap_or_default()
                } else {
                    Vec::new()
                },
                guidance: match kb {
                    Some((kid, _)) if r.outcome == "positive" => {
                        let mut g = super::safety::antibody_guidance(
                            state.kb(),
                            &format!("{kid}-action-plan"),
                        );
                        g.extend(super::safety::antibody_guidance(state.kb(), kid));
                        g
                    }
                    _ => Vec::new(),
                },
                plan: kb
                    .filter(|_| r.outcome == "positive")
                    .map(|(kid, _)| format!("{kid}-action-plan"))
                    .filter(|p| state.kb().entries().iter().any(|e| e.id == *p))
                    .map(|p| format!("/kb/{p}")),
                link: kb.map(|(id, _)| format!("/kb/{id}")),
            }
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut res = render(&ConditionsPage {
        l: layout(state, u, "Conditions and antibodies"),
        f: Frame::new(a, "conditions").with_notice(notice),
        date: today.to_string(),
        condition_ids: myo_tracker::records::ConditionKind::ALL
            .iter()
            .map(|k| k.id())
            .collect(),
        antibody_ids: myo_tracker::records::AntibodyKind::ALL
            .iter()
            .map(|k| match k.id() {
                "ana" => ("ana", "ANA".to_owned()),
                id => (id, format!("anti-{id}")),
            })
            .collect(),
        error,
        saved,
        conditions,
        antibodies,
    });
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /patients/{id}/conditions[?done=deleted]`
pub async fn conditions(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, false).await?;
    conditions_page(
        &state,
        &u,
        &a,
        &client,
        (None, false),
        notice(query.as_deref()),
    )
    .await
}

/// `POST /patients/{id}/conditions`: `form=condition` (`condition`, `diagnosed`, `resolved`) or
/// `form=antibody` (`antibody`, `outcome`, `titre`, `date`).
pub async fn save_condition(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let f = FormData::parse(&body);
    let now = Timestamp::now();
    let record = if f.get("form") == "antibody" {
        myo_api::tracker::AntibodyDto {
            antibody: f.get("antibody").to_owned(),
            outcome: f.get("outcome").to_owned(),
            titre: f.opt("titre"),
            date: f.get("date").to_owned(),
            loinc: None,
        }
        .to_domain(state.rules())
        .map(|r| myo_store::Record::Antibody(convert::antibody_row(&r, now)))
    } else {
        myo_api::tracker::ConditionDto {
            condition: f.get("condition").to_owned(),
            diagnosed: f.opt("diagnosed"),
            resolved: f.opt("resolved"),
            icd10cm: None,
            snomed: None,
        }
        .to_domain(state.rules())
        .map(|(c, resolved)| {
            myo_store::Record::Condition(convert::condition_row(&c, resolved, now))
        })
    };
    let record = match record {
        Ok(r) => r,
        Err(e) => {
            return conditions_page(&state, &u, &a, &client, (Some(e.into()), false), None).await;
        }
    };
    let audit = a.entry(
        &client,
        action::CREATE,
        record.kind().table(),
        Some(record.id().as_str()),
    );
    db::save(&state, &a.patient.id, record, &audit).await?;
    conditions_page(&state, &u, &a, &client, (None, true), None).await
}

/// `POST /patients/{id}/profile`: `time_zone` (IANA name) for dose schedules.
pub async fn save_profile(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let f = FormData::parse(&body);
    let zone = match Zone::named("time_zone", f.get("time_zone")) {
        Ok(z) => z,
        Err(e) => {
            return medicines_page(
                &state,
                &u,
                &a,
                &client,
                (Some(e.into()), Vec::new(), Vec::new()),
                (String::new(), FormData::parse(b"")),
                None,
            )
            .await;
        }
    };
    let mut profile = state
        .store()
        .get_profile(&a.patient.id)
        .await?
        .unwrap_or_default();
    profile.time_zone = zone.name().to_owned();
    profile.updated_at = Timestamp::now();
    let audit = a.entry(&client, action::UPDATE, "patient_profiles", None);
    state
        .store()
        .put_profile(&a.patient.id, &profile, &audit)
        .await?;
    Ok(Redirect::to(&format!("/patients/{id}/medicines")).into_response())
}
