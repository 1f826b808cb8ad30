//! Frames: plain view models of one moment of a run, for the UI to draw. The UI never runs
//! Kubernetes logic; it asks for the frame at a time and renders it.

use crate::controllers::record::{CronJobSync, DaemonSetSync, JobDecision, JobSync, Placement};
use crate::engine::{Cursor, Sim};
use crate::model::{Event, Kind, Node, Object, Pod};
use crate::output::table;
use crate::output::{newest_events, sorted_events};
use crate::sim::{Actor, Change, SimTime, TraceEvent};
use crate::world::World;
use std::collections::BTreeMap;
use std::rc::Rc;

/// One pod as the cluster view shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodView {
    /// Name.
    pub name: String,
    /// The API phase.
    pub phase: String,
    /// kubectl's STATUS column (ContainerCreating, CrashLoopBackOff, Terminating, …).
    pub status: String,
    /// Total container restarts.
    pub restarts: i32,
    /// Ready containers / all containers.
    pub ready: String,
    /// The scheduler's reason when it could not place the pod.
    pub unschedulable: Option<String>,
    /// The controlling owner, as `kind/name`.
    pub owner: Option<String>,
    /// The image of its first container (the pod menu can make it unpullable).
    pub image: String,
}

/// One node and its pods.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeView {
    /// Name.
    pub name: String,
    /// Ready condition is True.
    pub ready: bool,
    /// Cordoned.
    pub cordoned: bool,
    /// `key=value` labels that are not the kubelet's own.
    pub labels: Vec<String>,
    /// Taints as kubectl writes them: `key=value:effect`, or `key:effect` without a value.
    pub taints: Vec<String>,
    /// Pods bound to it.
    pub pods: Vec<Rc<PodView>>,
    /// Pods on it that went away in the last [`GONE_MS`] (drawn fading out).
    pub gone: Vec<String>,
    /// DaemonSets that do not (or no longer) place a pod here, with the controller's reason.
    pub daemon_misses: Vec<(String, Placement)>,
}

/// How long a pod that went away is still drawn, fading out.
pub const GONE_MS: u64 = 1_000;

/// One line of the activity feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    /// Virtual time.
    pub time: SimTime,
    /// Who acted.
    pub actor: Actor,
    /// What changed.
    pub change: Change,
}

/// Everything the page draws for one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// The virtual time the frame was drawn at. A [`Player`] shows the same frame, unchanged,
    /// while nothing happens within one second of the playhead.
    pub time: SimTime,
    /// Wall-clock time of the scenario, RFC 3339.
    pub wall: String,
    /// Nodes with their pods (shared, so that a view can keep an unchanged node cheaply).
    pub nodes: Vec<Rc<NodeView>>,
    /// Pods not bound to any node (the scheduling queue).
    pub pending: Vec<Rc<PodView>>,
    /// The latest trace entries, newest last.
    pub activity: Vec<Activity>,
    /// Each controller's latest sync at or before this moment (of the kinds the cluster has).
    pub syncs: LastSyncs,
    /// `kubectl get events` at this moment, oldest first.
    pub events: Vec<EventRow>,
    /// `kubectl get pods -o wide`, `get jobs` and `get nodes` at this moment.
    pub tables: Vec<KubectlTable>,
    /// The workqueue of each controller whose kind the cluster has (Job, CronJob, DaemonSet).
    pub queues: Vec<Workqueue>,
    /// The rollout board of each DaemonSet.
    pub rollouts: Vec<crate::rolloutboard::Board>,
}

/// The latest sync of each workload controller.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LastSyncs {
    /// The Job controller's.
    pub job: Option<JobSync>,
    /// The CronJob controller's.
    pub cronjob: Option<CronJobSync>,
    /// The DaemonSet controller's.
    pub daemonset: Option<DaemonSetSync>,
}

/// A controller's workqueue at this moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workqueue {
    /// The kind it controls (`Job`, `CronJob`, `DaemonSet`).
    pub kind: Kind,
    /// Keys ready now (no due time), then keys waiting with their due time.
    pub keys: Vec<(String, Option<SimTime>)>,
}

