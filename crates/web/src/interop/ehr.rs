//! Reading what an EHR sends in a CDS Hooks call: prefetched resources (a resource, a search
//! `Bundle`, or `null` for "no data"), codings, dates and medicine names. Tolerant readers:
//! a member of the wrong shape counts as absent, and the caller reports what it could not read.

use myo_tracker::rules::{AnalyteDef, AntibodyDef, ConditionDef};
use myo_tracker::{Date, Rules};
use serde_json::Value;

/// What one prefetch key held.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched<'a> {
    /// The EHR did not send the key: that part is reported as not checked.
    NotSent,
    /// The resources (a `Bundle`'s entries flattened; `null` gives none).
    Resources(Vec<&'a Value>),
}

impl<'a> Fetched<'a> {
    /// The resources, or none when not sent.
    pub fn resources(&self) -> &[&'a Value] {
        match self {
            Fetched::NotSent => &[],
            Fetched::Resources(r) => r,
        }
    }

    /// Whether the key was sent.
    pub fn sent(&self) -> bool {
        matches!(self, Fetched::Resources(_))
    }
}

/// The resources under prefetch `key`.
pub fn prefetched<'a>(prefetch: &'a serde_json::Map<String, Value>, key: &str) -> Fetched<'a> {
    match prefetch.get(key) {
        None => Fetched::NotSent,
        Some(v) => Fetched::Resources(flatten(v)),
    }
}

/// A resource, or the resources of a `Bundle` (entries without a resource are skipped).
pub fn flatten(value: &Value) -> Vec<&Value> {
    match value["resourceType"].as_str() {
        Some("Bundle") => value["entry"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e.get("resource"))
            .filter(|r| r.is_object())
            .collect(),
        Some(_) => vec![value],
        None => Vec::new(),
    }
}

/// Codes of `concept` (a CodeableConcept) in `system`.
pub fn codes<'a>(concept: &'a Value, system: &str) -> Vec<&'a str> {
    concept["coding"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["system"] == system)
        .filter_map(|c| c["code"].as_str())
        .collect()
}

/// Whether a cited code of the tracker's rules is among `codes`.
fn cited_in(code: Option<&myo_tracker::rules::CitedCode>, codes: &[&str]) -> bool {
    code.is_some_and(|c| codes.contains(&c.code.as_str()))
}

/// The tracker analyte a CodeableConcept names by its cited LOINC code.
pub fn analyte<'r>(rules: &'r Rules, concept: &Value) -> Option<&'r AnalyteDef> {
    let loinc = codes(concept, myo_fhir::systems::LOINC);
    rules
        .analytes
        .iter()
        .find(|a| cited_in(a.loinc.as_ref(), &loinc))
}

/// The tracker antibody a CodeableConcept names by its cited LOINC code.
pub fn antibody<'r>(rules: &'r Rules, concept: &Value) -> Option<&'r AntibodyDef> {
    let loinc = codes(concept, myo_fhir::systems::LOINC);
    rules
        .antibodies
        .iter()
        .find(|a| cited_in(a.loinc.as_ref(), &loinc))
}

/// The tracker condition a CodeableConcept names by its cited SNOMED CT or ICD-10-CM code.
pub fn condition<'r>(rules: &'r Rules, concept: &Value) -> Option<&'r ConditionDef> {
    let icd = codes(concept, myo_fhir::systems::ICD10CM);
    let snomed = codes(concept, myo_fhir::systems::SNOMED);
    rules
        .conditions
        .iter()
        .find(|d| cited_in(d.snomed.as_ref(), &snomed) || cited_in(d.icd10cm.as_ref(), &icd))
}

/// The day of a FHIR `date`/`dateTime` (`YYYY-MM-DD…`), if it is a real calendar day.
pub fn day(value: &Value) -> Option<Date> {
    let text = value.as_str()?;
    Date::parse("date", text.get(..10)?).ok()
}

