//! Single syncs of the CronJob controller, table-driven after `TestControllerV2SyncCronJob`
//! (`cronjob_controllerv2_test.go`) and `utils_test.go`: a CronJob that never ran or ran
//! before, with or without an active Job, under each concurrency policy, suspended, with
//! starting deadlines, long overdue, in a time zone, and with finished Jobs beyond the
//! history limits. Each row checks what was created and deleted, the events, `status` and the
//! requeue.

use podlab::api;
use podlab::cluster::{Cluster, KubeletConfig};
use podlab::controllers::cronjob::{self, SCHEDULED_TIMESTAMP};
use podlab::model::cronjob::{CronJob, CronJobSpec, CronJobStatus};
use podlab::model::job::{Job, JobCondition, JobStatus};
use podlab::model::{Kind, Object, ObjectReference, Time};
use podlab::sim::Actor;
use podlab::sim::SimTime;
use std::rc::Rc;

const START: &str = "2016-05-12T00:00:00Z";

fn at(text: &str) -> Time {
    Time::parse(text).unwrap()
}

fn set_clock(w: &mut Cluster, t: Time) {
    w.now = SimTime((t.0 - w.start.0) as u64);
}

/// The moments upstream's table uses.
const TOP_OF_THE_HOUR: &str = "2016-05-19T10:00:00Z";
const JUST_BEFORE_THE_HOUR: &str = "2016-05-19T09:59:00Z";
const JUST_AFTER_THE_HOUR: &str = "2016-05-19T10:01:00Z";
const JUST_BEFORE_THE_PRIOR_HOUR: &str = "2016-05-19T08:59:00Z";
const JUST_AFTER_THE_PRIOR_HOUR: &str = "2016-05-19T09:01:00Z";
const WEEK_AFTER_THE_HOUR: &str = "2016-05-26T10:00:00Z";

/// One row: the CronJob and its history, the moment of the sync, and what must follow.
#[derive(Clone, Debug)]
struct Row {
    name: &'static str,
    policy: &'static str,
    suspend: bool,
    schedule: &'static str,
    time_zone: Option<&'static str>,
    deadline: Option<i64>,
    ran_previously: bool,
    still_active: bool,
    now: &'static str,
    // Expectations.
    create: bool,
    delete: usize,
    active: usize,
    warnings: usize,
    requeue: Option<&'static str>,
}

fn row(name: &'static str) -> Row {
    Row {
        name,
        policy: "Allow",
        suspend: false,
        schedule: "0 * * * ?",
        time_zone: None,
        deadline: None,
        ran_previously: false,
        still_active: false,
        now: JUST_AFTER_THE_HOUR,
        create: false,
        delete: 0,
        active: 0,
        warnings: 0,
        requeue: None,
    }
}

fn cronjob_spec(r: &Row) -> CronJobSpec {
    let text = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: mycronjob}\nspec:\n  schedule: \"0 * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: c, image: busybox}]\n";
    let m = api::manifest::parse_manifests(text).unwrap();
    let Object::CronJob(cj) = &m[0].object else {
        panic!("not a CronJob")
    };
    let mut spec = CronJobSpec::clone(&cj.spec);
    spec.schedule = r.schedule.into();
    spec.time_zone = r.time_zone.map(Into::into);
    spec.concurrency_policy = Some(r.policy.into());
    spec.suspend = Some(r.suspend);
    spec.starting_deadline_seconds = r.deadline;
    spec
}

fn create_cronjob(w: &mut Cluster, spec: CronJobSpec, created: Time) -> Rc<Object> {
    set_clock(w, created);
    let mut cj = CronJob {
        api_version: "batch/v1".into(),
        kind: "CronJob".into(),
        spec: Rc::new(spec),
        ..CronJob::default()
    };
    cj.metadata.name = "mycronjob".into();
    api::create(&mut w.client(Actor::User), Object::CronJob(Box::new(cj))).unwrap()
}

fn finished(type_: &str, start: Option<Time>, done: Time) -> JobStatus {
    JobStatus {
        conditions: vec![JobCondition {
            type_: type_.into(),
            status: "True".into(),
            ..JobCondition::default()
        }],
        start_time: start,
        completion_time: (type_ == "Complete").then_some(done),
        ..JobStatus::default()
    }
}