/// The latest syncs in `trace`, looking back only for the kinds in `wanted` (a run without
/// CronJobs never scans its whole trace for one).
fn last_syncs(trace: &[Rc<TraceEvent>], wanted: [bool; 3]) -> LastSyncs {
    let mut found = LastSyncs::default();
    let mut missing = wanted.iter().filter(|w| **w).count();
    for e in trace.iter().rev() {
        if missing == 0 {
            break;
        }
        let change = &e.change;
        if let Some(s) = change.account::<JobSync>() {
            if wanted[0] && found.job.is_none() {
                found.job = Some(s.clone());
                missing -= 1;
            }
        } else if let Some(s) = change.account::<CronJobSync>() {
            if wanted[1] && found.cronjob.is_none() {
                found.cronjob = Some(s.clone());
                missing -= 1;
            }
        } else if let Some(s) = change.account::<DaemonSetSync>() {
            if wanted[2] && found.daemonset.is_none() {
                found.daemonset = Some(s.clone());
                missing -= 1;
            }
        }
    }
    found
}

fn queue_keys(q: &crate::sim::WorkQueue) -> Vec<(String, Option<SimTime>)> {
    q.ready_keys()
        .map(|k| (k.to_string(), None))
        .chain(q.waiting_keys().map(|(k, t)| (k.to_string(), Some(t))))
        .collect()
}

/// One `kubectl get` table: the command and its rows (header first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KubectlTable {
    /// The command that prints it.
    pub command: &'static str,
    /// Header, then one row per object (at most [`TABLE_ROWS`]).
    pub rows: Vec<Vec<String>>,
    /// Rows kubectl would print after those (left out to keep frames cheap).
    pub more: usize,
}

/// How many object rows a frame's table carries.
pub const TABLE_ROWS: usize = 100;

/// One row of `kubectl get events`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRow {
    /// LAST SEEN, as kubectl prints it.
    pub last_seen: String,
    /// When it last happened, in virtual time.
    pub time: SimTime,
    /// Normal or Warning.
    pub type_: String,
    /// REASON.
    pub reason: String,
    /// OBJECT, as `kind/name`.
    pub object: String,
    /// MESSAGE.
    pub message: String,
}

fn pod_view(p: &Pod) -> PodView {
    let unschedulable = p
        .condition("PodScheduled")
        .filter(|c| c.status == "False")
        .and_then(|c| c.message.clone());
    PodView {
        name: crate::api::display_name(Kind::Pod, p.metadata.ns(), &p.metadata.name),
        phase: p.phase().to_string(),
        status: p.display_status(),
        restarts: p.restart_counted().iter().map(|c| c.restart_count).sum(),
        ready: {
            let (ready, all) = p.ready_count();
            format!("{ready}/{all}")
        },
        unschedulable,
        owner: p
            .metadata
            .controller_ref()
            .map(|r| format!("{}/{}", r.kind.to_ascii_lowercase(), r.name)),
        image: p
            .spec
            .containers
            .first()
            .map(|c| c.image.clone())
            .unwrap_or_default(),
    }
}

const KUBELET_LABELS: [&str; 5] = [
    "beta.kubernetes.io/arch",
    "beta.kubernetes.io/os",
    "kubernetes.io/arch",
    "kubernetes.io/hostname",
    "kubernetes.io/os",
];

/// How many of the newest events a frame carries (the events panel shows fewer).
pub const FRAME_EVENTS: usize = 200;

/// The pod and node views of the previous frame, so that a new frame shares what did not
/// change instead of rebuilding it (and a view can skip what is shared).
#[derive(Debug, Default)]
pub struct Views {
    /// By pod uid: the resourceVersion the view was built from, and the view.
    pods: BTreeMap<String, (String, Rc<PodView>)>,
    nodes: BTreeMap<String, Rc<NodeView>>,
}

