//! The root component: header, scenario picker, controls, the panels; the playback clock.

use super::clock::FrameClock;
use super::components::{
    ActivityFeed, ClusterView, Console, ControlPlane, ControllerPanel, Controls, CronRulers,
    Editor, EventsPanel, FileTools, Inspector, Legend, Lessons, RolloutBoard, TablesPanel,
    TimelineView,
};
use super::state::{use_app, AppContext};
use crate::app::{AppAction, AppState, CompareWith};
use crate::builtin::BUILTINS;
use crate::i18n::{notice, Bilingual, Lang, Say, Ui};
use crate::scenario::{Action, NodeDef};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

const LANG_KEY: &str = "podlab.lang";
const SCENARIO_KEY: &str = "podlab.scenario";

fn stored_lang() -> Lang {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    match stored {
        Some(code) => Lang::from_code(&code),
        None => {
            let browser = web_sys::window()
                .and_then(|w| w.navigator().language())
                .unwrap_or_default();
            Lang::from_code(&browser)
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn text_key(id: &str) -> String {
    format!("podlab.text.{id}")
}

fn store_lang(lang: Lang) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
}

/// Every built-in scenario's title, parsed from its file.
fn builtin_titles() -> Vec<crate::scenario::Localized> {
    BUILTINS
        .iter()
        .map(|b| {
            crate::scenario::parse(b.text)
                .map(|s| s.title)
                .unwrap_or_default()
        })
        .collect()
}

/// Props of [`ScenarioPicker`].
#[derive(Properties, PartialEq)]
struct PickerProps {
    lang: Lang,
    selected: &'static str,
    onpick: Callback<Event>,
}

/// The built-in scenarios by title (each title parsed from its file once).
#[component]
fn ScenarioPicker(props: &PickerProps) -> Html {
    let titles = use_memo((), |_| builtin_titles());
    html! {
        <label class="picker">
            <span>{ props.lang.t(Ui::Scenario) }</span>
            <select aria-label={props.lang.t(Ui::Scenario)} onchange={props.onpick.clone()}>
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

/// What is being compared: A (this run) and a picker for B.
#[component]
fn CompareBar() -> Html {
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
        <div class="compare-bar" role="group" aria-label={lang.t(Ui::Comparison)}>
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
        </div>
    }
}

/// The page address's fragment when it is a share link.
fn shared_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.starts_with(crate::share::PREFIX).then_some(hash)
}

/// Writes the moment into the page address and copies the address.
fn share(state: &AppState) {
    let link = state.share_link();
    let Some(window) = web_sys::window() else {
        return;
    };
    let _ = window.location().set_hash(&link);
    if let Ok(href) = window.location().href() {
        let _ = window.navigator().clipboard().write_text(&href);
    }
}

/// The podlab app.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let last = storage().and_then(|s| s.get_item(SCENARIO_KEY).ok().flatten());
        let fresh = || AppState::new(stored_lang(), last.as_deref().unwrap_or(BUILTINS[0].id));
        match shared_fragment() {
            None => fresh(),
            Some(fragment) => AppState::from_link(&fragment).unwrap_or_else(|e| {
                let mut state = fresh();
                state.notice = Some(e);
                state
            }),
        }
    });
    {
        let clock = use_mut_ref(|| FrameClock::new(state.dispatcher()));
        use_effect_with(state.playing, move |playing| {
            clock.borrow().set_playing(*playing);
        });
    }
    // The language is remembered once the learner picks one; the first render only reads it,
    // so a choice stored while the page was still starting is not overwritten.
    let lang_picked = use_mut_ref(|| false);
    use_effect_with(state.lang, move |lang| {
        if std::mem::replace(&mut *lang_picked.borrow_mut(), true) {
            store_lang(*lang);
        }
        if let Some(doc) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = doc.set_attribute("lang", lang.html());
        }
    });
    // The learner's text survives reloads: restore it when a scenario loads, save every change.
    {
        let dispatch = state.dispatcher();
        use_effect_with(
            (state.scenario_id, state.lesson.is_some()),
            move |(id, in_lesson)| {
                if let Some(s) = storage() {
                    let _ = s.set_item(SCENARIO_KEY, id);
                }
                // A shared moment shows the text it carries, and a lesson step its own text, not
                // this browser's saved text.
                let saved = storage()
                    .and_then(|s| s.get_item(&text_key(id)).ok().flatten())
                    .filter(|_| shared_fragment().is_none() && !*in_lesson);
                if let Some(saved) = saved {
                    dispatch.dispatch(AppAction::Edit(saved));
                }
            },
        );
    }
    use_effect_with(
        (
            state.scenario_id,
            state.text.clone(),
            state.lesson.is_some(),
        ),
        |(id, text, in_lesson)| {
            if let (Some(s), false) = (storage(), *in_lesson) {
                let _ = s.set_item(&text_key(id), text);
            }
        },
    );
    let lang = state.lang;
    let onkeydown = {
        let dispatch = state.dispatcher();
        // With a lesson open, the arrows and a presenter's clicker (PageUp/PageDown) move
        // through its steps, and 1–4 answer its question.
        let lesson = state.lesson.as_ref().map(|v| (v.step, v.len(), v.revealed));
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let action = match (key.as_str(), lesson) {
                ("ArrowRight" | "PageDown", Some((k, n, _))) if k + 1 < n => {
                    AppAction::LessonStep(k + 1)
                }
                ("ArrowLeft" | "PageUp", Some((k, _, _))) if k > 0 => AppAction::LessonStep(k - 1),
                ("ArrowRight" | "PageDown" | "ArrowLeft" | "PageUp", Some(_)) => return,
                ("1" | "2" | "3" | "4", Some((_, _, false))) => {
                    AppAction::Answer(key.parse::<usize>().unwrap_or(1) - 1)
                }
                (" ", _) => AppAction::TogglePlay,
                ("ArrowRight" | "PageDown", None) => AppAction::StepForward,
                ("ArrowLeft" | "PageUp", None) => AppAction::StepBack,
                ("?", _) => AppAction::ToggleHelp,
                ("Escape", _) => AppAction::Select(None),
                ("p" | "P", _) => AppAction::TogglePresenter,
                ("Home", _) => AppAction::Restart,
                ("n" | "N", _) => AppAction::NextInteresting,
                _ => return,
            };
            e.prevent_default();
            dispatch.dispatch(action);
        })
    };
    let onpick = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            dispatch.dispatch(AppAction::Load(select.value()));
        })
    };
    let onlang = {
        let dispatch = state.dispatcher();
        let next = lang.other();
        Callback::from(move |_| dispatch.dispatch(AppAction::SetLang(next)))
    };
    let onselect = {
        let dispatch = state.dispatcher();
        Callback::from(move |sel: (crate::model::Kind, String)| {
            dispatch.dispatch(AppAction::Select(Some(sel)))
        })
    };
    let onaddnode = {
        let dispatch = state.dispatcher();
        Callback::from(move |name: String| {
            dispatch.dispatch(AppAction::Inject(Action::AddNode(NodeDef {
                name,
                ..NodeDef::default()
            })))
        })
    };
    let oninject = {
        let dispatch = state.dispatcher();
        Callback::from(move |action: Action| dispatch.dispatch(AppAction::Inject(action)))
    };
    let fidelity = use_state(|| false);
    let onfidelity = {
        let fidelity = fidelity.clone();
        Callback::from(move |_: MouseEvent| fidelity.set(!*fidelity))
    };
    let onshare = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| share(&state))
    };
    let oncompare = {
        let dispatch = state.dispatcher();
        let on = state.compare.is_some();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(AppAction::Compare((!on).then_some(CompareWith::Editor)))
        })
    };
    let onhelp = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(AppAction::ToggleHelp))
    };
    let onpresenter = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(AppAction::TogglePresenter))
    };
    let shortcuts: [(&str, Ui); 10] = [
        ("Space", Ui::KeyPlay),
        ("→ / PageDown", Ui::KeyStepForward),
        ("← / PageUp", Ui::KeyStepBack),
        ("N", Ui::KeyNext),
        ("Home", Ui::KeyHome),
        ("Ctrl+Enter", Ui::KeyApply),
        ("→ ← / PageDown PageUp", Ui::KeyLessonStep),
        ("1–4", Ui::KeyAnswer),
        ("P", Ui::KeyPresenter),
        ("?", Ui::KeyHelp),
    ];
    html! {
        <ContextProvider<AppContext> context={AppContext::new(state.clone())}>
        <div class={classes!("app", state.presenter.then_some("presenter"))} tabindex="0" {onkeydown}>
            <header class="top">
                <div class="brand">
                    <h1>{ "podlab" }</h1>
                    <p class="tagline">{ lang.t(Ui::Tagline) }</p>
                </div>
                <ScenarioPicker {lang} selected={state.scenario_id} onpick={onpick} />
                <button aria-label={lang.t(Ui::Presenter)} aria-pressed={state.presenter.to_string()} title={lang.t(Ui::Presenter)} onclick={onpresenter}>
                    <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M3 4h18v12H3zm2 2v8h14V6zM8 19h8v2H8z" /></svg>
                </button>
                <button title={lang.t(Ui::ShareTitle)} onclick={onshare}>{ lang.t(Ui::Share) }</button>
                <button aria-pressed={state.compare.is_some().to_string()} title={lang.t(Ui::CompareTitle)} onclick={oncompare}>{ lang.t(Ui::Compare) }</button>
                <button title={lang.t(Ui::FidelityTitle)} onclick={onfidelity.clone()}>{ lang.t(Ui::Fidelity) }</button>
                <button aria-label={lang.t(Ui::Shortcuts)} title={lang.t(Ui::Shortcuts)} onclick={onhelp.clone()}>{ "?" }</button>
                <button class="lang" aria-label={lang.t(Ui::Language)} title={lang.t(Ui::Language)} onclick={onlang}>
                    { lang.t(Ui::OtherLanguage) }
                </button>
            </header>
            if let Some(n) = &state.notice {
                <div class="notice" role="alert">{ notice::share_error(n, lang) }</div>
            }
            if let Some(e) = state.sim.as_ref().and_then(|s| s.error()) {
                <div class="notice" role="alert">{ notice::engine_error(e, lang) }</div>
            }
            <Controls />
            <Lessons />
            if state.compare.is_some() {
                <CompareBar />
            }
            {
                match (&state.frame, &state.error) {
                    (Some(frame), _) => html! {
                        <>
                            <main class="body">
                                <div class="left">
                                    <Editor {lang} text={state.text.clone()} diagnostics={state.diagnostics.clone()} applied={state.applied.clone()} dispatch={state.dispatcher()} />
                                    <FileTools />
                                </div>
                                <div class="centre">
                                    if let Some(b) = state.compare.as_ref().and_then(|c| c.frame.clone().map(|f| (f, match c.with {
                                        CompareWith::Editor => lang.say(Say::WithEditorYaml(c.title.get(lang))),
                                        CompareWith::Builtin(_) => c.title.get(lang).to_string(),
                                    }))) {
                                        <div class="compare-grid">
                                            <ClusterView frame={frame.clone()} {lang} onselect={onselect} onaddnode={onaddnode} oninject={oninject} highlight={state.highlight.clone()} />
                                            <ClusterView frame={b.0} {lang} onselect={Callback::noop()} onaddnode={Callback::noop()} oninject={Callback::noop()} highlight={None::<String>} compare={AttrValue::from(format!("B · {}", b.1))} />
                                        </div>
                                    } else {
                                        <ClusterView frame={frame.clone()} {lang} onselect={onselect} onaddnode={onaddnode} oninject={oninject} highlight={state.highlight.clone()} />
                                    }
                                    <RolloutBoard />
                                    <ControllerPanel frame={frame.clone()} {lang} />
                                    <ControlPlane frame={frame.clone()} {lang} now={state.cursor} />
                                </div>
                                <aside class="side">
                                    <Inspector />
                                    <ActivityFeed frame={frame.clone()} {lang} />
                                    <Legend {lang} />
                                </aside>
                            </main>
                            <div class="bottom">
                                <Console />
                                <TimelineView />
                                <CronRulers />
                                <TablesPanel frame={frame.clone()} {lang} />
                                <EventsPanel frame={frame.clone()} {lang} />
                            </div>
                        </>
                    },
                    (None, Some(err)) => html! {
                        <main class="body"><div class="error" role="alert"><h2>{ lang.t(Ui::LoadFailed) }</h2><pre>{ err }</pre></div></main>
                    },
                    (None, None) => html! {},
                }
            }
            <footer class="keys">{ lang.t(Ui::Keys) }</footer>
            <div class="help-layer">
                if *fidelity {
                    <div class="overlay" role="dialog" aria-label={lang.t(Ui::Fidelity)} onclick={onfidelity.clone()}>
                        <div class="help fidelity" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                            <h2>{ lang.t(Ui::Simulated) }</h2>
                            <ul>{ for crate::fidelity::SIMULATED.iter().map(|e| html! { <li>{ e.get(lang) }</li> }) }</ul>
                            <h2>{ lang.t(Ui::AcceptedOnly) }</h2>
                            <ul>{ for crate::fidelity::ACCEPTED_ONLY.iter().map(|e| html! { <li>{ e.get(lang) }</li> }) }</ul>
                            <button onclick={onfidelity}>{ lang.t(Ui::Close) }</button>
                        </div>
                    </div>
                }
                if state.help {
                    <div class="overlay" role="dialog" aria-label={lang.t(Ui::Shortcuts)} onclick={onhelp.clone()}>
                        <div class="help" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                            <h2>{ lang.t(Ui::Shortcuts) }</h2>
                            <table>
                                { for shortcuts.iter().map(|(k, what)| html! { <tr><td><kbd>{ *k }</kbd></td><td>{ lang.t(*what) }</td></tr> }) }
                            </table>
                            <button onclick={onhelp}>{ lang.t(Ui::Close) }</button>
                        </div>
                    </div>
                }
            </div>
        </div>
        </ContextProvider<AppContext>>
    }
}
