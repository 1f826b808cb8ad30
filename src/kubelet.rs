//! The kubelet on each node: registers its Node, admits pods bound to it, pulls images, runs
//! containers as their commands say, restarts them with the crash-loop back-off, enforces
//! `activeDeadlineSeconds`, and terminates pods with their grace period.

pub mod probe;
pub mod process;
pub mod status;

pub use status::{ready_condition, KUBELET_VERSION};

use crate::api::{self, record_event, DeleteOptions, EventTarget, WatchEvent};
use crate::cluster::{Client, Cluster, Event, Informer, Schedule};
use crate::model::lease::{
    Lease, NODE_LEASE_DURATION_S, NODE_LEASE_NAMESPACE, NODE_LEASE_RENEW_MS,
};
use crate::model::pod::{ContainerStatus, PodStatus};
use crate::model::pod::{Ip, StateRunning, StateTerminated, StateWaiting};
use crate::model::{Container, ContainerState, Kind, Node, Object, OwnerReference, Pod};
use crate::sim::trace::WatchType;
use crate::sim::{format_duration, Actor, SimTime, Update};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// How often a pod worker re-syncs a pod whose last sync failed (e.g. in back-off).
pub const POD_WORKER_BACKOFF_MS: u64 = 10_000;
/// The kubelet's crash-loop back-off: 10 s, doubling, capped at 5 minutes.
pub const BACKOFF_INITIAL_MS: u64 = 10_000;
/// The cap of the crash-loop back-off.
pub const BACKOFF_MAX_MS: u64 = 300_000;

/// What a kubelet does next with a pod.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KubeletAction {
    /// Look at the pod (new, changed or being deleted).
    Sync,
    /// The image is pulled: create and start the containers.
    StartContainers,
    /// A container's process exits.
    ContainerExit {
        /// Container index.
        container: usize,
        /// Run generation (stale timers are ignored).
        generation: u32,
    },
    /// A crash-loop back-off ends.
    BackOffEnd {
        /// Container index.
        container: usize,
        /// Run generation.
        generation: u32,
    },
    /// The pod worker re-syncs a pod whose container waits in back-off (every 10 s).
    BackOffResync {
        /// Container index.
        container: usize,
        /// Run generation.
        generation: u32,
    },
    /// The readiness probe's first success (after its successThreshold).
    ProbeReady {
        /// Container index.
        container: usize,
        /// Run generation.
        generation: u32,
    },
    /// An image pull failed a while ago: the next sync finds it in back-off
    /// (ImagePullBackOff).
    PullBackOff {
        /// Failed pulls so far.
        attempt: u32,
    },
    /// The image pull back-off has passed: pull again.
    PullRetry {
        /// Failed pulls so far.
        attempt: u32,
    },
    /// The grace period after SIGTERM ends.
    KillDone,
    /// `activeDeadlineSeconds` elapsed.
    Deadline,
    /// The grace period of the sidecars stopped after the app containers ended is over.
    SidecarsKilled,
    /// The next init container (or, after the last, the app containers) starts: the kubelet
    /// noticed the previous one finish (or a sidecar start) at its next relist.
    StartNext {
        /// The slot to start.
        slot: usize,
    },
}

/// The node agents, by node name. Each agent sits behind its own `Rc`: a checkpoint of the
/// world copies pointers, and an agent is copied only when one a checkpoint shares changes.
#[derive(Clone, Debug, Default)]
pub struct Kubelets(BTreeMap<String, Rc<NodeAgent>>);

impl Kubelets {
    /// The agent of `node`.
    pub fn get(&self, node: &str) -> Option<&NodeAgent> {
        self.0.get(node).map(|a| &**a)
    }

    /// The agent of `node`, to change (copied first if a checkpoint shares it).
    pub fn get_mut(&mut self, node: &str) -> Option<&mut NodeAgent> {
        self.0.get_mut(node).map(Rc::make_mut)
    }

    /// Whether `node` has an agent.
    pub fn contains_key(&self, node: &str) -> bool {
        self.0.contains_key(node)
    }

    /// Removes the agent of `node`.
    pub fn remove(&mut self, node: &str) {
        self.0.remove(node);
    }

    /// Adds (or replaces) the agent of `node`.
    pub fn insert(&mut self, node: String, agent: NodeAgent) {
        self.0.insert(node, Rc::new(agent));
    }

    /// The agents, in node-name order.
    pub fn values(&self) -> impl Iterator<Item = &NodeAgent> {
        self.0.values().map(|a| &**a)
    }

    /// The agents with their node names, in node-name order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &NodeAgent)> {
        self.0.iter().map(|(n, a)| (n, &**a))
    }
}

impl std::ops::Index<&str> for Kubelets {
    type Output = NodeAgent;

    fn index(&self, node: &str) -> &NodeAgent {
        &self.0[node]
    }
}

/// The kubelet of one node.
#[derive(Clone, Debug, Default)]
pub struct NodeAgent {
    /// Ordinal of the node (addresses).
    pub index: u32,
    /// Pods it runs, by uid. Each sits behind its own `Rc`, so copying an agent that a
    /// checkpoint shares (on its next change) copies pointers, not every pod the node has run.
    pub pods: BTreeMap<Rc<str>, Rc<PodRuntime>>,
    /// Images pulled on this node.
    pub images: BTreeSet<String>,
    /// Last pod IP handed out.
    pub last_ip: u32,
    /// Actions held while the node is not Ready.
    pub deferred: Vec<(String, String, String, KubeletAction)>,
    /// Since when the kubelet has renewed its Lease every 10 s (None while it reports
    /// nothing). The renewals are not stored one by one: [`refresh_leases`] writes the latest
    /// into the worlds that are shown.
    pub lease_since: Option<SimTime>,
}

/// The kubelet's memory of one pod.
#[derive(Clone, Debug, Default)]
pub struct PodRuntime {
    /// Per container.
    pub containers: Vec<ContainerRuntime>,
    /// Termination has begun.
    pub terminating: bool,
    /// Termination is done: the pod has its final status and was deleted for good.
    pub finished: bool,
    /// Containers have been started once.
    pub started: bool,
    /// When the kubelet took the pod (its prober workers tick from here).
    pub admitted: SimTime,
    /// The files in the pod's `emptyDir` volumes, shared by its containers.
    pub volumes: process::Volumes,
    /// The app containers have ended for good and the sidecars are being stopped.
    pub stopping_sidecars: bool,
}

/// The kubelet's memory of one container.
#[derive(Clone, Debug, Default)]
pub struct ContainerRuntime {
    /// Increments on every (re)start; timers carry it.
    pub generation: u32,
    /// Crash back-off: current delay and when it was last updated (the finish time).
    pub backoff: Option<(u64, SimTime)>,
    /// Whether the process is running now.
    pub running: bool,
    /// When the current crash back-off ends.
    pub backoff_until: Option<SimTime>,
    /// The exit code of the current run, read from its program when it started.
    pub exit_code: i32,
    /// The files the current run writes to the pod's volumes, kept when it exits.
    pub writes: process::Volumes,
}

/// Who a node's kubelet writes as.
pub fn actor(node: &str) -> Actor {
    Actor::Kubelet(node.to_string())
}

/// The node's IP address.
pub fn node_ip(index: u32) -> String {
    format!("10.0.0.{}", index + 2)
}

/// Registers a node: the kubelet creates its Node object and starts watching pods bound to it.
pub fn register(c: &mut Cluster, mut node: Node, ready: bool) -> Result<(), api::ApiError> {
    let name = node.metadata.name.clone();
    let index = c.kubelets.values().map(|a| a.index + 1).max().unwrap_or(0);
    let w = &mut c.client(actor(&name));
    status::init_node(&mut node, index, ready, w.wall_now());
    let node = api::create(w, Object::Node(Box::new(node)))?;
    let now = w.now;
    w.kubelets.insert(
        name.clone(),
        NodeAgent {
            index,
            lease_since: ready.then_some(now),
            ..NodeAgent::default()
        },
    );
    // The node's heartbeat: a Lease in kube-node-lease, owned by the Node, renewed every 10 s.
    let mut lease = Lease {
        api_version: "coordination.k8s.io/v1".into(),
        kind: "Lease".into(),
        ..Lease::default()
    };
    lease.metadata.name = name.clone();
    lease.metadata.namespace = Some(NODE_LEASE_NAMESPACE.into());
    lease.metadata.owner_references = vec![OwnerReference {
        api_version: "v1".into(),
        kind: "Node".into(),
        name: name.clone(),
        uid: node.meta().uid().to_string(),
        controller: None,
        block_owner_deletion: None,
    }];
    lease.spec.holder_identity = name.clone();
    lease.spec.lease_duration_seconds = Some(NODE_LEASE_DURATION_S);
    lease.spec.renew_time = Some(w.wall_now());
    api::create(w, Object::Lease(Box::new(lease)))?;
    Ok(())
}

