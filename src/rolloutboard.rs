//! The DaemonSet rollout board's data at one moment: for each DaemonSet, every node's daemon
//! pods (current revision or old, ready, available, terminating) or the reason it has none,
//! the rolling update's budget as the controller counts it (nodes unavailable or surging now
//! against maxUnavailable / maxSurge), the order in which the current rollout has updated
//! nodes, the node(s) the next rolling-update round will pick (read ahead in the run's trace)
//! and `kubectl rollout status`. Built from a world replayed to the playhead and the run's
//! trace; no UI here.

use crate::controllers::daemonset::budget;
use crate::controllers::daemonset::listing::Listing;
use crate::controllers::daemonset::placement::Judge;
use crate::controllers::daemonset::rollout::{in_flight, DaemonPod};
use crate::controllers::record::{DaemonSetSync, Placement};
use crate::model::daemonset::DaemonSet;
use crate::model::daemonset::REVISION_HASH;
use crate::model::{Kind, Object};
use crate::output::table::rollout_status;
use crate::sim::{SimTime, TraceEvent};
use crate::world::World;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// One daemon pod on the board.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardPod {
    /// The pod's name.
    pub name: String,
    /// It belongs to the current revision.
    pub updated: bool,
    /// The revision number of its `controller-revision-hash`, when that revision still exists.
    pub revision: Option<i64>,
    /// Ready.
    pub ready: bool,
    /// Ready for at least minReadySeconds.
    pub available: bool,
    /// Being deleted.
    pub terminating: bool,
}

/// One node's cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardNode {
    /// The node.
    pub node: String,
    /// Why no daemon pod should be created here (`None`: one should run).
    pub placement: Option<Placement>,
    /// Its daemon pods, oldest first.
    pub pods: Vec<BoardPod>,
    /// 1-based position in the current rollout's update order.
    pub order: Option<usize>,
    /// It counts against the rolling update's budget now.
    pub in_flight: bool,
    /// The next rolling-update round picks it.
    pub next: bool,
}

/// The rolling update's budget, resolved against the nodes that should run a pod.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoardBudget {
    /// maxSurge as a node count.
    pub max_surge: i64,
    /// maxUnavailable as a node count.
    pub max_unavailable: i64,
    /// Nodes counted now (unavailable without surge, surging with it).
    pub used: i64,
}

/// The next round that updates nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextRound {
    /// When it runs.
    pub at: SimTime,
    /// The nodes it picks.
    pub nodes: Vec<String>,
}

/// One DaemonSet's board.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Board {
    /// The DaemonSet.
    pub daemonset: String,
    /// `RollingUpdate` or `OnDelete`.
    pub strategy: String,
    /// The current revision's hash (empty before the controller's first sync).
    pub hash: String,
    /// The current revision number.
    pub revision: Option<i64>,
    /// Nodes that should run a pod.
    pub desired: usize,
    /// Nodes running a pod of the current revision.
    pub updated: usize,
    /// The budget (rolling updates only).
    pub budget: Option<BoardBudget>,
    /// Every node, in name order.
    pub nodes: Vec<BoardNode>,
    /// Nodes the current rollout has updated, in order.
    pub order: Vec<String>,
    /// The next round that updates nodes, if the run has one for this revision.
    pub next: Option<NextRound>,
    /// `kubectl rollout status daemonset/<name>`'s line, and whether it reports success.
    pub status: (String, bool),
}

/// What a node's cell shows, from its pods and placement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellState {
    /// No pod should run here, and none does.
    None,
    /// A pod should run here and none does yet (the replacement of a deleted old pod).
    Missing,
    /// Every pod is of the current revision and none is terminating.
    New,
    /// Pods of both the current and an old revision (surge, or an old one terminating).
    Mixed,
    /// Only pods of an old revision.
    Old,
}

