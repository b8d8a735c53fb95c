//! Import: parse a patient Bundle into typed, validated resources. Parsing only; storing them
//! is the service layer's job.
//!
//! Accepted: a Bundle of type `collection`, `document`, `searchset`, `transaction` or `batch`
//! with exactly one Patient, every entry holding a resource, and every `subject` pointing at
//! that Patient. Every problem is reported with its JSON path, all at once where possible.

use crate::json::{self, ParseError};
use crate::resource::Resource;
use crate::resources::{
    AuditEvent, Bundle, Condition, MedicationStatement, Observation, Patient, Questionnaire,
    QuestionnaireResponse,
};
use crate::validate::{Issue, Validate};

/// A patient's Bundle, sorted by resource type, in Bundle order within each type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PatientBundle {
    /// `Bundle.type` as received.
    pub bundle_type: String,
    /// The one Patient.
    pub patient: Patient,
    /// Observations (diary, labs, instruments, antibodies, measures).
    pub observations: Vec<Observation>,
    /// Conditions.
    pub conditions: Vec<Condition>,
    /// MedicationStatements.
    pub medication_statements: Vec<MedicationStatement>,
    /// Questionnaires.
    pub questionnaires: Vec<Questionnaire>,
    /// QuestionnaireResponses.
    pub questionnaire_responses: Vec<QuestionnaireResponse>,
    /// AuditEvents.
    pub audit_events: Vec<AuditEvent>,
    /// Resources of other types (and nested Bundles), kept whole so nothing is lost.
    pub others: Vec<Resource>,
}

/// Why a Bundle cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Not FHIR JSON of the expected shape; the path names the element.
    #[error("{0}")]
    Parse(#[from] ParseError),
    /// Well-formed, but breaks the rules listed (each with its path).
    #[error("{} problem(s): {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Issue>),
}

const BUNDLE_TYPES: [&str; 5] = [
    "collection",
    "document",
    "searchset",
    "transaction",
    "batch",
];

/// Parses and checks a patient Bundle.
pub fn parse_patient_bundle(text: &str) -> Result<PatientBundle, ImportError> {
    let bundle: Bundle = json::from_str(text)?;
    let mut issues = bundle.validate();
    if !BUNDLE_TYPES.contains(&bundle.r#type.as_str()) {
        issues.push(issue(
            "type",
            format!("a patient export is not a `{}` Bundle", bundle.r#type),
        ));
    }
    let patients: Vec<usize> = bundle
        .entry
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.resource, Some(Resource::Patient(_))))
        .map(|(i, _)| i)
        .collect();
    if patients.len() != 1 {
        let at = patients
            .iter()
            .map(|i| format!("entry[{i}]"))
            .collect::<Vec<_>>();
        issues.push(issue(
            "entry",
            format!(
                "expected exactly one Patient, found {} {at:?}",
                patients.len()
            ),
        ));
    }
    let own = patients
        .first()
        .map(|&i| own_references(&bundle, i))
        .unwrap_or_default();
    let mut out = PatientBundle {
        bundle_type: bundle.r#type.clone(),
        ..PatientBundle::default()
    };
    for (i, entry) in bundle.entry.into_iter().enumerate() {
        let at = format!("entry[{i}].resource");
        let Some(resource) = entry.resource else {
            issues.push(issue(
                &format!("entry[{i}]"),
                "entry has no resource".into(),
            ));
            continue;
        };
        check_subject(&resource, &own, &at, &mut issues);
        sort_into(&mut out, resource);
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(ImportError::Invalid(issues))
    }
}

fn issue(path: &str, message: String) -> Issue {
    Issue {
        path: path.to_owned(),
        message,
    }
}

/// The ways an entry may refer to the Patient at `index`: `Patient/<id>` or its full URL.
fn own_references(bundle: &Bundle, index: usize) -> Vec<String> {
    let entry = &bundle.entry[index];
    let id = entry.resource.as_ref().and_then(Resource::id);
    id.map(|id| format!("Patient/{id}"))
        .into_iter()
        .chain(entry.full_url.clone())
        .collect()
}

fn check_subject(resource: &Resource, own: &[String], at: &str, issues: &mut Vec<Issue>) {
    let subject = match resource {
        Resource::Observation(r) => r.subject.as_ref(),
        Resource::Condition(r) => Some(&r.subject),
        Resource::MedicationStatement(r) => Some(&r.subject),
        Resource::QuestionnaireResponse(r) => r.subject.as_ref(),
        _ => None,
    };
    let Some(reference) = subject.and_then(|s| s.reference.as_deref()) else {
        return;
    };
    // Absolute references may carry the server base before `Patient/<id>`.
    let points_home = own
        .iter()
        .any(|o| reference == o || reference.ends_with(&format!("/{o}")));
    if !points_home && !own.is_empty() {
        issues.push(issue(
            &format!("{at}.subject.reference"),
            format!("`{reference}` is not the Bundle's Patient"),
        ));
    }
}

fn sort_into(out: &mut PatientBundle, resource: Resource) {
    match resource {
        Resource::Patient(r) => out.patient = *r,
        Resource::Observation(r) => out.observations.push(*r),
        Resource::Condition(r) => out.conditions.push(*r),
        Resource::MedicationStatement(r) => out.medication_statements.push(*r),
        Resource::Questionnaire(r) => out.questionnaires.push(*r),
        Resource::QuestionnaireResponse(r) => out.questionnaire_responses.push(*r),
        Resource::AuditEvent(r) => out.audit_events.push(*r),
        other @ (Resource::Bundle(_) | Resource::Other(_)) => out.others.push(other),
    }
}
