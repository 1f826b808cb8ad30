//! The timeline: one row per pod, bars coloured by status over virtual time, the playhead,
//! and a click anywhere to move the playhead there (or a drag to scrub).

use crate::app::AppAction;
use crate::controllers::record::JobDecision;
use crate::engine::timeline::{Group, MAX_POD_ROWS};
use crate::engine::Sim;
use crate::i18n::{trace, Lang, Say, Ui};
use crate::sim::{format_duration, SimTime};
use crate::timeline::{fold_markers, markers, Marker};
use crate::ui::state::use_app;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

const WIDTH: f64 = 1000.0;
/// The chart's proportions: a row per pod, the label column, and the text size (in SVG units;
/// the chart is as wide as the page, so a unit is about a pixel).
#[derive(Clone, Copy, PartialEq)]
struct Geometry {
    row: f64,
    label: f64,
    font: f64,
}

impl Geometry {
    fn of(presenter: bool) -> Geometry {
        if presenter {
            Geometry {
                row: 26.0,
                label: 260.0,
                font: 18.0,
            }
        } else {
            Geometry {
                row: 16.0,
                label: 150.0,
                font: 9.0,
            }
        }
    }
}

/// Props of [`Lanes`]: they change only when the run changes, so playback does not redraw them.
#[derive(Properties)]
struct LanesProps {
    sim: Rc<Sim>,
    lang: Lang,
    geometry: Geometry,
}

impl PartialEq for LanesProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.sim, &other.sim)
            && self.lang == other.lang
            && self.geometry == other.geometry
    }
}

/// Every pod's lane, the back-off waits and the warning ticks.
#[component]
fn Lanes(props: &LanesProps) -> Html {
    let sim = &props.sim;
    let lang = props.lang;
    let Geometry {
        row: row_h,
        label: label_w,
        font,
    } = props.geometry;
    let marks = markers(sim.trace());
    let end_t = sim.scenario().until;
    let end = end_t.0.max(1) as f64;
    let x = |t: SimTime| label_w + (t.0 as f64 / end) * (WIDTH - label_w);
    let lanes = &sim.timeline().lanes;
    let grouped = lanes.len() > MAX_POD_ROWS;
    let waits_y = 4.0 + rows(sim) as f64 * row_h;
    let sync_y = waits_y + row_h;
    html! {
        <g class="lanes">
            if grouped {
                { for sim.timeline().groups().iter().enumerate().map(|(row, g)| group_row(g, row, end_t, &x, props.geometry)) }
            } else {
            { for lanes.iter().enumerate().map(|(row, lane)| {
                let y = 4.0 + row as f64 * row_h;
                let stop = lane.gone.unwrap_or(end_t);
                html! {
                    <g data-lane={lane.pod.clone()}>
                        <text x="4" y={format!("{}", y + row_h * 0.7)} class="lane-label" font-size={format!("{font}")}>{ &lane.pod }</text>
                        { for lane.segments.iter().enumerate().map(|(i, (t, status))| {
                            let next = lane.segments.get(i + 1).map(|(n, _)| *n).unwrap_or(stop);
                            let (x0, x1) = (x(*t), x(next.max(*t)));
                            html! {
                                <rect class={format!("seg status-{}", status.to_ascii_lowercase())} x={format!("{x0:.1}")} y={format!("{y:.1}")}
                                    width={format!("{:.1}", (x1 - x0).max(0.8))} height={format!("{}", row_h - 4.0)}>
                                    <title>{ format!("{} {status} @ {}", lane.pod, format_duration(t.0)) }</title>
                                </rect>
                            }
                        }) }
                    </g>
                }
            }) }
            }
            <text x="4" y={format!("{}", waits_y + row_h * 0.7)} class="lane-label muted" font-size={format!("{font}")}>{ lang.t(Ui::BackoffWaits) }</text>
            <text x="4" y={format!("{}", sync_y + row_h * 0.7)} class="lane-label muted" font-size={format!("{font}")}>{ lang.t(Ui::JobSyncs) }</text>
            { for fold_markers(&marks, |t| x(t).round() as i64).into_iter().map(|(m, n)| (m, if n > 1 { format!(" ×{n}") } else { String::new() })).map(|(m, times)| match m {
                Marker::Backoff { job, from, ms } => {
                    let (x0, x1) = (x(*from), x(from.plus_ms(*ms)));
                    html! {
                        <g class="backoff" data-backoff-ms={ms.to_string()}>
                            <rect x={format!("{x0:.1}")} y={format!("{waits_y:.1}")} width={format!("{:.1}", (x1 - x0).max(1.0))} height={format!("{}", row_h - 4.0)} />
                            <text x={format!("{:.1}", x0 + 2.0)} y={format!("{:.1}", waits_y + 10.0)}>{ lang.say(Say::Wait(&format_duration(*ms))) }</text>
                            <title>{ format!("job/{job}: {}", format_duration(*ms)) }</title>
                        </g>
                    }
                }
                Marker::Sync { at, job, decision } => {
                    let acted = !matches!(decision, JobDecision::Nothing | JobDecision::WaitExpectations);
                    html! {
                        <circle class={classes!("sync-tick", acted.then_some("acted"))} cx={format!("{:.1}", x(*at))} cy={format!("{:.1}", sync_y + 6.0)} r="3.5">
                            <title>{ format!("job/{job}{times} @ {}: {}", format_duration(at.0), trace::job_decision(decision, lang)) }</title>
                        </circle>
                    }
                }
                Marker::Warning { at, reason, object } => {
                    let x0 = x(*at);
                    html! {
                        <path class="warning-tick" d={format!("M{x0:.1} 0 l-4 -0 l4 6 l4 -6 z")}>
                            <title>{ format!("{reason} {object}{times} @ {}", format_duration(at.0)) }</title>
                        </path>
                    }
                }
            }) }
        </g>
    }
}

