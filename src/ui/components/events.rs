//! `kubectl get events` at the playhead; clicking a row moves the playhead to that event.

use crate::app::AppAction;
use crate::frame::Frame;
use crate::i18n::{Lang, Ui};
use crate::ui::state::use_app;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`EventsPanel`].
#[derive(Properties, PartialEq)]
pub struct EventsProps {
    /// The frame.
    pub frame: Rc<Frame>,
    /// Language.
    pub lang: Lang,
    /// Which run, when two are compared ("B · …").
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

/// The events table.
#[component]
pub fn EventsPanel(props: &EventsProps) -> Html {
    let state = use_app();
    let title = match &props.label {
        Some(l) => format!("{} · {l}", props.lang.t(Ui::Events)),
        None => props.lang.t(Ui::Events).to_string(),
    };
    let rows = props.frame.events.iter().rev().take(40).map(|e| {
        let d = state.dispatcher();
        let (t, object) = (e.time, e.object.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            d.dispatch(AppAction::JumpToEvent(t, object.clone()))
        });
        html! {
            <tr class={classes!((e.type_ == "Warning").then_some("warning"))} {onclick}>
                <td>{ &e.last_seen }</td><td>{ &e.type_ }</td><td>{ &e.reason }</td><td>{ &e.object }</td><td>{ &e.message }</td>
            </tr>
        }
    });
    html! {
        <section class="events" aria-label={title.clone()}>
            <h2>{ title }</h2>
            <table>
                <thead><tr><th>{ "LAST SEEN" }</th><th>{ "TYPE" }</th><th>{ "REASON" }</th><th>{ "OBJECT" }</th><th>{ "MESSAGE" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}
