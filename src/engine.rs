//! The engine: runs a scenario on a [`World`], dispatching each queued event to its component
//! and each watch event to the informers, appending every change to the trace, checkpointing
//! the world so that any moment can be rebuilt (`seek`), and checking expectations.

use crate::api::{self, manifest::Manifest, DeleteOptions};
use crate::cluster::{Client, Cluster, Controller, Event};
use crate::controllers::{self, cronjob as cronjobctl, daemonset as dsctl, job as jobctl};
use crate::controllers::{namespace as nsctl, ttl};
use crate::controllers::{
    CronJobController, DaemonSetController, JobController, NamespaceController, TtlController,
};
use crate::model::{Kind, Node, Object, Taint};
use crate::scenario::{self, Action, ExpectFailure, NodeDef, Scenario};
use crate::sim::{Actor, Cause, Change, SimTime, TraceEvent, Update};
use crate::world::World;
use crate::{gc, kubelet, nodelifecycle, scheduler};
use std::rc::Rc;

mod limits;
pub mod timeline;

pub use limits::{most_recorded_pods, Limits, TooLarge, MAX_OBJECTS, MAX_STORED_EVENTS};
use timeline::Timeline;

/// Events between two checkpoints: a seek replays at most this many (p95 27 ms on a busy
/// one-hour trace, `cargo bench --bench playback`). The store's persistent maps make a
/// checkpoint share every entry that did not change since the previous one.
pub const CHECKPOINT_EVERY: usize = 256;
/// What one store write since the previous checkpoint counts against [`RECORD_BUDGET`]: the
/// changed entry and the map nodes copied on its path, which the checkpoint keeps apart (an
/// estimate: a 5,000-pod hour reached the budget at 290 MB, a per-minute CronJob at 250 MB).
const WRITE_WEIGHT: usize = 8;
/// A bound on events per run, so that no input can loop forever.
pub const MAX_EVENTS: usize = 5_000_000;
/// The bound for a headless run, which keeps no history (a year of a per-minute CronJob is
/// about 9.5 million events).
pub const MAX_EVENTS_HEADLESS: usize = 20_000_000;
/// What a recorded run may keep for replay: its trace lines plus, for each checkpoint, what it
/// does not share with the one before (see `Checkpoint::of`). Each costs at most about
/// 600 bytes natively (a Job with parallelism 1,000 on 1,000 nodes reached 1,000,000 of them
/// at 588 MB; a per-minute CronJob, 500 bytes each), less in wasm's 32-bit memory, so the
/// bound keeps a browser tab's run under 600 MB. (A checkpoint shares the store, the event
/// queue and the kubelets' records with the one before: a clone of the world costs 173 KB
/// there, not 3 MB.)
pub const RECORD_BUDGET: usize = 1_000_000;

/// Why a run stopped early.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// The event budget ran out.
    #[error("the run stopped at t = {at}: it exceeded its budget of {bound} events before reaching its end; shorten `until` or the scenario")]
    TooManyEvents {
        /// When it stopped.
        at: SimTime,
        /// The budget.
        bound: usize,
    },
    /// A workload would make more than the run can hold; refused before the run started.
    #[error("{} would make about {} {} in this run; a run holds at most {} when its history is kept for replay, {} headless (`podlab run`); {}", .0.workload, .0.count, .0.what, .0.most_recorded, .0.most_headless, .0.hint)]
    TooLarge(TooLarge),
    /// The history kept for replay outgrew its budget.
    #[error("the run stopped at t = {at}: it is too large to keep for replay (over {bound} trace lines and checkpointed objects); shorten `until`, make the workload smaller, or run it headless with `podlab run`")]
    TooLargeToRecord {
        /// When it stopped.
        at: SimTime,
        /// The budget.
        bound: usize,
    },
}

/// A world that follows a playhead through one run (see [`Sim::seek_cursor`]). Use a new
/// cursor for each run.
#[derive(Clone, Debug, Default)]
pub struct Cursor {
    world: Option<World>,
}

impl Cursor {
    /// The world where the cursor last stopped.
    pub fn world(&self) -> Option<&World> {
        self.world.as_ref()
    }
}

#[derive(Clone, Debug)]
struct Checkpoint {
    world: World,
    /// What it counts against [`RECORD_BUDGET`].
    weight: usize,
}

impl Checkpoint {
    /// A checkpoint of `world`, `previous` being the one before it (if any): it weighs the
    /// store writes between them (the entries and map nodes it does not share), at most the
    /// whole store.
    fn of(world: &World, previous: Option<&Checkpoint>) -> Checkpoint {
        let rv = world.store.resource_version();
        let writes = previous.map_or(rv, |p| rv - p.world.store.resource_version()) as usize;
        Checkpoint {
            world: world.clone(),
            weight: checkpoint_weight(world).min(writes.saturating_mul(WRITE_WEIGHT)),
        }
    }
}

/// A run taken apart to be freed a piece at a time ([`Sim::teardown`]): a long run's history
/// (checkpoints, trace) is many thousands of allocations, and freeing it at once would hold up
/// the page for one long task.
#[derive(Debug)]
pub struct Teardown {
    checkpoints: Vec<Checkpoint>,
    trace: Vec<Rc<TraceEvent>>,
    rest: Option<Sim>,
}

/// Trace lines one [`Teardown::step`] frees.
const TEARDOWN_LINES: usize = 2_000;

