//! `Cluster`: the state of one simulated cluster below the workload controllers (the API
//! server's store, the scheduler, the kubelets, the node lifecycle controller), the closed set
//! of queued events, and the two handles components act through: a [`Client`] that writes as one
//! actor (every trace line names who acted, and no write can forget to), and an [`Informer`]
//! that reads and queues but cannot write.

use crate::api::Store;
use crate::kubelet::{KubeletAction, Kubelets};
use crate::model::Time;
use crate::nodelifecycle::LifecycleState;
use crate::scheduler::SchedulerState;
use crate::sim::{Actor, Cause, Change, EventQueue, Rng, SimTime};
use std::ops::{Deref, DerefMut};

/// How simulated kubelets time containers.
#[derive(Clone, Debug, PartialEq)]
pub struct KubeletConfig {
    /// Binding → container Running (image pull + start), in milliseconds.
    pub start_ms: u64,
    /// Run time of a container whose command is not understood, in milliseconds.
    pub default_run_ms: u64,
    /// Images no registry serves (`cluster.unavailableImages`, `*` matching any run of
    /// characters), besides those whose names say they do not exist (see
    /// `kubelet::image_unavailable`).
    pub unavailable_images: Vec<String>,
}

impl Default for KubeletConfig {
    fn default() -> Self {
        KubeletConfig {
            start_ms: 1_000,
            default_run_ms: 5_000,
            unavailable_images: Vec::new(),
        }
    }
}

/// Everything that can happen next. A closed enum: the engine matches on every variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Event {
    /// Apply the scenario's manifests (t = 0).
    Manifests,
    /// Run scenario step `i`.
    Step(usize),
    /// The scheduler runs a scheduling cycle over its active queue.
    ScheduleCycle,
    /// The scheduler moves unschedulable pods back to the active queue.
    SchedulerFlush,
    /// A kubelet acts on one of its pods.
    Kubelet {
        /// The node.
        node: String,
        /// The pod's namespace.
        namespace: String,
        /// The pod.
        pod: String,
        /// The pod's uid (a recreated pod with the same name is another pod).
        uid: String,
        /// What to do.
        action: KubeletAction,
    },
    /// The node lifecycle controller re-checks taints of a node and evictions on it.
    NodeLifecycle {
        /// The node.
        node: String,
    },
    /// The taint-eviction timer of a pod fires.
    Evict {
        /// The pod's namespace.
        namespace: String,
        /// The pod.
        pod: String,
        /// Its uid.
        uid: String,
    },
    /// A kubelet's Lease renewal is written (see `kubelet::refresh_leases`).
    LeaseRenewal {
        /// The node.
        node: String,
        /// The renewal's time.
        at: SimTime,
    },
    /// The pod garbage collector's periodic pass (every 20 s while there is work).
    PodGc,
    /// The garbage collector processes an object's dependents.
    GarbageCollect {
        /// The owner's uid.
        owner_uid: String,
    },
    /// A controller's worker processes the keys that are due in its workqueue.
    Controller(Controller),
    /// The Job controller releases the tracking finalizer of a pod whose Job is gone.
    JobPodCleanup {
        /// The pod's namespace.
        namespace: String,
        /// The pod.
        pod: String,
    },
    /// The garbage collector checks one dependent for owners that no longer exist.
    CheckOwners {
        /// The dependent's kind.
        kind: crate::model::Kind,
        /// The dependent's namespace (`""` when cluster-scoped).
        namespace: String,
        /// The dependent's name.
        name: String,
    },
}

/// The controllers of kube-controller-manager that podlab runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Controller {
    /// The Job controller.
    Job,
    /// The CronJob controller.
    CronJob,
    /// The DaemonSet controller.
    DaemonSet,
    /// The TTL-after-finished controller.
    Ttl,
    /// The namespace controller.
    Namespace,
}

/// One trace line before the engine numbers it.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    /// Who.
    pub actor: Actor,
    /// Why.
    pub cause: Cause,
    /// What.
    pub change: Change,
}

