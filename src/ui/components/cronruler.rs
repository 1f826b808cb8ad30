//! The cron tick ruler: for each CronJob, every scheduled tick labelled ran / replaced /
//! skipped (Forbid) / missed / suspended, the Jobs it created as spans under the ticks (so
//! Allow's overlaps and Replace's cut-short runs show), a countdown to the next tick with a
//! "next tick" button, and the Jobs the history limits will clean next.

use crate::app::AppAction;
use crate::crontimeline::{rulers, CronRuler, SpanEnd, TickLabel, Why};
use crate::engine::Sim;
use crate::i18n::{Lang, Say, Ui};
use crate::sim::{format_duration, SimTime};
use crate::ui::state::use_app;
use std::rc::Rc;
use yew::prelude::*;

const WIDTH: f64 = 1000.0;
const LABEL: f64 = 150.0;
const ROW: f64 = 14.0;

/// A tick's wall-clock time: `09:00` in its zone, and `· 01:00 UTC` when the zone is not UTC
/// (the full dates are in the tooltip).
fn clock(t: &crate::crontimeline::Tick, utc_zone: bool) -> String {
    let hm = |rfc: &str| rfc.get(11..16).unwrap_or_default().to_string();
    if utc_zone {
        hm(&t.utc)
    } else {
        format!("{} · {} UTC", hm(&t.local), hm(&t.utc))
    }
}

/// A tick label.
pub fn label(l: TickLabel) -> Ui {
    match l {
        TickLabel::Ran => Ui::TickRan,
        TickLabel::Replaced => Ui::TickReplaced,
        TickLabel::SkippedForbid => Ui::TickSkipped,
        TickLabel::Missed => Ui::TickMissed,
        TickLabel::Suspended => Ui::TickSuspended,
        TickLabel::Upcoming => Ui::TickScheduled,
    }
}

/// Why a tick went as it did (empty, or " · " and the reason).
pub fn why(w: &Why, lang: Lang) -> String {
    let reason = match w {
        Why::Plain => return String::new(),
        Why::Running(jobs) => lang.say(Say::StillRunning(&jobs.join(", "))),
        Why::PastDeadline => lang.t(Ui::PastDeadline).to_string(),
        Why::NotBackfilled => lang.t(Ui::NotBackfilled).to_string(),
    };
    format!(" · {reason}")
}

fn span_end(e: SpanEnd) -> Ui {
    match e {
        SpanEnd::Running => Ui::SpanRunning,
        SpanEnd::Complete => Ui::SpanComplete,
        SpanEnd::Failed => Ui::SpanFailed,
        SpanEnd::Deleted => Ui::SpanDeleted,
    }
}

/// Props of [`Ruler`]: one CronJob's ticks and spans, redrawn only for a new run.
#[derive(Properties)]
struct RulerProps {
    ruler: Rc<CronRuler>,
    end: SimTime,
    lang: Lang,
    /// The playhead, to a tenth of a second: ticks from it on are only "scheduled" (the
    /// controller acts just after a tick), Jobs after it not yet drawn.
    now: SimTime,
    presenter: bool,
}

impl PartialEq for RulerProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.ruler, &other.ruler)
            && (self.end, self.lang, self.now, self.presenter)
                == (other.end, other.lang, other.now, other.presenter)
    }
}

/// Lanes for the spans: each Job takes the first lane free at its start.
fn lanes(r: &CronRuler, end: SimTime) -> Vec<usize> {
    let mut free: Vec<SimTime> = Vec::new();
    r.spans
        .iter()
        .map(|s| {
            let stop = s.to.unwrap_or(end);
            match free.iter().position(|f| *f <= s.from) {
                Some(i) => {
                    free[i] = stop;
                    i
                }
                None => {
                    free.push(stop);
                    free.len() - 1
                }
            }
        })
        .collect()
}

