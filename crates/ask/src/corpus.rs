//! What the engine reads: documents, synonym groups and red-flag rules, plus the adapter that
//! builds them from the `myo-kb` knowledge base.
//!
//! Structured tables (drug guides, tests, foods, …) become short "label: value" facts, so an
//! answer about a usual dose or side effects still quotes reviewed data and nothing else.

use myo_kb::{Kb, Structured};

use crate::contacts::ContactKind;
use crate::lexicon;
use crate::triage::{self, ConceptTable, Rule, TempUnit, Tier};

/// One knowledge-base entry as the engine sees it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Entry id (also the page slug: `/kb/<id>`).
    pub id: String,
    /// Entry title.
    pub title: String,
    /// Section name (`symptoms`, `drugs`, …).
    pub section: String,
    /// The 1–2 sentence summary.
    pub summary: String,
    /// Body as plain-text lines (one per paragraph or list item); lines starting with `#` are
    /// headings.
    pub lines: Vec<String>,
    /// Everyday and medical words for the topic.
    pub terms: Vec<String>,
    /// Sentences rendered from the entry's structured table.
    pub facts: Vec<String>,
    /// Human-readable names of the cited sources.
    pub sources: Vec<String>,
    /// Review date, `YYYY-MM-DD`.
    pub reviewed_on: String,
    /// Ids of entries the editors linked as related.
    pub related: Vec<String>,
}

/// Everything the engine is built from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Corpus {
    /// Entries.
    pub documents: Vec<Document>,
    /// Groups of words meaning the same thing (glossary: medical term and everyday words).
    pub synonyms: Vec<Vec<String>>,
    /// Red-flag rules.
    pub rules: Vec<Rule>,
    /// Medicine names (generic and brand), for the guardrails.
    pub medicines: Vec<String>,
    /// The disclaimer shown with every answer.
    pub disclaimer: String,
    /// Spanish entries (`kb/es/`), answered by [`crate::es::answer`]; never in the English index.
    pub spanish: Vec<Document>,
    /// `(Spanish id, English id)` for every Spanish entry: its counterpart.
    pub counterparts: Vec<(String, String)>,
    /// Spanish glossary groups: medical term and everyday Spanish words.
    pub spanish_synonyms: Vec<Vec<String>>,
}

impl Corpus {
    /// Build the corpus from a loaded knowledge base. Red-flag phrases are widened with the
    /// everyday variants in [`lexicon`], and drug-word requirements with brand names.
    pub fn from_kb(kb: &Kb) -> Corpus {
        let mut medicines = Vec::new();
        for entry in kb.entries() {
            if let Some(Structured::Drug(d)) = &entry.structured {
                medicines.push(d.generic_name.clone());
                medicines.extend(d.brand_names.iter().cloned());
            }
        }
        medicines.extend(lexicon::MEDICINES.iter().map(|s| s.to_string()));
        let documents = kb.entries().iter().map(|e| document(kb, e)).collect();
        let mut synonyms: Vec<Vec<String>> = kb
            .glossary_terms()
            .into_iter()
            .map(|(_, t)| {
                let mut group = vec![t.medical.clone()];
                group.extend(t.everyday.iter().cloned());
                group
            })
            .collect();
        synonyms.extend(
            lexicon::EVERYDAY_SYNONYMS
                .iter()
                .map(|g| g.iter().map(|s| s.to_string()).collect()),
        );
        // The concept table is compiled in and checked by its tests (and by the build script,
        // which runs this): a broken file is a build bug.
        let concepts =
            ConceptTable::builtin().unwrap_or_else(|e| panic!("built-in triage concept data: {e}"));
        let rules = kb
            .red_flags()
            .into_iter()
            .flat_map(|(e, f)| rules(e, f, &medicines, &concepts))
            .collect();
        let spanish_entries: Vec<&myo_kb::Entry> = kb.in_language("es").collect();
        Corpus {
            documents,
            synonyms,
            rules,
            medicines,
            disclaimer: myo_kb::DISCLAIMER.to_string(),
            spanish: spanish_entries
                .iter()
                .map(|e| document_with(kb, e, crate::es::corpus::facts_es))
                .collect(),
            counterparts: spanish_entries
                .iter()
                .filter_map(|e| Some((e.id.clone(), e.translation_of.clone()?)))
                .collect(),
            spanish_synonyms: crate::es::corpus::glossary_groups(&spanish_entries),
        }
    }
}

fn document(kb: &Kb, e: &myo_kb::Entry) -> Document {
    document_with(kb, e, facts)
}