/// The last renewal at or before `now` of a kubelet renewing since `since`.
fn last_renewal(since: SimTime, now: SimTime) -> SimTime {
    let elapsed = now.0.saturating_sub(since.0);
    SimTime(since.0 + elapsed / NODE_LEASE_RENEW_MS * NODE_LEASE_RENEW_MS)
}

/// Writes a renewal into the store: when the kubelet starts renewing again, or its last one
/// when it stops.
pub fn write_renewal(c: &mut Cluster, node: &str, at: SimTime) {
    let w = &mut c.client(actor(node));
    let when = w.wall(at);
    let _ = api::mutate(
        w,
        Kind::Lease,
        NODE_LEASE_NAMESPACE,
        node,
        Update::LeaseRenewed,
        |o| {
            if let Object::Lease(l) = o {
                l.spec.renew_time = Some(when);
            }
        },
    );
}

/// The renewals due in a world about to be shown: each renewing kubelet's latest at or before
/// `now`. A real kubelet writes its Lease every 10 s; stored one by one, those writes would
/// outnumber everything else in a long run, so the engine writes only the latest renewal time
/// into the worlds it shows (taking no resourceVersion for them).
pub fn due_renewals(kubelets: &Kubelets, now: SimTime) -> Vec<(String, SimTime)> {
    kubelets
        .iter()
        .filter_map(|(n, a)| Some((n.clone(), last_renewal(a.lease_since?, now))))
        .collect()
}

/// The node's Lease with its renewal time set to `when`, if that changes it.
pub fn renewed_lease(
    store: &crate::api::Store,
    node: &str,
    when: crate::model::Time,
) -> Option<Object> {
    let Some(Object::Lease(lease)) = store.get(Kind::Lease, NODE_LEASE_NAMESPACE, node) else {
        return None;
    };
    if lease.spec.renew_time == Some(when) {
        return None;
    }
    let mut lease = lease.clone();
    lease.spec.renew_time = Some(when);
    Some(Object::Lease(lease))
}

/// Informer hook: queue work for the kubelet that runs the pod in a watch event.
pub fn on_watch(w: &mut Informer<'_>, kubelets: &mut Kubelets, ev: &WatchEvent) {
    let cause = ev.cause();
    match &*ev.object {
        Object::Pod(pod) => {
            let Some(node) = pod.node_name() else { return };
            let uid = pod.metadata.uid();
            // Read first: an agent a checkpoint shares is copied only when it changes.
            let Some(agent) = kubelets.get(node) else {
                return;
            };
            if ev.ty == WatchType::Deleted {
                if agent.pods.contains_key(uid) {
                    kubelets.get_mut(node).map(|a| a.pods.remove(uid));
                }
                return;
            }
            let known = agent.pods.get(uid);
            let wants_sync = match known {
                None => !pod.is_terminal() || pod.metadata.is_terminating(),
                Some(rt) => pod.metadata.is_terminating() && !rt.terminating,
            };
            if wants_sync {
                let ev = Event::Kubelet {
                    node: node.to_string(),
                    namespace: pod.metadata.ns().to_string(),
                    pod: pod.metadata.name.clone(),
                    uid: uid.to_string(),
                    action: KubeletAction::Sync,
                };
                w.schedule_once(w.now, ev, cause);
            }
        }
        Object::Node(node) => {
            let name = &node.metadata.name;
            if ev.ty == WatchType::Deleted {
                kubelets.remove(name);
                return;
            }
            let was_ready = ev
                .old
                .as_deref()
                .and_then(Object::as_node)
                .is_some_and(Node::is_ready);
            let became_ready = node.is_ready() && !was_ready;
            // A kubelet that stops reporting stops renewing its Lease: the last renewal is
            // written; one that comes back renews at once and every 10 s from then.
            let changes = became_ready || (was_ready && !node.is_ready());
            let agent = if changes {
                kubelets.get_mut(name)
            } else {
                None
            };
            if let Some(agent) = agent {
                if became_ready {
                    agent.lease_since = Some(w.now);
                    w.schedule_once(
                        w.now,
                        Event::LeaseRenewal {
                            node: name.clone(),
                            at: w.now,
                        },
                        cause.clone(),
                    );
                } else if was_ready && !node.is_ready() {
                    if let Some(since) = agent.lease_since.take() {
                        let last = last_renewal(since, w.now);
                        w.schedule_once(
                            w.now,
                            Event::LeaseRenewal {
                                node: name.clone(),
                                at: last,
                            },
                            cause.clone(),
                        );
                    }
                }
            }
            if became_ready {
                let deferred = kubelets
                    .get_mut(name)
                    .map(|a| std::mem::take(&mut a.deferred))
                    .unwrap_or_default();
                for (namespace, pod, uid, action) in deferred {
                    let e = Event::Kubelet {
                        node: name.clone(),
                        namespace,
                        pod,
                        uid,
                        action,
                    };
                    w.schedule_because(w.now, e, cause.clone());
                }
            }
        }
        _ => {}
    }
}

/// Runs one kubelet action.
pub fn handle(
    c: &mut Cluster,
    node: &str,
    pod_key: (&str, &str),
    uid: &str,
    action: KubeletAction,
) {
    let (namespace, pod_name) = pod_key;
    let w = &mut c.client(actor(node));
    if !w.kubelets.contains_key(node) {
        return;
    }
    let Some(pod_obj) = w
        .store
        .get_shared(Kind::Pod, namespace, pod_name)
        .filter(|p| p.meta().uid() == uid)
    else {
        return;
    };
    let Some(pod) = pod_obj.as_pod() else { return };
    if !api::node(w, node).is_some_and(Node::is_ready) {
        // A NotReady kubelet reports nothing; it picks the work up when Ready again.
        if let Some(agent) = w.kubelets.get_mut(node) {
            agent.deferred.push((
                namespace.to_string(),
                pod_name.to_string(),
                uid.to_string(),
                action,
            ));
        }
        return;
    }
    match action {
        KubeletAction::Sync => sync_pod(w, node, pod),
        KubeletAction::StartContainers => start_containers(w, node, pod),
        KubeletAction::PullBackOff { attempt } => pull_back_off(w, node, pod, attempt),
        KubeletAction::PullRetry { attempt } => pull_retry(w, node, pod, attempt),
        KubeletAction::ContainerExit {
            container,
            generation,
        } => container_exit(w, node, pod, container, generation, None),
        KubeletAction::BackOffEnd {
            container,
            generation,
        } => {
            // A terminating pod's containers are never started again.
            let rt = runtime(w, node, uid);
            if !rt.is_some_and(|rt| rt.terminating)
                && rt
                    .and_then(|rt| rt.containers.get(container))
                    .is_some_and(|c| c.generation == generation && !c.running)
            {
                restart_container(w, node, pod, container);
            }
        }
        KubeletAction::BackOffResync {
            container,
            generation,
        } => backoff_resync(w, node, pod, container, generation),
        KubeletAction::ProbeReady {
            container,
            generation,
        } => probe_ready(w, node, pod, container, generation),
        // The grace period's end, unless every container already ended by itself.
        KubeletAction::KillDone => {
            if !runtime(w, node, uid).is_some_and(|rt| rt.finished) {
                finish_termination(w, node, pod)
            }
        }
        KubeletAction::Deadline => deadline_exceeded(w, node, pod),
        KubeletAction::SidecarsKilled => sidecars_killed(w, node, pod),
        KubeletAction::StartNext { slot } => {
            if !runtime(w, node, uid).is_none_or(|rt| rt.terminating) && !pod.is_terminal() {
                start_init(w, node, pod, slot);
            }
        }
    }
}

