//! The append-only trace: who acted, why, and what changed, at every step of a run.
//!
//! Entries are data (enums with fields), not sentences: `i18n::trace` says them in English
//! (their `Display`) and in Chinese.

use super::SimTime;
use crate::model::{Kind, Time};
use serde::Serialize;
use std::fmt;

/// A component of the cluster (or the learner) that acts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    /// One sync of the Job controller: what it observed, decided and did.
    JobSync(Box<JobSync>),
    /// One sync of the CronJob controller: the schedule times it considered and what it did.
    CronJobSync(Box<CronJobSync>),
    /// One sync of the DaemonSet controller: each node's verdict and what it did.
    DaemonSetSync(Box<DaemonSetSync>),
    /// A scenario note for the learner.
    Note {
        /// English.
        en: String,
        /// Simplified Chinese.
        zh: String,
    },
}

/// What an update changed, as data (so that the UI can say it in any language).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Update {
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

/// What a Job sync observed, decided and did (2.4–2.7 of the semantics).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JobSync {
    /// The Job.
    pub job: String,
    /// Active pods.
    pub active: i32,
    /// Ready pods.
    pub ready: i32,
    /// Succeeded (counted and newly observed).
    pub succeeded: i32,
    /// Failed (counted and newly observed).
    pub failed: i32,
    /// Terminating pods.
    pub terminating: i32,
    /// spec.parallelism.
    pub parallelism: i32,
    /// spec.completions (None: a work-queue Job).
    pub completions: Option<i32>,
    /// The number of pods the controller wants running, when it computed one.
    pub want_active: Option<i32>,
    /// What it decided.
    pub decision: JobDecision,
    /// When it asked to be synced again, in milliseconds from now.
    pub requeue_ms: Option<u64>,
}

/// The decision of a Job sync.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum JobDecision {
    /// Create this many pods.
    Create(i32),
    /// Delete this many pods.
    Delete(i32),
    /// A pod failed recently: wait before replacing it.
    WaitBackoff {
        /// Time left.
        remaining_ms: u64,
        /// Failures since the last success.
        failures: u32,
    },
    /// Earlier creations or deletions are not observed yet.
    WaitExpectations,
    /// The Job is suspended: no pods.
    Suspended,
    /// A terminal condition was added.
    Finish {
        /// `FailureTarget`, `Failed`, `SuccessCriteriaMet` or `Complete`.
        condition: String,
        /// Its reason.
        reason: String,
    },
    /// Nothing to change.
    Nothing,
}

/// What a CronJob sync considered, decided and did (3.3–3.4 of the semantics).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CronJobSync {
    /// The CronJob.
    pub cronjob: String,
    /// The schedule's time zone (`UTC` when unset).
    pub zone: String,
    /// `spec.concurrencyPolicy` (Allow, Forbid or Replace).
    pub policy: String,
    /// The time the search started after: lastScheduleTime or creation, or now −
    /// startingDeadlineSeconds.
    pub earliest: Option<Time>,
    /// Whether startingDeadlineSeconds moved `earliest`.
    pub deadline_applied: bool,
    /// The schedule times computed (the first two after `earliest`, then the walk).
    pub considered: Vec<Time>,
    /// The scheduled time acted on.
    pub chosen: Option<Time>,
    /// The controller's estimate of missed times (0 when it did not estimate).
    pub missed: i64,
    /// Jobs in `status.active` after the sync.
    pub active: Vec<String>,
    /// Finished Jobs deleted by the history limits.
    pub cleaned: Vec<String>,
    /// What it decided.
    pub decision: CronDecision,
    /// The next schedule time it will wake for.
    pub next: Option<Time>,
}

/// The decision of a CronJob sync.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum CronDecision {
    /// A Job was created for the scheduled time.
    Created {
        /// The Job.
        job: String,
    },
    /// Replace: the running Jobs were deleted, then the Job created.
    Replaced {
        /// The deleted Jobs.
        deleted: Vec<String>,
        /// The new Job.
        job: String,
    },
    /// Forbid: a Job is still running, so this time is skipped (and not recorded as done).
    SkippedForbid {
        /// The running Jobs.
        running: Vec<String>,
    },
    /// The scheduled time is older than startingDeadlineSeconds allows.
    TooLate,
    /// The time was already handled (its Job is active, or it is lastScheduleTime).
    AlreadyDone,
    /// No schedule time has come since the earliest time considered.
    NotDue,
    /// `spec.suspend` is true: nothing is scheduled.
    Suspended,
    /// The CronJob is being deleted: status only.
    Deleting,
    /// The time zone cannot be loaded.
    UnknownTimeZone,
    /// The schedule does not parse.
    Unparseable,
    /// The schedule parses but never fires (e.g. Feb 31).
    InvalidSchedule,
    /// The Job for this time already existed; it was added to `active`.
    Exists {
        /// The Job.
        job: String,
    },
    /// Creating the Job failed.
    CreateFailed,
}

/// Why a node does (or does not) run a daemon pod (`NodeShouldRunDaemonPod`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Placement {
    /// A pod should run here.
    Runs,
    /// The template names another node in `spec.nodeName`.
    OtherNodeName {
        /// The node the template names.
        wanted: String,
    },
    /// The node does not match the template's nodeSelector or required node affinity.
    SelectorMismatch,
    /// A NoSchedule taint the pod does not tolerate: no new pod, but a running one stays.
    NoScheduleTaint {
        /// `key=value:effect`.
        taint: String,
    },
    /// A NoExecute taint the pod does not tolerate: no pod, and a running one is deleted.
    NoExecuteTaint {
        /// `key=value:effect`.
        taint: String,
    },
}

impl Placement {
    /// `shouldRun`: a daemon pod should be created here if there is none.
    pub fn should_run(&self) -> bool {
        *self == Placement::Runs
    }

    /// `shouldContinueRunning`: an existing daemon pod may stay.
    pub fn should_continue_running(&self) -> bool {
        matches!(self, Placement::Runs | Placement::NoScheduleTaint { .. })
    }
}

/// What a DaemonSet sync saw per node and did (4.6–4.8 of the semantics).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DaemonSetSync {
    /// The DaemonSet.
    pub daemonset: String,
    /// Each node's verdict, in node order.
    pub nodes: Vec<(String, Placement)>,
    /// Nodes a pod was created for.
    pub created_on: Vec<String>,
    /// Pods deleted.
    pub deleted: Vec<String>,
    /// The rolling update's round, when one ran: (maxSurge, maxUnavailable, nodes in flight).
    pub rollout: Option<(i64, i64, i64)>,
    /// The nodes the rolling update's round picked to update (their old pod deleted, or with
    /// surge, a new pod created beside it), in the order it walked them.
    pub updating: Vec<String>,
    /// The hash of the current revision (`controller-revision-hash` of up-to-date pods).
    pub hash: String,
    /// Creations or deletions not yet observed held the sync back.
    pub waiting: bool,
}

/// One entry of the trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
