//! The Job controller (`pkg/controller/job`): `sync_job` counts the Job's pods, decides whether
//! the Job has finished, runs `manage_job` to create or delete pods, and `track_job_status`
//! accounts finished pods with the tracking-finalizer protocol and writes the status.

pub mod backoff;
pub mod policy;

use super::expectations::Expectations;
use super::podcontrol::{create_pod, delete_pod, pod_from_template};
use super::record::{JobDecision, JobSync};
use super::{key, name_of, ranking, Reconciler, Requeue};
use crate::api::{self, record_event, EventTarget, WatchEvent};
use crate::cluster::{Client, Cluster, Controller, Event, Informer, Schedule};
use crate::model::indexes;
use crate::model::job::{
    Job, JobCondition, JobStatus, UncountedTerminatedPods, COMPLETION_INDEX, INDEX_FAILURE_COUNT,
    TRACKING_FINALIZER,
};
use crate::model::{Kind, Object, Pod, Time};
use crate::sim::trace::WatchType;
use crate::sim::{Account, Change, SimTime, Update, WorkQueue};
use backoff::{finish_time, BackoffRecord};
use policy::PfpAction;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// Pod events are coalesced for this long before the Job is synced.
pub const SYNC_BATCH_MS: u64 = 1_000;
/// At most this many pods are created or deleted per sync.
pub const MAX_PODS_PER_SYNC: i32 = 500;
const COMPONENT: &str = "job-controller";

/// The Job controller's queue and in-memory records.
#[derive(Clone, Debug)]
pub struct JobControllerState {
    /// Job keys to sync (sync errors back off 1 s doubling to 1 min).
    pub queue: WorkQueue,
    /// Creations and deletions not yet observed, per Job.
    pub expectations: BTreeMap<String, Expectations>,
    /// Pod failure back-off records, per Job.
    pub backoff: BTreeMap<String, BackoffRecord>,
}

impl Default for JobControllerState {
    fn default() -> Self {
        JobControllerState {
            queue: WorkQueue::new(1_000, 60_000),
            expectations: BTreeMap::new(),
            backoff: BTreeMap::new(),
        }
    }
}

fn job_owner(pod: &Pod) -> Option<&str> {
    pod.metadata
        .controller_ref()
        .filter(|r| r.kind == "Job" && r.api_version == "batch/v1")
        .map(|r| r.name.as_str())
}

/// Informer hooks for Jobs and their pods: they only queue keys.
pub fn on_watch(w: &mut Informer<'_>, state: &mut JobControllerState, ev: &WatchEvent) {
    let cause = ev.cause();
    let now = w.now;
    match &*ev.object {
        Object::Job(job) => {
            let k = key(&job.metadata.name);
            match ev.ty {
                WatchType::Added => state.queue.add(&k),
                WatchType::Modified => {
                    let old_gen = ev.old.as_ref().and_then(|o| o.meta().generation);
                    if old_gen != job.metadata.generation {
                        state.queue.add(&k);
                    } else {
                        state.queue.add_after(&k, now, SYNC_BATCH_MS);
                    }
                }
                WatchType::Deleted => {
                    state.expectations.remove(&k);
                    state.backoff.remove(&k);
                    // `deleteJob` → `cleanupPodFinalizers`: the deleted Job's pods that still
                    // carry the tracking finalizer are released, or a pod that was already
                    // terminating would keep its finalizer forever.
                    let uid = job.metadata.uid();
                    let held: Vec<String> = w
                        .store
                        .list(Kind::Pod)
                        .filter_map(Object::as_pod)
                        .filter(|p| p.metadata.controller_ref().is_some_and(|r| r.uid == uid))
                        .filter(|p| {
                            p.metadata
                                .finalizers
                                .iter()
                                .any(|f| f == TRACKING_FINALIZER)
                        })
                        .map(|p| p.metadata.name.clone())
                        .collect();
                    for pod in held {
                        w.schedule_once(now, Event::JobPodCleanup { pod }, cause.clone());
                    }
                }
            }
        }
        Object::Pod(pod) => {
            let Some(owner) = job_owner(pod) else { return };
            let k = key(owner);
            let was_terminating = ev.old.as_ref().is_some_and(|o| o.meta().is_terminating());
            if let Some(e) = state.expectations.get_mut(&k) {
                match ev.ty {
                    WatchType::Added => e.add -= 1,
                    WatchType::Modified if pod.metadata.is_terminating() && !was_terminating => {
                        e.del -= 1
                    }
                    WatchType::Deleted if !was_terminating && !pod.metadata.is_terminating() => {
                        e.del -= 1
                    }
                    _ => {}
                }
            }
            if w.store.get(Kind::Job, owner).is_some() {
                state.queue.add_after(&k, now, SYNC_BATCH_MS);
            } else if pod
                .metadata
                .finalizers
                .iter()
                .any(|f| f == TRACKING_FINALIZER)
                && ev.ty != WatchType::Deleted
            {
                // The owner is gone: the controller releases the pod's finalizer.
                w.schedule_once(
                    now,
                    Event::JobPodCleanup {
                        pod: pod.metadata.name.clone(),
                    },
                    cause.clone(),
                );
            }
        }
        _ => return,
    }
    super::kick(w, Controller::Job, &state.queue, cause);
}

