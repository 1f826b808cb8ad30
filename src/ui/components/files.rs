//! Export and import of scenario files: Export .yaml downloads the run as a scenario file (the
//! learner's changes as steps); Import .yaml loads a scenario file as the run, or puts bare
//! manifests in the editor.

use super::timeline::download;
use crate::app::AppAction;
use crate::i18n::Ui;
use crate::ui::state::use_app;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The export and import buttons.
#[component]
pub fn FileTools() -> Html {
    let state = &use_app();
    let lang = state.lang;
    let picker = use_node_ref();
    let onexport = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let name = format!("podlab-{}.yaml", state.scenario_id);
            download(&name, "application/yaml", &state.export_file());
        })
    };
    let onpick = {
        let picker = picker.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = picker.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let onchange = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            if file.size() > crate::yaml::MAX_INPUT_BYTES as f64 {
                dispatch.dispatch(AppAction::Import(format!(
                    "# the file is larger than the {} bytes podlab reads",
                    crate::yaml::MAX_INPUT_BYTES
                )));
                return;
            }
            let dispatch = dispatch.clone();
            yew::platform::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.dyn_into::<web_sys::js_sys::JsString>().ok())
                    .map(String::from)
                    .unwrap_or_default();
                dispatch.dispatch(AppAction::Import(text));
            });
        })
    };
    html! {
        <div class="file-tools">
            <button title={lang.t(Ui::ExportYamlTitle)} onclick={onexport}>{ lang.t(Ui::ExportYaml) }</button>
            <button title={lang.t(Ui::ImportYamlTitle)} onclick={onpick}>{ lang.t(Ui::ImportYaml) }</button>
            <input ref={picker} type="file" accept=".yaml,.yml,.json,text/yaml" aria-label={lang.t(Ui::FileToImport)} class="hidden-file" tabindex="-1" {onchange} />
        </div>
    }
}
