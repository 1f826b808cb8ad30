//! The DaemonSet controller's per-node decisions, as pure functions over a summary of each
//! node's daemon pods: `podsShouldBeOnNode` (`pkg/controller/daemon/daemon_controller.go`:
//! create, delete failed, succeeded and duplicate pods, and with surge keep one old and one
//! new) and `rollingUpdate` (`pkg/controller/daemon/update.go`: delete-then-create within maxUnavailable, or create-then-delete within maxSurge). Where
//! the real controller walks a Go map in random order, the caller passes the node order (the
//! simulation draws it from its seeded RNG).

use super::budget::Budget;
use super::placement::Placement;
use crate::model::Time;
use std::borrow::Cow;

/// What the controller needs to know of one daemon pod.
/// It borrows the pod's name and phase from the pods the sync listed, so a sync over
/// thousands of nodes copies no strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DaemonPod<'a> {
    /// The pod's name.
    pub name: &'a str,
    /// Its phase.
    pub phase: &'a str,
    /// It carries the current revision's hash (or template generation).
    pub updated: bool,
    /// Ready.
    pub ready: bool,
    /// Ready for at least minReadySeconds.
    pub available: bool,
    /// It has a deletionTimestamp.
    pub terminating: bool,
    /// Bound to a node (`spec.nodeName` set).
    pub scheduled: bool,
    /// Its creationTimestamp.
    pub created: Time,
}

/// `podByCreationTimestampAndPhase`: scheduled pods first, then the oldest, then by name.
fn by_age(a: &DaemonPod<'_>, b: &DaemonPod<'_>) -> std::cmp::Ordering {
    b.scheduled
        .cmp(&a.scheduled)
        .then(a.created.cmp(&b.created))
        .then(a.name.cmp(b.name))
}

/// Sorts pods in `podByCreationTimestampAndPhase` order.
pub fn oldest_first(pods: &mut [&DaemonPod<'_>]) {
    crate::sort::sort_by(pods, |a, b| by_age(a, b));
}

/// The first of `pods` in [`oldest_first`]'s order (the earliest listed among equals).
pub fn oldest<'p, 'a>(pods: &'p [DaemonPod<'a>]) -> Option<&'p DaemonPod<'a>> {
    pods.iter().min_by(|a, b| by_age(a, b))
}

/// What `podsShouldBeOnNode` decided for one node.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeDecision {
    /// Create a daemon pod on this node.
    pub create: bool,
    /// Pods to delete.
    pub delete: Vec<String>,
    /// Failed pods found (each gets a FailedDaemonPod event and is deleted), unless the
    /// node's back-off holds them.
    pub failed: Vec<String>,
    /// Succeeded pods found (SucceededDaemonPod, deleted).
    pub succeeded: Vec<String>,
    /// A failed pod is held by the node's back-off.
    pub held_by_backoff: bool,
}

/// `podsShouldBeOnNode` for one node: `in_backoff` says whether the node's failed-pod
/// back-off is still running (the caller advances it when a failed pod is deleted).
pub fn pods_should_be_on_node(
    placement: &Placement,
    pods: &[DaemonPod<'_>],
    surge: bool,
    in_backoff: bool,
) -> NodeDecision {
    let mut d = NodeDecision::default();
    // The usual node: one pod, running or pending, and nothing to do.
    if let [only] = pods {
        if placement.should_continue_running()
            && !only.terminating
            && !matches!(only.phase, "Failed" | "Succeeded")
        {
            return d;
        }
    }
    let exists = !pods.is_empty();
    if placement.should_run() && !exists {
        d.create = true;
        return d;
    }
    if placement.should_continue_running() {
        let mut running: Vec<&DaemonPod<'_>> = Vec::new();
        for pod in pods.iter().filter(|p| !p.terminating) {
            match pod.phase {
                "Failed" if in_backoff => d.held_by_backoff = true,
                "Failed" => {
                    d.failed.push(pod.name.to_string());
                    d.delete.push(pod.name.to_string());
                }
                "Succeeded" => {
                    d.succeeded.push(pod.name.to_string());
                    d.delete.push(pod.name.to_string());
                }
                _ => running.push(pod),
            }
        }
        oldest_first(&mut running);
        if !surge {
            // Keep the oldest; a node whose pods are all going gets a new one next sync.
            d.delete
                .extend(running.iter().skip(1).map(|p| p.name.to_string()));
            return d;
        }
        if running.len() <= 1 {
            d.create = running.is_empty() && placement.should_run();
            return d;
        }
        let (mut new, mut old) = (None, None);
        for pod in running {
            let slot = if pod.updated { &mut new } else { &mut old };
            if slot.is_none() {
                *slot = Some(pod);
            } else {
                d.delete.push(pod.name.to_string());
            }
        }
        if let (Some(new), Some(old)) = (new, old) {
            if !old.ready || new.available {
                d.delete.push(old.name.to_string());
            }
        }
        return d;
    }
    if exists {
        d.delete.extend(
            pods.iter()
                .filter(|p| !p.terminating)
                .map(|p| p.name.to_string()),
        );
    }
    d
}

/// One node as the rolling update sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodePods<'m, 'a> {
    /// The node.
    pub node: &'a str,
    /// Whether a daemon pod should run there now.
    pub should_run: bool,
    /// Its daemon pods (only nodes with at least one are listed), borrowed from the sync's
    /// list of them.
    pub pods: Cow<'m, [DaemonPod<'a>]>,
}

