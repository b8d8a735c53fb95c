//! The container: `Bundle` with its links and entries.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::datatypes::Identifier;
use crate::object::fhir_object;
use crate::resource::Resource;

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