impl CellState {
    /// The cell's `data-state` and class.
    pub fn key(self) -> &'static str {
        match self {
            CellState::None => "none",
            CellState::Missing => "missing",
            CellState::New => "new",
            CellState::Mixed => "mixed",
            CellState::Old => "old",
        }
    }
}

impl BoardNode {
    /// What the cell shows.
    pub fn state(&self) -> CellState {
        match &self.placement {
            Some(_) if self.pods.is_empty() => CellState::None,
            _ if self.pods.is_empty() => CellState::Missing,
            _ if self.pods.iter().all(|p| p.updated && !p.terminating) => CellState::New,
            _ if self.pods.iter().any(|p| p.updated) => CellState::Mixed,
            _ => CellState::Old,
        }
    }
}

/// Where a rollout stands, for the sentence under the board.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing<'b> {
    /// OnDelete: how many nodes that should run a pod still run an old revision.
    OnDelete {
        /// Those nodes.
        old: usize,
    },
    /// Every node that should run a pod runs this revision.
    Done {
        /// The revision.
        revision: i64,
    },
    /// A rolling update under way.
    Rolling {
        /// Surge (new pod beside the old) rather than delete-first.
        surge: bool,
        /// The budget: maxSurge or maxUnavailable as a node count.
        max: i64,
        /// The nodes counted against it now.
        in_flight: Vec<&'b str>,
        /// The budget is used up, so the next round waits for one of them.
        waiting: bool,
        /// The next round.
        next: Option<&'b NextRound>,
    },
}

impl Board {
    /// Where the rollout stands.
    pub fn standing(&self) -> Standing<'_> {
        let Some(budget) = self.budget else {
            let old = self
                .nodes
                .iter()
                .filter(|n| n.placement.is_none() && n.pods.iter().any(|p| !p.updated))
                .count();
            return Standing::OnDelete { old };
        };
        if self.status.1 {
            return Standing::Done {
                revision: self.revision.unwrap_or_default(),
            };
        }
        let surge = budget.max_surge > 0;
        let max = if surge {
            budget.max_surge
        } else {
            budget.max_unavailable
        };
        Standing::Rolling {
            surge,
            max,
            in_flight: self
                .nodes
                .iter()
                .filter(|n| n.in_flight)
                .map(|n| n.node.as_str())
                .collect(),
            waiting: budget.used >= max,
            next: self.next.as_ref(),
        }
    }
}

/// The boards of every DaemonSet in `world`, with the trace of the whole run.
pub fn boards(world: &World, trace: &[Rc<TraceEvent>]) -> Vec<Board> {
    world
        .store
        .list(Kind::DaemonSet)
        .filter_map(Object::as_daemonset)
        .map(|ds| board(world, trace, ds))
        .collect()
}

