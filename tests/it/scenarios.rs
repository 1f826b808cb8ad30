//! Runs every `tests/scenarios/*.yaml` through the same code as `podlab run` and requires
//! every `expect` block to hold; a few scenarios get extra checks on their events.

use podlab::engine::Sim;
use podlab::output;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn scenario_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/scenarios exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    podlab::sort::sort(&mut files);
    files
}

fn run(name: &str) -> Sim {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios")
        .join(format!("{name}.yaml"));
    let text = std::fs::read_to_string(&path).expect("scenario readable");
    let scenario = podlab::scenario::parse(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let mut sim = Sim::new(scenario);
    sim.run();
    sim
}

fn events(sim: &Sim) -> Vec<(String, String, String)> {
    let doc = output::snapshot(sim.world());
    doc["events"]
        .as_array()
        .expect("events array")
        .iter()
        .map(|e| {
            let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
            (
                s(&e["involvedObject"]["name"]),
                s(&e["reason"]),
                s(&e["message"]),
            )
        })
        .collect()
}

#[test]
fn every_scenario_should_meet_its_expectations() {
    let files = scenario_files();
    assert!(files.len() >= 9, "scenarios missing: {files:?}");
    let mut failures = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        let name = file
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let scenario = match podlab::scenario::parse(&text) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{name}: does not parse: {e:?}"));
                continue;
            }
        };
        assert!(!scenario.expect.is_empty(), "{name} has no expectations");
        let mut sim = Sim::new(scenario);
        sim.run();
        failures.extend(sim.failures().iter().map(|f| format!("{name}: {f}")));
        if let Some(e) = sim.error() {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_pod_that_fits_nowhere_should_get_failed_scheduling_events() {
    let sim = run("scheduling");
    let failed: Vec<_> = events(&sim)
        .into_iter()
        .filter(|(o, r, _)| o == "wants-ssd" && r == "FailedScheduling")
        .collect();
    assert_eq!(failed.len(), 2, "one per distinct message: {failed:?}");
    assert!(failed[0]
        .2
        .starts_with("0/3 nodes are available: 1 node(s) had untolerated taint"));
    let scheduled = events(&sim).into_iter().any(|(o, r, m)| {
        o == "wants-ssd"
            && r == "Scheduled"
            && m == "Successfully assigned default/wants-ssd to node-2"
    });
    assert!(scheduled);
}

/// A node runs at most its `allocatable.pods` (110): the pods beyond wait Pending with
/// NodeResourcesFit's reason, and each is placed when a pod on the node ends.
#[test]
fn a_full_node_should_turn_pods_away_until_one_ends() {
    let text = r#"name: full-node
cluster: {nodes: 1}
manifests: |
  apiVersion: batch/v1
  kind: Job
  metadata: {name: many}
  spec:
    completions: 120
    parallelism: 115
    template:
      spec:
        restartPolicy: Never
        containers: [{name: c, image: busybox, command: ["sleep", "30"]}]
until: 3m
"#;
    let mut sim = Sim::new(podlab::scenario::parse(text).expect("scenario parses"));
    sim.run_until(podlab::sim::SimTime(20_000));
    let pods = |sim: &Sim| -> (usize, usize) {
        let all: Vec<_> = sim
            .world()
            .store
            .list(podlab::model::Kind::Pod)
            .filter_map(podlab::model::Object::as_pod)
            .filter(|p| !p.is_terminal())
            .collect();
        let bound = all.iter().filter(|p| p.node_name().is_some()).count();
        (bound, all.len() - bound)
    };
    assert_eq!(pods(&sim), (110, 5), "110 bound, 5 turned away");
    let message = "0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..";
    let failed: Vec<_> = events(&sim)
        .into_iter()
        .filter(|(_, r, _)| r == "FailedScheduling")
        .collect();
    assert_eq!(failed.len(), 5, "{failed:?}");
    assert!(failed.iter().all(|(_, _, m)| m == message), "{failed:?}");
    // The first pods end at about 30 s; the ones turned away are placed within their back-off.
    sim.run();
    assert!(sim.error().is_none(), "{:?}", sim.error());
    let job = sim
        .world()
        .store
        .get(podlab::model::Kind::Job, "default", "many")
        .and_then(podlab::model::Object::as_job)
        .and_then(|j| j.status.clone())
        .expect("job status");
    assert_eq!(job.succeeded, 120);
}

#[test]
fn the_taint_manager_should_record_its_eviction() {
    let sim = run("node-not-ready");
    let evs = events(&sim);
    assert!(
        evs.contains(&(
            "app".into(),
            "TaintManagerEviction".into(),
            "Marking for deletion Pod default/app".into()
        )),
        "{evs:?}"
    );
    assert!(
        evs.contains(&(
            "app".into(),
            "Killing".into(),
            "Stopping container c".into()
        )),
        "{evs:?}"
    );
}

#[test]
fn a_crash_looping_container_should_report_back_off_events() {
    let sim = run("crash-backoff");
    let backoffs = events(&sim)
        .into_iter()
        .filter(|(_, r, _)| r == "BackOff")
        .count();
    assert_eq!(
        backoffs, 1,
        "identical events are folded into one with a count"
    );
    let doc = output::snapshot(sim.world());
    let ev = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["reason"] == "BackOff")
        .unwrap();
    // One BackOff per pod-worker sync: at each exit and every 10 s while waiting. Waits of
    // 10, 20, 40, 80, 160, 300 and 300 s give 1+2+4+8+16+30+30 = 91; the last wait (from 911 s)
    // has reached 960 s after 5 syncs (911, 921, 931, 941, 951 s).
    assert_eq!(ev["count"], 96);
    assert_eq!(ev["lastTimestamp"], "2026-01-01T00:15:51Z");
    assert_eq!(ev["type"], "Warning");
}

