//! The content model of `kb/README.md`: entries, their structured tables and the source registry.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

use crate::date::Date;

/// Declares a closed vocabulary: a `Copy` enum with its TOML spelling, `ALL`, `as_str` and
/// `FromStr`, so the spelling lives in one place.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The spelling used in the content files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            fn from_str(text: &str) -> Result<Self, UnknownValue> {
                $name::ALL.iter().copied().find(|v| v.as_str() == text).ok_or_else(|| UnknownValue {
                    value: text.to_owned(),
                    allowed: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// A value outside a closed vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown value '{value}' (allowed: {allowed})")]
pub struct UnknownValue {
    /// The rejected text.
    pub value: String,
    /// The allowed spellings, comma separated.
    pub allowed: String,
}

vocabulary! {
    /// The fixed list of KB sections (folder names).
    Section {
        /// What DM is, who gets it, outlook.
        Overview = "overview",
        /// Disease types and contrast conditions.
        Types = "types",
        /// Causes, risk factors, triggers.
        Causes = "causes",
        /// Symptoms and signs.
        Symptoms = "symptoms",
        /// Diagnostic tests (`[test]`).
        Tests = "tests",
        /// Non-drug treatments.
        Treatments = "treatments",
        /// Drug guides (`[drug]`).
        Drugs = "drugs",
        /// Supplements (`[supplement]`).
        Supplements = "supplements",
        /// Advanced or experimental therapies.
        Advanced = "advanced",
        /// Surgeries and procedures.
        Procedures = "procedures",
        /// Prevention steps.
        Prevention = "prevention",
        /// Warning signs needing action (`[red_flag]`).
        RedFlags = "red-flags",
        /// Foods to favour or avoid (`[[food]]`).
        Diet = "diet",
        /// Frequently asked questions.
        Faq = "faq",
        /// Myositis-specific antibodies (`[antibody]`).
        Antibodies = "antibodies",
        /// Living with DM.
        Living = "living",
        /// Patient organisations (`[[organisation]]`).
        Organisations = "organisations",
        /// Clinical trials.
        Trials = "trials",
        /// Related conditions.
        Related = "related",
        /// Medical term and everyday words (`[[term]]`).
        Glossary = "glossary",
    }
}

impl Section {
    /// The structured table this section requires (`kb/README.md`), if any.
    pub fn structured_kind(self) -> Option<StructuredKind> {
        match self {
            Section::Tests => Some(StructuredKind::Test),
            Section::Drugs => Some(StructuredKind::Drug),
            Section::Supplements => Some(StructuredKind::Supplement),
            Section::RedFlags => Some(StructuredKind::RedFlag),
            Section::Diet => Some(StructuredKind::Food),
            Section::Antibodies => Some(StructuredKind::Antibody),
            Section::Organisations => Some(StructuredKind::Organisation),
            Section::Glossary => Some(StructuredKind::Term),
            _ => None,
        }
    }
}

vocabulary! {
    /// The structured table kinds, by their TOML key.
    StructuredKind {
        /// `[drug]`
        Drug = "drug",
        /// `[supplement]`
        Supplement = "supplement",
        /// `[red_flag]`
        RedFlag = "red_flag",
        /// `[antibody]`
        Antibody = "antibody",
        /// `[test]`
        Test = "test",
        /// `[[food]]`
        Food = "food",
        /// `[[organisation]]`
        Organisation = "organisation",
        /// `[[term]]`
        Term = "term",
    }
}

vocabulary! {
    /// Who an entry is written for; patient text must read at grade 8 or below.
    Audience {
        /// People with DM and their families.
        Patient = "patient",
        /// Clinicians.
        Clinician = "clinician",
    }
}

vocabulary! {
    /// How far a cited fact has been confirmed against the source that supports it.
    FactStatus {
        /// Read in the source and matched.
        Verified = "verified",
        /// Not (yet) matched in full: the entry says so, and `note` says what is missing.
        Partial = "partial",
    }
}

/// A citation of one registry source by an entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// Id in `sources.toml`.
    pub id: String,
    /// Where in the source the fact is (section, table, page), if given.
    #[serde(default)]
    pub locator: Option<String>,
    /// `partial` when the fact was not fully matched in this source; absent means not flagged.
    #[serde(default)]
    pub status: Option<FactStatus>,
    /// What is unconfirmed (required with `status = "partial"`).
    #[serde(default)]
    pub note: Option<String>,
}

impl SourceRef {
    /// True when this citation is flagged `partial`.
    pub fn is_partial(&self) -> bool {
        self.status == Some(FactStatus::Partial)
    }
}

/// One knowledge-base entry: front matter plus Markdown body.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Path the entry was loaded from (e.g. `kb/symptoms/heliotrope-rash.md`).
    pub path: String,
    /// Unique id, equal to the file stem.
    pub id: String,
    /// Title (for FAQ entries, the question).
    pub title: String,
    /// Section, equal to the folder name.
    pub section: Section,
    /// One or two sentences shown first.
    pub summary: String,
    /// Everyday words people type.
    pub lay_terms: Vec<String>,
    /// Medical terms.
    pub medical_terms: Vec<String>,
    /// Ids of related entries.
    pub related: Vec<String>,
    /// Intended reader.
    pub audience: Audience,
    /// Language tag: `en` or `es` (see [`crate::LANGUAGES`]).
    pub language: String,
    /// For an entry in another language than English: the id of the English entry it renders
    /// (its counterpart). `None` for English entries.
    pub translation_of: Option<String>,
    /// Date of the last review.
    pub reviewed_on: Date,
    /// Date by which the entry must be reviewed again.
    pub next_review_due: Date,
    /// Sources, with locators.
    pub sources: Vec<SourceRef>,
    /// Markdown body.
    pub body: String,
    /// The section's structured table, when present.
    pub structured: Option<Structured>,
    /// Diagnosis codes from the optional `codes` front-matter table (empty when absent).
    pub codes: crate::codes::Codes,
}