/// A Job of the CronJob, created at `t` with a status.
fn child(
    w: &mut Cluster,
    cj: &Object,
    name: &str,
    t: Time,
    status: Option<JobStatus>,
) -> Rc<Object> {
    set_clock(w, t);
    let mut job = Job {
        api_version: "batch/v1".into(),
        kind: "Job".into(),
        ..Job::default()
    };
    job.metadata.name = name.into();
    job.metadata.owner_references = vec![podlab::controllers::podcontrol::controller_ref(cj)];
    std::rc::Rc::make_mut(&mut Rc::make_mut(&mut job.spec).template.spec).restart_policy =
        Some("OnFailure".into());
    let created = api::create(&mut w.client(Actor::User), Object::Job(Box::new(job))).unwrap();
    if status.is_none() {
        return created;
    }
    api::mutate(
        &mut w.client(Actor::User),
        Kind::Job,
        "default",
        name,
        podlab::sim::Update::Applied,
        |o| {
            if let Object::Job(j) = o {
                j.status = status;
            }
        },
    )
    .unwrap()
}

fn job_ref(o: &Object) -> ObjectReference {
    ObjectReference {
        kind: "Job".into(),
        namespace: Some("default".into()),
        name: o.meta().name.clone(),
        uid: o.meta().uid().into(),
        api_version: "batch/v1".into(),
        ..ObjectReference::default()
    }
}

fn set_status(w: &mut Cluster, status: CronJobStatus) {
    api::mutate(
        &mut w.client(Actor::User),
        Kind::CronJob,
        "default",
        "mycronjob",
        podlab::sim::Update::Applied,
        |o| {
            if let Object::CronJob(c) = o {
                c.status = Some(status);
            }
        },
    )
    .unwrap();
}

/// One sync of the CronJob "mycronjob", as the CronJob controller.
fn sync(w: &mut Cluster) -> Result<Option<u64>, cronjob::SyncError> {
    let actor = Actor::Controller("cronjob-controller".into());
    cronjob::sync(
        &mut w.client(actor),
        &mut Default::default(),
        "default/mycronjob",
    )
}

fn world() -> Cluster {
    Cluster::new(1, at(START), KubeletConfig::default())
}

fn cronjob(w: &Cluster) -> CronJob {
    match api::get(w, Kind::CronJob, "default", "mycronjob") {
        Some(Object::CronJob(c)) => (**c).clone(),
        _ => panic!("no cronjob"),
    }
}

fn reasons(w: &Cluster, type_: &str) -> Vec<String> {
    w.store
        .events()
        .filter(|e| e.type_ == type_ && e.involved_object.kind == "CronJob")
        .map(|e| e.reason.clone())
        .collect()
}

fn jobs(w: &Cluster) -> Vec<String> {
    w.store
        .list(Kind::Job)
        .map(|o| o.meta().name.clone())
        .collect()
}

