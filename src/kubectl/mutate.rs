//! The console's changing commands. Each builds the learner's action, tries it on a copy of
//! the world (`engine::dry_run`) to print what kubectl would print, and returns it for the app
//! to fork the run with.

use super::args::Args;
use super::{not_found, resource, target, Change, Context, Outcome};
use crate::api::manifest::parse_manifests;
use crate::engine::{dry_run, Refusal};
use crate::model::{Kind, LabelSelector, Node, Object};
use crate::scenario::nodecmd;
use crate::scenario::{Action, NodeDef};
use crate::world::World;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// kubectl's rewording of an API server refusal: `The Job "a" is invalid: …`.
fn refusal(message: &str) -> String {
    if let Some((head, rest)) = message.split_once(" is invalid: ") {
        let (kind, name) = head.split_once(' ').unwrap_or((head, ""));
        let kind = kind.split('.').next().unwrap_or(kind);
        return format!("The {kind} {name} is invalid: {rest}");
    }
    if message.starts_with("Error from server") || message.starts_with("error:") {
        return message.to_string();
    }
    format!("Error from server: {message}")
}

fn apply_change(yaml: String, manifests: Vec<crate::api::manifest::Manifest>) -> Change {
    Change {
        action: Action::Apply(manifests),
        yaml,
    }
}

/// What `kubectl apply` of a text would do at a moment.
#[derive(Clone, Debug, PartialEq)]
pub struct ApplyPreview {
    /// kubectl's line per object it would change: `job.batch/pi configured`.
    pub done: Vec<String>,
    /// Each refusal in kubectl's words, with the API server's refusal.
    pub refused: Vec<(String, Refusal)>,
    /// kubectl's error before anything is sent (nothing to apply, or a manifest it cannot read).
    pub error: Option<String>,
    /// The objects, ready to apply.
    pub manifests: Vec<crate::api::manifest::Manifest>,
}

/// What `kubectl apply -f -` of `text` would print and do on `world`, tried on a copy (objects
/// that name no namespace go to `default`).
pub fn apply_preview(text: &str, world: &World, verb_done: Option<&str>) -> ApplyPreview {
    apply_preview_in(text, world, verb_done, None)
}

