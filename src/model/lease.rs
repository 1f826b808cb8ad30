//! coordination.k8s.io/v1 Lease: the heartbeat a kubelet renews in `kube-node-lease`.

use super::{ObjectMeta, Time};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The namespace node leases live in.
pub const NODE_LEASE_NAMESPACE: &str = "kube-node-lease";
/// How long a node lease is valid (the kubelet's `nodeLeaseDurationSeconds`).
pub const NODE_LEASE_DURATION_S: i32 = 40;
/// How often the kubelet renews it: a quarter of the duration.
pub const NODE_LEASE_RENEW_MS: u64 = 10_000;

/// A Lease.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "Lease")]
pub struct Lease {
    /// `coordination.k8s.io/v1`.
    pub api_version: String,
    /// `Lease`.
    pub kind: String,
    /// Metadata.
    pub metadata: ObjectMeta,
    /// Spec.
    pub spec: LeaseSpec,
}

/// The lease spec.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LeaseSpec {
    /// Who holds it (the node's name).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub holder_identity: String,
    /// How long it is valid after a renewal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lease_duration_seconds: Option<i32>,
    /// When it was last renewed (`metav1.MicroTime`).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "micro",
        deserialize_with = "from_micro"
    )]
    pub renew_time: Option<Time>,
}

fn micro<S: Serializer>(t: &Option<Time>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&t.rfc3339_micro()),
        None => s.serialize_none(),
    }
}

fn from_micro<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Time>, D::Error> {
    let text: Option<String> = Option::deserialize(d)?;
    Ok(text.as_deref().and_then(Time::parse))
}
