//! Table-driven tests of one Job controller sync, modelled on `TestControllerSyncJob` in
//! `pkg/controller/job/job_controller_test.go`: each row sets up a Job and its pods, runs one
//! `sync_job`, and checks what the controller created, deleted, counted and concluded.

use podlab::api::{self, DeleteOptions};
use podlab::cluster::{Cluster, KubeletConfig};
use podlab::controllers::job::JobControllerState;
use podlab::controllers::record::{JobDecision, JobSync};
use podlab::controllers::{JobController, Reconciler, Requeue};
use podlab::model::job::{
    Job, JobCondition, OnExitCodes, PodFailurePolicy, PodFailurePolicyRule, SuccessPolicy,
    SuccessPolicyRule,
};
use podlab::model::job::{COMPLETION_INDEX, TRACKING_FINALIZER};
use podlab::model::pod::{
    ContainerState, ContainerStatus, PodCondition, PodStatus, StateRunning, StateTerminated,
};
use podlab::model::{Container, Kind, Object, ObjectMeta, Pod, Time};
use podlab::sim::{Actor, SimTime, Update};
use podlab::validation::job::default_job;

const NOW_MS: u64 = 100_000;

#[derive(Clone, Copy, PartialEq)]
enum Phase {
    Pending,
    Running,
    Succeeded,
    Failed,
    /// Running, with a deletionTimestamp.
    Terminating,
}

#[derive(Clone)]
struct PodRow {
    phase: Phase,
    index: Option<i32>,
    restarts: i32,
    /// Finish (or deletion) this many ms before now.
    ago_ms: i64,
    exit_code: i32,
    condition: Option<&'static str>,
}

fn pods(n: usize, phase: Phase) -> Vec<PodRow> {
    vec![
        PodRow {
            phase,
            index: None,
            restarts: 0,
            ago_ms: 0,
            exit_code: if phase == Phase::Failed { 1 } else { 0 },
            condition: None
        };
        n
    ]
}

fn indexed(phase: Phase, indexes: &[i32]) -> Vec<PodRow> {
    indexes
        .iter()
        .map(|i| PodRow {
            index: Some(*i),
            ..pods(1, phase).remove(0)
        })
        .collect()
}

#[derive(Clone)]
struct Setup {
    parallelism: Option<i32>,
    completions: Option<i32>,
    backoff_limit: i32,
    indexed: bool,
    suspend: bool,
    restart_policy: &'static str,
    active_deadline: Option<i64>,
    started_ago_s: Option<i64>,
    conditions: Vec<(&'static str, &'static str)>,
    pfp: Option<PodFailurePolicy>,
    success_policy: Option<SuccessPolicy>,
    replacement_failed: bool,
    deleting: bool,
    unsatisfied_expectations: bool,
    /// Room left in the store's object quota when the sync runs (None: plenty).
    room: Option<usize>,
    pods: Vec<PodRow>,
}

fn job(parallelism: i32, completions: Option<i32>) -> Setup {
    Setup {
        parallelism: Some(parallelism),
        completions,
        backoff_limit: 6,
        indexed: false,
        suspend: false,
        restart_policy: "Never",
        active_deadline: None,
        started_ago_s: Some(50),
        conditions: vec![],
        pfp: None,
        success_policy: None,
        replacement_failed: false,
        deleting: false,
        unsatisfied_expectations: false,
        room: None,
        pods: vec![],
    }
}

impl Setup {
    fn with(mut self, mut p: Vec<PodRow>) -> Self {
        self.pods.append(&mut p);
        self
    }
}

#[derive(Default)]
struct Want {
    created: usize,
    deleted: usize,
    active: i32,
    succeeded: i32,
    failed: i32,
    conditions: &'static [&'static str],
    reason: Option<&'static str>,
    message: Option<&'static str>,
    completed_indexes: &'static str,
    requeue_ms: Option<u64>,
    decision: Option<JobDecision>,
    created_indexes: &'static [i32],
    start_time_reset: bool,
    /// The sync fails (the worker retries it with back-off).
    refused: bool,
    /// Creations still expected after the sync, when checked.
    pending_adds: Option<i64>,
}

struct Outcome {
    created: Vec<Pod>,
    deleted: usize,
    job: Job,
    requeue: Option<u64>,
    decision: JobDecision,
    error: Option<String>,
    pending_adds: i64,
}

