//! Model test: random clusters (nodes joining, leaving, NotReady, cordoned, tainted) running
//! random Jobs, CronJobs and DaemonSets with random container outcomes. After every event of
//! the run the cross-cutting invariants hold; at rest, the DaemonSets cover exactly the
//! eligible nodes, every Job has finished and no pod is left without its owner.
//!
//! `PODLAB_MODEL_SEEDS` sets how many seeds run (default 200 here; `bash scripts/model.sh`
//! runs 10,000 in a release build). A failure is shrunk to a minimal scenario, which is saved
//! under `tests/regressions/` and printed.

use podlab::controllers::record::{CronJobSync, DaemonSetSync};
use podlab::engine::Sim;
use podlab::model::job::TRACKING_FINALIZER;
use podlab::model::{Kind, Node, Object, PodSpec};
use podlab::sim::Rng;
use std::collections::BTreeMap;
use std::rc::Rc;

const UNTIL_MIN: u64 = 20;

/// A random scenario as data, so that a failing one can be shrunk.
#[derive(Clone, Debug, PartialEq)]
struct Spec {
    seed: u64,
    nodes: Vec<NodeSpec>,
    jobs: Vec<JobSpec>,
    cronjobs: Vec<CronSpec>,
    daemonsets: Vec<DsSpec>,
    /// (second, what happens to a node).
    disruptions: Vec<(u32, Disruption)>,
}

#[derive(Clone, Debug, PartialEq)]
struct NodeSpec {
    ssd: bool,
    taint: Option<(&'static str, &'static str)>,
}

#[derive(Clone, Debug, PartialEq)]
struct JobSpec {
    completions: Option<u32>,
    parallelism: u32,
    backoff: u32,
    on_failure: bool,
    indexed: bool,
    run: u32,
    exit: u32,
}

#[derive(Clone, Debug, PartialEq)]
struct CronSpec {
    every: u32,
    policy: &'static str,
    history: (u32, u32),
    run: u32,
    exit: u32,
}

#[derive(Clone, Debug, PartialEq)]
struct DsSpec {
    ssd_only: bool,
    tolerate_dedicated: bool,
    strategy: &'static str,
    update_at: Option<u32>,
}

#[derive(Clone, Debug, PartialEq)]
enum Disruption {
    /// NotReady for this many seconds.
    NotReady(usize, u32),
    Cordon(usize),
    Uncordon(usize),
    Taint(usize, &'static str),
    Add,
    Remove(usize),
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.below(items.len() as u32) as usize]
}

fn generate(seed: u64) -> Spec {
    let mut rng = Rng::new(seed ^ 0x6d6f_64656c);
    let nodes = (0..2 + rng.below(4))
        .map(|_| NodeSpec {
            ssd: rng.below(2) == 0,
            taint: pick(
                &mut rng,
                &[
                    None,
                    None,
                    None,
                    Some(("dedicated", "NoSchedule")),
                    Some(("gpu", "NoExecute")),
                ],
            ),
        })
        .collect::<Vec<_>>();
    let jobs = (0..rng.below(3))
        .map(|_| JobSpec {
            completions: pick(&mut rng, &[None, Some(1), Some(3), Some(5)]),
            parallelism: 1 + rng.below(3),
            backoff: rng.below(4),
            on_failure: rng.below(3) == 0,
            indexed: rng.below(4) == 0,
            run: 1 + rng.below(8),
            exit: pick(&mut rng, &[0, 0, 0, 1]),
        })
        .collect();
    let cronjobs = (0..rng.below(3))
        .map(|_| CronSpec {
            every: pick(&mut rng, &[1, 2, 5]),
            policy: pick(&mut rng, &["Allow", "Forbid", "Replace"]),
            history: (rng.below(3), rng.below(2)),
            run: pick(&mut rng, &[5, 30, 90, 200]),
            exit: pick(&mut rng, &[0, 0, 1]),
        })
        .collect();
    let daemonsets = (0..rng.below(3))
        .map(|_| DsSpec {
            ssd_only: rng.below(3) == 0,
            tolerate_dedicated: rng.below(2) == 0,
            strategy: pick(
                &mut rng,
                &[
                    "",
                    "{rollingUpdate: {maxUnavailable: 2}}",
                    "{rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}",
                    "{type: OnDelete}",
                ],
            ),
            update_at: pick(&mut rng, &[None, Some(30), Some(90)]),
        })
        .collect();
    let n = nodes.len();
    let disruptions = (0..rng.below(5))
        .map(|_| {
            let at = 5 + rng.below(300);
            let node = rng.below(n as u32) as usize;
            let d = match rng.below(6) {
                0 => Disruption::NotReady(node, 20 + rng.below(120)),
                1 => Disruption::Cordon(node),
                2 => Disruption::Uncordon(node),
                3 => Disruption::Taint(node, pick(&mut rng, &["NoSchedule", "NoExecute"])),
                4 => Disruption::Add,
                _ => Disruption::Remove(node),
            };
            (at, d)
        })
        .collect();
    Spec {
        seed,
        nodes,
        jobs,
        cronjobs,
        daemonsets,
        disruptions,
    }
}

