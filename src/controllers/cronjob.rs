//! The CronJob controller (`pkg/controller/cronjob`, ControllerV2): `sync` cleans up finished
//! Jobs beyond the history limits, then `sync_cronjob` reconciles `status.active`, works out
//! the scheduled time to act on ([`schedule`]), applies the concurrency policy and creates the
//! Job, and the key is requeued for the next schedule time plus 100 ms, so that the simulation
//! jumps straight from one tick to the next.

pub mod schedule;

use super::podcontrol::controller_ref;
use super::record::{CronDecision, CronJobSync};
use super::{key, split_key, Reconciler, Requeue};
use crate::api::{self, record_event, DeleteOptions, EventTarget, Propagation, Store, WatchEvent};
use crate::cluster::{Client, Controller, Informer};
use crate::cron::{parse_standard, Schedule, Zone};
use crate::model::cronjob::CronJob;
use crate::model::job::Job;
use crate::model::{Kind, Object, ObjectMeta, ObjectReference, Time};
use crate::sim::trace::WatchType;
use crate::sim::{Account, Change, Update, WorkQueue};
use crate::validation::job as jobval;
use schedule::{Inputs, Missed, NEXT_SCHEDULE_DELTA_MS};
use std::collections::BTreeMap;
use std::rc::Rc;

/// The annotation with the scheduled time, in the CronJob's time zone (RFC 3339).
pub const SCHEDULED_TIMESTAMP: &str = "batch.kubernetes.io/cronjob-scheduled-timestamp";
const COMPONENT: &str = "cronjob-controller";

/// Why a sync failed and is retried with the queue's back-off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// An active Job could not be read before replacing it.
    #[error("get job")]
    Get,
    /// An active Job could not be deleted (Replace).
    #[error("could not replace job")]
    Replace,
    /// The new Job could not be created.
    #[error("error creating job")]
    Create,
}

/// The CronJob controller's queue, and the schedules it has parsed.
#[derive(Clone, Debug)]
pub struct CronJobControllerState {
    /// CronJob keys to sync.
    pub queue: WorkQueue,
    /// Schedules parsed, by text.
    pub schedules: ParsedSchedules,
}

impl Default for CronJobControllerState {
    fn default() -> Self {
        CronJobControllerState {
            queue: WorkQueue::default_controller(),
            schedules: ParsedSchedules::default(),
        }
    }
}

/// `ParseStandard`'s results by schedule text. Parsing is a pure function of the text and
/// every sync needs the schedule (a per-minute CronJob syncs about five times a minute), so
/// each text is parsed once; a few texts are kept (a learner editing a schedule makes more),
/// and the memo starts again when they fill it.
#[derive(Clone, Debug, Default)]
pub struct ParsedSchedules(BTreeMap<String, Result<Schedule, String>>);

impl ParsedSchedules {
    /// At most this many texts are kept.
    const KEPT: usize = 16;

    /// The schedule `text` parses to, or `ParseStandard`'s error.
    pub fn parse(&mut self, text: &str) -> Result<Schedule, String> {
        if let Some(parsed) = self.0.get(text) {
            return parsed.clone();
        }
        if self.0.len() >= Self::KEPT {
            self.0.clear();
        }
        let parsed = parse_standard(text);
        self.0.insert(text.to_string(), parsed.clone());
        parsed
    }
}

/// The CronJob that controls a Job, if it still exists with the same uid.
fn owner_of(store: &Store, job: &Job) -> Option<String> {
    let r = job.metadata.controller_ref()?;
    if r.kind != "CronJob" {
        return None;
    }
    let cj = store.get(Kind::CronJob, job.metadata.ns(), &r.name)?;
    (cj.meta().uid() == r.uid).then(|| r.name.clone())
}

/// The zone and the parsed schedule of a CronJob, as `formatSchedule` and `ParseStandard` see
/// them.
fn zone_and_schedule(
    cj: &CronJob,
    schedules: &mut ParsedSchedules,
) -> (Result<Zone, String>, Result<Schedule, String>) {
    let zone = Zone::load(cj.spec.time_zone.as_deref().unwrap_or(""));
    (zone, schedules.parse(&cj.spec.schedule))
}

