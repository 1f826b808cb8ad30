//! Crowded frames in tasks of their own: when a seek leaves its frame due
//! ([`AppState::frame_due`], a run with hundreds of pods at once), one zero-delay task builds
//! the frame and the next one draws it, so that neither the click, nor the build, nor the
//! redraw of a thousand pods holds the page for 50 ms.

use crate::app::AppState;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::UseReducerHandle;

/// Builds, then shows, the frame `state` left due, each in a task of its own.
pub fn schedule(state: UseReducerHandle<AppState>) {
    later(move || {
        if let Some(show) = state.due_frame() {
            let dispatch = state.dispatcher();
            later(move || dispatch.dispatch(show));
        }
    });
}

/// Runs `f` in a task of its own (a zero-delay timeout).
fn later(f: impl FnOnce() + 'static) {
    let f = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 0);
    }
}
