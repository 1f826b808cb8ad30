//! The cron tick ruler's view model: for each CronJob of a run, every scheduled tick (in its
//! zone and in UTC) labelled from the CronJob controller's syncs in the trace — ran, replaced,
//! skipped under Forbid, missed, suspended — and the Jobs it created as spans from creation
//! to the end of their run (finished, replaced, or cleaned up by the history limits).

use crate::controllers::record::{CronDecision, CronJobSync};
use crate::cron::{parse_standard, Zone};
use crate::model::{Kind, Object};
use crate::sim::{Change, SimTime, TraceEvent, Update};
use crate::world::World;
use std::rc::Rc;

/// At most this many ticks are drawn per CronJob.
pub const MAX_TICKS: usize = 400;

/// What became of one scheduled time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickLabel {
    /// A Job was created for it.
    Ran,
    /// Replace: running Jobs were deleted and a Job created for it.
    Replaced,
    /// Forbid: a Job was still running.
    SkippedForbid,
    /// It passed without a Job: too late for startingDeadlineSeconds, or an older missed time
    /// that the controller does not back-fill.
    Missed,
    /// The CronJob was suspended.
    Suspended,
    /// Still in the future at the end of the run.
    Upcoming,
}

impl TickLabel {
    /// A stable name for CSS and tests.
    pub fn key(self) -> &'static str {
        match self {
            TickLabel::Ran => "ran",
            TickLabel::Replaced => "replaced",
            TickLabel::SkippedForbid => "skipped",
            TickLabel::Missed => "missed",
            TickLabel::Suspended => "suspended",
            TickLabel::Upcoming => "upcoming",
        }
    }
}

/// Why a tick went the way it did, beyond its label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// Nothing to add.
    Plain,
    /// Forbid: these Jobs were still running.
    Running(Vec<String>),
    /// Older than now − startingDeadlineSeconds when the controller looked.
    PastDeadline,
    /// A newer time was due when the controller looked; only the most recent one runs.
    NotBackfilled,
}

/// One scheduled time.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// When, in virtual time.
    pub at: SimTime,
    /// RFC 3339 in UTC.
    pub utc: String,
    /// RFC 3339 in the CronJob's zone.
    pub local: String,
    /// What happened.
    pub label: TickLabel,
    /// The Job created for it.
    pub job: Option<String>,
    /// When that Job was created (later than `at` for a late start).
    pub started: Option<SimTime>,
    /// Why.
    pub why: Why,
}

/// How a Job's span ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanEnd {
    /// Still running at the end of the run.
    Running,
    /// Complete.
    Complete,
    /// Failed.
    Failed,
    /// Deleted while running (Replace).
    Deleted,
}

/// One Job over time.
#[derive(Clone, Debug, PartialEq)]
pub struct JobSpan {
    /// The Job.
    pub job: String,
    /// Created.
    pub from: SimTime,
    /// Finished or deleted.
    pub to: Option<SimTime>,
    /// How it ended.
    pub end: SpanEnd,
    /// When it was removed after finishing (history limits), if it was.
    pub cleaned: Option<SimTime>,
}

/// One CronJob's ruler.
#[derive(Clone, Debug, PartialEq)]
pub struct CronRuler {
    /// The CronJob.
    pub cronjob: String,
    /// Its schedule.
    pub schedule: String,
    /// Its zone's name.
    pub zone: String,
    /// `spec.concurrencyPolicy`.
    pub policy: String,
    /// Every tick from its creation to the end of the run.
    pub ticks: Vec<Tick>,
    /// Its Jobs.
    pub spans: Vec<JobSpan>,
}

/// The rulers of a run: one per CronJob that exists at `end` in `world`, read from `trace`.
pub fn rulers(world: &World, trace: &[Rc<TraceEvent>], end: SimTime) -> Vec<CronRuler> {
    world
        .store
        .list(Kind::CronJob)
        .filter_map(Object::as_cronjob)
        .map(|cj| ruler(world, cj, trace, end))
        .collect()
}

