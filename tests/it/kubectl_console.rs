//! The kubectl console, command family by command family: the output kubectl prints (columns,
//! messages and errors as kubectl v1.31 prints them) for the built-in scenarios at a moment,
//! and the changes the changing commands make once the app forks the run with them.

use podlab::engine::Sim;
use podlab::kubectl::{self, Context, Outcome};
use podlab::model::Kind;
use podlab::sim::SimTime;
use podlab::world::World;

fn world(id: &str, at_s: u64) -> (Sim, World) {
    let text = podlab::builtin::find(id).unwrap().text;
    let mut sim = Sim::new(podlab::scenario::parse(text).unwrap());
    sim.run();
    let w = sim.seek(SimTime(at_s * 1000));
    (sim, w)
}

fn run(id: &str, at_s: u64, line: &str) -> Outcome {
    run_with(id, at_s, line, "")
}

fn run_with(id: &str, at_s: u64, line: &str, stdin: &str) -> Outcome {
    let (_, w) = world(id, at_s);
    kubectl::run(line, &Context { world: &w, stdin })
}

/// Exact output: (scenario, second, command, stdout, stderr).
const EXACT: &[(&str, u64, &str, &str, &str)] = &[
    // get
    ("job-pi", 5, "kubectl get pods", "NAME       READY   STATUS    RESTARTS   AGE\npi-9s6s4   1/1     Running   0          5s\n", ""),
    ("job-pi", 5, "get po -o wide", "NAME       READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\npi-9s6s4   1/1     Running   0          5s    10.244.1.3   node-2   <none>           <none>\n", ""),
    ("job-pi", 30, "get jobs,pods", "NAME           STATUS     COMPLETIONS   DURATION   AGE\njob.batch/pi   Complete   1/1           11s        30s\n\nNAME           READY   STATUS      RESTARTS   AGE\npod/pi-9s6s4   0/1     Completed   0          30s\n", ""),
    ("job-pi", 30, "get pods -o name", "pod/pi-9s6s4\n", ""),
    ("job-pi", 30, "get pod pi-9s6s4 -o jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}", "Job/pi", ""),
    ("job-pi", 30, "get pods -o jsonpath='{.items[*].status.phase}'", "Succeeded", ""),
    ("job-pi", 30, "get ds", "", "No resources found in default namespace.\n"),
    ("job-pi", 30, "get nodes node-9", "", "Error from server (NotFound): nodes \"node-9\" not found\n"),
    ("job-pi", 30, "get jobs nope", "", "Error from server (NotFound): jobs.batch \"nope\" not found\n"),
    ("job-pi", 30, "get foo", "", "error: the server doesn't have a resource type \"foo\"\n"),
    ("job-pi", 30, "get pods -o xml", "", "error: unable to match a printer suitable for the output format \"xml\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n"),
    ("job-pi", 30, "get pods --bogus", "", "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n"),
    ("daemonset-fluentd", 30, "get ds -o wide", "NAME                    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE   CONTAINERS              IMAGES                                         SELECTOR\nfluentd-elasticsearch   4         4         4       4            4           <none>          30s   fluentd-elasticsearch   quay.io/fluentd_elasticsearch/fluentd:v2.5.2   name=fluentd-elasticsearch\n", ""),
    ("daemonset-fluentd", 30, "get controllerrevisions", "NAME                               CONTROLLER                             REVISION   AGE\nfluentd-elasticsearch-648d684567   daemonset.apps/fluentd-elasticsearch   1          30s\n", ""),
    ("daemonset-node-selector", 30, "get nodes --show-labels -l disktype=ssd", "NAME     STATUS   ROLES    AGE   VERSION   LABELS\nnode-2   Ready    <none>   30s   v1.31.0   beta.kubernetes.io/arch=amd64,beta.kubernetes.io/os=linux,disktype=ssd,kubernetes.io/arch=amd64,kubernetes.io/hostname=node-2,kubernetes.io/os=linux\n", ""),
    ("cronjob-hello", 90, "get cj", "NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   * * * * *   <none>     False     0        30s             90s\n", ""),
    // logs
    ("cronjob-hello", 90, "logs job/hello-29453761", "Thu Jan  1 00:01:02 UTC 2026\nHello from the Kubernetes cluster\n", ""),
    ("job-indexed", 10, "logs idx-2-l7xgj", "2\n", ""),
    ("bare-pods", 30, "logs sleeper", "hello\n", ""),
    ("job-pi", 1, "logs job/pi", "", "Error from server (BadRequest): container \"pi\" in pod \"pi-9s6s4\" is waiting to start: ContainerCreating\n"),
    ("job-pi", 1, "logs nope", "", "Error from server (NotFound): pods \"nope\" not found\n"),
    ("cronjob-hello", 200, "logs -l batch.kubernetes.io/job-name --prefix", "[pod/hello-29453761-4trfd/hello] Thu Jan  1 00:01:02 UTC 2026\n[pod/hello-29453761-4trfd/hello] Hello from the Kubernetes cluster\n[pod/hello-29453762-zqcgq/hello] Thu Jan  1 00:02:02 UTC 2026\n[pod/hello-29453762-zqcgq/hello] Hello from the Kubernetes cluster\n[pod/hello-29453763-lg6bh/hello] Thu Jan  1 00:03:02 UTC 2026\n[pod/hello-29453763-lg6bh/hello] Hello from the Kubernetes cluster\n", ""),
    ("cronjob-hello", 200, "logs -l job-name=hello-29453762 --all-containers", "Thu Jan  1 00:02:02 UTC 2026\nHello from the Kubernetes cluster\n", ""),
    ("cronjob-hello", 200, "logs -l app=none", "", "No resources found in default namespace.\n"),
    ("job-parallel", 40, "logs -f -l job-name=batch", "", "error: you are attempting to follow 8 log streams, but maximum allowed concurrency is 5, use --max-log-requests to increase the limit\n"),
    ("job-parallel", 40, "logs -l job-name=batch -c nope", "", "error: container nope is not valid for pod batch-4q7k8\n"),
    ("job-pi", 1, "logs", "", "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n"),
    // create, delete
    ("cronjob-hello", 30, "create job manual --from=cronjob/hello", "job.batch/manual created\n", ""),
    ("cronjob-hello", 90, "create job hello-29453761 --from=cronjob/hello", "", "error: failed to create job: jobs.batch \"hello-29453761\" already exists\n"),
    ("job-pi", 5, "delete job pi", "job.batch \"pi\" deleted\n", ""),
    ("bare-pods", 5, "delete pods -l app=demo", "pod \"crasher\" deleted\npod \"sleeper\" deleted\npod \"web-mz2rf\" deleted\n", ""),
    ("bare-pods", 5, "delete pod/nope", "", "Error from server (NotFound): pods \"nope\" not found\n"),
    ("bare-pods", 5, "delete pods", "", "error: resource(s) were provided, but no name was specified\n"),
    // nodes
    ("bare-pods", 5, "cordon node-1", "node/node-1 cordoned\n", ""),
    ("daemonset-taints", 55, "cordon node-3", "node/node-3 already cordoned\n", ""),
    ("daemonset-taints", 55, "uncordon node-3", "node/node-3 uncordoned\n", ""),
    ("bare-pods", 5, "drain node-1", "node/node-1 cordoned\n", "error: unable to drain node \"node-1\" due to error: cannot delete Pods that declare no controller (use --force to override): default/sleeper, continuing command...\nThere are pending nodes to be drained:\n node-1\ncannot delete Pods that declare no controller (use --force to override): default/sleeper\n"),
    ("bare-pods", 5, "drain node-1 --force", "node/node-1 cordoned\nevicting pod default/sleeper\npod/sleeper evicted\nnode/node-1 drained\n", "Warning: deleting Pods that declare no controller: default/sleeper\n"),
    ("daemonset-fluentd", 30, "drain node-1 --ignore-daemonsets", "node/node-1 cordoned\nnode/node-1 drained\n", "Warning: ignoring DaemonSet-managed Pods: default/fluentd-elasticsearch-tp5h7\n"),
    ("daemonset-node-selector", 10, "label node node-1 disktype=ssd", "node/node-1 labeled\n", ""),
    ("daemonset-node-selector", 30, "label node node-2 disktype=hdd", "", "error: 'disktype' already has a value (ssd), and --overwrite is false\n"),
    ("daemonset-node-selector", 30, "label node node-2 disktype=hdd --overwrite", "node/node-2 labeled\n", ""),
    ("daemonset-node-selector", 30, "label nodes node-2 disktype-", "node/node-2 unlabeled\n", ""),
    ("daemonset-taints", 35, "taint node node-3 gpu=true:NoSchedule", "node/node-3 tainted\n", ""),
    ("daemonset-taints", 35, "taint nodes node-1 maintenance:NoSchedule-", "node/node-1 untainted\n", ""),
    ("daemonset-taints", 35, "taint node node-3 gpu=true:Sometimes", "", "error: invalid taint effect: Sometimes, unsupported taint effect\n"),
    // patch
    ("job-parallel", 5, "patch job batch -p '{\"spec\":{\"parallelism\":4}}'", "job.batch/batch patched\n", ""),
    ("job-parallel", 5, "patch job batch -p '{\"spec\":{\"parallelism\":2}}'", "job.batch/batch patched (no change)\n", ""),
    ("job-parallel", 5, "patch job batch -p '{\"spec\":{\"completions\":3}}'", "", "The Job \"batch\" is invalid: spec.completions: Invalid value: 3: field is immutable\n"),
    ("cronjob-hello", 5, "patch cronjob hello --type merge -p '{\"spec\":{\"suspend\":true}}'", "cronjob.batch/hello patched\n", ""),
    // rollout
    ("daemonset-rollback", 85, "rollout status daemonset/log-shipper", "Waiting for daemon set \"log-shipper\" rollout to finish: 1 out of 4 new pods have been updated...\n", ""),
    ("daemonset-rollback", 85, "rollout history ds/log-shipper", "daemonset.apps/log-shipper \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n", ""),
    ("daemonset-rollback", 85, "rollout undo daemonset log-shipper", "daemonset.apps/log-shipper rolled back\n", ""),
    ("daemonset-rollback", 20, "rollout undo daemonset/log-shipper", "", "error: no last revision to roll back to\n"),
    ("daemonset-rollback", 170, "rollout status ds/log-shipper", "daemon set \"log-shipper\" successfully rolled out\n", ""),
    // explain
    ("job-pi", 0, "explain job.spec.parallelism", "GROUP:      batch\nKIND:       Job\nVERSION:    v1\n\nFIELD: parallelism <integer>\n\nDESCRIPTION:\n    Specifies the maximum desired number of pods the job should run at any given\n    time. The actual number of pods running in steady state will be less than\n    this number when ((.spec.completions - .status.successful) <\n    .spec.parallelism), i.e. when the work left to do is less than max\n    parallelism. More info:\n    https://kubernetes.io/docs/concepts/workloads/controllers/jobs-run-to-completion/\n    \n", ""),
    ("job-pi", 0, "explain jobs.spec.nope", "", "error: field \"nope\" does not exist\n"),
    ("job-pi", 0, "explain deployments", "", "error: the server doesn't have a resource type \"deployments\"\n"),
    // unknown and not simulated
    ("job-pi", 5, "kubectl frobnicate", "", "error: unknown command \"frobnicate\" for \"kubectl\"\nRun 'kubectl --help' for usage.\n"),
];

