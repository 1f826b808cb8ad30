//! The TTL-after-finished controller: deletes a finished Job `ttlSecondsAfterFinished` after
//! its Complete or Failed condition, with Foreground propagation (pods go first).

use super::{key, name_of};
use crate::api::{self, DeleteOptions, Propagation, WatchEvent};
use crate::model::job::Job;
use crate::model::{Kind, Object, Time};
use crate::sim::trace::WatchType;
use crate::sim::Actor;
use crate::world::{Controller, World};

const COMPONENT: &str = "ttl-after-finished-controller";

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
pub fn on_watch(w: &mut World, ev: &WatchEvent) {
    let (Object::Job(job), WatchType::Added | WatchType::Modified) = (&*ev.object, ev.ty) else {
        return;
    };
    let Some(at) = expiry(job) else { return };
    let delay = (at.0 - w.wall_now().0).max(0) as u64;
    let now = w.now;
    w.controllers
        .ttl
        .add_after(&key(&job.metadata.name), now, delay);
    let cause = ev.cause();
    super::kick(w, Controller::Ttl, cause);
}

/// The worker: deletes every Job whose TTL has run out.
pub fn process(w: &mut World) {
    let cause = w.cause().clone();
    w.act_as(Actor::Controller(COMPONENT.into()), cause.clone());
    let now = w.now;
    w.controllers.ttl.promote(now);
    while let Some(k) = w.controllers.ttl.get() {
        // Re-read the Job: its TTL may have changed meanwhile.
        let job = api::get(w, Kind::Job, name_of(&k))
            .and_then(Object::as_job)
            .cloned();
        if let Some(at) = job.as_ref().and_then(expiry) {
            if at <= w.wall_now() {
                let opts = DeleteOptions {
                    grace_period_seconds: None,
                    propagation: Some(Propagation::Foreground),
                };
                let _ = api::delete(w, Kind::Job, name_of(&k), opts);
            } else {
                let delay = (at.0 - w.wall_now().0) as u64;
                w.controllers.ttl.add_after(&k, now, delay);
            }
        }
        w.controllers.ttl.done(&k);
    }
    super::kick(w, Controller::Ttl, cause);
}
