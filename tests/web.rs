//! Tests in headless Chromium: the engine gives the same bytes in wasm as natively, and the
//! app mounts, renders the cluster and responds to its controls.
#![cfg(target_arch = "wasm32")]

use podlab::engine::Sim;
use podlab::output;
use wasm_bindgen_test::*;
use web_sys::wasm_bindgen::JsCast;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "it/support/digests.rs"]
mod digests;

/// Installs the time-zone database and the lessons as the page does once it has fetched them
/// (the page's wait for them is tested natively, tests/it/assets.rs, and in
/// e2e/tests/assets.spec.js).
fn on_demand_files() {
    podlab::cron::tzdb::install(include_bytes!("../static/lazy/tzdb.bin"))
        .expect("the database file parses in wasm");
    let lessons = serde_json::json!({
        "bare-pod-vs-job": include_str!("../src/lesson/content/bare-pod-vs-job.yaml"),
        "restart-and-backoff": include_str!("../src/lesson/content/restart-and-backoff.yaml"),
        "parallel-jobs": include_str!("../src/lesson/content/parallel-jobs.yaml"),
        "one-after-another": include_str!("../src/lesson/content/one-after-another.yaml"),
        "job-controller": include_str!("../src/lesson/content/job-controller.yaml"),
        "cronjob": include_str!("../src/lesson/content/cronjob.yaml"),
        "daemonset": include_str!("../src/lesson/content/daemonset.yaml"),
        "daemonset-updates": include_str!("../src/lesson/content/daemonset-updates.yaml"),
        "daemonset-controller": include_str!("../src/lesson/content/daemonset-controller.yaml"),
        "taints-and-selectors": include_str!("../src/lesson/content/taints-and-selectors.yaml"),
    });
    podlab::lesson::install(lessons.to_string().as_bytes()).expect("the lessons install");
}

#[wasm_bindgen_test]
fn every_scenario_and_lesson_step_in_wasm_should_match_the_native_digests() {
    on_demand_files();
    let lines = digests::lines();
    let native = include_str!("fixtures/digests.txt");
    for (w, n) in lines.lines().zip(native.lines()) {
        assert_eq!(w, n, "wasm differs from native");
    }
    assert_eq!(lines.lines().count(), native.lines().count());
}

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
fn controller_json_in_wasm_should_equal_the_native_bytes() {
    on_demand_files();
    for (text, golden) in [
        (
            include_str!("scenarios/cronjob-concurrency.yaml"),
            include_str!("fixtures/cronjob-concurrency.json"),
        ),
        (
            include_str!("scenarios/cronjob-timezone.yaml"),
            include_str!("fixtures/cronjob-timezone.json"),
        ),
        (
            include_str!("scenarios/daemonset-rolling.yaml"),
            include_str!("fixtures/daemonset-rolling.json"),
        ),
    ] {
        let mut sim = Sim::new(podlab::scenario::parse(text).expect("valid"));
        sim.run();
        let json = output::to_json(&output::snapshot(sim.world()));
        assert!(
            json == golden,
            "wasm JSON differs from the native golden file"
        );
    }
}

