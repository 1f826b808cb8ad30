//! The DaemonSet controller's loop (`pkg/controller/daemon/daemon_controller.go`): informers
//! that queue keys, then `syncDaemonSet` — history (ControllerRevisions), `manage` (create and delete per node),
//! `rollingUpdate` when nothing is pending, history cleanup, and the status.

use super::budget;
use super::hash::compute_hash;
use super::listing::{template_generation, ByNode, Listing};
use super::placement::Placement;
use super::placement::{add_daemon_tolerations, Judge};
use super::rollout::{pods_should_be_on_node, rolling_update, NodePods};
use crate::api::{self, record_event, EventTarget, WatchEvent};
use crate::cluster::{Client, Cluster, Controller, Informer};
use crate::controllers::expectations::Expectations;
use crate::controllers::podcontrol::{controller_ref, create_pod, delete_pod, pod_from_template};
use crate::controllers::record::DaemonSetSync;
use crate::controllers::{key, split_key, Reconciler, Requeue};
use crate::model::daemonset::{ControllerRevision, DaemonSet, DaemonSetStatus};
use crate::model::pod::{Affinity, NodeAffinity, NodeSelector, PodSpec};
use crate::model::Pod;
use crate::model::{Kind, NodeSelectorRequirement, NodeSelectorTerm, Object, ObjectMeta};
use crate::sim::trace::WatchType;
use crate::sim::{Account, Change, SimTime, Update, WorkQueue};
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::model::daemonset::{REVISION_HASH, TEMPLATE_GENERATION};
const COMPONENT: &str = "daemonset-controller";
/// Failed-pod back-off per node: 1 s doubling to 15 min.
const BACKOFF_BASE_MS: u64 = 1_000;
const BACKOFF_MAX_MS: u64 = 15 * 60 * 1_000;
/// At most this many creations or deletions per sync.
const BURST_REPLICAS: usize = 250;

/// Why a sync failed and is retried with the queue's back-off.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// A ControllerRevision with the current hash's name holds another template: the
    /// DaemonSet's `status.collisionCount` was bumped so the next sync hashes differently.
    #[error("found a hash collision for DaemonSet {daemonset:?} - bumping collisionCount to {count} to resolve it")]
    HashCollision {
        /// The DaemonSet.
        daemonset: String,
        /// The new collision count.
        count: i32,
    },
}

/// The DaemonSet controller's queue and in-memory records.
#[derive(Clone, Debug)]
pub struct DaemonSetControllerState {
    /// DaemonSet keys to sync.
    pub queue: WorkQueue,
    /// Creations and deletions not yet observed, per DaemonSet.
    pub expectations: BTreeMap<String, Expectations>,
    /// Failed-pod back-off per `<uid>/<generation>/<node>`: (delay, last update).
    pub backoff: BTreeMap<String, (u64, SimTime)>,
    /// Each DaemonSet's node verdicts from its last sync, reused while no node was written
    /// and the pod template is the same (a sync over 5,000 nodes judges none of them again).
    pub verdicts: BTreeMap<String, Verdicts>,
    /// Each DaemonSet's pods as its last sync listed them (shared with the world's copies).
    pub listings: BTreeMap<String, Rc<Listing>>,
}

/// The node verdicts one sync computed, and what they were computed from.
#[derive(Clone, Debug)]
pub struct Verdicts {
    /// The store's [`nodes_stamp`](crate::api::Store::nodes_stamp) then.
    nodes_stamp: u64,
    /// The DaemonSet's pod template spec then.
    spec: Rc<PodSpec>,
    /// Each node's verdict, in node order.
    list: Rc<[(String, Placement)]>,
}

/// Every node's verdict for the DaemonSet, in node order: the list of the last sync while no
/// node has been written since and the template is the same, or a new one.
fn node_verdicts(
    w: &Cluster,
    state: &mut DaemonSetControllerState,
    k: &str,
    ds: &DaemonSet,
) -> Rc<[(String, Placement)]> {
    let stamp = w.store.nodes_stamp();
    let spec = &ds.spec.template.spec;
    if let Some(v) = state.verdicts.get(k) {
        if v.nodes_stamp == stamp && (Rc::ptr_eq(&v.spec, spec) || v.spec == *spec) {
            return Rc::clone(&v.list);
        }
    }
    let judge = Judge::new(spec);
    let list: Rc<[(String, Placement)]> = w
        .store
        .list(Kind::Node)
        .filter_map(Object::as_node)
        .map(|n| (n.metadata.name.clone(), judge.verdict(n)))
        .collect();
    state.verdicts.insert(
        k.to_string(),
        Verdicts {
            nodes_stamp: stamp,
            spec: Rc::clone(spec),
            list: Rc::clone(&list),
        },
    );
    list
}

