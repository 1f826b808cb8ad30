//! kube-scheduler: binds pending pods to nodes. Filters run in the default plugin order
//! (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, then NodeResourcesFit's pod
//! count: a node runs at most its `allocatable.pods`) and stop at a node's first failure;
//! feasible nodes are scored by how few pods they run, ties broken by the seeded RNG. A pod
//! that fits nowhere stays Pending with PodScheduled=False and a FailedScheduling event, and
//! is tried again after its back-off when a node changes or, if a node was full, when a pod
//! leaves a node (an assigned pod's deletion, which a pod's end is to the scheduler's
//! informer of non-terminal pods).

use crate::api::{self, record_event, EventTarget, WatchEvent};
use crate::cluster::{Client, Cluster, Event, Informer, Schedule};
use crate::model::{Kind, Node, Object, Pod, PodCondition, Taint};
use crate::sim::trace::{Timer, WatchType};
use crate::sim::{Actor, Cause, SimTime, Update};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::rc::Rc;

/// How long an unschedulable pod waits before it is retried without any cluster change.
pub const MAX_UNSCHEDULABLE_MS: u64 = 5 * 60 * 1000;
const BACKOFF_INITIAL_MS: u64 = 1_000;
const BACKOFF_MAX_MS: u64 = 10_000;

/// The scheduling queue.
#[derive(Clone, Debug, Default)]
pub struct SchedulerState {
    /// Pods to try, in order.
    active: VecDeque<String>,
    /// The pods in `active`, to test membership without a scan.
    queued: BTreeSet<String>,
    /// Pods that fit nowhere.
    pub unschedulable: BTreeMap<String, Unschedulable>,
    /// The scheduler's cache: non-terminal pods bound to each node, kept up to date from the
    /// pod watch (kube-scheduler's NodeInfo), so a cycle never counts every pod again.
    pods_on: BTreeMap<String, usize>,
    /// Where the next search for feasible nodes starts (`nextStartNodeIndex`).
    next_start: usize,
    /// Each node's allowed pods, in node order, and the store's `nodes_stamp` they were read
    /// at (read again only after a Node was written).
    allowed: Option<(u64, Rc<[usize]>)>,
}

/// kube-scheduler's `numFeasibleNodesToFind` with the default (adaptive)
/// `percentageOfNodesToScore`: every node below 100 nodes; above, 50 % less 1 % per 125 nodes
/// (at least 5 %), and never fewer than 100.
pub fn feasible_to_find(all: usize) -> usize {
    const MIN_NODES: usize = 100;
    if all < MIN_NODES {
        return all;
    }
    let pct = (50 - (all / 125) as i64).max(5) as usize;
    (all * pct / 100).max(MIN_NODES)
}

impl SchedulerState {
    fn enqueue(&mut self, pod: &str) {
        if self.queued.insert(pod.to_string()) {
            self.active.push_back(pod.to_string());
        }
    }

    fn dequeue(&mut self, pod: &str) {
        if self.queued.remove(pod) {
            self.active.retain(|n| n != pod);
        }
    }

    fn pop(&mut self) -> Option<String> {
        let pod = self.active.pop_front()?;
        self.queued.remove(&pod);
        Some(pod)
    }

    /// Non-terminal pods bound to each node, from the cache.
    pub fn pods_on(&self) -> &BTreeMap<String, usize> {
        &self.pods_on
    }

    /// Moves a pod's count from the node it held before a watch event (if any) to the one it
    /// holds after (if any); most events change neither.
    fn recount(&mut self, before: Option<&str>, after: Option<&str>) {
        if before == after {
            return;
        }
        if let Some(node) = before {
            if let Some(n) = self.pods_on.get_mut(node) {
                *n -= 1;
                if *n == 0 {
                    self.pods_on.remove(node);
                }
            }
        }
        if let Some(node) = after {
            *self.pods_on.entry(node.to_string()).or_default() += 1;
        }
    }
}