/// A section's structured table.
#[derive(Debug, Clone, PartialEq)]
pub enum Structured {
    /// `[drug]` (boxed: it is much larger than the other tables)
    Drug(Box<DrugGuide>),
    /// `[supplement]`
    Supplement(Supplement),
    /// `[red_flag]`
    RedFlag(RedFlag),
    /// `[antibody]`
    Antibody(Antibody),
    /// `[test]`
    Test(TestInfo),
    /// `[[food]]`
    Foods(Vec<Food>),
    /// `[[organisation]]`
    Organisations(Vec<Organisation>),
    /// `[[term]]`
    Glossary(Vec<Term>),
}

impl Structured {
    /// Which table this is.
    pub fn kind(&self) -> StructuredKind {
        match self {
            Structured::Drug(_) => StructuredKind::Drug,
            Structured::Supplement(_) => StructuredKind::Supplement,
            Structured::RedFlag(_) => StructuredKind::RedFlag,
            Structured::Antibody(_) => StructuredKind::Antibody,
            Structured::Test(_) => StructuredKind::Test,
            Structured::Foods(_) => StructuredKind::Food,
            Structured::Organisations(_) => StructuredKind::Organisation,
            Structured::Glossary(_) => StructuredKind::Term,
        }
    }
}

vocabulary! {
    /// Route of administration.
    Route {
        /// By mouth.
        Oral = "oral",
        /// Injection under the skin.
        Subcutaneous = "subcutaneous",
        /// Injection into muscle.
        Intramuscular = "intramuscular",
        /// Into a vein.
        Intravenous = "intravenous",
        /// On the skin.
        Topical = "topical",
    }
}

vocabulary! {
    /// How often a drug is given.
    Frequency {
        /// Once a day.
        Daily = "daily",
        /// Several times a day.
        SeveralDaily = "several_daily",
        /// Once a week.
        Weekly = "weekly",
        /// Every few weeks.
        EveryNWeeks = "every_n_weeks",
        /// A short course.
        Course = "course",
        /// Repeated cycles.
        Cycles = "cycles",
        /// As the prescriber directs.
        AsDirected = "as_directed",
    }
}

