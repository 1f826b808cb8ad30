//! The Job's status (`trackJobStatusAndRemoveFinalizers` and `enactJobFinished` in
//! `pkg/controller/job/job_controller.go`): finished pods are first recorded as uncounted in
//! the status, then their tracking finalizers are removed, then they are added to `succeeded`
//! and `failed`; once no pod is left, the Job's terminal condition is written.

use super::sync::SyncJobCtx;
use super::{has_finalizer, release, COMPONENT};
use crate::api::{self, record_event, EventTarget};
use crate::cluster::{Client, Cluster};
use crate::controllers::record::JobDecision;
use crate::model::indexes;
use crate::model::job::{JobCondition, JobStatus, UncountedTerminatedPods};
use crate::model::{Kind, Object, Pod, Time};
use crate::sim::Update;
use std::rc::Rc;

/// A condition that holds (`status: "True"`), set now.
pub(super) fn condition(type_: &str, reason: &str, message: &str, now: Time) -> JobCondition {
    JobCondition {
        type_: type_.into(),
        status: "True".into(),
        last_probe_time: Some(now),
        last_transition_time: Some(now),
        reason: reason.into(),
        message: message.into(),
    }
}

/// Adds a condition or replaces one of its type whose status differs; returns whether the
/// status changed.
pub(super) fn set_condition(status: &mut JobStatus, c: JobCondition) -> bool {
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

/// The Job's pods as stored now (after this sync's own writes): those the sync read and those
/// it created. A pod the sync skipped as settled is finished, so no count below misses it.
fn owned_pods<'w>(w: &'w Cluster, ctx: &'w SyncJobCtx<'_>) -> impl Iterator<Item = &'w Pod> + 'w {
    let (uid, ns) = (ctx.job.metadata.uid(), ctx.job.metadata.ns());
    ctx.pods
        .iter()
        .map(|p| p.metadata.name.as_str())
        .chain(ctx.created.iter().map(String::as_str))
        .filter_map(move |name| w.store.get(Kind::Pod, ns, name))
        .filter_map(Object::as_pod)
        .filter(move |p| p.metadata.controller_ref().is_some_and(|r| r.uid == uid))
}

/// Pods neither finished nor terminating, as stored now.
pub(super) fn active_count(w: &Cluster, ctx: &SyncJobCtx<'_>) -> i32 {
    live_counts(w, ctx).0
}

/// The pods that have not finished, as stored now: (active, being deleted), in one pass.
fn live_counts(w: &Cluster, ctx: &SyncJobCtx<'_>) -> (i32, i32) {
    let (mut active, mut terminating) = (0, 0);
    for p in owned_pods(w, ctx).filter(|p| !p.is_terminal()) {
        if p.metadata.is_terminating() {
            terminating += 1;
        } else {
            active += 1;
        }
    }
    (active, terminating)
}

