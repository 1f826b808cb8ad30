//! core/v1 Pod: spec fields podlab simulates or shows, and the status the kubelet writes.

use super::{Any, NodeSelectorTerm, ObjectMeta, Time};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A Pod.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "Pod")]
pub struct Pod {
    /// `v1`.
    pub api_version: String,
    /// `Pod`.
    pub kind: String,
    /// Metadata.
    pub metadata: ObjectMeta,
    /// Desired state.
    pub spec: std::rc::Rc<PodSpec>,
    /// Observed state, written by the scheduler and kubelet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<PodStatus>,
}

/// Field by field, except that two versions sharing one spec are not compared inside it (the
/// store's versions of a pod share their spec until it changes).
impl PartialEq for Pod {
    fn eq(&self, other: &Self) -> bool {
        self.api_version == other.api_version
            && self.kind == other.kind
            && self.metadata == other.metadata
            && super::same_shared(&self.spec, &other.spec)
            && self.status == other.status
    }
}

/// A pod template (`spec.template` of workload kinds).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodTemplateSpec {
    /// Template metadata (labels, annotations).
    pub metadata: ObjectMeta,
    /// The pod spec, shared (not copied) by every copy of the workload that holds it and by the
    /// pods made from it until one of them changes it.
    pub spec: std::rc::Rc<PodSpec>,
}

impl PartialEq for PodTemplateSpec {
    fn eq(&self, other: &PodTemplateSpec) -> bool {
        self.metadata == other.metadata && super::same_shared(&self.spec, &other.spec)
    }
}

/// The pod spec.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodSpec {
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volumes: Option<Any>,
    /// Init containers, run one after another before the app containers. Shared, like the
    /// app containers, by every copy of the spec until one changes them (binding a pod to
    /// its node copies the spec, not its containers).
    #[serde(skip_serializing_if = "no_containers")]
    pub init_containers: std::rc::Rc<Vec<Container>>,
    /// The app containers.
    pub containers: std::rc::Rc<Vec<Container>>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ephemeral_containers: Option<Any>,
    /// `Always` (default), `OnFailure` or `Never`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restart_policy: Option<String>,
    /// Seconds between SIGTERM and SIGKILL on delete (default 30).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_grace_period_seconds: Option<i64>,
    /// Seconds a pod may run before the kubelet fails it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_deadline_seconds: Option<i64>,
    /// DNS policy (default `ClusterFirst`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dns_policy: Option<String>,
    /// Labels a node must have.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub node_selector: BTreeMap<String, String>,
    /// The service account (default `default`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_account_name: Option<String>,
    /// Deprecated alias of `serviceAccountName`, still filled in by the server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_account: Option<String>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automount_service_account_token: Option<bool>,
    /// The node the pod is bound to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_name: Option<String>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_network: Option<bool>,
    /// Accepted and shown; not simulated.
    #[serde(rename = "hostPID", skip_serializing_if = "Option::is_none")]
    pub host_pid: Option<bool>,
    /// Accepted and shown; not simulated.
    #[serde(rename = "hostIPC", skip_serializing_if = "Option::is_none")]
    pub host_ipc: Option<bool>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_process_namespace: Option<bool>,
    /// Accepted and shown; not simulated (defaults to `{}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_context: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_pull_secrets: Option<Any>,
    /// The pod's hostname.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// The pod's subdomain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subdomain: Option<String>,
    /// Scheduling constraints.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affinity: Option<Affinity>,
    /// The scheduler (default `default-scheduler`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduler_name: Option<String>,
    /// Tolerations of node taints.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tolerations: Vec<Toleration>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_aliases: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority_class_name: Option<String>,
    /// Priority (0 without a PriorityClass).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dns_config: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readiness_gates: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runtime_class_name: Option<String>,
    /// Defaults to true.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_service_links: Option<bool>,
    /// Defaults to `PreemptLowerPriority`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preemption_policy: Option<String>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overhead: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topology_spread_constraints: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(rename = "setHostnameAsFQDN", skip_serializing_if = "Option::is_none")]
    pub set_hostname_as_fqdn: Option<bool>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_users: Option<bool>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduling_gates: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_claims: Option<Any>,
}

