//! A modal dialog as assistive technology expects one: `role="dialog"` with `aria-modal`,
//! focus moved inside when it opens and given back to where it was when it closes, Tab kept
//! inside while it is open, and Escape (or a click beside it) closing it. Shortcuts of the page
//! wait while it is open.

use crate::app::Key;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// What can take focus inside an element.
const FOCUSABLE: &str =
    "button:not([disabled]), [href], select, input, textarea, [tabindex]:not([tabindex='-1'])";

fn focusables(panel: &NodeRef) -> Vec<HtmlElement> {
    let Some(list) = panel
        .cast::<Element>()
        .and_then(|p| p.query_selector_all(FOCUSABLE).ok())
    else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

fn active_element() -> Option<Element> {
    web_sys::window()?.document()?.active_element()
}

/// Props of [`Dialog`].
#[derive(Properties, PartialEq)]
pub struct DialogProps {
    /// Its accessible name.
    pub label: AttrValue,
    /// Close it.
    pub onclose: Callback<()>,
    /// Extra classes for the panel.
    #[prop_or_default]
    pub class: Classes,
    /// What it shows.
    pub children: Html,
}

/// A modal dialog over the page.
#[component]
pub fn Dialog(props: &DialogProps) -> Html {
    let panel = use_node_ref();
    {
        let panel = panel.clone();
        use_effect_with((), move |_| {
            let opener = active_element().and_then(|e| e.dyn_into::<HtmlElement>().ok());
            if let Some(first) = focusables(&panel).into_iter().next() {
                let _ = first.focus();
            }
            move || {
                if let Some(opener) = opener {
                    let _ = opener.focus();
                }
            }
        });
    }
    let onkeydown = {
        let (onclose, panel) = (props.onclose.clone(), panel.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                onclose.emit(());
            }
            "Tab" => {
                let items = focusables(&panel);
                let (Some(first), Some(last)) = (items.first(), items.last()) else {
                    e.prevent_default();
                    return;
                };
                let active = active_element();
                let at = |el: &HtmlElement| {
                    active
                        .as_ref()
                        .is_some_and(|a| a == el.unchecked_ref::<Element>())
                };
                if e.shift_key() && at(first) {
                    e.prevent_default();
                    let _ = last.focus();
                } else if !e.shift_key() && at(last) {
                    e.prevent_default();
                    let _ = first.focus();
                }
            }
            // Space and Enter press the focused button; the page's other shortcuts wait.
            key if key != " " && Key::of(key).is_some() => e.prevent_default(),
            _ => {}
        })
    };
    let onbackdrop = {
        let onclose = props.onclose.clone();
        Callback::from(move |_: MouseEvent| onclose.emit(()))
    };
    html! {
        <div class="overlay" onclick={onbackdrop}>
            <div class={classes!("help", props.class.clone())} role="dialog" aria-modal="true" aria-label={props.label.clone()}
                ref={panel} {onkeydown} onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                { props.children.clone() }
            </div>
        </div>
    }
}
