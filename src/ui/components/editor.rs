//! The manifest editor: highlighted YAML with line numbers that stay put when the text scrolls
//! sideways, problems underlined at their lines with the API server's words beside them, Tab
//! that indents (Escape, then Tab, leaves, as code editors do), and Apply (Ctrl/Cmd+Enter) at
//! the playhead. Under it, one verdict at a time ([`Verdict`]).

use crate::api::manifest::ManifestError;
use crate::app::{AppAction, AppState};
use crate::i18n::{self, Lang, Say, Ui};
use crate::sim::format_duration;
use crate::ui::state::use_app;
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

/// Two spaces: YAML forbids tabs for indentation.
const INDENT: &str = "  ";

/// The YAML editor: a transparent textarea over its highlighted copy.
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let lang = props.lang;
    // Escape lets the next Tab leave the editor instead of indenting.
    let escaped = use_mut_ref(|| false);
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
            let was_escaped = std::mem::replace(&mut *escaped.borrow_mut(), false);
            match e.key().as_str() {
                "Enter" if e.ctrl_key() || e.meta_key() => {
                    e.prevent_default();
                    d.dispatch(AppAction::Apply);
                }
                "Escape" => *escaped.borrow_mut() = true,
                "Tab" if !was_escaped && !e.shift_key() => {
                    e.prevent_default();
                    let area: HtmlTextAreaElement = e.target_unchecked_into();
                    let (start, end) = (
                        area.selection_start().ok().flatten().unwrap_or(0),
                        area.selection_end().ok().flatten().unwrap_or(0),
                    );
                    if area
                        .set_range_text_with_start_and_end(INDENT, start, end)
                        .is_ok()
                    {
                        let caret = start + INDENT.len() as u32;
                        let _ = area.set_selection_range(caret, caret);
                        d.dispatch(AppAction::Edit(area.value()));
                    }
                }
                _ => {}
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
    // Containers whose program podlab does not interpret (only once the text is valid).
    let warned: BTreeMap<u32, String> = if ok {
        crate::app::program_warnings(&props.text)
            .into_iter()
            .map(|(loc, w)| (loc.line, i18n::explain::program_warning(&w, lang)))
            .collect()
    } else {
        BTreeMap::new()
    };
    html! {
        <section class="editor" aria-label={lang.t(Ui::Editor)}>
            <h2>{ lang.t(Ui::Manifest) }</h2>
            <div class="code">
                <pre class="gutter" aria-hidden="true">
                    { for (1..=lines).map(|n| match (problems.get(&n), warned.get(&n)) {
                        (Some(m), _) => html! { <span class="bad" title={m.clone()}>{ format!("● {n}\n") }</span> },
                        (None, Some(m)) => html! { <span class="warn" title={m.clone()}>{ format!("▲ {n}\n") }</span> },
                        (None, None) => html! { <span>{ format!("{n}\n") }</span> },
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
            <Verdict />
        </section>
    }
}

/// A frame (so the preview is worked out again only when the moment or the text changes).
#[derive(PartialEq)]
struct Moment(Option<Rc<crate::frame::Frame>>, String);

/// One verdict at a time: the problems in the text; or, right after an Apply, what it did; or
/// what `kubectl apply` of the text would do at the playhead. A refusal says the way forward.
#[component]
fn Verdict() -> Html {
    let state = use_app();
    let lang = state.lang;
    let preview = {
        let s = state.clone();
        use_memo(Moment(state.frame.clone(), state.text.clone()), move |_| {
            s.apply_preview()
        })
    };
    if !state.diagnostics.is_empty() {
        return html! {
            <div class="verdict" role="status" aria-label={lang.t(Ui::Problems)}>
                <h3>{ lang.t(Ui::WouldReject) }</h3>
                <ul class="problems">
                    { for state.diagnostics.iter().map(|d| html! {
                        <li data-line={d.loc.line.to_string()}>
                            if d.loc.line > 0 {
                                <code class="where">{ format!("{}:{}", d.loc.line, d.loc.column) }</code>
                            }
                            <code class="msg">{ d.to_string() }</code>
                            if let Some(why) = i18n::explain(d, lang) { <p class="why-plain">{ why }</p> }
                        </li>
                    }) }
                </ul>
            </div>
        };
    }
    let warnings = crate::app::program_warnings(&state.text);
    let warnings_html = if warnings.is_empty() {
        html! {}
    } else {
        html! {
            <div class="program-warnings">
                <h3>{ lang.t(Ui::NotInterpreted) }</h3>
                <ul class="problems">
                    { for warnings.iter().map(|(loc, w)| html! {
                        <li data-line={loc.line.to_string()}>
                            <code class="where">{ format!("{}:{}", loc.line, loc.column) }</code>
                            <code class="msg">{ w.path.clone() }</code>
                            <p class="why-plain">{ i18n::explain::program_warning(w, lang) }</p>
                        </li>
                    }) }
                </ul>
            </div>
        }
    };
    let now = format_duration(state.cursor.0 / 1000 * 1000);
    let (heading, done, refused, immutable): (String, Vec<String>, Vec<String>, Vec<_>) =
        match state.applied.as_ref().filter(|a| a.at == state.cursor) {
            Some(a) => (
                lang.say(Say::AppliedAt(&now)),
                a.done.clone(),
                a.refused.clone(),
                a.immutable.clone(),
            ),
            None => match preview.as_ref() {
                Some(p) => (
                    lang.say(Say::ApplyWould(&now)),
                    p.done.clone(),
                    p.refused.iter().map(|(k, _)| k.clone()).collect(),
                    p.refused
                        .iter()
                        .filter(|(_, r)| r.immutable)
                        .map(|(_, r)| (r.kind, r.name.clone()))
                        .collect(),
                ),
                None => {
                    return html! { <div class="verdict" role="status" aria-label={lang.t(Ui::Problems)}>{ warnings_html }</div> }
                }
            },
        };
    let act = |action: AppAction| {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(action.clone()))
    };
    let refused_now = !refused.is_empty();
    html! {
        <div class={classes!("verdict", refused_now.then_some("refused"))} role="status" aria-label={lang.t(Ui::Problems)}>
            <p class={if refused_now { "bad" } else { "ok" }}>{ if refused_now { lang.t(Ui::ApplyRefused).to_string() } else { heading } }</p>
            if !done.is_empty() {
                <pre class="kubectl-out">{ done.join("\n") }</pre>
            }
            if refused_now {
                <pre class="kubectl-err">{ refused.join("\n") }</pre>
            }
            { warnings_html }
            if let Some((kind, _)) = immutable.first() {
                <div class="way-forward">
                    <h4>{ lang.t(Ui::WayForward) }</h4>
                    <p>{ i18n::explain::immutable(*kind, lang) }</p>
                    <button onclick={act(AppAction::DeleteAndApply)}>{ lang.t(Ui::DeleteAndApply) }</button>
                    <button onclick={act(AppAction::RunFromStart)}>{ lang.t(Ui::RunFromStart) }</button>
                </div>
            }
        </div>
    }
}
