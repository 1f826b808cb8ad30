//! The kubectl console: a command line run against the simulated cluster at the playhead, with
//! kubectl's output and errors. Reading commands (`get`, `describe`, `logs`, `explain`,
//! `rollout status|history`) print from the world; changing ones (`apply -f -`, `create job
//! --from`, `delete`, `cordon`, `uncordon`, `drain`, `label`, `taint`, `patch`, `rollout undo`)
//! are tried on a copy of the world for their output, and return the [`Action`]s the app forks
//! the run with. Nothing here touches the browser: the UI passes the world and the editor's text
//! (what `-f -` reads).

mod args;
mod describe;
mod explain;
mod get;
mod logs;
mod mutate;
mod tabwriter;

pub use args::split;
pub use get::Watch;

use crate::model::Kind;
use crate::scenario::Action;
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
}

impl Outcome {
    fn out(text: impl Into<String>) -> Outcome {
        Outcome {
            stdout: text.into(),
            ..Outcome::default()
        }
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

/// kubectl commands podlab does not simulate, with why.
const NOT_HERE: &[(&str, &str)] = &[
    ("exec", "there are no real containers to run a command in"),
    ("attach", "there are no real containers to attach to"),
    ("cp", "there are no real containers to copy files from"),
    ("port-forward", "there is no network to forward"),
    ("proxy", "there is no API server to proxy to"),
    ("top", "there is no metrics-server"),
    ("scale", "Jobs are scaled with `kubectl patch job NAME -p '{\"spec\":{\"parallelism\":N}}'`; DaemonSets have no replicas"),
    ("run", "podlab runs Jobs, CronJobs and DaemonSets: write one in the editor and `kubectl apply -f -`"),
    ("expose", "podlab simulates no Services"),
    ("edit", "edit the YAML in the Manifest editor and `kubectl apply -f -`"),
    ("set", "edit the YAML in the Manifest editor and `kubectl apply -f -`"),
    ("annotate", "podlab's console changes labels and taints, not annotations"),
    ("replace", "use `kubectl apply -f -`"),
    ("autoscale", "podlab simulates no autoscalers"),
    ("certificate", "podlab has no certificates"),
    ("auth", "podlab has no authorization"),
    ("debug", "there are no real containers to debug"),
    ("wait", "move the playhead instead: the Play button, or » next"),
    ("config", "the console always talks to the simulated cluster"),
    ("api-resources", "podlab serves pods, jobs, cronjobs, daemonsets, controllerrevisions, nodes and events"),
    ("version", "podlab behaves as Kubernetes v1.31"),
    ("cluster-info", "the cluster is the simulated one on this page"),
];

/// Runs one command line.
pub fn run(line: &str, ctx: &Context) -> Outcome {
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
    if let Some((c, why)) = NOT_HERE.iter().find(|(c, _)| c == verb) {
        return Outcome::err(format!("podlab: `kubectl {c}` is not simulated: {why}"));
    }
    if !COMMANDS.contains(&verb.as_str()) {
        return Outcome::err(format!(
            "error: unknown command \"{verb}\" for \"kubectl\"\nRun 'kubectl --help' for usage."
        ));
    }
    let parsed = match args::parse(rest) {
        Ok(a) => a,
        Err(e) => return Outcome::err(format!("{e}\nSee 'kubectl {verb} --help' for usage.")),
    };
    if let Some(ns) = parsed.get("namespace").filter(|ns| *ns != "default") {
        if !matches!(
            verb.as_str(),
            "explain" | "cordon" | "uncordon" | "drain" | "taint"
        ) {
            return Outcome::err(format!(
                "podlab: the simulated cluster has one namespace, default (not {ns:?})"
            ));
        }
    }
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
    world
        .store
        .list(kind)
        .map(|o| o.meta().name.clone())
        .collect()
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
    }
}

/// `jobs.batch`: the resource in the API server's NotFound message.
fn plural_resource(kind: Kind) -> String {
    match kind {
        Kind::Node | Kind::Pod => kind.plural().to_string(),
        Kind::Job | Kind::CronJob => format!("{}.batch", kind.plural()),
        Kind::DaemonSet | Kind::ControllerRevision => format!("{}.apps", kind.plural()),
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
