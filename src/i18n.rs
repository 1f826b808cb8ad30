//! Every string a learner reads, in English and Simplified Chinese. The `Text` enum makes a
//! missing translation a compile error; API messages themselves stay verbatim, as kubectl shows.

use crate::sim::{
    format_duration, Actor, Change, CronDecision, CronJobSync, DaemonSetSync, JobDecision, JobSync,
    Placement, Update,
};

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
    /// Editor heading.
    Manifest,
    /// Apply button.
    Apply,
    /// Editor hint.
    ApplyHint,
    /// No validation problems.
    Valid,
    /// Validation problems heading.
    Problems,
    /// Timeline heading.
    Timeline,
    /// Controller panel heading.
    JobController,
    /// Observed row.
    Observed,
    /// Decided row.
    Decided,
    /// Requeue row.
    Requeue,
    /// No sync yet.
    NoSync,
    /// Events heading.
    Events,
    /// Shown after Apply.
    Applied,
    /// A sync that changed nothing.
    NothingToDo,
    /// Make a container exit 1.
    ExitOne,
    /// Make a container exit 0.
    ExitZero,
    /// Delete a pod.
    DeletePod,
    /// Mark a node NotReady.
    MarkNotReady,
    /// Mark a node Ready.
    MarkReady,
    /// Cordon a node.
    Cordon,
    /// Uncordon a node.
    Uncordon,
    /// Remove a node.
    RemoveNode,
    /// Add a node.
    AddNode,
    /// Close the inspector.
    Close,
    /// Inspector hint.
    InspectHint,
    /// Help overlay heading.
    Shortcuts,
    /// Presenter mode button.
    Presenter,
    /// Jump button.
    NextInteresting,
}

impl Text {
    /// Every variant, for completeness checks.
    pub const ALL: [Text; 51] = [
        Text::NextInteresting,
        Text::Shortcuts,
        Text::Presenter,
        Text::ExitOne,
        Text::ExitZero,
        Text::DeletePod,
        Text::MarkNotReady,
        Text::MarkReady,
        Text::Cordon,
        Text::Uncordon,
        Text::RemoveNode,
        Text::AddNode,
        Text::Close,
        Text::InspectHint,
        Text::NothingToDo,
        Text::Manifest,
        Text::Apply,
        Text::ApplyHint,
        Text::Valid,
        Text::Problems,
        Text::Timeline,
        Text::JobController,
        Text::Observed,
        Text::Decided,
        Text::Requeue,
        Text::NoSync,
        Text::Events,
        Text::Applied,
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
            Text::Manifest => ("Manifest", "清单"),
            Text::Apply => ("Apply", "应用"),
            Text::ApplyHint => (
                "Ctrl+Enter applies the YAML at the current moment; the future is recomputed.",
                "Ctrl+Enter 在当前时刻应用 YAML；之后的发展会重新计算。",
            ),
            Text::Valid => (
                "The API server would accept this.",
                "API 服务器会接受这些内容。",
            ),
            Text::Problems => (
                "The API server would reject this",
                "API 服务器会拒绝这些内容",
            ),
            Text::Timeline => ("Timeline", "时间线"),
            Text::JobController => ("Job controller", "Job 控制器"),
            Text::Observed => ("observed", "观察到"),
            Text::Decided => ("decided", "决定"),
            Text::Requeue => ("next sync", "下次同步"),
            Text::NoSync => ("No Job synced yet.", "还没有同步过 Job。"),
            Text::Events => ("Events", "事件"),
            Text::Applied => (
                "Applied: the run continues from here.",
                "已应用：从此刻继续运行。",
            ),
            Text::ExitOne => ("Container exits 1", "容器以 1 退出"),
            Text::ExitZero => ("Container exits 0", "容器以 0 退出"),
            Text::DeletePod => ("Delete pod", "删除 Pod"),
            Text::MarkNotReady => ("Mark NotReady", "标记为 NotReady"),
            Text::MarkReady => ("Mark Ready", "标记为 Ready"),
            Text::Cordon => ("Cordon", "封锁"),
            Text::Uncordon => ("Uncordon", "解除封锁"),
            Text::RemoveNode => ("Remove node", "移除节点"),
            Text::AddNode => ("Add node", "添加节点"),
            Text::Close => ("Close", "关闭"),
            Text::Shortcuts => ("Keyboard shortcuts", "键盘快捷键"),
            Text::Presenter => ("Presenter mode", "演示模式"),
            Text::NextInteresting => (
                "Jump to the next interesting moment (N)",
                "跳到下一个关键时刻（N）",
            ),
            Text::InspectHint => (
                "Click a pod or a node to inspect it and to inject failures.",
                "点击 Pod 或节点来查看详情并注入故障。",
            ),
            Text::NothingToDo => (
                "nothing to change: the cluster already matches",
                "无需改变：集群已符合期望",
            ),
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
                format!("更新了 {}/{name}：{}", kind.lower(), update_zh(what))
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
            Change::CronJobSync(s) => cron_sync_zh(s),
            Change::DaemonSetSync(s) => ds_sync_zh(s),
            Change::Note { zh, .. } => zh.clone(),
        },
    }
}

