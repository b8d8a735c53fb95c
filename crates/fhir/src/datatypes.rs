//! R4 data types used by the resources: only the elements Myo reads or writes are typed; every
//! other element stays in the struct's `extra` map, so nothing is lost on a round trip.

use serde::Serialize;
use serde::de::MapAccess;
use serde_json::{Map, Value};

use crate::decimal::Decimal;
use crate::object::fhir_object;

/// A code defined by a terminology system (R4 `Coding`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Coding {
    /// Code-system URI, e.g. [`crate::systems::LOINC`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// Version of the code system.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The code itself, as defined by the system.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Human text for the code, as given by the system.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Whether a user chose this coding directly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_selected: Option<bool>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(Coding {
    "system" => system,
    "version" => version,
    "code" => code,
    "display" => display,
    "userSelected" => user_selected,
});

/// One concept, as codings from several systems plus text (R4 `CodeableConcept`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeableConcept {
    /// Codings for the same concept in different systems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    /// Plain text for the concept, as entered or shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(CodeableConcept {
    "coding" => coding,
    "text" => text,
});

/// A measured amount with its unit (R4 `Quantity`, also used as `SimpleQuantity`, `Age`, `Duration`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quantity {
    /// The amount, as an exact decimal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    /// `<`, `<=`, `>=` or `>`: how to read the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparator: Option<String>,
    /// Unit as shown to people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// System of the coded unit, normally [`crate::systems::UCUM`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// Coded unit, e.g. the UCUM code `U/L`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(Quantity {
    "value" => value,
    "comparator" => comparator,
    "unit" => unit,
    "system" => system,
    "code" => code,
});

/// A low and high bound (R4 `Range`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Range {
    /// Low bound, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<Quantity>,
    /// High bound, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<Quantity>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(Range {
    "low" => low,
    "high" => high,
});

/// A time span with optional ends (R4 `Period`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    /// Start, a FHIR dateTime.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// End, a FHIR dateTime; absent while ongoing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(Period {
    "start" => start,
    "end" => end,
});

/// A business identifier (R4 `Identifier`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Identifier {
    /// `usual`, `official`, `temp`, `secondary` or `old`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#use: Option<String>,
    /// Namespace URI of the identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The identifier value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(Identifier {
    "use" => r#use,
    "system" => system,
    "value" => value,
});

/// A link to another resource (R4 `Reference`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reference {
    /// Literal reference: relative (`Patient/123`), absolute URL or `urn:uuid:`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Resource type the reference points to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// Logical reference, when no literal one is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Identifier>,
    /// Text alternative for the target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(Reference {
    "reference" => reference,
    "type" => r#type,
    "identifier" => identifier,
    "display" => display,
});

/// A person's name (R4 `HumanName`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HumanName {
    /// `usual`, `official`, `nickname`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#use: Option<String>,
    /// The full name as it should be shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Family name (surname).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Given names, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<String>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(HumanName {
    "use" => r#use,
    "text" => text,
    "family" => family,
    "given" => given,
});

/// A text note with author and time (R4 `Annotation`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Annotation {
    /// When the note was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The note (markdown).
    pub text: String,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(Annotation {
    "time" => time,
    required "text" => text,
});

/// An extension: a URL-identified element with a single `value[x]` (R4 `Extension`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Extension {
    /// Identifies the meaning of the extension.
    pub url: String,
    /// The value; at most one `value[x]`.
    #[serde(flatten)]
    pub value: ValueX,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(Extension {
    required "url" => url,
} choice value);

/// The common `value[x]` choice, one `Option` per type; at most one may be set (see [`crate::validate`]). Types a context does not allow stay in the owner's `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueX {
    /// `valueBoolean`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_boolean: Option<bool>,
    /// `valueInteger`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    /// `valueDecimal`, exact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_decimal: Option<Decimal>,
    /// `valueString`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_string: Option<String>,
    /// `valueCode` (extensions only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_code: Option<String>,
    /// `valueUri`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_uri: Option<String>,
    /// `valueDate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_date: Option<String>,
    /// `valueDateTime`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_date_time: Option<String>,
    /// `valueTime`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_time: Option<String>,
    /// `valueCoding`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_coding: Option<Coding>,
    /// `valueCodeableConcept`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_codeable_concept: Option<CodeableConcept>,
    /// `valueQuantity`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_quantity: Option<Quantity>,
    /// `valueRange`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_range: Option<Range>,
    /// `valuePeriod`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_period: Option<Period>,
    /// `valueReference`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_reference: Option<Reference>,
}