/// When an observation was made: `effectiveDateTime`, else the start of `effectivePeriod`,
/// else `issued`.
pub fn observation_day(obs: &Value) -> Option<Date> {
    day(&obs["effectiveDateTime"])
        .or_else(|| day(&obs["effectivePeriod"]["start"]))
        .or_else(|| day(&obs["issued"]))
}

/// When a medicine was started, as far as the resource says: a MedicationStatement's
/// effective start, a MedicationRequest's validity start or its `authoredOn`.
pub fn medicine_start(resource: &Value) -> Option<Date> {
    day(&resource["effectivePeriod"]["start"])
        .or_else(|| day(&resource["effectiveDateTime"]))
        .or_else(|| day(&resource["dispenseRequest"]["validityPeriod"]["start"]))
        .or_else(|| day(&resource["authoredOn"]))
}

/// Whether a medicine resource is current (not stopped, completed, cancelled or entered in
/// error; a missing status counts as current, so nothing is hidden).
pub fn is_current(resource: &Value) -> bool {
    !matches!(
        resource["status"].as_str(),
        Some("stopped" | "completed" | "cancelled" | "entered-in-error" | "not-taken" | "revoked")
    )
}

/// Lower-case words naming the medicine: the concept's text and every coding's display.
pub fn medicine_text(resource: &Value) -> String {
    let concept = &resource["medicationCodeableConcept"];
    let mut parts = vec![concept["text"].as_str().unwrap_or("")];
    for c in concept["coding"].as_array().into_iter().flatten() {
        parts.push(c["display"].as_str().unwrap_or(""));
    }
    parts.join(" ").trim().to_lowercase()
}

/// Whether an observation's value says "positive": a coded answer (LOINC LA6576-8, SNOMED CT
/// 10828004), or a text/boolean that says so.
pub fn is_positive(obs: &Value) -> Option<bool> {
    if let Some(b) = obs["valueBoolean"].as_bool() {
        return Some(b);
    }
    let concept = &obs["valueCodeableConcept"];
    let coded = codes(concept, myo_fhir::systems::LOINC)
        .into_iter()
        .chain(codes(concept, myo_fhir::systems::SNOMED))
        .find_map(|c| match c {
            "LA6576-8" | "10828004" => Some(true),
            "LA6577-6" | "260385009" => Some(false),
            _ => None,
        });
    if coded.is_some() {
        return coded;
    }
    let text = concept["text"]
        .as_str()
        .or(obs["valueString"].as_str())?
        .trim()
        .to_lowercase();
    match text.as_str() {
        "positive" | "pos" | "detected" | "present" => Some(true),
        "negative" | "neg" | "not detected" | "absent" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_prefetch_shapes() {
        let prefetch = json!({
            "bundle": {"resourceType": "Bundle", "type": "searchset",
                "entry": [{"resource": {"resourceType": "Observation"}}, {"fullUrl": "x"}]},
            "one": {"resourceType": "Patient", "id": "p"},
            "none": null
        });
        let map = prefetch.as_object().unwrap();
        assert_eq!(prefetched(map, "bundle").resources().len(), 1);
        assert_eq!(prefetched(map, "one").resources().len(), 1);
        assert!(prefetched(map, "none").sent());
        assert!(prefetched(map, "none").resources().is_empty());
        assert_eq!(prefetched(map, "absent"), Fetched::NotSent);
    }

    #[test]
    fn impossible_dates_are_not_read() {
        assert!(day(&json!("2026-02-30")).is_none());
        assert!(day(&json!("yesterday")).is_none());
        assert_eq!(
            day(&json!("2026-02-28T10:00:00Z")).map(|d| d.to_string()),
            Some("2026-02-28".into())
        );
    }

    #[test]
    fn positive_answers() {
        let coded = json!({"valueCodeableConcept": {"coding": [{"system": "http://loinc.org", "code": "LA6576-8"}]}});
        assert_eq!(is_positive(&coded), Some(true));
        let text = json!({"valueCodeableConcept": {"text": " Negative "}});
        assert_eq!(is_positive(&text), Some(false));
        assert_eq!(is_positive(&json!({"valueString": "1:640"})), None);
    }
}
