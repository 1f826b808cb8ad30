//! Status the kubelet reports: the Node it registers, pod conditions in the kubelet's order,
//! and how container runtimes name images.

use crate::model::node::{NodeAddress, NodeStatus, NodeSystemInfo};
use crate::model::{Node, NodeCondition, Pod, PodCondition, Time};

/// The Kubernetes version podlab's kubelets report.
pub const KUBELET_VERSION: &str = "v1.31.0";

/// Fills a new Node's labels and status as a kubelet registering itself does.
pub fn init_node(node: &mut Node, index: u32, ready: bool, now: Time) {
    node.api_version = "v1".into();
    node.kind = "Node".into();
    let name = node.metadata.name.clone();
    let labels = &mut node.metadata.labels;
    for (k, v) in [
        ("beta.kubernetes.io/arch", "amd64"),
        ("beta.kubernetes.io/os", "linux"),
        ("kubernetes.io/arch", "amd64"),
        ("kubernetes.io/hostname", name.as_str()),
        ("kubernetes.io/os", "linux"),
    ] {
        labels.entry(k.into()).or_insert_with(|| v.into());
    }
    node.metadata
        .annotations
        .entry("node.alpha.kubernetes.io/ttl".into())
        .or_insert_with(|| "0".into());
    let cidr = format!("10.244.{index}.0/24");
    node.spec.pod_cidr = Some(cidr.clone());
    node.spec.pod_cidrs = vec![cidr];
    let resources: std::collections::BTreeMap<String, String> = [
        ("cpu", "4"),
        ("ephemeral-storage", "102625208Ki"),
        ("hugepages-2Mi", "0"),
        ("memory", "16371480Ki"),
        ("pods", "110"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let cond = |type_: &str, status: &str, reason: &str, message: &str| NodeCondition {
        type_: type_.into(),
        status: status.into(),
        last_heartbeat_time: Some(now),
        last_transition_time: Some(now),
        reason: reason.into(),
        message: message.into(),
    };
    let mut conditions = vec![
        cond(
            "MemoryPressure",
            "False",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available",
        ),
        cond(
            "DiskPressure",
            "False",
            "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure",
        ),
        cond(
            "PIDPressure",
            "False",
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available",
        ),
    ];
    conditions.push(ready_condition(ready, now));
    node.status = Some(NodeStatus {
        capacity: resources.clone(),
        allocatable: resources,
        conditions,
        addresses: vec![
            NodeAddress {
                type_: "InternalIP".into(),
                address: super::node_ip(index),
            },
            NodeAddress {
                type_: "Hostname".into(),
                address: name,
            },
        ],
        node_info: Some(NodeSystemInfo {
            architecture: "amd64".into(),
            container_runtime_version: "containerd://1.7.18".into(),
            kernel_version: "6.1.0-27-amd64".into(),
            kube_proxy_version: KUBELET_VERSION.into(),
            kubelet_version: KUBELET_VERSION.into(),
            operating_system: "linux".into(),
            os_image: "Debian GNU/Linux 12 (bookworm)".into(),
            machine_id: format!("{:032x}", u128::from(index) + 1),
            system_uuid: format!("{:032x}", u128::from(index) + 1),
            boot_id: format!("{:032x}", u128::from(index) + 1),
        }),
    });
}

/// The Ready condition a kubelet posts when healthy, or when its runtime is down.
pub fn ready_condition(ready: bool, now: Time) -> NodeCondition {
    let (status, reason, message) = if ready {
        ("True", "KubeletReady", "kubelet is posting ready status")
    } else {
        ("False", "KubeletNotReady", "container runtime is down")
    };
    NodeCondition {
        type_: "Ready".into(),
        status: status.into(),
        last_heartbeat_time: Some(now),
        last_transition_time: Some(now),
        reason: reason.into(),
        message: message.into(),
    }
}

fn set(
    conds: &mut Vec<PodCondition>,
    type_: &str,
    status: &str,
    reason: Option<&str>,
    message: Option<String>,
    now: Time,
) {
    let keep_time = conds
        .iter()
        .find(|c| c.type_ == type_ && c.status == status)
        .and_then(|c| c.last_transition_time);
    conds.retain(|c| c.type_ != type_);
    conds.push(PodCondition {
        type_: type_.into(),
        status: status.into(),
        last_probe_time: None,
        last_transition_time: Some(keep_time.unwrap_or(now)),
        reason: reason.map(str::to_string),
        message,
    });
}

/// Recomputes the kubelet-owned conditions from the container statuses and the phase, and
/// orders them as the kubelet does: foreign conditions, DisruptionTarget,
/// PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled.
pub fn refresh_conditions(pod: &mut Pod, now: Time) {
    let sidecar = |name: &str| {
        pod.spec
            .init_containers
            .iter()
            .any(|c| c.name == name && c.restart_policy.as_deref() == Some("Always"))
    };
    let st = pod.status.get_or_insert_with(Default::default);
    let phase = st.phase.clone();
    // Sidecars count for readiness, before the app containers (the kubelet's
    // GenerateContainersReadyCondition).
    let unready: Vec<String> = st
        .init_container_statuses
        .iter()
        .filter(|c| sidecar(&c.name))
        .chain(st.container_statuses.iter())
        .filter(|c| !c.ready)
        .map(|c| c.name.clone())
        .collect();
    // Init containers not done: a regular one until it exits 0, a sidecar until it starts.
    let incomplete: Vec<String> = st
        .init_container_statuses
        .iter()
        .filter(|c| {
            if sidecar(&c.name) {
                c.started != Some(true)
            } else {
                c.state.terminated.as_ref().is_none_or(|t| t.exit_code != 0)
            }
        })
        .map(|c| c.name.clone())
        .collect();
    let sandbox = st
        .init_container_statuses
        .iter()
        .chain(st.container_statuses.iter())
        .any(|c| {
            c.state.running.is_some()
                || c.state
                    .waiting
                    .as_ref()
                    .is_some_and(|w| w.reason == "CrashLoopBackOff")
                || c.state.terminated.is_some()
        })
        && !matches!(phase.as_str(), "Succeeded" | "Failed");
    let conds = &mut st.conditions;
    set(
        conds,
        "PodReadyToStartContainers",
        if sandbox { "True" } else { "False" },
        None,
        None,
        now,
    );
    let (ready, reason, message) = match phase.as_str() {
        "Succeeded" => ("False", Some("PodCompleted"), None),
        "Failed" => ("False", Some("PodFailed"), None),
        _ if unready.is_empty() => ("True", None, None),
        _ => (
            "False",
            Some("ContainersNotReady"),
            Some(format!(
                "containers with unready status: [{}]",
                unready.join(" ")
            )),
        ),
    };
    if phase == "Succeeded" {
        set(
            conds,
            "Initialized",
            "True",
            Some("PodCompleted"),
            None,
            now,
        );
    } else if incomplete.is_empty() {
        set(conds, "Initialized", "True", None, None, now);
    } else {
        let message = format!(
            "containers with incomplete status: [{}]",
            incomplete.join(" ")
        );
        set(
            conds,
            "Initialized",
            "False",
            Some("ContainersNotInitialized"),
            Some(message),
            now,
        );
    }
    set(conds, "Ready", ready, reason, message.clone(), now);
    set(conds, "ContainersReady", ready, reason, message, now);
    let rank = |t: &str| match t {
        "DisruptionTarget" => 1,
        "PodReadyToStartContainers" => 2,
        "Initialized" => 3,
        "Ready" => 4,
        "ContainersReady" => 5,
        "PodScheduled" => 6,
        _ => 0,
    };
    crate::sort::sort_by_key(conds, |c| rank(&c.type_));
}

/// The reference a container runtime reports: `perl:5.34.0` → `docker.io/library/perl:5.34.0`.
pub fn normalize_image(image: &str) -> String {
    let (name, colon, tag) = if image.contains('@') {
        (image, "", "")
    } else {
        match image.rsplit_once(':').filter(|(_, t)| !t.contains('/')) {
            Some((n, t)) => (n, ":", t),
            None => (image, ":", "latest"),
        }
    };
    let first = name.split('/').next().unwrap_or_default();
    let has_registry =
        name.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let registry = if has_registry {
        ""
    } else if name.contains('/') {
        "docker.io/"
    } else {
        "docker.io/library/"
    };
    [registry, name, colon, tag].concat()
}

fn fnv(text: &str, salt: u64) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325 ^ salt, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// A stable digest-style image id for a normalised image reference.
pub fn image_id(image: &str) -> String {
    let repo = image
        .rsplit_once(':')
        .filter(|(_, t)| !t.contains('/'))
        .map(|(r, _)| r)
        .unwrap_or(image);
    let mut id = String::with_capacity(repo.len() + 8 + 64);
    id.push_str(repo);
    id.push_str("@sha256:");
    for i in 0..4 {
        crate::sim::hex::push_padded(&mut id, fnv(image, i), 16);
    }
    id
}

/// A stable, plausible image size in bytes (podlab does not know real image sizes).
pub fn image_size(image: &str) -> u64 {
    2_000_000 + fnv(image, 99) % 300_000_000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_should_be_normalised_like_containerd() {
        assert_eq!(
            normalize_image("perl:5.34.0"),
            "docker.io/library/perl:5.34.0"
        );
        assert_eq!(
            normalize_image("busybox"),
            "docker.io/library/busybox:latest"
        );
        assert_eq!(
            normalize_image("bitnami/nginx:1.25"),
            "docker.io/bitnami/nginx:1.25"
        );
        assert_eq!(
            normalize_image("registry.k8s.io/pause:3.9"),
            "registry.k8s.io/pause:3.9"
        );
        assert_eq!(
            normalize_image("localhost:5000/app"),
            "localhost:5000/app:latest"
        );
        assert_eq!(
            normalize_image("alpine@sha256:0123"),
            "docker.io/library/alpine@sha256:0123"
        );
        let id = image_id("docker.io/library/perl:5.34.0");
        assert!(id.starts_with("docker.io/library/perl@sha256:"), "{id}");
        let digest = &id["docker.io/library/perl@sha256:".len()..];
        assert_eq!(digest.len(), 64, "{id}");
        assert!(digest
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    }
}
