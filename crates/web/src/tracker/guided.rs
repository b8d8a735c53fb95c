//! Guided assessment forms: MMT-8, HAQ-DI and CMAS entered one labelled control per item,
//! built from the instruments' own definitions (item ids, labels, allowed values), never as raw
//! JSON. Every item must be answered: with one of the instrument's values, or with "Not
//! assessed", which is sent to the instrument as missing, so it is listed as missing and never
//! scored. The form is plain HTML (no script needed) and the page shows the instrument's
//! citation and status.
//!
//! `GET /patients/{id}/assessments/{instrument}` shows the form; `POST` to the same address
//! scores it with `myo-instruments` and saves it (or shows it again with the first problem
//! named by the item's label, and every answer kept).

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use myo_instruments::catalog::Catalog;
use myo_store::Record;
use myo_store::audit::action;
use myo_tracker::Invalid;
use serde_json::{Map, Value, json};

use super::access::{Access, Refused, resolve};
use super::assessments::row;
use super::db;
use super::pages::{FormData, FormError, Frame, layout};
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::pages::{Layout, PageError, render};

/// The answer that sends an item to the instrument as missing.
pub const NOT_ASSESSED: &str = "na";

/// The `?done=` code after a guided assessment was saved, and its notice.
pub const SAVED: (&str, &str) = (
    "assessed",
    "Saved and scored. Items marked not assessed are listed as missing and are never scored.",
);

/// One labelled control: a choice among the instrument's values, "Not assessed" included.
pub struct Item {
    /// Form name.
    pub name: String,
    /// Label (the item in words).
    pub label: String,
    /// `(value, words)`; the first is the empty "choose" prompt.
    pub options: Vec<(String, String)>,
    /// The answer given (kept on an error).
    pub value: String,
    /// Required (an explicit answer, "Not assessed" included).
    pub required: bool,
}

/// A tick box (HAQ-DI aids and help).
pub struct Tick {
    /// Form name.
    pub name: String,
    /// Label.
    pub label: String,
    /// Ticked.
    pub checked: bool,
}

/// A group of items under a heading (a HAQ-DI category, an MMT-8 block).
pub struct Section {
    /// Heading.
    pub heading: String,
    /// A hint under the heading.
    pub hint: Option<String>,
    /// Items.
    pub items: Vec<Item>,
    /// Tick boxes.
    pub ticks: Vec<Tick>,
}

#[derive(Template)]
#[template(path = "tracker_guided.html")]
struct GuidedPage {
    l: Layout,
    f: Frame,
    instrument: &'static str,
    title: String,
    citation: String,
    status: &'static str,
    notes: Vec<String>,
    date: String,
    mode: Option<String>,
    sections: Vec<Section>,
    error: Option<FormError>,
}

/// The instruments with a guided form: (id, page title).
pub const GUIDED: [(&str, &str); 3] = [
    (
        myo_instruments::mmt8::ID,
        "MMT-8 (muscle strength, 8 groups)",
    ),
    (myo_instruments::haq::ID, "HAQ-DI (daily activities)"),
    (
        myo_instruments::cmas::ID,
        "CMAS (children's muscle strength and endurance)",
    ),
];

/// The same guided forms with the children's first (CMAS), offered for someone under 18.
pub const GUIDED_CHILD: [(&str, &str); 3] = [GUIDED[2], GUIDED[0], GUIDED[1]];

fn choices(values: impl IntoIterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), "Choose an answer".to_owned())];
    out.extend(values);
    out.push((NOT_ASSESSED.to_owned(), "Not assessed".to_owned()));
    out
}

fn item(
    name: String,
    label: String,
    options: Vec<(String, String)>,
    kept: &FormData,
    required: bool,
) -> Item {
    Item {
        value: kept.get(&name).to_owned(),
        name,
        label,
        options,
        required,
    }
}

fn kendall(c: &Catalog) -> Vec<(String, String)> {
    let d = &c.mmt8;
    let mut v: Vec<(String, String)> = (d.grade_min..=d.grade_max)
        .map(|g| (g.to_string(), format!("{g}")))
        .collect();
    v.insert(
        1,
        (
            d.trace_symbol.clone(),
            format!("{} (a flicker, no movement)", d.trace_symbol),
        ),
    );
    choices(v)
}

/// What each HAQ-DI answer means, in our words (the instrument scores 0 to its maximum).
const HAQ_WORDS: [&str; 4] = [
    "No difficulty",
    "Some difficulty",
    "Much difficulty",
    "Cannot do it",
];