/// The simulated cluster.
#[derive(Clone, Debug)]
pub struct Cluster {
    /// Virtual time now.
    pub now: SimTime,
    /// Wall clock at t = 0.
    pub start: Time,
    /// The one RNG.
    pub rng: Rng,
    /// The uids of the objects the cluster keeps for itself (Namespaces, node Leases), drawn
    /// from their own stream of the seed, so that adding them leaves every other name and uid
    /// of a run as it was.
    pub system_rng: Rng,
    /// The API server's store.
    pub store: Store,
    /// Pending events with the cause that queued them.
    pub queue: EventQueue<(Event, Cause)>,
    /// Kubelet timings.
    pub kubelet_config: KubeletConfig,
    /// kube-scheduler's queues.
    pub scheduler: SchedulerState,
    /// One kubelet per node.
    pub kubelets: Kubelets,
    /// The node lifecycle controller and pod GC.
    pub lifecycle: LifecycleState,
    cause: Cause,
    log: Vec<LogLine>,
    /// Whether changes are kept as log lines (a recorded run's trace) or only counted (a
    /// headless run, which has no trace: its changes are never even described).
    keep_log: bool,
    /// Changes counted but not kept since the last [`Cluster::take_unkept`].
    unkept: usize,
}

/// Mixed into the seed for the uids of the objects the cluster keeps for itself.
const SYSTEM_STREAM: u64 = 0x6b75_6265_2d73_7973;

impl Cluster {
    /// A new cluster: no nodes yet, and the namespaces the API server creates at start-up.
    pub fn new(seed: u64, start: Time, kubelet_config: KubeletConfig) -> Cluster {
        let mut cluster = Cluster::empty(seed, start, kubelet_config);
        cluster.bootstrap();
        cluster
    }

    /// The API server's start-up: the system namespaces, before anything else (the trace starts
    /// after them).
    fn bootstrap(&mut self) {
        {
            let mut api_server = self.client(Actor::ApiServer);
            for name in crate::model::namespace::SYSTEM_NAMESPACES {
                let ns = crate::model::Namespace::new(name);
                let created = crate::api::create(
                    &mut api_server,
                    crate::model::Object::Namespace(Box::new(ns)),
                );
                debug_assert!(created.is_ok(), "{created:?}");
            }
        }
        self.log.clear();
    }

    /// A cluster with nothing in it, not even namespaces.
    fn empty(seed: u64, start: Time, kubelet_config: KubeletConfig) -> Cluster {
        Cluster {
            now: SimTime::ZERO,
            start,
            rng: Rng::new(seed),
            system_rng: Rng::new(seed ^ SYSTEM_STREAM),
            store: Store::default(),
            queue: EventQueue::default(),
            kubelet_config,
            scheduler: SchedulerState::default(),
            kubelets: Kubelets::default(),
            lifecycle: LifecycleState::default(),
            cause: Cause::Step(None),
            log: Vec::new(),
            keep_log: true,
            unkept: 0,
        }
    }

    /// A handle that writes as `actor`: the API's write functions take one, so each change in
    /// the trace names who made it.
    pub fn client(&mut self, actor: Actor) -> Client<'_> {
        Client {
            cluster: self,
            actor,
        }
    }

    /// A read-only view for informer hooks, which may queue events but not write, and the
    /// component state the hooks keep (their caches and queues).
    pub fn informer(&mut self) -> (Informer<'_>, Caches<'_>) {
        let Cluster {
            now,
            start,
            store,
            queue,
            scheduler,
            kubelets,
            ..
        } = self;
        let informer = Informer {
            store,
            now: *now,
            start: *start,
            queue,
        };
        (
            informer,
            Caches {
                scheduler,
                kubelets,
            },
        )
    }

    /// The wall-clock time now.
    pub fn wall_now(&self) -> Time {
        self.start.plus_ms(self.now.0 as i64)
    }

    /// The wall-clock time of a virtual time.
    pub fn wall(&self, t: SimTime) -> Time {
        self.start.plus_ms(t.0 as i64)
    }

    /// Sets why the changes that follow happen (the engine sets the cause of each event it
    /// runs; a periodic component sets its timer).
    pub fn set_cause(&mut self, cause: Cause) {
        self.cause = cause;
    }

    /// The current cause.
    pub fn cause(&self) -> &Cause {
        &self.cause
    }

    /// Takes the trace lines recorded since the last call.
    pub fn take_log(&mut self) -> Vec<LogLine> {
        std::mem::take(&mut self.log)
    }

    /// Whether changes are kept as log lines (the default) or only counted.
    pub fn keep_log(&mut self, keep: bool) {
        self.keep_log = keep;
    }

    /// How many changes were counted but not kept since the last call.
    pub fn take_unkept(&mut self) -> usize {
        std::mem::take(&mut self.unkept)
    }

    /// Queues an event at `at`, caused by the current cause.
    pub fn schedule(&mut self, at: SimTime, event: Event) {
        let cause = self.cause.clone();
        self.queue.push(at.max(self.now), (event, cause));
    }

    /// Queues an event with an explicit cause.
    pub fn schedule_because(&mut self, at: SimTime, event: Event, cause: Cause) {
        self.queue.push(at.max(self.now), (event, cause));
    }
}

