//! `kubectl logs`: what a simulated container has printed by the playhead. Its program is run
//! again by the same interpreter the kubelet runs (`crate::script`), with the pod's environment
//! and volumes: lines appear when the process reaches them, `date` prints the clock then, and
//! the docs' `perl -Mbignum=bpi -wle "print bpi(N)"` prints π to N digits when it finishes.

use super::args::Args;
use super::{not_found, Outcome};
use crate::model::{Kind, LabelSelector, Object, Pod};
use crate::world::World;

/// `kubectl logs POD [-c CONTAINER] [-p]` (also `job/NAME`, `daemonset/NAME`: the first pod), or
/// `-l SELECTOR` for every matching pod in list order; `--prefix` marks each line with
/// `[pod/NAME/CONTAINER]`, `--all-containers` reads each container in turn.
pub fn logs(args: &Args, world: &World) -> Outcome {
    let ns = args.namespace();
    let selector = args.get("selector");
    let pods: Vec<&Pod> = match (args.words.first(), selector) {
        (Some(_), Some(_)) => {
            return Outcome::err(
                "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples",
            )
        }
        (None, Some(sel)) => match LabelSelector::parse(sel) {
            Ok(sel) => {
                let pods: Vec<&Pod> = world
                    .store
                    .list_in(Kind::Pod, ns)
                    .filter_map(Object::as_pod)
                    .filter(|p| sel.matches(&p.metadata.labels))
                    .collect();
                if pods.is_empty() {
                    return Outcome {
                        stderr: format!("No resources found in {ns} namespace.\n"),
                        ..Outcome::default()
                    };
                }
                pods
            }
            Err(e) => return Outcome::err(format!("error: {e}")),
        },
        (None, None) => {
            return Outcome::err("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples")
        }
        (Some(target), None) => match target_pod(world, ns, target) {
            Ok(p) => vec![p],
            Err(o) => return o,
        },
    };
    let follow = args.on("follow");
    if follow {
        // Each followed container is one stream; kubectl opens at most --max-log-requests.
        let most: usize = match args.get("max-log-requests").map(str::parse) {
            None => 5,
            Some(Ok(n)) => n,
            Some(Err(_)) => {
                let raw = args.get("max-log-requests").unwrap_or_default();
                return Outcome::err(format!("error: invalid argument \"{raw}\" for \"--max-log-requests\" flag: strconv.ParseInt: parsing \"{raw}\": invalid syntax"));
            }
        };
        let streams: usize = pods
            .iter()
            .map(|p| {
                if args.on("all-containers") {
                    p.spec.init_containers.len() + p.spec.containers.len()
                } else {
                    1
                }
            })
            .sum();
        if streams > most {
            return Outcome::err(format!("error: you are attempting to follow {streams} log streams, but maximum allowed concurrency is {most}, use --max-log-requests to increase the limit"));
        }
    }
    let mut out = Outcome::default();
    for pod in pods {
        let containers: Vec<&crate::model::Container> = if args.on("all-containers") {
            pod.spec
                .init_containers
                .iter()
                .chain(pod.spec.containers.iter())
                .collect()
        } else {
            match chosen_container(args, pod, &mut out.stderr) {
                Ok(Some(c)) => vec![c],
                Ok(None) => continue,
                Err(e) => {
                    out.stderr.push_str(&e);
                    return out;
                }
            }
        };
        for c in containers {
            match container_logs(args, world, pod, c) {
                Ok(text) if args.on("prefix") => {
                    for line in text.lines() {
                        out.stdout
                            .push_str(&format!("[pod/{}/{}] {line}\n", pod.metadata.name, c.name));
                    }
                }
                Ok(text) => out.stdout.push_str(&text),
                // kubectl stops at the first stream it cannot read.
                Err(e) => {
                    out.stderr.push_str(&e);
                    out.stderr.push('\n');
                    return out;
                }
            }
        }
    }
    if follow {
        out.watch = Some(Box::new(super::get::Watch::logs(
            args.clone(),
            out.stdout.clone(),
            streams(args, world),
        )));
    }
    out
}

