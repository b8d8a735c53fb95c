//! The R4 resources Myo exchanges. Required R4 elements (1..1) are plain fields, so a missing one
//! is a parse error naming it; choice elements (`value[x]`, …) are one `Option` per type and are
//! checked by [`crate::validate`].

use serde::Serialize;
use serde::de::{Deserialize, Deserializer, MapAccess};
use serde_json::{Map, Value};

use crate::datatypes::{
    Annotation, CodeableConcept, Coding, Dosage, Extension, HumanName, Identifier, Period,
    Quantity, Range, Reference, Timing, ValueX,
};
use crate::decimal::Decimal;
use crate::object::{FromMap, ObjectVisitor, extra_value, missing};
use crate::resource::Resource;

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

impl<'de> Deserialize<'de> for Patient {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<Patient>::new("Patient"))
    }
}

impl FromMap for Patient {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = Patient::default();
        let mut seen = [false; 1];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "resourceType" => {
                    out.resource_type = map.next_value()?;
                    seen[0] = true;
                }
                "id" => out.id = map.next_value()?,
                "extension" => out.extension = map.next_value()?,
                "identifier" => out.identifier = map.next_value()?,
                "active" => out.active = map.next_value()?,
                "name" => out.name = map.next_value()?,
                "gender" => out.gender = map.next_value()?,
                "birthDate" => out.birth_date = map.next_value()?,
                "deceasedBoolean" => out.deceased_boolean = map.next_value()?,
                "deceasedDateTime" => out.deceased_date_time = map.next_value()?,
                "multipleBirthBoolean" => out.multiple_birth_boolean = map.next_value()?,
                "multipleBirthInteger" => out.multiple_birth_integer = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        missing(&seen, &["resourceType"])?;
        Ok(out)
    }
}

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

impl<'de> Deserialize<'de> for Observation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<Observation>::new("Observation"))
    }
}

impl FromMap for Observation {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = Observation::default();
        let mut seen = [false; 3];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "resourceType" => {
                    out.resource_type = map.next_value()?;
                    seen[0] = true;
                }
                "id" => out.id = map.next_value()?,
                "extension" => out.extension = map.next_value()?,
                "identifier" => out.identifier = map.next_value()?,
                "status" => {
                    out.status = map.next_value()?;
                    seen[1] = true;
                }
                "category" => out.category = map.next_value()?,
                "code" => {
                    out.code = map.next_value()?;
                    seen[2] = true;
                }
                "subject" => out.subject = map.next_value()?,
                "encounter" => out.encounter = map.next_value()?,
                "effectiveDateTime" => out.effective_date_time = map.next_value()?,
                "effectivePeriod" => out.effective_period = map.next_value()?,
                "effectiveTiming" => out.effective_timing = map.next_value()?,
                "effectiveInstant" => out.effective_instant = map.next_value()?,
                "issued" => out.issued = map.next_value()?,
                "dataAbsentReason" => out.data_absent_reason = map.next_value()?,
                "interpretation" => out.interpretation = map.next_value()?,
                "note" => out.note = map.next_value()?,
                "method" => out.method = map.next_value()?,
                "referenceRange" => out.reference_range = map.next_value()?,
                "hasMember" => out.has_member = map.next_value()?,
                "derivedFrom" => out.derived_from = map.next_value()?,
                "component" => out.component = map.next_value()?,
                _ => {
                    if !out.value.take(&key, &mut map)? {
                        out.extra.insert(key, extra_value(&mut map)?);
                    }
                }
            }
        }
        missing(&seen, &["resourceType", "status", "code"])?;
        Ok(out)
    }
}

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

impl<'de> Deserialize<'de> for ReferenceRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<ReferenceRange>::new("ReferenceRange"))
    }
}

impl FromMap for ReferenceRange {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = ReferenceRange::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "low" => out.low = map.next_value()?,
                "high" => out.high = map.next_value()?,
                "type" => out.r#type = map.next_value()?,
                "appliesTo" => out.applies_to = map.next_value()?,
                "age" => out.age = map.next_value()?,
                "text" => out.text = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        Ok(out)
    }
}

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

