//! The page's header: podlab's name, the scenario picker and the actions (presenter mode,
//! Share with its confirmation, Compare, Fidelity, the shortcuts, the language). It wraps onto
//! more lines on a narrow screen, so every action stays reachable.

use super::dialog::Dialog;
use crate::app::{AppAction, AppState, CompareWith};
use crate::builtin::BUILTINS;
use crate::i18n::{Bilingual, Lang, Ui};
use crate::ui::state::use_app;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Every built-in scenario's title, parsed from its file.
pub fn builtin_titles() -> Vec<crate::scenario::Localized> {
    BUILTINS
        .iter()
        .map(|b| crate::scenario::title(b.text))
        .collect()
}

/// Props of [`ScenarioPicker`].
#[derive(Properties, PartialEq)]
struct PickerProps {
    lang: Lang,
    selected: &'static str,
}

/// The built-in scenarios by title (each title parsed from its file once).
#[component]
fn ScenarioPicker(props: &PickerProps) -> Html {
    let state = use_app();
    let titles = use_memo((), |_| builtin_titles());
    let onchange = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            dispatch.dispatch(AppAction::Load(select.value()));
        })
    };
    html! {
        <label class="picker">
            <span>{ props.lang.t(Ui::Scenario) }</span>
            <select aria-label={props.lang.t(Ui::Scenario)} {onchange}>
                if props.selected == crate::share::CUSTOM {
                    <option value={crate::share::CUSTOM} selected=true>{ props.lang.t(Ui::ImportedScenario) }</option>
                }
                { for BUILTINS.iter().zip(titles.iter()).map(|(b, title)| html! {
                    <option value={b.id} selected={b.id == props.selected}>{ title.get(props.lang) }</option>
                }) }
            </select>
        </label>
    }
}

/// Writes the moment into the page address, copies the address, and says what happened.
fn share(state: &AppState, said: UseStateHandle<Option<Ui>>) {
    let link = state.share_link();
    let Some(window) = web_sys::window() else {
        return;
    };
    let _ = window.location().set_hash(&link);
    let Ok(href) = window.location().href() else {
        return;
    };
    let copied = window.navigator().clipboard().write_text(&href);
    yew::platform::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(copied).await.is_ok();
        said.set(Some(if ok {
            Ui::ShareCopied
        } else {
            Ui::ShareInAddress
        }));
        // The confirmation goes away by itself.
        crate::ui::timer::sleep(4_000).await;
        said.set(None);
    });
}

