//! batch/v1 Job: spec fields with their real names, and the status the Job controller writes.

use super::pod::PodTemplateSpec;
use super::{LabelSelector, ObjectMeta, Time};
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// The finalizer that holds a Job's pod until the Job controller has counted it
/// (`batch.kubernetes.io/job-tracking`, `k8s.io/api/batch/v1/types.go`).
pub const TRACKING_FINALIZER: &str = "batch.kubernetes.io/job-tracking";
/// Label and annotation carrying an Indexed Job pod's index.
pub const COMPLETION_INDEX: &str = "batch.kubernetes.io/job-completion-index";
/// Annotation counting an index's failures (backoffLimitPerIndex).
pub const INDEX_FAILURE_COUNT: &str = "batch.kubernetes.io/job-index-failure-count";

/// A Job.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "Job")]
pub struct Job {
    /// `batch/v1`.
    pub api_version: String,
    /// `Job`.
    pub kind: String,
    /// Metadata.
    pub metadata: ObjectMeta,
    /// Desired state, shared by the Job's versions until a write changes it: a status write
    /// copies the metadata and the status, not the spec and its pod template.
    pub spec: Rc<JobSpec>,
    /// Observed state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<JobStatus>,
}

impl PartialEq for Job {
    fn eq(&self, other: &Job) -> bool {
        self.api_version == other.api_version
            && self.kind == other.kind
            && self.metadata == other.metadata
            && super::same_shared(&self.spec, &other.spec)
            && self.status == other.status
    }
}

/// The Job spec.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JobSpec {
    /// Pods running at once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallelism: Option<i32>,
    /// Successful pods needed (nil: a work-queue Job).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completions: Option<i32>,
    /// Seconds the Job may be active.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_deadline_seconds: Option<i64>,
    /// Rules for failed pods.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod_failure_policy: Option<PodFailurePolicy>,
    /// Rules that declare an Indexed Job succeeded early.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success_policy: Option<SuccessPolicy>,
    /// Failures tolerated (default 6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backoff_limit: Option<i32>,
    /// Failures tolerated per index (Indexed only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backoff_limit_per_index: Option<i32>,
    /// Failed indexes tolerated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_failed_indexes: Option<i32>,
    /// Which pods belong to the Job (generated unless manualSelector).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    /// Use the given selector instead of a generated one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manual_selector: Option<bool>,
    /// The pod template.
    pub template: PodTemplateSpec,
    /// Seconds after finishing before the Job is deleted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ttl_seconds_after_finished: Option<i32>,
    /// `NonIndexed` (default) or `Indexed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completion_mode: Option<String>,
    /// Whether the Job is suspended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspend: Option<bool>,
    /// `TerminatingOrFailed` (default) or `Failed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod_replacement_policy: Option<String>,
    /// The controller that manages the Job.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub managed_by: Option<String>,
}

/// `spec.podFailurePolicy`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodFailurePolicy {
    /// Rules, first match wins.
    pub rules: Vec<PodFailurePolicyRule>,
}

/// One rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodFailurePolicyRule {
    /// `FailJob`, `FailIndex`, `Ignore` or `Count`.
    pub action: String,
    /// Match on container exit codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_exit_codes: Option<OnExitCodes>,
    /// Match on pod conditions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub on_pod_conditions: Vec<OnPodCondition>,
}

/// `onExitCodes`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OnExitCodes {
    /// Restrict to one container.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_name: Option<String>,
    /// `In` or `NotIn`.
    pub operator: String,
    /// Exit codes.
    pub values: Vec<i32>,
}

/// `onPodConditions` entry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OnPodCondition {
    /// Condition type, e.g. `DisruptionTarget`.
    #[serde(rename = "type")]
    pub type_: String,
    /// `True` (default), `False` or `Unknown`.
    pub status: String,
}

/// `spec.successPolicy`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SuccessPolicy {
    /// Rules, any match declares success.
    pub rules: Vec<SuccessPolicyRule>,
}

/// One success rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SuccessPolicyRule {
    /// Indexes that must succeed, e.g. `0,2-4`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub succeeded_indexes: Option<String>,
    /// How many (of those) must succeed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub succeeded_count: Option<i32>,
}

/// The Job status.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JobStatus {
    /// Conditions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<JobCondition>,
    /// When the Job started (reset on resume).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Time>,
    /// When it completed (success only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completion_time: Option<Time>,
    /// Active pods.
    #[serde(skip_serializing_if = "is_zero")]
    pub active: i32,
    /// Succeeded pods.
    #[serde(skip_serializing_if = "is_zero")]
    pub succeeded: i32,
    /// Failed pods.
    #[serde(skip_serializing_if = "is_zero")]
    pub failed: i32,
    /// Terminating pods.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminating: Option<i32>,
    /// Indexed: completed indexes, compressed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub completed_indexes: String,
    /// Indexed with backoffLimitPerIndex: failed indexes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_indexes: Option<String>,
    /// Terminated pods not yet counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncounted_terminated_pods: Option<UncountedTerminatedPods>,
    /// Ready pods.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ready: Option<i32>,
}

fn is_zero(v: &i32) -> bool {
    *v == 0
}

/// Pod uids awaiting accounting.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UncountedTerminatedPods {
    /// Succeeded pod uids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub succeeded: Vec<String>,
    /// Failed pod uids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<String>,
}

/// A Job condition.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JobCondition {
    /// `Suspended`, `FailureTarget`, `SuccessCriteriaMet`, `Complete` or `Failed`.
    #[serde(rename = "type")]
    pub type_: String,
    /// `True` or `False`.
    pub status: String,
    /// Last probe.
    pub last_probe_time: Option<Time>,
    /// Last change.
    pub last_transition_time: Option<Time>,
    /// Reason.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Message.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub message: String,
}

impl Job {
    /// The status, or an empty one.
    pub fn status(&self) -> JobStatus {
        self.status.clone().unwrap_or_default()
    }

    /// Whether a condition is present with status True.
    pub fn has_condition(&self, type_: &str) -> bool {
        self.status.as_ref().is_some_and(|s| {
            s.conditions
                .iter()
                .any(|c| c.type_ == type_ && c.status == "True")
        })
    }

    /// Complete or Failed.
    pub fn is_finished(&self) -> bool {
        self.has_condition("Complete") || self.has_condition("Failed")
    }

    /// Whether the Job uses Indexed completion.
    pub fn is_indexed(&self) -> bool {
        self.spec.completion_mode.as_deref() == Some("Indexed")
    }
}