#[test]
fn the_bare_pod_table_should_read_like_kubectl() {
    let sim = run("bare-pods");
    let table = output::tables(sim.world());
    let mut lines = table.lines();
    assert_eq!(
        lines.next(),
        Some("NAME          STATUS   ROLES    AGE   VERSION")
    );
    assert_eq!(
        lines.next(),
        Some("node/node-1   Ready    <none>   2m    v1.31.0")
    );
    assert!(
        table.contains("pod/crasher     0/1     CrashLoopBackOff   4 (33s ago)   2m"),
        "{table}"
    );
    assert!(table.contains("LAST SEEN   TYPE      REASON"), "{table}");
}

#[test]
fn a_changed_job_template_should_be_refused_as_immutable() {
    let sim = run("job-scale");
    let rejected: Vec<String> = sim
        .trace()
        .iter()
        .filter_map(|e| match &e.change {
            podlab::sim::Change::Rejected { message, .. } => Some(message.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert!(
        rejected[0]
            .starts_with("Job.batch \"scalable\" is invalid: spec.template: Invalid value: {"),
        "{}",
        rejected[0]
    );
    assert!(
        rejected[0].ends_with(": field is immutable"),
        "{}",
        rejected[0]
    );
}

#[test]
fn job_pods_should_be_named_and_announced_like_the_real_controller() {
    let sim = run("job-pi");
    let alphabet = "bcdfghjklmnpqrstvwxz2456789";
    let pods: Vec<String> = sim
        .world()
        .store
        .list(podlab::model::Kind::Pod)
        .map(|o| o.meta().name.clone())
        .collect();
    assert_eq!(pods.len(), 1);
    let suffix = pods[0].strip_prefix("pi-").expect("generateName pi-");
    assert!(
        suffix.len() == 5 && suffix.chars().all(|c| alphabet.contains(c)),
        "{}",
        pods[0]
    );
    let evs = events(&sim);
    assert!(
        evs.contains(&(
            "pi".into(),
            "SuccessfulCreate".into(),
            format!("Created pod: {}", pods[0])
        )),
        "{evs:?}"
    );
    assert!(
        evs.contains(&("pi".into(), "Completed".into(), "Job completed".into())),
        "{evs:?}"
    );
    let sim = run("job-indexed");
    let names: Vec<String> = sim
        .world()
        .store
        .list(podlab::model::Kind::Pod)
        .map(|o| o.meta().name.clone())
        .collect();
    for i in 0..5 {
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(&format!("idx-{i}-"))
                    && n.len() == format!("idx-{i}-").len() + 5),
            "{names:?}"
        );
    }
}

#[test]
fn the_failed_job_should_announce_its_reason_as_a_warning() {
    let sim = run("job-backoff-never");
    let evs = events(&sim);
    assert!(
        evs.contains(&(
            "flaky".into(),
            "BackoffLimitExceeded".into(),
            "Job has reached the specified backoff limit".into()
        )),
        "{evs:?}"
    );
    let table = output::tables(sim.world());
    assert!(table.contains("job.batch/flaky   Failed   0/1"), "{table}");
}

fn cronjob_events(sim: &Sim, cronjob: &str) -> Vec<(String, String)> {
    events(sim)
        .into_iter()
        .filter(|(name, _, _)| name == cronjob)
        .map(|(_, reason, message)| (reason, message))
        .collect()
}

#[test]
fn the_policies_should_leave_their_own_events() {
    let sim = run("cronjob-concurrency");
    let forbid = cronjob_events(&sim, "forbid");
    assert!(
        forbid.contains(&(
            "JobAlreadyActive".into(),
            "Not starting job because prior execution is running and concurrency policy is Forbid"
                .into()
        )),
        "{forbid:?}"
    );
    let replace = cronjob_events(&sim, "replace");
    let deleted: Vec<&str> = replace
        .iter()
        .filter(|(r, _)| r == "SuccessfulDelete")
        .map(|(_, m)| m.as_str())
        .collect();
    assert_eq!(
        deleted,
        [
            "Deleted job replace-29453761",
            "Deleted job replace-29453762",
            "Deleted job replace-29453763",
            "Deleted job replace-29453764",
            "Deleted job replace-29453765"
        ]
    );
    let allow = cronjob_events(&sim, "allow");
    assert!(allow
        .iter()
        .all(|(r, _)| r != "JobAlreadyActive" && r != "SuccessfulDelete"));
    // The folded JobAlreadyActive event counts each tick that found a Job still running
    // (00:02 to 00:06), including 00:03 and 00:06, which then started late.
    let doc = output::snapshot(sim.world());
    let count = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["reason"] == "JobAlreadyActive")
        .map(|e| e["count"].as_i64().unwrap_or(0));
    assert_eq!(count, Some(5));
    let table = output::tables(sim.world());
    assert!(
        table.contains("cronjob.batch/allow     * * * * *   <none>     False     3        30s             6m30s"),
        "{table}"
    );
}

