//! Job benchmark: a Job of 100,000 completions with parallelism 1,000 on 1,000 nodes, run
//! headless until it is Complete. Prints one JSON object: wall time, simulated time, engine
//! events, the cost per event, objects at the end and resident memory. Run with
//! `cargo bench --bench job_100k`; PODLAB_BENCH_COMPLETIONS changes the size.

// A benchmark measures wall time and memory; the simulation it measures never reads them.
#![allow(clippy::disallowed_methods)]

use podlab::engine::Sim;
use podlab::model::{Kind, Object};
use podlab::sim::SimTime;
use std::time::Instant;

#[path = "support/rss.rs"]
mod rss;
use rss::rss_kib;

fn main() {
    let completions: u32 = std::env::var("PODLAB_BENCH_COMPLETIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let text = include_str!("job_100k.yaml").replace(
        "completions: 100000",
        &format!("completions: {completions}"),
    );
    let scenario = podlab::scenario::parse(&text).expect("scenario parses");
    let t0 = Instant::now();
    let mut sim = Sim::headless(scenario);
    let complete = |sim: &Sim| {
        sim.world()
            .store
            .get(Kind::Job, "wide")
            .and_then(Object::as_job)
            .is_some_and(|j| j.has_condition("Complete"))
    };
    let mut t = SimTime::ZERO;
    while !complete(&sim) && sim.error().is_none() && t < SimTime(24 * 3_600_000) {
        t = SimTime(t.0 + 10_000);
        sim.run_until(t);
    }
    let wall_ms = t0.elapsed().as_secs_f64() * 1e3;
    assert!(
        complete(&sim),
        "the Job did not complete: {:?}",
        sim.error()
    );
    let w = sim.world();
    println!(
        "{{\"scenario\": \"job-{completions}-completions-parallelism-1000-on-1000-nodes\", \"wall_ms\": {wall_ms:.0}, \"simulated_s\": {}, \"engine_events\": {}, \"us_per_event\": {:.2}, \"objects\": {}, \"rss_kib\": {}}}",
        w.now.0 / 1000,
        sim.events(),
        wall_ms * 1e3 / sim.events().max(1) as f64,
        w.store.objects_len(),
        rss_kib()
    );
}
