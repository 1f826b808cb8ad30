//! A container's process as the kubelet starts it: its environment (`env` values, `fieldRef`s
//! through the downward API, `HOSTNAME`, `JOB_COMPLETION_INDEX`), its command and args after
//! `$(VAR)` expansion, and the files it sees — the pod's `emptyDir` volumes, shared by its
//! containers, and `downwardAPI` volume items — at their mount paths.

use std::collections::BTreeMap;

use crate::model::{Container, Pod};
use crate::script::{self, Context, Run};

/// The files of a pod's volumes: `VOLUME/RELATIVE/PATH` → contents.
pub type Volumes = BTreeMap<String, String>;

const PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// The container's environment, in the order a process sees it.
pub fn env(pod: &Pod, c: &Container) -> Vec<(String, String)> {
    let mut out = vec![
        ("PATH".to_string(), PATH.to_string()),
        ("HOSTNAME".to_string(), hostname(pod)),
    ];
    for var in c
        .env
        .as_ref()
        .and_then(|e| e.as_array())
        .into_iter()
        .flatten()
    {
        let Some(name) = var.get("name").and_then(|n| n.as_str()) else {
            continue;
        };
        let value = if let Some(v) = var.get("value").and_then(|v| v.as_str()) {
            script::expand_references(v, &out)
        } else if let Some(path) = var
            .pointer("/valueFrom/fieldRef/fieldPath")
            .and_then(|p| p.as_str())
        {
            field(pod, path).unwrap_or_default()
        } else {
            String::new()
        };
        out.push((name.to_string(), value));
    }
    out.push(("HOME".to_string(), "/root".to_string()));
    out
}

/// The pod's hostname (`spec.hostname`, else its name, cut to 63 characters).
fn hostname(pod: &Pod) -> String {
    let h = pod
        .spec
        .hostname
        .clone()
        .unwrap_or_else(|| pod.metadata.name.clone());
    h.chars().take(63).collect()
}

/// A downward API `fieldPath`.
fn field(pod: &Pod, path: &str) -> Option<String> {
    let keyed = |prefix: &str, map: &BTreeMap<String, String>| {
        path.strip_prefix(prefix)
            .and_then(|r| r.strip_prefix("['"))
            .and_then(|r| r.strip_suffix("']"))
            .map(|k| map.get(k).cloned().unwrap_or_default())
    };
    match path {
        "metadata.name" => Some(pod.metadata.name.clone()),
        "metadata.namespace" => Some(pod.metadata.ns().to_string()),
        "metadata.uid" => Some(pod.metadata.uid().to_string()),
        "spec.nodeName" => pod.node_name().map(str::to_string),
        "spec.serviceAccountName" => pod.spec.service_account_name.clone(),
        "status.podIP" => pod.status.as_ref().and_then(|s| s.pod_ip.clone()),
        "status.hostIP" => pod.status.as_ref().and_then(|s| s.host_ip.clone()),
        _ => keyed("metadata.labels", &pod.metadata.labels)
            .or_else(|| keyed("metadata.annotations", &pod.metadata.annotations)),
    }
}

/// `(mountPath, volume name)` for each of the container's mounts.
fn mounts(c: &Container) -> Vec<(String, String)> {
    c.volume_mounts
        .as_ref()
        .and_then(|m| m.as_array())
        .into_iter()
        .flatten()
        .filter_map(|m| {
            let path = m.get("mountPath")?.as_str()?;
            let name = m.get("name")?.as_str()?;
            Some((path.trim_end_matches('/').to_string(), name.to_string()))
        })
        .collect()
}

/// The pod's volume definitions by name.
fn volume(pod: &Pod, name: &str) -> Option<serde_json::Value> {
    pod.spec
        .volumes
        .as_ref()?
        .as_array()?
        .iter()
        .find(|v| v.get("name").and_then(|n| n.as_str()) == Some(name))
        .cloned()
}

