//! Code-system and other URIs used in Myo's FHIR, as constants.
//!
//! The `https://myo.invalid/…` systems are Myo's own; `.invalid` is reserved (RFC 2606) so they
//! can never collide with a real server. Their codes are listed in `crates/fhir/FHIR.md`.

/// LOINC (laboratory and clinical observations).
pub const LOINC: &str = "http://loinc.org";
/// SNOMED CT.
pub const SNOMED: &str = "http://snomed.info/sct";
/// ICD-10-CM (US clinical modification).
pub const ICD10CM: &str = "http://hl7.org/fhir/sid/icd-10-cm";
/// RxNorm.
pub const RXNORM: &str = "http://www.nlm.nih.gov/research/umls/rxnorm";
/// UCUM units of measure.
pub const UCUM: &str = "http://unitsofmeasure.org";

/// HL7 observation categories (`laboratory`, `survey`, `exam`, …).
pub const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
/// HL7 v3 observation interpretation (`POS`, `NEG`, `IND`, `H`, `L`, …).
pub const OBSERVATION_INTERPRETATION: &str =
    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
/// HL7 data-absent reasons (`unknown`, `not-performed`, …).
pub const DATA_ABSENT_REASON: &str = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
/// HL7 condition clinical status (`active`, `resolved`, …).
pub const CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
/// HL7 condition verification status (`confirmed`, `provisional`, …).
pub const CONDITION_VERIFICATION: &str =
    "http://terminology.hl7.org/CodeSystem/condition-ver-status";
/// HL7 condition category (`problem-list-item`, `encounter-diagnosis`).
pub const CONDITION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/condition-category";
/// HL7 audit event types (`rest`, …).
pub const AUDIT_EVENT_TYPE: &str = "http://terminology.hl7.org/CodeSystem/audit-event-type";
/// FHIR RESTful interactions (`read`, `create`, …), used as audit subtypes.
pub const RESTFUL_INTERACTION: &str = "http://hl7.org/fhir/restful-interaction";

/// Myo's code system for diary items (one code per rating or yes/no question).
pub const MYO_DIARY: &str = "https://myo.invalid/fhir/CodeSystem/diary";
/// Myo's code system for instrument results; the code is the instrument id (e.g. `mmt8`).
pub const MYO_INSTRUMENT: &str = "https://myo.invalid/fhir/CodeSystem/instrument";
/// Myo's code system for measures that are neither diary items nor instruments (visit globals,
/// home function tests).
pub const MYO_MEASURE: &str = "https://myo.invalid/fhir/CodeSystem/measure";
/// Extension on an instrument Observation: `valueString` `"<id>@<revision>"` of the definition
/// that computed it.
pub const EXT_INSTRUMENT_DEFINITION: &str =
    "https://myo.invalid/fhir/StructureDefinition/instrument-definition";
/// Extension on an instrument Observation: `valueCode` `verified` or `partial`, the status of
/// the definition's numbers.
pub const EXT_INSTRUMENT_STATUS: &str =
    "https://myo.invalid/fhir/StructureDefinition/instrument-status";
