//! A DaemonSet's pods by node (`getNodesToDaemonPods`), kept from one listing to the next so
//! that a sync views again only the pods written since. The store never changes a stored
//! version in place (a write stores a new one) and the listing holds every version it
//! viewed, so a pod behind the same pointer as before is the same pod: its view is reused
//! without reading it again.

use super::placement::Placement;
use super::rollout::DaemonPod;
use crate::cluster::Cluster;
use crate::model::daemonset::{
    DaemonSet, REVISION_HASH, TEMPLATE_GENERATION, TEMPLATE_GENERATION_ANNOTATION,
};
use crate::model::{Kind, Object, Pod, Time};
use std::ops::Range;
use std::rc::Rc;

/// One DaemonSet's view of the pods of its namespace, in the store's order.
#[derive(Clone, Debug)]
pub struct Listing {
    /// The DaemonSet's uid, revision hash and template generation the views were made for.
    uid: String,
    hash: String,
    generation: Option<String>,
    /// The node verdicts (in node-name order) that [`Place::Verdict`] indexes.
    verdicts: Rc<[(String, Placement)]>,
    /// Every pod of the namespace as listed, in the store's order.
    pods: Vec<Seen>,
}

/// One listed pod.
#[derive(Clone, Debug)]
struct Seen {
    /// The stored version viewed.
    obj: Rc<Object>,
    /// Its name (the listing's walk compares names without reading the pod).
    name: Rc<str>,
    /// Where it counts and how it is seen, when it is one of the DaemonSet's daemon pods.
    daemon: Option<(Place, Facts)>,
}

/// The node a daemon pod is for.
#[derive(Clone, Debug)]
enum Place {
    /// The node of the verdict at this index.
    Verdict(usize),
    /// A node without a verdict (it is not in the node list).
    Elsewhere(Rc<str>),
}

/// What the controller reads of a daemon pod, save what depends on the clock.
#[derive(Clone, Debug)]
struct Facts {
    phase: Rc<str>,
    updated: bool,
    ready: bool,
    /// When its Ready condition last changed, while it is ready.
    ready_since: Option<Time>,
    terminating: bool,
    scheduled: bool,
    created: Time,
}

impl Default for Listing {
    fn default() -> Self {
        Listing {
            uid: String::new(),
            hash: String::new(),
            generation: None,
            verdicts: Rc::from(Vec::new()),
            pods: Vec::new(),
        }
    }
}

/// The template generation a DaemonSet's pods carry (the `deprecated.daemonset.template.generation`
/// annotation), which marks a pod as updated as its revision hash does.
pub fn template_generation(ds: &DaemonSet) -> Option<String> {
    ds.metadata
        .annotations
        .get(TEMPLATE_GENERATION_ANNOTATION)
        .cloned()
}

/// The node a daemon pod is for: its `spec.nodeName`, or the `metadata.name` the controller
/// put in its required node affinity.
pub fn target_node(pod: &Pod) -> Option<&str> {
    if let Some(n) = pod.node_name() {
        return Some(n);
    }
    pod.spec
        .required_node_affinity()?
        .node_selector_terms
        .iter()
        .flat_map(|t| &t.match_fields)
        .find(|r| r.key == "metadata.name" && r.operator == "In")
        .and_then(|r| r.values.first())
        .map(String::as_str)
}

