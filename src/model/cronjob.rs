//! batch/v1 CronJob: a schedule of Jobs, with the status the CronJob controller writes.

use super::job::JobSpec;
use super::{ObjectMeta, ObjectReference, Time};
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// A CronJob.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "CronJob")]
pub struct CronJob {
    /// `batch/v1`.
    pub api_version: String,
    /// `CronJob`.
    pub kind: String,
    /// Metadata.
    pub metadata: ObjectMeta,
    /// Desired state, shared by the CronJob's versions until a write changes it.
    pub spec: Rc<CronJobSpec>,
    /// Observed state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<CronJobStatus>,
}

impl PartialEq for CronJob {
    fn eq(&self, other: &CronJob) -> bool {
        self.api_version == other.api_version
            && self.kind == other.kind
            && self.metadata == other.metadata
            && super::same_shared(&self.spec, &other.spec)
            && self.status == other.status
    }
}

/// The CronJob spec.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CronJobSpec {
    /// Five-field cron schedule.
    pub schedule: String,
    /// IANA time zone of the schedule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// How late a missed run may still start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starting_deadline_seconds: Option<i64>,
    /// `Allow` (default), `Forbid` or `Replace`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concurrency_policy: Option<String>,
    /// Stop scheduling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspend: Option<bool>,
    /// The Job to create.
    pub job_template: JobTemplateSpec,
    /// Finished successful Jobs kept (default 3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub successful_jobs_history_limit: Option<i32>,
    /// Failed Jobs kept (default 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_jobs_history_limit: Option<i32>,
}

/// A Job template.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JobTemplateSpec {
    /// Metadata for created Jobs.
    pub metadata: ObjectMeta,
    /// The Job spec, shared with the Jobs made from it until admission changes theirs.
    pub spec: Rc<JobSpec>,
}

/// The CronJob status.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CronJobStatus {
    /// Running Jobs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub active: Vec<ObjectReference>,
    /// The latest scheduled time a Job was started for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_schedule_time: Option<Time>,
    /// When the latest Job succeeded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_successful_time: Option<Time>,
}
