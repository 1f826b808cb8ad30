//! The append-only trace: who acted, why, and what changed, at every step of a run.
//!
//! Entries are data (enums with fields), not sentences, so that the UI can translate them.

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

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::User => f.write_str("user"),
            Actor::ApiServer => f.write_str("api-server"),
            Actor::Scheduler => f.write_str("scheduler"),
            Actor::Kubelet(node) => write!(f, "kubelet/{node}"),
            Actor::NodeLifecycle => f.write_str("node-lifecycle-controller"),
            Actor::PodGc => f.write_str("pod-garbage-collector"),
            Actor::GarbageCollector => f.write_str("garbage-collector"),
            Actor::Controller(name) => f.write_str(name),
        }
    }
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

impl fmt::Display for Update {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Update::Bound { node } => write!(f, "bound to {node}"),
            Update::Phase {
                phase,
                detail: None,
            } => write!(f, "phase {phase}"),
            Update::Phase {
                phase,
                detail: Some(d),
            } => write!(f, "phase {phase} ({d})"),
            Update::ContainerExited { container, code } => {
                write!(f, "container {container} exited {code}")
            }
            Update::ContainerRestarted { container } => {
                write!(f, "container {container} restarted")
            }
            Update::ContainerReady { container } => {
                write!(f, "container {container} ready (readiness probe succeeded)")
            }
            Update::CrashLoopBackOff {
                container,
                delay_ms,
            } => {
                write!(
                    f,
                    "container {container}: CrashLoopBackOff {}",
                    super::format_duration(*delay_ms)
                )
            }
            Update::FinalizerRemoved { finalizer } => write!(f, "finalizer {finalizer} removed"),
            Update::JobStatus {
                active,
                succeeded,
                failed,
                conditions,
            } => {
                write!(
                    f,
                    "status: active {active}, succeeded {succeeded}, failed {failed}"
                )?;
                conditions.iter().try_for_each(|c| write!(f, ", {c}"))
            }
            Update::Taints { taints } => write!(f, "taints [{}]", taints.join(", ")),
            Update::Condition {
                type_,
                status,
                reason,
            } => write!(f, "{type_}={status} ({reason})"),
            Update::Adopted { owner } => write!(f, "adopted by {owner}"),
            Update::Released => f.write_str("released: labels no longer match"),
            Update::OwnerRemoved { orphaned: true } => {
                f.write_str("ownerReference removed (orphaned)")
            }
            Update::OwnerRemoved { orphaned: false } => {
                f.write_str("dangling ownerReference removed")
            }
            Update::Applied => f.write_str("applied"),
            Update::LabelsChanged => f.write_str("labels changed"),
            Update::TaintsChanged => f.write_str("taints changed"),
            Update::Cordoned { cordoned: true } => f.write_str("cordoned"),
            Update::Cordoned { cordoned: false } => f.write_str("uncordoned"),
            Update::DaemonSetStatus {
                desired,
                current,
                ready,
                updated,
                available,
            } => write!(
                f,
                "status: desired {desired}, current {current}, ready {ready}, up-to-date {updated}, available {available}"
            ),
            Update::CronJobStatus {
                active,
                last_schedule,
            } => {
                write!(f, "status: active {active}")?;
                match last_schedule {
                    Some(t) => write!(f, ", lastScheduleTime {t}"),
                    None => Ok(()),
                }
            }
        }
    }
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

impl JobSync {
    /// The wantActive formula with this sync's numbers, e.g.
    /// `min(parallelism 2, completions 8 − succeeded 3) = 2`.
    pub fn formula(&self) -> Option<String> {
        let want = self.want_active?;
        Some(match self.completions {
            Some(c) => format!(
                "min(parallelism {}, completions {c} − succeeded {}) = {want}",
                self.parallelism, self.succeeded
            ),
            None if self.succeeded > 0 => format!("active {want} (a pod succeeded: no new pods)"),
            None => format!("parallelism {want}"),
        })
    }
}

impl fmt::Display for JobDecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JobDecision::Create(n) => write!(f, "create {n}"),
            JobDecision::Delete(n) => write!(f, "delete {n}"),
            JobDecision::WaitBackoff {
                remaining_ms,
                failures,
            } => write!(
                f,
                "wait {} (back-off after {failures} failure(s))",
                super::format_duration(*remaining_ms)
            ),
            JobDecision::WaitExpectations => {
                f.write_str("wait for earlier creations/deletions to be observed")
            }
            JobDecision::Suspended => f.write_str("suspended: no pods"),
            JobDecision::Finish { condition, reason } => write!(f, "{condition} ({reason})"),
            JobDecision::Nothing => f.write_str("nothing to change"),
        }
    }
}

impl fmt::Display for JobSync {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "sync job/{}: active {}, succeeded {}, failed {}",
            self.job, self.active, self.succeeded, self.failed
        )?;
        if self.terminating > 0 {
            write!(f, ", terminating {}", self.terminating)?;
        }
        if let Some(formula) = self.formula() {
            write!(f, "; wantActive = {formula}")?;
        }
        if self.decision != JobDecision::Nothing {
            write!(f, " → {}", self.decision)?;
        }
        if let Some(ms) = self.requeue_ms {
            write!(f, "; requeue in {}", super::format_duration(ms))?;
        }
        Ok(())
    }
}

