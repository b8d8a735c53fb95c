//! The conditions page: diagnoses as recorded (Myo never diagnoses) and antibody results with
//! what the knowledge base says a positive one means.

use askama::Template;
use axum::response::Response;
use myo_store::{Record, RecordKind, Timestamp};
use myo_tracker::{Date, Invalid};

use super::super::convert;
use super::super::delete::{DeleteLink, link};
use super::{
    Ctx, FormData, FormError, Frame, Outcome, RecordPage, Table, layout, load, respond, today_for,
};
use crate::AppState;
use crate::i18n::words;
use crate::pages::{Layout, PageError};

/// The conditions and antibodies page (`/patients/{id}/conditions`).
pub struct Conditions;

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

impl RecordPage for Conditions {
    async fn render(cx: &Ctx<'_>, out: Outcome) -> Result<Response, PageError> {
        let Ctx {
            state,
            u,
            a,
            client,
        } = *cx;
        let today = today_for(state, a).await?;
        let (data, _) = load(state, a, client, "conditions", None).await?;
        let tr = state.tr(u.locale.lang);
        let head = [
            tr.t("clin-col-condition"),
            tr.t("clin-col-diagnosed"),
            tr.t("clin-col-resolved"),
            "ICD-10-CM".to_owned(),
            "SNOMED CT".to_owned(),
        ];
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        let mut conditions = Table::new(
            "condition-list",
            &tr.t("cond-list-caption"),
            &head,
            &tr.t("cond-list-empty"),
        );
        for c in &data.conditions {
            let o = |v: &Option<String>| {
                v.as_deref()
                    .map_or_else(|| "–".to_owned(), |d| words::date(&tr, d))
            };
            let name = c.condition.replace('_', " ");
            let delete = a.is_owner().then(|| {
                let label = match &c.diagnosed {
                    Some(d) => tr.t2(
                        "cond-delete-label-dated",
                        "name",
                        name.as_str(),
                        "date",
                        words::date(&tr, d),
                    ),
                    None => tr.t1("cond-delete-label", "name", name.as_str()),
                };
                link(a.patient_id(), RecordKind::Condition, &c.id, label)
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
        let edited = super::super::edit::edited(state, a).await?;
        conditions.mark(&edited);
        let mut antibodies: Vec<AntibodyLine> = data
            .antibodies
            .iter()
            .map(|r| {
                let kb = kb_antibody(state.kb(), &r.antibody);
                let name =
                    kb.map_or_else(|| format!("anti-{}", r.antibody), |(_, k)| k.name.clone());
                AntibodyLine {
                    delete: a.is_owner().then(|| {
                        link(
                            a.patient_id(),
                            RecordKind::Antibody,
                            &r.id,
                            tr.t2(
                                "cond-delete-antibody",
                                "name",
                                name.as_str(),
                                "date",
                                words::date(&tr, &r.date),
                            ),
                        )
                    }),
                    name,
                    result: {
                        let outcome = match r.outcome.as_str() {
                            "positive" => tr.t("cond-outcome-positive"),
                            "negative" => tr.t("cond-outcome-negative"),
                            "borderline" => tr.t("cond-outcome-borderline"),
                            other => other.to_owned(),
                        };
                        match &r.titre {
                            Some(t) => format!("{outcome} ({t})"),
                            None => outcome,
                        }
                    },
                    date: words::date(&tr, &r.date),
                    flags: if r.outcome == "positive" {
                        kb.map(|(_, k)| k.flags.clone()).unwrap_or_default()
                    } else {
                        Vec::new()
                    },
                    guidance: match kb {
                        Some((kid, _)) if r.outcome == "positive" => {
                            let mut g = super::super::safety::antibody_guidance(
                                state.kb(),
                                &format!("{kid}-action-plan"),
                            );
                            g.extend(super::super::safety::antibody_guidance(state.kb(), kid));
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
        for x in &mut antibodies {
            if let Some(d) = x.delete.as_mut() {
                d.mark(&edited);
            }
        }
        let refused = out.error.is_some();
        Ok(respond(
            &ConditionsPage {
                l: layout(state, u, &tr.t("cond-conditions-and-antibodies")),
                f: Frame::new(a, "conditions").with_notice(out.notice),
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
                error: out.error,
                saved: out.saved,
                conditions,
                antibodies,
            },
            refused,
        ))
    }

    /// `form=condition` (`condition`, `diagnosed`, `resolved`) or `form=antibody` (`antibody`,
    /// `outcome`, `titre`, `date`).
    fn parse(state: &AppState, f: &FormData, _today: Date) -> Result<Record, Invalid> {
        let rules = state.rules();
        let now = Timestamp::now();
        if f.get("form") == "antibody" {
            myo_api::tracker::AntibodyDto {
                antibody: f.get("antibody").to_owned(),
                outcome: f.get("outcome").to_owned(),
                titre: f.opt("titre"),
                date: f.get("date").to_owned(),
                loinc: None,
            }
            .to_domain(rules)
            .map(|r| Record::Antibody(convert::antibody_row(&r, now)))
        } else {
            myo_api::tracker::ConditionDto {
                condition: f.get("condition").to_owned(),
                diagnosed: f.opt("diagnosed"),
                resolved: f.opt("resolved"),
                icd10cm: None,
                snomed: None,
            }
            .to_domain(rules)
            .map(|(c, resolved)| Record::Condition(convert::condition_row(&c, resolved, now)))
        }
    }
}
