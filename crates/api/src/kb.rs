//! JSON documents for the knowledge base: `myo kb … --json` now, `/api/v1/kb/…` later.
//!
//! Output only: each DTO is built from the pure `myo-kb` types with `from_*` constructors.
//! Dates are `YYYY-MM-DD` strings; enums use their content-file spelling.

use myo_kb::{
    Antibody, Date, DrugGuide, Entry, Food, Kb, Organisation, RedFlag, Section, Source, Structured,
    Supplement, Term, TestInfo,
};
use serde::Serialize;

/// A source as cited by an entry: the registry record plus the entry's locator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitedSourceDto {
    /// Registry id.
    pub id: String,
    /// Where in the source, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// Kind of origin (`seed`, `web`, `paper`, …).
    pub kind: String,
    /// Title.
    pub title: String,
    /// Publisher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Authors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Publication date as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Web address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// DOI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// `partial` when the cited fact is not fully confirmed in this source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// What is unconfirmed, when `status` is `partial`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unconfirmed: Option<String>,
    /// Background only (a seed or aggregator page), never the sole support for a fact.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub background: bool,
}

impl CitedSourceDto {
    /// Joins an entry's citation with its registry record.
    pub fn from_source(source: &Source, locator: Option<&str>) -> CitedSourceDto {
        CitedSourceDto {
            status: None,
            unconfirmed: None,
            background: source.background,
            id: source.id.clone(),
            locator: locator.map(str::to_owned),
            kind: source.kind.as_str().to_owned(),
            title: source.title.clone(),
            publisher: source.publisher.clone(),
            authors: source.authors.clone(),
            published: source.published.clone(),
            url: source.url.clone(),
            doi: source.doi.clone(),
        }
    }
}

/// A typical dose range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DoseDto {
    /// Lower end.
    pub min: f64,
    /// Upper end.
    pub max: f64,
    /// Unit (`mg`, `g`, …).
    pub unit: String,
    /// Basis (`per_week`, `per_kg_per_day`, …).
    pub basis: String,
}

/// `[drug]`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrugDto {
    /// Generic name.
    pub generic_name: String,
    /// Brand names.
    pub brand_names: Vec<String>,
    /// Class.
    pub class: String,
    /// RxCUI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rxnorm: Option<String>,
    /// Routes.
    pub routes: Vec<String>,
    /// Frequency.
    pub frequency: String,
    /// Purpose.
    pub purpose: String,
    /// Mechanism.
    pub mechanism: String,
    /// Missed-dose advice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missed_dose: Option<String>,
    /// Pregnancy advice.
    pub pregnancy: String,
    /// Vaccine advice.
    pub vaccines: String,
    /// Common side effects.
    pub common_side_effects: Vec<String>,
    /// Serious side effects.
    pub serious_side_effects: Vec<String>,
    /// Checks before starting.
    pub monitoring_before: Vec<String>,
    /// Checks during treatment.
    pub monitoring_during: Vec<String>,
    /// When to call the care team.
    pub call_care_team_if: Vec<String>,
    /// Interactions.
    pub interactions: Vec<String>,
    /// Typical adult dose (information only).
    pub typical_adult_dose: DoseDto,
}

impl DrugDto {
    fn from_drug(d: &DrugGuide) -> DrugDto {
        let dose = &d.typical_adult_dose;
        DrugDto {
            generic_name: d.generic_name.clone(),
            brand_names: d.brand_names.clone(),
            class: d.class.clone(),
            rxnorm: d.rxnorm.clone(),
            routes: d.routes.iter().map(|r| r.as_str().to_owned()).collect(),
            frequency: d.frequency.as_str().to_owned(),
            purpose: d.purpose.clone(),
            mechanism: d.mechanism.clone(),
            missed_dose: d.missed_dose.clone(),
            pregnancy: d.pregnancy.clone(),
            vaccines: d.vaccines.clone(),
            common_side_effects: d.common_side_effects.clone(),
            serious_side_effects: d.serious_side_effects.clone(),
            monitoring_before: d.monitoring_before.clone(),
            monitoring_during: d.monitoring_during.clone(),
            call_care_team_if: d.call_care_team_if.clone(),
            interactions: d.interactions.clone(),
            typical_adult_dose: DoseDto {
                min: dose.min,
                max: dose.max,
                unit: dose.unit.as_str().to_owned(),
                basis: dose.basis.as_str().to_owned(),
            },
        }
    }
}

