//! The timeline: one row per pod, bars coloured by status over virtual time, the playhead,
//! and a click anywhere to move the playhead there (or a drag to scrub).

use crate::app::AppAction;
use crate::engine::Sim;
use crate::i18n::{trace, Lang, Say, Ui};
use crate::sim::{format_duration, JobDecision, SimTime};
use crate::timeline::{markers, Marker};
use crate::ui::state::use_app;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

const WIDTH: f64 = 1000.0;
const ROW: f64 = 16.0;
const LABEL: f64 = 150.0;

/// Props of [`Lanes`]: they change only when the run changes, so playback does not redraw them.
#[derive(Properties)]
struct LanesProps {
    sim: Rc<Sim>,
    lang: Lang,
}

impl PartialEq for LanesProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.sim, &other.sim) && self.lang == other.lang
    }
}

/// Every pod's lane, the back-off waits and the warning ticks.
#[component]
fn Lanes(props: &LanesProps) -> Html {
    let sim = &props.sim;
    let lang = props.lang;
    let marks = markers(sim.trace());
    let end_t = sim.scenario().until;
    let end = end_t.0.max(1) as f64;
    let x = |t: SimTime| LABEL + (t.0 as f64 / end) * (WIDTH - LABEL);
    let lanes = &sim.timeline().lanes;
    let waits_y = 4.0 + lanes.len() as f64 * ROW;
    let sync_y = waits_y + ROW;
    html! {
        <g class="lanes">
            { for lanes.iter().enumerate().map(|(row, lane)| {
                let y = 4.0 + row as f64 * ROW;
                let stop = lane.gone.unwrap_or(end_t);
                html! {
                    <g data-lane={lane.pod.clone()}>
                        <text x="4" y={format!("{}", y + 11.0)} class="lane-label">{ &lane.pod }</text>
                        { for lane.segments.iter().enumerate().map(|(i, (t, status))| {
                            let next = lane.segments.get(i + 1).map(|(n, _)| *n).unwrap_or(stop);
                            let (x0, x1) = (x(*t), x(next.max(*t)));
                            html! {
                                <rect class={format!("seg status-{}", status.to_ascii_lowercase())} x={format!("{x0:.1}")} y={format!("{y:.1}")}
                                    width={format!("{:.1}", (x1 - x0).max(0.8))} height={format!("{}", ROW - 4.0)}>
                                    <title>{ format!("{} {status} @ {}", lane.pod, format_duration(t.0)) }</title>
                                </rect>
                            }
                        }) }
                    </g>
                }
            }) }
            <text x="4" y={format!("{}", waits_y + 11.0)} class="lane-label muted">{ lang.t(Ui::BackoffWaits) }</text>
            <text x="4" y={format!("{}", sync_y + 11.0)} class="lane-label muted">{ lang.t(Ui::JobSyncs) }</text>
            { for marks.iter().map(|m| match m {
                Marker::Backoff { job, from, ms } => {
                    let (x0, x1) = (x(*from), x(from.plus_ms(*ms)));
                    html! {
                        <g class="backoff" data-backoff-ms={ms.to_string()}>
                            <rect x={format!("{x0:.1}")} y={format!("{waits_y:.1}")} width={format!("{:.1}", (x1 - x0).max(1.0))} height={format!("{}", ROW - 4.0)} />
                            <text x={format!("{:.1}", x0 + 2.0)} y={format!("{:.1}", waits_y + 10.0)}>{ lang.say(Say::Wait(&format_duration(*ms))) }</text>
                            <title>{ format!("job/{job}: {}", format_duration(*ms)) }</title>
                        </g>
                    }
                }
                Marker::Sync { at, job, decision } => {
                    let acted = !matches!(decision, JobDecision::Nothing | JobDecision::WaitExpectations);
                    html! {
                        <circle class={classes!("sync-tick", acted.then_some("acted"))} cx={format!("{:.1}", x(*at))} cy={format!("{:.1}", sync_y + 6.0)} r="3.5">
                            <title>{ format!("job/{job} @ {}: {}", format_duration(at.0), trace::job_decision(decision, lang)) }</title>
                        </circle>
                    }
                }
                Marker::Warning { at, reason, object } => {
                    let x0 = x(*at);
                    html! {
                        <path class="warning-tick" d={format!("M{x0:.1} 0 l-4 -0 l4 6 l4 -6 z")}>
                            <title>{ format!("{reason} {object} @ {}", format_duration(at.0)) }</title>
                        </path>
                    }
                }
            }) }
        </g>
    }
}

/// Offers `text` to the browser as a file download.
pub(super) fn download(name: &str, mime: &str, text: &str) {
    let parts = web_sys::js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = anchor {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Pods over time: the lanes (redrawn only for a new run) and the playhead.
#[component]
pub fn TimelineView() -> Html {
    let state = &use_app();
    let Some(sim) = &state.sim else {
        return html! {};
    };
    let lang = state.lang;
    let end = state.end().0.max(1) as f64;
    let x = |t: SimTime| LABEL + (t.0 as f64 / end) * (WIDTH - LABEL);
    let height = (sim.timeline().lanes.len() as f64 * ROW + 40.0 + ROW).max(60.0);
    // Click to move the playhead; drag to scrub.
    let seek = {
        let d = state.dispatcher();
        let end = state.end();
        Callback::from(move |e: MouseEvent| {
            if e.type_() == "mousemove" && e.buttons() & 1 == 0 {
                return;
            }
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
    let cursor = x(state.cursor) / WIDTH * 100.0;
    let onexport = {
        let (sim, id) = (sim.clone(), state.scenario_id);
        Callback::from(move |_: MouseEvent| {
            let svg = crate::timeline::svg::to_svg(
                sim.timeline(),
                sim.scenario().until,
                &format!("podlab · {id}"),
            );
            download(&format!("podlab-{id}-timeline.svg"), "image/svg+xml", &svg);
        })
    };
    html! {
        <section class="timeline" aria-label={lang.t(Ui::Timeline)}>
            <header class="timeline-head">
                <h2>{ lang.t(Ui::Timeline) }</h2>
                <button title={lang.t(Ui::ExportSvgTitle)} onclick={onexport}>
                    { lang.t(Ui::ExportSvg) }
                </button>
            </header>
            <div class="chart">
                <svg viewBox={format!("0 0 {WIDTH} {height}")} preserveAspectRatio="none" role="img" aria-label={lang.t(Ui::PodsOverTime)} onmousedown={seek.clone()} onmousemove={seek}>
                    <Lanes sim={sim.clone()} lang={state.lang} />
                </svg>
                <crate::ui::hooks::PlayheadLine left={cursor} testid="playhead" />
            </div>
        </section>
    }
}
