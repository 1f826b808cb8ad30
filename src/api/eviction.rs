//! The pods/eviction subresource (`pkg/registry/core/pod/storage/eviction.go`): with no
//! PodDisruptionBudgets to consult, an eviction marks the pod with a `DisruptionTarget`
//! condition (reason `EvictionByEvictionAPI`, as `addConditionAndDeletePod` does) and then
//! deletes it with its own grace period. `kubectl drain` evicts this way.

use super::{delete, mutate_pod, ApiError, DeleteOptions};
use crate::cluster::Client;
use crate::model::pod::PodCondition;
use crate::sim::Update;

/// The condition's reason and message.
pub const EVICTION_REASON: &str = "EvictionByEvictionAPI";
const EVICTION_MESSAGE: &str = "Eviction API: evicting";

/// Evicts a pod: the DisruptionTarget condition first, then the delete.
pub fn evict(w: &mut Client<'_>, namespace: &str, name: &str) -> Result<(), ApiError> {
    let now = w.wall_now();
    mutate_pod(
        w,
        namespace,
        name,
        Update::Condition {
            type_: "DisruptionTarget".into(),
            status: "True".into(),
            reason: EVICTION_REASON.into(),
        },
        |p| {
            // podutil.UpdatePodCondition: replaced in place, or appended.
            let st = p.status.get_or_insert_with(Default::default);
            let condition = PodCondition {
                type_: "DisruptionTarget".into(),
                status: "True".into(),
                last_probe_time: None,
                last_transition_time: Some(now),
                reason: Some(EVICTION_REASON.into()),
                message: Some(EVICTION_MESSAGE.into()),
            };
            match st
                .conditions
                .iter_mut()
                .find(|c| c.type_ == "DisruptionTarget")
            {
                Some(c) => {
                    if c.status == condition.status {
                        let since = c.last_transition_time;
                        *c = condition;
                        c.last_transition_time = since;
                    } else {
                        *c = condition;
                    }
                }
                None => st.conditions.push(condition),
            }
        },
    )?;
    delete(
        w,
        crate::model::Kind::Pod,
        namespace,
        name,
        DeleteOptions::default(),
    )
    .map(|_| ())
}
