//! The trace in words: who acted, and every change, sync and decision as a sentence, English
//! and Chinese in one arm each. The trace types' `Display` (English: `podlab run -o trace`,
//! test messages) is this catalogue's English. API words (phases, reasons, conditions, object
//! names and the API server's messages) stay verbatim in both languages.

use super::{tr, Lang};
use crate::controllers::record::{
    CronDecision, CronJobSync, DaemonSetSync, JobDecision, JobSync, Placement,
};
use crate::sim::{format_duration, Actor, Change, Update};
use std::fmt;

/// The name of an actor.
pub fn actor(a: &Actor, lang: Lang) -> String {
    match a {
        Actor::Kubelet(node) => format!("kubelet/{node}"),
        Actor::Controller(name) => name.clone(),
        Actor::User => lang.pick("user", "用户").into(),
        Actor::ApiServer => lang.pick("api-server", "API 服务器").into(),
        Actor::Scheduler => lang.pick("scheduler", "调度器").into(),
        Actor::NodeLifecycle => lang
            .pick("node-lifecycle-controller", "节点生命周期控制器")
            .into(),
        Actor::PodGc => lang.pick("pod-garbage-collector", "Pod 垃圾回收器").into(),
        Actor::GarbageCollector => lang.pick("garbage-collector", "垃圾回收器").into(),
    }
}

/// A trace change as a sentence.
pub fn change(c: &Change, lang: Lang) -> String {
    match c {
        Change::Created { kind, name } => {
            let k = kind.lower();
            tr(
                lang,
                || format!("created {k}/{name}"),
                || format!("创建了 {k}/{name}"),
            )
        }
        Change::Updated { kind, name, what } => {
            let (k, w) = (kind.lower(), update(what, lang));
            tr(
                lang,
                || format!("updated {k}/{name}: {w}"),
                || format!("更新了 {k}/{name}：{w}"),
            )
        }
        Change::DeleteRequested {
            kind,
            name,
            grace_seconds: g,
        } => {
            let k = kind.lower();
            tr(
                lang,
                || format!("delete {k}/{name} (grace {g}s)"),
                || format!("请求删除 {k}/{name}（宽限期 {g} 秒）"),
            )
        }
        Change::Removed { kind, name } => {
            let k = kind.lower();
            tr(
                lang,
                || format!("removed {k}/{name}"),
                || format!("移除了 {k}/{name}"),
            )
        }
        Change::Event {
            type_,
            reason,
            object,
            message,
        } => tr(
            lang,
            || format!("event {type_} {reason} {object}: {message}"),
            || format!("事件 {type_} {reason} {object}：{message}"),
        ),
        Change::Rejected {
            kind,
            name,
            message,
            ..
        } => {
            let k = kind.lower();
            tr(
                lang,
                || format!("rejected {k}/{name}: {message}"),
                || format!("拒绝了 {k}/{name}：{message}"),
            )
        }
        Change::Sync(a) => {
            if let Some(s) = a.get::<JobSync>() {
                job_sync(s, lang)
            } else if let Some(s) = a.get::<CronJobSync>() {
                cron_sync(s, lang)
            } else if let Some(s) = a.get::<DaemonSetSync>() {
                daemonset_sync(s, lang)
            } else {
                format!("{a:?}")
            }
        }
        Change::Note { en, zh } => tr(lang, || format!("note: {en}"), || zh.clone()),
    }
}

