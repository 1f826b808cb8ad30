//! The kubectl console: a command line run against the simulated cluster at the playhead, with
//! kubectl's output and errors. Reading commands (`get`, `describe`, `logs`, `explain`,
//! `rollout status|history`) print from the world; changing ones (`apply -f -`, `create job
//! --from`, `delete`, `cordon`, `uncordon`, `drain`, `label`, `taint`, `patch`, `rollout undo`)
//! are tried on a copy of the world for their output, and return the [`Action`]s the app forks
//! the run with. Nothing here touches the browser: the UI passes the world and the editor's text
//! (what `-f -` reads).

mod args;
mod describe;
pub mod explain;
mod get;
pub mod jsonpath;
mod logs;
mod mutate;
mod tabwriter;

pub use args::split;
pub use get::Watch;
pub use mutate::{apply_preview, ApplyPreview};

use crate::model::Kind;
use crate::scenario::{Action, Localized};
use crate::world::World;

/// What the console is run against.
pub struct Context<'a> {
    /// The cluster at the playhead.
    pub world: &'a World,
    /// What `-f -` reads: the Manifest editor's text.
    pub stdin: &'a str,
}

/// A change a command makes, and the YAML it applies (what a share link records).
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The action.
    pub action: Action,
    /// For an Apply, its YAML (or JSON) text.
    pub yaml: String,
}

/// What a command printed and what it changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Changes to make to the run, in order, at the playhead.
    pub changes: Vec<Change>,
    /// A `get -w` to follow as the playhead moves.
    pub watch: Option<Box<Watch>>,
    /// podlab's own word (not kubectl's), in both languages; also in `stderr` in English.
    pub note: Option<Box<Localized>>,
}

impl Outcome {
    fn out(text: impl Into<String>) -> Outcome {
        Outcome {
            stdout: text.into(),
            ..Outcome::default()
        }
    }

    /// podlab's own message: what the simulation does not do, and what to do instead.
    fn note(en: impl Into<String>, zh: impl Into<String>) -> Outcome {
        let en = en.into();
        Outcome {
            stderr: format!("podlab: {en}\n"),
            note: Some(Box::new(Localized { en, zh: zh.into() })),
            ..Outcome::default()
        }
    }

    /// Standard error as the learner reads it: podlab's own note in `lang` (kubectl's words stay
    /// as they are).
    pub fn stderr_in(&self, lang: crate::i18n::Lang) -> String {
        match &self.note {
            Some(note) => self.stderr.replace(
                &format!("podlab: {}", note.en),
                &crate::i18n::notice::podlab_note(note, lang),
            ),
            None => self.stderr.clone(),
        }
    }

    /// kubectl's exit status: 1 when it reported an error (or podlab declined the command), 0
    /// when it only printed, warned, or found nothing.
    pub fn exit_code(&self) -> i32 {
        let failed = self.stderr.lines().any(|l| {
            l.starts_with("error:")
                || l.starts_with("Error from server")
                || l.starts_with("Error:")
                || l.starts_with("podlab:")
        });
        i32::from(failed)
    }

    fn err(text: impl Into<String>) -> Outcome {
        let mut text: String = text.into();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        Outcome {
            stderr: text,
            ..Outcome::default()
        }
    }
}

/// The commands the console knows (for Tab completion), in kubectl's order.
pub const COMMANDS: &[&str] = &[
    "get", "describe", "apply", "create", "delete", "logs", "cordon", "uncordon", "drain", "label",
    "taint", "rollout", "patch", "explain",
];