vocabulary! {
    /// Unit of a dose.
    DoseUnit {
        /// Milligram.
        Mg = "mg",
        /// Gram.
        G = "g",
        /// Microgram.
        Mcg = "mcg",
        /// International unit.
        Iu = "IU",
        /// Millilitre.
        Ml = "mL",
    }
}

vocabulary! {
    /// What a dose amount is counted per.
    DoseBasis {
        /// Each dose.
        PerDose = "per_dose",
        /// Each day.
        PerDay = "per_day",
        /// Each week.
        PerWeek = "per_week",
        /// Per kilogram of body weight per day.
        PerKgPerDay = "per_kg_per_day",
        /// Per kilogram of body weight per dose.
        PerKgPerDose = "per_kg_per_dose",
        /// Per square metre of body surface per dose.
        PerM2PerDose = "per_m2_per_dose",
        /// Per kilogram of body weight per course.
        PerKgPerCourse = "per_kg_per_course",
    }
}

/// A typical published adult dose range, for information only.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dose {
    /// Lower end of the range.
    pub min: f64,
    /// Upper end of the range.
    pub max: f64,
    /// Unit of `min` and `max`.
    pub unit: DoseUnit,
    /// What the amount is counted per.
    pub basis: DoseBasis,
}

/// `[drug]`: a drug guide.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrugGuide {
    /// Generic name.
    pub generic_name: String,
    /// Brand names.
    #[serde(default)]
    pub brand_names: Vec<String>,
    /// Drug class.
    pub class: String,
    /// RxNorm RxCUI of the ingredient, only where a cited code list gives it.
    #[serde(default)]
    pub rxnorm: Option<String>,
    /// Routes of administration.
    pub routes: Vec<Route>,
    /// How often it is given.
    pub frequency: Frequency,
    /// What it is for.
    pub purpose: String,
    /// How it works.
    pub mechanism: String,
    /// What to do after a missed dose.
    #[serde(default)]
    pub missed_dose: Option<String>,
    /// Pregnancy and fertility advice.
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
    /// Notable interactions.
    pub interactions: Vec<String>,
    /// Typical adult dose.
    pub typical_adult_dose: Dose,
}

vocabulary! {
    /// Strength of evidence for a supplement.
    Evidence {
        /// Strong evidence.
        Strong = "strong",
        /// Moderate evidence.
        Moderate = "moderate",
        /// Limited evidence.
        Limited = "limited",
        /// Not enough evidence.
        Insufficient = "insufficient",
    }
}

/// `[supplement]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supplement {
    /// Typical dose, in words.
    pub typical_dose: String,
    /// Evidence level.
    pub evidence: Evidence,
    /// Cautions.
    #[serde(default)]
    pub cautions: Vec<String>,
}

vocabulary! {
    /// Urgency of a red flag.
    Tier {
        /// Call emergency services now.
        Emergency = "emergency",
        /// Contact the care team today.
        Urgent = "urgent",
        /// Raise at the next contact.
        Discuss = "discuss",
    }
}

vocabulary! {
    /// A quantity a red-flag number check reads from text.
    Quantity {
        /// Body temperature (°C or °F, converted).
        Temperature = "temperature",
        /// A number of days.
        Days = "days",
        /// Pulse, beats per minute.
        Pulse = "pulse",
        /// Blood glucose (mg/dL or mmol/L, converted).
        Glucose = "glucose",
        /// Oxygen saturation from a pulse oximeter, in percent ("sats 91", "SpO2 89 %").
        OxygenSaturation = "oxygen_saturation",
        /// How long ago something happened, in days ("10 days ago", "last week", "2 months ago").
        DaysAgo = "days_ago",
    }
}

vocabulary! {
    /// Unit of a number-check threshold.
    QuantityUnit {
        /// Degrees Celsius.
        Celsius = "C",
        /// Degrees Fahrenheit.
        Fahrenheit = "F",
        /// Days.
        Days = "days",
        /// Beats per minute.
        Bpm = "bpm",
        /// Milligrams per decilitre (glucose).
        MgPerDl = "mg/dL",
        /// Millimoles per litre (glucose).
        MmolPerL = "mmol/L",
        /// Percent (oxygen saturation).
        Percent = "%",
    }
}