impl Teardown {
    /// Frees one piece (a checkpoint, some trace lines, or last the world and the rest);
    /// returns whether anything is left to free.
    pub fn step(&mut self) -> bool {
        if self.checkpoints.pop().is_some() {
            return true;
        }
        if !self.trace.is_empty() {
            let keep = self.trace.len().saturating_sub(TEARDOWN_LINES);
            self.trace.truncate(keep);
            return true;
        }
        self.rest = None;
        false
    }
}

/// A simulation of one scenario.
#[derive(Clone, Debug)]
pub struct Sim {
    scenario: Scenario,
    world: World,
    trace: Vec<Rc<TraceEvent>>,
    checkpoints: Vec<Checkpoint>,
    failures: Vec<ExpectFailure>,
    pending_expect: Vec<usize>,
    events: usize,
    /// Store entries held by all checkpoints.
    checkpointed_entries: usize,
    seq: u64,
    error: Option<EngineError>,
    timeline: Timeline,
    record: bool,
    limits: Limits,
    /// Whether the run has reached its `until` (see [`Sim::advance`]).
    finished: bool,
    /// When the run stopped on an error: how many events its world had taken then. Replay
    /// stops there too, so that no moment shows what the run refused to compute.
    stopped: Option<u64>,
}

impl Sim {
    /// This run, to be freed a piece at a time.
    pub fn teardown(mut self) -> Teardown {
        Teardown {
            checkpoints: std::mem::take(&mut self.checkpoints),
            trace: std::mem::take(&mut self.trace),
            rest: Some(self),
        }
    }

    /// Builds the cluster at t = 0: nodes registered, manifests and steps queued.
    pub fn new(scenario: Scenario) -> Sim {
        Sim::limited(scenario, Limits::default(), true)
    }

    /// A run that keeps no history: no trace, no timeline, no checkpoints (so no `seek`).
    /// For long headless runs and benchmarks, where only the world at the end matters;
    /// the world evolves exactly as in a recorded run.
    pub fn headless(scenario: Scenario) -> Sim {
        Sim::limited(scenario, Limits::default(), false)
    }

    /// A run with other budgets than the default ones; `record` keeps the history.
    pub fn limited(scenario: Scenario, limits: Limits, record: bool) -> Sim {
        let mut world = World::new(scenario.seed, scenario.start, scenario.kubelet.clone());
        // A headless run has no trace: its changes are counted (for the trace's numbering),
        // not described.
        world.keep_log(record);
        for def in &scenario.nodes {
            add_node(&mut world, def);
        }
        world.schedule(SimTime::ZERO, Event::Manifests);
        for (i, step) in scenario.steps.iter().enumerate() {
            if step.when.is_some() {
                world.waiting_steps.insert(i);
            } else {
                world.schedule_because(step.at, Event::Step(i), Cause::Step(Some(i)));
            }
        }
        let mut pending_expect: Vec<usize> = (0..scenario.expect.len()).collect();
        crate::sort::sort_by_key(&mut pending_expect, |&i| {
            std::cmp::Reverse((scenario.expect[i].at, std::cmp::Reverse(i)))
        });
        let mut sim = Sim {
            scenario,
            world,
            trace: Vec::new(),
            checkpoints: Vec::new(),
            failures: Vec::new(),
            pending_expect,
            events: 0,
            checkpointed_entries: 0,
            seq: 0,
            error: None,
            timeline: Timeline::default(),
            record,
            limits,
            finished: false,
            stopped: None,
        };
        sim.world.store.quota = api::Quota {
            objects: limits.objects,
            events: limits.stored_events,
        };
        sim.settle();
        if record {
            sim.checkpoint();
        }
        let until = sim.scenario.until;
        if let Err(e) = limits::check(&sim.scenario, until, &limits, !record) {
            sim.error = Some(EngineError::TooLarge(e));
            sim.stopped = Some(sim.world.queue.taken());
        }
        sim
    }

    fn checkpoint(&mut self) {
        let checkpoint = Checkpoint::of(&self.world, self.checkpoints.last());
        self.checkpointed_entries += checkpoint.weight;
        self.checkpoints.push(checkpoint);
    }

    /// What the run keeps for replay, against [`RECORD_BUDGET`].
    pub fn recorded_size(&self) -> usize {
        self.trace.len() + self.checkpointed_entries
    }

