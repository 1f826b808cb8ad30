//! The Eviction API as the docs' "ignore pod disruptions" walkthrough uses it
//! (tasks/job/pod-failure-policy.md, `job-pod-failure-policy-ignore.yaml`): `kubectl drain`
//! evicts the Job's pods, each gets `DisruptionTarget` with reason `EvictionByEvictionAPI`, the
//! `Ignore` rule keeps them out of the failed count, and the Job still succeeds with
//! `backoffLimit: 0`. Deleting the pods instead (what drain did before) fails the Job.

use podlab::engine::Sim;
use podlab::kubectl::{self, Context};
use podlab::model::{Kind, Object};
use podlab::scenario::Action;
use podlab::sim::SimTime;
use podlab::world::World;

/// The docs' manifest, unchanged.
const SCENARIO: &str = r#"name: pod-failure-policy-ignore
cluster:
  nodes: 3
manifests: |
  apiVersion: batch/v1
  kind: Job
  metadata:
    name: job-pod-failure-policy-ignore
  spec:
    completions: 4
    parallelism: 2
    template:
      spec:
        restartPolicy: Never
        containers:
        - name: main
          image: docker.io/library/bash:5
          command: ["bash"]
          args:
          - -c
          - echo "Hello world! I'm going to exit with 0 (success)." && sleep 90 && exit 0
    backoffLimit: 0
    podFailurePolicy:
      rules:
      - action: Ignore
        onPodConditions:
        - type: DisruptionTarget
until: 6m
"#;

fn job_condition(w: &World) -> Option<String> {
    let job = w
        .store
        .get(Kind::Job, "default", "job-pod-failure-policy-ignore")?;
    let v = serde_json::to_value(job).ok()?;
    v["status"]["conditions"]
        .as_array()?
        .iter()
        .find(|c| c["status"] == "True" && (c["type"] == "Complete" || c["type"] == "Failed"))
        .map(|c| c["type"].as_str().unwrap_or_default().to_string())
}

/// Runs to 10 s, then drains (or force-deletes the pods of) the node running the first pod.
fn disrupted(evict: bool) -> (Sim, String) {
    let mut sim = Sim::new(podlab::scenario::parse(SCENARIO).expect("valid"));
    sim.run_until(SimTime(10_000));
    let w = sim.seek(SimTime(10_000));
    let node = w
        .store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .find_map(|p| p.node_name().map(str::to_string))
        .expect("a pod is bound by 10 s");
    let actions: Vec<Action> = if evict {
        let line = format!("drain {node} --ignore-daemonsets");
        let o = kubectl::run(
            &line,
            &Context {
                world: &w,
                stdin: "",
            },
        );
        assert!(o.stdout.contains("evicted"), "{o:?}");
        o.changes.into_iter().map(|c| c.action).collect()
    } else {
        w.store
            .list(Kind::Pod)
            .filter_map(Object::as_pod)
            .filter(|p| p.node_name() == Some(node.as_str()))
            .map(|p| Action::Delete {
                kind: Kind::Pod,
                namespace: "default".into(),
                name: p.metadata.name.clone(),
            })
            .collect()
    };
    let mut sim = Sim::new(podlab::scenario::parse(SCENARIO).expect("valid"));
    sim.run();
    for a in actions {
        let mut next = sim.fork(SimTime(10_000), a);
        next.run();
        sim = next;
    }
    (sim, node)
}