/// [`apply_preview`] with `-n`: objects that name no namespace go to it, and one that names
/// another is refused as kubectl refuses it.
fn apply_preview_in(
    text: &str,
    world: &World,
    verb_done: Option<&str>,
    namespace: Option<&str>,
) -> ApplyPreview {
    let mut preview = ApplyPreview {
        done: Vec::new(),
        refused: Vec::new(),
        error: None,
        manifests: Vec::new(),
    };
    let manifests = match parse_manifests(text) {
        Ok(m) if m.is_empty() => {
            preview.error = Some(crate::api::manifest::NOTHING_TO_APPLY.into());
            return preview;
        }
        Ok(m) => m,
        Err(errs) => {
            preview.error = Some(
                errs.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            return preview;
        }
    };
    let mut manifests = manifests;
    for m in &mut manifests {
        let kind = m.object.kind();
        if !kind.namespaced() {
            continue;
        }
        let meta = m.object.meta_mut();
        match (&meta.namespace, namespace) {
            (Some(own), Some(flag)) if own != flag => {
                preview.error = Some(format!("error: the namespace from the provided object \"{own}\" does not match the namespace \"{flag}\". You must pass '--namespace={own}' to perform this operation."));
                return preview;
            }
            (Some(_), _) => {}
            (None, flag) => {
                meta.namespace = Some(flag.unwrap_or(crate::model::DEFAULT_NAMESPACE).to_string())
            }
        }
    }
    let (after, refused) = dry_run(world, &Action::Apply(manifests.clone()));
    for m in &manifests {
        let kind = m.object.kind();
        let meta = m.object.meta();
        let (ns, name) = (meta.ns(), &meta.name);
        let shown = crate::api::display_name(kind, ns, name);
        if refused.iter().any(|r| r.kind == kind && r.name == shown) {
            continue;
        }
        let word = match (
            world.store.get(kind, ns, name),
            after.store.get(kind, ns, name),
        ) {
            (None, Some(_)) => "created",
            (Some(b), Some(a)) if b == a => "unchanged",
            (Some(_), Some(_)) => verb_done.unwrap_or("configured"),
            _ => continue,
        };
        preview
            .done
            .push(format!("{}/{name} {word}", resource(kind)));
    }
    preview.refused = refused
        .into_iter()
        .map(|r| (refusal(&r.message), r))
        .collect();
    preview.manifests = manifests;
    preview
}

/// Applies `text`, printing created / configured / unchanged per object.
fn apply_text(text: &str, world: &World, verb_done: Option<&str>) -> Outcome {
    apply_text_in(text, world, verb_done, None)
}

/// [`apply_text`] in the namespace `-n` names.
fn apply_text_in(
    text: &str,
    world: &World,
    verb_done: Option<&str>,
    namespace: Option<&str>,
) -> Outcome {
    let p = apply_preview_in(text, world, verb_done, namespace);
    if let Some(e) = p.error {
        return Outcome::err(e);
    }
    let out: String = p.done.iter().map(|l| format!("{l}\n")).collect();
    let err: String = p.refused.iter().map(|(k, _)| format!("{k}\n")).collect();
    let changes = if out.is_empty() {
        Vec::new()
    } else {
        vec![apply_change(text.to_string(), p.manifests)]
    };
    Outcome {
        stdout: out,
        stderr: err,
        changes,
        ..Outcome::default()
    }
}

/// `kubectl apply -f -`: stdin is the Manifest editor's text.
pub fn apply(args: &Args, ctx: &Context) -> Outcome {
    match args.get("filename") {
        None => Outcome::err("error: must specify one of -f and -k"),
        Some("-") => apply_text_in(ctx.stdin, ctx.world, None, args.get("namespace")),
        Some(path) => {
            let mut o = Outcome::note(
                "there are no files here; `-f -` reads the Manifest editor",
                "这里没有文件；`-f -` 读取清单编辑器的内容",
            );
            o.stderr = format!("error: the path \"{path}\" does not exist\n{}", o.stderr);
            o
        }
    }
}

/// The object's JSON as a manifest the learner could have written: the server's fields
/// (uid, resourceVersion, status, a Job's generated selector…) left out.
fn as_manifest(kind: Kind, mut v: Value) -> Value {
    if let Some(m) = v["metadata"].as_object_mut() {
        for k in [
            "uid",
            "resourceVersion",
            "creationTimestamp",
            "generation",
            "managedFields",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "finalizers",
        ] {
            m.remove(k);
        }
        if let Some(a) = m.get_mut("annotations").and_then(Value::as_object_mut) {
            a.remove("deprecated.daemonset.template.generation");
        }
    }
    if let Some(o) = v.as_object_mut() {
        o.remove("status");
    }
    if kind == Kind::Job {
        if let Some(spec) = v["spec"].as_object_mut() {
            spec.remove("selector");
        }
        for labels in [v["spec"]["template"]["metadata"]["labels"].as_object_mut()]
            .into_iter()
            .flatten()
        {
            labels.remove("controller-uid");
            labels.remove("batch.kubernetes.io/controller-uid");
        }
    }
    v
}

/// `kubectl create job NAME --from=cronjob/CJ` or `--image=IMAGE [-- COMMAND…]`.
pub fn create(args: &Args, world: &World) -> Outcome {
    let (what, rest) = match args.words.split_first() {
        Some((w, rest)) => (w.as_str(), rest),
        None => return Outcome::err("error: must specify one of -f and -k"),
    };
    if what == "-f" || args.get("filename").is_some() {
        return Outcome::note(
            "use `kubectl apply -f -` (it reads the Manifest editor)",
            "请使用 `kubectl apply -f -`（它读取清单编辑器的内容）",
        );
    }
    let ns = args.namespace();
    if what == "namespace" || what == "ns" {
        let Some(name) = rest.first() else {
            return Outcome::err("error: exactly one NAME is required, got 0");
        };
        let ns_json = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}});
        let text = serde_json::to_string_pretty(&ns_json).unwrap_or_default();
        if world.store.get(Kind::Namespace, "", name).is_some() {
            return Outcome::err(format!(
                "Error from server (AlreadyExists): namespaces \"{name}\" already exists"
            ));
        }
        return apply_text(&text, world, None);
    }
    if what != "job" {
        return Outcome::note(
            format!("`kubectl create {what}` is not simulated; `kubectl create job` is, and any object can be written in the editor and applied with `kubectl apply -f -`"),
            format!("`kubectl create {what}` 不在模拟范围内；可以用 `kubectl create job`，也可以在编辑器里写好任何对象再执行 `kubectl apply -f -`"),
        );
    }
    let Some(name) = rest.first() else {
        return Outcome::err("error: NAME is required for job");
    };
    if world.store.get(Kind::Job, ns, name).is_some() {
        return Outcome::err(format!(
            "error: failed to create job: jobs.batch \"{name}\" already exists"
        ));
    }
    let job = if let Some(from) = args.get("from") {
        let Some((kind, cj)) = from.split_once('/') else {
            return Outcome::err(format!(
                "error: from must be of the form <resource>/<name>, was {from}"
            ));
        };
        if Kind::parse(kind) != Some(Kind::CronJob) {
            return Outcome::err(format!(
                "error: from must be an existing cronjob: unknown object type {kind}"
            ));
        }
        let Some(c) = world
            .store
            .get(Kind::CronJob, ns, cj)
            .and_then(Object::as_cronjob)
        else {
            return Outcome::err(not_found(Kind::CronJob, cj));
        };
        let tmpl = serde_json::to_value(&c.spec.job_template).unwrap_or_default();
        let mut annotations = tmpl["metadata"]["annotations"].clone();
        if !annotations.is_object() {
            annotations = json!({});
        }
        annotations["cronjob.kubernetes.io/instantiate"] = json!("manual");
        let mut meta = json!({
            "name": name,
            "namespace": ns,
            "annotations": annotations,
            "ownerReferences": [{
                "apiVersion": "batch/v1",
                "kind": "CronJob",
                "name": cj,
                "uid": c.metadata.uid,
                "controller": true,
            }],
        });
        if let Some(labels) = tmpl["metadata"]["labels"].as_object() {
            meta["labels"] = json!(labels);
        }
        json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": meta, "spec": tmpl["spec"]})
    } else if let Some(image) = args.get("image") {
        let mut container = json!({"name": name, "image": image});
        if rest.len() > 1 {
            container["command"] = json!(rest[1..]);
        }
        json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name, "namespace": ns},
               "spec": {"template": {"spec": {"containers": [container], "restartPolicy": "Never"}}}})
    } else {
        return Outcome::err("error: either --image or --from must be specified");
    };
    let text = serde_json::to_string_pretty(&job).unwrap_or_default();
    apply_text(&text, world, None)
}

