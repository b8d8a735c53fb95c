//! The medicines page: what is taken and how, adherence, missed doses with the drug guide's
//! advice, and the form (the methotrexate and dose checks run before anything is saved).

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use myo_api::tracker::{DoseDto, MedicineDto, ScheduleDto};
use myo_store::audit::action;
use myo_store::{DoseEventRow, Record, RecordId, RecordKind, Timestamp};
use myo_tracker::medicines::{Medicine, Zone, adherence, expand, missed_doses, reconcile};
use myo_tracker::{Date, Invalid};

use super::super::access::resolve;
use super::super::delete::{DeleteLink, link};
use super::super::safety::MedicineCheck;
use super::super::{convert, db};
use super::{
    Ctx, FormData, FormError, Frame, Outcome, RecordPage, layout, load, respond, today_for,
};
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::i18n::{ToArg, Tr, words};
use crate::pages::{Layout, PageError};

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
    /// The version a change form edits (see the record's history).
    pub version: i64,
    /// Stopped (it has a last day): a restart is offered instead of a dose change.
    pub ended: bool,
    /// Why it was stopped, when a reason was given.
    pub stop_reason: Option<String>,
}

/// The dose in force of each medicine on one chosen day.
pub struct InForce {
    /// The day (`YYYY-MM-DD`).
    pub on: String,
    /// (medicine, dose in words or "not taken that day").
    pub lines: Vec<(String, String)>,
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
    in_force: InForce,
    weekdays: Vec<(&'static str, String)>,
    form_name: String,
    time_zone: String,
    zones: Vec<&'static str>,
    kept: FormData,
    confirm: Vec<String>,
}

/// The dose in force of each medicine on `?on=` (default today), from the records' dose
/// changes, tapers and stops.
fn in_force(
    state: &AppState,
    tr: &Tr,
    data: &myo_store::PatientData,
    query: Option<&str>,
    today: Date,
) -> InForce {
    let q = FormData::parse(query.unwrap_or("").as_bytes());
    let on = Date::parse("on", q.get("on")).unwrap_or(today);
    let meds: Vec<Medicine> = data
        .medicines
        .iter()
        .filter_map(|r| convert::medicine(state.rules(), r).ok())
        .collect();
    let lines = myo_tracker::course::courses(&meds)
        .iter()
        .map(|c| {
            let dose = c.dose_on(on).map_or_else(
                || tr.t("meds-not-taken-that-day"),
                |(d, m)| {
                    format!(
                        "{} ({})",
                        words::dose(tr, &d),
                        schedule_words(tr, &m.input().schedule)
                    )
                },
            );
            (c.name().to_owned(), dose)
        })
        .collect();
    InForce {
        on: on.to_string(),
        lines,
    }
}

/// A medicine's schedule in words in `tr`'s language (`weekly on friday at 08:00`).
pub fn schedule_words(tr: &Tr, s: &myo_tracker::medicines::Schedule) -> String {
    use myo_tracker::medicines::Schedule;
    let list = |items: Vec<String>| items.join(", ");
    match s {
        Schedule::Daily { time } => tr.t1("sched-daily", "time", time.to_string()),
        Schedule::SeveralDaily { times } => tr.t1(
            "sched-daily",
            "time",
            list(times.iter().map(ToString::to_string).collect()),
        ),
        Schedule::Weekly { day, time } => tr.t2(
            "sched-weekly",
            "day",
            weekday(tr, day.as_str()),
            "time",
            time.to_string(),
        ),
        Schedule::EveryNWeeks { n, time } => {
            tr.t2("sched-every-n-weeks", "n", *n, "time", time.to_string())
        }
        Schedule::Course { dates, time } => tr.t2(
            "sched-course",
            "dates",
            list(
                dates
                    .iter()
                    .map(|d| words::date(tr, &d.to_string()))
                    .collect(),
            ),
            "time",
            time.to_string(),
        ),
        Schedule::Taper { steps, time } => tr.t2(
            "sched-taper",
            "time",
            time.to_string(),
            "steps",
            steps
                .iter()
                .map(|s| {
                    tr.t2(
                        "sched-taper-step",
                        "dose",
                        words::dose(tr, &s.dose),
                        "days",
                        s.days,
                    )
                })
                .collect::<Vec<_>>()
                .join(&tr.t("sched-taper-then")),
        ),
    }
}

/// A weekday (`friday`) in `tr`'s language.
pub fn weekday(tr: &Tr, id: &str) -> String {
    tr.t(&format!("weekday-{id}"))
}

/// A route of administration (`oral`) in `tr`'s language.
pub fn route_words(tr: &Tr, r: myo_tracker::medicines::Route) -> String {
    tr.t(&format!("route-{}", myo_api::tracker::route_name(r)))
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

/// What the medicines page shows besides an [`Outcome`]: the suggestions after a save (folic
/// acid), the warnings to confirm, and the name saved.
#[derive(Default)]
pub struct MedNotes {
    /// Suggestions after a save.
    pub suggestions: Vec<myo_tracker::Phrase>,
    /// Warnings the person must confirm with a reason.
    pub confirm: Vec<myo_tracker::Phrase>,
    /// The name of the medicine saved.
    pub saved_name: String,
}

/// The medicines page (`/patients/{id}/medicines`).
pub struct Medicines;

impl RecordPage for Medicines {
    async fn render(cx: &Ctx<'_>, out: Outcome) -> Result<Response, PageError> {
        medicines_page(cx, out, MedNotes::default()).await
    }

    fn parse(state: &AppState, f: &FormData, _today: Date) -> Result<Record, Invalid> {
        let ok = accept(state, f)?;
        Ok(Record::Medicine(convert::medicine_row(
            &ok.medicine,
            f.get("risk_factor") == "yes",
            Timestamp::now(),
        )))
    }

    /// A daily methotrexate entry is refused with the tracker's explanation (422, nothing
    /// saved); a dose above the usual range asks for a reason; an accepted one shows its
    /// suggestions (folic acid).
    async fn save(cx: &Ctx<'_>, f: FormData) -> Result<Response, PageError> {
        let ok = match accept(cx.state, &f) {
            Ok(ok) => ok,
            Err(e) => return Self::render(cx, Outcome::refused(e, f)).await,
        };
        let (_, records) = load(cx.state, cx.a, cx.client, "medicines", None).await?;
        let check = super::super::safety::check_medicine(
            cx.state.rules(),
            cx.state.kb(),
            &ok.medicine,
            &records.medicines,
            f.opt("confirmation").as_deref(),
        );
        let confirmation = match check {
            MedicineCheck::Save { confirmation } => confirmation,
            MedicineCheck::Confirm(warnings) => {
                let out = Outcome {
                    kept: Some(f),
                    ..Outcome::default()
                };
                let notes = MedNotes {
                    confirm: warnings,
                    ..MedNotes::default()
                };
                return medicines_page(cx, out, notes).await;
            }
            MedicineCheck::Refused(e) => return Self::render(cx, Outcome::refused(e, f)).await,
        };
        let mut row = convert::medicine_row(
            &ok.medicine,
            f.get("risk_factor") == "yes",
            Timestamp::now(),
        );
        row.confirmation = confirmation;
        let audit = cx.a.entry(
            cx.client,
            action::CREATE,
            "medicines",
            Some(row.id.as_str()),
        );
        db::save(cx.state, &cx.a.patient.id, Record::Medicine(row), &audit).await?;
        let notes = MedNotes {
            suggestions: ok.suggestions,
            confirm: Vec::new(),
            saved_name: ok.medicine.input().name.clone(),
        };
        medicines_page(cx, Outcome::saved(), notes).await
    }
}

/// The form read, validated and accepted by the tracker's medicine rules.
fn accept(state: &AppState, f: &FormData) -> Result<myo_tracker::medicines::Accepted, Invalid> {
    medicine_form(f)
        .and_then(|dto| dto.to_input())
        .and_then(|input| Medicine::accept(state.rules(), input))
}

/// Renders the medicines page.
pub async fn medicines_page(
    cx: &Ctx<'_>,
    out: Outcome,
    notes: MedNotes,
) -> Result<Response, PageError> {
    let Ctx {
        state,
        u,
        a,
        client,
    } = *cx;
    let MedNotes {
        suggestions,
        confirm,
        saved_name: form_name,
    } = notes;
    let error = out.error;
    let kept = out.kept.unwrap_or_else(|| FormData::parse(b""));
    let today = today_for(state, a).await?;
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
    let versions = super::super::edit::versions(state, a).await?;
    let tr = state.tr(u.locale.lang);
    let in_force = in_force(state, &tr, &data, out.query.as_deref(), today);
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
                when: format!(
                    "{} {}",
                    words::date(&tr, &md.dose.date.to_string()),
                    md.dose.time
                ),
                guidance: md
                    .guidance
                    .unwrap_or_else(|| tr.t("meds-no-missed-dose-advice")),
                link: guide.map(|g| format!("/kb/{}", g.0)),
            });
        }
        meds.push(MedLine {
            delete: a.is_owner().then(|| {
                link(
                    a.patient_id(),
                    RecordKind::Medicine,
                    &row.id,
                    tr.t2(
                        "meds-delete-label",
                        "name",
                        i.name.as_str(),
                        "date",
                        words::date(&tr, &i.start.to_string()),
                    ),
                )
            }),
            id: row.id.as_str().to_owned(),
            confirmation: row.confirmation.clone(),
            version: versions.get(row.id.as_str()).copied().unwrap_or(1),
            ended: i.end.is_some(),
            stop_reason: row.stop_reason.clone(),
            name: i.name.clone(),
            how: format!(
                "{} {}, {}",
                words::dose(&tr, &i.dose),
                route_words(&tr, i.route),
                schedule_words(&tr, &i.schedule)
            ),
            dates: match i.end {
                Some(e) => tr.t2(
                    "meds-dates-ended",
                    "start",
                    words::date(&tr, &i.start.to_string()),
                    "end",
                    words::date(&tr, &e.to_string()),
                ),
                None => tr.t1(
                    "meds-dates-since",
                    "start",
                    words::date(&tr, &i.start.to_string()),
                ),
            },
            adherence: tr.ta(
                "meds-adherence",
                &[
                    ("taken", adh.taken.to_arg()),
                    ("missed", adh.missed.to_arg()),
                    ("unknown", adh.not_recorded.to_arg()),
                ],
            ),
            recent: scheduled
                .iter()
                .rev()
                .take(14)
                .map(|d| (d.date.to_string(), d.time.to_string()))
                .collect(),
        });
    }
    let refused = error.is_some() || !confirm.is_empty();
    let saved = out.saved && !refused;
    Ok(respond(
        &MedicinesPage {
            l: layout(state, u, &tr.t("tab-medicines")),
            f: Frame::new(a, "medicines").with_notice(out.notice),
            start: today.to_string(),
            error,
            suggestions: suggestions.iter().map(|s| words::phrase(&tr, s)).collect(),
            saved,
            meds,
            missed,
            in_force,
            weekdays: myo_tracker::Weekday::ALL
                .iter()
                .map(|d| (d.as_str(), weekday(&tr, d.as_str())))
                .collect(),
            form_name,
            kept,
            time_zone: zone.name().to_owned(),
            zones: Zone::names(),
            confirm: confirm.iter().map(|w| words::phrase(&tr, w)).collect(),
        },
        refused,
    ))
}