/// What one round of the rolling update does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Round {
    /// Old pods to delete.
    pub delete: Vec<String>,
    /// Nodes to create a new pod on (surge only).
    pub create_on: Vec<String>,
    /// Nodes counted as unavailable (no surge) or surging (surge).
    pub in_flight: i64,
}

/// `findUpdatedPodsOnNode`: at most one new and one old non-terminating pod, or `None`.
fn new_and_old<'p, 'a>(
    pods: &'p [DaemonPod<'a>],
) -> Option<(Option<&'p DaemonPod<'a>>, Option<&'p DaemonPod<'a>>)> {
    let (mut new, mut old) = (None, None);
    for pod in pods.iter().filter(|p| !p.terminating) {
        let slot = if pod.updated { &mut new } else { &mut old };
        if slot.is_some() {
            return None;
        }
        *slot = Some(pod);
    }
    Some((new, old))
}

/// Whether a node with these daemon pods counts against the rolling update's budget, as
/// `rollingUpdate` counts it: without surge, a node with no usable pod (none, both, or one
/// not available) is unavailable; with surge, a node running a new pod that is not yet
/// available beside its old one is surging (and a node with extra pods counts either way).
pub fn in_flight(pods: &[DaemonPod<'_>], surge: bool) -> bool {
    match new_and_old(pods) {
        None => true,
        Some((new, old)) if surge => new.is_some_and(|n| !n.available) && old.is_some(),
        Some((None, None) | (Some(_), Some(_))) => true,
        Some((Some(p), None) | (None, Some(p))) => !p.available,
    }
}

/// `rollingUpdate`, with the nodes in the order the caller drew.
pub fn rolling_update(nodes: &[NodePods<'_, '_>], budget: Budget, desired: i64) -> Round {
    let mut r = Round::default();
    if budget.max_surge == 0 {
        let mut candidates = Vec::new();
        for n in nodes {
            let Some((new, old)) = new_and_old(&n.pods) else {
                r.in_flight += 1;
                continue;
            };
            match (new, old) {
                (None, None) | (Some(_), Some(_)) => r.in_flight += 1,
                (Some(new), None) => r.in_flight += i64::from(!new.available),
                (None, Some(old)) if !old.available => {
                    // An unavailable old pod is replaced whatever the budget.
                    r.delete.push(old.name.to_string());
                    r.in_flight += 1;
                }
                (None, Some(_)) if r.in_flight >= budget.max_unavailable => {}
                (None, Some(old)) => candidates.push(old.name.to_string()),
            }
        }
        let room = (budget.max_unavailable - r.in_flight).clamp(0, candidates.len() as i64);
        r.delete.extend(candidates.into_iter().take(room as usize));
        return r;
    }
    let (mut allowed, mut candidates, mut sunset) = (Vec::new(), Vec::new(), Vec::new());
    let mut available = 0;
    for n in nodes {
        let Some((new, old)) = new_and_old(&n.pods) else {
            r.in_flight += 1;
            continue;
        };
        if let Some(p) = old.or(new) {
            available += i64::from(p.available);
        }
        match (new, old) {
            (_, None) => {}
            (None, Some(old)) if !old.available => {
                if n.should_run {
                    allowed.push(n.node.to_string());
                } else {
                    r.delete.push(old.name.to_string());
                }
            }
            (None, Some(old)) => {
                if !n.should_run {
                    sunset.push(old.name.to_string());
                } else if r.in_flight < budget.max_surge {
                    candidates.push(n.node.to_string());
                }
            }
            (Some(new), Some(old)) => {
                if new.available {
                    r.delete.push(old.name.to_string());
                } else {
                    r.in_flight += 1;
                }
            }
        }
    }
    // Keep 100% availability: old pods on nodes that no longer qualify go only while more
    // pods are available than desired.
    let deletable = (available - desired).clamp(0, sunset.len() as i64);
    r.delete.extend(sunset.into_iter().take(deletable as usize));
    let room = (budget.max_surge - r.in_flight).clamp(0, candidates.len() as i64);
    r.create_on = allowed;
    r.create_on
        .extend(candidates.into_iter().take(room as usize));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name made at run time, kept for the whole test run (a `DaemonPod` borrows its name).
    fn kept(name: String) -> &'static str {
        Box::leak(name.into_boxed_str())
    }

    fn pod(name: &str, updated: bool, ready: bool) -> DaemonPod<'_> {
        DaemonPod {
            name,
            phase: "Running",
            updated,
            ready,
            available: ready,
            terminating: false,
            scheduled: true,
            created: Time(0),
        }
    }

    /// One sync: manage on every node, then (when manage changed nothing, as expectations
    /// would otherwise hold it) a rolling-update round. Deletions and creations apply at
    /// once; new pods start not ready. Returns (creates, deletes).
    fn sync(
        nodes: &mut [NodePods<'_, 'static>],
        budget: Budget,
        serial: &mut u32,
    ) -> (usize, usize) {
        let (mut creates, mut deletes) = (0, 0);
        for n in nodes.iter_mut() {
            let d = pods_should_be_on_node(&Placement::Runs, &n.pods, budget.max_surge > 0, false);
            n.pods
                .to_mut()
                .retain(|p| !d.delete.iter().any(|x| x == p.name));
            deletes += d.delete.len();
            if d.create {
                *serial += 1;
                n.pods
                    .to_mut()
                    .push(pod(kept(format!("new-{serial}")), true, false));
                creates += 1;
            }
        }
        if creates + deletes > 0 {
            return (creates, deletes);
        }
        let desired = nodes.len() as i64;
        let round = rolling_update(nodes, budget, desired);
        for n in nodes.iter_mut() {
            n.pods
                .to_mut()
                .retain(|p| !round.delete.iter().any(|x| x == p.name));
            if round.create_on.iter().any(|x| x == n.node) {
                *serial += 1;
                n.pods
                    .to_mut()
                    .push(pod(kept(format!("new-{serial}")), true, false));
            }
        }
        (round.create_on.len(), round.delete.len())
    }

    fn five_old_nodes() -> Vec<NodePods<'static, 'static>> {
        (1..=5)
            .map(|i| NodePods {
                node: kept(format!("node-{i}")),
                should_run: true,
                pods: Cow::Owned(vec![pod(kept(format!("old-{i}")), false, true)]),
            })
            .collect()
    }

    fn mark_ready(nodes: &mut [NodePods<'_, '_>]) {
        for p in nodes.iter_mut().flat_map(|n| n.pods.to_mut().iter_mut()) {
            p.ready = true;
            p.available = true;
        }
    }

    /// `TestDaemonSetUpdatesPods`: five nodes, maxUnavailable 2, pods ready between syncs.
    #[test]
    fn in_flight_should_count_as_the_round_counts() {
        let mut serial = 0;
        for surge in [0, 2] {
            let budget = Budget {
                max_surge: surge,
                max_unavailable: if surge == 0 { 2 } else { 0 },
            };
            let mut nodes = five_old_nodes();
            for step in 0..8 {
                let counted = nodes
                    .iter()
                    .filter(|n| in_flight(&n.pods, surge > 0))
                    .count() as i64;
                let round = rolling_update(&nodes, budget, 5);
                assert_eq!(counted, round.in_flight, "surge {surge}, step {step}");
                sync(&mut nodes, budget, &mut serial);
                if step % 2 == 1 {
                    mark_ready(&mut nodes);
                }
            }
        }
    }

    #[test]
    fn delete_then_create_should_move_two_nodes_at_a_time() {
        let mut nodes = five_old_nodes();
        let budget = Budget {
            max_surge: 0,
            max_unavailable: 2,
        };
        let mut serial = 0;
        let mut seen = Vec::new();
        for _ in 0..7 {
            seen.push(sync(&mut nodes, budget, &mut serial));
            mark_ready(&mut nodes);
        }
        assert_eq!(
            seen,
            [(0, 2), (2, 0), (0, 2), (2, 0), (0, 1), (1, 0), (0, 0)]
        );
        assert!(nodes.iter().all(|n| n.pods.len() == 1 && n.pods[0].updated));
    }

    #[test]
    fn create_then_delete_should_keep_every_node_served() {
        let mut nodes = five_old_nodes();
        let budget = Budget {
            max_surge: 2,
            max_unavailable: 0,
        };
        let mut serial = 0;
        for _ in 0..12 {
            sync(&mut nodes, budget, &mut serial);
            // Every node always has a pod, and at most two nodes carry two.
            assert!(nodes.iter().all(|n| !n.pods.is_empty()));
            assert!(nodes.iter().filter(|n| n.pods.len() == 2).count() <= 2);
            mark_ready(&mut nodes);
        }
        assert!(nodes.iter().all(|n| n.pods.len() == 1 && n.pods[0].updated));
    }

    #[test]
    fn an_unavailable_old_pod_should_be_replaced_regardless_of_the_budget() {
        let mut nodes = five_old_nodes();
        for n in &mut nodes[..3] {
            n.pods.to_mut()[0].ready = false;
            n.pods.to_mut()[0].available = false;
        }
        let budget = Budget {
            max_surge: 0,
            max_unavailable: 1,
        };
        let round = rolling_update(&nodes, budget, 5);
        assert_eq!(round.delete, ["old-1", "old-2", "old-3"]);
    }

    /// (what, placement, pods, surge, in back-off, create, delete, failed, held).
    type ManageRow<'a> = (
        &'a str,
        &'a Placement,
        Vec<&'a str>,
        bool,
        bool,
        bool,
        Vec<&'a str>,
        Vec<&'a str>,
        bool,
    );

    /// (what, nodes, budget, delete, create_on, in flight).
    type RoundRow<'a> = (
        &'a str,
        Vec<NodePods<'a, 'a>>,
        Budget,
        Vec<&'a str>,
        Vec<&'a str>,
        i64,
    );

    /// A pod in a table row: name, updated, ready (available when ready), and a phase or
    /// state marker: `F` failed, `S` succeeded, `T` terminating, `U` unscheduled, a digit
    /// its creation second.
    fn p(spec: &str) -> DaemonPod<'_> {
        let mut parts = spec.split(':');
        let name = parts.next().unwrap_or_default();
        let flags = parts.next().unwrap_or_default();
        let mut pod = pod(name, flags.contains('n'), flags.contains('r'));
        for c in flags.chars() {
            match c {
                'F' => pod.phase = "Failed",
                'S' => pod.phase = "Succeeded",
                'T' => pod.terminating = true,
                'U' => pod.scheduled = false,
                'w' => pod.available = false,
                d if d.is_ascii_digit() => pod.created = Time(i64::from(d as u8 - b'0') * 1_000),
                _ => {}
            }
        }
        pod
    }

    /// Rows after `TestNodeShouldRunDaemonPod`'s callers in `daemon_controller_test.go`
    /// (manage: create, failed and succeeded pods, duplicates, surge pairs, evictions).
    /// Flags: `n` current revision, `r` ready (and available unless `w`).
    #[test]
    fn manage_table() {
        let runs = Placement::Runs;
        let keep = Placement::NoScheduleTaint {
            taint: "t:NoSchedule".into(),
        };
        let evict = Placement::NoExecuteTaint {
            taint: "t:NoExecute".into(),
        };
        let mismatch = Placement::SelectorMismatch;
        // (what, placement, pods, surge, in back-off, create, delete, failed, held)
        let rows: Vec<ManageRow> = vec![
            (
                "no pod: create",
                &runs,
                vec![],
                false,
                false,
                true,
                vec![],
                vec![],
                false,
            ),
            (
                "one pod: nothing",
                &runs,
                vec!["a:r"],
                false,
                false,
                false,
                vec![],
                vec![],
                false,
            ),
            (
                "two pods: keep the oldest",
                &runs,
                vec!["a:r2", "b:r1"],
                false,
                false,
                false,
                vec!["a"],
                vec![],
                false,
            ),
            (
                "three pods: keep the oldest",
                &runs,
                vec!["a:r1", "b:r2", "c:r3"],
                false,
                false,
                false,
                vec!["b", "c"],
                vec![],
                false,
            ),
            (
                "scheduled before unscheduled",
                &runs,
                vec!["a:rU1", "b:r2"],
                false,
                false,
                false,
                vec!["a"],
                vec![],
                false,
            ),
            (
                "failed pod: kill it",
                &runs,
                vec!["a:F"],
                false,
                false,
                false,
                vec!["a"],
                vec!["a"],
                false,
            ),
            (
                "failed pod in back-off: wait",
                &runs,
                vec!["a:F"],
                false,
                true,
                false,
                vec![],
                vec![],
                true,
            ),
            (
                "succeeded pod: delete it",
                &runs,
                vec!["a:S"],
                false,
                false,
                false,
                vec!["a"],
                vec![],
                false,
            ),
            (
                "only a terminating pod: wait",
                &runs,
                vec!["a:rT"],
                false,
                false,
                false,
                vec![],
                vec![],
                false,
            ),
            (
                "NoSchedule taint keeps the pod",
                &keep,
                vec!["a:r"],
                false,
                false,
                false,
                vec![],
                vec![],
                false,
            ),
            (
                "NoSchedule taint: no new pod",
                &keep,
                vec![],
                false,
                false,
                false,
                vec![],
                vec![],
                false,
            ),
            (
                "NoExecute taint: delete",
                &evict,
                vec!["a:r", "b:rT"],
                false,
                false,
                false,
                vec!["a"],
                vec![],
                false,
            ),
            (
                "selector mismatch: delete",
                &mismatch,
                vec!["a:r"],
                false,
                false,
                false,
                vec!["a"],
                vec![],
                false,
            ),
            (
                "surge, old ready and new not yet: keep both",
                &runs,
                vec!["old:r1", "new:n2"],
                true,
                false,
                false,
                vec![],
                vec![],
                false,
            ),
            (
                "surge, new available: old goes",
                &runs,
                vec!["old:r1", "new:nr2"],
                true,
                false,
                false,
                vec!["old"],
                vec![],
                false,
            ),
            (
                "surge, new ready, not available: keep both",
                &runs,
                vec!["old:r1", "new:nrw2"],
                true,
                false,
                false,
                vec![],
                vec![],
                false,
            ),
            (
                "surge, old not ready: old goes",
                &runs,
                vec!["old:1", "new:n2"],
                true,
                false,
                false,
                vec!["old"],
                vec![],
                false,
            ),
            (
                "surge, two new: the younger goes",
                &runs,
                vec!["n1:nr1", "n2:nr2"],
                true,
                false,
                false,
                vec!["n2"],
                vec![],
                false,
            ),
            (
                "surge, only terminating: create",
                &runs,
                vec!["a:rT"],
                true,
                false,
                true,
                vec![],
                vec![],
                false,
            ),
            (
                "surge, NoSchedule, only terminating: no create",
                &keep,
                vec!["a:rT"],
                true,
                false,
                false,
                vec![],
                vec![],
                false,
            ),
        ];
        for (what, placement, pods, surge, backoff, create, delete, failed, held) in rows {
            let pods: Vec<DaemonPod<'_>> = pods.into_iter().map(p).collect();
            let d = pods_should_be_on_node(placement, &pods, surge, backoff);
            assert_eq!(d.create, create, "{what}: create");
            assert_eq!(d.delete, delete, "{what}: delete");
            assert_eq!(d.failed, failed, "{what}: failed");
            assert_eq!(d.held_by_backoff, held, "{what}: held");
        }
    }

    /// Single rounds of `rollingUpdate`, after `update_test.go`: which old pods go (no surge)
    /// or which nodes get a new pod (surge), and how many nodes count against the budget.
    #[test]
    fn rolling_update_round_table() {
        let node = |name: &'static str, should_run: bool, pods: &[&'static str]| NodePods {
            node: name,
            should_run,
            pods: pods.iter().map(|s| p(s)).collect::<Vec<_>>().into(),
        };
        let b = |surge, unavailable| Budget {
            max_surge: surge,
            max_unavailable: unavailable,
        };
        // (what, nodes, budget, delete, create_on, in flight)
        let rows: Vec<RoundRow> = vec![
            ("all old, budget 1", vec![node("n1", true, &["a:r"]), node("n2", true, &["b:r"])], b(0, 1), vec!["a"], vec![], 0),
            ("all old, budget 2", vec![node("n1", true, &["a:r"]), node("n2", true, &["b:r"]), node("n3", true, &["c:r"])], b(0, 2), vec!["a", "b"], vec![], 0),
            ("one new not ready uses the budget", vec![node("n1", true, &["a:n"]), node("n2", true, &["b:r"])], b(0, 1), vec![], vec![], 1),
            ("one new ready frees it", vec![node("n1", true, &["a:nr"]), node("n2", true, &["b:r"])], b(0, 1), vec!["b"], vec![], 0),
            ("a terminating old pod counts", vec![node("n1", true, &["a:rT"]), node("n2", true, &["b:r"])], b(0, 1), vec![], vec![], 1),
            ("an unavailable old pod goes anyway", vec![node("n1", true, &["a:n"]), node("n2", true, &["b:"])], b(0, 1), vec!["b"], vec![], 2),
            ("all new and available: nothing", vec![node("n1", true, &["a:nr"]), node("n2", true, &["b:nr"])], b(0, 1), vec![], vec![], 0),
            ("surge 1: one new pod beside an old", vec![node("n1", true, &["a:r"]), node("n2", true, &["b:r"])], b(1, 0), vec![], vec!["n1"], 0),
            ("surge 2: two", vec![node("n1", true, &["a:r"]), node("n2", true, &["b:r"]), node("n3", true, &["c:r"])], b(2, 0), vec![], vec!["n1", "n2"], 0),
            ("surge: a pair in flight uses the budget", vec![node("n1", true, &["a:r1", "x:n2"]), node("n2", true, &["b:r"])], b(1, 0), vec![], vec![], 1),
            ("surge: the new pod available, old goes", vec![node("n1", true, &["a:r1", "x:nr2"]), node("n2", true, &["b:r"])], b(1, 0), vec!["a"], vec!["n2"], 0),
            ("surge: an unavailable old pod gets a new one regardless", vec![node("n1", true, &["a:r1", "x:n2"]), node("n2", true, &["b:"])], b(1, 0), vec![], vec!["n2"], 1),
            ("surge: an old pod on a node that no longer qualifies goes once enough are available", vec![node("n1", false, &["a:r"]), node("n2", true, &["b:nr"])], b(1, 0), vec!["a"], vec![], 0),
        ];
        for (what, nodes, budget, delete, create_on, in_flight) in rows {
            let desired = nodes.iter().filter(|n| n.should_run).count() as i64;
            let r = rolling_update(&nodes, budget, desired);
            assert_eq!(r.delete, delete, "{what}: delete");
            assert_eq!(r.create_on, create_on, "{what}: create");
            assert_eq!(r.in_flight, in_flight, "{what}: in flight");
            let counted = nodes
                .iter()
                .filter(|n| in_flight_of(n, budget.max_surge > 0))
                .count() as i64;
            assert_eq!(counted, in_flight, "{what}: in_flight() agrees");
        }
    }

    fn in_flight_of(n: &NodePods<'_, '_>, surge: bool) -> bool {
        in_flight(&n.pods, surge)
    }

    #[test]
    fn manage_should_kill_failed_and_succeeded_pods_and_duplicates() {
        let mut failed = pod("f", false, false);
        failed.phase = "Failed";
        let d = pods_should_be_on_node(
            &Placement::Runs,
            std::slice::from_ref(&failed),
            false,
            false,
        );
        assert_eq!(
            (d.create, d.failed.clone(), d.delete.clone()),
            (false, vec!["f".to_string()], vec!["f".to_string()])
        );
        let d =
            pods_should_be_on_node(&Placement::Runs, std::slice::from_ref(&failed), false, true);
        assert!(d.held_by_backoff && d.delete.is_empty());
        let mut a = pod("a", false, true);
        a.created = Time(2_000);
        let b = pod("b", false, true);
        let d = pods_should_be_on_node(&Placement::Runs, &[a, b], false, false);
        assert_eq!(d.delete, ["a"], "the oldest stays");
        let evicted = Placement::NoExecuteTaint {
            taint: "dedicated:NoExecute".into(),
        };
        let d = pods_should_be_on_node(&evicted, &[pod("x", true, true)], false, false);
        assert_eq!(d.delete, ["x"]);
        let kept = Placement::NoScheduleTaint {
            taint: "dedicated:NoSchedule".into(),
        };
        let d = pods_should_be_on_node(&kept, &[pod("x", true, true)], false, false);
        assert!(d.delete.is_empty() && !d.create);
        let d = pods_should_be_on_node(&kept, &[], false, false);
        assert!(!d.create, "no new pod behind a NoSchedule taint");
    }
}