/// Indexes of the pod's containers whose process is running.
/// The container in slot `s`: the kubelet keeps one runtime entry per container, the init
/// containers first, then the app containers.
fn spec_at(pod: &Pod, s: usize) -> &Container {
    let n = pod.spec.init_containers.len();
    if s < n {
        &pod.spec.init_containers[s]
    } else {
        &pod.spec.containers[s - n]
    }
}

/// The status of the container in slot `s`.
fn status_at(pod: &Pod, s: usize) -> Option<&ContainerStatus> {
    let n = pod.spec.init_containers.len();
    let st = pod.status.as_ref()?;
    if s < n {
        st.init_container_statuses.get(s)
    } else {
        st.container_statuses.get(s - n)
    }
}

/// The status of the container in slot `s`, to change it (`n_init` init containers).
fn status_at_mut(st: &mut PodStatus, n_init: usize, s: usize) -> Option<&mut ContainerStatus> {
    if s < n_init {
        st.init_container_statuses.get_mut(s)
    } else {
        st.container_statuses.get_mut(s - n_init)
    }
}

/// Whether slot `s` holds an init container that is not a sidecar.
fn regular_init(pod: &Pod, s: usize) -> bool {
    s < pod.spec.init_containers.len() && !is_sidecar(spec_at(pod, s))
}

/// A sidecar: an init container with `restartPolicy: Always`.
fn is_sidecar(c: &Container) -> bool {
    c.restart_policy.as_deref() == Some("Always")
}

fn running_containers(w: &Cluster, node: &str, uid: &str) -> Vec<usize> {
    runtime(w, node, uid)
        .map(|rt| {
            rt.containers
                .iter()
                .enumerate()
                .filter(|(_, c)| c.running)
                .map(|(i, _)| i)
                .collect()
        })
        .unwrap_or_default()
}

/// The pod as the kubelet names it in messages: `name_namespace(uid)`.
fn pod_ref(pod: &Pod) -> String {
    format!(
        "{}_{}({})",
        pod.metadata.name,
        pod.metadata.ns(),
        pod.metadata.uid()
    )
}

fn runtime<'w>(w: &'w Cluster, node: &str, uid: &str) -> Option<&'w PodRuntime> {
    w.kubelets.get(node)?.pods.get(uid).map(|rt| &**rt)
}

fn runtime_mut<'w>(w: &'w mut Client<'_>, node: &str, uid: &str) -> Option<&'w mut PodRuntime> {
    w.kubelets
        .get_mut(node)?
        .pods
        .get_mut(uid)
        .map(Rc::make_mut)
}

fn target(pod: &Pod) -> EventTarget {
    EventTarget::of_meta(Kind::Pod, &pod.metadata)
}

fn event(
    w: &mut Client<'_>,
    node: &str,
    target: EventTarget,
    type_: &str,
    reason: &str,
    message: &str,
) {
    record_event(w, target, type_, reason, message, "kubelet", node);
}

fn schedule(w: &mut Client<'_>, at: SimTime, node: &str, pod: &Pod, action: KubeletAction) {
    let e = Event::Kubelet {
        node: node.to_string(),
        namespace: pod.metadata.ns().to_string(),
        pod: pod.metadata.name.clone(),
        uid: pod.metadata.uid().to_string(),
        action,
    };
    w.schedule(at, e);
}

fn sync_pod(w: &mut Client<'_>, node: &str, pod: &Pod) {
    let uid = pod.metadata.uid().to_string();
    let known = runtime(w, node, &uid).is_some();
    if pod.metadata.is_terminating() {
        if !known {
            // Never started here: nothing to stop.
            w.kubelets
                .get_mut(node)
                .map(|a| a.pods.insert(Rc::from(uid.as_str()), Rc::default()));
        }
        begin_termination(w, node, pod);
        return;
    }
    if known || pod.is_terminal() {
        return;
    }
    admit(w, node, pod);
}

fn admit(w: &mut Client<'_>, node: &str, pod: &Pod) {
    let uid = pod.metadata.uid().to_string();
    let now = w.wall_now();
    let index = w.kubelets[node].index;
    let n_init = pod.spec.init_containers.len();
    let containers = vec![ContainerRuntime::default(); n_init + pod.spec.containers.len()];
    let admitted = w.now;
    w.kubelets.get_mut(node).map(|a| {
        a.pods.insert(
            Rc::from(uid),
            Rc::new(PodRuntime {
                containers,
                admitted,
                ..PodRuntime::default()
            }),
        )
    });
    let updated = api::mutate_pod(
        w,
        pod.metadata.ns(),
        &pod.metadata.name,
        Update::Phase {
            phase: "Pending".into(),
            detail: Some("ContainerCreating".into()),
        },
        |p| {
            let st = p.status.get_or_insert_with(Default::default);
            st.phase = "Pending".into();
            st.host_ip = Some(node_ip(index));
            st.host_ips = vec![Ip { ip: node_ip(index) }];
            st.start_time = Some(now);
            st.qos_class = Some("BestEffort".into());
            // Containers not yet created wait in ContainerCreating, or in PodInitializing when
            // the pod has init containers (the kubelet's defaultWaitingState).
            let waiting = if n_init > 0 {
                "PodInitializing"
            } else {
                "ContainerCreating"
            };
            let fresh = |c: &Container| ContainerStatus {
                name: c.name.clone(),
                state: ContainerState {
                    waiting: Some(StateWaiting {
                        reason: waiting.into(),
                        message: None,
                    }),
                    ..Default::default()
                },
                image: c.image.clone(),
                started: Some(false),
                ..Default::default()
            };
            st.init_container_statuses = p.spec.init_containers.iter().map(fresh).collect();
            st.container_statuses = p.spec.containers.iter().map(fresh).collect();
            status::refresh_conditions(p, now);
        },
    );
    let Ok(updated) = updated else { return };
    let Some(pod) = updated.as_pod() else { return };
    // Pulls happen before containers start; an IfNotPresent image already on the node is reused.
    // A pod with init containers pulls each image when that container is about to start.
    for c in pod.spec.containers.iter().filter(|_| n_init == 0) {
        let present = w.kubelets[node].images.contains(&c.image);
        if c.image_pull_policy.as_deref() == Some("Always") || !present {
            event(
                w,
                node,
                target(pod).container(&pod.spec, &c.name),
                "Normal",
                "Pulling",
                &format!("Pulling image {:?}", c.image),
            );
        }
    }
    let start = w.now.plus_ms(w.kubelet_config.start_ms);
    schedule(w, start, node, pod, KubeletAction::StartContainers);
    if let Some(ads) = pod.spec.active_deadline_seconds {
        schedule(
            w,
            w.now.plus_secs(ads.max(0) as u64),
            node,
            pod,
            KubeletAction::Deadline,
        );
    }
}

fn start_containers(w: &mut Client<'_>, node: &str, pod: &Pod) {
    let uid = pod.metadata.uid().to_string();
    if runtime(w, node, &uid).is_none_or(|rt| rt.terminating || rt.started) {
        return;
    }
    let invalid: Vec<(String, String)> = pod
        .spec
        .init_containers
        .iter()
        .chain(pod.spec.containers.iter())
        .filter_map(|c| invalid_image(&c.image).map(|e| (c.name.clone(), e)))
        .collect();
    if !invalid.is_empty() {
        invalid_image_name(w, node, pod, &invalid);
        return;
    }
    let bad: Vec<String> = unpullable(w, node, pod)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let every = pod.spec.containers.iter().all(|c| bad.contains(&c.name));
    if !bad.is_empty() && (every || !pod.spec.init_containers.is_empty()) {
        pull_failed(w, node, pod, 0);
        return;
    }
    if !pod.spec.init_containers.is_empty() {
        start_with_init(w, node, pod);
        return;
    }
    // The containers whose image is there start; the others wait for theirs (the pod stays
    // Pending while one waits, as the kubelet's getPhase says).
    for c in pod
        .spec
        .containers
        .iter()
        .filter(|c| !bad.contains(&c.name))
    {
        pulled(w, node, pod, c, false);
    }
    let pod_ip = sandbox(w, node, &uid);
    let Some(started) = start_app_containers(w, node, pod, Some(pod_ip), false, &bad) else {
        return;
    };
    if !bad.is_empty() {
        pull_failed(w, node, &started, 0);
    }
}