#[test]
fn a_deadline_should_skip_old_times_silently() {
    let sim = run("cronjob-deadline");
    let reasons: Vec<String> = events(&sim).into_iter().map(|(_, r, _)| r).collect();
    // The missed times are older than now − startingDeadlineSeconds, so they are never
    // considered: no MissSchedule, no TooManyMissedTimes.
    assert!(
        !reasons
            .iter()
            .any(|r| r == "MissSchedule" || r == "TooManyMissedTimes"),
        "{reasons:?}"
    );
    let timezone = run("cronjob-timezone");
    let doc = output::snapshot(timezone.world());
    let jobs: Vec<&str> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "Job")
        .map(|i| {
            i["metadata"]["annotations"]["batch.kubernetes.io/cronjob-scheduled-timestamp"]
                .as_str()
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        jobs,
        ["2026-01-01T09:00:00+08:00", "2026-01-02T09:00:00+08:00"]
    );
}

/// kube-apiserver's `--event-ttl`: an Event is gone an hour after its last update (swept once
/// a simulated minute), and an Event that keeps being updated (a crash loop's back-off) stays.
#[test]
fn events_should_expire_an_hour_after_their_last_update() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/bare-pods.yaml");
    let text = std::fs::read_to_string(path)
        .expect("bare-pods")
        .replace("until: 2m", "until: 3h");
    let mut sim = Sim::headless(podlab::scenario::parse(&text).expect("parses"));
    const TTL: i64 = 3_600_000;
    let mut crasher_kept = false;
    for minute in 1..=180u64 {
        sim.run_until(podlab::sim::SimTime(minute * 60_000));
        let w = sim.world();
        let now = w.wall_now().0;
        for e in w.store.events() {
            let last = e
                .last_timestamp
                .expect("recorded events have a last time")
                .0;
            assert!(
                now - last < TTL + 60_000,
                "minute {minute}: {} {} updated {} ms ago is still stored",
                e.involved_object.name,
                e.reason,
                now - last
            );
        }
        let of = |pod: &str| {
            w.store
                .events()
                .filter(|e| e.involved_object.name == pod)
                .count()
        };
        if minute == 59 {
            assert!(of("sleeper") >= 4, "the sleeper's events live an hour");
        }
        if minute == 180 {
            assert_eq!(
                of("sleeper"),
                0,
                "the sleeper's events are gone after an hour"
            );
            crasher_kept = w.store.events().any(|e| {
                e.involved_object.name == "crasher"
                    && e.reason == "BackOff"
                    && now - e.first_timestamp.expect("first").0 > TTL
            });
        }
    }
    assert!(
        crasher_kept,
        "the crash loop's BackOff Event, updated all along, is kept"
    );
}