/// The header.
#[component]
pub fn Header() -> Html {
    let state = use_app();
    let lang = state.lang;
    let fidelity = use_state(|| false);
    let embedding = use_state(|| false);
    let onembed = {
        let embedding = embedding.clone();
        Callback::from(move |_: MouseEvent| embedding.set(true))
    };
    let closeembed = {
        let embedding = embedding.clone();
        Callback::from(move |_| embedding.set(false))
    };
    let shared = use_state(|| None::<Ui>);
    let act = |action: AppAction| {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(action.clone()))
    };
    let onshare = {
        let (state, shared) = (state.clone(), shared.clone());
        Callback::from(move |_: MouseEvent| share(&state, shared.clone()))
    };
    let onfidelity = {
        let fidelity = fidelity.clone();
        Callback::from(move |_: MouseEvent| fidelity.set(true))
    };
    let closefidelity = {
        let fidelity = fidelity.clone();
        Callback::from(move |_| fidelity.set(false))
    };
    let compare = AppAction::Compare(state.compare.is_none().then_some(CompareWith::Editor));
    html! {
        <header class="top">
            <div class="brand">
                <h1>{ "podlab" }</h1>
                <p class="tagline">{ lang.t(Ui::Tagline) }</p>
            </div>
            <ScenarioPicker {lang} selected={state.picked()} />
            <div class="actions" role="group" aria-label={lang.t(Ui::PageActions)}>
                <button aria-label={lang.t(Ui::Presenter)} aria-pressed={state.presenter.to_string()} title={lang.t(Ui::Presenter)} onclick={act(AppAction::TogglePresenter)}>
                    <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M3 4h18v12H3zm2 2v8h14V6zM8 19h8v2H8z" /></svg>
                </button>
                <button title={lang.t(Ui::ShareTitle)} onclick={onshare}>{ lang.t(Ui::Share) }</button>
                <button title={lang.t(Ui::EmbedTitle)} onclick={onembed}>{ lang.t(Ui::Embed) }</button>
                <button aria-pressed={state.compare.is_some().to_string()} title={lang.t(Ui::CompareTitle)} onclick={act(compare)}>{ lang.t(Ui::Compare) }</button>
                <button title={lang.t(Ui::FidelityTitle)} onclick={onfidelity}>{ lang.t(Ui::Fidelity) }</button>
                <button aria-label={lang.t(Ui::Shortcuts)} title={lang.t(Ui::Shortcuts)} onclick={act(AppAction::ToggleHelp)}>{ "?" }</button>
                <button class="lang" aria-label={lang.t(Ui::Language)} title={lang.t(Ui::Language)} onclick={act(AppAction::SetLang(lang.other()))}>
                    { lang.t(Ui::OtherLanguage) }
                </button>
            </div>
            <p class="share-note" role="status">{ shared.map(|u| lang.t(u)).unwrap_or_default() }</p>
            if *embedding {
                <super::EmbedDialog onclose={closeembed} />
            }
            if *fidelity {
                <Dialog label={lang.t(Ui::Fidelity)} onclose={closefidelity.clone()} class={classes!("fidelity")}>
                    <h2>{ lang.t(Ui::Simulated) }</h2>
                    <ul>{ for crate::fidelity::SIMULATED.iter().map(|e| html! { <li>{ e.get(lang) }</li> }) }</ul>
                    <h2>{ lang.t(Ui::AcceptedOnly) }</h2>
                    <ul>{ for crate::fidelity::ACCEPTED_ONLY.iter().map(|e| html! { <li>{ e.get(lang) }</li> }) }</ul>
                    <button onclick={closefidelity.reform(|_: MouseEvent| ())}>{ lang.t(Ui::Close) }</button>
                </Dialog>
            }
        </header>
    }
}

/// The shortcuts, as `?` lists them.
const SHORTCUTS: [(&str, Ui); 13] = [
    ("Space", Ui::KeyPlay),
    ("→ / PageDown", Ui::KeyStepForward),
    ("← / PageUp", Ui::KeyStepBack),
    ("N", Ui::KeyNext),
    ("Home", Ui::KeyHome),
    ("Ctrl+Enter", Ui::KeyApply),
    ("→ ← / PageDown PageUp", Ui::KeyLessonStep),
    ("1–4", Ui::KeyAnswer),
    ("P", Ui::KeyPresenter),
    ("Escape", Ui::KeyEscape),
    ("Escape, Tab", Ui::KeyLeaveEditor),
    ("Shift+F10", Ui::KeyMenu),
    ("?", Ui::KeyHelp),
];

/// The keyboard help, while it is open.
#[component]
pub fn HelpDialog() -> Html {
    let state = use_app();
    if !state.help {
        return html! {};
    }
    let lang = state.lang;
    let close = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(AppAction::ToggleHelp))
    };
    html! {
        <Dialog label={lang.t(Ui::Shortcuts)} onclose={close.clone()}>
            <h2>{ lang.t(Ui::Shortcuts) }</h2>
            <table>
                { for SHORTCUTS.iter().map(|(k, what)| html! { <tr><td><kbd>{ *k }</kbd></td><td>{ lang.t(*what) }</td></tr> }) }
            </table>
            <button onclick={close.reform(|_: MouseEvent| ())}>{ lang.t(Ui::Close) }</button>
        </Dialog>
    }
}
