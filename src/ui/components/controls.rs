//! Play / pause, step, restart, speed and the clocks.

use crate::i18n::Text;
use crate::sim::format_duration;
use crate::ui::state::{AppAction, AppState, SPEEDS};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

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
        ("Pause", Text::Pause, "❚❚")
    } else {
        ("Play", Text::Play, "▶")
    };
    let end = state.end();
    let pct = if end.0 == 0 {
        0.0
    } else {
        state.cursor.0 as f64 * 100.0 / end.0 as f64
    };
    let wall = state
        .frame
        .as_ref()
        .map(|f| f.wall.clone())
        .unwrap_or_default();
    html! {
        <nav class="controls" aria-label="Playback">
            <button aria-label="Step back" title={Text::StepBack.get(lang)} onclick={act(AppAction::StepBack)}>{ "⏮" }</button>
            <button class="play" aria-label={play_name} title={play_text.get(lang)} onclick={act(AppAction::TogglePlay)}>
                <span aria-hidden="true">{ play_icon }</span>{ " " }{ play_text.get(lang) }
            </button>
            <button aria-label="Step forward" title={Text::StepForward.get(lang)} onclick={act(AppAction::StepForward)}>{ "⏭" }</button>
            <button aria-label="Restart" title={Text::Restart.get(lang)} onclick={act(AppAction::Restart)}>{ "⟲" }</button>
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
                <div class="bar" style={format!("width: {pct:.2}%")}></div>
            </div>
        </nav>
    }
}
