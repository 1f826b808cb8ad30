//! The manifest editor: line numbers, problems marked at their lines with the API server's
//! words and a plain explanation, and Apply (Ctrl/Cmd+Enter) at the playhead.

use crate::i18n::{self, Text};
use crate::ui::state::{AppAction, AppState};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
}

/// The YAML editor.
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let oninput = {
        let d = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            d.dispatch(AppAction::Edit(area.value()));
        })
    };
    let onkeydown = {
        let d = state.dispatcher();
        Callback::from(move |e: KeyboardEvent| {
            // Typing must not reach the page's playback shortcuts.
            e.stop_propagation();
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                d.dispatch(AppAction::Apply);
            }
        })
    };
    let onapply = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(AppAction::Apply))
    };
    let bad_lines: Vec<u32> = state.diagnostics.iter().map(|d| d.line).collect();
    let lines = state.text.lines().count().max(1) as u32;
    let ok = state.diagnostics.is_empty();
    html! {
        <section class="editor" aria-label="Editor">
            <h2>{ Text::Manifest.get(lang) }</h2>
            <div class="code">
                <pre class="gutter" aria-hidden="true">
                    { for (1..=lines).map(|n| html! {
                        <span class={classes!(bad_lines.contains(&n).then_some("bad"))}>{ format!("{n}\n") }</span>
                    }) }
                </pre>
                <textarea aria-label="Manifest" spellcheck="false" value={state.text.clone()} {oninput} {onkeydown}
                    class={classes!((!ok).then_some("invalid"))} rows={(lines + 2).to_string()} />
            </div>
            <div class="editor-bar">
                <button class="apply" aria-label="Apply" disabled={!ok} onclick={onapply}>{ Text::Apply.get(lang) }</button>
                <span class="muted">{ Text::ApplyHint.get(lang) }</span>
            </div>
            <div class="diagnostics" role="status" aria-label="Problems">
                if ok {
                    <p class="ok">{ Text::Valid.get(lang) }</p>
                } else {
                    <h3>{ Text::Problems.get(lang) }</h3>
                    <ul>
                        { for state.diagnostics.iter().map(|d| html! {
                            <li data-line={d.line.to_string()}>
                                <code class="where">{ format!("{}:{}", d.line, d.column) }</code>
                                <code class="msg">{ &d.message }</code>
                                if let Some(why) = i18n::explain(&d.message, lang) { <p class="why-plain">{ why }</p> }
                            </li>
                        }) }
                    </ul>
                }
                if let Some(applied) = &state.applied {
                    if applied.is_empty() {
                        <p class="ok">{ Text::Applied.get(lang) }</p>
                    } else {
                        <ul class="refused">{ for applied.iter().map(|m| html! { <li><code>{ m }</code></li> }) }</ul>
                    }
                }
            </div>
        </section>
    }
}
