//! The judges: each reads a challenge's run (see `observe.rs`) and says what happened there, in
//! both languages — the first broken rule first, or why the goal is met.

use super::observe::{self, image, jobs_of, node_of, pods_of, ready, running, Run};
use super::{clock, Finding, Judgement};
use crate::model::daemonset::IntOrString;
use crate::model::job::Job;
use crate::model::Kind;
use crate::scenario::Localized;
use crate::sim::SimTime;
use std::collections::BTreeSet;

fn say(en: String, zh: String, at: Option<SimTime>) -> Finding {
    Finding {
        text: Localized { en, zh },
        at,
    }
}

/// The judgement: failures first; it passes when there are none, with the passing notes.
fn verdict(failures: Vec<Finding>, passing: Vec<Finding>) -> Judgement {
    if failures.is_empty() {
        Judgement {
            passed: true,
            findings: passing,
        }
    } else {
        Judgement {
            passed: false,
            findings: failures,
        }
    }
}

fn missing(kind: &str, name: &str) -> Judgement {
    verdict(
        vec![say(
            format!("There is no {kind} named {name} at the end of the run."),
            format!("运行结束时不存在名为 {name} 的 {kind}。"),
            None,
        )],
        Vec::new(),
    )
}

/// The first True condition among Complete and Failed, with its reason.
fn ending(job: &Job) -> Option<(&str, &str)> {
    let s = job.status.as_ref()?;
    s.conditions
        .iter()
        .find(|c| (c.type_ == "Complete" || c.type_ == "Failed") && c.status == "True")
        .map(|c| (c.type_.as_str(), c.reason.as_str()))
}

fn ended_as(job: &Job) -> String {
    ending(job).map_or("still active".into(), |(t, _)| t.to_string())
}

/// A finding unless the Job `name` ended with the condition `want` (Complete or Failed).
fn expect_ending(name: &str, job: &Job, want: &str, fails: &mut Vec<Finding>) {
    if ending(job).map(|e| e.0) != Some(want) {
        fails.push(say(
            format!("{name} did not end {want} (it ended {}).", ended_as(job)),
            format!("{name} 没有以 {want} 结束（结束状态：{}）。", ended_as(job)),
            None,
        ));
    }
}

/// Running pods of a Job over the run: the first moment above `most`, the first moment at
/// exactly `most`, and the highest count with its moment.
struct Peak {
    over: Option<(SimTime, usize)>,
    reached: Option<SimTime>,
    max: (usize, SimTime),
}

fn running_peak(run: &Run<'_>, job: &str, most: usize) -> Peak {
    let mut p = Peak {
        over: None,
        reached: None,
        max: (0, run.from()),
    };
    run.each_moment(|t, w| {
        let n = pods_of(w, Kind::Job, job)
            .into_iter()
            .filter(|p| running(p))
            .count();
        if n > most && p.over.is_none() {
            p.over = Some((t, n));
        }
        if n == most && p.reached.is_none() {
            p.reached = Some(t);
        }
        if n > p.max.0 {
            p.max = (n, t);
        }
    });
    p
}

fn peak_findings(name: &str, most: usize, p: &Peak, fails: &mut Vec<Finding>) {
    if let Some((t, n)) = p.over {
        fails.push(say(
            format!(
                "At {} {n} pods of {name} were Running; the goal allows {most}.",
                clock(t)
            ),
            format!(
                "{} 时 {name} 有 {n} 个 Pod 在 Running；目标最多允许 {most} 个。",
                clock(t)
            ),
            Some(t),
        ));
    } else if p.reached.is_none() {
        let (n, t) = p.max;
        fails.push(say(
            format!(
                "At no moment were {most} pods of {name} Running at once (at most {n}, at {}).",
                clock(t)
            ),
            format!(
                "{name} 从未同时有 {most} 个 Pod 在 Running（最多 {n} 个，在 {}）。",
                clock(t)
            ),
            Some(t),
        ));
    }
}

