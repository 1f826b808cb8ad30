//! What a learner can do to a pod or a node at the playhead (each forks the run): the one list
//! behind the inspector's buttons and the cluster's right-click menu.

use crate::frame::Frame;
use crate::i18n::Ui;
use crate::model::Kind;
use crate::scenario::{Action, NodeDef};

/// One action: its label (also its accessible name), and what it does.
pub struct ObjectAction {
    /// The label.
    pub text: Ui,
    /// The step it runs.
    pub action: Action,
}

fn node_def(name: &str) -> NodeDef {
    NodeDef {
        name: name.to_string(),
        ..NodeDef::default()
    }
}

/// The actions for a pod or node, given the frame (a node's actions depend on its state).
pub fn object_actions(kind: Kind, name: &str, frame: Option<&Frame>) -> Vec<ObjectAction> {
    let act = |text, action| ObjectAction { text, action };
    match kind {
        Kind::Pod => {
            // A pod is shown as `namespace/name` outside the default namespace.
            let (namespace, pod) = crate::api::parse_display_name(Kind::Pod, name);
            let exit = |exit_code| Action::ExitContainer {
                namespace: namespace.clone(),
                pod: pod.clone(),
                exit_code,
            };
            vec![
                act(Ui::ExitOne, exit(1)),
                act(Ui::ExitZero, exit(0)),
                act(
                    Ui::ImageUnpullable,
                    Action::BreakImage(
                        frame
                            .and_then(|f| {
                                f.nodes
                                    .iter()
                                    .flat_map(|n| n.pods.iter())
                                    .chain(f.pending.iter())
                                    .find(|p| p.name == name)
                            })
                            .map(|p| p.image.clone())
                            .unwrap_or_default(),
                    ),
                ),
                act(
                    Ui::DeletePod,
                    Action::Delete {
                        kind: Kind::Pod,
                        namespace: namespace.clone(),
                        name: pod.clone(),
                    },
                ),
            ]
        }
        Kind::Node => {
            let node = frame.and_then(|f| f.nodes.iter().find(|n| n.name == name));
            let ready = node.is_none_or(|n| n.ready);
            let cordoned = node.is_some_and(|n| n.cordoned);
            let set_ready = Action::SetNode(NodeDef {
                ready: Some(!ready),
                ..node_def(name)
            });
            let set_cordon = Action::SetNode(NodeDef {
                unschedulable: Some(!cordoned),
                ..node_def(name)
            });
            vec![
                if ready {
                    act(Ui::MarkNotReady, set_ready)
                } else {
                    act(Ui::MarkReady, set_ready)
                },
                if cordoned {
                    act(Ui::Uncordon, set_cordon)
                } else {
                    act(Ui::Cordon, set_cordon)
                },
                act(Ui::RemoveNode, Action::RemoveNode(name.to_string())),
            ]
        }
        _ => Vec::new(),
    }
}