#[test]
fn drain_should_evict_so_that_the_ignore_rule_keeps_the_job_going() {
    let (sim, node) = disrupted(true);
    // Just after the drain, each of the node's pods carries the eviction's condition.
    let w = sim.seek(SimTime(10_500));
    let evicted: Vec<_> = w
        .store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .filter(|p| p.node_name() == Some(node.as_str()))
        .collect();
    assert!(!evicted.is_empty());
    for p in &evicted {
        let v = serde_json::to_value(p).unwrap();
        let c = v["status"]["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["type"] == "DisruptionTarget")
            .unwrap_or_else(|| panic!("no DisruptionTarget on {}", p.metadata.name));
        assert_eq!(c["reason"], "EvictionByEvictionAPI");
        assert_eq!(c["message"], "Eviction API: evicting");
        assert!(p.metadata.deletion_timestamp.is_some());
    }
    let end = sim.seek(SimTime(360_000));
    assert_eq!(job_condition(&end).as_deref(), Some("Complete"));
    let job = serde_json::to_value(
        end.store
            .get(Kind::Job, "default", "job-pod-failure-policy-ignore")
            .unwrap(),
    )
    .unwrap();
    assert_eq!(job["status"]["succeeded"], 4);
    assert!(job["status"]["failed"].as_i64().unwrap_or(0) == 0, "{job}");
}

#[test]
fn deleting_the_pods_instead_should_fail_the_job_as_a_real_cluster_would() {
    let (sim, _) = disrupted(false);
    let end = sim.seek(SimTime(360_000));
    assert_eq!(job_condition(&end).as_deref(), Some("Failed"));
}

fn s_action(namespace: &str, name: &str) -> Action {
    Action::Evict {
        namespace: namespace.into(),
        name: name.into(),
    }
}

#[test]
fn an_evict_step_should_read_and_round_trip() {
    let text = SCENARIO.replace("until: 6m", "steps:\n  - {at: 5s, evict: nope}\nuntil: 6m");
    let s = podlab::scenario::parse(&text).expect("valid");
    assert_eq!(s.steps[0].action, s_action("default", "nope"));
    let mut sim = Sim::new(s);
    sim.run();
    // A missing pod is refused in the API server's words.
    assert!(sim.trace().iter().any(|e| matches!(
        &e.change,
        podlab::sim::Change::Rejected { message, .. } if message == "pods \"nope\" not found"
    )));
    // An eviction made in the app exports as an `evict:` step that reads back the same.
    let forks = [
        podlab::share::Fork::Evict {
            at: 5_000,
            namespace: String::new(),
            name: "nope".into(),
        },
        podlab::share::Fork::Evict {
            at: 6_000,
            namespace: "kube-system".into(),
            name: "x".into(),
        },
    ];
    let exported = podlab::export::scenario_file(SCENARIO, "", &forks);
    let back = podlab::scenario::parse(&exported).unwrap_or_else(|e| panic!("{e:?}\n{exported}"));
    assert_eq!(back.steps[0].action, s_action("default", "nope"));
    assert_eq!(back.steps[1].action, s_action("kube-system", "x"));
    let bad = SCENARIO.replace("until: 6m", "steps:\n  - {at: 5s, evict: job/x}\nuntil: 6m");
    let errs = podlab::scenario::parse(&bad).unwrap_err();
    assert!(
        errs[0].message.contains("steps[0].evict: Invalid value"),
        "{errs:?}"
    );
}

/// The docs' custom-condition walkthrough (tasks/job/pod-failure-policy.md,
/// `job-pod-failure-policy-config-issue.yaml`): a ConfigIssue condition patched into a pod's
/// status, then the pod deleted, fails the Job through its FailJob rule. The image never
/// pulls: the pod waits in ImagePullBackOff until it is deleted.
const CONFIG_ISSUE: &str = r#"name: pod-failure-policy-config-issue
cluster:
  nodes: 2
manifests: |
  apiVersion: batch/v1
  kind: Job
  metadata:
    name: job-pod-failure-policy-config-issue
  spec:
    completions: 8
    parallelism: 2
    template:
      spec:
        restartPolicy: Never
        containers:
        - name: main
          image: "non-existing-repo/non-existing-image:example"
    backoffLimit: 6
    podFailurePolicy:
      rules:
      - action: FailJob
        onPodConditions:
        - type: ConfigIssue
until: 2m
"#;

#[test]
fn a_patched_status_condition_should_drive_the_pod_failure_policy() {
    let mut sim = Sim::new(podlab::scenario::parse(CONFIG_ISSUE).expect("valid"));
    sim.run();
    let w = sim.seek(SimTime(5_000));
    let pod = w
        .store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .next()
        .expect("a pod")
        .metadata
        .name
        .clone();
    let ctx = Context {
        world: &w,
        stdin: "",
    };
    let line = format!(
        r#"patch pod {pod} --subresource=status -p '{{"status": {{"conditions": [{{"type": "ConfigIssue", "status": "True", "reason": "NonExistingImage", "lastTransitionTime": "2026-01-01T00:00:05Z"}}]}}}}'"#
    );
    let o = kubectl::run(&line, &ctx);
    assert_eq!(o.stdout, format!("pod/{pod} patched\n"), "{o:?}");
    let mut actions: Vec<Action> = o.changes.into_iter().map(|c| c.action).collect();
    let o = kubectl::run(&format!("delete pods/{pod}"), &ctx);
    actions.extend(o.changes.into_iter().map(|c| c.action));
    for a in actions {
        let mut next = sim.fork(SimTime(5_000), a);
        next.run();
        sim = next;
    }
    let end = sim.seek(SimTime(120_000));
    let job = serde_json::to_value(
        end.store
            .get(Kind::Job, "default", "job-pod-failure-policy-config-issue")
            .unwrap(),
    )
    .unwrap();
    let failed = job["status"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == "Failed")
        .unwrap_or_else(|| panic!("not failed: {job}"));
    assert_eq!(failed["reason"], "PodFailurePolicy");
    assert_eq!(
        failed["message"],
        format!("Pod default/{pod} has condition ConfigIssue matching FailJob rule at index 0")
    );
    // Kept: the patch left the kubelet's own conditions in place (strategic merge by type).
    let w = sim.seek(SimTime(5_000));
    let v = serde_json::to_value(w.store.get(Kind::Pod, "default", &pod).unwrap()).unwrap();
    let types: Vec<&str> = v["status"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["type"].as_str())
        .collect();
    assert!(
        types.contains(&"ConfigIssue") && types.contains(&"PodScheduled"),
        "{types:?}"
    );
    // Errors in kubectl's and the API server's words.
    let bad = kubectl::run(
        &format!(
            r#"patch pod {pod} --subresource=status --type merge -p '{{"status":{{"conditions":[{{"type":"bad type","status":"True"}}]}}}}'"#
        ),
        &ctx,
    );
    assert!(
        bad.stderr.starts_with(&format!(
            "The Pod \"{pod}\" is invalid: status.conditions[0].Type: Invalid value: \"bad type\""
        )),
        "{bad:?}"
    );
    // As the real kubectl v1.31.9 answers.
    let run = |line: String| kubectl::run(&line, &ctx).stderr;
    assert_eq!(
        run(format!("patch pod {pod} --subresource=foo -p '{{}}'")),
        "error: invalid subresource value: \"foo\". Must be one of [status scale]\n"
    );
    assert_eq!(
        run(format!("patch pod {pod} --subresource=scale -p '{{}}'")),
        "Error from server (NotFound): the server could not find the requested resource\n"
    );
    assert_eq!(
        run(format!("logs {pod} -l app=x")),
        "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n"
    );
}

#[test]
fn a_patch_status_step_should_read_and_export() {
    let text = CONFIG_ISSUE.replace(
        "until: 2m",
        "steps:\n  - {at: 5s, patchStatus: {pod: p, type: json, patch: '[{\"op\":\"add\",\"path\":\"/status/conditions/-\",\"value\":{\"type\":\"ConfigIssue\",\"status\":\"True\"}}]'}}\nuntil: 2m",
    );
    let s = podlab::scenario::parse(&text).expect("valid");
    let Action::PatchStatus { patch_type, .. } = &s.steps[0].action else {
        panic!("{:?}", s.steps[0].action);
    };
    assert_eq!(patch_type, "json");
    let fork = podlab::share::Fork::of(SimTime(5_000), &s.steps[0].action, "").unwrap();
    let exported = podlab::export::scenario_file(CONFIG_ISSUE, "", &[fork]);
    let back = podlab::scenario::parse(&exported).unwrap_or_else(|e| panic!("{e:?}\n{exported}"));
    assert_eq!(back.steps[0].action, s.steps[0].action);
    let bad = CONFIG_ISSUE.replace(
        "until: 2m",
        "steps:\n  - {at: 5s, patchStatus: {pod: p, type: xml, patch: '{}'}}\nuntil: 2m",
    );
    let errs = podlab::scenario::parse(&bad).unwrap_err();
    assert!(
        errs[0].message.contains("patchStatus.type: Invalid value"),
        "{errs:?}"
    );
}

#[test]
fn images_no_registry_serves_should_wait_in_image_pull_back_off() {
    let text = r#"name: pulls
cluster:
  nodes: 1
  unavailableImages: ["registry.example.com/private/*"]
manifests: |
  apiVersion: v1
  kind: Pod
  metadata: {name: private}
  spec:
    containers: [{name: app, image: registry.example.com/private/app:1.0}]
  ---
  apiVersion: v1
  kind: Pod
  metadata: {name: public}
  spec:
    containers: [{name: app, image: busybox, command: [sleep, "600"]}]
until: 2m
"#;
    let mut sim = Sim::new(podlab::scenario::parse(text).expect("valid"));
    sim.run();
    let status = |t: u64, pod: &str| {
        let w = sim.seek(SimTime(t));
        let v = serde_json::to_value(w.store.get(Kind::Pod, "default", pod).unwrap()).unwrap();
        let waiting = &v["status"]["containerStatuses"][0]["state"]["waiting"];
        (
            v["status"]["phase"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            waiting["reason"].as_str().unwrap_or_default().to_string(),
        )
    };
    // The pull fails at 1 s (ErrImagePull), the next sync finds the back-off, the retries come
    // 10 s, 20 s, 40 s after each failure.
    assert_eq!(
        status(1_500, "private"),
        ("Pending".into(), "ErrImagePull".into())
    );
    assert_eq!(
        status(5_000, "private"),
        ("Pending".into(), "ImagePullBackOff".into())
    );
    assert_eq!(
        status(11_500, "private"),
        ("Pending".into(), "ErrImagePull".into())
    );
    assert_eq!(
        status(100_000, "private"),
        ("Pending".into(), "ImagePullBackOff".into())
    );
    assert_eq!(status(5_000, "public").0, "Running");
    let pulls = sim
        .seek(SimTime(100_000))
        .store
        .events()
        .find(|e| e.reason == "Pulling" && e.involved_object.name == "private")
        .map(|e| e.count);
    assert_eq!(pulls, Some(4), "pulls at 1, 11, 31 and 71 s");
    assert!(podlab::kubelet::image_unavailable(
        &[],
        "example/nonexistent:1"
    ));
    assert!(!podlab::kubelet::image_unavailable(
        &["busybox:*".into()],
        "nginx:1.27"
    ));
    assert!(podlab::kubelet::image_unavailable(
        &["busybox:*".into()],
        "busybox:1.36"
    ));
}

#[test]
fn a_malformed_image_reference_should_wait_in_invalid_image_name() {
    let text = "name: bad-ref\ncluster:\n  nodes: 1\nmanifests: |\n  apiVersion: v1\n  kind: Pod\n  metadata: {name: upper}\n  spec:\n    containers: [{name: c, image: Busybox}]\nuntil: 30s\n";
    let mut sim = Sim::new(podlab::scenario::parse(text).expect("valid"));
    sim.run();
    let w = sim.seek(SimTime(20_000));
    let v = serde_json::to_value(w.store.get(Kind::Pod, "default", "upper").unwrap()).unwrap();
    let waiting = &v["status"]["containerStatuses"][0]["state"]["waiting"];
    assert_eq!(waiting["reason"], "InvalidImageName");
    assert_eq!(
        waiting["message"],
        "Failed to apply default image tag \"Busybox\": couldn't parse image name \"Busybox\": invalid reference format: repository name (library/Busybox) must be lowercase"
    );
    assert!(w.store.events().any(|e| e.reason == "InspectFailed"));
    assert_eq!(podlab::kubelet::invalid_image("busybox:1.36"), None);
    assert_eq!(
        podlab::kubelet::invalid_image("registry.k8s.io/pause:3.9"),
        None
    );
    assert_eq!(
        podlab::kubelet::invalid_image("localhost:5000/a/b-c_d:v1.0"),
        None
    );
    assert!(podlab::kubelet::invalid_image("busy box").is_some());
    assert!(podlab::kubelet::invalid_image("busybox:").is_some());
}

#[test]
fn a_drain_step_should_cordon_and_evict_like_kubectl_drain() {
    // Three pods, one of them a DaemonSet's: drain leaves that one and evicts the others.
    let text = r#"name: drain
cluster:
  nodes: 1
manifests: |
  apiVersion: v1
  kind: Pod
  metadata: {name: lone}
  spec:
    containers: [{name: c, image: busybox, command: [sleep, "600"]}]
  ---
  apiVersion: apps/v1
  kind: DaemonSet
  metadata: {name: agent}
  spec:
    selector: {matchLabels: {app: agent}}
    template:
      metadata: {labels: {app: agent}}
      spec:
        containers: [{name: c, image: busybox, command: [sleep, "600"]}]
steps:
  - {at: 10s, drain: node-1}
until: 1m
"#;
    let mut sim = Sim::new(podlab::scenario::parse(text).expect("valid"));
    sim.run();
    let w = sim.seek(SimTime(10_500));
    assert!(w.store.node("node-1").unwrap().is_unschedulable());
    let lone = serde_json::to_value(w.store.get(Kind::Pod, "default", "lone").unwrap()).unwrap();
    let disruption = lone["status"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == "DisruptionTarget")
        .cloned();
    assert_eq!(
        disruption.map(|c| c["reason"].clone()),
        Some("EvictionByEvictionAPI".into()),
        "{lone}"
    );
    assert!(lone["metadata"]["deletionTimestamp"].is_string());
    let agent_pods: Vec<_> = w
        .store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .filter(|p| p.metadata.labels.get("app").map(String::as_str) == Some("agent"))
        .collect();
    assert_eq!(agent_pods.len(), 1);
    assert!(agent_pods[0].metadata.deletion_timestamp.is_none());
    let bad = text.replace("drain: node-1", "drain: ''");
    assert!(podlab::scenario::parse(&bad).is_err());
}

#[test]
fn the_other_containers_should_start_while_one_image_cannot_be_pulled() {
    let text = r#"name: partial-pull
cluster:
  nodes: 1
manifests: |
  apiVersion: v1
  kind: Pod
  metadata: {name: half}
  spec:
    containers:
    - {name: app, image: busybox, command: [sleep, "600"]}
    - {name: agent, image: example/does-not-exist:1}
  ---
  apiVersion: v1
  kind: Pod
  metadata: {name: init-blocked}
  spec:
    initContainers:
    - {name: setup, image: example/nonexistent:2}
    containers:
    - {name: app, image: busybox, command: [sleep, "600"]}
until: 1m
"#;
    let mut sim = Sim::new(podlab::scenario::parse(text).expect("valid"));
    sim.run();
    let w = sim.seek(SimTime(30_000));
    let console = |line: &str| {
        kubectl::run(
            line,
            &Context {
                world: &w,
                stdin: "",
            },
        )
    };
    // The app container runs; the pod stays Pending while the agent waits for its image, and
    // kubectl names the waiting reason.
    let half = console("get pod half --no-headers").stdout;
    assert!(
        half.contains("1/2") && half.contains("ImagePullBackOff"),
        "{half}"
    );
    let v = serde_json::to_value(w.store.get(Kind::Pod, "default", "half").unwrap()).unwrap();
    assert_eq!(v["status"]["phase"], "Pending");
    assert!(
        v["status"]["containerStatuses"][0]["state"]["running"].is_object(),
        "{v}"
    );
    // An init container's image that cannot be pulled holds the whole pod.
    let blocked = console("get pod init-blocked --no-headers").stdout;
    assert!(blocked.contains("Init:ImagePullBackOff"), "{blocked}");
    // The pulls go on being retried with the back-off.
    let pulls = w
        .store
        .events()
        .filter(|e| e.reason == "Pulling" && e.involved_object.name == "half")
        .map(|e| e.count)
        .max();
    assert_eq!(pulls, Some(2), "pulls at 1 and 11 s");
}

#[test]
fn a_broken_image_should_fail_new_pulls_but_not_an_image_a_node_has() {
    let text = r#"name: break-image
cluster:
  nodes: 2
manifests: |
  apiVersion: v1
  kind: Pod
  metadata: {name: first}
  spec:
    nodeName: node-1
    containers: [{name: app, image: "busybox:1.36", command: [sleep, "600"]}]
steps:
  - {at: 10s, breakImage: "busybox:1.36"}
  - at: 20s
    apply: |
      apiVersion: v1
      kind: Pod
      metadata: {name: same-node}
      spec:
        nodeName: node-1
        containers: [{name: app, image: "busybox:1.36", command: [sleep, "600"]}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: other-node}
      spec:
        nodeName: node-2
        containers: [{name: app, image: "busybox:1.36", command: [sleep, "600"]}]
until: 1m
"#;
    let mut sim = Sim::new(podlab::scenario::parse(text).expect("valid"));
    sim.run();
    let w = sim.seek(SimTime(40_000));
    let status = |name: &str| {
        w.store
            .get(Kind::Pod, "default", name)
            .and_then(Object::as_pod)
            .map(|p| p.display_status())
            .unwrap_or_default()
    };
    // node-1 has the image (IfNotPresent): no pull, it runs. node-2 must pull it: it cannot.
    assert_eq!(status("first"), "Running");
    assert_eq!(status("same-node"), "Running");
    assert_eq!(status("other-node"), "ImagePullBackOff");
    let exported = podlab::scenario::parse(text).expect("valid").steps[0]
        .action
        .clone();
    assert_eq!(
        exported,
        podlab::scenario::Action::BreakImage("busybox:1.36".into())
    );
}
