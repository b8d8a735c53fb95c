//! The finder's filters (the page's form and `GET /api/v1/trials` share them): recruiting
//! status, phase, age and sex eligibility, distance from a city (or sites in a country), and
//! intervention type. A value that cannot be read is an error naming the parameter; an unknown
//! place says that only city and country names are known.

use crate::geo::{Found, Places, distance_km};
use crate::model::{PHASES, Sex, Trial};

/// Which studies by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Recruiting, not yet recruiting, or enrolling by invitation (the default).
    #[default]
    Open,
    /// Recruiting now.
    Recruiting,
    /// Finished.
    Completed,
    /// Any status.
    Any,
}

/// The filters, parsed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    /// Status.
    pub status: StatusFilter,
    /// Phase code (`PHASE2`), if one is chosen.
    pub phase: Option<String>,
    /// The person's age in years.
    pub age: Option<u32>,
    /// The person's sex.
    pub sex: Option<Sex>,
    /// Where from, as typed.
    pub near: Option<String>,
    /// How far, km (default 300).
    pub within_km: u32,
    /// Intervention type code (`DRUG`).
    pub intervention: Option<String>,
}

/// A filter value that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FilterError {
    /// The query parameter.
    pub field: &'static str,
    /// What is wrong, in plain words.
    pub message: String,
}

fn err(field: &'static str, message: &str) -> FilterError {
    FilterError {
        field,
        message: message.to_owned(),
    }
}

/// The default search radius.
pub const DEFAULT_KM: u32 = 300;

impl Filter {
    /// Reads `(name, value)` pairs (a query string). Empty values mean "any"; unknown names
    /// are errors, so a typo is not silently ignored.
    ///
    /// # Errors
    /// [`FilterError`] naming the parameter.
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Filter, FilterError> {
        let mut f = Filter {
            within_km: DEFAULT_KM,
            ..Filter::default()
        };
        for (k, v) in pairs {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            match k {
                "status" => {
                    f.status = match v {
                        "open" => StatusFilter::Open,
                        "recruiting" => StatusFilter::Recruiting,
                        "completed" => StatusFilter::Completed,
                        "any" => StatusFilter::Any,
                        _ => {
                            return Err(err("status", "choose open, recruiting, completed or any"));
                        }
                    };
                }
                "phase" => {
                    let code = match v.to_ascii_lowercase().as_str() {
                        "early1" => "EARLY_PHASE1",
                        "1" => "PHASE1",
                        "2" => "PHASE2",
                        "3" => "PHASE3",
                        "4" => "PHASE4",
                        "na" => "NA",
                        _ => return Err(err("phase", "choose early1, 1, 2, 3, 4 or na")),
                    };
                    debug_assert!(PHASES.iter().any(|(c, _)| *c == code));
                    f.phase = Some(code.to_owned());
                }
                "age" => {
                    let age: u32 = v.parse().map_err(|_| {
                        err(
                            "age",
                            "give your age in whole years, as digits (for example 42)",
                        )
                    })?;
                    if age > 120 {
                        return Err(err("age", "give an age between 0 and 120 years"));
                    }
                    f.age = Some(age);
                }
                "sex" => {
                    f.sex = Some(match v {
                        "female" => Sex::Female,
                        "male" => Sex::Male,
                        _ => return Err(err("sex", "choose female or male, or leave it empty")),
                    });
                }
                "near" => {
                    if v.chars().count() > 80 {
                        return Err(err("near", "a place name is at most 80 characters"));
                    }
                    f.near = Some(v.to_owned());
                }
                "within" => {
                    let km: u32 = v
                        .parse()
                        .map_err(|_| err("within", "give a distance in whole kilometres"))?;
                    if !(1..=20_000).contains(&km) {
                        return Err(err("within", "give a distance between 1 and 20000 km"));
                    }
                    f.within_km = km;
                }
                "intervention" => {
                    let code = v.to_ascii_uppercase();
                    if !crate::model::INTERVENTION_TYPES
                        .iter()
                        .any(|(c, _)| *c == code)
                    {
                        return Err(err(
                            "intervention",
                            "choose drug, biological, device, procedure, behavioral, dietary_supplement or other",
                        ));
                    }
                    f.intervention = Some(code);
                }
                _ => {
                    return Err(FilterError {
                        field: "query",
                        message: format!("unknown filter {k:?}"),
                    });
                }
            }
        }
        Ok(f)
    }
}

