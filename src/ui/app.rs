//! The root component: header, scenario picker, controls, the panels; the playback clock.

use super::clock::FrameClock;
use super::components::{
    ActivityFeed, ClusterView, Console, ControlPlane, ControllerPanel, Controls, CronRulers,
    Editor, EventsPanel, FileTools, Inspector, Legend, Lessons, RolloutBoard, TablesPanel,
    TimelineView,
};
use super::state::{AppAction, AppState, CompareWith};
use crate::builtin::BUILTINS;
use crate::i18n::{Lang, Text};
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

/// Every built-in scenario's title (English, Chinese), parsed from its file.
fn builtin_titles() -> Vec<(String, String)> {
    BUILTINS
        .iter()
        .map(|b| {
            crate::scenario::parse(b.text)
                .map(|s| (s.title.en, s.title.zh))
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
            <span>{ Text::Scenario.get(props.lang) }</span>
            <select aria-label="Scenario" onchange={props.onpick.clone()}>
                if props.selected == crate::share::CUSTOM {
                    <option value={crate::share::CUSTOM} selected=true>{ props.lang.pick("Imported scenario", "导入的场景") }</option>
                }
                { for BUILTINS.iter().zip(titles.iter()).map(|(b, (en, zh))| html! {
                    <option value={b.id} selected={b.id == props.selected}>{ props.lang.pick(en, zh) }</option>
                }) }
            </select>
        </label>
    }
}

/// Props of [`CompareBar`].
#[derive(Properties, PartialEq)]
struct CompareBarProps {
    state: UseReducerHandle<AppState>,
}

/// What is being compared: A (this run) and a picker for B.
#[component]
fn CompareBar(props: &CompareBarProps) -> Html {
    let state = &props.state;
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
        <div class="compare-bar" role="group" aria-label={lang.pick("Compare", "对比")}>
            <span><strong>{ "A" }</strong>{ lang.pick(" · this run", " · 当前运行") }</span>
            <label>
                <strong>{ "B" }</strong>
                <select aria-label="Compare with" {onchange}>
                    <option value="editor" selected={selected == "editor"}>{ lang.pick("this scenario with the editor's YAML (from t = 0)", "本场景，使用编辑器中的 YAML（从 t = 0 开始）") }</option>
                    { for BUILTINS.iter().zip(titles.iter()).map(|(b, (en, zh))| html! {
                        <option value={b.id} selected={selected == b.id}>{ lang.pick(en, zh) }</option>
                    }) }
                </select>
            </label>
            <span class="muted">{ lang.pick("one clock: the playhead moves both", "同一个时钟：播放头同时移动两者") }</span>
            <button aria-label="Stop comparing" onclick={onstop}>{ lang.pick("Stop comparing", "停止对比") }</button>
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
            let _ = doc.set_attribute("lang", if *lang == Lang::Zh { "zh-CN" } else { "en" });
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
        let next = if lang == Lang::En { Lang::Zh } else { Lang::En };
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
    let shortcuts: [(&str, &str, &str); 10] = [
        ("Space", "play / pause", "播放 / 暂停"),
        (
            "→ / PageDown",
            "step forward to the next event",
            "前进到下一个事件",
        ),
        ("← / PageUp", "step back", "后退一步"),
        (
            "N",
            "jump to the next interesting moment",
            "跳到下一个关键时刻",
        ),
        ("Home", "back to the start", "回到开头"),
        (
            "Ctrl+Enter",
            "apply the YAML at the current moment",
            "在当前时刻应用 YAML",
        ),
        (
            "→ ← / PageDown PageUp",
            "in a lesson: next / previous step",
            "课程中：下一步 / 上一步",
        ),
        (
            "1–4",
            "in a lesson: answer the question",
            "课程中：回答问题",
        ),
        ("P", "presenter mode", "演示模式"),
        ("?", "this help", "本帮助"),
    ];
    html! {
        <div class={classes!("app", state.presenter.then_some("presenter"))} tabindex="0" {onkeydown}>
            <header class="top">
                <div class="brand">
                    <h1>{ "podlab" }</h1>
                    <p class="tagline">{ Text::Tagline.get(lang) }</p>
                </div>
                <ScenarioPicker {lang} selected={state.scenario_id} onpick={onpick} />
                <button aria-label="Presenter mode" aria-pressed={state.presenter.to_string()} title={Text::Presenter.get(lang)} onclick={onpresenter}>
                    <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M3 4h18v12H3zm2 2v8h14V6zM8 19h8v2H8z" /></svg>
                </button>
                <button aria-label="Share" title={lang.pick("Put this moment in the page address (and copy it)", "把这一刻写进页面地址（并复制）")} onclick={onshare}>{ lang.pick("Share", "分享") }</button>
                <button aria-label="Compare" aria-pressed={state.compare.is_some().to_string()} title={lang.pick("Run a second variant beside this one on the same clock", "在同一时钟上并排运行另一个变体")} onclick={oncompare}>{ lang.pick("Compare", "对比") }</button>
                <button aria-label="Fidelity" title={lang.pick("What podlab simulates, and what it only accepts", "podlab 模拟了什么、只接受了什么")} onclick={onfidelity.clone()}>{ lang.pick("Fidelity", "仿真范围") }</button>
                <button aria-label="Help" title={Text::Shortcuts.get(lang)} onclick={onhelp.clone()}>{ "?" }</button>
                <button class="lang" aria-label="Language" title={Text::Language.get(lang)} onclick={onlang}>
                    { if lang == Lang::En { "中文" } else { "English" } }
                </button>
            </header>
            if let Some(n) = &state.notice {
                <div class="notice" role="alert">{ crate::i18n::share_error(n, lang) }</div>
            }
            if let Some(e) = state.sim.as_ref().and_then(|s| s.error()) {
                <div class="notice" role="alert">{ crate::i18n::engine_error(e, lang) }</div>
            }
            <Controls state={state.clone()} />
            <Lessons state={state.clone()} />
            if state.compare.is_some() {
                <CompareBar state={state.clone()} />
            }
            {
                match (&state.frame, &state.error) {
                    (Some(frame), _) => html! {
                        <>
                            <main class="body">
                                <div class="left">
                                    <Editor {lang} text={state.text.clone()} diagnostics={state.diagnostics.clone()} applied={state.applied.clone()} dispatch={state.dispatcher()} />
                                    <FileTools state={state.clone()} />
                                </div>
                                <div class="centre">
                                    if let Some(b) = state.compare.as_ref().and_then(|c| c.frame.clone().map(|f| (f, c.title.clone()))) {
                                        <div class="compare-grid">
                                            <ClusterView frame={frame.clone()} {lang} onselect={onselect} onaddnode={onaddnode} oninject={oninject} highlight={state.highlight.clone()} />
                                            <ClusterView frame={b.0} {lang} onselect={Callback::noop()} onaddnode={Callback::noop()} oninject={Callback::noop()} highlight={None::<String>} compare={AttrValue::from(format!("B · {}", lang.pick(&b.1 .0, &b.1 .1)))} />
                                        </div>
                                    } else {
                                        <ClusterView frame={frame.clone()} {lang} onselect={onselect} onaddnode={onaddnode} oninject={oninject} highlight={state.highlight.clone()} />
                                    }
                                    <RolloutBoard state={state.clone()} />
                                    <ControllerPanel frame={frame.clone()} {lang} />
                                    <ControlPlane frame={frame.clone()} {lang} now={state.cursor} />
                                </div>
                                <aside class="side">
                                    <Inspector state={state.clone()} />
                                    <ActivityFeed frame={frame.clone()} {lang} />
                                    <Legend {lang} />
                                </aside>
                            </main>
                            <div class="bottom">
                                <Console state={state.clone()} />
                                <TimelineView state={state.clone()} />
                                <CronRulers state={state.clone()} />
                                <TablesPanel frame={frame.clone()} {lang} />
                                <EventsPanel frame={frame.clone()} state={state.clone()} {lang} />
                            </div>
                        </>
                    },
                    (None, Some(err)) => html! {
                        <main class="body"><div class="error" role="alert"><h2>{ Text::LoadFailed.get(lang) }</h2><pre>{ err }</pre></div></main>
                    },
                    (None, None) => html! {},
                }
            }
            <footer class="keys">{ Text::Keys.get(lang) }{ " · ?" }</footer>
            <div class="help-layer">
                if *fidelity {
                    <div class="overlay" role="dialog" aria-label="Fidelity" onclick={onfidelity.clone()}>
                        <div class="help fidelity" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                            <h2>{ lang.pick("Simulated as Kubernetes v1.31+ does it", "按 Kubernetes v1.31+ 的行为模拟") }</h2>
                            <ul>{ for crate::fidelity::SIMULATED.iter().map(|e| html! { <li>{ lang.pick(e.en, e.zh) }</li> }) }</ul>
                            <h2>{ lang.pick("Accepted and shown, not simulated", "接受并显示，但不模拟") }</h2>
                            <ul>{ for crate::fidelity::ACCEPTED_ONLY.iter().map(|e| html! { <li>{ lang.pick(e.en, e.zh) }</li> }) }</ul>
                            <button aria-label="Close" onclick={onfidelity}>{ Text::Close.get(lang) }</button>
                        </div>
                    </div>
                }
                if state.help {
                    <div class="overlay" role="dialog" aria-label="Keyboard shortcuts" onclick={onhelp.clone()}>
                        <div class="help" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                            <h2>{ Text::Shortcuts.get(lang) }</h2>
                            <table>
                                { for shortcuts.iter().map(|(k, en, zh)| html! { <tr><td><kbd>{ *k }</kbd></td><td>{ lang.pick(en, zh) }</td></tr> }) }
                            </table>
                            <button aria-label="Close" onclick={onhelp}>{ Text::Close.get(lang) }</button>
                        </div>
                    </div>
                }
            </div>
        </div>
    }
}