fn deleted(kind: Kind, name: &str) -> String {
    format!("{} \"{name}\" deleted\n", resource(kind))
}

/// `kubectl delete TYPE NAME… | TYPE/NAME… | TYPE -l SEL | TYPE --all`.
pub fn delete(args: &Args, world: &World) -> Outcome {
    if args.words.is_empty() {
        return Outcome::err("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    }
    let (kind, mut names) = match target(&args.words) {
        Ok(t) => t,
        Err(o) => return o,
    };
    if names.is_empty() {
        let selector = match args.get("selector").map(LabelSelector::parse) {
            Some(Ok(s)) => Some(s),
            Some(Err(e)) => return Outcome::err(format!("error: {e}")),
            None => None,
        };
        if selector.is_none() && !args.on("all") {
            return Outcome::err("error: resource(s) were provided, but no name was specified");
        }
        let listed: Vec<&Object> = if kind.namespaced() {
            world.store.list_in(kind, args.namespace()).collect()
        } else {
            world.store.list(kind).collect()
        };
        names = listed
            .into_iter()
            .filter(|o| {
                selector
                    .as_ref()
                    .is_none_or(|s| s.matches(&o.meta().labels))
            })
            .map(|o| o.meta().name.clone())
            .collect();
        if names.is_empty() {
            return Outcome::err("No resources found");
        }
    }
    let mut out = Outcome::default();
    let namespace = args.namespace();
    for name in names {
        if world.store.get(kind, namespace, &name).is_none() {
            out.stderr.push_str(&not_found(kind, &name));
            out.stderr.push('\n');
            continue;
        }
        let action = if kind == Kind::Node {
            Action::RemoveNode(name.clone())
        } else {
            Action::Delete {
                kind,
                namespace: namespace.to_string(),
                name: name.clone(),
            }
        };
        out.stdout.push_str(&deleted(kind, &name));
        out.changes.push(Change {
            action,
            yaml: String::new(),
        });
    }
    out
}

fn node_of<'w>(world: &'w World, word: Option<&String>) -> Result<&'w Node, Outcome> {
    let Some(word) = word else {
        return Err(Outcome::err(
            "error: resource(s) were provided, but no name was specified",
        ));
    };
    let name = match word.split_once('/') {
        Some((k, n)) if Kind::parse(k) == Some(Kind::Node) => n,
        Some((k, _)) => return Err(super::unknown_type(k)),
        None => word.as_str(),
    };
    world
        .store
        .node(name)
        .ok_or_else(|| Outcome::err(not_found(Kind::Node, name)))
}