/// What an update changed (API words such as phases and reasons stay as they are).
pub fn update(u: &Update, lang: Lang) -> String {
    match u {
        Update::Bound { node } => tr(
            lang,
            || format!("bound to {node}"),
            || format!("绑定到 {node}"),
        ),
        Update::Phase {
            phase,
            detail: None,
        } => tr(
            lang,
            || format!("phase {phase}"),
            || format!("阶段 {phase}"),
        ),
        Update::Phase {
            phase,
            detail: Some(d),
        } => tr(
            lang,
            || format!("phase {phase} ({d})"),
            || format!("阶段 {phase}（{d}）"),
        ),
        Update::ContainerExited { container, code } => tr(
            lang,
            || format!("container {container} exited {code}"),
            || format!("容器 {container} 以 {code} 退出"),
        ),
        Update::InitContainerStarted {
            container,
            index,
            of,
        } => tr(
            lang,
            || format!("init container {container} started (Init:{index}/{of})"),
            || format!("Init 容器 {container} 已启动（Init:{index}/{of}）"),
        ),
        Update::ContainerRestarted { container } => tr(
            lang,
            || format!("container {container} restarted"),
            || format!("容器 {container} 已重启"),
        ),
        Update::ContainerReady { container } => tr(
            lang,
            || format!("container {container} ready (readiness probe succeeded)"),
            || format!("容器 {container} 已就绪（就绪探针成功）"),
        ),
        Update::CrashLoopBackOff {
            container,
            delay_ms,
        } => {
            let d = format_duration(*delay_ms);
            tr(
                lang,
                || format!("container {container}: CrashLoopBackOff {d}"),
                || format!("容器 {container}：CrashLoopBackOff，等待 {d}"),
            )
        }
        Update::FinalizerRemoved { finalizer } => tr(
            lang,
            || format!("finalizer {finalizer} removed"),
            || format!("移除了 finalizer {finalizer}"),
        ),
        Update::JobStatus {
            active,
            succeeded,
            failed,
            conditions,
        } => {
            let mut s = tr(
                lang,
                || format!("status: active {active}, succeeded {succeeded}, failed {failed}"),
                || format!("状态：活跃 {active}，成功 {succeeded}，失败 {failed}"),
            );
            for c in conditions {
                s.push_str(lang.pick(", ", "，"));
                s.push_str(c);
            }
            s
        }
        Update::Taints { taints } => {
            let t = taints.join(", ");
            tr(lang, || format!("taints [{t}]"), || format!("污点 [{t}]"))
        }
        Update::Condition {
            type_,
            status,
            reason,
        } => tr(
            lang,
            || format!("{type_}={status} ({reason})"),
            || format!("条件 {type_}={status}（{reason}）"),
        ),
        Update::Adopted { owner } => tr(
            lang,
            || format!("adopted by {owner}"),
            || format!("被 {owner} 收养"),
        ),
        Update::Released => lang
            .pick("released: labels no longer match", "标签不再匹配，已被释放")
            .into(),
        Update::OwnerRemoved { orphaned: true } => lang
            .pick(
                "ownerReference removed (orphaned)",
                "移除了 ownerReference（成为孤儿）",
            )
            .into(),
        Update::OwnerRemoved { orphaned: false } => lang
            .pick(
                "dangling ownerReference removed",
                "移除了失效的 ownerReference",
            )
            .into(),
        Update::Applied => lang.pick("applied", "已应用").into(),
        Update::LeaseRenewed => lang.pick("renewed", "已续期").into(),
        Update::StatusPatched => lang.pick("status patched", "状态已修补").into(),
        Update::LabelsChanged => lang.pick("labels changed", "标签已更改").into(),
        Update::TaintsChanged => lang.pick("taints changed", "污点已更改").into(),
        Update::Cordoned { cordoned: true } => lang.pick("cordoned", "已封锁（不可调度）").into(),
        Update::Cordoned { cordoned: false } => lang.pick("uncordoned", "已解除封锁").into(),
        Update::DaemonSetStatus {
            desired,
            current,
            ready,
            updated,
            available,
        } => tr(
            lang,
            || {
                format!("status: desired {desired}, current {current}, ready {ready}, up-to-date {updated}, available {available}")
            },
            || {
                format!("状态：期望 {desired}，当前 {current}，就绪 {ready}，最新 {updated}，可用 {available}")
            },
        ),
        Update::CronJobStatus {
            active,
            last_schedule: Some(t),
        } => tr(
            lang,
            || format!("status: active {active}, lastScheduleTime {t}"),
            || format!("状态：活跃 {active}，最近调度时间 {t}"),
        ),
        Update::CronJobStatus {
            active,
            last_schedule: None,
        } => tr(
            lang,
            || format!("status: active {active}"),
            || format!("状态：活跃 {active}"),
        ),
    }
}

