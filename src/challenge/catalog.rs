//! The challenges: the five the course asks for, word for word (`six-by-three`,
//! `three-strikes`, `no-overlap`, `not-on-gpu`, `two-at-a-time`), and eight more across Jobs,
//! CronJobs and DaemonSets, one of them answered with kubectl in the console. Each judge reads
//! the run (see `observe.rs`) and says what happened there, in both languages.

use super::observe::{self, image, jobs_of, node_of, pods_of, ready, running, Run};
use super::{clock, Attempt, Challenge, Finding, Judgement};
use crate::model::daemonset::IntOrString;
use crate::model::job::Job;
use crate::model::Kind;
use crate::scenario::Localized;
use crate::sim::SimTime;
use std::collections::BTreeSet;

/// Every challenge, in the order the page lists them.
pub const CHALLENGES: &[Challenge] = &[
    Challenge {
        id: "six-by-three",
        title: ("Six pods, three at a time", "六个 Pod，每次三个"),
        goal: (
            "Write a Job named six that ends Complete with exactly 6 succeeded pods, never more than 3 of its pods Running at once, and at some moment 3 Running.",
            "编写一个名为 six 的 Job：最终 Complete，恰好 6 个 Pod 成功；任何时刻 Running 的 Pod 不超过 3 个，且某一时刻恰好有 3 个在 Running。",
        ),
        hints: &[
            ("Two fields of the Job's spec decide this: how many pods must succeed, and how many may run at once.", "Job 的 spec 中有两个字段决定这件事：需要多少个 Pod 成功，以及同时可以运行多少个。"),
            ("completions: 6 and parallelism: 3.", "completions: 6 和 parallelism: 3。"),
        ],
        lesson: "parallel-jobs",
        scenario: "name: challenge-six-by-three\ncluster:\n  nodes: 3\n  kubelet: {startSeconds: 1, defaultRunSeconds: 5}\nuntil: 10m\n",
        at: SimTime::ZERO,
        attempt: Attempt::Manifests,
        starter: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: six\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: work\n        image: busybox\n        command: [\"sh\", \"-c\", \"sleep 5\"]\n",
        judge: six_by_three,
    },
    Challenge {
        id: "three-strikes",
        title: ("Three strikes and out", "三振出局"),
        goal: (
            "Write a Job named strikes whose container runs exit 1; it must end Failed after exactly 3 of its pods have failed (pods in phase Failed, not container restarts).",
            "编写一个名为 strikes 的 Job，其容器运行 exit 1；它必须在恰好 3 个 Pod 失败后以 Failed 结束（指进入 Failed 阶段的 Pod，而不是容器重启）。",
        ),
        hints: &[
            ("A container restarted in place does not make a failed pod: which restartPolicy gives each retry a new pod?", "原地重启的容器不会产生失败的 Pod：哪种 restartPolicy 会让每次重试都创建新 Pod？"),
            ("backoffLimit counts retries: the Job fails when failures exceed it.", "backoffLimit 计算的是重试次数：失败次数超过它时 Job 才失败。"),
            ("restartPolicy: Never and backoffLimit: 2.", "设置 restartPolicy: Never 和 backoffLimit: 2。"),
        ],
        lesson: "restart-and-backoff",
        scenario: "name: challenge-three-strikes\ncluster:\n  nodes: 2\n  kubelet: {startSeconds: 1, defaultRunSeconds: 5}\nuntil: 10m\n",
        at: SimTime::ZERO,
        attempt: Attempt::Manifests,
        starter: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: strikes\nspec:\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n      - name: work\n        image: busybox\n        command: [\"sh\", \"-c\", \"exit 1\"]\n",
        judge: three_strikes,
    },
    Challenge {
        id: "no-overlap",
        title: ("No overlap", "不重叠"),
        goal: (
            "Write a CronJob named tick with schedule * * * * * whose container runs sleep 90; over 10 simulated minutes at least 4 of its Jobs start and never are two of its Jobs active at once.",
            "编写一个名为 tick 的 CronJob，schedule 为 * * * * *，其容器运行 sleep 90；在 10 分钟的模拟时间内至少启动 4 个 Job，且任何时刻都不会有两个 Job 同时处于活动状态。",
        ),
        hints: &[
            ("Each Job runs 90 s but a new one is due every 60 s: what should the controller do when the last one is still running?", "每个 Job 运行 90 秒，但每 60 秒就要启动一个新的：上一个还在运行时，控制器应该怎么做？"),
            ("concurrencyPolicy takes Allow, Forbid or Replace.", "concurrencyPolicy 可取 Allow、Forbid 或 Replace。"),
        ],
        lesson: "cronjob",
        scenario: "name: challenge-no-overlap\ncluster:\n  nodes: 2\n  kubelet: {startSeconds: 1, defaultRunSeconds: 5}\nuntil: 10m\n",
        at: SimTime::ZERO,
        attempt: Attempt::Manifests,
        starter: "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: tick\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: work\n            image: busybox\n            command: [\"sleep\", \"90\"]\n",
        judge: no_overlap,
    },
    Challenge {
        id: "not-on-gpu",
        title: ("Not on the GPU node", "不要在 GPU 节点上"),
        goal: (
            "node-4 is labelled accelerator: gpu. Write a DaemonSet named agent that, once settled, has exactly one ready pod on each of node-1, node-2 and node-3 and none on node-4.",
            "node-4 带有标签 accelerator: gpu。编写一个名为 agent 的 DaemonSet，稳定后在 node-1、node-2、node-3 上各有恰好一个就绪的 Pod，而 node-4 上没有。",
        ),
        hints: &[
            ("A DaemonSet runs on every node its pod template lets it run on.", "DaemonSet 会在其 Pod 模板允许的每个节点上运行。"),
            ("nodeAffinity can say \"not this label value\": operator NotIn (or DoesNotExist).", "nodeAffinity 可以表达\"不是这个标签值\"：operator 用 NotIn（或 DoesNotExist）。"),
        ],
        lesson: "taints-and-selectors",
        scenario: "name: challenge-not-on-gpu\ncluster:\n  nodes:\n  - {name: node-1}\n  - {name: node-2}\n  - {name: node-3}\n  - {name: node-4, labels: {accelerator: gpu}}\n  kubelet: {startSeconds: 1, defaultRunSeconds: 5}\nuntil: 10m\n",
        at: SimTime::ZERO,
        attempt: Attempt::Manifests,
        starter: "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n      - name: agent\n        image: fluentd:v1\n",
        judge: not_on_gpu,
    },
    Challenge {
        id: "two-at-a-time",
        title: ("Update two at a time", "每次更新两个"),
        goal: (
            "The DaemonSet agent runs fluentd:v1 on 6 nodes. Apply it updated to fluentd:v2 (it is applied at 1:00): every node must end with a ready fluentd:v2 pod, at no moment after 1:00 may more than 2 nodes be without a ready agent pod, at some moment exactly 2 are, and maxSurge stays 0.",
            "DaemonSet agent 在 6 个节点上运行 fluentd:v1。把它更新为 fluentd:v2（在 1:00 应用）：每个节点最终都要有一个就绪的 fluentd:v2 Pod；1:00 之后任何时刻没有就绪 agent Pod 的节点不能超过 2 个，且某一时刻恰好为 2 个；maxSurge 保持为 0。",
        ),
        hints: &[
            ("A rolling update takes down at most maxUnavailable nodes' pods at a time; it defaults to 1.", "滚动更新每次最多让 maxUnavailable 个节点的 Pod 不可用；默认值是 1。"),
            ("spec.updateStrategy.rollingUpdate.maxUnavailable: 2.", "设置 spec.updateStrategy.rollingUpdate.maxUnavailable: 2。"),
        ],
        lesson: "daemonset-updates",
        scenario: "name: challenge-two-at-a-time\ncluster:\n  nodes: 6\n  kubelet: {startSeconds: 1, defaultRunSeconds: 5}\nmanifests: |\n  apiVersion: apps/v1\n  kind: DaemonSet\n  metadata:\n    name: agent\n  spec:\n    selector:\n      matchLabels: {app: agent}\n    updateStrategy:\n      type: RollingUpdate\n    template:\n      metadata:\n        labels: {app: agent}\n      spec:\n        containers:\n        - name: agent\n          image: fluentd:v1\nuntil: 10m\n",
        at: SimTime(60_000),
        attempt: Attempt::Manifests,
        starter: "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  updateStrategy:\n    type: RollingUpdate\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n      - name: agent\n        image: fluentd:v2\n",
        judge: two_at_a_time,
    },
    Challenge {
        id: "indexed-shards",
        title: ("Five shards, two at a time", "五个分片，每次两个"),
        goal: (
            "Write a Job named shards in which each of the indexes 0 to 4 succeeds once (the Job's completedIndexes ends as 0-4), never more than 2 of its pods Running at once and at some moment 2; it must end Complete.",
            "编写一个名为 shards 的 Job：索引 0 到 4 各成功一次（Job 的 completedIndexes 最终为 0-4），任何时刻 Running 的 Pod 不超过 2 个且某一时刻恰好 2 个；最终 Complete。",
        ),
        hints: &[
            ("Each pod needs its own index: completionMode.", "每个 Pod 都需要自己的索引：completionMode。"),
            ("completionMode: Indexed, completions: 5, parallelism: 2.", "设置 completionMode: Indexed，completions: 5，parallelism: 2。"),
        ],
        lesson: "parallel-jobs",
        scenario: "name: challenge-indexed-shards\ncluster:\n  nodes: 3\n  kubelet: {startSeconds: 1, defaultRunSeconds: 5}\nuntil: 10m\n",
        at: SimTime::ZERO,
        attempt: Attempt::Manifests,
        starter: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: shards\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: work\n        image: busybox\n        command: [\"sh\", \"-c\", \"echo shard $JOB_COMPLETION_INDEX; sleep 5\"]\n",
        judge: indexed_shards,
    },
    Challenge {
        id: "exit-42-stops",
        title: ("Exit code 42 means stop", "退出码 42 表示停止"),
        goal: (
            "The Job checker's container runs exit 42, which means the input is bad and retrying cannot help. Keep backoffLimit: 6, and make the Job end Failed after its first failed pod, for reason PodFailurePolicy.",
            "Job checker 的容器运行 exit 42，表示输入有误、重试也无济于事。保持 backoffLimit: 6，让 Job 在第一个 Pod 失败后即以 Failed 结束，原因为 PodFailurePolicy。",
        ),
        hints: &[
            ("A pod failure policy can act on an exit code before the back-off limit counts it.", "Pod 失败策略可以在 backoffLimit 计数之前，根据退出码采取行动。"),
            ("podFailurePolicy: rules: [{action: FailJob, onExitCodes: {operator: In, values: [42]}}] (it needs restartPolicy: Never).", "podFailurePolicy: rules: [{action: FailJob, onExitCodes: {operator: In, values: [42]}}]（需要 restartPolicy: Never）。"),
        ],
        lesson: "restart-and-backoff",
        scenario: "name: challenge-exit-42-stops\ncluster:\n  nodes: 2\n  kubelet: {startSeconds: 1, defaultRunSeconds: 5}\nuntil: 10m\n",
        at: SimTime::ZERO,
        attempt: Attempt::Manifests,
        starter: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: checker\nspec:\n  backoffLimit: 6\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: check\n        image: busybox\n        command: [\"sh\", \"-c\", \"exit 42\"]\n",
        judge: exit_42_stops,
    },
    Challenge {
        id: "deadline",
        title: ("Give up after 30 seconds", "30 秒后放弃"),
        goal: (
            "The Job slow runs sleep 600. Make it give up by itself after 30 seconds: it must end Failed for reason DeadlineExceeded by 1:15 (the controller first stops its pod, which has its 30 s grace period), with no pod of it Running after that.",
            "Job slow 运行 sleep 600。让它在 30 秒后自行放弃：必须在 1:15 之前以 Failed 结束，原因为 DeadlineExceeded（控制器会先停止它的 Pod，Pod 有 30 秒的优雅终止期），之后不再有它的 Pod 在 Running。",
        ),
        hints: &[
            ("A Job can have a limit on how long it stays active, whatever its pods do.", "Job 可以限制自己保持活动的时长，不管它的 Pod 在做什么。"),
            ("Since Kubernetes 1.31 the Job is marked FailureTarget at the deadline and Failed once its pods have stopped.", "从 Kubernetes 1.31 起，Job 到达期限时先被标记为 FailureTarget，等 Pod 停止后才变为 Failed。"),
            ("activeDeadlineSeconds: 30.", "设置 activeDeadlineSeconds: 30。"),
        ],
        lesson: "job-controller",
        scenario: "name: challenge-deadline\ncluster:\n  nodes: 2\n  kubelet: {startSeconds: 1, defaultRunSeconds: 5}\nuntil: 10m\n",
        at: SimTime::ZERO,
        attempt: Attempt::Manifests,
        starter: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: slow\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: work\n        image: busybox\n        command: [\"sleep\", \"600\"]\n",
        judge: deadline,
    },
    Challenge {
        id: "tidy-up",
        title: ("Clean up after yourself", "用完即清理"),
        goal: (
            "Write a Job named tidy that completes and is then deleted by the cluster itself within 30 seconds of completing.",
            "编写一个名为 tidy 的 Job：它成功完成后，在 30 秒内被集群自动删除。",
        ),
        hints: &[
            ("The TTL-after-finished controller deletes finished Jobs whose spec asks for it.", "TTL-after-finished 控制器会删除在 spec 中提出要求的已结束 Job。"),
            ("ttlSecondsAfterFinished: 10.", "设置 ttlSecondsAfterFinished: 10。"),
        ],
        lesson: "job-controller",
        scenario: "name: challenge-tidy-up\ncluster:\n  nodes: 2\n  kubelet: {startSeconds: 1, defaultRunSeconds: 5}\nuntil: 10m\n",
        at: SimTime::ZERO,
        attempt: Attempt::Manifests,
        starter: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: tidy\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: work\n        image: busybox\n        command: [\"sh\", \"-c\", \"echo done\"]\n",
        judge: tidy_up,
    },
    Challenge {
        id: "replace-stuck",
        title: ("Replace the stuck report", "替换卡住的报表"),
        goal: (
            "The CronJob report runs every minute and its container sleeps 600 s (it hangs). Over 10 minutes at least 5 of its Jobs must start, and never two of them be active at once.",
            "CronJob report 每分钟运行一次，其容器会 sleep 600 秒（卡住了）。在 10 分钟内必须至少启动 5 个 Job，且任何时刻都不能有两个 Job 同时处于活动状态。",
        ),
        hints: &[
            ("Forbid would skip every tick while the first Job hangs; Allow lets them pile up.", "Forbid 会在第一个 Job 卡住时跳过之后的每次调度；Allow 会让它们越积越多。"),
            ("concurrencyPolicy: Replace.", "设置 concurrencyPolicy: Replace。"),
        ],
        lesson: "cronjob",
        scenario: "name: challenge-replace-stuck\ncluster:\n  nodes: 2\n  kubelet: {startSeconds: 1, defaultRunSeconds: 5}\nuntil: 10m\n",
        at: SimTime::ZERO,
        attempt: Attempt::Manifests,
        starter: "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: report\n            image: busybox\n            command: [\"sleep\", \"600\"]\n",
        judge: replace_stuck,
    },
    Challenge {
        id: "keep-two",
        title: ("Keep only two", "只保留两个"),
        goal: (
            "Write a CronJob named hello that runs every minute and prints hello; at least 6 of its Jobs must start, and at the end exactly 2 of them, both Complete, may still exist.",
            "编写一个名为 hello 的 CronJob：每分钟运行一次并打印 hello；至少启动 6 个 Job，最终只能保留恰好 2 个 Job，且都已 Complete。",
        ),
        hints: &[
            ("The CronJob controller deletes old finished Jobs beyond its history limits (3 successful, 1 failed by default).", "CronJob 控制器会删除超出历史限制的旧 Job（默认保留 3 个成功的、1 个失败的）。"),
            ("successfulJobsHistoryLimit: 2.", "设置 successfulJobsHistoryLimit: 2。"),
        ],
        lesson: "cronjob",
        scenario: "name: challenge-keep-two\ncluster:\n  nodes: 2\n  kubelet: {startSeconds: 1, defaultRunSeconds: 5}\nuntil: 10m\n",
        at: SimTime::ZERO,
        attempt: Attempt::Manifests,
        starter: "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: hello\n            image: busybox\n            command: [\"sh\", \"-c\", \"echo hello\"]\n",
        judge: keep_two,
    },
    Challenge {
        id: "tolerate-infra",
        title: ("Logs from every node", "每个节点都要收集日志"),
        goal: (
            "node-3 is tainted dedicated=infra:NoSchedule. Write a DaemonSet named logs that, once settled, has a ready pod on each of node-1, node-2 and node-3.",
            "node-3 带有污点 dedicated=infra:NoSchedule。编写一个名为 logs 的 DaemonSet，稳定后在 node-1、node-2、node-3 上各有一个就绪的 Pod。",
        ),
        hints: &[
            ("A taint keeps out every pod that does not tolerate it, DaemonSet pods included.", "污点会拒绝所有不容忍它的 Pod，DaemonSet 的 Pod 也不例外。"),
            ("tolerations: [{key: dedicated, operator: Equal, value: infra, effect: NoSchedule}] in the pod template.", "在 Pod 模板中加上 tolerations: [{key: dedicated, operator: Equal, value: infra, effect: NoSchedule}]。"),
        ],
        lesson: "taints-and-selectors",
        scenario: "name: challenge-tolerate-infra\ncluster:\n  nodes:\n  - {name: node-1}\n  - {name: node-2}\n  - {name: node-3, taints: [{key: dedicated, value: infra, effect: NoSchedule}]}\n  kubelet: {startSeconds: 1, defaultRunSeconds: 5}\nuntil: 10m\n",
        at: SimTime::ZERO,
        attempt: Attempt::Manifests,
        starter: "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: logs\nspec:\n  selector:\n    matchLabels: {app: logs}\n  template:\n    metadata:\n      labels: {app: logs}\n    spec:\n      containers:\n      - name: logs\n        image: fluentd:v1\n",
        judge: tolerate_infra,
    },
    Challenge {
        id: "roll-back",
        title: ("Roll it back (console)", "回滚（控制台）"),
        goal: (
            "At 0:20 the DaemonSet agent was updated to fluentd:v2, an image that cannot be pulled, and its rollout is stuck. With kubectl commands in the console (run at 1:00), bring it back: every node must end with a ready fluentd:v1 pod.",
            "0:20 时 DaemonSet agent 被更新为 fluentd:v2，但这个镜像拉取不到，滚动更新卡住了。在控制台中用 kubectl 命令（在 1:00 执行）把它恢复：每个节点最终都要有一个就绪的 fluentd:v1 Pod。",
        ),
        hints: &[
            ("kubectl rollout history daemonset/agent lists the revisions the controller keeps.", "kubectl rollout history daemonset/agent 会列出控制器保存的版本。"),
            ("kubectl rollout undo daemonset/agent goes back to the previous revision.", "kubectl rollout undo daemonset/agent 会回到上一个版本。"),
        ],
        lesson: "daemonset-updates",
        scenario: "name: challenge-roll-back\ncluster:\n  nodes: 3\n  kubelet: {startSeconds: 1, defaultRunSeconds: 5}\nmanifests: |\n  apiVersion: apps/v1\n  kind: DaemonSet\n  metadata:\n    name: agent\n  spec:\n    selector:\n      matchLabels: {app: agent}\n    template:\n      metadata:\n        labels: {app: agent}\n      spec:\n        containers:\n        - name: agent\n          image: fluentd:v1\nsteps:\n- at: 10s\n  breakImage: fluentd:v2\n- at: 20s\n  apply: |\n    apiVersion: apps/v1\n    kind: DaemonSet\n    metadata:\n      name: agent\n    spec:\n      selector:\n        matchLabels: {app: agent}\n      template:\n        metadata:\n          labels: {app: agent}\n        spec:\n          containers:\n          - name: agent\n            image: fluentd:v2\nuntil: 10m\n",
        at: SimTime(60_000),
        attempt: Attempt::Kubectl,
        starter: "kubectl rollout history daemonset/agent\n",
        judge: roll_back,
    },
];

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

fn six_by_three(run: &Run<'_>) -> Judgement {
    let Some(job) = observe::job(run.end(), "six") else {
        return missing("Job", "six");
    };
    let mut fails = Vec::new();
    let p = running_peak(run, "six", 3);
    peak_findings("six", 3, &p, &mut fails);
    let succeeded = job.status.as_ref().map_or(0, |s| s.succeeded);
    if ending(job).map(|e| e.0) != Some("Complete") {
        fails.push(say(
            format!("six did not end Complete (it ended {}).", ended_as(job)),
            format!("six 没有以 Complete 结束（结束状态：{}）。", ended_as(job)),
            None,
        ));
    }
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

fn three_strikes(run: &Run<'_>) -> Judgement {
    let Some(job) = observe::job(run.end(), "strikes") else {
        return missing("Job", "strikes");
    };
    let (failed, last) = failed_pods(run, "strikes");
    let mut fails = Vec::new();
    if ending(job).map(|e| e.0) != Some("Failed") {
        fails.push(say(
            format!("strikes did not end Failed (it ended {}).", ended_as(job)),
            format!(
                "strikes 没有以 Failed 结束（结束状态：{}）。",
                ended_as(job)
            ),
            None,
        ));
    }
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
        default_run_ms: 5_000,
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

fn no_overlap(run: &Run<'_>) -> Judgement {
    no_overlap_of(run, "tick", 90, 4)
}

fn replace_stuck(run: &Run<'_>) -> Judgement {
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

fn not_on_gpu(run: &Run<'_>) -> Judgement {
    one_per_node(run, "agent", &["node-1", "node-2", "node-3"])
}

fn tolerate_infra(run: &Run<'_>) -> Judgement {
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

fn two_at_a_time(run: &Run<'_>) -> Judgement {
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

fn indexed_shards(run: &Run<'_>) -> Judgement {
    let Some(job) = observe::job(run.end(), "shards") else {
        return missing("Job", "shards");
    };
    let mut fails = Vec::new();
    let p = running_peak(run, "shards", 2);
    peak_findings("shards", 2, &p, &mut fails);
    if ending(job).map(|e| e.0) != Some("Complete") {
        fails.push(say(
            format!("shards did not end Complete (it ended {}).", ended_as(job)),
            format!(
                "shards 没有以 Complete 结束（结束状态：{}）。",
                ended_as(job)
            ),
            None,
        ));
    }
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

fn exit_42_stops(run: &Run<'_>) -> Judgement {
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

fn deadline(run: &Run<'_>) -> Judgement {
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

fn tidy_up(run: &Run<'_>) -> Judgement {
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

fn keep_two(run: &Run<'_>) -> Judgement {
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

fn roll_back(run: &Run<'_>) -> Judgement {
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