fn set_node(node: &Node, f: impl FnOnce(&mut NodeDef)) -> Action {
    let mut def = NodeDef {
        name: node.metadata.name.clone(),
        ..NodeDef::default()
    };
    f(&mut def);
    Action::SetNode(def)
}

/// kubectl's `node/NAME <word>` for a change to a node, with the change.
fn node_change(name: &str, word: &str, action: Action) -> Outcome {
    Outcome {
        stdout: format!("node/{name} {word}\n"),
        changes: vec![Change {
            action,
            yaml: String::new(),
        }],
        ..Outcome::default()
    }
}

/// `kubectl cordon|uncordon NODE`.
pub fn cordon(args: &Args, world: &World, on: bool) -> Outcome {
    if args.words.is_empty() {
        let verb = if on { "cordon" } else { "uncordon" };
        return Outcome::err(format!(
            "error: USAGE: {verb} NODE [flags]\nSee 'kubectl {verb} -h' for help and examples"
        ));
    }
    let node = match node_of(world, args.words.first()) {
        Ok(n) => n,
        Err(o) => return o,
    };
    let name = &node.metadata.name;
    let word = if on { "cordoned" } else { "uncordoned" };
    if node.is_unschedulable() == on {
        return Outcome::out(format!("node/{name} already {word}\n"));
    }
    node_change(name, word, set_node(node, |d| d.unschedulable = Some(on)))
}

