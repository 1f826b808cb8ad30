//! `kubectl get` tables: nodes and pods with kubectl's columns and STATUS logic, then events.

use super::sorted_events;
use crate::model::cronjob::CronJob;
use crate::model::daemonset::{ControllerRevision, DaemonSet};
use crate::model::job::Job;
use crate::model::{Kind, Node, Object, Pod, Time};
use crate::world::World;

/// Lays out rows as kubectl's tabwriter does (min width 6, padding 3, last column unpadded).
pub fn layout(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
                + 3
        })
        .map(|w| w.max(6))
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c] - cell.chars().count()));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn age(now: Time, t: Option<Time>) -> String {
    t.map(|t| super::age(now, t))
        .unwrap_or_else(|| "<unknown>".into())
}

/// `kubectl get nodes` row.
pub fn node_row(n: &Node, now: Time, prefix: bool) -> Vec<String> {
    let mut status = match n.condition("Ready").map(|c| c.status.as_str()) {
        Some("True") => "Ready".to_string(),
        Some("False") => "NotReady".to_string(),
        _ => "Unknown".to_string(),
    };
    if n.is_unschedulable() {
        status.push_str(",SchedulingDisabled");
    }
    let roles: Vec<&str> = n
        .metadata
        .labels
        .keys()
        .filter_map(|k| k.strip_prefix("node-role.kubernetes.io/"))
        .collect();
    let roles = if roles.is_empty() {
        "<none>".to_string()
    } else {
        roles.join(",")
    };
    let version = n
        .status
        .as_ref()
        .and_then(|s| s.node_info.as_ref())
        .map(|i| i.kubelet_version.clone())
        .unwrap_or_default();
    let name = if prefix {
        format!("node/{}", n.metadata.name)
    } else {
        n.metadata.name.clone()
    };
    vec![
        name,
        status,
        roles,
        age(now, n.metadata.creation_timestamp),
        version,
    ]
}

/// `kubectl get pods` row.
pub fn pod_row(p: &Pod, now: Time, prefix: bool) -> Vec<String> {
    // kubectl's printPod: sidecars count beside the app containers; while the pod initialises,
    // RESTARTS counts the init containers' restarts.
    let (ready, total) = p.ready_count();
    let counted = p.restart_counted();
    let restarts: i32 = counted.iter().map(|c| c.restart_count).sum();
    let last_restart = counted
        .iter()
        .filter_map(|c| c.last_state.terminated.as_ref().and_then(|t| t.finished_at))
        .max();
    let restarts = match last_restart {
        Some(t) if restarts > 0 => format!("{restarts} ({} ago)", super::age(now, t)),
        _ => restarts.to_string(),
    };
    let name = if prefix {
        format!("pod/{}", p.metadata.name)
    } else {
        p.metadata.name.clone()
    };
    vec![
        name,
        format!("{ready}/{total}"),
        p.display_status(),
        restarts,
        age(now, p.metadata.creation_timestamp),
    ]
}

/// `kubectl get pods -o wide` row: the pod row plus IP, NODE, NOMINATED NODE, READINESS GATES.
pub fn pod_row_wide(p: &Pod, now: Time) -> Vec<String> {
    let mut row = pod_row(p, now, false);
    let none = || "<none>".to_string();
    row.push(p.status().pod_ip.clone().unwrap_or_else(none));
    row.push(p.node_name().map(str::to_string).unwrap_or_else(none));
    row.push(none());
    row.push(none());
    row
}

/// The header of `kubectl get pods -o wide`.
pub const POD_WIDE_HEADER: [&str; 9] = [
    "NAME",
    "READY",
    "STATUS",
    "RESTARTS",
    "AGE",
    "IP",
    "NODE",
    "NOMINATED NODE",
    "READINESS GATES",
];
/// The header of `kubectl get jobs`.
pub const JOB_HEADER: [&str; 5] = ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"];
/// The header of `kubectl get nodes`.
pub const NODE_HEADER: [&str; 5] = ["NAME", "STATUS", "ROLES", "AGE", "VERSION"];

