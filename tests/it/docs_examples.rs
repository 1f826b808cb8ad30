//! The Kubernetes documentation's example manifests, unmodified, run through their
//! walkthroughs: what each page says a real cluster shows (conditions, indexes, `kubectl get`
//! columns, `kubectl logs`) is what podlab shows. Pages: controllers/job.md (Indexed Job with
//! an init container, the downward API volume variant, backoffLimitPerIndex, successPolicy),
//! tasks/job/indexed-parallel-processing-static.md, concepts/workloads/pods/sidecar-containers.md.

use podlab::engine::Sim;
use podlab::kubectl::{self, Context};
use podlab::model::{Kind, Object};
use podlab::sim::SimTime;

/// A scenario around manifests (indented under `manifests: |`).
fn scenario(manifest: &str, nodes: u32, until: &str) -> Sim {
    let body: String = manifest.lines().map(|l| format!("  {l}\n")).collect();
    let text =
        format!("name: docs\ncluster:\n  nodes: {nodes}\nmanifests: |\n{body}until: {until}\n");
    let s = podlab::scenario::parse(&text).unwrap_or_else(|e| panic!("{e:?}"));
    let mut sim = Sim::new(s);
    sim.run_until(sim.scenario().until);
    sim
}

/// The end of the run.
fn end(sim: &Sim) -> SimTime {
    sim.world().now
}

/// Every moment at which something happened.
fn moments(sim: &Sim) -> Vec<SimTime> {
    let mut out: Vec<SimTime> = sim.trace().iter().map(|e| e.time).collect();
    out.dedup();
    out
}

fn kubectl_at(sim: &Sim, at: SimTime, line: &str) -> kubectl::Outcome {
    let w = sim.seek(at);
    kubectl::run(
        line,
        &Context {
            world: &w,
            stdin: "",
        },
    )
}

fn job_status(sim: &Sim, name: &str) -> serde_json::Value {
    let w = sim.seek(end(sim));
    let job = w.store.get(Kind::Job, "default", name).expect("the job");
    serde_json::to_value(job).expect("json")["status"].clone()
}

fn condition(status: &serde_json::Value) -> Option<String> {
    status["conditions"]
        .as_array()?
        .iter()
        .filter(|c| c["status"] == "True")
        .map(|c| c["type"].as_str().unwrap_or_default().to_string())
        .find(|t| t == "Complete" || t == "Failed")
}

const INDEXED_JOB: &str = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: 'indexed-job'
spec:
  completions: 5
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: 'input'
        image: 'docker.io/library/bash'
        command:
        - "bash"
        - "-c"
        - |
          items=(foo bar baz qux xyz)
          echo ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt
        volumeMounts:
        - mountPath: /input
          name: input
      containers:
      - name: 'worker'
        image: 'docker.io/library/busybox'
        command:
        - "rev"
        - "/input/data.txt"
        volumeMounts:
        - mountPath: /input
          name: input
      volumes:
      - name: input
        emptyDir: {}
"#;

#[test]
fn the_indexed_job_should_reverse_each_indexs_word_through_its_init_container() {
    let sim = scenario(INDEXED_JOB, 3, "2m");
    let st = job_status(&sim, "indexed-job");
    assert_eq!(condition(&st).as_deref(), Some("Complete"), "{st}");
    assert_eq!(st["completedIndexes"], "0-4");
    let pods = kubectl_at(
        &sim,
        end(&sim),
        "get pods -l batch.kubernetes.io/job-completion-index=3 -o name",
    );
    let pod = pods.stdout.trim().to_string();
    assert!(pod.starts_with("pod/indexed-job-3-"), "{pods:?}");
    let logs = kubectl_at(&sim, end(&sim), &format!("logs {pod}"));
    assert_eq!(logs.stdout, "xuq\n", "{logs:?}");
    assert!(
        logs.stderr
            .contains("Defaulted container \"worker\" out of: input, worker"),
        "{logs:?}"
    );
    let init = kubectl_at(&sim, end(&sim), &format!("logs {pod} -c input"));
    assert_eq!(init.stdout, "");
}