/// `kubectl drain NODE [--ignore-daemonsets] [--force] [--delete-emptydir-data]`.
pub fn drain(args: &Args, world: &World) -> Outcome {
    if args.words.is_empty() {
        return Outcome::err(
            "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples",
        );
    }
    let mut out = cordon(args, world, true);
    if !out.stderr.is_empty() {
        return out;
    }
    let Ok(node) = node_of(world, args.words.first()) else {
        return out;
    };
    let name = node.metadata.name.clone();
    let pods: Vec<&crate::model::Pod> = world
        .store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .filter(|p| p.node_name() == Some(name.as_str()))
        .collect();
    let mut daemon = Vec::new();
    let mut unmanaged = Vec::new();
    let mut evict = Vec::new();
    for p in &pods {
        let id = format!("{}/{}", p.metadata.ns(), p.metadata.name);
        let terminal = matches!(p.phase(), "Succeeded" | "Failed");
        let pod = (p.metadata.ns().to_string(), p.metadata.name.clone());
        match p.metadata.controller_ref() {
            Some(r) if r.kind == "DaemonSet" => daemon.push(id),
            None if !terminal => {
                unmanaged.push(id);
                evict.push(pod);
            }
            _ => evict.push(pod),
        }
    }
    // kubectl's drain filters: each kind of pod is allowed by a flag, else fatal.
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let rules = [
        (
            &daemon,
            "ignore-daemonsets",
            "ignoring DaemonSet-managed Pods",
            "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)",
        ),
        (
            &unmanaged,
            "force",
            "deleting Pods that declare no controller",
            "cannot delete Pods that declare no controller (use --force to override)",
        ),
    ];
    for (pods, flag, warning, fatal) in rules {
        if pods.is_empty() {
            continue;
        }
        let (list, text) = if args.on(flag) {
            (&mut warnings, warning)
        } else {
            (&mut errors, fatal)
        };
        list.push(format!("{text}: {}", pods.join(", ")));
    }
    if !errors.is_empty() {
        let errs = if errors.len() == 1 {
            errors[0].clone()
        } else {
            format!("[{}]", errors.join(", "))
        };
        out.stderr = format!(
            "error: unable to drain node \"{name}\" due to error: {errs}, continuing command...\nThere are pending nodes to be drained:\n {name}\n{errs}\n"
        );
        return out;
    }
    if !warnings.is_empty() {
        out.stderr = format!("Warning: {}\n", warnings.join("; "));
    }
    for (ns, p) in &evict {
        out.stdout.push_str(&format!("evicting pod {ns}/{p}\n"));
    }
    for (ns, p) in &evict {
        out.stdout.push_str(&format!("pod/{p} evicted\n"));
        // drain evicts through the Eviction API (the pod gets DisruptionTarget), it does not
        // delete.
        out.changes.push(Change {
            action: Action::Evict {
                namespace: ns.clone(),
                name: p.clone(),
            },
            yaml: String::new(),
        });
    }
    out.stdout.push_str(&format!("node/{name} drained\n"));
    out
}

fn labels_here() -> Outcome {
    Outcome::note(
        "the console changes labels and taints of nodes; write other objects' labels in the editor and `kubectl apply -f -`",
        "控制台只修改节点的标签和污点；其他对象的标签请在编辑器里修改，再执行 `kubectl apply -f -`",
    )
}

