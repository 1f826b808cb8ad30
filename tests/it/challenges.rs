//! Every challenge with a correct solution (it passes) and wrong ones (each fails, and the
//! verdict says why in what happened in the run); the five the course specifies are held to
//! their exact rules.

use podlab::challenge::{self, CheckError, CHALLENGES};

fn verdict(id: &str, attempt: &str) -> podlab::challenge::Judgement {
    let c = challenge::find(id).unwrap_or_else(|| panic!("no challenge {id}"));
    c.check(attempt)
        .unwrap_or_else(|e| panic!("{id}: {e}"))
        .judgement
}

fn passes(id: &str, attempt: &str) {
    let v = verdict(id, attempt);
    assert!(v.passed, "{id} should pass: {:#?}", v.findings);
    assert!(!v.findings.is_empty());
}

/// Fails, and the first finding's English contains `why`.
fn fails(id: &str, attempt: &str, why: &str) {
    let v = verdict(id, attempt);
    assert!(!v.passed, "{id} should fail ({why})");
    let text: Vec<&str> = v.findings.iter().map(|f| f.text.en.as_str()).collect();
    assert!(
        text.iter().any(|t| t.contains(why)),
        "{id}: {text:#?} should say {why:?}"
    );
    assert!(v.findings.iter().all(|f| !f.text.zh.is_empty()));
}

fn job(name: &str, spec: &str, command: &str, restart: &str) -> String {
    format!("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\nspec:\n{spec}  template:\n    spec:\n      restartPolicy: {restart}\n      containers:\n      - name: work\n        image: busybox\n        command: {command}\n")
}

fn cronjob(name: &str, spec: &str, command: &str) -> String {
    format!("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {name}\nspec:\n  schedule: \"* * * * *\"\n{spec}  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: work\n            image: busybox\n            command: {command}\n")
}

fn daemonset(name: &str, spec: &str, pod: &str, image: &str) -> String {
    format!("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {name}\nspec:\n  selector:\n    matchLabels: {{app: {name}}}\n{spec}  template:\n    metadata:\n      labels: {{app: {name}}}\n    spec:\n{pod}      containers:\n      - name: {name}\n        image: {image}\n")
}

const SLEEP5: &str = "[\"sh\", \"-c\", \"sleep 5\"]";

#[test]
fn there_should_be_at_least_twelve_with_the_five_required_ids_each_in_both_languages() {
    assert!(CHALLENGES.len() >= 12);
    for id in [
        "six-by-three",
        "three-strikes",
        "no-overlap",
        "not-on-gpu",
        "two-at-a-time",
    ] {
        assert!(challenge::find(id).is_some(), "{id}");
    }
    let mut ids = std::collections::BTreeSet::new();
    for c in CHALLENGES {
        assert!(ids.insert(c.id), "duplicate {}", c.id);
        assert!(c.base().is_ok(), "{}", c.id);
        assert!(
            podlab::lesson::find(c.lesson).is_some(),
            "{}: lesson {}",
            c.id,
            c.lesson
        );
        for (en, zh) in [c.title, c.goal].iter().chain(c.hints) {
            assert!(!en.is_empty() && !zh.is_empty(), "{}", c.id);
            assert!(
                zh.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
                "{}: {zh}",
                c.id
            );
        }
        assert!(!c.hints.is_empty());
        // The starter is what the learner edits: it is valid but does not solve the challenge.
        let starter = c
            .check(c.starter)
            .unwrap_or_else(|e| panic!("{}: {e}", c.id));
        assert!(
            !starter.judgement.passed,
            "{}: the starter already passes",
            c.id
        );
    }
}