fn command(run: u32, exit: u32) -> String {
    format!("[\"sh\", \"-c\", \"sleep {run}; exit {exit}\"]")
}

fn render(spec: &Spec) -> String {
    let mut nodes = String::new();
    for (i, n) in spec.nodes.iter().enumerate() {
        let taint = n
            .taint
            .map(|(k, e)| format!(", taints: [{{key: {k}, effect: {e}}}]"))
            .unwrap_or_default();
        let disk = if n.ssd { "ssd" } else { "hdd" };
        nodes.push_str(&format!(
            "    - {{name: node-{i}, labels: {{disk: {disk}}}{taint}}}\n"
        ));
    }
    let mut m = String::new();
    for (i, j) in spec.jobs.iter().enumerate() {
        let completions = j
            .completions
            .map(|c| format!("\n    completions: {c}"))
            .unwrap_or_default();
        let mode = if j.indexed && j.completions.is_some() {
            "\n    completionMode: Indexed"
        } else {
            ""
        };
        let policy = if j.on_failure { "OnFailure" } else { "Never" };
        m.push_str(&format!(
            "  ---\n  apiVersion: batch/v1\n  kind: Job\n  metadata: {{name: job-{i}}}\n  spec:\n    parallelism: {}{completions}{mode}\n    backoffLimit: {}\n    template:\n      spec:\n        restartPolicy: {policy}\n        containers: [{{name: main, image: busybox, command: {}}}]\n",
            j.parallelism, j.backoff, command(j.run, j.exit)
        ));
    }
    for (i, c) in spec.cronjobs.iter().enumerate() {
        m.push_str(&format!(
            "  ---\n  apiVersion: batch/v1\n  kind: CronJob\n  metadata: {{name: cron-{i}}}\n  spec:\n    schedule: \"*/{} * * * *\"\n    concurrencyPolicy: {}\n    successfulJobsHistoryLimit: {}\n    failedJobsHistoryLimit: {}\n    jobTemplate:\n      spec:\n        backoffLimit: 0\n        template:\n          spec:\n            restartPolicy: Never\n            containers: [{{name: main, image: busybox, command: {}}}]\n",
            c.every, c.policy, c.history.0, c.history.1, command(c.run, c.exit)
        ));
    }
    let ds = |i: usize, d: &DsSpec, image: &str, pad: &str| {
        let strategy = if d.strategy.is_empty() {
            String::new()
        } else {
            format!("\n  updateStrategy: {}", d.strategy)
        };
        let selector = if d.ssd_only {
            "\n    nodeSelector: {disk: ssd}"
        } else {
            ""
        };
        let tolerate = if d.tolerate_dedicated {
            "\n    tolerations: [{key: dedicated, operator: Exists}]"
        } else {
            ""
        };
        format!(
            "---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: ds-{i}}}\nspec:\n  selector: {{matchLabels: {{app: ds-{i}}}}}{strategy}\n  template:\n   metadata: {{labels: {{app: ds-{i}}}}}\n   spec:{selector}{tolerate}\n    terminationGracePeriodSeconds: 3\n    containers: [{{name: agent, image: \"{image}\", command: [sleep, \"100000\"]}}]\n"
        )
        .lines()
        .map(|l| format!("{pad}{l}\n"))
        .collect::<String>()
    };
    let mut steps = String::new();
    for (i, d) in spec.daemonsets.iter().enumerate() {
        m.push_str(&ds(i, d, "agent:v1", "  "));
        if let Some(at) = d.update_at {
            steps.push_str(&format!(
                "  - at: {at}s\n    apply: |\n{}",
                ds(i, d, "agent:v2", "      ")
            ));
        }
    }
    for (at, d) in &spec.disruptions {
        let step = match d {
            Disruption::NotReady(n, secs) => {
                steps.push_str(&format!(
                    "  - {{at: {}s, setNode: {{name: node-{n}, ready: true}}}}\n",
                    at + secs
                ));
                format!("setNode: {{name: node-{n}, ready: false}}")
            }
            Disruption::Cordon(n) => format!("setNode: {{name: node-{n}, unschedulable: true}}"),
            Disruption::Uncordon(n) => format!("setNode: {{name: node-{n}, unschedulable: false}}"),
            Disruption::Taint(n, e) => {
                format!("setNode: {{name: node-{n}, taints: [{{key: gpu, effect: {e}}}]}}")
            }
            Disruption::Add => format!("addNode: {{name: extra-{at}, labels: {{disk: ssd}}}}"),
            Disruption::Remove(n) => format!("removeNode: node-{n}"),
        };
        steps.push_str(&format!("  - {{at: {at}s, {step}}}\n"));
    }
    let steps = if steps.is_empty() {
        String::new()
    } else {
        format!("steps:\n{steps}")
    };
    let manifests = if m.is_empty() {
        String::new()
    } else {
        format!("manifests: |\n{m}")
    };
    format!(
        "name: model-{}\nseed: {}\ncluster:\n  nodes:\n{nodes}{manifests}{steps}until: {UNTIL_MIN}m\n",
        spec.seed, spec.seed
    )
}

