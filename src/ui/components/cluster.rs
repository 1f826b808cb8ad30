//! The cluster view: the scheduling queue, then one card per node with its pods. Each node card
//! is its own component, so a frame redraws only the nodes whose pods changed. With many pods
//! the chips shrink to coloured squares, and with thousands each node shows counts per status.

use super::actions::object_actions;
use crate::frame::{Frame, NodeView, PodView};
use crate::i18n::{trace, Lang, Say, Ui};
use crate::model::Kind;
use crate::scenario::Action;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

/// Up to this many pods, chips show their names.
const FULL_CHIPS: usize = 200;
/// Up to this many pods, every pod has its own (small) element; above, nodes show counts.
const COMPACT_CHIPS: usize = 3000;

/// How pods are drawn, chosen by how many there are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Density {
    /// A chip with name, status and restarts.
    Full,
    /// A small square coloured by status; name and status in its tooltip.
    Compact,
    /// Counts per status, no element per pod.
    Aggregated,
}

impl Density {
    /// The density for a cluster with `pods` pods.
    pub fn for_pods(pods: usize) -> Density {
        match pods {
            n if n <= FULL_CHIPS => Density::Full,
            n if n <= COMPACT_CHIPS => Density::Compact,
            _ => Density::Aggregated,
        }
    }
}

/// The pod or node an event happened on: the nearest element with `data-pod` or `data-node`.
fn clicked_object(e: &Event) -> Option<(Kind, String)> {
    let target = e.target()?.dyn_into::<Element>().ok()?;
    let hit = |selector: &str, attr: &str| {
        target
            .closest(selector)
            .ok()
            .flatten()
            .and_then(|el| el.get_attribute(attr))
    };
    hit("[data-pod]", "data-pod")
        .map(|pod| (Kind::Pod, pod))
        .or_else(|| hit("[data-node]", "data-node").map(|node| (Kind::Node, node)))
}

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
    /// Called by the right-click menu with the step to run at the playhead.
    pub oninject: Callback<Action>,
    /// The object to highlight (`kind/name`), from a clicked event.
    pub highlight: Option<String>,
    /// A second run shown beside the first (compare): its title, and no clicks or changes.
    #[prop_or_default]
    pub compare: Option<AttrValue>,
}

/// A stable hue for an owner, so that pods of one controller share a colour mark.
/// One of twelve hues (30° apart) for an owner, as the class `owner-hue-N`; the stylesheet
/// colours the chip's left border with it (the CSP refuses style attributes).
fn owner_hue(owner: &str) -> String {
    let hash = owner
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    format!("owner-hue-{}", hash % 12)
}

fn status_class(status: &str) -> String {
    format!(
        "status-{}",
        status.to_ascii_lowercase().replace([':', ' ', '/'], "-")
    )
}

fn pod_chip(p: &PodView, density: Density, lang: Lang, highlight: Option<&str>) -> Html {
    let lit = highlight.is_some_and(|h| h.strip_prefix("pod/") == Some(p.name.as_str()));
    let hue = p
        .owner
        .as_deref()
        .filter(|_| density == Density::Full)
        .map(owner_hue);
    let title = match &p.unschedulable {
        Some(why) => format!("{} · {why}", p.name),
        None => format!("{} · {} · {}", p.name, p.status, p.ready),
    };
    let class = classes!(
        "pod",
        status_class(&p.status),
        (density == Density::Compact).then_some("compact"),
        lit.then_some("highlight"),
        hue.map(|h| classes!("owned", h))
    );
    if density == Density::Compact {
        return html! {
            <li key={p.name.clone()} {class} data-pod={p.name.clone()} data-phase={p.phase.clone()} data-status={p.status.clone()} tabindex="0" aria-label={title.clone()} {title} />
        };
    }
    let restarts = (p.restarts > 0)
        .then(|| html! { <span class="restarts">{ lang.say(Say::Restarts(p.restarts)) }</span> });
    html! {
        <li key={p.name.clone()} {class} data-pod={p.name.clone()} data-phase={p.phase.clone()} data-status={p.status.clone()} tabindex="0" {title}>
            <span class="name">{ &p.name }</span>
            <span class="status">{ &p.status }</span>
            { for restarts }
        </li>
    }
}

