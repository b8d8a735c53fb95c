//! Clinical resources: `Patient`, `Observation`, `Condition`, `MedicationStatement`.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::datatypes::{
    Annotation, CodeableConcept, Dosage, Extension, HumanName, Identifier, Period, Quantity, Range,
    Reference, Timing, ValueX,
};
use crate::object::fhir_object;

/// Demographics of the person the records are about (R4 `Patient`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Patient {
    /// Always `"Patient"`.
    #[serde(rename = "resourceType")]
    pub resource_type: crate::tag::PatientType,
    /// Logical id on the server that holds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Extensions, typed so Myo can read its own.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Business identifiers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// Whether the record is in active use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub name: Vec<HumanName>,
    /// Administrative gender: `male`, `female`, `other`, `unknown`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Date of birth (FHIR date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// `deceasedBoolean` (choice `deceased[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deceased_boolean: Option<bool>,
    /// `deceasedDateTime` (choice `deceased[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deceased_date_time: Option<String>,
    /// `multipleBirthBoolean` (choice `multipleBirth[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple_birth_boolean: Option<bool>,
    /// `multipleBirthInteger` (choice `multipleBirth[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple_birth_integer: Option<i64>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(Patient {
    required "resourceType" => resource_type,
    "id" => id,
    "extension" => extension,
    "identifier" => identifier,
    "active" => active,
    "name" => name,
    "gender" => gender,
    "birthDate" => birth_date,
    "deceasedBoolean" => deceased_boolean,
    "deceasedDateTime" => deceased_date_time,
    "multipleBirthBoolean" => multiple_birth_boolean,
    "multipleBirthInteger" => multiple_birth_integer,
});

/// A measurement or assertion about the patient (R4 `Observation`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    /// Always `"Observation"`.
    #[serde(rename = "resourceType")]
    pub resource_type: crate::tag::ObservationType,
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Extensions (Myo puts the instrument definition here).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Business identifiers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// `registered`, `preliminary`, `final`, `amended`, … (required).
    pub status: String,
    /// Kind of observation, e.g. `laboratory`, `survey`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<CodeableConcept>,
    /// What was observed (required).
    pub code: CodeableConcept,
    /// Who it is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Reference>,
    /// The visit it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encounter: Option<Reference>,
    /// `effectiveDateTime` (choice `effective[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_date_time: Option<String>,
    /// `effectivePeriod` (choice `effective[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_period: Option<Period>,
    /// `effectiveTiming` (choice `effective[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_timing: Option<Timing>,
    /// `effectiveInstant` (choice `effective[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_instant: Option<String>,
    /// When this version was made available (instant).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    /// `value[x]`: at most one is set.
    #[serde(flatten)]
    pub value: ValueX,
    /// Why there is no value (missing is not normal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_absent_reason: Option<CodeableConcept>,
    /// High, low, positive, negative, …
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub interpretation: Vec<CodeableConcept>,
    /// Comments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
    /// How it was measured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<CodeableConcept>,
    /// The range a value is read against.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reference_range: Vec<ReferenceRange>,
    /// Members of a panel.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub has_member: Vec<Reference>,
    /// What it was computed from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub derived_from: Vec<Reference>,
    /// Parts observed together (e.g. the items of a diary entry).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub component: Vec<ObservationComponent>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(Observation {
    required "resourceType" => resource_type,
    "id" => id,
    "extension" => extension,
    "identifier" => identifier,
    required "status" => status,
    "category" => category,
    required "code" => code,
    "subject" => subject,
    "encounter" => encounter,
    "effectiveDateTime" => effective_date_time,
    "effectivePeriod" => effective_period,
    "effectiveTiming" => effective_timing,
    "effectiveInstant" => effective_instant,
    "issued" => issued,
    "dataAbsentReason" => data_absent_reason,
    "interpretation" => interpretation,
    "note" => note,
    "method" => method,
    "referenceRange" => reference_range,
    "hasMember" => has_member,
    "derivedFrom" => derived_from,
    "component" => component,
} choice value);

/// A reference range for an observation value (R4 `Observation.referenceRange`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceRange {
    /// Low bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<Quantity>,
    /// High bound (alone, an upper limit of normal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<Quantity>,
    /// Which kind of range (normal, therapeutic, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<CodeableConcept>,
    /// Population the range applies to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub applies_to: Vec<CodeableConcept>,
    /// Age span the range applies to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<Range>,
    /// The range as text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(ReferenceRange {
    "low" => low,
    "high" => high,
    "type" => r#type,
    "appliesTo" => applies_to,
    "age" => age,
    "text" => text,
});

