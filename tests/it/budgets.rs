//! The engine's budgets: each bound is reached with small limits (the same code paths as the
//! defaults, quickly) and the run stops, refuses or drops as documented, never panicking and
//! never growing past the bound. The defaults are checked on the hostile scenarios themselves.

use podlab::engine::{EngineError, Limits, Sim, TooLarge};
use podlab::model::Kind;
use podlab::scenario::{self, Action};
use podlab::sim::SimTime;

const HUGE_JOB: &str = r#"name: huge-job
cluster:
  nodes: 3
manifests: |
  apiVersion: batch/v1
  kind: Job
  metadata: {name: huge}
  spec:
    completions: 2147483647
    parallelism: 2147483647
    template:
      spec:
        restartPolicy: Never
        containers:
        - {name: c, image: busybox, command: ["sleep", "5"]}
until: 20s
"#;

/// The CronJob benchmark's per-minute CronJob, run for ten years.
fn cron_ten_years() -> String {
    include_str!("../../benches/cronjob_year.yaml").replace("until: 8760h", "until: 87600h")
}

fn job(completions: u32, parallelism: u32) -> String {
    HUGE_JOB
        .replace(
            "2147483647\n    parallelism",
            &format!("{completions}\n    parallelism"),
        )
        .replace(
            "parallelism: 2147483647",
            &format!("parallelism: {parallelism}"),
        )
}

fn small(limits: impl FnOnce(&mut Limits)) -> Limits {
    let mut l = Limits::default();
    limits(&mut l);
    l
}

