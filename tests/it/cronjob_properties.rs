//! Property test: random CronJobs (schedule, policy, history limits, deadline, job length and
//! outcome) with suspensions, over many seeds. After every event: under Forbid at most one
//! child Job is unfinished, under Replace at most one unfinished child Job exists at all,
//! lastScheduleTime never goes back, and after each sync of a CronJob its finished Jobs are
//! within the history limits.

use podlab::controllers::record::CronJobSync;
use podlab::engine::Sim;
use podlab::model::{Kind, Object};
use podlab::sim::{Change, Rng, SimTime};
use std::collections::BTreeMap;

/// How many random scenarios one test run tries.
const SEEDS: u64 = 150;

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.below(items.len() as u32) as usize]
}

fn scenario(seed: u64) -> String {
    let mut rng = Rng::new(seed ^ 0x5eed_c0de);
    let mut manifests = String::new();
    let mut steps = String::new();
    let count = 1 + rng.below(3);
    for i in 0..count {
        let schedule = pick(
            &mut rng,
            &[
                "* * * * *",
                "*/2 * * * *",
                "@every 90s",
                "*/3 * * * *",
                "1-59/2 * * * *",
            ],
        );
        let policy = pick(
            &mut rng,
            &["Forbid", "Replace", "Forbid", "Replace", "Allow"],
        );
        let run = 20 + rng.below(240);
        let outcome = pick(&mut rng, &["exit 0", "exit 0", "exit 1"]);
        let ok = rng.below(4);
        let failed = rng.below(3);
        let deadline = match rng.below(3) {
            0 => format!("\n    startingDeadlineSeconds: {}", 10 + rng.below(200)),
            _ => String::new(),
        };
        let spec = |suspend: bool| {
            format!(
                "apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: cj-{i}}}\nspec:\n  schedule: \"{schedule}\"\n  concurrencyPolicy: {policy}\n  suspend: {suspend}\n  successfulJobsHistoryLimit: {ok}\n  failedJobsHistoryLimit: {failed}{}\n  jobTemplate:\n    spec:\n      backoffLimit: 0\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - {{name: main, image: busybox, command: [\"sh\", \"-c\", \"sleep {run}; {outcome}\"]}}\n",
                deadline.replace("\n    ", "\n  ")
            )
        };
        let indent = |text: String, pad: &str| {
            text.lines()
                .map(|l| format!("{pad}{l}\n"))
                .collect::<String>()
        };
        manifests.push_str("  ---\n");
        manifests.push_str(&indent(spec(false), "  "));
        if rng.below(2) == 0 {
            let from = 60 + rng.below(600);
            let to = from + 60 + rng.below(600);
            for (at, suspend) in [(from, true), (to, false)] {
                steps.push_str(&format!(
                    "  - at: {at}s\n    apply: |\n{}",
                    indent(spec(suspend), "      ")
                ));
            }
        }
    }
    let nodes = 2 + rng.below(2);
    let steps = if steps.is_empty() {
        String::new()
    } else {
        format!("steps:\n{steps}")
    };
    format!("name: random-cron-{seed}\nseed: {seed}\ncluster:\n  nodes: {nodes}\nmanifests: |\n{manifests}{steps}until: 30m\n")
}

#[test]
fn random_cronjobs_should_keep_the_concurrency_policy_and_history_limits() {
    let until = SimTime(30 * 60 * 1000);
    let mut created = 0;
    for seed in 0..SEEDS {
        let text = scenario(seed);
        let parsed =
            podlab::scenario::parse(&text).unwrap_or_else(|e| panic!("seed {seed}: {e:?}\n{text}"));
        let mut sim = Sim::new(parsed);
        let mut last_schedule: BTreeMap<String, i64> = BTreeMap::new();
        let mut seen = 0;
        while sim.step_before(until) {
            let w = sim.world();
            let synced: Vec<String> = sim.trace()[seen..]
                .iter()
                .filter_map(|e| e.change.account::<CronJobSync>().map(|s| s.cronjob.clone()))
                .collect();
            seen = sim.trace().len();
            for obj in w.store.list(Kind::CronJob) {
                let Object::CronJob(cj) = obj else { continue };
                let name = &cj.metadata.name;
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
                let unfinished = children.iter().filter(|j| !j.is_finished()).count();
                let policy = cj.spec.concurrency_policy.as_deref().unwrap_or_default();
                if policy != "Allow" && unfinished > 1 {
                    panic!("seed {seed}: {name} ({policy}) has {unfinished} unfinished Jobs at {:?}\n{text}", w.now);
                }
                let status = cj.status.clone().unwrap_or_default();
                if let Some(t) = status.last_schedule_time {
                    let prev = last_schedule.insert(name.clone(), t.0).unwrap_or(i64::MIN);
                    assert!(
                        t.0 >= prev,
                        "seed {seed}: {name} lastScheduleTime went back"
                    );
                }
                if synced.contains(name) {
                    let finished =
                        |c: &str| children.iter().filter(|j| j.has_condition(c)).count() as i32;
                    let ok = cj.spec.successful_jobs_history_limit.unwrap_or(i32::MAX);
                    let failed = cj.spec.failed_jobs_history_limit.unwrap_or(i32::MAX);
                    assert!(
                        finished("Complete") <= ok,
                        "seed {seed}: {name} keeps too many succeeded Jobs\n{text}"
                    );
                    assert!(
                        finished("Failed") <= failed,
                        "seed {seed}: {name} keeps too many failed Jobs\n{text}"
                    );
                }
            }
        }
        assert!(sim.error().is_none(), "seed {seed}: {:?}", sim.error());
        created += sim
            .trace()
            .iter()
            .filter(|e| {
                matches!(
                    &e.change,
                    Change::Created {
                        kind: Kind::Job,
                        ..
                    }
                )
            })
            .count();
    }
    // The runs did schedule work: on average several Jobs per scenario.
    assert!(created as u64 > SEEDS * 3, "only {created} Jobs created");
}
