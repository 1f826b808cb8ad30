//! Play / pause, step, restart, speed and the clocks.

use crate::i18n::Text;
use crate::sim::format_duration;
use crate::ui::state::{AppAction, AppState, SPEEDS};
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

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
}

/// The playback bar.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let state = &props.state;
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
    let (play_name, play_text, play_icon) = if state.playing {
        ("Pause", Text::Pause, ICON_PAUSE)
    } else {
        ("Play", Text::Play, ICON_PLAY)
    };
    let end = state.end();
    let pct = if end.0 == 0 {
        0.0
    } else {
        state.cursor.0 as f64 * 100.0 / end.0 as f64
    };
    let bar = use_node_ref();
    crate::ui::hooks::use_style(&bar, vec![("width", format!("{pct:.2}%"))]);
    let wall = state
        .frame
        .as_ref()
        .map(|f| f.wall.clone())
        .unwrap_or_default();
    html! {
        <nav class="controls" aria-label="Playback">
            <button aria-label="Step back" title={Text::StepBack.get(lang)} onclick={act(AppAction::StepBack)}>{ icon(ICON_BACK) }</button>
            <button class="play" aria-label={play_name} title={play_text.get(lang)} onclick={act(AppAction::TogglePlay)}>
                { icon(play_icon) }<span>{ play_text.get(lang) }</span>
            </button>
            <button aria-label="Step forward" title={Text::StepForward.get(lang)} onclick={act(AppAction::StepForward)}>{ icon(ICON_FORWARD) }</button>
            <button aria-label="Next interesting event" title={Text::NextInteresting.get(lang)} onclick={act(AppAction::NextInteresting)}>{ icon(ICON_NEXT) }</button>
            <button aria-label="Restart" title={Text::Restart.get(lang)} onclick={act(AppAction::Restart)}>{ icon(ICON_RESTART) }</button>
            <label class="speed">
                <span>{ Text::Speed.get(lang) }</span>
                <select aria-label="Speed" onchange={onspeed}>
                    { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                        <option value={i.to_string()} selected={i == state.speed}>{ format!("{s}×") }</option>
                    }) }
                </select>
            </label>
            <div class="clock" aria-live="off">
                <span class="label">{ Text::SimTime.get(lang) }</span>
                <strong data-testid="sim-time">{ format!("t = {}", format_duration(state.cursor.0 / 1000 * 1000)) }</strong>
                <span class="label">{ Text::WallTime.get(lang) }</span>
                <code>{ wall }</code>
            </div>
            <div class="progress" role="progressbar" aria-label="Progress" aria-valuemin="0" aria-valuemax="100" aria-valuenow={format!("{pct:.0}")}>
                <div class="bar" ref={bar}></div>
            </div>
        </nav>
    }
}
