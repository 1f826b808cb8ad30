//! The engine benchmark in wasm: the Job benchmark's scenario (`benches/job_100k.rs`) run
//! headless in Chromium, timed with `performance.now()`. Not a test: `bash scripts/bench.sh`
//! runs it (release build) and divides by the native time. PODLAB_BENCH_COMPLETIONS at
//! compile time changes the size, as it does natively.
#![cfg(target_arch = "wasm32")]

use podlab::sim::SimTime;
use wasm_bindgen_test::*;

#[path = "../benches/support/job_run.rs"]
#[allow(dead_code)]
mod job_run;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn job_benchmark_in_wasm() {
    let completions: u32 = option_env!("PODLAB_BENCH_COMPLETIONS")
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let scenario = job_run::scenario(completions);
    let performance = web_sys::window().unwrap().performance().unwrap();
    // Only the steps are timed, not the turns of the event loop between them.
    let mut run = job_run::JobRun::new(scenario);
    let mut wall_ms = 0.0;
    loop {
        let t0 = performance.now();
        let more = run.step();
        wall_ms += performance.now() - t0;
        if !more {
            break;
        }
        // The page's event loop turns: a page busy for 30 s is given up on by its driver.
        podlab::ui::timer::sleep(0).await;
    }
    let sim = run.finish();
    console_log!(
        "PODLAB_BENCH {{\"completions\": {completions}, \"wall_ms\": {wall_ms:.0}, \"engine_events\": {}}}",
        sim.events()
    );
}

/// The cluster view with `pods` pods on 100 nodes, `done` of them Completed.
fn frame(pods: usize, done: usize) -> std::rc::Rc<podlab::frame::Frame> {
    use podlab::frame::{Frame, NodeView, PodView};
    use std::rc::Rc;
    let nodes = (0..100)
        .map(|n| {
            Rc::new(NodeView {
                name: format!("node-{n}"),
                ready: true,
                cordoned: false,
                labels: Vec::new(),
                taints: Vec::new(),
                daemon_misses: Vec::new(),
                pods: (0..pods)
                    .filter(|i| i % 100 == n)
                    .map(|i| {
                        let status = if i < done { "Completed" } else { "Running" };
                        Rc::new(PodView {
                            name: format!("wide-{i}"),
                            phase: if i < done { "Succeeded" } else { "Running" }.into(),
                            status: status.into(),
                            restarts: 0,
                            ready: "1/1".into(),
                            unschedulable: None,
                            owner: Some("job/wide".into()),
                            image: "busybox".into(),
                        })
                    })
                    .collect(),
                gone: Vec::new(),
            })
        })
        .collect();
    Rc::new(Frame {
        time: SimTime(done as u64),
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

/// Frame times of the aggregated cluster view with 100,000 pods: 60 frames in which 1,000
/// more pods complete each time, each rendered and flushed to the DOM. (The app itself keeps
/// at most 25,000 pods with their history, so this measures the view with built frames.)
#[wasm_bindgen_test]
async fn aggregated_view_with_100000_pods() {
    use podlab::i18n::Lang;
    use podlab::ui::components::{ClusterProps, ClusterView};
    use yew::Callback;
    let pods = 100_000;
    let frames: Vec<_> = (0..61).map(|k| frame(pods, k * 1000)).collect();
    let props = |f: &std::rc::Rc<podlab::frame::Frame>| ClusterProps {
        frame: f.clone(),
        lang: Lang::En,
        onselect: Callback::noop(),
        onaddnode: Callback::noop(),
        oninject: Callback::noop(),
        highlight: None,
        compare: None,
    };
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let performance = web_sys::window().unwrap().performance().unwrap();
    let mut app =
        yew::Renderer::<ClusterView>::with_root_and_props(root.clone(), props(&frames[0])).render();
    yew::scheduler::flush().await;
    let mut ms = Vec::new();
    for f in &frames[1..] {
        let t0 = performance.now();
        app.update(props(f));
        yew::scheduler::flush().await;
        ms.push(performance.now() - t0);
    }
    assert_eq!(root.query_selector_all(".counts").unwrap().length(), 100);
    podlab::sort::sort_by(&mut ms, |a, b| a.total_cmp(b));
    console_log!(
        "PODLAB_BENCH {{\"aggregated_pods\": {pods}, \"frame_ms\": {{\"median\": {:.2}, \"p95\": {:.2}, \"max\": {:.2}}}}}",
        ms[ms.len() / 2],
        ms[ms.len() * 95 / 100],
        ms[ms.len() - 1]
    );
}