fn ruler(
    world: &World,
    cj: &crate::model::cronjob::CronJob,
    trace: &[Rc<TraceEvent>],
    end: SimTime,
) -> CronRuler {
    let name = cj.metadata.name.clone();
    let zone = Zone::load(cj.spec.time_zone.as_deref().unwrap_or("")).unwrap_or(Zone::Utc);
    let start = world.start.0;
    let sim_of = |ms: i64| SimTime((ms - start).max(0) as u64);
    // The controller's decisions, per scheduled time, and its suspended periods.
    let syncs: Vec<(SimTime, &CronJobSync)> = trace
        .iter()
        .filter_map(|e| e.change.account::<CronJobSync>().map(|s| (e.time, s)))
        .filter(|(_, s)| s.cronjob == name)
        .collect();
    let mut ticks = Vec::new();
    if let Ok(schedule) = parse_standard(&cj.spec.schedule) {
        let mut t = cj.metadata.creation_timestamp.map_or(start, |c| c.0);
        let last = start + end.0 as i64;
        while let Some(next) = schedule.next(t, zone).filter(|n| *n <= last) {
            if ticks.len() >= MAX_TICKS {
                break;
            }
            t = next;
            let at = sim_of(next);
            let decided = syncs
                .iter()
                .rev()
                .find(|(_, s)| s.chosen.map(|c| c.0) == Some(next));
            let made = syncs.iter().find_map(|(when, s)| match &s.decision {
                CronDecision::Created { job } if s.chosen.map(|c| c.0) == Some(next) => {
                    Some((TickLabel::Ran, job.clone(), *when))
                }
                CronDecision::Replaced { job, .. } if s.chosen.map(|c| c.0) == Some(next) => {
                    Some((TickLabel::Replaced, job.clone(), *when))
                }
                _ => None,
            });
            let suspended = syncs
                .iter()
                .rev()
                .find(|(when, _)| when.0 <= at.0 + 100)
                .is_some_and(|(_, s)| s.decision == CronDecision::Suspended);
            let (label, job, started) = match made {
                Some((label, job, when)) => (label, Some(job), Some(when)),
                None if matches!(decided, Some((_, s)) if matches!(s.decision, CronDecision::SkippedForbid { .. })) => {
                    (TickLabel::SkippedForbid, None, None)
                }
                None if suspended => (TickLabel::Suspended, None, None),
                None if at.0 + 100 > end.0 => (TickLabel::Upcoming, None, None),
                None => (TickLabel::Missed, None, None),
            };
            let why = match (label, decided) {
                (TickLabel::SkippedForbid, Some((_, s))) => match &s.decision {
                    CronDecision::SkippedForbid { running } => Why::Running(running.clone()),
                    _ => Why::Plain,
                },
                (TickLabel::Missed | TickLabel::Suspended, _) => {
                    // The first sync after the tick: did the deadline hide it, or a newer time?
                    let after = syncs
                        .iter()
                        .find(|(when, s)| when.0 > at.0 && s.decision != CronDecision::Suspended);
                    match after {
                        Some((_, s)) if s.decision == CronDecision::TooLate => Why::PastDeadline,
                        Some((_, s))
                            if s.deadline_applied && s.earliest.is_some_and(|e| e.0 >= next) =>
                        {
                            Why::PastDeadline
                        }
                        _ => Why::NotBackfilled,
                    }
                }
                _ => Why::Plain,
            };
            ticks.push(Tick {
                at,
                utc: Zone::Utc.rfc3339(next / 1000),
                local: zone.rfc3339(next / 1000),
                label,
                job,
                started,
                why,
            });
        }
    }
    CronRuler {
        cronjob: name.clone(),
        schedule: cj.spec.schedule.clone(),
        zone: zone.name().to_string(),
        policy: cj.spec.concurrency_policy.clone().unwrap_or_default(),
        ticks,
        spans: spans(&name, trace),
    }
}