impl Default for DaemonSetControllerState {
    fn default() -> Self {
        DaemonSetControllerState {
            queue: WorkQueue::default_controller(),
            expectations: BTreeMap::new(),
            backoff: BTreeMap::new(),
            verdicts: BTreeMap::new(),
            listings: BTreeMap::new(),
        }
    }
}

fn ds_owner(pod: &Pod) -> Option<&str> {
    pod.metadata
        .controller_ref()
        .filter(|r| r.kind == "DaemonSet")
        .map(|r| r.name.as_str())
}

/// Informer hooks: DaemonSets, their pods, and nodes (a node that appears or changes its
/// labels, taints or schedulability may change every DaemonSet's answer).
pub fn on_watch(w: &mut Informer<'_>, state: &mut DaemonSetControllerState, ev: &WatchEvent) {
    let cause = ev.cause();
    let now = w.now;
    match &*ev.object {
        Object::DaemonSet(ds) => {
            let k = key(ds.metadata.ns(), &ds.metadata.name);
            if ev.ty == WatchType::Deleted {
                state.expectations.remove(&k);
                state.verdicts.remove(&k);
                state.listings.remove(&k);
            } else {
                state.queue.add(&k);
            }
        }
        Object::Pod(pod) => {
            let Some(owner) = ds_owner(pod) else { return };
            let k = key(pod.metadata.ns(), owner);
            let was_terminating = ev.old.as_ref().is_some_and(|o| o.meta().is_terminating());
            if let Some(e) = state.expectations.get_mut(&k) {
                match ev.ty {
                    WatchType::Added => e.add -= 1,
                    WatchType::Modified if pod.metadata.is_terminating() && !was_terminating => {
                        e.del -= 1
                    }
                    WatchType::Deleted if !was_terminating => e.del -= 1,
                    _ => {}
                }
            }
            state.queue.add(&k);
            let became_ready = pod.is_ready()
                && !ev
                    .old
                    .as_ref()
                    .and_then(|o| o.as_pod())
                    .is_some_and(Pod::is_ready);
            let min_ready = w
                .store
                .get(Kind::DaemonSet, pod.metadata.ns(), owner)
                .and_then(|o| match o {
                    Object::DaemonSet(d) => d.spec.min_ready_seconds,
                    _ => None,
                })
                .unwrap_or(0);
            if became_ready && min_ready > 0 {
                let delay = (min_ready as u64 + 1) * 1_000;
                state.queue.add_after(&k, now, delay);
            }
        }
        Object::Node(node) => {
            // `addNode` queues the DaemonSets that should run on the new node; `updateNode`
            // ignores an update that changes neither labels nor taints, and otherwise queues a
            // DaemonSet only when the change flips whether it should run (or keep running)
            // there. There is no delete handler.
            let old = ev.old.as_ref().and_then(|o| o.as_node());
            let flips = |ds: &DaemonSet| {
                let judge = Judge::new(&ds.spec.template.spec);
                let now = judge.verdict(node);
                match old {
                    None => now.should_run(),
                    Some(old) => {
                        let before = judge.verdict(old);
                        before.should_run() != now.should_run()
                            || before.should_continue_running() != now.should_continue_running()
                    }
                }
            };
            let keys: Vec<String> = match (ev.ty, old) {
                (WatchType::Deleted, _) => Vec::new(),
                (WatchType::Modified, Some(old))
                    if old.metadata.labels == node.metadata.labels
                        && old.spec.taints == node.spec.taints =>
                {
                    Vec::new()
                }
                _ => w
                    .store
                    .list(Kind::DaemonSet)
                    .filter_map(Object::as_daemonset)
                    .filter(|ds| flips(ds))
                    .map(|ds| key(ds.metadata.ns(), &ds.metadata.name))
                    .collect(),
            };
            if keys.is_empty() {
                return;
            }
            for k in keys {
                state.queue.add(&k);
            }
        }
        _ => return,
    }
    crate::controllers::kick(w, Controller::DaemonSet, &state.queue, cause);
}

/// The DaemonSet controller (`pkg/controller/daemon/daemon_controller.go`).
#[derive(Debug)]
pub struct DaemonSetController;

impl Reconciler for DaemonSetController {
    type State = DaemonSetControllerState;
    type Error = SyncError;
    const CONTROLLER: Controller = Controller::DaemonSet;
    const COMPONENT: &'static str = COMPONENT;

    fn queue(state: &mut DaemonSetControllerState) -> &mut WorkQueue {
        &mut state.queue
    }

    fn reconcile(
        w: &mut Client<'_>,
        state: &mut DaemonSetControllerState,
        k: &str,
    ) -> Result<Requeue, SyncError> {
        Ok(sync(w, state, k)?.map_or(Requeue::AwaitChange, Requeue::After))
    }
}

