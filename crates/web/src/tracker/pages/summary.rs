//! The visit summary: chosen sections over a date range, as a page and as a PDF (and, through
//! share links, for a doctor without an account).

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use myo_store::audit::action;
use myo_store::{DateRange, Timestamp};
use myo_tracker::charts::render as svg;
use myo_tracker::dashboard::{diary_chart, home_test_chart, lab_chart};
use myo_tracker::labs::Analyte;
use myo_tracker::records::{HomeTest, Rating};
use myo_tracker::summary::{PatientRecords, VisitSummary, summarize};
use myo_tracker::{Date, Invalid};

use super::super::access::resolve;
use super::super::{SECTIONS, convert, db, pdf, section};
use super::summary_clinical::enrich;
use super::{FormData, FormError, Frame, Table, fmt_num, layout, load, today_for};
use crate::AppState;
use crate::auth::{Client, SignedIn};
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

/// Builds the summary blocks (shared by the page, the PDF and share links). Charts show the
/// range asked for as is, not fitted to the data.
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
            )
            .fixed())],
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
            let mmt = match (v.mmt8_total, v.mmt8_max) {
                (Some(x), Some(m)) => format!("{x} of {m}"),
                (None, Some(m)) => format!("incomplete (of {m})"),
                _ => "not assessed".into(),
            };
            format!(
                "Visit or assessment {d}: MMT-8 {mmt}, HAQ-DI {}, CMAS {}.",
                v.haq_di_thousandths
                    .map_or("not assessed".into(), |x| format!(
                        "{} of {}",
                        fmt_num(x as f64 / 1000.0),
                        state.scorer().catalog().haq.item_max
                    )),
                v.cmas_total.map_or("not assessed".into(), |x| format!(
                    "{x} of {}",
                    state.scorer().catalog().cmas.max_total
                )),
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
            )
            .fixed())],
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
            )
            .fixed())],
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
                myo_tracker::summary::ChangeKind::DoseChanged(d) => format!("dose changed to {d}"),
            };
            format!("{}: {} {what}.", c.date, c.name)
        }));
        let mut t = Table::new(
            "summary-dose-in-force",
            "Dose in force, from each day it changed",
            &["Medicine", "From", "Dose"],
            "No medicine taken in the range.",
        );
        for (name, changes) in &m.in_force {
            for (day, dose) in changes {
                t.rows.push(vec![
                    name.clone(),
                    day.to_string(),
                    dose.map_or_else(|| "not taken".to_owned(), |d| d.to_string()),
                ]);
            }
        }
        blocks.push(SummaryBlock {
            id: "summary-medicines".into(),
            title: "Medicines and changes".into(),
            lines,
            tables: vec![t],
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
    let (data, records) = load(
        &state,
        &a,
        &client,
        "visit_summary",
        Some(req.from.add_days(-30)),
    )
    .await?;
    let (history, _) = load(&state, &a, &client, "visit_summary", None).await?;
    let (s, mut blocks) = summary_blocks(&state, &records, &req)
        .map_err(|e| PageError(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    enrich(&state, &data, &history, &records, &req, &mut blocks);
    let (from, to) = (req.from.to_string(), req.to.to_string());
    let period = super::super::red_flags::period_block(&state, &a.patient.id, &from, &to).await?;
    blocks.insert(1, period);
    let flags = super::super::red_flags::open(&state, &a.patient.id).await?;
    blocks.splice(0..0, super::super::red_flags::summary_block(&flags));
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
            pdf_query(&req)
        ),
    };
    Ok(render(&page))
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
    let range = DateRange {
        from: Some(req.from.add_days(-30).to_string()),
        to: None,
    };
    let data = db::load(&state, &a.patient.id, &range, &entry).await?;
    let records = convert::records(state.rules(), state.scorer().catalog(), &data);
    // Diagnoses and antibodies whatever their date, up to the last day of the summary.
    let upto = DateRange {
        from: None,
        to: Some(req.to.to_string()),
    };
    let history = db::load(&state, &a.patient.id, &upto, &entry).await?;
    let (s, mut blocks) = summary_blocks(&state, &records, &req)
        .map_err(|e| PageError(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    enrich(&state, &data, &history, &records, &req, &mut blocks);
    let (from, to) = (req.from.to_string(), req.to.to_string());
    let period = super::super::red_flags::period_block(&state, &a.patient.id, &from, &to).await?;
    blocks.insert(1, period);
    let flags = super::super::red_flags::open(&state, &a.patient.id).await?;
    blocks.splice(0..0, super::super::red_flags::summary_block(&flags));
    let doc = pdf::SummaryDoc {
        identity: pdf::Identity {
            name: a.patient_name(),
            birth_date: data.profile.as_ref().and_then(|p| p.birth_date.clone()),
            identifier: Some(format!("Myo record {}", a.patient_id())),
        },
        from: s.from,
        to: s.to,
        made: Timestamp::now().to_string(),
        days: format!(
            "{} of {} days have a diary entry.",
            s.days_recorded, s.days_in_range
        ),
        blocks: &blocks,
        records: &records,
    };
    let bytes = pdf::summary(&doc).map_err(|e| {
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
