//! The Job controller's latest sync at the playhead: what it observed, what it decided (with
//! the wantActive formula and its numbers), and when it will look again.

use crate::frame::Frame;
use crate::i18n::{self, Lang, Text};
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
        None => html! { <p class="muted">{ Text::NoSync.get(lang) }</p> },
        Some(s) => {
            let observed = match lang {
                Lang::En => format!(
                    "job/{}: active {}, ready {}, succeeded {}, failed {}, terminating {}",
                    s.job, s.active, s.ready, s.succeeded, s.failed, s.terminating
                ),
                Lang::Zh => format!(
                    "job/{}：活跃 {}，就绪 {}，成功 {}，失败 {}，终止中 {}",
                    s.job, s.active, s.ready, s.succeeded, s.failed, s.terminating
                ),
            };
            let decided = match &s.decision {
                crate::sim::JobDecision::Nothing => Text::NothingToDo.get(lang).to_string(),
                d => format!("→ {}", i18n::decision(d, lang)),
            };
            html! {
                <dl>
                    <dt>{ Text::Observed.get(lang) }</dt><dd data-testid="observed">{ observed }</dd>
                    if s.want_active.is_some() {
                        <dt>{ "wantActive" }</dt><dd data-testid="formula"><code>{ s.formula().unwrap_or_default() }</code></dd>
                    }
                    <dt>{ Text::Decided.get(lang) }</dt><dd data-testid="decided">{ decided }</dd>
                    if let Some(ms) = s.requeue_ms {
                        <dt>{ Text::Requeue.get(lang) }</dt><dd>{ format!("+{}", format_duration(ms)) }</dd>
                    }
                </dl>
            }
        }
    };
    html! {
        <section class="controller" aria-label="Job controller">
            <h2>{ Text::JobController.get(lang) }</h2>
            { body }
        </section>
    }
}