impl<'de> Deserialize<'de> for ObservationComponent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<ObservationComponent>::new(
            "ObservationComponent",
        ))
    }
}

impl FromMap for ObservationComponent {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = ObservationComponent::default();
        let mut seen = [false; 1];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "code" => {
                    out.code = map.next_value()?;
                    seen[0] = true;
                }
                "dataAbsentReason" => out.data_absent_reason = map.next_value()?,
                "interpretation" => out.interpretation = map.next_value()?,
                "referenceRange" => out.reference_range = map.next_value()?,
                _ => {
                    if !out.value.take(&key, &mut map)? {
                        out.extra.insert(key, extra_value(&mut map)?);
                    }
                }
            }
        }
        missing(&seen, &["code"])?;
        Ok(out)
    }
}

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

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<Condition>::new("Condition"))
    }
}

impl FromMap for Condition {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = Condition::default();
        let mut seen = [false; 2];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "resourceType" => {
                    out.resource_type = map.next_value()?;
                    seen[0] = true;
                }
                "id" => out.id = map.next_value()?,
                "extension" => out.extension = map.next_value()?,
                "identifier" => out.identifier = map.next_value()?,
                "clinicalStatus" => out.clinical_status = map.next_value()?,
                "verificationStatus" => out.verification_status = map.next_value()?,
                "category" => out.category = map.next_value()?,
                "severity" => out.severity = map.next_value()?,
                "code" => out.code = map.next_value()?,
                "bodySite" => out.body_site = map.next_value()?,
                "subject" => {
                    out.subject = map.next_value()?;
                    seen[1] = true;
                }
                "encounter" => out.encounter = map.next_value()?,
                "onsetDateTime" => out.onset_date_time = map.next_value()?,
                "onsetAge" => out.onset_age = map.next_value()?,
                "onsetPeriod" => out.onset_period = map.next_value()?,
                "onsetRange" => out.onset_range = map.next_value()?,
                "onsetString" => out.onset_string = map.next_value()?,
                "abatementDateTime" => out.abatement_date_time = map.next_value()?,
                "abatementAge" => out.abatement_age = map.next_value()?,
                "abatementPeriod" => out.abatement_period = map.next_value()?,
                "abatementRange" => out.abatement_range = map.next_value()?,
                "abatementString" => out.abatement_string = map.next_value()?,
                "recordedDate" => out.recorded_date = map.next_value()?,
                "note" => out.note = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        missing(&seen, &["resourceType", "subject"])?;
        Ok(out)
    }
}

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

impl<'de> Deserialize<'de> for MedicationStatement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<MedicationStatement>::new(
            "MedicationStatement",
        ))
    }
}

impl FromMap for MedicationStatement {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = MedicationStatement::default();
        let mut seen = [false; 3];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "resourceType" => {
                    out.resource_type = map.next_value()?;
                    seen[0] = true;
                }
                "id" => out.id = map.next_value()?,
                "extension" => out.extension = map.next_value()?,
                "identifier" => out.identifier = map.next_value()?,
                "status" => {
                    out.status = map.next_value()?;
                    seen[1] = true;
                }
                "category" => out.category = map.next_value()?,
                "medicationCodeableConcept" => {
                    out.medication_codeable_concept = map.next_value()?
                }
                "medicationReference" => out.medication_reference = map.next_value()?,
                "subject" => {
                    out.subject = map.next_value()?;
                    seen[2] = true;
                }
                "context" => out.context = map.next_value()?,
                "effectiveDateTime" => out.effective_date_time = map.next_value()?,
                "effectivePeriod" => out.effective_period = map.next_value()?,
                "dateAsserted" => out.date_asserted = map.next_value()?,
                "informationSource" => out.information_source = map.next_value()?,
                "reasonCode" => out.reason_code = map.next_value()?,
                "note" => out.note = map.next_value()?,
                "dosage" => out.dosage = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        missing(&seen, &["resourceType", "status", "subject"])?;
        Ok(out)
    }
}

