//! The page's one timer for async code: `sleep(ms)` waits on a `setTimeout`, so the page stays
//! free meanwhile, and `sleep(0)` lets the work after it run in a task of its own.

use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys::Promise;

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let timer = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(timer).await;
}