/// The wantActive formula with a sync's numbers, e.g.
/// `min(parallelism 2, completions 8 − succeeded 3) = 2`.
pub fn formula(s: &JobSync, lang: Lang) -> Option<String> {
    let want = s.want_active?;
    let (p, ok) = (s.parallelism, s.succeeded);
    Some(match s.completions {
        Some(c) => tr(
            lang,
            || format!("min(parallelism {p}, completions {c} − succeeded {ok}) = {want}"),
            || format!("min(并行度 {p}, 完成数 {c} − 已成功 {ok}) = {want}"),
        ),
        None if ok > 0 => tr(
            lang,
            || format!("active {want} (a pod succeeded: no new pods)"),
            || format!("活跃数 {want}（已有 Pod 成功：不再创建）"),
        ),
        None => tr(
            lang,
            || format!("parallelism {want}"),
            || format!("并行度 {want}"),
        ),
    })
}

/// What a Job sync decided.
pub fn job_decision(d: &JobDecision, lang: Lang) -> String {
    match d {
        JobDecision::Create(n) => tr(lang, || format!("create {n}"), || format!("创建 {n} 个")),
        JobDecision::Delete(n) => tr(lang, || format!("delete {n}"), || format!("删除 {n} 个")),
        JobDecision::WaitBackoff {
            remaining_ms,
            failures,
        } => {
            let d = format_duration(*remaining_ms);
            tr(
                lang,
                || format!("wait {d} (back-off after {failures} failure(s))"),
                || format!("等待 {d}（{failures} 次失败后的退避）"),
            )
        }
        JobDecision::WaitExpectations => lang
            .pick(
                "wait for earlier creations/deletions to be observed",
                "等待之前的创建/删除被观察到",
            )
            .into(),
        JobDecision::Suspended => lang.pick("suspended: no pods", "已挂起：不运行 Pod").into(),
        JobDecision::Finish { condition, reason } => tr(
            lang,
            || format!("{condition} ({reason})"),
            || format!("{condition}（{reason}）"),
        ),
        JobDecision::Nothing => lang
            .pick("nothing to change", "无需改变：集群已符合期望")
            .into(),
    }
}

/// One Job sync: what it observed, the formula, the decision and the requeue.
pub fn job_sync(s: &JobSync, lang: Lang) -> String {
    let (j, a, ok, f) = (&s.job, s.active, s.succeeded, s.failed);
    let mut out = tr(
        lang,
        || format!("sync job/{j}: active {a}, succeeded {ok}, failed {f}"),
        || format!("同步 job/{j}：活跃 {a}，成功 {ok}，失败 {f}"),
    );
    if s.terminating > 0 {
        let t = s.terminating;
        out += &tr(
            lang,
            || format!(", terminating {t}"),
            || format!("，终止中 {t}"),
        );
    }
    if let Some(formula) = formula(s, lang) {
        out += &tr(
            lang,
            || format!("; wantActive = {formula}"),
            || format!("；wantActive = {formula}"),
        );
    }
    if s.decision != JobDecision::Nothing {
        out.push_str(" → ");
        out.push_str(&job_decision(&s.decision, lang));
    }
    if let Some(ms) = s.requeue_ms {
        let d = format_duration(ms);
        out += &tr(
            lang,
            || format!("; requeue in {d}"),
            || format!("；{d} 后再次同步"),
        );
    }
    out
}

