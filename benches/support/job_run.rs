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

/// The run, headless, ten simulated seconds per [`JobRun::step`], until the Job `wide` is
/// Complete (or a simulated day has passed).
pub struct JobRun {
    /// The run so far.
    pub sim: Sim,
    t: SimTime,
}

impl JobRun {
    /// The run of `scenario`, not started.
    pub fn new(scenario: podlab::scenario::Scenario) -> JobRun {
        JobRun {
            sim: Sim::headless(scenario),
            t: SimTime::ZERO,
        }
    }

    fn complete(&self) -> bool {
        self.sim
            .world()
            .store
            .get(Kind::Job, "default", "wide")
            .and_then(Object::as_job)
            .is_some_and(|j| j.has_condition("Complete"))
    }

    /// Runs ten more simulated seconds; false once there is nothing left to run.
    pub fn step(&mut self) -> bool {
        if self.complete() || self.sim.error().is_some() || self.t >= SimTime(24 * 3_600_000) {
            return false;
        }
        self.t = SimTime(self.t.0 + 10_000);
        self.sim.run_until(self.t);
        true
    }

    /// The finished run; panics if the Job never completed.
    pub fn finish(self) -> Sim {
        assert!(
            self.complete(),
            "the Job did not complete: {:?}",
            self.sim.error()
        );
        self.sim
    }
}

/// Runs headless until the Job `wide` is Complete; panics if it never completes.
pub fn run_to_complete(scenario: podlab::scenario::Scenario) -> Sim {
    let mut run = JobRun::new(scenario);
    while run.step() {}
    run.finish()
}
