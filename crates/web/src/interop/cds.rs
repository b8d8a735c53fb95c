//! CDS Hooks `order-select` / `order-sign` advice on draft `MedicationRequest`s (pure rules; no
//! HTTP yet, see the module notes in the report): the facts come from the knowledge base's drug
//! guides, whose `interactions` lists and pages are cited.
//!
//! * methotrexate ordered daily or in any non-weekly pattern → `critical`, with a suggestion
//!   that updates the order to once a week (same amount per dose);
//! * methotrexate with its schedule not stated → `warning` (when in doubt, escalate);
//! * methotrexate with no folic acid among the orders or active medicines → `info`;
//! * tacrolimus or ciclosporin with ritonavir-boosted medicines (nirmatrelvir/ritonavir), and
//!   methotrexate with co-trimoxazole/trimethoprim → `warning`.
//!
//! Nothing is stored; cards link to the drug guides.

use myo_fhir::cds_hooks::{Action, Card, Indicator, Link, SelectionBehavior, Source, Suggestion};
use myo_kb::{Kb, Structured};
use myo_tracker::Rules;
use serde_json::Value;

/// Names that identify the interacting medicines the drug guides warn about. Each pair is
/// (guide id, words in the other medicine's name); a test checks that the guide's own
/// `interactions` list names it, so the fact stays cited.
pub const INTERACTIONS: [(&str, &str, &[&str]); 3] = [
    (
        "tacrolimus",
        "ritonavir",
        &["ritonavir", "paxlovid", "nirmatrelvir"],
    ),
    (
        "ciclosporin",
        "ritonavir",
        &["ritonavir", "paxlovid", "nirmatrelvir"],
    ),
    (
        "methotrexate",
        "trimethoprim",
        &[
            "trimethoprim",
            "co-trimoxazole",
            "cotrimoxazole",
            "sulfamethoxazole",
            "bactrim",
            "septra",
        ],
    ),
];

/// Lower-case words naming the medicine in a MedicationRequest/MedicationStatement: the
/// concept's text and every coding's display and code.
fn medicine_text(resource: &Value) -> String {
    let concept = &resource["medicationCodeableConcept"];
    let mut parts = vec![concept["text"].as_str().unwrap_or("").to_owned()];
    if let Some(codings) = concept["coding"].as_array() {
        for c in codings {
            parts.push(c["display"].as_str().unwrap_or("").to_owned());
        }
    }
    parts.join(" ").to_lowercase()
}