pub(super) fn six_by_three(run: &Run<'_>) -> Judgement {
    let Some(job) = observe::job(run.end(), "six") else {
        return missing("Job", "six");
    };
    let mut fails = Vec::new();
    let p = running_peak(run, "six", 3);
    peak_findings("six", 3, &p, &mut fails);
    let succeeded = job.status.as_ref().map_or(0, |s| s.succeeded);
    expect_ending("six", job, "Complete", &mut fails);
    if succeeded != 6 {
        fails.push(say(
            format!("six ended with {succeeded} succeeded pods; the goal is exactly 6."),
            format!("six 最终有 {succeeded} 个成功的 Pod；目标是恰好 6 个。"),
            None,
        ));
    }
    let at = p.reached.unwrap_or_default();
    verdict(
        fails,
        vec![say(
            format!(
                "six ended Complete with 6 succeeded pods; from {} three ran at once, never more.",
                clock(at)
            ),
            format!(
                "six 以 Complete 结束，6 个 Pod 成功；从 {} 起同时运行 3 个，从未超过。",
                clock(at)
            ),
            Some(at),
        )],
    )
}

/// The distinct pods of a Job that reached phase Failed during the run, with the moment of
/// the last one.
fn failed_pods(run: &Run<'_>, job: &str) -> (usize, SimTime) {
    let mut seen = BTreeSet::new();
    let mut last = run.from();
    run.each_moment(|t, w| {
        for p in pods_of(w, Kind::Job, job) {
            if p.phase() == "Failed" && seen.insert(p.metadata.name.clone()) {
                last = t;
            }
        }
    });
    (seen.len(), last)
}

pub(super) fn three_strikes(run: &Run<'_>) -> Judgement {
    let Some(job) = observe::job(run.end(), "strikes") else {
        return missing("Job", "strikes");
    };
    let (failed, last) = failed_pods(run, "strikes");
    let mut fails = Vec::new();
    expect_ending("strikes", job, "Failed", &mut fails);
    if failed != 3 {
        fails.push(say(
            format!("{failed} pods of strikes reached phase Failed; the goal is exactly 3 (a container restarted in place does not fail its pod)."),
            format!("strikes 有 {failed} 个 Pod 进入 Failed 阶段；目标是恰好 3 个（原地重启的容器不会让 Pod 失败）。"),
            Some(last),
        ));
    }
    verdict(
        fails,
        vec![say(
            format!(
                "strikes ended Failed after its third pod failed at {}.",
                clock(last)
            ),
            format!(
                "strikes 在第三个 Pod 于 {} 失败后以 Failed 结束。",
                clock(last)
            ),
            Some(last),
        )],
    )
}

/// How long a CronJob's container program runs, as the kubelet would run it.
fn program_seconds(run: &Run<'_>, cronjob: &str) -> Option<u64> {
    let cj = run
        .end()
        .store
        .get(Kind::CronJob, crate::model::DEFAULT_NAMESPACE, cronjob)?
        .as_cronjob()?;
    let c = cj.spec.job_template.spec.template.spec.containers.first()?;
    let argv: Vec<String> = c
        .command
        .iter()
        .flatten()
        .chain(c.args.iter().flatten())
        .cloned()
        .collect();
    let ctx = crate::script::Context {
        default_run_ms: run.scenario().kubelet.default_run_ms,
        ..Default::default()
    };
    crate::script::run(&argv, &ctx).run_ms.map(|ms| ms / 1000)
}

/// A CronJob's Jobs over the run: how many started, and the first moment two were active.
fn cron_overlap(run: &Run<'_>, cronjob: &str) -> (usize, Option<(SimTime, String, String)>) {
    let mut started = BTreeSet::new();
    let mut overlap = None;
    run.each_moment(|t, w| {
        let jobs = jobs_of(w, cronjob);
        started.extend(jobs.iter().map(|j| j.metadata.name.clone()));
        let active: Vec<&&Job> = jobs
            .iter()
            .filter(|j| !j.is_finished() && !j.metadata.is_terminating())
            .collect();
        if active.len() > 1 && overlap.is_none() {
            overlap = Some((
                t,
                active[0].metadata.name.clone(),
                active[1].metadata.name.clone(),
            ));
        }
    });
    (started.len(), overlap)
}