impl ValueX {
    /// Reads `key` into its field if it is one of this group's, returning whether it was.
    pub(crate) fn take<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match key {
            "valueBoolean" => self.value_boolean = map.next_value()?,
            "valueInteger" => self.value_integer = map.next_value()?,
            "valueDecimal" => self.value_decimal = map.next_value()?,
            "valueString" => self.value_string = map.next_value()?,
            "valueCode" => self.value_code = map.next_value()?,
            "valueUri" => self.value_uri = map.next_value()?,
            "valueDate" => self.value_date = map.next_value()?,
            "valueDateTime" => self.value_date_time = map.next_value()?,
            "valueTime" => self.value_time = map.next_value()?,
            "valueCoding" => self.value_coding = map.next_value()?,
            "valueCodeableConcept" => self.value_codeable_concept = map.next_value()?,
            "valueQuantity" => self.value_quantity = map.next_value()?,
            "valueRange" => self.value_range = map.next_value()?,
            "valuePeriod" => self.value_period = map.next_value()?,
            "valueReference" => self.value_reference = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// When an event repeats (R4 `Timing`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Timing {
    /// Exact moments (FHIR dateTimes), e.g. a course of dates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub event: Vec<String>,
    /// The repeating rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeat: Option<TimingRepeat>,
    /// A named timing such as `BID`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<CodeableConcept>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(Timing {
    "event" => event,
    "repeat" => repeat,
    "code" => code,
});

/// The rule inside a [`Timing`] (R4 `Timing.repeat`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimingRepeat {
    /// `boundsDuration`: how long the rule applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bounds_duration: Option<Quantity>,
    /// `boundsRange`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bounds_range: Option<Range>,
    /// `boundsPeriod`: the dates the rule applies between.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bounds_period: Option<Period>,
    /// Number of times to repeat in total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Upper bound of `count`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count_max: Option<u32>,
    /// How long each event lasts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<Decimal>,
    /// Upper bound of `duration`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_max: Option<Decimal>,
    /// Unit of `duration`: `s`, `min`, `h`, `d`, `wk`, `mo`, `a`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_unit: Option<String>,
    /// Events per `period`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency: Option<u32>,
    /// Upper bound of `frequency`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency_max: Option<u32>,
    /// Length of the period the `frequency` counts in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Decimal>,
    /// Upper bound of `period`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_max: Option<Decimal>,
    /// Unit of `period`: `s`, `min`, `h`, `d`, `wk`, `mo`, `a`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_unit: Option<String>,
    /// Days the event happens: `mon` … `sun`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub day_of_week: Vec<String>,
    /// Times of day (FHIR time) the event happens.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub time_of_day: Vec<String>,
    /// Named moments, e.g. `MORN`, `ACM`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<String>,
    /// Minutes from the `when` moment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(TimingRepeat {
    "boundsDuration" => bounds_duration,
    "boundsRange" => bounds_range,
    "boundsPeriod" => bounds_period,
    "count" => count,
    "countMax" => count_max,
    "duration" => duration,
    "durationMax" => duration_max,
    "durationUnit" => duration_unit,
    "frequency" => frequency,
    "frequencyMax" => frequency_max,
    "period" => period,
    "periodMax" => period_max,
    "periodUnit" => period_unit,
    "dayOfWeek" => day_of_week,
    "timeOfDay" => time_of_day,
    "when" => when,
    "offset" => offset,
});

/// How a medicine is or should be taken (R4 `Dosage`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dosage {
    /// Order among several dosages (e.g. the steps of a taper).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Free-text instructions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Instructions for the patient.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patient_instruction: Option<String>,
    /// When it is taken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
    /// `asNeededBoolean`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_needed_boolean: Option<bool>,
    /// `asNeededCodeableConcept`: taken as needed for this reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_needed_codeable_concept: Option<CodeableConcept>,
    /// Body site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<CodeableConcept>,
    /// Route, e.g. oral or subcutaneous.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<CodeableConcept>,
    /// Technique.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<CodeableConcept>,
    /// Amount per dose.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dose_and_rate: Vec<DoseAndRate>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(Dosage {
    "sequence" => sequence,
    "text" => text,
    "patientInstruction" => patient_instruction,
    "timing" => timing,
    "asNeededBoolean" => as_needed_boolean,
    "asNeededCodeableConcept" => as_needed_codeable_concept,
    "site" => site,
    "route" => route,
    "method" => method,
    "doseAndRate" => dose_and_rate,
});

/// Amount of medicine per dose (R4 `Dosage.doseAndRate`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DoseAndRate {
    /// Kind of dose (ordered, calculated, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<CodeableConcept>,
    /// `doseRange`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dose_range: Option<Range>,
    /// `doseQuantity`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dose_quantity: Option<Quantity>,
    /// `rateRange`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_range: Option<Range>,
    /// `rateQuantity`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_quantity: Option<Quantity>,
    /// Every element this struct does not model (extensions, `_element` companions, other
    /// R4 elements), kept so that parse → serialise loses nothing.
    #[serde(flatten, serialize_with = "crate::decimal::ser_extra")]
    pub extra: Map<String, Value>,
}

fhir_object!(DoseAndRate {
    "type" => r#type,
    "doseRange" => dose_range,
    "doseQuantity" => dose_quantity,
    "rateRange" => rate_range,
    "rateQuantity" => rate_quantity,
});