fn tolerated(spec: &PodSpec, key: &str, effect: &str) -> bool {
    // The DaemonSet controller adds these to every daemon pod.
    const DAEMON: &[(&str, &str)] = &[
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];
    DAEMON.contains(&(key, effect))
        || spec.tolerations.iter().any(|t| {
            let key_ok =
                t.key == key || (t.key.is_empty() && t.operator.as_deref() == Some("Exists"));
            key_ok && (t.effect.is_empty() || t.effect == effect)
        })
}

/// The oracle, written from the documentation rather than the controller: a node must run a
/// daemon pod when it matches the nodeSelector and every NoSchedule / NoExecute taint is
/// tolerated; it must not when it fails the selector or a NoExecute taint is not tolerated.
fn must_run(spec: &PodSpec, node: &Node) -> Option<bool> {
    let labels = &node.metadata.labels;
    if spec
        .node_selector
        .iter()
        .any(|(k, v)| labels.get(k) != Some(v))
    {
        return Some(false);
    }
    let untolerated = |effect: &str| {
        node.spec
            .taints
            .iter()
            .any(|t| t.effect == effect && !tolerated(spec, &t.key, effect))
    };
    if untolerated("NoExecute") {
        Some(false)
    } else if untolerated("NoSchedule") {
        None // may keep a pod it already has
    } else {
        Some(true)
    }
}

fn rv(o: &Object) -> u64 {
    o.meta()
        .resource_version
        .as_deref()
        .unwrap_or("0")
        .parse()
        .unwrap_or(0)
}

#[derive(Default)]
struct JobSeen {
    succeeded: i32,
    failed: i32,
    finished: Option<bool>,
}