/// Builds the frame of a world reached by replaying `sim`, with its last `activity` trace
/// entries and the newest [`FRAME_EVENTS`] events, sharing unchanged views with `views`
/// (which it updates).
pub fn frame_of(world: &World, sim: &Sim, activity: usize, views: &mut Views) -> Frame {
    let trace = sim.trace();
    let pods: Vec<&Pod> = world
        .store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .collect();
    let mut pending = Vec::new();
    let mut by_node: BTreeMap<&str, Vec<Rc<PodView>>> = BTreeMap::new();
    let mut pod_views = BTreeMap::new();
    for p in &pods {
        let uid = p.metadata.uid();
        let rv = p.metadata.resource_version.as_deref().unwrap_or_default();
        let view = match views.pods.remove(uid) {
            Some((was, view)) if was == rv => view,
            _ => Rc::new(pod_view(p)),
        };
        pod_views.insert(uid.to_string(), (rv.to_string(), Rc::clone(&view)));
        match p.node_name() {
            Some(node) => by_node.entry(node).or_default().push(view),
            None => pending.push(view),
        }
    }
    views.pods = pod_views;
    let mut gone: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for lane in &sim.timeline().lanes {
        if let (Some(at), Some(node)) = (lane.gone, &lane.node) {
            if at <= world.now && world.now.0 - at.0 < GONE_MS {
                gone.entry(node).or_default().push(lane.pod.clone());
            }
        }
    }
    let daemonsets: Vec<_> = world
        .store
        .list(Kind::DaemonSet)
        .filter_map(Object::as_daemonset)
        .collect();
    let rollouts = if daemonsets.is_empty() {
        Vec::new()
    } else {
        crate::rolloutboard::boards(world, trace)
    };
    let nodes = world
        .store
        .list(Kind::Node)
        .filter_map(Object::as_node)
        .map(|n: &Node| NodeView {
            // The boards already hold every node's verdict (nodes in name order).
            daemon_misses: rollouts
                .iter()
                .filter_map(|b| {
                    let i = b
                        .nodes
                        .binary_search_by(|c| c.node.as_str().cmp(&n.metadata.name))
                        .ok()?;
                    let why = b.nodes[i].placement.clone()?;
                    Some((b.daemonset.clone(), why))
                })
                .collect(),
            gone: gone.remove(n.metadata.name.as_str()).unwrap_or_default(),
            name: n.metadata.name.clone(),
            ready: n.is_ready(),
            cordoned: n.is_unschedulable(),
            labels: n
                .metadata
                .labels
                .iter()
                .filter(|(k, _)| !KUBELET_LABELS.contains(&k.as_str()))
                .map(|(k, v)| format!("{k}={v}"))
                .collect(),
            taints: n
                .spec
                .taints
                .iter()
                .map(|t| match t.value.as_str() {
                    "" => format!("{}:{}", t.key, t.effect),
                    v => format!("{}={v}:{}", t.key, t.effect),
                })
                .collect(),
            pods: by_node.remove(n.metadata.name.as_str()).unwrap_or_default(),
        })
        .map(|view| match views.nodes.get(&view.name) {
            Some(old) if **old == view => Rc::clone(old),
            _ => Rc::new(view),
        })
        .collect::<Vec<_>>();
    // As people count: node-2 before node-10 (kubectl's tables keep kubectl's order).
    let mut nodes = nodes;
    crate::sort::sort_by(&mut nodes, |a, b| {
        crate::output::natural_order(&a.name, &b.name)
    });
    views.nodes = nodes
        .iter()
        .map(|n| (n.name.clone(), Rc::clone(n)))
        .collect();
    let upto = trace.partition_point(|e| e.time <= world.now);
    let from = upto.saturating_sub(activity);
    let now = world.wall_now();
    let table = |command, header: &[&str], total: usize, rows: &mut dyn Iterator<Item = _>| {
        let mut all = vec![header.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
        all.extend(rows.take(TABLE_ROWS));
        KubectlTable {
            command,
            more: total.saturating_sub(TABLE_ROWS),
            rows: all,
        }
    };
    let jobs: Vec<_> = world
        .store
        .list(Kind::Job)
        .filter_map(Object::as_job)
        .collect();
    let cronjobs: Vec<_> = world
        .store
        .list(Kind::CronJob)
        .filter_map(Object::as_cronjob)
        .collect();
    let revisions: Vec<_> = world
        .store
        .list(Kind::ControllerRevision)
        .filter_map(Object::as_revision)
        .collect();
    let node_list: Vec<_> = world
        .store
        .list(Kind::Node)
        .filter_map(Object::as_node)
        .collect();
    let mut tables = vec![
        table(
            "kubectl get pods -o wide",
            &table::POD_WIDE_HEADER,
            pods.len(),
            &mut pods.iter().map(|p| table::pod_row_wide(p, now)),
        ),
        table(
            "kubectl get jobs",
            &table::JOB_HEADER,
            jobs.len(),
            &mut jobs.iter().map(|j| table::job_row(j, now, false)),
        ),
        table(
            "kubectl get cronjobs",
            &table::CRONJOB_HEADER,
            cronjobs.len(),
            &mut cronjobs.iter().map(|c| table::cronjob_row(c, now, false)),
        ),
        table(
            "kubectl get daemonsets",
            &table::DAEMONSET_HEADER,
            daemonsets.len(),
            &mut daemonsets
                .iter()
                .map(|d| table::daemonset_row(d, now, false)),
        ),
        table(
            "kubectl get controllerrevisions",
            &table::REVISION_HEADER,
            revisions.len(),
            &mut revisions.iter().map(|c| table::revision_row(c, now, false)),
        ),
        table(
            "kubectl get nodes",
            &table::NODE_HEADER,
            node_list.len(),
            &mut node_list.iter().map(|n| table::node_row(n, now, false)),
        ),
    ];
    if cronjobs.is_empty() {
        tables.retain(|t| t.command != "kubectl get cronjobs");
    }
    if daemonsets.is_empty() {
        tables.retain(|t| t.command != "kubectl get daemonsets");
    }
    let has = [
        !jobs.is_empty(),
        !cronjobs.is_empty(),
        !daemonsets.is_empty(),
    ];
    let syncs = last_syncs(&trace[..upto], has);
    let controllers = &world.controllers;
    let queues = [
        (Kind::Job, &controllers.job.queue),
        (Kind::CronJob, &controllers.cronjob.queue),
        (Kind::DaemonSet, &controllers.daemonset.queue),
    ]
    .into_iter()
    .zip(has)
    .filter(|(_, has)| *has)
    .map(|((kind, q), _)| Workqueue {
        kind,
        keys: queue_keys(q),
    })
    .collect();
    let events = newest_events(world, FRAME_EVENTS)
        .into_iter()
        .map(|e| event_row(world, e))
        .collect();
    Frame {
        time: world.now,
        wall: world.wall_now().rfc3339(),
        nodes,
        pending,
        activity: trace[from..upto]
            .iter()
            .map(|e| Activity {
                time: e.time,
                actor: e.actor.clone(),
                change: e.change.clone(),
            })
            .collect(),
        syncs,
        events,
        tables,
        rollouts,
        queues,
    }
}

/// One event as `kubectl get events` prints it at the world's time.
fn event_row(world: &World, e: &Event) -> EventRow {
    let now = world.wall_now();
    let last = e.last_timestamp.unwrap_or(now);
    EventRow {
        last_seen: crate::output::age(now, last),
        time: SimTime((last.0 - world.start.0).max(0) as u64),
        type_: e.type_.clone(),
        reason: e.reason.clone(),
        object: format!(
            "{}/{}",
            e.involved_object.kind.to_ascii_lowercase(),
            e.involved_object.name
        ),
        message: e.message.clone(),
    }
}

/// What `kubectl describe` would show of one object at a moment: its YAML and its events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Described {
    /// The object as `kubectl get -o yaml` prints it.
    pub yaml: String,
    /// Its events, oldest first.
    pub events: Vec<EventRow>,
}