/// An entry as a document, its structured table rendered by `facts_of`.
pub(crate) fn document_with(
    kb: &Kb,
    e: &myo_kb::Entry,
    facts_of: fn(&Structured) -> Vec<String>,
) -> Document {
    let lines = e
        .body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            if l.starts_with('#') {
                format!("# {}", myo_kb::plain_text(l.trim_start_matches('#').trim()))
            } else {
                myo_kb::plain_text(l)
            }
        })
        .filter(|l| !l.trim().is_empty())
        .collect();
    let sources = e
        .sources
        .iter()
        .map(|r| {
            kb.source(&r.id)
                .map(|s| s.publisher.clone().unwrap_or_else(|| s.title.clone()))
                .unwrap_or_else(|| r.id.clone())
        })
        .fold(Vec::new(), |mut acc: Vec<String>, name| {
            if !acc.contains(&name) {
                acc.push(name);
            }
            acc
        });
    let mut terms = e.lay_terms.clone();
    terms.extend(e.medical_terms.iter().cloned());
    Document {
        id: e.id.clone(),
        title: e.title.clone(),
        section: e.section.as_str().to_string(),
        summary: e.summary.clone(),
        lines,
        terms,
        facts: e.structured.as_ref().map(facts_of).unwrap_or_default(),
        sources,
        reviewed_on: e.reviewed_on.to_string(),
        related: e.related.clone(),
    }
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

/// Structured tables as "label: value." sentences (only fields that have a value).
fn facts(s: &Structured) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |label: &str, value: String| {
        let value = value.trim().trim_end_matches('.').to_string();
        if !value.is_empty() {
            out.push(format!("{label}: {value}."));
        }
    };
    match s {
        Structured::Drug(d) => {
            push("Also sold as", list(&d.brand_names));
            push("What it is for", d.purpose.clone());
            push("How it works", d.mechanism.clone());
            let dose = &d.typical_adult_dose;
            push(
                "Typical published adult dose, for information only",
                format!(
                    "{}–{} {} {}",
                    dose.min,
                    dose.max,
                    dose.unit.as_str(),
                    dose.basis.as_str().replace('_', " ")
                ),
            );
            push("How often", d.frequency.as_str().replace('_', " "));
            push("Common side effects", list(&d.common_side_effects));
            push("Serious side effects", list(&d.serious_side_effects));
            push(
                "If you miss a dose",
                d.missed_dose.clone().unwrap_or_default(),
            );
            push("Pregnancy", d.pregnancy.clone());
            push("Vaccines", d.vaccines.clone());
            push("Checks before starting", list(&d.monitoring_before));
            push("Checks while taking it", list(&d.monitoring_during));
            push(
                "Call your care team if you have",
                list(&d.call_care_team_if),
            );
            push("Interactions to ask about", list(&d.interactions));
        }
        Structured::Supplement(sp) => {
            push("Typical dose", sp.typical_dose.clone());
            push("Strength of evidence", sp.evidence.as_str().to_string());
            push("Cautions", sp.cautions.join(" "));
        }
        Structured::RedFlag(f) => push("What to do", f.action.clone()),
        Structured::Antibody(a) => {
            push("Also called", list(&a.also_called));
            push("Target", a.target.clone());
            push("Often linked with", list(&a.flags));
        }
        Structured::Test(t) => {
            push("What it measures", t.measures.clone());
            push("Why it is done", t.why.clone());
            push("What to expect", t.expect.clone());
        }
        Structured::Foods(foods) => {
            for f in foods {
                push(&f.name, f.why.clone());
            }
        }
        Structured::Organisations(orgs) => {
            for o in orgs {
                let mut v = format!("{} ({}), {}", list(&o.offers), o.country, o.url);
                if let Some(p) = &o.phone {
                    v.push_str(&format!(", phone {p}"));
                }
                push(&o.name, v);
            }
        }
        Structured::Glossary(terms) => {
            for t in terms {
                push(
                    &t.medical,
                    format!("in everyday words, {}", list(&t.everyday)),
                );
            }
        }
    }
    out
}

fn tier(t: myo_kb::Tier) -> Tier {
    match t {
        myo_kb::Tier::Emergency => Tier::Emergency,
        myo_kb::Tier::Urgent => Tier::Urgent,
        myo_kb::Tier::Discuss => Tier::Discuss,
    }
}

fn contact(k: myo_kb::ContactKind) -> ContactKind {
    match k {
        myo_kb::ContactKind::Emergency => ContactKind::Emergency,
        myo_kb::ContactKind::Crisis => ContactKind::Crisis,
        myo_kb::ContactKind::Poison => ContactKind::Poison,
        myo_kb::ContactKind::MedicalAdvice => ContactKind::MedicalAdvice,
    }
}