/// kubectl commands podlab does not simulate, with why (in English and Chinese).
const NOT_HERE: &[(&str, &str, &str)] = &[
    ("exec", "there are no real containers to run a command in", "这里没有真正的容器可以执行命令"),
    ("attach", "there are no real containers to attach to", "这里没有真正的容器可以连接"),
    ("cp", "there are no real containers to copy files from", "这里没有真正的容器可以复制文件"),
    ("port-forward", "there is no network to forward", "这里没有可以转发的网络"),
    ("proxy", "there is no API server to proxy to", "这里没有可以代理的 API 服务器"),
    ("top", "there is no metrics-server", "这里没有 metrics-server"),
    ("scale", "Jobs are scaled with `kubectl patch job NAME -p '{\"spec\":{\"parallelism\":N}}'`; DaemonSets have no replicas", "Job 用 `kubectl patch job NAME -p '{\"spec\":{\"parallelism\":N}}'` 伸缩；DaemonSet 没有副本数"),
    ("run", "podlab runs Jobs, CronJobs and DaemonSets: write one in the editor and `kubectl apply -f -`", "podlab 运行 Job、CronJob 和 DaemonSet：在编辑器里写好，再执行 `kubectl apply -f -`"),
    ("expose", "podlab simulates no Services", "podlab 不模拟 Service"),
    ("edit", "edit the YAML in the Manifest editor and `kubectl apply -f -`", "请在清单编辑器中修改 YAML，再执行 `kubectl apply -f -`"),
    ("set", "edit the YAML in the Manifest editor and `kubectl apply -f -`", "请在清单编辑器中修改 YAML，再执行 `kubectl apply -f -`"),
    ("annotate", "the console changes labels and taints, not annotations", "控制台可以修改标签和污点，不能修改注解"),
    ("replace", "use `kubectl apply -f -`", "请使用 `kubectl apply -f -`"),
    ("autoscale", "podlab simulates no autoscalers", "podlab 不模拟自动伸缩"),
    ("certificate", "podlab has no certificates", "podlab 没有证书"),
    ("auth", "podlab has no authorization", "podlab 没有鉴权"),
    ("debug", "there are no real containers to debug", "这里没有真正的容器可以调试"),
    ("wait", "move the playhead instead: the Play button, or » next", "请移动播放头：点“播放”，或跳到下一个关键时刻"),
    ("config", "the console always talks to the simulated cluster", "控制台总是连接模拟的集群"),
    ("api-resources", "podlab serves pods, jobs, cronjobs, daemonsets, controllerrevisions, nodes and events", "podlab 提供 pods、jobs、cronjobs、daemonsets、controllerrevisions、nodes 和 events"),
    ("version", "podlab behaves as Kubernetes v1.31", "podlab 的行为与 Kubernetes v1.31 一致"),
    ("cluster-info", "the cluster is the simulated one on this page", "集群就是本页上模拟的这个"),
];

/// Runs one command line.
pub fn run(line: &str, ctx: &Context) -> Outcome {
    if let Some(op) = args::shell_operator(line) {
        return Outcome::note(
            format!("this console runs one kubectl command and has no shell, so `{op}` (pipes, redirects, `;`, `&&`) is not run; leave it out and read the output, or pick columns with `-o custom-columns=…` or `-o jsonpath=…`"),
            format!("这个控制台只执行一条 kubectl 命令，没有 shell，所以 `{op}`（管道、重定向、`;`、`&&`）不会执行；请去掉它直接阅读输出，或用 `-o custom-columns=…`、`-o jsonpath=…` 选取列"),
        );
    }
    let words = match args::split(line) {
        Ok(w) => w,
        Err(e) => return Outcome::err(format!("error: {e}")),
    };
    let mut words = words.as_slice();
    if words.first().is_some_and(|w| w == "kubectl") {
        words = &words[1..];
    }
    let Some((verb, rest)) = words.split_first() else {
        return Outcome::default();
    };
    if let Some((c, en, zh)) = NOT_HERE.iter().find(|(c, _, _)| c == verb) {
        return Outcome::note(
            format!("`kubectl {c}` is not simulated: {en}"),
            format!("`kubectl {c}` 不在模拟范围内：{zh}"),
        );
    }
    if !COMMANDS.contains(&verb.as_str()) {
        return Outcome::err(format!(
            "error: unknown command \"{verb}\" for \"kubectl\"\nRun 'kubectl --help' for usage."
        ));
    }
    let parsed = match args::parse(verb, rest) {
        Ok(a) => a,
        Err(e) => return Outcome::err(format!("{e}\nSee 'kubectl {verb} --help' for usage.")),
    };
    match verb.as_str() {
        "get" => get::get(&parsed, ctx.world),
        "describe" => describe::describe(&parsed, ctx.world),
        "logs" => logs::logs(&parsed, ctx.world),
        "explain" => explain::explain(&parsed),
        "apply" => mutate::apply(&parsed, ctx),
        "create" => mutate::create(&parsed, ctx.world),
        "delete" => mutate::delete(&parsed, ctx.world),
        "cordon" | "uncordon" => mutate::cordon(&parsed, ctx.world, verb == "cordon"),
        "drain" => mutate::drain(&parsed, ctx.world),
        "label" => mutate::label(&parsed, ctx.world),
        "taint" => mutate::taint(&parsed, ctx.world),
        "patch" => mutate::patch(&parsed, ctx.world),
        "rollout" => mutate::rollout(&parsed, ctx.world),
        _ => Outcome::default(),
    }
}