impl Listing {
    /// The DaemonSet's pods as stored now (after this sync's own writes), for `verdicts`:
    /// pods stored under the same version as in `self` keep their view, the others are
    /// viewed anew (all of them when the DaemonSet, its revision or the verdicts changed).
    pub fn refresh(
        self,
        w: &Cluster,
        ds: &DaemonSet,
        hash: &str,
        verdicts: &Rc<[(String, Placement)]>,
    ) -> Listing {
        let uid = ds.metadata.uid();
        let generation = template_generation(ds);
        let same = self.uid == uid
            && self.hash == hash
            && self.generation == generation
            && Rc::ptr_eq(&self.verdicts, verdicts);
        let mut before = if same { self.pods } else { Vec::new() }
            .into_iter()
            .peekable();
        let mut pods = Vec::with_capacity(before.len());
        let fresh = Fresh {
            uid,
            hash,
            generation: generation.as_deref(),
            verdicts,
        };
        for o in w.store.list_shared_in(Kind::Pod, ds.metadata.ns()) {
            if let Some(s) = before.next_if(|s| Rc::ptr_eq(&s.obj, o)) {
                pods.push(s);
                continue;
            }
            let name = o.meta().name.as_str();
            // Pods gone since, then the older version of this one.
            while before.next_if(|s| &*s.name < name).is_some() {}
            before.next_if(|s| &*s.name == name);
            pods.push(fresh.see(o));
        }
        Listing {
            uid: uid.to_string(),
            hash: hash.to_string(),
            generation,
            verdicts: Rc::clone(verdicts),
            pods,
        }
    }

    /// The DaemonSet's daemon pods by node, in the listing's order on each node; terminal
    /// pods being deleted are left out.
    pub fn by_node(&self, min_ready: i64, now: Time) -> ByNode<'_> {
        let n = self.verdicts.len();
        let mut starts = vec![0usize; n + 1];
        for (place, _) in self.pods.iter().filter_map(|s| s.daemon.as_ref()) {
            if let Place::Verdict(i) = place {
                starts[i + 1] += 1;
            }
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let blank = DaemonPod {
            name: "",
            phase: "",
            updated: false,
            ready: false,
            available: false,
            terminating: false,
            scheduled: false,
            created: Time::default(),
        };
        let mut pods = vec![blank; starts[n]];
        let mut next = starts[..n].to_vec();
        let mut elsewhere: Vec<(&str, DaemonPod<'_>)> = Vec::new();
        for s in &self.pods {
            let Some((place, f)) = &s.daemon else {
                continue;
            };
            let pod = DaemonPod {
                name: &s.name,
                phase: &f.phase,
                updated: f.updated,
                ready: f.ready,
                available: f.ready
                    && (min_ready == 0
                        || f.ready_since
                            .is_some_and(|t| t.0 + min_ready * 1_000 < now.0)),
                terminating: f.terminating,
                scheduled: f.scheduled,
                created: f.created,
            };
            match place {
                Place::Verdict(i) => {
                    pods[next[*i]] = pod;
                    next[*i] += 1;
                }
                Place::Elsewhere(node) => elsewhere.push((node, pod)),
            }
        }
        crate::sort::sort_by(&mut elsewhere, |a, b| a.0.cmp(b.0));
        let mut others: Vec<(&str, Range<usize>)> = Vec::new();
        for (node, pod) in elsewhere {
            match others.last_mut() {
                Some((last, range)) if *last == node => range.end += 1,
                _ => others.push((node, pods.len()..pods.len() + 1)),
            }
            pods.push(pod);
        }
        ByNode {
            verdicts: &self.verdicts,
            pods,
            starts,
            elsewhere: others,
        }
    }
}

/// What a pod is viewed against.
struct Fresh<'f> {
    uid: &'f str,
    hash: &'f str,
    generation: Option<&'f str>,
    verdicts: &'f [(String, Placement)],
}

