//! The cluster view: the scheduling queue, then one card per node with its pods.

use crate::frame::{Frame, PodView};
use crate::i18n::{Lang, Text};
use crate::model::Kind;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ClusterView`].
#[derive(Properties, PartialEq)]
pub struct ClusterProps {
    /// The frame to draw.
    pub frame: Rc<Frame>,
    /// Language.
    pub lang: Lang,
    /// Called when a pod or node is clicked.
    pub onselect: Callback<(Kind, String)>,
    /// Called by "Add node" with the new node's name.
    pub onaddnode: Callback<String>,
    /// The object to highlight (`kind/name`), from a clicked event.
    pub highlight: Option<String>,
}

/// A stable hue for an owner, so that pods of one controller share a colour mark.
fn owner_hue(owner: &str) -> u32 {
    owner
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
        % 360
}

fn status_class(status: &str) -> String {
    format!(
        "pod status-{}",
        status.to_ascii_lowercase().replace([':', ' '], "-")
    )
}

fn pod_chip(
    p: &PodView,
    lang: Lang,
    onselect: &Callback<(Kind, String)>,
    highlight: Option<&str>,
) -> Html {
    let lit = highlight == Some(format!("pod/{}", p.name).as_str());
    let style = p
        .owner
        .as_deref()
        .map(|o| format!("border-left: 6px solid hsl({}, 70%, 40%)", owner_hue(o)));
    let onclick = {
        let (cb, name) = (onselect.clone(), p.name.clone());
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            cb.emit((Kind::Pod, name.clone()))
        })
    };
    let restarts = (p.restarts > 0).then(|| html! { <span class="restarts">{ format!("↻{} {}", p.restarts, Text::Restarts.get(lang)) }</span> });
    html! {
        <li class={classes!(status_class(&p.status), lit.then_some("highlight"))} {style} {onclick} data-pod={p.name.clone()} data-phase={p.phase.clone()} data-status={p.status.clone()}
            title={p.unschedulable.clone().unwrap_or_else(|| format!("{} · {}", p.status, p.ready))}>
            <span class="name">{ &p.name }</span>
            <span class="status">{ &p.status }</span>
            { for restarts }
        </li>
    }
}

/// Nodes and pods at the playhead.
#[component]
pub fn ClusterView(props: &ClusterProps) -> Html {
    let lang = props.lang;
    let frame = &props.frame;
    html! {
        <section class="cluster" role="region" aria-label="Cluster">
            <header class="cluster-head">
                <h2>{ Text::Cluster.get(lang) }</h2>
                <button aria-label="Add node" onclick={
                    let (cb, n) = (props.onaddnode.clone(), frame.nodes.len() + 1);
                    let names: Vec<String> = frame.nodes.iter().map(|x| x.name.clone()).collect();
                    Callback::from(move |_: MouseEvent| {
                        let mut i = n;
                        while names.contains(&format!("node-{i}")) { i += 1; }
                        cb.emit(format!("node-{i}"))
                    })
                }>{ Text::AddNode.get(lang) }</button>
            </header>
            <div class="queue" aria-label="Scheduling queue">
                <h3>{ Text::SchedulingQueue.get(lang) }</h3>
                if frame.pending.is_empty() {
                    <p class="muted">{ Text::QueueEmpty.get(lang) }</p>
                } else {
                    <ul class="pods">{ for frame.pending.iter().map(|p| pod_chip(p, lang, &props.onselect, props.highlight.as_deref())) }</ul>
                    { for frame.pending.iter().filter_map(|p| p.unschedulable.as_ref().map(|m| html! { <p class="why"><code>{ m }</code></p> })) }
                }
            </div>
            <div class="nodes">
                { for frame.nodes.iter().map(|n| {
                    let onclick = {
                        let (cb, name) = (props.onselect.clone(), n.name.clone());
                        Callback::from(move |_: MouseEvent| cb.emit((Kind::Node, name.clone())))
                    };
                    html! {
                    <article class={classes!("node", (!n.ready).then_some("not-ready"), n.cordoned.then_some("cordoned"))} {onclick} data-node={n.name.clone()}>
                        <header>
                            <span class="node-name">{ &n.name }</span>
                            <span class={classes!("badge", if n.ready { "ok" } else { "bad" })}>{ if n.ready { Text::Ready.get(lang) } else { Text::NotReady.get(lang) } }</span>
                            if n.cordoned { <span class="badge warn">{ Text::Cordoned.get(lang) }</span> }
                        </header>
                        <div class="tags">
                            { for n.labels.iter().map(|l| html! { <span class="tag label">{ l }</span> }) }
                            { for n.taints.iter().map(|t| html! { <span class="tag taint">{ t }</span> }) }
                        </div>
                        if n.pods.is_empty() {
                            <p class="muted">{ Text::NoPods.get(lang) }</p>
                        } else {
                            <ul class="pods">{ for n.pods.iter().map(|p| pod_chip(p, lang, &props.onselect, props.highlight.as_deref())) }</ul>
                        }
                    </article>
                    }
                }) }
            </div>
        </section>
    }
}