/// kubectl's Job STATUS column (kubectl ≥ 1.28).
pub fn job_status(j: &Job) -> &'static str {
    if j.has_condition("Complete") {
        "Complete"
    } else if j.has_condition("Failed") {
        "Failed"
    } else if j.metadata.is_terminating() {
        "Terminating"
    } else if j.has_condition("Suspended") {
        "Suspended"
    } else if j.has_condition("FailureTarget") {
        "FailureTarget"
    } else {
        "Running"
    }
}

/// `kubectl get jobs` row.
pub fn job_row(j: &Job, now: Time, prefix: bool) -> Vec<String> {
    let st = j.status();
    let completions = match j.spec.completions {
        Some(c) => format!("{}/{c}", st.succeeded),
        None => match j.spec.parallelism.unwrap_or(1) {
            p if p > 1 => format!("{}/1 of {p}", st.succeeded),
            _ => format!("{}/1", st.succeeded),
        },
    };
    let duration = match (st.start_time, st.completion_time) {
        (Some(s), Some(c)) => super::span(s, c),
        (Some(s), None) => super::age(now, s),
        _ => String::new(),
    };
    let name = if prefix {
        format!("job.batch/{}", j.metadata.name)
    } else {
        j.metadata.name.clone()
    };
    vec![
        name,
        job_status(j).into(),
        completions,
        duration,
        age(now, j.metadata.creation_timestamp),
    ]
}

/// `kubectl get cronjobs` columns.
pub const CRONJOB_HEADER: [&str; 7] = [
    "NAME",
    "SCHEDULE",
    "TIMEZONE",
    "SUSPEND",
    "ACTIVE",
    "LAST SCHEDULE",
    "AGE",
];

/// `kubectl get cronjobs` row (printCronJob: `<none>` for an unset zone or schedule time).
pub fn cronjob_row(c: &CronJob, now: Time, prefix: bool) -> Vec<String> {
    let status = c.status.clone().unwrap_or_default();
    let name = if prefix {
        format!("cronjob.batch/{}", c.metadata.name)
    } else {
        c.metadata.name.clone()
    };
    vec![
        name,
        c.spec.schedule.clone(),
        c.spec.time_zone.clone().unwrap_or_else(|| "<none>".into()),
        match c.spec.suspend {
            None => "<unset>".into(),
            Some(true) => "True".into(),
            Some(false) => "False".into(),
        },
        status.active.len().to_string(),
        status
            .last_schedule_time
            .map_or_else(|| "<none>".into(), |t| age(now, Some(t))),
        age(now, c.metadata.creation_timestamp),
    ]
}

/// `kubectl get daemonsets` columns.
pub const DAEMONSET_HEADER: [&str; 8] = [
    "NAME",
    "DESIRED",
    "CURRENT",
    "READY",
    "UP-TO-DATE",
    "AVAILABLE",
    "NODE SELECTOR",
    "AGE",
];

/// `kubectl get daemonsets` row (printDaemonSet; `<none>` for no nodeSelector).
pub fn daemonset_row(d: &DaemonSet, now: Time, prefix: bool) -> Vec<String> {
    let s = d.status.clone().unwrap_or_default();
    let selector: Vec<String> = d
        .spec
        .template
        .spec
        .node_selector
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let name = if prefix {
        format!("daemonset.apps/{}", d.metadata.name)
    } else {
        d.metadata.name.clone()
    };
    vec![
        name,
        s.desired_number_scheduled.to_string(),
        s.current_number_scheduled.to_string(),
        s.number_ready.to_string(),
        s.updated_number_scheduled.to_string(),
        s.number_available.to_string(),
        if selector.is_empty() {
            "<none>".into()
        } else {
            selector.join(",")
        },
        age(now, d.metadata.creation_timestamp),
    ]
}

/// `kubectl get controllerrevisions` columns.
pub const REVISION_HEADER: [&str; 4] = ["NAME", "CONTROLLER", "REVISION", "AGE"];

/// `kubectl get leases` columns.
pub const LEASE_HEADER: [&str; 3] = ["NAME", "HOLDER", "AGE"];

