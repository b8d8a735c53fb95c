//! The plain-language card of a study: what is tested, who can join, where, how long, what it
//! asks of you, contacts, and the raw eligibility text with its reading grade.

use crate::model::{INTERVENTION_TYPES, PHASES, STATUSES, Sex, Trial, label};

/// The card, as words.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// NCT number.
    pub nct_id: String,
    /// Title.
    pub title: String,
    /// Status in words.
    pub status: String,
    /// Phases in words.
    pub phases: String,
    /// What is tested.
    pub tested: Vec<String>,
    /// Who can join (from the structured fields only).
    pub who: Vec<String>,
    /// Where: sites summarised by country.
    pub sites: Vec<String>,
    /// How long.
    pub how_long: String,
    /// What it asks of you.
    pub asks: Vec<String>,
    /// Contacts: `(name, phone, email)`.
    pub contacts: Vec<(String, Option<String>, Option<String>)>,
    /// The eligibility text as the registry writes it.
    pub criteria: Option<String>,
    /// Its Flesch–Kincaid grade, one decimal.
    pub grade: Option<f64>,
    /// The registry's page.
    pub url: String,
}

/// Myo's own pages aim at this grade or below; the note compares against it.
pub const PLAIN_GRADE: f64 = 8.0;

fn age_words(t: &Trial) -> String {
    let e = &t.eligibility;
    match (&e.min_age, &e.max_age) {
        (Some(a), Some(b)) => format!("Aged {} to {}", a.to_lowercase(), b.to_lowercase()),
        (Some(a), None) => format!("Aged {} or older", a.to_lowercase()),
        (None, Some(b)) => format!("Aged up to {}", b.to_lowercase()),
        (None, None) => "Age limits not stated in the registry".to_owned(),
    }
}

/// Builds the card.
#[must_use]
pub fn card(t: &Trial) -> Card {
    let tested = if t.interventions.is_empty() {
        vec!["No treatment is given: the study observes and measures.".to_owned()]
    } else {
        t.interventions
            .iter()
            .map(|i| format!("{}: {}", label(&INTERVENTION_TYPES, &i.kind), i.name))
            .collect()
    };
    let mut who = vec![age_words(t)];
    who.push(match (t.eligibility.sex, t.eligibility.sex_stated) {
        (Some(Sex::Female), _) => "Women and girls only".to_owned(),
        (Some(Sex::Male), _) => "Men and boys only".to_owned(),
        (None, true) => "Any sex".to_owned(),
        (None, false) => "Sex not stated in the registry".to_owned(),
    });
    if !t.conditions.is_empty() {
        who.push(format!("People with: {}", t.conditions.join(", ")));
    }
    if t.eligibility.healthy_volunteers == Some(true) {
        who.push("Healthy volunteers are also taken".to_owned());
    }
    let mut by_country: Vec<(String, usize)> = Vec::new();
    for p in &t.places {
        let c = p
            .country
            .clone()
            .unwrap_or_else(|| "country not stated".to_owned());
        match by_country.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => by_country.push((c, 1)),
        }
    }
    let sites = if by_country.is_empty() {
        vec!["Sites not listed yet".to_owned()]
    } else {
        by_country
            .iter()
            .map(|(c, n)| format!("{c}: {n} site{}", if *n == 1 { "" } else { "s" }))
            .collect()
    };
    let how_long = match (
        &t.start,
        t.primary_completion.as_ref().or(t.completion.as_ref()),
    ) {
        (Some(a), Some(b)) => format!("Runs from {a} to about {b} (the registry's dates)"),
        (Some(a), None) => format!("Started {a}; end date not stated"),
        (None, Some(b)) => format!("Expected to finish about {b}"),
        (None, None) => "Dates not stated in the registry".to_owned(),
    };
    let mut asks = Vec::new();
    match t.study_type.as_deref() {
        Some("OBSERVATIONAL") => {
            asks.push(
                "Observational: no treatment is given; the team follows what happens.".to_owned(),
            );
        }
        Some("INTERVENTIONAL") => {
            if t.allocation.as_deref() == Some("RANDOMIZED") {
                asks.push(
                    "Randomised: chance, not you or your doctor, decides which group you are in."
                        .to_owned(),
                );
            }
            match t.masking.as_deref() {
                Some("NONE") | None => {}
                Some(m) => asks.push(format!(
                    "Masked ({}): some people in the study do not know which treatment you get.",
                    m.to_lowercase()
                )),
            }
            if t.arms > 1 {
                asks.push(format!("{} groups (arms) are compared.", t.arms));
            }
        }
        _ => {}
    }
    if let Some(n) = t.enrollment {
        asks.push(format!("About {n} people take part."));
    }
    asks.push("Visits, tests and what you must avoid are in the eligibility text and the registry page: ask the team before you agree.".to_owned());
    let contacts = t
        .contacts
        .iter()
        .map(|c| {
            (
                c.name.clone().unwrap_or_else(|| "Study contact".to_owned()),
                c.phone.clone(),
                c.email.clone(),
            )
        })
        .collect();
    let grade = t.eligibility.criteria.as_deref().map(|c| {
        let g = myo_kb::readability(c).grade;
        (g * 10.0).round() / 10.0
    });
    Card {
        nct_id: t.nct_id.clone(),
        title: t.title.clone(),
        status: label(&STATUSES, &t.status).to_owned(),
        phases: if t.phases.is_empty() {
            "Phase not stated".to_owned()
        } else {
            t.phases
                .iter()
                .map(|p| label(&PHASES, p))
                .collect::<Vec<_>>()
                .join(" / ")
        },
        tested,
        who,
        sites,
        how_long,
        asks,
        contacts,
        criteria: t.eligibility.criteria.clone(),
        grade,
        url: format!("https://clinicaltrials.gov/study/{}", t.nct_id),
    }
}

/// The reading-grade note for `grade`.
#[must_use]
pub fn grade_note(grade: f64) -> String {
    if grade > PLAIN_GRADE {
        format!(
            "This text reads at about US school grade {grade:.1} (Flesch\u{2013}Kincaid), harder than Myo's own pages (grade {PLAIN_GRADE:.0} or below). It is written for doctors; the study team can explain it."
        )
    } else {
        format!("This text reads at about US school grade {grade:.1} (Flesch\u{2013}Kincaid).")
    }
}
