//! core/v1 Namespace: the four the API server creates at start-up, and those a learner adds.

use super::ObjectMeta;
use serde::{Deserialize, Serialize};

/// The namespaces every cluster has, created by the API server at start-up
/// (`pkg/controlplane/controller/systemnamespaces`); none of them may be deleted.
pub const SYSTEM_NAMESPACES: [&str; 4] =
    ["default", "kube-node-lease", "kube-public", "kube-system"];

/// The namespace objects go to when they name none (kubectl's context namespace).
pub const DEFAULT_NAMESPACE: &str = "default";

/// The finalizer the namespace controller removes once the namespace is empty.
pub const KUBERNETES_FINALIZER: &str = "kubernetes";

/// A Namespace.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "Namespace")]
pub struct Namespace {
    /// `v1`.
    pub api_version: String,
    /// `Namespace`.
    pub kind: String,
    /// Metadata.
    pub metadata: ObjectMeta,
    /// Spec.
    pub spec: NamespaceSpec,
    /// Status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<NamespaceStatus>,
}

/// The namespace spec.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NamespaceSpec {
    /// Finalizers that must be removed before the namespace goes (`kubernetes`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub finalizers: Vec<String>,
}

/// The namespace status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NamespaceStatus {
    /// `Active` or `Terminating`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phase: String,
}

impl Namespace {
    /// A namespace as the API server stores a new one: `kubernetes.io/metadata.name` label,
    /// the `kubernetes` finalizer, phase Active.
    pub fn new(name: &str) -> Namespace {
        let mut ns = Namespace {
            api_version: "v1".into(),
            kind: "Namespace".into(),
            ..Namespace::default()
        };
        ns.metadata.name = name.into();
        ns
    }

    /// Whether the namespace is being deleted.
    pub fn is_terminating(&self) -> bool {
        self.metadata.is_terminating()
            || self
                .status
                .as_ref()
                .is_some_and(|s| s.phase == "Terminating")
    }
}