/// `[supplement]`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupplementDto {
    /// Typical dose.
    pub typical_dose: String,
    /// Evidence level.
    pub evidence: String,
    /// Cautions.
    pub cautions: Vec<String>,
}

/// A numeric red-flag threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberCheckDto {
    /// Quantity read from text.
    pub quantity: String,
    /// Lower threshold, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    /// Upper threshold, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_most: Option<f64>,
    /// Unit of the threshold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The reading only narrows the rule; it never sets it off on its own.
    pub narrows_only: bool,
}

/// `[red_flag]`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedFlagDto {
    /// `emergency`, `urgent` or `discuss`.
    pub tier: String,
    /// What to do.
    pub action: String,
    /// Phrases that signal it.
    pub phrases: Vec<String>,
    /// Words of which one must also appear.
    pub requires_any: Vec<String>,
    /// Phrases that cancel a match.
    pub negations: Vec<String>,
    /// Numeric checks.
    pub number_checks: Vec<NumberCheckDto>,
    /// Phrase groups that must all appear.
    pub requires_all: Vec<Vec<String>>,
    /// Help lines the answer leads with (`crisis`, `poison`, `emergency`, `medical_advice`).
    pub contacts: Vec<String>,
    /// Stronger rules of the same entry, each with its own tier and action.
    pub variants: Vec<RedFlagVariantDto>,
}

/// `[[red_flag.variant]]`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedFlagVariantDto {
    /// `emergency`, `urgent` or `discuss`.
    pub tier: String,
    /// What to do.
    pub action: String,
    /// Phrases that signal it.
    pub phrases: Vec<String>,
    /// Words of which one must also appear.
    pub requires_any: Vec<String>,
    /// Phrase groups that must all appear.
    pub requires_all: Vec<Vec<String>>,
    /// Phrases that cancel a match.
    pub negations: Vec<String>,
    /// Numeric checks.
    pub number_checks: Vec<NumberCheckDto>,
    /// Help lines the answer leads with.
    pub contacts: Vec<String>,
}

fn number_checks(checks: &[myo_kb::NumberCheck]) -> Vec<NumberCheckDto> {
    checks
        .iter()
        .map(|c| NumberCheckDto {
            quantity: c.quantity.as_str().to_owned(),
            at_least: c.at_least,
            at_most: c.at_most,
            unit: c.unit.map(|u| u.as_str().to_owned()),
            narrows_only: c.narrows_only,
        })
        .collect()
}

fn contact_names(contacts: &[myo_kb::ContactKind]) -> Vec<String> {
    contacts.iter().map(|c| c.as_str().to_owned()).collect()
}

impl RedFlagDto {
    fn from_flag(f: &RedFlag) -> RedFlagDto {
        RedFlagDto {
            tier: f.tier.as_str().to_owned(),
            action: f.action.clone(),
            phrases: f.phrases.clone(),
            requires_any: f.requires_any.clone(),
            negations: f.negations.clone(),
            number_checks: number_checks(&f.number_checks),
            requires_all: f.requires_all.clone(),
            contacts: contact_names(&f.contacts),
            variants: f
                .variants
                .iter()
                .map(|v| RedFlagVariantDto {
                    tier: v.tier.as_str().to_owned(),
                    action: v.action.clone(),
                    phrases: v.phrases.clone(),
                    requires_any: v.requires_any.clone(),
                    requires_all: v.requires_all.clone(),
                    negations: v.negations.clone(),
                    number_checks: number_checks(&v.number_checks),
                    contacts: contact_names(&v.contacts),
                })
                .collect(),
        }
    }
}

/// `[antibody]`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AntibodyDto {
    /// Name.
    pub name: String,
    /// Other names.
    pub also_called: Vec<String>,
    /// Target antigen.
    pub target: String,
    /// Features it flags.
    pub flags: Vec<String>,
    /// LOINC codes.
    pub loinc: Vec<String>,
}