/// The rows of pods the chart has: one per pod, or one per owner and status.
fn rows(sim: &Sim) -> usize {
    let lanes = sim.timeline().lanes.len();
    if lanes > MAX_POD_ROWS {
        sim.timeline().groups().len()
    } else {
        lanes
    }
}

/// One owner's pods in one status: a bar as tall as their count (against the most at any
/// time), with the count in its tooltip.
fn group_row(
    g: &Group,
    row: usize,
    end: SimTime,
    x: &impl Fn(SimTime) -> f64,
    geometry: Geometry,
) -> Html {
    let Geometry {
        row: row_h, font, ..
    } = geometry;
    let y = 4.0 + row as f64 * row_h;
    let name = format!("{} · {}", g.owner.as_deref().unwrap_or("-"), g.status);
    html! {
        <g data-group={name.clone()}>
            <text x="4" y={format!("{}", y + row_h * 0.7)} class="lane-label" font-size={format!("{font}")}>{ format!("{name} (≤{})", g.max) }</text>
            { for g.counts.iter().enumerate().filter(|(_, (_, c))| *c > 0).map(|(i, (t, c))| {
                let next = g.counts.get(i + 1).map(|(n, _)| *n).unwrap_or(end);
                let h = ((row_h - 4.0) * *c as f64 / g.max.max(1) as f64).max(1.0);
                let (x0, x1) = (x(*t), x(next.max(*t)));
                html! {
                    <rect class={format!("seg status-{}", g.status.to_ascii_lowercase())} x={format!("{x0:.1}")} y={format!("{:.1}", y + row_h - 4.0 - h)}
                        width={format!("{:.1}", (x1 - x0).max(0.8))} height={format!("{h:.1}")}>
                        <title>{ format!("{name}: {c} @ {}", format_duration(t.0)) }</title>
                    </rect>
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

/// A run, equal only to itself (a memo key).
struct SameRun(Rc<Sim>);

impl PartialEq for SameRun {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Props of [`TimelineView`].
#[derive(Properties)]
pub struct TimelineProps {
    /// The run.
    pub sim: Rc<Sim>,
    /// Which run, when two are compared ("B · …").
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

impl PartialEq for TimelineProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.sim, &other.sim) && self.label == other.label
    }
}

/// Pods over time: the lanes (redrawn only for a new run) and the playhead.
#[component]
pub fn TimelineView(props: &TimelineProps) -> Html {
    let state = use_app();
    let sim = &props.sim;
    let lang = state.lang;
    let geometry = Geometry::of(state.presenter);
    let Geometry {
        row: row_h,
        label: label_w,
        ..
    } = geometry;
    let end_t = sim.scenario().until;
    let end = end_t.0.max(1) as f64;
    let x = |t: SimTime| label_w + (t.0 as f64 / end) * (WIDTH - label_w);
    // Grouping is worked out once per run, not on every frame.
    let rows = *use_memo(SameRun(sim.clone()), |r| rows(&r.0));
    let height = (rows as f64 * row_h + 40.0 + row_h).max(60.0);
    // Click to move the playhead; drag to scrub.
    let seek = {
        let d = state.dispatcher();
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
            let frac = ((fx - label_w) / (WIDTH - label_w)).clamp(0.0, 1.0);
            d.dispatch(AppAction::Seek(SimTime((frac * end_t.0 as f64) as u64)));
        })
    };
    let cursor = x(state.cursor.min(end_t)) / WIDTH * 100.0;
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
    let title = match &props.label {
        Some(l) => format!("{} · {l}", lang.t(Ui::Timeline)),
        None => lang.t(Ui::Timeline).to_string(),
    };
    let grouped = sim.timeline().lanes.len() > MAX_POD_ROWS;
    html! {
        <section class="timeline" aria-label={title.clone()}>
            <header class="timeline-head">
                <h2>{ title }</h2>
                if grouped {
                    <span class="muted">{ lang.t(Ui::TimelineGrouped) }</span>
                }
                if props.label.is_none() {
                    <button title={lang.t(Ui::ExportSvgTitle)} onclick={onexport}>
                        { lang.t(Ui::ExportSvg) }
                    </button>
                }
            </header>
            <div class="chart">
                <svg viewBox={format!("0 0 {WIDTH} {height}")} preserveAspectRatio="none" role="img" aria-label={lang.t(Ui::PodsOverTime)} onmousedown={seek.clone()} onmousemove={seek}>
                    <Lanes sim={sim.clone()} {lang} {geometry} />
                </svg>
                <crate::ui::hooks::PlayheadLine left={cursor} testid="playhead" />
            </div>
        </section>
    }
}
