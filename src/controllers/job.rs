//! The Job controller (`pkg/controller/job`): informer hooks that queue Job keys, the
//! reconciler, and the pieces of a sync that read like `job_controller.go`: [`sync`] (`syncJob`
//! and its decisions), [`manage`] (`manageJob`) and [`status`]
//! (`trackJobStatusAndRemoveFinalizers`, `enactJobFinished`); the pod failure back-off and the
//! podFailurePolicy and successPolicy rules live in [`backoff`] and [`policy`].

pub mod backoff;
mod manage;
pub mod policy;
mod status;
mod sync;

pub use sync::sync_job;

use super::expectations::Expectations;
use super::{key, Reconciler, Requeue};
use crate::api::Set;
use crate::api::{self, ApiError, WatchEvent};
use crate::cluster::{Client, Cluster, Controller, Event, Informer, Schedule};
use crate::model::job::{Job, COMPLETION_INDEX, INDEX_FAILURE_COUNT, TRACKING_FINALIZER};
use crate::model::selector::LabelSelector;
use crate::model::{Kind, Object, Pod};
use crate::sim::trace::WatchType;
use crate::sim::{Update, WorkQueue};
use backoff::BackoffRecord;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Pod events are coalesced for this long before the Job is synced.
pub const SYNC_BATCH_MS: u64 = 1_000;
/// At most this many pods are created or deleted per sync.
pub const MAX_PODS_PER_SYNC: i32 = 500;
const COMPONENT: &str = "job-controller";

/// Why a Job sync failed; the worker retries the Job with back-off (1 s doubling to 1 min).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// The API server refused pods the Job needed (e.g. the store's quota is used up).
    #[error("creating {failed} pods for Job {job:?}: {error}")]
    CreatePods {
        /// The Job.
        job: String,
        /// The refused creates and those skipped after them.
        failed: usize,
        /// The first refusal.
        error: ApiError,
    },
}

/// The Job controller's queue and in-memory records.
#[derive(Clone, Debug)]
pub struct JobControllerState {
    /// Job keys to sync (sync errors back off 1 s doubling to 1 min).
    pub queue: WorkQueue,
    /// Creations and deletions not yet observed, per Job.
    pub expectations: BTreeMap<String, Expectations>,
    /// Pod failure back-off records, per Job.
    pub backoff: BTreeMap<String, BackoffRecord>,
    /// For each Job (by uid) a sync has listed the pods of, the names of the pods it controls
    /// that the next sync reads: all but the settled ones ([`settled`]), which no decision of a
    /// sync reads. A watch event of a pod puts it back in its controller's set, so a settled
    /// pod that changes is read again. This keeps a sync's cost to the pods that can matter,
    /// not the Job's whole history. Absent for a Job not yet synced (its first sync lists every
    /// pod) and for one with `backoffLimitPerIndex` (which reads its failed pods' history).
    pub unsettled: BTreeMap<String, Set<Rc<str>>>,
}