/// The node a pod counts against in the scheduler's cache: its node while it is not terminal.
fn counted_on(pod: &Pod) -> Option<&str> {
    pod.node_name().filter(|_| !pod.is_terminal())
}

/// A pod that fit nowhere at its last attempt.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unschedulable {
    /// Attempts so far.
    pub attempts: u32,
    /// When it was last tried.
    pub last: SimTime,
    /// A cluster change since then may let it fit: retry once its back-off has passed.
    pub moved: bool,
    /// Some node was full (NodeResourcesFit): a pod leaving a node may let it fit.
    pub full: bool,
}

/// NodeResourcesFit's reason for a node that runs as many pods as it allows.
pub const TOO_MANY_PODS: &str = "Too many pods";

/// How many pods a node may run (`allocatable.pods`; a node that reports none allows none,
/// as `AllowedPodNumber` reads it).
pub fn allowed_pods(node: &Node) -> usize {
    node.status
        .as_ref()
        .and_then(|s| s.allocatable.get("pods"))
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(0)
}

/// Why a node was filtered out (the plugin's reason string).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection(pub String);

/// Runs the filter plugins on one node, in order, returning the first failure.
pub fn filter(pod: &Pod, node: &Node) -> Result<(), Rejection> {
    let tolerates = |t: &Taint| {
        pod.spec
            .tolerations
            .iter()
            .any(|tol| tol.tolerates(&t.key, &t.value, &t.effect))
    };
    // NodeUnschedulable.
    if node.is_unschedulable() {
        let cordon = Taint {
            key: "node.kubernetes.io/unschedulable".into(),
            effect: "NoSchedule".into(),
            ..Taint::default()
        };
        if !tolerates(&cordon) {
            return Err(Rejection("node(s) were unschedulable".into()));
        }
    }
    // NodeName.
    if let Some(name) = pod.node_name() {
        if name != node.metadata.name {
            return Err(Rejection(
                "node(s) didn't match the requested node name".into(),
            ));
        }
    }
    // TaintToleration: the first untolerated NoSchedule/NoExecute taint.
    if let Some(t) = node
        .spec
        .taints
        .iter()
        .find(|t| (t.effect == "NoSchedule" || t.effect == "NoExecute") && !tolerates(t))
    {
        return Err(Rejection(format!(
            "node(s) had untolerated taint {{{}: {}}}",
            t.key, t.value
        )));
    }
    // NodeAffinity: nodeSelector and required node affinity terms (OR-ed).
    if !matches_node_selector_and_affinity(pod, node) {
        return Err(Rejection(
            "node(s) didn't match Pod's node affinity/selector".into(),
        ));
    }
    Ok(())
}

/// Whether a node satisfies the pod's nodeSelector and required node affinity.
pub fn matches_node_selector_and_affinity(pod: &Pod, node: &Node) -> bool {
    let labels = &node.metadata.labels;
    if !pod
        .spec
        .node_selector
        .iter()
        .all(|(k, v)| labels.get(k) == Some(v))
    {
        return false;
    }
    let required = pod.spec.required_node_affinity();
    match required {
        Some(sel) => sel
            .node_selector_terms
            .iter()
            .any(|t| t.matches(labels, &node.metadata.name)),
        None => true,
    }
}

/// NodeAffinity's PreFilter: when every required term names nodes with a `metadata.name In`
/// field requirement (as a DaemonSet's pods do), only those nodes are evaluated; `None` means
/// all nodes.
pub fn prefilter_node_names(pod: &Pod) -> Option<BTreeSet<String>> {
    let terms = &pod.spec.required_node_affinity()?.node_selector_terms;
    let mut names: Option<BTreeSet<String>> = None;
    for t in terms {
        let mut term: Option<BTreeSet<String>> = None;
        for r in t
            .match_fields
            .iter()
            .filter(|r| r.key == "metadata.name" && r.operator == "In")
        {
            let s: BTreeSet<String> = r.values.iter().cloned().collect();
            term = Some(match term {
                None => s,
                Some(prev) => prev.intersection(&s).cloned().collect(),
            });
        }
        // A term without a node-name requirement makes every node eligible (terms are OR-ed).
        let term = term?;
        names.get_or_insert_with(BTreeSet::new).extend(term);
    }
    names
}

