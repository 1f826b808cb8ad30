//! The inspector: a pod's or node's live YAML and events (like `kubectl describe`), and
//! buttons that inject failures or node changes at the playhead (each forks the run).

use crate::i18n::Text;
use crate::model::Kind;
use crate::scenario::{Action, NodeDef};
use crate::ui::state::{AppAction, AppState};
use yew::prelude::*;

/// Props of [`Inspector`].
#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
}

fn node_def(name: &str) -> NodeDef {
    NodeDef {
        name: name.to_string(),
        ..NodeDef::default()
    }
}

/// The selected object.
#[component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    // Described again only when the frame or the selection changes, not on every tick.
    let described = {
        let s = state.clone();
        use_memo((state.frame.clone(), state.selected.clone()), move |_| {
            s.describe_selected()
        })
    };
    let Some((kind, name)) = &state.selected else {
        return html! { <section class="inspector" aria-label="Inspector"><p class="muted">{ Text::InspectHint.get(lang) }</p></section> };
    };
    let Some(described) = described.as_ref() else {
        return html! { <section class="inspector" aria-label="Inspector"><p class="muted">{ format!("{}/{name}: not found", kind.lower()) }</p></section> };
    };
    let act = |label: &'static str, text: Text, action: AppAction| {
        let d = state.dispatcher();
        let onclick = Callback::from(move |_: MouseEvent| d.dispatch(action.clone()));
        html! { <button aria-label={label} {onclick}>{ text.get(lang) }</button> }
    };
    let close = act("Close", Text::Close, AppAction::Select(None));
    let buttons = match kind {
        Kind::Pod => html! { <>
            { act("Container exits 1", Text::ExitOne, AppAction::Inject(Action::ExitContainer { pod: name.clone(), exit_code: 1 })) }
            { act("Container exits 0", Text::ExitZero, AppAction::Inject(Action::ExitContainer { pod: name.clone(), exit_code: 0 })) }
            { act("Delete pod", Text::DeletePod, AppAction::Inject(Action::Delete { kind: Kind::Pod, name: name.clone() })) }
        </> },
        Kind::Node => {
            let node = state
                .frame
                .as_ref()
                .and_then(|f| f.nodes.iter().find(|n| n.name == *name).cloned());
            let ready = node.as_ref().is_none_or(|n| n.ready);
            let cordoned = node.as_ref().is_some_and(|n| n.cordoned);
            let ready_action = AppAction::Inject(Action::SetNode(NodeDef {
                ready: Some(!ready),
                ..node_def(name)
            }));
            let cordon_action = AppAction::Inject(Action::SetNode(NodeDef {
                unschedulable: Some(!cordoned),
                ..node_def(name)
            }));
            html! { <>
                if ready { { act("Mark NotReady", Text::MarkNotReady, ready_action) } } else { { act("Mark Ready", Text::MarkReady, ready_action) } }
                if cordoned { { act("Uncordon", Text::Uncordon, cordon_action) } } else { { act("Cordon", Text::Cordon, cordon_action) } }
                { act("Remove node", Text::RemoveNode, AppAction::Inject(Action::RemoveNode(name.clone()))) }
            </> }
        }
        _ => html! {},
    };
    html! {
        <section class="inspector" aria-label="Inspector">
            <header><h2>{ format!("{}/{name}", kind.lower()) }</h2>{ close }</header>
            <div class="actions">{ buttons }</div>
            if !described.events.is_empty() {
                <ul class="object-events">
                    { for described.events.iter().map(|e| html! {
                        <li class={classes!((e.type_ == "Warning").then_some("warning"))}><code>{ format!("{} {} {}", e.last_seen, e.reason, e.message) }</code></li>
                    }) }
                </ul>
            }
            <pre class="yaml">{ described.yaml.clone() }</pre>
        </section>
    }
}
