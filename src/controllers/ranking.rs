//! ctrl-utils `ActivePods` ordering: which pods are least valuable when some must be deleted.

use crate::model::Pod;
use std::cmp::Ordering;

fn phase_rank(p: &Pod) -> u8 {
    match p.phase() {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 3,
    }
}

fn ready_since(p: &Pod) -> Option<crate::model::Time> {
    p.condition("Ready")
        .filter(|c| c.status == "True")
        .and_then(|c| c.last_transition_time)
}

fn restarts(p: &Pod) -> i32 {
    p.status()
        .container_statuses
        .iter()
        .map(|c| c.restart_count)
        .max()
        .unwrap_or(0)
}

/// Orders pods so that the ones to delete first come first: unassigned before assigned,
/// Pending before Unknown before Running, not ready before ready, ready more recently first,
/// more restarts first, newer first.
pub fn compare(a: &Pod, b: &Pod) -> Ordering {
    let assigned = |p: &Pod| p.node_name().is_some();
    assigned(a)
        .cmp(&assigned(b))
        .then_with(|| phase_rank(a).cmp(&phase_rank(b)))
        .then_with(|| a.is_ready().cmp(&b.is_ready()))
        .then_with(|| match (ready_since(a), ready_since(b)) {
            (Some(x), Some(y)) => y.cmp(&x),
            _ => Ordering::Equal,
        })
        .then_with(|| restarts(b).cmp(&restarts(a)))
        .then_with(|| {
            let created = |p: &Pod| {
                p.metadata
                    .creation_timestamp
                    .map(|t| t.0)
                    .unwrap_or(i64::MAX)
            };
            created(b).cmp(&created(a))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pod::{PodCondition, PodStatus};
    use crate::model::Time;

    fn pod(name: &str, node: Option<&str>, phase: &str, ready: Option<i64>, created: i64) -> Pod {
        let mut p = Pod::default();
        p.metadata.name = name.into();
        p.metadata.creation_timestamp = Some(Time(created));
        std::rc::Rc::make_mut(&mut p.spec).node_name = node.map(str::to_string);
        let mut st = PodStatus {
            phase: phase.into(),
            ..PodStatus::default()
        };
        if let Some(t) = ready {
            st.conditions.push(PodCondition {
                type_: "Ready".into(),
                status: "True".into(),
                last_transition_time: Some(Time(t)),
                ..PodCondition::default()
            });
        }
        p.status = Some(st);
        p
    }

    #[test]
    fn pods_should_be_ranked_least_valuable_first() {
        let mut pods = [
            pod("ready-old", Some("n"), "Running", Some(10), 1),
            pod("unassigned", None, "Pending", None, 5),
            pod("running-unready", Some("n"), "Running", None, 1),
            pod("pending", Some("n"), "Pending", None, 1),
            pod("ready-new", Some("n"), "Running", Some(20), 1),
        ];
        crate::sort::sort_by(&mut pods, compare);
        let names: Vec<&str> = pods.iter().map(|p| p.metadata.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "unassigned",
                "pending",
                "running-unready",
                "ready-new",
                "ready-old"
            ]
        );
    }
}
