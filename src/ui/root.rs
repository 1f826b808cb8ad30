//! The root component: the app's state (from a share link, or the last scenario), what the
//! browser remembers (language, scenario, the learner's text), the playback clock, the page's
//! shortcuts, and the layout of the panels.

use super::assets::AssetBanner;
use super::clock::FrameClock;
use super::components::{
    ActivityFeed, ClusterView, CompareBar, CompareDetails, CompareRun, Console, ControlPlane,
    ControllerPanels, Controls, CronRulers, Editor, EmbedBar, EventsPanel, FileTools, Header,
    HelpDialog, Inspector, Legend, Lessons, RolloutBoard, TablesPanel, TimelineView,
};
use super::compute::ComputeDriver;
use super::hooks::use_shortcuts;
use super::state::AppContext;
use crate::app::{AppAction, AppState};
use crate::builtin::BUILTINS;
use crate::embed::{Embed, Panel};
use crate::i18n::{notice, Lang, Ui};
use crate::scenario::{Action, NodeDef};
use yew::prelude::*;

const LANG_KEY: &str = "podlab.lang";
const SCENARIO_KEY: &str = "podlab.scenario";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The language the learner picked before, or the browser's.
fn stored_lang() -> Lang {
    match storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten()) {
        Some(code) => Lang::from_code(&code),
        None => Lang::from_code(
            &web_sys::window()
                .and_then(|w| w.navigator().language())
                .unwrap_or_default(),
        ),
    }
}

fn text_key(id: &str) -> String {
    format!("podlab.text.{id}")
}

/// The page address's fragment when it is a share link.
fn shared_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.starts_with(crate::share::PREFIX).then_some(hash)
}