/// The FailedScheduling message for a pod rejected by every node (`FitError.Error`): each
/// part is added as `" %v."`, and the preemption part is itself a message ending in a period,
/// so the whole ends in two. `full` nodes were rejected as full (NodeResourcesFit), where
/// preemption might help but finds no victims (every pod has priority 0); on the others it
/// is not helpful. A pod that may not preempt (`preemptionPolicy: Never`) says so instead.
pub fn fit_error(
    total: usize,
    reasons: &BTreeMap<String, usize>,
    full: usize,
    may_preempt: bool,
) -> String {
    if total == 0 {
        return "no nodes available to schedule pods".into();
    }
    let mut parts: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
    crate::sort::sort(&mut parts);
    let preemption = if may_preempt {
        let mut post = Vec::new();
        if full > 0 {
            post.push(format!(
                "{full} No preemption victims found for incoming pod"
            ));
        }
        if total > full {
            post.push(format!(
                "{} Preemption is not helpful for scheduling",
                total - full
            ));
        }
        crate::sort::sort(&mut post);
        format!("0/{total} nodes are available: {}.", post.join(", "))
    } else {
        "not eligible due to preemptionPolicy=Never.".to_string()
    };
    format!(
        "0/{total} nodes are available: {}. preemption: {preemption}.",
        parts.join(", ")
    )
}

/// Informer hook: pending pods enter the active queue; node changes retry unschedulable pods.
pub fn on_watch(w: &mut Informer<'_>, scheduler: &mut SchedulerState, ev: &WatchEvent) {
    let cause = ev.cause();
    match &*ev.object {
        Object::Pod(pod) => {
            let before = match ev.ty {
                WatchType::Added => None,
                WatchType::Modified => ev
                    .old
                    .as_ref()
                    .and_then(|o| o.as_pod())
                    .and_then(counted_on),
                WatchType::Deleted => counted_on(pod),
            };
            let after = (ev.ty != WatchType::Deleted)
                .then(|| counted_on(pod))
                .flatten();
            scheduler.recount(before, after);
            if before.is_some() && before != after {
                wake_turned_away(w, scheduler, &cause);
            }
            let name = api::key(
                pod.metadata.namespace.as_deref().unwrap_or_default(),
                &pod.metadata.name,
            );
            let pending = ev.ty != WatchType::Deleted
                && pod.node_name().is_none()
                && !pod.metadata.is_terminating()
                && pod
                    .spec
                    .scheduler_name
                    .as_deref()
                    .unwrap_or("default-scheduler")
                    == "default-scheduler";
            if !pending {
                scheduler.dequeue(&name);
                scheduler.unschedulable.remove(&name);
                return;
            }
            if ev.ty == WatchType::Added && !scheduler.queued.contains(&name) {
                scheduler.enqueue(&name);
                w.schedule_once(w.now, Event::ScheduleCycle, cause);
            }
        }
        Object::Node(_) if !scheduler.unschedulable.is_empty() => {
            scheduler
                .unschedulable
                .values_mut()
                .for_each(|u| u.moved = true);
            let earliest = scheduler
                .unschedulable
                .values()
                .map(|u| u.last.plus_ms(backoff(u.attempts)))
                .min()
                .unwrap_or(w.now);
            w.schedule_once(earliest.max(w.now), Event::SchedulerFlush, cause);
        }
        _ => {}
    }
}

