//! A lesson's runs: for each step, the run it shows (its scenario, forked with every action up
//! to that step) and the moments it starts and stops at. Steps share runs until an action or a
//! scenario switch makes a new one, so going back is a lookup, never a re-run.

use super::{Lesson, StopAt};
use crate::api;
use crate::builtin;
use crate::engine::{Cursor, Sim};
use crate::scenario::{self, Trigger};
use crate::sim::SimTime;
use std::rc::Rc;

/// One step's moment.
#[derive(Clone, Debug)]
pub struct Stop {
    /// The built-in scenario shown.
    pub scenario: &'static str,
    /// The run (shared with the neighbouring steps when nothing changed it).
    pub sim: Rc<Sim>,
    /// Where the step starts (its action's time; where a prediction is asked).
    pub from: SimTime,
    /// Where it stops.
    pub at: SimTime,
}

/// Why a lesson cannot be played.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// The first step names no scenario.
    #[error("steps[0]: names no scenario")]
    NoScenario,
    /// A built-in scenario does not parse (a bug in podlab).
    #[error("steps[{0}]: the scenario {1:?} does not parse")]
    Scenario(usize, String),
    /// `at` is before the step starts.
    #[error("steps[{step}].at: {at} is before the step starts ({from})")]
    Backwards {
        /// The step.
        step: usize,
        /// Its `at` (ms).
        at: u64,
        /// Its start (ms).
        from: u64,
    },
    /// `until` never holds before the run ends.
    #[error("steps[{0}].until: never holds before the run ends")]
    Never(usize),
}

/// The runs and moments of every step of `lesson`.
pub fn plan(lesson: &Lesson) -> Result<Vec<Stop>, PlanError> {
    let mut stops: Vec<Stop> = Vec::with_capacity(lesson.steps.len());
    for (i, step) in lesson.steps.iter().enumerate() {
        let (id, sim, from) = match (step.scenario, stops.last()) {
            (Some(id), _) => (id, Rc::new(run(i, id)?), SimTime::ZERO),
            (None, Some(prev)) => (prev.scenario, prev.sim.clone(), prev.at),
            (None, None) => return Err(PlanError::NoScenario),
        };
        let sim = match &step.action {
            Some(action) => {
                let mut fork = sim.fork(from, action.clone());
                fork.run();
                Rc::new(fork)
            }
            None => sim,
        };
        let end = sim.scenario().until;
        let at = match &step.stop {
            StopAt::Start => from,
            StopAt::At(t) if *t < from => {
                return Err(PlanError::Backwards {
                    step: i,
                    at: t.0,
                    from: from.0,
                })
            }
            StopAt::At(t) => (*t).min(end),
            StopAt::Until(trigger) => {
                first_holding(&sim, from, trigger).ok_or(PlanError::Never(i))?
            }
        };
        stops.push(Stop {
            scenario: id,
            sim,
            from,
            at,
        });
    }
    Ok(stops)
}

fn run(step: usize, id: &str) -> Result<Sim, PlanError> {
    let parsed = builtin::find(id)
        .and_then(|b| scenario::parse(b.text).ok())
        .ok_or_else(|| PlanError::Scenario(step, id.to_string()))?;
    let mut sim = Sim::new(parsed);
    sim.run();
    Ok(sim)
}

/// The first moment at or after `from` when `trigger` holds (the world changes only at the
/// trace's times, so only those are looked at).
fn first_holding(sim: &Sim, from: SimTime, trigger: &Trigger) -> Option<SimTime> {
    let mut times: Vec<SimTime> = vec![from];
    times.extend(sim.trace().iter().map(|e| e.time).filter(|t| *t > from));
    times.dedup();
    let mut cursor = Cursor::default();
    times.into_iter().find(|t| {
        let w = sim.seek_cursor(&mut cursor, *t);
        api::get(w, trigger.kind, &trigger.namespace, &trigger.name)
            .and_then(|o| serde_json::to_value(o).ok())
            .is_some_and(|v| trigger.holds(&v))
    })
}