/// The Job controller (`pkg/controller/job/job_controller.go`).
#[derive(Debug)]
pub struct JobController;

impl Reconciler for JobController {
    type State = JobControllerState;
    type Error = std::convert::Infallible;
    const CONTROLLER: Controller = Controller::Job;
    const COMPONENT: &'static str = COMPONENT;

    fn queue(state: &mut JobControllerState) -> &mut WorkQueue {
        &mut state.queue
    }

    fn reconcile(
        w: &mut Client<'_>,
        state: &mut JobControllerState,
        k: &str,
    ) -> Result<Requeue, Self::Error> {
        Ok(sync_job(w, state, k).map_or(Requeue::AwaitChange, Requeue::After))
    }
}

/// Removes the tracking finalizer from a pod whose Job no longer exists.
pub fn cleanup_orphan_pod(c: &mut Cluster, name: &str) {
    let w = &mut c.client(crate::sim::Actor::Controller(COMPONENT.into()));
    let Some(pod) = api::pod(w, name) else { return };
    let owner_lives = pod
        .metadata
        .controller_ref()
        .is_some_and(|r| api::get(w, Kind::Job, &r.name).is_some_and(|j| j.meta().uid() == r.uid));
    if owner_lives {
        return;
    }
    release(w, name);
}

fn index_of(pod: &Pod) -> Option<i32> {
    pod.metadata
        .annotations
        .get(COMPLETION_INDEX)
        .and_then(|v| v.parse().ok())
}

/// Removes the tracking finalizer from a pod, so that it can go once it is deleted.
fn release(w: &mut Client<'_>, pod: &str) {
    let finalizer = Update::FinalizerRemoved {
        finalizer: TRACKING_FINALIZER.into(),
    };
    let _ = api::mutate_pod(w, pod, finalizer, |p| {
        p.metadata.finalizers.retain(|f| f != TRACKING_FINALIZER)
    });
}

fn index_failures(pod: &Pod) -> i32 {
    pod.metadata
        .annotations
        .get(INDEX_FAILURE_COUNT)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// What a sync counted, handed to manageJob.
struct Seen<'a> {
    completed: &'a BTreeSet<i32>,
    failed_indexes: &'a BTreeSet<i32>,
    succeeded: i32,
    pods: &'a [&'a Pod],
    record: BackoffRecord,
}

fn has_finalizer(pod: &Pod) -> bool {
    pod.metadata
        .finalizers
        .iter()
        .any(|f| f == TRACKING_FINALIZER)
}

/// Lists the Job's pods: those it controls that still match its selector. Orphans that match
/// are adopted (controller reference and tracking finalizer added) unless the Job is deleting.
fn claim_pods(w: &mut Client<'_>, job: &Job, job_obj: &Object) -> Vec<Rc<Object>> {
    let uid = job.metadata.uid().to_string();
    let selector = job.spec.selector.clone().unwrap_or_default();
    let candidates: Vec<Rc<Object>> = w.store.list_shared(Kind::Pod).cloned().collect();
    let mut out = Vec::new();
    for obj in candidates {
        let Some(pod) = obj.as_pod() else { continue };
        let matches = selector.matches(&pod.metadata.labels);
        match pod.metadata.controller_ref() {
            Some(r) if r.uid == uid => {
                if matches {
                    out.push(Rc::clone(&obj));
                } else {
                    let _ = api::mutate_pod(w, &pod.metadata.name, Update::Released, |p| {
                        p.metadata.owner_references.retain(|r| r.uid != uid);
                    });
                }
            }
            None if matches && !job.metadata.is_terminating() && !pod.metadata.is_terminating() => {
                let owner = super::podcontrol::controller_ref(job_obj);
                if let Ok(adopted) = api::mutate_pod(
                    w,
                    &pod.metadata.name,
                    Update::Adopted {
                        owner: format!("job/{}", job.metadata.name),
                    },
                    |p| {
                        p.metadata.owner_references.push(owner);
                        if !has_finalizer(p) {
                            p.metadata.finalizers.push(TRACKING_FINALIZER.into());
                        }
                    },
                ) {
                    out.push(adopted);
                }
            }
            _ => {}
        }
    }
    out
}

