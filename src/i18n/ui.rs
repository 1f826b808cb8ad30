//! The page's fixed words: labels, buttons, headings, tooltips and accessible names, each
//! variant with its English and Chinese in one arm.

use super::Lang;

/// A fixed string of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ui {
    // The header.
    /// Page subtitle.
    Tagline,
    /// The scenario picker.
    Scenario,
    /// The picker's entry for an imported file.
    ImportedScenario,
    /// Presenter mode (button name and tooltip).
    Presenter,
    /// The Share button.
    Share,
    /// What Share does.
    ShareTitle,
    /// The Compare button.
    Compare,
    /// What Compare does.
    CompareTitle,
    /// The Fidelity button and dialog.
    Fidelity,
    /// What Fidelity shows.
    FidelityTitle,
    /// The language switch's accessible name.
    Language,
    /// The language switch's text: the other language's own name.
    OtherLanguage,
    /// The keyboard hint in the footer.
    Keys,
    /// The scenario could not be loaded.
    LoadFailed,
    /// A challenge's verdict: solved.
    Solved,
    /// A challenge's verdict: not solved.
    NotSolved,
    /// Close a dialog or panel.
    Close,
    /// The fidelity dialog's first heading.
    Simulated,
    /// The fidelity dialog's second heading.
    AcceptedOnly,
    /// The keyboard help's title (and the `?` button's name).
    Shortcuts,
    /// Shortcut: Space.
    KeyPlay,
    /// Shortcut: → / PageDown.
    KeyStepForward,
    /// Shortcut: ← / PageUp.
    KeyStepBack,
    /// Shortcut: N.
    KeyNext,
    /// Shortcut: Home.
    KeyHome,
    /// Shortcut: Ctrl+Enter.
    KeyApply,
    /// Shortcut: lesson steps.
    KeyLessonStep,
    /// Shortcut: 1–4.
    KeyAnswer,
    /// Shortcut: P.
    KeyPresenter,
    /// Shortcut: ?.
    KeyHelp,

    // Compare.
    /// The comparison bar's name.
    Comparison,
    /// "· this run" after A.
    ThisRun,
    /// B's picker.
    CompareWith,
    /// B: this scenario with the editor's YAML.
    CompareEditor,
    /// One clock for both.
    OneClock,
    /// Stop comparing.
    StopComparing,

    // The playback bar.
    /// The bar's name.
    Playback,
    /// Step back.
    StepBack,
    /// Play.
    Play,
    /// Pause.
    Pause,
    /// Step forward.
    StepForward,
    /// Jump to the next interesting moment (name).
    NextInteresting,
    /// Its tooltip.
    NextInterestingTitle,
    /// Back to t = 0.
    Restart,
    /// The speed picker.
    Speed,
    /// Virtual time.
    SimTime,
    /// The cluster's wall clock.
    WallTime,
    /// The progress bar.
    Progress,

    // The editor.
    /// The editor region.
    Editor,
    /// Its heading and the text area's name.
    Manifest,
    /// Apply.
    Apply,
    /// How Apply works.
    ApplyHint,
    /// The list of problems.
    Problems,
    /// The list's heading.
    WouldReject,
    /// Heading over containers whose program podlab does not interpret.
    NotInterpreted,

    // Lessons.
    /// The Lessons region and heading.
    Lessons,
    /// The challenges' list and panel.
    Challenges,
    /// An open challenge's heading.
    Challenge,
    /// A challenge's goal.
    Goal,
    /// Check a challenge's attempt.
    Check,
    /// Show the next hint.
    ShowHint,
    /// Close the challenge.
    CloseChallenge,
    /// A console challenge: where to answer.
    AnswerInConsole,
    /// A challenge's attempt the API server refused.
    AttemptRefused,
    /// Challenges offered at a lesson's end.
    TryYourself,
    /// The Embed button and dialog.
    Embed,
    /// What Embed gives.
    EmbedTitle,
    /// The embed's panel.
    EmbedPanel,
    /// Embed panel: the timeline.
    PanelTimeline,
    /// Embed panel: the tick ruler.
    PanelTicks,
    /// Embed panel: the rollout board.
    PanelRollout,
    /// Embed panel: the controllers.
    PanelController,
    /// Embed panel: only the cluster.
    PanelCluster,
    /// Include the editor in the embed.
    EmbedEditor,
    /// The snippet.
    EmbedSnippet,
    /// Copy the snippet.
    CopySnippet,
    /// The embed's link to the full app.
    OpenInPodlab,
    /// The prediction group.
    Predict,
    /// "Predict:" before the question.
    PredictLabel,
    /// A right answer.
    Right,
    /// A wrong answer.
    NotQuite,
    /// The step dots.
    LessonProgress,
    /// To the previous step.
    Back,
    /// To the next step.
    Next,
    /// Back to the lesson's moment.
    ResumeStep,
    /// Close the lesson.
    CloseLesson,
    /// The learner changed the run.
    Experimenting,

    // The kubectl console.
    /// The console's name and heading.
    Console,
    /// How the console works.
    ConsoleHint,
    /// Clear the console.
    Clear,
    /// Clear's accessible name.
    ClearConsole,
    /// A `-w` is running.
    Watching,

    // The cluster.
    /// The cluster region.
    Cluster,
    /// The second cluster of a comparison.
    ClusterB,
    /// Add a node.
    AddNode,
    /// Unscheduled pods.
    SchedulingQueue,
    /// An empty queue.
    QueueEmpty,
    /// A Ready node.
    Ready,
    /// A NotReady node.
    NotReady,
    /// A cordoned node.
    Cordoned,
    /// A node without pods.
    NoPods,

    // The controller panels.
    /// The Job controller panel.
    JobController,
    /// "observed" row.
    Observed,
    /// "decided" row.
    Decided,
    /// "next sync" row.
    Requeue,
    /// No sync yet.
    NoSync,
    /// A sync that changed nothing.
    NothingToDo,

    // The control plane.
    /// The region.
    ControlPlane,
    /// The diagram's name.
    ControlPlaneDiagram,
    /// You, with kubectl.
    BoxUser,
    /// The API server.
    BoxApi,
    /// etcd.
    BoxEtcd,
    /// The garbage collectors and friends.
    BoxGc,
    /// The scheduler.
    BoxScheduler,
    /// The kubelets.
    BoxKubelet,
    /// Informers and workqueues.
    BoxQueue,
    /// An empty workqueue.
    Empty,

    // CronJob ticks.
    /// The rulers' region and heading.
    CronTicks,
    /// The tick row's label.
    TicksLane,
    /// Ran.
    TickRan,
    /// Replaced.
    TickReplaced,
    /// Skipped under Forbid.
    TickSkipped,
    /// Missed.
    TickMissed,
    /// Suspended.
    TickSuspended,
    /// Not yet reached by the playhead.
    TickScheduled,
    /// A Job still running.
    SpanRunning,
    /// A Job Complete.
    SpanComplete,
    /// A Job Failed.
    SpanFailed,
    /// A Job deleted by Replace.
    SpanDeleted,
    /// No more ticks.
    NoMoreTicks,
    /// » next tick.
    NextTick,
    /// Its tooltip.
    NextTickTitle,
    /// Why a tick was missed: the deadline.
    PastDeadline,
    /// Why a tick was missed: only the latest runs.
    NotBackfilled,

    // DaemonSet rollouts.
    /// The boards' region and heading.
    Rollouts,
    /// » next step.
    NextStep,
    /// Its tooltip.
    NextStepTitle,
    /// OnDelete has no budget.
    OnDeleteBudget,
    /// The meter with surge.
    SurgeMeter,
    /// The meter without.
    UnavailableMeter,
    /// A terminating daemon pod.
    PodTerminating,
    /// An available daemon pod.
    PodAvailable,
    /// Ready, not yet available.
    PodReadyNotAvailable,
    /// Not ready.
    PodNotReady,
    /// A pod of the current revision.
    CurrentRevision,
    /// A pod of an old revision.
    OldRevision,
    /// A node waiting for its new pod.
    NoPodYet,
    /// The update-order badge's tooltip.
    OrderTitle,
    /// The node the next round picks.
    NextBadge,
    /// A node surging.
    Surging,
    /// A node unavailable.
    Unavailable,
    /// The strip of nodes.
    Nodes,
    /// No round before the run ends (after the rule, so it starts with a full stop).
    NoFurtherStep,

    // The timeline.
    /// The region and heading.
    Timeline,
    /// The back-off lane.
    BackoffWaits,
    /// The Job controller's sync lane.
    JobSyncs,
    /// Export SVG.
    ExportSvg,
    /// Its tooltip.
    ExportSvgTitle,
    /// The chart's name.
    PodsOverTime,

    // Files.
    /// Export .yaml.
    ExportYaml,
    /// Its tooltip.
    ExportYamlTitle,
    /// Import .yaml.
    ImportYaml,
    /// Its tooltip.
    ImportYamlTitle,
    /// The file input.
    FileToImport,

    // The inspector and its actions.
    /// The region.
    Inspector,
    /// What to do in it.
    InspectHint,
    /// The node console.
    NodeConsole,
    /// Run a node command.
    Run,
    /// How the node console works.
    NodeConsoleHint,
    /// Container exits 1.
    ExitOne,
    /// The pod menu: the pod's image can no longer be pulled.
    ImageUnpullable,
    /// Container exits 0.
    ExitZero,
    /// Delete the pod.
    DeletePod,
    /// Mark the node NotReady.
    MarkNotReady,
    /// Mark the node Ready.
    MarkReady,
    /// Cordon.
    Cordon,
    /// Uncordon.
    Uncordon,
    /// Remove the node.
    RemoveNode,

    // The side panels.
    /// What just happened.
    Activity,
    /// The status legend.
    Legend,
    /// Events.
    Events,
    /// The kubectl tables.
    KubectlGet,

    /// Shown after Share copied the link.
    ShareCopied,
    /// Shown when the browser refused the clipboard.
    ShareInAddress,
    /// Shortcut: Escape.
    KeyEscape,
    /// Shortcut: Escape then Tab in the editor.
    KeyLeaveEditor,
    /// Shortcut: Shift+F10 on a pod or node.
    KeyMenu,
    /// The last Apply was refused.
    ApplyRefused,
    /// How to go on after a refusal.
    WayForward,
    /// One click: delete the object and apply.
    DeleteAndApply,
    /// One click: run the editor's YAML from t = 0.
    RunFromStart,
    /// The cluster's hint for keyboard users.
    ClusterHint,
    /// The CronJob controller panel.
    CronJobController,
    /// The DaemonSet controller panel.
    DaemonSetController,
    /// "considered" row (schedule times).
    Considered,
    /// "policy" row.
    Policy,
    /// "nodes" row.
    NodesRow,
    /// "budget" row.
    Budget,
    /// The grouped timeline's note.
    TimelineGrouped,
    /// The header's group of actions.
    PageActions,
    // The panic report.
    /// Its title.
    PanicTitle,
    /// The learner's text is safe.
    PanicKept,
    /// Reload.
    Reload,
}

