//! A study as the finder uses it, and the registry's codes with the words shown for them.

/// Sex a study takes, when it takes only one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    /// Women and girls only.
    Female,
    /// Men and boys only.
    Male,
}

/// An intervention (`armsInterventionsModule.interventions[]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Intervention {
    /// Registry code: `DRUG`, `BIOLOGICAL`, `DEVICE`, `BEHAVIORAL`, …
    pub kind: String,
    /// Name.
    pub name: String,
    /// Registry description.
    pub description: Option<String>,
}

/// A study site (`contactsLocationsModule.locations[]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Facility name.
    pub facility: Option<String>,
    /// City.
    pub city: Option<String>,
    /// State or region.
    pub state: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// The site's recruitment status.
    pub status: Option<String>,
    /// `geoPoint.lat`.
    pub lat: Option<f64>,
    /// `geoPoint.lon`.
    pub lon: Option<f64>,
}

/// A central contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Name.
    pub name: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
}

/// The structured eligibility fields and the criteria text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Eligibility {
    /// The criteria as the registry writes them.
    pub criteria: Option<String>,
    /// One sex only, or `None` for all (or not stated, see `sex_stated`).
    pub sex: Option<Sex>,
    /// Whether the registry states the sex field at all.
    pub sex_stated: bool,
    /// `minimumAge` as written ("18 Years").
    pub min_age: Option<String>,
    /// `maximumAge` as written.
    pub max_age: Option<String>,
    /// Minimum age in whole months.
    pub min_age_months: Option<u32>,
    /// Maximum age in whole months.
    pub max_age_months: Option<u32>,
    /// Whether healthy volunteers are taken.
    pub healthy_volunteers: Option<bool>,
}

/// One study.
#[derive(Debug, Clone, PartialEq)]
pub struct Trial {
    /// `NCT` + 8 digits.
    pub nct_id: String,
    /// Brief title.
    pub title: String,
    /// Brief summary.
    pub summary: Option<String>,
    /// `overallStatus` code.
    pub status: String,
    /// Phase codes (`PHASE2`, …).
    pub phases: Vec<String>,
    /// `INTERVENTIONAL` or `OBSERVATIONAL`.
    pub study_type: Option<String>,
    /// `RANDOMIZED`, `NON_RANDOMIZED`, `NA`.
    pub allocation: Option<String>,
    /// `NONE`, `SINGLE`, `DOUBLE`, `TRIPLE`, `QUADRUPLE`.
    pub masking: Option<String>,
    /// Planned or actual number of people.
    pub enrollment: Option<u64>,
    /// Conditions studied.
    pub conditions: Vec<String>,
    /// What is given or done.
    pub interventions: Vec<Intervention>,
    /// Number of arms (groups).
    pub arms: usize,
    /// Who can join.
    pub eligibility: Eligibility,
    /// Start date (`YYYY-MM` or `YYYY-MM-DD`).
    pub start: Option<String>,
    /// Primary completion date.
    pub primary_completion: Option<String>,
    /// Completion date.
    pub completion: Option<String>,
    /// Sites.
    pub places: Vec<Place>,
    /// Central contacts.
    pub contacts: Vec<Contact>,
}

/// `(code, words)` for each overall status.
pub const STATUSES: [(&str, &str); 9] = [
    ("RECRUITING", "Recruiting"),
    ("NOT_YET_RECRUITING", "Not yet recruiting"),
    ("ENROLLING_BY_INVITATION", "Enrolling by invitation"),
    ("ACTIVE_NOT_RECRUITING", "Active, not recruiting"),
    ("COMPLETED", "Completed"),
    ("SUSPENDED", "Suspended"),
    ("TERMINATED", "Stopped early"),
    ("WITHDRAWN", "Withdrawn before starting"),
    ("UNKNOWN", "Status unknown"),
];

/// `(code, words)` for each phase.
pub const PHASES: [(&str, &str); 6] = [
    ("EARLY_PHASE1", "Early phase 1"),
    ("PHASE1", "Phase 1"),
    ("PHASE2", "Phase 2"),
    ("PHASE3", "Phase 3"),
    ("PHASE4", "Phase 4"),
    ("NA", "No phase (not a medicine study)"),
];

/// `(code, words)` for each intervention type.
pub const INTERVENTION_TYPES: [(&str, &str); 11] = [
    ("DRUG", "Medicine"),
    ("BIOLOGICAL", "Biological medicine"),
    ("DEVICE", "Device"),
    ("PROCEDURE", "Procedure"),
    ("BEHAVIORAL", "Behaviour or exercise"),
    ("DIETARY_SUPPLEMENT", "Dietary supplement"),
    ("DIAGNOSTIC_TEST", "Diagnostic test"),
    ("GENETIC", "Genetic"),
    ("RADIATION", "Radiation"),
    ("COMBINATION_PRODUCT", "Combination product"),
    ("OTHER", "Other"),
];

/// The words for a code in `table`, or the code itself.
#[must_use]
pub fn label<'a>(table: &'a [(&'a str, &'a str)], code: &'a str) -> &'a str {
    table
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, l)| l)
}

/// `"18 Years"`, `"6 Months"`, `"2 Weeks"`, `"30 Days"` → whole months (weeks and days round
/// down). `None` for anything else ("N/A").
#[must_use]
pub fn age_in_months(text: &str) -> Option<u32> {
    let mut parts = text.split_whitespace();
    let n: u32 = parts.next()?.parse().ok()?;
    let unit = parts.next()?.to_ascii_lowercase();
    match unit.trim_end_matches('s') {
        "year" => n.checked_mul(12),
        "month" => Some(n),
        "week" => Some(n * 7 / 30),
        "day" => Some(n / 30),
        _ => None,
    }
}

impl Trial {
    /// Whether it is looking for people now (`RECRUITING`) or soon (`NOT_YET_RECRUITING`).
    #[must_use]
    pub fn is_open(&self) -> bool {
        matches!(
            self.status.as_str(),
            "RECRUITING" | "NOT_YET_RECRUITING" | "ENROLLING_BY_INVITATION"
        )
    }
}
