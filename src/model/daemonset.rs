//! apps/v1 DaemonSet and ControllerRevision: one pod per eligible node, revisions for rollouts.

use super::pod::PodTemplateSpec;
use super::{Any, LabelSelector, ObjectMeta};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The label with the revision hash on daemon pods and ControllerRevisions
/// (`controller-revision-hash`, `k8s.io/api/apps/v1/types.go`).
pub const REVISION_HASH: &str = "controller-revision-hash";
/// The label with the template generation on daemon pods.
pub const TEMPLATE_GENERATION: &str = "pod-template-generation";
/// The annotation the API server keeps a DaemonSet's template generation in (apps/v1).
pub const TEMPLATE_GENERATION_ANNOTATION: &str = "deprecated.daemonset.template.generation";

/// A DaemonSet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "DaemonSet")]
pub struct DaemonSet {
    /// `apps/v1`.
    pub api_version: String,
    /// `DaemonSet`.
    pub kind: String,
    /// Metadata.
    pub metadata: ObjectMeta,
    /// Desired state.
    pub spec: DaemonSetSpec,
    /// Observed state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<DaemonSetStatus>,
}

impl DaemonSet {
    /// Whether its update strategy is RollingUpdate (the default once defaulted).
    pub fn is_rolling_update(&self) -> bool {
        self.spec
            .update_strategy
            .as_ref()
            .is_some_and(|s| s.type_.as_deref() == Some("RollingUpdate"))
    }
}

/// The DaemonSet spec.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DaemonSetSpec {
    /// Which pods belong to it (required, must match the template).
    pub selector: Option<LabelSelector>,
    /// The pod template.
    pub template: PodTemplateSpec,
    /// How pods are replaced on template changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_strategy: Option<DaemonSetUpdateStrategy>,
    /// Seconds a pod must be ready to count as available.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_ready_seconds: Option<i32>,
    /// Old revisions kept (default 10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision_history_limit: Option<i32>,
}

/// `spec.updateStrategy`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DaemonSetUpdateStrategy {
    /// `RollingUpdate` (default) or `OnDelete`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// Rolling update parameters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rolling_update: Option<RollingUpdateDaemonSet>,
}

/// `spec.updateStrategy.rollingUpdate`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RollingUpdateDaemonSet {
    /// At most this many (or this percentage of) nodes without an available pod.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
    /// At most this many (or percentage of) nodes with an extra new pod.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_surge: Option<IntOrString>,
}

/// An integer or a string such as `25%`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntOrString {
    /// A count.
    Int(i32),
    /// A percentage or other string.
    Str(String),
}

impl Serialize for IntOrString {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            IntOrString::Int(i) => s.serialize_i32(*i),
            IntOrString::Str(v) => s.serialize_str(v),
        }
    }
}

impl<'de> Deserialize<'de> for IntOrString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = IntOrString;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an integer or a string")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<IntOrString, E> {
                i32::try_from(v).map(IntOrString::Int).map_err(|_| {
                    E::custom(format!(
                        "json: cannot unmarshal number {v} into Go value of type int32"
                    ))
                })
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<IntOrString, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<IntOrString, E> {
                Ok(IntOrString::Str(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// The DaemonSet status.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DaemonSetStatus {
    /// Nodes running a daemon pod that should.
    pub current_number_scheduled: i32,
    /// Nodes running a daemon pod that should not.
    pub number_misscheduled: i32,
    /// Nodes that should run a daemon pod.
    pub desired_number_scheduled: i32,
    /// Nodes whose daemon pod is ready.
    pub number_ready: i32,
    /// The generation the controller last acted on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    /// Nodes running an up-to-date daemon pod.
    #[serde(skip_serializing_if = "is_zero")]
    pub updated_number_scheduled: i32,
    /// Nodes whose daemon pod is available.
    #[serde(skip_serializing_if = "is_zero")]
    pub number_available: i32,
    /// Nodes whose daemon pod is not available.
    #[serde(skip_serializing_if = "is_zero")]
    pub number_unavailable: i32,
    /// Hash collisions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collision_count: Option<i32>,
    /// Conditions (none are set by the built-in controller today).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Any>,
}

fn is_zero(v: &i32) -> bool {
    *v == 0
}

/// apps/v1 ControllerRevision: an immutable snapshot of a DaemonSet's template.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "ControllerRevision")]
pub struct ControllerRevision {
    /// `apps/v1`.
    pub api_version: String,
    /// `ControllerRevision`.
    pub kind: String,
    /// Metadata; the name is `<owner>-<hash>`.
    pub metadata: ObjectMeta,
    /// The snapshot (a patch holding the pod template).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Any>,
    /// The revision number.
    pub revision: i64,
}