impl Default for JobControllerState {
    fn default() -> Self {
        JobControllerState {
            queue: WorkQueue::new(1_000, 60_000),
            expectations: BTreeMap::new(),
            backoff: BTreeMap::new(),
            unsettled: BTreeMap::new(),
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
            let k = key(job.metadata.ns(), &job.metadata.name);
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
                    state.unsettled.remove(job.metadata.uid());
                    // `deleteJob` → `cleanupPodFinalizers`: the deleted Job's pods that still
                    // carry the tracking finalizer are released, or a pod that was already
                    // terminating would keep its finalizer forever.
                    let uid = job.metadata.uid();
                    let held: Vec<String> = w
                        .store
                        .list_in(Kind::Pod, job.metadata.ns())
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
                        let namespace = job.metadata.ns().to_string();
                        let e = Event::JobPodCleanup { namespace, pod };
                        w.schedule_once(now, e, cause.clone());
                    }
                }
            }
        }
        Object::Pod(pod) => {
            let was = ev.old.as_ref().and_then(|o| o.meta().controller_ref());
            for r in pod.metadata.controller_ref().into_iter().chain(was) {
                if let Some(set) = state.unsettled.get_mut(&r.uid) {
                    set.insert(Rc::from(pod.metadata.name.as_str()));
                }
            }
            let Some(owner) = job_owner(pod) else { return };
            let k = key(pod.metadata.ns(), owner);
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
            if w.store.get(Kind::Job, pod.metadata.ns(), owner).is_some() {
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
                        namespace: pod.metadata.ns().to_string(),
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
    type Error = SyncError;
    const CONTROLLER: Controller = Controller::Job;
    const COMPONENT: &'static str = COMPONENT;

    fn queue(state: &mut JobControllerState) -> &mut WorkQueue {
        &mut state.queue
    }

    fn reconcile(
        w: &mut Client<'_>,
        state: &mut JobControllerState,
        k: &str,
    ) -> Result<Requeue, SyncError> {
        Ok(sync_job(w, state, k)?.map_or(Requeue::AwaitChange, Requeue::After))
    }
}

/// Removes the tracking finalizer from a pod whose Job no longer exists.
pub fn cleanup_orphan_pod(c: &mut Cluster, namespace: &str, name: &str) {
    let w = &mut c.client(crate::sim::Actor::Controller(COMPONENT.into()));
    let Some(pod) = api::pod(w, namespace, name) else {
        return;
    };
    let owner_lives = pod.metadata.controller_ref().is_some_and(|r| {
        api::get(w, Kind::Job, namespace, &r.name).is_some_and(|j| j.meta().uid() == r.uid)
    });
    if owner_lives {
        return;
    }
    release(w, namespace, name);
}

fn index_of(pod: &Pod) -> Option<i32> {
    pod.metadata
        .annotations
        .get(COMPLETION_INDEX)
        .and_then(|v| v.parse().ok())
}

/// Removes the tracking finalizer from a pod, so that it can go once it is deleted.
fn release(w: &mut Client<'_>, namespace: &str, pod: &str) {
    let finalizer = Update::FinalizerRemoved {
        finalizer: TRACKING_FINALIZER.into(),
    };
    let _ = api::mutate_pod(w, namespace, pod, finalizer, |p| {
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

fn has_finalizer(pod: &Pod) -> bool {
    pod.metadata
        .finalizers
        .iter()
        .any(|f| f == TRACKING_FINALIZER)
}

/// Whether a pod of the Job `uid` is settled: finished, released (no tracking finalizer) and
/// still matching the selector. No decision of a sync reads it again (a Job with
/// `backoffLimitPerIndex` aside) until it changes.
fn settled(pod: &Pod, uid: &str, selector: &LabelSelector) -> bool {
    pod.is_terminal()
        && !has_finalizer(pod)
        && pod.metadata.controller_ref().is_some_and(|r| r.uid == uid)
        && selector.matches(&pod.metadata.labels)
}

/// The pods a sync of the Job reads, in the store's order (by name): every pod of its namespace
/// the first time; afterwards the pods it controls that are not settled, and the orphans it may
/// adopt. Both give the same decisions: a settled pod is neither claimed, released, counted
/// nor active.
fn candidates(w: &Client<'_>, state: &JobControllerState, job: &Job) -> Vec<Rc<Object>> {
    let ns = job.metadata.ns();
    let Some(names) = state.unsettled.get(job.metadata.uid()) else {
        return w.store.list_shared_in(Kind::Pod, ns).cloned().collect();
    };
    let mut found: BTreeMap<&str, Rc<Object>> = BTreeMap::new();
    for name in names {
        if let Some(obj) = w.store.get_shared(Kind::Pod, ns, name) {
            found.insert(name, obj);
        }
    }
    for obj in w.store.orphan_pods_in(ns) {
        found.insert(&obj.meta().name, Rc::clone(obj));
    }
    found.into_values().collect()
}

/// After a sync: the pods the next one reads ([`JobControllerState::unsettled`]), from those
/// this one read and created, as stored now.
fn remember_unsettled(w: &Client<'_>, state: &mut JobControllerState, ctx: &sync::SyncJobCtx<'_>) {
    let job = ctx.job;
    if ctx.per_index {
        return;
    }
    let (uid, ns) = (job.metadata.uid(), job.metadata.ns());
    let selector = job.spec.selector.clone().unwrap_or_default();
    let mut keep = Set::new();
    let names = ctx.pods.iter().map(|p| p.metadata.name.as_str());
    for name in names.chain(ctx.created.iter().map(String::as_str)) {
        let pod = w.store.get(Kind::Pod, ns, name).and_then(Object::as_pod);
        if pod.is_some_and(|p| !settled(p, uid, &selector)) {
            keep.insert(Rc::from(name));
        }
    }
    state.unsettled.insert(uid.to_string(), keep);
}

/// Lists the Job's pods: those it controls that still match its selector. Orphans that match
/// are adopted (controller reference and tracking finalizer added) unless the Job is deleting.
fn claim_pods(
    w: &mut Client<'_>,
    state: &JobControllerState,
    job: &Job,
    job_obj: &Object,
) -> Vec<Rc<Object>> {
    let uid = job.metadata.uid().to_string();
    let selector = job.spec.selector.clone().unwrap_or_default();
    let candidates = candidates(w, state, job);
    let mut out = Vec::new();
    for obj in candidates {
        let Some(pod) = obj.as_pod() else { continue };
        let matches = selector.matches(&pod.metadata.labels);
        match pod.metadata.controller_ref() {
            Some(r) if r.uid == uid => {
                if matches {
                    out.push(Rc::clone(&obj));
                } else {
                    let (ns, name) = (pod.metadata.ns(), &pod.metadata.name);
                    let _ = api::mutate_pod(w, ns, name, Update::Released, |p| {
                        p.metadata.owner_references.retain(|r| r.uid != uid);
                    });
                }
            }
            None if matches && !job.metadata.is_terminating() && !pod.metadata.is_terminating() => {
                let owner = super::podcontrol::controller_ref(job_obj);
                if let Ok(adopted) = api::mutate_pod(
                    w,
                    pod.metadata.ns(),
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
