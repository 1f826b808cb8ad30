//! The activity feed (the latest trace entries, translated) and the status legend.

use crate::frame::Frame;
use crate::i18n::{trace, Lang, Say, Ui};
use crate::sim::format_duration;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ActivityFeed`].
#[derive(Properties, PartialEq)]
pub struct ActivityProps {
    /// The frame.
    pub frame: Rc<Frame>,
    /// Language.
    pub lang: Lang,
}

/// Who did what, newest first.
#[component]
pub fn ActivityFeed(props: &ActivityProps) -> Html {
    let lang = props.lang;
    html! {
        <section class="activity" aria-label={lang.t(Ui::Activity)}>
            <h2>{ lang.t(Ui::Activity) }</h2>
            <ol>
                { for props.frame.activity.iter().rev().map(|a| html! {
                    <li>
                        <span class="t">{ format_duration(a.time.0) }</span>
                        <span class="actor">{ trace::actor(&a.actor, lang) }</span>
                        <span class="what">{ trace::change(&a.change, lang) }</span>
                    </li>
                }) }
            </ol>
        </section>
    }
}

/// Props of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// Language.
    pub lang: Lang,
}

/// The colours of pod statuses, explained.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let lang = props.lang;
    let rows = [
        "Pending",
        "ContainerCreating",
        "Running",
        "Completed",
        "Error",
        "CrashLoopBackOff",
        "ImagePullBackOff",
        "Terminating",
    ];
    html! {
        <section class="legend" aria-label={lang.t(Ui::Legend)}>
            <h2>{ lang.t(Ui::Legend) }</h2>
            <ul>
                { for rows.iter().map(|s| html! {
                    <li><span class={format!("swatch status-{}", s.to_ascii_lowercase())}></span><code>{ *s }</code>{ " " }<span class="muted">{ lang.say(Say::StatusHint(s)) }</span></li>
                }) }
            </ul>
        </section>
    }
}