fn no_overlap_of(run: &Run<'_>, name: &str, seconds: u64, least: usize) -> Judgement {
    let Some(cj) = run
        .end()
        .store
        .get(Kind::CronJob, crate::model::DEFAULT_NAMESPACE, name)
        .and_then(|o| o.as_cronjob())
    else {
        return missing("CronJob", name);
    };
    let mut fails = Vec::new();
    if cj.spec.schedule != "* * * * *" {
        fails.push(say(
            format!(
                "{name}'s schedule is {:?}; the goal is \"* * * * *\".",
                cj.spec.schedule
            ),
            format!(
                "{name} 的 schedule 是 {:?}；目标是 \"* * * * *\"。",
                cj.spec.schedule
            ),
            None,
        ));
    }
    let runs = program_seconds(run, name);
    if runs != Some(seconds) {
        let took = runs.map_or("until it is stopped".to_string(), |s| format!("{s} s"));
        fails.push(say(
            format!("{name}'s container runs {took}; the goal is a container that runs sleep {seconds}."),
            format!("{name} 的容器运行 {took}；目标是运行 sleep {seconds} 的容器。"),
            None,
        ));
    }
    let (started, overlap) = cron_overlap(run, name);
    if let Some((t, a, b)) = &overlap {
        fails.push(say(
            format!(
                "At {} two Jobs of {name} were active at once: {a} and {b}.",
                clock(*t)
            ),
            format!(
                "{} 时 {name} 有两个 Job 同时处于活动状态：{a} 和 {b}。",
                clock(*t)
            ),
            Some(*t),
        ));
    }
    if started < least {
        fails.push(say(
            format!(
                "{started} Jobs of {name} started in 10 minutes; the goal is at least {least}."
            ),
            format!("{name} 在 10 分钟内启动了 {started} 个 Job；目标是至少 {least} 个。"),
            None,
        ));
    }
    verdict(
        fails,
        vec![say(
            format!("{started} Jobs of {name} started and no two were ever active at once."),
            format!("{name} 启动了 {started} 个 Job，且从未有两个同时处于活动状态。"),
            None,
        )],
    )
}

pub(super) fn no_overlap(run: &Run<'_>) -> Judgement {
    no_overlap_of(run, "tick", 90, 4)
}

pub(super) fn replace_stuck(run: &Run<'_>) -> Judgement {
    no_overlap_of(run, "report", 600, 5)
}

/// Per node, the ready pods of a DaemonSet at the end: `(node, ready pods, their images)`.
fn daemon_pods_by_node(run: &Run<'_>, ds: &str) -> Vec<(String, usize, Vec<String>)> {
    let w = run.end();
    observe::nodes(w)
        .into_iter()
        .map(|n| {
            let pods: Vec<_> = pods_of(w, Kind::DaemonSet, ds)
                .into_iter()
                .filter(|p| node_of(p) == Some(n.as_str()))
                .collect();
            let ready_pods: Vec<_> = pods.iter().filter(|p| ready(p)).collect();
            let images = ready_pods.iter().map(|p| image(p).to_string()).collect();
            (n, ready_pods.len(), images)
        })
        .collect()
}

fn ds_exists(run: &Run<'_>, name: &str) -> bool {
    run.end()
        .store
        .get(Kind::DaemonSet, crate::model::DEFAULT_NAMESPACE, name)
        .is_some()
}

/// One ready pod on each of `on`, none anywhere else.
fn one_per_node(run: &Run<'_>, ds: &str, on: &[&str]) -> Judgement {
    if !ds_exists(run, ds) {
        return missing("DaemonSet", ds);
    }
    let mut fails = Vec::new();
    for (node, n, _) in daemon_pods_by_node(run, ds) {
        let want = usize::from(on.contains(&node.as_str()));
        let all = pods_of(run.end(), Kind::DaemonSet, ds)
            .into_iter()
            .filter(|p| node_of(p) == Some(node.as_str()))
            .count();
        if want == 0 && all > 0 {
            fails.push(say(
                format!("{node} runs a pod of {ds}; the goal is none there."),
                format!("{node} 上运行着 {ds} 的 Pod；目标是那里没有。"),
                None,
            ));
        } else if want == 1 && n != 1 {
            fails.push(say(
                format!("At the end {node} has {n} ready pods of {ds}; the goal is exactly one."),
                format!("运行结束时 {node} 上有 {n} 个就绪的 {ds} Pod；目标是恰好一个。"),
                None,
            ));
        }
    }
    let list = on.join(", ");
    verdict(
        fails,
        vec![say(
            format!("{ds} runs one ready pod on each of {list}, and nowhere else."),
            format!("{ds} 在 {list} 上各运行一个就绪的 Pod，其他节点上没有。"),
            None,
        )],
    )
}