impl PodSpec {
    /// The effective restart policy.
    pub fn restart_policy(&self) -> &str {
        self.restart_policy.as_deref().unwrap_or("Always")
    }

    /// `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`, if set.
    pub fn required_node_affinity(&self) -> Option<&NodeSelector> {
        self.affinity
            .as_ref()?
            .node_affinity
            .as_ref()?
            .required_during_scheduling_ignored_during_execution
            .as_ref()
    }
}

/// A container.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Container {
    /// The container's name (a DNS label, unique in the pod).
    pub name: String,
    /// The image.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub image: String,
    /// The entrypoint; drives the simulated behaviour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<Vec<String>>,
    /// Arguments; drive the simulated behaviour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub args: Option<Vec<String>>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_dir: Option<String>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ports: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env_from: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env: Option<Any>,
    /// Accepted and shown (defaults to `{}`); podlab does not model resources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resize_policy: Option<Any>,
    /// Container-level restart policy (sidecars); accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restart_policy: Option<String>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_mounts: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_devices: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub liveness_probe: Option<Any>,
    /// Its timing fields delay readiness (`kubelet::probe`); the probe itself always succeeds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readiness_probe: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub startup_probe: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<Any>,
    /// Defaults to `/dev/termination-log`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_message_path: Option<String>,
    /// Defaults to `File`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_message_policy: Option<String>,
    /// `Always` for `:latest` or untagged images, else `IfNotPresent`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_pull_policy: Option<String>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_context: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stdin: Option<bool>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stdin_once: Option<bool>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tty: Option<bool>,
}

/// Affinity; only required node affinity is simulated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Affinity {
    /// Node affinity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_affinity: Option<NodeAffinity>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod_affinity: Option<Any>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod_anti_affinity: Option<Any>,
}

/// Node affinity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeAffinity {
    /// Hard requirement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_during_scheduling_ignored_during_execution: Option<NodeSelector>,
    /// Accepted and shown; not simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_during_scheduling_ignored_during_execution: Option<Any>,
}

/// A node selector: the terms are OR-ed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeSelector {
    /// The terms.
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

/// A toleration of a node taint.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Toleration {
    /// The taint key (empty with `Exists` = every key).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub key: String,
    /// `Equal` (default) or `Exists`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// The value for `Equal`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub value: String,
    /// The effect (empty = every effect).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub effect: String,
    /// For NoExecute: how long the pod stays after the taint appears.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toleration_seconds: Option<i64>,
}

impl Toleration {
    /// Whether this toleration tolerates the taint (key, value, effect), as in `ToleratesTaint`.
    pub fn tolerates(&self, key: &str, value: &str, effect: &str) -> bool {
        if !self.effect.is_empty() && self.effect != effect {
            return false;
        }
        if !self.key.is_empty() && self.key != key {
            return false;
        }
        match self.operator.as_deref().unwrap_or("Equal") {
            "Exists" => true,
            "Equal" | "" => self.value == value,
            _ => false,
        }
    }
}

/// The pod's observed state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodStatus {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phase: String,
    /// Conditions, in the kubelet's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<PodCondition>,
    /// A human-readable message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// A machine-readable reason (e.g. `Evicted`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The node's IP.
    #[serde(rename = "hostIP", skip_serializing_if = "Option::is_none")]
    pub host_ip: Option<String>,
    /// The node's IPs.
    #[serde(rename = "hostIPs", skip_serializing_if = "Vec::is_empty")]
    pub host_ips: Vec<Ip>,
    /// The pod's IP.
    #[serde(rename = "podIP", skip_serializing_if = "Option::is_none")]
    pub pod_ip: Option<String>,
    /// The pod's IPs.
    #[serde(rename = "podIPs", skip_serializing_if = "Vec::is_empty")]
    pub pod_ips: Vec<Ip>,
    /// When the kubelet accepted the pod.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Time>,
    /// Init container statuses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub init_container_statuses: Vec<ContainerStatus>,
    /// Container statuses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub container_statuses: Vec<ContainerStatus>,
    /// `BestEffort` (podlab does not model resources).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qos_class: Option<String>,
}

