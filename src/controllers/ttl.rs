//! The TTL-after-finished controller: deletes a finished Job `ttlSecondsAfterFinished` after
//! its Complete or Failed condition, with Foreground propagation (pods go first).

use super::{key, split_key, Reconciler, Requeue};
use crate::api::{self, ApiError, DeleteOptions, Propagation, WatchEvent};
use crate::cluster::{Client, Controller, Informer};
use crate::model::job::Job;
use crate::model::{Kind, Object, Time};
use crate::sim::trace::WatchType;
use crate::sim::WorkQueue;

/// When a finished Job with a TTL expires.
pub fn expiry(job: &Job) -> Option<Time> {
    let ttl = job.spec.ttl_seconds_after_finished?;
    let finished = job
        .status
        .as_ref()?
        .conditions
        .iter()
        .filter(|c| (c.type_ == "Complete" || c.type_ == "Failed") && c.status == "True")
        .filter_map(|c| c.last_transition_time)
        .max()?;
    Some(finished.plus_ms(i64::from(ttl) * 1000))
}

/// Informer hook: finished Jobs with a TTL are queued for their expiry.
pub fn on_watch(w: &mut Informer<'_>, queue: &mut WorkQueue, ev: &WatchEvent) {
    let (Object::Job(job), WatchType::Added | WatchType::Modified) = (&*ev.object, ev.ty) else {
        return;
    };
    let Some(at) = expiry(job) else { return };
    let delay = (at.0 - w.wall_now().0).max(0) as u64;
    queue.add_after(&key(job.metadata.ns(), &job.metadata.name), w.now, delay);
    super::kick(w, Controller::Ttl, queue, ev.cause());
}

/// The TTL-after-finished controller (`pkg/controller/ttlafterfinished`).
#[derive(Debug)]
pub struct TtlController;

impl Reconciler for TtlController {
    type State = WorkQueue;
    type Error = ApiError;
    const CONTROLLER: Controller = Controller::Ttl;
    const COMPONENT: &'static str = "ttl-after-finished-controller";

    fn queue(state: &mut WorkQueue) -> &mut WorkQueue {
        state
    }

    /// `processJob`: deletes the Job if its TTL has run out, or looks again when it will.
    fn reconcile(w: &mut Client<'_>, _: &mut WorkQueue, k: &str) -> Result<Requeue, ApiError> {
        // Re-read the Job: its TTL may have changed meanwhile.
        let (namespace, name) = split_key(k);
        let job = api::get(w, Kind::Job, namespace, name)
            .and_then(Object::as_job)
            .cloned();
        let Some(at) = job.as_ref().and_then(expiry) else {
            return Ok(Requeue::AwaitChange);
        };
        if at > w.wall_now() {
            return Ok(Requeue::After((at.0 - w.wall_now().0) as u64));
        }
        let opts = DeleteOptions {
            grace_period_seconds: None,
            propagation: Some(Propagation::Foreground),
        };
        api::delete(w, Kind::Job, namespace, name, opts)?;
        Ok(Requeue::AwaitChange)
    }
}