pub(super) fn not_on_gpu(run: &Run<'_>) -> Judgement {
    one_per_node(run, "agent", &["node-1", "node-2", "node-3"])
}

pub(super) fn tolerate_infra(run: &Run<'_>) -> Judgement {
    one_per_node(run, "logs", &["node-1", "node-2", "node-3"])
}

/// Every node ends with a ready pod of `ds` running `want`.
fn all_on_image(run: &Run<'_>, ds: &str, want: &str, fails: &mut Vec<Finding>) {
    for (node, _, images) in daemon_pods_by_node(run, ds) {
        if !images.iter().any(|i| i == want) {
            let has = if images.is_empty() {
                "no ready pod".to_string()
            } else {
                images.join(", ")
            };
            let has_zh = if images.is_empty() {
                "没有就绪的 Pod".to_string()
            } else {
                images.join("、")
            };
            fails.push(say(
                format!("At the end {node} has {has}; the goal is a ready {want} pod of {ds}."),
                format!("运行结束时 {node} 上是{has_zh}；目标是一个就绪的 {want}（{ds}）Pod。"),
                None,
            ));
        }
    }
}

pub(super) fn two_at_a_time(run: &Run<'_>) -> Judgement {
    let Some(ds) = run
        .end()
        .store
        .get(Kind::DaemonSet, crate::model::DEFAULT_NAMESPACE, "agent")
        .and_then(|o| o.as_daemonset())
    else {
        return missing("DaemonSet", "agent");
    };
    let mut fails = Vec::new();
    let surge = ds
        .spec
        .update_strategy
        .as_ref()
        .and_then(|s| s.rolling_update.as_ref())
        .and_then(|r| r.max_surge.clone());
    if !matches!(surge, None | Some(IntOrString::Int(0)))
        && surge != Some(IntOrString::Str("0%".into()))
    {
        fails.push(say(
            "agent's maxSurge is not 0; the goal keeps it 0 (delete first, then create).".into(),
            "agent 的 maxSurge 不是 0；目标是保持为 0（先删除，再创建）。".into(),
            None,
        ));
    }
    all_on_image(run, "agent", "fluentd:v2", &mut fails);
    let (mut over, mut two, mut most) = (None, None, (0, run.from()));
    run.each_moment(|t, w| {
        let without = observe::nodes(w)
            .iter()
            .filter(|n| {
                !pods_of(w, Kind::DaemonSet, "agent")
                    .into_iter()
                    .any(|p| node_of(p) == Some(n.as_str()) && ready(p))
            })
            .count();
        if without > 2 && over.is_none() {
            over = Some((t, without));
        }
        if without == 2 && two.is_none() {
            two = Some(t);
        }
        if without > most.0 {
            most = (without, t);
        }
    });
    if let Some((t, n)) = over {
        fails.push(say(
            format!(
                "At {} {n} nodes were without a ready agent pod; the goal allows 2.",
                clock(t)
            ),
            format!(
                "{} 时有 {n} 个节点没有就绪的 agent Pod；目标最多允许 2 个。",
                clock(t)
            ),
            Some(t),
        ));
    } else if two.is_none() {
        fails.push(say(
            format!("At most {} node(s) at once were without a ready agent pod (at {}); the goal is 2 at a time.", most.0, clock(most.1)),
            format!("同一时刻最多只有 {} 个节点没有就绪的 agent Pod（在 {}）；目标是每次 2 个。", most.0, clock(most.1)),
            Some(most.1),
        ));
    }
    let at = two.unwrap_or_default();
    verdict(
        fails,
        vec![say(
            format!("Every node ends with a ready fluentd:v2 pod; from {} two nodes at a time were updated, never more.", clock(at)),
            format!("每个节点最终都有就绪的 fluentd:v2 Pod；从 {} 起每次更新两个节点，从未超过。", clock(at)),
            Some(at),
        )],
    )
}

