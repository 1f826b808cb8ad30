//! Compare: what runs beside this one (this scenario with the editor's YAML, or any built-in
//! scenario), on the same clock.

use super::header::builtin_titles;
use super::{ClusterView, EventsPanel, TimelineView};
use crate::app::{AppAction, CompareWith};
use crate::builtin::BUILTINS;
use crate::i18n::{Bilingual, Say, Ui};
use crate::ui::state::use_app;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// What is being compared: A (this run) and a picker for B.
#[component]
pub fn CompareBar() -> Html {
    let state = &use_app();
    let lang = state.lang;
    let titles = use_memo((), |_| builtin_titles());
    let Some(run) = &state.compare else {
        return html! {};
    };
    let onchange = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let v = select.value();
            dispatch.dispatch(AppAction::Compare(Some(if v == "editor" {
                CompareWith::Editor
            } else {
                CompareWith::Builtin(v)
            })))
        })
    };
    let onstop = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(AppAction::Compare(None)))
    };
    let selected = match &run.with {
        CompareWith::Editor => "editor".to_string(),
        CompareWith::Builtin(id) => id.clone(),
    };
    html! {
        <section class="compare-bar" aria-label={lang.t(Ui::Comparison)}>
            <span><strong>{ "A" }</strong>{ lang.t(Ui::ThisRun) }</span>
            <label>
                <strong>{ "B" }</strong>
                <select aria-label={lang.t(Ui::CompareWith)} {onchange}>
                    <option value="editor" selected={selected == "editor"}>{ lang.t(Ui::CompareEditor) }</option>
                    { for BUILTINS.iter().zip(titles.iter()).map(|(b, title)| html! {
                        <option value={b.id} selected={selected == b.id}>{ title.get(lang) }</option>
                    }) }
                </select>
            </label>
            <span class="muted">{ lang.t(Ui::OneClock) }</span>
            <button onclick={onstop}>{ lang.t(Ui::StopComparing) }</button>
        </section>
    }
}

/// B's title: its scenario, and whether it runs the editor's YAML.
fn title_of(run: &crate::app::CompareRun, lang: crate::i18n::Lang) -> String {
    let t = run.title.get(lang);
    let t = match run.with {
        CompareWith::Editor => lang.say(Say::WithEditorYaml(t)),
        CompareWith::Builtin(_) => t.to_string(),
    };
    format!("B · {t}")
}

/// B's cluster, beside A's (read-only: no clicks, no changes).
#[component]
pub fn CompareRun() -> Html {
    let state = use_app();
    let lang = state.lang;
    let Some((run, frame)) = state
        .compare
        .as_ref()
        .and_then(|c| c.frame.clone().map(|f| (c, f)))
    else {
        return html! {};
    };
    html! {
        <ClusterView {frame} {lang} onselect={Callback::noop()} onaddnode={Callback::noop()} oninject={Callback::noop()} highlight={None::<String>} compare={AttrValue::from(title_of(run, lang))} />
    }
}

/// B's timeline and events, under A's.
#[component]
pub fn CompareDetails() -> Html {
    let state = use_app();
    let lang = state.lang;
    let Some((run, frame)) = state
        .compare
        .as_ref()
        .and_then(|c| c.frame.clone().map(|f| (c, f)))
    else {
        return html! {};
    };
    let label = AttrValue::from(title_of(run, lang));
    html! {
        <>
            <TimelineView sim={run.sim.clone()} label={label.clone()} />
            <EventsPanel {frame} {lang} label={label} />
        </>
    }
}
