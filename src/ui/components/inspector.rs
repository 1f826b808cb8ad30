//! The inspector: a pod's or node's live YAML and events (like `kubectl describe`), and
//! buttons that inject failures or node changes at the playhead (each forks the run).

use super::actions::object_actions;
use super::nodeconsole::NodeConsole;
use crate::i18n::Text;
use crate::model::Kind;
use crate::ui::state::{AppAction, AppState};
use yew::prelude::*;

/// Props of [`Inspector`].
#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
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
    let buttons = html! {
        { for object_actions(*kind, name, state.frame.as_deref()).into_iter().map(|a| {
            act(a.name, a.text, AppAction::Inject(a.action))
        }) }
    };
    html! {
        <section class="inspector" aria-label="Inspector">
            <header><h2>{ format!("{}/{name}", kind.lower()) }</h2>{ close }</header>
            <div class="actions">{ buttons }</div>
            if *kind == Kind::Node {
                <NodeConsole state={state.clone()} node={name.clone()} />
            }
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
