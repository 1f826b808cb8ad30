//! Playback benchmark: what one animation frame of the app costs natively on the 1,000-pod
//! stress scenario — the whole run, then seeking and building frames tick by tick — and a
//! seek to 200 random moments of a busy one-hour trace (a 1,000-pod Job, a per-minute CronJob
//! and a DaemonSet on 100 nodes). Run with `cargo bench --bench playback`; prints one JSON
//! object.

// A benchmark measures wall time; the simulation it measures never reads it.
#![allow(clippy::disallowed_methods)]

use podlab::engine::{Cursor, Sim};
use podlab::frame::{frame_of, Player, Views};
use podlab::sim::SimTime;
use std::time::Instant;

#[path = "support/job_run.rs"]
#[allow(dead_code)]
mod job_run;
#[path = "support/rss.rs"]
mod rss;

fn main() {
    let text = include_str!("../tests/scenarios/stress-1000-pods.yaml");
    let scenario = podlab::scenario::parse(text).expect("stress scenario parses");
    let t0 = Instant::now();
    let mut sim = Sim::new(scenario);
    sim.run();
    let run_ms = t0.elapsed().as_secs_f64() * 1e3;
    // Playing at 4x on a 60 Hz display: 67 virtual ms per frame, over the first 90 s.
    let ticks: Vec<SimTime> = (0..1350).map(|i| SimTime(i * 67)).collect();
    let (mut seek_ms, mut cursor_ms, mut frame_ms) = (Vec::new(), Vec::new(), Vec::new());
    let mut cursor = Cursor::default();
    for t in &ticks {
        let s = Instant::now();
        std::hint::black_box(sim.seek(*t));
        seek_ms.push(s.elapsed().as_secs_f64() * 1e3);
        let s = Instant::now();
        let world = sim.seek_cursor(&mut cursor, *t);
        cursor_ms.push(s.elapsed().as_secs_f64() * 1e3);
        let s = Instant::now();
        let f = frame_of(world, &sim, 12, &mut Views::default());
        std::hint::black_box(f);
        frame_ms.push(s.elapsed().as_secs_f64() * 1e3);
    }
    // What the app does per animation frame: cursor plus frame reuse.
    let mut player = Player::default();
    let mut app_ms = Vec::new();
    for t in &ticks {
        let s = Instant::now();
        std::hint::black_box(player.frame_at(&sim, *t, 12));
        app_ms.push(s.elapsed().as_secs_f64() * 1e3);
    }
    let stat = |xs: &mut Vec<f64>| {
        xs.sort_by(f64::total_cmp);
        let q = |p: f64| xs[((xs.len() - 1) as f64 * p) as usize];
        format!(
            "{{\"median\": {:.3}, \"p95\": {:.3}, \"max\": {:.3}}}",
            q(0.5),
            q(0.95),
            q(1.0)
        )
    };
    let (hour_run_ms, hour_events, mut hour_seek_ms, mut hour_fork_ms, hour_lines) =
        seek_in_an_hour();
    let (filled_pods, filled_kib) = fill_the_replay_budget();
    println!(
        "{{\"scenario\": \"stress-1000-pods\", \"most_recorded_pods\": {}, \"budget_filled\": {{\"pods\": {filled_pods}, \"rss_kib\": {filled_kib}}}, \"run_ms\": {run_ms:.1}, \"seek_ms\": {}, \"cursor_ms\": {}, \"frame_ms\": {}, \"app_frame_ms\": {}, \"hour\": {{\"run_ms\": {hour_run_ms:.0}, \"engine_events\": {hour_events}, \"random_seek_ms\": {}, \"trace_lines\": {hour_lines}, \"fork_ms\": {}}}}}",
        podlab::engine::most_recorded_pods(&podlab::engine::Limits::default()),
        stat(&mut seek_ms),
        stat(&mut cursor_ms),
        stat(&mut frame_ms),
        stat(&mut app_ms),
        stat(&mut hour_seek_ms),
        stat(&mut hour_fork_ms)
    );
}

/// The Job benchmark's Job (parallelism 1,000 on 1,000 nodes) with more completions than a run
/// with history may keep, run as the app runs it until the replay budget stops it: the pods it
/// made by then and the memory it took (a recorded run's cost per pod depends on its shape;
/// [`podlab::engine::most_recorded_pods`] is the bound below which a Job is not refused).
fn fill_the_replay_budget() -> (usize, u64) {
    let before = rss::rss_kib();
    let limits = podlab::engine::Limits::default();
    let completions = podlab::engine::most_recorded_pods(&limits) as u32;
    let mut sim = Sim::limited(job_run::scenario(completions), limits, true);
    sim.run();
    assert!(
        matches!(
            sim.error(),
            Some(podlab::engine::EngineError::TooLargeToRecord { .. })
        ),
        "the Job fills the replay budget: {:?}",
        sim.error()
    );
    let pods = sim.world().store.list(podlab::model::Kind::Pod).count();
    (pods, rss::rss_kib().saturating_sub(before))
}

const HOUR: &str = r#"name: busy-hour
cluster:
  nodes: 100
manifests: |
  apiVersion: batch/v1
  kind: Job
  metadata: {name: batch}
  spec:
    completions: 1000
    parallelism: 50
    template:
      spec:
        restartPolicy: Never
        containers: [{name: work, image: busybox, command: ["sleep", "30"]}]
  ---
  apiVersion: batch/v1
  kind: CronJob
  metadata: {name: tick}
  spec:
    schedule: "* * * * *"
    jobTemplate:
      spec:
        template:
          spec:
            restartPolicy: Never
            containers: [{name: tick, image: busybox, command: ["sleep", "20"]}]
  ---
  apiVersion: apps/v1
  kind: DaemonSet
  metadata: {name: agent}
  spec:
    selector: {matchLabels: {app: agent}}
    template:
      metadata: {labels: {app: agent}}
      spec:
        containers: [{name: agent, image: agent, command: ["sleep", "infinity"]}]
until: 1h
"#;

/// A recorded one-hour run, then `seek` to 200 moments picked by a fixed xorshift sequence, and
/// a fork at 20 moments (its trace lines are returned too).
fn seek_in_an_hour() -> (f64, usize, Vec<f64>, Vec<f64>, usize) {
    let scenario = podlab::scenario::parse(HOUR).expect("the hour scenario parses");
    let t0 = Instant::now();
    let mut sim = Sim::new(scenario);
    sim.run();
    assert!(sim.error().is_none(), "{:?}", sim.error());
    let run_ms = t0.elapsed().as_secs_f64() * 1e3;
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut seeks = Vec::new();
    for _ in 0..200 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let t = SimTime(x % 3_600_000);
        let s = Instant::now();
        std::hint::black_box(sim.seek(t));
        seeks.push(s.elapsed().as_secs_f64() * 1e3);
    }
    // A learner's change forks the run (before its future is computed again): 20 moments.
    let mut forks = Vec::new();
    for i in 1..=20u64 {
        let t = SimTime(3_600_000 * i / 20);
        let note = podlab::scenario::Localized {
            en: "a change".into(),
            zh: "一处修改".into(),
        };
        let s = Instant::now();
        std::hint::black_box(sim.fork(t, podlab::scenario::Action::Note(note)));
        forks.push(s.elapsed().as_secs_f64() * 1e3);
    }
    (run_ms, sim.events(), seeks, forks, sim.trace().len())
}