#[test]
fn single_syncs_should_match_the_upstream_table() {
    let mut rows = Vec::new();
    for policy in ["Allow", "Forbid", "Replace"] {
        let p = |r: Row| Row { policy, ..r };
        rows.extend([
            p(Row { now: JUST_BEFORE_THE_HOUR, requeue: Some("1m0.1s"), ..row("never ran, not time") }),
            p(Row { create: true, active: 1, requeue: Some("59m0.1s"), ..row("never ran, is time") }),
            p(Row { suspend: true, ..row("never ran, is time, suspended") }),
            p(Row { deadline: Some(60), requeue: Some("59m0.1s"), ..row("never ran, is time, past deadline") }),
            p(Row { deadline: Some(600), create: true, active: 1, requeue: Some("59m0.1s"), ..row("never ran, is time, not past deadline") }),
            p(Row { ran_previously: true, now: JUST_BEFORE_THE_HOUR, requeue: Some("1m0.1s"), ..row("prev ran but done, not time") }),
            p(Row { ran_previously: true, create: true, active: 1, requeue: Some("59m0.1s"), ..row("prev ran but done, is time") }),
            p(Row { ran_previously: true, suspend: true, ..row("prev ran but done, is time, suspended") }),
            p(Row { ran_previously: true, deadline: Some(60), requeue: Some("59m0.1s"), ..row("prev ran but done, is time, past deadline") }),
            p(Row { ran_previously: true, deadline: Some(600), create: true, active: 1, requeue: Some("59m0.1s"), ..row("prev ran but done, is time, not past deadline") }),
            p(Row { ran_previously: true, still_active: true, now: JUST_BEFORE_THE_HOUR, active: 1, requeue: Some("1m0.1s"), ..row("still active, not time") }),
            p(Row { ran_previously: true, still_active: true, suspend: true, active: 1, ..row("still active, is time, suspended") }),
            p(Row { ran_previously: true, still_active: true, deadline: Some(60), active: 1, requeue: Some("59m0.1s"), ..row("still active, is time, past deadline") }),
            p(Row { ran_previously: true, now: WEEK_AFTER_THE_HOUR, deadline: Some(200), create: true, active: 1, requeue: Some("1h0m0.1s"), ..row("prev ran but done, long overdue, not past deadline") }),
            p(Row { ran_previously: true, now: WEEK_AFTER_THE_HOUR, create: true, active: 1, warnings: 1, requeue: Some("1h0m0.1s"), ..row("prev ran but done, long overdue, no deadline: TooManyMissedTimes, still one Job") }),
        ]);
    }
    rows.extend([
        Row {
            ran_previously: true,
            still_active: true,
            create: true,
            active: 2,
            requeue: Some("59m0.1s"),
            ..row("still active, is time, Allow: both run")
        },
        Row {
            policy: "Forbid",
            ran_previously: true,
            still_active: true,
            active: 1,
            requeue: Some("59m0.1s"),
            ..row("still active, is time, Forbid: skipped")
        },
        Row {
            policy: "Replace",
            ran_previously: true,
            still_active: true,
            create: true,
            delete: 1,
            active: 1,
            requeue: Some("59m0.1s"),
            ..row("still active, is time, Replace: replaced")
        },
        Row {
            ran_previously: true,
            still_active: true,
            deadline: Some(600),
            create: true,
            active: 2,
            requeue: Some("59m0.1s"),
            ..row("still active, is time, not past deadline, Allow")
        },
        Row {
            schedule: "obvious error schedule",
            warnings: 1,
            ..row("never ran, unparseable schedule")
        },
        Row {
            schedule: "59 23 31 2 *",
            warnings: 1,
            ..row("never ran, Feb 31 never comes")
        },
        Row {
            time_zone: Some("Mars/Olympus"),
            warnings: 1,
            ..row("an unknown time zone")
        },
        Row {
            time_zone: Some("Asia/Shanghai"),
            create: true,
            active: 1,
            requeue: Some("59m0.1s"),
            ..row("a time zone on the hour")
        },
        Row {
            time_zone: Some("Asia/Kolkata"),
            schedule: "0 * * * *",
            now: "2016-05-19T10:31:00Z",
            create: true,
            active: 1,
            requeue: Some("59m0.1s"),
            ..row("a half-hour zone: 16:00 in Kolkata is 10:30 UTC")
        },
        Row {
            schedule: "30 6-16/4 * * 1-5",
            ran_previously: true,
            now: "2016-05-23T10:35:00Z",
            create: true,
            active: 1,
            requeue: Some("3h55m0.1s"),
            ..row("complex schedule: the estimate finds Monday 10:30")
        },
    ]);
    let mut failures = Vec::new();
    for r in &rows {
        let mut w = world();
        let spec = cronjob_spec(r);
        let created = at(if r.ran_previously {
            JUST_BEFORE_THE_PRIOR_HOUR
        } else {
            JUST_BEFORE_THE_HOUR
        });
        let cj = create_cronjob(&mut w, spec, created);
        let mut status = CronJobStatus::default();
        if r.ran_previously {
            status.last_schedule_time = Some(at(JUST_AFTER_THE_PRIOR_HOUR));
            if r.schedule.starts_with("30 6-16") {
                status.last_schedule_time = Some(at("2016-05-20T10:30:00Z"));
            }
            let job = child(
                &mut w,
                &cj,
                "mycronjob-old",
                at(JUST_AFTER_THE_PRIOR_HOUR),
                None,
            );
            if r.still_active {
                status.active.push(job_ref(&job));
            } else {
                let st = finished(
                    "Complete",
                    Some(at(JUST_AFTER_THE_PRIOR_HOUR)),
                    at(JUST_AFTER_THE_PRIOR_HOUR),
                );
                api::mutate(
                    &mut w.client(Actor::User),
                    Kind::Job,
                    "default",
                    "mycronjob-old",
                    podlab::sim::Update::Applied,
                    |o| {
                        if let Object::Job(j) = o {
                            j.status = Some(st);
                        }
                    },
                )
                .unwrap();
            }
        }
        set_status(&mut w, status);
        let before = jobs(&w);
        set_clock(&mut w, at(r.now));
        let requeue = sync(&mut w).unwrap();
        let after = jobs(&w);
        let created: Vec<&String> = after.iter().filter(|j| !before.contains(j)).collect();
        let deleted = before.iter().filter(|j| !after.contains(j)).count();
        let cj = cronjob(&w);
        let active = cj.status.clone().unwrap_or_default().active.len();
        let warnings = reasons(&w, "Warning");
        let requeue = requeue.map(podlab::sim::format_duration);
        let got = (
            !created.is_empty(),
            deleted,
            active,
            warnings.len(),
            requeue.clone(),
        );
        let want = (
            r.create,
            r.delete,
            r.active,
            r.warnings,
            r.requeue.map(String::from),
        );
        if got != want {
            failures.push(format!(
                "{} [{}]: got (create, delete, active, warnings, requeue) {got:?} {warnings:?}, want {want:?}",
                r.name, r.policy
            ));
        }
        if r.policy == "Forbid"
            && r.still_active
            && !r.suspend
            && r.now == JUST_AFTER_THE_HOUR
            && r.deadline.is_none()
        {
            assert_eq!(
                reasons(&w, "Normal"),
                vec!["JobAlreadyActive"],
                "{}",
                r.name
            );
        }
    }
    assert!(rows.len() >= 30, "{} rows", rows.len());
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_created_job_should_carry_the_name_annotation_and_owner() {
    let r = Row {
        time_zone: Some("Asia/Shanghai"),
        ..row("zone")
    };
    let mut w = world();
    let cj = create_cronjob(&mut w, cronjob_spec(&r), at(JUST_BEFORE_THE_HOUR));
    set_clock(&mut w, at(JUST_AFTER_THE_HOUR));
    sync(&mut w).unwrap();
    // 2016-05-19T10:00:00Z is 24,394,200 minutes after the epoch.
    let job = api::get(&w, Kind::Job, "default", "mycronjob-24394200").expect("the Job");
    let m = job.meta();
    assert_eq!(
        m.annotations[SCHEDULED_TIMESTAMP],
        "2016-05-19T18:00:00+08:00"
    );
    let owner = &m.owner_references[0];
    assert_eq!(
        (owner.kind.as_str(), owner.uid.as_str(), owner.controller),
        ("CronJob", cj.meta().uid(), Some(true))
    );
    let status = cronjob(&w).status.unwrap();
    assert_eq!(status.last_schedule_time, Some(at(TOP_OF_THE_HOUR)));
    assert_eq!(status.active[0].name, "mycronjob-24394200");
    assert_eq!(reasons(&w, "Normal"), vec!["SuccessfulCreate"]);
}

#[test]
fn active_jobs_should_be_reconciled_with_the_jobs_that_exist() {
    let r = row("reconcile");
    let mut w = world();
    let cj = create_cronjob(&mut w, cronjob_spec(&r), at(JUST_BEFORE_THE_PRIOR_HOUR));
    let done = child(
        &mut w,
        &cj,
        "mycronjob-done",
        at(JUST_AFTER_THE_PRIOR_HOUR),
        Some(finished(
            "Complete",
            Some(at(JUST_AFTER_THE_PRIOR_HOUR)),
            at("2016-05-19T09:05:00Z"),
        )),
    );
    child(
        &mut w,
        &cj,
        "mycronjob-stranger",
        at(JUST_AFTER_THE_PRIOR_HOUR),
        None,
    );
    let gone = ObjectReference {
        name: "mycronjob-gone".into(),
        uid: "0000".into(),
        ..job_ref(&done)
    };
    set_status(
        &mut w,
        CronJobStatus {
            active: vec![job_ref(&done), gone],
            last_schedule_time: Some(at(JUST_AFTER_THE_PRIOR_HOUR)),
            ..CronJobStatus::default()
        },
    );
    set_clock(&mut w, at(JUST_BEFORE_THE_HOUR));
    sync(&mut w).unwrap();
    let msgs: Vec<String> = w
        .store
        .events()
        .map(|e| format!("{} {}", e.reason, e.message))
        .collect();
    assert_eq!(
        msgs,
        vec![
        "SawCompletedJob Saw completed job: mycronjob-done, status: Complete",
        "UnexpectedJob Saw a job that the controller did not create or forgot: mycronjob-stranger",
        "MissingJob Active job went missing: mycronjob-gone",
    ]
    );
    let status = cronjob(&w).status.unwrap();
    assert!(status.active.is_empty());
    // The completed Job left `active` in this sync; lastSuccessfulTime follows on the next.
    assert_eq!(status.last_successful_time, None);
    sync(&mut w).unwrap();
    assert_eq!(
        cronjob(&w).status.unwrap().last_successful_time,
        Some(at("2016-05-19T09:05:00Z"))
    );
}

#[test]
fn history_limits_should_delete_the_oldest_finished_jobs_first() {
    // (successful limit, failed limit, jobs as (name, Complete?, start minute)) → deleted.
    type Case = (
        Option<i32>,
        Option<i32>,
        Vec<(&'static str, bool, Option<u32>)>,
        Vec<&'static str>,
    );
    let cases: Vec<Case> = vec![
        (
            Some(3),
            Some(1),
            vec![
                ("a", true, Some(5)),
                ("b", true, Some(1)),
                ("c", true, Some(3)),
                ("d", true, Some(4)),
                ("e", true, Some(2)),
            ],
            vec!["b", "e"],
        ),
        (
            Some(1),
            Some(1),
            vec![
                ("a", true, None),
                ("b", true, Some(9)),
                ("c", true, Some(1)),
            ],
            vec!["c", "b"],
        ),
        (
            Some(1),
            Some(1),
            vec![
                ("b", true, Some(1)),
                ("a", true, Some(1)),
                ("c", true, Some(7)),
            ],
            vec!["a", "b"],
        ),
        (
            Some(3),
            Some(0),
            vec![
                ("f1", false, Some(1)),
                ("f2", false, Some(2)),
                ("ok", true, Some(3)),
            ],
            vec!["f1", "f2"],
        ),
        (
            None,
            None,
            vec![
                ("a", true, Some(1)),
                ("b", false, Some(2)),
                ("c", true, Some(3)),
                ("d", false, Some(4)),
            ],
            vec![],
        ),
        (
            Some(0),
            None,
            vec![("a", true, Some(1)), ("b", false, Some(2))],
            vec!["a"],
        ),
    ];
    for (i, (ok_limit, failed_limit, list, want)) in cases.into_iter().enumerate() {
        let mut w = world();
        let mut spec = cronjob_spec(&Row {
            suspend: true,
            ..row("history")
        });
        spec.successful_jobs_history_limit = ok_limit;
        spec.failed_jobs_history_limit = failed_limit;
        let cj = create_cronjob(&mut w, spec, at(JUST_BEFORE_THE_PRIOR_HOUR));
        for (name, complete, start) in &list {
            let start = start.map(|m| at(&format!("2016-05-19T09:{m:02}:00Z")));
            let kind = if *complete { "Complete" } else { "Failed" };
            child(
                &mut w,
                &cj,
                name,
                at(JUST_AFTER_THE_PRIOR_HOUR),
                Some(finished(kind, start, at(TOP_OF_THE_HOUR))),
            );
        }
        set_clock(&mut w, at(JUST_AFTER_THE_HOUR));
        sync(&mut w).unwrap();
        let deleted: Vec<String> = w
            .store
            .events()
            .filter(|e| e.reason == "SuccessfulDelete")
            .map(|e| e.message.trim_start_matches("Deleted job ").to_string())
            .collect();
        assert_eq!(deleted, want, "case {i}");
    }
}

#[test]
fn the_largest_deadline_should_not_overflow() {
    let r = Row {
        deadline: Some(i64::MAX),
        create: true,
        active: 1,
        requeue: Some("59m0.1s"),
        ..row("a deadline of i64::MAX seconds")
    };
    let mut w = world();
    create_cronjob(&mut w, cronjob_spec(&r), at(JUST_BEFORE_THE_HOUR));
    set_clock(&mut w, at(JUST_AFTER_THE_HOUR));
    let requeue = sync(&mut w).unwrap();
    assert_eq!(
        requeue.map(podlab::sim::format_duration).as_deref(),
        r.requeue
    );
    assert_eq!(jobs(&w).len(), 1);
}
