//! The engine's budgets, and the estimate that refuses a scenario far beyond them before it
//! runs (a per-minute CronJob for ten simulated years, a Job of 2,147,483,647 completions)
//! instead of after minutes of work.

use super::{SimTime, MAX_EVENTS, MAX_EVENTS_HEADLESS, RECORD_BUDGET};
use crate::api::manifest::Manifest;
use crate::cron::{parse_standard, Zone};
use crate::scenario::{Action, Scenario};

pub use crate::api::{MAX_OBJECTS, MAX_STORED_EVENTS};

/// Engine events one CronJob run costs at least (a Job whose pod succeeds at once costs 18).
const EVENTS_PER_CRON_RUN: usize = 10;
/// Recorded entries (trace lines and checkpointed store entries) one CronJob run costs at
/// least (measured: about 76).
const RECORD_PER_CRON_RUN: usize = 20;
/// Recorded entries one Job pod costs at least (measured: about 38 on the 1,000-pod stress
/// scenario).
const RECORD_PER_POD: usize = 40;
/// Schedule times counted exactly before the rest of the run is extrapolated.
const SAMPLE_RUNS: usize = 10_000;

/// A run's budgets. [`Limits::default`] is what the app and the CLI use; tests shrink them to
/// reach the same code paths quickly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// See [`MAX_OBJECTS`].
    pub objects: usize,
    /// See [`MAX_STORED_EVENTS`].
    pub stored_events: usize,
    /// Engine events in a recorded run (see [`MAX_EVENTS`]).
    pub events: usize,
    /// Engine events in a headless run (see [`MAX_EVENTS_HEADLESS`]).
    pub events_headless: usize,
    /// Trace lines and checkpointed store entries (see [`RECORD_BUDGET`]).
    pub record: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            objects: MAX_OBJECTS,
            stored_events: MAX_STORED_EVENTS,
            events: MAX_EVENTS,
            events_headless: MAX_EVENTS_HEADLESS,
            record: RECORD_BUDGET,
        }
    }
}

/// A workload that would make more than a run can hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooLarge {
    /// `CronJob "tick"` or `Job "huge"`.
    pub workload: String,
    /// About how many of `what` it would make.
    pub count: u64,
    /// `Jobs` or `pods`.
    pub what: &'static str,
    /// How many a run that keeps its history can hold.
    pub most_recorded: u64,
    /// How many a headless run can hold.
    pub most_headless: u64,
    /// What to change.
    pub hint: &'static str,
}

/// Refuses a scenario whose workloads are beyond the run's budget: a CronJob that would start
/// more Jobs by `until`, or a Job that would make more pods, than the run can hold
/// (`headless`: the event bound and the store's quota; recorded: the replay budget).
pub fn check(
    scenario: &Scenario,
    until: SimTime,
    limits: &Limits,
    headless: bool,
) -> Result<(), TooLarge> {
    check_cronjobs(scenario, until, limits, headless)?;
    let most_headless = limits.objects as u64;
    let most_recorded = most_recorded_pods(limits);
    let most = if headless {
        most_headless
    } else {
        most_recorded
    };
    for manifest in manifests(scenario) {
        let Some(job) = manifest.object.as_job() else {
            continue;
        };
        let pods = job
            .spec
            .completions
            .or(job.spec.parallelism)
            .unwrap_or(1)
            .max(0) as u64;
        if pods > most {
            return Err(TooLarge {
                workload: format!("Job \"{}\"", job.metadata.name),
                count: pods,
                what: "pods",
                most_recorded,
                most_headless,
                hint: "lower completions or parallelism",
            });
        }
    }
    Ok(())
}

/// The most pods a Job may make in a run that keeps its history (the app's runs): beyond it,
/// the run is refused before it starts.
pub fn most_recorded_pods(limits: &Limits) -> u64 {
    (limits.record / RECORD_PER_POD) as u64
}

/// The scenario's manifests and those its steps apply.
fn manifests(scenario: &Scenario) -> impl Iterator<Item = &Manifest> {
    let from_steps = scenario.steps.iter().filter_map(|s| match &s.action {
        Action::Apply(manifests) => Some(manifests.as_slice()),
        _ => None,
    });
    std::iter::once(scenario.manifests.as_slice())
        .chain(from_steps)
        .flatten()
}

fn check_cronjobs(
    scenario: &Scenario,
    until: SimTime,
    limits: &Limits,
    headless: bool,
) -> Result<(), TooLarge> {
    let most_headless = (limits.events_headless / EVENTS_PER_CRON_RUN) as u64;
    let most_recorded = (limits.record / RECORD_PER_CRON_RUN) as u64;
    let most = if headless {
        most_headless
    } else {
        most_recorded
    };
    for manifest in manifests(scenario) {
        if let Some((cronjob, runs)) = cron_runs(manifest, scenario.start.0, until) {
            if runs > most {
                return Err(TooLarge {
                    workload: format!("CronJob \"{cronjob}\""),
                    count: runs,
                    what: "Jobs",
                    most_recorded,
                    most_headless,
                    hint: "shorten `until` or make the schedule less frequent",
                });
            }
        }
    }
    Ok(())
}

/// About how many times a (not suspended) CronJob manifest fires in the run: counted for the
/// first [`SAMPLE_RUNS`] times, extrapolated past them.
fn cron_runs(manifest: &Manifest, start_ms: i64, until: SimTime) -> Option<(String, u64)> {
    let cj = manifest.object.as_cronjob()?;
    if cj.spec.suspend == Some(true) {
        return None;
    }
    let schedule = parse_standard(&cj.spec.schedule).ok()?;
    let zone = Zone::load(cj.spec.time_zone.as_deref().unwrap_or("")).ok()?;
    let end = start_ms.saturating_add(i64::try_from(until.0).ok()?);
    let mut t = start_ms;
    let mut runs = 0u64;
    while runs < SAMPLE_RUNS as u64 {
        match schedule.next(t, zone) {
            Some(next) if next <= end => {
                t = next;
                runs += 1;
            }
            _ => return Some((cj.metadata.name.clone(), runs)),
        }
    }
    // Extrapolate at the sampled rate.
    let sampled = (t - start_ms).max(1) as u128;
    let total = (end - start_ms) as u128 * runs as u128 / sampled;
    Some((
        cj.metadata.name.clone(),
        u64::try_from(total).unwrap_or(u64::MAX),
    ))
}
