//! CDS Hooks 2.0.1 (STU2, FHIR R4) wire types: discovery, the `patient-view` request, cards,
//! and feedback, plus the checks a Myo service runs on its own responses.
//!
//! JSON rules of the specification: optional attributes are omitted, never `null` or empty
//! (`skip_serializing_if` everywhere), except `"cards": []` and `"services": []`, which are the
//! required way to say "nothing". Unknown attributes in requests are ignored (tolerant reader).
//! Only the types live here; HTTP, JWT checks and the hook logic belong to the web layer.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::datatypes::Coding;
use crate::resource::Resource;

/// The `patient-view` hook name.
pub const PATIENT_VIEW: &str = "patient-view";

/// The `order-sign` hook name (draft orders about to be signed).
pub const ORDER_SIGN: &str = "order-sign";

/// The `order-select` hook name (orders just selected, maybe not complete).
pub const ORDER_SELECT: &str = "order-select";

/// Longest card summary the specification allows, in characters (it asks for fewer than 140).
pub const SUMMARY_MAX_CHARS: usize = 139;

/// `GET {base}/cds-services` response.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Discovery {
    /// The services offered (`[]` when none).
    pub services: Vec<Service>,
}

/// One CDS service in the discovery response.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    /// The hook it answers, e.g. [`PATIENT_VIEW`].
    pub hook: String,
    /// Human title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the service does.
    pub description: String,
    /// Id, the last path segment of the service URL.
    pub id: String,
    /// Prefetch templates by key, e.g. `"patient": "Patient/{{context.patientId}}"`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prefetch: BTreeMap<String, String>,
    /// Human description of what the client must do first (e.g. register a SMART app).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_requirements: Option<String>,
}

/// `POST {base}/cds-services/{id}` request body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    /// The hook that fired.
    pub hook: String,
    /// UUID of this firing.
    pub hook_instance: String,
    /// Base URL of the client's FHIR server (required when `fhirAuthorization` is present).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fhir_server: Option<String>,
    /// OAuth 2.0 access to `fhirServer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fhir_authorization: Option<FhirAuthorization>,
    /// Hook-specific context; read `patient-view` with [`Request::patient_view`].
    #[serde(deserialize_with = "restored_map")]
    pub context: Map<String, Value>,
    /// Prefetched data by key: a key may be absent (not provided) or `null` (no data found).
    #[serde(
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "restored_map"
    )]
    pub prefetch: Map<String, Value>,
}

/// Reads a JSON object, turning decimals marked by [`crate::from_str`] back into numbers
/// where `f64` loses nothing (see [`crate::decimal::decimal_of`] for the others).
fn restored_map<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Map<String, Value>, D::Error> {
    let mut map = Map::deserialize(d)?;
    map.values_mut().for_each(crate::decimal::restore);
    Ok(map)
}

/// The access token a client hands over (CDS Hooks `fhirAuthorization`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FhirAuthorization {
    /// The token.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Lifetime in seconds.
    pub expires_in: u64,
    /// Granted scopes.
    pub scope: String,
    /// The OAuth client id of the CDS service.
    pub subject: String,
    /// Patient in context, when patient scopes are granted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient: Option<String>,
}

/// The `patient-view` context (hookVersion 1.0).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PatientViewContext {
    /// Who is viewing: `Practitioner/…`, `PractitionerRole/…`, `Patient/…` or `RelatedPerson/…`.
    pub user_id: String,
    /// FHIR id of the patient being viewed.
    pub patient_id: String,
    /// FHIR id of the encounter, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encounter_id: Option<String>,
}

/// What a request says about one prefetch key.
#[derive(Debug, Clone, PartialEq)]
pub enum Prefetched<'a> {
    /// The client did not provide the key: fetch it from `fhirServer` or answer 412.
    NotProvided,
    /// The client ran the query and found nothing (`null`).
    NoData,
    /// The data.
    Data(&'a Value),
}

/// A request that cannot be served.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// The request names another hook.
    #[error("hook: expected `{expected}`, got `{found}`")]
    WrongHook {
        /// The hook this service answers.
        expected: String,
        /// The hook in the request.
        found: String,
    },
    /// The context is not the hook's context; `path` names the field.
    #[error("context{}: {message}", if path.is_empty() { String::new() } else { format!(".{path}") })]
    Context {
        /// Field path inside `context` (empty for the context as a whole).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// Needed data is neither prefetched nor fetchable: the service must answer HTTP 412.
    #[error("prefetch `{key}` not provided and no fhirServer to fetch it from (HTTP 412)")]
    PreconditionFailed {
        /// The missing prefetch key.
        key: String,
    },
}

impl RequestError {
    /// The HTTP status the service should answer with.
    pub fn http_status(&self) -> u16 {
        match self {
            RequestError::PreconditionFailed { .. } => 412,
            _ => 400,
        }
    }
}

impl Request {
    /// The `patient-view` context, checked.
    pub fn patient_view(&self) -> Result<PatientViewContext, RequestError> {
        if self.hook != PATIENT_VIEW {
            return Err(RequestError::WrongHook {
                expected: PATIENT_VIEW.into(),
                found: self.hook.clone(),
            });
        }
        let context = Value::Object(self.context.clone());
        serde_path_to_error::deserialize(context).map_err(|err| {
            let path = err.path().to_string();
            RequestError::Context {
                path: if path == "." { String::new() } else { path },
                message: err.inner().to_string(),
            }
        })
    }

