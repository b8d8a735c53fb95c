//! Where a person is: a city from the shipped place table (GeoNames, CC BY 4.0, see
//! `data/places.csv`) or a country from `data/countries.csv`, and great-circle distances.

/// A city with coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct City {
    /// Name.
    pub name: String,
    /// Other names it is typed as.
    pub aliases: Vec<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// GeoNames record id.
    pub geonameid: u64,
    /// `verified` or `partial`.
    pub status: String,
}

/// A country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    /// The name ClinicalTrials.gov writes.
    pub registry_name: String,
    /// Other names.
    pub aliases: Vec<String>,
}

/// What a typed place turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// A city: distances are measured from it.
    City(City),
    /// A country: sites in it match.
    Country(Country),
}

/// The shipped tables.
#[derive(Debug, Clone)]
pub struct Places {
    cities: Vec<City>,
    countries: Vec<Country>,
}

/// A row of a shipped table is malformed (a build defect, caught by the tests).
#[derive(Debug, Clone, thiserror::Error)]
#[error("place table, line {line}: {reason}")]
pub struct TableError {
    line: usize,
    reason: String,
}

fn rows(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

fn key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Places {
    /// The built-in tables.
    ///
    /// # Errors
    /// [`TableError`] naming the line of a malformed row.
    pub fn builtin() -> Result<Places, TableError> {
        let mut cities = Vec::new();
        for (line, row) in rows(include_str!("../data/places.csv")) {
            let f: Vec<&str> = row.split(',').collect();
            let bad = |reason: &str| TableError {
                line,
                reason: reason.to_owned(),
            };
            if f.len() != 7 {
                return Err(bad("expected 7 fields"));
            }
            let lat: f64 = f[3].parse().map_err(|_| bad("latitude"))?;
            let lon: f64 = f[4].parse().map_err(|_| bad("longitude"))?;
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(bad("coordinates out of range"));
            }
            if !matches!(f[6], "verified" | "partial") {
                return Err(bad("status must be verified or partial"));
            }
            cities.push(City {
                name: f[0].to_owned(),
                aliases: f[1]
                    .split('|')
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect(),
                country: f[2].to_owned(),
                lat,
                lon,
                geonameid: f[5].parse().map_err(|_| bad("geonameid"))?,
                status: f[6].to_owned(),
            });
        }
        let mut countries = Vec::new();
        for (line, row) in rows(include_str!("../data/countries.csv")) {
            let f: Vec<&str> = row.split(';').collect();
            if f.len() != 3 || f[0].len() != 2 {
                return Err(TableError {
                    line,
                    reason: "expected code;registry_name;aliases".to_owned(),
                });
            }
            countries.push(Country {
                code: f[0].to_owned(),
                registry_name: f[1].to_owned(),
                aliases: f[2]
                    .split('|')
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect(),
            });
        }
        Ok(Places { cities, countries })
    }

    /// Every city, in table order.
    pub fn cities(&self) -> &[City] {
        &self.cities
    }

    /// Looks a typed place up: a city name or alias first, then a country; case and spacing
    /// ignored. `None` when unknown (postcodes are not in the table).
    #[must_use]
    pub fn find(&self, typed: &str) -> Option<Found> {
        let k = key(typed);
        if k.is_empty() {
            return None;
        }
        if let Some(c) = self
            .cities
            .iter()
            .find(|c| key(&c.name) == k || c.aliases.iter().any(|a| key(a) == k))
        {
            return Some(Found::City(c.clone()));
        }
        self.countries
            .iter()
            .find(|c| {
                key(&c.registry_name) == k
                    || c.code.eq_ignore_ascii_case(&k)
                    || c.aliases.iter().any(|a| key(a) == k)
            })
            .map(|c| Found::Country(c.clone()))
    }

    /// The country whose registry name is `name`, if known.
    #[must_use]
    pub fn country_by_registry_name(&self, name: &str) -> Option<&Country> {
        self.countries
            .iter()
            .find(|c| key(&c.registry_name) == key(name))
    }
}

/// Great-circle distance in kilometres (haversine, mean Earth radius 6371 km).
#[must_use]
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}