/// Describes an object of a world.
fn describe_in(world: &World, kind: Kind, shown: &str) -> Option<Described> {
    let (ns, name) = crate::api::parse_display_name(kind, shown);
    let obj = world.store.get(kind, &ns, &name)?;
    let yaml = crate::output::to_yaml(&serde_json::to_value(obj).ok()?);
    let uid = obj.meta().uid();
    let events = sorted_events(world)
        .into_iter()
        .filter(|e| e.involved_object.kind == kind.name())
        // A kubelet names its node by name where the uid would be.
        .filter(|e| e.involved_object.uid == uid || e.involved_object.uid == name)
        .map(|e| event_row(world, e))
        .collect();
    Some(Described { yaml, events })
}

/// Frames for a playhead moving through one finished run. Moving forward replays only the
/// new events (see [`Sim::seek_cursor`]), and a frame is rebuilt only when the run's position
/// or the playhead's whole second changes (ages and wall time print whole seconds); otherwise
/// the previous frame is shared. Use a new player for each run.
#[derive(Debug, Default)]
pub struct Player {
    cursor: Cursor,
    shown: Option<((u64, u64), Rc<Frame>)>,
    views: Views,
    /// Whether the run is crowded (see [`Player::crowded`]), once asked.
    crowded: Option<bool>,
}

/// A run that has this many pods at once at some moment is crowded: its frames are built and
/// drawn in tasks of their own (a thousand pods take 15 ms to build and 30 to draw).
pub const CROWDED_PODS: usize = 400;