impl Fresh<'_> {
    fn see(&self, o: &Rc<Object>) -> Seen {
        let daemon = o
            .as_pod()
            .filter(|p| {
                p.metadata
                    .controller_ref()
                    .is_some_and(|r| r.uid == self.uid)
            })
            .filter(|p| !(p.metadata.is_terminating() && p.is_terminal()))
            .and_then(|p| Some((self.place(target_node(p)?), self.facts(p))));
        Seen {
            obj: Rc::clone(o),
            name: Rc::from(o.meta().name.as_str()),
            daemon,
        }
    }

    fn place(&self, node: &str) -> Place {
        match self
            .verdicts
            .binary_search_by(|(n, _)| n.as_str().cmp(node))
        {
            Ok(i) => Place::Verdict(i),
            Err(_) => Place::Elsewhere(Rc::from(node)),
        }
    }

    fn facts(&self, pod: &Pod) -> Facts {
        let labels = &pod.metadata.labels;
        let updated = labels.get(REVISION_HASH).map(String::as_str) == Some(self.hash)
            || self
                .generation
                .is_some_and(|g| labels.get(TEMPLATE_GENERATION).map(String::as_str) == Some(g));
        let ready = pod.condition("Ready").filter(|c| c.status == "True");
        Facts {
            phase: Rc::from(pod.phase()),
            updated,
            ready: ready.is_some(),
            ready_since: ready.and_then(|c| c.last_transition_time),
            terminating: pod.metadata.is_terminating(),
            scheduled: pod.node_name().is_some(),
            created: pod.metadata.creation_timestamp.unwrap_or_default(),
        }
    }
}

/// A DaemonSet's daemon pods grouped by node: those of each node with a verdict, then those
/// of nodes without one.
#[derive(Debug, PartialEq, Eq)]
pub struct ByNode<'a> {
    verdicts: &'a [(String, Placement)],
    pods: Vec<DaemonPod<'a>>,
    /// The pods of verdict `i` are `pods[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
    /// Nodes without a verdict that have daemon pods, in name order, with their pods' range.
    elsewhere: Vec<(&'a str, Range<usize>)>,
}