/// What a CronJob sync decided.
pub fn cron_decision(d: &CronDecision, lang: Lang) -> String {
    match d {
        CronDecision::Created { job } => tr(
            lang,
            || format!("created job/{job}"),
            || format!("创建了 job/{job}"),
        ),
        CronDecision::Replaced { deleted, job } => tr(
            lang,
            || format!("replaced {} with job/{job}", deleted.join(", ")),
            || format!("替换：删除 {}，创建 job/{job}", deleted.join("、")),
        ),
        CronDecision::SkippedForbid { running } => tr(
            lang,
            || format!("skipped (Forbid): {} still running", running.join(", ")),
            || format!("跳过（Forbid）：{} 仍在运行", running.join("、")),
        ),
        CronDecision::TooLate => lang
            .pick(
                "missed: past startingDeadlineSeconds",
                "错过：已超过 startingDeadlineSeconds",
            )
            .into(),
        CronDecision::AlreadyDone => lang.pick("already handled", "该时间点已处理").into(),
        CronDecision::NotDue => lang.pick("nothing due", "还没有到期的调度时间").into(),
        CronDecision::Suspended => lang.pick("suspended", "已挂起").into(),
        CronDecision::Deleting => lang.pick("being deleted", "正在删除").into(),
        CronDecision::UnknownTimeZone => lang.pick("unknown time zone", "未知时区").into(),
        CronDecision::Unparseable => lang
            .pick("unparseable schedule", "无法解析的调度表达式")
            .into(),
        CronDecision::InvalidSchedule => lang
            .pick("invalid schedule", "无效的调度（永远不会触发）")
            .into(),
        CronDecision::Exists { job } => tr(
            lang,
            || format!("job/{job} already existed"),
            || format!("job/{job} 已存在"),
        ),
        CronDecision::CreateFailed => lang.pick("create failed", "创建失败").into(),
    }
}

/// One CronJob sync: the scheduled time, the decision, the cleanup and the next tick.
pub fn cron_sync(s: &CronJobSync, lang: Lang) -> String {
    let c = &s.cronjob;
    let mut out = tr(
        lang,
        || format!("sync cronjob/{c}"),
        || format!("同步 cronjob/{c}"),
    );
    if let Some(t) = s.chosen {
        out += &tr(
            lang,
            || format!(": scheduled {t}"),
            || format!("：调度时间 {t}"),
        );
    }
    if s.missed > 1 {
        let m = s.missed;
        out += &tr(
            lang,
            || format!(" (about {m} missed)"),
            || format!("（约错过 {m} 次）"),
        );
    }
    out.push_str(" → ");
    out.push_str(&cron_decision(&s.decision, lang));
    if !s.cleaned.is_empty() {
        out += &tr(
            lang,
            || format!("; cleaned {}", s.cleaned.join(", ")),
            || format!("；清理 {}", s.cleaned.join("、")),
        );
    }
    if let Some(t) = s.next {
        out += &tr(lang, || format!("; next {t}"), || format!("；下次 {t}"));
    }
    out
}

/// Why a node does (or does not) run a daemon pod.
pub fn placement(p: &Placement, lang: Lang) -> String {
    match p {
        Placement::Runs => lang.pick("runs a daemon pod", "运行守护 Pod").into(),
        Placement::OtherNodeName { wanted } => tr(
            lang,
            || format!("no pod: the template names node {wanted}"),
            || format!("不运行：模板指定了节点 {wanted}"),
        ),
        Placement::SelectorMismatch => lang
            .pick(
                "no pod: nodeSelector or node affinity does not match",
                "不运行：nodeSelector 或节点亲和性不匹配",
            )
            .into(),
        Placement::NoScheduleTaint { taint } => tr(
            lang,
            || format!("no new pod: taint {taint} not tolerated (a running pod stays)"),
            || format!("不新建：未容忍污点 {taint}（已运行的 Pod 保留）"),
        ),
        Placement::NoExecuteTaint { taint } => tr(
            lang,
            || format!("no pod: taint {taint} not tolerated (a running pod is deleted)"),
            || format!("不运行：未容忍污点 {taint}（已运行的 Pod 会被删除）"),
        ),
    }
}