fn number_checks(checks: &[myo_kb::NumberCheck]) -> Vec<triage::NumberCheck> {
    // Glucose is compared in mg/dL.
    let scale = |c: &myo_kb::NumberCheck, v: Option<f64>| {
        v.map(|v| match c.unit {
            Some(myo_kb::QuantityUnit::MmolPerL) => v * triage::MG_DL_PER_MMOL_L,
            _ => v,
        })
    };
    checks
        .iter()
        .map(|c| triage::NumberCheck {
            quantity: match c.quantity {
                myo_kb::Quantity::Temperature => triage::Quantity::Temperature,
                myo_kb::Quantity::Days => triage::Quantity::Days,
                myo_kb::Quantity::Pulse => triage::Quantity::Pulse,
                myo_kb::Quantity::Glucose => triage::Quantity::Glucose,
                myo_kb::Quantity::OxygenSaturation => triage::Quantity::OxygenSaturation,
                myo_kb::Quantity::DaysAgo => triage::Quantity::DaysAgo,
            },
            at_least: scale(c, c.at_least),
            at_most: scale(c, c.at_most),
            unit: match c.unit {
                Some(myo_kb::QuantityUnit::Fahrenheit) => Some(TempUnit::Fahrenheit),
                Some(myo_kb::QuantityUnit::Celsius) => Some(TempUnit::Celsius),
                _ => None,
            },
            narrows_only: c.narrows_only,
        })
        .collect()
}

/// Words by which a red flag's `requires_any` names immune-lowering medicines as a group.
const GENERAL_IMMUNE_WORDS: [&str; 4] = [
    "immunosuppressant",
    "immunosuppressants",
    "immunosuppressed",
    "immunocompromised",
];

/// Drug-word requirements widened with brand names and everyday words for the same medicines.
/// Only a list that names immune-lowering medicines as a group is widened; a narrow list
/// ("cyclophosphamide", "jdm", "tacrolimus") keeps its own words, or a fever on methotrexate
/// would fire the cyclophosphamide emergency.
fn widen_requires(list: &[String], medicines: &[String]) -> Vec<String> {
    let mut requires_any = list.to_vec();
    let general = requires_any
        .iter()
        .any(|w| GENERAL_IMMUNE_WORDS.contains(&w.to_lowercase().as_str()));
    if general {
        requires_any.extend(medicines.iter().cloned());
        requires_any.extend(
            lexicon::IMMUNOSUPPRESSION_WORDS
                .iter()
                .map(|s| s.to_string()),
        );
    }
    requires_any
}

/// The entry's rules: one per variant (checked first: they are the stronger combinations), then
/// the entry's own rule.
fn rules(
    e: &myo_kb::Entry,
    f: &myo_kb::RedFlag,
    medicines: &[String],
    concepts: &ConceptTable,
) -> Vec<Rule> {
    let mut negations = f.negations.clone();
    negations.extend(
        lexicon::extra_negations(&e.id)
            .iter()
            .map(|s| s.to_string()),
    );
    // The concept table's negations hold for the entry's variants too.
    negations.extend(concepts.negations(&e.id).iter().cloned());
    let mut out: Vec<Rule> = f
        .variants
        .iter()
        .map(|v| {
            let mut own = v.negations.clone();
            own.extend(negations.iter().cloned());
            Rule {
                id: e.id.clone(),
                title: e.title.clone(),
                tier: tier(v.tier),
                action: v.action.clone(),
                phrases: v.phrases.clone(),
                requires_any: widen_requires(&v.requires_any, medicines),
                requires_all: v.requires_all.clone(),
                negations: own,
                number_checks: number_checks(&v.number_checks),
                contacts: v.contacts.iter().copied().map(contact).collect(),
                concepts: vec![],
            }
        })
        .collect();
    let mut phrases = f.phrases.clone();
    phrases.extend(lexicon::extra_phrases(&e.id).iter().map(|s| s.to_string()));
    out.push(Rule {
        id: e.id.clone(),
        title: e.title.clone(),
        tier: tier(f.tier),
        action: f.action.clone(),
        phrases,
        requires_any: widen_requires(&f.requires_any, medicines),
        requires_all: f.requires_all.clone(),
        negations,
        number_checks: number_checks(&f.number_checks),
        contacts: f.contacts.iter().copied().map(contact).collect(),
        concepts: concepts.concepts(&e.id).to_vec(),
    });
    out
}
