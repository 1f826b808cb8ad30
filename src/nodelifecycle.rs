//! The node lifecycle controller, its taint-based eviction, and the pod garbage collector:
//! condition and cordon taints on nodes, pods evicted when a NoExecute taint outlasts their
//! toleration, and pods of deleted nodes force-deleted after the 40-second quarantine.

use crate::api::{self, record_event, DeleteOptions, EventTarget, WatchEvent};
use crate::cluster::{Client, Cluster, Event, Informer, Schedule};
use crate::model::{Kind, Node, Object, Pod, PodCondition, Taint, Time};
use crate::sim::trace::{Timer, WatchType};
use crate::sim::{Actor, Cause, SimTime, Update};
use std::collections::BTreeMap;

/// How often the pod garbage collector runs.
pub const POD_GC_PERIOD_MS: u64 = 20_000;
/// How long a node must be gone before its pods are collected.
pub const POD_GC_QUARANTINE_MS: u64 = 40_000;

/// Taint keys the node lifecycle controller owns.
const MANAGED: [&str; 7] = [
    "node.kubernetes.io/not-ready",
    "node.kubernetes.io/unreachable",
    "node.kubernetes.io/unschedulable",
    "node.kubernetes.io/memory-pressure",
    "node.kubernetes.io/disk-pressure",
    "node.kubernetes.io/pid-pressure",
    "node.kubernetes.io/network-unavailable",
];

/// State of the node lifecycle controller and the pod GC.
#[derive(Clone, Debug, Default)]
pub struct LifecycleState {
    /// Pods (by uid) on nodes that no longer exist, with when the pod GC first saw them.
    pub orphans: BTreeMap<String, SimTime>,
}

/// The taints a node should carry for its conditions and cordon, as (key, effect).
pub fn desired_taints(node: &Node) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    match node.condition("Ready").map(|c| c.status.as_str()) {
        Some("False") => out.extend([
            ("node.kubernetes.io/not-ready", "NoSchedule"),
            ("node.kubernetes.io/not-ready", "NoExecute"),
        ]),
        Some("Unknown") => out.extend([
            ("node.kubernetes.io/unreachable", "NoSchedule"),
            ("node.kubernetes.io/unreachable", "NoExecute"),
        ]),
        _ => {}
    }
    for (cond, key) in [
        ("MemoryPressure", "node.kubernetes.io/memory-pressure"),
        ("DiskPressure", "node.kubernetes.io/disk-pressure"),
        ("PIDPressure", "node.kubernetes.io/pid-pressure"),
        (
            "NetworkUnavailable",
            "node.kubernetes.io/network-unavailable",
        ),
    ] {
        if node.condition(cond).is_some_and(|c| c.status == "True") {
            out.push((key, "NoSchedule"));
        }
    }
    if node.is_unschedulable() {
        out.push(("node.kubernetes.io/unschedulable", "NoSchedule"));
    }
    out
}

/// Informer hook.
pub fn on_watch(w: &mut Informer<'_>, ev: &WatchEvent) {
    let cause = ev.cause();
    match (&*ev.object, ev.ty) {
        (Object::Node(node), WatchType::Deleted) => {
            let _ = node;
            let next = SimTime((w.now.0 / POD_GC_PERIOD_MS + 1) * POD_GC_PERIOD_MS);
            w.schedule_once(next, Event::PodGc, cause);
        }
        (Object::Node(node), _) => {
            w.schedule_once(
                w.now,
                Event::NodeLifecycle {
                    node: node.metadata.name.clone(),
                },
                cause,
            );
        }
        (Object::Pod(pod), WatchType::Added | WatchType::Modified) => {
            let newly_bound = ev
                .old
                .as_deref()
                .and_then(Object::as_pod)
                .is_none_or(|old| old.node_name().is_none());
            // A pod bound to a node can only be evicted there by a NoExecute taint; without
            // one the node's pass would find nothing to do.
            let no_execute = |n: &str| {
                w.store
                    .node(n)
                    .is_some_and(|n| n.spec.taints.iter().any(|t| t.effect == "NoExecute"))
            };
            if let Some(node) = pod.node_name().filter(|n| newly_bound && no_execute(n)) {
                w.schedule_once(
                    w.now,
                    Event::NodeLifecycle {
                        node: node.to_string(),
                    },
                    cause,
                );
            }
        }
        _ => {}
    }
}

