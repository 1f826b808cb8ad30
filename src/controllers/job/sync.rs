//! `syncJob` (`pkg/controller/job/job_controller.go`): one sync of one Job, in upstream's order.
//! It claims the Job's pods, counts the newly finished ones ([`get_new_finished_pods`]), decides
//! whether the Job has finished ([`finished_condition`], with [`past_backoff_limit_on_failure`]
//! and [`past_active_deadline`]), deletes the active pods of a finished Job
//! ([`delete_active_pods`]) or else runs `manageJob` ([`super::manage`]), and hands the status
//! to [`super::status::track_job_status_and_remove_finalizers`].

use super::backoff::{finish_time, BackoffRecord};
use super::policy::{self, PfpAction};
use super::status::{self, condition, set_condition};
use super::{
    claim_pods, has_finalizer, index_failures, index_of, JobControllerState, SyncError, COMPONENT,
};
use crate::api::{record_event, EventTarget};
use crate::cluster::Client;
use crate::controllers::podcontrol::delete_pod;
use crate::controllers::record::{JobDecision, JobSync};
use crate::controllers::split_key;
use crate::model::indexes;
use crate::model::job::{Job, JobCondition, JobStatus, UncountedTerminatedPods};
use crate::model::{Kind, Object, Pod, Time};
use crate::sim::{Account, Change};
use std::collections::BTreeSet;

/// How a Job finished, as decided in this sync (upstream's `finishedCondition`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Terminal {
    /// `FailureTarget`, then `Failed` once no pod is left.
    Failure {
        /// The condition's reason.
        reason: String,
        /// The condition's message.
        message: String,
    },
    /// `SuccessCriteriaMet`, then `Complete` once no pod is left (an empty reason: the
    /// condition is already there).
    Success {
        /// The condition's reason.
        reason: String,
        /// The condition's message.
        message: String,
    },
}

/// What one sync knows about its Job (upstream's `syncJobCtx`): the pods it claimed, what it
/// counted, the status it is building, and what it decided.
pub(super) struct SyncJobCtx<'a> {
    /// The Job's workqueue key.
    pub key: &'a str,
    /// The Job.
    pub job: &'a Job,
    /// The Job as stored (for owner references and Events).
    pub job_obj: &'a Object,
    /// Wall-clock time of the sync.
    pub now: Time,
    /// Every pod the Job controls.
    pub pods: &'a [&'a Pod],
    /// Pods neither finished nor terminating.
    pub active: Vec<&'a Pod>,
    /// Active pods that are ready.
    pub ready: i32,
    /// The status being built.
    pub status: JobStatus,
    /// The status as read.
    pub old_status: JobStatus,
    /// Finished pods counted but not yet added to `succeeded` / `failed`.
    pub uncounted: UncountedTerminatedPods,
    /// Completed indexes (Indexed Jobs).
    pub completed: BTreeSet<i32>,
    /// Failed indexes (backoffLimitPerIndex).
    pub failed_indexes: BTreeSet<i32>,
    /// Whether the Job has a backoffLimitPerIndex.
    pub per_index: bool,
    /// Pods that succeeded since the last count.
    pub new_succeeded: Vec<&'a Pod>,
    /// Pods that failed since the last count (or were deleted while running).
    pub new_failed: Vec<&'a Pod>,
    /// Failed pods a podFailurePolicy `Ignore` rule matched: not counted.
    pub ignored: Vec<&'a Pod>,
    /// Succeeded pods, counted and newly observed.
    pub succeeded: i32,
    /// Failed pods, counted and newly observed.
    pub failed: i32,
    /// How the Job finished, if it did.
    pub finished: Option<Terminal>,
    /// Uids of the active pods deleted because the Job failed.
    pub deleted: Vec<String>,
    /// Names of the pods this sync created.
    pub created: Vec<String>,
    /// Active pods after the sync's own creations and deletions.
    pub active_now: i32,
    /// The pod failure back-off record after this sync's count.
    pub backoff: BackoffRecord,
    /// What the sync decided (for the trace).
    pub decision: JobDecision,
    /// The number of pods manageJob wanted running, when it computed one.
    pub want_active: Option<i32>,
    /// When to sync again.
    pub requeue: Option<u64>,
}

