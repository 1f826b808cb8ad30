//! Namespaces: objects keep theirs, the four system namespaces exist from the start, a missing
//! one refuses objects in the API server's words, a deleted one takes what is in it along (and
//! a system one may not be deleted), and the console reads `-n`, `-A`, `get ns` and `create
//! namespace` as kubectl does.

use podlab::engine::Sim;
use podlab::kubectl::{self, Context};
use podlab::sim::{Change, SimTime};
use std::path::Path;

fn sim() -> Sim {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/namespaces.yaml");
    let text = std::fs::read_to_string(path).expect("scenario readable");
    let mut sim = Sim::new(podlab::scenario::parse(&text).expect("valid"));
    sim.run();
    sim
}

fn console(sim: &Sim, at_s: u64, line: &str) -> kubectl::Outcome {
    let w = sim.seek(SimTime(at_s * 1000));
    kubectl::run(
        line,
        &Context {
            world: &w,
            stdin: "",
        },
    )
}

#[test]
fn the_api_server_should_refuse_what_a_namespace_does_not_allow() {
    let sim = sim();
    let refused: Vec<String> = sim
        .trace()
        .iter()
        .filter_map(|e| match &e.change {
            Change::Rejected { message, .. } => Some(message.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        refused,
        [
            "namespaces \"nowhere\" not found",
            "namespaces \"kube-system\" is forbidden: this namespace may not be deleted",
        ]
    );
}

#[test]
fn a_deleted_namespace_should_go_once_what_it_held_is_gone() {
    let sim = sim();
    let phase = |t: u64| console(&sim, t, "get ns team-a -o jsonpath={.status.phase}").stdout;
    assert_eq!(phase(20), "Active");
    // The long Job's pod has 30 s to stop; the namespace waits for it.
    assert_eq!(phase(45), "Terminating");
    let gone = console(&sim, 120, "get ns team-a");
    assert_eq!(
        gone.stderr,
        "Error from server (NotFound): namespaces \"team-a\" not found\n"
    );
    assert_eq!(
        console(&sim, 120, "get ns").stdout,
        "NAME              STATUS   AGE\ndefault           Active   2m\nkube-node-lease   Active   2m\nkube-public       Active   2m\nkube-system       Active   2m\n"
    );
}

#[test]
fn the_console_should_read_namespace_flags_as_kubectl_does() {
    let sim = sim();
    let pods = console(&sim, 20, "get pods");
    assert_eq!(pods.stdout, "");
    assert_eq!(pods.stderr, "No resources found in default namespace.\n");
    let system = console(&sim, 20, "get ds -n kube-system -o name");
    assert_eq!(system.stdout, "daemonset.apps/fluentd-elasticsearch\n");
    let all = console(&sim, 20, "get jobs -A");
    let lines: Vec<&str> = all.stdout.lines().collect();
    assert!(lines[0].starts_with("NAMESPACE   NAME "), "{}", all.stdout);
    assert!(lines[1].starts_with("team-a      long "), "{}", all.stdout);
    assert!(lines[2].starts_with("team-a      pi "), "{}", all.stdout);
    assert_eq!(
        console(&sim, 20, "get jobs --namespace team-a -o name").stdout,
        "job.batch/long\njob.batch/pi\n"
    );
    assert_eq!(
        console(&sim, 20, "describe ns default").stdout,
        "Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n"
    );
    let created = console(&sim, 20, "create namespace team-b");
    assert_eq!(created.stdout, "namespace/team-b created\n");
    assert_eq!(created.changes.len(), 1);
    let again = console(&sim, 20, "create namespace team-a");
    assert_eq!(
        again.stderr,
        "Error from server (AlreadyExists): namespaces \"team-a\" already exists\n"
    );
}

#[test]
fn apply_with_a_namespace_flag_should_refuse_an_object_of_another() {
    let sim = sim();
    let w = sim.seek(SimTime(20_000));
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: x, namespace: team-a}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: busybox}]\n      restartPolicy: Never\n";
    let out = kubectl::run(
        "apply -n kube-system -f -",
        &Context {
            world: &w,
            stdin: job,
        },
    );
    assert_eq!(
        out.stderr,
        "error: the namespace from the provided object \"team-a\" does not match the namespace \"kube-system\". You must pass '--namespace=team-a' to perform this operation.\n"
    );
    let unnamed = job.replace(", namespace: team-a", "");
    let out = kubectl::run(
        "apply -n team-a -f -",
        &Context {
            world: &w,
            stdin: &unnamed,
        },
    );
    assert_eq!(out.stdout, "job.batch/x created\n");
}

#[test]
fn a_namespace_name_should_be_a_dns_label() {
    let bad = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: Team_A}\nspec:\n  containers: [{name: c, image: busybox}]\n";
    let errs = podlab::api::manifest::parse_manifests(bad).expect_err("invalid");
    assert!(
        errs[0]
            .to_string()
            .contains("metadata.namespace: Invalid value: \"Team_A\": a lowercase RFC 1123 label"),
        "{}",
        errs[0]
    );
    let ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: team.a}\n";
    let errs = podlab::api::manifest::parse_manifests(ns).expect_err("invalid");
    assert!(
        errs[0].to_string().contains(
            "The Namespace \"team.a\" is invalid: metadata.name: Invalid value: \"team.a\""
        ),
        "{}",
        errs[0]
    );
}