pub(super) fn indexed_shards(run: &Run<'_>) -> Judgement {
    let Some(job) = observe::job(run.end(), "shards") else {
        return missing("Job", "shards");
    };
    let mut fails = Vec::new();
    let p = running_peak(run, "shards", 2);
    peak_findings("shards", 2, &p, &mut fails);
    expect_ending("shards", job, "Complete", &mut fails);
    let done = job
        .status
        .as_ref()
        .map(|s| s.completed_indexes.clone())
        .unwrap_or_default();
    if done != "0-4" {
        let shown = if done.is_empty() {
            "empty".to_string()
        } else {
            done.clone()
        };
        let shown_zh = if done.is_empty() {
            "空".to_string()
        } else {
            done
        };
        fails.push(say(
            format!("shards' completedIndexes ended {shown}; the goal is 0-4 (only an Indexed Job has them)."),
            format!("shards 的 completedIndexes 最终为 {shown_zh}；目标是 0-4（只有 Indexed Job 才有）。"),
            None,
        ));
    }
    verdict(
        fails,
        vec![say(
            "shards completed indexes 0-4, two pods at a time.".into(),
            "shards 完成了索引 0-4，每次两个 Pod。".into(),
            p.reached,
        )],
    )
}

pub(super) fn exit_42_stops(run: &Run<'_>) -> Judgement {
    let Some(job) = observe::job(run.end(), "checker") else {
        return missing("Job", "checker");
    };
    let (failed, last) = failed_pods(run, "checker");
    let mut fails = Vec::new();
    if job.spec.backoff_limit.unwrap_or(6) < 6 {
        fails.push(say(
            "checker's backoffLimit is below 6; the goal keeps it at 6.".into(),
            "checker 的 backoffLimit 小于 6；目标是保持为 6。".into(),
            None,
        ));
    }
    match ending(job) {
        Some(("Failed", "PodFailurePolicy")) => {}
        other => {
            let how = other.map_or("still active".to_string(), |(t, r)| format!("{t} ({r})"));
            fails.push(say(
                format!("checker ended {how}; the goal is Failed for reason PodFailurePolicy."),
                format!("checker 的结束状态是 {how}；目标是 Failed，原因为 PodFailurePolicy。"),
                None,
            ));
        }
    }
    if failed != 1 {
        fails.push(say(
            format!("{failed} pods of checker failed; the goal is to stop after the first."),
            format!("checker 有 {failed} 个 Pod 失败；目标是在第一个失败后就停止。"),
            Some(last),
        ));
    }
    verdict(
        fails,
        vec![say(
            format!(
                "checker failed at {} after one pod, for reason PodFailurePolicy.",
                clock(last)
            ),
            format!(
                "checker 在一个 Pod 失败后于 {} 以 PodFailurePolicy 原因失败。",
                clock(last)
            ),
            Some(last),
        )],
    )
}

pub(super) fn deadline(run: &Run<'_>) -> Judgement {
    let Some(job) = observe::job(run.end(), "slow") else {
        return missing("Job", "slow");
    };
    let limit = SimTime(75_000);
    let (mut failed_at, mut running_after) = (None::<SimTime>, None);
    run.each_moment(|t, w| {
        if let Some(j) = observe::job(w, "slow") {
            if failed_at.is_none() && ending(j).map(|e| e.0) == Some("Failed") {
                failed_at = Some(t);
            }
        }
        let any = pods_of(w, Kind::Job, "slow").into_iter().any(running);
        if failed_at.is_some_and(|f| t > f) && any && running_after.is_none() {
            running_after = Some(t);
        }
    });
    let mut fails = Vec::new();
    match (ending(job), failed_at) {
        (Some(("Failed", "DeadlineExceeded")), Some(t)) if t <= limit => {}
        (e, t) => {
            let how = e.map_or("still active".to_string(), |(c, r)| format!("{c} ({r})"));
            let when = t.map_or(String::new(), |t| format!(" at {}", clock(t)));
            let when_zh = t.map_or(String::new(), |t| format!("（{}）", clock(t)));
            fails.push(say(
                format!("slow ended {how}{when}; the goal is Failed for reason DeadlineExceeded by 1:15."),
                format!("slow 的结束状态是 {how}{when_zh}；目标是在 1:15 之前以 DeadlineExceeded 原因 Failed。"),
                t,
            ));
        }
    }
    if let Some(t) = running_after {
        fails.push(say(
            format!("A pod of slow was still Running at {}.", clock(t)),
            format!("{} 时 slow 仍有 Pod 在 Running。", clock(t)),
            Some(t),
        ));
    }
    let at = failed_at.unwrap_or_default();
    verdict(
        fails,
        vec![say(
            format!(
                "slow failed at {} for reason DeadlineExceeded and its pod was stopped.",
                clock(at)
            ),
            format!(
                "slow 于 {} 以 DeadlineExceeded 原因失败，它的 Pod 已被停止。",
                clock(at)
            ),
            Some(at),
        )],
    )
}