/// A form definition (R4 `Questionnaire`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    /// Always `"Questionnaire"`.
    #[serde(rename = "resourceType")]
    pub resource_type: crate::tag::QuestionnaireType,
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Extensions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Canonical URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Business identifiers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// Business version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Computer-friendly name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Human title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `draft`, `active`, `retired`, `unknown` (required).
    pub status: String,
    /// Resource types that may be its subject.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subject_type: Vec<String>,
    /// Last changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Publisher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Description (markdown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Concepts for the whole form.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<Coding>,
    /// Questions and groups.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireItem>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for Questionnaire {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<Questionnaire>::new("Questionnaire"))
    }
}

impl FromMap for Questionnaire {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = Questionnaire::default();
        let mut seen = [false; 2];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "resourceType" => {
                    out.resource_type = map.next_value()?;
                    seen[0] = true;
                }
                "id" => out.id = map.next_value()?,
                "extension" => out.extension = map.next_value()?,
                "url" => out.url = map.next_value()?,
                "identifier" => out.identifier = map.next_value()?,
                "version" => out.version = map.next_value()?,
                "name" => out.name = map.next_value()?,
                "title" => out.title = map.next_value()?,
                "status" => {
                    out.status = map.next_value()?;
                    seen[1] = true;
                }
                "subjectType" => out.subject_type = map.next_value()?,
                "date" => out.date = map.next_value()?,
                "publisher" => out.publisher = map.next_value()?,
                "description" => out.description = map.next_value()?,
                "code" => out.code = map.next_value()?,
                "item" => out.item = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        missing(&seen, &["resourceType", "status"])?;
        Ok(out)
    }
}

/// A question, group or display text of a [`Questionnaire`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireItem {
    /// Id linking answers to this item (required).
    pub link_id: String,
    /// Element definition URI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// Concepts for the item.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<Coding>,
    /// Label such as `1.` or `(a)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Question text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `group`, `display`, `boolean`, `decimal`, `integer`, `choice`, … (required).
    pub r#type: String,
    /// Conditions for showing the item.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enable_when: Vec<EnableWhen>,
    /// `all` or `any`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_behavior: Option<String>,
    /// Whether an answer is needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Whether the item may repeat.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeats: Option<bool>,
    /// Whether it cannot be edited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    /// Maximum answer length.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<i64>,
    /// Value set of allowed answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_value_set: Option<String>,
    /// Allowed answers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
    /// Initial answers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub initial: Vec<ItemInitial>,
    /// Nested items.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireItem>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for QuestionnaireItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<QuestionnaireItem>::new("QuestionnaireItem"))
    }
}

impl FromMap for QuestionnaireItem {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = QuestionnaireItem::default();
        let mut seen = [false; 2];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "linkId" => {
                    out.link_id = map.next_value()?;
                    seen[0] = true;
                }
                "definition" => out.definition = map.next_value()?,
                "code" => out.code = map.next_value()?,
                "prefix" => out.prefix = map.next_value()?,
                "text" => out.text = map.next_value()?,
                "type" => {
                    out.r#type = map.next_value()?;
                    seen[1] = true;
                }
                "enableWhen" => out.enable_when = map.next_value()?,
                "enableBehavior" => out.enable_behavior = map.next_value()?,
                "required" => out.required = map.next_value()?,
                "repeats" => out.repeats = map.next_value()?,
                "readOnly" => out.read_only = map.next_value()?,
                "maxLength" => out.max_length = map.next_value()?,
                "answerValueSet" => out.answer_value_set = map.next_value()?,
                "answerOption" => out.answer_option = map.next_value()?,
                "initial" => out.initial = map.next_value()?,
                "item" => out.item = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        missing(&seen, &["linkId", "type"])?;
        Ok(out)
    }
}

