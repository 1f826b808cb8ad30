//! The node console in the inspector: `kubectl label node <n> …` and `kubectl taint node <n> …`
//! typed as on a real cluster, checked with kubectl's rules (`scenario::nodecmd`); a valid
//! command becomes a node change at the playhead (which forks the run), an invalid one shows
//! kubectl's error and keeps the text.

use crate::app::AppAction;
use crate::i18n::Ui;
use crate::scenario::nodecmd;
use crate::scenario::Action;
use crate::ui::state::use_app;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`NodeConsole`].
#[derive(Properties, PartialEq)]
pub struct NodeConsoleProps {
    /// The node.
    pub node: String,
}

/// Which kubectl verb a row runs.
#[derive(Clone, Copy, PartialEq)]
enum Verb {
    Label,
    Taint,
}

/// Two command lines for the selected node.
#[component]
pub fn NodeConsole(props: &NodeConsoleProps) -> Html {
    let state = use_app();
    let lang = state.lang;
    let error = use_state(|| None::<String>);
    let (label_ref, taint_ref) = (use_node_ref(), use_node_ref());
    let row = |verb: Verb, input: NodeRef| {
        let run = {
            let (state, node, input, error) = (
                state.clone(),
                props.node.clone(),
                input.clone(),
                error.clone(),
            );
            move || {
                let Some(el) = input.cast::<HtmlInputElement>() else {
                    return;
                };
                let spec = el.value();
                let Some(n) = state.node_at_playhead(&node) else {
                    error.set(Some(format!(
                        "Error from server (NotFound): nodes {node:?} not found"
                    )));
                    return;
                };
                let parsed: Result<Action, String> = match verb {
                    Verb::Label => nodecmd::label(&n, &spec),
                    Verb::Taint => nodecmd::taint(&n, &spec),
                };
                match parsed {
                    Ok(action) => {
                        error.set(None);
                        el.set_value("");
                        state.dispatch(AppAction::Inject(action));
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
        };
        let onkeydown = {
            let run = run.clone();
            Callback::from(move |e: KeyboardEvent| {
                e.stop_propagation();
                if e.key() == "Enter" {
                    run();
                }
            })
        };
        let onclick = Callback::from(move |_: MouseEvent| run());
        let (cmd, placeholder, aria) = match verb {
            Verb::Label => ("label", "disktype=ssd  ·  disktype-", "kubectl label"),
            Verb::Taint => (
                "taint",
                "dedicated=gpu:NoSchedule  ·  dedicated-",
                "kubectl taint",
            ),
        };
        html! {
            <div class="console-row">
                <code>{ format!("$ kubectl {cmd} node {}", props.node) }</code>
                <input ref={input} type="text" aria-label={aria} placeholder={placeholder} spellcheck="false" {onkeydown} />
                <button aria-label={format!("{} {aria}", lang.t(Ui::Run))} {onclick}>{ lang.t(Ui::Run) }</button>
            </div>
        }
    };
    html! {
        <div class="node-console" role="group" aria-label={lang.t(Ui::NodeConsole)}>
            { row(Verb::Label, label_ref.clone()) }
            { row(Verb::Taint, taint_ref.clone()) }
            if let Some(e) = &*error {
                <pre class="console-error" role="alert">{ e.clone() }</pre>
            }
            <p class="muted hint">{ lang.t(Ui::NodeConsoleHint) }</p>
        </div>
    }
}
