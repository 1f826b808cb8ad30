//! Every string a learner reads, in English and Simplified Chinese. The `Text` enum makes a
//! missing translation a compile error; API messages themselves stay verbatim, as kubectl shows.

use crate::sim::{format_duration, Actor, Change, JobDecision, JobSync};

/// The UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The code stored in preferences and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Parses a stored code (anything starting with `zh` is Chinese).
    pub fn from_code(code: &str) -> Lang {
        if code.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// Picks the text for this language.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// Fixed UI strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// Page subtitle.
    Tagline,
    /// Play button.
    Play,
    /// Pause button.
    Pause,
    /// Step forward button.
    StepForward,
    /// Step back button.
    StepBack,
    /// Restart button.
    Restart,
    /// Speed control label.
    Speed,
    /// Scenario picker label.
    Scenario,
    /// Virtual time label.
    SimTime,
    /// Wall-clock label.
    WallTime,
    /// Cluster region heading.
    Cluster,
    /// Unscheduled pods lane.
    SchedulingQueue,
    /// Empty queue.
    QueueEmpty,
    /// Node is Ready.
    Ready,
    /// Node is NotReady.
    NotReady,
    /// Node is cordoned.
    Cordoned,
    /// Node without pods.
    NoPods,
    /// Activity heading.
    Activity,
    /// Restarts badge.
    Restarts,
    /// Phase legend heading.
    Legend,
    /// Language switch label.
    Language,
    /// Keyboard hint.
    Keys,
    /// Shown when the scenario cannot be loaded.
    LoadFailed,
}

impl Text {
    /// Every variant, for completeness checks.
    pub const ALL: [Text; 23] = [
        Text::Tagline,
        Text::Play,
        Text::Pause,
        Text::StepForward,
        Text::StepBack,
        Text::Restart,
        Text::Speed,
        Text::Scenario,
        Text::SimTime,
        Text::WallTime,
        Text::Cluster,
        Text::SchedulingQueue,
        Text::QueueEmpty,
        Text::Ready,
        Text::NotReady,
        Text::Cordoned,
        Text::NoPods,
        Text::Activity,
        Text::Restarts,
        Text::Legend,
        Text::Language,
        Text::Keys,
        Text::LoadFailed,
    ];

    /// (English, Chinese).
    pub fn both(self) -> (&'static str, &'static str) {
        match self {
            Text::Tagline => (
                "Watch a Kubernetes cluster think, step by step",
                "一步一步，看 Kubernetes 集群如何思考",
            ),
            Text::Play => ("Play", "播放"),
            Text::Pause => ("Pause", "暂停"),
            Text::StepForward => ("Step forward", "前进一步"),
            Text::StepBack => ("Step back", "后退一步"),
            Text::Restart => ("Restart", "从头开始"),
            Text::Speed => ("Speed", "速度"),
            Text::Scenario => ("Scenario", "场景"),
            Text::SimTime => ("Simulated time", "模拟时间"),
            Text::WallTime => ("Cluster clock", "集群时钟"),
            Text::Cluster => ("Cluster", "集群"),
            Text::SchedulingQueue => ("Scheduling queue", "调度队列"),
            Text::QueueEmpty => ("empty", "空"),
            Text::Ready => ("Ready", "就绪"),
            Text::NotReady => ("NotReady", "未就绪"),
            Text::Cordoned => ("cordoned", "已封锁"),
            Text::NoPods => ("no pods", "没有 Pod"),
            Text::Activity => ("What just happened", "刚刚发生了什么"),
            Text::Restarts => ("restarts", "次重启"),
            Text::Legend => ("Pod status", "Pod 状态"),
            Text::Language => ("Language", "语言"),
            Text::Keys => (
                "Space: play/pause · ←/→: step",
                "空格：播放/暂停 · ←/→：单步",
            ),
            Text::LoadFailed => ("This scenario could not be loaded", "无法加载此场景"),
        }
    }

    /// The text in a language.
    pub fn get(self, lang: Lang) -> &'static str {
        let (en, zh) = self.both();
        lang.pick(en, zh)
    }
}

/// The name of an actor, in a language.
pub fn actor(a: &Actor, lang: Lang) -> String {
    match (a, lang) {
        (Actor::Kubelet(node), _) => format!("kubelet/{node}"),
        (Actor::Controller(name), _) => name.clone(),
        (Actor::User, Lang::Zh) => "用户".into(),
        (Actor::ApiServer, Lang::Zh) => "API 服务器".into(),
        (Actor::Scheduler, Lang::Zh) => "调度器".into(),
        (Actor::NodeLifecycle, Lang::Zh) => "节点生命周期控制器".into(),
        (Actor::PodGc, Lang::Zh) => "Pod 垃圾回收器".into(),
        (Actor::GarbageCollector, Lang::Zh) => "垃圾回收器".into(),
        (a, Lang::En) => a.to_string(),
    }
}