    /// The state of prefetch `key`.
    pub fn prefetched(&self, key: &str) -> Prefetched<'_> {
        match self.prefetch.get(key) {
            None => Prefetched::NotProvided,
            Some(Value::Null) => Prefetched::NoData,
            Some(value) => Prefetched::Data(value),
        }
    }

    /// Checks that each of `keys` is either prefetched (possibly as "no data") or fetchable
    /// from `fhirServer`; otherwise the service must answer 412.
    pub fn require_prefetch(&self, keys: &[&str]) -> Result<(), RequestError> {
        let fetchable = self.fhir_server.is_some() && self.fhir_authorization.is_some();
        match keys
            .iter()
            .find(|k| self.prefetched(k) == Prefetched::NotProvided)
        {
            Some(key) if !fetchable => Err(RequestError::PreconditionFailed {
                key: (*key).to_owned(),
            }),
            _ => Ok(()),
        }
    }
}

/// `POST` response: the cards (`[]` when there is no advice) and optional system actions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    /// The cards.
    pub cards: Vec<Card>,
    /// Actions the client applies without showing a card.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub system_actions: Vec<Action>,
}

/// How urgent a card is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Indicator {
    /// Information.
    #[default]
    Info,
    /// Needs attention.
    Warning,
    /// Needs attention now.
    Critical,
}

/// How many suggestions of a card the user may accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SelectionBehavior {
    /// Zero or one.
    AtMostOne,
    /// Any number.
    Any,
}

/// One card.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    /// Card id, needed for feedback.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// One-line summary, fewer than 140 characters.
    pub summary: String,
    /// Details in GitHub-flavoured Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Urgency.
    pub indicator: Indicator,
    /// Who says so.
    pub source: Source,
    /// Suggested actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
    /// Required when there are suggestions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection_behavior: Option<SelectionBehavior>,
    /// Reasons a user may give for overriding the card.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub override_reasons: Vec<Coding>,
    /// Links to read more or to launch an app.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

/// The source of a card's advice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// Short name shown to the user.
    pub label: String,
    /// Page about the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// 100×100 PNG icon URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    /// Topic of the advice, for analytics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<Coding>,
}

/// A suggested set of actions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    /// What accepting it does.
    pub label: String,
    /// Id, for feedback.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Whether it is the recommended choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_recommended: Option<bool>,
    /// The actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
}

/// A change to FHIR data proposed to the client.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    /// `create`, `update` or `delete`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Human description.
    pub description: String,
    /// The resource to create or update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
    /// `Type/id` of the resource to delete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
}

/// A link on a card.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    /// Text shown.
    pub label: String,
    /// Target.
    pub url: String,
    /// `absolute` (a web page) or `smart` (a SMART app launch).
    #[serde(rename = "type")]
    pub kind: String,
    /// Data for a SMART app (only with `smart`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_context: Option<String>,
    /// Whether the client may launch it at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autolaunchable: Option<bool>,
}

/// `POST {base}/cds-services/{id}/feedback` body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    /// One item per card acted on.
    pub feedback: Vec<FeedbackItem>,
}

/// What the user did with one card.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeedbackItem {
    /// The card's `uuid`.
    pub card: String,
    /// `accepted` or `overridden`.
    pub outcome: String,
    /// Suggestions accepted, by `uuid`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted_suggestions: Vec<AcceptedSuggestion>,
    /// Why the card was overridden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<OverrideReason>,
    /// When (FHIR instant).
    pub outcome_timestamp: String,
}

/// A suggestion accepted, by its `uuid`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AcceptedSuggestion {
    /// The suggestion's `uuid`.
    pub id: String,
}

/// The reason given for overriding a card.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OverrideReason {
    /// One of the card's `overrideReasons`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Coding>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_comment: Option<String>,
}

/// A rule of the specification (or of Myo's use of it) that a response breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct Violation {
    /// JSON path, e.g. `cards[0].summary`.
    pub path: String,
    /// The rule.
    pub message: String,
}

impl Response {
    /// Checks Myo's own response: summaries under 140 characters, no empty strings, a source
    /// label, a `uuid` on every card (Myo accepts feedback), `selectionBehavior` whenever
    /// there are suggestions.
    pub fn violations(&self) -> Vec<Violation> {
        let mut out = Vec::new();
        for (i, card) in self.cards.iter().enumerate() {
            card.check(&format!("cards[{i}]"), &mut out);
        }
        out
    }
}

impl Card {
    fn check(&self, at: &str, out: &mut Vec<Violation>) {
        let mut flag = |field: &str, message: &str| {
            out.push(Violation {
                path: format!("{at}.{field}"),
                message: message.to_owned(),
            });
        };
        let summary_len = self.summary.chars().count();
        if summary_len == 0 || summary_len > SUMMARY_MAX_CHARS {
            flag("summary", "must have 1 to 139 characters");
        }
        if self.detail.as_deref() == Some("") {
            flag("detail", "omit it rather than send an empty string");
        }
        if self.source.label.trim().is_empty() {
            flag("source.label", "is required");
        }
        if self.uuid.as_deref().is_none_or(str::is_empty) {
            flag("uuid", "Myo cards carry a uuid so feedback can name them");
        }
        if !self.suggestions.is_empty() && self.selection_behavior.is_none() {
            flag(
                "selectionBehavior",
                "is required when there are suggestions",
            );
        }
        for (i, link) in self.links.iter().enumerate() {
            if !matches!(link.kind.as_str(), "absolute" | "smart") {
                flag(&format!("links[{i}].type"), "must be `absolute` or `smart`");
            }
        }
    }
}

impl Discovery {
    /// Checks that service ids are unique and non-empty.
    pub fn violations(&self) -> Vec<Violation> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, service) in self.services.iter().enumerate() {
            if service.id.is_empty() || !seen.insert(service.id.as_str()) {
                out.push(Violation {
                    path: format!("services[{i}].id"),
                    message: format!("`{}` is empty or not unique", service.id),
                });
            }
        }
        out
    }
}
