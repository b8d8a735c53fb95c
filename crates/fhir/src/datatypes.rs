//! R4 data types used by the resources: only the elements Myo reads or writes are typed; every
//! other element stays in the struct's `extra` map, so nothing is lost on a round trip.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::decimal::Decimal;

/// A code defined by a terminology system (R4 `Coding`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Coding {
    /// Code-system URI, e.g. [`crate::systems::LOINC`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// Version of the code system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The code itself, as defined by the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Human text for the code, as given by the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Whether a user chose this coding directly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_selected: Option<bool>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, deserialize_with = "crate::decimal::de_extra", serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

/// One concept, as codings from several systems plus text (R4 `CodeableConcept`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeableConcept {
    /// Codings for the same concept in different systems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    /// Plain text for the concept, as entered or shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, deserialize_with = "crate::decimal::de_extra", serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

/// A measured amount with its unit (R4 `Quantity`, also used as `SimpleQuantity`, `Age`, `Duration`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quantity {
    /// The amount, as an exact decimal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    /// `<`, `<=`, `>=` or `>`: how to read the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<String>,
    /// Unit as shown to people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// System of the coded unit, normally [`crate::systems::UCUM`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// Coded unit, e.g. the UCUM code `U/L`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, deserialize_with = "crate::decimal::de_extra", serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

/// A low and high bound (R4 `Range`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Range {
    /// Low bound, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<Quantity>,
    /// High bound, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<Quantity>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, deserialize_with = "crate::decimal::de_extra", serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

/// A time span with optional ends (R4 `Period`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    /// Start, a FHIR dateTime.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// End, a FHIR dateTime; absent while ongoing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, deserialize_with = "crate::decimal::de_extra", serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

/// A business identifier (R4 `Identifier`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identifier {
    /// `usual`, `official`, `temp`, `secondary` or `old`.
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub r#use: Option<String>,
    /// Namespace URI of the identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The identifier value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, deserialize_with = "crate::decimal::de_extra", serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

/// A link to another resource (R4 `Reference`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reference {
    /// Literal reference: relative (`Patient/123`), absolute URL or `urn:uuid:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Resource type the reference points to.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// Logical reference, when no literal one is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Identifier>,
    /// Text alternative for the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, deserialize_with = "crate::decimal::de_extra", serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

/// A person's name (R4 `HumanName`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HumanName {
    /// `usual`, `official`, `nickname`, …
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub r#use: Option<String>,
    /// The full name as it should be shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Family name (surname).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Given names, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, deserialize_with = "crate::decimal::de_extra", serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

/// A text note with author and time (R4 `Annotation`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Annotation {
    /// When the note was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The note (markdown).
    pub text: String,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, deserialize_with = "crate::decimal::de_extra", serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

/// An extension: a URL-identified element with a single `value[x]` (R4 `Extension`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Extension {
    /// Identifies the meaning of the extension.
    pub url: String,
    /// The value; at most one `value[x]`.
    #[serde(flatten)]
    pub value: ValueX,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, deserialize_with = "crate::decimal::de_extra", serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

/// The common `value[x]` choice, one `Option` per type; at most one may be set (see [`crate::validate`]). Types a context does not allow stay in the owner's `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueX {
    /// `valueBoolean`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_boolean: Option<bool>,
    /// `valueInteger`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    /// `valueDecimal`, exact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_decimal: Option<Decimal>,
    /// `valueString`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_string: Option<String>,
    /// `valueCode` (extensions only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_code: Option<String>,
    /// `valueUri`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_uri: Option<String>,
    /// `valueDate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_date: Option<String>,
    /// `valueDateTime`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_date_time: Option<String>,
    /// `valueTime`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_time: Option<String>,
    /// `valueCoding`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_coding: Option<Coding>,
    /// `valueCodeableConcept`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_codeable_concept: Option<CodeableConcept>,
    /// `valueQuantity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_quantity: Option<Quantity>,
    /// `valueRange`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_range: Option<Range>,
    /// `valuePeriod`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_period: Option<Period>,
    /// `valueReference`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_reference: Option<Reference>,
}

/// When an event repeats (R4 `Timing`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timing {
    /// Exact moments (FHIR dateTimes), e.g. a course of dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub event: Vec<String>,
    /// The repeating rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<TimingRepeat>,
    /// A named timing such as `BID`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<CodeableConcept>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, deserialize_with = "crate::decimal::de_extra", serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

/// The rule inside a [`Timing`] (R4 `Timing.repeat`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimingRepeat {
    /// `boundsDuration`: how long the rule applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bounds_duration: Option<Quantity>,
    /// `boundsRange`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bounds_range: Option<Range>,
    /// `boundsPeriod`: the dates the rule applies between.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bounds_period: Option<Period>,
    /// Number of times to repeat in total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Upper bound of `count`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count_max: Option<u32>,
    /// How long each event lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Decimal>,
    /// Upper bound of `duration`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_max: Option<Decimal>,
    /// Unit of `duration`: `s`, `min`, `h`, `d`, `wk`, `mo`, `a`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_unit: Option<String>,
    /// Events per `period`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<u32>,
    /// Upper bound of `frequency`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency_max: Option<u32>,
    /// Length of the period the `frequency` counts in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Decimal>,
    /// Upper bound of `period`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_max: Option<Decimal>,
    /// Unit of `period`: `s`, `min`, `h`, `d`, `wk`, `mo`, `a`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_unit: Option<String>,
    /// Days the event happens: `mon` … `sun`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub day_of_week: Vec<String>,
    /// Times of day (FHIR time) the event happens.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub time_of_day: Vec<String>,
    /// Named moments, e.g. `MORN`, `ACM`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<String>,
    /// Minutes from the `when` moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, deserialize_with = "crate::decimal::de_extra", serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

/// How a medicine is or should be taken (R4 `Dosage`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dosage {
    /// Order among several dosages (e.g. the steps of a taper).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Free-text instructions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Instructions for the patient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient_instruction: Option<String>,
    /// When it is taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
    /// `asNeededBoolean`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_needed_boolean: Option<bool>,
    /// `asNeededCodeableConcept`: taken as needed for this reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_needed_codeable_concept: Option<CodeableConcept>,
    /// Body site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<CodeableConcept>,
    /// Route, e.g. oral or subcutaneous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<CodeableConcept>,
    /// Technique.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<CodeableConcept>,
    /// Amount per dose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dose_and_rate: Vec<DoseAndRate>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, deserialize_with = "crate::decimal::de_extra", serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

/// Amount of medicine per dose (R4 `Dosage.doseAndRate`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DoseAndRate {
    /// Kind of dose (ordered, calculated, …).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<CodeableConcept>,
    /// `doseRange`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dose_range: Option<Range>,
    /// `doseQuantity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dose_quantity: Option<Quantity>,
    /// `rateRange`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_range: Option<Range>,
    /// `rateQuantity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_quantity: Option<Quantity>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, deserialize_with = "crate::decimal::de_extra", serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

