//! Deleting one record from the pages. Every row the patient owns has a "Delete" link to a
//! confirmation page (`GET /patients/{id}/records/{kind}/{record}/delete`) that shows what will
//! go. Its form posts to the same address, which deletes the record (audited in the store's
//! transaction) and sends the patient back to the record's page with "Deleted."
//!
//! Only the patient may delete: a clinician gets the same 403 as for any other write, and
//! another patient's record id the same 404 as a missing one. Which kinds have a page (and so a
//! delete page) is declared in [`super::kinds::KINDS`]; a dose is corrected by recording it
//! again, so it has no page here (the JSON API deletes it).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::audit::action;
use myo_store::{Record, RecordId, RecordKind};
use serde_json::Value;

use super::access::{Refused, resolve};
use super::kinds::{self, KindDecl};
use super::pages::{Frame, kb_antibody, layout, route_words, schedule_words};
use super::{convert, db};
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::i18n::Tr;
use crate::pages::{Layout, PageError, render};

/// The `?done=` code a page gets after a deletion, and the notice it shows for it.
pub const DONE: (&str, &str) = ("deleted", "Deleted.");

/// A "Delete" link for one row: its target and the words a screen reader adds to "Delete".
#[derive(Debug, Clone)]
pub struct DeleteLink {
    /// Element id (`delete-<record id>`).
    pub id: String,
    /// The confirmation page.
    pub href: String,
    /// What it deletes, e.g. `lab CK 2026-03-01` (read as "Delete lab CK 2026-03-01").
    pub label: String,
    /// The record's edit page, when its kind is edited on the generic edit page.
    pub edit: Option<String>,
    /// The record's history page.
    pub history: String,
    /// "edited on …" in the person's time zone, once it has been edited.
    pub edited: Option<String>,
}

impl DeleteLink {
    /// Notes when the record was last edited, from `edited` (record id → when).
    pub fn mark(&mut self, edited: &std::collections::HashMap<String, String>) {
        let rid = self.id.trim_start_matches("delete-");
        self.edited = edited.get(rid).cloned();
    }
}

/// The link to delete record `id` of `kind` for patient `pid`; `label` names the record.
pub fn link(pid: &str, kind: RecordKind, id: &RecordId, label: String) -> DeleteLink {
    let at = |action: &str| {
        kinds::of(kind).map_or_else(
            || format!("/patients/{pid}/records/{}/{id}/{action}", kind.table()),
            |k| k.record_href(pid, id.as_str(), action),
        )
    };
    DeleteLink {
        id: format!("delete-{id}"),
        href: at("delete"),
        edit: kinds::of(kind).and_then(|k| k.edit).map(|_| at("edit")),
        history: at("history"),
        label,
        edited: None,
    }
}

/// The declaration for an address id, when the pages list (and so delete) that kind; else the
/// usual 404 page.
fn deletable(wire: &str) -> Result<&'static KindDecl, PageError> {
    kinds::by_slug(wire)
        .filter(|k| k.page.is_some())
        .ok_or_else(|| Refused::NotFound.into())
}

#[derive(Template)]
#[template(path = "tracker_delete.html")]
struct ConfirmPage {
    l: Layout,
    f: Frame,
    noun: String,
    date: String,
    summary: String,
    also: Option<String>,
    action: String,
    back: String,
}

fn num(v: Option<f64>, unit: &str) -> String {
    v.map_or_else(|| "not done".to_owned(), |x| format!("{x}{unit}"))
}