/// The syncs of one DaemonSet in a stretch of the trace.
fn daemonset_syncs<'t>(
    range: &'t [Rc<TraceEvent>],
    name: &'t str,
) -> impl DoubleEndedIterator<Item = (SimTime, &'t DaemonSetSync)> + 't {
    range.iter().filter_map(move |e| {
        let s = e.change.account::<DaemonSetSync>()?;
        (s.daemonset == name).then_some((e.time, s))
    })
}

fn board(world: &World, trace: &[Rc<TraceEvent>], ds: &DaemonSet) -> Board {
    let name = ds.metadata.name.clone();
    let upto = trace.partition_point(|e| e.time <= world.now);
    let syncs = |range| daemonset_syncs(range, &name);
    // The update order: nodes picked since the revision last changed, read backwards from
    // the playhead only as far as that change.
    let mut past = syncs(&trace[..upto]).rev().peekable();
    let hash = past.peek().map(|(_, s)| s.hash.clone()).unwrap_or_default();
    let rounds: Vec<&DaemonSetSync> = past
        .map(|(_, s)| s)
        .take_while(|s| s.hash == hash)
        .collect();
    let mut seen = BTreeSet::new();
    let order: Vec<String> = rounds
        .iter()
        .rev()
        .flat_map(|s| &s.updating)
        .filter(|n| seen.insert(n.as_str()))
        .cloned()
        .collect();
    let revisions: BTreeMap<String, i64> = world
        .store
        .list(Kind::ControllerRevision)
        .filter_map(Object::as_revision)
        .filter(|r| {
            r.metadata
                .controller_ref()
                .is_some_and(|o| o.uid == ds.metadata.uid())
        })
        .filter_map(|r| {
            let h = r.metadata.labels.get(REVISION_HASH)?;
            Some((h.clone(), r.revision))
        })
        .collect();
    let rolling = ds.is_rolling_update();
    let judge = Judge::new(&ds.spec.template.spec);
    let placements: Rc<[(String, Placement)]> = world
        .store
        .list(Kind::Node)
        .filter_map(Object::as_node)
        .map(|n| (n.metadata.name.clone(), judge.verdict(n)))
        .collect();
    let listing = Listing::default().refresh(world, ds, &hash, &placements);
    let min_ready = i64::from(ds.spec.min_ready_seconds.unwrap_or(0));
    let pods = listing.by_node(min_ready, world.wall_now());
    let desired = placements.iter().filter(|(_, p)| p.should_run()).count();
    let resolved = ds
        .spec
        .update_strategy
        .as_ref()
        .and_then(|s| s.rolling_update.as_ref())
        .map(|ru| budget::resolve(ru, desired as i64));
    let surge = resolved.is_some_and(|b| b.max_surge > 0);
    let status = match rollout_status(ds) {
        Ok(s) => s,
        Err(e) => (format!("error: {e}"), false),
    };
    let next = if rolling && !status.1 {
        syncs(&trace[upto..])
            .take_while(|(_, s)| s.hash == hash)
            .find(|(_, s)| !s.updating.is_empty())
            .map(|(at, s)| NextRound {
                at,
                nodes: s.updating.clone(),
            })
    } else {
        None
    };
    let cell = |pod: &DaemonPod<'_>| BoardPod {
        name: pod.name.to_string(),
        updated: pod.updated,
        revision: world
            .store
            .get(Kind::Pod, ds.metadata.ns(), pod.name)
            .and_then(|o| o.meta().labels.get(REVISION_HASH))
            .and_then(|h| revisions.get(h).copied()),
        ready: pod.ready,
        available: pod.available,
        terminating: pod.terminating,
    };
    let place: BTreeMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i + 1))
        .collect();
    let mut nodes: Vec<BoardNode> = pods
        .per_node()
        .map(|(node, placement, here)| {
            let (node, placement) = (node.clone(), placement.clone());
            let mut mine: Vec<&DaemonPod<'_>> = here.iter().collect();
            crate::sort::sort_by(&mut mine, |a, b| {
                a.created.cmp(&b.created).then(a.name.cmp(b.name))
            });
            BoardNode {
                in_flight: placement.should_run() && in_flight(here, surge),
                next: next.as_ref().is_some_and(|n| n.nodes.contains(&node)),
                order: place.get(node.as_str()).copied(),
                pods: mine.into_iter().map(cell).collect(),
                placement: (!placement.should_run()).then_some(placement),
                node,
            }
        })
        .collect();
    crate::sort::sort_by(&mut nodes, |a, b| {
        crate::output::natural_order(&a.node, &b.node)
    });
    let used = nodes.iter().filter(|n| n.in_flight).count() as i64;
    Board {
        strategy: if rolling { "RollingUpdate" } else { "OnDelete" }.into(),
        revision: revisions.get(&hash).copied(),
        updated: nodes
            .iter()
            .filter(|n| n.placement.is_none() && n.pods.iter().any(|p| p.updated && !p.terminating))
            .count(),
        desired,
        budget: resolved.filter(|_| rolling).map(|b| BoardBudget {
            max_surge: b.max_surge,
            max_unavailable: b.max_unavailable,
            used,
        }),
        nodes,
        order,
        next,
        status,
        hash,
        daemonset: name,
    }
}
