//! The visit summary: chosen sections over a date range, as a page and as a PDF (and, through
//! share links, for a doctor without an account).

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use myo_store::audit::action;
use myo_store::{DateRange, Timestamp};
use myo_tracker::dashboard::{diary_chart, home_test_chart, lab_chart};
use myo_tracker::labs::Analyte;
use myo_tracker::records::{HomeTest, Rating};
use myo_tracker::summary::{PatientRecords, VisitSummary, summarize};
use myo_tracker::{Date, Invalid};

use super::super::access::resolve;
use super::super::{SECTIONS, charts, convert, db, pdf, section};
use super::summary_clinical::enrich;
use super::{FormData, FormError, Frame, Table, layout, today_for};
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::i18n::{Tr, words};
use crate::pages::{Layout, PageError, render};

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
        return Err(
            Invalid::new("to", format!("{to} is before {from}"), "on or after from").with(
                myo_tracker::Worded::new("invalid-to-not-after-from")
                    .date("to", to)
                    .date("from", from),
            ),
        );
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

/// Builds the summary blocks (shared by the page, the PDF and share links). Charts show the
/// range asked for as is, not fitted to the data.
pub fn summary_blocks(
    state: &AppState,
    records: &PatientRecords,
    req: &SummaryRequest,
    tr: &Tr,
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
    let day = |d: Date| words::date(tr, &d.to_string());
    if let Some(sym) = &s.symptoms {
        let head: Vec<String> = [
            "summary-col-rating",
            "summary-col-days",
            "summary-col-mean",
            "summary-col-lowest",
            "summary-col-highest",
            "summary-col-first",
            "summary-col-last",
        ]
        .iter()
        .map(|k| tr.t(k))
        .collect();
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        let mut t = Table::new(
            "summary-ratings",
            &tr.t("summary-ratings-caption"),
            &head,
            &tr.t("summary-ratings-empty"),
        );
        for r in &sym.ratings {
            let o = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |x| words::num(tr, x));
            let p = |v: Option<(Date, f64)>| {
                v.map_or_else(
                    || "–".to_owned(),
                    |(d, x)| format!("{} ({})", words::num(tr, x), day(d)),
                )
            };
            t.rows.push(vec![
                words::rating(tr, r.rating),
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
                    "{}: {}",
                    words::symptom(tr, x.symptom),
                    tr.t2(
                        "summary-symptom-days",
                        "yes",
                        x.yes_days,
                        "answered",
                        x.answered_days
                    )
                )
            })
            .collect();
        if !sym.gaps.is_empty() {
            let gaps = sym
                .gaps
                .iter()
                .map(|(a, b)| {
                    if a == b {
                        day(*a)
                    } else {
                        tr.t2("summary-range", "from", day(*a), "to", day(*b))
                    }
                })
                .collect::<Vec<_>>()
                .join(", ");
            lines.push(tr.t1("summary-gaps", "days", gaps));
        }
        lines.extend(
            sym.notes
                .iter()
                .map(|(d, n)| format!("{}: {n}", tr.t1("summary-note", "date", day(*d)))),
        );
        blocks.push(SummaryBlock {
            id: "summary-symptoms".into(),
            title: tr.t("summary-symptoms"),
            lines,
            tables: vec![t],
            charts: vec![{
                let ratings = [Rating::Weakness, Rating::Fatigue, Rating::Pain];
                let chart = diary_chart(records, &ratings, req.from, req.to).fixed();
                charts::render(tr, &charts::diary(tr, chart, &ratings))
            }],
        });
    }
    if let Some(st) = &s.strength {
        let mut lines: Vec<String> = st
            .home_tests
            .iter()
            .map(|h| {
                let p = |v: Option<(Date, f64)>| {
                    v.map_or_else(
                        || "–".to_owned(),
                        |(d, x)| {
                            tr.t2(
                                "summary-value-on",
                                "value",
                                words::num(tr, x),
                                "date",
                                day(d),
                            )
                        },
                    )
                };
                use crate::i18n::ToArg;
                tr.ta(
                    "summary-home-tests",
                    &[
                        ("test", words::home_test(tr, h.test).to_arg()),
                        ("count", h.count.to_arg()),
                        ("first", p(h.first).to_arg()),
                        ("last", p(h.last).to_arg()),
                    ],
                )
            })
            .collect();
        lines.extend(st.visits.iter().map(|(d, v)| {
            let of = |x: String, m: String| tr.t2("clin-of", "value", x, "max", m);
            let mmt = match (v.mmt8_total, v.mmt8_max) {
                (Some(x), Some(m)) => of(x.to_string(), m.to_string()),
                (None, Some(m)) => tr.t1("clin-incomplete", "max", m.to_string()),
                _ => tr.t("clin-not-assessed"),
            };
            let catalog = state.scorer().catalog();
            let haq = v.haq_di_thousandths.map_or_else(
                || tr.t("clin-not-assessed"),
                |x| {
                    of(
                        words::num(tr, x as f64 / 1000.0),
                        catalog.haq.item_max.to_string(),
                    )
                },
            );
            let cmas = v.cmas_total.map_or_else(
                || tr.t("clin-not-assessed"),
                |x| of(x.to_string(), catalog.cmas.max_total.to_string()),
            );
            use crate::i18n::ToArg;
            tr.ta(
                "summary-visit-line",
                &[
                    ("date", day(*d).to_arg()),
                    ("mmt", mmt.to_arg()),
                    ("haq", haq.to_arg()),
                    ("cmas", cmas.to_arg()),
                ],
            )
        }));
        blocks.push(SummaryBlock {
            id: "summary-strength".into(),
            title: tr.t("summary-strength"),
            lines,
            tables: Vec::new(),
            charts: vec![{
                let test = HomeTest::SitToStand30s;
                let chart = home_test_chart(records, test, req.from, req.to).fixed();
                charts::render(tr, &charts::home_test(tr, chart, test))
            }],
        });
    }
    if let Some(labs) = &s.labs {
        let mut t = Table::new(
            "summary-labs",
            &tr.t("summary-labs-caption"),
            &[
                tr.t("summary-col-test").as_str(),
                tr.t("summary-col-results").as_str(),
                tr.t("summary-col-out-of-range").as_str(),
                tr.t("summary-col-latest").as_str(),
            ],
            &tr.t("summary-labs-empty"),
        );
        for l in labs {
            t.rows.push(vec![
                l.analyte.id().to_uppercase(),
                l.count.to_string(),
                l.out_of_range.to_string(),
                tr.t2(
                    "summary-value-on",
                    "value",
                    format!(
                        "{} {}",
                        words::num(tr, l.latest.value),
                        l.latest.unit.display()
                    ),
                    "date",
                    words::date(tr, &l.latest.date.to_string()),
                ),
            ]);
        }
        blocks.push(SummaryBlock {
            id: "summary-labs".into(),
            title: tr.t("tab-labs"),
            lines: Vec::new(),
            tables: vec![t],
            charts: vec![{
                let chart = lab_chart(state.rules(), records, Analyte::Ck, req.from, req.to);
                let name = Analyte::Ck.id().to_uppercase();
                charts::render(tr, &charts::lab(tr, chart.fixed(), &name))
            }],
        });
    }
    if let Some(m) = &s.medicines {
        let mut lines: Vec<String> = m
            .taken
            .iter()
            .map(|l| words::phrase(tr, &taken_line(l)))
            .collect();
        lines.extend(m.changes.iter().map(|c| words::phrase(tr, &change_line(c))));
        let t = super::summary_doses::dose_history(tr, records, req.from, req.to);
        blocks.push(SummaryBlock {
            id: "summary-medicines".into(),
            title: tr.t("summary-medicines"),
            lines,
            tables: vec![t],
            charts: Vec::new(),
        });
    }
    if let Some(fl) = &s.flares {
        let mut lines: Vec<String> = fl
            .iter()
            .map(|f| {
                format!(
                    "{}: {}",
                    words::date(tr, &f.date().to_string()),
                    f.explanation()
                )
            })
            .collect();
        lines.push(tr.t("summary-flares-note"));
        blocks.push(SummaryBlock {
            id: "summary-flares".into(),
            title: tr.t("summary-flares"),
            lines,
            tables: Vec::new(),
            charts: Vec::new(),
        });
    }
    if let Some(q) = &s.questions {
        blocks.push(SummaryBlock {
            id: "summary-questions".into(),
            title: tr.t("summary-questions-title"),
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
    chosen: Vec<(&'static str, String, bool)>,
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
    let today = today_for(&state, &a).await?;
    let f = FormData::parse(query.as_deref().unwrap_or("").as_bytes());
    let (req, error) = match summary_request(query.as_deref(), today) {
        Ok(r) => (r, None),
        Err(e) => (
            summary_request(None, today)
                .map_err(|e| PageError(StatusCode::BAD_REQUEST, e.to_string()))?,
            Some(FormError::from(e)),
        ),
    };
    // One read (one audit entry): the whole history for the diagnosis and the visits before
    // the range, cut in memory to the range's records.
    let entry = a.entry(&client, action::READ, "visit_summary", None);
    let history = db::load(&state, &a.patient.id, &DateRange::all(), &entry).await?;
    let (data, records) = around(&state, &history, &req);
    let tr = state.tr(u.locale.lang);
    let (s, mut blocks) = summary_blocks(&state, &records, &req, &tr)
        .map_err(|e| PageError(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    enrich(&state, &data, &history, &records, &req, &mut blocks, &tr);
    let (from, to) = (req.from.to_string(), req.to.to_string());
    let period =
        super::super::red_flags::period_block(&state, &a.patient.id, &from, &to, &tr).await?;
    blocks.insert(1, period);
    let mut flags = super::super::red_flags::open(&state, &a.patient.id).await?;
    super::super::red_flags::in_language(&mut flags, state.kb(), tr.lang);
    blocks.splice(0..0, super::super::red_flags::summary_block(&flags, &tr));
    let page = SummaryPage {
        l: layout(&state, &u, &tr.t("title-summary")),
        f: Frame::new(&a, "summary"),
        from: req.from.to_string(),
        to: req.to.to_string(),
        chosen: SECTIONS
            .iter()
            .map(|(sid, _)| {
                (
                    *sid,
                    tr.t(&format!("section-{sid}")),
                    req.sections.contains(sid),
                )
            })
            .collect(),
        questions: f.get("questions").to_owned(),
        error,
        days: tr.t2(
            "summary-days",
            "recorded",
            s.days_recorded,
            "total",
            s.days_in_range,
        ),
        blocks,
        pdf_link: format!(
            "/patients/{}/summary.pdf?{}",
            a.patient_id(),
            pdf_query(&req)
        ),
    };
    Ok(render(&page))
}

/// The records a summary is made from, cut from everything the person recorded: from 30 days
/// before the first day (so flare signals and the diary chart see the days just before).
fn around(
    state: &AppState,
    all: &myo_store::PatientData,
    req: &SummaryRequest,
) -> (myo_store::PatientData, PatientRecords) {
    let data = all.within(&DateRange {
        from: Some(req.from.add_days(-30).to_string()),
        to: None,
    });
    let records = convert::records(state.rules(), state.scorer().catalog(), &data);
    (data, records)
}

/// The query of the PDF link: the dates, sections and questions of the summary on screen (the
/// defaults when the form had an error), so the download matches what the person sees.
fn pdf_query(req: &SummaryRequest) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("from", &req.from.to_string());
    q.append_pair("to", &req.to.to_string());
    for s in &req.sections {
        q.append_pair("sections", s);
    }
    if !req.questions.is_empty() {
        q.append_pair("questions", &req.questions.join("\n"));
    }
    q.finish()
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
    let today = today_for(&state, &a).await?;
    let req = summary_request(query.as_deref(), today)
        .map_err(|e| PageError(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    let entry = a.entry(&client, action::EXPORT, "visit_summary", None);
    let all = db::load(&state, &a.patient.id, &DateRange::all(), &entry).await?;
    let (data, records) = around(&state, &all, &req);
    // Diagnoses and antibodies whatever their date, up to the last day of the summary.
    let history = all.within(&DateRange {
        from: None,
        to: Some(req.to.to_string()),
    });
    let tr = state.tr(u.locale.lang);
    let (s, mut blocks) = summary_blocks(&state, &records, &req, &tr)
        .map_err(|e| PageError(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    enrich(&state, &data, &history, &records, &req, &mut blocks, &tr);
    let (from, to) = (req.from.to_string(), req.to.to_string());
    let period =
        super::super::red_flags::period_block(&state, &a.patient.id, &from, &to, &tr).await?;
    blocks.insert(1, period);
    let mut flags = super::super::red_flags::open(&state, &a.patient.id).await?;
    super::super::red_flags::in_language(&mut flags, state.kb(), tr.lang);
    blocks.splice(0..0, super::super::red_flags::summary_block(&flags, &tr));
    let doc = pdf::SummaryDoc {
        identity: pdf::Identity {
            name: a.patient_name(),
            birth_date: data.profile.as_ref().and_then(|p| p.birth_date.clone()),
            identifier: Some(tr.t1("pdf-record-id", "id", a.patient_id())),
            clinician_ref: a.clinician_ref.clone(),
        },
        from: s.from,
        to: s.to,
        made: Timestamp::now().to_string(),
        days: tr.t2(
            "summary-days",
            "recorded",
            s.days_recorded,
            "total",
            s.days_in_range,
        ),
        blocks: &blocks,
        tr: &tr,
        records: &records,
    };
    let bytes = pdf::summary(&doc, state.pdf_fonts()).map_err(|e| {
        PageError(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("The PDF could not be made: {e}"),
        )
    })?;
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

/// A medicine taken in the summary's range: `Name: 10 mg (weekly), from 2026-01-05 to …`.
fn taken_line(l: &myo_tracker::summary::MedicineLine) -> myo_tracker::Phrase {
    use myo_tracker::Worded;
    let english = format!(
        "{}: {} ({}), from {}{}.",
        l.name,
        l.dose,
        l.schedule,
        l.start,
        l.end.map_or(String::new(), |e| format!(" to {e}"))
    );
    let worded = Worded::new(if l.end.is_some() {
        "summary-med-taken-ended"
    } else {
        "summary-med-taken"
    })
    .text("name", l.name.clone())
    .part("dose", words::dose_worded(&l.dose))
    .part(
        "schedule",
        Worded::new(format!("schedule-kind-{}", l.schedule)),
    )
    .date("start", l.start);
    let worded = match l.end {
        Some(e) => worded.date("end", e),
        None => worded,
    };
    myo_tracker::Phrase::new(english, worded)
}

/// A start, stop or dose change in the summary's range: `2026-02-01: Prednisone taper step to
/// 15 mg.`
fn change_line(c: &myo_tracker::summary::MedicineChange) -> myo_tracker::Phrase {
    use myo_tracker::Worded;
    use myo_tracker::summary::ChangeKind;
    let (what, worded) = match c.kind {
        ChangeKind::Started => ("started".to_owned(), Worded::new("summary-change-started")),
        ChangeKind::Stopped => ("stopped".to_owned(), Worded::new("summary-change-stopped")),
        ChangeKind::TaperStep(d) => (
            format!("taper step to {d}"),
            Worded::new("summary-change-taper-step").part("dose", words::dose_worded(&d)),
        ),
        ChangeKind::TaperEnded => (
            "taper ended".to_owned(),
            Worded::new("summary-change-taper-ended"),
        ),
        ChangeKind::DoseChanged(d) => (
            format!("dose changed to {d}"),
            Worded::new("summary-change-dose").part("dose", words::dose_worded(&d)),
        ),
    };
    myo_tracker::Phrase::new(
        format!("{}: {} {what}.", c.date, c.name),
        worded.date("date", c.date).text("name", c.name.clone()),
    )
}