impl Ui {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        let (en, zh) = self.both();
        lang.pick(en, zh)
    }

    /// (English, Chinese).
    pub fn both(self) -> (&'static str, &'static str) {
        use Ui::*;
        match self {
            Tagline => ("Watch a Kubernetes cluster think, step by step", "一步一步，看 Kubernetes 集群如何思考"),
            Scenario => ("Scenario", "场景"),
            ImportedScenario => ("Imported scenario", "导入的场景"),
            Presenter => ("Presenter mode", "演示模式"),
            Share => ("Share", "分享"),
            ShareTitle => ("Put this moment in the page address and copy the link", "把这一刻写进页面地址并复制链接"),
            Compare => ("Compare", "对比"),
            CompareTitle => ("Run a second variant beside this one on the same clock", "在同一时钟上并排运行另一个变体"),
            Fidelity => ("Fidelity", "仿真范围"),
            FidelityTitle => ("What podlab simulates, and what it only accepts", "podlab 模拟了什么、只接受了什么"),
            Language => ("Language", "语言"),
            OtherLanguage => ("中文", "English"),
            Keys => ("Space: play/pause · ←/→: step · ?: all shortcuts", "空格：播放/暂停 · ←/→：单步 · ?：全部快捷键"),
            LoadFailed => ("This scenario could not be loaded", "无法加载此场景"),
            Solved => ("solved", "已解决"),
            NotSolved => ("not solved", "未解决"),
            Close => ("Close", "关闭"),
            Simulated => ("Simulated as Kubernetes v1.31+ does it", "按 Kubernetes v1.31+ 的行为模拟"),
            AcceptedOnly => ("Accepted and shown, not simulated", "接受并显示，但不模拟"),
            Shortcuts => ("Keyboard shortcuts", "键盘快捷键"),
            KeyPlay => ("play / pause", "播放 / 暂停"),
            KeyStepForward => ("step forward to the next event", "前进到下一个事件"),
            KeyStepBack => ("step back", "后退一步"),
            KeyNext => ("jump to the next interesting moment", "跳到下一个关键时刻"),
            KeyHome => ("back to the start", "回到开头"),
            KeyApply => ("apply the YAML at the current moment", "在当前时刻应用 YAML"),
            KeyLessonStep => ("in a lesson: next / previous step", "课程中：下一步 / 上一步"),
            KeyAnswer => ("in a lesson: answer the question", "课程中：回答问题"),
            KeyPresenter => ("presenter mode", "演示模式"),
            KeyHelp => ("this help", "本帮助"),
            Comparison => ("Comparison", "对比"),
            ThisRun => (" · this run", " · 当前运行"),
            CompareWith => ("Compare with", "对比对象"),
            CompareEditor => ("this scenario with the editor's YAML (from t = 0)", "本场景，使用编辑器中的 YAML（从 t = 0 开始）"),
            OneClock => ("one clock: the playhead moves both", "同一个时钟：播放头同时移动两者"),
            StopComparing => ("Stop comparing", "停止对比"),
            Playback => ("Playback", "播放控制"),
            StepBack => ("Step back", "后退一步"),
            Play => ("Play", "播放"),
            Pause => ("Pause", "暂停"),
            StepForward => ("Step forward", "前进一步"),
            NextInteresting => ("Next interesting event", "下一个关键时刻"),
            NextInterestingTitle => ("Jump to the next interesting moment (N)", "跳到下一个关键时刻（N）"),
            Restart => ("Restart", "从头开始"),
            Speed => ("Speed", "速度"),
            SimTime => ("Simulated time", "模拟时间"),
            WallTime => ("Cluster clock", "集群时钟"),
            Progress => ("Progress", "进度"),
            Editor => ("Editor", "编辑器"),
            Manifest => ("Manifest", "清单"),
            Apply => ("Apply", "应用"),
            ApplyHint => ("Ctrl+Enter applies the YAML at the current moment; the future is recomputed.", "Ctrl+Enter 在当前时刻应用 YAML；之后的发展会重新计算。"),
            Problems => ("Problems", "问题"),
            WouldReject => ("The API server would reject this", "API 服务器会拒绝这些内容"),
            NotInterpreted => ("Valid, but podlab will not run this program as written", "有效，但 podlab 不会照原样运行这个程序"),
            Lessons => ("Lessons", "课程"),
            Challenges => ("Challenges", "挑战"),
            Challenge => ("Challenge", "挑战"),
            Goal => ("Goal", "目标"),
            Check => ("Check", "检查"),
            ShowHint => ("Show a hint", "显示提示"),
            CloseChallenge => ("Close the challenge", "关闭挑战"),
            AnswerInConsole => (
                "Answer with kubectl in the console below (the playhead is at the moment the goal names), then press Check.",
                "在下方控制台中用 kubectl 作答（播放头已位于目标所说的时刻），然后点击检查。",
            ),
            AttemptRefused => ("The API server refused the attempt:", "API server 拒绝了这次尝试："),
            TryYourself => ("Try it yourself:", "自己动手试试："),
            Embed => ("Embed", "嵌入"),
            EmbedTitle => (
                "An <iframe> of this moment for a course page: this scenario, your changes, the playhead and the language (and the lesson step or challenge)",
                "用于课程页面的本时刻 <iframe>：此场景、你的修改、播放头和语言（以及课程步骤或挑战）",
            ),
            EmbedPanel => ("Panel beside the cluster", "集群旁的面板"),
            PanelTimeline => ("Timeline", "时间线"),
            PanelTicks => ("CronJob tick ruler", "CronJob 调度刻度尺"),
            PanelRollout => ("DaemonSet rollout board", "DaemonSet 滚动更新看板"),
            PanelController => ("Controller panels", "控制器面板"),
            PanelCluster => ("Only the cluster", "只显示集群"),
            EmbedEditor => ("Include the editor", "包含编辑器"),
            EmbedSnippet => ("Snippet", "代码片段"),
            CopySnippet => ("Copy the snippet", "复制代码片段"),
            OpenInPodlab => ("Open in podlab ↗", "在 podlab 中打开 ↗"),
            Predict => ("Predict", "预测"),
            PredictLabel => ("Predict: ", "预测："),
            Right => ("Right. ", "答对了。"),
            NotQuite => ("Not quite. ", "不完全对。"),
            LessonProgress => ("Lesson progress", "课程进度"),
            Back => ("Back", "上一步"),
            Next => ("Next", "下一步"),
            ResumeStep => ("Resume this step", "回到这一步"),
            CloseLesson => ("Close lesson", "关闭课程"),
            Experimenting => ("You are experimenting: the run has your changes. Resume this step to get back to the lesson's moment.", "你正在自己实验：运行里包含你的修改。点“回到这一步”即可回到课程的时刻。"),
            Console => ("kubectl console", "kubectl 控制台"),
            ConsoleHint => ("Runs against the cluster at the playhead; changes fork the run. `-f -` reads the Manifest editor. ↑/↓ history · Tab completes", "在播放头时刻的集群上执行；修改会让运行分叉。`-f -` 读取清单编辑器。↑/↓ 历史 · Tab 补全"),
            Clear => ("Clear", "清空"),
            ClearConsole => ("Clear console", "清空控制台"),
            Watching => ("watching… Ctrl+C stops", "正在 watch… Ctrl+C 停止"),
            Cluster => ("Cluster", "集群"),
            ClusterB => ("Cluster B", "集群 B"),
            AddNode => ("Add node", "添加节点"),
            SchedulingQueue => ("Scheduling queue", "调度队列"),
            QueueEmpty => ("empty", "空"),
            Ready => ("Ready", "就绪"),
            NotReady => ("NotReady", "未就绪"),
            Cordoned => ("cordoned", "已封锁"),
            NoPods => ("no pods", "没有 Pod"),
            JobController => ("Job controller", "Job 控制器"),
            Observed => ("observed", "观察到"),
            Decided => ("decided", "决定"),
            Requeue => ("next sync", "下次同步"),
            NoSync => ("No sync yet.", "还没有同步过。"),
            NothingToDo => ("nothing to change: the cluster already matches", "无需改变：集群已符合期望"),
            ControlPlane => ("Control plane", "控制平面"),
            ControlPlaneDiagram => ("Control plane diagram", "控制平面示意图"),
            BoxUser => ("kubectl / you", "kubectl / 你"),
            BoxApi => ("API server", "API 服务器"),
            BoxEtcd => ("etcd (store)", "etcd（存储）"),
            BoxGc => ("GC · node lifecycle · TTL", "垃圾回收 · 节点生命周期 · TTL"),
            BoxScheduler => ("scheduler", "调度器"),
            BoxKubelet => ("kubelets", "kubelet"),
            BoxQueue => ("informers → workqueues", "informer → 工作队列"),
            Empty => ("empty", "空"),
            CronTicks => ("CronJob ticks", "CronJob 调度时间线"),
            TicksLane => ("ticks", "调度时间点"),
            TickRan => ("ran", "已运行"),
            TickReplaced => ("replaced", "已替换"),
            TickSkipped => ("skipped (Forbid)", "跳过（Forbid）"),
            TickMissed => ("missed", "错过"),
            TickSuspended => ("suspended", "已挂起"),
            TickScheduled => ("scheduled", "已排定"),
            SpanRunning => ("running", "运行中"),
            SpanComplete => ("Complete", "完成"),
            SpanFailed => ("Failed", "失败"),
            SpanDeleted => ("deleted (replaced)", "被删除（替换）"),
            NoMoreTicks => ("no more ticks in this run", "本次运行中没有后续调度"),
            NextTick => ("» next tick", "» 下次调度"),
            NextTickTitle => ("Move the playhead just past the next scheduled time", "把播放头移到下一个调度时间之后"),
            PastDeadline => ("older than startingDeadlineSeconds when the controller looked", "控制器检查时已超过 startingDeadlineSeconds"),
            NotBackfilled => ("not back-filled: only the most recent missed time runs", "不补跑：只运行最近一次错过的时间"),
            Rollouts => ("DaemonSet rollouts", "DaemonSet 滚动更新"),
            NextStep => ("» next step", "» 下一步"),
            NextStepTitle => ("Move the playhead just past the next update step", "把播放头移到下一次更新之后"),
            OnDeleteBudget => ("OnDelete: no budget; a node is updated when you delete its pod.", "OnDelete：没有预算；删除某节点的 Pod 时该节点才更新。"),
            SurgeMeter => ("surge (nodes with two pods)", "超额（有两个 Pod 的节点）"),
            UnavailableMeter => ("unavailable nodes", "不可用节点"),
            PodTerminating => ("terminating", "终止中"),
            PodAvailable => ("available", "可用"),
            PodReadyNotAvailable => ("ready, not yet available (minReadySeconds)", "就绪，尚未可用（minReadySeconds）"),
            PodNotReady => ("not ready", "未就绪"),
            CurrentRevision => ("current revision", "当前修订版本"),
            OldRevision => ("old revision", "旧修订版本"),
            NoPodYet => ("no pod yet: the replacement is created once the old pod is gone", "还没有 Pod：旧 Pod 消失后才创建替代者"),
            OrderTitle => ("position in this rollout's update order", "本次滚动更新中的顺序"),
            NextBadge => ("next", "下一个"),
            Surging => ("surging", "超额中"),
            Unavailable => ("unavailable", "不可用"),
            Nodes => ("Nodes", "节点"),
            NoFurtherStep => (". No further step before this run ends.", "。本次运行结束前没有后续步骤。"),
            Timeline => ("Timeline", "时间线"),
            BackoffWaits => ("back-off waits", "退避等待"),
            JobSyncs => ("Job controller syncs", "Job 控制器同步"),
            ExportSvg => ("Export SVG", "导出 SVG"),
            ExportSvgTitle => ("Download the timeline as an SVG image for slides", "把时间线下载为 SVG 图片，用于幻灯片"),
            PodsOverTime => ("Pods over time", "Pod 随时间的变化"),
            ExportYaml => ("Export .yaml", "导出 .yaml"),
            ExportYamlTitle => ("Download this run as a scenario file (your changes as steps)", "把这次运行下载为场景文件（你的修改作为步骤）"),
            ImportYaml => ("Import .yaml", "导入 .yaml"),
            ImportYamlTitle => ("Open a scenario file, or manifests for the editor", "打开场景文件，或把清单放进编辑器"),
            FileToImport => ("YAML file to import", "要导入的 YAML 文件"),
            Inspector => ("Inspector", "检查器"),
            InspectHint => ("Click a pod or a node (or Tab to it and press Enter) to inspect it and to inject failures.", "点击 Pod 或节点（或用 Tab 移到上面再按 Enter）来查看详情并注入故障。"),
            NodeConsole => ("Node console", "节点控制台"),
            Run => ("Run", "执行"),
            NodeConsoleHint => ("Runs at the playhead, like the buttons above: the run forks from here.", "在播放头处执行，与上面的按钮一样：运行从这里分叉。"),
            ExitOne => ("Container exits 1", "容器以 1 退出"),
            ImageUnpullable => ("Image cannot be pulled", "镜像无法拉取"),
            ExitZero => ("Container exits 0", "容器以 0 退出"),
            DeletePod => ("Delete pod", "删除 Pod"),
            MarkNotReady => ("Mark NotReady", "标记为 NotReady"),
            MarkReady => ("Mark Ready", "标记为 Ready"),
            Cordon => ("Cordon", "封锁"),
            Uncordon => ("Uncordon", "解除封锁"),
            RemoveNode => ("Remove node", "移除节点"),
            Activity => ("What just happened", "刚刚发生了什么"),
            Legend => ("Pod status", "Pod 状态"),
            Events => ("Events", "事件"),
            KubectlGet => ("kubectl get", "kubectl get"),
            ShareCopied => ("Link copied", "链接已复制"),
            ShareInAddress => ("The link is in the address bar (the browser did not allow copying)", "链接已写进地址栏（浏览器不允许复制）"),
            KeyEscape => ("close a dialog or menu", "关闭对话框或菜单"),
            KeyLeaveEditor => ("in the editor: leave it (Tab indents)", "编辑器中：离开编辑器（Tab 用于缩进）"),
            KeyMenu => ("on a pod or node: its failure menu", "在 Pod 或节点上：打开故障菜单"),
            ApplyRefused => ("The last Apply was refused:", "上一次应用被拒绝："),
            WayForward => ("What to do", "怎么办"),
            DeleteAndApply => ("Delete and apply", "删除后再应用"),
            RunFromStart => ("Run this YAML from t = 0", "从 t = 0 运行这份 YAML"),
            ClusterHint => ("Tab to a pod or node; Enter inspects it, Shift+F10 opens its failure menu.", "用 Tab 移到 Pod 或节点上；Enter 查看详情，Shift+F10 打开故障菜单。"),
            CronJobController => ("CronJob controller", "CronJob 控制器"),
            DaemonSetController => ("DaemonSet controller", "DaemonSet 控制器"),
            Considered => ("schedule times", "调度时间"),
            Policy => ("policy", "策略"),
            NodesRow => ("nodes", "节点"),
            Budget => ("budget", "预算"),
            TimelineGrouped => ("Many pods: one row per owner and status, with counts.", "Pod 很多：按所属对象和状态分行，显示数量。"),
            PageActions => ("Page actions", "页面操作"),
            PanicTitle => ("podlab hit a bug (podlab's fault, not yours)", "podlab 出错了（这是 podlab 的缺陷，不是你的错）"),
            PanicKept => ("Your text in the editor is saved and comes back after a reload.", "你在编辑器里的文字已保存，重新加载后会回来。"),
            Reload => ("Reload", "重新加载"),
        }
    }
}
