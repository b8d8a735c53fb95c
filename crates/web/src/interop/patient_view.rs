//! `patient-view` cards from what the EHR prefetched: monitoring tests overdue for the
//! patient's immunosuppressants (the tracker's versioned rules, each citing its guideline),
//! IMACS 2023 cancer screening (the instrument, marked partial where it is) and
//! antibody-linked risks (the KB antibody pages' cited flags). Pure: no I/O, nothing stored.

use myo_fhir::cds_hooks::{Card, Indicator, Link, Source};
use myo_kb::{Kb, Structured};
use myo_tracker::Date;
use myo_tracker::labs::{LabResult, RefRange, Unit};
use myo_tracker::monitoring::{DueState, MonitoredMedicine, due_items};
use myo_tracker::summary::PatientRecords;
use myo_tracker::{Rules, Status};
use serde_json::{Map, Value};

use super::ehr::{self, Fetched};

/// Everything the cards are computed from.
pub struct Inputs<'a> {
    /// The knowledge base (drug guides, antibody pages, sources).
    pub kb: &'a Kb,
    /// The tracker's rules (ingredients, analyte codes, monitoring).
    pub rules: &'a Rules,
    /// The IMACS 2023 definition.
    pub imacs: &'a myo_instruments::imacs_cancer::Def,
    /// Site base URL for links.
    pub base: &'a str,
    /// Today.
    pub today: Date,
    /// The firing's id (card uuids derive from it).
    pub hook_instance: &'a str,
}

/// The `patient-view` prefetch keys and templates.
pub const PREFETCH: [(&str, &str); 5] = [
    ("patient", "Patient/{{context.patientId}}"),
    (
        "medications",
        "MedicationRequest?patient={{context.patientId}}&status=active",
    ),
    (
        "statements",
        "MedicationStatement?patient={{context.patientId}}&status=active",
    ),
    (
        "labs",
        "Observation?patient={{context.patientId}}&category=laboratory",
    ),
    ("conditions", "Condition?patient={{context.patientId}}"),
];

pub(crate) fn link(kb: &Kb, base: &str, id: &str) -> Link {
    let title = kb.get(id).map_or(id, |e| e.title.as_str());
    Link {
        label: format!("Myo: {title}"),
        url: myo_kb::page_url(base, id),
        kind: "absolute".into(),
        ..Link::default()
    }
}

/// The card's source: a cited registry source (its URL, else its DOI).
fn registry_source(kb: &Kb, id: &str, fallback_url: String) -> Source {
    let s = kb.source(id);
    Source {
        label: s.map_or_else(|| id.to_owned(), |s| s.title.clone()),
        url: Some(
            s.and_then(|s| {
                s.url
                    .clone()
                    .or_else(|| s.doi.as_ref().map(|d| format!("https://doi.org/{d}")))
            })
            .unwrap_or(fallback_url),
        ),
        ..Source::default()
    }
}

fn uuid(inputs: &Inputs<'_>, rule: &str, key: &str) -> String {
    myo_fhir::export::urn_uuid(inputs.hook_instance, rule, key)
        .trim_start_matches("urn:uuid:")
        .to_owned()
}

/// The drug guide whose generic name is `generic`, if the KB has one.
pub(crate) fn drug_guide<'k>(kb: &'k Kb, generic: &str) -> Option<&'k str> {
    kb.entries().iter().find_map(|e| match &e.structured {
        Some(Structured::Drug(d)) if d.generic_name.eq_ignore_ascii_case(generic) => {
            Some(e.id.as_str())
        }
        _ => None,
    })
}

/// The tracker ingredient a medicine resource names: by RxCUI, else by name (brands and
/// misspellings within the tracker's edit budget).
pub(crate) fn ingredient(rules: &Rules, resource: &Value) -> Option<String> {
    let concept = &resource["medicationCodeableConcept"];
    ehr::codes(concept, myo_fhir::systems::RXNORM)
        .into_iter()
        .find_map(|c| rules.ingredients.by_rxcui(c))
        .or_else(|| {
            rules
                .ingredients
                .identify(&ehr::medicine_text(resource))
                .map(|f| f.ingredient)
        })
        .map(|i| i.generic_name.clone())
}

