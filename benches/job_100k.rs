//! Job benchmark: a Job of 100,000 completions with parallelism 1,000 on 1,000 nodes, run
//! headless until it is Complete. Prints one JSON object: wall time, simulated time, engine
//! events, the cost per event, objects at the end and resident memory. Run with
//! `cargo bench --bench job_100k`; PODLAB_BENCH_COMPLETIONS changes the size.

// A benchmark measures wall time and memory; the simulation it measures never reads them.
#![allow(clippy::disallowed_methods)]

use std::time::Instant;

#[path = "support/job_run.rs"]
mod job_run;

#[path = "support/rss.rs"]
mod rss;
use rss::rss_kib;

fn main() {
    let completions: u32 = std::env::var("PODLAB_BENCH_COMPLETIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let scenario = job_run::scenario(completions);
    let t0 = Instant::now();
    let sim = job_run::run_to_complete(scenario);
    let wall_ms = t0.elapsed().as_secs_f64() * 1e3;
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