impl<'a> ByNode<'a> {
    /// The node verdicts, in node-name order.
    pub fn verdicts(&self) -> &'a [(String, Placement)] {
        self.verdicts
    }

    /// Each node's verdict with its daemon pods, in node-name order.
    pub fn per_node(
        &self,
    ) -> impl Iterator<Item = (&'a String, &'a Placement, &[DaemonPod<'a>])> + '_ {
        self.verdicts
            .iter()
            .zip(self.starts.windows(2))
            .map(|((node, placement), w)| (node, placement, &self.pods[w[0]..w[1]]))
    }

    /// Nodes without a verdict (no longer in the node list) that have daemon pods, in name
    /// order.
    pub fn elsewhere(&self) -> impl Iterator<Item = (&'a str, &[DaemonPod<'a>])> + '_ {
        self.elsewhere
            .iter()
            .map(|(node, range)| (*node, &self.pods[range.clone()]))
    }

    /// Every node that has daemon pods, in node-name order, with its verdict if it has one.
    pub fn with_pods(&self) -> Vec<(&'a str, Option<&'a Placement>, &[DaemonPod<'a>])> {
        let mut out = Vec::new();
        let mut others = self.elsewhere().peekable();
        for (node, placement, pods) in self.per_node().filter(|(_, _, p)| !p.is_empty()) {
            while let Some((n, p)) = others.next_if(|(n, _)| *n < node.as_str()) {
                out.push((n, None, p));
            }
            out.push((node.as_str(), Some(placement), pods));
        }
        out.extend(others.map(|(n, p)| (n, None, p)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controllers::daemonset::placement::Judge;
    use crate::engine::Sim;

    /// The DaemonSet running `image`, as YAML indented by `indent` spaces.
    fn daemonset(image: &str, indent: usize) -> String {
        let text = format!(
            "apiVersion: apps/v1
kind: DaemonSet
metadata: {{name: agent}}
spec:
  selector: {{matchLabels: {{app: agent}}}}
  minReadySeconds: 3
  updateStrategy: {{rollingUpdate: {{maxUnavailable: 2}}}}
  template:
    metadata: {{labels: {{app: agent}}}}
    spec:
      nodeSelector: {{pool: main}}
      containers: [{{name: a, image: \"{image}\", command: [sleep, \"1000\"]}}]
"
        );
        text.lines()
            .map(|l| format!("{}{l}\n", " ".repeat(indent)))
            .collect()
    }

    /// A rolling update with minReadySeconds over nodes that come, go and change, with a pod
    /// of another owner in the namespace and daemon pods that fail.
    fn run_text() -> String {
        format!(
            r#"name: listing
cluster: {{nodes: 4}}
manifests: |
{}  ---
  apiVersion: v1
  kind: Pod
  metadata: {{name: lone}}
  spec:
    containers: [{{name: c, image: busybox, command: [sleep, "1000"]}}]
steps:
  - {{at: 1s, setNode: {{name: node-1, labels: {{pool: main}}}}}}
  - {{at: 2s, setNode: {{name: node-2, labels: {{pool: main}}}}}}
  - {{at: 3s, setNode: {{name: node-3, labels: {{pool: main}}}}}}
  - {{at: 20s, failPod: {{selector: app=agent, count: 1, exitCode: 1}}}}
  - {{at: 30s, addNode: {{name: node-0, labels: {{pool: main}}}}}}
  - at: 40s
    apply: |
{}  - {{at: 45s, setNode: {{name: node-2, labels: {{pool: other}}}}}}
  - {{at: 50s, removeNode: node-3}}
until: 2m
"#,
            daemonset("agent:1", 2),
            daemonset("agent:2", 6)
        )
    }

    /// The DaemonSet's newest revision hash.
    fn newest_hash(w: &Cluster, uid: &str) -> String {
        w.store
            .list(Kind::ControllerRevision)
            .filter_map(Object::as_revision)
            .filter(|r| r.metadata.controller_ref().is_some_and(|o| o.uid == uid))
            .max_by_key(|r| r.revision)
            .and_then(|r| r.metadata.labels.get(REVISION_HASH).cloned())
            .unwrap_or_default()
    }

    /// A listing refreshed after every event (keeping the views of pods not written since)
    /// groups the daemon pods as a listing made from nothing does, at every event.
    #[test]
    fn a_kept_listing_should_see_what_a_new_one_sees_at_every_event() {
        let scenario = crate::scenario::parse(&run_text()).expect("scenario parses");
        let mut sim = Sim::headless(scenario);
        let mut kept = Listing::default();
        let mut verdicts: Rc<[(String, Placement)]> = Rc::from(Vec::new());
        let (mut reused, mut compared, mut elsewhere) = (0, 0, 0);
        while sim.step_before(sim.scenario().until) {
            let w = sim.world();
            let Some(ds) = w
                .store
                .get(Kind::DaemonSet, "default", "agent")
                .and_then(Object::as_daemonset)
            else {
                continue;
            };
            let judge = Judge::new(&ds.spec.template.spec);
            let now: Vec<(String, Placement)> = w
                .store
                .list(Kind::Node)
                .filter_map(Object::as_node)
                .map(|n| (n.metadata.name.clone(), judge.verdict(n)))
                .collect();
            if *verdicts != *now {
                verdicts = Rc::from(now);
            }
            let hash = newest_hash(w, ds.metadata.uid());
            let before: Vec<*const Object> = kept.pods.iter().map(|s| Rc::as_ptr(&s.obj)).collect();
            kept = kept.refresh(w, ds, &hash, &verdicts);
            reused += kept
                .pods
                .iter()
                .filter(|s| before.contains(&Rc::as_ptr(&s.obj)))
                .count();
            let fresh = Listing::default().refresh(w, ds, &hash, &verdicts);
            let (a, b) = (
                kept.by_node(3, w.wall_now()),
                fresh.by_node(3, w.wall_now()),
            );
            assert_eq!(a, b, "at {:?}", w.now);
            assert_eq!(a.with_pods(), b.with_pods());
            elsewhere += a.elsewhere().count();
            compared += 1;
        }
        assert!(compared > 100, "{compared} events compared");
        assert!(reused > 200, "{reused} views reused");
        assert!(elsewhere > 0, "pods on a node that left were seen");
    }
}
