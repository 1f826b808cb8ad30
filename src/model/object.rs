//! The closed set of kinds the store holds, and a tagged union over them.

use super::job::Job;
use super::{Node, ObjectMeta, Pod};
use serde::Serialize;
use std::fmt;

/// The kinds podlab's API server serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Kind {
    /// core/v1 Node (cluster-scoped).
    Node,
    /// core/v1 Pod.
    Pod,
    /// batch/v1 Job.
    Job,
}

impl Kind {
    /// Every kind, in the order `kubectl get` output lists them.
    pub const ALL: [Kind; 3] = [Kind::Node, Kind::Pod, Kind::Job];

    /// The kind's name, e.g. `Pod`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Node => "Node",
            Kind::Pod => "Pod",
            Kind::Job => "Job",
        }
    }

    /// The apiVersion, e.g. `v1`.
    pub fn api_version(self) -> &'static str {
        match self {
            Kind::Node | Kind::Pod => "v1",
            Kind::Job => "batch/v1",
        }
    }

    /// The resource name kubectl uses, e.g. `pods`.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Node => "nodes",
            Kind::Pod => "pods",
            Kind::Job => "jobs",
        }
    }

    /// Whether objects live in a namespace.
    pub fn namespaced(self) -> bool {
        !matches!(self, Kind::Node)
    }

    /// Parses a kind as kubectl accepts it (`pod`, `pods`, `po`, `Pod`, …).
    pub fn parse(text: &str) -> Option<Kind> {
        match text.to_ascii_lowercase().as_str() {
            "node" | "nodes" | "no" => Some(Kind::Node),
            "pod" | "pods" | "po" => Some(Kind::Pod),
            "job" | "jobs" | "job.batch" | "jobs.batch" => Some(Kind::Job),
            _ => None,
        }
    }

    /// The lower-case singular, as in `pod/pi-x7k2q`.
    pub fn lower(self) -> &'static str {
        match self {
            Kind::Node => "node",
            Kind::Pod => "pod",
            Kind::Job => "job",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One stored object of any kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Object {
    /// A Node.
    Node(Box<Node>),
    /// A Pod.
    Pod(Box<Pod>),
    /// A Job.
    Job(Box<Job>),
}

impl Object {
    /// The object's kind.
    pub fn kind(&self) -> Kind {
        match self {
            Object::Node(_) => Kind::Node,
            Object::Pod(_) => Kind::Pod,
            Object::Job(_) => Kind::Job,
        }
    }

    /// The object's metadata.
    pub fn meta(&self) -> &ObjectMeta {
        match self {
            Object::Node(o) => &o.metadata,
            Object::Pod(o) => &o.metadata,
            Object::Job(o) => &o.metadata,
        }
    }

    /// The object's metadata, mutably.
    pub fn meta_mut(&mut self) -> &mut ObjectMeta {
        match self {
            Object::Node(o) => &mut o.metadata,
            Object::Pod(o) => &mut o.metadata,
            Object::Job(o) => &mut o.metadata,
        }
    }

    /// The pod, if this is one.
    pub fn as_pod(&self) -> Option<&Pod> {
        match self {
            Object::Pod(p) => Some(p),
            _ => None,
        }
    }

    /// The Job, if this is one.
    pub fn as_job(&self) -> Option<&Job> {
        match self {
            Object::Job(j) => Some(j),
            _ => None,
        }
    }

    /// The node, if this is one.
    pub fn as_node(&self) -> Option<&Node> {
        match self {
            Object::Node(n) => Some(n),
            _ => None,
        }
    }

    /// The spec as JSON, to detect spec changes (generation bumps).
    pub fn spec_json(&self) -> serde_json::Value {
        match self {
            Object::Node(o) => serde_json::to_value(&o.spec).unwrap_or_default(),
            Object::Pod(o) => serde_json::to_value(&o.spec).unwrap_or_default(),
            Object::Job(o) => serde_json::to_value(&o.spec).unwrap_or_default(),
        }
    }
}
