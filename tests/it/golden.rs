//! The golden JSON of the bare-pods scenario, of the CronJob comparison and time-zone
//! scenarios and of the DaemonSet rolling update (its node order drawn from the seed): native output must equal them byte for byte, and `tests/web.rs` checks the same
//! bytes in wasm. `UPDATE_EXPECT=1 cargo test` rewrites them (expect-test).

use expect_test::expect_file;
use podlab::engine::Sim;
use podlab::output;

use crate::support::digests;

fn check(name: &str, text: &str) {
    let mut sim = Sim::new(podlab::scenario::parse(text).expect("valid"));
    sim.run();
    let json = output::to_json(&output::snapshot(sim.world()));
    // `podlab run -o json` streams the same bytes object by object.
    let mut streamed = String::new();
    output::snapshot_json_chunks(sim.world(), &mut |c| streamed.push_str(c));
    assert_eq!(streamed, json, "{name}");
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    expect_file![path].assert_eq(&json);
}

/// The streamed document equals the whole one for every built-in scenario, empty lists and
/// Go's escapes included.
#[test]
fn streamed_json_should_equal_the_whole_document() {
    for b in podlab::builtin::BUILTINS {
        let mut sim = Sim::headless(podlab::scenario::parse(b.text).expect("valid"));
        sim.run();
        let mut streamed = String::new();
        output::snapshot_json_chunks(sim.world(), &mut |c| streamed.push_str(c));
        let whole = output::to_json(&output::snapshot(sim.world()));
        assert_eq!(streamed, whole, "{}", b.id);
    }
    let empty = podlab::world::World::new(1, podlab::model::Time(0), Default::default());
    let mut streamed = String::new();
    output::snapshot_json_chunks(&empty, &mut |c| streamed.push_str(c));
    assert_eq!(streamed, output::to_json(&output::snapshot(&empty)));
}

/// A headless run (no trace: its changes are counted, never described) ends in the same
/// objects, Events and resourceVersions as a recorded one, for every built-in scenario.
#[test]
fn a_headless_run_should_end_as_a_recorded_one() {
    for b in podlab::builtin::BUILTINS {
        let scenario = podlab::scenario::parse(b.text).expect("valid");
        let mut headless = Sim::headless(scenario.clone());
        headless.run();
        let mut recorded = Sim::new(scenario);
        recorded.run();
        assert_eq!(
            output::to_json(&output::snapshot(headless.world())),
            output::to_json(&output::snapshot(recorded.world())),
            "{}",
            b.id
        );
    }
}

#[test]
fn bare_pods_json_should_equal_the_golden_file() {
    check("bare-pods", include_str!("../scenarios/bare-pods.yaml"));
}

#[test]
fn cronjob_json_should_equal_the_golden_files() {
    check(
        "cronjob-concurrency",
        include_str!("../scenarios/cronjob-concurrency.yaml"),
    );
    check(
        "cronjob-timezone",
        include_str!("../scenarios/cronjob-timezone.yaml"),
    );
}

#[test]
fn daemonset_json_should_equal_the_golden_file() {
    check(
        "daemonset-rolling",
        include_str!("../scenarios/daemonset-rolling.yaml"),
    );
}

/// Every built-in scenario and every lesson step: the same bytes in two runs, and the digests
/// in `tests/fixtures/digests.txt` (which `tests/web.rs` checks in headless Chromium too).
#[test]
fn every_scenario_and_lesson_step_should_match_the_recorded_digests() {
    let lines = digests::lines();
    assert_eq!(lines, digests::lines(), "two runs differ");
    let builtins = podlab::builtin::BUILTINS.len();
    assert!(
        lines.lines().count() > builtins + 50,
        "every scenario and lesson step"
    );
    expect_file!["../fixtures/digests.txt"].assert_eq(&lines);
}