fn inputs<'a>(cj: &CronJob, schedule: &'a Schedule, zone: Zone) -> Inputs<'a> {
    let status = cj.status.clone().unwrap_or_default();
    Inputs {
        schedule,
        zone,
        created: cj.metadata.creation_timestamp.map_or(0, |t| t.0),
        last_schedule: status.last_schedule_time.map(|t| t.0),
        deadline_seconds: cj.spec.starting_deadline_seconds,
    }
}

/// Informer hooks for CronJobs and their Jobs: they only queue keys.
pub fn on_watch(w: &mut Informer<'_>, state: &mut CronJobControllerState, ev: &WatchEvent) {
    let cause = ev.cause();
    let now = w.now;
    match &*ev.object {
        Object::CronJob(cj) => {
            let k = key(cj.metadata.ns(), &cj.metadata.name);
            match ev.ty {
                WatchType::Added => state.queue.add(&k),
                WatchType::Modified => {
                    let old = ev.old.as_ref().and_then(|o| match &**o {
                        Object::CronJob(o) => Some(o),
                        _ => None,
                    });
                    let moved = old.is_some_and(|o| {
                        o.spec.schedule != cj.spec.schedule || o.spec.time_zone != cj.spec.time_zone
                    });
                    if !moved {
                        state.queue.add(&k);
                    } else if let (Ok(zone), Ok(schedule)) =
                        zone_and_schedule(cj, &mut state.schedules)
                    {
                        // A new schedule: wake at its next time.
                        let wall = w.wall_now().0;
                        let delay = schedule::next_tick(inputs(cj, &schedule, zone), wall)
                            .map_or(0, |t| t + NEXT_SCHEDULE_DELTA_MS - wall);
                        state.queue.add_after(&k, now, delay.max(0) as u64);
                    }
                }
                WatchType::Deleted => {}
            }
        }
        Object::Job(job) => {
            let old_owner = ev
                .old
                .as_ref()
                .and_then(|o| o.as_job())
                .and_then(|o| owner_of(w.store, o));
            let owner = owner_of(w.store, job);
            for name in old_owner.into_iter().chain(owner) {
                state.queue.add(&key(job.metadata.ns(), &name));
            }
        }
        _ => return,
    }
    super::kick(w, Controller::CronJob, &state.queue, cause);
}

/// The CronJob controller (`pkg/controller/cronjob/cronjob_controllerv2.go`).
#[derive(Debug)]
pub struct CronJobController;

impl Reconciler for CronJobController {
    type State = CronJobControllerState;
    type Error = SyncError;
    const CONTROLLER: Controller = Controller::CronJob;
    const COMPONENT: &'static str = COMPONENT;
    const FORGET_WHEN_IDLE: bool = false;

    fn queue(state: &mut CronJobControllerState) -> &mut WorkQueue {
        &mut state.queue
    }

    fn reconcile(
        w: &mut Client<'_>,
        state: &mut CronJobControllerState,
        k: &str,
    ) -> Result<Requeue, SyncError> {
        Ok(sync(w, &mut state.schedules, k)?.map_or(Requeue::AwaitChange, Requeue::After))
    }
}

fn is_finished(job: &Job) -> Option<&'static str> {
    if job.has_condition("Complete") {
        Some("Complete")
    } else if job.has_condition("Failed") {
        Some("Failed")
    } else {
        None
    }
}

