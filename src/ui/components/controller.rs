//! The Job controller's latest sync at the playhead: what it observed, what it decided (with
//! the wantActive formula and its numbers), and when it will look again.

use crate::frame::Frame;
use crate::i18n::{trace, Lang, Say, Ui};
use crate::sim::format_duration;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ControllerPanel`].
#[derive(Properties, PartialEq)]
pub struct ControllerProps {
    /// The frame.
    pub frame: Rc<Frame>,
    /// Language.
    pub lang: Lang,
}

/// The controller's reasoning.
#[component]
pub fn ControllerPanel(props: &ControllerProps) -> Html {
    let lang = props.lang;
    let body = match &props.frame.last_sync {
        None => html! { <p class="muted">{ lang.t(Ui::NoSync) }</p> },
        Some(s) => {
            let observed = lang.say(Say::JobObserved {
                job: &s.job,
                active: s.active,
                ready: s.ready,
                succeeded: s.succeeded,
                failed: s.failed,
                terminating: s.terminating,
            });
            let decided = match &s.decision {
                crate::sim::JobDecision::Nothing => lang.t(Ui::NothingToDo).to_string(),
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
    };
    html! {
        <section class="controller" aria-label={lang.t(Ui::JobController)}>
            <h2>{ lang.t(Ui::JobController) }</h2>
            { body }
        </section>
    }
}