/// An update's detail in Chinese (API words such as phases and reasons stay as they are).
pub fn update_zh(u: &Update) -> String {
    match u {
        Update::Bound { node } => format!("绑定到 {node}"),
        Update::Phase {
            phase,
            detail: None,
        } => format!("阶段 {phase}"),
        Update::Phase {
            phase,
            detail: Some(d),
        } => format!("阶段 {phase}（{d}）"),
        Update::ContainerExited { container, code } => format!("容器 {container} 以 {code} 退出"),
        Update::ContainerRestarted { container } => format!("容器 {container} 已重启"),
        Update::ContainerReady { container } => {
            format!("容器 {container} 已就绪（就绪探针成功）")
        }
        Update::CrashLoopBackOff {
            container,
            delay_ms,
        } => {
            format!(
                "容器 {container}：CrashLoopBackOff，等待 {}",
                format_duration(*delay_ms)
            )
        }
        Update::FinalizerRemoved { finalizer } => format!("移除了 finalizer {finalizer}"),
        Update::JobStatus {
            active,
            succeeded,
            failed,
            conditions,
        } => {
            let mut s = format!("状态：活跃 {active}，成功 {succeeded}，失败 {failed}");
            for c in conditions {
                s.push_str(&format!("，{c}"));
            }
            s
        }
        Update::Taints { taints } => format!("污点 [{}]", taints.join(", ")),
        Update::Condition {
            type_,
            status,
            reason,
        } => format!("条件 {type_}={status}（{reason}）"),
        Update::Adopted { owner } => format!("被 {owner} 收养"),
        Update::Released => "标签不再匹配，已被释放".to_string(),
        Update::OwnerRemoved { orphaned: true } => "移除了 ownerReference（成为孤儿）".to_string(),
        Update::OwnerRemoved { orphaned: false } => "移除了失效的 ownerReference".to_string(),
        Update::Applied => "已应用".to_string(),
        Update::LabelsChanged => "标签已更改".to_string(),
        Update::TaintsChanged => "污点已更改".to_string(),
        Update::Cordoned { cordoned: true } => "已封锁（不可调度）".to_string(),
        Update::Cordoned { cordoned: false } => "已解除封锁".to_string(),
        Update::DaemonSetStatus {
            desired,
            current,
            ready,
            updated,
            available,
        } => format!(
            "状态：期望 {desired}，当前 {current}，就绪 {ready}，最新 {updated}，可用 {available}"
        ),
        Update::CronJobStatus {
            active,
            last_schedule,
        } => match last_schedule {
            Some(t) => format!("状态：活跃 {active}，最近调度时间 {t}"),
            None => format!("状态：活跃 {active}"),
        },
    }
}