/// Runs the scenario and checks every invariant; the first violation, if any.
fn check(text: &str) -> Result<(), String> {
    let parsed = podlab::scenario::parse(text).map_err(|e| format!("does not parse: {e:?}"))?;
    let until = parsed.until;
    let mut sim = Sim::new(parsed);
    let mut last_rv = 0u64;
    let mut objects: BTreeMap<String, Rc<Object>> = BTreeMap::new();
    let mut jobs: BTreeMap<String, JobSeen> = BTreeMap::new();
    let mut seen = 0;
    // Pods' readiness before the current step, to judge what a rolling update deletes.
    let mut ready_before: BTreeMap<String, bool> = BTreeMap::new();
    while sim.step_before(until) {
        let w = sim.world();
        let at = w.now;
        let now = w.wall_now();
        let err = |m: String| Err(format!("at {at}: {m}"));
        // resourceVersion: the store's never goes back; an object's grows with every write.
        let store_rv = w.store.resource_version();
        if store_rv < last_rv {
            return err(format!(
                "store resourceVersion went back {last_rv} → {store_rv}"
            ));
        }
        if store_rv == last_rv && !objects.is_empty() {
            // Nothing was written: nothing the invariants read has changed.
            seen = sim.trace().len();
            continue;
        }
        last_rv = store_rv;
        let mut next = BTreeMap::new();
        for kind in Kind::ALL {
            for o in w.store.list_shared(kind) {
                let uid = o.meta().uid().to_string();
                if let Some(old) = objects.get(&uid) {
                    if !Rc::ptr_eq(old, o) && rv(o) <= rv(old) {
                        return err(format!(
                            "{} {} written without a newer resourceVersion ({} → {})",
                            kind.name(),
                            o.meta().name,
                            rv(old),
                            rv(o)
                        ));
                    }
                }
                if rv(o) > store_rv {
                    return err(format!(
                        "{} {} has resourceVersion {} beyond the store's {store_rv}",
                        kind.name(),
                        o.meta().name,
                        rv(o)
                    ));
                }
                if o.meta().creation_timestamp.is_some_and(|t| t > now) {
                    return err(format!(
                        "{} {} was created in the future",
                        kind.name(),
                        o.meta().name
                    ));
                }
                next.insert(uid, Rc::clone(o));
            }
        }
        objects = next;
        for e in w.store.events() {
            if e.last_timestamp.is_some_and(|t| t > now) || e.first_timestamp > e.last_timestamp {
                return err(format!(
                    "event {} has a timestamp in the future or out of order",
                    e.metadata.name
                ));
            }
        }
        // Jobs: active within parallelism, counters monotonic, one terminal condition, once.
        let pods: Vec<_> = w.store.list(Kind::Pod).filter_map(Object::as_pod).collect();
        for job in w.store.list(Kind::Job).filter_map(Object::as_job) {
            let st = job.status();
            let name = &job.metadata.name;
            let parallelism = job.spec.parallelism.unwrap_or(1);
            let active = pods
                .iter()
                .filter(|p| {
                    p.metadata
                        .controller_ref()
                        .is_some_and(|r| r.uid == job.metadata.uid())
                })
                .filter(|p| !p.is_terminal() && !p.metadata.is_terminating())
                .count() as i32;
            if active > parallelism || st.active > parallelism {
                return err(format!(
                    "job {name}: {active} active pods (status {}) > parallelism {parallelism}",
                    st.active
                ));
            }
            // The pods a sync skips (those outside its set of unsettled pods) are settled:
            // finished, released and matching, so skipping them changes no decision.
            if let Some(unsettled) = w.controllers.job.unsettled.get(job.metadata.uid()) {
                let selector = job.spec.selector.clone().unwrap_or_default();
                let skipped = pods.iter().filter(|p| {
                    p.metadata
                        .controller_ref()
                        .is_some_and(|r| r.uid == job.metadata.uid())
                        && !unsettled.contains(p.metadata.name.as_str())
                });
                for p in skipped {
                    let held = p
                        .metadata
                        .finalizers
                        .iter()
                        .any(|f| f == TRACKING_FINALIZER);
                    if !p.is_terminal() || held || !selector.matches(&p.metadata.labels) {
                        return err(format!(
                            "job {name}: pod {} is skipped by its syncs but not settled",
                            p.metadata.name
                        ));
                    }
                }
            }
            let (complete, failed) = (job.has_condition("Complete"), job.has_condition("Failed"));
            if complete && failed {
                return err(format!("job {name}: both Complete and Failed"));
            }
            let prev = jobs.entry(job.metadata.uid().to_string()).or_default();
            if st.succeeded < prev.succeeded || st.failed < prev.failed {
                return err(format!("job {name}: counters went down"));
            }
            let finished = (complete || failed).then_some(complete);
            if prev.finished.is_some() && finished != prev.finished {
                return err(format!("job {name}: terminal condition changed"));
            }
            *prev = JobSeen {
                succeeded: st.succeeded,
                failed: st.failed,
                finished,
            };
        }
        // CronJobs: Forbid and Replace never run two Jobs; history limits after each sync.
        let synced: Vec<String> = sim.trace()[seen..]
            .iter()
            .filter_map(|e| e.change.account::<CronJobSync>().map(|s| s.cronjob.clone()))
            .collect();
        // A DaemonSet's rolling update deletes available pods only while fewer nodes than
        // maxUnavailable are unavailable already (an unavailable old pod may always go).
        for e in &sim.trace()[seen..] {
            let Some(s) = e.change.account::<DaemonSetSync>() else {
                continue;
            };
            let Some((0, max_unavailable, in_flight)) = s.rollout else {
                continue;
            };
            let available_deleted = s
                .deleted
                .iter()
                .filter(|p| ready_before.get(*p).copied().unwrap_or(false))
                .count() as i64;
            if available_deleted > (max_unavailable - in_flight).max(0) {
                return err(format!(
                    "daemonset {}: {available_deleted} available pods deleted with {in_flight} of {max_unavailable} nodes already unavailable",
                    s.daemonset
                ));
            }
        }
        seen = sim.trace().len();
        for cj in w.store.list(Kind::CronJob).filter_map(Object::as_cronjob) {
            let children: Vec<_> = w
                .store
                .list(Kind::Job)
                .filter_map(Object::as_job)
                .filter(|j| {
                    j.metadata
                        .controller_ref()
                        .is_some_and(|r| r.uid == cj.metadata.uid())
                })
                .collect();
            let policy = cj.spec.concurrency_policy.as_deref().unwrap_or("Allow");
            let running = children
                .iter()
                .filter(|j| !j.is_finished() && !j.metadata.is_terminating())
                .count();
            if policy != "Allow" && running > 1 {
                return err(format!(
                    "cronjob {} ({policy}) runs {running} Jobs",
                    cj.metadata.name
                ));
            }
            if synced.contains(&cj.metadata.name) {
                let count = |c: &str| children.iter().filter(|j| j.has_condition(c)).count() as i32;
                if count("Complete") > cj.spec.successful_jobs_history_limit.unwrap_or(3)
                    || count("Failed") > cj.spec.failed_jobs_history_limit.unwrap_or(1)
                {
                    return err(format!(
                        "cronjob {} keeps more finished Jobs than its history limits",
                        cj.metadata.name
                    ));
                }
            }
        }
        // The scheduler's cache of pods per node agrees with the store.
        let mut bound: BTreeMap<String, usize> = BTreeMap::new();
        for p in pods.iter().filter(|p| !p.is_terminal()) {
            if let Some(n) = p.node_name() {
                *bound.entry(n.to_string()).or_default() += 1;
            }
        }
        if &bound != w.scheduler.pods_on() {
            return err(format!(
                "the scheduler's cache {:?} differs from the store's pods {bound:?}",
                w.scheduler.pods_on()
            ));
        }
        // DaemonSets: never two live pods of one DaemonSet on a node (three with a surge).
        let mut per_node: BTreeMap<(String, String), usize> = BTreeMap::new();
        for p in &pods {
            if p.is_terminal() || p.metadata.is_terminating() {
                continue;
            }
            let Some(owner) = p
                .metadata
                .controller_ref()
                .filter(|r| r.kind == "DaemonSet")
            else {
                continue;
            };
            if let Some(node) = podlab::controllers::daemonset::listing::target_node(p) {
                *per_node
                    .entry((owner.name.clone(), node.to_string()))
                    .or_default() += 1;
            }
        }
        if let Some(((ds, node), n)) = per_node.iter().find(|(_, n)| **n > 2) {
            return err(format!("daemonset {ds} has {n} live pods on {node}"));
        }
        ready_before = pods
            .iter()
            .map(|p| (p.metadata.name.clone(), p.is_ready()))
            .collect();
    }
    if let Some(e) = sim.error() {
        return Err(format!("the run stopped: {e}"));
    }
    // At rest.
    let w = sim.world();
    let uids: std::collections::BTreeSet<&str> = Kind::ALL
        .iter()
        .flat_map(|k| w.store.list(*k))
        .map(|o| o.meta().uid())
        .collect();
    for p in w.store.list(Kind::Pod).filter_map(Object::as_pod) {
        if let Some(r) = p
            .metadata
            .owner_references
            .iter()
            .find(|r| !uids.contains(r.uid.as_str()))
        {
            return Err(format!(
                "at rest: pod {} is an orphan of {} {}",
                p.metadata.name, r.kind, r.name
            ));
        }
    }
    // A Job has finished unless no node will take its pods (all tainted, cordoned or gone).
    for job in w.store.list(Kind::Job).filter_map(Object::as_job) {
        let unscheduled = w
            .store
            .list(Kind::Pod)
            .filter_map(Object::as_pod)
            .filter(|p| {
                p.metadata
                    .controller_ref()
                    .is_some_and(|r| r.uid == job.metadata.uid())
            })
            .any(|p| p.node_name().is_none());
        if job.metadata.controller_ref().is_none() && !job.is_finished() && !unscheduled {
            return Err(format!("at rest: job {} never finished", job.metadata.name));
        }
    }
    for ds in w
        .store
        .list(Kind::DaemonSet)
        .filter_map(Object::as_daemonset)
    {
        let spec = &ds.spec.template.spec;
        for node in w.store.list(Kind::Node).filter_map(Object::as_node) {
            let on_node = w
                .store
                .list(Kind::Pod)
                .filter_map(Object::as_pod)
                .filter(|p| !p.metadata.is_terminating() && !p.is_terminal())
                .filter(|p| p.node_name() == Some(node.metadata.name.as_str()))
                .filter(|p| {
                    p.metadata
                        .controller_ref()
                        .is_some_and(|r| r.uid == ds.metadata.uid())
                })
                .count();
            let ok = match must_run(spec, node) {
                Some(true) => on_node == 1,
                Some(false) => on_node == 0,
                None => on_node <= 1,
            };
            if !ok {
                return Err(format!(
                    "at rest: daemonset {} has {on_node} pods on {} (must run: {:?})",
                    ds.metadata.name,
                    node.metadata.name,
                    must_run(spec, node)
                ));
            }
        }
    }
    Ok(())
}