fn rxnorm_codes(resource: &Value) -> Vec<String> {
    resource["medicationCodeableConcept"]["coding"]
        .as_array()
        .map(|codings| {
            codings
                .iter()
                .filter(|c| c["system"] == myo_fhir::systems::RXNORM)
                .filter_map(|c| c["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether `resource` is the drug of guide `id`: by the guide's ingredient RxCUI, by its
/// generic or brand name in the medicine's text, or by the tracker's ingredient guard
/// (abbreviations such as MTX, brands and misspellings within its edit budget).
fn is_drug(kb: &Kb, rules: &Rules, id: &str, resource: &Value) -> bool {
    let Some(Structured::Drug(d)) = kb.get(id).and_then(|e| e.structured.as_ref()) else {
        return false;
    };
    let text = medicine_text(resource);
    let by_code = d
        .rxnorm
        .as_ref()
        .is_some_and(|code| rxnorm_codes(resource).contains(code));
    // The RxNorm ingredient name too (US spelling: "cyclosporine" for the ciclosporin guide).
    let ingredient = d.rxnorm.as_ref().and_then(|code| {
        myo_fhir::codes::RXNORM_INGREDIENTS
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.display.to_owned())
    });
    let by_name = std::iter::once(d.generic_name.clone())
        .chain(d.brand_names.iter().cloned())
        .chain(ingredient)
        .map(|n| n.to_lowercase())
        .any(|n| !n.is_empty() && text.contains(&n));
    let by_guard = super::patient_view::ingredient(rules, resource)
        .is_some_and(|g| g.eq_ignore_ascii_case(&d.generic_name));
    by_code || by_name || by_guard
}

/// How a MedicationRequest's timing reads for the weekly-only guard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    /// Once a week (one intake every 7 days).
    Weekly,
    /// Any other pattern (daily, several a day, every few days, …).
    NotWeekly,
    /// No timing given.
    Unstated,
}

/// The cadence of every dosage instruction taken together.
pub fn cadence(request: &Value) -> Cadence {
    let Some(dosages) = request["dosageInstruction"]
        .as_array()
        .filter(|d| !d.is_empty())
    else {
        return Cadence::Unstated;
    };
    let mut seen = false;
    for d in dosages {
        let timing = &d["timing"];
        if timing.is_null() {
            continue;
        }
        seen = true;
        let repeat = &timing["repeat"];
        let frequency = repeat["frequency"].as_f64().unwrap_or(1.0);
        let period = repeat["period"].as_f64();
        let unit = repeat["periodUnit"].as_str();
        let days = match (period, unit) {
            (Some(p), Some("wk")) => Some(p * 7.0),
            (Some(p), Some("d")) => Some(p),
            (Some(p), Some("h")) => Some(p / 24.0),
            (Some(p), Some("mo")) => Some(p * 30.0),
            _ => None,
        };
        // A timing code (QD, BID, …) or an interval that is not one intake per 7 days.
        let weekly = timing["code"].is_null()
            && days.is_some_and(|days| (frequency - 1.0).abs() < 1e-9 && (days - 7.0).abs() < 1e-9)
            && repeat["timeOfDay"].as_array().is_none_or(|t| t.len() <= 1)
            && repeat["when"].as_array().is_none_or(|w| w.len() <= 1);
        if !weekly {
            return Cadence::NotWeekly;
        }
    }
    if seen {
        Cadence::Weekly
    } else {
        Cadence::Unstated
    }
}

/// The same order rewritten to once a week (same amount per dose), for the suggestion.
fn weekly_version(request: &Value) -> Value {
    let mut fixed = request.clone();
    if let Some(dosages) = fixed["dosageInstruction"].as_array_mut() {
        for d in dosages {
            d["timing"] =
                serde_json::json!({"repeat": {"frequency": 1, "period": 1, "periodUnit": "wk"}});
            if let Some(obj) = d.as_object_mut() {
                obj.insert(
                    "text".into(),
                    Value::from("once a week, on the same day each week"),
                );
            }
        }
    }
    fixed
}

fn card_id(hook_instance: &str, rule: &str, order: &str) -> String {
    myo_fhir::export::urn_uuid(hook_instance, rule, order)
        .trim_start_matches("urn:uuid:")
        .to_owned()
}

/// Cards for the draft orders of one hook call (`rules`: the tracker's, for its ingredient
/// guard). `active` holds the patient's other medicines
/// (MedicationRequest or MedicationStatement resources from prefetch), `base` the site URL
/// for links to the drug guides.
pub fn order_cards(
    kb: &Kb,
    rules: &Rules,
    hook_instance: &str,
    drafts: &[Value],
    active: &[Value],
    base: &str,
) -> Vec<Card> {
    let guide = |id: &str| {
        let title = kb.get(id).map_or(id.to_owned(), |e| e.title.clone());
        Link {
            label: format!("Myo drug guide: {title}"),
            url: myo_kb::page_url(base, id),
            kind: "absolute".into(),
            ..Link::default()
        }
    };
    let source = |id: &str| Source {
        label: "Myo knowledge base (cited drug guides)".into(),
        url: Some(myo_kb::page_url(base, id)),
        ..Source::default()
    };
    let all: Vec<&Value> = drafts.iter().chain(active.iter()).collect();
    let mut cards = Vec::new();
    for (i, order) in drafts.iter().enumerate() {
        let order_id = order["id"]
            .as_str()
            .map_or_else(|| format!("draft-{i}"), str::to_owned);
        if is_drug(kb, rules, "methotrexate", order) {
            match cadence(order) {
                Cadence::NotWeekly => cards.push(Card {
                    uuid: Some(card_id(hook_instance, "mtx-weekly", &order_id)),
                    summary: "Methotrexate ordered more often than once a week".into(),
                    detail: Some(
                        "For dermatomyositis, methotrexate is given **once a week**. Daily dosing by \
                         mistake has caused fatal overdoses. Check the schedule before signing."
                            .into(),
                    ),
                    indicator: Indicator::Critical,
                    source: source("methotrexate"),
                    suggestions: vec![Suggestion {
                        label: "Change to once a week (same amount per dose)".into(),
                        uuid: Some(card_id(hook_instance, "mtx-weekly-fix", &order_id)),
                        is_recommended: Some(true),
                        actions: vec![Action {
                            kind: "update".into(),
                            description: "Set the timing to one dose every week".into(),
                            resource: Some(myo_fhir::Resource::Other(weekly_version(order))),
                            resource_id: None,
                        }],
                    }],
                    selection_behavior: Some(SelectionBehavior::AtMostOne),
                    links: vec![guide("methotrexate")],
                    ..Card::default()
                }),
                Cadence::Unstated => cards.push(Card {
                    uuid: Some(card_id(hook_instance, "mtx-unstated", &order_id)),
                    summary: "Methotrexate order has no schedule: it must be once a week".into(),
                    indicator: Indicator::Warning,
                    source: source("methotrexate"),
                    links: vec![guide("methotrexate")],
                    ..Card::default()
                }),
                Cadence::Weekly => {}
            }
            if !all.iter().any(|m| is_drug(kb, rules, "folic-acid", m)) {
                cards.push(Card {
                    uuid: Some(card_id(hook_instance, "mtx-folic", &order_id)),
                    summary: "No folic acid found with this methotrexate order".into(),
                    detail: Some(
                        "Folic acid is usually given with methotrexate to reduce mouth sores, \
                         nausea and liver strain."
                            .into(),
                    ),
                    indicator: Indicator::Info,
                    source: source("folic-acid"),
                    links: vec![guide("folic-acid"), guide("methotrexate")],
                    ..Card::default()
                });
            }
        }
        for (guide_id, topic, words) in INTERACTIONS {
            let this_is_guide = is_drug(kb, rules, guide_id, order);
            let this_is_other = words.iter().any(|w| medicine_text(order).contains(w));
            let partner = all.iter().any(|m| {
                if this_is_guide {
                    words.iter().any(|w| medicine_text(m).contains(w))
                } else {
                    this_is_other && is_drug(kb, rules, guide_id, m)
                }
            });
            if (this_is_guide || this_is_other) && partner {
                let name = kb
                    .get(guide_id)
                    .map_or(guide_id.to_owned(), |e| e.title.clone());
                cards.push(Card {
                    uuid: Some(card_id(
                        hook_instance,
                        &format!("{guide_id}-{topic}"),
                        &order_id,
                    )),
                    summary: format!(
                        "Dangerous combination: {name} with {topic}-containing medicine"
                    ),
                    detail: kb.get(guide_id).and_then(|e| match &e.structured {
                        Some(Structured::Drug(d)) => d
                            .interactions
                            .iter()
                            .find(|x| x.to_lowercase().contains(topic))
                            .cloned(),
                        _ => None,
                    }),
                    indicator: Indicator::Warning,
                    source: source(guide_id),
                    links: vec![guide(guide_id)],
                    ..Card::default()
                });
            }
        }
    }
    cards
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kb() -> Kb {
        Kb::builtin().unwrap()
    }

    fn rules() -> Rules {
        Rules::builtin().unwrap()
    }

    fn order(id: &str, text: &str, code: Option<&str>, timing: Value) -> Value {
        let coding: Vec<Value> = code
            .map(|c| json!({"system": myo_fhir::systems::RXNORM, "code": c}))
            .into_iter()
            .collect();
        json!({"resourceType": "MedicationRequest", "id": id, "status": "draft", "intent": "order",
            "medicationCodeableConcept": {"text": text, "coding": coding},
            "subject": {"reference": "Patient/example"},
            "dosageInstruction": [{"timing": timing}]})
    }

    fn daily() -> Value {
        json!({"repeat": {"frequency": 1, "period": 1, "periodUnit": "d"}})
    }

    fn weekly() -> Value {
        json!({"repeat": {"frequency": 1, "period": 1, "periodUnit": "wk"}})
    }

    #[test]
    fn cadences() {
        assert_eq!(cadence(&order("a", "x", None, weekly())), Cadence::Weekly);
        let seven_days = json!({"repeat": {"frequency": 1, "period": 7, "periodUnit": "d"}});
        assert_eq!(cadence(&order("a", "x", None, seven_days)), Cadence::Weekly);
        assert_eq!(cadence(&order("a", "x", None, daily())), Cadence::NotWeekly);
        let twice_weekly = json!({"repeat": {"frequency": 2, "period": 1, "periodUnit": "wk"}});
        assert_eq!(
            cadence(&order("a", "x", None, twice_weekly)),
            Cadence::NotWeekly
        );
        let every_3_days = json!({"repeat": {"frequency": 1, "period": 3, "periodUnit": "d"}});
        assert_eq!(
            cadence(&order("a", "x", None, every_3_days)),
            Cadence::NotWeekly
        );
        let coded = json!({"code": {"text": "QD"}, "repeat": {"frequency": 1, "period": 1, "periodUnit": "wk"}});
        assert_eq!(cadence(&order("a", "x", None, coded)), Cadence::NotWeekly);
        assert_eq!(
            cadence(&json!({"dosageInstruction": []})),
            Cadence::Unstated
        );
    }

    #[test]
    fn daily_methotrexate_is_critical_with_a_weekly_suggestion() {
        let kb = kb();
        for (text, code) in [
            ("Methotrexate 2.5 MG Oral Tablet", None),
            ("MTX tabs", Some("6851")),
            ("Otrexup 15 mg auto-injector", None),
            ("TREXALL", None),
        ] {
            let cards = order_cards(
                &kb,
                &rules(),
                "hook-1",
                &[order("mr-1", text, code, daily())],
                &[],
                "https://myo.invalid",
            );
            let critical: Vec<&Card> = cards
                .iter()
                .filter(|c| c.indicator == Indicator::Critical)
                .collect();
            assert_eq!(critical.len(), 1, "{text}: {cards:?}");
            let action = &critical[0].suggestions[0].actions[0];
            assert_eq!(action.kind, "update");
            let fixed = serde_json::to_value(action.resource.as_ref().unwrap()).unwrap();
            assert_eq!(cadence(&fixed), Cadence::Weekly);
            let response = myo_fhir::cds_hooks::Response {
                cards: cards.clone(),
                ..Default::default()
            };
            assert!(
                response.violations().is_empty(),
                "{:?}",
                response.violations()
            );
        }
        // Weekly methotrexate gets no critical card; without folic acid it gets an info card.
        let cards = order_cards(
            &kb,
            &rules(),
            "h",
            &[order("mr-1", "methotrexate", None, weekly())],
            &[],
            "https://myo.invalid",
        );
        assert!(
            cards.iter().all(|c| c.indicator == Indicator::Info),
            "{cards:?}"
        );
        assert_eq!(cards.len(), 1);
        let folic = order("mr-2", "Folic acid 1 mg tablet", Some("4511"), daily());
        let cards = order_cards(
            &kb,
            &rules(),
            "h",
            &[order("mr-1", "methotrexate", None, weekly())],
            &[folic],
            "https://myo.invalid",
        );
        assert!(cards.is_empty(), "{cards:?}");
    }

    #[test]
    fn dangerous_combinations_warn() {
        let kb = kb();
        let paxlovid = order(
            "mr-9",
            "nirmatrelvir 150 MG / ritonavir 100 MG (Paxlovid)",
            None,
            daily(),
        );
        for drug in [
            "Tacrolimus 1 mg capsule",
            "Prograf",
            "ciclosporin",
            "cyclosporine 100 mg",
        ] {
            let tac = order("ms-1", drug, None, daily());
            let cards = order_cards(
                &kb,
                &rules(),
                "h",
                std::slice::from_ref(&paxlovid),
                std::slice::from_ref(&tac),
                "https://myo.invalid",
            );
            assert!(
                cards
                    .iter()
                    .any(|c| c.indicator == Indicator::Warning && c.summary.contains("ritonavir")),
                "{drug}: {cards:?}"
            );
        }
        let bactrim = order(
            "mr-3",
            "Sulfamethoxazole 800 MG / Trimethoprim 160 MG (Bactrim DS)",
            None,
            daily(),
        );
        let mtx = order("ms-2", "methotrexate", Some("6851"), weekly());
        let cards = order_cards(
            &kb,
            &rules(),
            "h",
            &[bactrim],
            &[mtx],
            "https://myo.invalid",
        );
        assert!(
            cards
                .iter()
                .any(|c| c.indicator == Indicator::Warning && c.summary.contains("trimethoprim")),
            "{cards:?}"
        );
        // Unrelated medicines give no card.
        let cards = order_cards(
            &kb,
            &rules(),
            "h",
            &[order("x", "amoxicillin", None, daily())],
            &[],
            "https://myo.invalid",
        );
        assert!(cards.is_empty());
    }

    #[test]
    fn every_interaction_is_named_by_its_drug_guide() {
        let kb = kb();
        for (guide, topic, _) in INTERACTIONS {
            let Some(Structured::Drug(d)) = kb.get(guide).and_then(|e| e.structured.as_ref())
            else {
                panic!("{guide} is not a drug guide");
            };
            assert!(
                d.interactions
                    .iter()
                    .any(|x| x.to_lowercase().contains(topic)),
                "{guide}: {topic}"
            );
        }
    }
}