fn sections(c: &Catalog, instrument: &str, kept: &FormData) -> Option<Vec<Section>> {
    Some(match instrument {
        myo_instruments::mmt8::ID => {
            let grades = kendall(c);
            vec![Section {
                heading: "Muscle groups (Kendall 0 to 10; 10 is full strength)".into(),
                hint: Some(
                    "Give the grade of each group. For both sides, choose \"Both sides\" above and fill in the left side too; neck flexors are graded once."
                        .into(),
                ),
                items: c
                    .mmt8
                    .groups
                    .iter()
                    .flat_map(|g| {
                        let mut v = vec![item(
                            format!("mmt8.{}", g.id),
                            if g.axial {
                                g.label.clone()
                            } else {
                                format!("{} (right, or the only side tested)", g.label)
                            },
                            grades.clone(),
                            kept,
                            true,
                        )];
                        if !g.axial {
                            v.push(item(
                                format!("mmt8.{}.left", g.id),
                                format!("{} (left, when both sides are tested)", g.label),
                                grades.clone(),
                                kept,
                                false,
                            ));
                        }
                        v
                    })
                    .collect(),
                ticks: Vec::new(),
            }]
        }
        myo_instruments::haq::ID => {
            let max = usize::try_from(c.haq.item_max).unwrap_or(3);
            let answers = choices(
                HAQ_WORDS
                    .iter()
                    .take(max + 1)
                    .enumerate()
                    .map(|(i, w)| (i.to_string(), (*w).to_owned())),
            );
            c.haq
                .categories
                .iter()
                .map(|cat| Section {
                    heading: cat.label.clone(),
                    hint: Some(format!(
                        "Over the past week, are you able to … (aids for this: {})",
                        cat.aids
                    )),
                    items: cat
                        .items
                        .iter()
                        .map(|i| {
                            item(
                                format!("haq.{}.{}", cat.id, i.id),
                                i.label.clone(),
                                answers.clone(),
                                kept,
                                true,
                            )
                        })
                        .collect(),
                    ticks: [
                        ("aid", "I use an aid or device for these"),
                        ("help", "I need help from another person for these"),
                    ]
                    .into_iter()
                    .map(|(k, label)| {
                        let name = format!("haq.{}.{k}", cat.id);
                        Tick {
                            checked: kept.get(&name) == "yes",
                            name,
                            label: label.to_owned(),
                        }
                    })
                    .collect(),
                })
                .collect()
        }
        myo_instruments::cmas::ID => vec![Section {
            heading: "Items (score each as observed)".into(),
            hint: None,
            items: c
                .cmas
                .items
                .iter()
                .map(|i| {
                    let scores = choices((0..=i.max).map(|s| (s.to_string(), s.to_string())));
                    item(
                        format!("cmas.{}", i.id),
                        format!("{} (0 to {})", i.label, i.max),
                        scores,
                        kept,
                        true,
                    )
                })
                .collect(),
            ticks: Vec::new(),
        }],
        _ => return None,
    })
}

/// An answer as the instrument's JSON: a number, the trace symbol, or null (not assessed).
fn answer(s: &Section, name: &str, f: &FormData, trace: &str) -> Result<Value, Invalid> {
    let label = s
        .items
        .iter()
        .find(|i| i.name == name)
        .map_or(name, |i| i.label.as_str());
    match f.get(name) {
        NOT_ASSESSED => Ok(Value::Null),
        "" => Err(Invalid::new(
            label,
            "no answer",
            "one of the values, or \"Not assessed\"",
        )),
        v if v == trace => Ok(json!(trace)),
        v => v
            .parse::<i64>()
            .map(|n| json!(n))
            .map_err(|_| Invalid::new(label, format!("'{v}'"), "one of the listed values")),
    }
}

/// The instrument's JSON input from a guided form; a problem names the item by its label.
pub fn input(c: &Catalog, instrument: &str, f: &FormData) -> Result<Value, Invalid> {
    let empty = FormData::parse(b"");
    let secs = sections(c, instrument, &empty)
        .ok_or_else(|| Invalid::new("instrument", instrument, "mmt8, haq-di, cmas"))?;
    let trace = c.mmt8.trace_symbol.as_str();
    Ok(match instrument {
        myo_instruments::mmt8::ID => {
            let s = &secs[0];
            let both = f.get("mode") == "bilateral";
            let mut grades = Map::new();
            for g in &c.mmt8.groups {
                let one = answer(s, &format!("mmt8.{}", g.id), f, trace)?;
                let v = if both && !g.axial {
                    let left_name = format!("mmt8.{}.left", g.id);
                    let left = match f.get(&left_name) {
                        "" => Err(Invalid::new(
                            format!("{} (left, when both sides are tested)", g.label),
                            "no answer",
                            "a grade, or \"Not assessed\"",
                        ))?,
                        _ => answer(s, &left_name, f, trace)?,
                    };
                    json!({"right": one, "left": left})
                } else {
                    one
                };
                grades.insert(g.id.clone(), v);
            }
            json!({"mode": if both { "bilateral" } else { "unilateral" }, "grades": grades})
        }
        myo_instruments::haq::ID => {
            let mut out = Map::new();
            for (cat, s) in c.haq.categories.iter().zip(&secs) {
                let mut m = Map::new();
                for i in &cat.items {
                    m.insert(
                        i.id.clone(),
                        answer(s, &format!("haq.{}.{}", cat.id, i.id), f, trace)?,
                    );
                }
                m.insert(
                    "aid_or_device".into(),
                    json!(f.get(&format!("haq.{}.aid", cat.id)) == "yes"),
                );
                m.insert(
                    "help_from_person".into(),
                    json!(f.get(&format!("haq.{}.help", cat.id)) == "yes"),
                );
                out.insert(cat.id.clone(), Value::Object(m));
            }
            Value::Object(out)
        }
        _ => {
            let s = &secs[0];
            let mut out = Map::new();
            for i in &c.cmas.items {
                out.insert(
                    i.id.clone(),
                    answer(s, &format!("cmas.{}", i.id), f, trace)?,
                );
            }
            Value::Object(out)
        }
    })
}