/// `sync`: one CronJob key. Returns the requeue delay, or an error to retry with back-off.
pub fn sync(
    w: &mut Client<'_>,
    schedules: &mut ParsedSchedules,
    k: &str,
) -> Result<Option<u64>, SyncError> {
    let (namespace, name) = split_key(k);
    let (namespace, name) = (namespace.to_string(), name.to_string());
    let Some(cj_obj) = w.store.get_shared(Kind::CronJob, &namespace, &name) else {
        return Ok(None);
    };
    let Object::CronJob(cj) = &*cj_obj else {
        return Ok(None);
    };
    let mut cj: CronJob = (**cj).clone();
    // getJobsToBeReconciled: every Job whose controller reference names this CronJob.
    let jobs: Vec<Rc<Object>> = w
        .store
        .list_shared_in(Kind::Job, &namespace)
        .filter(|o| {
            o.meta()
                .controller_ref()
                .is_some_and(|r| r.kind == "CronJob" && r.name == name)
        })
        .cloned()
        .collect();
    let jobs: Vec<&Job> = jobs.iter().filter_map(|o| o.as_job()).collect();
    let before = cj.status.clone().unwrap_or_default();
    let cleaned = cleanup_finished_jobs(w, &cj_obj, &mut cj, &jobs);
    let mut out = Outcome::default();
    let requeue = sync_cronjob(w, schedules, &cj_obj, &mut cj, &jobs, &mut out);
    let status = cj.status.clone().unwrap_or_default();
    if status != before {
        let what = Update::CronJobStatus {
            active: status.active.len(),
            last_schedule: status.last_schedule_time,
        };
        let _ = api::mutate(w, Kind::CronJob, &namespace, &name, what, |o| {
            if let Object::CronJob(c) = o {
                c.status = Some(status.clone());
            }
        });
    }
    let now = w.wall_now().0;
    let next = requeue.ok().flatten();
    w.log(|| {
        Change::Sync(Account::new(CronJobSync {
            cronjob: name,
            zone: cj.spec.time_zone.clone().unwrap_or_else(|| "UTC".into()),
            policy: cj
                .spec
                .concurrency_policy
                .clone()
                .unwrap_or_else(|| "Allow".into()),
            earliest: out.earliest.map(Time),
            deadline_applied: out.deadline_applied,
            considered: out.considered.into_iter().map(Time).collect(),
            chosen: out.chosen.map(Time),
            missed: out.missed,
            active: status.active.iter().map(|r| r.name.clone()).collect(),
            cleaned,
            decision: out.decision,
            next: next.map(Time),
        }))
    });
    requeue.map(|t| t.map(|at| (at + NEXT_SCHEDULE_DELTA_MS - now).max(0) as u64))
}

/// What `sync_cronjob` saw, for the trace.
struct Outcome {
    earliest: Option<i64>,
    deadline_applied: bool,
    considered: Vec<i64>,
    chosen: Option<i64>,
    missed: i64,
    decision: CronDecision,
}

impl Default for Outcome {
    fn default() -> Self {
        Outcome {
            earliest: None,
            deadline_applied: false,
            considered: Vec::new(),
            chosen: None,
            missed: 0,
            decision: CronDecision::NotDue,
        }
    }
}

fn event(w: &mut Client<'_>, cj_obj: &Object, type_: &str, reason: &str, message: &str) {
    record_event(
        w,
        EventTarget::of(cj_obj),
        type_,
        reason,
        message,
        COMPONENT,
        "",
    );
}

fn job_ref(job: &Object) -> ObjectReference {
    let m = job.meta();
    ObjectReference {
        kind: "Job".into(),
        namespace: m.namespace.clone(),
        name: m.name.clone(),
        uid: m.uid().to_string(),
        api_version: "batch/v1".into(),
        resource_version: m.resource_version.clone().unwrap_or_default(),
        field_path: None,
    }
}

/// Deletes a Job with background propagation (its pods go to the garbage collector) and takes
/// it out of `status.active`.
fn delete_job(w: &mut Client<'_>, cj_obj: &Object, cj: &mut CronJob, job: &str, uid: &str) -> bool {
    let opts = DeleteOptions {
        propagation: Some(Propagation::Background),
        ..DeleteOptions::default()
    };
    if let Err(e) = api::delete(w, Kind::Job, cj.metadata.ns(), job, opts) {
        event(
            w,
            cj_obj,
            "Warning",
            "FailedDelete",
            &format!("Deleted job: {e}"),
        );
        return false;
    }
    if let Some(s) = cj.status.as_mut() {
        s.active.retain(|r| r.uid != uid);
    }
    event(
        w,
        cj_obj,
        "Normal",
        "SuccessfulDelete",
        &format!("Deleted job {job}"),
    );
    true
}