/// `kubectl get leases` row (printLease: the holder identity).
pub fn lease_row(l: &crate::model::lease::Lease, now: Time, prefix: bool) -> Vec<String> {
    let name = if prefix {
        format!("lease.coordination.k8s.io/{}", l.metadata.name)
    } else {
        l.metadata.name.clone()
    };
    vec![
        name,
        l.spec.holder_identity.clone(),
        age(now, l.metadata.creation_timestamp),
    ]
}

/// `kubectl get namespaces` columns.
pub const NAMESPACE_HEADER: [&str; 3] = ["NAME", "STATUS", "AGE"];

/// `kubectl get namespaces` row (printNamespace: the phase as STATUS).
pub fn namespace_row(n: &crate::model::Namespace, now: Time, prefix: bool) -> Vec<String> {
    let name = if prefix {
        format!("namespace/{}", n.metadata.name)
    } else {
        n.metadata.name.clone()
    };
    let phase = n
        .status
        .as_ref()
        .map(|s| s.phase.clone())
        .unwrap_or_default();
    vec![name, phase, age(now, n.metadata.creation_timestamp)]
}

/// `kubectl get controllerrevisions` row (printControllerRevision: the controller as
/// `daemonset.apps/<name>`, or `<none>`).
pub fn revision_row(c: &ControllerRevision, now: Time, prefix: bool) -> Vec<String> {
    let controller = c
        .metadata
        .controller_ref()
        .map(|r| {
            let group = r.api_version.split_once('/').map_or("", |(g, _)| g);
            let kind = r.kind.to_ascii_lowercase();
            if group.is_empty() {
                format!("{kind}/{}", r.name)
            } else {
                format!("{kind}.{group}/{}", r.name)
            }
        })
        .unwrap_or_else(|| "<none>".into());
    let name = if prefix {
        format!("controllerrevision.apps/{}", c.metadata.name)
    } else {
        c.metadata.name.clone()
    };
    vec![
        name,
        controller,
        c.revision.to_string(),
        age(now, c.metadata.creation_timestamp),
    ]
}

/// `kubectl rollout status daemonset/<name>`: kubectl's message, and whether the rollout is
/// done (DaemonSetStatusViewer).
pub fn rollout_status(d: &DaemonSet) -> Result<(String, bool), String> {
    if !d.is_rolling_update() {
        return Err("rollout status is only available for RollingUpdate strategy type".into());
    }
    let s = d.status.clone().unwrap_or_default();
    let name = &d.metadata.name;
    if d.metadata.generation.unwrap_or(0) > s.observed_generation.unwrap_or(0) {
        return Ok((
            "Waiting for daemon set spec update to be observed...".into(),
            false,
        ));
    }
    if s.updated_number_scheduled < s.desired_number_scheduled {
        return Ok((
            format!(
                "Waiting for daemon set {name:?} rollout to finish: {} out of {} new pods have been updated...",
                s.updated_number_scheduled, s.desired_number_scheduled
            ),
            false,
        ));
    }
    if s.number_available < s.desired_number_scheduled {
        return Ok((
            format!(
                "Waiting for daemon set {name:?} rollout to finish: {} of {} updated pods are available...",
                s.number_available, s.desired_number_scheduled
            ),
            false,
        ));
    }
    Ok((format!("daemon set {name:?} successfully rolled out"), true))
}