impl SyncJobCtx<'_> {
    /// Asks for another sync after `ms`, keeping an earlier request.
    pub fn requeue_after(&mut self, ms: u64) {
        self.requeue = Some(self.requeue.map_or(ms, |r| r.min(ms)));
    }
}

/// One sync of one Job. Returns when to sync it again, if the controller asks for that, or the
/// error that makes the worker retry it with back-off.
pub fn sync_job(
    w: &mut Client<'_>,
    state: &mut JobControllerState,
    k: &str,
) -> Result<Option<u64>, SyncError> {
    let (namespace, name) = split_key(k);
    let name = name.to_string();
    let Some(job_obj) = w.store.get_shared(Kind::Job, namespace, &name) else {
        state.expectations.remove(k);
        state.backoff.remove(k);
        return Ok(None);
    };
    let Some(job) = job_obj.as_job() else {
        return Ok(None);
    };
    if job.is_finished() {
        state.unsettled.remove(job.metadata.uid());
        return Ok(None);
    }
    if job
        .spec
        .managed_by
        .as_deref()
        .is_some_and(|m| m != "kubernetes.io/job-controller")
    {
        // Another controller manages this Job (JobManagedBy).
        return Ok(None);
    }
    let mode = job.spec.completion_mode.as_deref().unwrap_or("NonIndexed");
    if mode != "NonIndexed" && mode != "Indexed" {
        record_event(
            w,
            EventTarget::of(&job_obj),
            "Warning",
            "UnknownCompletionMode",
            "Skipped Job sync because completion mode is unknown",
            COMPONENT,
            "",
        );
        return Ok(None);
    }
    // Expectations are checked before the pods are listed, so that a pod created meanwhile
    // cannot sneak in.
    let satisfied = state.expectations.get(k).is_none_or(|e| e.satisfied(w.now));
    let claimed = claim_pods(w, state, job, &job_obj);
    let pods: Vec<&Pod> = claimed.iter().filter_map(|o| o.as_pod()).collect();
    let mut ctx = new_ctx(k, job, &job_obj, w.wall_now(), &pods);
    let fail_job = get_new_finished_pods(&mut ctx);
    count(&mut ctx);
    ctx.backoff = state
        .backoff
        .get(k)
        .copied()
        .unwrap_or_default()
        .update(newly_finished(&ctx));
    state.backoff.insert(k.to_string(), ctx.backoff);
    start_and_deadline(&mut ctx);
    ctx.finished = finished_condition(&ctx, fail_job);
    let mut result = Ok(());
    match ctx.finished.clone() {
        Some(Terminal::Failure { reason, message }) => {
            ctx.deleted = delete_active_pods(w, &ctx);
            ctx.failed += ctx.deleted.len() as i32;
            let c = condition("FailureTarget", &reason, &message, ctx.now);
            if set_condition(&mut ctx.status, c) {
                ctx.decision = JobDecision::Finish {
                    condition: "FailureTarget".into(),
                    reason,
                };
            }
        }
        Some(Terminal::Success { reason, message }) => {
            delete_active_pods(w, &ctx);
            let c = condition("SuccessCriteriaMet", &reason, &message, ctx.now);
            if !reason.is_empty() && set_condition(&mut ctx.status, c) {
                ctx.decision = JobDecision::Finish {
                    condition: "SuccessCriteriaMet".into(),
                    reason,
                };
            }
        }
        None if !satisfied => ctx.decision = JobDecision::WaitExpectations,
        None if job.metadata.is_terminating() => {}
        None => result = super::manage::manage_job(w, state, &mut ctx),
    }
    check_completion(w, &mut ctx);
    suspend_or_resume(w, &mut ctx);
    status::track_job_status_and_remove_finalizers(w, &mut ctx);
    super::remember_unsettled(w, state, &ctx);
    w.log(|| {
        Change::Sync(Account::new(JobSync {
            job: name,
            active: ctx.active_now,
            ready: ctx.ready,
            succeeded: ctx.status.succeeded,
            failed: ctx.status.failed.max(ctx.failed),
            terminating: ctx.status.terminating.unwrap_or(0),
            parallelism: job.spec.parallelism.unwrap_or(1),
            completions: job.spec.completions,
            want_active: ctx.want_active,
            decision: ctx.decision.clone(),
            requeue_ms: ctx.requeue,
        }))
    });
    result.map(|()| ctx.requeue)
}