#[test]
fn every_command_family_should_print_what_kubectl_prints() {
    let mut failures = Vec::new();
    for (id, at, line, out, err) in EXACT {
        let o = run(id, *at, line);
        if o.stdout != *out || o.stderr != *err {
            failures.push(format!(
                "{id} @{at}s `{line}`\n  stdout: {:?}\n  wanted: {out:?}\n  stderr: {:?}\n  wanted: {err:?}",
                o.stdout, o.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn describe_should_write_kubectl_sections_aligned_as_kubectl_aligns_them() {
    let o = run("job-pi", 5, "describe pod pi-9s6s4");
    for line in [
        "Name:             pi-9s6s4\n",
        "Node:             node-2/10.0.0.3\n",
        "Controlled By:  Job/pi\n",
        "Containers:\n  pi:\n    Container ID:  containerd://",
        "    Command:\n      perl\n      -Mbignum=bpi\n",
        "    State:          Running\n      Started:      Thu, 01 Jan 2026 00:00:02 +0000\n",
        "Conditions:\n  Type                        Status\n  PodReadyToStartContainers   True \n",
        "Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n",
        "Events:\n  Type    Reason     Age   From               Message\n  ----    ------     ----  ----               -------\n  Normal  Scheduled  5s    default-scheduler  Successfully assigned default/pi-9s6s4 to node-2\n",
    ] {
        assert!(o.stdout.contains(line), "{line:?} not in\n{}", o.stdout);
    }
    let o = run("job-pi", 30, "describe jobs pi");
    for line in [
        "Completion Mode:  NonIndexed\n",
        "Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\n",
        "Pod Template:\n  Labels:  batch.kubernetes.io/controller-uid=",
        "  Containers:\n   pi:\n    Image:      perl:5.34.0\n",
        "  Normal  SuccessfulCreate  30s   job-controller  Created pod: pi-9s6s4\n",
    ] {
        assert!(o.stdout.contains(line), "{line:?} not in\n{}", o.stdout);
    }
    let o = run(
        "daemonset-fluentd",
        100,
        "describe ds/fluentd-elasticsearch",
    );
    assert!(
        o.stdout.contains("Desired Number of Nodes Scheduled: 5\n"),
        "{}",
        o.stdout
    );
    assert!(o
        .stdout
        .contains("Pods Status:  5 Running / 0 Waiting / 0 Succeeded / 0 Failed\n"));
    let o = run("daemonset-taints", 45, "describe node node-2");
    assert!(
        o.stdout
            .contains("Taints:             maintenance:NoExecute\n"),
        "{}",
        o.stdout
    );
    assert_eq!(
        run("job-pi", 5, "describe pod nope").stderr,
        "Error from server (NotFound): pods \"nope\" not found\n"
    );
}

#[test]
fn explain_should_follow_templates_and_show_enums() {
    let o = run(
        "job-pi",
        0,
        "explain cronjob.spec.jobTemplate.spec.template.spec.restartPolicy",
    );
    assert!(o.stdout.contains("KIND:       CronJob\n"), "{}", o.stdout);
    assert!(
        o.stdout.contains(
            "FIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n"
        ),
        "{}",
        o.stdout
    );
    let o = run("job-pi", 0, "explain ds.spec.updateStrategy");
    assert!(
        o.stdout.contains("FIELDS:\n  type\t<string>\n"),
        "{}",
        o.stdout
    );
    assert_eq!(
        o.stderr,
        "podlab: only the fields podlab simulates are listed\n"
    );
}

#[test]
fn pi_logs_should_print_the_digits_when_the_job_is_done() {
    let o = run("job-pi", 30, "logs job/pi");
    assert_eq!(o.stdout.len(), 2002);
    assert!(o.stdout.starts_with("3.14159265358979323846"));
    assert_eq!(run("job-pi", 5, "logs job/pi").stdout, "");
}

#[test]
fn apply_should_read_the_editor_and_say_what_changed() {
    let text = podlab::scenario::parse(podlab::builtin::find("job-pi").unwrap().text)
        .unwrap()
        .manifests_text;
    assert_eq!(
        run_with("job-pi", 5, "apply -f -", &text).stdout,
        "job.batch/pi unchanged\n"
    );
    let more = text.replace("backoffLimit: 4", "backoffLimit: 5");
    assert_eq!(
        run_with("job-pi", 5, "apply -f -", &more).stdout,
        "job.batch/pi configured\n"
    );
    let other = text.replace("name: pi\n", "name: pi2\n");
    let o = run_with("job-pi", 5, "apply -f -", &other);
    assert_eq!(o.stdout, "job.batch/pi2 created\n");
    assert_eq!(o.changes.len(), 1);
    let image = text.replace("perl:5.34.0", "perl:5.36");
    let o = run_with("job-pi", 5, "apply -f -", &image);
    assert!(
        o.stderr
            .starts_with("The Job \"pi\" is invalid: spec.template: Invalid value: "),
        "{o:?}"
    );
    assert!(o.changes.is_empty());
    assert_eq!(
        run("job-pi", 5, "apply").stderr,
        "error: must specify one of -f and -k\n"
    );
}

/// Forks the run with a command's changes at `at_s` and returns the world `later_s` after.
fn after(id: &str, at_s: u64, line: &str, later_s: u64) -> World {
    let (sim, w) = world(id, at_s);
    let o = kubectl::run(
        line,
        &Context {
            world: &w,
            stdin: "",
        },
    );
    assert!(!o.changes.is_empty(), "`{line}` changes nothing: {o:?}");
    let mut sim = sim;
    for c in o.changes {
        let mut next = sim.fork(SimTime(at_s * 1000), c.action);
        next.run();
        sim = next;
    }
    sim.seek(SimTime((at_s + later_s) * 1000))
}

#[test]
fn changing_commands_should_change_the_cluster() {
    let w = after("bare-pods", 5, "cordon node-1", 1);
    assert!(w
        .store
        .get(Kind::Node, "", "node-1")
        .unwrap()
        .as_node()
        .unwrap()
        .is_unschedulable());
    let w = after(
        "cronjob-hello",
        30,
        "create job manual --from=cronjob/hello",
        1,
    );
    let job = serde_json::to_value(w.store.get(Kind::Job, "default", "manual").unwrap()).unwrap();
    assert_eq!(
        job["metadata"]["annotations"]["cronjob.kubernetes.io/instantiate"],
        "manual"
    );
    assert_eq!(job["metadata"]["ownerReferences"][0]["kind"], "CronJob");
    let w = after(
        "job-parallel",
        5,
        "patch job batch -p '{\"spec\":{\"parallelism\":4}}'",
        2,
    );
    let job = serde_json::to_value(w.store.get(Kind::Job, "default", "batch").unwrap()).unwrap();
    assert_eq!(job["status"]["active"], 4);
    let w = after(
        "daemonset-rollback",
        85,
        "rollout undo daemonset/log-shipper",
        60,
    );
    let ds = serde_json::to_value(
        w.store
            .get(Kind::DaemonSet, "default", "log-shipper")
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        ds["spec"]["template"]["spec"]["containers"][0]["image"],
        "log-shipper:1.0"
    );
    assert_eq!(ds["status"]["updatedNumberScheduled"], 4);
    let w = after(
        "daemonset-node-selector",
        10,
        "label node node-1 disktype=ssd",
        5,
    );
    let pods: Vec<_> = w.store.list(Kind::Pod).collect();
    assert_eq!(pods.len(), 1);
    let w = after("bare-pods", 5, "drain node-1 --force", 40);
    assert!(w.store.get(Kind::Pod, "default", "sleeper").is_none());
}

/// A finished pod its Job no longer reads (counted, its finalizer gone) is read again once it
/// changes: relabelled out of the Job's selector, the Job releases it as a real one does.
#[test]
fn a_finished_pod_relabelled_should_be_released_by_its_job() {
    let owners = |w: &World, name: &str| {
        let pod = w.store.get(Kind::Pod, "default", name).unwrap();
        pod.meta().owner_references.len()
    };
    let (sim, w) = world("job-parallel", 20);
    assert_eq!(owners(&w, "batch-4q7k8"), 1);
    assert_eq!(owners(&sim.seek(SimTime(30_000)), "batch-4q7k8"), 1);
    let yaml = kubectl::run(
        "get pod batch-4q7k8 -o yaml",
        &Context {
            world: &w,
            stdin: "",
        },
    );
    let mine = "batch.kubernetes.io/controller-uid: ";
    let relabelled: String = yaml
        .stdout
        .lines()
        .map(|l| match l.find(mine) {
            Some(at) => format!("{}{mine}other\n", &l[..at]),
            None => format!("{l}\n"),
        })
        .collect();
    assert_ne!(relabelled, yaml.stdout);
    let o = kubectl::run(
        "apply -f -",
        &Context {
            world: &w,
            stdin: &relabelled,
        },
    );
    assert_eq!(o.stdout, "pod/batch-4q7k8 configured\n");
    let mut sim = sim;
    for c in o.changes {
        sim = sim.fork(SimTime(20_000), c.action);
        sim.run();
    }
    let w = sim.seek(SimTime(25_000));
    assert_eq!(owners(&w, "batch-4q7k8"), 0);
    assert_eq!(owners(&w, "batch-qmmz2"), 1);
}

#[test]
fn get_watch_should_print_rows_that_change() {
    let (sim, w) = world("job-parallel", 0);
    let mut o = kubectl::run(
        "get pods -w",
        &Context {
            world: &w,
            stdin: "",
        },
    );
    let mut watch = o.watch.take().expect("a watch");
    assert!(o.stdout.starts_with("NAME "), "{}", o.stdout);
    assert_eq!(watch.poll(&w), "");
    let later = sim.seek(SimTime(12_000));
    let lines = watch.poll(&later);
    assert!(lines.contains("Completed"), "{lines}");
    assert!(!lines.starts_with("NAME"), "{lines}");
    // Only AGE moves between 3 s and 9 s (the second wave runs): kubectl prints nothing then,
    // as no watch event arrives.
    let (sim, w) = world("job-parallel", 3);
    let mut o = kubectl::run(
        "get pods -w",
        &Context {
            world: &w,
            stdin: "",
        },
    );
    let mut watch = o.watch.take().expect("a watch");
    assert_eq!(watch.poll(&sim.seek(SimTime(9_000))), "");
}

#[test]
fn a_pipe_should_be_told_the_console_has_no_shell() {
    let o = run("job-parallel", 5, "get pods | head -3");
    assert!(o.stdout.is_empty());
    assert!(
        o.stderr
            .starts_with("podlab: this console runs one kubectl command and has no shell, so `|`"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr_in(podlab::i18n::Lang::Zh)
            .starts_with("podlab：这个控制台只执行一条 kubectl 命令"),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains("not found"));
}

#[test]
fn tab_should_complete_commands_and_names() {
    let (_, w) = world("daemonset-fluentd", 10);
    assert_eq!(kubectl::complete("kubectl dr", &w), ["drain"]);
    assert_eq!(
        kubectl::complete("drain node-", &w),
        ["node-1", "node-2", "node-3"]
    );
    assert_eq!(
        kubectl::complete("rollout status d", &w),
        ["daemonset/fluentd-elasticsearch"]
    );
}

#[test]
fn logs_follow_should_print_lines_as_the_playhead_reaches_them() {
    let text = "name: follow\ncluster:\n  nodes: 1\nmanifests: |\n  apiVersion: v1\n  kind: Pod\n  metadata: {name: talker}\n  spec:\n    containers: [{name: c, image: busybox, command: [sh, -c, 'echo one; sleep 5; echo two']}]\nuntil: 30s\n";
    let mut sim = Sim::new(podlab::scenario::parse(text).unwrap());
    sim.run();
    let w = sim.seek(SimTime(3_000));
    let mut o = kubectl::run(
        "logs -f talker",
        &Context {
            world: &w,
            stdin: "",
        },
    );
    assert_eq!(o.stdout, "one\n");
    let mut watch = o.watch.take().expect("-f follows");
    assert_eq!(watch.poll(&sim.seek(SimTime(4_000))), "");
    assert_eq!(watch.poll(&sim.seek(SimTime(10_000))), "two\n");
    // The container restarted at 6 s (restartPolicy Always): the stream it followed ended.
    assert_eq!(watch.poll(&sim.seek(SimTime(20_000))), "");
    assert_eq!(watch.poll(&sim.seek(SimTime(29_000))), "");
    // -p is --previous for logs (and --patch elsewhere).
    let o = kubectl::run(
        "logs -p talker",
        &Context {
            world: &w,
            stdin: "",
        },
    );
    assert!(o.stderr.contains("previous terminated container"), "{o:?}");
}
