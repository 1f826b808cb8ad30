//! The append-only trace: who acted, why, and what changed, at every step of a run.
//!
//! Entries are data (enums with fields), not sentences: `i18n::trace` says them in English
//! (their `Display`) and in Chinese.

use super::SimTime;
use crate::model::{Kind, Time};
use std::any::Any;
use std::fmt;
use std::rc::Rc;

/// A component of the cluster (or the learner) that acts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Actor {
    /// The scenario timeline or the learner (kubectl).
    User,
    /// The API server itself (admission, validation, storage).
    ApiServer,
    /// kube-scheduler.
    Scheduler,
    /// The kubelet on one node.
    Kubelet(String),
    /// The node lifecycle controller (taints, taint-based eviction).
    NodeLifecycle,
    /// The pod garbage collector.
    PodGc,
    /// The garbage collector (ownerReferences, cascading deletion).
    GarbageCollector,
    /// A controller of kube-controller-manager, e.g. `job-controller`.
    Controller(String),
}

/// Why an actor acted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A scenario step (by index) or the initial manifests (`None`).
    Step(Option<usize>),
    /// A watch event the actor's informer received.
    Watch {
        /// ADDED, MODIFIED or DELETED.
        event: WatchType,
        /// The object's kind.
        kind: Kind,
        /// The object's name.
        name: String,
    },
    /// A timer the actor set earlier.
    Timer(Timer),
}

/// The watch event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchType {
    /// A new object.
    Added,
    /// A changed object.
    Modified,
    /// A removed object.
    Deleted,
}

impl fmt::Display for WatchType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WatchType::Added => "ADDED",
            WatchType::Modified => "MODIFIED",
            WatchType::Deleted => "DELETED",
        })
    }
}

/// Timers that components set for themselves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {
    /// The image was pulled and the container can start.
    ContainerStart {
        /// The pod.
        pod: String,
    },
    /// A container's process exits.
    ContainerExit {
        /// The pod.
        pod: String,
        /// The container.
        container: String,
    },
    /// A crash-loop back-off ends and the container restarts.
    BackOffEnd {
        /// The pod.
        pod: String,
        /// The container.
        container: String,
    },
    /// The termination grace period ends.
    GracePeriodEnd {
        /// The pod.
        pod: String,
    },
    /// The scheduler retries pods it could not place.
    SchedulerRetry,
    /// A NoExecute toleration runs out.
    TolerationExpired {
        /// The pod.
        pod: String,
    },
    /// The pod garbage collector's periodic check.
    PodGcCheck,
}

/// What changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// An object was created.
    Created {
        /// Kind.
        kind: Kind,
        /// Name.
        name: String,
    },
    /// An object's spec or metadata changed.
    Updated {
        /// Kind.
        kind: Kind,
        /// Name.
        name: String,
        /// What changed.
        what: Update,
    },
    /// A delete was accepted; the object is terminating.
    DeleteRequested {
        /// Kind.
        kind: Kind,
        /// Name.
        name: String,
        /// The grace period in seconds.
        grace_seconds: i64,
    },
    /// The object is gone from the store.
    Removed {
        /// Kind.
        kind: Kind,
        /// Name.
        name: String,
    },
    /// An Event object was recorded (or its count increased).
    Event {
        /// `Normal` or `Warning`.
        type_: String,
        /// The reason.
        reason: String,
        /// The object, as `kind/name`.
        object: String,
        /// The message.
        message: String,
    },
    /// The API server refused a request.
    Rejected {
        /// Kind.
        kind: Kind,
        /// Name.
        name: String,
        /// The API server's message.
        message: String,
        /// It refused an update to a field that cannot change: the object must be deleted
        /// (or renamed) to apply the change.
        immutable: bool,
    },
    /// One sync of a controller: what it observed, decided and did, in its own terms.
    Sync(Account),
    /// A scenario note for the learner.
    Note {
        /// English.
        en: String,
        /// Simplified Chinese.
        zh: String,
    },
}