/// The context of a sync before anything is counted.
fn new_ctx<'a>(
    key: &'a str,
    job: &'a Job,
    job_obj: &'a Object,
    now: Time,
    pods: &'a [&'a Pod],
) -> SyncJobCtx<'a> {
    let status = job.status();
    let active: Vec<&Pod> = pods
        .iter()
        .copied()
        .filter(|p| !p.is_terminal() && !p.metadata.is_terminating())
        .collect();
    let limit = job.spec.completions.unwrap_or(i32::MAX);
    SyncJobCtx {
        key,
        job,
        job_obj,
        now,
        pods,
        ready: active.iter().filter(|p| p.is_ready()).count() as i32,
        active,
        uncounted: status.uncounted_terminated_pods.clone().unwrap_or_default(),
        completed: indexes::parse(&status.completed_indexes, limit).unwrap_or_default(),
        failed_indexes: status
            .failed_indexes
            .as_deref()
            .map(|t| indexes::parse(t, limit).unwrap_or_default())
            .unwrap_or_default(),
        per_index: job.is_indexed() && job.spec.backoff_limit_per_index.is_some(),
        old_status: status.clone(),
        status,
        new_succeeded: Vec::new(),
        new_failed: Vec::new(),
        ignored: Vec::new(),
        succeeded: 0,
        failed: 0,
        finished: None,
        deleted: Vec::new(),
        created: Vec::new(),
        active_now: 0,
        backoff: BackoffRecord::default(),
        decision: JobDecision::Nothing,
        want_active: None,
        requeue: None,
    }
}

/// `getNewFinishedPods`: the pods that finished since the last count (still holding the
/// tracking finalizer and not yet uncounted). A pod being deleted while it runs counts as
/// failed unless podReplacementPolicy is `Failed`. The podFailurePolicy sorts the failures:
/// `Ignore` leaves a pod uncounted, `FailIndex` fails its index, and `FailJob` returns the
/// failure that ends the Job (`getFailJobMessage`).
fn get_new_finished_pods(ctx: &mut SyncJobCtx<'_>) -> Option<Terminal> {
    let job = ctx.job;
    let failed_only = job.spec.pod_replacement_policy.as_deref() == Some("Failed")
        || job.spec.pod_failure_policy.is_some();
    let mut fail_job: Option<Terminal> = None;
    let mut fail_index: Vec<&str> = Vec::new();
    for &pod in ctx.pods {
        let uid = pod.metadata.uid();
        if !has_finalizer(pod)
            || ctx.uncounted.succeeded.iter().any(|u| u == uid)
            || ctx.uncounted.failed.iter().any(|u| u == uid)
        {
            continue;
        }
        if pod.phase() == "Succeeded" {
            ctx.new_succeeded.push(pod);
            continue;
        }
        // A pod deleted while it runs counts as failed, unless only Failed pods are replaced.
        let failed = pod.phase() == "Failed" || (pod.metadata.is_terminating() && !failed_only);
        if !failed {
            continue;
        }
        let rule = job
            .spec
            .pod_failure_policy
            .as_ref()
            .and_then(|p| policy::match_failure(p, pod));
        match rule {
            Some((PfpAction::Ignore, _)) => ctx.ignored.push(pod),
            Some((PfpAction::FailJob, message)) => {
                ctx.new_failed.push(pod);
                fail_job.get_or_insert(Terminal::Failure {
                    reason: "PodFailurePolicy".into(),
                    message,
                });
            }
            Some((PfpAction::FailIndex, _)) => {
                ctx.new_failed.push(pod);
                fail_index.push(uid);
            }
            _ => ctx.new_failed.push(pod),
        }
    }
    // Per-index back-off (backoffLimitPerIndex): an index fails when its failures exceed the
    // limit or a FailIndex rule matched.
    if ctx.per_index {
        let limit = job.spec.backoff_limit_per_index.unwrap_or(0);
        for pod in &ctx.new_failed {
            let Some(i) = index_of(pod) else { continue };
            if index_failures(pod) + 1 > limit || fail_index.contains(&pod.metadata.uid()) {
                ctx.failed_indexes.insert(i);
            }
        }
    }
    fail_job
}

