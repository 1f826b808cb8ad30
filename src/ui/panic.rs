//! A panic in wasm would freeze the page silently: this hook shows what went wrong instead, in
//! the learner's language, says that their text is kept (the editor saves it on every change)
//! and offers a reload. The message goes into the page as text, never as HTML.

use crate::i18n::{Lang, Ui};

const LANG_KEY: &str = "podlab.lang";

/// Installs the hook (once, at start).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        show(&message);
    }));
}

/// Puts the bug report on the page (an alert above everything else).
pub fn show(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let lang = Lang::from_code(
        &web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
            .unwrap_or_default(),
    );
    let (title, kept, reload) = (
        lang.t(Ui::PanicTitle),
        lang.t(Ui::PanicKept),
        lang.t(Ui::Reload),
    );
    let Ok(panel) = doc.create_element("div") else {
        return;
    };
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("class", "panic");
    for (tag, text) in [("h2", title), ("p", kept), ("pre", message)] {
        if let Ok(el) = doc.create_element(tag) {
            el.set_text_content(Some(text));
            let _ = panel.append_child(&el);
        }
    }
    if let Ok(link) = doc.create_element("a") {
        let _ = link.set_attribute("href", "");
        link.set_text_content(Some(reload));
        let _ = panel.append_child(&link);
    }
    if let Some(body) = doc.body() {
        let _ = body.append_child(&panel);
    }
}
