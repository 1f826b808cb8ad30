//! The rollout board: for each DaemonSet, one cell per node (its daemon pods in the current or
//! an old revision, ready and available, or why it has none), the budget meter (nodes
//! unavailable or surging now against maxUnavailable / maxSurge), the order the rollout has
//! updated nodes in, which node the next round picks and when, and `kubectl rollout status`.

use crate::app::AppAction;
use crate::i18n::{trace, Lang, Say, Ui};
use crate::rolloutboard::{Board, BoardNode, BoardPod, Standing};
use crate::sim::{format_duration, SimTime};
use crate::ui::state::{use_app, AppContext};
use yew::prelude::*;

/// The boards of the frame's DaemonSets (nothing when there are none).
#[component]
pub fn RolloutBoard() -> Html {
    let state = &use_app();
    let Some(frame) = state.frame.as_ref() else {
        return html! {};
    };
    if frame.rollouts.is_empty() {
        return html! {};
    }
    let lang = state.lang;
    html! {
        <section class="rollout-board" aria-label={lang.t(Ui::Rollouts)}>
            <h2>{ lang.t(Ui::Rollouts) }</h2>
            { for frame.rollouts.iter().map(|b| one(b, lang, state.cursor, state)) }
        </section>
    }
}

fn one(b: &Board, lang: Lang, now: SimTime, state: &AppContext) -> Html {
    let to_next = b.next.as_ref().map(|n| {
        let d = state.dispatcher();
        let at = n.at.plus_ms(1_000);
        Callback::from(move |_: MouseEvent| d.dispatch(AppAction::Seek(at)))
    });
    let revision = b
        .revision
        .map(|r| lang.say(Say::Revision(r)))
        .unwrap_or_default();
    html! {
        <div class="rollout" data-daemonset={b.daemonset.clone()}>
            <div class="rollout-head">
                <strong>{ format!("daemonset/{}", b.daemonset) }</strong>
                <span class="strategy">{ b.strategy.clone() }</span>
                <span class="revision" title={format!("controller-revision-hash={}", b.hash)}>{ revision }</span>
                <span class="rollout-progress" data-testid="updated">{ lang.say(Say::UpToDate { updated: b.updated as i32, desired: b.desired as i32 }) }</span>
                if let Some(cb) = to_next {
                    <button class="next-round" onclick={cb} title={lang.t(Ui::NextStepTitle)}>
                        { lang.t(Ui::NextStep) }
                    </button>
                }
            </div>
            { meter(b, lang) }
            <ol class="strip" aria-label={lang.t(Ui::Nodes)}>
                { for b.nodes.iter().map(|n| cell(n, b, lang)) }
            </ol>
            <p class="explain" data-testid="explain">{ explain(b, lang, now) }</p>
            if !b.order.is_empty() {
                <p class="order" data-testid="order">
                    { lang.say(Say::UpdateOrder(&b.order.join(" → "))) }
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
            <div class="budget">{ lang.t(Ui::OnDeleteBudget) }</div>
        };
    };
    let (label, max) = if budget.max_surge > 0 {
        (lang.t(Ui::SurgeMeter), budget.max_surge)
    } else {
        (lang.t(Ui::UnavailableMeter), budget.max_unavailable)
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
    let state = lang.t(match (p.terminating, p.available, p.ready) {
        (true, _, _) => Ui::PodTerminating,
        (_, true, _) => Ui::PodAvailable,
        (_, false, true) => Ui::PodReadyNotAvailable,
        _ => Ui::PodNotReady,
    });
    let rev = p
        .revision
        .map(|r| format!("r{r}"))
        .unwrap_or_else(|| "r?".into());
    let tip = format!(
        "pod/{} · {} · {}",
        p.name,
        lang.t(if p.updated {
            Ui::CurrentRevision
        } else {
            Ui::OldRevision
        }),
        state
    );
    html! {
        <span class={classes!("rev", if p.updated { "new" } else { "old" }, p.ready.then_some("ready"), p.available.then_some("available"), p.terminating.then_some("terminating"))}
            data-board-pod={p.name.clone()} title={tip}>{ rev }</span>
    }
}

fn cell(n: &BoardNode, b: &Board, lang: Lang) -> Html {
    let kind = n.state().key();
    let why = n.placement.as_ref().map(|p| trace::placement(p, lang));
    html! {
        <li key={n.node.clone()} class={classes!("cell", kind, n.in_flight.then_some("in-flight"), n.next.then_some("next"))}
            data-node={n.node.clone()} data-state={kind}>
            <span class="cell-node">{ n.node.clone() }</span>
            <span class="cell-pods">
                { for n.pods.iter().map(|p| pod_chip(p, lang)) }
                if n.pods.is_empty() && n.placement.is_none() {
                    <span class="rev gap" title={lang.t(Ui::NoPodYet)}>{ "·" }</span>
                }
            </span>
            if let Some(o) = n.order {
                <span class="badge order-badge" title={lang.t(Ui::OrderTitle)}>{ format!("#{o}") }</span>
            }
            if n.next {
                <span class="badge next-badge">{ lang.t(Ui::NextBadge) }</span>
            }
            if let Some(w) = why {
                <span class="cell-why" title={w.clone()}>{ w }</span>
            }
            if b.budget.is_some() && n.in_flight {
                <span class="cell-flight">{ lang.t(if b.budget.is_some_and(|x| x.max_surge > 0) { Ui::Surging } else { Ui::Unavailable }) }</span>
            }
        </li>
    }
}

/// Why the rollout is where it is, and what happens next.
fn explain(b: &Board, lang: Lang, now: SimTime) -> String {
    match b.standing() {
        Standing::OnDelete { old } => lang.say(Say::OnDeleteOld(old)),
        Standing::Done { revision } => lang.say(Say::RolledOut(revision)),
        Standing::Rolling {
            surge,
            max,
            in_flight,
            waiting,
            next,
        } => {
            let rule = lang.say(Say::RolloutRule {
                surge,
                max,
                now: in_flight.len(),
            });
            let flight = if in_flight.is_empty() {
                String::new()
            } else {
                format!(" ({})", in_flight.join(", "))
            };
            let next = match next {
                Some(n) => lang.say(Say::RolloutNext {
                    nodes: &n.nodes.join(", "),
                    at: &format_duration(n.at.0),
                    wait: &format_duration(n.at.0.saturating_sub(now.0)),
                    waiting,
                }),
                None => lang.t(Ui::NoFurtherStep).to_string(),
            };
            format!("{rule}{flight}{next}")
        }
    }
}