/// A terminal decision of this sync.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Terminal {
    Failure { reason: String, message: String },
    Success { reason: String, message: String },
}

fn condition(type_: &str, reason: &str, message: &str, now: Time) -> JobCondition {
    JobCondition {
        type_: type_.into(),
        status: "True".into(),
        last_probe_time: Some(now),
        last_transition_time: Some(now),
        reason: reason.into(),
        message: message.into(),
    }
}

fn set_condition(status: &mut JobStatus, c: JobCondition) -> bool {
    match status.conditions.iter_mut().find(|x| x.type_ == c.type_) {
        Some(existing) if existing.status == c.status => false,
        Some(existing) => {
            *existing = c;
            true
        }
        None => {
            status.conditions.push(c);
            true
        }
    }
}

/// One sync of one Job. Returns when to sync it again, if the controller asks for that.
pub fn sync_job(w: &mut Client<'_>, state: &mut JobControllerState, k: &str) -> Option<u64> {
    let name = name_of(k).to_string();
    let Some(job_obj) = w.store.get_shared(Kind::Job, &name) else {
        state.expectations.remove(k);
        state.backoff.remove(k);
        return None;
    };
    let job = job_obj.as_job().cloned()?;
    if job.is_finished() {
        return None;
    }
    if job
        .spec
        .managed_by
        .as_deref()
        .is_some_and(|m| m != "kubernetes.io/job-controller")
    {
        // Another controller manages this Job (JobManagedBy).
        return None;
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
        return None;
    }
    let now = w.wall_now();
    let satisfied = state.expectations.get(k).is_none_or(|e| e.satisfied(w.now));
    let claimed = claim_pods(w, &job, &job_obj);
    let pods: Vec<&Pod> = claimed.iter().filter_map(|o| o.as_pod()).collect();
    let indexed = job.is_indexed();
    let completions = job.spec.completions;
    let parallelism = job.spec.parallelism.unwrap_or(1);
    let backoff_limit = job.spec.backoff_limit.unwrap_or(6);
    let suspended = job.spec.suspend == Some(true);
    let failed_only = job.spec.pod_replacement_policy.as_deref() == Some("Failed")
        || job.spec.pod_failure_policy.is_some();
    let mut status = job.status();
    let old_status = status.clone();
    let mut uncounted = status.uncounted_terminated_pods.clone().unwrap_or_default();

    // Counting (2.4).
    let active: Vec<&Pod> = pods
        .iter()
        .copied()
        .filter(|p| !p.is_terminal() && !p.metadata.is_terminating())
        .collect();
    let ready = active.iter().filter(|p| p.is_ready()).count() as i32;
    let mut completed: BTreeSet<i32> =
        indexes::parse(&status.completed_indexes, completions.unwrap_or(i32::MAX))
            .unwrap_or_default();
    let mut newly_succeeded: Vec<&Pod> = Vec::new();
    let mut newly_failed: Vec<&Pod> = Vec::new();
    let mut ignored: Vec<&Pod> = Vec::new();
    let mut fail_index: Vec<String> = Vec::new();
    let mut terminal: Option<Terminal> = None;
    for &pod in &pods {
        let uid = pod.metadata.uid().to_string();
        if !has_finalizer(pod)
            || uncounted.succeeded.contains(&uid)
            || uncounted.failed.contains(&uid)
        {
            continue;
        }
        if pod.phase() == "Succeeded" {
            newly_succeeded.push(pod);
        } else if pod.phase() == "Failed" || (pod.metadata.is_terminating() && !failed_only) {
            match job
                .spec
                .pod_failure_policy
                .as_ref()
                .and_then(|p| policy::match_failure(p, pod))
            {
                Some((PfpAction::Ignore, _)) => ignored.push(pod),
                Some((PfpAction::FailJob, message)) => {
                    newly_failed.push(pod);
                    if terminal.is_none() {
                        terminal = Some(Terminal::Failure {
                            reason: "PodFailurePolicy".into(),
                            message,
                        });
                    }
                }
                Some((PfpAction::FailIndex, _)) => {
                    newly_failed.push(pod);
                    fail_index.push(pod.metadata.uid().to_string());
                }
                _ => newly_failed.push(pod),
            }
        }
    }
    // Per-index back-off (backoffLimitPerIndex): an index fails when its failures exceed the
    // limit or a FailIndex rule matched.
    let per_index = indexed && job.spec.backoff_limit_per_index.is_some();
    let mut failed_indexes: BTreeSet<i32> = status
        .failed_indexes
        .as_deref()
        .map(|t| indexes::parse(t, completions.unwrap_or(i32::MAX)).unwrap_or_default())
        .unwrap_or_default();
    if per_index {
        let limit = job.spec.backoff_limit_per_index.unwrap_or(0);
        for pod in &newly_failed {
            let Some(i) = index_of(pod) else { continue };
            let count = index_failures(pod) + 1;
            if count > limit || fail_index.iter().any(|u| u == pod.metadata.uid()) {
                failed_indexes.insert(i);
            }
        }
    }
    for pod in &newly_succeeded {
        if let Some(i) = index_of(pod).filter(|i| *i >= 0 && completions.is_none_or(|c| *i < c)) {
            completed.insert(i);
        }
    }
    let succeeded = if indexed {
        completed.len() as i32
    } else {
        status.succeeded + (uncounted.succeeded.len() + newly_succeeded.len()) as i32
    };
    let mut failed = status.failed + (uncounted.failed.len() + newly_failed.len()) as i32;

    // Pod failure back-off record (2.8).
    let finished: Vec<(Time, bool)> = newly_succeeded
        .iter()
        .map(|p| (finish_time(p), true))
        .chain(newly_failed.iter().map(|p| (finish_time(p), false)))
        .collect();
    let record = state
        .backoff
        .get(k)
        .copied()
        .unwrap_or_default()
        .update(finished);
    state.backoff.insert(k.to_string(), record);

    // startTime and the deadline re-sync (step 5).
    let mut requeue: Option<u64> = None;
    if status.start_time.is_none() && !suspended {
        status.start_time = Some(now);
    }
    if let (Some(ads), Some(start), false) = (
        job.spec.active_deadline_seconds,
        status.start_time,
        suspended,
    ) {
        let left = ads * 1000 - (now.0 - start.0);
        if left > 0 {
            requeue = Some(left as u64);
        }
    }

    // Terminal decision (step 6), in the real order.
    let restarts: i32 = if job.spec.template.spec.restart_policy.as_deref() == Some("OnFailure") {
        active
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
            .sum()
    } else {
        0
    };
    let success_met = status
        .conditions
        .iter()
        .any(|c| c.type_ == "SuccessCriteriaMet" && c.status == "True");
    if success_met {
        terminal = Some(Terminal::Success {
            reason: String::new(),
            message: String::new(),
        });
    } else if let Some(c) = status
        .conditions
        .iter()
        .find(|c| c.type_ == "FailureTarget" && c.status == "True")
    {
        terminal = Some(Terminal::Failure {
            reason: c.reason.clone(),
            message: c.message.clone(),
        });
    } else if terminal.is_none() {
        let on_failure_exceeded = job.spec.template.spec.restart_policy.as_deref()
            == Some("OnFailure")
            && if backoff_limit == 0 {
                restarts > 0
            } else {
                restarts >= backoff_limit
            };
        if failed > backoff_limit || on_failure_exceeded {
            terminal = Some(Terminal::Failure {
                reason: "BackoffLimitExceeded".into(),
                message: "Job has reached the specified backoff limit".into(),
            });
        } else if let (Some(ads), Some(start), false) = (
            job.spec.active_deadline_seconds,
            status.start_time,
            suspended,
        ) {
            if now.0 - start.0 >= ads * 1000 {
                terminal = Some(Terminal::Failure {
                    reason: "DeadlineExceeded".into(),
                    message: "Job was active longer than specified deadline".into(),
                });
            }
        }
        if terminal.is_none() && per_index {
            let all = completions.unwrap_or(0);
            if job
                .spec
                .max_failed_indexes
                .is_some_and(|m| failed_indexes.len() as i32 > m)
            {
                terminal = Some(Terminal::Failure {
                    reason: "MaxFailedIndexesExceeded".into(),
                    message: "Job has exceeded the specified maximal number of failed indexes"
                        .into(),
                });
            } else if !failed_indexes.is_empty()
                && (0..all).all(|i| completed.contains(&i) || failed_indexes.contains(&i))
            {
                terminal = Some(Terminal::Failure {
                    reason: "FailedIndexes".into(),
                    message: "Job has failed indexes".into(),
                });
            }
        }
        if terminal.is_none() {
            if let Some(i) = policy::matched_success_rule(&job, &completed) {
                terminal = Some(Terminal::Success {
                    reason: "SuccessPolicy".into(),
                    message: format!("Matched rules at index {i}"),
                });
            }
        }
    }

    let mut decision = JobDecision::Nothing;
    let mut want_active = None;
    let mut deleted_now: Vec<String> = Vec::new();
    match &terminal {
        Some(Terminal::Failure { reason, message }) => {
            // Step 7: delete every active pod; on failure they count as failed right away.
            for pod in &active {
                if delete_pod(w, &job_obj, &pod.metadata.name, COMPONENT).is_ok() {
                    deleted_now.push(pod.metadata.uid().to_string());
                }
            }
            failed += deleted_now.len() as i32;
            if set_condition(
                &mut status,
                condition("FailureTarget", reason, message, now),
            ) {
                decision = JobDecision::Finish {
                    condition: "FailureTarget".into(),
                    reason: reason.clone(),
                };
            }
        }
        Some(Terminal::Success { reason, message }) => {
            for pod in &active {
                let _ = delete_pod(w, &job_obj, &pod.metadata.name, COMPONENT);
            }
            if !reason.is_empty()
                && set_condition(
                    &mut status,
                    condition("SuccessCriteriaMet", reason, message, now),
                )
            {
                decision = JobDecision::Finish {
                    condition: "SuccessCriteriaMet".into(),
                    reason: reason.clone(),
                };
            }
        }
        None if !satisfied => decision = JobDecision::WaitExpectations,
        None if job.metadata.is_terminating() => {}
        None => {
            let seen = Seen {
                completed: &completed,
                failed_indexes: &failed_indexes,
                succeeded,
                pods: &pods,
                record,
            };
            let (d, want, wait) = manage_job(w, state, k, &job, &job_obj, &active, seen);
            decision = d;
            want_active = want;
            if let Some(ms) = wait {
                requeue = Some(requeue.map_or(ms, |r| r.min(ms)));
            }
        }
    }

    // Success check (step 9).
    let active_now = api_active_count(w, &job);
    if terminal.is_none() && !success_met {
        let done = match completions {
            None => succeeded > 0 && active_now == 0,
            Some(c) => succeeded >= c && active_now == 0,
        };
        if done
            && set_condition(
                &mut status,
                condition(
                    "SuccessCriteriaMet",
                    "CompletionsReached",
                    "Reached expected number of succeeded pods",
                    now,
                ),
            )
        {
            decision = JobDecision::Finish {
                condition: "SuccessCriteriaMet".into(),
                reason: "CompletionsReached".into(),
            };
        }
    }

    // Suspend / resume (step 10).
    if suspended {
        if set_condition(
            &mut status,
            JobCondition {
                status: "True".into(),
                ..condition("Suspended", "JobSuspended", "Job suspended", now)
            },
        ) {
            record_event(
                w,
                EventTarget::of(&job_obj),
                "Normal",
                "Suspended",
                "Job suspended",
                COMPONENT,
                "",
            );
        }
    } else if status
        .conditions
        .iter()
        .any(|c| c.type_ == "Suspended" && c.status == "True")
    {
        let resumed = JobCondition {
            status: "False".into(),
            ..condition("Suspended", "JobResumed", "Job resumed", now)
        };
        set_condition(&mut status, resumed);
        status.start_time = Some(now);
        record_event(
            w,
            EventTarget::of(&job_obj),
            "Normal",
            "Resumed",
            "Job resumed",
            COMPONENT,
            "",
        );
    }

    // Accounting with the finalizer protocol, then the final conditions (step 11).
    for p in &newly_succeeded {
        uncounted.succeeded.push(p.metadata.uid().to_string());
    }
    for p in &newly_failed {
        uncounted.failed.push(p.metadata.uid().to_string());
    }
    for uid in &deleted_now {
        if !uncounted.failed.contains(uid) {
            uncounted.failed.push(uid.clone());
        }
    }
    status.failed_indexes = per_index.then(|| indexes::compress(&failed_indexes));
    status.completed_indexes = if indexed {
        indexes::compress(&completed)
    } else {
        String::new()
    };
    status.active = active_now;
    status.ready = Some(ready.min(active_now));
    status.terminating = Some(api_terminating_count(w, &job));
    status.uncounted_terminated_pods = Some(uncounted.clone());
    let mut job_obj = write_status(w, &job_obj, &status, &old_status);
    let to_release: Vec<String> = pods
        .iter()
        .filter(|p| has_finalizer(p))
        .filter(|p| {
            let uid = p.metadata.uid().to_string();
            uncounted.succeeded.contains(&uid)
                || uncounted.failed.contains(&uid)
                || ignored.iter().any(|i| i.metadata.uid() == uid)
        })
        .map(|p| p.metadata.name.clone())
        .collect();
    for name in to_release {
        release(w, &name);
    }
    let before_flush = status.clone();
    if !indexed {
        status.succeeded += uncounted.succeeded.len() as i32;
    } else {
        status.succeeded = completed.len() as i32;
    }
    status.failed += uncounted.failed.len() as i32;
    status.uncounted_terminated_pods = Some(UncountedTerminatedPods::default());
    status.terminating = Some(api_terminating_count(w, &job));
    let quiet = status.terminating == Some(0) && api_active_count(w, &job) == 0;
    if quiet {
        if let Some(ft) = status
            .conditions
            .iter()
            .find(|c| c.type_ == "FailureTarget" && c.status == "True")
            .cloned()
        {
            if set_condition(
                &mut status,
                condition("Failed", &ft.reason, &ft.message, now),
            ) {
                record_event(
                    w,
                    EventTarget::of(&job_obj),
                    "Warning",
                    &ft.reason,
                    &ft.message,
                    COMPONENT,
                    "",
                );
                decision = JobDecision::Finish {
                    condition: "Failed".into(),
                    reason: ft.reason.clone(),
                };
            }
        } else if let Some(sc) = status
            .conditions
            .iter()
            .find(|c| c.type_ == "SuccessCriteriaMet" && c.status == "True")
            .cloned()
        {
            if set_condition(
                &mut status,
                condition("Complete", &sc.reason, &sc.message, now),
            ) {
                status.completion_time = Some(now);
                record_event(
                    w,
                    EventTarget::of(&job_obj),
                    "Normal",
                    "Completed",
                    "Job completed",
                    COMPONENT,
                    "",
                );
                if completions.is_some_and(|c| status.succeeded > c) && !indexed {
                    record_event(
                        w,
                        EventTarget::of(&job_obj),
                        "Warning",
                        "TooManySucceededPods",
                        "Too many succeeded pods running after completion count reached",
                        COMPONENT,
                        "",
                    );
                }
                decision = JobDecision::Finish {
                    condition: "Complete".into(),
                    reason: sc.reason.clone(),
                };
            }
        }
    }
    if status
        .conditions
        .iter()
        .any(|c| (c.type_ == "Failed" || c.type_ == "Complete") && c.status == "True")
    {
        requeue = None;
    }
    job_obj = write_status(w, &job_obj, &status, &before_flush);
    let _ = job_obj;
    let record = JobSync {
        job: name,
        active: active_now,
        ready,
        succeeded: status.succeeded,
        failed: status.failed.max(failed),
        terminating: status.terminating.unwrap_or(0),
        parallelism,
        completions,
        want_active,
        decision,
        requeue_ms: requeue,
    };
    w.log(Change::Sync(Account::new(record)));
    requeue
}