/// `constructHistory`: the current ControllerRevision (created, or its revision bumped to
/// the newest) and the old ones.
fn construct_history(
    w: &mut Client<'_>,
    ds_obj: &Object,
    ds: &DaemonSet,
) -> Result<(String, Vec<Rc<Object>>), SyncError> {
    let collisions = ds.status.as_ref().and_then(|s| s.collision_count);
    let hash = compute_hash(&ds.spec.template, collisions);
    let uid = ds.metadata.uid().to_string();
    let owned: Vec<Rc<Object>> = w
        .store
        .list_shared_in(Kind::ControllerRevision, ds.metadata.ns())
        .filter(|o| o.meta().controller_ref().is_some_and(|r| r.uid == uid))
        .cloned()
        .collect();
    let (current, old): (Vec<Rc<Object>>, Vec<Rc<Object>>) = owned
        .into_iter()
        .partition(|o| o.meta().labels.get(REVISION_HASH) == Some(&hash));
    let revision_of = |o: &Object| match o {
        Object::ControllerRevision(c) => c.revision,
        _ => 0,
    };
    let next = old.iter().map(|o| revision_of(o)).max().unwrap_or(0) + 1;
    match current.first() {
        None => {
            let mut labels = ds.spec.template.metadata.labels.clone();
            labels.insert(REVISION_HASH.into(), hash.clone());
            let template = serde_json::to_value(&ds.spec.template).unwrap_or_default();
            let mut patch = template;
            if let Some(m) = patch.as_object_mut() {
                m.insert("$patch".into(), "replace".into());
            }
            let cr = ControllerRevision {
                api_version: "apps/v1".into(),
                kind: "ControllerRevision".into(),
                metadata: ObjectMeta {
                    name: format!("{}-{hash}", ds.metadata.name),
                    namespace: ds.metadata.namespace.clone(),
                    labels,
                    annotations: ds.metadata.annotations.clone(),
                    owner_references: vec![controller_ref(ds_obj)],
                    ..ObjectMeta::default()
                },
                data: serde_json::from_value(serde_json::json!({"spec": {"template": patch}})).ok(),
                revision: next,
            };
            let (name, data) = (cr.metadata.name.clone(), cr.data.clone());
            if let Err(api::ApiError::AlreadyExists { .. }) =
                api::create(w, Object::ControllerRevision(Box::new(cr)))
            {
                // `snapshot`: a revision of that name with the same template is ours to use;
                // another template under the same name is a hash collision.
                let same = w
                    .store
                    .get(Kind::ControllerRevision, ds.metadata.ns(), &name)
                    .and_then(Object::as_revision)
                    .is_some_and(|c| c.data == data);
                if !same {
                    return Err(bump_collision_count(w, ds));
                }
            }
        }
        Some(cur) if revision_of(cur) < next => {
            let name = cur.meta().name.clone();
            let ns = ds.metadata.ns();
            let _ = api::mutate(
                w,
                Kind::ControllerRevision,
                ns,
                &name,
                Update::Applied,
                |o| {
                    if let Object::ControllerRevision(c) = o {
                        c.revision = next;
                    }
                },
            );
        }
        Some(_) => {}
    }
    Ok((hash, old))
}

/// Bumps `status.collisionCount` after a hash collision; the sync is retried.
fn bump_collision_count(w: &mut Client<'_>, ds: &DaemonSet) -> SyncError {
    let count = ds
        .status
        .as_ref()
        .and_then(|s| s.collision_count)
        .unwrap_or(0)
        + 1;
    let st = ds.status.clone().unwrap_or_default();
    let what = Update::DaemonSetStatus {
        desired: st.desired_number_scheduled,
        current: st.current_number_scheduled,
        ready: st.number_ready,
        updated: st.updated_number_scheduled,
        available: st.number_available,
    };
    let _ = api::mutate(
        w,
        Kind::DaemonSet,
        ds.metadata.ns(),
        &ds.metadata.name,
        what,
        |o| {
            if let Object::DaemonSet(d) = o {
                d.status
                    .get_or_insert_with(Default::default)
                    .collision_count = Some(count);
            }
        },
    );
    let err = SyncError::HashCollision {
        daemonset: ds.metadata.name.clone(),
        count,
    };
    w.log(|| Change::Note {
        en: err.to_string(),
        zh: format!(
            "DaemonSet {:?} 的哈希冲突：collisionCount 增加到 {count} 以解决",
            ds.metadata.name
        ),
    });
    err
}