/// What a CronJob sync decided, in a language.
pub fn cron_decision(d: &CronDecision, lang: Lang) -> String {
    match lang {
        Lang::En => d.to_string(),
        Lang::Zh => match d {
            CronDecision::Created { job } => format!("创建了 job/{job}"),
            CronDecision::Replaced { deleted, job } => {
                format!("替换：删除 {}，创建 job/{job}", deleted.join("、"))
            }
            CronDecision::SkippedForbid { running } => {
                format!("跳过（Forbid）：{} 仍在运行", running.join("、"))
            }
            CronDecision::TooLate => "错过：已超过 startingDeadlineSeconds".into(),
            CronDecision::AlreadyDone => "该时间点已处理".into(),
            CronDecision::NotDue => "还没有到期的调度时间".into(),
            CronDecision::Suspended => "已挂起".into(),
            CronDecision::Deleting => "正在删除".into(),
            CronDecision::UnknownTimeZone => "未知时区".into(),
            CronDecision::Unparseable => "无法解析的调度表达式".into(),
            CronDecision::InvalidSchedule => "无效的调度（永远不会触发）".into(),
            CronDecision::Exists { job } => format!("job/{job} 已存在"),
            CronDecision::CreateFailed => "创建失败".into(),
        },
    }
}

/// A node's DaemonSet verdict in Chinese.
pub fn placement_zh(p: &Placement) -> String {
    match p {
        Placement::Runs => "运行守护 Pod".into(),
        Placement::OtherNodeName { wanted } => format!("不运行：模板指定了节点 {wanted}"),
        Placement::SelectorMismatch => "不运行：nodeSelector 或节点亲和性不匹配".into(),
        Placement::NoScheduleTaint { taint } => {
            format!("不新建：未容忍污点 {taint}（已运行的 Pod 保留）")
        }
        Placement::NoExecuteTaint { taint } => {
            format!("不运行：未容忍污点 {taint}（已运行的 Pod 会被删除）")
        }
    }
}

/// A DaemonSet sync in Chinese.
fn ds_sync_zh(s: &DaemonSetSync) -> String {
    let desired = s.nodes.iter().filter(|(_, p)| p.should_run()).count();
    let mut out = format!(
        "同步 daemonset/{}：{} 个节点中有 {desired} 个应运行 Pod",
        s.daemonset,
        s.nodes.len()
    );
    for (node, p) in s.nodes.iter().filter(|(_, p)| !p.should_run()) {
        out.push_str(&format!("；{node}：{}", placement_zh(p)));
    }
    if s.waiting {
        out.push_str(" → 等待之前的创建/删除被观察到");
    }
    if !s.created_on.is_empty() {
        out.push_str(&format!(" → 在 {} 上创建", s.created_on.join("、")));
    }
    if !s.deleted.is_empty() {
        out.push_str(&format!(" → 删除 {}", s.deleted.join("、")));
    }
    if let Some((surge, unavailable, in_flight)) = s.rollout {
        out.push_str(&format!(
            "（滚动更新：maxSurge {surge}，maxUnavailable {unavailable}，进行中 {in_flight}"
        ));
        if !s.updating.is_empty() {
            out.push_str(&format!("；更新 {}", s.updating.join("、")));
        }
        out.push('）');
    }
    out
}

/// A CronJob sync in Chinese.
fn cron_sync_zh(s: &CronJobSync) -> String {
    let mut out = format!("同步 cronjob/{}", s.cronjob);
    if let Some(t) = s.chosen {
        out.push_str(&format!("：调度时间 {t}"));
    }
    if s.missed > 1 {
        out.push_str(&format!("（约错过 {} 次）", s.missed));
    }
    out.push_str(&format!(" → {}", cron_decision(&s.decision, Lang::Zh)));
    if !s.cleaned.is_empty() {
        out.push_str(&format!("；清理 {}", s.cleaned.join("、")));
    }
    if let Some(t) = s.next {
        out.push_str(&format!("；下次 {t}"));
    }
    out
}