/// One study that passed, with the nearest site when a place was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'a> {
    /// The study.
    pub trial: &'a Trial,
    /// Distance to the nearest site with coordinates, km (city searches).
    pub nearest_km: Option<f64>,
    /// That site's city and country.
    pub nearest_place: Option<String>,
}

/// Applies `f` to `trials`; with a city, nearest first, else in the order given.
///
/// # Errors
/// [`FilterError`] for `near` when the place is not in the shipped tables.
pub fn apply<'a>(
    trials: &'a [Trial],
    f: &Filter,
    places: &Places,
) -> Result<Vec<Hit<'a>>, FilterError> {
    let found = match &f.near {
        Some(typed) => Some(places.find(typed).ok_or_else(|| {
            err(
                "near",
                "Myo does not know this place. Type a city (such as Leeds or Boston) or a country; postcodes are not supported yet.",
            )
        })?),
        None => None,
    };
    let mut hits = Vec::new();
    for t in trials {
        let status_ok = match f.status {
            StatusFilter::Open => t.is_open(),
            StatusFilter::Recruiting => t.status == "RECRUITING",
            StatusFilter::Completed => t.status == "COMPLETED",
            StatusFilter::Any => true,
        };
        if !status_ok {
            continue;
        }
        if let Some(p) = &f.phase
            && !t.phases.iter().any(|x| x == p)
        {
            continue;
        }
        if let Some(k) = &f.intervention
            && !t.interventions.iter().any(|i| &i.kind == k)
        {
            continue;
        }
        if let Some(age) = f.age {
            let months = age.saturating_mul(12);
            let e = &t.eligibility;
            // Whole years: a person of 17 is 204–215 months old, so "18 Years" excludes them
            // and "17 Years" maximum includes them.
            if e.min_age_months.is_some_and(|m| months + 11 < m)
                || e.max_age_months.is_some_and(|m| months > m)
            {
                continue;
            }
        }
        if let (Some(sex), Some(only)) = (f.sex, t.eligibility.sex)
            && sex != only
        {
            continue;
        }
        let mut hit = Hit {
            trial: t,
            nearest_km: None,
            nearest_place: None,
        };
        match &found {
            Some(Found::Country(c)) => {
                let Some(site) = t.places.iter().find(|p| {
                    p.country.as_deref().is_some_and(|n| {
                        places
                            .country_by_registry_name(n)
                            .is_some_and(|x| x.code == c.code)
                    })
                }) else {
                    continue;
                };
                hit.nearest_place = Some(site_name(site));
            }
            Some(Found::City(city)) => {
                let nearest = t
                    .places
                    .iter()
                    .filter_map(|p| Some((distance_km((city.lat, city.lon), (p.lat?, p.lon?)), p)))
                    .min_by(|a, b| a.0.total_cmp(&b.0));
                match nearest {
                    Some((km, p)) if km <= f64::from(f.within_km) => {
                        hit.nearest_km = Some(km);
                        hit.nearest_place = Some(site_name(p));
                    }
                    _ => continue,
                }
            }
            None => {}
        }
        hits.push(hit);
    }
    if matches!(found, Some(Found::City(_))) {
        hits.sort_by(|a, b| {
            a.nearest_km
                .unwrap_or(f64::MAX)
                .total_cmp(&b.nearest_km.unwrap_or(f64::MAX))
        });
    }
    Ok(hits)
}

fn site_name(p: &crate::model::Place) -> String {
    [p.city.as_deref(), p.country.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}