/// One DaemonSet sync: each node that should not run a pod and why, what it created and
/// deleted, and the rolling update's round.
pub fn daemonset_sync(s: &DaemonSetSync, lang: Lang) -> String {
    let desired = s.nodes.iter().filter(|(_, p)| p.should_run()).count();
    let (ds, n) = (&s.daemonset, s.nodes.len());
    let mut out = tr(
        lang,
        || format!("sync daemonset/{ds}: {desired} of {n} nodes should run a pod"),
        || format!("同步 daemonset/{ds}：{n} 个节点中有 {desired} 个应运行 Pod"),
    );
    let sep = lang.pick("; ", "；");
    for (node, p) in s.nodes.iter().filter(|(_, p)| !p.should_run()) {
        out += &format!("{sep}{node}{}{}", lang.pick(": ", "："), placement(p, lang));
    }
    if s.waiting {
        out += lang.pick(
            " → wait for earlier creations/deletions to be observed",
            " → 等待之前的创建/删除被观察到",
        );
    }
    if !s.created_on.is_empty() {
        out += &tr(
            lang,
            || format!(" → create on {}", s.created_on.join(", ")),
            || format!(" → 在 {} 上创建", s.created_on.join("、")),
        );
    }
    if !s.deleted.is_empty() {
        out += &tr(
            lang,
            || format!(" → delete {}", s.deleted.join(", ")),
            || format!(" → 删除 {}", s.deleted.join("、")),
        );
    }
    if let Some((surge, unavailable, flight)) = s.rollout {
        out += &tr(
            lang,
            || {
                format!(" (rolling update: maxSurge {surge}, maxUnavailable {unavailable}, {flight} in flight")
            },
            || {
                format!(
                    "（滚动更新：maxSurge {surge}，maxUnavailable {unavailable}，进行中 {flight}"
                )
            },
        );
        if !s.updating.is_empty() {
            out += &tr(
                lang,
                || format!("; updating {}", s.updating.join(", ")),
                || format!("；更新 {}", s.updating.join("、")),
            );
        }
        out += lang.pick(")", "）");
    }
    out
}

macro_rules! english {
    ($($ty:ty => $f:expr),* $(,)?) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&$f(self, Lang::En))
            }
        }
    )*};
}

english! {
    Actor => actor,
    Change => change,
    Update => update,
    JobDecision => job_decision,
    JobSync => job_sync,
    CronDecision => cron_decision,
    CronJobSync => cron_sync,
    Placement => placement,
    DaemonSetSync => daemonset_sync,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn notes_should_show_in_the_chosen_language() {
        let note = Change::Note {
            en: "hello".into(),
            zh: "你好".into(),
        };
        assert_eq!(change(&note, Lang::Zh), "你好");
        assert_eq!(note.to_string(), "note: hello");
        let bound = Change::Updated {
            kind: Kind::Pod,
            name: "p".into(),
            what: Update::Bound {
                node: "node-1".into(),
            },
        };
        assert_eq!(change(&bound, Lang::Zh), "更新了 pod/p：绑定到 node-1");
        assert_eq!(bound.to_string(), "updated pod/p: bound to node-1");
    }

    #[test]
    fn a_job_sync_should_read_with_the_same_numbers_in_both_languages() {
        let s = JobSync {
            job: "pi".into(),
            active: 1,
            ready: 0,
            succeeded: 3,
            failed: 0,
            terminating: 0,
            parallelism: 2,
            completions: Some(8),
            want_active: Some(2),
            decision: JobDecision::Create(1),
            requeue_ms: None,
        };
        assert_eq!(
            s.to_string(),
            "sync job/pi: active 1, succeeded 3, failed 0; wantActive = min(parallelism 2, completions 8 − succeeded 3) = 2 → create 1"
        );
        assert_eq!(
            job_sync(&s, Lang::Zh),
            "同步 job/pi：活跃 1，成功 3，失败 0；wantActive = min(并行度 2, 完成数 8 − 已成功 3) = 2 → 创建 1 个"
        );
    }
}