/// The podlab app.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let last = storage().and_then(|s| s.get_item(SCENARIO_KEY).ok().flatten());
        let fresh = || AppState::start(stored_lang(), last.as_deref().unwrap_or(BUILTINS[0].id));
        match shared_fragment() {
            None => fresh(),
            Some(fragment) => AppState::start_link(stored_lang(), &fragment).unwrap_or_else(|e| {
                let mut state = fresh();
                state.notice = Some(e);
                state
            }),
        }
    });
    // `?embed=PANEL` (and `&editor=1`): the compact page a course page puts in an iframe.
    let embedded = use_state(|| {
        web_sys::window()
            .and_then(|w| w.location().search().ok())
            .and_then(|q| Embed::parse(&q))
    });
    use_shortcuts(state.dispatcher());
    // The files fetched on demand, fetched anyway once the page has settled.
    use_effect_with((), |()| {
        yew::platform::spawn_local(super::assets::prefetch())
    });
    {
        let clock = use_mut_ref(|| FrameClock::new(state.dispatcher()));
        use_effect_with(state.playing, move |playing| {
            clock.borrow().set_playing(*playing);
        });
    }
    {
        let driver = use_mut_ref(|| ComputeDriver::new(state.dispatcher()));
        use_effect_with(state.computing.is_some(), move |computing| {
            driver.borrow().set_computing(*computing);
        });
    }
    {
        let handle = state.clone();
        use_effect_with(state.frame_due, move |due| {
            if due.is_some() {
                super::dueframe::schedule(handle);
            }
        });
    }
    // A solved challenge is remembered in this browser.
    use_effect_with(
        state
            .challenge
            .as_ref()
            .filter(|c| c.solved())
            .map(|c| c.id),
        |solved| {
            if let Some(id) = solved {
                super::components::remember_solved(id);
            }
        },
    );
    // The language is remembered once the learner picks one; the first render only reads it,
    // so a choice stored while the page was still starting is not overwritten.
    let lang_picked = use_mut_ref(|| false);
    use_effect_with(state.lang, move |lang| {
        if std::mem::replace(&mut *lang_picked.borrow_mut(), true) {
            if let Some(s) = storage() {
                let _ = s.set_item(LANG_KEY, lang.code());
            }
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
    if let Some(embed) = *embedded {
        return embedded_page(&state, embed, onselect, onaddnode, oninject);
    }
    let body = match (&state.frame, &state.error) {
        (Some(frame), _) => html! {
            <>
                <main class="body">
                    <div class="left">
                        <Editor {lang} text={state.text.clone()} diagnostics={state.diagnostics.clone()} dispatch={state.dispatcher()} />
                        <FileTools />
                    </div>
                    <div class="centre">
                        <div class={classes!(state.compare.is_some().then_some("compare-grid"))}>
                            <ClusterView frame={frame.clone()} {lang} {onselect} {onaddnode} {oninject} highlight={state.highlight.clone()} />
                            <CompareRun />
                        </div>
                        <RolloutBoard />
                        <ControllerPanels frame={frame.clone()} {lang} />
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
                    if let Some(sim) = &state.sim {
                        <TimelineView sim={sim.clone()} />
                    }
                    <CronRulers />
                    <TablesPanel frame={frame.clone()} {lang} />
                    <EventsPanel frame={frame.clone()} {lang} />
                    <CompareDetails />
                </div>
            </>
        },
        (None, Some(err)) => html! {
            <main class="body"><div class="error" role="alert"><h2>{ lang.t(Ui::LoadFailed) }</h2><pre>{ err }</pre></div></main>
        },
        (None, None) => html! {},
    };
    html! {
        <ContextProvider<AppContext> context={AppContext::new(state.clone())}>
            <div class={classes!("app", state.presenter.then_some("presenter"), state.compare.is_some().then_some("comparing"))}>
                <Header />
                if let Some(n) = &state.notice {
                    <div class="notice" role="alert">{ notice::share_error(n, lang) }</div>
                }
                if let Some(p) = &state.problem {
                    <div class="notice" role="alert">{ p.clone() }</div>
                }
                if let Some(e) = state.sim.as_ref().and_then(|s| s.error()) {
                    <div class="notice" role="alert">{ notice::engine_error(e, lang) }</div>
                }
                <AssetBanner />
                <Controls />
                <Lessons />
                <CompareBar />
                { body }
                <footer class="keys">{ lang.t(Ui::Keys) }</footer>
                <HelpDialog />
            </div>
        </ContextProvider<AppContext>>
    }
}

/// The embedded page: its bar, the playback controls, the open lesson step or challenge, the
/// cluster and the one panel asked for (the editor only when asked for).
fn embedded_page(
    state: &UseReducerHandle<AppState>,
    embed: Embed,
    onselect: Callback<(crate::model::Kind, String)>,
    onaddnode: Callback<String>,
    oninject: Callback<Action>,
) -> Html {
    let lang = state.lang;
    let panel = match (&state.frame, embed.panel) {
        (Some(_), Panel::Timeline) => match &state.sim {
            Some(sim) => html! { <TimelineView sim={sim.clone()} /> },
            None => html! {},
        },
        (Some(_), Panel::Ticks) => html! { <CronRulers /> },
        (Some(_), Panel::Rollout) => html! { <RolloutBoard /> },
        (Some(frame), Panel::Controller) => html! {
            <>
                <ControllerPanels frame={frame.clone()} {lang} />
                <ControlPlane frame={frame.clone()} {lang} now={state.cursor} />
            </>
        },
        _ => html! {},
    };
    html! {
        <ContextProvider<AppContext> context={AppContext::new(state.clone())}>
            <div class={classes!("app", "embedded")}>
                <EmbedBar />
                <AssetBanner />
                if let Some(e) = state.sim.as_ref().and_then(|s| s.error()) {
                    <div class="notice" role="alert">{ notice::engine_error(e, lang) }</div>
                }
                <Controls />
                if state.lesson.is_some() || state.challenge.is_some() {
                    <Lessons />
                }
                if let Some(frame) = &state.frame {
                    <main class={classes!("embed-body", embed.editor.then_some("with-editor"))}>
                        if embed.editor {
                            <div class="left">
                                <Editor {lang} text={state.text.clone()} diagnostics={state.diagnostics.clone()} dispatch={state.dispatcher()} />
                            </div>
                        }
                        <div class="centre">
                            <ClusterView frame={frame.clone()} {lang} {onselect} {onaddnode} {oninject} highlight={state.highlight.clone()} />
                            { panel }
                            <Inspector />
                        </div>
                    </main>
                }
            </div>
        </ContextProvider<AppContext>>
    }
}
