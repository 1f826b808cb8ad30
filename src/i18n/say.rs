//! Sentences with numbers and names, each variant with its English and Chinese in one arm.
//! Counts get their English plural ("1 pod", "2 pods"); Chinese counts with a measure word.

use super::{tr, Lang};

/// A sentence of the page with its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Say<'a> {
    /// `n` pods.
    Pods(usize),
    /// How much of a long run is computed (whole percent; `compare`: the comparison's run).
    Computing {
        /// Percent of the run's simulated time.
        percent: u32,
        /// Whether it is the comparison's run.
        compare: bool,
    },
    /// `n` nodes.
    Nodes(usize),
    /// A pod's restart count.
    Restarts(i32),
    /// A lesson's progress.
    StepOf {
        /// The current step, from 1.
        k: usize,
        /// The number of steps.
        n: usize,
    },
    /// A step dot's name.
    StepNumber(usize),
    /// Jump to a verdict's moment (`m:ss`).
    GoTo(&'a str),
    /// Hints shown out of all.
    HintOf {
        /// Shown.
        k: usize,
        /// All.
        n: usize,
    },
    /// The context menu of an object (`kind/name`).
    ActionsFor(&'a str),
    /// The selected object (`kind/name`) is gone.
    NotFound(&'a str),
    /// Rows of a kubectl table not shown.
    MoreRows(usize),
    /// A back-off wait of a duration.
    Wait(&'a str),
    /// Countdown to the next cron tick (a duration).
    NextTickIn(&'a str),
    /// A tick's Job started late by a duration.
    StartedLate(&'a str),
    /// A Job span was cleaned up at a time.
    CleanedUpAt(&'a str),
    /// Jobs still running (why Forbid skipped a tick).
    StillRunning(&'a str),
    /// The Jobs the history limits delete next.
    CleanedNext(&'a str),
    /// A DaemonSet revision.
    Revision(i64),
    /// Pods up to date out of desired.
    UpToDate {
        /// Nodes with an up-to-date pod.
        updated: i32,
        /// Nodes that should run one.
        desired: i32,
    },
    /// The rollout's update order (`a → b → c`).
    UpdateOrder(&'a str),
    /// OnDelete: how many nodes still run an old revision.
    OnDeleteOld(usize),
    /// The rollout is done at a revision.
    RolledOut(i64),
    /// How a rolling-update step works, with the budget and the nodes in flight.
    RolloutRule {
        /// Surge (a new pod beside the old one) rather than delete-first.
        surge: bool,
        /// The budget.
        max: i64,
        /// Nodes counted against it now.
        now: usize,
    },
    /// The next rolling-update step: its nodes, when, and how long from the playhead.
    RolloutNext {
        /// The nodes, joined.
        nodes: &'a str,
        /// When (a duration from t = 0).
        at: &'a str,
        /// How long from now.
        wait: &'a str,
        /// The budget is used up: the step waits for a node to become available.
        waiting: bool,
    },
    /// What a Job sync observed.
    JobObserved {
        /// The Job.
        job: &'a str,
        /// Active pods.
        active: i32,
        /// Ready pods.
        ready: i32,
        /// Succeeded.
        succeeded: i32,
        /// Failed.
        failed: i32,
        /// Terminating.
        terminating: i32,
    },
    /// What a CronJob sync observed.
    CronObserved {
        /// The CronJob.
        cronjob: &'a str,
        /// Its time zone.
        zone: &'a str,
        /// Its active Jobs, joined.
        active: &'a str,
    },
    /// What a DaemonSet sync observed.
    DaemonSetObserved {
        /// The DaemonSet.
        daemonset: &'a str,
        /// Nodes that should run a pod.
        desired: usize,
        /// All nodes.
        nodes: usize,
    },
    /// A rolling update's budget in one sync.
    RolloutBudget {
        /// maxSurge as nodes.
        surge: i64,
        /// maxUnavailable as nodes.
        unavailable: i64,
        /// Nodes counted against it.
        in_flight: i64,
    },
    /// Why a node has no pod of a DaemonSet.
    NoDaemonPod {
        /// The DaemonSet.
        daemonset: &'a str,
        /// Why, already in this language.
        why: &'a str,
    },
    /// The title of the compared run made from the editor's YAML.
    WithEditorYaml(&'a str),
    /// A workqueue's keys, with its controller.
    Workqueue(&'a str),
    /// What `kubectl apply` of the editor's text would print now (at a time).
    ApplyWould(&'a str),
    /// The last Apply, at a time.
    AppliedAt(&'a str),
    /// What a pod status means (the legend).
    StatusHint(&'a str),
}

/// `n` and the noun, English singular or plural.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Say<'_> {
    /// The sentence in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match *self {
            Say::Pods(n) => tr(lang, || count(n, "pod", "pods"), || format!("{n} 个 Pod")),
            Say::Computing { percent, compare } => tr(
                lang,
                || {
                    let what = if compare { "the comparison" } else { "the run" };
                    format!("Computing {what}: {percent} % (the part computed can be played)")
                },
                || {
                    let what = if compare { "对比的运行" } else { "运行" };
                    format!("正在计算{what}：{percent}%（已算出的部分可以播放）")
                },
            ),
            Say::Nodes(n) => tr(lang, || count(n, "node", "nodes"), || format!("{n} 个节点")),
            Say::Restarts(n) => tr(
                lang,
                || format!("↻{}", count(n.max(0) as usize, "restart", "restarts")),
                || format!("↻{n} 次重启"),
            ),
            Say::StepOf { k, n } => tr(
                lang,
                || format!("Step {k} of {n}"),
                || format!("第 {k} 步，共 {n} 步"),
            ),
            Say::StepNumber(i) => tr(lang, || format!("Step {i}"), || format!("第 {i} 步")),
            Say::GoTo(t) => tr(lang, || format!("Go to {t}"), || format!("跳到 {t}")),
            Say::HintOf { k, n } => tr(
                lang,
                || format!("Hint {k} of {n}"),
                || format!("提示 {k}/{n}"),
            ),
            Say::ActionsFor(o) => tr(
                lang,
                || format!("Actions for {o}"),
                || format!("{o} 的操作"),
            ),
            Say::NotFound(o) => tr(
                lang,
                || format!("{o}: not found"),
                || format!("{o}：未找到"),
            ),
            Say::MoreRows(n) => tr(
                lang,
                || {
                    let rows = if n == 1 { "row" } else { "rows" };
                    format!("… and {n} more {rows} (kubectl prints them all)")
                },
                || format!("…… 另有 {n} 行（kubectl 会全部打印）"),
            ),
            Say::Wait(d) => tr(lang, || format!("wait {d}"), || format!("等待 {d}")),
            Say::NextTickIn(d) => tr(
                lang,
                || format!("next tick in {d}"),
                || format!("距下次调度 {d}"),
            ),
            Say::StartedLate(d) => tr(
                lang,
                || format!("started late by {d}"),
                || format!("晚启动 {d}"),
            ),
            Say::CleanedUpAt(d) => tr(
                lang,
                || format!("cleaned up at {d}"),
                || format!("清理于 {d}"),
            ),
            Say::StillRunning(jobs) => tr(
                lang,
                || format!("{jobs} still running"),
                || format!("{jobs} 仍在运行"),
            ),
            Say::CleanedNext(jobs) => tr(
                lang,
                || format!("history limit: next to be cleaned {jobs}"),
                || format!("历史上限：下一个被清理的是 {jobs}"),
            ),
            Say::Revision(r) => tr(lang, || format!("revision {r}"), || format!("修订版本 {r}")),
            Say::UpToDate { updated, desired } => tr(
                lang,
                || format!("up to date {updated}/{desired}"),
                || format!("已更新 {updated}/{desired}"),
            ),
            Say::UpdateOrder(order) => tr(
                lang,
                || format!("Update order: {order}"),
                || format!("更新顺序：{order}"),
            ),
            Say::OnDeleteOld(n) => tr(
                lang,
                || {
                    format!(
                    "OnDelete: nothing is replaced until a pod is deleted; {} still {} an old revision.",
                    count(n, "node", "nodes"),
                    if n == 1 { "runs" } else { "run" }
                )
                },
                || {
                    format!("OnDelete：在 Pod 被删除之前什么都不会替换；仍有 {n} 个节点运行旧修订版本。")
                },
            ),
            Say::RolledOut(r) => tr(
                lang,
                || format!("Rolled out: every node that should run a pod runs revision {r}."),
                || format!("已完成：每个应运行 Pod 的节点都运行修订版本 {r}。"),
            ),
            Say::RolloutRule {
                surge: false,
                max,
                now,
            } => tr(
                lang,
                || {
                    format!(
                    "Each step deletes a node's old pod, then creates the new one once the old one is gone. At most {} may be unavailable at once; now {now}",
                    count(max.max(0) as usize, "node", "nodes")
                )
                },
                || {
                    format!("每一步先删除节点上的旧 Pod，旧 Pod 消失后再创建新 Pod。同时最多 {max} 个节点可以不可用；现在 {now} 个")
                },
            ),
            Say::RolloutRule {
                surge: true,
                max,
                now,
            } => tr(
                lang,
                || {
                    format!(
                    "Each step starts a new pod beside the old one and deletes the old one once the new one is available. At most {} may run two pods at once; now {now}",
                    count(max.max(0) as usize, "node", "nodes")
                )
                },
                || {
                    format!("每一步在旧 Pod 旁启动新 Pod，新 Pod 可用后再删除旧 Pod。同时最多 {max} 个节点可以有两个 Pod；现在 {now} 个")
                },
            ),
            Say::RolloutNext {
                nodes,
                at,
                wait,
                waiting,
            } => tr(
                lang,
                || {
                    format!(
                        ". Next: {nodes} at {at} (in {wait}){}.",
                        if waiting {
                            ", when one of the nodes in flight becomes available"
                        } else {
                            ""
                        }
                    )
                },
                || {
                    format!(
                        "。下一个：{nodes}，在 {at}（{wait} 后）{}。",
                        if waiting {
                            "，等进行中的某个节点变为可用"
                        } else {
                            ""
                        }
                    )
                },
            ),
            Say::JobObserved {
                job,
                active,
                ready,
                succeeded,
                failed,
                terminating,
            } => tr(
                lang,
                || {
                    format!("job/{job}: active {active}, ready {ready}, succeeded {succeeded}, failed {failed}, terminating {terminating}")
                },
                || {
                    format!("job/{job}：活跃 {active}，就绪 {ready}，成功 {succeeded}，失败 {failed}，终止中 {terminating}")
                },
            ),
            Say::CronObserved {
                cronjob,
                zone,
                active,
            } => tr(
                lang,
                || format!("cronjob/{cronjob} (time zone {zone}): active Jobs [{active}]"),
                || format!("cronjob/{cronjob}（时区 {zone}）：活跃的 Job [{active}]"),
            ),
            Say::DaemonSetObserved {
                daemonset,
                desired,
                nodes,
            } => tr(
                lang,
                || {
                    format!(
                        "daemonset/{daemonset}: {desired} of {} should run a pod",
                        count(nodes, "node", "nodes")
                    )
                },
                || format!("daemonset/{daemonset}：{nodes} 个节点中有 {desired} 个应运行 Pod"),
            ),
            Say::RolloutBudget {
                surge,
                unavailable,
                in_flight,
            } => tr(
                lang,
                || {
                    format!(
                        "maxSurge {surge} · maxUnavailable {unavailable} · {in_flight} in flight"
                    )
                },
                || format!("maxSurge {surge} · maxUnavailable {unavailable} · 进行中 {in_flight}"),
            ),
            Say::NoDaemonPod { daemonset, why } => tr(
                lang,
                || format!("daemonset/{daemonset}: {why}"),
                || format!("daemonset/{daemonset}：{why}"),
            ),
            Say::WithEditorYaml(t) => tr(
                lang,
                || format!("{t} · with the editor's YAML"),
                || format!("{t} · 使用编辑器中的 YAML"),
            ),
            Say::Workqueue(controller) => tr(
                lang,
                || format!("{controller} workqueue: "),
                || format!("{controller} 工作队列："),
            ),
            Say::ApplyWould(t) => {
                tr(
                    lang,
                    || {
                        format!("The API server would accept this: kubectl apply at t = {t} would print")
                    },
                    || format!("API 服务器会接受：在 t = {t} 执行 kubectl apply 会输出"),
                )
            }
            Say::AppliedAt(t) => tr(
                lang,
                || format!("Applied at t = {t}; the run continues from here:"),
                || format!("已在 t = {t} 应用，从此刻继续运行："),
            ),
            Say::StatusHint(status) => lang
                .pick(
                    match status {
                        "Pending" => "waiting to be scheduled",
                        "ContainerCreating" => "pulling the image, starting",
                        "Running" => "containers running",
                        "Completed" => "finished with exit code 0",
                        "Error" => "finished with a non-zero exit code",
                        "CrashLoopBackOff" => "waiting before the next restart",
                        "ImagePullBackOff" => {
                            "the image cannot be pulled; pulls retried with back-off"
                        }
                        "Terminating" => "being deleted (grace period)",
                        _ => "",
                    },
                    match status {
                        "Pending" => "等待调度",
                        "ContainerCreating" => "拉取镜像、启动中",
                        "Running" => "容器运行中",
                        "Completed" => "以退出码 0 结束",
                        "Error" => "以非零退出码结束",
                        "CrashLoopBackOff" => "等待下一次重启",
                        "ImagePullBackOff" => "镜像无法拉取；按退避间隔重试拉取",
                        "Terminating" => "删除中（宽限期）",
                        _ => "",
                    },
                )
                .to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_should_read_right_in_both_languages() {
        assert_eq!(Say::Pods(1).text(Lang::En), "1 pod");
        assert_eq!(Say::Pods(2).text(Lang::En), "2 pods");
        assert_eq!(Say::Pods(0).text(Lang::En), "0 pods");
        assert_eq!(Say::Nodes(1).text(Lang::En), "1 node");
        assert_eq!(Say::Pods(2).text(Lang::Zh), "2 个 Pod");
        assert_eq!(Say::Restarts(1).text(Lang::En), "↻1 restart");
        assert!(Say::OnDeleteOld(1)
            .text(Lang::En)
            .contains("1 node still runs"));
        assert!(Say::RolloutRule {
            surge: false,
            max: 1,
            now: 0
        }
        .text(Lang::En)
        .contains("At most 1 node may"));
        assert!(Say::MoreRows(3)
            .text(Lang::En)
            .starts_with("… and 3 more rows"));
    }
}
