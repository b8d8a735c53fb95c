//! [`Resource`]: any R4 resource, typed when Myo models it, kept as JSON otherwise.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::decimal::{ExactValue, restore};
use crate::resources::{
    AuditEvent, Bundle, Condition, MedicationStatement, Observation, Patient, Questionnaire,
    QuestionnaireResponse,
};

/// Separates the path inside a resource from the message, so [`crate::json`] can join it to the
/// path of the resource in its Bundle (serde errors carry only a message).
pub(crate) const PATH_SEP: char = '\u{1}';

/// Any R4 resource, tagged by its `resourceType`. Types Myo does not model are kept whole in
/// [`Resource::Other`] and written back unchanged.
#[derive(Debug, Clone, PartialEq)]
pub enum Resource {
    /// A `Patient`.
    Patient(Box<Patient>),
    /// An `Observation`.
    Observation(Box<Observation>),
    /// A `Condition`.
    Condition(Box<Condition>),
    /// A `MedicationStatement`.
    MedicationStatement(Box<MedicationStatement>),
    /// A `Questionnaire`.
    Questionnaire(Box<Questionnaire>),
    /// A `QuestionnaireResponse`.
    QuestionnaireResponse(Box<QuestionnaireResponse>),
    /// A `Bundle` (bundles may nest, e.g. in a search set of messages).
    Bundle(Box<Bundle>),
    /// An `AuditEvent`.
    AuditEvent(Box<AuditEvent>),
    /// Any other resource type, as JSON (always an object with a string `resourceType`).
    Other(Value),
}

impl Resource {
    /// The `resourceType` name.
    pub fn resource_type(&self) -> &str {
        match self {
            Resource::Patient(_) => "Patient",
            Resource::Observation(_) => "Observation",
            Resource::Condition(_) => "Condition",
            Resource::MedicationStatement(_) => "MedicationStatement",
            Resource::Questionnaire(_) => "Questionnaire",
            Resource::QuestionnaireResponse(_) => "QuestionnaireResponse",
            Resource::Bundle(_) => "Bundle",
            Resource::AuditEvent(_) => "AuditEvent",
            Resource::Other(v) => v["resourceType"].as_str().unwrap_or_default(),
        }
    }

    /// The logical id, if any.
    pub fn id(&self) -> Option<&str> {
        match self {
            Resource::Patient(r) => r.id.as_deref(),
            Resource::Observation(r) => r.id.as_deref(),
            Resource::Condition(r) => r.id.as_deref(),
            Resource::MedicationStatement(r) => r.id.as_deref(),
            Resource::Questionnaire(r) => r.id.as_deref(),
            Resource::QuestionnaireResponse(r) => r.id.as_deref(),
            Resource::Bundle(r) => r.id.as_deref(),
            Resource::AuditEvent(r) => r.id.as_deref(),
            Resource::Other(v) => v["id"].as_str(),
        }
    }
}

impl Serialize for Resource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Resource::Patient(r) => r.serialize(serializer),
            Resource::Observation(r) => r.serialize(serializer),
            Resource::Condition(r) => r.serialize(serializer),
            Resource::MedicationStatement(r) => r.serialize(serializer),
            Resource::Questionnaire(r) => r.serialize(serializer),
            Resource::QuestionnaireResponse(r) => r.serialize(serializer),
            Resource::Bundle(r) => r.serialize(serializer),
            Resource::AuditEvent(r) => r.serialize(serializer),
            Resource::Other(v) => ExactValue(v).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Resource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Resource, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let kind = match value.get("resourceType") {
            Some(Value::String(kind)) => kind.clone(),
            Some(_) => return Err(serde::de::Error::custom("resourceType must be a string")),
            None => return Err(serde::de::Error::custom("missing field `resourceType`")),
        };
        Ok(match kind.as_str() {
            "Patient" => Resource::Patient(typed(value)?),
            "Observation" => Resource::Observation(typed(value)?),
            "Condition" => Resource::Condition(typed(value)?),
            "MedicationStatement" => Resource::MedicationStatement(typed(value)?),
            "Questionnaire" => Resource::Questionnaire(typed(value)?),
            "QuestionnaireResponse" => Resource::QuestionnaireResponse(typed(value)?),
            "Bundle" => Resource::Bundle(typed(value)?),
            "AuditEvent" => Resource::AuditEvent(typed(value)?),
            _ => {
                let mut value = value;
                restore(&mut value);
                Resource::Other(value)
            }
        })
    }
}

/// Deserialises a buffered resource, keeping the path inside it in the error message.
fn typed<T: serde::de::DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<Box<T>, E> {
    serde_path_to_error::deserialize(value)
        .map(Box::new)
        .map_err(|err| E::custom(format!("{}{PATH_SEP}{}", err.path(), err.inner())))
}
