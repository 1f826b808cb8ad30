//! The workload controllers' latest syncs at the playhead, one panel each for the kinds the run
//! has: the Job controller (what it observed, the wantActive formula with its numbers, what it
//! decided, when it looks again), the CronJob controller (the schedule times it considered,
//! the one it acted on, the policy and the decision), and the DaemonSet controller (each node's
//! verdict, the rolling update's budget and the nodes it picked).

use crate::controllers::record::{CronJobSync, DaemonSetSync, JobDecision, JobSync};
use crate::frame::Frame;
use crate::i18n::{trace, Lang, Say, Ui};
use crate::sim::format_duration;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ControllerPanels`].
#[derive(Properties, PartialEq)]
pub struct ControllerProps {
    /// The frame.
    pub frame: Rc<Frame>,
    /// Language.
    pub lang: Lang,
}

fn job(s: &JobSync, lang: Lang) -> Html {
    let observed = lang.say(Say::JobObserved {
        job: &s.job,
        active: s.active,
        ready: s.ready,
        succeeded: s.succeeded,
        failed: s.failed,
        terminating: s.terminating,
    });
    let decided = match &s.decision {
        JobDecision::Nothing => lang.t(Ui::NothingToDo).to_string(),
        d => format!("→ {}", trace::job_decision(d, lang)),
    };
    html! {
        <dl>
            <dt>{ lang.t(Ui::Observed) }</dt><dd data-testid="observed">{ observed }</dd>
            if s.want_active.is_some() {
                <dt>{ "wantActive" }</dt><dd data-testid="formula"><code>{ trace::formula(s, lang).unwrap_or_default() }</code></dd>
            }
            <dt>{ lang.t(Ui::Decided) }</dt><dd data-testid="decided">{ decided }</dd>
            if let Some(ms) = s.requeue_ms {
                <dt>{ lang.t(Ui::Requeue) }</dt><dd>{ format!("+{}", format_duration(ms)) }</dd>
            }
        </dl>
    }
}

fn cronjob(s: &CronJobSync, lang: Lang) -> Html {
    let considered = s
        .considered
        .iter()
        .map(|t| {
            let mark = if Some(*t) == s.chosen { " ←" } else { "" };
            format!("{t}{mark}")
        })
        .collect::<Vec<_>>();
    html! {
        <dl>
            <dt>{ lang.t(Ui::Observed) }</dt>
            <dd data-testid="observed">{ lang.say(Say::CronObserved { cronjob: &s.cronjob, zone: &s.zone, active: &s.active.join(", ") }) }</dd>
            <dt>{ lang.t(Ui::Considered) }</dt>
            <dd data-testid="considered">
                if considered.is_empty() { { "—" } } else {
                    { for considered.iter().map(|t| html! { <code class="time">{ t }</code> }) }
                }
            </dd>
            <dt>{ lang.t(Ui::Policy) }</dt><dd data-testid="policy"><code>{ format!("concurrencyPolicy: {}", s.policy) }</code></dd>
            <dt>{ lang.t(Ui::Decided) }</dt><dd data-testid="decided">{ format!("→ {}", trace::cron_decision(&s.decision, lang)) }</dd>
            if let Some(t) = s.next {
                <dt>{ lang.t(Ui::Requeue) }</dt><dd>{ t.to_string() }</dd>
            }
        </dl>
    }
}

fn daemonset(s: &DaemonSetSync, lang: Lang) -> Html {
    let desired = s.nodes.iter().filter(|(_, p)| p.should_run()).count();
    let mut decided: Vec<String> = Vec::new();
    if !s.created_on.is_empty() {
        decided.push(format!("+ {}", s.created_on.join(", ")));
    }
    if !s.deleted.is_empty() {
        decided.push(format!("− {}", s.deleted.join(", ")));
    }
    html! {
        <dl>
            <dt>{ lang.t(Ui::Observed) }</dt>
            <dd data-testid="observed">{ lang.say(Say::DaemonSetObserved { daemonset: &s.daemonset, desired, nodes: s.nodes.len() }) }</dd>
            <dt>{ lang.t(Ui::NodesRow) }</dt>
            <dd data-testid="verdicts">
                <ul class="verdicts">
                    { for s.nodes.iter().map(|(node, p)| html! {
                        <li class={classes!((!p.should_run()).then_some("no"))}><strong>{ node }</strong>{ " " }{ trace::placement(p, lang) }</li>
                    }) }
                </ul>
            </dd>
            if let Some((surge, unavailable, flight)) = s.rollout {
                <dt>{ lang.t(Ui::Budget) }</dt>
                <dd data-testid="budget">{ lang.say(Say::RolloutBudget { surge, unavailable, in_flight: flight }) }
                    if !s.updating.is_empty() { { format!(" → {}", s.updating.join(", ")) } }
                </dd>
            }
            <dt>{ lang.t(Ui::Decided) }</dt>
            <dd data-testid="decided">{
                if s.waiting { trace::job_decision(&JobDecision::WaitExpectations, lang) }
                else if decided.is_empty() { lang.t(Ui::NothingToDo).to_string() }
                else { decided.join(" · ") }
            }</dd>
        </dl>
    }
}

/// One panel: its heading, and the latest sync or "no sync yet".
fn panel(title: Ui, body: Option<Html>, lang: Lang) -> Html {
    html! {
        <section class="controller" aria-label={lang.t(title)}>
            <h2>{ lang.t(title) }</h2>
            { body.unwrap_or_else(|| html! { <p class="muted">{ lang.t(Ui::NoSync) }</p> }) }
        </section>
    }
}

/// The panels of the controllers whose kinds the cluster has.
#[component]
pub fn ControllerPanels(props: &ControllerProps) -> Html {
    let (f, lang) = (&props.frame, props.lang);
    let has = |kind| f.queues.iter().any(|q| q.kind == kind);
    use crate::model::Kind;
    html! {
        <>
            if has(Kind::Job) {
                { panel(Ui::JobController, f.syncs.job.as_ref().map(|s| job(s, lang)), lang) }
            }
            if has(Kind::CronJob) {
                { panel(Ui::CronJobController, f.syncs.cronjob.as_ref().map(|s| cronjob(s, lang)), lang) }
            }
            if has(Kind::DaemonSet) {
                { panel(Ui::DaemonSetController, f.syncs.daemonset.as_ref().map(|s| daemonset(s, lang)), lang) }
            }
        </>
    }
}