#[test]
fn a_pod_should_show_its_init_containers_in_the_status_column() {
    let sim = scenario(INDEXED_JOB, 3, "2m");
    // Every status the STATUS column passed through, at each moment something happened.
    let mut seen: Vec<String> = Vec::new();
    for at in moments(&sim) {
        let w = sim.seek(at);
        for p in w.store.list(Kind::Pod).filter_map(Object::as_pod) {
            let s = p.display_status();
            if !seen.contains(&s) {
                seen.push(s);
            }
        }
    }
    for status in ["Init:0/1", "PodInitializing", "Completed"] {
        assert!(seen.iter().any(|s| s == status), "{status} not in {seen:?}");
    }
    // While the init container runs, the pod is not Initialized.
    let w = sim.seek(
        moments(&sim)
            .into_iter()
            .find(|&t| {
                sim.seek(t)
                    .store
                    .list(Kind::Pod)
                    .filter_map(Object::as_pod)
                    .any(|p| p.display_status() == "Init:0/1")
            })
            .expect("an Init:0/1 moment"),
    );
    let p = w
        .store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .find(|p| p.display_status() == "Init:0/1")
        .expect("pod");
    let init = p.condition("Initialized").expect("condition");
    assert_eq!(init.status, "False");
    assert_eq!(
        init.message.as_deref(),
        Some("containers with incomplete status: [input]")
    );
}

#[test]
fn a_failing_init_container_should_fail_the_pod_under_never() {
    let manifest = r#"apiVersion: v1
kind: Pod
metadata:
  name: init-fails
spec:
  restartPolicy: Never
  initContainers:
  - name: check
    image: busybox
    command: ["sh", "-c", "echo checking; exit 3"]
  containers:
  - name: app
    image: busybox
    command: ["sleep", "10"]
"#;
    let sim = scenario(manifest, 1, "1m");
    let out = kubectl_at(&sim, end(&sim), "get pod init-fails --no-headers");
    assert!(out.stdout.contains("Init:Error"), "{out:?}");
    let w = sim.seek(end(&sim));
    let p = w
        .store
        .get(Kind::Pod, "default", "init-fails")
        .and_then(Object::as_pod)
        .expect("pod");
    assert_eq!(p.phase(), "Failed");
    let logs = kubectl_at(&sim, end(&sim), "logs init-fails -c check");
    assert_eq!(logs.stdout, "checking\n");
    // Under OnFailure the init container is restarted with the crash back-off.
    let sim = scenario(
        &manifest.replace("restartPolicy: Never", "restartPolicy: OnFailure"),
        1,
        "1m",
    );
    let out = kubectl_at(&sim, end(&sim), "get pod init-fails --no-headers");
    assert!(out.stdout.contains("Init:CrashLoopBackOff"), "{out:?}");
}

#[test]
fn the_downward_api_volume_should_hold_the_index() {
    let manifest = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: 'indexed-job'
spec:
  completions: 5
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: 'worker'
        image: 'docker.io/library/busybox'
        command:
        - "rev"
        - "/input/data.txt"
        volumeMounts:
        - mountPath: /input
          name: input
      volumes:
      - name: input
        downwardAPI:
          items:
          - path: "data.txt"
            fieldRef:
              fieldPath: metadata.annotations['batch.kubernetes.io/job-completion-index']
"#;
    let sim = scenario(manifest, 3, "2m");
    let pods = kubectl_at(
        &sim,
        end(&sim),
        "get pods -l batch.kubernetes.io/job-completion-index=4 -o name",
    );
    let logs = kubectl_at(&sim, end(&sim), &format!("logs {}", pods.stdout.trim()));
    assert_eq!(logs.stdout, "4\n");
}