/// What the container's process starts with.
pub fn context(
    pod: &Pod,
    c: &Container,
    volumes: &Volumes,
    started_ms: i64,
    default_run_ms: u64,
) -> Context {
    let mut files = BTreeMap::new();
    let mut dirs = Vec::new();
    for (path, name) in mounts(c) {
        dirs.push(if path.is_empty() {
            "/".into()
        } else {
            path.clone()
        });
        let prefix = format!("{name}/");
        for (key, text) in volumes.range(prefix.clone()..) {
            let Some(rel) = key.strip_prefix(&prefix) else {
                break;
            };
            files.insert(format!("{path}/{rel}"), text.clone());
        }
        let items = volume(pod, &name)
            .and_then(|v| v.pointer("/downwardAPI/items").cloned())
            .and_then(|i| i.as_array().cloned())
            .unwrap_or_default();
        for item in items {
            let (Some(rel), Some(fp)) = (
                item.get("path").and_then(|p| p.as_str()),
                item.pointer("/fieldRef/fieldPath").and_then(|p| p.as_str()),
            ) else {
                continue;
            };
            files.insert(format!("{path}/{rel}"), field(pod, fp).unwrap_or_default());
        }
    }
    if let Some(wd) = &c.working_dir {
        dirs.push(wd.clone());
    }
    Context {
        env: env(pod, c),
        started_ms,
        files,
        default_run_ms,
        horizon_ms: None,
        keep_output: false,
        dirs,
        entrypoint_serves: pod.spec.restart_policy() == "Always"
            || c.restart_policy.as_deref() == Some("Always"),
    }
}

/// The container's program (command and args after `$(VAR)` expansion).
pub fn argv(pod: &Pod, c: &Container) -> Vec<String> {
    let env = env(pod, c);
    script::argv(c.command.as_deref(), c.args.as_deref(), &env)
}

/// Runs the container's process.
pub fn run(pod: &Pod, c: &Container, ctx: &Context) -> Run {
    script::run(&argv(pod, c), ctx)
}

/// The files a run leaves in the pod's `emptyDir` volumes, merged into `volumes`.
pub fn keep_writes(pod: &Pod, c: &Container, run: &Run, volumes: &mut Volumes) {
    for (path, name) in mounts(c) {
        let shared = volume(pod, &name).is_some_and(|v| v.get("emptyDir").is_some());
        if !shared {
            continue;
        }
        let prefix = format!("{path}/");
        for (file, text) in &run.files {
            if let Some(rel) = file.strip_prefix(&prefix) {
                volumes.insert(format!("{name}/{rel}"), text.clone());
            }
        }
    }
}

/// Whether podlab can run the container's program; `Err` says what it cannot run.
pub fn check(pod_template: &Pod, c: &Container) -> Result<(), script::Unsupported> {
    script::check(&argv(pod_template, c))
}

/// When a container's current run started and ended, from the pod's status.
fn terminated_run(pod: &Pod, name: &str) -> Option<(i64, i64)> {
    let st = pod.status.as_ref()?;
    let cs = st
        .init_container_statuses
        .iter()
        .chain(st.container_statuses.iter())
        .find(|s| s.name == name)?;
    let t = cs.state.terminated.as_ref()?;
    Some((t.started_at?.0, t.finished_at?.0))
}

/// What container `target` has printed between `started` and `until` (milliseconds since the
/// epoch), replaying the pod's processes as the kubelet ran them: first the init containers
/// before it (their writes to shared volumes), then the other containers that had ended by
/// `until` (what a sidecar following a file sees), then the container itself.
pub fn logs(
    pod: &Pod,
    target: &Container,
    started: i64,
    until: i64,
    default_run_ms: u64,
) -> String {
    let mut volumes = Volumes::new();
    let is_init = pod
        .spec
        .init_containers
        .iter()
        .any(|c| c.name == target.name);
    for c in pod.spec.init_containers.iter() {
        if c.name == target.name {
            break;
        }
        if c.restart_policy.as_deref() == Some("Always") {
            continue;
        }
        let at = terminated_run(pod, &c.name).map_or(started, |(s, _)| s);
        let ctx = context(pod, c, &volumes, at, default_run_ms);
        let run = run(pod, c, &ctx);
        keep_writes(pod, c, &run, &mut volumes);
    }
    if !is_init || target.restart_policy.as_deref() == Some("Always") {
        for c in pod.spec.containers.iter() {
            if c.name == target.name {
                continue;
            }
            let Some((s, f)) = terminated_run(pod, &c.name).filter(|(_, f)| *f <= until) else {
                continue;
            };
            let ctx = context(pod, c, &volumes, s, default_run_ms);
            let r = run(pod, c, &ctx);
            if r.run_ms.is_some_and(|ms| s + ms as i64 <= f) {
                keep_writes(pod, c, &r, &mut volumes);
            }
        }
    }
    let horizon = u64::try_from(until - started).unwrap_or(0);
    let mut ctx = context(pod, target, &volumes, started, default_run_ms);
    ctx.horizon_ms = Some(horizon);
    ctx.keep_output = true;
    run(pod, target, &ctx).output_until(horizon)
}
