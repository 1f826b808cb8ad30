//! The manifest editor: highlighted YAML with line numbers, problems underlined at their lines
//! with the API server's words beside them and in a list with a plain explanation, and Apply
//! (Ctrl/Cmd+Enter) at the playhead.

use crate::api::manifest::ManifestError;
use crate::app::{AppAction, AppState};
use crate::i18n::{self, Lang, Ui};
use crate::yaml::highlight::{highlight, Token};
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`Editor`]: only what it shows, so that playback does not redraw it.
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// Language.
    pub lang: Lang,
    /// The learner's text.
    pub text: String,
    /// Problems in it.
    pub diagnostics: Rc<Vec<ManifestError>>,
    /// What the last Apply did.
    pub applied: Option<Rc<Vec<String>>>,
    /// Where edits and Apply go.
    pub dispatch: UseReducerDispatcher<AppState>,
}

fn token_class(t: Token) -> &'static str {
    match t {
        Token::Space | Token::Plain => "t-plain",
        Token::Key => "t-key",
        Token::Punct => "t-punct",
        Token::Str => "t-str",
        Token::Num => "t-num",
        Token::Literal => "t-lit",
        Token::Anchor => "t-anchor",
        Token::Comment => "t-comment",
    }
}

/// The YAML editor: a transparent textarea over its highlighted copy.
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let lang = props.lang;
    let oninput = {
        let d = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            d.dispatch(AppAction::Edit(area.value()));
        })
    };
    let onkeydown = {
        let d = props.dispatch.clone();
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
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(AppAction::Apply))
    };
    // Each line's first problem (line 0 means the whole text; it is only listed below).
    let mut problems: BTreeMap<u32, String> = BTreeMap::new();
    for d in props.diagnostics.iter().filter(|d| d.loc.line > 0) {
        problems.entry(d.loc.line).or_insert_with(|| d.to_string());
    }
    let highlighted = highlight(&props.text);
    let lines = highlighted.len().max(1) as u32;
    // As wide as the longest line, so that the text and its highlighted copy scroll together.
    let cols = props
        .text
        .split('\n')
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let ok = props.diagnostics.is_empty();
    html! {
        <section class="editor" aria-label={lang.t(Ui::Editor)}>
            <h2>{ lang.t(Ui::Manifest) }</h2>
            <div class="code">
                <pre class="gutter" aria-hidden="true">
                    { for (1..=lines).map(|n| match problems.get(&n) {
                        Some(m) => html! { <span class="bad" title={m.clone()}>{ format!("● {n}\n") }</span> },
                        None => html! { <span>{ format!("{n}\n") }</span> },
                    }) }
                </pre>
                <div class="layers">
                    <pre class="highlight" aria-hidden="true">
                        { for highlighted.iter().enumerate().map(|(i, pieces)| {
                            let problem = problems.get(&(i as u32 + 1));
                            html! {
                                <span class={classes!("line", problem.is_some().then_some("bad"))}>
                                    { for pieces.iter().map(|(t, s)| html! { <span class={token_class(*t)}>{ *s }</span> }) }
                                    if let Some(m) = problem { <span class="lens">{ format!("  ← {m}") }</span> }
                                    { "\n" }
                                </span>
                            }
                        }) }
                    </pre>
                    <textarea aria-label={lang.t(Ui::Manifest)} spellcheck="false" value={props.text.clone()} {oninput} {onkeydown}
                        class={classes!((!ok).then_some("invalid"))} rows={(lines + 2).to_string()} cols={cols.to_string()} />
                </div>
            </div>
            <div class="editor-bar">
                <button class="apply" disabled={!ok} onclick={onapply}>{ lang.t(Ui::Apply) }</button>
                <span class="muted">{ lang.t(Ui::ApplyHint) }</span>
            </div>
            <div class="diagnostics" role="status" aria-label={lang.t(Ui::Problems)}>
                if ok {
                    <p class="ok">{ lang.t(Ui::Valid) }</p>
                } else {
                    <h3>{ lang.t(Ui::WouldReject) }</h3>
                    <ul>
                        { for props.diagnostics.iter().map(|d| html! {
                            <li data-line={d.loc.line.to_string()}>
                                <code class="where">{ format!("{}:{}", d.loc.line, d.loc.column) }</code>
                                <code class="msg">{ d.to_string() }</code>
                                if let Some(why) = i18n::explain(d, lang) { <p class="why-plain">{ why }</p> }
                            </li>
                        }) }
                    </ul>
                }
                if let Some(applied) = &props.applied {
                    if applied.is_empty() {
                        <p class="ok">{ lang.t(Ui::Applied) }</p>
                    } else {
                        <ul class="refused">{ for applied.iter().map(|m| html! { <li><code>{ m }</code></li> }) }</ul>
                    }
                }
            </div>
        </section>
    }
}