const FAILINDEX: &str = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: job-backoff-limit-per-index-failindex
spec:
  completions: 4
  parallelism: 2
  completionMode: Indexed
  backoffLimitPerIndex: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: docker.io/library/python:3
        command:
          # The script:
          # - fails the Pod with index 0 with exit code 1, which results in one retry;
          # - fails the Pod with index 1 with exit code 42 which results
          #   in failing the index without retry.
          # - succeeds Pods with any other index.
          - python3
          - -c
          - |
            import os, sys
            index = int(os.environ.get("JOB_COMPLETION_INDEX"))
            if index == 0:
              sys.exit(1)
            elif index == 1:
              sys.exit(42)
            else:
              sys.exit(0)
  backoffLimit: 6
  podFailurePolicy:
    rules:
    - action: FailIndex
      onExitCodes:
        containerName: main
        operator: In
        values: [42]
"#;

#[test]
fn the_failindex_example_should_fail_indexes_0_and_1() {
    let sim = scenario(FAILINDEX, 3, "3m");
    let st = job_status(&sim, "job-backoff-limit-per-index-failindex");
    assert_eq!(condition(&st).as_deref(), Some("Failed"), "{st}");
    assert_eq!(st["failedIndexes"], "0,1", "{st}");
    assert_eq!(st["completedIndexes"], "2,3", "{st}");
    // Index 0 was retried once (2 failures), index 1 not at all (FailIndex).
    assert_eq!(st["failed"], 3, "{st}");
    assert_eq!(st["succeeded"], 2, "{st}");
}

#[test]
fn the_per_index_example_should_complete_the_odd_indexes_and_fail_the_job() {
    let manifest = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: job-backoff-limit-per-index-example
spec:
  completions: 10
  parallelism: 3
  completionMode: Indexed  # required for the feature
  backoffLimitPerIndex: 1  # maximal number of failures per index
  maxFailedIndexes: 5      # maximal number of failed indexes before terminating the Job execution
  template:
    spec:
      restartPolicy: Never # required for the feature
      containers:
      - name: example
        image: python
        command:           # The jobs fails as there is at least one failed index
                           # (all even indexes fail in here), yet all indexes
                           # are executed as maxFailedIndexes is not exceeded.
        - python3
        - -c
        - |
          import os, sys
          print("Hello world")
          if int(os.environ.get("JOB_COMPLETION_INDEX")) % 2 == 0:
            sys.exit(1)
"#;
    let sim = scenario(manifest, 3, "5m");
    let st = job_status(&sim, "job-backoff-limit-per-index-example");
    assert_eq!(condition(&st).as_deref(), Some("Failed"), "{st}");
    assert_eq!(st["completedIndexes"], "1,3,5,7,9", "{st}");
    assert_eq!(st["failedIndexes"], "0,2,4,6,8", "{st}");
    assert_eq!(st["failed"], 10, "{st}");
    let pods = kubectl_at(
        &sim,
        end(&sim),
        "get pods -l batch.kubernetes.io/job-completion-index=3 -o name",
    );
    let logs = kubectl_at(
        &sim,
        end(&sim),
        &format!("logs {}", pods.stdout.lines().next().unwrap_or_default()),
    );
    assert_eq!(logs.stdout, "Hello world\n");
}

