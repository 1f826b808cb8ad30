//! The Job benchmark's run, shared by the native bench (`benches/job_100k.rs`) and the wasm one
//! (`tests/wasm_bench.rs`) so that both time the same work.

use podlab::engine::Sim;
use podlab::model::{Kind, Object};
use podlab::sim::SimTime;

/// The scenario: `benches/job_100k.yaml` with `completions` instead of 100,000.
pub fn scenario(completions: u32) -> podlab::scenario::Scenario {
    let text = include_str!("../job_100k.yaml").replace(
        "completions: 100000",
        &format!("completions: {completions}"),
    );
    podlab::scenario::parse(&text).expect("the Job benchmark's scenario parses")
}

/// Runs headless, ten simulated seconds at a time, until the Job `wide` is Complete (or a
/// simulated day has passed); panics if it never completes.
pub fn run_to_complete(scenario: podlab::scenario::Scenario) -> Sim {
    let mut sim = Sim::headless(scenario);
    let complete = |sim: &Sim| {
        sim.world()
            .store
            .get(Kind::Job, "default", "wide")
            .and_then(Object::as_job)
            .is_some_and(|j| j.has_condition("Complete"))
    };
    let mut t = SimTime::ZERO;
    while !complete(&sim) && sim.error().is_none() && t < SimTime(24 * 3_600_000) {
        t = SimTime(t.0 + 10_000);
        sim.run_until(t);
    }
    assert!(
        complete(&sim),
        "the Job did not complete: {:?}",
        sim.error()
    );
    sim
}