fn kind_word(args: &Args) -> Result<(), Outcome> {
    match args.words.first() {
        Some(k) if k.contains('/') => {
            let kind = k.split('/').next().unwrap_or_default();
            match Kind::parse(kind) {
                Some(Kind::Node) => Ok(()),
                Some(_) => Err(labels_here()),
                None => Err(super::unknown_type(kind)),
            }
        }
        Some(k) => match Kind::parse(k) {
            Some(Kind::Node) => Ok(()),
            Some(_) => Err(labels_here()),
            None => Err(super::unknown_type(k)),
        },
        None => Err(Outcome::err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>")),
    }
}

/// `label|taint node NAME SPEC…` or `label|taint node/NAME SPEC…`: the node and the specs.
fn node_and_specs<'w, 'a>(
    args: &'a Args,
    world: &'w World,
) -> Result<(&'w Node, &'a [String]), Outcome> {
    kind_word(args)?;
    let (node_word, specs) = if args.words[0].contains('/') {
        (args.words.first(), &args.words[1..])
    } else {
        (args.words.get(1), args.words.get(2..).unwrap_or_default())
    };
    Ok((node_of(world, node_word)?, specs))
}

/// `kubectl label node NAME k=v… [k-] [--overwrite]`.
pub fn label(args: &Args, world: &World) -> Outcome {
    let (node, specs) = match node_and_specs(args, world) {
        Ok(t) => t,
        Err(o) => return o,
    };
    if specs.is_empty() {
        return Outcome::err("error: at least one label update is required");
    }
    let mut labels: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut removing = true;
    for spec in specs {
        let mut current = node.clone();
        if args.on("overwrite") {
            if let Some((key, _)) = spec.split_once('=') {
                current.metadata.labels.remove(key);
            }
        }
        match nodecmd::label(&current, spec) {
            Ok(Action::SetNode(def)) => {
                for (k, v) in def.labels.into_iter().flatten() {
                    removing &= v.is_none();
                    labels.insert(k, v);
                }
            }
            Ok(_) => {}
            Err(e) => return Outcome::err(e),
        }
    }
    let unchanged = labels
        .iter()
        .all(|(k, v)| node.metadata.labels.get(k) == v.as_ref());
    let name = &node.metadata.name;
    if unchanged {
        return Outcome::out(format!("node/{name} not labeled\n"));
    }
    let word = if removing { "unlabeled" } else { "labeled" };
    node_change(name, word, set_node(node, |d| d.labels = Some(labels)))
}

/// `kubectl taint node NAME key=value:Effect | key:Effect- | key-`.
pub fn taint(args: &Args, world: &World) -> Outcome {
    let (node, specs) = match node_and_specs(args, world) {
        Ok(t) => t,
        Err(o) => return o,
    };
    if specs.is_empty() {
        return Outcome::err("error: at least one taint update is required");
    }
    let mut current = node.clone();
    let mut removed_only = true;
    for spec in specs {
        removed_only &= spec.ends_with('-');
        match nodecmd::taint(&current, spec) {
            Ok(Action::SetNode(def)) => current.spec.taints = def.taints.unwrap_or_default(),
            Ok(_) => {}
            Err(e) => return Outcome::err(e),
        }
    }
    let name = &node.metadata.name;
    let word = if removed_only { "untainted" } else { "tainted" };
    let taints = current.spec.taints.clone();
    node_change(name, word, set_node(node, |d| d.taints = Some(taints)))
}

/// `kubectl patch TYPE NAME -p PATCH [--type merge|strategic]` (jobs, cronjobs, daemonsets).
pub fn patch(args: &Args, world: &World) -> Outcome {
    let (kind, names) = match target(&args.words) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let Some(name) = names.first() else {
        return Outcome::err("error: resource(s) were provided, but no name was specified");
    };
    match args.get("subresource") {
        None => {}
        Some("status") if kind == Kind::Pod => return patch_pod_status(args, world, name),
        // No kind here has a scale subresource: the API server answers 404.
        Some("scale") => {
            return Outcome::err(
                "Error from server (NotFound): the server could not find the requested resource",
            )
        }
        Some("status") => {
            return Outcome::note(
                "`kubectl patch --subresource=status` is simulated for pods (a controller owns the others' status)",
                "`kubectl patch --subresource=status` 只模拟 Pod（其他对象的状态由控制器负责）",
            )
        }
        Some(other) => {
            return Outcome::err(format!(
                "error: invalid subresource value: \"{other}\". Must be one of [status scale]"
            ))
        }
    }
    if !matches!(kind, Kind::Job | Kind::CronJob | Kind::DaemonSet) {
        return Outcome::note(
            "`kubectl patch` works on jobs, cronjobs and daemonsets here (nodes: use label, taint, cordon)",
            "这里的 `kubectl patch` 适用于 jobs、cronjobs 和 daemonsets（节点请用 label、taint、cordon）",
        );
    }
    let Some(p) = args.get("patch") else {
        return Outcome::err(
            "error: must specify --patch or --patch-file containing the contents of the patch",
        );
    };
    if args.get("type") == Some("json") {
        return Outcome::note(
            "--type json is not simulated; use a merge patch (--type merge)",
            "不模拟 --type json；请使用合并补丁（--type merge）",
        );
    }
    let patch: Value = match serde_json::from_str(p) {
        Ok(v) => v,
        Err(e) => return Outcome::err(format!("error: unable to parse \"{p}\": {e}")),
    };
    let Some(obj) = world.store.get(kind, args.namespace(), name) else {
        return Outcome::err(not_found(kind, name));
    };
    let mut v = serde_json::to_value(obj).unwrap_or_default();
    let before = v.clone();
    crate::api::patch::merge_patch(&mut v, &patch);
    if v == before {
        return Outcome::out(format!("{}/{name} patched (no change)\n", resource(kind)));
    }
    let text = serde_json::to_string_pretty(&as_manifest(kind, v)).unwrap_or_default();
    let out = apply_text(&text, world, Some("patched"));
    if out.stdout.ends_with(" unchanged\n") {
        return Outcome::out(format!("{}/{name} patched (no change)\n", resource(kind)));
    }
    out
}

/// `kubectl patch pod NAME --subresource=status -p PATCH [--type strategic|merge|json]`: the
/// API server patches the status only; a custom condition can then drive a Job's
/// `podFailurePolicy` (`onPodConditions`).
fn patch_pod_status(args: &Args, world: &World, name: &str) -> Outcome {
    use crate::api::patch::{patched_pod, PatchType};
    let ty = match PatchType::parse(args.get("type")) {
        Ok(t) => t,
        Err(e) => return Outcome::err(format!("error: {e}")),
    };
    let Some(p) = args.get("patch") else {
        return Outcome::err(
            "error: must specify --patch or --patch-file containing the contents of the patch",
        );
    };
    let patch: Value = match serde_json::from_str(p) {
        Ok(v) => v,
        Err(e) => return Outcome::err(format!("error: unable to parse \"{p}\": {e}")),
    };
    let ns = args.namespace();
    let Some(pod) = world
        .store
        .get(Kind::Pod, ns, name)
        .and_then(Object::as_pod)
    else {
        return Outcome::err(not_found(Kind::Pod, name));
    };
    let after = match patched_pod(pod, ty, &patch) {
        Ok(v) => v,
        Err(e) if e.starts_with("The Pod") => return Outcome::err(e),
        Err(e) => return Outcome::err(format!("Error from server: {e}")),
    };
    if serde_json::to_value(pod).ok().as_ref() == Some(&after) {
        return Outcome::out(format!("pod/{name} patched (no change)\n"));
    }
    let mut out = Outcome::out(format!("pod/{name} patched\n"));
    out.changes.push(Change {
        action: Action::PatchStatus {
            namespace: ns.to_string(),
            name: name.to_string(),
            patch_type: ty.name().to_string(),
            patch: p.to_string(),
        },
        yaml: String::new(),
    });
    out
}

fn revisions<'w>(
    world: &'w World,
    namespace: &str,
    uid: &str,
) -> Vec<&'w crate::model::daemonset::ControllerRevision> {
    let mut list: Vec<_> = world
        .store
        .list_in(Kind::ControllerRevision, namespace)
        .filter_map(Object::as_revision)
        .filter(|r| r.metadata.controller_ref().is_some_and(|o| o.uid == uid))
        .collect();
    crate::sort::sort_by_key(&mut list, |r| r.revision);
    list
}

