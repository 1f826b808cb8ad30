//! The control plane, live: kubectl → API server ↔ etcd; informers → a workqueue per
//! controller → the Job, CronJob and DaemonSet controllers the run has; the scheduler and the
//! kubelets. The component that acted last lights up and a token runs along its arrow; each
//! controller's workqueue keys are listed under the diagram.

use crate::frame::Frame;
use crate::i18n::{Lang, Say, Ui};
use crate::model::Kind;
use crate::sim::{format_duration, Actor, SimTime};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ControlPlane`].
#[derive(Properties, PartialEq)]
pub struct ControlPlaneProps {
    /// The frame.
    pub frame: Rc<Frame>,
    /// Language.
    pub lang: Lang,
    /// The playhead (due times of waiting keys are shown from it).
    pub now: SimTime,
}

/// A box of the diagram.
struct Boxed {
    id: &'static str,
    text: Ui,
    x: f64,
    y: f64,
}

const W: f64 = 170.0;
const H: f64 = 40.0;

/// The controllers' boxes, one per kind the run has, down the left column.
fn controller_boxes(kinds: &[Kind]) -> Vec<Boxed> {
    kinds
        .iter()
        .enumerate()
        .map(|(i, k)| Boxed {
            id: box_id(*k),
            text: match k {
                Kind::CronJob => Ui::CronJobController,
                Kind::DaemonSet => Ui::DaemonSetController,
                _ => Ui::JobController,
            },
            x: 20.0,
            y: 100.0 + 52.0 * i as f64,
        })
        .collect()
}

fn box_id(k: Kind) -> &'static str {
    match k {
        Kind::CronJob => "cronjob",
        Kind::DaemonSet => "daemonset",
        _ => "job",
    }
}

/// The fixed boxes; the garbage collectors go below the controllers.
fn fixed_boxes(controllers: usize) -> Vec<Boxed> {
    let below = 100.0 + 52.0 * controllers.max(1) as f64;
    let b = |id, text, x, y| Boxed { id, text, x, y };
    vec![
        b("user", Ui::BoxUser, 20.0, 20.0),
        b("api", Ui::BoxApi, 230.0, 20.0),
        b("etcd", Ui::BoxEtcd, 440.0, 20.0),
        b("queue", Ui::BoxQueue, 230.0, 100.0),
        b("scheduler", Ui::BoxScheduler, 440.0, 100.0),
        b("kubelet", Ui::BoxKubelet, 440.0, 152.0),
        b("gc", Ui::BoxGc, 20.0, below),
    ]
}

fn box_of(actor: &Actor) -> &'static str {
    match actor {
        Actor::User => "user",
        Actor::ApiServer => "api",
        Actor::Scheduler => "scheduler",
        Actor::Kubelet(_) => "kubelet",
        Actor::Controller(name) if name == "job-controller" => "job",
        Actor::Controller(name) if name == "cronjob-controller" => "cronjob",
        Actor::Controller(name) if name == "daemonset-controller" => "daemonset",
        Actor::NodeLifecycle | Actor::PodGc | Actor::GarbageCollector | Actor::Controller(_) => {
            "gc"
        }
    }
}

/// The diagram.
#[component]
pub fn ControlPlane(props: &ControlPlaneProps) -> Html {
    let lang = props.lang;
    let kinds: Vec<Kind> = props.frame.queues.iter().map(|q| q.kind).collect();
    let mut boxes = fixed_boxes(kinds.len());
    boxes.extend(controller_boxes(&kinds));
    let centre = |id: &str| {
        boxes
            .iter()
            .find(|b| b.id == id)
            .map(|b| (b.x + W / 2.0, b.y + H / 2.0))
            .unwrap_or((0.0, 0.0))
    };
    let last = props.frame.activity.last();
    let active = last.map(|a| box_of(&a.actor));
    let token = last.map(|a| {
        let (x1, y1) = centre(box_of(&a.actor));
        let (x2, y2) = centre("api");
        let key = format!("{}-{}", a.time.0, props.frame.activity.len());
        html! {
            <circle key={key} class="token" r="6" cx={format!("{x2}")} cy={format!("{y2}")}>
                <animate attributeName="cx" from={format!("{x1}")} to={format!("{x2}")} dur="0.6s" fill="freeze" />
                <animate attributeName="cy" from={format!("{y1}")} to={format!("{y2}")} dur="0.6s" fill="freeze" />
            </circle>
        }
    });
    let mut arrows: Vec<(&str, &str)> = vec![
        ("user", "api"),
        ("api", "etcd"),
        ("api", "queue"),
        ("api", "scheduler"),
        ("api", "kubelet"),
        ("gc", "api"),
    ];
    for k in &kinds {
        arrows.push(("queue", box_id(*k)));
        arrows.push((box_id(*k), "api"));
    }
    let height = boxes.iter().map(|b| b.y + H).fold(0.0, f64::max) + 16.0;
    let now = props.now;
    html! {
        <section class="controlplane" aria-label={lang.t(Ui::ControlPlane)}>
            <svg viewBox={format!("0 0 630 {height}")} role="img" aria-label={lang.t(Ui::ControlPlaneDiagram)}>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M0 0L10 5L0 10z" class="arrowhead" />
                    </marker>
                </defs>
                { for arrows.iter().map(|(a, b)| {
                    let ((x1, y1), (x2, y2)) = (centre(a), centre(b));
                    html! { <line class="wire" x1={format!("{x1}")} y1={format!("{y1}")} x2={format!("{x2}")} y2={format!("{y2}")} marker-end="url(#arrow)" /> }
                }) }
                { for boxes.iter().map(|b| html! {
                    <g class={classes!("cp-box", (active == Some(b.id)).then_some("active"))} data-box={b.id}>
                        <rect x={format!("{}", b.x)} y={format!("{}", b.y)} width={format!("{W}")} height={format!("{H}")} rx="8" />
                        <text x={format!("{}", b.x + W / 2.0)} y={format!("{}", b.y + 25.0)} text-anchor="middle">{ lang.t(b.text) }</text>
                    </g>
                }) }
                { for token }
            </svg>
            { for props.frame.queues.iter().map(|q| html! {
                <p class="queue-keys" data-testid="workqueue" data-kind={q.kind.name()}>
                    <span class="muted">{ lang.say(Say::Workqueue(q.kind.name())) }</span>
                    if q.keys.is_empty() {
                        <span class="muted">{ lang.t(Ui::Empty) }</span>
                    } else {
                        { for q.keys.iter().map(|(k, due)| html! {
                            <code class="key">{ match due {
                                None => k.clone(),
                                Some(t) => format!("{k} (+{})", format_duration(t.0.saturating_sub(now.0))),
                            } }</code>
                        }) }
                    }
                </p>
            }) }
        </section>
    }
}