pub(super) fn tidy_up(run: &Run<'_>) -> Judgement {
    let (mut complete_at, mut gone_at) = (None, None);
    run.each_moment(|t, w| {
        let job = observe::job(w, "tidy");
        // A Job deleted the moment it completes (a TTL of 0) is never seen Complete; its
        // Completed Event stays behind.
        let completed = job.map_or_else(
            || {
                w.store.events().any(|e| {
                    e.involved_object.kind == "Job"
                        && e.involved_object.name == "tidy"
                        && e.reason == "Completed"
                })
            },
            |j| ending(j).map(|e| e.0) == Some("Complete"),
        );
        if completed && complete_at.is_none() {
            complete_at = Some(t);
        }
        if job.is_none() && complete_at.is_some() && gone_at.is_none() {
            gone_at = Some(t);
        }
    });
    let mut fails = Vec::new();
    match (complete_at, gone_at) {
        (None, _) => fails.push(say(
            "tidy never completed.".into(),
            "tidy 从未成功完成。".into(),
            None,
        )),
        (Some(c), None) => fails.push(say(
            format!(
                "tidy completed at {} and was still there at the end.",
                clock(c)
            ),
            format!("tidy 于 {} 完成，但运行结束时仍然存在。", clock(c)),
            Some(c),
        )),
        (Some(c), Some(g)) if g.0 > c.0 + 30_000 => fails.push(say(
            format!(
                "tidy completed at {} and was deleted at {}: more than 30 s later.",
                clock(c),
                clock(g)
            ),
            format!(
                "tidy 于 {} 完成，于 {} 被删除：超过了 30 秒。",
                clock(c),
                clock(g)
            ),
            Some(g),
        )),
        _ => {}
    }
    let (c, g) = (complete_at.unwrap_or_default(), gone_at.unwrap_or_default());
    verdict(
        fails,
        vec![say(
            format!(
                "tidy completed at {} and the cluster deleted it at {}.",
                clock(c),
                clock(g)
            ),
            format!("tidy 于 {} 完成，集群于 {} 将其删除。", clock(c), clock(g)),
            Some(g),
        )],
    )
}

pub(super) fn keep_two(run: &Run<'_>) -> Judgement {
    let Some(_) = run
        .end()
        .store
        .get(Kind::CronJob, crate::model::DEFAULT_NAMESPACE, "hello")
    else {
        return missing("CronJob", "hello");
    };
    let (started, _) = cron_overlap(run, "hello");
    let end = jobs_of(run.end(), "hello");
    let complete = end.iter().filter(|j| j.has_condition("Complete")).count();
    let mut fails = Vec::new();
    if started < 6 {
        fails.push(say(
            format!("{started} Jobs of hello started; the goal is at least 6."),
            format!("hello 启动了 {started} 个 Job；目标是至少 6 个。"),
            None,
        ));
    }
    if end.len() != 2 || complete != 2 {
        fails.push(say(
            format!("At the end {} Jobs of hello exist ({complete} Complete); the goal is exactly 2, both Complete.", end.len()),
            format!("运行结束时 hello 有 {} 个 Job（{complete} 个 Complete）；目标是恰好 2 个且都已 Complete。", end.len()),
            None,
        ));
    }
    verdict(
        fails,
        vec![say(
            format!("{started} Jobs of hello started; the controller kept the last 2."),
            format!("hello 启动了 {started} 个 Job；控制器只保留了最后 2 个。"),
            None,
        )],
    )
}

pub(super) fn roll_back(run: &Run<'_>) -> Judgement {
    if !ds_exists(run, "agent") {
        return missing("DaemonSet", "agent");
    }
    let mut fails = Vec::new();
    all_on_image(run, "agent", "fluentd:v1", &mut fails);
    verdict(
        fails,
        vec![say(
            "Every node ends with a ready fluentd:v1 pod: the rollout was rolled back.".into(),
            "每个节点最终都有就绪的 fluentd:v1 Pod：滚动更新已回滚。".into(),
            None,
        )],
    )
}
