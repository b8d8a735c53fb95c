//! ClinicalTrials.gov API v2 (`GET /api/v2/studies`): the query Myo sends, a page of results
//! (`studies[]`, `nextPageToken`) and one study's `protocolSection` read into a [`Trial`].
//! Fields the registry leaves out stay `None` or empty: nothing is guessed.

use serde_json::Value;

use crate::model::{Contact, Eligibility, Intervention, Place, Sex, Trial, age_in_months};

/// The API's base address.
pub const BASE_URL: &str = "https://clinicaltrials.gov/api/v2/studies";

/// The condition terms Myo asks for (dermatomyositis and the other inflammatory myopathies).
pub const CONDITIONS: [&str; 6] = [
    "dermatomyositis",
    "polymyositis",
    "inclusion body myositis",
    "juvenile dermatomyositis",
    "anti-synthetase syndrome",
    "necrotizing myopathy",
];

/// Studies per page asked for.
pub const PAGE_SIZE: u32 = 100;

/// Why a page or a study could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// Not JSON.
    #[error("the registry sent something that is not JSON: {0}")]
    Json(String),
    /// JSON without `studies`.
    #[error("the registry's answer has no `studies` list")]
    NoStudies,
    /// A study without a usable NCT id.
    #[error("a study has no valid NCT number at protocolSection.identificationModule.nctId")]
    NoId,
}

fn pct(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The address of one page: every condition term (quoted when it has spaces) joined by `OR`,
/// JSON, [`PAGE_SIZE`] per page, and the page token when there is one.
#[must_use]
pub fn page_url(base: &str, token: Option<&str>) -> String {
    let cond = CONDITIONS
        .iter()
        .map(|c| {
            if c.contains(' ') {
                format!("\"{c}\"")
            } else {
                (*c).to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" OR ");
    let mut url = format!(
        "{base}?format=json&pageSize={PAGE_SIZE}&query.cond={}",
        pct(&cond)
    );
    if let Some(t) = token {
        url.push_str("&pageToken=");
        url.push_str(&pct(t));
    }
    url
}

/// One page: each study's NCT id with its JSON text as received, and the next page's token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// `(nct_id, study JSON)`.
    pub studies: Vec<(String, String)>,
    /// `nextPageToken`, when there are more pages.
    pub next_page_token: Option<String>,
}

/// Reads one page of `GET /api/v2/studies`.
///
/// # Errors
/// [`ParseError`] when it is not JSON, has no `studies`, or a study has no NCT id.
pub fn parse_page(body: &str) -> Result<Page, ParseError> {
    let v: Value = serde_json::from_str(body).map_err(|e| ParseError::Json(e.to_string()))?;
    let studies = v
        .get("studies")
        .and_then(Value::as_array)
        .ok_or(ParseError::NoStudies)?;
    let mut out = Vec::with_capacity(studies.len());
    for s in studies {
        let id = nct_id(s).ok_or(ParseError::NoId)?;
        out.push((id, s.to_string()));
    }
    Ok(Page {
        studies: out,
        next_page_token: v
            .get("nextPageToken")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_owned),
    })
}

fn nct_id(study: &Value) -> Option<String> {
    let id = study
        .pointer("/protocolSection/identificationModule/nctId")?
        .as_str()?;
    let ok = id.len() == 11 && id.starts_with("NCT") && id[3..].bytes().all(|b| b.is_ascii_digit());
    ok.then(|| id.to_owned())
}

fn text(v: &Value, path: &str) -> Option<String> {
    v.pointer(path)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn list(v: &Value, path: &str) -> Vec<String> {
    v.pointer(path)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Reads one study (its JSON text as stored).
///
/// # Errors
/// [`ParseError`] when it is not JSON or has no NCT id.
pub fn parse_study(json: &str) -> Result<Trial, ParseError> {
    let s: Value = serde_json::from_str(json).map_err(|e| ParseError::Json(e.to_string()))?;
    let nct_id = nct_id(&s).ok_or(ParseError::NoId)?;
    let p = s.get("protocolSection").cloned().unwrap_or(Value::Null);
    let interventions = p
        .pointer("/armsInterventionsModule/interventions")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|i| Intervention {
                    kind: text(i, "/type").unwrap_or_else(|| "OTHER".to_owned()),
                    name: text(i, "/name").unwrap_or_default(),
                    description: text(i, "/description"),
                })
                .collect()
        })
        .unwrap_or_default();
    let places = p
        .pointer("/contactsLocationsModule/locations")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|l| Place {
                    facility: text(l, "/facility"),
                    city: text(l, "/city"),
                    state: text(l, "/state"),
                    country: text(l, "/country"),
                    status: text(l, "/status"),
                    lat: l.pointer("/geoPoint/lat").and_then(Value::as_f64),
                    lon: l.pointer("/geoPoint/lon").and_then(Value::as_f64),
                })
                .collect()
        })
        .unwrap_or_default();
    let contacts = p
        .pointer("/contactsLocationsModule/centralContacts")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|c| Contact {
                    name: text(c, "/name"),
                    phone: text(c, "/phone"),
                    email: text(c, "/email"),
                })
                .collect()
        })
        .unwrap_or_default();
    let e = "/eligibilityModule";
    let min_age = text(&p, &format!("{e}/minimumAge"));
    let max_age = text(&p, &format!("{e}/maximumAge"));
    let design = [
        text(&p, "/designModule/designInfo/allocation"),
        text(&p, "/designModule/designInfo/maskingInfo/masking"),
    ];
    Ok(Trial {
        nct_id,
        title: text(&p, "/identificationModule/briefTitle").unwrap_or_default(),
        summary: text(&p, "/descriptionModule/briefSummary"),
        status: text(&p, "/statusModule/overallStatus").unwrap_or_else(|| "UNKNOWN".to_owned()),
        phases: list(&p, "/designModule/phases"),
        study_type: text(&p, "/designModule/studyType"),
        allocation: design[0].clone(),
        masking: design[1].clone(),
        enrollment: p
            .pointer("/designModule/enrollmentInfo/count")
            .and_then(Value::as_u64),
        conditions: list(&p, "/conditionsModule/conditions"),
        interventions,
        arms: p
            .pointer("/armsInterventionsModule/armGroups")
            .and_then(Value::as_array)
            .map_or(0, Vec::len),
        eligibility: Eligibility {
            criteria: text(&p, &format!("{e}/eligibilityCriteria")),
            sex: match text(&p, &format!("{e}/sex")).as_deref() {
                Some("FEMALE") => Some(Sex::Female),
                Some("MALE") => Some(Sex::Male),
                Some("ALL") => None,
                _ => None,
            },
            sex_stated: text(&p, &format!("{e}/sex")).is_some(),
            min_age_months: min_age.as_deref().and_then(age_in_months),
            max_age_months: max_age.as_deref().and_then(age_in_months),
            min_age,
            max_age,
            healthy_volunteers: p
                .pointer(&format!("{e}/healthyVolunteers"))
                .and_then(Value::as_bool),
        },
        start: text(&p, "/statusModule/startDateStruct/date"),
        primary_completion: text(&p, "/statusModule/primaryCompletionDateStruct/date"),
        completion: text(&p, "/statusModule/completionDateStruct/date"),
        places,
        contacts,
    })
}
