//! The engine's cost budget, checked in CI: the cost of one engine event on the 1,000-pod
//! stress scenario (headless), divided by the cost of a calibration loop timed in the same
//! run, so that the machine's speed cancels out. Fails (exit 1) when the ratio is over
//! `ENGINE_COST_BUDGET` in `budgets/engine.env`. Run with `cargo bench --bench budget`.

// A benchmark measures wall time; the simulation it measures never reads it.
#![allow(clippy::disallowed_methods)]

use podlab::engine::Sim;
use std::collections::BTreeMap;
use std::time::Instant;

/// The calibration loop: the engine's kind of work (short strings formatted and compared, an
/// ordered map of a few thousand entries — the size of the stress scenario's store — looked
/// up, filled and emptied), with no engine code. Returns nanoseconds per round.
fn calibration() -> f64 {
    let rounds = 400_000u64;
    let start = Instant::now();
    let mut map: BTreeMap<String, u64> = BTreeMap::new();
    let mut found = 0u64;
    for i in 0..rounds {
        let key = format!("wide-{:05x}", i.wrapping_mul(0x9e37_79b9) & 0xfffff);
        if let Some(v) = map.get(&key) {
            found = found.wrapping_add(*v);
        }
        map.insert(key, i);
        if map.len() > 4096 {
            map.pop_first();
        }
    }
    std::hint::black_box(found);
    start.elapsed().as_nanos() as f64 / rounds as f64
}

/// Nanoseconds per engine event on the stress scenario, and the events.
fn engine() -> (f64, usize) {
    let text = include_str!("../tests/scenarios/stress-1000-pods.yaml");
    let scenario = podlab::scenario::parse(text).expect("the stress scenario parses");
    let start = Instant::now();
    let mut sim = Sim::headless(scenario);
    sim.run();
    assert!(sim.error().is_none(), "{:?}", sim.error());
    let events = sim.events();
    (start.elapsed().as_nanos() as f64 / events as f64, events)
}

fn budget() -> f64 {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/budgets/engine.env");
    std::fs::read_to_string(path)
        .expect("budgets/engine.env")
        .lines()
        .find_map(|l| l.strip_prefix("ENGINE_COST_BUDGET="))
        .and_then(|v| v.trim().parse().ok())
        .expect("ENGINE_COST_BUDGET=<ratio> in budgets/engine.env")
}

fn main() {
    // The best of five of each, interleaved, so that a busy moment affects neither alone.
    let (mut cal, mut eng, mut events) = (f64::MAX, f64::MAX, 0);
    for _ in 0..5 {
        let (e, n) = engine();
        eng = eng.min(e);
        events = n;
        cal = cal.min(calibration());
    }
    let ratio = eng / cal;
    let budget = budget();
    println!(
        "{{\"scenario\": \"stress-1000-pods\", \"engine_events\": {events}, \"ns_per_event\": {eng:.0}, \"calibration_ns\": {cal:.0}, \"ratio\": {ratio:.1}, \"budget\": {budget}}}"
    );
    if ratio > budget {
        eprintln!(
            "the engine's cost per event is {ratio:.1} calibration rounds, over its budget of {budget} (budgets/engine.env)"
        );
        std::process::exit(1);
    }
}