/// Reconciles a node's controller taints, then its pods' evictions.
pub fn sync_node(c: &mut Cluster, name: &str) {
    let w = &mut c.client(Actor::NodeLifecycle);
    let Some(node) = api::node(w, name).cloned() else {
        return;
    };
    let want = desired_taints(&node);
    let now = w.wall_now();
    let mut taints: Vec<Taint> = node
        .spec
        .taints
        .iter()
        .filter(|t| {
            !MANAGED.contains(&t.key.as_str())
                || want.iter().any(|(k, e)| *k == t.key && *e == t.effect)
        })
        .cloned()
        .collect();
    for (k, e) in &want {
        if !taints.iter().any(|t| t.key == *k && t.effect == *e) {
            taints.push(Taint {
                key: (*k).into(),
                value: String::new(),
                effect: (*e).into(),
                time_added: Some(now),
            });
        }
    }
    if taints != node.spec.taints {
        let summary = taints
            .iter()
            .map(|t| format!("{}:{}", t.key, t.effect))
            .collect();
        let _ = api::mutate_node(w, name, Update::Taints { taints: summary }, |n| {
            n.spec.taints = taints
        });
    }
    let Some(node) = api::node(w, name).cloned() else {
        return;
    };
    let pods: Vec<Pod> = w
        .store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .filter(|p| p.node_name() == Some(name) && !p.is_terminal() && !p.metadata.is_terminating())
        .cloned()
        .collect();
    for pod in pods {
        match eviction_time(&pod, &node) {
            Some(at) if at <= now => evict(w, &pod),
            Some(at) => {
                let t = SimTime((at.0 - w.start.0).max(0) as u64);
                let ev = Event::Evict {
                    namespace: pod.metadata.ns().to_string(),
                    pod: pod.metadata.name.clone(),
                    uid: pod.metadata.uid().to_string(),
                };
                w.schedule_once(
                    t,
                    ev,
                    Cause::Timer(Timer::TolerationExpired {
                        pod: pod.metadata.name.clone(),
                    }),
                );
            }
            None => {}
        }
    }
}

/// When the taint manager deletes a pod on this node: now for an untolerated NoExecute taint,
/// the earliest `timeAdded + tolerationSeconds` otherwise, never when tolerated forever.
pub fn eviction_time(pod: &Pod, node: &Node) -> Option<Time> {
    let mut earliest: Option<Time> = None;
    for t in node.spec.taints.iter().filter(|t| t.effect == "NoExecute") {
        let added = t.time_added.unwrap_or_default();
        let tolerations: Vec<_> = pod
            .spec
            .tolerations
            .iter()
            .filter(|tol| tol.tolerates(&t.key, &t.value, &t.effect))
            .collect();
        if tolerations.is_empty() {
            return Some(added);
        }
        if tolerations
            .iter()
            .any(|tol| tol.toleration_seconds.is_none())
        {
            continue;
        }
        let secs = tolerations
            .iter()
            .filter_map(|tol| tol.toleration_seconds)
            .min()
            .unwrap_or(0)
            .max(0);
        let at = added.plus_ms(secs * 1000);
        earliest = Some(earliest.map_or(at, |e| e.min(at)));
    }
    earliest
}

