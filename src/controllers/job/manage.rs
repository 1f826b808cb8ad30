//! `manageJob` (`pkg/controller/job/job_controller.go`): how many pods the Job wants running,
//! deleting the least valuable extras or creating the missing ones in slow-start batches, with
//! expectations raised before each write and lowered again for a create the API server refused
//! (and for those skipped after it).

use super::backoff::{self, finish_time};
use super::sync::SyncJobCtx;
use super::{index_failures, index_of, release, JobControllerState, SyncError, COMPONENT};
use super::{MAX_PODS_PER_SYNC, TRACKING_FINALIZER};
use crate::cluster::Client;
use crate::controllers::expectations::Expectations;
use crate::controllers::podcontrol::{create_pod, delete_pod, pod_from_template};
use crate::controllers::ranking;
use crate::controllers::record::JobDecision;
use crate::model::job::{Job, COMPLETION_INDEX, INDEX_FAILURE_COUNT};
use crate::model::{Object, Pod};
use std::collections::BTreeSet;

/// `manageJob`: deletes pods when more are active than wanted (all of them while suspended),
/// else creates the missing ones unless the pod failure back-off holds them. Records the
/// decision, the wanted count and any back-off requeue on `ctx`.
pub(super) fn manage_job(
    w: &mut Client<'_>,
    state: &mut JobControllerState,
    ctx: &mut SyncJobCtx<'_>,
) -> Result<(), SyncError> {
    let job = ctx.job;
    if job.spec.suspend == Some(true) {
        let mut ranked: Vec<&Pod> = ctx.active.clone();
        crate::sort::sort_by(&mut ranked, |a, b| ranking::compare(a, b));
        let n = ranked.len().min(MAX_PODS_PER_SYNC as usize);
        expect(w, state, ctx.key, 0, n as i64);
        for pod in &ranked[..n] {
            let _ = delete_pod(w, ctx.job_obj, &pod.metadata.name, COMPONENT);
        }
        ctx.decision = if n > 0 {
            JobDecision::Delete(n as i32)
        } else {
            JobDecision::Suspended
        };
        ctx.want_active = Some(0);
        return Ok(());
    }
    let n_active = ctx.active.len() as i32;
    let parallelism = job.spec.parallelism.unwrap_or(1);
    let want = match job.spec.completions {
        None if ctx.succeeded > 0 => n_active,
        None => parallelism,
        Some(c) => parallelism.min(c - ctx.succeeded).max(0),
    };
    ctx.want_active = Some(want);
    let excess = excess_pods(ctx, want);
    if !excess.is_empty() {
        let n = excess.len().min(MAX_PODS_PER_SYNC as usize);
        expect(w, state, ctx.key, 0, n as i64);
        for pod in &excess[..n] {
            release(w, pod.metadata.ns(), &pod.metadata.name);
            let _ = delete_pod(w, ctx.job_obj, &pod.metadata.name, COMPONENT);
        }
        ctx.decision = JobDecision::Delete(n as i32);
        return Ok(());
    }
    let failed_only = job.spec.pod_replacement_policy.as_deref() == Some("Failed")
        || job.spec.pod_failure_policy.is_some();
    let terminating = if failed_only {
        ctx.pods
            .iter()
            .filter(|p| p.metadata.is_terminating() && !p.is_terminal())
            .count() as i32
    } else {
        0
    };
    let diff = (want - n_active - terminating).min(MAX_PODS_PER_SYNC);
    if diff <= 0 {
        return Ok(());
    }
    let remaining = if ctx.per_index {
        0
    } else {
        ctx.backoff.remaining_ms(w.wall_now())
    };
    if remaining > 0 {
        ctx.decision = JobDecision::WaitBackoff {
            remaining_ms: remaining as u64,
            failures: ctx.backoff.failures_after_last_success,
        };
        ctx.requeue_after(remaining as u64);
        return Ok(());
    }
    let (to_create, wait) = if job.is_indexed() {
        indexes_to_create(w, ctx, diff)
    } else {
        ((0..diff).map(|_| (None, 0)).collect(), None)
    };
    if let Some(ms) = wait {
        ctx.requeue_after(ms);
        if to_create.is_empty() {
            ctx.decision = JobDecision::WaitBackoff {
                remaining_ms: ms,
                failures: 0,
            };
            return Ok(());
        }
    }
    create_pods(w, state, ctx, to_create)
}

