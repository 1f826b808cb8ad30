//! The hand-over from the prerendered first screen (scripts/prerender.js writes an inert copy of
//! the app's first frame into index.html, so a first visit sees the scenario before the wasm
//! arrives) to the app itself.

/// Removes the prerendered copies and the page's `data-pre` marks. Called just before the app
/// renders: Yew renders in microtasks of this same task, so no frame is painted between the
/// copy going and the app appearing, and no element of the copy is ever beside the app's own.
pub fn take_over() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(copies) = doc.query_selector_all(".prerender") {
        for i in 0..copies.length() {
            if let Some(copy) = copies.get(i) {
                if let Some(parent) = copy.parent_node() {
                    let _ = parent.remove_child(&copy);
                }
            }
        }
    }
    if let Some(root) = doc.document_element() {
        let _ = root.remove_attribute("data-pre");
        let _ = root.remove_attribute("data-pre-failed");
    }
}