vocabulary! {
    /// A kind of help line a red flag's answer leads with (numbers by country live in
    /// the assistant's emergency-numbers table).
    ContactKind {
        /// The emergency number (911, 999, 112, ...).
        Emergency = "emergency",
        /// A suicide and crisis line (988, Samaritans, ...).
        Crisis = "crisis",
        /// A poison information line.
        Poison = "poison",
        /// Urgent medical advice that is not an emergency (NHS 111, ...).
        MedicalAdvice = "medical_advice",
    }
}

/// `[[red_flag.number_check]]`: a numeric threshold on a quantity found in the text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberCheck {
    /// The quantity read from the text.
    pub quantity: Quantity,
    /// Matches when the value is at least this.
    #[serde(default)]
    pub at_least: Option<f64>,
    /// Matches when the value is at most this (oxygen saturation, days ago).
    #[serde(default)]
    pub at_most: Option<f64>,
    /// Unit of the thresholds.
    #[serde(default)]
    pub unit: Option<QuantityUnit>,
    /// When true the reading only narrows the rule (a reading outside the range cancels it) and
    /// never sets it off on its own: a fever reading beside "stiff neck".
    #[serde(default)]
    pub narrows_only: bool,
}

/// `[[red_flag.variant]]`: a stronger (or differently worded) rule inside the same entry, with
/// its own tier and action, for a combination of signs ("fever" with "stiff neck").
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlagVariant {
    /// Urgency of this variant.
    pub tier: Tier,
    /// The action to take.
    pub action: String,
    /// Phrases that signal it; when empty, the `requires_all` groups signal it together.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// At least one of these must also appear, when non-empty.
    #[serde(default)]
    pub requires_any: Vec<String>,
    /// Every group must have one of its phrases in the text (not negated).
    #[serde(default)]
    pub requires_all: Vec<Vec<String>>,
    /// Phrases that cancel a match they cover.
    #[serde(default)]
    pub negations: Vec<String>,
    /// Optional numeric checks.
    #[serde(default, rename = "number_check")]
    pub number_checks: Vec<NumberCheck>,
    /// Help lines the answer leads with.
    #[serde(default)]
    pub contacts: Vec<ContactKind>,
}

/// `[red_flag]`: what signals a warning sign and what to do.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlag {
    /// Urgency.
    pub tier: Tier,
    /// The action to take.
    pub action: String,
    /// Phrases that signal it.
    pub phrases: Vec<String>,
    /// At least one of these must also appear, when non-empty.
    #[serde(default)]
    pub requires_any: Vec<String>,
    /// Every group must have one of its phrases in the text (not negated); when `phrases` is
    /// empty the groups alone signal the flag.
    #[serde(default)]
    pub requires_all: Vec<Vec<String>>,
    /// Phrases that cancel a match they cover.
    #[serde(default)]
    pub negations: Vec<String>,
    /// Optional numeric checks.
    #[serde(default, rename = "number_check")]
    pub number_checks: Vec<NumberCheck>,
    /// Help lines the answer leads with (`crisis`, `poison`, `emergency`, `medical_advice`).
    #[serde(default)]
    pub contacts: Vec<ContactKind>,
    /// Stronger rules of the same entry, each with its own tier and action.
    #[serde(default, rename = "variant")]
    pub variants: Vec<RedFlagVariant>,
}

/// `[antibody]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Antibody {
    /// Name, e.g. `anti-MDA5`.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub also_called: Vec<String>,
    /// The target antigen.
    pub target: String,
    /// Clinical features it flags.
    pub flags: Vec<String>,
    /// LOINC codes, only where a cited code list gives them.
    #[serde(default)]
    pub loinc: Vec<String>,
}

vocabulary! {
    /// The diagnostic test groups.
    TestGroup {
        /// Physical examination.
        Examination = "examination",
        /// Functional tests.
        Functional = "functional",
        /// Laboratory and pathology.
        Laboratory = "laboratory",
        /// Electrodiagnostic tests.
        Electrodiagnostic = "electrodiagnostic",
        /// Imaging.
        Imaging = "imaging",
        /// Cancer screening.
        CancerScreening = "cancer_screening",
    }
}