/// The most pods a run had at one moment (from its timeline's lanes).
pub fn peak_pods(timeline: &crate::engine::timeline::Timeline) -> usize {
    let mut changes: Vec<(SimTime, i64)> = Vec::with_capacity(2 * timeline.lanes.len());
    for lane in &timeline.lanes {
        if let Some((from, _)) = lane.segments.first() {
            changes.push((*from, 1));
        }
        if let Some(gone) = lane.gone {
            changes.push((gone, -1));
        }
    }
    // At one moment, the pods that went away count before those that came.
    crate::sort::sort(&mut changes);
    let (mut now, mut peak) = (0i64, 0i64);
    for (_, d) in changes {
        now += d;
        peak = peak.max(now);
    }
    peak as usize
}

impl Player {
    /// Whether `sim`, the run this player shows, is crowded: [`CROWDED_PODS`] pods at once.
    pub fn crowded(&mut self, sim: &Sim) -> bool {
        *self
            .crowded
            .get_or_insert_with(|| peak_pods(sim.timeline()) >= CROWDED_PODS)
    }

    /// The frame of a run being computed, at the moment it has reached (its world as it is,
    /// not replayed).
    pub fn live_frame(&mut self, sim: &Sim, activity: usize) -> Rc<Frame> {
        let frame = Rc::new(frame_of(sim.world(), sim, activity, &mut Views::default()));
        // No playhead's key names this frame: a later `frame_at` builds its own.
        self.shown = Some(((u64::MAX, u64::MAX), Rc::clone(&frame)));
        frame
    }

    /// Whether `frame` is the last frame this player built (so it is of its run, and no newer
    /// one has been built since).
    pub fn built_last(&self, frame: &Rc<Frame>) -> bool {
        self.shown
            .as_ref()
            .is_some_and(|(_, f)| Rc::ptr_eq(f, frame))
    }

    /// The frame at time `t`, with `activity` trace lines.
    pub fn frame_at(&mut self, sim: &Sim, t: SimTime, activity: usize) -> Rc<Frame> {
        let world = sim.seek_cursor(&mut self.cursor, t);
        let key = (world.queue.taken(), t.0 / 1000);
        match &self.shown {
            Some((k, frame)) if *k == key => Rc::clone(frame),
            _ => {
                let frame = Rc::new(frame_of(world, sim, activity, &mut self.views));
                self.shown = Some((key, Rc::clone(&frame)));
                frame
            }
        }
    }

    /// The Jobs a CronJob's history limits will delete next, at the time of the last frame.
    pub fn cleaned_next(&self, cronjob: &str) -> Vec<String> {
        self.cursor
            .world()
            .map(|w| crate::crontimeline::cleaned_next(w, cronjob))
            .unwrap_or_default()
    }

    /// The world at the time of the last frame.
    pub fn world(&self) -> Option<&World> {
        self.cursor.world()
    }

    /// A node as it is at the time of the last frame.
    pub fn node(&self, name: &str) -> Option<crate::model::Node> {
        self.cursor
            .world()
            .and_then(|w| w.store.node(name))
            .cloned()
    }

    /// Describes an object at the time of the last frame (no replay needed).
    pub fn describe(&self, kind: Kind, name: &str) -> Option<Described> {
        describe_in(self.cursor.world()?, kind, name)
    }
}

/// The frame at time `t` of a finished run.
pub fn frame_at(sim: &Sim, t: SimTime, activity: usize) -> Frame {
    let world = sim.seek(t);
    frame_of(&world, sim, activity, &mut Views::default())
}

/// The moments worth jumping to: a controller decision, a Warning, a note, a refusal, a pod
/// appearing or going away.
pub fn interesting_times(sim: &Sim) -> Vec<SimTime> {
    let mut times: Vec<SimTime> = sim
        .trace()
        .iter()
        .filter(|e| match &e.change {
            Change::Sync(a) => a.get::<JobSync>().is_some_and(|s| {
                !matches!(
                    s.decision,
                    JobDecision::Nothing | JobDecision::WaitExpectations
                )
            }),
            Change::Event { type_, .. } => type_ == "Warning",
            Change::Note { .. } | Change::Rejected { .. } => true,
            Change::Created { kind, .. } | Change::Removed { kind, .. } => *kind == Kind::Pod,
            _ => false,
        })
        .map(|e| e.time)
        .collect();
    times.dedup();
    times
}