fn header(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

/// Appends one table (header first) to `out`, a blank line apart from the one before; a
/// table without rows is left out.
fn section(out: &mut String, header: &[&str], rows: impl Iterator<Item = Vec<String>>) {
    let mut all = vec![self::header(header)];
    all.extend(rows);
    if all.len() == 1 {
        return;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&layout(&all));
}

/// A namespaced kind's table; with `all`, as `kubectl get -A` prints it (a NAMESPACE column).
fn namespaced_section<'a>(
    out: &mut String,
    header: &[&str],
    all: bool,
    rows: impl Iterator<Item = (&'a str, Vec<String>)>,
) {
    let mut head: Vec<&str> = header.to_vec();
    if all {
        head.insert(0, "NAMESPACE");
    }
    let rows = rows.map(|(ns, mut row)| {
        if all {
            row.insert(0, ns.to_string());
        }
        row
    });
    section(out, &head, rows);
}

/// Every kind's table (like `kubectl get nodes,pods`) and then `kubectl get events`; when
/// objects live outside the default namespace, as `kubectl get -A` prints them.
pub fn tables(w: &World) -> String {
    let now = w.wall_now();
    let mut out = String::new();
    let list = |kind| w.store.list(kind);
    let all = Kind::ALL
        .into_iter()
        .filter(|k| k.namespaced())
        .any(|k| list(k).any(|o| o.meta().ns() != crate::model::DEFAULT_NAMESPACE));
    section(
        &mut out,
        &["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
        list(Kind::Node)
            .filter_map(Object::as_node)
            .map(|n| node_row(n, now, true)),
    );
    namespaced_section(
        &mut out,
        &["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
        all,
        list(Kind::Pod)
            .filter_map(Object::as_pod)
            .map(|p| (p.metadata.ns(), pod_row(p, now, true))),
    );
    namespaced_section(
        &mut out,
        &JOB_HEADER,
        all,
        list(Kind::Job)
            .filter_map(Object::as_job)
            .map(|j| (j.metadata.ns(), job_row(j, now, true))),
    );
    namespaced_section(
        &mut out,
        &DAEMONSET_HEADER,
        all,
        list(Kind::DaemonSet)
            .filter_map(Object::as_daemonset)
            .map(|d| (d.metadata.ns(), daemonset_row(d, now, true))),
    );
    namespaced_section(
        &mut out,
        &REVISION_HEADER,
        all,
        list(Kind::ControllerRevision)
            .filter_map(Object::as_revision)
            .map(|c| (c.metadata.ns(), revision_row(c, now, true))),
    );
    namespaced_section(
        &mut out,
        &CRONJOB_HEADER,
        all,
        list(Kind::CronJob)
            .filter_map(Object::as_cronjob)
            .map(|c| (c.metadata.ns(), cronjob_row(c, now, true))),
    );
    namespaced_section(
        &mut out,
        &["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
        all,
        sorted_events(w).into_iter().map(|e| {
            let row = vec![
                age(now, e.last_timestamp),
                e.type_.clone(),
                e.reason.clone(),
                format!(
                    "{}/{}",
                    e.involved_object.kind.to_ascii_lowercase(),
                    e.involved_object.name
                ),
                e.message.clone(),
            ];
            (e.metadata.ns(), row)
        }),
    );
    if out.is_empty() {
        out.push_str("No resources found in default namespace.\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rollout_status_should_read_as_kubectl_prints_it() {
        let text = include_str!("../../tests/scenarios/daemonset-fluentd.yaml");
        let mut sim = crate::engine::Sim::new(crate::scenario::parse(text).unwrap());
        let status = |sim: &crate::engine::Sim, t: u64| {
            let w = sim.seek(crate::sim::SimTime(t));
            match w
                .store
                .get(Kind::DaemonSet, "default", "fluentd-elasticsearch")
            {
                Some(Object::DaemonSet(d)) => rollout_status(d).unwrap().0,
                _ => String::new(),
            }
        };
        sim.run();
        assert_eq!(
            status(&sim, 100_000),
            "Waiting for daemon set \"fluentd-elasticsearch\" rollout to finish: 0 out of 5 new pods have been updated..."
        );
        assert_eq!(
            status(&sim, 300_000),
            "daemon set \"fluentd-elasticsearch\" successfully rolled out"
        );
        let table = tables(sim.world());
        assert!(
            table.contains("controllerrevision.apps/fluentd-elasticsearch-"),
            "{table}"
        );
        assert!(
            table.contains("daemonset.apps/fluentd-elasticsearch   2"),
            "{table}"
        );
    }

    #[test]
    fn columns_should_be_padded_like_kubectl() {
        let rows = vec![
            vec![
                "NAME".to_string(),
                "READY".to_string(),
                "STATUS".to_string(),
            ],
            vec![
                "pod/pi-x7k2q".to_string(),
                "1/1".to_string(),
                "Running".to_string(),
            ],
        ];
        assert_eq!(
            layout(&rows),
            "NAME           READY   STATUS\npod/pi-x7k2q   1/1     Running\n"
        );
    }
}
