//! Fetching the files the page loads on demand ([`Asset`]): where each is (the build writes
//! its hashed name into a `<meta name="podlab-asset:FILE">` of the page, relative to it, so
//! the site works from any sub-path), fetched and installed before the waiting action runs
//! (which asks again: an action may need a second file, as a lesson naming a time zone does). The banner says what is loading, or why it failed, with a retry.

use crate::app::{AppAction, Asset};
use crate::i18n::{notice, Lang};
use crate::ui::state::use_app;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys::{ArrayBuffer, Uint8Array};
use yew::prelude::*;

/// The file's address: the build's hashed name (or, in a page built without the post-build
/// step, its plain name).
fn url_of(asset: Asset) -> String {
    let selector = format!("meta[name=\"podlab-asset:{}\"]", asset.file());
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&selector).ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| format!("./{}", asset.file()))
}

/// The banner while `asset` loads.
fn loading(asset: Asset, lang: Lang) -> String {
    match asset {
        Asset::TimeZones => notice::time_zones_loading(lang),
        Asset::ExplainFields => notice::explain_loading(lang),
        Asset::Lessons => notice::lessons_loading(lang),
    }
}

/// What the page says when fetching `asset` failed.
pub fn failed(asset: Asset, why: &str, lang: Lang) -> String {
    match asset {
        Asset::TimeZones => notice::time_zones_failed(why, lang),
        Asset::ExplainFields => notice::explain_failed(why, lang),
        Asset::Lessons => notice::lessons_failed(why, lang),
    }
}

/// Fetches the file's bytes; the error is what the browser or the server said.
async fn fetch(asset: Asset) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let said = |e: wasm_bindgen::JsValue| {
        e.dyn_ref::<web_sys::js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| format!("{e:?}"))
    };
    let response = JsFuture::from(window.fetch_with_str(&url_of(asset)))
        .await
        .map_err(said)?;
    let response: web_sys::Response = response.dyn_into().map_err(said)?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(said)?)
        .await
        .map_err(said)?;
    let buffer: ArrayBuffer = buffer.dyn_into().map_err(said)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

thread_local! {
    /// Files the banner is fetching, so that it starts one fetch per file. (A console line
    /// fetches on its own; whichever lands first is installed, the other is dropped.)
    static LOADING: RefCell<Vec<Asset>> = const { RefCell::new(Vec::new()) };
}

/// Makes sure `asset` is installed: fetches and installs it unless it already is.
pub async fn ensure(asset: Asset) -> Result<(), String> {
    if asset.installed() {
        return Ok(());
    }
    let bytes = fetch(asset).await?;
    asset.install(&bytes)
}

/// The banner while an action waits for a file, and the fetch behind it: it starts when an
/// action starts waiting (or the learner asks for a retry) and tells the app how it went.
#[component]
pub fn AssetBanner() -> Html {
    let state = use_app();
    let lang = state.lang;
    let key = state
        .waiting
        .as_ref()
        .map(|w| (w.asset, w.failed.is_some()));
    {
        let dispatch = state.dispatcher();
        use_effect_with(key, move |key| {
            if let Some((asset, false)) = *key {
                // One fetch per file at a time; its outcome reaches the app once.
                let already = LOADING.with(|l| l.borrow().contains(&asset));
                if !already {
                    LOADING.with(|l| l.borrow_mut().push(asset));
                    yew::platform::spawn_local(async move {
                        let result = ensure(asset).await;
                        LOADING.with(|l| l.borrow_mut().retain(|a| *a != asset));
                        dispatch.dispatch(match result {
                            Ok(()) => AppAction::AssetArrived,
                            Err(why) => AppAction::AssetFailed(why),
                        });
                    });
                }
            }
        });
    }
    let Some(w) = &state.waiting else {
        return html! {};
    };
    match &w.failed {
        None => html! {
            <div class="notice loading" role="status" data-testid="asset-loading">{ loading(w.asset, lang) }</div>
        },
        Some(why) => {
            let retry = {
                let dispatch = state.dispatcher();
                Callback::from(move |_: MouseEvent| dispatch.dispatch(AppAction::RetryAsset))
            };
            html! {
                <div class="notice" role="alert" data-testid="asset-failed">
                    { failed(w.asset, why, lang) }
                    {" "}
                    <button class="retry" onclick={retry}>{ notice::retry(lang) }</button>
                </div>
            }
        }
    }
}