#[test]
fn the_success_policy_example_should_succeed_on_index_2_alone() {
    let manifest = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: job-success
spec:
  parallelism: 10
  completions: 10
  completionMode: Indexed # Required for the success policy
  successPolicy:
    rules:
      - succeededIndexes: 0,2-3
        succeededCount: 1
  template:
    spec:
      containers:
      - name: main
        image: python
        command:          # Provided that at least one of the Pods with 0, 2, and 3 indexes has succeeded,
                          # the overall Job is a success.
          - python3
          - -c
          - |
            import os, sys
            if os.environ.get("JOB_COMPLETION_INDEX") == "2":
              sys.exit(0)
            else:
              sys.exit(1)
      restartPolicy: Never
"#;
    // All ten pods end in the same instant: index 2 succeeds, nine fail. The Job controller
    // checks the backoff limit (6) before the success policy (syncJob's order), so the Job fails
    // with index 2 alone completed.
    let sim = scenario(manifest, 3, "3m");
    let st = job_status(&sim, "job-success");
    assert_eq!(condition(&st).as_deref(), Some("Failed"), "{st}");
    assert_eq!(st["completedIndexes"], "2", "{st}");
    assert_eq!(st["failed"], 9, "{st}");
    // With room for the failures, the success policy decides.
    let sim = scenario(
        &manifest.replace(
            "  completions: 10\n",
            "  completions: 10\n  backoffLimit: 20\n",
        ),
        3,
        "3m",
    );
    let st = job_status(&sim, "job-success");
    assert_eq!(condition(&st).as_deref(), Some("Complete"), "{st}");
    assert_eq!(st["completedIndexes"], "2", "{st}");
    let reasons: Vec<&str> = st["conditions"]
        .as_array()
        .expect("conditions")
        .iter()
        .filter_map(|c| c["reason"].as_str())
        .collect();
    assert!(reasons.contains(&"SuccessPolicy"), "{st}");
}