/// The Pulled event of a container about to start (`pulling`: a Pulling event first).
fn pulled(w: &mut Client<'_>, node: &str, pod: &Pod, c: &Container, pulling: bool) {
    let pull_ms = w.kubelet_config.start_ms * 4 / 5;
    let t = target(pod).container(&pod.spec, &c.name);
    let Some(agent) = w.kubelets.get(node) else {
        return;
    };
    let present = agent.images.contains(&c.image);
    let pull = c.image_pull_policy.as_deref() == Some("Always") || !present;
    let msg = if pull {
        if !present {
            w.kubelets
                .get_mut(node)
                .map(|a| a.images.insert(c.image.clone()));
        }
        let d = format_duration(pull_ms);
        format!(
            "Successfully pulled image {:?} in {d} ({d} including waiting). Image size: {} bytes.",
            c.image,
            status::image_size(&c.image)
        )
    } else {
        format!("Container image {:?} already present on machine", c.image)
    };
    if pull && pulling {
        let pulling = format!("Pulling image {:?}", c.image);
        event(w, node, t.clone(), "Normal", "Pulling", &pulling);
    }
    event(w, node, t, "Normal", "Pulled", &msg);
}

/// The pod's sandbox: its IP, and the mark that its containers have been started.
fn sandbox(w: &mut Client<'_>, node: &str, uid: &str) -> String {
    let agent = w.kubelets.get_mut(node).expect("the kubelet runs the pod");
    agent.last_ip += 1;
    let pod_ip = format!("10.244.{}.{}", agent.index, agent.last_ip % 250 + 2);
    if let Some(rt) = agent.pods.get_mut(uid) {
        Rc::make_mut(rt).started = true;
    }
    pod_ip
}

/// A pod with init containers: the sandbox gets its IP, then the init containers start one
/// after another (the pod stays Pending until they are done).
fn start_with_init(w: &mut Client<'_>, node: &str, pod: &Pod) {
    let uid = pod.metadata.uid().to_string();
    let pod_ip = sandbox(w, node, &uid);
    let now = w.wall_now();
    let result = api::mutate_pod(
        w,
        pod.metadata.ns(),
        &pod.metadata.name,
        Update::Phase {
            phase: "Pending".into(),
            detail: Some("PodInitializing".into()),
        },
        |p| {
            let st = p.status.get_or_insert_with(Default::default);
            st.pod_ip = Some(pod_ip.clone());
            st.pod_ips = vec![Ip { ip: pod_ip }];
            status::refresh_conditions(p, now);
        },
    );
    let Ok(result) = result else { return };
    let Some(pod) = result.as_pod() else { return };
    start_init(w, node, pod, 0);
}

/// Starts init container `s`; a sidecar, once started, lets the next one start at once. After
/// the last, the app containers start.
fn start_init(w: &mut Client<'_>, node: &str, pod: &Pod, s: usize) {
    let n_init = pod.spec.init_containers.len();
    if s >= n_init {
        start_app_containers(w, node, pod, None, true, &[]);
        return;
    }
    let c = spec_at(pod, s).clone();
    pulled(w, node, pod, &c, true);
    let now = w.wall_now();
    let id = format!("containerd://{}", w.rng.hex(64));
    let sidecar = is_sidecar(&c);
    let ready = sidecar && probe::readiness(&c).is_none();
    let result = api::mutate_pod(
        w,
        pod.metadata.ns(),
        &pod.metadata.name,
        Update::InitContainerStarted {
            container: c.name.clone(),
            index: s,
            of: n_init,
        },
        |p| {
            let st = p.status.get_or_insert_with(Default::default);
            if let Some(cs) = status_at_mut(st, n_init, s) {
                cs.state = ContainerState {
                    running: Some(StateRunning {
                        started_at: Some(now),
                    }),
                    ..Default::default()
                };
                cs.ready = ready;
                cs.started = Some(true);
                cs.container_id = Some(id);
                cs.image = status::normalize_image(&cs.image);
                cs.image_id = status::image_id(&cs.image);
            }
            status::refresh_conditions(p, now);
        },
    );
    let Ok(result) = result else { return };
    let Some(pod) = result.as_pod() else { return };
    launch(w, node, pod, s);
    if sidecar {
        start_next(w, node, pod, s + 1);
    }
}

/// The kubelet's relist period: a container's start or exit is noticed this much later.
const RELIST_MS: u64 = 1_000;

/// Starts slot `s` once the kubelet has noticed the previous init container's end (or the
/// sidecar's start): until then the app containers wait in PodInitializing.
fn start_next(w: &mut Client<'_>, node: &str, pod: &Pod, s: usize) {
    let at = w.now.plus_ms(RELIST_MS);
    schedule(w, at, node, pod, KubeletAction::StartNext { slot: s });
}

/// The app containers start (all but those in `waiting`, whose image cannot be pulled) and the
/// pod is Running, or Pending while one waits. A pod without init containers gets its IP in
/// the same write; one with init containers pulls each image now (`pull`). Returns the pod as
/// written.
fn start_app_containers(
    w: &mut Client<'_>,
    node: &str,
    pod: &Pod,
    pod_ip: Option<String>,
    pull: bool,
    waiting: &[String],
) -> Option<Pod> {
    let n_init = pod.spec.init_containers.len();
    if pull {
        for c in pod.spec.containers.iter() {
            pulled(w, node, pod, c, true);
        }
    }
    let now = w.wall_now();
    let ids: Vec<Option<String>> = pod
        .spec
        .containers
        .iter()
        .map(|c| (!waiting.contains(&c.name)).then(|| format!("containerd://{}", w.rng.hex(64))))
        .collect();
    let phase = if waiting.is_empty() {
        "Running"
    } else {
        "Pending"
    };
    let result = api::mutate_pod(
        w,
        pod.metadata.ns(),
        &pod.metadata.name,
        Update::Phase {
            phase: phase.into(),
            detail: None,
        },
        |p| {
            let st = p.status.get_or_insert_with(Default::default);
            st.phase = phase.into();
            if let Some(ip) = pod_ip {
                st.pod_ip = Some(ip.clone());
                st.pod_ips = vec![Ip { ip }];
            }
            for (i, cs) in st.container_statuses.iter_mut().enumerate() {
                let Some(id) = ids[i].clone() else {
                    continue;
                };
                cs.state = ContainerState {
                    running: Some(StateRunning {
                        started_at: Some(now),
                    }),
                    ..Default::default()
                };
                cs.ready = ready_when_started(&p.spec.containers, i);
                cs.started = Some(true);
                cs.container_id = Some(id);
                cs.image = status::normalize_image(&cs.image);
                cs.image_id = status::image_id(&cs.image);
            }
            status::refresh_conditions(p, now);
        },
    );
    let pod = result.ok()?.as_pod()?.clone();
    for (i, c) in pod.spec.containers.iter().enumerate() {
        if waiting.contains(&c.name) {
            continue;
        }
        launch(w, node, &pod, n_init + i);
    }
    Some(pod)
}