fn pod_for(job: &Object, i: usize, row: &PodRow, now: Time) -> Pod {
    let j = job.as_job().unwrap();
    let mut p = Pod {
        api_version: "v1".into(),
        kind: "Pod".into(),
        metadata: ObjectMeta {
            name: format!("{}-p{i}", j.metadata.name),
            labels: j.spec.template.metadata.labels.clone(),
            owner_references: vec![podlab::controllers::podcontrol::controller_ref(job)],
            finalizers: vec![TRACKING_FINALIZER.into()],
            ..ObjectMeta::default()
        },
        spec: std::rc::Rc::clone(&j.spec.template.spec),
        status: None,
    };
    std::rc::Rc::make_mut(&mut p.spec).node_name = Some("node-1".into());
    if let Some(idx) = row.index {
        p.metadata
            .annotations
            .insert(COMPLETION_INDEX.into(), idx.to_string());
        p.metadata
            .labels
            .insert(COMPLETION_INDEX.into(), idx.to_string());
    }
    let at = now.plus_ms(-row.ago_ms);
    let (phase, state, ready) = match row.phase {
        Phase::Pending => ("Pending", ContainerState::default(), false),
        Phase::Running | Phase::Terminating => (
            "Running",
            ContainerState {
                running: Some(StateRunning {
                    started_at: Some(now.plus_ms(-60_000)),
                }),
                ..Default::default()
            },
            true,
        ),
        Phase::Succeeded | Phase::Failed => (
            if row.phase == Phase::Succeeded {
                "Succeeded"
            } else {
                "Failed"
            },
            ContainerState {
                terminated: Some(StateTerminated {
                    exit_code: row.exit_code,
                    finished_at: Some(at),
                    started_at: Some(at.plus_ms(-5_000)),
                    ..Default::default()
                }),
                ..Default::default()
            },
            false,
        ),
    };
    let mut conditions = vec![PodCondition {
        type_: "Ready".into(),
        status: if ready { "True" } else { "False" }.into(),
        last_transition_time: Some(at),
        ..Default::default()
    }];
    if let Some(c) = row.condition {
        conditions.push(PodCondition {
            type_: c.into(),
            status: "True".into(),
            ..Default::default()
        });
    }
    p.status = Some(PodStatus {
        phase: phase.into(),
        conditions,
        container_statuses: vec![ContainerStatus {
            name: "main".into(),
            state,
            restart_count: row.restarts,
            ready,
            ..Default::default()
        }],
        ..PodStatus::default()
    });
    p
}

