//! Controllers and the machinery they share (ctrl-utils): expectations, the ranking of pods for
//! deletion, and creating pods from a template with the events the real pod control records.

pub mod cronjob;
pub mod daemonset;
pub mod expectations;
pub mod job;
pub mod podcontrol;
pub mod ranking;
pub mod record;
pub mod ttl;

use crate::sim::{Cause, WorkQueue};
use crate::world::{Controller, Event, World};

/// State kept by the controllers (their informers' queues and in-memory records).
#[derive(Clone, Debug)]
pub struct ControllerState {
    /// The Job controller.
    pub job: job::JobControllerState,
    /// The CronJob controller.
    pub cronjob: cronjob::CronJobControllerState,
    /// The DaemonSet controller.
    pub daemonset: daemonset::DaemonSetControllerState,
    /// The TTL-after-finished controller's queue.
    pub ttl: WorkQueue,
}

impl Default for ControllerState {
    fn default() -> Self {
        ControllerState {
            job: job::JobControllerState::default(),
            cronjob: cronjob::CronJobControllerState::default(),
            daemonset: daemonset::DaemonSetControllerState::default(),
            ttl: WorkQueue::default_controller(),
        }
    }
}

/// Keys are `namespace/name`, as client-go's `MetaNamespaceKeyFunc` makes them.
pub fn key(name: &str) -> String {
    format!("{}/{name}", crate::api::NAMESPACE)
}

/// The name part of a key.
pub fn name_of(key: &str) -> &str {
    key.rsplit('/').next().unwrap_or(key)
}

/// Makes sure a controller's worker runs: now for ready keys, later for the earliest delayed one.
pub fn kick(w: &mut World, controller: Controller, cause: Cause) {
    let q = match controller {
        Controller::Job => &w.controllers.job.queue,
        Controller::CronJob => &w.controllers.cronjob.queue,
        Controller::DaemonSet => &w.controllers.daemonset.queue,
        Controller::Ttl => &w.controllers.ttl,
    };
    let (ready, wake) = (!q.is_empty(), q.next_wakeup());
    if ready {
        w.schedule_once(w.now, Event::Controller(controller), cause.clone());
    }
    if let Some(t) = wake {
        w.schedule_once(t, Event::Controller(controller), cause);
    }
}