#[test]
fn the_sidecar_job_should_complete_and_its_sidecar_should_show_the_log() {
    let manifest = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: myjob
spec:
  template:
    spec:
      containers:
        - name: myjob
          image: alpine:latest
          command: ['sh', '-c', 'echo "logging" > /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      initContainers:
        - name: logshipper
          image: alpine:latest
          restartPolicy: Always
          command: ['sh', '-c', 'tail -F /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      restartPolicy: Never
      volumes:
        - name: data
          emptyDir: {}
"#;
    let sim = scenario(manifest, 2, "2m");
    let st = job_status(&sim, "myjob");
    assert_eq!(condition(&st).as_deref(), Some("Complete"), "{st}");
    assert_eq!(st["succeeded"], 1, "{st}");
    let pods = kubectl_at(&sim, end(&sim), "get pods -l job-name=myjob -o name");
    let pod = pods.stdout.trim().to_string();
    let logs = kubectl_at(&sim, end(&sim), &format!("logs {pod} -c logshipper"));
    assert_eq!(logs.stdout, "logging\n", "{logs:?}");
    // The sidecar has started and the app container waits: PodInitializing, the sidecar ready.
    let row = |t: u64| kubectl_at(&sim, SimTime(t), &format!("get {pod} --no-headers")).stdout;
    let waiting = row(1_500);
    assert!(
        waiting.contains(" 1/2 ") && waiting.contains("PodInitializing"),
        "{waiting}"
    );
    // The app container is done; the sidecar still runs until it is stopped.
    let done = row(10_000);
    assert!(
        done.contains(" 1/2 ") && done.contains("Completed"),
        "{done}"
    );
    // The sidecar ignores SIGTERM, so it is killed when the grace period (30 s) ends.
    let w = sim.seek(end(&sim));
    let p = w
        .store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .next()
        .expect("pod");
    let side = &p.status().init_container_statuses[0];
    let t = side.state.terminated.as_ref().expect("terminated");
    assert_eq!(t.exit_code, 137);
    let main = p.status().container_statuses[0]
        .state
        .terminated
        .clone()
        .expect("done");
    let gap = t.finished_at.expect("at").0 - main.finished_at.expect("at").0;
    assert_eq!(gap, 30_000);
}

// ---------------------------------------------------------------------------------------------
// The walkthroughs, page by page: each test follows one page and the example file it applies.

/// concepts/workloads/controllers/job.md, following controllers/job.yaml.
#[test]
fn job_md_the_pi_job_should_complete_and_print_pi() {
    let manifest = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
"#;
    let sim = scenario(manifest, 1, "1m");
    let at = end(&sim);
    let jobs = kubectl_at(&sim, at, "get jobs");
    assert!(jobs.stdout.contains("pi     Complete   1/1"), "{jobs:?}");
    let describe = kubectl_at(&sim, at, "describe job pi");
    assert!(
        describe
            .stdout
            .contains("Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed"),
        "{}",
        describe.stdout
    );
    assert!(
        describe.stdout.contains("Created pod: pi-"),
        "{}",
        describe.stdout
    );
    assert!(
        describe.stdout.contains("Job completed"),
        "{}",
        describe.stdout
    );
    let logs = kubectl_at(&sim, at, "logs jobs/pi");
    assert!(logs
        .stdout
        .starts_with("3.14159265358979323846264338327950288419716939937510"));
    assert_eq!(logs.stdout.trim_end().len(), 2001);
    let labels = kubectl_at(&sim, at, "get pods --show-labels");
    for label in [
        "batch.kubernetes.io/job-name=pi",
        "job-name=pi",
        "controller-uid=",
    ] {
        assert!(labels.stdout.contains(label), "{label}: {}", labels.stdout);
    }
}

/// concepts/workloads/controllers/cron-jobs.md and tasks/job/automated-tasks-with-cron-jobs.md,
/// following application/job/cronjob.yaml.
#[test]
fn cron_jobs_md_hello_should_run_every_minute_and_keep_three() {
    let manifest = r#"apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
"#;
    let sim = scenario(manifest, 2, "5m30s");
    let first = SimTime(70_000);
    let cron = kubectl_at(&sim, SimTime(30_000), "get cronjob hello");
    assert!(
        cron.stdout
            .contains("hello   * * * * *   <none>     False     0        <none>"),
        "{cron:?}"
    );
    // Jobs are named after the scheduled time in minutes since the epoch.
    let minutes = (1_767_225_600 + 60) / 60;
    let jobs = kubectl_at(&sim, first, "get jobs");
    assert!(
        jobs.stdout.contains(&format!("hello-{minutes}")),
        "{jobs:?}"
    );
    let pods = kubectl_at(
        &sim,
        first,
        &format!("get pods -l job-name=hello-{minutes} -o name"),
    );
    let logs = kubectl_at(&sim, first, &format!("logs {}", pods.stdout.trim()));
    assert_eq!(
        logs.stdout,
        "Thu Jan  1 00:01:01 UTC 2026\nHello from the Kubernetes cluster\n"
    );
    // successfulJobsHistoryLimit (3) keeps the three newest.
    let names = kubectl_at(&sim, end(&sim), "get jobs -o name");
    let expected: Vec<String> = (3..=5)
        .map(|m| format!("job.batch/hello-{}\n", minutes + m - 1))
        .collect();
    assert_eq!(names.stdout, expected.concat(), "{names:?}");
    let events = kubectl_at(&sim, end(&sim), "get events");
    assert!(
        events.stdout.contains(&format!(
            "Saw completed job: hello-{}, status: Complete",
            minutes + 4
        )),
        "{}",
        events.stdout
    );
}

const FLUENTD: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd-elasticsearch
  namespace: kube-system
  labels:
    k8s-app: fluentd-logging
spec:
  selector:
    matchLabels:
      name: fluentd-elasticsearch
  template:
    metadata:
      labels:
        name: fluentd-elasticsearch
    spec:
      tolerations:
      # these tolerations are to have the daemonset runnable on control plane nodes
      # remove them if your control plane nodes should not run pods
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      - key: node-role.kubernetes.io/master
        operator: Exists
        effect: NoSchedule
      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
        resources:
          limits:
            memory: 200Mi
          requests:
            cpu: 100m
            memory: 200Mi
        volumeMounts:
        - name: varlog
          mountPath: /var/log
      # it may be desirable to set a high priority class to ensure that a DaemonSet Pod
      # preempts running Pods
      # priorityClassName: important
      terminationGracePeriodSeconds: 30
      volumes:
      - name: varlog
        hostPath:
          path: /var/log
"#;

/// concepts/workloads/controllers/daemonset.md, following controllers/daemonset.yaml.
#[test]
fn daemonset_md_fluentd_should_run_on_every_node_in_kube_system() {
    let sim = scenario(FLUENTD, 3, "1m");
    let at = end(&sim);
    let ds = kubectl_at(&sim, at, "get ds -n kube-system");
    assert!(
        ds.stdout
            .contains("fluentd-elasticsearch   3         3         3       3            3"),
        "{ds:?}"
    );
    let none = kubectl_at(&sim, at, "get ds");
    assert_eq!(none.stderr, "No resources found in default namespace.\n");
    let pod = kubectl_at(&sim, at, "get pods -n kube-system -o name").stdout;
    let describe = kubectl_at(
        &sim,
        at,
        &format!(
            "describe -n kube-system {}",
            pod.lines().next().unwrap_or_default()
        ),
    );
    assert!(
        describe
            .stdout
            .contains("    Mounts:\n      /var/log from varlog (rw)\n"),
        "{}",
        describe.stdout
    );
    assert!(describe.stdout.contains("    Type:          HostPath (bare host directory volume)\n    Path:          /var/log\n    HostPathType:  \n"), "{}", describe.stdout);
}

/// tasks/manage-daemon/update-daemon-set.md, following controllers/fluentd-daemonset.yaml and
/// controllers/fluentd-daemonset-update.yaml.
#[test]
fn update_daemon_set_md_the_update_should_roll_out_one_node_at_a_time() {
    let base = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd-elasticsearch
  namespace: kube-system
  labels:
    k8s-app: fluentd-logging
spec:
  selector:
    matchLabels:
      name: fluentd-elasticsearch
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
  template:
    metadata:
      labels:
        name: fluentd-elasticsearch
    spec:
      tolerations:
      # this toleration is to have the daemonset runnable on master nodes
      # remove it if your masters can't run pods
      - key: node-role.kubernetes.io/master
        effect: NoSchedule
      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
        volumeMounts:
        - name: varlog
          mountPath: /var/log
        - name: varlibdockercontainers
          mountPath: /var/lib/docker/containers
          readOnly: true
      terminationGracePeriodSeconds: 30
      volumes:
      - name: varlog
        hostPath:
          path: /var/log
      - name: varlibdockercontainers
        hostPath:
          path: /var/lib/docker/containers
"#;
    let update = base.replace(
        "        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2\n",
        "        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2\n        resources:\n          limits:\n            memory: 200Mi\n          requests:\n            cpu: 100m\n            memory: 200Mi\n",
    );
    let step: String = update.lines().map(|l| format!("      {l}\n")).collect();
    let body: String = base.lines().map(|l| format!("  {l}\n")).collect();
    let text = format!("name: update\ncluster:\n  nodes: 3\nmanifests: |\n{body}steps:\n  - at: 30s\n    apply: |\n{step}until: 3m\n");
    let mut sim = Sim::new(podlab::scenario::parse(&text).unwrap_or_else(|e| panic!("{e:?}")));
    sim.run_until(sim.scenario().until);
    let strategy = kubectl_at(
        &sim,
        SimTime(20_000),
        "get ds/fluentd-elasticsearch -n kube-system -o jsonpath={.spec.updateStrategy.type}",
    );
    assert_eq!(strategy.stdout, "RollingUpdate");
    let done = kubectl_at(
        &sim,
        SimTime(20_000),
        "rollout status ds/fluentd-elasticsearch -n kube-system --watch=false",
    );
    assert_eq!(
        done.stdout,
        "daemon set \"fluentd-elasticsearch\" successfully rolled out\n"
    );
    let midway = kubectl_at(
        &sim,
        SimTime(31_000),
        "rollout status ds/fluentd-elasticsearch -n kube-system --watch=false",
    );
    assert!(midway.stdout.starts_with("Waiting for daemon set \"fluentd-elasticsearch\" rollout to finish: 0 out of 3 new pods have been updated..."), "{midway:?}");
    let end_status = kubectl_at(
        &sim,
        end(&sim),
        "rollout status ds/fluentd-elasticsearch -n kube-system --watch=false",
    );
    assert_eq!(
        end_status.stdout,
        "daemon set \"fluentd-elasticsearch\" successfully rolled out\n"
    );
    let history = kubectl_at(
        &sim,
        end(&sim),
        "rollout history ds/fluentd-elasticsearch -n kube-system",
    );
    assert!(
        history.stdout.contains("1         <none>") && history.stdout.contains("2         <none>"),
        "{history:?}"
    );
}

/// tasks/job/pod-failure-policy.md, "using Pod failure policy to avoid unnecessary Pod
/// retries", following controllers/job-pod-failure-policy-failjob.yaml.
#[test]
fn pod_failure_policy_md_exit_code_42_should_fail_the_job_at_once() {
    let manifest = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: job-pod-failure-policy-failjob
spec:
  completions: 8
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
        - echo "Hello world! I'm going to exit with 42 to simulate a software bug." && sleep 30 && exit 42
  backoffLimit: 6
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes:
        containerName: main
        operator: In
        values: [42]
"#;
    let sim = scenario(manifest, 2, "2m");
    let st = job_status(&sim, "job-pod-failure-policy-failjob");
    assert_eq!(condition(&st).as_deref(), Some("Failed"), "{st}");
    let failed = st["conditions"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["type"] == "Failed"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(failed["reason"], "PodFailurePolicy");
    let message = failed["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("Container main for pod default/job-pod-failure-policy-failjob-"),
        "{message}"
    );
    assert!(
        message.ends_with(" failed with exit code 42 matching FailJob rule at index 0"),
        "{message}"
    );
    let pods = kubectl_at(&sim, SimTime(10_000), "get pods -o name");
    let logs = kubectl_at(
        &sim,
        SimTime(10_000),
        &format!("logs {}", pods.stdout.lines().next().unwrap_or_default()),
    );
    assert_eq!(
        logs.stdout,
        "Hello world! I'm going to exit with 42 to simulate a software bug.\n"
    );
}

/// tasks/job/parallel-processing-expansion.md, following application/job/job-tmpl.yaml
/// expanded for apple, banana and cherry as the page's `sed` loop does.
#[test]
fn parallel_processing_expansion_md_each_item_should_get_its_job() {
    let tmpl = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: process-item-$ITEM
  labels:
    jobgroup: jobexample
spec:
  template:
    metadata:
      name: jobexample
      labels:
        jobgroup: jobexample
    spec:
      containers:
      - name: c
        image: busybox:1.28
        command: ["sh", "-c", "echo Processing item $ITEM && sleep 5"]
      restartPolicy: Never
"#;
    let manifests: Vec<String> = ["apple", "banana", "cherry"]
        .iter()
        .map(|i| tmpl.replace("$ITEM", i))
        .collect();
    let sim = scenario(&manifests.join("---\n"), 2, "1m");
    let at = end(&sim);
    let jobs = kubectl_at(&sim, at, "get jobs -l jobgroup=jobexample");
    for name in [
        "process-item-apple",
        "process-item-banana",
        "process-item-cherry",
    ] {
        assert!(
            jobs.stdout.contains(&format!("{name}    Complete   1/1"))
                || jobs.stdout.contains(&format!("{name}   Complete   1/1")),
            "{}",
            jobs.stdout
        );
    }
    let logs = kubectl_at(&sim, at, "logs -f -l jobgroup=jobexample");
    assert_eq!(
        logs.stdout,
        "Processing item apple\nProcessing item banana\nProcessing item cherry\n"
    );
}