fn run(s: &Setup) -> Outcome {
    let mut w = Cluster::new(
        1,
        Time::parse("2026-01-01T00:00:00Z").unwrap(),
        KubeletConfig::default(),
    );
    let mut state = JobControllerState::default();
    let mut j = Job {
        api_version: "batch/v1".into(),
        kind: "Job".into(),
        ..Job::default()
    };
    j.metadata.name = "job".into();
    let js = std::rc::Rc::make_mut(&mut j.spec);
    js.parallelism = s.parallelism;
    js.completions = s.completions;
    js.backoff_limit = Some(s.backoff_limit);
    js.suspend = Some(s.suspend);
    js.active_deadline_seconds = s.active_deadline;
    js.pod_failure_policy = s.pfp.clone();
    js.success_policy = s.success_policy.clone();
    if s.indexed {
        js.completion_mode = Some("Indexed".into());
    }
    if s.replacement_failed {
        js.pod_replacement_policy = Some("Failed".into());
    }
    let spec = std::rc::Rc::make_mut(&mut js.template.spec);
    spec.restart_policy = Some(s.restart_policy.into());
    spec.containers = std::rc::Rc::new(vec![Container {
        name: "main".into(),
        image: "busybox".into(),
        ..Container::default()
    }]);
    default_job(&mut j);
    api::create(&mut w.client(Actor::User), Object::Job(Box::new(j))).unwrap();
    w.now = SimTime(NOW_MS);
    let now = w.wall_now();
    let start = s.started_ago_s.map(|a| now.plus_ms(-a * 1000));
    let conditions: Vec<JobCondition> = s
        .conditions
        .iter()
        .map(|(t, st)| JobCondition {
            type_: (*t).into(),
            status: (*st).into(),
            reason: if *t == "FailureTarget" {
                "BackoffLimitExceeded".into()
            } else {
                String::new()
            },
            message: String::new(),
            last_probe_time: None,
            last_transition_time: Some(now),
        })
        .collect();
    let deleting = s.deleting;
    let job_obj = api::mutate(
        &mut w.client(Actor::User),
        Kind::Job,
        "default",
        "job",
        Update::Applied,
        |o| {
            if let Object::Job(j) = o {
                let st = j.status.get_or_insert_with(Default::default);
                st.start_time = start;
                st.conditions = conditions;
                if deleting {
                    j.metadata.finalizers.push("example.com/hold".into());
                }
            }
        },
    )
    .unwrap();
    if deleting {
        api::delete(
            &mut w.client(Actor::User),
            Kind::Job,
            "default",
            "job",
            DeleteOptions::default(),
        )
        .unwrap();
    }
    let job_obj = api::get(&w, Kind::Job, "default", "job")
        .cloned()
        .unwrap_or_else(|| (*job_obj).clone());
    for (i, row) in s.pods.iter().enumerate() {
        let pod = pod_for(&job_obj, i, row, now);
        let name = pod.metadata.name.clone();
        api::create(&mut w.client(Actor::User), Object::Pod(Box::new(pod))).unwrap();
        if row.phase == Phase::Terminating {
            w.now = SimTime(NOW_MS - row.ago_ms as u64);
            api::delete(
                &mut w.client(Actor::User),
                Kind::Pod,
                "default",
                &name,
                DeleteOptions::default(),
            )
            .unwrap();
            w.now = SimTime(NOW_MS);
        }
    }
    if s.unsatisfied_expectations {
        state.expectations.insert(
            "default/job".into(),
            podlab::controllers::expectations::Expectations {
                add: 1,
                del: 0,
                at: w.now,
            },
        );
    }
    let before: Vec<String> = w
        .store
        .list(Kind::Pod)
        .map(|o| o.meta().name.clone())
        .collect();
    let terminating_before = w
        .store
        .list(Kind::Pod)
        .filter(|o| o.meta().is_terminating())
        .count();
    if let Some(room) = s.room {
        w.store.quota.objects = w.store.objects_len() + room;
    }
    w.store.drain_watch();
    w.take_log();
    let (requeue, error) = match JobController::sync_once(&mut w, &mut state, "default/job") {
        Ok(Requeue::After(ms)) => (Some(ms), None),
        Ok(Requeue::AwaitChange) => (None, None),
        Err(e) => (None, Some(e.to_string())),
    };
    let pending_adds = state.expectations.get("default/job").map_or(0, |e| e.add);
    let decision = w
        .take_log()
        .into_iter()
        .find_map(|l| l.change.account::<JobSync>().map(|s| s.decision.clone()))
        .unwrap_or(JobDecision::Nothing);
    let created: Vec<Pod> = w
        .store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .filter(|p| !before.contains(&p.metadata.name))
        .cloned()
        .collect();
    let deleted = w
        .store
        .list(Kind::Pod)
        .filter(|o| o.meta().is_terminating())
        .count()
        + before
            .iter()
            .filter(|n| api::pod(&w, "default", n).is_none())
            .count()
        - terminating_before;
    let job = api::get(&w, Kind::Job, "default", "job")
        .and_then(Object::as_job)
        .cloned()
        .unwrap();
    Outcome {
        created,
        deleted,
        job,
        requeue,
        decision,
        error,
        pending_adds,
    }
}

fn exit_rule(action: &str, codes: &[i32]) -> PodFailurePolicy {
    PodFailurePolicy {
        rules: vec![PodFailurePolicyRule {
            action: action.into(),
            on_exit_codes: Some(OnExitCodes {
                container_name: None,
                operator: "In".into(),
                values: codes.to_vec(),
            }),
            ..Default::default()
        }],
    }
}

fn failed_ago(ms: i64) -> Vec<PodRow> {
    vec![PodRow {
        ago_ms: ms,
        ..pods(1, Phase::Failed).remove(0)
    }]
}

fn with_restarts(n: i32) -> Vec<PodRow> {
    vec![PodRow {
        restarts: n,
        ..pods(1, Phase::Running).remove(0)
    }]
}