/// A taper's steps as people write them: "20 mg for 7 days, 15 mg for 7 days" (steps separated
/// by commas, semicolons or "then"), or in Spanish: "20 mg durante 7 días, luego 15 mg durante
/// 7 días" (a comma between two digits is a decimal comma: `7,5 mg`). Anything else is
/// refused naming the step.
pub fn taper_steps(text: &str) -> Result<Vec<myo_api::tracker::TaperStepDto>, Invalid> {
    let allowed = "steps like \"20 mg for 7 days, 15 mg for 7 days\"";
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(char::is_ascii_digit)
    };
    let mut pieces = Vec::new();
    let mut start = 0;
    for (n, (at, c)) in text.char_indices().enumerate() {
        let decimal = c == ',' && digit(n.checked_sub(1)) && digit(Some(n + 1));
        if c == ';' || (c == ',' && !decimal) {
            pieces.push(&text[start..at]);
            start = at + c.len_utf8();
        }
    }
    pieces.push(&text[start..]);
    let steps: Vec<&str> = pieces
        .into_iter()
        .flat_map(|s| s.split(" then "))
        .flat_map(|s| s.split(" luego "))
        .map(|s| s.trim().strip_prefix("luego ").unwrap_or(s.trim()))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if steps.is_empty() {
        return Err(Invalid::new("schedule.steps", "no steps", allowed)
            .with(myo_tracker::Worded::new("invalid-no-taper-steps")));
    }
    steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let bad = || {
                Invalid::new(format!("schedule.steps[{i}]"), format!("'{step}'"), allowed)
                    .with(myo_tracker::Worded::new("invalid-taper-step").text("text", *step))
            };
            let words: Vec<&str> = step
                .split_whitespace()
                .filter(|w| *w != "for" && *w != "durante")
                .collect();
            let [amount, unit, days, day_word] = words.as_slice() else {
                return Err(bad());
            };
            if !["day", "día", "dia"]
                .iter()
                .any(|d| day_word.starts_with(d))
            {
                return Err(bad());
            }
            Ok(myo_api::tracker::TaperStepDto {
                dose: DoseDto {
                    // `7,5 mg` as well as `7.5 mg`; what reads two ways is refused.
                    amount: myo_tracker::plausible::parse_number(
                        "amount",
                        amount,
                        myo_tracker::plausible::NumberStyle::Unknown,
                    )
                    .ok()
                    .flatten()
                    .ok_or_else(bad)?,
                    unit: (*unit).to_owned(),
                },
                days: days.parse::<u32>().map_err(|_| bad())?,
            })
        })
        .collect()
}