/// Pods that went away a moment ago, fading out where they were.
fn ghost_chips(names: &[String], density: Density) -> Html {
    html! {
        { for names.iter().map(|name| html! {
            <li key={format!("gone/{name}")} class={classes!("pod", "gone", (density == Density::Compact).then_some("compact"))} aria-hidden="true">
                if density == Density::Full { <span class="name">{ name }</span> }
            </li>
        }) }
    }
}

/// Props of [`Segment`].
#[derive(Properties, PartialEq)]
struct SegmentProps {
    status: String,
    n: usize,
}

/// One status's share of the aggregated bar.
#[component]
fn Segment(props: &SegmentProps) -> Html {
    let node = use_node_ref();
    crate::ui::hooks::use_style(&node, vec![("flex", props.n.to_string())]);
    let (s, n) = (&props.status, props.n);
    html! { <span class={classes!("seg", status_class(s))} ref={node} title={format!("{s}: {n}")} /> }
}

/// Counts per status, for the aggregated rendering.
fn status_counts(pods: &[Rc<PodView>]) -> Html {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in pods {
        *counts.entry(p.status.as_str()).or_default() += 1;
    }
    html! {
        <div class="counts" data-pods={pods.len().to_string()}>
            <div class="bar">
                { for counts.iter().map(|(s, n)| html! {
                    <Segment status={s.to_string()} n={*n} />
                }) }
            </div>
            <p class="count-list">
                { for counts.iter().map(|(s, n)| html! { <span data-status={s.to_string()}>{ format!("{s} {n}") }</span> }) }
            </p>
        </div>
    }
}

fn pod_list(
    pods: &[Rc<PodView>],
    gone: &[String],
    density: Density,
    lang: Lang,
    highlight: Option<&str>,
) -> Html {
    if density == Density::Aggregated {
        return status_counts(pods);
    }
    html! {
        <ul class={classes!("pods", (density == Density::Compact).then_some("compact"))}>
            { for pods.iter().map(|p| pod_chip(p, density, lang, highlight)) }
            { ghost_chips(gone, density) }
        </ul>
    }
}

/// Props of [`NodeCard`].
#[derive(Properties, PartialEq)]
struct NodeCardProps {
    node: Rc<NodeView>,
    density: Density,
    lang: Lang,
    /// The highlighted object, only when it is this node or one of its pods.
    highlight: Option<String>,
}

/// One node and its pods; redrawn only when they change.
#[component]
fn NodeCard(props: &NodeCardProps) -> Html {
    let (n, lang) = (&props.node, props.lang);
    let lit = props.highlight.as_deref() == Some(format!("node/{}", n.name).as_str());
    html! {
        <article class={classes!("node", (!n.ready).then_some("not-ready"), n.cordoned.then_some("cordoned"), lit.then_some("highlight"))} data-node={n.name.clone()} tabindex="0" aria-label={format!("node/{}", n.name)}>
            <header>
                <span class="node-name">{ &n.name }</span>
                <span class={classes!("badge", if n.ready { "ok" } else { "bad" })}>{ lang.t(if n.ready { Ui::Ready } else { Ui::NotReady }) }</span>
                if n.cordoned { <span class="badge warn">{ lang.t(Ui::Cordoned) }</span> }
            </header>
            <div class="tags">
                { for n.labels.iter().map(|l| html! { <span class="tag label">{ l }</span> }) }
                { for n.taints.iter().map(|t| html! { <span class="tag taint">{ t }</span> }) }
            </div>
            { for n.daemon_misses.iter().map(|(ds, why)| html! {
                <p class="why-no-pod" data-daemonset={ds.clone()}>{
                    lang.say(Say::NoDaemonPod { daemonset: ds, why: &trace::placement(why, lang) })
                }</p>
            }) }
            if n.pods.is_empty() && n.gone.is_empty() {
                <p class="muted">{ lang.t(Ui::NoPods) }</p>
            } else {
                { pod_list(&n.pods, &n.gone, props.density, lang, props.highlight.as_deref()) }
            }
        </article>
    }
}

