//! Changing a medicine over time from the medicines page: a new dose from a date, a stop with
//! its reason, a restart (`POST /patients/{id}/medicines/{record}/change`, `action` = `dose`,
//! `stop` or `restart`).
//!
//! The tracker's [`myo_tracker::course`] decides the records (the earlier dose is never
//! rewritten: its record ends the day before and keeps its history); every new record passes
//! `Medicine::accept` (the weekly-only methotrexate guard) and the dose checks again. The record
//! changed is edited at the version the form was opened at, so a change made meanwhile in
//! another tab is refused, not overwritten.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::audit::action;
use myo_store::{MedicineRow, Record, RecordId, RecordKind, StoreError, Timestamp};
use myo_tracker::course;
use myo_tracker::medicines::{Dose, Medicine, MedicineInput};
use myo_tracker::{Date, Invalid};

use super::super::access::{Refused, resolve};
use super::super::safety::{MedicineCheck, check_medicine};
use super::super::{convert, db};
use super::{Ctx, FormData, Medicines, Outcome, RecordPage};
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::pages::PageError;

/// What a change writes: the edited record (at the form's version) and a new one.
struct Plan {
    edit: Option<MedicineRow>,
    create: Option<MedicineRow>,
}

fn dose(f: &FormData, required: bool) -> Result<Option<Dose>, Invalid> {
    let Some(amount) = f.number("dose_amount")? else {
        return if required {
            Err(Invalid::new("dose.amount", "missing", "a number > 0")
                .with(myo_tracker::Worded::new("invalid-missing-positive")))
        } else {
            Ok(None)
        };
    };
    let unit = myo_api::tracker::DOSE_UNITS
        .iter()
        .find(|u| u.as_str().eq_ignore_ascii_case(f.get("dose_unit")))
        .copied()
        .ok_or_else(|| {
            Invalid::new(
                "dose.unit",
                format!("unknown unit '{}'", f.get("dose_unit")),
                "mg, g, mcg, IU, mL",
            )
            .with(myo_tracker::Worded::new("invalid-dose-unit").text("text", f.get("dose_unit")))
        })?;
    Ok(Some(Dose { amount, unit }))
}

/// Accepts `next` and checks its dose and ingredient against the other medicines in force
/// (`others`, with the record being changed already as it will be).
fn accepted(
    cx: &Ctx<'_>,
    next: MedicineInput,
    others: &[Medicine],
    f: &FormData,
) -> Result<(Medicine, Option<String>), Invalid> {
    let ok = Medicine::accept(cx.state.rules(), next)?;
    match check_medicine(
        cx.state.rules(),
        cx.state.kb(),
        &ok.medicine,
        others,
        f.opt("confirmation").as_deref(),
    ) {
        MedicineCheck::Save { confirmation } => Ok((ok.medicine, confirmation)),
        MedicineCheck::Refused(e) => Err(e),
        MedicineCheck::Confirm(warnings) => {
            let all = super::super::safety::joined(&warnings);
            Err(Invalid::new(
                "confirmation",
                all.english,
                "a reason in the Reason box of this change, if it is right",
            )
            .with(myo_tracker::Worded::new("invalid-confirm-change").part("warnings", all.worded)))
        }
    }
}

fn row(m: &Medicine, old: &MedicineRow, confirmation: Option<String>) -> MedicineRow {
    let mut r = convert::medicine_row(m, old.risk_factor, Timestamp::now());
    r.confirmation = confirmation;
    r.follows = Some(old.id.clone());
    r
}

