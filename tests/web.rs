//! Tests in headless Chromium: the engine gives the same bytes in wasm as natively, and the
//! app mounts, renders the cluster and responds to its controls.
#![cfg(target_arch = "wasm32")]

use podlab::engine::Sim;
use podlab::output;
use wasm_bindgen_test::*;
use web_sys::wasm_bindgen::JsCast;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn bare_pods_json_in_wasm_should_equal_the_native_bytes() {
    let text = include_str!("scenarios/bare-pods.yaml");
    let mut sim = Sim::new(podlab::scenario::parse(text).expect("valid"));
    sim.run();
    let json = output::to_json(&output::snapshot(sim.world()));
    assert!(
        json == include_str!("fixtures/bare-pods.json"),
        "wasm JSON differs from the native golden file"
    );
}

#[wasm_bindgen_test]
async fn the_app_should_render_three_nodes_and_step() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<podlab::ui::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let nodes = root.query_selector_all("[data-node]").unwrap();
    assert_eq!(nodes.length(), 3);
    let sleeper = root
        .query_selector("[data-pod=\"sleeper\"]")
        .unwrap()
        .expect("sleeper shown");
    assert_eq!(
        sleeper.get_attribute("data-phase").as_deref(),
        Some("Pending")
    );
    let step: web_sys::HtmlElement = root
        .query_selector("[aria-label=\"Step forward\"]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let time = root
        .query_selector("[data-testid=\"sim-time\"]")
        .unwrap()
        .unwrap();
    assert_eq!(time.text_content().as_deref(), Some("t = 0s"));
    // The next moment anything happens is t = 2s, when the kubelets start the containers.
    step.click();
    yew::scheduler::flush().await;
    assert_eq!(time.text_content().as_deref(), Some("t = 2s"));
    let sleeper = root
        .query_selector("[data-pod=\"sleeper\"]")
        .unwrap()
        .expect("sleeper shown");
    assert_eq!(
        sleeper.get_attribute("data-phase").as_deref(),
        Some("Running")
    );
}
