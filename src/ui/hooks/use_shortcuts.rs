//! The page's shortcuts, whatever has focus: one `keydown` listener on the window (so a key
//! still works after a click re-rendered the focused element away and focus fell to the body),
//! handing each shortcut to the app's model, which decides what it means now. Typing is never a
//! shortcut: keys in a text field or a select stay there, Space and Enter still press a focused
//! button, and a component that handled a key itself (a dialog, a menu) prevents its default.

use crate::app::{AppAction, AppState, Key};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

/// Whether a key pressed on `target` belongs to the element rather than to the page.
fn belongs_to_target(target: &Element, key: &str) -> bool {
    let typing = target
        .closest("textarea, input, select, [contenteditable]")
        .ok()
        .flatten()
        .is_some();
    let pressing = matches!(key, " " | "Enter")
        && target
            .closest("button, a, summary, [role=button], [role=menuitem], [data-pod], [data-node]")
            .ok()
            .flatten()
            .is_some();
    typing || pressing
}

/// Listens for the page's shortcuts for as long as the component lives.
#[hook]
pub fn use_shortcuts(dispatch: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            if e.default_prevented() || e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let key = e.key();
            let on_target = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .is_some_and(|t| belongs_to_target(&t, &key));
            if on_target {
                return;
            }
            if let Some(k) = Key::of(&key) {
                e.prevent_default();
                dispatch.dispatch(AppAction::Key(k));
            }
        });
        let window = web_sys::window();
        if let Some(w) = &window {
            let _ =
                w.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = &window {
                let _ = w.remove_event_listener_with_callback(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
