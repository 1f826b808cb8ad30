//! Controllers and the machinery they share: the reconciler contract and its one worker loop
//! (client-go's `processNextWorkItem`), expectations, the ranking of pods for deletion, and
//! creating pods from a template with the events the real pod control records.

pub mod cronjob;
pub mod daemonset;
pub mod expectations;
pub mod job;
pub mod namespace;
pub mod podcontrol;
pub mod ranking;
pub mod record;
pub mod ttl;

pub use cronjob::CronJobController;
pub use daemonset::DaemonSetController;
pub use job::JobController;
pub use namespace::NamespaceController;
pub use ttl::TtlController;

use crate::cluster::{Client, Cluster, Controller, Event, Schedule};
use crate::sim::{Actor, Cause, WorkQueue};

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
    /// The namespace controller's queue.
    pub namespace: WorkQueue,
}

impl Default for ControllerState {
    fn default() -> Self {
        ControllerState {
            job: job::JobControllerState::default(),
            cronjob: cronjob::CronJobControllerState::default(),
            daemonset: daemonset::DaemonSetControllerState::default(),
            ttl: WorkQueue::default_controller(),
            namespace: WorkQueue::default_controller(),
        }
    }
}

/// Keys are `namespace/name`, as client-go's `MetaNamespaceKeyFunc` makes them.
pub use crate::api::{key, split_key};

/// What a successful sync asks of the workqueue (kube-runtime's `Action`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requeue {
    /// Sync the key again after this many milliseconds (`AddAfter`).
    After(u64),
    /// Nothing more until a watch event queues the key again.
    AwaitChange,
}

/// A controller as its workqueue worker sees it: it reconciles one key at a time, writing
/// through a client that names it, and says when to look again.
pub trait Reconciler {
    /// The controller's own memory: its workqueue and records such as expectations.
    type State;
    /// Why a sync failed; the worker retries the key with the queue's back-off
    /// (`AddRateLimited`).
    type Error: std::fmt::Debug;
    /// The engine's name for the controller's worker.
    const CONTROLLER: Controller;
    /// The name it acts under in the trace and in Events (e.g. `job-controller`).
    const COMPONENT: &'static str;
    /// Whether a sync that asks for nothing still clears the key's back-off (`Forget`). Most
    /// controllers forget on every success; the CronJob controller forgets only when it
    /// requeues (`pkg/controller/cronjob/cronjob_controllerv2.go`, `processNextWorkItem`).
    const FORGET_WHEN_IDLE: bool = true;

    /// The controller's workqueue.
    fn queue(state: &mut Self::State) -> &mut WorkQueue;

    /// One sync of one key.
    fn reconcile(
        client: &mut Client<'_>,
        state: &mut Self::State,
        key: &str,
    ) -> Result<Requeue, Self::Error>;

    /// One sync of one key, outside the worker (for table tests after upstream's).
    fn sync_once(
        cluster: &mut Cluster,
        state: &mut Self::State,
        key: &str,
    ) -> Result<Requeue, Self::Error> {
        let mut client = cluster.client(Actor::Controller(Self::COMPONENT.into()));
        Self::reconcile(&mut client, state, key)
    }
}

/// The worker: syncs every key that is due, then makes sure it runs again when the next key
/// is due. A key is never synced twice at once; one that fails is retried with back-off.
pub fn run_worker<R: Reconciler>(cluster: &mut Cluster, state: &mut R::State) {
    let now = cluster.now;
    R::queue(state).promote(now);
    let mut client = cluster.client(Actor::Controller(R::COMPONENT.into()));
    while let Some(k) = R::queue(state).get() {
        let result = R::reconcile(&mut client, state, &k);
        let q = R::queue(state);
        q.done(&k);
        match result {
            Ok(Requeue::After(ms)) => {
                q.forget(&k);
                q.add_after(&k, now, ms);
            }
            Ok(Requeue::AwaitChange) => {
                if R::FORGET_WHEN_IDLE {
                    q.forget(&k);
                }
            }
            Err(_) => {
                q.add_rate_limited(&k, now);
            }
        }
    }
    let cause = cluster.cause().clone();
    kick(cluster, R::CONTROLLER, R::queue(state), cause);
}

/// Makes sure a controller's worker runs: now for ready keys, later for the earliest delayed one.
pub fn kick(at: &mut impl Schedule, controller: Controller, queue: &WorkQueue, cause: Cause) {
    let (ready, wake) = (!queue.is_empty(), queue.next_wakeup());
    if ready {
        let now = at.now();
        at.schedule_once(now, Event::Controller(controller), cause.clone());
    }
    if let Some(t) = wake {
        at.schedule_once(t, Event::Controller(controller), cause);
    }
}