/// What `action` does to `old`, decided and checked before anything is written.
fn plan(
    cx: &Ctx<'_>,
    f: &FormData,
    old: &MedicineRow,
    all: &[MedicineRow],
    today: Date,
) -> Result<Plan, Invalid> {
    let rules = cx.state.rules();
    let current = convert::medicine(rules, old)?;
    let input = current.input();
    let others = |changed: Option<&Medicine>| -> Vec<Medicine> {
        all.iter()
            .filter(|r| r.id != old.id)
            .filter_map(|r| convert::medicine(rules, r).ok())
            .chain(changed.cloned())
            .collect()
    };
    match f.get("action") {
        "dose" => {
            let from = Date::parse("from", f.get("from"))?;
            let new_dose = dose(f, true)?.unwrap_or(input.dose);
            let (ended, next) = course::change_dose(input, new_dose, from)?;
            let ended = Medicine::accept(rules, ended)?.medicine;
            let (next, confirmation) = accepted(cx, next, &others(Some(&ended)), f)?;
            let mut edit = convert::medicine_row(&ended, old.risk_factor, Timestamp::now());
            edit.id = old.id.clone();
            edit.confirmation = old.confirmation.clone();
            edit.follows = old.follows.clone();
            edit.stop_reason = Some(format!("dose changed to {new_dose} from {from}"));
            Ok(Plan {
                edit: Some(edit),
                create: Some(row(&next, old, confirmation)),
            })
        }
        "stop" => {
            let last = Date::parse("last_day", f.get("last_day"))?;
            myo_tracker::plausible::check_not_future("last_day", last, today.add_days(366))?;
            let ended = course::stop(input, last, f.get("reason"))?;
            let ended = Medicine::accept(rules, ended)?.medicine;
            let mut edit = convert::medicine_row(&ended, old.risk_factor, Timestamp::now());
            edit.id = old.id.clone();
            edit.confirmation = old.confirmation.clone();
            edit.follows = old.follows.clone();
            edit.stop_reason = Some(f.get("reason").to_owned());
            Ok(Plan {
                edit: Some(edit),
                create: None,
            })
        }
        "restart" => {
            let from = Date::parse("from", f.get("from"))?;
            let next = course::restart(input, from, dose(f, false)?)?;
            let (next, confirmation) = accepted(cx, next, &others(Some(&current)), f)?;
            Ok(Plan {
                edit: None,
                create: Some(row(&next, old, confirmation)),
            })
        }
        other => Err(Invalid::new(
            "action",
            format!("'{other}'"),
            "change the dose, stop or restart",
        )),
    }
}

/// `POST /patients/{id}/medicines/{record}/change`
pub async fn change(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path((id, record)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let cx = Ctx::new(&state, &u, &a, &client);
    let f = FormData::parse(&body);
    let rid = RecordId(record);
    let Some(Record::Medicine(old)) = state
        .store()
        .get_record(&a.patient.id, RecordKind::Medicine, &rid)
        .await?
    else {
        return Err(Refused::NotFound.into());
    };
    let all: Vec<MedicineRow> = state
        .store()
        .list_records(
            &a.patient.id,
            RecordKind::Medicine,
            &myo_store::DateRange::all(),
        )
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Record::Medicine(m) => Some(m),
            _ => None,
        })
        .collect();
    let today = cx.person_today().await?;
    let plan = match plan(&cx, &f, &old, &all, today) {
        Ok(p) => p,
        Err(e) => return Medicines::render(&cx, Outcome::refused(e, FormData::parse(b""))).await,
    };
    if let Some(edit) = plan.edit {
        let version = f.get("version").parse::<i64>().unwrap_or(0);
        let audit = a.entry(&client, action::UPDATE, "medicines", Some(rid.as_str()));
        match state
            .store()
            .edit_record(
                &a.patient.id,
                &Record::Medicine(edit),
                version,
                Timestamp::now(),
                &audit,
            )
            .await
        {
            Ok(_) => {}
            Err(StoreError::Changed { .. }) => {
                let e = Invalid::new(
                    "version",
                    "this medicine changed since you opened the page; nothing was saved",
                    "reload the page and make the change again",
                )
                .with(myo_tracker::Worded::new("invalid-changed-meanwhile"));
                return Medicines::render(&cx, Outcome::refused(e, FormData::parse(b""))).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    if let Some(new) = plan.create {
        let audit = a.entry(&client, action::CREATE, "medicines", Some(new.id.as_str()));
        db::save(&state, &a.patient.id, Record::Medicine(new), &audit).await?;
    }
    Ok(Redirect::to(&format!(
        "/patients/{id}/medicines?done={}#med-list",
        super::super::edit::EDITED.0
    ))
    .into_response())
}