/// An IP address entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ip {
    /// The address.
    pub ip: String,
}

/// A pod condition.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodCondition {
    /// The condition type.
    #[serde(rename = "type")]
    pub type_: String,
    /// `True`, `False` or `Unknown`.
    pub status: String,
    /// Always null in practice.
    pub last_probe_time: Option<Time>,
    /// When the status last changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<Time>,
    /// Why, in one word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Why, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// A container's observed state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContainerStatus {
    /// The container's name.
    pub name: String,
    /// The current state.
    pub state: ContainerState,
    /// The previous termination, if any.
    pub last_state: ContainerState,
    /// Whether the container is ready.
    pub ready: bool,
    /// Restarts so far.
    pub restart_count: i32,
    /// The image.
    pub image: String,
    /// The resolved image id.
    #[serde(rename = "imageID")]
    pub image_id: String,
    /// The runtime's container id.
    #[serde(rename = "containerID", skip_serializing_if = "Option::is_none")]
    pub container_id: Option<String>,
    /// Whether the container has started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started: Option<bool>,
}

/// Exactly one of waiting, running or terminated (or none).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContainerState {
    /// Waiting, with a reason such as `ContainerCreating` or `CrashLoopBackOff`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiting: Option<StateWaiting>,
    /// Running since.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub running: Option<StateRunning>,
    /// Terminated, with exit code and times.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminated: Option<StateTerminated>,
}

/// A waiting container.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StateWaiting {
    /// The reason.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// The message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// A running container.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StateRunning {
    /// When it started.
    pub started_at: Option<Time>,
}

/// A terminated container.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StateTerminated {
    /// The exit code.
    pub exit_code: i32,
    /// The signal, if killed by one.
    #[serde(skip_serializing_if = "skip_zero")]
    pub signal: i32,
    /// `Completed`, `Error`, …
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// When it started.
    pub started_at: Option<Time>,
    /// When it finished.
    pub finished_at: Option<Time>,
    /// The runtime's container id.
    #[serde(rename = "containerID", skip_serializing_if = "Option::is_none")]
    pub container_id: Option<String>,
}

fn skip_zero(v: &i32) -> bool {
    *v == 0
}

impl Pod {
    /// The STATUS column kubectl prints for this pod, as `printPod`
    /// (`pkg/printers/internalversion/printers.go`) computes it.
    pub fn display_status(&self) -> String {
        let st = self.status();
        let mut reason = if st.phase.is_empty() {
            "Pending".to_string()
        } else {
            st.phase.clone()
        };
        if let Some(r) = &st.reason {
            reason = r.clone();
        }
        // kubectl's printPod: the first init container not done names the status.
        let mut initializing = false;
        for (i, cs) in st.init_container_statuses.iter().enumerate() {
            let sidecar = self
                .spec
                .init_containers
                .iter()
                .find(|c| c.name == cs.name)
                .is_some_and(|c| c.restart_policy.as_deref() == Some("Always"));
            match (&cs.state.terminated, &cs.state.waiting) {
                (Some(t), _) if t.exit_code == 0 => continue,
                _ if sidecar && cs.started == Some(true) => continue,
                (Some(t), _) => {
                    reason = if !t.reason.is_empty() {
                        format!("Init:{}", t.reason)
                    } else if t.signal != 0 {
                        format!("Init:Signal:{}", t.signal)
                    } else {
                        format!("Init:ExitCode:{}", t.exit_code)
                    };
                }
                (None, Some(w)) if !w.reason.is_empty() && w.reason != "PodInitializing" => {
                    reason = format!("Init:{}", w.reason);
                }
                _ => reason = format!("Init:{i}/{}", self.spec.init_containers.len()),
            }
            initializing = true;
            break;
        }
        let initialized = self
            .condition("Initialized")
            .is_some_and(|c| c.status == "True");
        if initializing && !initialized {
            if self.metadata.is_terminating() && !self.is_terminal() {
                return "Terminating".into();
            }
            return reason;
        }
        let mut has_running = false;
        for cs in st.container_statuses.iter().rev() {
            if let Some(w) = cs.state.waiting.as_ref().filter(|w| !w.reason.is_empty()) {
                reason = w.reason.clone();
            } else if let Some(t) = &cs.state.terminated {
                reason = if !t.reason.is_empty() {
                    t.reason.clone()
                } else if t.signal != 0 {
                    format!("Signal:{}", t.signal)
                } else {
                    format!("ExitCode:{}", t.exit_code)
                };
            } else if cs.ready && cs.state.running.is_some() {
                has_running = true;
            }
        }
        if reason == "Completed" && has_running {
            reason = if self.condition("Ready").is_some_and(|c| c.status == "True") {
                "Running".into()
            } else {
                "NotReady".into()
            };
        }
        if self.metadata.is_terminating() && !self.is_terminal() {
            reason = "Terminating".into();
        }
        reason
    }

