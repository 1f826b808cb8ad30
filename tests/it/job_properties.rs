//! Property test: random Jobs (completions, parallelism, backoffLimit, restart policy, mode)
//! with random container outcomes and disruptions, over many seeds. After every event of the
//! run the invariants hold; at the end every Job has finished.

use podlab::engine::Sim;
use podlab::model::{Kind, Object};
use podlab::sim::{Rng, SimTime};

/// How many random scenarios one test run tries.
const SEEDS: u64 = 120;

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.below(items.len() as u32) as usize]
}

/// A random scenario: one to three Jobs on two to four nodes, with pods that succeed or fail.
fn scenario(seed: u64) -> String {
    let mut rng = Rng::new(seed ^ 0x9e37_79b9);
    let mut manifests = String::new();
    let jobs = 1 + rng.below(3);
    for j in 0..jobs {
        let completions = rng.below(6);
        let parallelism = 1 + rng.below(4);
        let backoff = rng.below(4);
        let policy = pick(&mut rng, &["Never", "Never", "OnFailure"]);
        let indexed = rng.below(4) == 0 && completions > 0;
        let run = 1 + rng.below(6);
        let outcome = pick(&mut rng, &["exit 0", "exit 0", "exit 1", "true"]);
        let command = format!("sleep {run}; {outcome}");
        let completions_line = if completions == 0 {
            String::new()
        } else {
            format!("\n    completions: {completions}")
        };
        let mode = if indexed {
            "\n    completionMode: Indexed"
        } else {
            ""
        };
        manifests.push_str(&format!(
            "  ---\n  apiVersion: batch/v1\n  kind: Job\n  metadata: {{name: job-{j}}}\n  spec:\n    parallelism: {parallelism}{completions_line}\n    backoffLimit: {backoff}{mode}\n    template:\n      spec:\n        restartPolicy: {policy}\n        containers:\n        - {{name: main, image: busybox, command: [\"sh\", \"-c\", \"{command}\"]}}\n"
        ));
    }
    let nodes = 2 + rng.below(3);
    let mut steps = String::new();
    for _ in 0..rng.below(4) {
        let at = 1 + rng.below(60);
        let j = rng.below(jobs);
        let code = pick(&mut rng, &["0", "1", "2"]);
        steps.push_str(&format!("  - {{at: {at}s, failPod: {{selector: job-name=job-{j}, count: 1, exitCode: {code}}}}}\n"));
    }
    if rng.below(3) == 0 {
        let at = 5 + rng.below(30);
        steps.push_str(&format!("  - {{at: {at}s, setNode: {{name: node-1, ready: false}}}}\n  - {{at: {}s, setNode: {{name: node-1, ready: true}}}}\n", at + 400));
    }
    let steps = if steps.is_empty() {
        String::new()
    } else {
        format!("steps:\n{steps}")
    };
    format!("name: random-{seed}\nseed: {seed}\ncluster:\n  nodes: {nodes}\nmanifests: |\n{manifests}{steps}until: 40m\n")
}

#[derive(Default, Clone)]
struct Seen {
    succeeded: i32,
    failed: i32,
    finished: Option<&'static str>,
}

#[test]
fn random_jobs_should_keep_the_controllers_invariants_at_every_step() {
    let until = SimTime(40 * 60 * 1000);
    for seed in 0..SEEDS {
        let text = scenario(seed);
        let parsed =
            podlab::scenario::parse(&text).unwrap_or_else(|e| panic!("seed {seed}: {e:?}\n{text}"));
        let mut sim = Sim::new(parsed);
        let mut seen: std::collections::BTreeMap<String, Seen> = Default::default();
        let fail = |msg: String| panic!("seed {seed} at {:?}: {msg}\n{text}", "see trace");
        let mut steps = 0;
        while sim.step_before(until) {
            steps += 1;
            let w = sim.world();
            let rv = w.store.resource_version();
            for obj in w.store.list(Kind::Job) {
                let Object::Job(job) = obj else { continue };
                let st = job.status();
                let uid = job.metadata.uid();
                let parallelism = job.spec.parallelism.unwrap_or(1);
                let owned: Vec<_> = w
                    .store
                    .list(Kind::Pod)
                    .filter_map(Object::as_pod)
                    .filter(|p| p.metadata.controller_ref().is_some_and(|r| r.uid == uid))
                    .collect();
                let running = owned
                    .iter()
                    .filter(|p| !p.is_terminal() && !p.metadata.is_terminating())
                    .count() as i32;
                if running > parallelism {
                    fail(format!(
                        "job {}: {running} active pods > parallelism {parallelism} (step {steps})",
                        job.metadata.name
                    ));
                }
                if st.active > parallelism {
                    fail(format!(
                        "job {}: status.active {} > parallelism {parallelism}",
                        job.metadata.name, st.active
                    ));
                }
                if let Some(c) = job.spec.completions {
                    if st.succeeded > c {
                        fail(format!(
                            "job {}: succeeded {} > completions {c}",
                            job.metadata.name, st.succeeded
                        ));
                    }
                }
                let prev = seen.entry(job.metadata.name.clone()).or_default();
                if st.succeeded < prev.succeeded || st.failed < prev.failed {
                    fail(format!(
                        "job {}: counters went down ({} → {}, {} → {})",
                        job.metadata.name, prev.succeeded, st.succeeded, prev.failed, st.failed
                    ));
                }
                let complete = job.has_condition("Complete");
                let failed = job.has_condition("Failed");
                if complete && failed {
                    fail(format!(
                        "job {}: both Complete and Failed",
                        job.metadata.name
                    ));
                }
                let now_finished = if complete {
                    Some("Complete")
                } else if failed {
                    Some("Failed")
                } else {
                    None
                };
                if prev.finished.is_some() && now_finished != prev.finished {
                    fail(format!(
                        "job {}: terminal condition changed from {:?} to {now_finished:?}",
                        job.metadata.name, prev.finished
                    ));
                }
                *prev = Seen {
                    succeeded: st.succeeded,
                    failed: st.failed,
                    finished: now_finished,
                };
            }
            // No pod of a live Job is without its owner reference.
            for pod in w.store.list(Kind::Pod).filter_map(Object::as_pod) {
                if let Some(job_name) = pod.metadata.labels.get("job-name") {
                    if let Some(job) = w.store.get(Kind::Job, "default", job_name) {
                        let owned = pod
                            .metadata
                            .owner_references
                            .iter()
                            .any(|r| r.uid == job.meta().uid());
                        if !owned {
                            fail(format!(
                                "pod {} of live job {job_name} has no owner reference",
                                pod.metadata.name
                            ));
                        }
                    }
                }
                let rv_pod: u64 = pod
                    .metadata
                    .resource_version
                    .as_deref()
                    .unwrap_or("0")
                    .parse()
                    .unwrap_or(0);
                if rv_pod > rv {
                    fail(format!(
                        "pod {} has resourceVersion {rv_pod} beyond the store's {rv}",
                        pod.metadata.name
                    ));
                }
            }
        }
        assert!(sim.error().is_none(), "seed {seed}: {:?}", sim.error());
        for obj in sim.world().store.list(Kind::Job) {
            let job = obj.as_job().unwrap();
            assert!(
                job.is_finished(),
                "seed {seed}: job {} never finished: {:?}\n{text}",
                job.metadata.name,
                job.status
            );
        }
    }
}
