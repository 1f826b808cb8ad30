//! What podlab simulates and what it only accepts: the fidelity panel's list, in English and
//! Chinese, so that a teacher can say exactly where the lab stops being a real cluster.

/// One line of the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese.
    pub zh: &'static str,
}

const fn e(en: &'static str, zh: &'static str) -> Entry {
    Entry { en, zh }
}

/// Behaviour podlab reproduces as Kubernetes v1.31+ does.
pub const SIMULATED: &[Entry] = &[
    e("API server: defaults, validation messages, generateName, uid, resourceVersion, finalizers, ownerReferences, graceful deletion", "API 服务器：默认值、校验信息、generateName、uid、resourceVersion、finalizer、ownerReferences、优雅删除"),
    e("Job controller: completions, parallelism, Indexed, backoffLimit and back-off, podFailurePolicy, successPolicy, suspend, activeDeadlineSeconds, TTL", "Job 控制器：completions、parallelism、Indexed、backoffLimit 与退避、podFailurePolicy、successPolicy、suspend、activeDeadlineSeconds、TTL"),
    e("CronJob controller: the cron parser, time zones, concurrencyPolicy, startingDeadlineSeconds, suspend, history limits", "CronJob 控制器：cron 解析、时区、concurrencyPolicy、startingDeadlineSeconds、suspend、历史上限"),
    e("DaemonSet controller: per-node placement, taints and tolerations, RollingUpdate and OnDelete, ControllerRevisions, rollback", "DaemonSet 控制器：按节点放置、污点与容忍、RollingUpdate 与 OnDelete、ControllerRevision、回滚"),
    e("Scheduler: nodeName, nodeSelector, required node affinity, taints, cordon; FailedScheduling messages", "调度器：nodeName、nodeSelector、必需的节点亲和性、污点、封锁；FailedScheduling 信息"),
    e("Kubelet: image pulls (an image no registry serves waits in ErrImagePull, then ImagePullBackOff, retried after 10 s doubling to 5 min; a malformed reference waits in InvalidImageName), container states, restart policies, CrashLoopBackOff, readiness-probe timing, graceful termination", "kubelet：拉取镜像（没有镜像仓库提供的镜像先处于 ErrImagePull，再进入 ImagePullBackOff，10 秒后重试并加倍至 5 分钟；格式错误的镜像引用处于 InvalidImageName）、容器状态、重启策略、CrashLoopBackOff、就绪探针时序、优雅终止"),
    e("Container programs: sh/bash -c scripts (variables, $((…)), if/case/for/while, arrays, pipes, redirects to emptyDir volumes, echo/printf/date/sleep/cat/rev/tail…) and python3 -c (os.environ, int(), if/elif/else, print, sys.exit, time.sleep), with the pod's environment and volumes; kubectl logs prints what they print, when they print it", "容器程序：sh/bash -c 脚本（变量、$((…))、if/case/for/while、数组、管道、重定向到 emptyDir 卷、echo/printf/date/sleep/cat/rev/tail…）与 python3 -c（os.environ、int()、if/elif/else、print、sys.exit、time.sleep），使用 Pod 的环境变量与卷；kubectl logs 在程序打印时显示其输出"),
    e("Init containers one after another (Init:0/1, Init:Error, Init:CrashLoopBackOff, PodInitializing), and sidecars that start first, run beside the app containers and are stopped after them", "Init 容器逐个运行（Init:0/1、Init:Error、Init:CrashLoopBackOff、PodInitializing），边车容器先启动、与应用容器并行运行、在它们之后被停止"),
    e("Node lifecycle, pod garbage collection and the garbage collector (background, foreground, orphan)", "节点生命周期、Pod 垃圾回收与垃圾收集器（后台、前台、孤立）"),
    e("Events with client-go's names, counts and one-hour expiry", "事件：client-go 的命名、计数与一小时过期"),
    e("Namespaces: default, kube-system, kube-public and kube-node-lease from the start; objects refused in a namespace that does not exist; a deleted namespace emptied by the namespace controller; -n and -A in the console", "命名空间：一开始就有 default、kube-system、kube-public 和 kube-node-lease；不存在的命名空间中的对象被拒绝；删除的命名空间由命名空间控制器清空；控制台支持 -n 与 -A"),
];

/// Fields and behaviour podlab accepts and shows but does not act on.
pub const ACCEPTED_ONLY: &[Entry] = &[
    e("Signals and lifecycle hooks (preStop, postStart): every process ignores SIGTERM, as a shell or `sleep` running as PID 1 does, so a deleted Pod's container stops when its command ends, or is killed (137) when its grace period ends", "信号与生命周期钩子（preStop、postStart）：所有进程都像作为 PID 1 运行的 shell 或 `sleep` 那样忽略 SIGTERM，因此被删除 Pod 的容器在命令结束时停止，或在宽限期结束时被杀死（137）"),
    e("Resources, requests and limits (every pod is BestEffort); QoS-based eviction", "资源请求与限制（所有 Pod 都是 BestEffort）；基于 QoS 的驱逐"),
    e("Liveness and startup probes; what a readiness probe runs (it always succeeds)", "存活探针与启动探针；就绪探针执行的内容（总是成功）"),
    e("ConfigMap, Secret and persistent volumes, and the service-account token (emptyDir and downwardAPI volumes are simulated)", "ConfigMap、Secret 与持久卷，以及服务账号令牌（emptyDir 与 downwardAPI 卷是模拟的）"),
    e("Programs other than the shell and Python subsets (another program, shell functions, background jobs, Python's def or other modules) run defaultRunSeconds and exit 0; an unknown command inside a script takes no time and succeeds; validation names both. A container without a command serves until stopped under restartPolicy Always, and is a defaultRunSeconds task otherwise", "shell 与 Python 子集之外的程序（其他程序、shell 函数、后台任务、Python 的 def 或其他模块）运行 defaultRunSeconds 后以 0 退出；脚本中未知的命令不占用时间并且成功；校验时会指出这两种情况。没有 command 的容器在 restartPolicy 为 Always 时一直运行直到被停止，否则作为运行 defaultRunSeconds 的任务"),
    e("Pod affinity, topology spread, preemption and priorities", "Pod 亲和性、拓扑分布、抢占与优先级"),
    e("Networking: Services, DNS, network policies", "网络：Service、DNS、网络策略"),
    e("Node-pressure eviction, kubelet admission rejections, marking pods NotReady on a lost node", "节点压力驱逐、kubelet 准入拒绝、节点失联时把 Pod 标为未就绪"),
    e("Controllers' client-side rate limits and informer delays", "控制器客户端限流与 informer 延迟"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_should_have_both_languages() {
        for entry in SIMULATED.iter().chain(ACCEPTED_ONLY) {
            assert!(!entry.en.trim().is_empty() && !entry.zh.trim().is_empty());
            assert!(
                entry
                    .zh
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{entry:?}"
            );
        }
    }
}