/// `cleanupFinishedJobs`: the oldest finished Jobs beyond each history limit are deleted
/// (by `status.startTime`, Jobs without one last, then by name).
fn cleanup_finished_jobs(
    w: &mut Client<'_>,
    cj_obj: &Object,
    cj: &mut CronJob,
    jobs: &[&Job],
) -> Vec<String> {
    let mut cleaned = Vec::new();
    let limits = [
        ("Complete", cj.spec.successful_jobs_history_limit),
        ("Failed", cj.spec.failed_jobs_history_limit),
    ];
    for (status, limit) in limits {
        let Some(limit) = limit else { continue };
        let mut finished: Vec<&Job> = jobs
            .iter()
            .copied()
            .filter(|j| is_finished(j) == Some(status))
            .collect();
        let extra = finished.len().saturating_sub(limit.max(0) as usize);
        if extra == 0 {
            continue;
        }
        crate::sort::sort_by(&mut finished, |a, b| {
            let (sa, sb) = (start_time(a), start_time(b));
            match (sa, sb) {
                (Some(x), Some(y)) if x != y => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                _ => a.metadata.name.cmp(&b.metadata.name),
            }
        });
        for job in &finished[..extra] {
            if delete_job(w, cj_obj, cj, &job.metadata.name, job.metadata.uid()) {
                cleaned.push(job.metadata.name.clone());
            }
        }
    }
    cleaned
}

fn start_time(job: &Job) -> Option<Time> {
    job.status.as_ref().and_then(|s| s.start_time)
}