fn too_large(sim: &Sim) -> &TooLarge {
    match sim.error() {
        Some(EngineError::TooLarge(t)) => t,
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn a_job_of_2147483647_completions_should_be_refused_before_it_runs() {
    for record in [true, false] {
        let s = scenario::parse(HUGE_JOB).unwrap();
        let mut sim = Sim::limited(s, Limits::default(), record);
        let t = too_large(&sim).clone();
        assert_eq!(
            (t.workload.as_str(), t.count, t.what),
            ("Job \"huge\"", 2147483647, "pods")
        );
        sim.run();
        assert_eq!(sim.events(), 0, "a refused run does no work");
        assert_eq!(sim.world().store.list(Kind::Pod).count(), 0);
        let message = sim.error().unwrap().to_string();
        assert!(
            message.contains("lower completions or parallelism"),
            "{message}"
        );
    }
}

#[test]
fn ten_years_of_a_per_minute_cronjob_should_be_refused_before_it_runs() {
    let s = scenario::parse(&cron_ten_years()).unwrap();
    let sim = Sim::headless(s.clone());
    let t = too_large(&sim);
    // 87,600 h of minutes; the estimate extrapolates from the first 10,000 schedule times.
    assert_eq!(t.count, 5_256_000);
    assert_eq!((t.what, t.most_headless), ("Jobs", 2_000_000));
    // Recorded, the replay budget is the tighter one; two months are already too much.
    let months = scenario::parse(&cron_ten_years().replace("87600h", "1440h")).unwrap();
    assert!(Sim::headless(months.clone()).error().is_none());
    let recorded = Sim::new(months);
    assert_eq!(too_large(&recorded).count, 86_400);
    // A suspended CronJob starts nothing.
    let suspended = cron_ten_years().replace("    schedule:", "    suspend: true\n    schedule:");
    assert!(Sim::new(scenario::parse(&suspended).unwrap())
        .error()
        .is_none());
}

#[test]
fn a_learner_applying_a_huge_job_should_get_a_refused_fork_not_a_frozen_tab() {
    let mut sim = Sim::new(scenario::parse(&job(4, 2)).unwrap());
    sim.run();
    let manifests = scenario::parse(&job(2147483647, 1000)).unwrap().manifests;
    let mut fork = sim.fork(SimTime(5_000), Action::Apply(manifests));
    assert!(matches!(fork.error(), Some(EngineError::TooLarge(_))));
    fork.run();
    // The past up to the fork is kept and can be shown.
    assert_eq!(fork.seek(SimTime(4_000)).store.list(Kind::Pod).count(), 2);
    // No later moment shows the refused change: replay stops where the run stopped.
    let pods = |w: &podlab::world::World| w.store.list(Kind::Pod).count();
    let end = fork.scenario().until;
    assert_eq!(pods(&fork.seek(end)), pods(&sim.seek(SimTime(5_000))));
    assert_eq!(fork.seek(end).now, end);
}

#[test]
fn a_full_store_should_refuse_creates_in_etcds_words() {
    let s = scenario::parse(&job(100, 100)).unwrap();
    let mut sim = Sim::limited(s, small(|l| l.objects = 31), true);
    sim.run();
    assert!(sim.error().is_none(), "{:?}", sim.error());
    let w = sim.world();
    // 4 namespaces, 3 nodes and their 3 Leases, 1 Job, 20 pods: the store is full.
    assert_eq!(w.store.list(Kind::Pod).count(), 20);
    let failed: Vec<_> = w
        .store
        .events()
        .filter(|e| e.reason == "FailedCreate")
        .collect();
    assert!(!failed.is_empty());
    assert_eq!(
        failed[0].message,
        "Error creating: etcdserver: mvcc: database space exceeded"
    );
    // The Job keeps its pods' results and waits, as a real controller does against a full etcd.
    let job = w
        .store
        .get(Kind::Job, "default", "huge")
        .and_then(|o| o.as_job())
        .unwrap();
    assert_eq!(job.status.as_ref().map(|s| s.succeeded), Some(20));
}

#[test]
fn a_full_store_should_drop_new_events() {
    let s = scenario::parse(&job(10, 10)).unwrap();
    let mut sim = Sim::limited(s, small(|l| l.stored_events = 7), true);
    sim.run();
    assert_eq!(sim.world().store.events().count(), 7);
    // The trace still shows every Event the components recorded.
    let traced = sim
        .trace()
        .iter()
        .filter(|e| matches!(e.change, podlab::sim::Change::Event { .. }))
        .count();
    assert!(traced > 7, "{traced}");
}

#[test]
fn a_recorded_run_should_stop_when_its_history_outgrows_the_budget() {
    let cron_day = cron_ten_years().replace("87600h", "24h");
    let s = scenario::parse(&cron_day).unwrap();
    let mut sim = Sim::limited(s.clone(), small(|l| l.record = 30_000), true);
    sim.run();
    let Some(EngineError::TooLargeToRecord { at, bound }) = sim.error().cloned() else {
        panic!("{:?}", sim.error());
    };
    assert_eq!(bound, 30_000);
    assert!(at < SimTime(24 * 3_600_000), "{at}");
    // It overshoots by at most the last step: one checkpoint of the whole store (an object
    // weighs 4, an Event 1) and that step's few trace lines.
    let last_step = 4 * sim.world().store.len() + 50;
    assert!(
        sim.recorded_size() <= 30_000 + last_step,
        "{} > 30000 + {last_step}",
        sim.recorded_size()
    );
    assert_eq!(sim.world().now, at, "the clock stays where the run stopped");
    // What was recorded can still be replayed, and matches the run.
    let mid = SimTime(at.0 / 2);
    let mut again = Sim::new(s);
    again.run_until(mid);
    assert_eq!(
        podlab::output::to_json(&podlab::output::snapshot(&sim.seek(mid))),
        podlab::output::to_json(&podlab::output::snapshot(again.world()))
    );
}

#[test]
fn a_run_should_stop_at_its_event_budget() {
    let s = scenario::parse(&job(50, 5)).unwrap();
    for record in [true, false] {
        let mut sim = Sim::limited(
            s.clone(),
            small(|l| {
                l.events = 20;
                l.events_headless = 20;
            }),
            record,
        );
        sim.run();
        assert!(
            matches!(
                sim.error(),
                Some(EngineError::TooManyEvents { bound: 20, .. })
            ),
            "{:?}",
            sim.error()
        );
        assert_eq!(sim.events(), 21);
    }
}

#[test]
fn a_checkpoint_should_weigh_what_changed_not_the_whole_store() {
    // 1,000 pods and their Events, a checkpoint every 256 events: counting the whole store at
    // each checkpoint would make about 17 × 10,400; counting the writes since the
    // previous checkpoint (what a persistent map does not share) makes far fewer.
    let text = include_str!("../scenarios/stress-1000-pods.yaml");
    let mut sim = Sim::new(scenario::parse(text).unwrap());
    sim.run();
    assert!(sim.error().is_none());
    let store = &sim.world().store;
    // Objects weigh four Events (see `checkpoint_weight`).
    let whole_store = (sim.events() / 256 + 1) * (store.len() + 3 * store.objects_len());
    assert!(
        sim.recorded_size() < sim.trace().len() + whole_store / 2,
        "recorded {} for {} trace lines and {} events",
        sim.recorded_size(),
        sim.trace().len(),
        sim.events()
    );
}
