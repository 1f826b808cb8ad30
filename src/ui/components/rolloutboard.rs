//! The rollout board: for each DaemonSet, one cell per node (its daemon pods in the current or
//! an old revision, ready and available, or why it has none), the budget meter (nodes
//! unavailable or surging now against maxUnavailable / maxSurge), the order the rollout has
//! updated nodes in, which node the next round picks and when, and `kubectl rollout status`.

use crate::i18n::{placement_zh, Lang};
use crate::rolloutboard::{Board, BoardNode, BoardPod};
use crate::sim::{format_duration, SimTime};
use crate::ui::state::{AppAction, AppState};
use yew::prelude::*;

/// Props of [`RolloutBoard`].
#[derive(Properties, PartialEq)]
pub struct RolloutBoardProps {
    /// The app state (frame, language, playhead).
    pub state: UseReducerHandle<AppState>,
}

/// The boards of the frame's DaemonSets (nothing when there are none).
#[component]
pub fn RolloutBoard(props: &RolloutBoardProps) -> Html {
    let state = &props.state;
    let Some(frame) = state.frame.as_ref() else {
        return html! {};
    };
    if frame.rollouts.is_empty() {
        return html! {};
    }
    let lang = state.lang;
    html! {
        <section class="rollout-board" aria-label="DaemonSet rollouts">
            <h2>{ lang.pick("DaemonSet rollouts", "DaemonSet 滚动更新") }</h2>
            { for frame.rollouts.iter().map(|b| one(b, lang, state.cursor, state)) }
        </section>
    }
}

fn one(b: &Board, lang: Lang, now: SimTime, state: &UseReducerHandle<AppState>) -> Html {
    let to_next = b.next.as_ref().map(|n| {
        let d = state.dispatcher();
        let at = n.at.plus_ms(1_000);
        Callback::from(move |_: MouseEvent| d.dispatch(AppAction::Seek(at)))
    });
    let revision = b
        .revision
        .map(|r| format!("{} {r}", lang.pick("revision", "修订版本")))
        .unwrap_or_default();
    html! {
        <div class="rollout" data-daemonset={b.daemonset.clone()}>
            <div class="rollout-head">
                <strong>{ format!("daemonset/{}", b.daemonset) }</strong>
                <span class="strategy">{ b.strategy.clone() }</span>
                <span class="revision" title={format!("controller-revision-hash={}", b.hash)}>{ revision }</span>
                <span class="rollout-progress" data-testid="updated">{ format!("{} {}/{}", lang.pick("up to date", "已更新"), b.updated, b.desired) }</span>
                if let Some(cb) = to_next {
                    <button class="next-round" onclick={cb} title={lang.pick("Move the playhead just past the next update step", "把播放头移到下一次更新之后")}>
                        { lang.pick("» next step", "» 下一步") }
                    </button>
                }
            </div>
            { meter(b, lang) }
            <ol class="strip" aria-label="Nodes">
                { for b.nodes.iter().map(|n| cell(n, b, lang)) }
            </ol>
            <p class="explain" data-testid="explain">{ explain(b, lang, now) }</p>
            if !b.order.is_empty() {
                <p class="order" data-testid="order">
                    { lang.pick("Update order: ", "更新顺序：") }{ b.order.join(" → ") }
                </p>
            }
            <pre class="console" data-testid="rollout-status">{ format!("$ kubectl rollout status daemonset/{}\n{}", b.daemonset, b.status.0) }</pre>
        </div>
    }
}

/// The budget meter: one box per node the budget allows, filled for each node counted now.
fn meter(b: &Board, lang: Lang) -> Html {
    let Some(budget) = b.budget else {
        return html! {
            <div class="budget">{ lang.pick("OnDelete: no budget; a node is updated when you delete its pod.", "OnDelete：没有预算；删除某节点的 Pod 时该节点才更新。") }</div>
        };
    };
    let (label, max) = if budget.max_surge > 0 {
        (
            lang.pick("surge (nodes with two pods)", "超额（有两个 Pod 的节点）"),
            budget.max_surge,
        )
    } else {
        (
            lang.pick("unavailable nodes", "不可用节点"),
            budget.max_unavailable,
        )
    };
    let knob = if budget.max_surge > 0 {
        "maxSurge"
    } else {
        "maxUnavailable"
    };
    let boxes = max.max(budget.used);
    html! {
        <div class="budget" data-testid="budget" data-used={budget.used.to_string()} data-max={max.to_string()}>
            <span class="budget-label">{ label }</span>
            <span class="boxes" aria-hidden="true">
                { for (0..boxes).map(|i| html! {
                    <span class={classes!("box", (i < budget.used).then_some("used"), (i >= max).then_some("over"))}></span>
                }) }
            </span>
            <span class="budget-count">{ format!("{} / {knob} {max}", budget.used) }</span>
        </div>
    }
}

fn pod_chip(p: &BoardPod, lang: Lang) -> Html {
    let state = match (p.terminating, p.available, p.ready) {
        (true, _, _) => lang.pick("terminating", "终止中"),
        (_, true, _) => lang.pick("available", "可用"),
        (_, false, true) => lang.pick(
            "ready, not yet available (minReadySeconds)",
            "就绪，尚未可用（minReadySeconds）",
        ),
        _ => lang.pick("not ready", "未就绪"),
    };
    let rev = p
        .revision
        .map(|r| format!("r{r}"))
        .unwrap_or_else(|| "r?".into());
    let tip = format!(
        "pod/{} · {} · {}",
        p.name,
        if p.updated {
            lang.pick("current revision", "当前修订版本")
        } else {
            lang.pick("old revision", "旧修订版本")
        },
        state
    );
    html! {
        <span class={classes!("rev", if p.updated { "new" } else { "old" }, p.ready.then_some("ready"), p.available.then_some("available"), p.terminating.then_some("terminating"))}
            data-board-pod={p.name.clone()} title={tip}>{ rev }</span>
    }
}