/// A pod left a node (kube-scheduler's `AssignedPodDelete`, which NodeResourcesFit waits
/// for): the pods a full node turned away are tried again once their back-off has passed.
fn wake_turned_away(w: &mut Informer<'_>, scheduler: &mut SchedulerState, cause: &Cause) {
    let mut earliest: Option<SimTime> = None;
    for u in scheduler.unschedulable.values_mut().filter(|u| u.full) {
        u.moved = true;
        let at = u.last.plus_ms(backoff(u.attempts));
        earliest = Some(earliest.map_or(at, |e| e.min(at)));
    }
    if let Some(at) = earliest {
        w.schedule_once(at.max(w.now), Event::SchedulerFlush, cause.clone());
    }
}

fn backoff(attempts: u32) -> u64 {
    (BACKOFF_INITIAL_MS << attempts.saturating_sub(1).min(10)).min(BACKOFF_MAX_MS)
}

/// Moves unschedulable pods back to the active queue: those a cluster change may help once
/// their back-off has passed, and those left waiting for five minutes.
pub fn flush(w: &mut Cluster) {
    let now = w.now;
    let due: Vec<String> = w
        .scheduler
        .unschedulable
        .iter()
        .filter(|(_, u)| {
            (u.moved && u.last.plus_ms(backoff(u.attempts)) <= now)
                || u.last.plus_ms(MAX_UNSCHEDULABLE_MS) <= now
        })
        .map(|(k, _)| k.clone())
        .collect();
    for name in due {
        if !w.scheduler.queued.contains(&name) {
            w.scheduler.enqueue(&name);
        }
    }
    if !w.scheduler.active.is_empty() {
        let cause = w.cause().clone();
        w.schedule_once(now, Event::ScheduleCycle, cause);
    }
}

/// One scheduling cycle per pod in the active queue.
pub fn schedule_cycle(c: &mut Cluster) {
    let w = &mut c.client(Actor::Scheduler);
    if w.scheduler.active.is_empty() {
        return;
    }
    // Shared handles, in name order (the store's order), and each one's pods from the cache
    // (also in name order: one walk over both).
    let nodes: Vec<Rc<Object>> = w.store.list_shared(Kind::Node).cloned().collect();
    let mut counts = w.scheduler.pods_on.iter().peekable();
    let mut load: Vec<usize> = nodes
        .iter()
        .map(|n| {
            let name = n.meta().name.as_str();
            while counts.next_if(|(k, _)| k.as_str() < name).is_some() {}
            counts
                .next_if(|(k, _)| k.as_str() == name)
                .map_or(0, |(_, n)| *n)
        })
        .collect();
    // Read again only after a Node was written, not once per pod and node.
    let stamp = w.store.nodes_stamp();
    let allowed: Rc<[usize]> = match &w.scheduler.allowed {
        Some((at, allowed)) if *at == stamp => Rc::clone(allowed),
        _ => {
            let allowed: Rc<[usize]> = nodes
                .iter()
                .map(|n| n.as_node().map_or(0, allowed_pods))
                .collect();
            w.scheduler.allowed = Some((stamp, Rc::clone(&allowed)));
            allowed
        }
    };
    let mut verdicts = Verdicts::default();
    while let Some(name) = w.scheduler.pop() {
        let (namespace, pod_name) = api::split_key(&name);
        let Some(pod_obj) = w.store.get_shared(Kind::Pod, namespace, pod_name) else {
            continue;
        };
        let Some(pod) = pod_obj.as_pod() else {
            continue;
        };
        if pod.node_name().is_some() || pod.metadata.is_terminating() {
            w.scheduler.unschedulable.remove(&name);
            continue;
        }
        if let Some(i) = schedule_one(w, pod, &nodes, &load, &allowed, &mut verdicts) {
            load[i] += 1;
        }
    }
}

/// The filters' verdicts in one scheduling cycle for the pods of one spec, by node index.
/// The filters read only the pod's spec and the node, and the nodes do not change within a
/// cycle, so the pods a controller made from one template (which share their admitted spec
/// until they are bound) are filtered against each node once.
#[derive(Default)]
struct Verdicts {
    spec: Option<Rc<crate::model::PodSpec>>,
    by_node: Vec<Option<Result<(), Rejection>>>,
}