/// The Jobs whose names are `<cronjob>-<minutes>`, from their creation to their end.
fn spans(cronjob: &str, trace: &[Rc<TraceEvent>]) -> Vec<JobSpan> {
    let prefix = format!("{cronjob}-");
    let ours = |job: &str| {
        job.strip_prefix(&prefix)
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut out: Vec<JobSpan> = Vec::new();
    for e in trace {
        match &e.change {
            Change::Created {
                kind: Kind::Job,
                name,
            } if ours(name) => out.push(JobSpan {
                job: name.clone(),
                from: e.time,
                to: None,
                end: SpanEnd::Running,
                cleaned: None,
            }),
            Change::Updated {
                kind: Kind::Job,
                name,
                what: Update::JobStatus { conditions, .. },
            } if ours(name) => {
                if let Some(s) = out
                    .iter_mut()
                    .rev()
                    .find(|s| &s.job == name && s.to.is_none())
                {
                    let end = if conditions.iter().any(|c| c == "Complete") {
                        SpanEnd::Complete
                    } else if conditions.iter().any(|c| c == "Failed") {
                        SpanEnd::Failed
                    } else {
                        continue;
                    };
                    s.to = Some(e.time);
                    s.end = end;
                }
            }
            Change::Removed {
                kind: Kind::Job,
                name,
            } if ours(name) => {
                if let Some(s) = out.iter_mut().rev().find(|s| &s.job == name) {
                    if s.to.is_none() {
                        s.to = Some(e.time);
                        s.end = SpanEnd::Deleted;
                    } else {
                        s.cleaned = Some(e.time);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The finished Jobs a CronJob's history limits will delete next: those that go when one more
/// Job of the same outcome finishes (the oldest by start time).
pub fn cleaned_next(world: &World, cronjob: &str) -> Vec<String> {
    let (ns, name) = crate::api::parse_display_name(Kind::CronJob, cronjob);
    let Some(cj) = world
        .store
        .get(Kind::CronJob, &ns, &name)
        .and_then(Object::as_cronjob)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (cond, limit) in [
        ("Complete", cj.spec.successful_jobs_history_limit),
        ("Failed", cj.spec.failed_jobs_history_limit),
    ] {
        let Some(limit) = limit else { continue };
        let mut done: Vec<_> = world
            .store
            .list(Kind::Job)
            .filter_map(Object::as_job)
            .filter(|j| {
                j.metadata
                    .controller_ref()
                    .is_some_and(|r| r.uid == cj.metadata.uid())
                    && j.has_condition(cond)
            })
            .collect();
        crate::sort::sort_by_key(&mut done, |j| {
            (
                j.status.as_ref().and_then(|s| s.start_time).is_none(),
                j.status.as_ref().and_then(|s| s.start_time),
                j.metadata.name.clone(),
            )
        });
        let extra = (done.len() + 1).saturating_sub(limit.max(0) as usize);
        out.extend(done.iter().take(extra).map(|j| j.metadata.name.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Sim;

    #[test]
    fn the_comparison_scenario_should_label_ran_skipped_and_replaced() {
        let text = include_str!("../tests/scenarios/cronjob-concurrency.yaml");
        let mut sim = Sim::new(crate::scenario::parse(text).unwrap());
        sim.run();
        let r = rulers(sim.world(), sim.trace(), sim.scenario().until);
        let labels = |name: &str| -> Vec<&str> {
            r.iter()
                .find(|r| r.cronjob == name)
                .unwrap()
                .ticks
                .iter()
                .map(|t| t.label.key())
                .collect()
        };
        assert_eq!(labels("allow"), ["ran"; 6]);
        assert_eq!(
            labels("forbid"),
            ["ran", "skipped", "ran", "skipped", "skipped", "ran"]
        );
        assert_eq!(
            labels("replace"),
            ["ran", "replaced", "replaced", "replaced", "replaced", "replaced"]
        );
        let replace = r.iter().find(|r| r.cronjob == "replace").unwrap();
        assert_eq!(replace.spans[0].end, SpanEnd::Deleted);
        let forbid = r.iter().find(|r| r.cronjob == "forbid").unwrap();
        // The 00:03 run started late, when the first Job finished.
        assert_eq!(forbid.ticks[2].started, Some(SimTime(212_100)));
    }

    #[test]
    fn missed_ticks_should_say_whether_the_deadline_or_a_newer_time_hid_them() {
        let text = include_str!("../tests/scenarios/cronjob-deadline.yaml");
        let mut sim = Sim::new(crate::scenario::parse(text).unwrap());
        sim.run();
        let r = rulers(sim.world(), sim.trace(), sim.scenario().until);
        let ruler = |name: &str| r.iter().find(|r| r.cronjob == name).unwrap();
        // Ticks 00:05, 00:10, 00:15 fell in the suspension; 00:20 ran.
        let d = ruler("deadline");
        let labels: Vec<&str> = d.ticks.iter().map(|t| t.label.key()).collect();
        assert_eq!(labels, ["suspended", "suspended", "suspended", "ran"]);
        let n = ruler("no-deadline");
        let labels: Vec<&str> = n.ticks.iter().map(|t| t.label.key()).collect();
        // Without a deadline the 00:15 run starts late when resumed at 00:17:30.
        assert_eq!(labels, ["suspended", "suspended", "ran", "ran"]);
        assert_eq!(n.ticks[2].started, Some(SimTime(1_050_000)));
        // On resume, the deadline hid 00:15 from one; a newer time hid 00:10 from the other.
        assert_eq!(d.ticks[2].why, Why::PastDeadline);
        assert_eq!(n.ticks[1].why, Why::NotBackfilled);
        let forbid_text = include_str!("../tests/scenarios/cronjob-concurrency.yaml");
        let mut sim = Sim::new(crate::scenario::parse(forbid_text).unwrap());
        sim.run();
        let r = rulers(sim.world(), sim.trace(), sim.scenario().until);
        let forbid = r.iter().find(|r| r.cronjob == "forbid").unwrap();
        assert_eq!(
            forbid.ticks[1].why,
            Why::Running(vec!["forbid-29453761".into()])
        );
    }

    #[test]
    fn the_oldest_finished_job_should_be_the_next_to_be_cleaned() {
        let text = include_str!("../tests/scenarios/cronjob-hello.yaml");
        let mut sim = Sim::new(crate::scenario::parse(text).unwrap());
        sim.run();
        // Three Complete Jobs and successfulJobsHistoryLimit 3: the next to finish pushes out
        // the oldest.
        assert_eq!(cleaned_next(sim.world(), "hello"), ["hello-29453763"]);
        let early = sim.seek(SimTime(90_000));
        assert!(cleaned_next(&early, "hello").is_empty());
        let r = rulers(sim.world(), sim.trace(), sim.scenario().until);
        assert_eq!(r[0].spans[0].cleaned, Some(SimTime(243_100)));
    }

    #[test]
    fn suspended_and_missed_ticks_should_be_told_apart() {
        let text = include_str!("../tests/scenarios/cronjob-suspend.yaml");
        let mut sim = Sim::new(crate::scenario::parse(text).unwrap());
        sim.run();
        let r = rulers(sim.world(), sim.trace(), sim.scenario().until);
        let keys: Vec<&str> = r[0].ticks.iter().map(|t| t.label.key()).collect();
        // 00:02 ran; 00:04 and 00:06 suspended; 00:08 ran late on resume; 00:10 ran.
        assert_eq!(keys, ["ran", "suspended", "suspended", "ran", "ran"]);
        let text = include_str!("../tests/scenarios/cronjob-timezone.yaml");
        let mut sim = Sim::new(crate::scenario::parse(text).unwrap());
        sim.run();
        let r = rulers(sim.world(), sim.trace(), sim.scenario().until);
        assert_eq!(r[0].ticks[0].local, "2026-01-01T09:00:00+08:00");
        assert_eq!(r[0].ticks[0].utc, "2026-01-01T01:00:00Z");
    }
}