    /// Events processed so far.
    pub fn events(&self) -> usize {
        self.events
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The world as it is now.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The trace so far. Each line is shared, so a fork copies pointers, not lines.
    pub fn trace(&self) -> &[Rc<TraceEvent>] {
        &self.trace
    }

    /// Each pod's status over time, so far.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Expectations that failed so far.
    pub fn failures(&self) -> &[ExpectFailure] {
        &self.failures
    }

    /// Why the run stopped early, if it did.
    pub fn error(&self) -> Option<&EngineError> {
        self.error.as_ref()
    }

    /// Runs to the scenario's `until`.
    pub fn run(&mut self) {
        while !self.advance(usize::MAX) {}
    }

    /// Runs at most `max_events` more events toward the scenario's `until`, so that a caller
    /// can compute a long run a slice at a time; returns true once the run is finished (then
    /// it is exactly what [`Sim::run`] leaves). Slices of any size give the same run.
    pub fn advance(&mut self, max_events: usize) -> bool {
        if self.finished {
            return true;
        }
        let until = self.scenario.until;
        for _ in 0..max_events {
            if !self.step_before(until) {
                self.run_until(until);
                self.finished = true;
                return true;
            }
        }
        false
    }

    /// Whether the run has reached its end (or stopped on an error).
    pub fn finished(&self) -> bool {
        self.finished
    }

    /// How far the run is computed, in simulated time: every moment up to this one is final.
    pub fn computed(&self) -> SimTime {
        if self.finished {
            self.scenario.until
        } else {
            // Events at `now` itself may still be queued.
            SimTime(self.world.now.0.saturating_sub(1))
        }
    }

    /// Runs every event at or before `until`, checking expectations on the way, and leaves the
    /// clock at `until`.
    pub fn run_until(&mut self, until: SimTime) {
        while self.step_before(until) {}
        self.check_expectations(until);
        if self.world.now < until && self.error.is_none() {
            self.world.now = until;
        }
        refresh_leases(&mut self.world);
    }

    /// Processes the next event if it is due at or before `limit`. Returns false when none is.
    pub fn step_before(&mut self, limit: SimTime) -> bool {
        if self.error.is_some() {
            return false;
        }
        let Some(next) = self.world.queue.peek_time().filter(|t| *t <= limit) else {
            return false;
        };
        if self
            .pending_expect
            .last()
            .is_some_and(|&i| self.scenario.expect[i].at < next)
        {
            self.check_expectations(SimTime(next.0 - 1));
        }
        let Some((at, (event, cause))) = self.world.queue.pop() else {
            return false;
        };
        self.world.now = at;
        self.events += 1;
        let bound = if self.record {
            self.limits.events
        } else {
            self.limits.events_headless
        };
        if self.events > bound {
            self.error = Some(EngineError::TooManyEvents { at, bound });
            // The event just taken is not processed.
            self.stopped = Some(self.world.queue.taken() - 1);
            return false;
        }
        dispatch(&mut self.world, &self.scenario, event, cause);
        self.settle();
        if self.record {
            if self.recorded_size() > self.limits.record {
                self.stopped = Some(self.world.queue.taken());
                self.error = Some(EngineError::TooLargeToRecord {
                    at,
                    bound: self.limits.record,
                });
                return false;
            }
            if self.events % CHECKPOINT_EVERY == 0 {
                self.checkpoint();
            }
        }
        true
    }

    fn check_expectations(&mut self, upto: SimTime) {
        while let Some(&i) = self.pending_expect.last() {
            let x = &self.scenario.expect[i];
            if x.at > upto {
                break;
            }
            self.pending_expect.pop();
            // Only the objects the expectation can match are written as JSON: a learner's Job
            // of 10,000 pods is not serialized for a check of another Job's.
            let items: Vec<serde_json::Value> = self
                .world
                .store
                .list(x.kind())
                .filter(|o| x.may_match(o))
                .map(|o| serde_json::to_value(o).unwrap_or(serde_json::Value::Null))
                .collect();
            self.failures.extend(scenario::check(x, &items));
        }
    }

    /// Delivers watch events to informers until none are left, and moves log lines to the trace.
    fn settle(&mut self) {
        let delivered = settle_world(&mut self.world);
        fire_triggers(&mut self.world, &self.scenario);
        if !self.record {
            self.seq += (self.world.take_log().len() + self.world.take_unkept()) as u64;
            return;
        }
        self.timeline.record(self.world.now, &delivered);
        for line in self.world.take_log() {
            self.seq += 1;
            self.trace.push(Rc::new(TraceEvent {
                time: self.world.now,
                seq: self.seq,
                actor: line.actor,
                cause: line.cause,
                change: line.change,
            }));
        }
    }

    /// A run that shares this one's past up to `t` and then diverges: `action` runs at `t` as a
    /// learner's step, and the future is recomputed by `run`. Scenario steps after `t` still
    /// happen. Seeking before `t` shows the shared past.
    pub fn fork(&self, t: SimTime, action: Action) -> Sim {
        let t = t.min(self.scenario.until);
        let mut world = self.seek(t);
        let mut scenario = self.scenario.clone();
        scenario.steps.push(crate::scenario::Step {
            at: t,
            when: None,
            action,
            loc: Default::default(),
        });
        let i = scenario.steps.len() - 1;
        world.schedule_because(t, Event::Step(i), Cause::Step(Some(i)));
        let kept = self.trace_len_at(t);
        let mut checkpoints: Vec<Checkpoint> = self
            .checkpoints
            .iter()
            .filter(|c| c.world.now < t)
            .cloned()
            .collect();
        checkpoints.push(Checkpoint::of(&world, checkpoints.last()));
        let checkpointed_entries = checkpoints.iter().map(|c| c.weight).sum();
        let pending_expect = self.pending_expect_after(t);
        let failures = self
            .failures
            .iter()
            .filter(|f| f.at <= t)
            .cloned()
            .collect();
        let error = limits::check(&scenario, scenario.until, &self.limits, !self.record)
            .err()
            .map(EngineError::TooLarge);
        let stopped = error.as_ref().map(|_| world.queue.taken());
        Sim {
            scenario,
            world,
            trace: self.trace[..kept].to_vec(),
            checkpoints,
            failures,
            pending_expect,
            events: self.events,
            checkpointed_entries,
            seq: self.trace[..kept].last().map(|e| e.seq).unwrap_or(0),
            error,
            timeline: self.timeline.truncate(t),
            record: self.record,
            limits: self.limits,
            finished: false,
            stopped,
        }
    }

    fn pending_expect_after(&self, t: SimTime) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.scenario.expect.len())
            .filter(|&i| self.scenario.expect[i].at > t)
            .collect();
        crate::sort::sort_by_key(&mut v, |&i| {
            std::cmp::Reverse((self.scenario.expect[i].at, std::cmp::Reverse(i)))
        });
        v
    }

    /// The world as it was at time `t` (restored from the nearest checkpoint and replayed).
    pub fn seek(&self, t: SimTime) -> World {
        let mut world = self.checkpoint_before(t).world.clone();
        self.replay(&mut world, t);
        refresh_leases(&mut world);
        world
    }

    /// The latest checkpoint at or before `t`.
    fn checkpoint_before(&self, t: SimTime) -> &Checkpoint {
        self.checkpoints
            .iter()
            .rev()
            .find(|c| c.world.now <= t)
            .unwrap_or(&self.checkpoints[0])
    }

    /// Moves `cursor`'s world to time `t` and returns it. Moving forward replays only the events
    /// after the cursor's time, unless a checkpoint is nearer; moving back restores the nearest
    /// checkpoint. The world is the same as [`Sim::seek`]'s.
    pub fn seek_cursor<'c>(&self, cursor: &'c mut Cursor, t: SimTime) -> &'c World {
        let cp = self.checkpoint_before(t);
        // A cursor ahead of `t`, or behind the nearest checkpoint, starts again from it.
        if cursor
            .world
            .as_ref()
            .is_some_and(|w| w.now > t || w.now < cp.world.now)
        {
            cursor.world = None;
        }
        let world = cursor.world.get_or_insert_with(|| cp.world.clone());
        self.replay(world, t);
        refresh_leases(world);
        world
    }

    /// Replays the recorded run's events up to and including `t`.
    fn replay(&self, world: &mut World, t: SimTime) {
        while world.queue.peek_time().is_some_and(|n| n <= t)
            && self.stopped.is_none_or(|s| world.queue.taken() < s)
        {
            let Some((at, (event, cause))) = world.queue.pop() else {
                break;
            };
            world.now = at;
            dispatch(world, &self.scenario, event, cause);
            settle_world(world);
            fire_triggers(world, &self.scenario);
            world.take_log();
        }
        world.now = t.max(world.now);
    }

    /// The number of trace entries recorded up to and including time `t`.
    pub fn trace_len_at(&self, t: SimTime) -> usize {
        self.trace.partition_point(|e| e.time <= t)
    }
}