/// The succeeded and failed counts: counted before, uncounted, and newly finished.
fn count(ctx: &mut SyncJobCtx<'_>) {
    let completions = ctx.job.spec.completions;
    for pod in &ctx.new_succeeded {
        if let Some(i) = index_of(pod).filter(|i| *i >= 0 && completions.is_none_or(|c| *i < c)) {
            ctx.completed.insert(i);
        }
    }
    ctx.succeeded = if ctx.job.is_indexed() {
        ctx.completed.len() as i32
    } else {
        ctx.status.succeeded + (ctx.uncounted.succeeded.len() + ctx.new_succeeded.len()) as i32
    };
    ctx.failed = ctx.status.failed + (ctx.uncounted.failed.len() + ctx.new_failed.len()) as i32;
}

/// The newly finished pods for the back-off record: when each finished, and whether it
/// succeeded (`newBackoffRecord`).
fn newly_finished(ctx: &SyncJobCtx<'_>) -> Vec<(Time, bool)> {
    ctx.new_succeeded
        .iter()
        .map(|p| (finish_time(p), true))
        .chain(ctx.new_failed.iter().map(|p| (finish_time(p), false)))
        .collect()
}

/// Sets `startTime` on the first sync of a running Job, and asks to be synced again when its
/// activeDeadlineSeconds run out.
fn start_and_deadline(ctx: &mut SyncJobCtx<'_>) {
    let suspended = ctx.job.spec.suspend == Some(true);
    if ctx.status.start_time.is_none() && !suspended {
        ctx.status.start_time = Some(ctx.now);
    }
    if let (Some(ads), Some(start), false) = (
        ctx.job.spec.active_deadline_seconds,
        ctx.status.start_time,
        suspended,
    ) {
        let left = ads * 1000 - (ctx.now.0 - start.0);
        if left > 0 {
            ctx.requeue = Some(left as u64);
        }
    }
}

/// Whether the Job has finished, in upstream's order: a success already declared, a
/// FailureTarget already set, a podFailurePolicy `FailJob` match, the backoff limit, the
/// active deadline, the per-index limits, then a successPolicy rule.
fn finished_condition(ctx: &SyncJobCtx<'_>, fail_job: Option<Terminal>) -> Option<Terminal> {
    let job = ctx.job;
    let conditions = &ctx.status.conditions;
    let holds = |c: &&JobCondition, type_: &str| c.type_ == type_ && c.status == "True";
    if conditions.iter().any(|c| holds(&c, "SuccessCriteriaMet")) {
        return Some(Terminal::Success {
            reason: String::new(),
            message: String::new(),
        });
    }
    if let Some(c) = conditions.iter().find(|c| holds(c, "FailureTarget")) {
        return Some(Terminal::Failure {
            reason: c.reason.clone(),
            message: c.message.clone(),
        });
    }
    if fail_job.is_some() {
        return fail_job;
    }
    let failure = |reason: &str, message: &str| {
        Some(Terminal::Failure {
            reason: reason.into(),
            message: message.into(),
        })
    };
    if ctx.failed > job.spec.backoff_limit.unwrap_or(6)
        || past_backoff_limit_on_failure(job, &ctx.active)
    {
        return failure(
            "BackoffLimitExceeded",
            "Job has reached the specified backoff limit",
        );
    }
    if past_active_deadline(job, &ctx.status, ctx.now) {
        return failure(
            "DeadlineExceeded",
            "Job was active longer than specified deadline",
        );
    }
    if ctx.per_index {
        let failed = &ctx.failed_indexes;
        if job
            .spec
            .max_failed_indexes
            .is_some_and(|m| failed.len() as i32 > m)
        {
            return failure(
                "MaxFailedIndexesExceeded",
                "Job has exceeded the specified maximal number of failed indexes",
            );
        }
        let all = job.spec.completions.unwrap_or(0);
        if !failed.is_empty() && (0..all).all(|i| ctx.completed.contains(&i) || failed.contains(&i))
        {
            return failure("FailedIndexes", "Job has failed indexes");
        }
    }
    policy::matched_success_rule(job, &ctx.completed).map(|i| Terminal::Success {
        reason: "SuccessPolicy".into(),
        message: format!("Matched rules at index {i}"),
    })
}