/// Nodes and pods at the playhead.
#[component]
pub fn ClusterView(props: &ClusterProps) -> Html {
    let lang = props.lang;
    let frame = &props.frame;
    let total = frame.pending.len() + frame.nodes.iter().map(|n| n.pods.len()).sum::<usize>();
    let density = Density::for_pods(total);
    let highlight = props.highlight.as_deref();
    // Pending pods' reasons, each distinct message once with how many pods it holds back.
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for why in frame
        .pending
        .iter()
        .filter_map(|p| p.unschedulable.as_deref())
    {
        *reasons.entry(why).or_default() += 1;
    }
    let onadd = {
        let (cb, n) = (props.onaddnode.clone(), frame.nodes.len() + 1);
        let names: Vec<String> = frame.nodes.iter().map(|x| x.name.clone()).collect();
        Callback::from(move |_: MouseEvent| {
            let mut i = n;
            while names.contains(&format!("node-{i}")) {
                i += 1;
            }
            cb.emit(format!("node-{i}"))
        })
    };
    // One listener for every pod and node: the clicked element's data-pod or data-node.
    let onclick = {
        let cb = props.onselect.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(hit) = clicked_object(&e) {
                cb.emit(hit);
            }
        })
    };
    // Right-click: the same object, and a menu of what can be done to it.
    let menu = use_state(|| None::<(Kind, String, i32, i32)>);
    let menu_node = use_node_ref();
    let (mx, my) = menu.as_ref().map(|m| (m.2, m.3)).unwrap_or_default();
    crate::ui::hooks::use_style(
        &menu_node,
        vec![("left", format!("{mx}px")), ("top", format!("{my}px"))],
    );
    let oncontextmenu = {
        let (cb, menu) = (props.onselect.clone(), menu.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some((kind, name)) = clicked_object(&e) {
                e.prevent_default();
                cb.emit((kind, name.clone()));
                menu.set(Some((kind, name, e.client_x(), e.client_y())));
            }
        })
    };
    // The keyboard: Enter inspects the focused pod or node; the context-menu key or Shift+F10
    // opens its menu beside it, with focus on the first action.
    let onkeydown = {
        let (cb, menu) = (props.onselect.clone(), menu.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some((kind, name)) = clicked_object(&e) else {
                return;
            };
            let menu_key = e.key() == "ContextMenu" || (e.shift_key() && e.key() == "F10");
            if e.key() == "Enter" {
                e.prevent_default();
                cb.emit((kind, name));
            } else if menu_key {
                e.prevent_default();
                let rect = e
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .map(|el| el.get_bounding_client_rect());
                let (x, y) = rect.map_or((0, 0), |r| (r.left() as i32, r.bottom() as i32));
                cb.emit((kind, name.clone()));
                menu.set(Some((kind, name, x, y)));
            }
        })
    };
    // An open menu takes the focus; when it closes, the focus goes back to its pod or node.
    {
        let (menu_node, open) = (menu_node.clone(), menu.as_ref().map(|m| (m.0, m.1.clone())));
        use_effect_with(open, move |open| {
            if open.is_some() {
                if let Some(first) = menu_node
                    .cast::<Element>()
                    .and_then(|m| m.query_selector("[role=menuitem]").ok().flatten())
                    .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = first.focus();
                }
            }
        });
    }
    let context_menu = (*menu).clone().map(|(kind, name, _, _)| {
        let close = {
            let menu = menu.clone();
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                menu.set(None)
            })
        };
        let onmenukey = {
            let (menu, name) = (menu.clone(), name.clone());
            Callback::from(move |e: KeyboardEvent| {
                let items: Vec<web_sys::HtmlElement> = e
                    .current_target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|m| m.query_selector_all("[role=menuitem]").ok())
                    .map(|l| {
                        (0..l.length())
                            .filter_map(|i| l.item(i))
                            .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
                            .collect()
                    })
                    .unwrap_or_default();
                let active = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element());
                let at = items
                    .iter()
                    .position(|i| active.as_ref().is_some_and(|a| a == i.unchecked_ref::<Element>()));
                let step = |by: isize| {
                    let n = items.len() as isize;
                    let next = (at.map_or(-1, |i| i as isize) + by).rem_euclid(n.max(1));
                    if let Some(item) = items.get(next as usize) {
                        let _ = item.focus();
                    }
                };
                match e.key().as_str() {
                    "ArrowDown" => {
                        e.prevent_default();
                        step(1);
                    }
                    "ArrowUp" => {
                        e.prevent_default();
                        step(-1);
                    }
                    "Escape" | "Tab" => {
                        e.prevent_default();
                        menu.set(None);
                        let back = web_sys::window()
                            .and_then(|w| w.document())
                            .and_then(|d| {
                                d.query_selector(&format!("[data-pod=\"{name}\"], [data-node=\"{name}\"]"))
                                    .ok()
                                    .flatten()
                            })
                            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
                        if let Some(el) = back {
                            let _ = el.focus();
                        }
                    }
                    _ => {}
                }
            })
        };
        let items = object_actions(kind, &name, Some(frame)).into_iter().map(|a| {
            let (inject, menu) = (props.oninject.clone(), menu.clone());
            let onclick = Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                menu.set(None);
                inject.emit(a.action.clone());
            });
            html! { <button role="menuitem" {onclick}>{ lang.t(a.text) }</button> }
        });
        html! {
            <>
                <div class="menu-backdrop" onclick={close.clone()} oncontextmenu={close} />
                <div class="context-menu" role="menu" aria-label={lang.say(Say::ActionsFor(&format!("{}/{name}", kind.lower())))} ref={menu_node.clone()} onkeydown={onmenukey}>
                    <p class="menu-title"><code>{ format!("{}/{name}", kind.lower()) }</code></p>
                    { for items }
                </div>
            </>
        }
    });
    let (region, onclick, oncontextmenu, onkeydown) = match &props.compare {
        None => (
            lang.t(Ui::Cluster),
            Some(onclick),
            Some(oncontextmenu),
            Some(onkeydown),
        ),
        Some(_) => (lang.t(Ui::ClusterB), None, None, None),
    };
    html! {
        <section class={classes!("cluster", format!("density-{density:?}").to_ascii_lowercase(), props.compare.is_some().then_some("compare-b"))} role="region" aria-label={region} {onclick} {oncontextmenu} {onkeydown}>
            <header class="cluster-head">
                <h2>{ lang.t(Ui::Cluster) }</h2>
                <span class="muted pod-total">{ lang.say(Say::Pods(total)) }{ " · " }{ lang.say(Say::Nodes(frame.nodes.len())) }</span>
                if let Some(title) = &props.compare {
                    <span class="compare-title">{ title.clone() }</span>
                } else {
                    <button onclick={onadd}>{ lang.t(Ui::AddNode) }</button>
                }
            </header>
            if props.compare.is_none() {
                <p class="muted hint">{ lang.t(Ui::ClusterHint) }</p>
            }
            <div class="queue" aria-label={lang.t(Ui::SchedulingQueue)}>
                <h3>{ lang.t(Ui::SchedulingQueue) }</h3>
                if frame.pending.is_empty() {
                    <p class="muted">{ lang.t(Ui::QueueEmpty) }</p>
                } else {
                    { pod_list(&frame.pending, &[], density, lang, highlight) }
                    { for reasons.iter().map(|(m, n)| html! {
                        <p class="why"><code>{ m }</code>if *n > 1 { <span class="muted">{ format!(" ×{n}") }</span> }</p>
                    }) }
                }
            </div>
            <div class="nodes">
                { for frame.nodes.iter().map(|n| {
                    let mine = highlight.filter(|h| {
                        *h == format!("node/{}", n.name)
                            || h.strip_prefix("pod/").is_some_and(|p| n.pods.iter().any(|x| x.name == p))
                    });
                    html! {
                        <NodeCard key={n.name.clone()} node={n.clone()} {density} {lang} highlight={mine.map(str::to_string)} />
                    }
                }) }
            </div>
            // Always present, so that opening the menu does not shift the section's children
            // (Yew matches unkeyed children from the end).
            <div class="menu-layer">{ for context_menu }</div>
        </section>
    }
}