/// The daemon pod of `template` for `node`: labels with the hash and generation, the daemon
/// tolerations, and a required node affinity naming the node (the scheduler binds it).
fn new_pod(ds_obj: &Object, ds: &DaemonSet, hash: &str, node: &str) -> Pod {
    let mut pod = pod_from_template(
        &ds.spec.template,
        ds_obj,
        format!("{}-", ds.metadata.name),
        Vec::new(),
    );
    pod.metadata
        .labels
        .insert(REVISION_HASH.into(), hash.to_string());
    if let Some(g) = template_generation(ds) {
        pod.metadata.labels.insert(TEMPLATE_GENERATION.into(), g);
    }
    let spec = std::rc::Rc::make_mut(&mut pod.spec);
    add_daemon_tolerations(spec);
    let term = NodeSelectorTerm {
        match_fields: vec![NodeSelectorRequirement {
            key: "metadata.name".into(),
            operator: "In".into(),
            values: vec![node.to_string()],
        }],
        ..NodeSelectorTerm::default()
    };
    let affinity = spec.affinity.get_or_insert_with(Affinity::default);
    let na = affinity
        .node_affinity
        .get_or_insert_with(NodeAffinity::default);
    na.required_during_scheduling_ignored_during_execution = Some(NodeSelector {
        node_selector_terms: vec![term],
    });
    pod
}

/// One sync of one DaemonSet. Returns when to sync it again, if it asks for that.
pub fn sync(
    w: &mut Client<'_>,
    state: &mut DaemonSetControllerState,
    k: &str,
) -> Result<Option<u64>, SyncError> {
    let (namespace, name) = split_key(k);
    let name = name.to_string();
    let Some(ds_obj) = w.store.get_shared(Kind::DaemonSet, namespace, &name) else {
        state.expectations.remove(k);
        state.verdicts.remove(k);
        state.listings.remove(k);
        return Ok(None);
    };
    let Object::DaemonSet(ds) = &*ds_obj else {
        return Ok(None);
    };
    let ds: &DaemonSet = ds;
    let selector = ds.spec.selector.clone().unwrap_or_default();
    if selector.match_labels.is_empty() && selector.match_expressions.is_empty() {
        record_event(
            w,
            EventTarget::of(&ds_obj),
            "Warning",
            "SelectingAll",
            "This daemon set is selecting all pods. A non-empty selector is required.",
            COMPONENT,
            "",
        );
        return Ok(None);
    }
    if ds.metadata.is_terminating() {
        return Ok(None);
    }
    let (hash, old_revisions) = construct_history(w, &ds_obj, ds)?;
    let now = w.now;
    let satisfied = |state: &DaemonSetControllerState| {
        state.expectations.get(k).is_none_or(|e| e.satisfied(now))
    };
    let mut requeue: Option<u64> = None;
    let got_past = satisfied(state);
    let mut trace = DaemonSetSync {
        daemonset: name.clone(),
        nodes: node_verdicts(w, state, k, ds),
        created_on: Vec::new(),
        deleted: Vec::new(),
        rollout: None,
        updating: Vec::new(),
        hash: hash.clone(),
        waiting: !got_past,
    };
    // The daemon pods by node, listed once and again only after pods were created or deleted;
    // the listing keeps the last sync's views of pods not written since.
    let (min_ready, wall) = (
        i64::from(ds.spec.min_ready_seconds.unwrap_or(0)),
        w.wall_now(),
    );
    let mut listing = Rc::unwrap_or_clone(state.listings.remove(k).unwrap_or_default()).refresh(
        w,
        ds,
        &hash,
        &trace.nodes,
    );
    let mut by_node = listing.by_node(min_ready, wall);
    let target = Target {
        key: k,
        obj: &ds_obj,
        ds,
        hash: &hash,
    };
    if got_past {
        let (wait, created, deleted) = manage(w, state, &target, &by_node);
        requeue = wait;
        if !created.is_empty() || !deleted.is_empty() {
            drop(by_node);
            listing = listing.refresh(w, ds, &hash, &trace.nodes);
            by_node = listing.by_node(min_ready, wall);
        }
        trace.created_on = created;
        trace.deleted = deleted;
        if satisfied(state) && ds.is_rolling_update() {
            let round = rolling_round(w, state, &target, &by_node);
            if !round.created.is_empty() || !round.deleted.is_empty() {
                drop(by_node);
                listing = listing.refresh(w, ds, &hash, &trace.nodes);
                by_node = listing.by_node(min_ready, wall);
            }
            trace.created_on.extend(round.created);
            trace.deleted.extend(round.deleted);
            trace.updating = round.updating;
            trace.rollout = Some(round.budget);
        }
        cleanup_history(w, ds, &old_revisions);
    }
    let wait = update_status(w, &ds_obj, ds, &by_node, got_past);
    drop(by_node);
    state.listings.insert(k.to_string(), Rc::new(listing));
    w.log(|| Change::Sync(Account::new(trace)));
    Ok(match (requeue, wait) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    })
}