/// A condition under which an item is shown (R4 `Questionnaire.item.enableWhen`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnableWhen {
    /// `linkId` of the question this depends on.
    pub question: String,
    /// `exists`, `=`, `!=`, `>`, `<`, `>=`, `<=`.
    pub operator: String,
    /// `answerBoolean` (choice `answer[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_boolean: Option<bool>,
    /// `answerDecimal` (choice `answer[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_decimal: Option<Decimal>,
    /// `answerInteger` (choice `answer[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_integer: Option<i64>,
    /// `answerDate` (choice `answer[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_date: Option<String>,
    /// `answerDateTime` (choice `answer[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_date_time: Option<String>,
    /// `answerTime` (choice `answer[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_time: Option<String>,
    /// `answerString` (choice `answer[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_string: Option<String>,
    /// `answerCoding` (choice `answer[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_coding: Option<Coding>,
    /// `answerQuantity` (choice `answer[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_quantity: Option<Quantity>,
    /// `answerReference` (choice `answer[x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_reference: Option<Reference>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for EnableWhen {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<EnableWhen>::new("EnableWhen"))
    }
}

impl FromMap for EnableWhen {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = EnableWhen::default();
        let mut seen = [false; 2];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "question" => {
                    out.question = map.next_value()?;
                    seen[0] = true;
                }
                "operator" => {
                    out.operator = map.next_value()?;
                    seen[1] = true;
                }
                "answerBoolean" => out.answer_boolean = map.next_value()?,
                "answerDecimal" => out.answer_decimal = map.next_value()?,
                "answerInteger" => out.answer_integer = map.next_value()?,
                "answerDate" => out.answer_date = map.next_value()?,
                "answerDateTime" => out.answer_date_time = map.next_value()?,
                "answerTime" => out.answer_time = map.next_value()?,
                "answerString" => out.answer_string = map.next_value()?,
                "answerCoding" => out.answer_coding = map.next_value()?,
                "answerQuantity" => out.answer_quantity = map.next_value()?,
                "answerReference" => out.answer_reference = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        missing(&seen, &["question", "operator"])?;
        Ok(out)
    }
}

/// An allowed answer (R4 `Questionnaire.item.answerOption`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerOption {
    /// `value[x]` (exactly one).
    #[serde(flatten)]
    pub value: ValueX,
    /// Whether it is selected at first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_selected: Option<bool>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for AnswerOption {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<AnswerOption>::new("AnswerOption"))
    }
}

impl FromMap for AnswerOption {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = AnswerOption::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "initialSelected" => out.initial_selected = map.next_value()?,
                _ => {
                    if !out.value.take(&key, &mut map)? {
                        out.extra.insert(key, extra_value(&mut map)?);
                    }
                }
            }
        }
        Ok(out)
    }
}

/// An initial answer (R4 `Questionnaire.item.initial`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemInitial {
    /// `value[x]` (exactly one).
    #[serde(flatten)]
    pub value: ValueX,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for ItemInitial {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<ItemInitial>::new("ItemInitial"))
    }
}

impl FromMap for ItemInitial {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = ItemInitial::default();
        while let Some(key) = map.next_key::<String>()? {
            if !out.value.take(&key, &mut map)? {
                out.extra.insert(key, extra_value(&mut map)?);
            }
        }
        Ok(out)
    }
}

/// Answers to a [`Questionnaire`] (R4 `QuestionnaireResponse`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    /// Always `"QuestionnaireResponse"`.
    #[serde(rename = "resourceType")]
    pub resource_type: crate::tag::QuestionnaireResponseType,
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Extensions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Business identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Identifier>,
    /// Canonical URL of the form answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub questionnaire: Option<String>,
    /// `in-progress`, `completed`, `amended`, `entered-in-error`, `stopped` (required).
    pub status: String,
    /// Who the answers are about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Reference>,
    /// Visit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encounter: Option<Reference>,
    /// When the answers were given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authored: Option<String>,
    /// Who recorded them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Reference>,
    /// Who gave them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Reference>,
    /// Answered items.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for QuestionnaireResponse {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<QuestionnaireResponse>::new(
            "QuestionnaireResponse",
        ))
    }
}