/// `pastBackoffLimitOnFailure`: under `restartPolicy: OnFailure` the containers of running and
/// pending pods restart in place, so their restarts count against the backoff limit (reaching
/// it is enough; with a limit of 0, any restart).
pub(super) fn past_backoff_limit_on_failure(job: &Job, active: &[&Pod]) -> bool {
    if job.spec.template.spec.restart_policy.as_deref() != Some("OnFailure") {
        return false;
    }
    let restarts: i32 = active
        .iter()
        .filter(|p| matches!(p.phase(), "Running" | "Pending"))
        .map(|p| {
            let st = p.status();
            st.container_statuses
                .iter()
                .chain(&st.init_container_statuses)
                .map(|c| c.restart_count)
                .sum::<i32>()
        })
        .sum();
    match job.spec.backoff_limit.unwrap_or(6) {
        0 => restarts > 0,
        limit => restarts >= limit,
    }
}

/// `pastActiveDeadline`: a running (not suspended) Job has been active for
/// activeDeadlineSeconds since its startTime.
pub(super) fn past_active_deadline(job: &Job, status: &JobStatus, now: Time) -> bool {
    match (job.spec.active_deadline_seconds, status.start_time) {
        (Some(ads), Some(start)) if job.spec.suspend != Some(true) => now.0 - start.0 >= ads * 1000,
        _ => false,
    }
}

/// `deleteActivePods`: deletes every active pod of a finished Job; returns the uids of those
/// deleted.
fn delete_active_pods(w: &mut Client<'_>, ctx: &SyncJobCtx<'_>) -> Vec<String> {
    let mut deleted = Vec::new();
    for pod in &ctx.active {
        if delete_pod(w, ctx.job_obj, &pod.metadata.name, COMPONENT).is_ok() {
            deleted.push(pod.metadata.uid().to_string());
        }
    }
    deleted
}

/// The success check after manageJob: every completion reached (or, for a work-queue Job, one
/// success) with no pod left running.
fn check_completion(w: &mut Client<'_>, ctx: &mut SyncJobCtx<'_>) {
    ctx.active_now = status::active_count(w, ctx);
    if ctx.finished.is_some() {
        return;
    }
    let done = match ctx.job.spec.completions {
        None => ctx.succeeded > 0 && ctx.active_now == 0,
        Some(c) => ctx.succeeded >= c && ctx.active_now == 0,
    };
    let c = condition(
        "SuccessCriteriaMet",
        "CompletionsReached",
        "Reached expected number of succeeded pods",
        ctx.now,
    );
    if done && set_condition(&mut ctx.status, c) {
        ctx.decision = JobDecision::Finish {
            condition: "SuccessCriteriaMet".into(),
            reason: "CompletionsReached".into(),
        };
    }
}

/// The Suspended condition: set with a `Suspended` Event when the Job is suspended; cleared
/// with a `Resumed` Event, and startTime reset, when it resumes.
fn suspend_or_resume(w: &mut Client<'_>, ctx: &mut SyncJobCtx<'_>) {
    let now = ctx.now;
    let (reason, message) = if ctx.job.spec.suspend == Some(true) {
        let suspended = JobCondition {
            status: "True".into(),
            ..condition("Suspended", "JobSuspended", "Job suspended", now)
        };
        if !set_condition(&mut ctx.status, suspended) {
            return;
        }
        ("Suspended", "Job suspended")
    } else if ctx
        .status
        .conditions
        .iter()
        .any(|c| c.type_ == "Suspended" && c.status == "True")
    {
        let resumed = JobCondition {
            status: "False".into(),
            ..condition("Suspended", "JobResumed", "Job resumed", now)
        };
        set_condition(&mut ctx.status, resumed);
        ctx.status.start_time = Some(now);
        ("Resumed", "Job resumed")
    } else {
        return;
    };
    let target = EventTarget::of(ctx.job_obj);
    record_event(w, target, "Normal", reason, message, COMPONENT, "");
}
