//! Play / pause, step, restart, speed and the clocks.

use crate::app::{AppAction, SPEEDS};
use crate::i18n::{Say, Ui};
use crate::sim::format_duration;
use crate::ui::state::use_app;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// A small inline SVG icon (font-independent).
fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" />
        </svg>
    }
}

const ICON_BACK: &str = "M6 5h2v14H6zM20 5v14L9 12z";
const ICON_FORWARD: &str = "M16 5h2v14h-2zM4 5v14l11-7z";
const ICON_PLAY: &str = "M7 4v16l13-8z";
const ICON_PAUSE: &str = "M6 4h4v16H6zM14 4h4v16h-4z";
const ICON_NEXT: &str = "M3 5v14l8-7zM12 5v14l8-7z";
const ICON_RESTART: &str = "M12 5V2L7 6l5 4V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z";

/// The playback bar.
#[component]
pub fn Controls() -> Html {
    let state = &use_app();
    let lang = state.lang;
    let act = |a: AppAction| {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(a.clone()))
    };
    let onspeed = {
        let d = state.dispatcher();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                d.dispatch(AppAction::SetSpeed(i));
            }
        })
    };
    let (play, play_icon) = if state.playing {
        (Ui::Pause, ICON_PAUSE)
    } else {
        (Ui::Play, ICON_PLAY)
    };
    let end = state.end();
    let pct = if end.0 == 0 {
        0.0
    } else {
        state.cursor.0 as f64 * 100.0 / end.0 as f64
    };
    let bar = use_node_ref();
    crate::ui::hooks::use_style(&bar, vec![("width", format!("{pct:.2}%"))]);
    let computing = state.computing.as_ref();
    let done = computing
        .filter(|c| !c.for_compare())
        .map_or(100, |c| c.percent());
    let band = use_node_ref();
    crate::ui::hooks::use_style(&band, vec![("width", format!("{done}%"))]);
    let wall = state
        .frame
        .as_ref()
        .map(|f| f.wall.clone())
        .unwrap_or_default();
    html! {
        <nav class="controls" aria-label={lang.t(Ui::Playback)}>
            <button aria-label={lang.t(Ui::StepBack)} title={lang.t(Ui::StepBack)} onclick={act(AppAction::StepBack)}>{ icon(ICON_BACK) }</button>
            <button class="play" aria-label={lang.t(play)} title={lang.t(play)} onclick={act(AppAction::TogglePlay)}>
                { icon(play_icon) }<span aria-hidden="true">{ lang.t(play) }</span>
            </button>
            <button aria-label={lang.t(Ui::StepForward)} title={lang.t(Ui::StepForward)} onclick={act(AppAction::StepForward)}>{ icon(ICON_FORWARD) }</button>
            <button aria-label={lang.t(Ui::NextInteresting)} title={lang.t(Ui::NextInterestingTitle)} onclick={act(AppAction::NextInteresting)}>{ icon(ICON_NEXT) }</button>
            <button aria-label={lang.t(Ui::Restart)} title={lang.t(Ui::Restart)} onclick={act(AppAction::Restart)}>{ icon(ICON_RESTART) }</button>
            <label class="speed">
                <span>{ lang.t(Ui::Speed) }</span>
                <select aria-label={lang.t(Ui::Speed)} onchange={onspeed}>
                    { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                        <option value={i.to_string()} selected={i == state.speed}>{ format!("{s}×") }</option>
                    }) }
                </select>
            </label>
            <div class="clock" aria-live="off">
                <span class="label">{ lang.t(Ui::SimTime) }</span>
                <strong data-testid="sim-time">{ format!("t = {}", format_duration(state.cursor.0 / 1000 * 1000)) }</strong>
                <span class="label">{ lang.t(Ui::WallTime) }</span>
                <code>{ wall }</code>
            </div>
            <div class="progress" role="progressbar" aria-label={lang.t(Ui::Progress)} aria-valuemin="0" aria-valuemax="100" aria-valuenow={format!("{pct:.0}")}>
                <div class="computed" ref={band}></div>
                <div class="bar" ref={bar}></div>
            </div>
            if let Some(c) = computing {
                <p class="computing" role="status" data-testid="computing">
                    { lang.say(Say::Computing { percent: c.percent(), compare: c.for_compare() }) }
                </p>
            }
        </nav>
    }
}