/// Lab results the tracker recognises by the LOINC codes its rules cite.
fn lab_records(rules: &Rules, labs: &[&Value]) -> PatientRecords {
    let mut records = PatientRecords::default();
    for obs in labs {
        let Some(date) = ehr::observation_day(obs) else {
            continue;
        };
        let Some(def) = ehr::analyte(rules, &obs["code"]) else {
            continue;
        };
        let q = &obs["valueQuantity"];
        let value = q["value"].as_f64();
        let unit = q["code"]
            .as_str()
            .or(q["unit"].as_str())
            .and_then(Unit::parse);
        if let (Some(value), Some(unit)) = (value, unit)
            && let Ok(lab) =
                LabResult::new(rules, def.analyte, value, unit, RefRange::NotGiven, date)
        {
            records.labs.push(lab);
        }
    }
    records
}

fn status_words(status: Status) -> &'static str {
    match status {
        Status::Verified => "",
        _ => " (interval not yet verified)",
    }
}

/// One card per current medicine with monitoring overdue, or with no start date to compute it.
fn monitoring_cards(inputs: &Inputs<'_>, meds: &[&Value], labs: &[&Value]) -> Vec<Card> {
    let records = lab_records(inputs.rules, labs);
    let last = |t| records.last_result(t, inputs.today);
    let mut seen = Vec::new();
    let mut cards = Vec::new();
    for med in meds.iter().filter(|m| ehr::is_current(m)) {
        let Some(generic) = ingredient(inputs.rules, med) else {
            continue;
        };
        let monitored = inputs
            .rules
            .monitoring
            .rules
            .iter()
            .any(|r| r.drugs.contains(&generic));
        if !monitored || seen.contains(&generic) {
            continue;
        }
        seen.push(generic.clone());
        let guide = drug_guide(inputs.kb, &generic);
        let links: Vec<Link> = guide
            .map(|g| link(inputs.kb, inputs.base, g))
            .into_iter()
            .collect();
        let Some(start) = ehr::medicine_start(med) else {
            cards.push(Card {
                uuid: Some(uuid(inputs, "monitoring-no-start", &generic)),
                summary: format!("{generic}: monitoring not checked, no start date was sent"),
                detail: Some(
                    "The medicine's start date was not in the record sent to Myo, so the \
                     monitoring schedule could not be computed. Check it in the chart."
                        .into(),
                ),
                indicator: Indicator::Warning,
                source: Source {
                    label: "Myo care tracker monitoring rules".into(),
                    url: Some(guide.map_or_else(
                        || inputs.base.to_owned(),
                        |g| myo_kb::page_url(inputs.base, g),
                    )),
                    ..Source::default()
                },
                links,
                ..Card::default()
            });
            continue;
        };
        // Risk factors are not known from the EHR: the stricter rule applies (escalate).
        let medicine = MonitoredMedicine {
            generic_name: &generic,
            start,
            stopped: None,
            risk_factors: true,
        };
        let overdue: Vec<_> = due_items(inputs.rules, &[medicine], inputs.today, &last)
            .into_iter()
            .filter(|i| i.state == DueState::Overdue)
            .collect();
        let Some(first) = overdue.first() else {
            continue;
        };
        let mut detail = String::new();
        for item in &overdue {
            detail.push_str(&format!(
                "- {}{}. Source: {}.\n",
                item.explanation,
                status_words(item.status),
                item.reference
            ));
        }
        detail.push_str(
            "\nOnly results coded with the LOINC codes Myo cites are recognised; a test done \
             but coded otherwise shows here as missing.",
        );
        let summary = if overdue.len() == 1 {
            format!(
                "{generic}: {} overdue by {} days",
                first.test.label(),
                first.days_overdue
            )
        } else {
            format!("{generic}: {} monitoring tests overdue", overdue.len())
        };
        let fallback = guide.map_or_else(
            || inputs.base.to_owned(),
            |g| myo_kb::page_url(inputs.base, g),
        );
        let source_id = first.sources.first().map_or("", |s| s.id.as_str());
        cards.push(Card {
            uuid: Some(uuid(inputs, "monitoring", &generic)),
            summary,
            detail: Some(detail),
            indicator: Indicator::Warning,
            source: registry_source(inputs.kb, source_id, fallback),
            links,
            ..Card::default()
        });
    }
    cards
}