/// The times at which something happened, for "step to the next event".
pub fn event_times(sim: &Sim) -> Vec<SimTime> {
    let mut times: Vec<SimTime> = sim.trace().iter().map(|e| e.time).collect();
    times.dedup();
    times
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_should_show_pods_moving_through_their_phases() {
        let scenario = crate::scenario::parse(crate::builtin::BUILTINS[0].text).unwrap();
        let mut sim = Sim::new(scenario);
        sim.run();
        let at = |ms: u64| frame_at(&sim, SimTime(ms), 5);
        let status_of = |f: &Frame, name: &str| {
            f.nodes
                .iter()
                .flat_map(|n| &n.pods)
                .find(|p| p.name == name)
                .map(|p| p.status.clone())
        };
        assert_eq!(
            status_of(&at(0), "sleeper").as_deref(),
            Some("ContainerCreating")
        );
        assert_eq!(status_of(&at(3_000), "sleeper").as_deref(), Some("Running"));
        assert_eq!(
            status_of(&at(30_000), "sleeper").as_deref(),
            Some("Completed")
        );
        assert_eq!(status_of(&at(45_000), "sleeper"), None);
        assert_eq!(at(3_000).nodes.len(), 3);
        assert_eq!(at(3_000).activity.len(), 5);
        assert!(event_times(&sim).windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_player_should_show_what_frame_at_shows_and_share_what_did_not_change() {
        let scenario =
            crate::scenario::parse(include_str!("../tests/scenarios/job-parallel.yaml")).unwrap();
        let mut sim = Sim::new(scenario);
        sim.run();
        let mut player = Player::default();
        let mut previous: Option<Rc<Frame>> = None;
        let mut shared_nodes = 0;
        for s in (0..sim.scenario().until.0 / 1000).chain([7, 3, 12]) {
            let t = SimTime(s * 1000);
            let frame = player.frame_at(&sim, t, 5);
            assert_eq!(*frame, frame_at(&sim, t, 5), "at {s}s");
            if let Some(prev) = &previous {
                for (a, b) in prev.nodes.iter().zip(&frame.nodes) {
                    if a == b {
                        assert!(Rc::ptr_eq(a, b), "an unchanged node view is shared");
                        shared_nodes += 1;
                    }
                }
            }
            previous = Some(frame);
        }
        assert!(shared_nodes > 0);
        // Within one second where nothing happens, the frame itself is shared.
        let quiet = event_times(&sim)
            .windows(2)
            .map(|w| (w[0], w[1]))
            .find(|(a, b)| a.0 / 1000 == (b.0 - 1) / 1000 && b.0 - a.0 > 2)
            .expect("a quiet stretch inside one second");
        let a = player.frame_at(&sim, quiet.0, 5);
        let b = player.frame_at(&sim, SimTime(quiet.1 .0 - 1), 5);
        assert!(Rc::ptr_eq(&a, &b));
    }

    #[test]
    fn a_pod_that_went_away_should_stay_on_its_node_for_a_moment() {
        let scenario =
            crate::scenario::parse(include_str!("../tests/scenarios/graceful-delete.yaml"))
                .unwrap();
        let mut sim = Sim::new(scenario);
        sim.run();
        let gone = |ms: u64| frame_at(&sim, SimTime(ms), 0).nodes[0].gone.clone();
        // quick goes away 5 s after its deletion at 10 s, slow after 30 s.
        assert!(gone(14_900).is_empty());
        assert_eq!(gone(15_000), vec!["quick".to_string()]);
        assert_eq!(gone(15_999), vec!["quick".to_string()]);
        assert!(gone(16_000).is_empty());
        assert_eq!(gone(40_500), vec!["slow".to_string()]);
    }

    #[test]
    fn interesting_moments_should_be_the_controllers_decisions() {
        let scenario =
            crate::scenario::parse(include_str!("../tests/scenarios/job-backoff-never.yaml"))
                .unwrap();
        let mut sim = Sim::new(scenario);
        sim.run();
        let times: Vec<u64> = interesting_times(&sim).iter().map(|t| t.0 / 1000).collect();
        // Created at 0 s; back-off decided at 3 s and 16 s; replacements at 13 s and 36 s;
        // BackoffLimitExceeded at 39 s, when pod 3 fails (a batched sync is already due).
        for t in [0, 3, 13, 16, 36, 39] {
            assert!(times.contains(&t), "{t}s missing from {times:?}");
        }
        assert!(
            times.len() < event_times(&sim).len(),
            "fewer than every moment"
        );
    }
}