/// What a Job sync decided, in a language.
pub fn decision(d: &JobDecision, lang: Lang) -> String {
    match lang {
        Lang::En => d.to_string(),
        Lang::Zh => match d {
            JobDecision::Create(n) => format!("创建 {n} 个"),
            JobDecision::Delete(n) => format!("删除 {n} 个"),
            JobDecision::WaitBackoff {
                remaining_ms,
                failures,
            } => {
                format!(
                    "等待 {}（{failures} 次失败后的退避）",
                    format_duration(*remaining_ms)
                )
            }
            JobDecision::WaitExpectations => "等待之前的创建/删除被观察到".to_string(),
            JobDecision::Suspended => "已挂起：不运行 Pod".to_string(),
            JobDecision::Finish { condition, reason } => format!("{condition}（{reason}）"),
            JobDecision::Nothing => Text::NothingToDo.get(Lang::Zh).to_string(),
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
    if s.decision != JobDecision::Nothing {
        out.push_str(&format!(" → {}", decision(&s.decision, Lang::Zh)));
    }
    if let Some(ms) = s.requeue_ms {
        out.push_str(&format!("；{} 后再次同步", format_duration(ms)));
    }
    out
}

/// A one-sentence explanation of a common mistake, for a manifest error's message.
pub fn explain(message: &str, lang: Lang) -> Option<&'static str> {
    let m = message;
    if m.contains("spec.template.spec.restartPolicy")
        && (m.contains("\"OnFailure\", \"Never\"") || m.contains("only \"Never\""))
    {
        return Some(lang.pick(
            "A Job's pods must finish, so their restartPolicy must be Never or OnFailure; Always (the Pod default, also used when the field is omitted) is rejected.",
            "Job 的 Pod 必须会结束，因此 restartPolicy 只能是 Never 或 OnFailure；Always（Pod 的默认值，省略时也是它）会被拒绝。",
        ));
    }
    if m.contains("unknown field") {
        return Some(lang.pick(
            "This field does not exist at this place; check the spelling and the indentation.",
            "这里不存在这个字段；请检查拼写和缩进。",
        ));
    }
    if m.contains("may not be set when maxUnavailable is non-zero") {
        return Some(lang.pick(
            "maxUnavailable defaults to 1, and a DaemonSet rolls by one or the other: to surge, also write maxUnavailable: 0.",
            "maxUnavailable 默认为 1，而 DaemonSet 只能二选一：要使用 maxSurge，还需写上 maxUnavailable: 0。",
        ));
    }
    if m.contains("The DaemonSet") && m.contains("supported values: \"Always\"") {
        return Some(lang.pick(
            "A daemon pod runs for as long as its node, so its restartPolicy must be Always (the default when omitted).",
            "守护 Pod 与其节点同生命周期，因此 restartPolicy 必须为 Always（省略时的默认值）。",
        ));
    }
    if m.contains("The DaemonSet") && m.contains("`selector` does not match template `labels`") {
        return Some(lang.pick(
            "apps/v1 requires a DaemonSet's selector, and it must match the template's labels (it cannot be changed later).",
            "apps/v1 要求 DaemonSet 必须写 selector，且要与模板标签一致（之后不能再修改）。",
        ));
    }
    if m.contains("`selector` does not match template `labels`")
        || m.contains("`selector` not auto-generated")
    {
        return Some(lang.pick(
            "A Job's selector is generated from its uid; leave it out (or set manualSelector: true and make it match the template labels).",
            "Job 的 selector 由其 uid 自动生成；请不要填写（或设置 manualSelector: true 并让它与模板标签一致）。",
        ));
    }
    if m.contains("spec.schedule: Invalid value") {
        return Some(lang.pick(
            "A CronJob schedule is five fields — minute, hour, day of month, month, day of week (\"*/5 * * * *\" is every five minutes) — or a descriptor such as @hourly or @daily; there is no seconds field, and the time zone goes in spec.timeZone.",
            "CronJob 的 schedule 由五个字段组成——分钟、小时、日、月、星期（\"*/5 * * * *\" 表示每五分钟一次）——或使用 @hourly、@daily 这样的描述符；没有秒字段，时区请写在 spec.timeZone 中。",
        ));
    }
    if m.contains("concurrencyPolicy") {
        return Some(lang.pick(
            "concurrencyPolicy is a CronJob field with the values Allow, Forbid or Replace — not true/false.",
            "concurrencyPolicy 是 CronJob 的字段，取值为 Allow、Forbid 或 Replace——不是 true/false。",
        ));
    }
    if m.contains("cannot unmarshal") {
        return Some(lang.pick(
            "The value has the wrong type here: quote numbers used as strings (labels, annotations).",
            "这里的值类型不对：作为字符串使用的数字（标签、注解）需要加引号。",
        ));
    }
    if m.contains("Required value") {
        return Some(lang.pick("A required field is missing.", "缺少必填字段。"));
    }
    None
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

/// Why a share link could not be opened, in a language.
pub fn share_error(e: &crate::share::ShareError, lang: Lang) -> String {
    use crate::share::ShareError as E;
    match lang {
        Lang::En => format!("Share link: {e}. The scenario you last used is shown instead."),
        Lang::Zh => {
            let why = match e {
                E::NotALink => "不是 podlab 分享链接".to_string(),
                E::TooLong(n) => format!("链接太长（{n} 个字符）"),
                E::Base64 | E::Inflate | E::Json(_) => "链接已损坏".to_string(),
                E::Version(v) => format!("链接来自另一个版本的 podlab（格式 {v}）"),
                E::Scenario(s) => format!("链接中的场景 {s:?} 不存在"),
                E::Field(f) => format!("链接中的字段有误：{f}"),
                E::Manifest(n) => format!("链接中的 YAML 有 {n} 个问题"),
            };
            format!("分享链接：{why}。改为显示你上次使用的场景。")
        }
    }
}

/// Why the run stopped early, for the banner above the cluster.
pub fn engine_error(e: &crate::engine::EngineError, lang: Lang) -> String {
    use crate::engine::EngineError as E;
    match lang {
        Lang::En => format!("The run was cut short: {e}."),
        Lang::Zh => {
            let why = match e {
                E::TooManyEvents { at, bound } => format!(
                    "运行到 t = {at} 时超过了 {bound} 个事件的预算，未能到达终点；请缩短 `until` 或场景"
                ),
                E::TooLarge(t) => format!(
                    "{} 在这次运行中约会产生 {} 个{}；保留回放历史时一次运行最多容纳 {} 个，无历史（`podlab run`）时 {} 个；{}",
                    t.workload,
                    t.count,
                    if t.what == "pods" { " Pod" } else { " Job" },
                    t.most_recorded,
                    t.most_headless,
                    if t.what == "pods" {
                        "请降低 completions 或 parallelism"
                    } else {
                        "请缩短 `until` 或降低调度频率"
                    }
                ),
                E::TooLargeToRecord { at, bound } => format!(
                    "运行到 t = {at} 时，保留回放所需的历史（超过 {bound} 条轨迹与检查点对象）已超出预算；请缩短 `until`、减小工作负载，或用 `podlab run` 无历史运行"
                ),
            };
            format!("这次运行被提前截止：{why}。")
        }
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
    fn common_mistakes_should_be_explained_in_both_languages() {
        let schedule = crate::validation::cronjob::validate_schedule(
            "0 0 * * * *",
            &crate::validation::Path::new("spec").child("schedule"),
        );
        let restart = "The Job \"pi\" is invalid: spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"";
        for message in [schedule[0].to_string().as_str(), restart] {
            let (en, zh) = (explain(message, Lang::En), explain(message, Lang::Zh));
            assert!(en.is_some() && zh.is_some() && en != zh, "{message}");
        }
        assert!(explain(&schedule[0].to_string(), Lang::En)
            .unwrap()
            .contains("five fields"));
        let surge = "The DaemonSet \"fluentd\" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero";
        assert!(explain(surge, Lang::En)
            .unwrap()
            .contains("maxUnavailable: 0"));
        assert!(explain(surge, Lang::Zh)
            .unwrap()
            .contains("maxUnavailable: 0"));
        let ds_selector = "The DaemonSet \"fluentd\" is invalid: spec.template.metadata.labels: Invalid value: {}: `selector` does not match template `labels`";
        assert!(explain(ds_selector, Lang::En)
            .unwrap()
            .contains("DaemonSet"));
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
        let bound = Change::Updated {
            kind: crate::model::Kind::Pod,
            name: "p".into(),
            what: Update::Bound {
                node: "node-1".into(),
            },
        };
        assert_eq!(change(&bound, Lang::Zh), "更新了 pod/p：绑定到 node-1");
        assert_eq!(change(&bound, Lang::En), "updated pod/p: bound to node-1");
    }
}