/// The KB antibody page whose LOINC codes include one of the observation's (the main page
/// when an action plan carries the same codes: the shortest id).
fn antibody_entry<'k>(kb: &'k Kb, obs: &Value) -> Option<(&'k str, &'k myo_kb::Antibody)> {
    let codes = ehr::codes(&obs["code"], myo_fhir::systems::LOINC);
    kb.entries()
        .iter()
        .filter_map(|e| match &e.structured {
            Some(Structured::Antibody(a))
                if a.loinc.iter().any(|l| codes.contains(&l.as_str())) =>
            {
                Some((e.id.as_str(), a))
            }
            _ => None,
        })
        .min_by_key(|(id, _)| id.len())
}

/// One card per positive myositis antibody the KB has a page for; lung or cancer flags make
/// it a warning.
fn antibody_cards(inputs: &Inputs<'_>, labs: &[&Value]) -> (Vec<Card>, bool) {
    let mut cards = Vec::new();
    let mut tif1g = false;
    let mut seen = Vec::new();
    for obs in labs {
        let Some((id, ab)) = antibody_entry(inputs.kb, obs) else {
            continue;
        };
        if ehr::is_positive(obs) != Some(true) || seen.contains(&id) {
            continue;
        }
        seen.push(id);
        tif1g |= id == "anti-tif1-gamma";
        let lung = ab.flags.iter().any(|f| f.contains("lung"));
        let cancer = ab.flags.iter().any(|f| f.contains("cancer"));
        let watch = if lung {
            ": watch the lungs (interstitial lung disease)"
        } else if cancer {
            ": linked with cancer, check screening"
        } else {
            ""
        };
        let mut links = vec![link(inputs.kb, inputs.base, id)];
        let plan = format!("{id}-action-plan");
        if inputs.kb.get(&plan).is_some() {
            links.push(link(inputs.kb, inputs.base, &plan));
        }
        if lung && inputs.kb.get("lung-involvement").is_some() {
            links.push(link(inputs.kb, inputs.base, "lung-involvement"));
        }
        cards.push(Card {
            uuid: Some(uuid(inputs, "antibody", id)),
            summary: format!("{} positive{watch}", ab.name),
            detail: Some(format!(
                "Features linked with {} in the cited literature: {}.",
                ab.name,
                ab.flags.join("; ")
            )),
            indicator: if lung || cancer {
                Indicator::Warning
            } else {
                Indicator::Info
            },
            source: Source {
                label: "Myo knowledge base (cited antibody page)".into(),
                url: Some(myo_kb::page_url(inputs.base, id)),
                ..Source::default()
            },
            links,
            ..Card::default()
        });
    }
    (cards, tif1g)
}

/// Whether the conditions include dermatomyositis or another myositis the tracker codes.
fn myositis(rules: &Rules, conditions: &[&Value]) -> Option<bool> {
    let mut any = false;
    for c in conditions {
        let icd = ehr::codes(&c["code"], myo_fhir::systems::ICD10CM);
        let text = c["code"]["text"].as_str().unwrap_or("").to_lowercase();
        any |= ehr::condition(rules, &c["code"]).is_some()
            || icd.iter().any(|c| c.starts_with("M33"))
            || text.contains("myositis");
    }
    Some(any)
}