/// `trackJobStatusAndRemoveFinalizers`: writes the status with the newly finished pods as
/// uncounted, removes their tracking finalizers (and those of ignored failures), then adds them
/// to the counts and writes again, with the terminal condition when the Job is done.
pub(super) fn track_job_status_and_remove_finalizers(w: &mut Client<'_>, ctx: &mut SyncJobCtx<'_>) {
    let job = ctx.job;
    for p in &ctx.new_succeeded {
        ctx.uncounted.succeeded.push(p.metadata.uid().to_string());
    }
    for p in &ctx.new_failed {
        ctx.uncounted.failed.push(p.metadata.uid().to_string());
    }
    for uid in &ctx.deleted {
        if !ctx.uncounted.failed.contains(uid) {
            ctx.uncounted.failed.push(uid.clone());
        }
    }
    let terminating = live_counts(w, ctx).1;
    let status = &mut ctx.status;
    status.failed_indexes = ctx
        .per_index
        .then(|| indexes::compress(&ctx.failed_indexes));
    status.completed_indexes = if job.is_indexed() {
        indexes::compress(&ctx.completed)
    } else {
        String::new()
    };
    status.active = ctx.active_now;
    status.ready = Some(ctx.ready.min(ctx.active_now));
    status.terminating = Some(terminating);
    status.uncounted_terminated_pods = Some(ctx.uncounted.clone());
    let job_obj = write_status(w, ctx.job_obj, &ctx.status, &ctx.old_status);
    // The uids whose finalizer goes now, as a set: a Job has up to `parallelism` of them and
    // may have far more pods.
    let release_uids: std::collections::BTreeSet<&str> = ctx
        .uncounted
        .succeeded
        .iter()
        .chain(ctx.uncounted.failed.iter())
        .map(String::as_str)
        .chain(ctx.ignored.iter().map(|i| i.metadata.uid()))
        .collect();
    let to_release: Vec<String> = ctx
        .pods
        .iter()
        .filter(|p| has_finalizer(p) && release_uids.contains(p.metadata.uid()))
        .map(|p| p.metadata.name.clone())
        .collect();
    for name in to_release {
        release(w, job.metadata.ns(), &name);
    }
    let before_flush = ctx.status.clone();
    let (active, terminating) = live_counts(w, ctx);
    let status = &mut ctx.status;
    if job.is_indexed() {
        status.succeeded = ctx.completed.len() as i32;
    } else {
        status.succeeded += ctx.uncounted.succeeded.len() as i32;
    }
    status.failed += ctx.uncounted.failed.len() as i32;
    status.uncounted_terminated_pods = Some(UncountedTerminatedPods::default());
    status.terminating = Some(terminating);
    if terminating == 0 && active == 0 {
        enact_job_finished(w, ctx, &job_obj);
    }
    if ctx
        .status
        .conditions
        .iter()
        .any(|c| (c.type_ == "Failed" || c.type_ == "Complete") && c.status == "True")
    {
        ctx.requeue = None;
    }
    write_status(w, &job_obj, &ctx.status, &before_flush);
}

/// `enactJobFinished`: with no pod left, a FailureTarget becomes `Failed` (a Warning Event with
/// its reason) and SuccessCriteriaMet becomes `Complete` (completionTime, a `Completed` Event,
/// and `TooManySucceededPods` when more pods succeeded than completions).
fn enact_job_finished(w: &mut Client<'_>, ctx: &mut SyncJobCtx<'_>, job_obj: &Object) {
    let now = ctx.now;
    let status = &mut ctx.status;
    let holding = |type_: &str| {
        status
            .conditions
            .iter()
            .find(|c| c.type_ == type_ && c.status == "True")
            .cloned()
    };
    let (failure, success) = (holding("FailureTarget"), holding("SuccessCriteriaMet"));
    let event = |w: &mut Client<'_>, type_: &str, reason: &str, message: &str| {
        let target = EventTarget::of(job_obj);
        record_event(w, target, type_, reason, message, COMPONENT, "");
    };
    if let Some(ft) = failure {
        if set_condition(status, condition("Failed", &ft.reason, &ft.message, now)) {
            event(w, "Warning", &ft.reason, &ft.message);
            ctx.decision = JobDecision::Finish {
                condition: "Failed".into(),
                reason: ft.reason,
            };
        }
    } else if let Some(sc) = success {
        if set_condition(status, condition("Complete", &sc.reason, &sc.message, now)) {
            status.completion_time = Some(now);
            event(w, "Normal", "Completed", "Job completed");
            let completions = ctx.job.spec.completions;
            if completions.is_some_and(|c| status.succeeded > c) && !ctx.job.is_indexed() {
                event(
                    w,
                    "Warning",
                    "TooManySucceededPods",
                    "Too many succeeded pods running after completion count reached",
                );
            }
            ctx.decision = JobDecision::Finish {
                condition: "Complete".into(),
                reason: sc.reason,
            };
        }
    }
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
            .get_shared(Kind::Job, job_obj.meta().ns(), &job_obj.meta().name)
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
    let (ns, name) = (job_obj.meta().ns(), &job_obj.meta().name);
    api::mutate(w, Kind::Job, ns, name, what, |o| {
        if let Object::Job(j) = o {
            j.status = Some(status);
        }
    })
    .unwrap_or_else(|_| Rc::new(job_obj.clone()))
}