/// `syncCronJob`. Returns the schedule time to wake for (the requeue is 100 ms after it), or
/// an error when a write failed.
fn sync_cronjob(
    w: &mut Client<'_>,
    schedules: &mut ParsedSchedules,
    cj_obj: &Object,
    cj: &mut CronJob,
    jobs: &[&Job],
    out: &mut Outcome,
) -> Result<Option<i64>, SyncError> {
    let now = w.wall_now().0;
    reconcile_active(w, cj_obj, cj, jobs);
    if cj.metadata.is_terminating() {
        out.decision = CronDecision::Deleting;
        return Ok(None);
    }
    let (zone, schedule) = zone_and_schedule(cj, schedules);
    let zone = match zone {
        Ok(z) => z,
        Err(e) => {
            let tz = cj.spec.time_zone.clone().unwrap_or_default();
            let msg = format!("invalid timeZone: {tz:?}: {e}");
            event(w, cj_obj, "Warning", "UnknownTimeZone", &msg);
            out.decision = CronDecision::UnknownTimeZone;
            return Ok(None);
        }
    };
    if cj.spec.suspend == Some(true) {
        out.decision = CronDecision::Suspended;
        return Ok(None);
    }
    if cj.spec.schedule.contains("TZ") {
        let msg = format!("CRON_TZ or TZ used in schedule {:?} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details", cj.spec.schedule);
        event(w, cj_obj, "Warning", "UnsupportedSchedule", &msg);
    }
    let schedule = match schedule {
        Ok(s) => s,
        Err(e) => {
            let msg = format!("unparseable schedule: {:?} : {e}", cj.spec.schedule);
            event(w, cj_obj, "Warning", "UnparseableSchedule", &msg);
            out.decision = CronDecision::Unparseable;
            return Ok(None);
        }
    };
    let inputs = inputs(cj, &schedule, zone);
    let next_tick = |cj: &CronJob| schedule::next_tick(self::inputs(cj, &schedule, zone), now);
    // nextScheduleTime.
    let recent = schedule::most_recent(inputs, now, true);
    out.earliest = Some(recent.earliest);
    out.deadline_applied = recent.deadline_applied;
    out.considered = recent.considered.clone();
    out.missed = recent.missed_count;
    let Some(scheduled) = recent.most_recent.filter(|t| *t <= now) else {
        if let Some(err) = recent.error {
            let msg = format!("invalid schedule: {} : {err}", cj.spec.schedule);
            event(w, cj_obj, "Warning", "InvalidSchedule", &msg);
            out.decision = CronDecision::InvalidSchedule;
            return Ok(None);
        }
        out.decision = CronDecision::NotDue;
        return Ok(next_tick(cj));
    };
    if recent.missed == Missed::Many {
        event(w, cj_obj, "Warning", "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
    }
    out.chosen = Some(scheduled);
    if let Some(sds) = cj.spec.starting_deadline_seconds {
        if scheduled.saturating_add(sds.saturating_mul(1000)) < now {
            let when = chrono::DateTime::from_timestamp_millis(scheduled)
                .map(|t| t.format("%a, %d %b %Y %H:%M:%S +0000").to_string())
                .unwrap_or_default();
            let msg = format!("Missed scheduled time to start a job: {when}");
            event(w, cj_obj, "Warning", "MissSchedule", &msg);
            out.decision = CronDecision::TooLate;
            return Ok(next_tick(cj));
        }
    }
    let job_name = format!("{}-{}", cj.metadata.name, (scheduled / 1000).div_euclid(60));
    let status = cj.status.clone().unwrap_or_default();
    if status.active.iter().any(|r| r.name == job_name)
        || status.last_schedule_time.map(|t| t.0) == Some(scheduled)
    {
        out.decision = CronDecision::AlreadyDone;
        return Ok(next_tick(cj));
    }
    let policy = cj.spec.concurrency_policy.as_deref().unwrap_or("Allow");
    if policy == "Forbid" && !status.active.is_empty() {
        event(
            w,
            cj_obj,
            "Normal",
            "JobAlreadyActive",
            "Not starting job because prior execution is running and concurrency policy is Forbid",
        );
        out.decision = CronDecision::SkippedForbid {
            running: status.active.iter().map(|r| r.name.clone()).collect(),
        };
        return Ok(next_tick(cj));
    }
    let replace = policy == "Replace";
    let Some(created) = start_job(w, cj_obj, cj, scheduled, zone, replace, out)? else {
        return Ok(None);
    };
    let status = cj.status.get_or_insert_with(Default::default);
    status.active.push(job_ref(&created));
    status.last_schedule_time = Some(Time(scheduled));
    Ok(next_tick(cj))
}

/// The first half of `syncCronJob`: `status.active` against the Jobs the controller sees. A
/// Job it does not list is taken on from a fresher read or reported (`UnexpectedJob`); a listed
/// Job that finished is removed (`SawCompletedJob`); a listed Job that no longer exists is
/// removed (`MissingJob`); lastSuccessfulTime follows the latest completion.
fn reconcile_active(w: &mut Client<'_>, cj_obj: &Object, cj: &mut CronJob, jobs: &[&Job]) {
    let mut status = cj.status.clone().unwrap_or_default();
    for job in jobs {
        let uid = job.metadata.uid();
        let found = status.active.iter().any(|r| r.uid == uid);
        let finished = is_finished(job);
        if !found && finished.is_none() {
            // Re-read the CronJob; a fresher copy may already list the Job.
            let fresh = api::get(w, Kind::CronJob, cj.metadata.ns(), &cj.metadata.name)
                .and_then(|o| match o {
                    Object::CronJob(c) => c.status.clone(),
                    _ => None,
                })
                .unwrap_or_default();
            if fresh.active.iter().any(|r| r.uid == uid) {
                status = fresh;
                continue;
            }
            let msg = format!(
                "Saw a job that the controller did not create or forgot: {}",
                job.metadata.name
            );
            event(w, cj_obj, "Warning", "UnexpectedJob", &msg);
        } else if let (true, Some(how)) = (found, finished) {
            status.active.retain(|r| r.uid != uid);
            let msg = format!("Saw completed job: {}, status: {how}", job.metadata.name);
            event(w, cj_obj, "Normal", "SawCompletedJob", &msg);
        } else if finished == Some("Complete") {
            let done = job.status.as_ref().and_then(|s| s.completion_time);
            match (status.last_successful_time, done) {
                (None, d) => status.last_successful_time = d,
                (Some(t), Some(d)) if d > t => status.last_successful_time = Some(d),
                _ => {}
            }
        }
    }
    // Active entries whose Job no longer exists.
    let missing: Vec<ObjectReference> = status
        .active
        .iter()
        .filter(|r| !jobs.iter().any(|j| j.metadata.uid() == r.uid))
        .cloned()
        .collect();
    for r in missing {
        if api::get(w, Kind::Job, cj.metadata.ns(), &r.name).is_none() {
            let msg = format!("Active job went missing: {}", r.name);
            event(w, cj_obj, "Normal", "MissingJob", &msg);
            status.active.retain(|a| a.uid != r.uid);
        }
    }
    cj.status = Some(status);
}

/// Starts the Job for `scheduled`: under Replace, the active Jobs are deleted first (an error
/// retries the sync); then the Job is created (`SuccessfulCreate`). A Job of that name that
/// already exists is taken on only when this CronJob owns it and does not list it yet; `None`
/// means there is nothing to add to `status.active`.
fn start_job(
    w: &mut Client<'_>,
    cj_obj: &Object,
    cj: &mut CronJob,
    scheduled: i64,
    zone: Zone,
    replace: bool,
    out: &mut Outcome,
) -> Result<Option<Rc<Object>>, SyncError> {
    let job_name = format!("{}-{}", cj.metadata.name, (scheduled / 1000).div_euclid(60));
    let status = cj.status.clone().unwrap_or_default();
    let mut replaced = Vec::new();
    if replace {
        for r in &status.active {
            let Some(job) = api::get(w, Kind::Job, cj.metadata.ns(), &r.name).cloned() else {
                let msg = format!("Get job: jobs.batch \"{}\" not found", r.name);
                event(w, cj_obj, "Warning", "FailedGet", &msg);
                return Err(SyncError::Get);
            };
            if !delete_job(w, cj_obj, cj, &r.name, job.meta().uid()) {
                return Err(SyncError::Replace);
            }
            replaced.push(r.name.clone());
        }
    }
    let job = job_from_template(cj, cj_obj, scheduled, zone, job_name.clone());
    let created = match api::create(w, Object::Job(Box::new(job))) {
        Ok(created) => {
            event(
                w,
                cj_obj,
                "Normal",
                "SuccessfulCreate",
                &format!("Created job {job_name}"),
            );
            out.decision = if replaced.is_empty() {
                CronDecision::Created { job: job_name }
            } else {
                CronDecision::Replaced {
                    deleted: replaced,
                    job: job_name,
                }
            };
            created
        }
        Err(api::ApiError::AlreadyExists { .. }) => {
            let Some(existing) = w.store.get_shared(Kind::Job, cj.metadata.ns(), &job_name) else {
                return Err(SyncError::Get);
            };
            let ours = existing
                .meta()
                .controller_ref()
                .is_some_and(|r| r.uid == cj.metadata.uid());
            let listed = status.active.iter().any(|r| r.uid == existing.meta().uid());
            if !ours || listed {
                out.decision = CronDecision::Exists { job: job_name };
                return Ok(None);
            }
            out.decision = CronDecision::Exists { job: job_name };
            existing
        }
        Err(e) => {
            event(
                w,
                cj_obj,
                "Warning",
                "FailedCreate",
                &format!("Error creating job: {e}"),
            );
            out.decision = CronDecision::CreateFailed;
            return Err(SyncError::Create);
        }
    };
    Ok(Some(created))
}

/// `getJobFromTemplate2`: the Job for one scheduled time.
fn job_from_template(
    cj: &CronJob,
    cj_obj: &Object,
    scheduled: i64,
    zone: Zone,
    name: String,
) -> Job {
    let t = &cj.spec.job_template;
    let mut annotations = t.metadata.annotations.clone();
    annotations.insert(
        SCHEDULED_TIMESTAMP.into(),
        zone.rfc3339(scheduled.div_euclid(1000)),
    );
    let mut job = Job {
        api_version: "batch/v1".into(),
        kind: "Job".into(),
        metadata: ObjectMeta {
            namespace: cj.metadata.namespace.clone(),
            name,
            labels: t.metadata.labels.clone(),
            annotations,
            owner_references: vec![controller_ref(cj_obj)],
            ..ObjectMeta::default()
        },
        spec: t.spec.clone(),
        status: None,
    };
    // The API server defaults the new Job as it would any other.
    jobval::default_job(&mut job);
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parsed_schedule_should_be_what_parse_standard_gives_for_the_same_text() {
        let mut memo = ParsedSchedules::default();
        for text in [
            "*/5 * * * *",
            "@hourly",
            "61 * * * *",
            "",
            "*/5 * * * *",
            "61 * * * *",
        ] {
            assert_eq!(memo.parse(text), parse_standard(text), "{text:?}");
        }
        assert_eq!(memo.0.len(), 4);
    }

    #[test]
    fn the_memo_should_start_again_when_full() {
        let mut memo = ParsedSchedules::default();
        for minute in 0..=ParsedSchedules::KEPT {
            let text = format!("{minute} * * * *");
            assert_eq!(memo.parse(&text), parse_standard(&text));
        }
        assert_eq!(memo.0.len(), 1);
    }
}