/// The IMACS 2023 card, for an adult with a myositis condition: what the instrument says
/// from the known inputs (the factor counts are the clinician's, so the category is usually
/// open and the card says so).
fn imacs_card(inputs: &Inputs<'_>, patient: Option<&Value>, tif1g: bool) -> Option<Card> {
    use myo_instruments::imacs_cancer::{Input, Sex, score};
    let sex = match patient.and_then(|p| p["gender"].as_str()) {
        Some("female") => Some(Sex::Female),
        Some("male") => Some(Sex::Male),
        _ => None,
    };
    let input = Input {
        sex,
        anti_tif1g: tif1g.then_some(true),
        ..Input::default()
    };
    let outcome = score(inputs.imacs, &input).ok()?;
    let panels: Vec<String> = outcome.basic_panel.iter().map(|p| p.item.clone()).collect();
    let partial = !matches!(
        inputs.imacs.meta.status,
        myo_instruments::explain::Status::Verified
    );
    let mut detail = format!(
        "The IMACS 2023 guideline (Oldroyd et al., Nat Rev Rheumatol 2023) screens adults \
         diagnosed with myositis within 3 years of symptom onset. Every risk category starts \
         with the basic panel at diagnosis: {}.\n\nThe risk category needs the clinician's count \
         of the guideline's high- and moderate-risk factors, which the record does not carry; \
         Myo's calculator takes them.",
        panels.join("; ")
    );
    if tif1g {
        detail.push_str(
            "\n\nAnti-TIF1-gamma is positive: it has the strongest antibody link to cancer.",
        );
    }
    if partial {
        detail.push_str("\n\nPartial: not yet verified against the guideline's figure.");
    }
    Some(Card {
        uuid: Some(uuid(inputs, "imacs-2023", "screening")),
        summary: format!(
            "Cancer screening (IMACS 2023) to review{}",
            if partial { " (partial)" } else { "" }
        ),
        detail: Some(detail),
        indicator: if tif1g {
            Indicator::Warning
        } else {
            Indicator::Info
        },
        source: Source {
            label: "IMACS 2023 cancer screening guideline (Oldroyd et al.)".into(),
            url: Some("https://doi.org/10.1038/s41584-023-01045-w".into()),
            ..Source::default()
        },
        links: ["cancer-screening-basic", "cancer-link", "anti-tif1-gamma"]
            .into_iter()
            .filter(|id| inputs.kb.get(id).is_some())
            .map(|id| link(inputs.kb, inputs.base, id))
            .collect(),
        ..Card::default()
    })
}

/// The cards for one `patient-view` call, and the prefetch keys that were not sent (each
/// is named in an info card: missing is not the same as normal).
pub fn cards(inputs: &Inputs<'_>, prefetch: &Map<String, Value>) -> Vec<Card> {
    let get = |k| ehr::prefetched(prefetch, k);
    let (patient, meds, statements, labs, conditions) = (
        get("patient"),
        get("medications"),
        get("statements"),
        get("labs"),
        get("conditions"),
    );
    let all_meds: Vec<&Value> = meds
        .resources()
        .iter()
        .chain(statements.resources())
        .copied()
        .collect();
    let mut cards = monitoring_cards(inputs, &all_meds, labs.resources());
    let (antibodies, tif1g) = antibody_cards(inputs, labs.resources());
    cards.extend(antibodies);
    let adult = patient
        .resources()
        .first()
        .and_then(|p| ehr::day(&p["birthDate"]))
        .map(|b| b.days_until(inputs.today) >= 18 * 365);
    if myositis(inputs.rules, conditions.resources()) == Some(true) && adult != Some(false) {
        cards.extend(imacs_card(
            inputs,
            patient.resources().first().copied(),
            tif1g,
        ));
    }
    let missing: Vec<&str> = [
        ("patient", &patient),
        ("medications", &meds),
        ("statements", &statements),
        ("labs", &labs),
        ("conditions", &conditions),
    ]
    .into_iter()
    .filter(|(_, f)| matches!(f, Fetched::NotSent))
    .map(|(k, _)| k)
    .collect();
    if !missing.is_empty() {
        cards.push(not_checked(inputs.base, inputs.hook_instance, &missing));
    }
    cards
}

/// The info card naming prefetch keys that were not sent.
pub(crate) fn not_checked(base: &str, hook_instance: &str, missing: &[&str]) -> Card {
    Card {
        uuid: Some(
            myo_fhir::export::urn_uuid(hook_instance, "not-checked", &missing.join(","))
                .trim_start_matches("urn:uuid:")
                .to_owned(),
        ),
        summary: format!("Not checked: {} not sent", missing.join(", ")),
        detail: Some(
            "Myo reads only the prefetched data and does not query the EHR's FHIR server; \
             the checks that need these were not run. Missing data is not normal data."
                .into(),
        ),
        indicator: Indicator::Info,
        source: Source {
            label: "Myo CDS Hooks services".into(),
            url: Some(format!("{}/cds-services", base.trim_end_matches('/'))),
            ..Source::default()
        },
        ..Card::default()
    }
}