#[test]
fn six_by_three() {
    passes(
        "six-by-three",
        &job(
            "six",
            "  completions: 6\n  parallelism: 3\n",
            SLEEP5,
            "Never",
        ),
    );
    fails(
        "six-by-three",
        &job(
            "six",
            "  completions: 6\n  parallelism: 4\n",
            SLEEP5,
            "Never",
        ),
        "pods of six were Running; the goal allows 3",
    );
    fails(
        "six-by-three",
        &job(
            "six",
            "  completions: 6\n  parallelism: 2\n",
            SLEEP5,
            "Never",
        ),
        "At no moment were 3 pods of six Running",
    );
    fails(
        "six-by-three",
        &job(
            "six",
            "  completions: 5\n  parallelism: 3\n",
            SLEEP5,
            "Never",
        ),
        "5 succeeded pods",
    );
    fails(
        "six-by-three",
        &job(
            "seven",
            "  completions: 6\n  parallelism: 3\n",
            SLEEP5,
            "Never",
        ),
        "no Job named six",
    );
    // A different correct solution: OnFailure, a longer program.
    passes(
        "six-by-three",
        &job(
            "six",
            "  completions: 6\n  parallelism: 3\n",
            "[\"sleep\", \"20\"]",
            "OnFailure",
        ),
    );
}

#[test]
fn three_strikes() {
    let exit1 = "[\"sh\", \"-c\", \"exit 1\"]";
    passes(
        "three-strikes",
        &job("strikes", "  backoffLimit: 2\n", exit1, "Never"),
    );
    fails(
        "three-strikes",
        &job("strikes", "  backoffLimit: 2\n", exit1, "OnFailure"),
        "0 pods of strikes reached phase Failed",
    );
    fails(
        "three-strikes",
        &job("strikes", "  backoffLimit: 3\n", exit1, "Never"),
        "4 pods of strikes reached phase Failed",
    );
    fails(
        "three-strikes",
        &job("strikes", "  backoffLimit: 2\n", SLEEP5, "Never"),
        "strikes did not end Failed",
    );
}

#[test]
fn no_overlap() {
    let sleep90 = "[\"sleep\", \"90\"]";
    passes(
        "no-overlap",
        &cronjob("tick", "  concurrencyPolicy: Forbid\n", sleep90),
    );
    passes(
        "no-overlap",
        &cronjob("tick", "  concurrencyPolicy: Replace\n", sleep90),
    );
    fails(
        "no-overlap",
        &cronjob("tick", "", sleep90),
        "two Jobs of tick were active at once",
    );
    fails(
        "no-overlap",
        &cronjob("tick", "  concurrencyPolicy: Allow\n", sleep90),
        "two Jobs of tick were active at once",
    );
    fails(
        "no-overlap",
        &cronjob("tick", "", "[\"sleep\", \"30\"]"),
        "runs 30 s",
    );
    fails(
        "no-overlap",
        &cronjob(
            "tick",
            "  concurrencyPolicy: Forbid\n  suspend: true\n",
            sleep90,
        ),
        "0 Jobs of tick started",
    );
}

#[test]
fn not_on_gpu() {
    let avoid = "      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions:\n              - {key: accelerator, operator: NotIn, values: [gpu]}\n";
    passes("not-on-gpu", &daemonset("agent", "", avoid, "fluentd:v1"));
    let absent = avoid.replace(
        "{key: accelerator, operator: NotIn, values: [gpu]}",
        "{key: accelerator, operator: DoesNotExist}",
    );
    passes("not-on-gpu", &daemonset("agent", "", &absent, "fluentd:v1"));
    fails(
        "not-on-gpu",
        &daemonset("agent", "", "", "fluentd:v1"),
        "node-4 runs a pod of agent",
    );
    let only_gpu = "      nodeSelector: {accelerator: gpu}\n";
    fails(
        "not-on-gpu",
        &daemonset("agent", "", only_gpu, "fluentd:v1"),
        "node-1 has 0 ready pods of agent",
    );
}

#[test]
fn two_at_a_time() {
    let two =
        "  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate: {maxUnavailable: 2}\n";
    passes("two-at-a-time", &daemonset("agent", two, "", "fluentd:v2"));
    let third =
        "  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate: {maxUnavailable: 33%}\n";
    passes(
        "two-at-a-time",
        &daemonset("agent", third, "", "fluentd:v2"),
    );
    fails(
        "two-at-a-time",
        &daemonset("agent", "", "", "fluentd:v2"),
        "At most 1 node(s) at once",
    );
    let three = two.replace("maxUnavailable: 2", "maxUnavailable: 3");
    fails(
        "two-at-a-time",
        &daemonset("agent", &three, "", "fluentd:v2"),
        "3 nodes were without a ready agent pod",
    );
    let surge = two.replace("{maxUnavailable: 2}", "{maxUnavailable: 0, maxSurge: 2}");
    fails(
        "two-at-a-time",
        &daemonset("agent", &surge, "", "fluentd:v2"),
        "maxSurge is not 0",
    );
    fails(
        "two-at-a-time",
        &daemonset("agent", two, "", "fluentd:v1"),
        "the goal is a ready fluentd:v2 pod",
    );
}