fn cell(n: &BoardNode, b: &Board, lang: Lang) -> Html {
    let kind = match &n.placement {
        Some(_) if n.pods.is_empty() => "none",
        _ if n.pods.is_empty() => "missing",
        _ if n.pods.iter().all(|p| p.updated && !p.terminating) => "new",
        _ if n.pods.iter().any(|p| p.updated) => "mixed",
        _ => "old",
    };
    let why = n.placement.as_ref().map(|p| match lang {
        Lang::En => p.to_string(),
        Lang::Zh => placement_zh(p),
    });
    html! {
        <li key={n.node.clone()} class={classes!("cell", kind, n.in_flight.then_some("in-flight"), n.next.then_some("next"))}
            data-node={n.node.clone()} data-state={kind}>
            <span class="cell-node">{ n.node.clone() }</span>
            <span class="cell-pods">
                { for n.pods.iter().map(|p| pod_chip(p, lang)) }
                if n.pods.is_empty() && n.placement.is_none() {
                    <span class="rev gap" title={lang.pick("no pod yet: the replacement is created once the old pod is gone", "还没有 Pod：旧 Pod 消失后才创建替代者")}>{ "·" }</span>
                }
            </span>
            if let Some(o) = n.order {
                <span class="badge order-badge" title={lang.pick("position in this rollout's update order", "本次滚动更新中的顺序")}>{ format!("#{o}") }</span>
            }
            if n.next {
                <span class="badge next-badge">{ lang.pick("next", "下一个") }</span>
            }
            if let Some(w) = why {
                <span class="cell-why" title={w.clone()}>{ w }</span>
            }
            if b.budget.is_some() && n.in_flight {
                <span class="cell-flight">{ if b.budget.is_some_and(|x| x.max_surge > 0) { lang.pick("surging", "超额中") } else { lang.pick("unavailable", "不可用") } }</span>
            }
        </li>
    }
}

/// Why the rollout is where it is, and what happens next.
fn explain(b: &Board, lang: Lang, now: SimTime) -> String {
    let old = b
        .nodes
        .iter()
        .filter(|n| n.placement.is_none() && n.pods.iter().any(|p| !p.updated))
        .count();
    let Some(budget) = b.budget else {
        return match lang {
            Lang::En => format!("OnDelete: nothing is replaced until a pod is deleted; {old} node(s) still run an old revision."),
            Lang::Zh => format!("OnDelete：在 Pod 被删除之前什么都不会替换；仍有 {old} 个节点运行旧修订版本。"),
        };
    };
    if b.status.1 {
        let r = b.revision.unwrap_or_default();
        return match lang {
            Lang::En => format!("Rolled out: every node that should run a pod runs revision {r}."),
            Lang::Zh => format!("已完成：每个应运行 Pod 的节点都运行修订版本 {r}。"),
        };
    }
    let flight: Vec<&str> = b
        .nodes
        .iter()
        .filter(|n| n.in_flight)
        .map(|n| n.node.as_str())
        .collect();
    let surge = budget.max_surge > 0;
    let max = if surge {
        budget.max_surge
    } else {
        budget.max_unavailable
    };
    let rule = match (lang, surge) {
        (Lang::En, false) => format!("Each step deletes a node's old pod, then creates the new one once the old one is gone. At most {max} node(s) may be unavailable at once; now {}", flight.len()),
        (Lang::Zh, false) => format!("每一步先删除节点上的旧 Pod，旧 Pod 消失后再创建新 Pod。同时最多 {max} 个节点可以不可用；现在 {} 个", flight.len()),
        (Lang::En, true) => format!("Each step starts a new pod beside the old one and deletes the old one once the new one is available. At most {max} node(s) may run two pods at once; now {}", flight.len()),
        (Lang::Zh, true) => format!("每一步在旧 Pod 旁启动新 Pod，新 Pod 可用后再删除旧 Pod。同时最多 {max} 个节点可以有两个 Pod；现在 {} 个", flight.len()),
    };
    let flight_list = if flight.is_empty() {
        String::new()
    } else {
        format!(" ({})", flight.join(", "))
    };
    let waiting = budget.used >= max;
    let next = match &b.next {
        Some(n) => {
            let (at, wait) = (
                format_duration(n.at.0),
                format_duration(n.at.0.saturating_sub(now.0)),
            );
            match lang {
                Lang::En => format!(
                    ". Next: {} at {at} (in {wait}){}.",
                    n.nodes.join(", "),
                    if waiting {
                        ", when one of the nodes in flight becomes available"
                    } else {
                        ""
                    }
                ),
                Lang::Zh => format!(
                    "。下一个：{}，在 {at}（{wait} 后）{}。",
                    n.nodes.join("、"),
                    if waiting {
                        "，等进行中的某个节点变为可用"
                    } else {
                        ""
                    }
                ),
            }
        }
        None => lang
            .pick(
                ". No further step before this run ends.",
                "。本次运行结束前没有后续步骤。",
            )
            .to_string(),
    };
    format!("{rule}{flight_list}{next}")
}