/// The schedule kinds of the medicine form: id, the words the form shows, and the text fields
/// only that kind reads (`data-kinds` in the template shows each field for its kinds). The day
/// and time are menus and defaults that are always sent, so they are ignored where not needed.
/// A form field's name and its path in error messages.
type OwnField = Option<(&'static str, &'static str)>;

const SCHEDULE_KINDS: [(&str, &str, OwnField); 6] = [
    ("daily", "daily", None),
    (
        "several_daily",
        "several times a day",
        Some(("times", "schedule.times")),
    ),
    ("weekly", "weekly on a day", None),
    ("every_n_weeks", "every N weeks", Some(("n", "schedule.n"))),
    (
        "course",
        "on listed dates",
        Some(("dates", "schedule.dates")),
    ),
    (
        "taper",
        "a taper (steps)",
        Some(("steps", "schedule.steps")),
    ),
];

/// A field filled in for another schedule kind than the chosen one is refused, naming it:
/// without JavaScript every field shows, and a value typed for another kind is never used or
/// dropped silently. A taper's dose comes from its steps, so a different Dose is refused too.
fn only_fields_of_kind(f: &FormData, chosen: &str) -> Result<(), Invalid> {
    let Some((_, chosen_words, _)) = SCHEDULE_KINDS.iter().find(|(id, _, _)| *id == chosen) else {
        return Ok(()); // an unknown kind is refused with the allowed ones below
    };
    for (id, words, field) in SCHEDULE_KINDS {
        let Some((name, path)) = field else { continue };
        if id != chosen && !f.get(name).trim().is_empty() {
            return Err(Invalid::new(
                path,
                format!("filled in, but How often is '{chosen_words}'"),
                format!("empty for '{chosen_words}'; choose '{words}' under How often to use it"),
            )
            .with(
                myo_tracker::Worded::new("invalid-field-of-other-kind")
                    .part(
                        "chosen",
                        myo_tracker::Worded::new(format!("schedule-kind-{chosen}")),
                    )
                    .part(
                        "kind",
                        myo_tracker::Worded::new(format!("schedule-kind-{id}")),
                    ),
            ));
        }
    }
    Ok(())
}