impl FromMap for QuestionnaireResponse {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = QuestionnaireResponse::default();
        let mut seen = [false; 2];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "resourceType" => {
                    out.resource_type = map.next_value()?;
                    seen[0] = true;
                }
                "id" => out.id = map.next_value()?,
                "extension" => out.extension = map.next_value()?,
                "identifier" => out.identifier = map.next_value()?,
                "questionnaire" => out.questionnaire = map.next_value()?,
                "status" => {
                    out.status = map.next_value()?;
                    seen[1] = true;
                }
                "subject" => out.subject = map.next_value()?,
                "encounter" => out.encounter = map.next_value()?,
                "authored" => out.authored = map.next_value()?,
                "author" => out.author = map.next_value()?,
                "source" => out.source = map.next_value()?,
                "item" => out.item = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        missing(&seen, &["resourceType", "status"])?;
        Ok(out)
    }
}

/// One answered item (R4 `QuestionnaireResponse.item`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseItem {
    /// The item's `linkId` (required).
    pub link_id: String,
    /// Element definition URI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// The question text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Answers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<ResponseAnswer>,
    /// Nested items of a group.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for ResponseItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<ResponseItem>::new("ResponseItem"))
    }
}

impl FromMap for ResponseItem {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = ResponseItem::default();
        let mut seen = [false; 1];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "linkId" => {
                    out.link_id = map.next_value()?;
                    seen[0] = true;
                }
                "definition" => out.definition = map.next_value()?,
                "text" => out.text = map.next_value()?,
                "answer" => out.answer = map.next_value()?,
                "item" => out.item = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        missing(&seen, &["linkId"])?;
        Ok(out)
    }
}

/// One answer (R4 `QuestionnaireResponse.item.answer`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseAnswer {
    /// `value[x]`: at most one is set.
    #[serde(flatten)]
    pub value: ValueX,
    /// Items nested under this answer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for ResponseAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<ResponseAnswer>::new("ResponseAnswer"))
    }
}

impl FromMap for ResponseAnswer {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = ResponseAnswer::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "item" => out.item = map.next_value()?,
                _ => {
                    if !out.value.take(&key, &mut map)? {
                        out.extra.insert(key, extra_value(&mut map)?);
                    }
                }
            }
        }
        Ok(out)
    }
}

/// A container of resources (R4 `Bundle`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    /// Always `"Bundle"`.
    #[serde(rename = "resourceType")]
    pub resource_type: crate::tag::BundleType,
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Persistent identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Identifier>,
    /// `document`, `message`, `transaction`, `batch`, `searchset`, `collection`, … (required).
    pub r#type: String,
    /// When the bundle was assembled (instant).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// Total matches (search sets only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
    /// Links such as `self` and `next`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub link: Vec<BundleLink>,
    /// The resources.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entry: Vec<BundleEntry>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for Bundle {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<Bundle>::new("Bundle"))
    }
}

impl FromMap for Bundle {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = Bundle::default();
        let mut seen = [false; 2];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "resourceType" => {
                    out.resource_type = map.next_value()?;
                    seen[0] = true;
                }
                "id" => out.id = map.next_value()?,
                "identifier" => out.identifier = map.next_value()?,
                "type" => {
                    out.r#type = map.next_value()?;
                    seen[1] = true;
                }
                "timestamp" => out.timestamp = map.next_value()?,
                "total" => out.total = map.next_value()?,
                "link" => out.link = map.next_value()?,
                "entry" => out.entry = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        missing(&seen, &["resourceType", "type"])?;
        Ok(out)
    }
}

/// A link of a [`Bundle`] or entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleLink {
    /// `self`, `next`, …
    pub relation: String,
    /// The target.
    pub url: String,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for BundleLink {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<BundleLink>::new("BundleLink"))
    }
}