    /// kubectl's READY column as (ready, all): the app containers and the sidecars.
    pub fn ready_count(&self) -> (usize, usize) {
        let st = self.status();
        let sidecars = self.sidecar_statuses();
        let ready = sidecars
            .iter()
            .filter(|c| c.ready && c.started == Some(true))
            .count()
            + st.container_statuses
                .iter()
                .filter(|c| c.ready && c.state.running.is_some())
                .count();
        (ready, self.spec.containers.len() + sidecars.len())
    }

    /// The statuses kubectl's RESTARTS column adds up: the init containers' while the pod
    /// initialises, otherwise the sidecars' and the app containers'.
    pub fn restart_counted(&self) -> Vec<&ContainerStatus> {
        let st = self.status();
        if self.display_status().starts_with("Init:") {
            st.init_container_statuses.iter().collect()
        } else {
            self.sidecar_statuses()
                .into_iter()
                .chain(st.container_statuses.iter())
                .collect()
        }
    }

    /// The statuses of the init containers that are sidecars (`restartPolicy: Always`).
    fn sidecar_statuses(&self) -> Vec<&ContainerStatus> {
        self.status()
            .init_container_statuses
            .iter()
            .filter(|cs| {
                self.spec
                    .init_containers
                    .iter()
                    .any(|c| c.name == cs.name && c.restart_policy.as_deref() == Some("Always"))
            })
            .collect()
    }

    /// The status, or an empty one.
    pub fn status(&self) -> &PodStatus {
        static EMPTY: std::sync::OnceLock<PodStatus> = std::sync::OnceLock::new();
        self.status
            .as_ref()
            .unwrap_or_else(|| EMPTY.get_or_init(PodStatus::default))
    }

    /// The phase, `Pending` when unset.
    pub fn phase(&self) -> &str {
        match self.status.as_ref().map(|s| s.phase.as_str()) {
            Some("") | None => "Pending",
            Some(p) => p,
        }
    }

    /// Whether the pod reached Succeeded or Failed.
    pub fn is_terminal(&self) -> bool {
        matches!(self.phase(), "Succeeded" | "Failed")
    }

    /// The status of a condition type, if present.
    pub fn condition(&self, type_: &str) -> Option<&PodCondition> {
        self.status
            .as_ref()?
            .conditions
            .iter()
            .find(|c| c.type_ == type_)
    }

    /// Whether the Ready condition is True.
    pub fn is_ready(&self) -> bool {
        self.condition("Ready").is_some_and(|c| c.status == "True")
    }

    /// The node the pod is bound to.
    pub fn node_name(&self) -> Option<&str> {
        self.spec.node_name.as_deref().filter(|n| !n.is_empty())
    }
}

fn no_containers(list: &std::rc::Rc<Vec<Container>>) -> bool {
    list.is_empty()
}