/// The DaemonSet one sync works on: its key, its object and spec, and the current revision's
/// hash.
struct Target<'a> {
    key: &'a str,
    obj: &'a Object,
    ds: &'a DaemonSet,
    hash: &'a str,
}

/// `manage`: per-node creates and deletes, issued in the same sync.
/// Returns a back-off requeue, the nodes created for and the pods deleted.
fn manage(
    w: &mut Client<'_>,
    state: &mut DaemonSetControllerState,
    t: &Target<'_>,
    by_node: &ByNode<'_>,
) -> (Option<u64>, Vec<String>, Vec<String>) {
    let (ds_obj, ds) = (t.obj, t.ds);
    let surge = ds
        .spec
        .update_strategy
        .as_ref()
        .and_then(|s| s.rolling_update.as_ref())
        .and_then(|r| r.max_surge.as_ref())
        .is_some_and(|s| budget::scaled(s, 1).unwrap_or(0) != 0);
    let (mut create_on, mut delete) = (Vec::new(), Vec::new());
    let mut requeue: Option<u64> = None;
    for (node, placement, pods) in by_node.per_node() {
        // Back-off is rare: its key is made only while some node is backing off.
        let backoff_key = || {
            format!(
                "{}/{}/{}",
                ds.metadata.uid(),
                ds.metadata.generation.unwrap_or(1),
                node
            )
        };
        let in_backoff = !state.backoff.is_empty()
            && state
                .backoff
                .get(&backoff_key())
                .is_some_and(|(delay, at)| w.now.0 < at.0 + delay);
        let d = pods_should_be_on_node(placement, pods, surge, in_backoff);
        if d.held_by_backoff {
            if let Some((delay, at)) = state.backoff.get(&backoff_key()) {
                let left = (at.0 + delay).saturating_sub(w.now.0);
                requeue = Some(requeue.map_or(left, |r| r.min(left)));
            }
        }
        for _ in &d.failed {
            let now = w.now;
            let entry = state.backoff.entry(backoff_key()).or_insert((0, now));
            entry.0 = if entry.0 == 0 {
                BACKOFF_BASE_MS
            } else {
                (entry.0 * 2).min(BACKOFF_MAX_MS)
            };
            entry.1 = now;
        }
        let found = d
            .failed
            .iter()
            .map(|p| (p, "Warning", "FailedDaemonPod", "failed", "kill"))
            .chain(
                d.succeeded
                    .iter()
                    .map(|p| (p, "Normal", "SucceededDaemonPod", "succeeded", "delete")),
            );
        for (p, type_, reason, ended, verb) in found {
            let msg = format!(
                "Found {ended} daemon pod {}/{p} on node {node}, will try to {verb} it",
                ds.metadata.ns(),
            );
            record_event(
                w,
                EventTarget::of(ds_obj),
                type_,
                reason,
                &msg,
                COMPONENT,
                "",
            );
        }
        if d.create {
            create_on.push(node.clone());
        }
        delete.extend(d.delete);
    }
    // Unscheduled pods for nodes that no longer exist.
    for (_, pods) in by_node.elsewhere() {
        delete.extend(
            pods.iter()
                .filter(|p| !p.scheduled && !p.terminating)
                .map(|p| p.name.to_string()),
        );
    }
    let (created, deleted) = sync_nodes(w, state, t, &create_on, &delete);
    (requeue, created, deleted)
}

/// `syncNodes`: expectations, then the creations and deletions (at most 250 of each).
fn sync_nodes(
    w: &mut Client<'_>,
    state: &mut DaemonSetControllerState,
    t: &Target<'_>,
    create_on: &[String],
    delete: &[String],
) -> (Vec<String>, Vec<String>) {
    let (k, ds_obj, ds, hash) = (t.key, t.obj, t.ds, t.hash);
    let (creates, deletes) = (
        create_on.len().min(BURST_REPLICAS),
        delete.len().min(BURST_REPLICAS),
    );
    if creates + deletes == 0 {
        return (Vec::new(), Vec::new());
    }
    state.expectations.insert(
        k.to_string(),
        Expectations {
            add: creates as i64,
            del: deletes as i64,
            at: w.now,
        },
    );
    for node in &create_on[..creates] {
        let pod = new_pod(ds_obj, ds, hash, node);
        if create_pod(w, ds_obj, pod, COMPONENT).is_err() {
            if let Some(e) = state.expectations.get_mut(k) {
                e.add -= 1;
            }
        }
    }
    for name in &delete[..deletes] {
        if delete_pod(w, ds_obj, name, COMPONENT).is_err() {
            if let Some(e) = state.expectations.get_mut(k) {
                e.del -= 1;
            }
        }
    }
    (create_on[..creates].to_vec(), delete[..deletes].to_vec())
}

