//! The Embed dialog (beside Share): pick the panel and whether the editor shows, and copy an
//! `<iframe>` of this moment for a course page; and the embedded page's own bar (the
//! scenario's title and a link that opens the full app).

use super::dialog::Dialog;
use crate::embed::{Embed, Panel};
use crate::i18n::{Lang, Ui};
use crate::ui::state::use_app;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The app's address without query or fragment.
pub fn page_address() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// A panel's name.
pub fn panel_name(p: Panel) -> Ui {
    match p {
        Panel::Timeline => Ui::PanelTimeline,
        Panel::Ticks => Ui::PanelTicks,
        Panel::Rollout => Ui::PanelRollout,
        Panel::Controller => Ui::PanelController,
        Panel::Cluster => Ui::PanelCluster,
    }
}

/// Props of [`EmbedDialog`].
#[derive(Properties, PartialEq)]
pub struct EmbedDialogProps {
    /// Close it.
    pub onclose: Callback<()>,
}

/// The Embed dialog.
#[component]
pub fn EmbedDialog(props: &EmbedDialogProps) -> Html {
    let state = use_app();
    let lang = state.lang;
    let embed = use_state(|| Embed {
        panel: Panel::Timeline,
        editor: false,
    });
    let copied = use_state(|| false);
    let title = format!("podlab: {}", scenario_title(&state, lang));
    let snippet = embed.snippet(&page_address(), &state.share_link(), &title);
    let onpanel = {
        let embed = embed.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(panel) = Panel::from_code(&select.value()) {
                embed.set(Embed { panel, ..*embed });
            }
        })
    };
    let oneditor = {
        let embed = embed.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            embed.set(Embed {
                editor: input.checked(),
                ..*embed
            });
        })
    };
    let oncopy = {
        let (snippet, copied) = (snippet.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&snippet);
                copied.set(true);
            }
        })
    };
    html! {
        <Dialog label={lang.t(Ui::Embed)} onclose={props.onclose.clone()} class={classes!("embed-dialog")}>
            <h2>{ lang.t(Ui::Embed) }</h2>
            <p class="muted">{ lang.t(Ui::EmbedTitle) }</p>
            <label>{ lang.t(Ui::EmbedPanel) }{ " " }
                <select onchange={onpanel}>
                    { for Panel::ALL.iter().map(|p| html! {
                        <option value={p.code()} selected={*p == embed.panel}>{ lang.t(panel_name(*p)) }</option>
                    }) }
                </select>
            </label>
            <label class="check"><input type="checkbox" checked={embed.editor} onchange={oneditor} />{ " " }{ lang.t(Ui::EmbedEditor) }</label>
            <label class="snippet">{ lang.t(Ui::EmbedSnippet) }
                <textarea readonly=true rows="5" value={snippet} />
            </label>
            <div class="buttons">
                <button onclick={oncopy}>{ lang.t(Ui::CopySnippet) }</button>
                if *copied { <span role="status">{ " ✓" }</span> }
                <button onclick={props.onclose.reform(|_: MouseEvent| ())}>{ lang.t(Ui::Close) }</button>
            </div>
        </Dialog>
    }
}

/// The scenario's (or challenge's) title.
fn scenario_title(state: &crate::app::AppState, lang: Lang) -> String {
    use crate::i18n::Bilingual;
    if let Some(c) = &state.challenge {
        return c.challenge().title(lang).to_string();
    }
    state
        .sim
        .as_ref()
        .map(|s| s.scenario().title.get(lang).to_string())
        .unwrap_or_default()
}

/// The embedded page's bar: what it shows and the way to the full app.
#[component]
pub fn EmbedBar() -> Html {
    let state = use_app();
    let lang = state.lang;
    let href = format!("{}{}", page_address(), state.share_link());
    html! {
        <header class="embed-bar">
            <strong>{ "podlab" }</strong>
            <span class="muted">{ scenario_title(&state, lang) }</span>
            <a href={href} target="_blank" rel="noopener">{ lang.t(Ui::OpenInPodlab) }</a>
        </header>
    }
}
