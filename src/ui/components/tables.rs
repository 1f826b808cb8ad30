//! `kubectl get pods -o wide`, `get jobs`, `get cronjobs`, `get daemonsets`, `get
//! controllerrevisions` and `get nodes` at the playhead (each shown when it has rows), with
//! kubectl's columns, laid out as kubectl's tabwriter lays them out.

use crate::frame::Frame;
use crate::i18n::Lang;
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
        <section class="tables" aria-label="kubectl get">
            { for props.frame.tables.iter().filter(|t| t.rows.len() > 1).map(|t| html! {
                <div class="kubectl">
                    <code class="prompt">{ format!("$ {}", t.command) }</code>
                    <pre>{ layout(&t.rows) }</pre>
                    if t.more > 0 {
                        <p class="muted more-rows">{ props.lang.pick(
                            &format!("… and {} more rows (kubectl prints them all)", t.more),
                            &format!("…… 另有 {} 行（kubectl 会全部打印）", t.more),
                        ) }</p>
                    }
                </div>
            }) }
        </section>
    }
}