impl Verdicts {
    /// Readies the verdicts for `pod` over `nodes` nodes: those of the last pod are kept when
    /// it has the same spec, else they are found again.
    fn begin(&mut self, pod: &Pod, nodes: usize) {
        if !self.spec.as_ref().is_some_and(|s| Rc::ptr_eq(s, &pod.spec)) {
            self.spec = Some(Rc::clone(&pod.spec));
            self.by_node.clear();
        }
        if self.by_node.len() < nodes {
            self.by_node.resize(nodes, None);
        }
    }

    /// [`filter`]'s verdict on `node` (index `i` in the cycle's node list) for the pod the
    /// verdicts were last readied for.
    fn filter(&mut self, pod: &Pod, i: usize, node: &Node) -> Result<(), &Rejection> {
        self.by_node[i]
            .get_or_insert_with(|| filter(pod, node))
            .as_ref()
            .map(|_| ())
    }
}

/// Tries to place one pod; returns the index in `all` of the node it was bound to.
fn schedule_one(
    w: &mut Client<'_>,
    pod: &Pod,
    all: &[Rc<Object>],
    load: &[usize],
    allowed: &[usize],
    verdicts: &mut Verdicts,
) -> Option<usize> {
    let namespace = pod.metadata.namespace.as_deref().unwrap_or_default();
    let pod_name = pod.metadata.name.as_str();
    let name = api::key(namespace, pod_name);
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    // The nodes the PreFilter picked, or (usually) every node, by index: no list is copied.
    let picked: Option<Vec<(usize, &Node)>> = match prefilter_node_names(pod) {
        None => None,
        Some(names) => {
            let picked: Vec<(usize, &Node)> = names
                .iter()
                .filter_map(|n| {
                    let i = all
                        .binary_search_by(|o| o.meta().name.as_str().cmp(n))
                        .ok()?;
                    Some((i, all[i].as_node()?))
                })
                .collect();
            // Nodes the PreFilter left out are rejected by NodeAffinity.
            let absent = all.len() - picked.len();
            if absent > 0 {
                reasons.insert(
                    "node(s) didn't satisfy plugin(s) [NodeAffinity]".into(),
                    absent,
                );
            }
            Some(picked)
        }
    };
    let count = picked.as_ref().map_or(all.len(), Vec::len);
    let node_at = |k: usize| match &picked {
        None => all[k].as_node().map(|n| (k, n)),
        Some(p) => Some(p[k]),
    };
    // findNodesThatPassFilters: from where the last search stopped, round the list, until
    // enough feasible nodes are found; the next search starts after the nodes looked at.
    let want = feasible_to_find(count);
    let start = if count == 0 {
        0
    } else {
        w.scheduler.next_start % count
    };
    verdicts.begin(pod, all.len());
    // Indexes in `all` of the feasible nodes.
    let mut feasible: Vec<usize> = Vec::with_capacity(want.min(count));
    let (mut processed, mut full) = (0, 0);
    for k in 0..count {
        if feasible.len() >= want {
            break;
        }
        let at = start + k;
        let Some((i, node)) = node_at(if at >= count { at - count } else { at }) else {
            continue;
        };
        processed += 1;
        match verdicts.filter(pod, i, node) {
            Ok(()) if load[i] >= allowed[i] => {
                *reasons.entry(TOO_MANY_PODS.into()).or_default() += 1;
                full += 1;
            }
            Ok(()) => feasible.push(i),
            Err(Rejection(r)) => match reasons.get_mut(r) {
                Some(n) => *n += 1,
                None => {
                    reasons.insert(r.clone(), 1);
                }
            },
        }
    }
    if count > 0 {
        w.scheduler.next_start = (start + processed) % count;
    }
    // Scores are compared in node order, as before, whatever node the search began at: the
    // search went up from `start` and wrapped once, so putting the part after the wrap first
    // sorts the list.
    if let Some(wrap) = feasible.windows(2).position(|p| p[1] < p[0]) {
        feasible.rotate_left(wrap + 1);
    }
    debug_assert!(feasible.windows(2).all(|p| p[0] < p[1]));
    if feasible.is_empty() {
        let may_preempt = pod.spec.preemption_policy.as_deref() != Some("Never");
        let message = fit_error(all.len(), &reasons, full, may_preempt);
        let attempts = w
            .scheduler
            .unschedulable
            .get(&name)
            .map(|u| u.attempts + 1)
            .unwrap_or(1);
        let last = w.now;
        w.scheduler.unschedulable.insert(
            name.clone(),
            Unschedulable {
                attempts,
                last,
                moved: false,
                full: full > 0,
            },
        );
        let now = w.wall_now();
        let msg = message.clone();
        let what = Update::Condition {
            type_: "PodScheduled".into(),
            status: "False".into(),
            reason: "Unschedulable".into(),
        };
        if let Ok(obj) = api::mutate_pod(w, namespace, pod_name, what, |p| {
            let st = p.status.get_or_insert_with(Default::default);
            st.phase = "Pending".into();
            let keep = st
                .conditions
                .iter()
                .find(|c| c.type_ == "PodScheduled" && c.status == "False")
                .and_then(|c| c.last_transition_time);
            st.conditions.retain(|c| c.type_ != "PodScheduled");
            st.conditions.push(PodCondition {
                type_: "PodScheduled".into(),
                status: "False".into(),
                last_probe_time: None,
                last_transition_time: Some(keep.unwrap_or(now)),
                reason: Some("Unschedulable".into()),
                message: Some(msg),
            });
        }) {
            record_event(
                w,
                EventTarget::of(&obj),
                "Warning",
                "FailedScheduling",
                &message,
                "default-scheduler",
                "",
            );
        }
        let retry = w.now.plus_ms(MAX_UNSCHEDULABLE_MS);
        w.schedule_because(
            retry,
            Event::SchedulerFlush,
            Cause::Timer(Timer::SchedulerRetry),
        );
        return None;
    }
    // Score: fewer non-terminal pods first (LeastAllocated with default requests), random ties.
    let best = feasible.iter().map(|&i| load[i]).min().unwrap_or(0);
    feasible.retain(|&i| load[i] == best);
    let index = feasible[w.rng.below(feasible.len() as u32) as usize];
    let chosen = all[index].meta().name.clone();
    w.scheduler.unschedulable.remove(&name);
    let now = w.wall_now();
    let node = chosen.clone();
    if let Ok(obj) = api::mutate_pod(
        w,
        namespace,
        pod_name,
        Update::Bound {
            node: chosen.clone(),
        },
        |p| {
            std::rc::Rc::make_mut(&mut p.spec).node_name = Some(node);
            let st = p.status.get_or_insert_with(Default::default);
            st.conditions.retain(|c| c.type_ != "PodScheduled");
            st.conditions.push(PodCondition {
                type_: "PodScheduled".into(),
                status: "True".into(),
                last_probe_time: None,
                last_transition_time: Some(now),
                reason: None,
                message: None,
            });
        },
    ) {
        let msg = format!("Successfully assigned {name} to {chosen}");
        record_event(
            w,
            EventTarget::of(&obj),
            "Normal",
            "Scheduled",
            &msg,
            "default-scheduler",
            "",
        );
    }
    Some(index)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_nodes_searched_should_follow_kube_schedulers_numbers() {
        // numFeasibleNodesToFind with the adaptive percentage.
        for (all, want) in [
            (3, 3),
            (99, 99),
            (100, 100),
            (1_000, 420),
            (5_000, 500),
            (10_000, 500),
        ] {
            assert_eq!(super::feasible_to_find(all), want, "{all} nodes");
        }
    }

    use super::*;
    use crate::model::pod::{Affinity, NodeAffinity, NodeSelector};
    use crate::model::{NodeSelectorRequirement, NodeSelectorTerm, Toleration};

    fn node(name: &str) -> Node {
        let mut n = Node::default();
        n.metadata.name = name.into();
        n
    }

    fn taint(key: &str, value: &str, effect: &str) -> Taint {
        Taint {
            key: key.into(),
            value: value.into(),
            effect: effect.into(),
            time_added: None,
        }
    }

    #[test]
    fn each_filter_should_reject_with_the_plugin_reason() {
        let pod = Pod::default();
        let mut cordoned = node("a");
        cordoned.spec.unschedulable = Some(true);
        let mut tainted = node("b");
        tainted.spec.taints = vec![taint(
            "node-role.kubernetes.io/control-plane",
            "",
            "NoSchedule",
        )];
        let mut prefer = node("c");
        prefer.spec.taints = vec![taint("x", "y", "PreferNoSchedule")];
        let rows: Vec<(&str, Pod, Node, Result<(), &str>)> = vec![
            (
                "a cordoned node is unschedulable",
                pod.clone(),
                cordoned.clone(),
                Err("node(s) were unschedulable"),
            ),
            (
                "a NoSchedule taint blocks",
                pod.clone(),
                tainted.clone(),
                Err("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"),
            ),
            (
                "a PreferNoSchedule taint does not block",
                pod.clone(),
                prefer,
                Ok(()),
            ),
            ("a plain node fits", pod.clone(), node("d"), Ok(())),
        ];
        for (title, pod, node, want) in rows {
            assert_eq!(
                filter(&pod, &node).map_err(|r| r.0),
                want.map_err(str::to_string),
                "{title}"
            );
        }
        let mut tolerant = Pod::default();
        std::rc::Rc::make_mut(&mut tolerant.spec).tolerations = vec![Toleration {
            key: "node-role.kubernetes.io/control-plane".into(),
            operator: Some("Exists".into()),
            effect: "NoSchedule".into(),
            ..Toleration::default()
        }];
        assert_eq!(
            filter(&tolerant, &tainted),
            Ok(()),
            "a toleration lets the pod in"
        );
        std::rc::Rc::make_mut(&mut tolerant.spec)
            .tolerations
            .push(Toleration {
                key: "node.kubernetes.io/unschedulable".into(),
                operator: Some("Exists".into()),
                ..Toleration::default()
            });
        assert_eq!(
            filter(&tolerant, &cordoned),
            Ok(()),
            "tolerating the cordon taint passes NodeUnschedulable"
        );
    }

    #[test]
    fn node_selector_and_affinity_should_be_required() {
        let mut ssd = node("a");
        ssd.metadata.labels.insert("disk".into(), "ssd".into());
        let mut pod = Pod::default();
        std::rc::Rc::make_mut(&mut pod.spec)
            .node_selector
            .insert("disk".into(), "ssd".into());
        assert_eq!(filter(&pod, &ssd), Ok(()));
        assert_eq!(
            filter(&pod, &node("b")).unwrap_err().0,
            "node(s) didn't match Pod's node affinity/selector"
        );
        let mut by_name = Pod::default();
        std::rc::Rc::make_mut(&mut by_name.spec).affinity = Some(Affinity {
            node_affinity: Some(NodeAffinity {
                required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                    node_selector_terms: vec![NodeSelectorTerm {
                        match_fields: vec![NodeSelectorRequirement {
                            key: "metadata.name".into(),
                            operator: "In".into(),
                            values: vec!["b".into()],
                        }],
                        ..NodeSelectorTerm::default()
                    }],
                }),
                ..NodeAffinity::default()
            }),
            ..Affinity::default()
        });
        assert!(filter(&by_name, &node("a")).is_err());
        assert_eq!(filter(&by_name, &node("b")), Ok(()));
    }

    #[test]
    fn the_fit_error_should_read_like_the_scheduler() {
        let mut reasons = BTreeMap::new();
        reasons.insert(
            "node(s) didn't match Pod's node affinity/selector".to_string(),
            2,
        );
        reasons.insert(
            "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }".to_string(),
            1,
        );
        assert_eq!(
            fit_error(3, &reasons, 0, true),
            "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.."
        );
        assert_eq!(
            fit_error(0, &BTreeMap::new(), 0, true),
            "no nodes available to schedule pods"
        );
        // Full nodes: preemption might help there, but no pod has a lower priority.
        let mut full = BTreeMap::new();
        full.insert(TOO_MANY_PODS.to_string(), 2);
        assert_eq!(
            fit_error(2, &full, 2, true),
            "0/2 nodes are available: 2 Too many pods. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.."
        );
        full.insert(
            "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }".to_string(),
            1,
        );
        assert_eq!(
            fit_error(3, &full, 2, true),
            "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Too many pods. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.."
        );
        assert_eq!(
            fit_error(3, &reasons, 0, false),
            "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: not eligible due to preemptionPolicy=Never.."
        );
    }

    #[test]
    fn a_node_should_allow_its_allocatable_pods() {
        let mut n = node("a");
        assert_eq!(
            allowed_pods(&n),
            0,
            "a node that reports no pods allows none"
        );
        n.status
            .get_or_insert_with(Default::default)
            .allocatable
            .insert("pods".into(), "110".into());
        assert_eq!(allowed_pods(&n), 110);
    }
}

