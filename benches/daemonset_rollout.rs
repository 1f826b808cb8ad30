//! DaemonSet benchmark: a DaemonSet on 5,000 nodes rolls a new image out with maxUnavailable
//! 10 % (500 nodes at a time), run headless (no trace). Prints one JSON object: the wall time
//! to place the first 5,000 pods and then to finish the rollout, the simulated time the
//! rollout took, engine events, and resident memory. Run with
//! `cargo bench --bench daemonset_rollout`; PODLAB_BENCH_NODES changes the node count and
//! PODLAB_BENCH_UNAVAILABLE the maxUnavailable.

// A benchmark measures wall time and memory; the simulation it measures never reads them.
#![allow(clippy::disallowed_methods)]

use podlab::engine::Sim;
use podlab::model::{Kind, Object};
use podlab::sim::SimTime;
use std::time::Instant;

#[path = "support/rss.rs"]
mod rss;
use rss::rss_kib;

fn daemonset(image: &str, unavailable: &str, indent: usize) -> String {
    let text = format!(
        "apiVersion: apps/v1
kind: DaemonSet
metadata: {{name: node-agent}}
spec:
  selector: {{matchLabels: {{app: node-agent}}}}
  updateStrategy:
    rollingUpdate: {{maxUnavailable: {unavailable}}}
  template:
    metadata: {{labels: {{app: node-agent}}}}
    spec:
      terminationGracePeriodSeconds: 5
      containers:
      - {{name: agent, image: \"{image}\", command: [\"sleep\", \"infinity\"]}}
"
    );
    text.lines()
        .map(|l| format!("{}{l}\n", " ".repeat(indent)))
        .collect()
}

/// (updated, available) from the DaemonSet's status.
fn progress(sim: &Sim) -> (i32, i32) {
    sim.world()
        .store
        .get(Kind::DaemonSet, "default", "node-agent")
        .and_then(Object::as_daemonset)
        .and_then(|d| d.status.as_ref())
        .map(|s| (s.updated_number_scheduled, s.number_available))
        .unwrap_or_default()
}

fn main() {
    let nodes: i32 = std::env::var("PODLAB_BENCH_NODES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000);
    let unavailable =
        std::env::var("PODLAB_BENCH_UNAVAILABLE").unwrap_or_else(|_| "\"10%\"".into());
    let text = format!(
        "name: daemonset-rollout-bench\ncluster:\n  nodes: {nodes}\nmanifests: |\n{}steps:\n  - at: 60s\n    apply: |\n{}until: 24h\n",
        daemonset("agent:1.0", &unavailable, 2),
        daemonset("agent:2.0", &unavailable, 6),
    );
    let scenario = podlab::scenario::parse(&text).expect("scenario parses");
    let mut sim = Sim::headless(scenario);
    let rss_start = rss_kib();
    let t0 = Instant::now();
    sim.run_until(SimTime(59_000));
    let placed_ms = t0.elapsed().as_secs_f64() * 1e3;
    assert_eq!(progress(&sim), (nodes, nodes), "every node runs revision 1");
    let rss_placed = rss_kib();
    // Step through the rollout in 10-second slices until every node runs revision 2.
    let t1 = Instant::now();
    let mut t = 60_000;
    let mut peak = rss_placed;
    while progress(&sim) != (nodes, nodes) || t <= 70_000 {
        t += 10_000;
        assert!(t < 24 * 3_600_000, "the rollout finishes within a day");
        sim.run_until(SimTime(t));
        peak = peak.max(rss_kib());
    }
    let rollout_ms = t1.elapsed().as_secs_f64() * 1e3;
    assert!(sim.error().is_none(), "{:?}", sim.error());
    let pods = sim.world().store.list(Kind::Pod).count();
    println!(
        "{{\"scenario\": \"daemonset-rolling-update\", \"nodes\": {nodes}, \"max_unavailable\": {unavailable}, \"place_wall_ms\": {placed_ms:.0}, \"rollout_wall_ms\": {rollout_ms:.0}, \"rollout_sim_s\": {}, \"engine_events\": {}, \"pods_at_end\": {pods}, \"rss_kib\": {{\"start\": {rss_start}, \"placed\": {rss_placed}, \"peak\": {peak}}}}}",
        (t - 60_000) / 1000,
        sim.events(),
    );
}