/// The medicine form as the API's DTO (so both paths share one validation).
pub fn medicine_form(f: &FormData) -> Result<MedicineDto, Invalid> {
    only_fields_of_kind(f, f.get("schedule_kind"))?;
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
        "taper" => ScheduleDto::Taper {
            steps: taper_steps(f.get("steps"))?,
            time,
        },
        other => {
            return Err(Invalid::new(
                "schedule.kind",
                format!("'{other}'"),
                "daily, several_daily, weekly, every_n_weeks, course, taper",
            ));
        }
    };
    // A taper's dose is its first step's unless one is given.
    let first_step = match &schedule {
        ScheduleDto::Taper { steps, .. } => steps.first().map(|s| s.dose.clone()),
        _ => None,
    };
    Ok(MedicineDto {
        name: f.get("name").to_owned(),
        generic_name: f.opt("generic_name"),
        rxcui: None,
        dose: match (f.number("dose_amount")?, first_step) {
            // A taper's dose is its steps'; a Dose that says otherwise is refused, not used.
            (Some(amount), Some(first))
                if (amount - first.amount).abs() > 1e-9
                    || !f.get("dose_unit").eq_ignore_ascii_case(&first.unit) =>
            {
                return Err(Invalid::new(
                    "dose.amount",
                    format!(
                        "{} {} differs from the first taper step ({} {})",
                        super::fmt_num(amount),
                        f.get("dose_unit"),
                        super::fmt_num(first.amount),
                        first.unit
                    ),
                    "empty for a taper: the dose comes from the steps",
                )
                .with(
                    myo_tracker::Worded::new("invalid-taper-dose-differs")
                        .num("amount", super::fmt_num(amount))
                        .text("unit", f.get("dose_unit"))
                        .num("first", super::fmt_num(first.amount))
                        .text("first_unit", first.unit.clone()),
                ));
            }
            (Some(amount), _) => DoseDto {
                amount,
                unit: f.get("dose_unit").to_owned(),
            },
            (None, Some(first)) => first,
            (None, None) => {
                return Err(Invalid::new("dose.amount", "missing", "a number > 0")
                    .with(myo_tracker::Worded::new("invalid-missing-positive")));
            }
        },
        route: f.get("route").to_owned(),
        schedule,
        start: f.get("start").to_owned(),
        end: f.opt("end"),
        confirmation: f.opt("confirmation"),
    })
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
    let cx = Ctx::new(&state, &u, &a, &client);
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
        return Medicines::render(&cx, Outcome::refused(e, FormData::parse(b""))).await;
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
            return Err(super::super::access::Refused::NotFound.into());
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/patients/{id}/medicines#missed-doses")).into_response())
}
