//! The closed set of kinds the store holds, and a tagged union over them.

use super::cronjob::CronJob;
use super::daemonset::{ControllerRevision, DaemonSet};
use super::job::Job;
use super::lease::Lease;
use super::{Namespace, Node, ObjectMeta, Pod};
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
    /// batch/v1 CronJob.
    CronJob,
    /// apps/v1 DaemonSet.
    DaemonSet,
    /// apps/v1 ControllerRevision.
    ControllerRevision,
    /// core/v1 Namespace (cluster-scoped).
    Namespace,
    /// coordination.k8s.io/v1 Lease.
    Lease,
}

impl Kind {
    /// Every kind, in the order `kubectl get` output lists them.
    pub const ALL: [Kind; 8] = [
        Kind::Node,
        Kind::Pod,
        Kind::Job,
        Kind::CronJob,
        Kind::DaemonSet,
        Kind::ControllerRevision,
        Kind::Namespace,
        Kind::Lease,
    ];

    /// The kind's name, e.g. `Pod`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Node => "Node",
            Kind::Pod => "Pod",
            Kind::Job => "Job",
            Kind::CronJob => "CronJob",
            Kind::DaemonSet => "DaemonSet",
            Kind::ControllerRevision => "ControllerRevision",
            Kind::Namespace => "Namespace",
            Kind::Lease => "Lease",
        }
    }

    /// The apiVersion, e.g. `v1`.
    pub fn api_version(self) -> &'static str {
        match self {
            Kind::Node | Kind::Pod | Kind::Namespace => "v1",
            Kind::Job | Kind::CronJob => "batch/v1",
            Kind::DaemonSet | Kind::ControllerRevision => "apps/v1",
            Kind::Lease => "coordination.k8s.io/v1",
        }
    }

    /// The resource name kubectl uses, e.g. `pods`.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Node => "nodes",
            Kind::Pod => "pods",
            Kind::Job => "jobs",
            Kind::CronJob => "cronjobs",
            Kind::DaemonSet => "daemonsets",
            Kind::ControllerRevision => "controllerrevisions",
            Kind::Namespace => "namespaces",
            Kind::Lease => "leases",
        }
    }

    /// Whether objects live in a namespace.
    pub fn namespaced(self) -> bool {
        !matches!(self, Kind::Node | Kind::Namespace)
    }

    /// Parses a kind as kubectl accepts it (`pod`, `pods`, `po`, `Pod`, …).
    pub fn parse(text: &str) -> Option<Kind> {
        match text.to_ascii_lowercase().as_str() {
            "node" | "nodes" | "no" => Some(Kind::Node),
            "pod" | "pods" | "po" => Some(Kind::Pod),
            "job" | "jobs" | "job.batch" | "jobs.batch" => Some(Kind::Job),
            "cronjob" | "cronjobs" | "cj" | "cronjob.batch" | "cronjobs.batch" => {
                Some(Kind::CronJob)
            }
            "daemonset" | "daemonsets" | "ds" | "daemonset.apps" | "daemonsets.apps" => {
                Some(Kind::DaemonSet)
            }
            "controllerrevision"
            | "controllerrevisions"
            | "controllerrevision.apps"
            | "controllerrevisions.apps" => Some(Kind::ControllerRevision),
            "namespace" | "namespaces" | "ns" => Some(Kind::Namespace),
            "lease" | "leases" | "lease.coordination.k8s.io" | "leases.coordination.k8s.io" => {
                Some(Kind::Lease)
            }
            _ => None,
        }
    }

    /// The lower-case singular, as in `pod/pi-x7k2q`.
    pub fn lower(self) -> &'static str {
        match self {
            Kind::Node => "node",
            Kind::Pod => "pod",
            Kind::Job => "job",
            Kind::CronJob => "cronjob",
            Kind::DaemonSet => "daemonset",
            Kind::ControllerRevision => "controllerrevision",
            Kind::Namespace => "namespace",
            Kind::Lease => "lease",
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
    /// A CronJob.
    CronJob(Box<CronJob>),
    /// A DaemonSet.
    DaemonSet(Box<DaemonSet>),
    /// A ControllerRevision.
    ControllerRevision(Box<ControllerRevision>),
    /// A Namespace.
    Namespace(Box<Namespace>),
    /// A Lease.
    Lease(Box<Lease>),
}

impl Object {
    /// The object's kind.
    pub fn kind(&self) -> Kind {
        match self {
            Object::Node(_) => Kind::Node,
            Object::Pod(_) => Kind::Pod,
            Object::Job(_) => Kind::Job,
            Object::CronJob(_) => Kind::CronJob,
            Object::DaemonSet(_) => Kind::DaemonSet,
            Object::ControllerRevision(_) => Kind::ControllerRevision,
            Object::Namespace(_) => Kind::Namespace,
            Object::Lease(_) => Kind::Lease,
        }
    }