/// Pods of one template share their admitted spec, and the scheduler keeps its filters'
/// verdicts per node for the pods of one spec within a cycle: pods of two templates created
/// in the same moment (one scheduling cycle) must each be filtered by their own nodeSelector.
#[test]
fn pods_of_two_templates_in_one_cycle_should_each_meet_their_own_node_selector() {
    let text = r#"
name: two-selectors
cluster:
  nodes:
  - {name: node-1, labels: {disk: ssd}}
  - {name: node-2, labels: {disk: hdd}}
  - {name: node-3, labels: {disk: ssd}}
  - {name: node-4, labels: {disk: hdd}}
manifests: |
  apiVersion: batch/v1
  kind: Job
  metadata: {name: fast}
  spec:
    completions: 6
    parallelism: 6
    template:
      spec:
        nodeSelector: {disk: ssd}
        restartPolicy: Never
        containers: [{name: c, image: busybox, command: ["sleep", "5"]}]
  ---
  apiVersion: batch/v1
  kind: Job
  metadata: {name: slow}
  spec:
    completions: 6
    parallelism: 6
    template:
      spec:
        nodeSelector: {disk: hdd}
        restartPolicy: Never
        containers: [{name: c, image: busybox, command: ["sleep", "5"]}]
until: 2s
"#;
    let mut sim = Sim::headless(podlab::scenario::parse(text).expect("parses"));
    sim.run();
    let placed: Vec<(String, String)> = sim
        .world()
        .store
        .list(podlab::model::Kind::Pod)
        .filter_map(|o| {
            let pod = o.as_pod()?;
            Some((pod.metadata.name.clone(), pod.node_name()?.to_string()))
        })
        .collect();
    assert_eq!(placed.len(), 12, "every pod is bound: {placed:?}");
    for (pod, node) in &placed {
        let ssd = node == "node-1" || node == "node-3";
        assert_eq!(
            pod.starts_with("fast-"),
            ssd,
            "{pod} was bound to {node}: {placed:?}"
        );
    }
}

/// client-go folds repeats by a key that includes the field path (`getEventKey`), and the
/// kubelet's field path names an init container (a sidecar too) under `spec.initContainers`:
/// the same image pulled for two containers of one pod is two Events, one per container.
#[test]
fn the_same_message_for_two_containers_should_be_two_events() {
    let sim = run("job-sidecar");
    let mut pulling: Vec<(String, i32)> = sim
        .world()
        .store
        .events()
        .filter(|e| e.reason == "Pulling")
        .map(|e| {
            (
                e.involved_object.field_path.clone().unwrap_or_default(),
                e.count,
            )
        })
        .collect();
    podlab::sort::sort(&mut pulling);
    assert_eq!(
        pulling,
        [
            ("spec.containers{myjob}".to_string(), 1),
            ("spec.initContainers{logshipper}".to_string(), 1)
        ],
    );
}