#[test]
fn indexed_shards() {
    let spec = "  completionMode: Indexed\n  completions: 5\n  parallelism: 2\n";
    passes("indexed-shards", &job("shards", spec, SLEEP5, "Never"));
    fails(
        "indexed-shards",
        &job(
            "shards",
            "  completions: 5\n  parallelism: 2\n",
            SLEEP5,
            "Never",
        ),
        "completedIndexes ended empty",
    );
    fails(
        "indexed-shards",
        &job(
            "shards",
            &spec.replace("parallelism: 2", "parallelism: 5"),
            SLEEP5,
            "Never",
        ),
        "the goal allows 2",
    );
}

#[test]
fn exit_42_stops() {
    let exit42 = "[\"sh\", \"-c\", \"exit 42\"]";
    let policy = "  backoffLimit: 6\n  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes: {operator: In, values: [42]}\n";
    passes("exit-42-stops", &job("checker", policy, exit42, "Never"));
    fails(
        "exit-42-stops",
        &job("checker", "  backoffLimit: 6\n", exit42, "Never"),
        "pods of checker failed; the goal is to stop after the first",
    );
    fails(
        "exit-42-stops",
        &job("checker", "  backoffLimit: 0\n", exit42, "Never"),
        "backoffLimit is below 6",
    );
}

#[test]
fn deadline() {
    let sleep600 = "[\"sleep\", \"600\"]";
    passes(
        "deadline",
        &job("slow", "  activeDeadlineSeconds: 30\n", sleep600, "Never"),
    );
    fails(
        "deadline",
        &job("slow", "  activeDeadlineSeconds: 60\n", sleep600, "Never"),
        "Failed (DeadlineExceeded) at 1:31",
    );
    fails(
        "deadline",
        &job("slow", "", sleep600, "Never"),
        "slow ended still active",
    );
}

#[test]
fn tidy_up() {
    let echo = "[\"sh\", \"-c\", \"echo done\"]";
    passes(
        "tidy-up",
        &job("tidy", "  ttlSecondsAfterFinished: 10\n", echo, "Never"),
    );
    passes(
        "tidy-up",
        &job("tidy", "  ttlSecondsAfterFinished: 0\n", echo, "Never"),
    );
    fails(
        "tidy-up",
        &job("tidy", "", echo, "Never"),
        "was still there at the end",
    );
    fails(
        "tidy-up",
        &job("tidy", "  ttlSecondsAfterFinished: 60\n", echo, "Never"),
        "more than 30 s later",
    );
}

#[test]
fn replace_stuck() {
    let sleep600 = "[\"sleep\", \"600\"]";
    passes(
        "replace-stuck",
        &cronjob("report", "  concurrencyPolicy: Replace\n", sleep600),
    );
    fails(
        "replace-stuck",
        &cronjob("report", "  concurrencyPolicy: Forbid\n", sleep600),
        "1 Jobs of report started",
    );
    fails(
        "replace-stuck",
        &cronjob("report", "", sleep600),
        "two Jobs of report were active at once",
    );
}

#[test]
fn keep_two() {
    let echo = "[\"sh\", \"-c\", \"echo hello\"]";
    passes(
        "keep-two",
        &cronjob("hello", "  successfulJobsHistoryLimit: 2\n", echo),
    );
    fails(
        "keep-two",
        &cronjob("hello", "", echo),
        "3 Jobs of hello exist",
    );
    fails(
        "keep-two",
        &cronjob("hello", "  successfulJobsHistoryLimit: 1\n", echo),
        "1 Jobs of hello exist",
    );
}