    /// The object's metadata.
    pub fn meta(&self) -> &ObjectMeta {
        match self {
            Object::Node(o) => &o.metadata,
            Object::Pod(o) => &o.metadata,
            Object::Job(o) => &o.metadata,
            Object::CronJob(o) => &o.metadata,
            Object::DaemonSet(o) => &o.metadata,
            Object::ControllerRevision(o) => &o.metadata,
            Object::Namespace(o) => &o.metadata,
            Object::Lease(o) => &o.metadata,
        }
    }

    /// The object's metadata, mutably.
    pub fn meta_mut(&mut self) -> &mut ObjectMeta {
        match self {
            Object::Node(o) => &mut o.metadata,
            Object::Pod(o) => &mut o.metadata,
            Object::Job(o) => &mut o.metadata,
            Object::CronJob(o) => &mut o.metadata,
            Object::DaemonSet(o) => &mut o.metadata,
            Object::ControllerRevision(o) => &mut o.metadata,
            Object::Namespace(o) => &mut o.metadata,
            Object::Lease(o) => &mut o.metadata,
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

    /// The CronJob, if this is one.
    pub fn as_cronjob(&self) -> Option<&CronJob> {
        match self {
            Object::CronJob(c) => Some(c),
            _ => None,
        }
    }

    /// The DaemonSet, if this is one.
    pub fn as_daemonset(&self) -> Option<&DaemonSet> {
        match self {
            Object::DaemonSet(d) => Some(d),
            _ => None,
        }
    }

    /// The ControllerRevision, if this is one.
    pub fn as_revision(&self) -> Option<&ControllerRevision> {
        match self {
            Object::ControllerRevision(c) => Some(c),
            _ => None,
        }
    }

    /// The Namespace, if this is one.
    pub fn as_namespace(&self) -> Option<&Namespace> {
        match self {
            Object::Namespace(n) => Some(n),
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

    /// Whether two versions of an object have different specs (a generation bump). Typed
    /// comparison: the specs derive `PartialEq` field by field.
    pub fn spec_differs(&self, other: &Object) -> bool {
        match (self, other) {
            (Object::Node(a), Object::Node(b)) => a.spec != b.spec,
            (Object::Pod(a), Object::Pod(b)) => a.spec != b.spec,
            (Object::Job(a), Object::Job(b)) => a.spec != b.spec,
            (Object::CronJob(a), Object::CronJob(b)) => a.spec != b.spec,
            (Object::DaemonSet(a), Object::DaemonSet(b)) => a.spec != b.spec,
            (Object::ControllerRevision(a), Object::ControllerRevision(b)) => a.data != b.data,
            (Object::Namespace(a), Object::Namespace(b)) => a.spec != b.spec,
            (Object::Lease(a), Object::Lease(b)) => a.spec != b.spec,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::daemonset::{DaemonSetUpdateStrategy, IntOrString, RollingUpdateDaemonSet};

    #[test]
    fn every_kind_should_serialise_with_the_real_field_names() {
        let mut ds = DaemonSet::default();
        ds.spec.update_strategy = Some(DaemonSetUpdateStrategy {
            type_: Some("RollingUpdate".into()),
            rolling_update: Some(RollingUpdateDaemonSet {
                max_unavailable: Some(IntOrString::Int(1)),
                max_surge: Some(IntOrString::Str("25%".into())),
            }),
        });
        let v = serde_json::to_value(Object::DaemonSet(Box::new(ds))).unwrap();
        assert_eq!(
            v["spec"]["updateStrategy"]["rollingUpdate"]["maxUnavailable"],
            1
        );
        assert_eq!(
            v["spec"]["updateStrategy"]["rollingUpdate"]["maxSurge"],
            "25%"
        );
        assert_eq!(v["spec"]["updateStrategy"]["type"], "RollingUpdate");
        let mut cj = CronJob::default();
        let spec = std::rc::Rc::make_mut(&mut cj.spec);
        spec.schedule = "*/1 * * * *".into();
        spec.successful_jobs_history_limit = Some(3);
        let v = serde_json::to_value(Object::CronJob(Box::new(cj))).unwrap();
        assert_eq!(v["spec"]["schedule"], "*/1 * * * *");
        assert_eq!(v["spec"]["successfulJobsHistoryLimit"], 3);
        assert!(v["spec"]["jobTemplate"].is_object());
        let v = serde_json::to_value(Object::ControllerRevision(Box::new(ControllerRevision {
            revision: 2,
            ..Default::default()
        })))
        .unwrap();
        assert_eq!(v["revision"], 2);
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.plural()), Some(kind));
            assert_eq!(Kind::parse(kind.lower()), Some(kind));
        }
    }
}