/// The Evict timer: evict if the pod still should go now.
pub fn evict_timer(c: &mut Cluster, namespace: &str, pod_name: &str, uid: &str) {
    let w = &mut c.client(Actor::NodeLifecycle);
    let Some(pod) = api::pod(w, namespace, pod_name)
        .filter(|p| p.metadata.uid() == uid)
        .cloned()
    else {
        return;
    };
    let Some(node) = pod.node_name().and_then(|n| api::node(w, n)).cloned() else {
        return;
    };
    if pod.is_terminal() || pod.metadata.is_terminating() {
        return;
    }
    if eviction_time(&pod, &node).is_some_and(|at| at <= w.wall_now()) {
        evict(w, &pod);
    }
}

fn evict(w: &mut Client<'_>, pod: &Pod) {
    let now = w.wall_now();
    let name = pod.metadata.name.clone();
    let namespace = pod.metadata.ns();
    let result = api::mutate_pod(
        w,
        namespace,
        &name,
        Update::Condition {
            type_: "DisruptionTarget".into(),
            status: "True".into(),
            reason: "DeletionByTaintManager".into(),
        },
        |p| {
            set_disruption(
                p,
                "DeletionByTaintManager",
                "Taint manager: deleting due to NoExecute taint",
                now,
            );
        },
    );
    if let Ok(obj) = result {
        let msg = format!("Marking for deletion Pod {namespace}/{name}");
        record_event(
            w,
            EventTarget::of(&obj),
            "Normal",
            "TaintManagerEviction",
            &msg,
            "taint-eviction-controller",
            "",
        );
    }
    let _ = api::delete(w, Kind::Pod, namespace, &name, DeleteOptions::default());
}

fn set_disruption(p: &mut Pod, reason: &str, message: &str, now: Time) {
    let st = p.status.get_or_insert_with(Default::default);
    st.conditions.retain(|c| c.type_ != "DisruptionTarget");
    st.conditions.insert(
        0,
        PodCondition {
            type_: "DisruptionTarget".into(),
            status: "True".into(),
            last_probe_time: None,
            last_transition_time: Some(now),
            reason: Some(reason.into()),
            message: Some(message.into()),
        },
    );
}

/// One pass of the pod garbage collector over pods whose node is gone.
pub fn pod_gc(c: &mut Cluster) {
    c.set_cause(Cause::Timer(Timer::PodGcCheck));
    let w = &mut c.client(Actor::PodGc);
    let now_wall = w.wall_now();
    let orphans: Vec<Pod> = w
        .store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .filter(|p| p.node_name().is_some_and(|n| api::node(w, n).is_none()))
        .cloned()
        .collect();
    let live: Vec<String> = orphans
        .iter()
        .map(|p| p.metadata.uid().to_string())
        .collect();
    w.lifecycle.orphans.retain(|uid, _| live.contains(uid));
    for pod in &orphans {
        let uid = pod.metadata.uid().to_string();
        let now = w.now;
        let seen = *w.lifecycle.orphans.entry(uid.clone()).or_insert(now);
        if w.now.0 - seen.0 < POD_GC_QUARANTINE_MS {
            continue;
        }
        let name = pod.metadata.name.clone();
        if !pod.is_terminal() {
            let _ = api::mutate_pod(
                w,
                pod.metadata.ns(),
                &name,
                Update::Phase {
                    phase: "Failed".into(),
                    detail: Some("DeletionByPodGC".into()),
                },
                |p| {
                    set_disruption(
                        p,
                        "DeletionByPodGC",
                        "PodGC: node no longer exists",
                        now_wall,
                    );
                    p.status.get_or_insert_with(Default::default).phase = "Failed".into();
                },
            );
        }
        let _ = api::delete(
            w,
            Kind::Pod,
            pod.metadata.ns(),
            &name,
            DeleteOptions {
                grace_period_seconds: Some(0),
                propagation: None,
            },
        );
        w.lifecycle.orphans.remove(&uid);
    }
    if !w.lifecycle.orphans.is_empty() {
        let next = w.now.plus_ms(POD_GC_PERIOD_MS);
        w.schedule_once(next, Event::PodGc, Cause::Timer(Timer::PodGcCheck));
    }
}
