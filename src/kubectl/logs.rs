//! `kubectl logs`: what a simulated container has printed by the playhead. Its command is read
//! as the kubelet reads it (`sh -c` scripts, `sleep`, `exit`): `echo` lines appear when the
//! script reaches them, `date` prints the clock then, and the docs' `perl -Mbignum=bpi -wle
//! "print bpi(N)"` prints π to N digits when it finishes.

use super::args::Args;
use super::{not_found, Outcome};
use crate::model::{Kind, LabelSelector, Object, Pod, Time};
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
    let (started, finished, exit) = match state {
        Some(st) if st.running.is_some() => {
            (st.running.as_ref().and_then(|r| r.started_at), None, None)
        }
        Some(st) if st.terminated.is_some() => {
            let t = st.terminated.as_ref();
            (
                t.and_then(|t| t.started_at),
                t.and_then(|t| t.finished_at),
                t.map(|t| t.exit_code),
            )
        }
        _ => (None, None, None),
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
    let argv: Vec<String> = container
        .command
        .iter()
        .flatten()
        .chain(container.args.iter().flatten())
        .cloned()
        .collect();
    Ok(output(&argv, pod, started, until, exit == Some(0)))
}

/// What `argv` has printed between `started` and `until`.
fn output(argv: &[String], pod: &Pod, started: Time, until: Time, succeeded: bool) -> String {
    let elapsed = until.0 - started.0;
    let program = argv
        .first()
        .map(|p| p.rsplit('/').next().unwrap_or(p))
        .unwrap_or("");
    if program == "perl" {
        // The docs' pi Job: `perl -Mbignum=bpi -wle "print bpi(N)"` prints when it is done.
        let n = argv
            .iter()
            .find_map(|a| a.split_once("bpi(").and_then(|(_, r)| r.split_once(')')))
            .and_then(|(n, _)| n.trim().parse::<usize>().ok());
        return match n {
            Some(n) if succeeded && (1..=10_000).contains(&n) => pi(n) + "\n",
            _ => String::new(),
        };
    }
    let script = if matches!(program, "sh" | "bash" | "ash" | "dash" | "zsh") {
        argv.iter()
            .position(|a| a.starts_with('-') && a.contains('c'))
            .and_then(|i| argv.get(i + 1))
            .cloned()
            .unwrap_or_default()
    } else {
        argv.iter()
            .map(|a| shell_quote(a))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = String::new();
    let mut at_ms: i64 = 0;
    for command in script.split(['\n', ';']).flat_map(|c| c.split("&&")) {
        let words: Vec<&str> = command.split_whitespace().collect();
        if at_ms > elapsed {
            break;
        }
        match words.first().copied() {
            Some("echo") => {
                let text = command.trim_start()[4..].trim();
                out.push_str(&expand(&unquote(text), pod));
                out.push('\n');
            }
            Some("date") => {
                let t = Time(started.0 + at_ms);
                if let Some(d) = chrono::DateTime::from_timestamp_millis(t.0) {
                    out.push_str(&d.format("%a %b %e %H:%M:%S UTC %Y").to_string());
                    out.push('\n');
                }
            }
            Some("sleep") => {
                let secs: f64 = words.get(1).and_then(|s| s.parse().ok()).unwrap_or(0.0);
                at_ms += (secs * 1000.0) as i64;
            }
            Some("exit") => break,
            _ => {}
        }
    }
    out
}

fn shell_quote(a: &str) -> String {
    if a.contains(char::is_whitespace) {
        format!("'{a}'")
    } else {
        a.to_string()
    }
}

fn unquote(text: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (_, c) => out.push(c),
        }
    }
    out
}