/// The active pods beyond `want`, least valuable first (for an Indexed Job, duplicates of an
/// index and indexes out of range or already completed go first).
fn excess_pods<'a>(ctx: &SyncJobCtx<'a>, want: i32) -> Vec<&'a Pod> {
    let mut excess: Vec<&Pod> = Vec::new();
    if ctx.job.is_indexed() {
        let completions = ctx.job.spec.completions.unwrap_or(0);
        let mut seen = BTreeSet::new();
        let mut ranked: Vec<&Pod> = ctx.active.clone();
        crate::sort::sort_by(&mut ranked, |a, b| ranking::compare(b, a));
        for pod in ranked {
            match index_of(pod) {
                Some(i) if i < completions && !ctx.completed.contains(&i) && seen.insert(i) => {}
                _ => excess.push(pod),
            }
        }
    }
    let remaining_active = ctx.active.len() as i32 - excess.len() as i32;
    if remaining_active > want {
        let mut rest: Vec<&Pod> = ctx
            .active
            .iter()
            .copied()
            .filter(|p| !excess.iter().any(|e| e.metadata.uid() == p.metadata.uid()))
            .collect();
        crate::sort::sort_by(&mut rest, |a, b| ranking::compare(a, b));
        excess.extend(rest.into_iter().take((remaining_active - want) as usize));
    }
    excess
}

/// For an Indexed Job, the lowest indexes neither completed, nor active, nor failed, nor
/// backing off (backoffLimitPerIndex), with each one's failure count; and the earliest end of a
/// per-index back-off that held an index.
fn indexes_to_create(
    w: &Client<'_>,
    ctx: &SyncJobCtx<'_>,
    diff: i32,
) -> (Vec<(Option<i32>, i32)>, Option<u64>) {
    let taken: BTreeSet<i32> = ctx.active.iter().filter_map(|p| index_of(p)).collect();
    let completions = ctx.job.spec.completions.unwrap_or(0);
    let now = w.wall_now();
    let mut to_create = Vec::new();
    let mut wait: Option<u64> = None;
    let free = (0..completions).filter(|i| {
        !ctx.completed.contains(i) && !taken.contains(i) && !ctx.failed_indexes.contains(i)
    });
    for i in free {
        if to_create.len() as i32 >= diff {
            break;
        }
        let mut failures = 0;
        if ctx.per_index {
            let history: Vec<&Pod> = ctx
                .pods
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
    (to_create, wait)
}

/// Creates the pods in slow-start batches of 1, 2, 4, …. Every pod of a batch is attempted;
/// each refused create lowers the expectations (`CreationObserved`), and after a batch with a
/// refusal the rest are skipped and lowered too, so that the next sync is not held back; the
/// error makes the worker retry the Job with back-off.
fn create_pods(
    w: &mut Client<'_>,
    state: &mut JobControllerState,
    ctx: &mut SyncJobCtx<'_>,
    to_create: Vec<(Option<i32>, i32)>,
) -> Result<(), SyncError> {
    expect(w, state, ctx.key, to_create.len() as i64, 0);
    let total = to_create.len();
    let mut created = 0;
    let mut attempted = 0;
    let mut refused: Option<(usize, crate::api::ApiError)> = None;
    let mut batch = 1usize;
    let mut queue = to_create.into_iter();
    while refused.is_none() {
        let chunk: Vec<(Option<i32>, i32)> = queue.by_ref().take(batch).collect();
        if chunk.is_empty() {
            break;
        }
        for (index, failures) in chunk {
            attempted += 1;
            let failures = ctx.per_index.then_some(failures);
            let pod = new_pod(ctx.job, ctx.job_obj, index, failures);
            match create_pod(w, ctx.job_obj, pod, COMPONENT) {
                Ok(name) => {
                    created += 1;
                    ctx.created.push(name);
                }
                Err(e) => {
                    let (n, _) = refused.get_or_insert((0, e));
                    *n += 1;
                }
            }
        }
        batch *= 2;
    }
    ctx.decision = JobDecision::Create(created);
    let Some((failed, error)) = refused else {
        return Ok(());
    };
    // CreationObserved for each refused create and each skipped one.
    let skipped = total - attempted;
    if let Some(e) = state.expectations.get_mut(ctx.key) {
        e.add -= (failed + skipped) as i64;
    }
    Err(SyncError::CreatePods {
        job: ctx.job.metadata.name.clone(),
        failed: failed + skipped,
        error,
    })
}

/// Raises the expectations of the Job before its creations or deletions.
fn expect(w: &Client<'_>, state: &mut JobControllerState, k: &str, add: i64, del: i64) {
    let at = w.now;
    state
        .expectations
        .insert(k.to_string(), Expectations { add, del, at });
}

/// A pod for the Job, as the controller builds it: named after the Job (Indexed: after the Job
/// and index), with the tracking finalizer; an Indexed pod carries its index as label,
/// annotation, hostname and `JOB_COMPLETION_INDEX`.
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
        std::rc::Rc::make_mut(&mut pod.spec).hostname = Some(format!("{name}-{i}"));
        if let Some(n) = index_failures {
            pod.metadata
                .annotations
                .insert(INDEX_FAILURE_COUNT.into(), n.to_string());
        }
        let env = serde_json::json!({
            "name": "JOB_COMPLETION_INDEX",
            "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": format!("metadata.labels['{COMPLETION_INDEX}']")}}
        });
        let spec = std::rc::Rc::make_mut(&mut pod.spec);
        for c in std::rc::Rc::make_mut(&mut spec.containers)
            .iter_mut()
            .chain(std::rc::Rc::make_mut(&mut spec.init_containers).iter_mut())
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
