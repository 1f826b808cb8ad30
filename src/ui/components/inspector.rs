//! The inspector: a pod's or node's live YAML and events (like `kubectl describe`), and
//! buttons that inject failures or node changes at the playhead (each forks the run).

use super::actions::object_actions;
use super::nodeconsole::NodeConsole;
use crate::app::AppAction;
use crate::i18n::{Say, Ui};
use crate::model::Kind;
use crate::ui::state::use_app;
use yew::prelude::*;

/// The selected object.
#[component]
pub fn Inspector() -> Html {
    let state = &use_app();
    let lang = state.lang;
    // Described again only when the frame or the selection changes, not on every tick.
    let described = {
        let s = state.clone();
        use_memo((state.frame.clone(), state.selected.clone()), move |_| {
            s.describe_selected()
        })
    };
    let Some((kind, name)) = &state.selected else {
        return html! { <section class="inspector" aria-label={lang.t(Ui::Inspector)}><p class="muted">{ lang.t(Ui::InspectHint) }</p></section> };
    };
    let Some(described) = described.as_ref() else {
        return html! { <section class="inspector" aria-label={lang.t(Ui::Inspector)}><p class="muted">{ lang.say(Say::NotFound(&format!("{}/{name}", kind.lower()))) }</p></section> };
    };
    let act = |text: Ui, action: AppAction| {
        let d = state.dispatcher();
        let onclick = Callback::from(move |_: MouseEvent| d.dispatch(action.clone()));
        html! { <button {onclick}>{ lang.t(text) }</button> }
    };
    let close = act(Ui::Close, AppAction::Select(None));
    let buttons = html! {
        { for object_actions(*kind, name, state.frame.as_deref()).into_iter().map(|a| {
            act(a.text, AppAction::Inject(a.action))
        }) }
    };
    html! {
        <section class="inspector" aria-label={lang.t(Ui::Inspector)}>
            <header><h2>{ format!("{}/{name}", kind.lower()) }</h2>{ close }</header>
            <div class="actions">{ buttons }</div>
            if *kind == Kind::Node {
                <NodeConsole node={name.clone()} />
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