fn api_active_count(w: &Cluster, job: &Job) -> i32 {
    owned_pods(w, job)
        .filter(|p| !p.is_terminal() && !p.metadata.is_terminating())
        .count() as i32
}

fn api_terminating_count(w: &Cluster, job: &Job) -> i32 {
    owned_pods(w, job)
        .filter(|p| p.metadata.is_terminating() && !p.is_terminal())
        .count() as i32
}

fn owned_pods<'w>(w: &'w Cluster, job: &'w Job) -> impl Iterator<Item = &'w Pod> + 'w {
    let uid = job.metadata.uid();
    w.store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .filter(move |p| p.metadata.controller_ref().is_some_and(|r| r.uid == uid))
}

/// Writes the status when it changed; returns the stored Job.
fn write_status(
    w: &mut Client<'_>,
    job_obj: &Object,
    status: &JobStatus,
    before: &JobStatus,
) -> Rc<Object> {
    if status == before {
        return w
            .store
            .get_shared(Kind::Job, &job_obj.meta().name)
            .unwrap_or_else(|| Rc::new(job_obj.clone()));
    }
    let what = Update::JobStatus {
        active: status.active,
        succeeded: status.succeeded,
        failed: status.failed,
        conditions: status
            .conditions
            .iter()
            .filter(|c| c.status == "True")
            .map(|c| c.type_.clone())
            .collect(),
    };
    let status = status.clone();
    api::mutate(w, Kind::Job, &job_obj.meta().name, what, |o| {
        if let Object::Job(j) = o {
            j.status = Some(status);
        }
    })
    .unwrap_or_else(|_| Rc::new(job_obj.clone()))
}

