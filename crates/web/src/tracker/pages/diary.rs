//! The diary page: ratings and yes/no symptoms per day, a chart, and the red-flag check on save.

use askama::Template;
use axum::response::Response;
use myo_api::tracker::DiaryEntryDto;
use myo_store::audit::action;
use myo_store::{Record, RecordKind, Timestamp};
use myo_tracker::dashboard::diary_chart;
use myo_tracker::medicines::Medicine;
use myo_tracker::records::{Rating, Symptom};
use myo_tracker::summary::PatientRecords;
use myo_tracker::{Date, Invalid};

use super::super::access::Access;
use super::super::delete::{self, DeleteLink};
use super::super::{charts, convert, db};
use super::{
    Ctx, FormData, FormError, Frame, Outcome, RecordPage, Table, fmt_num, layout, load, respond,
    today_for,
};
use crate::AppState;
use crate::auth::Client;
use crate::i18n::{Tr, words};
use crate::pages::{Layout, PageError};

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
    ratings: Vec<(&'static str, String, String)>,
    symptoms: Vec<(&'static str, String, String)>,
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

fn diary_list(
    records: &PatientRecords,
    tr: &Tr,
    link: impl Fn(Date) -> Option<DeleteLink>,
) -> Table {
    let mut head = vec![tr.t("column-date")];
    head.extend(Rating::ALL.iter().map(|r| words::rating(tr, *r)));
    head.extend(Symptom::ALL.iter().map(|s| words::symptom(tr, *s)));
    head.push(tr.t("column-note"));
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut t = Table::new(
        "diary-list",
        &tr.t("diary-list-caption"),
        &head,
        &tr.t("diary-list-empty"),
    );
    let mut entries: Vec<_> = records.diary.iter().collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.date()));
    for e in entries.into_iter().take(30) {
        let mut row = vec![words::date(tr, &e.date().to_string())];
        row.extend(Rating::ALL.iter().map(|r| {
            e.rating(*r)
                .map_or_else(|| "–".to_owned(), |v| words::num(tr, v))
        }));
        row.extend(Symptom::ALL.iter().map(|s| match e.symptom(*s) {
            Some(yes) => words::yes_no(tr, yes),
            None => "–".to_owned(),
        }));
        row.push(e.note().unwrap_or("").to_owned());
        t.push_with_link(row, link(e.date()));
    }
    t
}

/// The diary page (`/patients/{id}/diary`): one entry per day; saving a day again merges.
pub struct Diary;

impl RecordPage for Diary {
    async fn render(cx: &Ctx<'_>, out: Outcome) -> Result<Response, PageError> {
        diary_page(cx, out, None).await
    }

    fn parse(_: &AppState, f: &FormData, today: Date) -> Result<Record, Invalid> {
        let entry = diary_dto(f).and_then(|d| d.to_domain())?;
        myo_tracker::plausible::check_not_future("date", entry.date(), today)?;
        Ok(Record::Diary(convert::diary_row(&entry, Timestamp::now())))
    }

    /// Saves (one entry per day; saving again merges onto it), then shows the page with a
    /// red-flag banner when the entry warrants one.
    async fn save(cx: &Ctx<'_>, f: FormData) -> Result<Response, PageError> {
        let Ctx {
            state, a, client, ..
        } = *cx;
        let person_today = cx.person_today().await?;
        let entry = match diary_dto(&f).and_then(|d| d.to_domain()).and_then(|e| {
            myo_tracker::plausible::check_not_future("date", e.date(), person_today).map(|_| e)
        }) {
            Ok(e) => e,
            Err(e) => return Self::render(cx, Outcome::refused(e, f)).await,
        };
        let clear = f.all("clear");
        let entry = match db::merge_diary(state, &a.patient.id, entry, &clear).await? {
            Ok(e) => e,
            Err(e) => return Self::render(cx, Outcome::refused(e, f)).await,
        };
        let row = convert::diary_row(&entry, Timestamp::now());
        let audit = a.entry(
            client,
            action::UPDATE,
            "diary_entries",
            Some(row.id.as_str()),
        );
        db::save_diary(state, &a.patient.id, row, &audit).await?;
        let meds = active_medicines(state, a, client).await?;
        let banner = triage(state, &entry, &meds, person_today).await;
        if let Some(b) = banner.as_ref() {
            super::super::red_flags::raise(state, a, client, b).await?;
        }
        diary_page(cx, Outcome::saved(), banner).await
    }
}

async fn diary_page(
    cx: &Ctx<'_>,
    out: Outcome,
    banner: Option<Banner>,
) -> Result<Response, PageError> {
    let Ctx {
        state,
        u,
        a,
        client,
    } = *cx;
    let form = out.kept.as_ref();
    let today = today_for(state, a).await?;
    let (data, records) = load(
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
    let refused = out.error.is_some();
    let tr = state.tr(u.locale.lang);
    let banner = banner.map(|mut b| {
        super::super::red_flags::words_in(
            state.kb(),
            tr.lang,
            b.tier,
            &mut b.title,
            &mut b.action,
            &mut b.link,
        );
        b
    });
    let page = DiaryPage {
        l: layout(state, u, &tr.t("title-diary")),
        f: Frame::new(a, "diary"),
        date: form.map_or_else(|| today.to_string(), |f| f.get("date").to_owned()),
        ratings: Rating::ALL
            .iter()
            .map(|r| (r.id(), words::rating(&tr, *r), value(r.id())))
            .collect(),
        symptoms: Symptom::ALL
            .iter()
            .map(|s| (s.id(), words::symptom(&tr, *s), value(s.id())))
            .collect(),
        note: value("note"),
        error: out.error,
        saved: out.saved,
        banner,
        list: {
            let mut t = diary_list(&records, &tr, |d| {
                let day = d.to_string();
                let row = data.diary.iter().find(|r| r.date == day)?;
                a.is_owner().then(|| {
                    delete::link(
                        a.patient_id(),
                        RecordKind::Diary,
                        &row.id,
                        tr.t1("diary-delete-label", "date", words::date(&tr, &day)),
                    )
                })
            });
            t.mark(&super::super::edit::edited(state, a).await?);
            t
        },
        chart: {
            let ratings = [Rating::Weakness, Rating::Fatigue, Rating::Pain];
            let chart = diary_chart(&records, &ratings, today.add_days(-89), today);
            charts::render(&tr, &charts::diary(&tr, chart, &ratings))
        },
    };
    Ok(respond(&page, refused))
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
/// the note's language); only emergency and urgent tiers make a banner. `person_today` is the
/// person's today in their own time zone, so a back-dated entry is not called "today's".
pub async fn triage(
    state: &AppState,
    e: &myo_tracker::records::DiaryEntry,
    medicines: &[Medicine],
    person_today: Date,
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
    Some(Banner {
        date: e.date().to_string(),
        is_today: e.date() == person_today,
        tier,
        action: hit.action,
        link: format!("/kb/{}", hit.rule_id),
        title: hit.title,
    })
}

/// The patient's medicines being taken today (for triage context).
pub async fn active_medicines(
    state: &AppState,
    a: &Access,
    client: &Client,
) -> Result<Vec<Medicine>, PageError> {
    let t = today_for(state, a).await?;
    let (_, records) = load(state, a, client, "medicines", Some(t)).await?;
    Ok(records
        .medicines
        .into_iter()
        .filter(|m| m.input().start <= t && m.input().end.is_none_or(|e| e >= t))
        .collect())
}