#[wasm_bindgen_test]
fn a_bug_should_be_reported_on_the_page_as_text() {
    podlab::ui::panic::show("index out of bounds <b>x</b>");
    let doc = web_sys::window().unwrap().document().unwrap();
    let panel = doc
        .query_selector(".panic[role=alert]")
        .unwrap()
        .expect("a report");
    let text = panel.text_content().unwrap_or_default();
    assert!(text.contains("podlab hit a bug"), "{text}");
    assert!(text.contains("Your text in the editor is saved"), "{text}");
    // The message is text, never HTML.
    assert!(text.contains("<b>x</b>"), "{text}");
    assert!(panel.query_selector("b").unwrap().is_none());
    panel.remove();
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

mod density {
    use super::*;
    use podlab::frame::{Frame, NodeView, PodView};
    use podlab::i18n::Lang;
    use podlab::sim::SimTime;
    use podlab::ui::components::{ClusterProps, ClusterView};
    use std::rc::Rc;
    use yew::Callback;

    /// A frame with `pods` Running pods spread over ten nodes.
    fn frame(pods: usize) -> Rc<Frame> {
        let nodes = (0..10)
            .map(|n| {
                Rc::new(NodeView {
                    name: format!("node-{n}"),
                    ready: true,
                    cordoned: false,
                    labels: Vec::new(),
                    taints: Vec::new(),
                    daemon_misses: Vec::new(),
                    pods: (0..pods)
                        .filter(|i| i % 10 == n)
                        .map(|i| {
                            Rc::new(PodView {
                                name: format!("p-{i}"),
                                phase: "Running".into(),
                                status: "Running".into(),
                                restarts: 0,
                                ready: "1/1".into(),
                                unschedulable: None,
                                owner: Some("job/wide".into()),
                                image: "busybox".into(),
                            })
                        })
                        .collect(),
                    gone: if n == 0 {
                        vec!["gone-0".into()]
                    } else {
                        Vec::new()
                    },
                })
            })
            .collect();
        Rc::new(Frame {
            time: SimTime::ZERO,
            wall: String::new(),
            nodes,
            pending: Vec::new(),
            activity: Vec::new(),
            syncs: Default::default(),
            events: Vec::new(),
            tables: Vec::new(),
            queues: Vec::new(),
            rollouts: Vec::new(),
        })
    }

    async fn render(pods: usize) -> web_sys::Element {
        let doc = web_sys::window().unwrap().document().unwrap();
        let root = doc.create_element("div").unwrap();
        doc.body().unwrap().append_child(&root).unwrap();
        let props = ClusterProps {
            frame: frame(pods),
            lang: Lang::En,
            onselect: Callback::noop(),
            onaddnode: Callback::noop(),
            oninject: Callback::noop(),
            highlight: None,
            compare: None,
        };
        yew::Renderer::<ClusterView>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        root
    }

    fn count(root: &web_sys::Element, selector: &str) -> u32 {
        root.query_selector_all(selector).unwrap().length()
    }

    #[wasm_bindgen_test]
    async fn few_pods_should_be_named_chips() {
        let root = render(150).await;
        assert_eq!(count(&root, "[data-pod]"), 150);
        assert_eq!(count(&root, "[data-pod].compact"), 0);
        assert_eq!(count(&root, "[data-pod] .name"), 150);
        assert_eq!(
            count(&root, ".pod.gone"),
            1,
            "a pod that went away fades out"
        );
        assert_eq!(
            count(&root, ".pod.gone[data-pod]"),
            0,
            "and is not a pod any more"
        );
    }

    #[wasm_bindgen_test]
    async fn a_thousand_pods_should_be_small_squares_still_one_per_pod() {
        let root = render(1000).await;
        assert_eq!(count(&root, "[data-pod].compact"), 1000);
        assert_eq!(count(&root, "[data-pod] .name"), 0);
    }

    #[wasm_bindgen_test]
    async fn thousands_of_pods_should_be_counted_per_node() {
        let root = render(3500).await;
        assert_eq!(count(&root, "[data-pod]"), 0, "no element per pod");
        let counts = root.query_selector_all(".counts").unwrap();
        assert_eq!(counts.length(), 10);
        let total: u32 = (0..counts.length())
            .filter_map(|i| counts.item(i)?.dyn_into::<web_sys::Element>().ok())
            .filter_map(|e| e.get_attribute("data-pods")?.parse::<u32>().ok())
            .sum();
        assert_eq!(total, 3500);
        // Each status's share is set through the CSSOM (the CSP refuses style attributes).
        let segs = root.query_selector_all(".counts .seg").unwrap();
        assert!(segs.length() >= 10);
        for i in 0..segs.length() {
            let seg: web_sys::HtmlElement = segs.item(i).unwrap().dyn_into().unwrap();
            assert!(seg
                .get_attribute("style")
                .is_some_and(|s| s.starts_with("flex:")));
            assert_ne!(seg.style().get_property_value("flex-grow").unwrap(), "");
        }
        assert!(root
            .text_content()
            .unwrap_or_default()
            .contains("Running 350"));
    }
}