/// manageJob (2.7): how many pods to create or delete. Returns the decision, wantActive and a
/// back-off wait.
fn manage_job(
    w: &mut Client<'_>,
    state: &mut JobControllerState,
    k: &str,
    job: &Job,
    job_obj: &Object,
    active: &[&Pod],
    seen: Seen<'_>,
) -> (JobDecision, Option<i32>, Option<u64>) {
    let Seen {
        completed,
        failed_indexes,
        succeeded,
        pods,
        record,
    } = seen;
    let n_active = active.len() as i32;
    if job.spec.suspend == Some(true) {
        let mut ranked: Vec<&Pod> = active.to_vec();
        ranked.sort_by(|a, b| ranking::compare(a, b));
        let n = ranked.len().min(MAX_PODS_PER_SYNC as usize);
        expect(state, w.now, k, 0, n as i64);
        for pod in &ranked[..n] {
            let _ = delete_pod(w, job_obj, &pod.metadata.name, COMPONENT);
        }
        return (
            if n > 0 {
                JobDecision::Delete(n as i32)
            } else {
                JobDecision::Suspended
            },
            Some(0),
            None,
        );
    }
    let parallelism = job.spec.parallelism.unwrap_or(1);
    let want = match job.spec.completions {
        None if succeeded > 0 => n_active,
        None => parallelism,
        Some(c) => parallelism.min(c - succeeded).max(0),
    };
    let indexed = job.is_indexed();
    // Too many: delete the least valuable (Indexed: duplicates and out-of-range first).
    let mut excess: Vec<&Pod> = Vec::new();
    if indexed {
        let completions = job.spec.completions.unwrap_or(0);
        let mut seen = BTreeSet::new();
        let mut ranked: Vec<&Pod> = active.to_vec();
        ranked.sort_by(|a, b| ranking::compare(b, a));
        for pod in ranked {
            match index_of(pod) {
                Some(i) if i < completions && !completed.contains(&i) && seen.insert(i) => {}
                _ => excess.push(pod),
            }
        }
    }
    let remaining_active = n_active - excess.len() as i32;
    if remaining_active > want {
        let mut rest: Vec<&Pod> = active
            .iter()
            .copied()
            .filter(|p| !excess.iter().any(|e| e.metadata.uid() == p.metadata.uid()))
            .collect();
        rest.sort_by(|a, b| ranking::compare(a, b));
        excess.extend(rest.into_iter().take((remaining_active - want) as usize));
    }
    if !excess.is_empty() {
        let n = excess.len().min(MAX_PODS_PER_SYNC as usize);
        expect(state, w.now, k, 0, n as i64);
        for pod in &excess[..n] {
            release(w, &pod.metadata.name);
            let _ = delete_pod(w, job_obj, &pod.metadata.name, COMPONENT);
        }
        return (JobDecision::Delete(n as i32), Some(want), None);
    }
    let failed_only = job.spec.pod_replacement_policy.as_deref() == Some("Failed")
        || job.spec.pod_failure_policy.is_some();
    let terminating = if failed_only {
        pods.iter()
            .filter(|p| p.metadata.is_terminating() && !p.is_terminal())
            .count() as i32
    } else {
        0
    };
    let diff = (want - n_active - terminating).min(MAX_PODS_PER_SYNC);
    if diff <= 0 {
        return (JobDecision::Nothing, Some(want), None);
    }
    let per_index = indexed && job.spec.backoff_limit_per_index.is_some();
    let remaining = if per_index {
        0
    } else {
        record.remaining_ms(w.wall_now())
    };
    if remaining > 0 {
        let wait = JobDecision::WaitBackoff {
            remaining_ms: remaining as u64,
            failures: record.failures_after_last_success,
        };
        return (wait, Some(want), Some(remaining as u64));
    }
    // Indexed: the lowest indexes neither completed, nor active, nor failed, nor backing off.
    let mut to_create: Vec<(Option<i32>, i32)> = Vec::new();
    let mut wait: Option<u64> = None;
    if indexed {
        let taken: BTreeSet<i32> = active.iter().filter_map(|p| index_of(p)).collect();
        let completions = job.spec.completions.unwrap_or(0);
        let now = w.wall_now();
        for i in (0..completions)
            .filter(|i| !completed.contains(i) && !taken.contains(i) && !failed_indexes.contains(i))
        {
            if to_create.len() as i32 >= diff {
                break;
            }
            let mut failures = 0;
            if per_index {
                let history: Vec<&Pod> = pods
                    .iter()
                    .copied()
                    .filter(|p| index_of(p) == Some(i) && p.phase() == "Failed")
                    .collect();
                failures = history
                    .iter()
                    .map(|p| index_failures(p) + 1)
                    .max()
                    .unwrap_or(0);
                if let Some(last) = history.iter().map(|p| finish_time(p)).max() {
                    let left = backoff::delay_for(failures as u32) - (now.0 - last.0);
                    if left > 0 {
                        wait = Some(wait.map_or(left as u64, |x| x.min(left as u64)));
                        continue;
                    }
                }
            }
            to_create.push((Some(i), failures));
        }
        if to_create.is_empty() {
            if let Some(ms) = wait {
                let d = JobDecision::WaitBackoff {
                    remaining_ms: ms,
                    failures: 0,
                };
                return (d, Some(want), Some(ms));
            }
        }
    } else {
        to_create.extend((0..diff).map(|_| (None, 0)));
    }
    expect(state, w.now, k, to_create.len() as i64, 0);
    // Slow start: batches of 1, 2, 4, … stop at the first failing batch.
    let mut created = 0;
    let mut batch = 1usize;
    let mut queue = to_create.into_iter();
    'batches: loop {
        let chunk: Vec<(Option<i32>, i32)> = queue.by_ref().take(batch).collect();
        if chunk.is_empty() {
            break;
        }
        for (index, failures) in chunk {
            let failures = per_index.then_some(failures);
            if create_pod(
                w,
                job_obj,
                new_pod(job, job_obj, index, failures),
                COMPONENT,
            )
            .is_err()
            {
                break 'batches;
            }
            created += 1;
        }
        batch *= 2;
    }
    (JobDecision::Create(created), Some(want), wait)
}

