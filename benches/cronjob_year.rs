//! CronJob benchmark: a per-minute CronJob whose Job finishes at once, for one simulated year
//! (525,600 ticks), run headless (no trace). Prints one JSON object: wall time, events, and
//! at each quarter the store's size and the process's resident memory, which the history
//! limits and the Event TTL must keep flat. Run with `cargo bench --bench cronjob_year`.

// A benchmark measures wall time and memory; the simulation it measures never reads them.
#![allow(clippy::disallowed_methods)]

use podlab::engine::Sim;
use podlab::model::Kind;
use podlab::sim::SimTime;
use std::time::Instant;

#[path = "support/rss.rs"]
mod rss;
use rss::rss_kib;

/// A per-minute CronJob whose Job succeeds at once, for a year (shared with `tests/it/budgets.rs`).
const SCENARIO: &str = include_str!("cronjob_year.yaml");

fn main() {
    // PODLAB_BENCH_HOURS shortens the run while profiling.
    let text = match std::env::var("PODLAB_BENCH_HOURS") {
        Ok(h) => SCENARIO.replace("until: 8760h", &format!("until: {h}h")),
        Err(_) => SCENARIO.to_string(),
    };
    let scenario = podlab::scenario::parse(&text).expect("scenario parses");
    let year = scenario.until;
    let mut sim = Sim::headless(scenario);
    let t0 = Instant::now();
    let mut quarters = Vec::new();
    for q in 1..=4u64 {
        sim.run_until(SimTime(year.0 / 4 * q));
        let w = sim.world();
        let objects: usize = Kind::ALL.iter().map(|k| w.store.list(*k).count()).sum();
        quarters.push(format!(
            "{{\"quarter\": {q}, \"objects\": {objects}, \"events\": {}, \"rss_kib\": {}}}",
            w.store.events().count(),
            rss_kib()
        ));
    }
    let wall_ms = t0.elapsed().as_secs_f64() * 1e3;
    let jobs_created = sim.world().store.resource_version();
    assert!(sim.error().is_none(), "{:?}", sim.error());
    println!(
        "{{\"scenario\": \"cronjob-every-minute-one-year\", \"ticks\": {}, \"wall_ms\": {wall_ms:.0}, \"engine_events\": {}, \"last_resource_version\": {jobs_created}, \"quarters\": [{}]}}",
        year.0 / 60_000,
        sim.events(),
        quarters.join(", ")
    );
}