/// `[test]`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestDto {
    /// Group.
    pub group: String,
    /// What it measures.
    pub measures: String,
    /// Why it is done.
    pub why: String,
    /// What to expect.
    pub expect: String,
    /// LOINC codes.
    pub loinc: Vec<String>,
}

/// `[[food]]`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoodDto {
    /// Food.
    pub name: String,
    /// Why.
    pub why: String,
    /// `favour` or `avoid`.
    pub kind: String,
}

/// `[[organisation]]`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrganisationDto {
    /// Name.
    pub name: String,
    /// Country.
    pub country: String,
    /// Web address.
    pub url: String,
    /// Phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// What it offers.
    pub offers: Vec<String>,
}

/// `[[term]]`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermDto {
    /// Medical term.
    pub medical: String,
    /// Everyday words.
    pub everyday: Vec<String>,
}

/// A section's structured table, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StructuredDto {
    /// `[drug]` (boxed: much larger than the other tables)
    Drug(Box<DrugDto>),
    /// `[supplement]`
    Supplement(SupplementDto),
    /// `[red_flag]`
    RedFlag(RedFlagDto),
    /// `[antibody]`
    Antibody(AntibodyDto),
    /// `[test]`
    Test(TestDto),
    /// `[[food]]`
    Foods {
        /// Foods.
        items: Vec<FoodDto>,
    },
    /// `[[organisation]]`
    Organisations {
        /// Organisations.
        items: Vec<OrganisationDto>,
    },
    /// `[[term]]`
    Glossary {
        /// Terms.
        items: Vec<TermDto>,
    },
}

impl StructuredDto {
    /// Mirrors a structured table.
    pub fn from_structured(s: &Structured) -> StructuredDto {
        match s {
            Structured::Drug(d) => StructuredDto::Drug(Box::new(DrugDto::from_drug(d))),
            Structured::Supplement(x) => StructuredDto::Supplement(supplement(x)),
            Structured::RedFlag(f) => StructuredDto::RedFlag(RedFlagDto::from_flag(f)),
            Structured::Antibody(a) => StructuredDto::Antibody(antibody(a)),
            Structured::Test(t) => StructuredDto::Test(test(t)),
            Structured::Foods(f) => StructuredDto::Foods {
                items: f.iter().map(food).collect(),
            },
            Structured::Organisations(o) => StructuredDto::Organisations {
                items: o.iter().map(organisation).collect(),
            },
            Structured::Glossary(t) => StructuredDto::Glossary {
                items: t.iter().map(term).collect(),
            },
        }
    }
}

fn supplement(x: &Supplement) -> SupplementDto {
    SupplementDto {
        typical_dose: x.typical_dose.clone(),
        evidence: x.evidence.as_str().to_owned(),
        cautions: x.cautions.clone(),
    }
}

fn antibody(a: &Antibody) -> AntibodyDto {
    AntibodyDto {
        name: a.name.clone(),
        also_called: a.also_called.clone(),
        target: a.target.clone(),
        flags: a.flags.clone(),
        loinc: a.loinc.clone(),
    }
}

fn test(t: &TestInfo) -> TestDto {
    TestDto {
        group: t.group.as_str().to_owned(),
        measures: t.measures.clone(),
        why: t.why.clone(),
        expect: t.expect.clone(),
        loinc: t.loinc.clone(),
    }
}

fn food(f: &Food) -> FoodDto {
    FoodDto {
        name: f.name.clone(),
        why: f.why.clone(),
        kind: f.kind.as_str().to_owned(),
    }
}

fn organisation(o: &Organisation) -> OrganisationDto {
    OrganisationDto {
        name: o.name.clone(),
        country: o.country.clone(),
        url: o.url.clone(),
        phone: o.phone.clone(),
        email: o.email.clone(),
        offers: o.offers.clone(),
    }
}

fn term(t: &Term) -> TermDto {
    TermDto {
        medical: t.medical.clone(),
        everyday: t.everyday.clone(),
    }
}

