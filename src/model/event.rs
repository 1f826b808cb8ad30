//! core/v1 Event, as the client-go event recorder writes it.

use super::{ObjectMeta, Time};
use serde::{Deserialize, Serialize};

/// An event about an object.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Event {
    /// `v1`.
    pub api_version: String,
    /// `Event`.
    pub kind: String,
    /// Metadata; the name is `<object>.<hex nanoseconds>`.
    pub metadata: ObjectMeta,
    /// What the event is about.
    pub involved_object: ObjectReference,
    /// One CamelCase word.
    pub reason: String,
    /// What happened.
    pub message: String,
    /// Who reported it.
    pub source: EventSource,
    /// First occurrence.
    pub first_timestamp: Option<Time>,
    /// Last occurrence.
    pub last_timestamp: Option<Time>,
    /// Occurrences.
    pub count: i32,
    /// `Normal` or `Warning`.
    #[serde(rename = "type")]
    pub type_: String,
    /// Null for events from the legacy recorder.
    pub event_time: Option<Time>,
    /// The reporting component.
    pub reporting_component: String,
    /// The reporting instance.
    pub reporting_instance: String,
}

/// A reference to an object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ObjectReference {
    /// The kind.
    pub kind: String,
    /// The namespace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The name.
    pub name: String,
    /// The uid.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub uid: String,
    /// The apiVersion.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    /// The resourceVersion at the time.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub resource_version: String,
    /// A container inside a pod, e.g. `spec.containers{pi}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field_path: Option<String>,
}

/// The component that reported an event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventSource {
    /// The component, e.g. `kubelet` or `job-controller`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub component: String,
    /// The host, for kubelet events.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub host: String,
}