fn guided_id(instrument: &str) -> Result<&'static str, PageError> {
    GUIDED
        .iter()
        .map(|(id, _)| *id)
        .find(|id| *id == instrument)
        .ok_or_else(|| Refused::NotFound.into())
}

fn page(
    state: &AppState,
    u: &crate::auth::CurrentUser,
    a: &Access,
    instrument: &'static str,
    kept: &FormData,
    error: Option<FormError>,
    today: String,
) -> Response {
    let c = state.scorer().catalog();
    let meta = match instrument {
        myo_instruments::mmt8::ID => &c.mmt8.meta,
        myo_instruments::haq::ID => &c.haq.meta,
        _ => &c.cmas.meta,
    };
    let title = GUIDED
        .iter()
        .find(|(id, _)| *id == instrument)
        .map_or(instrument, |(_, t)| t);
    let cite = &meta.citation;
    let refused = error.is_some();
    let mut res = render(&GuidedPage {
        l: layout(state, u, title),
        f: Frame::new(a, "strength"),
        instrument,
        title: title.to_owned(),
        citation: format!(
            "{}{}; {}",
            cite.reference,
            cite.doi
                .as_ref()
                .map_or_else(String::new, |d| format!(", doi:{d}")),
            cite.locator
        ),
        status: meta.status.as_str(),
        notes: meta.notes.clone(),
        date: Some(kept.get("date"))
            .filter(|d| !d.is_empty())
            .map_or(today, str::to_owned),
        mode: (instrument == myo_instruments::mmt8::ID).then(|| kept.get("mode").to_owned()),
        sections: sections(c, instrument, kept).unwrap_or_default(),
        error,
    });
    if refused {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    res
}

/// `GET /patients/{id}/assessments/{instrument}` (owner only: it is a form).
pub async fn show(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path((id, instrument)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let instrument = guided_id(&instrument)?;
    let profile = state.store().get_profile(&a.patient.id).await?;
    let today = super::safety::person_today(profile.as_ref())
        .map(|d| d.to_string())
        .unwrap_or_default();
    Ok(page(
        &state,
        &u,
        &a,
        instrument,
        &FormData::parse(b""),
        None,
        today,
    ))
}

/// `POST /patients/{id}/assessments/{instrument}`: scores and saves, then the strength page.
pub async fn save(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path((id, instrument)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, PageError> {
    let a = resolve(&state, &u.user, &client, &id, true).await?;
    let instrument = guided_id(&instrument)?;
    let f = FormData::parse(&body);
    let profile = state.store().get_profile(&a.patient.id).await?;
    let today = super::safety::person_today(profile.as_ref());
    let parsed = input(state.scorer().catalog(), instrument, &f).and_then(|input| {
        let r = row(&state, instrument, f.get("date"), &input)?;
        if let Some(t) = today {
            let d = myo_tracker::Date::parse("date", &r.date)?;
            myo_tracker::plausible::check_not_future("date", d, t)?;
        }
        Ok(r)
    });
    let r = match parsed {
        Ok(r) => r,
        Err(e) => {
            let today = today.map(|d| d.to_string()).unwrap_or_default();
            return Ok(page(&state, &u, &a, instrument, &f, Some(e.into()), today));
        }
    };
    let rid = r.id.clone();
    let audit = a.entry(&client, action::CREATE, "assessments", Some(rid.as_str()));
    db::save(&state, &a.patient.id, Record::Assessment(r), &audit).await?;
    Ok(Redirect::to(&format!(
        "/patients/{id}/strength?done={}#assessment-{rid}",
        SAVED.0
    ))
    .into_response())
}