/// A trace change as a sentence in a language (API messages stay verbatim).
pub fn change(c: &Change, lang: Lang) -> String {
    match lang {
        Lang::En => c.to_string(),
        Lang::Zh => match c {
            Change::Created { kind, name } => format!("创建了 {}/{name}", kind.lower()),
            Change::Updated { kind, name, what } => {
                format!("更新了 {}/{name}：{what}", kind.lower())
            }
            Change::DeleteRequested {
                kind,
                name,
                grace_seconds,
            } => {
                format!(
                    "请求删除 {}/{name}（宽限期 {grace_seconds} 秒）",
                    kind.lower()
                )
            }
            Change::Removed { kind, name } => format!("移除了 {}/{name}", kind.lower()),
            Change::Event {
                type_,
                reason,
                object,
                message,
            } => format!("事件 {type_} {reason} {object}：{message}"),
            Change::Rejected {
                kind,
                name,
                message,
            } => format!("拒绝了 {}/{name}：{message}", kind.lower()),
            Change::JobSync(s) => job_sync_zh(s),
            Change::Note { zh, .. } => zh.clone(),
        },
    }
}

/// A Job sync in Chinese, with the same numbers as the English formula.
fn job_sync_zh(s: &JobSync) -> String {
    let mut out = format!(
        "同步 job/{}：活跃 {}，成功 {}，失败 {}",
        s.job, s.active, s.succeeded, s.failed
    );
    if s.terminating > 0 {
        out.push_str(&format!("，终止中 {}", s.terminating));
    }
    if let Some(want) = s.want_active {
        let formula = match s.completions {
            Some(c) => format!(
                "min(并行度 {}, 完成数 {c} − 已成功 {}) = {want}",
                s.parallelism, s.succeeded
            ),
            None if s.succeeded > 0 => format!("活跃数 {want}（已有 Pod 成功：不再创建）"),
            None => format!("并行度 {want}"),
        };
        out.push_str(&format!("；wantActive = {formula}"));
    }
    out.push_str(&match &s.decision {
        JobDecision::Create(n) => format!(" → 创建 {n} 个"),
        JobDecision::Delete(n) => format!(" → 删除 {n} 个"),
        JobDecision::WaitBackoff {
            remaining_ms,
            failures,
        } => {
            format!(
                " → 等待 {}（{failures} 次失败后的退避）",
                format_duration(*remaining_ms)
            )
        }
        JobDecision::WaitExpectations => " → 等待之前的创建/删除被观察到".to_string(),
        JobDecision::Suspended => " → 已挂起：不运行 Pod".to_string(),
        JobDecision::Finish { condition, reason } => format!(" → {condition}（{reason}）"),
        JobDecision::Nothing => String::new(),
    });
    if let Some(ms) = s.requeue_ms {
        out.push_str(&format!("；{} 后再次同步", format_duration(ms)));
    }
    out
}

/// A pod status (kubectl's STATUS column) explained in a few words, for the legend.
pub fn status_hint(status: &str, lang: Lang) -> &'static str {
    match status {
        "Pending" => lang.pick("waiting to be scheduled", "等待调度"),
        "ContainerCreating" => lang.pick("pulling the image, starting", "拉取镜像、启动中"),
        "Running" => lang.pick("containers running", "容器运行中"),
        "Completed" => lang.pick("finished with exit code 0", "以退出码 0 结束"),
        "Error" => lang.pick("finished with a non-zero exit code", "以非零退出码结束"),
        "CrashLoopBackOff" => lang.pick("waiting before the next restart", "等待下一次重启"),
        "Terminating" => lang.pick("being deleted (grace period)", "删除中（宽限期）"),
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_should_exist_in_both_languages() {
        for t in Text::ALL {
            let (en, zh) = t.both();
            assert!(!en.is_empty() && !zh.is_empty(), "{t:?}");
            assert_ne!(en, zh, "{t:?} is not translated");
        }
    }

    #[test]
    fn notes_should_show_in_the_chosen_language() {
        let note = Change::Note {
            en: "hello".into(),
            zh: "你好".into(),
        };
        assert_eq!(change(&note, Lang::Zh), "你好");
        assert_eq!(change(&note, Lang::En), "note: hello");
        assert_eq!(Lang::from_code("zh-CN"), Lang::Zh);
    }
}
