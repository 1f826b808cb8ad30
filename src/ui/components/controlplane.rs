//! The control plane, live: kubectl → API server ↔ etcd, informers → workqueue → controllers,
//! the scheduler and the kubelets. The component that acted last lights up and a token runs
//! along its arrow; the Job controller's workqueue keys are listed.

use crate::frame::Frame;
use crate::i18n::{Lang, Say, Ui};
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

struct Boxed {
    id: &'static str,
    text: Ui,
    x: f64,
    y: f64,
}

const BOXES: [Boxed; 8] = [
    Boxed {
        id: "user",
        text: Ui::BoxUser,
        x: 20.0,
        y: 20.0,
    },
    Boxed {
        id: "api",
        text: Ui::BoxApi,
        x: 230.0,
        y: 20.0,
    },
    Boxed {
        id: "etcd",
        text: Ui::BoxEtcd,
        x: 440.0,
        y: 20.0,
    },
    Boxed {
        id: "job",
        text: Ui::JobController,
        x: 20.0,
        y: 130.0,
    },
    Boxed {
        id: "gc",
        text: Ui::BoxGc,
        x: 20.0,
        y: 210.0,
    },
    Boxed {
        id: "scheduler",
        text: Ui::BoxScheduler,
        x: 440.0,
        y: 130.0,
    },
    Boxed {
        id: "kubelet",
        text: Ui::BoxKubelet,
        x: 440.0,
        y: 210.0,
    },
    Boxed {
        id: "queue",
        text: Ui::BoxQueue,
        x: 230.0,
        y: 130.0,
    },
];

fn box_of(actor: &Actor) -> &'static str {
    match actor {
        Actor::User => "user",
        Actor::ApiServer => "api",
        Actor::Scheduler => "scheduler",
        Actor::Kubelet(_) => "kubelet",
        Actor::Controller(name) if name == "job-controller" => "job",
        Actor::NodeLifecycle | Actor::PodGc | Actor::GarbageCollector | Actor::Controller(_) => {
            "gc"
        }
    }
}

fn centre(id: &str) -> (f64, f64) {
    BOXES
        .iter()
        .find(|b| b.id == id)
        .map(|b| (b.x + 85.0, b.y + 22.0))
        .unwrap_or((0.0, 0.0))
}

/// The diagram.
#[component]
pub fn ControlPlane(props: &ControlPlaneProps) -> Html {
    let lang = props.lang;
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
    let arrows = [
        ("user", "api"),
        ("api", "etcd"),
        ("api", "queue"),
        ("queue", "job"),
        ("job", "api"),
        ("api", "scheduler"),
        ("api", "kubelet"),
        ("gc", "api"),
    ];
    let queue = &props.frame.job_queue;
    let now = props.now;
    html! {
        <section class="controlplane" aria-label={lang.t(Ui::ControlPlane)}>
            <svg viewBox="0 0 630 260" role="img" aria-label={lang.t(Ui::ControlPlaneDiagram)}>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M0 0L10 5L0 10z" class="arrowhead" />
                    </marker>
                </defs>
                { for arrows.iter().map(|(a, b)| {
                    let ((x1, y1), (x2, y2)) = (centre(a), centre(b));
                    html! { <line class="wire" x1={format!("{x1}")} y1={format!("{y1}")} x2={format!("{x2}")} y2={format!("{y2}")} marker-end="url(#arrow)" /> }
                }) }
                { for BOXES.iter().map(|b| html! {
                    <g class={classes!("cp-box", (active == Some(b.id)).then_some("active"))} data-box={b.id}>
                        <rect x={format!("{}", b.x)} y={format!("{}", b.y)} width="170" height="44" rx="8" />
                        <text x={format!("{}", b.x + 85.0)} y={format!("{}", b.y + 27.0)} text-anchor="middle">{ lang.t(b.text) }</text>
                    </g>
                }) }
                { for token }
            </svg>
            <p class="queue-keys" data-testid="workqueue">
                <span class="muted">{ lang.say(Say::Workqueue("Job")) }</span>
                if queue.is_empty() {
                    <span class="muted">{ lang.t(Ui::Empty) }</span>
                } else {
                    { for queue.iter().map(|(k, due)| html! {
                        <code class="key">{ match due {
                            None => k.clone(),
                            Some(t) => format!("{k} (+{})", format_duration(t.0.saturating_sub(now.0))),
                        } }</code>
                    }) }
                }
            </p>
        </section>
    }
}
