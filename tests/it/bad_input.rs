//! Hostile and broken input: each gives exit status 2 and a clear, located message quickly,
//! never a panic.
#![allow(clippy::disallowed_methods)] // Instant::now bounds the time of a refusal, not a benchmark.

use std::ffi::OsString;
use std::time::{Duration, Instant};

fn run_file(name: &str, contents: &[u8], command: &str) -> (i32, String, Duration) {
    let dir = std::env::temp_dir().join(format!("podlab-bad-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.yaml"));
    std::fs::write(&path, contents).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let start = Instant::now();
    let args = vec![OsString::from(command), path.clone().into_os_string()];
    let code = podlab::cli::main_with(args, &mut out, &mut err);
    let took = start.elapsed();
    std::fs::remove_dir_all(&dir).ok();
    (code, String::from_utf8_lossy(&err).to_string(), took)
}

fn assert_refused(name: &str, contents: &[u8], wanted: &[&str]) {
    for command in ["run", "validate"] {
        let (code, err, took) = run_file(name, contents, command);
        assert_eq!(code, 2, "{name} ({command}): {err}");
        for w in wanted {
            assert!(err.contains(w), "{name} ({command}): {err:?} lacks {w:?}");
        }
        assert!(
            took < Duration::from_secs(1),
            "{name} ({command}) took {took:?}"
        );
    }
}

#[test]
fn a_yaml_syntax_error_should_name_line_and_column() {
    assert_refused(
        "syntax",
        b"name: x\nuntil: 1m\nmanifests: |\n  kind: Pod\ncluster: {nodes: [1, 2\n",
        &[".yaml:5:"],
    );
}

#[test]
fn an_unknown_field_should_be_named_with_a_suggestion() {
    let text = "name: x\nuntil: 1m\ncluster: {nodes: 1}\nmanifests: |\n  apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec:\n    restartPolicyy: Never\n    containers: [{name: c, image: busybox}]\n";
    assert_refused(
        "unknown",
        text.as_bytes(),
        &[
            ".yaml:9:5: ",
            "unknown field \"spec.restartPolicyy\"",
            "did you mean \"restartPolicy\"",
        ],
    );
}

#[test]
fn api_validation_errors_should_use_the_api_servers_wording() {
    let text = "name: x\nuntil: 1m\nmanifests: |\n  apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec:\n    restartPolicy: Sometimes\n    containers: [{name: c, image: busybox}]\n";
    assert_refused("invalid", text.as_bytes(), &[".yaml:8:20: The Pod \"p\" is invalid: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\""]);
}

#[test]
fn an_alias_bomb_should_be_refused() {
    let mut text = String::from("name: x\nuntil: 1m\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    assert_refused("bomb", text.as_bytes(), &[".yaml"]);
}

#[test]
fn a_ten_megabyte_file_should_be_refused_before_parsing() {
    let mut text = String::from("name: x\nuntil: 1m\nmanifests: |\n");
    while text.len() < 10 * 1024 * 1024 {
        text.push_str("  # padding padding padding padding padding padding padding padding\n");
    }
    assert_refused(
        "huge",
        text.as_bytes(),
        &["larger than the 1048576 bytes podlab accepts"],
    );
}

#[test]
fn deep_nesting_should_be_refused() {
    let text = format!(
        "name: x\nuntil: 1m\ndeep: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert_refused("deep-flow", text.as_bytes(), &[".yaml:3:"]);
    let mut block = String::from("name: x\nuntil: 1m\ndeep:\n");
    for i in 1..10_000 {
        block.push_str(&" ".repeat(i));
        block.push_str("k:\n");
    }
    assert_refused("deep-block", block.as_bytes(), &[".yaml:"]);
}

#[test]
fn non_utf8_input_should_be_refused() {
    assert_refused(
        "binary",
        b"name: x\nuntil: 1m\n\xff\xfe\n",
        &["not valid UTF-8"],
    );
}

#[test]
fn a_missing_file_should_be_refused() {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = podlab::cli::main_with(
        vec!["run".into(), "/nonexistent/x.yaml".into()],
        &mut out,
        &mut err,
    );
    assert_eq!(code, 2);
}

#[test]
fn a_failed_expectation_should_exit_one_and_say_what_differed() {
    let text = "name: x\nuntil: 1m\ncluster: {nodes: 1}\nmanifests: |\n  apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec:\n    containers: [{name: c, image: busybox, command: [sleep, '5']}]\nexpect:\n  - {object: pod/p, fields: {status.phase: Succeeded}}\n";
    let (code, err, _) = run_file("expect", text.as_bytes(), "run");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "FAIL expect[0] at 1m0s: pod/p p status.phase: expected \"Succeeded\", got \"Running\""
        ),
        "{err}"
    );
}

/// A valid scenario far beyond the engine's budgets: `validate` accepts it, `run` refuses it
/// at once (exit 2) with what to change.
fn assert_run_refused(name: &str, contents: &str, wanted: &[&str]) {
    let (code, err, _) = run_file(name, contents.as_bytes(), "validate");
    assert_eq!(code, 0, "{name} is valid: {err}");
    let (code, err, took) = run_file(name, contents.as_bytes(), "run");
    assert_eq!(code, 2, "{name}: {err}");
    for w in wanted {
        assert!(err.contains(w), "{name}: {err:?} lacks {w:?}");
    }
    assert!(took < Duration::from_secs(2), "{name} took {took:?}");
}

const JOB: &str = "name: x\ncluster: {nodes: 3}\nmanifests: |\n  apiVersion: batch/v1\n  kind: Job\n  metadata: {name: huge}\n  spec:\n    completions: 2147483647\n    parallelism: 2147483647\n    template:\n      spec:\n        restartPolicy: Never\n        containers: [{name: c, image: busybox}]\nuntil: 10m\n";

#[test]
fn a_job_of_2147483647_completions_should_be_refused_at_once() {
    assert_run_refused(
        "completions",
        JOB,
        &[
            "Job \"huge\" would make about 2147483647 pods in this run",
            "150000 headless",
            "lower completions or parallelism",
        ],
    );
}

#[test]
fn a_per_minute_cronjob_for_ten_years_should_be_refused_at_once() {
    let text = "name: x\nmanifests: |\n  apiVersion: batch/v1\n  kind: CronJob\n  metadata: {name: tick}\n  spec:\n    schedule: \"* * * * *\"\n    jobTemplate:\n      spec:\n        template:\n          spec:\n            restartPolicy: Never\n            containers: [{name: c, image: busybox}]\nuntil: 87600h\n";
    assert_run_refused(
        "cron-ten-years",
        text,
        &[
            "CronJob \"tick\" would make about 5256000 Jobs in this run",
            "shorten `until`",
        ],
    );
}

#[test]
fn a_hundred_thousand_objects_should_be_refused_before_parsing() {
    let mut text = String::from("name: x\nuntil: 1m\nmanifests: |\n");
    for i in 0..100_000 {
        text.push_str(&format!(
            "  ---\n  {{apiVersion: v1, kind: Pod, metadata: {{name: p{i}}}, spec: {{containers: [{{name: c, image: i}}]}}}}\n"
        ));
    }
    assert_refused(
        "objects",
        text.as_bytes(),
        &["larger than the 1048576 bytes podlab accepts"],
    );
}