/// `kubectl rollout history`: the revisions and their change causes, or with `--revision=N`
/// that revision's pod template as `DescribePodTemplate` writes it (tabs left as tabs).
fn history(
    args: &Args,
    name: &str,
    revs: &[&crate::model::daemonset::ControllerRevision],
) -> Outcome {
    let wanted = match args.get("revision").map(str::parse::<i64>) {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            let raw = args.get("revision").unwrap_or_default();
            return Outcome::err(format!(
                "error: invalid argument \"{raw}\" for \"--revision\" flag: strconv.ParseInt: parsing \"{raw}\": invalid syntax"
            ));
        }
    };
    if wanted > 0 {
        let Some(r) = revs.iter().find(|r| r.revision == wanted) else {
            return Outcome::err("error: unable to find the specified revision");
        };
        let data = serde_json::to_value(&r.data).unwrap_or_default();
        let mut template = data["spec"]["template"].clone();
        if let Some(t) = template.as_object_mut() {
            t.remove("$patch");
        }
        return Outcome::out(format!(
            "daemonset.apps/{name} with revision #{wanted}\n{}\n",
            super::describe::pod_template_text(&template)
        ));
    }
    let mut rows = vec![vec!["REVISION".to_string(), "CHANGE-CAUSE".to_string()]];
    for r in revs {
        let cause = r
            .metadata
            .annotations
            .get("kubernetes.io/change-cause")
            .cloned()
            .unwrap_or_else(|| "<none>".into());
        rows.push(vec![r.revision.to_string(), cause]);
    }
    let table: String = rows.iter().map(|r| r.join("\t") + "\n").collect();
    // The name printer writes "<resource>/<name> <operation>": here the operation is empty.
    Outcome::out(format!(
        "daemonset.apps/{name} \n{}\n",
        super::tabwriter::align(&table, 2)
    ))
}