/// What one rolling-update round did.
struct RoundDone {
    /// Nodes a new pod was created on.
    created: Vec<String>,
    /// Pods deleted.
    deleted: Vec<String>,
    /// Nodes picked to update, in walk order.
    updating: Vec<String>,
    /// (maxSurge, maxUnavailable, in flight).
    budget: (i64, i64, i64),
}

/// One round of `rollingUpdate`, with the nodes in an order drawn from the seeded RNG (the
/// real controller walks a Go map).
fn rolling_round(
    w: &mut Client<'_>,
    state: &mut DaemonSetControllerState,
    t: &Target<'_>,
    by_node: &ByNode<'_>,
) -> RoundDone {
    let ds = t.ds;
    let desired = by_node
        .verdicts()
        .iter()
        .filter(|(_, p)| p.should_run())
        .count() as i64;
    let mut list: Vec<NodePods> = by_node
        .with_pods()
        .into_iter()
        .map(|(node, placement, pods)| NodePods {
            should_run: placement.is_some_and(Placement::should_run),
            node,
            pods: pods.into(),
        })
        .collect();
    // Fisher–Yates with the world's RNG.
    for i in (1..list.len()).rev() {
        let j = w.rng.below(i as u32 + 1) as usize;
        list.swap(i, j);
    }
    let ru = ds
        .spec
        .update_strategy
        .as_ref()
        .and_then(|s| s.rolling_update.clone())
        .unwrap_or_default();
    let budget = budget::resolve(&ru, desired);
    let round = rolling_update(&list, budget, desired);
    let (created, deleted) = sync_nodes(w, state, t, &round.create_on, &round.delete);
    let updating = if budget.max_surge > 0 {
        created.clone()
    } else {
        // The node of each deleted old pod.
        let old_pods: BTreeMap<&str, &str> = list
            .iter()
            .flat_map(|n| {
                n.pods
                    .iter()
                    .filter(|p| !p.updated)
                    .map(|p| (p.name, n.node))
            })
            .collect();
        deleted
            .iter()
            .filter_map(|pod| old_pods.get(pod.as_str()).map(|n| n.to_string()))
            .collect()
    };
    RoundDone {
        created,
        deleted,
        updating,
        budget: (budget.max_surge, budget.max_unavailable, round.in_flight),
    }
}

/// `cleanupHistory`: old revisions beyond revisionHistoryLimit, lowest revision first, unless
/// a live pod still carries their hash.
fn cleanup_history(w: &mut Client<'_>, ds: &DaemonSet, old: &[Rc<Object>]) {
    let limit = ds.spec.revision_history_limit.unwrap_or(10).max(0) as usize;
    let mut kill = old.len().saturating_sub(limit);
    if kill == 0 {
        return;
    }
    let uid = ds.metadata.uid().to_string();
    let live: Vec<String> = w
        .store
        .list_in(Kind::Pod, ds.metadata.ns())
        .filter(|o| o.meta().controller_ref().is_some_and(|r| r.uid == uid))
        .filter_map(|o| o.meta().labels.get(REVISION_HASH).cloned())
        .collect();
    let mut sorted: Vec<&Rc<Object>> = old.iter().collect();
    crate::sort::sort_by_key(&mut sorted, |o| match &***o {
        Object::ControllerRevision(c) => c.revision,
        _ => 0,
    });
    for o in sorted {
        if kill == 0 {
            break;
        }
        if o.meta()
            .labels
            .get(REVISION_HASH)
            .is_some_and(|h| live.contains(h))
        {
            continue;
        }
        let _ = api::delete(
            w,
            Kind::ControllerRevision,
            ds.metadata.ns(),
            &o.meta().name,
            Default::default(),
        );
        kill -= 1;
    }
}

