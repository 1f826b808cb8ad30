//! Pod failure policy matching (`pkg/controller/job/pod_failure_policy.go`) and success policy
//! evaluation (`pkg/controller/job/success_policy.go`) for a Job.

use crate::model::job::{Job, PodFailurePolicy};
use crate::model::{indexes, Pod};
use std::collections::BTreeSet;

/// What a matching pod-failure-policy rule does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PfpAction {
    /// Fail the whole Job.
    FailJob,
    /// Fail the pod's index.
    FailIndex,
    /// Do not count the failure.
    Ignore,
    /// Count it as usual.
    Count,
}

/// Evaluates the policy on a failed pod: the first matching rule's action and the message
/// the Job condition would carry. `None`: no rule matched (default handling).
pub fn match_failure(policy: &PodFailurePolicy, pod: &Pod) -> Option<(PfpAction, String)> {
    if pod.phase() != "Failed" {
        return None;
    }
    let pod_ref = format!("{}/{}", pod.metadata.ns(), pod.metadata.name);
    let st = pod.status();
    for (i, rule) in policy.rules.iter().enumerate() {
        let action = match rule.action.as_str() {
            "FailJob" => PfpAction::FailJob,
            "FailIndex" => PfpAction::FailIndex,
            "Ignore" => PfpAction::Ignore,
            _ => PfpAction::Count,
        };
        if let Some(codes) = &rule.on_exit_codes {
            for cs in st
                .container_statuses
                .iter()
                .chain(&st.init_container_statuses)
            {
                let Some(t) = &cs.state.terminated else {
                    continue;
                };
                if t.exit_code == 0 || codes.container_name.as_ref().is_some_and(|n| *n != cs.name)
                {
                    continue;
                }
                let listed = codes.values.contains(&t.exit_code);
                if (codes.operator == "In" && listed) || (codes.operator == "NotIn" && !listed) {
                    let msg = format!(
                        "Container {} for pod {pod_ref} failed with exit code {} matching {} rule at index {i}",
                        cs.name, t.exit_code, rule.action
                    );
                    return Some((action, msg));
                }
            }
        }
        for c in &rule.on_pod_conditions {
            if st
                .conditions
                .iter()
                .any(|pc| pc.type_ == c.type_ && pc.status == c.status)
            {
                let msg = format!(
                    "Pod {pod_ref} has condition {} matching {} rule at index {i}",
                    c.type_, rule.action
                );
                return Some((action, msg));
            }
        }
    }
    None
}

/// The index of the first success-policy rule the completed indexes satisfy.
pub fn matched_success_rule(job: &Job, completed: &BTreeSet<i32>) -> Option<usize> {
    let policy = job.spec.success_policy.as_ref()?;
    let completions = job.spec.completions.unwrap_or_default();
    policy.rules.iter().position(|r| {
        let set = match &r.succeeded_indexes {
            Some(text) => match indexes::parse(text, completions) {
                Ok(s) => s,
                Err(_) => return false,
            },
            None => (0..completions).collect(),
        };
        let done = set.intersection(completed).count();
        match (r.succeeded_indexes.is_some(), r.succeeded_count) {
            (_, Some(n)) => done as i64 >= i64::from(n),
            (true, None) => done == set.len(),
            (false, None) => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::job::{OnExitCodes, OnPodCondition, PodFailurePolicyRule};
    use crate::model::pod::{
        ContainerState, ContainerStatus, PodCondition, PodStatus, StateTerminated,
    };

    fn failed_pod(code: i32, condition: Option<&str>) -> Pod {
        let mut p = Pod::default();
        p.metadata.name = "p".into();
        p.metadata.namespace = Some("default".into());
        let mut st = PodStatus {
            phase: "Failed".into(),
            ..PodStatus::default()
        };
        st.container_statuses.push(ContainerStatus {
            name: "main".into(),
            state: ContainerState {
                terminated: Some(StateTerminated {
                    exit_code: code,
                    ..StateTerminated::default()
                }),
                ..ContainerState::default()
            },
            ..ContainerStatus::default()
        });
        if let Some(c) = condition {
            st.conditions.push(PodCondition {
                type_: c.into(),
                status: "True".into(),
                ..PodCondition::default()
            });
        }
        p.status = Some(st);
        p
    }

    fn policy() -> PodFailurePolicy {
        PodFailurePolicy {
            rules: vec![
                PodFailurePolicyRule {
                    action: "Ignore".into(),
                    on_pod_conditions: vec![OnPodCondition {
                        type_: "DisruptionTarget".into(),
                        status: "True".into(),
                    }],
                    ..Default::default()
                },
                PodFailurePolicyRule {
                    action: "FailJob".into(),
                    on_exit_codes: Some(OnExitCodes {
                        container_name: None,
                        operator: "In".into(),
                        values: vec![42],
                    }),
                    ..Default::default()
                },
            ],
        }
    }

    #[test]
    fn the_first_matching_rule_should_win_with_the_real_message() {
        assert_eq!(
            match_failure(&policy(), &failed_pod(42, None)),
            Some((PfpAction::FailJob, "Container main for pod default/p failed with exit code 42 matching FailJob rule at index 1".into()))
        );
        assert_eq!(
            match_failure(&policy(), &failed_pod(42, Some("DisruptionTarget"))),
            Some((
                PfpAction::Ignore,
                "Pod default/p has condition DisruptionTarget matching Ignore rule at index 0"
                    .into()
            ))
        );
        assert_eq!(match_failure(&policy(), &failed_pod(1, None)), None);
    }
}