impl FromMap for BundleLink {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = BundleLink::default();
        let mut seen = [false; 2];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "relation" => {
                    out.relation = map.next_value()?;
                    seen[0] = true;
                }
                "url" => {
                    out.url = map.next_value()?;
                    seen[1] = true;
                }
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        missing(&seen, &["relation", "url"])?;
        Ok(out)
    }
}

/// One entry of a [`Bundle`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleEntry {
    /// Links for this entry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub link: Vec<BundleLink>,
    /// Absolute URL (or `urn:uuid:`) of the resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_url: Option<String>,
    /// The resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for BundleEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<BundleEntry>::new("BundleEntry"))
    }
}

impl FromMap for BundleEntry {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = BundleEntry::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "link" => out.link = map.next_value()?,
                "fullUrl" => out.full_url = map.next_value()?,
                "resource" => out.resource = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        Ok(out)
    }
}

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

impl<'de> Deserialize<'de> for AuditEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<AuditEvent>::new("AuditEvent"))
    }
}

impl FromMap for AuditEvent {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = AuditEvent::default();
        let mut seen = [false; 4];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "resourceType" => {
                    out.resource_type = map.next_value()?;
                    seen[0] = true;
                }
                "id" => out.id = map.next_value()?,
                "extension" => out.extension = map.next_value()?,
                "type" => {
                    out.r#type = map.next_value()?;
                    seen[1] = true;
                }
                "subtype" => out.subtype = map.next_value()?,
                "action" => out.action = map.next_value()?,
                "period" => out.period = map.next_value()?,
                "recorded" => {
                    out.recorded = map.next_value()?;
                    seen[2] = true;
                }
                "outcome" => out.outcome = map.next_value()?,
                "outcomeDesc" => out.outcome_desc = map.next_value()?,
                "purposeOfEvent" => out.purpose_of_event = map.next_value()?,
                "agent" => out.agent = map.next_value()?,
                "source" => {
                    out.source = map.next_value()?;
                    seen[3] = true;
                }
                "entity" => out.entity = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        missing(&seen, &["resourceType", "type", "recorded", "source"])?;
        Ok(out)
    }
}

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

impl<'de> Deserialize<'de> for AuditAgent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<AuditAgent>::new("AuditAgent"))
    }
}

impl FromMap for AuditAgent {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = AuditAgent::default();
        let mut seen = [false; 1];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "type" => out.r#type = map.next_value()?,
                "role" => out.role = map.next_value()?,
                "who" => out.who = map.next_value()?,
                "altId" => out.alt_id = map.next_value()?,
                "name" => out.name = map.next_value()?,
                "requestor" => {
                    out.requestor = map.next_value()?;
                    seen[0] = true;
                }
                "policy" => out.policy = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        missing(&seen, &["requestor"])?;
        Ok(out)
    }
}

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

impl<'de> Deserialize<'de> for AuditSource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<AuditSource>::new("AuditSource"))
    }
}

impl FromMap for AuditSource {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = AuditSource::default();
        let mut seen = [false; 1];
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "site" => out.site = map.next_value()?,
                "observer" => {
                    out.observer = map.next_value()?;
                    seen[0] = true;
                }
                "type" => out.r#type = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        missing(&seen, &["observer"])?;
        Ok(out)
    }
}

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

impl<'de> Deserialize<'de> for AuditEntity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<AuditEntity>::new("AuditEntity"))
    }
}

impl FromMap for AuditEntity {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = AuditEntity::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "what" => out.what = map.next_value()?,
                "type" => out.r#type = map.next_value()?,
                "role" => out.role = map.next_value()?,
                "lifecycle" => out.lifecycle = map.next_value()?,
                "name" => out.name = map.next_value()?,
                "description" => out.description = map.next_value()?,
                "query" => out.query = map.next_value()?,
                _ => {
                    out.extra.insert(key, extra_value(&mut map)?);
                }
            }
        }
        Ok(out)
    }
}