/// `kubectl rollout status|history|undo daemonset/NAME`.
pub fn rollout(args: &Args, world: &World) -> Outcome {
    let Some((sub, rest)) = args.words.split_first() else {
        return Outcome::err("error: Required resource not specified.\nValid subcommands: history, pause, restart, resume, status, undo");
    };
    let (kind, names) = match target(rest) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let Some(name) = names.first() else {
        return Outcome::err("error: required resource name not specified");
    };
    if kind != Kind::DaemonSet {
        return Outcome::note(
            format!(
                "`kubectl rollout` is simulated for daemonsets ({} have no rollout here)",
                kind.plural()
            ),
            format!(
                "`kubectl rollout` 只模拟 daemonsets（这里的 {} 没有滚动更新）",
                kind.plural()
            ),
        );
    }
    let Some(ds) = world
        .store
        .get(Kind::DaemonSet, args.namespace(), name)
        .and_then(Object::as_daemonset)
    else {
        return Outcome::err(not_found(kind, name));
    };
    let revs = revisions(
        world,
        args.namespace(),
        ds.metadata.uid.as_deref().unwrap_or_default(),
    );
    match sub.as_str() {
        "status" => match crate::output::table::rollout_status(ds) {
            Ok((text, _)) => Outcome::out(if text.ends_with('\n') {
                text
            } else {
                text + "\n"
            }),
            Err(e) => Outcome::err(format!("error: {e}")),
        },
        "history" => history(args, name, &revs),
        "undo" => {
            let wanted = match args.get("to-revision").map(str::parse::<i64>) {
                None => None,
                Some(Ok(n)) if n >= 0 => Some(n).filter(|n| *n != 0),
                Some(_) => {
                    return Outcome::err("error: invalid argument for \"--to-revision\" flag")
                }
            };
            let target = match wanted {
                Some(n) => match revs.iter().find(|r| r.revision == n) {
                    Some(r) => *r,
                    None => {
                        return Outcome::err(format!(
                            "error: unable to find specified revision {n} in history"
                        ))
                    }
                },
                None if revs.len() <= 1 => {
                    return Outcome::err("error: no last revision to roll back to")
                }
                None => revs[revs.len() - 2],
            };
            let template = target
                .data
                .as_ref()
                .and_then(|d| serde_json::to_value(d).ok())
                .map(|d| d["spec"]["template"].clone())
                .unwrap_or(Value::Null);
            let mut template = template;
            if let Some(t) = template.as_object_mut() {
                t.remove("$patch");
            }
            let mut v = serde_json::to_value(ds).unwrap_or_default();
            if v["spec"]["template"] == template {
                return Outcome::out(format!(
                    "daemonset.apps/{name} skipped rollback (current template already matches revision {})\n",
                    target.revision
                ));
            }
            v["spec"]["template"] = template;
            let text =
                serde_json::to_string_pretty(&as_manifest(Kind::DaemonSet, v)).unwrap_or_default();
            let mut out = apply_text(&text, world, Some("rolled back"));
            if out.stderr.is_empty() {
                out.stdout = format!("daemonset.apps/{name} rolled back\n");
            }
            out
        }
        "pause" | "resume" | "restart" => Outcome::note(
            format!("`kubectl rollout {sub}` is not simulated for daemonsets here"),
            format!("这里不模拟 daemonsets 的 `kubectl rollout {sub}`"),
        ),
        other => Outcome::err(format!(
            "error: unknown command \"{other}\" for \"kubectl rollout\""
        )),
    }
}
