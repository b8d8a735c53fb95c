//! Editing any record kind, with its history, derived from the kind's declaration
//! ([`super::kinds::KindDecl::edit`]):
//! - `GET /patients/{id}/records/{kind}/{record}/edit`: the form, filled from the stored record,
//!   with the version it was opened at;
//! - `POST` to the same address: parsed by the same parser as the kind's "add" form (so every
//!   check applies), then saved with the store's version check: a record changed since the form
//!   was opened is refused (409, "changed since you opened it", nothing saved, what was typed
//!   kept), never silently overwritten; the earlier version is kept and the edit audited;
//! - `GET …/history`: the earlier versions, what changed in each, and when (in the person's
//!   time zone). The owner and clinicians with a grant may read it; only the owner edits.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use myo_store::audit::action;
use myo_store::{EditState, Record, RecordId, StoreError, Timestamp, record_fields};
use myo_tracker::medicines::Zone;

use super::access::{Access, Refused, resolve};
use super::db;
use super::kinds::{self, EditForm, Input, KindDecl};
use super::pages::{Ctx, FormData, FormError, Frame, layout};
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::pages::{Layout, PageError, render};

/// The `?done=` code after an edit, and its notice.
pub const EDITED: (&str, &str) = (
    "edited",
    "Saved your changes. The earlier version is kept in the entry's history.",
);

/// One form control on the edit page.
pub struct Control {
    /// Form name.
    pub name: &'static str,
    /// Element id.
    pub id: String,
    /// Label.
    pub label: &'static str,
    /// `text`, `number`, `date`, `yesno`, `choice`, `hidden`.
    pub kind: &'static str,
    /// Current value.
    pub value: String,
    /// `(value, label)` for choices.
    pub options: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "tracker_edit.html")]
struct EditPage {
    l: Layout,
    f: Frame,
    noun: String,
    action: String,
    back: String,
    history: String,
    version: i64,
    edited: Option<String>,
    controls: Vec<Control>,
    fixed: Vec<(&'static str, &'static str)>,
    error: Option<FormError>,
    changed: bool,
}

/// One earlier version as shown: its number, when it was replaced, and what the next version
/// changed (label, before, after).
pub struct VersionLine {
    /// Version number.
    pub version: i64,
    /// When it was replaced, in the person's time zone.
    pub replaced: String,
    /// `(field, before, after)` for each field the next version changed.
    pub changes: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "tracker_history.html")]
struct HistoryPage {
    l: Layout,
    f: Frame,
    noun: String,
    back: String,
    edit: Option<String>,
    versions: Vec<VersionLine>,
}