#[test]
fn tolerate_infra() {
    let tolerate = "      tolerations:\n      - {key: dedicated, operator: Equal, value: infra, effect: NoSchedule}\n";
    passes(
        "tolerate-infra",
        &daemonset("logs", "", tolerate, "fluentd:v1"),
    );
    let any = "      tolerations:\n      - {operator: Exists}\n";
    passes("tolerate-infra", &daemonset("logs", "", any, "fluentd:v1"));
    fails(
        "tolerate-infra",
        &daemonset("logs", "", "", "fluentd:v1"),
        "node-3 has 0 ready pods of logs",
    );
    let wrong = tolerate.replace("value: infra", "value: gpu");
    fails(
        "tolerate-infra",
        &daemonset("logs", "", &wrong, "fluentd:v1"),
        "node-3 has 0 ready pods",
    );
}

#[test]
fn roll_back_is_answered_with_kubectl() {
    passes("roll-back", "kubectl rollout undo daemonset/agent\n");
    passes("roll-back", "# look first\nkubectl rollout history daemonset/agent\nrollout undo daemonset/agent --to-revision=1\n");
    fails(
        "roll-back",
        "kubectl rollout history daemonset/agent\n",
        "the goal is a ready fluentd:v1 pod",
    );
    fails(
        "roll-back",
        "kubectl rollout undo daemonset/agent --to-revision=2\n",
        "the goal is a ready fluentd:v1 pod",
    );
    let c = challenge::find("roll-back").unwrap();
    assert!(matches!(
        c.check("kubectl frobnicate\n"),
        Err(CheckError::Kubectl { line: 1, .. })
    ));
}

#[test]
fn an_invalid_attempt_should_get_the_api_servers_words() {
    let c = challenge::find("six-by-three").unwrap();
    let bad = job("six", "  completions: 6\n", SLEEP5, "Always");
    let Err(CheckError::Invalid(errs)) = c.check(&bad) else {
        panic!("restartPolicy Always should be refused");
    };
    assert!(
        errs[0]
            .to_string()
            .contains("spec.template.spec.restartPolicy"),
        "{}",
        errs[0]
    );
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args = args.iter().map(std::ffi::OsString::from).collect();
    let code = podlab::cli::main_with(args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn the_command_line_should_list_and_check_with_the_documented_exit_statuses() {
    let (code, out, _) = cli(&["challenge", "list"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), CHALLENGES.len());
    assert_eq!(lines[0], "six-by-three\tSix pods, three at a time");
    let (_, zh, _) = cli(&["challenge", "list", "--lang", "zh"]);
    assert!(zh.starts_with("six-by-three\t六个 Pod"));
    let dir = std::env::temp_dir().join(format!("podlab-challenge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };
    let good = file(
        "good.yaml",
        &job(
            "six",
            "  completions: 6\n  parallelism: 3\n",
            SLEEP5,
            "Never",
        ),
    );
    let (code, out, _) = cli(&["challenge", "check", "six-by-three", &good]);
    assert_eq!(
        (code, out.lines().next()),
        (0, Some("six-by-three: solved"))
    );
    let wide = file(
        "wide.yaml",
        &job(
            "six",
            "  completions: 6\n  parallelism: 4\n",
            SLEEP5,
            "Never",
        ),
    );
    let (code, out, _) = cli(&["challenge", "check", "six-by-three", &wide]);
    assert_eq!(code, 1);
    assert!(
        out.contains("[0:01] At 0:01 4 pods of six were Running; the goal allows 3."),
        "{out}"
    );
    let bad = file("bad.yaml", &job("six", "", SLEEP5, "Always"));
    let (code, _, err) = cli(&["challenge", "check", "six-by-three", &bad]);
    assert_eq!(code, 2);
    assert!(
        err.contains("bad.yaml:8:22: The Job \"six\" is invalid: spec.template.spec.restartPolicy"),
        "{err}"
    );
    let undo = file("undo.txt", "kubectl rollout undo daemonset/agent\n");
    assert_eq!(cli(&["challenge", "check", "roll-back", &undo]).0, 0);
    assert_eq!(cli(&["challenge", "check", "no-such", &undo]).0, 2);
    assert_eq!(cli(&["challenge", "frobnicate"]).0, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}
