//! Which nodes run a daemon pod (`NodeShouldRunDaemonPod`,
//! `pkg/controller/daemon/daemon_controller.go`) and the tolerations every daemon pod gets
//! (`AddOrUpdateDaemonPodTolerations`, `pkg/controller/daemon/util/daemonset_util.go`). Each
//! answer carries its reason, so that the UI can say why a node has no daemon pod.

use crate::model::pod::{PodSpec, Toleration};
use crate::model::{Node, Pod};
use crate::scheduler::matches_node_selector_and_affinity;

/// The tolerations added to every daemon pod: tolerated forever, with operator `Exists`.
pub const DAEMON_TOLERATIONS: [(&str, &str); 6] = [
    ("node.kubernetes.io/not-ready", "NoExecute"),
    ("node.kubernetes.io/unreachable", "NoExecute"),
    ("node.kubernetes.io/disk-pressure", "NoSchedule"),
    ("node.kubernetes.io/memory-pressure", "NoSchedule"),
    ("node.kubernetes.io/pid-pressure", "NoSchedule"),
    ("node.kubernetes.io/unschedulable", "NoSchedule"),
];

/// Added as well when the pod uses the host's network.
pub const HOST_NETWORK_TOLERATION: (&str, &str) =
    ("node.kubernetes.io/network-unavailable", "NoSchedule");

/// `AddOrUpdateDaemonPodTolerations`: each daemon toleration replaces one with the same key,
/// operator, value and effect (e.g. a `tolerationSeconds` the template set), or is appended.
pub fn add_daemon_tolerations(spec: &mut PodSpec) {
    let mut wanted: Vec<(&str, &str)> = DAEMON_TOLERATIONS.to_vec();
    if spec.host_network == Some(true) {
        wanted.push(HOST_NETWORK_TOLERATION);
    }
    for (key, effect) in wanted {
        let t = Toleration {
            key: key.into(),
            operator: Some("Exists".into()),
            effect: effect.into(),
            ..Toleration::default()
        };
        let same = |x: &Toleration| {
            x.key == t.key
                && x.operator.as_deref().unwrap_or("Equal") == "Exists"
                && x.value == t.value
                && x.effect == t.effect
        };
        match spec.tolerations.iter_mut().find(|x| same(x)) {
            Some(existing) => *existing = t,
            None => spec.tolerations.push(t),
        }
    }
}

/// Why a node does (or does not) run a daemon pod (`NodeShouldRunDaemonPod`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// A pod should run here.
    Runs,
    /// The template names another node in `spec.nodeName`.
    OtherNodeName {
        /// The node the template names.
        wanted: String,
    },
    /// The node does not match the template's nodeSelector or required node affinity.
    SelectorMismatch,
    /// A NoSchedule taint the pod does not tolerate: no new pod, but a running one stays.
    NoScheduleTaint {
        /// `key=value:effect`.
        taint: String,
    },
    /// A NoExecute taint the pod does not tolerate: no pod, and a running one is deleted.
    NoExecuteTaint {
        /// `key=value:effect`.
        taint: String,
    },
}

impl Placement {
    /// `shouldRun`: a daemon pod should be created here if there is none.
    pub fn should_run(&self) -> bool {
        *self == Placement::Runs
    }

    /// `shouldContinueRunning`: an existing daemon pod may stay.
    pub fn should_continue_running(&self) -> bool {
        matches!(self, Placement::Runs | Placement::NoScheduleTaint { .. })
    }
}

fn show(t: &crate::model::Taint) -> String {
    if t.value.is_empty() {
        format!("{}:{}", t.key, t.effect)
    } else {
        format!("{}={}:{}", t.key, t.value, t.effect)
    }
}

/// `NodeShouldRunDaemonPod` for one DaemonSet: the pod it would make (its template with the
/// daemon tolerations), built once and checked against each node's name, labels and taints.
/// Node readiness, cordoning, pressure and free resources are not looked at.
pub struct Judge {
    pod: Pod,
}

impl Judge {
    /// The judge for a DaemonSet's pod template.
    pub fn new(template: &PodSpec) -> Judge {
        let mut spec = template.clone();
        add_daemon_tolerations(&mut spec);
        Judge {
            pod: Pod {
                spec: std::rc::Rc::new(spec),
                ..Pod::default()
            },
        }
    }

    /// The verdict for one node.
    pub fn verdict(&self, node: &Node) -> Placement {
        let name = &node.metadata.name;
        if let Some(wanted) = self
            .pod
            .spec
            .node_name
            .as_ref()
            .filter(|n| !n.is_empty() && *n != name)
        {
            return Placement::OtherNodeName {
                wanted: wanted.clone(),
            };
        }
        if !matches_node_selector_and_affinity(&self.pod, node) {
            return Placement::SelectorMismatch;
        }
        let untolerated = |effect: &str| {
            node.spec.taints.iter().find(|t| {
                t.effect == effect
                    && !self
                        .pod
                        .spec
                        .tolerations
                        .iter()
                        .any(|tol| tol.tolerates(&t.key, &t.value, &t.effect))
            })
        };
        if let Some(t) = untolerated("NoExecute") {
            return Placement::NoExecuteTaint { taint: show(t) };
        }
        if let Some(t) = untolerated("NoSchedule") {
            return Placement::NoScheduleTaint { taint: show(t) };
        }
        Placement::Runs
    }
}