/// What a CronJob sync considered, decided and did (3.3–3.4 of the semantics).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CronJobSync {
    /// The CronJob.
    pub cronjob: String,
    /// The schedule's time zone (`UTC` when unset).
    pub zone: String,
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

impl fmt::Display for CronDecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CronDecision::Created { job } => write!(f, "created job/{job}"),
            CronDecision::Replaced { deleted, job } => {
                write!(f, "replaced {} with job/{job}", deleted.join(", "))
            }
            CronDecision::SkippedForbid { running } => {
                write!(f, "skipped (Forbid): {} still running", running.join(", "))
            }
            CronDecision::TooLate => f.write_str("missed: past startingDeadlineSeconds"),
            CronDecision::AlreadyDone => f.write_str("already handled"),
            CronDecision::NotDue => f.write_str("nothing due"),
            CronDecision::Suspended => f.write_str("suspended"),
            CronDecision::Deleting => f.write_str("being deleted"),
            CronDecision::UnknownTimeZone => f.write_str("unknown time zone"),
            CronDecision::Unparseable => f.write_str("unparseable schedule"),
            CronDecision::InvalidSchedule => f.write_str("invalid schedule"),
            CronDecision::Exists { job } => write!(f, "job/{job} already existed"),
            CronDecision::CreateFailed => f.write_str("create failed"),
        }
    }
}

impl fmt::Display for CronJobSync {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sync cronjob/{}", self.cronjob)?;
        if let Some(t) = self.chosen {
            write!(f, ": scheduled {t}")?;
        }
        if self.missed > 1 {
            write!(f, " (about {} missed)", self.missed)?;
        }
        write!(f, " → {}", self.decision)?;
        if !self.cleaned.is_empty() {
            write!(f, "; cleaned {}", self.cleaned.join(", "))?;
        }
        if let Some(t) = self.next {
            write!(f, "; next {t}")?;
        }
        Ok(())
    }
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

impl fmt::Display for Placement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Placement::Runs => f.write_str("runs a daemon pod"),
            Placement::OtherNodeName { wanted } => {
                write!(f, "no pod: the template names node {wanted}")
            }
            Placement::SelectorMismatch => {
                f.write_str("no pod: nodeSelector or node affinity does not match")
            }
            Placement::NoScheduleTaint { taint } => {
                write!(
                    f,
                    "no new pod: taint {taint} not tolerated (a running pod stays)"
                )
            }
            Placement::NoExecuteTaint { taint } => {
                write!(
                    f,
                    "no pod: taint {taint} not tolerated (a running pod is deleted)"
                )
            }
        }
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

impl fmt::Display for DaemonSetSync {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let desired = self.nodes.iter().filter(|(_, p)| p.should_run()).count();
        write!(
            f,
            "sync daemonset/{}: {desired} of {} nodes should run a pod",
            self.daemonset,
            self.nodes.len()
        )?;
        for (node, p) in self.nodes.iter().filter(|(_, p)| !p.should_run()) {
            write!(f, "; {node}: {p}")?;
        }
        if self.waiting {
            f.write_str(" → wait for earlier creations/deletions to be observed")?;
        }
        if !self.created_on.is_empty() {
            write!(f, " → create on {}", self.created_on.join(", "))?;
        }
        if !self.deleted.is_empty() {
            write!(f, " → delete {}", self.deleted.join(", "))?;
        }
        if let Some((surge, unavailable, in_flight)) = self.rollout {
            write!(
                f,
                " (rolling update: maxSurge {surge}, maxUnavailable {unavailable}, {in_flight} in flight"
            )?;
            if !self.updating.is_empty() {
                write!(f, "; updating {}", self.updating.join(", "))?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
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

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Created { kind, name } => write!(f, "created {}/{name}", kind.lower()),
            Change::Updated { kind, name, what } => {
                write!(f, "updated {}/{name}: {what}", kind.lower())
            }
            Change::DeleteRequested {
                kind,
                name,
                grace_seconds,
            } => {
                write!(f, "delete {}/{name} (grace {grace_seconds}s)", kind.lower())
            }
            Change::Removed { kind, name } => write!(f, "removed {}/{name}", kind.lower()),
            Change::Event {
                type_,
                reason,
                object,
                message,
            } => write!(f, "event {type_} {reason} {object}: {message}"),
            Change::Rejected {
                kind,
                name,
                message,
            } => write!(f, "rejected {}/{name}: {message}", kind.lower()),
            Change::JobSync(s) => write!(f, "{s}"),
            Change::CronJobSync(s) => write!(f, "{s}"),
            Change::DaemonSetSync(s) => write!(f, "{s}"),
            Change::Note { en, .. } => write!(f, "note: {en}"),
        }
    }
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
