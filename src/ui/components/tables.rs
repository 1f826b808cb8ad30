//! `kubectl get pods -o wide`, `get jobs`, `get cronjobs`, `get daemonsets`, `get
//! controllerrevisions` and `get nodes` at the playhead (each shown when it has rows), with
//! kubectl's columns, laid out as kubectl's tabwriter lays them out.

use crate::frame::Frame;
use crate::i18n::{Lang, Say, Ui};
use crate::output::table::layout;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`TablesPanel`].
#[derive(Properties, PartialEq)]
pub struct TablesProps {
    /// The frame.
    pub frame: Rc<Frame>,
    /// Language.
    pub lang: Lang,
}

/// The kubectl tables.
#[component]
pub fn TablesPanel(props: &TablesProps) -> Html {
    html! {
        <section class="tables" aria-label={props.lang.t(Ui::KubectlGet)}>
            { for props.frame.tables.iter().filter(|t| t.rows.len() > 1).map(|t| html! {
                <div class="kubectl">
                    <code class="prompt">{ format!("$ {}", t.command) }</code>
                    <pre>{ layout(&t.rows) }</pre>
                    if t.more > 0 {
                        <p class="muted more-rows">{ props.lang.say(Say::MoreRows(t.more)) }</p>
                    }
                </div>
            }) }
        </section>
    }
}