/// Whether no registry serves `image`: it matches one of the scenario's `unavailableImages`
/// (`*` matches any run of characters; the image as written or fully qualified), or its name
/// says it does not exist (a path part or tag containing `non-existing`, `nonexistent`,
/// `does-not-exist` or `doesnotexist`, as in the docs' walkthroughs).
pub fn image_unavailable(patterns: &[String], image: &str) -> bool {
    let full = status::normalize_image(image);
    if patterns.iter().any(|p| glob(p, image) || glob(p, &full)) {
        return true;
    }
    let lower = image.to_ascii_lowercase();
    [
        "non-existing",
        "nonexistent",
        "does-not-exist",
        "doesnotexist",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// `*` matches any run of characters; everything else matches itself.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

/// The kubelet's message when an image reference does not parse (`applyDefaultImageTag` over
/// `reference.ParseNormalizedNamed`), or `None` for a valid one.
pub fn invalid_image(image: &str) -> Option<String> {
    let err = reference_error(image)?;
    Some(format!(
        "Failed to apply default image tag {image:?}: couldn't parse image name {image:?}: {err}"
    ))
}

fn reference_error(image: &str) -> Option<String> {
    let (name, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    // splitDockerDomain: a first part with '.' or ':' or 'localhost' names a registry.
    let (domain, remainder) = match name.split_once('/') {
        Some((d, r)) if d.contains(['.', ':']) || d == "localhost" => (Some(d), r.to_string()),
        Some(_) => (None, name.to_string()),
        None => (None, format!("library/{name}")),
    };
    let (remote, tag) = match remainder.rsplit_once(':') {
        Some((r, t)) if !t.contains('/') => (r.to_string(), Some(t)),
        _ => (remainder.clone(), None),
    };
    if remote.to_lowercase() != remote {
        return Some(format!(
            "invalid reference format: repository name ({remote}) must be lowercase"
        ));
    }
    let component = |c: &str| {
        !c.is_empty()
            && c.starts_with(|x: char| x.is_ascii_lowercase() || x.is_ascii_digit())
            && c.ends_with(|x: char| x.is_ascii_lowercase() || x.is_ascii_digit())
            && c.chars()
                .all(|x| x.is_ascii_lowercase() || x.is_ascii_digit() || "._-".contains(x))
    };
    let tag_ok = |t: &str| {
        (1..=128).contains(&t.len())
            && t.starts_with(|x: char| x.is_ascii_alphanumeric() || x == '_')
            && t.chars()
                .all(|x| x.is_ascii_alphanumeric() || "_.-".contains(x))
    };
    let domain_ok = domain.is_none_or(|d| {
        d.chars()
            .all(|x| x.is_ascii_alphanumeric() || ".-:[]".contains(x))
    });
    let digest_ok = digest.is_none_or(|d| {
        d.split_once(':')
            .is_some_and(|(a, h)| !a.is_empty() && h.len() >= 32)
    });
    let ok = domain_ok && remote.split('/').all(component) && tag.is_none_or(tag_ok) && digest_ok;
    (!ok).then(|| "invalid reference format".to_string())
}

/// An image reference that does not parse: the kubelet cannot even look for it. Each sync says
/// so again (InspectFailed); the pod stays Pending in InvalidImageName.
fn invalid_image_name(w: &mut Client<'_>, node: &str, pod: &Pod, invalid: &[(String, String)]) {
    for (name, msg) in invalid {
        let t = target(pod).container(&pod.spec, name);
        event(w, node, t.clone(), "Warning", "InspectFailed", msg);
        event(w, node, t, "Warning", "Failed", "Error: InvalidImageName");
    }
    set_waiting(w, pod, "InvalidImageName", invalid);
}

/// The image pull back-off: 10 s, doubling, capped at 5 minutes (the kubelet's image back-off
/// shares the container back-off's bounds).
fn pull_back_off_ms(attempt: u32) -> u64 {
    BACKOFF_INITIAL_MS
        .saturating_mul(1u64 << attempt.min(16))
        .min(BACKOFF_MAX_MS)
}

/// containerd's answer for a repository the registry does not have.
fn pull_error(image: &str) -> String {
    let full = status::normalize_image(image);
    format!("rpc error: code = Unknown desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed")
}

/// A pull of each unavailable image failed (`attempt` failures before): Failed events, the
/// containers wait in ErrImagePull, and the next sync (a second later) finds the back-off.
/// podlab starts none of the pod's containers while one of its images cannot be pulled.
fn pull_failed(w: &mut Client<'_>, node: &str, pod: &Pod, attempt: u32) {
    let bad = unpullable(w, node, pod);
    for (name, image) in &bad {
        let t = target(pod).container(&pod.spec, name);
        let msg = format!("Failed to pull image {image:?}: {}", pull_error(image));
        event(w, node, t.clone(), "Warning", "Failed", &msg);
        event(w, node, t, "Warning", "Failed", "Error: ErrImagePull");
    }
    let waits: Vec<(String, String)> = bad
        .iter()
        .map(|(n, i)| (n.clone(), pull_error(i)))
        .collect();
    set_waiting(w, pod, "ErrImagePull", &waits);
    schedule(
        w,
        w.now.plus_ms(1_000),
        node,
        pod,
        KubeletAction::PullBackOff {
            attempt: attempt + 1,
        },
    );
}

/// Containers waiting for the reason given, each with its message (container name, message).
fn set_waiting(w: &mut Client<'_>, pod: &Pod, reason: &str, waits: &[(String, String)]) {
    let _ = api::mutate_pod(
        w,
        pod.metadata.ns(),
        &pod.metadata.name,
        Update::Phase {
            phase: "Pending".into(),
            detail: Some(reason.into()),
        },
        |p| {
            let st = p.status.get_or_insert_with(Default::default);
            let statuses = st
                .init_container_statuses
                .iter_mut()
                .chain(st.container_statuses.iter_mut());
            for cs in statuses {
                if let Some((_, message)) = waits.iter().find(|(n, _)| *n == cs.name) {
                    cs.state = ContainerState {
                        waiting: Some(StateWaiting {
                            reason: reason.into(),
                            message: Some(message.clone()),
                        }),
                        ..Default::default()
                    };
                }
            }
        },
    );
}

/// The pod's containers whose image no registry serves and that the kubelet must pull (an
/// image already on the node is not pulled again unless the policy is Always): (container
/// name, image).
fn unpullable(w: &Client<'_>, node: &str, pod: &Pod) -> Vec<(String, String)> {
    let on_node = |c: &&Container| {
        c.image_pull_policy.as_deref() != Some("Always")
            && w.kubelets
                .get(node)
                .is_some_and(|a| a.images.contains(&c.image))
    };
    pod.spec
        .init_containers
        .iter()
        .chain(pod.spec.containers.iter())
        .filter(|c| !on_node(c))
        .filter(|c| image_unavailable(&w.kubelet_config.unavailable_images, &c.image))
        .map(|c| (c.name.clone(), c.image.clone()))
        .collect()
}

/// Whether the kubelet still tries to pull a pod's images (some container waits for its
/// image, and the pod is not being torn down).
fn still_pulling(w: &Client<'_>, node: &str, pod: &Pod) -> bool {
    let uid = pod.metadata.uid();
    runtime(w, node, uid).is_some_and(|rt| !rt.terminating)
        && !pod.is_terminal()
        && pod
            .status()
            .container_statuses
            .iter()
            .chain(pod.status().init_container_statuses.iter())
            .any(|cs| {
                cs.state.waiting.as_ref().is_some_and(|w| {
                    matches!(w.reason.as_str(), "ErrImagePull" | "ImagePullBackOff")
                })
            })
}

fn pull_back_off(w: &mut Client<'_>, node: &str, pod: &Pod, attempt: u32) {
    if !still_pulling(w, node, pod) {
        return;
    }
    let bad = unpullable(w, node, pod);
    for (name, image) in &bad {
        let t = target(pod).container(&pod.spec, name);
        let msg = format!("Back-off pulling image {image:?}");
        event(w, node, t.clone(), "Normal", "BackOff", &msg);
        event(w, node, t, "Warning", "Failed", "Error: ImagePullBackOff");
    }
    let waits: Vec<(String, String)> = bad
        .iter()
        .map(|(n, i)| (n.clone(), format!("Back-off pulling image {i:?}")))
        .collect();
    set_waiting(w, pod, "ImagePullBackOff", &waits);
    // The back-off started with the failed pull, a second before this sync.
    let retry = w
        .now
        .plus_ms(pull_back_off_ms(attempt - 1).saturating_sub(1_000));
    schedule(w, retry, node, pod, KubeletAction::PullRetry { attempt });
}

fn pull_retry(w: &mut Client<'_>, node: &str, pod: &Pod, attempt: u32) {
    if !still_pulling(w, node, pod) {
        return;
    }
    for (name, image) in unpullable(w, node, pod) {
        let t = target(pod).container(&pod.spec, &name);
        event(
            w,
            node,
            t,
            "Normal",
            "Pulling",
            &format!("Pulling image {image:?}"),
        );
    }
    pull_failed(w, node, pod, attempt);
}

/// Whether container `i` is ready as soon as it runs (it has no readiness probe).
fn ready_when_started(containers: &[crate::model::Container], i: usize) -> bool {
    containers.get(i).and_then(probe::readiness).is_none()
}

/// Marks the container in slot `i` running and schedules its exit as its program says.
fn run_container(w: &mut Client<'_>, node: &str, pod: &Pod, i: usize) {
    let c = spec_at(pod, i);
    let regular_init = regular_init(pod, i);
    let volumes = runtime(w, node, pod.metadata.uid())
        .map(|rt| rt.volumes.clone())
        .unwrap_or_default();
    let ctx = process::context(
        pod,
        c,
        &volumes,
        w.wall_now().0,
        w.kubelet_config.default_run_ms,
    );
    let run = process::run(pod, c, &ctx);
    let mut writes = process::Volumes::new();
    process::keep_writes(pod, c, &run, &mut writes);
    let Some(rt) = runtime_mut(w, node, pod.metadata.uid()) else {
        return;
    };
    let Some(crt) = rt.containers.get_mut(i) else {
        return;
    };
    crt.generation += 1;
    crt.running = true;
    crt.exit_code = run.exit_code;
    crt.writes = writes;
    let generation = crt.generation;
    let admitted = rt.admitted;
    if let Some(r) = probe::readiness(c).filter(|_| !regular_init) {
        let at = probe::ready_at(admitted, w.now, r);
        let action = KubeletAction::ProbeReady {
            container: i,
            generation,
        };
        schedule(w, at, node, pod, action);
    }
    if let Some(ms) = run.run_ms {
        schedule(
            w,
            w.now.plus_ms(ms),
            node,
            pod,
            KubeletAction::ContainerExit {
                container: i,
                generation,
            },
        );
    }
}

/// The readiness probe succeeded: the container (and perhaps the pod) becomes ready.
fn probe_ready(w: &mut Client<'_>, node: &str, pod: &Pod, i: usize, generation: u32) {
    let current = runtime(w, node, pod.metadata.uid())
        .filter(|rt| !rt.terminating)
        .and_then(|rt| rt.containers.get(i))
        .is_some_and(|c| c.running && c.generation == generation);
    if !current {
        return;
    }
    let now = w.wall_now();
    let container = spec_at(pod, i).name.clone();
    let n_init = pod.spec.init_containers.len();
    let _ = api::mutate_pod(
        w,
        pod.metadata.ns(),
        &pod.metadata.name,
        Update::ContainerReady { container },
        |p| {
            if let Some(cs) = p
                .status
                .as_mut()
                .and_then(|st| status_at_mut(st, n_init, i))
            {
                cs.ready = true;
            }
            status::refresh_conditions(p, now);
        },
    );
}

/// Makes the first running container of a pod exit now with `code` (a scenario's `failPod`).
/// Returns whether the pod had a running container.
pub fn fail_container(c: &mut Cluster, namespace: &str, pod_name: &str, code: i32) -> bool {
    let w = c;
    let Some(pod_obj) = w.store.get_shared(Kind::Pod, namespace, pod_name) else {
        return false;
    };
    let Some(pod) = pod_obj.as_pod() else {
        return false;
    };
    let Some(node) = pod.node_name().map(str::to_string) else {
        return false;
    };
    let uid = pod.metadata.uid().to_string();
    let Some((i, generation)) = runtime(w, &node, &uid)
        .filter(|rt| !rt.terminating)
        .and_then(|rt| {
            rt.containers
                .iter()
                .enumerate()
                .find(|(_, c)| c.running)
                .map(|(i, c)| (i, c.generation))
        })
    else {
        return false;
    };
    let w = &mut w.client(actor(&node));
    container_exit(w, &node, pod, i, generation, Some(code));
    true
}

fn container_exit(
    w: &mut Client<'_>,
    node: &str,
    pod: &Pod,
    i: usize,
    generation: u32,
    forced: Option<i32>,
) {
    let uid = pod.metadata.uid().to_string();
    let Some(crt) = runtime(w, node, &uid).and_then(|rt| rt.containers.get(i)) else {
        return;
    };
    if crt.generation != generation || !crt.running {
        return;
    }
    let terminating = runtime(w, node, &uid).is_some_and(|rt| rt.terminating);
    let code = match forced {
        Some(code) => code,
        None => {
            // The process ended by itself: what it wrote to the pod's volumes stays there.
            let Some(rt) = runtime_mut(w, node, &uid) else {
                return;
            };
            let writes = std::mem::take(&mut rt.containers[i].writes);
            rt.volumes.extend(writes);
            rt.containers[i].exit_code
        }
    };
    terminate_container(w, node, pod, i, code, None);
    if terminating {
        // A pod being deleted restarts nothing. Its process ignored SIGTERM, but its command has
        // ended by itself (the grace period is only the longest it may take before SIGKILL):
        // once no container runs, the pod is done now, not at the end of the grace period.
        if running_containers(w, node, &uid).is_empty() {
            if let Some(p) = api::pod(w, pod.metadata.ns(), &pod.metadata.name).cloned() {
                finish_termination(w, node, &p);
            }
        }
        return;
    }
    let Some(pod_obj) = w
        .store
        .get_shared(Kind::Pod, pod.metadata.ns(), &pod.metadata.name)
    else {
        return;
    };
    let Some(pod) = pod_obj.as_pod() else {
        return;
    };
    let policy = pod.spec.restart_policy();
    let sidecar = i < pod.spec.init_containers.len() && !regular_init(pod, i);
    if regular_init(pod, i) {
        // An init container that succeeded lets the next one start; one that failed is
        // restarted unless the pod's policy is Never (then the pod has failed).
        if code == 0 {
            start_next(w, node, pod, i + 1);
            return;
        }
        if policy == "Never" {
            return;
        }
    } else if sidecar {
        if runtime(w, node, &uid).is_some_and(|rt| rt.stopping_sidecars) {
            return;
        }
    } else if app_containers_done(pod) && !running_sidecars(w, node, pod).is_empty() {
        stop_sidecars(w, node, pod);
        return;
    }
    let restarts = sidecar
        || regular_init(pod, i)
        || policy == "Always"
        || (policy == "OnFailure" && code != 0);
    if restarts {
        // The kubelet's doBackOff: no back-off entry yet means restart at once; otherwise wait
        // until `backoff` has passed since this exit.
        let finished = w.now;
        let in_backoff = runtime(w, node, &uid)
            .and_then(|rt| rt.containers[i].backoff)
            .is_some_and(|(delay, last)| {
                finished.0.saturating_sub(last.0) <= 2 * BACKOFF_MAX_MS && delay > 0
            });
        if in_backoff {
            let delay = runtime(w, node, &uid)
                .and_then(|rt| rt.containers[i].backoff)
                .map(|(d, _)| d)
                .unwrap_or(BACKOFF_INITIAL_MS);
            enter_backoff(w, node, pod, i, delay);
        } else {
            restart_container(w, node, pod, i);
        }
    }
}

/// Whether every app container has ended and none will restart (the pod's policy).
fn app_containers_done(pod: &Pod) -> bool {
    let policy = pod.spec.restart_policy();
    pod.status()
        .container_statuses
        .iter()
        .all(|cs| match &cs.state.terminated {
            Some(t) => !(policy == "Always" || (policy == "OnFailure" && t.exit_code != 0)),
            None => false,
        })
}

/// The slots of the sidecars that run now.
fn running_sidecars(w: &Cluster, node: &str, pod: &Pod) -> Vec<usize> {
    running_containers(w, node, pod.metadata.uid())
        .into_iter()
        .filter(|&s| s < pod.spec.init_containers.len())
        .collect()
}

/// The app containers have ended for good: the kubelet stops the sidecars, last first. Like
/// every simulated process they ignore SIGTERM, so they are killed when the pod's grace period
/// ends.
fn stop_sidecars(w: &mut Client<'_>, node: &str, pod: &Pod) {
    let uid = pod.metadata.uid().to_string();
    let Some(rt) = runtime_mut(w, node, &uid) else {
        return;
    };
    if rt.stopping_sidecars {
        return;
    }
    rt.stopping_sidecars = true;
    for s in running_sidecars(w, node, pod).into_iter().rev() {
        let name = spec_at(pod, s).name.clone();
        let t = target(pod).container(&pod.spec, &name);
        event(
            w,
            node,
            t,
            "Normal",
            "Killing",
            &format!("Stopping container {name}"),
        );
    }
    let grace = pod
        .spec
        .termination_grace_period_seconds
        .unwrap_or(30)
        .max(0) as u64;
    schedule(
        w,
        w.now.plus_secs(grace),
        node,
        pod,
        KubeletAction::SidecarsKilled,
    );
}

/// The sidecars' grace period is over: what still runs is killed, and the pod ends.
fn sidecars_killed(w: &mut Client<'_>, node: &str, pod: &Pod) {
    for s in running_sidecars(w, node, pod).into_iter().rev() {
        let Some(p) = api::pod(w, pod.metadata.ns(), &pod.metadata.name).cloned() else {
            return;
        };
        terminate_container(w, node, &p, s, 137, Some("Error"));
    }
}

fn enter_backoff(w: &mut Client<'_>, node: &str, pod: &Pod, i: usize, delay: u64) {
    let name = &spec_at(pod, i).name;
    let n_init = pod.spec.init_containers.len();
    let pod_ref = pod_ref(pod);
    let message = format!(
        "back-off {} restarting failed container={name} pod={pod_ref}",
        format_duration(delay)
    );
    let now = w.wall_now();
    let _ = api::mutate_pod(
        w,
        pod.metadata.ns(),
        &pod.metadata.name,
        Update::CrashLoopBackOff {
            container: name.clone(),
            delay_ms: delay,
        },
        |p| {
            let st = p.status.get_or_insert_with(Default::default);
            if let Some(cs) = status_at_mut(st, n_init, i) {
                let last = std::mem::take(&mut cs.state);
                cs.last_state = last;
                cs.state = ContainerState {
                    waiting: Some(StateWaiting {
                        reason: "CrashLoopBackOff".into(),
                        message: Some(message),
                    }),
                    ..Default::default()
                };
            }
            status::refresh_conditions(p, now);
        },
    );
    let Some(pod_obj) = w
        .store
        .get_shared(Kind::Pod, pod.metadata.ns(), &pod.metadata.name)
    else {
        return;
    };
    let Some(pod) = pod_obj.as_pod() else {
        return;
    };
    let msg = format!("Back-off restarting failed container {name} in pod {pod_ref}");
    event(
        w,
        node,
        target(pod).container(&pod.spec, name),
        "Warning",
        "BackOff",
        &msg,
    );
    let generation = runtime(w, node, pod.metadata.uid())
        .map(|rt| rt.containers[i].generation)
        .unwrap_or(0);
    let until = w.now.plus_ms(delay);
    if let Some(rt) = runtime_mut(w, node, pod.metadata.uid()) {
        rt.containers[i].backoff_until = Some(until);
    }
    let end = KubeletAction::BackOffEnd {
        container: i,
        generation,
    };
    schedule(w, w.now.plus_ms(delay), node, pod, end);
    if delay > POD_WORKER_BACKOFF_MS {
        let at = w.now.plus_ms(POD_WORKER_BACKOFF_MS);
        let resync = KubeletAction::BackOffResync {
            container: i,
            generation,
        };
        schedule(w, at, node, pod, resync);
    }
}

/// A pod-worker re-sync during back-off: the sync fails again and reports BackOff again.
fn backoff_resync(w: &mut Client<'_>, node: &str, pod: &Pod, i: usize, generation: u32) {
    let uid = pod.metadata.uid().to_string();
    let Some(until) = runtime(w, node, &uid)
        .and_then(|rt| rt.containers.get(i))
        .filter(|c| c.generation == generation && !c.running && !pod.metadata.is_terminating())
        .and_then(|c| c.backoff_until)
    else {
        return;
    };
    if w.now >= until {
        return;
    }
    let name = &spec_at(pod, i).name;
    let pod_ref = pod_ref(pod);
    let msg = format!("Back-off restarting failed container {name} in pod {pod_ref}");
    event(
        w,
        node,
        target(pod).container(&pod.spec, name),
        "Warning",
        "BackOff",
        &msg,
    );
    let next = w.now.plus_ms(POD_WORKER_BACKOFF_MS);
    if next < until {
        let resync = KubeletAction::BackOffResync {
            container: i,
            generation,
        };
        schedule(w, next, node, pod, resync);
    }
}

fn restart_container(w: &mut Client<'_>, node: &str, pod: &Pod, i: usize) {
    let uid = pod.metadata.uid().to_string();
    let n_init = pod.spec.init_containers.len();
    let Some(finished) = status_at(pod, i).and_then(|cs| {
        cs.state
            .terminated
            .as_ref()
            .or(cs.last_state.terminated.as_ref())
            .and_then(|t| t.finished_at)
    }) else {
        return;
    };
    let finished = SimTime((finished.0 - w.start.0).max(0) as u64);
    // flowcontrol.Backoff.Next: a fresh (or expired) entry starts at 10 s, else doubles to 5 min.
    if let Some(crt) = runtime_mut(w, node, &uid).and_then(|rt| rt.containers.get_mut(i)) {
        crt.backoff = Some(match crt.backoff {
            Some((d, last)) if finished.0.saturating_sub(last.0) <= 2 * BACKOFF_MAX_MS => {
                ((d * 2).min(BACKOFF_MAX_MS), finished)
            }
            _ => (BACKOFF_INITIAL_MS, finished),
        });
    }
    let name = spec_at(pod, i).name.clone();
    let ready = if i < n_init {
        !regular_init(pod, i) && probe::readiness(spec_at(pod, i)).is_none()
    } else {
        ready_when_started(&pod.spec.containers, i - n_init)
    };
    let now = w.wall_now();
    let id = format!("containerd://{}", w.rng.hex(64));
    let result = api::mutate_pod(
        w,
        pod.metadata.ns(),
        &pod.metadata.name,
        Update::ContainerRestarted {
            container: name.clone(),
        },
        |p| {
            let st = p.status.get_or_insert_with(Default::default);
            if let Some(cs) = status_at_mut(st, n_init, i) {
                if cs.state.terminated.is_some() {
                    cs.last_state = std::mem::take(&mut cs.state);
                }
                cs.state = ContainerState {
                    running: Some(StateRunning {
                        started_at: Some(now),
                    }),
                    ..Default::default()
                };
                cs.restart_count += 1;
                cs.ready = ready;
                cs.started = Some(true);
                cs.container_id = Some(id);
            }
            status::refresh_conditions(p, now);
        },
    );
    let Ok(result) = result else { return };
    let Some(pod) = result.as_pod() else { return };
    let image = spec_at(pod, i).image.clone();
    let t = target(pod).container(&pod.spec, &name);
    event(
        w,
        node,
        t.clone(),
        "Normal",
        "Pulled",
        &format!("Container image {image:?} already present on machine"),
    );
    launch(w, node, pod, i);
}

/// The container in slot `i` is created and started (the kubelet's two events), and its
/// process runs.
fn launch(w: &mut Client<'_>, node: &str, pod: &Pod, i: usize) {
    let name = spec_at(pod, i).name.clone();
    let t = target(pod).container(&pod.spec, &name);
    event(
        w,
        node,
        t.clone(),
        "Normal",
        "Created",
        &format!("Created container {name}"),
    );
    event(
        w,
        node,
        t,
        "Normal",
        "Started",
        &format!("Started container {name}"),
    );
    run_container(w, node, pod, i);
}

/// Records a container's termination; sets the pod's phase when no container will run again.
fn terminate_container(
    w: &mut Client<'_>,
    node: &str,
    pod: &Pod,
    i: usize,
    code: i32,
    reason: Option<&str>,
) {
    let uid = pod.metadata.uid().to_string();
    if let Some(crt) = runtime_mut(w, node, &uid).and_then(|rt| rt.containers.get_mut(i)) {
        crt.running = false;
    }
    let now = w.wall_now();
    let name = spec_at(pod, i).name.clone();
    let n_init = pod.spec.init_containers.len();
    let init_failed_for_good =
        regular_init(pod, i) && code != 0 && pod.spec.restart_policy() == "Never";
    let sidecars_running = running_sidecars(w, node, pod);
    let reason = reason.map(str::to_string).unwrap_or_else(|| {
        if code == 0 {
            "Completed".into()
        } else {
            "Error".into()
        }
    });
    let policy = pod.spec.restart_policy().to_string();
    // A pod being deleted will not be restarted, whatever its policy: once its containers have
    // stopped it gets a terminal phase (Succeeded if every one exited 0), as the kubelet does
    // since v1.27 (`getPhase` with podIsTerminal).
    let terminating = runtime(w, node, &uid).is_some_and(|rt| rt.terminating);
    let _ = api::mutate_pod(
        w,
        pod.metadata.ns(),
        &pod.metadata.name,
        Update::ContainerExited {
            container: name.clone(),
            code,
        },
        |p| {
            let st = p.status.get_or_insert_with(Default::default);
            if let Some(cs) = status_at_mut(st, n_init, i) {
                let started_at = cs.state.running.as_ref().and_then(|r| r.started_at);
                cs.state = ContainerState {
                    terminated: Some(StateTerminated {
                        exit_code: code,
                        reason: reason.clone(),
                        started_at,
                        finished_at: Some(now),
                        container_id: cs.container_id.clone(),
                        ..Default::default()
                    }),
                    ..Default::default()
                };
                cs.ready = false;
                cs.started = Some(false);
            }
            let restarts = |code: i32| {
                !terminating && (policy == "Always" || (policy == "OnFailure" && code != 0))
            };
            let done = st
                .container_statuses
                .iter()
                .all(|cs| match &cs.state.terminated {
                    Some(t) => !restarts(t.exit_code),
                    None => false,
                });
            // A running sidecar keeps the pod Running (the kubelet's getPhase); a regular init
            // container that failed under restartPolicy Never fails the pod.
            if init_failed_for_good {
                st.phase = "Failed".into();
            }
            let sidecars_left = sidecars_running.iter().any(|&s| s != i);
            if done && !sidecars_left {
                let all_ok = st.container_statuses.iter().all(|cs| {
                    cs.state
                        .terminated
                        .as_ref()
                        .is_some_and(|t| t.exit_code == 0)
                });
                st.phase = if all_ok {
                    "Succeeded".into()
                } else {
                    "Failed".into()
                };
            }
            status::refresh_conditions(p, now);
        },
    );
}

fn begin_termination(w: &mut Client<'_>, node: &str, pod: &Pod) {
    let uid = pod.metadata.uid().to_string();
    let running = running_containers(w, node, &uid);
    if let Some(rt) = runtime_mut(w, node, &uid) {
        rt.terminating = true;
    }
    for &i in &running {
        let name = spec_at(pod, i).name.clone();
        event(
            w,
            node,
            target(pod).container(&pod.spec, &name),
            "Normal",
            "Killing",
            &format!("Stopping container {name}"),
        );
    }
    // Simulated processes run as PID 1 and ignore SIGTERM: each stops when its command ends or,
    // at the end of the grace period, at SIGKILL.
    let grace = pod
        .metadata
        .deletion_grace_period_seconds
        .unwrap_or(0)
        .max(0) as u64;
    let at = if running.is_empty() {
        w.now
    } else {
        w.now.plus_secs(grace)
    };
    schedule(w, at, node, pod, KubeletAction::KillDone);
}

fn finish_termination(w: &mut Client<'_>, node: &str, pod: &Pod) {
    let uid = pod.metadata.uid().to_string();
    if let Some(rt) = runtime_mut(w, node, &uid) {
        rt.finished = true;
    }
    let running = running_containers(w, node, &uid);
    for i in running {
        terminate_container(w, node, pod, i, 137, Some("Error"));
    }
    let now = w.wall_now();
    if let Some(p) = api::pod(w, pod.metadata.ns(), &pod.metadata.name) {
        if !p.is_terminal() {
            let _ = api::mutate_pod(
                w,
                pod.metadata.ns(),
                &pod.metadata.name,
                Update::Phase {
                    phase: "Failed".into(),
                    detail: Some("deleted".into()),
                },
                |p| {
                    let st = p.status.get_or_insert_with(Default::default);
                    for cs in st
                        .container_statuses
                        .iter_mut()
                        .filter(|cs| cs.state.terminated.is_none())
                    {
                        cs.state = ContainerState {
                            terminated: Some(StateTerminated {
                                exit_code: 137,
                                reason: "ContainerStatusUnknown".into(),
                                finished_at: Some(now),
                                ..Default::default()
                            }),
                            ..Default::default()
                        };
                        cs.ready = false;
                    }
                    st.phase = "Failed".into();
                    status::refresh_conditions(p, now);
                },
            );
        }
    }
    let _ = api::delete(
        w,
        Kind::Pod,
        pod.metadata.ns(),
        &pod.metadata.name,
        DeleteOptions {
            grace_period_seconds: Some(0),
            propagation: None,
        },
    );
}

fn deadline_exceeded(w: &mut Client<'_>, node: &str, pod: &Pod) {
    let uid = pod.metadata.uid().to_string();
    if pod.is_terminal() || runtime(w, node, &uid).is_none_or(|rt| rt.terminating) {
        return;
    }
    let message = "Pod was active on the node longer than the specified deadline";
    event(w, node, target(pod), "Warning", "DeadlineExceeded", message);
    let running = running_containers(w, node, &uid);
    if let Some(rt) = runtime_mut(w, node, &uid) {
        rt.terminating = true;
    }
    for i in running {
        terminate_container(w, node, pod, i, 137, Some("Error"));
    }
    let now = w.wall_now();
    let _ = api::mutate_pod(
        w,
        pod.metadata.ns(),
        &pod.metadata.name,
        Update::Phase {
            phase: "Failed".into(),
            detail: Some("DeadlineExceeded".into()),
        },
        |p| {
            let st = p.status.get_or_insert_with(Default::default);
            st.phase = "Failed".into();
            st.reason = Some("DeadlineExceeded".into());
            st.message = Some(message.into());
            status::refresh_conditions(p, now);
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the agents (a checkpoint's) shares them until one side changes one: then
    /// only that side sees the change.
    #[test]
    fn a_copy_of_the_agents_should_not_see_later_changes() {
        let mut live = Kubelets::default();
        live.insert("node-1".into(), NodeAgent::default());
        live.insert("node-2".into(), NodeAgent::default());
        let checkpoint = live.clone();
        live.get_mut("node-1").expect("agent").last_ip = 7;
        assert_eq!(live["node-1"].last_ip, 7);
        assert_eq!(checkpoint["node-1"].last_ip, 0);
        live.remove("node-2");
        assert!(checkpoint.contains_key("node-2") && !live.contains_key("node-2"));
        assert_eq!(checkpoint.values().count(), 2);
    }

    /// A pod's watch event that changes nothing the kubelet keeps leaves its agent shared with
    /// a checkpoint (a recorded run would otherwise copy the agent, with every pod the node has
    /// run, after each checkpoint); a change to one pod's runtime copies the agent's pointers,
    /// not the other pods' runtimes.
    #[test]
    fn a_watch_event_that_changes_nothing_should_not_copy_the_agent() {
        let mut w = Cluster::new(
            1,
            crate::model::Time(0),
            crate::cluster::KubeletConfig::default(),
        );
        let mut agent = NodeAgent::default();
        for uid in ["uid-a", "uid-b"] {
            agent
                .pods
                .insert(Rc::from(uid), Rc::new(PodRuntime::default()));
        }
        w.kubelets.insert("node-1".into(), agent);
        let mut pod = Pod::default();
        pod.metadata.name = "p".into();
        pod.metadata.namespace = Some("default".into());
        pod.metadata.uid = Some("uid-a".into());
        Rc::make_mut(&mut pod.spec).node_name = Some("node-1".into());
        let object = Rc::new(Object::Pod(Box::new(pod)));
        let ev = WatchEvent {
            ty: WatchType::Modified,
            object: Rc::clone(&object),
            old: Some(object),
        };
        let checkpoint = w.kubelets.clone();
        let (mut informer, caches) = w.informer();
        on_watch(&mut informer, caches.kubelets, &ev);
        assert!(Rc::ptr_eq(&w.kubelets.0["node-1"], &checkpoint.0["node-1"]));
        let mut c = w.client(Actor::Kubelet("node-1".into()));
        runtime_mut(&mut c, "node-1", "uid-a")
            .expect("runtime")
            .finished = true;
        let (live, kept) = (&w.kubelets.0["node-1"], &checkpoint.0["node-1"]);
        assert!(!Rc::ptr_eq(live, kept));
        assert!(live.pods["uid-a"].finished && !kept.pods["uid-a"].finished);
        assert!(Rc::ptr_eq(&live.pods["uid-b"], &kept.pods["uid-b"]));
    }
}