/// The record's date and a one-line summary, in plain words.
fn describe(state: &AppState, tr: &Tr, record: &Record) -> (String, String) {
    match record {
        Record::HomeTest(r) => (
            r.date.clone(),
            format!(
                "sit-to-stand {}, timed up-and-go {}, arm raise {}",
                num(r.sit_to_stand_30s, ""),
                num(r.timed_up_and_go_s, " s"),
                num(r.arm_raise_s, " s")
            ),
        ),
        Record::Assessment(r) => {
            let id = r.instrument.split('@').next().unwrap_or("");
            let name = super::assessments::INSTRUMENTS
                .iter()
                .find(|(i, _)| *i == id)
                .map_or(id, |(_, label)| label);
            let results = serde_json::from_str::<Value>(&r.results_json).unwrap_or(Value::Null);
            let result = match (&results["total"], &results["haq_di"]) {
                (Value::Number(t), _) => format!("total {t}"),
                (_, Value::Number(h)) => format!("HAQ-DI {h}"),
                _ => "no total (some items missing)".to_owned(),
            };
            (r.date.clone(), format!("{name}: {result}"))
        }
        Record::Lab(r) => {
            let unit =
                myo_tracker::labs::Unit::parse(&r.unit).map_or(r.unit.as_str(), |u| u.display());
            let range = match (&r.range_low, &r.range_high, &r.uln) {
                (Some(low), Some(high), _) => format!(" (reference {low}–{high})"),
                (_, _, Some(uln)) => format!(" (reference ≤ {uln})"),
                _ => String::new(),
            };
            (
                r.date.clone(),
                format!("{} {} {unit}{range}", r.analyte.to_uppercase(), r.value),
            )
        }
        Record::Medicine(r) => {
            let how = convert::medicine(state.rules(), r).map_or_else(
                |_| format!("{} {}", r.dose_amount, r.dose_unit),
                |m| {
                    let i = m.input();
                    format!(
                        "{} {}, {}",
                        i.dose,
                        route_words(tr, i.route),
                        schedule_words(tr, &i.schedule)
                    )
                },
            );
            let dates = r
                .end_date
                .as_ref()
                .map_or_else(String::new, |e| format!(", until {e}"));
            (r.start_date.clone(), format!("{}: {how}{dates}", r.name))
        }
        Record::Condition(r) => (
            r.diagnosed
                .clone()
                .unwrap_or_else(|| "no date given".to_owned()),
            format!(
                "{}{}",
                r.condition.replace('_', " "),
                r.resolved
                    .as_ref()
                    .map_or_else(String::new, |d| format!(", resolved {d}"))
            ),
        ),
        Record::Antibody(r) => {
            let name = kb_antibody(state.kb(), &r.antibody)
                .map_or_else(|| format!("anti-{}", r.antibody), |(_, k)| k.name.clone());
            let result = match &r.titre {
                Some(t) => format!("{} ({t})", r.outcome),
                None => r.outcome.clone(),
            };
            (r.date.clone(), format!("{name}: {result}"))
        }
        Record::Visit(r) => (r.date.clone(), super::visits::words(state, r)),
        Record::Diary(r) => (
            r.date.clone(),
            convert::diary_entry(r).map_or_else(
                |_| "diary entry".to_owned(),
                |e| {
                    let rated: Vec<String> = myo_tracker::records::Rating::ALL
                        .iter()
                        .filter_map(|k| e.rating(*k).map(|v| format!("{} {v}/10", k.label())))
                        .collect();
                    if rated.is_empty() {
                        "no ratings".to_owned()
                    } else {
                        rated.join(", ")
                    }
                },
            ),
        ),
        // Not deleted from the pages (see the module docs).
        _ => (String::new(), String::new()),
    }
}

/// What else goes with a medicine: the doses recorded for it (the store cascades them).
fn doses_note(tr: &Tr, n: usize) -> String {
    if n == 0 {
        tr.t("delete-no-doses")
    } else {
        tr.t1("delete-doses-too", "count", n)
    }
}

/// `GET /patients/{id}/records/{kind}/{record}/delete`: what will be deleted, with a "Delete"
/// button and a way back. Patient only.
pub async fn confirm(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path((id, kind, record)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let home = deletable(&kind)?;
    let rid = RecordId(record);
    let entry = a.entry(&client, action::READ, home.kind.table(), Some(rid.as_str()));
    let Some(found) = db::get(&state, &a.patient.id, home.kind, &rid, &entry).await? else {
        return Err(Refused::NotFound.into());
    };
    let also = if home.kind == RecordKind::Medicine {
        Some(doses_note(
            &state.tr(u.locale.lang),
            db::dose_count(&state, &a.patient.id, &rid).await?,
        ))
    } else {
        None
    };
    let tr = state.tr(u.locale.lang);
    let (date, summary) = describe(&state, &tr, &found);
    Ok(render(&ConfirmPage {
        l: layout(
            &state,
            &u,
            &tr.t1("delete-delete-this", "noun", home.noun_in(&tr)),
        ),
        f: Frame::new(&a, home.page.unwrap_or("dashboard")),
        noun: home.noun_in(&tr),
        date,
        summary,
        also,
        action: format!("/patients/{}/records/{kind}/{rid}/delete", a.patient_id()),
        back: home.page_href(a.patient_id()).unwrap_or_default(),
    }))
}

/// `POST /patients/{id}/records/{kind}/{record}/delete`: deletes the record (a medicine with its
/// doses), audited, then 303 to the record's page with `?done=deleted`.
pub async fn delete(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path((id, kind, record)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let home = deletable(&kind)?;
    let audit = a.entry(&client, action::DELETE, home.kind.table(), Some(&record));
    if !db::delete(&state, &a.patient.id, home.kind, &RecordId(record), &audit).await? {
        return Err(Refused::NotFound.into());
    }
    let back = home.page_href(a.patient_id()).unwrap_or_default();
    Ok(Redirect::to(&format!("{back}?done={}", DONE.0)).into_response())
}
