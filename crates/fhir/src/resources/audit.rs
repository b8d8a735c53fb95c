//! The audit trail: `AuditEvent` with its agents, source and entities.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::datatypes::{CodeableConcept, Coding, Extension, Period, Reference};
use crate::object::fhir_object;

/// A record of an access or change, for the audit export (R4 `AuditEvent`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
    /// Always `"AuditEvent"`.
    #[serde(rename = "resourceType")]
    pub resource_type: crate::tag::AuditEventType,
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Extensions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Kind of event (required).
    pub r#type: Coding,
    /// More specific kind, e.g. the REST interaction.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subtype: Vec<Coding>,
    /// `C`, `R`, `U`, `D` or `E`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// When the activity happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// When it was recorded (instant, required).
    pub recorded: String,
    /// `0` success, `4` minor, `8` serious, `12` major failure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Description of the outcome.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome_desc: Option<String>,
    /// Why it happened.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub purpose_of_event: Vec<CodeableConcept>,
    /// Who took part (at least one).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agent: Vec<AuditAgent>,
    /// The system that reported it (required).
    pub source: AuditSource,
    /// Data or objects used.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entity: Vec<AuditEntity>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(AuditEvent {
    required "resourceType" => resource_type,
    "id" => id,
    "extension" => extension,
    required "type" => r#type,
    "subtype" => subtype,
    "action" => action,
    "period" => period,
    required "recorded" => recorded,
    "outcome" => outcome,
    "outcomeDesc" => outcome_desc,
    "purposeOfEvent" => purpose_of_event,
    "agent" => agent,
    required "source" => source,
    "entity" => entity,
});

/// A participant of an [`AuditEvent`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditAgent {
    /// How the agent took part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<CodeableConcept>,
    /// Security roles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub role: Vec<CodeableConcept>,
    /// The agent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who: Option<Reference>,
    /// Alternative user id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt_id: Option<String>,
    /// Human name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether this agent started the activity (required).
    pub requestor: bool,
    /// Policies that authorised it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub policy: Vec<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(AuditAgent {
    "type" => r#type,
    "role" => role,
    "who" => who,
    "altId" => alt_id,
    "name" => name,
    required "requestor" => requestor,
    "policy" => policy,
});

/// The reporter of an [`AuditEvent`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditSource {
    /// Logical site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The reporting system (required).
    pub observer: Reference,
    /// Kind of source.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub r#type: Vec<Coding>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(AuditSource {
    "site" => site,
    required "observer" => observer,
    "type" => r#type,
});

/// Data or an object used in an [`AuditEvent`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntity {
    /// The specific instance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what: Option<Reference>,
    /// Kind of entity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<Coding>,
    /// Role of the entity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Coding>,
    /// Life-cycle stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<Coding>,
    /// Descriptor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Descriptive text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Query parameters (base64).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(AuditEntity {
    "what" => what,
    "type" => r#type,
    "role" => role,
    "lifecycle" => lifecycle,
    "name" => name,
    "description" => description,
    "query" => query,
});
