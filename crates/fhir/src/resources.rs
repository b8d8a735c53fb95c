//! The R4 resources Myo exchanges. Required R4 elements (1..1) are plain fields, so a missing one
//! is a parse error naming it; choice elements (`value[x]`, …) are one `Option` per type and are
//! checked by [`crate::validate`].

use serde::Serialize;
use serde_json::{Map, Value};

use crate::datatypes::{
    Annotation, CodeableConcept, Coding, Dosage, Extension, HumanName, Identifier, Period,
    Quantity, Range, Reference, Timing, ValueX,
};
use crate::decimal::Decimal;
use crate::object::fhir_object;
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

fhir_object!(Questionnaire {
    required "resourceType" => resource_type,
    "id" => id,
    "extension" => extension,
    "url" => url,
    "identifier" => identifier,
    "version" => version,
    "name" => name,
    "title" => title,
    required "status" => status,
    "subjectType" => subject_type,
    "date" => date,
    "publisher" => publisher,
    "description" => description,
    "code" => code,
    "item" => item,
});

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

fhir_object!(QuestionnaireItem {
    required "linkId" => link_id,
    "definition" => definition,
    "code" => code,
    "prefix" => prefix,
    "text" => text,
    required "type" => r#type,
    "enableWhen" => enable_when,
    "enableBehavior" => enable_behavior,
    "required" => required,
    "repeats" => repeats,
    "readOnly" => read_only,
    "maxLength" => max_length,
    "answerValueSet" => answer_value_set,
    "answerOption" => answer_option,
    "initial" => initial,
    "item" => item,
});

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

fhir_object!(EnableWhen {
    required "question" => question,
    required "operator" => operator,
    "answerBoolean" => answer_boolean,
    "answerDecimal" => answer_decimal,
    "answerInteger" => answer_integer,
    "answerDate" => answer_date,
    "answerDateTime" => answer_date_time,
    "answerTime" => answer_time,
    "answerString" => answer_string,
    "answerCoding" => answer_coding,
    "answerQuantity" => answer_quantity,
    "answerReference" => answer_reference,
});

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

fhir_object!(AnswerOption {
    "initialSelected" => initial_selected,
} choice value);

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

fhir_object!(ItemInitial {} choice value);

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

fhir_object!(QuestionnaireResponse {
    required "resourceType" => resource_type,
    "id" => id,
    "extension" => extension,
    "identifier" => identifier,
    "questionnaire" => questionnaire,
    required "status" => status,
    "subject" => subject,
    "encounter" => encounter,
    "authored" => authored,
    "author" => author,
    "source" => source,
    "item" => item,
});

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

fhir_object!(ResponseItem {
    required "linkId" => link_id,
    "definition" => definition,
    "text" => text,
    "answer" => answer,
    "item" => item,
});

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

fhir_object!(ResponseAnswer {
    "item" => item,
} choice value);

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

fhir_object!(Bundle {
    required "resourceType" => resource_type,
    "id" => id,
    "identifier" => identifier,
    required "type" => r#type,
    "timestamp" => timestamp,
    "total" => total,
    "link" => link,
    "entry" => entry,
});

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

fhir_object!(BundleLink {
    required "relation" => relation,
    required "url" => url,
});

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

fhir_object!(BundleEntry {
    "link" => link,
    "fullUrl" => full_url,
    "resource" => resource,
});

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