/// Smaller variants of a spec, simplest first.
fn reductions(spec: &Spec) -> Vec<Spec> {
    let mut out = Vec::new();
    let mut push = |f: &dyn Fn(&mut Spec)| {
        let mut s = spec.clone();
        f(&mut s);
        if s != *spec {
            out.push(s);
        }
    };
    for i in 0..spec.disruptions.len() {
        push(&|s| {
            s.disruptions.remove(i);
        });
    }
    for i in 0..spec.jobs.len() {
        push(&|s| {
            s.jobs.remove(i);
        });
    }
    for i in 0..spec.cronjobs.len() {
        push(&|s| {
            s.cronjobs.remove(i);
        });
    }
    for i in 0..spec.daemonsets.len() {
        push(&|s| {
            s.daemonsets.remove(i);
        });
    }
    let last = spec.nodes.len().saturating_sub(1);
    let uses_last = spec.disruptions.iter().any(|(_, d)| match d {
        Disruption::NotReady(n, _)
        | Disruption::Cordon(n)
        | Disruption::Uncordon(n)
        | Disruption::Taint(n, _)
        | Disruption::Remove(n) => *n == last,
        Disruption::Add => false,
    });
    if spec.nodes.len() > 1 && !uses_last {
        push(&|s| {
            s.nodes.pop();
        });
    }
    for i in 0..spec.jobs.len() {
        push(&|s| s.jobs[i].parallelism = 1);
        push(&|s| s.jobs[i].completions = s.jobs[i].completions.map(|c| c.min(1)));
        push(&|s| s.jobs[i].backoff = 0);
    }
    for i in 0..spec.nodes.len() {
        push(&|s| s.nodes[i].taint = None);
    }
    out
}