/// `$VAR` and `${VAR}` from the container's environment as podlab knows it.
fn expand(text: &str, pod: &Pod) -> String {
    let index = pod
        .metadata
        .annotations
        .get("batch.kubernetes.io/job-completion-index")
        .cloned()
        .unwrap_or_default();
    let mut out = text.to_string();
    for (var, value) in [
        ("JOB_COMPLETION_INDEX", index.as_str()),
        ("HOSTNAME", pod.metadata.name.as_str()),
    ] {
        out = out
            .replace(&format!("${{{var}}}"), value)
            .replace(&format!("${var}"), value);
    }
    out
}

/// π to `n` significant digits, rounded, as Math::BigFloat's `bpi(n)` prints it.
pub fn pi(n: usize) -> String {
    // Machin: π = 16·atan(1/5) − 4·atan(1/239), in base-10⁴ limbs with 3 guard limbs.
    let limbs = n / 4 + 4;
    let mut a = atan_inv(5, limbs);
    mul_small(&mut a, 16);
    let mut b = atan_inv(239, limbs);
    mul_small(&mut b, 4);
    sub(&mut a, &b);
    let mut digits = a[0].to_string();
    for limb in &a[1..] {
        digits.push_str(&format!("{limb:04}"));
    }
    // Round to n significant digits.
    let bytes: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
    let mut kept: Vec<u8> = bytes[..n.min(bytes.len())].to_vec();
    if bytes.get(n).is_some_and(|d| *d >= 5) {
        let mut i = kept.len();
        while i > 0 {
            i -= 1;
            if kept[i] == 9 {
                kept[i] = 0;
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    let text: String = kept.iter().map(|d| char::from(b'0' + d)).collect();
    if text.len() <= 1 {
        text
    } else {
        format!("{}.{}", &text[..1], &text[1..])
    }
}

const BASE: u64 = 10_000;

fn atan_inv(x: u64, limbs: usize) -> Vec<u64> {
    let mut sum = vec![0u64; limbs];
    let mut power = vec![0u64; limbs];
    power[0] = 1;
    div_small(&mut power, x);
    let mut k = 0u64;
    loop {
        let mut term = power.clone();
        div_small(&mut term, 2 * k + 1);
        if term.iter().all(|l| *l == 0) {
            break;
        }
        if k % 2 == 0 {
            add(&mut sum, &term);
        } else {
            sub(&mut sum, &term);
        }
        div_small(&mut power, x * x);
        k += 1;
    }
    sum
}

fn div_small(a: &mut [u64], d: u64) {
    let mut rem = 0;
    for limb in a.iter_mut() {
        let cur = rem * BASE + *limb;
        *limb = cur / d;
        rem = cur % d;
    }
}

fn mul_small(a: &mut [u64], m: u64) {
    let mut carry = 0;
    for limb in a.iter_mut().rev() {
        let cur = *limb * m + carry;
        *limb = cur % BASE;
        carry = cur / BASE;
    }
    a[0] += carry * BASE;
}

fn add(a: &mut [u64], b: &[u64]) {
    let mut carry = 0;
    for i in (0..a.len()).rev() {
        let cur = a[i] + b[i] + carry;
        a[i] = if i == 0 { cur } else { cur % BASE };
        carry = if i == 0 { 0 } else { cur / BASE };
    }
}

fn sub(a: &mut [u64], b: &[u64]) {
    let mut borrow = 0;
    for i in (0..a.len()).rev() {
        let need = b[i] + borrow;
        if a[i] >= need {
            a[i] -= need;
            borrow = 0;
        } else {
            a[i] = a[i] + BASE - need;
            borrow = 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pi_should_have_the_right_digits_and_rounding() {
        assert_eq!(pi(10), "3.141592654");
        assert_eq!(pi(3), "3.14");
        let p = pi(2000);
        assert_eq!(p.len(), 2001);
        assert!(p.starts_with("3.14159265358979323846264338327950288419716939937510"));
        // The Feynman point: decimals 762 to 767 are six nines.
        assert_eq!(&p[2 + 761..2 + 767], "999999");
        assert_ne!(&p[2 + 760..2 + 761], "9");
    }
}