/// Where events can be queued: the cluster itself, or an informer hook.
pub trait Schedule {
    /// Virtual time now.
    fn now(&self) -> SimTime;
    /// The event queue.
    fn events(&mut self) -> &mut EventQueue<(Event, Cause)>;

    /// Queues an event unless an equal one is already pending at or before `at` (a
    /// workqueue's de-duplication: the earliest request wins).
    fn schedule_once(&mut self, at: SimTime, event: Event, cause: Cause) {
        let at = at.max(self.now());
        let probe = (event, cause);
        let queue = self.events();
        if !queue.any_equal_by(at, &probe, |(e, _)| *e == probe.0) {
            queue.push(at, probe);
        }
    }
}

impl Schedule for Cluster {
    fn now(&self) -> SimTime {
        self.now
    }

    fn events(&mut self) -> &mut EventQueue<(Event, Cause)> {
        &mut self.queue
    }
}

/// The cluster, writing as one actor. Reads go through to the [`Cluster`].
#[derive(Debug)]
pub struct Client<'c> {
    cluster: &'c mut Cluster,
    actor: Actor,
}

impl Client<'_> {
    /// Who writes through this handle.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Records a change by this handle's actor, for the current cause; in a cluster that keeps
    /// no log, only counts it (`change` is not called).
    pub fn log(&mut self, change: impl FnOnce() -> Change) {
        if !self.cluster.keep_log {
            self.cluster.unkept += 1;
            return;
        }
        let line = LogLine {
            actor: self.actor.clone(),
            cause: self.cluster.cause.clone(),
            change: change(),
        };
        self.cluster.log.push(line);
    }
}

impl Deref for Client<'_> {
    type Target = Cluster;

    fn deref(&self) -> &Cluster {
        self.cluster
    }
}

impl DerefMut for Client<'_> {
    fn deref_mut(&mut self) -> &mut Cluster {
        self.cluster
    }
}

/// What an informer hook sees: the store (read-only), the clock, and the event queue. It has no
/// way to write an object, so a hook can only update its component's cache and queue work.
#[derive(Debug)]
pub struct Informer<'c> {
    /// The API server's store.
    pub store: &'c Store,
    /// Virtual time now.
    pub now: SimTime,
    start: Time,
    queue: &'c mut EventQueue<(Event, Cause)>,
}

impl Informer<'_> {
    /// The wall-clock time now.
    pub fn wall_now(&self) -> Time {
        self.start.plus_ms(self.now.0 as i64)
    }

    /// Queues an event with an explicit cause.
    pub fn schedule_because(&mut self, at: SimTime, event: Event, cause: Cause) {
        self.queue.push(at.max(self.now), (event, cause));
    }
}

impl Schedule for Informer<'_> {
    fn now(&self) -> SimTime {
        self.now
    }

    fn events(&mut self) -> &mut EventQueue<(Event, Cause)> {
        self.queue
    }
}

/// The caches informer hooks of the cluster's components keep.
#[derive(Debug)]
pub struct Caches<'c> {
    /// kube-scheduler's queues and per-node counts.
    pub scheduler: &'c mut SchedulerState,
    /// The kubelets' pod records.
    pub kubelets: &'c mut Kubelets,
}

impl crate::sim::queue::Keyed for (Event, Cause) {
    fn dedupe_key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        // Only a bucket: equal events hash alike, and equality decides.
        let mut h = crate::sim::hash::FxHasher::default();
        self.0.hash(&mut h);
        h.finish()
    }
}