/// `updateDaemonSetStatus`: counts per node (looking at each node's oldest pod); written
/// only when something changed. Returns a requeue after minReadySeconds while ready pods
/// are not yet available.
fn update_status(
    w: &mut Client<'_>,
    ds_obj: &Object,
    ds: &DaemonSet,
    by_node: &ByNode<'_>,
    observed: bool,
) -> Option<u64> {
    let min_ready = i64::from(ds.spec.min_ready_seconds.unwrap_or(0));
    let mut s = DaemonSetStatus {
        observed_generation: ds.status.as_ref().and_then(|s| s.observed_generation),
        collision_count: ds.status.as_ref().and_then(|s| s.collision_count),
        ..DaemonSetStatus::default()
    };
    for (_, placement, pods) in by_node.per_node() {
        if placement.should_run() {
            s.desired_number_scheduled += 1;
            if let Some(oldest) = super::rollout::oldest(pods) {
                s.current_number_scheduled += 1;
                s.number_ready += i32::from(oldest.ready);
                s.number_available += i32::from(oldest.ready && oldest.available);
                s.updated_number_scheduled += i32::from(oldest.updated);
            }
        } else if !pods.is_empty() {
            s.number_misscheduled += 1;
        }
    }
    s.number_unavailable = s.desired_number_scheduled - s.number_available;
    if observed {
        s.observed_generation = ds.metadata.generation;
    }
    let wait =
        (min_ready > 0 && s.number_ready != s.number_available).then_some(min_ready as u64 * 1_000);
    if ds.status.as_ref() != Some(&s) {
        let what = Update::DaemonSetStatus {
            desired: s.desired_number_scheduled,
            current: s.current_number_scheduled,
            ready: s.number_ready,
            updated: s.updated_number_scheduled,
            available: s.number_available,
        };
        let (ns, name) = (ds_obj.meta().ns(), &ds_obj.meta().name);
        let _ = api::mutate(w, Kind::DaemonSet, ns, name, what, |o| {
            if let Object::DaemonSet(d) = o {
                d.status = Some(s);
            }
        });
    }
    wait
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Sim;
    use crate::sim::Actor;
    use crate::world::World;

    /// One sync of a DaemonSet key, as the DaemonSet controller.
    fn sync(w: &mut World, k: &str) -> Result<Option<u64>, SyncError> {
        let (c, state) = (&mut w.cluster, &mut w.controllers.daemonset);
        super::sync(&mut c.client(Actor::Controller(COMPONENT.into())), state, k)
    }

    const DS: &str = "name: t\ncluster: {nodes: 2}\nmanifests: |\n  apiVersion: apps/v1\n  kind: DaemonSet\n  metadata: {name: agent}\n  spec:\n    selector: {matchLabels: {app: agent}}\n    template:\n      metadata: {labels: {app: agent}}\n      spec:\n        containers: [{name: a, image: \"agent:1\", command: [sleep, \"1000\"]}]\nuntil: 1m\n";

    fn daemonset(w: &World) -> DaemonSet {
        w.store
            .get(Kind::DaemonSet, "default", "agent")
            .and_then(Object::as_daemonset)
            .cloned()
            .expect("daemonset")
    }

    fn pod_on(w: &World, node: &str) -> Option<Pod> {
        w.store
            .list(Kind::Pod)
            .filter_map(Object::as_pod)
            .find(|p| {
                crate::controllers::daemonset::listing::target_node(p) == Some(node)
                    && !p.metadata.is_terminating()
            })
            .cloned()
    }

    fn fail(w: &mut World, pod: &str) {
        api::mutate_pod(
            &mut w.client(Actor::User),
            "default",
            pod,
            Update::Phase {
                phase: "Failed".into(),
                detail: None,
            },
            |p| p.status.get_or_insert_with(Default::default).phase = "Failed".into(),
        )
        .expect("pod exists");
    }

    fn warnings(w: &World, reason: &str) -> Vec<String> {
        w.store
            .events()
            .filter(|e| e.reason == reason)
            .map(|e| e.message.clone())
            .collect()
    }

    /// A failed daemon pod is killed with a FailedDaemonPod event and replaced; a second
    /// failure on the same node within the back-off waits (1 s, doubling per node).
    #[test]
    fn failed_daemon_pods_should_be_killed_with_a_per_node_back_off() {
        let mut sim = Sim::new(crate::scenario::parse(DS).expect("valid"));
        sim.run_until(SimTime(5_000));
        let mut w = sim.world().clone();
        let k = key("default", "agent");
        let first = pod_on(&w, "node-1").expect("a pod on node-1");
        fail(&mut w, &first.metadata.name);
        assert_eq!(sync(&mut w, &k), Ok(None));
        assert_eq!(
            warnings(&w, "FailedDaemonPod"),
            [format!(
                "Found failed daemon pod default/{} on node node-1, will try to kill it",
                first.metadata.name
            )]
        );
        assert!(w
            .store
            .get(Kind::Pod, "default", &first.metadata.name)
            .is_none_or(|o| o.meta().is_terminating()));
        // The kubelet finishes the deletion; the next sync creates the replacement.
        let now_gone = api::DeleteOptions {
            grace_period_seconds: Some(0),
            propagation: None,
        };
        let _ = api::delete(
            &mut w.client(Actor::User),
            Kind::Pod,
            "default",
            &first.metadata.name,
            now_gone,
        );
        w.controllers.daemonset.expectations.remove(&k);
        sync(&mut w, &k).expect("sync");
        let second = pod_on(&w, "node-1").expect("a replacement");
        assert_ne!(second.metadata.name, first.metadata.name);
        // It fails at once: the node's back-off (1 s from the first kill) holds it.
        fail(&mut w, &second.metadata.name);
        w.controllers.daemonset.expectations.remove(&k);
        let requeue = sync(&mut w, &k).expect("sync");
        assert_eq!(requeue, Some(1_000), "requeued when the back-off ends");
        assert_eq!(warnings(&w, "FailedDaemonPod").len(), 1);
        assert!(w
            .store
            .get(Kind::Pod, "default", &second.metadata.name)
            .is_some_and(|o| !o.meta().is_terminating()));
        // After the back-off it is killed, and the next back-off doubles.
        w.now = w.now.plus_ms(1_000);
        sync(&mut w, &k).expect("sync");
        assert_eq!(warnings(&w, "FailedDaemonPod").len(), 2);
        let backoff: Vec<u64> = w
            .controllers
            .daemonset
            .backoff
            .values()
            .map(|(d, _)| *d)
            .collect();
        assert_eq!(backoff, [2_000]);
    }

    /// A succeeded daemon pod (set by hand here; a kubelet could report it after a node
    /// shutdown) is deleted with a SucceededDaemonPod event, without a back-off.
    #[test]
    fn succeeded_daemon_pods_should_be_deleted() {
        let mut sim = Sim::new(crate::scenario::parse(DS).expect("valid"));
        sim.run_until(SimTime(5_000));
        let mut w = sim.world().clone();
        let pod = pod_on(&w, "node-2").expect("a pod on node-2");
        api::mutate_pod(
            &mut w.client(Actor::User),
            "default",
            &pod.metadata.name,
            Update::Phase {
                phase: "Succeeded".into(),
                detail: None,
            },
            |p| p.status.get_or_insert_with(Default::default).phase = "Succeeded".into(),
        )
        .expect("pod exists");
        sync(&mut w, &key("default", "agent")).expect("sync");
        assert_eq!(
            warnings(&w, "SucceededDaemonPod"),
            [format!(
                "Found succeeded daemon pod default/{} on node node-2, will try to delete it",
                pod.metadata.name
            )]
        );
        assert!(w.controllers.daemonset.backoff.is_empty());
    }

    /// `snapshot`: a ControllerRevision already holding the new hash's name with another
    /// template bumps `status.collisionCount`, and the retry hashes with it.
    #[test]
    fn a_hash_collision_should_bump_the_collision_count_and_retry_with_a_new_hash() {
        let mut sim = Sim::new(crate::scenario::parse(DS).expect("valid"));
        sim.run_until(SimTime(5_000));
        let mut w = sim.world().clone();
        let mut ds = daemonset(&w);
        std::rc::Rc::make_mut(&mut std::rc::Rc::make_mut(&mut ds.spec.template.spec).containers)
            [0]
        .image = "agent:2".into();
        let taken = compute_hash(&ds.spec.template, None);
        // Someone else's revision under that name.
        let squatter = ControllerRevision {
            api_version: "apps/v1".into(),
            kind: "ControllerRevision".into(),
            metadata: ObjectMeta {
                name: format!("agent-{taken}"),
                ..ObjectMeta::default()
            },
            data: Some(serde_json::json!({"spec": {"template": {"other": true}}})),
            revision: 1,
        };
        api::create(
            &mut w.client(Actor::User),
            Object::ControllerRevision(Box::new(squatter)),
        )
        .expect("created");
        api::update(
            &mut w.client(Actor::User),
            Object::DaemonSet(Box::new(ds)),
            Update::Applied,
        )
        .expect("updated");
        let k = key("default", "agent");
        let err = sync(&mut w, &k).expect_err("collision");
        assert_eq!(
            err,
            SyncError::HashCollision {
                daemonset: "agent".into(),
                count: 1
            }
        );
        let ds = daemonset(&w);
        assert_eq!(ds.status.as_ref().and_then(|s| s.collision_count), Some(1));
        // The retry hashes with collisionCount 1 and gets its own revision, number 2.
        sync(&mut w, &k).expect("no collision now");
        let fresh = compute_hash(&ds.spec.template, Some(1));
        assert_ne!(fresh, taken);
        let rev = w
            .store
            .get(
                Kind::ControllerRevision,
                "default",
                &format!("agent-{fresh}"),
            )
            .and_then(Object::as_revision)
            .expect("new revision");
        assert_eq!(rev.revision, 2);
        // The squatter is left alone.
        assert!(w
            .store
            .get(
                Kind::ControllerRevision,
                "default",
                &format!("agent-{taken}")
            )
            .is_some());
    }
}
