//! What each controller's sync tells the trace: the record it hands over as a
//! [`crate::sim::trace::Account`], for the explanations, the controller panels and the timeline
//! markers to read.

pub use super::daemonset::placement::Placement;
use crate::model::Time;

/// What a Job sync observed, decided and did (`syncJob` and `manageJob`).
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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

/// What a CronJob sync considered, decided and did (`syncCronJob` and `mostRecentScheduleTime`).
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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

/// What a DaemonSet sync saw per node and did (`syncDaemonSet`, `manage` and `rollingUpdate`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DaemonSetSync {
    /// The DaemonSet.
    pub daemonset: String,
    /// Each node's verdict, in node order: shared by every sync that saw the same nodes and
    /// template (the controller keeps the list until a node or the template changes).
    pub nodes: std::rc::Rc<[(String, Placement)]>,
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