/// Shrinks a failing spec while `fails` still holds of it.
fn shrink(mut spec: Spec, fails: &dyn Fn(&Spec) -> bool) -> Spec {
    'outer: loop {
        for smaller in reductions(&spec) {
            if fails(&smaller) {
                spec = smaller;
                continue 'outer;
            }
        }
        return spec;
    }
}

fn seeds() -> u64 {
    std::env::var("PODLAB_MODEL_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200)
}

#[test]
fn random_clusters_should_keep_every_invariant_at_every_step() {
    let first: u64 = std::env::var("PODLAB_MODEL_FIRST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut kinds = [0usize; 4];
    for seed in first..first + seeds() {
        let spec = generate(seed);
        kinds[0] += spec.jobs.len();
        kinds[1] += spec.cronjobs.len();
        kinds[2] += spec.daemonsets.len();
        kinds[3] += spec.disruptions.len();
        let text = render(&spec);
        if let Err(why) = check(&text) {
            let minimal = shrink(spec, &|s| check(&render(s)).is_err());
            let text = render(&minimal);
            let why_minimal = check(&text).err().unwrap_or(why);
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(format!("model-{seed}.yaml"));
            std::fs::write(&path, format!("# {why_minimal}\n{text}")).unwrap();
            panic!(
                "seed {seed}: {why_minimal}\nminimal scenario saved to {}:\n{text}",
                path.display()
            );
        }
    }
    // The generator does exercise every part.
    let n = seeds() as usize;
    assert!(
        kinds.iter().all(|k| *k * 2 > n),
        "too few of some kind: {kinds:?}"
    );
}

#[test]
fn every_saved_regression_should_pass() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        if let Err(why) = check(&text) {
            panic!("{}: {why}", entry.path().display());
        }
    }
}