fn expect(state: &mut JobControllerState, at: SimTime, k: &str, add: i64, del: i64) {
    state
        .expectations
        .insert(k.to_string(), Expectations { add, del, at });
}

/// A pod for the Job, as the controller builds it (2.3).
fn new_pod(job: &Job, job_obj: &Object, index: Option<i32>, index_failures: Option<i32>) -> Pod {
    let name = &job.metadata.name;
    let prefix = match index {
        Some(i) => {
            let tail = format!("-{i}-");
            let keep = 58usize.saturating_sub(tail.len());
            format!("{}{tail}", name.chars().take(keep).collect::<String>())
        }
        None => format!("{name}-"),
    };
    let mut pod = pod_from_template(
        &job.spec.template,
        job_obj,
        prefix,
        vec![TRACKING_FINALIZER.into()],
    );
    if let Some(i) = index {
        pod.metadata
            .labels
            .insert(COMPLETION_INDEX.into(), i.to_string());
        pod.metadata
            .annotations
            .insert(COMPLETION_INDEX.into(), i.to_string());
        pod.spec.hostname = Some(format!("{name}-{i}"));
        if let Some(n) = index_failures {
            pod.metadata
                .annotations
                .insert(INDEX_FAILURE_COUNT.into(), n.to_string());
        }
        let env = serde_json::json!({
            "name": "JOB_COMPLETION_INDEX",
            "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": format!("metadata.labels['{COMPLETION_INDEX}']")}}
        });
        for c in pod
            .spec
            .containers
            .iter_mut()
            .chain(pod.spec.init_containers.iter_mut())
        {
            let mut list = match c.env.take() {
                Some(serde_json::Value::Array(a)) => a,
                _ => Vec::new(),
            };
            list.push(env.clone());
            c.env = Some(serde_json::Value::Array(list));
        }
    }
    pod
}