/// `[test]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestInfo {
    /// Test group.
    pub group: TestGroup,
    /// What it measures.
    pub measures: String,
    /// Why it is done.
    pub why: String,
    /// What to expect.
    pub expect: String,
    /// LOINC codes, optional.
    #[serde(default)]
    pub loinc: Vec<String>,
}

vocabulary! {
    /// Whether a food is favoured or avoided.
    FoodKind {
        /// Eat more.
        Favour = "favour",
        /// Eat less or avoid.
        Avoid = "avoid",
    }
}

/// `[[food]]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Food {
    /// Food name.
    pub name: String,
    /// Why.
    pub why: String,
    /// Favour or avoid.
    pub kind: FoodKind,
}

/// `[[organisation]]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Name.
    pub name: String,
    /// Country code or region.
    pub country: String,
    /// Web address.
    pub url: String,
    /// Phone number, only as given by a cited source.
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail address, only as given by a cited source.
    #[serde(default)]
    pub email: Option<String>,
    /// What it offers.
    #[serde(default)]
    pub offers: Vec<String>,
}

/// `[[term]]`: a medical term and its everyday words.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The medical term.
    pub medical: String,
    /// Everyday words for it.
    pub everyday: Vec<String>,
}

vocabulary! {
    /// Kind of origin in the source registry.
    SourceKind {
        /// One of the five seed pages.
        Seed = "seed",
        /// A web page.
        Web = "web",
        /// A journal paper.
        Paper = "paper",
        /// A clinical guideline.
        Guideline = "guideline",
        /// A drug label.
        Label = "label",
        /// A registry (trials, codes).
        Registry = "registry",
    }
}

/// One origin in `kb/sources.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Unique id.
    pub id: String,
    /// Kind of origin.
    pub kind: SourceKind,
    /// Title.
    pub title: String,
    /// Publisher.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Authors or team.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Publication date as given (`YYYY` or `YYYY-MM-DD`).
    #[serde(default)]
    pub published: Option<String>,
    /// Web address.
    #[serde(default)]
    pub url: Option<String>,
    /// DOI.
    #[serde(default)]
    pub doi: Option<String>,
    /// Note.
    #[serde(default)]
    pub note: Option<String>,
    /// Background only (the seed pages, aggregators, blogs): never the sole support for a
    /// number or claim. Seeds must say `background = true`.
    #[serde(default)]
    pub background: bool,
    /// The fact cited is the organisation itself (its name, site, helpline): its homepage is
    /// then the page that holds the fact, so the homepage rule does not apply (search pages
    /// are still refused).
    #[serde(default)]
    pub organisation_home: bool,
}

impl Source {
    /// True when the source may support a fact on its own: not background, and its address
    /// (if any) is a specific page, not a homepage or a search.
    pub fn is_primary(&self) -> bool {
        !self.background
            && self
                .url
                .as_deref()
                .is_none_or(|u| self.address_problem(u).is_none())
            && (self.url.is_some() || self.doi.is_some())
    }

    /// Why this source's address cannot pin a fact, allowing an organisation's homepage.
    pub fn address_problem(&self, url: &str) -> Option<&'static str> {
        url_problem(url).filter(|why| !(self.organisation_home && *why == "a homepage"))
    }
}

/// Why a source address cannot pin a fact: a homepage, a search page or a placeholder.
pub fn url_problem(url: &str) -> Option<&'static str> {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Some("not an http(s) address");
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.ends_with(".invalid") || host.ends_with(".example") || host == "example.com" {
        return Some("a placeholder address");
    }
    let path_only = path.split(['?', '#']).next().unwrap_or("");
    let query = path.split_once('?').map_or("", |(_, q)| q);
    let searchy = path_only
        .split('/')
        .any(|seg| seg == "search" || seg.starts_with("search."))
        || query.split('&').any(|kv| {
            matches!(
                kv.split('=').next(),
                Some("q" | "query" | "search" | "term")
            )
        });
    if searchy {
        return Some("a search page");
    }
    if path_only.trim_matches('/').is_empty() {
        return Some("a homepage");
    }
    None
}