/// Completions of the last word of `line`: commands, resource types, then object names.
pub fn complete(line: &str, world: &World) -> Vec<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let ends_in_space = line.ends_with(' ') || line.is_empty();
    let mut words: &[&str] = &words;
    if words.first() == Some(&"kubectl") {
        words = &words[1..];
    }
    let (done, partial) = if ends_in_space {
        (words, "")
    } else {
        match words.split_last() {
            Some((last, done)) => (done, *last),
            None => (words, ""),
        }
    };
    let candidates: Vec<String> = match done {
        [] => COMMANDS.iter().map(|c| c.to_string()).collect(),
        [verb] if matches!(*verb, "get" | "describe" | "delete" | "explain" | "patch") => [
            "pods",
            "jobs",
            "cronjobs",
            "daemonsets",
            "nodes",
            "events",
            "controllerrevisions",
        ]
        .iter()
        .map(|c| c.to_string())
        .collect(),
        [verb] if matches!(*verb, "cordon" | "uncordon" | "drain") => names(world, Kind::Node),
        [verb] if *verb == "logs" => names(world, Kind::Pod),
        [verb] if *verb == "rollout" => ["status", "history", "undo"]
            .iter()
            .map(|c| c.to_string())
            .collect(),
        [verb] if matches!(*verb, "label" | "taint") => vec!["node".into()],
        ["rollout", _] => names(world, Kind::DaemonSet)
            .into_iter()
            .map(|n| format!("daemonset/{n}"))
            .collect(),
        [_, kind, ..] => match Kind::parse(kind) {
            Some(k) => names(world, k),
            None => Vec::new(),
        },
        [_] => Vec::new(),
    };
    candidates
        .into_iter()
        .filter(|c| c.starts_with(partial))
        .collect()
}

fn names(world: &World, kind: Kind) -> Vec<String> {
    if kind.namespaced() {
        world
            .store
            .list_in(kind, crate::model::DEFAULT_NAMESPACE)
            .map(|o| o.meta().name.clone())
            .collect()
    } else {
        world
            .store
            .list(kind)
            .map(|o| o.meta().name.clone())
            .collect()
    }
}

/// `job.batch`, `daemonset.apps`, `pod`: how kubectl names a kind in its messages.
fn resource(kind: Kind) -> &'static str {
    match kind {
        Kind::Node => "node",
        Kind::Pod => "pod",
        Kind::Job => "job.batch",
        Kind::CronJob => "cronjob.batch",
        Kind::DaemonSet => "daemonset.apps",
        Kind::ControllerRevision => "controllerrevision.apps",
        Kind::Namespace => "namespace",
        Kind::Lease => "lease.coordination.k8s.io",
    }
}

/// `jobs.batch`: the resource in the API server's NotFound message.
fn plural_resource(kind: Kind) -> String {
    match kind {
        Kind::Node | Kind::Pod | Kind::Namespace => kind.plural().to_string(),
        Kind::Job | Kind::CronJob => format!("{}.batch", kind.plural()),
        Kind::DaemonSet | Kind::ControllerRevision => format!("{}.apps", kind.plural()),
        Kind::Lease => "leases.coordination.k8s.io".into(),
    }
}

fn not_found(kind: Kind, name: &str) -> String {
    format!(
        "Error from server (NotFound): {} \"{name}\" not found",
        plural_resource(kind)
    )
}

fn unknown_type(word: &str) -> Outcome {
    Outcome::err(format!(
        "error: the server doesn't have a resource type \"{word}\""
    ))
}

/// Reads `TYPE NAME…` or `TYPE/NAME…` (one type): the kind and the names.
fn target(words: &[String]) -> Result<(Kind, Vec<String>), Outcome> {
    let first = words.first().ok_or_else(|| {
        Outcome::err("error: You must provide one or more resources by argument or filename.")
    })?;
    if let Some((kind, name)) = first.split_once('/') {
        let kind = Kind::parse(kind).ok_or_else(|| unknown_type(kind))?;
        let mut names = vec![name.to_string()];
        for w in &words[1..] {
            match w.split_once('/') {
                Some((k, n)) if Kind::parse(k) == Some(kind) => names.push(n.to_string()),
                _ => {
                    return Err(Outcome::err(
                        "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form",
                    ))
                }
            }
        }
        return Ok((kind, names));
    }
    let kind = Kind::parse(first).ok_or_else(|| unknown_type(first))?;
    Ok((kind, words[1..].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> World {
        let text = crate::builtin::find("job-pi")
            .map(|b| b.text)
            .unwrap_or_default();
        let sim = crate::engine::Sim::new(crate::scenario::parse(text).unwrap());
        sim.seek(crate::sim::SimTime::ZERO)
    }

    #[test]
    fn unknown_and_unsimulated_commands_should_say_so() {
        let w = world();
        let ctx = Context {
            world: &w,
            stdin: "",
        };
        assert_eq!(
            run("kubectl frobnicate", &ctx).stderr,
            "error: unknown command \"frobnicate\" for \"kubectl\"\nRun 'kubectl --help' for usage.\n"
        );
        assert!(run("exec -it x -- sh", &ctx)
            .stderr
            .starts_with("podlab: `kubectl exec` is not simulated"));
        assert_eq!(run("", &ctx), Outcome::default());
    }

    #[test]
    fn completion_should_offer_commands_types_and_names() {
        let w = world();
        assert_eq!(complete("ge", &w), ["get"]);
        assert_eq!(complete("kubectl get da", &w), ["daemonsets"]);
        assert_eq!(complete("get job ", &w), ["pi"]);
        assert_eq!(complete("rollout ", &w), ["status", "history", "undo"]);
    }
}
