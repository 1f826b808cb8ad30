//! The timeline: one row per pod, bars coloured by status over virtual time, the playhead,
//! and a click anywhere to move the playhead there.

use crate::i18n::Text;
use crate::sim::SimTime;
use crate::ui::state::{AppAction, AppState};
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

/// Props of [`TimelineView`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
}

const WIDTH: f64 = 1000.0;
const ROW: f64 = 16.0;
const LABEL: f64 = 150.0;

/// Pods over time.
#[component]
pub fn TimelineView(props: &TimelineProps) -> Html {
    let state = &props.state;
    let Some(sim) = &state.sim else {
        return html! {};
    };
    let end = state.end().0.max(1) as f64;
    let x = |t: SimTime| LABEL + (t.0 as f64 / end) * (WIDTH - LABEL);
    let lanes = &sim.timeline().lanes;
    let height = (lanes.len() as f64 * ROW + 22.0).max(60.0);
    let onclick = {
        let d = state.dispatcher();
        let end = state.end();
        Callback::from(move |e: MouseEvent| {
            let Some(svg) = e
                .current_target()
                .and_then(|t| t.dyn_into::<Element>().ok())
            else {
                return;
            };
            let w = f64::from(svg.client_width()).max(1.0);
            let fx = f64::from(e.offset_x()) / w * WIDTH;
            let frac = ((fx - LABEL) / (WIDTH - LABEL)).clamp(0.0, 1.0);
            d.dispatch(AppAction::Seek(SimTime((frac * end.0 as f64) as u64)));
        })
    };
    let cursor = x(state.cursor);
    html! {
        <section class="timeline" aria-label="Timeline">
            <h2>{ Text::Timeline.get(state.lang) }</h2>
            <svg viewBox={format!("0 0 {WIDTH} {height}")} preserveAspectRatio="none" role="img" aria-label="Pods over time" {onclick}>
                { for lanes.iter().enumerate().map(|(row, lane)| {
                    let y = 4.0 + row as f64 * ROW;
                    let stop = lane.gone.unwrap_or(state.end());
                    html! {
                        <g data-lane={lane.pod.clone()}>
                            <text x="4" y={format!("{}", y + 11.0)} class="lane-label">{ &lane.pod }</text>
                            { for lane.segments.iter().enumerate().map(|(i, (t, status))| {
                                let next = lane.segments.get(i + 1).map(|(n, _)| *n).unwrap_or(stop);
                                let (x0, x1) = (x(*t), x(next.max(*t)));
                                html! {
                                    <rect class={format!("seg status-{}", status.to_ascii_lowercase())} x={format!("{x0:.1}")} y={format!("{y:.1}")}
                                        width={format!("{:.1}", (x1 - x0).max(0.8))} height={format!("{}", ROW - 4.0)}>
                                        <title>{ format!("{} {status} @ {}", lane.pod, crate::sim::format_duration(t.0)) }</title>
                                    </rect>
                                }
                            }) }
                        </g>
                    }
                }) }
                <line class="playhead" x1={format!("{cursor:.1}")} x2={format!("{cursor:.1}")} y1="0" y2={format!("{height}")} />
            </svg>
        </section>
    }
}