/// The streams a logs command reads: each pod's uid, container and restart count (a restart
/// starts a new stream).
pub(super) fn streams(args: &Args, world: &World) -> Vec<(String, String, i64)> {
    let ns = args.namespace();
    let pods: Vec<&Pod> = match (args.words.first(), args.get("selector")) {
        (None, Some(sel)) => match LabelSelector::parse(sel) {
            Ok(sel) => world
                .store
                .list_in(Kind::Pod, ns)
                .filter_map(Object::as_pod)
                .filter(|p| sel.matches(&p.metadata.labels))
                .collect(),
            Err(_) => Vec::new(),
        },
        (Some(target), None) => target_pod(world, ns, target).into_iter().collect(),
        _ => Vec::new(),
    };
    pods.iter()
        .flat_map(|p| {
            p.status()
                .init_container_statuses
                .iter()
                .chain(p.status().container_statuses.iter())
                .map(|s| {
                    (
                        p.metadata.uid().to_string(),
                        s.name.clone(),
                        i64::from(s.restart_count),
                    )
                })
        })
        .collect()
}

/// `POD`, `pod/POD` or `TYPE/NAME` (the first pod the object controls).
fn target_pod<'w>(world: &'w World, ns: &str, target: &str) -> Result<&'w Pod, Outcome> {
    let by_name = |name: &str| {
        world
            .store
            .get(Kind::Pod, ns, name)
            .and_then(Object::as_pod)
            .ok_or_else(|| Outcome::err(not_found(Kind::Pod, name)))
    };
    let Some((kind, name)) = target.split_once('/') else {
        return by_name(target);
    };
    let Some(kind) = Kind::parse(kind) else {
        return Err(super::unknown_type(kind));
    };
    if kind == Kind::Pod {
        return by_name(name);
    }
    let Some(owner) = world.store.get(kind, ns, name) else {
        return Err(Outcome::err(not_found(kind, name)));
    };
    let uid = owner.meta().uid.clone();
    world
        .store
        .list_in(Kind::Pod, ns)
        .filter_map(Object::as_pod)
        .find(|p| {
            p.metadata
                .controller_ref()
                .is_some_and(|r| uid.as_deref() == Some(r.uid.as_str()))
        })
        .ok_or_else(|| Outcome::err("error: timed out waiting for the condition"))
}

/// `-c NAME`, or the first container (saying so when the pod has others).
fn chosen_container<'p>(
    args: &Args,
    pod: &'p Pod,
    stderr: &mut String,
) -> Result<Option<&'p crate::model::Container>, String> {
    if let Some(c) = args.get("container") {
        return pod
            .spec
            .init_containers
            .iter()
            .chain(pod.spec.containers.iter())
            .find(|x| x.name == c)
            .map(Some)
            .ok_or_else(|| {
                format!(
                    "error: container {c} is not valid for pod {}\n",
                    pod.metadata.name
                )
            });
    }
    let names: Vec<&str> = pod
        .spec
        .init_containers
        .iter()
        .chain(pod.spec.containers.iter())
        .map(|c| c.name.as_str())
        .collect();
    let Some(first) = pod.spec.containers.first() else {
        return Ok(None);
    };
    if names.len() > 1 {
        stderr.push_str(&format!(
            "Defaulted container \"{}\" out of: {}\n",
            first.name,
            names.join(", ")
        ));
    }
    Ok(Some(first))
}

/// One container's log at the playhead, or the API server's refusal.
fn container_logs(
    args: &Args,
    world: &World,
    pod: &Pod,
    container: &crate::model::Container,
) -> Result<String, String> {
    let status = pod
        .status()
        .init_container_statuses
        .iter()
        .chain(pod.status().container_statuses.iter())
        .find(|s| s.name == container.name);
    let previous = args.on("previous");
    let state = status.map(|s| if previous { &s.last_state } else { &s.state });
    let (started, finished) = match state {
        Some(st) if st.running.is_some() => (st.running.as_ref().and_then(|r| r.started_at), None),
        Some(st) if st.terminated.is_some() => {
            let t = st.terminated.as_ref();
            (t.and_then(|t| t.started_at), t.and_then(|t| t.finished_at))
        }
        _ => (None, None),
    };
    let Some(started) = started else {
        if previous {
            return Err(format!(
                "Error from server (BadRequest): previous terminated container \"{}\" in pod \"{}\" not found",
                container.name, pod.metadata.name
            ));
        }
        let reason = if pod.node_name().is_none() {
            "ContainerCreating".to_string()
        } else {
            state
                .and_then(|s| s.waiting.as_ref())
                .map_or("ContainerCreating".to_string(), |w| w.reason.clone())
        };
        return Err(format!(
            "Error from server (BadRequest): container \"{}\" in pod \"{}\" is waiting to start: {reason}",
            container.name, pod.metadata.name
        ));
    };
    let until = finished.unwrap_or_else(|| world.wall_now());
    Ok(crate::kubelet::process::logs(
        pod,
        container,
        started.0,
        until.0,
        world.kubelet_config.default_run_ms,
    ))
}