/// What a checkpoint of `w` counts against [`RECORD_BUDGET`]: its Events, and its other
/// objects four times over (a pod with its kubelet and scheduler state weighs about four
/// Events).
/// Writes each renewing kubelet's latest Lease renewal into a world about to be shown (see
/// [`kubelet::due_renewals`]).
fn refresh_leases(world: &mut World) {
    for (node, at) in kubelet::due_renewals(&world.kubelets, world.now) {
        let when = world.wall(at);
        if let Some(lease) = kubelet::renewed_lease(&world.store, &node, when) {
            world.store.refresh(lease);
        }
    }
}

fn checkpoint_weight(w: &World) -> usize {
    let objects = w.store.objects_len();
    (w.store.len() - objects) + 4 * objects
}

/// Queues `when:` steps whose condition now holds (each fires once).
fn fire_triggers(w: &mut World, scenario: &Scenario) {
    if w.waiting_steps.is_empty() {
        return;
    }
    let due: Vec<usize> = w
        .waiting_steps
        .iter()
        .copied()
        .filter(|&i| {
            let Some(t) = &scenario.steps[i].when else {
                return false;
            };
            api::get(w, t.kind, &t.namespace, &t.name)
                .and_then(|o| serde_json::to_value(o).ok())
                .is_some_and(|v| t.holds(&v))
        })
        .collect();
    for i in due {
        w.waiting_steps.remove(&i);
        let now = w.now;
        w.schedule_because(now, Event::Step(i), Cause::Step(Some(i)));
    }
}

/// Delivers watch events to the informers until none are left; returns them all.
fn settle_world(w: &mut World) -> Vec<crate::api::WatchEvent> {
    let mut delivered = Vec::new();
    loop {
        let events = w.cluster.store.drain_watch();
        if events.is_empty() {
            break delivered;
        }
        let (mut informer, caches) = w.cluster.informer();
        let ctl = &mut w.controllers;
        for ev in &events {
            scheduler::on_watch(&mut informer, caches.scheduler, ev);
            kubelet::on_watch(&mut informer, caches.kubelets, ev);
            nodelifecycle::on_watch(&mut informer, ev);
            gc::on_watch(&mut informer, ev);
            jobctl::on_watch(&mut informer, &mut ctl.job, ev);
            cronjobctl::on_watch(&mut informer, &mut ctl.cronjob, ev);
            dsctl::on_watch(&mut informer, &mut ctl.daemonset, ev);
            ttl::on_watch(&mut informer, &mut ctl.ttl, ev);
            nsctl::on_watch(&mut informer, &mut ctl.namespace, ev);
        }
        delivered.extend(events);
    }
}