/// `NodeShouldRunDaemonPod` for one template and one node (see [`Judge`] for many nodes).
pub fn node_should_run(template: &PodSpec, node: &Node) -> Placement {
    Judge::new(template).verdict(node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Taint;

    fn node(name: &str, labels: &[(&str, &str)], taints: &[(&str, &str)]) -> Node {
        let mut n = Node::default();
        n.metadata.name = name.into();
        n.metadata.labels = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        n.spec.taints = taints
            .iter()
            .map(|(k, e)| Taint {
                key: k.to_string(),
                effect: e.to_string(),
                ..Taint::default()
            })
            .collect();
        n
    }

    /// Rows after `TestNodeShouldRunDaemonPod` and the taint tests of `daemon_controller_test.go`.
    #[test]
    fn nodes_should_be_judged_as_the_controller_judges_them() {
        let plain = PodSpec::default();
        let mut ssd = PodSpec::default();
        ssd.node_selector.insert("disk".into(), "ssd".into());
        let pinned = PodSpec {
            node_name: Some("node-2".into()),
            ..PodSpec::default()
        };
        let mut tolerant = PodSpec::default();
        tolerant.tolerations.push(Toleration {
            key: "dedicated".into(),
            operator: Some("Exists".into()),
            ..Toleration::default()
        });
        let cp = ("node-role.kubernetes.io/control-plane", "NoSchedule");
        let rows: Vec<(&str, &PodSpec, Node, Placement, bool, bool)> = vec![
            (
                "a plain node",
                &plain,
                node("node-1", &[], &[]),
                Placement::Runs,
                true,
                true,
            ),
            (
                "selector matches",
                &ssd,
                node("node-1", &[("disk", "ssd")], &[]),
                Placement::Runs,
                true,
                true,
            ),
            (
                "selector does not match",
                &ssd,
                node("node-1", &[("disk", "hdd")], &[]),
                Placement::SelectorMismatch,
                false,
                false,
            ),
            (
                "another node name",
                &pinned,
                node("node-1", &[], &[]),
                Placement::OtherNodeName {
                    wanted: "node-2".into(),
                },
                false,
                false,
            ),
            (
                "its node name",
                &pinned,
                node("node-2", &[], &[]),
                Placement::Runs,
                true,
                true,
            ),
            (
                "control plane taint",
                &plain,
                node("cp", &[], &[cp]),
                Placement::NoScheduleTaint {
                    taint: "node-role.kubernetes.io/control-plane:NoSchedule".into(),
                },
                false,
                true,
            ),
            (
                "NoExecute taint",
                &plain,
                node("node-1", &[], &[("dedicated", "NoExecute")]),
                Placement::NoExecuteTaint {
                    taint: "dedicated:NoExecute".into(),
                },
                false,
                false,
            ),
            (
                "tolerated taint",
                &tolerant,
                node("node-1", &[], &[("dedicated", "NoExecute")]),
                Placement::Runs,
                true,
                true,
            ),
            (
                "PreferNoSchedule is ignored",
                &plain,
                node("node-1", &[], &[("soft", "PreferNoSchedule")]),
                Placement::Runs,
                true,
                true,
            ),
            (
                "cordoned node still runs",
                &plain,
                node(
                    "node-1",
                    &[],
                    &[("node.kubernetes.io/unschedulable", "NoSchedule")],
                ),
                Placement::Runs,
                true,
                true,
            ),
            (
                "NotReady node still runs",
                &plain,
                node(
                    "node-1",
                    &[],
                    &[
                        ("node.kubernetes.io/not-ready", "NoExecute"),
                        ("node.kubernetes.io/not-ready", "NoSchedule"),
                    ],
                ),
                Placement::NoScheduleTaint {
                    taint: "node.kubernetes.io/not-ready:NoSchedule".into(),
                },
                false,
                true,
            ),
            (
                "memory pressure still runs",
                &plain,
                node(
                    "node-1",
                    &[],
                    &[("node.kubernetes.io/memory-pressure", "NoSchedule")],
                ),
                Placement::Runs,
                true,
                true,
            ),
            (
                "network unavailable without host network",
                &plain,
                node(
                    "node-1",
                    &[],
                    &[("node.kubernetes.io/network-unavailable", "NoSchedule")],
                ),
                Placement::NoScheduleTaint {
                    taint: "node.kubernetes.io/network-unavailable:NoSchedule".into(),
                },
                false,
                true,
            ),
        ];
        for (title, spec, n, want, run, keep) in rows {
            let got = node_should_run(spec, &n);
            assert_eq!(got, want, "{title}");
            assert_eq!(
                (got.should_run(), got.should_continue_running()),
                (run, keep),
                "{title}"
            );
        }
        let host = PodSpec {
            host_network: Some(true),
            ..PodSpec::default()
        };
        let n = node(
            "node-1",
            &[],
            &[("node.kubernetes.io/network-unavailable", "NoSchedule")],
        );
        assert_eq!(
            node_should_run(&host, &n),
            Placement::Runs,
            "host network tolerates it"
        );
    }

    #[test]
    fn daemon_tolerations_should_replace_the_same_toleration_and_add_the_rest() {
        let mut spec = PodSpec::default();
        spec.tolerations.push(Toleration {
            key: "node.kubernetes.io/not-ready".into(),
            operator: Some("Exists".into()),
            effect: "NoExecute".into(),
            toleration_seconds: Some(300),
            ..Toleration::default()
        });
        add_daemon_tolerations(&mut spec);
        add_daemon_tolerations(&mut spec);
        let keys: Vec<(&str, &str, Option<i64>)> = spec
            .tolerations
            .iter()
            .map(|t| (t.key.as_str(), t.effect.as_str(), t.toleration_seconds))
            .collect();
        assert_eq!(keys.len(), 6, "{keys:?}");
        assert_eq!(keys[0], ("node.kubernetes.io/not-ready", "NoExecute", None));
        assert_eq!(
            keys[5],
            ("node.kubernetes.io/unschedulable", "NoSchedule", None)
        );
    }
}