#[component]
fn Ruler(props: &RulerProps) -> Html {
    let (r, lang, now) = (&props.ruler, props.lang, props.now);
    let end = props.end.0.max(1) as f64;
    let x = |t: SimTime| LABEL + (t.0 as f64 / end) * (WIDTH - LABEL);
    let lane_of = lanes(r, props.end);
    let rows = lane_of.iter().max().map_or(0, |m| m + 1);
    // Text in SVG units; the chart is as wide as the page, so a unit is about a pixel. On a
    // projector the labels are large and alternate between two rows so that they do not collide.
    let (font, label_rows) = if props.presenter {
        (20.0, 2)
    } else {
        (11.0, 1)
    };
    let ticks_h = 18.0 + label_rows as f64 * 2.2 * font;
    let row = if props.presenter { 22.0 } else { ROW };
    let height = ticks_h + rows as f64 * row + 4.0;
    let dense = r.ticks.len() > 40;
    let utc_zone = r.zone == "UTC";
    let near_end = |cx: f64| cx > WIDTH - 70.0;
    html! {
        <svg class="cron-svg" viewBox={format!("0 0 {WIDTH} {height}")} preserveAspectRatio="none" role="img"
            aria-label={format!("cronjob/{} ticks", r.cronjob)}>
            <text x="4" y={format!("{}", font + 2.0)} class="lane-label" font-size={format!("{font}")}>{ lang.t(Ui::TicksLane) }</text>
            <text x="4" y={format!("{}", 2.0 * font + 6.0)} class="lane-label muted" font-size={format!("{font}")}>{ r.zone.clone() }</text>
            { for r.ticks.iter().enumerate().map(|(i, t)| {
                let cx = x(t.at);
                // Only what has happened by the playhead is labelled with its outcome.
                let happened = t.at < now;
                let (key, text) = if happened { (t.label.key(), label(t.label)) } else { ("upcoming", Ui::TickScheduled) };
                let late = t.started.filter(|s| happened && s.0 > t.at.0 + 1_000).map(|s| format!(" · {}", lang.say(Say::StartedLate(&format_duration(s.0 - t.at.0))))).unwrap_or_default();
                let job = t.job.as_ref().filter(|_| happened).map(|j| format!(" · job/{j}")).unwrap_or_default();
                let why = if happened { why(&t.why, lang) } else { String::new() };
                let tip = format!("{} ({} UTC) · {}{job}{late}{why}", t.local, t.utc, lang.t(text));
                let y0 = 18.0 + (i % label_rows) as f64 * 2.2 * font + font;
                let (tx, anchor) = if near_end(cx) { (cx - 2.0, "end") } else { (cx + 2.0, "start") };
                html! {
                    <g class={classes!("cron-tick", format!("tick-{key}"))} data-tick={key}>
                        <line x1={format!("{cx:.1}")} x2={format!("{cx:.1}")} y1="2" y2="16" />
                        if !dense {
                            <text x={format!("{tx:.1}")} y={format!("{y0:.1}")} class="tick-text" font-size={format!("{font}")} text-anchor={anchor}>{ lang.t(text) }</text>
                            <text x={format!("{tx:.1}")} y={format!("{:.1}", y0 + 1.05 * font)} class="tick-text muted" font-size={format!("{:.1}", font * 0.85)} text-anchor={anchor}>{ clock(t, utc_zone) }</text>
                        }
                        <title>{ tip }</title>
                    </g>
                }
            }) }
            { for r.spans.iter().zip(&lane_of).filter(|(s, _)| s.from <= now).map(|(s, lane)| {
                // A Job is drawn up to the playhead; how it ended shows once it has.
                let stop = s.to.unwrap_or(props.end).min(now);
                let ended = s.to.is_some_and(|t| t <= now);
                let (x0, x1) = (x(s.from), x(stop));
                let y = ticks_h + *lane as f64 * row;
                let end_ui = if ended { span_end(s.end) } else { Ui::SpanRunning };
                let cleaned = s.cleaned.filter(|c| *c <= now).map(|c| format!(" · {}", lang.say(Say::CleanedUpAt(&format_duration(c.0))))).unwrap_or_default();
                let tip = format!("job/{} · {}{cleaned}", s.job, lang.t(end_ui));
                let class = if ended { format!("span-{:?}", s.end).to_ascii_lowercase() } else { "span-running".into() };
                html! {
                    <g class={classes!("job-span", class)} data-job={s.job.clone()}>
                        <rect x={format!("{x0:.1}")} y={format!("{y:.1}")} width={format!("{:.1}", (x1 - x0 - 1.0).max(1.5))} height={format!("{}", row - 4.0)} />
                        <title>{ tip }</title>
                    </g>
                }
            }) }
        </svg>
    }
}

/// Shares the rulers of one run between renders.
#[derive(Properties)]
struct Computed {
    sim: Rc<Sim>,
}

impl PartialEq for Computed {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.sim, &other.sim)
    }
}

/// The cron tick rulers of a run with CronJobs (nothing otherwise).
#[component]
pub fn CronRulers() -> Html {
    let state = &use_app();
    let sim = state.sim.clone();
    let all = use_memo(sim.as_ref().map(|s| Computed { sim: s.clone() }), |c| {
        c.as_ref()
            .map(|c| {
                rulers(c.sim.world(), c.sim.trace(), c.sim.scenario().until)
                    .into_iter()
                    .map(Rc::new)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    if all.is_empty() {
        return html! {};
    }
    let lang = state.lang;
    let now = state.cursor;
    let end = state.end();
    html! {
        <section class="cron-rulers" aria-label={lang.t(Ui::CronTicks)}>
            <h2>{ lang.t(Ui::CronTicks) }</h2>
            { for all.iter().map(|r| {
                let next = r.ticks.iter().find(|t| t.at > now).map(|t| t.at);
                let to_next = {
                    let d = state.dispatcher();
                    next.map(|t| Callback::from(move |_: MouseEvent| d.dispatch(AppAction::Seek(t.plus_ms(1_000)))))
                };
                let cleaned = state.cleaned_next(&r.cronjob);
                html! {
                    <div class="cron-ruler" data-cronjob={r.cronjob.clone()}>
                        <div class="cron-head">
                            <strong>{ format!("cronjob/{}", r.cronjob) }</strong>
                            <code>{ r.schedule.clone() }</code>
                            <span>{ r.zone.clone() }</span>
                            <span class="policy">{ r.policy.clone() }</span>
                            <span class="countdown" data-testid="countdown">{
                                match next {
                                    Some(t) => lang.say(Say::NextTickIn(&format_duration(t.0 - now.0))),
                                    None => lang.t(Ui::NoMoreTicks).to_string(),
                                }
                            }</span>
                            if let Some(cb) = to_next {
                                <button class="next-tick" onclick={cb} title={lang.t(Ui::NextTickTitle)}>
                                    { lang.t(Ui::NextTick) }
                                </button>
                            }
                            if !cleaned.is_empty() {
                                <span class="cleaned-next">{ lang.say(Say::CleanedNext(&cleaned.join(", "))) }</span>
                            }
                        </div>
                        <div class="chart">
                            <Ruler ruler={r.clone()} end={end} lang={lang} now={SimTime(now.0 / 100 * 100)} presenter={state.presenter} />
                            <crate::ui::hooks::PlayheadLine left={(LABEL + now.0 as f64 / end.0.max(1) as f64 * (WIDTH - LABEL)) / WIDTH * 100.0} />
                        </div>
                    </div>
                }
            }) }
        </section>
    }
}