/// Runs one event.
fn dispatch(w: &mut World, scenario: &Scenario, event: Event, cause: Cause) {
    w.cluster.set_cause(cause);
    let (c, ctl) = (&mut w.cluster, &mut w.controllers);
    match event {
        Event::Manifests => apply(&mut c.client(Actor::User), &scenario.manifests),
        Event::Step(i) => run_step(c, &scenario.steps[i].action),
        Event::ScheduleCycle => scheduler::schedule_cycle(c),
        Event::SchedulerFlush => scheduler::flush(c),
        Event::Kubelet {
            node,
            namespace,
            pod,
            uid,
            action,
        } => kubelet::handle(c, &node, (&namespace, &pod), &uid, action),
        Event::NodeLifecycle { node } => nodelifecycle::sync_node(c, &node),
        Event::Evict {
            namespace,
            pod,
            uid,
        } => nodelifecycle::evict_timer(c, &namespace, &pod, &uid),
        Event::PodGc => nodelifecycle::pod_gc(c),
        Event::LeaseRenewal { node, at } => kubelet::write_renewal(c, &node, at),
        Event::GarbageCollect { owner_uid } => gc::collect(c, &owner_uid),
        Event::CheckOwners {
            kind,
            namespace,
            name,
        } => gc::check_owners(c, kind, &namespace, &name),
        Event::Controller(Controller::Job) => {
            controllers::run_worker::<JobController>(c, &mut ctl.job)
        }
        Event::Controller(Controller::CronJob) => {
            controllers::run_worker::<CronJobController>(c, &mut ctl.cronjob)
        }
        Event::Controller(Controller::DaemonSet) => {
            controllers::run_worker::<DaemonSetController>(c, &mut ctl.daemonset)
        }
        Event::Controller(Controller::Ttl) => {
            controllers::run_worker::<TtlController>(c, &mut ctl.ttl)
        }
        Event::Controller(Controller::Namespace) => {
            controllers::run_worker::<NamespaceController>(c, &mut ctl.namespace)
        }
        Event::JobPodCleanup { namespace, pod } => jobctl::cleanup_orphan_pod(c, &namespace, &pod),
    }
}

/// `kubectl apply`: create what is new; identical objects are left alone; a changed pod spec
/// is refused as the API server refuses it.
pub fn apply(w: &mut Client<'_>, manifests: &[Manifest]) {
    for m in manifests {
        let kind = m.object.kind();
        let name = m.object.meta().name.clone();
        let namespace = m
            .object
            .meta()
            .namespace
            .clone()
            .unwrap_or_else(|| crate::model::DEFAULT_NAMESPACE.into());
        let existing = if name.is_empty() {
            None
        } else {
            api::get(w, kind, &namespace, &name).cloned()
        };
        let result = match existing {
            None => api::create(w, m.object.clone())
                .map(|_| ())
                .map_err(|e| (e.to_string(), false)),
            Some(old) => match api::strategy::apply_update(&old, &m.object) {
                Ok(merged) if merged == old => Ok(()),
                Ok(merged) => api::update(w, merged, Update::Applied)
                    .map(|_| ())
                    .map_err(|e| (e.to_string(), false)),
                Err(errs) => {
                    let immutable = errs.iter().any(crate::validation::FieldError::is_immutable);
                    let causes: Vec<String> = errs.iter().map(ToString::to_string).collect();
                    let message = api::ApiError::Invalid {
                        kind,
                        name: name.clone(),
                        causes,
                    }
                    .to_string();
                    Err((message, immutable))
                }
            },
        };
        if let Err((message, immutable)) = result {
            w.log(|| Change::Rejected {
                kind,
                name,
                message,
                immutable,
            });
        }
    }
}

/// A refusal by the API server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The object's kind.
    pub kind: Kind,
    /// Its name.
    pub name: String,
    /// The API server's message.
    pub message: String,
    /// An update to a field that cannot change.
    pub immutable: bool,
}

/// Runs a learner's action on a copy of `w` (the console's dry run): the world after it, and
/// the API server's refusals.
pub fn dry_run(w: &World, action: &Action) -> (World, Vec<Refusal>) {
    let mut w = w.clone();
    w.keep_log(true);
    let _ = w.take_log();
    w.set_cause(Cause::Step(None));
    run_step(&mut w.cluster, action);
    let refused = w
        .take_log()
        .into_iter()
        .filter_map(|l| match l.change {
            Change::Rejected {
                kind,
                name,
                message,
                immutable,
            } => Some(Refusal {
                kind,
                name,
                message,
                immutable,
            }),
            _ => None,
        })
        .collect();
    (w, refused)
}

fn node_object(def: &NodeDef) -> Node {
    let mut node = Node::default();
    node.metadata.name = def.name.clone();
    node.metadata.labels = def
        .labels
        .iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.clone(), v.clone()?)))
        .collect();
    node.spec.taints = def.taints.clone().unwrap_or_default();
    node.spec.unschedulable = def.unschedulable.filter(|u| *u);
    node
}

fn add_node(c: &mut Cluster, def: &NodeDef) {
    if let Err(e) = kubelet::register(c, node_object(def), def.ready.unwrap_or(true)) {
        // The kubelet's registration is what the API server refused.
        c.client(kubelet::actor(&def.name))
            .log(|| Change::Rejected {
                kind: Kind::Node,
                name: def.name.clone(),
                message: e.to_string(),
                immutable: false,
            });
    }
}