fn with_exit(code: i32) -> Vec<PodRow> {
    vec![PodRow {
        exit_code: code,
        ..pods(1, Phase::Failed).remove(0)
    }]
}

#[test]
fn sync_job_should_behave_like_the_real_controller() {
    use Phase::*;
    let rows: Vec<(&str, Setup, Want)> = vec![
        ("a new job should create parallelism pods", job(2, Some(5)), Want { created: 2, active: 2, decision: Some(JobDecision::Create(2)), ..Want::default() }),
        ("a new work-queue job should create parallelism pods", job(2, None), Want { created: 2, active: 2, ..Want::default() }),
        ("pending pods should count as active", job(2, Some(5)).with(pods(2, Pending)), Want { active: 2, ..Want::default() }),
        ("the right number of running pods should create nothing", job(2, Some(5)).with(pods(2, Running)), Want { active: 2, decision: Some(JobDecision::Nothing), ..Want::default() }),
        ("a work-queue job with enough pods should create nothing", job(2, None).with(pods(2, Running)), Want { active: 2, ..Want::default() }),
        ("too few active pods should be topped up", job(2, Some(5)).with(pods(1, Running)), Want { created: 1, active: 2, ..Want::default() }),
        ("a work-queue job with too few pods should be topped up", job(2, None).with(pods(1, Running)), Want { created: 1, active: 2, ..Want::default() }),
        ("too many active pods should be deleted", job(2, Some(5)).with(pods(3, Running)), Want { deleted: 1, active: 2, decision: Some(JobDecision::Delete(1)), ..Want::default() }),
        ("parallelism 0 should delete every active pod", job(0, Some(5)).with(pods(2, Running)), Want { deleted: 2, ..Want::default() }),
        ("wantActive should be capped by the remaining completions", job(3, Some(5)).with(pods(3, Succeeded)).with(pods(1, Running)), Want { created: 1, active: 2, succeeded: 3, ..Want::default() }),
        ("succeeded pods should reduce what is still wanted", job(2, Some(5)).with(pods(3, Succeeded)), Want { created: 2, active: 2, succeeded: 3, ..Want::default() }),
        ("a work-queue job with a success should create no more pods", job(2, None).with(pods(1, Succeeded)).with(pods(1, Running)), Want { active: 1, succeeded: 1, ..Want::default() }),
        ("a work-queue job whose pods all finished should complete", job(2, None).with(pods(2, Succeeded)), Want { succeeded: 2, conditions: &["SuccessCriteriaMet", "Complete"], reason: Some("CompletionsReached"), ..Want::default() }),
        ("reaching completions should complete the job", job(2, Some(5)).with(pods(5, Succeeded)), Want { succeeded: 5, conditions: &["SuccessCriteriaMet", "Complete"], message: Some("Reached expected number of succeeded pods"), ..Want::default() }),
        ("more successes than completions should still complete", job(2, Some(2)).with(pods(3, Succeeded)), Want { succeeded: 3, conditions: &["SuccessCriteriaMet", "Complete"], ..Want::default() }),
        ("a fresh failure should delay the replacement by 10s", job(2, Some(5)).with(failed_ago(0)).with(pods(1, Running)), Want { active: 1, failed: 1, requeue_ms: Some(10_000), decision: Some(JobDecision::WaitBackoff { remaining_ms: 10_000, failures: 1 }), ..Want::default() }),
        ("the back-off should count from the pod's finish time", job(2, Some(5)).with(failed_ago(4_000)).with(pods(1, Running)), Want { active: 1, failed: 1, requeue_ms: Some(6_000), ..Want::default() }),
        ("an old failure should be replaced at once", job(2, Some(5)).with(failed_ago(20_000)).with(pods(1, Running)), Want { created: 1, active: 2, failed: 1, ..Want::default() }),
        ("two failures should back off 20s", job(2, Some(5)).with(failed_ago(0)).with(failed_ago(0)), Want { failed: 2, requeue_ms: Some(20_000), ..Want::default() }),
        ("three failures should back off 40s", job(2, Some(5)).with(failed_ago(0)).with(failed_ago(0)).with(failed_ago(0)), Want { failed: 3, requeue_ms: Some(40_000), ..Want::default() }),
        ("backoffLimit 0 should fail on the first failure", Setup { backoff_limit: 0, ..job(1, Some(1)).with(pods(1, Failed)) }, Want { failed: 1, conditions: &["FailureTarget", "Failed"], reason: Some("BackoffLimitExceeded"), message: Some("Job has reached the specified backoff limit"), ..Want::default() }),
        ("failures equal to backoffLimit should not fail the job", Setup { backoff_limit: 2, ..job(1, Some(1)).with(failed_ago(60_000)).with(failed_ago(60_000)) }, Want { created: 1, active: 1, failed: 2, ..Want::default() }),
        ("failures above backoffLimit should fail the job", Setup { backoff_limit: 2, ..job(1, Some(1)).with(pods(3, Failed)) }, Want { failed: 3, conditions: &["FailureTarget", "Failed"], reason: Some("BackoffLimitExceeded"), ..Want::default() }),
        ("a failing job should delete its active pods and count them as failed", Setup { backoff_limit: 0, ..job(2, Some(5)).with(pods(1, Failed)).with(pods(1, Running)) }, Want { deleted: 1, failed: 2, conditions: &["FailureTarget"], reason: Some("BackoffLimitExceeded"), ..Want::default() }),
        ("OnFailure restarts reaching backoffLimit should fail the job", Setup { backoff_limit: 2, restart_policy: "OnFailure", ..job(1, Some(1)).with(with_restarts(2)) }, Want { deleted: 1, failed: 1, conditions: &["FailureTarget"], reason: Some("BackoffLimitExceeded"), ..Want::default() }),
        ("OnFailure restarts below backoffLimit should be tolerated", Setup { backoff_limit: 2, restart_policy: "OnFailure", ..job(1, Some(1)).with(with_restarts(1)) }, Want { active: 1, ..Want::default() }),
        ("OnFailure with backoffLimit 0 should fail on any restart", Setup { backoff_limit: 0, restart_policy: "OnFailure", ..job(1, Some(1)).with(with_restarts(1)) }, Want { deleted: 1, failed: 1, conditions: &["FailureTarget"], ..Want::default() }),
        ("a passed deadline should fail the job", Setup { active_deadline: Some(10), started_ago_s: Some(15), ..job(1, Some(1)).with(pods(1, Running)) }, Want { deleted: 1, failed: 1, conditions: &["FailureTarget"], reason: Some("DeadlineExceeded"), message: Some("Job was active longer than specified deadline"), ..Want::default() }),
        ("a deadline not yet reached should requeue for it", Setup { active_deadline: Some(10), started_ago_s: Some(4), ..job(1, Some(1)).with(pods(1, Running)) }, Want { active: 1, requeue_ms: Some(6_000), ..Want::default() }),
        ("the backoff limit should beat the deadline", Setup { active_deadline: Some(10), started_ago_s: Some(15), backoff_limit: 0, ..job(1, Some(1)).with(pods(1, Failed)) }, Want { failed: 1, conditions: &["FailureTarget", "Failed"], reason: Some("BackoffLimitExceeded"), ..Want::default() }),
        ("a new job should get a startTime", Setup { started_ago_s: None, ..job(1, Some(1)) }, Want { created: 1, active: 1, start_time_reset: true, ..Want::default() }),
        ("suspending should delete active pods", Setup { suspend: true, ..job(2, Some(5)).with(pods(2, Running)) }, Want { deleted: 2, conditions: &["Suspended"], reason: Some("JobSuspended"), decision: Some(JobDecision::Delete(2)), ..Want::default() }),
        ("a suspended job should create nothing", Setup { suspend: true, started_ago_s: None, ..job(2, Some(5)) }, Want { conditions: &["Suspended"], message: Some("Job suspended"), decision: Some(JobDecision::Suspended), ..Want::default() }),
        ("resuming should reset startTime and create pods", Setup { conditions: vec![("Suspended", "True")], ..job(2, Some(5)) }, Want { created: 2, active: 2, start_time_reset: true, ..Want::default() }),
        ("an Indexed job should create the lowest indexes", Setup { indexed: true, ..job(2, Some(3)) }, Want { created: 2, active: 2, created_indexes: &[0, 1], ..Want::default() }),
        ("an Indexed job should skip completed and active indexes", Setup { indexed: true, ..job(2, Some(4)).with(indexed(Succeeded, &[0])).with(indexed(Running, &[1])) }, Want { created: 1, active: 2, succeeded: 1, completed_indexes: "0", created_indexes: &[2], ..Want::default() }),
        ("completedIndexes should compress a run of three", Setup { indexed: true, ..job(2, Some(5)).with(indexed(Succeeded, &[0, 1, 2])) }, Want { created: 2, active: 2, succeeded: 3, completed_indexes: "0-2", ..Want::default() }),
        ("completedIndexes should list a run of two", Setup { indexed: true, ..job(2, Some(5)).with(indexed(Succeeded, &[0, 1])) }, Want { created: 2, active: 2, succeeded: 2, completed_indexes: "0,1", ..Want::default() }),
        ("completedIndexes should mix single indexes and ranges", Setup { indexed: true, ..job(1, Some(10)).with(indexed(Succeeded, &[2, 4, 5, 7, 8, 9])) }, Want { created: 1, active: 1, succeeded: 6, completed_indexes: "2,4,5,7-9", created_indexes: &[0], ..Want::default() }),
        ("a second success of an index should not count twice", Setup { indexed: true, ..job(1, Some(3)).with(indexed(Succeeded, &[0, 0])) }, Want { created: 1, active: 1, succeeded: 1, completed_indexes: "0", ..Want::default() }),
        ("duplicate active indexes should be deleted", Setup { indexed: true, ..job(2, Some(3)).with(indexed(Running, &[0, 0])) }, Want { deleted: 1, active: 1, decision: Some(JobDecision::Delete(1)), ..Want::default() }),
        ("an index out of range should be deleted, and nothing created", Setup { indexed: true, ..job(2, Some(2)).with(indexed(Running, &[0, 5])) }, Want { deleted: 1, active: 1, ..Want::default() }),
        ("deleting a running pod should count as a failure", job(1, Some(1)).with(pods(1, Terminating)), Want { failed: 1, requeue_ms: Some(10_000), ..Want::default() }),
        ("with podReplacementPolicy Failed a terminating pod is neither failed nor replaced", Setup { replacement_failed: true, ..job(1, Some(1)).with(pods(1, Terminating)) }, Want { ..Want::default() }),
        ("a FailJob rule should fail the job with the rule's message", Setup { pfp: Some(exit_rule("FailJob", &[42])), ..job(1, Some(1)).with(with_exit(42)) }, Want { failed: 1, conditions: &["FailureTarget", "Failed"], reason: Some("PodFailurePolicy"), message: Some("Container main for pod default/job-p0 failed with exit code 42 matching FailJob rule at index 0"), ..Want::default() }),
        ("an Ignore rule should not count the failure and replace the pod at once", Setup { pfp: Some(exit_rule("Ignore", &[42])), backoff_limit: 0, ..job(1, Some(1)).with(with_exit(42)) }, Want { created: 1, active: 1, ..Want::default() }),
        ("a Count rule should count the failure", Setup { pfp: Some(exit_rule("Count", &[42])), backoff_limit: 0, ..job(1, Some(1)).with(with_exit(42)) }, Want { failed: 1, conditions: &["FailureTarget", "Failed"], reason: Some("BackoffLimitExceeded"), ..Want::default() }),
        ("a success policy should end the job early and delete the rest", Setup { indexed: true, success_policy: Some(SuccessPolicy { rules: vec![SuccessPolicyRule { succeeded_indexes: Some("0".into()), succeeded_count: None }] }), ..job(2, Some(3)).with(indexed(Succeeded, &[0])).with(indexed(Running, &[1])) }, Want { deleted: 1, succeeded: 1, completed_indexes: "0", conditions: &["SuccessCriteriaMet"], reason: Some("SuccessPolicy"), message: Some("Matched rules at index 0"), ..Want::default() }),
        ("unsatisfied expectations should hold back creations", Setup { unsatisfied_expectations: true, ..job(2, Some(5)) }, Want { decision: Some(JobDecision::WaitExpectations), ..Want::default() }),
        ("a job being deleted should create nothing", Setup { deleting: true, ..job(2, Some(5)) }, Want { ..Want::default() }),
        ("an existing FailureTarget should become Failed once no pod runs", Setup { conditions: vec![("FailureTarget", "True")], ..job(1, Some(1)) }, Want { conditions: &["FailureTarget", "Failed"], reason: Some("BackoffLimitExceeded"), ..Want::default() }),
        ("a refused create should lower the expectations for it and for the skipped ones, and fail the sync for a retry", Setup { room: Some(2), ..job(4, Some(8)) }, Want { created: 2, active: 2, refused: true, pending_adds: Some(2), decision: Some(JobDecision::Create(2)), ..Want::default() }),
        ("a finished job should not be touched", Setup { conditions: vec![("Complete", "True")], ..job(2, Some(5)) }, Want { conditions: &["Complete"], ..Want::default() }),
    ];
    assert!(rows.len() >= 40, "{} rows", rows.len());
    let mut failures = Vec::new();
    for (title, setup, want) in &rows {
        let out = run(setup);
        let st = out.job.status();
        let mut check = |what: &str, ok: bool, detail: String| {
            if !ok {
                failures.push(format!("{title}: {what}: {detail}"));
            }
        };
        check(
            "created",
            out.created.len() == want.created,
            format!("{} != {}", out.created.len(), want.created),
        );
        check(
            "deleted",
            out.deleted == want.deleted,
            format!("{} != {}", out.deleted, want.deleted),
        );
        check(
            "status.active",
            st.active == want.active,
            format!("{} != {}", st.active, want.active),
        );
        check(
            "status.succeeded",
            st.succeeded == want.succeeded,
            format!("{} != {}", st.succeeded, want.succeeded),
        );
        check(
            "status.failed",
            st.failed == want.failed,
            format!("{} != {}", st.failed, want.failed),
        );
        let conds: Vec<&str> = st
            .conditions
            .iter()
            .filter(|c| c.status == "True")
            .map(|c| c.type_.as_str())
            .collect();
        check(
            "conditions",
            conds == want.conditions,
            format!("{conds:?} != {:?}", want.conditions),
        );
        if let Some(r) = want.reason {
            check(
                "reason",
                st.conditions.first().is_some_and(|c| c.reason == r),
                format!("{:?}", st.conditions.first().map(|c| &c.reason)),
            );
        }
        if let Some(m) = want.message {
            check(
                "message",
                st.conditions.iter().any(|c| c.message == m),
                format!(
                    "{:?}",
                    st.conditions.iter().map(|c| &c.message).collect::<Vec<_>>()
                ),
            );
        }
        check(
            "completedIndexes",
            st.completed_indexes == want.completed_indexes,
            format!("{:?}", st.completed_indexes),
        );
        check(
            "requeue",
            out.requeue == want.requeue_ms,
            format!("{:?} != {:?}", out.requeue, want.requeue_ms),
        );
        check(
            "sync error",
            out.error.is_some() == want.refused,
            format!("{:?}", out.error),
        );
        if let Some(adds) = want.pending_adds {
            check(
                "expected creations",
                out.pending_adds == adds,
                format!("{} != {adds}", out.pending_adds),
            );
        }
        if let Some(d) = &want.decision {
            check(
                "decision",
                out.decision == *d,
                format!("{:?}", out.decision),
            );
        }
        if !want.created_indexes.is_empty() {
            let mut got: Vec<i32> = out
                .created
                .iter()
                .filter_map(|p| {
                    p.metadata
                        .annotations
                        .get(COMPLETION_INDEX)
                        .and_then(|v| v.parse().ok())
                })
                .collect();
            podlab::sort::sort(&mut got);
            check(
                "created indexes",
                got == want.created_indexes,
                format!("{got:?}"),
            );
        }
        if want.start_time_reset {
            check(
                "startTime",
                st.start_time.map(|t| t.0) == Some(Time::parse("2026-01-01T00:01:40Z").unwrap().0),
                format!("{:?}", st.start_time),
            );
        }
        for p in &out.created {
            check(
                "pod finalizer",
                p.metadata.finalizers == vec![TRACKING_FINALIZER.to_string()],
                format!("{:?}", p.metadata.finalizers),
            );
            check(
                "pod name",
                p.metadata.name.starts_with("job-"),
                p.metadata.name.clone(),
            );
            check(
                "pod owner",
                p.metadata.owner_references.first().is_some_and(|r| {
                    r.kind == "Job"
                        && r.controller == Some(true)
                        && r.block_owner_deletion == Some(true)
                }),
                String::new(),
            );
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