/// What an update changed, as data (so that the UI can say it in any language).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Update {
    /// A kubelet renewed its node's Lease.
    LeaseRenewed,
    /// A user patched the object's status subresource.
    StatusPatched,
    /// The scheduler bound the pod to a node.
    Bound {
        /// The node.
        node: String,
    },
    /// The pod's phase (with kubectl's STATUS or a reason, when that says more).
    Phase {
        /// `Pending`, `Running`, `Succeeded`, `Failed`.
        phase: String,
        /// e.g. `ContainerCreating`, `DeadlineExceeded`.
        detail: Option<String>,
    },
    /// A container's process exited.
    ContainerExited {
        /// The container.
        container: String,
        /// Its exit code.
        code: i32,
    },
    /// The kubelet started an init container (the next one starts after it).
    InitContainerStarted {
        /// The container.
        container: String,
        /// Its place among the init containers, from 0.
        index: usize,
        /// How many init containers the pod has.
        of: usize,
    },
    /// The kubelet restarted a container in place.
    ContainerRestarted {
        /// The container.
        container: String,
    },
    /// A container's readiness probe succeeded: the container is ready.
    ContainerReady {
        /// The container.
        container: String,
    },
    /// A container waits in CrashLoopBackOff.
    CrashLoopBackOff {
        /// The container.
        container: String,
        /// The back-off delay.
        delay_ms: u64,
    },
    /// A finalizer was removed.
    FinalizerRemoved {
        /// The finalizer.
        finalizer: String,
    },
    /// A Job's status was written.
    JobStatus {
        /// Active pods.
        active: i32,
        /// Succeeded pods.
        succeeded: i32,
        /// Failed pods.
        failed: i32,
        /// Condition types that are True.
        conditions: Vec<String>,
    },
    /// A node's taints were reconciled.
    Taints {
        /// `key:effect` of each taint.
        taints: Vec<String>,
    },
    /// A pod condition was set (e.g. `PodScheduled=False`, reason `Unschedulable`).
    Condition {
        /// The condition type.
        type_: String,
        /// True or False.
        status: String,
        /// Its reason.
        reason: String,
    },
    /// A controller adopted an orphan that matches its selector.
    Adopted {
        /// The new owner, as `kind/name`.
        owner: String,
    },
    /// A controller let go of an object whose labels no longer match.
    Released,
    /// The garbage collector removed an ownerReference: orphaned on purpose, or dangling.
    OwnerRemoved {
        /// True when the owner was deleted with `propagationPolicy: Orphan`.
        orphaned: bool,
    },
    /// `kubectl apply` changed the object.
    Applied,
    /// A scenario step changed a node's labels.
    LabelsChanged,
    /// A scenario step changed a node's taints.
    TaintsChanged,
    /// A node was cordoned (or uncordoned).
    Cordoned {
        /// True for cordon, false for uncordon.
        cordoned: bool,
    },
    /// A DaemonSet's status was written.
    DaemonSetStatus {
        /// Nodes that should run a daemon pod.
        desired: i32,
        /// Nodes running one.
        current: i32,
        /// Nodes whose daemon pod is ready.
        ready: i32,
        /// Nodes running an up-to-date one.
        updated: i32,
        /// Nodes whose daemon pod is available.
        available: i32,
    },
    /// A CronJob's status was written.
    CronJobStatus {
        /// Jobs in `status.active`.
        active: usize,
        /// `status.lastScheduleTime`.
        last_schedule: Option<Time>,
    },
}

/// A controller's account of one sync. The trace carries it without knowing its shape: each
/// controller defines its own record (`controllers::record`), and a view asks for the one it
/// draws with [`Account::get`] or [`Change::account`].
#[derive(Clone)]
pub struct Account(Rc<dyn Record>);

/// What an [`Account`] can hold: any comparable, printable data.
trait Record: Any + fmt::Debug {
    fn as_any(&self) -> &dyn Any;
    fn eq_record(&self, other: &dyn Record) -> bool;
}

impl<T: Any + fmt::Debug + PartialEq> Record for T {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn eq_record(&self, other: &dyn Record) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }
}

impl Account {
    /// Wraps a controller's record.
    pub fn new<T: Any + fmt::Debug + PartialEq>(record: T) -> Account {
        Account(Rc::new(record))
    }

    /// The record, if it is a `T`.
    pub fn get<T: Any>(&self) -> Option<&T> {
        self.0.as_any().downcast_ref::<T>()
    }
}

impl PartialEq for Account {
    fn eq(&self, other: &Account) -> bool {
        self.0.eq_record(&*other.0)
    }
}

impl Eq for Account {}

impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Change {
    /// The sync record of type `T` this change carries, if it is one.
    pub fn account<T: Any>(&self) -> Option<&T> {
        match self {
            Change::Sync(a) => a.get(),
            _ => None,
        }
    }
}

/// One entry of the trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceEvent {
    /// When.
    pub time: SimTime,
    /// Position in the trace.
    pub seq: u64,
    /// Who.
    pub actor: Actor,
    /// Why.
    pub cause: Cause,
    /// What.
    pub change: Change,
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cause::Step(None) => f.write_str("manifests"),
            Cause::Step(Some(i)) => write!(f, "step {}", i + 1),
            Cause::Watch { event, kind, name } => {
                write!(f, "watch {event} {}/{name}", kind.lower())
            }
            Cause::Timer(t) => write!(f, "timer {t:?}"),
        }
    }
}