/// One entry in full (`myo kb show --json`, `GET /api/v1/kb/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryDto {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Section.
    pub section: String,
    /// TL;DR.
    pub summary: String,
    /// Everyday words.
    pub lay_terms: Vec<String>,
    /// Medical terms.
    pub medical_terms: Vec<String>,
    /// Related ids.
    pub related: Vec<String>,
    /// `patient` or `clinician`.
    pub audience: String,
    /// Language tag.
    pub language: String,
    /// Last review.
    pub reviewed_on: String,
    /// Next review due.
    pub next_review_due: String,
    /// Past its review date on the day asked.
    pub stale: bool,
    /// Markdown body.
    pub body: String,
    /// Sources with locators; a source id missing from the registry is listed with an empty title.
    pub sources: Vec<CitedSourceDto>,
    /// Structured table, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub structured: Option<StructuredDto>,
    /// Flesch–Kincaid grade of summary + body.
    pub grade: f64,
    /// Myo's medical disclaimer.
    pub disclaimer: String,
}

impl EntryDto {
    /// Builds the full document of an entry; `today` decides `stale`.
    pub fn from_entry(kb: &Kb, entry: &Entry, today: Date) -> EntryDto {
        EntryDto {
            id: entry.id.clone(),
            title: entry.title.clone(),
            section: entry.section.as_str().to_owned(),
            summary: entry.summary.clone(),
            lay_terms: entry.lay_terms.clone(),
            medical_terms: entry.medical_terms.clone(),
            related: entry.related.clone(),
            audience: entry.audience.as_str().to_owned(),
            language: entry.language.clone(),
            reviewed_on: entry.reviewed_on.to_string(),
            next_review_due: entry.next_review_due.to_string(),
            stale: entry.is_stale(today),
            body: entry.body.clone(),
            sources: entry
                .sources
                .iter()
                .map(|r| match kb.source(&r.id) {
                    Some(s) => CitedSourceDto {
                        status: r.status.map(|st| st.as_str().to_owned()),
                        unconfirmed: r.note.clone(),
                        ..CitedSourceDto::from_source(s, r.locator.as_deref())
                    },
                    None => CitedSourceDto {
                        status: r.status.map(|st| st.as_str().to_owned()),
                        unconfirmed: r.note.clone(),
                        background: false,
                        id: r.id.clone(),
                        locator: r.locator.clone(),
                        kind: String::new(),
                        title: String::new(),
                        publisher: None,
                        authors: Vec::new(),
                        published: None,
                        url: None,
                        doi: None,
                    },
                })
                .collect(),
            structured: entry
                .structured
                .as_ref()
                .map(StructuredDto::from_structured),
            grade: round1(entry.readability().grade),
            disclaimer: myo_kb::DISCLAIMER.to_owned(),
        }
    }
}

/// One line of a listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntrySummaryDto {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Section.
    pub section: String,
    /// TL;DR.
    pub summary: String,
    /// Audience.
    pub audience: String,
    /// Last review.
    pub reviewed_on: String,
    /// Past its review date.
    pub stale: bool,
}

/// `myo kb list --json`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryListDto {
    /// Number of entries listed.
    pub count: usize,
    /// The entries.
    pub entries: Vec<EntrySummaryDto>,
}

impl EntryListDto {
    /// Lists entries (optionally one section), sorted by section order then id.
    pub fn from_kb(kb: &Kb, section: Option<Section>, today: Date) -> EntryListDto {
        let mut picked: Vec<&Entry> = kb
            .entries()
            .iter()
            .filter(|e| section.is_none_or(|s| e.section == s))
            .collect();
        picked.sort_by(|a, b| (a.section, &a.id).cmp(&(b.section, &b.id)));
        let entries: Vec<EntrySummaryDto> = picked
            .into_iter()
            .map(|e| EntrySummaryDto {
                id: e.id.clone(),
                title: e.title.clone(),
                section: e.section.as_str().to_owned(),
                summary: e.summary.clone(),
                audience: e.audience.as_str().to_owned(),
                reviewed_on: e.reviewed_on.to_string(),
                stale: e.is_stale(today),
            })
            .collect();
        EntryListDto {
            count: entries.len(),
            entries,
        }
    }
}

mod report;
use report::round1;
pub use report::{
    CheckReportDto, CitationDto, EntryCheckDto, GradeStatsDto, ProblemDto, SourcingDto, StatsDto,
};