#[cfg(test)]
mod prefilter_tests {
    use super::*;
    use crate::model::pod::{Affinity, NodeAffinity, NodeSelector};
    use crate::model::{NodeSelectorRequirement, NodeSelectorTerm};

    fn req(key: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement {
            key: key.into(),
            operator: "In".into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    fn pod(terms: Vec<NodeSelectorTerm>) -> Pod {
        let mut p = Pod::default();
        std::rc::Rc::make_mut(&mut p.spec).affinity = Some(Affinity {
            node_affinity: Some(NodeAffinity {
                required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                    node_selector_terms: terms,
                }),
                ..NodeAffinity::default()
            }),
            ..Affinity::default()
        });
        p
    }

    fn names(v: &[&str]) -> Option<BTreeSet<String>> {
        Some(v.iter().map(|s| s.to_string()).collect())
    }

    /// NodeAffinity's PreFilter: node names from `metadata.name In` fields, intersected within
    /// a term and united across terms; any term without one means every node.
    #[test]
    fn prefilter_should_name_nodes_only_when_every_term_does() {
        let fields = |reqs: Vec<NodeSelectorRequirement>| NodeSelectorTerm {
            match_fields: reqs,
            ..NodeSelectorTerm::default()
        };
        let labels = NodeSelectorTerm {
            match_expressions: vec![req("disk", &["ssd"])],
            ..NodeSelectorTerm::default()
        };
        assert_eq!(prefilter_node_names(&Pod::default()), None);
        assert_eq!(
            prefilter_node_names(&pod(vec![fields(vec![req("metadata.name", &["node-1"])])])),
            names(&["node-1"])
        );
        assert_eq!(
            prefilter_node_names(&pod(vec![fields(vec![
                req("metadata.name", &["a", "b"]),
                req("metadata.name", &["b", "c"])
            ])])),
            names(&["b"])
        );
        assert_eq!(
            prefilter_node_names(&pod(vec![
                fields(vec![req("metadata.name", &["a"])]),
                fields(vec![req("metadata.name", &["c"])])
            ])),
            names(&["a", "c"])
        );
        assert_eq!(
            prefilter_node_names(&pod(vec![
                fields(vec![req("metadata.name", &["a"])]),
                labels
            ])),
            None
        );
    }
}