/// The person's time zone (UTC when none is saved or it is unknown).
pub async fn zone(state: &AppState, a: &Access) -> Result<Zone, PageError> {
    let profile = state.store().get_profile(&a.patient.id).await?;
    let name = profile.as_ref().map_or("UTC", |p| p.time_zone.as_str());
    Zone::named("time_zone", name)
        .or_else(|_| Zone::named("time_zone", "UTC"))
        .map_err(|e| PageError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

/// An instant in the person's time zone, `YYYY-MM-DD HH:MM (zone)`.
pub fn when(zone: &Zone, t: Timestamp) -> String {
    zone.local_time(t.as_millis())
        .map_or_else(|| t.to_rfc3339(), |s| format!("{s} ({})", zone.name()))
}

/// The patient's edited records: record id → "YYYY-MM-DD HH:MM (zone)" of the last edit.
pub async fn edited(
    state: &AppState,
    a: &Access,
) -> Result<std::collections::HashMap<String, String>, PageError> {
    let z = zone(state, a).await?;
    Ok(state
        .store()
        .edited_records(&a.patient.id)
        .await?
        .into_iter()
        .filter_map(|(_, id, s)| s.edited_at.map(|t| (id.0, when(&z, t))))
        .collect())
}

/// The current version of each edited record of the patient's (record id → version; a record
/// not listed is at version 1).
pub async fn versions(
    state: &AppState,
    a: &Access,
) -> Result<std::collections::HashMap<String, i64>, PageError> {
    Ok(state
        .store()
        .edited_records(&a.patient.id)
        .await?
        .into_iter()
        .map(|(_, id, s)| (id.0, s.version))
        .collect())
}

/// The declaration of an address id that can be edited; else the usual 404.
fn editable(slug: &str) -> Result<(&'static KindDecl, EditForm), PageError> {
    kinds::by_slug(slug)
        .and_then(|k| k.edit.map(|e| (k, e)))
        .ok_or_else(|| Refused::NotFound.into())
}

/// A record's edit state (its version, when last edited).
pub async fn state_of(
    state: &AppState,
    a: &Access,
    decl: &KindDecl,
    id: &RecordId,
) -> Result<EditState, PageError> {
    let history = state
        .store()
        .record_history(&a.patient.id, decl.kind, id)
        .await?;
    Ok(EditState {
        version: i64::try_from(history.len()).unwrap_or(i64::MAX - 1) + 1,
        edited_at: history.last().map(|v| v.replaced_at),
    })
}

/// The form value of a stored column (`true` → `yes`).
fn shown(input: Input, stored: Option<&str>) -> String {
    match (input, stored) {
        (Input::YesNo, Some("true")) => "yes".to_owned(),
        (Input::YesNo, Some("false")) => "no".to_owned(),
        (Input::Hidden, Some(v)) if v.contains('@') && !v.starts_with('{') => {
            v.split('@').next().unwrap_or("").to_owned()
        }
        (_, v) => v.unwrap_or("").to_owned(),
    }
}

fn controls(form: &EditForm, record: &Record, typed: Option<&FormData>) -> Vec<Control> {
    let stored = record_fields(record).unwrap_or_default();
    form.fields
        .iter()
        .map(|f| {
            let saved = stored
                .iter()
                .find(|(c, _)| c == f.column)
                .and_then(|(_, v)| v.as_deref());
            let value = match (typed, f.input) {
                (Some(t), input) if !matches!(input, Input::Hidden) => t.get(f.name).to_owned(),
                _ => shown(f.input, saved),
            };
            let (kind, options) = match f.input {
                Input::Text => ("text", Vec::new()),
                Input::Number => ("number", Vec::new()),
                Input::Date => ("date", Vec::new()),
                Input::Hidden => ("hidden", Vec::new()),
                Input::YesNo => (
                    "yesno",
                    vec![
                        (String::new(), "Not answered".to_owned()),
                        ("yes".to_owned(), "Yes".to_owned()),
                        ("no".to_owned(), "No".to_owned()),
                    ],
                ),
                Input::Choice(list) => (
                    "choice",
                    list().into_iter().map(|(v, l)| (v.to_owned(), l)).collect(),
                ),
            };
            Control {
                name: f.name,
                id: format!("edit-{}", f.name),
                label: f.label,
                kind,
                value,
                options,
            }
        })
        .collect()
}

/// An edited record keeps what its edit form does not show (a visit's MMT-8 and enzymes, a
/// LOINC code from an import).
fn carry(old: &Record, new: Record) -> Record {
    match (old, new) {
        (Record::Visit(o), Record::Visit(mut n)) => {
            n.mmt8_json = o.mmt8_json.clone();
            n.haq_json = o.haq_json.clone();
            n.cmas_json = o.cmas_json.clone();
            n.enzymes_json = o.enzymes_json.clone();
            Record::Visit(n)
        }
        (Record::Lab(o), Record::Lab(mut n)) => {
            n.loinc = n.loinc.or_else(|| o.loinc.clone());
            Record::Lab(n)
        }
        (Record::Antibody(o), Record::Antibody(mut n)) => {
            n.loinc = n.loinc.or_else(|| o.loinc.clone());
            Record::Antibody(n)
        }
        (_, n) => n,
    }
}

struct Shown<'a> {
    decl: &'static KindDecl,
    form: EditForm,
    record: &'a Record,
    version: i64,
    edited: Option<String>,
}

fn edit_page(
    state: &AppState,
    u: &crate::auth::CurrentUser,
    a: &Access,
    s: Shown<'_>,
    typed: Option<&FormData>,
    error: Option<FormError>,
    changed: bool,
) -> Response {
    let pid = a.patient_id();
    let id = s.record.id().as_str();
    let page = EditPage {
        l: layout(
            state,
            u,
            &state.tr(u.locale.lang).t1(
                "edit-edit-this",
                "noun",
                s.decl.noun_in(&state.tr(u.locale.lang)),
            ),
        ),
        f: Frame::new(a, s.decl.page.unwrap_or("dashboard")),
        noun: s.decl.noun_in(&state.tr(u.locale.lang)),
        action: s.decl.record_href(pid, id, "edit"),
        back: s.decl.page_href(pid).unwrap_or_default(),
        history: s.decl.record_href(pid, id, "history"),
        version: s.version,
        edited: s.edited,
        controls: controls(&s.form, s.record, typed),
        fixed: s.form.fixed.to_vec(),
        error,
        changed,
    };
    let mut res = render(&page);
    if changed {
        *res.status_mut() = StatusCode::CONFLICT;
    } else if typed.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    res
}

/// `GET /patients/{id}/records/{kind}/{record}/edit` (owner only).
pub async fn edit(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path((id, slug, record)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let (decl, form) = editable(&slug)?;
    let rid = RecordId(record);
    let entry = a.entry(&client, action::READ, decl.kind.table(), Some(rid.as_str()));
    let Some(found) = db::get(&state, &a.patient.id, decl.kind, &rid, &entry).await? else {
        return Err(Refused::NotFound.into());
    };
    let es = state_of(&state, &a, decl, &rid).await?;
    let z = zone(&state, &a).await?;
    let shown = Shown {
        decl,
        form,
        record: &found,
        version: es.version,
        edited: es.edited_at.map(|t| when(&z, t)),
    };
    Ok(edit_page(&state, &u, &a, shown, None, None, false))
}

/// `POST /patients/{id}/records/{kind}/{record}/edit`: saves the edit when the record is still
/// at the version the form was opened at; else 409 with what was typed kept.
pub async fn save(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path((id, slug, record)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let (decl, form) = editable(&slug)?;
    let f = FormData::parse(&body);
    let rid = RecordId(record);
    let Some(old) = state
        .store()
        .get_record(&a.patient.id, decl.kind, &rid)
        .await?
    else {
        return Err(Refused::NotFound.into());
    };
    let es = state_of(&state, &a, decl, &rid).await?;
    let z = zone(&state, &a).await?;
    let cx = Ctx::new(&state, &u, &a, &client);
    let today = cx.person_today().await?;
    let shown = |version| Shown {
        decl,
        form,
        record: &old,
        version,
        edited: es.edited_at.map(|t| when(&z, t)),
    };
    let expected = match f.get("version").parse::<i64>() {
        Ok(v) => v,
        Err(_) => {
            let e = myo_tracker::Invalid::new("version", "missing", "the form's version");
            return Ok(edit_page(
                &state,
                &u,
                &a,
                shown(es.version),
                Some(&f),
                Some(e.into()),
                false,
            ));
        }
    };
    let new = match (form.parse)(&state, &f, today) {
        Ok(r) => carry(&old, r.with_id(rid.clone())),
        Err(e) => {
            return Ok(edit_page(
                &state,
                &u,
                &a,
                shown(expected),
                Some(&f),
                Some(e.into()),
                false,
            ));
        }
    };
    let audit = a.entry(
        &client,
        action::UPDATE,
        decl.kind.table(),
        Some(rid.as_str()),
    );
    match state
        .store()
        .edit_record(&a.patient.id, &new, expected, Timestamp::now(), &audit)
        .await
    {
        Ok(_) => {}
        Err(StoreError::Changed { .. }) => {
            return Ok(edit_page(
                &state,
                &u,
                &a,
                shown(es.version),
                Some(&f),
                None,
                true,
            ));
        }
        Err(StoreError::NotFound { .. }) => return Err(Refused::NotFound.into()),
        Err(e) => return Err(e.into()),
    }
    let back = decl.page_href(a.patient_id()).unwrap_or_default();
    Ok(Redirect::to(&format!("{back}?done={}", EDITED.0)).into_response())
}

/// `GET /patients/{id}/records/{kind}/{record}/history`: the record's earlier versions.
pub async fn history(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path((id, slug, record)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, false).await?;
    let decl = kinds::by_slug(&slug).ok_or(Refused::NotFound)?;
    let rid = RecordId(record);
    let entry = a.entry(&client, action::READ, decl.kind.table(), Some(rid.as_str()));
    let Some(current) = db::get(&state, &a.patient.id, decl.kind, &rid, &entry).await? else {
        return Err(Refused::NotFound.into());
    };
    let z = zone(&state, &a).await?;
    let kept = state
        .store()
        .record_history(&a.patient.id, decl.kind, &rid)
        .await?;
    let now = record_fields(&current).unwrap_or_default();
    let mut versions = Vec::new();
    for (i, v) in kept.iter().enumerate() {
        let next = kept.get(i + 1).map_or(&now, |n| &n.values);
        let changes = v
            .values
            .iter()
            .filter(|(c, _)| c != "updated_at")
            .filter_map(|(c, before)| {
                let after = next
                    .iter()
                    .find(|(n, _)| n == c)
                    .and_then(|(_, a)| a.clone());
                (before != &after).then(|| {
                    let show =
                        |x: &Option<String>| x.clone().unwrap_or_else(|| "(empty)".to_owned());
                    (decl.label(c), show(before), show(&after))
                })
            })
            .collect();
        versions.push(VersionLine {
            version: v.version,
            replaced: when(&z, v.replaced_at),
            changes,
        });
    }
    versions.reverse();
    let pid = a.patient_id();
    Ok(render(&HistoryPage {
        l: layout(
            &state,
            &u,
            &state.tr(u.locale.lang).t1(
                "history-history-of-this",
                "noun",
                decl.noun_in(&state.tr(u.locale.lang)),
            ),
        ),
        f: Frame::new(&a, decl.page.unwrap_or("dashboard")),
        noun: decl.noun_in(&state.tr(u.locale.lang)),
        back: decl.page_href(pid).unwrap_or_default(),
        edit: (a.is_owner() && decl.edit.is_some())
            .then(|| decl.record_href(pid, rid.as_str(), "edit")),
        versions,
    }))
}

// ---- JSON API ----------------------------------------------------------------------------------

/// `PUT /api/v1/patients/{id}/records/{kind}/{record}`: the kind's edit-form fields as a JSON
/// object (names as in its declaration; numbers, text, `true`/`false` for yes/no, `null` for
/// empty) plus the `version` the client read. 200 with the new `version`; 409 `changed` when the
/// record changed since; 422 naming the field; the earlier version is kept and the edit audited.
pub async fn api_edit(
    State(state): State<AppState>,
    me: crate::auth::ApiUser,
    client: Client,
    Path((id, slug, record)): Path<(String, String, String)>,
    crate::error::ApiJson(body): crate::error::ApiJson<serde_json::Map<String, serde_json::Value>>,
) -> Result<axum::Json<serde_json::Value>, crate::error::ApiError> {
    use crate::error::ApiError;
    let a = resolve(&state, &me.user, &client, &id, true).await?;
    let decl = kinds::by_slug(&slug)
        .ok_or_else(|| ApiError::not_found("unknown record kind").with_field("kind"))?;
    let form = decl.edit.ok_or_else(|| {
        ApiError::not_found("this kind is not edited as a whole").with_field("kind")
    })?;
    let invalid = |e: myo_tracker::Invalid| ApiError::from(myo_api::InputError::from(e));
    let expected = body
        .get("version")
        .and_then(serde_json::Value::as_i64)
        .ok_or_else(|| {
            invalid(myo_tracker::Invalid::new(
                "version",
                "missing",
                "the version you read",
            ))
        })?;
    let rid = RecordId(record);
    let Some(old) = state
        .store()
        .get_record(&a.patient.id, decl.kind, &rid)
        .await?
    else {
        return Err(ApiError::not_found("no such record").with_field("record"));
    };
    let mut pairs: Vec<(String, String)> = form
        .fixed
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    for (k, v) in &body {
        if k == "version" {
            continue;
        }
        let field = form.fields.iter().find(|f| f.name == k).ok_or_else(|| {
            invalid(myo_tracker::Invalid::new(
                k.as_str(),
                "unknown field",
                form.fields
                    .iter()
                    .map(|f| f.name)
                    .collect::<Vec<_>>()
                    .join(", "),
            ))
        })?;
        let text = match (field.input, v) {
            (_, serde_json::Value::Null) => String::new(),
            (Input::YesNo, serde_json::Value::Bool(b)) => if *b { "yes" } else { "no" }.to_owned(),
            (_, serde_json::Value::String(s)) => s.clone(),
            (_, serde_json::Value::Number(n)) => n.to_string(),
            (_, other) => {
                return Err(invalid(myo_tracker::Invalid::new(
                    k.as_str(),
                    format!("{other}"),
                    "a number, text, true/false or null",
                )));
            }
        };
        pairs.push((k.clone(), text));
    }
    // Fields left out keep their stored values.
    let stored = record_fields(&old).unwrap_or_default();
    for f in form.fields {
        if !body.contains_key(f.name) {
            let saved = stored
                .iter()
                .find(|(c, _)| c == f.column)
                .and_then(|(_, v)| v.as_deref());
            pairs.push((f.name.to_owned(), shown(f.input, saved)));
        }
    }
    let profile = state.store().get_profile(&a.patient.id).await?;
    let today = super::safety::person_today(profile.as_ref())
        .ok_or_else(|| ApiError::internal(&"the server clock is out of range"))?;
    let new = (form.parse)(&state, &FormData::from_pairs(pairs), today).map_err(invalid)?;
    let new = carry(&old, new.with_id(rid.clone()));
    let audit = a.entry(
        &client,
        action::UPDATE,
        decl.kind.table(),
        Some(rid.as_str()),
    );
    let (_, version) = state
        .store()
        .edit_record(&a.patient.id, &new, expected, Timestamp::now(), &audit)
        .await?;
    Ok(axum::Json(
        serde_json::json!({"id": rid.as_str(), "version": version}),
    ))
}

/// `GET /api/v1/patients/{id}/records/{kind}/{record}/history`: the current `version` and the
/// earlier versions (oldest first), each with its columns and when it was replaced.
pub async fn api_history(
    State(state): State<AppState>,
    me: crate::auth::ApiUser,
    client: Client,
    Path((id, slug, record)): Path<(String, String, String)>,
) -> Result<axum::Json<serde_json::Value>, crate::error::ApiError> {
    use crate::error::ApiError;
    let a = resolve(&state, &me.user, &client, &id, false).await?;
    let decl = kinds::by_slug(&slug)
        .ok_or_else(|| ApiError::not_found("unknown record kind").with_field("kind"))?;
    let rid = RecordId(record);
    let entry = a.entry(&client, action::READ, decl.kind.table(), Some(rid.as_str()));
    if db::get(&state, &a.patient.id, decl.kind, &rid, &entry)
        .await?
        .is_none()
    {
        return Err(ApiError::not_found("no such record").with_field("record"));
    }
    let kept = state
        .store()
        .record_history(&a.patient.id, decl.kind, &rid)
        .await?;
    let versions: Vec<serde_json::Value> = kept
        .iter()
        .map(|v| {
            serde_json::json!({
                "version": v.version,
                "replaced_at": v.replaced_at.to_rfc3339(),
                "values": v.values.iter().map(|(k, x)| (k.clone(), serde_json::json!(x))).collect::<serde_json::Map<String, serde_json::Value>>(),
            })
        })
        .collect();
    Ok(axum::Json(serde_json::json!({
        "id": rid.as_str(),
        "version": versions.len() + 1,
        "versions": versions,
    })))
}