#[test]
fn shrinking_should_keep_only_what_the_failure_needs() {
    // An artificial failure: any Job with parallelism 3 or more.
    let fails = |s: &Spec| s.jobs.iter().any(|j| j.parallelism >= 3);
    let seed = (0..)
        .find(|&s| fails(&generate(s)) && generate(s).disruptions.len() > 1)
        .unwrap();
    let minimal = shrink(generate(seed), &fails);
    assert_eq!(minimal.jobs.len(), 1);
    assert!(minimal.jobs[0].parallelism >= 3);
    assert!(minimal.cronjobs.is_empty() && minimal.daemonsets.is_empty());
    assert!(minimal.disruptions.is_empty());
    assert_eq!(minimal.nodes.len(), 1);
    assert!(podlab::scenario::parse(&render(&minimal)).is_ok());
}

#[test]
fn the_checks_should_catch_a_broken_invariant() {
    let spec = Spec {
        seed: 1,
        nodes: vec![NodeSpec {
            ssd: true,
            taint: None,
        }],
        jobs: vec![JobSpec {
            completions: Some(1),
            parallelism: 1,
            backoff: 0,
            on_failure: false,
            indexed: false,
            run: 1,
            exit: 0,
        }],
        cronjobs: vec![],
        daemonsets: vec![],
        disruptions: vec![],
    };
    let text = render(&spec);
    assert!(check(&text).is_ok());
    // A Job whose pod outlives the run has not finished at rest.
    let why = check(&text.replace("sleep 1;", "sleep 100000;")).unwrap_err();
    assert!(why.contains("job job-0 never finished"), "{why}");
}
