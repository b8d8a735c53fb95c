//! Forms: `Questionnaire` and `QuestionnaireResponse`.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::datatypes::{Coding, Extension, Identifier, Quantity, Reference, ValueX};
use crate::decimal::Decimal;
use crate::object::fhir_object;

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