fn run_step(c: &mut Cluster, action: &Action) {
    let w = &mut c.client(Actor::User);
    match action {
        Action::Apply(ms) => apply(w, ms),
        Action::Delete {
            kind,
            namespace,
            name,
        } => {
            // kubectl always sends a propagation policy: background by default.
            let opts = DeleteOptions {
                grace_period_seconds: None,
                propagation: Some(api::Propagation::Background),
            };
            if let Err(e) = api::delete(w, *kind, namespace, name, opts) {
                w.log(|| Change::Rejected {
                    kind: *kind,
                    name: api::display_name(*kind, namespace, name),
                    message: e.to_string(),
                    immutable: false,
                });
            }
        }
        Action::Drain(node) => {
            set_node(
                w,
                &crate::scenario::NodeDef {
                    name: node.clone(),
                    unschedulable: Some(true),
                    ..Default::default()
                },
            );
            let pods: Vec<(String, String)> = w
                .store
                .list(Kind::Pod)
                .filter_map(Object::as_pod)
                .filter(|p| p.node_name() == Some(node.as_str()))
                .filter(|p| {
                    p.metadata
                        .controller_ref()
                        .is_none_or(|r| r.kind != "DaemonSet")
                })
                .map(|p| (p.metadata.ns().to_string(), p.metadata.name.clone()))
                .collect();
            for (namespace, name) in pods {
                if let Err(e) = api::evict(w, &namespace, &name) {
                    w.log(|| Change::Rejected {
                        kind: Kind::Pod,
                        name: api::display_name(Kind::Pod, &namespace, &name),
                        message: e.to_string(),
                        immutable: false,
                    });
                }
            }
        }
        Action::Evict { namespace, name } => {
            if let Err(e) = api::evict(w, namespace, name) {
                w.log(|| Change::Rejected {
                    kind: Kind::Pod,
                    name: api::display_name(Kind::Pod, namespace, name),
                    message: e.to_string(),
                    immutable: false,
                });
            }
        }
        Action::PatchStatus {
            namespace,
            name,
            patch_type,
            patch,
        } => {
            let ty = api::patch::PatchType::parse(Some(patch_type));
            let value = serde_json::from_str(patch).map_err(|e| e.to_string());
            let result = match (ty, value) {
                (Ok(ty), Ok(value)) => api::patch::patch_pod_status(w, namespace, name, ty, &value),
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
            if let Err(message) = result {
                w.log(|| Change::Rejected {
                    kind: Kind::Pod,
                    name: api::display_name(Kind::Pod, namespace, name),
                    message,
                    immutable: false,
                });
            }
        }
        Action::FailPod {
            namespace,
            selector,
            count,
            exit_code,
        } => {
            let names: Vec<String> = w
                .store
                .list_in(Kind::Pod, namespace)
                .filter_map(Object::as_pod)
                .filter(|p| {
                    selector.matches(&p.metadata.labels)
                        && p.phase() == "Running"
                        && !p.metadata.is_terminating()
                })
                .map(|p| p.metadata.name.clone())
                .collect();
            let mut failed = 0;
            for name in names {
                if count.is_some_and(|c| failed >= c) {
                    break;
                }
                if kubelet::fail_container(w, namespace, &name, *exit_code) {
                    failed += 1;
                }
            }
        }
        Action::ExitContainer {
            namespace,
            pod,
            exit_code,
        } => {
            if !kubelet::fail_container(w, namespace, pod, *exit_code) {
                let message = format!("pod {pod:?} has no running container");
                w.log(|| Change::Rejected {
                    kind: Kind::Pod,
                    name: api::display_name(Kind::Pod, namespace, pod),
                    message,
                    immutable: false,
                });
            }
        }
        Action::AddNode(def) => add_node(w, def),
        Action::RemoveNode(name) => {
            if let Err(e) = api::delete(w, Kind::Node, "", name, DeleteOptions::default()) {
                w.log(|| Change::Rejected {
                    kind: Kind::Node,
                    name: name.clone(),
                    message: e.to_string(),
                    immutable: false,
                });
            }
        }
        Action::SetNode(def) => set_node(w, def),
        Action::Note(text) => w.log(|| Change::Note {
            en: text.en.clone(),
            zh: text.zh.clone(),
        }),
        Action::BreakImage(image) => {
            if !w.kubelet_config.unavailable_images.contains(image) {
                w.kubelet_config.unavailable_images.push(image.clone());
            }
            w.log(|| Change::Note {
                en: format!("From now on no registry serves {image}: pulls of it fail."),
                zh: format!("从现在起没有镜像仓库提供 {image}：拉取它会失败。"),
            });
        }
    }
}

fn set_node(w: &mut Client<'_>, def: &NodeDef) {
    let name = def.name.clone();
    if api::node(w, &name).is_none() {
        w.log(|| Change::Rejected {
            kind: Kind::Node,
            name,
            message: format!("nodes {:?} not found", def.name),
            immutable: false,
        });
        return;
    }
    if let Some(ready) = def.ready {
        let now = w.wall_now();
        let kubelet = &mut w.client(kubelet::actor(&name));
        let condition = kubelet::ready_condition(ready, now);
        let what = Update::Condition {
            type_: condition.type_.clone(),
            status: condition.status.clone(),
            reason: condition.reason.clone(),
        };
        let _ = api::mutate_node(kubelet, &name, what, |n| {
            let st = n.status.get_or_insert_with(Default::default);
            let was = st
                .conditions
                .iter()
                .find(|c| c.type_ == "Ready")
                .map(|c| c.status == "True");
            if was != Some(ready) {
                st.conditions.retain(|c| c.type_ != "Ready");
                st.conditions.push(condition);
            }
        });
    }
    if let Some(u) = def.unschedulable {
        let _ = api::mutate_node(w, &name, Update::Cordoned { cordoned: u }, |n| {
            n.spec.unschedulable = u.then_some(true)
        });
    }
    if let Some(labels) = &def.labels {
        let _ = api::mutate_node(w, &name, Update::LabelsChanged, |n| {
            for (k, v) in labels {
                match v {
                    Some(v) => n.metadata.labels.insert(k.clone(), v.clone()),
                    None => n.metadata.labels.remove(k),
                };
            }
        });
    }
    if let Some(taints) = &def.taints {
        let _ = api::mutate_node(w, &name, Update::TaintsChanged, |n| {
            let managed: Vec<Taint> = n
                .spec
                .taints
                .iter()
                .filter(|t| t.key.starts_with("node.kubernetes.io/"))
                .cloned()
                .collect();
            n.spec.taints = taints.clone();
            for t in managed {
                if !n
                    .spec
                    .taints
                    .iter()
                    .any(|x| x.key == t.key && x.effect == t.effect)
                {
                    n.spec.taints.push(t);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Propagation;
    use crate::model::{Container, ObjectMeta, OwnerReference, Pod, PodSpec};
    use crate::output;

    fn empty() -> Scenario {
        scenario::parse("name: gc\nuntil: 1m\n").expect("valid scenario")
    }

    /// Runs queued events until none is left before `limit` ms.
    fn drive(w: &mut World, s: &Scenario, limit: u64) {
        settle_world(w);
        while let Some(t) = w.queue.peek_time().filter(|t| t.0 <= limit) {
            let Some((_, (event, cause))) = w.queue.pop() else {
                break;
            };
            w.now = t;
            dispatch(w, s, event, cause);
            settle_world(w);
        }
    }

    fn pod(name: &str, owner: Option<&Object>, block: bool) -> Object {
        let owner_references = owner
            .map(|o| {
                vec![OwnerReference {
                    api_version: "v1".into(),
                    kind: "Pod".into(),
                    name: o.meta().name.clone(),
                    uid: o.meta().uid().into(),
                    controller: Some(true),
                    block_owner_deletion: Some(block),
                }]
            })
            .unwrap_or_default();
        Object::Pod(Box::new(Pod {
            api_version: "v1".into(),
            kind: "Pod".into(),
            metadata: ObjectMeta {
                name: name.into(),
                owner_references,
                ..ObjectMeta::default()
            },
            spec: std::rc::Rc::new(PodSpec {
                containers: std::rc::Rc::new(vec![Container {
                    name: "c".into(),
                    image: "busybox".into(),
                    ..Container::default()
                }]),
                scheduler_name: Some("none".into()),
                ..PodSpec::default()
            }),
            status: None,
        }))
    }

    fn setup(propagation: Propagation, block: bool) -> World {
        let s = empty();
        let mut w = Sim::new(s.clone()).world().clone();
        let owner = api::create(&mut w.client(Actor::User), pod("owner", None, false)).unwrap();
        api::create(
            &mut w.client(Actor::User),
            pod("child-1", Some(&owner), block),
        )
        .unwrap();
        api::create(
            &mut w.client(Actor::User),
            pod("child-2", Some(&owner), block),
        )
        .unwrap();
        drive(&mut w, &s, 1_000);
        api::delete(
            &mut w.client(Actor::User),
            Kind::Pod,
            "default",
            "owner",
            DeleteOptions {
                grace_period_seconds: None,
                propagation: Some(propagation),
            },
        )
        .unwrap();
        drive(&mut w, &s, 60_000);
        w
    }

    fn names(w: &World) -> Vec<String> {
        w.store
            .list(Kind::Pod)
            .map(|o| o.meta().name.clone())
            .collect()
    }

    #[test]
    fn background_deletion_should_remove_dependents_after_the_owner() {
        assert_eq!(
            names(&setup(Propagation::Background, true)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn orphan_deletion_should_keep_dependents_without_owner_references() {
        let w = setup(Propagation::Orphan, true);
        assert_eq!(names(&w), vec!["child-1", "child-2"]);
        assert!(w
            .store
            .list(Kind::Pod)
            .all(|o| o.meta().owner_references.is_empty()));
    }

    #[test]
    fn foreground_deletion_should_remove_the_owner_last() {
        let s = empty();
        let mut w = Sim::new(s.clone()).world().clone();
        let owner = api::create(&mut w.client(Actor::User), pod("owner", None, false)).unwrap();
        api::create(&mut w.client(Actor::User), pod("child", Some(&owner), true)).unwrap();
        drive(&mut w, &s, 0);
        let opts = DeleteOptions {
            grace_period_seconds: None,
            propagation: Some(Propagation::Foreground),
        };
        api::delete(
            &mut w.client(Actor::User),
            Kind::Pod,
            "default",
            "owner",
            opts,
        )
        .unwrap();
        assert_eq!(
            api::get(&w, Kind::Pod, "default", "owner").map(|o| o.meta().finalizers.clone()),
            Some(vec!["foregroundDeletion".to_string()])
        );
        drive(&mut w, &s, 60_000);
        assert_eq!(names(&w), Vec::<String>::new());
        let order: Vec<String> = w
            .take_log()
            .into_iter()
            .filter_map(|l| match l.change {
                Change::Removed { name, .. } => Some(name),
                _ => None,
            })
            .collect();
        assert_eq!(order, vec!["child", "owner"]);
    }

    #[test]
    fn seek_should_rebuild_any_moment_identically() {
        let text = include_str!("../tests/scenarios/crash-backoff.yaml");
        let mut sim = Sim::new(scenario::parse(text).unwrap());
        sim.run_until(SimTime(200_000));
        let now = output::to_json(&output::snapshot(sim.world()));
        let early = output::to_json(&output::snapshot(&sim.seek(SimTime(31_000))));
        let mut fresh = Sim::new(scenario::parse(text).unwrap());
        fresh.run_until(SimTime(31_000));
        assert_eq!(early, output::to_json(&output::snapshot(fresh.world())));
        assert_eq!(
            now,
            output::to_json(&output::snapshot(&sim.seek(SimTime(200_000))))
        );
    }

    #[test]
    fn a_cursor_should_reach_the_same_world_as_seek_forward_and_back() {
        let text = include_str!("../tests/scenarios/stress-1000-pods.yaml")
            .replace("completions: 1000", "completions: 100")
            .replace("parallelism: 1000", "parallelism: 20")
            .replace("nodes: 100", "nodes: 4");
        let mut scenario = scenario::parse(&text).unwrap();
        scenario.expect.clear();
        scenario.until = SimTime(600_000);
        let mut sim = Sim::new(scenario);
        sim.run();
        assert!(
            sim.checkpoints.len() > 1,
            "the run spans checkpoints: {} events",
            sim.events
        );
        let end = sim.scenario().until.0;
        let mut cursor = Cursor::default();
        let forward = (0..end).step_by(9_973);
        let back = [end, end / 2, 7_000, 0, end / 3, 1];
        for t in forward.chain(back).map(SimTime) {
            let expected = format!("{:?}", sim.seek(t));
            assert_eq!(
                format!("{:?}", sim.seek_cursor(&mut cursor, t)),
                expected,
                "at {t:?}"
            );
        }
    }
}

#[cfg(test)]
mod fork_tests {
    use super::*;
    use crate::output;

    fn parallel() -> Sim {
        let mut sim = Sim::new(
            scenario::parse(include_str!("../tests/scenarios/job-parallel.yaml")).unwrap(),
        );
        sim.run();
        sim
    }

    #[test]
    fn a_fork_should_keep_the_past_and_recompute_the_future() {
        let sim = parallel();
        let t = SimTime(20_000);
        let text = include_str!("../tests/scenarios/job-parallel.yaml")
            .split("manifests: |\n")
            .nth(1)
            .unwrap()
            .split("until:")
            .next()
            .unwrap()
            .lines()
            .map(|l| l.strip_prefix("  ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .replace("parallelism: 2", "parallelism: 4");
        let manifests = crate::api::manifest::parse_manifests(&text).unwrap();
        let mut fork = sim.fork(t, Action::Apply(manifests));
        assert_eq!(
            fork.trace(),
            &sim.trace()[..sim.trace_len_at(t)],
            "the past is shared"
        );
        fork.run();
        let json = |w: &World| output::to_json(&output::snapshot(w));
        assert_eq!(
            json(&fork.seek(SimTime(19_000))),
            json(&sim.seek(SimTime(19_000)))
        );
        let job = |w: &World| {
            w.store
                .get(Kind::Job, "default", "batch")
                .and_then(Object::as_job)
                .cloned()
                .unwrap()
        };
        assert_eq!(
            job(&fork.seek(SimTime(21_000))).status().active,
            4,
            "the edit takes effect at once"
        );
        assert_eq!(job(&sim.seek(SimTime(21_000))).status().active, 2);
        assert!(job(fork.world()).is_finished());
        assert!(
            job(fork.world()).status().completion_time < job(sim.world()).status().completion_time,
            "more parallel, sooner"
        );
        let mut again = sim.fork(t, fork.scenario().steps.last().unwrap().action.clone());
        again.run();
        assert_eq!(
            json(again.world()),
            json(fork.world()),
            "a fork is deterministic too"
        );
        assert_eq!(
            json(&again.seek(SimTime(30_000))),
            json(&fork.seek(SimTime(30_000)))
        );
    }

    #[test]
    fn a_torn_down_run_should_be_freed_a_piece_at_a_time() {
        let sim = Sim::new(
            scenario::parse(include_str!("../tests/scenarios/stress-1000-pods.yaml")).unwrap(),
        );
        let mut sim = sim;
        sim.run();
        let lines = sim.trace().len();
        let checkpoints = sim.checkpoints.len();
        assert!(
            lines > TEARDOWN_LINES && checkpoints > 1,
            "{lines} lines, {checkpoints}"
        );
        let first = Rc::downgrade(&sim.trace()[0]);
        let mut teardown = sim.teardown();
        let mut steps = 1;
        while teardown.step() {
            steps += 1;
            // The trace goes after every checkpoint, newest lines first.
            if steps <= checkpoints {
                assert!(first.upgrade().is_some());
            }
        }
        assert!(first.upgrade().is_none());
        assert_eq!(steps, checkpoints + lines.div_ceil(TEARDOWN_LINES) + 1);
    }
}