/// One part of a multi-part observation (R4 `Observation.component`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObservationComponent {
    /// What this part is (required).
    pub code: CodeableConcept,
    /// `value[x]`: at most one is set.
    #[serde(flatten)]
    pub value: ValueX,
    /// Why this part has no value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_absent_reason: Option<CodeableConcept>,
    /// High, low, positive, negative, …
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub interpretation: Vec<CodeableConcept>,
    /// Ranges for this part.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reference_range: Vec<ReferenceRange>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(ObservationComponent {
    required "code" => code,
    "dataAbsentReason" => data_absent_reason,
    "interpretation" => interpretation,
    "referenceRange" => reference_range,
} choice value);

/// A diagnosis or problem (R4 `Condition`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    /// Always `"Condition"`.
    #[serde(rename = "resourceType")]
    pub resource_type: crate::tag::ConditionType,
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Extensions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Business identifiers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// `active`, `recurrence`, `relapse`, `inactive`, `remission`, `resolved`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clinical_status: Option<CodeableConcept>,
    /// `unconfirmed`, `provisional`, `differential`, `confirmed`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification_status: Option<CodeableConcept>,
    /// `problem-list-item` or `encounter-diagnosis`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<CodeableConcept>,
    /// Severity as judged by the clinician.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<CodeableConcept>,
    /// The condition, e.g. ICD-10-CM and SNOMED CT codings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<CodeableConcept>,
    /// Where it is.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub body_site: Vec<CodeableConcept>,
    /// Who has it (required).
    pub subject: Reference,
    /// Visit at which it was recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encounter: Option<Reference>,
    /// `onsetDateTime` (choice `onset[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onset_date_time: Option<String>,
    /// `onsetAge` (choice `onset[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onset_age: Option<Quantity>,
    /// `onsetPeriod` (choice `onset[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onset_period: Option<Period>,
    /// `onsetRange` (choice `onset[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onset_range: Option<Range>,
    /// `onsetString` (choice `onset[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onset_string: Option<String>,
    /// `abatementDateTime` (choice `abatement[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abatement_date_time: Option<String>,
    /// `abatementAge` (choice `abatement[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abatement_age: Option<Quantity>,
    /// `abatementPeriod` (choice `abatement[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abatement_period: Option<Period>,
    /// `abatementRange` (choice `abatement[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abatement_range: Option<Range>,
    /// `abatementString` (choice `abatement[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abatement_string: Option<String>,
    /// When it was first recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded_date: Option<String>,
    /// Comments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(Condition {
    required "resourceType" => resource_type,
    "id" => id,
    "extension" => extension,
    "identifier" => identifier,
    "clinicalStatus" => clinical_status,
    "verificationStatus" => verification_status,
    "category" => category,
    "severity" => severity,
    "code" => code,
    "bodySite" => body_site,
    required "subject" => subject,
    "encounter" => encounter,
    "onsetDateTime" => onset_date_time,
    "onsetAge" => onset_age,
    "onsetPeriod" => onset_period,
    "onsetRange" => onset_range,
    "onsetString" => onset_string,
    "abatementDateTime" => abatement_date_time,
    "abatementAge" => abatement_age,
    "abatementPeriod" => abatement_period,
    "abatementRange" => abatement_range,
    "abatementString" => abatement_string,
    "recordedDate" => recorded_date,
    "note" => note,
});

/// A medicine the patient takes, took or will take (R4 `MedicationStatement`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MedicationStatement {
    /// Always `"MedicationStatement"`.
    #[serde(rename = "resourceType")]
    pub resource_type: crate::tag::MedicationStatementType,
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Extensions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Business identifiers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// `active`, `completed`, `entered-in-error`, `intended`, `stopped`, `on-hold`, `unknown`, `not-taken` (required).
    pub status: String,
    /// Where it is taken (inpatient, community, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<CodeableConcept>,
    /// `medicationCodeableConcept` (choice `medication[x]`, exactly one required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub medication_codeable_concept: Option<CodeableConcept>,
    /// `medicationReference` (choice `medication[x]`, exactly one required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub medication_reference: Option<Reference>,
    /// Who takes it (required).
    pub subject: Reference,
    /// Encounter or episode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<Reference>,
    /// `effectiveDateTime` (choice `effective[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_date_time: Option<String>,
    /// `effectivePeriod` (choice `effective[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_period: Option<Period>,
    /// When the statement was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_asserted: Option<String>,
    /// Who said so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub information_source: Option<Reference>,
    /// Why it is taken.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reason_code: Vec<CodeableConcept>,
    /// Comments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
    /// How it is taken; several entries for a taper.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dosage: Vec<Dosage>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(MedicationStatement {
    required "resourceType" => resource_type,
    "id" => id,
    "extension" => extension,
    "identifier" => identifier,
    required "status" => status,
    "category" => category,
    "medicationCodeableConcept" => medication_codeable_concept,
    "medicationReference" => medication_reference,
    required "subject" => subject,
    "context" => context,
    "effectiveDateTime" => effective_date_time,
    "effectivePeriod" => effective_period,
    "dateAsserted" => date_asserted,
    "informationSource" => information_source,
    "reasonCode" => reason_code,
    "note" => note,
    "dosage" => dosage,
});
