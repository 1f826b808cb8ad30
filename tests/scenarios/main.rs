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
    files.sort();
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
